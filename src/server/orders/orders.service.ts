// Secondary orders (memos): taking an order for an outlet from its distributor, and its life through
// confirmation (stock reserved), invoice, dispatch, delivery (stock issued first-expiry-first, the outlet's
// dues raised), cancellation (reservations released) and returns (stock and dues given back).
import type {
  BulkOrderActionRequest,
  CreateSecondaryOrderRequest,
  SecondaryAction,
  SecondaryOrderListQuery,
  SecondaryOrderResponse,
  SecondaryOrderSummary,
  UpdateSecondaryOrderRequest,
} from "../../shared/contracts/orders.ts";
import { addDays, businessDate } from "../../shared/format.ts";
import { newId } from "../../shared/ids.ts";
import { type LineInput, priceLine, priceOrder } from "../../shared/pricing/order-pricing.ts";
import { fitsSellBy, MAX_LINE_QTY, toBaseQty } from "../../shared/pricing/pack-units.ts";
import { explainSchemes, schemeEngine } from "../../shared/pricing/scheme-engine.ts";
import type { Role } from "../../shared/roles.ts";
import { queueSalesChange } from "../analytics/sales-rollups.service.ts";
import { loadSkusForOrder, resolvePrices } from "../catalog/catalog.service.ts";
import type { Executor } from "../db/transaction.ts";
import { withTransaction } from "../db/transaction.ts";
import { issueStock, releaseStock, reserveStock, returnStock } from "../inventory/stock-ledger.ts";
import {
  assignmentOn,
  getOutletForOrder,
  lockOutletCredit,
  outletVisible,
  repOnRoute,
} from "../network/outlets.service.ts";
import { AccessErrors, type Actor, can } from "../platform/access.ts";
import { recordAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import { writeCsv } from "../platform/csv.ts";
import { AppError, localizedMessage } from "../platform/errors.ts";
import { decodeIdCursor, encodeCursor } from "../platform/pagination.ts";
import { findTerritory } from "../platform/territories/territories.repository.ts";
import { lineAdjustments, memoLineRows } from "../promotions/memo-lines.ts";
import {
  cappedInForce,
  freeGoodsSkuIds,
  type SchemesInForce,
  schemesInForce,
} from "../promotions/promotions.service.ts";
import {
  chargeBudgetsNow,
  recordGrants,
  releaseOrderGrants,
  reserveSchemeCosts,
  type SchemeCost,
} from "../promotions/scheme-budget.ts";
import { publishOrderEvent } from "../webhooks/webhooks.service.ts";
import { allowedActions, canReturnUndelivered, canTransition, roleMay, UNDELIVERED_ROLES } from "./order-status.ts";
import { OrderErrors } from "./orders.errors.ts";
import * as repo from "./orders.repository.ts";

const ORDER_REF = "secondary_order";
type OutletForOrder = NonNullable<Awaited<ReturnType<typeof getOutletForOrder>>>;
const today = () => businessDate();

function sourceOf(actor: Actor): "rep" | "portal" | "retailer" | "api" | "admin" {
  if (actor.via === "token") return "api";
  if (actor.role === "rep") return "rep";
  if (actor.role === "distributor") return "portal";
  if (actor.role === "retailer") return "retailer";
  return "admin";
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

function summary(o: repo.OrderRow, role: Role): SecondaryOrderSummary {
  return {
    id: o.id,
    number: o.number,
    status: o.status,
    source: o.source,
    outletId: o.outlet_id,
    outletCode: o.outlet_code,
    outletName: o.outlet_name,
    outletNameBn: o.outlet_name_bn,
    distributorId: o.distributor_id,
    distributorName: o.distributor_name,
    distributorNameBn: o.distributor_name_bn,
    routeId: o.route_id,
    repUserId: o.rep_user_id,
    repName: o.rep_name,
    orderDate: o.order_date,
    requestedDeliveryDate: o.requested_delivery_date,
    lineCount: o.line_count,
    subtotalPoisha: o.subtotal_poisha,
    discountPoisha: o.discount_poisha,
    vatPoisha: o.vat_poisha,
    totalPoisha: o.total_poisha,
    deliveredTotalPoisha: o.delivered_total_poisha,
    returnedTotalPoisha: o.returned_total_poisha,
    invoiceNumber: o.invoice_number,
    note: o.note,
    cancelReason: o.cancel_reason,
    confirmedAt: iso(o.confirmed_at),
    invoicedAt: iso(o.invoiced_at),
    dispatchedAt: iso(o.dispatched_at),
    deliveredAt: iso(o.delivered_at),
    cancelledAt: iso(o.cancelled_at),
    createdAt: o.created_at.toISOString(),
    actions: allowedActions(role, o.status),
  };
}

async function detail(db: Executor, ctx: Ctx, id: string): Promise<SecondaryOrderResponse> {
  const o = await repo.findOrder(db, ctx.actor.orgId, ctx.actor.scope, id);
  if (!o) throw OrderErrors.notFound();
  const [lines, events] = await Promise.all([
    repo.findLines(db, ctx.actor.orgId, id),
    repo.findEvents(db, ctx.actor.orgId, id),
  ]);
  return {
    ...summary(o, ctx.actor.role),
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
      deliveredQty: l.delivered_qty,
      returnedQty: l.returned_qty,
      adjustments: lineAdjustments(l.adjustments),
      freeOfSchemeId: l.free_of_scheme_id,
    })),
    events: events.map((e) => ({
      fromStatus: e.from_status,
      toStatus: e.to_status,
      actorName: e.actor_name,
      note: e.note,
      at: e.at.toISOString(),
    })),
  };
}

/** The audit log keeps the order's state, not its names (those live on their own records). */
const auditView = (o: SecondaryOrderResponse) => ({
  number: o.number,
  status: o.status,
  outletId: o.outletId,
  distributorId: o.distributorId,
  totalPoisha: o.totalPoisha,
  deliveredTotalPoisha: o.deliveredTotalPoisha,
  returnedTotalPoisha: o.returnedTotalPoisha,
  invoiceNumber: o.invoiceNumber,
  lines: o.lines.map((l) => ({ sku: l.skuCode, qty: l.qty, delivered: l.deliveredQty, returned: l.returnedQty })),
});

// --- pricing a memo

interface PricingTarget {
  outlet: OutletForOrder;
  distributorId: string;
  territoryPath: string;
  orderDate: string;
}

/** What pricing a memo needs: the schemes in force, the SKUs and prices (free goods' too), the lines in base units. */
async function pricingInputs(
  tx: Executor,
  orgId: string,
  target: PricingTarget,
  input: CreateSecondaryOrderRequest["lines"],
  opts: { caps: boolean } = { caps: true },
) {
  const inForce = await schemesInForce(tx, orgId, { facing: "secondary", date: target.orderDate });
  const skuIds = [...new Set([...input.map((l) => l.skuId), ...freeGoodsSkuIds(inForce.schemes)])];
  const [skus, prices, capped] = await Promise.all([
    loadSkusForOrder(tx, orgId, skuIds),
    resolvePrices(tx, orgId, {
      skuIds,
      date: target.orderDate,
      channel: target.outlet.channel,
      tier: target.outlet.class,
      territoryPath: target.territoryPath,
      distributorId: target.distributorId,
    }),
    // A confirmation skips the look-up: its reservation decides, and prices again without a capped-out scheme.
    opts.caps ? cappedInForce(tx, orgId, target.outlet.id, inForce) : new Set<string>(),
  ]);
  const skuById = skus;
  const inputs: (LineInput & { enteredQty: number; enteredUnit: string })[] = input.map((l, i) => {
    const line = i + 1;
    const sku = skuById.get(l.skuId);
    if (!sku || sku.archived_at) throw OrderErrors.skuUnknown({ line });
    const qty = toBaseQty(sku.units, l.unit, l.qty);
    if (qty === null) throw OrderErrors.unitUnknown({ line, skuCode: sku.code, unit: l.unit });
    if (qty > MAX_LINE_QTY) throw OrderErrors.tooLarge({ line });
    if (!fitsSellBy(sku.units, sku.sell_by_unit, qty))
      throw OrderErrors.sellByUnit({ line, skuCode: sku.code, unit: sku.sell_by_unit });
    const price = prices.get(l.skuId);
    if (!price) throw OrderErrors.noPrice({ line, skuCode: sku.code, date: target.orderDate });
    return {
      skuId: l.skuId,
      qty,
      unitPricePoisha: price.retailerPricePoisha,
      vatRateBp: price.vatRateBp,
      pricesIncludeVat: price.pricesIncludeVat,
      enteredQty: l.qty,
      enteredUnit: l.unit,
    };
  });
  // Free goods are priced like entered lines; an archived or unpriced SKU is not given (the engine reports it).
  const freeGoodsPrice = (skuId: string) => {
    const sku = skuById.get(skuId);
    const price = prices.get(skuId);
    if (!sku || sku.archived_at || !price) return undefined;
    return {
      unitPricePoisha: price.retailerPricePoisha,
      vatRateBp: price.vatRateBp,
      pricesIncludeVat: price.pricesIncludeVat,
    };
  };
  const context = {
    outletId: target.outlet.id,
    distributorId: target.distributorId,
    orderDate: target.orderDate,
    channel: target.outlet.channel,
    outletClass: target.outlet.class,
    territoryPath: target.territoryPath,
    facing: "secondary" as const,
  };
  return { inForce, skuById, inputs, freeGoodsPrice, context, capped };
}

/**
 * A memo priced with the schemes in force on its date. A draft reserves nothing; a confirmation prices through
 * priceForConfirmation, which passes the schemes found not to fit so far.
 */
async function priceLines(
  tx: Executor,
  orgId: string,
  target: PricingTarget,
  input: CreateSecondaryOrderRequest["lines"],
  /** Given on confirmation: the schemes found not to fit so far. */
  skip?: SchemeSkips,
): Promise<PricedMemo> {
  const { inForce, skuById, inputs, freeGoodsPrice, context, capped } = await pricingInputs(tx, orgId, target, input, {
    caps: skip === undefined,
  });
  const exhausted = new Set([...inForce.exhausted, ...(skip?.exhausted ?? [])]);
  const outletCapped = new Set([...capped, ...(skip?.outletCapped ?? [])]);
  {
    const engine = schemeEngine(inForce.schemes, { exhausted, outletCapped });
    const priced = withinPoisha(() => priceOrder(context, inputs, engine, freeGoodsPrice));
    const grants = priced.applied.map((a) => ({
      schemeId: a.schemeId,
      discountPoisha: a.discountPoisha,
      freeValuePoisha: priced.free.filter((l) => l.schemeId === a.schemeId).reduce((s, l) => s + l.grossPoisha, 0),
    }));
    const rows = memoLineRows(
      priced,
      inputs,
      inForce.codes,
      (skuId) => skuById.get(skuId)?.units.find((u) => u.factor === 1)?.unit,
    );
    if (!Object.values(totalsOf(rows)).every(Number.isSafeInteger)) throw OrderErrors.tooLarge();
    return { lines: rows, grants, limits: inForce.limits };
  }
}

/** Schemes a confirmation found no longer fitting (budget used up, the outlet's cap reached): priced out next pass. */
interface SchemeSkips {
  exhausted: Set<string>;
  outletCapped: Set<string>;
}
const noSkips = (): SchemeSkips => ({ exhausted: new Set(), outletCapped: new Set() });

interface PricedMemo {
  lines: repo.LineRow[];
  grants: SchemeCost[];
  limits: SchemesInForce["limits"];
  /** A budget it draws on is near its end: charge it before commit (scheme-budget.ts). */
  chargeNow?: boolean;
}

/**
 * A memo priced for confirmation: what its schemes give is checked against their budgets and reserved against the
 * outlet's caps before anything of the order is written (the budgets themselves are charged by the commit:
 * promotions/scheme-budget.ts). A scheme that no longer fits is taken out and the memo priced again; each pass drops
 * one scheme for good, so it ends within as many passes as there are schemes.
 */
async function priceForConfirmation(
  tx: Executor,
  orgId: string,
  target: PricingTarget,
  input: CreateSecondaryOrderRequest["lines"],
): Promise<PricedMemo> {
  const skip = noSkips();
  for (;;) {
    const priced = await priceLines(tx, orgId, target, input, skip);
    const reserved = await reserveSchemeCosts(tx, orgId, target.outlet.id, priced.grants, priced.limits);
    if (reserved.ok) return { ...priced, chargeNow: reserved.chargeNow };
    (reserved.limit === "budget" ? skip.exhausted : skip.outletCapped).add(reserved.schemeId);
  }
}

/** A huge quantity at a huge price leaves the exact range of poisha: the caller's to fix, not a crash. */
function withinPoisha<T>(price: () => T): T {
  try {
    return price();
  } catch (e) {
    if (e instanceof RangeError) throw OrderErrors.tooLarge();
    throw e;
  }
}

const totalsOf = (lines: readonly repo.LineRow[]) => ({
  subtotal_poisha: lines.reduce((s, l) => s + l.gross_poisha, 0),
  discount_poisha: lines.reduce((s, l) => s + l.discount_poisha, 0),
  vat_poisha: lines.reduce((s, l) => s + l.vat_poisha, 0),
  total_poisha: lines.reduce((s, l) => s + l.total_poisha, 0),
  line_count: lines.length,
});

/** Dues plus open orders plus this order must stay within the outlet's limit (no limit: no check). */
async function checkCredit(tx: Executor, orgId: string, outlet: OutletForOrder, orderId: string, total: number) {
  if (outlet.credit_limit_poisha === null) return;
  await lockOutletCredit(tx, orgId, outlet.id);
  const { balance, open } = await repo.outletExposure(tx, orgId, outlet.id, orderId);
  if (balance + open + total > outlet.credit_limit_poisha)
    throw OrderErrors.creditLimit({ exposure: balance + open, order: total, limit: outlet.credit_limit_poisha });
}

/** The outlet if the caller's scope covers it; otherwise it does not exist for them. */
export async function outletForCaller(tx: Executor, ctx: Ctx, outletId: string) {
  const outlet = await getOutletForOrder(tx, ctx.actor.orgId, outletId);
  if (!outlet || !outletVisible(ctx, outlet)) throw OrderErrors.outletNotFound();
  return outlet;
}

/** The assignment in force on the order date decides who is credited, so later moves never rewrite history. */
async function assignmentFor(tx: Executor, ctx: Ctx, outlet: OutletForOrder, orderDate: string) {
  const { orgId } = ctx.actor;
  const assigned = (await assignmentOn(tx, orgId, outlet.id, orderDate)) ?? {
    distributorId: outlet.distributor_id,
    routeId: outlet.route_id,
  };
  const { distributorId, routeId } = assigned;
  if (!distributorId) throw OrderErrors.noDistributor({ date: orderDate });
  if (ctx.actor.scope.kind === "distributor" && ctx.actor.scope.distributorId !== distributorId)
    throw OrderErrors.outletNotFound();
  const distributor = await repo.findDistributorPaths(tx, orgId, distributorId);
  if (!distributor || distributor.archived_at) throw OrderErrors.noDistributor({ date: orderDate });
  const routePath =
    routeId === outlet.route_id
      ? outlet.route_path
      : routeId
        ? ((await findTerritory(tx, orgId, routeId))?.path ?? null)
        : null;
  return { distributorId, routeId, territoryPath: routePath ?? distributor.path };
}

// --- "why did this scheme (not) apply?" (the promotions module words the answer)

/** Every scheme in force on the date, run over these lines as a memo for the outlet would be. */
export async function explainOrderLines(
  ctx: Ctx,
  input: { outletId: string; orderDate?: string | undefined; lines: CreateSecondaryOrderRequest["lines"] },
) {
  if (!can(ctx.actor, "promotions.read")) throw AccessErrors.forbidden();
  const orderDate = input.orderDate ?? today();
  const tx = ctx.db;
  const outlet = await outletForCaller(tx, ctx, input.outletId);
  const { distributorId, territoryPath } = await assignmentFor(tx, ctx, outlet, orderDate);
  return explainFor(tx, ctx.actor.orgId, { outlet, distributorId, territoryPath, orderDate }, input.lines);
}

/** The same for an order as it stands (its entered lines; free lines are the schemes' own output). */
export async function explainOrder(ctx: Ctx, id: string) {
  if (!can(ctx.actor, "promotions.read")) throw AccessErrors.forbidden();
  const order = await repo.findOrder(ctx.db, ctx.actor.orgId, ctx.actor.scope, id);
  if (!order) throw OrderErrors.notFound();
  const outlet = await outletForCaller(ctx.db, ctx, order.outlet_id);
  const lines = (await repo.findLines(ctx.db, ctx.actor.orgId, id))
    .filter((l) => l.free_of_scheme_id === null)
    .map((l) => ({ skuId: l.sku_id, qty: l.entered_qty, unit: l.entered_unit }));
  const target = {
    outlet,
    distributorId: order.distributor_id,
    territoryPath: order.territory_path,
    orderDate: order.order_date,
  };
  return {
    order: { id: order.id, status: order.status },
    ...(await explainFor(ctx.db, ctx.actor.orgId, target, lines)),
  };
}

async function explainFor(
  tx: Executor,
  orgId: string,
  target: PricingTarget,
  lines: CreateSecondaryOrderRequest["lines"],
) {
  const { inForce, skuById, inputs, context, capped } = await pricingInputs(tx, orgId, target, lines);
  const explained = explainSchemes(inForce.schemes, context, inputs, {
    exhausted: inForce.exhausted,
    outletCapped: capped,
  });
  return {
    orderDate: target.orderDate,
    schemes: inForce.schemes,
    explained,
    skuNames: new Map([...skuById].map(([id, s]) => [id, { en: s.name, bn: s.name_bn }])),
  };
}

// --- use cases

export async function createSecondaryOrder(ctx: Ctx, input: CreateSecondaryOrderRequest) {
  if (!can(ctx.actor, "orders.write")) throw AccessErrors.forbidden();
  if (input.confirm && !roleMay(ctx.actor.role, "confirm")) throw OrderErrors.notAllowed({ action: "confirm" });
  const { orgId } = ctx.actor;
  const orderDate = input.orderDate ?? today();
  return withTransaction(ctx.db, async (tx) => {
    const outlet = await outletForCaller(tx, ctx, input.outletId);
    if (outlet.status !== "active") throw OrderErrors.outletInactive();
    const { distributorId, routeId, territoryPath } = await assignmentFor(tx, ctx, outlet, orderDate);
    const rep =
      ctx.actor.role === "rep" ? ctx.actor.userId : routeId ? await repOnRoute(tx, orgId, routeId, orderDate) : null;

    const target = { outlet, distributorId, territoryPath, orderDate };
    const id = input.id ?? newId();
    const { lines, grants, limits, chargeNow } = input.confirm
      ? await priceForConfirmation(tx, orgId, target, input.lines)
      : await priceLines(tx, orgId, target, input.lines);
    const totals = totalsOf(lines);
    if (input.confirm) await checkCredit(tx, orgId, outlet, id, totals.total_poisha);
    const now = new Date();
    const inserted = await repo.insertOrder(tx, {
      org_id: orgId,
      id,
      number: await repo.nextOrderNumber(tx, orgId),
      outlet_id: outlet.id,
      distributor_id: distributorId,
      route_id: routeId,
      territory_path: territoryPath,
      rep_user_id: rep,
      created_by: ctx.actor.userId,
      source: sourceOf(ctx.actor),
      status: input.confirm ? "confirmed" : "draft",
      order_date: orderDate,
      requested_delivery_date: input.requestedDeliveryDate ?? null,
      price_list_id: null,
      note: input.note ?? null,
      confirmed_at: input.confirm ? now : null,
      ...totals,
    });
    if (!inserted) throw OrderErrors.idTaken();
    await repo.replaceLines(tx, orgId, id, lines);
    await repo.insertEvent(tx, {
      orgId,
      orderId: id,
      from: null,
      to: input.confirm ? "confirmed" : "draft",
      actorUserId: ctx.actor.userId,
    });
    const created = await detail(tx, ctx, id);
    await recordAudit(tx, ctx, {
      entity: "secondary_order",
      entityId: id,
      action: "create",
      after: auditView(created),
    });
    if (!input.confirm) return created;
    await publishOrderEvent(tx, orgId, "order.confirmed", created);
    await queueSalesChange(tx, orgId, id, "confirmed");
    await recordGrants(tx, orgId, { orderId: id, outletId: outlet.id, distributorId, orderDate }, grants, limits);
    // Last: the distributor's stock rows (the hottest an order locks) stay locked until commit; then, near a
    // budget's end, the budget's row.
    await reserveStock(
      tx,
      orgId,
      distributorId,
      lines.map((l) => ({ skuId: l.sku_id, qty: l.qty })),
      { refType: ORDER_REF, refId: id, createdBy: ctx.actor.userId },
    );
    if (chargeNow) await chargeBudgetsNow(tx);
    return created;
  });
}

export async function updateDraft(ctx: Ctx, id: string, input: UpdateSecondaryOrderRequest) {
  if (!can(ctx.actor, "orders.write")) throw AccessErrors.forbidden();
  const { orgId } = ctx.actor;
  return withTransaction(ctx.db, async (tx) => {
    const order = await repo.findOrder(tx, orgId, ctx.actor.scope, id, true);
    if (!order) throw OrderErrors.notFound();
    if (order.status !== "draft") throw OrderErrors.notDraft();
    const before = await detail(tx, ctx, id);
    if (input.lines) {
      const outlet = await outletForCaller(tx, ctx, order.outlet_id);
      const { lines } = await priceLines(
        tx,
        orgId,
        {
          outlet,
          distributorId: order.distributor_id,
          territoryPath: order.territory_path,
          orderDate: order.order_date,
        },
        input.lines,
      );
      await repo.replaceLines(tx, orgId, id, lines);
      await repo.updateOrder(tx, orgId, id, totalsOf(lines));
    }
    await repo.updateOrder(tx, orgId, id, {
      ...(input.note !== undefined && { note: input.note }),
      ...(input.requestedDeliveryDate !== undefined && { requested_delivery_date: input.requestedDeliveryDate }),
    });
    const after = await detail(tx, ctx, id);
    await recordAudit(tx, ctx, {
      entity: "secondary_order",
      entityId: id,
      action: "update",
      before: auditView(before),
      after: auditView(after),
    });
    return after;
  });
}

export async function getSecondaryOrder(ctx: Ctx, id: string) {
  if (!can(ctx.actor, "orders.read")) throw AccessErrors.forbidden();
  return detail(ctx.db, ctx, id);
}

export async function listSecondaryOrders(ctx: Ctx, query: SecondaryOrderListQuery) {
  if (!can(ctx.actor, "orders.read")) throw AccessErrors.forbidden();
  const { orgId } = ctx.actor;
  let territoryPath: string | undefined;
  if (query.territoryId) {
    const t = await findTerritory(ctx.db, orgId, query.territoryId);
    // An unknown territory filters to nothing rather than to everything.
    territoryPath = t?.path ?? "/none/";
  }
  const rows = await repo.listOrders(ctx.db, orgId, ctx.actor.scope, {
    status: query.status,
    statuses: query.queue === "open" ? ["confirmed", "invoiced", "dispatched"] : undefined,
    outletId: query.outletId,
    distributorId: query.distributorId,
    territoryPath,
    from: query.from,
    to: query.to,
    q: query.q,
    beforeId: query.cursor ? decodeIdCursor(query.cursor) : undefined,
    limit: query.limit,
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((o) => summary(o, ctx.actor.role)),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.id]) : null,
  };
}

const taka = (poisha: number) => (poisha / 100).toFixed(2);

/** The orders the list's filters select, as CSV (up to 100,000 rows, newest first). */
export async function exportSecondaryOrdersCsv(ctx: Ctx, query: SecondaryOrderListQuery) {
  const rows: (string | number | null)[][] = [];
  let cursor: string | undefined;
  do {
    const page = await listSecondaryOrders(ctx, { ...query, cursor, limit: 200 });
    for (const o of page.items)
      rows.push([
        o.number,
        o.orderDate,
        o.status,
        o.outletCode,
        o.outletName,
        o.outletNameBn,
        o.distributorName,
        o.repName,
        o.lineCount,
        taka(o.subtotalPoisha),
        taka(o.discountPoisha),
        taka(o.vatPoisha),
        taka(o.totalPoisha),
        taka(o.deliveredTotalPoisha),
        o.invoiceNumber,
      ]);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && rows.length < 100_000);
  return writeCsv(
    [
      "number",
      "order_date",
      "status",
      "outlet_code",
      "outlet_name",
      "outlet_name_bn",
      "distributor",
      "rep",
      "lines",
      "subtotal_taka",
      "discount_taka",
      "vat_taka",
      "total_taka",
      "delivered_taka",
      "invoice_number",
    ],
    rows,
  );
}

/** Locks the order and checks that this caller may take this action now. */
async function beginTransition(tx: Executor, ctx: Ctx, id: string, action: SecondaryAction) {
  if (!roleMay(ctx.actor.role, action)) throw OrderErrors.notAllowed({ action });
  const order = await repo.findOrder(tx, ctx.actor.orgId, ctx.actor.scope, id, true);
  if (!order) throw OrderErrors.notFound();
  if (!canTransition(order.status, action) || !allowedActions(ctx.actor.role, order.status).includes(action))
    throw OrderErrors.illegalTransition({ status: order.status, action });
  return { order, before: await detail(tx, ctx, id) };
}

async function finishTransition(
  tx: Executor,
  ctx: Ctx,
  id: string,
  from: string,
  to: string,
  before: SecondaryOrderResponse,
  action: string,
  note?: string | null,
) {
  await repo.insertEvent(tx, { orgId: ctx.actor.orgId, orderId: id, from, to, actorUserId: ctx.actor.userId, note });
  const after = await detail(tx, ctx, id);
  await recordAudit(tx, ctx, {
    entity: "secondary_order",
    entityId: id,
    action,
    before: auditView(before),
    after: auditView(after),
  });
  return after;
}

const stockRef = (ctx: Ctx, id: string, reason?: string) => ({
  refType: ORDER_REF,
  refId: id,
  createdBy: ctx.actor.userId,
  reason: reason ?? null,
});

export function confirmOrder(ctx: Ctx, id: string) {
  return withTransaction(ctx.db, async (tx) => {
    const { order, before } = await beginTransition(tx, ctx, id, "confirm");
    const { orgId } = ctx.actor;
    const outlet = await outletForCaller(tx, ctx, order.outlet_id);
    const target = {
      outlet,
      distributorId: order.distributor_id,
      territoryPath: order.territory_path,
      orderDate: order.order_date,
    };
    // The draft is priced again with the schemes in force now, and what they give is reserved against their budgets.
    const entered = before.lines
      .filter((l) => l.freeOfSchemeId === null)
      .map((l) => ({ skuId: l.skuId, qty: l.enteredQty, unit: l.enteredUnit }));
    const { lines, grants, limits, chargeNow } = await priceForConfirmation(tx, orgId, target, entered);
    const totals = totalsOf(lines);
    await repo.replaceLines(tx, orgId, id, lines);
    await repo.updateOrder(tx, orgId, id, { ...totals, status: "confirmed", confirmed_at: new Date() });
    await checkCredit(tx, orgId, outlet, id, totals.total_poisha);
    await queueSalesChange(tx, orgId, id, "confirmed");
    const after = await finishTransition(tx, ctx, id, order.status, "confirmed", before, "confirm");
    const published = await publishOrderEvent(tx, orgId, "order.confirmed", after);
    await recordGrants(
      tx,
      orgId,
      { orderId: id, outletId: order.outlet_id, distributorId: order.distributor_id, orderDate: order.order_date },
      grants,
      limits,
    );
    // Last: the distributor's stock rows (the hottest an order locks) stay locked until commit; then, near a
    // budget's end, the budget's row.
    await reserveStock(
      tx,
      orgId,
      order.distributor_id,
      lines.map((l) => ({ skuId: l.sku_id, qty: l.qty })),
      stockRef(ctx, id),
    );
    if (chargeNow) await chargeBudgetsNow(tx);
    return published;
  });
}

export function invoiceOrder(ctx: Ctx, id: string) {
  return withTransaction(ctx.db, async (tx) => {
    const { order, before } = await beginTransition(tx, ctx, id, "invoice");
    const invoiceNumber = await repo.nextInvoiceNumber(tx, ctx.actor.orgId, order.distributor_id);
    await repo.updateOrder(tx, ctx.actor.orgId, id, {
      status: "invoiced",
      invoiced_at: new Date(),
      invoice_number: invoiceNumber,
    });
    return finishTransition(tx, ctx, id, order.status, "invoiced", before, "invoice");
  });
}

export function dispatchOrder(ctx: Ctx, id: string) {
  return withTransaction(ctx.db, async (tx) => {
    const { order, before } = await beginTransition(tx, ctx, id, "dispatch");
    await repo.updateOrder(tx, ctx.actor.orgId, id, { status: "dispatched", dispatched_at: new Date() });
    return finishTransition(tx, ctx, id, order.status, "dispatched", before, "dispatch");
  });
}

/**
 * A delivery attempt failed: the dispatched memo goes back to invoiced (reservation kept) with an event saying why,
 * so it can be put on another trip or cancelled. Runs inside the caller's transaction when given one.
 */
export function returnUndelivered(ctx: Ctx, id: string, note: string) {
  return withTransaction(ctx.db, async (tx) => {
    if (!UNDELIVERED_ROLES.includes(ctx.actor.role)) throw OrderErrors.notAllowed({ action: "deliver" });
    const order = await repo.findOrder(tx, ctx.actor.orgId, ctx.actor.scope, id, true);
    if (!order) throw OrderErrors.notFound();
    if (!canReturnUndelivered(order.status))
      throw OrderErrors.illegalTransition({ status: order.status, action: "deliver" });
    const before = await detail(tx, ctx, id);
    await repo.updateOrder(tx, ctx.actor.orgId, id, { status: "invoiced" });
    return finishTransition(tx, ctx, id, order.status, "invoiced", before, "delivery_failed", note);
  });
}

/** A line's amounts for part of its quantity: same unit price and VAT rate, discount pro rata. */
function partOfLine(l: SecondaryOrderResponse["lines"][number], qty: number) {
  if (qty === l.qty) return l.totalPoisha;
  const discount = l.qty === 0 ? 0 : Math.round((l.discountPoisha * qty) / l.qty);
  const priced = priceLine(
    { skuId: l.skuId, qty, unitPricePoisha: l.unitPricePoisha, vatRateBp: l.vatRateBp, pricesIncludeVat: false },
    discount > 0 ? [{ kind: "discount", schemeId: "pro-rata", label: { en: "", bn: "" }, poisha: discount }] : [],
  );
  // VAT-inclusive lines carry no VAT on top: their total is gross less discount.
  return l.totalPoisha === l.grossPoisha - l.discountPoisha
    ? priced.grossPoisha - priced.discountPoisha
    : priced.totalPoisha;
}

export function deliverOrder(
  ctx: Ctx,
  id: string,
  input: { lines: { lineNo: number; deliveredQty: number }[]; note?: string | undefined },
) {
  return withTransaction(ctx.db, async (tx) => {
    const { order, before } = await beginTransition(tx, ctx, id, "deliver");
    const short = new Map(input.lines.map((l) => [l.lineNo, l.deliveredQty]));
    for (const lineNo of short.keys())
      if (!before.lines.some((l) => l.lineNo === lineNo)) throw OrderErrors.lineUnknown({ line: lineNo });
    const delivered = before.lines.map((l) => {
      const qty = short.get(l.lineNo) ?? l.qty;
      if (qty > l.qty) throw OrderErrors.deliveryTooMuch({ line: l.lineNo });
      return { line: l, qty };
    });
    const ref = stockRef(ctx, id, input.note);
    await issueStock(
      tx,
      ctx.actor.orgId,
      order.distributor_id,
      delivered.map((d) => ({ skuId: d.line.skuId, qty: d.qty })),
      ref,
    );
    await releaseStock(
      tx,
      ctx.actor.orgId,
      order.distributor_id,
      delivered.map((d) => ({ skuId: d.line.skuId, qty: d.line.qty - d.qty })),
      ref,
    );
    await repo.setLineQuantities(
      tx,
      ctx.actor.orgId,
      id,
      delivered.map((d) => ({ lineNo: d.line.lineNo, deliveredQty: d.qty })),
    );
    const deliveredTotal = delivered.reduce((s, d) => s + partOfLine(d.line, d.qty), 0);
    const complete = delivered.every((d) => d.qty === d.line.qty);
    const status = complete ? "delivered" : "partially_delivered";
    await repo.updateOrder(tx, ctx.actor.orgId, id, {
      status,
      delivered_at: new Date(),
      delivered_total_poisha: deliveredTotal,
    });
    if (deliveredTotal > 0) {
      const creditDays = await repo.distributorCreditDays(tx, ctx.actor.orgId, order.distributor_id);
      const entryDate = today();
      await repo.insertReceivable(tx, {
        orgId: ctx.actor.orgId,
        outletId: order.outlet_id,
        distributorId: order.distributor_id,
        kind: "invoice",
        amountPoisha: deliveredTotal,
        entryDate,
        dueDate: addDays(entryDate, creditDays),
        orderId: id,
      });
    }
    await queueSalesChange(tx, ctx.actor.orgId, id, "delivered");
    const after = await finishTransition(tx, ctx, id, order.status, status, before, "deliver", input.note);
    return publishOrderEvent(tx, ctx.actor.orgId, "order.delivered", after);
  });
}

export function cancelOrder(ctx: Ctx, id: string, reason: string) {
  return withTransaction(ctx.db, async (tx) => {
    const { order, before } = await beginTransition(tx, ctx, id, "cancel");
    if (order.status !== "draft")
      await releaseStock(
        tx,
        ctx.actor.orgId,
        order.distributor_id,
        before.lines.map((l) => ({ skuId: l.skuId, qty: l.qty })),
        stockRef(ctx, id, reason),
      );
    await repo.updateOrder(tx, ctx.actor.orgId, id, {
      status: "cancelled",
      cancelled_at: new Date(),
      cancel_reason: reason,
    });
    // A draft was never counted, so only a confirmed memo's cancellation takes anything back.
    if (order.status !== "draft") await queueSalesChange(tx, ctx.actor.orgId, id, "cancelled");
    // What its schemes reserved goes back to their budgets and the outlet's caps.
    if (order.status !== "draft") await releaseOrderGrants(tx, ctx.actor.orgId, id);
    return finishTransition(tx, ctx, id, order.status, "cancelled", before, "cancel", reason);
  });
}

export function returnOrder(
  ctx: Ctx,
  id: string,
  input: { reason: string; lines: { lineNo: number; qty: number; condition: "saleable" | "damaged" }[] },
) {
  return withTransaction(ctx.db, async (tx) => {
    const { order, before } = await beginTransition(tx, ctx, id, "return");
    const byLine = new Map(before.lines.map((l) => [l.lineNo, l]));
    const wanted = new Map<number, number>();
    for (const r of input.lines) wanted.set(r.lineNo, (wanted.get(r.lineNo) ?? 0) + r.qty);
    for (const [lineNo, qty] of wanted) {
      const l = byLine.get(lineNo);
      if (!l) throw OrderErrors.lineUnknown({ line: lineNo });
      if (qty > l.deliveredQty - l.returnedQty) throw OrderErrors.returnTooMuch({ line: lineNo });
    }
    const returnLines = input.lines.map((r) => {
      const l = byLine.get(r.lineNo) as SecondaryOrderResponse["lines"][number];
      return {
        lineNo: r.lineNo,
        skuId: l.skuId,
        qty: r.qty,
        condition: r.condition,
        amountPoisha: partOfLine(l, r.qty),
      };
    });
    const total = returnLines.reduce((s, r) => s + r.amountPoisha, 0);
    const returnId = newId();
    await returnStock(
      tx,
      ctx.actor.orgId,
      order.distributor_id,
      returnLines,
      { refType: ORDER_REF, refId: id },
      { refType: "order_return", refId: returnId, createdBy: ctx.actor.userId, reason: input.reason },
    );
    await repo.setLineQuantities(
      tx,
      ctx.actor.orgId,
      id,
      [...wanted].map(([lineNo, qty]) => ({ lineNo, returnedQty: (byLine.get(lineNo)?.returnedQty ?? 0) + qty })),
    );
    await repo.insertReceivable(tx, {
      orgId: ctx.actor.orgId,
      outletId: order.outlet_id,
      distributorId: order.distributor_id,
      kind: "return",
      amountPoisha: -total,
      entryDate: today(),
      orderId: id,
      returnId,
    });
    const everythingBack = before.lines.every((l) => l.returnedQty + (wanted.get(l.lineNo) ?? 0) >= l.deliveredQty);
    const status = everythingBack ? "returned" : order.status;
    await repo.updateOrder(tx, ctx.actor.orgId, id, {
      status,
      returned_total_poisha: order.returned_total_poisha + total,
    });
    await repo.insertReturn(
      tx,
      {
        orgId: ctx.actor.orgId,
        id: returnId,
        orderId: id,
        reason: input.reason,
        totalPoisha: total,
        createdBy: ctx.actor.userId,
      },
      returnLines,
    );
    await queueSalesChange(tx, ctx.actor.orgId, id, "returned", returnId);
    return finishTransition(tx, ctx, id, order.status, status, before, "return", input.reason);
  });
}

/** Runs one action over many orders, each in its own transaction: one failure does not stop the rest. */
export async function bulkAction(ctx: Ctx, input: BulkOrderActionRequest) {
  const run = { confirm: confirmOrder, invoice: invoiceOrder, dispatch: dispatchOrder, deliver: deliverAll }[
    input.action
  ];
  const results = [];
  for (const id of [...new Set(input.ids)]) {
    try {
      const o = await run(ctx, id);
      results.push({ id, ok: true, status: o.status, error: null });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      results.push({
        id,
        ok: false,
        status: null,
        error: { code: e.code, message: localizedMessage(e.code, ctx.locale, e.details) },
      });
    }
  }
  return { results };
}

const deliverAll = (ctx: Ctx, id: string) => deliverOrder(ctx, id, { lines: [] });

export async function orderDocument(ctx: Ctx, id: string) {
  if (!can(ctx.actor, "orders.read")) throw AccessErrors.forbidden();
  const order = await detail(ctx.db, ctx, id);
  const parties = await repo.documentParties(ctx.db, ctx.actor.orgId, order.distributorId, order.outletId);
  return {
    order,
    distributor: {
      name: parties.distributor.name,
      nameBn: parties.distributor.name_bn,
      address: parties.distributor.address,
      phone: parties.distributor.phone,
      bin: parties.distributor.bin,
      tradeLicence: parties.distributor.trade_licence,
    },
    outlet: {
      code: parties.outlet.code,
      name: parties.outlet.name,
      nameBn: parties.outlet.name_bn,
      ownerName: parties.outlet.owner_name,
      address: parties.outlet.address,
      phone: parties.outlet.phone,
    },
    org: { name: parties.org.name, nameBn: parties.org.name_bn },
    vatInvoice: parties.distributor.bin !== null && parties.distributor.bin !== "",
  };
}

// --- reads for the field app and the field KPIs (no caller: the field module has already scoped the outlets/reps)

/** Each outlet's latest order that was not cancelled. */
export async function lastOrdersOfOutlets(db: Executor, orgId: string, outletIds: readonly string[]) {
  const rows = await repo.lastOrdersOfOutlets(db, orgId, outletIds);
  return new Map(
    rows.map((r) => [r.outlet_id, { number: r.number, date: r.order_date, totalPoisha: Number(r.total_poisha) }]),
  );
}

/** How far back an outlet's usual order looks, and how many SKUs it holds. */
export const USUAL_ORDER_DAYS = 90;
export const USUAL_ORDER_SKUS = 10;

/**
 * Each outlet's usual order as of `today`: its most often ordered SKUs of the last 90 days (at most 10), each in
 * the unit most often used for it with the median quantity entered in that unit.
 */
export async function usualLinesOfOutlets(db: Executor, orgId: string, outletIds: readonly string[], today: string) {
  const rows = await repo.usualLinesOfOutlets(
    db,
    orgId,
    outletIds,
    addDays(today, -USUAL_ORDER_DAYS),
    USUAL_ORDER_SKUS,
  );
  const byOutlet = new Map<string, { skuId: string; qty: number; unit: string }[]>();
  for (const r of rows) {
    const list = byOutlet.get(r.outlet_id) ?? [];
    list.push({ skuId: r.sku_id, qty: r.qty, unit: r.unit });
    byOutlet.set(r.outlet_id, list);
  }
  return byOutlet;
}

/** Outlets among these whose orders, ledger entries or overdue amounts changed after `since`. */
export function outletsWithSalesChangesSince(
  db: Executor,
  orgId: string,
  outletIds: readonly string[],
  since: Date,
  today: string,
) {
  return repo.outletsWithSalesChangesSince(db, orgId, outletIds, since, businessDate(since), today);
}

/** Per rep and order date, what the rep's orders add up to (cancelled ones left out). */
export async function repOrderTotals(db: Executor, orgId: string, filter: repo.RepOrderFilter) {
  const rows = await repo.repOrderTotals(db, orgId, filter);
  return rows.map((r) => ({
    repUserId: r.rep_user_id as string,
    date: r.order_date,
    salesPoisha: Number(r.sales),
    orders: Number(r.orders),
    lines: Number(r.lines),
  }));
}

/** Number, total and status of orders by id. */
export async function orderSummaries(db: Executor, orgId: string, ids: readonly string[]) {
  const rows = await repo.orderSummaries(db, orgId, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, { number: r.number, totalPoisha: Number(r.total_poisha), status: r.status }]));
}
