// Every write route refuses bad input with a localized 4xx and writes nothing. The routes come from the
// app's own OpenAPI document, so a route added later is covered without touching this file. The caller is
// a signed-in admin, so that access is never the reason for a refusal; for the field app's own operations, which
// the admin may not use, a rep (operation-caller.ts).
import fc from "fast-check";
import type { LightMyRequestResponse } from "fastify";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { newId } from "../../shared/ids.ts";
import type { Role } from "../../shared/roles.ts";
import { withTransaction } from "../db/transaction.ts";
import { DROP_BODY_LIMIT } from "../delivery/delivery.routes.ts";
import { SYNC_BODY_LIMIT } from "../field/field-sync.routes.ts";
import { hasBengali, must } from "../testing/assertions.ts";
import { applyCommands, fieldCommand, outletProposal, routeWalkedBy } from "../testing/field-commands.ts";
import { apiOperations, type JsonSchema, type OpenApiDocument } from "../testing/openapi-arbitraries.ts";
import { callerRoleFor } from "../testing/operation-caller.ts";
import { type Caller, createTestApp, ORG_A_DOMAIN, ORG_B_DOMAIN, signIn } from "../testing/test-app.ts";
import { notify } from "./notifications/notifications.service.ts";

const BODY_LIMIT = 4096;
/** Routes with a body limit of their own. */
const ROUTE_BODY_LIMITS: Record<string, number> = {
  "POST /api/v1/field/sync": SYNC_BODY_LIMIT,
  "POST /api/v1/delivery/drops/{id}/deliver": DROP_BODY_LIMIT,
  "POST /api/v1/delivery/driver/drops/{id}/deliver": DROP_BODY_LIMIT,
};
const SEED = 20261124;
const LANGS = ["bn", "en"] as const;
type Lang = (typeof LANGS)[number];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface WriteOperation {
  /** POST /api/v1/users/{id} */
  name: string;
  method: "POST" | "PATCH" | "PUT" | "DELETE";
  path: string;
  pathParams: string[];
  body: JsonSchema | null;
}

interface ErrorReply {
  error: { code: string; message: string; details?: { in?: string; issues?: { field: string; message: string }[] } };
}

// One app for the whole file, built before the tests are declared so that they can be generated per route.
const t = await createTestApp({ BODY_LIMIT_BYTES: String(BODY_LIMIT) });
afterAll(() => t.close());
const admin = await signIn(t.app, `admin@${ORG_A_DOMAIN}`);

const adminB = await signIn(t.app, `admin@${ORG_B_DOMAIN}`);
const rep = await signIn(t.app, `rep@${ORG_A_DOMAIN}`);
const repB = await signIn(t.app, `rep@${ORG_B_DOMAIN}`);

const notificationFor = (orgId: string, userId: string) =>
  withTransaction(t.database.handle.db, async (tx) => {
    const [id] = await notify(tx, orgId, { userIds: [userId], kind: "probe", title: { en: "Probe", bn: "পরীক্ষা" } });
    return id ?? "";
  });
const tokenOf = async (caller: Caller) =>
  (await caller.request("POST", "/api/v1/api-tokens", { name: "bad-input probe" })).json().id as string;
/** An outlet the org's demo rep proposed from the field, waiting for a manager's decision. */
async function pendingProposal(caller: Caller, org: { orgId: string; usersByRole: Record<Role, string> }) {
  const routeId = await routeWalkedBy(t.database.handle.db, org.orgId, org.usersByRole.rep);
  const [result] = await applyCommands(caller, [fieldCommand("outlet.propose", outletProposal(routeId))]);
  return String(result?.data.outletId);
}

/** Real records of org A by resource, so that a request that wrongly got past validation would change something. */
const realIds: Record<string, string> = {
  users: t.orgA.usersByRole.rep,
  "api-tokens": await tokenOf(admin),
  notifications: await notificationFor(t.orgA.orgId, t.orgA.usersByRole.admin),
  "field/onboarding": await pendingProposal(rep, t.orgA),
};
/** The first record of org B in a table (optionally of a kind), to try its id as org A. */
async function orgBRecord(table: string, where = sql`true`): Promise<string> {
  const r = await sql<{ id: string }>`
    select id from ${sql.table(table)} where org_id = ${t.orgB.orgId} and ${where} order by id limit 1`.execute(
    t.database.handle.db,
  );
  const id = r.rows[0]?.id;
  if (!id) throw new Error(`org B has no ${table} record to try`);
  return id;
}
/** Real records of org B: to org A's admin they must not exist. */
const otherOrgIds: Record<string, string> = {
  users: t.orgB.usersByRole.rep,
  "api-tokens": await tokenOf(adminB),
  notifications: await notificationFor(t.orgB.orgId, t.orgB.usersByRole.admin),
  territories: await orgBRecord("territories", sql`level = 'territory'`),
  routes: await orgBRecord("territories", sql`level = 'route'`),
  distributors: await orgBRecord("distributors"),
  outlets: await orgBRecord("outlets"),
  brands: await orgBRecord("brands"),
  categories: await orgBRecord("categories"),
  skus: await orgBRecord("skus"),
  "price-lists": await orgBRecord("price_lists"),
  "secondary-orders": await orgBRecord("secondary_orders"),
  "primary-orders": await orgBRecord("primary_orders"),
  "field/onboarding": await pendingProposal(repB, t.orgB),
};

/** Path parameters that do not name a record by id, with the value every probe uses: the help page's org slug. */
const NOT_IDS: Record<string, string> = { orgSlug: "org-a" };

const ops = await writeOperations();
/** Each operation's caller, signed in before the fingerprint is taken (a sign-in writes a session). */
const callers: Partial<Record<Role, Caller>> = { admin, rep };
for (const op of ops) {
  const role = callerRoleFor(op.name);
  callers[role] ??= await signIn(t.app, `${role}@${ORG_A_DOMAIN}`);
}
const callerOf = (op: WriteOperation): Caller => callers[callerRoleFor(op.name)] ?? admin;
const before = await fingerprint();

async function writeOperations(): Promise<WriteOperation[]> {
  const res = await t.app.inject({ method: "GET", url: "/api/openapi.json" });
  const out: WriteOperation[] = [];
  for (const op of apiOperations(res.json() as OpenApiDocument)) {
    if (op.method === "GET") continue;
    out.push({
      name: `${op.method} ${op.path}`,
      method: op.method,
      path: op.path,
      pathParams: op.pathParams.map((p) => p.name).filter((name) => !(name in NOT_IDS)),
      body: op.body,
    });
  }
  return out;
}

/** Row count and content digest of every table; sessions by count only (last_seen_at moves on reads). */
async function fingerprint(): Promise<Record<string, unknown>> {
  const db = t.database.handle.db;
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const out: Record<string, unknown> = {};
  for (const { name } of tables.rows) {
    const r = await sql<{ n: string | number; digest: string }>`
      select count(*) as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as digest
      from ${sql.table(name)} x`.execute(db);
    const row = r.rows[0];
    out[name] = name === "sessions" ? { n: Number(row?.n) } : { n: Number(row?.n), digest: row?.digest };
  }
  return out;
}

function urlFor(op: WriteOperation, id: string): string {
  return op.path.replace(/\{(\w+)\}/g, (_, name: string) => NOT_IDS[name] ?? id);
}

/** The kind of record the path names: users, outlets… and, under /field, field/onboarding. */
function resourceOf(op: WriteOperation): string {
  const [, , , area = "", sub = ""] = op.path.split("/");
  return area === "field" ? `field/${sub}` : area;
}
const realIdFor = (op: WriteOperation) => realIds[resourceOf(op)] ?? newId();

function send(
  op: WriteOperation,
  url: string,
  lang: Lang,
  init: { payload?: string; contentType?: string } = {},
): Promise<LightMyRequestResponse> {
  const caller = callerOf(op);
  return t.app.inject({
    method: op.method,
    url,
    headers: {
      cookie: caller.cookie,
      "x-csrf-token": caller.csrf,
      "accept-language": lang,
      ...(init.contentType && { "content-type": init.contentType }),
    },
    ...(init.payload !== undefined && { payload: init.payload }),
  });
}

/** A 4xx with `{error:{code,message}}` in the caller's language; never a 2xx or 5xx. */
function expectRefused(
  res: LightMyRequestResponse,
  lang: Lang,
  label: string,
  want: { status?: number | number[]; code?: string | string[] } = {},
): ErrorReply {
  const seen = `${label} [${lang}] answered ${res.statusCode}: ${res.body.slice(0, 400)}`;
  expect(res.statusCode, seen).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, seen).toBeLessThan(500);
  let body: ErrorReply;
  try {
    body = res.json();
  } catch {
    throw new Error(`not JSON: ${seen}`);
  }
  expect(body, seen).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  expect(body.error.message.length, seen).toBeGreaterThan(0);
  expect(hasBengali(body.error.message), `${seen}: message should ${lang === "bn" ? "" : "not "}be Bengali`).toBe(
    lang === "bn",
  );
  if (want.status !== undefined) expect([want.status].flat(), seen).toContain(res.statusCode);
  if (want.code !== undefined) expect([want.code].flat(), seen).toContain(body.error.code);
  return body;
}

// ---- JSON Schema helpers: a value that may be valid, and a test of whether a value might be valid ----

function typesOf(s: JsonSchema): string[] {
  return s.type === undefined ? [] : [s.type].flat();
}

/** A value the schema accepts, for required properties only (enough to get past validation). */
function sampleValid(s: JsonSchema): unknown {
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return variants.some((v) => typesOf(v).includes("null")) ? null : sampleValid(variants[0] ?? {});
  if (s.enum) return s.enum[0];
  const types = typesOf(s);
  if (types.includes("null")) return null;
  switch (types[0]) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const key of s.required ?? []) out[key] = sampleValid(s.properties?.[key] ?? {});
      return out;
    }
    case "array":
      return Array.from({ length: s.minItems ?? 0 }, () => sampleValid(s.items ?? {}));
    case "integer":
    case "number":
      return s.minimum ?? 1;
    case "boolean":
      return false;
    case "string": {
      if (s.format === "uuid") return newId();
      if (s.format === "date-time") return new Date().toISOString();
      if (s.format === "email") return `bad-input-probe@${ORG_A_DOMAIN}`;
      if (s.format === "date") return "2026-11-24";
      const min = Math.max(s.minLength ?? 1, 1);
      const candidates = ["x".repeat(min), `/${"x".repeat(min)}`, "probe-value-1234"];
      const pattern = s.pattern ? new RegExp(s.pattern, "u") : null;
      return (
        candidates.find((c) => (!pattern || pattern.test(c)) && c.length <= (s.maxLength ?? Number.MAX_SAFE_INTEGER)) ??
        "x"
      );
    }
    default:
      return "x";
  }
}

/** Conservative: true when the value could pass the schema's type checks. Wrong values are those it refuses. */
function mightAccept(s: JsonSchema, v: unknown): boolean {
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return variants.some((x) => mightAccept(x, v));
  if (s.enum) return s.enum.some((e) => e === v);
  const types = typesOf(s);
  if (!types.length) return true;
  return types.some((type) => {
    switch (type) {
      case "null":
        return v === null;
      case "string":
        if (typeof v !== "string") return false;
        return s.format === "uuid" ? UUID.test(v) : true;
      case "integer":
        return Number.isInteger(v);
      case "number":
        return typeof v === "number";
      case "boolean":
        return typeof v === "boolean";
      case "array":
        return (
          Array.isArray(v) &&
          v.length >= (s.minItems ?? 0) &&
          v.length <= (s.maxItems ?? Number.MAX_SAFE_INTEGER) &&
          v.every((x) => mightAccept(s.items ?? {}, x))
        );
      case "object":
        return typeof v === "object" && v !== null && !Array.isArray(v);
      default:
        return true;
    }
  });
}

/** Values of the wrong JSON type for the property: well-known traps first, then whatever fast-check finds. */
function wrongValue(s: JsonSchema): fc.Arbitrary<unknown> {
  const traps = fc.constantFrom<unknown>("12", 12, 1.5, -1, 0, true, "true", null, [], {}, [1], { a: 1 }, "", "null");
  const anyJson = fc.oneof(
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.string({ maxLength: 20 }),
    fc.array(fc.oneof(fc.integer(), fc.boolean()), { maxLength: 3 }),
    fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), fc.integer(), { maxKeys: 2 }),
  );
  return fc.oneof(traps, anyJson).filter((v) => !mightAccept(s, v));
}

/** Declared properties that a wrong value exists for (a property that takes anything has none). */
function typedProperties(body: JsonSchema): [string, JsonSchema][] {
  const probes: unknown[] = ["12", 12, 1.5, true, null, [], {}, [1]];
  return Object.entries(body.properties ?? {}).filter(([, s]) => probes.some((p) => !mightAccept(s, p)));
}

const badIds = fc.oneof(
  fc.constantFrom("not-a-uuid", "1", "0", "-1", "null", "undefined", "00000000-0000-0000-0000-00000000000g"),
  fc.constantFrom(`${newId()}x`, newId().slice(0, 35), `${newId()}%00`, "%27%20or%201%3D1--", "%E0%A6%95"),
  fc
    .string({ minLength: 1, maxLength: 40 })
    .filter((s) => !UUID.test(s) && !/^\.+$/.test(s) && !s.includes("/"))
    .map(encodeURIComponent),
);

describe("the write routes found in the OpenAPI document", () => {
  it("include the known ones, so the table below is not empty by mistake", () => {
    const names = ops.map((o) => `${o.method} ${o.path}`);
    expect(names).toEqual(
      expect.arrayContaining([
        "POST /api/v1/users",
        "PATCH /api/v1/users/{id}",
        "POST /api/v1/users/{id}/deactivate",
        "POST /api/v1/notifications",
        "POST /api/v1/api-tokens",
        "PATCH /api/v1/auth/me",
        "POST /api/v1/field/sync",
        "POST /api/v1/field/onboarding/{outletId}/decision",
      ]),
    );
    // The probes below put one id in every parameter: a path naming two records (a trip's stop) gets it in both,
    // so each is still malformed, or well-formed and unknown, as the probe says.
    expect(ops.every((o) => o.pathParams.length <= 2)).toBe(true);
  });
});

describe.each(ops.map((op) => [`${op.method} ${op.path}`, op] as const))("%s", (_name, op) => {
  const url = urlFor(op, realIdFor(op));
  const validBody = op.body ? sampleValid(op.body) : undefined;

  it("refuses malformed JSON with request.malformed_json", async () => {
    for (const lang of LANGS) {
      const res = await send(op, url, lang, { payload: "{not json", contentType: "application/json" });
      expectRefused(res, lang, "malformed JSON", { status: 400, code: "request.malformed_json" });
    }
  });

  const limit = ROUTE_BODY_LIMITS[op.name] ?? BODY_LIMIT;
  it(`refuses a body over its ${limit}-byte limit with 413, naming the limit`, async () => {
    const payload = JSON.stringify({ ...(validBody as object), padding: "x".repeat(limit + 1024) });
    const digits = String(limit);
    const bengaliDigits = digits.replace(/\d/g, (d) => "০১২৩৪৫৬৭৮৯"[Number(d)] ?? d);
    for (const lang of LANGS) {
      const res = await send(op, url, lang, { payload, contentType: "application/json" });
      const body = expectRefused(res, lang, "too large", { status: 413, code: "request.too_large" });
      expect(body.error.message).toMatch(new RegExp(lang === "bn" ? `${bengaliDigits}|${digits}` : digits));
    }
  });

  it("refuses prototype-poisoning JSON", async () => {
    for (const payload of ['{"__proto__":{"role":"admin"}}', '{"constructor":{"prototype":{"role":"admin"}}}']) {
      for (const lang of LANGS) {
        const res = await send(op, url, lang, { payload, contentType: "application/json" });
        expectRefused(res, lang, payload, { status: 400 });
      }
    }
  });

  it("refuses a content type it cannot parse with 415", async () => {
    for (const lang of LANGS) {
      const res = await send(op, url, lang, { payload: "<user><name>x</name></user>", contentType: "application/xml" });
      expectRefused(res, lang, "application/xml", { status: 415, code: "request.unsupported_media_type" });
    }
  });

  if (op.body) {
    const body = op.body;

    it("refuses JSON that is not an object (array, string, number, boolean, null)", async () => {
      const deep = JSON.parse(`${"[".repeat(1000)}${"]".repeat(1000)}`);
      for (const value of [[], [validBody], "text", 42, 0, true, null, deep]) {
        for (const lang of LANGS) {
          const res = await send(op, url, lang, { payload: JSON.stringify(value), contentType: "application/json" });
          const label = `body ${JSON.stringify(value).slice(0, 40)}`;
          expectRefused(res, lang, label, { status: 400, code: "request.invalid" });
        }
      }
    });

    it("refuses a missing or empty body", async () => {
      for (const lang of LANGS) {
        expectRefused(await send(op, url, lang), lang, "no body", { status: 400 });
        const empty = await send(op, url, lang, { payload: "", contentType: "application/json" });
        expectRefused(empty, lang, "empty JSON body", { status: 400 });
      }
    });

    it("refuses a JSON body sent as text/plain", async () => {
      for (const lang of LANGS) {
        const res = await send(op, url, lang, { payload: JSON.stringify(validBody), contentType: "text/plain" });
        expectRefused(res, lang, "text/plain", { status: [400, 415] });
      }
    });

    it("refuses an unknown extra field and names it", async () => {
      const payload = JSON.stringify({ ...(validBody as object), unexpectedField: "x" });
      for (const lang of LANGS) {
        const res = await send(op, url, lang, { payload, contentType: "application/json" });
        const reply = expectRefused(res, lang, "extra field", { status: 400, code: "request.invalid" });
        expect(reply.error.message).toContain("unexpectedField");
      }
    });

    for (const [prop, schema] of typedProperties(body)) {
      it(`refuses a wrong type for "${prop}" and names the field`, async () => {
        await fc.assert(
          fc.asyncProperty(wrongValue(schema), async (value) => {
            const payload = JSON.stringify({ ...(validBody as object), [prop]: value });
            for (const lang of LANGS) {
              const res = await send(op, url, lang, { payload, contentType: "application/json" });
              const label = `${prop}=${JSON.stringify(value)}`;
              const reply = expectRefused(res, lang, label, { status: 400, code: "request.invalid" });
              const fields = (reply.error.details?.issues ?? []).map((i) => i.field);
              expect(
                fields.some((f) => f === prop || f.startsWith(`${prop}.`)),
                `${label}: issues ${fields}`,
              ).toBe(true);
            }
          }),
          { seed: SEED, numRuns: 6 },
        );
      });
    }
  }

  if (op.pathParams.length) {
    const payload =
      validBody === undefined ? {} : { payload: JSON.stringify(validBody), contentType: "application/json" };

    it('refuses "not-a-uuid" in the path with 400 and says it is the path', async () => {
      for (const lang of LANGS) {
        const res = await send(op, urlFor(op, "not-a-uuid"), lang, payload);
        const reply = expectRefused(res, lang, "not-a-uuid", { status: 400, code: "request.invalid" });
        expect(reply.error.details?.in).toBe("params");
      }
    });

    it("refuses other malformed ids in the path", async () => {
      await fc.assert(
        fc.asyncProperty(badIds, async (id) => {
          for (const lang of LANGS) expectRefused(await send(op, urlFor(op, id), lang, payload), lang, `id ${id}`);
        }),
        { seed: SEED, numRuns: 12 },
      );
    });

    it("refuses an id longer than the router's parameter limit in the error format", async () => {
      for (const lang of LANGS) {
        const res = await send(op, urlFor(op, "x".repeat(250)), lang, payload);
        expectRefused(res, lang, "250-character id");
      }
    });

    it("refuses a path with a broken percent-escape in the error format", async () => {
      for (const lang of LANGS) {
        const res = await send(op, urlFor(op, "%E0%A6"), lang, payload);
        expectRefused(res, lang, "broken percent-escape");
      }
    });

    it("answers 404 for a well-formed id that does not exist", async () => {
      const unknown = newId();
      for (const lang of LANGS) {
        const res = await send(op, urlFor(op, unknown), lang, payload);
        expectRefused(res, lang, "unknown id", { status: 404 });
      }
    });

    const other = otherOrgIds[resourceOf(op)];
    it.skipIf(!other)("answers 404 for the id of a record in another organisation", async () => {
      for (const lang of LANGS) {
        const res = await send(op, urlFor(op, other ?? ""), lang, payload);
        expectRefused(res, lang, "org B's id", { status: 404 });
      }
    });
  }

  it("wrote nothing while refusing all of the above", async () => {
    expect(await fingerprint()).toEqual(before);
  });
});

// The sync's body is a list of commands of nine kinds: a wrong type anywhere inside one command is refused as a
// whole (no command of the batch is applied) and the field is named down to the command's place in the list.
const sync = ops.find((o) => o.name === "POST /api/v1/field/sync");
const commandKinds = sync?.body?.properties?.commands?.items?.oneOf ?? [];
const commandCases = commandKinds.flatMap((variant) => {
  const kind = String(variant.properties?.kind?.enum?.[0]);
  const fields = (schema: JsonSchema, prefix: string) =>
    typedProperties(schema).map(([prop, propSchema]) => ({ kind, field: `${prefix}${prop}`, propSchema }));
  return [...fields(variant, ""), ...fields(variant.properties?.payload ?? {}, "payload.")].map((c) => ({
    ...c,
    variant,
  }));
});

describe("POST /api/v1/field/sync: each command kind", () => {
  it("is in the document, every one of the nine", () => {
    expect(new Set(commandCases.map((c) => c.kind)).size).toBe(9);
  });

  it.each(commandCases)(
    "refuses a wrong type for $kind $field and names it",
    async ({ field, propSchema, variant }) => {
      const op = must(sync, "the sync operation");
      const valid = sampleValid(variant) as Record<string, unknown> & { payload: Record<string, unknown> };
      await fc.assert(
        fc.asyncProperty(wrongValue(propSchema), async (value) => {
          const inner = field.split(".")[1];
          const command =
            inner === undefined
              ? { ...valid, [field]: value }
              : { ...valid, payload: { ...valid.payload, [inner]: value } };
          // A valid command ahead of it: refused with its batch, not applied.
          const payload = JSON.stringify({ commands: [sampleValid(variant), command] });
          for (const lang of LANGS) {
            const res = await send(op, "/api/v1/field/sync", lang, { payload, contentType: "application/json" });
            const label = `${field}=${JSON.stringify(value)}`;
            const reply = expectRefused(res, lang, label, { status: 400, code: "request.invalid" });
            const fields = (reply.error.details?.issues ?? []).map((i) => i.field);
            const named = `commands.1.${field}`;
            expect(
              fields.some((f) => f === named || f.startsWith(`${named}.`)),
              `${label}: issues ${fields}`,
            ).toBe(true);
          }
        }),
        { seed: SEED, numRuns: 3 },
      );
    },
  );

  it("wrote nothing while refusing them", async () => {
    expect(await fingerprint()).toEqual(before);
  });
});

describe("after every refused request", () => {
  it("nothing was written: every table has the same rows as before", async () => {
    expect(await fingerprint()).toEqual(before);
  });

  it("the admin's session still works (no refused request signed it out)", async () => {
    const res = await admin.request("GET", "/api/v1/auth/session");
    expect(res.statusCode).toBe(200);
  });
});
