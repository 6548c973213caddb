import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BUSINESS_TIME_ZONE,
  businessDate,
  formatDate,
  formatDateTime,
  formatMoney,
  formatNumber,
  formatTime,
} from "./format.ts";

const BENGALI_DIGITS = "০১২৩৪৫৬৭৮৯";
const toLatinDigits = (s: string) => s.replace(/[০-৯]/g, (d) => String(BENGALI_DIGITS.indexOf(d)));

/** The exact taka amount of integer poisha, computed with BigInt: "1234.05", "-7", "0.5" is never made. */
function exactTaka(poisha: number): string {
  const p = BigInt(poisha);
  const abs = p < 0n ? -p : p;
  const whole = abs / 100n;
  const frac = abs % 100n;
  return `${p < 0n ? "-" : ""}${whole}${frac === 0n ? "" : `.${String(frac).padStart(2, "0")}`}`;
}

/** South Asian grouping: the last three digits, then pairs (12,34,56,789). */
const LAKH_GROUPED = /^-?৳(\d{1,2}(,\d{2})*,)?\d{1,3}(\.\d{2})?$/;

describe("formatMoney", () => {
  it.each([
    [0, "৳0", "৳০"],
    [1, "৳0.01", "৳০.০১"],
    [50, "৳0.50", "৳০.৫০"],
    [100, "৳1", "৳১"],
    [100_000, "৳1,000", "৳১,০০০"],
    [10_000_000, "৳1,00,000", "৳১,০০,০০০"], // one lakh taka
    [123_456_789, "৳12,34,567.89", "৳১২,৩৪,৫৬৭.৮৯"],
    [1_000_000_000, "৳1,00,00,000", "৳১,০০,০০,০০০"], // one crore taka
    [12_345_678_900, "৳12,34,56,789", "৳১২,৩৪,৫৬,৭৮৯"],
    [1_234_567_890_123, "৳12,34,56,78,901.23", "৳১২,৩৪,৫৬,৭৮,৯০১.২৩"],
  ])("%i poisha is %s in English and %s in Bengali", (poisha, en, bn) => {
    expect(formatMoney(poisha, "en")).toBe(en);
    expect(formatMoney(poisha, "bn")).toBe(bn);
    expect(formatMoney(poisha, "bn", { bengaliDigits: false })).toBe(en);
    // English never uses Bengali digits, whatever the option says.
    expect(formatMoney(poisha, "en", { bengaliDigits: true })).toBe(en);
  });

  it("puts the minus sign before the taka sign", () => {
    expect(formatMoney(-123_456_789, "en")).toBe("-৳12,34,567.89");
    expect(formatMoney(-50, "bn")).toBe("-৳০.৫০");
    expect(formatMoney(-0, "en")).toBe("৳0");
  });

  it.each([1.5, 0.1, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1])(
    "refuses %s, which is not whole poisha",
    (value) => {
      expect(() => formatMoney(value, "en")).toThrow(RangeError);
    },
  );

  it("shows exactly the stored amount, grouped in lakh and crore, for amounts up to ৳1 lakh crore", () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 14), max: 10 ** 14 }), fc.boolean(), (poisha, bn) => {
        const text = formatMoney(poisha, bn ? "bn" : "en");
        const latin = toLatinDigits(text);
        expect(latin).toMatch(LAKH_GROUPED);
        expect(latin.replace(/[৳,]/g, "")).toBe(exactTaka(poisha));
        expect(/[0-9]/.test(text)).toBe(!bn);
      }),
      { seed: 1124, numRuns: 500 },
    );
  });

  it("shows exactly the stored amount for every safe integer, however large", () => {
    // Dividing by 100 in floating point loses the last poisha above about 7 × 10^15 poisha.
    for (const poisha of [7_037_069_806_873_474, 9_007_199_254_740_991, -9_007_199_254_740_991]) {
      expect(formatMoney(poisha, "en").replace(/[৳,]/g, "")).toBe(exactTaka(poisha));
    }
  });
});

describe("formatNumber", () => {
  it("groups in lakh and crore with at most two decimals", () => {
    expect(formatNumber(1_234_567.891, "en")).toBe("12,34,567.89");
    expect(formatNumber(1_234_567.891, "bn")).toBe("১২,৩৪,৫৬৭.৮৯");
    expect(formatNumber(1_234_567, "bn", { bengaliDigits: false })).toBe("12,34,567");
    expect(formatNumber(-5, "bn")).toBe("-৫");
  });
});

describe("dates in Asia/Dhaka", () => {
  it("uses Dhaka as the business time zone", () => {
    expect(BUSINESS_TIME_ZONE).toBe("Asia/Dhaka");
  });

  it.each([
    // Dhaka is UTC+6 all year: its midnight is 18:00 UTC the day before.
    ["2026-01-14T17:59:59.999Z", "2026-01-14"],
    ["2026-01-14T18:00:00.000Z", "2026-01-15"],
    ["2026-01-14T23:59:59.999Z", "2026-01-15"], // still the 14th in UTC
    ["2026-01-15T00:00:00.000Z", "2026-01-15"],
    ["2026-12-31T17:59:59.999Z", "2026-12-31"],
    ["2026-12-31T18:00:00.000Z", "2027-01-01"], // new year arrives in Dhaka first
    ["2028-02-28T18:00:00.000Z", "2028-02-29"],
  ])("businessDate(%s) is %s", (instant, date) => {
    expect(businessDate(new Date(instant))).toBe(date);
  });

  it("formats an instant as the date it is in Dhaka", () => {
    expect(formatDate(new Date("2026-01-14T17:59:59Z"), "en")).toBe("14 Jan 2026");
    expect(formatDate(new Date("2026-01-14T18:00:00Z"), "en")).toBe("15 Jan 2026");
    expect(formatDate("2026-01-14T18:00:00Z", "bn")).toBe("১৫ জানু, ২০২৬");
    expect(formatDate("2026-01-14T18:00:00Z", "bn", { bengaliDigits: false })).toMatch(/^15 জানু, 2026$/);
  });

  it("formats a business date (YYYY-MM-DD) as that same date", () => {
    expect(formatDate("2026-01-15", "en")).toBe("15 Jan 2026");
    expect(formatDate("2026-01-01", "en")).toBe("1 Jan 2026");
    expect(formatDate("2026-12-31", "bn")).toBe("৩১ ডিসে, ২০২৬");
  });

  it("gives the same answers whatever the machine's time zone is", () => {
    const saved = process.env.TZ;
    try {
      for (const tz of ["UTC", "America/Los_Angeles", "Pacific/Kiritimati"]) {
        process.env.TZ = tz;
        expect(formatDate("2026-01-15", "en")).toBe("15 Jan 2026");
        expect(businessDate(new Date("2026-01-14T18:00:00Z"))).toBe("2026-01-15");
        expect(formatDateTime("2026-01-14T18:30:00Z", "en")).toBe("15 Jan 2026, 12:30 am");
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it("formats the clock time alone in Dhaka time", () => {
    expect(formatTime("2026-01-14T10:41:00Z", "en")).toBe("4:41 pm");
    expect(formatTime("2026-01-14T10:41:00Z", "bn")).toBe("১৬:৪১");
    expect(formatTime("2026-01-14T10:41:00Z", "bn", { bengaliDigits: false })).toBe("16:41");
  });

  it("formats date and time in Dhaka time, with Bengali digits in Bengali", () => {
    expect(formatDateTime("2026-01-14T18:30:00Z", "en")).toBe("15 Jan 2026, 12:30 am");
    const bn = formatDateTime("2026-01-14T18:30:00Z", "bn");
    expect(bn).toContain("১৫");
    expect(bn).toContain("০০:৩০");
    expect(bn).not.toMatch(/AM|PM/);
    expect(/[0-9]/.test(bn)).toBe(false);
    expect(formatDateTime("2026-01-15T06:05:00Z", "en")).toBe("15 Jan 2026, 12:05 pm");
  });

  it("refuses a value that is not a date", () => {
    expect(() => formatDate("not a date", "en")).toThrow(RangeError);
  });
});
