import { z } from "zod";
import { ErrorResponse, IdParams } from "../../shared/contracts/common.ts";
import {
  AdjustRequest,
  AnswerRequest,
  AnswerResponse,
  EarnRunResponse,
  EnrolRequest,
  InvitationResponse,
  InvitationsResponse,
  InviteRequest,
  MemberQuery,
  MemberResponse,
  MembersResponse,
  ProgramRequest,
  ProgramResponse,
  ProgramsResponse,
  PublicSurveyResponse,
  RedeemRequest,
  RedemptionQuery,
  RedemptionResponse,
  RedemptionsResponse,
  ReferralsResponse,
  ResultsQuery,
  ResultsResponse,
  RewardQuery,
  RewardRequest,
  RewardResponse,
  RewardsResponse,
  StatementQuery,
  StatementResponse,
  SurveyRequest,
  SurveyResponse,
  SurveysResponse,
  TokenParams,
} from "../../shared/contracts/loyalty.ts";
import { csvDownloadHeaders } from "../platform/csv.ts";
import { type App, ctxOf } from "../platform/http.ts";
import * as loyalty from "./loyalty.service.ts";
import { runEarningNow } from "./loyalty-jobs.ts";
import { referralsReport } from "./referrals.service.ts";
import * as surveys from "./surveys.service.ts";

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
};

const L = "/api/v1/loyalty";
const S = "/api/v1/surveys";

/** How many answers one address may post a minute (the login rate, so tests and the fuzz set it high). */
export interface LoyaltyRouteSettings {
  publicRatePerMinute: number;
}

export function loyaltyRoutes(app: App, settings: LoyaltyRouteSettings) {
  const tags = ["loyalty"];

  app.get(
    `${L}/programs`,
    {
      config: { access: "loyalty.read" },
      schema: { tags, summary: "Loyalty programs with their tiers", response: { 200: ProgramsResponse, ...errors } },
    },
    async (request) => loyalty.listPrograms(ctxOf(request)),
  );
  app.post(
    `${L}/programs`,
    {
      config: { access: "loyalty.manage" },
      schema: {
        tags,
        summary: "Create a loyalty program: points per ৳100, members by outlet channel and class, tiers, expiry",
        body: ProgramRequest,
        response: { 201: ProgramResponse, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await loyalty.createProgram(ctxOf(request), request.body)),
  );
  app.put(
    `${L}/programs/:id`,
    {
      config: { access: "loyalty.manage" },
      schema: {
        tags,
        summary: "Change a program (its tiers are replaced by those given)",
        params: IdParams,
        body: ProgramRequest,
        response: { 200: ProgramResponse, ...errors },
      },
    },
    async (request) => loyalty.updateProgram(ctxOf(request), request.params.id, request.body),
  );

  app.get(
    `${L}/members`,
    {
      config: { access: "loyalty.read" },
      schema: {
        tags,
        summary:
          "Members in the caller's scope with balance (the ledger's sum) and tier; a retailer sees its own outlet",
        querystring: MemberQuery,
        response: { 200: MembersResponse, ...errors },
      },
    },
    async (request) => loyalty.listMembers(ctxOf(request), request.query),
  );
  app.post(
    `${L}/members`,
    {
      config: { access: "loyalty.manage" },
      schema: {
        tags,
        summary: "Enrol an account (an outlet, or a B2B company) in a program",
        body: EnrolRequest,
        response: { 201: MemberResponse, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await loyalty.enrol(ctxOf(request), request.body)),
  );
  app.get(
    `${L}/members/:id`,
    {
      config: { access: "loyalty.read" },
      schema: { tags, summary: "One member", params: IdParams, response: { 200: MemberResponse, ...errors } },
    },
    async (request) => loyalty.getMember(ctxOf(request), request.params.id),
  );
  app.get(
    `${L}/members/:id/statement`,
    {
      config: { access: "loyalty.read" },
      schema: {
        tags,
        summary: "A member's statement: opening balance, every movement in the period, closing balance, expiring soon",
        params: IdParams,
        querystring: StatementQuery,
        response: { 200: StatementResponse, ...errors },
      },
    },
    async (request) => loyalty.memberStatement(ctxOf(request), request.params.id, request.query),
  );
  app.get(
    `${L}/members/:id/statement.csv`,
    {
      config: { access: "loyalty.read" },
      schema: {
        tags,
        summary: "A member's statement as CSV (UTF-8 with BOM)",
        params: IdParams,
        querystring: StatementQuery,
        produces: ["text/csv"],
        response: { 200: z.string(), ...errors },
      },
    },
    async (request, reply) =>
      reply
        .headers(csvDownloadHeaders("loyalty-statement"))
        .send(await loyalty.memberStatementCsv(ctxOf(request), request.params.id, request.query)),
  );
  app.post(
    `${L}/members/:id/adjustments`,
    {
      config: { access: "loyalty.manage" },
      schema: {
        tags,
        summary: "Add or take points by hand, with the reason",
        params: IdParams,
        body: AdjustRequest,
        response: { 200: MemberResponse, ...errors },
      },
    },
    async (request) => loyalty.adjustPoints(ctxOf(request), request.params.id, request.body),
  );
  app.post(
    `${L}/members/:id/redemptions`,
    {
      config: { access: "loyalty.redeem" },
      schema: {
        tags,
        summary: "Redeem a reward with the member's points (a retailer for its own outlet)",
        params: IdParams,
        body: RedeemRequest,
        response: { 201: RedemptionResponse, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await loyalty.redeem(ctxOf(request), request.params.id, request.body)),
  );

  app.get(
    `${L}/redemptions`,
    {
      config: { access: "loyalty.read" },
      schema: {
        tags,
        summary: "Redemptions in the caller's scope, newest first",
        querystring: RedemptionQuery,
        response: { 200: RedemptionsResponse, ...errors },
      },
    },
    async (request) => loyalty.listRedemptions(ctxOf(request), request.query),
  );
  app.post(
    `${L}/redemptions/:id/fulfil`,
    {
      config: { access: "loyalty.manage" },
      schema: {
        tags,
        summary: "Mark a redemption handed over",
        params: IdParams,
        response: { 200: RedemptionResponse, ...errors },
      },
    },
    async (request) => loyalty.fulfilRedemption(ctxOf(request), request.params.id),
  );
  app.post(
    `${L}/redemptions/:id/cancel`,
    {
      config: { access: "loyalty.redeem" },
      schema: {
        tags,
        summary: "Cancel a pending redemption: the points come back",
        params: IdParams,
        response: { 200: RedemptionResponse, ...errors },
      },
    },
    async (request) => loyalty.cancelRedemption(ctxOf(request), request.params.id),
  );

  app.get(
    `${L}/rewards`,
    {
      config: { access: "loyalty.read" },
      schema: {
        tags,
        summary: "The reward catalogue",
        querystring: RewardQuery,
        response: { 200: RewardsResponse, ...errors },
      },
    },
    async (request) => loyalty.listRewards(ctxOf(request), request.query),
  );
  app.post(
    `${L}/rewards`,
    {
      config: { access: "loyalty.manage" },
      schema: { tags, summary: "Add a reward", body: RewardRequest, response: { 201: RewardResponse, ...errors } },
    },
    async (request, reply) => reply.code(201).send(await loyalty.createReward(ctxOf(request), request.body)),
  );
  app.put(
    `${L}/rewards/:id`,
    {
      config: { access: "loyalty.manage" },
      schema: {
        tags,
        summary: "Change a reward (cost, stock, offered or not)",
        params: IdParams,
        body: RewardRequest,
        response: { 200: RewardResponse, ...errors },
      },
    },
    async (request) => loyalty.updateReward(ctxOf(request), request.params.id, request.body),
  );

  app.post(
    `${L}/earn-runs`,
    {
      config: { access: "loyalty.manage" },
      schema: {
        tags,
        summary:
          "Post points for deliveries and returns since the last run, expiries due and referral bonuses, and make survey invitations (the job does this every 15 minutes)",
        response: { 200: EarnRunResponse, ...errors },
      },
    },
    async (request) => runEarningNow(ctxOf(request)),
  );
  app.get(
    `${L}/referrals`,
    {
      config: { access: "loyalty.read" },
      schema: {
        tags,
        summary: "Referral codes of the members in scope, with the leads that came with each and those converted",
        response: { 200: ReferralsResponse, ...errors },
      },
    },
    async (request) => referralsReport(ctxOf(request)),
  );

  // --- surveys
  const stags = ["surveys"];
  app.get(
    S,
    {
      config: { access: "surveys.read" },
      schema: { tags: stags, summary: "NPS and CSAT surveys", response: { 200: SurveysResponse, ...errors } },
    },
    async (request) => surveys.listSurveys(ctxOf(request)),
  );
  app.post(
    S,
    {
      config: { access: "surveys.manage" },
      schema: {
        tags: stags,
        summary:
          "Create a survey: NPS or CSAT, the question in Bengali and English, sent after a delivery, a closed ticket or by hand",
        body: SurveyRequest,
        response: { 201: SurveyResponse, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await surveys.createSurvey(ctxOf(request), request.body)),
  );
  app.put(
    `${S}/:id`,
    {
      config: { access: "surveys.manage" },
      schema: {
        tags: stags,
        summary: "Change a survey",
        params: IdParams,
        body: SurveyRequest,
        response: { 200: SurveyResponse, ...errors },
      },
    },
    async (request) => surveys.updateSurvey(ctxOf(request), request.params.id, request.body),
  );
  app.get(
    `${S}/:id/invitations`,
    {
      config: { access: "surveys.read" },
      schema: {
        tags: stags,
        summary: "A survey's invitations, newest first, with their answers",
        params: IdParams,
        response: { 200: InvitationsResponse, ...errors },
      },
    },
    async (request) => surveys.listInvitations(ctxOf(request), request.params.id),
  );
  app.post(
    `${S}/:id/invitations`,
    {
      config: { access: "surveys.manage" },
      schema: {
        tags: stags,
        summary: "Invite an account by hand: a public link, emailed when an address is known",
        params: IdParams,
        body: InviteRequest,
        response: { 201: InvitationResponse, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await surveys.invite(ctxOf(request), request.params.id, request.body)),
  );
  app.get(
    `${S}/:id/results`,
    {
      config: { access: "surveys.read" },
      schema: {
        tags: stags,
        summary: "NPS (% promoters - % detractors) or CSAT (% 4-5) overall and by segment",
        params: IdParams,
        querystring: ResultsQuery,
        response: { 200: ResultsResponse, ...errors },
      },
    },
    async (request) => surveys.surveyResults(ctxOf(request), request.params.id, request.query),
  );

  app.get(
    "/api/v1/public/surveys/:token",
    {
      config: { access: "public" },
      schema: {
        tags: stags,
        summary: "The question of a survey invitation, for its public page",
        params: TokenParams,
        response: { 200: PublicSurveyResponse, ...errors },
      },
    },
    async (request) => surveys.publicSurvey(request.db, request.params.token),
  );
  app.post(
    "/api/v1/public/surveys/:token",
    {
      config: { access: "public", rateLimit: { max: settings.publicRatePerMinute, timeWindow: 60_000 } },
      schema: {
        tags: stags,
        summary: "Answer a survey invitation (once)",
        params: TokenParams,
        body: AnswerRequest,
        response: { 200: AnswerResponse, ...errors, 429: ErrorResponse },
      },
    },
    async (request) => surveys.answerSurvey(request.db, request.params.token, request.body),
  );
}
