import { describe, expect, it } from "vitest";
import type { FieldCommand, FieldCommandResult } from "../../../shared/contracts/field.ts";
import {
  failureAction,
  historyOverflow,
  MAX_BATCH_COMMANDS,
  nextBatch,
  sortResults,
  withoutHeavyParts,
} from "./outbox-plan.ts";

const id = (n: number) => `0190a000-0000-7000-8000-${String(n).padStart(12, "0")}`;

function checkIn(n: number): FieldCommand {
  return {
    id: id(n),
    kind: "visit.check_in",
    at: "2026-11-24T04:00:00.000Z",
    payload: { visitId: id(1000 + n), outletId: id(2000 + n), gps: null },
  };
}

function propose(n: number, photoBytes: number): FieldCommand {
  return {
    id: id(n),
    kind: "outlet.propose",
    at: "2026-11-24T04:00:00.000Z",
    payload: {
      outletId: id(3000 + n),
      name: "New Store",
      nameBn: "নতুন দোকান",
      ownerName: "Rahim",
      phone: "+8801712345678",
      channel: "grocery",
      outletClass: "C",
      address: "",
      routeId: id(4000),
      gps: null,
      photo: { contentType: "image/webp", base64: "A".repeat(photoBytes) },
    },
  };
}

const result = (n: number, status: "applied" | "rejected"): FieldCommandResult => ({
  id: id(n),
  kind: "visit.check_in",
  status,
  replayed: false,
  error: status === "rejected" ? { code: "field.outlet_not_yours", message: "Not your outlet" } : null,
  warnings: [],
  data: {},
});

describe("the outbox's next batch", () => {
  it("sends the oldest commands first, whatever order they were read in", () => {
    const queued = [3, 1, 2].map((seq) => ({ seq, command: checkIn(seq) }));
    expect(nextBatch(queued).map((q) => q.seq)).toEqual([1, 2, 3]);
  });

  it("holds at most 100 commands (the contract's limit)", () => {
    const queued = Array.from({ length: 250 }, (_, i) => ({ seq: i + 1, command: checkIn(i + 1) }));
    const batch = nextBatch(queued);
    expect(batch).toHaveLength(MAX_BATCH_COMMANDS);
    expect(batch[0]?.seq).toBe(1);
    expect(batch.at(-1)?.seq).toBe(100);
  });

  it("stops before the request grows past the byte budget, but always sends at least one", () => {
    const queued = [1, 2, 3].map((seq) => ({ seq, command: propose(seq, 300_000) }));
    expect(nextBatch(queued).map((q) => q.seq)).toEqual([1, 2]);
    expect(nextBatch([{ seq: 9, command: propose(9, 900_000) }])).toHaveLength(1);
  });

  it("counts Bengali text by its UTF-8 bytes", () => {
    const bengali = {
      ...propose(1, 0),
      payload: { ...propose(1, 0).payload, photo: undefined, address: "ক".repeat(1000) },
    };
    const q = [
      { seq: 1, command: bengali as FieldCommand },
      { seq: 2, command: bengali as FieldCommand },
    ];
    const oneSize = new TextEncoder().encode(JSON.stringify(bengali)).length;
    expect(nextBatch(q, 100, oneSize + 10)).toHaveLength(1);
    expect(nextBatch(q, 100, oneSize * 2)).toHaveLength(2);
  });
});

describe("what a failed request means for the queued commands", () => {
  it("keeps everything queued on no answer, timeouts, rate limits and server faults", () => {
    for (const status of [0, 408, 429, 500, 502, 503]) expect(failureAction(status, 5)).toBe("retry");
  });
  it("waits for a new sign-in on 401 and stops on 403", () => {
    expect(failureAction(401, 5)).toBe("signed-out");
    expect(failureAction(403, 1)).toBe("blocked");
  });
  it("splits a refused batch so that only the bad command is set aside", () => {
    expect(failureAction(400, 5)).toBe("split");
    expect(failureAction(413, 2)).toBe("split");
    expect(failureAction(400, 1)).toBe("reject");
    expect(failureAction(422, 1)).toBe("reject");
  });
});

describe("results against the batch", () => {
  it("sorts applied and rejected by command id, and keeps unanswered commands queued", () => {
    const batch = [1, 2, 3].map((seq) => ({ seq, command: checkIn(seq) }));
    const sorted = sortResults(batch, [result(3, "applied"), result(1, "rejected")]);
    expect(sorted.applied.map((a) => a.entry.seq)).toEqual([3]);
    expect(sorted.rejected.map((r) => r.entry.seq)).toEqual([1]);
    expect(sorted.rejected[0]?.result.error?.message).toBe("Not your outlet");
    expect(sorted.unanswered.map((u) => u.seq)).toEqual([2]);
  });

  it("ignores results for commands not in the batch", () => {
    const batch = [{ seq: 1, command: checkIn(1) }];
    const sorted = sortResults(batch, [result(7, "applied")]);
    expect(sorted.applied).toEqual([]);
    expect(sorted.unanswered).toHaveLength(1);
  });
});

describe("the history of applied commands", () => {
  it("drops the photo of a proposed outlet but keeps the rest", () => {
    const kept = withoutHeavyParts(propose(1, 5000));
    expect(kept.kind).toBe("outlet.propose");
    expect("photo" in kept.payload).toBe(false);
    expect((kept.payload as { name: string }).name).toBe("New Store");
    const other = checkIn(2);
    expect(withoutHeavyParts(other)).toBe(other);
  });

  it("keeps the newest entries up to the limit", () => {
    const entries = [5, 1, 4, 2, 3].map((n) => ({ id: `h${n}`, appliedAt: `2026-11-24T0${n}:00:00.000Z` }));
    expect(historyOverflow(entries, 3).sort()).toEqual(["h1", "h2"]);
    expect(historyOverflow(entries, 10)).toEqual([]);
  });
});
