// `field-sync`: the morning after a day without network. 200 reps, each with 25 orders queued on the phone, all
// sync at the same moment (one POST /api/v1/field/sync of 25 `order.place` commands each) against PostgreSQL.
// Reported: the wall time until every rep has an answer, the per-sync latency (p50 / p99), and duplicates — the
// orders in the database beyond one per command, after the same 200 batches are sent again (a lost reply, an
// outbox sent twice), which must be zero.
//
// Baseline in the same run: the same number of orders for the same outlets through the plain order API
// (POST /api/v1/secondary-orders, one order per request, 200 clients each sending its 25 one after another), so
// `sync_vs_order_api_ratio` shows what batching commands costs or saves against placing orders one by one.
//
// The bench database (bikri_bench_field_sync) is seeded once with the small demo and reused; its outlets buy on
// open credit, so later runs are not refused for credit that earlier runs used up.
import type { AddressInfo } from "node:net";
import { sql } from "kysely";
import pg from "pg";
import { buildApp } from "../src/server/app.ts";
import { loadConfig } from "../src/server/config.ts";
import { openDatabase } from "../src/server/db/connection.ts";
import { migrate } from "../src/server/db/migrate.ts";
import { DEFAULT_DEMO, DEMO_SIZES, demoExists, seedDemo } from "../src/server/demo/demo-seed.ts";
import { createRng } from "../src/server/demo/seeded-random.ts";
import { actorFromUser, createApiToken } from "../src/server/users/auth.service.ts";
import { findUserByEmail, insertUser } from "../src/server/users/users.repository.ts";
import type { FieldCommand, FieldSyncResponse } from "../src/shared/contracts/field.ts";
import { newId } from "../src/shared/ids.ts";
import { type BenchOptions, type Metric, median } from "./harness.ts";
import { LINES_PER_ORDER, orderTraffic } from "./order-traffic.ts";

const REPS = 200;
const ORDERS_PER_REP = 25;
const DATABASE = "bikri_bench_field_sync";

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0);

async function benchDatabase(baseUrl: string, options: BenchOptions): Promise<string> {
  const url = new URL(baseUrl);
  url.pathname = `/${DATABASE}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  const exists = (await admin.query("select 1 from pg_database where datname = $1", [DATABASE])).rowCount === 1;
  if (!exists) await admin.query(`create database ${DATABASE}`);
  await admin.end();
  const database = await openDatabase({ kind: "postgres", url: url.toString(), poolMax: 5 });
  try {
    await migrate(database);
    if (!(await demoExists(database.db))) {
      console.error(`seeding the ${options.size} demo into ${DATABASE} (once; later runs reuse it) ...`);
      await seedDemo(database.db, DEMO_SIZES[options.size]);
    }
  } finally {
    await database.close();
  }
  return url.toString();
}

interface Rep {
  token: string;
  outletIds: string[];
}

export async function fieldSync(options: BenchOptions) {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) throw new Error("field-sync runs against PostgreSQL: set DATABASE_URL");
  const url = await benchDatabase(baseUrl, options);
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: url,
    DATABASE_POOL_MAX: process.env.DATABASE_POOL_MAX ?? "20",
    LOG_LEVEL: "silent",
    BIKRI_JOBS: "false",
    RATE_LIMIT_PER_MINUTE: "10000000",
  });
  if (config.database.kind !== "postgres") throw new Error("field-sync needs PostgreSQL");
  const database = await openDatabase(config.database);
  const db = database.db;
  const traffic = await orderTraffic(db, `field-sync/${Date.now()}`);
  const { orgId } = traffic;
  await sql`update outlets set credit_limit_poisha = null where org_id = ${orgId}`.execute(db);

  // 200 reps, spread over the territories of the outlets (a rep sees its territory's outlets), each with a token.
  const outletTerritories = (
    await sql<{ id: string; territory_id: string }>`
      select o.id, r.parent_id as territory_id from outlets o
      join territories r on r.org_id = o.org_id and r.id = o.route_id
      where o.org_id = ${orgId} and o.id in (${sql.join(traffic.outlets.map((o) => o.id))})`.execute(db)
  ).rows;
  const byTerritory = new Map<string, string[]>();
  for (const o of outletTerritories)
    byTerritory.set(o.territory_id, [...(byTerritory.get(o.territory_id) ?? []), o.id]);
  const territories = [...byTerritory.keys()].sort();
  const template = await findUserByEmail(db, `rep@${DEFAULT_DEMO.emailDomain}`);
  if (!template) throw new Error("the demo rep is missing");
  const reps: Rep[] = [];
  for (let i = 0; i < REPS; i++) {
    const email = `field-bench-rep-${i}@${DEFAULT_DEMO.emailDomain}`;
    const territoryId = territories[i % territories.length] as string;
    if (!(await findUserByEmail(db, email)))
      await insertUser(db, {
        org_id: orgId,
        id: newId(),
        email,
        name: `Field bench rep ${i}`,
        role: "rep",
        territory_id: territoryId,
        locale: "bn",
        password_hash: template.password_hash,
      });
    const row = await findUserByEmail(db, email);
    if (!row) throw new Error(`could not create ${email}`);
    const ctx = { ...traffic.ctx, actor: actorFromUser(row, "token") };
    const { token } = await createApiToken(ctx, { name: "field-sync benchmark", expiresInDays: 1 });
    reps.push({ token, outletIds: byTerritory.get(row.territory_id ?? territoryId) ?? [] });
  }

  const app = await buildApp({ config, database, logger: false });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const rng = createRng(`field-sync/${Date.now()}`);

  const orderLines = () =>
    rng
      .shuffle(traffic.skus)
      .slice(0, LINES_PER_ORDER)
      .map((skuId) => ({ skuId, qty: rng.int(1, 3), unit: "piece" }));
  /** Each rep's outbox: 25 orders for outlets of its territory, ids made "on the phone". */
  const outboxes = () =>
    reps.map((rep): FieldCommand[] =>
      Array.from({ length: ORDERS_PER_REP }, () => ({
        id: newId(),
        kind: "order.place",
        at: new Date().toISOString(),
        payload: { orderId: newId(), outletId: rng.pick(rep.outletIds), lines: orderLines() },
      })),
    );

  const post = async (path: string, token: string, body: unknown) => {
    const t0 = performance.now();
    const r = await fetch(`${base}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "accept-language": "en" },
      body: JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, text, ms: performance.now() - t0 };
  };

  /** All reps at once; returns the wall time and each sync's latency and results. */
  const syncAll = async (batches: FieldCommand[][]) => {
    const t0 = performance.now();
    const answers = await Promise.all(
      batches.map((commands, i) => post("/api/v1/field/sync", (reps[i] as Rep).token, { commands })),
    );
    const wallMs = performance.now() - t0;
    const results = answers.flatMap((a) => {
      if (a.status !== 200) throw new Error(`sync answered ${a.status}: ${a.text.slice(0, 300)}`);
      return (JSON.parse(a.text) as FieldSyncResponse).results;
    });
    return { wallMs, latencies: answers.map((a) => a.ms).sort((a, b) => a - b), results };
  };

  const countOrders = async (ids: readonly string[]) =>
    (
      await sql<{ n: number }>`select count(*)::int as n from secondary_orders
        where org_id = ${orgId} and id in (${sql.join(ids)})`.execute(db)
    ).rows[0]?.n ?? 0;

  const measure = async (): Promise<Metric[]> => {
    const batches = outboxes();
    const orderIds = batches.flatMap((b) => b.map((c) => (c.kind === "order.place" ? c.payload.orderId : "")));
    const first = await syncAll(batches);
    const applied = first.results.filter((r) => r.status === "applied" && !r.replayed).length;
    const rejected = first.results.filter((r) => r.status === "rejected");
    if (rejected.length > 0)
      console.error(`rejected: ${JSON.stringify(rejected.slice(0, 3).map((r) => r.error))} (${rejected.length})`);
    const replay = await syncAll(batches);
    const notReplayed = replay.results.filter((r) => !r.replayed).length;
    const stored = await countOrders(orderIds);
    const duplicates = stored - applied;
    if (duplicates !== 0 || notReplayed !== 0)
      throw new Error(`duplicates: ${duplicates} extra orders, ${notReplayed} replays applied again`);

    // Baseline: the same orders through the order API, one request each, the reps' 25 in sequence.
    const t0 = performance.now();
    let apiFailures = 0;
    await Promise.all(
      reps.map(async (rep) => {
        for (let k = 0; k < ORDERS_PER_REP; k++) {
          const r = await post("/api/v1/secondary-orders", rep.token, {
            outletId: rng.pick(rep.outletIds),
            confirm: true,
            lines: orderLines(),
          });
          if (r.status !== 201) apiFailures++;
        }
      }),
    );
    const apiWallMs = performance.now() - t0;
    const total = REPS * ORDERS_PER_REP;
    const syncOrdersPerS = applied / (first.wallMs / 1000);
    const apiOrdersPerS = (total - apiFailures) / (apiWallMs / 1000);
    return [
      { name: "sync_total_ms", value: first.wallMs, unit: "ms" },
      { name: "sync_p50_ms", value: median(first.latencies), unit: "ms" },
      { name: "sync_p99_ms", value: percentile(first.latencies, 99), unit: "ms" },
      { name: "orders_applied", value: applied, unit: "orders" },
      { name: "orders_rejected", value: rejected.length, unit: "orders" },
      { name: "sync_orders_per_s", value: syncOrdersPerS, unit: "orders/s" },
      { name: "replay_total_ms", value: replay.wallMs, unit: "ms" },
      { name: "duplicates", value: duplicates, unit: "orders" },
      { name: "order_api_total_ms", value: apiWallMs, unit: "ms" },
      { name: "order_api_failures", value: apiFailures, unit: "requests" },
      { name: "sync_vs_order_api_ratio", value: apiOrdersPerS > 0 ? syncOrdersPerS / apiOrdersPerS : 0, unit: "ratio" },
    ];
  };
  return {
    engine: "postgres",
    measure: () => measure(),
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
