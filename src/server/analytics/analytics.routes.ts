// The analytics HTTP edge: every dashboard's query (the web app reads exactly these), the rollups' freshness and
// rebuild, exports and scheduled reports.
import { z } from "zod";
import {
  AvailabilityQuery,
  AvailabilityResponse,
  DistributorAnalyticsQuery,
  DistributorAnalyticsResponse,
  ExportQuery,
  FieldAnalyticsQuery,
  FieldAnalyticsResponse,
  Freshness,
  MoversQuery,
  MoversResponse,
  OutletAnalyticsQuery,
  OutletAnalyticsResponse,
  RebuildResponse,
  SalesQuery,
  SalesResponse,
  WarningsQuery,
  WarningsResponse,
} from "../../shared/contracts/analytics.ts";
import { ErrorResponse, IdParams } from "../../shared/contracts/common.ts";
import {
  CreateReportScheduleRequest,
  ReportScheduleListQuery,
  ReportScheduleListResponse,
  ReportScheduleResponse,
} from "../../shared/contracts/report-schedules.ts";
import { csvDownloadHeaders } from "../platform/csv.ts";
import { type App, ctxOf } from "../platform/http.ts";
import type { Mailer } from "../platform/mail/mailer.ts";
import { buildReport, createCheckedSchedule, type ExportableReport, REPORTS } from "./analytics-reports.ts";
import { getAvailability } from "./availability-analytics.service.ts";
import { getDistributorAnalytics } from "./distributor-analytics.service.ts";
import { getFieldAnalytics } from "./field-analytics.service.ts";
import { reportCsv, reportXlsx, XLSX_CONTENT_TYPE, xlsxDownloadHeaders } from "./report-files.ts";
import * as schedules from "./report-schedules.service.ts";
import { outletAnalytics, salesDashboard, salesMovers } from "./sales-analytics.service.ts";
import { freshnessForCaller, rebuildOwnSalesRollups } from "./sales-rollups.service.ts";
import { listWarnings, refreshOwnWarnings } from "./sales-warnings.service.ts";

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 422: ErrorResponse };

export function analyticsRoutes(app: App, opts: { mailer: Mailer }) {
  const tags = ["analytics"];
  app.get(
    "/api/v1/analytics/sales",
    {
      config: { access: "analytics.read" },
      schema: {
        tags,
        summary:
          "Secondary sales in a period against the previous one: totals and a breakdown by territory (the children of the chosen node), distributor, outlet, SKU, brand, category, day, week or month",
        querystring: SalesQuery,
        response: { 200: SalesResponse, ...errors },
      },
    },
    async (request) => salesDashboard(ctxOf(request), request.query),
  );
  app.get(
    "/api/v1/analytics/sales/movers",
    {
      config: { access: "analytics.read" },
      schema: {
        tags,
        summary: "The largest risers and fallers of ordered value against the previous period",
        querystring: MoversQuery,
        response: { 200: MoversResponse, ...errors },
      },
    },
    async (request) => salesMovers(ctxOf(request), request.query),
  );
  app.get(
    "/api/v1/analytics/outlets/:id",
    {
      config: { access: "analytics.read" },
      schema: {
        tags,
        summary: "One outlet: its sales in the period, twelve months, what it buys, its last memos and ordering rhythm",
        params: IdParams,
        querystring: OutletAnalyticsQuery,
        response: { 200: OutletAnalyticsResponse, ...errors },
      },
    },
    async (request) => outletAnalytics(ctxOf(request), request.params.id, request.query),
  );
  app.get(
    "/api/v1/analytics/field",
    {
      config: { access: "analytics.read" },
      schema: {
        tags,
        summary:
          "The field force in a period, by rep or by territory: visits, strike rate, lines per call, drop size, coverage (ECO), time in outlets and productive time",
        querystring: FieldAnalyticsQuery,
        response: { 200: FieldAnalyticsResponse, ...errors },
      },
    },
    async (request) => getFieldAnalytics(ctxOf(request), request.query),
  );
  app.get(
    "/api/v1/analytics/availability",
    {
      config: { access: "analytics.read" },
      schema: {
        tags,
        summary:
          "Out-of-stock rate from outlet stock audits by SKU or territory, and the distributor x SKU pairs with the fewest days of cover",
        querystring: AvailabilityQuery,
        response: { 200: AvailabilityResponse, ...errors },
      },
    },
    async (request) => getAvailability(ctxOf(request), request.query),
  );
  app.get(
    "/api/v1/analytics/distributors",
    {
      config: { access: "analytics.read" },
      schema: {
        tags,
        summary:
          "Per distributor: primary (company to distributor) against secondary sales, collections, dues and their ageing",
        querystring: DistributorAnalyticsQuery,
        response: { 200: DistributorAnalyticsResponse, ...errors },
      },
    },
    async (request) => getDistributorAnalytics(ctxOf(request), request.query),
  );
  app.get(
    "/api/v1/analytics/warnings",
    {
      config: { access: "analytics.read" },
      schema: {
        tags,
        summary:
          "Early warnings in my part of the market: outlets that stopped ordering, SKUs falling against their trend, territories behind run-rate",
        querystring: WarningsQuery,
        response: { 200: WarningsResponse, ...errors },
      },
    },
    async (request) => listWarnings(ctxOf(request), request.query),
  );
  app.post(
    "/api/v1/analytics/warnings/refresh",
    {
      config: { access: "analytics.manage" },
      schema: {
        tags,
        summary: "Look for early warnings now rather than at the next daily run (06:00 Dhaka)",
        response: { 200: WarningsResponse, ...errors },
      },
    },
    async (request) => refreshOwnWarnings(ctxOf(request)),
  );
  app.get(
    "/api/v1/analytics/freshness",
    {
      config: { access: "analytics.read" },
      schema: {
        tags,
        summary: "How fresh the dashboards are: when the rollups last took in a change, and how many wait",
        response: { 200: Freshness, ...errors },
      },
    },
    async (request) => freshnessForCaller(ctxOf(request)),
  );
  app.post(
    "/api/v1/analytics/rebuild",
    {
      config: { access: "analytics.manage" },
      schema: {
        tags,
        summary: "Recompute the organisation's sales rollups from its orders (normally never needed)",
        response: { 200: RebuildResponse, ...errors },
      },
    },
    async (request) => rebuildOwnSalesRollups(ctxOf(request)),
  );

  exportRoutes(app);
  scheduleRoutes(app, opts.mailer);
}

/** Every report as a file: `GET /api/v1/analytics/<report>/export?format=csv|xlsx&<the dashboard's query>`. */
function exportRoutes(app: App) {
  for (const [name, def] of Object.entries(REPORTS) as [ExportableReport, (typeof REPORTS)[ExportableReport]][]) {
    app.get(
      `/api/v1/analytics/${name}/export`,
      {
        config: { access: "analytics.read" },
        schema: {
          tags: ["analytics"],
          summary: `The ${name} report with the dashboard's filters, as XLSX (default) or CSV (UTF-8 with BOM)`,
          querystring: def.query.extend(ExportQuery.shape),
          produces: [XLSX_CONTENT_TYPE, "text/csv"],
          response: { 200: z.any(), ...errors },
        },
      },
      async (request, reply) => {
        const { format, ...query } = request.query as { format: "csv" | "xlsx" } & Record<string, unknown>;
        const { table } = await buildReport(ctxOf(request), name, query);
        return format === "csv"
          ? reply.headers(csvDownloadHeaders(name)).send(reportCsv(table))
          : reply.headers(xlsxDownloadHeaders(name)).send(await reportXlsx(table));
      },
    );
  }
}

function scheduleRoutes(app: App, mailer: Mailer) {
  const tags = ["analytics"];
  const base = "/api/v1/analytics/report-schedules";
  app.get(
    base,
    {
      config: { access: "analytics.read" },
      schema: {
        tags,
        summary: "My scheduled reports (an admin: the organisation's, or one person's with ownerId)",
        querystring: ReportScheduleListQuery,
        response: { 200: ReportScheduleListResponse, ...errors },
      },
    },
    async (request) => schedules.listReportSchedules(ctxOf(request), request.query),
  );
  app.post(
    base,
    {
      config: { access: "analytics.read" },
      schema: {
        tags,
        summary:
          "Have a report emailed daily or weekly, in my language, with the dashboard's filters and the XLSX attached",
        body: CreateReportScheduleRequest,
        response: { 201: ReportScheduleResponse, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await createCheckedSchedule(ctxOf(request), request.body)),
  );
  app.get(
    `${base}/:id`,
    {
      config: { access: "analytics.read" },
      schema: {
        tags,
        summary: "One scheduled report",
        params: IdParams,
        response: { 200: ReportScheduleResponse, ...errors },
      },
    },
    async (request) => schedules.getReportSchedule(ctxOf(request), request.params.id),
  );
  app.delete(
    `${base}/:id`,
    {
      config: { access: "analytics.read" },
      schema: {
        tags,
        summary: "Stop a scheduled report (it is archived)",
        params: IdParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await schedules.archiveReportSchedule(ctxOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
  app.post(
    `${base}/:id/send`,
    {
      config: { access: "analytics.read" },
      schema: {
        tags,
        summary: "Send a scheduled report now (its regular time does not move)",
        params: IdParams,
        response: { 200: ReportScheduleResponse, 502: ErrorResponse, 503: ErrorResponse, ...errors },
      },
    },
    async (request) => schedules.sendReportNow(ctxOf(request), request.params.id, mailer, buildReport),
  );
}
