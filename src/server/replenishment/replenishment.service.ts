// The replenishment API's reads and settings: the company's policy, a distributor's own lead time, demand events,
// a distributor's stock plan, one series' forecast and the backtest. Every read is limited to the distributors in
// the caller's scope (a distributor sees only itself, a manager those of their subtree).
import type { z } from "zod";
import type {
  BacktestQuery,
  BacktestResponse,
  CreateDemandEvent,
  DistributorPolicy,
  ForecastQuery,
  ForecastResponse,
  PlanQuery,
  PlanResponse,
  ReplenishmentSettings,
  UpdateDistributorPolicy,
  UpdateReplenishmentSettings,
} from "../../shared/contracts/replenishment.ts";
import { PLAN_STATUSES } from "../../shared/contracts/replenishment.ts";
import { addDays, businessDate, daysBetween } from "../../shared/format.ts";
import { newId } from "../../shared/ids.ts";
import type { Executor } from "../db/transaction.ts";
import { withTransaction } from "../db/transaction.ts";
import { AccessErrors, can } from "../platform/access.ts";
import { recordAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import { runOf } from "./demand-forecasting.ts";
import { ReplenishmentErrors } from "./replenishment.errors.ts";
import * as repo from "./replenishment.repository.ts";
import { loadPolicy, type Policy, planOf, timingOf } from "./stock-plan.ts";

function settingsOf(p: Policy): ReplenishmentSettings {
  return {
    serviceLevel: p.serviceLevel,
    reviewDays: p.reviewDays,
    leadTimeDays: p.leadTimeDays,
    maxCoverDays: p.maxCoverDays,
    nearExpiryDays: p.nearExpiryDays,
    historyDays: p.historyDays,
    autoSubmit: p.autoSubmit,
    updatedAt: p.updatedAt ? p.updatedAt.toISOString() : null,
  };
}

export async function getSettings(ctx: Ctx): Promise<ReplenishmentSettings> {
  if (!can(ctx.actor, "replenishment.read")) throw AccessErrors.forbidden();
  return settingsOf(await loadPolicy(ctx.db, ctx.actor.orgId));
}

export async function updateSettings(
  ctx: Ctx,
  input: z.infer<typeof UpdateReplenishmentSettings>,
): Promise<ReplenishmentSettings> {
  if (!can(ctx.actor, "replenishment.manage")) throw AccessErrors.forbidden();
  return withTransaction(ctx.db, async (tx) => {
    const before = settingsOf(await loadPolicy(tx, ctx.actor.orgId));
    await repo.upsertSettings(tx, ctx.actor.orgId, {
      ...(input.serviceLevel !== undefined && { service_level: String(input.serviceLevel) }),
      ...(input.reviewDays !== undefined && { review_days: input.reviewDays }),
      ...(input.leadTimeDays !== undefined && { lead_time_days: input.leadTimeDays }),
      ...(input.maxCoverDays !== undefined && { max_cover_days: input.maxCoverDays }),
      ...(input.nearExpiryDays !== undefined && { near_expiry_days: input.nearExpiryDays }),
      ...(input.historyDays !== undefined && { history_days: input.historyDays }),
      ...(input.autoSubmit !== undefined && { auto_submit: input.autoSubmit }),
      updated_by: ctx.actor.userId,
    });
    const after = settingsOf(await loadPolicy(tx, ctx.actor.orgId));
    await recordAudit(tx, ctx, {
      entity: "replenishment_settings",
      entityId: ctx.actor.orgId,
      action: "update",
      before,
      after,
    });
    return after;
  });
}

/** The distributor if it is in the caller's scope, else 404 (never a hint that it exists). */
export async function requireDistributor(db: Executor, ctx: Ctx, distributorId: string) {
  const [d] = await repo.distributorsInScope(db, ctx.actor.orgId, ctx.actor.scope, {
    ids: [distributorId],
    includeArchived: true,
  });
  if (!d) throw ReplenishmentErrors.distributorNotFound();
  return d;
}

/** The ids of the distributors the caller may see, narrowed to one when asked. */
export async function distributorIdsFor(db: Executor, ctx: Ctx, distributorId?: string): Promise<string[]> {
  if (distributorId) return [(await requireDistributor(db, ctx, distributorId)).id];
  const all = await repo.distributorsInScope(db, ctx.actor.orgId, ctx.actor.scope, { includeArchived: true });
  return all.map((d) => d.id);
}

export async function getDistributorPolicy(
  ctx: Ctx,
  distributorId: string,
): Promise<z.infer<typeof DistributorPolicy>> {
  if (!can(ctx.actor, "replenishment.read")) throw AccessErrors.forbidden();
  await requireDistributor(ctx.db, ctx, distributorId);
  return policyOf(ctx.db, ctx.actor.orgId, distributorId);
}

async function policyOf(db: Executor, orgId: string, distributorId: string) {
  const policy = await loadPolicy(db, orgId);
  const t = (await timingOf(db, orgId, policy, [distributorId])).get(distributorId);
  if (!t) throw ReplenishmentErrors.distributorNotFound();
  return {
    distributorId,
    leadTimeDays: t.ownLeadTimeDays,
    reviewDays: t.ownReviewDays,
    paused: t.paused,
    measuredLeadTimeDays: t.measuredLeadTimeDays,
    effectiveLeadTimeDays: t.leadTimeDays,
    effectiveReviewDays: t.reviewDays,
  };
}

export async function updateDistributorPolicy(
  ctx: Ctx,
  distributorId: string,
  input: z.infer<typeof UpdateDistributorPolicy>,
) {
  if (!can(ctx.actor, "replenishment.manage")) throw AccessErrors.forbidden();
  return withTransaction(ctx.db, async (tx) => {
    await requireDistributor(tx, ctx, distributorId);
    const before = await policyOf(tx, ctx.actor.orgId, distributorId);
    await repo.upsertPolicy(tx, ctx.actor.orgId, distributorId, {
      ...(input.leadTimeDays !== undefined && { lead_time_days: input.leadTimeDays }),
      ...(input.reviewDays !== undefined && { review_days: input.reviewDays }),
      ...(input.paused !== undefined && { paused: input.paused }),
    });
    const after = await policyOf(tx, ctx.actor.orgId, distributorId);
    await recordAudit(tx, ctx, {
      entity: "distributor_replenishment",
      entityId: distributorId,
      action: "update",
      before,
      after,
    });
    return after;
  });
}

// --- demand events

const eventOf = (e: { id: string; name: string; name_bn: string; starts_on: string; ends_on: string }) => ({
  id: e.id,
  name: e.name,
  nameBn: e.name_bn,
  startsOn: e.starts_on,
  endsOn: e.ends_on,
});

export async function listDemandEvents(ctx: Ctx) {
  if (!can(ctx.actor, "replenishment.read")) throw AccessErrors.forbidden();
  return (await repo.listEvents(ctx.db, ctx.actor.orgId)).map(eventOf);
}

export async function createDemandEvent(ctx: Ctx, input: z.infer<typeof CreateDemandEvent>) {
  if (!can(ctx.actor, "replenishment.manage")) throw AccessErrors.forbidden();
  return withTransaction(ctx.db, async (tx) => {
    const row = {
      org_id: ctx.actor.orgId,
      id: newId(),
      name: input.name,
      name_bn: input.nameBn,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
    };
    await repo.insertEvent(tx, row);
    const created = eventOf(row);
    await recordAudit(tx, ctx, { entity: "demand_event", entityId: row.id, action: "create", after: created });
    return created;
  });
}

export async function deleteDemandEvent(ctx: Ctx, id: string) {
  if (!can(ctx.actor, "replenishment.manage")) throw AccessErrors.forbidden();
  await withTransaction(ctx.db, async (tx) => {
    if (!(await repo.deleteEvent(tx, ctx.actor.orgId, id))) throw ReplenishmentErrors.eventNotFound();
    await recordAudit(tx, ctx, { entity: "demand_event", entityId: id, action: "delete" });
  });
}

// --- plan

export async function getPlan(ctx: Ctx, query: z.infer<typeof PlanQuery>): Promise<PlanResponse> {
  if (!can(ctx.actor, "replenishment.read")) throw AccessErrors.forbidden();
  const d = await requireDistributor(ctx.db, ctx, query.distributorId);
  const policy = await loadPolicy(ctx.db, ctx.actor.orgId);
  const timing = (await timingOf(ctx.db, ctx.actor.orgId, policy, [d.id])).get(d.id);
  if (!timing) throw ReplenishmentErrors.distributorNotFound();
  const { rows, forecastAt } = await planOf(ctx.db, ctx.actor.orgId, d.id, policy, timing);
  const counts = Object.fromEntries(PLAN_STATUSES.map((s) => [s, 0])) as PlanResponse["counts"];
  for (const r of rows) counts[r.status]++;
  const q = query.q?.toLowerCase();
  const shown = rows.filter(
    (r) =>
      (!query.status || r.status === query.status) &&
      (!q || r.skuCode.toLowerCase().includes(q) || r.skuName.toLowerCase().includes(q) || r.skuNameBn.includes(q)),
  );
  return {
    distributorId: d.id,
    distributorName: d.name,
    distributorNameBn: d.name_bn,
    leadTimeDays: timing.leadTimeDays,
    reviewDays: timing.reviewDays,
    serviceLevel: policy.serviceLevel,
    forecastAt: forecastAt ? (forecastAt as Date).toISOString() : null,
    counts,
    // Worst first: what runs out soonest leads.
    rows: shown
      .sort(
        (a, b) =>
          PLAN_STATUSES.indexOf(a.status) - PLAN_STATUSES.indexOf(b.status) ||
          (a.daysOfCover ?? Number.POSITIVE_INFINITY) - (b.daysOfCover ?? Number.POSITIVE_INFINITY) ||
          a.skuCode.localeCompare(b.skuCode),
      )
      .map(({ dailyAhead: _, ...r }) => r),
  };
}

// --- one series

export async function getForecast(ctx: Ctx, query: z.infer<typeof ForecastQuery>): Promise<ForecastResponse> {
  if (!can(ctx.actor, "replenishment.read")) throw AccessErrors.forbidden();
  const d = await requireDistributor(ctx.db, ctx, query.distributorId);
  const orgId = ctx.actor.orgId;
  const sku = await ctx.db
    .selectFrom("skus")
    .select(["id", "code", "name", "name_bn"])
    .where("org_id", "=", orgId)
    .where("id", "=", query.skuId)
    .executeTakeFirst();
  if (!sku) throw ReplenishmentErrors.skuNotFound();
  const today = businessDate();
  const f = await repo.findForecast(ctx.db, orgId, d.id, sku.id);
  const forecastFrom = f?.forecast_from ?? today;
  const historyTo = addDays(forecastFrom, -1);
  const historyFrom = addDays(historyTo, -(query.historyDays - 1));
  const daily = f?.daily.map(Number) ?? [];
  const [history, events] = await Promise.all([
    repo.dailyDemandOfSku(ctx.db, orgId, d.id, sku.id, historyFrom, historyTo),
    repo.eventsBetween(ctx.db, orgId, historyFrom, addDays(forecastFrom, daily.length)),
  ]);
  const inEvent = (day: string) => events.some((e) => e.starts_on <= day && day <= e.ends_on);
  const byDay = new Map(history.map((h) => [h.day, Number(h.qty)]));
  const days = daysBetween(historyFrom, historyTo) + 1;
  return {
    distributorId: d.id,
    skuId: sku.id,
    skuCode: sku.code,
    skuName: sku.name,
    skuNameBn: sku.name_bn,
    history: Array.from({ length: days }, (_, i) => {
      const day = addDays(historyFrom, i);
      return { day, qty: byDay.get(day) ?? 0, event: inEvent(day) };
    }),
    forecast: daily.map((qty, i) => {
      const day = addDays(forecastFrom, i);
      return { day, qty: Math.round(qty * 100) / 100, event: inEvent(day) };
    }),
    method: f?.method ?? null,
    demandKind: f?.demand_kind ?? null,
    avgDaily: f?.avg_daily ?? 0,
    sigmaDaily: f?.sigma_daily ?? 0,
    mase: f?.mase ?? null,
    naiveMase: f?.naive_mase ?? null,
    relativeMae: f?.relative_mae ?? null,
    params: (f?.params ?? {}) as Record<string, number>,
    computedAt: f ? f.computed_at.toISOString() : null,
  };
}

// --- backtest

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export async function getBacktest(ctx: Ctx, query: z.infer<typeof BacktestQuery>): Promise<BacktestResponse> {
  if (!can(ctx.actor, "replenishment.read")) throw AccessErrors.forbidden();
  const ids = await distributorIdsFor(ctx.db, ctx, query.distributorId);
  const [run, rows] = await Promise.all([
    repo.latestRun(ctx.db, ctx.actor.orgId),
    repo.forecastAccuracy(ctx.db, ctx.actor.orgId, ids, query.method),
  ]);
  const backtested = rows.filter((r) => r.relative_mae !== null);
  // Worst first: the series a planner should look at; unscored ones last.
  const sorted = [...rows].sort(
    (a, b) => (b.relative_mae ?? Number.NEGATIVE_INFINITY) - (a.relative_mae ?? Number.NEGATIVE_INFINITY),
  );
  return {
    // The org-wide run is head office's figure; others see their own medians below.
    run: run && ctx.actor.scope.kind === "org" ? runOf(run) : null,
    series: rows.length,
    backtested: backtested.length,
    medianMase: median(rows.flatMap((r) => (r.mase === null ? [] : [r.mase]))),
    medianRelativeMae: median(backtested.map((r) => r.relative_mae as number)),
    beatNaive: backtested.filter((r) => (r.relative_mae as number) < 1).length,
    items: sorted.slice(0, query.limit).map((r) => ({
      distributorId: r.distributor_id,
      distributorName: r.distributor_name,
      distributorNameBn: r.distributor_name_bn,
      skuId: r.sku_id,
      skuCode: r.sku_code,
      skuName: r.sku_name,
      skuNameBn: r.sku_name_bn,
      method: r.method,
      demandKind: r.demand_kind,
      avgDaily: Math.round(r.avg_daily * 1000) / 1000,
      mase: r.mase,
      naiveMase: r.naive_mase,
      relativeMae: r.relative_mae,
    })),
  };
}
