// Time in stage, derived from a deal's stage changes (never stored): a visit to a stage lasts from the change that
// entered it until the next change, or until now while the deal is still there.

export interface StageChange {
  id: string;
  toStageId: string;
  at: Date;
}

export interface StageVisitTime<C extends StageChange = StageChange> {
  change: C;
  enteredAt: Date;
  leftAt: Date | null;
  seconds: number;
}

/** The visits of a deal's stages in time order (changes may come in any order). */
export function stageVisits<C extends StageChange>(changes: readonly C[], now: Date): StageVisitTime<C>[] {
  const sorted = [...changes].sort((a, b) => a.at.getTime() - b.at.getTime() || (a.id < b.id ? -1 : 1));
  return sorted.map((change, i) => {
    const next = sorted[i + 1];
    const leftAt = next ? next.at : null;
    const end = (leftAt ?? now).getTime();
    return {
      change,
      enteredAt: change.at,
      leftAt,
      seconds: Math.max(0, Math.floor((end - change.at.getTime()) / 1000)),
    };
  });
}

/** Seconds spent in each stage over all its visits, by stage id. */
export function secondsByStage(visits: readonly StageVisitTime[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of visits) out[v.change.toStageId] = (out[v.change.toStageId] ?? 0) + v.seconds;
  return out;
}

/** Whole days since a moment (for "stuck for N days"). */
export function daysSince(since: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - since.getTime()) / 86_400_000));
}
