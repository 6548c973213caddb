// Crash and restart: the real server in a child process takes concurrent order traffic, is killed with SIGKILL
// in the middle of it, and is started again on the same database (PostgreSQL: a fresh test database; PGlite:
// a fresh data directory). Then every order the client saw acknowledged must be there, whole, exactly once;
// retries of the requests that were in flight must never make a second order; the invariant checker must find
// nothing; and a job queued before the kill must run after the restart.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../shared/ids.ts";
import { type DatabaseHandle, openDatabase } from "./db/connection.ts";
import { migrate } from "./db/migrate.ts";
import { DEMO_SIZES, seedDemo } from "./demo/demo-seed.ts";
import { adjustStock } from "./inventory/inventory.service.ts";
import { systemCtx } from "./platform/context.ts";
import { CLAIM_LEASE_SECONDS } from "./platform/idempotency/idempotency.hooks.ts";
import { checkIntegrity } from "./platform/integrity/integrity.service.ts";
import { startServerProcess } from "./testing/server-process.ts";
import { createTestDatabase, type TestDatabase, testEngine } from "./testing/test-database.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const PASSWORD = "bikri-demo";
const DOMAIN = "crash.test.bikri.app";
/** Concurrent order takers. */
const WORKERS = 8;
/** The server is killed once this many orders were acknowledged... */
const KILL_AFTER_ACKS = 120;
/** ...and at the latest this long after the job was queued, so that the job is still waiting when it dies. */
const JOB_DELAY_MS = 25_000;
const KILL_DEADLINE_MS = JOB_DELAY_MS - 6_000;
const JOB = "platform-purge-expired";
/** Production mode wants its own secret key; both runs of the server share one. */
const SECRET_KEY = randomBytes(32).toString("hex");

interface OrderBody {
  id?: string;
  outletId: string;
  lines: { skuId: string; qty: number; unit: string }[];
  confirm: true;
  note: string;
}

interface Sent {
  key: string;
  body: OrderBody;
  status?: number;
  orderId?: string;
  /** The request failed without an answer (the server died under it, or was gone). */
  error?: string;
  startedAt: number;
}

interface Server {
  child: ChildProcess;
  base: string;
  logs: Record<string, unknown>[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const engine = testEngine();
let pgDatabase: TestDatabase | null = null;
let dataDir: string | null = null;
let orgId = "";
let jobId = "";
let queuedAt = 0;
let killedAt = 0;
let restartedAt = 0;
let acksAtKill = 0;
let inFlightAtKill = 0;
const sent: Sent[] = [];
const retries: { key: string; status: number; replayed: boolean; orderId?: string; code?: string }[] = [];
const replays: { key: string; status: number; replayed: boolean; sameOrder: boolean }[] = [];
/** Retries after the claim lease of the requests whose first retry heard "in progress". */
const lateRetries: typeof retries = [];
let expiredSessionHash = "";
let second: Server | null = null;
let secondExit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
let cli: { code: number | null; out: string } | null = null;

/** The database the way the server sees it: a URL (PostgreSQL) or a data directory (PGlite). */
function serverEnv(): Record<string, string | undefined> {
  return {
    DATABASE_URL: pgDatabase?.url ?? undefined,
    BIKRI_DATA_DIR: pgDatabase ? undefined : (dataDir ?? undefined),
    DATA_DIR: undefined,
    NODE_ENV: "production",
    LOG_LEVEL: "info",
    BIKRI_SEED_DEMO: "never",
    BIKRI_JOBS: "true",
    LOGIN_RATE_PER_MINUTE: "1000",
    BIKRI_SECRET_KEY: SECRET_KEY,
  };
}

async function openForTest(): Promise<DatabaseHandle> {
  if (pgDatabase) return pgDatabase.handle;
  return openDatabase({ kind: "pglite", dataDir: dataDir as string });
}

async function closeForTest(handle: DatabaseHandle) {
  // The embedded database is one process's: let go of the directory so that the server can take it.
  if (!pgDatabase) await handle.close();
}

/** The real server on this test's database, once it answers /api/health. */
async function startServer(): Promise<Server> {
  const s = await startServerProcess(serverEnv(), 45_000);
  return { child: s.child, base: s.base, logs: s.logs, exited: s.exited };
}

const jobStarted = (server: Server) =>
  server.logs.some((l) => l.msg === "job started" && l.job === JOB && l.id === jobId);

async function waitFor(what: string, check: () => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function signInTo(base: string) {
  const res = await fetch(`${base}/api/v1/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: `admin@${DOMAIN}`, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in answered ${res.status}: ${await res.text()}`);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, "x-csrf-token": csrfToken };
}

type Auth = Awaited<ReturnType<typeof signInTo>>;

const postOrder = (base: string, auth: Auth, key: string, body: OrderBody) =>
  fetch(`${base}/api/v1/secondary-orders`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json", "idempotency-key": key },
    body: JSON.stringify(body),
  });

/** Outlets with the SKUs (and the pack they were sold in) of their own history: orders the price lists cover. */
async function orderCandidates(handle: DatabaseHandle) {
  const rows = await handle.db
    .selectFrom("secondary_order_lines as l")
    .innerJoin("secondary_orders as o", (j) => j.onRef("o.org_id", "=", "l.org_id").onRef("o.id", "=", "l.order_id"))
    .innerJoin("outlets as ot", (j) => j.onRef("ot.org_id", "=", "o.org_id").onRef("ot.id", "=", "o.outlet_id"))
    .select(["o.outlet_id", "l.sku_id", "l.entered_unit"])
    .distinct()
    .where("l.org_id", "=", orgId)
    .where("ot.status", "=", "active")
    .whereRef("ot.distributor_id", "=", "o.distributor_id")
    .orderBy("o.outlet_id")
    .orderBy("l.sku_id")
    .execute();
  const byOutlet = new Map<string, { skuId: string; unit: string }[]>();
  for (const r of rows) {
    const list = byOutlet.get(r.outlet_id) ?? [];
    if (!list.some((x) => x.skuId === r.sku_id)) list.push({ skuId: r.sku_id, unit: r.entered_unit });
    byOutlet.set(r.outlet_id, list);
  }
  return [...byOutlet];
}

beforeAll(async () => {
  // --- a fresh database with a tiny demo company, plenty of stock, and no credit limits in the way
  let handle: DatabaseHandle;
  if (engine === "postgres") {
    pgDatabase = await createTestDatabase();
    handle = pgDatabase.handle;
  } else {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "bikri-crash-"));
    handle = await openDatabase({ kind: "pglite", dataDir });
    await migrate(handle);
  }
  const demo = await seedDemo(handle.db, {
    ...DEMO_SIZES.tiny,
    seed: "crash",
    slug: "crash",
    emailDomain: DOMAIN,
    routesPerTerritory: 1,
    extraUsers: 2,
    refreshStatistics: false,
  });
  orgId = demo.orgId;
  await handle.db.updateTable("outlets").set({ credit_limit_poisha: null }).where("org_id", "=", orgId).execute();
  const stock = await handle.db
    .selectFrom("stock_balances")
    .select(["distributor_id", "sku_id"])
    .where("org_id", "=", orgId)
    .execute();
  for (const s of stock)
    await adjustStock(systemCtx(handle.db, orgId), {
      distributorId: s.distributor_id,
      skuId: s.sku_id,
      qtyDelta: 1_000_000,
      reason: "crash test stock",
    });
  const candidates = await orderCandidates(handle);
  expect(candidates.length).toBeGreaterThan(5);

  // --- an expired session for the housekeeping job to purge, and that job queued to run after the kill
  expiredSessionHash = `crash-test-${newId()}`;
  await handle.db
    .insertInto("sessions")
    .values({
      org_id: orgId,
      token_hash: expiredSessionHash,
      user_id: demo.usersByRole.rep,
      csrf_token: "x",
      expires_at: new Date(Date.now() - 86_400_000),
    })
    .execute();
  const boss = new PgBoss({
    db: { executeSql: (text, values) => handle.executeSql(text, values) },
    schema: "pgboss",
    supervise: false,
    schedule: false,
  });
  await boss.start();
  await boss.createQueue(JOB);
  queuedAt = Date.now();
  jobId =
    (await boss.send(JOB, { queuedBy: "crash-restart test" }, { startAfter: new Date(queuedAt + JOB_DELAY_MS) })) ?? "";
  await boss.stop({ graceful: false, close: false });
  expect(jobId).not.toBe("");
  await closeForTest(handle);

  // --- the first server, under load, killed
  const first = await startServer();
  const auth = await signInTo(first.base);
  let next = 0;
  let acks = 0;
  let killed = false;
  const kill = () => {
    if (killed) return;
    killed = true;
    killedAt = Date.now();
    acksAtKill = acks;
    inFlightAtKill = sent.filter((s) => s.status === undefined && s.error === undefined).length;
    first.child.kill("SIGKILL");
  };
  const deadline = setTimeout(kill, Math.max(0, queuedAt + KILL_DEADLINE_MS - Date.now()));
  const worker = async () => {
    while (!killed) {
      const i = next++;
      const [outletId, skus] = candidates[i % candidates.length] as (typeof candidates)[number];
      const lines = Array.from({ length: 1 + (i % Math.min(3, skus.length)) }, (_, k) => {
        const sku = skus[(i + k) % skus.length] as { skuId: string; unit: string };
        return { skuId: sku.skuId, unit: sku.unit, qty: 1 + ((i + k) % 3) };
      });
      const key = `crash-${i}`;
      // Half the orders carry their own id, as the field app's offline outbox sends them.
      const body: OrderBody = { ...(i % 2 === 0 && { id: newId() }), outletId, lines, confirm: true, note: key };
      const s: Sent = { key, body, startedAt: Date.now() };
      sent.push(s);
      try {
        const res = await postOrder(first.base, auth, key, body);
        const json = (await res.json()) as { id?: string };
        s.status = res.status;
        if (res.status === 201) {
          s.orderId = json.id;
          acks++;
          if (acks >= KILL_AFTER_ACKS) kill();
        }
      } catch (e) {
        s.error = String((e as { cause?: { code?: string } }).cause?.code ?? e);
      }
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  clearTimeout(deadline);
  const died = await first.exited;
  expect(died.signal).toBe("SIGKILL");
  // The job must still have been waiting when the server died, or the restart would prove nothing.
  expect(jobStarted(first), "the job ran before the kill: raise JOB_DELAY_MS").toBe(false);

  // --- the second server on the same data: retries of what got no answer, replays of what did
  restartedAt = Date.now();
  second = await startServer();
  const listeningAt = Date.now();
  // The session from before the kill is still good: it lives in the database, not in the process.
  const auth2 = auth;
  for (const s of sent.filter((x) => x.status === undefined)) {
    const res = await postOrder(second.base, auth2, s.key, s.body);
    const json = (await res.json()) as { id?: string; error?: { code: string } };
    retries.push({
      key: s.key,
      status: res.status,
      replayed: res.headers.get("idempotent-replayed") === "true",
      ...(json.id !== undefined && { orderId: json.id }),
      ...(json.error && { code: json.error.code }),
    });
  }
  for (const s of sent.filter((x) => x.status === 201).slice(0, 20)) {
    const res = await postOrder(second.base, auth2, s.key, s.body);
    const json = (await res.json()) as { id?: string };
    replays.push({
      key: s.key,
      status: res.status,
      replayed: res.headers.get("idempotent-replayed") === "true",
      sameOrder: json.id === s.orderId,
    });
  }
  // Once the claim lease has run out, the keys the dead server held are free again: a retry either runs
  // the request (its order never committed) or hears that its answer was lost (it had committed).
  const held = retries.filter((r) => r.status === 409);
  if (held.length > 0) {
    await new Promise((r) => setTimeout(r, Math.max(0, killedAt + (CLAIM_LEASE_SECONDS + 1) * 1000 - Date.now())));
    for (const h of held) {
      const s = sent.find((x) => x.key === h.key) as Sent;
      const res = await postOrder(second.base, auth2, s.key, s.body);
      const json = (await res.json()) as { id?: string; error?: { code: string } };
      lateRetries.push({
        key: s.key,
        status: res.status,
        replayed: res.headers.get("idempotent-replayed") === "true",
        ...(json.id !== undefined && { orderId: json.id }),
        ...(json.error && { code: json.error.code }),
      });
    }
  }
  const server = second;
  await waitFor(
    "the queued job to run after the restart",
    () => server.logs.some((l) => l.msg === "purged expired sessions and idempotency keys") && jobStarted(server),
    Math.max(0, queuedAt + JOB_DELAY_MS - Date.now()) + 20_000,
  );
  second.child.kill("SIGTERM");
  secondExit = await second.exited;

  // --- the operator's checker, as a command, on the same data
  cli = await new Promise((resolve) => {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...process.env, ...serverEnv() })) if (v !== undefined) env[k] = v;
    const child = spawn(process.execPath, ["bin/bikri.js", "check", "--org", "crash"], {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout?.on("data", (d) => {
      out += String(d);
    });
    child.stderr?.on("data", (d) => {
      out += String(d);
    });
    child.on("exit", (code) => resolve({ code, out }));
  });

  const acked = sent.filter((s) => s.status === 201).length;
  const refused = sent.filter((s) => s.status !== undefined && s.status !== 201);
  console.log(
    `[crash-restart ${engine}] ${sent.length} orders sent by ${WORKERS} workers; killed after ${acksAtKill} acknowledged ` +
      `(${((killedAt - (sent[0]?.startedAt ?? killedAt)) / 1000).toFixed(1)} s of load, ${inFlightAtKill} in flight); ` +
      `${acked} acknowledged in all, ${refused.length} refused (${[...new Set(refused.map((r) => r.status))].join(", ")}), ` +
      `${sent.length - acked - refused.length} without an answer; restart to listening ${((listeningAt - restartedAt) / 1000).toFixed(1)} s; ` +
      `retries of the unanswered: ${JSON.stringify(retries.map((r) => `${r.status}${r.replayed ? " replayed" : ""}${r.code ? ` ${r.code}` : ""}`))}`,
  );
}, 150_000);

afterAll(async () => {
  second?.child.kill("SIGKILL");
  if (pgDatabase) await pgDatabase.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe(`crash and restart (${engine})`, () => {
  let db: DatabaseHandle;
  beforeAll(async () => {
    db = await openForTest();
  });
  afterAll(async () => {
    if (db) await closeForTest(db);
  });

  const ours = () =>
    db.db
      .selectFrom("secondary_orders")
      .select(["id", "note", "status", "line_count", "created_at"])
      .where("org_id", "=", orgId)
      .where("note", "like", "crash-%")
      .execute();

  it("the server was killed mid-load, with requests in flight, and came back", () => {
    expect(acksAtKill, "too few orders before the kill deadline: did the server start slowly?").toBeGreaterThanOrEqual(
      20,
    );
    expect(inFlightAtKill).toBeGreaterThan(0);
    expect(sent.some((s) => s.error !== undefined)).toBe(true);
    const shutdownLogs = second?.logs.filter((l) => Number(l.level) >= 40 || String(l.msg).startsWith("stop"));
    expect(secondExit, `the restarted server's stop: ${JSON.stringify(shutdownLogs)}`).toEqual({
      code: 0,
      signal: null,
    });
  });

  it("every acknowledged order exists exactly once, whole: its lines, its event, its audit row, its reservation", async () => {
    const acked = sent.filter((s) => s.status === 201);
    expect(acked.length).toBeGreaterThanOrEqual(acksAtKill);
    const rows = await ours();
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const s of acked) {
      const o = byId.get(s.orderId as string);
      expect(o, `acknowledged order ${s.key} (${s.orderId}) is missing after the restart`).toBeDefined();
      expect(o).toMatchObject({ note: s.key, status: "confirmed", line_count: s.body.lines.length });
      if (s.body.id) expect(s.orderId).toBe(s.body.id);
    }
    expect(rows.filter((r) => r.note === acked[0]?.key)).toHaveLength(1);
    const ids = acked.map((s) => s.orderId as string);
    const [lines, events, audits, reserved] = await Promise.all([
      db.db
        .selectFrom("secondary_order_lines")
        .select(["order_id", "sku_id", "entered_qty", "entered_unit"])
        .where("org_id", "=", orgId)
        .where("order_id", "in", ids)
        .execute(),
      db.db
        .selectFrom("secondary_order_events")
        .select(["order_id", "from_status", "to_status"])
        .where("org_id", "=", orgId)
        .where("order_id", "in", ids)
        .execute(),
      db.db
        .selectFrom("audit_log")
        .select("entity_id")
        .where("org_id", "=", orgId)
        .where("entity", "=", "secondary_order")
        .where("action", "=", "create")
        .where("entity_id", "in", ids)
        .execute(),
      db.db
        .selectFrom("stock_movements")
        .select((eb) => ["ref_id", eb.fn.sum<number>("reserved_delta").as("reserved")])
        .where("org_id", "=", orgId)
        .where("ref_type", "=", "secondary_order")
        .where("kind", "=", "reservation")
        .where("ref_id", "in", ids)
        .groupBy("ref_id")
        .execute(),
    ]);
    for (const s of acked) {
      const id = s.orderId as string;
      const own = lines.filter((l) => l.order_id === id);
      expect(own.map((l) => [l.sku_id, l.entered_qty, l.entered_unit])).toEqual(
        expect.arrayContaining(s.body.lines.map((l) => [l.skuId, l.qty, l.unit])),
      );
      expect(own).toHaveLength(s.body.lines.length);
      expect(events.filter((e) => e.order_id === id)).toEqual([
        { order_id: id, from_status: null, to_status: "confirmed" },
      ]);
      expect(audits.filter((a) => a.entity_id === id)).toHaveLength(1);
      expect(Number(reserved.find((r) => r.ref_id === id)?.reserved ?? 0)).toBeGreaterThan(0);
    }
  });

  it("no order is half-written, and no request made two orders, whatever its answer", async () => {
    const rows = await ours();
    const perKey = new Map<string, number>();
    for (const r of rows) perKey.set(r.note as string, (perKey.get(r.note as string) ?? 0) + 1);
    expect([...perKey].filter(([, n]) => n > 1)).toEqual([]);
    // Orders written before the kill whose answer the client never saw are whole too (the checker's
    // orders.complete and orders.stock below look at every order); count them for the record.
    const unanswered = new Set(sent.filter((s) => s.status === undefined).map((s) => s.key));
    const beforeRestart = rows.filter((r) => unanswered.has(r.note as string) && r.created_at.getTime() < restartedAt);
    const held = retries.filter((r) => r.status === 409).map((r) => r.key);
    console.log(
      `[crash-restart ${engine}] of ${unanswered.size} unanswered requests, ${beforeRestart.length} had committed ` +
        `their order before the kill; ${held.length} had claimed their Idempotency-Key (retry: 409 in progress), ` +
        `${held.filter((k) => beforeRestart.some((r) => r.note === k)).length} of them with the order committed`,
    );
    // A retry that ran anew (201, not a replay) may only do so for a request that had written nothing.
    for (const r of retries.filter((x) => x.status === 201 && !x.replayed))
      expect(
        beforeRestart.some((o) => o.note === r.key),
        `retry of ${r.key} ran again over a committed order`,
      ).toBe(false);
    for (const r of rows) expect(r.line_count).toBeGreaterThan(0);
  });

  it("retrying an unanswered request with its Idempotency-Key never makes a second order", async () => {
    expect(retries.length).toBe(sent.filter((s) => s.status === undefined).length);
    const rows = await ours();
    for (const r of retries) {
      const original = sent.find((s) => s.key === r.key) as Sent;
      // Either the first answer was stored and is replayed; or the key is still held by the request that died
      // (409 in progress until the claim lease runs out: see the next test); or that request had committed
      // its order and died before answering (409 answer lost: its order exists, once); or the request never
      // reached the server and runs now for the first time.
      const committed = rows.some((o) => o.note === r.key && o.created_at.getTime() < restartedAt);
      if (r.status === 409)
        expect(r.code, JSON.stringify(r)).toBe(committed ? "idempotency.answer_lost" : "idempotency.in_progress");
      else expect(r.status, JSON.stringify(r)).toBe(201);
      if (r.status === 201 && original.body.id) expect(r.orderId).toBe(original.body.id);
    }
  });

  it("after the claim lease, a held key runs its request once, or says its answer was lost", async () => {
    const rows = await ours();
    expect(lateRetries.length).toBe(retries.filter((r) => r.status === 409).length);
    for (const r of lateRetries) {
      const committed = rows.filter((o) => o.note === r.key && o.created_at.getTime() < restartedAt).length;
      if (committed > 0) expect([r.status, r.code], JSON.stringify(r)).toEqual([409, "idempotency.answer_lost"]);
      else expect(r.status, JSON.stringify(r)).toBe(201);
      expect(rows.filter((o) => o.note === r.key).length, `orders for ${r.key}`).toBe(1);
    }
  });

  it("replaying an acknowledged request after the restart answers with the same order", () => {
    expect(replays.length).toBeGreaterThan(0);
    expect(replays.every((r) => r.status === 201 && r.replayed && r.sameOrder)).toBe(true);
  });

  it("the invariant checker finds nothing wrong, as a function and as `bikri check`", async () => {
    expect(await checkIntegrity(db.db)).toEqual([]);
    expect(cli?.out).toMatch(/all 15 checks passed/);
    expect(cli?.code).toBe(0);
  });

  it("a job queued before the kill ran after the restart", async () => {
    const r = await db.executeSql("select state, started_on, completed_on from pgboss.job where id = $1", [jobId]);
    const job = r.rows[0] as { state: string; started_on: Date; completed_on: Date } | undefined;
    expect(job?.state).toBe("completed");
    expect(new Date(job?.started_on as Date).getTime()).toBeGreaterThan(killedAt);
    expect(new Date(job?.started_on as Date).getTime()).toBeGreaterThanOrEqual(restartedAt - 1000);
    const expired = await db.db
      .selectFrom("sessions")
      .select("token_hash")
      .where("org_id", "=", orgId)
      .where("token_hash", "=", expiredSessionHash)
      .execute();
    expect(expired).toEqual([]);
  });
});
