import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasBengali, must, tokenSecret } from "../testing/assertions.ts";
import { createTestApp, ORG_A_DOMAIN, ORG_B_DOMAIN, PASSWORD, signIn, type TestApp } from "../testing/test-app.ts";
import { sha256 } from "./secrets.ts";

describe("sign-in and sessions", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_MAX_FAILURES: "3", LOGIN_LOCK_MINUTES: "15" });
  });
  afterAll(() => t.close());

  const signInRaw = (email: string, password: string, lang = "en") =>
    t.app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      headers: { "accept-language": lang },
      payload: { email, password },
    });

  it("signs in with the right password and returns the user, the CSRF token and a cookie", async () => {
    const res = await signInRaw(`admin@${ORG_A_DOMAIN}`, PASSWORD);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toMatchObject({ email: `admin@${ORG_A_DOMAIN}`, role: "admin", orgId: t.orgA.orgId });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const cookie = res.cookies.find((c) => c.name === "bikri_session");
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");
    expect(cookie?.value.startsWith(`${t.orgA.orgId}.`)).toBe(true);
  });

  it("refuses a wrong password with 401 and a localized message", async () => {
    const res = await signInRaw(`marketing@${ORG_A_DOMAIN}`, "not-the-password", "bn");
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe("auth.invalid_credentials");
    expect(hasBengali(res.json().error.message)).toBe(true);
  });

  it("answers an unknown email exactly like a wrong password", async () => {
    const res = await signInRaw(`nobody@${ORG_A_DOMAIN}`, "whatever-password");
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe("auth.invalid_credentials");
  });

  it("locks the account after repeated failures, even for the right password, and audits it", async () => {
    const email = `service@${ORG_A_DOMAIN}`;
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await signInRaw(email, `wrong-${i}`)).statusCode);
    expect(statuses).toEqual([401, 401, 423]);
    const locked = await signInRaw(email, PASSWORD);
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe("auth.locked");
    expect(locked.json().error.message).toContain("15");
    const audit = await t.database.handle.db
      .selectFrom("audit_log")
      .select(["action", "entity_id"])
      .where("org_id", "=", t.orgA.orgId)
      .where("action", "=", "lock")
      .execute();
    expect(audit).toEqual([{ action: "lock", entity_id: t.orgA.usersByRole.service }]);
  });

  it("rejects an expired session with auth.session_expired", async () => {
    const caller = await signIn(t.app, `manager@${ORG_A_DOMAIN}`);
    await t.database.handle.db
      .updateTable("sessions")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("org_id", "=", t.orgA.orgId)
      .where("user_id", "=", t.orgA.usersByRole.manager)
      .execute();
    const res = await caller.request("GET", "/api/v1/auth/session");
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe("auth.session_expired");
  });

  it("slides the session: a request after a while moves the expiry and both cookies forward", async () => {
    const caller = await signIn(t.app, `distributor@${ORG_A_DOMAIN}`);
    const soon = new Date(Date.now() + 60_000);
    await t.database.handle.db
      .updateTable("sessions")
      .set({ last_seen_at: new Date(Date.now() - 10 * 60_000), expires_at: soon })
      .where("org_id", "=", t.orgA.orgId)
      .where("user_id", "=", t.orgA.usersByRole.distributor)
      .execute();
    const res = await caller.request("GET", "/api/v1/auth/session");
    expect(res.statusCode).toBe(200);
    const cookies = new Map(res.cookies.map((c) => [c.name, c]));
    for (const name of ["bikri_session", "bikri_csrf"]) {
      const expires = cookies.get(name)?.expires;
      expect(expires, name).toBeInstanceOf(Date);
      expect((expires as Date).getTime()).toBeGreaterThan(Date.now() + 24 * 3600_000);
    }
    const row = await t.database.handle.db
      .selectFrom("sessions")
      .select("expires_at")
      .where("org_id", "=", t.orgA.orgId)
      .where("user_id", "=", t.orgA.usersByRole.distributor)
      .executeTakeFirstOrThrow();
    expect(row.expires_at.getTime()).toBeGreaterThan(soon.getTime());
    // Right after, nothing to extend: no cookies are re-sent.
    expect((await caller.request("GET", "/api/v1/auth/session")).cookies).toEqual([]);
  });

  it("requires the CSRF token on cookie-authenticated writes", async () => {
    const caller = await signIn(t.app, `admin@${ORG_A_DOMAIN}`);
    const without = await t.app.inject({
      method: "PATCH",
      url: "/api/v1/auth/me",
      headers: { cookie: caller.cookie, "accept-language": "bn" },
      payload: { locale: "bn" },
    });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe("auth.csrf");
    expect(hasBengali(without.json().error.message)).toBe(true);
    const wrong = await t.app.inject({
      method: "PATCH",
      url: "/api/v1/auth/me",
      headers: { cookie: caller.cookie, "x-csrf-token": "forged" },
      payload: { locale: "bn" },
    });
    expect(wrong.statusCode).toBe(403);
    const right = await caller.request("PATCH", "/api/v1/auth/me", { locale: "bn" });
    expect(right.statusCode).toBe(200);
    expect(right.json().locale).toBe("bn");
  });

  it("answers 401 to a request without a session, and signs out", async () => {
    const anon = await t.app.inject({ method: "GET", url: "/api/v1/users" });
    expect(anon.statusCode).toBe(401);
    expect(anon.json().error.code).toBe("auth.required");
    const caller = await signIn(t.app, `rep@${ORG_A_DOMAIN}`);
    expect((await caller.request("POST", "/api/v1/auth/sign-out")).statusCode).toBe(204);
    expect((await caller.request("GET", "/api/v1/auth/session")).statusCode).toBe(401);
  });

  it("changes the password: the old one stops working and other sessions end", async () => {
    const email = `retailer@${ORG_A_DOMAIN}`;
    const first = await signIn(t.app, email);
    const second = await signIn(t.app, email);
    const wrongCurrent = await first.request("POST", "/api/v1/auth/password", {
      currentPassword: "nope",
      newPassword: "a-new-long-password",
    });
    expect(wrongCurrent.statusCode).toBe(400);
    const tooShort = await first.request("POST", "/api/v1/auth/password", {
      currentPassword: PASSWORD,
      newPassword: "short",
    });
    expect(tooShort.statusCode).toBe(400);
    const ok = await first.request("POST", "/api/v1/auth/password", {
      currentPassword: PASSWORD,
      newPassword: "a-new-long-password",
    });
    expect(ok.statusCode).toBe(204);
    expect((await first.request("GET", "/api/v1/auth/session")).statusCode).toBe(200);
    expect((await second.request("GET", "/api/v1/auth/session")).statusCode).toBe(401);
    expect((await signInRaw(email, PASSWORD)).statusCode).toBe(401);
    expect((await signInRaw(email, "a-new-long-password")).statusCode).toBe(200);
  });

  it("authenticates integrations with hashed Bearer API tokens, and stops after revocation", async () => {
    const admin = await signIn(t.app, `admin@${ORG_A_DOMAIN}`);
    const created = await admin.request("POST", "/api/v1/api-tokens", { name: "ERP sync" });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^bikri_[0-9a-f]{32}_/);
    const stored = await t.database.handle.db
      .selectFrom("api_tokens")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(tokenSecret(token));
    expect(stored.token_hash).toBe(sha256(tokenSecret(token)));
    const bearer = { authorization: `Bearer ${token}` };
    const list = await t.app.inject({ method: "GET", url: "/api/v1/users?limit=5", headers: bearer });
    expect(list.statusCode).toBe(200);
    const who = await t.app.inject({ method: "GET", url: "/api/v1/auth/session", headers: bearer });
    expect(who.json()).toMatchObject({
      user: { role: "admin", orgId: t.orgA.orgId },
      csrfToken: null,
      expiresAt: null,
    });
    // Bearer callers have no cookie, so they need no CSRF token to write.
    const write = await t.app.inject({
      method: "PATCH",
      url: "/api/v1/auth/me",
      headers: bearer,
      payload: { locale: "en" },
    });
    expect(write.statusCode).toBe(200);
    expect((await admin.request("POST", `/api/v1/api-tokens/${id}/revoke`)).statusCode).toBe(204);
    const after = await t.app.inject({ method: "GET", url: "/api/v1/users", headers: bearer });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe("auth.invalid_token");
  });

  it("lets an invited user set a password once", async () => {
    const admin = await signIn(t.app, `admin@${ORG_A_DOMAIN}`);
    const created = await admin.request("POST", "/api/v1/users", {
      email: `invitee@${ORG_A_DOMAIN}`,
      name: "Nusrat Jahan",
      role: "marketing",
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().status).toBe("invited");
    const token = String(created.json().inviteUrl).split("/").pop() ?? "";
    // The same secret under another org's id is no invitation.
    const elsewhere = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/invites/accept",
      payload: { token: token.replace(t.orgA.orgId, t.orgB.orgId), password: "my-own-password" },
    });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().error.code).toBe("auth.invite_invalid");
    const accept = () =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/auth/invites/accept",
        payload: { token, password: "my-own-password" },
      });
    const first = await accept();
    expect(first.statusCode).toBe(200);
    expect(first.json().user.email).toBe(`invitee@${ORG_A_DOMAIN}`);
    expect((await accept()).statusCode).toBe(400);
    expect((await signInRaw(`invitee@${ORG_A_DOMAIN}`, "my-own-password")).statusCode).toBe(200);
  });
});

describe("login rate limiting", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_PER_MINUTE: "5", LOGIN_MAX_FAILURES: "100" });
  });
  afterAll(() => t.close());

  it("answers 429 with a localized message once an address exceeds the per-minute limit", async () => {
    const statuses: number[] = [];
    let last: { code: string; message: string } | undefined;
    for (let i = 0; i < 7; i++) {
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/auth/sign-in",
        headers: { "accept-language": "bn" },
        payload: { email: `admin@${ORG_A_DOMAIN}`, password: `wrong-${i}` },
      });
      statuses.push(res.statusCode);
      last = res.json().error;
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    expect(last?.code).toBe("request.rate_limited");
    expect(hasBengali(last?.message)).toBe(true);
  });
});

describe("sign-in with a mobile number (retailers)", () => {
  let t: TestApp;
  let retailerPhone: string;
  beforeAll(async () => {
    t = await createTestApp();
    // The demo retailer signs in with the number of the outlet they own.
    const row = await t.database.handle.db
      .selectFrom("users")
      .select("phone")
      .where("id", "=", t.orgA.usersByRole.retailer)
      .executeTakeFirstOrThrow();
    retailerPhone = row.phone ?? "";
    expect(retailerPhone).toMatch(/^\+8801[3-9]\d{8}$/);
  });
  afterAll(() => t.close());

  const post = (payload: Record<string, unknown>, lang = "en") =>
    t.app.inject({ method: "POST", url: "/api/v1/auth/sign-in", headers: { "accept-language": lang }, payload });
  const local = () => `0${retailerPhone.slice(4)}`;
  const bengali = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0x09e6 + Number(d)));

  it.each([
    { form: "local", phone: () => local() },
    { form: "international with spaces", phone: () => `+880 ${retailerPhone.slice(4, 8)} ${retailerPhone.slice(8)}` },
    { form: "with a dash", phone: () => `${local().slice(0, 5)}-${local().slice(5)}` },
    { form: "Bengali digits", phone: () => bengali(local()) },
  ])("signs the retailer in with the number written $form, into their outlet", async ({ phone }) => {
    const res = await post({ phone: phone(), password: PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({
      id: t.orgA.usersByRole.retailer,
      role: "retailer",
      orgId: t.orgA.orgId,
      scope: { kind: "outlet" },
    });
    expect(res.cookies.find((c) => c.name === "bikri_session")?.value.startsWith(`${t.orgA.orgId}.`)).toBe(true);
  });

  it("answers a wrong password and an unknown number alike, in the caller's language", async () => {
    const wrong = await post({ phone: local(), password: "not-the-password" }, "bn");
    const unknown = await post({ phone: "01999999999", password: PASSWORD }, "bn");
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe("auth.invalid_credentials");
      expect(hasBengali(res.json().error.message)).toBe(true);
    }
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
  });

  it.each([
    {
      what: "a number that is not a Bangladesh mobile",
      payload: { phone: "12345", password: PASSWORD },
      field: "phone",
    },
    {
      what: "both an email and a number",
      payload: { email: `retailer@${ORG_A_DOMAIN}`, phone: "01711111111", password: PASSWORD },
      field: "email",
    },
    { what: "neither an email nor a number", payload: { password: PASSWORD }, field: "email" },
  ])("refuses $what with 400 and a message in Bengali", async ({ payload, field }) => {
    const res = await post(payload, "bn");
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("request.invalid");
    const issues = res.json().error.details.issues as { field: string; message: string }[];
    expect(issues.map((i) => i.field)).toContain(field);
    expect(issues.every((i) => hasBengali(i.message))).toBe(true);
    expect(res.cookies.find((c) => c.name === "bikri_session")).toBeUndefined();
  });

  it("refuses a deactivated retailer who signs in by number", async () => {
    const admin = await signIn(t.app, `admin@${ORG_A_DOMAIN}`);
    expect((await admin.request("POST", `/api/v1/users/${t.orgA.usersByRole.retailer}/deactivate`)).statusCode).toBe(
      200,
    );
    const res = await post({ phone: local(), password: PASSWORD });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("auth.deactivated");
    expect((await admin.request("POST", `/api/v1/users/${t.orgA.usersByRole.retailer}/reactivate`)).statusCode).toBe(
      200,
    );
    expect((await post({ phone: local(), password: PASSWORD })).statusCode).toBe(200);
  });

  it("keeps a number to one login: a second user with it is refused with 409 and nothing is written", async () => {
    const admin = await signIn(t.app, `admin@${ORG_B_DOMAIN}`);
    const email = `same.phone@${ORG_B_DOMAIN}`;
    const res = await admin.request(
      "POST",
      "/api/v1/users",
      { email, name: "Same Phone", role: "service", phone: local() },
      {
        "accept-language": "bn",
      },
    );
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe("user.phone_taken");
    expect(hasBengali(res.json().error.message)).toBe(true);
    const rows = await t.database.handle.db.selectFrom("users").select("id").where("email", "=", email).execute();
    expect(rows).toEqual([]);
    const other = must(
      await t.database.handle.db
        .selectFrom("users")
        .select("id")
        .where("org_id", "=", t.orgB.orgId)
        .where("email", "=", `service@${ORG_B_DOMAIN}`)
        .executeTakeFirst(),
      "org B service user",
    );
    const patch = await admin.request("PATCH", `/api/v1/users/${other.id}`, { phone: local() });
    expect(patch.statusCode).toBe(409);
    expect(patch.json().error.code).toBe("user.phone_taken");
  });
});
