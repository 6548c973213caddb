// Secondary sales as the dashboards show them (A1): totals, breakdowns by territory, distributor, outlet and
// product, time series, movers and one outlet's page. Everything is read from the rollups (a few thousand rows
// instead of millions of order lines) inside the caller's slice, so the numbers move within seconds of an order.
import type {
  MoversQuery,
  MoversResponse,
  OutletAnalyticsQuery,
  OutletAnalyticsResponse,
  SalesMeasures,
  SalesQuery,
  SalesResponse,
  SalesRow,
} from "../../shared/contracts/analytics.ts";
import { addDays, businessDate, daysBetween } from "../../shared/format.ts";
import { getOutlet } from "../network/outlets.service.ts";
import { listSecondaryOrders } from "../orders/orders.service.ts";
import { AccessErrors, can } from "../platform/access.ts";
import type { Ctx } from "../platform/context.ts";
import { findTerritory } from "../platform/territories/territories.repository.ts";
import { valueTargetFor } from "../targets/targets.service.ts";
import { AnalyticsErrors } from "./analytics.errors.ts";
import { periodOf, type Slice, sliceOf } from "./analytics-scope.ts";
import type { Grouping, SalesGroupRow, SalesScan } from "./sales-analytics.repository.ts";
import * as repo from "./sales-analytics.repository.ts";
import { salesFreshness } from "./sales-rollups.service.ts";
import { usualIntervalDays } from "./sales-warning-rules.ts";

function productOf(q: { brandId?: string | undefined; categoryId?: string | undefined; skuId?: string | undefined }) {
  const set = [q.brandId, q.categoryId, q.skuId].filter(Boolean).length;
  if (set > 1) throw AnalyticsErrors.productFilterConflict();
  return set === 0 ? null : { brandId: q.brandId, categoryId: q.categoryId, skuId: q.skuId };
}

const depthOf = (path: string) => path.split("/").filter(Boolean).length;

function groupingOf(by: SalesQuery["by"], slice: Slice): Grouping {
  // A distributor's own view has no node: its territory breakdown starts at the regions.
  if (by === "territory") return { kind: "territory", depth: slice.node ? depthOf(slice.node.path) : 1 };
  return { kind: by };
}

export const changeBp = (current: number, previous: number | null | undefined): number | null =>
  previous === null || previous === undefined || previous === 0
    ? null
    : Math.round(((current - previous) * 10_000) / previous);

function measures(r: SalesGroupRow, prefix: "" | "p_", outlets: number | null): SalesMeasures {
  const n = (k: string) => Number((r as unknown as Record<string, unknown>)[`${prefix}${k}`] ?? 0);
  const orders = (r as unknown as Record<string, unknown>)[`${prefix}orders`];
  return {
    orders: orders === null || orders === undefined ? null : Number(orders),
    orderLines: n("order_lines"),
    orderedQty: n("ordered_qty"),
    orderedPoisha: n("ordered_poisha"),
    deliveredQty: n("delivered_qty"),
    deliveredPoisha: n("delivered_poisha"),
    returnedQty: n("returned_qty"),
    returnedPoisha: n("returned_poisha"),
    netPoisha: n("delivered_poisha") - n("returned_poisha"),
    outletsOrdered: outlets,
  };
}

const EMPTY: SalesGroupRow = {
  key: "",
  groups: 0,
  orders: 0,
  order_lines: 0,
  ordered_qty: 0,
  ordered_poisha: 0,
  delivered_qty: 0,
  delivered_poisha: 0,
  returned_qty: 0,
  returned_poisha: 0,
  p_orders: 0,
  p_order_lines: 0,
  p_ordered_qty: 0,
  p_ordered_poisha: 0,
  p_delivered_qty: 0,
  p_delivered_poisha: 0,
  p_returned_qty: 0,
  p_returned_poisha: 0,
};

interface Label {
  label: string;
  labelBn: string | null;
  level: SalesRow["level"];
  drill: SalesRow["drill"];
}

/** Names for the rows shown: territories, distributors, outlets, products; periods are their own label. */
async function labelsOf(ctx: Ctx, slice: Slice, g: Grouping, keys: readonly string[]): Promise<Map<string, Label>> {
  const db = ctx.db;
  const orgId = ctx.actor.orgId;
  const ids = keys.filter((k) => k !== "");
  const out = new Map<string, Label>();
  const plain = (label: string, labelBn: string | null, drill: SalesRow["drill"] = null): Label => ({
    label,
    labelBn,
    level: null,
    drill,
  });
  switch (g.kind) {
    case "territory": {
      for (const t of await repo.territoryLabels(db, orgId, ids))
        out.set(t.id, {
          label: t.name,
          labelBn: t.name_bn,
          level: t.level,
          drill: t.level === "route" ? "outlet" : "territory",
        });
      // Sales booked on the node itself (a distributor without routes there) rather than on one of its children.
      const node = slice.breadcrumb[slice.breadcrumb.length - 1];
      if (keys.includes("") && node)
        out.set("", { label: node.name, labelBn: node.nameBn, level: node.level, drill: null });
      break;
    }
    case "distributor":
      for (const d of await repo.namedLabels(db, orgId, "distributors", ids)) out.set(d.id, plain(d.name, d.name_bn));
      break;
    case "outlet":
      for (const o of await repo.namedLabels(db, orgId, "outlets", ids))
        out.set(o.id, plain(`${o.name} (${o.code})`, o.name_bn, "outlet_page"));
      break;
    case "sku":
    case "brand":
    case "category": {
      const table = g.kind === "sku" ? "skus" : g.kind === "brand" ? "brands" : "categories";
      for (const p of await repo.namedLabels(db, orgId, table, ids))
        out.set(p.id, plain(g.kind === "sku" ? `${p.name} (${p.code})` : p.name, p.name_bn));
      break;
    }
    default:
      for (const k of keys) out.set(k, plain(k, null));
  }
  return out;
}

function rowOf(
  r: SalesGroupRow,
  label: Label | undefined,
  compare: boolean,
  outlets?: { current: number; previous: number },
): SalesRow {
  const current = measures(r, "", outlets ? outlets.current : null);
  const previous = compare ? measures(r, "p_", outlets ? outlets.previous : null) : null;
  return {
    key: r.key,
    label: label?.label ?? r.key,
    labelBn: label?.labelBn ?? null,
    level: label?.level ?? null,
    drill: label?.drill ?? null,
    current,
    previous,
    changeBp: previous ? changeBp(current.orderedPoisha, previous.orderedPoisha) : null,
  };
}

/**
 * The longest period whose outlets-that-ordered are counted. Coverage is a distinct count over outlet-days (not
 * additive, so no rollup holds it): about 100,000 of them a month at 10 million lines a year, read in ~40 ms; a
 * year would take ten times that, so longer periods leave it out (null) rather than slow every call down.
 */
export const COVERAGE_MAX_DAYS = 92;

/**
 * Does this breakdown count outlets? Not for products (the outlet rollup has none), nor per day, week or month (a
 * chart of sales needs none), nor past COVERAGE_MAX_DAYS. An outlet row's is its own: 1 when it ordered.
 */
function countsOutlets(scan: SalesScan, asked: boolean): "query" | "own" | null {
  const g = scan.group.kind;
  if (scan.product || g === "sku" || g === "brand" || g === "category" || scan.days > COVERAGE_MAX_DAYS) return null;
  if (g === "outlet") return "own";
  if (!asked) return null;
  return g === "day" || g === "week" || g === "month" ? null : "query";
}

async function groupedRows(
  ctx: Ctx,
  slice: Slice,
  scan: SalesScan,
  coverage = false,
): Promise<{ rows: SalesRow[]; count: number }> {
  const groups = await repo.salesGroups(ctx.db, scan);
  const keys = groups.map((g) => g.key);
  const how = countsOutlets(scan, coverage);
  const counted = how === "query" ? await repo.outletsOrdered(ctx.db, scan, keys) : null;
  const outletsOf = (g: SalesGroupRow) =>
    how === "own"
      ? { current: Number(g.orders) > 0 ? 1 : 0, previous: Number(g.p_orders) > 0 ? 1 : 0 }
      : counted
        ? (counted.get(g.key) ?? { current: 0, previous: 0 })
        : undefined;
  const labels = await labelsOf(ctx, slice, scan.group, keys);
  const compare = scan.previousFrom !== null;
  return {
    rows: groups.map((g) => rowOf(g, labels.get(g.key), compare, outletsOf(g))),
    count: groups[0]?.groups ?? 0,
  };
}

/**
 * The value target of what the dashboard shows (targets module): a distributor's own (its view, or a distributor
 * filter without a territory), else the territory node's, for a month or quarter shown from its first day. None
 * for a product's sales (targets are set on all products' value) or any other period.
 */
async function dashboardTarget(
  ctx: Ctx,
  slice: Slice,
  q: SalesQuery,
  period: { from: string; to: string },
  forProduct: boolean,
): Promise<SalesResponse["target"]> {
  if (forProduct) return null;
  const subject = slice.distributorId
    ? q.territoryId
      ? null
      : ({ subjectKind: "distributor", subjectId: slice.distributorId } as const)
    : slice.node
      ? ({ subjectKind: "territory", subjectId: slice.node.id } as const)
      : null;
  if (!subject) return null;
  const t = await valueTargetFor(ctx.db, slice.orgId, { ...subject, from: period.from, to: period.to });
  return t ? { valuePoisha: t.valuePoisha, achievedBp: t.achievedBp ?? 0 } : null;
}

export async function salesDashboard(ctx: Ctx, q: SalesQuery): Promise<SalesResponse> {
  const product = productOf(q);
  if (product && q.by === "outlet") throw AnalyticsErrors.outletByProduct();
  const period = periodOf(q);
  const slice = await sliceOf(ctx.db, ctx, q);
  const compare = q.compare === "previous";
  const base: SalesScan = {
    orgId: slice.orgId,
    path: slice.path,
    nodePath: slice.node?.path ?? null,
    distributorId: slice.distributorId,
    product,
    from: period.from,
    to: period.to,
    previousFrom: compare ? period.previousFrom : null,
    days: period.days,
    group: groupingOf(q.by, slice),
    sort: q.by === "day" || q.by === "week" || q.by === "month" ? "key" : q.sort,
    direction: q.by === "day" || q.by === "week" || q.by === "month" ? "asc" : q.direction,
    limit: q.limit,
  };
  const coverage = q.coverage === "outlets";
  const { rows, count } = await groupedRows(ctx, slice, base, coverage);
  const totalScan: SalesScan = { ...base, group: { kind: "all" }, limit: 1 };
  const [total] = await repo.salesGroups(ctx.db, totalScan);
  const outlets =
    countsOutlets(totalScan, coverage) === "query"
      ? ((await repo.outletsOrdered(ctx.db, totalScan, null)).get("") ?? { current: 0, previous: 0 })
      : undefined;
  const totals = rowOf(total ?? EMPTY, undefined, compare, outlets);
  return {
    period,
    by: q.by,
    breadcrumb: slice.breadcrumb,
    totals: { current: totals.current, previous: totals.previous, changeBp: totals.changeBp },
    rows,
    rowCount: count,
    target: await dashboardTarget(ctx, slice, q, period, product !== null),
    freshness: await salesFreshness(ctx.db, slice.orgId),
  };
}

export async function salesMovers(ctx: Ctx, q: MoversQuery): Promise<MoversResponse> {
  const product = productOf(q);
  if (product && q.by === "outlet") throw AnalyticsErrors.outletByProduct();
  const period = periodOf(q);
  const slice = await sliceOf(ctx.db, ctx, q);
  const base: SalesScan = {
    orgId: slice.orgId,
    path: slice.path,
    nodePath: slice.node?.path ?? null,
    distributorId: slice.distributorId,
    product,
    from: period.from,
    to: period.to,
    previousFrom: period.previousFrom,
    days: period.days,
    group: groupingOf(q.by, slice),
    sort: "change",
    direction: "desc",
    limit: q.limit,
  };
  const risers = await groupedRows(ctx, slice, base);
  const fallers = await groupedRows(ctx, slice, { ...base, direction: "asc" });
  const gain = (r: SalesRow) => r.current.orderedPoisha - (r.previous?.orderedPoisha ?? 0);
  return {
    period,
    by: q.by,
    risers: risers.rows.filter((r) => gain(r) > 0),
    fallers: fallers.rows.filter((r) => gain(r) < 0),
  };
}

/** The first day of the month after this date's. */
function nextMonth(date: string): string {
  const [y, m] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
}

export async function outletAnalytics(ctx: Ctx, id: string, q: OutletAnalyticsQuery): Promise<OutletAnalyticsResponse> {
  if (!can(ctx.actor, "analytics.read")) throw AccessErrors.forbidden();
  const period = periodOf(q);
  // The network module decides whether the caller may see this outlet (not found otherwise).
  const outlet = await getOutlet(ctx, id);
  const orgId = ctx.actor.orgId;
  const route = outlet.routeId ? await findTerritory(ctx.db, orgId, outlet.routeId) : undefined;
  const breadcrumb = route
    ? (await sliceOf(ctx.db, ctx, ctx.actor.scope.kind === "distributor" ? {} : { territoryId: route.id })).breadcrumb
    : [];
  const base: SalesScan = {
    orgId,
    path: null,
    nodePath: null,
    distributorId: ctx.actor.scope.kind === "distributor" ? ctx.actor.scope.distributorId : null,
    product: null,
    outletIds: [id],
    from: period.from,
    to: period.to,
    previousFrom: period.previousFrom,
    days: period.days,
    group: { kind: "all" },
    sort: "value",
    direction: "desc",
    limit: 1,
  };
  const [total] = await repo.salesGroups(ctx.db, base);
  const totals = rowOf(total ?? EMPTY, undefined, true);
  const today = businessDate();
  const yearStart = `${addDays(`${today.slice(0, 8)}01`, -334).slice(0, 8)}01`;
  const monthRows = await repo.salesGroups(ctx.db, {
    ...base,
    from: yearStart,
    to: today,
    previousFrom: null,
    days: daysBetween(yearStart, today) + 1,
    group: { kind: "month" },
    sort: "key",
    direction: "asc",
    limit: 12,
  });
  const byMonth = new Map(monthRows.map((m) => [m.key.slice(0, 7), m]));
  const months: OutletAnalyticsResponse["months"] = [];
  for (let d = yearStart; d <= today; d = nextMonth(d)) {
    const m = byMonth.get(d.slice(0, 7));
    months.push({
      month: d.slice(0, 7),
      orderedPoisha: Number(m?.ordered_poisha ?? 0),
      orders: Number(m?.orders ?? 0),
    });
  }
  // A distributor's user sees the outlet's trade with that distributor only, like its totals and its dues.
  const skuRows = await repo.outletSkus(ctx.db, orgId, id, base.distributorId, period.from, period.to, 20);
  const orderDays = await repo.outletOrderDays(ctx.db, orgId, id, base.distributorId, addDays(today, -180), today);
  const lastOrders = can(ctx.actor, "orders.read")
    ? (await listSecondaryOrders(ctx, { outletId: id, limit: 10 })).items.map((o) => ({
        id: o.id,
        number: o.number,
        orderDate: o.orderDate,
        status: o.status,
        totalPoisha: o.totalPoisha,
      }))
    : [];
  return {
    period,
    outlet: {
      id: outlet.id,
      code: outlet.code,
      name: outlet.name,
      nameBn: outlet.nameBn,
      distributorName: outlet.distributorName,
      routeName: outlet.routeName,
      breadcrumb,
    },
    totals: { current: totals.current, previous: totals.previous, changeBp: totals.changeBp },
    months,
    skus: skuRows.map((s) => ({
      skuId: s.sku_id,
      code: s.code,
      name: s.name,
      nameBn: s.name_bn,
      orderedQty: Number(s.ordered_qty),
      orderedPoisha: Number(s.ordered_poisha),
    })),
    lastOrders,
    usualIntervalDays: usualIntervalDays(orderDays),
    lastOrderOn: orderDays.length > 0 ? (orderDays[orderDays.length - 1] as string) : null,
  };
}
