import { describe, expect, it } from "vitest";
import { bucketOf, bucketsOf, MAX_DAYS, presetRange, resolvePeriod } from "./analytics-period.ts";

describe("presetRange", () => {
  // 2026-11-24 is a Tuesday.
  const today = "2026-11-24";

  it("gives today, and the week from the last Saturday", () => {
    expect(presetRange("today", today)).toEqual({ from: today, to: today });
    expect(presetRange("yesterday", "2026-03-01")).toEqual({ from: "2026-02-28", to: "2026-02-28" });
    expect(presetRange("last_7", today)).toEqual({ from: "2026-11-18", to: today });
    expect(presetRange("this_week", today)).toEqual({ from: "2026-11-21", to: today });
    // On a Saturday the week is that one day; on a Friday it is the whole week so far.
    expect(presetRange("this_week", "2026-11-21")).toEqual({ from: "2026-11-21", to: "2026-11-21" });
    expect(presetRange("this_week", "2026-11-27")).toEqual({ from: "2026-11-21", to: "2026-11-27" });
  });

  it("gives the month so far and the whole last month, across a year end and a leap February", () => {
    expect(presetRange("this_month", today)).toEqual({ from: "2026-11-01", to: today });
    expect(presetRange("last_month", today)).toEqual({ from: "2026-10-01", to: "2026-10-31" });
    expect(presetRange("last_month", "2027-01-05")).toEqual({ from: "2026-12-01", to: "2026-12-31" });
    expect(presetRange("last_month", "2028-03-01")).toEqual({ from: "2028-02-01", to: "2028-02-29" });
  });

  it("counts the last 30 and 90 days with today as the last", () => {
    expect(presetRange("last_30", today)).toEqual({ from: "2026-10-26", to: today });
    expect(presetRange("last_90", today)).toEqual({ from: "2026-08-27", to: today });
  });
});

describe("resolvePeriod", () => {
  const today = "2026-11-24";

  it("defaults to this month and ignores dates left in the URL by a preset", () => {
    expect(resolvePeriod({}, today)).toEqual({ choice: "this_month", from: "2026-11-01", to: today });
    expect(resolvePeriod({ period: "today", from: "2026-01-01" }, today)).toEqual({
      choice: "today",
      from: today,
      to: today,
    });
  });

  it("takes a custom period as typed, mending a missing or reversed end", () => {
    expect(resolvePeriod({ period: "custom", from: "2026-10-03", to: "2026-10-09" }, today)).toMatchObject({
      from: "2026-10-03",
      to: "2026-10-09",
    });
    expect(resolvePeriod({ period: "custom", from: "2026-10-03" }, today)).toMatchObject({
      from: "2026-10-03",
      to: today,
    });
    expect(resolvePeriod({ period: "custom", to: "2026-10-09" }, today)).toMatchObject({
      from: "2026-10-09",
      to: "2026-10-09",
    });
    expect(resolvePeriod({ period: "custom", from: "2026-10-09", to: "2026-10-03" }, today)).toMatchObject({
      from: "2026-10-03",
      to: "2026-10-09",
    });
  });

  it("shortens a custom period past the server's limit from its start", () => {
    const r = resolvePeriod({ period: "custom", from: "2020-01-01", to: "2026-11-24" }, today);
    expect(r).toMatchObject({ to: "2026-11-24", from: "2025-11-24" });
    const days = (Date.parse(r.to) - Date.parse(r.from)) / 86_400_000 + 1;
    expect(days).toBe(MAX_DAYS);
  });
});

describe("buckets", () => {
  it("puts a date in its day, its week (from Saturday) and its month", () => {
    expect(bucketOf("2026-11-24", "day")).toBe("2026-11-24");
    expect(bucketOf("2026-11-24", "week")).toBe("2026-11-21");
    expect(bucketOf("2026-11-21", "week")).toBe("2026-11-21");
    expect(bucketOf("2026-11-20", "week")).toBe("2026-11-14");
    expect(bucketOf("2026-11-24", "month")).toBe("2026-11-01");
  });

  it("lists every bucket of a period, quiet ones too", () => {
    expect(bucketsOf("2026-11-01", "2026-11-04", "day")).toEqual([
      "2026-11-01",
      "2026-11-02",
      "2026-11-03",
      "2026-11-04",
    ]);
    expect(bucketsOf("2026-11-01", "2026-11-24", "week")).toEqual([
      "2026-10-31",
      "2026-11-07",
      "2026-11-14",
      "2026-11-21",
    ]);
    expect(bucketsOf("2026-08-27", "2026-11-24", "month")).toEqual([
      "2026-08-01",
      "2026-09-01",
      "2026-10-01",
      "2026-11-01",
    ]);
  });
});
