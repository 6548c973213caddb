import { z } from "zod";
import { ErrorResponse, IdParams, Page } from "../../shared/contracts/common.ts";
import {
  CreateWebhookEndpointRequest,
  UpdateWebhookEndpointRequest,
  WebhookDeliveryDetailResponse,
  WebhookDeliveryListQuery,
  WebhookDeliveryResponse,
  WebhookEndpointResponse,
  WebhookEndpointWithSecretResponse,
} from "../../shared/contracts/webhooks.ts";
import { type App, ctxOf } from "../platform/http.ts";
import * as webhooks from "./webhooks.service.ts";

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
};

export function webhooksRoutes(app: App, opts: webhooks.WebhookOptions) {
  const tags = ["webhooks"];
  const access = "webhooks.manage" as const;

  app.get(
    "/api/v1/webhooks",
    {
      config: { access },
      schema: {
        tags,
        summary: "Webhook endpoints of the org, with their deliveries of the last 7 days",
        response: { 200: z.object({ items: z.array(WebhookEndpointResponse) }), ...errors },
      },
    },
    async (request) => webhooks.listEndpoints(ctxOf(request)),
  );
  app.post(
    "/api/v1/webhooks",
    {
      config: { access },
      schema: {
        tags,
        summary: "Subscribe a URL to events; the signing secret is in this answer only",
        body: CreateWebhookEndpointRequest,
        response: { 201: WebhookEndpointWithSecretResponse, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await webhooks.createEndpoint(ctxOf(request), request.body, opts)),
  );

  // Static paths before /:id, so "deliveries" is never taken for an endpoint id.
  app.get(
    "/api/v1/webhooks/deliveries",
    {
      config: { access },
      schema: {
        tags,
        summary: "The delivery log, newest first: filter by endpoint, status or event; cursor pages",
        querystring: WebhookDeliveryListQuery,
        response: { 200: Page(WebhookDeliveryResponse), ...errors },
      },
    },
    async (request) => webhooks.listDeliveries(ctxOf(request), request.query),
  );
  app.get(
    "/api/v1/webhooks/deliveries/:id",
    {
      config: { access },
      schema: {
        tags,
        summary: "One delivery with the body that was sent",
        params: IdParams,
        response: { 200: WebhookDeliveryDetailResponse, ...errors },
      },
    },
    async (request) => webhooks.getDelivery(ctxOf(request), request.params.id),
  );
  app.post(
    "/api/v1/webhooks/deliveries/:id/replay",
    {
      config: { access },
      schema: {
        tags,
        summary: "Send a delivery's event again (same event id and body, a new delivery), trying it at once",
        params: IdParams,
        response: { 201: WebhookDeliveryDetailResponse, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await webhooks.replayDelivery(ctxOf(request), request.params.id, opts)),
  );

  app.get(
    "/api/v1/webhooks/:id",
    {
      config: { access },
      schema: {
        tags,
        summary: "One webhook endpoint",
        params: IdParams,
        response: { 200: WebhookEndpointResponse, ...errors },
      },
    },
    async (request) => webhooks.getEndpoint(ctxOf(request), request.params.id),
  );
  app.patch(
    "/api/v1/webhooks/:id",
    {
      config: { access },
      schema: {
        tags,
        summary: "Change an endpoint's URL, description or events, or pause and resume it",
        params: IdParams,
        body: UpdateWebhookEndpointRequest,
        response: { 200: WebhookEndpointResponse, ...errors },
      },
    },
    async (request) => webhooks.updateEndpoint(ctxOf(request), request.params.id, request.body, opts),
  );
  app.delete(
    "/api/v1/webhooks/:id",
    {
      config: { access },
      schema: {
        tags,
        summary: "Delete an endpoint: nothing more is sent to it; its delivery log stays",
        params: IdParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await webhooks.deleteEndpoint(ctxOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
  app.post(
    "/api/v1/webhooks/:id/rotate-secret",
    {
      config: { access },
      schema: {
        tags,
        summary: "Replace the signing secret (the old one stops at once); the new one is in this answer only",
        params: IdParams,
        response: { 200: WebhookEndpointWithSecretResponse, ...errors },
      },
    },
    async (request) => webhooks.rotateSecret(ctxOf(request), request.params.id, opts),
  );
  app.post(
    "/api/v1/webhooks/:id/test",
    {
      config: { access },
      schema: {
        tags,
        summary: "Send a webhook.test event to the endpoint now, and answer with how the delivery went",
        params: IdParams,
        response: { 201: WebhookDeliveryDetailResponse, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await webhooks.sendTestEvent(ctxOf(request), request.params.id, opts)),
  );
}
