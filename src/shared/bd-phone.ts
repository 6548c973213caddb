// Bangladesh mobile numbers as people write them: 01712-345678, +880 1712 345678, 8801712345678, or in
// Bengali digits (০১৭১২৩৪৫৬৭৮). Stored one way only, +8801XXXXXXXXX, so that a phone finds its owner.
import { z } from "zod";

const BENGALI_ZERO = 0x09e6;

/** Bengali digits to ASCII; everything else unchanged. */
export const asciiDigits = (s: string): string =>
  s.replace(/[\u09E6-\u09EF]/g, (d) => String(d.charCodeAt(0) - BENGALI_ZERO));

/** Operator prefixes in use: 013 to 019 (Grameenphone, Robi, Airtel, Banglalink, Teletalk). */
const MOBILE = /^(?:(?:\+|00)?880|0)?(1[3-9]\d{8})$/;

/** The number as +8801XXXXXXXXX, or null when it is not a Bangladesh mobile number. */
export function normalizeBdPhone(input: string): string | null {
  const compact = asciiDigits(input.normalize("NFC").trim()).replace(/[\s\-().]/g, "");
  const m = MOBILE.exec(compact);
  // A bare 10-digit number without its leading 0 is ambiguous on paper; require 0, 880 or +880.
  if (!m?.[1] || compact === m[1]) return null;
  return `+880${m[1]}`;
}

/** For display: +8801712345678 -> 01712-345678 (the way it is written in Bangladesh); anything else unchanged. */
export function formatBdPhone(e164: string): string {
  const national = normalizeBdPhone(e164);
  if (national === null) return e164;
  const digits = `0${national.slice(4)}`;
  return `${digits.slice(0, 5)}-${digits.slice(5)}`;
}

export const isBdPhone = (input: string): boolean => normalizeBdPhone(input) !== null;

export const BD_PHONE_MESSAGE = "Not a Bangladesh mobile number (01XXXXXXXXX)|বাংলাদেশি মোবাইল নম্বর নয় (০১XXXXXXXXX)";

/** For contracts: accepts the written forms, yields +8801XXXXXXXXX, refuses others with a bilingual message. */
export const BdPhone = z
  .string()
  .max(40)
  .transform((s, ctx) => {
    const phone = normalizeBdPhone(s);
    if (phone === null) {
      ctx.addIssue({ code: "custom", message: BD_PHONE_MESSAGE });
      return z.NEVER;
    }
    return phone;
  });
