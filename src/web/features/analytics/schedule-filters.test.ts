import { describe, expect, it } from "vitest";
import { SalesQuery } from "../../../shared/contracts/analytics.ts";
import { scheduleFilters } from "./schedule-filters.ts";

const ID = "0190f5b8-7c2e-7a1b-9c3d-4e5f60718293";

describe("scheduleFilters", () => {
  const screen = {
    period: "last_30",
    from: "2026-10-26",
    to: "2026-11-24",
    territoryId: ID,
    skuId: undefined,
    by: "sku",
    compare: "none",
    sort: "change",
    grain: "week",
    movers: "brand",
    all: true,
  };

  it("keeps the report's query and a named period, and drops the dates and what only shapes the screen", () => {
    expect(scheduleFilters("sales", screen)).toEqual({
      period: "last_30",
      territoryId: ID,
      by: "sku",
      compare: "none",
      sort: "change",
    });
    // A custom period's dates would repeat the same days in every email: it becomes the month so far.
    expect(scheduleFilters("sales", { ...screen, period: "custom" })).not.toHaveProperty("period");
  });

  it("keeps only what the server's query for that report accepts", () => {
    // The server parses the filters with the report's query at every sending: they must pass.
    expect(SalesQuery.safeParse(scheduleFilters("sales", screen)).success).toBe(true);
    expect(scheduleFilters("distributors", screen)).toEqual({ period: "last_30", territoryId: ID });
    expect(scheduleFilters("warnings", { territoryId: ID, kind: "sku_falling", period: "today" })).toEqual({
      territoryId: ID,
      kind: "sku_falling",
    });
  });
});
