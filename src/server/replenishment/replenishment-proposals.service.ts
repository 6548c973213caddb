// Proposed primary orders (S5): each morning, after the forecast, every active distributor whose stock position
// has fallen to its reorder point gets a proposal that brings it up to its order-up-to level in whole cases. A
// person approves it in one click (it becomes a submitted primary order, priced like any other) or dismisses it;
// when the company chooses auto-submit, the job submits it itself. A newer proposal replaces an open one.
import type { z } from "zod";
import type {
  ApproveProposal,
  DismissProposal,
  ProposalQuery,
  ProposalResponse,
  ProposalSummary,
} from "../../shared/contracts/replenishment.ts";
import { businessDate, formatMoney } from "../../shared/format.ts";
import { newId } from "../../shared/ids.ts";
import { resolvePrices } from "../catalog/catalog.service.ts";
import type { Db, Executor } from "../db/transaction.ts";
import { withTransaction } from "../db/transaction.ts";
import { createPrimaryOrder } from "../inventory/primary-orders.service.ts";
import { AccessErrors, can } from "../platform/access.ts";
import { recordAudit } from "../platform/audit/audit.service.ts";
import { type Ctx, systemCtx } from "../platform/context.ts";
import { notify } from "../platform/notifications/notifications.service.ts";
import { PROPOSAL_STATUS_WORDS, ReplenishmentErrors } from "./replenishment.errors.ts";
import * as repo from "./replenishment.repository.ts";
import { distributorIdsFor, requireDistributor } from "./replenishment.service.ts";
import {
  COVER_WINDOW_DAYS,
  coverDays,
  type DistributorTiming,
  forecastFrom,
  loadPolicy,
  type Policy,
  planOf,
  timingOf,
} from "./stock-plan.ts";

type ProposalRow = NonNullable<Awaited<ReturnType<typeof repo.findProposal>>>;

function summaryOf(p: ProposalRow): ProposalSummary {
  return {
    id: p.id,
    distributorId: p.distributor_id,
    distributorName: p.distributor_name,
    distributorNameBn: p.distributor_name_bn,
    proposedOn: p.proposed_on,
    status: p.status,
    lineCount: p.line_count,
    totalPoisha: Number(p.total_poisha),
    primaryOrderId: p.primary_order_id,
    primaryOrderNumber: p.primary_order_number ?? null,
    decidedAt: p.decided_at ? p.decided_at.toISOString() : null,
    decisionNote: p.decision_note,
  };
}

export interface GenerateResult {
  proposed: number;
  submitted: number;
  unchanged: number;
  skipped: { distributorId: string; reason: string }[];
}

export const PROPOSAL_KIND = "replenishment.proposal";

/**
 * Proposes for each of these distributors (all active, unpaused ones of the org when none are named) from its plan
 * as of now. Each distributor in its own transaction: one that
 * fails (a price missing, say) does not stop the others.
 */
export async function generateProposals(
  db: Db,
  orgId: string,
  opts: { distributorIds?: readonly string[]; today?: string } = {},
): Promise<GenerateResult> {
  const today = opts.today ?? businessDate();
  const policy = await loadPolicy(db, orgId);
  const distributors = await repo.distributorsInScope(
    db,
    orgId,
    { kind: "org" },
    opts.distributorIds ? { ids: opts.distributorIds } : {},
  );
  const timings = await timingOf(
    db,
    orgId,
    policy,
    distributors.map((d) => d.id),
  );
  const result: GenerateResult = { proposed: 0, submitted: 0, unchanged: 0, skipped: [] };
  for (const d of distributors) {
    const timing = timings.get(d.id);
    if (!timing || timing.paused) {
      result.skipped.push({ distributorId: d.id, reason: "paused" });
      continue;
    }
    try {
      const outcome = await proposeFor(db, orgId, d, policy, timing, today);
      result[outcome]++;
    } catch (err) {
      result.skipped.push({ distributorId: d.id, reason: err instanceof Error ? err.message : String(err) });
    }
  }
  return result;
}

async function proposeFor(
  db: Db,
  orgId: string,
  d: repo.DistributorRow,
  policy: Policy,
  timing: DistributorTiming,
  today: string,
): Promise<"proposed" | "submitted" | "unchanged"> {
  return withTransaction(db, async (tx) => {
    const open = await repo.findOpenProposal(tx, orgId, d.id, true);
    const { rows } = await planOf(tx, orgId, d.id, policy, timing, today);
    const wanted = rows.filter((r) => r.proposedQty > 0);
    const prices = await resolvePrices(tx, orgId, {
      skuIds: wanted.map((r) => r.skuId),
      date: today,
      channel: null,
      tier: null,
      territoryPath: d.territory_path,
      distributorId: d.id,
    });
    // A SKU without a distributor price cannot be ordered; it stays in the plan (and its alerts) for a person.
    const lines = wanted.flatMap((r) => {
      const price = prices.get(r.skuId);
      if (!price) return [];
      return [
        {
          sku_id: r.skuId,
          qty: r.proposedQty,
          unit: r.unit,
          unit_factor: r.unitFactor,
          unit_price_poisha: price.distributorPricePoisha,
          on_hand: r.onHand,
          reserved: r.reserved,
          on_order: r.onOrder,
          avg_daily: r.avgDaily,
          safety_stock: r.safetyStock,
          reorder_point: r.reorderPoint,
          order_up_to: r.orderUpTo,
          days_of_cover: r.daysOfCover,
          lead_time_days: timing.leadTimeDays,
        },
      ];
    });
    if (open) {
      await repo.updateProposal(tx, orgId, open.id, {
        status: "superseded",
        decided_at: new Date(),
        decided_by: null,
      });
    }
    if (lines.length === 0) return "unchanged";
    const id = newId();
    const total = lines.reduce((s, l) => s + l.qty * l.unit_price_poisha, 0);
    await repo.insertProposal(
      tx,
      {
        org_id: orgId,
        id,
        distributor_id: d.id,
        proposed_on: today,
        status: "open",
        line_count: lines.length,
        total_poisha: total,
      },
      lines,
    );
    if (policy.autoSubmit) {
      // Auto-submission is the company's standing decision, so the system places the order, whoever ran the job.
      const order = await createPrimaryOrder(
        { ...systemCtx(db, orgId), db: tx },
        {
          distributorId: d.id,
          lines: lines.map((l) => ({ skuId: l.sku_id, qty: Math.round(l.qty / l.unit_factor), unit: l.unit })),
          submit: true,
          note: `auto: replenishment proposal of ${today}`,
        },
      );
      await repo.updateProposal(tx, orgId, id, {
        status: "approved",
        primary_order_id: order.id,
        decided_at: new Date(),
        decision_note: "auto-submitted",
      });
      await notifyDistributor(tx, orgId, d.id, id, lines.length, total, true);
      return "submitted";
    }
    await notifyDistributor(tx, orgId, d.id, id, lines.length, total, false);
    return "proposed";
  });
}

async function notifyDistributor(
  tx: Executor,
  orgId: string,
  distributorId: string,
  proposalId: string,
  lines: number,
  totalPoisha: number,
  submitted: boolean,
) {
  const users = await tx
    .selectFrom("users")
    .select("id")
    .where("org_id", "=", orgId)
    .where("distributor_id", "=", distributorId)
    .where("role", "=", "distributor")
    .where("deactivated_at", "is", null)
    .execute();
  if (users.length === 0) return;
  const en = formatMoney(totalPoisha, "en");
  const bn = formatMoney(totalPoisha, "bn");
  await notify(tx, orgId, {
    userIds: users.map((u) => u.id),
    kind: PROPOSAL_KIND,
    title: submitted
      ? {
          en: `Replenishment order submitted: ${lines} products, ${en}`,
          bn: `রিপ্লেনিশমেন্ট অর্ডার জমা হয়েছে: ${lines}টি পণ্য, ${bn}`,
        }
      : { en: `Suggested order ready: ${lines} products, ${en}`, bn: `প্রস্তাবিত অর্ডার তৈরি: ${lines}টি পণ্য, ${bn}` },
    body: submitted
      ? {
          en: "Your stock reached its reorder point; the order went to the company for approval.",
          bn: "আপনার স্টক রিঅর্ডার পয়েন্টে পৌঁছেছে; অর্ডারটি অনুমোদনের জন্য কোম্পানিতে গেছে।",
        }
      : {
          en: "Your stock reached its reorder point. Review and approve it in one click.",
          bn: "আপনার স্টক রিঅর্ডার পয়েন্টে পৌঁছেছে। দেখে এক ক্লিকে অনুমোদন করুন।",
        },
    link: `/replenishment/proposals/${proposalId}`,
  });
}

// --- the API

export async function generateForCaller(ctx: Ctx): Promise<GenerateResult> {
  if (!can(ctx.actor, "replenishment.manage")) throw AccessErrors.forbidden();
  const result = await generateProposals(ctx.db, ctx.actor.orgId);
  await withTransaction(ctx.db, (tx) =>
    recordAudit(tx, ctx, {
      entity: "replenishment_proposals",
      entityId: ctx.actor.orgId,
      action: "generate",
      after: { proposed: result.proposed, submitted: result.submitted, unchanged: result.unchanged },
    }),
  );
  return result;
}

export async function listProposals(ctx: Ctx, query: z.infer<typeof ProposalQuery>) {
  if (!can(ctx.actor, "replenishment.read")) throw AccessErrors.forbidden();
  const ids = await distributorIdsFor(ctx.db, ctx, query.distributorId);
  const rows = await repo.listProposals(ctx.db, ctx.actor.orgId, ids, query);
  return rows.map(summaryOf);
}

async function proposalInScope(db: Executor, ctx: Ctx, id: string) {
  const p = await repo.findProposal(db, ctx.actor.orgId, id);
  if (!p) throw ReplenishmentErrors.proposalNotFound();
  try {
    await requireDistributor(db, ctx, p.distributor_id);
  } catch {
    throw ReplenishmentErrors.proposalNotFound();
  }
  return p;
}

async function detail(db: Executor, ctx: Ctx, id: string): Promise<ProposalResponse> {
  const p = await proposalInScope(db, ctx, id);
  const lines = await repo.proposalLines(db, ctx.actor.orgId, id);
  const today = businessDate();
  const forecasts = await db
    .selectFrom("demand_forecasts")
    .select(["sku_id", "forecast_from", "daily", "avg_daily"])
    .where("org_id", "=", ctx.actor.orgId)
    .where("distributor_id", "=", p.distributor_id)
    .execute();
  const byFoc = new Map(forecasts.map((f) => [f.sku_id, f]));
  return {
    ...summaryOf(p),
    lines: lines.map((l) => {
      const f = byFoc.get(l.sku_id);
      const daily = f
        ? forecastFrom(
            { forecast_from: f.forecast_from, daily: f.daily.map(Number), avg_daily: f.avg_daily },
            today,
            COVER_WINDOW_DAYS,
          )
        : [];
      return {
        skuId: l.sku_id,
        skuCode: l.sku_code,
        skuName: l.sku_name,
        skuNameBn: l.sku_name_bn,
        qty: l.qty,
        unit: l.unit,
        unitFactor: l.unit_factor,
        units: Math.round(l.qty / l.unit_factor),
        unitPricePoisha: Number(l.unit_price_poisha),
        onHand: l.on_hand,
        reserved: l.reserved,
        onOrder: l.on_order,
        avgDaily: l.avg_daily,
        safetyStock: l.safety_stock,
        reorderPoint: l.reorder_point,
        orderUpTo: l.order_up_to,
        daysOfCover: l.days_of_cover,
        coverAfterDays: coverDays(l.on_hand - l.reserved + l.on_order + l.qty, daily),
        leadTimeDays: l.lead_time_days,
      };
    }),
  };
}

export async function getProposal(ctx: Ctx, id: string) {
  if (!can(ctx.actor, "replenishment.read")) throw AccessErrors.forbidden();
  return detail(ctx.db, ctx, id);
}

function requireOpen(p: ProposalRow) {
  if (p.status !== "open") {
    const w = PROPOSAL_STATUS_WORDS[p.status];
    throw ReplenishmentErrors.proposalNotOpen({ status: w.en, statusBn: w.bn });
  }
}

/** One click: the proposal (with any quantities the person changed) becomes a submitted primary order. */
export async function approveProposal(ctx: Ctx, id: string, input: z.infer<typeof ApproveProposal>) {
  if (!can(ctx.actor, "replenishment.approve")) throw AccessErrors.forbidden();
  return withTransaction(ctx.db, async (tx) => {
    const p = await proposalInScope(tx, ctx, id);
    await tx
      .selectFrom("replenishment_proposals")
      .select("id")
      .where("org_id", "=", ctx.actor.orgId)
      .where("id", "=", id)
      .forUpdate()
      .execute();
    const current = await repo.findProposal(tx, ctx.actor.orgId, id);
    requireOpen(current ?? p);
    const lines = await repo.proposalLines(tx, ctx.actor.orgId, id);
    const edits = new Map((input.lines ?? []).map((l) => [l.skuId, l.units]));
    for (const skuId of edits.keys())
      if (!lines.some((l) => l.sku_id === skuId)) throw ReplenishmentErrors.proposalLineUnknown({ skuId });
    const ordered = lines
      .map((l) => ({ skuId: l.sku_id, qty: edits.get(l.sku_id) ?? Math.round(l.qty / l.unit_factor), unit: l.unit }))
      .filter((l) => l.qty > 0);
    if (ordered.length === 0) throw ReplenishmentErrors.proposalEmpty();
    const order = await createPrimaryOrder(
      { ...ctx, db: tx },
      {
        distributorId: p.distributor_id,
        lines: ordered,
        submit: true,
        note: input.note ?? undefined,
      },
    );
    await repo.updateProposal(tx, ctx.actor.orgId, id, {
      status: "approved",
      primary_order_id: order.id,
      decided_by: ctx.actor.userId,
      decided_at: new Date(),
      decision_note: input.note ?? null,
    });
    const after = await detail(tx, ctx, id);
    await recordAudit(tx, ctx, {
      entity: "replenishment_proposal",
      entityId: id,
      action: "approve",
      after: { primaryOrderId: order.id, lines: ordered },
    });
    return after;
  });
}

export async function dismissProposal(ctx: Ctx, id: string, input: z.infer<typeof DismissProposal>) {
  if (!can(ctx.actor, "replenishment.approve")) throw AccessErrors.forbidden();
  return withTransaction(ctx.db, async (tx) => {
    await proposalInScope(tx, ctx, id);
    await tx
      .selectFrom("replenishment_proposals")
      .select("id")
      .where("org_id", "=", ctx.actor.orgId)
      .where("id", "=", id)
      .forUpdate()
      .execute();
    const current = await repo.findProposal(tx, ctx.actor.orgId, id);
    if (!current) throw ReplenishmentErrors.proposalNotFound();
    requireOpen(current);
    await repo.updateProposal(tx, ctx.actor.orgId, id, {
      status: "dismissed",
      decided_by: ctx.actor.userId,
      decided_at: new Date(),
      decision_note: input.note ?? null,
    });
    await recordAudit(tx, ctx, {
      entity: "replenishment_proposal",
      entityId: id,
      action: "dismiss",
      after: { note: input.note ?? null },
    });
    return detail(tx, ctx, id);
  });
}
