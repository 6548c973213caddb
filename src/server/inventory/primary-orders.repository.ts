// All SQL of primary orders (a distributor's orders from the company) and their lines. Which orders an actor
// sees follows which distributors they see: the network's distributorScopeFilter.
import type { Insertable, Updateable } from "kysely";
import type { PrimaryOrderStatus, PrimaryOrdersTable } from "../db/database.ts";
import type { Executor } from "../db/transaction.ts";
import { distributorScopeFilter } from "../network/distributors.repository.ts";
import type { Scope } from "../platform/access.ts";
import { formatNumber, nextDocumentNumber } from "../platform/numbering/numbering.repository.ts";
import type { MemoLineRow } from "../promotions/memo-lines.ts";

export async function insertOrder(db: Executor, row: Insertable<PrimaryOrdersTable>): Promise<boolean> {
  const inserted = await db
    .insertInto("primary_orders")
    .values(row)
    .onConflict((oc) => oc.columns(["org_id", "id"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted !== undefined;
}

/** A stored memo line (promotions/memo-lines.ts builds them from the priced memo). */
export type PrimaryLineRow = MemoLineRow;

export async function insertLines(db: Executor, orgId: string, orderId: string, lines: readonly PrimaryLineRow[]) {
  if (lines.length === 0) return;
  await db
    .insertInto("primary_order_lines")
    .values(lines.map((l) => ({ ...l, org_id: orgId, order_id: orderId })))
    .execute();
}

/** Takes the next PO number (series 'PO'); call it last in the transaction, the counter stays locked till commit. */
export async function assignNumber(db: Executor, orgId: string, orderId: string): Promise<string> {
  const number = formatNumber("PO", await nextDocumentNumber(db, orgId, "PO"));
  await db
    .updateTable("primary_orders")
    .set({ number })
    .where("org_id", "=", orgId)
    .where("id", "=", orderId)
    .execute();
  return number;
}

function ordersWithDistributor(db: Executor, orgId: string, scope: Scope) {
  return db
    .selectFrom("primary_orders as po")
    .innerJoin("distributors as d", (j) =>
      j.onRef("d.org_id", "=", "po.org_id").onRef("d.id", "=", "po.distributor_id"),
    )
    .select([
      "po.id",
      "po.number",
      "po.distributor_id",
      "d.name as distributor_name",
      "d.name_bn as distributor_name_bn",
      "po.status",
      "po.order_date",
      "po.subtotal_poisha",
      "po.discount_poisha",
      "po.vat_poisha",
      "po.total_poisha",
      "po.line_count",
      "po.note",
      "po.decision_note",
      "po.submitted_at",
      "po.approved_at",
      "po.dispatched_at",
      "po.received_at",
      "po.created_at",
    ])
    .where("po.org_id", "=", orgId)
    .where(distributorScopeFilter(db, orgId, scope));
}

export async function findOrder(db: Executor, orgId: string, scope: Scope, id: string, lock = false) {
  if (lock) {
    // Lock the order row first; the joined read below then sees the locked version.
    const locked = await db
      .selectFrom("primary_orders")
      .select("id")
      .where("org_id", "=", orgId)
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirst();
    if (!locked) return undefined;
  }
  return ordersWithDistributor(db, orgId, scope).where("po.id", "=", id).executeTakeFirst();
}
export type PrimaryOrderRow = NonNullable<Awaited<ReturnType<typeof findOrder>>>;

export async function listOrders(
  db: Executor,
  orgId: string,
  scope: Scope,
  f: {
    distributorId?: string | undefined;
    status?: PrimaryOrderStatus | undefined;
    beforeId?: string | undefined;
    limit: number;
  },
) {
  let q = ordersWithDistributor(db, orgId, scope);
  if (f.distributorId) q = q.where("po.distributor_id", "=", f.distributorId);
  if (f.status) q = q.where("po.status", "=", f.status);
  if (f.beforeId) q = q.where("po.id", "<", f.beforeId);
  return q
    .orderBy("po.id", "desc")
    .limit(f.limit + 1)
    .execute();
}

export async function findLines(db: Executor, orgId: string, orderId: string) {
  return db
    .selectFrom("primary_order_lines as l")
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
      "l.received_qty",
      "l.adjustments",
      "l.free_of_scheme_id",
    ])
    .where("l.org_id", "=", orgId)
    .where("l.order_id", "=", orderId)
    .orderBy("l.line_no")
    .execute();
}

export async function updateOrder(db: Executor, orgId: string, id: string, set: Updateable<PrimaryOrdersTable>) {
  await db
    .updateTable("primary_orders")
    .set({ ...set, updated_at: new Date() })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

export async function setReceivedQuantities(
  db: Executor,
  orgId: string,
  orderId: string,
  lines: readonly { lineNo: number; receivedQty: number }[],
) {
  for (const l of lines)
    await db
      .updateTable("primary_order_lines")
      .set({ received_qty: l.receivedQty })
      .where("org_id", "=", orgId)
      .where("order_id", "=", orderId)
      .where("line_no", "=", l.lineNo)
      .execute();
}
