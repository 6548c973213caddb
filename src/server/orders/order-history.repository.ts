// An outlet's or distributor's secondary orders, newest first, for the CRM timeline of its account.
import type { Executor } from "../db/transaction.ts";

export function ordersOf(
  db: Executor,
  orgId: string,
  q: { outletIds: readonly string[]; distributorIds: readonly string[]; before: Date; limit: number },
) {
  return db
    .selectFrom("secondary_orders as o")
    .innerJoin("outlets as ot", (j) => j.onRef("ot.org_id", "=", "o.org_id").onRef("ot.id", "=", "o.outlet_id"))
    .leftJoin("users as u", (j) => j.onRef("u.org_id", "=", "o.org_id").onRef("u.id", "=", "o.rep_user_id"))
    .select([
      "o.id",
      "o.number",
      "o.status",
      "o.total_poisha",
      "o.created_at",
      "o.outlet_id",
      "ot.name as outlet_name",
      "ot.name_bn as outlet_name_bn",
      "u.name as rep_name",
    ])
    .where("o.org_id", "=", orgId)
    .where((eb) =>
      eb.or([
        ...(q.outletIds.length ? [eb("o.outlet_id", "in", q.outletIds)] : []),
        ...(q.distributorIds.length ? [eb("o.distributor_id", "in", q.distributorIds)] : []),
      ]),
    )
    .where("o.created_at", "<=", q.before)
    .orderBy("o.created_at", "desc")
    .orderBy("o.id", "desc")
    .limit(q.limit)
    .execute();
}
