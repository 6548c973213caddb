// Delivery metrics, pure, from the outcome of each attempted drop (as recorded at the door):
//   OTIF        drops delivered in full AND on time / attempted drops. On time: the outcome's business date is on or
//               before the order's requested delivery date, or the trip's date when the order named none.
//   fill rate   delivered / ordered over attempted drops (a failed drop delivered nothing), by quantity (base units)
//               and by value (poisha).
//   lead time   hours from the order's confirmation to its delivery at the door, over delivered and partially
//               delivered drops: mean and median.
// Attempted = delivered, partially delivered or failed; pending drops do not count.
import { FAILURE_REASONS, type FailureReason } from "../../shared/contracts/delivery.ts";
import { basisPoints } from "./trip-load.ts";

export interface DropFact {
  distributorId: string;
  tripId: string;
  status: "delivered" | "partially_delivered" | "failed";
  failureReason: FailureReason | null;
  orderedQty: number;
  deliveredQty: number;
  orderedPoisha: number;
  deliveredPoisha: number;
  cashCollectedPoisha: number;
  /** Business date (Asia/Dhaka) of the outcome, and the date it was due by. */
  doneOn: string;
  dueBy: string;
  completedAt: Date;
  confirmedAt: Date | null;
}

export interface MetricsFigures {
  trips: number;
  attempted: number;
  delivered: number;
  partiallyDelivered: number;
  failed: number;
  otifDrops: number;
  otifBp: number | null;
  orderedQty: number;
  deliveredQty: number;
  fillRateQtyBp: number | null;
  orderedPoisha: number;
  deliveredPoisha: number;
  fillRateValueBp: number | null;
  leadTimeAvgHours: number | null;
  leadTimeMedianHours: number | null;
  cashCollectedPoisha: number;
  failuresByReason: Record<FailureReason, number>;
}

const oneDecimal = (x: number) => Math.round(x * 10) / 10;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export const isOtif = (d: DropFact) => d.status === "delivered" && d.doneOn <= d.dueBy;

/** The figures of a set of drops; `trips` counts the distinct trips they came from plus any given without drops. */
export function deliveryFigures(drops: readonly DropFact[], tripIds: Iterable<string> = []): MetricsFigures {
  const trips = new Set(tripIds);
  const failuresByReason = Object.fromEntries(FAILURE_REASONS.map((r) => [r, 0])) as Record<FailureReason, number>;
  const hours: number[] = [];
  const f = {
    attempted: 0,
    delivered: 0,
    partiallyDelivered: 0,
    failed: 0,
    otifDrops: 0,
    orderedQty: 0,
    deliveredQty: 0,
    orderedPoisha: 0,
    deliveredPoisha: 0,
    cashCollectedPoisha: 0,
  };
  for (const d of drops) {
    trips.add(d.tripId);
    f.attempted++;
    if (d.status === "delivered") f.delivered++;
    else if (d.status === "partially_delivered") f.partiallyDelivered++;
    else {
      f.failed++;
      if (d.failureReason) failuresByReason[d.failureReason]++;
    }
    if (isOtif(d)) f.otifDrops++;
    f.orderedQty += d.orderedQty;
    f.deliveredQty += d.deliveredQty;
    f.orderedPoisha += d.orderedPoisha;
    f.deliveredPoisha += d.deliveredPoisha;
    f.cashCollectedPoisha += d.cashCollectedPoisha;
    if (d.status !== "failed" && d.confirmedAt)
      hours.push((d.completedAt.getTime() - d.confirmedAt.getTime()) / 3_600_000);
  }
  const mid = median(hours);
  return {
    trips: trips.size,
    ...f,
    otifBp: basisPoints(f.otifDrops, f.attempted),
    fillRateQtyBp: basisPoints(f.deliveredQty, f.orderedQty),
    fillRateValueBp: basisPoints(f.deliveredPoisha, f.orderedPoisha),
    leadTimeAvgHours: hours.length ? oneDecimal(hours.reduce((s, h) => s + h, 0) / hours.length) : null,
    leadTimeMedianHours: mid === null ? null : oneDecimal(mid),
    failuresByReason,
  };
}
