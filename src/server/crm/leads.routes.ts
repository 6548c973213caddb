// Leads (C1) over HTTP: the inbox and its operations (/api/v1/crm/leads), lead forms and assignment rules for
// admins, and the public side a company's web site talks to: the form's definition, its submissions (JSON or a
// plain HTML form's urlencoded post, cross-origin, rate limited per IP and form) and the embed script.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";

import { ErrorResponse, IdParams } from "../../shared/contracts/common.ts";
import {
  AssignmentRuleList,
  ConvertLeadRequest,
  ConvertLeadResponse,
  CreateLeadFormRequest,
  CreateLeadRequest,
  DuplicateResponse,
  FormKeyParams,
  LeadFormList,
  LeadFormResponse,
  LeadImportRequest,
  LeadImportResult,
  LeadListQuery,
  LeadPage,
  LeadResponse,
  MergeLeadsRequest,
  PublicFormResponse,
  PublicSubmissionRequest,
  PublicSubmissionResponse,
  PutAssignmentRulesRequest,
  UpdateLeadFormRequest,
  UpdateLeadRequest,
} from "../../shared/contracts/leads.ts";
import { localeFromAcceptLanguage } from "../../shared/locale.ts";
import { type App, ctxOf, requestMeta } from "../platform/http.ts";
import { convertLead } from "./lead-conversion.service.ts";
import * as forms from "./lead-forms.service.ts";
import { embedScript, thanksPage } from "./lead-forms-embed.ts";
import { importLeads } from "./lead-import.service.ts";
import * as service from "./leads.service.ts";

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
};

export interface LeadsRouteOptions {
  /** Submissions one visitor (one IP) may make to one form per minute (the app passes its sign-in rate). */
  publicRatePerMinute: number;
}

const LEADS = "/api/v1/crm/leads";
const FORMS = "/api/v1/crm/lead-forms";
const PUBLIC_FORMS = "/api/v1/public/forms";

export function leadsRoutes(app: App, options: LeadsRouteOptions) {
  const tags = ["crm"];

  app.get(
    LEADS,
    {
      config: { access: "crm.read" },
      schema: {
        tags,
        summary:
          "The lead inbox (newest first): open leads by default (view=all for every status), filtered by status, source, owner (none: unassigned), UTM campaign, form and search words; each with its count of possible duplicates",
        querystring: LeadListQuery,
        response: { 200: LeadPage, ...errors },
      },
    },
    async (request) => service.listLeads(ctxOf(request), request.query),
  );

  app.post(
    LEADS,
    {
      config: { access: "crm.write" },
      schema: {
        tags,
        summary:
          "Create a lead by hand or by API; with no owner named, a manager's or rep's lead is their own and head office's goes to the assignment rules. Publishes lead.created",
        body: CreateLeadRequest,
        response: { 201: LeadResponse, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await service.createLead(ctxOf(request), request.body)),
  );

  app.post(
    `${LEADS}/import`,
    {
      config: { access: "crm.write" },
      schema: {
        tags,
        summary:
          "Import leads from CSV (header: name,phone,email,company,title,message,district,utm_*) or vCard 3.0/4.0 text: all or none; 422 lists every row's problem",
        body: LeadImportRequest,
        response: { 200: LeadImportResult, ...errors },
      },
    },
    async (request) => importLeads(ctxOf(request), request.body),
  );

  app.get(
    `${LEADS}/:id`,
    {
      config: { access: "crm.read" },
      schema: { tags, summary: "One lead", params: IdParams, response: { 200: LeadResponse, ...errors } },
    },
    async (request) => service.getLead(ctxOf(request), request.params.id),
  );

  app.patch(
    `${LEADS}/:id`,
    {
      config: { access: "crm.write" },
      schema: {
        tags,
        summary: "Change a lead's status (new, contacted, qualified, unqualified), owner, territory or fields",
        params: IdParams,
        body: UpdateLeadRequest,
        response: { 200: LeadResponse, ...errors },
      },
    },
    async (request) => service.updateLead(ctxOf(request), request.params.id, request.body),
  );

  app.get(
    `${LEADS}/:id/duplicates`,
    {
      config: { access: "crm.read" },
      schema: {
        tags,
        summary: "Open leads and contacts with the same Bangladesh mobile number (however written) or email",
        params: IdParams,
        response: { 200: DuplicateResponse, ...errors },
      },
    },
    async (request) => service.leadDuplicates(ctxOf(request), request.params.id),
  );

  app.post(
    `${LEADS}/:id/merge`,
    {
      config: { access: "crm.write" },
      schema: {
        tags,
        summary:
          "Merge other leads into this one: it keeps its values and fills its blanks from them; they become merged and all their activities move to it",
        params: IdParams,
        body: MergeLeadsRequest,
        response: { 200: LeadResponse, ...errors },
      },
    },
    async (request) => service.mergeLeads(ctxOf(request), request.params.id, request.body.mergeIds),
  );

  app.post(
    `${LEADS}/:id/convert`,
    {
      config: { access: "crm.write" },
      schema: {
        tags,
        summary:
          "Convert a lead: create (or link) its account and contact and optionally a deal, copy its activities onto them; once only (409 lead.already_converted)",
        params: IdParams,
        body: ConvertLeadRequest,
        response: { 200: ConvertLeadResponse, ...errors },
      },
    },
    async (request) => convertLead(ctxOf(request), request.params.id, request.body),
  );

  // --- forms (admin)

  app.get(
    FORMS,
    {
      config: { access: "crm.forms" },
      schema: { tags, summary: "The org's lead forms and lead magnets", response: { 200: LeadFormList, ...errors } },
    },
    async (request) => forms.listForms(ctxOf(request)),
  );

  app.post(
    FORMS,
    {
      config: { access: "crm.forms" },
      schema: {
        tags,
        summary: "Create a lead form (or a lead magnet with its download link); it gets a random public key",
        body: CreateLeadFormRequest,
        response: { 201: LeadFormResponse, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await forms.createForm(ctxOf(request), request.body)),
  );

  app.get(
    `${FORMS}/:id`,
    {
      config: { access: "crm.forms" },
      schema: { tags, summary: "One lead form", params: IdParams, response: { 200: LeadFormResponse, ...errors } },
    },
    async (request) => forms.getForm(ctxOf(request), request.params.id),
  );

  app.patch(
    `${FORMS}/:id`,
    {
      config: { access: "crm.forms" },
      schema: {
        tags,
        summary: "Change a lead form (fields, texts, default territory and owner, active)",
        params: IdParams,
        body: UpdateLeadFormRequest,
        response: { 200: LeadFormResponse, ...errors },
      },
    },
    async (request) => forms.updateForm(ctxOf(request), request.params.id, request.body),
  );

  // --- assignment rules (admin)

  app.get(
    "/api/v1/crm/assignment-rules",
    {
      config: { access: "crm.manage" },
      schema: {
        tags,
        summary: "The lead assignment rules, in order, each with how many leads it has given out",
        response: { 200: AssignmentRuleList, ...errors },
      },
    },
    async (request) => service.listAssignmentRules(ctxOf(request)),
  );

  app.put(
    "/api/v1/crm/assignment-rules",
    {
      config: { access: "crm.manage" },
      schema: {
        tags,
        summary:
          "Replace the assignment rules (first match wins; round_robin over people, or territory: over the active reps of the lead's territory subtree)",
        body: PutAssignmentRulesRequest,
        response: { 200: AssignmentRuleList, ...errors },
      },
    },
    async (request) => service.putAssignmentRules(ctxOf(request), request.body),
  );

  publicFormRoutes(app, options);
}

/** Company web sites are other origins: the public form routes answer any origin, never with credentials. */
function allowAnyOrigin(_request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  reply.header("access-control-allow-origin", "*");
  reply.header("vary", "origin");
  return Promise.resolve(payload);
}

function publicFormRoutes(parent: App, options: LeadsRouteOptions) {
  parent.register(async (plain) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    // A plain HTML form (no JavaScript) posts application/x-www-form-urlencoded; only these routes read it.
    app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });

    app.get(
      `${PUBLIC_FORMS}/:key`,
      {
        config: { access: "public" },
        onSend: allowAnyOrigin,
        schema: {
          tags: ["public"],
          summary: "A lead form as a public page draws it (fields, lead-magnet texts); inactive forms are not found",
          params: FormKeyParams,
          response: { 200: PublicFormResponse, 400: ErrorResponse, 404: ErrorResponse },
        },
      },
      async (request) => forms.publicForm(request.db, request.params.key),
    );

    app.options(
      `${PUBLIC_FORMS}/:key/submissions`,
      { config: { access: "public" }, schema: { hide: true } },
      async (_request, reply) =>
        reply
          .code(204)
          .header("access-control-allow-origin", "*")
          .header("access-control-allow-methods", "POST")
          .header("access-control-allow-headers", "content-type, accept-language")
          .header("access-control-max-age", "86400")
          .send(),
    );

    app.post(
      `${PUBLIC_FORMS}/:key/submissions`,
      {
        config: {
          access: "public",
          rateLimit: {
            max: options.publicRatePerMinute,
            timeWindow: 60_000,
            keyGenerator: (request: FastifyRequest) =>
              `lead-form|${request.ip}|${(request.params as { key?: string }).key ?? ""}`,
          },
        },
        onSend: allowAnyOrigin,
        schema: {
          tags: ["public"],
          summary:
            "A visitor's submission to a lead form (JSON, or application/x-www-form-urlencoded from a plain HTML form, which gets a thank-you page): stores a lead in the form's org with its UTM parameters, referrer, landing page and ref code; answers in the submission's language (locale, else the form's). Cross-origin; rate limited per IP and form",
          params: FormKeyParams,
          body: PublicSubmissionRequest,
          response: {
            200: PublicSubmissionResponse,
            400: ErrorResponse,
            404: ErrorResponse,
            413: ErrorResponse,
            415: ErrorResponse,
            422: ErrorResponse,
            429: ErrorResponse,
          },
        },
      },
      async (request, reply) => {
        // The caller's language when it names one (Accept-Language), else the submission's, else the form's.
        const asked = localeFromAcceptLanguage(request.headers["accept-language"]);
        const locale = asked ?? (await forms.submissionLocale(request.db, request.params.key, request.body.locale));
        if (locale) request.locale = locale;
        const result = await forms.submitPublicForm(request.db, request.params.key, request.body, {
          ...requestMeta(request),
          ...(locale && { locale }),
        });
        const { leadId: _leadId, ...answer } = result;
        const plainForm =
          (request.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded") &&
          /text\/html/.test(request.headers.accept ?? "");
        if (plainForm)
          return reply
            .type("text/html; charset=utf-8")
            .send(thanksPage(answer.message, answer.downloadUrl, locale ?? request.locale) as never);
        return answer;
      },
    );
  });

  // The embed script: served to any page (no CSP of ours applies to a script another site runs).
  parent.get(
    "/forms/:key/embed.js",
    { config: { access: "public" }, schema: { hide: true, params: FormKeyParams } },
    async (request, reply) => {
      const form = await forms.publicForm(request.db, request.params.key);
      return reply
        .type("application/javascript; charset=utf-8")
        .header("cross-origin-resource-policy", "cross-origin")
        .header("access-control-allow-origin", "*")
        .header("cache-control", "public, max-age=300")
        .send(embedScript(form));
    },
  );
}
