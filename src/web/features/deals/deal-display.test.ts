import { describe, expect, it } from "vitest";
import type { DealResponse, StageResponse } from "../../../shared/contracts/deals.ts";
import { columnAfterMove, dropIndex, durationParts, moveTargets, progressStages, stageState } from "./deal-display.ts";

const stage = (id: string, kind: StageResponse["kind"]): StageResponse => ({
  id,
  position: 0,
  name: id,
  nameBn: id,
  kind,
  probabilityBp: 0,
  stuckAfterDays: null,
  playbook: { channel: null, message: "", messageBn: "", templates: [], content: [], checklist: [] },
});
const stages = [
  stage("a", "open"),
  stage("b", "open"),
  stage("won", "won"),
  stage("lost", "lost"),
  stage("on", "after_sale"),
];
const deal = (id: string) => ({ id }) as DealResponse;

describe("deal display", () => {
  it("splits a time in stage into days, hours and minutes", () => {
    expect(durationParts(3 * 86_400 + 5 * 3600 + 59)).toEqual({ days: 3, hours: 5, minutes: 0 });
    expect(durationParts(125)).toEqual({ days: 0, hours: 0, minutes: 2 });
    expect(durationParts(-5)).toEqual({ days: 0, hours: 0, minutes: 0 });
  });

  it("shows the lost stage on the path only for a lost deal, and where each stage stands", () => {
    expect(progressStages(stages, { stageId: "b", status: "open" }).map((s) => s.id)).toEqual(["a", "b", "won", "on"]);
    expect(progressStages(stages, { stageId: "lost", status: "lost" }).map((s) => s.id)).toContain("lost");
    expect(["a", "b", "won"].map((id) => stageState(stages, id, "b"))).toEqual(["done", "current", "ahead"]);
  });

  it("lands a dropped card before the first card below the pointer, or at the bottom", () => {
    expect(dropIndex([10, 50, 90], 5)).toBe(0);
    expect(dropIndex([10, 50, 90], 60)).toBe(2);
    expect(dropIndex([10, 50, 90], 95)).toBeUndefined();
    expect(dropIndex([], 95)).toBeUndefined();
  });

  it("shows a moved card where it landed and offers every other stage in its menu", () => {
    const column = { deals: [deal("x"), deal("y"), deal("z")] };
    expect(columnAfterMove(column, deal("z"), 0).map((d) => d.id)).toEqual(["z", "x", "y"]);
    expect(columnAfterMove(column, deal("n"), undefined).map((d) => d.id)).toEqual(["x", "y", "z", "n"]);
    expect(columnAfterMove(column, deal("x"), 9).map((d) => d.id)).toEqual(["y", "z", "x"]);
    expect(moveTargets(stages, "b").map((s) => s.id)).toEqual(["a", "won", "lost", "on"]);
  });
});
