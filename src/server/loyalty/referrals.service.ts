// Referrals (C7): every member has a code; a lead form opened with ?ref=CODE stores the code on the lead (the leads
// module), and this report follows each code to its leads and those converted. When the program gives a referral
// bonus, the referrer gets it once per converted lead (source key referral:<lead id>).
import { businessDate } from "../../shared/format.ts";
import { newId } from "../../shared/ids.ts";
import { leadsByReferralCodes } from "../crm/leads.service.ts";
import { type Db, withTransaction } from "../db/transaction.ts";
import type { Ctx } from "../platform/context.ts";
import * as repo from "./loyalty.repository.ts";
import { addMonths } from "./points-ledger.ts";

/** The query a lead form's address takes to credit a referrer. */
export const referralQuery = (code: string) => `?ref=${encodeURIComponent(code)}`;

export async function referralsReport(ctx: Ctx) {
  const orgId = ctx.actor.orgId;
  const members = await repo.listMembers(
    ctx.db,
    orgId,
    { scope: ctx.actor.scope, userId: ctx.actor.userId },
    { limit: 10_000 },
  );
  const leads = await leadsByReferralCodes(
    ctx.db,
    orgId,
    members.map((m) => m.referral_code),
  );
  const bonuses = new Map((await repo.referralBonusTotals(ctx.db, orgId)).map((b) => [b.member_id, Number(b.points)]));
  const items = members
    .map((m) => {
      const mine = leads.filter((l) => l.referral_code === m.referral_code);
      return {
        code: m.referral_code,
        memberId: m.id,
        accountName: m.account_name,
        shareUrl: referralQuery(m.referral_code),
        leads: mine.length,
        converted: mine.filter((l) => l.status === "converted").length,
        bonusPoints: bonuses.get(m.id) ?? 0,
      };
    })
    .sort((a, b) => b.leads - a.leads || b.converted - a.converted || a.accountName.localeCompare(b.accountName));
  return { items };
}

/** Posts the bonus of every converted referred lead not yet rewarded; returns how many were posted. */
export async function postReferralBonuses(db: Db, orgId: string): Promise<number> {
  const programs = (await repo.activePrograms(db, orgId)).filter((p) => p.referral_bonus_points > 0);
  let posted = 0;
  for (const program of programs) {
    const members = await repo.listMembers(
      db,
      orgId,
      { scope: { kind: "org" }, userId: "" },
      { programId: program.id, limit: 100_000 },
    );
    if (members.length === 0) continue;
    const byCode = new Map(members.map((m) => [m.referral_code, m]));
    const leads = await leadsByReferralCodes(db, orgId, [...byCode.keys()]);
    for (const lead of leads) {
      const m = lead.status === "converted" && lead.referral_code ? byCode.get(lead.referral_code) : undefined;
      if (!m) continue;
      const day = businessDate(lead.converted_at ? (lead.converted_at as Date) : new Date());
      posted += await withTransaction(db, async (tx) => {
        await repo.lockMember(tx, orgId, m.id);
        return repo.postMovements(tx, [
          {
            org_id: orgId,
            id: newId(),
            member_id: m.id,
            kind: "earn",
            points: program.referral_bonus_points,
            source_type: "referral",
            source_id: lead.id,
            source_key: `referral:${lead.id}`,
            entry_date: day,
            expires_on: program.expiry_months === null ? null : addMonths(day, program.expiry_months),
            note: lead.name,
          },
        ]);
      });
    }
  }
  return posted;
}
