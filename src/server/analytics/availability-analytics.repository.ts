// SQL of the availability dashboard that reads the rollups: how fast each distributor sells each SKU, for days of
// cover. (Shelf checks are the field module's audits; free stock is the inventory module's.)
import { sql } from "kysely";
import type { Executor } from "../db/transaction.ts";

/**
 * Ordered quantity per distributor x SKU over [from, to], for the distributors of the slice: the one given, or
 * those that sold inside the subtree in that window (the whole org without one). A distributor's rate is all its
 * sales, wherever booked: its stock serves all of them. Only pairs that sold (quantity > 0).
 */
export async function sellingRates(
  db: Executor,
  orgId: string,
  f: { path: string | null; distributorId: string | null; from: string; to: string },
) {
  const distributors = f.distributorId
    ? sql`select ${f.distributorId}::uuid as distributor_id`
    : sql`select distinct distributor_id from territory_sales_daily
          where org_id = ${orgId} and day between ${f.from}::date and ${f.to}::date
            ${f.path ? sql`and territory_path like ${`${f.path}%`}` : sql``}`;
  const r = await sql<{ distributor_id: string; sku_id: string; qty: number }>`
    select s.distributor_id, s.sku_id, sum(s.ordered_qty)::bigint as qty
    from sales_daily s
    where s.org_id = ${orgId} and s.day between ${f.from}::date and ${f.to}::date
      and s.distributor_id in (${distributors})
    group by s.distributor_id, s.sku_id
    having sum(s.ordered_qty) > 0`.execute(db);
  return r.rows;
}
