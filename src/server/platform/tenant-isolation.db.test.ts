// Tenants never meet: a caller of org A learns nothing about org B. Every record of B is "not found" (404,
// never 403, which would confirm that it exists), no list ever carries one of B's ids, and no write of A's
// can reach into B. After each refused write, B's rows are compared with a snapshot taken just before.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCode, must, tokenSecret } from "../testing/assertions.ts";
import { type Caller, createTestApp, ORG_A_DOMAIN, ORG_B_DOMAIN, signIn, type TestApp } from "../testing/test-app.ts";

type Method = "GET" | "POST" | "PATCH";

describe("tenant isolation between two organisations", () => {
  let t: TestApp;
  const callers: Record<string, Caller> = {};
  /** Org A's admin through a Bearer API token, as an integration would call. */
  let adminToken: string;
  /** Org B's records that org A's callers aim at. */
  const b = {
    userId: "",
    invitedUserId: "",
    deactivatedUserId: "",
    territoryId: "",
    regionId: "",
    notificationId: "",
    tokenId: "",
    token: "",
    userName: "",
  };
  const B_UNIQUE_NAME = "Zebunnesa Orgbee";

  const db = () => t.database.handle.db;

  /** Everything org B owns, to compare before and after a refused write. */
  async function snapshotOrg(orgId: string) {
    const d = db();
    return {
      users: await d.selectFrom("users").selectAll().where("org_id", "=", orgId).orderBy("id").execute(),
      territories: await d.selectFrom("territories").selectAll().where("org_id", "=", orgId).orderBy("id").execute(),
      notifications: await d
        .selectFrom("notifications")
        .selectAll()
        .where("org_id", "=", orgId)
        .orderBy("id")
        .execute(),
      apiTokens: await d.selectFrom("api_tokens").selectAll().where("org_id", "=", orgId).orderBy("id").execute(),
      sessions: await d
        .selectFrom("sessions")
        .select(["token_hash", "user_id", "expires_at"])
        .where("org_id", "=", orgId)
        .orderBy("token_hash")
        .execute(),
      audit: await d.selectFrom("audit_log").selectAll().where("org_id", "=", orgId).orderBy("id").execute(),
    };
  }

  async function idsOf(table: "users" | "territories" | "audit_log" | "notifications", orgId: string) {
    const rows = await db().selectFrom(table).select("id").where("org_id", "=", orgId).execute();
    return new Set(rows.map((r) => r.id));
  }

  const bearer = (method: Method, url: string, body?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${adminToken}` },
      ...(body !== undefined && { payload: body as object }),
    });

  /** A caller by name: a signed-in session, or "admin-token" for org A's admin through an API token. */
  const call = (who: string, method: Method, url: string, body?: unknown) =>
    who === "admin-token" ? bearer(method, url, body) : must(callers[who], who).request(method, url, body);

  beforeAll(async () => {
    t = await createTestApp();
    for (const role of ["admin", "manager", "rep", "marketing"] as const)
      callers[role] = await signIn(t.app, `${role}@${ORG_A_DOMAIN}`);
    const adminB = await signIn(t.app, `admin@${ORG_B_DOMAIN}`);
    callers.repB = await signIn(t.app, `rep@${ORG_B_DOMAIN}`);

    b.userId = t.orgB.usersByRole.rep;
    b.territoryId = must(t.orgB.territoryIdByCode.get("DHA-GAZ"), "org B DHA-GAZ");
    b.regionId = must(t.orgB.territoryIdByCode.get("DHA"), "org B DHA");
    const bRep = await db()
      .selectFrom("users")
      .select("name")
      .where("org_id", "=", t.orgB.orgId)
      .where("id", "=", b.userId)
      .executeTakeFirstOrThrow();
    b.userName = bRep.name;

    const invited = await adminB.request("POST", "/api/v1/users", {
      email: `invited@${ORG_B_DOMAIN}`,
      name: B_UNIQUE_NAME,
      role: "marketing",
    });
    expect(invited.statusCode).toBe(201);
    b.invitedUserId = invited.json().id;

    b.deactivatedUserId = t.orgB.usersByRole.service;
    expect((await adminB.request("POST", `/api/v1/users/${b.deactivatedUserId}/deactivate`)).statusCode).toBe(200);

    const sent = await adminB.request("POST", "/api/v1/notifications", {
      userIds: [b.userId],
      titleEn: "Org B only",
      titleBn: "শুধু বি",
    });
    expect(sent.statusCode).toBe(201);
    const note = await db()
      .selectFrom("notifications")
      .select("id")
      .where("org_id", "=", t.orgB.orgId)
      .where("user_id", "=", b.userId)
      .executeTakeFirstOrThrow();
    b.notificationId = note.id;

    const bToken = await adminB.request("POST", "/api/v1/api-tokens", { name: "Org B ERP" });
    expect(bToken.statusCode).toBe(201);
    b.tokenId = bToken.json().id;
    b.token = bToken.json().token;

    const admin = must(callers.admin, "admin");
    const aToken = await admin.request("POST", "/api/v1/api-tokens", { name: "Org A ERP" });
    expect(aToken.statusCode).toBe(201);
    adminToken = aToken.json().token;
    const aNote = await admin.request("POST", "/api/v1/notifications", {
      userIds: [t.orgA.usersByRole.admin, t.orgA.usersByRole.rep, t.orgA.usersByRole.manager],
      titleEn: "Org A only",
      titleBn: "শুধু এ",
    });
    expect(aNote.statusCode).toBe(201);
    const aRename = await admin.request("PATCH", `/api/v1/users/${t.orgA.usersByRole.marketing}`, {
      name: "Org A Marketing",
    });
    expect(aRename.statusCode).toBe(200);
  });
  afterAll(() => t?.close());

  describe("a record of org B, addressed by id, does not exist for org A", () => {
    const cases: {
      what: string;
      method: Method;
      url: () => string;
      body?: () => unknown;
      code: string;
      callers: string[];
    }[] = [
      {
        what: "GET /users/:id",
        method: "GET",
        url: () => `/api/v1/users/${b.userId}`,
        code: "user.not_found",
        callers: ["admin", "admin-token", "manager"],
      },
      {
        what: "PATCH /users/:id",
        method: "PATCH",
        url: () => `/api/v1/users/${b.userId}`,
        body: () => ({ name: "Hijacked Name", role: "admin" }),
        code: "user.not_found",
        callers: ["admin", "admin-token", "manager"],
      },
      {
        what: "POST /users/:id/deactivate",
        method: "POST",
        url: () => `/api/v1/users/${b.userId}/deactivate`,
        code: "user.not_found",
        callers: ["admin", "admin-token", "manager"],
      },
      {
        what: "POST /users/:id/reactivate",
        method: "POST",
        url: () => `/api/v1/users/${b.deactivatedUserId}/reactivate`,
        code: "user.not_found",
        callers: ["admin", "admin-token", "manager"],
      },
      {
        what: "POST /users/:id/invite",
        method: "POST",
        url: () => `/api/v1/users/${b.invitedUserId}/invite`,
        code: "user.not_found",
        callers: ["admin", "admin-token", "manager"],
      },
      {
        what: "GET /territories/:id (a district)",
        method: "GET",
        url: () => `/api/v1/territories/${b.territoryId}`,
        code: "territory.not_found",
        callers: ["admin", "admin-token", "manager", "rep", "marketing"],
      },
      {
        what: "GET /territories/:id (a division)",
        method: "GET",
        url: () => `/api/v1/territories/${b.regionId}`,
        code: "territory.not_found",
        callers: ["admin", "manager"],
      },
      {
        what: "POST /notifications/:id/read",
        method: "POST",
        url: () => `/api/v1/notifications/${b.notificationId}/read`,
        code: "notification.not_found",
        callers: ["admin", "admin-token", "manager", "rep"],
      },
      {
        what: "POST /api-tokens/:id/revoke",
        method: "POST",
        url: () => `/api/v1/api-tokens/${b.tokenId}/revoke`,
        code: "api_token.not_found",
        callers: ["admin", "admin-token"],
      },
    ];
    const rows = cases.flatMap((c) => c.callers.map((who) => ({ ...c, who })));

    it.each(rows)("$what as org A $who: 404 $code, and org B unchanged", async (c) => {
      const before = await snapshotOrg(t.orgB.orgId);
      const res = await call(c.who, c.method, c.url(), c.body?.());
      expect(res.statusCode).toBe(404);
      expect(errorCode(res)).toBe(c.code);
      // Nothing of B leaks through the body either.
      expect(res.body).not.toContain(t.orgB.orgId);
      expect(res.body).not.toContain(ORG_B_DOMAIN);
      expect(await snapshotOrg(t.orgB.orgId)).toEqual(before);
    });

    it("leaves org B's session, token and notification working after all those attempts", async () => {
      const repB = must(callers.repB, "repB");
      const session = await repB.request("GET", "/api/v1/auth/session");
      expect(session.statusCode).toBe(200);
      expect(session.json().user.id).toBe(b.userId);
      const notes = await repB.request("GET", "/api/v1/notifications");
      expect(notes.json().items).toEqual([expect.objectContaining({ id: b.notificationId, readAt: null })]);
      const viaToken = await t.app.inject({
        method: "GET",
        url: `/api/v1/users/${b.userId}`,
        headers: { authorization: `Bearer ${b.token}` },
      });
      expect(viaToken.statusCode).toBe(200);
      expect(viaToken.json().name).toBe(b.userName);
      const deactivated = await db()
        .selectFrom("users")
        .select(["deactivated_at", "invite_token_hash"])
        .where("org_id", "=", t.orgB.orgId)
        .where("id", "in", [b.deactivatedUserId, b.invitedUserId])
        .orderBy("id")
        .execute();
      expect(deactivated.map((u) => u.deactivated_at !== null).sort()).toEqual([false, true]);
    });
  });

  describe("lists never carry org B's ids", () => {
    const userQueries: { what: string; query: () => string; expectEmpty?: boolean }[] = [
      { what: "no filter", query: () => "limit=200" },
      { what: "status=all", query: () => "limit=200&status=all" },
      { what: "status=deactivated", query: () => "limit=200&status=deactivated" },
      { what: "role=rep", query: () => "limit=200&role=rep" },
      { what: "role=admin", query: () => "limit=200&role=admin" },
      { what: "q= an org B user's name", query: () => `limit=200&status=all&q=${encodeURIComponent(b.userName)}` },
      {
        what: "q= a name only org B has",
        query: () => `limit=200&status=all&q=${encodeURIComponent(B_UNIQUE_NAME)}`,
        expectEmpty: true,
      },
      {
        what: "q= org B's email domain",
        query: () => `limit=200&status=all&q=${encodeURIComponent(ORG_B_DOMAIN)}`,
        expectEmpty: true,
      },
      { what: "territoryId= an org B division", query: () => `limit=200&territoryId=${b.regionId}`, expectEmpty: true },
    ];

    it.each(userQueries.flatMap((q) => ["admin", "admin-token", "manager"].map((who) => ({ ...q, who }))))(
      "GET /users ($what) as org A $who",
      async ({ query, who, expectEmpty }) => {
        const res = await call(who, "GET", `/api/v1/users?${query()}`);
        expect(res.statusCode).toBe(200);
        const ids: string[] = res.json().items.map((u: { id: string }) => u.id);
        const aIds = await idsOf("users", t.orgA.orgId);
        const bIds = await idsOf("users", t.orgB.orgId);
        for (const id of ids) {
          expect(bIds.has(id)).toBe(false);
          expect(aIds.has(id)).toBe(true);
        }
        if (expectEmpty) expect(ids).toEqual([]);
        expect(res.body).not.toContain(ORG_B_DOMAIN);
      },
    );

    it("GET /users?q= finds exactly org A's users of that name, none of org B's", async () => {
      const res = await call("admin", "GET", `/api/v1/users?limit=200&status=all&q=${encodeURIComponent(b.userName)}`);
      const expected = await db()
        .selectFrom("users")
        .select("id")
        .where("org_id", "=", t.orgA.orgId)
        .where((eb) => eb.or([eb("name", "ilike", `%${b.userName}%`), eb("email", "ilike", `%${b.userName}%`)]))
        .execute();
      expect(
        res
          .json()
          .items.map((u: { id: string }) => u.id)
          .sort(),
      ).toEqual(expected.map((r) => r.id).sort());
    });

    it("GET /users?status=all lists all of org A's users and nothing else", async () => {
      const res = await call("admin", "GET", "/api/v1/users?limit=200&status=all");
      const aIds = [...(await idsOf("users", t.orgA.orgId))].sort();
      expect(
        res
          .json()
          .items.map((u: { id: string }) => u.id)
          .sort(),
      ).toEqual(aIds);
      expect(res.json().nextCursor).toBeNull();
    });

    const territoryQueries: { what: string; query: () => string; expectEmpty?: boolean }[] = [
      { what: "roots", query: () => "" },
      { what: "level=region", query: () => "level=region" },
      { what: "level=area&limit=1000", query: () => "level=area&limit=1000" },
      { what: "q=Dhaka", query: () => "q=Dhaka" },
      { what: "q=DHA-GAZ", query: () => "q=DHA-GAZ" },
      { what: "parentId= an org B division", query: () => `parentId=${b.regionId}`, expectEmpty: true },
    ];

    it.each(territoryQueries.flatMap((q) => ["admin", "manager", "rep"].map((who) => ({ ...q, who }))))(
      "GET /territories ($what) as org A $who",
      async ({ query, who, expectEmpty }) => {
        const res = await call(who, "GET", `/api/v1/territories?${query()}`);
        expect(res.statusCode).toBe(200);
        const ids: string[] = res.json().items.map((x: { id: string }) => x.id);
        const aIds = await idsOf("territories", t.orgA.orgId);
        const bIds = await idsOf("territories", t.orgB.orgId);
        for (const id of ids) {
          expect(bIds.has(id)).toBe(false);
          expect(aIds.has(id)).toBe(true);
        }
        if (expectEmpty) expect(ids).toEqual([]);
      },
    );

    it("GET /territories?level=region gives org A's 8 divisions exactly", async () => {
      const res = await call("admin", "GET", "/api/v1/territories?level=region");
      const expected = ["BAR", "CHA", "DHA", "KHU", "MYM", "RAJ", "RAN", "SYL"].map((code) =>
        must(t.orgA.territoryIdByCode.get(code), code),
      );
      expect(
        res
          .json()
          .items.map((x: { id: string }) => x.id)
          .sort(),
      ).toEqual(expected.sort());
    });

    const auditQueries: { what: string; query: () => string; expectEmpty?: boolean }[] = [
      { what: "no filter", query: () => "limit=200" },
      { what: "entity=user", query: () => "limit=200&entity=user" },
      { what: "entity=api_token", query: () => "limit=200&entity=api_token" },
      { what: "entity=notification", query: () => "limit=200&entity=notification" },
      { what: "entity=session", query: () => "limit=200&entity=session" },
      { what: "entityId= an org B user", query: () => `entityId=${b.invitedUserId}`, expectEmpty: true },
      { what: "entityId= an org B token", query: () => `entityId=${b.tokenId}`, expectEmpty: true },
      { what: "actorId= org B's admin", query: () => `actorId=${t.orgB.usersByRole.admin}`, expectEmpty: true },
      { what: "entityId= org B itself", query: () => `entityId=${t.orgB.orgId}`, expectEmpty: true },
    ];

    it.each(auditQueries.flatMap((q) => ["admin", "admin-token"].map((who) => ({ ...q, who }))))(
      "GET /audit ($what) as org A $who",
      async ({ query, who, expectEmpty }) => {
        const res = await call(who, "GET", `/api/v1/audit?${query()}`);
        expect(res.statusCode).toBe(200);
        const ids: string[] = res.json().items.map((x: { id: string }) => x.id);
        const aIds = await idsOf("audit_log", t.orgA.orgId);
        const bIds = await idsOf("audit_log", t.orgB.orgId);
        for (const id of ids) {
          expect(bIds.has(id)).toBe(false);
          expect(aIds.has(id)).toBe(true);
        }
        if (expectEmpty) expect(ids).toEqual([]);
        else expect(ids.length).toBeGreaterThan(0);
        expect(res.body).not.toContain(t.orgB.usersByRole.admin);
      },
    );

    it.each(["admin", "manager", "rep", "marketing"])(
      "GET /notifications as org A %s lists exactly their own notifications",
      async (who) => {
        const res = await call(who, "GET", "/api/v1/notifications?limit=200");
        expect(res.statusCode).toBe(200);
        const userId = t.orgA.usersByRole[who as "admin" | "manager" | "rep" | "marketing"];
        const expected = await db()
          .selectFrom("notifications")
          .select("id")
          .where("org_id", "=", t.orgA.orgId)
          .where("user_id", "=", userId)
          .execute();
        const ids = res.json().items.map((x: { id: string }) => x.id);
        expect(ids.sort()).toEqual(expected.map((r) => r.id).sort());
        expect(ids).not.toContain(b.notificationId);
        expect(res.body).not.toContain("Org B only");
      },
    );

    it("GET /api-tokens lists only org A's tokens", async () => {
      const res = await call("admin", "GET", "/api/v1/api-tokens");
      const expected = await db().selectFrom("api_tokens").select("id").where("org_id", "=", t.orgA.orgId).execute();
      const ids = res.json().items.map((x: { id: string }) => x.id);
      expect(ids.sort()).toEqual(expected.map((r) => r.id).sort());
      expect(ids).not.toContain(b.tokenId);
    });
  });

  describe("org A's writes cannot reach into org B", () => {
    it.each([
      { who: "admin", role: "rep" },
      { who: "admin-token", role: "rep" },
      { who: "admin", role: "manager" },
      { who: "manager", role: "rep" },
    ])("POST /users as $who with an org B territory ($role): 400 user.territory_unknown", async ({ who, role }) => {
      const email = `cross-${who}-${role}@${ORG_A_DOMAIN}`;
      const before = await snapshotOrg(t.orgB.orgId);
      const beforeA = await snapshotOrg(t.orgA.orgId);
      const res = await call(who, "POST", "/api/v1/users", {
        email,
        name: "Cross Tenant",
        role,
        territoryId: b.territoryId,
        password: "a-long-password",
      });
      expect(res.statusCode).toBe(400);
      expect(errorCode(res)).toBe("user.territory_unknown");
      const created = await db().selectFrom("users").select("id").where("email", "=", email).execute();
      expect(created).toEqual([]);
      expect(await snapshotOrg(t.orgB.orgId)).toEqual(before);
      expect((await snapshotOrg(t.orgA.orgId)).audit).toEqual(beforeA.audit);
    });

    it.each(["admin", "admin-token", "manager"])(
      "PATCH an org A rep to an org B territory as %s: 400 user.territory_unknown, nothing changes",
      async (who) => {
        const repId = t.orgA.usersByRole.rep;
        const rowOf = () =>
          db()
            .selectFrom("users")
            .selectAll()
            .where("org_id", "=", t.orgA.orgId)
            .where("id", "=", repId)
            .executeTakeFirstOrThrow();
        const repBefore = await rowOf();
        const before = await snapshotOrg(t.orgB.orgId);
        const res = await call(who, "PATCH", `/api/v1/users/${repId}`, {
          territoryId: b.territoryId,
          name: "Moved Away",
        });
        expect(res.statusCode).toBe(400);
        expect(errorCode(res)).toBe("user.territory_unknown");
        expect(await rowOf()).toEqual(repBefore);
        expect(await snapshotOrg(t.orgB.orgId)).toEqual(before);
      },
    );

    it.each([
      { what: "only org B users", ids: () => [b.userId, t.orgB.usersByRole.admin] },
      { what: "org A and org B users mixed", ids: () => [t.orgA.usersByRole.marketing, b.userId] },
    ])("POST /notifications to $what: 400, no notification anywhere", async ({ ids }) => {
      const before = await snapshotOrg(t.orgB.orgId);
      const beforeA = await snapshotOrg(t.orgA.orgId);
      const res = await call("admin", "POST", "/api/v1/notifications", {
        userIds: ids(),
        titleEn: "Cross-tenant",
        titleBn: "অন্য প্রতিষ্ঠান",
      });
      expect(res.statusCode).toBe(400);
      expect(errorCode(res)).toBe("notification.unknown_recipients");
      const missing = String(res.json().error.details?.ids ?? "");
      for (const id of ids()) expect(missing.includes(id)).toBe(id !== t.orgA.usersByRole.marketing);
      expect(await snapshotOrg(t.orgB.orgId)).toEqual(before);
      const afterA = await snapshotOrg(t.orgA.orgId);
      expect(afterA.notifications).toEqual(beforeA.notifications);
      expect(afterA.audit).toEqual(beforeA.audit);
    });

    it("an email of org B is refused as taken, without creating anything in either org", async () => {
      // Emails are global sign-in identities, so this is the one thing another org can learn.
      const before = await snapshotOrg(t.orgB.orgId);
      const res = await call("admin", "POST", "/api/v1/users", {
        email: `admin@${ORG_B_DOMAIN}`,
        name: "Copycat",
        role: "marketing",
      });
      expect(res.statusCode).toBe(409);
      expect(errorCode(res)).toBe("user.email_taken");
      expect(res.body).not.toContain(t.orgB.orgId);
      expect(await snapshotOrg(t.orgB.orgId)).toEqual(before);
    });
  });

  describe("credentials are bound to their organisation", () => {
    it("a session cookie relabelled with org B's id is not a session of org B", async () => {
      const admin = must(callers.admin, "admin");
      const secret = admin.cookie.split(".")[1];
      const res = await t.app.inject({
        method: "GET",
        url: "/api/v1/users",
        headers: { cookie: `bikri_session=${t.orgB.orgId}.${secret}` },
      });
      expect(res.statusCode).toBe(401);
      expect(errorCode(res)).toBe("auth.required");
    });

    it("an API token relabelled with org B's id is refused", async () => {
      const secret = tokenSecret(adminToken);
      const forged = `bikri_${t.orgB.orgId.replaceAll("-", "")}_${secret}`;
      const res = await t.app.inject({
        method: "GET",
        url: "/api/v1/users",
        headers: { authorization: `Bearer ${forged}` },
      });
      expect(res.statusCode).toBe(401);
      expect(errorCode(res)).toBe("auth.invalid_token");
    });

    // The cookie's org part is checked with /^[0-9a-f-]{36}$/, which lets through strings that are not UUIDs;
    // the session lookup then fails in PostgreSQL (invalid input syntax for type uuid) and the caller gets 500.
    it.each(["------------------------------------", "0123456789abcdef0123456789abcdef----"])(
      "a session cookie whose org part %s is not a UUID is treated as no session (401)",
      async (org) => {
        const res = await t.app.inject({
          method: "GET",
          url: "/api/v1/users",
          headers: { cookie: `bikri_session=${org}.c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0` },
        });
        expect(res.statusCode).toBe(401);
        expect(errorCode(res)).toBe("auth.required");
      },
    );
  });
});
