// A memo priced with schemes, as the order tables store its lines (secondary orders to outlets and primary orders to
// the company alike): the entered lines in the order they were typed, then the free goods in base units, each line
// with its schemes' adjustments (the scheme's code added, for the printed memo) and the scheme a free line came from.
import type { PricedLine } from "../../shared/pricing/order-pricing.ts";

export interface MemoLineRow {
  line_no: number;
  sku_id: string;
  entered_qty: number;
  entered_unit: string;
  qty: number;
  unit_price_poisha: number;
  gross_poisha: number;
  discount_poisha: number;
  vat_rate_bp: number;
  vat_poisha: number;
  total_poisha: number;
  /** JSON text of the schemes' adjustments, or null when none. */
  adjustments: string | null;
  /** A free-goods line: the scheme that gave it. */
  free_of_scheme_id: string | null;
}

export function memoLineRows(
  priced: { lines: readonly PricedLine[]; free: readonly (PricedLine & { schemeId: string })[] },
  /** What was typed for each priced line, in the same order. */
  entered: readonly ({ enteredQty: number; enteredUnit: string } | undefined)[],
  codes: ReadonlyMap<string, string>,
  baseUnitOf: (skuId: string) => string | undefined,
): MemoLineRow[] {
  const row = (l: PricedLine, lineNo: number, typed: { qty: number; unit: string }, freeOf: string | null) => ({
    line_no: lineNo,
    sku_id: l.skuId,
    entered_qty: typed.qty,
    entered_unit: typed.unit,
    qty: l.qty,
    unit_price_poisha: l.unitPricePoisha,
    gross_poisha: l.grossPoisha,
    discount_poisha: l.discountPoisha,
    vat_rate_bp: l.vatRateBp,
    vat_poisha: l.vatPoisha,
    total_poisha: l.totalPoisha,
    adjustments:
      l.adjustments.length > 0
        ? JSON.stringify(l.adjustments.map((a) => ({ ...a, code: codes.get(a.schemeId) ?? "" })))
        : null,
    free_of_scheme_id: freeOf,
  });
  return [
    ...priced.lines.map((l, i) =>
      row(l, i + 1, { qty: entered[i]?.enteredQty ?? l.qty, unit: entered[i]?.enteredUnit ?? "piece" }, null),
    ),
    ...priced.free.map((l, j) =>
      row(l, entered.length + j + 1, { qty: l.qty, unit: baseUnitOf(l.skuId) ?? "piece" }, l.schemeId),
    ),
  ];
}

type StoredAdjustment = PricedLine["adjustments"][number] & { code?: string };

/** What the schemes gave on a line, as stored with it (memos from before schemes: nothing). */
export function lineAdjustments(stored: unknown) {
  if (!Array.isArray(stored)) return [];
  return (stored as StoredAdjustment[]).map((a) => ({
    kind: a.kind,
    schemeId: a.schemeId,
    code: a.code ?? "",
    label: a.label,
    poisha: a.poisha,
  }));
}
