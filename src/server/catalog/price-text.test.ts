import { describe, expect, it } from "vitest";
import { parsePercent, parseTaka, percentText, takaText } from "./price-text.ts";

describe("price text", () => {
  it("reads taka exactly, in Latin or Bengali digits, with separators", () => {
    expect(parseTaka("45.5")).toBe(4550);
    expect(parseTaka("৪৫.০৫")).toBe(4505);
    expect(parseTaka("1,250")).toBe(125_000);
    expect(parseTaka("৳ 12")).toBe(1200);
    expect(parseTaka("0.29")).toBe(29);
    for (const bad of ["", "abc", "1.234", "-5", "1e3"]) expect(parseTaka(bad)).toBeNull();
  });
  it("reads percentages as basis points, up to 100", () => {
    expect(parsePercent("8.5")).toBe(850);
    expect(parsePercent("12%")).toBe(1200);
    expect(parsePercent("১০০")).toBe(10_000);
    expect(parsePercent("100.01")).toBeNull();
    expect(parsePercent("8.555")).toBeNull();
  });
  it("writes what it reads", () => {
    for (const p of [0, 5, 29, 4550, 125_000]) expect(parseTaka(takaText(p))).toBe(p);
    for (const bp of [0, 1, 850, 1200, 10_000]) expect(parsePercent(percentText(bp))).toBe(bp);
    expect(takaText(null)).toBe("");
  });
});
