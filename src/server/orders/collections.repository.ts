// SQL of payments and dues. Dues are the receivables ledger's sums per outlet and distributor; payments and
// returns settle the oldest invoices first, so what is still owed is the newest invoices, and its age is
// counted from their due dates.
import { type Insertable, sql } from "kysely";
import type { PaymentMethod, PaymentsTable } from "../db/database.ts";
import type { Executor } from "../db/transaction.ts";
import type { Scope } from "../platform/access.ts";
import { formatNumber, nextDocumentNumber } from "../platform/numbering/numbering.repository.ts";

export async function insertPayment(db: Executor, row: Insertable<PaymentsTable>): Promise<boolean> {
  const r = await db
    .insertInto("payments")
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(["org_id", "method", "reference"])
        .where("method", "in", ["bkash", "nagad", "rocket"] as PaymentMethod[])
        .where("status", "=", "received")
        .doNothing(),
    )
    .returning("id")
    .executeTakeFirst();
  return r !== undefined;
}

export async function assignPaymentNumber(db: Executor, orgId: string, id: string) {
  const number = formatNumber("RCPT", await nextDocumentNumber(db, orgId, "RCPT"));
  await db.updateTable("payments").set({ number }).where("org_id", "=", orgId).where("id", "=", id).execute();
}

export async function listPayments(
  db: Executor,
  orgId: string,
  scope: Scope,
  f: {
    outletId?: string | undefined;
    distributorId?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
    beforeId?: string | undefined;
    limit: number;
  },
) {
  let q = paymentsQuery(db, orgId);
  if (scope.kind === "territory") q = q.where("r.path", "like", `${scope.path}%`);
  else if (scope.kind === "distributor") q = q.where("p.distributor_id", "=", scope.distributorId);
  else if (scope.kind === "outlet") q = q.where("p.outlet_id", "=", scope.outletId);
  else if (scope.kind !== "org") return [];
  if (f.outletId) q = q.where("p.outlet_id", "=", f.outletId);
  if (f.distributorId) q = q.where("p.distributor_id", "=", f.distributorId);
  if (f.from) q = q.where("p.received_on", ">=", f.from);
  if (f.to) q = q.where("p.received_on", "<=", f.to);
  if (f.beforeId) q = q.where("p.id", "<", f.beforeId);
  return q
    .orderBy("p.id", "desc")
    .limit(f.limit + 1)
    .execute();
}

export async function findPayment(db: Executor, orgId: string, id: string) {
  return paymentsQuery(db, orgId).where("p.id", "=", id).executeTakeFirst();
}

function paymentsQuery(db: Executor, orgId: string) {
  return db
    .selectFrom("payments as p")
    .innerJoin("outlets as o", (j) => j.onRef("o.org_id", "=", "p.org_id").onRef("o.id", "=", "p.outlet_id"))
    .leftJoin("territories as r", (j) => j.onRef("r.org_id", "=", "o.org_id").onRef("r.id", "=", "o.route_id"))
    .leftJoin("users as u", (j) => j.onRef("u.org_id", "=", "p.org_id").onRef("u.id", "=", "p.received_by"))
    .select([
      "p.id",
      "p.number",
      "p.outlet_id",
      "o.name as outlet_name",
      "o.name_bn as outlet_name_bn",
      "p.distributor_id",
      "p.order_id",
      "p.method",
      "p.reference",
      "p.amount_poisha",
      "p.received_on",
      "u.name as received_by_name",
      "p.status",
      "p.note",
      "p.created_at",
      "r.path as route_path",
    ])
    .where("p.org_id", "=", orgId);
}

export interface DuesFilter {
  outletIds?: string[] | undefined;
  distributorId?: string | undefined;
  distributorIds?: readonly string[] | undefined;
  /** Outlets whose route lies in this subtree. */
  territoryPath?: string | undefined;
  outletId?: string | undefined;
  today: string;
}

export interface DuesRowSql {
  outlet_id: string;
  distributor_id: string;
  balance: number;
  not_due: number;
  d1_15: number;
  d16_30: number;
  d31_60: number;
  over_60: number;
}

/**
 * The ageing rule, once: the outlets x distributors that owe (balance > 0) and, for each invoice still partly
 * owed, the part owed and its days past due. Payments and returns settle the oldest invoices first, so what is
 * owed is the newest invoices. CTEs `bal` and `parts` for the queries below to sum as they need.
 */
function owedParts(orgId: string, f: DuesFilter) {
  return sql`
    with bal as (
      select e.outlet_id, e.distributor_id, sum(e.amount_poisha) as balance
      from receivable_entries e
      join outlets o on o.org_id = e.org_id and o.id = e.outlet_id
      left join territories t on t.org_id = o.org_id and t.id = o.route_id
      where e.org_id = ${orgId}
        ${f.outletId ? sql`and e.outlet_id = ${f.outletId}` : sql``}
        ${f.outletIds ? (f.outletIds.length > 0 ? sql`and e.outlet_id in (${sql.join(f.outletIds)})` : sql`and false`) : sql``}
        ${f.distributorId ? sql`and e.distributor_id = ${f.distributorId}` : sql``}
        ${f.distributorIds ? (f.distributorIds.length > 0 ? sql`and e.distributor_id in (${sql.join(f.distributorIds)})` : sql`and false`) : sql``}
        ${f.territoryPath ? sql`and t.path like ${`${f.territoryPath}%`}` : sql``}
      group by e.outlet_id, e.distributor_id
      having sum(e.amount_poisha) > 0
    ),
    debits as (
      select e.outlet_id, e.distributor_id, e.amount_poisha, coalesce(e.due_date, e.entry_date) as due,
             sum(e.amount_poisha) over (partition by e.outlet_id, e.distributor_id
                                        order by e.entry_date desc, e.id desc) as newer_and_this
      from receivable_entries e
      join bal b on b.outlet_id = e.outlet_id and b.distributor_id = e.distributor_id
      where e.org_id = ${orgId} and e.amount_poisha > 0
    ),
    parts as (
      select d.outlet_id, d.distributor_id,
             greatest(0, least(d.amount_poisha, b.balance - (d.newer_and_this - d.amount_poisha))) as owed,
             (${f.today}::date - d.due) as overdue
      from debits d join bal b on b.outlet_id = d.outlet_id and b.distributor_id = d.distributor_id
    )`;
}

/** Outstanding dues per outlet x distributor with ageing buckets (days past due), in one query. */
export async function dues(db: Executor, orgId: string, f: DuesFilter): Promise<DuesRowSql[]> {
  const r = await sql<DuesRowSql>`
    ${owedParts(orgId, f)}
    select b.outlet_id, b.distributor_id, b.balance::bigint as balance,
           coalesce(sum(p.owed) filter (where p.overdue <= 0), 0)::bigint as not_due,
           coalesce(sum(p.owed) filter (where p.overdue between 1 and 15), 0)::bigint as d1_15,
           coalesce(sum(p.owed) filter (where p.overdue between 16 and 30), 0)::bigint as d16_30,
           coalesce(sum(p.owed) filter (where p.overdue between 31 and 60), 0)::bigint as d31_60,
           coalesce(sum(p.owed) filter (where p.overdue > 60), 0)::bigint as over_60
    from bal b left join parts p on p.outlet_id = b.outlet_id and p.distributor_id = b.distributor_id
    group by b.outlet_id, b.distributor_id, b.balance
    order by b.balance desc, b.outlet_id`.execute(db);
  return r.rows;
}

export interface DistributorDuesSql {
  distributor_id: string;
  balance: number;
  not_due: number;
  d1_30: number;
  d31_60: number;
  d61_90: number;
  over_90: number;
}

/**
 * What all outlets owe each distributor, with the same ageing rule as `dues` in the buckets a distributor's
 * receivables are reviewed by (30-day steps): for the analytics of distributors.
 */
export async function duesByDistributor(db: Executor, orgId: string, f: DuesFilter): Promise<DistributorDuesSql[]> {
  const r = await sql<DistributorDuesSql>`
    ${owedParts(orgId, f)},
    by_distributor as (
      select distributor_id, sum(balance) as balance from bal group by distributor_id
    )
    select b.distributor_id, b.balance::bigint as balance,
           coalesce(sum(p.owed) filter (where p.overdue <= 0), 0)::bigint as not_due,
           coalesce(sum(p.owed) filter (where p.overdue between 1 and 30), 0)::bigint as d1_30,
           coalesce(sum(p.owed) filter (where p.overdue between 31 and 60), 0)::bigint as d31_60,
           coalesce(sum(p.owed) filter (where p.overdue between 61 and 90), 0)::bigint as d61_90,
           coalesce(sum(p.owed) filter (where p.overdue > 90), 0)::bigint as over_90
    from by_distributor b left join parts p on p.distributor_id = b.distributor_id
    group by b.distributor_id, b.balance
    order by b.distributor_id`.execute(db);
  return r.rows;
}

/** Payments received (not bounced) per distributor on the dates, both included. */
export async function collectedByDistributor(
  db: Executor,
  orgId: string,
  f: { distributorIds: readonly string[]; from: string; to: string },
) {
  if (f.distributorIds.length === 0) return [];
  return db
    .selectFrom("payments")
    .select(["distributor_id", sql<number>`sum(amount_poisha)::bigint`.as("collected")])
    .where("org_id", "=", orgId)
    .where("distributor_id", "in", [...f.distributorIds])
    .where("received_on", ">=", f.from)
    .where("received_on", "<=", f.to)
    .where("status", "=", "received")
    .groupBy("distributor_id")
    .execute();
}

/** An outlet's ledger, newest first, with the running balance; only one distributor's when given. */
export async function outletEntries(db: Executor, orgId: string, outletId: string, distributorId?: string) {
  const r = await sql<{
    id: string;
    kind: string;
    amount_poisha: number;
    entry_date: string;
    due_date: string | null;
    reference: string | null;
    balance: number;
  }>`
    select e.id, e.kind, e.amount_poisha, e.entry_date, e.due_date,
           coalesce(so.number, p.number, r.number) as reference,
           sum(e.amount_poisha) over (order by e.entry_date, e.id)::bigint as balance
    from receivable_entries e
    left join secondary_orders so on so.org_id = e.org_id and so.id = e.order_id and e.kind = 'invoice'
    left join payments p on p.org_id = e.org_id and p.id = e.payment_id
    left join order_returns r on r.org_id = e.org_id and r.id = e.return_id
    where e.org_id = ${orgId} and e.outlet_id = ${outletId}
      ${distributorId ? sql`and e.distributor_id = ${distributorId}` : sql``}
    order by e.entry_date desc, e.id desc
    limit 200`.execute(db);
  return r.rows;
}

export async function outletNames(db: Executor, orgId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom("outlets as o")
    .innerJoin("distributors as d", (j) => j.onRef("d.org_id", "=", "o.org_id").onRef("d.id", "=", "o.distributor_id"))
    .select(["o.id", "o.code", "o.name", "o.name_bn", "d.name as distributor_name"])
    .where("o.org_id", "=", orgId)
    .where("o.id", "in", [...ids])
    .execute();
}
