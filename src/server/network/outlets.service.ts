// Outlets: the shops that buy from distributors. Who serves an outlet is dated (outlet_assignments): a
// reassignment takes effect from a day, and orders copy the assignment in force on their date, so past sales
// stay credited to the old distributor and route. outlets.distributor_id / route_id cache today's.

import { normalizeBdPhone } from "../../shared/bd-phone.ts";
import type {
  AssignOutletRequest,
  AssignRepRequest,
  CreateOutletRequest,
  OutletExportQuery,
  OutletListQuery,
  OutletMapQuery,
  UpdateOutletRequest,
} from "../../shared/contracts/network.ts";
import { CHANNELS, OUTLET_CLASSES } from "../../shared/contracts/network.ts";
import { businessDate } from "../../shared/format.ts";
import { isUuid, newId } from "../../shared/ids.ts";
import type { Channel, OutletClass } from "../db/database.ts";
import { searchCondition, searchRank } from "../db/text-search.ts";
import type { Db, Executor } from "../db/transaction.ts";
import { withTransaction } from "../db/transaction.ts";
import { AccessErrors, can, type Scope, territoryInScope } from "../platform/access.ts";
import { recordAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import { systemCtx } from "../platform/context.ts";
import { writeCsv } from "../platform/csv.ts";
import { decodeCursor, encodeCursor, PaginationErrors } from "../platform/pagination.ts";
import * as distributorsRepo from "./distributors.repository.ts";
import { NetworkErrors } from "./network.errors.ts";
import { codeCell, ImportReport, numberCell, optionalText, readImportFile, requiredText } from "./network-import.ts";
import { outletSearchText } from "./network-search-text.ts";
import type { OutletRow } from "./outlets.repository.ts";
import * as repo from "./outlets.repository.ts";

export type { OutletRow };

const money = (v: number | bigint | null) => (v === null ? null : Number(v));

export function outletResponse(o: OutletRow) {
  return {
    id: o.id,
    code: o.code,
    name: o.name,
    nameBn: o.name_bn,
    ownerName: o.owner_name,
    phone: o.phone,
    address: o.address,
    division: o.division,
    district: o.district,
    upazila: o.upazila,
    lat: o.lat,
    lng: o.lng,
    channel: o.channel,
    class: o.class,
    creditLimitPoisha: money(o.credit_limit_poisha),
    distributorId: o.distributor_id,
    distributorName: o.distributor_name ?? null,
    distributorNameBn: o.distributor_name_bn ?? null,
    routeId: o.route_id,
    routeName: o.route_name ?? null,
    routeNameBn: o.route_name_bn ?? null,
    status: o.status,
    createdAt: o.created_at.toISOString(),
    updatedAt: o.updated_at.toISOString(),
  };
}

const auditView = (o: OutletRow) => {
  const { createdAt: _c, updatedAt: _u, distributorNameBn: _d, routeNameBn: _r, ...rest } = outletResponse(o);
  return rest;
};

// --- scope helpers other modules reuse (orders, payments): one rule, in outletScopeFilter and here

/** May this actor see this outlet? The same rule as `outletScopeFilter`, for a row already loaded. */
export function outletVisible(
  ctx: Pick<Ctx, "actor">,
  outlet: { id: string; distributor_id: string | null; route_path: string | null },
): boolean {
  const s: Scope = ctx.actor.scope;
  switch (s.kind) {
    case "org":
      return true;
    case "territory":
      return territoryInScope(s, outlet.route_path);
    case "distributor":
      return outlet.distributor_id === s.distributorId;
    case "outlet":
      return outlet.id === s.outletId;
    default:
      return false;
  }
}

/** The outlet row an order needs (channel, class, credit limit, current distributor and route), unscoped. */
export async function getOutletForOrder(db: Executor, orgId: string, outletId: string) {
  const o = await repo.findOutletForOrder(db, orgId, outletId);
  return o ? { ...o, credit_limit_poisha: money(o.credit_limit_poisha) } : null;
}

/**
 * Serialises credit checks of one outlet: two orders confirmed at once must not both fit under a limit that
 * only one fits under. Held until the caller's transaction ends.
 */
export const lockOutletCredit = (db: Executor, orgId: string, outletId: string) =>
  repo.lockOutletCredit(db, orgId, outletId);

/**
 * Who served an outlet on a date: the assignment with the latest effective_from not after it; before any
 * assignment, the outlet's current values. Null when there is no such outlet.
 */
export async function assignmentOn(
  dbOrCtx: Executor | Pick<Ctx, "db">,
  orgId: string,
  outletId: string,
  date: string,
): Promise<{ distributorId: string | null; routeId: string | null } | null> {
  const db = "db" in dbOrCtx && !("selectFrom" in dbOrCtx) ? dbOrCtx.db : (dbOrCtx as Executor);
  const a = await repo.assignmentInForce(db, orgId, outletId, date);
  if (a) return { distributorId: a.distributor_id, routeId: a.route_id };
  const o = await repo.findOutletForOrder(db, orgId, outletId);
  return o ? { distributorId: o.distributor_id, routeId: o.route_id } : null;
}

/** The rep on a route (beat) on a date, or null when nobody was assigned by then. */
export async function repOnRoute(db: Executor, orgId: string, routeId: string, date: string) {
  return (await repo.routeRepOn(db, orgId, routeId, date))?.rep_user_id ?? null;
}

/** The routes (beats) assigned to a rep on a date: id, names and territory path, by name. */
export function routesOfRep(db: Executor, orgId: string, repUserId: string, date: string) {
  return repo.routesOfRep(db, orgId, repUserId, date);
}

// --- reading

async function loadVisible(db: Executor, ctx: Ctx, id: string): Promise<OutletRow> {
  const o = await repo.findOutlet(db, ctx.actor.orgId, ctx.actor.scope, id);
  if (!o) throw NetworkErrors.outletNotFound();
  return o;
}

function searchOf(q: string | undefined) {
  if (!q) return null;
  const condition = searchCondition("o.search_text", q);
  return condition ? { condition, rank: searchRank("o.search_text", q) } : null;
}

function listFilter(query: OutletExportQuery & { cursor?: string | undefined }, limit: number): repo.OutletFilter {
  let after: repo.OutletFilter["after"];
  if (query.cursor) {
    const [rank, key, id] = decodeCursor(query.cursor);
    if (typeof rank !== "number" || typeof key !== "string" || !isUuid(id)) throw PaginationErrors.badCursor();
    after = { rank, key, id };
  }
  return { ...query, after, limit };
}

export async function listOutlets(ctx: Ctx, query: OutletListQuery) {
  if (!can(ctx.actor, "network.read")) throw AccessErrors.forbidden();
  const rows = await repo.listOutlets(
    ctx.db,
    ctx.actor.orgId,
    ctx.actor.scope,
    listFilter(query, query.limit),
    searchOf(query.q),
  );
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const key = (o: OutletRow) => (query.sort === "name" ? o.name : query.sort === "code" ? o.code : o.id);
  return {
    items: page.map(outletResponse),
    nextCursor: rows.length > query.limit && last ? encodeCursor([Number(last.rank), key(last), last.id]) : null,
  };
}

const EXPORT_LIMIT = 100_000;

export async function exportOutletsCsv(ctx: Ctx, query: OutletExportQuery) {
  if (!can(ctx.actor, "network.read")) throw AccessErrors.forbidden();
  const rows = await repo.listOutlets(
    ctx.db,
    ctx.actor.orgId,
    ctx.actor.scope,
    listFilter(query, EXPORT_LIMIT - 1),
    searchOf(query.q),
  );
  // The columns of the import, so an export can be edited and imported elsewhere.
  return writeCsv(
    [...OUTLET_COLUMNS, "status"],
    rows.map((o) => [
      o.code,
      o.name,
      o.name_bn,
      o.owner_name,
      o.phone,
      o.address,
      o.division,
      o.district,
      o.upazila,
      o.lat,
      o.lng,
      o.channel,
      o.class,
      o.credit_limit_poisha === null ? null : (Number(o.credit_limit_poisha) / 100).toFixed(2),
      o.distributor_code,
      o.route_code,
      o.status,
    ]),
  );
}

async function detailOf(db: Executor, ctx: Ctx, o: OutletRow) {
  const today = businessDate();
  const assignments = await repo.listAssignments(db, ctx.actor.orgId, o.id);
  return {
    ...outletResponse(o),
    assignments: assignments.map((a) => ({
      id: a.id,
      distributorId: a.distributor_id,
      distributorName: a.distributor_name,
      distributorNameBn: a.distributor_name_bn,
      routeId: a.route_id,
      routeName: a.route_name ?? null,
      routeNameBn: a.route_name_bn ?? null,
      effectiveFrom: a.effective_from,
      inForce: a.effective_from <= today,
      createdAt: a.created_at.toISOString(),
    })),
  };
}

export async function getOutlet(ctx: Ctx, id: string) {
  if (!can(ctx.actor, "network.read")) throw AccessErrors.forbidden();
  return detailOf(ctx.db, ctx, await loadVisible(ctx.db, ctx, id));
}

export async function outletMap(ctx: Ctx, query: OutletMapQuery) {
  if (!can(ctx.actor, "network.read")) throw AccessErrors.forbidden();
  const bbox = query.bbox?.split(",").map(Number) as [number, number, number, number] | undefined;
  const rows = await repo.mapPoints(
    ctx.db,
    ctx.actor.orgId,
    ctx.actor.scope,
    { ...query, bbox },
    query.q ? searchCondition("o.search_text", query.q) : null,
  );
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((p) => ({
      id: p.id,
      name: p.name,
      nameBn: p.name_bn,
      lat: Number(p.lat),
      lng: Number(p.lng),
      channel: p.channel,
      class: p.class,
    })),
    truncated: rows.length > query.limit,
  };
}

export async function outletTimeline(ctx: Ctx, id: string, limit: number) {
  if (!can(ctx.actor, "network.read")) throw AccessErrors.forbidden();
  const o = await loadVisible(ctx.db, ctx, id);
  const entries = await repo.outletAuditEntries(ctx.db, ctx.actor.orgId, id, limit);
  const items = entries.map((e) => ({
    id: e.id,
    at: e.at.toISOString(),
    kind: "audit",
    action: e.action,
    actorName: e.actor_name ?? null,
    before: e.before ?? null,
    after: e.after ?? null,
  }));
  // Imported outlets have one audit row for the whole file; their creation still belongs on the timeline.
  if (!entries.some((e) => e.action === "create") && items.length < limit)
    items.push({
      id: `created-${o.id}`,
      at: o.created_at.toISOString(),
      kind: "audit",
      action: "create",
      actorName: null,
      before: null,
      after: null,
    });
  return { items };
}

// --- writing

/** A route named in a request: a route-level territory, active, inside the actor's subtree. */
async function checkRoute(db: Executor, ctx: Ctx, routeId: string) {
  const [r] = await distributorsRepo.findTerritoriesById(db, ctx.actor.orgId, [routeId]);
  if (!r) throw NetworkErrors.routeNotFound();
  if (r.level !== "route") throw NetworkErrors.notARoute();
  if (!territoryInScope(ctx.actor.scope, r.path)) throw NetworkErrors.territoryOutOfScope();
  return r;
}

/** A distributor named in a request: visible to the actor and active. */
async function checkDistributor(db: Executor, ctx: Ctx, distributorId: string) {
  const d = await distributorsRepo.findDistributor(db, ctx.actor.orgId, ctx.actor.scope, distributorId);
  if (!d) throw NetworkErrors.distributorNotFound();
  if (d.archived_at) throw NetworkErrors.distributorArchived();
  return d;
}

function requireWrite(ctx: Ctx) {
  if (!can(ctx.actor, "network.write")) throw AccessErrors.forbidden();
}

export async function createOutlet(ctx: Ctx, input: CreateOutletRequest) {
  requireWrite(ctx);
  return withTransaction(ctx.db, async (tx) => {
    const distributorId = input.distributorId ?? null;
    const routeId = input.routeId ?? null;
    if (distributorId) await checkDistributor(tx, ctx, distributorId);
    if (routeId) await checkRoute(tx, ctx, routeId);
    // Managers see outlets through their routes: an outlet without one would vanish from their view.
    else if (ctx.actor.scope.kind !== "org") throw NetworkErrors.routeRequired();
    const id = newId();
    const values = {
      code: input.code,
      name: input.name,
      name_bn: input.nameBn,
      owner_name: input.ownerName,
      phone: input.phone ?? null,
      address: input.address,
      division: input.division ?? null,
      district: input.district ?? null,
      upazila: input.upazila ?? null,
      lat: input.lat ?? null,
      lng: input.lng ?? null,
      channel: input.channel,
      class: input.class,
      credit_limit_poisha: input.creditLimitPoisha ?? null,
      distributor_id: distributorId,
      route_id: routeId,
      status: input.status,
    };
    const ok = await repo.insertOutlets(tx, ctx.actor.orgId, [
      { id, ...values, search_text: outletSearchText(values) },
    ]);
    if (!ok) throw NetworkErrors.outletCodeTaken({ code: input.code });
    if (distributorId)
      await repo.insertAssignments(tx, ctx.actor.orgId, [
        {
          id: newId(),
          outletId: id,
          distributorId,
          routeId,
          effectiveFrom: businessDate(),
          createdBy: ctx.actor.userId,
        },
      ]);
    const created = await loadVisible(tx, ctx, id);
    await recordAudit(tx, ctx, { entity: "outlet", entityId: id, action: "create", after: auditView(created) });
    return outletResponse(created);
  });
}

export async function updateOutlet(ctx: Ctx, id: string, input: UpdateOutletRequest) {
  requireWrite(ctx);
  return withTransaction(ctx.db, async (tx) => {
    const before = await loadVisible(tx, ctx, id);
    if (before.status === "archived") throw NetworkErrors.outletArchived();
    if (input.code !== undefined && input.code !== before.code) {
      if (await repo.outletCodeTaken(tx, ctx.actor.orgId, input.code, id))
        throw NetworkErrors.outletCodeTaken({ code: input.code });
    }
    const named = {
      code: input.code ?? before.code,
      name: input.name ?? before.name,
      name_bn: input.nameBn ?? before.name_bn,
      owner_name: input.ownerName ?? before.owner_name,
      phone: input.phone !== undefined ? input.phone : before.phone,
    };
    await repo.updateOutlet(tx, ctx.actor.orgId, id, {
      ...named,
      ...(input.address !== undefined && { address: input.address }),
      ...(input.division !== undefined && { division: input.division }),
      ...(input.district !== undefined && { district: input.district }),
      ...(input.upazila !== undefined && { upazila: input.upazila }),
      ...(input.lat !== undefined && { lat: input.lat }),
      ...(input.lng !== undefined && { lng: input.lng }),
      ...(input.channel !== undefined && { channel: input.channel }),
      ...(input.class !== undefined && { class: input.class }),
      ...(input.creditLimitPoisha !== undefined && { credit_limit_poisha: input.creditLimitPoisha }),
      ...(input.status !== undefined && { status: input.status }),
      search_text: outletSearchText(named),
    });
    const after = await loadVisible(tx, ctx, id);
    await recordAudit(tx, ctx, {
      entity: "outlet",
      entityId: id,
      action: "update",
      before: auditView(before),
      after: auditView(after),
    });
    return outletResponse(after);
  });
}

export async function archiveOutlet(ctx: Ctx, id: string) {
  requireWrite(ctx);
  return withTransaction(ctx.db, async (tx) => {
    const before = await loadVisible(tx, ctx, id);
    if (before.status === "archived") return outletResponse(before);
    await repo.updateOutlet(tx, ctx.actor.orgId, id, { status: "archived", archived_at: new Date() });
    const after = await loadVisible(tx, ctx, id);
    await recordAudit(tx, ctx, {
      entity: "outlet",
      entityId: id,
      action: "archive",
      before: auditView(before),
      after: auditView(after),
    });
    return outletResponse(after);
  });
}

// --- outlets proposed from the field: pending until a manager approves (active, served) or rejects (archived)

export interface ProposeOutletInput {
  /** Made on the phone, so the outlet keeps its identity from the proposal offline to its approval. */
  id: string;
  name: string;
  nameBn: string;
  ownerName: string;
  phone: string | null;
  channel: Channel;
  class: OutletClass;
  address: string;
  lat: number | null;
  lng: number | null;
  routeId: string;
}

export async function proposeOutlet(ctx: Ctx, input: ProposeOutletInput) {
  if (!can(ctx.actor, "field.use")) throw AccessErrors.forbidden();
  const { orgId } = ctx.actor;
  return withTransaction(ctx.db, async (tx) => {
    await checkRoute(tx, ctx, input.routeId);
    if (await repo.findOutletForOrder(tx, orgId, input.id)) throw NetworkErrors.outletIdTaken();
    const values = {
      name: input.name,
      name_bn: input.nameBn,
      owner_name: input.ownerName,
      phone: input.phone,
      address: input.address,
      division: null,
      district: null,
      upazila: null,
      lat: input.lat,
      lng: input.lng,
      channel: input.channel,
      class: input.class,
      credit_limit_poisha: null,
      distributor_id: null,
      route_id: input.routeId,
      status: "pending" as const,
    };
    const code = await repo.nextProposedOutletCode(tx, orgId);
    const row = { id: input.id, code, ...values, search_text: outletSearchText({ code, ...values }) };
    if (!(await repo.insertOutlets(tx, orgId, [row]))) throw NetworkErrors.outletCodeTaken({ code });
    const created = await loadVisible(tx, ctx, input.id);
    await recordAudit(tx, ctx, { entity: "outlet", entityId: input.id, action: "propose", after: auditView(created) });
    return outletResponse(created);
  });
}

async function loadPending(db: Executor, ctx: Ctx, id: string) {
  const o = await loadVisible(db, ctx, id);
  if (o.status !== "pending") throw NetworkErrors.outletNotPending();
  return o;
}

/**
 * A proposed outlet goes live: active, served by the given distributor (one that serves its route and that
 * the approver may see) or else by the nearest distributor covering the route, from today.
 */
export async function approveProposedOutlet(ctx: Ctx, id: string, input: { distributorId?: string | undefined }) {
  if (!can(ctx.actor, "field.approve")) throw AccessErrors.forbidden();
  const { orgId } = ctx.actor;
  return withTransaction(ctx.db, async (tx) => {
    const before = await loadPending(tx, ctx, id);
    const serving = before.route_path ? await repo.distributorsServingRoute(tx, orgId, before.route_path) : [];
    let distributorId: string;
    if (input.distributorId) {
      await checkDistributor(tx, ctx, input.distributorId);
      if (!serving.some((d) => d.id === input.distributorId)) throw NetworkErrors.distributorNotServingRoute();
      distributorId = input.distributorId;
    } else {
      const nearest = serving[0];
      if (!nearest) throw NetworkErrors.noDistributorForRoute();
      distributorId = nearest.id;
    }
    await repo.insertAssignments(tx, orgId, [
      {
        id: newId(),
        outletId: id,
        distributorId,
        routeId: before.route_id,
        effectiveFrom: businessDate(),
        createdBy: ctx.actor.userId,
      },
    ]);
    await repo.updateOutlet(tx, orgId, id, { status: "active", distributor_id: distributorId });
    const after = await loadVisible(tx, ctx, id);
    await recordAudit(tx, ctx, {
      entity: "outlet",
      entityId: id,
      action: "approve",
      before: auditView(before),
      after: auditView(after),
    });
    return outletResponse(after);
  });
}

/** A proposed outlet that will not be served: archived, so its code and history stay. */
export async function rejectProposedOutlet(ctx: Ctx, id: string, reason: string) {
  if (!can(ctx.actor, "field.approve")) throw AccessErrors.forbidden();
  return withTransaction(ctx.db, async (tx) => {
    const before = await loadPending(tx, ctx, id);
    await repo.updateOutlet(tx, ctx.actor.orgId, id, { status: "archived", archived_at: new Date() });
    const after = await loadVisible(tx, ctx, id);
    await recordAudit(tx, ctx, {
      entity: "outlet",
      entityId: id,
      action: "reject",
      before: auditView(before),
      after: { ...auditView(after), reason },
    });
    return outletResponse(after);
  });
}

/**
 * Reassigns an outlet from a date. The row is appended (history is never rewritten); when the date has
 * come, the outlet's current distributor and route follow at once, otherwise the daily job moves them.
 */
export async function assignOutlet(ctx: Ctx, id: string, input: AssignOutletRequest) {
  requireWrite(ctx);
  return withTransaction(ctx.db, async (tx) => {
    const before = await loadVisible(tx, ctx, id);
    if (before.status === "archived") throw NetworkErrors.outletArchived();
    await checkDistributor(tx, ctx, input.distributorId);
    const routeId = input.routeId ?? null;
    if (routeId) await checkRoute(tx, ctx, routeId);
    else if (ctx.actor.scope.kind !== "org") throw NetworkErrors.routeRequired();
    const ok = await repo.insertAssignments(tx, ctx.actor.orgId, [
      {
        id: newId(),
        outletId: id,
        distributorId: input.distributorId,
        routeId,
        effectiveFrom: input.effectiveFrom,
        createdBy: ctx.actor.userId,
      },
    ]);
    if (!ok) throw NetworkErrors.assignmentExists({ date: input.effectiveFrom });
    const today = businessDate();
    if (input.effectiveFrom <= today) {
      const now = await repo.assignmentInForce(tx, ctx.actor.orgId, id, today);
      if (now)
        await repo.updateOutlet(tx, ctx.actor.orgId, id, {
          distributor_id: now.distributor_id,
          route_id: now.route_id,
        });
    }
    // Read back unscoped: an actor may move an outlet to a route outside their own view, and still sees the result.
    const after = await repo.findOutlet(tx, ctx.actor.orgId, { kind: "org" }, id);
    if (!after) throw NetworkErrors.outletNotFound();
    await recordAudit(tx, ctx, {
      entity: "outlet",
      entityId: id,
      action: "assign",
      before: { distributorId: before.distributor_id, routeId: before.route_id },
      after: { distributorId: input.distributorId, routeId, effectiveFrom: input.effectiveFrom },
    });
    return detailOf(tx, ctx, after);
  });
}

/** The daily job: outlets follow the assignments that came due (for one org). */
export async function applyDueAssignments(db: Db, orgId: string, today = businessDate()) {
  return withTransaction(db, async (tx) => {
    const changed = await repo.applyDueAssignments(tx, orgId, today);
    const ctx = systemCtx(db, orgId);
    for (const c of changed)
      await recordAudit(tx, ctx, {
        entity: "outlet",
        entityId: c.id,
        action: "assignment_in_force",
        after: { distributorId: c.distributor_id, routeId: c.route_id, date: today },
      });
    return changed.length;
  });
}

/** Orgs with assignments starting between `since` and `today`: the ones the daily job must look at. */
export const orgsWithDueAssignments = (db: Db, since: string, today: string) =>
  repo.orgsWithAssignmentsFrom(db, since, today);

// --- route owners

async function loadRoute(db: Executor, ctx: Ctx, routeId: string) {
  const [r] = await distributorsRepo.findTerritoriesById(db, ctx.actor.orgId, [routeId]);
  if (r?.level !== "route" || !territoryInScope(ctx.actor.scope, r.path)) throw NetworkErrors.routeNotFound();
  return r;
}

export async function assignRepToRoute(ctx: Ctx, routeId: string, input: AssignRepRequest) {
  requireWrite(ctx);
  return withTransaction(ctx.db, async (tx) => {
    await loadRoute(tx, ctx, routeId);
    const rep = await repo.findActiveUser(tx, ctx.actor.orgId, input.repUserId);
    // A rep outside the caller's subtree does not exist for them, as in the user list.
    if (rep?.role !== "rep" || !territoryInScope(ctx.actor.scope, rep.territory_path))
      throw NetworkErrors.repNotFound();
    const id = newId();
    const ok = await repo.insertRouteAssignment(tx, ctx.actor.orgId, {
      id,
      routeId,
      repUserId: input.repUserId,
      effectiveFrom: input.effectiveFrom,
      createdBy: ctx.actor.userId,
    });
    if (!ok) throw NetworkErrors.assignmentExists({ date: input.effectiveFrom });
    await recordAudit(tx, ctx, {
      entity: "route",
      entityId: routeId,
      action: "assign_rep",
      after: { repUserId: input.repUserId, repName: rep.name, effectiveFrom: input.effectiveFrom },
    });
    return { items: await routeAssignmentsOf(tx, ctx.actor.orgId, routeId) };
  });
}

async function routeAssignmentsOf(db: Executor, orgId: string, routeId: string) {
  return (await repo.listRouteAssignments(db, orgId, routeId)).map((a) => ({
    id: a.id,
    routeId: a.route_id,
    repUserId: a.rep_user_id,
    repName: a.rep_name,
    effectiveFrom: a.effective_from,
    createdAt: a.created_at.toISOString(),
  }));
}

export async function listRouteReps(ctx: Ctx, routeId: string) {
  if (!can(ctx.actor, "network.read")) throw AccessErrors.forbidden();
  if (ctx.actor.scope.kind !== "org" && ctx.actor.scope.kind !== "territory") throw NetworkErrors.routeNotFound();
  await loadRoute(ctx.db, ctx, routeId);
  return { items: await routeAssignmentsOf(ctx.db, ctx.actor.orgId, routeId) };
}

// --- import

export const OUTLET_COLUMNS = [
  "code",
  "name",
  "name_bn",
  "owner_name",
  "phone",
  "address",
  "division",
  "district",
  "upazila",
  "lat",
  "lng",
  "channel",
  "class",
  "credit_limit_taka",
  "distributor_code",
  "route_code",
] as const;

const REQUIRED_OUTLET_COLUMNS = ["code", "name", "name_bn", "owner_name", "channel"] as const;

/**
 * Imports outlets from CSV. Every row is checked (codes unique in the file and the org, phone, numbers,
 * channel, class, distributor and route by code and in the actor's scope) before anything is written; one
 * bad row and nothing is imported, and the answer lists every problem by row and column.
 */
export async function importOutlets(ctx: Ctx, body: { csv: string }) {
  requireWrite(ctx);
  const report = new ImportReport(ctx.locale);
  const rows = readImportFile(body.csv, REQUIRED_OUTLET_COLUMNS, report);
  report.throwIfAny();
  const orgId = ctx.actor.orgId;
  return withTransaction(ctx.db, async (tx) => {
    const col = (c: string) => [...new Set(rows.map((r) => r.values[c] ?? "").filter((v) => v !== ""))];
    const takenCodes = new Set((await repo.findOutletCodes(tx, orgId, col("code"))).map((r) => r.code));
    const routes = new Map((await repo.findRoutesByCode(tx, orgId, col("route_code"))).map((r) => [r.code, r]));
    const distributorCodes = await distributorsRepo.findDistributorsByCode(tx, orgId, col("distributor_code"));
    // A distributor counts only if the actor could see it: the same rule as everywhere else.
    const distributors = new Map<string, string>();
    for (const d of distributorCodes) {
      if (d.archived_at) continue;
      if (await distributorsRepo.findDistributor(tx, orgId, ctx.actor.scope, d.id)) distributors.set(d.code, d.id);
    }
    const today = businessDate();
    const seen = new Set<string>();
    const outlets: (repo.OutletValues & { id: string })[] = [];
    const assignments: repo.AssignmentInsert[] = [];
    for (const { row, values } of rows) {
      const code = codeCell(report, row, values, "code");
      if (code !== null) {
        if (seen.has(code)) report.add(row, "code", "duplicateInFile", { value: code });
        else if (takenCodes.has(code)) report.add(row, "code", "codeTaken", { value: code });
        seen.add(code);
      }
      const name = requiredText(report, row, values, "name", 160);
      const nameBn = requiredText(report, row, values, "name_bn", 160);
      const ownerName = requiredText(report, row, values, "owner_name", 160);
      const phoneText = values.phone ?? "";
      const phone = phoneText === "" ? null : normalizeBdPhone(phoneText);
      if (phoneText !== "" && phone === null) report.add(row, "phone", "badPhone");
      const address = optionalText(report, row, values, "address", 500) ?? "";
      const division = optionalText(report, row, values, "division", 80);
      const district = optionalText(report, row, values, "district", 80);
      const upazila = optionalText(report, row, values, "upazila", 80);
      const lat = numberCell(report, row, values, "lat", -90, 90);
      const lng = numberCell(report, row, values, "lng", -180, 180);
      if ((lat === undefined) !== (lng === undefined)) report.add(row, "lng", "latLngPair");
      const channel = (values.channel ?? "").toLowerCase();
      if (!CHANNELS.includes(channel as Channel)) report.add(row, "channel", "badChannel");
      const klass = (values.class ?? "").toUpperCase() || "C";
      if (!OUTLET_CLASSES.includes(klass as OutletClass)) report.add(row, "class", "badClass");
      const limitTaka = numberCell(report, row, values, "credit_limit_taka", 0, 90_000_000_000_000);
      const distributorCode = values.distributor_code ?? "";
      const distributorId = distributorCode === "" ? null : (distributors.get(distributorCode) ?? null);
      if (distributorCode !== "" && distributorId === null)
        report.add(row, "distributor_code", "unknownDistributor", { value: distributorCode });
      const routeCode = values.route_code ?? "";
      const route = routeCode === "" ? null : routes.get(routeCode);
      let routeId: string | null = null;
      if (routeCode !== "") {
        if (route?.level !== "route") report.add(row, "route_code", "unknownRoute", { value: routeCode });
        else if (!territoryInScope(ctx.actor.scope, route.path))
          report.add(row, "route_code", "outOfScope", { value: routeCode });
        else routeId = route.id;
      } else if (ctx.actor.scope.kind !== "org") report.add(row, "route_code", "routeRequired");
      if (!report.ok || code === null || name === null || nameBn === null || ownerName === null) continue;
      const id = newId();
      const v = {
        code,
        name,
        name_bn: nameBn,
        owner_name: ownerName,
        phone,
        address,
        division,
        district,
        upazila,
        lat: lat ?? null,
        lng: lng ?? null,
        channel: channel as Channel,
        class: klass as OutletClass,
        credit_limit_poisha: typeof limitTaka === "number" ? Math.round(limitTaka * 100) : null,
        distributor_id: distributorId,
        route_id: routeId,
        status: "active" as const,
      };
      outlets.push({ id, ...v, search_text: outletSearchText(v) });
      if (distributorId)
        assignments.push({
          id: newId(),
          outletId: id,
          distributorId,
          routeId,
          effectiveFrom: today,
          createdBy: ctx.actor.userId,
        });
    }
    report.throwIfAny();
    if (!(await repo.insertOutlets(tx, orgId, outlets)))
      throw NetworkErrors.outletCodeTaken({
        code: outlets
          .map((o) => o.code)
          .join(", ")
          .slice(0, 200),
      });
    await repo.insertAssignments(tx, orgId, assignments);
    await recordAudit(tx, ctx, {
      entity: "outlet",
      entityId: null,
      action: "import",
      after: { count: outlets.length, codes: outlets.slice(0, 100).map((o) => o.code) },
    });
    return { imported: outlets.length };
  });
}

// --- beats and their outlets, for the field app and the field KPIs (the field module scopes the caller)

/** The outlets of these routes a rep works: active ones and pending proposals, with the route's path. */
export async function fieldOutletsOfRoutes(db: Executor, orgId: string, routeIds: readonly string[]) {
  const rows = await repo.fieldOutletsOfRoutes(db, orgId, routeIds);
  return rows.map((o) => ({ ...o, credit_limit_poisha: money(o.credit_limit_poisha) }));
}

/** Route id -> its active outlets (the outlets a beat plans). */
export async function activeOutletsByRoute(db: Executor, orgId: string, routeIds: readonly string[]) {
  const out = new Map<string, string[]>();
  for (const o of await repo.activeOutletsOfRoutes(db, orgId, [...new Set(routeIds)])) {
    if (!o.route_id) continue;
    const list = out.get(o.route_id) ?? [];
    list.push(o.id);
    out.set(o.route_id, list);
  }
  return out;
}

/**
 * Outlets that may have left a rep's beats after `since` (archived, moved, or their route changed hands), over-
 * counted rather than missed: the caller removes those still on the beats; the rest the phone drops if it has them.
 */
export const outletsLeavingRoutesOf = (
  db: Executor,
  orgId: string,
  repUserId: string,
  since: Date,
  scopePath: string | null,
) => repo.outletsLeavingRoutesOf(db, orgId, repUserId, since, scopePath);

/** Every dated owner of the open routes a rep ever owned, or of those in a subtree, up to a date. */
export async function routeOwners(db: Executor, orgId: string, filter: repo.RouteOwnerFilter) {
  const rows = await repo.routeOwners(db, orgId, filter);
  return rows.map((r) => ({ routeId: r.route_id, repUserId: r.rep_user_id, effectiveFrom: r.effective_from }));
}

/** Names of outlets by id, whatever their status. */
export async function outletNames(db: Executor, orgId: string, ids: readonly string[]) {
  const rows = await repo.outletNames(db, orgId, [...new Set(ids)]);
  return new Map(rows.map((o) => [o.id, { name: o.name, nameBn: o.name_bn }]));
}

/** For the CRM (an outlet's account page, its account row): one outlet as the API shows it, unscoped, or null. */
export async function outletById(db: Executor, orgId: string, id: string) {
  const o = await repo.findOutlet(db, orgId, { kind: "org" }, id);
  return o ? outletResponse(o) : null;
}
