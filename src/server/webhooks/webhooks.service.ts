// Webhooks: an org's admins subscribe URLs to events; other modules publish events inside their own
// transactions (publishEvent and friends), which writes one delivery row per subscribed endpoint — the
// outbox — so an order that rolls back reports nothing. After commit the dispatcher (deliverDueWebhooks)
// sends due deliveries, signed, and retries failures with backoff (webhook-retry.ts) until they succeed or
// die. Test events and replays are sent at once as well, so the admin sees the answer on the spot.
//
// Exported for other modules: publishEvent, publishOrderEvent, publishPaymentReceived. Events marked
// `emitted: false` in the catalogue have no publisher yet; ticket.closed comes from the service desk
// (service/service.service.ts).
import type { z } from "zod";
import type { PaymentResponse, SecondaryOrderResponse } from "../../shared/contracts/orders.ts";
import {
  type CreateWebhookEndpointRequest,
  type DeliveryEvent,
  type UpdateWebhookEndpointRequest,
  WEBHOOK_TEST_EVENT,
  type WebhookDeliveryDetailResponse,
  type WebhookDeliveryListQuery,
  type WebhookDeliveryResponse,
  type WebhookEndpointResponse,
  type WebhookEndpointWithSecretResponse,
  type WebhookEnvelope,
  type WebhookEvent,
} from "../../shared/contracts/webhooks.ts";
import { newId } from "../../shared/ids.ts";
import type { Db, Executor } from "../db/transaction.ts";
import { withTransaction } from "../db/transaction.ts";
import { AccessErrors, can } from "../platform/access.ts";
import { recordAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import { decodeIdCursor, encodeCursor } from "../platform/pagination.ts";
import { openSecret, sealSecret } from "../users/secret-box.ts";
import { retryDelayMs } from "./webhook-retry.ts";
import { type AttemptResult, postJson } from "./webhook-sender.ts";
import { newWebhookSecret, signatureHeader } from "./webhook-signature.ts";
import { targetProblem } from "./webhook-targets.ts";
import { WebhookErrors } from "./webhooks.errors.ts";
import * as repo from "./webhooks.repository.ts";

/**
 * From config: whether private targets are allowed (WEBHOOKS_ALLOW_PRIVATE_TARGETS) and the key that seals
 * endpoint secrets at rest (BIKRI_SECRET_KEY). Tests shorten the timeout.
 */
export interface WebhookOptions {
  allowPrivateTargets: boolean;
  secretKey: Buffer;
  timeoutMs?: number;
}

/** Each sealed secret is bound to its endpoint: copied onto another endpoint or org, it does not open. */
const sealedFor = (orgId: string, endpointId: string) => `webhook-endpoint:${orgId}:${endpointId}`;
const sealEndpointSecret = (key: Buffer, orgId: string, endpointId: string, secret: string) =>
  sealSecret(key, Buffer.from(secret, "utf8"), sealedFor(orgId, endpointId));

export const MAX_ENDPOINTS_PER_ORG = 20;
/** An attempt holds its delivery this long; longer than any attempt can take (the timeout is 10 s). */
const LEASE_MS = 2 * 60_000;
const BATCH = 20;
/** Rounds of a batch per org in one pass, so one busy org cannot hold the dispatcher for long. */
const MAX_ROUNDS_PER_ORG = 10;
const RECENT_DAYS = 7;
/** Finished deliveries are kept this long for the log, then purged; unfinished ones are never purged. */
export const DELIVERY_RETENTION_DAYS = 90;

const iso = (d: Date | null) => d?.toISOString() ?? null;

function needs(ctx: Ctx) {
  if (!can(ctx.actor, "webhooks.manage")) throw AccessErrors.forbidden();
}

/** The smallest UUIDv7 made at or after `at`: ids compare in time order, so this bounds a time range. */
function idFloor(at: Date): string {
  const hex = at.getTime().toString(16).padStart(12, "0");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-0000-0000-000000000000`;
}

async function endpointResponses(db: Executor, orgId: string, rows: repo.EndpointRow[]) {
  const since = new Date(Date.now() - RECENT_DAYS * 86_400_000);
  const counts = await repo.recentDeliveryCounts(
    db,
    orgId,
    rows.map((r) => r.id),
    idFloor(since),
  );
  return rows.map((r): WebhookEndpointResponse => {
    const mine = counts.filter((c) => c.endpoint_id === r.id);
    const n = (status: string) => mine.find((c) => c.status === status)?.n ?? 0;
    const last = mine.reduce<Date | null>((m, c) => (m === null || c.last_at > m ? new Date(c.last_at) : m), null);
    return {
      id: r.id,
      url: r.url,
      description: r.description,
      events: r.events as WebhookEvent[],
      active: r.active,
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
      secretRotatedAt: iso(r.secret_rotated_at),
      recentDeliveries: { pending: n("pending"), succeeded: n("succeeded"), failed: n("failed"), dead: n("dead") },
      lastDeliveryAt: iso(last),
    };
  });
}

async function loadEndpoint(db: Executor, orgId: string, id: string, lock = false) {
  const row = await repo.findEndpoint(db, orgId, id, lock);
  if (!row) throw WebhookErrors.endpointNotFound();
  const [response] = await endpointResponses(db, orgId, [row]);
  return response as WebhookEndpointResponse;
}

/** What the audit log keeps of an endpoint: never its secret. */
const auditView = (e: WebhookEndpointResponse) => ({
  url: e.url,
  description: e.description,
  events: e.events,
  active: e.active,
});

/** A URL as stored: normalised (lower-case scheme and host), and refused if it points somewhere private. */
async function checkedUrl(url: string, opts: WebhookOptions): Promise<string> {
  const href = new URL(url).href;
  const problem = await targetProblem(href, opts);
  if (problem === "private") throw WebhookErrors.targetPrivate();
  if (problem === "unresolvable") throw WebhookErrors.targetUnresolvable();
  return href;
}

// --- endpoints

export async function listEndpoints(ctx: Ctx): Promise<{ items: WebhookEndpointResponse[] }> {
  needs(ctx);
  const rows = await repo.listEndpoints(ctx.db, ctx.actor.orgId);
  return { items: await endpointResponses(ctx.db, ctx.actor.orgId, rows) };
}

export async function getEndpoint(ctx: Ctx, id: string) {
  needs(ctx);
  return loadEndpoint(ctx.db, ctx.actor.orgId, id);
}

export async function createEndpoint(
  ctx: Ctx,
  input: CreateWebhookEndpointRequest,
  opts: WebhookOptions,
): Promise<WebhookEndpointWithSecretResponse> {
  needs(ctx);
  const { orgId } = ctx.actor;
  // DNS is asked before the transaction opens: no locks are held while the network answers.
  const url = await checkedUrl(input.url, opts);
  return withTransaction(ctx.db, async (tx) => {
    if ((await repo.countEndpoints(tx, orgId)) >= MAX_ENDPOINTS_PER_ORG)
      throw WebhookErrors.tooManyEndpoints({ limit: MAX_ENDPOINTS_PER_ORG });
    const id = newId();
    const secret = newWebhookSecret();
    await repo.insertEndpoint(tx, {
      org_id: orgId,
      id,
      url,
      description: input.description || null,
      events: input.events,
      secret_sealed: sealEndpointSecret(opts.secretKey, orgId, id, secret),
      active: input.active,
      created_by: ctx.actor.userId,
    });
    const created = await loadEndpoint(tx, orgId, id);
    await recordAudit(tx, ctx, {
      entity: "webhook_endpoint",
      entityId: id,
      action: "create",
      after: auditView(created),
    });
    return { ...created, secret };
  });
}

export async function updateEndpoint(
  ctx: Ctx,
  id: string,
  input: UpdateWebhookEndpointRequest,
  opts: WebhookOptions,
): Promise<WebhookEndpointResponse> {
  needs(ctx);
  const { orgId } = ctx.actor;
  const url = input.url === undefined ? undefined : await checkedUrl(input.url, opts);
  return withTransaction(ctx.db, async (tx) => {
    const before = await loadEndpoint(tx, orgId, id, true);
    await repo.updateEndpoint(tx, orgId, id, {
      ...(url !== undefined && { url }),
      ...(input.description !== undefined && { description: input.description || null }),
      ...(input.events !== undefined && { events: input.events }),
      ...(input.active !== undefined && { active: input.active }),
    });
    const after = await loadEndpoint(tx, orgId, id);
    await recordAudit(tx, ctx, {
      entity: "webhook_endpoint",
      entityId: id,
      action: "update",
      before: auditView(before),
      after: auditView(after),
    });
    return after;
  });
}

/** Deleting archives the endpoint: nothing more is sent to it, and its delivery log stays readable. */
export async function deleteEndpoint(ctx: Ctx, id: string): Promise<void> {
  needs(ctx);
  const { orgId } = ctx.actor;
  await withTransaction(ctx.db, async (tx) => {
    const before = await loadEndpoint(tx, orgId, id, true);
    await repo.updateEndpoint(tx, orgId, id, { active: false, archived_at: new Date() });
    await repo.abandonUnfinished(tx, orgId, id, "endpoint deleted");
    await recordAudit(tx, ctx, {
      entity: "webhook_endpoint",
      entityId: id,
      action: "delete",
      before: auditView(before),
    });
  });
}

/** A new signing secret, in force at once; the old one stops verifying. Shown this once. */
export async function rotateSecret(
  ctx: Ctx,
  id: string,
  opts: WebhookOptions,
): Promise<WebhookEndpointWithSecretResponse> {
  needs(ctx);
  const { orgId } = ctx.actor;
  return withTransaction(ctx.db, async (tx) => {
    const before = await loadEndpoint(tx, orgId, id, true);
    const secret = newWebhookSecret();
    await repo.updateEndpoint(tx, orgId, id, {
      secret_sealed: sealEndpointSecret(opts.secretKey, orgId, id, secret),
      secret_rotated_at: new Date(),
    });
    const after = await loadEndpoint(tx, orgId, id);
    await recordAudit(tx, ctx, {
      entity: "webhook_endpoint",
      entityId: id,
      action: "rotate_secret",
      before: { secretRotatedAt: before.secretRotatedAt },
      after: { secretRotatedAt: after.secretRotatedAt },
    });
    return { ...after, secret };
  });
}

// --- deliveries

const deliveryResponse = (d: repo.DeliveryRow): WebhookDeliveryResponse => ({
  id: d.id,
  endpointId: d.endpoint_id,
  endpointUrl: d.endpoint_url,
  event: d.event as DeliveryEvent,
  eventId: d.event_id,
  status: d.status,
  attempts: d.attempts,
  nextAttemptAt: iso(d.next_attempt_at),
  lastAttemptAt: iso(d.last_attempt_at),
  lastStatusCode: d.last_status_code,
  lastError: d.last_error,
  replayOf: d.replay_of,
  createdAt: d.created_at.toISOString(),
  deliveredAt: iso(d.delivered_at),
});

export async function listDeliveries(ctx: Ctx, query: WebhookDeliveryListQuery) {
  needs(ctx);
  const rows = await repo.listDeliveries(ctx.db, ctx.actor.orgId, {
    endpointId: query.endpointId,
    status: query.status,
    event: query.event,
    beforeId: query.cursor ? decodeIdCursor(query.cursor) : undefined,
    limit: query.limit,
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(deliveryResponse),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.id]) : null,
  };
}

async function loadDelivery(db: Executor, orgId: string, id: string): Promise<WebhookDeliveryDetailResponse> {
  const d = await repo.findDelivery(db, orgId, id);
  if (!d) throw WebhookErrors.deliveryNotFound();
  return { ...deliveryResponse(d), payload: d.payload as Record<string, unknown> };
}

export async function getDelivery(ctx: Ctx, id: string) {
  needs(ctx);
  return loadDelivery(ctx.db, ctx.actor.orgId, id);
}

/**
 * Sends a delivery's event again, as a new delivery with the same event id and body (so a receiver that
 * keeps event ids knows it for a repeat), and tries it at once.
 */
export async function replayDelivery(ctx: Ctx, id: string, opts: WebhookOptions) {
  needs(ctx);
  const { orgId } = ctx.actor;
  const now = new Date();
  const replayId = await withTransaction(ctx.db, async (tx) => {
    const original = await repo.findDelivery(tx, orgId, id);
    if (!original) throw WebhookErrors.deliveryNotFound();
    if (original.endpoint_archived_at) throw WebhookErrors.endpointDeleted();
    if (!original.endpoint_active) throw WebhookErrors.endpointPaused();
    const newDeliveryId = newId();
    await repo.insertDeliveries(tx, [
      {
        org_id: orgId,
        id: newDeliveryId,
        endpoint_id: original.endpoint_id,
        event: original.event,
        event_id: original.event_id,
        payload: JSON.stringify(original.payload),
        next_attempt_at: now,
        replay_of: original.id,
      },
    ]);
    await recordAudit(tx, ctx, {
      entity: "webhook_delivery",
      entityId: newDeliveryId,
      action: "replay",
      after: {
        replayOf: original.id,
        endpointId: original.endpoint_id,
        event: original.event,
        eventId: original.event_id,
      },
    });
    return newDeliveryId;
  });
  await attemptNow(ctx.db, orgId, replayId, opts, now);
  return loadDelivery(ctx.db, orgId, replayId);
}

/** A `webhook.test` event to one endpoint, sent at once; it retries like any other delivery if it fails. */
export async function sendTestEvent(ctx: Ctx, endpointId: string, opts: WebhookOptions) {
  needs(ctx);
  const { orgId } = ctx.actor;
  const now = new Date();
  const deliveryId = await withTransaction(ctx.db, async (tx) => {
    const endpoint = await loadEndpoint(tx, orgId, endpointId);
    if (!endpoint.active) throw WebhookErrors.endpointPaused();
    const eventId = newId();
    const id = newId();
    await repo.insertDeliveries(tx, [
      {
        org_id: orgId,
        id,
        endpoint_id: endpointId,
        event: WEBHOOK_TEST_EVENT,
        event_id: eventId,
        payload: envelope(orgId, WEBHOOK_TEST_EVENT, eventId, now, {
          endpointId,
          message: "A test event from Bikri. বিক্রি থেকে একটি পরীক্ষামূলক ইভেন্ট।",
        }),
        next_attempt_at: now,
      },
    ]);
    await recordAudit(tx, ctx, {
      entity: "webhook_delivery",
      entityId: id,
      action: "test",
      after: { endpointId, event: WEBHOOK_TEST_EVENT, eventId },
    });
    return id;
  });
  await attemptNow(ctx.db, orgId, deliveryId, opts, now);
  return loadDelivery(ctx.db, orgId, deliveryId);
}

// --- publishing events (called by other modules inside their transactions)

function envelope(orgId: string, type: DeliveryEvent, id: string, at: Date, data: object): string {
  const body: WebhookEnvelope = { id, type, createdAt: at.toISOString(), orgId, data: { ...data } };
  return JSON.stringify(body);
}

/**
 * Records the event for every endpoint of the org subscribed to it, in the caller's transaction: the
 * deliveries exist if and only if the change commits. Returns the event id, or null when nobody listens.
 */
export async function publishEvent(tx: Executor, orgId: string, event: WebhookEvent, data: object) {
  const endpointIds = await repo.subscribedEndpointIds(tx, orgId, event);
  if (endpointIds.length === 0) return null;
  const eventId = newId();
  const now = new Date();
  const payload = envelope(orgId, event, eventId, now, data);
  await repo.insertDeliveries(
    tx,
    endpointIds.map((endpointId) => ({
      org_id: orgId,
      id: newId(),
      endpoint_id: endpointId,
      event,
      event_id: eventId,
      payload,
      next_attempt_at: now,
    })),
  );
  return eventId;
}

/**
 * order.confirmed / order.delivered (also for a partial delivery: see order.status) with the order as the API
 * shows it, less the caller's next actions and the status history. Returns the order, so that a use case
 * can end with `return publishOrderEvent(...)`.
 */
export async function publishOrderEvent(
  tx: Executor,
  orgId: string,
  event: "order.confirmed" | "order.delivered",
  order: SecondaryOrderResponse,
): Promise<SecondaryOrderResponse> {
  const { actions: _actions, events: _events, ...rest } = order;
  await publishEvent(tx, orgId, event, { order: rest });
  return order;
}

export async function publishPaymentReceived(tx: Executor, orgId: string, payment: z.infer<typeof PaymentResponse>) {
  await publishEvent(tx, orgId, "payment.received", { payment });
}

// --- sending

async function attempt(db: Db, d: repo.ClaimedDelivery, opts: WebhookOptions, now: Date): Promise<AttemptResult> {
  const secret = openSecret(opts.secretKey, d.secret_sealed, sealedFor(d.org_id, d.endpoint_id));
  // Never sent unsigned (the receiver would rightly refuse it): it fails and is retried, so restoring the right
  // BIKRI_SECRET_KEY gets it through; rotating the endpoint's secret mends it for good.
  const result: AttemptResult = secret
    ? await send(d, secret.toString("utf8"), opts)
    : {
        ok: false,
        httpStatus: null,
        error: "the endpoint's secret cannot be decrypted: was BIKRI_SECRET_KEY changed?",
      };
  const delay = result.ok ? null : retryDelayMs(d.attempts + 1);
  await withTransaction(db, (tx) =>
    repo.recordAttempt(tx, d.org_id, d.id, {
      status: result.ok ? "succeeded" : delay === null ? "dead" : "failed",
      at: now,
      httpStatus: result.httpStatus,
      error: result.error?.slice(0, 500) ?? null,
      nextAttemptAt: delay === null ? null : new Date(now.getTime() + delay),
    }),
  );
  return result;
}

function send(d: repo.ClaimedDelivery, secret: string, opts: WebhookOptions): Promise<AttemptResult> {
  const body = JSON.stringify(d.payload);
  // The signature carries the real time of sending (receivers compare it with their clock); `now` is the
  // dispatcher's schedule time, which tests move forward.
  const timestamp = Math.floor(Date.now() / 1000);
  return postJson(
    d.url,
    body,
    {
      "bikri-event": d.event,
      "bikri-delivery": d.id,
      "bikri-timestamp": String(timestamp),
      "bikri-signature": signatureHeader(secret, timestamp, body),
    },
    opts,
  );
}

async function attemptNow(db: Db, orgId: string, deliveryId: string, opts: WebhookOptions, now: Date) {
  const claimed = await withTransaction(db, (tx) =>
    repo.claimDueDeliveries(tx, orgId, {
      now,
      leaseUntil: new Date(now.getTime() + LEASE_MS),
      limit: 1,
      onlyId: deliveryId,
    }),
  );
  // Not claimed: a dispatcher took it a moment ago and is sending it.
  for (const d of claimed) await attempt(db, d, opts, now);
}

export interface DispatchResult {
  attempted: number;
  succeeded: number;
}

/**
 * One pass of the dispatcher: every delivery due by `now` (default: the clock) is sent once. Safe to run in
 * several processes at once: each delivery is claimed by one of them.
 */
export async function deliverDueWebhooks(db: Db, opts: WebhookOptions & { now?: Date }): Promise<DispatchResult> {
  const now = opts.now ?? new Date();
  const leaseUntil = new Date(now.getTime() + LEASE_MS);
  const out: DispatchResult = { attempted: 0, succeeded: 0 };
  for (const orgId of await repo.orgsWithDueDeliveries(db, now)) {
    for (let round = 0; round < MAX_ROUNDS_PER_ORG; round++) {
      const batch = await withTransaction(db, (tx) =>
        repo.claimDueDeliveries(tx, orgId, { now, leaseUntil, limit: BATCH }),
      );
      const results = await Promise.all(batch.map((d) => attempt(db, d, opts, now)));
      out.attempted += results.length;
      out.succeeded += results.filter((r) => r.ok).length;
      if (batch.length < BATCH) break;
    }
  }
  return out;
}

/** Housekeeping: forget finished deliveries older than the retention period. Returns how many went. */
export async function purgeOldDeliveries(db: Db, now = new Date()): Promise<number> {
  const before = idFloor(new Date(now.getTime() - DELIVERY_RETENTION_DAYS * 86_400_000));
  let purged = 0;
  for (const orgId of await repo.orgsWithEndpoints(db))
    purged += await withTransaction(db, (tx) => repo.purgeFinishedDeliveries(tx, orgId, before));
  return purged;
}
