// Primary against secondary sales per distributor, with collections and dues (A1). The slice chooses which
// distributors (those based in or covering the subtree, by the network module's rule; or the one chosen; a
// distributor user its own); each row is the distributor's whole business, since its stock, primary purchases and
// receivables are not split by territory.
// - primary: the company's sales to the distributor, the totals of primary orders dispatched in the period
//   (by dispatch date in Asia/Dhaka; received since or not): dispatch is when the company books the sale.
// - secondary ordered / delivered: the distributor's memos dated in the period (rollups: confirmed and not
//   cancelled; delivered at the memo's date, a short line pro rata).
// - sell-through: secondary delivered / primary, basis points.
// - collected: payments received in the period (bounced ones left out).
// - dues and ageing: what outlets owe it now, aged by the collections module's rule (oldest invoices settled first,
//   days past the due date), in 30-day buckets.
import type {
  AnalyticsFilter,
  DistributorAnalyticsResponse,
  DistributorAnalyticsRow,
} from "../../shared/contracts/analytics.ts";
import { businessDate, formatMoney, formatNumber } from "../../shared/format.ts";
import type { Locale } from "../../shared/locale.ts";
import { ratio } from "../field/field-kpis.ts";
import { primaryDispatchedTotals } from "../inventory/inventory.service.ts";
import { collectedByDistributors, duesOfDistributors } from "../orders/collections.service.ts";
import type { Scope } from "../platform/access.ts";
import type { Ctx } from "../platform/context.ts";
import { periodOf, type Slice, sliceOf } from "./analytics-scope.ts";
import * as repo from "./distributor-analytics.repository.ts";
import { periodText, sliceText } from "./field-analytics.service.ts";
import type { ReportColumn, ReportTable } from "./report-table.ts";

type Totals = DistributorAnalyticsResponse["totals"];

const NO_AGEING = { current: 0, d1to30: 0, d31to60: 0, d61to90: 0, over90: 0 };

/** The scope whose distributors the slice holds: one distributor, a subtree, or the whole org. */
function scopeOf(slice: Slice): Scope {
  if (slice.distributorId) return { kind: "distributor", distributorId: slice.distributorId };
  if (slice.node && slice.path) return { kind: "territory", territoryId: slice.node.id, path: slice.path };
  return { kind: "org" };
}

function addTotals(a: Totals, r: Totals): Totals {
  return {
    primaryPoisha: a.primaryPoisha + r.primaryPoisha,
    secondaryOrderedPoisha: a.secondaryOrderedPoisha + r.secondaryOrderedPoisha,
    secondaryDeliveredPoisha: a.secondaryDeliveredPoisha + r.secondaryDeliveredPoisha,
    sellThroughBp: null,
    collectedPoisha: a.collectedPoisha + r.collectedPoisha,
    duesPoisha: a.duesPoisha + r.duesPoisha,
    ageing: {
      current: a.ageing.current + r.ageing.current,
      d1to30: a.ageing.d1to30 + r.ageing.d1to30,
      d31to60: a.ageing.d31to60 + r.ageing.d31to60,
      d61to90: a.ageing.d61to90 + r.ageing.d61to90,
      over90: a.ageing.over90 + r.ageing.over90,
    },
  };
}

const EMPTY: Totals = {
  primaryPoisha: 0,
  secondaryOrderedPoisha: 0,
  secondaryDeliveredPoisha: 0,
  sellThroughBp: null,
  collectedPoisha: 0,
  duesPoisha: 0,
  ageing: NO_AGEING,
};

const isEmpty = (r: Totals) =>
  r.primaryPoisha === 0 &&
  r.secondaryOrderedPoisha === 0 &&
  r.secondaryDeliveredPoisha === 0 &&
  r.collectedPoisha === 0 &&
  r.duesPoisha === 0;

export async function getDistributorAnalytics(ctx: Ctx, query: AnalyticsFilter): Promise<DistributorAnalyticsResponse> {
  const period = periodOf(query);
  const slice = await sliceOf(ctx.db, ctx, query);
  const { db } = ctx;
  const orgId = slice.orgId;
  const distributors = await repo.distributorsOf(db, orgId, scopeOf(slice));
  const ids = distributors.map((d) => d.id);
  const [primary, secondary, collected, dues] = await Promise.all([
    primaryDispatchedTotals(db, orgId, ids, period.from, period.to),
    repo.secondaryByDistributor(db, orgId, { distributorIds: ids, from: period.from, to: period.to }),
    collectedByDistributors(db, orgId, ids, period.from, period.to),
    duesOfDistributors(db, orgId, ids, businessDate()),
  ]);
  const sales = new Map(secondary.map((s) => [s.distributor_id, s]));
  const rows: DistributorAnalyticsRow[] = [];
  for (const d of distributors) {
    const s = sales.get(d.id);
    const owed = dues.get(d.id);
    const figures: Totals = {
      primaryPoisha: primary.get(d.id) ?? 0,
      secondaryOrderedPoisha: Number(s?.ordered ?? 0),
      secondaryDeliveredPoisha: Number(s?.delivered ?? 0),
      sellThroughBp: null,
      collectedPoisha: collected.get(d.id) ?? 0,
      duesPoisha: owed?.duesPoisha ?? 0,
      ageing: owed?.ageing ?? NO_AGEING,
    };
    // An archived distributor with nothing left to show is history, not a row.
    if (d.archived_at && isEmpty(figures)) continue;
    figures.sellThroughBp = ratio(figures.secondaryDeliveredPoisha, figures.primaryPoisha, 10_000);
    rows.push({ distributorId: d.id, name: d.name, code: d.code, ...figures });
  }
  rows.sort((a, b) => b.secondaryOrderedPoisha - a.secondaryOrderedPoisha || a.name.localeCompare(b.name));
  const totals = rows.reduce<Totals>((sum, r) => addTotals(sum, r), EMPTY);
  totals.sellThroughBp = ratio(totals.secondaryDeliveredPoisha, totals.primaryPoisha, 10_000);
  return { period, breadcrumb: slice.breadcrumb, totals, rows };
}

type Text = Record<Locale, string>;

const COLUMNS: [key: string, kind: ReportColumn["kind"], label: Text][] = [
  ["name", "text", { en: "Distributor", bn: "ডিস্ট্রিবিউটর" }],
  ["code", "text", { en: "Code", bn: "কোড" }],
  ["primaryPoisha", "money", { en: "Primary (dispatched)", bn: "প্রাইমারি (পাঠানো)" }],
  ["secondaryOrderedPoisha", "money", { en: "Secondary ordered", bn: "সেকেন্ডারি অর্ডার" }],
  ["secondaryDeliveredPoisha", "money", { en: "Secondary delivered", bn: "সেকেন্ডারি ডেলিভারি" }],
  ["sellThroughBp", "basis_points", { en: "Sell-through", bn: "সেল-থ্রু" }],
  ["collectedPoisha", "money", { en: "Collected", bn: "আদায়" }],
  ["duesPoisha", "money", { en: "Dues now", bn: "বর্তমান বকেয়া" }],
  ["current", "money", { en: "Not yet due", bn: "মেয়াদ হয়নি" }],
  ["d1to30", "money", { en: "1-30 days overdue", bn: "১-৩০ দিন বকেয়া" }],
  ["d31to60", "money", { en: "31-60 days overdue", bn: "৩১-৬০ দিন বকেয়া" }],
  ["d61to90", "money", { en: "61-90 days overdue", bn: "৬১-৯০ দিন বকেয়া" }],
  ["over90", "money", { en: "Over 90 days overdue", bn: "৯০ দিনের বেশি বকেয়া" }],
];

function cells(r: Totals, name: string | null, code: string | null) {
  return {
    name,
    code,
    primaryPoisha: r.primaryPoisha,
    secondaryOrderedPoisha: r.secondaryOrderedPoisha,
    secondaryDeliveredPoisha: r.secondaryDeliveredPoisha,
    sellThroughBp: r.sellThroughBp,
    collectedPoisha: r.collectedPoisha,
    duesPoisha: r.duesPoisha,
    ...r.ageing,
  };
}

/** The distributors' table as a report (export, scheduled email), in the reader's language. */
export async function distributorsReport(
  ctx: Ctx,
  query: AnalyticsFilter,
): Promise<{ table: ReportTable; summary: string[] }> {
  const l = ctx.locale;
  const res = await getDistributorAnalytics(ctx, query);
  const title =
    l === "bn"
      ? `ডিস্ট্রিবিউটর: প্রাইমারি, সেকেন্ডারি ও বকেয়া, ${periodText(res.period, l)}`
      : `Distributors: primary, secondary and dues, ${periodText(res.period, l)}`;
  const t = res.totals;
  const through = t.sellThroughBp === null ? "–" : `${formatNumber(t.sellThroughBp / 100, l)}%`;
  const summary =
    l === "bn"
      ? [
          title,
          `প্রাইমারি: ${formatMoney(t.primaryPoisha, l)}, সেকেন্ডারি ডেলিভারি: ${formatMoney(t.secondaryDeliveredPoisha, l)} (সেল-থ্রু ${through})`,
          `আদায়: ${formatMoney(t.collectedPoisha, l)}, বর্তমান বকেয়া: ${formatMoney(t.duesPoisha, l)}`,
        ]
      : [
          title,
          `Primary: ${formatMoney(t.primaryPoisha, l)}, secondary delivered: ${formatMoney(t.secondaryDeliveredPoisha, l)} (sell-through ${through})`,
          `Collected: ${formatMoney(t.collectedPoisha, l)}, dues now: ${formatMoney(t.duesPoisha, l)}`,
        ];
  return {
    table: {
      title,
      subtitle: sliceText(res.breadcrumb, l),
      locale: l,
      columns: COLUMNS.map(([key, kind, label]) => ({ key, kind, label: label[l] })),
      rows: res.rows.map((r) => cells(r, r.name, r.code)),
      totals: cells(t, null, null),
    },
    summary,
  };
}
