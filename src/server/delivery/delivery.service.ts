// Delivery trips (S8) at the distributor: vehicles and drivers, planning a trip (vehicle, driver, date, route),
// putting invoiced orders on it within the vehicle's capacity, dispatching every order on it at once, closing or
// cancelling it; and the live view of trips for the distributor and the managers above it.
import type {
  AssignableOrdersQuery,
  CreateTripRequest,
  CreateVehicleRequest,
  TripListQuery,
  UpdateTripRequest,
  UpdateVehicleRequest,
  VehicleListQuery,
} from "../../shared/contracts/delivery.ts";
import { businessDate } from "../../shared/format.ts";
import { newId } from "../../shared/ids.ts";
import { violatedConstraint } from "../db/constraint-violation.ts";
import { type Executor, withTransaction } from "../db/transaction.ts";
import { dispatchOrder } from "../orders/orders.service.ts";
import { AccessErrors, type Actor, can, type Permission } from "../platform/access.ts";
import { recordAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import { decodeCursor, encodeCursor, PaginationErrors } from "../platform/pagination.ts";
import { findTerritory } from "../platform/territories/territories.repository.ts";
import { DeliveryErrors } from "./delivery.errors.ts";
import * as repo from "./delivery.repository.ts";
import { driverFilter, failDropIn } from "./drop-outcomes.service.ts";
import { addLoads, checkCapacity, EMPTY_LOAD, normaliseRegNo } from "./trip-load.ts";
import { carried, loadsByOrder, loadTrip, tripDetail, tripSummary } from "./trip-views.ts";

function needs(ctx: Ctx, permission: Permission) {
  if (!can(ctx.actor, permission)) throw AccessErrors.forbidden();
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

// --- vehicles

function vehicleResponse(v: repo.VehicleRow) {
  return {
    id: v.id,
    distributorId: v.distributor_id,
    distributorName: v.distributor_name,
    distributorNameBn: v.distributor_name_bn,
    regNo: v.reg_no,
    name: v.name,
    capacityG: Number(v.capacity_g),
    capacityCm3: v.capacity_cm3 === null ? null : Number(v.capacity_cm3),
    archivedAt: iso(v.archived_at),
    createdAt: v.created_at.toISOString(),
    updatedAt: v.updated_at.toISOString(),
  };
}

async function loadVehicle(db: Executor, actor: Actor, id: string) {
  const v = await repo.findVehicle(db, actor.orgId, actor.scope, id);
  if (!v) throw DeliveryErrors.vehicleNotFound();
  return v;
}

function refuseRegNoTaken(regNo: string) {
  return (e: unknown): never => {
    if (violatedConstraint(e)?.constraint === "vehicles_org_id_reg_no_key") throw DeliveryErrors.regNoTaken({ regNo });
    throw e;
  };
}

export async function listVehicles(ctx: Ctx, query: VehicleListQuery) {
  needs(ctx, "delivery.read");
  const rows = await repo.listVehicles(ctx.db, ctx.actor.orgId, ctx.actor.scope, query);
  return { items: rows.map(vehicleResponse) };
}

/** The distributor a new record is for: a distributor user's own, else the one named (which the caller must see). */
async function distributorFor(db: Executor, actor: Actor, named: string | undefined) {
  const id = actor.scope.kind === "distributor" ? (named ?? actor.scope.distributorId) : named;
  if (!id) throw DeliveryErrors.distributorRequired();
  const d = await repo.distributorVisible(db, actor.orgId, actor.scope, id);
  if (!d) throw DeliveryErrors.distributorNotFound();
  return id;
}

export async function createVehicle(ctx: Ctx, input: CreateVehicleRequest) {
  needs(ctx, "delivery.manage");
  const regNo = normaliseRegNo(input.regNo);
  return withTransaction(ctx.db, async (tx) => {
    const distributorId = await distributorFor(tx, ctx.actor, input.distributorId);
    const id = newId();
    await repo
      .insertVehicle(tx, {
        org_id: ctx.actor.orgId,
        id,
        distributor_id: distributorId,
        reg_no: regNo,
        name: input.name,
        capacity_g: input.capacityG,
        capacity_cm3: input.capacityCm3 ?? null,
      })
      .catch(refuseRegNoTaken(regNo));
    const after = vehicleResponse(await loadVehicle(tx, ctx.actor, id));
    await recordAudit(tx, ctx, { entity: "vehicle", entityId: id, action: "create", after });
    return after;
  });
}

export async function updateVehicle(ctx: Ctx, id: string, input: UpdateVehicleRequest) {
  needs(ctx, "delivery.manage");
  return withTransaction(ctx.db, async (tx) => {
    const before = vehicleResponse(await loadVehicle(tx, ctx.actor, id));
    const regNo = input.regNo !== undefined ? normaliseRegNo(input.regNo) : undefined;
    await repo
      .updateVehicle(tx, ctx.actor.orgId, id, {
        ...(regNo !== undefined && { reg_no: regNo }),
        ...(input.name !== undefined && { name: input.name }),
        ...(input.capacityG !== undefined && { capacity_g: input.capacityG }),
        ...(input.capacityCm3 !== undefined && { capacity_cm3: input.capacityCm3 }),
        ...(input.archived !== undefined && {
          archived_at: input.archived ? (before.archivedAt ? new Date(before.archivedAt) : new Date()) : null,
        }),
      })
      .catch(refuseRegNoTaken(regNo ?? before.regNo));
    const after = vehicleResponse(await loadVehicle(tx, ctx.actor, id));
    await recordAudit(tx, ctx, { entity: "vehicle", entityId: id, action: "update", before, after });
    return after;
  });
}

export async function listDrivers(ctx: Ctx, query: { distributorId?: string | undefined }) {
  needs(ctx, "delivery.read");
  const rows = await repo.listDrivers(ctx.db, ctx.actor.orgId, ctx.actor.scope, query.distributorId);
  return {
    items: rows.map((u) => ({
      userId: u.id,
      name: u.name,
      phone: u.phone,
      email: u.email,
      distributorId: u.distributor_id as string,
    })),
  };
}

// --- trips: reads

export async function getTrip(ctx: Ctx, id: string) {
  needs(ctx, "delivery.read");
  const bundle = await loadTrip(ctx.db, ctx.actor, null, id);
  if (!bundle) throw DeliveryErrors.tripNotFound();
  return tripDetail(bundle, ctx.actor);
}

/** Trips of a day (or period) in the caller's scope with their drops' progress: the live view and the list. */
export async function listTrips(ctx: Ctx, query: TripListQuery) {
  needs(ctx, "delivery.read");
  const { orgId, scope } = ctx.actor;
  let after: { date: string; number: string } | undefined;
  if (query.cursor) {
    const [date, number, ...rest] = decodeCursor(query.cursor);
    if (typeof date !== "string" || typeof number !== "string" || rest.length) throw PaginationErrors.badCursor();
    after = { date, number };
  }
  const oneDay = query.date ?? (query.from || query.to ? undefined : businessDate());
  const filter: repo.TripFilter = {
    from: oneDay ?? query.from,
    to: oneDay ?? query.to,
    distributorId: query.distributorId,
    status: query.status,
    driverUserId: query.driverUserId,
  };
  const [rows, totals] = await Promise.all([
    repo.tripSummaries(ctx.db, orgId, scope, null, { ...filter, after, limit: query.limit + 1 }),
    repo.tripTotals(ctx.db, orgId, scope, filter),
  ]);
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  return {
    items: items.map((r) => tripSummary(r, ctx.actor)),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.trip_date, last.number]) : null,
    totals: {
      trips: totals.trips,
      drops: {
        total: totals.total,
        pending: totals.pending,
        delivered: totals.delivered,
        partiallyDelivered: totals.partial,
        failed: totals.failed,
      },
      orderValuePoisha: Number(totals.order_value),
      deliveredValuePoisha: Number(totals.delivered_value),
      cashCollectedPoisha: Number(totals.cash),
    },
  };
}

// --- trips: planning

async function checkDriver(db: Executor, orgId: string, driverUserId: string, distributorId: string) {
  const d = await repo.findDriver(db, orgId, driverUserId);
  if (d?.role !== "driver" || d.deactivated_at || d.distributor_id !== distributorId)
    throw DeliveryErrors.driverUnknown();
}

async function checkRoute(db: Executor, orgId: string, routeId: string | null | undefined) {
  if (!routeId) return;
  const r = await findTerritory(db, orgId, routeId);
  if (r?.level !== "route") throw DeliveryErrors.routeUnknown();
}

function checkDate(date: string) {
  if (date < businessDate()) throw DeliveryErrors.dateInPast({ date });
}

const auditTrip = (t: ReturnType<typeof tripDetail>) => ({
  number: t.number,
  status: t.status,
  tripDate: t.tripDate,
  distributorId: t.distributorId,
  vehicleId: t.vehicleId,
  driverUserId: t.driverUserId,
  routeId: t.routeId,
  note: t.note,
  orders: t.drops.map((d) => d.orderNumber),
});

async function detailIn(tx: Executor, ctx: Ctx, id: string) {
  const bundle = await loadTrip(tx, ctx.actor, null, id);
  if (!bundle) throw DeliveryErrors.tripNotFound();
  return tripDetail(bundle, ctx.actor);
}

/** Locks the trip (writes to one trip queue on it) and checks it is in one of the states given. */
async function openTrip(tx: Executor, ctx: Ctx, id: string, status: "planned" | "dispatched") {
  const trip = await repo.findTrip(tx, ctx.actor.orgId, ctx.actor.scope, driverFilter(ctx), id, true);
  if (!trip) throw DeliveryErrors.tripNotFound();
  if (trip.status !== status)
    throw status === "planned"
      ? DeliveryErrors.tripNotPlanned({ status: trip.status })
      : DeliveryErrors.tripNotDispatched({ status: trip.status });
  return trip;
}

export async function createTrip(ctx: Ctx, input: CreateTripRequest) {
  needs(ctx, "delivery.manage");
  const tripDate = input.tripDate ?? businessDate();
  checkDate(tripDate);
  return withTransaction(ctx.db, async (tx) => {
    const { orgId } = ctx.actor;
    const vehicle = await loadVehicle(tx, ctx.actor, input.vehicleId);
    if (vehicle.archived_at) throw DeliveryErrors.vehicleArchived();
    await checkDriver(tx, orgId, input.driverUserId, vehicle.distributor_id);
    await checkRoute(tx, orgId, input.routeId);
    const id = newId();
    await repo.insertTrip(tx, {
      org_id: orgId,
      id,
      number: await repo.nextTripNumber(tx, orgId),
      distributor_id: vehicle.distributor_id,
      vehicle_id: vehicle.id,
      driver_user_id: input.driverUserId,
      trip_date: tripDate,
      route_id: input.routeId ?? null,
      note: input.note ?? null,
      created_by: ctx.actor.userId,
    });
    const after = await detailIn(tx, ctx, id);
    await recordAudit(tx, ctx, { entity: "delivery_trip", entityId: id, action: "create", after: auditTrip(after) });
    return after;
  });
}

/** The load the trip's carried drops weigh, plus `extra` orders' lines. */
async function loadWith(tx: Executor, orgId: string, tripId: string, extraOrderIds: readonly string[]) {
  const drops = await repo.dropsOfTrips(tx, orgId, [tripId]);
  const orderIds = [...drops.filter((d) => carried(d.status)).map((d) => d.order_id), ...extraOrderIds];
  const loads = loadsByOrder(await repo.linesOfOrders(tx, orgId, orderIds));
  return orderIds.reduce((sum, id) => addLoads(sum, loads.get(id) ?? EMPTY_LOAD), EMPTY_LOAD);
}

export async function updateTrip(ctx: Ctx, id: string, input: UpdateTripRequest) {
  needs(ctx, "delivery.manage");
  return withTransaction(ctx.db, async (tx) => {
    const { orgId } = ctx.actor;
    const trip = await openTrip(tx, ctx, id, "planned");
    const before = await detailIn(tx, ctx, id);
    if (input.vehicleId !== undefined && input.vehicleId !== trip.vehicle_id) {
      const vehicle = await loadVehicle(tx, ctx.actor, input.vehicleId);
      if (vehicle.archived_at) throw DeliveryErrors.vehicleArchived();
      if (vehicle.distributor_id !== trip.distributor_id) throw DeliveryErrors.otherDistributor();
      checkCapacity(await loadWith(tx, orgId, id, []), {
        regNo: vehicle.reg_no,
        capacityG: Number(vehicle.capacity_g),
        capacityCm3: vehicle.capacity_cm3 === null ? null : Number(vehicle.capacity_cm3),
      });
    }
    if (input.driverUserId !== undefined) await checkDriver(tx, orgId, input.driverUserId, trip.distributor_id);
    if (input.tripDate !== undefined) checkDate(input.tripDate);
    await checkRoute(tx, orgId, input.routeId);
    await repo.updateTrip(tx, orgId, id, {
      ...(input.vehicleId !== undefined && { vehicle_id: input.vehicleId }),
      ...(input.driverUserId !== undefined && { driver_user_id: input.driverUserId }),
      ...(input.tripDate !== undefined && { trip_date: input.tripDate }),
      ...(input.routeId !== undefined && { route_id: input.routeId }),
      ...(input.note !== undefined && { note: input.note }),
    });
    const after = await detailIn(tx, ctx, id);
    await recordAudit(tx, ctx, {
      entity: "delivery_trip",
      entityId: id,
      action: "update",
      before: auditTrip(before),
      after: auditTrip(after),
    });
    return after;
  });
}

/** The distributor's invoiced orders on no trip, with each one's weight and volume, for the trip's planner. */
export async function assignableOrders(ctx: Ctx, tripId: string, query: AssignableOrdersQuery) {
  needs(ctx, "delivery.read");
  const trip = await repo.findTrip(ctx.db, ctx.actor.orgId, ctx.actor.scope, null, tripId);
  if (!trip) throw DeliveryErrors.tripNotFound();
  const rows = await repo.assignableOrders(ctx.db, ctx.actor.orgId, trip.distributor_id, query);
  const shown = rows.slice(0, query.limit);
  const loads = loadsByOrder(
    await repo.linesOfOrders(
      ctx.db,
      ctx.actor.orgId,
      shown.map((o) => o.id),
    ),
  );
  return {
    items: shown.map((o) => {
      const load = loads.get(o.id) ?? EMPTY_LOAD;
      return {
        orderId: o.id,
        number: o.number,
        invoiceNumber: o.invoice_number,
        orderDate: o.order_date,
        requestedDeliveryDate: o.requested_delivery_date,
        invoicedAt: iso(o.invoiced_at),
        outletId: o.outlet_id,
        outletCode: o.outlet_code,
        outletName: o.outlet_name,
        outletNameBn: o.outlet_name_bn,
        outletAddress: o.outlet_address,
        routeId: o.route_id,
        routeName: o.route_name,
        routeNameBn: o.route_name_bn,
        totalPoisha: Number(o.total_poisha),
        lineCount: o.line_count,
        weightG: load.weightG,
        volumeCm3: load.volumeCm3,
        linesWithoutWeight: load.linesWithoutWeight,
        linesWithoutVolume: load.linesWithoutVolume,
        failedAttempts: o.failed_attempts ?? 0,
      };
    }),
    truncated: rows.length > query.limit,
  };
}

/** Puts invoiced orders on a planned trip, after the stops already on it, if the vehicle can take them. */
export async function assignOrders(ctx: Ctx, tripId: string, input: { orderIds: string[] }) {
  needs(ctx, "delivery.manage");
  const orderIds = [...new Set(input.orderIds)];
  return withTransaction(ctx.db, async (tx) => {
    const { orgId } = ctx.actor;
    const trip = await openTrip(tx, ctx, tripId, "planned");
    const before = await detailIn(tx, ctx, tripId);
    const orders = await repo.ordersForAssignment(tx, orgId, orderIds);
    if (orders.length !== orderIds.length) throw DeliveryErrors.orderNotFound();
    for (const o of orders) {
      // Another distributor's order is not the caller's to see, even by number.
      if (o.distributor_id !== trip.distributor_id) throw DeliveryErrors.orderNotFound();
      if (o.status !== "invoiced" || o.on_trip) throw DeliveryErrors.orderNotAssignable({ number: o.number });
    }
    checkCapacity(await loadWith(tx, orgId, tripId, orderIds), {
      regNo: trip.reg_no,
      capacityG: Number(trip.capacity_g),
      capacityCm3: trip.capacity_cm3 === null ? null : Number(trip.capacity_cm3),
    });
    const { max_seq } = await repo.dropStatusCounts(tx, orgId, tripId);
    const byId = new Map(orders.map((o) => [o.id, o]));
    await repo
      .insertDrops(
        tx,
        orderIds.map((orderId, i) => ({
          org_id: orgId,
          id: newId(),
          trip_id: tripId,
          order_id: orderId,
          seq: max_seq + i + 1,
        })),
      )
      .catch((e: unknown) => {
        // Two planners putting one order on two trips at once: the partial unique index lets one through.
        const v = violatedConstraint(e);
        if (
          v?.constraint === "delivery_drops_pending_order_key" ||
          v?.constraint === "delivery_drops_org_id_trip_id_order_id_key"
        )
          throw DeliveryErrors.orderNotAssignable({ number: orders.map((o) => o.number).join(", ") });
        throw e;
      });
    const after = await detailIn(tx, ctx, tripId);
    await recordAudit(tx, ctx, {
      entity: "delivery_trip",
      entityId: tripId,
      action: "assign",
      before: auditTrip(before),
      after: { ...auditTrip(after), added: orderIds.map((id) => byId.get(id)?.number) },
    });
    return after;
  });
}

export async function unassignDrop(ctx: Ctx, tripId: string, dropId: string) {
  needs(ctx, "delivery.manage");
  return withTransaction(ctx.db, async (tx) => {
    const { orgId } = ctx.actor;
    await openTrip(tx, ctx, tripId, "planned");
    const before = await detailIn(tx, ctx, tripId);
    if (!(await repo.deleteDrop(tx, orgId, tripId, dropId))) throw DeliveryErrors.dropNotFound();
    await repo.setDropSeqs(
      tx,
      orgId,
      tripId,
      before.drops.filter((d) => d.id !== dropId).map((d) => d.id),
    );
    const after = await detailIn(tx, ctx, tripId);
    await recordAudit(tx, ctx, {
      entity: "delivery_trip",
      entityId: tripId,
      action: "unassign",
      before: auditTrip(before),
      after: auditTrip(after),
    });
    return after;
  });
}

export async function reorderDrops(ctx: Ctx, tripId: string, input: { dropIds: string[] }) {
  needs(ctx, "delivery.manage");
  return withTransaction(ctx.db, async (tx) => {
    await openTrip(tx, ctx, tripId, "planned");
    const before = await detailIn(tx, ctx, tripId);
    const current = new Set(before.drops.map((d) => d.id));
    if (input.dropIds.length !== current.size || new Set(input.dropIds).size !== current.size)
      throw DeliveryErrors.reorderMismatch();
    if (!input.dropIds.every((id) => current.has(id))) throw DeliveryErrors.reorderMismatch();
    await repo.setDropSeqs(tx, ctx.actor.orgId, tripId, input.dropIds);
    const after = await detailIn(tx, ctx, tripId);
    await recordAudit(tx, ctx, {
      entity: "delivery_trip",
      entityId: tripId,
      action: "reorder",
      before: auditTrip(before),
      after: auditTrip(after),
    });
    return after;
  });
}

// --- trips: on the road

/** Sends the trip out: every order on it is dispatched in this one transaction, or none is. */
export async function dispatchTrip(ctx: Ctx, tripId: string) {
  needs(ctx, "delivery.manage");
  return withTransaction(ctx.db, async (tx) => {
    await openTrip(tx, ctx, tripId, "planned");
    const before = await detailIn(tx, ctx, tripId);
    if (before.drops.length === 0) throw DeliveryErrors.tripEmpty();
    for (const d of before.drops) {
      // Cancelled (or otherwise moved on) since it was put on the trip: take it off first.
      if (d.orderStatus !== "invoiced") throw DeliveryErrors.orderNotAssignable({ number: d.orderNumber });
      await dispatchOrder({ ...ctx, db: tx }, d.orderId);
    }
    await repo.updateTrip(tx, ctx.actor.orgId, tripId, { status: "dispatched", dispatched_at: new Date() });
    const after = await detailIn(tx, ctx, tripId);
    await recordAudit(tx, ctx, {
      entity: "delivery_trip",
      entityId: tripId,
      action: "dispatch",
      before: auditTrip(before),
      after: auditTrip(after),
    });
    return after;
  });
}

const CLOSED_BY_HAND = { en: "closed by hand with this stop not done", bn: "এই স্টপ বাকি রেখে ট্রিপ বন্ধ করা হয়েছে" };

/** Closes a dispatched trip by hand: stops still pending fail (reason other) and their orders return to invoiced. */
export async function completeTrip(ctx: Ctx, tripId: string) {
  needs(ctx, "delivery.manage");
  return withTransaction(ctx.db, async (tx) => {
    const trip = await openTrip(tx, ctx, tripId, "dispatched");
    const before = await detailIn(tx, ctx, tripId);
    for (const d of before.drops)
      if (d.status === "pending")
        await failDropIn(
          tx,
          ctx,
          { id: d.id, trip_id: tripId, order_id: d.orderId },
          trip.number,
          "other",
          CLOSED_BY_HAND[ctx.locale],
          null,
        );
    await repo.updateTrip(tx, ctx.actor.orgId, tripId, { status: "completed", completed_at: new Date() });
    const after = await detailIn(tx, ctx, tripId);
    await recordAudit(tx, ctx, {
      entity: "delivery_trip",
      entityId: tripId,
      action: "complete",
      before: auditTrip(before),
      after: auditTrip(after),
    });
    return after;
  });
}

/** Cancels a planned trip: its orders come off it (they stay invoiced, ready for another trip). */
export async function cancelTrip(ctx: Ctx, tripId: string, input: { reason: string }) {
  needs(ctx, "delivery.manage");
  return withTransaction(ctx.db, async (tx) => {
    await openTrip(tx, ctx, tripId, "planned");
    const before = await detailIn(tx, ctx, tripId);
    await repo.deleteDropsOfTrip(tx, ctx.actor.orgId, tripId);
    await repo.updateTrip(tx, ctx.actor.orgId, tripId, {
      status: "cancelled",
      cancelled_at: new Date(),
      cancel_reason: input.reason,
    });
    const after = await detailIn(tx, ctx, tripId);
    await recordAudit(tx, ctx, {
      entity: "delivery_trip",
      entityId: tripId,
      action: "cancel",
      before: auditTrip(before),
      after: { ...auditTrip(after), reason: input.reason },
    });
    return after;
  });
}
