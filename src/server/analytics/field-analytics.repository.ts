// SQL of the field dashboard that is not the field module's own data: the reps' memos (for sales, drop size and
// lines per call, grouped where they were booked and limited to a distributor when the slice has one), and each
// route's outlets with how many ordered (ECO), read against the outlet rollup.
import { sql } from "kysely";
import type { Executor } from "../db/transaction.ts";

export interface RepOrderRow {
  rep_user_id: string;
  order_date: string;
  territory_path: string;
  sales: number;
  orders: number;
  lines: number;
}

/**
 * Per rep, order date and the route (path) it was booked on: the total, number and lines of the rep's memos, not
 * cancelled. The same memos as the orders module's repOrderTotals (which feeds "my performance" and the live
 * view), read here to keep the path and to limit them to one distributor.
 */
export async function repOrders(
  db: Executor,
  orgId: string,
  f: { path: string | null; distributorId: string | null; from: string; to: string },
): Promise<RepOrderRow[]> {
  const r = await sql<RepOrderRow>`
    select rep_user_id, order_date::text as order_date, territory_path,
           sum(total_poisha)::bigint as sales, count(*)::bigint as orders, sum(line_count)::bigint as lines
    from secondary_orders
    where org_id = ${orgId} and rep_user_id is not null and status <> 'cancelled'
      and order_date between ${f.from}::date and ${f.to}::date
      ${f.path ? sql`and territory_path like ${`${f.path}%`}` : sql``}
      ${f.distributorId ? sql`and distributor_id = ${f.distributorId}` : sql``}
    group by rep_user_id, order_date, territory_path`.execute(db);
  return r.rows;
}

export interface RouteCoverageRow {
  route_id: string;
  path: string;
  outlets: number;
  ordered: number;
}

/**
 * Every open route in the subtree with its active outlets (only one distributor's when given) and how many of
 * them ordered in the period (a memo confirmed and not cancelled, from the outlet rollup).
 */
export async function routeCoverage(
  db: Executor,
  orgId: string,
  f: { path: string | null; distributorId: string | null; from: string; to: string },
): Promise<RouteCoverageRow[]> {
  const r = await sql<RouteCoverageRow>`
    select t.id as route_id, t.path,
           count(o.id)::int as outlets,
           count(o.id) filter (where exists (
             select 1 from outlet_sales_daily s
             where s.org_id = o.org_id and s.outlet_id = o.id and s.day between ${f.from}::date and ${f.to}::date
               and s.orders > 0 ${f.distributorId ? sql`and s.distributor_id = ${f.distributorId}` : sql``}
           ))::int as ordered
    from territories t
    left join outlets o on o.org_id = t.org_id and o.route_id = t.id and o.status = 'active'
      ${f.distributorId ? sql`and o.distributor_id = ${f.distributorId}` : sql``}
    where t.org_id = ${orgId} and t.level = 'route' and t.archived_at is null
      ${f.path ? sql`and t.path like ${`${f.path}%`}` : sql``}
    group by t.id, t.path`.execute(db);
  return r.rows;
}

/** Outlets a distributor serves now (any status), and which of them are active. */
export async function distributorOutlets(db: Executor, orgId: string, distributorId: string) {
  return db
    .selectFrom("outlets")
    .select(["id", "status"])
    .where("org_id", "=", orgId)
    .where("distributor_id", "=", distributorId)
    .execute();
}

/** A node's child territories (open ones), by name. */
export async function childTerritories(db: Executor, orgId: string, parentId: string) {
  return db
    .selectFrom("territories")
    .select(["id", "name", "name_bn", "level", "path"])
    .where("org_id", "=", orgId)
    .where("parent_id", "=", parentId)
    .where("archived_at", "is", null)
    .orderBy("name")
    .orderBy("id")
    .execute();
}

/** The tree's roots (a distributor's view has no node: its breakdown starts under them). */
export async function rootTerritories(db: Executor, orgId: string) {
  return db
    .selectFrom("territories")
    .select(["id", "name", "name_bn", "level", "path"])
    .where("org_id", "=", orgId)
    .where("parent_id", "is", null)
    .where("archived_at", "is", null)
    .orderBy("name")
    .execute();
}
