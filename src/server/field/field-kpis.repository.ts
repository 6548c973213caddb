// SQL of the field force's day as it happened: beat days, visits, attendance and when each phone last synced.
// Read by the rep's performance, the managers' live view and the field app's snapshot.
import { sql } from "kysely";
import type { Executor } from "../db/transaction.ts";

/** The weekdays (0 = Sunday) each of these routes is walked on. */
export function beatDaysOf(db: Executor, orgId: string, routeIds: readonly string[]) {
  if (routeIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("beat_days")
    .select(["route_id", "weekday"])
    .where("org_id", "=", orgId)
    .where("route_id", "in", [...routeIds])
    .orderBy("weekday")
    .execute();
}

export interface VisitFilter {
  userId?: string | undefined;
  /** Visits whose territory lies in this subtree. */
  withinPath?: string | undefined;
  from: string;
  to: string;
}

/** Visits checked in on the dates, of one rep (by user, indexed) or in a subtree (by path, indexed). */
export function listVisits(db: Executor, orgId: string, f: VisitFilter) {
  let q = db
    .selectFrom("visits")
    .select([
      "id",
      "user_id",
      "outlet_id",
      "visit_date",
      "planned",
      "checked_in_at",
      "checked_out_at",
      "check_in_lat",
      "check_in_lng",
      "distance_m",
      "outside_radius",
      "outcome",
      "no_order_reason",
      "order_id",
    ])
    .where("org_id", "=", orgId)
    .where("visit_date", ">=", f.from)
    .where("visit_date", "<=", f.to);
  if (f.userId) q = q.where("user_id", "=", f.userId);
  if (f.withinPath) q = q.where("territory_path", "like", `${f.withinPath}%`);
  return q.orderBy("checked_in_at").orderBy("id").execute();
}

/** The working days of these users on a date. */
export function attendanceOn(db: Executor, orgId: string, userIds: readonly string[], date: string) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("attendance_days")
    .select(["user_id", "started_at", "ended_at"])
    .where("org_id", "=", orgId)
    .where("user_id", "in", [...userIds])
    .where("work_date", "=", date)
    .execute();
}

/** When each of these users' phones last sent a command on a business date (its day in Asia/Dhaka). */
export function lastCommandTimes(db: Executor, orgId: string, userIds: readonly string[], date: string) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("field_commands")
    .select((eb) => ["user_id", eb.fn.max("received_at").as("at")])
    .where("org_id", "=", orgId)
    .where("user_id", "in", [...userIds])
    .where("received_at", ">=", sql<Date>`(${date}::date)::timestamp at time zone 'Asia/Dhaka'`)
    .where("received_at", "<", sql<Date>`(${date}::date + 1)::timestamp at time zone 'Asia/Dhaka'`)
    .groupBy("user_id")
    .execute();
}
