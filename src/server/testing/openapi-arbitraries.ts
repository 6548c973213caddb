// Requests generated from the app's own OpenAPI document. For every operation: values its schemas accept
// (text in Bengali, English, mixed scripts and emoji, numbers in range, dates, arrays within bounds, optional
// fields present or absent) and values at or past their edges (lengths and ranges just outside, huge strings,
// bad UUIDs and dates, SQL and HTML metacharacters, unicode oddities, wrong types). Only the schema is known
// here; a test supplies what the schema cannot say (which ids are real, what a CSV file looks like) through
// `ValueSources`. The bad-input test reads the document with the same `apiOperations`.
import fc from "fast-check";

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  items?: JsonSchema;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
}

export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export interface ApiParameter {
  name: string;
  required: boolean;
  schema: JsonSchema;
}

export interface ApiOperation {
  method: HttpMethod;
  /** As the document writes it: /api/v1/users/{id}. */
  path: string;
  pathParams: ApiParameter[];
  query: ApiParameter[];
  /** The JSON body's schema, or null when the operation takes none. */
  body: JsonSchema | null;
  bodyRequired: boolean;
  /** The statuses the document lists for the operation. */
  statuses: number[];
}

interface OpenApiOperationObject {
  parameters?: { name: string; in: string; required?: boolean; schema?: JsonSchema }[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, unknown>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperationObject>>;
}

const METHODS = new Set<string>(["GET", "POST", "PATCH", "PUT", "DELETE"]);

/** Every operation under the prefix, in the document's order. */
export function apiOperations(doc: OpenApiDocument, prefix = "/api/v1/"): ApiOperation[] {
  const out: ApiOperation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    if (!path.startsWith(prefix)) continue;
    for (const [method, op] of Object.entries(methods)) {
      const m = method.toUpperCase();
      if (!METHODS.has(m)) continue;
      const params = (where: string) =>
        (op.parameters ?? [])
          .filter((p) => p.in === where)
          .map((p) => ({ name: p.name, required: p.required === true || where === "path", schema: p.schema ?? {} }));
      const declared = params("path");
      const pathParams = [...path.matchAll(/\{(\w+)\}/g)].map(
        ([, name = ""]) =>
          declared.find((p) => p.name === name) ?? { name, required: true, schema: { type: "string" } as JsonSchema },
      );
      const body = op.requestBody?.content?.["application/json"]?.schema ?? null;
      out.push({
        method: m as HttpMethod,
        path,
        pathParams,
        query: params("query"),
        body,
        bodyRequired: body !== null && op.requestBody?.required === true,
        statuses: Object.keys(op.responses ?? {})
          .map(Number)
          .filter((s) => Number.isInteger(s)),
      });
    }
  }
  return out;
}

export const opName = (op: Pick<ApiOperation, "method" | "path">): string => `${op.method} ${op.path}`;

export function typesOf(s: JsonSchema): string[] {
  return s.type === undefined ? [] : [s.type].flat();
}

// ---- values the schema cannot know ----

export interface FieldContext {
  op: ApiOperation;
  /** The property or parameter name; for array items, the array's. */
  field: string;
  /** Where the field sits: path.id, query.limit, body.lines[].skuId. */
  at: string;
  /** The field's schema, never a union (anyOf is unfolded before asking). */
  schema: JsonSchema;
  /**
   * Inside one member of a union of objects told apart by a one-value property (the field sync's commands, by
   * `kind`): that value, so that a source can tell a check-in's visitId (a new visit) from a check-out's.
   */
  variant?: string;
}

export interface ValueSources {
  /** Values the schema alone cannot make valid (real ids, a CSV file, a live password), or undefined. */
  valid?(field: FieldContext): fc.Arbitrary<unknown> | undefined;
}

/** One of the values a pool holds when the value is drawn, so that records made during a run join in. */
export function fromPool<T>(pool: () => readonly T[], otherwise: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.tuple(fc.nat(), otherwise).map(([i, fallback]) => {
    const items = pool();
    return items.length ? (items[i % items.length] as T) : fallback;
  });
}

// ---- text ----

const BENGALI_WORDS = [
  "রহিম",
  "করিম স্টোর",
  "মুদি দোকান",
  "ঢাকা",
  "চট্টগ্রাম",
  "বিক্রি",
  "সাবান ১০০ গ্রাম",
  "চাল",
  "ডাল",
  "৳৫০০",
  "১২৩",
  "ক্ষুদ্র",
  "জ্যৈষ্ঠ",
  "র‍্যাব",
  "শ্রী",
];
const ENGLISH_WORDS = ["Rahim", "Store", "Dhaka", "grocery", "Soap 100g", "Ltd.", "O'Brien", "A&B", "no. 7", "x"];
const EMOJI = ["🛒", "✅", "🇧🇩", "👨‍👩‍👧", "🙂", "🍚", "🧼"];
/** Single characters for exact-length strings: one UTF-16 unit each, so the length is what it says. */
const ONE_UNIT = ["x", "ক", "৳", "é", "Z"];

const bengaliChar = fc.integer({ min: 0x0980, max: 0x09ff }).map((c) => String.fromCharCode(c));
const textPiece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...BENGALI_WORDS) },
  { weight: 3, arbitrary: fc.constantFrom(...ENGLISH_WORDS) },
  { weight: 1, arbitrary: fc.constantFrom(...EMOJI) },
  { weight: 1, arbitrary: fc.string({ unit: bengaliChar, minLength: 1, maxLength: 6 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 6 }) },
);

/** Cut to at most max UTF-16 units without splitting a character, then pad to min. */
function fitLength(s: string, min: number, max: number): string {
  let out = s.trim();
  if (out.length > max) {
    const chars = Array.from(out);
    while (chars.join("").length > max) chars.pop();
    out = chars.join("").trim();
  }
  while (out.length < min) out += "ক";
  return out;
}

/** Unbounded text is generated up to this length (edges past a declared maximum come from the hostile side). */
const TEXT_CAP = 200;
/** Exact-maximum strings are made only up to this size, to stay far below the body limit. */
const EXACT_CAP = 100_000;

function textIn(min: number, max: number): fc.Arbitrary<string> {
  const cap = Math.min(max, Math.max(min, TEXT_CAP));
  const mixed = fc.array(textPiece, { minLength: 1, maxLength: 6 }).map((ws) => fitLength(ws.join(" "), min, cap));
  const options = [{ weight: 8, arbitrary: mixed }];
  if (max <= EXACT_CAP && max > 0)
    options.push({ weight: 1, arbitrary: fc.constantFrom(...ONE_UNIT).map((c) => c.repeat(max)) });
  if (min > 0) options.push({ weight: 1, arbitrary: fc.constantFrom(...ONE_UNIT).map((c) => c.repeat(min)) });
  return fc.oneof(...options);
}

const LOOKAROUND = /\(\?<?[=!][^)]*\)/g;

/** Strings matching the pattern (fast-check cannot do lookarounds: they are dropped and checked afterwards). */
function patternString(pattern: string, min: number, max: number): fc.Arbitrary<string> {
  const full = new RegExp(pattern);
  const generable = new RegExp(pattern.replace(LOOKAROUND, ""));
  return fc
    .stringMatching(generable)
    .map((s) => (s.length > max ? s.slice(0, max) : s))
    .filter((s) => s.length >= min && s.length <= max && full.test(s));
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const dateIn = (from: string, to: string) =>
  fc.date({ min: new Date(`${from}T00:00:00Z`), max: new Date(`${to}T00:00:00Z`), noInvalidDate: true }).map(isoDate);

function validString(s: JsonSchema): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? Number.MAX_SAFE_INTEGER;
  switch (s.format) {
    case "uuid":
      return fc.uuid({ version: 7 });
    case "date":
      return fc.oneof(
        // Most real requests name a day near today (an order date, a report's range).
        {
          weight: 6,
          arbitrary: fc.integer({ min: -30, max: 30 }).map((d) => isoDate(new Date(Date.now() + d * 86_400_000))),
        },
        { weight: 3, arbitrary: dateIn("2024-01-01", "2027-12-31") },
        { weight: 2, arbitrary: dateIn("1971-01-01", "2099-12-31") },
        { weight: 1, arbitrary: fc.constantFrom("2028-02-29", "2026-12-31", "2026-01-01") },
      );
    case "date-time":
      return fc
        .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true })
        .map((d) => d.toISOString());
    case "email": {
      const friendly = fc
        .tuple(fc.stringMatching(/^[a-z][a-z0-9]{0,11}(\.[a-z0-9]{1,6})?$/), fc.nat(99_999))
        .map(([local, n]) => `${local}${n}@fuzz.bikri.app`);
      return s.pattern
        ? fc.oneof({ weight: 3, arbitrary: friendly }, { weight: 1, arbitrary: patternString(s.pattern, 3, max) })
        : friendly;
    }
    case "uri":
      return fc.webUrl().filter((u) => u.length <= max);
  }
  if (s.pattern) return patternString(s.pattern, min, Math.min(max, TEXT_CAP));
  // Words a loosely typed parameter (a string that is really a flag or a number) may take.
  const words = ["true", "false", "1", "0"].filter((w) => w.length >= min && w.length <= max);
  if (!words.length) return textIn(min, max);
  return fc.oneof({ weight: 9, arbitrary: textIn(min, max) }, { weight: 1, arbitrary: fc.constantFrom(...words) });
}

function boundsOf(s: JsonSchema, integer: boolean): { min: number; max: number } {
  const step = integer ? 1 : Number.EPSILON;
  let min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + step : -1_000_000);
  let max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - step : 1_000_000);
  if (integer) {
    min = Math.max(Math.ceil(min), Number.MIN_SAFE_INTEGER);
    max = Math.min(Math.floor(max), Number.MAX_SAFE_INTEGER);
  }
  return { min, max };
}

function validInteger(s: JsonSchema): fc.Arbitrary<number> {
  const { min, max } = boundsOf(s, true);
  return fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min, max: Math.min(max, min + 100) }) },
    { weight: 2, arbitrary: fc.integer({ min, max }) },
    { weight: 1, arbitrary: fc.constantFrom(min, max) },
  );
}

function validNumber(s: JsonSchema): fc.Arbitrary<number> {
  const { min, max } = boundsOf(s, false);
  return fc.oneof(
    { weight: 4, arbitrary: fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((n) => n + 0) },
    { weight: 1, arbitrary: fc.constantFrom(min, max) },
  );
}

/** The one value a union member's tag property takes (`kind: {enum: ["visit.check_in"]}`), if it has one. */
function variantTag(s: JsonSchema): string | undefined {
  for (const p of Object.values(s.properties ?? {})) {
    if (p.const !== undefined) return String(p.const);
    if (p.enum?.length === 1) return String(p.enum[0]);
  }
  return undefined;
}

const inVariant = (ctx: FieldContext, member: JsonSchema): FieldContext => {
  const variant = variantTag(member) ?? ctx.variant;
  return variant === undefined ? ctx : { ...ctx, variant };
};

const child = (ctx: FieldContext, field: string, at: string, schema: JsonSchema): FieldContext => ({
  ...ctx,
  field,
  at,
  schema,
});

/** Values the schema accepts (and, through the sources, values the operation can act on). */
export function validValue(s: JsonSchema, ctx: FieldContext, sources: ValueSources): fc.Arbitrary<unknown> {
  const variants = s.anyOf ?? s.oneOf;
  if (variants?.length) return fc.oneof(...variants.map((v) => validValue(v, inVariant(ctx, v), sources)));
  const own = sources.valid?.({ ...ctx, schema: s });
  if (own) return own;
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  if (s.const !== undefined) return fc.constant(s.const);
  switch (typesOf(s)[0]) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return fc.boolean();
    case "integer":
      return validInteger(s);
    case "number":
      return validNumber(s);
    case "string":
      return validString(s);
    case "array": {
      const item = validValue(s.items ?? {}, child(ctx, ctx.field, `${ctx.at}[]`, s.items ?? {}), sources);
      const min = s.minItems ?? 0;
      const max = s.maxItems ?? 50;
      const options = [{ weight: 6, arbitrary: fc.array(item, { minLength: min, maxLength: Math.min(max, min + 4) }) }];
      // The largest list the schema allows, when that is a size a request may reasonably carry.
      if (max <= 300) options.push({ weight: 1, arbitrary: fc.array(item, { minLength: max, maxLength: max }) });
      return fc.oneof(...options);
    }
    case "object": {
      const props = Object.entries(s.properties ?? {});
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, ps] of props) model[k] = validValue(ps, child(ctx, k, `${ctx.at}.${k}`, ps), sources);
      const required = (s.required ?? []).filter((k) => k in model);
      return fc.record(model, { requiredKeys: required });
    }
    default:
      return fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean());
  }
}

// ---- values at and past the edges ----

/** A JSON token written as is (1e999, -0.0), which JSON.stringify cannot produce. */
export class RawJson {
  constructor(readonly text: string) {}
  toJSON(): string {
    return `${RAW_MARK}${this.text}${RAW_MARK}`;
  }
}
const RAW_MARK = "\u0001raw-json\u0001";
const RAW_IN_TEXT = /"\\u0001raw-json\\u0001(.*?)\\u0001raw-json\\u0001"/g;

/** JSON text of a generated value, with RawJson tokens written raw. */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value).replace(RAW_IN_TEXT, (_m, raw: string) => raw);
}

/** Hostile text for any string field. */
export const HOSTILE_TEXT: readonly string[] = [
  "' OR 1=1 --",
  "'; DROP TABLE users; --",
  '" OR ""="',
  "1) OR pg_sleep(0) IS NULL --",
  "\\",
  "%",
  "_",
  "%%'",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "{{7*7}}",
  // A template placeholder, as text (built so that it is not one here).
  `$${"{"}7*7}`,
  "%00",
  "\u0000",
  "a\u0000b",
  "%27%20OR%201%3D1",
  "../../../etc/passwd",
  "\r\nSet-Cookie: x=1",
  '=HYPERLINK("http://x","y")',
  "+1+1",
  "@SUM(1)",
  "\uD800",
  "x\uDFFFy",
  "\uFEFF",
  "\u202Eevil",
  "\u200B",
  "\u200D\u200C",
  "e\u0301\u0301\u0301",
  "Z̸̡̛a̶l̷g̵o",
  "ﷺ",
  "𝕏𝕐",
  "🇧🇩👨‍👩‍👧‍👦",
  "NaN",
  "Infinity",
  "-Infinity",
  "-0",
  "1e309",
  "0x1F",
  "null",
  "undefined",
  "true",
  "[]",
  "{}",
  "",
  " ",
  "\t\n",
  "১২৩",
  "২০২৬-১১-২৪",
  "রহিম' OR '১'='১",
];

/** Huge strings, still well under the body limit so the handler (not the body parser) meets them. */
export const HUGE_TEXT: readonly string[] = ["x".repeat(100_000), "ক".repeat(60_000), "' OR 1=1 --".repeat(5_000)];

export const BAD_UUIDS: readonly string[] = [
  "not-a-uuid",
  "",
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "019b76da-a800-0000-8000-000000000000",
  "019b76da-a800-9000-8000-000000000000",
  "019b76da-a800-7000-c000-000000000000",
  "019B76DA-A800-7000-8000-00000000000A",
  "{019b76da-a800-7000-8000-000000000000}",
  "urn:uuid:019b76da-a800-7000-8000-000000000000",
  "019b76da-a800-7000-8000-000000000000x",
  "019b76da-a800-7000-8000-00000000000",
  "019b76da-a800-7000-8000-000000000000%00",
  " 019b76da-a800-7000-8000-000000000000",
  "019b76daa80070008000000000000000",
  "' OR 1=1 --",
  "০১৯b76da-a800-7000-8000-000000000000",
];

export const BAD_DATES: readonly string[] = [
  "0000-01-01",
  "0000-02-29",
  "0001-01-01",
  "9999-12-31",
  "2026-02-30",
  "2026-13-01",
  "2026-00-10",
  "2026-1-1",
  "10000-01-01",
  "-2026-01-01",
  "2026-11-24T10:00:00Z",
  "2026/11/24",
  "24-11-2026",
  "২০২৬-১১-২৪",
  "2026-11-24'; --",
  "today",
  "infinity",
  "epoch",
];

export const BAD_EMAILS: readonly string[] = [
  "a@b",
  "@example.com",
  "x@",
  "<script>@example.com",
  "রহিম@example.com",
  "x@example.com' OR 1=1 --",
  `${"a".repeat(250)}@example.com`,
  "a..b@example.com",
  "A@EXAMPLE.COM ",
];

const WRONG_TYPES: readonly unknown[] = [null, true, "1", "", [], {}, [null], { $gt: "" }, 0];

function hostileStringValues(s: JsonSchema): readonly string[] {
  const out: string[] = [];
  const { minLength: min, maxLength: max } = s;
  if (min !== undefined && min > 0) out.push("x".repeat(min - 1));
  if (max !== undefined && max < EXACT_CAP) {
    out.push("x".repeat(max + 1), "ক".repeat(max + 1));
    // One unit over in UTF-16, but not in code points: where the two ways of counting disagree.
    out.push("🙂".repeat(Math.floor(max / 2) + 1));
  }
  if (s.format === "uuid") out.push(...BAD_UUIDS);
  if (s.format === "date") out.push(...BAD_DATES);
  if (s.format === "email") out.push(...BAD_EMAILS);
  if (s.format === "uri") out.push("javascript:alert(1)", "ftp://example.com/x", "http://user:pw@example.com/", "//x");
  return out;
}

function hostileEnumValues(values: readonly unknown[]): string[] {
  const first = String(values[0] ?? "");
  return [first.toUpperCase(), `${first} `, ` ${first}`, `${first}\u0000`, "অন্য", "other-value", "ALL", "*"].filter(
    (v) => !values.includes(v),
  );
}

function hostileNumberValues(s: JsonSchema, integer: boolean): readonly unknown[] {
  const { min, max } = boundsOf(s, integer);
  const out: unknown[] = [
    -1,
    0,
    1.5,
    -0.5,
    2 ** 31,
    -(2 ** 31) - 1,
    2 ** 53,
    2 ** 53 + 2,
    -(2 ** 53) - 2,
    1e308,
    -1e308,
    5e-324,
    new RawJson("1e999"),
    new RawJson("-1e999"),
    new RawJson("123456789012345678901234567890"),
    new RawJson("-0"),
    new RawJson("1.0000000000000002"),
    "1",
    "১",
    "NaN",
  ];
  if (s.minimum !== undefined || s.exclusiveMinimum !== undefined) out.push(integer ? min - 1 : min - 0.001);
  if (s.maximum !== undefined || s.exclusiveMaximum !== undefined) out.push(integer ? max + 1 : max + 0.001);
  return out;
}

/** Values at or past the schema's edges, somewhere inside the value (one field of an object, one item of a list). */
export function hostileValue(s: JsonSchema, ctx: FieldContext, sources: ValueSources): fc.Arbitrary<unknown> {
  const wrongType = fc.constantFrom(...WRONG_TYPES);
  const variants = (s.anyOf ?? s.oneOf)?.filter((v) => !typesOf(v).includes("null"));
  if (variants?.length) return fc.oneof(...variants.map((v) => hostileValue(v, inVariant(ctx, v), sources)));
  if (s.enum?.length)
    return fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...hostileEnumValues(s.enum)) },
      { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
      { weight: 1, arbitrary: wrongType },
    );
  switch (typesOf(s)[0]) {
    case "string": {
      const edges = hostileStringValues(s);
      return fc.oneof(
        ...(edges.length ? [{ weight: 4, arbitrary: fc.constantFrom(...edges) }] : []),
        { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
        { weight: 1, arbitrary: fc.constantFrom(...HUGE_TEXT) },
        { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
        { weight: 1, arbitrary: wrongType },
      );
    }
    case "integer":
    case "number":
      return fc.oneof(
        { weight: 5, arbitrary: fc.constantFrom(...hostileNumberValues(s, typesOf(s)[0] === "integer")) },
        { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
        { weight: 1, arbitrary: wrongType },
      );
    case "boolean":
      return fc.constantFrom("true", "false", 1, 0, "yes", "হ্যাঁ", null, [], new RawJson("tru"));
    case "array":
      return hostileArray(s, ctx, sources);
    case "object":
      return hostileObject(s, ctx, sources);
    default:
      return fc.oneof(wrongType, fc.constantFrom(...HOSTILE_TEXT));
  }
}

function hostileArray(s: JsonSchema, ctx: FieldContext, sources: ValueSources): fc.Arbitrary<unknown> {
  const itemSchema = s.items ?? {};
  const itemCtx = child(ctx, ctx.field, `${ctx.at}[]`, itemSchema);
  const item = validValue(itemSchema, itemCtx, sources);
  const min = s.minItems ?? 0;
  const options: fc.Arbitrary<unknown>[] = [
    // A valid list with one item made hostile.
    fc
      .tuple(
        fc.array(item, { minLength: Math.max(min, 1), maxLength: Math.max(min, 3) }),
        hostileValue(itemSchema, itemCtx, sources),
        fc.nat(),
      )
      .map(([items, bad, i]) => items.map((x, j) => (j === i % items.length ? bad : x))),
    // The same item twice.
    item.map((x) => [x, x]),
    fc.constantFrom<unknown>([[]], [null], "[]", {}, null),
  ];
  if (min > 0) options.push(fc.array(item, { minLength: min - 1, maxLength: min - 1 }));
  if (s.maxItems !== undefined && s.maxItems <= 5000)
    options.push(item.map((x) => Array.from({ length: (s.maxItems ?? 0) + 1 }, () => x)));
  return fc.oneof(...options);
}

const SMUGGLED_FIELDS = ["orgId", "org_id", "createdAt", "deletedAt", "role", "isAdmin", "passwordHash", "status"];

function hostileObject(s: JsonSchema, ctx: FieldContext, sources: ValueSources): fc.Arbitrary<unknown> {
  const props = Object.entries(s.properties ?? {});
  const whole = validValue(s, ctx, sources) as fc.Arbitrary<Record<string, unknown>>;
  const options: fc.Arbitrary<unknown>[] = [fc.constantFrom<unknown>(null, [], "{}", [{}])];
  if (props.length)
    options.push(
      fc
        .constantFrom(...props)
        .chain(([k, ps]) =>
          fc
            .tuple(whole, hostileValue(ps, child(ctx, k, `${ctx.at}.${k}`, ps), sources))
            .map(([o, bad]) => ({ ...o, [k]: bad })),
        ),
    );
  const required = s.required ?? [];
  if (required.length)
    options.push(
      fc
        .tuple(whole, fc.constantFrom(...required))
        .map(([o, k]) => Object.fromEntries(Object.entries(o).filter(([x]) => x !== k))),
    );
  const extra = SMUGGLED_FIELDS.filter((f) => !(f in (s.properties ?? {})));
  if (extra.length)
    options.push(
      fc
        .tuple(whole, fc.constantFrom(...extra), fc.constantFrom<unknown>("x", true, 1, null))
        .map(([o, k, v]) => ({ ...o, [k]: v })),
    );
  return fc.oneof(...options);
}

// ---- whole requests ----

export interface LanguageHeader {
  header: string;
  locale: "bn" | "en";
}

export const LANGUAGE_HEADERS: readonly LanguageHeader[] = [
  { header: "bn", locale: "bn" },
  { header: "en", locale: "en" },
  { header: "bn-BD,bn;q=0.9,en;q=0.8", locale: "bn" },
  { header: "en-US,en;q=0.9", locale: "en" },
  { header: "fr-FR, en;q=0.5, bn;q=0.4", locale: "en" },
];

export interface FuzzRequest {
  /** "valid", or which part was made hostile: path.id, query.limit, query (extra), body. */
  variant: string;
  language: LanguageHeader;
  pathParams: Record<string, string>;
  query: Record<string, string | string[]>;
  /** The JSON body as sent, or undefined for none. */
  body: string | undefined;
}

/** Path segments that no id looks like; already percent-encoded where they need to be. */
const HOSTILE_PATH_SEGMENTS: readonly string[] = [
  ...BAD_UUIDS.filter((s) => s !== "").map(encodeURIComponent),
  "%E0%A6",
  "%00",
  "%27%20OR%201%3D1--",
  "%3Cscript%3E",
  encodeURIComponent("রহিম"),
  "x".repeat(250),
  "-1",
  "0",
  "null",
];

function queryText(v: unknown): string | string[] {
  if (Array.isArray(v)) return v.map((x) => (typeof x === "string" ? x : toJsonText(x)));
  if (typeof v === "string") return v.length > 10_000 ? v.slice(0, 10_000) : v;
  return toJsonText(v);
}

function queryOf(values: Record<string, unknown>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(values)) if (v !== undefined) out[k] = queryText(v);
  return out;
}

/** Requests for one operation: mostly valid, the rest with one part (path, a parameter, the body) hostile. */
export function requestArbitrary(op: ApiOperation, sources: ValueSources): fc.Arbitrary<FuzzRequest> {
  const ctx = (field: string, at: string, schema: JsonSchema): FieldContext => ({ op, field, at, schema });
  const pathModel: Record<string, fc.Arbitrary<unknown>> = {};
  for (const p of op.pathParams)
    pathModel[p.name] = validValue(p.schema, ctx(p.name, `path.${p.name}`, p.schema), sources);
  const queryModel: Record<string, fc.Arbitrary<unknown>> = {};
  for (const q of op.query)
    queryModel[q.name] = validValue(q.schema, ctx(q.name, `query.${q.name}`, q.schema), sources);
  const requiredQuery = op.query.filter((q) => q.required).map((q) => q.name);
  const body = op.body;
  const validBody: fc.Arbitrary<unknown> = body
    ? op.bodyRequired
      ? validValue(body, ctx("body", "body", body), sources)
      : fc.option(validValue(body, ctx("body", "body", body), sources), { nil: undefined, freq: 4 })
    : fc.constant(undefined);

  const valid = fc.record({
    pathParams: fc.record(pathModel) as fc.Arbitrary<Record<string, unknown>>,
    query: fc.record(queryModel, { requiredKeys: requiredQuery }) as fc.Arbitrary<Record<string, unknown>>,
    body: validBody,
  });
  type Parts = { pathParams: Record<string, unknown>; query: Record<string, unknown>; body: unknown; variant: string };
  const variants: { weight: number; arbitrary: fc.Arbitrary<Parts> }[] = [
    { weight: 10, arbitrary: valid.map((r) => ({ ...r, variant: "valid" })) },
  ];
  for (const p of op.pathParams)
    variants.push({
      weight: 2,
      arbitrary: fc.tuple(valid, fc.constantFrom(...HOSTILE_PATH_SEGMENTS)).map(([r, v]) => ({
        ...r,
        pathParams: { ...r.pathParams, [p.name]: new EncodedSegment(v) },
        variant: `path.${p.name}`,
      })),
    });
  if (op.query.length) {
    variants.push({
      weight: 3,
      arbitrary: fc
        .constantFrom(...op.query)
        .chain((q) =>
          fc
            .tuple(valid, hostileValue(q.schema, ctx(q.name, `query.${q.name}`, q.schema), sources))
            .map(([r, v]) => ({ ...r, query: { ...r.query, [q.name]: v }, variant: `query.${q.name}` })),
        ),
    });
    variants.push({
      weight: 1,
      arbitrary: fc
        .tuple(valid, fc.constantFrom(...op.query))
        .map(([r, q]) => ({ ...r, query: { ...r.query, [q.name]: ["1", "2"] }, variant: `query.${q.name} (twice)` })),
    });
  }
  variants.push({
    weight: 1,
    arbitrary: fc
      .tuple(valid, fc.constantFrom("orgId", "org_id", "debug", "__proto__", "q'"), fc.constantFrom(...HOSTILE_TEXT))
      .map(([r, k, v]) => ({ ...r, query: { ...r.query, [k]: v }, variant: "query (extra)" })),
  });
  if (body)
    variants.push({
      weight: 6,
      arbitrary: fc
        .tuple(valid, hostileValue(body, ctx("body", "body", body), sources))
        .map(([r, v]) => ({ ...r, body: v, variant: "body" })),
    });

  return fc.tuple(fc.oneof(...variants), fc.constantFrom(...LANGUAGE_HEADERS)).map(([parts, language]) => ({
    variant: parts.variant,
    language,
    pathParams: Object.fromEntries(
      Object.entries(parts.pathParams).map(([k, v]) => [
        k,
        v instanceof EncodedSegment ? v.text : encodeURIComponent(typeof v === "string" ? v : toJsonText(v)),
      ]),
    ),
    query: queryOf(parts.query),
    body: parts.body === undefined ? undefined : toJsonText(parts.body),
  }));
}

/** A path segment that is already percent-encoded (or deliberately broken), to be sent as it is. */
class EncodedSegment {
  constructor(readonly text: string) {}
}

/** The URL of a generated request. */
export function urlOf(op: ApiOperation, req: FuzzRequest): string {
  const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => req.pathParams[name] ?? "");
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(req.query)) for (const x of [v].flat()) search.append(k, x);
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}
