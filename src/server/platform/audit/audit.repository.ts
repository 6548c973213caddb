import { sql } from "kysely";
import type { Executor } from "../../db/transaction.ts";

export interface AuditRow {
  orgId: string;
  id: string;
  actorUserId: string | null;
  actorKind: "user" | "token" | "system";
  entity: string;
  entityId: string | null;
  action: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
}

export async function insertAudit(db: Executor, row: AuditRow): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      org_id: row.orgId,
      id: row.id,
      actor_user_id: row.actorUserId,
      actor_kind: row.actorKind,
      entity: row.entity,
      entity_id: row.entityId,
      action: row.action,
      before: row.before === undefined || row.before === null ? null : JSON.stringify(row.before),
      after: row.after === undefined || row.after === null ? null : JSON.stringify(row.after),
      request_id: row.requestId,
      ip: row.ip,
    })
    .execute();
}

export interface AuditFilter {
  entity?: string | undefined;
  entityId?: string | undefined;
  actorId?: string | undefined;
  action?: string | undefined;
  /** Inclusive business dates, Asia/Dhaka. */
  from?: string | undefined;
  to?: string | undefined;
  beforeId?: string | undefined;
  limit: number;
}

export async function listAudit(db: Executor, orgId: string, f: AuditFilter) {
  let q = db
    .selectFrom("audit_log as a")
    .leftJoin("users as u", (j) => j.onRef("u.org_id", "=", "a.org_id").onRef("u.id", "=", "a.actor_user_id"))
    .select([
      "a.id",
      "a.at",
      "a.actor_user_id",
      "a.actor_kind",
      "a.entity",
      "a.entity_id",
      "a.action",
      "a.before",
      "a.after",
      "a.ip",
      "u.name as actor_name",
    ])
    .where("a.org_id", "=", orgId);
  if (f.entity) q = q.where("a.entity", "=", f.entity);
  if (f.entityId) q = q.where("a.entity_id", "=", f.entityId);
  if (f.actorId) q = q.where("a.actor_user_id", "=", f.actorId);
  if (f.action) q = q.where("a.action", "=", f.action);
  if (f.from) q = q.where("a.at", ">=", sql<Date>`(${f.from}::date)::timestamp at time zone 'Asia/Dhaka'`);
  if (f.to) q = q.where("a.at", "<", sql<Date>`(${f.to}::date + 1)::timestamp at time zone 'Asia/Dhaka'`);
  if (f.beforeId) q = q.where("a.id", "<", f.beforeId);
  return q
    .orderBy("a.id", "desc")
    .limit(f.limit + 1)
    .execute();
}
