// Collections: payments from outlets to their distributor (cash, cheque, bKash / Nagad / Rocket with the
// transaction reference, bank), and the dues that remain with their ageing.
import type { CreatePaymentRequest, DuesListQuery, PaymentListQuery } from "../../shared/contracts/orders.ts";
import { businessDate } from "../../shared/format.ts";
import { newId } from "../../shared/ids.ts";
import { violatedConstraint } from "../db/constraint-violation.ts";
import { type Executor, withTransaction } from "../db/transaction.ts";
import { AccessErrors, can } from "../platform/access.ts";
import { recordAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import { writeCsv } from "../platform/csv.ts";
import { decodeCursor, decodeIdCursor, encodeCursor, PaginationErrors } from "../platform/pagination.ts";
import { findTerritory } from "../platform/territories/territories.repository.ts";
import { publishPaymentReceived } from "../webhooks/webhooks.service.ts";
import * as repo from "./collections.repository.ts";
import { OrderErrors } from "./orders.errors.ts";
import * as orderRepo from "./orders.repository.ts";
import { outletForCaller } from "./orders.service.ts";

type PaymentRow = NonNullable<Awaited<ReturnType<typeof repo.findPayment>>>;

const paymentResponse = (p: PaymentRow) => ({
  id: p.id,
  number: p.number,
  outletId: p.outlet_id,
  outletName: p.outlet_name,
  outletNameBn: p.outlet_name_bn,
  distributorId: p.distributor_id,
  orderId: p.order_id,
  method: p.method,
  reference: p.reference,
  amountPoisha: p.amount_poisha,
  receivedOn: p.received_on,
  receivedByName: p.received_by_name,
  status: p.status,
  note: p.note,
  createdAt: p.created_at.toISOString(),
});

/** A client-made id that is already a payment is refused in words, not as a primary-key failure (a 500). */
async function insertPaymentOnce(tx: Executor, row: Parameters<typeof repo.insertPayment>[1]) {
  try {
    return await repo.insertPayment(tx, row);
  } catch (e) {
    if (violatedConstraint(e)?.constraint === "payments_pkey") throw OrderErrors.paymentIdTaken();
    throw e;
  }
}

export async function recordPayment(ctx: Ctx, input: CreatePaymentRequest) {
  if (!can(ctx.actor, "payments.write")) throw AccessErrors.forbidden();
  return savePayment(ctx, input);
}

/**
 * Cash a driver takes at the door (delivery trips): the delivery module has checked that the caller may record
 * this drop, which is the permission here; the outlet and order are still checked against the caller's scope.
 */
export function recordDeliveryPayment(ctx: Ctx, input: CreatePaymentRequest & { orderId: string }) {
  if (!can(ctx.actor, "delivery.drive") && !can(ctx.actor, "delivery.manage")) throw AccessErrors.forbidden();
  return savePayment(ctx, input);
}

async function savePayment(ctx: Ctx, input: CreatePaymentRequest) {
  const { orgId } = ctx.actor;
  return withTransaction(ctx.db, async (tx) => {
    const outlet = await outletForCaller(tx, ctx, input.outletId);
    let distributorId = outlet.distributor_id;
    if (input.orderId) {
      const order = await orderRepo.findOrder(tx, orgId, ctx.actor.scope, input.orderId);
      if (!order) throw OrderErrors.notFound();
      if (order.outlet_id !== outlet.id) throw OrderErrors.paymentOrderMismatch();
      distributorId = order.distributor_id;
    }
    if (!distributorId) throw OrderErrors.noDistributor({ date: businessDate() });
    const id = input.id ?? newId();
    const receivedOn = input.receivedOn ?? businessDate();
    const inserted = await insertPaymentOnce(tx, {
      org_id: orgId,
      id,
      number: id,
      outlet_id: outlet.id,
      distributor_id: distributorId,
      order_id: input.orderId ?? null,
      method: input.method,
      reference: input.reference ?? null,
      amount_poisha: input.amountPoisha,
      received_on: receivedOn,
      received_by: ctx.actor.userId,
      note: input.note ?? null,
    });
    // The unique index on mobile-money references decides, so a payment is never recorded twice.
    if (!inserted) throw OrderErrors.paymentReferenceTaken({ method: input.method });
    await orderRepo.insertReceivable(tx, {
      orgId,
      outletId: outlet.id,
      distributorId,
      kind: "payment",
      amountPoisha: -input.amountPoisha,
      entryDate: receivedOn,
      orderId: input.orderId ?? null,
      paymentId: id,
    });
    await repo.assignPaymentNumber(tx, orgId, id);
    const created = await repo.findPayment(tx, orgId, id);
    if (!created) throw OrderErrors.notFound();
    const response = paymentResponse(created);
    await recordAudit(tx, ctx, { entity: "payment", entityId: id, action: "create", after: response });
    await publishPaymentReceived(tx, orgId, response);
    return response;
  });
}

export async function listPayments(ctx: Ctx, query: PaymentListQuery) {
  if (!can(ctx.actor, "payments.read")) throw AccessErrors.forbidden();
  const rows = await repo.listPayments(ctx.db, ctx.actor.orgId, ctx.actor.scope, {
    ...query,
    beforeId: query.cursor ? decodeIdCursor(query.cursor) : undefined,
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(paymentResponse),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.id]) : null,
  };
}

const ageing = (r: repo.DuesRowSql) => ({
  notDuePoisha: Number(r.not_due),
  days1to15Poisha: Number(r.d1_15),
  days16to30Poisha: Number(r.d16_30),
  days31to60Poisha: Number(r.d31_60),
  over60Poisha: Number(r.over_60),
});

const addAgeing = (a: ReturnType<typeof ageing>, b: ReturnType<typeof ageing>) => ({
  notDuePoisha: a.notDuePoisha + b.notDuePoisha,
  days1to15Poisha: a.days1to15Poisha + b.days1to15Poisha,
  days16to30Poisha: a.days16to30Poisha + b.days16to30Poisha,
  days31to60Poisha: a.days31to60Poisha + b.days31to60Poisha,
  over60Poisha: a.over60Poisha + b.over60Poisha,
});
const NO_AGEING = { notDuePoisha: 0, days1to15Poisha: 0, days16to30Poisha: 0, days31to60Poisha: 0, over60Poisha: 0 };

export async function outletDues(ctx: Ctx, outletId: string) {
  if (!can(ctx.actor, "payments.read")) throw AccessErrors.forbidden();
  const { orgId } = ctx.actor;
  const outlet = await outletForCaller(ctx.db, ctx, outletId);
  const today = businessDate();
  // A distributor's user sees its own ledger with the outlet, not what the outlet owed a distributor before;
  // the credit figures stay the outlet's, as the credit check counts every distributor's dues.
  const distributorId = ctx.actor.scope.kind === "distributor" ? ctx.actor.scope.distributorId : undefined;
  const [rows, exposure, entries] = await Promise.all([
    repo.dues(ctx.db, orgId, { outletId, distributorId, today }),
    orderRepo.outletExposure(ctx.db, orgId, outletId),
    repo.outletEntries(ctx.db, orgId, outletId, distributorId),
  ]);
  const limit = outlet.credit_limit_poisha;
  return {
    outletId,
    balancePoisha: exposure.balance,
    creditLimitPoisha: limit,
    openOrdersPoisha: exposure.open,
    availableCreditPoisha: limit === null ? null : limit - exposure.balance - exposure.open,
    ageing: rows.map(ageing).reduce(addAgeing, NO_AGEING),
    entries: entries.map((e) => ({
      id: e.id,
      kind: e.kind,
      amountPoisha: Number(e.amount_poisha),
      entryDate: e.entry_date,
      dueDate: e.due_date,
      reference: e.reference,
      balancePoisha: Number(e.balance),
    })),
  };
}

/** Every outlet x distributor with dues that the caller's scope and the filters select, most owed first. */
async function duesRows(ctx: Ctx, query: DuesListQuery) {
  if (!can(ctx.actor, "payments.read")) throw AccessErrors.forbidden();
  const { orgId, scope } = ctx.actor;
  const filter: repo.DuesFilter = { today: businessDate(), distributorId: query.distributorId };
  if (scope.kind === "territory") filter.territoryPath = scope.path;
  else if (scope.kind === "distributor") filter.distributorId = scope.distributorId;
  else if (scope.kind === "outlet") filter.outletId = scope.outletId;
  else if (scope.kind !== "org") return [];
  if (query.territoryId) {
    const t = await findTerritory(ctx.db, orgId, query.territoryId);
    const path = t?.path ?? "/none/";
    // Both the caller's scope and the filter must hold: the deeper of the two paths is the intersection.
    if (!filter.territoryPath || path.startsWith(filter.territoryPath)) filter.territoryPath = path;
  }
  const rows = await repo.dues(ctx.db, orgId, filter);
  return query.overdueOnly ? rows.filter((r) => Number(r.balance) > Number(r.not_due)) : rows;
}

async function duesItems(ctx: Ctx, rows: repo.DuesRowSql[]) {
  const names = new Map(
    (
      await repo.outletNames(
        ctx.db,
        ctx.actor.orgId,
        rows.map((r) => r.outlet_id),
      )
    ).map((n) => [n.id, n]),
  );
  return rows.map((r) => {
    const n = names.get(r.outlet_id);
    return {
      outletId: r.outlet_id,
      outletCode: n?.code ?? "",
      outletName: n?.name ?? "",
      outletNameBn: n?.name_bn ?? "",
      distributorId: r.distributor_id,
      distributorName: n?.distributor_name ?? "",
      balancePoisha: Number(r.balance),
      ageing: ageing(r),
    };
  });
}

export async function listDues(ctx: Ctx, query: DuesListQuery) {
  const rows = await duesRows(ctx, query);
  const offset = query.cursor ? offsetCursor(query.cursor) : 0;
  return {
    totalPoisha: rows.reduce((s, r) => s + Number(r.balance), 0),
    ageing: rows.map(ageing).reduce(addAgeing, NO_AGEING),
    items: await duesItems(ctx, rows.slice(offset, offset + query.limit)),
    nextCursor: offset + query.limit < rows.length ? encodeCursor([offset + query.limit]) : null,
  };
}

const taka = (poisha: number) => (poisha / 100).toFixed(2);

/** The dues list as CSV, every row the filters select. */
export async function exportDuesCsv(ctx: Ctx, query: DuesListQuery) {
  const items = await duesItems(ctx, (await duesRows(ctx, query)).slice(0, 100_000));
  return writeCsv(
    [
      "outlet_code",
      "outlet_name",
      "outlet_name_bn",
      "distributor",
      "balance_taka",
      "not_due_taka",
      "overdue_1_15_taka",
      "overdue_16_30_taka",
      "overdue_31_60_taka",
      "overdue_over_60_taka",
    ],
    items.map((i) => [
      i.outletCode,
      i.outletName,
      i.outletNameBn,
      i.distributorName,
      taka(i.balancePoisha),
      taka(i.ageing.notDuePoisha),
      taka(i.ageing.days1to15Poisha),
      taka(i.ageing.days16to30Poisha),
      taka(i.ageing.days31to60Poisha),
      taka(i.ageing.over60Poisha),
    ]),
  );
}

/** Dues pages by position (the list is ordered by amount owed, computed whole). */
function offsetCursor(cursor: string): number {
  const [n, ...rest] = decodeCursor(cursor);
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 0 || rest.length) throw PaginationErrors.badCursor();
  return n;
}

/**
 * What each of these outlets owes as of `today`, all distributors together: the balance and the part of it past
 * its due date. Outlets that owe nothing are absent. For the field app, which has already scoped the outlets.
 */
export async function duesOfOutlets(db: Executor, orgId: string, outletIds: readonly string[], today: string) {
  const rows = await repo.dues(db, orgId, { outletIds: [...outletIds], today });
  const out = new Map<string, { duesPoisha: number; overduePoisha: number }>();
  for (const r of rows) {
    const seen = out.get(r.outlet_id) ?? { duesPoisha: 0, overduePoisha: 0 };
    out.set(r.outlet_id, {
      duesPoisha: seen.duesPoisha + Number(r.balance),
      overduePoisha: seen.overduePoisha + Number(r.balance) - Number(r.not_due),
    });
  }
  return out;
}

// --- for the analytics of distributors (the analytics module has already scoped the distributors)

export interface DistributorDues {
  duesPoisha: number;
  /** By days past due: not yet due, 1-30, 31-60, 61-90, over 90. */
  ageing: { current: number; d1to30: number; d31to60: number; d61to90: number; over90: number };
}

/** What outlets owe each of these distributors as of `today`, aged by the same rule as the dues list. */
export async function duesOfDistributors(
  db: Executor,
  orgId: string,
  distributorIds: readonly string[],
  today: string,
): Promise<Map<string, DistributorDues>> {
  const rows = await repo.duesByDistributor(db, orgId, { distributorIds, today });
  return new Map(
    rows.map((r) => [
      r.distributor_id,
      {
        duesPoisha: Number(r.balance),
        ageing: {
          current: Number(r.not_due),
          d1to30: Number(r.d1_30),
          d31to60: Number(r.d31_60),
          d61to90: Number(r.d61_90),
          over90: Number(r.over_90),
        },
      },
    ]),
  );
}

/** Payments received (not bounced) by each of these distributors on the dates, both included. */
export async function collectedByDistributors(
  db: Executor,
  orgId: string,
  distributorIds: readonly string[],
  from: string,
  to: string,
): Promise<Map<string, number>> {
  const rows = await repo.collectedByDistributor(db, orgId, { distributorIds, from, to });
  return new Map(rows.map((r) => [r.distributor_id, Number(r.collected)]));
}
