// Budgets and per-outlet caps under concurrent orders. A budgeted scheme's spend is charged when the order that used
// it commits: a deferred trigger on promo_grants grows the spend inside COMMIT, or fails the commit when the cost no
// longer fits (migration 2026-11-24-22). The budget's row is the hottest in the system (every order using the scheme
// writes it), and this way it stays locked only while the commit is written, not through the rest of the order.
//
// Before that, a confirmation checks each budget for room against the spend in the schemes it priced with (cached
// for a few seconds: promotions.service), and reserves each cap in the outlet's usage row (one conditional upsert per
// scheme x outlet, in scheme-id order; an outlet's rows are not hot, so this holds until commit). A scheme that does
// not fit is reported and the orders module prices the memo again without it. An order that counted on room which
// another order has meanwhile taken fails at commit; its transaction is run again (db/transaction.ts) with the
// schemes read afresh, and this time it sees the budget used up. Near a budget's end, when many orders would count on
// the same last room, they charge it before commit instead (chargeBudgetsNow) and queue on its row. Either way the
// budget is never overspent, and the database's check (spent <= budget) is the last line of defence.
//
// Only schemes with a budget keep a running spend on their row (others would make every order using them queue
// on one row for nothing); an unbudgeted scheme's spend is the sum of its active grants.
import { newId } from "../../shared/ids.ts";
import type { Executor } from "../db/transaction.ts";
import * as repo from "./promotions.repository.ts";
import { forgetSchemes } from "./promotions.service.ts";

export interface SchemeCost {
  schemeId: string;
  discountPoisha: number;
  freeValuePoisha: number;
}

export interface SchemeLimits {
  budgetPoisha: number | null;
  /** The budget's spend when the schemes were read. */
  spentPoisha: number;
  perOutletCapPoisha: number | null;
}

export type Reservation =
  | { ok: true; chargeNow: boolean }
  | { ok: false; schemeId: string; limit: "budget" | "outlet_cap" };

/**
 * A budget with room left for fewer than this many more of the order's cost is near its end: the orders drawing on
 * it then charge it before they commit (chargeBudgetsNow) and queue on its row, rather than many of them counting on
 * the same last room and all but one failing at commit. Far from its end, waiting on the row would only slow them.
 */
const NEAR_END_ORDERS = 500;

const costOf = (c: SchemeCost) => c.discountPoisha + c.freeValuePoisha;
const bySchemeId = (a: SchemeCost, b: SchemeCost) => (a.schemeId < b.schemeId ? -1 : a.schemeId > b.schemeId ? 1 : 0);

/**
 * Check every budget and reserve every cap, or none: on the first scheme that does not fit, what this call reserved
 * is released and the scheme and the limit it hit are returned. Budgets are charged later, by the grants' commit.
 */
export async function reserveSchemeCosts(
  tx: Executor,
  orgId: string,
  outletId: string,
  costs: readonly SchemeCost[],
  limits: ReadonlyMap<string, SchemeLimits>,
): Promise<Reservation> {
  const sorted = costs.filter((c) => costOf(c) > 0).sort(bySchemeId);
  const roomAfter = (c: SchemeCost) => {
    const limit = limits.get(c.schemeId);
    return limit?.budgetPoisha == null ? Number.POSITIVE_INFINITY : limit.budgetPoisha - limit.spentPoisha - costOf(c);
  };
  const noRoom = sorted.find((c) => roomAfter(c) < 0);
  if (noRoom) return { ok: false, schemeId: noRoom.schemeId, limit: "budget" };
  const chargeNow = sorted.some((c) => roomAfter(c) < costOf(c) * NEAR_END_ORDERS);
  const capped: { schemeId: string; cost: number }[] = [];
  for (const c of sorted) {
    const cap = limits.get(c.schemeId)?.perOutletCapPoisha;
    if (cap == null) continue;
    const cost = costOf(c);
    if (!(await repo.reserveOutletUsage(tx, orgId, c.schemeId, outletId, cost, cap))) {
      for (const d of capped) await repo.releaseOutletUsage(tx, orgId, d.schemeId, outletId, d.cost);
      return { ok: false, schemeId: c.schemeId, limit: "outlet_cap" };
    }
    capped.push({ schemeId: c.schemeId, cost });
  }
  return { ok: true, chargeNow };
}

/**
 * Charges this transaction's grants to their budgets now instead of at commit, and keeps the budgets' rows locked
 * until then. Called last in the order (after its stock rows, the order every transaction locks them in). A budget
 * that no longer fits fails the transaction as a serialization failure, and it is run again with fresh figures.
 */
export async function chargeBudgetsNow(tx: Executor) {
  await repo.chargeBudgetsNow(tx);
}

/** One grant per scheme that gave something on a confirmed order (after its reservation succeeded). */
export async function recordGrants(
  tx: Executor,
  orgId: string,
  order: { orderId: string; outletId: string; distributorId: string; orderDate: string },
  costs: readonly SchemeCost[],
  limits: ReadonlyMap<string, SchemeLimits>,
) {
  await repo.insertGrants(
    tx,
    // In scheme-id order: the commit charges the budgets in the order the grants were inserted.
    costs
      .filter((c) => costOf(c) > 0)
      .sort(bySchemeId)
      .map((c) => ({
        org_id: orgId,
        id: newId(),
        order_id: order.orderId,
        scheme_id: c.schemeId,
        outlet_id: order.outletId,
        distributor_id: order.distributorId,
        order_date: order.orderDate,
        discount_poisha: c.discountPoisha,
        free_value_poisha: c.freeValuePoisha,
        cost_poisha: costOf(c),
        charges_budget: limits.get(c.schemeId)?.budgetPoisha != null,
      })),
  );
}

/**
 * A cancelled order gives back the outlet's usage of its capped schemes, and its grants lapse (releasing a grant
 * gives its cost back to a budget, by the same trigger that charged it).
 */
export async function releaseOrderGrants(tx: Executor, orgId: string, orderId: string) {
  const grants = await repo.activeGrantsOfOrder(tx, orgId, orderId);
  if (grants.length === 0) return;
  // The budgets' spend in this process's cached schemes is about to fall: the next order reads it afresh.
  if (grants.some((g) => g.charges_budget)) forgetSchemes(orgId);
  const schemes = new Map(
    (
      await repo.schemesByIds(
        tx,
        orgId,
        grants.map((g) => g.scheme_id),
      )
    ).map((s) => [s.id, s]),
  );
  // One grant at a time in scheme-id order (as they were charged), so the commit gives back to the budgets in the
  // same order as an order's commit takes from them.
  for (const g of grants) {
    if (schemes.get(g.scheme_id)?.per_outlet_cap_poisha != null)
      await repo.releaseOutletUsage(tx, orgId, g.scheme_id, g.outlet_id, g.cost_poisha);
    await repo.markGrantReleased(tx, orgId, g.id);
  }
}
