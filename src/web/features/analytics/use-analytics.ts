// The dashboards' data: one hook per analytics endpoint, and the exports of the same queries as files.
// Row labels come in both scripts, but warnings' messages are written in the caller's language, so the locale is
// part of those keys only.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  AvailabilityQuery,
  AvailabilityResponse,
  DistributorAnalyticsResponse,
  FieldAnalyticsQuery,
  FieldAnalyticsResponse,
  MoversQuery,
  MoversResponse,
  OutletAnalyticsQuery,
  OutletAnalyticsResponse,
  SalesQuery,
  SalesResponse,
  WarningsQuery,
  WarningsResponse,
} from "../../../shared/contracts/analytics.ts";
import { ApiError, api, buildUrl, type QueryValue } from "../../api/api-client.ts";
import { resourceKeys } from "../../api/query-keys.ts";
import { currentLocale, i18n, useLocale } from "../../i18n/i18n.ts";

export const analyticsKeys = {
  ...resourceKeys("analytics"),
  reports: (report: string) => ["analytics", "report", report] as const,
  report: (report: string, query: object) => ["analytics", "report", report, query] as const,
  outlet: (id: string, query: object) => ["analytics", "outlet", id, query] as const,
};

/** The sales screen asks again this often, so a confirmed order shows up while the person watches. */
export const SALES_REFRESH_MS = 10_000;

/** A query as the API's query string takes it: the contract's input type, every field optional. */
export type SalesParams = Partial<SalesQuery>;
export type MoversParams = Partial<MoversQuery>;
export type FieldParams = Partial<FieldAnalyticsQuery>;
export type AvailabilityParams = Partial<AvailabilityQuery>;
export type DistributorParams = Pick<Partial<SalesQuery>, "from" | "to" | "territoryId" | "distributorId">;
export type WarningsParams = Partial<WarningsQuery>;

const BASE = "/api/v1/analytics";
const asQuery = (q: object) => q as Record<string, QueryValue>;

/**
 * `keepPrevious` (default) shows the last answer while the next loads; the coverage request turns it off, so that
 * outlet counts of another view are never merged into this one.
 */
export function useSales(query: SalesParams, options: { refresh?: boolean; keepPrevious?: boolean } = {}) {
  return useQuery({
    queryKey: analyticsKeys.report("sales", query),
    queryFn: ({ signal }) => api.get<SalesResponse>(`${BASE}/sales`, asQuery(query), signal),
    placeholderData: options.keepPrevious === false ? undefined : keepPreviousData,
    refetchInterval: options.refresh ? SALES_REFRESH_MS : false,
  });
}

export function useMovers(query: MoversParams, options: { refresh?: boolean } = {}) {
  return useQuery({
    queryKey: analyticsKeys.report("movers", query),
    queryFn: ({ signal }) => api.get<MoversResponse>(`${BASE}/sales/movers`, asQuery(query), signal),
    placeholderData: keepPreviousData,
    refetchInterval: options.refresh ? SALES_REFRESH_MS : false,
  });
}

/** How many warnings of each kind the caller has (one item is asked for: only the counts are wanted). */
export function useWarningCounts() {
  return useQuery({
    queryKey: analyticsKeys.report("warnings", { counts: true }),
    queryFn: ({ signal }) => api.get<WarningsResponse>(`${BASE}/warnings`, { limit: 1 }, signal),
    select: (r) => r.counts,
    staleTime: 5 * 60_000,
  });
}

export function useOutletAnalytics(outletId: string, query: OutletAnalyticsQuery) {
  return useQuery({
    queryKey: analyticsKeys.outlet(outletId, query),
    queryFn: ({ signal }) => api.get<OutletAnalyticsResponse>(`${BASE}/outlets/${outletId}`, asQuery(query), signal),
    placeholderData: keepPreviousData,
  });
}

export function useFieldAnalytics(query: FieldParams) {
  return useQuery({
    queryKey: analyticsKeys.report("field", query),
    queryFn: ({ signal }) => api.get<FieldAnalyticsResponse>(`${BASE}/field`, asQuery(query), signal),
    placeholderData: keepPreviousData,
  });
}

export function useAvailability(query: AvailabilityParams) {
  return useQuery({
    queryKey: analyticsKeys.report("availability", query),
    queryFn: ({ signal }) => api.get<AvailabilityResponse>(`${BASE}/availability`, asQuery(query), signal),
    placeholderData: keepPreviousData,
  });
}

export function useDistributorAnalytics(query: DistributorParams) {
  return useQuery({
    queryKey: analyticsKeys.report("distributors", query),
    queryFn: ({ signal }) => api.get<DistributorAnalyticsResponse>(`${BASE}/distributors`, asQuery(query), signal),
    placeholderData: keepPreviousData,
  });
}

export function useWarnings(query: WarningsParams) {
  const locale = useLocale();
  return useQuery({
    queryKey: analyticsKeys.report("warnings", { ...query, locale }),
    queryFn: ({ signal }) => api.get<WarningsResponse>(`${BASE}/warnings`, asQuery(query), signal),
    placeholderData: keepPreviousData,
  });
}

/** Look for early warnings now rather than at the next daily run (admins). */
export function useRefreshWarnings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<WarningsResponse>(`${BASE}/warnings/refresh`),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: analyticsKeys.reports("warnings") });
    },
  });
}

export type ExportReport = "sales" | "field" | "availability" | "distributors" | "warnings";
export type ExportFormat = "csv" | "xlsx";

/** The export of a report with exactly the query its table shows. */
export const exportUrl = (report: ExportReport, format: ExportFormat, query: object): string =>
  buildUrl(`${BASE}/${report}/export`, { ...asQuery(query), format });

/** The name the server gives the file (Content-Disposition), or a plain one when it gives none. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition)?.[1];
  if (star) {
    try {
      return decodeURIComponent(star.trim());
    } catch {
      // a malformed escape: fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition)?.[1];
  return plain?.trim() || fallback;
}

/**
 * Download a file through fetch rather than a plain link: the file must be in the UI language, and only a
 * request we make can say so (Accept-Language); a link would carry the browser's own language.
 */
export async function downloadFile(url: string, fallbackName: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { "Accept-Language": currentLocale() }, credentials: "same-origin" });
  } catch {
    throw new ApiError(0, "network.unreachable", i18n.t("errors.network"));
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => undefined)) as
      | { error?: { code?: string; message?: string } }
      | undefined;
    const e = body?.error;
    throw e?.code && e.message
      ? new ApiError(res.status, e.code, e.message)
      : new ApiError(res.status, `http.${res.status}`, i18n.t("errors.unexpected", { status: res.status }));
  }
  const blob = await res.blob();
  const name = fileNameOf(res.headers.get("content-disposition"), fallbackName);
  const href = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = href;
  a.download = name;
  a.rel = "noopener";
  document.body.append(a);
  a.click();
  a.remove();
  // The browser has taken the file by the next task; the object URL is only needed for the click.
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
  return name;
}

const downloadExport = ({ report, format, query }: { report: ExportReport; format: ExportFormat; query: object }) =>
  downloadFile(exportUrl(report, format, query), `${report}.${format}`);

export function useDownloadExport() {
  return useMutation({ mutationFn: downloadExport });
}
