// The driver outbox's rules, pure (no IndexedDB, no fetch) so they are tested in Node: where a write goes, what a
// failed request means for it, and how the trip looks on the phone with the outcomes not yet sent laid over the
// trip as last loaded.
import type { DriverDrop, DriverTrip, DriverWrite } from "./driver-db.ts";

export const DRIVER_API = "/api/v1/delivery/driver";

export function requestOf(write: DriverWrite): { path: string; body: unknown } {
  return { path: `${DRIVER_API}/drops/${write.dropId}/${write.kind}`, body: write.body };
}

/**
 * What a failed request means for the write:
 * - retry: no answer, a timeout, rate limiting, a server fault, or the same key still being worked on: stays queued;
 * - signed-out: the session ended; stays queued until the driver signs in again;
 * - blocked: the account may not do this now (403); stays queued, the sync stops;
 * - done: the server had carried it out already, only its answer was lost: never send it again;
 * - refused: the server said no for good (the drop already has an outcome, a bad proof image...): set aside.
 */
export type DriverFailure = "retry" | "signed-out" | "blocked" | "done" | "refused";

export function failureOf(status: number, code: string): DriverFailure {
  if (status === 0 || status === 408 || status === 429 || status >= 500) return "retry";
  if (status === 401) return "signed-out";
  if (status === 403) return "blocked";
  if (code === "idempotency.answer_lost") return "done";
  if (code === "idempotency.in_progress" || code === "idempotency.superseded") return "retry";
  return "refused";
}

/** The status a write gives its drop: delivered unless a line is short, failed for "could not deliver". */
export function statusAfter(write: DriverWrite, drop: Pick<DriverDrop, "lines">): DriverDrop["status"] {
  if (write.kind === "fail") return "failed";
  const short = new Map((write.body.lines ?? []).map((l) => [l.lineNo, l.deliveredQty]));
  const partial = drop.lines.some((l) => (short.get(l.lineNo) ?? l.quantity.qty) < l.quantity.qty);
  return partial ? "partially_delivered" : "delivered";
}

/** The value handed over: each line's total in proportion to what was delivered of it (the server's figure rules). */
export function deliveredValue(drop: Pick<DriverDrop, "lines">, delivered: ReadonlyMap<number, number>): number {
  return drop.lines.reduce((sum, l) => {
    const qty = delivered.get(l.lineNo) ?? l.quantity.qty;
    if (qty >= l.quantity.qty) return sum + l.totalPoisha;
    return sum + (l.quantity.qty === 0 ? 0 : Math.round((l.totalPoisha * qty) / l.quantity.qty));
  }, 0);
}

/** Only the lines delivered short go in the request: lines not listed are delivered in full. */
export function shortLines(
  drop: Pick<DriverDrop, "lines">,
  delivered: ReadonlyMap<number, number>,
): { lineNo: number; deliveredQty: number }[] {
  return drop.lines
    .filter((l) => (delivered.get(l.lineNo) ?? l.quantity.qty) < l.quantity.qty)
    .map((l) => ({ lineNo: l.lineNo, deliveredQty: delivered.get(l.lineNo) ?? l.quantity.qty }));
}

export type LocalState = "waiting" | "refused" | null;

export interface DropView extends DriverDrop {
  /** waiting: recorded on the phone, not yet accepted; refused: the server said no (the stop is open again). */
  local: LocalState;
  /** The outbox entry or refusal this state comes from. */
  localId: string | null;
}

export interface TripView extends Omit<DriverTrip, "drops"> {
  drops: DropView[];
  /** Drops done on this phone or on the server. */
  doneCount: number;
}

/**
 * The trip as the driver should see it: the server's copy, with each write still in the outbox shown as done
 * (waiting to send), and a refused write marked on its drop (which the server still has pending).
 */
export function tripView(
  trip: DriverTrip,
  pending: readonly { id: string; write: DriverWrite }[],
  refused: readonly { id: string; write: DriverWrite }[],
): TripView {
  const waiting = new Map(pending.filter((p) => p.write.tripId === trip.id).map((p) => [p.write.dropId, p]));
  const rejected = new Map(refused.filter((r) => r.write.tripId === trip.id).map((r) => [r.write.dropId, r]));
  const drops = trip.drops.map((d): DropView => {
    const w = d.status === "pending" ? waiting.get(d.id) : undefined;
    if (w) {
      const body = w.write.body;
      return {
        ...d,
        status: statusAfter(w.write, d),
        local: "waiting",
        localId: w.id,
        ...(w.write.kind === "deliver" && "receiverName" in body
          ? {
              receiverName: body.receiverName,
              cashCollectedPoisha: body.cashCollectedPoisha ?? 0,
              podKind: body.pod.kind,
            }
          : {}),
        ...(w.write.kind === "fail" && "reason" in body
          ? { failureReason: body.reason, failureNote: body.note ?? null }
          : {}),
      };
    }
    const r = d.status === "pending" ? rejected.get(d.id) : undefined;
    return { ...d, local: r ? "refused" : null, localId: r ? r.id : null };
  });
  return { ...trip, drops, doneCount: drops.filter((d) => d.status !== "pending").length };
}

/** Today's and running trips first (dispatched before planned), then later ones by date. */
export function tripOrder<T extends { status: string; tripDate: string; number: string }>(trips: readonly T[]): T[] {
  const rank = (t: T) => (t.status === "dispatched" ? 0 : t.status === "planned" ? 1 : 2);
  return [...trips].sort(
    (a, b) => a.tripDate.localeCompare(b.tripDate) || rank(a) - rank(b) || a.number.localeCompare(b.number),
  );
}
