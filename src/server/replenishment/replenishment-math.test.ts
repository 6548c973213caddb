import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planReplenishment, type ReplenishmentInput, zForServiceLevel } from "./replenishment-math.ts";

describe("zForServiceLevel", () => {
  it("is the standard normal quantile", () => {
    expect(zForServiceLevel(0.5)).toBe(0);
    expect(zForServiceLevel(0.95)).toBeCloseTo(1.644854, 6);
    expect(zForServiceLevel(0.975)).toBeCloseTo(1.959964, 6);
    expect(zForServiceLevel(0.99)).toBeCloseTo(2.326348, 6);
    expect(zForServiceLevel(0.999)).toBeCloseTo(3.090232, 6);
    expect(zForServiceLevel(0.01)).toBeCloseTo(-2.326348, 6);
    expect(zForServiceLevel(0.2)).toBeCloseTo(-0.841621, 6);
  });
});

// The worked example: 10 a day forecast, σ = 4 a day, lead time 3 days, weekly review, 95 % service, cases of 12.
//   SS  = 1.644854 · 4 · √(3 + 7) = 20.806 → 21
//   ROP = 10 · 3 + 20.806 = 50.806 → 51
//   S   = 10 · 10 + 20.806 = 120.806 → 121
//   on hand 50, reserved 10 → available 40 = position (nothing on order) ≤ 51, so order S − 40 = 80.806 → ⌈81 / 12⌉ = 7
//   cases = 84. Cover 40 / 10 = 4 days: not under the 3-day lead time, so the status is "reorder".
const example: ReplenishmentInput = {
  dailyForecast: new Array(10).fill(10),
  sigmaDaily: 4,
  leadTimeDays: 3,
  reviewDays: 7,
  serviceLevel: 0.95,
  onHand: 50,
  reserved: 10,
  onOrder: 0,
  caseSize: 12,
};

describe("planReplenishment", () => {
  it("computes the worked example", () => {
    expect(planReplenishment(example)).toEqual({
      safetyStock: 21,
      reorderPoint: 51,
      orderUpTo: 121,
      available: 40,
      position: 40,
      avgDaily: 10,
      daysOfCover: 4,
      proposedQty: 84,
      status: "reorder",
    });
  });

  it("has no safety stock at a 50 % service level", () => {
    const p = planReplenishment({ ...example, serviceLevel: 0.5 });
    expect([p.safetyStock, p.reorderPoint, p.orderUpTo]).toEqual([0, 30, 100]);
    // Position 40 is above the reorder point 30: nothing to order yet.
    expect([p.proposedQty, p.status]).toEqual([0, "ok"]);
    // With 22 reserved, position 28 ≤ 30: up to 100 is 72, six cases exactly.
    expect(planReplenishment({ ...example, serviceLevel: 0.5, reserved: 22 }).proposedQty).toBe(72);
  });

  it("rounds the order up to whole cases", () => {
    // Short by 121 − 40 = 81.
    expect(planReplenishment({ ...example, caseSize: 1 }).proposedQty).toBe(81);
    expect(planReplenishment({ ...example, caseSize: 24 }).proposedQty).toBe(96);
    expect(planReplenishment({ ...example, caseSize: 100 }).proposedQty).toBe(100);
  });

  it("counts what is on order", () => {
    // 10 on order: position 50 ≤ 51, short by 71 → 6 cases = 72.
    expect(planReplenishment({ ...example, onOrder: 10 })).toMatchObject({ position: 50, proposedQty: 72 });
    // 36 on order: position 76 > 51, nothing to order; 4 days of cover is within bounds.
    expect(planReplenishment({ ...example, onOrder: 36 })).toMatchObject({ proposedQty: 0, status: "ok" });
  });

  it("proposes nothing for an over-stocked SKU", () => {
    // 600 − 10 = 590 available: 59 days of cover > 45.
    expect(planReplenishment({ ...example, onHand: 600 })).toMatchObject({
      daysOfCover: 59,
      proposedQty: 0,
      status: "over_stock",
    });
    expect(planReplenishment({ ...example, onHand: 600, maxCoverDays: 60 }).status).toBe("ok");
    // Stock with nothing forecast to sell: cover is unbounded.
    expect(
      planReplenishment({ ...example, dailyForecast: [0, 0, 0], sigmaDaily: 0, onHand: 5, reserved: 0 }),
    ).toMatchObject({ daysOfCover: null, avgDaily: 0, proposedQty: 0, status: "over_stock" });
  });

  it("flags a stock-out and a cover shorter than the lead time", () => {
    const out = planReplenishment({ ...example, onHand: 10 });
    expect(out).toMatchObject({ available: 0, daysOfCover: 0, status: "stock_out" });
    // Up to 121 from nothing: ⌈121 / 12⌉ = 11 cases.
    expect(out.proposedQty).toBe(132);
    // More reserved than on hand.
    expect(planReplenishment({ ...example, onHand: 5 })).toMatchObject({ available: -5, status: "stock_out" });
    // 20 available: 2 days of cover, the order would arrive in 3.
    expect(planReplenishment({ ...example, onHand: 30 })).toMatchObject({ daysOfCover: 2, status: "at_risk" });
  });

  it("reads the demand over lead time and cycle from the daily forecast, extending it at its average", () => {
    // Days 0..2 sum to 6; days 0..9 to 6 + 4 + 5 + 6 + 7 + 8 + 9 + 10 with the last three at the average of the
    // seven given days (28 / 7 = 4): 1+2+3+4+5+6+7 + 3·4 = 40.
    const p = planReplenishment({ ...example, dailyForecast: [1, 2, 3, 4, 5, 6, 7], sigmaDaily: 0 });
    expect([p.reorderPoint, p.orderUpTo, p.avgDaily]).toEqual([6, 40, 4]);
  });

  it("always proposes whole cases that bring the position to the order-up-to level", () => {
    const input = fc.record({
      dailyForecast: fc.array(fc.double({ min: 0, max: 500, noNaN: true }), { maxLength: 40 }),
      sigmaDaily: fc.double({ min: 0, max: 200, noNaN: true }),
      leadTimeDays: fc.integer({ min: 0, max: 30 }),
      reviewDays: fc.integer({ min: 1, max: 30 }),
      serviceLevel: fc.double({ min: 0.5, max: 0.999, noNaN: true }),
      onHand: fc.integer({ min: 0, max: 100_000 }),
      reserved: fc.integer({ min: 0, max: 5_000 }),
      onOrder: fc.integer({ min: 0, max: 20_000 }),
      caseSize: fc.integer({ min: 1, max: 144 }),
    });
    fc.assert(
      fc.property(input, (i) => {
        const p = planReplenishment(i);
        expect(p.proposedQty).toBeGreaterThanOrEqual(0);
        expect(p.proposedQty % i.caseSize).toBe(0);
        if (p.proposedQty > 0) {
          expect(p.position + p.proposedQty).toBeGreaterThanOrEqual(p.orderUpTo);
          expect(p.position + p.proposedQty - i.caseSize).toBeLessThan(p.orderUpTo);
        }
        if (p.position > p.reorderPoint) expect(p.proposedQty).toBe(0);
        expect(p.reorderPoint).toBeLessThanOrEqual(p.orderUpTo);
        expect(p.safetyStock).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 500 },
    );
  });
});
