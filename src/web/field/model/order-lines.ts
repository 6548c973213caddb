// The memo the rep is typing, pure: lines in any of a SKU's pack units, priced from the outlet's price book with
// the shared pricing code and the trade schemes of the last pull run by the shared scheme engine (the server prices
// the order with the same functions, so the running total, discounts and free goods are the invoice's unless prices
// or schemes changed since the last pull, or a budget ran out — the server's priced order then stands, and it
// says so).
import type { FieldOutlet, FieldPriceBook, FieldSku } from "../../../shared/contracts/field.ts";
import type { SuggestedLine } from "../../../shared/contracts/replenishment.ts";
import {
  type LineInput,
  type OrderTotals,
  orderTotals,
  type PricedLine,
  priceLine,
  priceOrder,
  type SchemeContext,
} from "../../../shared/pricing/order-pricing.ts";
import { toBaseQty } from "../../../shared/pricing/pack-units.ts";
import { schemeEngine } from "../../../shared/pricing/scheme-engine.ts";
import type { SchemeDefinition, SchemeSkip } from "../../../shared/pricing/scheme-types.ts";
import { searchScore, searchTerms } from "../../../shared/search-text.ts";
import type { FieldT } from "../i18n/field-i18n.ts";
import type { OrderLineDraft } from "../store/field-db.ts";

export type { OrderLineDraft };

/** A SKU's units, largest first (case, pack, piece): the order the rep thinks in. */
export function unitsLargestFirst(sku: Pick<FieldSku, "units">): FieldSku["units"] {
  return [...sku.units].sort((a, b) => b.factor - a.factor);
}

/** Add `qty` of a unit: to the line of that SKU and unit when there is one, else as a new line at the end. */
export function addToLines(lines: readonly OrderLineDraft[], skuId: string, unit: string, qty = 1): OrderLineDraft[] {
  const i = lines.findIndex((l) => l.skuId === skuId && l.unit === unit);
  if (i < 0) return [...lines, { skuId, unit, qty }];
  return lines.map((l, j) => (j === i ? { ...l, qty: l.qty + qty } : l));
}

/** Set a line's quantity; 0 or less removes the line. */
export function setLineQty(lines: readonly OrderLineDraft[], index: number, qty: number): OrderLineDraft[] {
  if (!Number.isFinite(qty) || qty <= 0) return lines.filter((_, j) => j !== index);
  return lines.map((l, j) => (j === index ? { ...l, qty: Math.floor(qty) } : l));
}

/** Change a line's unit, merging into a line of the same SKU and unit if one exists. */
export function setLineUnit(lines: readonly OrderLineDraft[], index: number, unit: string): OrderLineDraft[] {
  const line = lines[index];
  if (!line || line.unit === unit) return [...lines];
  const rest = lines.filter((_, j) => j !== index);
  const target = rest.findIndex((l) => l.skuId === line.skuId && l.unit === unit);
  if (target < 0) return lines.map((l, j) => (j === index ? { ...l, unit } : l));
  return rest.map((l, j) => (j === target ? { ...l, qty: l.qty + line.qty } : l));
}

export interface PricedDraftLine {
  line: OrderLineDraft;
  sku: FieldSku | undefined;
  baseQty: number | null;
  /** Null when the SKU is unknown, has no such unit, or has no price in the outlet's price book. */
  priced: PricedLine | null;
}

/** A line of goods a scheme gives free: priced at list price with a free-goods adjustment, so it totals 0. */
export interface FreeDraftLine {
  schemeId: string;
  sku: FieldSku | undefined;
  priced: PricedLine;
}

export interface PricedDraft {
  lines: PricedDraftLine[];
  /** Free goods the schemes give, after the entered lines on the memo. */
  free: FreeDraftLine[];
  /** What each scheme gave on this memo. */
  applied: { schemeId: string; discountPoisha: number; free: { skuId: string; qty: number }[] }[];
  /** Schemes that gave nothing, with why. */
  skipped: SchemeSkip[];
  totals: OrderTotals;
  /** Every line has a SKU, a unit and a price: the memo can be sent. */
  complete: boolean;
}

/** The trade schemes of the last pull, and who the memo is for: what the scheme engine needs. */
export interface DraftSchemes {
  schemes: readonly SchemeDefinition[];
  /** Schemes whose budget was used up at the last pull. */
  exhaustedIds: readonly string[];
  outlet: Pick<FieldOutlet, "id" | "distributorId" | "channel" | "outletClass" | "territoryPath">;
  /** The order's business date: the phone's today (the server takes the date of the command). */
  orderDate: string;
}

export type PriceIndex = Map<string, FieldPriceBook["prices"][number]>;

export const priceIndex = (book: FieldPriceBook | undefined): PriceIndex =>
  new Map((book?.prices ?? []).map((p) => [p.skuId, p]));

function lineInput(sku: FieldSku, price: FieldPriceBook["prices"][number], qty: number): LineInput {
  return {
    skuId: sku.id,
    qty,
    unitPricePoisha: price.unitPricePoisha,
    vatRateBp: sku.vatRateBp,
    pricesIncludeVat: price.pricesIncludeVat,
  };
}

/**
 * Price the memo as the server will: each line from the price book, then (with `schemes`, an outlet that has a
 * distributor and a territory) the whole memo through the scheme engine: discounts on the lines and free-goods
 * lines after them. An incomplete memo is priced on the lines that can be, so the rep still sees a total.
 */
export function priceDraft(
  lines: readonly OrderLineDraft[],
  skus: ReadonlyMap<string, FieldSku>,
  prices: PriceIndex,
  schemes?: DraftSchemes,
): PricedDraft {
  const inputs = lines.map((line) => {
    const sku = skus.get(line.skuId);
    const price = prices.get(line.skuId);
    const baseQty = sku ? toBaseQty(sku.units, line.unit, line.qty) : null;
    const input = sku && price && baseQty !== null && baseQty > 0 ? lineInput(sku, price, baseQty) : null;
    return { line, sku, baseQty, input };
  });
  const complete = inputs.length > 0 && inputs.every((l) => l.input !== null);
  const context = schemes ? schemeContext(schemes) : null;
  if (!schemes || !context || schemes.schemes.length === 0) {
    const out = inputs.map(({ line, sku, baseQty, input }) => ({
      line,
      sku,
      baseQty,
      priced: input ? priceLine(input) : null,
    }));
    const priced = out.flatMap((l) => (l.priced ? [l.priced] : []));
    return { lines: out, free: [], applied: [], skipped: [], totals: orderTotals(priced), complete };
  }

  const priceable = inputs.flatMap((l) => (l.input ? [l.input] : []));
  const engine = schemeEngine(schemes.schemes, { exhausted: new Set(schemes.exhaustedIds) });
  const result = priceOrder(context, priceable, engine, (skuId) => {
    const sku = skus.get(skuId);
    const price = prices.get(skuId);
    if (!sku || !price) return undefined;
    const { skuId: _, qty: __, ...rest } = lineInput(sku, price, 1);
    return rest;
  });
  let next = 0;
  const out = inputs.map(({ line, sku, baseQty, input }): PricedDraftLine => {
    const priced = input ? (result.lines[next++] ?? null) : null;
    return { line, sku, baseQty, priced };
  });
  return {
    lines: out,
    free: result.free.map((f) => ({ schemeId: f.schemeId, sku: skus.get(f.skuId), priced: f })),
    applied: result.applied,
    skipped: result.skipped,
    totals: result.totals,
    complete,
  };
}

/** The engine's view of the memo; null for an outlet without a distributor or a territory (no scheme applies). */
function schemeContext(s: DraftSchemes): SchemeContext | null {
  const { outlet } = s;
  if (!outlet.distributorId || !outlet.territoryPath) return null;
  return {
    outletId: outlet.id,
    distributorId: outlet.distributorId,
    orderDate: s.orderDate,
    channel: outlet.channel,
    outletClass: outlet.outletClass,
    territoryPath: outlet.territoryPath,
    facing: "secondary",
  };
}

/**
 * The outlet's usual order as lines the rep can add with one tap: only SKUs still sold to this outlet (known,
 * priced, and the unit still exists).
 */
export function suggestedLines(
  usual: readonly { skuId: string; qty: number; unit: string }[],
  skus: ReadonlyMap<string, FieldSku>,
  prices: PriceIndex,
): OrderLineDraft[] {
  return usual.filter((u) => {
    const sku = skus.get(u.skuId);
    return u.qty > 0 && sku !== undefined && prices.has(u.skuId) && sku.units.some((x) => x.unit === u.unit);
  });
}

/** Why a line is suggested: what the outlet sells a day (forecast), the days to the next visit, the last audit. */
export type SuggestionReason = Pick<SuggestedLine, "dailyRate" | "cycleDays" | "auditedQty" | "auditedOn">;

export interface SuggestedDraftLine extends OrderLineDraft {
  /** Null for a line of the usual order (no forecast behind it). */
  reason: SuggestionReason | null;
}

export interface SuggestedOrder {
  /** "forecast": the server's suggested lines; "usual": the outlet's usual order (no forecast yet, or none sellable). */
  source: "forecast" | "usual";
  lines: SuggestedDraftLine[];
}

/**
 * The one-tap order: the outlet's forecast until the next visit less its audited stock (the snapshot's
 * suggestedLines) when there is a sellable line of it, else the usual order. A snapshot kept from before the
 * suggestions existed has no suggestedLines: the usual order then.
 */
export function suggestedOrder(
  outlet: {
    suggestedLines?: readonly SuggestedLine[] | undefined;
    usualLines: readonly { skuId: string; qty: number; unit: string }[];
  },
  skus: ReadonlyMap<string, FieldSku>,
  prices: PriceIndex,
): SuggestedOrder {
  const forecast = suggestedLines(outlet.suggestedLines ?? [], skus, prices);
  if (forecast.length > 0) {
    const byKey = new Map((outlet.suggestedLines ?? []).map((l) => [`${l.skuId}|${l.unit}`, l]));
    return {
      source: "forecast",
      lines: forecast.map((l) => {
        const s = byKey.get(`${l.skuId}|${l.unit}`);
        return {
          skuId: l.skuId,
          unit: l.unit,
          qty: l.qty,
          reason: s
            ? { dailyRate: s.dailyRate, cycleDays: s.cycleDays, auditedQty: s.auditedQty, auditedOn: s.auditedOn }
            : null,
        };
      }),
    };
  }
  return {
    source: "usual",
    lines: suggestedLines(outlet.usualLines, skus, prices).map((l) => ({
      skuId: l.skuId,
      unit: l.unit,
      qty: l.qty,
      reason: null,
    })),
  };
}

/**
 * The reason beside a suggested line, compact: "≈2.1/day × 7 days − 4 in stock (audit 20 Nov 2026)". Quantities are
 * in the SKU's base unit (pieces), as the forecast and the audit count them.
 */
export function suggestionReason(
  r: SuggestionReason,
  t: FieldT,
  fmt: { number: (n: number) => string; date: (d: string) => string },
): string {
  // A slow mover sells 0.08 a day: one decimal would say 0.1, two keep its order of magnitude.
  const digits = r.dailyRate < 1 ? 100 : 10;
  const rate = t("order.reasonRate", {
    rate: fmt.number(Math.round(r.dailyRate * digits) / digits),
    days: fmt.number(r.cycleDays),
  });
  if (r.auditedQty === null || r.auditedOn === null) return `${rate} · ${t("order.reasonNoAudit")}`;
  return `${rate} ${t("order.reasonAudit", { qty: fmt.number(r.auditedQty), date: fmt.date(r.auditedOn) })}`;
}

/** Add several lines (the suggested order) to the memo, adding up quantities of lines already there. */
export function addAll(lines: readonly OrderLineDraft[], added: readonly OrderLineDraft[]): OrderLineDraft[] {
  return added.reduce<OrderLineDraft[]>((acc, l) => addToLines(acc, l.skuId, l.unit, l.qty), [...lines]);
}

/**
 * SKUs matching what the rep typed (Bengali or Latin, by the shared phonetic search, or by code): best matches
 * first, must-sell SKUs first among equals; at most `limit`, so a slow phone renders a short list.
 */
export function searchSkus(
  skus: readonly FieldSku[],
  query: string,
  mustSell: ReadonlySet<string>,
  limit = 40,
): FieldSku[] {
  const terms = searchTerms(query);
  const code = query.trim().toLowerCase();
  const scored = skus.flatMap((s) => {
    const score =
      terms.length === 0
        ? 2
        : code !== "" && s.code.toLowerCase().includes(code)
          ? 2
          : searchScore(s.searchText, terms);
    return score > 0 ? [{ s, score }] : [];
  });
  scored.sort(
    (a, b) =>
      b.score - a.score ||
      Number(mustSell.has(b.s.id)) - Number(mustSell.has(a.s.id)) ||
      a.s.code.localeCompare(b.s.code),
  );
  return scored.slice(0, limit).map((x) => x.s);
}
