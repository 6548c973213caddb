import { describe, expect, it } from "vitest";
import { AppError } from "../platform/errors.ts";
import { checkedUnits } from "./sku-unit-rules.ts";

const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof AppError ? e.code : String(e);
  }
  return "no error";
};

describe("pack sizes", () => {
  it("adds the base unit, sorts smallest first, and names known units in both languages", () => {
    expect(
      checkedUnits(
        "piece",
        [
          { unit: "case", factor: 144 },
          { unit: "pack", factor: 12 },
        ],
        "case",
      ),
    ).toEqual([
      { unit: "piece", factor: 1, name: "Piece", name_bn: "পিস" },
      { unit: "pack", factor: 12, name: "Pack", name_bn: "প্যাক" },
      { unit: "case", factor: 144, name: "Case", name_bn: "কেস" },
    ]);
  });
  it("accepts any chain where each pack holds whole smaller packs", () => {
    expect(
      checkedUnits(
        "piece",
        [
          { unit: "strip", factor: 10 },
          { unit: "box", factor: 100 },
          { unit: "carton", factor: 1200 },
        ],
        null,
      ),
    ).toHaveLength(4);
  });
  it("refuses packs that are not whole multiples of the next smaller one", () => {
    expect(
      codeOf(() =>
        checkedUnits(
          "piece",
          [
            { unit: "pack", factor: 12 },
            { unit: "case", factor: 100 },
          ],
          null,
        ),
      ),
    ).toBe("catalog.unit_factor_inconsistent");
    expect(
      codeOf(() =>
        checkedUnits(
          "piece",
          [
            { unit: "pack", factor: 6 },
            { unit: "box", factor: 9 },
          ],
          null,
        ),
      ),
    ).toBe("catalog.unit_factor_inconsistent");
  });
  it("refuses repeated units or factors, a base unit that is not 1, and an unknown sell-by unit", () => {
    expect(
      codeOf(() =>
        checkedUnits(
          "piece",
          [
            { unit: "pack", factor: 12 },
            { unit: "pack", factor: 24 },
          ],
          null,
        ),
      ),
    ).toBe("catalog.unit_duplicate");
    expect(codeOf(() => checkedUnits("piece", [{ unit: "piece", factor: 2 }], null))).toBe("catalog.unit_base_missing");
    expect(codeOf(() => checkedUnits("piece", [], "case"))).toBe("catalog.sell_by_unknown");
  });
});
