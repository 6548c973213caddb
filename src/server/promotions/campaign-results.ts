// A campaign's result, pure. Uplift is a difference-in-differences: the targeted outlets' sales in the campaign
// period against what they would have sold without it, which is their own sales in the previous period of equal
// length scaled by how a comparable group of outlets the campaign did not target moved between the two periods:
//   expected    = targeted_before x control_during / control_before   (no control sales before: targeted_before)
//   incremental = targeted_during - expected
//   ROI         = (incremental - cost) / cost                          (basis points; none when nothing was spent)
// Amounts in poisha; each division rounds half away from zero once.
import { addDays } from "../../shared/format.ts";

export interface PeriodSales {
  beforePoisha: number;
  duringPoisha: number;
}

export interface CampaignOutcome {
  expectedPoisha: number;
  incrementalPoisha: number;
  roiBp: number | null;
}

/** n / d rounded half away from zero (d > 0). */
function divRound(n: bigint, d: bigint): bigint {
  const q = (2n * (n < 0n ? -n : n) + d) / (2n * d);
  return n < 0n ? -q : q;
}

export function campaignOutcome(targeted: PeriodSales, control: PeriodSales, costPoisha: number): CampaignOutcome {
  const expected =
    control.beforePoisha > 0
      ? divRound(BigInt(targeted.beforePoisha) * BigInt(control.duringPoisha), BigInt(control.beforePoisha))
      : BigInt(targeted.beforePoisha);
  const incremental = BigInt(targeted.duringPoisha) - expected;
  const roi = costPoisha > 0 ? divRound((incremental - BigInt(costPoisha)) * 10_000n, BigInt(costPoisha)) : null;
  return {
    expectedPoisha: Number(expected),
    incrementalPoisha: Number(incremental),
    roiBp: roi === null ? null : Number(roi),
  };
}

/** Days from `from` to `to`, both counted. */
export function daysIn(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The period of equal length just before [from, to]. */
export function baselinePeriod(from: string, to: string): { from: string; to: string } {
  const n = daysIn(from, to);
  return { from: addDays(from, -n), to: addDays(from, -1) };
}
