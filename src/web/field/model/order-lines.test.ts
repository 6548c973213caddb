import { describe, expect, it } from "vitest";
import type { FieldPriceBook, FieldSku } from "../../../shared/contracts/field.ts";
import { priceLine, priceOrder } from "../../../shared/pricing/order-pricing.ts";
import { schemeEngine } from "../../../shared/pricing/scheme-engine.ts";
import type { SchemeDefinition } from "../../../shared/pricing/scheme-types.ts";
import { searchText } from "../../../shared/search-text.ts";
import bn from "../i18n/bn.json";
import en from "../i18n/en.json";
import type { FieldT } from "../i18n/field-i18n.ts";
import {
  addAll,
  addToLines,
  priceDraft,
  priceIndex,
  searchSkus,
  setLineQty,
  setLineUnit,
  suggestedLines,
  suggestedOrder,
  suggestionReason,
  unitsLargestFirst,
} from "./order-lines.ts";

function sku(id: string, name: string, nameBn: string, vatRateBp = 1500): FieldSku {
  return {
    id,
    code: id.toUpperCase(),
    name,
    nameBn,
    brandName: "",
    brandNameBn: "",
    baseUnit: "piece",
    units: [
      { unit: "piece", name: "Piece", nameBn: "পিস", factor: 1 },
      { unit: "case", name: "Case", nameBn: "কেস", factor: 24 },
      { unit: "pack", name: "Pack", nameBn: "প্যাক", factor: 6 },
    ],
    vatRateBp,
    searchText: searchText(name, nameBn, id.toUpperCase()),
    archived: false,
  };
}

const soap = sku("soap", "Lux Soap 100g", "লাক্স সাবান ১০০ গ্রাম");
const tea = sku("tea", "Ispahani Tea 400g", "ইস্পাহানি চা ৪০০ গ্রাম", 500);
const salt = sku("salt", "Molla Salt 1kg", "মোল্লা লবণ ১ কেজি", 0);
const skus = new Map([soap, tea, salt].map((s) => [s.id, s]));
const book: FieldPriceBook = {
  key: "b1",
  prices: [
    { skuId: "soap", unitPricePoisha: 4_250, mrpPoisha: 5_000, pricesIncludeVat: true },
    { skuId: "tea", unitPricePoisha: 21_333, mrpPoisha: 24_000, pricesIncludeVat: false },
  ],
};
const prices = priceIndex(book);

describe("the memo's lines", () => {
  it("adds to an existing line of the same SKU and unit, else appends", () => {
    let lines = addToLines([], "soap", "case");
    lines = addToLines(lines, "soap", "case", 2);
    lines = addToLines(lines, "soap", "piece", 5);
    expect(lines).toEqual([
      { skuId: "soap", unit: "case", qty: 3 },
      { skuId: "soap", unit: "piece", qty: 5 },
    ]);
  });

  it("removes a line set to 0 and floors fractions", () => {
    const lines = [
      { skuId: "soap", unit: "case", qty: 3 },
      { skuId: "tea", unit: "piece", qty: 2 },
    ];
    expect(setLineQty(lines, 0, 0)).toEqual([{ skuId: "tea", unit: "piece", qty: 2 }]);
    expect(setLineQty(lines, 1, 4.7)[1]).toEqual({ skuId: "tea", unit: "piece", qty: 4 });
  });

  it("changing a unit merges into the line of that unit", () => {
    const lines = [
      { skuId: "soap", unit: "case", qty: 1 },
      { skuId: "soap", unit: "piece", qty: 5 },
    ];
    expect(setLineUnit(lines, 0, "piece")).toEqual([{ skuId: "soap", unit: "piece", qty: 6 }]);
    expect(setLineUnit(lines, 0, "pack")).toEqual([
      { skuId: "soap", unit: "pack", qty: 1 },
      { skuId: "soap", unit: "piece", qty: 5 },
    ]);
  });

  it("lists units largest first", () => {
    expect(unitsLargestFirst(soap).map((u) => u.unit)).toEqual(["case", "pack", "piece"]);
  });
});

describe("pricing the memo", () => {
  it("prices each line in base units with the shared pricing code, VAT inside or on top", () => {
    const draft = priceDraft(
      [
        { skuId: "soap", unit: "case", qty: 2 },
        { skuId: "tea", unit: "piece", qty: 3 },
      ],
      skus,
      prices,
    );
    expect(draft.complete).toBe(true);
    expect(draft.lines.map((l) => l.baseQty)).toEqual([48, 3]);
    const soapLine = priceLine({
      skuId: "soap",
      qty: 48,
      unitPricePoisha: 4_250,
      vatRateBp: 1500,
      pricesIncludeVat: true,
    });
    const teaLine = priceLine({
      skuId: "tea",
      qty: 3,
      unitPricePoisha: 21_333,
      vatRateBp: 500,
      pricesIncludeVat: false,
    });
    expect(draft.lines[0]?.priced).toEqual(soapLine);
    expect(draft.lines[1]?.priced).toEqual(teaLine);
    // 48 x 42.50 = 2,040 taka, VAT inside; 3 x 213.33 = 639.99 + 5 % VAT (32.00) on top.
    expect(draft.totals).toEqual({
      subtotalPoisha: 204_000 + 63_999,
      discountPoisha: 0,
      vatPoisha: soapLine.vatPoisha + 3_200,
      totalPoisha: 204_000 + 63_999 + 3_200,
    });
  });

  it("is not complete while a line has no price, an unknown SKU or an unknown unit", () => {
    expect(priceDraft([{ skuId: "salt", unit: "piece", qty: 1 }], skus, prices).complete).toBe(false);
    expect(priceDraft([{ skuId: "gone", unit: "piece", qty: 1 }], skus, prices).complete).toBe(false);
    expect(priceDraft([{ skuId: "soap", unit: "crate", qty: 1 }], skus, prices).complete).toBe(false);
    expect(priceDraft([], skus, prices).complete).toBe(false);
  });

  it("leaves unpriced lines out of the totals", () => {
    const draft = priceDraft(
      [
        { skuId: "tea", unit: "piece", qty: 1 },
        { skuId: "salt", unit: "piece", qty: 10 },
      ],
      skus,
      prices,
    );
    expect(draft.totals.subtotalPoisha).toBe(21_333);
  });
});

describe("pricing the memo with the schemes of the last pull", () => {
  const none = { territoryPaths: [], channels: [], outletClasses: [], distributorIds: [], outletIds: [] };
  const scheme = (id: string, priority: number, rule: SchemeDefinition["rule"]): SchemeDefinition => ({
    id,
    code: id.toUpperCase(),
    name: { en: id, bn: id },
    facing: "secondary",
    validFrom: "2026-11-01",
    validTo: "2026-11-30",
    priority,
    stacking: "stackable",
    targeting: { ...none, territoryPaths: ["/bd/dhaka/"] },
    rule,
  });
  // 10 % off soap from 12 pieces; one tea free per case (24) of soap, repeating.
  const soapOff = scheme("soap10", 10, {
    kind: "slab",
    skuIds: ["soap"],
    measure: "qty",
    mode: "once",
    slabs: [{ min: 12, benefit: { type: "percent", bp: 1000 } }],
  });
  const teaFree = scheme("teafree", 20, {
    kind: "slab",
    skuIds: ["soap"],
    measure: "qty",
    mode: "repeating",
    slabs: [{ min: 24, benefit: { type: "free_goods", skuId: "tea", qty: 1 } }],
  });
  const outlet = {
    id: "o1",
    distributorId: "d1",
    channel: "grocery",
    outletClass: "B",
    territoryPath: "/bd/dhaka/mirpur/",
  };
  const withSchemes = { schemes: [soapOff, teaFree], exhaustedIds: [], outlet, orderDate: "2026-11-24" };
  const memo = [
    { skuId: "soap", unit: "case", qty: 1 },
    { skuId: "tea", unit: "piece", qty: 2 },
  ];

  it("takes the discount off the line and adds the free goods as a line of their own (worked by hand)", () => {
    const draft = priceDraft(memo, skus, prices, withSchemes);
    // Soap: 24 x 4,250 = 102,000 gross; 10 % = 10,200 off; 91,800 with VAT inside: 91,800 x 15/115 = 11,973.9
    // -> 11,974 VAT.
    expect(draft.lines[0]?.priced).toMatchObject({
      grossPoisha: 102_000,
      discountPoisha: 10_200,
      vatPoisha: 11_974,
      totalPoisha: 91_800,
    });
    expect(draft.lines[0]?.priced?.adjustments.map((a) => [a.schemeId, a.kind, a.poisha])).toEqual([
      ["soap10", "discount", 10_200],
    ]);
    // Tea: 2 x 21,333 = 42,666; VAT 5 % on top = 2,133.3 -> 2,133; 44,799.
    expect(draft.lines[1]?.priced).toMatchObject({ grossPoisha: 42_666, discountPoisha: 0, totalPoisha: 44_799 });
    // One tea free (24 / 24 = 1): list price 21,333, all of it off, no VAT, 0 to pay.
    expect(draft.free).toHaveLength(1);
    expect(draft.free[0]?.schemeId).toBe("teafree");
    expect(draft.free[0]?.sku?.id).toBe("tea");
    expect(draft.free[0]?.priced).toMatchObject({
      skuId: "tea",
      qty: 1,
      grossPoisha: 21_333,
      discountPoisha: 21_333,
      vatPoisha: 0,
      totalPoisha: 0,
    });
    expect(draft.totals).toEqual({
      subtotalPoisha: 102_000 + 42_666 + 21_333,
      discountPoisha: 10_200 + 21_333,
      vatPoisha: 11_974 + 2_133,
      totalPoisha: 91_800 + 44_799,
    });
    expect(draft.applied.map((a) => a.schemeId).sort()).toEqual(["soap10", "teafree"]);
  });

  it("gives the total the server gives: the same engine over the same lines and context", () => {
    const draft = priceDraft(memo, skus, prices, withSchemes);
    // What orders.service does with the schemes in force: price the base-unit lines through priceOrder.
    const server = priceOrder(
      { ...outlet, outletId: "o1", distributorId: "d1", orderDate: "2026-11-24", facing: "secondary" },
      [
        { skuId: "soap", qty: 24, unitPricePoisha: 4_250, vatRateBp: 1500, pricesIncludeVat: true },
        { skuId: "tea", qty: 2, unitPricePoisha: 21_333, vatRateBp: 500, pricesIncludeVat: false },
      ],
      schemeEngine([teaFree, soapOff]),
      (skuId) => (skuId === "tea" ? { unitPricePoisha: 21_333, vatRateBp: 500, pricesIncludeVat: false } : undefined),
    );
    expect(draft.totals).toEqual(server.totals);
    expect(draft.lines.map((l) => l.priced)).toEqual(server.lines);
    expect(draft.free.map((f) => f.priced)).toEqual(server.free);
  });

  it("gives nothing for an exhausted scheme, a scheme not in period, or an outlet not targeted", () => {
    const exhausted = priceDraft(memo, skus, prices, { ...withSchemes, exhaustedIds: ["soap10"] });
    expect(exhausted.lines[0]?.priced?.discountPoisha).toBe(0);
    expect(exhausted.skipped).toContainEqual({ schemeId: "soap10", reason: { code: "budget_exhausted" } });
    expect(exhausted.free).toHaveLength(1);
    const later = priceDraft(memo, skus, prices, { ...withSchemes, orderDate: "2026-12-01" });
    expect(later.totals.discountPoisha).toBe(0);
    expect(later.free).toEqual([]);
    const elsewhere = priceDraft(memo, skus, prices, {
      ...withSchemes,
      outlet: { ...outlet, territoryPath: "/bd/ctg/" },
    });
    expect(elsewhere.totals).toEqual(priceDraft(memo, skus, prices).totals);
  });

  it("prices without schemes an outlet kept from before schemes came to the phone (no territory)", () => {
    const old = priceDraft(memo, skus, prices, { ...withSchemes, outlet: { ...outlet, territoryPath: undefined } });
    expect(old.totals).toEqual(priceDraft(memo, skus, prices).totals);
    expect(old.free).toEqual([]);
  });

  it("keeps lines it cannot price in place and gives the schemes on the others", () => {
    const draft = priceDraft([{ skuId: "salt", unit: "piece", qty: 1 }, ...memo], skus, prices, withSchemes);
    expect(draft.complete).toBe(false);
    expect(draft.lines.map((l) => l.priced?.skuId ?? null)).toEqual([null, "soap", "tea"]);
    expect(draft.lines[1]?.priced?.discountPoisha).toBe(10_200);
    expect(draft.free).toHaveLength(1);
  });

  it("drops free goods the outlet's price book has no price for", () => {
    const draft = priceDraft(
      memo,
      skus,
      priceIndex({ ...book, prices: book.prices.filter((p) => p.skuId !== "tea") }),
      {
        ...withSchemes,
        schemes: [teaFree],
      },
    );
    expect(draft.free).toEqual([]);
    expect(draft.skipped.map((x) => x.reason.code)).toContain("free_goods_unpriced");
  });
});

describe("the usual order", () => {
  it("suggests only SKUs still priced for the outlet, in units that exist", () => {
    const usual = [
      { skuId: "soap", qty: 2, unit: "case" },
      { skuId: "salt", qty: 5, unit: "piece" },
      { skuId: "tea", qty: 1, unit: "crate" },
      { skuId: "gone", qty: 1, unit: "piece" },
      { skuId: "tea", qty: 6, unit: "piece" },
    ];
    expect(suggestedLines(usual, skus, prices)).toEqual([
      { skuId: "soap", qty: 2, unit: "case" },
      { skuId: "tea", qty: 6, unit: "piece" },
    ]);
  });

  it("adds all suggested lines in one go, adding to lines already there", () => {
    const lines = addAll(
      [{ skuId: "soap", unit: "case", qty: 1 }],
      [
        { skuId: "soap", unit: "case", qty: 2 },
        { skuId: "tea", unit: "piece", qty: 6 },
      ],
    );
    expect(lines).toEqual([
      { skuId: "soap", unit: "case", qty: 3 },
      { skuId: "tea", unit: "piece", qty: 6 },
    ]);
  });
});

describe("the suggested order", () => {
  const usualLines = [
    { skuId: "soap", qty: 2, unit: "case" },
    { skuId: "tea", qty: 6, unit: "piece" },
  ];
  const forecastSoap = {
    skuId: "soap",
    qty: 1,
    unit: "case",
    dailyRate: 4.25,
    cycleDays: 7,
    auditedQty: 6,
    auditedOn: "2026-11-20",
  };

  it("takes the forecast's lines when there are any, each with its reason", () => {
    const order = suggestedOrder(
      {
        usualLines,
        suggestedLines: [
          forecastSoap,
          // Not sold to this outlet any more (no price), and a unit the SKU does not have: left out.
          { skuId: "salt", qty: 3, unit: "piece", dailyRate: 1, cycleDays: 7, auditedQty: null, auditedOn: null },
          { skuId: "tea", qty: 1, unit: "crate", dailyRate: 1, cycleDays: 7, auditedQty: null, auditedOn: null },
          { skuId: "tea", qty: 4, unit: "piece", dailyRate: 0.6, cycleDays: 7, auditedQty: null, auditedOn: null },
        ],
      },
      skus,
      prices,
    );
    expect(order).toEqual({
      source: "forecast",
      lines: [
        {
          skuId: "soap",
          unit: "case",
          qty: 1,
          reason: { dailyRate: 4.25, cycleDays: 7, auditedQty: 6, auditedOn: "2026-11-20" },
        },
        {
          skuId: "tea",
          unit: "piece",
          qty: 4,
          reason: { dailyRate: 0.6, cycleDays: 7, auditedQty: null, auditedOn: null },
        },
      ],
    });
  });

  it("falls back to the usual order when the forecast has no sellable line, or the snapshot predates it", () => {
    const usual = {
      source: "usual",
      lines: [
        { skuId: "soap", unit: "case", qty: 2, reason: null },
        { skuId: "tea", unit: "piece", qty: 6, reason: null },
      ],
    };
    expect(suggestedOrder({ usualLines, suggestedLines: [] }, skus, prices)).toEqual(usual);
    expect(
      suggestedOrder(
        {
          usualLines,
          suggestedLines: [
            { skuId: "salt", qty: 3, unit: "piece", dailyRate: 1, cycleDays: 7, auditedQty: null, auditedOn: null },
          ],
        },
        skus,
        prices,
      ),
    ).toEqual(usual);
    expect(suggestedOrder({ usualLines }, skus, prices)).toEqual(usual);
    expect(suggestedOrder({ usualLines: [], suggestedLines: [] }, skus, prices)).toEqual({
      source: "usual",
      lines: [],
    });
  });

  it("adds the suggested lines to the memo like any others", () => {
    const order = suggestedOrder({ usualLines, suggestedLines: [forecastSoap] }, skus, prices);
    expect(addAll([{ skuId: "soap", unit: "case", qty: 1 }], order.lines)).toEqual([
      { skuId: "soap", unit: "case", qty: 2 },
    ]);
  });

  describe("the reason beside a line", () => {
    // The catalogue's own strings, interpolated as i18next does ({{name}}), without a DOM.
    const translator =
      (catalogue: typeof en): FieldT =>
      (key, vars = {}) => {
        const text = key.split(".").reduce<unknown>((node, k) => (node as Record<string, unknown>)[k], catalogue);
        return String(text).replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(vars[name]));
      };
    const latin = { number: (n: number) => String(n), date: (d: string) => d };
    it("says the rate, the days to the next visit and the audited stock, in English", () => {
      const t = translator(en);
      expect(suggestionReason(forecastSoap, t, latin)).toBe("≈4.3/day × 7 days − 6 in stock (audit 2026-11-20)");
      expect(suggestionReason({ dailyRate: 2.14, cycleDays: 6, auditedQty: null, auditedOn: null }, t, latin)).toBe(
        "≈2.1/day × 6 days · no recent stock audit",
      );
      // A slow mover keeps two decimals, so it does not read as 0.1 a day.
      expect(
        suggestionReason({ dailyRate: 0.083, cycleDays: 7, auditedQty: 0, auditedOn: "2026-11-21" }, t, latin),
      ).toBe("≈0.08/day × 7 days − 0 in stock (audit 2026-11-21)");
    });

    it("in Bengali, with the formatter's digits and date", () => {
      const t = translator(bn);
      const bengali = {
        number: (n: number) => n.toLocaleString("bn-BD"),
        date: (d: string) => (d === "2026-11-20" ? "২০ নভে, ২০২৬" : d),
      };
      expect(suggestionReason(forecastSoap, t, bengali)).toBe("≈দিনে ৪.৩ × ৭ দিন − ৬ মজুত (অডিট ২০ নভে, ২০২৬)");
    });
  });
});

describe("finding a SKU", () => {
  const all = [soap, tea, salt];
  it("finds by Bengali, by Latin transliteration and by code", () => {
    expect(searchSkus(all, "সাবান", new Set()).map((s) => s.id)).toEqual(["soap"]);
    expect(searchSkus(all, "sabun", new Set()).map((s) => s.id)).toEqual(["soap"]);
    expect(searchSkus(all, "TEA", new Set()).map((s) => s.id)).toEqual(["tea"]);
  });
  it("puts must-sell SKUs first when nothing is typed", () => {
    expect(searchSkus(all, "", new Set(["tea"])).map((s) => s.id)).toEqual(["tea", "salt", "soap"]);
  });
});
