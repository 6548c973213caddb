import { describe, expect, it } from "vitest";
import {
  addMonths,
  earnedInLast12Months,
  expiriesDue,
  expiringSoon,
  type Movement,
  pointsForReturn,
  pointsForValue,
  replay,
  spendable,
  statement,
  tierFor,
} from "./points-ledger.ts";

const earn = (id: string, points: number, entryDate: string, expiresOn: string | null): Movement => ({
  id,
  kind: "earn",
  points,
  entryDate,
  expiresOn,
  lotId: null,
});
const spend = (id: string, points: number, entryDate: string, kind: Movement["kind"] = "redeem"): Movement => ({
  id,
  kind,
  points: -points,
  entryDate,
  expiresOn: null,
  lotId: null,
});
const expire = (lotId: string, points: number, entryDate: string): Movement => ({
  id: `x-${lotId}`,
  kind: "expire",
  points: -points,
  entryDate,
  expiresOn: null,
  lotId,
});
const sum = (ms: readonly Movement[]) => ms.reduce((s, m) => s + m.points, 0);

describe("points for value", () => {
  it("gives whole points per ৳100, times the tier multiplier, rounded down", () => {
    // ৳1,234.56 at 1 point per ৳100 = 12 points; at x1.5 = 18.5 -> 18.
    expect(pointsForValue(123_456, 1)).toBe(12);
    expect(pointsForValue(123_456, 1, 15_000)).toBe(18);
    expect(pointsForValue(9_999, 1)).toBe(0);
    expect(pointsForValue(10_000, 3)).toBe(3);
    expect(pointsForValue(0, 5)).toBe(0);
    // Large values stay exact (no floating point).
    expect(pointsForValue(9_000_000_000_000_000, 1)).toBe(900_000_000_000);
  });

  it("a return takes back its share, and returns in parts take back what one return would", () => {
    // 100 points on ৳3,000 delivered; ৳1,000 back = a third = 33; the rest back = 67.
    expect(pointsForReturn(100, 300_000, 0, 100_000)).toBe(33);
    expect(pointsForReturn(100, 300_000, 100_000, 300_000)).toBe(67);
    const parts = [0, 70_000, 140_000, 210_000, 300_000];
    let back = 0;
    for (let i = 1; i < parts.length; i++)
      back += pointsForReturn(100, 300_000, parts[i - 1] as number, parts[i] as number);
    expect(back).toBe(100);
    // Never more than delivered.
    expect(pointsForReturn(100, 300_000, 0, 900_000)).toBe(100);
  });
});

describe("tiers", () => {
  const tiers = [
    { id: "silver", thresholdPoints: 0, multiplierBp: 10_000 },
    { id: "gold", thresholdPoints: 500, multiplierBp: 12_500 },
    { id: "platinum", thresholdPoints: 2_000, multiplierBp: 15_000 },
  ];
  it("picks the highest threshold reached", () => {
    expect(tierFor(tiers, 0)?.id).toBe("silver");
    expect(tierFor(tiers, 499)?.id).toBe("silver");
    expect(tierFor(tiers, 500)?.id).toBe("gold");
    expect(tierFor(tiers, 10_000)?.id).toBe("platinum");
    expect(tierFor([], 10_000)).toBeNull();
  });

  it("counts points earned, less returns, in the 12 months up to the day", () => {
    const ms = [
      earn("a", 300, "2025-11-25", null),
      earn("b", 400, "2025-11-26", null),
      spend("r", 100, "2026-01-01", "reverse"),
      spend("s", 200, "2026-02-01"),
      earn("c", 50, "2026-12-01", null),
    ];
    // From 2025-11-26 to 2026-11-25: b 400, reverse -100; a is 12 months old; the redemption does not count.
    expect(earnedInLast12Months(ms, "2026-11-25")).toBe(300);
  });

  it("adds months keeping the day, or the month's last day", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2026-11-25", 6)).toBe("2027-05-25");
    expect(addMonths("2026-11-25", -12)).toBe("2025-11-25");
    expect(addMonths("2024-02-29", 12)).toBe("2025-02-28");
  });
});

describe("ledger replay: FIFO redemption and expiry, worked by hand", () => {
  it("a redemption takes the oldest points first; an expiry posts what is left of a lot", () => {
    // Jan 10: earn 100 (expires Jul 10). Feb 5: earn 50 (expires Aug 5). Mar 1: redeem 120 -> 100 from January's
    // lot, 20 from February's (30 left). Jul 10: January's lot has nothing left: no expiry. Aug 5: 30 expire.
    const ms: Movement[] = [
      earn("jan", 100, "2026-01-10", "2026-07-10"),
      earn("feb", 50, "2026-02-05", "2026-08-05"),
      spend("mar", 120, "2026-03-01"),
    ];
    const s = replay(ms);
    expect(s.lots.map((l) => [l.id, l.remaining])).toEqual([
      ["jan", 0],
      ["feb", 30],
    ]);
    expect(s.balance).toBe(30);
    expect(expiriesDue(s, "2026-07-10")).toEqual([]);
    expect(expiriesDue(s, "2026-08-04")).toEqual([]);
    expect(expiriesDue(s, "2026-08-05")).toEqual([{ lotId: "feb", expiresOn: "2026-08-05", points: 30 }]);
    const after = [...ms, expire("feb", 30, "2026-08-05")];
    const s2 = replay(after);
    expect(s2.balance).toBe(0);
    expect(s2.balance).toBe(sum(after));
    // Posted once: the run again finds nothing.
    expect(expiriesDue(s2, "2026-12-31")).toEqual([]);
  });

  it("expired lots are skipped by later redemptions and expire in full", () => {
    // Jan 10 earn 100 (exp Jul 10); Mar redeem 30 (70 left); Apr 1 earn 80 (exp Oct 1). Jul 10: 70 expire.
    // Aug 1 redeem 50: January's lot is past its date, so it comes from April's (30 left). Oct 1: 30 expire.
    const ms: Movement[] = [
      earn("jan", 100, "2026-01-10", "2026-07-10"),
      spend("mar", 30, "2026-03-15"),
      earn("apr", 80, "2026-04-01", "2026-10-01"),
      spend("aug", 50, "2026-08-01"),
    ];
    const s = replay(ms);
    expect(s.lots.map((l) => [l.id, l.remaining])).toEqual([
      ["jan", 70],
      ["apr", 30],
    ]);
    // On Aug 1 the balance is 100 but only 30 can be spent: 70 are past their date, not yet posted.
    expect(spendable(replay(ms.slice(0, 3)), "2026-08-01")).toBe(80);
    expect(expiriesDue(s, "2026-10-01")).toEqual([
      { lotId: "jan", expiresOn: "2026-07-10", points: 70 },
      { lotId: "apr", expiresOn: "2026-10-01", points: 30 },
    ]);
    const posted = [...ms, expire("jan", 70, "2026-07-10"), expire("apr", 30, "2026-10-01")];
    expect(replay(posted).balance).toBe(0);
    expect(sum(posted)).toBe(0);
  });

  it("a return after the points were spent leaves a deficit the next points pay first", () => {
    const ms: Movement[] = [
      earn("o1", 40, "2026-01-01", "2027-01-01"),
      spend("r1", 40, "2026-01-02"),
      spend("ret", 10, "2026-01-03", "reverse"),
      earn("o2", 25, "2026-02-01", "2027-02-01"),
    ];
    const s = replay(ms);
    expect(s.deficit).toBe(0);
    expect(s.lots.find((l) => l.id === "o2")?.remaining).toBe(15);
    expect(s.balance).toBe(15);
    expect(replay(ms.slice(0, 3))).toMatchObject({ deficit: 10, balance: -10 });
  });

  it("shows what expires soon", () => {
    const s = replay([earn("a", 10, "2026-01-01", "2026-12-01"), earn("b", 20, "2026-02-01", "2027-02-01")]);
    expect(expiringSoon(s, "2026-11-25", "2026-12-25")).toEqual({ points: 10, firstDate: "2026-12-01" });
    expect(expiringSoon(s, "2026-11-25", "2026-11-30")).toEqual({ points: 0, firstDate: null });
  });

  it("a statement's closing balance is its opening plus its movements", () => {
    const ms = [
      earn("a", 100, "2026-09-10", null),
      spend("b", 30, "2026-10-05"),
      earn("c", 20, "2026-10-20", null),
      spend("d", 5, "2026-11-02"),
    ];
    const st = statement(ms, "2026-10-01", "2026-10-31");
    expect(st.opening).toBe(100);
    expect(st.lines.map((l) => [l.id, l.balanceAfter])).toEqual([
      ["b", 70],
      ["c", 90],
    ]);
    expect(st.closing).toBe(90);
  });
});
