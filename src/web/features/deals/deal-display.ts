// Pure display rules of the sales path: time in stage as words, the stage progress of a deal, where a dragged card
// lands, and the money a column holds.
import type { BoardColumn, DealResponse, StageResponse } from "../../../shared/contracts/deals.ts";

/** Seconds as the largest whole units: days and hours, hours and minutes, or minutes. */
export function durationParts(seconds: number): { days: number; hours: number; minutes: number } {
  const s = Math.max(0, Math.floor(seconds));
  return { days: Math.floor(s / 86_400), hours: Math.floor((s % 86_400) / 3600), minutes: Math.floor((s % 3600) / 60) };
}

/** The stages shown as the deal's path: open stages, then won, then after-sale; lost only when the deal is lost. */
export function progressStages(stages: readonly StageResponse[], current: Pick<DealResponse, "stageId" | "status">) {
  return stages.filter((s) => s.kind !== "lost" || current.status === "lost" || s.id === current.stageId);
}

/** Whether a stage of the path is behind, at, or ahead of the deal's current stage. */
export function stageState(
  stages: readonly StageResponse[],
  stageId: string,
  currentStageId: string,
): "done" | "current" | "ahead" {
  if (stageId === currentStageId) return "current";
  const at = stages.findIndex((s) => s.id === currentStageId);
  const i = stages.findIndex((s) => s.id === stageId);
  return i < at ? "done" : "ahead";
}

/**
 * Where a card dropped on a column lands: before the first card whose middle is below the pointer (an index among
 * the column's other cards); past the last one, at the bottom (undefined).
 */
export function dropIndex(cardMiddles: readonly number[], pointerY: number): number | undefined {
  const i = cardMiddles.findIndex((m) => pointerY < m);
  return i === -1 ? undefined : i;
}

/** A column's cards after a card moves into it (or within it) at `index`, for showing the move before the answer. */
export function columnAfterMove(column: Pick<BoardColumn, "deals">, deal: DealResponse, index: number | undefined) {
  const others = column.deals.filter((d) => d.id !== deal.id);
  const at = index === undefined ? others.length : Math.min(index, others.length);
  return [...others.slice(0, at), deal, ...others.slice(at)];
}

/** The next stages a card's menu offers: every stage but its own. */
export const moveTargets = (stages: readonly StageResponse[], currentStageId: string) =>
  stages.filter((s) => s.id !== currentStageId);
