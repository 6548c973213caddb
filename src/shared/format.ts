// The one formatting module for money, numbers and dates, used by the web app, exports and emails.
// Money is integer poisha; grouping follows South Asian usage (lakh, crore): 12,34,56,789.
import type { Locale } from "./locale.ts";

export const BUSINESS_TIME_ZONE = "Asia/Dhaka";

const intlLocale = (locale: Locale, bengaliDigits: boolean) =>
  locale === "bn" ? (bengaliDigits ? "bn-BD" : "bn-BD-u-nu-latn") : "en-IN";

// Building an Intl formatter costs far more than formatting with one (every priced memo labels its schemes, lists and
// exports format thousands of values), so each is made once per locale and style.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function formatter<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let made = formatters.get(key) as T | undefined;
  if (!made) {
    made = make();
    formatters.set(key, made);
  }
  return made;
}

export interface FormatOptions {
  /** Bengali digits (০-৯) in Bengali; default true. English always uses 0-9. */
  bengaliDigits?: boolean;
}

export function formatNumber(value: number, locale: Locale, opts: FormatOptions = {}): string {
  const tag = intlLocale(locale, opts.bengaliDigits ?? true);
  return formatter(`number|${tag}`, () => new Intl.NumberFormat(tag, { maximumFractionDigits: 2 })).format(value);
}

/** ৳ with lakh/crore grouping; whole taka are shown without decimals, otherwise two decimals. */
export function formatMoney(poisha: number, locale: Locale, opts: FormatOptions = {}): string {
  if (!Number.isSafeInteger(poisha)) throw new RangeError(`money must be whole poisha, got ${poisha}`);
  const tag = intlLocale(locale, opts.bengaliDigits ?? true);
  const abs = Math.abs(poisha);
  // Taka and poisha are formatted as two integers, never as abs / 100: floating point would lose the
  // last poisha of very large amounts.
  const paisa = abs % 100;
  const taka = formatter(`taka|${tag}`, () => new Intl.NumberFormat(tag, { maximumFractionDigits: 0 })).format(
    (abs - paisa) / 100,
  );
  const poishaFormat = formatter(
    `poisha|${tag}`,
    () => new Intl.NumberFormat(tag, { minimumIntegerDigits: 2, useGrouping: false }),
  );
  const fraction = paisa === 0 ? "" : `.${poishaFormat.format(paisa)}`;
  return `${poisha < 0 ? "-" : ""}৳${taka}${fraction}`;
}

export function formatDate(value: Date | string, locale: Locale, opts: FormatOptions = {}): string {
  const date =
    typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? new Date(`${value}T00:00:00+06:00`)
      : new Date(value);
  const tag = intlLocale(locale, opts.bengaliDigits ?? true);
  return formatter(
    `date|${tag}`,
    () =>
      new Intl.DateTimeFormat(tag, { timeZone: BUSINESS_TIME_ZONE, day: "numeric", month: "short", year: "numeric" }),
  ).format(date);
}

export function formatDateTime(value: Date | string, locale: Locale, opts: FormatOptions = {}): string {
  const tag = intlLocale(locale, opts.bengaliDigits ?? true);
  return formatter(
    `datetime|${tag}`,
    () =>
      new Intl.DateTimeFormat(tag, {
        timeZone: BUSINESS_TIME_ZONE,
        day: "numeric",
        month: "short",
        year: "numeric",
        hour: "numeric",
        minute: "2-digit",
        // Bengali has no AM/PM letters of its own in ICU; a 24-hour clock reads naturally instead.
        ...(locale === "bn" && { hourCycle: "h23" as const }),
      }),
  ).format(new Date(value));
}

/** The clock time in Asia/Dhaka ("16:41" in Bengali, "4:41 pm" in English): for lists of one day's events. */
export function formatTime(value: Date | string, locale: Locale, opts: FormatOptions = {}): string {
  const tag = intlLocale(locale, opts.bengaliDigits ?? true);
  return formatter(
    `time|${tag}`,
    () =>
      new Intl.DateTimeFormat(tag, {
        timeZone: BUSINESS_TIME_ZONE,
        hour: "numeric",
        minute: "2-digit",
        ...(locale === "bn" && { hourCycle: "h23" as const }),
      }),
  ).format(new Date(value));
}

/** Today's business date (YYYY-MM-DD) in Asia/Dhaka. */
export function businessDate(at: Date = new Date()): string {
  return formatter("business-date", () => new Intl.DateTimeFormat("en-CA", { timeZone: BUSINESS_TIME_ZONE })).format(
    at,
  );
}

/** A business date moved by whole days (negative goes back). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from one business date to another (0 for the same day, negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
