// The stock plan as a report table, in the caller's language: the same object becomes the XLSX or CSV download.
import type { z } from "zod";
import type { PlanQuery, PlanStatus } from "../../shared/contracts/replenishment.ts";
import type { Locale } from "../../shared/locale.ts";
import type { ReportTable } from "../analytics/report-table.ts";
import type { Ctx } from "../platform/context.ts";
import { getPlan } from "./replenishment.service.ts";

const STATUS_WORDS: Record<PlanStatus, Record<Locale, string>> = {
  stock_out: { en: "Out of stock", bn: "স্টক শেষ" },
  at_risk: { en: "At risk", bn: "ঝুঁকিতে" },
  reorder: { en: "Reorder", bn: "রিঅর্ডার" },
  ok: { en: "OK", bn: "ঠিক আছে" },
  over_stock: { en: "Over-stock", bn: "অতিরিক্ত স্টক" },
};

const COLUMNS: [key: string, kind: ReportTable["columns"][number]["kind"], en: string, bn: string][] = [
  ["sku", "text", "SKU", "এসকেইউ"],
  ["name", "text", "Product", "পণ্য"],
  ["status", "text", "Status", "অবস্থা"],
  ["onHand", "integer", "On hand", "মজুদ"],
  ["reserved", "integer", "Reserved", "সংরক্ষিত"],
  ["available", "integer", "Available", "প্রাপ্য"],
  ["onOrder", "integer", "On order", "অর্ডারে আছে"],
  ["avgDaily", "decimal", "Forecast per day", "দৈনিক পূর্বাভাস"],
  ["daysOfCover", "decimal", "Days of cover", "কভার (দিন)"],
  ["safetyStock", "integer", "Safety stock", "নিরাপত্তা স্টক"],
  ["reorderPoint", "integer", "Reorder point", "রিঅর্ডার পয়েন্ট"],
  ["orderUpTo", "integer", "Order-up-to level", "সর্বোচ্চ স্তর"],
  ["proposedQty", "integer", "Order now (pieces)", "এখন অর্ডার (পিস)"],
  ["proposedUnits", "integer", "Order now (cases)", "এখন অর্ডার (কেস)"],
  ["method", "text", "Method", "পদ্ধতি"],
];

export async function planReport(ctx: Ctx, query: z.infer<typeof PlanQuery>): Promise<ReportTable> {
  const plan = await getPlan(ctx, query);
  const l = ctx.locale;
  const bn = l === "bn";
  return {
    title: bn ? `স্টক পরিকল্পনা — ${plan.distributorNameBn}` : `Stock plan — ${plan.distributorName}`,
    subtitle: bn
      ? `লিড টাইম ${plan.leadTimeDays} দিন · রিভিউ ${plan.reviewDays} দিন · সার্ভিস লেভেল ${Math.round(plan.serviceLevel * 1000) / 10}%`
      : `Lead time ${plan.leadTimeDays} days · review ${plan.reviewDays} days · service level ${Math.round(plan.serviceLevel * 1000) / 10}%`,
    locale: l,
    columns: COLUMNS.map(([key, kind, en, bnLabel]) => ({ key, kind, label: bn ? bnLabel : en })),
    rows: plan.rows.map((r) => ({
      sku: r.skuCode,
      name: bn ? r.skuNameBn : r.skuName,
      status: STATUS_WORDS[r.status][l],
      onHand: r.onHand,
      reserved: r.reserved,
      available: r.available,
      onOrder: r.onOrder,
      avgDaily: r.avgDaily,
      daysOfCover: r.daysOfCover,
      safetyStock: r.safetyStock,
      reorderPoint: r.reorderPoint,
      orderUpTo: r.orderUpTo,
      proposedQty: r.proposedQty,
      proposedUnits: r.proposedUnits,
      method: r.method,
    })),
    totals: null,
  };
}
