// How a target's figures read on screen, and how a figure typed in becomes the stored unit: value in taka (stored
// as poisha), coverage in percent (stored as basis points), everything else as whole numbers. Pure, so tested alone.
import type { TargetMetric, TargetPeriodKind, TargetStatus } from "../../../shared/contracts/targets.ts";
import type { Formatters } from "../../ui/use-format.ts";

/** A figure of this metric as it reads: ৳ for value, % for coverage, plain numbers otherwise. */
export function metricFigure(metric: TargetMetric, value: number | null, fmt: Pick<Formatters, "money" | "number">) {
  if (value === null) return "—";
  if (metric === "value") return fmt.money(value);
  if (metric === "coverage") return `${fmt.number(value / 100)}%`;
  return fmt.number(value);
}

/** What the person types for a stored figure (taka for value, percent for coverage). */
export const editableOf = (metric: TargetMetric, stored: number): number =>
  metric === "value" || metric === "coverage" ? stored / 100 : stored;

/** The stored figure of what was typed; null when it is not a valid target (negative, fractional units, > 100 %). */
export function storedOf(metric: TargetMetric, typed: number): number | null {
  if (!Number.isFinite(typed) || typed < 0) return null;
  if (metric === "value" || metric === "coverage") {
    const n = Math.round(typed * 100);
    return metric === "coverage" && n > 10_000 ? null : n;
  }
  return Number.isInteger(typed) ? typed : null;
}

/** Achievement bp as a bar's percentage (0..100). */
export const barOf = (bp: number | null): number => (bp === null ? 0 : Math.max(0, Math.min(100, bp / 100)));

export const STATUS_COLORS: Record<TargetStatus, string> = { achieved: "teal", on_track: "blue", behind: "red" };

/** The period a month picker value (YYYY-MM) stands for: its first day; a quarter's, the quarter's first day. */
export function periodStartFor(kind: TargetPeriodKind, month: string): string {
  const [y, m] = [month.slice(0, 4), Number(month.slice(5, 7))];
  const first = kind === "month" ? m : m - ((m - 1) % 3);
  return `${y}-${String(first).padStart(2, "0")}-01`;
}
