import { describe, expect, it } from "vitest";
import { addMonths, type ForecastDeal, forecast } from "./forecast.ts";

const deal = (d: Partial<ForecastDeal>): ForecastDeal => ({
  amountPoisha: 0,
  probabilityBp: 0,
  status: "open",
  expectedClose: null,
  closedOn: null,
  ownerUserId: "rahim",
  ownerName: "Rahim",
  ...d,
});

describe("weighted forecast", () => {
  it("equals the forecast worked by hand, by month and by rep", () => {
    const deals = [
      // Rahim: November ৳1,00,000 at 25% = ৳25,000; December ৳40,000 at 75% = ৳30,000; won in November ৳50,000.
      deal({ amountPoisha: 100_000_00, probabilityBp: 2500, expectedClose: "2026-11-20" }),
      deal({ amountPoisha: 40_000_00, probabilityBp: 7500, expectedClose: "2026-12-05" }),
      deal({ amountPoisha: 50_000_00, probabilityBp: 10000, status: "won", closedOn: "2026-11-02" }),
      // Karim: November ৳33,333.33 at 10% = ৳3,333.33 (3,333,333 x 0.1 = 333,333.3 poisha -> 333,333);
      // overdue (October) ৳10,000 at 50% = ৳5,000 undated; January beyond a 2-month window: left out.
      deal({
        amountPoisha: 3_333_333,
        probabilityBp: 1000,
        expectedClose: "2026-11-30",
        ownerUserId: "karim",
        ownerName: "Karim",
      }),
      deal({
        amountPoisha: 10_000_00,
        probabilityBp: 5000,
        expectedClose: "2026-10-15",
        ownerUserId: "karim",
        ownerName: "Karim",
      }),
      deal({
        amountPoisha: 99_000_00,
        probabilityBp: 5000,
        expectedClose: "2027-01-10",
        ownerUserId: "karim",
        ownerName: "Karim",
      }),
      // Lost deals never count; a deal won before the window neither.
      deal({ amountPoisha: 70_000_00, probabilityBp: 0, status: "lost", expectedClose: "2026-11-10" }),
      deal({ amountPoisha: 5_000_00, probabilityBp: 10000, status: "won", closedOn: "2026-10-31" }),
    ];
    const f = forecast(deals, "2026-11", 2);
    expect(f.months).toEqual([
      {
        month: "2026-11",
        openCount: 2,
        openPoisha: 100_000_00 + 3_333_333,
        weightedPoisha: 25_000_00 + 333_333,
        wonCount: 1,
        wonPoisha: 50_000_00,
      },
      {
        month: "2026-12",
        openCount: 1,
        openPoisha: 40_000_00,
        weightedPoisha: 30_000_00,
        wonCount: 0,
        wonPoisha: 0,
      },
    ]);
    expect(f.undated).toEqual({
      openCount: 1,
      openPoisha: 10_000_00,
      weightedPoisha: 5_000_00,
      wonCount: 0,
      wonPoisha: 0,
    });
    expect(f.owners).toEqual([
      {
        ownerUserId: "rahim",
        ownerName: "Rahim",
        openCount: 2,
        openPoisha: 140_000_00,
        weightedPoisha: 55_000_00,
        wonCount: 1,
        wonPoisha: 50_000_00,
      },
      {
        ownerUserId: "karim",
        ownerName: "Karim",
        openCount: 2,
        openPoisha: 10_000_00 + 3_333_333,
        weightedPoisha: 5_000_00 + 333_333,
        wonCount: 0,
        wonPoisha: 0,
      },
    ]);
    expect(f.total).toEqual({
      openCount: 4,
      openPoisha: 150_000_00 + 3_333_333,
      weightedPoisha: 60_000_00 + 333_333,
      wonCount: 1,
      wonPoisha: 50_000_00,
    });
  });

  it("rounds each deal's weighted amount half up, exactly for large amounts", () => {
    // 1 poisha at 50% is half a poisha: rounds up; 2^53-1 poisha at 33.33% stays exact in integers.
    const f = forecast([deal({ amountPoisha: 1, probabilityBp: 5000, expectedClose: "2026-11-01" })], "2026-11", 1);
    expect(f.total.weightedPoisha).toBe(1);
    const big = Number.MAX_SAFE_INTEGER;
    const g = forecast([deal({ amountPoisha: big, probabilityBp: 3333, expectedClose: "2026-11-01" })], "2026-11", 1);
    expect(g.total.weightedPoisha).toBe(Number((BigInt(big) * 3333n + 5000n) / 10000n));
  });

  it("counts months across the year end", () => {
    expect(addMonths("2026-11", 2)).toBe("2027-01");
    expect(addMonths("2027-01", -1)).toBe("2026-12");
    expect(forecast([], "2026-12", 3).months.map((m) => m.month)).toEqual(["2026-12", "2027-01", "2027-02"]);
  });
});
