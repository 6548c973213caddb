// Primary orders: a distributor orders goods from the company at the distributor price; the company approves
// (or rejects) and dispatches; the distributor receives the goods into stock batch by batch, with expiry
// dates. A short shipment is received as it came; more than was ordered never is.
import type { z } from "zod";
import type {
  CreatePrimaryOrderRequest,
  PrimaryOrderListQuery,
  PrimaryOrderResponse,
  ReceivePrimaryOrderRequest,
} from "../../shared/contracts/inventory.ts";
import { businessDate } from "../../shared/format.ts";
import { newId } from "../../shared/ids.ts";
import { type LineInput, priceOrder } from "../../shared/pricing/order-pricing.ts";
import { MAX_LINE_QTY, toBaseQty } from "../../shared/pricing/pack-units.ts";
import { schemeEngine } from "../../shared/pricing/scheme-engine.ts";
import { loadSkusForOrder, resolvePrices } from "../catalog/catalog.service.ts";
import type { Executor } from "../db/transaction.ts";
import { withTransaction } from "../db/transaction.ts";
import { AccessErrors, can } from "../platform/access.ts";
import { recordAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import { decodeIdCursor, encodeCursor } from "../platform/pagination.ts";
import { lineAdjustments, memoLineRows } from "../promotions/memo-lines.ts";
import { freeGoodsSkuIds, primarySchemesFor } from "../promotions/promotions.service.ts";
import { InventoryErrors } from "./inventory.errors.ts";
import { findDistributorInScope } from "./inventory.repository.ts";
import {
  ACTION_WORDS,
  allowedActions,
  canTransition,
  type PrimaryAction,
  roleMay,
  STATUS_WORDS,
  TARGET,
} from "./primary-order-status.ts";
import { PrimaryOrderErrors } from "./primary-orders.errors.ts";
import * as repo from "./primary-orders.repository.ts";
import { receiveStock } from "./stock-ledger.ts";

type CreateInput = z.output<typeof CreatePrimaryOrderRequest>;
type ListInput = z.output<typeof PrimaryOrderListQuery>;
type ReceiveInput = z.output<typeof ReceivePrimaryOrderRequest>;
type PrimaryOrder = z.infer<typeof PrimaryOrderResponse>;
type PrimaryLine = NonNullable<PrimaryOrder["lines"]>[number];

const ORDER_REF = "primary_order";
const iso = (d: Date | null) => d?.toISOString() ?? null;

function summary(o: repo.PrimaryOrderRow, ctx: Ctx): PrimaryOrder {
  return {
    id: o.id,
    number: o.number,
    distributorId: o.distributor_id,
    distributorName: o.distributor_name,
    distributorNameBn: o.distributor_name_bn,
    status: o.status,
    orderDate: o.order_date,
    subtotalPoisha: o.subtotal_poisha,
    discountPoisha: o.discount_poisha,
    vatPoisha: o.vat_poisha,
    totalPoisha: o.total_poisha,
    lineCount: o.line_count,
    note: o.note,
    decisionNote: o.decision_note,
    submittedAt: iso(o.submitted_at),
    approvedAt: iso(o.approved_at),
    dispatchedAt: iso(o.dispatched_at),
    receivedAt: iso(o.received_at),
    createdAt: o.created_at.toISOString(),
    actions: allowedActions(ctx.actor.role, o.status),
  };
}

async function detail(db: Executor, ctx: Ctx, id: string): Promise<PrimaryOrder & { lines: PrimaryLine[] }> {
  const o = await repo.findOrder(db, ctx.actor.orgId, ctx.actor.scope, id);
  if (!o) throw PrimaryOrderErrors.notFound();
  const lines = await repo.findLines(db, ctx.actor.orgId, id);
  return {
    ...summary(o, ctx),
    lines: lines.map((l) => ({
      lineNo: l.line_no,
      skuId: l.sku_id,
      skuCode: l.sku_code,
      skuName: l.sku_name,
      skuNameBn: l.sku_name_bn,
      enteredQty: l.entered_qty,
      enteredUnit: l.entered_unit,
      qty: l.qty,
      unitPricePoisha: l.unit_price_poisha,
      grossPoisha: l.gross_poisha,
      discountPoisha: l.discount_poisha,
      vatRateBp: l.vat_rate_bp,
      vatPoisha: l.vat_poisha,
      totalPoisha: l.total_poisha,
      receivedQty: l.received_qty,
      adjustments: lineAdjustments(l.adjustments),
      freeOfSchemeId: l.free_of_scheme_id,
    })),
  };
}

/** The audit log keeps the order's state, not the names of what it refers to. */
const auditView = (o: PrimaryOrder & { lines: PrimaryLine[] }) => ({
  number: o.number,
  status: o.status,
  distributorId: o.distributorId,
  totalPoisha: o.totalPoisha,
  decisionNote: o.decisionNote,
  lines: o.lines.map((l) => ({ sku: l.skuCode, qty: l.qty, received: l.receivedQty })),
});

/**
 * Prices the order at the distributor price in force today for this distributor, VAT per SKU, with the
 * distributor-facing (primary) schemes in force that target it (the shared engine, as outlet memos are priced).
 * Free goods follow the entered lines, priced at the distributor price and totalling 0; the totals include the
 * discount.
 */
async function priceLines(
  tx: Executor,
  orgId: string,
  distributor: { id: string; territory_path: string },
  orderDate: string,
  input: CreateInput["lines"],
) {
  const inForce = await primarySchemesFor(
    tx,
    orgId,
    { id: distributor.id, territoryPath: distributor.territory_path },
    orderDate,
  );
  const skuIds = [...new Set([...input.map((l) => l.skuId), ...freeGoodsSkuIds(inForce.schemes)])];
  const [skus, prices] = await Promise.all([
    loadSkusForOrder(tx, orgId, skuIds),
    resolvePrices(tx, orgId, {
      skuIds,
      date: orderDate,
      channel: null,
      tier: null,
      territoryPath: distributor.territory_path,
      distributorId: distributor.id,
    }),
  ]);
  const inputs: (LineInput & { enteredQty: number; enteredUnit: string })[] = input.map((l, i) => {
    const line = i + 1;
    const sku = skus.get(l.skuId);
    if (!sku || sku.archived_at) throw PrimaryOrderErrors.skuUnknown({ line });
    const qty = toBaseQty(sku.units, l.unit, l.qty);
    if (qty === null) throw PrimaryOrderErrors.unitUnknown({ line, skuCode: sku.code, unit: l.unit });
    if (qty > MAX_LINE_QTY) throw PrimaryOrderErrors.tooLarge({ line });
    const price = prices.get(l.skuId);
    if (!price) throw PrimaryOrderErrors.noPrice({ line, skuCode: sku.code, date: orderDate });
    return {
      skuId: l.skuId,
      qty,
      unitPricePoisha: price.distributorPricePoisha,
      vatRateBp: price.vatRateBp,
      pricesIncludeVat: price.pricesIncludeVat,
      enteredQty: l.qty,
      enteredUnit: l.unit,
    };
  });
  // Free goods at the distributor price; an archived or unpriced SKU is not given (the engine reports it).
  const freeGoodsPrice = (skuId: string) => {
    const sku = skus.get(skuId);
    const price = prices.get(skuId);
    if (!sku || sku.archived_at || !price) return undefined;
    return {
      unitPricePoisha: price.distributorPricePoisha,
      vatRateBp: price.vatRateBp,
      pricesIncludeVat: price.pricesIncludeVat,
    };
  };
  const context = {
    facing: "primary" as const,
    distributorId: distributor.id,
    territoryPath: distributor.territory_path,
    orderDate,
    channel: "",
    outletClass: "",
    outletId: "",
  };
  let priced: ReturnType<typeof priceOrder>;
  try {
    priced = priceOrder(context, inputs, schemeEngine(inForce.schemes), freeGoodsPrice);
  } catch (e) {
    // A huge quantity at a huge price leaves the exact range of poisha: the caller's to fix, not a crash.
    if (e instanceof RangeError) throw PrimaryOrderErrors.tooLarge();
    throw e;
  }
  const rows: repo.PrimaryLineRow[] = memoLineRows(
    priced,
    inputs,
    inForce.codes,
    (skuId) => skus.get(skuId)?.units.find((u) => u.factor === 1)?.unit,
  );
  return { rows, totals: priced.totals };
}

export async function createPrimaryOrder(ctx: Ctx, input: CreateInput) {
  if (!can(ctx.actor, "primary.write")) throw AccessErrors.forbidden();
  if (input.submit && !roleMay(ctx.actor.role, "submit")) throw notAllowed("submit");
  const { orgId } = ctx.actor;
  return withTransaction(ctx.db, async (tx) => {
    const distributor = await findDistributorInScope(tx, orgId, ctx.actor.scope, input.distributorId);
    if (!distributor) throw InventoryErrors.distributorNotFound();
    if (distributor.archived_at) throw PrimaryOrderErrors.distributorArchived();
    const orderDate = businessDate();
    const { rows: lines, totals } = await priceLines(tx, orgId, distributor, orderDate, input.lines);
    if (!Object.values(totals).every(Number.isSafeInteger)) throw PrimaryOrderErrors.tooLarge();
    const id = input.id ?? newId();
    const inserted = await repo.insertOrder(tx, {
      org_id: orgId,
      id,
      // A placeholder until the number is taken, last, just before commit.
      number: id,
      distributor_id: distributor.id,
      status: input.submit ? "submitted" : "draft",
      order_date: orderDate,
      subtotal_poisha: totals.subtotalPoisha,
      discount_poisha: totals.discountPoisha,
      vat_poisha: totals.vatPoisha,
      total_poisha: totals.totalPoisha,
      line_count: lines.length,
      note: input.note ?? null,
      created_by: ctx.actor.userId,
      submitted_at: input.submit ? new Date() : null,
    });
    if (!inserted) throw PrimaryOrderErrors.idTaken();
    await repo.insertLines(tx, orgId, id, lines);
    await repo.assignNumber(tx, orgId, id);
    const created = await detail(tx, ctx, id);
    await recordAudit(tx, ctx, { entity: "primary_order", entityId: id, action: "create", after: auditView(created) });
    return created;
  });
}

export async function getPrimaryOrder(ctx: Ctx, id: string) {
  if (!can(ctx.actor, "primary.read")) throw AccessErrors.forbidden();
  return detail(ctx.db, ctx, id);
}

export async function listPrimaryOrders(ctx: Ctx, query: ListInput) {
  if (!can(ctx.actor, "primary.read")) throw AccessErrors.forbidden();
  const rows = await repo.listOrders(ctx.db, ctx.actor.orgId, ctx.actor.scope, {
    distributorId: query.distributorId,
    status: query.status,
    beforeId: query.cursor ? decodeIdCursor(query.cursor) : undefined,
    limit: query.limit,
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((o) => summary(o, ctx)),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.id]) : null,
  };
}

const notAllowed = (action: PrimaryAction) => PrimaryOrderErrors.notAllowed({ ...ACTION_WORDS[action] });

/** Locks the order and checks that this caller may take this action in its current status. */
async function beginTransition(tx: Executor, ctx: Ctx, id: string, action: PrimaryAction) {
  const order = await repo.findOrder(tx, ctx.actor.orgId, ctx.actor.scope, id, true);
  if (!order) throw PrimaryOrderErrors.notFound();
  if (!roleMay(ctx.actor.role, action)) throw notAllowed(action);
  if (!canTransition(order.status, action))
    throw PrimaryOrderErrors.illegalTransition({
      status: STATUS_WORDS[order.status].en,
      statusBn: STATUS_WORDS[order.status].bn,
      currentStatus: order.status,
      ...ACTION_WORDS[action],
    });
  return { order, before: await detail(tx, ctx, id) };
}

async function finishTransition(
  tx: Executor,
  ctx: Ctx,
  id: string,
  action: PrimaryAction,
  before: PrimaryOrder & { lines: PrimaryLine[] },
) {
  const after = await detail(tx, ctx, id);
  await recordAudit(tx, ctx, {
    entity: "primary_order",
    entityId: id,
    action,
    before: auditView(before),
    after: auditView(after),
  });
  return after;
}

/** Submit, approve, reject, dispatch or cancel: a change of status with its time and an optional note. */
export function transitionPrimaryOrder(
  ctx: Ctx,
  id: string,
  action: Exclude<PrimaryAction, "receive">,
  note?: string | undefined,
) {
  return withTransaction(ctx.db, async (tx) => {
    const { before } = await beginTransition(tx, ctx, id, action);
    const now = new Date();
    await repo.updateOrder(tx, ctx.actor.orgId, id, {
      status: TARGET[action],
      ...(action === "submit" && { submitted_at: now }),
      ...(action === "approve" && { approved_at: now, approved_by: ctx.actor.userId }),
      ...(action === "dispatch" && { dispatched_at: now }),
      ...((action === "approve" || action === "reject" || action === "cancel") &&
        note !== undefined && { decision_note: note }),
      ...(action === "submit" && note !== undefined && { note }),
    });
    return finishTransition(tx, ctx, id, action, before);
  });
}

/** Receives a dispatched order into the distributor's stock, per line in one or more batches. */
export function receivePrimaryOrder(ctx: Ctx, id: string, input: ReceiveInput) {
  return withTransaction(ctx.db, async (tx) => {
    const { order, before } = await beginTransition(tx, ctx, id, "receive");
    const byLine = new Map(before.lines.map((l) => [l.lineNo, l]));
    const received = new Map<number, number>();
    const receipts: { skuId: string; batchNo: string; expiryDate: string | null; qty: number }[] = [];
    for (const l of input.lines) {
      const line = byLine.get(l.lineNo);
      if (!line) throw PrimaryOrderErrors.lineUnknown({ line: l.lineNo });
      for (const r of l.receipts) {
        received.set(l.lineNo, (received.get(l.lineNo) ?? 0) + r.qty);
        receipts.push({ skuId: line.skuId, batchNo: r.batchNo, expiryDate: r.expiryDate ?? null, qty: r.qty });
      }
    }
    for (const [lineNo, qty] of received) {
      const line = byLine.get(lineNo) as PrimaryLine;
      if (qty > line.qty) throw PrimaryOrderErrors.receiveTooMuch({ line: lineNo, received: qty, ordered: line.qty });
    }
    await receiveStock(tx, ctx.actor.orgId, order.distributor_id, receipts, "receipt", {
      refType: ORDER_REF,
      refId: id,
      createdBy: ctx.actor.userId,
    });
    await repo.setReceivedQuantities(
      tx,
      ctx.actor.orgId,
      id,
      [...received].map(([lineNo, receivedQty]) => ({ lineNo, receivedQty })),
    );
    await repo.updateOrder(tx, ctx.actor.orgId, id, { status: "received", received_at: new Date() });
    return finishTransition(tx, ctx, id, "receive", before);
  });
}
