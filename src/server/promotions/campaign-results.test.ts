import { describe, expect, it } from "vitest";
import { baselinePeriod, campaignOutcome, daysIn } from "./campaign-results.ts";

describe("campaign uplift, worked by hand", () => {
  it.each([
    {
      name: "control grew 10 %: targeted 1,000,000 -> 1,300,000 expected 1,100,000, incremental 200,000; cost 50,000: ROI 300 %",
      targeted: { beforePoisha: 1_000_000, duringPoisha: 1_300_000 },
      control: { beforePoisha: 2_000_000, duringPoisha: 2_200_000 },
      cost: 50_000,
      // expected = 1,000,000 x 2,200,000 / 2,000,000 = 1,100,000; (200,000 - 50,000) / 50,000 = 3 = 30,000 bp
      out: { expectedPoisha: 1_100_000, incrementalPoisha: 200_000, roiBp: 30_000 },
    },
    {
      name: "control fell 20 %: a flat targeted group still beat expectation",
      targeted: { beforePoisha: 500_000, duringPoisha: 500_000 },
      control: { beforePoisha: 1_000_000, duringPoisha: 800_000 },
      cost: 200_000,
      // expected = 500,000 x 0.8 = 400,000; incremental 100,000; (100,000 - 200,000) / 200,000 = -0.5 = -5,000 bp
      out: { expectedPoisha: 400_000, incrementalPoisha: 100_000, roiBp: -5_000 },
    },
    {
      name: "no control sales before: the baseline is the targeted group's own; nothing spent: no ROI",
      targeted: { beforePoisha: 300_000, duringPoisha: 250_000 },
      control: { beforePoisha: 0, duringPoisha: 90_000 },
      cost: 0,
      out: { expectedPoisha: 300_000, incrementalPoisha: -50_000, roiBp: null },
    },
    {
      name: "rounding once, half away from zero",
      targeted: { beforePoisha: 1, duringPoisha: 0 },
      control: { beforePoisha: 2, duringPoisha: 3 },
      cost: 3,
      // expected = 1 x 3 / 2 = 1.5 -> 2; incremental -2; (-2 - 3) / 3 = -1.6667 -> -16,667 bp
      out: { expectedPoisha: 2, incrementalPoisha: -2, roiBp: -16_667 },
    },
  ])("$name", ({ targeted, control, cost, out }) => {
    expect(campaignOutcome(targeted, control, cost)).toEqual(out);
  });

  it("the baseline is the previous period of equal length", () => {
    expect(daysIn("2026-11-01", "2026-11-30")).toBe(30);
    expect(baselinePeriod("2026-11-01", "2026-11-30")).toEqual({ from: "2026-10-02", to: "2026-10-31" });
    expect(baselinePeriod("2026-03-01", "2026-03-01")).toEqual({ from: "2026-02-28", to: "2026-02-28" });
  });
});
