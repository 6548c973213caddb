import { describe, expect, it } from "vitest";
import {
  type BeatPlan,
  countsByRep,
  datesFrom,
  kpisOf,
  monthStartOf,
  NO_COUNTS,
  plannedOutletsOn,
  routeOwnersOn,
  type VisitFact,
} from "./field-kpis.ts";

describe("field KPIs", () => {
  it("a day without visits or orders has counts of zero and no ratios", () => {
    expect(kpisOf(NO_COUNTS)).toEqual({
      salesPoisha: 0,
      orders: 0,
      visits: 0,
      productiveVisits: 0,
      strikeRateBp: null,
      linesPerCallX100: null,
      dropSizePoisha: null,
      plannedOutlets: 0,
      plannedVisited: 0,
      beatComplianceBp: null,
      outsideRadiusVisits: 0,
    });
  });

  it("works out the ratios from the counts, rounding half up", () => {
    // 3 visits, 2 productive: 6666.67 bp -> 6667. 2 orders of 1000.50 and 499.99 taka = 150049 poisha, 9 lines:
    // 4.5 lines per call -> 450; drop size 75024.5 -> 75025. 7 planned, 2 visited: 2857.14 bp -> 2857.
    const k = kpisOf({
      salesPoisha: 150_049,
      orders: 2,
      orderLines: 9,
      visits: 3,
      productiveVisits: 2,
      plannedOutlets: 7,
      plannedVisited: 2,
      outsideRadiusVisits: 1,
    });
    expect(k).toEqual({
      salesPoisha: 150_049,
      orders: 2,
      visits: 3,
      productiveVisits: 2,
      strikeRateBp: 6667,
      linesPerCallX100: 450,
      dropSizePoisha: 75_025,
      plannedOutlets: 7,
      plannedVisited: 2,
      beatComplianceBp: 2857,
      outsideRadiusVisits: 1,
    });
  });

  it("counts lines per order when orders were taken without a productive visit", () => {
    const k = kpisOf({ ...NO_COUNTS, salesPoisha: 1000, orders: 3, orderLines: 10, visits: 2 });
    expect(k.strikeRateBp).toBe(0);
    // 10 lines / 3 orders = 3.333 -> 333
    expect(k.linesPerCallX100).toBe(333);
    expect(k.dropSizePoisha).toBe(333);
  });

  it("knows who owned a route on a date", () => {
    const owners = routeOwnersOn(
      [
        { routeId: "r1", repUserId: "ana", effectiveFrom: "2026-01-01" },
        { routeId: "r1", repUserId: "bo", effectiveFrom: "2026-03-10" },
        { routeId: "r2", repUserId: "ana", effectiveFrom: "2026-04-01" },
      ],
      "2026-03-15",
    );
    expect([...owners]).toEqual([["r1", "bo"]]);
  });

  // 2026-03-01 is a Sunday (0); 2026-03-02 a Monday (1).
  const plan: BeatPlan = {
    assignments: [
      { routeId: "sun", repUserId: "ana", effectiveFrom: "2026-01-01" },
      { routeId: "mon", repUserId: "ana", effectiveFrom: "2026-01-01" },
      { routeId: "mon", repUserId: "bo", effectiveFrom: "2026-03-02" },
    ],
    weekdays: new Map([
      ["sun", [0]],
      ["mon", [1]],
    ]),
    outlets: new Map([
      ["sun", ["o1", "o2", "o3"]],
      ["mon", ["o4", "o5"]],
    ]),
  };

  it("plans the outlets of the routes walked on that weekday by their owner that day", () => {
    expect(plannedOutletsOn(plan, "2026-03-01")).toEqual(new Map([["ana", new Set(["o1", "o2", "o3"])]]));
    expect(plannedOutletsOn(plan, "2026-03-02")).toEqual(new Map([["bo", new Set(["o4", "o5"])]]));
    expect(plannedOutletsOn(plan, "2026-03-06")).toEqual(new Map());
  });

  it("sums a rep's days: visits, orders, planned and planned visited", () => {
    const visit = (userId: string, date: string, outletId: string, extra: Partial<VisitFact> = {}): VisitFact => ({
      userId,
      date,
      outletId,
      outcome: "no_order",
      orderId: null,
      outsideRadius: false,
      ...extra,
    });
    const counts = countsByRep(
      ["2026-03-01", "2026-03-02"],
      plan,
      [
        visit("ana", "2026-03-01", "o1", { outcome: "order", orderId: "x" }),
        // Visited twice in a day: two visits, still one planned outlet visited.
        visit("ana", "2026-03-01", "o1"),
        visit("ana", "2026-03-01", "o9", { outsideRadius: true }),
        // An order linked without the outcome set yet still makes the visit productive.
        visit("bo", "2026-03-02", "o4", { orderId: "y" }),
        // Outside the dates asked for: ignored.
        visit("bo", "2026-03-03", "o5"),
      ],
      [
        { repUserId: "ana", date: "2026-03-01", salesPoisha: 50_000, orders: 1, lines: 4 },
        { repUserId: "bo", date: "2026-03-02", salesPoisha: 20_000, orders: 2, lines: 3 },
      ],
    );
    expect(counts.get("ana")).toEqual({
      salesPoisha: 50_000,
      orders: 1,
      orderLines: 4,
      visits: 3,
      productiveVisits: 1,
      plannedOutlets: 3,
      plannedVisited: 1,
      outsideRadiusVisits: 1,
    });
    expect(counts.get("bo")).toEqual({
      salesPoisha: 20_000,
      orders: 2,
      orderLines: 3,
      visits: 1,
      productiveVisits: 1,
      plannedOutlets: 2,
      plannedVisited: 1,
      outsideRadiusVisits: 0,
    });
    expect(kpisOf(counts.get("bo") ?? NO_COUNTS).beatComplianceBp).toBe(5000);
  });

  it("walks the dates of a month so far", () => {
    expect(monthStartOf("2026-02-17")).toBe("2026-02-01");
    expect(datesFrom("2026-02-27", "2026-03-02")).toEqual(["2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02"]);
    expect(datesFrom("2026-03-02", "2026-03-01")).toEqual([]);
  });
});
