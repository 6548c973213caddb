// Sales targets (S9): the API's questions and answers. A target is what a rep, distributor, territory or outlet
// should sell in a month or a quarter, by metric; its achievement is computed from the orders when read.
//
// Units of targetValue and achieved, by metric:
//   value        poisha of net sales (confirmed memos less cancellations; a delivered memo counts what was
//                delivered, pro rata, less returns)
//   volume       base units, the same way
//   focus_sku    base units of the target's SKU
//   new_outlets  outlets whose first memo ever fell in the period, within the subject
//   coverage     basis points of the subject's active outlets that ordered at least once in the period
//
// Routes (all under /api/v1/targets):
//   GET    /?periodKind=&period=&subjectKind=&metric=&subjectId=   targets with achievement, run-rate and status
//   PUT    /                        set targets (one or many; a target is keyed by period, subject, metric, SKU)
//   DELETE /{id}                    delete a target of a future period (current and past ones stay: pay is computed on them)
//   POST   /import                  CSV: period,subject_kind,subject_code,metric,sku_code,target; all rows or none
//   POST   /split                   split a territory's target into its children by last year's shares (preview or apply)
import { z } from "zod";
import { IsoDate, Timestamp } from "./common.ts";

export const TARGET_PERIOD_KINDS = ["month", "quarter"] as const;
export const TARGET_SUBJECT_KINDS = ["rep", "distributor", "territory", "outlet"] as const;
export const TARGET_METRICS = ["value", "volume", "focus_sku", "new_outlets", "coverage"] as const;
export const TARGET_SOURCES = ["manual", "csv", "split"] as const;
export const TARGET_STATUSES = ["achieved", "on_track", "behind"] as const;
export const SPLIT_INTO = ["territories", "distributors", "reps", "outlets"] as const;

export type TargetPeriodKind = (typeof TARGET_PERIOD_KINDS)[number];
export type TargetSubjectKind = (typeof TARGET_SUBJECT_KINDS)[number];
export type TargetMetric = (typeof TARGET_METRICS)[number];
export type TargetStatus = (typeof TARGET_STATUSES)[number];
export type SplitInto = (typeof SPLIT_INTO)[number];

/** The largest target the database takes (10^14: a trillion taka in poisha). */
export const MAX_TARGET_VALUE = 100_000_000_000_000;

/** Is `date` the first day of a month (or of a quarter: January, April, July, October)? */
export function isPeriodStartDate(kind: TargetPeriodKind, date: string): boolean {
  if (!/^\d{4}-\d{2}-01$/.test(date)) return false;
  return kind === "month" || [1, 4, 7, 10].includes(Number(date.slice(5, 7)));
}

const PeriodStart = IsoDate;

export const TargetQuery = z.strictObject({
  periodKind: z.enum(TARGET_PERIOD_KINDS).default("month"),
  /** Any date in the period (default: today, Asia/Dhaka). */
  period: IsoDate.optional(),
  subjectKind: z.enum(TARGET_SUBJECT_KINDS).optional(),
  subjectId: z.uuid().optional(),
  metric: z.enum(TARGET_METRICS).optional(),
});
export type TargetQuery = z.infer<typeof TargetQuery>;

const targetChecks = <T extends z.ZodType<SetTargetShape>>(schema: T) =>
  schema
    .refine((t) => isPeriodStartDate(t.periodKind, t.periodStart), {
      message: "periodStart must be the first day of the month or quarter|সময়কাল শুরু হতে হবে মাস বা ত্রৈমাসিকের প্রথম দিনে",
      path: ["periodStart"],
    })
    .refine((t) => (t.metric === "focus_sku") === (t.skuId != null), {
      message: "A focus-SKU target needs its SKU, and only it|ফোকাস পণ্যের লক্ষ্যে পণ্যটি লাগবে, অন্য লক্ষ্যে নয়",
      path: ["skuId"],
    })
    .refine((t) => t.metric !== "coverage" || t.targetValue <= 10_000, {
      message: "Coverage is at most 10000 basis points (100 %)|কভারেজ সর্বোচ্চ ১০০০০ বেসিস পয়েন্ট (১০০ %)",
      path: ["targetValue"],
    });

interface SetTargetShape {
  periodKind: TargetPeriodKind;
  periodStart: string;
  subjectKind: TargetSubjectKind;
  subjectId: string;
  metric: TargetMetric;
  skuId?: string | null | undefined;
  targetValue: number;
}

export const SetTarget = targetChecks(
  z.strictObject({
    periodKind: z.enum(TARGET_PERIOD_KINDS),
    periodStart: PeriodStart,
    subjectKind: z.enum(TARGET_SUBJECT_KINDS),
    subjectId: z.uuid(),
    metric: z.enum(TARGET_METRICS),
    skuId: z.uuid().nullable().optional(),
    targetValue: z.number().int().min(0).max(MAX_TARGET_VALUE),
  }),
);
export type SetTarget = z.infer<typeof SetTarget>;

export const SetTargetsRequest = z.strictObject({ targets: z.array(SetTarget).min(1).max(1000) });
export type SetTargetsRequest = z.infer<typeof SetTargetsRequest>;

export const Target = z.object({
  id: z.uuid(),
  periodKind: z.enum(TARGET_PERIOD_KINDS),
  periodStart: IsoDate,
  periodEnd: IsoDate,
  subjectKind: z.enum(TARGET_SUBJECT_KINDS),
  subjectId: z.uuid(),
  subjectCode: z.string(),
  subjectName: z.string(),
  subjectNameBn: z.string(),
  metric: z.enum(TARGET_METRICS),
  skuId: z.uuid().nullable(),
  skuCode: z.string().nullable(),
  targetValue: z.number().int(),
  source: z.enum(TARGET_SOURCES),
  updatedAt: Timestamp,
});
export type Target = z.infer<typeof Target>;

export const TargetsResponse = z.object({ items: z.array(Target) });
export type TargetsResponse = z.infer<typeof TargetsResponse>;

/** A target with what was achieved so far (units by metric, see above) and where it is heading. */
export const TargetAchievement = Target.extend({
  achieved: z.number().int(),
  /** achieved / target x 10000, half up; null for a zero target. */
  achievedBp: z.number().int().nullable(),
  businessDays: z.number().int(),
  elapsedBusinessDays: z.number().int(),
  /** Achieved / elapsed business days x business days in the period; null for coverage or before day one. */
  projected: z.number().int().nullable(),
  /** What is still needed per business day left (rounded up); null when none is left. */
  requiredDaily: z.number().int().nullable(),
  status: z.enum(TARGET_STATUSES),
});
export type TargetAchievement = z.infer<typeof TargetAchievement>;

export const AchievementResponse = z.object({
  periodKind: z.enum(TARGET_PERIOD_KINDS),
  periodStart: IsoDate,
  periodEnd: IsoDate,
  today: IsoDate,
  items: z.array(TargetAchievement),
});
export type AchievementResponse = z.infer<typeof AchievementResponse>;

export const SplitRequest = z
  .strictObject({
    periodKind: z.enum(TARGET_PERIOD_KINDS),
    periodStart: PeriodStart,
    territoryId: z.uuid(),
    metric: z.enum(TARGET_METRICS),
    skuId: z.uuid().nullable().optional(),
    into: z.enum(SPLIT_INTO),
    /** false: only show the parts; true: set them (a replay of the same preview gives the same parts). */
    apply: z.boolean().default(false),
  })
  .refine((t) => isPeriodStartDate(t.periodKind, t.periodStart), {
    message: "periodStart must be the first day of the month or quarter|সময়কাল শুরু হতে হবে মাস বা ত্রৈমাসিকের প্রথম দিনে",
    path: ["periodStart"],
  })
  .refine((t) => (t.metric === "focus_sku") === (t.skuId != null), {
    message: "A focus-SKU target needs its SKU, and only it|ফোকাস পণ্যের লক্ষ্যে পণ্যটি লাগবে, অন্য লক্ষ্যে নয়",
    path: ["skuId"],
  })
  .refine((t) => t.metric !== "coverage", {
    message: "Coverage is a share, not a sum: it cannot be split|কভারেজ একটি অনুপাত, যোগফল নয়: ভাগ করা যায় না",
    path: ["metric"],
  });
export type SplitRequest = z.infer<typeof SplitRequest>;

export const SplitPart = z.object({
  subjectKind: z.enum(TARGET_SUBJECT_KINDS),
  subjectId: z.uuid(),
  subjectCode: z.string(),
  subjectName: z.string(),
  subjectNameBn: z.string(),
  /** The same metric over the same period last year. */
  lastYear: z.number().int(),
  targetValue: z.number().int(),
});

export const SplitResponse = z.object({
  parentTargetValue: z.number().int(),
  /** last_year: shares of last year's figures; equal: nothing was sold last year, so equal parts. */
  basis: z.enum(["last_year", "equal"]),
  parts: z.array(SplitPart),
  applied: z.boolean(),
});
export type SplitResponse = z.infer<typeof SplitResponse>;

export const TargetImportResult = z.object({ imported: z.number().int() });
export type TargetImportResult = z.infer<typeof TargetImportResult>;
