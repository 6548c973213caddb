// How the field force is doing: a rep's own figures for today and the month so far, and the managers' live view
// of a day (every rep of their subtree with the same figures, and every visit). The figures are defined once, in
// field-kpis.ts; this gathers the counts, one query per kind of data for all reps at once.
import type { FieldLiveQuery, FieldLiveResponse, FieldPerformanceResponse } from "../../shared/contracts/field.ts";
import { businessDate } from "../../shared/format.ts";
import type { Executor } from "../db/transaction.ts";
import { activeOutletsByRoute, outletNames, routeOwners } from "../network/outlets.service.ts";
import { orderSummaries, repOrderTotals } from "../orders/orders.service.ts";
import { AccessErrors, can, territoryInScope } from "../platform/access.ts";
import type { Ctx } from "../platform/context.ts";
import { findTerritory } from "../platform/territories/territories.repository.ts";
import { TerritoryErrors } from "../platform/territories/territories.service.ts";
import { valueTargetFor } from "../targets/targets.service.ts";
import { fieldForce } from "../users/users.service.ts";
import { minutesBetween, weekdayOf } from "./field-command-rules.ts";
import * as repo from "./field-kpis.repository.ts";
import {
  addCounts,
  type BeatPlan,
  countsByRep,
  datesFrom,
  kpisOf,
  monthStartOf,
  NO_COUNTS,
  type RouteOwnership,
  routeOwnersOn,
  type VisitFact,
} from "./field-kpis.ts";

type VisitRow = Awaited<ReturnType<typeof repo.listVisits>>[number];

/** The rep's value target for the month with the month so far against it; null when none is set. */
async function fieldTarget(db: Executor, orgId: string, userId: string, monthStart: string, today: string) {
  const t = await valueTargetFor(db, orgId, {
    subjectKind: "rep",
    subjectId: userId,
    from: monthStart,
    to: today,
    today,
  });
  if (!t) return null;
  return {
    valuePoisha: t.valuePoisha,
    achievedBp: t.achievedBp ?? 0,
    achievedPoisha: t.achievedPoisha,
    projectedPoisha: t.projectedPoisha,
    requiredDailyPoisha: t.requiredDailyPoisha,
    status: t.status,
  };
}

const visitFact = (v: VisitRow): VisitFact => ({
  userId: v.user_id,
  date: v.visit_date,
  outletId: v.outlet_id,
  outcome: v.outcome,
  orderId: v.order_id,
  outsideRadius: v.outside_radius,
});

/**
 * The beat plan of these routes over the dates: their owners, weekdays and active outlets. Only routes that
 * someone walks on one of the dates need their outlets, so a day's view reads a sixth of the network.
 */
async function beatPlan(
  db: Executor,
  orgId: string,
  assignments: readonly RouteOwnership[],
  dates: readonly string[],
): Promise<BeatPlan> {
  const routeIds = [...new Set(assignments.map((a) => a.routeId))];
  const weekdays = new Map<string, number[]>();
  for (const d of await repo.beatDaysOf(db, orgId, routeIds))
    weekdays.set(d.route_id, [...(weekdays.get(d.route_id) ?? []), d.weekday]);
  const walked = new Set<string>();
  for (const date of dates) {
    const weekday = weekdayOf(date);
    for (const routeId of routeOwnersOn(assignments, date).keys())
      if (weekdays.get(routeId)?.includes(weekday)) walked.add(routeId);
  }
  return { assignments, weekdays, outlets: await activeOutletsByRoute(db, orgId, [...walked]) };
}

export async function fieldPerformance(ctx: Ctx): Promise<FieldPerformanceResponse> {
  if (!can(ctx.actor, "field.use")) throw AccessErrors.forbidden();
  const { db } = ctx;
  const { orgId, userId } = ctx.actor;
  const today = businessDate();
  const monthStart = monthStartOf(today);
  const days = datesFrom(monthStart, today);
  const [visits, orders, assignments] = await Promise.all([
    repo.listVisits(db, orgId, { userId, from: monthStart, to: today }),
    repOrderTotals(db, orgId, { repUserIds: [userId], from: monthStart, to: today }),
    routeOwners(db, orgId, { repUserId: userId, to: today }),
  ]);
  const plan = await beatPlan(db, orgId, assignments, days);
  const facts = visits.map(visitFact);
  const of = (dates: readonly string[]) => countsByRep(dates, plan, facts, orders).get(userId) ?? NO_COUNTS;
  return {
    today: kpisOf(of([today])),
    month: kpisOf(of(days)),
    monthStart,
    target: await fieldTarget(db, orgId, userId, monthStart, today),
  };
}

/**
 * The subtree a live view covers: the caller's, or the territory asked for inside it (outside it, or unknown:
 * not found). Null is the whole org; undefined is nothing (a manager with no territory).
 */
async function liveSubtree(ctx: Ctx, territoryId: string | undefined): Promise<string | null | undefined> {
  const { scope } = ctx.actor;
  if (scope.kind !== "org" && scope.kind !== "territory") {
    if (territoryId) throw TerritoryErrors.notFound();
    return undefined;
  }
  if (!territoryId) return scope.kind === "territory" ? scope.path : null;
  const t = await findTerritory(ctx.db, ctx.actor.orgId, territoryId);
  if (!t || !territoryInScope(scope, t.path)) throw TerritoryErrors.notFound();
  return t.path;
}

const latest = (...times: (Date | null | undefined)[]) =>
  times.reduce<Date | null>((a, t) => (t && (!a || t > a) ? t : a), null);

export async function fieldLive(ctx: Ctx, query: FieldLiveQuery): Promise<FieldLiveResponse> {
  if (!can(ctx.actor, "field.monitor")) throw AccessErrors.forbidden();
  const { db } = ctx;
  const { orgId } = ctx.actor;
  const date = query.date ?? businessDate();
  const subtree = await liveSubtree(ctx, query.territoryId);
  if (subtree === undefined) return { date, reps: [], visits: [], totals: kpisOf(NO_COUNTS) };
  const within = subtree ?? undefined;

  const [visits, orders, assignments] = await Promise.all([
    repo.listVisits(db, orgId, { withinPath: within, from: date, to: date }),
    repOrderTotals(db, orgId, { territoryPath: within, from: date, to: date }),
    routeOwners(db, orgId, { withinPath: within, to: date }),
  ]);
  const plan = await beatPlan(db, orgId, assignments, [date]);
  const counts = countsByRep([date], plan, visits.map(visitFact), orders);
  const people = await fieldForce(db, orgId, subtree, [...counts.keys()]);
  const userIds = people.map((p) => p.id);
  const [attendance, commands, outlets, linkedOrders] = await Promise.all([
    repo.attendanceOn(db, orgId, userIds, date),
    repo.lastCommandTimes(db, orgId, userIds, date),
    outletNames(
      db,
      orgId,
      visits.map((v) => v.outlet_id),
    ),
    orderSummaries(
      db,
      orgId,
      visits.flatMap((v) => (v.order_id ? [v.order_id] : [])),
    ),
  ]);

  const dayOf = new Map(attendance.map((a) => [a.user_id, a]));
  const commandAt = new Map(commands.map((c) => [c.user_id, c.at]));
  const lastVisitAt = new Map<string, Date | null>();
  for (const v of visits)
    lastVisitAt.set(v.user_id, latest(lastVisitAt.get(v.user_id), v.checked_in_at, v.checked_out_at));
  const nameOf = new Map(people.map((p) => [p.id, p.name]));
  const bn = ctx.locale === "bn";

  return {
    date,
    reps: people.map((p) => {
      const day = dayOf.get(p.id);
      const seen = latest(lastVisitAt.get(p.id), day?.started_at, day?.ended_at, commandAt.get(p.id));
      return {
        userId: p.id,
        name: p.name,
        territoryName: (bn ? p.territoryNameBn : p.territoryName) ?? null,
        dayStartedAt: day?.started_at.toISOString() ?? null,
        dayEndedAt: day?.ended_at?.toISOString() ?? null,
        lastSeenAt: seen?.toISOString() ?? null,
        kpis: kpisOf(counts.get(p.id) ?? NO_COUNTS),
      };
    }),
    visits: [...visits].reverse().map((v) => {
      const order = v.order_id ? linkedOrders.get(v.order_id) : undefined;
      const outlet = outlets.get(v.outlet_id);
      return {
        id: v.id,
        repUserId: v.user_id,
        repName: nameOf.get(v.user_id) ?? "",
        outletId: v.outlet_id,
        outletName: outlet?.name ?? "",
        outletNameBn: outlet?.nameBn ?? "",
        planned: v.planned,
        checkedInAt: v.checked_in_at.toISOString(),
        checkedOutAt: v.checked_out_at?.toISOString() ?? null,
        minutesSpent: v.checked_out_at ? minutesBetween(v.checked_in_at, v.checked_out_at) : null,
        lat: v.check_in_lat,
        lng: v.check_in_lng,
        distanceM: v.distance_m,
        outsideRadius: v.outside_radius,
        outcome: v.outcome,
        noOrderReason: v.no_order_reason,
        orderNumber: order?.number ?? null,
        orderTotalPoisha: order?.totalPoisha ?? null,
      };
    }),
    totals: kpisOf(people.reduce((sum, p) => addCounts(sum, counts.get(p.id) ?? NO_COUNTS), NO_COUNTS)),
  };
}

// --- for analytics: the same facts over any period, for the caller's slice (the analytics module scopes it)

/**
 * The field facts of a subtree (the whole org when null) over a period: each visit (as the KPIs count it, with
 * where it was and its minutes at the outlet) and the beat plan of the subtree's routes, for `countsByRep`.
 */
export async function fieldFactsBetween(
  db: Executor,
  orgId: string,
  withinPath: string | null,
  from: string,
  to: string,
) {
  const dates = datesFrom(from, to);
  const within = withinPath ?? undefined;
  const [visits, assignments] = await Promise.all([
    repo.visitFactsBetween(db, orgId, { withinPath: within, from, to }),
    routeOwners(db, orgId, { withinPath: within, to }),
  ]);
  const plan = await beatPlan(db, orgId, assignments, dates);
  return {
    dates,
    plan,
    visits: visits.map((v) => ({
      userId: v.user_id,
      date: v.visit_date,
      outletId: v.outlet_id,
      outcome: v.outcome,
      orderId: v.order_id,
      outsideRadius: v.outside_radius,
      territoryPath: v.territory_path,
      minutesInOutlet: v.checked_out_at ? minutesBetween(v.checked_in_at, v.checked_out_at) : 0,
    })),
  };
}

/** Minutes from starting to ending the day, per user and working day (a day not ended counts 0). */
export async function workingMinutesBetween(
  db: Executor,
  orgId: string,
  userIds: readonly string[],
  from: string,
  to: string,
) {
  const rows = await repo.attendanceBetween(db, orgId, userIds, from, to);
  return rows.map((d) => ({
    userId: d.user_id,
    date: d.work_date,
    minutes: d.ended_at ? minutesBetween(d.started_at, d.ended_at) : 0,
  }));
}

/** Shelf checks and out-of-stock lines of each outlet's latest audit in a period, grouped as asked. */
export function latestAuditChecks(db: Executor, orgId: string, filter: repo.AuditCheckFilter) {
  return repo.latestAuditChecks(db, orgId, filter);
}
