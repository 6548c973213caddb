// Budgets and per-outlet caps under concurrent orders. A confirmed order reserves each applied scheme's cost in the
// order's own transaction: one statement for the budgets (rows locked in scheme-id order, then each spend grown if
// the cost fits) and one conditional upsert per scheme x outlet (cap), also in scheme-id order, so two orders never
// wait on each other crosswise. A scheme that does not fit is reported; the
// orders module then prices the memo again without it, after this pass's reservations are given back (same
// transaction). The row stays locked until commit, so orders drawing on the same budget queue there, and the
// budget can never be overspent: the database's check (spent <= budget) is the last line of defence.
//
// Only schemes with a budget keep a running spend on their row (others would make every order using them queue
// on one row for nothing); an unbudgeted scheme's spend is the sum of its active grants.
import { newId } from "../../shared/ids.ts";
import type { Executor } from "../db/transaction.ts";
import * as repo from "./promotions.repository.ts";

export interface SchemeCost {
  schemeId: string;
  discountPoisha: number;
  freeValuePoisha: number;
}

export interface SchemeLimits {
  budgetPoisha: number | null;
  perOutletCapPoisha: number | null;
}

export type Reservation = { ok: true } | { ok: false; schemeId: string; limit: "budget" | "outlet_cap" };

const costOf = (c: SchemeCost) => c.discountPoisha + c.freeValuePoisha;

/**
 * Reserve every cost or none: in scheme-id order; on the first that does not fit, what this call reserved is
 * released and the scheme and the limit it hit are returned.
 */
export async function reserveSchemeCosts(
  tx: Executor,
  orgId: string,
  outletId: string,
  costs: readonly SchemeCost[],
  limits: ReadonlyMap<string, SchemeLimits>,
): Promise<Reservation> {
  const sorted = [...costs].filter((c) => costOf(c) > 0).sort((a, b) => (a.schemeId < b.schemeId ? -1 : 1));
  // Budgets first, in one statement (their rows are the hot ones); then each capped scheme's row for this outlet.
  const budgeted = sorted.filter((c) => limits.get(c.schemeId)?.budgetPoisha != null);
  const over = await repo.reserveBudgets(
    tx,
    orgId,
    budgeted.map((c) => ({ schemeId: c.schemeId, cost: costOf(c) })),
  );
  const budgetsDone = budgeted.filter((c) => !over.includes(c.schemeId));
  if (over[0]) {
    for (const c of budgetsDone) await repo.releaseBudget(tx, orgId, c.schemeId, costOf(c));
    return { ok: false, schemeId: over[0], limit: "budget" };
  }
  const done: { schemeId: string; cost: number; budget: boolean; cap: boolean }[] = [];
  for (const c of sorted) {
    const cap = limits.get(c.schemeId)?.perOutletCapPoisha;
    if (cap == null) continue;
    const cost = costOf(c);
    if (!(await repo.reserveOutletUsage(tx, orgId, c.schemeId, outletId, cost, cap))) {
      await release(tx, orgId, outletId, done);
      for (const b of budgetsDone) await repo.releaseBudget(tx, orgId, b.schemeId, costOf(b));
      return { ok: false, schemeId: c.schemeId, limit: "outlet_cap" };
    }
    done.push({ schemeId: c.schemeId, cost, budget: false, cap: true });
  }
  return { ok: true };
}

async function release(
  tx: Executor,
  orgId: string,
  outletId: string,
  done: readonly { schemeId: string; cost: number; budget: boolean; cap: boolean }[],
) {
  for (const d of done) {
    if (d.budget) await repo.releaseBudget(tx, orgId, d.schemeId, d.cost);
    if (d.cap) await repo.releaseOutletUsage(tx, orgId, d.schemeId, outletId, d.cost);
  }
}

/** One grant per scheme that gave something on a confirmed order (after its reservation succeeded). */
export async function recordGrants(
  tx: Executor,
  orgId: string,
  order: { orderId: string; outletId: string; distributorId: string; orderDate: string },
  costs: readonly SchemeCost[],
) {
  await repo.insertGrants(
    tx,
    costs
      .filter((c) => costOf(c) > 0)
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
      })),
  );
}

/** A cancelled order gives back what its schemes reserved (budget and the outlet's usage) and its grants lapse. */
export async function releaseOrderGrants(tx: Executor, orgId: string, orderId: string) {
  const grants = await repo.activeGrantsOfOrder(tx, orgId, orderId);
  if (grants.length === 0) return;
  const schemes = new Map(
    (
      await repo.schemesByIds(
        tx,
        orgId,
        grants.map((g) => g.scheme_id),
      )
    ).map((s) => [s.id, s]),
  );
  for (const g of grants) {
    const s = schemes.get(g.scheme_id);
    if (s?.budget_poisha != null) await repo.releaseBudget(tx, orgId, g.scheme_id, g.cost_poisha);
    if (s?.per_outlet_cap_poisha != null)
      await repo.releaseOutletUsage(tx, orgId, g.scheme_id, g.outlet_id, g.cost_poisha);
  }
  await repo.markGrantsReleased(tx, orgId, orderId);
}
