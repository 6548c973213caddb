// `order-capture`: confirm 5-line memos over HTTP (autocannon, 50 connections, each request a different outlet
// and SKU mix with its own Idempotency-Key) against PostgreSQL holding the demo at about a million order lines,
// and compare with a baseline that calls the same use case, createSecondaryOrder, in-process over the same pg
// pool with 50 concurrent workers and no HTTP. The ratio shows what the HTTP edge (parsing, auth, idempotency,
// serialisation) costs on top of the transaction itself.
//
// The demo database is seeded once into its own database (bikri_bench_order_capture_<lines>) and reused by
// later runs with the same size, since seeding a million lines takes a few minutes.
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import autocannon from "autocannon";
import { sql } from "kysely";
import pg from "pg";
import { buildApp } from "../src/server/app.ts";
import { loadConfig } from "../src/server/config.ts";
import { openDatabase } from "../src/server/db/connection.ts";
import { migrate } from "../src/server/db/migrate.ts";
import { DEFAULT_DEMO, seedDemo } from "../src/server/demo/demo-seed.ts";
import { createRng } from "../src/server/demo/seeded-random.ts";
import { adjustStock } from "../src/server/inventory/inventory.service.ts";
import { createSecondaryOrder } from "../src/server/orders/orders.service.ts";
import type { Ctx } from "../src/server/platform/context.ts";
import { actorFromUser, createApiToken } from "../src/server/users/auth.service.ts";
import { findUserByEmail } from "../src/server/users/users.repository.ts";

interface Metric {
  name: string;
  value: number;
  unit: string;
}

const CONNECTIONS = 50;
const LINES_PER_ORDER = 5;

const errorCodeOf = (body: string) => {
  try {
    return (JSON.parse(body) as { error?: { code?: string } }).error?.code ?? "?";
  } catch {
    return "?";
  }
};

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0);

/** The bench database on the server of DATABASE_URL, seeded at `orderLines` unless it already is. */
async function benchDatabase(baseUrl: string, orderLines: number): Promise<string> {
  const name = `bikri_bench_order_capture_${orderLines}`;
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  const exists = (await admin.query("select 1 from pg_database where datname = $1", [name])).rowCount === 1;
  if (!exists) await admin.query(`create database ${name}`);
  await admin.end();

  const database = await openDatabase({ kind: "postgres", url: url.toString(), poolMax: 5 });
  try {
    await migrate(database);
    const seeded = await sql<{ lines: number }>`
      select (a.after -> 'size' ->> 'orderLines')::int as lines from audit_log a
      join orgs o on o.id = a.org_id and o.slug = ${DEFAULT_DEMO.slug}
      where a.action = 'seed_demo' limit 1`.execute(database.db);
    if (seeded.rows[0]?.lines === orderLines) return url.toString();
    if (seeded.rows.length > 0) throw new Error(`${name} holds a demo of another size; drop it and run again`);
    const t0 = Date.now();
    console.error(`seeding the demo at ${orderLines} order lines into ${name} (once; later runs reuse it) ...`);
    const summary = await seedDemo(database.db, { orderLines });
    console.error(
      `seeded in ${((Date.now() - t0) / 1000).toFixed(0)} s: ${summary.sales.orders} orders, ${summary.sales.orderLines} lines`,
    );
    return url.toString();
  } finally {
    await database.close();
  }
}

export async function orderCapture(): Promise<{ engine: string; metrics: Metric[] }> {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) throw new Error("order-capture runs against PostgreSQL: set DATABASE_URL");
  const duration = Number(process.env.BENCH_SECONDS ?? 10);
  const orderLines = Number(process.env.BENCH_ORDER_LINES ?? DEFAULT_DEMO.orderLines);
  const url = await benchDatabase(baseUrl, orderLines);

  const config = loadConfig({
    ...process.env,
    DATABASE_URL: url,
    DATABASE_POOL_MAX: process.env.DATABASE_POOL_MAX ?? "20",
    LOG_LEVEL: "silent",
    BIKRI_JOBS: "false",
    RATE_LIMIT_PER_MINUTE: "10000000",
  });
  if (config.database.kind !== "postgres") throw new Error("order-capture needs PostgreSQL");
  const database = await openDatabase(config.database);
  const db = database.db;
  const adminRow = await findUserByEmail(db, `admin@${DEFAULT_DEMO.emailDomain}`);
  if (!adminRow) throw new Error("the demo admin is missing");
  const ctx: Ctx = {
    db,
    locale: "en",
    requestId: null,
    ip: null,
    userAgent: null,
    actor: actorFromUser(adminRow, "token"),
  };
  const orgId = adminRow.org_id;

  // Outlets with room under their credit limit, and SKUs sold by the piece that every outlet has a price for.
  const outlets = (
    await sql<{ id: string; distributor_id: string }>`
      select o.id, o.distributor_id from outlets o
      where o.org_id = ${orgId} and o.status = 'active' and o.distributor_id is not null
        and coalesce(o.credit_limit_poisha, 0)
          - coalesce((select sum(e.amount_poisha) from receivable_entries e
              where e.org_id = o.org_id and e.outlet_id = o.id), 0)
          - coalesce((select sum(so.total_poisha) from secondary_orders so where so.org_id = o.org_id
              and so.outlet_id = o.id and so.status in ('confirmed', 'invoiced', 'dispatched')), 0) > 1000000
      order by o.id`.execute(db)
  ).rows;
  const skus = (
    await sql<{ id: string }>`
      select s.id from skus s where s.org_id = ${orgId} and s.sell_by_unit is null and s.archived_at is null
        and exists (select 1 from price_list_items i join price_lists p on p.org_id = i.org_id and p.id = i.price_list_id
          where i.org_id = s.org_id and i.sku_id = s.id and p.code = 'PL-NATIONAL')
      order by s.code limit 40`.execute(db)
  ).rows.map((r) => r.id);
  if (outlets.length < 100 || skus.length < LINES_PER_ORDER) throw new Error("not enough demo outlets or SKUs");

  // Enough free stock at every distributor for the whole run, added as receipts through the inventory service.
  const distributors = [...new Set(outlets.map((o) => o.distributor_id))];
  const topUp = 20_000;
  const t0 = Date.now();
  const low = (
    await sql<{ distributor_id: string; sku_id: string; free: number }>`
      select d.id as distributor_id, s.id as sku_id,
             coalesce((select b.on_hand - b.reserved from stock_balances b where b.org_id = d.org_id
               and b.distributor_id = d.id and b.sku_id = s.id), 0) as free
      from distributors d cross join skus s
      where d.org_id = ${orgId} and s.org_id = ${orgId} and s.id in (${sql.join(skus)})`.execute(db)
  ).rows.filter((r) => r.free < topUp / 2);
  for (const r of low) {
    await adjustStock(ctx, {
      distributorId: r.distributor_id,
      skuId: r.sku_id,
      qtyDelta: topUp,
      batchNo: "BENCH-TOPUP",
      reason: "Benchmark stock top-up",
    });
  }
  console.error(`topped up ${low.length} of ${distributors.length * skus.length} stock rows in ${Date.now() - t0} ms`);

  const rng = createRng(`order-capture/${Date.now()}`);
  const nextBody = () => {
    const outlet = rng.pick(outlets);
    const picked = rng.shuffle(skus).slice(0, LINES_PER_ORDER);
    return {
      outletId: outlet.id,
      confirm: true,
      lines: picked.map((skuId) => ({ skuId, qty: rng.int(1, 3), unit: "piece" })),
    };
  };

  // --- HTTP
  const { token } = await createApiToken(ctx, { name: "order-capture benchmark", expiresInDays: 1 });
  const app = await buildApp({ config, database, logger: false });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const statuses = new Map<string, number>();
  const capture = (connections: number, seconds: number) =>
    autocannon({
      url: `${base}/api/v1/secondary-orders`,
      connections,
      duration: seconds,
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      requests: [
        {
          setupRequest: (req) => ({
            ...req,
            headers: { ...req.headers, "idempotency-key": randomUUID() },
            body: JSON.stringify(nextBody()),
          }),
          onResponse: (status, body) => {
            const key = status < 300 ? String(status) : `${status} ${errorCodeOf(body)}`;
            statuses.set(key, (statuses.get(key) ?? 0) + 1);
          },
        },
      ],
    });
  let http: autocannon.Result;
  // One client alone: the latency of an order when nothing queues in front of it. Under 50 closed-loop
  // clients the latency is 50 / throughput (Little's law), so it says more about throughput than about speed.
  let single: autocannon.Result;
  try {
    http = await capture(CONNECTIONS, duration);
    single = await capture(1, Math.max(3, Math.round(duration / 2)));
  } finally {
    await app.close();
  }

  // --- baseline: the same use case in-process, 50 workers, no HTTP
  const latencies: number[] = [];
  let baselineOk = 0;
  let baselineFailed = 0;
  const baselineErrors = new Map<string, number>();
  const until = performance.now() + duration * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < until) {
        const t = performance.now();
        try {
          await createSecondaryOrder(ctx, nextBody());
          baselineOk++;
          latencies.push(performance.now() - t);
        } catch (err) {
          baselineFailed++;
          const code = (err as { code?: string }).code ?? String(err);
          baselineErrors.set(code, (baselineErrors.get(code) ?? 0) + 1);
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const baselineTps = baselineOk / elapsed;
  const lines = await sql<{
    n: number;
  }>`select count(*)::int as n from secondary_order_lines where org_id = ${orgId}`.execute(db);
  await database.close();

  const failures = http.non2xx + http.errors + http.timeouts + single.non2xx + single.errors + single.timeouts;
  if (failures > 0 || baselineFailed > 0) {
    console.error(
      `failures: http ${JSON.stringify(Object.fromEntries(statuses))}, errors ${http.errors}, timeouts ${http.timeouts}; ` +
        `baseline ${JSON.stringify(Object.fromEntries(baselineErrors))}`,
    );
  }
  // Throughput counts confirmed orders only: a refused request is not captured business.
  const httpRps = (http["2xx"] ?? 0) / duration;
  return {
    engine: "postgres",
    metrics: [
      { name: "http_rps", value: httpRps, unit: "req/s" },
      { name: "http_p50_ms", value: http.latency.p50, unit: "ms" },
      { name: "http_p99_ms", value: http.latency.p99, unit: "ms" },
      { name: "http_single_client_p50_ms", value: single.latency.p50, unit: "ms" },
      { name: "http_single_client_p99_ms", value: single.latency.p99, unit: "ms" },
      { name: "http_failures", value: failures, unit: "requests" },
      { name: "baseline_tps", value: baselineTps, unit: "tx/s" },
      { name: "baseline_p50_ms", value: percentile(latencies, 50), unit: "ms" },
      { name: "baseline_p99_ms", value: percentile(latencies, 99), unit: "ms" },
      { name: "baseline_failures", value: baselineFailed, unit: "calls" },
      { name: "http_vs_baseline_ratio", value: baselineTps > 0 ? httpRps / baselineTps : 0, unit: "ratio" },
      { name: "order_lines_in_database", value: lines.rows[0]?.n ?? 0, unit: "lines" },
    ],
  };
}
