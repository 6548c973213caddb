// The sales rollups' life: the orders module queues each change in its own transaction (queueSalesChange), the
// worker turns queued changes into deltas and adds them to every rollup (applyPendingSalesChanges), and the
// rebuild recomputes them from the orders (rebuildSalesRollups). Both paths use the line facts defined in
// sales-rollups.repository.ts, and a property test holds them equal.
import type { Freshness } from "../../shared/contracts/analytics.ts";
import type { Db, Executor } from "../db/transaction.ts";
import { withTransaction } from "../db/transaction.ts";
import { AccessErrors, can } from "../platform/access.ts";
import { recordAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import type { DeltaRow, LineFact, QueuedChange, SalesChange } from "./sales-rollups.repository.ts";
import * as repo from "./sales-rollups.repository.ts";

export type { SalesChange };

let queueing = true;

/**
 * Whether order changes are queued for the rollups (on unless switched off). Off only for measuring what the
 * rollups cost the order path (`npm run bench -- dashboard`): the dashboards then go stale until a rebuild.
 */
export function useSalesRollups(on: boolean) {
  queueing = on;
}

/** Called by the orders module inside the transaction of the change: the rollups hear of it if and only if it commits. */
export async function queueSalesChange(
  tx: Executor,
  orgId: string,
  orderId: string,
  change: SalesChange,
  returnId: string | null = null,
) {
  if (queueing) await repo.enqueue(tx, { orgId, orderId, change, returnId });
}

const BATCH = 2000;

/**
 * Applies queued changes, a batch per transaction, until the queue is empty or another process holds the
 * rollup lock (it is doing the same work). Returns how many changes were applied.
 */
export async function applyPendingSalesChanges(db: Db, batchSize = BATCH): Promise<number> {
  let applied = 0;
  for (;;) {
    const n = await withTransaction(db, async (tx) => {
      if (!(await repo.tryLockRollups(tx))) return -1;
      const batch = await repo.claimBatch(tx, batchSize);
      if (batch.length === 0) return 0;
      const facts = await repo.factsOf(tx, batch);
      const deltas = deltasOf(batch, facts);
      for (const [table, all] of Object.entries(deltas) as [keyof typeof deltas, DeltaRow[]][]) {
        // A memo confirmed and cancelled within one batch adds nothing: no row for it.
        const rows = all.filter((r) => !isZero(r));
        await repo.addDeltas(tx, table, rows);
        // Only a subtraction can empty a row.
        await repo.pruneEmpty(
          tx,
          table,
          rows.filter((r) => r.order_lines < 0 || r.orders < 0),
        );
      }
      await repo.deleteQueued(
        tx,
        batch.map((b) => b.id),
      );
      await repo.markApplied(tx, [...new Set(batch.map((b) => b.org_id))]);
      return batch.length;
    });
    if (n <= 0) return applied;
    applied += n;
    if (n < batchSize) return applied;
  }
}

const ZERO = () => ({
  orders: 0,
  order_lines: 0,
  ordered_qty: 0,
  ordered_poisha: 0,
  delivered_qty: 0,
  delivered_poisha: 0,
  returned_qty: 0,
  returned_poisha: 0,
});

const isZero = (r: DeltaRow) =>
  r.orders === 0 &&
  r.order_lines === 0 &&
  r.ordered_qty === 0 &&
  r.ordered_poisha === 0 &&
  r.delivered_qty === 0 &&
  r.delivered_poisha === 0 &&
  r.returned_qty === 0 &&
  r.returned_poisha === 0;

/** What a fact adds to the measures: cancellation takes back exactly what confirmation added. */
function addFact(m: ReturnType<typeof ZERO>, f: LineFact) {
  const sign = f.change === "cancelled" ? -1 : 1;
  if (f.change === "confirmed" || f.change === "cancelled") {
    m.order_lines += sign;
    m.ordered_qty += sign * Number(f.qty);
    m.ordered_poisha += sign * Number(f.poisha);
  } else if (f.change === "delivered") {
    m.delivered_qty += Number(f.qty);
    m.delivered_poisha += Number(f.poisha);
  } else {
    m.returned_qty += Number(f.qty);
    m.returned_poisha += Number(f.poisha);
  }
}

/** Every node a route path lies under, itself included: '/a/b/' -> '/a/', '/a/b/'. */
export function pathsAbove(path: string): string[] {
  const ids = path.split("/").filter(Boolean);
  return ids.map((_, i) => `/${ids.slice(0, i + 1).join("/")}/`);
}

/** Sums a batch's facts into one delta row per key of each rollup. Pure. */
export function deltasOf(batch: readonly QueuedChange[], facts: readonly LineFact[]) {
  const tables = {
    sales_daily: new Map<string, DeltaRow>(),
    sku_sales_by_node: new Map<string, DeltaRow>(),
    territory_sales_daily: new Map<string, DeltaRow>(),
    outlet_sales_daily: new Map<string, DeltaRow>(),
  };
  const row = (table: keyof typeof tables, keys: Record<string, string>) => {
    const id = Object.values(keys).join("|");
    let r = tables[table].get(id);
    if (!r) {
      r = { ...keys, ...ZERO() } as DeltaRow;
      tables[table].set(id, r);
    }
    return r;
  };
  const changeOf = new Map(batch.map((b) => [b.id, b.change]));
  const countedOrder = new Set<string>();
  for (const f of facts) {
    const base = { org_id: f.org_id, territory_path: f.territory_path, distributor_id: f.distributor_id };
    const daily = row("sales_daily", {
      org_id: f.org_id,
      day: f.day,
      territory_path: f.territory_path,
      distributor_id: f.distributor_id,
      sku_id: f.sku_id,
    });
    const territory = row("territory_sales_daily", { ...base, day: f.day });
    const outlet = row("outlet_sales_daily", { ...base, day: f.day, outlet_id: f.outlet_id });
    for (const t of [daily, territory, outlet]) addFact(t, f);
    for (const node of pathsAbove(f.territory_path))
      addFact(row("sku_sales_by_node", { org_id: f.org_id, node_path: node, day: f.day, sku_id: f.sku_id }), f);
    // A memo counts once, on its first line, in the rollups that count memos.
    const change = changeOf.get(f.queue_id);
    if ((change === "confirmed" || change === "cancelled") && !countedOrder.has(f.queue_id)) {
      countedOrder.add(f.queue_id);
      const sign = change === "cancelled" ? -1 : 1;
      territory.orders += sign;
      outlet.orders += sign;
    }
  }
  return {
    sales_daily: [...tables.sales_daily.values()],
    sku_sales_by_node: [...tables.sku_sales_by_node.values()],
    territory_sales_daily: [...tables.territory_sales_daily.values()],
    outlet_sales_daily: [...tables.outlet_sales_daily.values()],
  };
}

/** Recomputes an org's rollups from its orders; queued changes already in the orders are dropped with it. */
export async function rebuildSalesRollups(db: Db, orgId: string) {
  const t0 = Date.now();
  const rows = await withTransaction(db, async (tx) => {
    await repo.lockRollups(tx);
    await repo.deleteRollups(tx, orgId);
    const counts = await repo.rebuild(tx, orgId);
    await repo.markRebuilt(tx, orgId);
    return counts;
  });
  return {
    rebuiltAt: new Date().toISOString(),
    ms: Date.now() - t0,
    rows: { salesDaily: rows.daily, outletDaily: rows.outlet, territoryDaily: rows.territory },
  };
}

/** Fresh statistics for the rollups after a rebuild of large data (the CLI and the demo seed). */
export async function refreshRollupStatistics(db: Db) {
  await repo.vacuumRollups(db);
}

/** The admin's rebuild of their own org's rollups, from the API. */
export async function rebuildOwnSalesRollups(ctx: Ctx) {
  if (!can(ctx.actor, "analytics.manage")) throw AccessErrors.forbidden();
  return withTransaction(ctx.db, async (tx) => {
    const result = await rebuildSalesRollups(tx, ctx.actor.orgId);
    await recordAudit(tx, ctx, {
      entity: "sales_analytics",
      entityId: ctx.actor.orgId,
      action: "rebuild",
      after: result,
    });
    return result;
  });
}

export async function salesFreshness(db: Executor, orgId: string): Promise<Freshness> {
  const f = await repo.freshness(db, orgId);
  const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
  return {
    appliedAt: iso(f.applied_at),
    pending: Number(f.pending),
    oldestPendingAt: iso(f.oldest),
    rebuiltAt: iso(f.rebuilt_at),
  };
}

/** The caller's org's freshness (the dashboards show it; tools poll it). */
export async function freshnessForCaller(ctx: Ctx): Promise<Freshness> {
  if (!can(ctx.actor, "analytics.read")) throw AccessErrors.forbidden();
  return salesFreshness(ctx.db, ctx.actor.orgId);
}
