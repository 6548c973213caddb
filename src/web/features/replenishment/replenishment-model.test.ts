import { describe, expect, it } from "vitest";
import type { ProposalResponse } from "../../../shared/contracts/replenishment.ts";
import {
  anythingToOrder,
  changedLines,
  coverAfter,
  draftTotalPoisha,
  forecastChartData,
  ratio,
  unitsOf,
} from "./replenishment-model.ts";

type Line = ProposalResponse["lines"][number];

const line = (over: Partial<Line>): Line => ({
  skuId: "s1",
  skuCode: "S1",
  skuName: "Soap",
  skuNameBn: "সাবান",
  qty: 48,
  unit: "case",
  unitFactor: 24,
  units: 2,
  unitPricePoisha: 4_000,
  onHand: 30,
  reserved: 6,
  onOrder: 0,
  avgDaily: 4,
  safetyStock: 10,
  reorderPoint: 38,
  orderUpTo: 66,
  daysOfCover: 6,
  coverAfterDays: 17.9,
  leadTimeDays: 3,
  ...over,
});

const soap = line({});
const tea = line({
  skuId: "s2",
  skuCode: "S2",
  unit: "pack",
  unitFactor: 6,
  units: 5,
  qty: 30,
  unitPricePoisha: 10_000,
});

describe("a proposal being edited", () => {
  it("totals base units × the base unit's price, with the person's quantities", () => {
    // 2 cases × 24 × ৳40 = ৳1,920; 5 packs × 6 × ৳100 = ৳3,000.
    expect(draftTotalPoisha([soap, tea], new Map())).toBe(192_000 + 300_000);
    // 3 cases instead: 72 × ৳40 = ৳2,880.
    expect(draftTotalPoisha([soap, tea], new Map([["s1", 3]]))).toBe(288_000 + 300_000);
    expect(unitsOf(soap, new Map([["s1", 0]]))).toBe(0);
  });

  it("keeps the server's cover after for an unchanged line and estimates a changed one at the daily average", () => {
    expect(coverAfter(soap, new Map())).toEqual({ days: 17.9, estimated: false });
    expect(coverAfter(soap, new Map([["s1", 2]]))).toEqual({ days: 17.9, estimated: false });
    // 30 on hand − 6 reserved + 0 on order + 3 × 24 = 96 units at 4 a day: 24 days.
    expect(coverAfter(soap, new Map([["s1", 3]]))).toEqual({ days: 24, estimated: true });
    // Nothing ordered: (30 − 6) / 4 = 6 days.
    expect(coverAfter(soap, new Map([["s1", 0]]))).toEqual({ days: 6, estimated: true });
    expect(coverAfter(line({ avgDaily: 0 }), new Map([["s1", 1]]))).toEqual({ days: null, estimated: true });
  });

  it("sends only the lines whose quantity changed", () => {
    const edits = new Map([
      ["s1", 2],
      ["s2", 0],
    ]);
    expect(changedLines([soap, tea], edits)).toEqual([{ skuId: "s2", units: 0 }]);
    expect(changedLines([soap, tea], new Map())).toEqual([]);
  });

  it("knows when nothing would be ordered", () => {
    expect(anythingToOrder([soap, tea], new Map([["s1", 0]]))).toBe(true);
    expect(
      anythingToOrder(
        [soap, tea],
        new Map([
          ["s1", 0],
          ["s2", 0],
        ]),
      ),
    ).toBe(false);
  });
});

describe("the forecast chart", () => {
  it("puts history and forecast on one axis as two series, and joins event days into spans", () => {
    const data = forecastChartData({
      history: [
        { day: "2026-03-28", qty: 5, event: false },
        { day: "2026-03-29", qty: 15, event: true },
        { day: "2026-03-30", qty: 14, event: true },
        { day: "2026-03-31", qty: 4, event: false },
      ],
      forecast: [
        { day: "2026-04-01", qty: 4.3333, event: false },
        { day: "2026-04-02", qty: 12.5, event: true },
      ],
    });
    expect(data.points).toEqual([
      { day: "2026-03-28", actual: 5, forecast: null, event: false },
      { day: "2026-03-29", actual: 15, forecast: null, event: true },
      { day: "2026-03-30", actual: 14, forecast: null, event: true },
      { day: "2026-03-31", actual: 4, forecast: null, event: false },
      { day: "2026-04-01", actual: null, forecast: 4.33, event: false },
      { day: "2026-04-02", actual: null, forecast: 12.5, event: true },
    ]);
    expect(data.firstForecastDay).toBe("2026-04-01");
    expect(data.eventSpans).toEqual([
      { from: "2026-03-29", to: "2026-03-30" },
      { from: "2026-04-02", to: "2026-04-02" },
    ]);
  });

  it("draws at most the first weeks of the forecast", () => {
    const forecast = Array.from({ length: 90 }, (_, i) => ({
      day: `2026-05-${String((i % 28) + 1).padStart(2, "0")}`,
      qty: i,
      event: false,
    }));
    const data = forecastChartData({ history: [], forecast }, 56);
    expect(data.points).toHaveLength(56);
    expect(data.points.at(-1)?.forecast).toBe(55);
  });

  it("has no forecast day or spans for an empty series", () => {
    expect(forecastChartData({ history: [], forecast: [] })).toEqual({
      points: [],
      firstForecastDay: null,
      eventSpans: [],
    });
  });

  it("shows ratios with two decimals, or none", () => {
    expect(ratio(0.87654)).toBe(0.88);
    expect(ratio(null)).toBeNull();
  });
});
