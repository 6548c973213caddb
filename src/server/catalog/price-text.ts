// Prices as people type them in a spreadsheet, converted exactly (no floating point) to integer poisha and
// basis points, and back: "45.50" taka <-> 4550 poisha, "8.5" % <-> 850 bp. Bengali digits are accepted.

const latinDigits = (s: string) => s.replace(/[০-৯]/g, (d) => String(d.charCodeAt(0) - 0x09e6));

/** "45.5", "৪৫.৫০", "1,250", "৳ 12" -> poisha; null when not an amount with at most 2 decimals. */
export function parseTaka(text: string): number | null {
  const s = latinDigits(text.trim()).replace(/,/g, "").replace(/^৳\s*/, "");
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

/** "8.5" or "8.5%" -> 850 basis points; null when not 0..100 with at most 2 decimals. */
export function parsePercent(text: string): number | null {
  const s = latinDigits(text.trim()).replace(/\s*%$/, "");
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  return bp <= 10_000 ? bp : null;
}

export const takaText = (poisha: number | null): string =>
  poisha === null ? "" : `${Math.floor(poisha / 100)}.${String(poisha % 100).padStart(2, "0")}`;

export const percentText = (bp: number | null): string =>
  bp === null ? "" : bp % 100 === 0 ? String(bp / 100) : `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, "0")}`;
