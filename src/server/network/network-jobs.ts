// The network's scheduled work: outlet reassignments dated for today take effect just after midnight in
// Dhaka. The job looks back a week, so a day the server was down is caught up on the next run.
import type { Logger } from "pino";
import { businessDate } from "../../shared/format.ts";
import type { Db } from "../db/transaction.ts";
import type { JobDefinition } from "../platform/jobs/jobs.ts";
import { applyDueAssignments, orgsWithDueAssignments } from "./outlets.service.ts";

const LOOK_BACK_DAYS = 7;

export function networkJobs(db: Db, log: Logger): JobDefinition[] {
  return [
    {
      name: "network-apply-outlet-assignments",
      schedule: "5 0 * * *",
      handler: async () => {
        const today = businessDate();
        const since = businessDate(new Date(Date.now() - LOOK_BACK_DAYS * 86_400_000));
        let outlets = 0;
        for (const orgId of await orgsWithDueAssignments(db, since, today))
          outlets += await applyDueAssignments(db, orgId, today);
        log.info({ outlets, today }, "applied outlet assignments that came due");
      },
    },
  ];
}
