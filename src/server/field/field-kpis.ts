// The field force's performance figures, one definition for the rep's own screen (today, month to date) and the
// managers' live view (per rep and in total). Pure: the services gather the counts, this turns them into KPIs.
//
// Definitions, for one rep and a period of business dates (Asia/Dhaka):
// - visits: visits checked in (visit_date in the period).
// - productive visits: visits whose outcome is 'order' or that have an order linked.
// - strike rate: productive visits / visits (basis points); null with no visits.
// - sales: total of the rep's orders (rep_user_id) dated in the period, not cancelled; orders: their number.
// - lines per call: order lines of those orders / productive visits, or / orders when no visit was productive
//   (orders taken without a visit); ×100, null with no orders.
// - drop size: sales / orders; null with no orders.
// - planned outlets: for each day, the active outlets of the routes the rep owned that day and that are walked on
//   that weekday (beat_days); a month sums its days so far (days without a beat add nothing). Outlets count by the
//   routes they are on now: outlet moves are not dated finely enough to replay.
// - planned visited: of each day's planned outlets, those the rep visited that day (summed like planned outlets).
// - beat compliance: planned visited / planned outlets (basis points); null with none planned.
// - outside-radius visits: visits whose check-in was farther from the outlet than the org's radius.
// Ratios are of the summed counts (a month's strike rate is its productive visits over its visits, not an average
// of daily rates), rounded half up. The month's value target and its achievement come from the targets module.
import type { FieldKpis } from "../../shared/contracts/field.ts";
import { weekdayOf } from "./field-command-rules.ts";

export interface KpiCounts {
  salesPoisha: number;
  orders: number;
  orderLines: number;
  visits: number;
  productiveVisits: number;
  plannedOutlets: number;
  plannedVisited: number;
  outsideRadiusVisits: number;
}

export const NO_COUNTS: Readonly<KpiCounts> = Object.freeze({
  salesPoisha: 0,
  orders: 0,
  orderLines: 0,
  visits: 0,
  productiveVisits: 0,
  plannedOutlets: 0,
  plannedVisited: 0,
  outsideRadiusVisits: 0,
});

export function addCounts(a: KpiCounts, b: KpiCounts): KpiCounts {
  return {
    salesPoisha: a.salesPoisha + b.salesPoisha,
    orders: a.orders + b.orders,
    orderLines: a.orderLines + b.orderLines,
    visits: a.visits + b.visits,
    productiveVisits: a.productiveVisits + b.productiveVisits,
    plannedOutlets: a.plannedOutlets + b.plannedOutlets,
    plannedVisited: a.plannedVisited + b.plannedVisited,
    outsideRadiusVisits: a.outsideRadiusVisits + b.outsideRadiusVisits,
  };
}

/** part / whole × scale, rounded half up; null when there is no whole. */
export function ratio(part: number, whole: number, scale: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part * scale) / whole);
}

export function kpisOf(c: KpiCounts): FieldKpis {
  const calls = c.productiveVisits > 0 ? c.productiveVisits : c.orders;
  return {
    salesPoisha: c.salesPoisha,
    orders: c.orders,
    visits: c.visits,
    productiveVisits: c.productiveVisits,
    strikeRateBp: ratio(c.productiveVisits, c.visits, 10_000),
    linesPerCallX100: c.orders > 0 ? ratio(c.orderLines, calls, 100) : null,
    dropSizePoisha: ratio(c.salesPoisha, c.orders, 1),
    plannedOutlets: c.plannedOutlets,
    plannedVisited: c.plannedVisited,
    beatComplianceBp: ratio(c.plannedVisited, c.plannedOutlets, 10_000),
    outsideRadiusVisits: c.outsideRadiusVisits,
  };
}

export interface VisitFact {
  userId: string;
  date: string;
  outletId: string;
  outcome: "order" | "no_order" | null;
  orderId: string | null;
  outsideRadius: boolean;
}

export interface OrderFact {
  repUserId: string;
  date: string;
  salesPoisha: number;
  orders: number;
  lines: number;
}

/** Who owned a route from a date on (the network module's dated route assignments). */
export interface RouteOwnership {
  routeId: string;
  repUserId: string;
  effectiveFrom: string;
}

export const isProductive = (v: Pick<VisitFact, "outcome" | "orderId">) => v.outcome === "order" || v.orderId !== null;

/** The owner of each route on a date: the assignment with the latest start not after it. */
export function routeOwnersOn(assignments: readonly RouteOwnership[], date: string): Map<string, string> {
  const latest = new Map<string, RouteOwnership>();
  for (const a of assignments) {
    if (a.effectiveFrom > date) continue;
    const seen = latest.get(a.routeId);
    if (!seen || a.effectiveFrom > seen.effectiveFrom) latest.set(a.routeId, a);
  }
  return new Map([...latest].map(([routeId, a]) => [routeId, a.repUserId]));
}

export interface BeatPlan {
  /** Every dated owner of the routes concerned. */
  assignments: readonly RouteOwnership[];
  /** Route id -> the weekdays it is walked (0 = Sunday). */
  weekdays: ReadonlyMap<string, readonly number[]>;
  /** Route id -> its active outlets. */
  outlets: ReadonlyMap<string, readonly string[]>;
}

/** Per rep, the outlets planned on a date: those of the routes the rep owned that day and walks on its weekday. */
export function plannedOutletsOn(plan: BeatPlan, date: string): Map<string, Set<string>> {
  const weekday = weekdayOf(date);
  const out = new Map<string, Set<string>>();
  for (const [routeId, repUserId] of routeOwnersOn(plan.assignments, date)) {
    if (!plan.weekdays.get(routeId)?.includes(weekday)) continue;
    const set = out.get(repUserId) ?? new Set<string>();
    for (const outletId of plan.outlets.get(routeId) ?? []) set.add(outletId);
    out.set(repUserId, set);
  }
  return out;
}

/**
 * The counts of each rep over the given dates: visits and orders as they come (already limited to the reps,
 * dates and territory wanted), planned outlets from the beat plan. Reps with nothing get no entry.
 */
export function countsByRep(
  dates: readonly string[],
  plan: BeatPlan,
  visits: readonly VisitFact[],
  orders: readonly OrderFact[],
): Map<string, KpiCounts> {
  const counts = new Map<string, KpiCounts>();
  const add = (userId: string, c: Partial<KpiCounts>) =>
    counts.set(userId, addCounts(counts.get(userId) ?? NO_COUNTS, { ...NO_COUNTS, ...c }));
  const wanted = new Set(dates);
  const visitedOn = new Map<string, Set<string>>();
  for (const v of visits) {
    if (!wanted.has(v.date)) continue;
    add(v.userId, {
      visits: 1,
      productiveVisits: isProductive(v) ? 1 : 0,
      outsideRadiusVisits: v.outsideRadius ? 1 : 0,
    });
    const key = `${v.userId}|${v.date}`;
    const set = visitedOn.get(key) ?? new Set<string>();
    set.add(v.outletId);
    visitedOn.set(key, set);
  }
  for (const o of orders) {
    if (!wanted.has(o.date)) continue;
    add(o.repUserId, { salesPoisha: o.salesPoisha, orders: o.orders, orderLines: o.lines });
  }
  for (const date of wanted) {
    for (const [userId, planned] of plannedOutletsOn(plan, date)) {
      const visited = visitedOn.get(`${userId}|${date}`);
      let plannedVisited = 0;
      if (visited) for (const id of planned) if (visited.has(id)) plannedVisited++;
      add(userId, { plannedOutlets: planned.size, plannedVisited });
    }
  }
  return counts;
}

/** The first day of a business date's month. */
export const monthStartOf = (date: string): string => `${date.slice(0, 8)}01`;

/** Every business date from `from` to `to`, both included. */
export function datesFrom(from: string, to: string): string[] {
  const out: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end; t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}
