// Secondary orders (memos), their fulfilment, returns, payments and dues; primary orders; distributor stock.
import { z } from "zod";
import { IsoDate, PageQuery } from "./common.ts";

const Poisha = z.number().int();
const Qty = z.number().int().min(1).max(10_000_000);
const Note = z.string().trim().max(500);

export const SECONDARY_STATUSES = [
  "draft",
  "confirmed",
  "invoiced",
  "dispatched",
  "delivered",
  "partially_delivered",
  "cancelled",
  "returned",
] as const;
export type SecondaryStatus = (typeof SECONDARY_STATUSES)[number];
export const SECONDARY_ACTIONS = ["confirm", "invoice", "dispatch", "deliver", "cancel", "return"] as const;
export type SecondaryAction = (typeof SECONDARY_ACTIONS)[number];

export const OrderLineInput = z.strictObject({
  skuId: z.uuid(),
  qty: Qty,
  /** Any of the SKU's pack sizes ('piece', 'pack', 'case', ...); stored in base units. */
  unit: z.string().trim().min(1).max(20).default("piece"),
});

export const CreateSecondaryOrderRequest = z.strictObject({
  /** Made by an offline client so the order keeps its identity when it syncs. */
  id: z.uuid().optional(),
  outletId: z.uuid(),
  orderDate: IsoDate.optional(),
  requestedDeliveryDate: IsoDate.optional(),
  note: Note.optional(),
  lines: z.array(OrderLineInput).min(1).max(300),
  /** Confirm at once (reserve stock) instead of saving a draft. */
  confirm: z.boolean().default(false),
});
export type CreateSecondaryOrderRequest = z.infer<typeof CreateSecondaryOrderRequest>;

export const UpdateSecondaryOrderRequest = z.strictObject({
  requestedDeliveryDate: IsoDate.nullable().optional(),
  note: Note.nullable().optional(),
  lines: z.array(OrderLineInput).min(1).max(300).optional(),
});
export type UpdateSecondaryOrderRequest = z.infer<typeof UpdateSecondaryOrderRequest>;

export const SecondaryOrderListQuery = PageQuery.extend({
  status: z.enum(SECONDARY_STATUSES).optional(),
  /** "open": confirmed, invoiced or dispatched — the distributor's queue. */
  queue: z.enum(["open"]).optional(),
  outletId: z.uuid().optional(),
  distributorId: z.uuid().optional(),
  territoryId: z.uuid().optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  /** Order number, or the outlet's name in either script. */
  q: z.string().trim().max(120).optional(),
});
export type SecondaryOrderListQuery = z.infer<typeof SecondaryOrderListQuery>;

/** What one scheme gave on a memo line (a free-goods line: its whole value), named for the memo. */
export const LineSchemeAdjustment = z.object({
  kind: z.enum(["discount", "free_goods"]),
  schemeId: z.string(),
  code: z.string(),
  label: z.object({ en: z.string(), bn: z.string() }),
  poisha: Poisha,
});

export const SecondaryOrderLine = z.object({
  lineNo: z.number().int(),
  skuId: z.uuid(),
  skuCode: z.string(),
  skuName: z.string(),
  skuNameBn: z.string(),
  enteredQty: z.number().int(),
  enteredUnit: z.string(),
  qty: z.number().int(),
  unitPricePoisha: Poisha,
  grossPoisha: Poisha,
  discountPoisha: Poisha,
  vatRateBp: z.number().int(),
  vatPoisha: Poisha,
  totalPoisha: Poisha,
  deliveredQty: z.number().int(),
  returnedQty: z.number().int(),
  /** What each scheme gave on this line (a free-goods line: its whole value), for the memo. */
  adjustments: z.array(LineSchemeAdjustment),
  /** Set on a free-goods line: the scheme that gave it. */
  freeOfSchemeId: z.uuid().nullable(),
});

export const SecondaryOrderEvent = z.object({
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
  at: z.string(),
});

export const SecondaryOrderSummary = z.object({
  id: z.uuid(),
  number: z.string(),
  status: z.enum(SECONDARY_STATUSES),
  source: z.string(),
  outletId: z.uuid(),
  outletCode: z.string(),
  outletName: z.string(),
  outletNameBn: z.string(),
  distributorId: z.uuid(),
  distributorName: z.string(),
  distributorNameBn: z.string(),
  routeId: z.uuid().nullable(),
  repUserId: z.uuid().nullable(),
  repName: z.string().nullable(),
  orderDate: z.string(),
  requestedDeliveryDate: z.string().nullable(),
  lineCount: z.number().int(),
  subtotalPoisha: Poisha,
  discountPoisha: Poisha,
  vatPoisha: Poisha,
  totalPoisha: Poisha,
  deliveredTotalPoisha: Poisha,
  returnedTotalPoisha: Poisha,
  invoiceNumber: z.string().nullable(),
  note: z.string().nullable(),
  cancelReason: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  invoicedAt: z.string().nullable(),
  dispatchedAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  createdAt: z.string(),
  /** What the caller may do next with this order. */
  actions: z.array(z.enum(SECONDARY_ACTIONS)),
});
export type SecondaryOrderSummary = z.infer<typeof SecondaryOrderSummary>;

export const SecondaryOrderResponse = SecondaryOrderSummary.extend({
  lines: z.array(SecondaryOrderLine),
  events: z.array(SecondaryOrderEvent),
});
export type SecondaryOrderResponse = z.infer<typeof SecondaryOrderResponse>;

export const CancelOrderRequest = z.strictObject({ reason: z.string().trim().min(1).max(300) });

export const DeliverOrderRequest = z.strictObject({
  /** Lines delivered short; lines not listed are delivered in full. */
  lines: z
    .array(z.strictObject({ lineNo: z.number().int().min(1), deliveredQty: z.number().int().min(0) }))
    .max(300)
    .default([]),
  note: Note.optional(),
});

export const ReturnOrderRequest = z.strictObject({
  reason: z.string().trim().min(1).max(300),
  lines: z
    .array(
      z.strictObject({
        lineNo: z.number().int().min(1),
        qty: Qty,
        condition: z.enum(["saleable", "damaged"]),
      }),
    )
    .min(1)
    .max(300)
    // One return line per order line and condition: the key of the return's lines.
    .refine((lines) => new Set(lines.map((l) => `${l.lineNo}:${l.condition}`)).size === lines.length, {
      message: "Each line once per condition|প্রতিটি লাইন প্রতিটি অবস্থায় একবারই দিন",
    }),
});

export const BulkOrderActionRequest = z.strictObject({
  action: z.enum(["confirm", "invoice", "dispatch", "deliver"]),
  ids: z.array(z.uuid()).min(1).max(200),
});
export type BulkOrderActionRequest = z.infer<typeof BulkOrderActionRequest>;
export const BulkOrderActionResponse = z.object({
  results: z.array(
    z.object({
      id: z.uuid(),
      ok: z.boolean(),
      status: z.enum(SECONDARY_STATUSES).nullable(),
      error: z.object({ code: z.string(), message: z.string() }).nullable(),
    }),
  ),
});

/** Everything a printed memo, challan or Mushak-6.3 invoice shows. */
export const OrderDocumentResponse = z.object({
  order: SecondaryOrderResponse,
  distributor: z.object({
    name: z.string(),
    nameBn: z.string(),
    address: z.string(),
    phone: z.string(),
    bin: z.string().nullable(),
    tradeLicence: z.string().nullable(),
  }),
  outlet: z.object({
    code: z.string(),
    name: z.string(),
    nameBn: z.string(),
    ownerName: z.string(),
    address: z.string(),
    phone: z.string().nullable(),
  }),
  org: z.object({ name: z.string(), nameBn: z.string().nullable() }),
  /** Mushak-6.3 applies when the distributor is VAT-registered (has a BIN). */
  vatInvoice: z.boolean(),
});

// --- payments and dues

export const PAYMENT_METHODS = ["cash", "cheque", "bkash", "nagad", "rocket", "bank"] as const;

export const CreatePaymentRequest = z
  .strictObject({
    id: z.uuid().optional(),
    outletId: z.uuid(),
    orderId: z.uuid().optional(),
    method: z.enum(PAYMENT_METHODS),
    /** Mobile-money transaction id, cheque or bank reference. */
    reference: z.string().trim().max(60).optional(),
    amountPoisha: z.number().int().min(1).max(100_000_000_000),
    receivedOn: IsoDate.optional(),
    note: Note.optional(),
  })
  .refine((p) => p.method === "cash" || (p.reference !== undefined && p.reference !== ""), {
    path: ["reference"],
    message: "A transaction or cheque reference is required for this method|এই পদ্ধতিতে লেনদেন বা চেক নম্বর দিতে হবে",
  });
export type CreatePaymentRequest = z.infer<typeof CreatePaymentRequest>;

export const PaymentResponse = z.object({
  id: z.uuid(),
  number: z.string(),
  outletId: z.uuid(),
  outletName: z.string(),
  outletNameBn: z.string(),
  distributorId: z.uuid(),
  orderId: z.uuid().nullable(),
  method: z.enum(PAYMENT_METHODS),
  reference: z.string().nullable(),
  amountPoisha: Poisha,
  receivedOn: z.string(),
  receivedByName: z.string().nullable(),
  status: z.enum(["received", "bounced"]),
  note: z.string().nullable(),
  createdAt: z.string(),
});

export const PaymentListQuery = PageQuery.extend({
  outletId: z.uuid().optional(),
  distributorId: z.uuid().optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});

export type PaymentListQuery = z.infer<typeof PaymentListQuery>;

/** Dues split by how long they are overdue (past the due date), in poisha. */
export const Ageing = z.object({
  notDuePoisha: Poisha,
  days1to15Poisha: Poisha,
  days16to30Poisha: Poisha,
  days31to60Poisha: Poisha,
  over60Poisha: Poisha,
});
export type Ageing = z.infer<typeof Ageing>;

export const OutletDuesResponse = z.object({
  outletId: z.uuid(),
  balancePoisha: Poisha,
  creditLimitPoisha: Poisha.nullable(),
  /** Confirmed but not yet delivered: counts against the credit limit. */
  openOrdersPoisha: Poisha,
  availableCreditPoisha: Poisha.nullable(),
  ageing: Ageing,
  entries: z.array(
    z.object({
      id: z.uuid(),
      kind: z.string(),
      amountPoisha: Poisha,
      entryDate: z.string(),
      dueDate: z.string().nullable(),
      reference: z.string().nullable(),
      balancePoisha: Poisha,
    }),
  ),
});

export const DuesListQuery = PageQuery.extend({
  distributorId: z.uuid().optional(),
  territoryId: z.uuid().optional(),
  overdueOnly: z.stringbool().optional(),
  q: z.string().trim().max(120).optional(),
});

export type DuesListQuery = z.infer<typeof DuesListQuery>;

export const DuesRow = z.object({
  outletId: z.uuid(),
  outletCode: z.string(),
  outletName: z.string(),
  outletNameBn: z.string(),
  distributorId: z.uuid(),
  distributorName: z.string(),
  balancePoisha: Poisha,
  ageing: Ageing,
});

export const DuesSummaryResponse = z.object({
  totalPoisha: Poisha,
  ageing: Ageing,
  items: z.array(DuesRow),
  nextCursor: z.string().nullable(),
});
