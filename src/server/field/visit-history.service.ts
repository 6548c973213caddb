// Reading outlets' field visits for other modules (the CRM timeline). Unscoped: the caller has checked that the
// actor may see the outlet's account.
import type { VisitOutcome } from "../db/database.ts";
import type { Executor } from "../db/transaction.ts";
import { visitsOf } from "./visit-history.repository.ts";

export interface VisitHistoryItem {
  id: string;
  outletId: string;
  checkedInAt: Date;
  checkedOutAt: Date | null;
  outcome: VisitOutcome | null;
  /** The no-order reason's label in English and Bengali (its code when the reason is gone). */
  reason: { en: string; bn: string } | null;
  orderId: string | null;
  note: string | null;
  outsideRadius: boolean;
  userName: string;
}

/** The newest `limit` visits to these outlets checked in at or before `before`. */
export async function visitHistory(
  db: Executor,
  orgId: string,
  q: { outletIds: readonly string[]; before: Date; limit: number },
): Promise<VisitHistoryItem[]> {
  if (q.outletIds.length === 0) return [];
  const rows = await visitsOf(db, orgId, q);
  return rows.map((r) => ({
    id: r.id,
    outletId: r.outlet_id,
    checkedInAt: r.checked_in_at,
    checkedOutAt: r.checked_out_at,
    outcome: r.outcome,
    reason: r.no_order_reason ? { en: r.reason_en ?? r.no_order_reason, bn: r.reason_bn ?? r.no_order_reason } : null,
    orderId: r.order_id,
    note: r.note,
    outsideRadius: r.outside_radius,
    userName: r.user_name,
  }));
}
