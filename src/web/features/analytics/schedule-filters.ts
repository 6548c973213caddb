// What a scheduled report keeps of the screen it was scheduled from. The server builds the report at each sending
// from these filters with the report's own query (the API contract), so only that query's keys are kept. Dates are
// left out on purpose (a report that goes out every week must not repeat the period on screen today): a named
// period ("last 7 days") is kept and rolls with each sending; a custom one becomes the month so far.
import {
  AvailabilityQuery,
  DistributorAnalyticsQuery,
  FieldAnalyticsQuery,
  SalesQuery,
  WarningsQuery,
} from "../../../shared/contracts/analytics.ts";
import type { ExportReport } from "./use-analytics.ts";

const QUERY_KEYS: Record<ExportReport, readonly string[]> = {
  sales: Object.keys(SalesQuery.shape),
  field: Object.keys(FieldAnalyticsQuery.shape),
  availability: Object.keys(AvailabilityQuery.shape),
  distributors: Object.keys(DistributorAnalyticsQuery.shape),
  warnings: Object.keys(WarningsQuery.shape),
};

/** Dates, and the page size of the table on screen (the report holds every row). */
const NOT_KEPT = new Set(["from", "to", "limit"]);

export function scheduleFilters(report: ExportReport, search: object): Record<string, string | number | boolean> {
  const keys = new Set(QUERY_KEYS[report]);
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(search)) {
    if (!keys.has(k) || NOT_KEPT.has(k) || v === undefined || v === null || v === "" || v === "custom") continue;
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") out[k] = v;
  }
  return out;
}
