// The CRM's scheduled work: task reminders. Every minute, the tasks whose reminder time has passed are claimed
// (marked reminded in the same statement that finds them, skipping rows another worker holds) and their owners get a
// notification, in the same transaction: a reminder is sent exactly once, however often or in parallel the job runs.
import type { Logger } from "pino";
import { formatDateTime } from "../../shared/format.ts";
import type { Db } from "../db/transaction.ts";
import { withTransaction } from "../db/transaction.ts";
import type { JobDefinition } from "../platform/jobs/jobs.ts";
import { notify } from "../platform/notifications/notifications.service.ts";
import { claimDueReminders } from "./activities.repository.ts";

export const TASK_REMINDERS_JOB = "crm-task-reminders";
const BATCH = 500;

/** Sends the reminders due at `now`; returns how many were sent. */
export async function sendTaskReminders(db: Db, now: Date = new Date()): Promise<number> {
  let sent = 0;
  for (;;) {
    const batch = await withTransaction(db, async (tx) => {
      const due = await claimDueReminders(tx, now, BATCH);
      for (const r of due) {
        if (!r.owner_user_id) continue;
        await notify(tx, r.org_id, {
          userIds: [r.owner_user_id],
          kind: "crm.task_reminder",
          title: { en: `Reminder: ${r.subject}`, bn: `রিমাইন্ডার: ${r.subject}` },
          body: r.due_at
            ? {
                en: `Due ${formatDateTime(r.due_at, "en")}`,
                bn: `নির্ধারিত সময় ${formatDateTime(r.due_at, "bn")}`,
              }
            : undefined,
          link: "/crm/my-day",
        });
        sent++;
      }
      return due.length;
    });
    if (batch < BATCH) return sent;
  }
}

export function crmJobs(db: Db, log: Logger): JobDefinition[] {
  return [
    {
      name: TASK_REMINDERS_JOB,
      schedule: "* * * * *",
      handler: async () => {
        const sent = await sendTaskReminders(db);
        if (sent > 0) log.info({ sent }, "task reminders sent");
      },
    },
  ];
}
