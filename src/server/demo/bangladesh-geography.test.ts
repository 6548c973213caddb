import { describe, expect, it } from "vitest";
import { DISTRICTS, DIVISIONS } from "./bangladesh-geography.ts";

const BENGALI = /[\u0980-\u09FF]/;
// Bengali names are written in Bengali script only (spaces aside); a stray Latin letter is a typo.
const ONLY_BENGALI = /^[\u0980-\u09FF]+( [\u0980-\u09FF]+)*$/;

const allUpazilas = DISTRICTS.flatMap((d) => d.upazilas);
const allNamed = [...DIVISIONS, ...DISTRICTS, ...allUpazilas];

describe("divisions", () => {
  it("are the 8 divisions of Bangladesh", () => {
    expect(DIVISIONS.map((d) => d.en)).toEqual([
      "Barishal",
      "Chattogram",
      "Dhaka",
      "Khulna",
      "Mymensingh",
      "Rajshahi",
      "Rangpur",
      "Sylhet",
    ]);
  });

  it("have the right Bengali names", () => {
    expect(Object.fromEntries(DIVISIONS.map((d) => [d.en, d.bn]))).toEqual({
      Barishal: "বরিশাল",
      Chattogram: "চট্টগ্রাম",
      Dhaka: "ঢাকা",
      Khulna: "খুলনা",
      Mymensingh: "ময়মনসিংহ",
      Rajshahi: "রাজশাহী",
      Rangpur: "রংপুর",
      Sylhet: "সিলেট",
    });
  });
});

describe("districts", () => {
  it("are 64", () => {
    expect(DISTRICTS).toHaveLength(64);
  });

  it("fall into divisions in the real numbers", () => {
    const counts: Record<string, number> = {};
    for (const d of DISTRICTS) counts[d.divisionCode] = (counts[d.divisionCode] ?? 0) + 1;
    const byName = Object.fromEntries(DIVISIONS.map((v) => [v.en, counts[v.code]]));
    expect(byName).toEqual({
      Barishal: 6,
      Chattogram: 11,
      Dhaka: 13,
      Khulna: 10,
      Mymensingh: 4,
      Rajshahi: 8,
      Rangpur: 8,
      Sylhet: 4,
    });
  });

  it("each division's headquarters is one of its districts, at the same place", () => {
    for (const division of DIVISIONS) {
      const hq = DISTRICTS.find((d) => d.en === division.en);
      expect(hq?.divisionCode, division.en).toBe(division.code);
      expect(hq?.bn).toBe(division.bn);
      expect([hq?.lat, hq?.lng]).toEqual([division.lat, division.lng]);
    }
  });

  it("spell the well-known ones right", () => {
    const bn = Object.fromEntries(DISTRICTS.map((d) => [d.en, d.bn]));
    expect(bn).toMatchObject({
      Dhaka: "ঢাকা",
      Chattogram: "চট্টগ্রাম",
      "Cox's Bazar": "কক্সবাজার",
      Mymensingh: "ময়মনসিংহ",
      Brahmanbaria: "ব্রাহ্মণবাড়িয়া",
      Narayanganj: "নারায়ণগঞ্জ",
    });
  });

  it("each have at least 2 upazilas or thanas", () => {
    for (const d of DISTRICTS) expect(d.upazilas.length, d.en).toBeGreaterThanOrEqual(2);
  });

  it("have centres inside Bangladesh's bounding box", () => {
    for (const place of [...DIVISIONS, ...DISTRICTS]) {
      expect(place.lat, place.en).toBeGreaterThanOrEqual(20.5);
      expect(place.lat, place.en).toBeLessThanOrEqual(26.7);
      expect(place.lng, place.en).toBeGreaterThanOrEqual(88.0);
      expect(place.lng, place.en).toBeLessThanOrEqual(92.7);
    }
  });

  it("have distinct centres, so a copy-pasted coordinate shows up", () => {
    const centres = DISTRICTS.map((d) => `${d.lat},${d.lng}`);
    expect(new Set(centres).size).toBe(centres.length);
  });
});

describe("codes", () => {
  it("are unique across divisions, districts and upazilas", () => {
    const codes = allNamed.map((p) => p.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("are uppercase and nest: division XXX, district XXX-XXX, upazila XXX-XXX-XXX", () => {
    for (const v of DIVISIONS) expect(v.code).toMatch(/^[A-Z]{3}$/);
    for (const d of DISTRICTS) {
      expect(d.code).toMatch(/^[A-Z]{3}-[A-Z]{3}$/);
      expect(d.code.startsWith(`${d.divisionCode}-`)).toBe(true);
      for (const u of d.upazilas) {
        expect(u.code).toMatch(/^[A-Z]{3}-[A-Z]{3}-[A-Z]{3}$/);
        expect(u.code.startsWith(`${d.code}-`)).toBe(true);
      }
    }
  });

  it("point districts at divisions that exist", () => {
    const divisionCodes = new Set(DIVISIONS.map((v) => v.code));
    for (const d of DISTRICTS) expect(divisionCodes.has(d.divisionCode), d.en).toBe(true);
  });
});

describe("names", () => {
  it("in Bengali contain Bengali script and nothing else", () => {
    for (const p of allNamed) {
      expect(p.bn, p.en).toMatch(BENGALI);
      expect(p.bn, p.en).toMatch(ONLY_BENGALI);
    }
  });

  // Letters such as য় and ড় have two encodings; NFC text compares and searches equal to what a
  // user types in PostgreSQL and in the browser.
  it("in Bengali are NFC-normalized", () => {
    for (const p of allNamed) expect(p.bn, p.en).toBe(p.bn.normalize("NFC"));
  });

  it("in English are plain ASCII words", () => {
    for (const p of allNamed) expect(p.en).toMatch(/^[A-Z][A-Za-z']*( [A-Z][A-Za-z']*)*$/);
  });

  it("are unique among divisions and among districts", () => {
    for (const list of [DIVISIONS, DISTRICTS]) {
      expect(new Set(list.map((p) => p.en)).size).toBe(list.length);
      expect(new Set(list.map((p) => p.bn)).size).toBe(list.length);
    }
  });

  it("of upazilas are unique within their district", () => {
    for (const d of DISTRICTS) {
      expect(new Set(d.upazilas.map((u) => u.en)).size, d.en).toBe(d.upazilas.length);
      expect(new Set(d.upazilas.map((u) => u.bn)).size, d.en).toBe(d.upazilas.length);
    }
  });
});
