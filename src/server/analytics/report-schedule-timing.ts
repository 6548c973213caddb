// When a scheduled report is next due: daily at HH:MM, or weekly on a weekday at HH:MM, wall-clock time in
// Asia/Dhaka. Bangladesh has kept UTC+6 all year since 2009 (no daylight saving), so local time is a fixed
// offset, as everywhere else in the code (business dates are read as T00:00:00+06:00).

export type ReportFrequency = "daily" | "weekly";

export interface ScheduleTiming {
  frequency: ReportFrequency;
  /** 0 = Sunday ... 6 = Saturday; weekly schedules only. */
  weekday: number | null;
  /** "HH:MM", or "HH:MM:SS" as PostgreSQL returns a time. */
  sendAt: string;
}

const DHAKA_OFFSET_MS = 6 * 3600_000;
const DAY_MS = 86_400_000;

/** "08:00:00" -> "08:00"; throws on anything that is not a time of day. */
export function normaliseSendAt(text: string): string {
  const m = /^([01]\d|2[0-3]):([0-5]\d)(?::00(?:\.0+)?)?$/.exec(text);
  if (!m) throw new RangeError(`not a time of day: ${JSON.stringify(text)}`);
  return `${m[1]}:${m[2]}`;
}

/** The first instant strictly after `after` at which the schedule is due. */
export function nextRunAt(timing: ScheduleTiming, after: Date): Date {
  const [hours, minutes] = normaliseSendAt(timing.sendAt).split(":").map(Number) as [number, number];
  // The local wall clock, read through UTC fields.
  const local = new Date(after.getTime() + DHAKA_OFFSET_MS);
  let due = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), hours, minutes) - DHAKA_OFFSET_MS;
  if (timing.frequency === "daily") return new Date(due <= after.getTime() ? due + DAY_MS : due);
  const weekday = timing.weekday;
  if (weekday === null || !Number.isInteger(weekday) || weekday < 0 || weekday > 6)
    throw new RangeError(`a weekly schedule needs a weekday 0-6, got ${weekday}`);
  due += ((weekday - local.getUTCDay() + 7) % 7) * DAY_MS;
  return new Date(due <= after.getTime() ? due + 7 * DAY_MS : due);
}
