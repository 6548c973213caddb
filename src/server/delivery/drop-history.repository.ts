// Completed delivery drops of outlets' orders, newest first, for the CRM timeline of an outlet's account.
import type { Executor } from "../db/transaction.ts";

export function dropsOf(
  db: Executor,
  orgId: string,
  q: { outletIds: readonly string[]; distributorIds: readonly string[]; before: Date; limit: number },
) {
  return db
    .selectFrom("delivery_drops as d")
    .innerJoin("secondary_orders as o", (j) => j.onRef("o.org_id", "=", "d.org_id").onRef("o.id", "=", "d.order_id"))
    .innerJoin("delivery_trips as t", (j) => j.onRef("t.org_id", "=", "d.org_id").onRef("t.id", "=", "d.trip_id"))
    .leftJoin("users as u", (j) => j.onRef("u.org_id", "=", "d.org_id").onRef("u.id", "=", "d.completed_by"))
    .select([
      "d.id",
      "d.status",
      "d.failure_reason",
      "d.completed_at",
      "d.delivered_poisha",
      "d.cash_collected_poisha",
      "o.id as order_id",
      "o.number as order_number",
      "t.number as trip_number",
      "u.name as user_name",
    ])
    .where("d.org_id", "=", orgId)
    .where("d.completed_at", "is not", null)
    .where((eb) =>
      eb.or([
        ...(q.outletIds.length ? [eb("o.outlet_id", "in", q.outletIds)] : []),
        ...(q.distributorIds.length ? [eb("o.distributor_id", "in", q.distributorIds)] : []),
      ]),
    )
    .where("d.completed_at", "<=", q.before)
    .orderBy("d.completed_at", "desc")
    .orderBy("d.id", "desc")
    .limit(q.limit)
    .execute();
}
