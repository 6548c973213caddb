import { describe, expect, it } from "vitest";
import { parseBaseSearch, parseSalesSearch, parseWarningsSearch } from "./analytics-search.ts";

const ID = "0190f5b8-7c2e-7a1b-9c3d-4e5f60718293";

describe("analytics search params", () => {
  it("keeps a known preset and drops dates that only a custom period uses", () => {
    expect(parseBaseSearch({ period: "last_30", from: "2026-01-01" })).toEqual({
      period: "last_30",
      from: undefined,
      to: undefined,
      territoryId: undefined,
      distributorId: undefined,
    });
    expect(parseBaseSearch({ period: "custom", from: "2026-01-01", to: "2026-01-31" })).toMatchObject({
      period: "custom",
      from: "2026-01-01",
      to: "2026-01-31",
    });
  });

  it("drops what a hand-edited URL got wrong", () => {
    expect(
      parseBaseSearch({ period: "fortnight", territoryId: "x'; drop", distributorId: 7, from: "2026-13-45" }),
    ).toEqual({ period: undefined, from: undefined, to: undefined, territoryId: undefined, distributorId: undefined });
  });

  it("reads the sales view, leaving defaults out of the URL", () => {
    const s = parseSalesSearch({
      territoryId: ID,
      skuId: ID,
      by: "outlet",
      grain: "week",
      compare: "none",
      all: "true",
      movers: "brand",
      sort: "change",
      direction: "asc",
    });
    expect(s).toMatchObject({
      territoryId: ID,
      skuId: ID,
      by: "outlet",
      grain: "week",
      compare: "none",
      all: true,
      movers: "brand",
      sort: "change",
      direction: "asc",
    });
    const defaults = parseSalesSearch({ by: "territory", grain: "day", compare: "previous", movers: "sku" });
    expect(defaults.by).toBeUndefined();
    expect(defaults.grain).toBeUndefined();
    expect(defaults.compare).toBeUndefined();
    expect(defaults.movers).toBeUndefined();
    // A time dimension is the chart's, not a breakdown tab.
    expect(parseSalesSearch({ by: "day" }).by).toBeUndefined();
  });

  it("reads the warnings view", () => {
    expect(parseWarningsSearch({ kind: "sku_falling", territoryId: ID })).toEqual({
      kind: "sku_falling",
      territoryId: ID,
      distributorId: undefined,
    });
    expect(parseWarningsSearch({ kind: "everything" }).kind).toBeUndefined();
  });
});
