// Numbers, money, dates and distances on the phone: src/shared/format.ts bound to the UI language and the rep's
// choice of digits. The field app's counterpart of ui/use-format.ts, which it cannot import: that one reads the
// web app's session, and would bring the web app's code into the phone's first download.
import { createContext, useContext } from "react";
import { formatDate, formatDateTime, formatMoney, formatNumber, formatTime } from "../../../shared/format.ts";
import type { Locale } from "../../../shared/locale.ts";

export interface FieldFormat {
  locale: Locale;
  money: (poisha: number) => string;
  number: (value: number) => string;
  date: (value: string | Date) => string;
  dateTime: (value: string | Date) => string;
  /** Clock time in Asia/Dhaka. */
  time: (value: string | Date) => string;
  /** "850 m" / "1.2 km" in the UI's digits. */
  distance: (metres: number) => string;
  /** Basis points as a percentage: 6250 -> "62.5%". */
  percent: (bp: number) => string;
}

export function fieldFormat(locale: Locale, bengaliDigits: boolean): FieldFormat {
  const opts = { bengaliDigits };
  const number = (v: number) => formatNumber(v, locale, opts);
  return {
    locale,
    money: (p) => formatMoney(p, locale, opts),
    number,
    date: (v) => formatDate(v, locale, opts),
    dateTime: (v) => formatDateTime(v, locale, opts),
    time: (v) => formatTime(v, locale, opts),
    distance: (m) =>
      m < 1000
        ? `${number(m)} ${locale === "bn" ? "মি" : "m"}`
        : `${number(Math.round(m / 100) / 10)} ${locale === "bn" ? "কিমি" : "km"}`,
    percent: (bp) => `${number(Math.round(bp / 10) / 10)}%`,
  };
}

export const FormatContext = createContext<FieldFormat>(fieldFormat("bn", true));
export const useFieldFormat = (): FieldFormat => useContext(FormatContext);
