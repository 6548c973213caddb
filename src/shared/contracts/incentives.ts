// Incentive and commission plans (issue 8, item 5): plans, statements, approval and payout export. Money is integer
// poisha, rates and attainment basis points (10000 = 100 %). The arithmetic is src/server/incentives/commission-math.ts.
//
// Routes (all under /api/v1/incentives):
//   GET  /plans                  POST /plans (Idempotency-Key)   GET /plans/{id}   PUT /plans/{id}
//   POST /statements/compute     compute (or recompute) the drafts of one plan's period
//   GET  /statements?periodStart=&planId=&status=   GET /statements/{id}   each line says how its taka were computed
//   POST /statements/{id}/approve    freezes the figures       POST /statements/{id}/pay    the payout's reference
//   GET  /statements/export?periodStart=&format=csv|xlsx       a period's approved (and paid) statements
import { z } from "zod";
import { IsoDate, Timestamp } from "./common.ts";

export const PERSON_KINDS = ["rep", "distributor"] as const;
export const PERIOD_KINDS = ["month", "quarter"] as const;
export const GATE_METRICS = ["coverage", "attainment"] as const;
export const STATEMENT_STATUSES = ["draft", "approved", "paid"] as const;
export const LINE_CODES = [
  "no_target",
  "band",
  "gate_failed",
  "kicker",
  "kicker_missed",
  "cap",
  "clawback",
  "clawback_carried_in",
  "clawback_carry_forward",
] as const;

export type PersonKind = (typeof PERSON_KINDS)[number];
export type StatementStatus = (typeof STATEMENT_STATUSES)[number];

/** The largest amount a plan names (a cap or a bonus): ৳1,00,00,00,000 (one billion taka). */
const MAX_PLAN_POISHA = 100_000_000_000;

export const CommissionSlab = z.strictObject({
  fromBp: z.number().int().min(0).max(100000),
  toBp: z.number().int().min(1).max(100000).nullable(),
  rateBp: z.number().int().min(0).max(10000),
});
export type CommissionSlab = z.infer<typeof CommissionSlab>;

export const Gate = z.strictObject({
  metric: z.enum(GATE_METRICS),
  minBp: z.number().int().min(0).max(100000),
});

export const Kicker = z.strictObject({
  skuId: z.uuid(),
  bonusPoisha: z.number().int().min(0).max(MAX_PLAN_POISHA),
});

/** Why a slab table is not usable, or null: from 0, contiguous, increasing, the last (only) open ended. */
export function slabProblem(slabs: readonly CommissionSlab[]): string | null {
  if (slabs.length === 0) return "no slabs";
  if (slabs[0]?.fromBp !== 0) return "the first slab starts at 0";
  for (let i = 0; i < slabs.length; i++) {
    const s = slabs[i] as CommissionSlab;
    const last = i === slabs.length - 1;
    if (last !== (s.toBp === null)) return "only the last slab is open ended";
    if (s.toBp !== null && s.toBp <= s.fromBp) return "a slab ends after it starts";
    if (!last && slabs[i + 1]?.fromBp !== s.toBp) return "slabs are contiguous";
    if (s.rateBp < 0 || s.rateBp > 10000) return "a rate is between 0 and 10000 bp";
  }
  return null;
}

const PlanFields = z.strictObject({
  name: z.string().trim().min(1).max(200),
  nameBn: z.string().trim().min(1).max(200),
  appliesTo: z.enum(PERSON_KINDS),
  /** Only the people of this territory's subtree; null: the whole organisation. */
  territoryId: z.uuid().nullable().default(null),
  periodKind: z.enum(PERIOD_KINDS),
  validFrom: IsoDate,
  validTo: IsoDate.nullable().default(null),
  slabs: z.array(CommissionSlab).min(1).max(10),
  gates: z.array(Gate).max(5).default([]),
  capPoisha: z.number().int().min(0).max(MAX_PLAN_POISHA).nullable().default(null),
  kickers: z.array(Kicker).max(20).default([]),
});

export const PlanInput = PlanFields.refine((p) => slabProblem(p.slabs) === null, {
  path: ["slabs"],
  message:
    "Slabs start at 0 %, follow on without gaps, and only the last is open ended|স্ল্যাব ০ % থেকে শুরু হয়, ফাঁক ছাড়া পরপর চলে, শুধু শেষটির ঊর্ধ্বসীমা খোলা",
})
  .refine((p) => p.validTo === null || p.validTo >= p.validFrom, {
    path: ["validTo"],
    message: "Must be on or after the start date|শুরুর তারিখের দিন বা পরে হতে হবে",
  })
  .refine((p) => new Set(p.kickers.map((k) => k.skuId)).size === p.kickers.length, {
    path: ["kickers"],
    message: "One kicker per product|প্রতি পণ্যে একটি কিকার",
  });
export type PlanInput = z.infer<typeof PlanInput>;

export const Plan = z.object({
  id: z.uuid(),
  name: z.string(),
  nameBn: z.string(),
  appliesTo: z.enum(PERSON_KINDS),
  territoryId: z.uuid().nullable(),
  periodKind: z.enum(PERIOD_KINDS),
  validFrom: IsoDate,
  validTo: IsoDate.nullable(),
  slabs: z.array(CommissionSlab),
  gates: z.array(Gate),
  capPoisha: z.number().int().nullable(),
  kickers: z.array(Kicker),
  archived: z.boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Plan = z.infer<typeof Plan>;

export const PlanListQuery = z.strictObject({
  includeArchived: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
});

export const UpdatePlan = PlanInput.and(z.strictObject({ archived: z.boolean().optional() }));

export const ComputeStatements = z.strictObject({
  planId: z.uuid(),
  /** The first day of the plan's month or quarter. */
  periodStart: IsoDate,
});

export const LineBasis = z.object({
  salesPoisha: z.number().int().optional(),
  rateBp: z.number().int().optional(),
  fromBp: z.number().int().optional(),
  toBp: z.number().int().nullable().optional(),
  metric: z.enum(GATE_METRICS).optional(),
  minBp: z.number().int().optional(),
  actualBp: z.number().int().nullable().optional(),
  skuId: z.string().optional(),
  achievedBp: z.number().int().nullable().optional(),
  capPoisha: z.number().int().optional(),
  grossPoisha: z.number().int().optional(),
  statementId: z.string().optional(),
  periodStart: z.string().optional(),
});

export const StatementLine = z.object({
  code: z.enum(LINE_CODES),
  label: z.object({ en: z.string(), bn: z.string() }),
  basis: LineBasis,
  amountPoisha: z.number().int(),
});
export type StatementLine = z.infer<typeof StatementLine>;

export const StatementSummary = z.object({
  id: z.uuid(),
  planId: z.uuid(),
  planName: z.string(),
  planNameBn: z.string(),
  personKind: z.enum(PERSON_KINDS),
  personId: z.uuid(),
  personName: z.string(),
  periodStart: IsoDate,
  periodEnd: IsoDate,
  status: z.enum(STATEMENT_STATUSES),
  netSalesPoisha: z.number().int(),
  targetPoisha: z.number().int().nullable(),
  attainmentBp: z.number().int().nullable(),
  payoutPoisha: z.number().int(),
  carryForwardPoisha: z.number().int(),
  approvedAt: Timestamp.nullable(),
  paidAt: Timestamp.nullable(),
  payoutReference: z.string().nullable(),
});
export type StatementSummary = z.infer<typeof StatementSummary>;

export const Statement = StatementSummary.extend({
  coverageBp: z.number().int().nullable(),
  commissionPoisha: z.number().int(),
  kickersPoisha: z.number().int(),
  capRemovedPoisha: z.number().int(),
  clawbackPoisha: z.number().int(),
  clawbackRateBp: z.number().int(),
  gatesPassed: z.boolean(),
  lines: z.array(StatementLine),
  computedAt: Timestamp,
});
export type Statement = z.infer<typeof Statement>;

export const StatementListQuery = z.strictObject({
  periodStart: IsoDate.optional(),
  planId: z.uuid().optional(),
  status: z.enum(STATEMENT_STATUSES).optional(),
});

export const ComputeResult = z.object({ items: z.array(StatementSummary) });

export const MarkPaid = z.strictObject({ reference: z.string().trim().min(1).max(100) });

export const StatementExportQuery = z.strictObject({
  periodStart: IsoDate,
  planId: z.uuid().optional(),
  /** One of the two states; both when left out. */
  status: z.enum(["approved", "paid"]).optional(),
  format: z.enum(["csv", "xlsx"]).default("xlsx"),
});
