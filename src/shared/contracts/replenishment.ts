// Demand forecasting (A3), replenishment (S5) and stock alerts: the API's questions and answers.
// Quantities are integers in the SKU's base unit unless a field says otherwise; money is integer poisha; demand
// rates are base units per day (decimals).
//
// Routes (all under /api/v1/replenishment):
//   GET  /settings                     PUT /settings                          the company's policy (admin writes)
//   GET  /distributors/{id}/policy     PUT /distributors/{id}/policy          a distributor's own lead time, review, pause
//   GET  /events                       POST /events     DELETE /events/{id}   known peaks (Eid, Puja...)
//   GET  /plan?distributorId=          one distributor's SKUs: stock, forecast, safety stock, reorder point, cover
//   GET  /plan/export?distributorId=&format=csv|xlsx
//   GET  /forecast?distributorId=&skuId=   one series: its history, forecast and backtest (for the chart)
//   GET  /backtest?distributorId=      the latest run's accuracy: medians, method mix, every series (worst first)
//   POST /forecast/run                 forecast the org's series now (admin), then propose and alert
//   GET  /proposals?status=&distributorId=   GET /proposals/{id}
//   POST /proposals/{id}/approve       one click: becomes a submitted primary order
//   POST /proposals/{id}/dismiss
//   POST /proposals/generate           propose now for the distributors in the caller's scope
//   GET  /alerts?distributorId=&kind=  POST /alerts/refresh (admin)
import { z } from "zod";
import { IsoDate, Timestamp } from "./common.ts";

const Poisha = z.number().int();

export const FORECAST_METHODS = ["holt_winters", "ses", "sba", "croston", "seasonal_naive", "zero"] as const;
export const DEMAND_KINDS = ["smooth", "erratic", "intermittent", "lumpy", "none"] as const;
export const PLAN_STATUSES = ["stock_out", "at_risk", "reorder", "ok", "over_stock"] as const;
export const ALERT_KINDS = ["stock_out", "at_risk", "over_stock", "near_expiry"] as const;
export const PROPOSAL_STATUSES = ["open", "approved", "dismissed", "superseded"] as const;

export type ForecastMethod = (typeof FORECAST_METHODS)[number];
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export type AlertKind = (typeof ALERT_KINDS)[number];
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export const ReplenishmentSettings = z.object({
  /** Cycle service level, 0.5–0.999 (0.95 = run out in at most 1 of 20 replenishment cycles). */
  serviceLevel: z.number().min(0.5).max(0.999),
  reviewDays: z.number().int().min(1).max(60),
  leadTimeDays: z.number().int().min(0).max(90),
  maxCoverDays: z.number().int().min(7).max(365),
  nearExpiryDays: z.number().int().min(1).max(365),
  historyDays: z.number().int().min(56).max(1095),
  autoSubmit: z.boolean(),
  updatedAt: Timestamp.nullable(),
});
export type ReplenishmentSettings = z.infer<typeof ReplenishmentSettings>;
export const UpdateReplenishmentSettings = ReplenishmentSettings.omit({ updatedAt: true }).partial().strict();

export const DistributorPolicy = z.object({
  distributorId: z.uuid(),
  /** The distributor's own values; null means the company's. */
  leadTimeDays: z.number().int().min(0).max(90).nullable(),
  reviewDays: z.number().int().min(1).max(60).nullable(),
  paused: z.boolean(),
  /** Median days from submission to receipt of its last received primary orders (null without history). */
  measuredLeadTimeDays: z.number().nullable(),
  /** What plans use: own value, else measured, else the company's. */
  effectiveLeadTimeDays: z.number().int(),
  effectiveReviewDays: z.number().int(),
});
export const UpdateDistributorPolicy = z.strictObject({
  leadTimeDays: z.number().int().min(0).max(90).nullable().optional(),
  reviewDays: z.number().int().min(1).max(60).nullable().optional(),
  paused: z.boolean().optional(),
});

/** The database's limit on ends_on - starts_on (migration 13): at most 61 days, both ends included. */
export const MAX_EVENT_DAYS = 60;

export const DemandEvent = z.object({
  id: z.uuid(),
  name: z.string(),
  nameBn: z.string(),
  startsOn: IsoDate,
  endsOn: IsoDate,
});
export const CreateDemandEvent = z
  .strictObject({
    name: z.string().trim().min(1).max(120),
    nameBn: z.string().trim().min(1).max(120),
    startsOn: IsoDate,
    endsOn: IsoDate,
  })
  .refine((e) => e.endsOn >= e.startsOn, {
    path: ["endsOn"],
    message: "Must be on or after the start date|শুরুর তারিখের দিন বা পরে হতে হবে",
  })
  // A peak is days or weeks (the run-up to Eid), not a season: longer would swallow the ordinary days it is measured against.
  .refine((e) => Date.parse(e.endsOn) - Date.parse(e.startsOn) <= MAX_EVENT_DAYS * 86_400_000, {
    path: ["endsOn"],
    message: "An event lasts at most 61 days|একটি উপলক্ষ সর্বোচ্চ ৬১ দিনের",
  });

export const PlanQuery = z.strictObject({
  distributorId: z.uuid(),
  status: z.enum(PLAN_STATUSES).optional(),
  q: z.string().trim().max(100).optional(),
});

export const PlanRow = z.object({
  skuId: z.uuid(),
  skuCode: z.string(),
  skuName: z.string(),
  skuNameBn: z.string(),
  onHand: z.number().int(),
  reserved: z.number().int(),
  available: z.number().int(),
  onOrder: z.number().int(),
  method: z.enum(FORECAST_METHODS).nullable(),
  demandKind: z.enum(DEMAND_KINDS).nullable(),
  avgDaily: z.number(),
  safetyStock: z.number().int(),
  reorderPoint: z.number().int(),
  orderUpTo: z.number().int(),
  daysOfCover: z.number().nullable(),
  status: z.enum(PLAN_STATUSES),
  /** Base units to order now (a whole number of `unit`s), and the same in that unit. */
  proposedQty: z.number().int(),
  unit: z.string(),
  unitFactor: z.number().int(),
  proposedUnits: z.number().int(),
  mase: z.number().nullable(),
  relativeMae: z.number().nullable(),
});
export type PlanRow = z.infer<typeof PlanRow>;

export const PlanResponse = z.object({
  distributorId: z.uuid(),
  distributorName: z.string(),
  distributorNameBn: z.string(),
  leadTimeDays: z.number().int(),
  reviewDays: z.number().int(),
  serviceLevel: z.number(),
  forecastAt: Timestamp.nullable(),
  counts: z.record(z.enum(PLAN_STATUSES), z.number().int()),
  rows: z.array(PlanRow),
});
export type PlanResponse = z.infer<typeof PlanResponse>;

export const PlanExportQuery = PlanQuery.extend({ format: z.enum(["csv", "xlsx"]).default("xlsx") });

export const ForecastQuery = z.strictObject({
  distributorId: z.uuid(),
  skuId: z.uuid(),
  /** Days of history to return before the forecast. */
  historyDays: z.coerce.number().int().min(14).max(730).default(120),
});

export const ForecastResponse = z.object({
  distributorId: z.uuid(),
  skuId: z.uuid(),
  skuCode: z.string(),
  skuName: z.string(),
  skuNameBn: z.string(),
  history: z.array(z.object({ day: IsoDate, qty: z.number(), event: z.boolean() })),
  forecast: z.array(z.object({ day: IsoDate, qty: z.number(), event: z.boolean() })),
  method: z.enum(FORECAST_METHODS).nullable(),
  demandKind: z.enum(DEMAND_KINDS).nullable(),
  avgDaily: z.number(),
  sigmaDaily: z.number(),
  mase: z.number().nullable(),
  naiveMase: z.number().nullable(),
  relativeMae: z.number().nullable(),
  params: z.record(z.string(), z.number()),
  computedAt: Timestamp.nullable(),
});
export type ForecastResponse = z.infer<typeof ForecastResponse>;

export const BacktestQuery = z.strictObject({
  distributorId: z.uuid().optional(),
  method: z.enum(FORECAST_METHODS).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const ForecastRun = z.object({
  startedAt: Timestamp,
  finishedAt: Timestamp,
  series: z.number().int(),
  backtested: z.number().int(),
  medianMase: z.number().nullable(),
  medianNaiveMase: z.number().nullable(),
  /** Median of MAE(method) / MAE(seasonal naive) over the holdout: below 1 means better than seasonal naive. */
  medianRelativeMae: z.number().nullable(),
  methods: z.record(z.string(), z.number().int()),
});
export type ForecastRun = z.infer<typeof ForecastRun>;

export const BacktestResponse = z.object({
  run: ForecastRun.nullable(),
  /** Over the series in the caller's scope (and the filter). */
  series: z.number().int(),
  backtested: z.number().int(),
  medianMase: z.number().nullable(),
  medianRelativeMae: z.number().nullable(),
  /** Series beating seasonal naive (relative MAE < 1) among the backtested. */
  beatNaive: z.number().int(),
  items: z.array(
    z.object({
      distributorId: z.uuid(),
      distributorName: z.string(),
      distributorNameBn: z.string(),
      skuId: z.uuid(),
      skuCode: z.string(),
      skuName: z.string(),
      skuNameBn: z.string(),
      method: z.enum(FORECAST_METHODS),
      demandKind: z.enum(DEMAND_KINDS),
      avgDaily: z.number(),
      mase: z.number().nullable(),
      naiveMase: z.number().nullable(),
      relativeMae: z.number().nullable(),
    }),
  ),
});
export type BacktestResponse = z.infer<typeof BacktestResponse>;

export const ProposalQuery = z.strictObject({
  status: z.enum(PROPOSAL_STATUSES).optional(),
  distributorId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ProposalSummary = z.object({
  id: z.uuid(),
  distributorId: z.uuid(),
  distributorName: z.string(),
  distributorNameBn: z.string(),
  proposedOn: IsoDate,
  status: z.enum(PROPOSAL_STATUSES),
  lineCount: z.number().int(),
  totalPoisha: Poisha,
  primaryOrderId: z.uuid().nullable(),
  primaryOrderNumber: z.string().nullable(),
  decidedAt: Timestamp.nullable(),
  decisionNote: z.string().nullable(),
});
export type ProposalSummary = z.infer<typeof ProposalSummary>;

export const ProposalLine = z.object({
  skuId: z.uuid(),
  skuCode: z.string(),
  skuName: z.string(),
  skuNameBn: z.string(),
  qty: z.number().int(),
  unit: z.string(),
  unitFactor: z.number().int(),
  units: z.number().int(),
  unitPricePoisha: Poisha,
  onHand: z.number().int(),
  reserved: z.number().int(),
  onOrder: z.number().int(),
  avgDaily: z.number(),
  safetyStock: z.number().int(),
  reorderPoint: z.number().int(),
  orderUpTo: z.number().int(),
  daysOfCover: z.number().nullable(),
  /** Days the stock will cover once this order arrives (available + on order + this, over the daily forecast). */
  coverAfterDays: z.number().nullable(),
  leadTimeDays: z.number().int(),
});
export const ProposalResponse = ProposalSummary.extend({ lines: z.array(ProposalLine) });
export type ProposalResponse = z.infer<typeof ProposalResponse>;

export const ApproveProposal = z.strictObject({
  /** Changes before approving: a line's quantity in its unit (0 drops the line). */
  lines: z.array(z.strictObject({ skuId: z.uuid(), units: z.number().int().min(0).max(100_000) })).optional(),
  note: z.string().trim().max(500).optional(),
});
export const DismissProposal = z.strictObject({ note: z.string().trim().max(500).optional() });

export const GenerateResult = z.object({
  proposed: z.number().int(),
  submitted: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.array(z.object({ distributorId: z.uuid(), reason: z.string() })),
});

export const AlertQuery = z.strictObject({
  distributorId: z.uuid().optional(),
  kind: z.enum(ALERT_KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const StockAlert = z.object({
  id: z.uuid(),
  kind: z.enum(ALERT_KINDS),
  distributorId: z.uuid(),
  distributorName: z.string(),
  distributorNameBn: z.string(),
  skuId: z.uuid(),
  skuCode: z.string(),
  skuName: z.string(),
  skuNameBn: z.string(),
  batchNo: z.string().nullable(),
  severity: z.number().int(),
  message: z.string(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  detectedOn: IsoDate,
});
export type StockAlert = z.infer<typeof StockAlert>;

export const AlertsResponse = z.object({
  generatedAt: Timestamp.nullable(),
  counts: z.record(z.enum(ALERT_KINDS), z.number().int()),
  items: z.array(StockAlert),
});
export type AlertsResponse = z.infer<typeof AlertsResponse>;

/** The suggested order of an outlet for the field app: from its forecast and its last audited stock. */
export const SuggestedLine = z.object({
  skuId: z.uuid(),
  qty: z.number().int(),
  unit: z.string(),
  /** Base units per day the outlet sells of it (forecast), the days until the next visit, and what the last audit counted. */
  dailyRate: z.number(),
  cycleDays: z.number().int(),
  auditedQty: z.number().int().nullable(),
  auditedOn: IsoDate.nullable(),
});
export type SuggestedLine = z.infer<typeof SuggestedLine>;
