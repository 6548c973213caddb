// Targets (S9): setting them (by hand, by CSV, split top-down by last year's shares) and reading them with their
// achievement and run-rate. Achievement is computed from the memos on every read, never stored.
//
// Scope: an admin (and org-wide marketing) sees every target; a manager those whose subject lies in their
// subtree (a rep by their territory, a distributor by its base, an outlet by its route) and sets those; a rep
// sees only their own; a distributor its own and its outlets'.
//
// Delete: only a target of a future period is deleted (really: nothing was computed on it yet). A current or past
// target stays, because achievement and commission statements (issue 8, incentives) are computed on it; it can
// still be set to another figure, which the audit log records.
import type {
  AchievementResponse,
  SetTarget,
  SetTargetsRequest,
  SplitRequest,
  SplitResponse,
  Target,
  TargetAchievement,
  TargetMetric,
  TargetPeriodKind,
  TargetQuery,
  TargetSubjectKind,
} from "../../shared/contracts/targets.ts";
import { businessDate } from "../../shared/format.ts";
import { newId } from "../../shared/ids.ts";
import type { Executor } from "../db/transaction.ts";
import { withTransaction } from "../db/transaction.ts";
import { AccessErrors, type Actor, can } from "../platform/access.ts";
import { recordAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import { achievedBp, periodEndOf, periodStartOf, runRate, sameStartLastYear, splitByShares } from "./target-math.ts";
import { INTO_WORDS, SUBJECT_WORDS, TargetErrors } from "./targets.errors.ts";
import * as repo from "./targets.repository.ts";

// --- achievement, for other modules (incentive and commission plans, the field app, analytics)

/**
 * What one target of a subject achieved. Units by metric (see shared/contracts/targets.ts): value in poisha,
 * volume and focus_sku in base units, new_outlets a count, coverage in basis points of the subject's outlets.
 */
export interface MetricAchievement {
  targetId: string;
  metric: TargetMetric;
  /** The SKU of a focus_sku target; null otherwise. */
  skuId: string | null;
  periodKind: TargetPeriodKind;
  periodStart: string;
  periodEnd: string;
  targetValue: number;
  achieved: number;
  /** achieved / targetValue x 10000, half up; null for a zero target. */
  achievedBp: number | null;
}

/**
 * The targets of one subject for exactly this period (a month, or a quarter: periodStart..periodEnd), each with
 * what was achieved in it; one entry per metric (and per SKU for focus SKUs), none when no target was set.
 * No scope check: the caller (a service) has already decided the caller may see this subject.
 */
export async function achievementFor(
  db: Executor,
  orgId: string,
  q: { subjectKind: TargetSubjectKind; subjectId: string; periodStart: string; periodEnd: string },
): Promise<MetricAchievement[]> {
  const kind: TargetPeriodKind = periodEndOf("month", q.periodStart) === q.periodEnd ? "month" : "quarter";
  const rows = await repo.listTargets(db, orgId, {
    periodKind: kind,
    periodStart: q.periodStart,
    subjectKind: q.subjectKind,
    subjectId: q.subjectId,
  });
  const out: MetricAchievement[] = [];
  for (const t of rows) {
    const periodEnd = periodEndOf(t.period_kind, t.period_start);
    if (periodEnd !== q.periodEnd) continue;
    const achieved = await achievedOf(db, orgId, t, t.period_start, periodEnd);
    out.push({
      targetId: t.id,
      metric: t.metric,
      skuId: t.sku_id,
      periodKind: t.period_kind,
      periodStart: t.period_start,
      periodEnd,
      targetValue: t.target_value,
      achieved,
      achievedBp: achievedBp(achieved, t.target_value),
    });
  }
  return out;
}

/**
 * A subject's achieved figure for a metric over any dates, with or without a target (e.g. a commission paid on
 * value sold, or last year's figure for a split). Same units as MetricAchievement.achieved.
 */
export async function achievedFigure(
  db: Executor,
  orgId: string,
  q: {
    subjectKind: TargetSubjectKind;
    subjectId: string;
    metric: TargetMetric;
    skuId?: string | null;
    from: string;
    to: string;
  },
): Promise<number> {
  const path =
    q.subjectKind === "territory"
      ? ((await repo.findSubjects(db, orgId, "territory", { ids: [q.subjectId] }))[0]?.path ?? null)
      : null;
  return repo.achieved(db, orgId, {
    subject: { kind: q.subjectKind, id: q.subjectId, path },
    metric: q.metric,
    skuId: q.skuId ?? null,
    from: q.from,
    to: q.to,
  });
}

function achievedOf(db: Executor, orgId: string, t: repo.TargetRow, from: string, to: string) {
  return repo.achieved(db, orgId, {
    subject: { kind: t.subject_kind, id: t.subject_id, path: t.subject_kind === "territory" ? t.subject_path : null },
    metric: t.metric,
    skuId: t.sku_id,
    from,
    to,
  });
}

const BATCHED_KINDS = ["rep", "distributor", "outlet"] as const;
const BATCHED_METRICS = ["value", "volume", "focus_sku"] as const;

/**
 * The figures of the targets one query per (subject kind, metric) can give (sums of reps', distributors' and outlets'
 * memos), by target id; the others (territories, new outlets, coverage) are computed one by one.
 */
async function achievedInBatches(
  db: Executor,
  orgId: string,
  rows: readonly repo.TargetRow[],
  from: string,
  to: string,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const kind of BATCHED_KINDS)
    for (const metric of BATCHED_METRICS) {
      const group = rows.filter((t) => t.subject_kind === kind && t.metric === metric);
      if (group.length === 0) continue;
      const skuIds = [...new Set(group.flatMap((t) => (t.sku_id ? [t.sku_id] : [])))];
      const figures = await repo.achievedMany(db, orgId, {
        kind,
        ids: [...new Set(group.map((t) => t.subject_id))],
        metric,
        skuIds,
        from,
        to,
      });
      for (const t of group)
        out.set(t.id, figures.get(metric === "focus_sku" ? `${t.subject_id}|${t.sku_id}` : t.subject_id) ?? 0);
    }
  return out;
}

// --- scope
// --- scope

interface Placed {
  id: string;
  path: string | null;
  distributor_id: string | null;
}

/** May this actor see (and, with targets.manage, set) a target of this subject? */
export function subjectVisible(actor: Actor, kind: TargetSubjectKind, s: Placed): boolean {
  if (actor.role === "rep") return kind === "rep" && s.id === actor.userId;
  const scope = actor.scope;
  switch (scope.kind) {
    case "org":
      return true;
    case "territory":
      return s.path?.startsWith(scope.path) ?? false;
    case "distributor":
      return (
        (kind === "distributor" && s.id === scope.distributorId) ||
        (kind === "outlet" && s.distributor_id === scope.distributorId)
      );
    default:
      return false;
  }
}

// --- reading

function targetOf(t: repo.TargetRow): Target {
  return {
    id: t.id,
    periodKind: t.period_kind,
    periodStart: t.period_start,
    periodEnd: periodEndOf(t.period_kind, t.period_start),
    subjectKind: t.subject_kind,
    subjectId: t.subject_id,
    subjectCode: t.subject_code ?? "",
    subjectName: t.subject_name ?? "",
    subjectNameBn: t.subject_name_bn ?? "",
    metric: t.metric,
    skuId: t.sku_id,
    skuCode: t.sku_code,
    targetValue: t.target_value,
    source: t.source,
    updatedAt: t.updated_at.toISOString(),
  };
}

export async function listAchievement(ctx: Ctx, q: TargetQuery, today = businessDate()): Promise<AchievementResponse> {
  if (!can(ctx.actor, "targets.read")) throw AccessErrors.forbidden();
  const periodStart = periodStartOf(q.periodKind, q.period ?? today);
  const periodEnd = periodEndOf(q.periodKind, periodStart);
  const rows = await repo.listTargets(ctx.db, ctx.actor.orgId, {
    periodKind: q.periodKind,
    periodStart,
    subjectKind: q.subjectKind,
    subjectId: q.subjectId,
    metric: q.metric,
  });
  const visible = rows.filter((t) =>
    subjectVisible(ctx.actor, t.subject_kind, {
      id: t.subject_id,
      path: t.subject_path,
      distributor_id: t.subject_distributor_id,
    }),
  );
  const batched = await achievedInBatches(ctx.db, ctx.actor.orgId, visible, periodStart, periodEnd);
  const items: TargetAchievement[] = [];
  for (const t of visible) {
    const achieved = batched.get(t.id) ?? (await achievedOf(ctx.db, ctx.actor.orgId, t, periodStart, periodEnd));
    const rate = runRate({ metric: t.metric, achieved, target: t.target_value, periodStart, periodEnd, today });
    items.push({ ...targetOf(t), achieved, achievedBp: achievedBp(achieved, t.target_value), ...rate });
  }
  return { periodKind: q.periodKind, periodStart, periodEnd, today, items };
}

// --- setting

type TargetKey = Pick<
  repo.TargetValues,
  "period_kind" | "period_start" | "subject_kind" | "subject_id" | "metric" | "sku_id"
>;
const keyOf = (t: TargetKey) =>
  [t.period_kind, t.period_start, t.subject_kind, t.subject_id, t.metric, t.sku_id ?? ""].join("|");

/** The subjects of these kinds and ids the actor may set targets for, by id; others are missing from the map. */
async function subjectsFor(db: Executor, actor: Actor, wanted: readonly { kind: TargetSubjectKind; id: string }[]) {
  const found = new Map<string, repo.SubjectRow>();
  for (const kind of ["rep", "distributor", "territory", "outlet"] as const) {
    const ids = [...new Set(wanted.filter((w) => w.kind === kind).map((w) => w.id))];
    for (const s of await repo.findSubjects(db, actor.orgId, kind, { ids }))
      if (subjectVisible(actor, kind, s)) found.set(`${kind}|${s.id}`, s);
  }
  return found;
}

/** Upserts and audits; the rows are checked by the caller. Returns the targets as they now are. */
export async function writeTargets(tx: Executor, ctx: Ctx, rows: repo.TargetValues[]): Promise<Target[]> {
  const before = new Map((await repo.findByKeys(tx, ctx.actor.orgId, rows)).map((b) => [keyOf(b as TargetKey), b]));
  const ids = await repo.upsertTargets(tx, ctx.actor.orgId, rows);
  const after = await repo.listTargets(tx, ctx.actor.orgId, { ids });
  for (const t of after) {
    const b = before.get(keyOf(t));
    if (b && b.target_value === t.target_value && b.source === t.source) continue;
    await recordAudit(tx, ctx, {
      entity: "target",
      entityId: t.id,
      action: b ? "update" : "create",
      before: b ? { targetValue: b.target_value, source: b.source } : null,
      after: targetOf(t),
    });
  }
  return after.map(targetOf);
}

async function checkedRows(
  tx: Executor,
  ctx: Ctx,
  targets: readonly SetTarget[],
  source: repo.TargetValues["source"],
): Promise<repo.TargetValues[]> {
  const subjects = await subjectsFor(
    tx,
    ctx.actor,
    targets.map((t) => ({ kind: t.subjectKind, id: t.subjectId })),
  );
  const skuIds = [...new Set(targets.flatMap((t) => (t.skuId ? [t.skuId] : [])))];
  const skus = new Set((await repo.findSkus(tx, ctx.actor.orgId, { ids: skuIds })).map((s) => s.id));
  const seen = new Set<string>();
  return targets.map((t) => {
    if (!subjects.has(`${t.subjectKind}|${t.subjectId}`))
      throw TargetErrors.subjectNotFound({
        kind: SUBJECT_WORDS[t.subjectKind].en,
        kindBn: SUBJECT_WORDS[t.subjectKind].bn,
        subjectId: t.subjectId,
      });
    if (t.skuId && !skus.has(t.skuId)) throw TargetErrors.skuNotFound({ skuId: t.skuId });
    const row: repo.TargetValues = {
      id: newId(),
      period_kind: t.periodKind,
      period_start: t.periodStart,
      subject_kind: t.subjectKind,
      subject_id: t.subjectId,
      metric: t.metric,
      sku_id: t.skuId ?? null,
      target_value: t.targetValue,
      source,
      set_by: ctx.actor.userId,
    };
    const key = keyOf(row);
    if (seen.has(key)) throw TargetErrors.duplicateInRequest();
    seen.add(key);
    return row;
  });
}

export async function setTargets(ctx: Ctx, body: SetTargetsRequest) {
  if (!can(ctx.actor, "targets.manage")) throw AccessErrors.forbidden();
  return withTransaction(ctx.db, async (tx) => ({
    items: await writeTargets(tx, ctx, await checkedRows(tx, ctx, body.targets, "manual")),
  }));
}

export async function deleteTarget(ctx: Ctx, id: string, today = businessDate()) {
  if (!can(ctx.actor, "targets.manage")) throw AccessErrors.forbidden();
  await withTransaction(ctx.db, async (tx) => {
    const [t] = await repo.listTargets(tx, ctx.actor.orgId, { ids: [id] });
    if (
      !t ||
      !subjectVisible(ctx.actor, t.subject_kind, {
        id: t.subject_id,
        path: t.subject_path,
        distributor_id: t.subject_distributor_id,
      })
    )
      throw TargetErrors.notFound();
    if (t.period_start <= today) throw TargetErrors.notFuture();
    await repo.deleteTarget(tx, ctx.actor.orgId, id);
    await recordAudit(tx, ctx, { entity: "target", entityId: id, action: "delete", before: targetOf(t), after: null });
  });
}

// --- split

const KIND_OF_INTO = {
  territories: "territory",
  distributors: "distributor",
  reps: "rep",
  outlets: "outlet",
} as const satisfies Record<SplitRequest["into"], TargetSubjectKind>;

export async function splitTarget(ctx: Ctx, body: SplitRequest): Promise<SplitResponse> {
  if (!can(ctx.actor, "targets.manage")) throw AccessErrors.forbidden();
  return withTransaction(ctx.db, async (tx) => {
    const orgId = ctx.actor.orgId;
    const [territory] = await repo.findSubjects(tx, orgId, "territory", { ids: [body.territoryId] });
    if (!territory?.path || !subjectVisible(ctx.actor, "territory", territory))
      throw TargetErrors.subjectNotFound({ kind: SUBJECT_WORDS.territory.en, kindBn: SUBJECT_WORDS.territory.bn });
    const skuId = body.skuId ?? null;
    const [parent] = (
      await repo.listTargets(tx, orgId, {
        periodKind: body.periodKind,
        periodStart: body.periodStart,
        subjectKind: "territory",
        subjectId: territory.id,
        metric: body.metric,
      })
    ).filter((t) => t.sku_id === skuId);
    if (!parent) throw TargetErrors.parentMissing();
    const children = await repo.childrenOf(tx, orgId, { id: territory.id, path: territory.path }, body.into);
    if (children.length === 0)
      throw TargetErrors.nothingToSplitInto({ into: INTO_WORDS[body.into].en, intoBn: INTO_WORDS[body.into].bn });
    const kind = KIND_OF_INTO[body.into];
    // Year 1 has no year before it: equal parts.
    const lastFrom = sameStartLastYear(body.periodStart);
    const lastYear: number[] = [];
    for (const c of children)
      lastYear.push(
        lastFrom === null
          ? 0
          : Math.max(
              0,
              await repo.achieved(tx, orgId, {
                subject: { kind, id: c.id, path: c.path },
                metric: body.metric,
                skuId,
                from: lastFrom,
                to: periodEndOf(body.periodKind, lastFrom),
              }),
            ),
      );
    const values = splitByShares(parent.target_value, lastYear);
    const parts = children.map((c, i) => ({
      subjectKind: kind,
      subjectId: c.id,
      subjectCode: c.code,
      subjectName: c.name,
      subjectNameBn: c.name_bn,
      lastYear: lastYear[i] ?? 0,
      targetValue: values[i] ?? 0,
    }));
    if (body.apply) {
      const rows = await checkedRows(
        tx,
        ctx,
        parts.map((p) => ({
          periodKind: body.periodKind,
          periodStart: body.periodStart,
          subjectKind: kind,
          subjectId: p.subjectId,
          metric: body.metric,
          skuId,
          targetValue: p.targetValue,
        })),
        "split",
      );
      await writeTargets(tx, ctx, rows);
    }
    return {
      parentTargetValue: parent.target_value,
      basis: lastYear.some((v) => v > 0) ? "last_year" : "equal",
      parts,
      applied: body.apply,
    };
  });
}

// --- value targets in the dashboards and the field app

/** A subject's value target against what it sold, for the dashboards' and the field app's target figure. */
export interface ValueTargetFigure {
  valuePoisha: number;
  achievedPoisha: number;
  achievedBp: number | null;
  projectedPoisha: number | null;
  requiredDailyPoisha: number | null;
  status: "achieved" | "on_track" | "behind";
}

/**
 * The value target of a subject for the month (or else the quarter) that the dates `from`..`to` fall in, when they
 * start on its first day (a month or quarter so far, or whole); sales counted from..to. Null without such a target.
 */
export async function valueTargetFor(
  db: Executor,
  orgId: string,
  q: { subjectKind: TargetSubjectKind; subjectId: string; from: string; to: string; today?: string },
): Promise<ValueTargetFigure | null> {
  const today = q.today ?? businessDate();
  for (const kind of ["month", "quarter"] as const) {
    const periodStart = periodStartOf(kind, q.from);
    const periodEnd = periodEndOf(kind, periodStart);
    if (periodStart !== q.from || q.to > periodEnd) continue;
    const [t] = await repo.listTargets(db, orgId, {
      periodKind: kind,
      periodStart,
      subjectKind: q.subjectKind,
      subjectId: q.subjectId,
      metric: "value",
    });
    if (!t) continue;
    const achieved = await achievedOf(db, orgId, t, q.from, q.to);
    const rate = runRate({ metric: "value", achieved, target: t.target_value, periodStart, periodEnd, today });
    return {
      valuePoisha: t.target_value,
      achievedPoisha: achieved,
      achievedBp: achievedBp(achieved, t.target_value),
      projectedPoisha: rate.projected,
      requiredDailyPoisha: rate.requiredDaily,
      status: rate.status,
    };
  }
  return null;
}

/** The monthly value targets of territories for the month starting on `monthStart`, by territory id. */
export async function territoryValueTargets(db: Executor, orgId: string, monthStart: string) {
  const rows = await repo.listTargets(db, orgId, {
    periodKind: "month",
    periodStart: monthStart,
    subjectKind: "territory",
    metric: "value",
  });
  return new Map(rows.map((r) => [r.subject_id, r.target_value]));
}
