// Commission statement arithmetic: one person, one period, one plan. Pure: the service gathers the figures
// (net sales, the value target, coverage, focus-SKU achievement, earlier statements' returns) and stores what
// this returns. All money is integer poisha, all rates and attainment basis points (10000 = 100 %).
//
// The plan model
// - Measure: net sales value (delivered less returned, by the memo's date) against the person's value target
//   for the period. Attainment = sales / target, in bp, half up.
// - Slabs are marginal, like tax brackets, on attainment: [0-80 %: 0 bp], [80-100 %: 200 bp], [100 %-: 300 bp]
//   pays nothing on the first 80 % of the target's worth of sales, 2 % on the sales between 80 % and 100 % of
//   the target, and 3 % (the accelerator) on every taka above the target. A band's bounds in poisha are
//   target x bp / 10000 half up; each band line is sales-in-band x rate / 10000 half up. The slabs start at 0,
//   are contiguous, and the last is open ended.
// - Gates: every gate must hold (coverage >= N bp from the targets' coverage achievement, or attainment >= N bp).
//   A failed gate voids the slab commission (a line takes it back and names the figure that failed). Focus-SKU
//   kickers stand on their own targets and are still paid.
// - Kickers: a fixed bonus in poisha for each focus SKU whose focus_sku target was reached (>= 10000 bp). A SKU
//   without a target for the period, or below it, shows a zero line "missed".
// - Cap: commission + kickers never exceed cap_poisha; a negative "cap" line shows what the cap removed.
// - Clawback for returns: sales credited in an earlier approved statement that later came back (returned or
//   cancelled after it was frozen) are clawed back at the highest slab rate that earlier statement reached (0 if it
//   paid no commission: no target or a gate failed). The payout never goes below zero: what is left over carries
//   to the next statement, shown as a positive "carried forward" line here and a negative "carried in" line there.
// Every line's amount is signed; the lines sum exactly to the payout.

import { type CommissionSlab, slabProblem } from "../../shared/contracts/incentives.ts";
import { formatDate, formatMoney, formatNumber } from "../../shared/format.ts";

export type { CommissionSlab };
export { slabProblem };
export type GateMetric = "coverage" | "attainment";

export interface Gate {
  metric: GateMetric;
  minBp: number;
}

export interface Kicker {
  skuId: string;
  bonusPoisha: number;
}

export interface PlanRules {
  slabs: readonly CommissionSlab[];
  gates: readonly Gate[];
  capPoisha: number | null;
  kickers: readonly Kicker[];
}

export interface PeriodFigures {
  netSalesPoisha: number;
  /** The person's value target for the period; null when none is set. */
  targetPoisha: number | null;
  /** Coverage achievement (bp) from the targets module; null when there is no coverage target. */
  coverageBp: number | null;
  /** Focus-SKU achievement (bp) by SKU id; a SKU missing here had no target. */
  focusBp: Readonly<Record<string, number | null>>;
}

/** Sales of an earlier approved statement that have come back since, to claw back. */
export interface ReturnedSince {
  statementId: string;
  periodStart: string;
  returnedPoisha: number;
  /** The highest slab rate that statement reached (its clawback rate). */
  rateBp: number;
}

export interface ClawbackInput {
  returns: readonly ReturnedSince[];
  /** Clawback left over from the previous statement (>= 0). */
  carriedInPoisha: number;
}

export type LineCode =
  | "no_target"
  | "band"
  | "gate_failed"
  | "kicker"
  | "kicker_missed"
  | "cap"
  | "clawback"
  | "clawback_carried_in"
  | "clawback_carry_forward";

/** The figures a line was computed from; which fields are set depends on the code. */
export interface LineBasis {
  salesPoisha?: number;
  rateBp?: number;
  fromBp?: number;
  toBp?: number | null;
  metric?: GateMetric;
  minBp?: number;
  actualBp?: number | null;
  skuId?: string;
  achievedBp?: number | null;
  capPoisha?: number;
  grossPoisha?: number;
  statementId?: string;
  periodStart?: string;
}

export interface StatementLine {
  code: LineCode;
  basis: LineBasis;
  amountPoisha: number;
}

export interface StatementResult {
  attainmentBp: number | null;
  lines: StatementLine[];
  commissionPoisha: number;
  kickersPoisha: number;
  capRemovedPoisha: number;
  clawbackPoisha: number;
  payoutPoisha: number;
  carryForwardPoisha: number;
  /** The rate a later statement claws this one's returned sales back at. */
  clawbackRateBp: number;
  gatesPassed: boolean;
}

const BP = 10000n;

/** a x b / 10000, half up, for non-negative integers (exact in bigint: target x bp passes 2^53). */
export function bpOf(amount: number, bp: number): number {
  if (amount < 0 || bp < 0) throw new RangeError("bpOf takes non-negative figures");
  return Number((BigInt(amount) * BigInt(bp) + BP / 2n) / BP);
}

/** part / whole in bp, half up; null when there is no whole. */
export function ratioBp(part: number, whole: number | null): number | null {
  if (whole === null || whole <= 0) return null;
  const p = BigInt(Math.max(0, part));
  const w = BigInt(whole);
  return Number((p * BP * 2n + w) / (2n * w));
}

export function computeStatement(rules: PlanRules, figures: PeriodFigures, claw: ClawbackInput): StatementResult {
  const problem = slabProblem(rules.slabs);
  if (problem) throw new RangeError(`bad slabs: ${problem}`);
  const lines: StatementLine[] = [];
  const sales = Math.max(0, figures.netSalesPoisha);
  const target = figures.targetPoisha !== null && figures.targetPoisha > 0 ? figures.targetPoisha : null;
  const attainmentBp = ratioBp(sales, target);

  // 1. Slabs, marginal.
  let commission = 0;
  let topRate = 0;
  if (target === null) {
    lines.push({ code: "no_target", basis: { salesPoisha: sales }, amountPoisha: 0 });
  } else {
    for (const slab of rules.slabs) {
      const low = bpOf(target, slab.fromBp);
      const high = slab.toBp === null ? Number.POSITIVE_INFINITY : bpOf(target, slab.toBp);
      const inBand = Math.max(0, Math.min(sales, high) - low);
      const amount = bpOf(inBand, slab.rateBp);
      if (inBand > 0) topRate = Math.max(topRate, slab.rateBp);
      commission += amount;
      lines.push({
        code: "band",
        basis: { salesPoisha: inBand, rateBp: slab.rateBp, fromBp: slab.fromBp, toBp: slab.toBp },
        amountPoisha: amount,
      });
    }
  }

  // 2. Gates: the first that fails takes the slab commission back (with the figure that failed).
  let gatesPassed = target !== null;
  if (target !== null) {
    for (const gate of rules.gates) {
      const actual = gate.metric === "coverage" ? figures.coverageBp : attainmentBp;
      if (actual === null || actual < gate.minBp) {
        gatesPassed = false;
        lines.push({
          code: "gate_failed",
          basis: { metric: gate.metric, minBp: gate.minBp, actualBp: actual },
          amountPoisha: -commission,
        });
        commission = 0;
        break;
      }
    }
  }

  // 3. Focus-SKU kickers.
  let kickers = 0;
  for (const k of rules.kickers) {
    const achieved = Object.hasOwn(figures.focusBp, k.skuId) ? (figures.focusBp[k.skuId] ?? null) : null;
    const earned = achieved !== null && achieved >= 10000;
    kickers += earned ? k.bonusPoisha : 0;
    lines.push({
      code: earned ? "kicker" : "kicker_missed",
      basis: { skuId: k.skuId, achievedBp: achieved },
      amountPoisha: earned ? k.bonusPoisha : 0,
    });
  }

  // 4. Cap on commission + kickers.
  const gross = commission + kickers;
  let capRemoved = 0;
  if (rules.capPoisha !== null && gross > rules.capPoisha) {
    capRemoved = gross - rules.capPoisha;
    lines.push({
      code: "cap",
      basis: { capPoisha: rules.capPoisha, grossPoisha: gross },
      amountPoisha: -capRemoved,
    });
  }
  const capped = gross - capRemoved;

  // 5. Clawback of earlier statements' returned sales, then what the previous statement carried in.
  let clawback = 0;
  for (const r of claw.returns) {
    if (r.returnedPoisha <= 0) continue;
    const amount = bpOf(r.returnedPoisha, r.rateBp);
    clawback += amount;
    lines.push({
      code: "clawback",
      basis: {
        statementId: r.statementId,
        periodStart: r.periodStart,
        salesPoisha: r.returnedPoisha,
        rateBp: r.rateBp,
      },
      amountPoisha: -amount,
    });
  }
  if (claw.carriedInPoisha > 0) {
    clawback += claw.carriedInPoisha;
    lines.push({ code: "clawback_carried_in", basis: {}, amountPoisha: -claw.carriedInPoisha });
  }
  const carryForward = Math.max(0, clawback - capped);
  if (carryForward > 0) lines.push({ code: "clawback_carry_forward", basis: {}, amountPoisha: carryForward });

  return {
    attainmentBp,
    lines,
    commissionPoisha: commission,
    kickersPoisha: kickers,
    capRemovedPoisha: capRemoved,
    clawbackPoisha: clawback,
    payoutPoisha: capped - clawback + carryForward,
    carryForwardPoisha: carryForward,
    clawbackRateBp: gatesPassed ? topRate : 0,
    gatesPassed,
  };
}

// --- how each line reads on the statement, in both languages

export interface Bilingual {
  en: string;
  bn: string;
}

const pct = (bp: number, locale: "en" | "bn") => `${formatNumber(bp / 100, locale)}%`;
const tk = (poisha: number, locale: "en" | "bn") => formatMoney(poisha, locale);

const METRIC_WORDS: Record<GateMetric, Bilingual> = {
  coverage: { en: "coverage", bn: "কভারেজ" },
  attainment: { en: "target attainment", bn: "লক্ষ্য অর্জন" },
};

/** The line as a sentence naming its figures; `sku` names the focus product of a kicker line. */
export function lineLabel(line: StatementLine, sku?: Bilingual): Bilingual {
  const b = line.basis;
  const both = (f: (l: "en" | "bn") => string): Bilingual => ({ en: f("en"), bn: f("bn") });
  switch (line.code) {
    case "no_target":
      return both((l) =>
        l === "en"
          ? `No value target for the period: no commission on sales of ${tk(b.salesPoisha ?? 0, l)}`
          : `এই সময়ের কোনো বিক্রয় লক্ষ্য নেই: ${tk(b.salesPoisha ?? 0, l)} বিক্রির ওপর কমিশন নেই`,
      );
    case "band":
      return both((l) => {
        const sales = tk(b.salesPoisha ?? 0, l);
        const rate = pct(b.rateBp ?? 0, l);
        const from = pct(b.fromBp ?? 0, l);
        if (b.toBp === null || b.toBp === undefined)
          return l === "en"
            ? `Sales above ${from} of target: ${sales} at ${rate}`
            : `লক্ষ্যের ${from}-এর ওপরে বিক্রি: ${sales}, ${rate} হারে`;
        const to = pct(b.toBp, l);
        return l === "en"
          ? `Sales from ${from} to ${to} of target: ${sales} at ${rate}`
          : `লক্ষ্যের ${from} থেকে ${to} পর্যন্ত বিক্রি: ${sales}, ${rate} হারে`;
      });
    case "gate_failed":
      return both((l) => {
        const what = METRIC_WORDS[b.metric ?? "coverage"][l];
        const need = pct(b.minBp ?? 0, l);
        if (b.actualBp === null || b.actualBp === undefined)
          return l === "en"
            ? `Gate not met: ${what} must be at least ${need}, and there is no ${what} figure; no commission`
            : `শর্ত পূরণ হয়নি: ${what} অন্তত ${need} হতে হবে, কিন্তু ${what}-এর কোনো হিসাব নেই; কমিশন নেই`;
        const actual = pct(b.actualBp, l);
        return l === "en"
          ? `Gate not met: ${what} ${actual} is below the required ${need}; no commission`
          : `শর্ত পূরণ হয়নি: ${what} ${actual}, প্রয়োজন অন্তত ${need}; কমিশন নেই`;
      });
    case "kicker":
    case "kicker_missed":
      return both((l) => {
        const name = sku ? sku[l] : (b.skuId ?? "");
        if (line.code === "kicker")
          return l === "en"
            ? `Focus product ${name}: target reached (${pct(b.achievedBp ?? 0, l)}), bonus`
            : `ফোকাস পণ্য ${name}: লক্ষ্য অর্জিত (${pct(b.achievedBp ?? 0, l)}), বোনাস`;
        if (b.achievedBp === null || b.achievedBp === undefined)
          return l === "en"
            ? `Focus product ${name}: no target this period, no bonus`
            : `ফোকাস পণ্য ${name}: এই সময়ে লক্ষ্য নেই, বোনাস নেই`;
        return l === "en"
          ? `Focus product ${name}: target not reached (${pct(b.achievedBp, l)}), no bonus`
          : `ফোকাস পণ্য ${name}: লক্ষ্য অর্জিত হয়নি (${pct(b.achievedBp, l)}), বোনাস নেই`;
      });
    case "cap":
      return both((l) =>
        l === "en"
          ? `Cap of ${tk(b.capPoisha ?? 0, l)}: ${tk(b.grossPoisha ?? 0, l)} earned, the rest is not paid`
          : `সর্বোচ্চ সীমা ${tk(b.capPoisha ?? 0, l)}: অর্জিত ${tk(b.grossPoisha ?? 0, l)}, বাকিটা দেওয়া হবে না`,
      );
    case "clawback":
      return both((l) => {
        const when = b.periodStart ? formatDate(b.periodStart, l) : "";
        return l === "en"
          ? `Clawback: ${tk(b.salesPoisha ?? 0, l)} of sales credited in the statement of ${when} came back, at ${pct(b.rateBp ?? 0, l)}`
          : `ক্লব্যাক: ${when}-এর স্টেটমেন্টে গণ্য ${tk(b.salesPoisha ?? 0, l)} বিক্রি ফেরত এসেছে, ${pct(b.rateBp ?? 0, l)} হারে`;
      });
    case "clawback_carried_in":
      return { en: "Clawback carried in from the previous statement", bn: "আগের স্টেটমেন্ট থেকে আনা ক্লব্যাক" };
    case "clawback_carry_forward":
      return {
        en: "Clawback carried forward to the next statement (a payout never goes below zero)",
        bn: "পরের স্টেটমেন্টে নেওয়া ক্লব্যাক (প্রদেয় কখনো শূন্যের নিচে যায় না)",
      };
  }
}
