// The shape of a trade scheme (S10) as the pure scheme engine sees it. The server stores schemes in the
// promotions module and hands the ones in force to the engine; the field app receives the same objects in its
// snapshot and runs the same engine offline. Money in poisha, percentages in basis points, quantities in the
// SKU's base unit, dates as Asia/Dhaka business dates (YYYY-MM-DD).

/** What a reached slab (or a completed bundle) gives. */
export type SchemeBenefit =
  /** A percentage off the qualifying lines' gross value. */
  | { type: "percent"; bp: number }
  /** A fixed amount off, spread over the qualifying lines in proportion to their gross value. */
  | { type: "flat"; poisha: number }
  /** Free goods: qty base units of skuId (the same SKU as bought, or another), added as a free line. */
  | { type: "free_goods"; skuId: string; qty: number };

export interface SchemeSlab {
  /** The threshold: base units of the qualifying SKUs (measure "qty") or their gross poisha (measure "value"). */
  min: number;
  benefit: SchemeBenefit;
}

/**
 * The condition and its reward.
 * - slab: qualifying SKUs (empty = every line of the memo: a memo-level scheme) measured by qty or value.
 *   mode "once": the highest reached slab's benefit, once; "stepped": the same, with several slabs (kept apart
 *   for the editor); "repeating": one slab, its benefit given once per whole multiple of its threshold
 *   (buy 12 get 1, 24 get 2 ...). Percent benefits never multiply.
 * - bundle: a must-buy combo; every component at its qty makes one set; the benefit is given per complete set
 *   (percent applies to the bundle lines' value, flat and free goods per set).
 */
export type SchemeRule =
  | {
      kind: "slab";
      skuIds: string[];
      measure: "qty" | "value";
      mode: "once" | "stepped" | "repeating";
      slabs: SchemeSlab[];
    }
  | {
      kind: "bundle";
      components: { skuId: string; qty: number }[];
      benefit: SchemeBenefit;
    };

/** Who a scheme is for. Every non-empty list must match; an empty list does not restrict. */
export interface SchemeTargeting {
  /** Territory paths (e.g. "/bd/dhaka/"): the outlet's territory path must lie under one of them. */
  territoryPaths: string[];
  channels: string[];
  outletClasses: string[];
  distributorIds: string[];
  outletIds: string[];
}

export interface SchemeDefinition {
  id: string;
  code: string;
  name: { en: string; bn: string };
  /** secondary: outlet-facing (memos to outlets); primary: distributor-facing (distributor's orders). */
  facing: "secondary" | "primary";
  validFrom: string;
  validTo: string;
  /** Lower runs first. An exclusive scheme that applies stops every later scheme on the lines it touched. */
  priority: number;
  stacking: "exclusive" | "stackable";
  targeting: SchemeTargeting;
  rule: SchemeRule;
}

/** Why a scheme in the list gave nothing on this memo. */
export type SchemeSkipReason =
  | { code: "not_in_period"; validFrom: string; validTo: string }
  | { code: "wrong_facing" }
  | { code: "not_targeted"; field: "territory" | "channel" | "outlet_class" | "distributor" | "outlet" }
  | { code: "no_qualifying_lines" }
  | { code: "below_threshold"; measure: "qty" | "value"; have: number; need: number }
  | { code: "bundle_incomplete"; missing: { skuId: string; have: number; need: number }[] }
  | { code: "blocked_by_exclusive"; schemeId: string }
  | { code: "budget_exhausted" }
  | { code: "outlet_cap_reached" }
  /** The rule was met, but what it gives came to nothing on what was left of its lines (or rounded to 0). */
  | { code: "nothing_to_give" }
  /** Free goods whose SKU has no price for this memo: they cannot be put on it, so they are dropped. */
  | { code: "free_goods_unpriced"; skuId: string };

export interface SchemeSkip {
  schemeId: string;
  reason: SchemeSkipReason;
}
