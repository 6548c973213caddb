import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  achievedBp,
  businessDaysBetween,
  isPeriodStart,
  periodEndOf,
  periodStartOf,
  runRate,
  sameStartLastYear,
  splitByShares,
} from "./target-math.ts";

describe("periods", () => {
  it.each([
    ["month", "2026-11-24", "2026-11-01", "2026-11-30"],
    ["month", "2028-02-10", "2028-02-01", "2028-02-29"],
    ["month", "2026-12-31", "2026-12-01", "2026-12-31"],
    ["quarter", "2026-11-24", "2026-10-01", "2026-12-31"],
    ["quarter", "2026-01-01", "2026-01-01", "2026-03-31"],
    ["quarter", "2026-06-30", "2026-04-01", "2026-06-30"],
  ] as const)("%s of %s starts %s and ends %s", (kind, date, start, end) => {
    expect(periodStartOf(kind, date)).toBe(start);
    expect(periodEndOf(kind, start)).toBe(end);
    expect(isPeriodStart(kind, start)).toBe(true);
  });

  it("knows a period's first day", () => {
    expect(isPeriodStart("month", "2026-11-02")).toBe(false);
    expect(isPeriodStart("quarter", "2026-11-01")).toBe(false);
    expect(isPeriodStart("quarter", "2026-10-01")).toBe(true);
  });
});

describe("businessDaysBetween (every day but Friday)", () => {
  // November 2026: the 1st is a Sunday; Fridays 6, 13, 20, 27 -> 30 - 4 = 26.
  // October 2026: the 1st is a Thursday; Fridays 2, 9, 16, 23, 30 -> 26. December: Fridays 4, 11, 18, 25 -> 27.
  it.each([
    ["2026-11-01", "2026-11-30", 26],
    ["2026-10-01", "2026-12-31", 26 + 26 + 27],
    ["2026-11-01", "2026-11-01", 1],
    ["2026-11-06", "2026-11-06", 0],
    ["2026-11-01", "2026-11-06", 5],
    ["2026-11-07", "2026-11-30", 21],
    ["2026-11-30", "2026-11-01", 0],
  ])("%s..%s has %i", (from, to, n) => {
    expect(businessDaysBetween(from, to)).toBe(n);
  });
});

describe("achievedBp", () => {
  it.each([
    [500_000, 1_000_000, 5000],
    [1, 3, 3333], // 3333.33
    [2, 3, 6667], // 6666.67
    [1, 20_000, 1], // 0.5 rounds up
    [1, 40_000, 0], // 0.25
    [1_500_000, 1_000_000, 15_000],
    [0, 10, 0],
  ])("%i of %i is %i bp", (a, t, bp) => {
    expect(achievedBp(a, t)).toBe(bp);
  });
  it("has no figure for a zero target", () => expect(achievedBp(5, 0)).toBeNull());
});

describe("runRate", () => {
  // Value target 2,600,000 poisha for November 2026 (26 business days).
  const nov = { metric: "value" as const, target: 2_600_000, periodStart: "2026-11-01", periodEnd: "2026-11-30" };

  it("on the first day: one business day elapsed, the day's sales projected over 26", () => {
    // 100,000 x 26 / 1 = 2,600,000 = the target; missing 2,500,000 over the 25 business days left = 100,000 a day.
    expect(runRate({ ...nov, achieved: 100_000, today: "2026-11-01" })).toEqual({
      businessDays: 26,
      elapsedBusinessDays: 1,
      projected: 2_600_000,
      requiredDaily: 100_000,
      status: "on_track",
    });
  });

  it("on the first Friday: five business days elapsed, behind", () => {
    // 400,000 x 26 / 5 = 2,080,000 < 2,600,000; missing 2,200,000 over 21 days = 104,761.9 -> 104,762.
    expect(runRate({ ...nov, achieved: 400_000, today: "2026-11-06" })).toEqual({
      businessDays: 26,
      elapsedBusinessDays: 5,
      projected: 2_080_000,
      requiredDaily: 104_762,
      status: "behind",
    });
  });

  it("on the last day: the projection is the achieved figure, no day left to require anything of", () => {
    expect(runRate({ ...nov, achieved: 2_500_000, today: "2026-11-30" })).toEqual({
      businessDays: 26,
      elapsedBusinessDays: 26,
      projected: 2_500_000,
      requiredDaily: null,
      status: "behind",
    });
  });

  it("after the period: achieved stays achieved", () => {
    expect(runRate({ ...nov, achieved: 2_600_000, today: "2026-12-05" })).toEqual({
      businessDays: 26,
      elapsedBusinessDays: 26,
      projected: 2_600_000,
      requiredDaily: null,
      status: "achieved",
    });
  });

  it("before the period: nothing projected, the whole target over every business day", () => {
    expect(runRate({ ...nov, achieved: 0, today: "2026-10-20" })).toEqual({
      businessDays: 26,
      elapsedBusinessDays: 0,
      projected: null,
      requiredDaily: 100_000,
      status: "on_track",
    });
  });

  it("a month starting on a Friday: nothing elapsed on its first day", () => {
    // May 2026: the 1st is a Friday; Fridays 1, 8, 15, 22, 29 -> 31 - 5 = 26 business days, 26 left after the 1st.
    const r = runRate({
      metric: "volume",
      achieved: 0,
      target: 520,
      periodStart: "2026-05-01",
      periodEnd: "2026-05-31",
      today: "2026-05-01",
    });
    expect(r).toEqual({
      businessDays: 26,
      elapsedBusinessDays: 0,
      projected: null,
      requiredDaily: 20,
      status: "on_track",
    });
  });

  it("coverage is a share: never projected", () => {
    const cov = { metric: "coverage" as const, target: 8000, periodStart: "2026-11-01", periodEnd: "2026-11-30" };
    expect(runRate({ ...cov, achieved: 5000, today: "2026-11-10" }).status).toBe("on_track");
    expect(runRate({ ...cov, achieved: 5000, today: "2026-12-01" }).status).toBe("behind");
    expect(runRate({ ...cov, achieved: 8000, today: "2026-11-10" })).toMatchObject({
      projected: null,
      status: "achieved",
    });
  });
});

describe("splitByShares (largest remainder)", () => {
  it.each([
    // 1,000,000 by 50/30/20: exact.
    [1_000_000, [50, 30, 20], [500_000, 300_000, 200_000]],
    // 1,000,001: 500,000.5 / 300,000.3 / 200,000.2 -> floors add to 1,000,000; the one left goes to .5.
    [1_000_001, [50, 30, 20], [500_001, 300_000, 200_000]],
    // 1,000,002: 500,001 / 300,000.6 / 200,000.4 -> floors add to 1,000,001; the one left goes to .6.
    [1_000_002, [50, 30, 20], [500_001, 300_001, 200_000]],
    // 7: 3.5 / 2.1 / 1.4 -> 3 + 2 + 1 = 6; the one left goes to .5.
    [7, [50, 30, 20], [4, 2, 1]],
    // 100 by thirds: 33.33 each -> 33 x 3 = 99; the tie goes to the first.
    [100, [1, 1, 1], [34, 33, 33]],
    // Nothing sold last year: equal shares.
    [10, [0, 0, 0], [4, 3, 3]],
    // A child with no sales gets nothing while others sold.
    [1_000, [3, 0, 1], [750, 0, 250]],
    [0, [5, 5], [0, 0]],
  ])("%i by %j is %j", (total, shares, parts) => {
    expect(splitByShares(total, shares)).toEqual(parts);
  });

  it("adds up exactly and every part is within one of its exact share", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_000_000 }),
        fc.array(fc.integer({ min: 0, max: 1_000_000_000 }), { minLength: 1, maxLength: 30 }),
        (total, shares) => {
          const parts = splitByShares(total, shares);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          const sum = shares.reduce((a, b) => a + b, 0);
          parts.forEach((p, i) => {
            const exact = sum > 0 ? (total * (shares[i] as number)) / sum : total / shares.length;
            expect(Math.abs(p - exact)).toBeLessThan(1.0001);
          });
        },
      ),
    );
  });
});

describe("the ends of the calendar", () => {
  it("has an end for the last month and quarter of year 9999, and no year before year 1", () => {
    expect(periodEndOf("month", "9999-12-01")).toBe("9999-12-31");
    expect(periodEndOf("quarter", "9999-10-01")).toBe("9999-12-31");
    expect(periodEndOf("month", "2100-02-01")).toBe("2100-02-28");
    expect(periodEndOf("month", "2000-02-01")).toBe("2000-02-29");
    expect(sameStartLastYear("0001-01-01")).toBeNull();
    expect(sameStartLastYear("2026-11-01")).toBe("2025-11-01");
    expect(sameStartLastYear("1000-04-01")).toBe("0999-04-01");
  });
});
