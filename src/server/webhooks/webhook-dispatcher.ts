// The dispatcher: a loop in each app process that sends due webhook deliveries every few seconds. It keeps
// no state of its own (what is due lives in webhook_deliveries) and claims rows with SKIP LOCKED, so any
// number of app processes can run it side by side without sending a delivery twice at once. It runs
// wherever background jobs run (BIKRI_JOBS), in both storage modes.
import type { Logger } from "pino";
import type { Db } from "../db/transaction.ts";
import { type PollingLoop, startPollingLoop } from "../platform/polling-loop.ts";
import { deliverDueWebhooks, type WebhookOptions } from "./webhooks.service.ts";

/** Between passes; a new event waits at most this long for its first attempt. */
export const POLL_INTERVAL_MS = 5_000;

export type WebhookDispatcher = PollingLoop;

export function startWebhookDispatcher(
  db: Db,
  log: Logger,
  opts: WebhookOptions & { intervalMs?: number },
): WebhookDispatcher {
  return startPollingLoop(async () => {
    try {
      const r = await deliverDueWebhooks(db, opts);
      if (r.attempted > 0) log.info(r, "webhook deliveries attempted");
    } catch (err) {
      log.error({ err }, "webhook dispatcher pass failed");
    }
  }, opts.intervalMs ?? POLL_INTERVAL_MS);
}
