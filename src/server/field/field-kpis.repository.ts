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

// --- for analytics (the analytics module scopes the caller)

/** What the field analytics read of each visit over a period, in a subtree (the whole org when undefined), in check-in order. */
export function visitFactsBetween(
  db: Executor,
  orgId: string,
  f: { withinPath?: string | undefined; from: string; to: string },
) {
  let q = db
    .selectFrom("visits")
    .select([
      "user_id",
      "outlet_id",
      "visit_date",
      "territory_path",
      "checked_in_at",
      "checked_out_at",
      "outside_radius",
      "outcome",
      "order_id",
    ])
    .where("org_id", "=", orgId)
    .where("visit_date", ">=", f.from)
    .where("visit_date", "<=", f.to);
  if (f.withinPath) q = q.where("territory_path", "like", `${f.withinPath}%`);
  return q.orderBy("checked_in_at").orderBy("id").execute();
}

/** The working days of these users over a period. */
export function attendanceBetween(db: Executor, orgId: string, userIds: readonly string[], from: string, to: string) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("attendance_days")
    .select(["user_id", "work_date", "started_at", "ended_at"])
    .where("org_id", "=", orgId)
    .where("user_id", "in", [...userIds])
    .where("work_date", ">=", from)
    .where("work_date", "<=", to)
    .execute();
}

export interface AuditCheckFilter {
  withinPath?: string | undefined;
  /** Only audits of outlets this distributor serves now. */
  distributorId?: string | undefined;
  from: string;
  to: string;
  /** Group by SKU, or by the child of a territory node at this depth (its path's segment depth + 1). */
  by: { kind: "sku" } | { kind: "territory"; depth: number };
}

/**
 * Shelf checks of the latest audit of each outlet in the period: one check per audited SKU line, out of stock when
 * its quantity is 0. Counted in the database, grouped as asked (key '' for the totals when grouping by nothing).
 */
export async function latestAuditChecks(db: Executor, orgId: string, f: AuditCheckFilter) {
  const key =
    f.by.kind === "sku" ? sql`l.sku_id::text` : sql`split_part(a.territory_path, '/', ${f.by.depth + 2}::int)`;
  const r = await sql<{ key: string; checks: number; out_of_stock: number }>`
    with latest as (
      select distinct on (a.outlet_id) a.id, a.territory_path
      from outlet_stock_audits a
      ${f.distributorId ? sql`join outlets o on o.org_id = a.org_id and o.id = a.outlet_id and o.distributor_id = ${f.distributorId}` : sql``}
      where a.org_id = ${orgId} and a.audit_date between ${f.from}::date and ${f.to}::date
        ${f.withinPath ? sql`and a.territory_path like ${`${f.withinPath}%`}` : sql``}
      order by a.outlet_id, a.audited_at desc, a.id desc
    )
    select ${key} as key, count(*)::int as checks, count(*) filter (where l.qty = 0)::int as out_of_stock
    from latest a
    join outlet_stock_audit_lines l on l.org_id = ${orgId} and l.audit_id = a.id
    group by 1`.execute(db);
  return r.rows;
}
