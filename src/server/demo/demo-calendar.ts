// Business days for the demo generator as whole day numbers (days since 1970-01-01), so that weeks, lags and
// seasons are integer arithmetic; instants are placed in Asia/Dhaka (UTC+6 all year, no daylight saving).
const DAY_MS = 86_400_000;
const DHAKA_OFFSET_MIN = 6 * 60;

export const dayNumber = (date: string): number => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
export const dateOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** 0 = Sunday ... 6 = Saturday, as Date.getUTCDay. */
export const weekdayOf = (day: number): number => new Date(day * DAY_MS).getUTCDay();

/** The instant `minutes` after midnight in Dhaka on `day`. */
export const dhakaAt = (day: number, minutes: number): Date =>
  new Date(day * DAY_MS + (minutes - DHAKA_OFFSET_MIN) * 60_000);

/** The working days of a beat, Saturday first (Friday is the weekend): [Date.getUTCDay, English, Bengali]. */
export const BEAT_DAYS: readonly (readonly [weekday: number, en: string, bn: string])[] = [
  [6, "Saturday", "শনিবার"],
  [0, "Sunday", "রবিবার"],
  [1, "Monday", "সোমবার"],
  [2, "Tuesday", "মঙ্গলবার"],
  [3, "Wednesday", "বুধবার"],
  [4, "Thursday", "বৃহস্পতিবার"],
];

/** The weekday a route is walked on, from its name ("Kaliakair Tuesday beat 2"); Saturday when it names none. */
export const beatWeekday = (routeName: string): number =>
  (BEAT_DAYS.find(([, en]) => routeName.includes(en)) ?? BEAT_DAYS[0])?.[0] ?? 6;

/** The same day of the month `months` months away (clamped to the month's last day). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

// Eid al-Fitr and Eid al-Adha as observed in Bangladesh (moon sighting may move them a day). Shops stock up
// in the weeks before, and trade is slow the week after.
const EIDS = [
  "2025-03-31",
  "2025-06-07",
  "2026-03-20",
  "2026-05-27",
  "2027-03-10",
  "2027-05-17",
  "2028-02-27",
  "2028-05-05",
  "2029-02-15",
  "2029-04-24",
].map(dayNumber);

/** How busy trade is on a day relative to normal: up to 1.6 in the three weeks before Eid, 0.6 just after. */
export function eidSeason(day: number): number {
  for (const eid of EIDS) {
    const before = eid - day;
    if (before >= 0 && before <= 21) return before <= 10 ? 1.6 : 1.35;
    if (before < 0 && before >= -6) return 0.6;
  }
  return 1;
}
