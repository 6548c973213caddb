// Incentive and commission plans: the plans (head office's), each person's statement per period (computed as a
// draft from the targets module's achievement figures, approved, paid) and the payout export.
//
// Who may do what (access.ts): incentives.read lets an admin see every statement, a manager those of the people
// in their subtree (by the person's territory when computed), a rep and a distributor only their own; any other
// statement is "not found". incentives.manage (admin) sets plans and computes statements. incentives.approve is
// the admin's only: approving is committing the company to a payment, which is head office's (finance's) decision;
// a manager reviews their team's statements but does not approve them.
//
// Approval recomputes the draft as of that moment and freezes the result (figures and lines stored), so nothing is
// approved on stale sales; a frozen statement is never recomputed. Its returned sales are then clawed back by a
// later statement of the same person and plan (see commission-math.ts), which on its approval records how much of
// the earlier statement's sales it clawed back, so nothing is clawed back twice.
import type { z } from "zod";
import type {
  ComputeStatements,
  MarkPaid,
  Plan,
  PlanInput,
  Statement,
  StatementExportQuery,
  StatementLine,
  StatementListQuery,
  StatementSummary,
  UpdatePlan,
} from "../../shared/contracts/incentives.ts";
import { businessDate } from "../../shared/format.ts";
import { newId } from "../../shared/ids.ts";
import type { ReportTable } from "../analytics/report-table.ts";
import type { Executor } from "../db/transaction.ts";
import { withTransaction } from "../db/transaction.ts";
import { AccessErrors, can } from "../platform/access.ts";
import { recordAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import { isPeriodStart, periodEndOf } from "../targets/target-math.ts";
import { achievedFigure, achievementFor } from "../targets/targets.service.ts";
import {
  type Bilingual,
  type CommissionSlab,
  computeStatement,
  type Gate,
  type Kicker,
  lineLabel,
  type PlanRules,
  type ReturnedSince,
} from "./commission-math.ts";
import { IncentiveErrors, PERIOD_WORDS, STATUS_WORDS } from "./incentives.errors.ts";
import * as repo from "./incentives.repository.ts";

type PlanInputT = z.infer<typeof PlanInput>;

// --- plans

function planOf(r: repo.PlanRow): Plan {
  return {
    id: r.id,
    name: r.name,
    nameBn: r.name_bn,
    appliesTo: r.applies_to,
    territoryId: r.territory_id,
    periodKind: r.period_kind,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    slabs: r.slabs as CommissionSlab[],
    gates: r.gates as Gate[],
    capPoisha: r.cap_poisha,
    kickers: r.kickers as Kicker[],
    archived: r.archived_at !== null,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

const rulesOf = (r: repo.PlanRow): PlanRules => ({
  slabs: r.slabs as CommissionSlab[],
  gates: r.gates as Gate[],
  capPoisha: r.cap_poisha,
  kickers: r.kickers as Kicker[],
});

export async function listPlans(ctx: Ctx, includeArchived: boolean): Promise<Plan[]> {
  if (!can(ctx.actor, "incentives.read")) throw AccessErrors.forbidden();
  return (await repo.listPlans(ctx.db, ctx.actor.orgId, includeArchived)).map(planOf);
}

export async function getPlan(ctx: Ctx, id: string): Promise<Plan> {
  if (!can(ctx.actor, "incentives.read")) throw AccessErrors.forbidden();
  const row = await repo.findPlan(ctx.db, ctx.actor.orgId, id);
  if (!row) throw IncentiveErrors.planNotFound();
  return planOf(row);
}

async function checkReferences(tx: Executor, orgId: string, input: PlanInputT) {
  if (input.territoryId && !(await repo.findTerritoryPath(tx, orgId, input.territoryId)))
    throw IncentiveErrors.territoryNotFound();
  const skuIds = input.kickers.map((k) => k.skuId);
  if ((await repo.findSkuNames(tx, orgId, skuIds)).length !== new Set(skuIds).size) throw IncentiveErrors.skuNotFound();
}

const planColumns = (input: PlanInputT) => ({
  name: input.name,
  name_bn: input.nameBn,
  applies_to: input.appliesTo,
  territory_id: input.territoryId,
  period_kind: input.periodKind,
  valid_from: input.validFrom,
  valid_to: input.validTo,
  slabs: JSON.stringify(input.slabs),
  gates: JSON.stringify(input.gates),
  cap_poisha: input.capPoisha,
  kickers: JSON.stringify(input.kickers),
});

export async function createPlan(ctx: Ctx, input: PlanInputT): Promise<Plan> {
  if (!can(ctx.actor, "incentives.manage")) throw AccessErrors.forbidden();
  return withTransaction(ctx.db, async (tx) => {
    await checkReferences(tx, ctx.actor.orgId, input);
    const id = newId();
    await repo.insertPlan(tx, { org_id: ctx.actor.orgId, id, ...planColumns(input), created_by: ctx.actor.userId });
    const after = planOf((await repo.findPlan(tx, ctx.actor.orgId, id)) as repo.PlanRow);
    await recordAudit(tx, ctx, { entity: "incentive_plan", entityId: id, action: "create", before: null, after });
    return after;
  });
}

export async function updatePlan(ctx: Ctx, id: string, input: z.infer<typeof UpdatePlan>): Promise<Plan> {
  if (!can(ctx.actor, "incentives.manage")) throw AccessErrors.forbidden();
  return withTransaction(ctx.db, async (tx) => {
    const row = await repo.findPlan(tx, ctx.actor.orgId, id);
    if (!row) throw IncentiveErrors.planNotFound();
    await checkReferences(tx, ctx.actor.orgId, input);
    const before = planOf(row);
    const archived =
      input.archived === undefined ? row.archived_at : input.archived ? (row.archived_at ?? new Date()) : null;
    await repo.updatePlan(tx, ctx.actor.orgId, id, { ...planColumns(input), archived_at: archived });
    const after = planOf((await repo.findPlan(tx, ctx.actor.orgId, id)) as repo.PlanRow);
    await recordAudit(tx, ctx, { entity: "incentive_plan", entityId: id, action: "update", before, after });
    return after;
  });
}

// --- statements

const toIso = (d: Date | null) => (d ? d.toISOString() : null);

function summaryOf(r: repo.StatementRow): StatementSummary {
  return {
    id: r.id,
    planId: r.plan_id,
    planName: r.plan_name,
    planNameBn: r.plan_name_bn,
    personKind: r.person_kind,
    personId: r.person_id,
    personName: r.person_name,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    status: r.status,
    netSalesPoisha: r.net_sales_poisha,
    targetPoisha: r.target_poisha,
    attainmentBp: r.attainment_bp,
    payoutPoisha: r.payout_poisha,
    carryForwardPoisha: r.carry_forward_poisha,
    approvedAt: toIso(r.approved_at),
    paidAt: toIso(r.paid_at),
    payoutReference: r.payout_reference,
  };
}

function statementOf(r: repo.StatementRow): Statement {
  return {
    ...summaryOf(r),
    coverageBp: r.coverage_bp,
    commissionPoisha: r.commission_poisha,
    kickersPoisha: r.kickers_poisha,
    capRemovedPoisha: r.cap_removed_poisha,
    clawbackPoisha: r.clawback_poisha,
    clawbackRateBp: r.clawback_rate_bp,
    gatesPassed: r.gates_passed,
    lines: r.lines as StatementLine[],
    computedAt: r.computed_at.toISOString(),
  };
}

const visibility = (ctx: Ctx): repo.StatementVisibility => ({
  scope: ctx.actor.scope,
  role: ctx.actor.role,
  userId: ctx.actor.userId,
});

export async function listStatements(
  ctx: Ctx,
  query: z.infer<typeof StatementListQuery>,
): Promise<{ items: StatementSummary[] }> {
  if (!can(ctx.actor, "incentives.read")) throw AccessErrors.forbidden();
  const rows = await repo.listStatements(ctx.db, ctx.actor.orgId, visibility(ctx), {
    periodStart: query.periodStart,
    planId: query.planId,
    status: query.status ? [query.status] : undefined,
  });
  return { items: rows.map(summaryOf) };
}

/** The statement if the caller may see it, else 404 (never a hint that it exists). */
async function visibleStatement(db: Executor, ctx: Ctx, id: string) {
  const [row] = await repo.listStatements(db, ctx.actor.orgId, visibility(ctx), { ids: [id] });
  if (!row) throw IncentiveErrors.statementNotFound();
  return row;
}

export async function getStatement(ctx: Ctx, id: string): Promise<Statement> {
  if (!can(ctx.actor, "incentives.read")) throw AccessErrors.forbidden();
  return statementOf(await visibleStatement(ctx.db, ctx, id));
}

interface Period {
  start: string;
  end: string;
}

function periodOfPlan(plan: repo.PlanRow, start: string): Period {
  if (!isPeriodStart(plan.period_kind, start)) {
    const w = PERIOD_WORDS[plan.period_kind];
    throw IncentiveErrors.periodNotAligned({ kind: w.en, kindBn: w.bn });
  }
  const end = periodEndOf(plan.period_kind, start);
  if (plan.valid_from > end || (plan.valid_to !== null && plan.valid_to < start))
    throw IncentiveErrors.periodOutsidePlan();
  if (start > businessDate()) throw IncentiveErrors.periodNotOver();
  return { start, end };
}

/**
 * One person's statement figures and lines as of now: achievement from the targets module (value, coverage,
 * focus SKUs), returns against their earlier frozen statements, and the clawback the last of them carried forward.
 */
async function computeFor(tx: Executor, orgId: string, plan: repo.PlanRow, personId: string, period: Period) {
  const kind = plan.applies_to;
  const achievements = await achievementFor(tx, orgId, {
    subjectKind: kind,
    subjectId: personId,
    periodStart: period.start,
    periodEnd: period.end,
  });
  const value = achievements.find((a) => a.metric === "value");
  const netSales =
    value?.achieved ??
    (await achievedFigure(tx, orgId, {
      subjectKind: kind,
      subjectId: personId,
      metric: "value",
      from: period.start,
      to: period.end,
    }));
  const coverage = achievements.find((a) => a.metric === "coverage");
  const focusBp: Record<string, number | null> = {};
  for (const a of achievements) if (a.metric === "focus_sku" && a.skuId) focusBp[a.skuId] = a.achievedBp;

  const frozen = await repo.frozenBefore(tx, orgId, plan.id, personId, period.start);
  const returns: ReturnedSince[] = [];
  for (const s of frozen) {
    if (s.clawback_rate_bp === 0) continue;
    const now = await achievedFigure(tx, orgId, {
      subjectKind: kind,
      subjectId: personId,
      metric: "value",
      from: s.period_start,
      to: s.period_end,
    });
    const returned = s.net_sales_poisha - now - s.clawed_sales_poisha;
    if (returned > 0)
      returns.push({
        statementId: s.id,
        periodStart: s.period_start,
        returnedPoisha: returned,
        rateBp: s.clawback_rate_bp,
      });
  }
  const result = computeStatement(
    rulesOf(plan),
    {
      netSalesPoisha: netSales,
      targetPoisha: value ? value.targetValue : null,
      coverageBp: coverage ? coverage.achievedBp : null,
      focusBp,
    },
    { returns: returns.reverse(), carriedInPoisha: frozen[0]?.carry_forward_poisha ?? 0 },
  );
  const skuNames = new Map(
    (
      await repo.findSkuNames(
        tx,
        orgId,
        (plan.kickers as Kicker[]).map((k) => k.skuId),
      )
    ).map((s): [string, Bilingual] => [s.id, { en: `${s.code} ${s.name}`, bn: `${s.code} ${s.name_bn}` }]),
  );
  const lines: StatementLine[] = result.lines.map((l) => ({
    code: l.code,
    label: lineLabel(l, l.basis.skuId ? skuNames.get(l.basis.skuId) : undefined),
    basis: l.basis,
    amountPoisha: l.amountPoisha,
  }));
  return {
    net_sales_poisha: Math.max(0, netSales),
    target_poisha: value ? value.targetValue : null,
    attainment_bp: result.attainmentBp,
    coverage_bp: coverage ? coverage.achievedBp : null,
    commission_poisha: result.commissionPoisha,
    kickers_poisha: result.kickersPoisha,
    cap_removed_poisha: result.capRemovedPoisha,
    clawback_poisha: result.clawbackPoisha,
    payout_poisha: result.payoutPoisha,
    carry_forward_poisha: result.carryForwardPoisha,
    clawback_rate_bp: result.clawbackRateBp,
    gates_passed: result.gatesPassed,
    lines: JSON.stringify(lines),
    computed_at: new Date(),
  };
}

/**
 * Compute (or recompute) the drafts of one plan's period: every active person the plan applies to who has a value
 * target for the period, or an earlier approved statement under the plan (returns and carried clawbacks follow
 * them). Approved and paid statements are left as they are.
 */
export async function computeStatements(
  ctx: Ctx,
  input: z.infer<typeof ComputeStatements>,
): Promise<{ items: StatementSummary[] }> {
  if (!can(ctx.actor, "incentives.manage")) throw AccessErrors.forbidden();
  const orgId = ctx.actor.orgId;
  return withTransaction(ctx.db, async (tx) => {
    const plan = await repo.findPlan(tx, orgId, input.planId);
    if (!plan) throw IncentiveErrors.planNotFound();
    if (plan.archived_at) throw IncentiveErrors.planArchived();
    const period = periodOfPlan(plan, input.periodStart);
    const within = plan.territory_id
      ? ((await repo.findTerritoryPath(tx, orgId, plan.territory_id))?.path ?? null)
      : null;
    const people = await repo.peopleOf(tx, orgId, plan.applies_to, within);
    const followed = new Set(await repo.peopleWithFrozen(tx, orgId, plan.id, period.start));
    const ids: string[] = [];
    for (const person of people) {
      const existing = await repo.findPersonStatement(tx, orgId, plan.id, person.id, period.start);
      if (existing && existing.status !== "draft") {
        ids.push(existing.id);
        continue;
      }
      const targets = await achievementFor(tx, orgId, {
        subjectKind: plan.applies_to,
        subjectId: person.id,
        periodStart: period.start,
        periodEnd: period.end,
      });
      if (!existing && !followed.has(person.id) && !targets.some((t) => t.metric === "value")) continue;
      const figures = await computeFor(tx, orgId, plan, person.id, period);
      const id = existing?.id ?? newId();
      if (existing) {
        await repo.updateStatement(tx, orgId, id, {
          ...figures,
          person_name: person.name,
          territory_path: person.territoryPath,
        });
      } else {
        await repo.insertStatement(tx, {
          org_id: orgId,
          id,
          plan_id: plan.id,
          person_kind: plan.applies_to,
          person_id: person.id,
          person_name: person.name,
          territory_path: person.territoryPath,
          period_start: period.start,
          period_end: period.end,
          ...figures,
        });
      }
      await recordAudit(tx, ctx, {
        entity: "incentive_statement",
        entityId: id,
        action: existing ? "recompute" : "compute",
        before: existing ? { payoutPoisha: existing.payout_poisha, netSalesPoisha: existing.net_sales_poisha } : null,
        after: { payoutPoisha: figures.payout_poisha, netSalesPoisha: figures.net_sales_poisha },
      });
      ids.push(id);
    }
    const rows = await repo.listStatements(tx, orgId, visibility(ctx), { ids });
    return { items: rows.map(summaryOf) };
  });
}

export async function approveStatement(ctx: Ctx, id: string): Promise<Statement> {
  if (!can(ctx.actor, "incentives.approve")) throw AccessErrors.forbidden();
  const orgId = ctx.actor.orgId;
  return withTransaction(ctx.db, async (tx) => {
    await visibleStatement(tx, ctx, id);
    const locked = await repo.lockStatement(tx, orgId, id);
    const row = locked && (await repo.findStatement(tx, orgId, id));
    if (!row) throw IncentiveErrors.statementNotFound();
    if (row.status !== "draft") {
      const w = STATUS_WORDS[row.status];
      throw IncentiveErrors.statementNotDraft({ status: w.en, statusBn: w.bn });
    }
    if (await repo.hasDraftBefore(tx, orgId, row.plan_id, row.person_id, row.period_start))
      throw IncentiveErrors.earlierDraft();
    const plan = (await repo.findPlan(tx, orgId, row.plan_id)) as repo.PlanRow;
    const figures = await computeFor(tx, orgId, plan, row.person_id, { start: row.period_start, end: row.period_end });
    await repo.updateStatement(tx, orgId, id, {
      ...figures,
      status: "approved",
      approved_by: ctx.actor.userId,
      approved_at: new Date(),
    });
    for (const line of JSON.parse(figures.lines) as StatementLine[])
      if (line.code === "clawback" && line.basis.statementId && line.basis.salesPoisha)
        await repo.addClawedSales(tx, orgId, line.basis.statementId, line.basis.salesPoisha);
    const after = statementOf((await repo.findStatement(tx, orgId, id)) as repo.StatementRow);
    await recordAudit(tx, ctx, {
      entity: "incentive_statement",
      entityId: id,
      action: "approve",
      before: { status: row.status, payoutPoisha: row.payout_poisha },
      after: { status: after.status, payoutPoisha: after.payoutPoisha, lines: after.lines.length },
    });
    return after;
  });
}

export async function markPaid(ctx: Ctx, id: string, input: z.infer<typeof MarkPaid>): Promise<Statement> {
  if (!can(ctx.actor, "incentives.approve")) throw AccessErrors.forbidden();
  const orgId = ctx.actor.orgId;
  return withTransaction(ctx.db, async (tx) => {
    await visibleStatement(tx, ctx, id);
    const locked = await repo.lockStatement(tx, orgId, id);
    if (!locked) throw IncentiveErrors.statementNotFound();
    if (locked.status !== "approved") {
      const w = STATUS_WORDS[locked.status];
      throw IncentiveErrors.statementNotApproved({ status: w.en, statusBn: w.bn });
    }
    await repo.updateStatement(tx, orgId, id, {
      status: "paid",
      paid_by: ctx.actor.userId,
      paid_at: new Date(),
      payout_reference: input.reference,
    });
    const after = statementOf((await repo.findStatement(tx, orgId, id)) as repo.StatementRow);
    await recordAudit(tx, ctx, {
      entity: "incentive_statement",
      entityId: id,
      action: "pay",
      before: { status: locked.status },
      after: { status: after.status, payoutReference: input.reference, payoutPoisha: after.payoutPoisha },
    });
    return after;
  });
}

// --- payout export

const EXPORT_COLUMNS: [key: string, kind: ReportTable["columns"][number]["kind"], en: string, bn: string][] = [
  ["person", "text", "Person", "ব্যক্তি"],
  ["kind", "text", "Role", "ভূমিকা"],
  ["plan", "text", "Plan", "পরিকল্পনা"],
  ["periodStart", "date", "Period from", "সময়কাল শুরু"],
  ["periodEnd", "date", "Period to", "সময়কাল শেষ"],
  ["netSales", "money", "Net sales", "নিট বিক্রি"],
  ["target", "money", "Target", "লক্ষ্য"],
  ["attainment", "basis_points", "Attainment", "অর্জন"],
  ["commission", "money", "Commission", "কমিশন"],
  ["kickers", "money", "Kickers", "কিকার"],
  ["capRemoved", "money", "Removed by cap", "সীমায় বাদ"],
  ["clawback", "money", "Clawback", "ক্লব্যাক"],
  ["payout", "money", "Payout", "প্রদেয়"],
  ["carryForward", "money", "Clawback carried forward", "পরবর্তীতে নেওয়া ক্লব্যাক"],
  ["status", "text", "Status", "অবস্থা"],
  ["reference", "text", "Payout reference", "পরিশোধের রেফারেন্স"],
];

const KIND_WORDS: Record<"rep" | "distributor", Bilingual> = {
  rep: { en: "Sales rep", bn: "বিক্রয় প্রতিনিধি" },
  distributor: { en: "Distributor", bn: "ডিস্ট্রিবিউটর" },
};

/** A period's approved and paid statements, the file finance pays from. */
export async function payoutReport(
  ctx: Ctx,
  query: Omit<z.infer<typeof StatementExportQuery>, "format">,
): Promise<ReportTable> {
  if (!can(ctx.actor, "incentives.approve")) throw AccessErrors.forbidden();
  const rows = await repo.listStatements(ctx.db, ctx.actor.orgId, visibility(ctx), {
    periodStart: query.periodStart,
    planId: query.planId,
    status: query.status ? [query.status] : ["approved", "paid"],
  });
  const l = ctx.locale;
  const bn = l === "bn";
  const total = rows.reduce((s, r) => s + r.payout_poisha, 0);
  return {
    title: bn ? `কমিশন প্রদান — ${query.periodStart}` : `Commission payout — ${query.periodStart}`,
    subtitle: bn ? "অনুমোদিত ও পরিশোধিত স্টেটমেন্ট" : "Approved and paid statements",
    locale: l,
    columns: EXPORT_COLUMNS.map(([key, kind, en, bnLabel]) => ({ key, kind, label: bn ? bnLabel : en })),
    rows: rows.map((r) => ({
      person: r.person_name,
      kind: KIND_WORDS[r.person_kind][l],
      plan: bn ? r.plan_name_bn : r.plan_name,
      periodStart: r.period_start,
      periodEnd: r.period_end,
      netSales: r.net_sales_poisha,
      target: r.target_poisha,
      attainment: r.attainment_bp,
      commission: r.commission_poisha,
      kickers: r.kickers_poisha,
      capRemoved: r.cap_removed_poisha,
      clawback: r.clawback_poisha,
      payout: r.payout_poisha,
      carryForward: r.carry_forward_poisha,
      status: STATUS_WORDS[r.status][l],
      reference: r.payout_reference,
    })),
    totals: {
      person: null,
      kind: null,
      plan: null,
      periodStart: null,
      periodEnd: null,
      netSales: null,
      target: null,
      attainment: null,
      commission: null,
      kickers: null,
      capRemoved: null,
      clawback: null,
      payout: total,
      carryForward: null,
      status: null,
      reference: null,
    },
  };
}
