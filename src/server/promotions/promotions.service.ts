// Trade promotions (S10): schemes and campaigns (head office and marketing set them up), the schemes in force for
// an order (the orders module prices memos with them), and the budgets and per-outlet caps that confirmed orders
// draw on (scheme-budget.ts).
//
// Who sees which scheme: admin and marketing every scheme; a manager the schemes whose territories meet its subtree
// (or that name no territory); a rep the same, but only active ones; a distributor the schemes that name it, or,
// naming no distributor, whose territories meet its own. Anything else is "not found".
import type {
  CampaignResponse,
  CreateCampaignRequest,
  CreateSchemeRequest,
  SchemeAction,
  SchemeListQuery,
  SchemeResponse,
  SchemeStatus,
  UpdateCampaignRequest,
  UpdateSchemeRequest,
} from "../../shared/contracts/promotions.ts";
import { businessDate } from "../../shared/format.ts";
import { newId } from "../../shared/ids.ts";
import type { SchemeDefinition, SchemeRule } from "../../shared/pricing/scheme-types.ts";
import { loadSkusForOrder } from "../catalog/catalog.service.ts";
import { type Executor, isRerun, withTransaction } from "../db/transaction.ts";
import { visibleDistributor } from "../network/distributors.service.ts";
import { getOutletForOrder, outletNames, outletVisible } from "../network/outlets.service.ts";
import { AccessErrors, type Actor, can } from "../platform/access.ts";
import { recordAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import { decodeIdCursor, encodeCursor } from "../platform/pagination.ts";
import { findTerritory } from "../platform/territories/territories.repository.ts";
import { PromotionErrors, SCHEME_ACTION_WORDS, SCHEME_STATUS_WORDS, TARGET_KIND_WORDS } from "./promotions.errors.ts";
import * as repo from "./promotions.repository.ts";
import type { SchemeLimits } from "./scheme-budget.ts";

/** The targeting as stored: the engine's shape plus the territory ids the user picked. */
export interface StoredTargeting {
  territoryIds: string[];
  territoryPaths: string[];
  channels: string[];
  outletClasses: string[];
  distributorIds: string[];
  outletIds: string[];
}

const EMPTY_TARGETING: StoredTargeting = {
  territoryIds: [],
  territoryPaths: [],
  channels: [],
  outletClasses: [],
  distributorIds: [],
  outletIds: [],
};

const targetingOf = (row: repo.SchemeRow): StoredTargeting => ({
  ...EMPTY_TARGETING,
  ...(row.targeting as Partial<StoredTargeting>),
});

const TRANSITIONS: Record<SchemeAction, { from: readonly SchemeStatus[]; to: SchemeStatus }> = {
  activate: { from: ["draft", "paused"], to: "active" },
  pause: { from: ["active"], to: "paused" },
  end: { from: ["draft", "active", "paused"], to: "ended" },
};

function actionsFor(actor: Pick<Actor, "role">, status: SchemeStatus): SchemeAction[] {
  if (!can(actor, "promotions.manage")) return [];
  return (Object.keys(TRANSITIONS) as SchemeAction[]).filter((a) => TRANSITIONS[a].from.includes(status));
}

export function schemeResponse(
  row: repo.SchemeRow,
  actor: Pick<Actor, "role">,
  grantCost?: ReadonlyMap<string, number>,
): SchemeResponse {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    nameBn: row.name_bn,
    campaignId: row.campaign_id,
    facing: row.facing,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    priority: row.priority,
    stacking: row.stacking,
    claimable: row.claimable,
    status: row.status,
    targeting: targetingOf(row),
    rule: row.rule as SchemeRule,
    budgetPoisha: row.budget_poisha,
    // Without a budget the row keeps no running spend (scheme-budget.ts): the grants say it.
    spentPoisha: row.budget_poisha === null ? (grantCost?.get(row.id) ?? 0) : row.spent_poisha,
    perOutletCapPoisha: row.per_outlet_cap_poisha,
    notes: row.notes,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    actions: actionsFor(actor, row.status),
  };
}

/** What the pure engine reads (shared/pricing/scheme-types.ts). */
export function schemeDefinition(row: repo.SchemeRow): SchemeDefinition {
  const t = targetingOf(row);
  return {
    id: row.id,
    code: row.code,
    name: { en: row.name, bn: row.name_bn },
    facing: row.facing,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    priority: row.priority,
    stacking: row.stacking,
    targeting: {
      territoryPaths: t.territoryPaths,
      channels: t.channels,
      outletClasses: t.outletClasses,
      distributorIds: t.distributorIds,
      outletIds: t.outletIds,
    },
    rule: row.rule as SchemeRule,
  };
}

// --- scope

const pathsMeet = (paths: readonly string[], path: string) =>
  paths.length === 0 || paths.some((p) => p.startsWith(path) || path.startsWith(p));

/** A function telling whether the caller may see a scheme (see the top of this file). */
async function schemeViewer(db: Executor, ctx: Ctx): Promise<(row: repo.SchemeRow) => boolean> {
  if (!can(ctx.actor, "promotions.read")) throw AccessErrors.forbidden();
  const s = ctx.actor.scope;
  if (s.kind === "org") return () => true;
  if (s.kind === "territory") {
    const activeOnly = ctx.actor.role === "rep";
    return (row) => (!activeOnly || row.status === "active") && pathsMeet(targetingOf(row).territoryPaths, s.path);
  }
  if (s.kind === "distributor") {
    const d = await visibleDistributor(db, ctx, s.distributorId);
    const path = d?.territory_path ?? null;
    return (row) => {
      const t = targetingOf(row);
      if (row.status === "draft") return false;
      if (t.distributorIds.length > 0) return t.distributorIds.includes(s.distributorId);
      return path !== null && pathsMeet(t.territoryPaths, path);
    };
  }
  return () => false;
}

async function visibleScheme(db: Executor, ctx: Ctx, id: string, lock = false) {
  const see = await schemeViewer(db, ctx);
  const row = await repo.findScheme(db, ctx.actor.orgId, id, lock);
  if (!row || !see(row)) throw PromotionErrors.schemeNotFound();
  return row;
}

function requireManage(ctx: Ctx) {
  if (!can(ctx.actor, "promotions.manage")) throw AccessErrors.forbidden();
}

// --- validation against the org's data (the contract checked the shape)

function skusOfRule(rule: SchemeRule): string[] {
  const benefitSkus = (b: { type: string; skuId?: string }) => (b.type === "free_goods" && b.skuId ? [b.skuId] : []);
  if (rule.kind === "slab") return [...rule.skuIds, ...rule.slabs.flatMap((s) => benefitSkus(s.benefit))];
  return [...rule.components.map((c) => c.skuId), ...benefitSkus(rule.benefit)];
}

async function checkSkus(tx: Executor, orgId: string, rule: SchemeRule) {
  const ids = [...new Set(skusOfRule(rule))];
  if (ids.length === 0) return;
  const skus = await loadSkusForOrder(tx, orgId, ids);
  for (const id of ids) {
    const sku = skus.get(id);
    if (!sku || sku.archived_at) throw PromotionErrors.skuUnknown({ skuId: id });
  }
}

const unknownTarget = (kind: keyof typeof TARGET_KIND_WORDS, id: string) =>
  PromotionErrors.targetUnknown({ kind: TARGET_KIND_WORDS[kind].en, kindBn: TARGET_KIND_WORDS[kind].bn, id });

async function resolveTargeting(
  tx: Executor,
  ctx: Ctx,
  input: NonNullable<CreateSchemeRequest["targeting"]>,
): Promise<StoredTargeting> {
  const orgId = ctx.actor.orgId;
  const territoryIds = [...new Set(input.territoryIds)];
  const territoryPaths: string[] = [];
  for (const id of territoryIds) {
    const t = await findTerritory(tx, orgId, id);
    if (!t) throw unknownTarget("territory", id);
    territoryPaths.push(t.path);
  }
  const distributorIds = [...new Set(input.distributorIds)];
  for (const id of distributorIds) if (!(await visibleDistributor(tx, ctx, id))) throw unknownTarget("distributor", id);
  const outletIds = [...new Set(input.outletIds)];
  if (outletIds.length > 0) {
    const known = await outletNames(tx, orgId, outletIds);
    const missing = outletIds.find((id) => !known.has(id));
    if (missing) throw unknownTarget("outlet", missing);
  }
  return {
    territoryIds,
    territoryPaths,
    channels: [...new Set(input.channels)],
    outletClasses: [...new Set(input.outletClasses)],
    distributorIds,
    outletIds,
  };
}

async function checkCampaign(tx: Executor, orgId: string, campaignId: string | null | undefined) {
  if (campaignId && !(await repo.findCampaign(tx, orgId, campaignId))) throw PromotionErrors.campaignNotFound();
}

const auditScheme = (r: SchemeResponse) => ({
  code: r.code,
  name: r.name,
  status: r.status,
  facing: r.facing,
  validFrom: r.validFrom,
  validTo: r.validTo,
  priority: r.priority,
  stacking: r.stacking,
  claimable: r.claimable,
  targeting: r.targeting,
  rule: r.rule,
  budgetPoisha: r.budgetPoisha,
  perOutletCapPoisha: r.perOutletCapPoisha,
  campaignId: r.campaignId,
});

// --- schemes: use cases

export async function listSchemes(ctx: Ctx, query: SchemeListQuery) {
  const see = await schemeViewer(ctx.db, ctx);
  const rows = await repo.listSchemes(ctx.db, ctx.actor.orgId, {
    status: query.status,
    campaignId: query.campaignId,
    facing: query.facing,
    q: query.q,
    before: query.cursor ? decodeIdCursor(query.cursor) : undefined,
  });
  const visible = rows.filter(see);
  const page = visible.slice(0, query.limit);
  const last = page.at(-1);
  const cost = await repo.grantCostBySchemes(
    ctx.db,
    ctx.actor.orgId,
    page.filter((r) => r.budget_poisha === null).map((r) => r.id),
  );
  return {
    items: page.map((r) => schemeResponse(r, ctx.actor, cost)),
    nextCursor: visible.length > query.limit && last ? encodeCursor([last.id]) : null,
  };
}

export async function getScheme(ctx: Ctx, id: string) {
  const row = await visibleScheme(ctx.db, ctx, id);
  return schemeResponse(row, ctx.actor, await repo.grantCostBySchemes(ctx.db, ctx.actor.orgId, [id]));
}

export async function createScheme(ctx: Ctx, input: CreateSchemeRequest) {
  requireManage(ctx);
  const { orgId } = ctx.actor;
  return schemeWrite(orgId, () =>
    withTransaction(ctx.db, async (tx) => {
      if (input.facing === "primary" && (input.budgetPoisha != null || input.perOutletCapPoisha != null))
        throw PromotionErrors.primaryLimits();
      await checkCampaign(tx, orgId, input.campaignId);
      await checkSkus(tx, orgId, input.rule);
      const targeting = await resolveTargeting(tx, ctx, input.targeting);
      const id = newId();
      const inserted = await repo.insertScheme(tx, {
        org_id: orgId,
        id,
        code: input.code,
        name: input.name,
        name_bn: input.nameBn,
        campaign_id: input.campaignId ?? null,
        facing: input.facing,
        valid_from: input.validFrom,
        valid_to: input.validTo,
        priority: input.priority,
        stacking: input.stacking,
        claimable: input.claimable,
        targeting: JSON.stringify(targeting),
        rule: JSON.stringify(input.rule),
        budget_poisha: input.budgetPoisha ?? null,
        per_outlet_cap_poisha: input.perOutletCapPoisha ?? null,
        notes: input.notes ?? null,
        created_by: ctx.actor.userId,
      });
      if (!inserted) throw PromotionErrors.codeTaken({ code: input.code });
      const created = schemeResponse(await mustScheme(tx, orgId, id), ctx.actor);
      await recordAudit(tx, ctx, {
        entity: "promo_scheme",
        entityId: id,
        action: "create",
        after: auditScheme(created),
      });
      return created;
    }),
  );
}

async function mustScheme(tx: Executor, orgId: string, id: string) {
  const row = await repo.findScheme(tx, orgId, id);
  if (!row) throw PromotionErrors.schemeNotFound();
  return row;
}

export async function updateScheme(ctx: Ctx, id: string, input: UpdateSchemeRequest) {
  requireManage(ctx);
  const { orgId } = ctx.actor;
  return schemeWrite(orgId, () =>
    withTransaction(ctx.db, async (tx) => {
      const row = await visibleScheme(tx, ctx, id, true);
      if (row.status === "ended") throw PromotionErrors.ended();
      if (row.facing === "primary" && (input.budgetPoisha != null || input.perOutletCapPoisha != null))
        throw PromotionErrors.primaryLimits();
      const before = schemeResponse(row, ctx.actor);
      const validFrom = input.validFrom ?? row.valid_from;
      const validTo = input.validTo ?? row.valid_to;
      if (validTo < validFrom) throw PromotionErrors.periodInvalid();
      if (input.campaignId !== undefined) await checkCampaign(tx, orgId, input.campaignId);
      if (input.rule) await checkSkus(tx, orgId, input.rule);
      const targeting = input.targeting ? await resolveTargeting(tx, ctx, input.targeting) : undefined;
      // A scheme keeps a running spend only while it has a budget (scheme-budget.ts): a budget set now starts from
      // what its active grants already cost.
      const newBudget = input.budgetPoisha;
      const spent =
        newBudget != null && row.budget_poisha === null
          ? (await repo.grantTotals(tx, orgId, [id])).cost
          : row.spent_poisha;
      if (newBudget != null && newBudget < spent) throw PromotionErrors.budgetBelowSpent({ spent });
      // ... and they count against it from now on (a cancelled order's grant gives its cost back).
      if (newBudget != null && row.budget_poisha === null) await repo.chargeActiveGrantsToBudget(tx, orgId, id);
      // Likewise a per-outlet cap set now starts from what each outlet was already given.
      if (input.perOutletCapPoisha != null && row.per_outlet_cap_poisha === null)
        await repo.countActiveGrantsInOutletUsage(tx, orgId, id);
      await repo.updateScheme(tx, orgId, id, {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.nameBn !== undefined && { name_bn: input.nameBn }),
        ...(input.campaignId !== undefined && { campaign_id: input.campaignId }),
        valid_from: validFrom,
        valid_to: validTo,
        ...(input.priority !== undefined && { priority: input.priority }),
        ...(input.stacking !== undefined && { stacking: input.stacking }),
        ...(input.claimable !== undefined && { claimable: input.claimable }),
        ...(targeting && { targeting: JSON.stringify(targeting) }),
        ...(input.rule && { rule: JSON.stringify(input.rule) }),
        ...(input.budgetPoisha !== undefined && { budget_poisha: input.budgetPoisha, spent_poisha: spent }),
        ...(input.perOutletCapPoisha !== undefined && { per_outlet_cap_poisha: input.perOutletCapPoisha }),
        ...(input.notes !== undefined && { notes: input.notes }),
      });
      const after = schemeResponse(
        await mustScheme(tx, orgId, id),
        ctx.actor,
        await repo.grantCostBySchemes(tx, orgId, [id]),
      );
      await recordAudit(tx, ctx, {
        entity: "promo_scheme",
        entityId: id,
        action: "update",
        before: auditScheme(before),
        after: auditScheme(after),
      });
      return after;
    }),
  );
}

export async function transitionScheme(ctx: Ctx, id: string, action: SchemeAction) {
  requireManage(ctx);
  const { orgId } = ctx.actor;
  return schemeWrite(orgId, () =>
    withTransaction(ctx.db, async (tx) => {
      const row = await visibleScheme(tx, ctx, id, true);
      const rule = TRANSITIONS[action];
      if (!rule.from.includes(row.status))
        throw PromotionErrors.illegalTransition({
          status: SCHEME_STATUS_WORDS[row.status].en,
          statusBn: SCHEME_STATUS_WORDS[row.status].bn,
          action: SCHEME_ACTION_WORDS[action].en,
          actionBn: SCHEME_ACTION_WORDS[action].bn,
        });
      const before = schemeResponse(row, ctx.actor);
      await repo.updateScheme(tx, orgId, id, { status: rule.to });
      const after = schemeResponse(
        await mustScheme(tx, orgId, id),
        ctx.actor,
        await repo.grantCostBySchemes(tx, orgId, [id]),
      );
      await recordAudit(tx, ctx, {
        entity: "promo_scheme",
        entityId: id,
        action,
        before: { status: before.status },
        after: { status: after.status },
      });
      return after;
    }),
  );
}

// --- the schemes in force (for pricing, the field app and the order-entry screen)

export interface OutletForSchemes {
  id: string;
  distributorId: string | null;
  channel: string;
  outletClass: string;
  territoryPath: string | null;
}

/** Does the targeting name this outlet? The engine decides the same (and says why not); this only filters. */
export function targetsOutlet(t: SchemeDefinition["targeting"], o: OutletForSchemes): boolean {
  const path = o.territoryPath ?? "";
  if (t.territoryPaths.length > 0 && !t.territoryPaths.some((p) => path.startsWith(p))) return false;
  if (t.channels.length > 0 && !t.channels.includes(o.channel)) return false;
  if (t.outletClasses.length > 0 && !t.outletClasses.includes(o.outletClass)) return false;
  if (t.distributorIds.length > 0 && !(o.distributorId && t.distributorIds.includes(o.distributorId))) return false;
  if (t.outletIds.length > 0 && !t.outletIds.includes(o.id)) return false;
  return true;
}

export interface SchemesInForce {
  schemes: SchemeDefinition[];
  /** Schemes whose budget is used up (nothing more fits). */
  exhausted: Set<string>;
  /** Budget, its spend as read and per-outlet cap of each, for reserving on confirmation (scheme-budget.ts). */
  limits: Map<string, SchemeLimits>;
  /** Codes by id, for the memo's labels. */
  codes: Map<string, string>;
}

/**
 * Every order reads the schemes in force, and they change rarely: each app process keeps them per organisation, facing
 * and date for a few seconds, and forgets an organisation's at once when a scheme of it is written here (another
 * process sees the change within SCHEME_CACHE_MS). The budgets' spend in them may lag as long: a confirmation checks
 * against it, and its commit is the authority (scheme-budget.ts); a transaction run again because its commit found a
 * budget used up reads them afresh.
 */
const SCHEME_CACHE_MS = 5_000;
const schemeCache = new Map<string, { at: number; value: SchemesInForce }>();

export function forgetSchemes(orgId: string) {
  for (const key of schemeCache.keys()) if (key.startsWith(`${orgId}|`)) schemeCache.delete(key);
}

/** Runs a scheme write and forgets the org's cached schemes before and after it commits. */
async function schemeWrite<T>(orgId: string, write: () => Promise<T>): Promise<T> {
  forgetSchemes(orgId);
  try {
    return await write();
  } finally {
    forgetSchemes(orgId);
  }
}

/** Every active scheme of this facing whose period holds the date, as the engine reads them (read-only). */
export async function schemesInForce(
  db: Executor,
  orgId: string,
  at: { facing: "secondary" | "primary"; date: string },
): Promise<SchemesInForce> {
  const key = `${orgId}|${at.facing}|${at.date}`;
  const hit = schemeCache.get(key);
  if (hit && Date.now() - hit.at < SCHEME_CACHE_MS && !isRerun(db)) return hit.value;
  const value = await loadSchemesInForce(db, orgId, at);
  if (schemeCache.size > 1000) schemeCache.clear();
  schemeCache.set(key, { at: Date.now(), value });
  return value;
}

async function loadSchemesInForce(
  db: Executor,
  orgId: string,
  at: { facing: "secondary" | "primary"; date: string },
): Promise<SchemesInForce> {
  const rows = await repo.schemesInForce(db, orgId, at.facing, at.date);
  return {
    schemes: rows.map(schemeDefinition),
    exhausted: new Set(
      rows.filter((r) => r.budget_poisha !== null && r.spent_poisha >= r.budget_poisha).map((r) => r.id),
    ),
    limits: new Map(
      rows.map((r) => [
        r.id,
        { budgetPoisha: r.budget_poisha, spentPoisha: r.spent_poisha, perOutletCapPoisha: r.per_outlet_cap_poisha },
      ]),
    ),
    codes: new Map(rows.map((r) => [r.id, r.code])),
  };
}

export interface DistributorForSchemes {
  id: string;
  territoryPath: string;
}

/**
 * The distributor-facing (primary) schemes in force that target this distributor, for pricing its order to the
 * company. Only the territory and distributor lists decide; the outlet lists (channel, class, outlet) do not apply
 * to a distributor's order and are cleared, so the engine does not read them. Primary schemes carry no budget or
 * per-outlet cap (createScheme refuses them), so nothing is reserved for them.
 */
export async function primarySchemesFor(
  db: Executor,
  orgId: string,
  distributor: DistributorForSchemes,
  date: string,
): Promise<SchemesInForce> {
  const inForce = await schemesInForce(db, orgId, { facing: "primary", date });
  const path = distributor.territoryPath.endsWith("/") ? distributor.territoryPath : `${distributor.territoryPath}/`;
  const schemes = inForce.schemes
    .filter(({ targeting: t }) => {
      if (t.territoryPaths.length > 0 && !t.territoryPaths.some((p) => path.startsWith(p.endsWith("/") ? p : `${p}/`)))
        return false;
      return t.distributorIds.length === 0 || t.distributorIds.includes(distributor.id);
    })
    .map((s) => ({ ...s, targeting: { ...s.targeting, channels: [], outletClasses: [], outletIds: [] } }));
  return { ...inForce, schemes };
}

/** The SKUs these schemes may give free (their prices are looked up with the memo's). */
export function freeGoodsSkuIds(schemes: readonly SchemeDefinition[]): string[] {
  const ids = new Set<string>();
  for (const s of schemes) {
    const benefits = s.rule.kind === "slab" ? s.rule.slabs.map((x) => x.benefit) : [s.rule.benefit];
    for (const b of benefits) if (b.type === "free_goods") ids.add(b.skuId);
  }
  return [...ids];
}

/** Of these schemes, those whose per-outlet cap the outlet has reached. */
export async function outletCappedSchemes(db: Executor, orgId: string, outletId: string, schemeIds: string[]) {
  return new Set(await repo.cappedForOutlet(db, orgId, outletId, schemeIds));
}

/** The capped schemes in force that this outlet has used up. */
export function cappedInForce(db: Executor, orgId: string, outletId: string, inForce: SchemesInForce) {
  const capped = [...inForce.limits].filter(([, l]) => l.perOutletCapPoisha !== null).map(([id]) => id);
  return outletCappedSchemes(db, orgId, outletId, capped);
}

/** For the field snapshot: the outlet-facing schemes in force on a date, with those whose budget is used up. */
export async function schemesForSnapshot(db: Executor, orgId: string, date: string) {
  const { schemes, exhausted } = await schemesInForce(db, orgId, { facing: "secondary", date });
  return { schemes, exhausted: [...exhausted] };
}

/** The outlet as the engine's targeting sees it, if the caller may see the outlet. */
export async function outletForSchemes(db: Executor, ctx: Ctx, outletId: string): Promise<OutletForSchemes> {
  const o = await getOutletForOrder(db, ctx.actor.orgId, outletId);
  if (!o || !outletVisible(ctx, o)) throw PromotionErrors.outletNotFound();
  return {
    id: o.id,
    distributorId: o.distributor_id,
    channel: o.channel,
    outletClass: o.class,
    territoryPath: o.route_path,
  };
}

/**
 * The order-entry screen's and the retailer's shop's copy: the schemes that target this outlet, with the ones it
 * cannot have any more. The outlet must be in the caller's scope (a retailer: its own).
 */
export async function inForceForOutlet(ctx: Ctx, query: { outletId: string; date?: string | undefined }) {
  if (!can(ctx.actor, "promotions.offers")) throw AccessErrors.forbidden();
  const outlet = await outletForSchemes(ctx.db, ctx, query.outletId);
  const day = query.date ?? businessDate();
  const { schemes, exhausted } = await schemesInForce(ctx.db, ctx.actor.orgId, { facing: "secondary", date: day });
  const mine = schemes.filter((s) => targetsOutlet(s.targeting, outlet));
  const ids = mine.map((s) => s.id);
  const capped = await outletCappedSchemes(ctx.db, ctx.actor.orgId, outlet.id, ids);
  return {
    date: day,
    schemes: mine,
    exhausted: ids.filter((id) => exhausted.has(id)),
    outletCapped: ids.filter((id) => capped.has(id)),
  };
}

// --- campaigns

function campaignResponse(row: NonNullable<Awaited<ReturnType<typeof repo.findCampaign>>>, schemeIds: string[]) {
  return {
    id: row.id,
    name: row.name,
    nameBn: row.name_bn,
    objective: row.objective,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    budgetPoisha: row.budget_poisha,
    status: row.status,
    notes: row.notes,
    schemeIds,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  } satisfies CampaignResponse;
}

function requireCampaignRead(ctx: Ctx) {
  // Campaigns are head office's planning: their figures span the market.
  if (!can(ctx.actor, "promotions.manage")) throw AccessErrors.forbidden();
}

export async function listCampaigns(
  ctx: Ctx,
  query: { status?: "draft" | "active" | "ended" | undefined; cursor?: string | undefined; limit: number },
) {
  requireCampaignRead(ctx);
  const rows = await repo.listCampaigns(ctx.db, ctx.actor.orgId, {
    status: query.status,
    before: query.cursor ? decodeIdCursor(query.cursor) : undefined,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const schemes = await repo.schemeIdsOfCampaigns(
    ctx.db,
    ctx.actor.orgId,
    page.map((r) => r.id),
  );
  const last = page.at(-1);
  return {
    items: page.map((r) =>
      campaignResponse(
        r,
        schemes.filter((s) => s.campaign_id === r.id).map((s) => s.id),
      ),
    ),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.id]) : null,
  };
}

export async function findCampaignOrThrow(db: Executor, orgId: string, id: string) {
  const row = await repo.findCampaign(db, orgId, id);
  if (!row) throw PromotionErrors.campaignNotFound();
  return row;
}

async function campaignDetail(db: Executor, orgId: string, id: string) {
  const row = await findCampaignOrThrow(db, orgId, id);
  const schemes = await repo.schemeIdsOfCampaigns(db, orgId, [id]);
  return campaignResponse(
    row,
    schemes.map((s) => s.id),
  );
}

export async function getCampaign(ctx: Ctx, id: string) {
  requireCampaignRead(ctx);
  return campaignDetail(ctx.db, ctx.actor.orgId, id);
}

export async function createCampaign(ctx: Ctx, input: CreateCampaignRequest) {
  requireManage(ctx);
  const { orgId } = ctx.actor;
  return withTransaction(ctx.db, async (tx) => {
    const id = newId();
    await repo.insertCampaign(tx, {
      org_id: orgId,
      id,
      name: input.name,
      name_bn: input.nameBn,
      objective: input.objective,
      valid_from: input.validFrom,
      valid_to: input.validTo,
      budget_poisha: input.budgetPoisha ?? null,
      notes: input.notes ?? null,
      created_by: ctx.actor.userId,
    });
    const created = await campaignDetail(tx, orgId, id);
    await recordAudit(tx, ctx, { entity: "promo_campaign", entityId: id, action: "create", after: created });
    return created;
  });
}

export async function updateCampaign(ctx: Ctx, id: string, input: UpdateCampaignRequest) {
  requireManage(ctx);
  const { orgId } = ctx.actor;
  return withTransaction(ctx.db, async (tx) => {
    const before = await campaignDetail(tx, orgId, id);
    const validFrom = input.validFrom ?? before.validFrom;
    const validTo = input.validTo ?? before.validTo;
    if (validTo < validFrom) throw PromotionErrors.periodInvalid();
    await repo.updateCampaign(tx, orgId, id, {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.nameBn !== undefined && { name_bn: input.nameBn }),
      ...(input.objective !== undefined && { objective: input.objective }),
      valid_from: validFrom,
      valid_to: validTo,
      ...(input.budgetPoisha !== undefined && { budget_poisha: input.budgetPoisha }),
      ...(input.notes !== undefined && { notes: input.notes }),
      ...(input.status !== undefined && { status: input.status }),
    });
    const after = await campaignDetail(tx, orgId, id);
    await recordAudit(tx, ctx, { entity: "promo_campaign", entityId: id, action: "update", before, after });
    return after;
  });
}
