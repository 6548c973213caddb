// Deterministic randomness for demo and benchmark data: the same seed gives the same organisation,
// the same outlets and the same ids on every run and every machine, so demo links, screenshots and
// test expectations stay valid. Never use it for anything secret (tokens, passwords): it is predictable
// by design.
//
// The generator is sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): 128 bits of state,
// 32-bit integer arithmetic only, passes PractRand to large sizes, and is much faster than anything
// cryptographic. The string seed is hashed into the 128-bit state.

export interface Rng {
  /** A float in [0, 1) with 53 random bits. */
  next(): number;
  /** An integer in [0, 2^32). */
  uint32(): number;
  /** An integer in [min, max], both inclusive, without modulo bias. */
  int(min: number, max: number): number;
  /** A float in [min, max). */
  float(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** Picks a value with probability proportional to its weight; zero weights are never picked. */
  weightedPick<T>(entries: readonly (readonly [value: T, weight: number])[]): T;
  /** True with probability p. */
  chance(p: number): boolean;
  /** A shuffled copy; the input is left as it was. */
  shuffle<T>(items: readonly T[]): T[];
  /**
   * A UUIDv7 whose 48-bit timestamp is `date` and whose 74 random bits come from this stream, so a
   * seeded record gets the same id on every run and still sorts by creation time like server-made ids.
   */
  uuidv7At(date: Date): string;
  /**
   * An independent stream derived from this stream's seed and `label` only, not from how many values
   * this stream has produced. Give each generator its own fork so that adding or changing one
   * generator never shifts the values another one sees.
   */
  fork(label: string): Rng;
}

export function createRng(seed: string): Rng {
  // Length-prefixed so that the path of seed and labels is unambiguous: createRng("a").fork("b") and
  // createRng("a/b") must not land on the same stream.
  return rngFromKey(`${seed.length}:${seed}`);
}

function rngFromKey(key: string): Rng {
  let [a, b, c, d] = hash128(key);

  function uint32(): number {
    // sfc32
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  }

  // The first outputs after seeding are still correlated with the hash; discarding a few is the
  // usual remedy for sfc32.
  for (let i = 0; i < 15; i++) uint32();

  function next(): number {
    const hi = uint32() >>> 5; // 27 bits
    const lo = uint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  function int(min: number, max: number): number {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min > max) {
      throw new RangeError(`int(${min}, ${max}): need safe integers with min <= max`);
    }
    const range = max - min + 1;
    if (range <= 0x1_0000_0000) {
      // Reject the top partial bucket so every value in the range is equally likely.
      const limit = 0x1_0000_0000 - (0x1_0000_0000 % range);
      let u = uint32();
      while (u >= limit) u = uint32();
      return min + (u % range);
    }
    // Ranges wider than 2^32 are rare here (epoch milliseconds); 53 bits of float is plenty.
    return min + Math.floor(next() * range);
  }

  function float(min: number, max: number): number {
    if (!Number.isFinite(min) || !Number.isFinite(max) || min > max) {
      throw new RangeError(`float(${min}, ${max}): need finite numbers with min <= max`);
    }
    return min + next() * (max - min);
  }

  function pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("pick: the list is empty");
    return items[int(0, items.length - 1)] as T;
  }

  function weightedPick<T>(entries: readonly (readonly [value: T, weight: number])[]): T {
    let total = 0;
    for (const [, weight] of entries) {
      if (!Number.isFinite(weight) || weight < 0) throw new RangeError(`weightedPick: bad weight ${weight}`);
      total += weight;
    }
    if (total <= 0) throw new RangeError("weightedPick: weights must add up to more than 0");
    let r = next() * total;
    for (const [value, weight] of entries) {
      if (r < weight) return value;
      r -= weight;
    }
    // Floating-point rounding can leave r a hair above the last weight; fall back to the last
    // entry that can be picked at all.
    for (let i = entries.length - 1; i >= 0; i--) {
      const entry = entries[i] as readonly [T, number];
      if (entry[1] > 0) return entry[0];
    }
    throw new Error("unreachable");
  }

  function chance(p: number): boolean {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`chance(${p}): p must be in [0, 1]`);
    return next() < p;
  }

  function shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = int(0, i);
      const tmp = out[i] as T;
      out[i] = out[j] as T;
      out[j] = tmp;
    }
    return out;
  }

  function uuidv7At(date: Date): string {
    const ms = date.getTime();
    if (!Number.isInteger(ms) || ms < 0 || ms > 0xffff_ffff_ffff) {
      throw new RangeError(`uuidv7At: ${String(date)} is not a date a UUIDv7 can hold`);
    }
    const time = ms.toString(16).padStart(12, "0");
    const r1 = uint32();
    const r2 = uint32();
    const r3 = uint32();
    const randA = r1 & 0xfff; // 12 bits after the version nibble
    const variantAndRandB = 0x8000 | (r2 & 0x3fff); // variant 0b10, then 14 bits
    const hex = (n: number, width: number): string => n.toString(16).padStart(width, "0");
    return [
      time.slice(0, 8),
      time.slice(8, 12),
      hex(0x7000 | randA, 4),
      hex(variantAndRandB, 4),
      hex(r3 >>> 0, 8) + hex(r1 >>> 16, 4),
    ].join("-");
  }

  function fork(label: string): Rng {
    return rngFromKey(`${key}/${label.length}:${label}`);
  }

  return { next, uint32, int, float, pick, weightedPick, chance, shuffle, uuidv7At, fork };
}

// Four 32-bit lanes of a multiply-xorshift string hash, each lane with its own multiplier, then
// cross-mixed so every lane depends on every character. Not a cryptographic hash; it only has to
// spread similar seeds ("demo-1", "demo-2") far apart.
function hash128(text: string): [number, number, number, number] {
  let h1 = 0x6a09e667;
  let h2 = 0xbb67ae85;
  let h3 = 0x3c6ef372;
  let h4 = 0xa54ff53a;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 0x9e3779b1);
    h2 = h3 ^ Math.imul(h2 ^ k, 0x85ebca77);
    h3 = h4 ^ Math.imul(h3 ^ k, 0xc2b2ae3d);
    h4 = h1 ^ Math.imul(h4 ^ k, 0x27d4eb2f);
  }
  h1 = fmix32(h1 ^ text.length);
  h2 = fmix32(h2 ^ h1);
  h3 = fmix32(h3 ^ h2);
  h4 = fmix32(h4 ^ h3);
  h1 = fmix32(h1 ^ h4);
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

// MurmurHash3's finaliser: every input bit flips each output bit with probability about 1/2.
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
