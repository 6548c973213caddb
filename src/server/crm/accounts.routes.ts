import { z } from "zod";
import { ErrorResponse, IdParams } from "../../shared/contracts/common.ts";
import {
  AccountDetailResponse,
  AccountListQuery,
  AccountListResponse,
  AccountResponse,
  CreateAccountRequest,
  NetworkAccountListResponse,
  NetworkAccountQuery,
  UpdateAccountRequest,
} from "../../shared/contracts/crm.ts";
import { type App, ctxOf } from "../platform/http.ts";
import * as service from "./accounts.service.ts";

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
};

const BASE = "/api/v1/crm/accounts";

export function accountsRoutes(app: App) {
  const tags = ["crm"];

  app.get(
    BASE,
    {
      config: { access: "crm.read" },
      schema: {
        tags,
        summary:
          "Accounts in the caller's CRM scope, by name; filter ({ all: [{ field, op, value }] } as JSON) and/or a saved segment",
        querystring: AccountListQuery,
        response: { 200: AccountListResponse, ...errors },
      },
    },
    async (request) => service.listAccounts(ctxOf(request), request.query),
  );

  app.post(
    BASE,
    {
      config: { access: "crm.write" },
      schema: {
        tags,
        summary: "Create a company account (owner defaults to the caller)",
        body: CreateAccountRequest,
        response: { 201: AccountResponse, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await service.createAccount(ctxOf(request), request.body)),
  );

  app.get(
    `${BASE}/network`,
    {
      config: { access: "crm.read" },
      schema: {
        tags,
        summary: "Outlets or distributors in the caller's network scope, each with its account id once opened",
        querystring: NetworkAccountQuery,
        response: { 200: NetworkAccountListResponse, ...errors },
      },
    },
    async (request) => service.listNetworkAccounts(ctxOf(request), request.query),
  );

  for (const kind of ["outlet", "distributor"] as const)
    app.post(
      `${BASE}/for-${kind}/:id`,
      {
        config: { access: "crm.read" },
        schema: {
          tags,
          summary: `The account of a ${kind} the caller sees in the network, made on first use`,
          params: IdParams,
          response: { 200: z.object({ id: z.uuid() }), ...errors },
        },
      },
      async (request) => service.openNetworkAccount(ctxOf(request), kind, request.params.id),
    );

  app.get(
    `${BASE}/:id`,
    {
      config: { access: "crm.read" },
      schema: {
        tags,
        summary: "One account, with the outlet's or distributor's facts behind it",
        params: IdParams,
        response: { 200: AccountDetailResponse, ...errors },
      },
    },
    async (request) => service.getAccount(ctxOf(request), request.params.id),
  );

  app.patch(
    `${BASE}/:id`,
    {
      config: { access: "crm.write" },
      schema: {
        tags,
        summary: "Change an account (an outlet's or distributor's name, phone and address stay the network's)",
        params: IdParams,
        body: UpdateAccountRequest,
        response: { 200: AccountResponse, ...errors },
      },
    },
    async (request) => service.updateAccount(ctxOf(request), request.params.id, request.body),
  );

  app.post(
    `${BASE}/:id/archive`,
    {
      config: { access: "crm.write" },
      schema: {
        tags,
        summary: "Archive a company account",
        params: IdParams,
        response: { 200: AccountResponse, ...errors },
      },
    },
    async (request) => service.setAccountArchived(ctxOf(request), request.params.id, true),
  );

  app.post(
    `${BASE}/:id/restore`,
    {
      config: { access: "crm.write" },
      schema: {
        tags,
        summary: "Restore an archived account",
        params: IdParams,
        response: { 200: AccountResponse, ...errors },
      },
    },
    async (request) => service.setAccountArchived(ctxOf(request), request.params.id, false),
  );
}
