import { ErrorResponse, IdParams } from "../../shared/contracts/common.ts";
import {
  CreateCustomFieldRequest,
  CustomFieldQuery,
  CustomFieldResponse,
  CustomFieldsResponse,
  UpdateCustomFieldRequest,
} from "../../shared/contracts/crm.ts";
import { type App, ctxOf } from "../platform/http.ts";
import * as service from "./custom-fields.service.ts";

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
};

const BASE = "/api/v1/crm/custom-fields";

export function customFieldsRoutes(app: App) {
  const tags = ["crm"];

  app.get(
    BASE,
    {
      config: { access: "crm.read" },
      schema: {
        tags,
        summary: "The org's custom fields (of one entity), in order",
        querystring: CustomFieldQuery,
        response: { 200: CustomFieldsResponse, ...errors },
      },
    },
    async (request) => service.listCustomFields(ctxOf(request), request.query),
  );

  app.post(
    BASE,
    {
      config: { access: "crm.manage" },
      schema: {
        tags,
        summary: "Add a custom field to contacts, accounts, leads or deals",
        body: CreateCustomFieldRequest,
        response: { 201: CustomFieldResponse, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await service.createCustomField(ctxOf(request), request.body)),
  );

  app.patch(
    `${BASE}/:id`,
    {
      config: { access: "crm.manage" },
      schema: {
        tags,
        summary: "Change a custom field's labels, options, required flag or order, or archive it",
        params: IdParams,
        body: UpdateCustomFieldRequest,
        response: { 200: CustomFieldResponse, ...errors },
      },
    },
    async (request) => service.updateCustomField(ctxOf(request), request.params.id, request.body),
  );
}
