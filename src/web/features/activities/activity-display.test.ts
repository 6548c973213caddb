import { describe, expect, it } from "vitest";
import { activityTime, dhakaInputToIso, durationLabel, isOverdue, isoToDhakaInput } from "./activity-display.ts";

describe("activity display", () => {
  it("reads a typed time as Dhaka time and shows an instant back in Dhaka time", () => {
    expect(dhakaInputToIso("2026-11-25T14:30")).toBe("2026-11-25T08:30:00.000Z");
    expect(dhakaInputToIso("2026-11-25T02:00")).toBe("2026-11-24T20:00:00.000Z");
    expect(dhakaInputToIso("")).toBeUndefined();
    expect(dhakaInputToIso("25/11/2026")).toBeUndefined();
    expect(isoToDhakaInput("2026-11-24T20:00:00.000Z")).toBe("2026-11-25T02:00");
    expect(isoToDhakaInput(dhakaInputToIso("2026-12-31T23:59") ?? "")).toBe("2026-12-31T23:59");
  });

  it("shows call durations as m:ss and h:mm:ss", () => {
    expect(durationLabel(0)).toBe("0:00");
    expect(durationLabel(245)).toBe("4:05");
    expect(durationLabel(3725)).toBe("1:02:05");
  });

  it("places a task by its due time and knows when it is overdue", () => {
    const now = new Date("2026-11-25T08:00:00Z");
    const task = { kind: "task" as const, dueAt: "2026-11-25T07:00:00.000Z", doneAt: null, occurredAt: "x" };
    expect(activityTime(task)).toBe(task.dueAt);
    expect(activityTime({ dueAt: null, occurredAt: "2026-11-20T00:00:00.000Z" })).toBe("2026-11-20T00:00:00.000Z");
    expect(isOverdue(task, now)).toBe(true);
    expect(isOverdue({ ...task, doneAt: "2026-11-25T07:30:00.000Z" }, now)).toBe(false);
    expect(isOverdue({ ...task, dueAt: "2026-11-25T09:00:00.000Z" }, now)).toBe(false);
    expect(isOverdue({ ...task, kind: "call" }, now)).toBe(false);
  });
});
