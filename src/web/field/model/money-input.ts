// Amounts as reps type them, in taka: "1,250", "1250.5", "১২৫০.৫০" -> integer poisha.
import { asciiDigits } from "../../../shared/bd-phone.ts";

/** Poisha for a typed taka amount, or null when it is not a positive amount with at most two decimals. */
export function parseTaka(input: string): number | null {
  const s = asciiDigits(input.normalize("NFC")).replace(/[\s,৳]/g, "");
  const m = /^(\d{1,10})(?:\.(\d{0,2}))?$/.exec(s);
  if (!m) return null;
  const taka = Number(m[1]);
  const poisha = Number((m[2] ?? "").padEnd(2, "0"));
  const total = taka * 100 + poisha;
  return total > 0 && Number.isSafeInteger(total) ? total : null;
}

/** The plain taka text for an input field: 123450 -> "1234.50", 1200 -> "12". */
export function takaInputText(poisha: number): string {
  const taka = Math.floor(poisha / 100);
  const rest = poisha % 100;
  return rest === 0 ? String(taka) : `${taka}.${String(rest).padStart(2, "0")}`;
}

/** A typed whole quantity ("১২", "12"), or null. */
export function parseQty(input: string): number | null {
  const s = asciiDigits(input.normalize("NFC")).trim();
  if (!/^\d{1,7}$/.test(s)) return null;
  return Number(s);
}
