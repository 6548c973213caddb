import { ErrorResponse, IdParams } from "../../shared/contracts/common.ts";
import {
  CampaignListQuery,
  CampaignPage,
  CampaignResponse,
  CampaignResults,
  CreateCampaignRequest,
  CreateSchemeRequest,
  ExplainRequest,
  ExplainResponse,
  InForceQuery,
  InForceResponse,
  OrderSchemesResponse,
  SCHEME_ACTIONS,
  SchemeListQuery,
  SchemePage,
  SchemeResponse,
  UpdateCampaignRequest,
  UpdateSchemeRequest,
} from "../../shared/contracts/promotions.ts";
import { type App, ctxOf } from "../platform/http.ts";
import { campaignResults } from "./campaign-results.service.ts";
import * as service from "./promotions.service.ts";
import { explainOrder, explainSchemes } from "./scheme-explain.service.ts";

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
};

const BASE = "/api/v1/promotions";

export function promotionsRoutes(app: App) {
  const tags = ["promotions"];

  app.get(
    `${BASE}/schemes`,
    {
      config: { access: "promotions.read" },
      schema: {
        tags,
        summary: "Schemes the caller may see (a distributor: those that target it; a rep: active ones for its area)",
        querystring: SchemeListQuery,
        response: { 200: SchemePage, ...errors },
      },
    },
    async (request) => service.listSchemes(ctxOf(request), request.query),
  );

  app.post(
    `${BASE}/schemes`,
    {
      config: { access: "promotions.manage" },
      schema: {
        tags,
        summary: "Create a scheme (a draft until activated): rule, targeting, period, stacking, budget, cap",
        body: CreateSchemeRequest,
        response: { 201: SchemeResponse, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await service.createScheme(ctxOf(request), request.body)),
  );

  app.get(
    `${BASE}/schemes/in-force`,
    {
      config: { access: "promotions.offers" },
      schema: {
        tags,
        summary:
          "The schemes in force for an outlet on a date, in the engine's shape, with those whose budget or the outlet's cap is used up: the client prices with the same engine",
        querystring: InForceQuery,
        response: { 200: InForceResponse, ...errors },
      },
    },
    async (request) => service.inForceForOutlet(ctxOf(request), request.query),
  );

  app.get(
    `${BASE}/schemes/:id`,
    {
      config: { access: "promotions.read" },
      schema: { tags, summary: "One scheme", params: IdParams, response: { 200: SchemeResponse, ...errors } },
    },
    async (request) => service.getScheme(ctxOf(request), request.params.id),
  );

  app.patch(
    `${BASE}/schemes/:id`,
    {
      config: { access: "promotions.manage" },
      schema: {
        tags,
        summary: "Change a scheme that has not ended (the budget never below what it has given)",
        params: IdParams,
        body: UpdateSchemeRequest,
        response: { 200: SchemeResponse, ...errors },
      },
    },
    async (request) => service.updateScheme(ctxOf(request), request.params.id, request.body),
  );

  for (const action of SCHEME_ACTIONS)
    app.post(
      `${BASE}/schemes/:id/${action}`,
      {
        config: { access: "promotions.manage" },
        schema: {
          tags,
          summary: {
            activate: "Put a draft or paused scheme in force",
            pause: "Pause an active scheme (orders stop getting it)",
            end: "End a scheme for good",
          }[action],
          params: IdParams,
          response: { 200: SchemeResponse, ...errors },
        },
      },
      async (request) => service.transitionScheme(ctxOf(request), request.params.id, action),
    );

  app.post(
    `${BASE}/explain`,
    {
      config: { access: "promotions.read" },
      schema: {
        tags,
        summary:
          "Why a scheme did or did not apply: every scheme in force on the date, run over these lines for the outlet, with what it gives or why not",
        body: ExplainRequest,
        response: { 200: ExplainResponse, ...errors },
      },
    },
    async (request) => explainSchemes(ctxOf(request), request.body),
  );

  app.get(
    "/api/v1/orders/:id/schemes",
    {
      config: { access: "promotions.read" },
      schema: {
        tags,
        summary:
          "What an order was given by each scheme (its grants), and why each scheme in force on its date did or did not apply",
        params: IdParams,
        response: { 200: OrderSchemesResponse, ...errors },
      },
    },
    async (request) => explainOrder(ctxOf(request), request.params.id),
  );

  app.get(
    `${BASE}/campaigns`,
    {
      config: { access: "promotions.manage" },
      schema: {
        tags,
        summary: "Campaigns, newest first",
        querystring: CampaignListQuery,
        response: { 200: CampaignPage, ...errors },
      },
    },
    async (request) => service.listCampaigns(ctxOf(request), request.query),
  );

  app.post(
    `${BASE}/campaigns`,
    {
      config: { access: "promotions.manage" },
      schema: {
        tags,
        summary:
          "Create a campaign: objective (volume or new outlets), period and budget; schemes join it by campaignId",
        body: CreateCampaignRequest,
        response: { 201: CampaignResponse, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await service.createCampaign(ctxOf(request), request.body)),
  );

  app.get(
    `${BASE}/campaigns/:id`,
    {
      config: { access: "promotions.manage" },
      schema: { tags, summary: "One campaign", params: IdParams, response: { 200: CampaignResponse, ...errors } },
    },
    async (request) => service.getCampaign(ctxOf(request), request.params.id),
  );

  app.patch(
    `${BASE}/campaigns/:id`,
    {
      config: { access: "promotions.manage" },
      schema: {
        tags,
        summary: "Change a campaign",
        params: IdParams,
        body: UpdateCampaignRequest,
        response: { 200: CampaignResponse, ...errors },
      },
    },
    async (request) => service.updateCampaign(ctxOf(request), request.params.id, request.body),
  );

  app.get(
    `${BASE}/campaigns/:id/results`,
    {
      config: { access: "promotions.manage" },
      schema: {
        tags,
        summary:
          "A campaign's uplift against its baseline (the targeted outlets' previous period, scaled by a comparable non-targeted group's trend), its cost, ROI and new outlets",
        params: IdParams,
        response: { 200: CampaignResults, ...errors },
      },
    },
    async (request) => campaignResults(ctxOf(request), request.params.id),
  );
}
