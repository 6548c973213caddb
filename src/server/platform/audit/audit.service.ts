// Every write records who did what to which record, with the record before and after, in the same
// transaction as the write itself: if the write rolls back, so does its audit row.
import { newId } from "../../../shared/ids.ts";
import type { Executor } from "../../db/transaction.ts";
import { AccessErrors, can } from "../access.ts";
import type { Ctx } from "../context.ts";
import { isSystemActor } from "../context.ts";
import { decodeIdCursor, encodeCursor } from "../pagination.ts";
import { insertAudit, listAudit } from "./audit.repository.ts";

/** Fields that never enter the audit log, whatever entity they belong to. */
const SECRET_FIELDS = new Set([
  "password_hash",
  "passwordHash",
  "token_hash",
  "tokenHash",
  "invite_token_hash",
  "csrf_token",
]);

function redact(value: unknown): unknown {
  if (value === null || value === undefined || typeof value !== "object") return value ?? null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(redact);
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([k]) => !SECRET_FIELDS.has(k))
      .map(([k, v]) => [k, redact(v)]),
  );
}

export interface AuditEvent {
  entity: string;
  entityId: string | null;
  action: string;
  before?: unknown;
  after?: unknown;
}

export async function recordAudit(tx: Executor, ctx: Ctx, event: AuditEvent): Promise<void> {
  const system = isSystemActor(ctx);
  await insertAudit(tx, {
    orgId: ctx.actor.orgId,
    id: newId(),
    actorUserId: system ? null : ctx.actor.userId,
    actorKind: system ? "system" : ctx.actor.via === "token" ? "token" : "user",
    entity: event.entity,
    entityId: event.entityId,
    action: event.action,
    before: redact(event.before),
    after: redact(event.after),
    requestId: ctx.requestId,
    ip: ctx.ip,
  });
}

export interface AuditQuery {
  entity?: string | undefined;
  entityId?: string | undefined;
  actorId?: string | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

export async function listAuditEntries(ctx: Ctx, query: AuditQuery) {
  if (!can(ctx.actor, "audit.read")) throw AccessErrors.forbidden();
  const beforeId = query.cursor ? decodeIdCursor(query.cursor) : undefined;
  const rows = await listAudit(ctx.db, ctx.actor.orgId, { ...query, beforeId, limit: query.limit });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actorId: r.actor_user_id,
      actorName: r.actor_name ?? null,
      actorKind: r.actor_kind,
      entity: r.entity,
      entityId: r.entity_id,
      action: r.action,
      before: r.before ?? null,
      after: r.after ?? null,
      ip: r.ip,
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.id]) : null,
  };
}
