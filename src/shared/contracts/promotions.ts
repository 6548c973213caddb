// Trade promotions (S10): schemes, campaigns, the schemes in force for an outlet (the client runs the same engine),
// "why did this scheme not apply?", and a campaign's results.
//   GET/POST        /api/v1/promotions/schemes            PATCH /schemes/{id}   POST /schemes/{id}/{activate|pause|end}
//   GET             /api/v1/promotions/schemes/in-force?outletId=&date=
//   POST            /api/v1/promotions/explain            GET /api/v1/orders/{id}/schemes
//   GET/POST        /api/v1/promotions/campaigns          PATCH /campaigns/{id}   GET /campaigns/{id}/results
// The refinements mirror the database's checks (2026-11-24-16_create-promotions.sql), so a bad scheme is a 422
// with a message, never a database error.
import { z } from "zod";
import { IsoDate, PageQuery } from "./common.ts";

const Poisha = z.number().int();
/** A budget, cap or amount: positive, and small enough that sums stay exact. */
const Amount = z
  .number()
  .int()
  .min(1)
  .max(1_000_000_000_000_000 / 1000);
const Qty = z.number().int().min(1).max(10_000_000);
const Name = z.string().trim().min(1).max(120);
const Note = z.string().trim().max(1000);

export const SCHEME_STATUSES = ["draft", "active", "paused", "ended"] as const;
export type SchemeStatus = (typeof SCHEME_STATUSES)[number];
export const SCHEME_ACTIONS = ["activate", "pause", "end"] as const;
export type SchemeAction = (typeof SCHEME_ACTIONS)[number];
export const CAMPAIGN_STATUSES = ["draft", "active", "ended"] as const;
export const CAMPAIGN_OBJECTIVES = ["volume", "new_outlets"] as const;

export const SchemeCode = z
  .string()
  .trim()
  .regex(/^[A-Z0-9][A-Z0-9_-]{0,39}$/, {
    message:
      "Capital letters, digits, - and _, at most 40 (e.g. SUMMER10)|বড় হাতের ইংরেজি অক্ষর, অঙ্ক, - ও _, সর্বোচ্চ ৪০টি (যেমন SUMMER10)",
  });

export const SchemeBenefit = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("percent"),
    bp: z.number().int().min(1, { message: "At least 0.01 %|কমপক্ষে ০.০১%" }).max(10_000, {
      message: "At most 100 %|সর্বোচ্চ ১০০%",
    }),
  }),
  z.strictObject({ type: z.literal("flat"), poisha: Amount }),
  z.strictObject({ type: z.literal("free_goods"), skuId: z.uuid(), qty: Qty }),
]);
export type SchemeBenefit = z.infer<typeof SchemeBenefit>;

const SchemeSlab = z.strictObject({ min: Amount, benefit: SchemeBenefit });

const uniqueIds = (ids: readonly string[]) => new Set(ids).size === ids.length;

export const SchemeRule = z.discriminatedUnion("kind", [
  z
    .strictObject({
      kind: z.literal("slab"),
      /** Empty: every line of the memo (a memo-level scheme). */
      skuIds: z.array(z.uuid()).max(200).refine(uniqueIds, { message: "A product is listed twice|একটি পণ্য দুবার আছে" }),
      measure: z.enum(["qty", "value"]),
      mode: z.enum(["once", "stepped", "repeating"]),
      slabs: z.array(SchemeSlab).min(1).max(20),
    })
    .refine((r) => r.slabs.every((s, i) => i === 0 || s.min > (r.slabs[i - 1] as { min: number }).min), {
      path: ["slabs"],
      message: "Slab thresholds must rise from one slab to the next|প্রতিটি স্ল্যাবের সীমা আগেরটির চেয়ে বেশি হতে হবে",
    })
    .refine((r) => r.mode !== "repeating" || r.slabs.length === 1, {
      path: ["slabs"],
      message: "A repeating scheme has exactly one slab|পুনরাবৃত্ত স্কিমে ঠিক একটি স্ল্যাব থাকে",
    }),
  z.strictObject({
    kind: z.literal("bundle"),
    components: z
      .array(z.strictObject({ skuId: z.uuid(), qty: Qty }))
      .min(1)
      .max(20)
      .refine((c) => uniqueIds(c.map((x) => x.skuId)), { message: "A product is listed twice|একটি পণ্য দুবার আছে" }),
    benefit: SchemeBenefit,
  }),
]);
export type SchemeRule = z.infer<typeof SchemeRule>;

const Labels = z.array(z.string().trim().min(1).max(60)).max(50);
const Ids = z.array(z.uuid()).max(2000);

/** Who a scheme is for; an empty list does not restrict. Territories by id (their subtrees count). */
export const SchemeTargetingInput = z.strictObject({
  territoryIds: Ids.default([]),
  channels: Labels.default([]),
  outletClasses: Labels.default([]),
  distributorIds: Ids.default([]),
  outletIds: Ids.default([]),
});

export const SchemeTargeting = z.object({
  territoryIds: z.array(z.uuid()),
  territoryPaths: z.array(z.string()),
  channels: z.array(z.string()),
  outletClasses: z.array(z.string()),
  distributorIds: z.array(z.uuid()),
  outletIds: z.array(z.uuid()),
});

const periodOk = (s: { validFrom?: string | undefined; validTo?: string | undefined }) =>
  !s.validFrom || !s.validTo || s.validTo >= s.validFrom;
const PERIOD_MESSAGE = {
  path: ["validTo"],
  message: "Must be on or after the start date|শুরুর তারিখের দিন বা পরে হতে হবে",
};

const SchemeFields = {
  code: SchemeCode,
  name: Name,
  nameBn: Name,
  campaignId: z.uuid().nullable().optional(),
  facing: z.enum(["secondary", "primary"]).default("secondary"),
  validFrom: IsoDate,
  validTo: IsoDate,
  /** Lower runs first. */
  priority: z.number().int().min(0).max(10_000).default(100),
  stacking: z.enum(["exclusive", "stackable"]).default("stackable"),
  /** The distributor gives it on the memo and claims it back from the company. */
  claimable: z.boolean().default(false),
  targeting: SchemeTargetingInput.default({
    territoryIds: [],
    channels: [],
    outletClasses: [],
    distributorIds: [],
    outletIds: [],
  }),
  rule: SchemeRule,
  budgetPoisha: Amount.nullable().optional(),
  perOutletCapPoisha: Amount.nullable().optional(),
  notes: Note.nullable().optional(),
};

export const CreateSchemeRequest = z.strictObject(SchemeFields).refine(periodOk, PERIOD_MESSAGE);
export type CreateSchemeRequest = z.infer<typeof CreateSchemeRequest>;

export const UpdateSchemeRequest = z
  .strictObject({
    name: Name.optional(),
    nameBn: Name.optional(),
    campaignId: z.uuid().nullable().optional(),
    validFrom: IsoDate.optional(),
    validTo: IsoDate.optional(),
    priority: z.number().int().min(0).max(10_000).optional(),
    stacking: z.enum(["exclusive", "stackable"]).optional(),
    claimable: z.boolean().optional(),
    targeting: SchemeTargetingInput.optional(),
    rule: SchemeRule.optional(),
    budgetPoisha: Amount.nullable().optional(),
    perOutletCapPoisha: Amount.nullable().optional(),
    notes: Note.nullable().optional(),
  })
  .refine(periodOk, PERIOD_MESSAGE);
export type UpdateSchemeRequest = z.infer<typeof UpdateSchemeRequest>;

export const SchemeResponse = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  nameBn: z.string(),
  campaignId: z.uuid().nullable(),
  facing: z.enum(["secondary", "primary"]),
  validFrom: z.string(),
  validTo: z.string(),
  priority: z.number().int(),
  stacking: z.enum(["exclusive", "stackable"]),
  claimable: z.boolean(),
  status: z.enum(SCHEME_STATUSES),
  targeting: SchemeTargeting,
  rule: SchemeRule,
  budgetPoisha: Poisha.nullable(),
  spentPoisha: Poisha,
  perOutletCapPoisha: Poisha.nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** What the caller may do next. */
  actions: z.array(z.enum(SCHEME_ACTIONS)),
});
export type SchemeResponse = z.infer<typeof SchemeResponse>;

export const SchemeListQuery = PageQuery.extend({
  status: z.enum(SCHEME_STATUSES).optional(),
  campaignId: z.uuid().optional(),
  facing: z.enum(["secondary", "primary"]).optional(),
  /** Code or name in either script. */
  q: z.string().trim().max(120).optional(),
});
export type SchemeListQuery = z.infer<typeof SchemeListQuery>;

export const SchemePage = z.object({ items: z.array(SchemeResponse), nextCursor: z.string().nullable() });

/** The engine's shape (shared/pricing/scheme-types.ts SchemeDefinition). */
export const SchemeDefinition = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.object({ en: z.string(), bn: z.string() }),
  facing: z.enum(["secondary", "primary"]),
  validFrom: z.string(),
  validTo: z.string(),
  priority: z.number().int(),
  stacking: z.enum(["exclusive", "stackable"]),
  targeting: z.object({
    territoryPaths: z.array(z.string()),
    channels: z.array(z.string()),
    outletClasses: z.array(z.string()),
    distributorIds: z.array(z.string()),
    outletIds: z.array(z.string()),
  }),
  rule: SchemeRule,
});

export const InForceQuery = z.strictObject({ outletId: z.uuid(), date: IsoDate.optional() });
export const InForceResponse = z.object({
  date: z.string(),
  schemes: z.array(SchemeDefinition),
  /** Schemes whose budget is used up, and those whose cap this outlet has reached: the engine skips them. */
  exhausted: z.array(z.uuid()),
  outletCapped: z.array(z.uuid()),
});
export type InForceResponse = z.infer<typeof InForceResponse>;

export const ExplainRequest = z.strictObject({
  outletId: z.uuid(),
  orderDate: IsoDate.optional(),
  lines: z
    .array(
      z.strictObject({
        skuId: z.uuid(),
        qty: Qty,
        unit: z.string().trim().min(1).max(20).default("piece"),
      }),
    )
    .min(1)
    .max(300),
});
export type ExplainRequest = z.infer<typeof ExplainRequest>;

const Bilingual = z.object({ en: z.string(), bn: z.string() });

export const SchemeExplanation = z.object({
  schemeId: z.uuid(),
  code: z.string(),
  name: Bilingual,
  applied: z.boolean(),
  discountPoisha: Poisha,
  free: z.array(z.object({ skuId: z.uuid(), qty: z.number().int() })),
  /** Why it gave nothing (the engine's reason), null when it applied. */
  reason: z.record(z.string(), z.unknown()).nullable(),
  /** The reason or the benefit in words. */
  text: Bilingual,
});

export const ExplainResponse = z.object({
  orderDate: z.string(),
  schemes: z.array(SchemeExplanation),
});
export type ExplainResponse = z.infer<typeof ExplainResponse>;

export const OrderGrant = z.object({
  schemeId: z.uuid(),
  code: z.string(),
  name: Bilingual,
  claimable: z.boolean(),
  discountPoisha: Poisha,
  freeValuePoisha: Poisha,
  costPoisha: Poisha,
  status: z.enum(["active", "released"]),
});

export const OrderSchemesResponse = z.object({
  orderId: z.uuid(),
  orderDate: z.string(),
  /** What the order was given (confirmed orders; a draft reserves nothing). */
  grants: z.array(OrderGrant),
  /** Every scheme in force on the order's date, against its ordered lines as they are now. */
  schemes: z.array(SchemeExplanation),
});

// --- campaigns

const CampaignFields = {
  name: Name,
  nameBn: Name,
  objective: z.enum(CAMPAIGN_OBJECTIVES),
  validFrom: IsoDate,
  validTo: IsoDate,
  budgetPoisha: Amount.nullable().optional(),
  notes: Note.nullable().optional(),
};

export const CreateCampaignRequest = z.strictObject(CampaignFields).refine(periodOk, PERIOD_MESSAGE);
export type CreateCampaignRequest = z.infer<typeof CreateCampaignRequest>;

export const UpdateCampaignRequest = z
  .strictObject({
    name: Name.optional(),
    nameBn: Name.optional(),
    objective: z.enum(CAMPAIGN_OBJECTIVES).optional(),
    validFrom: IsoDate.optional(),
    validTo: IsoDate.optional(),
    budgetPoisha: Amount.nullable().optional(),
    notes: Note.nullable().optional(),
    status: z.enum(CAMPAIGN_STATUSES).optional(),
  })
  .refine(periodOk, PERIOD_MESSAGE);
export type UpdateCampaignRequest = z.infer<typeof UpdateCampaignRequest>;

export const CampaignResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  nameBn: z.string(),
  objective: z.enum(CAMPAIGN_OBJECTIVES),
  validFrom: z.string(),
  validTo: z.string(),
  budgetPoisha: Poisha.nullable(),
  status: z.enum(CAMPAIGN_STATUSES),
  notes: z.string().nullable(),
  schemeIds: z.array(z.uuid()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CampaignResponse = z.infer<typeof CampaignResponse>;

export const CampaignListQuery = PageQuery.extend({ status: z.enum(CAMPAIGN_STATUSES).optional() });
export const CampaignPage = z.object({ items: z.array(CampaignResponse), nextCursor: z.string().nullable() });

const Period = z.object({ from: z.string(), to: z.string() });
const GroupSales = z.object({ outlets: z.number().int(), beforePoisha: Poisha, duringPoisha: Poisha });

export const CampaignResults = z.object({
  campaignId: z.uuid(),
  objective: z.enum(CAMPAIGN_OBJECTIVES),
  /** The days measured: from the campaign's start to its end, or to today while it runs. */
  period: Period,
  baselinePeriod: Period,
  targeted: GroupSales,
  control: GroupSales,
  /** Targeted sales in the period beyond what the baseline and the control group's trend predict. */
  expectedPoisha: Poisha,
  incrementalPoisha: Poisha,
  costPoisha: Poisha,
  /** (incremental - cost) / cost in basis points; null when nothing was spent. */
  roiBp: z.number().int().nullable(),
  /** Targeted outlets whose first order ever falls inside the period. */
  newOutlets: z.number().int(),
  grants: z.number().int(),
});
export type CampaignResults = z.infer<typeof CampaignResults>;
