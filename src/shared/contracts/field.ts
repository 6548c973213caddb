// The field app's contract (issue 5): what the phone pulls (a bounded, incremental snapshot of the rep's beats)
// and what it pushes (an outbox of commands, each with a client-made UUIDv7 id that is also its idempotency key).
import { z } from "zod";
import { BdPhone } from "../bd-phone.ts";
import type { SchemeDefinition } from "../pricing/scheme-types.ts";
import { IsoDate, Timestamp } from "./common.ts";
import { Channel, OutletClass } from "./network.ts";
import { OrderLineInput, PAYMENT_METHODS } from "./orders.ts";
import { SuggestedLine } from "./replenishment.ts";

const Poisha = z.number().int();

/** A GPS fix as the phone reported it. */
export const GpsFix = z.strictObject({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  /** Metres, as the browser's Geolocation API reports it. */
  accuracyM: z.number().min(0).max(100_000).optional(),
});
export type GpsFix = z.infer<typeof GpsFix>;

const Note = z.string().trim().max(500);
const ReasonCode = z.string().regex(/^[a-z0-9_]{1,40}$/);

// --- commands (push)

export const StartDayPayload = z.strictObject({ gps: GpsFix.nullable() });
export const EndDayPayload = z.strictObject({ gps: GpsFix.nullable() });
export const CheckInPayload = z.strictObject({
  visitId: z.uuid(),
  outletId: z.uuid(),
  gps: GpsFix.nullable(),
});
export const CheckOutPayload = z
  .strictObject({
    visitId: z.uuid(),
    outcome: z.enum(["order", "no_order"]),
    noOrderReason: ReasonCode.optional(),
    note: Note.optional(),
  })
  .refine((p) => p.outcome === "order" || p.noOrderReason !== undefined, {
    path: ["noOrderReason"],
    message: "Choose why there was no order|অর্ডার না হওয়ার কারণ বেছে নিন",
  });
export const PlaceOrderPayload = z.strictObject({
  orderId: z.uuid(),
  visitId: z.uuid().optional(),
  outletId: z.uuid(),
  lines: z.array(OrderLineInput).min(1).max(300),
  /** The total the phone showed the rep; a different server total comes back as a warning (prices changed). */
  expectedTotalPoisha: Poisha.min(0).optional(),
  note: Note.optional(),
});
export const RecordStockAuditPayload = z.strictObject({
  auditId: z.uuid(),
  visitId: z.uuid().optional(),
  outletId: z.uuid(),
  /** qty 0 = out of stock. */
  lines: z
    .array(z.strictObject({ skuId: z.uuid(), qty: z.number().int().min(0).max(1_000_000) }))
    .min(1)
    .max(500),
});
export const CollectPaymentPayload = z
  .strictObject({
    paymentId: z.uuid(),
    visitId: z.uuid().optional(),
    outletId: z.uuid(),
    method: z.enum(PAYMENT_METHODS),
    reference: z.string().trim().max(60).optional(),
    amountPoisha: Poisha.min(1).max(100_000_000_000),
    note: Note.optional(),
  })
  .refine((p) => p.method === "cash" || (p.reference !== undefined && p.reference !== ""), {
    path: ["reference"],
    message: "A transaction or cheque reference is required for this method|এই পদ্ধতিতে লেনদেন বা চেক নম্বর দিতে হবে",
  });
export const OutletPhoto = z.strictObject({
  contentType: z.enum(["image/jpeg", "image/webp"]),
  /** Base64 of the compressed image; at most 1 MB decoded. */
  base64: z.string().max(1_400_000),
});
export const ProposeOutletPayload = z.strictObject({
  outletId: z.uuid(),
  name: z.string().trim().min(2).max(120),
  nameBn: z.string().trim().min(1).max(120),
  ownerName: z.string().trim().min(2).max(120),
  phone: BdPhone,
  channel: Channel,
  outletClass: OutletClass.default("C"),
  address: z.string().trim().max(300).default(""),
  /** The rep's route the outlet should join; one of the rep's routes. */
  routeId: z.uuid(),
  gps: GpsFix.nullable(),
  photo: OutletPhoto.optional(),
});
export const ReorderBeatPayload = z.strictObject({
  routeId: z.uuid(),
  outletIds: z.array(z.uuid()).min(1).max(1000),
});

const command = <K extends string, P extends z.ZodType>(kind: K, payload: P) =>
  z.strictObject({
    /** UUIDv7 made on the phone: the command's identity and idempotency key. */
    id: z.uuid(),
    kind: z.literal(kind),
    /** When the rep did it (device clock): business dates (order date, visit date) come from this. */
    at: Timestamp,
    payload,
  });

export const FieldCommand = z.discriminatedUnion("kind", [
  command("day.start", StartDayPayload),
  command("day.end", EndDayPayload),
  command("visit.check_in", CheckInPayload),
  command("visit.check_out", CheckOutPayload),
  command("order.place", PlaceOrderPayload),
  command("stock_audit.record", RecordStockAuditPayload),
  command("payment.collect", CollectPaymentPayload),
  command("outlet.propose", ProposeOutletPayload),
  command("beat.reorder", ReorderBeatPayload),
]);
export type FieldCommand = z.infer<typeof FieldCommand>;
export type FieldCommandKind = FieldCommand["kind"];

/** Commands are applied in the order given, each in its own transaction: one conflict never loses the rest. */
export const FieldSyncRequest = z.strictObject({
  commands: z.array(FieldCommand).min(1).max(100),
});
export type FieldSyncRequest = z.infer<typeof FieldSyncRequest>;

export const FieldMessage = z.object({
  code: z.string(),
  /** In the caller's language. */
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});

export const FieldCommandResult = z.object({
  id: z.uuid(),
  kind: z.string(),
  /**
   * applied: done (now or on an earlier send); rejected: final, nothing was changed, `error` says why (stock short,
   * outlet no longer yours, invalid) and the rep decides what to do. A replay of a command returns its first result.
   */
  status: z.enum(["applied", "rejected"]),
  /** True when this id was seen before and its stored result is returned. */
  replayed: z.boolean(),
  error: FieldMessage.nullable(),
  /** Applied, but worth telling the rep: prices changed, check-in far from the outlet, outlet moved route. */
  warnings: z.array(FieldMessage),
  /** What the server made: order number and total, money receipt number, distance from the outlet... */
  data: z.record(z.string(), z.unknown()),
});
export type FieldCommandResult = z.infer<typeof FieldCommandResult>;

export const FieldSyncResponse = z.object({
  results: z.array(FieldCommandResult),
  serverTime: z.string(),
});
export type FieldSyncResponse = z.infer<typeof FieldSyncResponse>;

// --- snapshot (pull)

export const FieldSnapshotQuery = z.strictObject({
  /** The token of the previous snapshot: only what changed since comes back. Absent: everything. */
  since: z.string().max(200).optional(),
});
export type FieldSnapshotQuery = z.infer<typeof FieldSnapshotQuery>;

export const FieldSku = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  nameBn: z.string(),
  brandName: z.string(),
  brandNameBn: z.string(),
  baseUnit: z.string(),
  units: z.array(z.object({ unit: z.string(), name: z.string(), nameBn: z.string(), factor: z.number().int() })),
  vatRateBp: z.number().int(),
  /** Lower-case Latin and Bengali words and phonetic keys, for search on the phone. */
  searchText: z.string(),
  /** Archived SKUs come once, so the phone can drop them. */
  archived: z.boolean(),
});
export type FieldSku = z.infer<typeof FieldSku>;

/** The prices one kind of outlet pays (outlets of the same distributor, channel, class and area share one). */
export const FieldPriceBook = z.object({
  key: z.string(),
  prices: z.array(
    z.object({
      skuId: z.uuid(),
      /** Per base unit, as the order pays it. */
      unitPricePoisha: Poisha,
      mrpPoisha: Poisha,
      pricesIncludeVat: z.boolean(),
    }),
  ),
});
export type FieldPriceBook = z.infer<typeof FieldPriceBook>;

export const FieldOutlet = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  nameBn: z.string(),
  ownerName: z.string(),
  phone: z.string().nullable(),
  address: z.string(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  channel: z.string(),
  outletClass: z.string(),
  status: z.string(),
  routeId: z.uuid().nullable(),
  distributorId: z.uuid().nullable(),
  priceBookKey: z.string().nullable(),
  creditLimitPoisha: Poisha.nullable(),
  duesPoisha: Poisha,
  overduePoisha: Poisha,
  lastOrder: z.object({ number: z.string(), date: z.string(), totalPoisha: Poisha }).nullable(),
  lastVisitDate: z.string().nullable(),
  /** The outlet's usual order (its most ordered SKUs of the last 90 days, with their typical quantity). */
  usualLines: z.array(z.object({ skuId: z.uuid(), qty: z.number().int(), unit: z.string() })),
  /** The suggested order: the outlet's forecast until the next visit less its last audited stock, with the reason. */
  suggestedLines: z.array(SuggestedLine),
  /** Out-of-stock SKUs at the last stock audit. */
  lastAuditOutOfStockSkuIds: z.array(z.uuid()),
  /**
   * The territory path the order is priced for (the outlet's route), which scheme targeting matches by prefix.
   * Absent in a snapshot kept from before schemes came to the phone.
   */
  territoryPath: z.string().optional(),
});
export type FieldOutlet = z.infer<typeof FieldOutlet>;

const FieldSchemeBenefit = z.discriminatedUnion("type", [
  z.object({ type: z.literal("percent"), bp: z.number().int() }),
  z.object({ type: z.literal("flat"), poisha: Poisha }),
  z.object({ type: z.literal("free_goods"), skuId: z.uuid(), qty: z.number().int() }),
]);

/**
 * A trade scheme in force, in the shape the shared scheme engine takes (src/shared/pricing/scheme-types.ts): the
 * phone prices the memo with it offline; the server prices the order again at sync, and its result stands.
 */
export const FieldScheme = z.object({
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
    distributorIds: z.array(z.uuid()),
    outletIds: z.array(z.uuid()),
  }),
  rule: z.discriminatedUnion("kind", [
    z.object({
      kind: z.literal("slab"),
      skuIds: z.array(z.uuid()),
      measure: z.enum(["qty", "value"]),
      mode: z.enum(["once", "stepped", "repeating"]),
      slabs: z.array(z.object({ min: z.number().int(), benefit: FieldSchemeBenefit })),
    }),
    z.object({
      kind: z.literal("bundle"),
      components: z.array(z.object({ skuId: z.uuid(), qty: z.number().int() })),
      benefit: FieldSchemeBenefit,
    }),
  ]),
}) satisfies z.ZodType<SchemeDefinition>;
export type FieldScheme = z.infer<typeof FieldScheme>;

export const FieldRoute = z.object({
  id: z.uuid(),
  name: z.string(),
  nameBn: z.string(),
  /** 0 = Sunday ... 6 = Saturday. */
  weekdays: z.array(z.number().int()),
  /** The route's outlets in visit order. */
  outletIds: z.array(z.uuid()),
});
export type FieldRoute = z.infer<typeof FieldRoute>;

export const FieldVisitState = z.object({
  id: z.uuid(),
  outletId: z.uuid(),
  checkedInAt: z.string(),
  checkedOutAt: z.string().nullable(),
  outcome: z.enum(["order", "no_order"]).nullable(),
  distanceM: z.number().int().nullable(),
  outsideRadius: z.boolean(),
});

export const FieldSnapshotResponse = z.object({
  /** Send back as `since` next time. */
  token: z.string(),
  /** True when this is everything (no or expired `since`): the phone replaces what it holds. */
  full: z.boolean(),
  serverTime: z.string(),
  /** Today's business date in Asia/Dhaka. */
  today: z.string(),
  me: z.object({ userId: z.uuid(), name: z.string() }),
  settings: z.object({ checkInRadiusM: z.number().int() }),
  noOrderReasons: z.array(z.object({ code: z.string(), labelEn: z.string(), labelBn: z.string() })),
  mustSellSkuIds: z.array(z.uuid()),
  /** Every route the rep walks (always whole: a handful). */
  routes: z.array(FieldRoute),
  /** Outlets of the rep's routes that are new or changed since `since` (all of them on a full snapshot). */
  outlets: z.array(FieldOutlet),
  /** Outlets that left the rep's routes (moved, archived) since `since`. */
  removedOutletIds: z.array(z.uuid()),
  skus: z.array(FieldSku),
  /** Price books that changed since `since` (all that the rep's outlets use on a full snapshot). */
  priceBooks: z.array(FieldPriceBook),
  /**
   * The outlet-facing trade schemes in force (today and the next days) that target at least one of the rep's
   * outlets, whole, when they differ from what the phone holds (one started, changed, was paused or ended; every
   * full snapshot): the phone replaces its schemes with these. Null: unchanged, keep them.
   */
  schemes: z.array(FieldScheme).nullable(),
  /** With `schemes`: those whose budget is used up (the phone gives nothing for them; the server decides at sync). */
  exhaustedSchemeIds: z.array(z.uuid()).nullable(),
  /** What the server already holds for today, so a reinstalled phone still knows the day's progress. */
  day: z.object({
    startedAt: z.string().nullable(),
    endedAt: z.string().nullable(),
    visits: z.array(FieldVisitState),
  }),
});
export type FieldSnapshotResponse = z.infer<typeof FieldSnapshotResponse>;

// --- performance (the rep's own, and per rep in the manager's live view)

export const FieldKpis = z.object({
  salesPoisha: Poisha,
  orders: z.number().int(),
  visits: z.number().int(),
  productiveVisits: z.number().int(),
  /** Productive visits / visits, basis points; null with no visits. */
  strikeRateBp: z.number().int().nullable(),
  /** Order lines / productive visits, to two decimals ×100 (e.g. 425 = 4.25); null with no orders. */
  linesPerCallX100: z.number().int().nullable(),
  /** Average order value; null with no orders. */
  dropSizePoisha: Poisha.nullable(),
  plannedOutlets: z.number().int(),
  plannedVisited: z.number().int(),
  /** Planned outlets visited / planned outlets, basis points; null with none planned. */
  beatComplianceBp: z.number().int().nullable(),
  outsideRadiusVisits: z.number().int(),
});
export type FieldKpis = z.infer<typeof FieldKpis>;

export const FieldPerformanceResponse = z.object({
  today: FieldKpis,
  month: FieldKpis,
  monthStart: z.string(),
  /**
   * The rep's value target for the month (targets module) and the month so far against it: net sales (delivered
   * memos count what was delivered, less returns), the run-rate projection and what is still needed per business
   * day. Null until a target is set. The run-rate fields are optional only for answers cached by an older app.
   */
  target: z
    .object({
      valuePoisha: Poisha,
      achievedBp: z.number().int(),
      achievedPoisha: Poisha.optional(),
      projectedPoisha: Poisha.nullable().optional(),
      requiredDailyPoisha: Poisha.nullable().optional(),
      status: z.enum(["achieved", "on_track", "behind"]).optional(),
    })
    .nullable(),
});
export type FieldPerformanceResponse = z.infer<typeof FieldPerformanceResponse>;

// --- managers' live view

export const FieldLiveQuery = z.strictObject({
  date: IsoDate.optional(),
  territoryId: z.uuid().optional(),
});
export type FieldLiveQuery = z.infer<typeof FieldLiveQuery>;

export const FieldLiveVisit = z.object({
  id: z.uuid(),
  repUserId: z.uuid(),
  repName: z.string(),
  outletId: z.uuid(),
  outletName: z.string(),
  outletNameBn: z.string(),
  planned: z.boolean(),
  checkedInAt: z.string(),
  checkedOutAt: z.string().nullable(),
  minutesSpent: z.number().int().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  distanceM: z.number().int().nullable(),
  outsideRadius: z.boolean(),
  outcome: z.enum(["order", "no_order"]).nullable(),
  noOrderReason: z.string().nullable(),
  orderNumber: z.string().nullable(),
  orderTotalPoisha: Poisha.nullable(),
});
export type FieldLiveVisit = z.infer<typeof FieldLiveVisit>;

export const FieldLiveRep = z.object({
  userId: z.uuid(),
  name: z.string(),
  territoryName: z.string().nullable(),
  dayStartedAt: z.string().nullable(),
  dayEndedAt: z.string().nullable(),
  lastSeenAt: z.string().nullable(),
  kpis: FieldKpis,
});
export type FieldLiveRep = z.infer<typeof FieldLiveRep>;

export const FieldLiveResponse = z.object({
  date: z.string(),
  reps: z.array(FieldLiveRep),
  visits: z.array(FieldLiveVisit),
  totals: FieldKpis,
});
export type FieldLiveResponse = z.infer<typeof FieldLiveResponse>;

// --- outlet onboarding queue

export const OnboardingListQuery = z.strictObject({
  status: z.enum(["pending", "approved", "rejected"]).default("pending"),
});
export const OnboardingResponse = z.object({
  outletId: z.uuid(),
  code: z.string(),
  name: z.string(),
  nameBn: z.string(),
  ownerName: z.string(),
  phone: z.string().nullable(),
  channel: z.string(),
  address: z.string(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  routeId: z.uuid().nullable(),
  routeName: z.string().nullable(),
  requestedById: z.uuid(),
  requestedByName: z.string(),
  requestedAt: z.string(),
  status: z.enum(["pending", "approved", "rejected"]),
  decidedAt: z.string().nullable(),
  rejectReason: z.string().nullable(),
  /** GET /api/v1/field/outlet-photos/{id} */
  photoIds: z.array(z.uuid()),
});
export type OnboardingResponse = z.infer<typeof OnboardingResponse>;
export const OnboardingDecisionRequest = z
  .strictObject({
    decision: z.enum(["approve", "reject"]),
    /** Required to reject: the rep sees it. */
    reason: z.string().trim().max(300).optional(),
    /** The distributor that will serve the outlet (approve). */
    distributorId: z.uuid().optional(),
  })
  .refine((d) => d.decision === "approve" || (d.reason !== undefined && d.reason !== ""), {
    path: ["reason"],
    message: "Say why the outlet is rejected|আউটলেট কেন বাতিল তা লিখুন",
  });
export type OnboardingDecisionRequest = z.infer<typeof OnboardingDecisionRequest>;

// --- field settings (admin)

export const FieldSettingsResponse = z.object({
  checkInRadiusM: z.number().int(),
  noOrderReasons: z.array(
    z.object({ code: z.string(), labelEn: z.string(), labelBn: z.string(), archived: z.boolean() }),
  ),
  mustSellSkuIds: z.array(z.uuid()),
});
export type FieldSettingsResponse = z.infer<typeof FieldSettingsResponse>;
export const UpdateFieldSettingsRequest = z.strictObject({
  checkInRadiusM: z.number().int().min(10).max(5000).optional(),
  noOrderReasons: z
    .array(
      z.strictObject({
        code: ReasonCode,
        labelEn: z.string().trim().min(1).max(80),
        labelBn: z.string().trim().min(1).max(80),
        archived: z.boolean().default(false),
      }),
    )
    .max(50)
    .optional(),
  mustSellSkuIds: z.array(z.uuid()).max(200).optional(),
});
export type UpdateFieldSettingsRequest = z.infer<typeof UpdateFieldSettingsRequest>;
