// The dispatcher: a loop in each app process that sends due webhook deliveries every few seconds. It keeps
// no state of its own (what is due lives in webhook_deliveries) and claims rows with SKIP LOCKED, so any
// number of app processes can run it side by side without sending a delivery twice at once. It runs
// wherever background jobs run (BIKRI_JOBS), in both storage modes.
import type { Logger } from "pino";
import type { Db } from "../db/transaction.ts";
import { deliverDueWebhooks, type WebhookOptions } from "./webhooks.service.ts";

/** Between passes; a new event waits at most this long for its first attempt. */
export const POLL_INTERVAL_MS = 5_000;

export interface WebhookDispatcher {
  /** Stops the loop and waits for a pass in progress to finish (it is bounded by the attempt timeout). */
  stop(): Promise<void>;
}

export function startWebhookDispatcher(
  db: Db,
  log: Logger,
  opts: WebhookOptions & { intervalMs?: number },
): WebhookDispatcher {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<void> | null = null;

  const pass = async () => {
    try {
      const r = await deliverDueWebhooks(db, opts);
      if (r.attempted > 0) log.info(r, "webhook deliveries attempted");
    } catch (err) {
      log.error({ err }, "webhook dispatcher pass failed");
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      current = pass().finally(() => {
        current = null;
        schedule();
      });
    }, opts.intervalMs ?? POLL_INTERVAL_MS);
    // A pending pass alone must not keep the process alive.
    timer.unref();
  };
  schedule();

  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
