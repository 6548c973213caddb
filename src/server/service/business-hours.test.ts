import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addBusinessMinutes,
  type BusinessCalendar,
  businessMinutesBetween,
  DEFAULT_CALENDAR,
  hasWorkingTime,
} from "./business-hours.ts";

// 2026-11-26 is a Thursday; Dhaka is UTC+6 all year.
const dhaka = (local: string) => new Date(`${local}+06:00`);

describe("addBusinessMinutes (Saturday-Thursday 09:00-18:00 in Asia/Dhaka, Friday off)", () => {
  it("carries a 2-hour target opened Thursday 17:30 over the Friday to Saturday 10:30", () => {
    expect(addBusinessMinutes(dhaka("2026-11-26T17:30:00"), 120, DEFAULT_CALENDAR)).toEqual(
      dhaka("2026-11-28T10:30:00"),
    );
  });

  it("stays inside one working day when the target fits", () => {
    expect(addBusinessMinutes(dhaka("2026-11-25T10:00:00"), 90, DEFAULT_CALENDAR)).toEqual(
      dhaka("2026-11-25T11:30:00"),
    );
  });

  it("starts counting at opening time for a ticket opened before hours, on a day off or at night", () => {
    expect(addBusinessMinutes(dhaka("2026-11-25T06:15:00"), 30, DEFAULT_CALENDAR)).toEqual(
      dhaka("2026-11-25T09:30:00"),
    );
    expect(addBusinessMinutes(dhaka("2026-11-27T12:00:00"), 60, DEFAULT_CALENDAR)).toEqual(
      dhaka("2026-11-28T10:00:00"),
    );
    expect(addBusinessMinutes(dhaka("2026-11-25T22:00:00"), 60, DEFAULT_CALENDAR)).toEqual(
      dhaka("2026-11-26T10:00:00"),
    );
  });

  it("ends exactly at closing time when the target uses the rest of the day", () => {
    expect(addBusinessMinutes(dhaka("2026-11-25T17:00:00"), 60, DEFAULT_CALENDAR)).toEqual(
      dhaka("2026-11-25T18:00:00"),
    );
  });

  it("skips holidays (Victory Day, 16 December, a Wednesday)", () => {
    const cal = { ...DEFAULT_CALENDAR, holidays: ["2026-12-16"] };
    expect(addBusinessMinutes(dhaka("2026-12-15T17:00:00"), 120, cal)).toEqual(dhaka("2026-12-17T10:00:00"));
    expect(addBusinessMinutes(dhaka("2026-12-15T17:00:00"), 120, DEFAULT_CALENDAR)).toEqual(
      dhaka("2026-12-16T10:00:00"),
    );
  });

  it("follows a configured week: Friday and Saturday off, shorter Thursday", () => {
    const cal: BusinessCalendar = {
      ...DEFAULT_CALENDAR,
      week: [
        { open: "09:00", close: "17:00" },
        { open: "09:00", close: "17:00" },
        { open: "09:00", close: "17:00" },
        { open: "09:00", close: "17:00" },
        { open: "09:00", close: "13:00" },
        null,
        null,
      ],
    };
    // Thursday 12:00 + 3 h: one hour on Thursday, then Sunday 09:00 + 2 h.
    expect(addBusinessMinutes(dhaka("2026-11-26T12:00:00"), 180, cal)).toEqual(dhaka("2026-11-29T11:00:00"));
  });

  it("counts multi-day targets in working days (a 9-hour day)", () => {
    // 18 working hours from Wednesday 09:00: Wednesday, Thursday, done at Thursday 18:00.
    expect(addBusinessMinutes(dhaka("2026-11-25T09:00:00"), 18 * 60, DEFAULT_CALENDAR)).toEqual(
      dhaka("2026-11-26T18:00:00"),
    );
    expect(addBusinessMinutes(dhaka("2026-11-25T09:00:00"), 18 * 60 + 1, DEFAULT_CALENDAR)).toEqual(
      dhaka("2026-11-28T09:01:00"),
    );
  });

  it("refuses a calendar with no working time instead of looping", () => {
    const closed = { ...DEFAULT_CALENDAR, week: [null, null, null, null, null, null, null] };
    expect(hasWorkingTime(closed)).toBe(false);
    expect(() => addBusinessMinutes(dhaka("2026-11-25T09:00:00"), 10, closed)).toThrow();
  });
});

describe("businessMinutesBetween", () => {
  it("counts only working time", () => {
    expect(businessMinutesBetween(dhaka("2026-11-26T17:30:00"), dhaka("2026-11-28T10:30:00"), DEFAULT_CALENDAR)).toBe(
      120,
    );
    expect(businessMinutesBetween(dhaka("2026-11-27T08:00:00"), dhaka("2026-11-27T20:00:00"), DEFAULT_CALENDAR)).toBe(
      0,
    );
    expect(businessMinutesBetween(dhaka("2026-11-25T20:00:00"), dhaka("2026-11-25T08:00:00"), DEFAULT_CALENDAR)).toBe(
      0,
    );
    expect(businessMinutesBetween(dhaka("2026-11-22T00:00:00"), dhaka("2026-11-29T00:00:00"), DEFAULT_CALENDAR)).toBe(
      6 * 9 * 60,
    );
  });

  it("is the inverse of addBusinessMinutes for any start and target", () => {
    const base = dhaka("2026-11-01T00:00:00").getTime();
    const cal = { ...DEFAULT_CALENDAR, holidays: ["2026-11-10", "2026-12-16"] };
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 * 24 * 40 }),
        fc.integer({ min: 1, max: 60 * 9 * 12 }),
        (offset, minutes) => {
          const start = new Date(base + offset * 60_000);
          const due = addBusinessMinutes(start, minutes, cal);
          expect(businessMinutesBetween(start, due, cal)).toBe(minutes);
          // The due time is never earlier than needed: one minute before, the target was not yet used up.
          expect(businessMinutesBetween(start, new Date(due.getTime() - 60_000), cal)).toBe(minutes - 1);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("works in another zone too (UTC calendar, Monday-Friday)", () => {
    const cal: BusinessCalendar = {
      timeZone: "UTC",
      week: [null, ...Array(5).fill({ open: "08:00", close: "16:00" }), null],
      holidays: [],
    };
    expect(addBusinessMinutes(new Date("2026-11-27T15:00:00Z"), 120, cal)).toEqual(new Date("2026-11-30T09:00:00Z"));
  });
});
