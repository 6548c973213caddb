// Replenishment maths (S5): from a SKU's daily forecast, its forecast error and its stock, the safety stock, reorder
// point, order-up-to level, days of cover and the quantity to order, in whole cases. Pure; no I/O.
//
// The policy is a periodic review (R, S) one: the stock is looked at every `reviewDays` (R) and an order placed then
// arrives `leadTimeDays` (L) later, so what is ordered today must last until the order after next arrives, L + R days
// away. Hence, with z the standard normal quantile of the cycle service level and σ the daily forecast error
// (errors taken as independent from day to day):
//   safety stock   SS  = z · σ · √(L + R)
//   reorder point  ROP = forecast demand over the next L days + SS        (forecast days 0 .. L−1)
//   order-up-to    S   = forecast demand over the next L + R days + SS    (forecast days 0 .. L+R−1)
//   available      = on hand − reserved;  position = available + on order (open primary orders not yet received)
//   proposal       = position ≤ ROP ? ⌈(S − position) / case⌉ · case : 0   (never negative)
//   avg daily      = forecast demand over the next L + R days / (L + R);  days of cover = available / avg daily
// Safety stock, reorder point and order-up-to are rounded to whole base units.

/** Acklam's rational approximation of the inverse normal CDF: relative error under 1.2e-9 over (0, 1). */
const A = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
];
const B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const C = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

function tail(q: number): number {
  const c = C as [number, number, number, number, number, number];
  const d = D as [number, number, number, number];
  return (
    (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
    ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
  );
}

/** z such that P(Z ≤ z) = p for a standard normal Z: the safety factor of a cycle service level (0.95 → 1.6449). */
export function zForServiceLevel(p: number): number {
  if (Number.isNaN(p)) return Number.NaN;
  if (p <= 0) return Number.NEGATIVE_INFINITY;
  if (p >= 1) return Number.POSITIVE_INFINITY;
  if (p < P_LOW) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - P_LOW) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const a = A as [number, number, number, number, number, number];
  const b = B as [number, number, number, number, number];
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}

export interface ReplenishmentInput {
  /** Mean demand per future day, day 0 being today. Days past its end are taken at its average. */
  dailyForecast: ArrayLike<number>;
  sigmaDaily: number;
  leadTimeDays: number;
  /** The order cycle, e.g. 7. */
  reviewDays: number;
  /** Cycle service level, e.g. 0.95; below 0.5 there is no safety stock (never a negative one). */
  serviceLevel: number;
  onHand: number;
  reserved: number;
  /** Open primary orders not yet received. */
  onOrder: number;
  /** Orders are whole multiples of it (units per case); at least 1. */
  caseSize: number;
  /** Cover above which the stock is over-stock; default 45 days. */
  maxCoverDays?: number;
}

export interface ReplenishmentPlan {
  safetyStock: number;
  reorderPoint: number;
  orderUpTo: number;
  available: number;
  /** available + onOrder */
  position: number;
  avgDaily: number;
  /** null when nothing is forecast to sell. */
  daysOfCover: number | null;
  /** A multiple of caseSize. */
  proposedQty: number;
  status: "stock_out" | "at_risk" | "reorder" | "ok" | "over_stock";
}

export const DEFAULT_MAX_COVER_DAYS = 45;
/** z at 0.999 already: a higher level would only buy infinite safety stock. */
const MAX_SERVICE_LEVEL = 0.9999;

/** Forecast demand over the next `days` days (a fractional last day counts in part). */
function demandOver(daily: ArrayLike<number>, days: number): number {
  let sum = 0;
  let all = 0;
  for (let i = 0; i < daily.length; i++) all += Math.max(0, daily[i] as number);
  const beyond = daily.length > 0 ? all / daily.length : 0;
  const whole = Math.floor(days);
  for (let i = 0; i < whole; i++) sum += i < daily.length ? Math.max(0, daily[i] as number) : beyond;
  const part = days - whole;
  if (part > 0) sum += part * (whole < daily.length ? Math.max(0, daily[whole] as number) : beyond);
  return sum;
}

/**
 * The plan for one SKU at one stock point. Status, first match wins: nothing available → stock_out; cover shorter
 * than the lead time (an order today arrives too late) → at_risk; position at or below the reorder point →
 * reorder; cover past maxCoverDays → over_stock (stock with nothing forecast to sell counts: its cover is
 * unbounded); else ok.
 */
export function planReplenishment(i: ReplenishmentInput): ReplenishmentPlan {
  const lead = Math.max(0, i.leadTimeDays);
  const review = Math.max(0, i.reviewDays);
  const caseSize = Math.max(1, Math.round(i.caseSize));
  const sigma = Number.isFinite(i.sigmaDaily) && i.sigmaDaily > 0 ? i.sigmaDaily : 0;
  const z = Math.max(0, zForServiceLevel(Math.min(i.serviceLevel, MAX_SERVICE_LEVEL)));
  const ss = z * sigma * Math.sqrt(lead + review);
  const overLead = demandOver(i.dailyForecast, lead);
  const overCycle = demandOver(i.dailyForecast, lead + review);
  const safetyStock = Math.round(ss);
  const reorderPoint = Math.round(overLead + ss);
  const orderUpTo = Math.round(overCycle + ss);
  const available = i.onHand - i.reserved;
  const position = available + i.onOrder;
  const avgDaily = lead + review > 0 ? overCycle / (lead + review) : Math.max(0, i.dailyForecast[0] ?? 0);
  const daysOfCover = avgDaily > 0 ? Math.max(0, available) / avgDaily : null;
  const proposedQty =
    position <= reorderPoint ? Math.max(0, Math.ceil((orderUpTo - position) / caseSize) * caseSize) : 0;
  const maxCover = i.maxCoverDays ?? DEFAULT_MAX_COVER_DAYS;
  let status: ReplenishmentPlan["status"];
  if (available <= 0) status = "stock_out";
  else if (daysOfCover !== null && daysOfCover < lead) status = "at_risk";
  else if (position <= reorderPoint) status = "reorder";
  else if (daysOfCover === null || daysOfCover > maxCover) status = "over_stock";
  else status = "ok";
  return {
    safetyStock,
    reorderPoint,
    orderUpTo,
    available,
    position,
    avgDaily,
    daysOfCover,
    proposedQty,
    status,
  };
}
