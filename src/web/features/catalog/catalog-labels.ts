// How catalog records read on screen: the name in the UI language, and a SKU's pack sizes as one chain
// ("1 case = 12 pack = 144 piece").
import type { Locale } from "../../../shared/locale.ts";

export const localName = (x: { name: string; nameBn: string }, locale: Locale) =>
  locale === "bn" && x.nameBn ? x.nameBn : x.name;

export interface UnitLike {
  unit: string;
  name: string;
  nameBn: string;
  factor: number;
}

/**
 * "1 Case = 12 Pack = 144 Piece": the largest unit, then how many of each smaller unit it holds. Numbers go
 * through `num` (the caller's formatter, so Bengali digits show when chosen).
 */
export function unitChain(units: readonly UnitLike[], locale: Locale, num: (n: number) => string): string {
  const sorted = [...units].filter((u) => u.factor >= 1).sort((a, b) => b.factor - a.factor);
  const largest = sorted[0];
  if (!largest) return "";
  const label = (u: UnitLike) => localName(u, locale);
  if (sorted.length === 1) return `${num(1)} ${label(largest)}`;
  return sorted
    .map((u, i) => (i === 0 ? `${num(1)} ${label(u)}` : `${num(largest.factor / u.factor)} ${label(u)}`))
    .join(" = ");
}
