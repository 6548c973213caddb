// Pack sizes: a SKU is counted in its base unit (a piece); packs and cases are whole multiples of it.
// Orders accept any unit and store base units.

export interface SkuUnit {
  unit: string;
  factor: number;
}

/** The most base units one order line holds: quantities are stored in integer (int4) columns. */
export const MAX_LINE_QTY = 2_147_483_647;

/** Base units for `qty` of `unit`, or null when the SKU has no such unit or the result is not a safe integer. */
export function toBaseQty(units: readonly SkuUnit[], unit: string, qty: number): number | null {
  const u = units.find((x) => x.unit === unit);
  if (!u || !Number.isSafeInteger(qty)) return null;
  const base = qty * u.factor;
  return Number.isSafeInteger(base) ? base : null;
}

/** Whether a base quantity is a whole number of the SKU's sell-by unit (no rule: always). */
export function fitsSellBy(units: readonly SkuUnit[], sellByUnit: string | null, baseQty: number): boolean {
  if (!sellByUnit) return true;
  const u = units.find((x) => x.unit === sellByUnit);
  return u ? baseQty % u.factor === 0 : true;
}

/** A base quantity split into the largest units first: 150 pieces with case=144, pack=12 -> 1 case, 0 pack, 6 piece. */
export function splitIntoUnits(units: readonly SkuUnit[], baseQty: number): { unit: string; qty: number }[] {
  const sorted = [...units].sort((a, b) => b.factor - a.factor);
  let rest = baseQty;
  const out: { unit: string; qty: number }[] = [];
  for (const u of sorted) {
    const n = Math.floor(rest / u.factor);
    if (n > 0) out.push({ unit: u.unit, qty: n });
    rest -= n * u.factor;
  }
  return out;
}
