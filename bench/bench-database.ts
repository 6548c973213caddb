// The benchmarks' own PostgreSQL databases: one per workload and data size, on the server of DATABASE_URL,
// seeded with the demo once and reused by later runs, since seeding takes minutes (a million order lines) to
// a quarter of an hour or more (ten million). The audit row of the seed records its size, so a database of
// another size is refused rather than measured by mistake.
import { sql } from "kysely";
import pg from "pg";
import { openDatabase } from "../src/server/db/connection.ts";
import { migrate } from "../src/server/db/migrate.ts";
import { DEFAULT_DEMO, DEMO_SIZES, type DemoSizeName, seedDemo } from "../src/server/demo/demo-seed.ts";
import type { SeedProgress } from "../src/server/demo/sales-history.ts";

// Any constant: two processes asking for the same bench database at once seed it once, the second waits.
const SEED_LOCK_KEY = 727_274_202;
const PROGRESS_EVERY_MS = 30_000;

export interface BenchDatabaseOptions {
  /** Where the progress of a seed goes (a line every half minute); stderr by default. */
  log?: (line: string) => void;
}

/**
 * The URL of database `name` on the server of `baseUrl`, created and migrated if need be and holding the demo
 * at `size`: seeded now when empty, reused when it already holds that size, refused when it holds another.
 */
export async function benchDatabase(
  baseUrl: string,
  name: string,
  size: DemoSizeName,
  options: BenchDatabaseOptions = {},
): Promise<string> {
  const log = options.log ?? ((line: string) => console.error(line));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`${name}: a bench database name is lower case, digits and _`);
  const orderLines = DEMO_SIZES[size].orderLines;
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    const exists = (await admin.query("select 1 from pg_database where datname = $1", [name])).rowCount === 1;
    if (!exists) await admin.query(`create database ${name}`);
  } catch (err) {
    // Another process created it between the check and the create: that is what we wanted.
    if ((err as { code?: string }).code !== "42P04") throw err;
  } finally {
    await admin.end();
  }

  // A session lock on a connection of its own: held while checking and seeding, gone if this process dies.
  const lock = new pg.Client({ connectionString: url.toString() });
  await lock.connect();
  const database = await openDatabase({ kind: "postgres", url: url.toString(), poolMax: 5 });
  try {
    const free = (await lock.query("select pg_try_advisory_lock($1) as ok", [SEED_LOCK_KEY])).rows[0]?.ok === true;
    if (!free) {
      log(`${name}: another process is seeding it; waiting for it to finish ...`);
      await lock.query("select pg_advisory_lock($1)", [SEED_LOCK_KEY]);
    }
    await migrate(database);
    const seeded = await sql<{ lines: number }>`
      select (a.after -> 'size' ->> 'orderLines')::int as lines from audit_log a
      join orgs o on o.id = a.org_id and o.slug = ${DEFAULT_DEMO.slug}
      where a.action = 'seed_demo' limit 1`.execute(database.db);
    if (seeded.rows[0]?.lines === orderLines) return url.toString();
    if (seeded.rows.length > 0) {
      throw new Error(
        `${name} holds a demo of ${seeded.rows[0]?.lines} order lines, not ${orderLines}; drop it and run again`,
      );
    }
    const t0 = Date.now();
    log(
      `${name}: seeding the ${size} demo (about ${orderLines.toLocaleString("en")} order lines; once, later runs reuse it) ...`,
    );
    let lastReport = t0;
    let firstDayAt = 0;
    const summary = await seedDemo(database.db, {
      ...DEMO_SIZES[size],
      onProgress: (p) => {
        const now = Date.now();
        if (p.daysDone === 1) firstDayAt = now;
        const last = p.daysDone === p.days;
        if (now - lastReport < PROGRESS_EVERY_MS && !last) return;
        lastReport = now;
        // Days cost about the same each once the first is written (before it, the plan of the stock took a while).
        const left = p.daysDone > 1 ? ((now - firstDayAt) / (p.daysDone - 1)) * (p.days - p.daysDone) : Number.NaN;
        log(`${name}: ${progressLine(p, now - t0, left)}`);
        if (last) log(`${name}: history written; the balances, then planner statistics ...`);
      },
    });
    log(
      `${name}: seeded in ${((Date.now() - t0) / 1000).toFixed(0)} s: ${summary.sales.orders} orders, ` +
        `${summary.sales.orderLines} order lines, ${summary.sales.stockMovements} stock movements; ` +
        `peak RSS ${peakRssMb()} MB`,
    );
    return url.toString();
  } finally {
    await database.close();
    await lock.end();
  }
}

/** Peak resident memory of this process so far, in MB. */
export const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

/** "day 45/366 (2026-01-09): 280000 orders, 1234567 order lines, 12 %, 3 min so far, about 21 min to go, ..." */
function progressLine(p: SeedProgress, elapsedMs: number, leftMs: number): string {
  const minutes = (ms: number) => `${Math.round(ms / 60_000)} min`;
  return (
    `day ${p.daysDone}/${p.days} (${p.day}): ${p.orders} orders, ${p.orderLines} order lines, ` +
    `${Math.round((p.daysDone / p.days) * 100)} %, ${minutes(elapsedMs)} so far` +
    `${Number.isNaN(leftMs) ? "" : `, about ${minutes(leftMs)} to go`}, peak RSS ${peakRssMb()} MB`
  );
}
