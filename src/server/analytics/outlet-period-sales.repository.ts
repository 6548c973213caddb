// Each outlet's sales in two periods, with the attributes schemes target (channel, class, distributor, route path)
// and its first day with an order ever: what a campaign's results compare (promotions/campaign-results.ts).
import { sql } from "kysely";
import type { Executor } from "../db/transaction.ts";

export interface OutletPeriodSalesRow {
  outlet_id: string;
  channel: string;
  class: string;
  distributor_id: string | null;
  route_path: string | null;
  before_poisha: string;
  during_poisha: string;
  first_day: string | null;
}

export async function outletPeriodSales(
  db: Executor,
  orgId: string,
  before: { from: string; to: string },
  during: { from: string; to: string },
) {
  const r = await sql<OutletPeriodSalesRow>`
    with sales as (
      select outlet_id,
             sum(ordered_poisha) filter (where day between ${before.from} and ${before.to}) as before_poisha,
             sum(ordered_poisha) filter (where day between ${during.from} and ${during.to}) as during_poisha
      from outlet_sales_daily
      where org_id = ${orgId} and day between ${before.from} and ${during.to}
      group by outlet_id
    ), firsts as (
      select outlet_id, min(day)::text as first_day
      from outlet_sales_daily
      where org_id = ${orgId} and orders > 0
      group by outlet_id
    )
    select o.id as outlet_id, o.channel, o.class, o.distributor_id, r.path as route_path,
           coalesce(s.before_poisha, 0)::text as before_poisha, coalesce(s.during_poisha, 0)::text as during_poisha,
           f.first_day
    from outlets o
    left join territories r on r.org_id = o.org_id and r.id = o.route_id
    left join sales s on s.outlet_id = o.id
    left join firsts f on f.outlet_id = o.id
    where o.org_id = ${orgId}`.execute(db);
  return r.rows;
}
