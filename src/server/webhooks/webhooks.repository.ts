// All SQL of webhooks: endpoints, the outbox of deliveries, and the dispatcher's claim on due deliveries.
import { sql } from "kysely";
import type { WebhookDeliveryStatus } from "../db/database.ts";
import type { Executor } from "../db/transaction.ts";

// --- endpoints

const ENDPOINT_COLUMNS = [
  "e.id",
  "e.url",
  "e.description",
  "e.events",
  "e.active",
  "e.created_at",
  "e.updated_at",
  "e.secret_rotated_at",
] as const;

export function listEndpoints(db: Executor, orgId: string) {
  return db
    .selectFrom("webhook_endpoints as e")
    .select(ENDPOINT_COLUMNS)
    .where("e.org_id", "=", orgId)
    .where("e.archived_at", "is", null)
    .orderBy("e.id")
    .execute();
}
export type EndpointRow = Awaited<ReturnType<typeof listEndpoints>>[number];

/** An endpoint that has not been deleted; `lock` holds it until commit (updates, rotation). */
export async function findEndpoint(db: Executor, orgId: string, id: string, lock = false) {
  let q = db
    .selectFrom("webhook_endpoints as e")
    .select(ENDPOINT_COLUMNS)
    .where("e.org_id", "=", orgId)
    .where("e.id", "=", id)
    .where("e.archived_at", "is", null);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function countEndpoints(db: Executor, orgId: string): Promise<number> {
  const r = await db
    .selectFrom("webhook_endpoints")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("org_id", "=", orgId)
    .where("archived_at", "is", null)
    .executeTakeFirstOrThrow();
  return r.n;
}

/** Deliveries per endpoint and status since a time, read by id range (ids are UUIDv7, so time-ordered). */
export function recentDeliveryCounts(db: Executor, orgId: string, endpointIds: string[], sinceId: string) {
  if (endpointIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("webhook_deliveries")
    .select(["endpoint_id", "status", sql<number>`count(*)::int`.as("n"), sql<Date>`max(created_at)`.as("last_at")])
    .where("org_id", "=", orgId)
    .where("endpoint_id", "in", endpointIds)
    .where("id", ">=", sinceId)
    .groupBy(["endpoint_id", "status"])
    .execute();
}

export async function insertEndpoint(
  db: Executor,
  e: {
    org_id: string;
    id: string;
    url: string;
    description: string | null;
    events: string[];
    secret_sealed: string;
    active: boolean;
    created_by: string;
  },
) {
  await db
    .insertInto("webhook_endpoints")
    .values({ ...e, events: sql<string[]>`${sql.val(e.events)}::text[]` })
    .execute();
}

export async function updateEndpoint(
  db: Executor,
  orgId: string,
  id: string,
  patch: {
    url?: string;
    description?: string | null;
    events?: string[];
    active?: boolean;
    secret_sealed?: string;
    secret_rotated_at?: Date;
    archived_at?: Date;
  },
) {
  const { events, ...rest } = patch;
  await db
    .updateTable("webhook_endpoints")
    .set({
      ...rest,
      ...(events && { events: sql<string[]>`${sql.val(events)}::text[]` }),
      updated_at: new Date(),
    })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

/** The endpoints of an org that want this event now (active, not deleted, subscribed). */
export async function subscribedEndpointIds(db: Executor, orgId: string, event: string): Promise<string[]> {
  const rows = await db
    .selectFrom("webhook_endpoints")
    .select("id")
    .where("org_id", "=", orgId)
    .where("archived_at", "is", null)
    .where("active", "=", true)
    .where(sql<boolean>`${event} = any(events)`)
    .execute();
  return rows.map((r) => r.id);
}

// --- deliveries

export interface NewDelivery {
  org_id: string;
  id: string;
  endpoint_id: string;
  event: string;
  event_id: string;
  payload: string;
  next_attempt_at: Date;
  replay_of?: string | null;
}

export async function insertDeliveries(db: Executor, rows: NewDelivery[]) {
  if (rows.length === 0) return;
  await db.insertInto("webhook_deliveries").values(rows).execute();
}

function deliveriesQuery(db: Executor, orgId: string) {
  return db
    .selectFrom("webhook_deliveries as d")
    .innerJoin("webhook_endpoints as e", (j) =>
      j.onRef("e.org_id", "=", "d.org_id").onRef("e.id", "=", "d.endpoint_id"),
    )
    .select([
      "d.id",
      "d.endpoint_id",
      "e.url as endpoint_url",
      "d.event",
      "d.event_id",
      "d.status",
      "d.attempts",
      "d.next_attempt_at",
      "d.last_attempt_at",
      "d.last_status_code",
      "d.last_error",
      "d.replay_of",
      "d.created_at",
      "d.delivered_at",
    ])
    .where("d.org_id", "=", orgId);
}
export type DeliveryRow = Awaited<ReturnType<ReturnType<typeof deliveriesQuery>["execute"]>>[number];

export function listDeliveries(
  db: Executor,
  orgId: string,
  f: {
    endpointId?: string | undefined;
    status?: WebhookDeliveryStatus | undefined;
    event?: string | undefined;
    beforeId?: string | undefined;
    limit: number;
  },
) {
  let q = deliveriesQuery(db, orgId);
  if (f.endpointId) q = q.where("d.endpoint_id", "=", f.endpointId);
  if (f.status) q = q.where("d.status", "=", f.status);
  if (f.event) q = q.where("d.event", "=", f.event);
  if (f.beforeId) q = q.where("d.id", "<", f.beforeId);
  return q
    .orderBy("d.id", "desc")
    .limit(f.limit + 1)
    .execute();
}

export function findDelivery(db: Executor, orgId: string, id: string) {
  return deliveriesQuery(db, orgId)
    .select(["d.payload", "e.active as endpoint_active", "e.archived_at as endpoint_archived_at"])
    .where("d.id", "=", id)
    .executeTakeFirst();
}

/** When an endpoint is deleted, what it still owed will never be sent: say so in the log. */
export async function abandonUnfinished(db: Executor, orgId: string, endpointId: string, reason: string) {
  await db
    .updateTable("webhook_deliveries")
    .set({ status: "dead", next_attempt_at: null, last_error: reason })
    .where("org_id", "=", orgId)
    .where("endpoint_id", "=", endpointId)
    .where("status", "in", ["pending", "failed"])
    .execute();
}

// --- the dispatcher

/** Orgs with a delivery due by `now` to an endpoint that is on. */
export async function orgsWithDueDeliveries(db: Executor, now: Date): Promise<string[]> {
  const r = await sql<{ org_id: string }>`
    select distinct d.org_id from webhook_deliveries d
    join webhook_endpoints e on e.org_id = d.org_id and e.id = d.endpoint_id
    where d.status in ('pending', 'failed') and d.next_attempt_at <= ${now}
      and e.active and e.archived_at is null`.execute(db);
  return r.rows.map((x) => x.org_id);
}

export interface ClaimedDelivery {
  org_id: string;
  id: string;
  endpoint_id: string;
  event: string;
  event_id: string;
  payload: unknown;
  attempts: number;
  url: string;
  secret_sealed: string;
}

/**
 * Takes up to `limit` deliveries of an org that are due by `now` (or just the one named) and leases them
 * until `leaseUntil` by moving their next attempt there. Rows another dispatcher holds are skipped, not
 * waited for, so app processes never send the same delivery at once; a process that dies mid-attempt
 * leaves the delivery to be tried again when the lease runs out.
 */
export async function claimDueDeliveries(
  db: Executor,
  orgId: string,
  opts: { now: Date; leaseUntil: Date; limit: number; onlyId?: string | undefined },
): Promise<ClaimedDelivery[]> {
  const only = opts.onlyId ? sql`and d.id = ${opts.onlyId}` : sql``;
  const r = await sql<ClaimedDelivery>`
    with due as (
      select d.org_id, d.id from webhook_deliveries d
      join webhook_endpoints e on e.org_id = d.org_id and e.id = d.endpoint_id
      where d.org_id = ${orgId} and d.status in ('pending', 'failed') and d.next_attempt_at <= ${opts.now}
        and e.active and e.archived_at is null ${only}
      order by d.next_attempt_at
      limit ${opts.limit}
      for update of d skip locked
    )
    update webhook_deliveries d set next_attempt_at = ${opts.leaseUntil}
    from due, webhook_endpoints e
    where d.org_id = due.org_id and d.id = due.id and e.org_id = d.org_id and e.id = d.endpoint_id
    returning d.org_id, d.id, d.endpoint_id, d.event, d.event_id, d.payload, d.attempts, e.url, e.secret_sealed`.execute(
    db,
  );
  return r.rows;
}

export async function recordAttempt(
  db: Executor,
  orgId: string,
  id: string,
  a: {
    status: WebhookDeliveryStatus;
    at: Date;
    httpStatus: number | null;
    error: string | null;
    nextAttemptAt: Date | null;
  },
) {
  await db
    .updateTable("webhook_deliveries")
    .set((eb) => ({
      status: a.status,
      attempts: eb("attempts", "+", 1),
      last_attempt_at: a.at,
      last_status_code: a.httpStatus,
      last_error: a.error,
      next_attempt_at: a.nextAttemptAt,
      ...(a.status === "succeeded" && { delivered_at: a.at }),
    }))
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    // An attempt that outlived its lease must not undo what happened meanwhile (a success, a deletion).
    .where("status", "in", ["pending", "failed"])
    .execute();
}

// --- housekeeping

export async function orgsWithEndpoints(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom("webhook_endpoints").select("org_id").distinct().execute();
  return rows.map((r) => r.org_id);
}

/** Deletes an org's finished (succeeded or dead) deliveries made before the given id (ids are time-ordered). */
export async function purgeFinishedDeliveries(db: Executor, orgId: string, beforeId: string): Promise<number> {
  const r = await db
    .deleteFrom("webhook_deliveries")
    .where("org_id", "=", orgId)
    .where("id", "<", beforeId)
    .where("status", "in", ["succeeded", "dead"])
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
