import { describe, expect, it } from "vitest";
import { companyName, personName, phoneNumber, shopName } from "./bangladeshi-names.ts";
import { createRng, type Rng } from "./seeded-random.ts";

const PHONE = /^\+8801[3-9]\d{8}$/;
// Bengali words separated by single spaces; "-" appears in "আল-আমিন".
const BENGALI_TEXT = /^[\u0980-\u09FF-]+( [\u0980-\u09FF-]+)*$/;
const ENGLISH_TEXT = /^[A-Z&][A-Za-z.&-]*( [A-Z&][A-Za-z.&-]*)*$/;

const many = <T>(n: number, make: (rng: Rng) => T, seed = "names"): T[] => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => make(rng));
};

describe("personName", () => {
  it("is deterministic for a seed and varies across seeds", () => {
    expect(many(50, personName)).toEqual(many(50, personName));
    expect(many(50, personName, "other")).not.toEqual(many(50, personName));
  });

  it("gives an English and a Bengali name with the same number of words", () => {
    for (const name of many(2000, personName)) {
      expect(name.en).toMatch(ENGLISH_TEXT);
      expect(name.bn).toMatch(BENGALI_TEXT);
      expect(name.bn.split(" ")).toHaveLength(name.en.split(" ").length);
      expect(name.bn).toBe(name.bn.normalize("NFC"));
    }
  });

  it("has at least a given and a family name, and many different names", () => {
    const names = many(2000, personName);
    for (const name of names) expect(name.en.split(" ").length).toBeGreaterThanOrEqual(2);
    expect(new Set(names.map((n) => n.en)).size).toBeGreaterThan(1000);
  });

  it("mixes genders and honours a requested one", () => {
    const genders = new Set(many(200, personName).map((n) => n.gender));
    expect(genders).toEqual(new Set(["male", "female"]));
    for (const n of many(200, (rng) => personName(rng, { gender: "female" }))) expect(n.gender).toBe("female");
  });

  it("keeps female-only family names off men and Md. off women", () => {
    for (const n of many(2000, (rng) => personName(rng, { gender: "male" }))) {
      expect(n.en).not.toMatch(/ (Akter|Begum|Khatun|Sultana|Rani)\b/);
    }
    for (const n of many(2000, (rng) => personName(rng, { gender: "female" }))) {
      expect(n.en).not.toMatch(/^Md\. | (Uddin|Miah|Chandra|Kumar)\b/);
    }
  });

  it("includes both Muslim and Hindu names, mostly Muslim", () => {
    const names = many(5000, (rng) => personName(rng, { gender: "male" }));
    // Family names used only by Hindus (Sarkar, Mondal and Majumder are shared, so left out).
    const hinduFamily =
      / (Das|Saha|Roy|Ghosh|Dey|Sen|Paul|Barman|Biswas|Chakraborty|Bhattacharjee|Datta|Kundu|Shil|Banik|Pramanik|Basak|Nath|Debnath)$/;
    const hindu = names.filter((n) => hinduFamily.test(n.en));
    expect(hindu.length / names.length).toBeGreaterThan(0.04);
    expect(hindu.length / names.length).toBeLessThan(0.2);
    expect(names.some((n) => n.en.startsWith("Md. ") && n.bn.startsWith("মোঃ "))).toBe(true);
  });
});

describe("shopName", () => {
  it("is deterministic", () => {
    expect(many(50, shopName)).toEqual(many(50, shopName));
  });

  it("gives matching English and Bengali signboard names", () => {
    for (const s of many(2000, shopName)) {
      expect(s.en).toMatch(ENGLISH_TEXT);
      expect(s.bn).toMatch(BENGALI_TEXT);
      expect(s.en).toMatch(/(Store|Traders|Enterprise|Pharmacy|Telecom|Hall|Bhandar)$/);
    }
  });

  it("produces the classic patterns", () => {
    const shops = many(5000, shopName);
    const has = (en: string, bn: string) => shops.some((s) => s.en === en && s.bn === bn);
    expect(has("Maa Store", "মা স্টোর")).toBe(true);
    expect(has("Bhai Bhai Traders", "ভাই ভাই ট্রেডার্স")).toBe(true);
    expect(shops.some((s) => s.en.endsWith(" Pharmacy") && s.bn.endsWith(" ফার্মেসী"))).toBe(true);
    expect(shops.some((s) => s.en.endsWith(" General Store"))).toBe(true);
    expect(shops.some((s) => s.en.endsWith(" Enterprise"))).toBe(true);
    expect(new Set(shops.map((s) => s.en)).size).toBeGreaterThan(300);
  });
});

describe("companyName", () => {
  it("is deterministic and bilingual", () => {
    const companies = many(1000, companyName);
    expect(companies).toEqual(many(1000, companyName));
    for (const c of companies) {
      expect(c.en).toMatch(ENGLISH_TEXT);
      expect(c.bn).toMatch(BENGALI_TEXT);
    }
    expect(companies.some((c) => c.en.endsWith(" Ltd.") && c.bn.endsWith(" লিমিটেড"))).toBe(true);
    expect(companies.some((c) => c.en.endsWith(" & Sons") && c.bn.endsWith(" অ্যান্ড সন্স"))).toBe(true);
  });

  it("never names a company after a bare Uddin or Ali", () => {
    for (const c of many(2000, companyName)) expect(c.en).not.toMatch(/^(Uddin|Ali) /);
  });
});

describe("phoneNumber", () => {
  it("is deterministic", () => {
    expect(many(50, phoneNumber)).toEqual(many(50, phoneNumber));
  });

  it("is a valid Bangladeshi mobile number in E.164", () => {
    for (const p of many(5000, phoneNumber)) {
      expect(p).toMatch(PHONE);
      expect(p).toHaveLength(14);
    }
  });

  it("uses every operator prefix 013 to 019 and rarely repeats", () => {
    const phones = many(5000, phoneNumber);
    const prefixes = new Set(phones.map((p) => p.slice(4, 6)));
    expect([...prefixes].sort()).toEqual(["13", "14", "15", "16", "17", "18", "19"]);
    expect(new Set(phones).size).toBeGreaterThan(4990);
  });
});
