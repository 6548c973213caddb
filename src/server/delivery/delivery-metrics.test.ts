import { describe, expect, it } from "vitest";
import { type DropFact, deliveryFigures, isOtif, median } from "./delivery-metrics.ts";

const at = (iso: string) => new Date(iso);
const drop = (over: Partial<DropFact>): DropFact => ({
  distributorId: "d1",
  tripId: "t1",
  status: "delivered",
  failureReason: null,
  orderedQty: 10,
  deliveredQty: 10,
  orderedPoisha: 1000,
  deliveredPoisha: 1000,
  cashCollectedPoisha: 0,
  doneOn: "2026-11-24",
  dueBy: "2026-11-24",
  completedAt: at("2026-11-24T10:00:00Z"),
  confirmedAt: at("2026-11-23T10:00:00Z"),
  ...over,
});

describe("delivery metrics", () => {
  it("count a drop as OTIF only when delivered in full on or before its due date", () => {
    expect(isOtif(drop({}))).toBe(true);
    expect(isOtif(drop({ doneOn: "2026-11-25" }))).toBe(false);
    expect(isOtif(drop({ status: "partially_delivered", deliveredQty: 9 }))).toBe(false);
    expect(isOtif(drop({ status: "failed", deliveredQty: 0, deliveredPoisha: 0 }))).toBe(false);
  });

  it("compute OTIF, fill rate by quantity and value, and lead time from four drops by hand", () => {
    const figures = deliveryFigures([
      // in full, on time, 24 h after confirmation
      drop({ cashCollectedPoisha: 500 }),
      // in full but a day late, 48 h
      drop({ doneOn: "2026-11-25", completedAt: at("2026-11-25T10:00:00Z") }),
      // 6 of 10, on time, worth 600 of 1000, 12 h
      drop({
        tripId: "t2",
        status: "partially_delivered",
        deliveredQty: 6,
        deliveredPoisha: 600,
        completedAt: at("2026-11-23T22:00:00Z"),
      }),
      // failed: nothing delivered, no lead time
      drop({ tripId: "t2", status: "failed", failureReason: "no_cash", deliveredQty: 0, deliveredPoisha: 0 }),
    ]);
    expect(figures).toMatchObject({
      trips: 2,
      attempted: 4,
      delivered: 2,
      partiallyDelivered: 1,
      failed: 1,
      otifDrops: 1,
      otifBp: 2500,
      orderedQty: 40,
      deliveredQty: 26,
      fillRateQtyBp: 6500,
      orderedPoisha: 4000,
      deliveredPoisha: 2600,
      fillRateValueBp: 6500,
      leadTimeAvgHours: 28,
      leadTimeMedianHours: 24,
      cashCollectedPoisha: 500,
    });
    expect(figures.failuresByReason).toMatchObject({ no_cash: 1, outlet_closed: 0 });
  });

  it("have no rates without drops, but count the trips given", () => {
    expect(deliveryFigures([], ["t9"])).toMatchObject({
      trips: 1,
      attempted: 0,
      otifBp: null,
      fillRateQtyBp: null,
      leadTimeAvgHours: null,
    });
  });

  it("take the middle of an even number of lead times", () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
