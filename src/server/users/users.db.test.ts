// User administration end to end: who may read and manage users (PERMISSIONS in access.ts), how a manager's
// territory subtree narrows what they see and whom they may create, what an admin may do, and the cursor
// pagination of the user list. Expectations about visibility are computed from the database, not assumed.
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "../../shared/roles.ts";
import { PERMISSIONS } from "../platform/access.ts";
import { encodeCursor } from "../platform/pagination.ts";
import { errorCode, must } from "../testing/assertions.ts";
import {
  type Caller,
  createTestApp,
  ORG_A_DOMAIN,
  ORG_B_DOMAIN,
  PASSWORD,
  signIn,
  type TestApp,
} from "../testing/test-app.ts";
import { sha256 } from "./secrets.ts";

const idsOf = (res: LightMyRequestResponse): string[] => res.json().items.map((u: { id: string }) => u.id);

describe("users", () => {
  let t: TestApp;
  let admin: Caller;
  let manager: Caller;
  const code = (c: string) => must(t.orgA.territoryIdByCode.get(c), `territory ${c}`);
  const db = () => t.database.handle.db;
  const signInRaw = (email: string, password = PASSWORD) =>
    t.app.inject({ method: "POST", url: "/api/v1/auth/sign-in", payload: { email, password } });

  /** All of org A's users, to prove that a refused write changed none of them. */
  const usersOfA = () =>
    db().selectFrom("users").selectAll().where("org_id", "=", t.orgA.orgId).orderBy("id").execute();
  const userRow = (id: string) =>
    db()
      .selectFrom("users")
      .selectAll()
      .where("org_id", "=", t.orgA.orgId)
      .where("id", "=", id)
      .executeTakeFirstOrThrow();

  /** Org A's users whose territory lies in the subtree of `territoryCode`, ordered as the API orders them. */
  async function usersUnder(territoryCode: string, status: "active" | "all" = "active") {
    const root = await db()
      .selectFrom("territories")
      .select("path")
      .where("org_id", "=", t.orgA.orgId)
      .where("id", "=", code(territoryCode))
      .executeTakeFirstOrThrow();
    let q = db()
      .selectFrom("users as u")
      .innerJoin("territories as t", (j) => j.onRef("t.org_id", "=", "u.org_id").onRef("t.id", "=", "u.territory_id"))
      .select("u.id")
      .where("u.org_id", "=", t.orgA.orgId)
      .where("t.path", "like", `${root.path}%`);
    if (status === "active") q = q.where("u.deactivated_at", "is", null);
    return (await q.orderBy("u.name").orderBy("u.id").execute()).map((r) => r.id);
  }

  /** Follows nextCursor from the first page until it is null. */
  async function allPages(caller: Caller, query: string) {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 100; page++) {
      const url: string = `/api/v1/users?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const res = await caller.request("GET", url);
      expect(res.statusCode).toBe(200);
      const items = idsOf(res);
      cursor = res.json().nextCursor;
      seen.push(...items);
      if (!cursor) return seen;
    }
    throw new Error("pagination did not end");
  }

  let ctgRepId: string;
  let dhakaManagerId: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t.app, `admin@${ORG_A_DOMAIN}`);
    manager = await signIn(t.app, `manager@${ORG_A_DOMAIN}`);
    const ctg = await admin.request("POST", "/api/v1/users", {
      email: `ctg.rep@${ORG_A_DOMAIN}`,
      name: "Chattogram Rep",
      role: "rep",
      territoryId: code("CHA-CTG-KOT"),
      password: "ctg-rep-password",
    });
    expect(ctg.statusCode).toBe(201);
    ctgRepId = ctg.json().id;
    const dm = await admin.request("POST", "/api/v1/users", {
      email: `gazipur.manager@${ORG_A_DOMAIN}`,
      name: "Gazipur Manager",
      role: "manager",
      territoryId: code("DHA-GAZ"),
      password: "gazipur-manager-password",
    });
    expect(dm.statusCode).toBe(201);
    dhakaManagerId = dm.json().id;
  });
  afterAll(() => t?.close());

  describe("who may read and manage users", () => {
    it.each([...ROLES])("GET /users as %s follows PERMISSIONS['users.read']", async (role) => {
      const caller = await signIn(t.app, `${role}@${ORG_A_DOMAIN}`);
      const res = await caller.request("GET", "/api/v1/users");
      const allowed = (PERMISSIONS["users.read"] as readonly Role[]).includes(role);
      expect(res.statusCode).toBe(allowed ? 200 : 403);
      if (!allowed) expect(errorCode(res)).toBe("access.forbidden");
    });

    it("only admins and managers hold users.read and users.write", () => {
      expect([...PERMISSIONS["users.read"]].sort()).toEqual(["admin", "manager"]);
      expect([...PERMISSIONS["users.write"]].sort()).toEqual(["admin", "manager"]);
    });

    const forbiddenRoles = ROLES.filter((r) => !(PERMISSIONS["users.read"] as readonly Role[]).includes(r));
    const endpoints: { what: string; method: "GET" | "POST" | "PATCH"; url: () => string; body?: unknown }[] = [
      { what: "GET /users", method: "GET", url: () => "/api/v1/users" },
      { what: "GET /users/:id", method: "GET", url: () => `/api/v1/users/${t.orgA.usersByRole.rep}` },
      {
        what: "POST /users",
        method: "POST",
        url: () => "/api/v1/users",
        body: { email: `forbidden@${ORG_A_DOMAIN}`, name: "Not Allowed", role: "retailer" },
      },
      {
        what: "PATCH /users/:id",
        method: "PATCH",
        url: () => `/api/v1/users/${t.orgA.usersByRole.rep}`,
        body: { name: "Renamed By Someone Else" },
      },
      { what: "deactivate", method: "POST", url: () => `/api/v1/users/${t.orgA.usersByRole.retailer}/deactivate` },
      { what: "reactivate", method: "POST", url: () => `/api/v1/users/${t.orgA.usersByRole.retailer}/reactivate` },
      { what: "invite", method: "POST", url: () => `/api/v1/users/${t.orgA.usersByRole.retailer}/invite` },
    ];
    const callers = new Map<Role, Caller>();

    it.each(forbiddenRoles.flatMap((role) => endpoints.map((e) => ({ ...e, role }))))(
      "$what as $role: 403 access.forbidden, nothing written",
      async ({ role, method, url, body }) => {
        if (!callers.has(role)) callers.set(role, await signIn(t.app, `${role}@${ORG_A_DOMAIN}`));
        const caller = must(callers.get(role), role);
        const before = await usersOfA();
        const res = await caller.request(method, url(), body);
        expect(res.statusCode).toBe(403);
        expect(errorCode(res)).toBe("access.forbidden");
        expect(await usersOfA()).toEqual(before);
      },
    );

    it("the rep of the checklist is covered, and the others too", () => {
      expect(forbiddenRoles.sort()).toEqual(["distributor", "driver", "marketing", "rep", "retailer", "service"]);
    });
  });

  describe("a manager of Dhaka division", () => {
    it("lists exactly the users whose territory is inside Dhaka division, ordered by name", async () => {
      const res = await manager.request("GET", "/api/v1/users?limit=200");
      expect(res.statusCode).toBe(200);
      const expected = await usersUnder("DHA");
      expect(expected.length).toBeGreaterThan(2);
      expect(idsOf(res)).toEqual(expected);
      expect(idsOf(res)).toContain(t.orgA.usersByRole.manager);
      expect(idsOf(res)).toContain(t.orgA.usersByRole.rep);
      expect(idsOf(res)).not.toContain(t.orgA.usersByRole.admin);
      expect(idsOf(res)).not.toContain(ctgRepId);
    });

    it.each([
      { what: "role=rep", query: "role=rep", filter: (r: { role: string }) => r.role === "rep" },
      { what: "territoryId=DHA-GAZ", query: "", under: "DHA-GAZ" },
      { what: "territoryId=CHA (outside)", query: "", under: "CHA" },
    ])("narrows with $what and never leaves Dhaka", async ({ query, filter, under }) => {
      const territoryQuery = under ? `territoryId=${code(under)}` : query;
      const res = await manager.request("GET", `/api/v1/users?limit=200&${territoryQuery}`);
      expect(res.statusCode).toBe(200);
      const dhaka = await usersUnder("DHA");
      let expected = dhaka;
      if (filter) {
        const rows = await db().selectFrom("users").select(["id", "role"]).where("id", "in", dhaka).execute();
        const keep = new Set(rows.filter(filter).map((r) => r.id));
        expected = dhaka.filter((id) => keep.has(id));
      }
      if (under) {
        const sub = new Set(await usersUnder(under));
        expected = dhaka.filter((id) => sub.has(id));
      }
      expect(idsOf(res)).toEqual(expected);
      if (under === "CHA") expect(expected).toEqual([]);
    });

    it.each([
      { what: "a rep in Chattogram", id: () => ctgRepId },
      { what: "the admin", id: () => t.orgA.usersByRole.admin },
      { what: "marketing (org-wide, no territory)", id: () => t.orgA.usersByRole.marketing },
    ])("gets 404 for $what, on read and on every write", async ({ id }) => {
      const before = await usersOfA();
      const attempts = [
        await manager.request("GET", `/api/v1/users/${id()}`),
        await manager.request("PATCH", `/api/v1/users/${id()}`, { name: "Edited By Manager" }),
        await manager.request("POST", `/api/v1/users/${id()}/deactivate`),
        await manager.request("POST", `/api/v1/users/${id()}/reactivate`),
        await manager.request("POST", `/api/v1/users/${id()}/invite`),
      ];
      for (const res of attempts) {
        expect(res.statusCode).toBe(404);
        expect(errorCode(res)).toBe("user.not_found");
      }
      expect(await usersOfA()).toEqual(before);
    });

    it.each([
      { role: "rep", territory: "DHA-NAR-SDR" },
      { role: "distributor", territory: "DHA-GAZ" },
      { role: "retailer", territory: "DHA-GAZ-KAL" },
    ])("creates a $role in $territory, and then sees them", async ({ role, territory }) => {
      const email = `mgr-made-${role}@${ORG_A_DOMAIN}`;
      const res = await manager.request("POST", "/api/v1/users", {
        email,
        name: `Manager Made ${role}`,
        role,
        territoryId: code(territory),
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ email, role, territoryId: code(territory), status: "invited" });
      expect(res.json().inviteUrl).toMatch(new RegExp(`^/invite/${t.orgA.orgId}\\.[A-Za-z0-9_-]{40,}$`));
      const row = await userRow(res.json().id);
      expect(row).toMatchObject({ org_id: t.orgA.orgId, role, territory_id: code(territory) });
      expect(idsOf(await manager.request("GET", "/api/v1/users?limit=200"))).toContain(res.json().id);
    });

    it.each(["admin", "manager", "marketing", "service"])(
      "cannot create a %s: 403 user.role_not_allowed",
      async (role) => {
        const email = `mgr-try-${role}@${ORG_A_DOMAIN}`;
        const res = await manager.request("POST", "/api/v1/users", {
          email,
          name: "Above My Grade",
          role,
          territoryId: code("DHA-GAZ"),
        });
        expect(res.statusCode).toBe(403);
        expect(errorCode(res)).toBe("user.role_not_allowed");
        expect(await db().selectFrom("users").select("id").where("email", "=", email).execute()).toEqual([]);
      },
    );

    it.each(["CHA-CTG-KOT", "CHA", "BD", "SYL-SYL"])(
      "cannot give a territory outside Dhaka (%s): 403 user.territory_out_of_scope",
      async (territory) => {
        const email = `mgr-out-${territory.toLowerCase()}@${ORG_A_DOMAIN}`;
        const res = await manager.request("POST", "/api/v1/users", {
          email,
          name: "Far Away",
          role: "rep",
          territoryId: code(territory),
        });
        expect(res.statusCode).toBe(403);
        expect(errorCode(res)).toBe("user.territory_out_of_scope");
        expect(await db().selectFrom("users").select("id").where("email", "=", email).execute()).toEqual([]);
      },
    );

    it("must give a territory: 400 user.territory_required for a retailer without one", async () => {
      const res = await manager.request("POST", "/api/v1/users", {
        email: `mgr-nowhere@${ORG_A_DOMAIN}`,
        name: "Nowhere",
        role: "retailer",
      });
      expect(res.statusCode).toBe(400);
      expect(errorCode(res)).toBe("user.territory_required");
    });

    it("edits a Dhaka rep, but cannot move them out of Dhaka or promote them", async () => {
      const repId = t.orgA.usersByRole.rep;
      const renamed = await manager.request("PATCH", `/api/v1/users/${repId}`, { name: "Renamed By Manager" });
      expect(renamed.statusCode).toBe(200);
      expect((await userRow(repId)).name).toBe("Renamed By Manager");
      const moved = await manager.request("PATCH", `/api/v1/users/${repId}`, { territoryId: code("CHA-CTG") });
      expect(moved.statusCode).toBe(403);
      expect(errorCode(moved)).toBe("user.territory_out_of_scope");
      const promoted = await manager.request("PATCH", `/api/v1/users/${repId}`, { role: "manager" });
      expect(promoted.statusCode).toBe(403);
      expect(errorCode(promoted)).toBe("user.role_not_allowed");
      const unassigned = await manager.request("PATCH", `/api/v1/users/${repId}`, { territoryId: null });
      expect(unassigned.statusCode).toBe(400);
      expect(errorCode(unassigned)).toBe("user.territory_required");
      const row = await userRow(repId);
      expect(row).toMatchObject({ role: "rep", name: "Renamed By Manager" });
      expect(row.territory_id).toBe(renamed.json().territoryId);
    });

    it("cannot edit or deactivate another manager inside Dhaka: 403 user.role_not_allowed", async () => {
      const before = await userRow(dhakaManagerId);
      const seen = await manager.request("GET", `/api/v1/users/${dhakaManagerId}`);
      expect(seen.statusCode).toBe(200);
      for (const res of [
        await manager.request("PATCH", `/api/v1/users/${dhakaManagerId}`, { name: "Demoted" }),
        await manager.request("POST", `/api/v1/users/${dhakaManagerId}/deactivate`),
      ]) {
        expect(res.statusCode).toBe(403);
        expect(errorCode(res)).toBe("user.role_not_allowed");
      }
      expect(await userRow(dhakaManagerId)).toEqual(before);
    });

    it("cannot deactivate themself: 409 user.self_change", async () => {
      const res = await manager.request("POST", `/api/v1/users/${t.orgA.usersByRole.manager}/deactivate`);
      expect(res.statusCode).toBe(409);
      expect(errorCode(res)).toBe("user.self_change");
      expect((await userRow(t.orgA.usersByRole.manager)).deactivated_at).toBeNull();
    });

    it("deactivates a Dhaka rep", async () => {
      const created = await manager.request("POST", "/api/v1/users", {
        email: `mgr-leaver@${ORG_A_DOMAIN}`,
        name: "Leaving Rep",
        role: "rep",
        territoryId: code("DHA-GAZ-SRE"),
      });
      expect(created.statusCode).toBe(201);
      const res = await manager.request("POST", `/api/v1/users/${created.json().id}/deactivate`);
      expect(res.statusCode).toBe(200);
      expect(res.json().status).toBe("deactivated");
      expect((await userRow(created.json().id)).deactivated_at).not.toBeNull();
    });
  });

  describe("an admin", () => {
    it("creates a user with a password, who can then sign in", async () => {
      const email = `with.password@${ORG_A_DOMAIN}`;
      const res = await admin.request("POST", "/api/v1/users", {
        email: "With.Password@A.Test.Bikri.App",
        name: "Farhana Yasmin",
        role: "marketing",
        password: "farhana-password",
        locale: "en",
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        email,
        name: "Farhana Yasmin",
        role: "marketing",
        territoryId: null,
        status: "active",
        locale: "en",
        inviteUrl: null,
      });
      const row = await userRow(res.json().id);
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      expect(row.invite_token_hash).toBeNull();
      const signedIn = await signInRaw(email, "farhana-password");
      expect(signedIn.statusCode).toBe(200);
      expect(signedIn.json().user.id).toBe(res.json().id);
    });

    it("invites a user without a password: a one-time link whose token is stored only as a hash", async () => {
      const res = await admin.request("POST", "/api/v1/users", {
        email: `invited.rep@${ORG_A_DOMAIN}`,
        name: "Invited Rep",
        role: "rep",
        territoryId: code("DHA-GAZ-KAL"),
      });
      expect(res.statusCode).toBe(201);
      expect(res.json().status).toBe("invited");
      const url: string = res.json().inviteUrl;
      // <org id>.<secret>, like the session cookie: the org part finds the tenant, only the secret's hash is kept.
      expect(url).toMatch(new RegExp(`^/invite/${t.orgA.orgId}\\.[A-Za-z0-9_-]{40,}$`));
      const token = must(url.split("/").pop(), "token");
      const row = await userRow(res.json().id);
      expect(row.password_hash).toBeNull();
      expect(row.invite_token_hash).toBe(sha256(token.slice(t.orgA.orgId.length + 1)));
      expect(row.invite_expires_at?.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);

      // A new invitation replaces the old link.
      const again = await admin.request("POST", `/api/v1/users/${res.json().id}/invite`);
      expect(again.statusCode).toBe(200);
      const token2 = must(String(again.json().inviteUrl).split("/").pop(), "token");
      expect(token2).not.toBe(token);
      const old = await t.app.inject({
        method: "POST",
        url: "/api/v1/auth/invites/accept",
        payload: { token, password: "invited-password" },
      });
      expect(old.statusCode).toBe(400);
      expect(errorCode(old)).toBe("auth.invite_invalid");
      const fresh = await t.app.inject({
        method: "POST",
        url: "/api/v1/auth/invites/accept",
        payload: { token: token2, password: "invited-password" },
      });
      expect(fresh.statusCode).toBe(200);
      // Once a password is set, the same action gives a reset link; the old password works until it is used.
      const reset = await admin.request("POST", `/api/v1/users/${res.json().id}/invite`);
      expect(reset.statusCode).toBe(200);
      const resetToken = must(String(reset.json().inviteUrl).split("/").pop(), "reset token");
      const email = res.json().email as string;
      const signInWith = (password: string) =>
        t.app.inject({ method: "POST", url: "/api/v1/auth/sign-in", payload: { email, password } });
      expect((await signInWith("invited-password")).statusCode).toBe(200);
      const used = await t.app.inject({
        method: "POST",
        url: "/api/v1/auth/invites/accept",
        payload: { token: resetToken, password: "reset-password-2" },
      });
      expect(used.statusCode).toBe(200);
      expect((await signInWith("invited-password")).statusCode).toBe(401);
      expect((await signInWith("reset-password-2")).statusCode).toBe(200);
      // A deactivated user gets no link.
      await admin.request("POST", `/api/v1/users/${res.json().id}/deactivate`);
      const refused = await admin.request("POST", `/api/v1/users/${res.json().id}/invite`);
      expect(refused.statusCode).toBe(409);
      expect(errorCode(refused)).toBe("user.deactivated");
    });

    it.each([
      { what: "the same email", email: `marketing@${ORG_A_DOMAIN}` },
      { what: "the same email in capitals", email: `MARKETING@${ORG_A_DOMAIN.toUpperCase()}` },
      { what: "an email of another org", email: `marketing@${ORG_B_DOMAIN}` },
    ])("refuses $what: 409 user.email_taken", async ({ email }) => {
      const before = await usersOfA();
      const res = await admin.request("POST", "/api/v1/users", { email, name: "Duplicate", role: "marketing" });
      expect(res.statusCode).toBe(409);
      expect(errorCode(res)).toBe("user.email_taken");
      expect(await usersOfA()).toEqual(before);
    });

    it("answers concurrent creations with one email as one 201 and 409s, never a 500", async () => {
      const email = `race@${ORG_A_DOMAIN}`;
      const results = await Promise.all(
        Array.from({ length: 4 }, (_, i) =>
          admin.request("POST", "/api/v1/users", { email, name: `Racer ${i}`, role: "marketing" }),
        ),
      );
      expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
      expect(await db().selectFrom("users").select("id").where("email", "=", email).execute()).toHaveLength(1);
    });

    it.each([
      { n: 1, phone: "01712345678", stored: "+8801712345678" },
      { n: 2, phone: "+8801812345678", stored: "+8801812345678" },
      { n: 3, phone: "8801912345678", stored: "+8801912345678" },
      { n: 4, phone: "017-1234-5679", stored: "+8801712345679" },
      { n: 5, phone: " 01312 345678 ", stored: "+8801312345678" },
      { n: 6, phone: "12345", stored: null },
      { n: 7, phone: "01212345678", stored: null },
      { n: 8, phone: "0171234567", stored: null },
      { n: 9, phone: "017123456789", stored: null },
      { n: 10, phone: "+15551234567", stored: null },
      { n: 11, phone: "০১৬১২৩৪৫৬৭৮", stored: "+8801612345678" }, // Bengali digits, as people type them
    ])("phone '$phone' is stored as $stored", async ({ n, phone, stored }) => {
      const email = `phone.${n}@${ORG_A_DOMAIN}`;
      const res = await admin.request("POST", "/api/v1/users", { email, name: "Phone Test", role: "service", phone });
      if (stored === null) {
        expect(res.statusCode).toBe(400);
        expect(errorCode(res)).toBe("request.invalid");
        expect(res.json().error.details.issues).toEqual([
          expect.objectContaining({ field: expect.stringMatching(/phone/i) }),
        ]);
        expect(await db().selectFrom("users").select("id").where("email", "=", email).execute()).toEqual([]);
        return;
      }
      expect(res.statusCode).toBe(201);
      expect(res.json().phone).toBe(stored);
      expect((await userRow(res.json().id)).phone).toBe(stored);
    });

    it("changes a phone with PATCH, validates it, and clears it with null", async () => {
      const id = t.orgA.usersByRole.service;
      const ok = await admin.request("PATCH", `/api/v1/users/${id}`, { phone: "01512345678" });
      expect(ok.statusCode).toBe(200);
      expect((await userRow(id)).phone).toBe("+8801512345678");
      const bad = await admin.request("PATCH", `/api/v1/users/${id}`, { phone: "12345" });
      expect(bad.statusCode).toBe(400);
      expect(errorCode(bad)).toBe("request.invalid");
      expect((await userRow(id)).phone).toBe("+8801512345678");
      const cleared = await admin.request("PATCH", `/api/v1/users/${id}`, { phone: null });
      expect(cleared.statusCode).toBe(200);
      expect((await userRow(id)).phone).toBeNull();
    });

    it("changes a user's role and territory, which moves them out of the Dhaka manager's view", async () => {
      const created = await admin.request("POST", "/api/v1/users", {
        email: `promoted@${ORG_A_DOMAIN}`,
        name: "Promoted Rep",
        role: "rep",
        territoryId: code("DHA-NAR-RUP"),
      });
      expect(created.statusCode).toBe(201);
      const id = created.json().id;
      expect((await manager.request("GET", `/api/v1/users/${id}`)).statusCode).toBe(200);
      const res = await admin.request("PATCH", `/api/v1/users/${id}`, { role: "manager", territoryId: code("CHA") });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ role: "manager", territoryId: code("CHA"), territoryName: "Chattogram" });
      expect(await userRow(id)).toMatchObject({ role: "manager", territory_id: code("CHA") });
      const hidden = await manager.request("GET", `/api/v1/users/${id}`);
      expect(hidden.statusCode).toBe(404);
      // A manager needs a territory; an org-wide role may drop it.
      const bare = await admin.request("PATCH", `/api/v1/users/${id}`, { territoryId: null });
      expect(bare.statusCode).toBe(400);
      expect(errorCode(bare)).toBe("user.territory_required");
      const orgWide = await admin.request("PATCH", `/api/v1/users/${id}`, { role: "marketing", territoryId: null });
      expect(orgWide.statusCode).toBe(200);
      expect(await userRow(id)).toMatchObject({ role: "marketing", territory_id: null });
    });

    it("answers 404 for an id that is nobody", async () => {
      const nobody = "01900000-0000-7000-8000-000000000000";
      for (const res of [
        await admin.request("GET", `/api/v1/users/${nobody}`),
        await admin.request("PATCH", `/api/v1/users/${nobody}`, { name: "Ghost" }),
        await admin.request("POST", `/api/v1/users/${nobody}/deactivate`),
      ]) {
        expect(res.statusCode).toBe(404);
        expect(errorCode(res)).toBe("user.not_found");
      }
    });

    it("deactivates a user: their sessions and API tokens end, sign-in is refused; reactivation restores sign-in", async () => {
      const email = `leaver@${ORG_A_DOMAIN}`;
      const created = await admin.request("POST", "/api/v1/users", {
        email,
        name: "Leaving Admin",
        role: "admin",
        password: "leaver-password",
      });
      expect(created.statusCode).toBe(201);
      const id = created.json().id;
      const leaver = await signIn(t.app, email, "leaver-password");
      const second = await signIn(t.app, email, "leaver-password");
      const token = await leaver.request("POST", "/api/v1/api-tokens", { name: "leaver's token" });
      expect(token.statusCode).toBe(201);
      const bearer = { authorization: `Bearer ${token.json().token}` };
      expect((await t.app.inject({ method: "GET", url: "/api/v1/users", headers: bearer })).statusCode).toBe(200);
      expect((await leaver.request("GET", "/api/v1/auth/session")).statusCode).toBe(200);

      const res = await admin.request("POST", `/api/v1/users/${id}/deactivate`);
      expect(res.statusCode).toBe(200);
      expect(res.json().status).toBe("deactivated");

      for (const caller of [leaver, second]) {
        const after = await caller.request("GET", "/api/v1/auth/session");
        expect(after.statusCode).toBe(401);
        expect(errorCode(after)).toBe("auth.required");
      }
      const sessions = await db()
        .selectFrom("sessions")
        .select("token_hash")
        .where("org_id", "=", t.orgA.orgId)
        .where("user_id", "=", id)
        .execute();
      expect(sessions).toEqual([]);
      const viaToken = await t.app.inject({ method: "GET", url: "/api/v1/users", headers: bearer });
      expect(viaToken.statusCode).toBe(401);
      expect(errorCode(viaToken)).toBe("auth.invalid_token");
      const tokenRow = await db()
        .selectFrom("api_tokens")
        .select("revoked_at")
        .where("org_id", "=", t.orgA.orgId)
        .where("id", "=", token.json().id)
        .executeTakeFirstOrThrow();
      expect(tokenRow.revoked_at).not.toBeNull();

      const refused = await signInRaw(email, "leaver-password");
      expect(refused.statusCode).toBe(403);
      expect(errorCode(refused)).toBe("auth.deactivated");
      expect(idsOf(await admin.request("GET", "/api/v1/users?limit=200"))).not.toContain(id);
      expect(idsOf(await admin.request("GET", "/api/v1/users?limit=200&status=deactivated"))).toContain(id);

      const back = await admin.request("POST", `/api/v1/users/${id}/reactivate`);
      expect(back.statusCode).toBe(200);
      expect(back.json().status).toBe("active");
      expect((await userRow(id)).deactivated_at).toBeNull();
      expect((await signInRaw(email, "leaver-password")).statusCode).toBe(200);
      // The revoked token stays revoked: reactivation does not bring credentials back.
      expect((await t.app.inject({ method: "GET", url: "/api/v1/users", headers: bearer })).statusCode).toBe(401);
    });

    it("cannot deactivate or reactivate themself, nor change their own role: 409 user.self_change", async () => {
      const me = t.orgA.usersByRole.admin;
      const before = await userRow(me);
      const attempts = [
        await admin.request("POST", `/api/v1/users/${me}/deactivate`),
        await admin.request("POST", `/api/v1/users/${me}/reactivate`),
        await admin.request("PATCH", `/api/v1/users/${me}`, { role: "manager", territoryId: code("DHA") }),
        await admin.request("PATCH", `/api/v1/users/${me}`, { role: "marketing", name: "Sneaky Rename" }),
      ];
      for (const res of attempts) {
        expect(res.statusCode).toBe(409);
        expect(errorCode(res)).toBe("user.self_change");
      }
      expect(await userRow(me)).toEqual(before);
      // Changing their own name, keeping the role, is fine.
      const renamed = await admin.request("PATCH", `/api/v1/users/${me}`, { name: "Admin Renamed", role: "admin" });
      expect(renamed.statusCode).toBe(200);
      expect((await userRow(me)).name).toBe("Admin Renamed");
      expect((await admin.request("GET", "/api/v1/auth/session")).statusCode).toBe(200);
    });

    it.each([
      { what: "an unknown field", body: { email: `x1@${ORG_A_DOMAIN}`, name: "X", role: "rep", admin: true } },
      { what: "an unknown role", body: { email: `x2@${ORG_A_DOMAIN}`, name: "X", role: "superuser" } },
      { what: "a bad email", body: { email: "not-an-email", name: "X", role: "marketing" } },
      {
        what: "a short password",
        body: { email: `x3@${ORG_A_DOMAIN}`, name: "X", role: "marketing", password: "short" },
      },
      { what: "an empty name", body: { email: `x4@${ORG_A_DOMAIN}`, name: "  ", role: "marketing" } },
      {
        what: "a territoryId that is not a uuid",
        body: { email: `x5@${ORG_A_DOMAIN}`, name: "X", role: "rep", territoryId: "DHA" },
      },
    ])("refuses $what with 400 request.invalid", async ({ body }) => {
      const before = await usersOfA();
      const res = await admin.request("POST", "/api/v1/users", body);
      expect(res.statusCode).toBe(400);
      expect(errorCode(res)).toBe("request.invalid");
      expect(await usersOfA()).toEqual(before);
    });

    it("refuses an unknown territory with 400 user.territory_unknown", async () => {
      const res = await admin.request("POST", "/api/v1/users", {
        email: `lost@${ORG_A_DOMAIN}`,
        name: "Lost",
        role: "rep",
        territoryId: "01900000-0000-7000-8000-000000000001",
      });
      expect(res.statusCode).toBe(400);
      expect(errorCode(res)).toBe("user.territory_unknown");
    });
  });

  describe("cursor pagination", () => {
    it.each([
      { who: "admin", query: "limit=3&status=all" },
      { who: "admin", query: "limit=3" },
      { who: "admin", query: "limit=1&role=rep" },
      { who: "admin", query: "limit=2&q=a" },
      { who: "manager", query: "limit=3&status=all" },
      { who: "manager", query: "limit=2" },
    ])("$who with $query: every visible user once, in name order", async ({ who, query }) => {
      const caller = who === "admin" ? admin : manager;
      const paged = await allPages(caller, query);
      const whole = await caller.request("GET", `/api/v1/users?${query.replace(/limit=\d+/, "limit=200")}`);
      expect(whole.json().nextCursor).toBeNull();
      const expectedAll = idsOf(whole);
      expect(new Set(paged).size).toBe(paged.length);
      expect(paged).toEqual(expectedAll);
      expect(paged.length).toBeGreaterThan(3);
    });

    it("the admin's pages follow the database's own order by (name, id) over all of org A", async () => {
      const paged = await allPages(admin, "limit=3&status=all");
      const expected = await db()
        .selectFrom("users")
        .select("id")
        .where("org_id", "=", t.orgA.orgId)
        .orderBy("name")
        .orderBy("id")
        .execute();
      expect(paged).toEqual(expected.map((r) => r.id));
    });

    it("the manager's pages are exactly the Dhaka subtree in (name, id) order", async () => {
      expect(await allPages(manager, "limit=3&status=all")).toEqual(await usersUnder("DHA", "all"));
    });

    it("keeps names that tie apart by id", async () => {
      for (const i of [1, 2, 3, 4])
        expect(
          (
            await admin.request("POST", "/api/v1/users", {
              email: `twin${i}@${ORG_A_DOMAIN}`,
              name: "Aaa Same Name",
              role: "marketing",
            })
          ).statusCode,
        ).toBe(201);
      const paged = await allPages(admin, "limit=3&q=Aaa%20Same");
      const twins = await db()
        .selectFrom("users")
        .select("id")
        .where("name", "=", "Aaa Same Name")
        .orderBy("id")
        .execute();
      expect(paged).toEqual(twins.map((r) => r.id));
    });

    it.each([
      { what: "garbage", cursor: "!!!not-a-cursor!!!" },
      { what: "base64 of not-JSON", cursor: Buffer.from("hello").toString("base64url") },
      { what: "an object", cursor: Buffer.from('{"name":"A"}').toString("base64url") },
      { what: "numbers", cursor: encodeCursor([1, 2]) },
      { what: "a name only", cursor: encodeCursor(["Abdul"]) },
      { what: "an id that is not a uuid", cursor: encodeCursor(["Abdul", "not-a-uuid"]) },
      // Passes the service's /^[0-9a-f-]{36}$/ check, but PostgreSQL cannot read it as a uuid.
      { what: "36 dashes as the id", cursor: encodeCursor(["Abdul", "-".repeat(36)]) },
      { what: "a misplaced-dash id", cursor: encodeCursor(["Abdul", "0123456789abcdef0123456789abcdef----"]) },
    ])("a bad cursor ($what) is 400 request.bad_cursor", async ({ cursor }) => {
      const res = await admin.request("GET", `/api/v1/users?cursor=${encodeURIComponent(cursor)}`);
      expect(res.statusCode).toBe(400);
      expect(errorCode(res)).toBe("request.bad_cursor");
    });

    it.each(["limit=0", "limit=201", "limit=abc"])("refuses %s with 400 request.invalid", async (query) => {
      const res = await admin.request("GET", `/api/v1/users?${query}`);
      expect(res.statusCode).toBe(400);
      expect(errorCode(res)).toBe("request.invalid");
    });
  });
});
