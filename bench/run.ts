// `npm run bench -- <workload>`: runs one workload against a real server on this machine (PostgreSQL when
// DATABASE_URL is set, else embedded PGlite), writes bench/results/<workload>.json and prints it.
// Each workload measures a baseline in the same run and reports ratios to it, so results compare across
// machines.
import type { AddressInfo } from "node:net";
import autocannon from "autocannon";
import { buildApp } from "../src/server/app.ts";
import { loadConfig } from "../src/server/config.ts";
import { openDatabase } from "../src/server/db/connection.ts";
import { migrate } from "../src/server/db/migrate.ts";
import { DEMO_PASSWORD, DEMO_SIZES, demoExists, seedDemo } from "../src/server/demo/demo-seed.ts";
import { dashboard } from "./dashboard.ts";
import { fieldBundle } from "./field-bundle.ts";
import { fieldSync } from "./field-sync.ts";
import { forecast } from "./forecast.ts";
import { type BenchOptions, type Metric, median, parseBenchArgs, repeat, writeResult } from "./harness.ts";
import { orderCapture } from "./order-capture.ts";
import { soak } from "./soak.ts";

type Workload = (base: string, cookie: string, seconds: number) => Promise<Metric[]>;

async function load(url: string, cookie: string, seconds: number, connections = 10) {
  const r = await autocannon({ url, connections, duration: seconds, headers: { cookie } });
  if (r.non2xx > 0) throw new Error(`${url}: ${r.non2xx} non-2xx answers`);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 };
}

const workloads: Record<string, Workload> = {
  /** Reading the user list (join with territories, scope filter) against the health check as baseline. */
  "api-read": async (base, cookie, seconds) => {
    const health = await load(`${base}/api/health`, cookie, seconds);
    const users = await load(`${base}/api/v1/users?limit=50`, cookie, seconds);
    const territories = await load(`${base}/api/v1/territories?level=area&limit=100`, cookie, seconds);
    return [
      { name: "health_rps", value: health.rps, unit: "req/s" },
      { name: "users_list_rps", value: users.rps, unit: "req/s" },
      { name: "users_list_p50_ms", value: users.p50, unit: "ms" },
      { name: "users_list_p99_ms", value: users.p99, unit: "ms" },
      { name: "territories_list_rps", value: territories.rps, unit: "req/s" },
      { name: "users_list_vs_health_ratio", value: users.rps / health.rps, unit: "ratio" },
    ];
  },
  /** Sign-in is deliberately slow (argon2id); measure it so that it stays bounded. */
  "sign-in": async (base) => {
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      const r = await fetch(`${base}/api/v1/auth/sign-in`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "rep@demo.bikri.app", password: DEMO_PASSWORD }),
      });
      if (r.status !== 200) throw new Error(`sign-in answered ${r.status}`);
      times.push(performance.now() - t0);
    }
    const healthTimes: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      await fetch(`${base}/api/health`);
      healthTimes.push(performance.now() - t0);
    }
    return [
      { name: "sign_in_median_ms", value: median(times), unit: "ms" },
      { name: "health_median_ms", value: median(healthTimes), unit: "ms" },
      { name: "sign_in_vs_health_ratio", value: median(times) / median(healthTimes), unit: "ratio" },
    ];
  },
};

/** Workloads that bring their own database and server (seeded at benchmark size). */
type Prepared = { engine: string; measure: (seconds: number) => Promise<Metric[]>; close: () => Promise<void> };
const standalone: Record<string, { prepare: (o: BenchOptions) => Promise<Prepared>; defaults: Partial<BenchOptions> }> =
  {
    "order-capture": { prepare: orderCapture, defaults: { size: "full", seconds: 10, warmupSeconds: 3 } },
    soak: { prepare: soak, defaults: { size: "small", seconds: 600, runs: 1, warmupSeconds: 0 } },
    // One run = 200 reps x 25 orders synced at once, then replayed, then the order-API baseline.
    "field-sync": { prepare: fieldSync, defaults: { size: "small", runs: 3, warmupSeconds: 1 } },
    "field-bundle": { prepare: fieldBundle, defaults: { size: "small", runs: 5, warmupSeconds: 1 } },
    // One run = every dashboard call cold and warm, the order-line scans, 3 x seconds of freshness under load and
    // 6 x seconds of order capture (rollups on/off): about 6 minutes at the defaults. Its own warm-ups are inside.
    dashboard: { prepare: dashboard, defaults: { size: "huge", runs: 1, seconds: 10, warmupSeconds: 0 } },
    // One run = read every series, forecast and backtest them all, propose and alert: about two minutes at `huge`.
    forecast: { prepare: forecast, defaults: { size: "huge", runs: 3, warmupSeconds: 0 } },
  };

async function main() {
  const name = process.argv[2];
  const alone = name ? standalone[name] : undefined;
  if (name && alone) {
    const { options } = parseBenchArgs(process.argv.slice(2), alone.defaults);
    const prepared = await alone.prepare(options);
    try {
      writeResult(name, prepared.engine, options, await repeat(options, prepared.measure));
    } finally {
      await prepared.close();
    }
    return;
  }
  const workload = name ? workloads[name] : undefined;
  if (!name || !workload) {
    console.error(
      `usage: npm run bench -- <workload> [--size tiny|small|full|huge] [--runs N] [--seconds S] [--warmup S]\n` +
        `workloads: ${[...Object.keys(workloads), ...Object.keys(standalone)].join(", ")}`,
    );
    process.exit(2);
  }
  const { options } = parseBenchArgs(process.argv.slice(2));
  const config = loadConfig({
    ...process.env,
    LOG_LEVEL: "silent",
    BIKRI_JOBS: "false",
    LOGIN_RATE_PER_MINUTE: "10000",
    LOGIN_MAX_FAILURES: "100",
  });
  const database = await openDatabase(
    config.database.kind === "postgres" ? config.database : { kind: "pglite-memory" },
  );
  await migrate(database);
  if (!(await demoExists(database.db))) await seedDemo(database.db, DEMO_SIZES[options.size]);
  const app = await buildApp({ config, database, logger: false });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const signIn = await fetch(`${base}/api/v1/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "admin@demo.bikri.app", password: DEMO_PASSWORD }),
  });
  const cookie = (signIn.headers.getSetCookie().find((c) => c.startsWith("bikri_session=")) ?? "").split(";")[0] ?? "";
  try {
    const metrics = await repeat(options, (seconds) => workload(base, cookie, seconds));
    writeResult(name, database.engine, options, metrics);
  } finally {
    await app.close();
    await database.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
