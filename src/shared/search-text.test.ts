import { describe, expect, it } from "vitest";
import { phoneticKey, searchScore, searchTerms, searchText, transliterate } from "./search-text.ts";

const finds = (stored: string, query: string) => searchScore(searchText(stored), searchTerms(query)) > 0;

describe("search text", () => {
  it("transliterates Bengali the way people type it", () => {
    expect(transliterate("মুদি")).toBe("mudi");
    expect(transliterate("দোকান")).toBe("dokan");
    expect(transliterate("স্টোর")).toBe("stor");
    expect(transliterate("১২৩")).toBe("123");
  });

  it("finds a Bengali name from Latin, Bengali, a prefix and a loose spelling", () => {
    const name = "মুদি দোকান";
    expect(finds(name, "mudi")).toBe(true);
    expect(finds(name, "মুদি")).toBe(true);
    expect(finds(name, "মু")).toBe(true);
    expect(finds(name, "mud")).toBe(true);
    expect(finds(name, "mudee")).toBe(true);
    expect(finds(name, "dokan")).toBe(true);
    expect(finds(name, "dukan")).toBe(true);
    expect(finds(name, "mudi dokan")).toBe(true);
    expect(finds(name, "ঔষধ")).toBe(false);
    expect(finds(name, "pharmacy")).toBe(false);
  });

  it("finds Latin names from Bengali script", () => {
    expect(finds("Rahman Store", "রহমান")).toBe(true);
    expect(finds("Rohman Store", "rahman")).toBe(true);
    expect(finds("Shapla Pharmacy", "সাপলা")).toBe(true);
    expect(finds("Shapla Pharmacy", "farmacy")).toBe(true);
  });

  it("ranks exact phonetic matches above skeleton matches", () => {
    const stored = searchText("রহমান স্টোর");
    expect(searchScore(stored, searchTerms("rohoman"))).toBe(2);
    expect(searchScore(stored, searchTerms("rahman"))).toBe(1);
  });

  it("matches codes and phone digits in either script", () => {
    expect(finds("OUT-00123 01711000000", "out-001")).toBe(true);
    expect(finds("OUT-00123", "০০১২৩")).toBe(true);
    expect(phoneticKey("০১৭১১")).toBe("01711");
  });

  it("needs every term to match", () => {
    expect(finds("Karim General Store", "karim pharmacy")).toBe(false);
    expect(searchTerms("  ")).toEqual([]);
  });
});
