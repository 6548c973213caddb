// The field app's own i18next instance and catalogue (bn / en), kept apart from the web app's so the phone
// downloads only the field strings. Bengali first; the signed-in user's language once the session is known.
import i18next, { type TFunction } from "i18next";
import { createContext, useContext } from "react";
import { isLocale, type Locale } from "../../../shared/locale.ts";
import bn from "./bn.json";
import en from "./en.json";

/** The same key the web app uses, so a language chosen in one is the language of the other on this device. */
const STORAGE_KEY = "bikri.locale";

type Paths<T, P extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Paths<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every key of the field catalogue: a typo is a type error. */
export type FieldKey = Paths<typeof en>;
export type FieldT = (key: FieldKey, vars?: Record<string, string | number>) => string;

export const fieldI18n = i18next.createInstance();

export function storedLocale(): Locale | undefined {
  try {
    const v = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

export function rememberLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // private mode: the choice lasts for this page only
  }
}

export function initFieldI18n(): Locale {
  const lng = storedLocale() ?? "bn";
  void fieldI18n.init({
    resources: { bn: { translation: bn }, en: { translation: en } },
    lng,
    fallbackLng: "bn",
    supportedLngs: ["bn", "en"],
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  document.documentElement.lang = lng;
  return lng;
}

/** A translator bound to one language (the web app's typed keys do not cover the field catalogue). */
export function translatorFor(locale: Locale): FieldT {
  const fixed = fieldI18n.getFixedT(locale) as unknown as (key: string, vars?: object) => string;
  return (key, vars) => fixed(key, vars);
}

/** For shared helpers typed against i18next's TFunction (validation messages): same keys, same catalogue. */
export const asTFunction = (t: FieldT): TFunction => t as unknown as TFunction;

export interface LocaleState {
  locale: Locale;
  t: FieldT;
  setLocale: (locale: Locale) => void;
}

export const LocaleContext = createContext<LocaleState>({
  locale: "bn",
  t: (key) => key,
  setLocale: () => {},
});

export const useT = (): FieldT => useContext(LocaleContext).t;
export const useLocaleState = (): LocaleState => useContext(LocaleContext);
