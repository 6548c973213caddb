// The service desk's HTTP edge: tickets, inbound email, settings, the knowledge base, and the public help page
// (the FAQ and the "ask a question" form, no sign-in, rate-limited per IP).
import { z } from "zod";
import { ErrorResponse, IdParams } from "../../shared/contracts/common.ts";
import {
  ArticleListResponse,
  ArticleQuery,
  ArticleResponse,
  CreateArticleRequest,
  CreateTicketRequest,
  FaqArticle,
  FaqQuery,
  FaqResponse,
  FaqVoteRequest,
  FaqVoteResponse,
  InboundEmailRequest,
  InboundEmailResponse,
  OrgSlugParams,
  PublicArticleParams,
  PublicTicketRequest,
  PublicTicketResponse,
  ServiceAgentsResponse,
  ServiceSettings,
  TicketListResponse,
  TicketMessageRequest,
  TicketQuery,
  TicketResponse,
  TicketStatusRequest,
  UpdateArticleRequest,
  UpdateTicketRequest,
} from "../../shared/contracts/service.ts";
import { type App, ctxOf, requestMeta } from "../platform/http.ts";
import * as kb from "./knowledge-base.service.ts";
import * as service from "./service.service.ts";
import { receiveEmail, submitPublicTicket } from "./service-channels.service.ts";

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
};
const publicErrors = { 400: ErrorResponse, 404: ErrorResponse, 422: ErrorResponse, 429: ErrorResponse };

const BASE = "/api/v1/service";
const KB = "/api/v1/kb/articles";
const PUBLIC = "/api/v1/public/orgs/:orgSlug";

export interface ServiceRouteSettings {
  /** Public form posts per IP per minute. */
  publicRatePerMinute: number;
}

export function serviceRoutes(app: App, settings: ServiceRouteSettings) {
  const tags = ["service"];
  const kbTags = ["knowledge base"];
  const publicTags = ["public help"];

  app.get(
    `${BASE}/tickets`,
    {
      config: { access: "service.read" },
      schema: {
        tags,
        summary:
          "The ticket queue in the caller's scope, newest first: all, mine, unassigned or breached, by type, priority, status, and a search of number, subject and requester",
        querystring: TicketQuery,
        response: { 200: TicketListResponse, ...errors },
      },
    },
    async (request) => service.listTickets(ctxOf(request), request.query),
  );

  app.post(
    `${BASE}/tickets`,
    {
      config: { access: "service.write" },
      schema: {
        tags,
        summary:
          "Open a ticket by hand (phone, walk-in) or from another channel (channel chat for live chat): due times from the SLA policy of its priority and the org's business hours",
        body: CreateTicketRequest,
        response: { 201: TicketResponse, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await service.createTicket(ctxOf(request), request.body)),
  );

  app.get(
    `${BASE}/tickets/:id`,
    {
      config: { access: "service.read" },
      schema: {
        tags,
        summary: "A ticket with its conversation (public replies and internal notes), its history and SLA state",
        params: IdParams,
        response: { 200: TicketResponse, ...errors },
      },
    },
    async (request) => service.getTicket(ctxOf(request), request.params.id),
  );

  app.patch(
    `${BASE}/tickets/:id`,
    {
      config: { access: "service.write" },
      schema: {
        tags,
        summary: "Change a ticket's type, subject, priority (due times computed again) or assignee",
        params: IdParams,
        body: UpdateTicketRequest,
        response: { 200: TicketResponse, ...errors },
      },
    },
    async (request) => service.updateTicket(ctxOf(request), request.params.id, request.body),
  );

  app.post(
    `${BASE}/tickets/:id/messages`,
    {
      config: { access: "service.write" },
      schema: {
        tags,
        summary:
          "Reply to the requester (the first public reply meets the first-response target) or add an internal note",
        params: IdParams,
        body: TicketMessageRequest,
        response: { 200: TicketResponse, ...errors },
      },
    },
    async (request) => service.addMessage(ctxOf(request), request.params.id, request.body),
  );

  app.post(
    `${BASE}/tickets/:id/status`,
    {
      config: { access: "service.write" },
      schema: {
        tags,
        summary:
          "Move a ticket: open, pending (waiting on the customer: the SLA clock stops), resolved (with the resolution), closed (sends ticket.closed), or reopen",
        params: IdParams,
        body: TicketStatusRequest,
        response: { 200: TicketResponse, ...errors },
      },
    },
    async (request) => service.changeStatus(ctxOf(request), request.params.id, request.body),
  );

  app.post(
    `${BASE}/tickets/:id/article`,
    {
      config: { access: "kb.write" },
      schema: {
        tags,
        summary:
          "Make a draft FAQ article from a resolved ticket: the question from the ticket, the answer from its resolution, linked to it",
        params: IdParams,
        response: { 201: ArticleResponse, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await kb.articleFromTicket(ctxOf(request), request.params.id)),
  );

  app.post(
    `${BASE}/inbound-email`,
    {
      config: { access: "service.write" },
      schema: {
        tags,
        summary:
          "For a mail bridge (with an API token): the raw RFC 822 message. A subject carrying [TKT-000123] adds the customer's reply to that ticket (reopening it), anything else opens a ticket",
        body: InboundEmailRequest,
        response: { 200: InboundEmailResponse, ...errors },
      },
    },
    async (request) => receiveEmail(ctxOf(request), request.body.raw),
  );

  app.get(
    `${BASE}/agents`,
    {
      config: { access: "service.read" },
      schema: {
        tags,
        summary: "The active users a ticket can be given to (admins, managers, service agents)",
        response: { 200: ServiceAgentsResponse, ...errors },
      },
    },
    async (request) => service.listAgents(ctxOf(request)),
  );

  app.get(
    `${BASE}/settings`,
    {
      config: { access: "service.read" },
      schema: {
        tags,
        summary:
          "The business calendar (Asia/Dhaka, working hours per weekday, holidays) and the SLA policy per priority",
        response: { 200: ServiceSettings, ...errors },
      },
    },
    async (request) => service.getSettings(ctxOf(request)),
  );

  app.put(
    `${BASE}/settings`,
    {
      config: { access: "service.manage" },
      schema: {
        tags,
        summary: "Set the business calendar and the SLA policies (targets in business minutes, escalation)",
        body: ServiceSettings,
        response: { 200: ServiceSettings, ...errors },
      },
    },
    async (request) => service.saveSettings(ctxOf(request), request.body),
  );

  // --- knowledge base

  app.get(
    KB,
    {
      config: { access: "kb.write" },
      schema: {
        tags: kbTags,
        summary: "The org's FAQ articles, drafts and published, newest first; search in Bengali or English",
        querystring: ArticleQuery,
        response: { 200: ArticleListResponse, ...errors },
      },
    },
    async (request) => kb.listArticles(ctxOf(request), request.query),
  );

  app.post(
    KB,
    {
      config: { access: "kb.write" },
      schema: {
        tags: kbTags,
        summary: "Write a draft article (title and answer in Bengali and/or English)",
        body: CreateArticleRequest,
        response: { 201: ArticleResponse, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await kb.createArticle(ctxOf(request), request.body)),
  );

  app.get(
    `${KB}/:id`,
    {
      config: { access: "kb.write" },
      schema: { tags: kbTags, summary: "One article", params: IdParams, response: { 200: ArticleResponse, ...errors } },
    },
    async (request) => kb.getArticle(ctxOf(request), request.params.id),
  );

  app.patch(
    `${KB}/:id`,
    {
      config: { access: "kb.write" },
      schema: {
        tags: kbTags,
        summary: "Edit an article (a published one keeps a title and answer in at least one language)",
        params: IdParams,
        body: UpdateArticleRequest,
        response: { 200: ArticleResponse, ...errors },
      },
    },
    async (request) => kb.updateArticle(ctxOf(request), request.params.id, request.body),
  );

  app.post(
    `${KB}/:id/publish`,
    {
      config: { access: "kb.write" },
      schema: {
        tags: kbTags,
        summary: "Publish an article to the public help page",
        params: IdParams,
        response: { 200: ArticleResponse, ...errors },
      },
    },
    async (request) => kb.setPublished(ctxOf(request), request.params.id, true),
  );

  app.post(
    `${KB}/:id/unpublish`,
    {
      config: { access: "kb.write" },
      schema: {
        tags: kbTags,
        summary: "Take an article off the public help page (back to draft)",
        params: IdParams,
        response: { 200: ArticleResponse, ...errors },
      },
    },
    async (request) => kb.setPublished(ctxOf(request), request.params.id, false),
  );

  // --- public help page

  app.get(
    `${PUBLIC}/faq`,
    {
      config: { access: "public" },
      schema: {
        tags: publicTags,
        summary:
          "The org's published FAQ in one language (lang, else Accept-Language), searched by q: Bengali, Banglish and close misspellings find the same words",
        params: OrgSlugParams,
        querystring: FaqQuery,
        response: { 200: FaqResponse, ...publicErrors },
      },
    },
    async (request) =>
      kb.publicFaq(
        request.db,
        request.params.orgSlug,
        request.query.lang ?? request.locale,
        request.query.q,
        request.query.limit,
      ),
  );

  app.get(
    `${PUBLIC}/faq/:id`,
    {
      config: { access: "public" },
      schema: {
        tags: publicTags,
        summary: "One published article, in the language asked for when it has one (counts a view)",
        params: PublicArticleParams,
        querystring: z.strictObject({ lang: FaqQuery.shape.lang }),
        response: { 200: FaqArticle, ...publicErrors },
      },
    },
    async (request) =>
      kb.publicArticle(request.db, request.params.orgSlug, request.params.id, request.query.lang ?? request.locale),
  );

  app.post(
    `${PUBLIC}/faq/:id/vote`,
    {
      config: { access: "public", rateLimit: { max: settings.publicRatePerMinute, timeWindow: 60_000 } },
      schema: {
        tags: publicTags,
        summary: "Was this article helpful? (yes or no)",
        params: PublicArticleParams,
        body: FaqVoteRequest,
        response: { 200: FaqVoteResponse, ...publicErrors },
      },
    },
    async (request) => kb.publicVote(request.db, request.params.orgSlug, request.params.id, request.body.helpful),
  );

  app.post(
    `${PUBLIC}/tickets`,
    {
      config: { access: "public", rateLimit: { max: settings.publicRatePerMinute, timeWindow: 60_000 } },
      schema: {
        tags: publicTags,
        summary:
          "Ask a question (or complain, or suggest) from the org's help page: opens a web-form ticket and answers in the requester's language. Rate-limited per IP; the hidden `website` field must stay empty",
        params: OrgSlugParams,
        body: PublicTicketRequest,
        response: { 201: PublicTicketResponse, ...publicErrors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await submitPublicTicket(
            request.db,
            request.params.orgSlug,
            request.body,
            request.locale,
            requestMeta(request),
          ),
        ),
  );
}
