import { describe, expect, it } from "vitest";
import { addMonths, beatWeekday, dateOf, dayNumber, dhakaAt, eidSeason, weekdayOf } from "./demo-calendar.ts";

describe("the demo calendar", () => {
  it("counts whole days and knows the weekday", () => {
    expect(dateOf(dayNumber("2026-11-24"))).toBe("2026-11-24");
    expect(dayNumber("2026-11-25") - dayNumber("2026-11-24")).toBe(1);
    expect(weekdayOf(dayNumber("2026-11-24"))).toBe(2); // a Tuesday
  });

  it("places instants in Dhaka time (UTC+6)", () => {
    expect(dhakaAt(dayNumber("2026-11-24"), 9 * 60 + 30).toISOString()).toBe("2026-11-24T03:30:00.000Z");
  });

  it("steps months back to the same day, clamped to the month's end", () => {
    expect(addMonths("2026-11-24", -6)).toBe("2026-05-24");
    expect(addMonths("2026-03-31", -1)).toBe("2026-02-28");
    expect(addMonths("2026-01-15", -2)).toBe("2025-11-15");
  });

  it("makes trade busy before Eid and slow just after", () => {
    expect(eidSeason(dayNumber("2026-05-20"))).toBe(1.6);
    expect(eidSeason(dayNumber("2026-05-10"))).toBe(1.35);
    expect(eidSeason(dayNumber("2026-05-30"))).toBe(0.6);
    expect(eidSeason(dayNumber("2026-08-15"))).toBe(1);
  });

  it("reads a beat's weekday from its name", () => {
    expect(beatWeekday("Kaliakair Tuesday beat 2")).toBe(2);
    expect(beatWeekday("Sadar Saturday beat 1")).toBe(6);
    expect(beatWeekday("unnamed")).toBe(6);
  });
});
