// What each analytics screen keeps in its URL (TanStack Router validateSearch), so a link reproduces the view:
// the period, the slice of the network, the product, the breakdown tab and the chart's grain. Anything unknown
// or malformed in a hand-edited URL is dropped rather than sent to the server.
import { WARNING_KINDS, type WarningKind } from "../../../shared/contracts/analytics.ts";
import { PERIOD_PRESETS, type PeriodChoice } from "./analytics-period.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuid = (v: unknown): string | undefined => (typeof v === "string" && UUID.test(v) ? v : undefined);
const isoDate = (v: unknown): string | undefined =>
  typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)) ? v : undefined;
const oneOf = <const T extends string>(values: readonly T[], v: unknown): T | undefined =>
  values.includes(v as T) ? (v as T) : undefined;

/** The period and the slice of the network: every dashboard's filter bar. */
export interface AnalyticsBaseSearch {
  period?: PeriodChoice;
  /** Only with period=custom. */
  from?: string;
  to?: string;
  territoryId?: string;
  distributorId?: string;
}

export function parseBaseSearch(s: Record<string, unknown>): AnalyticsBaseSearch {
  const period = oneOf([...PERIOD_PRESETS, "custom"] as const, s.period);
  const custom = period === "custom";
  return {
    period,
    from: custom ? isoDate(s.from) : undefined,
    to: custom ? isoDate(s.to) : undefined,
    territoryId: uuid(s.territoryId),
    distributorId: uuid(s.distributorId),
  };
}

/** The breakdown tabs of the sales screen (the time dimensions belong to the chart). */
export const SALES_TABS = ["territory", "distributor", "outlet", "sku", "brand", "category"] as const;
export type SalesTab = (typeof SALES_TABS)[number];
export const CHART_GRAINS = ["day", "week", "month"] as const;
export type ChartGrain = (typeof CHART_GRAINS)[number];
export const MOVER_DIMENSIONS = ["sku", "brand", "territory", "distributor", "outlet"] as const;
export type MoverDimension = (typeof MOVER_DIMENSIONS)[number];

export interface SalesSearch extends AnalyticsBaseSearch {
  brandId?: string;
  categoryId?: string;
  skuId?: string;
  /** Absent = compare with the previous period (the server's default). */
  compare?: "none";
  /** Absent = "territory". */
  by?: SalesTab;
  /** Absent = "day". */
  grain?: ChartGrain;
  /** Absent = by value, largest first. */
  sort?: "change" | "name";
  direction?: "asc";
  /** Absent = the first 100 rows; true = up to 1000. */
  all?: true;
  /** Absent = SKUs. */
  movers?: MoverDimension;
}

export function parseSalesSearch(s: Record<string, unknown>): SalesSearch {
  return {
    ...parseBaseSearch(s),
    brandId: uuid(s.brandId),
    categoryId: uuid(s.categoryId),
    skuId: uuid(s.skuId),
    compare: s.compare === "none" ? "none" : undefined,
    by: s.by === "territory" ? undefined : oneOf(SALES_TABS, s.by),
    grain: s.grain === "day" ? undefined : oneOf(CHART_GRAINS, s.grain),
    sort: oneOf(["change", "name"] as const, s.sort),
    direction: s.direction === "asc" ? "asc" : undefined,
    all: s.all === true || s.all === "true" ? true : undefined,
    movers: s.movers === "sku" ? undefined : oneOf(MOVER_DIMENSIONS, s.movers),
  };
}

export interface OutletAnalyticsSearch {
  period?: PeriodChoice;
  from?: string;
  to?: string;
}

export function parseOutletSearch(s: Record<string, unknown>): OutletAnalyticsSearch {
  const { period, from, to } = parseBaseSearch(s);
  return { period, from, to };
}

export interface FieldAnalyticsSearch extends AnalyticsBaseSearch {
  /** Absent = by rep. */
  by?: "territory";
}

export function parseFieldSearch(s: Record<string, unknown>): FieldAnalyticsSearch {
  return { ...parseBaseSearch(s), by: s.by === "territory" ? "territory" : undefined };
}

export interface AvailabilitySearch extends AnalyticsBaseSearch {
  /** Absent = by SKU. */
  by?: "territory";
}

export function parseAvailabilitySearch(s: Record<string, unknown>): AvailabilitySearch {
  return { ...parseBaseSearch(s), by: s.by === "territory" ? "territory" : undefined };
}

export interface WarningsSearch {
  territoryId?: string;
  distributorId?: string;
  kind?: WarningKind;
}

export function parseWarningsSearch(s: Record<string, unknown>): WarningsSearch {
  return {
    territoryId: uuid(s.territoryId),
    distributorId: uuid(s.distributorId),
    kind: oneOf(WARNING_KINDS, s.kind),
  };
}

/** The filters one analytics screen hands to another when the person switches screens. */
export function sharedFilters(s: AnalyticsBaseSearch): AnalyticsBaseSearch {
  return { period: s.period, from: s.from, to: s.to, territoryId: s.territoryId, distributorId: s.distributorId };
}
