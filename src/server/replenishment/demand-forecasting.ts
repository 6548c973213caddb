// The forecast run (A3): every distributor x SKU series of an org, fitted on its daily secondary sell-out from the
// sales rollups, the method chosen per series (forecast-methods.ts), backtested against the seasonal-naive forecast,
// and stored. One distributor at a time, each in its own transaction, so memory stays bounded at any size and a
// reader sees a distributor's old forecasts or its new ones.
import type { ForecastRun } from "../../shared/contracts/replenishment.ts";
import { addDays, businessDate, daysBetween } from "../../shared/format.ts";
import { newId } from "../../shared/ids.ts";
import { applyPendingSalesChanges } from "../analytics/sales-rollups.service.ts";
import type { Db } from "../db/transaction.ts";
import { withTransaction } from "../db/transaction.ts";
import { backtest, classifyForForecast, forecastDemand } from "./forecast-methods.ts";
import * as repo from "./replenishment.repository.ts";
import { loadPolicy } from "./stock-plan.ts";

/** Days forecast ahead and stored: longer than any lead time plus review period a policy allows to matter. */
export const FORECAST_HORIZON_DAYS = 91;
/** The backtest holds out the last four weeks of history. */
export const BACKTEST_HOLDOUT_DAYS = 28;

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** 1 on each day of [from, from + days) that a configured event covers. */
function eventMask(events: readonly { starts_on: string; ends_on: string }[], from: string, days: number): Uint8Array {
  const mask = new Uint8Array(days);
  for (const e of events) {
    const a = Math.max(0, daysBetween(from, e.starts_on));
    const b = Math.min(days - 1, daysBetween(from, e.ends_on));
    for (let i = a; i <= b; i++) mask[i] = 1;
  }
  return mask;
}

const round = (v: number | null, digits = 4) => (v === null || !Number.isFinite(v) ? null : Number(v.toFixed(digits)));

export interface RunOptions {
  today?: string;
  /** Only these distributors (a manual run for one); all active ones otherwise. */
  distributorIds?: readonly string[];
}

/**
 * Forecasts every series of the org as of `today` (history ends yesterday, the last complete day) and records the
 * run. Pending rollup changes go in first, so an order confirmed a second ago counts.
 */
export async function runForecasts(db: Db, orgId: string, opts: RunOptions = {}): Promise<ForecastRun> {
  const startedAt = new Date();
  const today = opts.today ?? businessDate();
  await applyPendingSalesChanges(db);
  const policy = await loadPolicy(db, orgId);
  const to = addDays(today, -1);
  const from = addDays(today, -policy.historyDays);
  const n = policy.historyDays;
  const events = await repo.eventsBetween(db, orgId, from, addDays(today, FORECAST_HORIZON_DAYS));
  const pastEvents = eventMask(events, from, n);
  const futureEvents = eventMask(events, today, FORECAST_HORIZON_DAYS);
  const distributors = await repo.distributorsInScope(
    db,
    orgId,
    { kind: "org" },
    opts.distributorIds ? { ids: opts.distributorIds } : {},
  );

  const mases: number[] = [];
  const naiveMases: number[] = [];
  const relatives: number[] = [];
  const methods: Record<string, number> = {};
  let series = 0;
  const values = new Float64Array(n);
  // The database reads the next distributor's history and writes the last one's forecasts while this process
  // computes: the two overlap on two cores instead of taking turns.
  const read = (k: number) => {
    const d = distributors[k];
    const p = d ? repo.dailyDemand(db, orgId, d.id, from, to) : Promise.resolve([]);
    // Awaited below; until then a failure must not count as unhandled (it is thrown where it is awaited).
    p.catch(() => {});
    return p;
  };
  let nextDemand = read(0);
  let writing: Promise<unknown> = Promise.resolve();
  for (let k = 0; k < distributors.length; k++) {
    const d = distributors[k] as repo.DistributorRow;
    const demand = await nextDemand;
    nextDemand = read(k + 1);
    const rows: repo.ForecastRow[] = [];
    let i = 0;
    while (i < demand.length) {
      const skuId = (demand[i] as (typeof demand)[number]).sku_id;
      values.fill(0);
      let demandDays = 0;
      for (; i < demand.length && (demand[i] as (typeof demand)[number]).sku_id === skuId; i++) {
        const row = demand[i] as (typeof demand)[number];
        const qty = Number(row.qty);
        if (qty > 0) demandDays++;
        values[daysBetween(from, row.day)] = Math.max(0, qty);
      }
      const input = { values, eventDays: pastEvents };
      const f = forecastDemand(input, FORECAST_HORIZON_DAYS, futureEvents);
      const b = backtest(input, BACKTEST_HOLDOUT_DAYS, pastEvents.subarray(n - BACKTEST_HOLDOUT_DAYS));
      let sum = 0;
      for (let k = 0; k < f.mean.length; k++) sum += f.mean[k] as number;
      const avg = sum / f.mean.length;
      methods[f.method] = (methods[f.method] ?? 0) + 1;
      if (b.mase !== null) mases.push(b.mase);
      if (b.naiveMase !== null) naiveMases.push(b.naiveMase);
      if (b.relativeMae !== null) relatives.push(b.relativeMae);
      rows.push({
        sku_id: skuId,
        forecast_from: today,
        daily: Array.from(f.mean),
        method: f.method,
        demand_kind: classifyForForecast(values).kind,
        avg_daily: avg,
        sigma_daily: Number.isFinite(f.sigma) ? f.sigma : 0,
        history_days: n,
        demand_days: demandDays,
        mase: round(b.mase),
        naive_mase: round(b.naiveMase),
        relative_mae: round(b.relativeMae),
        params: Object.fromEntries(Object.entries(f.params).map(([k, v]) => [k, Number(Number(v).toFixed(4))])),
      });
    }
    series += rows.length;
    await writing;
    writing = withTransaction(db, (tx) => repo.replaceForecasts(tx, orgId, d.id, rows, startedAt));
    writing.catch(() => {});
  }
  await writing;
  await nextDemand;

  const run = {
    org_id: orgId,
    id: newId(),
    started_at: startedAt,
    finished_at: new Date(),
    series,
    backtested: relatives.length,
    median_mase: round(median(mases)),
    median_naive_mase: round(median(naiveMases)),
    median_relative_mae: round(median(relatives)),
    methods,
  };
  await repo.insertRun(db, run);
  return runOf(run);
}

export function runOf(r: {
  started_at: Date;
  finished_at: Date;
  series: number;
  backtested: number;
  median_mase: number | null;
  median_naive_mase: number | null;
  median_relative_mae: number | null;
  methods: unknown;
}): ForecastRun {
  return {
    startedAt: r.started_at.toISOString(),
    finishedAt: r.finished_at.toISOString(),
    series: r.series,
    backtested: r.backtested,
    medianMase: r.median_mase,
    medianNaiveMase: r.median_naive_mase,
    medianRelativeMae: r.median_relative_mae,
    methods: (typeof r.methods === "string" ? JSON.parse(r.methods) : r.methods) as Record<string, number>,
  };
}
