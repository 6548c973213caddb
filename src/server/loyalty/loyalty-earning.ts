// The earning run: points for memos delivered since the last run, points back for returns, expiries due today,
// and referral bonuses. Safe to run twice or at once: every movement has a unique source key per member, so a
// second run (or a concurrent one) finds its movement already posted and posts nothing. Each run reads from its
// watermark less an overlap, so a delivery whose transaction committed late is still seen.
import { businessDate } from "../../shared/format.ts";
import { newId } from "../../shared/ids.ts";
import { ensureAccountForOutlet } from "../crm/accounts.service.ts";
import { type Db, withTransaction } from "../db/transaction.ts";
import {
  type DeliveredOrder,
  deliveredOrdersSince,
  type OrderReturn,
  returnsSince,
} from "../orders/delivered-orders.service.ts";
import * as repo from "./loyalty.repository.ts";
import { ensureMembership, expiryFor, postDueExpiries } from "./loyalty.service.ts";
import { earnedInLast12Months, pointsForReturn, pointsForValue, tierFor } from "./points-ledger.ts";
import { postReferralBonuses } from "./referrals.service.ts";

/** Re-read this far behind the watermark: a delivery committed this late after it was stamped is still earned. */
export const EARN_OVERLAP_MS = 15 * 60_000;
const BATCH = 500;
const MAX_POINTS = 1_000_000_000;
const EARN_MARK = "earn";

export interface EarnRun {
  earned: number;
  reversed: number;
  expired: number;
  referralBonuses: number;
}

type Program = Awaited<ReturnType<typeof repo.activePrograms>>[number];

/** The members (made on first delivery when the outlet qualifies) of a program for these memos' outlets. */
async function membersFor(db: Db, orgId: string, program: Program, outletIds: string[]) {
  const qualifying = await repo.outletsOfSegments(
    db,
    orgId,
    outletIds,
    program.outlet_channels,
    program.outlet_classes,
  );
  const existing = new Map(
    (await repo.membersOfOutlets(db, orgId, program.id, qualifying)).map((m) => [m.outlet_id as string, m.id]),
  );
  for (const outletId of qualifying) {
    if (existing.has(outletId)) continue;
    const member = await withTransaction(db, async (tx) => {
      const account = await ensureAccountForOutlet(tx, orgId, outletId);
      return ensureMembership(tx, orgId, program.id, account.id, outletId);
    });
    existing.set(outletId, member.id);
  }
  return existing;
}

async function earnOrder(db: Db, orgId: string, program: Program, memberId: string, o: DeliveredOrder) {
  return withTransaction(db, async (tx) => {
    await repo.lockMember(tx, orgId, memberId);
    const key = `order:${o.orderId}`;
    if (await repo.movementBySource(tx, orgId, memberId, key)) return 0;
    const movements = await repo.movementsOf(tx, orgId, memberId);
    const tiers = (await repo.tiersOf(tx, orgId, [program.id])).map((t) => ({
      id: t.id,
      thresholdPoints: t.threshold_points,
      multiplierBp: t.multiplier_bp,
    }));
    const earned12 = earnedInLast12Months(
      movements.map((m) => ({ ...m, entryDate: m.entry_date, expiresOn: m.expires_on, lotId: null })),
      o.deliveredOn,
    );
    const multiplier = tierFor(tiers, earned12)?.multiplierBp ?? 10_000;
    // One movement holds at most a billion points (the ledger's integer column), whatever the memo's value.
    const points = Math.min(
      pointsForValue(o.deliveredTotalPoisha, program.points_per_100_taka, multiplier),
      MAX_POINTS,
    );
    if (points === 0) return 0;
    return repo.postMovements(tx, [
      {
        org_id: orgId,
        id: newId(),
        member_id: memberId,
        kind: "earn",
        points,
        source_type: "order",
        source_id: o.orderId,
        source_key: key,
        entry_date: o.deliveredOn,
        expires_on: expiryFor(program.expiry_months, o.deliveredOn),
        value_poisha: o.deliveredTotalPoisha,
        multiplier_bp: multiplier,
        note: o.number,
      },
    ]);
  });
}

/**
 * Runs the earning for one org up to `now`. Each program reads from its own watermark: a program made today starts
 * from the beginning, so the memos already delivered count for its members (older points expire at once when
 * their date has passed, and only the last 12 months count toward a tier).
 */
export async function runEarning(db: Db, orgId: string, now: Date = new Date()): Promise<EarnRun> {
  const run: EarnRun = { earned: 0, reversed: 0, expired: 0, referralBonuses: 0 };
  for (const program of await repo.activePrograms(db, orgId)) {
    const markName = `${EARN_MARK}:${program.id}`;
    const mark = await repo.jobMark(db, orgId, markName);
    const since = new Date((mark?.getTime() ?? 0) - EARN_OVERLAP_MS);
    // Deliveries: one memo at a time, each in its own transaction under the member's lock.
    let from = since;
    for (;;) {
      const orders = await deliveredOrdersSince(db, orgId, from, now, BATCH);
      const members = await membersFor(db, orgId, program, [...new Set(orders.map((o) => o.outletId))]);
      for (const o of orders) {
        const memberId = members.get(o.outletId);
        if (memberId) run.earned += await earnOrder(db, orgId, program, memberId, o);
      }
      const last = orders[orders.length - 1];
      if (orders.length < BATCH || !last || last.deliveredAt.getTime() === from.getTime()) break;
      from = last.deliveredAt;
    }
    // Returns: the share of the memo's points that the returned value is of what was delivered.
    from = since;
    for (;;) {
      const returns = await returnsSince(db, orgId, from, now, BATCH);
      const outletIds = [...new Set(returns.map((r) => r.outletId))];
      const members = new Map(
        (await repo.membersOfOutlets(db, orgId, program.id, outletIds)).map((m) => [m.outlet_id as string, m.id]),
      );
      for (const r of returns) {
        const memberId = members.get(r.outletId);
        if (memberId) run.reversed += await reverseReturn(db, orgId, memberId, r);
      }
      const last = returns[returns.length - 1];
      if (returns.length < BATCH || !last || last.createdAt.getTime() === from.getTime()) break;
      from = last.createdAt;
    }
    await repo.setJobMark(db, orgId, markName, now);
  }
  run.expired = await runExpiries(db, orgId, businessDate(now));
  run.referralBonuses = await postReferralBonuses(db, orgId);
  return run;
}

function reverseReturn(db: Db, orgId: string, memberId: string, r: OrderReturn) {
  return withTransaction(db, async (tx) => {
    await repo.lockMember(tx, orgId, memberId);
    const earn = await repo.movementBySource(tx, orgId, memberId, `order:${r.orderId}`);
    if (!earn) return 0;
    const back = pointsForReturn(
      earn.points,
      r.deliveredTotalPoisha,
      r.returnedBeforePoisha,
      r.returnedBeforePoisha + r.totalPoisha,
    );
    if (back === 0) return 0;
    return repo.postMovements(tx, [
      {
        org_id: orgId,
        id: newId(),
        member_id: memberId,
        kind: "reverse",
        points: -back,
        source_type: "return",
        source_id: r.returnId,
        source_key: `return:${r.returnId}`,
        entry_date: r.returnedOn,
        value_poisha: -r.totalPoisha,
        note: earn.note,
      },
    ]);
  });
}

/** Posts every member's expiries due on `asOf`; returns the points expired. */
export async function runExpiries(db: Db, orgId: string, asOf: string): Promise<number> {
  let expired = 0;
  for (const memberId of await repo.membersWithExpiringLots(db, orgId, asOf))
    expired += await withTransaction(db, async (tx) => {
      await repo.lockMember(tx, orgId, memberId);
      return postDueExpiries(tx, orgId, memberId, asOf);
    });
  return expired;
}
