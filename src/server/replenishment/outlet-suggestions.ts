// The suggested order of an outlet (S5, for the rep app): for each SKU the outlet usually buys, what it will sell
// until the rep's next visit (its own forecast from 90 days of memos) plus a little safety, less what the last stock
// audit found on its shelf, in the pack it usually orders. The rep sees the reason beside each line.

import type { SuggestedLine } from "../../shared/contracts/replenishment.ts";
import { addDays, daysBetween } from "../../shared/format.ts";
import type { Executor } from "../db/transaction.ts";
import { forecastDemand } from "./forecast-methods.ts";
import * as repo from "./replenishment.repository.ts";
import { zForServiceLevel } from "./replenishment-math.ts";

const HISTORY_DAYS = 90;
/** An audit older than this says little about the shelf today. */
const AUDIT_MAX_AGE_DAYS = 30;
const MAX_SKUS = 10;
/** Outlets run out less harmfully than distributors (the rep comes back): a modest safety margin. */
const OUTLET_SERVICE_LEVEL = 0.8;

/** Days from today to the route's next beat day after today (a week when the route has no beat days). */
export function daysToNextVisit(weekdays: readonly number[], today: string): number {
  if (weekdays.length === 0) return 7;
  const dow = new Date(`${today}T00:00:00Z`).getUTCDay();
  let best = 7;
  for (const w of weekdays) {
    const ahead = (w - dow + 7) % 7 || 7;
    best = Math.min(best, ahead);
  }
  return best;
}

export async function suggestedLinesOfOutlets(
  db: Executor,
  orgId: string,
  outlets: readonly { id: string; route_id: string | null }[],
  today: string,
): Promise<Map<string, SuggestedLine[]>> {
  const out = new Map<string, SuggestedLine[]>();
  if (outlets.length === 0) return out;
  const ids = outlets.map((o) => o.id);
  const from = addDays(today, -HISTORY_DAYS);
  const routeIds = [...new Set(outlets.flatMap((o) => (o.route_id ? [o.route_id] : [])))];
  const [sales, audits, beats] = await Promise.all([
    repo.outletDailySales(db, orgId, ids, from, today),
    repo.latestOutletAudits(db, orgId, ids, addDays(today, -AUDIT_MAX_AGE_DAYS)),
    repo.beatWeekdays(db, orgId, routeIds),
  ]);

  const weekdays = new Map<string, number[]>();
  for (const b of beats) weekdays.set(b.route_id, [...(weekdays.get(b.route_id) ?? []), b.weekday]);
  const audited = new Map(audits.map((a) => [`${a.outlet_id}|${a.sku_id}`, a]));
  const routeOf = new Map(outlets.map((o) => [o.id, o.route_id]));
  const z = zForServiceLevel(OUTLET_SERVICE_LEVEL);

  // Rows come grouped by outlet then SKU: one series at a time.
  const rows = sales;
  const bySeries: { outletId: string; skuId: string; values: Float64Array; unit: string; n: number }[] = [];
  for (let i = 0; i < rows.length; ) {
    const first = rows[i] as (typeof rows)[number];
    const values = new Float64Array(HISTORY_DAYS);
    const units = new Map<string, number>();
    let n = 0;
    for (; i < rows.length; i++) {
      const r = rows[i] as (typeof rows)[number];
      if (r.outlet_id !== first.outlet_id || r.sku_id !== first.sku_id) break;
      values[daysBetween(from, r.order_date)] = Number(r.qty);
      units.set(r.unit, (units.get(r.unit) ?? 0) + 1);
      n++;
    }
    const unit = [...units.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? first.unit;
    bySeries.push({ outletId: first.outlet_id, skuId: first.sku_id, values, unit, n });
  }
  const unitFactor = new Map(rows.map((r) => [`${r.sku_id}|${r.unit}`, Number(r.factor)]));

  const perOutlet = new Map<string, typeof bySeries>();
  for (const s of bySeries) perOutlet.set(s.outletId, [...(perOutlet.get(s.outletId) ?? []), s]);
  for (const [outletId, series] of perOutlet) {
    const route = routeOf.get(outletId) ?? null;
    const cycle = daysToNextVisit(route ? (weekdays.get(route) ?? []) : [], today);
    // The SKUs it orders on most days, as the usual order does.
    const top = [...series].sort((a, b) => b.n - a.n || a.skuId.localeCompare(b.skuId)).slice(0, MAX_SKUS);
    const lines: SuggestedLine[] = [];
    for (const s of top) {
      const f = forecastDemand({ values: s.values }, cycle);
      let need = 0;
      for (let k = 0; k < f.mean.length; k++) need += f.mean[k] as number;
      const safety = z * f.sigma * Math.sqrt(cycle);
      const audit = audited.get(`${outletId}|${s.skuId}`);
      const onShelf = audit ? Number(audit.qty) : 0;
      const base = Math.max(0, need + safety - onShelf);
      const factor = unitFactor.get(`${s.skuId}|${s.unit}`) ?? 1;
      const qty = Math.round(base / Math.max(1, factor));
      if (qty <= 0) continue;
      lines.push({
        skuId: s.skuId,
        qty,
        unit: s.unit,
        dailyRate: Math.round((need / cycle) * 100) / 100,
        cycleDays: cycle,
        auditedQty: audit ? Number(audit.qty) : null,
        auditedOn: audit ? audit.audit_date : null,
      });
    }
    out.set(outletId, lines);
  }
  return out;
}
