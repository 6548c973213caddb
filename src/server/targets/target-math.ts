// The arithmetic of targets, pure: periods, splitting a parent's target into parts by shares (largest remainder, so
// the parts add up exactly), achievement in basis points and the run-rate.
//
// Definitions (business dates, Asia/Dhaka; the caller passes today's):
// - A period is a month or a quarter; it starts on its first day and ends on its last.
// - Business days are every day but Friday, Bangladesh's weekly holiday (reps do work on Saturday).
// - Elapsed business days: those from the period's first day up to and including today (today's orders count in
//   the achieved figure, so today counts too); all of them once the period is over, none before it starts.
// - Run-rate (projected): achieved / elapsed business days x business days in the period, rounded half up; the
//   achieved figure itself once the period is over; null before the first business day has begun.
// - Required daily rate: what is still missing (target - achieved, not below 0) over the business days left after
//   today, rounded up (a fraction of a unit still has to be sold); null when no business day is left.
// - achievedBp: achieved / target x 10000, rounded half up; null for a zero target.
// - Status: 'achieved' at or over the target; else 'on_track' when the projection reaches the target (or nothing
//   can be projected yet); else 'behind'. Coverage is a share, not a sum, so it is never projected: it is
//   'achieved' or, while the period runs, 'on_track' until the period ends 'behind'.
import { addDays, daysBetween } from "../../shared/format.ts";

export type PeriodKind = "month" | "quarter";
export type TargetStatus = "achieved" | "on_track" | "behind";

const pad = (n: number) => String(n).padStart(2, "0");

/** The first day of the month or quarter a business date falls in. */
export function periodStartOf(kind: PeriodKind, date: string): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const first = kind === "month" ? m : m - ((m - 1) % 3);
  return `${y}-${pad(first)}-01`;
}

/** Is this date the first day of a period of this kind? */
export function isPeriodStart(kind: PeriodKind, date: string): boolean {
  return /^\d{4}-\d{2}-01$/.test(date) && periodStartOf(kind, date) === date;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** The last day of the period starting on `start` (plain calendar arithmetic, so 9999-12 has an end too). */
export function periodEndOf(kind: PeriodKind, start: string): string {
  const y = Number(start.slice(0, 4));
  const endMonth = Number(start.slice(5, 7)) + (kind === "month" ? 0 : 2);
  const last = endMonth === 2 && isLeap(y) ? 29 : (DAYS_IN_MONTH[endMonth - 1] ?? 31);
  return `${start.slice(0, 4)}-${pad(endMonth)}-${pad(last)}`;
}

/** The same period a year earlier (for last year's shares); null in year 1, which has no year before it. */
export function sameStartLastYear(start: string): string | null {
  const y = Number(start.slice(0, 4)) - 1;
  return y < 1 ? null : `${String(y).padStart(4, "0")}${start.slice(4)}`;
}

/** Business days (every day but Friday) from `from` to `to`, both included; 0 when `to` is before `from`. */
export function businessDaysBetween(from: string, to: string): number {
  const days = daysBetween(from, to) + 1;
  if (days <= 0) return 0;
  const weeks = Math.floor(days / 7);
  let count = weeks * 6;
  const firstWeekday = new Date(`${from}T00:00:00Z`).getUTCDay();
  for (let i = 0; i < days % 7; i++) if ((firstWeekday + i) % 7 !== 5) count++;
  return count;
}

/** Half up for non-negative figures: the integer nearest to num / den, .5 going up. */
function divHalfUp(num: number, den: number): number {
  return Math.floor((2 * num + den) / (2 * den));
}

/** achieved / target x 10000, half up; null when the target is zero. */
export function achievedBp(achieved: number, target: number): number | null {
  if (target <= 0) return null;
  return divHalfUp(Math.max(0, achieved) * 10_000, target);
}

export interface RunRate {
  businessDays: number;
  elapsedBusinessDays: number;
  projected: number | null;
  requiredDaily: number | null;
  status: TargetStatus;
}

export function runRate(input: {
  metric: "value" | "volume" | "focus_sku" | "new_outlets" | "coverage";
  achieved: number;
  target: number;
  periodStart: string;
  periodEnd: string;
  today: string;
}): RunRate {
  const { achieved, target, periodStart, periodEnd, today } = input;
  const businessDays = businessDaysBetween(periodStart, periodEnd);
  const upTo = today > periodEnd ? periodEnd : today;
  const elapsed = businessDaysBetween(periodStart, upTo);
  const left = businessDaysBetween(today < periodStart ? periodStart : addDays(today, 1), periodEnd);
  if (input.metric === "coverage") {
    const status: TargetStatus = achieved >= target ? "achieved" : today > periodEnd ? "behind" : "on_track";
    return { businessDays, elapsedBusinessDays: elapsed, projected: null, requiredDaily: null, status };
  }
  const projected = today > periodEnd ? achieved : elapsed > 0 ? divHalfUp(achieved * businessDays, elapsed) : null;
  const missing = Math.max(0, target - achieved);
  const requiredDaily = left > 0 ? Math.ceil(missing / left) : null;
  const status: TargetStatus =
    achieved >= target ? "achieved" : projected === null || projected >= target ? "on_track" : "behind";
  return { businessDays, elapsedBusinessDays: elapsed, projected, requiredDaily, status };
}

/**
 * Splits `total` into parts in proportion to `shares` (non-negative), largest remainder: every part is the floor
 * of its exact share, and the units left over go one each to the largest fractional remainders (ties to the earlier
 * part). When every share is zero (nothing sold last year) the parts are equal. The parts always add up to `total`.
 */
export function splitByShares(total: number, shares: readonly number[]): number[] {
  if (shares.length === 0) return [];
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError("total must be a non-negative integer");
  const weights = shares.some((s) => s > 0) ? shares.map((s) => Math.max(0, s)) : shares.map(() => 1);
  const sum = weights.reduce((a, b) => a + b, 0);
  // BigInt: total x share can pass 2^53 (a crore taka target split by lakhs of poisha).
  const T = BigInt(total);
  const S = BigInt(sum);
  const parts = weights.map((w) => (T * BigInt(w)) / S);
  const remainders = weights.map((w, i) => ({ i, r: (T * BigInt(w)) % S }));
  let left = T - parts.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left <= 0n) break;
    parts[i] = (parts[i] as bigint) + 1n;
    left--;
  }
  return parts.map(Number);
}
