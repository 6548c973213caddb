// `forecast`: the daily demand forecast of the 10-million-line dataset (the `huge` demo: a year of a national
// company, 192 distributors x 150 SKUs; its own PostgreSQL database, shared with `dashboard`, see
// dashboard-data.ts). One run:
//
// 1. Baseline: reading every distributor x SKU series' daily sell-out from the rollups, distributor by
//    distributor, exactly as the forecast run reads it, without forecasting (`read_history_s`).
// 2. The forecast run itself (runForecasts): read, classify, fit the chosen method per series (Holt-Winters with a
//    weekly season, SES, or SBA for intermittent demand), backtest the last 28 days against the seasonal-naive
//    forecast, store (`forecast_all_series_s`; aim: under 60 s). `forecast_vs_read_ratio` = run / baseline.
// 3. The accuracy of that run over every backtested series: median MASE of the method and of seasonal naive, and
//    the median of their ratio (`median_relative_mae`, aim below 1.0), with the share of series that beat naive.
// 4. The rest of the morning job: proposals for every distributor and the stock alerts (`proposals_s`,
//    `alerts_s`).
//
// Before the runs, sales_daily is vacuumed once (as autovacuum keeps it in service), so the distributor index can
// answer without visiting the table.
import { sql } from "kysely";
import { openDatabase } from "../src/server/db/connection.ts";
import { DEFAULT_DEMO } from "../src/server/demo/demo-seed.ts";
import { seedDemandEvents } from "../src/server/replenishment/demand-events-seed.ts";
import { runForecasts } from "../src/server/replenishment/demand-forecasting.ts";
import * as repo from "../src/server/replenishment/replenishment.repository.ts";
import { generateProposals } from "../src/server/replenishment/replenishment-proposals.service.ts";
import { refreshAlerts } from "../src/server/replenishment/stock-alerts.service.ts";
import { loadPolicy } from "../src/server/replenishment/stock-plan.ts";
import { addDays, businessDate } from "../src/shared/format.ts";
import { dashboardDatabase } from "./dashboard-data.ts";
import type { BenchOptions, Metric } from "./harness.ts";

export async function forecast(options: BenchOptions) {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) throw new Error("forecast runs against PostgreSQL: set DATABASE_URL");
  const url = await dashboardDatabase(baseUrl, options.size);
  const database = await openDatabase({ kind: "postgres", url, poolMax: 4 });
  const db = database.db;
  const note = (line: string) => console.error(`forecast: ${line}`);
  const org = await db.selectFrom("orgs").select("id").where("slug", "=", DEFAULT_DEMO.slug).executeTakeFirst();
  if (!org) throw new Error("the bench database has no demo organisation");
  const orgId = org.id;
  // A database seeded before the demand calendar existed gets the demo's events once.
  // Steady state, as autovacuum keeps it: the visibility map set, so the distributor index answers alone.
  await sql`vacuum (analyze) sales_daily`.execute(db);
  const events = await db.selectFrom("demand_events").select("id").where("org_id", "=", orgId).limit(1).execute();
  if (events.length === 0) await seedDemandEvents(db, orgId);

  const measure = async (): Promise<Metric[]> => {
    const today = businessDate();
    const policy = await loadPolicy(db, orgId);
    const distributors = await repo.distributorsInScope(db, orgId, { kind: "org" });

    let t0 = performance.now();
    let rows = 0;
    for (const d of distributors)
      rows += (await repo.dailyDemand(db, orgId, d.id, addDays(today, -policy.historyDays), addDays(today, -1))).length;
    const readSeconds = (performance.now() - t0) / 1000;
    note(`read ${rows} series-days of ${distributors.length} distributors in ${readSeconds.toFixed(1)} s`);

    const rssBefore = process.memoryUsage().rss;
    t0 = performance.now();
    const run = await runForecasts(db, orgId, { today });
    const forecastSeconds = (performance.now() - t0) / 1000;
    const rssAfter = process.memoryUsage().rss;
    note(`forecast ${run.series} series in ${forecastSeconds.toFixed(1)} s: ${JSON.stringify(run)}`);

    const beat = await sql<{ beat: number; scored: number }>`
      select count(*) filter (where relative_mae < 1)::int as beat, count(relative_mae)::int as scored
      from demand_forecasts where org_id = ${orgId}`.execute(db);
    const { beat: beatNaive = 0, scored = 0 } = beat.rows[0] ?? {};

    t0 = performance.now();
    const proposals = await generateProposals(db, orgId, { today });
    const proposalsSeconds = (performance.now() - t0) / 1000;
    note(`proposals: ${JSON.stringify({ ...proposals, skipped: proposals.skipped.length })}`);
    t0 = performance.now();
    const alerts = await refreshAlerts(db, orgId, today);
    const alertsSeconds = (performance.now() - t0) / 1000;
    note(`alerts: ${JSON.stringify(alerts)}`);

    return [
      { name: "series", value: run.series, unit: "count" },
      { name: "forecast_all_series_s", value: forecastSeconds, unit: "s" },
      { name: "series_per_s", value: run.series / forecastSeconds, unit: "series/s" },
      { name: "read_history_s", value: readSeconds, unit: "s" },
      { name: "forecast_vs_read_ratio", value: forecastSeconds / readSeconds, unit: "ratio" },
      { name: "backtested_series", value: run.backtested, unit: "count" },
      { name: "median_mase", value: run.medianMase ?? Number.NaN, unit: "MASE" },
      { name: "median_seasonal_naive_mase", value: run.medianNaiveMase ?? Number.NaN, unit: "MASE" },
      { name: "median_relative_mae", value: run.medianRelativeMae ?? Number.NaN, unit: "ratio" },
      { name: "beat_seasonal_naive_share", value: scored ? beatNaive / scored : 0, unit: "ratio" },
      ...Object.entries(run.methods).map(([m, n]) => ({ name: `method_${m}`, value: n, unit: "series" })),
      { name: "proposals_s", value: proposalsSeconds, unit: "s" },
      { name: "proposals_made", value: proposals.proposed + proposals.submitted, unit: "count" },
      { name: "alerts_s", value: alertsSeconds, unit: "s" },
      { name: "rss_growth_mb", value: (rssAfter - rssBefore) / 2 ** 20, unit: "MB" },
    ];
  };

  return { engine: database.engine, measure: () => measure(), close: () => database.close() };
}
