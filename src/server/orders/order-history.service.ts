// Reading an outlet's or distributor's order history for other modules (the CRM timeline). Unscoped: the caller
// has checked that the actor may see the outlet or distributor's account.
import type { SecondaryOrderStatus } from "../db/database.ts";
import type { Executor } from "../db/transaction.ts";
import { ordersOf } from "./order-history.repository.ts";

export interface OrderHistoryItem {
  id: string;
  number: string;
  status: SecondaryOrderStatus;
  totalPoisha: number;
  createdAt: Date;
  outletId: string;
  outletName: string;
  outletNameBn: string;
  repName: string | null;
}

/** The newest `limit` secondary orders of these outlets or distributors placed at or before `before`. */
export async function orderHistory(
  db: Executor,
  orgId: string,
  q: { outletIds: readonly string[]; distributorIds: readonly string[]; before: Date; limit: number },
): Promise<OrderHistoryItem[]> {
  if (q.outletIds.length === 0 && q.distributorIds.length === 0) return [];
  const rows = await ordersOf(db, orgId, q);
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    status: r.status,
    totalPoisha: Number(r.total_poisha),
    createdAt: r.created_at,
    outletId: r.outlet_id,
    outletName: r.outlet_name,
    outletNameBn: r.outlet_name_bn,
    repName: r.rep_name ?? null,
  }));
}
