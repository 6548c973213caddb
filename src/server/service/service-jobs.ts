// The service desk's clock: every minute, tickets whose first response or resolution has just gone overdue are
// marked breached (once per breach), their people told, and the ticket escalated (service.service.ts: markBreaches).
import type { Logger } from "pino";
import type { Db } from "../db/transaction.ts";
import type { JobDefinition } from "../platform/jobs/jobs.ts";
import { markBreaches } from "./service.service.ts";

export const SLA_BREACH_JOB = "service-sla-breaches";

export function serviceJobs(db: Db, log: Logger): JobDefinition[] {
  return [
    {
      name: SLA_BREACH_JOB,
      schedule: "* * * * *",
      handler: async () => {
        const marked = await markBreaches(db);
        if (marked > 0) log.info({ marked }, "service SLA breaches marked");
      },
    },
  ];
}
