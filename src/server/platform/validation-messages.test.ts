// Each kind of Zod issue, made by Zod itself from a real schema, described in Bengali and English.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { BdPhone } from "../../shared/bd-phone.ts";
import type { Locale } from "../../shared/locale.ts";
import { hasBengali } from "../testing/assertions.ts";
import { describeIssue, fieldLabel, type Issue } from "./validation-messages.ts";

/** The first issue Zod reports, shaped the way the error handler passes it on. */
function issueOf(schema: z.ZodType, value: unknown): Issue {
  const result = schema.safeParse(value);
  const issue = result.error?.issues[0];
  if (!issue) throw new Error(`expected ${JSON.stringify(value)} to be refused`);
  return { ...issue, path: issue.path.map((p) => (typeof p === "symbol" ? String(p) : p)) } as Issue;
}

const both = (schema: z.ZodType, value: unknown) => ({
  en: describeIssue(issueOf(schema, value), "en"),
  bn: describeIssue(issueOf(schema, value), "bn"),
});

const cases: [string, z.ZodType, unknown, { en: string; bn: string }][] = [
  ["a missing field", z.object({ a: z.string() }), {}, { en: "is required", bn: "এই ঘরটি দরকার" }],
  ["text expected", z.string(), 12, { en: "must be text", bn: "লেখা হতে হবে" }],
  ["a number expected", z.number(), "12", { en: "must be a number", bn: "একটি সংখ্যা হতে হবে" }],
  ["a whole number expected", z.number().int(), 1.5, { en: "must be a whole number", bn: "একটি পূর্ণসংখ্যা হতে হবে" }],
  ["true/false expected", z.boolean(), "yes", { en: "must be true or false", bn: "হ্যাঁ/না (true/false) হতে হবে" }],
  ["an object expected", z.object({}), [], { en: "must be an object", bn: "একটি অবজেক্ট হতে হবে" }],
  ["a list expected", z.array(z.string()), "a", { en: "must be a list", bn: "একটি তালিকা হতে হবে" }],
  ["short text", z.string().min(3), "ab", { en: "must be at least 3 characters", bn: "কমপক্ষে ৩ অক্ষর হতে হবে" }],
  [
    "long text",
    z.string().max(12),
    "x".repeat(13),
    { en: "must be at most 12 characters", bn: "সর্বোচ্চ ১২ অক্ষর হতে পারে" },
  ],
  ["a short list", z.array(z.number()).min(2), [1], { en: "must have at least 2 items", bn: "কমপক্ষে ২টি থাকতে হবে" }],
  ["a long list", z.array(z.number()).max(1), [1, 2], { en: "must have at most one item", bn: "সর্বোচ্চ ১টি থাকতে পারে" }],
  ["a small number", z.number().min(10), 9, { en: "must be 10 or more", bn: "১০ বা তার বেশি হতে হবে" }],
  ["a big number", z.number().max(3650), 3651, { en: "must be 3650 or less", bn: "৩৬৫০ বা তার কম হতে হবে" }],
  ["an email", z.email(), "not-an-email", { en: "is not a valid email address", bn: "সঠিক ইমেইল ঠিকানা নয়" }],
  ["a uuid", z.uuid(), "not-a-uuid", { en: "is not a valid id (UUID)", bn: "সঠিক আইডি (UUID) নয়" }],
  ["a date", z.iso.date(), "15/01/2026", { en: "must be a date as YYYY-MM-DD", bn: "তারিখ YYYY-MM-DD আকারে দিন" }],
  ["a time", z.iso.datetime(), "yesterday", { en: "must be a time in ISO 8601", bn: "সময় ISO 8601 আকারে দিন" }],
  ["a pattern", z.string().regex(/^[A-Z]+$/), "abc", { en: "has the wrong format", bn: "আকার সঠিক নয়" }],
  ["an enum value", z.enum(["bn", "en"]), "fr", { en: "must be one of: bn, en", bn: "এর যেকোনো একটি হতে হবে: bn, en" }],
  [
    "unknown keys",
    z.strictObject({ a: z.string() }),
    { a: "x", b: 1, c: 2 },
    { en: "unknown fields: b, c", bn: "অজানা ঘর: b, c" },
  ],
  [
    "a union",
    z.union([z.string(), z.number()]),
    true,
    { en: "matches none of the allowed shapes", bn: "কোনো অনুমোদিত আকারের সাথে মেলে না" },
  ],
  ["a multiple", z.number().multipleOf(5), 7, { en: "is not an allowed multiple", bn: "সঠিক গুণিতক নয়" }],
  [
    "a refinement with both languages",
    z.string().refine(() => false, "Too early|খুব আগে"),
    "x",
    { en: "Too early", bn: "খুব আগে" },
  ],
  [
    "a refinement with one language",
    z.string().refine(() => false, "nope"),
    "x",
    { en: "is not valid", bn: "মান সঠিক নয়" },
  ],
];

describe("describeIssue", () => {
  it.each(cases)("describes %s", (_name, schema, value, expected) => {
    expect(both(schema, value)).toEqual(expected);
  });

  it("always answers Bengali script in Bengali and none in English", () => {
    for (const [name, schema, value] of cases) {
      const { en, bn } = both(schema, value);
      expect(hasBengali(bn), `${name}: ${bn}`).toBe(true);
      expect(hasBengali(en), `${name}: ${en}`).toBe(false);
    }
  });

  it("describes an issue code it does not know without failing", () => {
    const issue: Issue = { code: "something_new", path: ["x"], message: "Zod's own words" };
    expect(describeIssue(issue, "en")).toBe("is not valid");
    expect(describeIssue(issue, "bn")).toBe("মান সঠিক নয়");
  });

  it("shows a pattern's own bilingual message (the contracts write them as 'en|bn')", () => {
    // BdPhone carries "Not a Bangladesh mobile number (01XXXXXXXXX)|বাংলাদেশি মোবাইল নম্বর নয় (০১XXXXXXXXX)".
    const issue = issueOf(BdPhone, "12345");
    expect(describeIssue(issue, "en")).toBe("Not a Bangladesh mobile number (01XXXXXXXXX)");
    expect(describeIssue(issue, "bn")).toBe("বাংলাদেশি মোবাইল নম্বর নয় (০১XXXXXXXXX)");
  });

  it("does not describe an exclusive minimum as inclusive (positive() refuses 0)", () => {
    const issue = issueOf(z.number().positive(), 0);
    const said: Record<Locale, string> = { en: "0 or more", bn: "০ বা তার বেশি" };
    for (const locale of ["en", "bn"] as const) expect(describeIssue(issue, locale)).not.toContain(said[locale]);
  });
});

describe("fieldLabel", () => {
  it("joins the path with dots, or names the part of the request", () => {
    expect(fieldLabel(["userIds", 0], "body")).toBe("userIds.0");
    expect(fieldLabel(["a", "b", 2, "c"], "querystring")).toBe("a.b.2.c");
    expect(fieldLabel([], "body")).toBe("body");
    expect(fieldLabel([], "params")).toBe("params");
    expect(fieldLabel([], "querystring")).toBe("querystring");
    expect(fieldLabel([], undefined)).toBe("request");
  });
});
