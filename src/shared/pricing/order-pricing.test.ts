// Hand-worked examples: each expected figure was computed on paper before the code ran.
import { describe, expect, it } from "vitest";
import { marginOf, priceFromMargin, priceLine, priceOrder } from "./order-pricing.ts";
import { fitsSellBy, splitIntoUnits, toBaseQty } from "./pack-units.ts";

const soapUnits = [
  { unit: "piece", factor: 1 },
  { unit: "pack", factor: 12 },
  { unit: "case", factor: 144 },
];

describe("pack sizes", () => {
  it("convert any unit to base units: 1 case = 12 packs = 144 pieces", () => {
    expect(toBaseQty(soapUnits, "case", 2)).toBe(288);
    expect(toBaseQty(soapUnits, "pack", 3)).toBe(36);
    expect(toBaseQty(soapUnits, "piece", 7)).toBe(7);
    expect(toBaseQty(soapUnits, "carton", 1)).toBeNull();
    expect(toBaseQty(soapUnits, "case", Number.MAX_SAFE_INTEGER)).toBeNull();
  });

  it("split base units back into the largest units first", () => {
    // 150 = 1 x 144 + 6
    expect(splitIntoUnits(soapUnits, 150)).toEqual([
      { unit: "case", qty: 1 },
      { unit: "piece", qty: 6 },
    ]);
    // 300 = 2 x 144 + 1 x 12
    expect(splitIntoUnits(soapUnits, 300)).toEqual([
      { unit: "case", qty: 2 },
      { unit: "pack", qty: 1 },
    ]);
  });

  it("enforce a sell-by-case rule on base quantities", () => {
    expect(fitsSellBy(soapUnits, "case", 288)).toBe(true);
    expect(fitsSellBy(soapUnits, "case", 150)).toBe(false);
    expect(fitsSellBy(soapUnits, null, 7)).toBe(true);
  });
});

describe("order pricing", () => {
  it("derives a price from a margin off MRP, rounding half up to the poisha", () => {
    // ৳45.00 MRP, 8.5 % retailer margin: 4500 x 0.915 = 4117.5 -> 4118 poisha
    expect(priceFromMargin(4500, 850)).toBe(4118);
    // ৳12.00 MRP, 10 %: 1080 exactly
    expect(priceFromMargin(1200, 1000)).toBe(1080);
    // the margin shown back: (4500 - 4118) / 4500 = 8.4889 % -> 849 bp
    expect(marginOf(4500, 4118)).toBe(849);
  });

  it("prices a line in cases with VAT added on top", () => {
    // 2 cases of 72 soaps = 144 pieces x 4118 = 592,992; VAT 15 % = 88,948.8 -> 88,949; total 681,941
    const line = priceLine({ skuId: "s", qty: 144, unitPricePoisha: 4118, vatRateBp: 1500, pricesIncludeVat: false });
    expect(line).toMatchObject({ grossPoisha: 592_992, discountPoisha: 0, vatPoisha: 88_949, totalPoisha: 681_941 });
  });

  it("extracts VAT from VAT-inclusive prices", () => {
    // 7 biscuits x ৳10.00 = 7000 incl. 15 %: VAT = 7000 x 15/115 = 913.04 -> 913; payable stays 7000
    const line = priceLine({ skuId: "b", qty: 7, unitPricePoisha: 1000, vatRateBp: 1500, pricesIncludeVat: true });
    expect(line).toMatchObject({ grossPoisha: 7000, vatPoisha: 913, totalPoisha: 7000 });
  });

  it("rounds a half poisha of VAT up, and takes discounts off before VAT", () => {
    // 10 x 333 = 3330 at 5 % = 166.5 -> 167
    expect(
      priceLine({ skuId: "t", qty: 10, unitPricePoisha: 333, vatRateBp: 500, pricesIncludeVat: false }),
    ).toMatchObject({ vatPoisha: 167, totalPoisha: 3497 });
    // with ৳1.00 off: 3230 at 5 % = 161.5 -> 162; total 3230 + 162 = 3392
    const discounted = priceLine(
      { skuId: "t", qty: 10, unitPricePoisha: 333, vatRateBp: 500, pricesIncludeVat: false },
      [{ kind: "discount", schemeId: "x", label: { en: "Tk 1 off", bn: "১ টাকা ছাড়" }, poisha: 100 }],
    );
    expect(discounted).toMatchObject({ grossPoisha: 3330, discountPoisha: 100, vatPoisha: 162, totalPoisha: 3392 });
  });

  it("never lets a discount push a line below zero", () => {
    const line = priceLine({ skuId: "z", qty: 1, unitPricePoisha: 50, vatRateBp: 1500, pricesIncludeVat: false }, [
      { kind: "discount", schemeId: "x", label: { en: "all off", bn: "সব ছাড়" }, poisha: 80 },
    ]);
    expect(line).toMatchObject({ discountPoisha: 50, vatPoisha: 0, totalPoisha: 0 });
  });

  it("adds up a memo line by line, and passes lines through the scheme engine", () => {
    const context = {
      outletId: "o",
      distributorId: "d",
      orderDate: "2026-11-24",
      channel: "grocery",
      outletClass: "A",
      territoryPath: "/x/",
      facing: "secondary" as const,
    };
    const lines = [
      { skuId: "a", qty: 144, unitPricePoisha: 4118, vatRateBp: 1500, pricesIncludeVat: false },
      { skuId: "b", qty: 10, unitPricePoisha: 333, vatRateBp: 500, pricesIncludeVat: false },
      { skuId: "c", qty: 3, unitPricePoisha: 5500, vatRateBp: 0, pricesIncludeVat: false },
    ];
    const plain = priceOrder(context, lines);
    // 592,992 + 3,330 + 16,500 = 612,822; VAT 88,949 + 167 + 0 = 89,116; total 701,938
    expect(plain.totals).toEqual({
      subtotalPoisha: 612_822,
      discountPoisha: 0,
      vatPoisha: 89_116,
      totalPoisha: 701_938,
    });
    const withScheme = priceOrder(context, lines, (_c, ls) => {
      expect(ls).toHaveLength(3);
      return {
        adjustments: new Map([
          [2, [{ kind: "discount" as const, schemeId: "s1", label: { en: "5 %", bn: "৫ %" }, poisha: 825 }]],
        ]),
        free: [],
        applied: [{ schemeId: "s1", discountPoisha: 825, free: [] }],
        skipped: [],
      };
    });
    expect(withScheme.lines[2]).toMatchObject({ discountPoisha: 825, totalPoisha: 15_675 });
    expect(withScheme.totals.totalPoisha).toBe(701_938 - 825);
  });
});

describe("free-goods lines on a memo", () => {
  const context = {
    outletId: "o",
    distributorId: "d",
    orderDate: "2026-11-24",
    channel: "grocery",
    outletClass: "A",
    territoryPath: "/x/",
    facing: "secondary" as const,
  };
  const label = { en: "B12G1: 1 free", bn: "B12G1: ১টি ফ্রি" };
  const lines = [{ skuId: "soap", qty: 12, unitPricePoisha: 4_000, vatRateBp: 1500, pricesIncludeVat: false }];
  const engine = () => ({
    adjustments: new Map([[0, [{ kind: "discount" as const, schemeId: "pct", label, poisha: 2_400 }]]]),
    free: [
      { schemeId: "b12g1", skuId: "soap", qty: 1, label },
      { schemeId: "gift", skuId: "mug", qty: 2, label },
    ],
    applied: [
      { schemeId: "pct", discountPoisha: 2_400, free: [] },
      { schemeId: "b12g1", discountPoisha: 0, free: [{ skuId: "soap", qty: 1 }] },
      { schemeId: "gift", discountPoisha: 0, free: [{ skuId: "mug", qty: 2 }] },
    ],
    skipped: [],
  });
  const soapPrice = { unitPricePoisha: 4_000, vatRateBp: 1500, pricesIncludeVat: false };

  it("adds a free line at list price that totals 0, carries the scheme's cost and no VAT", () => {
    const priced = priceOrder(context, lines, engine, (sku) => (sku === "soap" ? soapPrice : undefined));
    // entered: 12 x 4000 = 48,000 less 2,400 = 45,600; VAT 15 % = 6,840; total 52,440
    expect(priced.lines[0]).toMatchObject({
      grossPoisha: 48_000,
      discountPoisha: 2_400,
      vatPoisha: 6_840,
      totalPoisha: 52_440,
    });
    // free: 1 x 4000 = 4,000 gross, discount 4,000, VAT 0, total 0
    expect(priced.free).toEqual([
      {
        skuId: "soap",
        qty: 1,
        ...soapPrice,
        grossPoisha: 4_000,
        discountPoisha: 4_000,
        vatPoisha: 0,
        totalPoisha: 0,
        adjustments: [{ kind: "free_goods", schemeId: "b12g1", label, poisha: 4_000 }],
        schemeId: "b12g1",
      },
    ]);
    // totals cover both: subtotal 52,000, discount 6,400, VAT 6,840, total 52,440
    expect(priced.totals).toEqual({
      subtotalPoisha: 52_000,
      discountPoisha: 6_400,
      vatPoisha: 6_840,
      totalPoisha: 52_440,
    });
    // the mug has no price: dropped, reported, and taken out of applied
    expect(priced.skipped).toEqual([{ schemeId: "gift", reason: { code: "free_goods_unpriced", skuId: "mug" } }]);
    expect(priced.applied.map((a) => a.schemeId)).toEqual(["pct", "b12g1"]);
  });

  it("prices a VAT-inclusive free line to 0 too", () => {
    const priced = priceOrder(context, lines, engine, () => ({
      unitPricePoisha: 1_150,
      vatRateBp: 1500,
      pricesIncludeVat: true,
    }));
    // soap 1 x 1150 and mug 2 x 1150 = 2300: all discounted, VAT 0, payable 0
    expect(priced.free.map((f) => [f.skuId, f.grossPoisha, f.discountPoisha, f.vatPoisha, f.totalPoisha])).toEqual([
      ["soap", 1_150, 1_150, 0, 0],
      ["mug", 2_300, 2_300, 0, 0],
    ]);
    expect(priced.skipped).toEqual([]);
  });

  it("drops every free line when no price lookup is given, and an empty engine adds nothing", () => {
    const priced = priceOrder(context, lines, engine);
    expect(priced.free).toEqual([]);
    expect(priced.skipped.map((s) => s.reason.code)).toEqual(["free_goods_unpriced", "free_goods_unpriced"]);
    expect(priceOrder(context, lines)).toMatchObject({ free: [], applied: [], skipped: [] });
  });

  it("counts a free_goods adjustment on a line as discount, capped at the gross", () => {
    const l = priceLine({ skuId: "s", qty: 2, unitPricePoisha: 500, vatRateBp: 1500, pricesIncludeVat: false }, [
      { kind: "free_goods", schemeId: "f", label, poisha: 500 },
      { kind: "discount", schemeId: "d", label, poisha: 800 },
    ]);
    // 1,000 gross; 500 + 800 = 1,300 capped at 1,000
    expect(l).toMatchObject({ grossPoisha: 1_000, discountPoisha: 1_000, vatPoisha: 0, totalPoisha: 0 });
  });
});
