// SQL of what the field app's snapshot adds to the other modules' data: the rep's visit order of each beat, the
// last visit and stock audit of each outlet, and which outlets had field activity since the last snapshot.
import { sql } from "kysely";
import type { Executor } from "../db/transaction.ts";

/** The database's clock: every updated_at the snapshot compares with comes from it. */
export async function databaseNow(db: Executor): Promise<Date> {
  const r = await sql<{ now: Date }>`select clock_timestamp() as now`.execute(db);
  const now = r.rows[0]?.now;
  if (!now) throw new Error("the database did not tell the time");
  return new Date(now);
}

/** The visit order the rep set on these routes. */
export function beatStopsOf(db: Executor, orgId: string, routeIds: readonly string[]) {
  if (routeIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("beat_stops")
    .select(["route_id", "outlet_id", "position"])
    .where("org_id", "=", orgId)
    .where("route_id", "in", [...routeIds])
    .execute();
}

/** Each outlet's latest visit date (by anyone). */
export function lastVisitDates(db: Executor, orgId: string, outletIds: readonly string[]) {
  if (outletIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("visits")
    .select((eb) => ["outlet_id", eb.fn.max("visit_date").as("visit_date")])
    .where("org_id", "=", orgId)
    .where("outlet_id", "in", [...outletIds])
    .groupBy("outlet_id")
    .execute();
}

/** The SKUs out of stock (qty 0) at each outlet's latest stock audit. */
export async function lastAuditOutOfStock(db: Executor, orgId: string, outletIds: readonly string[]) {
  if (outletIds.length === 0) return [];
  const r = await sql<{ outlet_id: string; sku_id: string }>`
    with latest as (
      select distinct on (outlet_id) outlet_id, id
      from outlet_stock_audits
      where org_id = ${orgId} and outlet_id in (${sql.join([...outletIds])})
      order by outlet_id, audited_at desc, id desc
    )
    select latest.outlet_id, l.sku_id
    from latest
    join outlet_stock_audit_lines l on l.org_id = ${orgId} and l.audit_id = latest.id
    where l.qty = 0
    order by latest.outlet_id, l.sku_id`.execute(db);
  return r.rows;
}

/** Outlets among these with a visit or a stock audit recorded after `since`. */
export async function outletsWithFieldActivitySince(
  db: Executor,
  orgId: string,
  outletIds: readonly string[],
  since: Date,
): Promise<string[]> {
  if (outletIds.length === 0) return [];
  const ids = sql.join([...outletIds]);
  const r = await sql<{ outlet_id: string }>`
    select outlet_id from visits where org_id = ${orgId} and outlet_id in (${ids}) and created_at > ${since}
    union
    select outlet_id from outlet_stock_audits
    where org_id = ${orgId} and outlet_id in (${ids}) and created_at > ${since}`.execute(db);
  return r.rows.map((row) => row.outlet_id);
}
