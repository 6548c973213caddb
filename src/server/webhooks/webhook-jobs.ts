// The webhooks' scheduled housekeeping. (Sending is not a scheduled job: the dispatcher loop in
// webhook-dispatcher.ts sends due deliveries every few seconds.)
import type { Logger } from "pino";
import type { Db } from "../db/transaction.ts";
import type { JobDefinition } from "../platform/jobs/jobs.ts";
import { DELIVERY_RETENTION_DAYS, purgeOldDeliveries } from "./webhooks.service.ts";

export function webhookJobs(db: Db, log: Logger): JobDefinition[] {
  return [
    {
      name: "webhooks-purge-old-deliveries",
      schedule: "43 3 * * *",
      handler: async () => {
        const deliveries = await purgeOldDeliveries(db);
        log.info({ deliveries, retentionDays: DELIVERY_RETENTION_DAYS }, "purged old webhook deliveries");
      },
    },
  ];
}
