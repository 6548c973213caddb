import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CLAIM_FLOW,
  type ClaimAction,
  type ClaimCandidate,
  type ClaimStatus,
  canTakeClaimAction,
  claimableNow,
  claimLines,
  type DeliveredLine,
  itemKey,
  itemWorth,
  keptQty,
  proRataHalfUp,
} from "./claim-math.ts";

describe("proRataHalfUp", () => {
  it.each([
    // poisha, kept, qty, expected (worked by hand)
    [1000, 10, 10, 1000], // delivered in full
    [1000, 7, 10, 700], // 1000 x 7 / 10 = 700 exactly
    [1000, 1, 3, 333], // 333.33 -> 333
    [1000, 2, 3, 667], // 666.67 -> 667
    [5, 1, 2, 3], // 2.5 -> 3 (half up)
    [3, 1, 2, 2], // 1.5 -> 2
    [1, 1, 4, 0], // 0.25 -> 0
    [1000, 0, 10, 0], // nothing kept
    [-5, 1, 2, -3], // a reversal mirrors its charge: -2.5 -> -3
  ])("%i x %i / %i = %i", (poisha, kept, qty, expected) => {
    expect(proRataHalfUp(poisha, kept, qty)).toBe(expected);
  });

  it("is exact beyond 2^53 in the product", () => {
    // 9 007 199 254 740 991 x 3 / 3: a float product would lose the last digit.
    expect(proRataHalfUp(Number.MAX_SAFE_INTEGER, 3, 3)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it("refuses a line without quantity", () => {
    expect(() => proRataHalfUp(100, 0, 0)).toThrow(RangeError);
  });

  it("never exceeds the adjustment and never goes below zero (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 1000 }), (poisha, qty) =>
        fc.assert(
          fc.property(fc.integer({ min: 0, max: qty }), (kept) => {
            const v = proRataHalfUp(poisha, kept, qty);
            expect(v).toBeGreaterThanOrEqual(0);
            expect(v).toBeLessThanOrEqual(poisha);
            // Within half a poisha of the exact share.
            expect(Math.abs(v - (poisha * kept) / qty)).toBeLessThanOrEqual(0.5);
          }),
          { numRuns: 5 },
        ),
      ),
      { numRuns: 100 },
    );
  });
});

describe("keptQty", () => {
  it.each([
    [10, 10, 0, 10],
    [10, 6, 0, 6],
    [10, 6, 2, 4],
    [10, 6, 6, 0],
    [10, 0, 0, 0],
  ])("qty %i, delivered %i, returned %i keeps %i", (qty, deliveredQty, returnedQty, kept) => {
    expect(keptQty({ qty, deliveredQty, returnedQty })).toBe(kept);
  });
});

const S1 = "scheme-1"; // claimable: the distributor funds it
const S2 = "scheme-2"; // the company's own: never claimed
const O1 = "order-1";
const O2 = "order-2";

describe("itemWorth", () => {
  // Memo O1: 12 soap at 3 333 poisha discount by S1 (10 % of 33 330) and 1 free soap (free_goods 2 778 by S1),
  // delivered 7 of 12 and the free one; S2 gave 500 on the soap line.
  //   soap line: 3 333 x 7 / 12 = 1 944.25 -> 1 944; free line: 2 778 x 1 / 1 = 2 778; S1 = 4 722.
  // Memo O2: 5 of 5 delivered, 2 returned: 1 001 x 3 / 5 = 600.6 -> 601.
  const lines: DeliveredLine[] = [
    {
      orderId: O1,
      qty: 12,
      deliveredQty: 7,
      returnedQty: 0,
      adjustments: [
        { schemeId: S1, kind: "discount", poisha: 3333 },
        { schemeId: S2, kind: "discount", poisha: 500 },
      ],
    },
    {
      orderId: O1,
      qty: 1,
      deliveredQty: 1,
      returnedQty: 0,
      adjustments: [{ schemeId: S1, kind: "free_goods", poisha: 2778 }],
    },
    { orderId: O1, qty: 3, deliveredQty: 3, returnedQty: 0, adjustments: [] },
    {
      orderId: O2,
      qty: 5,
      deliveredQty: 5,
      returnedQty: 2,
      adjustments: [{ schemeId: S1, kind: "discount", poisha: 1001 }],
    },
  ];

  it("counts the claimable schemes' adjustments pro rata to what was kept, rounded per line", () => {
    const worth = itemWorth(lines, new Set([S1]));
    expect([...worth.values()]).toEqual([
      { orderId: O1, schemeId: S1, poisha: 4722 },
      { orderId: O2, schemeId: S1, poisha: 601 },
    ]);
  });

  it("rounds per line, not per item", () => {
    // Two lines of 5 poisha each, 1 of 2 kept: 2.5 -> 3 on each = 6 (rounding the sum would give 5).
    const half = (): DeliveredLine => ({
      orderId: O1,
      qty: 2,
      deliveredQty: 1,
      returnedQty: 0,
      adjustments: [{ schemeId: S1, kind: "discount", poisha: 5 }],
    });
    expect(itemWorth([half(), half()], new Set([S1])).get(itemKey(O1, S1))?.poisha).toBe(6);
  });

  it("keeps a fully returned item at 0, so its earlier claim can be reversed", () => {
    const worth = itemWorth(
      [
        {
          orderId: O2,
          qty: 5,
          deliveredQty: 5,
          returnedQty: 5,
          adjustments: [{ schemeId: S1, kind: "discount", poisha: 1001 }],
        },
      ],
      new Set([S1]),
    );
    expect(worth.get(itemKey(O2, S1))?.poisha).toBe(0);
  });
});

describe("claimLines", () => {
  const c = (over: Partial<ClaimCandidate>): ClaimCandidate => ({
    orderId: O1,
    schemeId: S1,
    orderDate: "2026-11-10",
    worthPoisha: 1000,
    claimedPoisha: 0,
    claimedBefore: false,
    ...over,
  });

  it("puts new items of the period on the claim, and leaves other periods' for their own claim", () => {
    expect(
      claimLines(
        [
          c({ orderId: "b", orderDate: "2026-11-30" }),
          c({ orderId: "a" }),
          c({ orderId: "x", orderDate: "2026-12-01" }),
        ],
        "2026-11-01",
        "2026-11-30",
      ),
    ).toEqual([
      { orderId: "a", schemeId: S1, kind: "claim", amountPoisha: 1000 },
      { orderId: "b", schemeId: S1, kind: "claim", amountPoisha: 1000 },
    ]);
  });

  it("gives nothing more for an item claimed in full", () => {
    expect(claimLines([c({ claimedPoisha: 1000, claimedBefore: true })], "2026-11-01", "2026-11-30")).toEqual([]);
  });

  it("turns a return after claiming into a negative adjustment line on the next claim, whatever its period", () => {
    // Claimed 1 000 for 10 kept; 4 returned: worth 1 000 x 6 / 10 = 600, so the next claim carries -400.
    const after = c({ worthPoisha: proRataHalfUp(1000, 6, 10), claimedPoisha: 1000, claimedBefore: true });
    expect(claimLines([after], "2026-12-01", "2026-12-31")).toEqual([
      { orderId: O1, schemeId: S1, kind: "adjustment", amountPoisha: -400 },
    ]);
  });

  it("claims nothing for a new item worth nothing", () => {
    expect(claimLines([c({ worthPoisha: 0 })], "2026-11-01", "2026-11-30")).toEqual([]);
  });

  it("claimed + claimable now = worth, however the items were claimed (property)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            worth: fc.integer({ min: 0, max: 1_000_000 }),
            claimed: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: undefined }),
          }),
          { maxLength: 20 },
        ),
        (items) => {
          const candidates = items.map((i, n) =>
            c({
              orderId: `o${n}`,
              worthPoisha: i.worth,
              claimedPoisha: i.claimed ?? 0,
              claimedBefore: i.claimed !== undefined,
            }),
          );
          const worth = items.reduce((s, i) => s + i.worth, 0);
          const claimed = items.reduce((s, i) => s + (i.claimed ?? 0), 0);
          expect(claimed + claimableNow(candidates)).toBe(worth);
        },
      ),
    );
  });
});

describe("the life of a claim", () => {
  // status -> the actions it allows (the rest are refused with claims.wrong_status)
  const allowed: [ClaimStatus, ClaimAction[]][] = [
    ["draft", ["submit", "withdraw"]],
    ["submitted", ["approve", "dispute"]],
    ["disputed", ["submit", "withdraw"]],
    ["approved", ["settle"]],
    ["withdrawn", []],
    ["settled", []],
  ];
  it.each(allowed)("%s allows %j", (status, actions) => {
    const all = Object.keys(CLAIM_FLOW) as ClaimAction[];
    expect(all.filter((a) => canTakeClaimAction(status, a))).toEqual(actions);
  });
  it("leads each action to one status", () => {
    expect(Object.fromEntries(Object.entries(CLAIM_FLOW).map(([a, f]) => [a, f.to]))).toEqual({
      submit: "submitted",
      approve: "approved",
      dispute: "disputed",
      withdraw: "withdrawn",
      settle: "settled",
    });
  });
});
