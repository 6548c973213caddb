// All SQL of delivery and logistics (S8): vehicles, trips, drops, and the reads of orders, lines and outlets a trip
// needs. Which trips an actor sees follows which distributors they see (the network's distributorScopeFilter); a
// driver sees, within their distributor, only the trips given to them (the service passes driverUserId).
import { type Expression, type ExpressionBuilder, type Insertable, type SqlBool, sql, type Updateable } from "kysely";
import type { Database, DeliveryDropsTable, DeliveryTripsTable, TripStatus, VehiclesTable } from "../db/database.ts";
import type { Executor } from "../db/transaction.ts";
import { distributorScopeFilter } from "../network/distributors.repository.ts";
import type { Scope } from "../platform/access.ts";
import { formatNumber, nextDocumentNumber } from "../platform/numbering/numbering.repository.ts";

// --- scope

/** The ids of the distributors an actor sees, as a subquery. */
function distributorsSeen(db: Executor, orgId: string, scope: Scope) {
  return db
    .selectFrom("distributors as d")
    .select("d.id")
    .where("d.org_id", "=", orgId)
    .where(distributorScopeFilter(db, orgId, scope));
}

type TripEb = ExpressionBuilder<Database & { t: Database["delivery_trips"] }, "t">;

/** Trips (alias `t`) an actor sees: of the distributors they see, and a driver's own only. */
function tripScope(db: Executor, orgId: string, scope: Scope, driverUserId: string | null) {
  return (eb: TripEb): Expression<SqlBool> => {
    const parts: Expression<SqlBool>[] = [eb("t.org_id", "=", orgId)];
    if (scope.kind !== "org") parts.push(eb("t.distributor_id", "in", distributorsSeen(db, orgId, scope)));
    if (driverUserId !== null) parts.push(eb("t.driver_user_id", "=", driverUserId));
    return eb.and(parts);
  };
}

export async function distributorVisible(db: Executor, orgId: string, scope: Scope, distributorId: string) {
  const row = await distributorsSeen(db, orgId, scope)
    .select(["d.name", "d.name_bn", "d.archived_at"])
    .where("d.id", "=", distributorId)
    .executeTakeFirst();
  return row ?? null;
}

// --- vehicles

function vehiclesWithNames(db: Executor) {
  return db
    .selectFrom("vehicles as v")
    .innerJoin("distributors as d", (j) => j.onRef("d.org_id", "=", "v.org_id").onRef("d.id", "=", "v.distributor_id"))
    .select([
      "v.id",
      "v.distributor_id",
      "d.name as distributor_name",
      "d.name_bn as distributor_name_bn",
      "v.reg_no",
      "v.name",
      "v.capacity_g",
      "v.capacity_cm3",
      "v.archived_at",
      "v.created_at",
      "v.updated_at",
    ]);
}
export type VehicleRow = Awaited<ReturnType<typeof findVehicle>> & object;

export function listVehicles(
  db: Executor,
  orgId: string,
  scope: Scope,
  f: { distributorId?: string | undefined; includeArchived: boolean },
) {
  let q = vehiclesWithNames(db).where("v.org_id", "=", orgId);
  if (scope.kind !== "org") q = q.where("v.distributor_id", "in", distributorsSeen(db, orgId, scope));
  if (f.distributorId) q = q.where("v.distributor_id", "=", f.distributorId);
  if (!f.includeArchived) q = q.where("v.archived_at", "is", null);
  return q.orderBy("d.name").orderBy("v.reg_no").limit(1000).execute();
}

export function findVehicle(db: Executor, orgId: string, scope: Scope, id: string) {
  let q = vehiclesWithNames(db).where("v.org_id", "=", orgId).where("v.id", "=", id);
  if (scope.kind !== "org") q = q.where("v.distributor_id", "in", distributorsSeen(db, orgId, scope));
  return q.executeTakeFirst();
}

export async function insertVehicle(db: Executor, row: Insertable<VehiclesTable>) {
  await db.insertInto("vehicles").values(row).execute();
}

export async function updateVehicle(
  db: Executor,
  orgId: string,
  id: string,
  patch: Partial<{
    reg_no: string;
    name: string;
    capacity_g: number;
    capacity_cm3: number | null;
    archived_at: Date | null;
  }>,
) {
  await db
    .updateTable("vehicles")
    .set({ ...patch, updated_at: sql<Date>`now()` })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

// --- drivers

export function listDrivers(db: Executor, orgId: string, scope: Scope, distributorId?: string) {
  let q = db
    .selectFrom("users as u")
    .select(["u.id", "u.name", "u.phone", "u.email", "u.distributor_id"])
    .where("u.org_id", "=", orgId)
    .where("u.role", "=", "driver")
    .where("u.deactivated_at", "is", null)
    .where("u.distributor_id", "is not", null);
  if (scope.kind !== "org") q = q.where("u.distributor_id", "in", distributorsSeen(db, orgId, scope));
  if (distributorId) q = q.where("u.distributor_id", "=", distributorId);
  return q.orderBy("u.name").orderBy("u.id").limit(1000).execute();
}

export function findDriver(db: Executor, orgId: string, userId: string) {
  return db
    .selectFrom("users")
    .select(["id", "name", "phone", "role", "distributor_id", "deactivated_at"])
    .where("org_id", "=", orgId)
    .where("id", "=", userId)
    .executeTakeFirst();
}

// --- trips

export async function nextTripNumber(db: Executor, orgId: string) {
  return formatNumber("TRP", await nextDocumentNumber(db, orgId, "TRP"));
}

export async function insertTrip(db: Executor, row: Insertable<DeliveryTripsTable>) {
  await db.insertInto("delivery_trips").values(row).execute();
}

export async function updateTrip(
  db: Executor,
  orgId: string,
  id: string,
  patch: Partial<{
    vehicle_id: string;
    driver_user_id: string;
    trip_date: string;
    route_id: string | null;
    note: string | null;
    status: TripStatus;
    cancel_reason: string;
    dispatched_at: Date;
    completed_at: Date;
    cancelled_at: Date;
    last_lat: number;
    last_lng: number;
    last_located_at: Date;
  }>,
) {
  await db
    .updateTable("delivery_trips")
    .set({ ...patch, updated_at: sql<Date>`now()` })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

/** The trip's own row if the actor sees it (locked when `lock`: writes to a trip queue on it). */
export async function findTrip(
  db: Executor,
  orgId: string,
  scope: Scope,
  driverUserId: string | null,
  id: string,
  lock = false,
) {
  let q = db
    .selectFrom("delivery_trips as t")
    .innerJoin("vehicles as v", (j) => j.onRef("v.org_id", "=", "t.org_id").onRef("v.id", "=", "t.vehicle_id"))
    .select([
      "t.id",
      "t.number",
      "t.status",
      "t.distributor_id",
      "t.vehicle_id",
      "t.driver_user_id",
      "t.trip_date",
      "t.route_id",
      "t.note",
      "v.reg_no",
      "v.capacity_g",
      "v.capacity_cm3",
    ])
    .where("t.id", "=", id)
    .where(tripScope(db, orgId, scope, driverUserId));
  if (lock) q = q.forUpdate("t");
  return q.executeTakeFirst();
}
export type TripRow = NonNullable<Awaited<ReturnType<typeof findTrip>>>;

export interface TripFilter {
  ids?: readonly string[] | undefined;
  from?: string | undefined;
  to?: string | undefined;
  distributorId?: string | undefined;
  status?: string | undefined;
  statuses?: readonly string[] | undefined;
  driverUserId?: string | undefined;
  /** Keyset: trips after this (trip_date, number) in the list's order. */
  after?: { date: string; number: string } | undefined;
  limit?: number | undefined;
}

function filteredTrips(db: Executor, orgId: string, scope: Scope, driverUserId: string | null, f: TripFilter) {
  let q = db.selectFrom("delivery_trips as t").where(tripScope(db, orgId, scope, driverUserId));
  if (f.ids) q = q.where("t.id", "in", f.ids.length ? [...f.ids] : ["00000000-0000-0000-0000-000000000000"]);
  if (f.from) q = q.where("t.trip_date", ">=", f.from);
  if (f.to) q = q.where("t.trip_date", "<=", f.to);
  if (f.distributorId) q = q.where("t.distributor_id", "=", f.distributorId);
  if (f.status) q = q.where("t.status", "=", f.status as "planned");
  if (f.statuses) q = q.where("t.status", "in", f.statuses as "planned"[]);
  if (f.driverUserId) q = q.where("t.driver_user_id", "=", f.driverUserId);
  return q;
}

/** Trips with names, drop counts and money, for lists, the live view and detail headers. */
export function tripSummaries(db: Executor, orgId: string, scope: Scope, driverUserId: string | null, f: TripFilter) {
  let q = filteredTrips(db, orgId, scope, driverUserId, f)
    .innerJoin("distributors as d", (j) => j.onRef("d.org_id", "=", "t.org_id").onRef("d.id", "=", "t.distributor_id"))
    .innerJoin("vehicles as v", (j) => j.onRef("v.org_id", "=", "t.org_id").onRef("v.id", "=", "t.vehicle_id"))
    .innerJoin("users as u", (j) => j.onRef("u.org_id", "=", "t.org_id").onRef("u.id", "=", "t.driver_user_id"))
    .leftJoin("territories as r", (j) => j.onRef("r.org_id", "=", "t.org_id").onRef("r.id", "=", "t.route_id"))
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom("delivery_drops as x")
          .innerJoin("secondary_orders as so", (j) =>
            j.onRef("so.org_id", "=", "x.org_id").onRef("so.id", "=", "x.order_id"),
          )
          .select([
            sql<number>`count(*)::int`.as("total"),
            sql<number>`(count(*) filter (where x.status = 'pending'))::int`.as("pending"),
            sql<number>`(count(*) filter (where x.status = 'delivered'))::int`.as("delivered"),
            sql<number>`(count(*) filter (where x.status = 'partially_delivered'))::int`.as("partial"),
            sql<number>`(count(*) filter (where x.status = 'failed'))::int`.as("failed"),
            sql<number>`coalesce(sum(so.total_poisha), 0)::bigint`.as("order_value"),
            sql<number>`coalesce(sum(x.delivered_poisha), 0)::bigint`.as("delivered_value"),
            sql<number>`coalesce(sum(x.cash_collected_poisha), 0)::bigint`.as("cash"),
            sql<Date | null>`max(x.completed_at)`.as("last_drop_at"),
          ])
          .whereRef("x.org_id", "=", "t.org_id")
          .whereRef("x.trip_id", "=", "t.id")
          .as("agg"),
      (j) => j.onTrue(),
    )
    .select([
      "t.id",
      "t.number",
      "t.status",
      "t.trip_date",
      "t.distributor_id",
      "d.name as distributor_name",
      "d.name_bn as distributor_name_bn",
      "t.vehicle_id",
      "v.reg_no as vehicle_reg_no",
      "v.name as vehicle_name",
      "v.capacity_g",
      "v.capacity_cm3",
      "t.driver_user_id",
      "u.name as driver_name",
      "u.phone as driver_phone",
      "t.route_id",
      "r.name as route_name",
      "r.name_bn as route_name_bn",
      "t.note",
      "t.cancel_reason",
      "t.last_lat",
      "t.last_lng",
      "t.last_located_at",
      "t.dispatched_at",
      "t.completed_at",
      "t.cancelled_at",
      "t.created_at",
      "t.updated_at",
      "agg.total",
      "agg.pending",
      "agg.delivered",
      "agg.partial",
      "agg.failed",
      "agg.order_value",
      "agg.delivered_value",
      "agg.cash",
      "agg.last_drop_at",
    ]);
  if (f.after) {
    const { date, number } = f.after;
    q = q.where((eb) =>
      eb.or([eb("t.trip_date", "<", date), eb.and([eb("t.trip_date", "=", date), eb("t.number", "<", number)])]),
    );
  }
  q = q.orderBy("t.trip_date", "desc").orderBy("t.number", "desc");
  if (f.limit) q = q.limit(f.limit);
  return q.execute();
}
export type TripSummaryRow = Awaited<ReturnType<typeof tripSummaries>>[number];

/** Counts and money over every trip the filter matches (the live view's header). */
export function tripTotals(db: Executor, orgId: string, scope: Scope, f: TripFilter) {
  return filteredTrips(db, orgId, scope, null, { ...f, after: undefined, limit: undefined })
    .leftJoin("delivery_drops as x", (j) => j.onRef("x.org_id", "=", "t.org_id").onRef("x.trip_id", "=", "t.id"))
    .leftJoin("secondary_orders as so", (j) => j.onRef("so.org_id", "=", "x.org_id").onRef("so.id", "=", "x.order_id"))
    .select([
      sql<number>`count(distinct t.id)::int`.as("trips"),
      sql<number>`count(x.id)::int`.as("total"),
      sql<number>`(count(*) filter (where x.status = 'pending'))::int`.as("pending"),
      sql<number>`(count(*) filter (where x.status = 'delivered'))::int`.as("delivered"),
      sql<number>`(count(*) filter (where x.status = 'partially_delivered'))::int`.as("partial"),
      sql<number>`(count(*) filter (where x.status = 'failed'))::int`.as("failed"),
      sql<number>`coalesce(sum(so.total_poisha), 0)::bigint`.as("order_value"),
      sql<number>`coalesce(sum(x.delivered_poisha), 0)::bigint`.as("delivered_value"),
      sql<number>`coalesce(sum(x.cash_collected_poisha), 0)::bigint`.as("cash"),
    ])
    .executeTakeFirstOrThrow();
}

// --- drops

export async function insertDrops(db: Executor, rows: Insertable<DeliveryDropsTable>[]) {
  if (rows.length) await db.insertInto("delivery_drops").values(rows).execute();
}

export async function deleteDrop(db: Executor, orgId: string, tripId: string, dropId: string) {
  const r = await db
    .deleteFrom("delivery_drops")
    .where("org_id", "=", orgId)
    .where("trip_id", "=", tripId)
    .where("id", "=", dropId)
    .where("status", "=", "pending")
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function deleteDropsOfTrip(db: Executor, orgId: string, tripId: string) {
  await db.deleteFrom("delivery_drops").where("org_id", "=", orgId).where("trip_id", "=", tripId).execute();
}

export async function setDropSeqs(db: Executor, orgId: string, tripId: string, ids: readonly string[]) {
  if (ids.length === 0) return;
  await sql`
    update delivery_drops x set seq = n.seq, updated_at = now()
    from (select unnest(${[...ids]}::uuid[]) as id, generate_series(1, ${ids.length}) as seq) n
    where x.org_id = ${orgId} and x.trip_id = ${tripId} and x.id = n.id`.execute(db);
}

export async function updateDrop(
  db: Executor,
  orgId: string,
  id: string,
  patch: Omit<Updateable<DeliveryDropsTable>, "org_id" | "id" | "trip_id" | "order_id" | "created_at">,
) {
  await db
    .updateTable("delivery_drops")
    .set({ ...patch, updated_at: sql<Date>`now()` })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

/** A drop with its trip's status, driver and distributor, if the actor sees the trip (drop row locked on request). */
export async function findDrop(
  db: Executor,
  orgId: string,
  scope: Scope,
  driverUserId: string | null,
  id: string,
  lock = false,
) {
  let q = db
    .selectFrom("delivery_drops as x")
    .innerJoin("delivery_trips as t", (j) => j.onRef("t.org_id", "=", "x.org_id").onRef("t.id", "=", "x.trip_id"))
    .select([
      "x.id",
      "x.trip_id",
      "x.order_id",
      "x.status",
      "x.seq",
      "t.status as trip_status",
      "t.distributor_id",
      "t.driver_user_id",
      "t.trip_date",
    ])
    .where("x.org_id", "=", orgId)
    .where("x.id", "=", id)
    .where(tripScope(db, orgId, scope, driverUserId));
  if (lock) q = q.forUpdate("x");
  return q.executeTakeFirst();
}

export async function dropStatusCounts(db: Executor, orgId: string, tripId: string) {
  return db
    .selectFrom("delivery_drops")
    .select([
      sql<number>`count(*)::int`.as("total"),
      sql<number>`(count(*) filter (where status = 'pending'))::int`.as("pending"),
      sql<number>`coalesce(max(seq), 0)::int`.as("max_seq"),
    ])
    .where("org_id", "=", orgId)
    .where("trip_id", "=", tripId)
    .executeTakeFirstOrThrow();
}

/** Every drop of some trips in visiting order, with the order, outlet, payment and who recorded the outcome. */
export function dropsOfTrips(db: Executor, orgId: string, tripIds: readonly string[], dropId?: string) {
  let q = db
    .selectFrom("delivery_drops as x")
    .innerJoin("secondary_orders as so", (j) => j.onRef("so.org_id", "=", "x.org_id").onRef("so.id", "=", "x.order_id"))
    .innerJoin("outlets as o", (j) => j.onRef("o.org_id", "=", "so.org_id").onRef("o.id", "=", "so.outlet_id"))
    .leftJoin("payments as p", (j) => j.onRef("p.org_id", "=", "x.org_id").onRef("p.id", "=", "x.payment_id"))
    .leftJoin("users as cu", (j) => j.onRef("cu.org_id", "=", "x.org_id").onRef("cu.id", "=", "x.completed_by"))
    .select([
      "x.id",
      "x.trip_id",
      "x.seq",
      "x.status",
      "x.order_id",
      "so.number as order_number",
      "so.invoice_number",
      "so.status as order_status",
      "so.order_date",
      "so.requested_delivery_date",
      "so.total_poisha as order_total_poisha",
      "so.subtotal_poisha",
      "so.discount_poisha",
      "so.vat_poisha",
      "so.line_count",
      "so.confirmed_at",
      "so.invoiced_at",
      "so.outlet_id",
      "o.code as outlet_code",
      "o.name as outlet_name",
      "o.name_bn as outlet_name_bn",
      "o.owner_name as outlet_owner_name",
      "o.address as outlet_address",
      "o.phone as outlet_phone",
      "o.lat as outlet_lat",
      "o.lng as outlet_lng",
      "x.failure_reason",
      "x.failure_note",
      "x.receiver_name",
      "x.pod_kind",
      sql<boolean>`x.pod_image is not null`.as("has_pod"),
      "x.cash_collected_poisha",
      "x.payment_id",
      "p.number as payment_number",
      "x.ordered_qty",
      "x.delivered_qty",
      "x.ordered_poisha",
      "x.delivered_poisha",
      "x.lat",
      "x.lng",
      "x.completed_at",
      "cu.name as completed_by_name",
    ])
    .where("x.org_id", "=", orgId)
    .where("x.trip_id", "in", tripIds.length ? [...tripIds] : ["00000000-0000-0000-0000-000000000000"]);
  if (dropId) q = q.where("x.id", "=", dropId);
  return q.orderBy("x.trip_id").orderBy("x.seq").orderBy("x.id").execute();
}
export type DropRow = Awaited<ReturnType<typeof dropsOfTrips>>[number];

/** The proof of delivery's image, if the actor sees the drop's trip. */
export function findPod(db: Executor, orgId: string, scope: Scope, driverUserId: string | null, dropId: string) {
  return db
    .selectFrom("delivery_drops as x")
    .innerJoin("delivery_trips as t", (j) => j.onRef("t.org_id", "=", "x.org_id").onRef("t.id", "=", "x.trip_id"))
    .select(["x.pod_image", "x.pod_mime"])
    .where("x.org_id", "=", orgId)
    .where("x.id", "=", dropId)
    .where("x.pod_image", "is not", null)
    .where(tripScope(db, orgId, scope, driverUserId))
    .executeTakeFirst();
}

// --- orders and their lines, as a trip needs them

/** The lines of some orders with what loading and printing need: SKU names, weight, volume and pack sizes. */
export function linesOfOrders(db: Executor, orgId: string, orderIds: readonly string[]) {
  if (orderIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("secondary_order_lines as l")
    .innerJoin("skus as s", (j) => j.onRef("s.org_id", "=", "l.org_id").onRef("s.id", "=", "l.sku_id"))
    .select((eb) => [
      "l.order_id",
      "l.line_no",
      "l.sku_id",
      "s.code as sku_code",
      "s.name as sku_name",
      "s.name_bn as sku_name_bn",
      "s.base_unit",
      "s.weight_g",
      "s.volume_cm3",
      "l.qty",
      "l.unit_price_poisha",
      "l.discount_poisha",
      "l.vat_poisha",
      "l.total_poisha",
      "l.delivered_qty",
      sql<{ unit: string; name: string; name_bn: string; factor: number }[]>`coalesce((
        select json_agg(json_build_object('unit', u.unit, 'name', u.name, 'name_bn', u.name_bn, 'factor', u.factor)
                        order by u.factor)
        from sku_units u where u.org_id = s.org_id and u.sku_id = ${eb.ref("s.id")}), '[]'::json)`.as("units"),
    ])
    .where("l.org_id", "=", orgId)
    .where("l.order_id", "in", [...orderIds])
    .orderBy("l.order_id")
    .orderBy("l.line_no")
    .execute();
}
export type OrderLineRow = Awaited<ReturnType<typeof linesOfOrders>>[number];

/** Orders being put on a trip, locked, with whether each waits on a trip already. */
export function ordersForAssignment(db: Executor, orgId: string, orderIds: readonly string[]) {
  return db
    .selectFrom("secondary_orders as so")
    .select((eb) => [
      "so.id",
      "so.number",
      "so.status",
      "so.distributor_id",
      eb
        .exists(
          eb
            .selectFrom("delivery_drops as x")
            .select("x.id")
            .whereRef("x.org_id", "=", "so.org_id")
            .whereRef("x.order_id", "=", "so.id")
            .where("x.status", "=", "pending"),
        )
        .as("on_trip"),
    ])
    .where("so.org_id", "=", orgId)
    .where("so.id", "in", [...orderIds])
    .orderBy("so.id")
    .forUpdate("so")
    .execute();
}

export interface AssignableFilter {
  routeId?: string | undefined;
  requestedBy?: string | undefined;
  q?: string | undefined;
  limit: number;
}

/** A distributor's invoiced orders that wait on no trip, oldest wish first. */
export function assignableOrders(db: Executor, orgId: string, distributorId: string, f: AssignableFilter) {
  let q = db
    .selectFrom("secondary_orders as so")
    .innerJoin("outlets as o", (j) => j.onRef("o.org_id", "=", "so.org_id").onRef("o.id", "=", "so.outlet_id"))
    .leftJoin("territories as r", (j) => j.onRef("r.org_id", "=", "so.org_id").onRef("r.id", "=", "so.route_id"))
    .select((eb) => [
      "so.id",
      "so.number",
      "so.invoice_number",
      "so.order_date",
      "so.requested_delivery_date",
      "so.invoiced_at",
      "so.outlet_id",
      "o.code as outlet_code",
      "o.name as outlet_name",
      "o.name_bn as outlet_name_bn",
      "o.address as outlet_address",
      "so.route_id",
      "r.name as route_name",
      "r.name_bn as route_name_bn",
      "so.total_poisha",
      "so.line_count",
      eb
        .selectFrom("delivery_drops as f")
        .select(sql<number>`count(*)::int`.as("n"))
        .whereRef("f.org_id", "=", "so.org_id")
        .whereRef("f.order_id", "=", "so.id")
        .where("f.status", "=", "failed")
        .as("failed_attempts"),
    ])
    .where("so.org_id", "=", orgId)
    .where("so.distributor_id", "=", distributorId)
    .where("so.status", "=", "invoiced")
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("delivery_drops as x")
            .select("x.id")
            .whereRef("x.org_id", "=", "so.org_id")
            .whereRef("x.order_id", "=", "so.id")
            .where("x.status", "=", "pending"),
        ),
      ),
    );
  if (f.routeId) q = q.where("so.route_id", "=", f.routeId);
  if (f.requestedBy) {
    const by = f.requestedBy;
    q = q.where((eb) =>
      eb.or([eb("so.requested_delivery_date", "is", null), eb("so.requested_delivery_date", "<=", by)]),
    );
  }
  if (f.q) {
    const like = `%${f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb(sql`lower(so.number)`, "like", like),
        eb(sql`lower(coalesce(so.invoice_number, ''))`, "like", like),
        eb("o.search_text", "like", like),
      ]),
    );
  }
  return q
    .orderBy(sql`coalesce(so.requested_delivery_date, so.order_date)`)
    .orderBy("so.number")
    .limit(f.limit + 1)
    .execute();
}

/** The org's and the distributor's names for printed challans. */
export function documentParties(db: Executor, orgId: string, distributorId: string) {
  return db
    .selectFrom("distributors as d")
    .innerJoin("orgs as g", "g.id", "d.org_id")
    .select([
      "d.name",
      "d.name_bn",
      "d.address",
      "d.phone",
      "d.bin",
      "d.trade_licence",
      "g.name as org_name",
      "g.name_bn as org_name_bn",
    ])
    .where("d.org_id", "=", orgId)
    .where("d.id", "=", distributorId)
    .executeTakeFirstOrThrow();
}

// --- metrics

/** The outcome of every attempted drop on trips dated in the period, for the distributors the actor sees. */
export function attemptedDrops(
  db: Executor,
  orgId: string,
  scope: Scope,
  f: { from: string; to: string; distributorId?: string | undefined },
) {
  let q = db
    .selectFrom("delivery_drops as x")
    .innerJoin("delivery_trips as t", (j) => j.onRef("t.org_id", "=", "x.org_id").onRef("t.id", "=", "x.trip_id"))
    .innerJoin("secondary_orders as so", (j) => j.onRef("so.org_id", "=", "x.org_id").onRef("so.id", "=", "x.order_id"))
    .select([
      "t.distributor_id",
      "x.trip_id",
      "x.status",
      "x.failure_reason",
      "x.ordered_qty",
      "x.delivered_qty",
      "x.ordered_poisha",
      "x.delivered_poisha",
      "x.cash_collected_poisha",
      sql<string>`to_char(x.completed_at at time zone 'Asia/Dhaka', 'YYYY-MM-DD')`.as("done_on"),
      sql<string>`to_char(coalesce(so.requested_delivery_date, t.trip_date), 'YYYY-MM-DD')`.as("due_by"),
      "x.completed_at",
      "so.confirmed_at",
    ])
    .where(tripScope(db, orgId, scope, null))
    .where("t.trip_date", ">=", f.from)
    .where("t.trip_date", "<=", f.to)
    .where("x.status", "<>", "pending");
  if (f.distributorId) q = q.where("t.distributor_id", "=", f.distributorId);
  return q.execute();
}

/** The trips dated in the period (with or without attempted drops), per distributor. */
export function tripsInPeriod(
  db: Executor,
  orgId: string,
  scope: Scope,
  f: { from: string; to: string; distributorId?: string | undefined },
) {
  let q = db
    .selectFrom("delivery_trips as t")
    .innerJoin("distributors as d", (j) => j.onRef("d.org_id", "=", "t.org_id").onRef("d.id", "=", "t.distributor_id"))
    .select(["t.id", "t.distributor_id", "d.name as distributor_name", "d.name_bn as distributor_name_bn"])
    .where(tripScope(db, orgId, scope, null))
    .where("t.trip_date", ">=", f.from)
    .where("t.trip_date", "<=", f.to)
    .where("t.status", "<>", "cancelled");
  if (f.distributorId) q = q.where("t.distributor_id", "=", f.distributorId);
  return q.execute();
}
