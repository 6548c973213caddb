// `soak`: mixed traffic for a long time (default 10 minutes) against a real server process: order capture,
// list reads and the manager's summary reads (dues and stock), 10 connections. Every 10 s it samples the
// server's resident memory (from /proc) and the latency of that window; it reports memory growth and p99
// drift between the first and the last minute. A leak shows as growth, a slow build-up (a table or cache
// that grows) as drift.
//
// The server is a separate process (`node --import tsx src/server/main.ts`), so the memory is the server's
// alone. PostgreSQL when DATABASE_URL is set (a fresh bikri_bench_soak database each run), else the
// embedded database in a temporary directory.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { sql } from "kysely";
import pg from "pg";
import { openDatabase } from "../src/server/db/connection.ts";
import { migrate } from "../src/server/db/migrate.ts";
import { DEMO_PASSWORD, DEMO_SIZES, seedDemo } from "../src/server/demo/demo-seed.ts";
import { type BenchOptions, type Metric, median } from "./harness.ts";
import { orderTraffic } from "./order-traffic.ts";

const WINDOW_S = 10;
const CONNECTIONS = 10;

interface Sample {
  atS: number;
  rssMb: number;
  p99Ms: number;
  p50Ms: number;
  rps: number;
  failures: number;
  refused: number;
}

const serverErrors = (r: autocannon.Result) =>
  Object.entries((r as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {})
    .filter(([code]) => Number(code) >= 500)
    .reduce((n, [, v]) => n + v.count, 0);

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

/** Resident memory of a process in MB, from /proc (Linux). */
function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

async function waitHealthy(base: string, child: ChildProcess, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the server did not become healthy in time");
}

/** A fresh database seeded at the size flag; returns the server's environment for it. */
async function prepareDatabase(options: BenchOptions) {
  const base = process.env.DATABASE_URL;
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  if (base) {
    const name = "bikri_bench_soak";
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${name}`;
    env = { DATABASE_URL: url.toString() };
    cleanup = async () => {};
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), "bikri-soak-"));
    env = { BIKRI_DATA_DIR: dir };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  const database = await openDatabase(
    env.DATABASE_URL
      ? { kind: "postgres", url: env.DATABASE_URL, poolMax: 5 }
      : { kind: "pglite", dataDir: env.BIKRI_DATA_DIR ?? "" },
  );
  const t0 = Date.now();
  await migrate(database);
  await seedDemo(database.db, DEMO_SIZES[options.size]);
  // Stock and order bodies are prepared here, while this process still holds the database.
  const traffic = await orderTraffic(database.db, `soak/${Date.now()}`);
  // Ten minutes of orders would use up the small demo's credit limits, and the growing share of refused
  // orders would change the traffic under measurement: the soak's outlets buy on open credit.
  await sql`update outlets set credit_limit_poisha = null where org_id = ${traffic.orgId}`.execute(database.db);
  const outletIds = [...new Set(Array.from({ length: 200 }, () => traffic.nextBody().outletId))];
  await database.close();
  console.error(`seeded the ${options.size} demo in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return { env, cleanup, nextBody: traffic.nextBody, outletIds, engine: env.DATABASE_URL ? "postgres" : "pglite" };
}

export async function soak(options: BenchOptions) {
  const db = await prepareDatabase(options);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
    env: {
      ...process.env,
      ...db.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      NODE_ENV: "production",
      // Production refuses to start without a secret key; a fresh one per run suits a fresh database.
      BIKRI_SECRET_KEY: randomBytes(32).toString("base64"),
      LOG_LEVEL: "warn",
      BIKRI_SEED_DEMO: "never",
      LOGIN_RATE_PER_MINUTE: "10000",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  await waitHealthy(base, child);
  const pid = child.pid ?? 0;

  const signIn = await fetch(`${base}/api/v1/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "admin@demo.bikri.app", password: DEMO_PASSWORD }),
  });
  const cookie = (signIn.headers.getSetCookie().find((c) => c.startsWith("bikri_session=")) ?? "").split(";")[0] ?? "";
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  const created = await fetch(`${base}/api/v1/api-tokens`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, "x-csrf-token": csrfToken },
    body: JSON.stringify({ name: "soak benchmark", expiresInDays: 1 }),
  });
  if (created.status !== 201) throw new Error(`creating the API token answered ${created.status}`);
  const { token } = (await created.json()) as { token: string };

  let outletTurn = 0;
  const nextOutlet = () => db.outletIds[outletTurn++ % db.outletIds.length];
  // One order in four requests; the rest are the reads a manager's screens make.
  const requests: autocannon.Request[] = [
    {
      method: "POST",
      path: "/api/v1/secondary-orders",
      setupRequest: (req) => ({
        ...req,
        headers: { ...req.headers, "idempotency-key": randomUUID() },
        body: JSON.stringify(db.nextBody()),
      }),
    },
    { method: "GET", path: "/api/v1/secondary-orders?limit=50" },
    { method: "GET", setupRequest: (req) => ({ ...req, path: `/api/v1/outlets/${nextOutlet()}/dues` }) },
    { method: "GET", path: "/api/v1/dues?limit=50" },
  ];

  const measure = async (seconds: number): Promise<Metric[]> => {
    const samples: Sample[] = [];
    const windows = Math.max(2, Math.round(seconds / WINDOW_S));
    const started = Date.now();
    for (let w = 0; w < windows; w++) {
      const r = await autocannon({
        url: base,
        connections: CONNECTIONS,
        duration: WINDOW_S,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        requests,
      });
      samples.push({
        atS: (Date.now() - started) / 1000,
        rssMb: rssMb(pid),
        p99Ms: r.latency.p99,
        p50Ms: r.latency.p50,
        rps: r.requests.average,
        // Server errors and dropped connections; business refusals (4xx) are counted apart.
        failures: r.errors + r.timeouts + serverErrors(r),
        refused: r.non2xx - serverErrors(r),
      });
      const s = samples[samples.length - 1];
      console.error(
        `${s?.atS.toFixed(0)} s: rss ${s?.rssMb.toFixed(0)} MB, p50 ${s?.p50Ms} ms, p99 ${s?.p99Ms} ms, ${s?.rps.toFixed(0)} req/s, ${s?.failures} failures, ${s?.refused} refused`,
      );
    }
    // The first and last minute (or third, for short runs).
    const span = Math.max(1, Math.min(6, Math.floor(samples.length / 3)));
    const first = samples.slice(0, span);
    const last = samples.slice(-span);
    const m = (xs: Sample[], k: keyof Sample) => median(xs.map((x) => x[k]));
    return [
      { name: "duration_s", value: samples.length * WINDOW_S, unit: "s" },
      { name: "requests_per_s", value: median(samples.map((s) => s.rps)), unit: "req/s" },
      { name: "failures", value: samples.reduce((t, s) => t + s.failures, 0), unit: "requests" },
      { name: "refused_4xx", value: samples.reduce((t, s) => t + s.refused, 0), unit: "requests" },
      { name: "rss_first_minute_mb", value: m(first, "rssMb"), unit: "MB" },
      { name: "rss_last_minute_mb", value: m(last, "rssMb"), unit: "MB" },
      { name: "rss_growth_mb", value: m(last, "rssMb") - m(first, "rssMb"), unit: "MB" },
      { name: "rss_max_mb", value: Math.max(...samples.map((s) => s.rssMb)), unit: "MB" },
      { name: "p99_first_minute_ms", value: m(first, "p99Ms"), unit: "ms" },
      { name: "p99_last_minute_ms", value: m(last, "p99Ms"), unit: "ms" },
      { name: "p99_drift_ratio", value: m(last, "p99Ms") / Math.max(1, m(first, "p99Ms")), unit: "ratio" },
      { name: "p50_last_minute_ms", value: m(last, "p50Ms"), unit: "ms" },
    ];
  };

  return {
    engine: db.engine,
    measure,
    close: async () => {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      await db.cleanup();
    },
  };
}
