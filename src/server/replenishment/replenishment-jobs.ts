// The replenishment module's morning: at 05:30 in Dhaka, before the day's orders and before the analytics
// warnings (06:00), every org's series are forecast afresh, proposals made for the distributors at their reorder
// point, and the stock alerts found and sent. One org failing does not stop the others.
import type { Logger } from "pino";
import type { Db } from "../db/transaction.ts";
import type { JobDefinition } from "../platform/jobs/jobs.ts";
import type { Mailer } from "../platform/mail/mailer.ts";
import { runForecasts } from "./demand-forecasting.ts";
import { generateProposals } from "./replenishment-proposals.service.ts";
import { refreshAlerts, sendAlertDigests } from "./stock-alerts.service.ts";

export const DAILY_REPLENISHMENT_JOB = "replenishment-daily";

export async function runDailyReplenishment(db: Db, mailer: Pick<Mailer, "configured" | "send">, log: Logger) {
  const orgs = await db.selectFrom("orgs").select("id").execute();
  for (const { id: orgId } of orgs) {
    try {
      const run = await runForecasts(db, orgId);
      log.info({ orgId, series: run.series, medianRelativeMae: run.medianRelativeMae }, "demand forecast run");
      const proposals = await generateProposals(db, orgId);
      log.info({ orgId, ...proposals, skipped: proposals.skipped.length }, "replenishment proposals");
      const counts = await refreshAlerts(db, orgId);
      const digest = await sendAlertDigests(db, orgId, mailer);
      for (const f of digest.failed) log.warn({ userId: f.userId, reason: f.reason }, "stock alert email not sent");
      log.info({ orgId, ...counts, notified: digest.notified, emailed: digest.emailed }, "stock alerts");
    } catch (err) {
      log.error({ err, orgId }, "daily replenishment failed");
    }
  }
}

export function replenishmentJobs(db: Db, log: Logger, mailer: Mailer): JobDefinition[] {
  return [
    // Cron in Asia/Dhaka (jobs.ts schedules with that time zone).
    { name: DAILY_REPLENISHMENT_JOB, schedule: "30 5 * * *", handler: () => runDailyReplenishment(db, mailer, log) },
  ];
}
