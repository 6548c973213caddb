import { describe, expect, it } from "vitest";
import {
  idSetHash,
  MAX_TOKEN_AGE_MS,
  readSnapshotToken,
  SNAPSHOT_OVERLAP_MS,
  writeSnapshotToken,
} from "./field-snapshot-token.ts";

const now = new Date("2026-11-24T10:00:00.000Z");

describe("field snapshot token", () => {
  it("reads back what it wrote, looking back a little before the time it was made", () => {
    const outlets = idSetHash(["b", "a"]);
    const books = idSetHash([]);
    const schemes = idSetHash(["s1"]);
    const token = writeSnapshotToken(now, outlets, books, schemes);
    expect(token.length).toBeLessThanOrEqual(200);
    expect(readSnapshotToken(token, now)).toEqual({
      since: new Date(now.getTime() - SNAPSHOT_OVERLAP_MS),
      outletSetHash: outlets,
      bookSetHash: books,
      schemeSetHash: schemes,
    });
  });

  it("fingerprints a set whatever its order, and tells sets apart", () => {
    expect(idSetHash(["x", "y", "x"])).toBe(idSetHash(["y", "x"]));
    expect(idSetHash(["x", "y"])).not.toBe(idSetHash(["x"]));
    expect(idSetHash([])).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });

  it("refuses tokens that are unreadable, of another format, too old or from the future", () => {
    const h = idSetHash(["a"]);
    const at = (ms: number) => `2.${ms.toString(36)}.${h}.${h}.${h}`;
    expect(readSnapshotToken(at(now.getTime()), now)).not.toBeNull();
    expect(readSnapshotToken("", now)).toBeNull();
    expect(readSnapshotToken("garbage", now)).toBeNull();
    // A token of the format before schemes: the phone gets everything once, schemes included.
    expect(readSnapshotToken(`1.${now.getTime().toString(36)}.${h}.${h}`, now)).toBeNull();
    expect(readSnapshotToken(`3.${now.getTime().toString(36)}.${h}.${h}.${h}`, now)).toBeNull();
    expect(readSnapshotToken(`2.${now.getTime().toString(36)}.short.${h}.${h}`, now)).toBeNull();
    expect(readSnapshotToken(`2.${now.getTime().toString(36)}.${h}.${h}.short`, now)).toBeNull();
    expect(readSnapshotToken(at(now.getTime() - MAX_TOKEN_AGE_MS - 1), now)).toBeNull();
    expect(readSnapshotToken(at(now.getTime() + 10 * 60_000), now)).toBeNull();
  });
});
