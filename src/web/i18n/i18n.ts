// One i18next instance for the web app. Bengali is the default; the choice is kept in localStorage
// before sign-in and on the user's profile (PATCH /auth/me) after.
import i18next from "i18next";
import { initReactI18next, useTranslation } from "react-i18next";
import { isLocale, type Locale } from "../../shared/locale.ts";
import { bn, en } from "./resources.ts";

const STORAGE_KEY = "bikri.locale";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof en };
  }
}

function storedLocale(): Locale | undefined {
  try {
    const v = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

export const i18n = i18next.createInstance();

export function initI18n(): typeof i18n {
  const lng = storedLocale() ?? "bn";
  void i18n.use(initReactI18next).init({
    resources: { bn: { translation: bn }, en: { translation: en } },
    lng,
    fallbackLng: "bn",
    supportedLngs: ["bn", "en"],
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  document.documentElement.lang = lng;
  i18n.on("languageChanged", (l) => {
    document.documentElement.lang = l;
  });
  return i18n;
}

export function currentLocale(): Locale {
  const l = i18n.resolvedLanguage ?? i18n.language;
  return isLocale(l) ? l : "bn";
}

/** Switch the UI language now and remember it on this device. */
export function applyLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // private mode: the choice lasts for this page only
  }
  if (currentLocale() !== locale || i18n.language !== locale) void i18n.changeLanguage(locale);
}

/** The current UI language as a Locale, re-rendering when it changes. */
export function useLocale(): Locale {
  const { i18n: instance } = useTranslation();
  const l = instance.resolvedLanguage ?? instance.language;
  return isLocale(l) ? l : "bn";
}
