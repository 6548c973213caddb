// Business time for service levels: a target of "2 hours" means two working hours of the org's calendar, not two
// hours on the clock. A ticket opened on Thursday at 17:30 in Dhaka with a 2-hour target is due on Saturday at 10:30
// when the desk works Saturday to Thursday 09:00-18:00 (Friday off). Pure: no I/O, every instant a Date.

/** One weekday's working window, "HH:MM" local time; null when the desk is closed that day. */
export interface WorkingWindow {
  open: string;
  close: string;
}

export interface BusinessCalendar {
  timeZone: string;
  /** Indexed by weekday, 0 = Sunday ... 6 = Saturday. */
  week: readonly (WorkingWindow | null)[];
  /** Local dates (YYYY-MM-DD) the desk is closed. */
  holidays: readonly string[];
}

const NINE_TO_SIX: WorkingWindow = { open: "09:00", close: "18:00" };

/** Bangladesh's working week: Saturday to Thursday 09:00-18:00, Friday off, in Asia/Dhaka. */
export const DEFAULT_CALENDAR: BusinessCalendar = {
  timeZone: "Asia/Dhaka",
  week: [NINE_TO_SIX, NINE_TO_SIX, NINE_TO_SIX, NINE_TO_SIX, NINE_TO_SIX, null, NINE_TO_SIX],
  holidays: [],
};

const MINUTE = 60_000;
/** A calendar with no working time at all would never reach a due time: stop looking after this many days. */
const MAX_DAYS = 3 * 366;

export function minutesOfDay(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm) ?? (hhmm === "24:00" ? ["", "24", "00"] : null);
  if (!m) throw new Error(`not a time of day: ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's offset from UTC at an instant, in minutes (Dhaka: +360). */
function offsetMinutes(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / MINUTE);
}

interface LocalDay {
  /** Days since 1970-01-01 of the local date. */
  day: number;
  weekday: number;
  iso: string;
}

function localDayOf(instant: number, timeZone: string): LocalDay {
  const local = instant + offsetMinutes(instant, timeZone) * MINUTE;
  const day = Math.floor(local / 86_400_000);
  return dayInfo(day);
}

function dayInfo(day: number): LocalDay {
  const d = new Date(day * 86_400_000);
  return { day, weekday: d.getUTCDay(), iso: d.toISOString().slice(0, 10) };
}

/** The instant of a local wall-clock time (minutes after local midnight) on a local day. */
function instantAt(day: number, minutes: number, timeZone: string): number {
  const guess = day * 86_400_000 + minutes * MINUTE;
  const first = guess - offsetMinutes(guess, timeZone) * MINUTE;
  return guess - offsetMinutes(first, timeZone) * MINUTE;
}

/** The working window of a local day as instants, or null on a day off. */
function windowOf(day: LocalDay, cal: BusinessCalendar): [number, number] | null {
  if (cal.holidays.includes(day.iso)) return null;
  const w = cal.week[day.weekday];
  if (!w) return null;
  const open = minutesOfDay(w.open);
  const close = minutesOfDay(w.close);
  if (close <= open) return null;
  return [instantAt(day.day, open, cal.timeZone), instantAt(day.day, close, cal.timeZone)];
}

/** Whether the calendar has any working time in a week (else no due time can ever be reached). */
export function hasWorkingTime(cal: BusinessCalendar): boolean {
  return cal.week.some((w) => w !== null && minutesOfDay(w.close) > minutesOfDay(w.open));
}

/** The instant `minutes` working minutes after `start` (start itself when minutes <= 0). */
export function addBusinessMinutes(start: Date, minutes: number, cal: BusinessCalendar): Date {
  if (minutes <= 0) return new Date(start);
  if (!hasWorkingTime(cal)) throw new Error("the calendar has no working hours");
  let remaining = minutes * MINUTE;
  let t = start.getTime();
  let day = localDayOf(t, cal.timeZone).day;
  for (let i = 0; i < MAX_DAYS; i++, day++) {
    const w = windowOf(dayInfo(day), cal);
    if (!w) continue;
    const from = Math.max(t, w[0]);
    if (from >= w[1]) continue;
    const available = w[1] - from;
    if (remaining <= available) return new Date(from + remaining);
    remaining -= available;
    t = w[1];
  }
  throw new Error("no working time within three years: are all days holidays?");
}

/** Working minutes between two instants (0 when b is not after a); whole and partial minutes, rounded down. */
export function businessMinutesBetween(a: Date, b: Date, cal: BusinessCalendar): number {
  const start = a.getTime();
  const end = b.getTime();
  if (end <= start) return 0;
  let total = 0;
  const last = localDayOf(end, cal.timeZone).day;
  for (let day = localDayOf(start, cal.timeZone).day; day <= last; day++) {
    const w = windowOf(dayInfo(day), cal);
    if (!w) continue;
    const from = Math.max(start, w[0]);
    const to = Math.min(end, w[1]);
    if (to > from) total += to - from;
  }
  return Math.floor(total / MINUTE);
}
