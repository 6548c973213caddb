// The early-warning rules (A4), pure: what counts as an outlet that stopped ordering, a SKU falling against its
// trend and a territory behind its run-rate. The service gathers the numbers from the rollups; these decide.
//
// Outlets that stopped ordering
//   An outlet's usual interval is the median gap, in days, between its order days (days with a memo that was
//   confirmed and not cancelled) over the last 180 days; it needs at least 3 order days (2 gaps), or it has no
//   habit to break. It has stopped when the days since its last order exceed twice that interval: at exactly
//   twice, the next regular order is due today and may still come. Severity: days overdue, counted from when the
//   next order was due (last order + usual interval).
//
// SKUs falling against their trend
//   Per SKU and per region or area: ordered quantity (base units, so price changes do not hide a fall in volume)
//   over the last 28 days against the 84 days before, both as weekly rates (÷ 4 and ÷ 12). Falling when the recent
//   rate is at least 25 % below the baseline rate, and only on a meaningful baseline: the SKU sold there in at least
//   8 of the 12 baseline weeks (a regular line, not a one-off) and at least 10 base units a week on average
//   (smaller numbers swing by a quarter from one memo). Severity: the fall in basis points.
//
// Territories behind run-rate
//   Per region, area and territory (and the nation): ordered value of the month so far (the days before today,
//   which are complete) projected to the month's end at the same daily rate, against the previous month's
//   total. Behind when the projection is under 90 % of it. Not before 7 complete days: a month's first days say
//   little about its end. Calendar days, not working days: a month with one more Friday projects slightly high.
//   Severity: the shortfall in basis points (10000 - projected / benchmark).
//   The benchmark is the territory's value target for the month when one is set (targets module), else the previous
//   month's total; the warning's detail says which (`benchmark`: "target" | "previous_month"). The projection is of
//   ordered value (the rollups'), the figure a manager sees grow through the month.
//
// Every cut-off is a constant below so the documentation and the code cannot drift apart.
import { daysBetween } from "../../shared/format.ts";

export const OUTLET_STOPPED = {
  /** How far back order days are read. */
  lookbackDays: 180,
  /** Fewer order days than this: no usual interval. */
  minOrderDays: 3,
  /** Stopped when the days since the last order exceed this many usual intervals. */
  intervals: 2,
} as const;

export const SKU_FALLING = {
  recentDays: 28,
  baselineDays: 84,
  /** A fall of at least this (basis points of the baseline weekly rate). */
  fallBp: 2500,
  /** Weeks of the baseline (of 12) with any sale of the SKU in the node. */
  minBaselineWeeksSold: 8,
  /** Average baseline quantity per week, base units. */
  minBaselineWeeklyQty: 10,
} as const;

export const RUN_RATE = {
  /** Behind when the projection reaches less than this share of the benchmark (basis points). */
  behindBelowBp: 9000,
  /** Complete days of the month needed before projecting. */
  minElapsedDays: 7,
} as const;

/** The median gap between consecutive order days; null with fewer than three order days. */
export function usualIntervalDays(orderDays: readonly string[]): number | null {
  const days = [...new Set(orderDays)].sort();
  if (days.length < OUTLET_STOPPED.minOrderDays) return null;
  const gaps = days
    .slice(1)
    .map((d, i) => daysBetween(days[i] as string, d))
    .sort((a, b) => a - b);
  const mid = Math.floor(gaps.length / 2);
  // An even count takes the mean of the middle two, rounded half up: a habit of "6 or 7 days" reads as 7.
  return gaps.length % 2 === 1
    ? (gaps[mid] as number)
    : Math.round(((gaps[mid - 1] as number) + (gaps[mid] as number)) / 2);
}

export interface StoppedOutlet {
  usualIntervalDays: number;
  lastOrderOn: string;
  daysSince: number;
  orderDays: number;
  /** Days since the next order was due. */
  overdueDays: number;
}

/** Whether an outlet with these order days (any order, the last 180 days up to today) has stopped ordering. */
export function outletStopped(orderDays: readonly string[], today: string): StoppedOutlet | null {
  const days = [...new Set(orderDays)].filter((d) => d <= today).sort();
  const interval = usualIntervalDays(days);
  const last = days[days.length - 1];
  if (interval === null || last === undefined) return null;
  const daysSince = daysBetween(last, today);
  if (daysSince <= OUTLET_STOPPED.intervals * interval) return null;
  return {
    usualIntervalDays: interval,
    lastOrderOn: last,
    daysSince,
    orderDays: days.length,
    overdueDays: daysSince - interval,
  };
}

export interface SkuTrend {
  /** Ordered quantity over the last 28 days. */
  recentQty: number;
  /** Ordered quantity over the 84 days before them. */
  baselineQty: number;
  /** Baseline weeks (0-12) with any order of the SKU. */
  baselineWeeksSold: number;
}

export interface SkuFall {
  recentWeeklyQty: number;
  baselineWeeklyQty: number;
  /** Change of the weekly rate, basis points (negative: a fall). */
  changeBp: number;
}

const WEEKS = { recent: SKU_FALLING.recentDays / 7, baseline: SKU_FALLING.baselineDays / 7 };

/** Whether a SKU falls against its trend in one node; null when it holds up or the baseline is too thin. */
export function skuFalling(t: SkuTrend): SkuFall | null {
  if (t.baselineWeeksSold < SKU_FALLING.minBaselineWeeksSold) return null;
  if (t.baselineQty < SKU_FALLING.minBaselineWeeklyQty * WEEKS.baseline) return null;
  // recent/4 against baseline/12, kept in integers: (recent × 3 - baseline) / baseline.
  const scale = WEEKS.baseline / WEEKS.recent;
  const changeBp = Math.round(((t.recentQty * scale - t.baselineQty) * 10_000) / t.baselineQty);
  if (changeBp > -SKU_FALLING.fallBp) return null;
  return {
    recentWeeklyQty: Math.round(t.recentQty / WEEKS.recent),
    baselineWeeklyQty: Math.round(t.baselineQty / WEEKS.baseline),
    changeBp,
  };
}

/** The business dates of the month so far that are complete (before today), and the month's length. */
export function monthSoFar(today: string): { monthStart: string; elapsedDays: number; daysInMonth: number } {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  return {
    monthStart: `${today.slice(0, 8)}01`,
    elapsedDays: Number(today.slice(8, 10)) - 1,
    daysInMonth: new Date(Date.UTC(y, m, 0)).getUTCDate(),
  };
}

export interface RunRateBehind {
  projectedPoisha: number;
  /** Projection / benchmark, basis points. */
  achievedBp: number;
}

/**
 * Whether a territory is behind: month-to-date value projected to the month's end against a benchmark (the
 * territory's target for the month, else the previous month's total). Null when on course, too early, or without one.
 */
export function runRateBehind(
  monthToDatePoisha: number,
  elapsedDays: number,
  daysInMonth: number,
  benchmarkPoisha: number,
): RunRateBehind | null {
  if (elapsedDays < RUN_RATE.minElapsedDays || benchmarkPoisha <= 0) return null;
  const projectedPoisha = Math.round((monthToDatePoisha * daysInMonth) / elapsedDays);
  const achievedBp = Math.round((projectedPoisha * 10_000) / benchmarkPoisha);
  return achievedBp < RUN_RATE.behindBelowBp ? { projectedPoisha, achievedBp } : null;
}
