// Reading completed deliveries for other modules (the CRM timeline). Unscoped: the caller has checked that the
// actor may see the outlet's or distributor's account.
import type { DropStatus } from "../db/database.ts";
import type { Executor } from "../db/transaction.ts";
import { dropsOf } from "./drop-history.repository.ts";

export interface DropHistoryItem {
  id: string;
  status: DropStatus;
  failureReason: string | null;
  completedAt: Date;
  deliveredPoisha: number | null;
  cashCollectedPoisha: number;
  orderId: string;
  orderNumber: string;
  tripNumber: string;
  userName: string | null;
}

/** The newest `limit` completed drops of these outlets' (or distributors') orders, at or before `before`. */
export async function dropHistory(
  db: Executor,
  orgId: string,
  q: { outletIds: readonly string[]; distributorIds: readonly string[]; before: Date; limit: number },
): Promise<DropHistoryItem[]> {
  if (q.outletIds.length === 0 && q.distributorIds.length === 0) return [];
  const rows = await dropsOf(db, orgId, q);
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    failureReason: r.failure_reason,
    completedAt: r.completed_at as Date,
    deliveredPoisha: r.delivered_poisha === null ? null : Number(r.delivered_poisha),
    cashCollectedPoisha: Number(r.cash_collected_poisha),
    orderId: r.order_id,
    orderNumber: r.order_number,
    tripNumber: r.trip_number,
    userName: r.user_name ?? null,
  }));
}
