import { ErrorResponse, IdParams } from "../../shared/contracts/common.ts";
import {
  ContactListQuery,
  ContactListResponse,
  ContactResponse,
  CreateContactRequest,
  UpdateContactRequest,
} from "../../shared/contracts/crm.ts";
import { type App, ctxOf } from "../platform/http.ts";
import * as service from "./contacts.service.ts";

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
};

const BASE = "/api/v1/crm/contacts";

export function contactsRoutes(app: App) {
  const tags = ["crm"];

  app.get(
    BASE,
    {
      config: { access: "crm.read" },
      schema: {
        tags,
        summary:
          "Contacts in the caller's CRM scope, by name; filter ({ all: [{ field, op, value }] } as JSON) and/or a saved segment",
        querystring: ContactListQuery,
        response: { 200: ContactListResponse, ...errors },
      },
    },
    async (request) => service.listContacts(ctxOf(request), request.query),
  );

  app.post(
    BASE,
    {
      config: { access: "crm.write" },
      schema: {
        tags,
        summary:
          "Create a contact; 409 (details.existingId) when a contact has the same phone or email, unless allowDuplicate",
        body: CreateContactRequest,
        response: { 201: ContactResponse, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await service.createContact(ctxOf(request), request.body)),
  );

  app.get(
    `${BASE}/:id`,
    {
      config: { access: "crm.read" },
      schema: { tags, summary: "One contact", params: IdParams, response: { 200: ContactResponse, ...errors } },
    },
    async (request) => service.getContact(ctxOf(request), request.params.id),
  );

  app.patch(
    `${BASE}/:id`,
    {
      config: { access: "crm.write" },
      schema: {
        tags,
        summary: "Change a contact (a phone or email another contact has: 409 unless allowDuplicate)",
        params: IdParams,
        body: UpdateContactRequest,
        response: { 200: ContactResponse, ...errors },
      },
    },
    async (request) => service.updateContact(ctxOf(request), request.params.id, request.body),
  );

  app.post(
    `${BASE}/:id/archive`,
    {
      config: { access: "crm.write" },
      schema: { tags, summary: "Archive a contact", params: IdParams, response: { 200: ContactResponse, ...errors } },
    },
    async (request) => service.setContactArchived(ctxOf(request), request.params.id, true),
  );

  app.post(
    `${BASE}/:id/restore`,
    {
      config: { access: "crm.write" },
      schema: {
        tags,
        summary: "Restore an archived contact",
        params: IdParams,
        response: { 200: ContactResponse, ...errors },
      },
    },
    async (request) => service.setContactArchived(ctxOf(request), request.params.id, false),
  );
}
