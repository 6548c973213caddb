// Idempotency-Key on POST: a retry gets the first response again and writes nothing new.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withBeforeCommit, withTransaction } from "../../db/transaction.ts";
import { hasBengali, must } from "../../testing/assertions.ts";
import {
  type Caller,
  createTestApp,
  ORG_A_DOMAIN,
  ORG_B_DOMAIN,
  signIn,
  type TestApp,
} from "../../testing/test-app.ts";
import { CLAIM_LEASE_SECONDS, hashRequest } from "./idempotency.hooks.ts";
import { claimKey, markCommitted } from "./idempotency.repository.ts";

describe("Idempotency-Key", () => {
  let t: TestApp;
  let adminA: Caller;
  let managerA: Caller;
  let adminB: Caller;
  let managerTerritory: string;

  beforeAll(async () => {
    t = await createTestApp();
    adminA = await signIn(t.app, `admin@${ORG_A_DOMAIN}`);
    managerA = await signIn(t.app, `manager@${ORG_A_DOMAIN}`);
    adminB = await signIn(t.app, `admin@${ORG_B_DOMAIN}`);
    const manager = await t.database.handle.db
      .selectFrom("users")
      .select("territory_id")
      .where("org_id", "=", t.orgA.orgId)
      .where("id", "=", t.orgA.usersByRole.manager)
      .executeTakeFirstOrThrow();
    managerTerritory = manager.territory_id ?? "";
  });
  afterAll(() => t.close());

  const countUsers = async (email: string) =>
    (await t.database.handle.db.selectFrom("users").select("id").where("email", "=", email).execute()).length;
  const countAudit = async (orgId: string) =>
    (await t.database.handle.db.selectFrom("audit_log").select("id").where("org_id", "=", orgId).execute()).length;

  it("replays the first response for a retry with the same key and body, and creates one user", async () => {
    const body = {
      email: `idem-1@${ORG_A_DOMAIN}`,
      name: "Farhana Akter",
      role: "marketing",
      password: "long-enough-pw",
    };
    const key = "create-user-0001";
    const auditBefore = await countAudit(t.orgA.orgId);
    const first = await adminA.request("POST", "/api/v1/users", body, { "idempotency-key": key });
    expect(first.statusCode).toBe(201);
    expect(first.headers["idempotent-replayed"]).toBeUndefined();
    const second = await adminA.request("POST", "/api/v1/users", body, { "idempotency-key": key });
    expect(second.statusCode).toBe(201);
    expect(second.headers["idempotent-replayed"]).toBe("true");
    expect(second.body).toBe(first.body);
    expect(second.headers["content-type"]).toBe(first.headers["content-type"]);
    expect(await countUsers(body.email)).toBe(1);
    expect(await countAudit(t.orgA.orgId)).toBe(auditBefore + 1);
  });

  it("without a key, the same request twice is two attempts (the second finds the email taken)", async () => {
    const body = { email: `idem-nokey@${ORG_A_DOMAIN}`, name: "Rafiq Islam", role: "service" };
    expect((await adminA.request("POST", "/api/v1/users", body)).statusCode).toBe(201);
    const again = await adminA.request("POST", "/api/v1/users", body);
    expect(again.statusCode).toBe(409);
    expect(again.headers["idempotent-replayed"]).toBeUndefined();
  });

  it("refuses the same key with a different body with 422 idempotency.key_reused, in bn and en", async () => {
    const key = "create-user-0002";
    const body = { email: `idem-2@${ORG_A_DOMAIN}`, name: "Sadia Rahman", role: "service" };
    expect((await adminA.request("POST", "/api/v1/users", body, { "idempotency-key": key })).statusCode).toBe(201);
    for (const lang of ["bn", "en"]) {
      const res = await adminA.request(
        "POST",
        "/api/v1/users",
        { ...body, email: `idem-2b@${ORG_A_DOMAIN}` },
        { "idempotency-key": key, "accept-language": lang },
      );
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe("idempotency.key_reused");
      expect(hasBengali(res.json().error.message)).toBe(lang === "bn");
    }
    expect(await countUsers(`idem-2b@${ORG_A_DOMAIN}`)).toBe(0);
  });

  it("refuses the same key on a different operation with 422", async () => {
    const key = "shared-across-routes";
    const created = await adminA.request("POST", "/api/v1/api-tokens", { name: "ERP" }, { "idempotency-key": key });
    expect(created.statusCode).toBe(201);
    const other = await adminA.request(
      "POST",
      "/api/v1/notifications",
      { userIds: [t.orgA.usersByRole.rep], titleEn: "Hi", titleBn: "হাই" },
      { "idempotency-key": key },
    );
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe("idempotency.key_reused");
  });

  it("lets different callers of one org use the same key independently", async () => {
    const key = "same-key-two-callers";
    const byAdmin = await adminA.request(
      "POST",
      "/api/v1/users",
      { email: `idem-admin@${ORG_A_DOMAIN}`, name: "Admin's pick", role: "marketing" },
      { "idempotency-key": key },
    );
    const byManager = await managerA.request(
      "POST",
      "/api/v1/users",
      { email: `idem-manager@${ORG_A_DOMAIN}`, name: "Manager's pick", role: "rep", territoryId: managerTerritory },
      { "idempotency-key": key },
    );
    expect(byAdmin.statusCode).toBe(201);
    expect(byManager.statusCode).toBe(201);
    expect(byManager.headers["idempotent-replayed"]).toBeUndefined();
    expect(byManager.json().id).not.toBe(byAdmin.json().id);
    expect(await countUsers(`idem-admin@${ORG_A_DOMAIN}`)).toBe(1);
    expect(await countUsers(`idem-manager@${ORG_A_DOMAIN}`)).toBe(1);
  });

  it("keeps keys per organisation: the same key and body in another org is a new request", async () => {
    const key = "token-for-erp";
    const a = await adminA.request("POST", "/api/v1/api-tokens", { name: "ERP sync" }, { "idempotency-key": key });
    const b = await adminB.request("POST", "/api/v1/api-tokens", { name: "ERP sync" }, { "idempotency-key": key });
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.headers["idempotent-replayed"]).toBeUndefined();
    expect(b.json().id).not.toBe(a.json().id);
    expect(b.json().token).not.toBe(a.json().token);
    const bAgain = await adminB.request("POST", "/api/v1/api-tokens", { name: "ERP sync" }, { "idempotency-key": key });
    expect(bAgain.headers["idempotent-replayed"]).toBe("true");
    expect(bAgain.json().id).toBe(b.json().id);
  });

  it("refuses a malformed key with 400 idempotency.bad_key and writes nothing", async () => {
    const bad = ["k".repeat(201), "k".repeat(300), "has space", "tab\there", ""];
    for (const key of bad) {
      for (const lang of ["bn", "en"]) {
        const email = `idem-bad-${bad.indexOf(key)}@${ORG_A_DOMAIN}`;
        const res = await adminA.request(
          "POST",
          "/api/v1/users",
          { email, name: "Bad Key", role: "marketing" },
          { "idempotency-key": key, "accept-language": lang },
        );
        expect(res.statusCode, `key ${JSON.stringify(key)}`).toBe(400);
        expect(res.json().error.code).toBe("idempotency.bad_key");
        expect(hasBengali(res.json().error.message)).toBe(lang === "bn");
        expect(await countUsers(email)).toBe(0);
      }
    }
    const longest = await adminA.request(
      "POST",
      "/api/v1/users",
      { email: `idem-200@${ORG_A_DOMAIN}`, name: "Longest Key", role: "marketing" },
      { "idempotency-key": "k".repeat(200) },
    );
    expect(longest.statusCode).toBe(201);
  });

  it("replays a 4xx first response too", async () => {
    const key = "fails-the-first-time";
    // A rep needs a territory: the service refuses it after the key was claimed.
    const body = { email: `idem-4xx@${ORG_A_DOMAIN}`, name: "No Territory", role: "rep" };
    const first = await adminA.request("POST", "/api/v1/users", body, {
      "idempotency-key": key,
      "accept-language": "en",
    });
    expect(first.statusCode).toBeGreaterThanOrEqual(400);
    expect(first.statusCode).toBeLessThan(500);
    const second = await adminA.request("POST", "/api/v1/users", body, {
      "idempotency-key": key,
      "accept-language": "en",
    });
    expect(second.statusCode).toBe(first.statusCode);
    expect(second.body).toBe(first.body);
    expect(second.headers["idempotent-replayed"]).toBe("true");
    expect(await countUsers(body.email)).toBe(0);
  });

  it("does not claim the key for a request that fails validation, so the corrected retry goes through", async () => {
    const key = "invalid-then-fixed";
    const invalid = await adminA.request(
      "POST",
      "/api/v1/users",
      { email: "not-an-email", name: "X", role: "marketing" },
      { "idempotency-key": key },
    );
    expect(invalid.statusCode).toBe(400);
    const fixed = await adminA.request(
      "POST",
      "/api/v1/users",
      { email: `idem-fixed@${ORG_A_DOMAIN}`, name: "X", role: "marketing" },
      { "idempotency-key": key },
    );
    expect(fixed.statusCode).toBe(201);
  });

  it("two concurrent requests with the same key create one user", async () => {
    const key = "concurrent-retry";
    const body = { email: `idem-race@${ORG_A_DOMAIN}`, name: "Race Condition", role: "marketing" };
    const [x, y] = await Promise.all([
      adminA.request("POST", "/api/v1/users", body, { "idempotency-key": key }),
      adminA.request("POST", "/api/v1/users", body, { "idempotency-key": key }),
    ]);
    const statuses = [x.statusCode, y.statusCode].sort();
    expect(statuses[0]).toBe(201);
    // The loser either waits for the winner's stored response or is told to retry (409 in progress).
    expect([201, 409]).toContain(statuses[1]);
    if (statuses[1] === 409)
      expect([x, y].find((r) => r.statusCode === 409)?.json().error.code).toBe("idempotency.in_progress");
    expect(await countUsers(body.email)).toBe(1);
  });

  it("replays an empty 204 answer as an empty 204", async () => {
    const key = "read-all-once";
    const first = await adminA.request("POST", "/api/v1/notifications/read-all", undefined, { "idempotency-key": key });
    const second = await adminA.request("POST", "/api/v1/notifications/read-all", undefined, {
      "idempotency-key": key,
    });
    expect(first.statusCode).toBe(204);
    expect(second.statusCode).toBe(204);
    expect(second.headers["idempotent-replayed"]).toBe("true");
    expect(second.body).toBe("");
  });

  it("ignores the key on requests that are not POST", async () => {
    const res = await adminA.request(
      "PATCH",
      "/api/v1/auth/me",
      { name: "Admin A" },
      { "idempotency-key": "k".repeat(300) },
    );
    expect(res.statusCode).toBe(200);
  });

  describe("after a crash between claiming a key and answering", () => {
    const db = () => t.database.handle.db;
    /** Leaves the key row a request would leave behind had its process died at that point. */
    async function leftBehind(key: string, body: object, row: { ageSeconds: number; committed: boolean }) {
      await db()
        .insertInto("idempotency_keys")
        .values({
          org_id: t.orgA.orgId,
          caller_id: t.orgA.usersByRole.admin,
          key,
          request_hash: hashRequest("POST", "/api/v1/users", "/api/v1/users", body),
          claim_token: crypto.randomUUID(),
          committed_at: row.committed ? new Date() : null,
          created_at: new Date(Date.now() - row.ageSeconds * 1000),
        })
        .execute();
    }
    const user = (n: number) => ({
      email: `crash-${n}@${ORG_A_DOMAIN}`,
      name: "Sumaiya Islam",
      role: "marketing",
      password: "long-enough-pw",
    });

    it("a retry takes over a claim older than the lease that never committed, and writes once", async () => {
      const body = user(1);
      await leftBehind("crash-key-1", body, { ageSeconds: CLAIM_LEASE_SECONDS + 5, committed: false });
      const retry = await adminA.request("POST", "/api/v1/users", body, { "idempotency-key": "crash-key-1" });
      expect(retry.statusCode, retry.body).toBe(201);
      expect(await countUsers(body.email)).toBe(1);
      const again = await adminA.request("POST", "/api/v1/users", body, { "idempotency-key": "crash-key-1" });
      expect(again.headers["idempotent-replayed"]).toBe("true");
      expect(again.body).toBe(retry.body);
    });

    it("a retry within the lease is told the first is still in progress, and nothing is written", async () => {
      const body = user(2);
      await leftBehind("crash-key-2", body, { ageSeconds: 1, committed: false });
      const retry = await adminA.request("POST", "/api/v1/users", body, { "idempotency-key": "crash-key-2" });
      expect(retry.statusCode).toBe(409);
      expect(retry.json().error.code).toBe("idempotency.in_progress");
      expect(await countUsers(body.email)).toBe(0);
    });

    it("a key whose work committed but whose answer was lost is never run again", async () => {
      const body = user(3);
      await leftBehind("crash-key-3", body, { ageSeconds: CLAIM_LEASE_SECONDS + 600, committed: true });
      const retry = await adminA.request("POST", "/api/v1/users", body, {
        "idempotency-key": "crash-key-3",
        "accept-language": "bn",
      });
      expect(retry.statusCode).toBe(409);
      expect(retry.json().error.code).toBe("idempotency.answer_lost");
      expect(hasBengali(retry.json().error.message)).toBe(true);
      expect(await countUsers(body.email)).toBe(0);
    });

    it("a retry that arrives between the first request's commit and its answer waits for that answer", async () => {
      const body = user(4);
      await leftBehind("answer-on-its-way", body, { ageSeconds: 0, committed: true });
      // The first request answers a moment later, as it does after its commit.
      const answered = new Promise<void>((resolve) => {
        setTimeout(async () => {
          await db()
            .updateTable("idempotency_keys")
            .set({ status_code: 201, response_body: '{"id":"first-answer"}', content_type: "application/json" })
            .where("org_id", "=", t.orgA.orgId)
            .where("key", "=", "answer-on-its-way")
            .execute();
          resolve();
        }, 300);
      });
      const retry = await adminA.request("POST", "/api/v1/users", body, { "idempotency-key": "answer-on-its-way" });
      await answered;
      expect(retry.statusCode, retry.body).toBe(201);
      expect(retry.headers["idempotent-replayed"]).toBe("true");
      expect(retry.json()).toEqual({ id: "first-answer" });
      expect(await countUsers(body.email)).toBe(0);
    });

    it("a request whose claim was taken over cannot commit: its transaction rolls back", async () => {
      const k = { orgId: t.orgA.orgId, callerId: t.orgA.usersByRole.admin, key: "fence-key", requestHash: "h" };
      const first = must(await claimKey(db(), k, CLAIM_LEASE_SECONDS), "first claim");
      expect(await claimKey(db(), k, CLAIM_LEASE_SECONDS), "a live claim is not taken over").toBeNull();
      await db()
        .updateTable("idempotency_keys")
        .set({ created_at: new Date(Date.now() - (CLAIM_LEASE_SECONDS + 1) * 1000) })
        .where("key", "=", k.key)
        .execute();
      const second = must(await claimKey(db(), k, CLAIM_LEASE_SECONDS), "takeover");
      expect(second).not.toBe(first);
      // The superseded request's work, fenced with its old token: the insert rolls back with it.
      const stale = withBeforeCommit(db(), async (tx) => {
        if (!(await markCommitted(tx, { ...k, token: first }))) throw new Error("superseded");
      });
      const email = `fenced@${ORG_A_DOMAIN}`;
      const insertUser = (tx: Parameters<Parameters<typeof withTransaction>[1]>[0]) =>
        tx
          .insertInto("users")
          .values({ org_id: t.orgA.orgId, id: crypto.randomUUID(), email, name: "Fenced", role: "service" })
          .execute();
      await expect(withTransaction(stale, insertUser)).rejects.toThrow("superseded");
      expect(await countUsers(email)).toBe(0);
      // The request holding the claim now commits.
      const current = withBeforeCommit(db(), async (tx) => {
        if (!(await markCommitted(tx, { ...k, token: second }))) throw new Error("superseded");
      });
      await withTransaction(current, insertUser);
      expect(await countUsers(email)).toBe(1);
    });
  });
});
