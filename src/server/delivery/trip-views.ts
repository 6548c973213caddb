// How trips and drops read in answers: one place that turns repository rows into the contract's shapes, shared
// by the distributor's screens, the live view and the driver's app.
import type {
  DropStatus,
  FailureReason,
  PodKind,
  TripAction,
  TripDetail,
  TripDrop,
  TripSummary,
} from "../../shared/contracts/delivery.ts";
import type { SecondaryStatus } from "../../shared/contracts/orders.ts";
import type { Executor } from "../db/transaction.ts";
import { type Actor, can } from "../platform/access.ts";
import * as repo from "./delivery.repository.ts";
import { addLoads, EMPTY_LOAD, type LoadSum, navigationUrl, sumLoad, tripLoad } from "./trip-load.ts";

const iso = (d: Date | null) => d?.toISOString() ?? null;
const latest = (...dates: (Date | null)[]) =>
  dates.reduce<Date>((a, d) => (d && d > a ? d : a), new Date(0)).toISOString();

/** What the caller may do with a trip now: the distributor's (and head office's) work, never the driver's. */
export function tripActions(actor: Pick<Actor, "role">, status: string, drops: number): TripAction[] {
  if (!can(actor, "delivery.manage")) return [];
  if (status === "planned") return drops > 0 ? ["edit", "assign", "dispatch", "cancel"] : ["edit", "assign", "cancel"];
  if (status === "dispatched") return ["complete"];
  return [];
}

export function tripSummary(r: repo.TripSummaryRow, actor: Pick<Actor, "role">): TripSummary {
  const total = r.total ?? 0;
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    tripDate: r.trip_date,
    distributorId: r.distributor_id,
    distributorName: r.distributor_name,
    distributorNameBn: r.distributor_name_bn,
    vehicleId: r.vehicle_id,
    vehicleRegNo: r.vehicle_reg_no,
    vehicleName: r.vehicle_name,
    driverUserId: r.driver_user_id,
    driverName: r.driver_name,
    driverPhone: r.driver_phone,
    routeId: r.route_id,
    routeName: r.route_name,
    routeNameBn: r.route_name_bn,
    note: r.note,
    cancelReason: r.cancel_reason,
    drops: {
      total,
      pending: r.pending ?? 0,
      delivered: r.delivered ?? 0,
      partiallyDelivered: r.partial ?? 0,
      failed: r.failed ?? 0,
    },
    orderValuePoisha: Number(r.order_value ?? 0),
    deliveredValuePoisha: Number(r.delivered_value ?? 0),
    cashCollectedPoisha: Number(r.cash ?? 0),
    lastLocation:
      r.last_lat !== null && r.last_lng !== null && r.last_located_at
        ? { lat: r.last_lat, lng: r.last_lng, at: r.last_located_at.toISOString() }
        : null,
    lastUpdateAt: latest(r.created_at, r.updated_at, r.last_drop_at ?? null, r.last_located_at),
    dispatchedAt: iso(r.dispatched_at),
    completedAt: iso(r.completed_at),
    cancelledAt: iso(r.cancelled_at),
    createdAt: r.created_at.toISOString(),
    actions: tripActions(actor, r.status, total),
  };
}

export function tripDrop(r: repo.DropRow, load: LoadSum): TripDrop {
  return {
    id: r.id,
    seq: r.seq,
    status: r.status as DropStatus,
    orderId: r.order_id,
    orderNumber: r.order_number,
    invoiceNumber: r.invoice_number,
    orderStatus: r.order_status as SecondaryStatus,
    orderDate: r.order_date,
    requestedDeliveryDate: r.requested_delivery_date,
    orderTotalPoisha: Number(r.order_total_poisha),
    lineCount: r.line_count,
    outletId: r.outlet_id,
    outletCode: r.outlet_code,
    outletName: r.outlet_name,
    outletNameBn: r.outlet_name_bn,
    outletOwnerName: r.outlet_owner_name,
    outletAddress: r.outlet_address,
    outletPhone: r.outlet_phone,
    outletLat: r.outlet_lat,
    outletLng: r.outlet_lng,
    navigationUrl: navigationUrl(r.outlet_lat, r.outlet_lng),
    weightG: load.weightG,
    volumeCm3: load.volumeCm3,
    linesWithoutWeight: load.linesWithoutWeight,
    linesWithoutVolume: load.linesWithoutVolume,
    failureReason: r.failure_reason as FailureReason | null,
    failureNote: r.failure_note,
    receiverName: r.receiver_name,
    podKind: r.pod_kind as PodKind | null,
    podUrl: r.has_pod ? `/api/v1/delivery/drops/${r.id}/pod` : null,
    cashCollectedPoisha: Number(r.cash_collected_poisha),
    paymentId: r.payment_id,
    paymentNumber: r.payment_number,
    orderedQty: r.ordered_qty,
    deliveredQty: r.delivered_qty,
    orderedPoisha: r.ordered_poisha === null ? null : Number(r.ordered_poisha),
    deliveredPoisha: r.delivered_poisha === null ? null : Number(r.delivered_poisha),
    lat: r.lat,
    lng: r.lng,
    completedAt: iso(r.completed_at),
    completedByName: r.completed_by_name,
  };
}

/** Each order's load from its lines (SKU weight and volume per base unit x quantity). */
export function loadsByOrder(lines: readonly repo.OrderLineRow[]): Map<string, LoadSum> {
  const byOrder = new Map<string, repo.OrderLineRow[]>();
  for (const l of lines) {
    const list = byOrder.get(l.order_id) ?? [];
    list.push(l);
    byOrder.set(l.order_id, list);
  }
  return new Map(
    [...byOrder].map(([id, ls]) => [
      id,
      sumLoad(ls.map((l) => ({ qty: l.qty, weightG: l.weight_g, volumeCm3: l.volume_cm3 }))),
    ]),
  );
}

/** Loading counts the drops still to deliver plus those delivered; a failed drop's goods came back. */
export const carried = (status: string) => status !== "failed";

export interface TripBundle {
  summary: repo.TripSummaryRow;
  drops: repo.DropRow[];
  lines: repo.OrderLineRow[];
  loads: Map<string, LoadSum>;
}

/** A trip's summary row, drops and order lines, or null when the actor does not see it. */
export async function loadTrip(
  db: Executor,
  actor: Actor,
  driverUserId: string | null,
  id: string,
): Promise<TripBundle | null> {
  const [summary] = await repo.tripSummaries(db, actor.orgId, actor.scope, driverUserId, { ids: [id] });
  if (!summary) return null;
  const drops = await repo.dropsOfTrips(db, actor.orgId, [id]);
  const lines = await repo.linesOfOrders(
    db,
    actor.orgId,
    drops.map((d) => d.order_id),
  );
  return { summary, drops, lines, loads: loadsByOrder(lines) };
}

export function tripDetail(b: TripBundle, actor: Pick<Actor, "role">): TripDetail {
  const summary = tripSummary(b.summary, actor);
  let total = EMPTY_LOAD;
  for (const d of b.drops) if (carried(d.status)) total = addLoads(total, b.loads.get(d.order_id) ?? EMPTY_LOAD);
  return {
    ...summary,
    load: tripLoad(total, {
      regNo: b.summary.vehicle_reg_no,
      capacityG: Number(b.summary.capacity_g),
      capacityCm3: b.summary.capacity_cm3 === null ? null : Number(b.summary.capacity_cm3),
    }),
    drops: b.drops.map((d) => tripDrop(d, b.loads.get(d.order_id) ?? EMPTY_LOAD)),
    dropCounts: summary.drops,
  };
}
