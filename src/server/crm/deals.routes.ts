import { ErrorResponse, IdParams } from "../../shared/contracts/common.ts";
import {
  BoardQuery,
  BoardResponse,
  CreateDealRequest,
  DealDetailResponse,
  DealQuery,
  DealsResponse,
  ForecastQuery,
  ForecastResponse,
  LostReasonsResponse,
  MoveDealRequest,
  PipelineRequest,
  PipelineResponse,
  PipelinesResponse,
  SetLostReasonsRequest,
  UpdateDealRequest,
} from "../../shared/contracts/deals.ts";
import { type App, ctxOf } from "../platform/http.ts";
import * as deals from "./deals.service.ts";
import * as pipelines from "./pipelines.service.ts";

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
};

const BASE = "/api/v1/crm";

export function dealsRoutes(app: App) {
  const tags = ["crm"];

  app.get(
    `${BASE}/pipelines`,
    {
      config: { access: "crm.read" },
      schema: {
        tags,
        summary: "The org's pipelines with their stages and playbooks (a default pipeline is made on first use)",
        response: { 200: PipelinesResponse, ...errors },
      },
    },
    async (request) => pipelines.listPipelines(ctxOf(request)),
  );

  app.post(
    `${BASE}/pipelines`,
    {
      config: { access: "crm.manage" },
      schema: {
        tags,
        summary: "Add a pipeline with its stages (at least one open, one won and one lost stage)",
        body: PipelineRequest,
        response: { 201: PipelineResponse, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await pipelines.createPipeline(ctxOf(request), request.body)),
  );

  app.put(
    `${BASE}/pipelines/:id`,
    {
      config: { access: "crm.manage" },
      schema: {
        tags,
        summary:
          "Rename a pipeline and set its stages in order: stages with an id are kept and changed, new ones added, missing ones removed (refused while they hold deals)",
        params: IdParams,
        body: PipelineRequest,
        response: { 200: PipelineResponse, ...errors },
      },
    },
    async (request) => pipelines.updatePipeline(ctxOf(request), request.params.id, request.body),
  );

  app.get(
    `${BASE}/lost-reasons`,
    {
      config: { access: "crm.read" },
      schema: {
        tags,
        summary: "The reasons a deal may be lost for",
        response: { 200: LostReasonsResponse, ...errors },
      },
    },
    async (request) => pipelines.listLostReasons(ctxOf(request)),
  );

  app.put(
    `${BASE}/lost-reasons`,
    {
      config: { access: "crm.manage" },
      schema: {
        tags,
        summary: "Set the lost reasons in order (those left out are retired; deals keep the reason they were lost for)",
        body: SetLostReasonsRequest,
        response: { 200: LostReasonsResponse, ...errors },
      },
    },
    async (request) => pipelines.setLostReasons(ctxOf(request), request.body),
  );

  app.get(
    `${BASE}/deals`,
    {
      config: { access: "crm.read" },
      schema: {
        tags,
        summary: "Deals in the caller's scope, with filters and sort",
        querystring: DealQuery,
        response: { 200: DealsResponse, ...errors },
      },
    },
    async (request) => deals.listDeals(ctxOf(request), request.query),
  );

  app.post(
    `${BASE}/deals`,
    {
      config: { access: "crm.write" },
      schema: {
        tags,
        summary: "Add a deal (default pipeline and its first stage unless named)",
        body: CreateDealRequest,
        response: { 201: DealDetailResponse, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await deals.createDeal(ctxOf(request), request.body)),
  );

  app.get(
    `${BASE}/deals/board`,
    {
      config: { access: "crm.read" },
      schema: {
        tags,
        summary: "The board of a pipeline: a column per stage with its deals, count, total and weighted total",
        querystring: BoardQuery,
        response: { 200: BoardResponse, ...errors },
      },
    },
    async (request) => deals.board(ctxOf(request), request.query),
  );

  app.get(
    `${BASE}/deals/:id`,
    {
      config: { access: "crm.read" },
      schema: {
        tags,
        summary: "One deal with its pipeline, stage playbooks and stage history (time in each stage)",
        params: IdParams,
        response: { 200: DealDetailResponse, ...errors },
      },
    },
    async (request) => deals.getDeal(ctxOf(request), request.params.id),
  );

  app.patch(
    `${BASE}/deals/:id`,
    {
      config: { access: "crm.write" },
      schema: {
        tags,
        summary: "Change a deal's name, contact, owner, territory, amount, expected close or custom fields",
        params: IdParams,
        body: UpdateDealRequest,
        response: { 200: DealDetailResponse, ...errors },
      },
    },
    async (request) => deals.updateDeal(ctxOf(request), request.params.id, request.body),
  );

  app.post(
    `${BASE}/deals/:id/move`,
    {
      config: { access: "crm.write" },
      schema: {
        tags,
        summary:
          "Move a deal to a stage (and a place in its column), naming the version seen: 409 if it changed meanwhile; a lost stage needs a lost reason (422)",
        params: IdParams,
        body: MoveDealRequest,
        response: { 200: DealDetailResponse, ...errors },
      },
    },
    async (request) => deals.moveDeal(ctxOf(request), request.params.id, request.body),
  );

  app.get(
    `${BASE}/forecast`,
    {
      config: { access: "crm.read" },
      schema: {
        tags,
        summary:
          "Weighted forecast (amount x stage probability of open deals) by expected-close month and by owner, with won amounts",
        querystring: ForecastQuery,
        response: { 200: ForecastResponse, ...errors },
      },
    },
    async (request) => deals.dealForecast(ctxOf(request), request.query),
  );
}
