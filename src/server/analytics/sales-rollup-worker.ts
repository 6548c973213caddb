// The loop that keeps the sales rollups fresh: in each app process, every second, it applies whatever changes
// the orders module has queued. Only one process works at a time (the rollup lock; the others skip their pass),
// so deltas never race. A confirmed memo is in the dashboards about a second after it commits.
import type { Logger } from "pino";
import type { Db } from "../db/transaction.ts";
import { type PollingLoop, startPollingLoop } from "../platform/polling-loop.ts";
import { applyPendingSalesChanges } from "./sales-rollups.service.ts";

/** Between passes: the dashboards' promise is "within 5 seconds", and an idle pass is one cheap query. */
export const ROLLUP_INTERVAL_MS = 1_000;

export type SalesRollupWorker = PollingLoop;

export function startSalesRollupWorker(db: Db, log: Logger, intervalMs = ROLLUP_INTERVAL_MS): SalesRollupWorker {
  return startPollingLoop(async () => {
    try {
      const applied = await applyPendingSalesChanges(db);
      if (applied > 0) log.debug({ applied }, "sales rollups updated");
    } catch (err) {
      log.error({ err }, "sales rollup pass failed");
    }
  }, intervalMs);
}
