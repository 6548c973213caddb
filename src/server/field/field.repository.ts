// SQL of the field app's synced work: the applied-commands record, attendance days, visits, outlet stock
// audits and beat order. Outlets and routes are read here (never written: they belong to the network module).
import { sql } from "kysely";
import type { VisitOutcome } from "../db/database.ts";
import type { Executor } from "../db/transaction.ts";

// --- applied commands

export interface CommandClaim {
  orgId: string;
  id: string;
  userId: string;
  kind: string;
  at: Date;
}

/**
 * Claims a command id for this transaction; false when it is already taken. A concurrent claim of the same id
 * waits here for the first to commit (then false) or roll back (then true), so a command applies once.
 */
export async function claimCommand(db: Executor, c: CommandClaim): Promise<boolean> {
  const row = await db
    .insertInto("field_commands")
    .values({
      org_id: c.orgId,
      id: c.id,
      user_id: c.userId,
      kind: c.kind,
      // Replaced by the outcome before commit; nobody else sees the claim until then.
      status: "applied",
      result: "{}",
      created_on_device_at: c.at,
    })
    .onConflict((oc) => oc.columns(["org_id", "id"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}

export async function storeCommandOutcome(
  db: Executor,
  orgId: string,
  id: string,
  status: "applied" | "rejected",
  result: unknown,
) {
  await db
    .updateTable("field_commands")
    .set({ status, result: JSON.stringify(result) })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

/** Records a rejected command after its transaction rolled back; false when the id was taken meanwhile. */
export async function insertRejectedCommand(db: Executor, c: CommandClaim, result: unknown): Promise<boolean> {
  const row = await db
    .insertInto("field_commands")
    .values({
      org_id: c.orgId,
      id: c.id,
      user_id: c.userId,
      kind: c.kind,
      status: "rejected",
      result: JSON.stringify(result),
      created_on_device_at: c.at,
    })
    .onConflict((oc) => oc.columns(["org_id", "id"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}

export function findCommand(db: Executor, orgId: string, id: string) {
  return db
    .selectFrom("field_commands")
    .select(["user_id", "kind", "status", "result"])
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
}

// --- attendance

export interface GpsColumns {
  lat: number | null;
  lng: number | null;
  accuracyM: number | null;
}

/** False when the user already started this work date (the first start stands). */
export async function insertAttendanceDay(
  db: Executor,
  d: { orgId: string; id: string; userId: string; workDate: string; startedAt: Date; gps: GpsColumns },
): Promise<boolean> {
  const row = await db
    .insertInto("attendance_days")
    .values({
      org_id: d.orgId,
      id: d.id,
      user_id: d.userId,
      work_date: d.workDate,
      started_at: d.startedAt,
      start_lat: d.gps.lat,
      start_lng: d.gps.lng,
      start_accuracy_m: d.gps.accuracyM,
    })
    .onConflict((oc) => oc.columns(["org_id", "user_id", "work_date"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}

export function findAttendanceDay(db: Executor, orgId: string, userId: string, workDate: string) {
  return db
    .selectFrom("attendance_days")
    .select(["id", "started_at", "ended_at"])
    .where("org_id", "=", orgId)
    .where("user_id", "=", userId)
    .where("work_date", "=", workDate)
    .forUpdate()
    .executeTakeFirst();
}

export async function endAttendanceDay(db: Executor, orgId: string, id: string, endedAt: Date, gps: GpsColumns) {
  await db
    .updateTable("attendance_days")
    .set({ ended_at: endedAt, end_lat: gps.lat, end_lng: gps.lng, end_accuracy_m: gps.accuracyM })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

// --- outlets and routes as the field sees them (read only)

/** An outlet with its point and current route's path, unscoped (the service checks scope). */
export function findOutletForVisit(db: Executor, orgId: string, outletId: string) {
  return db
    .selectFrom("outlets as o")
    .leftJoin("territories as r", (j) => j.onRef("r.org_id", "=", "o.org_id").onRef("r.id", "=", "o.route_id"))
    .select(["o.id", "o.status", "o.distributor_id", "o.route_id", "o.lat", "o.lng", "r.path as route_path"])
    .where("o.org_id", "=", orgId)
    .where("o.id", "=", outletId)
    .executeTakeFirst();
}

/** Is the route walked on this weekday? */
export async function beatWalkedOn(db: Executor, orgId: string, routeId: string, weekday: number): Promise<boolean> {
  const row = await db
    .selectFrom("beat_days")
    .select("route_id")
    .where("org_id", "=", orgId)
    .where("route_id", "=", routeId)
    .where("weekday", "=", weekday)
    .executeTakeFirst();
  return row !== undefined;
}

/** The outlets on a route now (archived ones left out). */
export async function outletIdsOnRoute(db: Executor, orgId: string, routeId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom("outlets")
    .select("id")
    .where("org_id", "=", orgId)
    .where("route_id", "=", routeId)
    .where("status", "<>", "archived")
    .execute();
  return new Set(rows.map((r) => r.id));
}

// --- visits

export interface VisitInsert {
  orgId: string;
  id: string;
  userId: string;
  outletId: string;
  routeId: string | null;
  territoryPath: string;
  visitDate: string;
  planned: boolean;
  checkedInAt: Date;
  gps: GpsColumns;
  distanceM: number | null;
  outsideRadius: boolean;
}

/** False when a visit with this id already exists. */
export async function insertVisit(db: Executor, v: VisitInsert): Promise<boolean> {
  const row = await db
    .insertInto("visits")
    .values({
      org_id: v.orgId,
      id: v.id,
      user_id: v.userId,
      outlet_id: v.outletId,
      route_id: v.routeId,
      territory_path: v.territoryPath,
      visit_date: v.visitDate,
      planned: v.planned,
      checked_in_at: v.checkedInAt,
      check_in_lat: v.gps.lat,
      check_in_lng: v.gps.lng,
      check_in_accuracy_m: v.gps.accuracyM,
      distance_m: v.distanceM,
      outside_radius: v.outsideRadius,
    })
    .onConflict((oc) => oc.columns(["org_id", "id"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}

/** A visit of this user, locked until the transaction ends; another user's visit is not found. */
export function findOwnVisit(db: Executor, orgId: string, userId: string, id: string) {
  return db
    .selectFrom("visits")
    .select([
      "id",
      "outlet_id",
      "checked_in_at",
      "checked_out_at",
      "outcome",
      "no_order_reason",
      "order_id",
      "note",
      "planned",
      "distance_m",
      "outside_radius",
    ])
    .where("org_id", "=", orgId)
    .where("user_id", "=", userId)
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
}

export async function updateVisit(
  db: Executor,
  orgId: string,
  id: string,
  patch: {
    checked_out_at?: Date;
    outcome?: VisitOutcome;
    no_order_reason?: string | null;
    order_id?: string;
    note?: string | null;
  },
) {
  await db
    .updateTable("visits")
    .set({ ...patch, updated_at: sql<Date>`now()` })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

// --- outlet stock audits

export async function insertStockAudit(
  db: Executor,
  a: {
    orgId: string;
    id: string;
    outletId: string;
    visitId: string | null;
    userId: string;
    territoryPath: string;
    auditDate: string;
    auditedAt: Date;
    lines: readonly { skuId: string; qty: number }[];
  },
): Promise<boolean> {
  const row = await db
    .insertInto("outlet_stock_audits")
    .values({
      org_id: a.orgId,
      id: a.id,
      outlet_id: a.outletId,
      visit_id: a.visitId,
      user_id: a.userId,
      territory_path: a.territoryPath,
      audit_date: a.auditDate,
      audited_at: a.auditedAt,
    })
    .onConflict((oc) => oc.columns(["org_id", "id"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!row) return false;
  await db
    .insertInto("outlet_stock_audit_lines")
    .values(a.lines.map((l) => ({ org_id: a.orgId, audit_id: a.id, sku_id: l.skuId, qty: l.qty })))
    .execute();
  return true;
}

// --- beat order

/** The route's visit order becomes this list (positions 0, 1, …); outlets left out fall back to code order. */
export async function replaceBeatStops(db: Executor, orgId: string, routeId: string, outletIds: readonly string[]) {
  await db.deleteFrom("beat_stops").where("org_id", "=", orgId).where("route_id", "=", routeId).execute();
  if (outletIds.length === 0) return;
  await db
    .insertInto("beat_stops")
    .values(
      outletIds.map((outletId, position) => ({ org_id: orgId, route_id: routeId, outlet_id: outletId, position })),
    )
    .execute();
}

export function listBeatStops(db: Executor, orgId: string, routeId: string) {
  return db
    .selectFrom("beat_stops")
    .select(["outlet_id", "position"])
    .where("org_id", "=", orgId)
    .where("route_id", "=", routeId)
    .orderBy("position")
    .execute();
}
