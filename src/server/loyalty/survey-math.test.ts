import { describe, expect, it } from "vitest";
import { bySegment, summarize, validScore } from "./survey-math.ts";

describe("NPS and CSAT", () => {
  it("NPS is % promoters less % detractors, worked by hand", () => {
    // 10 answers: promoters 10, 9, 9, 10 (4); passives 8, 7 (2); detractors 6, 0, 3, 5 (4): 40 % - 40 % = 0.
    expect(summarize("nps", [10, 9, 9, 10, 8, 7, 6, 0, 3, 5])).toEqual({
      responses: 10,
      positive: 4,
      neutral: 2,
      negative: 4,
      score: 0,
    });
    // 3 answers: 2 promoters, 1 passive: 66.666.. -> 66.7.
    expect(summarize("nps", [9, 10, 7]).score).toBe(66.7);
    // 3 answers: 1 promoter, 2 detractors: -33.3.
    expect(summarize("nps", [1, 2, 10]).score).toBe(-33.3);
    expect(summarize("nps", [0, 6]).score).toBe(-100);
    expect(summarize("nps", []).score).toBeNull();
  });

  it("CSAT is the share of 4 and 5", () => {
    // 8 answers: 5, 4, 4, 5, 3, 2, 1, 4: satisfied 5 -> 62.5 %.
    expect(summarize("csat", [5, 4, 4, 5, 3, 2, 1, 4])).toEqual({
      responses: 8,
      positive: 5,
      neutral: 1,
      negative: 2,
      score: 62.5,
    });
  });

  it("scores outside the scale are refused", () => {
    expect(validScore("nps", 0)).toBe(true);
    expect(validScore("nps", 11)).toBe(false);
    expect(validScore("csat", 0)).toBe(false);
    expect(validScore("csat", 5)).toBe(true);
    expect(validScore("csat", 4.5)).toBe(false);
  });

  it("groups by segment, each with its own score, worked by hand", () => {
    const answers = [
      { score: 10, channel: "grocery" },
      { score: 9, channel: "grocery" },
      { score: 3, channel: "grocery" },
      { score: 8, channel: "pharmacy" },
      { score: 2, channel: "pharmacy" },
      { score: 10, channel: null },
    ];
    // grocery: 2 promoters 1 detractor of 3 = 33.3; pharmacy: 0 promoters 1 detractor of 2 = -50; unknown: 100.
    expect(bySegment("nps", answers, (a) => a.channel)).toEqual([
      { key: "grocery", responses: 3, positive: 2, neutral: 0, negative: 1, score: 33.3 },
      { key: "pharmacy", responses: 2, positive: 0, neutral: 1, negative: 1, score: -50 },
      { key: null, responses: 1, positive: 1, neutral: 0, negative: 0, score: 100 },
    ]);
    // Over all: 3 promoters, 2 detractors of 6 = 16.7.
    expect(
      summarize(
        "nps",
        answers.map((a) => a.score),
      ).score,
    ).toBe(16.7);
  });
});
