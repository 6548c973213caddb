// Routes of the platform's own resources: health, territory tree, audit log, notification centre.
import { z } from "zod";
import { ErrorResponse, IdParams } from "../../shared/contracts/common.ts";
import {
  AuditEntryResponse,
  AuditListQuery,
  HealthResponse,
  NotificationListQuery,
  NotificationResponse,
  SendNotificationRequest,
  TerritoryDetailResponse,
  TerritoryListQuery,
  TerritoryResponse,
  UnreadCountResponse,
} from "../../shared/contracts/platform.ts";
import { pingDatabase } from "../db/connection.ts";
import { listAuditEntries } from "./audit/audit.service.ts";
import { PlatformErrors } from "./errors.ts";
import { type App, ctxOf } from "./http.ts";
import * as notifications from "./notifications/notifications.service.ts";
import { browseTerritories, getTerritory } from "./territories/territories.service.ts";

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };
const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export function platformRoutes(app: App, opts: { engine: "postgres" | "pglite"; version: string }) {
  app.get(
    "/api/health",
    {
      config: { access: "public" },
      schema: {
        tags: ["platform"],
        summary: "Liveness with a database round trip",
        response: { 200: HealthResponse, 503: ErrorResponse },
      },
    },
    async (request) => {
      try {
        await pingDatabase(request.db);
      } catch (err) {
        request.log.error({ err }, "health check: database unreachable");
        throw PlatformErrors.unavailable();
      }
      return { status: "ok" as const, database: opts.engine, version: opts.version };
    },
  );

  app.get(
    "/api/v1/territories",
    {
      config: { access: "territories.read" },
      schema: {
        tags: ["territories"],
        summary: "Browse the territory tree within the caller's scope (children of parentId, or the visible roots)",
        querystring: TerritoryListQuery,
        response: { 200: z.object({ items: z.array(TerritoryResponse) }), ...errors },
      },
    },
    async (request) => browseTerritories(ctxOf(request), request.query),
  );

  app.get(
    "/api/v1/territories/:id",
    {
      config: { access: "territories.read" },
      schema: {
        tags: ["territories"],
        summary: "One territory with its ancestors (root first)",
        params: IdParams,
        response: { 200: TerritoryDetailResponse, ...errors },
      },
    },
    async (request) => getTerritory(ctxOf(request), request.params.id),
  );

  app.get(
    "/api/v1/audit",
    {
      config: { access: "audit.read" },
      schema: {
        tags: ["audit"],
        summary: "The audit log: who changed what, before and after; newest first",
        querystring: AuditListQuery,
        response: { 200: page(AuditEntryResponse), ...errors },
      },
    },
    async (request) => listAuditEntries(ctxOf(request), request.query),
  );

  const tags = ["notifications"];
  app.get(
    "/api/v1/notifications",
    {
      config: { access: "signed-in" },
      schema: {
        tags,
        summary: "My notifications, newest first",
        querystring: NotificationListQuery,
        response: { 200: page(NotificationResponse), ...errors },
      },
    },
    async (request) => notifications.listMyNotifications(ctxOf(request), request.query),
  );

  app.get(
    "/api/v1/notifications/unread-count",
    {
      config: { access: "signed-in" },
      schema: {
        tags,
        summary: "How many of my notifications are unread",
        response: { 200: UnreadCountResponse, ...errors },
      },
    },
    async (request) => notifications.unreadCount(ctxOf(request)),
  );

  app.post(
    "/api/v1/notifications/:id/read",
    {
      config: { access: "signed-in" },
      schema: { tags, summary: "Mark one notification read", params: IdParams, response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      await notifications.markNotificationRead(ctxOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/api/v1/notifications/read-all",
    {
      config: { access: "signed-in" },
      schema: { tags, summary: "Mark all my notifications read", response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      await notifications.markAllNotificationsRead(ctxOf(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/api/v1/notifications",
    {
      config: { access: "notifications.send" },
      schema: {
        tags,
        summary: "Send an announcement to users of the org",
        body: SendNotificationRequest,
        response: { 201: z.object({ sent: z.number().int() }), ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await notifications.sendNotification(ctxOf(request), request.body)),
  );
}
