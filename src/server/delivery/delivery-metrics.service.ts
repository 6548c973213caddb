// OTIF, fill rate and lead time of deliveries (definitions in delivery-metrics.ts and docs/api.md), for the trips
// of a period in the caller's scope: totals and one row per distributor.
import type { DeliveryMetricsQuery, FailureReason } from "../../shared/contracts/delivery.ts";
import { businessDate, daysBetween } from "../../shared/format.ts";
import { AccessErrors, can } from "../platform/access.ts";
import type { Ctx } from "../platform/context.ts";
import { DeliveryErrors } from "./delivery.errors.ts";
import * as repo from "./delivery.repository.ts";
import { type DropFact, deliveryFigures } from "./delivery-metrics.ts";

export const MAX_METRICS_DAYS = 366;

export async function deliveryMetrics(ctx: Ctx, query: DeliveryMetricsQuery) {
  if (!can(ctx.actor, "delivery.read")) throw AccessErrors.forbidden();
  const { orgId, scope } = ctx.actor;
  const today = businessDate();
  const to = query.to ?? today;
  const from = query.from ?? `${to.slice(0, 8)}01`;
  if (from > to || daysBetween(from, to) + 1 > MAX_METRICS_DAYS)
    throw DeliveryErrors.periodTooLong({ days: MAX_METRICS_DAYS });
  if (query.distributorId && !(await repo.distributorVisible(ctx.db, orgId, scope, query.distributorId)))
    throw DeliveryErrors.distributorNotFound();
  const filter = { from, to, distributorId: query.distributorId };
  const [rows, trips] = await Promise.all([
    repo.attemptedDrops(ctx.db, orgId, scope, filter),
    repo.tripsInPeriod(ctx.db, orgId, scope, filter),
  ]);
  const facts: DropFact[] = rows.map((r) => ({
    distributorId: r.distributor_id,
    tripId: r.trip_id,
    status: r.status as DropFact["status"],
    failureReason: r.failure_reason as FailureReason | null,
    orderedQty: r.ordered_qty ?? 0,
    deliveredQty: r.delivered_qty ?? 0,
    orderedPoisha: Number(r.ordered_poisha ?? 0),
    deliveredPoisha: Number(r.delivered_poisha ?? 0),
    cashCollectedPoisha: Number(r.cash_collected_poisha),
    doneOn: r.done_on,
    dueBy: r.due_by,
    completedAt: r.completed_at as Date,
    confirmedAt: r.confirmed_at,
  }));
  const distributors = new Map<string, { name: string; nameBn: string; trips: string[] }>();
  for (const t of trips) {
    const d = distributors.get(t.distributor_id) ?? {
      name: t.distributor_name,
      nameBn: t.distributor_name_bn,
      trips: [],
    };
    d.trips.push(t.id);
    distributors.set(t.distributor_id, d);
  }
  const byDistributor = [...distributors]
    .map(([id, d]) => ({
      distributorId: id,
      distributorName: d.name,
      distributorNameBn: d.nameBn,
      ...deliveryFigures(
        facts.filter((f) => f.distributorId === id),
        d.trips,
      ),
    }))
    .sort((a, b) => b.attempted - a.attempted || a.distributorName.localeCompare(b.distributorName));
  return {
    from,
    to,
    totals: {
      distributorId: null,
      distributorName: null,
      distributorNameBn: null,
      ...deliveryFigures(
        facts,
        trips.map((t) => t.id),
      ),
    },
    byDistributor,
  };
}
