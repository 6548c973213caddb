import { z } from "zod";
import {
  ApproveClaim,
  ClaimableQuery,
  ClaimableResponse,
  ClaimExportQuery,
  ClaimQuery,
  ClaimResponse,
  ClaimSummary,
  CreateClaim,
  DisputeClaim,
  SettleClaim,
  SubmitClaim,
  WithdrawClaim,
} from "../../shared/contracts/claims.ts";
import { ErrorResponse, IdParams } from "../../shared/contracts/common.ts";
import { reportCsv, reportXlsx, XLSX_CONTENT_TYPE, xlsxDownloadHeaders } from "../analytics/report-files.ts";
import { csvDownloadHeaders } from "../platform/csv.ts";
import { type App, ctxOf } from "../platform/http.ts";
import * as service from "./claims.service.ts";

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
};

const BASE = "/api/v1/claims";

export function claimsRoutes(app: App) {
  const tags = ["claims"];

  app.get(
    `${BASE}/claimable`,
    {
      config: { access: "claims.read" },
      schema: {
        tags,
        summary:
          "Claimable now, per distributor and claimable scheme: delivered scheme cost not yet claimed (of a period, when given) and differences on items claimed before (returns)",
        querystring: ClaimableQuery,
        response: { 200: ClaimableResponse, ...errors },
      },
    },
    async (request) => service.getClaimable(ctxOf(request), request.query),
  );

  app.get(
    BASE,
    {
      config: { access: "claims.read" },
      schema: {
        tags,
        summary: "Claims in the caller's scope, newest first, by status and distributor",
        querystring: ClaimQuery,
        response: { 200: z.array(ClaimSummary), ...errors },
      },
    },
    async (request) => service.listClaims(ctxOf(request), request.query),
  );

  app.post(
    BASE,
    {
      config: { access: "claims.submit" },
      schema: {
        tags,
        summary:
          "Build a draft claim for a period: every claimable item of the distributor's delivered memos of the period not yet claimed, plus adjustments for items claimed before",
        body: CreateClaim,
        response: { 201: ClaimResponse, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await service.createClaim(ctxOf(request), request.body)),
  );

  app.get(
    `${BASE}/:id`,
    {
      config: { access: "claims.read" },
      schema: {
        tags,
        summary: "A claim with its lines, its history and what the caller may do now",
        params: IdParams,
        response: { 200: ClaimResponse, ...errors },
      },
    },
    async (request) => service.getClaim(ctxOf(request), request.params.id),
  );

  app.get(
    `${BASE}/:id/export`,
    {
      config: { access: "claims.read" },
      schema: {
        tags,
        summary: "A claim's lines as XLSX or CSV (UTF-8 with BOM)",
        params: IdParams,
        querystring: ClaimExportQuery,
        produces: [XLSX_CONTENT_TYPE, "text/csv"],
        response: { 200: z.any(), ...errors },
      },
    },
    async (request, reply) => {
      const table = await service.claimReport(ctxOf(request), request.params.id);
      const name = `claim-${table.title.match(/CLM-\d+/)?.[0] ?? request.params.id}`;
      return request.query.format === "csv"
        ? reply.headers(csvDownloadHeaders(name)).send(reportCsv(table))
        : reply.headers(xlsxDownloadHeaders(name)).send(await reportXlsx(table));
    },
  );

  const transition = <B extends z.ZodType>(
    action: "submit" | "approve" | "dispute" | "withdraw" | "settle",
    access: "claims.submit" | "claims.review" | "claims.settle",
    body: B,
    summary: string,
  ) =>
    app.post(
      `${BASE}/:id/${action}`,
      {
        config: { access },
        schema: { tags, summary, params: IdParams, body, response: { 200: ClaimResponse, ...errors } },
      },
      async (request) =>
        service.transitionClaim(ctxOf(request), request.params.id, {
          action,
          body: request.body,
        } as Parameters<typeof service.transitionClaim>[2]),
    );

  transition(
    "submit",
    "claims.submit",
    SubmitClaim,
    "Submit a draft claim, or answer a dispute (with a note) by submitting it again",
  );
  transition(
    "approve",
    "claims.review",
    ApproveClaim,
    "Approve a submitted claim, in full or for less with a reason (the difference is rejected for good)",
  );
  transition("dispute", "claims.review", DisputeClaim, "Dispute a submitted claim with a note");
  transition(
    "withdraw",
    "claims.submit",
    WithdrawClaim,
    "Withdraw a draft or disputed claim: its items become claimable again",
  );
  transition("settle", "claims.settle", SettleClaim, "Settle an approved claim: payment reference and date");
}
