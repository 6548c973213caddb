// For other modules (promotions' campaign results): every outlet's sales in two periods from the outlet rollup.
import type { Executor } from "../db/transaction.ts";
import * as repo from "./outlet-period-sales.repository.ts";

export interface OutletPeriodSales {
  outletId: string;
  channel: string;
  outletClass: string;
  distributorId: string | null;
  territoryPath: string | null;
  beforePoisha: number;
  duringPoisha: number;
  /** The outlet's first day with an order, ever (null: none yet). */
  firstOrderDay: string | null;
}

export async function outletSalesInPeriods(
  db: Executor,
  orgId: string,
  before: { from: string; to: string },
  during: { from: string; to: string },
): Promise<OutletPeriodSales[]> {
  const rows = await repo.outletPeriodSales(db, orgId, before, during);
  return rows.map((r) => ({
    outletId: r.outlet_id,
    channel: r.channel,
    outletClass: r.class,
    distributorId: r.distributor_id,
    territoryPath: r.route_path,
    beforePoisha: Number(r.before_poisha),
    duringPoisha: Number(r.during_poisha),
    firstOrderDay: r.first_day,
  }));
}
