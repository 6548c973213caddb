import { z } from "zod";
import { ErrorResponse, IdParams } from "../../shared/contracts/common.ts";
import { CsvImportRequest } from "../../shared/contracts/network.ts";
import {
  AchievementResponse,
  SetTargetsRequest,
  SplitRequest,
  SplitResponse,
  TargetImportResult,
  TargetQuery,
  TargetsResponse,
} from "../../shared/contracts/targets.ts";
import { type App, ctxOf } from "../platform/http.ts";
import * as service from "./targets.service.ts";
import { importTargets } from "./targets-import.service.ts";

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
};

const BASE = "/api/v1/targets";

export function targetsRoutes(app: App) {
  const tags = ["targets"];

  app.get(
    BASE,
    {
      config: { access: "targets.read" },
      schema: {
        tags,
        summary:
          "The targets of a month or quarter in the caller's scope, each with what was achieved, achievement (bp), run-rate, required daily rate and status",
        querystring: TargetQuery,
        response: { 200: AchievementResponse, ...errors },
      },
    },
    async (request) => service.listAchievement(ctxOf(request), request.query),
  );

  app.put(
    BASE,
    {
      config: { access: "targets.manage" },
      schema: {
        tags,
        summary:
          "Set targets (one or many), keyed by period, subject, metric and SKU: a new key adds, a known one updates",
        body: SetTargetsRequest,
        response: { 200: TargetsResponse, ...errors },
      },
    },
    async (request) => service.setTargets(ctxOf(request), request.body),
  );

  app.delete(
    `${BASE}/:id`,
    {
      config: { access: "targets.manage" },
      schema: {
        tags,
        summary: "Delete a target of a future period (current and past targets stay: set another figure instead)",
        params: IdParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.deleteTarget(ctxOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    `${BASE}/import`,
    {
      config: { access: "targets.manage" },
      schema: {
        tags,
        summary:
          "Import targets from CSV (period,subject_kind,subject_code,metric,sku_code,target; period 2026-11 or 2026-Q4; value in taka, coverage in %): all rows or none; 422 lists every row's problem",
        body: CsvImportRequest,
        response: { 200: TargetImportResult, ...errors },
      },
    },
    async (request) => importTargets(ctxOf(request), request.body),
  );

  app.post(
    `${BASE}/split`,
    {
      config: { access: "targets.manage" },
      schema: {
        tags,
        summary:
          "Split a territory's target into its child territories, distributors, reps or outlets by last year's shares (equal when last year had none): preview, or apply",
        body: SplitRequest,
        response: { 200: SplitResponse, ...errors },
      },
    },
    async (request) => service.splitTarget(ctxOf(request), request.body),
  );
}
