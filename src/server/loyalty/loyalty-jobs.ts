// Loyalty and surveys in the background: every 15 minutes each org's points are posted for what was delivered and
// returned since the last run (plus expiries and referral bonuses), survey invitations are made for deliveries and
// closed tickets, and pending invitation emails are sent, after the transactions that made them have committed.
// One org failing does not stop the others; a run that overlaps another posts nothing twice (unique source keys).
import type { Logger } from "pino";
import type { EarnRunResponse } from "../../shared/contracts/loyalty.ts";
import type { Db } from "../db/transaction.ts";
import type { Ctx } from "../platform/context.ts";
import type { JobDefinition } from "../platform/jobs/jobs.ts";
import type { Mailer } from "../platform/mail/mailer.ts";
import { orgIds } from "./loyalty.repository.ts";
import { runEarning } from "./loyalty-earning.ts";
import { inviteForTriggers, sendInvitationEmails } from "./surveys.service.ts";

export const LOYALTY_JOB = "loyalty-earn";

/** One org's run: points, then invitations. */
export async function runLoyaltyForOrg(db: Db, orgId: string, now = new Date()): Promise<EarnRunResponse> {
  const run = await runEarning(db, orgId, now);
  const invitations = await inviteForTriggers(db, orgId, now);
  return { ...run, invitations };
}

/** The run for the caller's org, started by hand (loyalty.manage). */
export function runEarningNow(ctx: Ctx): Promise<EarnRunResponse> {
  return runLoyaltyForOrg(ctx.db, ctx.actor.orgId);
}

export async function runLoyaltyJob(
  db: Db,
  log: Logger,
  mailer: Pick<Mailer, "configured" | "send">,
  linkBase: string,
) {
  for (const orgId of await orgIds(db)) {
    try {
      const run = await runLoyaltyForOrg(db, orgId);
      const mail = await sendInvitationEmails(db, orgId, mailer, linkBase);
      if (
        run.earned ||
        run.reversed ||
        run.expired ||
        run.referralBonuses ||
        run.invitations ||
        mail.sent ||
        mail.failed
      )
        log.info({ orgId, ...run, emailed: mail.sent, emailFailed: mail.failed }, "loyalty run");
    } catch (err) {
      log.error({ err, orgId }, "loyalty run failed");
    }
  }
}

export function loyaltyJobs(db: Db, log: Logger, mailer: Mailer, linkBase: string): JobDefinition[] {
  // Cron in Asia/Dhaka (jobs.ts schedules with that time zone).
  return [{ name: LOYALTY_JOB, schedule: "*/15 * * * *", handler: () => runLoyaltyJob(db, log, mailer, linkBase) }];
}
