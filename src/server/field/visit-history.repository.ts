// Field visits to outlets, newest first, for the CRM timeline of an outlet's account.
import type { Executor } from "../db/transaction.ts";

export function visitsOf(
  db: Executor,
  orgId: string,
  q: { outletIds: readonly string[]; before: Date; limit: number },
) {
  return db
    .selectFrom("visits as v")
    .innerJoin("users as u", (j) => j.onRef("u.org_id", "=", "v.org_id").onRef("u.id", "=", "v.user_id"))
    .leftJoin("no_order_reasons as r", (j) =>
      j.onRef("r.org_id", "=", "v.org_id").onRef("r.code", "=", "v.no_order_reason"),
    )
    .select([
      "v.id",
      "v.outlet_id",
      "v.checked_in_at",
      "v.checked_out_at",
      "v.outcome",
      "v.no_order_reason",
      "v.order_id",
      "v.note",
      "v.outside_radius",
      "u.name as user_name",
      "r.label_en as reason_en",
      "r.label_bn as reason_bn",
    ])
    .where("v.org_id", "=", orgId)
    .where("v.outlet_id", "in", q.outletIds)
    .where("v.checked_in_at", "<=", q.before)
    .orderBy("v.checked_in_at", "desc")
    .orderBy("v.id", "desc")
    .limit(q.limit)
    .execute();
}
