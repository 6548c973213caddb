import { describe, expect, it } from "vitest";
import { timelineColor } from "./timeline-display.ts";

describe("timelineColor", () => {
  it("gives orders, visits and deliveries their own colours", () => {
    expect(new Set([timelineColor("order"), timelineColor("visit"), timelineColor("delivery")]).size).toBe(3);
  });
  it("falls back to grey for a kind it does not know", () => {
    expect(timelineColor("something-new")).toBe("gray");
  });
});
