import { describe, expect, it } from "vitest";
import { positionAt, weightedPoisha } from "./deal-board.ts";

describe("card positions", () => {
  it("places a card at the bottom, the top or between two cards", () => {
    expect(positionAt([])).toBe(0);
    expect(positionAt([], 0)).toBe(0);
    expect(positionAt([0, 1, 2])).toBe(3);
    expect(positionAt([0, 1, 2.5], 7)).toBe(3);
    expect(positionAt([0, 1, 2], 0)).toBe(-1);
    expect(positionAt([0, 1, 2], 1)).toBe(0.5);
    expect(positionAt([0, 1, 2], 2)).toBe(1.5);
  });

  it("keeps the order it was asked for", () => {
    const cards = [0, 1, 2];
    const p = positionAt(cards, 2);
    const sorted = [...cards, p].sort((a, b) => a - b);
    expect(sorted.indexOf(p)).toBe(2);
  });

  it("weights an amount by a probability, half up", () => {
    expect(weightedPoisha(100_000_00, 2500)).toBe(25_000_00);
    expect(weightedPoisha(3, 5000)).toBe(2);
    expect(weightedPoisha(1, 4999)).toBe(0);
    expect(weightedPoisha(0, 10000)).toBe(0);
  });
});
