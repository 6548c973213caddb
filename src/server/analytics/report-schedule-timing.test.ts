import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nextRunAt, normaliseSendAt } from "./report-schedule-timing.ts";

/** An instant written as Dhaka wall-clock time. */
const dhaka = (local: string) => new Date(`${local}+06:00`);

describe("nextRunAt", () => {
  it("is today at the time when that is still ahead, else tomorrow (daily)", () => {
    const daily = { frequency: "daily", weekday: null, sendAt: "08:00" } as const;
    expect(nextRunAt(daily, dhaka("2026-11-24T07:59:59"))).toEqual(dhaka("2026-11-24T08:00:00"));
    // Strictly after: sent at 08:00, the next one is tomorrow's.
    expect(nextRunAt(daily, dhaka("2026-11-24T08:00:00"))).toEqual(dhaka("2026-11-25T08:00:00"));
    expect(nextRunAt(daily, dhaka("2026-11-24T23:30:00"))).toEqual(dhaka("2026-11-25T08:00:00"));
  });

  it("works in Dhaka's day, not UTC's: 02:00 in Dhaka is the previous day in UTC", () => {
    const daily = { frequency: "daily", weekday: null, sendAt: "05:30" } as const;
    // 2026-11-24 02:00 Dhaka = 2026-11-23 20:00 UTC.
    expect(nextRunAt(daily, new Date("2026-11-23T20:00:00Z"))).toEqual(new Date("2026-11-23T23:30:00Z"));
    const late = { frequency: "daily", weekday: null, sendAt: "23:45" } as const;
    expect(nextRunAt(late, dhaka("2026-12-31T23:50:00"))).toEqual(dhaka("2027-01-01T23:45:00"));
  });

  it("is the next given weekday at the time (weekly; 0 = Sunday)", () => {
    // 2026-11-24 is a Tuesday.
    const sunday = { frequency: "weekly", weekday: 0, sendAt: "09:15:00" } as const;
    expect(nextRunAt(sunday, dhaka("2026-11-24T10:00:00"))).toEqual(dhaka("2026-11-29T09:15:00"));
    const tuesday = { frequency: "weekly", weekday: 2, sendAt: "09:15" } as const;
    expect(nextRunAt(tuesday, dhaka("2026-11-24T09:00:00"))).toEqual(dhaka("2026-11-24T09:15:00"));
    expect(nextRunAt(tuesday, dhaka("2026-11-24T09:15:00"))).toEqual(dhaka("2026-12-01T09:15:00"));
    // Saturday 23:00 in Dhaka is already Saturday 17:00 UTC; Sunday 01:00 in Dhaka is Saturday 19:00 UTC.
    const sundayEarly = { frequency: "weekly", weekday: 0, sendAt: "01:00" } as const;
    expect(nextRunAt(sundayEarly, dhaka("2026-11-28T23:00:00"))).toEqual(new Date("2026-11-28T19:00:00Z"));
  });

  it("refuses a weekly schedule without a weekday and a time that is not one", () => {
    expect(() => nextRunAt({ frequency: "weekly", weekday: null, sendAt: "08:00" }, new Date())).toThrow(RangeError);
    expect(() => nextRunAt({ frequency: "weekly", weekday: 7, sendAt: "08:00" }, new Date())).toThrow(RangeError);
    expect(() => nextRunAt({ frequency: "daily", weekday: null, sendAt: "24:00" }, new Date())).toThrow(RangeError);
    expect(() => nextRunAt({ frequency: "daily", weekday: null, sendAt: "8:00" }, new Date())).toThrow(RangeError);
  });

  it("is always after `after`, within one period, on the right weekday and wall-clock time (property)", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2040-01-01T00:00:00Z"), noInvalidDate: true }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.option(fc.integer({ min: 0, max: 6 }), { nil: null }),
        (after, h, m, weekday) => {
          const sendAt = `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
          const timing = { frequency: weekday === null ? "daily" : "weekly", weekday, sendAt } as const;
          const next = nextRunAt(timing, after);
          const period = (weekday === null ? 1 : 7) * 86_400_000;
          expect(next.getTime()).toBeGreaterThan(after.getTime());
          expect(next.getTime() - after.getTime()).toBeLessThanOrEqual(period);
          const local = new Date(next.getTime() + 6 * 3600_000);
          expect([local.getUTCHours(), local.getUTCMinutes(), local.getUTCSeconds()]).toEqual([h, m, 0]);
          if (weekday !== null) expect(local.getUTCDay()).toBe(weekday);
        },
      ),
    );
  });
});

describe("normaliseSendAt", () => {
  it("reads HH:MM and PostgreSQL's HH:MM:SS", () => {
    expect(normaliseSendAt("08:00")).toBe("08:00");
    expect(normaliseSendAt("08:00:00")).toBe("08:00");
    expect(normaliseSendAt("23:59")).toBe("23:59");
    expect(() => normaliseSendAt("08:00:30")).toThrow(RangeError);
    expect(() => normaliseSendAt("noon")).toThrow(RangeError);
  });
});
