// The one pricing module: from a price per base unit, a quantity, the VAT rate and any scheme discounts to
// each line's amounts and the order's totals, in integer poisha. Pure: the server and the field app run the
// same code, so the phone's running total is the invoice's.
//
// Rounding: every division rounds half up to the poisha, once per line (never per unit and then multiplied,
// never on the order total), so the printed memo adds up line by line.
import type { SchemeSkip } from "./scheme-types.ts";

/** Round a non-negative rational to the nearest integer, halves up. */
function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (numerator * 2n + denominator) / (denominator * 2n);
}

const toSafe = (v: bigint): number => {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new RangeError("amount beyond the exact range of poisha");
  return n;
};

/** A price that is a margin (basis points) off MRP: 4,500 poisha MRP at 8.5 % -> 4,118 poisha. */
export function priceFromMargin(mrpPoisha: number, marginBp: number): number {
  return toSafe(roundHalfUp(BigInt(mrpPoisha) * BigInt(10_000 - marginBp), 10_000n));
}

/** The margin in basis points that a price leaves below MRP (for display), rounded half up. */
export function marginOf(mrpPoisha: number, pricePoisha: number): number {
  if (mrpPoisha <= 0 || pricePoisha >= mrpPoisha) return 0;
  return toSafe(roundHalfUp(BigInt(mrpPoisha - pricePoisha) * 10_000n, BigInt(mrpPoisha)));
}

/** What a scheme did to a line: a discount in poisha, or free goods, with the reason shown to the user. */
export interface LineAdjustment {
  kind: "discount" | "free_goods";
  schemeId: string;
  label: { en: string; bn: string };
  poisha: number;
}

export interface LineInput {
  skuId: string;
  qty: number;
  unitPricePoisha: number;
  vatRateBp: number;
  pricesIncludeVat: boolean;
}

export interface PricedLine extends LineInput {
  grossPoisha: number;
  discountPoisha: number;
  vatPoisha: number;
  totalPoisha: number;
  adjustments: LineAdjustment[];
}

export interface OrderTotals {
  subtotalPoisha: number;
  discountPoisha: number;
  vatPoisha: number;
  totalPoisha: number;
}

/**
 * One line: gross = qty x unit price; the discount (every adjustment, discount or free goods, capped at the
 * gross) comes off before VAT. With VAT-exclusive prices VAT is
 * added on top (taxable x rate); with VAT-inclusive prices the payable amount already holds it and VAT is
 * the part taxable x rate / (1 + rate).
 */
export function priceLine(line: LineInput, adjustments: LineAdjustment[] = []): PricedLine {
  const gross = BigInt(line.qty) * BigInt(line.unitPricePoisha);
  const discount = adjustments.reduce((s, a) => s + BigInt(a.poisha), 0n);
  const taxable = gross - discount < 0n ? 0n : gross - discount;
  const rate = BigInt(line.vatRateBp);
  const vat = line.pricesIncludeVat
    ? roundHalfUp(taxable * rate, 10_000n + rate)
    : roundHalfUp(taxable * rate, 10_000n);
  const total = line.pricesIncludeVat ? taxable : taxable + vat;
  return {
    ...line,
    grossPoisha: toSafe(gross),
    discountPoisha: toSafe(gross - taxable),
    vatPoisha: toSafe(vat),
    totalPoisha: toSafe(total),
    adjustments,
  };
}

export function orderTotals(lines: readonly PricedLine[]): OrderTotals {
  return lines.reduce<OrderTotals>(
    (t, l) => ({
      subtotalPoisha: t.subtotalPoisha + l.grossPoisha,
      discountPoisha: t.discountPoisha + l.discountPoisha,
      vatPoisha: t.vatPoisha + l.vatPoisha,
      totalPoisha: t.totalPoisha + l.totalPoisha,
    }),
    { subtotalPoisha: 0, discountPoisha: 0, vatPoisha: 0, totalPoisha: 0 },
  );
}

/**
 * THE EXTENSION POINT FOR TRADE PROMOTIONS (S10). A scheme engine looks at the whole memo (outlet, date,
 * lines at list price) and returns adjustments per line index, the free goods to add, and which schemes gave
 * what or why they gave nothing. The promotions module supplies one (shared/pricing/scheme-engine.ts); it is
 * pure so the field app runs it offline too.
 */
export interface SchemeContext {
  outletId: string;
  distributorId: string;
  orderDate: string;
  channel: string;
  outletClass: string;
  territoryPath: string;
  /** secondary: a memo to an outlet; primary: a distributor's order. Only schemes of this facing apply. */
  facing: "secondary" | "primary";
}

/** Free goods a scheme gives: added to the memo as an extra line priced at list with a free_goods adjustment. */
export interface FreeGoods {
  schemeId: string;
  skuId: string;
  qty: number;
  label: { en: string; bn: string };
}

export interface SchemeOutcome {
  /** By input line index. */
  adjustments: Map<number, LineAdjustment[]>;
  /** Free goods to add as extra lines. */
  free: FreeGoods[];
  /** The schemes that gave something, in the order they ran, with what they gave. */
  applied: { schemeId: string; discountPoisha: number; free: { skuId: string; qty: number }[] }[];
  /** The schemes that gave nothing, and why. */
  skipped: SchemeSkip[];
}
export type SchemeEngine = (context: SchemeContext, lines: readonly LineInput[]) => SchemeOutcome;
export const noSchemes: SchemeEngine = () => ({ adjustments: new Map(), free: [], applied: [], skipped: [] });

/**
 * Price a whole memo: list prices, then the scheme engine's adjustments, then VAT, then the totals.
 * A free-goods line is priced at its list price with a free_goods adjustment equal to its gross, so it totals
 * 0 (no VAT) and carries the scheme's cost; freeGoodsPrice gives its price inputs. When it gives none, the
 * free goods are dropped (and taken out of `applied`) and reported in `skipped` as free_goods_unpriced.
 * `lines` are the entered lines (same indices as the input), `free` the added lines; the totals cover both.
 */
export function priceOrder(
  context: SchemeContext,
  lines: readonly LineInput[],
  schemes: SchemeEngine = noSchemes,
  freeGoodsPrice?: (skuId: string) => Omit<LineInput, "skuId" | "qty"> | undefined,
): {
  lines: PricedLine[];
  free: (PricedLine & { schemeId: string })[];
  totals: OrderTotals;
  applied: SchemeOutcome["applied"];
  skipped: SchemeSkip[];
} {
  const outcome = schemes(context, lines);
  const priced = lines.map((l, i) => priceLine(l, outcome.adjustments.get(i) ?? []));
  const free: (PricedLine & { schemeId: string })[] = [];
  const skipped = [...outcome.skipped];
  const dropped: FreeGoods[] = [];
  for (const goods of outcome.free) {
    const price = freeGoodsPrice?.(goods.skuId);
    if (!price) {
      dropped.push(goods);
      skipped.push({ schemeId: goods.schemeId, reason: { code: "free_goods_unpriced", skuId: goods.skuId } });
      continue;
    }
    const gross = BigInt(goods.qty) * BigInt(price.unitPricePoisha);
    const line = priceLine({ ...price, skuId: goods.skuId, qty: goods.qty }, [
      { kind: "free_goods", schemeId: goods.schemeId, label: goods.label, poisha: toSafe(gross) },
    ]);
    free.push({ ...line, schemeId: goods.schemeId });
  }
  const applied = outcome.applied
    .map((a) => ({
      ...a,
      free: a.free.filter(
        (f) => !dropped.some((d) => d.schemeId === a.schemeId && d.skuId === f.skuId && d.qty === f.qty),
      ),
    }))
    .filter((a) => a.discountPoisha > 0 || a.free.length > 0);
  return { lines: priced, free, totals: orderTotals([...priced, ...free]), applied, skipped };
}
