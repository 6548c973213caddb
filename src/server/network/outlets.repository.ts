// All SQL of outlets, their dated assignments to a distributor and route, and the reps on routes. The rule
// of which outlets an actor sees lives here, once: `outletScopeFilter`.
import { type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool, sql } from "kysely";
import type { Channel, Database, OutletClass } from "../db/database.ts";
import type { Executor } from "../db/transaction.ts";
import type { Scope } from "../platform/access.ts";
import { formatNumber, nextDocumentNumber } from "../platform/numbering/numbering.repository.ts";
import { territoryIdsInScope } from "../platform/territories/territories.repository.ts";

type OutletEb = ExpressionBuilder<Database & { o: Database["outlets"] }, "o">;

/**
 * Which outlets (alias `o`) an actor sees: the org for org-wide roles; for a territory scope (manager, rep)
 * those whose route lies in the subtree; a distributor those it serves now; a retailer its own outlet.
 */
export function outletScopeFilter(db: Executor, orgId: string, scope: Scope) {
  return (eb: OutletEb): Expression<SqlBool> => {
    switch (scope.kind) {
      case "org":
        return sql<SqlBool>`true`;
      case "territory":
        return eb("o.route_id", "in", territoryIdsInScope(db, orgId, scope));
      case "distributor":
        return eb("o.distributor_id", "=", scope.distributorId);
      case "outlet":
        return eb("o.id", "=", scope.outletId);
      default:
        return sql<SqlBool>`false`;
    }
  };
}

function outletsWithNames(db: Executor, orgId: string) {
  return db
    .selectFrom("outlets as o")
    .leftJoin("distributors as d", (j) => j.onRef("d.org_id", "=", "o.org_id").onRef("d.id", "=", "o.distributor_id"))
    .leftJoin("territories as r", (j) => j.onRef("r.org_id", "=", "o.org_id").onRef("r.id", "=", "o.route_id"))
    .select([
      "o.id",
      "o.code",
      "o.name",
      "o.name_bn",
      "o.owner_name",
      "o.phone",
      "o.address",
      "o.division",
      "o.district",
      "o.upazila",
      "o.lat",
      "o.lng",
      "o.channel",
      "o.class",
      "o.credit_limit_poisha",
      "o.distributor_id",
      "o.route_id",
      "o.status",
      "o.search_text",
      "o.created_at",
      "o.updated_at",
      "o.archived_at",
      "d.code as distributor_code",
      "d.name as distributor_name",
      "d.name_bn as distributor_name_bn",
      "r.code as route_code",
      "r.name as route_name",
      "r.name_bn as route_name_bn",
      "r.path as route_path",
    ])
    .where("o.org_id", "=", orgId);
}

export type OutletRow = Awaited<ReturnType<typeof findOutlet>> & object;

export function findOutlet(db: Executor, orgId: string, scope: Scope, id: string) {
  return outletsWithNames(db, orgId)
    .where("o.id", "=", id)
    .where(outletScopeFilter(db, orgId, scope))
    .executeTakeFirst();
}

/** The plain outlet row an order needs, with its route's path; no scope (the caller checks it). */
/** Holds the outlet's credit decision until the transaction ends; edits and new references are not blocked. */
export async function lockOutletCredit(db: Executor, orgId: string, id: string): Promise<void> {
  await db
    .selectFrom("outlets")
    .select("id")
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .forNoKeyUpdate()
    .execute();
}

export function findOutletForOrder(db: Executor, orgId: string, id: string) {
  return db
    .selectFrom("outlets as o")
    .leftJoin("territories as r", (j) => j.onRef("r.org_id", "=", "o.org_id").onRef("r.id", "=", "o.route_id"))
    .select([
      "o.org_id",
      "o.id",
      "o.code",
      "o.name",
      "o.name_bn",
      "o.phone",
      "o.channel",
      "o.class",
      "o.credit_limit_poisha",
      "o.distributor_id",
      "o.route_id",
      "o.status",
      "r.path as route_path",
    ])
    .where("o.org_id", "=", orgId)
    .where("o.id", "=", id)
    .executeTakeFirst();
}

export interface OutletFilter {
  q?: string | undefined;
  channel?: Channel | undefined;
  class?: OutletClass | undefined;
  distributorId?: string | undefined;
  territoryId?: string | undefined;
  status: "active" | "pending" | "archived" | "all";
  sort: "name" | "code" | "created";
  /** Keyset: the search rank, sort key and id of the last row of the previous page. */
  after?: { rank: number; key: string; id: string } | undefined;
  limit: number;
}

const sortColumn = { name: "o.name", code: "o.code", created: "o.id" } as const;

export async function listOutlets(
  db: Executor,
  orgId: string,
  scope: Scope,
  f: OutletFilter,
  search: { condition: RawBuilder<SqlBool>; rank: RawBuilder<number> } | null,
) {
  let q = outletsWithNames(db, orgId)
    .select((search?.rank ?? sql<number>`0`).as("rank"))
    .where(outletScopeFilter(db, orgId, scope));
  if (f.status !== "all") q = q.where("o.status", "=", f.status);
  if (f.channel) q = q.where("o.channel", "=", f.channel);
  if (f.class) q = q.where("o.class", "=", f.class);
  if (f.distributorId) q = q.where("o.distributor_id", "=", f.distributorId);
  if (f.territoryId) q = q.where("o.route_id", "in", subtreeIds(db, orgId, f.territoryId));
  if (search) q = q.where(search.condition);
  const col = sql.ref(sortColumn[f.sort]);
  // "created" runs newest first: UUIDv7 ids are in creation order.
  const desc = f.sort === "created";
  const cmp = sql.raw(desc ? "<" : ">");
  const dir = sql.raw(desc ? "desc" : "asc");
  if (f.after) {
    const { rank: r, key, id } = f.after;
    const afterKey = sql<SqlBool>`(${col} ${cmp} ${key} or (${col} = ${key} and o.id ${cmp} ${id}))`;
    q = q.where(search ? sql<SqlBool>`(${search.rank} > ${r} or (${search.rank} = ${r} and ${afterKey}))` : afterKey);
  }
  // Close spellings first when searching; then the chosen order.
  if (search) q = q.orderBy(sql`${search.rank}`);
  return q
    .orderBy(sql`${col} ${dir}`)
    .orderBy(sql`o.id ${dir}`)
    .limit(f.limit + 1)
    .execute();
}

/** Ids of a territory's subtree (the territory itself included), as a subquery. */
function subtreeIds(db: Executor, orgId: string, territoryId: string) {
  const root = db.selectFrom("territories").select("path").where("org_id", "=", orgId).where("id", "=", territoryId);
  return db
    .selectFrom("territories as s")
    .select("s.id")
    .where("s.org_id", "=", orgId)
    .where("s.path", "like", sql<string>`(${root}) || '%'`);
}

export interface MapFilter {
  bbox?: [number, number, number, number] | undefined;
  territoryId?: string | undefined;
  distributorId?: string | undefined;
  channel?: Channel | undefined;
  limit: number;
}

/** Light points for the map: located, not archived outlets. */
export function mapPoints(
  db: Executor,
  orgId: string,
  scope: Scope,
  f: MapFilter,
  searchCondition: RawBuilder<SqlBool> | null,
) {
  let q = db
    .selectFrom("outlets as o")
    .select(["o.id", "o.name", "o.name_bn", "o.lat", "o.lng", "o.channel", "o.class"])
    .where("o.org_id", "=", orgId)
    .where(outletScopeFilter(db, orgId, scope))
    .where("o.status", "<>", "archived")
    .where("o.lat", "is not", null)
    .where("o.lng", "is not", null);
  if (f.bbox) {
    const [minLng, minLat, maxLng, maxLat] = f.bbox;
    q = q
      .where("o.lng", ">=", minLng)
      .where("o.lng", "<=", maxLng)
      .where("o.lat", ">=", minLat)
      .where("o.lat", "<=", maxLat);
  }
  if (f.territoryId) q = q.where("o.route_id", "in", subtreeIds(db, orgId, f.territoryId));
  if (f.distributorId) q = q.where("o.distributor_id", "=", f.distributorId);
  if (f.channel) q = q.where("o.channel", "=", f.channel);
  if (searchCondition) q = q.where(searchCondition);
  return q
    .orderBy("o.id")
    .limit(f.limit + 1)
    .execute();
}

export async function outletCodeTaken(db: Executor, orgId: string, code: string, exceptId?: string) {
  let q = db.selectFrom("outlets").select("id").where("org_id", "=", orgId).where("code", "=", code);
  if (exceptId) q = q.where("id", "<>", exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/**
 * The code of an outlet proposed from the field: NEW-000001, NEW-000002 … a series of its own, so it never meets
 * the codes an admin types or imports; a number someone already typed by hand is skipped.
 */
export async function nextProposedOutletCode(db: Executor, orgId: string): Promise<string> {
  for (;;) {
    const code = formatNumber("NEW", await nextDocumentNumber(db, orgId, "outlet_proposal"), 6);
    if (!(await outletCodeTaken(db, orgId, code))) return code;
  }
}

export function findOutletCodes(db: Executor, orgId: string, codes: readonly string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("outlets")
    .select(["code"])
    .where("org_id", "=", orgId)
    .where("code", "in", [...codes])
    .execute();
}

export interface OutletValues {
  code: string;
  name: string;
  name_bn: string;
  owner_name: string;
  phone: string | null;
  address: string;
  division: string | null;
  district: string | null;
  upazila: string | null;
  lat: number | null;
  lng: number | null;
  channel: Channel;
  class: OutletClass;
  credit_limit_poisha: number | null;
  distributor_id: string | null;
  route_id: string | null;
  status: "active" | "pending";
  search_text: string;
}

/** Inserts outlets; false when a code is taken (the caller rolls back). */
export async function insertOutlets(db: Executor, orgId: string, rows: (OutletValues & { id: string })[]) {
  for (let i = 0; i < rows.length; i += 500) {
    const batch = rows.slice(i, i + 500);
    const inserted = await db
      .insertInto("outlets")
      .values(batch.map((r) => ({ org_id: orgId, ...r })))
      .onConflict((oc) => oc.columns(["org_id", "code"]).doNothing())
      .returning("id")
      .execute();
    if (inserted.length !== batch.length) return false;
  }
  return true;
}

export async function updateOutlet(
  db: Executor,
  orgId: string,
  id: string,
  patch: Partial<Omit<OutletValues, "status">> & {
    status?: "active" | "pending" | "archived";
    archived_at?: Date | null;
  },
) {
  await db
    .updateTable("outlets")
    .set({ ...patch, updated_at: sql<Date>`now()` })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

// --- assignments

export interface AssignmentInsert {
  id: string;
  outletId: string;
  distributorId: string;
  routeId: string | null;
  effectiveFrom: string;
  createdBy: string | null;
}

/** False when the outlet already has an assignment from that date. */
export async function insertAssignments(db: Executor, orgId: string, rows: AssignmentInsert[]) {
  for (let i = 0; i < rows.length; i += 500) {
    const batch = rows.slice(i, i + 500);
    const inserted = await db
      .insertInto("outlet_assignments")
      .values(
        batch.map((a) => ({
          org_id: orgId,
          id: a.id,
          outlet_id: a.outletId,
          distributor_id: a.distributorId,
          route_id: a.routeId,
          effective_from: a.effectiveFrom,
          created_by: a.createdBy,
        })),
      )
      .onConflict((oc) => oc.columns(["org_id", "outlet_id", "effective_from"]).doNothing())
      .returning("id")
      .execute();
    if (inserted.length !== batch.length) return false;
  }
  return true;
}

export function listAssignments(db: Executor, orgId: string, outletId: string) {
  return db
    .selectFrom("outlet_assignments as a")
    .innerJoin("distributors as d", (j) => j.onRef("d.org_id", "=", "a.org_id").onRef("d.id", "=", "a.distributor_id"))
    .leftJoin("territories as r", (j) => j.onRef("r.org_id", "=", "a.org_id").onRef("r.id", "=", "a.route_id"))
    .select([
      "a.id",
      "a.distributor_id",
      "a.route_id",
      sql<string>`to_char(a.effective_from, 'YYYY-MM-DD')`.as("effective_from"),
      "a.created_at",
      "d.name as distributor_name",
      "d.name_bn as distributor_name_bn",
      "r.name as route_name",
      "r.name_bn as route_name_bn",
    ])
    .where("a.org_id", "=", orgId)
    .where("a.outlet_id", "=", outletId)
    .orderBy("a.effective_from", "desc")
    .execute();
}

/** The assignment in force on a date: the latest one from that date or before. */
export function assignmentInForce(db: Executor, orgId: string, outletId: string, date: string) {
  return db
    .selectFrom("outlet_assignments")
    .select(["distributor_id", "route_id"])
    .where("org_id", "=", orgId)
    .where("outlet_id", "=", outletId)
    .where("effective_from", "<=", date)
    .orderBy("effective_from", "desc")
    .limit(1)
    .executeTakeFirst();
}

/**
 * Brings outlets' current distributor and route in line with the assignments in force on `today`: the
 * catch-up of the daily job, which also heals missed days. Returns what changed.
 */
export async function applyDueAssignments(db: Executor, orgId: string, today: string) {
  return db
    .updateTable("outlets as o")
    .from(
      db
        .selectFrom("outlet_assignments")
        .distinctOn("outlet_id")
        .select(["outlet_id", "distributor_id", "route_id"])
        .where("org_id", "=", orgId)
        .where("effective_from", "<=", today)
        .orderBy("outlet_id")
        .orderBy("effective_from", "desc")
        .as("a"),
    )
    .set((eb) => ({
      distributor_id: eb.ref("a.distributor_id"),
      route_id: eb.ref("a.route_id"),
      updated_at: sql<Date>`now()`,
    }))
    .where("o.org_id", "=", orgId)
    .whereRef("o.id", "=", "a.outlet_id")
    .where(sql<SqlBool>`(o.distributor_id is distinct from a.distributor_id or o.route_id is distinct from a.route_id)`)
    .returning(["o.id", "o.distributor_id", "o.route_id"])
    .execute();
}

/** Orgs with assignments that may have come due (starting in the last few days up to today). */
export async function orgsWithAssignmentsFrom(db: Executor, since: string, today: string) {
  const rows = await db
    .selectFrom("outlet_assignments")
    .select("org_id")
    .distinct()
    .where("effective_from", ">=", since)
    .where("effective_from", "<=", today)
    .execute();
  return rows.map((r) => r.org_id);
}

// --- route (beat) owners

export async function insertRouteAssignment(
  db: Executor,
  orgId: string,
  a: { id: string; routeId: string; repUserId: string; effectiveFrom: string; createdBy: string | null },
) {
  const row = await db
    .insertInto("route_assignments")
    .values({
      org_id: orgId,
      id: a.id,
      route_id: a.routeId,
      rep_user_id: a.repUserId,
      effective_from: a.effectiveFrom,
      created_by: a.createdBy,
    })
    .onConflict((oc) => oc.columns(["org_id", "route_id", "effective_from"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}

export function listRouteAssignments(db: Executor, orgId: string, routeId: string) {
  return db
    .selectFrom("route_assignments as a")
    .innerJoin("users as u", (j) => j.onRef("u.org_id", "=", "a.org_id").onRef("u.id", "=", "a.rep_user_id"))
    .select([
      "a.id",
      "a.route_id",
      "a.rep_user_id",
      "u.name as rep_name",
      sql<string>`to_char(a.effective_from, 'YYYY-MM-DD')`.as("effective_from"),
      "a.created_at",
    ])
    .where("a.org_id", "=", orgId)
    .where("a.route_id", "=", routeId)
    .orderBy("a.effective_from", "desc")
    .execute();
}

export function routeRepOn(db: Executor, orgId: string, routeId: string, date: string) {
  return db
    .selectFrom("route_assignments")
    .select("rep_user_id")
    .where("org_id", "=", orgId)
    .where("route_id", "=", routeId)
    .where("effective_from", "<=", date)
    .orderBy("effective_from", "desc")
    .limit(1)
    .executeTakeFirst();
}

/**
 * The routes whose assignment in force on `date` names this rep, with their names and paths: the beats the rep
 * walks. One pass over route_assignments with DISTINCT ON picks each route's latest assignment not after the date.
 */
export function routesOfRep(db: Executor, orgId: string, repUserId: string, date: string) {
  const latest = db
    .selectFrom("route_assignments")
    .distinctOn("route_id")
    .select(["route_id", "rep_user_id"])
    .where("org_id", "=", orgId)
    .where("effective_from", "<=", date)
    .orderBy("route_id")
    .orderBy("effective_from", "desc")
    .as("a");
  return db
    .selectFrom(latest)
    .innerJoin("territories as t", (j) => j.on("t.org_id", "=", orgId).onRef("t.id", "=", "a.route_id"))
    .select(["t.id", "t.name", "t.name_bn", "t.path"])
    .where("a.rep_user_id", "=", repUserId)
    .where("t.archived_at", "is", null)
    .orderBy("t.name")
    .execute();
}

export function findActiveUser(db: Executor, orgId: string, id: string) {
  return db
    .selectFrom("users as u")
    .leftJoin("territories as t", (j) => j.onRef("t.org_id", "=", "u.org_id").onRef("t.id", "=", "u.territory_id"))
    .select(["u.id", "u.role", "u.name", "t.path as territory_path"])
    .where("u.org_id", "=", orgId)
    .where("u.id", "=", id)
    .where("u.deactivated_at", "is", null)
    .executeTakeFirst();
}

/** Routes (and the distributors serving them) by code, for imports. */
export function findRoutesByCode(db: Executor, orgId: string, codes: readonly string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("territories")
    .select(["id", "code", "level", "path"])
    .where("org_id", "=", orgId)
    .where("code", "in", [...codes])
    .where("archived_at", "is", null)
    .execute();
}

/** Audit entries of an outlet, newest first: the first source of its timeline. */
export function outletAuditEntries(db: Executor, orgId: string, outletId: string, limit: number) {
  return db
    .selectFrom("audit_log as a")
    .leftJoin("users as u", (j) => j.onRef("u.org_id", "=", "a.org_id").onRef("u.id", "=", "a.actor_user_id"))
    .select(["a.id", "a.at", "a.entity", "a.action", "a.before", "a.after", "u.name as actor_name"])
    .where("a.org_id", "=", orgId)
    .where("a.entity", "=", "outlet")
    .where("a.entity_id", "=", outletId)
    .orderBy("a.id", "desc")
    .limit(limit)
    .execute();
}

/**
 * Active distributors that serve a route: based on, or covering, the route or a territory above it. Nearest
 * first (the deepest territory that links them), then by code.
 */
export async function distributorsServingRoute(db: Executor, orgId: string, routePath: string) {
  const onPath = routePath.split("/").filter(Boolean);
  if (onPath.length === 0) return [];
  const links = db
    .selectFrom("distributors")
    .select(["id as distributor_id", "territory_id"])
    .where("org_id", "=", orgId)
    .where("territory_id", "in", onPath)
    .union(
      db
        .selectFrom("distributor_territories")
        .select(["distributor_id", "territory_id"])
        .where("org_id", "=", orgId)
        .where("territory_id", "in", onPath),
    )
    .as("l");
  return db
    .selectFrom(links)
    .innerJoin("distributors as d", (j) => j.on("d.org_id", "=", orgId).onRef("d.id", "=", "l.distributor_id"))
    .innerJoin("territories as t", (j) => j.on("t.org_id", "=", orgId).onRef("t.id", "=", "l.territory_id"))
    .select(["d.id", "d.code", sql<number>`max(length(t.path))`.as("depth")])
    .where("d.archived_at", "is", null)
    .groupBy(["d.id", "d.code"])
    .orderBy(sql`max(length(t.path))`, "desc")
    .orderBy("d.code")
    .execute();
}

// --- what the field app and the field KPIs read about beats and their outlets

/** The outlets on these routes that a rep works (active, and pending proposals), with the route's path. */
export function fieldOutletsOfRoutes(db: Executor, orgId: string, routeIds: readonly string[]) {
  if (routeIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("outlets as o")
    .innerJoin("territories as r", (j) => j.onRef("r.org_id", "=", "o.org_id").onRef("r.id", "=", "o.route_id"))
    .select([
      "o.id",
      "o.code",
      "o.name",
      "o.name_bn",
      "o.owner_name",
      "o.phone",
      "o.address",
      "o.lat",
      "o.lng",
      "o.channel",
      "o.class",
      "o.status",
      "o.route_id",
      "o.distributor_id",
      "o.credit_limit_poisha",
      "o.updated_at",
      "r.path as route_path",
    ])
    .where("o.org_id", "=", orgId)
    .where("o.route_id", "in", [...routeIds])
    .where("o.status", "in", ["active", "pending"])
    .orderBy("o.code")
    .execute();
}

/** The active outlets of these routes (the outlets a beat plans). */
export function activeOutletsOfRoutes(db: Executor, orgId: string, routeIds: readonly string[]) {
  if (routeIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("outlets")
    .select(["id", "route_id"])
    .where("org_id", "=", orgId)
    .where("route_id", "in", [...routeIds])
    .where("status", "=", "active")
    .execute();
}

/**
 * Outlets that may have left a rep's beats after `since`: outlets on a route the rep ever owned that changed
 * (archived, rejected) or whose route changed hands or closed, and outlets that changed and were once assigned to
 * such a route or now lie in `scopePath` (moved to another route). The caller drops those still on the beats.
 */
export async function outletsLeavingRoutesOf(
  db: Executor,
  orgId: string,
  repUserId: string,
  since: Date,
  scopePath: string | null,
): Promise<string[]> {
  const r = await sql<{ id: string }>`
    with mine as (
      select distinct route_id from route_assignments where org_id = ${orgId} and rep_user_id = ${repUserId}
    )
    select o.id from outlets o
    where o.org_id = ${orgId}
      and (
        (o.route_id in (select route_id from mine)
         and (o.updated_at > ${since}
              or exists (select 1 from route_assignments ra
                         where ra.org_id = o.org_id and ra.route_id = o.route_id and ra.created_at > ${since})
              or exists (select 1 from territories t
                         where t.org_id = o.org_id and t.id = o.route_id and t.archived_at > ${since})))
        or (o.updated_at > ${since}
            and (exists (select 1 from outlet_assignments a
                         where a.org_id = o.org_id and a.outlet_id = o.id and a.route_id in (select route_id from mine))
                 ${
                   scopePath === null
                     ? sql``
                     : sql`or o.route_id in (select id from territories
                                            where org_id = ${orgId} and path like ${`${scopePath}%`})`
                 }))
      )`.execute(db);
  return r.rows.map((row) => row.id);
}

export interface RouteOwnerFilter {
  /** Routes this rep owned at some time up to the date. */
  repUserId?: string | undefined;
  /** Routes in this subtree. */
  withinPath?: string | undefined;
  to: string;
}

/** Every dated owner (up to `to`) of the open routes the filter selects. */
export function routeOwners(db: Executor, orgId: string, f: RouteOwnerFilter) {
  let q = db
    .selectFrom("route_assignments as a")
    .innerJoin("territories as t", (j) => j.onRef("t.org_id", "=", "a.org_id").onRef("t.id", "=", "a.route_id"))
    .select(["a.route_id", "a.rep_user_id", "a.effective_from"])
    .where("a.org_id", "=", orgId)
    .where("a.effective_from", "<=", f.to)
    .where("t.archived_at", "is", null);
  if (f.withinPath) q = q.where("t.path", "like", `${f.withinPath}%`);
  if (f.repUserId)
    q = q.where(
      "a.route_id",
      "in",
      db
        .selectFrom("route_assignments")
        .select("route_id")
        .where("org_id", "=", orgId)
        .where("rep_user_id", "=", f.repUserId)
        .where("effective_from", "<=", f.to),
    );
  return q.execute();
}

/** Names of outlets by id. */
export function outletNames(db: Executor, orgId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("outlets")
    .select(["id", "name", "name_bn"])
    .where("org_id", "=", orgId)
    .where("id", "in", [...ids])
    .execute();
}
