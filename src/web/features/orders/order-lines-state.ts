// The lines of a memo being typed: a small reducer whose updates replace only the line that changed, so
// the grid's memoized rows re-render one at a time even on a 150-line memo.
import {
  type LineInput,
  type OrderTotals,
  orderTotals,
  type PricedLine,
  priceLine,
  priceOrder,
  type SchemeContext,
  type SchemeEngine,
  type SchemeOutcome,
} from "../../../shared/pricing/order-pricing.ts";
import { toBaseQty } from "../../../shared/pricing/pack-units.ts";
import type { SchemeSkip } from "../../../shared/pricing/scheme-types.ts";
import { searchScore, searchTerms, searchText } from "../../../shared/search-text.ts";
import type { OrderBookSku } from "./use-order-book.ts";

export interface EntryLine {
  /** Stable React key and focus target; the SKU id would do, but a key survives re-picking a SKU. */
  key: string;
  skuId: string;
  /** As typed: "" while the field is being cleared. */
  qty: string;
  unit: string;
}

export type LinesAction =
  | { type: "add"; skuId: string; unit: string; qty?: string }
  | { type: "setQty"; key: string; qty: string }
  | { type: "setUnit"; key: string; unit: string }
  | { type: "remove"; key: string }
  | { type: "reset"; lines: EntryLine[] };

let counter = 0;
export const nextLineKey = (): string => `l${++counter}`;

export function linesReducer(lines: EntryLine[], action: LinesAction): EntryLine[] {
  switch (action.type) {
    case "add":
      if (lines.some((l) => l.skuId === action.skuId)) return lines;
      return [...lines, { key: nextLineKey(), skuId: action.skuId, qty: action.qty ?? "1", unit: action.unit }];
    case "setQty": {
      const qty = action.qty.replace(/[০-৯]/g, (d) => String(d.charCodeAt(0) - 0x09e6)).replace(/[^0-9]/g, "");
      return lines.map((l) => (l.key === action.key && l.qty !== qty ? { ...l, qty } : l));
    }
    case "setUnit":
      return lines.map((l) => (l.key === action.key && l.unit !== action.unit ? { ...l, unit: action.unit } : l));
    case "remove":
      return lines.filter((l) => l.key !== action.key);
    case "reset":
      return action.lines;
  }
}

/** The price an order pays per base unit: the outlet's (retailer) price, or the distributor's for primary orders. */
export type PriceBasis = "retailer" | "distributor";

export function unitPriceOf(sku: OrderBookSku, basis: PriceBasis): number | null {
  if (!sku.price) return null;
  return basis === "retailer" ? sku.price.retailerPricePoisha : sku.price.distributorPricePoisha;
}

/** One line priced with the server's own pricing module, or null while it has no valid quantity or price. */
export function priceEntryLine(line: EntryLine, sku: OrderBookSku | undefined, basis: PriceBasis): PricedLine | null {
  if (!sku?.price) return null;
  const qty = Number(line.qty);
  const base = qty > 0 ? toBaseQty(sku.units, line.unit, qty) : null;
  const unitPrice = unitPriceOf(sku, basis);
  if (base === null || unitPrice === null) return null;
  return priceLine({
    skuId: sku.id,
    qty: base,
    unitPricePoisha: unitPrice,
    vatRateBp: sku.vatRateBp,
    pricesIncludeVat: sku.price.pricesIncludeVat,
  });
}

export function entryTotals(
  lines: readonly EntryLine[],
  skus: ReadonlyMap<string, OrderBookSku>,
  basis: PriceBasis,
): OrderTotals {
  const priced: PricedLine[] = [];
  for (const l of lines) {
    const p = priceEntryLine(l, skus.get(l.skuId), basis);
    if (p) priced.push(p);
  }
  return orderTotals(priced);
}

/** The price inputs of one SKU (without quantity), or undefined when it has no price for this outlet. */
export function priceInputOf(
  sku: OrderBookSku | undefined,
  basis: PriceBasis,
): Omit<LineInput, "skuId" | "qty"> | undefined {
  if (!sku?.price) return undefined;
  const unitPrice = unitPriceOf(sku, basis);
  if (unitPrice === null) return undefined;
  return { unitPricePoisha: unitPrice, vatRateBp: sku.vatRateBp, pricesIncludeVat: sku.price.pricesIncludeVat };
}

export interface EntryPricing {
  /** The priced entered lines by EntryLine key (lines without a valid quantity or price are absent). */
  byKey: ReadonlyMap<string, PricedLine>;
  /** Free-goods lines the schemes add (total 0; their free_goods adjustment carries the scheme's cost). */
  free: (PricedLine & { schemeId: string })[];
  totals: OrderTotals;
  applied: SchemeOutcome["applied"];
  skipped: SchemeSkip[];
  /** The entered lines as the engine saw them (for "why did a scheme not apply?"). */
  inputs: LineInput[];
}

/**
 * The whole memo priced as the server will price it: the same pricing module and the same scheme engine,
 * run over the schemes in force for the outlet. Schemes look at the whole memo (slabs, bundles, memo-level),
 * so a line's discount can change when another line changes: pricing is per memo, not per row.
 */
export function priceEntry(
  lines: readonly EntryLine[],
  skus: ReadonlyMap<string, OrderBookSku>,
  basis: PriceBasis,
  context: SchemeContext | null,
  engine: SchemeEngine | null,
): EntryPricing {
  const inputs: LineInput[] = [];
  const keys: string[] = [];
  for (const l of lines) {
    const sku = skus.get(l.skuId);
    const price = priceInputOf(sku, basis);
    const qty = Number(l.qty);
    const base = sku && qty > 0 ? toBaseQty(sku.units, l.unit, qty) : null;
    if (!price || base === null) continue;
    inputs.push({ skuId: l.skuId, qty: base, ...price });
    keys.push(l.key);
  }
  if (!context || !engine) {
    const priced = inputs.map((i) => priceLine(i));
    return {
      byKey: new Map(priced.map((p, i) => [keys[i] as string, p])),
      free: [],
      totals: orderTotals(priced),
      applied: [],
      skipped: [],
      inputs,
    };
  }
  const r = priceOrder(context, inputs, engine, (skuId) => priceInputOf(skus.get(skuId), basis));
  return {
    byKey: new Map(r.lines.map((p, i) => [keys[i] as string, p])),
    free: r.free,
    totals: r.totals,
    applied: r.applied,
    skipped: r.skipped,
    inputs,
  };
}

/** The lines as the API takes them; lines without a quantity are left out. */
export function toOrderLines(lines: readonly EntryLine[]): { skuId: string; qty: number; unit: string }[] {
  return lines.filter((l) => Number(l.qty) > 0).map((l) => ({ skuId: l.skuId, qty: Number(l.qty), unit: l.unit }));
}

export interface SkuIndexEntry {
  sku: OrderBookSku;
  stored: string;
  code: string;
}

export function buildSkuIndex(skus: readonly OrderBookSku[]): SkuIndexEntry[] {
  return skus.map((sku) => ({
    sku,
    stored: sku.searchText || searchText(sku.code, sku.name, sku.nameBn, sku.barcode),
    code: sku.code.toLowerCase(),
  }));
}

/**
 * SKUs matching what was typed: an exact code or barcode first, then code prefixes, then names by
 * phonetic key (both scripts) and finally by consonant skeleton. Pure and fast: 150 SKUs in well under 1 ms.
 */
export function searchSkus(index: readonly SkuIndexEntry[], query: string, limit = 8): OrderBookSku[] {
  const q = query.trim().toLowerCase();
  if (q === "") return [];
  const terms = searchTerms(q);
  const scored: { sku: OrderBookSku; score: number }[] = [];
  for (const e of index) {
    let score = 0;
    if (e.code === q || e.sku.barcode === q) score = 5;
    else if (e.code.startsWith(q)) score = 4;
    else if (terms.length > 0) score = searchScore(e.stored, terms);
    if (score > 0) scored.push({ sku: e.sku, score });
  }
  scored.sort((a, b) => b.score - a.score || a.sku.code.localeCompare(b.sku.code));
  return scored.slice(0, limit).map((s) => s.sku);
}

/** The unit a new line starts in: the SKU's sell-by unit if it has one, else the preferred unit if it has it. */
export function defaultUnit(sku: OrderBookSku, preferred?: string): string {
  if (sku.sellByUnit) return sku.sellByUnit;
  if (preferred && sku.units.some((u) => u.unit === preferred)) return preferred;
  return sku.baseUnit;
}
