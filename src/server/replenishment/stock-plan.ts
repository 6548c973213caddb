// A distributor's stock plan: for each SKU, its forecast and its stock as they stand, turned into safety stock,
// reorder point, order-up-to level, days of cover and a proposed quantity in whole cases (replenishment-math.ts).
// Computed when asked, so a delivery or a receipt a minute ago is already in it; the forecast is the daily job's.
import type { PlanRow, PlanStatus } from "../../shared/contracts/replenishment.ts";
import { addDays, businessDate, daysBetween } from "../../shared/format.ts";
import type { Executor } from "../db/transaction.ts";
import * as repo from "./replenishment.repository.ts";
import { planReplenishment } from "./replenishment-math.ts";

/** The company's policy with the database defaults (a missing row means nobody changed them). */
export interface Policy {
  serviceLevel: number;
  reviewDays: number;
  leadTimeDays: number;
  maxCoverDays: number;
  nearExpiryDays: number;
  historyDays: number;
  autoSubmit: boolean;
  updatedAt: Date | null;
}

export const DEFAULT_POLICY: Policy = {
  serviceLevel: 0.95,
  reviewDays: 7,
  leadTimeDays: 3,
  maxCoverDays: 45,
  nearExpiryDays: 30,
  historyDays: 365,
  autoSubmit: false,
  updatedAt: null,
};

export async function loadPolicy(db: Executor, orgId: string): Promise<Policy> {
  const r = await repo.findSettings(db, orgId);
  if (!r) return DEFAULT_POLICY;
  return {
    serviceLevel: Number(r.service_level),
    reviewDays: r.review_days,
    leadTimeDays: r.lead_time_days,
    maxCoverDays: r.max_cover_days,
    nearExpiryDays: r.near_expiry_days,
    historyDays: r.history_days,
    autoSubmit: r.auto_submit,
    updatedAt: r.updated_at,
  };
}

export interface DistributorTiming {
  leadTimeDays: number;
  reviewDays: number;
  measuredLeadTimeDays: number | null;
  ownLeadTimeDays: number | null;
  ownReviewDays: number | null;
  paused: boolean;
}

/** Lead time and review period per distributor: its own setting, else its measured lead time, else the company's. */
export async function timingOf(
  db: Executor,
  orgId: string,
  policy: Policy,
  distributorIds: readonly string[],
): Promise<Map<string, DistributorTiming>> {
  const [own, measured] = await Promise.all([
    repo.findPolicies(db, orgId, distributorIds),
    repo.measuredLeadTimes(db, orgId, distributorIds),
  ]);
  const byId = new Map(own.map((p) => [p.distributor_id, p]));
  return new Map(
    distributorIds.map((id) => {
      const p = byId.get(id);
      const m = measured.get(id) ?? null;
      return [
        id,
        {
          leadTimeDays: p?.lead_time_days ?? (m === null ? policy.leadTimeDays : Math.ceil(m)),
          reviewDays: p?.review_days ?? policy.reviewDays,
          measuredLeadTimeDays: m === null ? null : Math.round(m * 10) / 10,
          ownLeadTimeDays: p?.lead_time_days ?? null,
          ownReviewDays: p?.review_days ?? null,
          paused: p?.paused ?? false,
        },
      ];
    }),
  );
}

/**
 * The forecast from `today` on, `days` long: the stored daily means from today's offset, then the mean of the
 * stored horizon for days past it. A forecast a few days old still serves (its first days are simply past).
 */
export function forecastFrom(
  row: Pick<repo.PlanInputRow, "forecast_from" | "daily" | "avg_daily">,
  today: string,
  days: number,
): number[] {
  const out = new Array<number>(days).fill(0);
  if (!row.daily || !row.forecast_from) return out;
  const offset = Math.max(0, daysBetween(row.forecast_from, today));
  const tail = row.avg_daily ?? 0;
  for (let i = 0; i < days; i++) out[i] = row.daily[offset + i] ?? tail;
  return out;
}

export interface PlannedSku extends PlanRow {
  /** Daily forecast from today, at least COVER_WINDOW_DAYS long: to tell the cover after an order arrives. */
  dailyAhead: number[];
}

/** Days the stock covers, walking the daily forecast; null when nothing is forecast to sell. */
export function coverDays(stock: number, daily: readonly number[]): number | null {
  const total = daily.reduce((s, v) => s + v, 0);
  if (total <= 0) return null;
  let left = stock;
  for (let i = 0; i < daily.length; i++) {
    const d = daily[i] ?? 0;
    if (left < d) return Math.round((i + (d > 0 ? left / d : 0)) * 10) / 10;
    left -= d;
  }
  const avg = total / daily.length;
  return Math.round((daily.length + left / avg) * 10) / 10;
}

export async function planOf(
  db: Executor,
  orgId: string,
  distributorId: string,
  policy: Policy,
  timing: DistributorTiming,
  today = businessDate(),
): Promise<{ rows: PlannedSku[]; forecastAt: Date | null }> {
  const inputs = await repo.planInputs(db, orgId, distributorId);
  const horizon = timing.leadTimeDays + timing.reviewDays;
  let forecastAt: Date | null = null;
  const rows = inputs.map((r): PlannedSku => {
    if (r.computed_at && (!forecastAt || r.computed_at > forecastAt)) forecastAt = r.computed_at;
    const ahead = forecastFrom(r, today, Math.max(horizon, COVER_WINDOW_DAYS));
    const daily = ahead.slice(0, Math.max(horizon, 1));
    const caseSize = r.unit_factor ?? 1;
    const plan = planReplenishment({
      dailyForecast: daily,
      sigmaDaily: r.sigma_daily ?? 0,
      leadTimeDays: timing.leadTimeDays,
      reviewDays: timing.reviewDays,
      serviceLevel: policy.serviceLevel,
      onHand: r.on_hand,
      reserved: r.reserved,
      onOrder: r.on_order,
      caseSize,
      maxCoverDays: policy.maxCoverDays,
    });
    const available = r.on_hand - r.reserved;
    // Nothing in stock and nothing forecast to sell is no stock-out: nobody is turned away.
    const status: PlanStatus = plan.status === "stock_out" && plan.avgDaily === 0 ? "ok" : plan.status;
    return {
      skuId: r.sku_id,
      skuCode: r.code,
      skuName: r.name,
      skuNameBn: r.name_bn,
      onHand: r.on_hand,
      reserved: r.reserved,
      available,
      onOrder: r.on_order,
      method: (r.method as PlanRow["method"]) ?? null,
      demandKind: (r.demand_kind as PlanRow["demandKind"]) ?? null,
      avgDaily: Math.round(plan.avgDaily * 1000) / 1000,
      safetyStock: plan.safetyStock,
      reorderPoint: plan.reorderPoint,
      orderUpTo: plan.orderUpTo,
      daysOfCover: plan.daysOfCover === null ? null : Math.round(plan.daysOfCover * 10) / 10,
      status,
      proposedQty: plan.proposedQty,
      unit: r.unit ?? "piece",
      unitFactor: caseSize,
      proposedUnits: Math.round(plan.proposedQty / caseSize),
      mase: r.mase,
      relativeMae: r.relative_mae,
      dailyAhead: ahead,
    };
  });
  return { rows, forecastAt };
}

/** Forecast days ahead for cover after an order: enough for any sensible cover, without storing the world. */
export const COVER_WINDOW_DAYS = 120;

export function lastCompleteDay(today = businessDate()): string {
  return addDays(today, -1);
}
