// One sync: push the outbox (oldest first, in batches), then pull what changed. The page runs it (on start, when
// the network comes back, every minute, on "sync now") and so does the service worker's background sync when
// no page is open; a Web Lock keeps the two from running at once. A command's id is its idempotency key, so a
// batch sent twice (a lost reply, a reload mid-request) is answered with the first results, never acted twice.
import type { FieldCommandResult, FieldSnapshotResponse, FieldSyncResponse } from "../../../shared/contracts/field.ts";
import { type ApiCall, isFieldApiError } from "../api/field-api.ts";
import type { FieldDb, FieldMessage, OutboxEntry } from "../store/field-db.ts";
import { failureAction, historyOverflow, nextBatch, sortResults, withoutHeavyParts } from "./outbox-plan.ts";
import { mergeServerDay, mergeServerVisits, planSnapshot } from "./snapshot-plan.ts";

export type SyncStop = "offline" | "server" | "signed-out" | "blocked";

export interface SyncReport {
  applied: number;
  rejected: number;
  /** Why the push stopped early; null when the outbox was emptied (or left only unanswered commands). */
  stoppedBy: SyncStop | null;
  /** The server's message when it blocked the sync (403). */
  message: string | null;
  pulled: boolean;
  finishedAt: string;
}

export interface SyncDeps {
  db: FieldDb;
  api: ApiCall;
  userId: string;
  /** Pull the snapshot after the push (default true). */
  pull?: boolean;
}

type Outcome = { progress: number; stop: SyncStop | null; message: string | null };

const LOCK_NAME = "bikri-field-sync";
let localChain: Promise<unknown> = Promise.resolve();

/** Run `fn` alone: across this page and the service worker with Web Locks, else within this context. */
function exclusively<T>(fn: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks) return locks.request(LOCK_NAME, fn) as Promise<T>;
  const run = localChain.then(fn, fn);
  localChain = run.catch(() => undefined);
  return run;
}

export function syncNow(deps: SyncDeps): Promise<SyncReport> {
  return exclusively(() => runSync(deps));
}

async function runSync(deps: SyncDeps): Promise<SyncReport> {
  const report: SyncReport = {
    applied: 0,
    rejected: 0,
    stoppedBy: null,
    message: null,
    pulled: false,
    finishedAt: "",
  };
  for (;;) {
    const queued = await deps.db.outbox.where("userId").equals(deps.userId).toArray();
    if (queued.length === 0) break;
    const before = { applied: report.applied, rejected: report.rejected };
    const outcome = await sendBatch(deps, nextBatch(queued), report);
    if (outcome.stop) {
      report.stoppedBy = outcome.stop;
      report.message = outcome.message;
      break;
    }
    // Commands sent but not answered stay queued; going round again at once would only repeat the request.
    if (report.applied === before.applied && report.rejected === before.rejected) break;
  }
  if (deps.pull !== false && report.stoppedBy !== "offline" && report.stoppedBy !== "signed-out") {
    try {
      await pullSnapshot(deps);
      report.pulled = true;
    } catch (e) {
      if (!isFieldApiError(e)) throw e;
      report.stoppedBy ??= e.status === 0 ? "offline" : e.status === 401 ? "signed-out" : "server";
    }
  }
  report.finishedAt = new Date().toISOString();
  return report;
}

async function sendBatch(deps: SyncDeps, batch: OutboxEntry[], report: SyncReport): Promise<Outcome> {
  const { db } = deps;
  let response: FieldSyncResponse;
  try {
    response = await deps.api<FieldSyncResponse>("POST", "/api/v1/field/sync", {
      commands: batch.map((e) => e.command),
    });
  } catch (e) {
    if (!isFieldApiError(e)) throw e;
    const action = failureAction(e.status, batch.length);
    const now = new Date().toISOString();
    switch (action) {
      case "retry":
      case "signed-out":
      case "blocked":
        // Update, never put: an entry settled meanwhile must not come back.
        await db.outbox.bulkUpdate(
          batch.flatMap((x) =>
            x.seq === undefined ? [] : [{ key: x.seq, changes: { attempts: x.attempts + 1, lastAttemptAt: now } }],
          ),
        );
        return {
          progress: 0,
          stop: action === "retry" ? (e.status === 0 ? "offline" : "server") : action,
          message: action === "blocked" ? e.message : null,
        };
      case "split": {
        let progress = 0;
        for (const entry of batch) {
          const one = await sendBatch(deps, [entry], report);
          progress += one.progress;
          if (one.stop) return { ...one, progress };
        }
        return { progress, stop: null, message: null };
      }
      case "reject": {
        const [entry] = batch;
        if (!entry) return { progress: 0, stop: null, message: null };
        const error: FieldMessage = { code: e.code, message: e.message, ...(e.details && { details: e.details }) };
        await settle(db, [], [{ entry, error }]);
        report.rejected += 1;
        return { progress: 1, stop: null, message: null };
      }
    }
  }
  const sorted = sortResults(batch, response.results);
  await settle(
    db,
    sorted.applied,
    sorted.rejected.map(({ entry, result }) => ({ entry, error: result.error ?? unknownRejection(result) })),
  );
  report.applied += sorted.applied.length;
  report.rejected += sorted.rejected.length;
  return { progress: sorted.applied.length + sorted.rejected.length, stop: null, message: null };
}

const unknownRejection = (result: FieldCommandResult): FieldMessage => ({
  code: "field.rejected",
  message: result.warnings[0]?.message ?? "",
});

/** Applied: out of the outbox, into the history. Rejected: out of the outbox, into "needs attention". */
async function settle(
  db: FieldDb,
  applied: { entry: OutboxEntry; result: FieldCommandResult }[],
  rejected: { entry: OutboxEntry; error: FieldMessage }[],
): Promise<void> {
  const now = new Date().toISOString();
  await db.transaction("rw", db.outbox, db.history, db.attention, async () => {
    for (const { entry, result } of applied) {
      if (entry.seq !== undefined) await db.outbox.delete(entry.seq);
      await db.history.put({
        id: entry.id,
        userId: entry.userId,
        kind: entry.command.kind,
        command: withoutHeavyParts(entry.command),
        appliedAt: now,
        replayed: result.replayed,
        data: result.data,
        warnings: result.warnings,
      });
    }
    for (const { entry, error } of rejected) {
      if (entry.seq !== undefined) await db.outbox.delete(entry.seq);
      await db.attention.put({
        id: entry.id,
        userId: entry.userId,
        command: entry.command,
        error,
        rejectedAt: now,
      });
    }
    if (applied.length > 0) {
      const kept = await db.history.toArray();
      const drop = historyOverflow(kept);
      if (drop.length > 0) await db.history.bulkDelete(drop);
    }
  });
}

/** Pull what changed since the last snapshot (everything on the first pull, or after another user's). */
export async function pullSnapshot(deps: SyncDeps): Promise<FieldSnapshotResponse> {
  const { db, userId } = deps;
  const held = await db.getMeta("snapshot");
  const since = held && held.userId === userId ? held.token : undefined;
  const snapshot = await deps.api<FieldSnapshotResponse>(
    "GET",
    `/api/v1/field/snapshot${since ? `?since=${encodeURIComponent(since)}` : ""}`,
  );
  const plan = planSnapshot(snapshot);
  const tables = [db.outlets, db.skus, db.priceBooks, db.routes, db.schemes, db.meta, db.visits];
  await db.transaction("rw", tables, async () => {
    if (plan.replace) await Promise.all([db.outlets.clear(), db.skus.clear(), db.priceBooks.clear()]);
    await db.routes.clear();
    await db.routes.bulkPut(plan.routes);
    await db.outlets.bulkPut(plan.putOutlets);
    if (plan.deleteOutletIds.length > 0) await db.outlets.bulkDelete(plan.deleteOutletIds);
    await db.skus.bulkPut(plan.putSkus);
    if (plan.deleteSkuIds.length > 0) await db.skus.bulkDelete(plan.deleteSkuIds);
    await db.priceBooks.bulkPut(plan.putPriceBooks);
    if (plan.schemes) {
      await db.schemes.clear();
      await db.schemes.bulkPut(plan.schemes.schemes);
      await db.setMeta("exhaustedSchemeIds", plan.schemes.exhaustedSchemeIds);
    }
    await db.setMeta("snapshot", {
      userId,
      token: snapshot.token,
      today: snapshot.today,
      serverTime: snapshot.serverTime,
      pulledAt: new Date().toISOString(),
      me: snapshot.me,
      settings: snapshot.settings,
      noOrderReasons: snapshot.noOrderReasons,
      mustSellSkuIds: snapshot.mustSellSkuIds,
    });
    const day = mergeServerDay(await db.getMeta("day"), snapshot, userId);
    if (day) await db.setMeta("day", day);
    const local = await db.visits.where("[userId+date]").equals([userId, snapshot.today]).toArray();
    const visits = mergeServerVisits(local, snapshot, userId);
    if (visits.length > 0) await db.visits.bulkPut(visits);
  });
  return snapshot;
}
