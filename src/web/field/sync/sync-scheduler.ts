// When the page syncs: on start, when the network comes back (`online`), every minute while online, right after
// a command is queued, on "sync now", and when the service worker's background sync wakes it. One run at a
// time; a request during a run makes one more run after it.
import { outboxEvents } from "../store/field-actions.ts";
import { type SyncDeps, type SyncReport, syncNow } from "./field-sync.ts";
import { BACKGROUND_SYNC_TAG, SYNC_MESSAGE } from "./sync-names.ts";

const EVERY_MS = 60_000;

export interface SyncStatus {
  running: boolean;
  last: SyncReport | null;
  /** When a sync last reached the server and finished without a stop. */
  lastSuccessAt: string | null;
}

let status: SyncStatus = { running: false, last: null, lastSuccessAt: null };
const listeners = new Set<() => void>();

function setStatus(next: Partial<SyncStatus>): void {
  status = { ...status, ...next };
  for (const l of listeners) l();
}

export const subscribeSyncStatus = (listener: () => void): (() => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
export const getSyncStatus = (): SyncStatus => status;

let trigger: (() => void) | null = null;

/** "Sync now". */
export function requestSync(): void {
  trigger?.();
}

type SyncRegistration = ServiceWorkerRegistration & { sync?: { register: (tag: string) => Promise<void> } };

/** Ask the browser to wake the service worker when there is a network (Chromium: Background Sync). */
async function registerBackgroundSync(): Promise<void> {
  if (!("serviceWorker" in navigator) || !navigator.serviceWorker.controller) return;
  try {
    const reg = (await navigator.serviceWorker.ready) as SyncRegistration;
    await reg.sync?.register(BACKGROUND_SYNC_TAG);
  } catch {
    // Not supported or not allowed: the page's own triggers still sync.
  }
}

export function startSyncScheduler(options: { deps: () => SyncDeps; onSignedOut: () => void }): () => void {
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
      const report = await syncNow(options.deps());
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
    void registerBackgroundSync();
    clearTimeout(debounce);
    debounce = setTimeout(() => void run(), 300);
  };
  const onOnline = () => void run();
  const onMessage = (e: MessageEvent) => {
    if ((e.data as { type?: string } | null)?.type === SYNC_MESSAGE) void run();
  };
  const timer = setInterval(() => {
    if (navigator.onLine) void run();
  }, EVERY_MS);

  outboxEvents.addEventListener("queued", onQueued);
  window.addEventListener("online", onOnline);
  navigator.serviceWorker?.addEventListener("message", onMessage);
  void run();

  return () => {
    stopped = true;
    trigger = null;
    clearInterval(timer);
    clearTimeout(debounce);
    outboxEvents.removeEventListener("queued", onQueued);
    window.removeEventListener("online", onOnline);
    navigator.serviceWorker?.removeEventListener("message", onMessage);
  };
}

const emptyReport = (): SyncReport => ({
  applied: 0,
  rejected: 0,
  stoppedBy: null,
  message: null,
  pulled: false,
  finishedAt: new Date().toISOString(),
});
