// The audit log: every write leaves exactly one row (who, what, which record, before, after) in the same
// transaction as the write; refused writes leave none; secrets never enter it; and GET /api/v1/audit
// filters by entity, record, actor, action and Asia/Dhaka dates, newest first, with a cursor.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../../shared/ids.ts";
import { ROLES, type Role } from "../../../shared/roles.ts";
import { errorCode, must, tokenSecret } from "../../testing/assertions.ts";
import {
  type Caller,
  createTestApp,
  ORG_A_DOMAIN,
  ORG_B_DOMAIN,
  PASSWORD,
  signIn,
  type TestApp,
} from "../../testing/test-app.ts";
import { PERMISSIONS } from "../access.ts";
import { encodeCursor } from "../pagination.ts";

interface AuditItem {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  actorKind: string;
  entity: string;
  entityId: string | null;
  action: string;
  before: unknown;
  after: unknown;
  ip: string | null;
}

/** Asia/Dhaka is UTC+6 all year (no daylight saving). */
const dhakaDate = (d: Date) => new Date(d.getTime() + 6 * 3600_000).toISOString().slice(0, 10);

/** Every key at any depth of a JSON value. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => [k, ...keysOf(v)]);
  return [];
}

describe("audit log", () => {
  let t: TestApp;
  let admin: Caller;
  let manager: Caller;
  const db = () => t.database.handle.db;
  const code = (c: string) => must(t.orgA.territoryIdByCode.get(c), `territory ${c}`);
  const adminId = () => t.orgA.usersByRole.admin;
  const managerId = () => t.orgA.usersByRole.manager;

  /** What the setup did, and the secrets it handled, to look for in the log. */
  const w = {
    subjectId: "", // created, updated, deactivated, reactivated, changed own password
    invitedId: "", // invited, re-invited, accepted
    managerMadeId: "", // created by the manager, renamed through an API token
    tokenId: "",
    bearerTokenId: "",
    signIns: 0,
  };
  const secrets: string[] = [];
  const SUBJECT_PASSWORD = "audit-subject-password";
  const SUBJECT_NEW_PASSWORD = "audit-subject-new-password";
  const INVITED_PASSWORD = "audit-invited-password";

  const signInCounted = async (email: string, password = PASSWORD) => {
    const caller = await signIn(t.app, email, password);
    w.signIns++;
    secrets.push(must(caller.cookie.split(".")[1], "cookie secret"), caller.csrf);
    return caller;
  };

  const auditRows = (orgId: string) =>
    db().selectFrom("audit_log").selectAll().where("org_id", "=", orgId).orderBy("id").execute();

  const rowsFor = (entityId: string) =>
    db()
      .selectFrom("audit_log")
      .selectAll()
      .where("org_id", "=", t.orgA.orgId)
      .where("entity_id", "=", entityId)
      .orderBy("id")
      .execute();

  const getAudit = async (query: string, caller: Caller = admin) => {
    const res = await caller.request("GET", `/api/v1/audit?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: AuditItem[]; nextCursor: string | null };
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signInCounted(`admin@${ORG_A_DOMAIN}`);
    manager = await signInCounted(`manager@${ORG_A_DOMAIN}`);

    const subject = await admin.request("POST", "/api/v1/users", {
      email: `audit.subject@${ORG_A_DOMAIN}`,
      name: "Audit Subject",
      role: "rep",
      territoryId: code("DHA-GAZ-SDR"),
      password: SUBJECT_PASSWORD,
    });
    expect(subject.statusCode).toBe(201);
    w.subjectId = subject.json().id;
    const updated = await admin.request("PATCH", `/api/v1/users/${w.subjectId}`, {
      name: "Audit Subject Renamed",
      phone: "01712345678",
      territoryId: code("DHA-NAR-SDR"),
    });
    expect(updated.statusCode).toBe(200);
    expect((await admin.request("POST", `/api/v1/users/${w.subjectId}/deactivate`)).statusCode).toBe(200);
    expect((await admin.request("POST", `/api/v1/users/${w.subjectId}/reactivate`)).statusCode).toBe(200);
    const subjectCaller = await signInCounted(`audit.subject@${ORG_A_DOMAIN}`, SUBJECT_PASSWORD);
    const changed = await subjectCaller.request("POST", "/api/v1/auth/password", {
      currentPassword: SUBJECT_PASSWORD,
      newPassword: SUBJECT_NEW_PASSWORD,
    });
    expect(changed.statusCode).toBe(204);

    const invited = await admin.request("POST", "/api/v1/users", {
      email: `audit.invited@${ORG_A_DOMAIN}`,
      name: "Audit Invited",
      role: "marketing",
    });
    expect(invited.statusCode).toBe(201);
    w.invitedId = invited.json().id;
    secrets.push(must(String(invited.json().inviteUrl).split("/").pop(), "invite token"));
    const reinvited = await admin.request("POST", `/api/v1/users/${w.invitedId}/invite`);
    expect(reinvited.statusCode).toBe(200);
    const inviteToken = must(String(reinvited.json().inviteUrl).split("/").pop(), "invite token");
    secrets.push(inviteToken);
    const accepted = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/invites/accept",
      payload: { token: inviteToken, password: INVITED_PASSWORD },
    });
    expect(accepted.statusCode).toBe(200);

    const token = await admin.request("POST", "/api/v1/api-tokens", { name: "Audit ERP" });
    expect(token.statusCode).toBe(201);
    w.tokenId = token.json().id;
    secrets.push(token.json().token, tokenSecret(String(token.json().token)));
    expect((await admin.request("POST", `/api/v1/api-tokens/${w.tokenId}/revoke`)).statusCode).toBe(204);

    const sent = await admin.request("POST", "/api/v1/notifications", {
      userIds: [managerId(), w.subjectId],
      titleEn: "Audit announcement",
      titleBn: "অডিট ঘোষণা",
    });
    expect(sent.statusCode).toBe(201);

    const made = await manager.request("POST", "/api/v1/users", {
      email: `audit.manager.made@${ORG_A_DOMAIN}`,
      name: "Manager Made",
      role: "rep",
      territoryId: code("DHA-GAZ-KAL"),
    });
    expect(made.statusCode).toBe(201);
    w.managerMadeId = made.json().id;
    secrets.push(must(String(made.json().inviteUrl).split("/").pop(), "invite token"));

    const bearerToken = await admin.request("POST", "/api/v1/api-tokens", { name: "Audit integration" });
    expect(bearerToken.statusCode).toBe(201);
    w.bearerTokenId = bearerToken.json().id;
    const raw: string = bearerToken.json().token;
    secrets.push(raw, tokenSecret(raw));
    const viaToken = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/users/${w.managerMadeId}`,
      headers: { authorization: `Bearer ${raw}` },
      payload: { name: "Manager Made Renamed" },
    });
    expect(viaToken.statusCode).toBe(200);

    const me = await admin.request("PATCH", "/api/v1/auth/me", { name: "Audit Admin" });
    expect(me.statusCode).toBe(200);
    secrets.push(SUBJECT_PASSWORD, SUBJECT_NEW_PASSWORD, INVITED_PASSWORD, PASSWORD);
  });
  afterAll(() => t?.close());

  describe("what a write records", () => {
    it("records exactly one row per write, and nothing for reads", async () => {
      const rows = await auditRows(t.orgA.orgId);
      const counts: Record<string, number> = {};
      for (const r of rows) counts[`${r.entity}.${r.action}`] = (counts[`${r.entity}.${r.action}`] ?? 0) + 1;
      expect(counts).toEqual({
        "org.seed_demo": 1,
        "session.sign_in": w.signIns,
        "user.create": 3,
        "user.update": 2,
        "user.deactivate": 1,
        "user.reactivate": 1,
        "user.change_password": 1,
        "user.invite": 1,
        "user.accept_invite": 1,
        "user.update_profile": 1,
        "api_token.create": 2,
        "api_token.revoke": 1,
        "notification.send": 1,
      });
    });

    it("keeps a user's history in order, with before and after of each change", async () => {
      const rows = await rowsFor(w.subjectId);
      expect(rows.map((r) => r.action)).toEqual([
        "create",
        "update",
        "deactivate",
        "reactivate",
        "sign_in",
        "change_password",
      ]);
      const [create, update, deactivate, reactivate, signInRow, changePassword] = rows;
      expect(create).toMatchObject({
        entity: "user",
        actor_user_id: adminId(),
        actor_kind: "user",
        before: null,
        after: {
          id: w.subjectId,
          email: `audit.subject@${ORG_A_DOMAIN}`,
          name: "Audit Subject",
          role: "rep",
          phone: null,
          territoryId: code("DHA-GAZ-SDR"),
          status: "active",
        },
      });
      expect(create?.request_id).toEqual(expect.any(String));
      expect(create?.ip).toBe("127.0.0.1");

      expect(update).toMatchObject({ entity: "user", actor_user_id: adminId(), actor_kind: "user" });
      const before = update?.before as Record<string, unknown>;
      const after = update?.after as Record<string, unknown>;
      expect(before.name).toBe("Audit Subject");
      expect(after.name).toBe("Audit Subject Renamed");
      expect(before.name).not.toBe(after.name);
      expect([before.phone, after.phone]).toEqual([null, "+8801712345678"]);
      expect([before.territoryId, after.territoryId]).toEqual([code("DHA-GAZ-SDR"), code("DHA-NAR-SDR")]);
      expect([before.territoryName, after.territoryName]).toEqual(["Gazipur Sadar", "Narayanganj Sadar"]);
      expect(before.role).toBe(after.role);

      expect(deactivate).toMatchObject({
        actor_user_id: adminId(),
        before: { status: "active" },
        after: { status: "deactivated" },
      });
      expect(reactivate).toMatchObject({
        actor_user_id: adminId(),
        before: { status: "deactivated" },
        after: { status: "active" },
      });
      expect(signInRow).toMatchObject({ entity: "session", actor_user_id: w.subjectId, before: null, after: null });
      expect(changePassword).toMatchObject({
        entity: "user",
        actor_user_id: w.subjectId,
        actor_kind: "user",
        before: null,
        after: null,
      });
    });

    it("records an invitation, its reissue and its acceptance", async () => {
      const rows = await rowsFor(w.invitedId);
      expect(rows.map((r) => [r.entity, r.action, r.actor_user_id])).toEqual([
        ["user", "create", adminId()],
        ["user", "invite", adminId()],
        ["user", "accept_invite", w.invitedId],
      ]);
      expect(rows[0]?.after).toMatchObject({ status: "invited", role: "marketing", territoryId: null });
    });

    it("records API tokens: creation, and revocation with before and after", async () => {
      const rows = await rowsFor(w.tokenId);
      expect(rows.map((r) => [r.entity, r.action, r.actor_user_id, r.actor_kind])).toEqual([
        ["api_token", "create", adminId(), "user"],
        ["api_token", "revoke", adminId(), "user"],
      ]);
      expect(rows[0]?.before).toBeNull();
      expect(rows[0]?.after).toMatchObject({ id: w.tokenId, name: "Audit ERP", userId: adminId(), revokedAt: null });
      expect(rows[1]?.before).toMatchObject({ id: w.tokenId, revokedAt: null });
      expect(rows[1]?.after).toMatchObject({ id: w.tokenId, revokedAt: expect.any(String) });
    });

    it("records who acted through an API token as the token's owner, of kind token", async () => {
      const rows = await rowsFor(w.managerMadeId);
      expect(rows.map((r) => [r.action, r.actor_user_id, r.actor_kind])).toEqual([
        ["create", managerId(), "user"],
        ["update", adminId(), "token"],
      ]);
      expect(rows[1]?.before).toMatchObject({ name: "Manager Made" });
      expect(rows[1]?.after).toMatchObject({ name: "Manager Made Renamed" });
    });

    it("records a notification sent, and a change of one's own profile", async () => {
      const sent = await db()
        .selectFrom("audit_log")
        .selectAll()
        .where("org_id", "=", t.orgA.orgId)
        .where("entity", "=", "notification")
        .execute();
      expect(sent).toEqual([
        expect.objectContaining({
          action: "send",
          entity_id: null,
          actor_user_id: adminId(),
          before: null,
          after: { recipients: 2, kind: "announcement", titleEn: "Audit announcement" },
        }),
      ]);
      const profile = await db()
        .selectFrom("audit_log")
        .selectAll()
        .where("org_id", "=", t.orgA.orgId)
        .where("action", "=", "update_profile")
        .execute();
      expect(profile).toEqual([
        expect.objectContaining({
          entity: "user",
          entity_id: adminId(),
          actor_user_id: adminId(),
          before: expect.objectContaining({ name: expect.any(String) }),
          after: expect.objectContaining({ name: "Audit Admin" }),
        }),
      ]);
      expect(profile[0]?.before).not.toMatchObject({ name: "Audit Admin" });
    });

    it("never contains a secret: no password, hash, session, CSRF, invite or API token", async () => {
      const stored = [
        ...(await db().selectFrom("users").select(["password_hash", "invite_token_hash"]).execute()).flatMap((u) => [
          u.password_hash,
          u.invite_token_hash,
        ]),
        ...(await db().selectFrom("sessions").select(["token_hash", "csrf_token"]).execute()).flatMap((s) => [
          s.token_hash,
          s.csrf_token,
        ]),
        ...(await db().selectFrom("api_tokens").select("token_hash").execute()).map((a) => a.token_hash),
      ].filter((s): s is string => typeof s === "string");
      const all = [...stored, ...secrets];
      expect(all.length).toBeGreaterThan(30);
      for (const s of all) expect(s.length).toBeGreaterThanOrEqual(10);

      const rows = await db().selectFrom("audit_log").select(["before", "after"]).execute();
      const logged = JSON.stringify(rows);
      const served = (await admin.request("GET", "/api/v1/audit?limit=200")).body;
      for (const secret of all) {
        expect(logged).not.toContain(secret);
        expect(served).not.toContain(secret);
      }
      const keys = new Set(rows.flatMap((r) => [...keysOf(r.before), ...keysOf(r.after)]));
      const suspicious = [...keys].filter((k) => /password|hash|csrf|secret|^token$|invite_?url/i.test(k));
      expect(suspicious).toEqual([]);
    });
  });

  describe("refused writes leave no trace", () => {
    const refused: {
      what: string;
      as: "admin" | "manager" | "rep" | "anonymous-csrf";
      method: "POST" | "PATCH";
      url: () => string;
      body?: () => unknown;
      status: number;
      code: string;
    }[] = [
      {
        what: "a duplicate email",
        as: "admin",
        method: "POST",
        url: () => "/api/v1/users",
        body: () => ({ email: `audit.subject@${ORG_A_DOMAIN}`, name: "Again", role: "marketing" }),
        status: 409,
        code: "user.email_taken",
      },
      {
        what: "an email of org B",
        as: "admin",
        method: "POST",
        url: () => "/api/v1/users",
        body: () => ({ email: `rep@${ORG_B_DOMAIN}`, name: "Again", role: "marketing" }),
        status: 409,
        code: "user.email_taken",
      },
      {
        what: "deactivating oneself",
        as: "admin",
        method: "POST",
        url: () => `/api/v1/users/${adminId()}/deactivate`,
        status: 409,
        code: "user.self_change",
      },
      {
        what: "changing one's own role",
        as: "admin",
        method: "PATCH",
        url: () => `/api/v1/users/${adminId()}`,
        body: () => ({ role: "marketing", name: "Not Me" }),
        status: 409,
        code: "user.self_change",
      },
      {
        what: "a manager creating an admin",
        as: "manager",
        method: "POST",
        url: () => "/api/v1/users",
        body: () => ({ email: `audit.x1@${ORG_A_DOMAIN}`, name: "X", role: "admin", territoryId: code("DHA") }),
        status: 403,
        code: "user.role_not_allowed",
      },
      {
        what: "a manager assigning Chattogram",
        as: "manager",
        method: "POST",
        url: () => "/api/v1/users",
        body: () => ({ email: `audit.x2@${ORG_A_DOMAIN}`, name: "X", role: "rep", territoryId: code("CHA-CTG") }),
        status: 403,
        code: "user.territory_out_of_scope",
      },
      {
        what: "a manager editing the admin",
        as: "manager",
        method: "PATCH",
        url: () => `/api/v1/users/${adminId()}`,
        body: () => ({ name: "Hacked" }),
        status: 404,
        code: "user.not_found",
      },
      {
        what: "a manager moving a rep out of Dhaka",
        as: "manager",
        method: "PATCH",
        url: () => `/api/v1/users/${w.managerMadeId}`,
        body: () => ({ name: "Moved", territoryId: code("SYL") }),
        status: 403,
        code: "user.territory_out_of_scope",
      },
      {
        what: "an unknown territory",
        as: "admin",
        method: "POST",
        url: () => "/api/v1/users",
        body: () => ({ email: `audit.x3@${ORG_A_DOMAIN}`, name: "X", role: "rep", territoryId: newId() }),
        status: 400,
        code: "user.territory_unknown",
      },
      {
        what: "an org B territory",
        as: "admin",
        method: "PATCH",
        url: () => `/api/v1/users/${w.subjectId}`,
        body: () => ({ territoryId: must(t.orgB.territoryIdByCode.get("DHA"), "B DHA") }),
        status: 400,
        code: "user.territory_unknown",
      },
      {
        what: "an invitation for an unknown user",
        as: "admin",
        method: "POST",
        url: () => `/api/v1/users/${newId()}/invite`,
        status: 404,
        code: "user.not_found",
      },
      {
        what: "revoking an unknown token",
        as: "admin",
        method: "POST",
        url: () => `/api/v1/api-tokens/${newId()}/revoke`,
        status: 404,
        code: "api_token.not_found",
      },
      {
        what: "notifying a user of org B",
        as: "admin",
        method: "POST",
        url: () => "/api/v1/notifications",
        body: () => ({ userIds: [managerId(), t.orgB.usersByRole.rep], titleEn: "X", titleBn: "এক্স" }),
        status: 400,
        code: "notification.unknown_recipients",
      },
      {
        what: "a bad phone number",
        as: "admin",
        method: "PATCH",
        url: () => `/api/v1/users/${w.subjectId}`,
        body: () => ({ name: "Phone Changed", phone: "12345" }),
        status: 400,
        code: "request.invalid",
      },
      {
        what: "a rep creating a user",
        as: "rep",
        method: "POST",
        url: () => "/api/v1/users",
        body: () => ({ email: `audit.x4@${ORG_A_DOMAIN}`, name: "X", role: "retailer" }),
        status: 403,
        code: "access.forbidden",
      },
      {
        what: "a rep sending a notification",
        as: "rep",
        method: "POST",
        url: () => "/api/v1/notifications",
        body: () => ({ userIds: [managerId()], titleEn: "X", titleBn: "এক্স" }),
        status: 403,
        code: "access.forbidden",
      },
      {
        what: "a write without the CSRF token",
        as: "anonymous-csrf",
        method: "PATCH",
        url: () => `/api/v1/users/${w.subjectId}`,
        body: () => ({ name: "No CSRF" }),
        status: 403,
        code: "auth.csrf",
      },
    ];

    let rep: Caller;
    beforeAll(async () => {
      rep = await signIn(t.app, `rep@${ORG_A_DOMAIN}`);
    });

    it.each(refused)("$what: $status $code, no audit row, no change", async (c) => {
      const auditA = await auditRows(t.orgA.orgId);
      const auditB = await auditRows(t.orgB.orgId);
      const users = await db().selectFrom("users").selectAll().orderBy("id").execute();
      const tokens = await db().selectFrom("api_tokens").selectAll().orderBy("id").execute();
      const notes = await db().selectFrom("notifications").select("id").orderBy("id").execute();
      const res =
        c.as === "anonymous-csrf"
          ? await t.app.inject({
              method: c.method,
              url: c.url(),
              headers: { cookie: admin.cookie },
              payload: c.body?.() as object,
            })
          : await ({ admin, manager, rep } as const)[c.as].request(c.method, c.url(), c.body?.());
      expect(res.statusCode).toBe(c.status);
      expect(errorCode(res)).toBe(c.code);
      expect(await auditRows(t.orgA.orgId)).toEqual(auditA);
      expect(await auditRows(t.orgB.orgId)).toEqual(auditB);
      expect(await db().selectFrom("users").selectAll().orderBy("id").execute()).toEqual(users);
      expect(await db().selectFrom("api_tokens").selectAll().orderBy("id").execute()).toEqual(tokens);
      expect(await db().selectFrom("notifications").select("id").orderBy("id").execute()).toEqual(notes);
    });

    // Fault injection: the write and its audit row share one transaction, so neither survives without the other.
    it.each([
      { when: "the audit row cannot be inserted", timing: "before insert", deferred: false },
      {
        when: "the transaction fails at commit, after the audit row was written",
        timing: "after insert",
        deferred: true,
      },
    ])("if $when, the change is rolled back with it", async ({ timing, deferred }) => {
      const created = await admin.request("POST", "/api/v1/users", {
        email: `audit.fault.${deferred ? "late" : "early"}@${ORG_A_DOMAIN}`,
        name: "Fault Subject",
        role: "marketing",
      });
      expect(created.statusCode).toBe(201);
      const id: string = created.json().id;
      const rowBefore = await db().selectFrom("users").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
      const auditBefore = await auditRows(t.orgA.orgId);
      const fn = `audit_test_fail_${deferred ? "late" : "early"}`;
      await sql
        .raw(
          `create function ${fn}() returns trigger language plpgsql as $$ begin raise exception 'injected audit failure'; end $$`,
        )
        .execute(db());
      await sql
        .raw(
          `create ${deferred ? "constraint " : ""}trigger ${fn} ${timing} on audit_log ${
            deferred ? "deferrable initially deferred " : ""
          }for each row when (new.entity_id = '${id}') execute function ${fn}()`,
        )
        .execute(db());
      try {
        const res = await admin.request("PATCH", `/api/v1/users/${id}`, {
          name: "Should Not Stick",
          phone: "01812345678",
        });
        expect(res.statusCode).toBe(500);
        expect(errorCode(res)).toBe("internal");
        expect(res.body).not.toContain("injected");
        const deact = await admin.request("POST", `/api/v1/users/${id}/deactivate`);
        expect(deact.statusCode).toBe(500);
      } finally {
        await sql.raw(`drop trigger ${fn} on audit_log`).execute(db());
        await sql.raw(`drop function ${fn}()`).execute(db());
      }
      expect(await db().selectFrom("users").selectAll().where("id", "=", id).executeTakeFirstOrThrow()).toEqual(
        rowBefore,
      );
      expect(await auditRows(t.orgA.orgId)).toEqual(auditBefore);
      // With the fault gone, the same change goes through and is audited once.
      const ok = await admin.request("PATCH", `/api/v1/users/${id}`, { name: "Does Stick" });
      expect(ok.statusCode).toBe(200);
      expect((await rowsFor(id)).map((r) => r.action)).toEqual(["create", "update"]);
    });
  });

  describe("GET /api/v1/audit", () => {
    it.each([...ROLES])("as %s follows PERMISSIONS['audit.read']", async (role) => {
      const caller = await signIn(t.app, `${role}@${ORG_A_DOMAIN}`);
      const res = await caller.request("GET", "/api/v1/audit");
      const allowed = (PERMISSIONS["audit.read"] as readonly Role[]).includes(role);
      expect(res.statusCode).toBe(allowed ? 200 : 403);
      if (!allowed) expect(errorCode(res)).toBe("access.forbidden");
      expect(allowed).toBe(role === "admin");
    });

    it("answers 401 without a session", async () => {
      const res = await t.app.inject({ method: "GET", url: "/api/v1/audit" });
      expect(res.statusCode).toBe(401);
      expect(errorCode(res)).toBe("auth.required");
    });

    it("lists org A's rows newest first, with the actor's name and kind", async () => {
      const page = await getAudit("limit=200");
      const rows = await auditRows(t.orgA.orgId);
      expect(page.items.map((i) => i.id)).toEqual(rows.map((r) => r.id).reverse());
      const seed = page.items.find((i) => i.action === "seed_demo");
      expect(seed).toMatchObject({ actorKind: "system", actorId: null, actorName: null, entityId: t.orgA.orgId });
      const create = page.items.find((i) => i.entityId === w.subjectId && i.action === "create");
      expect(create).toMatchObject({ actorId: adminId(), actorName: "Audit Admin", actorKind: "user" });
    });

    type Row = Awaited<ReturnType<typeof auditRows>>[number];
    const filters: { what: string; query: () => string; match: (r: Row) => boolean; min: number }[] = [
      { what: "entity=user", query: () => "entity=user", match: (r) => r.entity === "user", min: 10 },
      { what: "entity=api_token", query: () => "entity=api_token", match: (r) => r.entity === "api_token", min: 3 },
      {
        what: "entityId (one user)",
        query: () => `entityId=${w.subjectId}`,
        match: (r) => r.entity_id === w.subjectId,
        min: 6,
      },
      {
        what: "entity and entityId",
        query: () => `entity=user&entityId=${w.subjectId}`,
        match: (r) => r.entity === "user" && r.entity_id === w.subjectId,
        min: 5,
      },
      {
        what: "actorId (the manager)",
        query: () => `actorId=${managerId()}`,
        match: (r) => r.actor_user_id === managerId(),
        min: 2,
      },
      { what: "action=deactivate", query: () => "action=deactivate", match: (r) => r.action === "deactivate", min: 1 },
      {
        what: "entity, action and actor together",
        query: () => `entity=user&action=update&actorId=${adminId()}`,
        match: (r) => r.entity === "user" && r.action === "update" && r.actor_user_id === adminId(),
        min: 2,
      },
      { what: "an action nobody did", query: () => "action=teleport", match: () => false, min: 0 },
    ];

    it.each(filters)("filters by $what", async ({ query, match, min }) => {
      const page = await getAudit(`limit=200&${query()}`);
      const expected = (await auditRows(t.orgA.orgId))
        .filter(match)
        .map((r) => r.id)
        .reverse();
      expect(expected.length).toBeGreaterThanOrEqual(min);
      expect(page.items.map((i) => i.id)).toEqual(expected);
    });

    describe("by Asia/Dhaka business dates", () => {
      // Instants around Dhaka midnight (UTC+6): 18:00 UTC is the start of the next Dhaka day.
      const clock = [
        { name: "r1", at: "2026-03-01T17:59:59.999Z" }, // 2026-03-01 23:59:59.999 in Dhaka
        { name: "r2", at: "2026-03-01T18:00:00.000Z" }, // 2026-03-02 00:00 in Dhaka
        { name: "r3", at: "2026-03-02T17:59:59.000Z" }, // 2026-03-02 23:59:59 in Dhaka
        { name: "r4", at: "2026-03-02T18:00:00.000Z" }, // 2026-03-03 00:00 in Dhaka
      ].map((c) => ({ ...c, id: "" }));

      beforeAll(async () => {
        for (const c of clock) {
          c.id = newId();
          await db()
            .insertInto("audit_log")
            .values({
              org_id: t.orgA.orgId,
              id: c.id,
              at: new Date(c.at),
              actor_user_id: adminId(),
              actor_kind: "user",
              entity: "audit_clock",
              entity_id: c.name,
              action: "tick",
            })
            .execute();
        }
      });

      it.each([
        { from: "2026-03-02", to: "2026-03-02", expected: ["r3", "r2"] },
        { from: "2026-03-01", to: "2026-03-01", expected: ["r1"] },
        { from: "2026-03-03", to: "2026-03-03", expected: ["r4"] },
        { from: "2026-03-02", to: undefined, expected: ["r4", "r3", "r2"] },
        { from: undefined, to: "2026-03-01", expected: ["r1"] },
        { from: "2026-03-01", to: "2026-03-03", expected: ["r4", "r3", "r2", "r1"] },
        { from: "2026-03-03", to: "2026-03-01", expected: [] },
        { from: "2026-02-28", to: "2026-02-28", expected: [] },
      ])("from=$from to=$to gives $expected", async ({ from, to, expected }) => {
        const query = ["entity=audit_clock", from && `from=${from}`, to && `to=${to}`].filter(Boolean).join("&");
        const page = await getAudit(query);
        expect(page.items.map((i) => i.entityId)).toEqual(expected);
      });

      it("finds today's writes on the Dhaka date they happened", async () => {
        const [create] = await rowsFor(w.subjectId);
        const day = dhakaDate(must(create, "create row").at);
        const page = await getAudit(`limit=200&entityId=${w.subjectId}&from=${day}&to=${day}`);
        expect(page.items.map((i) => i.action)).toContain("create");
      });

      it.each(["2026-13-01", "yesterday", "2026-03-02T00:00:00Z"])(
        "refuses from=%s with 400 request.invalid",
        async (from) => {
          const res = await admin.request("GET", `/api/v1/audit?from=${encodeURIComponent(from)}`);
          expect(res.statusCode).toBe(400);
          expect(errorCode(res)).toBe("request.invalid");
        },
      );
    });

    it.each([
      { limit: 1, what: "entity=user", query: () => "entity=user" },
      { limit: 3, what: "no filter", query: () => "" },
      { limit: 2, what: "actorId=admin", query: () => `actorId=${adminId()}` },
    ])("pages with limit=$limit ($what) through every row once, newest first", async ({ limit, query }) => {
      const q = query();
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await getAudit(`limit=${limit}&${q}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
        expect(page.items.length).toBeLessThanOrEqual(limit);
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 500);
      const whole = await getAudit(`limit=200&${q}`);
      expect(whole.nextCursor).toBeNull();
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual(whole.items.map((i) => i.id));
      expect(seen).toEqual([...seen].sort().reverse());
      expect(pages).toBeGreaterThan(1);
    });

    it.each([
      { what: "garbage", cursor: "***" },
      { what: "not an id", cursor: encodeCursor(["not-an-id"]) },
      { what: "two values", cursor: encodeCursor([newId(), "x"]) },
      { what: "a number", cursor: encodeCursor([7]) },
    ])("refuses a bad cursor ($what) with 400 request.bad_cursor", async ({ cursor }) => {
      const res = await admin.request("GET", `/api/v1/audit?cursor=${encodeURIComponent(cursor)}`);
      expect(res.statusCode).toBe(400);
      expect(errorCode(res)).toBe("request.bad_cursor");
    });

    it("an API token of the admin reads the log too, and its reads are not audited", async () => {
      const created = await admin.request("POST", "/api/v1/api-tokens", { name: "Log reader" });
      const bearer = { authorization: `Bearer ${created.json().token}` };
      const before = (await auditRows(t.orgA.orgId)).length;
      const res = await t.app.inject({ method: "GET", url: "/api/v1/audit?limit=5", headers: bearer });
      expect(res.statusCode).toBe(200);
      expect(res.json().items).toHaveLength(5);
      expect((await auditRows(t.orgA.orgId)).length).toBe(before);
    });
  });
});
