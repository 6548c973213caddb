import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCode } from "../../testing/assertions.ts";
import { createTestApp, signIn, type TestApp } from "../../testing/test-app.ts";
import { AppError } from "../errors.ts";
import { createOrganisation } from "./orgs.service.ts";

describe("creating an organisation", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it("makes the tenant, its national territory and an admin who signs in and sees only this org", async () => {
    const made = await createOrganisation(t.database.handle.db, {
      slug: "acme-traders",
      name: "Acme Traders Ltd",
      nameBn: "অ্যাকমি ট্রেডার্স লিমিটেড",
      defaultLocale: "en",
      admin: { email: "boss@acme.example", name: "Karim Ahmed", password: "a-long-password-1" },
    });
    expect(made.invitePath).toBeNull();
    const admin = await signIn(t.app, "boss@acme.example", "a-long-password-1");
    const session = (await admin.request("GET", "/api/v1/auth/session")).json();
    expect(session.user).toMatchObject({ orgId: made.orgId, role: "admin", orgNameBn: "অ্যাকমি ট্রেডার্স লিমিটেড" });
    const users = (await admin.request("GET", "/api/v1/users?status=all")).json();
    expect(users.items.map((u: { id: string }) => u.id)).toEqual([made.adminId]);
    const roots = (await admin.request("GET", "/api/v1/territories")).json();
    expect(roots.items).toHaveLength(1);
    expect(roots.items[0]).toMatchObject({ level: "national", code: "BD", childCount: 0 });
    const audit = (await admin.request("GET", "/api/v1/audit")).json();
    expect(audit.items.map((a: { entity: string; action: string }) => `${a.entity}.${a.action}`).sort()).toEqual([
      "org.create",
      "session.sign_in",
      "user.create",
    ]);
  });

  it("invites the admin when no password is given", async () => {
    const made = await createOrganisation(t.database.handle.db, {
      slug: "beta-foods",
      name: "Beta Foods",
      defaultLocale: "bn",
      admin: { email: "owner@beta.example", name: "Rina Akter" },
    });
    expect(made.invitePath).toMatch(new RegExp(`^/invite/${made.orgId}\\.`));
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/invites/accept",
      payload: { token: made.invitePath?.split("/").pop(), password: "my-first-password" },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ orgId: made.orgId, role: "admin", locale: "bn" });
  });

  it("refuses a taken slug or admin email and leaves nothing behind", async () => {
    const before = await t.database.handle.db.selectFrom("orgs").select("id").execute();
    const attempt = (slug: string, email: string) =>
      createOrganisation(t.database.handle.db, {
        slug,
        name: "Again",
        defaultLocale: "bn",
        admin: { email, name: "Someone", password: "a-long-password-2" },
      }).then(
        () => "created",
        (e: unknown) => (e instanceof AppError ? e.code : String(e)),
      );
    expect(await attempt("acme-traders", "new@acme.example")).toBe("org.slug_taken");
    expect(await attempt("gamma", "boss@acme.example")).toBe("user.email_taken");
    expect(await t.database.handle.db.selectFrom("orgs").select("id").execute()).toEqual(before);
    const gamma = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      payload: { email: "boss@acme.example", password: "a-long-password-2" },
    });
    expect(errorCode(gamma)).toBe("auth.invalid_credentials");
  });
});
