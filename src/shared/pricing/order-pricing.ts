// The one pricing module: from a price per base unit, a quantity, the VAT rate and any scheme discounts to
// each line's amounts and the order's totals, in integer poisha. Pure: the server and the field app run the
// same code, so the phone's running total is the invoice's.
//
// Rounding: every division rounds half up to the poisha, once per line (never per unit and then multiplied,
// never on the order total), so the printed memo adds up line by line.

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
 * One line: gross = qty x unit price; the discount comes off before VAT. With VAT-exclusive prices VAT is
 * added on top (taxable x rate); with VAT-inclusive prices the payable amount already holds it and VAT is
 * the part taxable x rate / (1 + rate).
 */
export function priceLine(line: LineInput, adjustments: LineAdjustment[] = []): PricedLine {
  const gross = BigInt(line.qty) * BigInt(line.unitPricePoisha);
  const discount = BigInt(adjustments.filter((a) => a.kind === "discount").reduce((s, a) => s + a.poisha, 0));
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
 * lines at list price) and returns adjustments per line index; the promotions module supplies one, and
 * until then no scheme applies. It must be pure so the field app can run it offline too.
 */
export interface SchemeContext {
  outletId: string;
  distributorId: string;
  orderDate: string;
  channel: string;
  outletClass: string;
  territoryPath: string;
}
export type SchemeEngine = (context: SchemeContext, lines: readonly LineInput[]) => Map<number, LineAdjustment[]>;
export const noSchemes: SchemeEngine = () => new Map();

/** Price a whole memo: list prices, then the scheme engine's adjustments, then VAT, then the totals. */
export function priceOrder(
  context: SchemeContext,
  lines: readonly LineInput[],
  schemes: SchemeEngine = noSchemes,
): { lines: PricedLine[]; totals: OrderTotals } {
  const adjustments = schemes(context, lines);
  const priced = lines.map((l, i) => priceLine(l, adjustments.get(i) ?? []));
  return { lines: priced, totals: orderTotals(priced) };
}
