// NPS and CSAT, pure. NPS: 0-10; promoters 9-10, passives 7-8, detractors 0-6; NPS = % promoters - % detractors
// (-100..100). CSAT: 1-5; satisfied = 4-5; CSAT = % satisfied. Percentages to one decimal, half away from zero.

export type SurveyKind = "nps" | "csat";

export interface ScoreSummary {
  responses: number;
  /** NPS: promoters; CSAT: satisfied (4-5). */
  positive: number;
  /** NPS: passives; CSAT: neutral (3). */
  neutral: number;
  /** NPS: detractors; CSAT: 1-2. */
  negative: number;
  /** NPS in -100..100 or CSAT in 0..100, to one decimal; null with no responses. */
  score: number | null;
}

const oneDecimal = (x: number) => (Math.sign(x) * Math.round(Math.abs(x) * 10)) / 10;

export function validScore(kind: SurveyKind, score: number): boolean {
  return Number.isInteger(score) && (kind === "nps" ? score >= 0 && score <= 10 : score >= 1 && score <= 5);
}

export function summarize(kind: SurveyKind, scores: readonly number[]): ScoreSummary {
  let positive = 0;
  let neutral = 0;
  let negative = 0;
  for (const s of scores) {
    if (kind === "nps") {
      if (s >= 9) positive++;
      else if (s >= 7) neutral++;
      else negative++;
    } else if (s >= 4) positive++;
    else if (s === 3) neutral++;
    else negative++;
  }
  const n = scores.length;
  const score =
    n === 0 ? null : kind === "nps" ? oneDecimal(((positive - negative) * 100) / n) : oneDecimal((positive * 100) / n);
  return { responses: n, positive, neutral, negative, score };
}

export interface SegmentRow extends ScoreSummary {
  /** The segment's value (a channel, class, territory id, ...); null: not known for these answers. */
  key: string | null;
}

/** The answers grouped by one segment, each group summarised; biggest groups first, then by key. */
export function bySegment<T extends { score: number }>(
  kind: SurveyKind,
  answers: readonly T[],
  segmentOf: (a: T) => string | null,
): SegmentRow[] {
  const groups = new Map<string | null, number[]>();
  for (const a of answers) {
    const k = segmentOf(a);
    const g = groups.get(k);
    if (g) g.push(a.score);
    else groups.set(k, [a.score]);
  }
  return [...groups]
    .map(([key, scores]) => ({ key, ...summarize(kind, scores) }))
    .sort((a, b) => b.responses - a.responses || String(a.key ?? "~").localeCompare(String(b.key ?? "~")));
}
