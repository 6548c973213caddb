import { describe, expect, it } from "vitest";
import { daysSince, secondsByStage, stageVisits } from "./deal-stage-time.ts";

const at = (s: string) => new Date(s);

describe("time in stage", () => {
  it("lasts from entering a stage until the next change, and until now for the current one", () => {
    const changes = [
      { id: "3", toStageId: "proposal", at: at("2026-11-05T10:00:00Z") },
      { id: "1", toStageId: "first", at: at("2026-11-01T10:00:00Z") },
      { id: "2", toStageId: "qualified", at: at("2026-11-02T16:00:00Z") },
      { id: "4", toStageId: "qualified", at: at("2026-11-06T10:00:00Z") },
    ];
    const visits = stageVisits(changes, at("2026-11-07T10:00:00Z"));
    expect(visits.map((v) => [v.change.toStageId, v.seconds, v.leftAt?.toISOString() ?? null])).toEqual([
      ["first", 30 * 3600, "2026-11-02T16:00:00.000Z"],
      ["qualified", 2 * 86400 + 18 * 3600, "2026-11-05T10:00:00.000Z"],
      ["proposal", 86400, "2026-11-06T10:00:00.000Z"],
      ["qualified", 86400, null],
    ]);
    expect(secondsByStage(visits)).toEqual({ first: 30 * 3600, qualified: 3 * 86400 + 18 * 3600, proposal: 86400 });
  });

  it("counts whole days", () => {
    expect(daysSince(at("2026-11-01T10:00:00Z"), at("2026-11-04T09:59:59Z"))).toBe(2);
    expect(daysSince(at("2026-11-05T10:00:00Z"), at("2026-11-04T09:59:59Z"))).toBe(0);
  });
});
