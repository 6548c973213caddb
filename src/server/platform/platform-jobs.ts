// Housekeeping the platform schedules for itself.
import type { Logger } from "pino";
import type { Db } from "../db/transaction.ts";
import { purgeExpiredSessions } from "../users/auth.service.ts";
import { purgeOldKeys } from "./idempotency/idempotency.repository.ts";
import type { JobDefinition } from "./jobs/jobs.ts";

/** Idempotency keys are promised for 24 hours; keep them twice that. */
const IDEMPOTENCY_RETENTION_HOURS = 48;

export function platformJobs(db: Db, log: Logger): JobDefinition[] {
  return [
    {
      name: "platform-purge-expired",
      schedule: "17 * * * *",
      handler: async () => {
        const sessions = await purgeExpiredSessions(db);
        const keys = await purgeOldKeys(db, IDEMPOTENCY_RETENTION_HOURS);
        log.info({ sessions, keys }, "purged expired sessions and idempotency keys");
      },
    },
  ];
}
