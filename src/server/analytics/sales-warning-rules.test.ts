import { describe, expect, it } from "vitest";
import { addDays } from "../../shared/format.ts";
import {
  monthSoFar,
  outletStopped,
  RUN_RATE,
  runRateBehind,
  SKU_FALLING,
  skuFalling,
  usualIntervalDays,
} from "./sales-warning-rules.ts";

/** Every `step` days from `first`, `count` dates. */
const every = (first: string, step: number, count: number) =>
  Array.from({ length: count }, (_, i) => addDays(first, i * step));

describe("usual interval", () => {
  it("is the median gap between order days", () => {
    expect(usualIntervalDays(every("2025-01-01", 7, 10))).toBe(7);
    // Gaps 1, 2, 10: the median ignores the one long break.
    expect(usualIntervalDays(["2025-01-01", "2025-01-02", "2025-01-04", "2025-01-14"])).toBe(2);
  });

  it("takes the mean of the middle two gaps for an even count, rounded half up", () => {
    // Gaps 6 and 7.
    expect(usualIntervalDays(["2025-01-01", "2025-01-07", "2025-01-14"])).toBe(7);
    // Gaps 2, 3, 5, 9: (3 + 5) / 2.
    expect(usualIntervalDays(["2025-01-01", "2025-01-03", "2025-01-06", "2025-01-11", "2025-01-20"])).toBe(4);
  });

  it("needs three order days, counting a day once", () => {
    expect(usualIntervalDays([])).toBeNull();
    expect(usualIntervalDays(["2025-01-01", "2025-01-08"])).toBeNull();
    expect(usualIntervalDays(["2025-01-01", "2025-01-08", "2025-01-08"])).toBeNull();
  });
});

describe("outlets that stopped ordering", () => {
  const weekly = every("2025-03-02", 7, 12); // last order 2025-05-18

  it("flags an outlet silent for more than twice its usual interval, overdue from when it was due", () => {
    expect(outletStopped(weekly, "2025-06-07")).toEqual({
      usualIntervalDays: 7,
      lastOrderOn: "2025-05-18",
      daysSince: 20,
      orderDays: 12,
      overdueDays: 13,
    });
  });

  it("waits until the silence is longer than twice the interval (at exactly twice the order may still come today)", () => {
    expect(outletStopped(weekly, "2025-06-01")).toBeNull(); // 14 days
    expect(outletStopped(weekly, "2025-06-02")?.daysSince).toBe(15);
  });

  it("leaves alone an outlet still ordering, one without a habit, and orders after the day looked at", () => {
    expect(outletStopped(weekly, "2025-05-25")).toBeNull();
    expect(outletStopped(["2025-01-01", "2025-01-08"], "2025-06-01")).toBeNull();
    // Seen from 2025-05-20, the orders of June do not exist yet.
    expect(outletStopped([...every("2025-04-01", 3, 5), "2025-06-01"], "2025-05-20")?.lastOrderOn).toBe("2025-04-13");
  });
});

describe("SKUs falling against their trend", () => {
  const base = { baselineQty: 1200, baselineWeeksSold: 12 }; // 100 a week

  it("compares weekly rates: 28 days against the 84 before", () => {
    // 75 a week is exactly a quarter down.
    expect(skuFalling({ ...base, recentQty: 300 })).toEqual({
      recentWeeklyQty: 75,
      baselineWeeklyQty: 100,
      changeBp: -2500,
    });
    expect(skuFalling({ ...base, recentQty: 301 })).toBeNull();
    expect(skuFalling({ ...base, recentQty: 0 })?.changeBp).toBe(-10_000);
    expect(skuFalling({ ...base, recentQty: 500 })).toBeNull();
  });

  it("needs a meaningful baseline: sold in most weeks, and enough of it", () => {
    const weeks = SKU_FALLING.minBaselineWeeksSold;
    expect(skuFalling({ ...base, recentQty: 0, baselineWeeksSold: weeks - 1 })).toBeNull();
    expect(skuFalling({ ...base, recentQty: 0, baselineWeeksSold: weeks })).not.toBeNull();
    const least = SKU_FALLING.minBaselineWeeklyQty * 12;
    expect(skuFalling({ recentQty: 0, baselineQty: least - 1, baselineWeeksSold: 12 })).toBeNull();
    expect(skuFalling({ recentQty: 0, baselineQty: least, baselineWeeksSold: 12 })).not.toBeNull();
  });
});

describe("territories behind run-rate", () => {
  it("counts the complete days of the month and its length", () => {
    expect(monthSoFar("2025-02-15")).toEqual({ monthStart: "2025-02-01", elapsedDays: 14, daysInMonth: 28 });
    expect(monthSoFar("2024-02-29")).toEqual({ monthStart: "2024-02-01", elapsedDays: 28, daysInMonth: 29 });
    expect(monthSoFar("2025-12-01").elapsedDays).toBe(0);
  });

  it("projects the month so far to its end and compares with the benchmark", () => {
    // 10 of 30 days at ৳2,500 = ৳7,500 projected against ৳10,000 last month: 75 %.
    expect(runRateBehind(250_000, 10, 30, 1_000_000)).toEqual({ projectedPoisha: 750_000, achievedBp: 7500 });
    // 27,000 over 10 days -> 81,000 of 90,000 is exactly 90 %: on course.
    expect(runRateBehind(27_000, 10, 30, 90_000)).toBeNull();
    expect(runRateBehind(26_900, 10, 30, 90_000)).toEqual({ projectedPoisha: 80_700, achievedBp: 8967 });
  });

  it("stays quiet too early in the month and without a benchmark", () => {
    expect(runRateBehind(0, RUN_RATE.minElapsedDays - 1, 30, 1_000_000)).toBeNull();
    expect(runRateBehind(0, RUN_RATE.minElapsedDays, 30, 1_000_000)?.achievedBp).toBe(0);
    expect(runRateBehind(0, 20, 30, 0)).toBeNull();
  });
});
