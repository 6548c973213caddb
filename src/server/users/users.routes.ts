import { z } from "zod";
import { ApiTokenResponse, CreateApiTokenRequest, CreatedApiTokenResponse } from "../../shared/contracts/auth.ts";
import { ErrorResponse, IdParams } from "../../shared/contracts/common.ts";
import {
  CreateUserRequest,
  InviteResponse,
  UpdateUserRequest,
  UserCreatedResponse,
  UserListQuery,
  UserResponse,
} from "../../shared/contracts/users.ts";
import { type App, ctxOf } from "../platform/http.ts";
import * as auth from "./auth.service.ts";
import * as users from "./users.service.ts";

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
};

export function usersRoutes(app: App) {
  const tags = ["users"];
  app.get(
    "/api/v1/users",
    {
      config: { access: "users.read" },
      schema: {
        tags,
        summary: "Users the caller may see (admins: the org; managers: their territory subtree)",
        querystring: UserListQuery,
        response: { 200: z.object({ items: z.array(UserResponse), nextCursor: z.string().nullable() }), ...errors },
      },
    },
    async (request) => users.listUsers(ctxOf(request), request.query),
  );

  app.post(
    "/api/v1/users",
    {
      config: { access: "users.write" },
      schema: {
        tags,
        summary: "Create a user with a password, or invite them (no password: an invite link is returned once)",
        body: CreateUserRequest,
        response: { 201: UserCreatedResponse, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await users.createUser(ctxOf(request), request.body)),
  );

  app.get(
    "/api/v1/users/:id",
    {
      config: { access: "users.read" },
      schema: { tags, summary: "One user", params: IdParams, response: { 200: UserResponse, ...errors } },
    },
    async (request) => users.getUser(ctxOf(request), request.params.id),
  );

  app.patch(
    "/api/v1/users/:id",
    {
      config: { access: "users.write" },
      schema: {
        tags,
        summary: "Change a user's details, role or scope",
        params: IdParams,
        body: UpdateUserRequest,
        response: { 200: UserResponse, ...errors },
      },
    },
    async (request) => users.updateUser(ctxOf(request), request.params.id, request.body),
  );

  app.post(
    "/api/v1/users/:id/deactivate",
    {
      config: { access: "users.write" },
      schema: {
        tags,
        summary: "Deactivate a user: their sessions end and their API tokens are revoked",
        params: IdParams,
        response: { 200: UserResponse, ...errors },
      },
    },
    async (request) => users.deactivateUser(ctxOf(request), request.params.id),
  );

  app.post(
    "/api/v1/users/:id/reactivate",
    {
      config: { access: "users.write" },
      schema: { tags, summary: "Reactivate a user", params: IdParams, response: { 200: UserResponse, ...errors } },
    },
    async (request) => users.reactivateUser(ctxOf(request), request.params.id),
  );

  app.post(
    "/api/v1/users/:id/invite",
    {
      config: { access: "users.write" },
      schema: {
        tags,
        summary:
          "Issue a link to set a password: a new invitation for an invited user, a reset link for an active one (valid 7 days)",
        params: IdParams,
        response: { 200: InviteResponse, ...errors },
      },
    },
    async (request) => users.reissueInvite(ctxOf(request), request.params.id),
  );

  const tokenTags = ["api-tokens"];
  app.get(
    "/api/v1/api-tokens",
    {
      config: { access: "tokens.manage" },
      schema: {
        tags: tokenTags,
        summary: "API tokens of the org",
        response: { 200: z.object({ items: z.array(ApiTokenResponse) }), ...errors },
      },
    },
    async (request) => auth.listApiTokens(ctxOf(request)),
  );

  app.post(
    "/api/v1/api-tokens",
    {
      config: { access: "tokens.manage" },
      schema: {
        tags: tokenTags,
        summary: "Create an API token (Bearer) acting as the caller; the token is shown once",
        body: CreateApiTokenRequest,
        response: { 201: CreatedApiTokenResponse, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await auth.createApiToken(ctxOf(request), request.body)),
  );

  app.post(
    "/api/v1/api-tokens/:id/revoke",
    {
      config: { access: "tokens.manage" },
      schema: {
        tags: tokenTags,
        summary: "Revoke an API token",
        params: IdParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await auth.revokeApiToken(ctxOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
