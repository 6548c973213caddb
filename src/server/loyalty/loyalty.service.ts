// Loyalty programs (C7): programs and tiers, members (CRM accounts), the points ledger read as statements,
// rewards and their redemption. The balance is always the sum of the ledger; every change of a member's points
// locks the member's row first, so two redemptions cannot spend the same points.
//
// Scope: marketing, service and the admin see every member; a manager those whose account lies in their subtree
// or that they own (the CRM rule); a retailer only its own outlet's. Anything else is "not found".

import type { z } from "zod";
import type {
  EnrolRequest,
  MemberQuery,
  MemberResponse,
  Movement,
  ProgramRequest,
  ProgramResponse,
  RedemptionResponse,
  RewardRequest,
  RewardResponse,
  StatementResponse,
} from "../../shared/contracts/loyalty.ts";
import { addDays, businessDate } from "../../shared/format.ts";
import { newId } from "../../shared/ids.ts";
import { type Executor, withTransaction } from "../db/transaction.ts";
import { recordAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import { writeCsv } from "../platform/csv.ts";
import { decodeIdCursor, encodeCursor } from "../platform/pagination.ts";
import { LoyaltyErrors } from "./loyalty.errors.ts";
import * as repo from "./loyalty.repository.ts";
import {
  addMonths,
  earnedInLast12Months,
  expiriesDue,
  expiringSoon,
  type Movement as LedgerMovement,
  replay,
  statement,
  tierFor,
} from "./points-ledger.ts";

const viewerOf = (ctx: Ctx): repo.Viewer => ({ scope: ctx.actor.scope, userId: ctx.actor.userId });

/** Days ahead in which a statement shows the points that will expire. */
export const EXPIRING_SOON_DAYS = 30;

// --- programs

function programOf(p: repo.ProgramRow, tiers: Awaited<ReturnType<typeof repo.tiersOf>>): ProgramResponse {
  return {
    id: p.id,
    name: p.name,
    nameBn: p.name_bn,
    pointsPer100Taka: p.points_per_100_taka,
    outletChannels: p.outlet_channels,
    outletClasses: p.outlet_classes,
    includeCompanies: p.include_companies,
    expiryMonths: p.expiry_months,
    referralBonusPoints: p.referral_bonus_points,
    active: p.active,
    memberCount: Number(p.member_count ?? 0),
    tiers: tiers
      .filter((t) => t.program_id === p.id)
      .map((t) => ({
        id: t.id,
        name: t.name,
        nameBn: t.name_bn,
        thresholdPoints: t.threshold_points,
        multiplierBp: t.multiplier_bp,
      })),
  };
}

export async function listPrograms(ctx: Ctx): Promise<{ items: ProgramResponse[] }> {
  const rows = await repo.listPrograms(ctx.db, ctx.actor.orgId);
  const tiers = await repo.tiersOf(
    ctx.db,
    ctx.actor.orgId,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => programOf(r, tiers)) };
}

async function programById(db: Executor, orgId: string, id: string) {
  const p = await repo.findProgram(db, orgId, id);
  if (!p) throw LoyaltyErrors.programNotFound();
  return programOf(p, await repo.tiersOf(db, orgId, [id]));
}

function programColumns(input: ProgramRequest) {
  const thresholds = new Set(input.tiers.map((t) => t.thresholdPoints));
  if (thresholds.size !== input.tiers.length) throw LoyaltyErrors.tierDuplicate();
  return {
    name: input.name,
    name_bn: input.nameBn,
    points_per_100_taka: input.pointsPer100Taka,
    outlet_channels: [...new Set(input.outletChannels)],
    outlet_classes: [...new Set(input.outletClasses)],
    include_companies: input.includeCompanies,
    expiry_months: input.expiryMonths,
    referral_bonus_points: input.referralBonusPoints,
    active: input.active,
  };
}

const tierRows = (input: ProgramRequest) =>
  input.tiers.map((t) => ({
    id: newId(),
    name: t.name,
    name_bn: t.nameBn,
    threshold_points: t.thresholdPoints,
    multiplier_bp: t.multiplierBp,
  }));

export function createProgram(ctx: Ctx, input: ProgramRequest): Promise<ProgramResponse> {
  return withTransaction(ctx.db, async (tx) => {
    const id = newId();
    await repo.insertProgram(tx, { org_id: ctx.actor.orgId, id, ...programColumns(input) });
    await repo.replaceTiers(tx, ctx.actor.orgId, id, tierRows(input));
    const after = await programById(tx, ctx.actor.orgId, id);
    await recordAudit(tx, ctx, { entity: "loyalty_program", entityId: id, action: "create", after });
    return after;
  });
}

export function updateProgram(ctx: Ctx, id: string, input: ProgramRequest): Promise<ProgramResponse> {
  return withTransaction(ctx.db, async (tx) => {
    const before = await programById(tx, ctx.actor.orgId, id);
    await repo.updateProgram(tx, ctx.actor.orgId, id, programColumns(input));
    await repo.replaceTiers(tx, ctx.actor.orgId, id, tierRows(input));
    const after = await programById(tx, ctx.actor.orgId, id);
    await recordAudit(tx, ctx, { entity: "loyalty_program", entityId: id, action: "update", before, after });
    return after;
  });
}

// --- members

const toLedger = (m: repo.MovementRow): LedgerMovement => ({
  id: m.id,
  kind: m.kind,
  points: m.points,
  entryDate: m.entry_date,
  expiresOn: m.expires_on,
  lotId: m.kind === "expire" ? m.source_id : null,
});

async function memberOf(db: Executor, orgId: string, m: repo.MemberRow, today: string): Promise<MemberResponse> {
  return (await membersOf(db, orgId, [m], today))[0] as MemberResponse;
}

/** Members with their tier and last year's points: one read of the ledger and one of the tiers for the whole list. */
async function membersOf(
  db: Executor,
  orgId: string,
  members: readonly repo.MemberRow[],
  today: string,
): Promise<MemberResponse[]> {
  const [ledger, tierRows] = await Promise.all([
    repo.movementsOfMembers(
      db,
      orgId,
      members.map((m) => m.id),
    ),
    repo.tiersOf(db, orgId, [...new Set(members.map((m) => m.program_id))]),
  ]);
  const byMember = new Map<string, repo.MovementRow[]>();
  for (const l of ledger) {
    const list = byMember.get(l.member_id);
    if (list) list.push(l);
    else byMember.set(l.member_id, [l]);
  }
  return members.map((m) => {
    const movements = (byMember.get(m.id) ?? []).map(toLedger);
    const tiers = tierRows
      .filter((t) => t.program_id === m.program_id)
      .map((t) => ({
        id: t.id,
        name: t.name,
        nameBn: t.name_bn,
        thresholdPoints: t.threshold_points,
        multiplierBp: t.multiplier_bp,
      }));
    const earned = earnedInLast12Months(movements, today);
    const tier = tierFor(tiers, earned);
    return {
      id: m.id,
      programId: m.program_id,
      programName: m.program_name,
      programNameBn: m.program_name_bn,
      accountId: m.account_id,
      accountName: m.account_name,
      accountKind: m.account_kind,
      outletId: m.outlet_id,
      referralCode: m.referral_code,
      joinedAt: (m.joined_at as Date).toISOString(),
      balance: Number(m.balance ?? 0),
      tier: tier && { id: tier.id, name: tier.name, nameBn: tier.nameBn, multiplierBp: tier.multiplierBp },
      earnedLast12Months: earned,
    };
  });
}

export async function listMembers(ctx: Ctx, query: MemberQuery) {
  const rows = await repo.listMembers(ctx.db, ctx.actor.orgId, viewerOf(ctx), {
    programId: query.programId,
    q: query.q,
    afterId: query.cursor ? decodeIdCursor(query.cursor) : undefined,
    limit: query.limit,
  });
  const page = rows.slice(0, query.limit);
  const today = businessDate();
  const items = await membersOf(ctx.db, ctx.actor.orgId, page, today);
  const last = page[page.length - 1];
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor([last.id]) : null };
}

async function memberInScope(db: Executor, ctx: Ctx, id: string) {
  const m = await repo.findMember(db, ctx.actor.orgId, viewerOf(ctx), id);
  if (!m) throw LoyaltyErrors.memberNotFound();
  return m;
}

export async function getMember(ctx: Ctx, id: string): Promise<MemberResponse> {
  return memberOf(ctx.db, ctx.actor.orgId, await memberInScope(ctx.db, ctx, id), businessDate());
}

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A short code people can read out on the phone: no 0/O, 1/I. */
export function newReferralCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("");
}

/** Makes an account a member of a program (no scope check: the caller decided); its id either way. */
export async function ensureMembership(
  tx: Executor,
  orgId: string,
  programId: string,
  accountId: string,
  outletId: string | null,
): Promise<{ id: string; created: boolean }> {
  return repo.ensureMember(tx, {
    org_id: orgId,
    id: newId(),
    program_id: programId,
    account_id: accountId,
    outlet_id: outletId,
    referral_code: newReferralCode(),
  });
}

export function enrol(ctx: Ctx, input: z.infer<typeof EnrolRequest>): Promise<MemberResponse> {
  return withTransaction(ctx.db, async (tx) => {
    const orgId = ctx.actor.orgId;
    if (!(await repo.findProgram(tx, orgId, input.programId))) throw LoyaltyErrors.programNotFound();
    const account = await repo.accountInScope(tx, orgId, viewerOf(ctx), input.accountId);
    if (!account) throw LoyaltyErrors.accountNotFound();
    const { id, created } = await ensureMembership(tx, orgId, input.programId, account.id, account.outlet_id);
    if (!created) throw LoyaltyErrors.alreadyMember();
    const m = await repo.findMember(tx, orgId, null, id);
    const after = await memberOf(tx, orgId, m as repo.MemberRow, businessDate());
    await recordAudit(tx, ctx, { entity: "loyalty_member", entityId: id, action: "create", after });
    return after;
  });
}

// --- statement

const movementOf = (m: repo.MovementRow & { balanceAfter: number }): Movement => ({
  id: m.id,
  kind: m.kind,
  points: m.points,
  sourceType: m.source_type,
  sourceId: m.source_id,
  entryDate: m.entry_date,
  expiresOn: m.expires_on,
  valuePoisha: m.value_poisha,
  note: m.note,
  balanceAfter: m.balanceAfter,
});

export async function memberStatement(
  ctx: Ctx,
  id: string,
  q: { from?: string | undefined; to?: string | undefined },
): Promise<StatementResponse> {
  const orgId = ctx.actor.orgId;
  const m = await memberInScope(ctx.db, ctx, id);
  const today = businessDate();
  const to = q.to ?? today;
  const from = q.from ?? `${to.slice(0, 7)}-01`;
  if (from > to) throw LoyaltyErrors.periodInvalid();
  const rows = await repo.movementsOf(ctx.db, orgId, id);
  const st = statement(
    rows.map((r) => ({ ...r, entryDate: r.entry_date })),
    from,
    to,
  );
  const until = addDays(today, EXPIRING_SOON_DAYS);
  const soon = expiringSoon(replay(rows.map(toLedger)), today, until);
  return {
    member: await memberOf(ctx.db, orgId, m, today),
    from,
    to,
    opening: st.opening,
    movements: st.lines.map(movementOf),
    closing: st.closing,
    expiringSoon: { points: soon.points, until, firstDate: soon.firstDate },
  };
}

export async function memberStatementCsv(
  ctx: Ctx,
  id: string,
  q: { from?: string | undefined; to?: string | undefined },
): Promise<string> {
  const st = await memberStatement(ctx, id, q);
  const bn = ctx.locale === "bn";
  const header = bn
    ? ["তারিখ", "ধরন", "উৎস", "পয়েন্ট", "ব্যালান্স", "মেয়াদ শেষ", "মূল্য (৳)", "নোট"]
    : ["date", "kind", "source", "points", "balance", "expires_on", "value_taka", "note"];
  const rows: (string | number | null)[][] = [
    [st.from, bn ? "শুরুর ব্যালান্স" : "opening", null, null, st.opening, null, null, null],
    ...st.movements.map((m) => [
      m.entryDate,
      m.kind,
      m.sourceType,
      m.points,
      m.balanceAfter,
      m.expiresOn,
      m.valuePoisha === null ? null : (m.valuePoisha / 100).toFixed(2),
      m.note,
    ]),
    [st.to, bn ? "শেষ ব্যালান্স" : "closing", null, null, st.closing, null, null, null],
  ];
  return writeCsv(header, rows);
}

// --- posting points (the earning job, adjustments, redemptions)

/**
 * Posts what has expired of the member's lots up to `asOf` (each lot once, dated its expiry day). The caller holds
 * the member's lock. Returns the points expired.
 */
export async function postDueExpiries(tx: Executor, orgId: string, memberId: string, asOf: string): Promise<number> {
  const rows = await repo.movementsOf(tx, orgId, memberId);
  const due = expiriesDue(replay(rows.map(toLedger)), asOf);
  await repo.postMovements(
    tx,
    due.map((d) => ({
      org_id: orgId,
      id: newId(),
      member_id: memberId,
      kind: "expire" as const,
      points: -d.points,
      source_type: "expiry" as const,
      source_id: d.lotId,
      source_key: `expiry:${d.lotId}`,
      entry_date: d.expiresOn,
    })),
  );
  return due.reduce((s, d) => s + d.points, 0);
}

async function balanceOf(tx: Executor, orgId: string, memberId: string) {
  return (await repo.movementsOf(tx, orgId, memberId)).reduce((s, m) => s + m.points, 0);
}

/** When points given today expire under the member's program. */
export function expiryFor(expiryMonths: number | null, entryDate: string): string | null {
  return expiryMonths === null ? null : addMonths(entryDate, expiryMonths);
}

export function adjustPoints(ctx: Ctx, memberId: string, input: { points: number; note: string }) {
  return withTransaction(ctx.db, async (tx) => {
    const orgId = ctx.actor.orgId;
    const m = await memberInScope(tx, ctx, memberId);
    await repo.lockMember(tx, orgId, memberId);
    const today = businessDate();
    await postDueExpiries(tx, orgId, memberId, today);
    const id = newId();
    await repo.postMovements(tx, [
      {
        org_id: orgId,
        id,
        member_id: memberId,
        kind: "adjust",
        points: input.points,
        source_type: "manual",
        source_id: id,
        source_key: `manual:${id}`,
        entry_date: today,
        expires_on: input.points > 0 ? expiryFor(m.expiry_months, today) : null,
        note: input.note,
        created_by: ctx.actor.userId,
      },
    ]);
    await recordAudit(tx, ctx, {
      entity: "loyalty_member",
      entityId: memberId,
      action: "adjust_points",
      after: { points: input.points, note: input.note },
    });
    return memberOf(tx, orgId, (await repo.findMember(tx, orgId, null, memberId)) as repo.MemberRow, today);
  });
}

// --- rewards

const rewardOf = (r: NonNullable<Awaited<ReturnType<typeof repo.findReward>>>): RewardResponse => ({
  id: r.id,
  programId: r.program_id,
  name: r.name,
  nameBn: r.name_bn,
  pointsCost: r.points_cost,
  stock: r.stock,
  active: r.active,
});

export async function listRewards(ctx: Ctx, q: { programId?: string | undefined }) {
  return { items: (await repo.listRewards(ctx.db, ctx.actor.orgId, q.programId)).map(rewardOf) };
}

export function createReward(ctx: Ctx, input: RewardRequest): Promise<RewardResponse> {
  return withTransaction(ctx.db, async (tx) => {
    const orgId = ctx.actor.orgId;
    if (!(await repo.findProgram(tx, orgId, input.programId))) throw LoyaltyErrors.programNotFound();
    const id = newId();
    await repo.insertReward(tx, {
      org_id: orgId,
      id,
      program_id: input.programId,
      name: input.name,
      name_bn: input.nameBn,
      points_cost: input.pointsCost,
      stock: input.stock,
      active: input.active,
    });
    const after = rewardOf(
      (await repo.findReward(tx, orgId, id)) as NonNullable<Awaited<ReturnType<typeof repo.findReward>>>,
    );
    await recordAudit(tx, ctx, { entity: "loyalty_reward", entityId: id, action: "create", after });
    return after;
  });
}

export function updateReward(ctx: Ctx, id: string, input: RewardRequest): Promise<RewardResponse> {
  return withTransaction(ctx.db, async (tx) => {
    const orgId = ctx.actor.orgId;
    const b = await repo.findReward(tx, orgId, id, true);
    if (!b) throw LoyaltyErrors.rewardNotFound();
    if (b.program_id !== input.programId) throw LoyaltyErrors.rewardOtherProgram();
    await repo.updateReward(tx, orgId, id, {
      name: input.name,
      name_bn: input.nameBn,
      points_cost: input.pointsCost,
      stock: input.stock,
      active: input.active,
    });
    const after = rewardOf((await repo.findReward(tx, orgId, id)) as typeof b);
    await recordAudit(tx, ctx, {
      entity: "loyalty_reward",
      entityId: id,
      action: "update",
      before: rewardOf(b),
      after,
    });
    return after;
  });
}

// --- redemptions

const redemptionOf = (r: repo.RedemptionRow): RedemptionResponse => ({
  id: r.id,
  memberId: r.member_id,
  accountName: r.account_name,
  rewardId: r.reward_id,
  rewardName: r.reward_name,
  rewardNameBn: r.reward_name_bn,
  points: r.points,
  status: r.status,
  note: r.note,
  createdAt: (r.created_at as Date).toISOString(),
  fulfilledAt: r.fulfilled_at ? (r.fulfilled_at as Date).toISOString() : null,
  cancelledAt: r.cancelled_at ? (r.cancelled_at as Date).toISOString() : null,
});

export async function listRedemptions(
  ctx: Ctx,
  q: { status?: "pending" | "fulfilled" | "cancelled" | undefined; memberId?: string | undefined },
) {
  return { items: (await repo.listRedemptions(ctx.db, ctx.actor.orgId, viewerOf(ctx), q)).map(redemptionOf) };
}

/**
 * Redeems a reward: the member's row is locked, what has expired is posted, then the balance (the ledger's sum)
 * must cover the cost. Two redemptions at once run one after the other, the second seeing the first's points gone.
 */
export function redeem(ctx: Ctx, memberId: string, input: { rewardId: string; note?: string | undefined }) {
  return withTransaction(ctx.db, async (tx) => {
    const orgId = ctx.actor.orgId;
    const m = await memberInScope(tx, ctx, memberId);
    await repo.lockMember(tx, orgId, memberId);
    const reward = await repo.findReward(tx, orgId, input.rewardId, true);
    if (!reward) throw LoyaltyErrors.rewardNotFound();
    if (reward.program_id !== m.program_id) throw LoyaltyErrors.rewardOtherProgram();
    if (!reward.active || reward.stock === 0) throw LoyaltyErrors.rewardUnavailable();
    const today = businessDate();
    await postDueExpiries(tx, orgId, memberId, today);
    const balance = await balanceOf(tx, orgId, memberId);
    if (balance < reward.points_cost) throw LoyaltyErrors.notEnoughPoints({ balance, cost: reward.points_cost });
    const id = newId();
    await repo.insertRedemption(tx, {
      org_id: orgId,
      id,
      member_id: memberId,
      reward_id: reward.id,
      points: reward.points_cost,
      requested_by: ctx.actor.userId,
      note: input.note ?? null,
    });
    await repo.postMovements(tx, [
      {
        org_id: orgId,
        id: newId(),
        member_id: memberId,
        kind: "redeem",
        points: -reward.points_cost,
        source_type: "redemption",
        source_id: id,
        source_key: `redemption:${id}`,
        entry_date: today,
        note: reward.name,
        created_by: ctx.actor.userId,
      },
    ]);
    if (reward.stock !== null) await repo.updateReward(tx, orgId, reward.id, { stock: reward.stock - 1 });
    const after = redemptionOf((await repo.findRedemption(tx, orgId, viewerOf(ctx), id)) as repo.RedemptionRow);
    await recordAudit(tx, ctx, { entity: "loyalty_redemption", entityId: id, action: "create", after });
    return after;
  });
}

export function fulfilRedemption(ctx: Ctx, id: string) {
  return settleRedemption(ctx, id, "fulfilled");
}

export function cancelRedemption(ctx: Ctx, id: string) {
  return settleRedemption(ctx, id, "cancelled");
}

function settleRedemption(ctx: Ctx, id: string, status: "fulfilled" | "cancelled") {
  return withTransaction(ctx.db, async (tx) => {
    const orgId = ctx.actor.orgId;
    const b = await repo.findRedemption(tx, orgId, viewerOf(ctx), id);
    if (!b) throw LoyaltyErrors.redemptionNotFound();
    await repo.lockMember(tx, orgId, b.member_id);
    if (!(await repo.setRedemptionStatus(tx, orgId, id, status))) throw LoyaltyErrors.redemptionNotPending();
    if (status === "cancelled") {
      const m = (await repo.findMember(tx, orgId, null, b.member_id)) as repo.MemberRow;
      const today = businessDate();
      // The points come back as a new lot: they were spent from the oldest lots, which may have expired since.
      await repo.postMovements(tx, [
        {
          org_id: orgId,
          id: newId(),
          member_id: b.member_id,
          kind: "adjust",
          points: b.points,
          source_type: "redemption",
          source_id: id,
          source_key: `redemption-cancel:${id}`,
          entry_date: today,
          expires_on: expiryFor(m.expiry_months, today),
          note: b.reward_name,
          created_by: ctx.actor.userId,
        },
      ]);
      const reward = await repo.findReward(tx, orgId, b.reward_id, true);
      if (reward && reward.stock !== null) await repo.updateReward(tx, orgId, reward.id, { stock: reward.stock + 1 });
    }
    const after = redemptionOf((await repo.findRedemption(tx, orgId, viewerOf(ctx), id)) as repo.RedemptionRow);
    await recordAudit(tx, ctx, {
      entity: "loyalty_redemption",
      entityId: id,
      action: status === "fulfilled" ? "fulfil" : "cancel",
      before: redemptionOf(b),
      after,
    });
    return after;
  });
}
