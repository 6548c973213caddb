// The scheme engine, case by case: every expected figure was worked by hand (the arithmetic is in the comments)
// before the code ran. Then properties over random memos and scheme sets.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type LineInput, priceOrder, type SchemeContext } from "./order-pricing.ts";
import { explainSchemes, schemeEngine } from "./scheme-engine.ts";
import { benefitText, skipReasonText } from "./scheme-explain.ts";
import type { SchemeBenefit, SchemeDefinition, SchemeRule, SchemeSkipReason } from "./scheme-types.ts";

const ctx: SchemeContext = {
  outletId: "out-1",
  distributorId: "dist-1",
  orderDate: "2026-11-24",
  channel: "grocery",
  outletClass: "A",
  territoryPath: "/bd/dhaka/mirpur/",
  facing: "secondary",
};

const line = (skuId: string, qty: number, unitPricePoisha: number): LineInput => ({
  skuId,
  qty,
  unitPricePoisha,
  vatRateBp: 0,
  pricesIncludeVat: false,
});

let seq = 0;
function scheme(rule: SchemeRule, over: Partial<SchemeDefinition> = {}): SchemeDefinition {
  seq += 1;
  const id = over.id ?? `s${String(seq).padStart(3, "0")}`;
  return {
    id,
    code: over.code ?? id.toUpperCase(),
    name: { en: id, bn: id },
    facing: "secondary",
    validFrom: "2026-11-01",
    validTo: "2026-11-30",
    priority: 100,
    stacking: "stackable",
    targeting: { territoryPaths: [], channels: [], outletClasses: [], distributorIds: [], outletIds: [] },
    rule,
    ...over,
  };
}

const slab = (
  skuIds: string[],
  measure: "qty" | "value",
  slabs: { min: number; benefit: SchemeBenefit }[],
  mode: "once" | "stepped" | "repeating" = "once",
): SchemeRule => ({ kind: "slab", skuIds, measure, mode, slabs });
const pct = (bp: number): SchemeBenefit => ({ type: "percent", bp });
const flat = (poisha: number): SchemeBenefit => ({ type: "flat", poisha });
const freeOf = (skuId: string, qty: number): SchemeBenefit => ({ type: "free_goods", skuId, qty });

/** What each line's scheme discount came to, by line index. */
function discounts(schemes: SchemeDefinition[], lines: LineInput[], c: SchemeContext = ctx) {
  const out = schemeEngine(schemes)(c, lines);
  return lines.map((_, i) => (out.adjustments.get(i) ?? []).reduce((s, a) => s + a.poisha, 0));
}
const reasonOf = (s: SchemeDefinition, lines: LineInput[], c: SchemeContext = ctx) =>
  explainSchemes([s], c, lines).find((e) => e.schemeId === s.id)?.reason ?? null;

describe("slab boundaries", () => {
  // 10 % off soap when 12 or more pieces are bought; soap at ৳40.00 (4,000 poisha)
  const byQty = scheme(slab(["soap"], "qty", [{ min: 12, benefit: pct(1000) }]));
  it.each([
    // 11 pieces: below the threshold, nothing
    [11, 0],
    // 12 x 4000 = 48,000; 10 % = 4,800
    [12, 4_800],
    // 13 x 4000 = 52,000; 10 % = 5,200
    [13, 5_200],
  ])("by quantity: %i pieces give %i poisha", (qty, expected) => {
    expect(discounts([byQty], [line("soap", qty, 4_000)])).toEqual([expected]);
  });
  it("reports what a quantity slab lacks", () => {
    expect(reasonOf(byQty, [line("soap", 11, 4_000)])).toEqual({
      code: "below_threshold",
      measure: "qty",
      have: 11,
      need: 12,
    });
  });

  // ৳50 off when the tea bought is worth ৳1,000.00 (100,000 poisha) or more; tea at 25,000 poisha a box
  const byValue = scheme(slab(["tea"], "value", [{ min: 100_000, benefit: flat(5_000) }]));
  it.each([
    // min - 1: 99,999 poisha (one line of 1 x 99,999): nothing
    [1, 99_999, 0],
    // exactly 100,000 (4 x 25,000): ৳50
    [4, 25_000, 5_000],
    // min + 1: 100,001 poisha: ৳50
    [1, 100_001, 5_000],
  ])("by value: %i x %i poisha gives %i poisha", (qty, price, expected) => {
    expect(discounts([byValue], [line("tea", qty, price)])).toEqual([expected]);
  });
  it("reports what a value slab lacks in poisha", () => {
    expect(reasonOf(byValue, [line("tea", 1, 99_999)])).toEqual({
      code: "below_threshold",
      measure: "value",
      have: 99_999,
      need: 100_000,
    });
  });
});

describe("stepped slabs", () => {
  // 5 % from 10 pieces, 7.5 % from 50, 10 % from 100 (listed out of order: the engine sorts them); soap at 4,000
  const stepped = scheme(
    slab(
      ["soap"],
      "qty",
      [
        { min: 100, benefit: pct(1000) },
        { min: 10, benefit: pct(500) },
        { min: 50, benefit: pct(750) },
      ],
      "stepped",
    ),
  );
  it.each([
    [9, 0],
    // 10 x 4000 = 40,000; 5 % = 2,000
    [10, 2_000],
    // 49 x 4000 = 196,000; 5 % = 9,800
    [49, 9_800],
    // 50 x 4000 = 200,000; 7.5 % = 15,000
    [50, 15_000],
    // 99 x 4000 = 396,000; 7.5 % = 29,700
    [99, 29_700],
    // 100 x 4000 = 400,000; 10 % = 40,000 (the highest slab reached, not added to the lower ones)
    [100, 40_000],
  ])("%i pieces give %i poisha", (qty, expected) => {
    expect(discounts([stepped], [line("soap", qty, 4_000)])).toEqual([expected]);
  });
});

describe("repeating: buy 12 get 1 free", () => {
  const b12g1 = scheme(slab(["soap"], "qty", [{ min: 12, benefit: freeOf("soap", 1) }], "repeating"), {
    code: "B12G1",
  });
  it.each([
    [11, 0],
    // floor(12 / 12) = 1
    [12, 1],
    // floor(23 / 12) = 1
    [23, 1],
    // floor(24 / 12) = 2
    [24, 2],
  ])("%i pieces give %i free", (qty, free) => {
    const out = schemeEngine([b12g1])(ctx, [line("soap", qty, 4_000)]);
    expect(out.free.map((f) => f.qty)).toEqual(free === 0 ? [] : [free]);
    expect(out.adjustments.size).toBe(0);
    if (free > 0) {
      expect(out.free[0]).toEqual({
        schemeId: b12g1.id,
        skuId: "soap",
        qty: free,
        label: { en: `B12G1: ${free} free`, bn: `B12G1: ${free === 1 ? "১" : "২"}টি ফ্রি` },
      });
      expect(out.applied).toEqual([{ schemeId: b12g1.id, discountPoisha: 0, free: [{ skuId: "soap", qty: free }] }]);
    } else {
      expect(out.skipped).toEqual([
        { schemeId: b12g1.id, reason: { code: "below_threshold", measure: "qty", have: 11, need: 12 } },
      ]);
    }
  });

  it("multiplies a flat benefit but never a percent", () => {
    // ৳10 per whole 12: 30 pieces -> floor(30/12) = 2 -> ৳20 = 2,000 poisha
    const flatRepeat = scheme(slab(["soap"], "qty", [{ min: 12, benefit: flat(1_000) }], "repeating"));
    expect(discounts([flatRepeat], [line("soap", 30, 4_000)])).toEqual([2_000]);
    // 5 % on 30 x 4000 = 120,000 -> 6,000, not 12,000
    const pctRepeat = scheme(slab(["soap"], "qty", [{ min: 12, benefit: pct(500) }], "repeating"));
    expect(discounts([pctRepeat], [line("soap", 30, 4_000)])).toEqual([6_000]);
  });
});

describe("free goods never count towards a threshold", () => {
  it("leaves the free soap of buy 12 get 1 out of a 13-piece slab", () => {
    // 12 bought + 1 free = 13 soaps on the memo, but only the 12 entered count: the 13-piece slab is not reached
    const b12g1 = scheme(slab(["soap"], "qty", [{ min: 12, benefit: freeOf("soap", 1) }], "repeating"), {
      priority: 1,
    });
    const at13 = scheme(slab(["soap"], "qty", [{ min: 13, benefit: pct(500) }]), { priority: 2 });
    const priced = priceOrder(ctx, [line("soap", 12, 4_000)], schemeEngine([b12g1, at13]), () => ({
      unitPricePoisha: 4_000,
      vatRateBp: 0,
      pricesIncludeVat: false,
    }));
    expect(priced.free.map((f) => f.qty)).toEqual([1]);
    expect(priced.lines[0]?.discountPoisha).toBe(0);
    expect(priced.skipped).toEqual([
      { schemeId: at13.id, reason: { code: "below_threshold", measure: "qty", have: 12, need: 13 } },
    ]);
  });

  it("repeats a value slab per whole multiple", () => {
    // ৳10 (1,000) off per whole ৳1,000 (100,000) of tea: 3 x 95,000 = 285,000 -> floor(2.85) = 2 -> 2,000
    const s = scheme(slab(["tea"], "value", [{ min: 100_000, benefit: flat(1_000) }], "repeating"), { code: "TEA10" });
    const out = schemeEngine([s])(ctx, [line("tea", 3, 95_000)]);
    expect(out.applied).toEqual([{ schemeId: s.id, discountPoisha: 2_000, free: [] }]);
    expect(out.adjustments.get(0)?.[0]?.label).toEqual({ en: "TEA10: ৳20 off", bn: "TEA10: ৳২০ ছাড়" });
  });
});

describe("free goods in another SKU", () => {
  it("gives 2 shampoo sachets for 6 soaps, priced at list and totalling 0", () => {
    const s = scheme(slab(["soap"], "qty", [{ min: 6, benefit: freeOf("sachet", 2) }]), { code: "SOAPSACHET" });
    const lines = [line("soap", 6, 4_000)];
    const priced = priceOrder(ctx, lines, schemeEngine([s]), (sku) =>
      sku === "sachet" ? { unitPricePoisha: 500, vatRateBp: 1500, pricesIncludeVat: false } : undefined,
    );
    // the soap line: 6 x 4000 = 24,000, untouched
    expect(priced.lines[0]).toMatchObject({ grossPoisha: 24_000, discountPoisha: 0, totalPoisha: 24_000 });
    // the free line: 2 x 500 = 1,000 gross, all of it the scheme's, VAT 0, total 0
    expect(priced.free).toHaveLength(1);
    expect(priced.free[0]).toMatchObject({
      schemeId: s.id,
      skuId: "sachet",
      qty: 2,
      grossPoisha: 1_000,
      discountPoisha: 1_000,
      vatPoisha: 0,
      totalPoisha: 0,
    });
    expect(priced.free[0]?.adjustments).toEqual([
      {
        kind: "free_goods",
        schemeId: s.id,
        label: { en: "SOAPSACHET: 2 free", bn: "SOAPSACHET: ২টি ফ্রি" },
        poisha: 1_000,
      },
    ]);
    // totals cover both lines: subtotal 25,000, discount 1,000, total 24,000
    expect(priced.totals).toEqual({ subtotalPoisha: 25_000, discountPoisha: 1_000, vatPoisha: 0, totalPoisha: 24_000 });
  });
});

describe("bundles (must-buy combos)", () => {
  // 2 soap + 1 toothpaste = 1 set; soap 4,000, paste 9,000
  const combo = (benefit: SchemeBenefit) =>
    scheme({
      kind: "bundle",
      components: [
        { skuId: "soap", qty: 2 },
        { skuId: "paste", qty: 1 },
      ],
      benefit,
    });

  it("is incomplete without every component, and says what is missing", () => {
    const s = combo(pct(1000));
    expect(reasonOf(s, [line("soap", 5, 4_000)])).toEqual({
      code: "bundle_incomplete",
      missing: [{ skuId: "paste", have: 0, need: 1 }],
    });
    expect(reasonOf(s, [line("soap", 1, 4_000), line("paste", 3, 9_000)])).toEqual({
      code: "bundle_incomplete",
      missing: [{ skuId: "soap", have: 1, need: 2 }],
    });
  });

  it("takes percent off the bundled part only", () => {
    // 3 soap + 1 paste: 1 set = min(floor(3/2), floor(1/1)) = 1; the bundled part is 2 soap (8,000) and 1 paste
    // (9,000); 10 % -> 800 and 900 (the third soap gets nothing)
    expect(discounts([combo(pct(1000))], [line("soap", 3, 4_000), line("paste", 1, 9_000)])).toEqual([800, 900]);
  });

  it("gives flat and free goods per set: two sets", () => {
    // 4 soap + 3 paste: sets = min(floor(4/2)=2, floor(3/1)=3) = 2
    // flat ৳30 per set -> 6,000 spread over the bundled parts: soap 4 x 4000 = 16,000, paste 2 x 9000 = 18,000
    // soap 6000 x 16000/34000 = 2823.53 -> 2823 (r .53), paste 6000 x 18000/34000 = 3176.47 -> 3176 (r .47);
    // 1 poisha left goes to the larger remainder (soap): 2824 + 3176 = 6000
    expect(discounts([combo(flat(3_000))], [line("soap", 4, 4_000), line("paste", 3, 9_000)])).toEqual([2_824, 3_176]);
    const out = schemeEngine([combo(freeOf("brush", 1))])(ctx, [line("soap", 4, 4_000), line("paste", 3, 9_000)]);
    expect(out.free.map((f) => [f.skuId, f.qty])).toEqual([["brush", 2]]);
  });

  it("counts a component's SKU over all its lines", () => {
    // soap on two lines (1 + 1) makes the 2 soaps of one set; bundled part: line 0 1 soap, line 1 1 soap
    // 10 %: 400, 400, 900
    expect(
      discounts([combo(pct(1000))], [line("soap", 1, 4_000), line("soap", 1, 4_000), line("paste", 1, 9_000)]),
    ).toEqual([400, 400, 900]);
  });
});

describe("flat spread with remainders", () => {
  it("splits ৳1.00 over three equal lines as 34 + 33 + 33", () => {
    // 100 x 1/3 = 33.33 each; 1 poisha left, the remainders tie, the earliest line takes it
    const s = scheme(slab([], "qty", [{ min: 1, benefit: flat(100) }]));
    expect(discounts([s], [line("a", 1, 1_000), line("b", 1, 1_000), line("c", 1, 1_000)])).toEqual([34, 33, 33]);
  });
  it("splits by gross value, largest remainder first, adding up exactly", () => {
    // ৳10.00 = 1,000 over gross 700, 200, 100 (total 1,000): exactly 700, 200, 100
    const s = scheme(slab([], "qty", [{ min: 1, benefit: flat(1_000) }]));
    expect(discounts([s], [line("a", 7, 100), line("b", 2, 100), line("c", 1, 100)])).toEqual([700, 200, 100]);
    // 7 poisha over gross 300, 300, 400: 7 x 3/10 = 2.1, 2.1, 7 x 4/10 = 2.8 -> floors 2, 2, 2 (sum 6); the
    // 1 poisha left goes to the largest remainder (line c, .8)
    const seven = scheme(slab([], "qty", [{ min: 1, benefit: flat(7) }]));
    expect(discounts([seven], [line("a", 3, 100), line("b", 3, 100), line("c", 4, 100)])).toEqual([2, 2, 3]);
  });
});

describe("memo-level schemes", () => {
  it("measure and give on every line of the memo", () => {
    // 3 % off a memo worth ৳5,000 (500,000 poisha) or more: 10 x 6000 + 10 x 4500 = 105,000 is below it
    const s = scheme(slab([], "value", [{ min: 500_000, benefit: pct(300) }]));
    expect(discounts([s], [line("a", 10, 6_000), line("b", 10, 4_500)])).toEqual([0, 0]);
    // 50 x 6000 = 300,000 + 50 x 4500 = 225,000 = 525,000 >= 500,000: 3 % -> 9,000 and 6,750
    expect(discounts([s], [line("a", 50, 6_000), line("b", 50, 4_500)])).toEqual([9_000, 6_750]);
  });
  it("rounds a percent half up on each line", () => {
    // 2.5 % of 1,010 = 25.25 -> 25; of 1,030 = 25.75 -> 26; of 1,020 = 25.5 -> 26
    const s = scheme(slab([], "qty", [{ min: 1, benefit: pct(250) }]));
    expect(discounts([s], [line("a", 1, 1_010), line("b", 1, 1_030), line("c", 1, 1_020)])).toEqual([25, 26, 26]);
  });
  it("has no qualifying lines on an empty memo", () => {
    const s = scheme(slab([], "qty", [{ min: 1, benefit: pct(250) }]));
    expect(reasonOf(s, [])).toEqual({ code: "no_qualifying_lines" });
  });
});

describe("targeting and validity", () => {
  const rule = slab(["soap"], "qty", [{ min: 1, benefit: pct(1000) }]);
  const lines = [line("soap", 1, 4_000)];
  const none = { territoryPaths: [], channels: [], outletClasses: [], distributorIds: [], outletIds: [] };
  it.each<[string, Partial<SchemeDefinition["targeting"]>, SchemeSkipReason | null]>([
    ["territory above the outlet's", { territoryPaths: ["/bd/dhaka/"] }, null],
    ["territory without a trailing slash", { territoryPaths: ["/bd/dhaka"] }, null],
    [
      "a sibling territory sharing a prefix",
      { territoryPaths: ["/bd/dhaka/mir/"] },
      { code: "not_targeted", field: "territory" },
    ],
    [
      "a name prefix is not a path prefix",
      { territoryPaths: ["/bd/dhak"] },
      { code: "not_targeted", field: "territory" },
    ],
    ["the channel", { channels: ["grocery", "pharmacy"] }, null],
    ["another channel", { channels: ["pharmacy"] }, { code: "not_targeted", field: "channel" }],
    ["the class", { outletClasses: ["A"] }, null],
    ["another class", { outletClasses: ["B", "C"] }, { code: "not_targeted", field: "outlet_class" }],
    ["the distributor", { distributorIds: ["dist-1"] }, null],
    ["another distributor", { distributorIds: ["dist-2"] }, { code: "not_targeted", field: "distributor" }],
    ["the outlet", { outletIds: ["out-1"] }, null],
    ["another outlet", { outletIds: ["out-2"] }, { code: "not_targeted", field: "outlet" }],
    // the first failing field is the one reported, in the order territory, channel, class, distributor, outlet
    ["several failing", { channels: ["x"], outletIds: ["y"] }, { code: "not_targeted", field: "channel" }],
  ])("%s", (_name, targeting, reason) => {
    const s = scheme(rule, { targeting: { ...none, ...targeting } });
    expect(reasonOf(s, lines)).toEqual(reason);
    expect(discounts([s], lines)).toEqual([reason ? 0 : 400]);
  });

  const period = { code: "not_in_period", validFrom: "2026-11-01", validTo: "2026-11-30" } as const;
  it.each([
    ["2026-10-31", period],
    ["2026-11-01", null],
    ["2026-11-30", null],
    ["2026-12-01", period],
  ])("on %s (valid 1 to 30 November, both inclusive)", (orderDate, reason) => {
    expect(reasonOf(scheme(rule), lines, { ...ctx, orderDate })).toEqual(reason);
  });

  it("applies only to its facing", () => {
    const primary = scheme(rule, { facing: "primary" });
    expect(reasonOf(primary, lines)).toEqual({ code: "wrong_facing" });
    expect(reasonOf(primary, lines, { ...ctx, facing: "primary" })).toBeNull();
  });

  it("checks facing, then validity, then targeting", () => {
    const all = scheme(rule, { facing: "primary", validTo: "2026-11-02", targeting: { ...none, outletIds: ["x"] } });
    expect(reasonOf(all, lines)?.code).toBe("wrong_facing");
    expect(reasonOf({ ...all, facing: "secondary" }, lines)?.code).toBe("not_in_period");
    expect(reasonOf({ ...all, facing: "secondary", validTo: "2026-12-31" }, lines)?.code).toBe("not_targeted");
  });
});

describe("stacking and priority", () => {
  const lines = [line("soap", 10, 1_000), line("tea", 10, 2_000)];
  // soap 10 x 1000 = 10,000; tea 10 x 2000 = 20,000
  const soap10 = (over: Partial<SchemeDefinition>) =>
    scheme(slab(["soap"], "qty", [{ min: 1, benefit: pct(1000) }]), over);
  const memo5 = (over: Partial<SchemeDefinition>) => scheme(slab([], "qty", [{ min: 1, benefit: pct(500) }]), over);

  it("adds stackable schemes up", () => {
    // soap: 10 % = 1,000 + 5 % of the gross 10,000 = 500 -> 1,500; tea: 5 % of 20,000 = 1,000
    expect(discounts([soap10({ priority: 1 }), memo5({ priority: 2 })], lines)).toEqual([1_500, 1_000]);
  });

  it("lets an earlier exclusive scheme claim its lines", () => {
    const first = soap10({ priority: 1, stacking: "exclusive" });
    const later = memo5({ priority: 2 });
    // soap: 1,000 from the exclusive only; tea: the memo-level 5 % = 1,000 on the line left to it
    expect(discounts([first, later], lines)).toEqual([1_000, 1_000]);
    const memoOnlySoap = [line("soap", 10, 1_000)];
    // with soap alone the memo scheme has nothing left: blocked by the exclusive one
    expect(explainSchemes([first, later], ctx, memoOnlySoap).map((e) => e.reason)).toEqual([
      null,
      { code: "blocked_by_exclusive", schemeId: first.id },
    ]);
  });

  it("blocks a later exclusive scheme on lines an earlier scheme already discounted", () => {
    const first = memo5({ priority: 1 });
    const later = soap10({ priority: 2, stacking: "exclusive" });
    // memo 5 %: soap 500, tea 1,000; the exclusive soap scheme finds its only line taken
    expect(discounts([first, later], lines)).toEqual([500, 1_000]);
    expect(explainSchemes([first, later], ctx, lines)[1]?.reason).toEqual({
      code: "blocked_by_exclusive",
      schemeId: first.id,
    });
  });

  it("runs by priority, then code, then id, whatever the array order", () => {
    // an exclusive 10 % on soap at priority 1 wins over an exclusive memo 5 % at priority 2 on the soap line
    const a = soap10({ priority: 1, stacking: "exclusive", code: "ZZZ" });
    const b = memo5({ priority: 2, stacking: "exclusive", code: "AAA" });
    // b runs second: soap is claimed by a, b is exclusive and measures tea alone: 5 % of 20,000 = 1,000
    expect(discounts([b, a], lines)).toEqual([1_000, 1_000]);
    expect(discounts([a, b], lines)).toEqual([1_000, 1_000]);
    // at equal priority the code decides: AAA (memo 5 %) first, so the soap scheme (exclusive) is blocked
    const a2 = { ...a, priority: 2 };
    expect(discounts([a2, b], lines)).toEqual([500, 1_000]);
    expect(explainSchemes([a2, b], ctx, lines).map((e) => e.schemeId)).toEqual([b.id, a2.id]);
    // same priority and code: the id decides
    const x = soap10({ id: "x-2", code: "SAME", priority: 5, stacking: "exclusive" });
    const y = memo5({ id: "x-1", code: "SAME", priority: 5, stacking: "exclusive" });
    expect(explainSchemes([x, y], ctx, lines).map((e) => e.schemeId)).toEqual(["x-1", "x-2"]);
  });
});

describe("budget and outlet caps", () => {
  it("skips a scheme whose budget is used up or whose outlet cap is reached", () => {
    const s = scheme(slab(["soap"], "qty", [{ min: 1, benefit: pct(1000) }]));
    const lines = [line("soap", 1, 4_000)];
    expect(schemeEngine([s], { exhausted: new Set([s.id]) })(ctx, lines).skipped).toEqual([
      { schemeId: s.id, reason: { code: "budget_exhausted" } },
    ]);
    expect(schemeEngine([s], { outletCapped: new Set([s.id]) })(ctx, lines).skipped).toEqual([
      { schemeId: s.id, reason: { code: "outlet_cap_reached" } },
    ]);
    expect(explainSchemes([s], ctx, lines, { exhausted: new Set(["other"]) })[0]).toMatchObject({
      applied: true,
      discountPoisha: 400,
    });
  });
});

describe("clamping at the line value", () => {
  it("never gives more than is left of a line, and reports what was given", () => {
    // a ৳100 flat on a ৳30 line gives ৳30 (3,000 poisha)
    const big = scheme(slab([], "qty", [{ min: 1, benefit: flat(10_000) }]), { priority: 1 });
    const lines = [line("a", 1, 3_000)];
    const out = schemeEngine([big])(ctx, lines);
    expect(out.applied).toEqual([{ schemeId: big.id, discountPoisha: 3_000, free: [] }]);
    // a later 10 % finds nothing left
    const later = scheme(slab([], "qty", [{ min: 1, benefit: pct(1000) }]), { priority: 2 });
    expect(explainSchemes([big, later], ctx, lines)[1]?.reason).toEqual({ code: "nothing_to_give" });
    // 60 % then 60 % of a 1,000 line: 600, then 600 clamped to the 400 left
    const p60a = scheme(slab([], "qty", [{ min: 1, benefit: pct(6000) }]), { priority: 1 });
    const p60b = scheme(slab([], "qty", [{ min: 1, benefit: pct(6000) }]), { priority: 2 });
    const both = schemeEngine([p60a, p60b])(ctx, [line("a", 1, 1_000)]);
    expect(both.applied.map((a) => a.discountPoisha)).toEqual([600, 400]);
    expect(priceOrder(ctx, [line("a", 1, 1_000)], schemeEngine([p60a, p60b])).lines[0]).toMatchObject({
      discountPoisha: 1_000,
      totalPoisha: 0,
    });
  });
});

describe("labels and explanations", () => {
  it("label what a benefit gave in both languages, with Bengali digits", () => {
    expect(benefitText("SUMMER10", pct(1000))).toEqual({ en: "SUMMER10: 10 % off", bn: "SUMMER10: ১০% ছাড়" });
    expect(benefitText("HALF", pct(1250))).toEqual({ en: "HALF: 12.5 % off", bn: "HALF: ১২.৫% ছাড়" });
    expect(benefitText("EID", flat(5_000), 2)).toEqual({ en: "EID: ৳100 off", bn: "EID: ৳১০০ ছাড়" });
    const s = scheme(slab(["soap"], "qty", [{ min: 1, benefit: pct(1000) }]), { code: "SUMMER10" });
    const out = schemeEngine([s])(ctx, [line("soap", 3, 4_000)]);
    expect(out.adjustments.get(0)).toEqual([
      { kind: "discount", schemeId: s.id, label: { en: "SUMMER10: 10 % off", bn: "SUMMER10: ১০% ছাড়" }, poisha: 1_200 },
    ]);
  });

  it("explain every scheme with what it gave or why not", () => {
    const lines = [line("soap", 12, 4_000)];
    const ok = scheme(slab(["soap"], "qty", [{ min: 12, benefit: freeOf("soap", 1) }]), { priority: 1 });
    const low = scheme(slab(["soap"], "qty", [{ min: 24, benefit: pct(500) }]), { priority: 2 });
    const gone = scheme(slab(["tea"], "qty", [{ min: 1, benefit: pct(500) }]), { priority: 3 });
    expect(explainSchemes([gone, low, ok], ctx, lines)).toEqual([
      { schemeId: ok.id, applied: true, discountPoisha: 0, free: [{ skuId: "soap", qty: 1 }], reason: null },
      {
        schemeId: low.id,
        applied: false,
        discountPoisha: 0,
        free: [],
        reason: { code: "below_threshold", measure: "qty", have: 12, need: 24 },
      },
      { schemeId: gone.id, applied: false, discountPoisha: 0, free: [], reason: { code: "no_qualifying_lines" } },
    ]);
  });

  it("say why in both languages", () => {
    expect(skipReasonText({ code: "below_threshold", measure: "qty", have: 11, need: 12 })).toEqual({
      en: "It needs 12 units; the order has 11.",
      bn: "এর জন্য ১২ ইউনিট লাগে; অর্ডারে আছে ১১।",
    });
    expect(skipReasonText({ code: "blocked_by_exclusive", schemeId: "id-1" }, { scheme: () => "EID" }).en).toBe(
      "It cannot be combined with EID, which already applies to these products.",
    );
    expect(skipReasonText({ code: "free_goods_unpriced", skuId: "s" }, { sku: () => "Sachet" }).bn).toContain("Sachet");
  });
});

describe("every skip reason has words in both languages", () => {
  const reasons: SchemeSkipReason[] = [
    { code: "not_in_period", validFrom: "2026-11-01", validTo: "2026-11-30" },
    { code: "wrong_facing" },
    ...(["territory", "channel", "outlet_class", "distributor", "outlet"] as const).map((field) => ({
      code: "not_targeted" as const,
      field,
    })),
    { code: "no_qualifying_lines" },
    { code: "below_threshold", measure: "qty", have: 11, need: 12 },
    { code: "below_threshold", measure: "value", have: 99_950, need: 100_000 },
    { code: "bundle_incomplete", missing: [{ skuId: "paste", have: 0, need: 1 }] },
    { code: "blocked_by_exclusive", schemeId: "s" },
    { code: "budget_exhausted" },
    { code: "outlet_cap_reached" },
    { code: "nothing_to_give" },
    { code: "free_goods_unpriced", skuId: "mug" },
  ];
  it.each(reasons.map((r) => [r.code, r] as const))("%s", (_code, reason) => {
    const text = skipReasonText(reason, { sku: (id) => `SKU ${id}`, scheme: () => "EID" });
    expect(text.en.length).toBeGreaterThan(10);
    expect(text.bn.length).toBeGreaterThan(10);
    // figures in the Bengali text are in Bengali digits
    expect(text.bn).not.toMatch(/[0-9]/);
  });
  it("give figures and dates as people read them", () => {
    expect(skipReasonText(reasons[9] as SchemeSkipReason)).toEqual({
      en: "It needs ৳1,000 worth; the order has ৳999.50.",
      bn: "এর জন্য ৳১,০০০ মূল্যের কেনা লাগে; অর্ডারে আছে ৳৯৯৯.৫০।",
    });
    expect(skipReasonText(reasons[0] as SchemeSkipReason).en).toBe(
      "It runs from 1 Nov 2026 to 30 Nov 2026; the order date is outside.",
    );
  });
});

describe("properties", () => {
  const skus = ["a", "b", "c", "d"];
  const benefitArb: fc.Arbitrary<SchemeBenefit> = fc.oneof(
    fc.integer({ min: 0, max: 10_000 }).map(pct),
    fc.integer({ min: 0, max: 500_000 }).map(flat),
    fc.record({ sku: fc.constantFrom(...skus), qty: fc.integer({ min: 1, max: 5 }) }).map((f) => freeOf(f.sku, f.qty)),
  );
  const ruleArb: fc.Arbitrary<SchemeRule> = fc.oneof(
    fc
      .record({
        skuIds: fc.subarray(skus),
        measure: fc.constantFrom("qty" as const, "value" as const),
        mode: fc.constantFrom("once" as const, "stepped" as const, "repeating" as const),
        slabs: fc.array(fc.record({ min: fc.integer({ min: 1, max: 200_000 }), benefit: benefitArb }), {
          minLength: 1,
          maxLength: 3,
        }),
      })
      .map((r) => ({ kind: "slab" as const, ...r })),
    fc
      .record({
        components: fc.array(fc.record({ skuId: fc.constantFrom(...skus), qty: fc.integer({ min: 1, max: 6 }) }), {
          minLength: 1,
          maxLength: 3,
        }),
        benefit: benefitArb,
      })
      .map((r) => ({ kind: "bundle" as const, ...r })),
  );
  const schemesArb = fc
    .array(
      fc.record({
        rule: ruleArb,
        priority: fc.integer({ min: 0, max: 3 }),
        code: fc.constantFrom("A", "B", "C"),
        stacking: fc.constantFrom("exclusive" as const, "stackable" as const),
      }),
      { maxLength: 6 },
    )
    .map((xs) =>
      xs.map((x, i) => scheme(x.rule, { id: `p${i}`, code: x.code, priority: x.priority, stacking: x.stacking })),
    );
  const linesArb = fc.array(
    fc.record({
      skuId: fc.constantFrom(...skus),
      qty: fc.integer({ min: 0, max: 60 }),
      unitPricePoisha: fc.integer({ min: 0, max: 20_000 }),
      vatRateBp: fc.constantFrom(0, 500, 1500),
      pricesIncludeVat: fc.boolean(),
    }),
    { maxLength: 6 },
  );
  const freePrice = (sku: string) => ({
    unitPricePoisha: 100 * (skus.indexOf(sku) + 1),
    vatRateBp: 1500,
    pricesIncludeVat: false,
  });

  it("never discounts a line beyond its gross", () => {
    fc.assert(
      fc.property(schemesArb, linesArb, (schemes, lines) => {
        const out = schemeEngine(schemes)(ctx, lines);
        lines.forEach((l, i) => {
          const given = (out.adjustments.get(i) ?? []).reduce((s, a) => s + a.poisha, 0);
          expect(given).toBeLessThanOrEqual(l.qty * l.unitPricePoisha);
          for (const a of out.adjustments.get(i) ?? []) expect(a.poisha).toBeGreaterThan(0);
        });
        // what applied reports is what the lines carry
        const onLines = [...out.adjustments.values()].flat().reduce((s, a) => s + a.poisha, 0);
        expect(out.applied.reduce((s, a) => s + a.discountPoisha, 0)).toBe(onLines);
        // every scheme is either applied or skipped, once
        expect([...out.applied.map((a) => a.schemeId), ...out.skipped.map((s) => s.schemeId)].sort()).toEqual(
          schemes.map((s) => s.id).sort(),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("prices the same order the same, whatever the order of the schemes", () => {
    fc.assert(
      fc.property(
        schemesArb.chain((s) => fc.tuple(fc.constant(s), fc.shuffledSubarray(s, { minLength: s.length }))),
        linesArb,
        ([schemes, shuffled], lines) => {
          const once = priceOrder(ctx, lines, schemeEngine(schemes), freePrice);
          const again = priceOrder(ctx, lines, schemeEngine(schemes), freePrice);
          const reordered = priceOrder(ctx, lines, schemeEngine(shuffled), freePrice);
          expect(again).toEqual(once);
          expect(reordered).toEqual(once);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("totals are the sum of the lines, free lines included, and free lines total 0", () => {
    fc.assert(
      fc.property(schemesArb, linesArb, (schemes, lines) => {
        const priced = priceOrder(ctx, lines, schemeEngine(schemes), freePrice);
        const all = [...priced.lines, ...priced.free];
        const sum = (f: (l: (typeof all)[number]) => number) => all.reduce((s, l) => s + f(l), 0);
        expect(priced.totals).toEqual({
          subtotalPoisha: sum((l) => l.grossPoisha),
          discountPoisha: sum((l) => l.discountPoisha),
          vatPoisha: sum((l) => l.vatPoisha),
          totalPoisha: sum((l) => l.totalPoisha),
        });
        for (const f of priced.free)
          expect(f).toMatchObject({ totalPoisha: 0, vatPoisha: 0, discountPoisha: f.grossPoisha });
        for (const l of priced.lines) expect(l.discountPoisha).toBeLessThanOrEqual(l.grossPoisha);
      }),
      { numRuns: 300 },
    );
  });
});
