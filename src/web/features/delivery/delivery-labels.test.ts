import { describe, expect, it } from "vitest";
import {
  barValue,
  capacityLevel,
  cm3FromM3,
  gramsFromKg,
  kgOf,
  m3Of,
  monthStart,
  moveItem,
  percentOf,
  usedBp,
} from "./delivery-labels.ts";

describe("delivery figures", () => {
  it("shows grams as kilograms and cubic centimetres as cubic metres", () => {
    expect(kgOf(1_500_000)).toBe(1500);
    expect(kgOf(12_345)).toBe(12.35);
    expect(kgOf(0)).toBe(0);
    expect(m3Of(2_500_000)).toBe(2.5);
    expect(m3Of(1_234_567)).toBe(1.235);
  });

  it("reads typed kilograms and cubic metres back to whole grams and cm³", () => {
    expect(gramsFromKg("1500")).toBe(1_500_000);
    expect(gramsFromKg(0.25)).toBe(250);
    expect(gramsFromKg("0")).toBeNull();
    expect(gramsFromKg("abc")).toBeNull();
    expect(cm3FromM3("2.5")).toBe(2_500_000);
    expect(cm3FromM3("")).toBeNull();
    expect(cm3FromM3(-1)).toBeNull();
  });

  it("turns basis points into percentages", () => {
    expect(percentOf(3333)).toBe(33.33);
    expect(percentOf(10_000)).toBe(100);
  });

  it("colours a load by how full the vehicle is", () => {
    expect(capacityLevel(null)).toBe("ok");
    expect(capacityLevel(8_999)).toBe("ok");
    expect(capacityLevel(9_000)).toBe("high");
    expect(capacityLevel(10_000)).toBe("high");
    expect(capacityLevel(10_001)).toBe("over");
    expect(barValue(12_000)).toBe(100);
    expect(barValue(4_550)).toBe(45.5);
    expect(barValue(null)).toBe(0);
  });

  it("computes the share of a capacity in basis points", () => {
    expect(usedBp(500_000, 1_000_000)).toBe(5_000);
    expect(usedBp(1, 3)).toBe(3_333);
    expect(usedBp(10, null)).toBeNull();
  });

  it("moves a drop up or down within the list, never out of it", () => {
    expect(moveItem(["a", "b", "c"], 2, -1)).toEqual(["a", "c", "b"]);
    expect(moveItem(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(moveItem(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
    expect(moveItem(["a", "b", "c"], 2, 5)).toEqual(["a", "b", "c"]);
  });

  it("starts the default metrics period on the first of the month", () => {
    expect(monthStart("2026-11-24")).toBe("2026-11-01");
  });
});
