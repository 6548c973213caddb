// `order-capture`: confirm 5-line memos over HTTP (autocannon, 50 connections, each request a different outlet
// and SKU mix with its own Idempotency-Key) against PostgreSQL holding the demo at about a million order lines,
// and compare with a baseline that calls the same use case, createSecondaryOrder, in-process over the same pg
// pool with 50 concurrent workers and no HTTP. The ratio shows what the HTTP edge (parsing, auth, idempotency,
// serialisation) costs on top of the transaction itself.
//
// Trade schemes (issue 8): each run also takes the same traffic over HTTP with 50 schemes in force (bench/
// order-schemes.ts: percent, flat, slabs, free goods, bundles, memo-level, targeted so that most memos see several)
// and reports `order_capture_schemes_ratio` = with / without; the aim is at least 0.85. The two phases alternate
// their order from run to run (without first, then with first ...) so that drift does not favour one. The schemes
// are switched on and off through the promotions service (activate / pause), as a marketing manager would.
//
// The demo database is seeded once into its own database (bikri_bench_order_capture_<lines>) and reused by
// later runs with the same size, since seeding a million lines takes a few minutes.
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import autocannon from "autocannon";
import { sql } from "kysely";
import { buildApp } from "../src/server/app.ts";
import { loadConfig } from "../src/server/config.ts";
import { openDatabase } from "../src/server/db/connection.ts";
import { DEMO_SIZES } from "../src/server/demo/demo-seed.ts";
import { createSecondaryOrder } from "../src/server/orders/orders.service.ts";
import { createApiToken } from "../src/server/users/auth.service.ts";
import { benchDatabase } from "./bench-database.ts";
import type { BenchOptions, Metric } from "./harness.ts";
import { benchSchemes } from "./order-schemes.ts";
import { orderTraffic } from "./order-traffic.ts";

const CONNECTIONS = 50;

const errorCodeOf = (body: string) => {
  try {
    return (JSON.parse(body) as { error?: { code?: string } }).error?.code ?? "?";
  } catch {
    return "?";
  }
};

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0);

/** Seeds (once) and prepares the bench database and server; measure() is one run of both phases. */
export async function orderCapture(options: BenchOptions) {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) throw new Error("order-capture runs against PostgreSQL: set DATABASE_URL");
  const orderLines = DEMO_SIZES[options.size].orderLines;
  const url = await benchDatabase(baseUrl, `bikri_bench_order_capture_${orderLines}`, options.size);

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
  const traffic = await orderTraffic(db, `order-capture/${Date.now()}`);
  const { ctx, orgId, nextBody } = traffic;
  const schemes = await benchSchemes(ctx, traffic);

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
  /** One HTTP phase with the bench schemes on: throughput, latency and what the schemes gave. */
  const withSchemes = async (duration: number) => {
    await schemes.on();
    try {
      const from = await schemes.clock();
      const http = await capture(CONNECTIONS, duration);
      const single = await capture(1, Math.max(3, Math.round(duration / 2)));
      return { http, single, given: await schemes.givenSince(from) };
    } finally {
      await schemes.off();
    }
  };
  let runNo = 0;
  const measure = async (duration: number): Promise<Metric[]> => {
    statuses.clear();
    // Alternate which phase goes first: off-on, on-off, off-on ...
    const schemesFirst = runNo++ % 2 === 1;
    const on = schemesFirst ? await withSchemes(duration) : null;
    const http = await capture(CONNECTIONS, duration);
    // One client alone: the latency of an order when nothing queues in front of it. Under 50 closed-loop
    // clients the latency is 50 / throughput (Little's law), so it says more about throughput than about speed.
    const single = await capture(1, Math.max(3, Math.round(duration / 2)));
    const withOn = on ?? (await withSchemes(duration));

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

    const failuresOf = (r: autocannon.Result) => r.non2xx + r.errors + r.timeouts;
    const failures = failuresOf(http) + failuresOf(single) + failuresOf(withOn.http) + failuresOf(withOn.single);
    if (failures > 0 || baselineFailed > 0) {
      console.error(
        `failures: http ${JSON.stringify(Object.fromEntries(statuses))}, errors ${http.errors}, timeouts ${http.timeouts}; ` +
          `with schemes: errors ${withOn.http.errors + withOn.single.errors}, ` +
          `timeouts ${withOn.http.timeouts + withOn.single.timeouts}; ` +
          `baseline ${JSON.stringify(Object.fromEntries(baselineErrors))}`,
      );
    }
    // Throughput counts confirmed orders only: a refused request is not captured business.
    const httpRps = (http["2xx"] ?? 0) / duration;
    const schemesRps = (withOn.http["2xx"] ?? 0) / duration;
    const { orders, ordersWithSchemes, grants, discountPoisha, freeLines } = withOn.given;
    return [
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
      { name: "http_rps_with_schemes", value: schemesRps, unit: "req/s" },
      { name: "http_p50_ms_with_schemes", value: withOn.http.latency.p50, unit: "ms" },
      { name: "http_p99_ms_with_schemes", value: withOn.http.latency.p99, unit: "ms" },
      { name: "http_single_client_p50_ms_with_schemes", value: withOn.single.latency.p50, unit: "ms" },
      { name: "order_capture_schemes_ratio", value: httpRps > 0 ? schemesRps / httpRps : 0, unit: "ratio" },
      { name: "schemes_in_force", value: schemes.count, unit: "schemes" },
      // What the schemes did to the orders of the phase: proof that they were in force, and how much.
      {
        name: "orders_with_a_scheme_share",
        value: orders > 0 ? ordersWithSchemes / orders : 0,
        unit: "ratio",
      },
      { name: "schemes_per_order", value: orders > 0 ? grants / orders : 0, unit: "grants" },
      { name: "scheme_discount_per_order_poisha", value: orders > 0 ? discountPoisha / orders : 0, unit: "poisha" },
      { name: "free_lines_per_order", value: orders > 0 ? freeLines / orders : 0, unit: "lines" },
    ];
  };
  return {
    engine: "postgres",
    measure,
    close: async () => {
      await schemes.end();
      await app.close();
      await database.close();
    },
  };
}
