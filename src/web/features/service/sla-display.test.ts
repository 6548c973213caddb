import { describe, expect, it } from "vitest";
import { durationParts, slaBadge } from "./sla-display.ts";

const now = new Date("2026-11-25T06:00:00Z");
const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();

describe("slaBadge", () => {
  it("counts down the time left, turning yellow under four hours and orange under one", () => {
    expect(slaBadge({ dueAt: at(300), metAt: null, breachedAt: null }, false, now)).toEqual({
      state: "running",
      minutesLeft: 300,
      color: "green",
    });
    expect(slaBadge({ dueAt: at(90), metAt: null, breachedAt: null }, false, now)).toMatchObject({ color: "yellow" });
    expect(slaBadge({ dueAt: at(30), metAt: null, breachedAt: null }, false, now)).toMatchObject({ color: "orange" });
  });

  it("shows a breach once the due time passed, even before the job marked it", () => {
    expect(slaBadge({ dueAt: at(-15), metAt: null, breachedAt: null }, false, now)).toEqual({
      state: "breached",
      minutesOver: 15,
    });
    expect(slaBadge({ dueAt: at(10), metAt: null, breachedAt: at(-1) }, false, now)).toMatchObject({
      state: "breached",
    });
  });

  it("says met (and whether late) once met, paused while pending, nothing without a due time", () => {
    expect(slaBadge({ dueAt: at(-10), metAt: at(-20), breachedAt: null }, false, now)).toEqual({
      state: "met",
      late: false,
    });
    expect(slaBadge({ dueAt: at(-10), metAt: at(-5), breachedAt: at(-9) }, false, now)).toEqual({
      state: "met",
      late: true,
    });
    expect(slaBadge({ dueAt: at(60), metAt: null, breachedAt: null }, true, now)).toEqual({ state: "paused" });
    expect(slaBadge({ dueAt: null, metAt: null, breachedAt: null }, false, now)).toEqual({ state: "none" });
  });
});

describe("durationParts", () => {
  it("splits minutes into days, hours and minutes", () => {
    expect(durationParts(45)).toEqual({ d: 0, h: 0, m: 45 });
    expect(durationParts(200)).toEqual({ d: 0, h: 3, m: 20 });
    expect(durationParts(3060)).toEqual({ d: 2, h: 3, m: 0 });
    expect(durationParts(-5)).toEqual({ d: 0, h: 0, m: 0 });
  });
});
