// Named periods ("this month", "last 30 days") as business dates on a given day. Shared by the dashboards, which
// keep the name in the URL so a bookmarked link keeps showing the current month, and by the server, which turns a
// scheduled report's period into dates at each sending.
import { addDays } from "./format.ts";

export const PERIOD_PRESETS = [
  "today",
  "yesterday",
  "this_week",
  "last_7",
  "this_month",
  "last_month",
  "last_30",
  "last_90",
] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

/**
 * Bangladesh's week starts on Saturday (the weekend is Friday and Saturday, offices open on Sunday, and calendars
 * here begin on Saturday), so "this week" starts on the last Saturday. 0 = Sunday ... 6 = Saturday.
 */
export const WEEK_STARTS_ON = 6;

export interface DateRange {
  from: string;
  to: string;
}

const weekday = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();
const firstOfMonth = (date: string): string => `${date.slice(0, 8)}01`;

/** The dates of a preset on a given business day (both ends included; a period "so far" ends today). */
export function presetRange(preset: PeriodPreset, today: string): DateRange {
  switch (preset) {
    case "today":
      return { from: today, to: today };
    case "yesterday": {
      const day = addDays(today, -1);
      return { from: day, to: day };
    }
    case "this_week":
      return { from: addDays(today, -((weekday(today) - WEEK_STARTS_ON + 7) % 7)), to: today };
    case "last_7":
      return { from: addDays(today, -6), to: today };
    case "this_month":
      return { from: firstOfMonth(today), to: today };
    case "last_month": {
      const lastDay = addDays(firstOfMonth(today), -1);
      return { from: firstOfMonth(lastDay), to: lastDay };
    }
    case "last_30":
      return { from: addDays(today, -29), to: today };
    case "last_90":
      return { from: addDays(today, -89), to: today };
  }
}
