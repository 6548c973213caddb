// The token a field snapshot hands out and takes back as `since`: when it was made (database clock), and short
// hashes of the outlet set, of the price book keys and of the trade schemes it was made for, so the next snapshot
// can tell that outlets joined or left the rep's beats, that the phone may hold the wrong books, or that a scheme
// started, changed, was paused or ended, without the phone sending its lists.
// Not secret and not signed: a forged token only changes how much of the rep's own data comes back.
import { createHash } from "node:crypto";

/** Bumped when the snapshot's format changes: an older token then gets a full snapshot. */
export const SNAPSHOT_FORMAT = 2;
/** A phone away longer than this gets everything again. */
export const MAX_TOKEN_AGE_MS = 30 * 24 * 60 * 60 * 1000;
/**
 * A change committed just after a snapshot may carry a time just before it (updated_at is its transaction's start):
 * the next snapshot looks back this far before the token's time, so it is sent twice rather than never.
 */
export const SNAPSHOT_OVERLAP_MS = 5_000;
/** Tolerated clock difference between the app servers reading the token. */
const FUTURE_TOLERANCE_MS = 60_000;

export interface SnapshotToken {
  /** Changes after this instant are new to the phone. */
  since: Date;
  outletSetHash: string;
  bookSetHash: string;
  /** The schemes in force the phone holds (their content, not only their ids: an edited scheme is new). */
  schemeSetHash: string;
}

/** A short, order-independent fingerprint of a set of ids. */
export function idSetHash(ids: Iterable<string>): string {
  const sorted = [...new Set(ids)].sort();
  return createHash("sha256").update(sorted.join(",")).digest("base64url").slice(0, 16);
}

export function writeSnapshotToken(
  madeAt: Date,
  outletSetHash: string,
  bookSetHash: string,
  schemeSetHash: string,
): string {
  const since = madeAt.getTime() - SNAPSHOT_OVERLAP_MS;
  return [SNAPSHOT_FORMAT, since.toString(36), outletSetHash, bookSetHash, schemeSetHash].join(".");
}

const HASH = /^[A-Za-z0-9_-]{16}$/;

/** The token's content, or null when it is unreadable, of another format, too old or from the future. */
export function readSnapshotToken(token: string, now: Date): SnapshotToken | null {
  const parts = token.split(".");
  if (parts.length !== 5) return null;
  const [format, time, outletSetHash = "", bookSetHash = "", schemeSetHash = ""] = parts;
  if (format !== String(SNAPSHOT_FORMAT) || !/^[0-9a-z]{1,12}$/.test(time ?? "")) return null;
  if (!HASH.test(outletSetHash) || !HASH.test(bookSetHash) || !HASH.test(schemeSetHash)) return null;
  const ms = Number.parseInt(time as string, 36);
  if (!Number.isSafeInteger(ms)) return null;
  if (ms > now.getTime() + FUTURE_TOLERANCE_MS || ms < now.getTime() - MAX_TOKEN_AGE_MS) return null;
  return { since: new Date(ms), outletSetHash, bookSetHash, schemeSetHash };
}
