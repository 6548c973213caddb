// The sales dashboard's table as a report: the same query the screen makes, every group (not one page), in the
// reader's language, for CSV, XLSX and the scheduled email. The totals row is the dashboard's own totals, so the
// file and the screen agree to the poisha.
import type { SalesQuery, SalesRow } from "../../shared/contracts/analytics.ts";
import { formatDate, formatMoney, formatNumber } from "../../shared/format.ts";
import type { Locale } from "../../shared/locale.ts";
import type { Ctx } from "../platform/context.ts";
import type { ReportColumn, ReportTable } from "./report-table.ts";
import { salesDashboard } from "./sales-analytics.service.ts";

type Text = Record<Locale, string>;

const DIMENSION: Record<SalesQuery["by"], Text> = {
  territory: { en: "territory", bn: "এলাকা" },
  distributor: { en: "distributor", bn: "ডিস্ট্রিবিউটর" },
  outlet: { en: "outlet", bn: "আউটলেট" },
  sku: { en: "SKU", bn: "এসকেইউ" },
  brand: { en: "brand", bn: "ব্র্যান্ড" },
  category: { en: "category", bn: "ক্যাটাগরি" },
  day: { en: "day", bn: "দিন" },
  week: { en: "week", bn: "সপ্তাহ" },
  month: { en: "month", bn: "মাস" },
};

const COLUMNS: [key: string, kind: ReportColumn["kind"], label: Text][] = [
  ["name", "text", { en: "Name", bn: "নাম" }],
  ["orders", "integer", { en: "Memos", bn: "মেমো" }],
  ["orderLines", "integer", { en: "Lines", bn: "লাইন" }],
  ["outletsOrdered", "integer", { en: "Outlets ordered", bn: "অর্ডার করা আউটলেট" }],
  ["orderedQty", "integer", { en: "Ordered quantity", bn: "অর্ডারের পরিমাণ" }],
  ["orderedPoisha", "money", { en: "Ordered", bn: "অর্ডার" }],
  ["previousOrderedPoisha", "money", { en: "Previous period", bn: "আগের সময়কাল" }],
  ["changeBp", "basis_points", { en: "Change", bn: "পরিবর্তন" }],
  ["deliveredPoisha", "money", { en: "Delivered", bn: "ডেলিভারি" }],
  ["returnedPoisha", "money", { en: "Returned", bn: "ফেরত" }],
  ["netPoisha", "money", { en: "Net sales", bn: "নিট বিক্রি" }],
];

function cells(r: Pick<SalesRow, "current" | "previous" | "changeBp">, name: string) {
  return {
    name,
    orders: r.current.orders,
    orderLines: r.current.orderLines,
    outletsOrdered: r.current.outletsOrdered,
    orderedQty: r.current.orderedQty,
    orderedPoisha: r.current.orderedPoisha,
    previousOrderedPoisha: r.previous?.orderedPoisha ?? null,
    changeBp: r.changeBp,
    deliveredPoisha: r.current.deliveredPoisha,
    returnedPoisha: r.current.returnedPoisha,
    netPoisha: r.current.netPoisha,
  };
}

/** The export holds every group the query has, up to this many (an outlet breakdown of a whole country is long). */
export const REPORT_ROW_LIMIT = 1000;

export async function salesReport(ctx: Ctx, q: SalesQuery): Promise<{ table: ReportTable; summary: string[] }> {
  const locale = ctx.locale;
  const res = await salesDashboard(ctx, { ...q, limit: REPORT_ROW_LIMIT, coverage: "outlets" });
  const where = res.breadcrumb.map((b) => (locale === "bn" ? b.nameBn : b.name)).join(" › ");
  const period = `${formatDate(res.period.from, locale)} – ${formatDate(res.period.to, locale)}`;
  const title =
    locale === "bn"
      ? `সেকেন্ডারি বিক্রি, ${DIMENSION[q.by].bn} অনুযায়ী, ${period}`
      : `Secondary sales by ${DIMENSION[q.by].en}, ${period}`;
  const compared =
    q.compare === "previous"
      ? locale === "bn"
        ? `তুলনা: ${formatDate(res.period.previousFrom, locale)} – ${formatDate(res.period.previousTo, locale)}`
        : `Compared with ${formatDate(res.period.previousFrom, locale)} – ${formatDate(res.period.previousTo, locale)}`
      : null;
  const table: ReportTable = {
    title,
    subtitle: [where, compared].filter(Boolean).join(" · ") || null,
    locale,
    columns: COLUMNS.filter(
      ([key]) => q.compare === "previous" || (key !== "previousOrderedPoisha" && key !== "changeBp"),
    ).map(([key, kind, label]) => ({ key, kind, label: label[locale] })),
    rows: res.rows.map((r) => cells(r, locale === "bn" ? (r.labelBn ?? r.label) : r.label)),
    totals: cells(res.totals, locale === "bn" ? "মোট" : "Total"),
  };
  const t = res.totals.current;
  const change = res.totals.changeBp === null ? null : formatNumber(Math.round(res.totals.changeBp / 10) / 10, locale);
  const summary =
    locale === "bn"
      ? [
          title,
          `অর্ডার: ${formatMoney(t.orderedPoisha, locale)}${change === null ? "" : ` (আগের সময়কালের তুলনায় ${change}%)`}`,
          `মেমো: ${formatNumber(t.orders ?? 0, locale)}, আউটলেট: ${formatNumber(t.outletsOrdered ?? 0, locale)}`,
          `ডেলিভারি: ${formatMoney(t.deliveredPoisha, locale)}, ফেরত: ${formatMoney(t.returnedPoisha, locale)}`,
        ]
      : [
          title,
          `Ordered: ${formatMoney(t.orderedPoisha, locale)}${change === null ? "" : ` (${change}% against the previous period)`}`,
          `Memos: ${formatNumber(t.orders ?? 0, locale)}, outlets: ${formatNumber(t.outletsOrdered ?? 0, locale)}`,
          `Delivered: ${formatMoney(t.deliveredPoisha, locale)}, returned: ${formatMoney(t.returnedPoisha, locale)}`,
        ];
  return { table, summary };
}
