// The analytics module's schedule: every minute, the scheduled reports that are due; every morning at 06:00 in Dhaka, before managers start their day, the early
// warnings are found afresh for every org from up-to-date rollups, then each manager gets the digest.
import type { Logger } from "pino";
import { businessDate } from "../../shared/format.ts";
import type { Db } from "../db/transaction.ts";
import type { JobDefinition } from "../platform/jobs/jobs.ts";
import type { Mailer } from "../platform/mail/mailer.ts";
import { buildReport } from "./analytics-reports.ts";
import { sendDueReports } from "./report-schedules.service.ts";
import { orgIds } from "./sales-rollups.repository.ts";
import { applyPendingSalesChanges } from "./sales-rollups.service.ts";
import { refreshWarnings, sendWarningDigests } from "./sales-warnings.service.ts";

export const DAILY_WARNINGS_JOB = "analytics-warnings";
export const REPORTS_JOB = "analytics-send-reports";

/** Refreshes every org's warnings (one org failing does not stop the others), then sends the digests. */
export async function runDailyWarnings(db: Db, mailer: Pick<Mailer, "configured" | "send">, log: Logger) {
  const today = businessDate();
  // Changes still queued (the worker runs every second, but may be behind) go in first.
  await applyPendingSalesChanges(db);
  for (const orgId of await orgIds(db)) {
    try {
      const counts = await refreshWarnings(db, orgId, today);
      log.info({ orgId, ...counts }, "early warnings refreshed");
    } catch (err) {
      log.error({ err, orgId }, "early warnings refresh failed");
    }
  }
  const digest = await sendWarningDigests(db, mailer, today);
  for (const f of digest.failed) log.warn({ userId: f.userId, reason: f.reason }, "warning digest email not sent");
  log.info(
    { notified: digest.notified, emailed: digest.emailed, failed: digest.failed.length },
    "warning digests sent",
  );
}

/** Sends the scheduled reports that are due, each built as its owner sees it now. */
export async function runDueReports(db: Db, mailer: Mailer, log: Logger) {
  const r = await sendDueReports(db, mailer, new Date(), buildReport);
  for (const err of r.unexpected) log.error({ err }, "scheduled report could not be built");
  if (r.sent + r.failed + r.skipped > 0)
    log.info({ sent: r.sent, failed: r.failed, skipped: r.skipped }, "scheduled reports");
}

export function analyticsJobs(db: Db, log: Logger, mailer: Mailer): JobDefinition[] {
  return [
    { name: REPORTS_JOB, schedule: "* * * * *", handler: () => runDueReports(db, mailer, log) },
    {
      name: DAILY_WARNINGS_JOB,
      // Cron in Asia/Dhaka (jobs.ts schedules with that time zone).
      schedule: "0 6 * * *",
      handler: () => runDailyWarnings(db, mailer, log),
    },
  ];
}
