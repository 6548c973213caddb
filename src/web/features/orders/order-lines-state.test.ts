import { describe, expect, it } from "vitest";
import { searchText } from "../../../shared/search-text.ts";
import {
  buildSkuIndex,
  defaultUnit,
  type EntryLine,
  entryTotals,
  linesReducer,
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
