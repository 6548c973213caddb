// At the door: the driver (or the distributor, keying in a paper challan) records each drop as delivered, in full or
// in part, with the receiver's name and a signature or photo, and the cash taken; or as failed, with the reason.
// Each outcome is one transaction that reuses the orders module's use cases: delivering issues stock first-expiry-
// first and raises the outlet's dues, cash becomes a money receipt linked to the order, a failure puts the order
// back to invoiced. The trip completes when no drop is left pending. Also the driver's own reads and location.
import type {
  DeliverDropRequest,
  FailDropRequest,
  FailureReason,
  LocationPingRequest,
} from "../../shared/contracts/delivery.ts";
import { businessDate } from "../../shared/format.ts";
import { newId } from "../../shared/ids.ts";
import type { Locale } from "../../shared/locale.ts";
import type { Executor } from "../db/transaction.ts";
import { withTransaction } from "../db/transaction.ts";
import { duesOfOutlets, recordDeliveryPayment } from "../orders/collections.service.ts";
import { deliverOrder, returnUndelivered } from "../orders/orders.service.ts";
import { AccessErrors, can, type Permission } from "../platform/access.ts";
import { recordAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import { DeliveryErrors } from "./delivery.errors.ts";
import * as repo from "./delivery.repository.ts";
import { decodePodImage } from "./proof-of-delivery.ts";
import { casesPieces, EMPTY_LOAD } from "./trip-load.ts";
import { loadsByOrder, loadTrip, tripDetail, tripDrop, tripSummary } from "./trip-views.ts";

/** A driver acts on their own trips only; everyone else within their scope. */
export const driverFilter = (ctx: Ctx) => (ctx.actor.role === "driver" ? ctx.actor.userId : null);

/** Recording an outcome: the driver on their trip, or the distributor (head office) from a paper challan. */
function mayRecord(ctx: Ctx) {
  const permission: Permission = ctx.actor.role === "driver" ? "delivery.drive" : "delivery.manage";
  if (!can(ctx.actor, permission)) throw AccessErrors.forbidden();
}

const REASON_LABELS: Record<FailureReason, Record<Locale, string>> = {
  outlet_closed: { en: "outlet closed", bn: "দোকান বন্ধ" },
  refused: { en: "refused by the outlet", bn: "দোকান নিতে রাজি হয়নি" },
  no_cash: { en: "no cash to pay", bn: "টাকা দিতে পারেনি" },
  not_reachable: { en: "could not reach the outlet", bn: "দোকানে পৌঁছানো যায়নি" },
  wrong_items: { en: "wrong items", bn: "ভুল পণ্য" },
  vehicle_problem: { en: "vehicle problem", bn: "গাড়ির সমস্যা" },
  other: { en: "other", bn: "অন্যান্য" },
};

const FAILED_NOTE: Record<Locale, string> = { en: "Delivery failed on trip", bn: "ট্রিপে ডেলিভারি হয়নি" };

/**
 * How a write arrived: the driver's phone must send an Idempotency-Key (a retry on a bad network then replays the
 * answer instead of acting twice). Checked once the record is known to exist, so an unknown one is still 404.
 */
export interface WriteOptions {
  idempotencyKeyRequired?: boolean;
}

function checkKey(options: WriteOptions) {
  if (options.idempotencyKeyRequired) throw DeliveryErrors.idempotencyKeyRequired();
}

/**
 * Locks the trip, then the drop, and checks the drop can take an outcome now. Outcomes on one trip queue on its row,
 * so the last stop's outcome always sees the others' and completes the trip; trip first, then drop, is also the
 * order closing a trip by hand takes, so the two never deadlock.
 */
async function openDrop(tx: Executor, ctx: Ctx, dropId: string, options: WriteOptions) {
  const { orgId, scope } = ctx.actor;
  const seen = await repo.findDrop(tx, orgId, scope, driverFilter(ctx), dropId);
  if (!seen) throw DeliveryErrors.dropNotFound();
  checkKey(options);
  await repo.findTrip(tx, orgId, scope, driverFilter(ctx), seen.trip_id, true);
  const drop = await repo.findDrop(tx, orgId, scope, driverFilter(ctx), dropId, true);
  if (!drop) throw DeliveryErrors.dropNotFound();
  if (drop.trip_status !== "dispatched") throw DeliveryErrors.tripNotDispatched({ status: drop.trip_status });
  if (drop.status !== "pending") throw DeliveryErrors.dropDone({ status: drop.status });
  return drop;
}

/** The trip is done when no drop waits: it completes by itself. */
async function completeIfDone(tx: Executor, ctx: Ctx, tripId: string) {
  const counts = await repo.dropStatusCounts(tx, ctx.actor.orgId, tripId);
  if (counts.pending > 0) return { status: "dispatched" as const, pending: counts.pending };
  await repo.updateTrip(tx, ctx.actor.orgId, tripId, { status: "completed", completed_at: new Date() });
  await recordAudit(tx, ctx, {
    entity: "delivery_trip",
    entityId: tripId,
    action: "complete",
    after: { status: "completed", drops: counts.total },
  });
  return { status: "completed" as const, pending: 0 };
}

async function outcome(tx: Executor, ctx: Ctx, dropId: string, tripId: string) {
  const [row] = await repo.dropsOfTrips(tx, ctx.actor.orgId, [tripId], dropId);
  if (!row) throw DeliveryErrors.dropNotFound();
  const lines = await repo.linesOfOrders(tx, ctx.actor.orgId, [row.order_id]);
  return tripDrop(row, loadsByOrder(lines).get(row.order_id) ?? EMPTY_LOAD);
}

export async function deliverDrop(ctx: Ctx, dropId: string, input: DeliverDropRequest, options: WriteOptions = {}) {
  mayRecord(ctx);
  return withTransaction(ctx.db, async (tx) => {
    const drop = await openDrop(tx, ctx, dropId, options);
    const pod = decodePodImage(input.pod.image);
    const inTx = { ...ctx, db: tx };
    const short = new Map(input.lines.map((l) => [l.lineNo, l.deliveredQty]));
    const lines = await repo.linesOfOrders(tx, ctx.actor.orgId, [drop.order_id]);
    if (lines.every((l) => (short.get(l.line_no) ?? l.qty) === 0)) throw DeliveryErrors.nothingDelivered();
    const order = await deliverOrder(inTx, drop.order_id, { lines: input.lines, note: input.note });
    let paymentId: string | null = null;
    if (input.cashCollectedPoisha > 0) {
      const payment = await recordDeliveryPayment(inTx, {
        id: newId(),
        outletId: order.outletId,
        orderId: order.id,
        method: "cash",
        amountPoisha: input.cashCollectedPoisha,
        receivedOn: businessDate(),
        note: input.note,
      });
      paymentId = payment.id;
    }
    const status = order.status === "delivered" ? "delivered" : "partially_delivered";
    await repo.updateDrop(tx, ctx.actor.orgId, dropId, {
      status,
      receiver_name: input.receiverName,
      pod_kind: input.pod.kind,
      pod_image: pod.bytes,
      pod_mime: pod.mime,
      cash_collected_poisha: input.cashCollectedPoisha,
      payment_id: paymentId,
      ordered_qty: order.lines.reduce((s, l) => s + l.qty, 0),
      delivered_qty: order.lines.reduce((s, l) => s + l.deliveredQty, 0),
      ordered_poisha: order.totalPoisha,
      delivered_poisha: order.deliveredTotalPoisha,
      lat: input.gps?.lat ?? null,
      lng: input.gps?.lng ?? null,
      completed_at: new Date(),
      completed_by: ctx.actor.userId,
    });
    await recordAudit(tx, ctx, {
      entity: "delivery_drop",
      entityId: dropId,
      action: "deliver",
      before: { status: "pending" },
      after: {
        tripId: drop.trip_id,
        orderNumber: order.number,
        status,
        receiverName: input.receiverName,
        podKind: input.pod.kind,
        podBytes: pod.bytes.length,
        deliveredPoisha: order.deliveredTotalPoisha,
        cashCollectedPoisha: input.cashCollectedPoisha,
        paymentId,
      },
    });
    const trip = await completeIfDone(tx, ctx, drop.trip_id);
    return {
      drop: await outcome(tx, ctx, dropId, drop.trip_id),
      tripId: drop.trip_id,
      tripStatus: trip.status,
      pendingDrops: trip.pending,
    };
  });
}

/**
 * A drop that could not be delivered: the order goes back to invoiced (reservation kept) with an event saying why.
 * Runs inside the caller's transaction; the trip's own completion is the caller's.
 */
export async function failDropIn(
  tx: Executor,
  ctx: Ctx,
  drop: { id: string; trip_id: string; order_id: string },
  tripNumber: string,
  reason: FailureReason,
  note: string | null,
  gps: { lat: number; lng: number } | null,
) {
  const label = REASON_LABELS[reason][ctx.locale];
  const order = await returnUndelivered(
    { ...ctx, db: tx },
    drop.order_id,
    `${FAILED_NOTE[ctx.locale]} ${tripNumber}: ${label}${note ? ` — ${note}` : ""}`,
  );
  await repo.updateDrop(tx, ctx.actor.orgId, drop.id, {
    status: "failed",
    failure_reason: reason,
    failure_note: note,
    ordered_qty: order.lines.reduce((s, l) => s + l.qty, 0),
    delivered_qty: 0,
    ordered_poisha: order.totalPoisha,
    delivered_poisha: 0,
    lat: gps?.lat ?? null,
    lng: gps?.lng ?? null,
    completed_at: new Date(),
    completed_by: ctx.actor.userId,
  });
  await recordAudit(tx, ctx, {
    entity: "delivery_drop",
    entityId: drop.id,
    action: "fail",
    before: { status: "pending" },
    after: { tripId: drop.trip_id, orderNumber: order.number, status: "failed", reason, note },
  });
}

export async function failDrop(ctx: Ctx, dropId: string, input: FailDropRequest, options: WriteOptions = {}) {
  mayRecord(ctx);
  return withTransaction(ctx.db, async (tx) => {
    const drop = await openDrop(tx, ctx, dropId, options);
    const trip = await repo.findTrip(tx, ctx.actor.orgId, ctx.actor.scope, null, drop.trip_id);
    await failDropIn(
      tx,
      ctx,
      drop,
      trip?.number ?? "",
      input.reason,
      input.note ?? null,
      input.gps ? { lat: input.gps.lat, lng: input.gps.lng } : null,
    );
    const done = await completeIfDone(tx, ctx, drop.trip_id);
    return {
      drop: await outcome(tx, ctx, dropId, drop.trip_id),
      tripId: drop.trip_id,
      tripStatus: done.status,
      pendingDrops: done.pending,
    };
  });
}

/**
 * The driver's position for the live view. Only the last one is kept, on the trip; a ping is telemetry, not a
 * change of business data, so it writes no audit row (like a session's last-seen time).
 */
export async function pingLocation(ctx: Ctx, tripId: string, input: LocationPingRequest, options: WriteOptions = {}) {
  if (!can(ctx.actor, "delivery.drive")) throw AccessErrors.forbidden();
  return withTransaction(ctx.db, async (tx) => {
    const trip = await repo.findTrip(tx, ctx.actor.orgId, ctx.actor.scope, driverFilter(ctx), tripId, true);
    if (!trip) throw DeliveryErrors.tripNotFound();
    checkKey(options);
    if (trip.status !== "dispatched") throw DeliveryErrors.tripNotDispatched({ status: trip.status });
    const at = new Date();
    await repo.updateTrip(tx, ctx.actor.orgId, tripId, {
      last_lat: input.lat,
      last_lng: input.lng,
      last_located_at: at,
    });
    return { tripId, at: at.toISOString() };
  });
}

// --- the driver's reads

/** Dispatched trips not yet completed (any date), then today's and later trips, soonest first. */
export async function myTrips(ctx: Ctx) {
  if (!can(ctx.actor, "delivery.drive")) throw AccessErrors.forbidden();
  const { orgId, scope, userId } = ctx.actor;
  const today = businessDate();
  const [open, coming] = await Promise.all([
    repo.tripSummaries(ctx.db, orgId, scope, userId, { status: "dispatched", limit: 100 }),
    repo.tripSummaries(ctx.db, orgId, scope, userId, {
      from: today,
      statuses: ["planned", "completed"],
      limit: 100,
    }),
  ]);
  const rows = [...open, ...coming].sort((a, b) =>
    a.status === b.status || (a.status !== "dispatched" && b.status !== "dispatched")
      ? a.trip_date.localeCompare(b.trip_date) || a.number.localeCompare(b.number)
      : a.status === "dispatched"
        ? -1
        : 1,
  );
  return { items: rows.map((r) => tripSummary(r, ctx.actor)) };
}

/** One of the driver's trips with every stop: where, what to hand over (cases and pieces), what the outlet owes. */
export async function myTrip(ctx: Ctx, id: string) {
  if (!can(ctx.actor, "delivery.drive")) throw AccessErrors.forbidden();
  const bundle = await loadTrip(ctx.db, ctx.actor, ctx.actor.userId, id);
  if (!bundle) throw DeliveryErrors.tripNotFound();
  const detail = tripDetail(bundle, ctx.actor);
  const dues = await duesOfOutlets(
    ctx.db,
    ctx.actor.orgId,
    [...new Set(bundle.drops.map((d) => d.outlet_id))],
    businessDate(),
  );
  const linesByOrder = new Map<string, typeof bundle.lines>();
  for (const l of bundle.lines) linesByOrder.set(l.order_id, [...(linesByOrder.get(l.order_id) ?? []), l]);
  return {
    ...detail,
    drops: detail.drops.map((d) => ({
      ...d,
      lines: (linesByOrder.get(d.orderId) ?? []).map((l) => ({
        lineNo: l.line_no,
        skuId: l.sku_id,
        skuCode: l.sku_code,
        skuName: l.sku_name,
        skuNameBn: l.sku_name_bn,
        quantity: casesPieces(l.qty, l.units, l.base_unit),
        unitPricePoisha: Number(l.unit_price_poisha),
        totalPoisha: Number(l.total_poisha),
        deliveredQty: l.delivered_qty,
      })),
      outletDuesPoisha: dues.get(d.outletId)?.duesPoisha ?? 0,
    })),
  };
}

/** The proof of delivery's image, for callers who see the drop's trip. */
export async function podImage(ctx: Ctx, dropId: string) {
  if (!can(ctx.actor, "delivery.read") && !can(ctx.actor, "delivery.drive")) throw AccessErrors.forbidden();
  const pod = await repo.findPod(ctx.db, ctx.actor.orgId, ctx.actor.scope, driverFilter(ctx), dropId);
  if (!pod?.pod_image || !pod.pod_mime) throw DeliveryErrors.podNotFound();
  return { contentType: pod.pod_mime, bytes: Buffer.from(pod.pod_image) };
}
