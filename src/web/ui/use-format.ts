// The one way the web app shows money, numbers and dates: src/shared/format.ts bound to the UI language
// and the signed-in user's choice of digits (Bengali ১২৩ or Latin 123; before sign-in, Bengali).
import { useContext, useMemo } from "react";
import { formatDate, formatDateTime, formatMoney, formatNumber, formatTime } from "../../shared/format.ts";
import type { Locale } from "../../shared/locale.ts";
import { MeContext } from "../features/auth/use-session.ts";
import { useLocale } from "../i18n/i18n.ts";

export interface Formatters {
  locale: Locale;
  /** Whether Bengali text shows Bengali digits; English always shows 0-9. */
  bengaliDigits: boolean;
  money: (poisha: number) => string;
  number: (value: number) => string;
  date: (value: string | Date) => string;
  dateTime: (value: string | Date) => string;
  /** The clock time alone, for lists of one day's events. */
  time: (value: string | Date) => string;
}

/** Formatters for a language and digit choice; outside React (tests) call this, in components useFormat(). */
export function formattersFor(locale: Locale, bengaliDigits: boolean): Formatters {
  const opts = { bengaliDigits };
  return {
    locale,
    bengaliDigits,
    money: (poisha) => formatMoney(poisha, locale, opts),
    number: (value) => formatNumber(value, locale, opts),
    date: (value) => formatDate(value, locale, opts),
    dateTime: (value) => formatDateTime(value, locale, opts),
    time: (value) => formatTime(value, locale, opts),
  };
}

export function useFormat(): Formatters {
  const locale = useLocale();
  // The signed-in layout provides the user; the context (not the session query) keeps this cheap for
  // the many numbers of a table, and it follows the profile as soon as a PATCH updates the session.
  const bengaliDigits = useContext(MeContext)?.bengaliDigits ?? true;
  return useMemo(() => formattersFor(locale, bengaliDigits), [locale, bengaliDigits]);
}
