// The driver's outbox and sync. A drop's outcome is checked against the contract, then written to IndexedDB before
// the screen says it is done; the sync sends the outbox oldest first, each request with its entry id as the
// Idempotency-Key (a retry after a lost answer gets the first answer, so a drop is never delivered twice), then
// loads the driver's trips again. It runs when the app opens, when the network comes back, every 30 seconds while
// online, and right after something is recorded. Only one run at a time, across tabs (Web Locks).
import { useSyncExternalStore } from "react";
import type { DeliverDropRequest, FailDropRequest, TripSummary } from "../../../shared/contracts/delivery.ts";
import { newId } from "../../../shared/ids.ts";
import { type ApiCall, isFieldApiError } from "../api/field-api.ts";
import {
  type DriverDb,
  type DriverMessage,
  type DriverOutboxEntry,
  type DriverTrip,
  type DriverWrite,
  type DropOutcome,
  tripListKey,
} from "./driver-db.ts";
import { DRIVER_API, failureOf, requestOf } from "./driver-plan.ts";

type Contract = typeof import("../../../shared/contracts/delivery.ts");
let contract: Promise<Contract> | undefined;
/** The contract (and zod with it) is needed only when something is recorded, not to show the stops. */
const loadContract = (): Promise<Contract> => {
  contract ??= import("../../../shared/contracts/delivery.ts");
  return contract;
};

export type Issues = { path: PropertyKey[]; message: string; code: string }[];
export type QueueResult = { ok: true; id: string } | { ok: false; issues: Issues };

/** Told when a write is queued, so the sync starts at once when there is a network. */
export const driverOutboxEvents = new EventTarget();

/** Record a drop's outcome on the phone: checked against the contract, then queued. */
export async function queueDriverWrite(db: DriverDb, userId: string, write: DriverWrite): Promise<QueueResult> {
  const c = await loadContract();
  const schema: typeof DeliverDropRequest | typeof FailDropRequest =
    write.kind === "deliver" ? c.DeliverDropRequest : c.FailDropRequest;
  const parsed = schema.safeParse(write.body);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues as Issues };
  const id = newId();
  await db.transaction("rw", db.outbox, db.refused, async () => {
    // Recorded again after a refusal: the refusal has had its say.
    const earlier = await db.refused.where("userId").equals(userId).toArray();
    await db.refused.bulkDelete(earlier.filter((r) => r.write.dropId === write.dropId).map((r) => r.id));
    // The body is stored as sent: a retry must carry the same body as the first try, or the key is "reused".
    await db.outbox.add({ id, userId, write, createdAt: new Date().toISOString(), attempts: 0, lastAttemptAt: null });
  });
  driverOutboxEvents.dispatchEvent(new Event("queued"));
  return { ok: true, id };
}

export async function discardRefused(db: DriverDb, id: string): Promise<void> {
  await db.refused.delete(id);
}

export type DriverSyncStop = "offline" | "server" | "signed-out" | "blocked";

export interface DriverSyncReport {
  sent: number;
  refused: number;
  stoppedBy: DriverSyncStop | null;
  message: string | null;
  pulled: boolean;
  finishedAt: string;
}

export interface DriverSyncDeps {
  db: DriverDb;
  api: ApiCall;
  userId: string;
}

const LOCK_NAME = "bikri-driver-sync";
let localChain: Promise<unknown> = Promise.resolve();

function exclusively<T>(fn: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks) return locks.request(LOCK_NAME, fn) as Promise<T>;
  const run = localChain.then(fn, fn);
  localChain = run.catch(() => undefined);
  return run;
}

export function syncDriver(deps: DriverSyncDeps): Promise<DriverSyncReport> {
  return exclusively(() => runSync(deps));
}

const stopOf = (status: number): DriverSyncStop => (status === 0 ? "offline" : "server");

async function runSync(deps: DriverSyncDeps): Promise<DriverSyncReport> {
  const { db, userId } = deps;
  const report: DriverSyncReport = {
    sent: 0,
    refused: 0,
    stoppedBy: null,
    message: null,
    pulled: false,
    finishedAt: "",
  };
  const queued = await db.outbox.where("userId").equals(userId).sortBy("seq");
  for (const entry of queued) {
    const stop = await sendOne(deps, entry, report);
    if (stop) {
      report.stoppedBy = stop.stop;
      report.message = stop.message;
      break;
    }
  }
  if (report.stoppedBy !== "offline" && report.stoppedBy !== "signed-out") {
    try {
      await pullTrips(deps);
      report.pulled = true;
    } catch (e) {
      if (!isFieldApiError(e)) throw e;
      report.stoppedBy ??= e.status === 401 ? "signed-out" : stopOf(e.status);
    }
  }
  report.finishedAt = new Date().toISOString();
  return report;
}

async function sendOne(
  deps: DriverSyncDeps,
  entry: DriverOutboxEntry,
  report: DriverSyncReport,
): Promise<{ stop: DriverSyncStop; message: string | null } | null> {
  const { db } = deps;
  const { path, body } = requestOf(entry.write);
  let outcome: DropOutcome;
  try {
    outcome = await deps.api<DropOutcome>("POST", path, body, { idempotencyKey: entry.id });
  } catch (e) {
    if (!isFieldApiError(e)) throw e;
    const action = failureOf(e.status, e.code);
    if (action === "done") {
      await settle(db, entry, { answerLost: true, outcome: null });
      report.sent += 1;
      return null;
    }
    if (action === "refused") {
      const error: DriverMessage = { code: e.code, message: e.message };
      await db.transaction("rw", db.outbox, db.refused, async () => {
        if (entry.seq !== undefined) await db.outbox.delete(entry.seq);
        await db.refused.put({
          id: entry.id,
          userId: entry.userId,
          write: entry.write,
          error,
          rejectedAt: new Date().toISOString(),
        });
      });
      report.refused += 1;
      return null;
    }
    if (entry.seq !== undefined)
      await db.outbox.update(entry.seq, { attempts: entry.attempts + 1, lastAttemptAt: new Date().toISOString() });
    return {
      stop: action === "retry" ? stopOf(e.status) : action,
      message: action === "blocked" ? e.message : null,
    };
  }
  await settle(db, entry, { answerLost: false, outcome });
  report.sent += 1;
  return null;
}

/** Out of the outbox, into "sent"; the stored trip takes the server's copy of the drop at once. */
async function settle(
  db: DriverDb,
  entry: DriverOutboxEntry,
  result: { answerLost: boolean; outcome: DropOutcome | null },
): Promise<void> {
  await db.transaction("rw", db.outbox, db.sent, db.trips, async () => {
    if (entry.seq !== undefined) await db.outbox.delete(entry.seq);
    await db.sent.put({
      id: entry.id,
      userId: entry.userId,
      kind: entry.write.kind,
      tripId: entry.write.tripId,
      dropId: entry.write.dropId,
      sentAt: new Date().toISOString(),
      answerLost: result.answerLost,
      outcome: result.outcome,
    });
    const stored = await db.trips.get(entry.write.tripId);
    const answer = result.outcome;
    if (stored && answer) {
      const trip: DriverTrip = {
        ...stored.trip,
        status: answer.tripStatus,
        drops: stored.trip.drops.map((d) =>
          d.id === answer.drop.id ? { ...d, ...answer.drop, lines: d.lines, outletDuesPoisha: d.outletDuesPoisha } : d,
        ),
      };
      await db.trips.put({ ...stored, trip });
    }
    // Keep the last 200 answers: enough for days of stops, small on the phone.
    const kept = await db.sent.where("userId").equals(entry.userId).sortBy("sentAt");
    if (kept.length > 200) await db.sent.bulkDelete(kept.slice(0, kept.length - 200).map((s) => s.id));
  });
}

/** The driver's trips (running, today's and coming), each with its stops and lines, replacing what the phone had. */
export async function pullTrips(deps: DriverSyncDeps): Promise<void> {
  const { db, api, userId } = deps;
  const list = await api<{ items: TripSummary[] }>("GET", `${DRIVER_API}/trips`);
  const details: DriverTrip[] = [];
  for (const t of list.items) details.push(await api<DriverTrip>("GET", `${DRIVER_API}/trips/${t.id}`));
  const fetchedAt = new Date().toISOString();
  await db.transaction("rw", db.trips, db.lists, async () => {
    const before = await db.trips.where("userId").equals(userId).primaryKeys();
    const now = new Set(details.map((d) => d.id));
    await db.trips.bulkDelete(before.filter((id) => !now.has(id)));
    await db.trips.bulkPut(details.map((trip) => ({ id: trip.id, userId, fetchedAt, trip })));
    await db.lists.put({ key: tripListKey(userId), userId, fetchedAt, items: list.items });
  });
}

// --- the schedule, and its state as React state

const EVERY_MS = 30_000;

export interface DriverSyncStatus {
  running: boolean;
  last: DriverSyncReport | null;
  lastSuccessAt: string | null;
}

let status: DriverSyncStatus = { running: false, last: null, lastSuccessAt: null };
const listeners = new Set<() => void>();
const setStatus = (next: Partial<DriverSyncStatus>) => {
  status = { ...status, ...next };
  for (const l of listeners) l();
};
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};
export const useDriverSyncStatus = (): DriverSyncStatus => useSyncExternalStore(subscribe, () => status);

let trigger: (() => void) | null = null;
/** "Send now" / "Refresh". */
export const requestDriverSync = (): void => trigger?.();

export function startDriverSync(options: { deps: () => DriverSyncDeps; onSignedOut: () => void }): () => void {
  let again = false;
  let stopped = false;
  let debounce: ReturnType<typeof setTimeout> | undefined;
  const run = async (): Promise<void> => {
    if (stopped) return;
    if (status.running) {
      again = true;
      return;
    }
    if (!navigator.onLine) {
      setStatus({ last: { ...emptyReport(), stoppedBy: "offline" } });
      return;
    }
    setStatus({ running: true });
    try {
      const report = await syncDriver(options.deps());
      setStatus({ last: report, ...(report.stoppedBy === null && { lastSuccessAt: report.finishedAt }) });
      if (report.stoppedBy === "signed-out") options.onSignedOut();
    } catch {
      setStatus({ last: { ...emptyReport(), stoppedBy: "server" } });
    } finally {
      setStatus({ running: false });
      if (again && !stopped) {
        again = false;
        void run();
      }
    }
  };
  trigger = () => void run();
  const onQueued = () => {
    clearTimeout(debounce);
    debounce = setTimeout(() => void run(), 300);
  };
  const onOnline = () => void run();
  const timer = setInterval(() => {
    if (navigator.onLine) void run();
  }, EVERY_MS);
  driverOutboxEvents.addEventListener("queued", onQueued);
  window.addEventListener("online", onOnline);
  void run();
  return () => {
    stopped = true;
    trigger = null;
    clearInterval(timer);
    clearTimeout(debounce);
    driverOutboxEvents.removeEventListener("queued", onQueued);
    window.removeEventListener("online", onOnline);
  };
}

const emptyReport = (): DriverSyncReport => ({
  sent: 0,
  refused: 0,
  stoppedBy: null,
  message: null,
  pulled: false,
  finishedAt: new Date().toISOString(),
});
