// All SQL of secondary orders, their lines, events and returns, and of the receivables ledger.
import { type Insertable, type SelectQueryBuilder, sql } from "kysely";
import { newId } from "../../shared/ids.ts";
import type { Database, SecondaryOrderStatus, SecondaryOrdersTable } from "../db/database.ts";
import { searchCondition } from "../db/text-search.ts";
import type { Executor } from "../db/transaction.ts";
import type { Scope } from "../platform/access.ts";
import { formatNumber, nextDocumentNumber } from "../platform/numbering/numbering.repository.ts";
import type { MemoLineRow } from "../promotions/memo-lines.ts";

// --- what an order needs to know about its distributor

export async function findDistributorPaths(db: Executor, orgId: string, distributorId: string) {
  return db
    .selectFrom("distributors as d")
    .innerJoin("territories as t", (j) => j.onRef("t.org_id", "=", "d.org_id").onRef("t.id", "=", "d.territory_id"))
    .select(["d.id", "d.code", "d.archived_at", "t.path"])
    .where("d.org_id", "=", orgId)
    .where("d.id", "=", distributorId)
    .executeTakeFirst();
}

// --- orders

export async function insertOrder(db: Executor, row: Insertable<SecondaryOrdersTable>) {
  const inserted = await db
    .insertInto("secondary_orders")
    .values(row)
    .onConflict((oc) => oc.columns(["org_id", "id"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted !== undefined;
}

/** A stored memo line (promotions/memo-lines.ts builds them from the priced memo). */
export type LineRow = MemoLineRow;

export async function replaceLines(db: Executor, orgId: string, orderId: string, lines: readonly LineRow[]) {
  await db.deleteFrom("secondary_order_lines").where("org_id", "=", orgId).where("order_id", "=", orderId).execute();
  await db
    .insertInto("secondary_order_lines")
    .values(lines.map((l) => ({ ...l, org_id: orgId, order_id: orderId })))
    .execute();
}

/** The org's next order number, SO-0000001 onwards, from its sequence (gaps allowed, no lock held). */
export async function nextOrderNumber(db: Executor, orgId: string): Promise<string> {
  const r = await sql<{ number: string }>`
    select 'SO-' || lpad(next_order_number(${orgId})::text, 7, '0') as number`.execute(db);
  const number = r.rows[0]?.number;
  if (!number) throw new Error("no order number");
  return number;
}

/** After a bulk load of orders numbered 1..last: the next order gets last + 1. */
export async function setLastOrderNumber(db: Executor, orgId: string, last: number): Promise<void> {
  await sql`select set_last_order_number(${orgId}, ${last})`.execute(db);
}

const orderColumns = [
  "so.org_id",
  "so.id",
  "so.number",
  "so.status",
  "so.source",
  "so.outlet_id",
  "o.code as outlet_code",
  "o.name as outlet_name",
  "o.name_bn as outlet_name_bn",
  "so.distributor_id",
  "d.name as distributor_name",
  "d.name_bn as distributor_name_bn",
  "so.route_id",
  "so.territory_path",
  "so.rep_user_id",
  "u.name as rep_name",
  "so.order_date",
  "so.requested_delivery_date",
  "so.price_list_id",
  "so.line_count",
  "so.subtotal_poisha",
  "so.discount_poisha",
  "so.vat_poisha",
  "so.total_poisha",
  "so.delivered_total_poisha",
  "so.returned_total_poisha",
  "so.invoice_number",
  "so.note",
  "so.cancel_reason",
  "so.confirmed_at",
  "so.invoiced_at",
  "so.dispatched_at",
  "so.delivered_at",
  "so.cancelled_at",
  "so.created_at",
] as const;

function ordersWithNames(db: Executor) {
  return db
    .selectFrom("secondary_orders as so")
    .innerJoin("outlets as o", (j) => j.onRef("o.org_id", "=", "so.org_id").onRef("o.id", "=", "so.outlet_id"))
    .innerJoin("distributors as d", (j) =>
      j.onRef("d.org_id", "=", "so.org_id").onRef("d.id", "=", "so.distributor_id"),
    )
    .leftJoin("users as u", (j) => j.onRef("u.org_id", "=", "so.org_id").onRef("u.id", "=", "so.rep_user_id"))
    .select(orderColumns);
}

/** Orders the actor may see: their territory subtree (by the order's own territory), distributor or outlet. */
function inScope<O>(q: SelectQueryBuilder<Database & { so: Database["secondary_orders"] }, "so", O>, scope: Scope) {
  switch (scope.kind) {
    case "org":
      return q;
    case "territory":
      return q.where("so.territory_path", "like", `${scope.path}%`);
    case "distributor":
      return q.where("so.distributor_id", "=", scope.distributorId);
    case "outlet":
      return q.where("so.outlet_id", "=", scope.outletId);
    default:
      return q.where(sql<boolean>`false`);
  }
}

export async function findOrder(db: Executor, orgId: string, scope: Scope, id: string, lock = false) {
  if (lock) {
    // Lock the order row first; the joined read below then sees the locked version.
    const locked = await db
      .selectFrom("secondary_orders")
      .select("id")
      .where("org_id", "=", orgId)
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirst();
    if (!locked) return undefined;
  }
  // biome-ignore lint/suspicious/noExplicitAny: the scope filter is generic over the joined builder
  const q = inScope(ordersWithNames(db) as any, scope) as ReturnType<typeof ordersWithNames>;
  return q.where("so.org_id", "=", orgId).where("so.id", "=", id).executeTakeFirst();
}
export type OrderRow = NonNullable<Awaited<ReturnType<typeof findOrder>>>;

export async function findLines(db: Executor, orgId: string, orderId: string) {
  return db
    .selectFrom("secondary_order_lines as l")
    .innerJoin("skus as s", (j) => j.onRef("s.org_id", "=", "l.org_id").onRef("s.id", "=", "l.sku_id"))
    .select([
      "l.line_no",
      "l.sku_id",
      "s.code as sku_code",
      "s.name as sku_name",
      "s.name_bn as sku_name_bn",
      "l.entered_qty",
      "l.entered_unit",
      "l.qty",
      "l.unit_price_poisha",
      "l.gross_poisha",
      "l.discount_poisha",
      "l.vat_rate_bp",
      "l.vat_poisha",
      "l.total_poisha",
      "l.delivered_qty",
      "l.returned_qty",
      "l.adjustments",
      "l.free_of_scheme_id",
    ])
    .where("l.org_id", "=", orgId)
    .where("l.order_id", "=", orderId)
    .orderBy("l.line_no")
    .execute();
}
export type OrderLineRow = Awaited<ReturnType<typeof findLines>>[number];

export async function findEvents(db: Executor, orgId: string, orderId: string) {
  return db
    .selectFrom("secondary_order_events as e")
    .leftJoin("users as u", (j) => j.onRef("u.org_id", "=", "e.org_id").onRef("u.id", "=", "e.actor_user_id"))
    .select(["e.from_status", "e.to_status", "u.name as actor_name", "e.note", "e.at"])
    .where("e.org_id", "=", orgId)
    .where("e.order_id", "=", orderId)
    .orderBy("e.id")
    .execute();
}

export async function insertEvent(
  db: Executor,
  e: {
    orgId: string;
    orderId: string;
    from: string | null;
    to: string;
    actorUserId: string | null;
    note?: string | null;
  },
) {
  await db
    .insertInto("secondary_order_events")
    .values({
      org_id: e.orgId,
      id: newId(),
      order_id: e.orderId,
      from_status: e.from,
      to_status: e.to,
      actor_user_id: e.actorUserId,
      note: e.note ?? null,
    })
    .execute();
}

export async function updateOrder(
  db: Executor,
  orgId: string,
  id: string,
  patch: Partial<{
    status: SecondaryOrderStatus;
    note: string | null;
    requested_delivery_date: string | null;
    cancel_reason: string;
    invoice_number: string;
    subtotal_poisha: number;
    discount_poisha: number;
    vat_poisha: number;
    total_poisha: number;
    line_count: number;
    delivered_total_poisha: number;
    returned_total_poisha: number;
    confirmed_at: Date;
    invoiced_at: Date;
    dispatched_at: Date;
    delivered_at: Date;
    cancelled_at: Date;
  }>,
) {
  await db
    .updateTable("secondary_orders")
    .set({ ...patch, updated_at: sql<Date>`now()` })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

export async function setLineQuantities(
  db: Executor,
  orgId: string,
  orderId: string,
  lines: readonly { lineNo: number; deliveredQty?: number; returnedQty?: number }[],
) {
  for (const l of lines) {
    await db
      .updateTable("secondary_order_lines")
      .set({
        ...(l.deliveredQty !== undefined && { delivered_qty: l.deliveredQty }),
        ...(l.returnedQty !== undefined && { returned_qty: l.returnedQty }),
      })
      .where("org_id", "=", orgId)
      .where("order_id", "=", orderId)
      .where("line_no", "=", l.lineNo)
      .execute();
  }
}

/** Per-distributor invoice serial ("<distributor code>-000123"), for the Mushak-6.3 invoice. */
/** The distributor's next gap-free invoice serial, <distributor code>-000001 onwards. */
export async function nextInvoiceNumber(db: Executor, orgId: string, distributorId: string): Promise<string> {
  const n = await nextDocumentNumber(db, orgId, `INV:${distributorId}`);
  const d = await db
    .selectFrom("distributors")
    .select("code")
    .where("org_id", "=", orgId)
    .where("id", "=", distributorId)
    .executeTakeFirstOrThrow();
  return formatNumber(d.code, n, 6);
}

export interface OrderListFilter {
  status?: SecondaryOrderStatus | undefined;
  statuses?: SecondaryOrderStatus[] | undefined;
  outletId?: string | undefined;
  distributorId?: string | undefined;
  territoryPath?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
  /** Keyset: continue after this id (newest first). */
  beforeId?: string | undefined;
  limit: number;
}

export async function listOrders(db: Executor, orgId: string, scope: Scope, f: OrderListFilter) {
  // biome-ignore lint/suspicious/noExplicitAny: the scope filter is generic over the joined builder
  let q = inScope(ordersWithNames(db) as any, scope) as ReturnType<typeof ordersWithNames>;
  q = q.where("so.org_id", "=", orgId);
  if (f.status) q = q.where("so.status", "=", f.status);
  if (f.statuses) q = q.where("so.status", "in", f.statuses);
  if (f.outletId) q = q.where("so.outlet_id", "=", f.outletId);
  if (f.distributorId) q = q.where("so.distributor_id", "=", f.distributorId);
  if (f.territoryPath) q = q.where("so.territory_path", "like", `${f.territoryPath}%`);
  if (f.from) q = q.where("so.order_date", ">=", f.from);
  if (f.to) q = q.where("so.order_date", "<=", f.to);
  if (f.q) {
    const term = f.q.trim();
    const byName = searchCondition("o.search_text", term);
    q = q.where((eb) =>
      eb.or([eb("so.number", "ilike", `%${term.replace(/[\\%_]/g, "\\$&")}%`), ...(byName ? [byName] : [])]),
    );
  }
  if (f.beforeId) q = q.where("so.id", "<", f.beforeId);
  return q
    .orderBy("so.id", "desc")
    .limit(f.limit + 1)
    .execute();
}

// --- credit exposure and the receivables ledger

/** What the outlet owes its distributors (receivables) and what its open orders will add. */
export async function outletExposure(db: Executor, orgId: string, outletId: string, excludeOrderId?: string) {
  const r = await sql<{ balance: number; open: number }>`
    select
      coalesce((select sum(amount_poisha) from receivable_entries where org_id = ${orgId} and outlet_id = ${outletId}), 0)::bigint as balance,
      coalesce((select sum(total_poisha) from secondary_orders
                where org_id = ${orgId} and outlet_id = ${outletId}
                  and status in ('confirmed', 'invoiced', 'dispatched')
                  and id <> ${excludeOrderId ?? "00000000-0000-0000-0000-000000000000"}), 0)::bigint as open`.execute(
    db,
  );
  const row = r.rows[0];
  return { balance: Number(row?.balance ?? 0), open: Number(row?.open ?? 0) };
}

export async function insertReceivable(
  db: Executor,
  e: {
    orgId: string;
    outletId: string;
    distributorId: string;
    kind: "invoice" | "payment" | "return" | "adjustment" | "reversal";
    amountPoisha: number;
    entryDate: string;
    dueDate?: string | null;
    orderId?: string | null;
    paymentId?: string | null;
    returnId?: string | null;
  },
) {
  await db
    .insertInto("receivable_entries")
    .values({
      org_id: e.orgId,
      id: newId(),
      outlet_id: e.outletId,
      distributor_id: e.distributorId,
      order_id: e.orderId ?? null,
      payment_id: e.paymentId ?? null,
      return_id: e.returnId ?? null,
      kind: e.kind,
      amount_poisha: e.amountPoisha,
      entry_date: e.entryDate,
      due_date: e.dueDate ?? null,
    })
    .execute();
}

export async function distributorCreditDays(db: Executor, orgId: string, distributorId: string) {
  const r = await db
    .selectFrom("distributors")
    .select("credit_days")
    .where("org_id", "=", orgId)
    .where("id", "=", distributorId)
    .executeTakeFirst();
  return r?.credit_days ?? 0;
}

export async function insertReturn(
  db: Executor,
  r: { orgId: string; id: string; orderId: string; reason: string; totalPoisha: number; createdBy: string | null },
  lines: readonly {
    lineNo: number;
    skuId: string;
    qty: number;
    condition: "saleable" | "damaged";
    amountPoisha: number;
  }[],
) {
  await db
    .insertInto("order_returns")
    .values({
      org_id: r.orgId,
      id: r.id,
      number: r.id,
      order_id: r.orderId,
      reason: r.reason,
      total_poisha: r.totalPoisha,
      created_by: r.createdBy,
    })
    .execute();
  await db
    .insertInto("order_return_lines")
    .values(
      lines.map((l) => ({
        org_id: r.orgId,
        return_id: r.id,
        line_no: l.lineNo,
        sku_id: l.skuId,
        qty: l.qty,
        condition: l.condition,
        amount_poisha: l.amountPoisha,
      })),
    )
    .execute();
  const number = formatNumber("RET", await nextDocumentNumber(db, r.orgId, "RET"));
  await db.updateTable("order_returns").set({ number }).where("org_id", "=", r.orgId).where("id", "=", r.id).execute();
  return number;
}

export async function documentParties(db: Executor, orgId: string, distributorId: string, outletId: string) {
  const [distributor, outlet, org] = await Promise.all([
    db
      .selectFrom("distributors")
      .select(["name", "name_bn", "address", "phone", "bin", "trade_licence"])
      .where("org_id", "=", orgId)
      .where("id", "=", distributorId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("outlets")
      .select(["code", "name", "name_bn", "owner_name", "address", "phone"])
      .where("org_id", "=", orgId)
      .where("id", "=", outletId)
      .executeTakeFirstOrThrow(),
    db.selectFrom("orgs").select(["name", "name_bn"]).where("id", "=", orgId).executeTakeFirstOrThrow(),
  ]);
  return { distributor, outlet, org };
}

// --- what the field app and the field KPIs read (many outlets or reps at once, one query each)

/** Each outlet's latest order that was not cancelled: number, date and total. */
export function lastOrdersOfOutlets(db: Executor, orgId: string, outletIds: readonly string[]) {
  if (outletIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("secondary_orders")
    .distinctOn("outlet_id")
    .select(["outlet_id", "number", "order_date", "total_poisha"])
    .where("org_id", "=", orgId)
    .where("outlet_id", "in", [...outletIds])
    .where("status", "<>", "cancelled")
    .orderBy("outlet_id")
    .orderBy("order_date", "desc")
    .orderBy("id", "desc")
    .execute();
}

/**
 * Each outlet's usual order: the active SKUs it ordered most often since `from` (orders not cancelled), at most
 * `limit` per outlet, each in the unit it was most often ordered in with the median quantity entered in it.
 */
export async function usualLinesOfOutlets(
  db: Executor,
  orgId: string,
  outletIds: readonly string[],
  from: string,
  limit: number,
) {
  if (outletIds.length === 0) return [];
  const r = await sql<{ outlet_id: string; sku_id: string; unit: string; qty: number }>`
    with by_unit as (
      select so.outlet_id, l.sku_id, l.entered_unit as unit, count(*) as n,
             percentile_disc(0.5) within group (order by l.entered_qty) as qty
      from secondary_orders so
      join secondary_order_lines l on l.org_id = so.org_id and l.order_id = so.id
      join skus s on s.org_id = l.org_id and s.id = l.sku_id and s.archived_at is null
      where so.org_id = ${orgId} and so.outlet_id in (${sql.join([...outletIds])})
        and so.order_date >= ${from}::date and so.status <> 'cancelled'
      group by so.outlet_id, l.sku_id, l.entered_unit
    ),
    by_sku as (
      select outlet_id, sku_id, unit, qty,
             sum(n) over (partition by outlet_id, sku_id) as times,
             row_number() over (partition by outlet_id, sku_id order by n desc, unit) as unit_rank
      from by_unit
    ),
    ranked as (
      select outlet_id, sku_id, unit, qty,
             row_number() over (partition by outlet_id order by times desc, sku_id) as sku_rank
      from by_sku where unit_rank = 1
    )
    select outlet_id, sku_id, unit, qty::int as qty from ranked
    where sku_rank <= ${limit}
    order by outlet_id, sku_rank`.execute(db);
  return r.rows;
}

/**
 * Outlets among these whose orders or dues changed after `since`: an order created or updated, a ledger entry
 * (invoice, payment, return, reversal) written, or an entry falling due between `sinceDate` and `today` (its
 * overdue amount changed with the date alone).
 */
export async function outletsWithSalesChangesSince(
  db: Executor,
  orgId: string,
  outletIds: readonly string[],
  since: Date,
  sinceDate: string,
  today: string,
): Promise<string[]> {
  if (outletIds.length === 0) return [];
  const ids = sql.join([...outletIds]);
  const r = await sql<{ outlet_id: string }>`
    select outlet_id from secondary_orders
    where org_id = ${orgId} and outlet_id in (${ids}) and updated_at > ${since}
    union
    select outlet_id from receivable_entries
    where org_id = ${orgId} and outlet_id in (${ids})
      and (created_at > ${since}
           or (amount_poisha > 0 and coalesce(due_date, entry_date) >= ${sinceDate}::date
               and coalesce(due_date, entry_date) < ${today}::date))`.execute(db);
  return r.rows.map((row) => row.outlet_id);
}

export interface RepOrderFilter {
  repUserIds?: readonly string[] | undefined;
  /** Orders whose own territory lies in this subtree. */
  territoryPath?: string | undefined;
  from: string;
  to: string;
}

/** Per rep and order date: the total, number and lines of the orders credited to the rep (not cancelled). */
export async function repOrderTotals(db: Executor, orgId: string, f: RepOrderFilter) {
  if (f.repUserIds?.length === 0) return [];
  let q = db
    .selectFrom("secondary_orders")
    .select([
      "rep_user_id",
      "order_date",
      // sum(bigint) is numeric: back to bigint, which the type parser reads as an exact number.
      sql<number>`sum(total_poisha)::bigint`.as("sales"),
      sql<number>`count(*)::bigint`.as("orders"),
      sql<number>`sum(line_count)::bigint`.as("lines"),
    ])
    .where("org_id", "=", orgId)
    .where("rep_user_id", "is not", null)
    .where("order_date", ">=", f.from)
    .where("order_date", "<=", f.to)
    .where("status", "<>", "cancelled");
  if (f.repUserIds) q = q.where("rep_user_id", "in", [...f.repUserIds]);
  if (f.territoryPath) q = q.where("territory_path", "like", `${f.territoryPath}%`);
  return q.groupBy(["rep_user_id", "order_date"]).execute();
}

/** Number, total and status of orders by id (the orders taken on visits). */
export function orderSummaries(db: Executor, orgId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("secondary_orders")
    .select(["id", "number", "total_poisha", "status"])
    .where("org_id", "=", orgId)
    .where("id", "in", [...ids])
    .execute();
}
