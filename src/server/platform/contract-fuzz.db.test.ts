// Every operation under /api/v1 in the app's own OpenAPI document (GET included), fed requests that
// fast-check derives from the operation's schemas: mostly valid ones (real ids of org A, text in Bengali,
// English, mixed scripts and emoji, numbers and dates in range, optional fields present or absent) and the
// rest with one part at or past its edges (lengths and ranges just outside, huge strings, bad UUIDs and
// dates, SQL and HTML metacharacters, unicode oddities, wrong types). For every answer:
//   - the status is one the document lists for the operation, and never a 5xx;
//   - a 4xx is `{error:{code,message}}` in the caller's language (Accept-Language varies between bn and en);
//   - a refused request, and any GET, wrote nothing: every table's rows are as before (sessions by count, as
//     reads move their last-seen time); an accepted write moves the baseline.
// The seed is fixed, so a failure reproduces; the failure message carries the seed and the request. To hunt
// further, run it locally with another SEED and more RUNS_PER_OPERATION (40 takes about two minutes).
//
// The caller is org A's admin, so that access is never the reason for a refusal; the field app's operations,
// which the admin may not use, are called by org A's demo rep (operation-caller.ts), with the rep's own beats,
// visits and earlier commands among the ids, and device times near now. A sync answered 200 must carry one
// result per command, in order, each applied or rejected with a localized reason. Operations that end or
// change the caller's own session are handled, not skipped:
//   - POST /auth/sign-out and POST /auth/password run as a second admin of org A, signed in afresh before
//     each request (its password follows every accepted change), so the main session lives on.
//   - PUT /orgs/current/mfa-policy: after an accepted change the policy is set back to "no role", so that no
//     later request meets a session that must first set up two-step sign-in.
//   - The /auth/totp operations run as the main admin: set-up only stores a pending secret, and a generated
//     code is never the live one, so two-step sign-in is not switched on (its session would live on if it were).
//   - POST /auth/sign-in and /auth/sign-in/totp count a wrong password or code against the account (the
//     lockout, by design): for them users.failed_logins is left out of the comparison, and the lockout
//     threshold is raised so that the fuzzing never locks an account.
//   - The second admin is never a target of /users/{id}… operations, so they cannot deactivate it.
// Operations run in the document's order, except that those taking records out of use (archive, cancel,
// delete, …) run after the rest, and restore and reactivate last.
// Exclusions: none. Every operation found is fuzzed.
import http from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import type { LightMyRequestResponse } from "fastify";
import { type RawBuilder, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { businessDate } from "../../shared/format.ts";
import { newId } from "../../shared/ids.ts";
import type { Role } from "../../shared/roles.ts";
import { hasBengali, must } from "../testing/assertions.ts";
import {
  applyCommands,
  type CommandResult,
  fieldCommand,
  outletProposal,
  routeWalkedBy,
  TINY_JPEG_BASE64,
} from "../testing/field-commands.ts";
import {
  type ApiOperation,
  apiOperations,
  type FieldContext,
  type FuzzRequest,
  fromPool,
  type JsonSchema,
  type OpenApiDocument,
  opName,
  requestArbitrary,
  urlOf,
  type ValueSources,
  validValue,
} from "../testing/openapi-arbitraries.ts";
import { callerRoleFor } from "../testing/operation-caller.ts";
import { type Caller, createTestApp, ORG_A_DOMAIN, ORG_B_DOMAIN, PASSWORD, signIn } from "../testing/test-app.ts";

const SEED = 20261124;
const RUNS_PER_OPERATION = 12;
/** The field sync carries nine kinds of command in one body: more runs, so that each kind is met often. */
const RUNS_OF: Record<string, number> = { "POST /api/v1/field/sync": 48 };
/** Operations under /api/v1 on 2026-11-24 (TOTP, MFA policy, webhooks, field force included); only ever raise it. */
const OPERATION_FLOOR = 138;

// One app for the whole file, built before the tests are declared so that there is one test per operation.
const t = await createTestApp({ LOGIN_MAX_FAILURES: "100" });
const receiver = await startReceiver();
afterAll(async () => {
  await new Promise<void>((resolve) => receiver.server.close(() => resolve()));
  await t.close();
});
const db = t.database.handle.db;
const orgA = t.orgA.orgId;
const orgB = t.orgB.orgId;

const admin = await signIn(t.app, `admin@${ORG_A_DOMAIN}`);
/** The field app's user: the demo rep, who walks beats of org A. */
const rep = await signIn(t.app, `rep@${ORG_A_DOMAIN}`);
const repId = t.orgA.usersByRole.rep;
const SYNC = "POST /api/v1/field/sync";
/** A second admin for the operations that end or change the caller's own session. */
const SELF_EMAIL = `fuzz-self@${ORG_A_DOMAIN}`;
let selfPassword = "fuzz-self-password-1";
const selfCreated = await admin.request("POST", "/api/v1/users", {
  email: SELF_EMAIL,
  name: "Fuzz Self",
  role: "admin",
  password: selfPassword,
});
if (selfCreated.statusCode !== 201) throw new Error(`creating the second admin answered ${selfCreated.body}`);
const selfId = (selfCreated.json() as { id: string }).id;

const OWN_SESSION_OPS = new Set(["POST /api/v1/auth/sign-out", "POST /api/v1/auth/password"]);
const COUNTS_FAILURES_OPS = new Set(["POST /api/v1/auth/sign-in", "POST /api/v1/auth/sign-in/totp"]);
const MFA_POLICY_PUT = "PUT /api/v1/orgs/current/mfa-policy";

// ---- the tables: a fingerprint to compare before and after ----

type Fingerprint = Record<string, { n: number; digest?: string }>;
/** Columns a refusal may change by design, per operation kind (see the header). */
type Ignored = Record<string, string[]>;

const tableNames = (
  await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db)
).rows.map((r) => r.name);

/** Row count and content digest of every table; sessions by count only (last_seen_at moves on reads). */
async function fingerprint(ignored: Ignored = {}): Promise<Fingerprint> {
  const out: Fingerprint = {};
  for (const name of tableNames) {
    const cols = ignored[name] ?? [];
    const row = cols.length
      ? sql`(to_jsonb(x) ${sql.join(
          cols.map((c) => sql`- ${c}::text`),
          sql` `,
        )})::text`
      : sql`x::text`;
    const r = await sql<{ n: string | number; digest: string }>`
      select count(*) as n, md5(coalesce(string_agg(${row}, '|' order by ${row}), '')) as digest
      from ${sql.table(name)} x`.execute(db);
    const first = r.rows[0];
    out[name] = name === "sessions" ? { n: Number(first?.n) } : { n: Number(first?.n), digest: first?.digest ?? "" };
  }
  return out;
}

const changedTables = (a: Fingerprint, b: Fingerprint) =>
  tableNames.filter((name) => JSON.stringify(a[name]) !== JSON.stringify(b[name]));

// ---- what the schemas cannot say: real ids, live secrets, CSV files ----

/**
 * Real ids by kind of record: org A's live ones (not archived, deactivated or revoked) to act on, all of org
 * A's, and org B's (never to be reached). Refreshed before each operation, so records made by the fuzzing
 * join in.
 */
const liveA: Record<string, string[]> = {};
const allA: Record<string, string[]> = {};
const idsB: Record<string, string[]> = {};
/** Ids of the operation's own resource in the state its action starts from (a draft order to confirm). */
const targets: string[] = [];
/**
 * For the operations that take orders: records that took part in orders of the demo history (an outlet with a
 * distributor, a SKU with a price), so that a valid order is often one the rules accept too.
 */
const PROVEN: Record<string, RawBuilder<{ id: string }>> = {
  "POST /api/v1/secondary-orders outletId": sql`
    select distinct o.outlet_id as id from secondary_orders o join outlets x on x.org_id = o.org_id and x.id = o.outlet_id
    where o.org_id = ${orgA} and x.archived_at is null and x.status = 'active'`,
  "POST /api/v1/secondary-orders skuId": sql`
    select distinct l.sku_id as id from secondary_order_lines l join skus x on x.org_id = l.org_id and x.id = l.sku_id
    where l.org_id = ${orgA} and x.archived_at is null`,
  "POST /api/v1/primary-orders distributorId": sql`
    select distinct o.distributor_id as id from primary_orders o
    join distributors x on x.org_id = o.org_id and x.id = o.distributor_id
    where o.org_id = ${orgA} and x.archived_at is null`,
  [`${SYNC} skuId`]: sql`
    select distinct l.sku_id as id from secondary_order_lines l join skus x on x.org_id = l.org_id and x.id = l.sku_id
    where l.org_id = ${orgA} and x.archived_at is null`,
  "POST /api/v1/primary-orders skuId": sql`
    select distinct l.sku_id as id from primary_order_lines l join skus x on x.org_id = l.org_id and x.id = l.sku_id
    where l.org_id = ${orgA} and x.archived_at is null`,
};
const proven: Record<string, string[]> = {};
/**
 * What the rep's own field work names (refreshed with the other pools): the outlets and routes of the rep's
 * beats, the rep's visits and earlier command ids, the no-order reasons in use, and snapshot tokens handed out.
 */
const fieldPools = {
  beatOutlets: [] as string[],
  routes: [] as string[],
  visits: [] as string[],
  otherVisits: [] as string[],
  commandIds: [] as string[],
  otherCommandIds: [] as string[],
  reasons: [] as string[],
  snapshotTokens: [] as string[],
};
const emailsA: string[] = [];
const phonesA: string[] = [];
const territoryCodes: Record<string, string[]> = {};
const skuCodes: string[] = [];
const unitNames: string[] = [];
const batchNos: string[] = [];
/** Seen in answers while fuzzing: page cursors (by operation) and invitation tokens. */
const cursors: Record<string, string[]> = {};
/** A list and its CSV export page alike. */
const listOf = (op: ApiOperation) => op.path.replace(/\.csv$/, "");
const inviteTokens: string[] = [];

const KIND_TABLES: Record<string, { table: string; id?: string; where?: RawBuilder<unknown> }> = {
  users: { table: "users" },
  reps: { table: "users", where: sql`role = 'rep'` },
  "api-tokens": { table: "api_tokens" },
  notifications: { table: "notifications" },
  territories: { table: "territories" },
  routes: { table: "territories", where: sql`level = 'route'` },
  distributors: { table: "distributors" },
  outlets: { table: "outlets" },
  brands: { table: "brands" },
  categories: { table: "categories" },
  skus: { table: "skus" },
  "price-lists": { table: "price_lists" },
  "primary-orders": { table: "primary_orders" },
  "secondary-orders": { table: "secondary_orders" },
  payments: { table: "payments" },
  webhooks: { table: "webhook_endpoints" },
  "webhook-deliveries": { table: "webhook_deliveries" },
  onboardings: { table: "outlet_onboardings", id: "outlet_id" },
  "outlet-photos": { table: "outlet_photos" },
  visits: { table: "visits" },
  "stock-audits": { table: "outlet_stock_audits" },
  "field-commands": { table: "field_commands" },
  tickets: { table: "tickets" },
  "kb-articles": { table: "kb_articles" },
  contacts: { table: "contacts" },
  "service-agents": { table: "users", where: sql`role in ('admin', 'manager', 'service')` },
  "loyalty-programs": { table: "loyalty_programs" },
  "loyalty-members": { table: "loyalty_members" },
  "loyalty-rewards": { table: "loyalty_rewards" },
  "loyalty-redemptions": { table: "loyalty_redemptions" },
  surveys: { table: "surveys" },
  accounts: { table: "accounts" },
  leads: { table: "leads" },
  "lead-forms": { table: "lead_forms" },
  deals: { table: "deals" },
  activities: { table: "activities" },
  pipelines: { table: "pipelines" },
  stages: { table: "pipeline_stages" },
  "lost-reasons": { table: "lost_reasons" },
};

/** The state an action starts from, for the operations whose records move through states. */
const TARGET_STATE: Record<string, RawBuilder<unknown>> = {
  "PATCH /api/v1/secondary-orders/{id}": sql`status = 'draft'`,
  "POST /api/v1/secondary-orders/{id}/confirm": sql`status = 'draft'`,
  "POST /api/v1/secondary-orders/{id}/invoice": sql`status = 'confirmed'`,
  "POST /api/v1/secondary-orders/{id}/dispatch": sql`status = 'invoiced'`,
  "POST /api/v1/secondary-orders/{id}/deliver": sql`status = 'dispatched'`,
  "POST /api/v1/secondary-orders/{id}/cancel": sql`status in ('draft', 'confirmed')`,
  "POST /api/v1/secondary-orders/{id}/returns": sql`status in ('delivered', 'partially_delivered')`,
  "POST /api/v1/primary-orders/{id}/submit": sql`status = 'draft'`,
  "POST /api/v1/primary-orders/{id}/approve": sql`status = 'submitted'`,
  "POST /api/v1/primary-orders/{id}/reject": sql`status = 'submitted'`,
  "POST /api/v1/primary-orders/{id}/dispatch": sql`status = 'approved'`,
  "POST /api/v1/primary-orders/{id}/receive": sql`status = 'dispatched'`,
  "POST /api/v1/primary-orders/{id}/cancel": sql`status in ('draft', 'submitted')`,
  "POST /api/v1/users/{id}/reactivate": sql`deactivated_at is not null`,
  "POST /api/v1/field/onboarding/{outletId}/decision": sql`status = 'pending'`,
};

const columnsOf = new Map<string, Set<string>>();
for (const r of (
  await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns where table_schema = 'public'`.execute(db)
).rows)
  columnsOf.set(r.table_name, (columnsOf.get(r.table_name) ?? new Set()).add(r.column_name));

/** Not archived, deactivated or revoked, by whichever of those columns the table has. */
function liveCondition(table: string): RawBuilder<unknown> {
  const cols = columnsOf.get(table) ?? new Set();
  const gone = ["archived_at", "deactivated_at", "revoked_at"].filter((c) => cols.has(c));
  return gone.length
    ? sql.join(
        gone.map((c) => sql`${sql.ref(c)} is null`),
        sql` and `,
      )
    : sql`true`;
}

async function idsOf(kind: string, orgId: string, state: RawBuilder<unknown> = sql`true`): Promise<string[]> {
  const k = must(KIND_TABLES[kind], `record kind ${kind}`);
  const id = sql.ref(k.id ?? "id");
  const r = await sql<{ id: string }>`
    select ${id} as id from ${sql.table(k.table)} where org_id = ${orgId} and ${k.where ?? sql`true`} and ${state}
    order by ${id} limit 200`.execute(db);
  // The second admin stays out of reach of /users/{id} operations: they could deactivate it.
  return r.rows.map((x) => x.id).filter((id) => id !== selfId);
}

async function refreshPools(op: ApiOperation): Promise<void> {
  for (const [kind, { table }] of Object.entries(KIND_TABLES)) {
    liveA[kind] = await idsOf(kind, orgA, liveCondition(table));
    allA[kind] = await idsOf(kind, orgA);
    idsB[kind] = await idsOf(kind, orgB);
  }
  const resource = pathKind(op);
  const wanted =
    TARGET_STATE[opName(op)] ?? (op.path.endsWith("/restore") && resource ? sql`archived_at is not null` : undefined);
  targets.splice(0, Infinity, ...(resource && wanted ? await idsOf(resource, orgA, wanted) : []));
  for (const [key, query] of Object.entries(PROVEN))
    proven[key] = key.startsWith(`${opName(op)} `) ? (await query.execute(db)).rows.map((r) => r.id).sort() : [];
  const users = await sql<{ email: string; phone: string | null }>`
    select email, phone from users where org_id = ${orgA} order by email`.execute(db);
  emailsA.splice(0, Infinity, ...users.rows.map((u) => u.email));
  phonesA.splice(0, Infinity, ...users.rows.flatMap((u) => (u.phone ? [u.phone] : [])));
  const territories = await sql<{ code: string; level: string }>`
    select code, level from territories where org_id = ${orgA} and archived_at is null order by code`.execute(db);
  for (const key of Object.keys(territoryCodes)) delete territoryCodes[key];
  for (const r of territories.rows) territoryCodes[r.level] = [...(territoryCodes[r.level] ?? []), r.code];
  const skus = await sql<{ code: string }>`select code from skus where org_id = ${orgA} order by code`.execute(db);
  skuCodes.splice(0, Infinity, ...skus.rows.map((x) => x.code));
  const units = await sql<{ unit: string }>`
    select distinct unit from sku_units where org_id = ${orgA} order by unit`.execute(db);
  unitNames.splice(0, Infinity, ...units.rows.map((u) => u.unit));
  const batches = await sql<{ batch_no: string }>`
    select distinct batch_no from stock_batches where org_id = ${orgA} order by batch_no limit 50`.execute(db);
  batchNos.splice(0, Infinity, ...batches.rows.map((b) => b.batch_no));
  if (opName(op) === SYNC) await refreshFieldPools();
}

async function refreshFieldPools(): Promise<void> {
  const ids = async (q: RawBuilder<{ id: string }>) => (await q.execute(db)).rows.map((r) => r.id);
  const walked = sql`select route_id from (
      select distinct on (route_id) route_id, rep_user_id from route_assignments
      where org_id = ${orgA} and effective_from <= current_date order by route_id, effective_from desc) latest
    where rep_user_id = ${repId}`;
  fieldPools.routes = await ids(sql`select route_id as id from (${walked}) w order by id`);
  fieldPools.beatOutlets = await ids(sql`
    select id from outlets where org_id = ${orgA} and route_id in (${walked}) and status = 'active' order by id`);
  fieldPools.visits = await ids(sql`
    select id from visits where org_id = ${orgA} and user_id = ${repId} order by checked_in_at desc limit 50`);
  fieldPools.otherVisits = await ids(sql`
    select id from visits where org_id = ${orgA} and user_id <> ${repId} order by id limit 20`);
  fieldPools.commandIds = await ids(sql`
    select id from field_commands where org_id = ${orgA} and user_id = ${repId} order by received_at desc limit 50`);
  fieldPools.otherCommandIds = await ids(sql`
    select id from field_commands where org_id = ${orgA} and user_id <> ${repId} order by id limit 20`);
  fieldPools.reasons = (
    await sql<{ code: string }>`
      select code from no_order_reasons where org_id = ${orgA} and archived_at is null order by code`.execute(db)
  ).rows.map((r) => r.code);
}

/** The kind of record the path id names: the resource, or its deliveries. */
function pathKind(op: ApiOperation): string | undefined {
  if (!op.pathParams.length) return undefined;
  const segments = op.path.split("/");
  const resource = segments[3] ?? "";
  const kind =
    resource === "webhooks" && segments[4] === "deliveries"
      ? "webhook-deliveries"
      : resource === "field"
        ? ({ onboarding: "onboardings", "outlet-photos": "outlet-photos" } as Record<string, string>)[segments[4] ?? ""]
        : resource === "service" || resource === "kb"
          ? ({ tickets: "tickets", articles: "kb-articles" } as Record<string, string>)[segments[4] ?? ""]
          : resource === "public" && segments[6] === "faq"
            ? "kb-articles"
            : resource === "loyalty"
              ? `loyalty-${segments[4] ?? ""}`
              : resource === "crm" && (segments[4] === "leads" || segments[4] === "lead-forms")
                ? segments[4]
                : resource;
  return kind && kind in KIND_TABLES ? kind : undefined;
}

/** The kind of record a uuid field names, by the field (or, for the path id, by the resource). */
function kindOf(ctx: FieldContext): string | undefined {
  if (ctx.at.startsWith("path.")) return pathKind(ctx.op);
  switch (ctx.field) {
    case "outletId":
      return "outlets";
    case "distributorId":
      return "distributors";
    case "skuId":
    case "removeSkuIds":
      return "skus";
    case "brandId":
      return "brands";
    case "categoryId":
      return "categories";
    case "parentId":
      return ctx.op.path.includes("categories") ? "categories" : "territories";
    case "territoryId":
      return "territories";
    case "routeId":
      return "routes";
    case "repUserId":
      return "reps";
    case "userId":
    case "userIds":
    case "actorId":
      return "users";
    case "priceListId":
      return "price-lists";
    case "orderId":
    case "ids":
      return "secondary-orders";
    case "endpointId":
      return "webhooks";
    case "contactId":
      return "contacts";
    case "assigneeId":
    case "escalateToUserId":
      return "service-agents";
    case "programId":
      return "loyalty-programs";
    case "rewardId":
      return "loyalty-rewards";
    case "memberId":
      return "loyalty-members";
    case "accountId":
      return "accounts";
    case "pipelineId":
      return "pipelines";
    case "stageId":
      return "stages";
    case "lostReasonId":
      return "lost-reasons";
    case "leadId":
      return "leads";
    default:
      return undefined;
  }
}

const anyLiveA = () => Object.values(liveA).flat();
const anyIdB = () => Object.values(idsB).flat();

/** The ids inside the field app's commands: mostly the rep's own records, new ids where a command makes one. */
function syncUuidFor(ctx: FieldContext): fc.Arbitrary<unknown> {
  const fresh = fc.uuid({ version: 7 });
  /** A new id (at the weight given) or one from the pools, each at its weight. */
  const pick = (freshWeight: number, ...pools: [number, () => readonly string[]][]) =>
    fc.oneof(
      { weight: freshWeight, arbitrary: fresh },
      ...pools.map(([weight, pool]) => ({ weight, arbitrary: fromPool(pool, fresh) })),
    );
  const creates = (kind: string) => pick(6, [1, () => allA[kind] ?? []]);
  switch (ctx.field) {
    // A command's id is its idempotency key: mostly new, sometimes a replay, sometimes another user's.
    case "id":
      return pick(8, [1, () => fieldPools.commandIds], [1, () => fieldPools.otherCommandIds]);
    case "visitId":
      return ctx.variant === "visit.check_in"
        ? creates("visits")
        : pick(3, [8, () => fieldPools.visits], [1, () => fieldPools.otherVisits], [1, () => idsB.visits ?? []]);
    case "orderId":
      return creates("secondary-orders");
    case "auditId":
      return creates("stock-audits");
    case "paymentId":
      return creates("payments");
    case "outletId":
      if (ctx.variant === "outlet.propose") return creates("outlets");
      return pick(3, [12, () => fieldPools.beatOutlets], [2, () => liveA.outlets ?? []], [1, () => idsB.outlets ?? []]);
    case "outletIds":
      return pick(3, [12, () => fieldPools.beatOutlets], [1, () => liveA.outlets ?? []]);
    case "routeId":
      return pick(3, [12, () => fieldPools.routes], [1, () => liveA.routes ?? []], [1, () => idsB.routes ?? []]);
    case "skuId":
      // An order or a count of several lines is refused as a whole for one bad line: mostly SKUs that sell.
      return pick(
        1,
        [24, () => proven[`${SYNC} skuId`] ?? []],
        [1, () => liveA.skus ?? []],
        [1, () => idsB.skus ?? []],
      );
    default:
      return pick(3, [1, anyLiveA]);
  }
}

function uuidFor(ctx: FieldContext): fc.Arbitrary<unknown> {
  if (opName(ctx.op) === SYNC) return syncUuidFor(ctx);
  const fresh = fc.uuid({ version: 7 });
  // A client-made id of a new record (orders and payments made offline): mostly new, sometimes taken.
  if (ctx.field === "id" && ctx.at === "body.id")
    return fc.oneof({ weight: 4, arbitrary: fresh }, { weight: 1, arbitrary: fromPool(anyLiveA, fresh) });
  const kind = kindOf(ctx);
  const live = kind ? () => liveA[kind] ?? [] : anyLiveA;
  const all = kind ? () => allA[kind] ?? [] : anyLiveA;
  const other = kind ? () => idsB[kind] ?? [] : anyIdB;
  const known = `${opName(ctx.op)} ${ctx.field}`;
  return fc.oneof(
    ...(ctx.at.startsWith("path.") ? [{ weight: 6, arbitrary: fromPool(() => targets, fromPool(live, fresh)) }] : []),
    ...(known in PROVEN ? [{ weight: 12, arbitrary: fromPool(() => proven[known] ?? [], fromPool(live, fresh)) }] : []),
    { weight: 6, arbitrary: fromPool(live, fresh) },
    { weight: 1, arbitrary: fromPool(all, fresh) },
    { weight: 1, arbitrary: fresh },
    // Another organisation's real record: must be "not found" to org A, never acted on.
    { weight: 1, arbitrary: fromPool(other, fresh) },
  );
}

const phone = fc.oneof(
  fc.stringMatching(/^01[3-9]\d{8}$/),
  fc.stringMatching(/^01[3-9]\d{8}$/).map((p) => `+88${p}`),
  fc.stringMatching(/^01[3-9]\d{2}-\d{6}$/),
  fc.stringMatching(/^01[3-9]\d{8}$/).map((p) => p.replace(/\d/g, (d) => "০১২৩৪৫৬৭৮৯"[Number(d)] ?? d)),
);
const totpCode = fc.oneof(
  fc.stringMatching(/^\d{6}$/),
  fc.stringMatching(/^\d{3}$/).map((a) => `${a} ${a}`),
  fc.stringMatching(/^\d{6}$/).map((c) => c.replace(/\d/g, (d) => "০১২৩৪৫৬৭৮৯"[Number(d)] ?? d)),
);
const secretLike = fc.stringMatching(/^[A-Za-z0-9_-]{32,43}$/);
const shopName = fc.constantFrom("রহিম স্টোর", "Karim Traders", "মায়ের দোয়া 🛒", "A&B Ltd.", "শ্রী দুর্গা");
const seq = () => fc.nat(1_000_000_000);

/** CSV files the import operations take: well-formed ones of fresh records, and odd ones. */
function csvFor(op: ApiOperation): fc.Arbitrary<string> | undefined {
  const odd = fc.constantFrom(
    "",
    "\uFEFF",
    "code\n",
    '"unclosed\nquote',
    "a,b\r\n1,2\r\n",
    '=HYPERLINK("http://x","y"),+1,@SUM(1),-1\n',
    "sku_code;mrp\nX;1\n",
  );
  const withOdd = (good: fc.Arbitrary<string>) =>
    fc.oneof({ weight: 4, arbitrary: good }, { weight: 1, arbitrary: odd });
  if (op.path === "/api/v1/territories/import")
    return withOdd(
      fc
        .array(
          fc.tuple(
            seq(),
            shopName,
            fromPool(() => territoryCodes.territory ?? [], fc.constant("BD")),
          ),
          { minLength: 1, maxLength: 3 },
        )
        .map(
          (rows) =>
            `code,name,name_bn,level,parent_code\n${rows.map(([n, nm, parent]) => `FZR-${n},"${nm}",রুট ${n},route,${parent}`).join("\n")}\n`,
        ),
    );
  if (op.path === "/api/v1/outlets/import")
    return withOdd(
      fc
        .array(fc.tuple(seq(), shopName, fc.constantFrom("grocery", "pharmacy", "other", "GROCERY")), {
          minLength: 1,
          maxLength: 3,
        })
        .map(
          (rows) =>
            `code,name,name_bn,owner_name,channel,credit_limit_taka\n${rows.map(([n, nm, ch]) => `FZO-${n},"${nm}",দোকান ${n},মালিক,${ch},${n % 50000}`).join("\n")}\n`,
        ),
    );
  if (op.path === "/api/v1/price-lists/{id}/items/import")
    return withOdd(
      fc
        .array(
          fc.tuple(
            fromPool(() => skuCodes, fc.constant("NO-SUCH-SKU")),
            fc.nat(100_000),
          ),
          {
            minLength: 1,
            maxLength: 4,
          },
        )
        .map((rows) => `sku_code,mrp\n${rows.map(([code, p]) => `${code},${(p / 100).toFixed(2)}`).join("\n")}\n`),
    );
  return undefined;
}

/** One of two fields, as a body whose rule is "this or that, not both" (sign-in by email or phone, say). */
function eitherOf(ctx: FieldContext, one: string, other: string): fc.Arbitrary<unknown> | undefined {
  const { schema } = ctx;
  const props = schema.properties ?? {};
  const required = schema.required ?? [];
  if (ctx.at !== "body" || !(one in props) || !(other in props) || required.includes(one) || required.includes(other))
    return undefined;
  const without = (drop: string, keep: string): JsonSchema => ({
    ...schema,
    properties: Object.fromEntries(Object.entries(props).filter(([k]) => k !== drop)),
    required: [...required, keep],
  });
  return fc.oneof(
    { weight: 4, arbitrary: validValue(without(other, one), ctx, sources) },
    { weight: 4, arbitrary: validValue(without(one, other), ctx, sources) },
    // Both: the rule's own refusal.
    { weight: 1, arbitrary: validValue({ ...schema, required: [...required, one, other] }, ctx, sources) },
  );
}

/**
 * Values in the field app's commands that the schema cannot make realistic: device times near now (a phone's
 * clock far ahead, or work a month old, now and then), the no-order reasons in use, a real photo.
 */
function syncValue(ctx: FieldContext): fc.Arbitrary<unknown> | undefined {
  const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
  if (ctx.field === "at" && ctx.schema.format === "date-time")
    return fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: 0, max: 8 * 60 }).map(minutesAgo) },
      { weight: 1, arbitrary: fc.constantFrom(-20, 31 * 24 * 60).map(minutesAgo) },
      {
        weight: 1,
        arbitrary: fc
          .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true })
          .map((d) => d.toISOString()),
      },
    );
  // Every SKU is sold by the piece; other pack sizes only some.
  if (ctx.field === "unit")
    return fc.oneof(
      { weight: 6, arbitrary: fc.constant("piece") },
      { weight: 1, arbitrary: fromPool(() => unitNames, fc.constant("case")) },
    );
  if (ctx.field === "noOrderReason")
    return fc.oneof(
      { weight: 4, arbitrary: fromPool(() => fieldPools.reasons, fc.constant("shop_closed")) },
      { weight: 1, arbitrary: fc.constantFrom("no_such_reason", "other") },
    );
  if (ctx.field === "base64")
    return fc.oneof(
      { weight: 4, arbitrary: fc.constant(TINY_JPEG_BASE64) },
      { weight: 1, arbitrary: fc.constantFrom("", "bm90IGFuIGltYWdl", Buffer.from("GIF89a").toString("base64")) },
    );
  return undefined;
}

/** A bare string in a query is a flag here (z.stringbool(), which the document cannot describe). */
const isFlag = (ctx: FieldContext) =>
  ctx.at.startsWith("query.") && Object.keys(ctx.schema).length === 1 && ctx.schema.type === "string";

const sources: ValueSources = {
  valid(ctx) {
    const { op, field, schema } = ctx;
    const name = opName(op);
    if (name === "POST /api/v1/auth/sign-in") {
      const body = eitherOf(ctx, "email", "phone");
      if (body) return body;
    }
    if (name === "POST /api/v1/auth/sign-in/totp") {
      const body = eitherOf(ctx, "code", "recoveryCode");
      if (body) return body;
    }
    if (schema.format === "uuid") return uuidFor(ctx);
    if (name === SYNC) {
      const own = syncValue(ctx);
      if (own) return own;
    }
    if (name === "GET /api/v1/field/snapshot" && field === "since")
      return fc.oneof(
        { weight: 3, arbitrary: fromPool<string | undefined>(() => fieldPools.snapshotTokens, fc.constant(undefined)) },
        { weight: 1, arbitrary: fc.constant(undefined) },
      );
    if (isFlag(ctx)) return fc.constantFrom("true", "false", "1", "0", "yes", "no", "on", "off");
    if (schema.type !== "string") return undefined;
    if (name === "POST /api/v1/auth/sign-in") {
      if (field === "email")
        return fc.oneof(
          { weight: 4, arbitrary: fromPool(() => emailsA, fc.constant(`admin@${ORG_A_DOMAIN}`)) },
          { weight: 1, arbitrary: fc.constantFrom(`ADMIN@${ORG_A_DOMAIN.toUpperCase()}`, ` admin@${ORG_A_DOMAIN} `) },
        );
      if (field === "phone")
        return fc.oneof(
          fromPool(() => phonesA, phone),
          phone,
        );
      if (field === "password")
        return fc.oneof({ weight: 3, arbitrary: fc.constant(PASSWORD) }, { weight: 1, arbitrary: shopName });
    }
    if (name === "POST /api/v1/auth/password" && field === "currentPassword")
      return fc.oneof(
        { weight: 3, arbitrary: fc.constant(null).map(() => selfPassword) },
        { weight: 1, arbitrary: fc.constant(PASSWORD) },
      );
    if (field === "phone") return phone;
    if (field === "token")
      return fromPool(
        () => inviteTokens,
        secretLike.map((s) => `${orgA}.${s}`),
      );
    if (field === "challenge") return secretLike.map((s) => `${orgA}.${s}`);
    if (field === "code" && op.path.includes("/totp")) return totpCode;
    // A cursor is opaque: only one the same list handed out is valid, and without one the field is left out.
    if (field === "cursor")
      return fromPool<string | undefined>(() => cursors[listOf(op)] ?? [], fc.constant(undefined));
    if (field === "unit" && !op.path.startsWith("/api/v1/skus")) return fromPool(() => unitNames, fc.constant("piece"));
    if (field === "batchNo") return fromPool(() => batchNos, fc.constant("FZ-BATCH-1"));
    if (field === "url" && op.path.startsWith("/api/v1/webhooks"))
      return fc.constantFrom(`${receiver.url}/hook`, `${receiver.url}/hook/২?x=1`, "http://127.0.0.1:1/closed");
    if (field === "bbox")
      return fc
        .tuple(fc.double({ min: 88, max: 90, noNaN: true }), fc.double({ min: 20.5, max: 23, noNaN: true }))
        .map(([x, y]) => `${x.toFixed(4)},${y.toFixed(4)},${(x + 2).toFixed(4)},${(y + 3).toFixed(4)}`);
    if (field === "csv") return csvFor(op);
    // The public help page is an org's by its slug; inbound email is a raw message (a new one or a reply).
    if (field === "orgSlug") return fc.constantFrom("org-a", "org-a", "org-b", "no-such-org");
    if (field === "raw" && op.path.endsWith("/inbound-email"))
      return fc
        .tuple(shopName, fc.constantFrom("", "Re: [TKT-000001] "))
        .map(([name, re]) => `From: ${name} <buyer@example.com>\r\nSubject: ${re}${name}\r\n\r\nWhere is my order?`);
    return undefined;
  },
};

// ---- a local receiver for webhook test deliveries ----

async function startReceiver(): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(204).end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

// ---- sending, and checking an answer ----

interface ErrorReply {
  error: { code: string; message: string };
}

const stats = new Map<string, Map<number, number>>();
/** What became of the field app's commands: "visit.check_in applied", "order.place order.outlet_not_found"… */
const commandOutcomes = new Map<string, number>();
let sent = 0;

function describeRequest(op: ApiOperation, req: FuzzRequest, url: string, res?: LightMyRequestResponse): string {
  const body = req.body === undefined ? "" : `\n  body: ${req.body.slice(0, 1500)}${req.body.length > 1500 ? "…" : ""}`;
  const answer = res ? `\n  answered ${res.statusCode}: ${res.body.slice(0, 800)}` : "";
  return `[seed ${SEED}] ${opName(op)} (${req.variant}, Accept-Language: ${req.language.header})\n  ${op.method} ${url}${body}${answer}`;
}

/** Bengali in an English message is allowed only where it echoes what the caller sent. */
function bengaliNotSent(message: string, url: string, body: string | undefined): string[] {
  let decoded = url;
  try {
    decoded = decodeURIComponent(url);
  } catch {
    // a deliberately broken escape: compare with the raw URL
  }
  const sentText = `${url}\n${decoded}\n${body ?? ""}`;
  // The taka sign (U+09F3) sits in the Bengali block but is the currency's sign in either language (format.ts).
  return (message.match(/[\u0980-\u09F2\u09F4-\u09FF]+/g) ?? []).filter((run) => !sentText.includes(run));
}

function harvest(op: ApiOperation, res: LightMyRequestResponse): void {
  if (!String(res.headers["content-type"] ?? "").includes("application/json") || !res.body) return;
  const body = res.json() as { nextCursor?: unknown; inviteUrl?: unknown };
  const seen = cursors[listOf(op)] ?? [];
  if (typeof body.nextCursor === "string" && seen.length < 20) cursors[listOf(op)] = [...seen, body.nextCursor];
  if (typeof body.inviteUrl === "string") inviteTokens.push(body.inviteUrl.replace(/^\/invite\//, ""));
  const token = (body as { token?: unknown }).token;
  if (opName(op) === "GET /api/v1/field/snapshot" && typeof token === "string" && fieldPools.snapshotTokens.length < 20)
    fieldPools.snapshotTokens.push(token);
}

let baseline = await fingerprint();

async function exercise(op: ApiOperation, req: FuzzRequest): Promise<void> {
  const name = opName(op);
  const url = urlOf(op, req);
  let caller = must(callerOf[callerRoleFor(name)], `a signed-in ${callerRoleFor(name)} for ${name}`);
  if (OWN_SESSION_OPS.has(name)) {
    caller = await signIn(t.app, SELF_EMAIL, selfPassword);
    baseline = await fingerprint();
  }
  const ignored: Ignored = COUNTS_FAILURES_OPS.has(name) ? { users: ["failed_logins"] } : {};
  const before = COUNTS_FAILURES_OPS.has(name) ? await fingerprint(ignored) : baseline;

  const res = await t.app.inject({
    method: op.method,
    url,
    headers: {
      cookie: caller.cookie,
      "x-csrf-token": caller.csrf,
      "accept-language": req.language.header,
      ...(req.body !== undefined && { "content-type": "application/json" }),
    },
    ...(req.body !== undefined && { payload: req.body }),
  });
  sent++;
  const counts = stats.get(name) ?? new Map<number, number>();
  counts.set(res.statusCode, (counts.get(res.statusCode) ?? 0) + 1);
  stats.set(name, counts);

  const after = await fingerprint(ignored);
  const wrote = changedTables(before, after);
  baseline = COUNTS_FAILURES_OPS.has(name) ? await fingerprint() : after;
  const accepted = res.statusCode >= 200 && res.statusCode < 300;
  if (accepted) {
    harvest(op, res);
    if (name === "POST /api/v1/auth/password")
      selfPassword = (JSON.parse(req.body ?? "{}") as { newPassword: string }).newPassword;
    if (name === MFA_POLICY_PUT) {
      const reset = await admin.request("PUT", "/api/v1/orgs/current/mfa-policy", { roles: [] });
      expect(reset.statusCode, `setting the MFA policy back: ${reset.body}`).toBe(200);
      baseline = await fingerprint();
    }
  }

  const seen = describeRequest(op, req, url, res);
  expect(res.statusCode, `a 5xx is a bug: ${seen}`).toBeLessThan(500);
  expect(op.statuses, `status not in the document (${op.statuses.join(", ")}): ${seen}`).toContain(res.statusCode);
  if (res.statusCode >= 400) {
    let reply: ErrorReply;
    try {
      reply = res.json();
    } catch {
      throw new Error(`a refusal that is not JSON: ${seen}`);
    }
    expect(reply, seen).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    expect(reply.error.message.length, seen).toBeGreaterThan(0);
    if (req.language.locale === "bn")
      expect(hasBengali(reply.error.message), `the message should be in Bengali: ${seen}`).toBe(true);
    else
      expect(bengaliNotSent(reply.error.message, url, req.body), `the message should be in English: ${seen}`).toEqual(
        [],
      );
  } else if (String(res.headers["content-type"] ?? "").includes("application/json") && res.body) {
    expect(() => res.json(), `an answer that says JSON and is not: ${seen}`).not.toThrow();
  }
  if (name === SYNC && accepted) expectSyncResults(req, url, res, seen);
  if (!accepted || op.method === "GET")
    expect(wrote, `${accepted ? "a read" : "a refused request"} wrote to these tables: ${seen}`).toEqual([]);
}

/**
 * A sync answered 200 carries one result per command, in order (an unexpected error would stop the batch short):
 * each applied, or rejected with a reason; reasons and warnings in the caller's language, except a replay's,
 * which is the first answer as it was given.
 */
function expectSyncResults(req: FuzzRequest, url: string, res: LightMyRequestResponse, seen: string): void {
  const sent = (JSON.parse(req.body ?? "{}") as { commands: { id: string }[] }).commands;
  const results = (res.json() as { results: CommandResult[] }).results;
  for (const r of results) {
    const outcome = `${r.kind} ${r.status === "applied" ? "applied" : r.error?.code}${r.replayed ? " (replay)" : ""}`;
    commandOutcomes.set(outcome, (commandOutcomes.get(outcome) ?? 0) + 1);
  }
  expect(
    results.map((r) => r.id),
    `every command has its result, in order: ${seen}`,
  ).toEqual(sent.map((c) => c.id));
  for (const r of results) {
    expect(r.status === "applied" ? r.error === null : r.status === "rejected" && r.error !== null, seen).toBe(true);
    if (r.replayed) continue;
    for (const message of [r.error?.message ?? "", ...r.warnings.map((w) => w.message)].filter(Boolean)) {
      if (req.language.locale === "bn")
        expect(hasBengali(message), `a command's message in Bengali: ${seen}`).toBe(true);
      // The taka sign (U+09F3, in the Bengali block) is how format.ts writes money in English too.
      else
        expect(
          bengaliNotSent(message.replaceAll("৳", ""), url, req.body),
          `a command's message in English: ${seen}`,
        ).toEqual([]);
    }
  }
}

// ---- the operations ----

// A webhook delivery to look at and replay (deliveries are otherwise made only by events and tests).
const hook = await admin.request("POST", "/api/v1/webhooks", {
  url: `${receiver.url}/hook`,
  events: ["order.confirmed"],
});
if (hook.statusCode !== 201) throw new Error(`creating a webhook answered ${hook.body}`);
const hookTest = await admin.request("POST", `/api/v1/webhooks/${(hook.json() as { id: string }).id}/test`);
if (hookTest.statusCode !== 201) throw new Error(`a webhook test delivery answered ${hookTest.body}`);

// The field force's records to act on, in both orgs: outlets proposed from the field (with photos) waiting for a
// decision, and the rep's day started with visits to check out of. They are done early in today (the business
// day in Dhaka), so that the generated device times, a few hours back at most, mostly come after them.
const repB = await signIn(t.app, `rep@${ORG_B_DOMAIN}`);
const early = new Date(Math.max(Date.now() - 9 * 3600_000, Date.parse(`${businessDate()}T00:00:01+06:00`)));
for (const [caller, org] of [
  [rep, t.orgA],
  [repB, t.orgB],
] as const) {
  const routeId = await routeWalkedBy(db, org.orgId, org.usersByRole.rep);
  const proposal = fieldCommand("outlet.propose", outletProposal(routeId));
  const onBeat = await sql<{ id: string }>`select id from outlets
    where org_id = ${org.orgId} and route_id = ${routeId} and status = 'active' order by code limit 3`.execute(db);
  const checkIns = onBeat.rows.map((o) =>
    fieldCommand("visit.check_in", { visitId: newId(), outletId: o.id, gps: null }),
  );
  const commands = [fieldCommand("day.start", { gps: null }), ...checkIns].map((c) => ({
    ...c,
    at: early.toISOString(),
  }));
  await applyCommands(caller, [proposal, fieldCommand("outlet.propose", outletProposal(routeId)), ...commands]);
}
/** The callers by role (operation-caller.ts). */
const callerOf: Partial<Record<Role, Caller>> = {
  admin,
  rep,
  // The driver's app (delivery trips): the demo driver, who works for the demo distributor.
  driver: await signIn(t.app, `driver@${ORG_A_DOMAIN}`),
};

const doc = (await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json() as OpenApiDocument;
/**
 * In the document's order, except that operations which take records out of use run after the rest, and
 * those which bring them back after those: so that archiving a SKU early does not starve the order
 * operations of valid requests, and restoring finds something archived.
 */
const phase = (op: ApiOperation) =>
  /\/(restore|reactivate)$/.test(op.path)
    ? 2
    : op.method === "DELETE" || /\/(archive|deactivate|revoke|cancel|reject|move|import|items)$/.test(op.path)
      ? 1
      : 0;
const ops = apiOperations(doc)
  .map((op, i) => ({ op, i }))
  .sort((a, b) => phase(a.op) - phase(b.op) || a.i - b.i)
  .map((x) => x.op);
await refreshPools(must(ops[0], "an operation"));
inviteTokens.push(
  ...(
    await Promise.all(
      [t.orgA.usersByRole.rep, t.orgA.usersByRole.retailer].map(
        async (id) => (await admin.request("POST", `/api/v1/users/${id}/invite`)).json() as { inviteUrl: string },
      ),
    )
  ).map((r) => r.inviteUrl.replace(/^\/invite\//, "")),
);
baseline = await fingerprint();

// What the fuzzing found in the platform, asserted directly (domain findings are in their areas' tests).
describe("input that the fuzzing once turned into a 500", () => {
  const send = (method: "GET" | "PATCH", url: string, lang: "bn" | "en", body?: unknown) =>
    admin.request(method, url, body, { "accept-language": lang });
  const refused = (res: LightMyRequestResponse, lang: "bn" | "en", code: string) => {
    expect(res.statusCode, res.body).toBe(400);
    expect((res.json() as ErrorReply).error.code).toBe(code);
    expect(hasBengali((res.json() as ErrorReply).error.message)).toBe(lang === "bn");
  };

  it("refuses a NUL character (which PostgreSQL text cannot hold) in a body, a query or a path", async () => {
    const rep = t.orgA.usersByRole.rep;
    for (const lang of ["bn", "en"] as const) {
      refused(await send("PATCH", `/api/v1/users/${rep}`, lang, { name: "a\u0000b" }), lang, "request.nul_character");
      refused(await send("GET", "/api/v1/audit?action=a%00b", lang), lang, "request.nul_character");
      refused(await send("GET", "/api/v1/outlets?q=%00", lang), lang, "request.nul_character");
      refused(await send("GET", `/api/v1/users/${rep}%00`, lang), lang, "request.nul_character");
    }
  });

  it("refuses a date in year 0, which PostgreSQL has not", async () => {
    for (const lang of ["bn", "en"] as const) {
      refused(await send("GET", "/api/v1/catalog/order-book?date=0000-01-01", lang), lang, "request.invalid");
      refused(await send("GET", "/api/v1/audit?from=0000-02-29", lang), lang, "request.invalid");
      refused(await send("GET", "/api/v1/secondary-orders?to=0000-12-31", lang), lang, "request.invalid");
    }
  });
});

describe("the operations in the OpenAPI document", () => {
  it(`number at least ${OPERATION_FLOOR}, GET included`, () => {
    expect(ops.length).toBeGreaterThanOrEqual(OPERATION_FLOOR);
    expect(ops.some((o) => o.method === "GET")).toBe(true);
    expect(ops.every((o) => o.statuses.length > 0)).toBe(true);
  });
});

describe.each(ops.map((op) => [opName(op), op] as const))("%s", (_name, op) => {
  beforeAll(async () => {
    baseline = await fingerprint();
  });
  it("answers generated requests with a documented status, a localized refusal, and no write when refused", async () => {
    await refreshPools(op);
    await fc.assert(
      fc.asyncProperty(requestArbitrary(op, sources), (req) => exercise(op, req)),
      { seed: SEED, numRuns: RUNS_OF[opName(op)] ?? RUNS_PER_OPERATION, endOnFailure: true },
    );
  }, 120_000);
});

describe("after the fuzzing", () => {
  it("fuzzed every operation, and most of them accepted some of the generated requests", () => {
    const summary = [...stats].map(([op, counts]) => `${op}: ${[...counts].map(([s, n]) => `${s}×${n}`).join(" ")}`);
    console.info(`contract fuzz: ${stats.size} operations, ${sent} requests (seed ${SEED})\n${summary.join("\n")}`);
    const outcomes = [...commandOutcomes].sort().map(([o, n]) => `${o}×${n}`);
    console.info(`field commands: ${outcomes.join(", ")}`);
    expect([...stats.keys()].sort()).toEqual(ops.map(opName).sort());
    const accepting = [...stats.values()].filter((counts) => [...counts.keys()].some((s) => s >= 200 && s < 300));
    expect(accepting.length / ops.length).toBeGreaterThan(0.6);
  });

  it("the admin's session still works", async () => {
    const res = await admin.request("GET", "/api/v1/auth/session");
    expect(res.statusCode).toBe(200);
  });
});
