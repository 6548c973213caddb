import { describe, expect, it } from "vitest";
import {
  movementColor,
  multiplierText,
  nextTier,
  resultColor,
  scaleOf,
  scoreColor,
  signedPoints,
} from "./loyalty-display.ts";

describe("loyalty display", () => {
  it("signs points and colours movements", () => {
    expect(signedPoints(54, String)).toBe("+54");
    expect(signedPoints(-18, String)).toBe("−18");
    expect(signedPoints(0, String)).toBe("0");
    expect(movementColor("earn", 5)).toBe("teal");
    expect(movementColor("expire", -5)).toBe("red");
    expect(movementColor("reverse", -5)).toBe("red");
    expect(movementColor("redeem", -5)).toBe("gray");
    expect(movementColor("adjust", -5)).toBe("orange");
  });

  it("shows multipliers and the next tier", () => {
    expect(multiplierText(15_000)).toBe("1.5");
    expect(multiplierText(10_000)).toBe("1");
    expect(multiplierText(12_500)).toBe("1.25");
    const tiers = [
      { name: "Gold", thresholdPoints: 500 },
      { name: "Silver", thresholdPoints: 0 },
      { name: "Platinum", thresholdPoints: 2_000 },
    ];
    expect(nextTier(tiers, 120)).toEqual({ tier: tiers[0], needed: 380 });
    expect(nextTier(tiers, 500)).toEqual({ tier: tiers[2], needed: 1_500 });
    expect(nextTier(tiers, 5_000)).toBeNull();
  });

  it("gives each survey its scale and colours", () => {
    expect(scaleOf("nps")).toHaveLength(11);
    expect(scaleOf("csat")).toEqual([1, 2, 3, 4, 5]);
    expect([6, 7, 9].map((s) => scoreColor("nps", s))).toEqual(["red", "yellow", "teal"]);
    expect([2, 3, 4].map((s) => scoreColor("csat", s))).toEqual(["red", "yellow", "teal"]);
    expect(resultColor("nps", 31)).toBe("teal");
    expect(resultColor("nps", -1)).toBe("red");
    expect(resultColor("csat", 79.9)).toBe("yellow");
    expect(resultColor("csat", null)).toBe("gray");
  });
});
