// The availability dashboard (S6, A1): how often outlets were out of a product when a rep looked, and how many
// days each distributor's stock will last.
// - Out of stock: the latest stock audit of each outlet in the period (an outlet audited twice counts as it was
//   last seen); one check per audited SKU line, out of stock when its quantity is 0; by SKU or by child territory
//   of the node (where the audit was taken). With a distributor in the slice, audits of the outlets it serves.
// - Days of cover: per distributor x SKU, free stock now (on hand less reserved) over the average daily ordered
//   quantity of the last 28 complete days (the rollups: memos confirmed and not cancelled, all of the
//   distributor's sales wherever booked). Selling pairs only; the 50 with the fewest days first. Distributors of
//   the slice: the one chosen, or those that sold inside the subtree in those 28 days.
import type { AvailabilityQuery, AvailabilityResponse, StockCoverRow } from "../../shared/contracts/analytics.ts";
import { addDays, businessDate, formatNumber } from "../../shared/format.ts";
import type { Locale } from "../../shared/locale.ts";
import { latestAuditChecks } from "../field/field-kpis.service.ts";
import { freeStockOf } from "../inventory/inventory.service.ts";
import type { Ctx } from "../platform/context.ts";
import { periodOf, sliceOf } from "./analytics-scope.ts";
import * as repo from "./availability-analytics.repository.ts";
import { periodText, sliceText } from "./field-analytics.service.ts";
import type { ReportColumn, ReportTable } from "./report-table.ts";
import { namedLabels, territoryLabels } from "./sales-analytics.repository.ts";

export const COVER_WINDOW_DAYS = 28;
export const LOWEST_COVER_ROWS = 50;

type AvailabilityRow = AvailabilityResponse["rows"][number];

const depthOf = (path: string) => path.split("/").filter(Boolean).length;

function availabilityRow(key: string, label: string, labelBn: string | null, checks: number, oos: number) {
  return {
    key,
    label,
    labelBn,
    checks,
    outOfStock: oos,
    oosRateBp: checks > 0 ? Math.round((oos * 10_000) / checks) : null,
  } satisfies AvailabilityRow;
}

/** The distributor x SKU pairs with the fewest days of cover in the slice, as of `today`. */
async function lowestCover(
  ctx: Ctx,
  slice: { orgId: string; path: string | null; distributorId: string | null },
  today: string,
): Promise<StockCoverRow[]> {
  const { db } = ctx;
  const rates = await repo.sellingRates(db, slice.orgId, {
    path: slice.path,
    distributorId: slice.distributorId,
    from: addDays(today, -COVER_WINDOW_DAYS),
    to: addDays(today, -1),
  });
  const free = await freeStockOf(
    db,
    slice.orgId,
    rates.map((r) => r.distributor_id),
  );
  const pairs = rates.map((r) => {
    const qty = Number(r.qty);
    const freeQty = free.get(`${r.distributor_id}|${r.sku_id}`) ?? 0;
    return {
      distributorId: r.distributor_id,
      skuId: r.sku_id,
      freeQty,
      // qty / 28 a day, ×100; free / (qty / 28) days, ×10: integer arithmetic, one rounding each.
      dailyQtyX100: Math.round((qty * 100) / COVER_WINDOW_DAYS),
      daysOfCoverX10: Math.round((freeQty * 10 * COVER_WINDOW_DAYS) / qty),
      qty,
    };
  });
  pairs.sort(
    (a, b) =>
      a.daysOfCoverX10 - b.daysOfCoverX10 ||
      b.qty - a.qty ||
      a.distributorId.localeCompare(b.distributorId) ||
      a.skuId.localeCompare(b.skuId),
  );
  const lowest = pairs.slice(0, LOWEST_COVER_ROWS);
  const [distributors, skus] = await Promise.all([
    namedLabels(db, slice.orgId, "distributors", [...new Set(lowest.map((p) => p.distributorId))]),
    namedLabels(db, slice.orgId, "skus", [...new Set(lowest.map((p) => p.skuId))]),
  ]);
  const dName = new Map(distributors.map((d) => [d.id, d]));
  const sName = new Map(skus.map((s) => [s.id, s]));
  return lowest.map((p) => ({
    distributorId: p.distributorId,
    distributorName:
      (ctx.locale === "bn" ? dName.get(p.distributorId)?.name_bn : dName.get(p.distributorId)?.name) ?? "",
    skuId: p.skuId,
    skuCode: sName.get(p.skuId)?.code ?? "",
    skuName: sName.get(p.skuId)?.name ?? "",
    skuNameBn: sName.get(p.skuId)?.name_bn ?? "",
    freeQty: p.freeQty,
    dailyQtyX100: p.dailyQtyX100,
    daysOfCoverX10: p.daysOfCoverX10,
  }));
}

export async function getAvailability(ctx: Ctx, query: AvailabilityQuery): Promise<AvailabilityResponse> {
  const period = periodOf(query);
  const slice = await sliceOf(ctx.db, ctx, query);
  const { db } = ctx;
  const by =
    query.by === "sku"
      ? ({ kind: "sku" } as const)
      : ({ kind: "territory", depth: slice.node ? depthOf(slice.node.path) : 1 } as const);
  const [checks, cover] = await Promise.all([
    latestAuditChecks(db, slice.orgId, {
      withinPath: slice.path ?? undefined,
      distributorId: slice.distributorId ?? undefined,
      from: period.from,
      to: period.to,
      by,
    }),
    lowestCover(ctx, slice, businessDate()),
  ]);
  const keys = checks.map((c) => c.key).filter((k) => k !== "");
  const labels = new Map<string, { label: string; labelBn: string | null }>();
  if (query.by === "sku")
    for (const s of await namedLabels(db, slice.orgId, "skus", keys))
      labels.set(s.id, { label: `${s.name} (${s.code})`, labelBn: s.name_bn });
  else {
    for (const t of await territoryLabels(db, slice.orgId, keys))
      labels.set(t.id, { label: t.name, labelBn: t.name_bn });
    // Audits taken on the node itself (the node is a route) rather than under one of its children.
    const node = slice.breadcrumb[slice.breadcrumb.length - 1];
    if (node) labels.set("", { label: node.name, labelBn: node.nameBn });
  }
  const rows = checks
    .map((c) => {
      const name = labels.get(c.key);
      return availabilityRow(c.key, name?.label ?? c.key, name?.labelBn ?? null, c.checks, c.out_of_stock);
    })
    .sort((a, b) => (b.oosRateBp ?? -1) - (a.oosRateBp ?? -1) || b.checks - a.checks || a.label.localeCompare(b.label));
  const totals = availabilityRow(
    "",
    "Total",
    "মোট",
    rows.reduce((s, r) => s + r.checks, 0),
    rows.reduce((s, r) => s + r.outOfStock, 0),
  );
  return { period, by: query.by, breadcrumb: slice.breadcrumb, totals, rows, lowestCover: cover };
}

type Text = Record<Locale, string>;

const OOS_COLUMNS: [key: string, kind: ReportColumn["kind"], label: Text][] = [
  ["name", "text", { en: "Name", bn: "নাম" }],
  ["checks", "integer", { en: "Shelf checks", bn: "তাক যাচাই" }],
  ["outOfStock", "integer", { en: "Out of stock", bn: "স্টক নেই" }],
  ["oosRateBp", "basis_points", { en: "Out-of-stock rate", bn: "স্টক-শূন্যতার হার" }],
];

const COVER_COLUMNS: [key: string, kind: ReportColumn["kind"], label: Text][] = [
  ["distributor", "text", { en: "Distributor", bn: "ডিস্ট্রিবিউটর" }],
  ["skuCode", "text", { en: "SKU code", bn: "এসকেইউ কোড" }],
  ["sku", "text", { en: "SKU", bn: "এসকেইউ" }],
  ["freeQty", "integer", { en: "Free stock", bn: "মুক্ত স্টক" }],
  ["dailyQty", "decimal", { en: "Ordered per day", bn: "দৈনিক অর্ডার" }],
  ["daysOfCover", "decimal", { en: "Days of cover", bn: "কত দিনের স্টক" }],
];

const pct = (bp: number | null, locale: Locale) => (bp === null ? "–" : `${formatNumber(bp / 100, locale)}%`);

/** The out-of-stock table as a report (export, scheduled email), in the reader's language. */
export async function availabilityReport(
  ctx: Ctx,
  query: AvailabilityQuery,
): Promise<{ table: ReportTable; summary: string[] }> {
  const l = ctx.locale;
  const res = await getAvailability(ctx, query);
  const by = query.by === "sku" ? { en: "SKU", bn: "এসকেইউ" } : { en: "territory", bn: "এলাকা" };
  const title =
    l === "bn"
      ? `পণ্যের প্রাপ্যতা, ${by.bn} অনুযায়ী, ${periodText(res.period, l)}`
      : `Availability by ${by.en}, ${periodText(res.period, l)}`;
  const cells = (r: AvailabilityRow) => ({
    name: l === "bn" ? (r.labelBn ?? r.label) : r.label,
    checks: r.checks,
    outOfStock: r.outOfStock,
    oosRateBp: r.oosRateBp,
  });
  const first = res.lowestCover[0];
  const cover = (x10: number | null) => (x10 === null ? "–" : formatNumber(x10 / 10, l));
  const summary =
    l === "bn"
      ? [
          title,
          `তাক যাচাই: ${formatNumber(res.totals.checks, l)}, স্টক নেই: ${formatNumber(res.totals.outOfStock, l)} (${pct(res.totals.oosRateBp, l)})`,
          ...(first
            ? [`সবচেয়ে কম স্টক: ${first.distributorName}, ${first.skuNameBn} — ${cover(first.daysOfCoverX10)} দিন`]
            : []),
        ]
      : [
          title,
          `Shelf checks: ${formatNumber(res.totals.checks, l)}, out of stock: ${formatNumber(res.totals.outOfStock, l)} (${pct(res.totals.oosRateBp, l)})`,
          ...(first
            ? [`Least cover: ${first.distributorName}, ${first.skuName} — ${cover(first.daysOfCoverX10)} days`]
            : []),
        ];
  return {
    table: {
      title,
      subtitle: sliceText(res.breadcrumb, l),
      locale: l,
      columns: OOS_COLUMNS.map(([key, kind, label]) => ({ key, kind, label: label[l] })),
      rows: res.rows.map(cells),
      totals: cells(res.totals),
    },
    summary,
  };
}

/** The lowest days of cover as a report table, in the reader's language. */
export async function stockCoverReport(
  ctx: Ctx,
  query: AvailabilityQuery,
): Promise<{ table: ReportTable; summary: string[] }> {
  const l = ctx.locale;
  const res = await getAvailability(ctx, query);
  const title = l === "bn" ? "সবচেয়ে কম দিনের স্টক (ডিস্ট্রিবিউটর × এসকেইউ)" : "Fewest days of cover (distributor × SKU)";
  return {
    table: {
      title,
      subtitle: sliceText(res.breadcrumb, l),
      locale: l,
      columns: COVER_COLUMNS.map(([key, kind, label]) => ({ key, kind, label: label[l] })),
      rows: res.lowestCover.map((c) => ({
        distributor: c.distributorName,
        skuCode: c.skuCode,
        sku: l === "bn" ? c.skuNameBn : c.skuName,
        freeQty: c.freeQty,
        dailyQty: c.dailyQtyX100 / 100,
        daysOfCover: c.daysOfCoverX10 === null ? null : c.daysOfCoverX10 / 10,
      })),
      totals: null,
    },
    summary: [title],
  };
}
