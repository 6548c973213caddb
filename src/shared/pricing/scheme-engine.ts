// The trade scheme engine (S10): which of the schemes in force give what on one memo. One pure TypeScript
// implementation: the server prices orders with it (authoritative at sync) and the field app runs the same
// code offline, so the phone shows the discount the invoice will carry. All money in integer poisha (computed
// in bigint), percentages in basis points, quantities in base units.
//
// Semantics:
// 1. Order of evaluation: priority ascending, then code, then id (plain code-unit comparison, not locale).
//    The result depends only on the set of schemes, never on the order of the array passed in.
// 2. Eligibility, checked in this order, the first failure being the reason reported: facing (the context's
//    secondary/primary), validity (validFrom <= orderDate <= validTo, both inclusive), targeting (every
//    non-empty list must match: territory by path prefix on whole segments, then channel, outlet class,
//    distributor, outlet), budget used up (options.exhausted), the outlet's cap reached (options.outletCapped),
//    then the rule.
// 3. Qualifying lines: a slab scheme's lines whose SKU is in skuIds (empty skuIds = a memo-level scheme: every
//    line); a bundle's lines of its component SKUs. Free-goods lines are never input lines, so they never count
//    towards any threshold.
// 4. Stacking: a stackable scheme adds to what earlier schemes gave. An exclusive scheme that applies claims the
//    lines it touched (the qualifying lines it measured and gave on): no later scheme counts or gives anything on
//    them. A later exclusive scheme also leaves out the lines an earlier applied scheme (of either kind) touched.
//    Lines left out neither count towards the later scheme's threshold nor receive its benefit. When that is
//    what stops the scheme (it would apply on all its lines), it is skipped as blocked_by_exclusive naming the
//    earlier scheme (the first such line's); otherwise the reason is what it lacks on the lines left to it.
// 5. slab: measure qty = sum of base qty; value = sum of gross (qty x unit price, before any discount). The
//    highest slab with min <= measure applies ("once" and "stepped" alike). "repeating": the reached slab's
//    benefit times floor(measure / its min) (flat and free goods multiply; percent never does).
// 6. bundle: sets = min over the components of floor(qty of that SKU on the memo / component qty). The bundled
//    part of each component is sets x component qty, taken from that SKU's lines in line order; percent applies
//    to the value of the bundled part only (not the whole lines); flat and free goods are given per set.
// 7. percent: round half up per line, round(base_i x bp / 10000), base = gross (bundle: the bundled part).
//    flat: total = poisha x multiplier, spread over the lines in proportion to the same base with the largest-
//    remainder method (ties to the earlier line), so the parts add up exactly.
// 8. Clamp: no line's discount ever exceeds what earlier schemes left of its gross; a part beyond that is not
//    given (nor moved to another line), and `applied` reports the amount actually given. A scheme whose rule is
//    met but which gives nothing at all (clamped or rounded to 0, no free goods) is skipped as nothing_to_give
//    and claims nothing.
// 9. Free goods: FreeGoods{schemeId, skuId, qty x multiplier}; priceOrder adds them as lines totalling 0.
// 10. Labels: bilingual text of what was given (scheme-explain.ts), e.g. "SUMMER10: 10 % off" / "SUMMER10: ১০% ছাড়".
import type {
  FreeGoods,
  LineAdjustment,
  LineInput,
  SchemeContext,
  SchemeEngine,
  SchemeOutcome,
} from "./order-pricing.ts";
import { benefitText } from "./scheme-explain.ts";
import type {
  SchemeBenefit,
  SchemeDefinition,
  SchemeRule,
  SchemeSkip,
  SchemeSkipReason,
  SchemeSlab,
} from "./scheme-types.ts";

export interface SchemeEngineOptions {
  /** Schemes whose budget is used up: skipped with budget_exhausted. */
  exhausted?: ReadonlySet<string>;
  /** Schemes whose per-outlet cap this outlet has reached: skipped with outlet_cap_reached. */
  outletCapped?: ReadonlySet<string>;
}

/** One scheme's result on a memo: what it gave, or why it gave nothing. */
export interface SchemeExplanation {
  schemeId: string;
  applied: boolean;
  discountPoisha: number;
  free: { skuId: string; qty: number }[];
  reason: SchemeSkipReason | null;
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The evaluation order: priority ascending, then code, then id. */
export function schemeOrder(a: SchemeDefinition, b: SchemeDefinition): number {
  return a.priority - b.priority || compareText(a.code, b.code) || compareText(a.id, b.id);
}

const withSlash = (path: string) => (path.endsWith("/") ? path : `${path}/`);

function eligibility(
  scheme: SchemeDefinition,
  context: SchemeContext,
  options: SchemeEngineOptions,
): SchemeSkipReason | null {
  if (scheme.facing !== context.facing) return { code: "wrong_facing" };
  if (context.orderDate < scheme.validFrom || context.orderDate > scheme.validTo)
    return { code: "not_in_period", validFrom: scheme.validFrom, validTo: scheme.validTo };
  const t = scheme.targeting;
  const territory = withSlash(context.territoryPath);
  if (t.territoryPaths.length > 0 && !t.territoryPaths.some((p) => territory.startsWith(withSlash(p))))
    return { code: "not_targeted", field: "territory" };
  if (t.channels.length > 0 && !t.channels.includes(context.channel)) return { code: "not_targeted", field: "channel" };
  if (t.outletClasses.length > 0 && !t.outletClasses.includes(context.outletClass))
    return { code: "not_targeted", field: "outlet_class" };
  if (t.distributorIds.length > 0 && !t.distributorIds.includes(context.distributorId))
    return { code: "not_targeted", field: "distributor" };
  if (t.outletIds.length > 0 && !t.outletIds.includes(context.outletId))
    return { code: "not_targeted", field: "outlet" };
  if (options.exhausted?.has(scheme.id)) return { code: "budget_exhausted" };
  if (options.outletCapped?.has(scheme.id)) return { code: "outlet_cap_reached" };
  return null;
}

/** A rule met on some lines: the benefit, how many times, and each touched line's base value for it. */
type RuleResult =
  | { ok: true; benefit: SchemeBenefit; multiplier: bigint; base: Map<number, bigint> }
  | { ok: false; reason: SchemeSkipReason };

const gross = (l: LineInput) => BigInt(l.qty) * BigInt(l.unitPricePoisha);

/** What the engine derives once from a scheme's rule: its SKUs, slabs in order, a bundle's needs by SKU. */
interface CompiledRule {
  /** null: every line (a memo-level slab scheme). */
  skus: ReadonlySet<string> | null;
  slabs: readonly SchemeSlab[];
  /** A bundle's quantity per SKU (a SKU listed twice counts as one component of the summed quantity). */
  need: ReadonlyMap<string, number>;
}
const compiledRules = new WeakMap<SchemeRule, CompiledRule>();
function compiled(rule: SchemeRule): CompiledRule {
  let c = compiledRules.get(rule);
  if (!c) {
    const need = new Map<string, number>();
    if (rule.kind === "bundle") for (const x of rule.components) need.set(x.skuId, (need.get(x.skuId) ?? 0) + x.qty);
    c = {
      skus: rule.kind === "slab" ? (rule.skuIds.length > 0 ? new Set(rule.skuIds) : null) : new Set(need.keys()),
      slabs: rule.kind === "slab" ? [...rule.slabs].sort((a, b) => a.min - b.min) : [],
      need,
    };
    compiledRules.set(rule, c);
  }
  return c;
}

/** The input lines a scheme looks at, before any is left out for stacking. */
function qualifyingLines(scheme: SchemeDefinition, lines: readonly LineInput[]): number[] {
  const { skus } = compiled(scheme.rule);
  const out: number[] = [];
  for (let i = 0; i < lines.length; i++) if (skus === null || skus.has((lines[i] as LineInput).skuId)) out.push(i);
  return out;
}

function evaluateRule(scheme: SchemeDefinition, lines: readonly LineInput[], use: readonly number[]): RuleResult {
  const rule = scheme.rule;
  if (rule.kind === "slab") {
    let measure = 0n;
    for (const i of use) measure += rule.measure === "qty" ? BigInt(lines[i]?.qty ?? 0) : gross(lines[i] as LineInput);
    const { slabs } = compiled(rule);
    const reached = slabs.filter((s) => BigInt(s.min) <= measure).at(-1);
    if (!reached)
      return {
        ok: false,
        reason: { code: "below_threshold", measure: rule.measure, have: Number(measure), need: slabs[0]?.min ?? 0 },
      };
    const multiplier = rule.mode === "repeating" && reached.min > 0 ? measure / BigInt(reached.min) : 1n;
    return {
      ok: true,
      benefit: reached.benefit,
      multiplier,
      base: new Map(use.map((i) => [i, gross(lines[i] as LineInput)])),
    };
  }
  const { need } = compiled(rule);
  const have = new Map<string, bigint>();
  for (const i of use) {
    const l = lines[i] as LineInput;
    have.set(l.skuId, (have.get(l.skuId) ?? 0n) + BigInt(l.qty));
  }
  let sets: bigint | null = null;
  for (const [sku, n] of need) {
    if (n <= 0) continue;
    const s = (have.get(sku) ?? 0n) / BigInt(n);
    sets = sets === null || s < sets ? s : sets;
  }
  if (sets === null) return { ok: false, reason: { code: "no_qualifying_lines" } };
  if (sets === 0n)
    return {
      ok: false,
      reason: {
        code: "bundle_incomplete",
        missing: [...need]
          .filter(([sku, n]) => (have.get(sku) ?? 0n) < BigInt(n))
          .map(([skuId, n]) => ({ skuId, have: Number(have.get(skuId) ?? 0n), need: n })),
      },
    };
  // The bundled part of each component, taken from its lines in line order.
  const toTake = new Map([...need].map(([sku, n]) => [sku, sets * BigInt(Math.max(n, 0))]));
  const base = new Map<number, bigint>();
  for (const i of use) {
    const l = lines[i] as LineInput;
    const left = toTake.get(l.skuId) ?? 0n;
    const take = left < BigInt(l.qty) ? left : BigInt(l.qty);
    if (take <= 0n) continue;
    toTake.set(l.skuId, left - take);
    base.set(i, take * BigInt(l.unitPricePoisha));
  }
  return { ok: true, benefit: rule.benefit, multiplier: sets, base };
}

/** Labels by benefit and multiplier: formatting numbers is the costly part of a label, and memos repeat them. */
const labels = new WeakMap<SchemeBenefit, Map<string, { en: string; bn: string }>>();
function labelOf(code: string, benefit: SchemeBenefit, multiplier: bigint) {
  let byKey = labels.get(benefit);
  if (!byKey) {
    byKey = new Map();
    labels.set(benefit, byKey);
  }
  const key = `${code}\u0000${multiplier}`;
  let label = byKey.get(key);
  if (!label) {
    label = benefitText(code, benefit, Number(multiplier));
    byKey.set(key, label);
  }
  return label;
}

/** Round a non-negative rational to the nearest integer, halves up. */
const roundHalfUp = (numerator: bigint, denominator: bigint) => (numerator * 2n + denominator) / (denominator * 2n);

/** Split total over the lines in proportion to their base (largest remainder, ties to the earlier line). */
function spread(total: bigint, base: Map<number, bigint>): Map<number, bigint> {
  const weight = [...base.values()].reduce((s, w) => s + w, 0n);
  const parts = new Map<number, bigint>();
  if (weight <= 0n || total <= 0n) return parts;
  const remainders: { i: number; r: bigint }[] = [];
  let given = 0n;
  for (const [i, w] of base) {
    parts.set(i, (total * w) / weight);
    given += (total * w) / weight;
    remainders.push({ i, r: (total * w) % weight });
  }
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders.slice(0, Number(total - given))) parts.set(i, (parts.get(i) ?? 0n) + 1n);
  return parts;
}

/** Runs the schemes, which must already be in schemeOrder. */
function evaluate(
  sorted: readonly SchemeDefinition[],
  context: SchemeContext,
  lines: readonly LineInput[],
  options: SchemeEngineOptions,
): { outcome: SchemeOutcome; explained: SchemeExplanation[] } {
  const left = lines.map((l) => (gross(l) > 0n ? gross(l) : 0n));
  /** The exclusive scheme that claimed each line. */
  const claimedBy: (string | undefined)[] = lines.map(() => undefined);
  /** The first applied scheme that touched each line. */
  const touchedBy: (string | undefined)[] = lines.map(() => undefined);
  const adjustments = new Map<number, LineAdjustment[]>();
  const free: FreeGoods[] = [];
  const applied: SchemeOutcome["applied"] = [];
  const skipped: SchemeSkip[] = [];
  const explained: SchemeExplanation[] = [];
  const skip = (schemeId: string, reason: SchemeSkipReason) => {
    skipped.push({ schemeId, reason });
    explained.push({ schemeId, applied: false, discountPoisha: 0, free: [], reason });
  };

  for (const scheme of sorted) {
    const ineligible = eligibility(scheme, context, options);
    if (ineligible) {
      skip(scheme.id, ineligible);
      continue;
    }
    const qualifying = qualifyingLines(scheme, lines);
    if (qualifying.length === 0 && scheme.rule.kind === "slab") {
      skip(scheme.id, { code: "no_qualifying_lines" });
      continue;
    }
    const blocker = (i: number) => claimedBy[i] ?? (scheme.stacking === "exclusive" ? touchedBy[i] : undefined);
    const open = qualifying.filter((i) => blocker(i) === undefined);
    const result = evaluateRule(scheme, lines, open);
    if (!result.ok) {
      const firstBlocked = qualifying.find((i) => blocker(i) !== undefined);
      const blockedBy = firstBlocked === undefined ? undefined : blocker(firstBlocked);
      skip(
        scheme.id,
        blockedBy !== undefined && evaluateRule(scheme, lines, qualifying).ok
          ? { code: "blocked_by_exclusive", schemeId: blockedBy }
          : result.reason,
      );
      continue;
    }

    const { benefit, multiplier, base } = result;
    let parts = new Map<number, bigint>();
    let goods: FreeGoods | null = null;
    const label = labelOf(scheme.code, benefit, multiplier);
    if (benefit.type === "percent") {
      for (const [i, b] of base) parts.set(i, roundHalfUp(b * BigInt(Math.max(benefit.bp, 0)), 10_000n));
    } else if (benefit.type === "flat") {
      parts = spread(BigInt(Math.max(benefit.poisha, 0)) * multiplier, base);
    } else if (benefit.qty > 0 && multiplier > 0n) {
      goods = { schemeId: scheme.id, skuId: benefit.skuId, qty: Number(BigInt(benefit.qty) * multiplier), label };
    }
    // Clamp each part at what is left of its line.
    const given = new Map<number, bigint>();
    for (const [i, p] of parts) {
      const room = left[i] ?? 0n;
      const g = p < room ? p : room;
      if (g > 0n) given.set(i, g);
    }
    const discount = [...given.values()].reduce((s, g) => s + g, 0n);
    if (discount === 0n && goods === null) {
      skip(scheme.id, { code: "nothing_to_give" });
      continue;
    }
    for (const [i, g] of given) {
      left[i] = (left[i] ?? 0n) - g;
      const list = adjustments.get(i) ?? [];
      list.push({ kind: "discount", schemeId: scheme.id, label, poisha: Number(g) });
      adjustments.set(i, list);
    }
    for (const i of base.keys()) {
      touchedBy[i] ??= scheme.id;
      if (scheme.stacking === "exclusive") claimedBy[i] ??= scheme.id;
    }
    if (goods) free.push(goods);
    const freeList = goods ? [{ skuId: goods.skuId, qty: goods.qty }] : [];
    applied.push({ schemeId: scheme.id, discountPoisha: Number(discount), free: freeList });
    explained.push({
      schemeId: scheme.id,
      applied: true,
      discountPoisha: Number(discount),
      free: freeList,
      reason: null,
    });
  }
  return { outcome: { adjustments, free, applied, skipped }, explained };
}

/** The engine for a set of schemes (those in force for the organisation; the engine checks each one's rules). */
export function schemeEngine(schemes: readonly SchemeDefinition[], options: SchemeEngineOptions = {}): SchemeEngine {
  const sorted = [...schemes].sort(schemeOrder);
  return (context, lines) => evaluate(sorted, context, lines, options).outcome;
}

/** Every scheme given, with what it gave or why it gave nothing: for "why did this scheme not apply?". */
export function explainSchemes(
  schemes: readonly SchemeDefinition[],
  context: SchemeContext,
  lines: readonly LineInput[],
  options: SchemeEngineOptions = {},
): SchemeExplanation[] {
  return evaluate([...schemes].sort(schemeOrder), context, lines, options).explained;
}
