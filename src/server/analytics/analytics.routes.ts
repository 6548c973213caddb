// The analytics HTTP edge: every dashboard's query (the web app reads exactly these), the rollups' freshness and
// rebuild, exports and scheduled reports.
import {
  Freshness,
  MoversQuery,
  MoversResponse,
  OutletAnalyticsQuery,
  OutletAnalyticsResponse,
  RebuildResponse,
  SalesQuery,
  SalesResponse,
} from "../../shared/contracts/analytics.ts";
import { ErrorResponse, IdParams } from "../../shared/contracts/common.ts";
import { type App, ctxOf } from "../platform/http.ts";
import { outletAnalytics, salesDashboard, salesMovers } from "./sales-analytics.service.ts";
import { freshnessForCaller, rebuildOwnSalesRollups } from "./sales-rollups.service.ts";

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 422: ErrorResponse };

export function analyticsRoutes(app: App) {
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
}
