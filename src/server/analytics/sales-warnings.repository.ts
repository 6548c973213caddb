// SQL of the early warnings: the numbers each rule needs, read from the rollups for a whole org at once; the
// replacement of an org's warnings; the list a manager reads (their subtree) with names; and the people who get
// the daily digest. The rules themselves are in sales-warning-rules.ts.
import { sql } from "kysely";
import type { WarningKind } from "../../shared/contracts/analytics.ts";
import type { Locale, Role, TerritoryLevel } from "../db/database.ts";
import type { Executor } from "../db/transaction.ts";

/**
 * Each active outlet's order days (a memo confirmed and not cancelled) from `from` to `to`, with where it belongs
 * now (its route, else the last memo's territory) and its distributor. Only outlets with at least `minDays` order
 * days and none in the last two days: with fewer, or more recent, no rule can call them stopped.
 */
export async function outletOrderDays(db: Executor, orgId: string, from: string, to: string, minDays: number) {
  const r = await sql<{
    outlet_id: string;
    days: string[];
    territory_path: string;
    distributor_id: string;
  }>`
    with d as (
      select outlet_id, day, min(territory_path) as territory_path, min(distributor_id::text) as distributor_id
      from outlet_sales_daily
      where org_id = ${orgId} and day between ${from}::date and ${to}::date
      group by outlet_id, day
      having sum(orders) > 0
    ),
    habit as (
      select outlet_id, array_agg(day::text order by day) as days,
             (array_agg(territory_path order by day desc))[1] as territory_path,
             (array_agg(distributor_id order by day desc))[1] as distributor_id
      from d group by outlet_id
      having count(*) >= ${minDays} and max(day) < ${to}::date - 2
    )
    select h.outlet_id, h.days, coalesce(t.path, h.territory_path) as territory_path,
           coalesce(o.distributor_id::text, h.distributor_id) as distributor_id
    from habit h
    join outlets o on o.org_id = ${orgId} and o.id = h.outlet_id and o.status = 'active'
    left join territories t on t.org_id = o.org_id and t.id = o.route_id
    order by h.outlet_id`.execute(db);
  return r.rows;
}

export interface SkuNodeTrend {
  sku_id: string;
  node_id: string;
  node_path: string;
  recent_qty: number;
  baseline_qty: number;
  weeks_sold: number;
}

/**
 * Ordered quantity per SKU in every region and area: the recent window [recentFrom, to] and the baseline
 * [baselineFrom, recentFrom), with the baseline's weeks (counted from baselineFrom) that had any order.
 */
export async function skuNodeTrends(
  db: Executor,
  orgId: string,
  w: { baselineFrom: string; recentFrom: string; to: string },
): Promise<SkuNodeTrend[]> {
  const r = await sql<SkuNodeTrend>`
    with s as (
      select d.sku_id, d.day, d.ordered_qty, split_part(d.territory_path, '/', k.k) as node
      from sales_daily d cross join (values (3), (4)) as k(k)
      where d.org_id = ${orgId} and d.day between ${w.baselineFrom}::date and ${w.to}::date and d.ordered_qty <> 0
    )
    select s.sku_id, t.id as node_id, t.path as node_path,
           coalesce(sum(s.ordered_qty) filter (where s.day >= ${w.recentFrom}::date), 0)::bigint as recent_qty,
           coalesce(sum(s.ordered_qty) filter (where s.day < ${w.recentFrom}::date), 0)::bigint as baseline_qty,
           count(distinct (s.day - ${w.baselineFrom}::date) / 7)
             filter (where s.day < ${w.recentFrom}::date and s.ordered_qty > 0)::int as weeks_sold
    from s
    join territories t on t.org_id = ${orgId} and t.id = nullif(s.node, '')::uuid
      and t.level in ('region', 'area') and t.archived_at is null
    group by s.sku_id, t.id, t.path`.execute(db);
  return r.rows;
}

export interface TerritoryMonth {
  territory_id: string;
  path: string;
  level: TerritoryLevel;
  month_to_date: number;
  previous_month: number;
}

/** Ordered value per territory node above the routes: the month so far [monthStart, to] and the previous month. */
export async function territoryMonths(
  db: Executor,
  orgId: string,
  w: { previousMonthStart: string; monthStart: string; to: string },
): Promise<TerritoryMonth[]> {
  const r = await sql<TerritoryMonth>`
    with s as (
      select d.day, d.ordered_poisha, split_part(d.territory_path, '/', k.k) as node
      from territory_sales_daily d cross join (values (2), (3), (4), (5)) as k(k)
      where d.org_id = ${orgId} and d.day between ${w.previousMonthStart}::date and ${w.to}::date
    )
    select t.id as territory_id, t.path, t.level,
           coalesce(sum(s.ordered_poisha) filter (where s.day >= ${w.monthStart}::date), 0)::bigint as month_to_date,
           coalesce(sum(s.ordered_poisha) filter (where s.day < ${w.monthStart}::date), 0)::bigint as previous_month
    from s
    join territories t on t.org_id = ${orgId} and t.id = nullif(s.node, '')::uuid
      and t.level in ('national', 'region', 'area', 'territory') and t.archived_at is null
    group by t.id, t.path, t.level`.execute(db);
  return r.rows;
}

export interface NewWarning {
  id: string;
  kind: WarningKind;
  subjectId: string;
  territoryPath: string;
  distributorId: string | null;
  severity: number;
  detail: Record<string, string | number | null>;
}

/** The org's warnings become exactly these (the previous run's go), and the run's time is recorded. */
export async function replaceWarnings(tx: Executor, orgId: string, detectedOn: string, rows: readonly NewWarning[]) {
  await tx.deleteFrom("sales_warnings").where("org_id", "=", orgId).execute();
  // Batches keep each statement under PostgreSQL's 65,535-parameter limit.
  for (let i = 0; i < rows.length; i += 1000)
    await tx
      .insertInto("sales_warnings")
      .values(
        rows.slice(i, i + 1000).map((w) => ({
          org_id: orgId,
          id: w.id,
          kind: w.kind,
          subject_id: w.subjectId,
          territory_path: w.territoryPath,
          distributor_id: w.distributorId,
          severity: w.severity,
          detail: JSON.stringify(w.detail),
          detected_on: detectedOn,
        })),
      )
      .execute();
  await sql`
    insert into sales_rollup_state (org_id, warnings_at) values (${orgId}, now())
    on conflict (org_id) do update set warnings_at = excluded.warnings_at`.execute(tx);
}

export interface WarningFilter {
  /** Warnings belonging inside this subtree; null for the whole org. */
  path: string | null;
  distributorId: string | null;
  kind?: WarningKind | undefined;
}

function filtered(db: Executor, orgId: string, f: WarningFilter) {
  let q = db.selectFrom("sales_warnings as w").where("w.org_id", "=", orgId);
  if (f.path) q = q.where("w.territory_path", "like", `${f.path}%`);
  if (f.distributorId) q = q.where("w.distributor_id", "=", f.distributorId);
  if (f.kind) q = q.where("w.kind", "=", f.kind);
  return q;
}

export async function countWarnings(db: Executor, orgId: string, f: WarningFilter) {
  const rows = await filtered(db, orgId, f)
    .select(["w.kind", sql<number>`count(*)::int`.as("n")])
    .groupBy("w.kind")
    .execute();
  return new Map(rows.map((r) => [r.kind, Number(r.n)]));
}

/** The worst warnings first within each kind (kinds in a fixed order), with the names of what they are about. */
export async function listWarnings(db: Executor, orgId: string, f: WarningFilter, limit: number) {
  const r = await filtered(db, orgId, f)
    .leftJoin("outlets as o", (j) =>
      j.onRef("o.org_id", "=", "w.org_id").onRef("o.id", "=", "w.subject_id").on("w.kind", "=", "outlet_stopped"),
    )
    .leftJoin("skus as s", (j) =>
      j.onRef("s.org_id", "=", "w.org_id").onRef("s.id", "=", "w.subject_id").on("w.kind", "=", "sku_falling"),
    )
    .leftJoin("territories as st", (j) =>
      j.onRef("st.org_id", "=", "w.org_id").onRef("st.id", "=", "w.subject_id").on("w.kind", "=", "territory_behind"),
    )
    // The territory a warning belongs to is the last id of its path.
    .leftJoin("territories as t", (j) =>
      j
        .onRef("t.org_id", "=", "w.org_id")
        .on(sql<boolean>`t.id = nullif(reverse(split_part(reverse(rtrim(w.territory_path, '/')), '/', 1)), '')::uuid`),
    )
    .select([
      "w.id",
      "w.kind",
      "w.severity",
      "w.subject_id",
      "w.detail",
      sql<string>`w.detected_on::text`.as("detected_on"),
      sql<string | null>`coalesce(o.name, s.name, st.name)`.as("subject_name"),
      sql<string | null>`coalesce(o.name_bn, s.name_bn, st.name_bn)`.as("subject_name_bn"),
      sql<string | null>`coalesce(o.code, s.code, st.code)`.as("subject_code"),
      "t.name as territory_name",
      "t.name_bn as territory_name_bn",
    ])
    .orderBy(sql`array_position(array['outlet_stopped', 'sku_falling', 'territory_behind'], w.kind)`)
    .orderBy("w.severity", "desc")
    .orderBy("w.id")
    .limit(limit)
    .execute();
  return r;
}

export async function warningsGeneratedAt(db: Executor, orgId: string): Promise<Date | null> {
  const r = await db
    .selectFrom("sales_rollup_state")
    .select("warnings_at")
    .where("org_id", "=", orgId)
    .executeTakeFirst();
  return r?.warnings_at ?? null;
}

/** Orgs with warnings found on a date: the digest's work. */
export async function orgsWithWarningsOn(db: Executor, date: string): Promise<string[]> {
  const r = await db.selectFrom("sales_warnings").select("org_id").distinct().where("detected_on", "=", date).execute();
  return r.map((x) => x.org_id);
}

export interface DigestRecipient {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: Locale;
  /** The manager's territory subtree; null for the whole org. */
  path: string | null;
}

/**
 * Active admins and managers of an org, with the subtree each watches. A manager without a territory watches
 * nothing and is left out, as their scope is empty everywhere else too.
 */
export async function digestRecipients(db: Executor, orgId: string): Promise<DigestRecipient[]> {
  const r = await db
    .selectFrom("users as u")
    .leftJoin("territories as t", (j) =>
      j.onRef("t.org_id", "=", "u.org_id").onRef("t.id", "=", "u.territory_id").on("t.archived_at", "is", null),
    )
    .select(["u.id", "u.email", "u.name", "u.role", "u.locale", "t.path"])
    .where("u.org_id", "=", orgId)
    .where("u.deactivated_at", "is", null)
    .where("u.role", "in", ["admin", "manager"])
    .orderBy("u.id")
    .execute();
  return r
    .filter((u) => u.role === "admin" || u.path !== null)
    .map((u) => ({ ...u, path: u.role === "admin" ? null : u.path }));
}

/** Users of an org notified of this kind since an instant (a re-run of the digest must not post it twice). */
export async function usersWithDigestSince(db: Executor, orgId: string, kind: string, since: Date) {
  const r = await db
    .selectFrom("notifications")
    .select("user_id")
    .distinct()
    .where("org_id", "=", orgId)
    .where("kind", "=", kind)
    .where("created_at", ">=", since)
    .execute();
  return new Set(r.map((x) => x.user_id));
}
