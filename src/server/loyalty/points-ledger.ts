// The arithmetic of loyalty points, pure so it can be worked by hand in tests. The ledger is a list of signed
// movements; a positive movement is a lot that expires on its own date; a negative one (redeem, reverse, adjust)
// consumes the oldest lots still good on its date first (FIFO), and an expiry consumes exactly what is left of one
// lot. What a negative movement cannot take from lots (a return after the points were spent) is a deficit that
// the next points pay first. The balance is always the sum of the movements.

export type MovementKind = "earn" | "redeem" | "expire" | "reverse" | "adjust";

export interface Movement {
  id: string;
  kind: MovementKind;
  points: number;
  /** Business date, YYYY-MM-DD. */
  entryDate: string;
  /** A positive movement's expiry date (null: never). */
  expiresOn: string | null;
  /** For an expiry: the lot (the positive movement's id) it expires. */
  lotId: string | null;
}

export interface Lot {
  id: string;
  entryDate: string;
  expiresOn: string | null;
  points: number;
  remaining: number;
  /** An expiry was posted for it. */
  expired: boolean;
}

export interface LedgerState {
  lots: Lot[];
  /** Points owed by the member (negative movements that found nothing to take). */
  deficit: number;
  balance: number;
}

/** Points for a delivered value: whole points per ৳100 (10,000 poisha), times the tier multiplier; rounded down. */
export function pointsForValue(valuePoisha: number, pointsPer100Taka: number, multiplierBp = 10_000): number {
  if (valuePoisha <= 0) return 0;
  const p = (BigInt(Math.trunc(valuePoisha)) * BigInt(pointsPer100Taka) * BigInt(multiplierBp)) / 100_000_000n;
  return Number(p);
}

/**
 * The points a return takes back: the share of the order's points that the returned value is of the delivered
 * value, worked on the running total of returns so several small returns never take back more (or less) than one
 * return of the same total would.
 */
export function pointsForReturn(
  earnedPoints: number,
  deliveredPoisha: number,
  returnedBeforePoisha: number,
  returnedThroughPoisha: number,
): number {
  if (earnedPoints <= 0 || deliveredPoisha <= 0) return 0;
  const share = (returned: number) =>
    (BigInt(earnedPoints) * BigInt(Math.min(Math.max(returned, 0), deliveredPoisha))) / BigInt(deliveredPoisha);
  return Number(share(returnedThroughPoisha) - share(returnedBeforePoisha));
}

export interface TierRule {
  id: string;
  thresholdPoints: number;
  multiplierBp: number;
}

/** The highest tier whose threshold the member's points earned in the last 12 months reach (null: none). */
export function tierFor<T extends TierRule>(tiers: readonly T[], earnedLast12Months: number): T | null {
  let best: T | null = null;
  for (const t of tiers)
    if (earnedLast12Months >= t.thresholdPoints && (!best || t.thresholdPoints > best.thresholdPoints)) best = t;
  return best;
}

/** YYYY-MM-DD plus whole months; the day is kept, or the month's last day when it has fewer (Jan 31 + 1 = Feb 28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/** Points earned (earns less returns) on or after the day 12 months before `asOf`: the tier's measure. */
export function earnedInLast12Months(movements: readonly Movement[], asOf: string): number {
  const from = addMonths(asOf, -12);
  return movements
    .filter((m) => (m.kind === "earn" || m.kind === "reverse") && m.entryDate > from && m.entryDate <= asOf)
    .reduce((s, m) => s + m.points, 0);
}

const isGoodOn = (lot: Lot, date: string) => lot.expiresOn === null || lot.expiresOn > date;

/** Replays the movements in order (the caller sorts them by date, then as they were posted). */
export function replay(movements: readonly Movement[]): LedgerState {
  const lots: Lot[] = [];
  const byId = new Map<string, Lot>();
  let deficit = 0;
  let balance = 0;
  for (const m of movements) {
    balance += m.points;
    if (m.points > 0) {
      const lot: Lot = {
        id: m.id,
        entryDate: m.entryDate,
        expiresOn: m.expiresOn,
        points: m.points,
        remaining: m.points,
        expired: false,
      };
      const paid = Math.min(deficit, lot.remaining);
      deficit -= paid;
      lot.remaining -= paid;
      lots.push(lot);
      byId.set(lot.id, lot);
      continue;
    }
    let need = -m.points;
    if (m.kind === "expire" && m.lotId) {
      const lot = byId.get(m.lotId);
      if (lot) {
        const take = Math.min(lot.remaining, need);
        lot.remaining -= take;
        lot.expired = true;
        need -= take;
      }
    } else {
      for (const lot of lots) {
        if (need === 0) break;
        if (lot.remaining === 0 || !isGoodOn(lot, m.entryDate)) continue;
        const take = Math.min(lot.remaining, need);
        lot.remaining -= take;
        need -= take;
      }
    }
    deficit += need;
  }
  return { lots, deficit, balance };
}

export interface DueExpiry {
  lotId: string;
  expiresOn: string;
  points: number;
}

/** What an expiry run on `asOf` posts: what is left of each lot whose date has come, once per lot. */
export function expiriesDue(state: LedgerState, asOf: string): DueExpiry[] {
  return state.lots
    .filter((l) => !l.expired && l.remaining > 0 && l.expiresOn !== null && l.expiresOn <= asOf)
    .map((l) => ({ lotId: l.id, expiresOn: l.expiresOn as string, points: l.remaining }));
}

/** Points that can be spent on `asOf`: the balance less what has expired by then but is not yet posted. */
export function spendable(state: LedgerState, asOf: string): number {
  return state.balance - expiriesDue(state, asOf).reduce((s, e) => s + e.points, 0);
}

/** Points that will expire after `asOf` and on or before `until`, with the first such date. */
export function expiringSoon(
  state: LedgerState,
  asOf: string,
  until: string,
): { points: number; firstDate: string | null } {
  const soon = state.lots.filter(
    (l) => l.remaining > 0 && !l.expired && l.expiresOn !== null && l.expiresOn > asOf && l.expiresOn <= until,
  );
  const firstDate = soon.map((l) => l.expiresOn as string).sort()[0] ?? null;
  return { points: soon.reduce((s, l) => s + l.remaining, 0), firstDate };
}

export interface StatementLine {
  id: string;
  entryDate: string;
  points: number;
  balanceAfter: number;
}

/** Opening balance (before `from`), the movements from `from` to `to` with a running balance, closing balance. */
export function statement<T extends { id: string; entryDate: string; points: number }>(
  movements: readonly T[],
  from: string,
  to: string,
): { opening: number; lines: (T & { balanceAfter: number })[]; closing: number } {
  let opening = 0;
  for (const m of movements) if (m.entryDate < from) opening += m.points;
  let running = opening;
  const lines: (T & { balanceAfter: number })[] = [];
  for (const m of movements) {
    if (m.entryDate < from || m.entryDate > to) continue;
    running += m.points;
    lines.push({ ...m, balanceAfter: running });
  }
  return { opening, lines, closing: running };
}
