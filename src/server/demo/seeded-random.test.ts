import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRng, type Rng } from "./seeded-random.ts";

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const take = (rng: Rng, n: number): number[] => Array.from({ length: n }, () => rng.uint32());

describe("createRng", () => {
  it("gives the same sequence for the same seed", () => {
    expect(take(createRng("bikri-demo"), 200)).toEqual(take(createRng("bikri-demo"), 200));
    const a = createRng("x");
    const b = createRng("x");
    const at = new Date("2026-01-15T04:00:00Z");
    expect([a.int(1, 100), a.pick(["p", "q", "r"]), a.uuidv7At(at), a.shuffle([1, 2, 3, 4, 5])]).toEqual([
      b.int(1, 100),
      b.pick(["p", "q", "r"]),
      b.uuidv7At(at),
      b.shuffle([1, 2, 3, 4, 5]),
    ]);
  });

  it("gives different sequences for different seeds, even similar ones", () => {
    const seeds = ["", "a", "b", "demo-1", "demo-2", "demo-10", "ঢাকা"];
    const firsts = seeds.map((s) => take(createRng(s), 4).join(","));
    expect(new Set(firsts).size).toBe(seeds.length);
  });

  // Seeded ids and demo data must not change when this file is refactored: a change here means every
  // existing demo database and every test that names a seeded id breaks.
  it("keeps producing the values it produced when it was written", () => {
    const rng = createRng("bikri-demo");
    expect(take(rng, 3)).toEqual(GOLDEN.uint32);
    expect(rng.uuidv7At(new Date("2026-01-01T00:00:00.000Z"))).toBe(GOLDEN.uuid);
  });

  it("spreads uint32 over all 32 bits", () => {
    const rng = createRng("bits");
    let or = 0;
    let and = 0xffffffff;
    for (let i = 0; i < 1000; i++) {
      const u = rng.uint32();
      expect(Number.isInteger(u) && u >= 0 && u < 2 ** 32).toBe(true);
      or |= u;
      and &= u;
    }
    expect(or >>> 0).toBe(0xffffffff);
    expect(and).toBe(0);
  });
});

describe("next and float", () => {
  it("stay in [0, 1) and [min, max) with a mean near the middle", () => {
    const rng = createRng("floats");
    let sum = 0;
    for (let i = 0; i < 10_000; i++) {
      const x = rng.next();
      expect(x >= 0 && x < 1).toBe(true);
      sum += x;
      const f = rng.float(-2.5, 7.5);
      expect(f >= -2.5 && f < 7.5).toBe(true);
    }
    expect(sum / 10_000).toBeCloseTo(0.5, 1);
  });
});

describe("int", () => {
  it("stays in range and covers it evenly", () => {
    const rng = createRng("dice");
    const counts = new Map<number, number>();
    for (let i = 0; i < 60_000; i++) {
      const v = rng.int(1, 6);
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    for (const c of counts.values()) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });

  it("stays in range for any bounds", () => {
    fc.assert(
      fc.property(fc.string(), fc.integer(), fc.integer({ min: 0, max: 2 ** 40 }), (seed, min, width) => {
        const max = min + width;
        fc.pre(Number.isSafeInteger(max));
        const rng = createRng(seed);
        for (let i = 0; i < 20; i++) {
          const v = rng.int(min, max);
          if (!Number.isInteger(v) || v < min || v > max) return false;
        }
        return true;
      }),
    );
  });

  it("returns the only value of a one-value range and covers negative ranges", () => {
    const rng = createRng("edge");
    expect(rng.int(7, 7)).toBe(7);
    const seen = new Set(Array.from({ length: 200 }, () => rng.int(-2, 2)));
    expect([...seen].sort()).toEqual([-1, -2, 0, 1, 2].sort());
  });

  it("refuses bad bounds", () => {
    const rng = createRng("bad");
    expect(() => rng.int(5, 4)).toThrow(RangeError);
    expect(() => rng.int(0.5, 4)).toThrow(RangeError);
    expect(() => rng.int(0, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe("pick, weightedPick, chance, shuffle", () => {
  it("pick returns every element sometimes and refuses an empty list", () => {
    const rng = createRng("pick");
    const items = ["a", "b", "c", "d"] as const;
    const seen = new Set(Array.from({ length: 200 }, () => rng.pick(items)));
    expect(seen.size).toBe(4);
    expect(() => rng.pick([])).toThrow(RangeError);
  });

  it("weightedPick follows the weights and never picks a zero weight", () => {
    const rng = createRng("weights");
    const counts = { a: 0, b: 0, never: 0 };
    for (let i = 0; i < 20_000; i++) {
      const k = rng.weightedPick<keyof typeof counts>([
        ["never", 0],
        ["a", 3],
        ["b", 1],
        ["never", 0],
      ]);
      counts[k]++;
    }
    expect(counts.never).toBe(0);
    expect(counts.a / 20_000).toBeCloseTo(0.75, 1);
    expect(() => rng.weightedPick([["x", 0]])).toThrow(RangeError);
    expect(() => rng.weightedPick([["x", -1]])).toThrow(RangeError);
    expect(() => rng.weightedPick([])).toThrow(RangeError);
  });

  it("chance(p) is true about p of the time, never for 0, always for 1", () => {
    const rng = createRng("chance");
    let hits = 0;
    let zeroHits = 0;
    let oneHits = 0;
    for (let i = 0; i < 20_000; i++) {
      if (rng.chance(0.3)) hits++;
      if (rng.chance(0)) zeroHits++;
      if (rng.chance(1)) oneHits++;
    }
    expect(hits / 20_000).toBeCloseTo(0.3, 1);
    expect([zeroHits, oneHits]).toEqual([0, 20_000]);
    expect(() => rng.chance(1.5)).toThrow(RangeError);
    expect(() => rng.chance(Number.NaN)).toThrow(RangeError);
  });

  it("shuffle returns a permutation and leaves the input alone", () => {
    const rng = createRng("shuffle");
    const input = Array.from({ length: 50 }, (_, i) => i);
    const copy = input.slice();
    const out = rng.shuffle(input);
    expect(input).toEqual(copy);
    expect(out).not.toEqual(input);
    expect(out.slice().sort((x, y) => x - y)).toEqual(input);
  });

  it("methods work when passed around unbound", () => {
    const { int, pick } = createRng("unbound");
    expect(pick([int(1, 3)])).toBeGreaterThanOrEqual(1);
  });
});

describe("uuidv7At", () => {
  const at = new Date("2026-03-01T06:30:00.123Z");

  it("has the UUIDv7 format with version 7 and the RFC 9562 variant", () => {
    const rng = createRng("ids");
    for (let i = 0; i < 1000; i++) expect(rng.uuidv7At(at)).toMatch(UUID_V7);
  });

  it("carries the date's milliseconds in its first 48 bits", () => {
    const id = createRng("ids").uuidv7At(at);
    const ms = Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
    expect(ms).toBe(at.getTime());
    expect(createRng("ids").uuidv7At(new Date(0)).startsWith("00000000-0000-7")).toBe(true);
  });

  it("sorts by time, as server-made ids do", () => {
    const rng = createRng("sorted");
    const dates = Array.from({ length: 100 }, (_, i) => new Date(Date.UTC(2026, 0, 1) + i * 60_000));
    const ids = dates.map((d) => rng.uuidv7At(d));
    expect(ids.slice().sort()).toEqual(ids);
  });

  it("differs for records made in the same millisecond", () => {
    const rng = createRng("same-ms");
    const ids = Array.from({ length: 10_000 }, () => rng.uuidv7At(at));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("refuses dates a UUIDv7 cannot hold", () => {
    const rng = createRng("bad-dates");
    expect(() => rng.uuidv7At(new Date("nonsense"))).toThrow(RangeError);
    expect(() => rng.uuidv7At(new Date(-1))).toThrow(RangeError);
  });
});

describe("fork", () => {
  it("does not depend on how much the parent stream was used", () => {
    const fresh = createRng("org");
    const used = createRng("org");
    take(used, 1000);
    expect(take(fresh.fork("outlets"), 50)).toEqual(take(used.fork("outlets"), 50));
  });

  it("does not consume from the parent stream", () => {
    const a = createRng("org");
    const b = createRng("org");
    a.fork("outlets");
    expect(take(a, 10)).toEqual(take(b, 10));
  });

  it("gives streams that differ from the parent, from each other and from look-alike paths", () => {
    const root = createRng("org");
    const streams = [
      createRng("org"),
      root.fork("outlets"),
      root.fork("orders"),
      root.fork("outlets").fork("visits"),
      root.fork("outlets/visits"),
      root.fork("outlets").fork("visits").fork(""),
      createRng("org/outlets"),
      createRng("org").fork(""),
    ];
    const firsts = streams.map((s) => take(s, 4).join(","));
    expect(new Set(firsts).size).toBe(streams.length);
  });

  it("is itself deterministic", () => {
    expect(take(createRng("org").fork("a").fork("b"), 20)).toEqual(take(createRng("org").fork("a").fork("b"), 20));
  });
});

const GOLDEN = {
  uint32: [167299806, 3218384454, 813118538],
  uuid: "019b76da-a800-765f-ae71-64f21289f847",
};
