// Distributor claims for claimable schemes (issue 8): what is claimable now, building a claim for a period, the
// review (approve, possibly for less, or dispute), the distributor's answer or withdrawal, and settlement. A
// distributor sees and claims only for itself; a manager reads the claims of the distributors of their subtree;
// head office and marketing read all. Every transition is one transaction with its event and audit row.
import type { z } from "zod";
import type {
  ApproveClaim,
  ClaimAction,
  ClaimableQuery,
  ClaimableResponse,
  ClaimQuery,
  ClaimResponse,
  ClaimSummary,
  CreateClaim,
  DisputeClaim,
  SettleClaim,
  SubmitClaim,
  WithdrawClaim,
} from "../../shared/contracts/claims.ts";
import { newId } from "../../shared/ids.ts";
import type { ReportTable } from "../analytics/report-table.ts";
import type { Executor } from "../db/transaction.ts";
import { withTransaction } from "../db/transaction.ts";
import { AccessErrors, can, type Permission } from "../platform/access.ts";
import { recordAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import {
  CLAIM_FLOW,
  type ClaimCandidate,
  type ClaimLineDraft,
  canTakeClaimAction,
  claimLines,
  type DeliveredLine,
  itemKey,
  itemWorth,
  type StoredAdjustment,
} from "./claim-math.ts";
import { CLAIM_ACTION_WORDS, CLAIM_STATUS_WORDS, ClaimErrors } from "./claims.errors.ts";
import * as repo from "./claims.repository.ts";

const ACTION_PERMISSION: Record<ClaimAction, Permission> = {
  submit: "claims.submit",
  withdraw: "claims.submit",
  approve: "claims.review",
  dispute: "claims.review",
  settle: "claims.settle",
};

// ---------------------------------------------------------------- what is claimable

/** The adjustments stored on a memo line, as the orders module writes them; anything else is not a scheme's. */
function adjustmentsOf(stored: unknown): StoredAdjustment[] {
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((a): StoredAdjustment[] => {
    if (typeof a !== "object" || a === null) return [];
    const { schemeId, kind, poisha } = a as Record<string, unknown>;
    if (typeof schemeId !== "string" || !Number.isSafeInteger(poisha)) return [];
    return [{ schemeId, kind: kind === "free_goods" ? "free_goods" : "discount", poisha: poisha as number }];
  });
}

interface Candidate extends ClaimCandidate {
  distributorId: string;
  orderNumber: string;
}

/**
 * Every item of the distributors that is worth something now or was claimed before, with what it is worth and what
 * claims not withdrawn carry for it. With a period, the memos read are the period's and those already claimed.
 */
async function candidatesFor(
  db: Executor,
  orgId: string,
  distributorIds: readonly string[],
  period: { from: string; to: string } | null,
) {
  const schemes = await repo.claimableSchemes(db, orgId);
  const schemeById = new Map(schemes.map((s) => [s.id, s]));
  const rows = await repo.deliveredLinesWithSchemes(db, orgId, distributorIds, [...schemeById.keys()], period);
  const orders = new Map<string, { number: string; date: string; distributorId: string }>();
  const lines: DeliveredLine[] = rows.map((r) => {
    orders.set(r.order_id, { number: r.order_number, date: r.order_date, distributorId: r.distributor_id });
    return {
      orderId: r.order_id,
      qty: r.qty,
      deliveredQty: r.delivered_qty,
      returnedQty: r.returned_qty,
      adjustments: adjustmentsOf(r.adjustments),
    };
  });
  const worth = itemWorth(lines, new Set(schemeById.keys()));
  const claimed = new Map(
    (await repo.claimedItems(db, orgId, distributorIds)).map((c) => [itemKey(c.order_id, c.scheme_id), c]),
  );
  const candidates: Candidate[] = [];
  for (const [key, item] of worth) {
    const order = orders.get(item.orderId);
    if (!order) continue;
    const c = claimed.get(key);
    candidates.push({
      orderId: item.orderId,
      schemeId: item.schemeId,
      orderDate: order.date,
      orderNumber: order.number,
      distributorId: order.distributorId,
      worthPoisha: item.poisha,
      claimedPoisha: c ? Number(c.claimed) : 0,
      claimedBefore: c !== undefined,
    });
  }
  return { candidates, schemeById };
}

/** The distributor if the caller's scope holds it, else 404. */
async function requireDistributor(db: Executor, ctx: Ctx, distributorId: string) {
  const [d] = await repo.distributorsInScope(db, ctx.actor.orgId, ctx.actor.scope, [distributorId]);
  if (!d) throw ClaimErrors.distributorNotFound();
  return d;
}

export async function getClaimable(
  ctx: Ctx,
  query: z.infer<typeof ClaimableQuery>,
): Promise<z.infer<typeof ClaimableResponse>> {
  if (!can(ctx.actor, "claims.read")) throw AccessErrors.forbidden();
  const distributors = query.distributorId
    ? [await requireDistributor(ctx.db, ctx, query.distributorId)]
    : await repo.distributorsInScope(ctx.db, ctx.actor.orgId, ctx.actor.scope);
  const period = query.from && query.to ? { from: query.from, to: query.to } : null;
  const { candidates, schemeById } = await candidatesFor(
    ctx.db,
    ctx.actor.orgId,
    distributors.map((d) => d.id),
    period,
  );
  const byDistributor = new Map(distributors.map((d) => [d.id, d]));
  const byId = new Map(candidates.map((c) => [itemKey(c.orderId, c.schemeId), c]));
  const lines = claimLines(candidates, period?.from ?? "0001-01-01", period?.to ?? "9999-12-31");
  const rows = new Map<string, z.infer<typeof ClaimableResponse>["rows"][number]>();
  for (const l of lines) {
    const c = byId.get(itemKey(l.orderId, l.schemeId));
    const d = c && byDistributor.get(c.distributorId);
    const s = schemeById.get(l.schemeId);
    if (!c || !d || !s) continue;
    const key = `${d.id}|${s.id}`;
    const row = rows.get(key) ?? {
      distributorId: d.id,
      distributorCode: d.code,
      distributorName: d.name,
      distributorNameBn: d.name_bn,
      schemeId: s.id,
      schemeCode: s.code,
      schemeName: s.name,
      schemeNameBn: s.name_bn,
      items: 0,
      newPoisha: 0,
      adjustmentPoisha: 0,
      totalPoisha: 0,
    };
    row.items += 1;
    if (l.kind === "claim") row.newPoisha += l.amountPoisha;
    else row.adjustmentPoisha += l.amountPoisha;
    row.totalPoisha += l.amountPoisha;
    rows.set(key, row);
  }
  const out = [...rows.values()].sort(
    (a, b) => a.distributorCode.localeCompare(b.distributorCode) || a.schemeCode.localeCompare(b.schemeCode),
  );
  return {
    from: period?.from ?? null,
    to: period?.to ?? null,
    rows: out,
    totalPoisha: out.reduce((s, r) => s + r.totalPoisha, 0),
  };
}

// ---------------------------------------------------------------- building a claim

export async function createClaim(ctx: Ctx, input: z.infer<typeof CreateClaim>): Promise<ClaimResponse> {
  if (!can(ctx.actor, "claims.submit")) throw AccessErrors.forbidden();
  const scope = ctx.actor.scope;
  const distributorId = input.distributorId ?? (scope.kind === "distributor" ? scope.distributorId : undefined);
  if (!distributorId) throw ClaimErrors.distributorRequired();
  const orgId = ctx.actor.orgId;
  const id = await withTransaction(ctx.db, async (tx) => {
    await requireDistributor(tx, ctx, distributorId);
    await repo.lockDistributorClaims(tx, orgId, distributorId);
    const { from, to } = input.period;
    const { candidates, schemeById } = await candidatesFor(tx, orgId, [distributorId], { from, to });
    const drafts: ClaimLineDraft[] = claimLines(candidates, from, to);
    if (drafts.length === 0) throw ClaimErrors.nothingToClaim();
    const byId = new Map(candidates.map((c) => [itemKey(c.orderId, c.schemeId), c]));
    const lines = drafts.map((l) => {
      const c = byId.get(itemKey(l.orderId, l.schemeId)) as Candidate;
      return {
        order_id: l.orderId,
        scheme_id: l.schemeId,
        order_number: c.orderNumber,
        scheme_code: schemeById.get(l.schemeId)?.code ?? "",
        order_date: c.orderDate,
        kind: l.kind,
        amount_poisha: l.amountPoisha,
      };
    });
    const claimed = lines.reduce((s, l) => s + l.amount_poisha, 0);
    const claimId = newId();
    // The gap-free number last: its counter row stays locked until commit.
    const number = await repo.nextClaimNumber(tx, orgId);
    await repo.insertClaim(
      tx,
      {
        org_id: orgId,
        id: claimId,
        number,
        distributor_id: distributorId,
        period_from: from,
        period_to: to,
        claimed_poisha: claimed,
        line_count: lines.length,
        note: input.note || null,
        created_by: ctx.actor.userId,
      },
      lines,
    );
    await repo.insertClaimEvent(tx, {
      org_id: orgId,
      id: newId(),
      claim_id: claimId,
      from_status: null,
      to_status: "draft",
      actor_user_id: ctx.actor.userId,
      note: input.note || null,
      amount_poisha: claimed,
    });
    await recordAudit(tx, ctx, {
      entity: "scheme_claim",
      entityId: claimId,
      action: "create",
      after: { number, distributorId, periodFrom: from, periodTo: to, claimedPoisha: claimed, lineCount: lines.length },
    });
    return claimId;
  });
  return getClaim(ctx, id);
}

// ---------------------------------------------------------------- reads

function summaryOf(c: repo.ClaimRow): ClaimSummary {
  return {
    id: c.id,
    number: c.number,
    distributorId: c.distributor_id,
    distributorCode: c.distributor_code,
    distributorName: c.distributor_name,
    distributorNameBn: c.distributor_name_bn,
    periodFrom: c.period_from,
    periodTo: c.period_to,
    status: c.status,
    claimedPoisha: c.claimed_poisha,
    approvedPoisha: c.approved_poisha,
    rejectedPoisha: c.rejected_poisha,
    rejectionReason: c.rejection_reason,
    paymentReference: c.payment_reference,
    paidOn: c.paid_on,
    lineCount: c.line_count,
    note: c.note,
    createdAt: c.created_at.toISOString(),
    updatedAt: c.updated_at.toISOString(),
  };
}

export async function listClaims(ctx: Ctx, query: z.infer<typeof ClaimQuery>): Promise<ClaimSummary[]> {
  if (!can(ctx.actor, "claims.read")) throw AccessErrors.forbidden();
  if (query.distributorId) await requireDistributor(ctx.db, ctx, query.distributorId);
  const rows = await repo.listClaims(ctx.db, ctx.actor.orgId, ctx.actor.scope, {
    limit: query.limit,
    ...(query.status && { status: query.status }),
    ...(query.distributorId && { distributorId: query.distributorId }),
  });
  return rows.map(summaryOf);
}

/** What the caller may do with a claim in its state. */
export function claimActionsFor(ctx: Ctx, status: ClaimSummary["status"]): ClaimAction[] {
  return (Object.keys(CLAIM_FLOW) as ClaimAction[]).filter(
    (a) => canTakeClaimAction(status, a) && can(ctx.actor, ACTION_PERMISSION[a]),
  );
}

export async function getClaim(ctx: Ctx, id: string): Promise<ClaimResponse> {
  if (!can(ctx.actor, "claims.read")) throw AccessErrors.forbidden();
  const orgId = ctx.actor.orgId;
  const c = await repo.findClaim(ctx.db, orgId, ctx.actor.scope, id);
  if (!c) throw ClaimErrors.claimNotFound();
  const [lines, events] = await Promise.all([
    repo.claimLinesOf(ctx.db, orgId, id),
    repo.claimEventsOf(ctx.db, orgId, id),
  ]);
  return {
    ...summaryOf(c),
    lines: lines.map((l) => ({
      lineNo: l.line_no,
      orderId: l.order_id,
      orderNumber: l.order_number,
      orderDate: l.order_date,
      schemeId: l.scheme_id,
      schemeCode: l.scheme_code,
      kind: l.kind,
      amountPoisha: l.amount_poisha,
    })),
    events: events.map((e) => ({
      id: e.id,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      actorName: e.actor_name,
      note: e.note,
      amountPoisha: e.amount_poisha,
      at: e.at.toISOString(),
    })),
    actions: claimActionsFor(ctx, c.status),
  };
}

// ---------------------------------------------------------------- transitions

type TransitionInput =
  | { action: "submit"; body: z.infer<typeof SubmitClaim> }
  | { action: "approve"; body: z.infer<typeof ApproveClaim> }
  | { action: "dispute"; body: z.infer<typeof DisputeClaim> }
  | { action: "withdraw"; body: z.infer<typeof WithdrawClaim> }
  | { action: "settle"; body: z.infer<typeof SettleClaim> };

export async function transitionClaim(ctx: Ctx, id: string, input: TransitionInput): Promise<ClaimResponse> {
  const { action } = input;
  if (!can(ctx.actor, ACTION_PERMISSION[action])) throw AccessErrors.forbidden();
  const orgId = ctx.actor.orgId;
  await withTransaction(ctx.db, async (tx) => {
    const found = await repo.findClaim(tx, orgId, ctx.actor.scope, id);
    if (!found) throw ClaimErrors.claimNotFound();
    // A withdrawal releases lines the next claim reads: it queues with the distributor's claim builder.
    if (action === "withdraw") await repo.lockDistributorClaims(tx, orgId, found.distributor_id);
    const c = (await repo.findClaim(tx, orgId, ctx.actor.scope, id, true)) as repo.ClaimRow;
    if (!canTakeClaimAction(c.status, action))
      throw ClaimErrors.wrongStatus({
        status: CLAIM_STATUS_WORDS[c.status].en,
        statusBn: CLAIM_STATUS_WORDS[c.status].bn,
        action: CLAIM_ACTION_WORDS[action].en,
        actionBn: CLAIM_ACTION_WORDS[action].bn,
      });
    const now = new Date();
    const to = CLAIM_FLOW[action].to;
    let note: string | null = null;
    let amount: number | null = null;
    switch (input.action) {
      case "submit": {
        note = input.body.note || null;
        if (c.status === "disputed" && !note) throw ClaimErrors.answerNeedsNote();
        await repo.updateClaim(tx, orgId, id, { status: to, submitted_at: now });
        break;
      }
      case "approve": {
        const approved = input.body.approvedPoisha ?? c.claimed_poisha;
        if (approved !== c.claimed_poisha && c.claimed_poisha < 0) throw ClaimErrors.negativeClaimReduced();
        if (approved > c.claimed_poisha) throw ClaimErrors.approveTooMuch({ claimed: c.claimed_poisha });
        const reason = input.body.reason || null;
        if (approved < c.claimed_poisha && !reason) throw ClaimErrors.reductionNeedsReason();
        note = reason;
        amount = approved;
        await repo.updateClaim(tx, orgId, id, {
          status: to,
          approved_poisha: approved,
          rejected_poisha: c.claimed_poisha - approved,
          rejection_reason: approved < c.claimed_poisha ? reason : null,
          reviewed_at: now,
        });
        break;
      }
      case "dispute": {
        note = input.body.note;
        await repo.updateClaim(tx, orgId, id, { status: to, reviewed_at: now });
        break;
      }
      case "withdraw": {
        note = input.body.note || null;
        await repo.updateClaim(tx, orgId, id, { status: to });
        await repo.releaseClaimLines(tx, orgId, id);
        break;
      }
      case "settle": {
        note = input.body.note || null;
        amount = c.approved_poisha;
        await repo.updateClaim(tx, orgId, id, {
          status: to,
          payment_reference: input.body.paymentReference,
          paid_on: input.body.paidOn,
          settled_at: now,
        });
        break;
      }
    }
    await repo.insertClaimEvent(tx, {
      org_id: orgId,
      id: newId(),
      claim_id: id,
      from_status: c.status,
      to_status: to,
      actor_user_id: ctx.actor.userId,
      note,
      amount_poisha: amount,
    });
    await recordAudit(tx, ctx, {
      entity: "scheme_claim",
      entityId: id,
      action,
      before: { status: c.status },
      after: { status: to, note, ...(amount !== null && { amountPoisha: amount }) },
    });
  });
  return getClaim(ctx, id);
}

// ---------------------------------------------------------------- export

const LINE_COLUMNS: [key: string, kind: ReportTable["columns"][number]["kind"], en: string, bn: string][] = [
  ["lineNo", "integer", "#", "#"],
  ["orderNumber", "text", "Order", "অর্ডার"],
  ["orderDate", "date", "Order date", "অর্ডারের তারিখ"],
  ["scheme", "text", "Scheme", "স্কিম"],
  ["kind", "text", "Line", "লাইন"],
  ["amount", "money", "Amount", "পরিমাণ"],
];

/** A claim's lines as a report table in the caller's language: the XLSX or CSV download. */
export async function claimReport(ctx: Ctx, id: string): Promise<ReportTable> {
  const claim = await getClaim(ctx, id);
  const bn = ctx.locale === "bn";
  const status = CLAIM_STATUS_WORDS[claim.status][ctx.locale];
  return {
    title: bn
      ? `স্কিম দাবি ${claim.number} — ${claim.distributorNameBn}`
      : `Scheme claim ${claim.number} — ${claim.distributorName}`,
    subtitle: bn
      ? `${claim.periodFrom} থেকে ${claim.periodTo} · ${status}`
      : `${claim.periodFrom} to ${claim.periodTo} · ${status}`,
    locale: ctx.locale,
    columns: LINE_COLUMNS.map(([key, kind, en, bnLabel]) => ({ key, kind, label: bn ? bnLabel : en })),
    rows: claim.lines.map((l) => ({
      lineNo: l.lineNo,
      orderNumber: l.orderNumber,
      orderDate: l.orderDate,
      scheme: l.schemeCode,
      kind: l.kind === "claim" ? (bn ? "দাবি" : "Claim") : bn ? "সমন্বয় (ফেরত)" : "Adjustment (return)",
      amount: l.amountPoisha,
    })),
    totals: {
      lineNo: null,
      orderNumber: bn ? "মোট" : "Total",
      orderDate: null,
      scheme: null,
      kind: null,
      amount: claim.claimedPoisha,
    },
  };
}
