// Calls on outlets: check-in with the distance from the outlet's point (flagged beyond the org's radius),
// whether the call was on the rep's beat that day, and check-out with its outcome (an order, or why not).
import { businessDate } from "../../shared/format.ts";
import type { Executor } from "../db/transaction.ts";
import { withTransaction } from "../db/transaction.ts";
import { recordAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import { type CommandOutcome, FieldErrors, type FieldMessage, fieldWarning } from "./field.errors.ts";
import * as repo from "./field.repository.ts";
import { checkInDistance, gpsColumns, minutesBetween } from "./field-command-rules.ts";
import { type Command, fieldOutlet, placementOn, requireFieldUse } from "./field-scope.ts";
import { effectiveFieldSettings } from "./field-settings.service.ts";

export async function checkIn(ctx: Ctx, command: Command<"visit.check_in">): Promise<CommandOutcome> {
  requireFieldUse(ctx);
  const { orgId, userId } = ctx.actor;
  const { visitId, outletId, gps } = command.payload;
  const at = new Date(command.at);
  const visitDate = businessDate(at);
  return withTransaction(ctx.db, async (tx) => {
    const outlet = await fieldOutlet(tx, ctx, outletId);
    const place = await placementOn(tx, ctx, outlet, visitDate);
    const { checkInRadiusM } = await effectiveFieldSettings(tx, orgId);
    const { distanceM, outsideRadius } = checkInDistance(gps, outlet, checkInRadiusM);
    const inserted = await repo.insertVisit(tx, {
      orgId,
      id: visitId,
      userId,
      outletId,
      routeId: place.routeId,
      territoryPath: place.territoryPath,
      visitDate,
      planned: place.planned,
      checkedInAt: at,
      gps: gpsColumns(gps),
      distanceM,
      outsideRadius,
    });
    if (!inserted) throw FieldErrors.idTaken({ visitId });
    const warnings: FieldMessage[] = [];
    if (outsideRadius)
      warnings.push(fieldWarning("field.far_from_outlet", ctx.locale, { distanceM, radiusM: checkInRadiusM }));
    // A rep who walks beats expects their outlets on them; a supervisor has no beats of their own to compare.
    if (ctx.actor.role === "rep" && !place.onMyRoutes)
      warnings.push(
        fieldWarning(
          "field.outlet_moved",
          ctx.locale,
          { routeId: place.routeId },
          { routeName: place.routeName ?? "—" },
        ),
      );
    await recordAudit(tx, ctx, {
      entity: "visit",
      entityId: visitId,
      action: "check_in",
      after: { outletId, visitDate, routeId: place.routeId, planned: place.planned, distanceM, outsideRadius },
    });
    return { data: { visitId, distanceM, outsideRadius, planned: place.planned }, warnings };
  });
}

export async function checkOut(ctx: Ctx, command: Command<"visit.check_out">): Promise<CommandOutcome> {
  requireFieldUse(ctx);
  const { orgId, userId } = ctx.actor;
  const p = command.payload;
  const at = new Date(command.at);
  return withTransaction(ctx.db, async (tx) => {
    const visit = await repo.findOwnVisit(tx, orgId, userId, p.visitId);
    if (!visit) throw FieldErrors.visitNotFound();
    if (visit.checked_out_at) throw FieldErrors.visitClosed();
    if (at < visit.checked_in_at) throw FieldErrors.checkOutBeforeCheckIn();
    // An order taken on the visit makes it productive, whatever the phone says.
    const outcome = visit.order_id ? "order" : p.outcome;
    let reason: string | null = null;
    if (outcome === "no_order") {
      const { noOrderReasons } = await effectiveFieldSettings(tx, orgId);
      const code = p.noOrderReason ?? "";
      if (!noOrderReasons.some((r) => r.code === code && !r.archived))
        throw FieldErrors.unknownReason({ reason: code });
      reason = code;
    }
    const note = p.note ?? visit.note;
    await repo.updateVisit(tx, orgId, visit.id, { checked_out_at: at, outcome, no_order_reason: reason, note });
    const minutesSpent = minutesBetween(visit.checked_in_at, at);
    await recordAudit(tx, ctx, {
      entity: "visit",
      entityId: visit.id,
      action: "check_out",
      before: { checkedOutAt: null, outcome: visit.outcome },
      after: { checkedOutAt: at.toISOString(), outcome, noOrderReason: reason, minutesSpent },
    });
    return { data: { visitId: visit.id, minutesSpent, outcome }, warnings: [] };
  });
}

/**
 * Files work done on a visit (an order) under it, when the visit is the caller's and at this outlet; false
 * otherwise, and the work stands on its own.
 */
export async function linkOrderToVisit(
  db: Executor,
  ctx: Ctx,
  link: { visitId: string; outletId: string; orderId: string },
): Promise<boolean> {
  const { orgId, userId } = ctx.actor;
  const visit = await repo.findOwnVisit(db, orgId, userId, link.visitId);
  if (!visit || visit.outlet_id !== link.outletId) return false;
  // An order makes the visit productive, even one checked out as "no order" before the order synced.
  await repo.updateVisit(db, orgId, visit.id, { order_id: link.orderId, outcome: "order", no_order_reason: null });
  await recordAudit(db, ctx, {
    entity: "visit",
    entityId: visit.id,
    action: "link_order",
    before: { orderId: visit.order_id, outcome: visit.outcome },
    after: { orderId: link.orderId, outcome: "order" },
  });
  return true;
}

/** The caller's visit at this outlet, for work that may be filed under it; null when it is not. */
export async function ownVisitAt(db: Executor, ctx: Ctx, visitId: string, outletId: string) {
  const visit = await repo.findOwnVisit(db, ctx.actor.orgId, ctx.actor.userId, visitId);
  return visit && visit.outlet_id === outletId ? visit : null;
}
