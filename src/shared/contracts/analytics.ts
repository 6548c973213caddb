// Analytics (A1, A2, A4): the dashboards' queries and answers. Every figure the web app shows comes from one of
// these endpoints, so another tool reading the API sees the same numbers. Periods are business dates (Asia/Dhaka),
// both ends included; money is integer poisha; ratios are basis points.
import { z } from "zod";
import { PERIOD_PRESETS } from "../period-presets.ts";
import { IsoDate } from "./common.ts";
import { FieldKpis } from "./field.ts";

const Poisha = z.number().int();

/** The longest period one query may span: a year and a day (a leap year). */
export const MAX_PERIOD_DAYS = 366;

/**
 * What every dashboard filters by. The period is `from`/`to`, or a named `period` turned into dates on the day of
 * asking (a scheduled report keeps "last 7 days" rolling); dates win over a name; neither means "this month so far".
 */
export const AnalyticsFilter = z.strictObject({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  period: z.enum(PERIOD_PRESETS).optional(),
  /** A node of the territory tree (region, area, territory, route); the caller's own subtree when missing. */
  territoryId: z.uuid().optional(),
  distributorId: z.uuid().optional(),
});
export type AnalyticsFilter = z.infer<typeof AnalyticsFilter>;

export const ProductFilter = z.strictObject({
  brandId: z.uuid().optional(),
  categoryId: z.uuid().optional(),
  skuId: z.uuid().optional(),
});

export const SALES_DIMENSIONS = [
  "territory",
  "distributor",
  "outlet",
  "sku",
  "brand",
  "category",
  "day",
  "week",
  "month",
] as const;
export const SalesDimension = z.enum(SALES_DIMENSIONS);
export type SalesDimension = z.infer<typeof SalesDimension>;

export const SALES_SORTS = ["value", "change", "name"] as const;

export const SalesQuery = AnalyticsFilter.extend(ProductFilter.shape).extend({
  /** "territory" breaks the chosen node down into its children (regions of the nation, areas of a region, ...). */
  by: SalesDimension.default("territory"),
  /** The same span of days just before the period, or none. */
  compare: z.enum(["previous", "none"]).default("previous"),
  sort: z.enum(SALES_SORTS).default("value"),
  direction: z.enum(["desc", "asc"]).default("desc"),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  /**
   * `outlets` also counts the outlets that ordered (coverage, ECO's numerator) per row and in total. It is a
   * distinct count over outlet-days, several times the cost of everything else here, so it is asked for apart
   * (the screen sends it as a second request and fills the column when it arrives). An outlet row always has its own.
   */
  coverage: z.enum(["none", "outlets"]).default("none"),
});
export type SalesQuery = z.infer<typeof SalesQuery>;

export const SalesMeasures = z.object({
  /** Memos (confirmed, not cancelled); null when a product filter is set (a memo is not one product's). */
  orders: z.number().int().nullable(),
  orderLines: z.number().int(),
  orderedQty: z.number().int(),
  orderedPoisha: Poisha,
  deliveredQty: z.number().int(),
  deliveredPoisha: Poisha,
  returnedQty: z.number().int(),
  returnedPoisha: Poisha,
  /** Delivered less returned. */
  netPoisha: Poisha,
  /**
   * Outlets that ordered (ECO numerator); null unless asked for with `coverage=outlets`, and null under a product
   * filter, per day, week or month, or past 92 days.
   */
  outletsOrdered: z.number().int().nullable(),
});
export type SalesMeasures = z.infer<typeof SalesMeasures>;

export const TerritoryLevel = z.enum(["national", "region", "area", "territory", "route"]);

export const SalesRow = z.object({
  key: z.string(),
  label: z.string(),
  labelBn: z.string().nullable(),
  /** The territory level of a territory row; null for other dimensions. */
  level: TerritoryLevel.nullable(),
  /** Whether this row opens a finer view (a territory's children, a route's outlets, an outlet's page). */
  drill: z.enum(["territory", "outlet", "outlet_page"]).nullable(),
  current: SalesMeasures,
  previous: SalesMeasures.nullable(),
  /** Change of ordered value against the previous period, basis points; null without one or from zero. */
  changeBp: z.number().int().nullable(),
});
export type SalesRow = z.infer<typeof SalesRow>;

export const Breadcrumb = z.object({
  id: z.uuid(),
  name: z.string(),
  nameBn: z.string(),
  level: TerritoryLevel,
});

export const Period = z.object({
  from: z.string(),
  to: z.string(),
  days: z.number().int(),
  previousFrom: z.string(),
  previousTo: z.string(),
});
export type Period = z.infer<typeof Period>;

export const Freshness = z.object({
  /** When the rollups last took in a change; null before the first. */
  appliedAt: z.string().nullable(),
  /** Changes committed but not yet in the rollups. */
  pending: z.number().int(),
  oldestPendingAt: z.string().nullable(),
  rebuiltAt: z.string().nullable(),
});
export type Freshness = z.infer<typeof Freshness>;

export const SalesResponse = z.object({
  period: Period,
  by: SalesDimension,
  /** The territory the numbers are inside (the caller's own root when none was chosen), root first. */
  breadcrumb: z.array(Breadcrumb),
  totals: z.object({
    current: SalesMeasures,
    previous: SalesMeasures.nullable(),
    changeBp: z.number().int().nullable(),
  }),
  rows: z.array(SalesRow),
  /** Groups in all; rows holds the first `limit` of them in the order asked. */
  rowCount: z.number().int(),
  /**
   * The value target of the territory node (or of the distributor, in its own view) for the month or quarter shown
   * from its first day, and net sales so far against it (targets module); null without one, or for a product.
   */
  target: z.object({ valuePoisha: Poisha, achievedBp: z.number().int() }).nullable(),
  freshness: Freshness,
});
export type SalesResponse = z.infer<typeof SalesResponse>;

export const MoversQuery = AnalyticsFilter.extend(ProductFilter.shape).extend({
  by: z.enum(["territory", "distributor", "outlet", "sku", "brand"]).default("sku"),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export type MoversQuery = z.infer<typeof MoversQuery>;

export const MoversResponse = z.object({
  period: Period,
  by: MoversQuery.shape.by,
  /** Largest gains of ordered value against the previous period, then largest falls. */
  risers: z.array(SalesRow),
  fallers: z.array(SalesRow),
});
export type MoversResponse = z.infer<typeof MoversResponse>;

// --- one outlet

export const OutletAnalyticsQuery = z.strictObject({ from: IsoDate.optional(), to: IsoDate.optional() });
export type OutletAnalyticsQuery = z.infer<typeof OutletAnalyticsQuery>;

export const OutletAnalyticsResponse = z.object({
  period: Period,
  outlet: z.object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    nameBn: z.string(),
    distributorName: z.string().nullable(),
    routeName: z.string().nullable(),
    breadcrumb: z.array(Breadcrumb),
  }),
  totals: z.object({
    current: SalesMeasures,
    previous: SalesMeasures.nullable(),
    changeBp: z.number().int().nullable(),
  }),
  /** The last twelve months, oldest first, ordered value and memos. */
  months: z.array(z.object({ month: z.string(), orderedPoisha: Poisha, orders: z.number().int() })),
  skus: z.array(
    z.object({
      skuId: z.uuid(),
      code: z.string(),
      name: z.string(),
      nameBn: z.string(),
      orderedQty: z.number().int(),
      orderedPoisha: Poisha,
    }),
  ),
  lastOrders: z.array(
    z.object({
      id: z.uuid(),
      number: z.string(),
      orderDate: z.string(),
      status: z.string(),
      totalPoisha: Poisha,
    }),
  ),
  /** Days between orders, median of the last 180 days; null with fewer than three orders. */
  usualIntervalDays: z.number().int().nullable(),
  lastOrderOn: z.string().nullable(),
});
export type OutletAnalyticsResponse = z.infer<typeof OutletAnalyticsResponse>;

// --- field force

export const FieldAnalyticsQuery = AnalyticsFilter.extend({ by: z.enum(["rep", "territory"]).default("rep") });
export type FieldAnalyticsQuery = z.infer<typeof FieldAnalyticsQuery>;

export const FieldAnalyticsRow = z.object({
  key: z.string(),
  label: z.string(),
  labelBn: z.string().nullable(),
  kpis: FieldKpis,
  /** Outlets that ordered / active outlets on the routes, basis points (ECO); null without outlets. */
  ecoBp: z.number().int().nullable(),
  outlets: z.number().int(),
  outletsOrdered: z.number().int(),
  /** Minutes checked in at outlets, and minutes between starting and ending the day. */
  minutesInOutlets: z.number().int(),
  workingMinutes: z.number().int(),
  /** minutesInOutlets / workingMinutes, basis points; null without a working day. */
  productiveTimeBp: z.number().int().nullable(),
});
export type FieldAnalyticsRow = z.infer<typeof FieldAnalyticsRow>;

export const FieldAnalyticsResponse = z.object({
  period: Period,
  by: FieldAnalyticsQuery.shape.by,
  breadcrumb: z.array(Breadcrumb),
  totals: FieldAnalyticsRow,
  rows: z.array(FieldAnalyticsRow),
});
export type FieldAnalyticsResponse = z.infer<typeof FieldAnalyticsResponse>;

// --- availability

export const AvailabilityQuery = AnalyticsFilter.extend({ by: z.enum(["sku", "territory"]).default("sku") });
export type AvailabilityQuery = z.infer<typeof AvailabilityQuery>;

export const AvailabilityRow = z.object({
  key: z.string(),
  label: z.string(),
  labelBn: z.string().nullable(),
  /** Outlet x SKU checks in the latest audit of each outlet in the period. */
  checks: z.number().int(),
  outOfStock: z.number().int(),
  oosRateBp: z.number().int().nullable(),
});

export const StockCoverRow = z.object({
  distributorId: z.uuid(),
  distributorName: z.string(),
  skuId: z.uuid(),
  skuCode: z.string(),
  skuName: z.string(),
  skuNameBn: z.string(),
  /** On hand less reserved, in base units. */
  freeQty: z.number().int(),
  /** Ordered per day over the last 28 days, ×100. */
  dailyQtyX100: z.number().int(),
  /** Free stock / daily sales, ×10 (e.g. 35 = 3.5 days); null when nothing sold. */
  daysOfCoverX10: z.number().int().nullable(),
});
export type StockCoverRow = z.infer<typeof StockCoverRow>;

export const AvailabilityResponse = z.object({
  period: Period,
  by: AvailabilityQuery.shape.by,
  breadcrumb: z.array(Breadcrumb),
  totals: AvailabilityRow,
  rows: z.array(AvailabilityRow),
  /** The distributor x SKU pairs with the fewest days of cover (selling SKUs only), fewest first. */
  lowestCover: z.array(StockCoverRow),
});
export type AvailabilityResponse = z.infer<typeof AvailabilityResponse>;

// --- distributors: primary against secondary, collections

/** The distributors' dashboard filters like every other. */
export const DistributorAnalyticsQuery = AnalyticsFilter;
export type DistributorAnalyticsQuery = z.infer<typeof DistributorAnalyticsQuery>;

export const DistributorAnalyticsRow = z.object({
  distributorId: z.uuid(),
  name: z.string(),
  code: z.string(),
  /** Company -> distributor: primary orders received (or dispatched) dated in the period. */
  primaryPoisha: Poisha,
  secondaryOrderedPoisha: Poisha,
  secondaryDeliveredPoisha: Poisha,
  /** Secondary delivered / primary, basis points; null without primary. */
  sellThroughBp: z.number().int().nullable(),
  collectedPoisha: Poisha,
  duesPoisha: Poisha,
  /** Dues by age since due date: not yet due, 1-30, 31-60, 61-90, over 90 days. */
  ageing: z.object({
    current: Poisha,
    d1to30: Poisha,
    d31to60: Poisha,
    d61to90: Poisha,
    over90: Poisha,
  }),
});
export type DistributorAnalyticsRow = z.infer<typeof DistributorAnalyticsRow>;

export const DistributorAnalyticsResponse = z.object({
  period: Period,
  breadcrumb: z.array(Breadcrumb),
  totals: DistributorAnalyticsRow.omit({ distributorId: true, name: true, code: true }),
  rows: z.array(DistributorAnalyticsRow),
});
export type DistributorAnalyticsResponse = z.infer<typeof DistributorAnalyticsResponse>;

// --- early warnings (A4)

export const WARNING_KINDS = ["outlet_stopped", "sku_falling", "territory_behind"] as const;
export const WarningKind = z.enum(WARNING_KINDS);
export type WarningKind = z.infer<typeof WarningKind>;

export const WarningsQuery = z.strictObject({
  territoryId: z.uuid().optional(),
  distributorId: z.uuid().optional(),
  kind: WarningKind.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type WarningsQuery = z.infer<typeof WarningsQuery>;

export const Warning = z.object({
  id: z.uuid(),
  kind: WarningKind,
  /** Larger is worse: days overdue for an outlet, basis points of fall for a SKU or a territory. */
  severity: z.number().int(),
  subjectId: z.uuid(),
  subjectLabel: z.string(),
  subjectLabelBn: z.string().nullable(),
  territoryName: z.string().nullable(),
  territoryNameBn: z.string().nullable(),
  /** What was seen, in a sentence, in the caller's language. */
  message: z.string(),
  detectedOn: z.string(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
});
export type Warning = z.infer<typeof Warning>;

export const WarningsResponse = z.object({
  generatedAt: z.string().nullable(),
  counts: z.object({
    outlet_stopped: z.number().int(),
    sku_falling: z.number().int(),
    territory_behind: z.number().int(),
  }),
  items: z.array(Warning),
});
export type WarningsResponse = z.infer<typeof WarningsResponse>;

// --- exports and upkeep

export const ExportFormat = z.enum(["csv", "xlsx"]);
export const ExportQuery = z.strictObject({ format: ExportFormat.default("xlsx") });

export const RebuildResponse = z.object({
  rebuiltAt: z.string(),
  ms: z.number().int(),
  rows: z.object({ salesDaily: z.number().int(), outletDaily: z.number().int(), territoryDaily: z.number().int() }),
});
