import { describe, expect, it } from "vitest";
import type { SalesMeasures, SalesResponse } from "../../../shared/contracts/analytics.ts";
import { formattersFor } from "../../ui/use-format.ts";
import {
  changeBp,
  changeColor,
  changeText,
  compactMoney,
  dropSizePoisha,
  percentText,
  salesKpis,
  withCoverage,
} from "./analytics-measures.ts";

const measures = (over: Partial<SalesMeasures> = {}): SalesMeasures => ({
  orders: 10,
  orderLines: 40,
  orderedQty: 400,
  orderedPoisha: 1_000_000,
  deliveredQty: 380,
  deliveredPoisha: 950_000,
  returnedQty: 5,
  returnedPoisha: 12_500,
  netPoisha: 937_500,
  outletsOrdered: 8,
  ...over,
});

describe("changeBp", () => {
  it("is the change in basis points, none from zero or without a previous figure", () => {
    expect(changeBp(1_100, 1_000)).toBe(1_000);
    expect(changeBp(900, 1_000)).toBe(-1_000);
    expect(changeBp(1_000, 3_000)).toBe(-6_667);
    expect(changeBp(5, 0)).toBeNull();
    expect(changeBp(5, null)).toBeNull();
    expect(changeBp(null, 5)).toBeNull();
  });

  it("does not overflow on national totals", () => {
    expect(changeBp(9_000_000_000_000, 8_000_000_000_000)).toBe(1_250);
  });
});

describe("dropSizePoisha", () => {
  it("is ordered value per memo, rounded to the poisha", () => {
    expect(dropSizePoisha({ orderedPoisha: 1_000, orders: 3 })).toBe(333);
    expect(dropSizePoisha({ orderedPoisha: 1_000, orders: 0 })).toBeNull();
    expect(dropSizePoisha({ orderedPoisha: 1_000, orders: null })).toBeNull();
  });
});

describe("salesKpis", () => {
  it("gives each card its figure and change, returns counting rising as bad", () => {
    const kpis = salesKpis(measures(), measures({ orderedPoisha: 800_000, orders: 8, returnedPoisha: 10_000 }));
    const byKey = Object.fromEntries(kpis.map((k) => [k.key, k]));
    expect(kpis.map((k) => k.key)).toEqual([
      "ordered",
      "orders",
      "lines",
      "outlets",
      "dropSize",
      "delivered",
      "returned",
      "net",
    ]);
    expect(byKey.ordered).toMatchObject({ current: 1_000_000, previous: 800_000, changeBp: 2_500 });
    expect(byKey.dropSize).toMatchObject({ current: 100_000, previous: 100_000, changeBp: 0 });
    expect(byKey.returned).toMatchObject({ changeBp: 2_500, higherIsBetter: false });
  });

  it("has no change without a previous period, and no memo figures under a product filter", () => {
    const kpis = salesKpis(measures({ orders: null, outletsOrdered: null }), null);
    expect(kpis.every((k) => k.changeBp === null && k.previous === null)).toBe(true);
    expect(kpis.find((k) => k.key === "dropSize")?.current).toBeNull();
  });
});

describe("texts", () => {
  const en = formattersFor("en", false);
  const bn = formattersFor("bn", true);

  it("shows a change with its sign and one decimal", () => {
    expect(changeText(en, 1_234)).toBe("+12.3%");
    expect(changeText(en, -400)).toBe("−4.0%");
    expect(changeText(en, 4)).toBe("0%");
    expect(changeText(en, null)).toBe("—");
    expect(changeText(bn, 1_234)).toBe("+১২.৩%");
  });

  it("colours good news green and bad news red", () => {
    expect(changeColor(500)).toBe("teal.8");
    expect(changeColor(-500)).toBe("red.8");
    expect(changeColor(500, false)).toBe("red.8");
    expect(changeColor(3)).toBe("dimmed");
    expect(changeColor(null)).toBe("dimmed");
  });

  it("shows basis points as a percentage", () => {
    expect(percentText(en, 1_234)).toBe("12.34%");
    expect(percentText(en, null)).toBe("—");
  });
});

describe("compactMoney", () => {
  const en = formattersFor("en", false);
  const units = { lakh: "lakh", crore: "crore" };
  it("speaks in lakh and crore past a lakh of taka, exact below", () => {
    expect(compactMoney(en, 12_345_600, units)).toBe("৳1.23 lakh");
    expect(compactMoney(en, 1_250_000_000, units)).toBe("৳1.25 crore");
    expect(compactMoney(en, 9_999_900, units)).toBe("৳99,999");
    expect(compactMoney(en, -20_000_000, units)).toBe("-৳2 lakh");
    expect(compactMoney(en, 0, units)).toBe("৳0");
  });
});

describe("withCoverage", () => {
  const m = (orderedPoisha: number, outletsOrdered: number | null) => ({
    orders: 1,
    orderLines: 1,
    orderedQty: 1,
    orderedPoisha,
    deliveredQty: 0,
    deliveredPoisha: 0,
    returnedQty: 0,
    returnedPoisha: 0,
    netPoisha: 0,
    outletsOrdered,
  });
  const answer = (outlets: number | null, from = "2026-11-01") =>
    ({
      period: { from, to: "2026-11-24", days: 24, previousFrom: "2026-10-08", previousTo: "2026-10-31" },
      by: "territory",
      breadcrumb: [{ id: "n", name: "Bangladesh", nameBn: "বাংলাদেশ", level: "national" }],
      totals: { current: m(500, outlets), previous: m(400, outlets), changeBp: 2500 },
      rows: [
        {
          key: "r",
          label: "Dhaka",
          labelBn: null,
          level: "region",
          drill: "territory",
          current: m(500, outlets),
          previous: m(400, outlets),
          changeBp: 2500,
        },
      ],
      rowCount: 1,
      target: null,
      freshness: { appliedAt: null, pending: 0, oldestPendingAt: null, rebuiltAt: null },
    }) as SalesResponse;

  it("fills the outlet counts from the coverage answer of the same view", () => {
    const merged = withCoverage(answer(null), answer(7));
    expect(merged?.totals.current.outletsOrdered).toBe(7);
    expect(merged?.rows[0]?.current.outletsOrdered).toBe(7);
    expect(merged?.rows[0]?.previous?.outletsOrdered).toBe(7);
    expect(merged?.totals.current.orderedPoisha).toBe(500);
  });

  it("leaves them empty until it arrives, and never takes another period's", () => {
    expect(withCoverage(answer(null), undefined)?.totals.current.outletsOrdered).toBeNull();
    expect(withCoverage(answer(null), answer(7, "2026-11-02"))?.totals.current.outletsOrdered).toBeNull();
  });
});
