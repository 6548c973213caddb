// Pure display rules of the loyalty and survey screens, so the screens and their tests agree.

/** The colour of a movement's points: earned and given back green, spent grey, expired and taken back red. */
export function movementColor(kind: string, points: number): string {
  if (kind === "expire" || kind === "reverse") return "red";
  if (kind === "redeem") return "gray";
  return points >= 0 ? "teal" : "orange";
}

/** Points with their sign, e.g. "+54", "-18" (digits formatted by the caller's formatter). */
export function signedPoints(points: number, format: (n: number) => string): string {
  return `${points > 0 ? "+" : points < 0 ? "−" : ""}${format(Math.abs(points))}`;
}

/** The multiplier of a tier in basis points as the screen shows it: 15000 -> "1.5". */
export const multiplierText = (bp: number): string => String(Math.round(bp / 100) / 100);

/** The next tier a member can reach and the points still needed (null: at the top, or no tiers). */
export function nextTier<T extends { thresholdPoints: number }>(
  tiers: readonly T[],
  earnedLast12Months: number,
): { tier: T; needed: number } | null {
  const next = [...tiers]
    .sort((a, b) => a.thresholdPoints - b.thresholdPoints)
    .find((t) => t.thresholdPoints > earnedLast12Months);
  return next ? { tier: next, needed: next.thresholdPoints - earnedLast12Months } : null;
}

/** The scale a survey asks on. */
export const scaleOf = (kind: "nps" | "csat"): number[] =>
  kind === "nps" ? Array.from({ length: 11 }, (_, i) => i) : [1, 2, 3, 4, 5];

/** The colour of a score button: detractors / unhappy red, passives / neutral yellow, promoters / happy green. */
export function scoreColor(kind: "nps" | "csat", score: number): string {
  if (kind === "nps") return score >= 9 ? "teal" : score >= 7 ? "yellow" : "red";
  return score >= 4 ? "teal" : score === 3 ? "yellow" : "red";
}

/** The colour of a result: NPS above 30 / CSAT from 80 good, NPS below 0 / CSAT below 60 bad. */
export function resultColor(kind: "nps" | "csat", score: number | null): string {
  if (score === null) return "gray";
  if (kind === "nps") return score > 30 ? "teal" : score >= 0 ? "yellow" : "red";
  return score >= 80 ? "teal" : score >= 60 ? "yellow" : "red";
}
