import { z } from "zod";
import { ErrorResponse, IdParams } from "../../shared/contracts/common.ts";
import {
  AlertQuery,
  AlertsResponse,
  ApproveProposal,
  BacktestQuery,
  BacktestResponse,
  CreateDemandEvent,
  DemandEvent,
  DismissProposal,
  DistributorPolicy,
  ForecastQuery,
  ForecastResponse,
  ForecastRun,
  GenerateResult,
  PlanExportQuery,
  PlanQuery,
  PlanResponse,
  ProposalQuery,
  ProposalResponse,
  ProposalSummary,
  ReplenishmentSettings,
  UpdateDistributorPolicy,
  UpdateReplenishmentSettings,
} from "../../shared/contracts/replenishment.ts";
import { reportCsv, reportXlsx, XLSX_CONTENT_TYPE, xlsxDownloadHeaders } from "../analytics/report-files.ts";
import { csvDownloadHeaders } from "../platform/csv.ts";
import { type App, ctxOf } from "../platform/http.ts";
import { runForecastNow } from "./forecast-run.service.ts";
import * as service from "./replenishment.service.ts";
import * as proposals from "./replenishment-proposals.service.ts";
import { planReport } from "./replenishment-reports.ts";
import * as alerts from "./stock-alerts.service.ts";

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
};

const BASE = "/api/v1/replenishment";

export function replenishmentRoutes(app: App) {
  const tags = ["replenishment"];

  app.get(
    `${BASE}/settings`,
    {
      config: { access: "replenishment.read" },
      schema: {
        tags,
        summary: "The company's replenishment policy",
        response: { 200: ReplenishmentSettings, ...errors },
      },
    },
    async (request) => service.getSettings(ctxOf(request)),
  );

  app.put(
    `${BASE}/settings`,
    {
      config: { access: "replenishment.manage" },
      schema: {
        tags,
        summary: "Change the policy: service level, review period, default lead time, cover limits, auto-submit",
        body: UpdateReplenishmentSettings,
        response: { 200: ReplenishmentSettings, ...errors },
      },
    },
    async (request) => service.updateSettings(ctxOf(request), request.body),
  );

  app.get(
    `${BASE}/distributors/:id/policy`,
    {
      config: { access: "replenishment.read" },
      schema: {
        tags,
        summary: "A distributor's own lead time and review period, its measured lead time, and what plans use",
        params: IdParams,
        response: { 200: DistributorPolicy, ...errors },
      },
    },
    async (request) => service.getDistributorPolicy(ctxOf(request), request.params.id),
  );

  app.put(
    `${BASE}/distributors/:id/policy`,
    {
      config: { access: "replenishment.manage" },
      schema: {
        tags,
        summary: "Set a distributor's own lead time or review period (null: the company's), or pause its proposals",
        params: IdParams,
        body: UpdateDistributorPolicy,
        response: { 200: DistributorPolicy, ...errors },
      },
    },
    async (request) => service.updateDistributorPolicy(ctxOf(request), request.params.id, request.body),
  );

  app.get(
    `${BASE}/events`,
    {
      config: { access: "replenishment.read" },
      schema: {
        tags,
        summary: "Known demand peaks (Eid, Puja...) the forecast learns from and plans for",
        response: { 200: z.array(DemandEvent), ...errors },
      },
    },
    async (request) => service.listDemandEvents(ctxOf(request)),
  );

  app.post(
    `${BASE}/events`,
    {
      config: { access: "replenishment.manage" },
      schema: {
        tags,
        summary: "Add a demand event",
        body: CreateDemandEvent,
        response: { 201: DemandEvent, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await service.createDemandEvent(ctxOf(request), request.body)),
  );

  app.delete(
    `${BASE}/events/:id`,
    {
      config: { access: "replenishment.manage" },
      schema: { tags, summary: "Remove a demand event", params: IdParams, response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      await service.deleteDemandEvent(ctxOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    `${BASE}/plan`,
    {
      config: { access: "replenishment.read" },
      schema: {
        tags,
        summary:
          "One distributor's stock plan: per SKU its stock, stock on order, forecast demand, safety stock, reorder point, order-up-to level, days of cover, status and the quantity to order now in whole cases",
        querystring: PlanQuery,
        response: { 200: PlanResponse, ...errors },
      },
    },
    async (request) => service.getPlan(ctxOf(request), request.query),
  );

  app.get(
    `${BASE}/plan/export`,
    {
      config: { access: "replenishment.read" },
      schema: {
        tags,
        summary: "The stock plan as XLSX or CSV (UTF-8 with BOM), same filters",
        querystring: PlanExportQuery,
        produces: [XLSX_CONTENT_TYPE, "text/csv"],
        response: { 200: z.any(), ...errors },
      },
    },
    async (request, reply) => {
      const { format, ...query } = request.query;
      const table = await planReport(ctxOf(request), query);
      return format === "csv"
        ? reply.headers(csvDownloadHeaders("stock-plan")).send(reportCsv(table))
        : reply.headers(xlsxDownloadHeaders("stock-plan")).send(await reportXlsx(table));
    },
  );

  app.get(
    `${BASE}/forecast`,
    {
      config: { access: "replenishment.read" },
      schema: {
        tags,
        summary:
          "One distributor x SKU series: daily sell-out history, the forecast, the method chosen and its backtest",
        querystring: ForecastQuery,
        response: { 200: ForecastResponse, ...errors },
      },
    },
    async (request) => service.getForecast(ctxOf(request), request.query),
  );

  app.get(
    `${BASE}/backtest`,
    {
      config: { access: "replenishment.read" },
      schema: {
        tags,
        summary:
          "Forecast accuracy: MASE of every series and of the seasonal-naive forecast over the last four weeks, medians, worst first",
        querystring: BacktestQuery,
        response: { 200: BacktestResponse, ...errors },
      },
    },
    async (request) => service.getBacktest(ctxOf(request), request.query),
  );

  app.post(
    `${BASE}/forecast/run`,
    {
      config: { access: "replenishment.manage" },
      schema: {
        tags,
        summary: "Forecast every series of the org now (the daily job does this at 05:30), then refresh alerts",
        response: { 200: ForecastRun, ...errors },
      },
    },
    async (request) => runForecastNow(ctxOf(request)),
  );

  app.get(
    `${BASE}/proposals`,
    {
      config: { access: "replenishment.read" },
      schema: {
        tags,
        summary: "Proposed primary orders, newest first",
        querystring: ProposalQuery,
        response: { 200: z.array(ProposalSummary), ...errors },
      },
    },
    async (request) => proposals.listProposals(ctxOf(request), request.query),
  );

  app.post(
    `${BASE}/proposals/generate`,
    {
      config: { access: "replenishment.manage" },
      schema: {
        tags,
        summary: "Propose now for every distributor at its reorder point (auto-submitted if the policy says so)",
        response: { 200: GenerateResult, ...errors },
      },
    },
    async (request) => proposals.generateForCaller(ctxOf(request)),
  );

  app.get(
    `${BASE}/proposals/:id`,
    {
      config: { access: "replenishment.read" },
      schema: {
        tags,
        summary: "A proposal with its lines and the figures behind each",
        params: IdParams,
        response: { 200: ProposalResponse, ...errors },
      },
    },
    async (request) => proposals.getProposal(ctxOf(request), request.params.id),
  );

  app.post(
    `${BASE}/proposals/:id/approve`,
    {
      config: { access: "replenishment.approve" },
      schema: {
        tags,
        summary: "Approve a proposal (optionally with changed quantities): it becomes a submitted primary order",
        params: IdParams,
        body: ApproveProposal.optional(),
        response: { 200: ProposalResponse, ...errors },
      },
    },
    async (request) => proposals.approveProposal(ctxOf(request), request.params.id, request.body ?? {}),
  );

  app.post(
    `${BASE}/proposals/:id/dismiss`,
    {
      config: { access: "replenishment.approve" },
      schema: {
        tags,
        summary: "Dismiss a proposal",
        params: IdParams,
        body: DismissProposal.optional(),
        response: { 200: ProposalResponse, ...errors },
      },
    },
    async (request) => proposals.dismissProposal(ctxOf(request), request.params.id, request.body ?? {}),
  );

  app.get(
    `${BASE}/alerts`,
    {
      config: { access: "replenishment.read" },
      schema: {
        tags,
        summary: "Stock-out, at-risk, over-stock and near-expiry alerts per distributor and SKU, worst first",
        querystring: AlertQuery,
        response: { 200: AlertsResponse, ...errors },
      },
    },
    async (request) => alerts.listAlerts(ctxOf(request), request.query),
  );

  app.post(
    `${BASE}/alerts/refresh`,
    {
      config: { access: "replenishment.manage" },
      schema: { tags, summary: "Find the stock alerts again now", response: { 200: AlertsResponse, ...errors } },
    },
    async (request) => alerts.refreshOwnAlerts(ctxOf(request)),
  );
}
