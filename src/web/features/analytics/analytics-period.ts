// The period a dashboard looks at. The URL keeps a preset's name ("this month"), not its dates, so a shared or
// bookmarked link keeps showing the current month; only a custom period puts dates in the URL.
import { addDays, daysBetween } from "../../../shared/format.ts";
import { type DateRange, type PeriodPreset, presetRange, WEEK_STARTS_ON } from "../../../shared/period-presets.ts";

export {
  type DateRange,
  PERIOD_PRESETS,
  type PeriodPreset,
  presetRange,
  WEEK_STARTS_ON,
} from "../../../shared/period-presets.ts";

export type PeriodChoice = PeriodPreset | "custom";

/** The server's default too (a missing period means "this month so far"). */
export const DEFAULT_PERIOD: PeriodPreset = "this_month";

/** The longest period one query may span (the server refuses more): a year and a day. */
export const MAX_DAYS = 366;

const firstOfMonth = (date: string): string => `${date.slice(0, 8)}01`;
const weekday = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();

/**
 * What a view's search asks for, as dates for the API. A custom period with a missing or reversed end is
 * mended rather than refused (a person is mid-way through typing it); one past the limit keeps its end and
 * loses days at the start, as the server would refuse it.
 */
export function resolvePeriod(
  search: { period?: PeriodChoice; from?: string; to?: string },
  today: string,
): DateRange & { choice: PeriodChoice } {
  if (search.period !== "custom") {
    const choice = search.period ?? DEFAULT_PERIOD;
    return { choice, ...presetRange(choice, today) };
  }
  let from = search.from ?? search.to ?? firstOfMonth(today);
  let to = search.to ?? (from > today ? from : today);
  if (to < from) [from, to] = [to, from];
  if (daysBetween(from, to) + 1 > MAX_DAYS) from = addDays(to, -(MAX_DAYS - 1));
  return { choice: "custom", from, to };
}

/** The first day of the bucket a date falls in: itself, its week's Saturday, or the first of its month. */
export function bucketOf(date: string, grain: "day" | "week" | "month"): string {
  if (grain === "day") return date;
  if (grain === "month") return firstOfMonth(date);
  return addDays(date, -((weekday(date) - WEEK_STARTS_ON + 7) % 7));
}

/**
 * Every bucket of a period, in order, including those with no sales: the server sends only buckets that had any,
 * and a chart must show a quiet day as zero rather than draw a line across it.
 */
export function bucketsOf(from: string, to: string, grain: "day" | "week" | "month"): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const b = bucketOf(d, grain);
    if (out[out.length - 1] !== b) out.push(b);
  }
  return out;
}
