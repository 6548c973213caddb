// Errors carry codes, not HTTP statuses. Each area declares its codes with a status and a message in
// Bengali and English (its *.errors.ts); services throw them; this file alone turns them into replies.
import { formatMoney } from "../../shared/format.ts";
import type { Locale } from "../../shared/locale.ts";

export interface ErrorSpec {
  code: string;
  status: number;
  en: string;
  bn: string;
}

const registry = new Map<string, ErrorSpec>();

export class AppError extends Error {
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: string, details?: Record<string, unknown>) {
    super(code);
    this.code = code;
    this.details = details;
  }
}

type Factories<T> = { [K in keyof T]: (details?: Record<string, unknown>) => AppError };

/** Declare an area's errors; returns one factory per error. Codes are unique across the app. */
export function defineErrors<T extends Record<string, Omit<ErrorSpec, never>>>(catalog: T): Factories<T> {
  const out = {} as Factories<T>;
  for (const [name, spec] of Object.entries(catalog)) {
    const existing = registry.get(spec.code);
    if (existing && existing !== spec) throw new Error(`error code ${spec.code} is declared twice`);
    registry.set(spec.code, spec);
    out[name as keyof T] = (details) => new AppError(spec.code, details);
  }
  return out;
}

export function errorSpec(code: string): ErrorSpec | undefined {
  return registry.get(code);
}

const BENGALI_DIGITS = "০১২৩৪৫৬৭৮৯";

/** A detail as the message shows it: numbers in the locale's digits, `money` (poisha) as ৳ taka. */
function detailText(value: unknown, format: string | undefined, locale: Locale): string {
  if (format === "money" && typeof value === "number" && Number.isSafeInteger(value)) return formatMoney(value, locale);
  const text = String(value);
  // Numbers only, not codes or names: "OT-104" stays as typed, 7834 m reads ৭৮৩৪ in Bengali.
  return locale === "bn" && typeof value === "number"
    ? text.replace(/[0-9]/g, (d) => BENGALI_DIGITS[Number(d)] as string)
    : text;
}

/**
 * `{name}` placeholders are filled from details, so messages can name the field or the limit; `{name:money}`
 * shows a poisha amount as taka.
 */
export function localizedMessage(code: string, locale: Locale, details?: Record<string, unknown>): string {
  const spec = registry.get(code);
  return fillMessage(spec ? spec[locale] : code, locale, details);
}

/** Fills a message template's placeholders the way error messages are filled (see localizedMessage). */
export function fillMessage(template: string, locale: Locale, details?: Record<string, unknown>): string {
  return template.replace(/\{(\w+)(?::(\w+))?\}/g, (m, k: string, format: string | undefined) =>
    details && details[k] !== undefined ? detailText(details[k], format, locale) : m,
  );
}

export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

export const PlatformErrors = defineErrors({
  invalidRequest: {
    code: "request.invalid",
    status: 400,
    en: "The request is not valid: {summary}",
    bn: "অনুরোধটি সঠিক নয়: {summary}",
  },
  malformedJson: {
    code: "request.malformed_json",
    status: 400,
    en: "The request body is not valid JSON.",
    bn: "অনুরোধের বডি সঠিক JSON নয়।",
  },
  emptyBody: {
    code: "request.empty_body",
    status: 400,
    en: "The request body is empty, but this operation needs one.",
    bn: "অনুরোধের বডি খালি, কিন্তু এই কাজের জন্য বডি দরকার।",
  },
  bodyTooLarge: {
    code: "request.too_large",
    status: 413,
    en: "The request body is too large (limit {limit} bytes).",
    bn: "অনুরোধের বডি খুব বড় (সীমা {limit} বাইট)।",
  },
  unsupportedMediaType: {
    code: "request.unsupported_media_type",
    status: 415,
    en: "Send the request body as application/json.",
    bn: "অনুরোধের বডি application/json হিসেবে পাঠান।",
  },
  nulCharacter: {
    code: "request.nul_character",
    status: 400,
    en: "Text may not contain the NUL character (U+0000).",
    bn: "লেখায় NUL অক্ষর (U+0000) থাকতে পারে না।",
  },
  badRequest: {
    code: "request.bad",
    status: 400,
    en: "The request could not be understood.",
    bn: "অনুরোধটি বোঝা যায়নি।",
  },
  rateLimited: {
    code: "request.rate_limited",
    status: 429,
    en: "Too many requests. Please wait a minute and try again.",
    bn: "অনেক বেশি অনুরোধ। এক মিনিট অপেক্ষা করে আবার চেষ্টা করুন।",
  },
  routeNotFound: {
    code: "route.not_found",
    status: 404,
    en: "There is no such page or API operation.",
    bn: "এমন কোনো পাতা বা API নেই।",
  },
  methodNotAllowed: {
    code: "route.method_not_allowed",
    status: 405,
    en: "This operation does not accept that method.",
    bn: "এই কাজে এই মেথড চলে না।",
  },
  notFound: {
    code: "record.not_found",
    status: 404,
    en: "The record was not found.",
    bn: "রেকর্ডটি পাওয়া যায়নি।",
  },
  conflict: {
    code: "record.conflict",
    status: 409,
    en: "The record was changed or already exists.",
    bn: "রেকর্ডটি বদলে গেছে অথবা আগে থেকেই আছে।",
  },
  internal: {
    code: "internal",
    status: 500,
    en: "Something went wrong on our side. It has been logged; please try again.",
    bn: "আমাদের দিকে একটি সমস্যা হয়েছে। এটি লগ করা হয়েছে; আবার চেষ্টা করুন।",
  },
  unavailable: {
    code: "service.unavailable",
    status: 503,
    en: "The service is not ready (database unreachable).",
    bn: "সার্ভিস প্রস্তুত নয় (ডেটাবেসে সংযোগ নেই)।",
  },
});
