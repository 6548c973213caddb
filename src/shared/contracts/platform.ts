import { z } from "zod";
import { IsoDate, PageQuery } from "./common.ts";

export const TerritoryLevel = z.enum(["national", "region", "area", "territory", "route"]);

export const TerritoryListQuery = z.strictObject({
  parentId: z.uuid().optional(),
  level: TerritoryLevel.optional(),
  q: z.string().trim().max(120).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const TerritoryResponse = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  level: TerritoryLevel,
  code: z.string(),
  name: z.string(),
  nameBn: z.string(),
  depth: z.number().int(),
  childCount: z.number().int(),
});

/** One territory with the chain above it (root first, within what the caller may see). */
export const TerritoryDetailResponse = TerritoryResponse.extend({
  ancestors: z.array(z.object({ id: z.uuid(), level: TerritoryLevel, name: z.string(), nameBn: z.string() })),
});

export const AuditListQuery = PageQuery.extend({
  entity: z.string().max(60).optional(),
  entityId: z.string().max(80).optional(),
  actorId: z.uuid().optional(),
  action: z.string().max(60).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});

export const AuditEntryResponse = z.object({
  id: z.uuid(),
  at: z.string(),
  actorId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  actorKind: z.enum(["user", "token", "system"]),
  entity: z.string(),
  entityId: z.string().nullable(),
  action: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  ip: z.string().nullable(),
});

export const NotificationListQuery = PageQuery.extend({
  unread: z.enum(["true", "false"]).optional(),
});

export const NotificationResponse = z.object({
  id: z.uuid(),
  kind: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export const UnreadCountResponse = z.object({ unread: z.number().int() });

export const SendNotificationRequest = z.strictObject({
  userIds: z.array(z.uuid()).min(1).max(1000),
  kind: z.string().trim().min(1).max(60).default("announcement"),
  titleEn: z.string().trim().min(1).max(200),
  titleBn: z.string().trim().min(1).max(200),
  bodyEn: z.string().trim().max(2000).optional(),
  bodyBn: z.string().trim().max(2000).optional(),
  link: z
    .string()
    .max(500)
    .regex(/^\/(?!\/)/, "Must be a link inside Bikri, starting with /|বিক্রির ভিতরের লিংক দিন, / দিয়ে শুরু")
    .optional(),
});

export const HealthResponse = z.object({
  status: z.literal("ok"),
  database: z.enum(["postgres", "pglite"]),
  version: z.string(),
});
