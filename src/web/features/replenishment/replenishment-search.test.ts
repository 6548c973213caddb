import { describe, expect, it } from "vitest";
import {
  parseAccuracySearch,
  parseAlertsSearch,
  parseForecastSearch,
  parsePlanSearch,
  parseProposalsSearch,
} from "./replenishment-search.ts";

const ID = "0190f5b8-7c2e-7a1b-9c3d-4e5f60718293";
const SKU = "0190f5b8-7c2e-7a1b-9c3d-4e5f60718294";

describe("replenishment search params", () => {
  it("keeps the plan's distributor, status and search text", () => {
    expect(parsePlanSearch({ distributorId: ID, status: "reorder", q: "  soap " })).toEqual({
      distributorId: ID,
      status: "reorder",
      q: "soap",
    });
  });

  it("drops what a hand-edited URL got wrong", () => {
    expect(parsePlanSearch({ distributorId: "x'; drop", status: "urgent", q: "   " })).toEqual({
      distributorId: undefined,
      status: undefined,
      q: undefined,
    });
    expect(parseForecastSearch({ distributorId: ID, skuId: 42 })).toEqual({ distributorId: ID, skuId: undefined });
    expect(parseAccuracySearch({ method: "prophet" })).toEqual({ distributorId: undefined, method: undefined });
    expect(parseAlertsSearch({ kind: "late", distributorId: ID })).toEqual({ distributorId: ID, kind: undefined });
  });

  it("reads a series, a method and an alert kind", () => {
    expect(parseForecastSearch({ distributorId: ID, skuId: SKU })).toEqual({ distributorId: ID, skuId: SKU });
    expect(parseAccuracySearch({ method: "sba" }).method).toBe("sba");
    expect(parseAlertsSearch({ kind: "near_expiry" }).kind).toBe("near_expiry");
  });

  it("keeps open proposals out of the URL: only a history tab is written", () => {
    expect(parseProposalsSearch({ status: "open" }).status).toBeUndefined();
    expect(parseProposalsSearch({ status: "superseded" }).status).toBeUndefined();
    expect(parseProposalsSearch({ status: "approved" }).status).toBe("approved");
    expect(parseProposalsSearch({ status: "dismissed", distributorId: ID })).toEqual({
      status: "dismissed",
      distributorId: ID,
    });
  });

  it("cuts a long search text", () => {
    expect(parsePlanSearch({ q: "a".repeat(300) }).q).toHaveLength(100);
  });
});
