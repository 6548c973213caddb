import { describe, expect, it } from "vitest";
import type { SchemeContext } from "../../../shared/pricing/order-pricing.ts";
import { schemeEngine } from "../../../shared/pricing/scheme-engine.ts";
import type { SchemeDefinition } from "../../../shared/pricing/scheme-types.ts";
import { searchText } from "../../../shared/search-text.ts";
import {
  buildSkuIndex,
  defaultUnit,
  type EntryLine,
  entryTotals,
  linesReducer,
  priceEntry,
  searchSkus,
  toOrderLines,
} from "./order-lines-state.ts";
import type { OrderBookSku } from "./use-order-book.ts";

function sku(id: string, code: string, name: string, nameBn: string, extra: Partial<OrderBookSku> = {}): OrderBookSku {
  return {
    id,
    code,
    name,
    nameBn,
    brandId: "00000000-0000-7000-8000-000000000001",
    brandName: "Brand",
    brandNameBn: "ব্র্যান্ড",
    barcode: null,
    baseUnit: "piece",
    units: [
      { unit: "piece", name: "Piece", nameBn: "পিস", factor: 1 },
      { unit: "case", name: "Case", nameBn: "কেস", factor: 72 },
    ],
    vatRateBp: 1500,
    sellByUnit: null,
    searchText: searchText(code, name, nameBn),
    price: {
      priceListId: "00000000-0000-7000-8000-000000000002",
      mrpPoisha: 4500,
      retailerPricePoisha: 4118,
      distributorPricePoisha: 3900,
      pricesIncludeVat: false,
    },
    ...extra,
  };
}

const soap = sku("s1", "SOAP-100", "Lux Soap 100g", "লাক্স সাবান ১০০ গ্রাম");
const noodles = sku("s2", "NDL-62", "Masala Noodles", "মশলা নুডলস");
const tea = sku("s3", "TEA-400", "Tea 400g", "চা পাতা ৪০০ গ্রাম", { sellByUnit: "case" });

describe("order entry lines", () => {
  it("changes only the line that was typed in, keeping every other line object as it was", () => {
    let lines: EntryLine[] = [];
    for (const s of [soap, noodles, tea]) lines = linesReducer(lines, { type: "add", skuId: s.id, unit: "piece" });
    const before = lines;
    const after = linesReducer(lines, { type: "setQty", key: before[1]?.key ?? "", qty: "12" });
    expect(after[0]).toBe(before[0]);
    expect(after[2]).toBe(before[2]);
    expect(after[1]).toMatchObject({ skuId: "s2", qty: "12" });
    // the same value again changes nothing at all
    expect(linesReducer(after, { type: "setQty", key: before[1]?.key ?? "", qty: "12" })[1]).toBe(after[1]);
  });

  it("never adds the same SKU twice, takes Bengali digits, and drops empty lines from the request", () => {
    let lines = linesReducer([], { type: "add", skuId: "s1", unit: "case" });
    expect(linesReducer(lines, { type: "add", skuId: "s1", unit: "piece" })).toBe(lines);
    lines = linesReducer(lines, { type: "add", skuId: "s2", unit: "piece" });
    lines = linesReducer(lines, { type: "setQty", key: lines[0]?.key ?? "", qty: "১২" });
    lines = linesReducer(lines, { type: "setQty", key: lines[1]?.key ?? "", qty: "" });
    expect(toOrderLines(lines)).toEqual([{ skuId: "s1", qty: 12, unit: "case" }]);
    expect(linesReducer(lines, { type: "remove", key: lines[0]?.key ?? "" })).toHaveLength(1);
  });

  it("prices lines in any unit with the server's pricing module", () => {
    const skus = new Map([soap, noodles].map((s) => [s.id, s]));
    const lines: EntryLine[] = [
      { key: "a", skuId: "s1", qty: "2", unit: "case" },
      { key: "b", skuId: "s2", qty: "", unit: "piece" },
    ];
    // 2 cases x 72 = 144 pieces x 4118 = 592,992; VAT 15 % = 88,949 (rounded half up)
    expect(entryTotals(lines, skus, "retailer")).toEqual({
      subtotalPoisha: 592_992,
      discountPoisha: 0,
      vatPoisha: 88_949,
      totalPoisha: 681_941,
    });
    expect(entryTotals(lines, skus, "distributor").subtotalPoisha).toBe(144 * 3900);
  });

  it("prices the whole memo with the schemes in force: discounts per line, free goods as lines, same totals", () => {
    const skus = new Map([soap, noodles, tea].map((s) => [s.id, s]));
    const anyone = { territoryPaths: [], channels: [], outletClasses: [], distributorIds: [], outletIds: [] };
    const base = { facing: "secondary", validFrom: "2026-11-01", validTo: "2026-11-30", targeting: anyone } as const;
    const schemes: SchemeDefinition[] = [
      {
        ...base,
        id: "b12",
        code: "SOAP12",
        name: { en: "Soap 12 + 1 noodles", bn: "সাবান ১২ + ১ নুডলস" },
        priority: 10,
        stacking: "stackable",
        rule: {
          kind: "slab",
          skuIds: ["s1"],
          measure: "qty",
          mode: "repeating",
          slabs: [{ min: 12, benefit: { type: "free_goods", skuId: "s2", qty: 1 } }],
        },
      },
      {
        ...base,
        id: "m5",
        code: "MEMO5",
        name: { en: "5 % from ৳100", bn: "৳১০০ থেকে ৫%" },
        priority: 20,
        stacking: "stackable",
        rule: {
          kind: "slab",
          skuIds: [],
          measure: "value",
          mode: "once",
          slabs: [{ min: 10_000, benefit: { type: "percent", bp: 500 } }],
        },
      },
    ];
    const context: SchemeContext = {
      outletId: "o1",
      distributorId: "d1",
      orderDate: "2026-11-24",
      channel: "grocery",
      outletClass: "A",
      territoryPath: "/bd/",
      facing: "secondary",
    };
    const lines: EntryLine[] = [
      { key: "a", skuId: "s1", qty: "12", unit: "piece" },
      { key: "b", skuId: "s3", qty: "", unit: "piece" },
    ];
    const p = priceEntry(lines, skus, "retailer", context, schemeEngine(schemes));
    // soap: 12 x 4,118 = 49,416 gross; MEMO5 5 % = 2,470.8 -> 2,471; taxable 46,945; VAT 15 % = 7,041.75 -> 7,042
    const soapLine = p.byKey.get("a");
    expect(soapLine).toMatchObject({
      grossPoisha: 49_416,
      discountPoisha: 2_471,
      vatPoisha: 7_042,
      totalPoisha: 53_987,
    });
    expect(soapLine?.adjustments.map((a) => [a.schemeId, a.kind, a.poisha])).toEqual([["m5", "discount", 2_471]]);
    expect(p.byKey.has("b")).toBe(false);
    // SOAP12: 12 soaps = one multiple -> 1 noodles free, at list price 4,118 with an equal free_goods adjustment
    expect(p.free).toHaveLength(1);
    expect(p.free[0]).toMatchObject({ schemeId: "b12", skuId: "s2", qty: 1, grossPoisha: 4_118, totalPoisha: 0 });
    expect(p.free[0]?.adjustments[0]?.label.en).toContain("SOAP12");
    // totals: subtotal 49,416 + 4,118 = 53,534; discount 2,471 + 4,118 = 6,589; VAT 7,042 + 0; total 53,987
    expect(p.totals).toEqual({ subtotalPoisha: 53_534, discountPoisha: 6_589, vatPoisha: 7_042, totalPoisha: 53_987 });
    expect(p.applied.map((a) => a.schemeId).sort()).toEqual(["b12", "m5"]);
    // 11 soaps: below SOAP12's 12 (MEMO5 still applies: 11 x 4,118 = 45,298 >= 10,000)
    const fewer = priceEntry(
      [{ ...lines[0], qty: "11" } as EntryLine],
      skus,
      "retailer",
      context,
      schemeEngine(schemes),
    );
    expect(fewer.free).toEqual([]);
    expect(fewer.skipped).toContainEqual({
      schemeId: "b12",
      reason: { code: "below_threshold", measure: "qty", have: 11, need: 12 },
    });
    // without schemes: the same as pricing each line alone
    expect(priceEntry(lines, skus, "retailer", null, null).totals).toEqual(entryTotals(lines, skus, "retailer"));
  });

  it("finds SKUs by code, by Bengali name and by its Latin spelling", () => {
    const index = buildSkuIndex([soap, noodles, tea]);
    expect(searchSkus(index, "ndl")[0]?.id).toBe("s2");
    expect(searchSkus(index, "সাবান")[0]?.id).toBe("s1");
    expect(searchSkus(index, "saban")[0]?.id).toBe("s1");
    expect(searchSkus(index, "noodles")[0]?.id).toBe("s2");
    expect(searchSkus(index, "নুডলস")[0]?.id).toBe("s2");
    expect(searchSkus(index, "cha")[0]?.id).toBe("s3");
    expect(searchSkus(index, "")).toEqual([]);
    expect(searchSkus(index, "zzzz")).toEqual([]);
  });

  it("starts a line in the SKU's sell-by unit", () => {
    expect(defaultUnit(tea)).toBe("case");
    expect(defaultUnit(soap)).toBe("piece");
    expect(defaultUnit(soap, "case")).toBe("case");
  });
});
