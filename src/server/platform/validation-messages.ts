// Zod issues in words a person understands, in Bengali and English. Zod's own messages are English only.
import type { Locale } from "../../shared/locale.ts";

export interface Issue {
  code: string;
  path: (string | number)[];
  message?: string;
  expected?: unknown;
  received?: unknown;
  minimum?: unknown;
  inclusive?: boolean;
  maximum?: unknown;
  origin?: string;
  format?: string;
  keys?: string[];
  values?: unknown[];
}

const bnDigits = (v: unknown) => String(v).replace(/\d/g, (d) => "০১২৩৪৫৬৭৮৯"[Number(d)] ?? d);

const typeNames: Record<string, { en: string; bn: string }> = {
  string: { en: "text", bn: "লেখা" },
  number: { en: "a number", bn: "একটি সংখ্যা" },
  int: { en: "a whole number", bn: "একটি পূর্ণসংখ্যা" },
  boolean: { en: "true or false", bn: "হ্যাঁ/না (true/false)" },
  object: { en: "an object", bn: "একটি অবজেক্ট" },
  array: { en: "a list", bn: "একটি তালিকা" },
  date: { en: "a date", bn: "একটি তারিখ" },
};

function typeName(t: unknown, locale: Locale): string {
  const name = typeNames[String(t)];
  return name ? name[locale] : String(t);
}

export function describeIssue(issue: Issue, locale: Locale): string {
  const bn = locale === "bn";
  const n = (v: unknown) => (bn ? bnDigits(v) : String(v));
  // Our own refinements and regexes carry both languages: "English text|বাংলা লেখা".
  const own = issue.message ? /^([^|]+)\|([^|]*[\u0980-\u09FF][^|]*)$/.exec(issue.message) : null;
  if (own?.[1] && own[2]) return bn ? own[2] : own[1];
  const strict = issue.inclusive === false;
  switch (issue.code) {
    case "invalid_type":
      if (issue.received === "undefined" || issue.message?.includes("received undefined"))
        return bn ? "এই ঘরটি দরকার" : "is required";
      return bn ? `${typeName(issue.expected, locale)} হতে হবে` : `must be ${typeName(issue.expected, locale)}`;
    case "too_small":
      if (issue.origin === "string" && Number(issue.minimum) === 1) return bn ? "খালি রাখা যাবে না" : "must not be empty";
      if (issue.origin === "array" && Number(issue.minimum) === 1)
        return bn ? "অন্তত একটি থাকতে হবে" : "must have at least one item";
      if (issue.origin === "string")
        return bn ? `কমপক্ষে ${n(issue.minimum)} অক্ষর হতে হবে` : `must be at least ${issue.minimum} characters`;
      if (issue.origin === "array")
        return bn ? `কমপক্ষে ${n(issue.minimum)}টি থাকতে হবে` : `must have at least ${issue.minimum} items`;
      if (strict) return bn ? `${n(issue.minimum)}-এর বেশি হতে হবে` : `must be more than ${issue.minimum}`;
      return bn ? `${n(issue.minimum)} বা তার বেশি হতে হবে` : `must be ${issue.minimum} or more`;
    case "too_big":
      if (issue.origin === "string" && Number(issue.maximum) === 1)
        return bn ? "সর্বোচ্চ ১টি অক্ষর হতে পারে" : "must be at most 1 character";
      if (issue.origin === "array" && Number(issue.maximum) === 1)
        return bn ? "সর্বোচ্চ ১টি থাকতে পারে" : "must have at most one item";
      if (issue.origin === "string")
        return bn ? `সর্বোচ্চ ${n(issue.maximum)} অক্ষর হতে পারে` : `must be at most ${issue.maximum} characters`;
      if (issue.origin === "array")
        return bn ? `সর্বোচ্চ ${n(issue.maximum)}টি থাকতে পারে` : `must have at most ${issue.maximum} items`;
      if (strict) return bn ? `${n(issue.maximum)}-এর কম হতে হবে` : `must be less than ${issue.maximum}`;
      return bn ? `${n(issue.maximum)} বা তার কম হতে হবে` : `must be ${issue.maximum} or less`;
    case "invalid_format":
      if (issue.format === "email") return bn ? "সঠিক ইমেইল ঠিকানা নয়" : "is not a valid email address";
      if (issue.format === "uuid") return bn ? "সঠিক আইডি (UUID) নয়" : "is not a valid id (UUID)";
      if (issue.format === "date") return bn ? "তারিখ YYYY-MM-DD আকারে দিন" : "must be a date as YYYY-MM-DD";
      if (issue.format === "datetime") return bn ? "সময় ISO 8601 আকারে দিন" : "must be a time in ISO 8601";
      return bn ? "আকার সঠিক নয়" : "has the wrong format";
    case "invalid_value":
      return bn
        ? `এর যেকোনো একটি হতে হবে: ${(issue.values ?? []).join(", ")}`
        : `must be one of: ${(issue.values ?? []).join(", ")}`;
    case "unrecognized_keys":
      return bn ? `অজানা ঘর: ${(issue.keys ?? []).join(", ")}` : `unknown fields: ${(issue.keys ?? []).join(", ")}`;
    case "invalid_union":
      return bn ? "কোনো অনুমোদিত আকারের সাথে মেলে না" : "matches none of the allowed shapes";
    case "not_multiple_of":
      return bn ? "সঠিক গুণিতক নয়" : "is not an allowed multiple";
    default:
      return bn ? "মান সঠিক নয়" : "is not valid";
  }
}

export function fieldLabel(path: (string | number)[], where: string | undefined): string {
  const p = path.join(".");
  if (p) return p;
  return where === "body" ? "body" : (where ?? "request");
}
