import { describe, expect, it } from "vitest";
import { barOf, editableOf, metricFigure, periodStartFor, storedOf } from "./target-display.ts";

const fmt = { money: (p: number) => `৳${p / 100}`, number: (n: number) => String(n) };

describe("target figures on screen", () => {
  it("reads each metric in its unit", () => {
    expect(metricFigure("value", 125_050, fmt)).toBe("৳1250.5");
    expect(metricFigure("coverage", 8_334, fmt)).toBe("83.34%");
    expect(metricFigure("volume", 26, fmt)).toBe("26");
    expect(metricFigure("new_outlets", null, fmt)).toBe("—");
  });

  it("turns what is typed into the stored unit and back", () => {
    expect(storedOf("value", 1250.5)).toBe(125_050);
    expect(editableOf("value", 125_050)).toBe(1250.5);
    expect(storedOf("coverage", 80)).toBe(8000);
    expect(storedOf("coverage", 100.01)).toBeNull();
    expect(storedOf("volume", 12.5)).toBeNull();
    expect(storedOf("volume", -1)).toBeNull();
    expect(storedOf("focus_sku", 120)).toBe(120);
  });

  it("bounds the bar and finds the period of a picked month", () => {
    expect(barOf(15_000)).toBe(100);
    expect(barOf(2_340)).toBe(23.4);
    expect(barOf(null)).toBe(0);
    expect(periodStartFor("month", "2026-11")).toBe("2026-11-01");
    expect(periodStartFor("quarter", "2026-11")).toBe("2026-10-01");
    expect(periodStartFor("quarter", "2026-01")).toBe("2026-01-01");
  });
});
