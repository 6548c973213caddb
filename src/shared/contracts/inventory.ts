// Distributor stock (the ledger and its balances, batches, adjustments, counts) and primary orders.
import { z } from "zod";
import { IsoDate, PageQuery } from "./common.ts";
import { LineSchemeAdjustment, OrderLineInput } from "./orders.ts";

const Poisha = z.number().int();
const Reason = z.string().trim().min(1).max(300);

export const STOCK_MOVEMENT_KINDS = [
  "opening",
  "receipt",
  "reservation",
  "release",
  "issue",
  "return",
  "adjustment",
  "transfer_in",
  "transfer_out",
] as const;

export const StockListQuery = PageQuery.extend({
  distributorId: z.uuid(),
  q: z.string().trim().max(120).optional(),
  /** Only SKUs with nothing available. */
  outOfStock: z.stringbool().optional(),
});

export const StockRow = z.object({
  distributorId: z.uuid(),
  skuId: z.uuid(),
  skuCode: z.string(),
  skuName: z.string(),
  skuNameBn: z.string(),
  onHand: z.number().int(),
  reserved: z.number().int(),
  available: z.number().int(),
  damaged: z.number().int(),
  /** Earliest expiry among batches with stock. */
  nextExpiry: z.string().nullable(),
});
export type StockRow = z.infer<typeof StockRow>;

export const StockMovementQuery = PageQuery.extend({
  distributorId: z.uuid(),
  skuId: z.uuid().optional(),
  kind: z.enum(STOCK_MOVEMENT_KINDS).optional(),
});

export const StockMovementRow = z.object({
  id: z.uuid(),
  skuId: z.uuid(),
  skuCode: z.string(),
  batchNo: z.string().nullable(),
  kind: z.enum(STOCK_MOVEMENT_KINDS),
  onHandDelta: z.number().int(),
  reservedDelta: z.number().int(),
  damagedDelta: z.number().int(),
  reason: z.string().nullable(),
  refType: z.string().nullable(),
  refId: z.uuid().nullable(),
  refNumber: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});

export const StockBatchRow = z.object({
  batchId: z.uuid(),
  skuId: z.uuid(),
  batchNo: z.string(),
  expiryDate: z.string().nullable(),
  onHand: z.number().int(),
  damaged: z.number().int(),
});

export const StockAdjustmentRequest = z.strictObject({
  distributorId: z.uuid(),
  skuId: z.uuid(),
  /** The batch to adjust; new stock without one goes to the batch "UNBATCHED". */
  batchNo: z.string().trim().min(1).max(40).optional(),
  expiryDate: IsoDate.optional(),
  qtyDelta: z
    .number()
    .int()
    .min(-10_000_000)
    .max(10_000_000)
    .refine((n) => n !== 0, "Must not be zero|শূন্য হতে পারবে না"),
  reason: Reason,
});

export const StockCountRequest = z.strictObject({
  distributorId: z.uuid(),
  reason: Reason,
  lines: z
    .array(
      z.strictObject({
        skuId: z.uuid(),
        batchNo: z.string().trim().min(1).max(40).optional(),
        countedQty: z.number().int().min(0).max(10_000_000),
      }),
    )
    .min(1)
    .max(1000),
});

export const StockCountResponse = z.object({
  id: z.uuid(),
  distributorId: z.uuid(),
  reason: z.string(),
  createdAt: z.string(),
  lines: z.array(
    z.object({
      skuId: z.uuid(),
      batchNo: z.string().nullable(),
      systemQty: z.number().int(),
      countedQty: z.number().int(),
      differenceQty: z.number().int(),
    }),
  ),
});

// --- primary orders

export const PRIMARY_STATUSES = [
  "draft",
  "submitted",
  "approved",
  "rejected",
  "dispatched",
  "received",
  "cancelled",
] as const;
export const PRIMARY_ACTIONS = ["submit", "approve", "reject", "dispatch", "receive", "cancel"] as const;

export const CreatePrimaryOrderRequest = z.strictObject({
  id: z.uuid().optional(),
  distributorId: z.uuid(),
  note: z.string().trim().max(500).optional(),
  lines: z.array(OrderLineInput).min(1).max(300),
  submit: z.boolean().default(false),
});

export const PrimaryDecisionRequest = z.strictObject({ note: z.string().trim().max(500).optional() });

export const ReceivePrimaryOrderRequest = z.strictObject({
  lines: z
    .array(
      z.strictObject({
        lineNo: z.number().int().min(1),
        receipts: z
          .array(
            z.strictObject({
              batchNo: z.string().trim().min(1).max(40),
              expiryDate: IsoDate.optional(),
              qty: z.number().int().min(1).max(10_000_000),
            }),
          )
          .min(1)
          .max(20),
      }),
    )
    .min(1)
    .max(300),
});

export const PrimaryOrderListQuery = PageQuery.extend({
  distributorId: z.uuid().optional(),
  status: z.enum(PRIMARY_STATUSES).optional(),
});

export const PrimaryOrderResponse = z.object({
  id: z.uuid(),
  number: z.string(),
  distributorId: z.uuid(),
  distributorName: z.string(),
  distributorNameBn: z.string(),
  status: z.enum(PRIMARY_STATUSES),
  orderDate: z.string(),
  subtotalPoisha: Poisha,
  /** What the distributor-facing (primary) schemes took off, before VAT. */
  discountPoisha: Poisha,
  vatPoisha: Poisha,
  totalPoisha: Poisha,
  lineCount: z.number().int(),
  note: z.string().nullable(),
  decisionNote: z.string().nullable(),
  submittedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  dispatchedAt: z.string().nullable(),
  receivedAt: z.string().nullable(),
  createdAt: z.string(),
  actions: z.array(z.enum(PRIMARY_ACTIONS)),
  lines: z
    .array(
      z.object({
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
        receivedQty: z.number().int(),
        /** What each primary scheme gave on this line (a free-goods line: its whole value). */
        adjustments: z.array(LineSchemeAdjustment),
        /** Set on a free-goods line: the scheme that gave it. */
        freeOfSchemeId: z.uuid().nullable(),
      }),
    )
    .optional(),
});
