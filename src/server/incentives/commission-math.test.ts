import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bpOf,
  type CommissionSlab,
  computeStatement,
  lineLabel,
  type PeriodFigures,
  type PlanRules,
  ratioBp,
  slabProblem,
} from "./commission-math.ts";

// The worked plan: nothing up to 80 % of target, 2 % on sales between 80 % and 100 %, 3 % above 100 %.
// Target ৳1,00,000 = 10,000,000 poisha: the bands are 0 - 8,000,000 - 10,000,000 - open.
const SLABS: CommissionSlab[] = [
  { fromBp: 0, toBp: 8000, rateBp: 0 },
  { fromBp: 8000, toBp: 10000, rateBp: 200 },
  { fromBp: 10000, toBp: null, rateBp: 300 },
];
const PLAN: PlanRules = { slabs: SLABS, gates: [], capPoisha: null, kickers: [] };
const TARGET = 10_000_000;
const at = (sales: number, more: Partial<PeriodFigures> = {}): PeriodFigures => ({
  netSalesPoisha: sales,
  targetPoisha: TARGET,
  coverageBp: null,
  focusBp: {},
  ...more,
});
const NO_CLAW = { returns: [], carriedInPoisha: 0 };
const sum = (lines: { amountPoisha: number }[]) => lines.reduce((s, l) => s + l.amountPoisha, 0);
const amounts = (r: ReturnType<typeof computeStatement>) => r.lines.map((l) => [l.code, l.amountPoisha]);

describe("half-up helpers", () => {
  it("rounds x bp half up, exactly past 2^53", () => {
    expect(bpOf(25, 200)).toBe(1); // 0.5 -> 1
    expect(bpOf(24, 200)).toBe(0); // 0.48 -> 0
    expect(bpOf(9_000_000_000_000, 9999)).toBe(8_999_100_000_000);
    expect(ratioBp(12_500_000, TARGET)).toBe(12500);
    expect(ratioBp(1, 3)).toBe(3333);
    expect(ratioBp(2, 3)).toBe(6667);
    expect(ratioBp(5, 0)).toBeNull();
  });

  it("refuses slab tables that leave gaps or overlap", () => {
    expect(slabProblem(SLABS)).toBeNull();
    expect(slabProblem([])).toBe("no slabs");
    expect(slabProblem([{ fromBp: 100, toBp: null, rateBp: 0 }])).toBe("the first slab starts at 0");
    expect(
      slabProblem([
        { fromBp: 0, toBp: 8000, rateBp: 0 },
        { fromBp: 9000, toBp: null, rateBp: 100 },
      ]),
    ).toBe("slabs are contiguous");
    expect(slabProblem([{ fromBp: 0, toBp: 8000, rateBp: 0 }])).toBe("only the last slab is open ended");
    expect(slabProblem([{ fromBp: 0, toBp: null, rateBp: 10001 }])).toBe("a rate is between 0 and 10000 bp");
  });
});

describe("computeStatement: worked by hand", () => {
  it("below the first band pays nothing", () => {
    // 70 %: all 7,000,000 in the 0 % band.
    const r = computeStatement(PLAN, at(7_000_000), NO_CLAW);
    expect(r.attainmentBp).toBe(7000);
    expect(amounts(r)).toEqual([
      ["band", 0],
      ["band", 0],
      ["band", 0],
    ]);
    expect(r.lines[0]?.basis.salesPoisha).toBe(7_000_000);
    expect(r.payoutPoisha).toBe(0);
    expect(r.clawbackRateBp).toBe(0);
  });

  it("exactly 100 %: 2 % on the last fifth", () => {
    // 8,000,000 at 0 + 2,000,000 x 2 % = 40,000 poisha (৳400).
    const r = computeStatement(PLAN, at(TARGET), NO_CLAW);
    expect(r.attainmentBp).toBe(10000);
    expect(r.lines.map((l) => l.basis.salesPoisha)).toEqual([8_000_000, 2_000_000, 0]);
    expect(r.payoutPoisha).toBe(40_000);
    expect(r.clawbackRateBp).toBe(200);
  });

  it("125 %: the accelerator pays 3 % on every taka above target", () => {
    // 40,000 + 2,500,000 x 3 % = 40,000 + 75,000 = 115,000.
    const r = computeStatement(PLAN, at(12_500_000), NO_CLAW);
    expect(r.attainmentBp).toBe(12500);
    expect(amounts(r)).toEqual([
      ["band", 0],
      ["band", 40_000],
      ["band", 75_000],
    ]);
    expect(r.payoutPoisha).toBe(115_000);
    expect(r.clawbackRateBp).toBe(300);
  });

  it("rounds each band line half up", () => {
    // Target 1,000,001: 80 % = 800,000.8 -> 800,001; sales 800,026 put 25 in the 2 % band: 0.5 -> 1.
    const r = computeStatement(PLAN, { ...at(800_026), targetPoisha: 1_000_001 }, NO_CLAW);
    expect(r.lines[1]?.basis.salesPoisha).toBe(25);
    expect(r.payoutPoisha).toBe(1);
  });

  it("a failed coverage gate takes the commission back and names the figure", () => {
    const plan = { ...PLAN, gates: [{ metric: "coverage" as const, minBp: 8000 }] };
    const r = computeStatement(plan, at(12_500_000, { coverageBp: 7500 }), NO_CLAW);
    expect(amounts(r)).toEqual([
      ["band", 0],
      ["band", 40_000],
      ["band", 75_000],
      ["gate_failed", -115_000],
    ]);
    expect(r.lines[3]?.basis).toEqual({ metric: "coverage", minBp: 8000, actualBp: 7500 });
    expect(r.payoutPoisha).toBe(0);
    expect(r.gatesPassed).toBe(false);
    expect(r.clawbackRateBp).toBe(0);
    // At 8000 exactly the gate holds.
    expect(computeStatement(plan, at(12_500_000, { coverageBp: 8000 }), NO_CLAW).payoutPoisha).toBe(115_000);
    // No coverage figure at all fails the gate.
    expect(computeStatement(plan, at(12_500_000), NO_CLAW).lines[3]?.basis.actualBp).toBeNull();
  });

  it("an attainment gate", () => {
    const plan = { ...PLAN, gates: [{ metric: "attainment" as const, minBp: 9000 }] };
    expect(computeStatement(plan, at(8_950_000), NO_CLAW).payoutPoisha).toBe(0);
    // 90 %: 1,000,000 x 2 % = 20,000.
    expect(computeStatement(plan, at(9_000_000), NO_CLAW).payoutPoisha).toBe(20_000);
  });

  it("the cap removes what is above it and says so", () => {
    const plan = { ...PLAN, capPoisha: 100_000 };
    const r = computeStatement(plan, at(12_500_000), NO_CLAW);
    expect(r.lines.at(-1)).toEqual({
      code: "cap",
      basis: { capPoisha: 100_000, grossPoisha: 115_000 },
      amountPoisha: -15_000,
    });
    expect(r.capRemovedPoisha).toBe(15_000);
    expect(r.payoutPoisha).toBe(100_000);
    // Under the cap: no cap line.
    expect(computeStatement(plan, at(TARGET), NO_CLAW).lines.some((l) => l.code === "cap")).toBe(false);
  });

  it("a focus-SKU kicker earned and one missed", () => {
    const plan = {
      ...PLAN,
      kickers: [
        { skuId: "sku-a", bonusPoisha: 50_000 },
        { skuId: "sku-b", bonusPoisha: 20_000 },
        { skuId: "sku-c", bonusPoisha: 10_000 },
      ],
    };
    // sku-a at 105 % earns ৳500; sku-b at 99.99 % misses; sku-c has no target. 40,000 + 50,000 = 90,000.
    const r = computeStatement(plan, at(TARGET, { focusBp: { "sku-a": 10500, "sku-b": 9999 } }), NO_CLAW);
    expect(amounts(r).slice(3)).toEqual([
      ["kicker", 50_000],
      ["kicker_missed", 0],
      ["kicker_missed", 0],
    ]);
    expect(r.lines[5]?.basis).toEqual({ skuId: "sku-c", achievedBp: null });
    expect(r.kickersPoisha).toBe(50_000);
    expect(r.payoutPoisha).toBe(90_000);
    // The kicker stands on its own target: a failed gate leaves it paid.
    const gated = { ...plan, gates: [{ metric: "coverage" as const, minBp: 8000 }] };
    expect(computeStatement(gated, at(TARGET, { focusBp: { "sku-a": 10000 } }), NO_CLAW).payoutPoisha).toBe(50_000);
    // The cap holds over commission + kickers: 90,000 capped at 60,000.
    expect(
      computeStatement({ ...plan, capPoisha: 60_000 }, at(TARGET, { focusBp: { "sku-a": 10500 } }), NO_CLAW)
        .payoutPoisha,
    ).toBe(60_000);
  });

  it("no value target: no commission, said on a line", () => {
    const r = computeStatement(PLAN, at(5_000_000, { targetPoisha: null }), NO_CLAW);
    expect(amounts(r)).toEqual([["no_target", 0]]);
    expect(r.attainmentBp).toBeNull();
    expect(r.payoutPoisha).toBe(0);
  });

  it("claws back returns of an earlier statement at its top rate, carrying the rest forward", () => {
    // Last month paid at 125 % (top rate 3 %); ৳10,000 (1,000,000 poisha) of it came back: 30,000 clawed back.
    const returned = { statementId: "s-oct", periodStart: "2026-10-01", returnedPoisha: 1_000_000, rateBp: 300 };
    // This month at 100 % earns 40,000: pays 40,000 - 30,000 = 10,000.
    const paid = computeStatement(PLAN, at(TARGET), { returns: [returned], carriedInPoisha: 0 });
    expect(amounts(paid).slice(3)).toEqual([["clawback", -30_000]]);
    expect(paid.lines[3]?.basis).toEqual({
      statementId: "s-oct",
      periodStart: "2026-10-01",
      salesPoisha: 1_000_000,
      rateBp: 300,
    });
    expect(paid.payoutPoisha).toBe(10_000);
    expect(paid.carryForwardPoisha).toBe(0);

    // This month at 70 % earns nothing: the payout stops at zero and 30,000 carries forward.
    const short = computeStatement(PLAN, at(7_000_000), { returns: [returned], carriedInPoisha: 0 });
    expect(amounts(short).slice(3)).toEqual([
      ["clawback", -30_000],
      ["clawback_carry_forward", 30_000],
    ]);
    expect(short.payoutPoisha).toBe(0);
    expect(short.carryForwardPoisha).toBe(30_000);

    // The next month at 125 % (115,000) takes the 30,000 carried in: 85,000.
    const next = computeStatement(PLAN, at(12_500_000), { returns: [], carriedInPoisha: 30_000 });
    expect(amounts(next).slice(3)).toEqual([["clawback_carried_in", -30_000]]);
    expect(next.payoutPoisha).toBe(85_000);

    // Part of a carry: 40,000 earned against 30,000 + 25,000 due leaves 15,000 for later.
    const part = computeStatement(PLAN, at(TARGET), { returns: [returned], carriedInPoisha: 25_000 });
    expect(part.payoutPoisha).toBe(0);
    expect(part.carryForwardPoisha).toBe(15_000);
    expect(sum(part.lines)).toBe(0);
  });
});

describe("computeStatement: properties", () => {
  const slabsArb = fc.uniqueArray(fc.integer({ min: 1, max: 20000 }), { maxLength: 4 }).chain((cuts) => {
    const bounds = [0, ...cuts.sort((a, b) => a - b)];
    return fc.tuple(...bounds.map(() => fc.integer({ min: 0, max: 10000 }))).map((rates) =>
      bounds.map((from, i) => ({
        fromBp: from,
        toBp: i + 1 < bounds.length ? (bounds[i + 1] as number) : null,
        rateBp: rates[i] as number,
      })),
    );
  });
  const ruleArb = fc.record({
    slabs: slabsArb,
    gates: fc.array(
      fc.record({ metric: fc.constantFrom("coverage" as const, "attainment" as const), minBp: fc.nat(12000) }),
      { maxLength: 2 },
    ),
    capPoisha: fc.option(fc.nat(10_000_000)),
    kickers: fc.array(fc.record({ skuId: fc.constantFrom("a", "b", "c"), bonusPoisha: fc.nat(1_000_000) }), {
      maxLength: 3,
    }),
  });
  const figuresArb = fc.record({
    netSalesPoisha: fc.integer({ min: -1_000_000, max: 1_000_000_000 }),
    targetPoisha: fc.option(fc.nat(500_000_000)),
    coverageBp: fc.option(fc.nat(10000)),
    focusBp: fc.dictionary(fc.constantFrom("a", "b", "c"), fc.option(fc.nat(20000))),
  });
  const clawArb = fc.record({
    returns: fc.array(
      fc.record({
        statementId: fc.uuid(),
        periodStart: fc.constant("2026-10-01"),
        returnedPoisha: fc.nat(100_000_000),
        rateBp: fc.nat(10000),
      }),
      { maxLength: 3 },
    ),
    carriedInPoisha: fc.nat(10_000_000),
  });

  it("the lines add up to the payout, which is never negative nor above the cap", () => {
    fc.assert(
      fc.property(ruleArb, figuresArb, clawArb, (rules, figures, claw) => {
        const r = computeStatement(rules, figures, claw);
        expect(sum(r.lines)).toBe(r.payoutPoisha);
        expect(r.payoutPoisha).toBeGreaterThanOrEqual(0);
        if (rules.capPoisha !== null) expect(r.payoutPoisha).toBeLessThanOrEqual(rules.capPoisha);
        // Nothing clawed back is lost: paid off here or carried forward.
        expect(r.commissionPoisha + r.kickersPoisha - r.capRemovedPoisha - r.payoutPoisha).toBe(
          r.clawbackPoisha - r.carryForwardPoisha,
        );
      }),
    );
  });

  it("more sales never pay less commission (same plan, no gates, no clawback)", () => {
    fc.assert(
      fc.property(slabsArb, fc.nat(100_000_000), fc.nat(100_000_000), fc.nat(100_000_000), (slabs, t, a, b) => {
        const plan = { slabs, gates: [], capPoisha: null, kickers: [] };
        const lo = computeStatement(plan, { ...at(Math.min(a, b)), targetPoisha: t }, NO_CLAW).payoutPoisha;
        const hi = computeStatement(plan, { ...at(Math.max(a, b)), targetPoisha: t }, NO_CLAW).payoutPoisha;
        expect(hi).toBeGreaterThanOrEqual(lo);
      }),
    );
  });
});

describe("lineLabel", () => {
  it("names each line's figures in both languages", () => {
    const r = computeStatement(
      { ...PLAN, gates: [{ metric: "coverage", minBp: 8000 }], capPoisha: 100_000 },
      at(12_500_000, { coverageBp: 7550 }),
      {
        returns: [{ statementId: "s", periodStart: "2026-10-01", returnedPoisha: 100_000, rateBp: 300 }],
        carriedInPoisha: 0,
      },
    );
    const labels = r.lines.map((l) => lineLabel(l));
    expect(labels[1]).toEqual({
      en: "Sales from 80% to 100% of target: ৳20,000 at 2%",
      bn: "লক্ষ্যের ৮০% থেকে ১০০% পর্যন্ত বিক্রি: ৳২০,০০০, ২% হারে",
    });
    expect(labels[2]?.en).toBe("Sales above 100% of target: ৳25,000 at 3%");
    expect(labels[3]?.en).toBe("Gate not met: coverage 75.5% is below the required 80%; no commission");
    expect(labels[4]?.en).toMatch(/^Clawback: ৳1,000 of sales credited in the statement of .+ came back, at 3%$/);
    expect(
      lineLabel(
        { code: "kicker", basis: { skuId: "x", achievedBp: 10500 }, amountPoisha: 500 },
        { en: "S-1 Soap", bn: "S-1 সাবান" },
      ),
    ).toEqual({
      en: "Focus product S-1 Soap: target reached (105%), bonus",
      bn: "ফোকাস পণ্য S-1 সাবান: লক্ষ্য অর্জিত (১০৫%), বোনাস",
    });
  });
});
