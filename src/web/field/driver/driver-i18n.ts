// The driver's screens have their own small catalogue (bn / en), loaded with those screens only: a rep's phone
// never downloads it. Same rules as the field catalogue: typed keys, {{placeholders}}, Bengali first.
import type { Locale } from "../../../shared/locale.ts";
import { useLocaleState } from "../i18n/field-i18n.ts";
import bn from "./i18n/bn.json";
import en from "./i18n/en.json";

type Paths<T, P extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Paths<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every key of the driver catalogue: a typo is a type error. */
export type DriverKey = Paths<typeof en>;
export type DriverT = (key: DriverKey, vars?: Record<string, string | number>) => string;

type Tree = { [k: string]: string | Tree };
const CATALOGUES: Record<Locale, Tree> = { bn, en };

function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split(".")) {
    if (typeof node !== "object") return undefined;
    node = node[part];
  }
  return typeof node === "string" ? node : undefined;
}

/** A translator for one language; a missing Bengali string falls back to English, then to the key. */
export function driverTranslator(locale: Locale): DriverT {
  return (key, vars) => {
    const text = lookup(CATALOGUES[locale], key) ?? lookup(CATALOGUES.en, key) ?? key;
    return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(vars?.[name] ?? ""));
  };
}

const cache = new Map<Locale, DriverT>();

/** The driver catalogue in the field app's current language. */
export function useDriverT(): { t: DriverT; locale: Locale } {
  const { locale } = useLocaleState();
  let t = cache.get(locale);
  if (!t) {
    t = driverTranslator(locale);
    cache.set(locale, t);
  }
  return { t, locale };
}
