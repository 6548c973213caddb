import { z } from "zod";
import { ErrorResponse, IdParams } from "../../shared/contracts/common.ts";
import {
  ComputeResult,
  ComputeStatements,
  MarkPaid,
  Plan,
  PlanInput,
  PlanListQuery,
  Statement,
  StatementExportQuery,
  StatementListQuery,
  StatementSummary,
  UpdatePlan,
} from "../../shared/contracts/incentives.ts";
import { reportCsv, reportXlsx, XLSX_CONTENT_TYPE, xlsxDownloadHeaders } from "../analytics/report-files.ts";
import { csvDownloadHeaders } from "../platform/csv.ts";
import { type App, ctxOf } from "../platform/http.ts";
import * as service from "./incentives.service.ts";

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
};

const BASE = "/api/v1/incentives";

export function incentivesRoutes(app: App) {
  const tags = ["incentives"];

  app.get(
    `${BASE}/plans`,
    {
      config: { access: "incentives.read" },
      schema: {
        tags,
        summary: "The organisation's incentive and commission plans",
        querystring: PlanListQuery,
        response: { 200: z.array(Plan), ...errors },
      },
    },
    async (request) => service.listPlans(ctxOf(request), request.query.includeArchived ?? false),
  );

  app.post(
    `${BASE}/plans`,
    {
      config: { access: "incentives.manage" },
      schema: {
        tags,
        summary:
          "Create a plan: marginal commission slabs on attainment of the value target (the last one the accelerator), gates, a cap and focus-SKU kickers",
        body: PlanInput,
        response: { 201: Plan, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await service.createPlan(ctxOf(request), request.body)),
  );

  app.get(
    `${BASE}/plans/:id`,
    {
      config: { access: "incentives.read" },
      schema: { tags, summary: "One plan", params: IdParams, response: { 200: Plan, ...errors } },
    },
    async (request) => service.getPlan(ctxOf(request), request.params.id),
  );

  app.put(
    `${BASE}/plans/:id`,
    {
      config: { access: "incentives.manage" },
      schema: {
        tags,
        summary: "Change a plan (drafts computed later use it; approved statements keep their figures), or archive it",
        params: IdParams,
        body: UpdatePlan,
        response: { 200: Plan, ...errors },
      },
    },
    async (request) => service.updatePlan(ctxOf(request), request.params.id, request.body),
  );

  app.post(
    `${BASE}/statements/compute`,
    {
      config: { access: "incentives.manage" },
      schema: {
        tags,
        summary:
          "Compute (or recompute) the draft statements of one plan and period for everyone it applies to who has a value target or an earlier approved statement",
        body: ComputeStatements,
        response: { 200: ComputeResult, ...errors },
      },
    },
    async (request) => service.computeStatements(ctxOf(request), request.body),
  );

  app.get(
    `${BASE}/statements`,
    {
      config: { access: "incentives.read" },
      schema: {
        tags,
        summary: "Statements the caller may see (all, a manager's team, one's own), by period, plan and status",
        querystring: StatementListQuery,
        response: { 200: z.object({ items: z.array(StatementSummary) }), ...errors },
      },
    },
    async (request) => service.listStatements(ctxOf(request), request.query),
  );

  app.get(
    `${BASE}/statements/export`,
    {
      config: { access: "incentives.approve" },
      schema: {
        tags,
        summary: "A period's approved and paid statements for payout, as XLSX or CSV (UTF-8 with BOM)",
        querystring: StatementExportQuery,
        produces: [XLSX_CONTENT_TYPE, "text/csv"],
        response: { 200: z.any(), ...errors },
      },
    },
    async (request, reply) => {
      const { format, ...query } = request.query;
      const table = await service.payoutReport(ctxOf(request), query);
      return format === "csv"
        ? reply.headers(csvDownloadHeaders("commission-payout")).send(reportCsv(table))
        : reply.headers(xlsxDownloadHeaders("commission-payout")).send(await reportXlsx(table));
    },
  );

  app.get(
    `${BASE}/statements/:id`,
    {
      config: { access: "incentives.read" },
      schema: {
        tags,
        summary: "One statement with every line: the figures it was computed from and its amount",
        params: IdParams,
        response: { 200: Statement, ...errors },
      },
    },
    async (request) => service.getStatement(ctxOf(request), request.params.id),
  );

  app.post(
    `${BASE}/statements/:id/approve`,
    {
      config: { access: "incentives.approve" },
      schema: {
        tags,
        summary: "Approve a draft: recomputed as of now and frozen (figures and lines stored)",
        params: IdParams,
        response: { 200: Statement, ...errors },
      },
    },
    async (request) => service.approveStatement(ctxOf(request), request.params.id),
  );

  app.post(
    `${BASE}/statements/:id/pay`,
    {
      config: { access: "incentives.approve" },
      schema: {
        tags,
        summary: "Mark an approved statement paid, with the payout's reference (bank or mobile-money transaction)",
        params: IdParams,
        body: MarkPaid,
        response: { 200: Statement, ...errors },
      },
    },
    async (request) => service.markPaid(ctxOf(request), request.params.id, request.body),
  );
}
