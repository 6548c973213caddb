import { describe, expect, it } from "vitest";
import { parseQty, parseTaka, takaInputText } from "./money-input.ts";

describe("typed amounts", () => {
  it("reads taka in Latin or Bengali digits, with grouping and up to two decimals", () => {
    expect(parseTaka("1250")).toBe(125_000);
    expect(parseTaka("1,250.5")).toBe(125_050);
    expect(parseTaka("১২৫০.৫০")).toBe(125_050);
    expect(parseTaka(" ৳ 12,34,567.89 ")).toBe(123_456_789);
    expect(parseTaka("0.01")).toBe(1);
  });
  it("refuses nothing, zero, negatives, three decimals and words", () => {
    for (const s of ["", "0", "0.00", "-5", "1.234", "abc", "1e3"]) expect(parseTaka(s), s).toBeNull();
  });
  it("writes poisha back as plain taka for an input", () => {
    expect(takaInputText(125_050)).toBe("1250.50");
    expect(takaInputText(120_000)).toBe("1200");
    expect(takaInputText(5)).toBe("0.05");
  });
  it("reads whole quantities in either digits", () => {
    expect(parseQty("12")).toBe(12);
    expect(parseQty("১২")).toBe(12);
    expect(parseQty("1.5")).toBeNull();
    expect(parseQty("")).toBeNull();
  });
});
