// The delivery screens' small rules, pure so they are tested in Node: status colours, load and capacity figures
// (grams and cubic centimetres as kg and m³), percentages from basis points, and moving a drop in the list.
import type { DropStatus, TripStatus } from "../../../shared/contracts/delivery.ts";

export const TRIP_STATUS_COLORS: Record<TripStatus, string> = {
  planned: "blue",
  dispatched: "violet",
  completed: "teal",
  cancelled: "gray",
};

export const DROP_STATUS_COLORS: Record<DropStatus, string> = {
  pending: "gray",
  delivered: "teal",
  partially_delivered: "yellow",
  failed: "red",
};

/** Grams as kilograms, to at most two decimals (the caller formats the number in the UI's digits). */
export const kgOf = (grams: number): number => Math.round(grams / 10) / 100;

/** Cubic centimetres as cubic metres, to at most three decimals. */
export const m3Of = (cm3: number): number => Math.round(cm3 / 1000) / 1000;

/** Kilograms typed in a form back to whole grams; null when it is not a positive amount. */
export function gramsFromKg(kg: number | string): number | null {
  const n = typeof kg === "number" ? kg : Number(String(kg).trim());
  if (!Number.isFinite(n) || n <= 0) return null;
  return Math.round(n * 1000);
}

/** Cubic metres typed in a form back to whole cubic centimetres; null when empty or not positive. */
export function cm3FromM3(m3: number | string): number | null {
  if (typeof m3 === "string" && m3.trim() === "") return null;
  const n = typeof m3 === "number" ? m3 : Number(m3.trim());
  if (!Number.isFinite(n) || n <= 0) return null;
  return Math.round(n * 1_000_000);
}

/** Basis points as a percentage number (3333 -> 33.33). */
export const percentOf = (bp: number): number => Math.round(bp) / 100;

export type CapacityLevel = "ok" | "high" | "over";

/** How full a vehicle is: red over 100 %, amber from 90 %. */
export function capacityLevel(usedBp: number | null): CapacityLevel {
  if (usedBp === null) return "ok";
  if (usedBp > 10_000) return "over";
  if (usedBp >= 9_000) return "high";
  return "ok";
}

export const CAPACITY_COLORS: Record<CapacityLevel, string> = { ok: "teal", high: "yellow", over: "red" };

/** The bar's fill: at most 100 % of the bar, however far over the load is. */
export const barValue = (usedBp: number | null): number => (usedBp === null ? 0 : Math.min(100, usedBp / 100));

/** What capacity a planned trip would use with orders added (for the planner's preview before the server answers). */
export function usedBp(load: number, capacity: number | null): number | null {
  if (capacity === null || capacity <= 0) return null;
  return Math.round((load * 10_000) / capacity);
}

/** The ids in a new order: the one at `index` moved by `delta` places (clamped to the list). */
export function moveItem<T>(items: readonly T[], index: number, delta: number): T[] {
  const out = [...items];
  const to = Math.max(0, Math.min(out.length - 1, index + delta));
  if (index < 0 || index >= out.length || to === index) return out;
  const [item] = out.splice(index, 1);
  if (item !== undefined) out.splice(to, 0, item);
  return out;
}

/** A name in the UI language: the Bengali one in Bengali when there is one. */
export const nameIn = (r: { name: string; nameBn: string | null }, locale: string): string =>
  locale === "bn" && r.nameBn ? r.nameBn : r.name;

/** The first day of the month of a business date, for the metrics' default period. */
export const monthStart = (date: string): string => `${date.slice(0, 7)}-01`;
