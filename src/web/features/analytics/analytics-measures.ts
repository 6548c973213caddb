// Figures the dashboards derive from the API's measures, and how ratios read on screen. Money stays integer
// poisha (a drop size is rounded to the poisha); ratios are basis points until the last step.
import type { SalesMeasures, SalesResponse } from "../../../shared/contracts/analytics.ts";
import type { Formatters } from "../../ui/use-format.ts";

/** Change from `previous` to `current` in basis points; null without a previous figure or from zero. */
export function changeBp(current: number | null, previous: number | null | undefined): number | null {
  if (current === null || previous === null || previous === undefined || previous === 0) return null;
  // A ratio for display, not money: a float is fine here, and it cannot overflow as (a - b) * 10000 could.
  return Math.round((current / previous - 1) * 10_000);
}

/** Ordered value per memo, to the poisha; null without memos (or with a product filter, where memos are null). */
export function dropSizePoisha(m: Pick<SalesMeasures, "orderedPoisha" | "orders">): number | null {
  return m.orders === null || m.orders === 0 ? null : Math.round(m.orderedPoisha / m.orders);
}

export type KpiKey = "ordered" | "orders" | "lines" | "outlets" | "dropSize" | "delivered" | "returned" | "net";

export interface Kpi {
  key: KpiKey;
  kind: "money" | "count";
  current: number | null;
  previous: number | null;
  changeBp: number | null;
  /** Returns rising is bad news: the colour of its change is turned round. */
  higherIsBetter: boolean;
}

/** The sales screen's KPI cards, in the order they are shown. */
export function salesKpis(current: SalesMeasures, previous: SalesMeasures | null): Kpi[] {
  const pick = (key: KpiKey, kind: Kpi["kind"], of: (m: SalesMeasures) => number | null, higherIsBetter = true) => {
    const c = of(current);
    const p = previous ? of(previous) : null;
    return { key, kind, current: c, previous: p, changeBp: changeBp(c, p), higherIsBetter };
  };
  return [
    pick("ordered", "money", (m) => m.orderedPoisha),
    pick("orders", "count", (m) => m.orders),
    pick("lines", "count", (m) => m.orderLines),
    pick("outlets", "count", (m) => m.outletsOrdered),
    pick("dropSize", "money", dropSizePoisha),
    pick("delivered", "money", (m) => m.deliveredPoisha),
    pick("returned", "money", (m) => m.returnedPoisha, false),
    pick("net", "money", (m) => m.netPoisha),
  ];
}

/** Basis points as a percentage (1234 -> "12.34%"); a dash for no figure. */
export const percentText = (fmt: Pick<Formatters, "number">, bp: number | null): string =>
  bp === null ? "—" : `${fmt.number(bp / 100)}%`;

/** A change with its sign and one decimal ("+12.3%", "−4.0%"); a dash for no figure. */
export function changeText(fmt: Pick<Formatters, "number">, bp: number | null): string {
  if (bp === null) return "—";
  const tenths = Math.round(Math.abs(bp) / 10);
  if (tenths === 0) return `${fmt.number(0)}%`;
  // One decimal always (12.0%, not 12%), so a column of changes lines up.
  const text = `${fmt.number(Math.floor(tenths / 10))}.${fmt.number(tenths % 10)}`;
  return `${bp > 0 ? "+" : "−"}${text}%`;
}

/** The colour of a change: green for good news, red for bad, grey for none. */
export function changeColor(bp: number | null, higherIsBetter = true): string {
  if (bp === null || Math.round(Math.abs(bp) / 10) === 0) return "dimmed";
  return bp > 0 === higherIsBetter ? "teal.8" : "red.8";
}

/** A value sent ×10 (days of cover: 35 -> "3.5"); a dash for none. */
export const tenthsText = (fmt: Pick<Formatters, "number">, x10: number | null): string =>
  x10 === null ? "—" : fmt.number(x10 / 10);

/** A value sent ×100 (lines per call: 425 -> "4.25"); a dash for none. */
export const hundredthsText = (fmt: Pick<Formatters, "number">, x100: number | null): string =>
  x100 === null ? "—" : fmt.number(x100 / 100);

/** Minutes as hours and minutes ("7 h 05 m" style, via the caller's words). */
export function hoursMinutes(minutes: number): { h: number; m: number } {
  return { h: Math.floor(minutes / 60), m: minutes % 60 };
}

/**
 * Money in few characters for a chart's axis (৳3.4 lakh, ৳1.25 crore), in the trade's own units. An axis tick is an
 * approximation by nature; the exact figure is in the tooltip and the table.
 */
export function compactMoney(
  fmt: Pick<Formatters, "number" | "money">,
  poisha: number,
  units: { lakh: string; crore: string },
): string {
  const taka = Math.round(poisha / 100);
  const abs = Math.abs(taka);
  const sign = taka < 0 ? "-" : "";
  if (abs >= 10_000_000) return `${sign}৳${fmt.number(Math.round(abs / 100_000) / 100)} ${units.crore}`;
  if (abs >= 100_000) return `${sign}৳${fmt.number(Math.round(abs / 1_000) / 100)} ${units.lakh}`;
  return fmt.money(taka * 100);
}

/**
 * The sales answer with the outlet counts of the separate coverage answer for the same query filled in (rows by
 * key). Until that arrives, or when it answers another period or breakdown, the counts stay empty.
 */
export function withCoverage(data: SalesResponse | undefined, coverage: SalesResponse | undefined) {
  if (!data || !coverage) return data;
  const same =
    coverage.by === data.by &&
    coverage.period.from === data.period.from &&
    coverage.period.to === data.period.to &&
    coverage.breadcrumb.at(-1)?.id === data.breadcrumb.at(-1)?.id;
  if (!same) return data;
  const put = (m: SalesMeasures, c: SalesMeasures | null | undefined): SalesMeasures =>
    c ? { ...m, outletsOrdered: c.outletsOrdered } : m;
  const byKey = new Map(coverage.rows.map((r) => [r.key, r]));
  return {
    ...data,
    totals: {
      ...data.totals,
      current: put(data.totals.current, coverage.totals.current),
      previous: data.totals.previous ? put(data.totals.previous, coverage.totals.previous) : null,
    },
    rows: data.rows.map((r) => {
      const c = byKey.get(r.key);
      if (!c) return r;
      return { ...r, current: put(r.current, c.current), previous: r.previous ? put(r.previous, c.previous) : null };
    }),
  };
}
