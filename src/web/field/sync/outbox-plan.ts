// The outbox rules, pure (no IndexedDB, no fetch) so they are tested in Node: which commands go in the next
// request, what each kind of failure means for them, and what each result does to the outbox.
import type { FieldCommand, FieldCommandResult } from "../../../shared/contracts/field.ts";

/** The contract's limit per request. */
export const MAX_BATCH_COMMANDS = 100;
/** The server refuses bodies over 1 MiB by default; photos are ~100 KB each, so batches stay well under it. */
export const MAX_BATCH_BYTES = 700_000;
/** Applied commands kept on the phone (with the server's order and receipt numbers). */
export const HISTORY_LIMIT = 200;

export interface Queued {
  seq?: number;
  command: FieldCommand;
}

const utf8Length = (s: string): number => new TextEncoder().encode(s).length;

/**
 * The next request's commands: the oldest first, at most 100 and about 700 KB. Always at least one, so a single
 * large command still goes (alone) and the server, not the phone, decides whether it is too big.
 */
export function nextBatch<T extends Queued>(
  queued: readonly T[],
  maxCount = MAX_BATCH_COMMANDS,
  maxBytes = MAX_BATCH_BYTES,
): T[] {
  const sorted = [...queued].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  const batch: T[] = [];
  let bytes = 0;
  for (const q of sorted) {
    const size = utf8Length(JSON.stringify(q.command));
    if (batch.length > 0 && (batch.length >= maxCount || bytes + size > maxBytes)) break;
    batch.push(q);
    bytes += size;
  }
  return batch;
}

/**
 * What a failed request means:
 * - retry: no answer, a timeout, rate limiting or a server fault (5xx): everything stays queued for later;
 * - signed-out: the session ended; everything stays queued until the rep signs in again;
 * - blocked: the account may not sync now (403: e.g. two-step sign-in must be set up); stays queued;
 * - split: the server refused the request as a whole (one malformed command fails the body's validation):
 *   send the commands one by one so that only the bad one is set aside;
 * - reject: that single command is refused for good: it goes to "needs attention" with the server's message.
 */
export type FailureAction = "retry" | "signed-out" | "blocked" | "split" | "reject";

export function failureAction(status: number, batchSize: number): FailureAction {
  if (status === 0 || status === 408 || status === 429 || status >= 500) return "retry";
  if (status === 401) return "signed-out";
  if (status === 403) return "blocked";
  return batchSize > 1 ? "split" : "reject";
}

export interface SortedResults<T> {
  applied: { entry: T; result: FieldCommandResult }[];
  rejected: { entry: T; result: FieldCommandResult }[];
  /** Sent but not answered: they stay in the outbox and go again. */
  unanswered: T[];
}

/** Match the server's results to the commands sent, by command id. */
export function sortResults<T extends Queued>(
  batch: readonly T[],
  results: readonly FieldCommandResult[],
): SortedResults<T> {
  const byId = new Map(results.map((r) => [r.id, r]));
  const out: SortedResults<T> = { applied: [], rejected: [], unanswered: [] };
  for (const entry of batch) {
    const result = byId.get(entry.command.id);
    if (!result) out.unanswered.push(entry);
    else if (result.status === "applied") out.applied.push({ entry, result });
    else out.rejected.push({ entry, result });
  }
  return out;
}

/** The command as history keeps it: the photo has done its job once the server has it. */
export function withoutHeavyParts(command: FieldCommand): FieldCommand {
  if (command.kind !== "outlet.propose" || !command.payload.photo) return command;
  const { photo: _photo, ...payload } = command.payload;
  return { ...command, payload };
}

/** The history entries to drop so that at most `limit` remain: the oldest applied first. */
export function historyOverflow<T extends { id: string; appliedAt: string }>(
  entries: readonly T[],
  limit = HISTORY_LIMIT,
): string[] {
  if (entries.length <= limit) return [];
  return [...entries]
    .sort((a, b) => a.appliedAt.localeCompare(b.appliedAt))
    .slice(0, entries.length - limit)
    .map((e) => e.id);
}
