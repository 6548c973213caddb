// Pure rules of the replenishment screens: the colours every screen shows a status in, the figures of a proposal
// while a person edits it (its total, the cover after each line, the lines to send), and the forecast chart's data.
import type {
  AlertKind,
  ForecastResponse,
  PlanStatus,
  ProposalResponse,
  ProposalStatus,
} from "../../../shared/contracts/replenishment.ts";

export const PLAN_STATUS_COLORS: Record<PlanStatus, string> = {
  stock_out: "red",
  at_risk: "orange",
  reorder: "yellow",
  ok: "teal",
  over_stock: "grape",
};

export const ALERT_KIND_COLORS: Record<AlertKind, string> = {
  stock_out: "red",
  at_risk: "orange",
  over_stock: "grape",
  near_expiry: "pink",
};

export const PROPOSAL_STATUS_COLORS: Record<ProposalStatus, string> = {
  open: "blue",
  approved: "teal",
  dismissed: "gray",
  superseded: "gray",
};

type Line = ProposalResponse["lines"][number];

/** The quantity (in the line's unit) a person has set, else the proposed one. */
export const unitsOf = (line: Pick<Line, "skuId" | "units">, edits: ReadonlyMap<string, number>): number =>
  edits.get(line.skuId) ?? line.units;

/** The order's value as edited: base units × the distributor price of a base unit, in poisha. */
export function draftTotalPoisha(lines: readonly Line[], edits: ReadonlyMap<string, number>): number {
  return lines.reduce((sum, l) => sum + unitsOf(l, edits) * l.unitFactor * l.unitPricePoisha, 0);
}

/**
 * Days the stock will cover once the order arrives. The server's figure walks the daily forecast; for a quantity the
 * person changed we estimate it at the average daily rate (null when nothing sells), which the screen marks "≈".
 */
export function coverAfter(
  line: Line,
  edits: ReadonlyMap<string, number>,
): { days: number | null; estimated: boolean } {
  const units = unitsOf(line, edits);
  if (units === line.units) return { days: line.coverAfterDays, estimated: false };
  if (line.avgDaily <= 0) return { days: null, estimated: true };
  const stock = line.onHand - line.reserved + line.onOrder + units * line.unitFactor;
  return { days: Math.round((Math.max(0, stock) / line.avgDaily) * 10) / 10, estimated: true };
}

/** The lines to send with an approval: only those whose quantity the person changed (0 drops a line). */
export function changedLines(
  lines: readonly Line[],
  edits: ReadonlyMap<string, number>,
): { skuId: string; units: number }[] {
  return lines.flatMap((l) => {
    const units = edits.get(l.skuId);
    return units !== undefined && units !== l.units ? [{ skuId: l.skuId, units }] : [];
  });
}

/** Whether anything would be ordered: an approval of nothing is refused before it is sent. */
export const anythingToOrder = (lines: readonly Line[], edits: ReadonlyMap<string, number>): boolean =>
  lines.some((l) => unitsOf(l, edits) > 0);

export interface ForecastPoint {
  day: string;
  /** What sold that day (history), else null. */
  actual: number | null;
  /** What is forecast (future), else null. */
  forecast: number | null;
  event: boolean;
}

export const FORECAST_DAYS_SHOWN = 56;

/** A run of consecutive days a demand event (Eid, Puja...) covers, shaded on the chart. */
export interface EventSpan {
  from: string;
  to: string;
}

/**
 * The chart's rows: history then forecast on one day axis (two series, so each has its own colour), the first
 * forecast day (where "today" is drawn), and the event days as spans.
 */
export function forecastChartData(
  f: Pick<ForecastResponse, "history" | "forecast">,
  /** Days of forecast drawn: enough for any order cycle, without squeezing the history into a corner. */
  forecastDays = FORECAST_DAYS_SHOWN,
): {
  points: ForecastPoint[];
  firstForecastDay: string | null;
  eventSpans: EventSpan[];
} {
  const points: ForecastPoint[] = [
    ...f.history.map((h) => ({ day: h.day, actual: h.qty, forecast: null, event: h.event })),
    ...f.forecast
      .slice(0, forecastDays)
      .map((p) => ({ day: p.day, actual: null, forecast: roundTo(p.qty, 2), event: p.event })),
  ];
  const eventSpans: EventSpan[] = [];
  let open: EventSpan | null = null;
  for (const p of points) {
    if (p.event) {
      if (open) open.to = p.day;
      else open = { from: p.day, to: p.day };
    } else if (open) {
      eventSpans.push(open);
      open = null;
    }
  }
  if (open) eventSpans.push(open);
  return { points, firstForecastDay: f.forecast[0]?.day ?? null, eventSpans };
}

const roundTo = (v: number, digits: number) => {
  const m = 10 ** digits;
  return Math.round(v * m) / m;
};

/** A ratio (MASE, relative MAE) as the screens show it: two decimals, or none when there is no figure. */
export const ratio = (v: number | null | undefined): number | null =>
  v === null || v === undefined ? null : roundTo(v, 2);

/** The medians' verdict: below 1 beats the seasonal-naive forecast. */
export const beatsNaive = (relativeMae: number | null | undefined): boolean | null =>
  relativeMae === null || relativeMae === undefined ? null : relativeMae < 1;
