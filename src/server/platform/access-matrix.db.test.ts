// Executes the access matrix (access-matrix.ts) against the running app. For every operation of
// /api/openapi.json and every role of org A (plus an anonymous caller) it sends a request that would succeed
// for a caller allowed to make it, and checks the table's decision: 2xx, 403, 401, or an empty scope. Then,
// for every operation that takes ids (in its path, body or query), each admitted role tries ids of another
// territory, distributor or outlet of its own org (for scoped roles) and of org B (for everyone): those are
// "not found", never done, and a refused request writes no audit row. The field app's sync names its records
// inside commands: there a probe is answered 200 with each such command rejected as not found, and nothing is
// written. Lists and CSV exports carry nothing outside the caller's scope: every id is checked against an
// oracle written in SQL here, independently of the services. Analytics answers (dashboards' rows, exports, scheduled
// reports) are held to the same oracle: every row key is something the caller may see.
//
// Writes that succeed must not spoil later cases, so every write acts on a record made for it just before
// (by the admin of the organisation the record belongs to).
import type { LightMyRequestResponse } from "fastify";
import { type RawBuilder, sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { addDays, businessDate } from "../../shared/format.ts";
import { newId } from "../../shared/ids.ts";
import { ROLES, type Role } from "../../shared/roles.ts";
import { applyPendingSalesChanges } from "../analytics/sales-rollups.service.ts";
import { ensureAccountForOutlet } from "../crm/accounts.service.ts";
import { withTransaction } from "../db/transaction.ts";
import * as incentivesRepo from "../incentives/incentives.repository.ts";
import { runForecasts } from "../replenishment/demand-forecasting.ts";
import * as replenishmentRepo from "../replenishment/replenishment.repository.ts";
import { refreshAlerts } from "../replenishment/stock-alerts.service.ts";
import { errorCode, must } from "../testing/assertions.ts";
import {
  applyCommands,
  type CommandResult,
  fieldCommand,
  outletProposal,
  type SentCommand,
} from "../testing/field-commands.ts";
import { createSalesFixture } from "../testing/sales-fixture.ts";
import { startSmtpReceiver } from "../testing/smtp-receiver.ts";
import { type Caller, createTestApp, ORG_A_DOMAIN, ORG_B_DOMAIN, PASSWORD, signIn } from "../testing/test-app.ts";
import { base32Decode, totp } from "../users/totp.ts";
import { ACCESS_MATRIX, type Decision, decisionFor, PUBLIC_BY_CONTRACT, type Who } from "./access-matrix.ts";
import { parseCsvWithHeader } from "./csv.ts";
import { notify } from "./notifications/notifications.service.ts";

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
type Row = { id: string };
type Json = Record<string, unknown>;
const WHO: readonly Who[] = [...ROLES, "anonymous"];

// ---------------------------------------------------------------- the app, two orgs, known records

// A real SMTP server in this process: sending a scheduled report now is an operation allowed to succeed, so the
// matrix lets it (without one, every allowed caller would get 503 mail.not_configured and prove nothing).
const smtp = await startSmtpReceiver();
const t = await createTestApp({ SMTP_URL: smtp.url });
afterAll(async () => {
  await t.close();
  await smtp.stop();
});
const db = t.database.handle.db;
const fA = await createSalesFixture(db, t.orgA);
const fB = await createSalesFixture(db, t.orgB);

const callers = {} as Record<Role, Caller>;
for (const role of ROLES) callers[role] = await signIn(t.app, `${role}@${ORG_A_DOMAIN}`);
const adminA = callers.admin;
const adminB = await signIn(t.app, `admin@${ORG_B_DOMAIN}`);
const anonymous: Caller = {
  cookie: "",
  csrf: "",
  request: (method, url, body, headers = {}) =>
    t.app.inject({ method, url, headers, ...(body !== undefined && { payload: body as object }) }),
};
const callerOf = (who: Who): Caller => (who === "anonymous" ? anonymous : callers[who]);
const userIdOf = (who: Role): string => t.orgA.usersByRole[who];

const today = businessDate();
const tomorrow = businessDate(new Date(Date.now() + 86_400_000));
const NEW_PASSWORD = "am-password-1";
let serial = 0;
const uniq = (prefix: string) => `${prefix}-${++serial}`;

/** The JSON of a setup request that must succeed; setup failing is not a finding, so it says so loudly. */
async function ok<T = Json>(pending: Promise<LightMyRequestResponse>, what: string): Promise<T> {
  const res = await pending;
  if (res.statusCode >= 300) throw new Error(`setup: ${what} answered ${res.statusCode}: ${res.body}`);
  return (res.statusCode === 204 ? null : res.json()) as T;
}

const one = async <T>(q: RawBuilder<T>) => must((await q.execute(db)).rows[0], "a row");

// ---------------------------------------------------------------- places: where a request's ids point

/**
 * A set of related records in one place of one org: an outlet on a route in a territory, the distributor
 * serving it, a rep based there, and the org's catalogue. Requests take their ids from places; the matrix
 * uses the caller's own place, the probes swap in another place for one part of the request.
 */
interface Place {
  label: string;
  orgId: string;
  admin: Caller;
  outletId: string;
  distributorId: string;
  distributorCode: string;
  routeId: string;
  routeCode: string;
  /** The territory-level node the route belongs to. */
  territoryId: string;
  territoryCode: string;
  /** Another territory-level node a route here may be moved under (in the same manager's subtree for own). */
  altTerritoryId: string;
  /** A rep based in the territory. */
  userId: string;
  skuId: string;
  skuCode: string;
  /** A SKU the distributor has never stocked. */
  spareSkuId: string;
  brandId: string;
  categoryId: string;
  /** A price list of this place's distributor. */
  priceListId: string;
  /** A delivered order, partly paid, and a draft primary order: records to read. */
  orderId: string;
  primaryOrderId: string;
}

async function placeAt(
  label: string,
  org: { orgId: string; admin: Caller },
  ids: { outletId: string; distributorId: string; skuId: string; userId: string },
): Promise<Place> {
  const o = await one(sql<{ route_id: string; route_code: string; territory_id: string }>`
    select o.route_id, r.code as route_code, r.parent_id as territory_id
    from outlets o join territories r on r.org_id = o.org_id and r.id = o.route_id
    where o.org_id = ${org.orgId} and o.id = ${ids.outletId}`);
  const d = await one(sql<{ code: string }>`
    select code from distributors where org_id = ${org.orgId} and id = ${ids.distributorId}`);
  const terr = await one(sql<{ code: string }>`
    select code from territories where org_id = ${org.orgId} and id = ${o.territory_id}`);
  const sku = await one(sql<{ code: string; brand_id: string; category_id: string }>`
    select code, brand_id, category_id from skus where org_id = ${org.orgId} and id = ${ids.skuId}`);
  const spare = await one(sql<{ id: string }>`
    select id from skus s where org_id = ${org.orgId} and not exists (
      select 1 from stock_balances b
      where b.org_id = s.org_id and b.sku_id = s.id and b.distributor_id = ${ids.distributorId})
    order by code limit 1`);
  // A price list of this place's distributor (with one item, in force only from 2099, so it prices nothing).
  const list = await ok<Row>(
    org.admin.request("POST", "/api/v1/price-lists", {
      code: uniq("AM-DPL"),
      name: `${label} distributor prices`,
      nameBn: "ডিস্ট্রিবিউটরের দাম",
      validFrom: "2099-01-01",
      distributorId: ids.distributorId,
    }),
    "a distributor's price list",
  );
  await ok(
    org.admin.request("PUT", `/api/v1/price-lists/${list.id}/items`, {
      items: [{ skuId: ids.skuId, mrpPoisha: 1000, retailerPricePoisha: 900, distributorPricePoisha: 700 }],
    }),
    "a distributor's price",
  );
  return {
    label,
    orgId: org.orgId,
    admin: org.admin,
    outletId: ids.outletId,
    distributorId: ids.distributorId,
    distributorCode: d.code,
    routeId: o.route_id,
    routeCode: o.route_code,
    territoryId: o.territory_id,
    territoryCode: terr.code,
    altTerritoryId: o.territory_id,
    userId: ids.userId,
    skuId: ids.skuId,
    skuCode: sku.code,
    spareSkuId: spare.id,
    brandId: sku.brand_id,
    categoryId: sku.category_id,
    priceListId: list.id,
    orderId: "",
    primaryOrderId: "",
  };
}

const orgA = { orgId: t.orgA.orgId, admin: adminA };
const orgB = { orgId: t.orgB.orgId, admin: adminB };
const path = async (orgId: string, id: string) =>
  (await one(sql<{ path: string }>`select path from territories where org_id = ${orgId} and id = ${id}`)).path;

// The demo users' scopes (demo-seed.ts, sales-fixture.ts): the manager has the Dhaka division, the rep one
// territory in Gazipur, the distributor user the fixture's DB-1, the retailer its OUT-1.
const managerPath = await path(t.orgA.orgId, must(t.orgA.territoryIdByCode.get("DHA"), "DHA"));
const repUser = await one(sql<{ territory_id: string }>`
  select territory_id from users where org_id = ${t.orgA.orgId} and id = ${userIdOf("rep")}`);
const repPath = await path(t.orgA.orgId, repUser.territory_id);

// Stock for every distributor whose outlets take confirmed orders below, so that no case runs short.
for (const [admin, distributorId, skuId] of [
  [adminA, fA.distributorId, fA.soapId],
  [adminA, fA.otherDistributorId, fA.soapId],
  [adminB, fB.distributorId, fB.soapId],
] as const)
  await ok(
    admin.request("POST", "/api/v1/stock/adjustments", { distributorId, skuId, qtyDelta: 20_000, reason: "matrix" }),
    "stock for the matrix",
  );

const own = await placeAt("own", orgA, {
  outletId: fA.outletId,
  distributorId: fA.distributorId,
  skuId: fA.soapId,
  userId: userIdOf("rep"),
});
// OUT-2: the same route and distributor as OUT-1; outside only a retailer's scope (its outlet is OUT-1).
const nextDoor = await placeAt("the outlet next door", orgA, {
  outletId: fA.secondOutletId,
  distributorId: fA.distributorId,
  skuId: fA.soapId,
  userId: userIdOf("rep"),
});

// A route in the manager's division but outside the rep's territory, with an outlet served by DB-2.
const sibRoute = await one(sql<{ id: string; parent_id: string }>`
  select id, parent_id from territories
  where org_id = ${t.orgA.orgId} and level = 'route' and path like ${`${managerPath}%`}
    and path not like ${`${repPath}%`}
  order by code limit 1`);
const sibOutlet = await ok<{ id: string }>(
  adminA.request("POST", "/api/v1/outlets", {
    code: "AM-SIBLING",
    name: "Sibling Store",
    nameBn: "পাশের দোকান",
    ownerName: "Salam",
    channel: "grocery",
    distributorId: fA.otherDistributorId,
    routeId: sibRoute.id,
  }),
  "the sibling outlet",
);
/** The emails of the reps made here (their password is NEW_PASSWORD), to work in the field as them. */
const repEmails = new Map<string, string>();
const repAt = async (territoryId: string) => {
  const email = `${uniq("am-rep")}@${ORG_A_DOMAIN}`;
  const { id } = await ok<{ id: string }>(
    adminA.request("POST", "/api/v1/users", {
      email,
      name: "Matrix Rep",
      role: "rep",
      territoryId,
      password: NEW_PASSWORD,
    }),
    "a rep",
  );
  repEmails.set(id, email);
  return id;
};
const sibling = await placeAt("another territory of the manager's division", orgA, {
  outletId: sibOutlet.id,
  distributorId: fA.otherDistributorId,
  skuId: fA.soapId,
  userId: await repAt(sibRoute.parent_id),
});
own.altTerritoryId = sibling.territoryId;

// OUT-3: on a route outside the manager's division, served by DB-2, based outside it too.
const farRoute = await one(sql<{ route_id: string; parent_id: string }>`
  select o.route_id, r.parent_id from outlets o join territories r on r.org_id = o.org_id and r.id = o.route_id
  where o.org_id = ${t.orgA.orgId} and o.id = ${fA.farOutletId}`);
const far = await placeAt("another division", orgA, {
  outletId: fA.farOutletId,
  distributorId: fA.otherDistributorId,
  skuId: fA.soapId,
  userId: await repAt(farRoute.parent_id),
});

const bRep = t.orgB.usersByRole.rep;
const inOrgB = await placeAt("org B", orgB, {
  outletId: fB.outletId,
  distributorId: fB.distributorId,
  skuId: fB.soapId,
  userId: bRep,
});

/** Where a scoped role's own scope ends: the place each tries to reach beyond it. */
function outsideOf(who: Role): Place {
  if (who === "rep") return sibling;
  if (who === "retailer") return nextDoor;
  return far;
}

// ---------------------------------------------------------------- making fresh records at a place

const line = (p: Place, qty = 1) => [{ skuId: p.skuId, qty }];

/** A rep who walks the place's route, signed in: field work at a place is theirs. */
const fieldUsers = new Map<Place, Caller>();
async function fieldUserOf(p: Place): Promise<Caller> {
  const known = fieldUsers.get(p);
  if (known) return known;
  const caller =
    p.userId === userIdOf("rep")
      ? callers.rep
      : p === inOrgB
        ? await signIn(t.app, `rep@${ORG_B_DOMAIN}`)
        : await signIn(t.app, must(repEmails.get(p.userId), "a rep made here"), NEW_PASSWORD);
  fieldUsers.set(p, caller);
  return caller;
}

const webhooksMade = new Map<Caller, string[]>();
const fresh = {
  async draft(p: Place) {
    return (
      await ok<Row>(
        p.admin.request("POST", "/api/v1/secondary-orders", { outletId: p.outletId, lines: line(p) }),
        "draft",
      )
    ).id;
  },
  async confirmed(p: Place) {
    const body = { outletId: p.outletId, lines: line(p), confirm: true };
    return (await ok<Row>(p.admin.request("POST", "/api/v1/secondary-orders", body), "confirmed order")).id;
  },
  async invoiced(p: Place) {
    const id = await fresh.confirmed(p);
    await ok(p.admin.request("POST", `/api/v1/secondary-orders/${id}/invoice`), "invoice");
    return id;
  },
  async dispatched(p: Place) {
    const id = await fresh.invoiced(p);
    await ok(p.admin.request("POST", `/api/v1/secondary-orders/${id}/dispatch`), "dispatch");
    return id;
  },
  async delivered(p: Place) {
    const id = await fresh.dispatched(p);
    await ok(p.admin.request("POST", `/api/v1/secondary-orders/${id}/deliver`, {}), "deliver");
    return id;
  },
  async primary(p: Place, submit = false) {
    const body = { distributorId: p.distributorId, lines: line(p), submit };
    return (await ok<Row>(p.admin.request("POST", "/api/v1/primary-orders", body), "primary order")).id;
  },
  async primaryApproved(p: Place) {
    const id = await fresh.primary(p, true);
    await ok(p.admin.request("POST", `/api/v1/primary-orders/${id}/approve`, {}), "approve");
    return id;
  },
  async primaryDispatched(p: Place) {
    const id = await fresh.primaryApproved(p);
    await ok(p.admin.request("POST", `/api/v1/primary-orders/${id}/dispatch`, {}), "dispatch primary");
    return id;
  },
  async outlet(p: Place) {
    const body = {
      code: uniq("AM-OUT"),
      name: "Matrix Outlet",
      nameBn: "ম্যাট্রিক্স দোকান",
      ownerName: "Karim",
      channel: "grocery",
      distributorId: p.distributorId,
      routeId: p.routeId,
    };
    return (await ok<Row>(p.admin.request("POST", "/api/v1/outlets", body), "outlet")).id;
  },
  async distributor(p: Place) {
    const body = {
      code: uniq("AM-DB"),
      name: "Matrix Traders",
      nameBn: "ম্যাট্রিক্স ট্রেডার্স",
      ownerName: "Karim",
      phone: "01711000000",
      address: "Tongi",
      territoryId: p.territoryId,
    };
    return (await ok<Row>(p.admin.request("POST", "/api/v1/distributors", body), "distributor")).id;
  },
  async route(p: Place) {
    const body = { parentId: p.territoryId, level: "route", code: uniq("AM-R"), name: "Matrix beat", nameBn: "বিট" };
    return (await ok<Row>(p.admin.request("POST", "/api/v1/territories", body), "route")).id;
  },
  async user(p: Place, role: Role, extra: Json = {}) {
    const email = `${uniq("am-user")}@${p === inOrgB ? ORG_B_DOMAIN : ORG_A_DOMAIN}`;
    // A driver works for a distributor: the place's.
    const link = role === "driver" ? { distributorId: p.distributorId } : {};
    const body = {
      email,
      name: "Matrix Person",
      role,
      territoryId: p.territoryId,
      password: NEW_PASSWORD,
      ...link,
      ...extra,
    };
    return { id: (await ok<Row>(p.admin.request("POST", "/api/v1/users", body), `${role} user`)).id, email };
  },
  async token(p: Place) {
    return (await ok<Row>(p.admin.request("POST", "/api/v1/api-tokens", { name: uniq("matrix") }), "token")).id;
  },
  async catalog(p: Place, kind: "brands" | "categories" | "skus" | "price-lists", archived = false) {
    const base = { code: uniq("AM-C"), name: "Matrix", nameBn: "ম্যাট্রিক্স" };
    const body =
      kind === "skus"
        ? { ...base, brandId: p.brandId, categoryId: p.categoryId }
        : kind === "price-lists"
          ? { ...base, validFrom: "2099-01-01" }
          : base;
    const id = (await ok<Row>(p.admin.request("POST", `/api/v1/${kind}`, body), kind)).id;
    if (archived) await ok(p.admin.request("POST", `/api/v1/${kind}/${id}/archive`), `archive ${kind}`);
    return id;
  },
  /** A user of the role signed in on their own session, with two-step sign-in set up (and on, if enabled). */
  async twoStepUser(p: Place, role: Role, enabled: boolean) {
    const u = await fresh.user(p, role);
    const session = await signIn(t.app, u.email, NEW_PASSWORD);
    const setup = await ok<{ secret: string }>(session.request("POST", "/api/v1/auth/totp/setup"), "totp setup");
    const secret = base32Decode(setup.secret);
    if (enabled)
      await ok(session.request("POST", "/api/v1/auth/totp/enable", { code: totp(secret, Date.now()) }), "enable");
    // A code is never accepted twice, nor an older one: the next one is the following step's (within the window).
    return { ...u, session, nextCode: () => totp(secret, Date.now() + 30_000) };
  },
  /** An endpoint (for events nobody emits yet, at a closed port); an org may have only 20, so old ones go. */
  async webhook(p: Place) {
    const made = webhooksMade.get(p.admin) ?? [];
    webhooksMade.set(p.admin, made);
    while (made.length >= 10) await p.admin.request("DELETE", `/api/v1/webhooks/${made.shift()}`);
    const body = { url: "http://127.0.0.1:9/matrix-hook", events: ["lead.created"], description: "matrix" };
    const id = (await ok<Row>(p.admin.request("POST", "/api/v1/webhooks", body), "webhook endpoint")).id;
    made.push(id);
    return id;
  },
  async delivery(p: Place) {
    const endpoint = await fresh.webhook(p);
    return (await ok<Row>(p.admin.request("POST", `/api/v1/webhooks/${endpoint}/test`), "test delivery")).id;
  },
  /** A visit the place's rep checked in to at the place's outlet. */
  async visit(p: Place) {
    const check = fieldCommand("visit.check_in", { visitId: newId(), outletId: p.outletId, gps: null });
    const [result] = await applyCommands(await fieldUserOf(p), [check]);
    return String(must(result, "a check-in").data.visitId);
  },
  /**
   * An outlet the place's rep proposed on its route, with a photo; when asked, approved to be served by the
   * place's distributor (so that its user sees the outlet too). Where that distributor does not cover the route
   * (the sibling's), the proposal stays pending: territory scopes see it by its route all the same.
   */
  async proposal(p: Place, approve = false) {
    const propose = fieldCommand("outlet.propose", outletProposal(p.routeId));
    const [result] = await applyCommands(await fieldUserOf(p), [propose]);
    const made = must(result, "a proposal").data as { outletId: string; photoIds: string[] };
    if (approve) {
      const decision = { decision: "approve", distributorId: p.distributorId };
      const res = await p.admin.request("POST", `/api/v1/field/onboarding/${made.outletId}/decision`, decision);
      if (res.statusCode !== 200 && errorCode(res) !== "network.distributor_not_serving_route")
        throw new Error(`setup: approval answered ${res.statusCode}: ${res.body}`);
    }
    return made;
  },
  async notification(orgId: string, userId: string) {
    const [id] = await withTransaction(db, (tx) =>
      notify(tx, orgId, { userIds: [userId], kind: "matrix", title: { en: "Matrix", bn: "ম্যাট্রিক্স" } }),
    );
    return must(id, "notification");
  },
};

// Records to read in every place: a delivered order (with dues, partly paid) and a draft primary order.
for (const p of [own, nextDoor, sibling, far, inOrgB]) {
  p.orderId = await fresh.delivered(p);
  await ok(
    p.admin.request("POST", "/api/v1/payments", { outletId: p.outletId, method: "cash", amountPoisha: 100 }),
    "a payment",
  );
  p.primaryOrderId = await fresh.primary(p);
}
// Everyone has a notification and org A an API token, so that those lists are not empty by accident.
for (const role of ROLES) await fresh.notification(t.orgA.orgId, userIdOf(role));
await fresh.token(own);
await ok(
  adminA.request("POST", "/api/v1/webhooks", { url: "http://127.0.0.1:9/kept", events: ["ticket.closed"] }),
  "a webhook endpoint",
);

// Each place's rep walks its route from today (unless the demo made them its rep already), so that a rep works
// and proposes outlets on their own beats. Then field work at every place, so that the live view and the
// onboarding queue have something to leave out: a visit, and an outlet proposed and waiting.
const walkerOf = async (p: Place) =>
  (
    await sql<{ rep_user_id: string }>`select rep_user_id from route_assignments
      where org_id = ${p.orgId} and route_id = ${p.routeId} and effective_from <= ${today}
      order by effective_from desc limit 1`.execute(db)
  ).rows[0]?.rep_user_id;
for (const p of [own, sibling, far, inOrgB]) {
  if ((await walkerOf(p)) !== p.userId)
    await ok(
      p.admin.request("POST", `/api/v1/routes/${p.routeId}/assign-rep`, { repUserId: p.userId, effectiveFrom: today }),
      "a rep on the route",
    );
  await fresh.visit(p);
  await fresh.proposal(p);
}

// Analytics reads the sales rollups, which a worker in every app process keeps; the test app runs no jobs, so the
// changes the orders above queued are applied here, as the worker would. Every place has sales today.
for (let applied = 1; applied > 0; ) applied = await applyPendingSalesChanges(db);
// The early warnings are found once a day; here, now, for both orgs, as an admin may ask.
for (const admin of [adminA, adminB]) await ok(admin.request("POST", "/api/v1/analytics/warnings/refresh"), "warnings");
// A shelf check at every place (one SKU, out of stock), so that availability has something to leave out.
for (const p of [own, sibling, far, inOrgB]) {
  const visitId = await fresh.visit(p);
  const lines = [{ skuId: p.skuId, qty: 0 }];
  const audit = fieldCommand("stock_audit.record", { auditId: newId(), visitId, outletId: p.outletId, lines });
  const [result] = await applyCommands(await fieldUserOf(p), [audit]);
  if (result?.status !== "applied") throw new Error(`setup: a stock audit was ${JSON.stringify(result)}`);
}

const planted: { orgId: string; id: string }[] = [];
/**
 * An early warning at every place (its outlet stopped ordering), as the daily run would find one from months of
 * history that the matrix does not have; this is about who reads them, not how they are found. The admin's refresh
 * replaces an org's warnings, so each case that reads them plants them afresh.
 */
async function plantWarnings() {
  for (const w of planted.splice(0))
    await sql`delete from sales_warnings where org_id = ${w.orgId} and id = ${w.id}`.execute(db);
  for (const p of [own, sibling, far, inOrgB]) {
    const id = newId();
    const detail = { lastOrderOn: addDays(today, -30), daysSince: 30, usualIntervalDays: 7, overdueDays: 16 };
    await sql`insert into sales_warnings
        (org_id, id, kind, subject_id, territory_path, distributor_id, severity, detail, detected_on)
      values (${p.orgId}, ${id}, 'outlet_stopped', ${p.outletId}, ${await path(p.orgId, p.routeId)},
        ${p.distributorId}, 16, ${JSON.stringify(detail)}::jsonb, ${today})`.execute(db);
    planted.push({ orgId: p.orgId, id });
  }
}
await plantWarnings();

/** The roles that read analytics and may schedule reports (platform/access.ts: analytics.read). */
const ANALYTICS_ROLES: readonly Role[] = ["admin", "manager", "distributor", "marketing"];
const schedulesMade = new Map<Caller, string[]>();
/**
 * A scheduled report of the owner's (the sales table, weekly). An owner may have only 20, so the oldest of those made
 * here go first.
 */
async function freshSchedule(owner: Caller): Promise<string> {
  const made = schedulesMade.get(owner) ?? [];
  schedulesMade.set(owner, made);
  while (made.length >= 12) await owner.request("DELETE", `/api/v1/analytics/report-schedules/${made.shift()}`);
  const body = { report: "sales", filters: { by: "territory" }, frequency: "weekly", weekday: 0, sendAt: "07:00" };
  const id = (await ok<Row>(owner.request("POST", "/api/v1/analytics/report-schedules", body), "a schedule")).id;
  made.push(id);
  return id;
}
/**
 * A schedule to name at a place: at the caller's own place, the caller's (the admin's case names the manager's, since
 * an admin reaches the org's; a caller who may not schedule names the admin's); elsewhere in org A, the admin's (to
 * anyone else, another person's); in org B, its admin's.
 */
async function scheduleAt(who: Who, p: Place): Promise<string> {
  if (p === inOrgB) return freshSchedule(adminB);
  if (p !== own) return freshSchedule(adminA);
  if (who === "admin") return freshSchedule(callers.manager);
  return freshSchedule(who !== "anonymous" && ANALYTICS_ROLES.includes(who) ? callers[who] : adminA);
}
// Everyone who may schedule reports has one, so that no list of them is empty by accident.
for (const role of ANALYTICS_ROLES) await freshSchedule(callers[role]);
await freshSchedule(adminB);

// ---------------------------------------------------------------- replenishment: forecasts, alerts, proposals

/**
 * A forecast reads history up to yesterday, and the matrix's sales are all today's: so the forecasts here are made as
 * of tomorrow, with today's sales as their history, for both orgs. The admin's own run (as of today) leaves the
 * matrix's distributors without forecasts, so each case that reads them makes them again when they are gone.
 */
async function forecastAhead() {
  const made = await sql`select 1 from demand_forecasts
    where org_id = ${t.orgA.orgId} and distributor_id = ${own.distributorId} limit 1`.execute(db);
  if (made.rows.length > 0) return;
  for (const orgId of [t.orgA.orgId, t.orgB.orgId]) await runForecasts(db, orgId, { today: tomorrow });
}
await forecastAhead();
// Alerts as the daily run finds them: every matrix distributor holds far more stock than it sells (over-stock).
for (const orgId of [t.orgA.orgId, t.orgB.orgId]) await refreshAlerts(db, orgId);

/**
 * An open proposal of the place's distributor (one case of its SKU), as the morning job would make one; the matrix has
 * no history to propose from. It replaces the distributor's open one, as a newer proposal does.
 */
async function freshReplenishmentProposal(p: Place): Promise<string> {
  const unit = await one(sql<{ unit: string; factor: number }>`select unit, factor from sku_units
    where org_id = ${p.orgId} and sku_id = ${p.skuId} order by factor desc, unit limit 1`);
  const id = newId();
  await withTransaction(db, async (tx) => {
    const open = await replenishmentRepo.findOpenProposal(tx, p.orgId, p.distributorId, true);
    if (open) await replenishmentRepo.updateProposal(tx, p.orgId, open.id, { status: "superseded" });
    await replenishmentRepo.insertProposal(
      tx,
      {
        org_id: p.orgId,
        id,
        distributor_id: p.distributorId,
        proposed_on: today,
        status: "open",
        line_count: 1,
        total_poisha: unit.factor * 700,
      },
      [
        {
          sku_id: p.skuId,
          qty: unit.factor,
          unit: unit.unit,
          unit_factor: unit.factor,
          unit_price_poisha: 700,
          on_hand: 0,
          reserved: 0,
          on_order: 0,
          avg_daily: 1,
          safety_stock: 0,
          reorder_point: 3,
          order_up_to: unit.factor,
          days_of_cover: 0,
          lead_time_days: 3,
        },
      ],
    );
  });
  return id;
}
// Every distributor of the places has a proposal, so that no list of them is empty by accident.
for (const p of [own, far, inOrgB]) await freshReplenishmentProposal(p);
// Every place has this month's targets, for every kind of subject: each reader's list has some to show and some to leave out.
await plantTargets();
await plantLeads();
await plantServiceDesk();

// ---------------------------------------------------------------- scheme claims

/**
 * A claim needs delivered memos with a claimable scheme. The matrix's own outlets keep their memos free of schemes:
 * each place gets an outlet of its own for claims, and each org one claimable scheme (a flat ৳1 off every memo)
 * targeting those outlets only.
 */
const claimOutlets = new Map<Place, string>();
for (const org of [
  { admin: adminA, places: [own, nextDoor, sibling, far] },
  { admin: adminB, places: [inOrgB] },
]) {
  for (const p of org.places) claimOutlets.set(p, await fresh.outlet(p));
  const scheme = await ok<Row>(
    org.admin.request("POST", "/api/v1/promotions/schemes", {
      code: "AM-CLAIM",
      name: "Matrix claimable",
      nameBn: "ম্যাট্রিক্স দাবিযোগ্য",
      validFrom: "2020-01-01",
      validTo: "2099-12-31",
      claimable: true,
      targeting: { outletIds: org.places.map((p) => must(claimOutlets.get(p), "a claim outlet")) },
      rule: {
        kind: "slab",
        skuIds: [],
        measure: "qty",
        mode: "once",
        slabs: [{ min: 1, benefit: { type: "flat", poisha: 100 } }],
      },
    }),
    "a claimable scheme",
  );
  await ok(
    org.admin.request("POST", `/api/v1/promotions/schemes/${scheme.id}/activate`),
    "activate the claimable scheme",
  );
}

/** A memo at the place's claim outlet, delivered: something its distributor can claim. */
async function freshClaimable(p: Place) {
  const outletId = must(claimOutlets.get(p), `a claim outlet at ${p.label}`);
  const body = { outletId, lines: line(p), confirm: true };
  const { id } = await ok<Row>(
    p.admin.request("POST", "/api/v1/secondary-orders", body),
    "a memo with a claimable scheme",
  );
  await ok(p.admin.request("POST", `/api/v1/secondary-orders/${id}/invoice`), "invoice");
  await ok(p.admin.request("POST", `/api/v1/secondary-orders/${id}/dispatch`), "dispatch");
  await ok(p.admin.request("POST", `/api/v1/secondary-orders/${id}/deliver`, {}), "deliver");
}

/** A claim of the place's distributor, in the state a case needs (built, submitted and approved by its admin). */
async function freshClaim(p: Place, state: "draft" | "submitted" | "approved" = "draft"): Promise<string> {
  await freshClaimable(p);
  const body = { distributorId: p.distributorId, period: { from: today, to: today } };
  const { id } = await ok<Row>(p.admin.request("POST", "/api/v1/claims", body), "a claim");
  if (state !== "draft") await ok(p.admin.request("POST", `/api/v1/claims/${id}/submit`, {}), "submit the claim");
  if (state === "approved") await ok(p.admin.request("POST", `/api/v1/claims/${id}/approve`, {}), "approve the claim");
  return id;
}
// Every distributor of the places has a claim and something claimable, so that no list of them is empty by accident.
for (const p of [own, sibling, far, inOrgB]) await freshClaim(p);
const ownClaimId = await freshClaim(own);
for (const p of [own, sibling, far, inOrgB]) await freshClaimable(p);

// ---------------------------------------------------------------- promotions: schemes at a place, campaigns

/**
 * A scheme for a place (its territory and distributor) that no order reaches (ten million of a SKU never stocked),
 * so it changes no other case's prices.
 */
async function schemeAt(p: Place, status: "draft" | "active" = "active"): Promise<string> {
  const body = {
    code: uniq("AM-SCH"),
    name: "Matrix scheme",
    nameBn: "ম্যাট্রিক্স স্কিম",
    validFrom: today,
    validTo: tomorrow,
    targeting: { territoryIds: [p.territoryId], distributorIds: [p.distributorId] },
    rule: {
      kind: "slab",
      skuIds: [p.spareSkuId],
      measure: "qty",
      mode: "once",
      slabs: [{ min: 10_000_000, benefit: { type: "percent", bp: 100 } }],
    },
  };
  const { id } = await ok<Row>(p.admin.request("POST", "/api/v1/promotions/schemes", body), "a scheme");
  if (status === "active")
    await ok(p.admin.request("POST", `/api/v1/promotions/schemes/${id}/activate`), "activate the scheme");
  return id;
}
const campaignBody = () => ({
  name: uniq("Matrix campaign"),
  nameBn: "ম্যাট্রিক্স ক্যাম্পেইন",
  objective: "volume",
  validFrom: today,
  validTo: tomorrow,
});
const campaignAt = async (p: Place) =>
  (await ok<Row>(p.admin.request("POST", "/api/v1/promotions/campaigns", campaignBody()), "a campaign")).id;
const schemeOf = new Map<Place, string>();
const campaignOf = new Map<Place, string>();
for (const p of [own, sibling, far, inOrgB]) {
  schemeOf.set(p, await schemeAt(p));
  campaignOf.set(p, await campaignAt(p));
}

// ---------------------------------------------------------------- delivery: vehicles, drivers, trips

const driversMade = new Map<string, string>();
/** Who drives a place's trips: DB-1's the demo driver (so the driver's own cases are theirs), elsewhere one made there. */
async function driverAt(p: Place): Promise<string> {
  if (p.distributorId === fA.distributorId) return userIdOf("driver");
  const known = driversMade.get(p.distributorId);
  if (known) return known;
  const made = (await fresh.user(p, "driver")).id;
  driversMade.set(p.distributorId, made);
  return made;
}

const vehiclesMade = new Map<string, string>();
/** A vehicle of the place's distributor: a new one, or (`shared`) the one its trips use. */
async function vehicleAt(p: Place, shared = true): Promise<string> {
  const known = shared ? vehiclesMade.get(p.distributorId) : undefined;
  if (known) return known;
  const body = { distributorId: p.distributorId, regNo: uniq("AM VAN"), name: "Matrix van", capacityG: 50_000_000 };
  const made = (await ok<Row>(p.admin.request("POST", "/api/v1/delivery/vehicles", body), "a vehicle")).id;
  if (shared) vehiclesMade.set(p.distributorId, made);
  return made;
}

/** A trip of the place's distributor for today with `orders` invoiced orders on it, dispatched on request. */
async function tripAt(p: Place, orders = 0, dispatch = false): Promise<{ id: string; dropIds: string[] }> {
  const body = { vehicleId: await vehicleAt(p), driverUserId: await driverAt(p), tripDate: today };
  const trip = await ok<Row>(p.admin.request("POST", "/api/v1/delivery/trips", body), "a trip");
  let drops: Row[] = [];
  if (orders > 0) {
    const orderIds: string[] = [];
    for (let i = 0; i < orders; i++) orderIds.push(await fresh.invoiced(p));
    const planned = await ok<{ drops: Row[] }>(
      p.admin.request("POST", `/api/v1/delivery/trips/${trip.id}/drops`, { orderIds }),
      "orders on the trip",
    );
    drops = planned.drops;
  }
  if (dispatch) await ok(p.admin.request("POST", `/api/v1/delivery/trips/${trip.id}/dispatch`), "dispatch the trip");
  return { id: trip.id, dropIds: drops.map((d) => d.id) };
}

const SIGNATURE =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
const deliveredBody = { receiverName: "Matrix Receiver", pod: { kind: "signature", image: SIGNATURE } };

/**
 * Records to read at every place: a dispatched trip of two stops (the first delivered with a proof, the second still
 * pending) and an invoiced order on no trip.
 */
const readTrips = new Map<Place, { id: string; podDropId: string }>();
for (const p of [own, far, inOrgB]) {
  const trip = await tripAt(p, 2, true);
  const podDropId = must(trip.dropIds[0], "a stop");
  await ok(p.admin.request("POST", `/api/v1/delivery/drops/${podDropId}/deliver`, deliveredBody), "a delivery");
  readTrips.set(p, { id: trip.id, podDropId });
  await fresh.invoiced(p);
}
for (const p of [nextDoor, sibling]) readTrips.set(p, must(readTrips.get(p === nextDoor ? own : far), "a trip"));
const readTrip = (p: Place) => must(readTrips.get(p), `the trip to read at ${p.label}`);

// ---------------------------------------------------------------- the oracle: what each role may see

type Scope =
  | { kind: "org" }
  | { kind: "territory"; path: string }
  | { kind: "distributor"; id: string }
  | { kind: "outlet"; id: string };

const SCOPES: Record<Role, Scope> = {
  admin: { kind: "org" },
  manager: { kind: "territory", path: managerPath },
  rep: { kind: "territory", path: repPath },
  distributor: { kind: "distributor", id: fA.distributorId },
  retailer: { kind: "outlet", id: fA.outletId },
  marketing: { kind: "org" },
  service: { kind: "org" },
  // A driver works for DB-1 (the fixture links the demo driver), and within it only the trips given to them.
  driver: { kind: "distributor", id: fA.distributorId },
};

type OrgTable =
  | "brands"
  | "categories"
  | "skus"
  | "price_lists"
  | "audit_log"
  | "api_tokens"
  | "webhook_endpoints"
  | "webhook_deliveries"
  | "demand_events"
  | "kb_articles";
type OracleKind =
  | "outlet"
  | "distributor"
  | "secondaryOrder"
  | "primaryOrder"
  | "payment"
  | "user"
  | "territory"
  | "dues"
  | "notification"
  | "priceList"
  | "visit"
  | "fieldRep"
  | "beatOutlet"
  /** Analytics rows, tagged with what they are: "outlet:<id>", "distributor:<id>", "territory:<id>", "rep:<id>", ... */
  | "analytics"
  | "reportSchedule"
  | "vehicle"
  | "driver"
  | "trip"
  | "incentiveStatement"
  | "claim"
  | "target"
  | "scheme"
  /** CRM accounts and contacts: the CRM rule (org-wide; a territory scope its subtree and what the caller owns). */
  | "crmAccount"
  | "crmContact"
  /** Deals and activities: the same CRM rule on their own territory and owner. */
  | "deal"
  | "activity"
  | "lead"
  | "ticket"
  | "loyaltyMember"
  | "loyaltyRedemption"
  | OrgTable;

/** The ids (in org A) that a role may see among records of a kind, by the scope rules written out in SQL. */
async function visibleIds(kind: OracleKind, who: Role): Promise<Set<string>> {
  const org = t.orgA.orgId;
  const s = SCOPES[who];
  const under = (col: string) => (s.kind === "territory" ? sql`${sql.ref(col)} like ${`${s.path}%`}` : sql`false`);
  const byScope = (c: { territory: RawBuilder<unknown>; distributor?: string; outlet?: string }) => {
    if (s.kind === "org") return sql`true`;
    if (s.kind === "territory") return c.territory;
    if (s.kind === "distributor" && c.distributor) return sql`${sql.ref(c.distributor)} = ${s.id}`;
    if (s.kind === "outlet" && c.outlet) return sql`${sql.ref(c.outlet)} = ${s.id}`;
    return sql`false`;
  };
  const distributorsSeen = sql`select d.id from distributors d
    join territories h on h.org_id = d.org_id and h.id = d.territory_id
    where d.org_id = ${org} and ${byScope({
      territory: sql`(${under("h.path")} or exists (select 1 from distributor_territories dt
        join territories c on c.org_id = dt.org_id and c.id = dt.territory_id
        where dt.org_id = d.org_id and dt.distributor_id = d.id and ${under("c.path")}))`,
      distributor: "d.id",
    })}`;
  let q: RawBuilder<{ id: string }>;
  switch (kind) {
    case "outlet":
      q = sql`select o.id from outlets o left join territories r on r.org_id = o.org_id and r.id = o.route_id
        where o.org_id = ${org} and ${byScope({ territory: under("r.path"), distributor: "o.distributor_id", outlet: "o.id" })}`;
      break;
    case "distributor":
      q = distributorsSeen as RawBuilder<{ id: string }>;
      break;
    case "secondaryOrder":
      q = sql`select so.id from secondary_orders so where so.org_id = ${org} and ${byScope({
        territory: under("so.territory_path"),
        distributor: "so.distributor_id",
        outlet: "so.outlet_id",
      })}`;
      break;
    case "primaryOrder":
      q = sql`select po.id from primary_orders po where po.org_id = ${org} and po.distributor_id in (${distributorsSeen})`;
      break;
    case "payment":
      q = sql`select p.id from payments p join outlets o on o.org_id = p.org_id and o.id = p.outlet_id
        left join territories r on r.org_id = o.org_id and r.id = o.route_id
        where p.org_id = ${org} and ${byScope({ territory: under("r.path"), distributor: "p.distributor_id", outlet: "p.outlet_id" })}`;
      break;
    case "user":
      q = sql`select u.id from users u left join territories r on r.org_id = u.org_id and r.id = u.territory_id
        where u.org_id = ${org} and ${byScope({ territory: under("r.path") })}`;
      break;
    case "territory":
      q = sql`select r.id from territories r where r.org_id = ${org} and ${byScope({ territory: under("r.path") })}`;
      break;
    case "dues":
      q = sql`select distinct e.outlet_id || ':' || e.distributor_id as id from receivable_entries e
        join outlets o on o.org_id = e.org_id and o.id = e.outlet_id
        left join territories r on r.org_id = o.org_id and r.id = o.route_id
        where e.org_id = ${org} and ${byScope({ territory: under("r.path"), distributor: "e.distributor_id", outlet: "e.outlet_id" })}`;
      break;
    case "priceList":
      q = sql`select id from price_lists where org_id = ${org} and ${
        s.kind === "distributor" ? sql`(distributor_id is null or distributor_id = ${s.id})` : sql`true`
      }`;
      break;
    case "notification":
      q = sql`select id from notifications where org_id = ${org} and user_id = ${userIdOf(who)}`;
      break;
    case "visit":
      q = sql`select id from visits v where org_id = ${org} and ${byScope({ territory: under("v.territory_path") })}`;
      break;
    case "fieldRep":
      // Reps based in the scope, and those who worked in it: visited, sold, or walk a route there.
      q = sql`select u.id from users u left join territories h on h.org_id = u.org_id and h.id = u.territory_id
        where u.org_id = ${org} and ${byScope({
          territory: sql`(${under("h.path")}
            or exists (select 1 from visits v where v.org_id = u.org_id and v.user_id = u.id and ${under("v.territory_path")})
            or exists (select 1 from secondary_orders so
              where so.org_id = u.org_id and so.rep_user_id = u.id and ${under("so.territory_path")})
            or exists (select 1 from route_assignments a join territories r on r.org_id = a.org_id and r.id = a.route_id
              where a.org_id = u.org_id and a.rep_user_id = u.id and ${under("r.path")}))`,
        })}`;
      break;
    case "beatOutlet":
      // The outlets of the routes the caller walks today (the route's latest assignment is theirs), in scope.
      q = sql`select o.id from outlets o join territories r on r.org_id = o.org_id and r.id = o.route_id
        where o.org_id = ${org} and ${byScope({ territory: under("r.path") })}
          and (select a.rep_user_id from route_assignments a
            where a.org_id = o.org_id and a.route_id = o.route_id and a.effective_from <= ${today}
            order by a.effective_from desc limit 1) = ${userIdOf(who)}`;
      break;
    case "analytics":
      q = analyticsVisible(who, byScope, under, distributorsSeen);
      break;
    case "reportSchedule":
      // A person's own schedules; the admin's, the org's.
      q = sql`select id from report_schedules where org_id = ${org} and ${
        who === "admin" ? sql`true` : sql`user_id = ${userIdOf(who)}`
      }`;
      break;
    case "vehicle":
      q = sql`select id from vehicles where org_id = ${org} and distributor_id in (${distributorsSeen})`;
      break;
    case "driver":
      q = sql`select id from users where org_id = ${org} and role = 'driver'
        and deactivated_at is null and distributor_id in (${distributorsSeen})`;
      break;
    case "claim":
      q = sql`select id from scheme_claims where org_id = ${org} and distributor_id in (${distributorsSeen})`;
      break;
    case "incentiveStatement":
      // A statement is its person's: a rep's own, a distributor's own, a manager's team by the person's territory.
      q = sql`select id from incentive_statements where org_id = ${org} and ${
        who === "rep"
          ? sql`person_kind = 'rep' and person_id = ${userIdOf(who)}`
          : s.kind === "distributor"
            ? sql`person_kind = 'distributor' and person_id = ${s.id}`
            : byScope({ territory: under("territory_path") })
      }`;
      break;
    case "trip":
      // Trips of the distributors seen; a driver's, only those given to them.
      q = sql`select id from delivery_trips where org_id = ${org} and distributor_id in (${distributorsSeen}) and ${
        who === "driver" ? sql`driver_user_id = ${userIdOf(who)}` : sql`true`
      }`;
      break;
    case "scheme": {
      // Head office all; a territory scope the schemes naming no territory or one on its path (a rep: active ones);
      // a distributor the non-draft schemes naming it, or naming no distributor and a territory on its base's path.
      const paths = sql`coalesce(s.targeting->'territoryPaths', '[]'::jsonb)`;
      const meets = (path: RawBuilder<unknown>) => sql`(jsonb_array_length(${paths}) = 0 or exists (
        select 1 from jsonb_array_elements_text(${paths}) p(v) where p.v like ${path} || '%' or ${path} like p.v || '%'))`;
      const ids = sql`coalesce(s.targeting->'distributorIds', '[]'::jsonb)`;
      q =
        s.kind === "org"
          ? sql`select s.id from promo_schemes s where s.org_id = ${org} and s.archived_at is null`
          : s.kind === "territory"
            ? sql`select s.id from promo_schemes s where s.org_id = ${org} and s.archived_at is null
                and ${meets(sql`${s.path}`)} and ${who === "rep" ? sql`s.status = 'active'` : sql`true`}`
            : s.kind === "distributor"
              ? sql`select s.id from promo_schemes s
                  join distributors d on d.org_id = s.org_id and d.id = ${s.id}
                  join territories h on h.org_id = d.org_id and h.id = d.territory_id
                  where s.org_id = ${org} and s.archived_at is null and s.status <> 'draft'
                    and (case when jsonb_array_length(${ids}) > 0 then ${ids} @> to_jsonb(${s.id}::text)
                         else ${meets(sql`h.path`)} end)`
              : sql`select s.id from promo_schemes s where false`;
      break;
    }
    case "target":
      // A rep's own targets only; otherwise by where the subject sits (a rep's territory, a distributor's base, an
      // outlet's route), and for a distributor its own and its outlets'.
      q =
        who === "rep"
          ? sql`select id from targets where org_id = ${org} and subject_kind = 'rep' and subject_id = ${userIdOf("rep")}`
          : sql`select p.id from (
              select t.id, coalesce(ut.path, dt.path, tr.path, ot.path) as path, coalesce(d.id, o.distributor_id) as distributor_id
              from targets t
              left join users u on t.subject_kind = 'rep' and u.org_id = t.org_id and u.id = t.subject_id
              left join territories ut on ut.org_id = u.org_id and ut.id = u.territory_id
              left join distributors d on t.subject_kind = 'distributor' and d.org_id = t.org_id and d.id = t.subject_id
              left join territories dt on dt.org_id = d.org_id and dt.id = d.territory_id
              left join territories tr on t.subject_kind = 'territory' and tr.org_id = t.org_id and tr.id = t.subject_id
              left join outlets o on t.subject_kind = 'outlet' and o.org_id = t.org_id and o.id = t.subject_id
              left join territories ot on ot.org_id = o.org_id and ot.id = o.route_id
              where t.org_id = ${org}) p
            where ${byScope({ territory: under("p.path"), distributor: "p.distributor_id" })}`;
      break;
    case "ticket":
      // The CRM rule: org-wide all; a territory scope the tickets of its subtree and those given to the caller.
      q = sql`select k.id from tickets k left join territories r on r.org_id = k.org_id and r.id = k.territory_id
        where k.org_id = ${org} and ${byScope({ territory: sql`(${under("r.path")} or k.owner_user_id = ${userIdOf(who)})` })}`;
      break;
    case "lead":
      // The CRM rule: org-wide roles all; a manager or rep their territory subtree, or what they own.
      q =
        s.kind === "org"
          ? sql`select id from leads where org_id = ${org}`
          : s.kind === "territory"
            ? sql`select l.id from leads l left join territories h on h.org_id = l.org_id and h.id = l.territory_id
                where l.org_id = ${org} and (${under("h.path")} or l.owner_user_id = ${userIdOf(who)})`
            : sql`select id from leads where false`;
      break;
    case "deal":
    case "activity": {
      const table = sql.table(kind === "deal" ? "deals" : "activities");
      q = sql`select x.id from ${table} x left join territories r on r.org_id = x.org_id and r.id = x.territory_id
        where x.org_id = ${org} and ${
          s.kind === "org"
            ? sql`true`
            : s.kind === "territory"
              ? sql`(${under("r.path")} or x.owner_user_id = ${userIdOf(who)})`
              : sql`x.owner_user_id = ${userIdOf(who)}`
        }`;
      break;
    }
    case "crmAccount":
    case "crmContact": {
      const table = sql.table(kind === "crmAccount" ? "accounts" : "contacts");
      q = sql`select x.id from ${table} x left join territories r on r.org_id = x.org_id and r.id = x.territory_id
        where x.org_id = ${org} and ${
          s.kind === "org"
            ? sql`true`
            : s.kind === "territory"
              ? sql`(${under("r.path")} or x.owner_user_id = ${userIdOf(who)})`
              : sql`x.owner_user_id = ${userIdOf(who)}`
        }`;
      break;
    }
    case "loyaltyMember":
    case "loyaltyRedemption": {
      // The CRM rule on the member's account (territory subtree or owner); a retailer its own outlet's membership.
      const members = sql`select m.id from loyalty_members m join accounts a on a.org_id = m.org_id and a.id = m.account_id
        left join territories r on r.org_id = a.org_id and r.id = a.territory_id
        where m.org_id = ${org} and ${byScope({
          territory: sql`(${under("r.path")} or a.owner_user_id = ${userIdOf(who)})`,
          outlet: "m.outlet_id",
        })}`;
      q = (
        kind === "loyaltyMember"
          ? members
          : sql`select d.id from loyalty_redemptions d where d.org_id = ${org} and d.member_id in (${members})`
      ) as RawBuilder<{ id: string }>;
      break;
    }
    default:
      q = sql`select id from ${sql.table(kind)} where org_id = ${org}`;
  }
  return new Set((await q.execute(db)).rows.map((r) => r.id));
}

/**
 * What an analytics answer may name for a role, tagged by kind. Sales belong where the memo was booked (its copied
 * territory path and distributor), so outlets, distributors and territories are those of the memos in scope (and,
 * for territories, the tree inside a territory scope). A distributor sees the territories on the paths of its own
 * memos and outlets, and the reps who worked its outlets or took its memos; a territory scope, the reps of the field
 * oracle. The catalogue is the org's. Warnings belong to their territory path and distributor.
 */
function analyticsVisible(
  who: Role,
  byScope: (c: { territory: RawBuilder<unknown>; distributor?: string; outlet?: string }) => RawBuilder<unknown>,
  under: (col: string) => RawBuilder<unknown>,
  distributorsSeen: RawBuilder<unknown>,
): RawBuilder<{ id: string }> {
  const org = t.orgA.orgId;
  const s = SCOPES[who];
  const memos = sql`select so.outlet_id, so.distributor_id, so.territory_path, so.rep_user_id
    from secondary_orders so
    where so.org_id = ${org} and ${byScope({ territory: under("so.territory_path"), distributor: "so.distributor_id" })}`;
  const ownId = s.kind === "distributor" ? s.id : null;
  const territories =
    s.kind === "distributor"
      ? sql`exists (select 1 from memos m where m.territory_path like t.path || '%')
          or exists (select 1 from outlets o join territories r on r.org_id = o.org_id and r.id = o.route_id
            where o.org_id = t.org_id and o.distributor_id = ${ownId} and r.path like t.path || '%')`
      : byScope({ territory: under("t.path") });
  const reps =
    s.kind === "distributor"
      ? sql`exists (select 1 from memos m where m.rep_user_id = u.id)
          or exists (select 1 from visits v join outlets o on o.org_id = v.org_id and o.id = v.outlet_id
            where v.org_id = u.org_id and v.user_id = u.id and o.distributor_id = ${ownId})
          or exists (select 1 from route_assignments a join outlets o on o.org_id = a.org_id and o.route_id = a.route_id
            where a.org_id = u.org_id and a.rep_user_id = u.id and o.distributor_id = ${ownId})`
      : byScope({
          territory: sql`(${under("h.path")}
            or exists (select 1 from visits v where v.org_id = u.org_id and v.user_id = u.id and ${under("v.territory_path")})
            or exists (select 1 from secondary_orders so
              where so.org_id = u.org_id and so.rep_user_id = u.id and ${under("so.territory_path")})
            or exists (select 1 from route_assignments a join territories r on r.org_id = a.org_id and r.id = a.route_id
              where a.org_id = u.org_id and a.rep_user_id = u.id and ${under("r.path")}))`,
        });
  return sql<{ id: string }>`with memos as (${memos})
    select 'outlet:' || outlet_id as id from memos
    union select 'outlet:' || o.id from outlets o left join territories r on r.org_id = o.org_id and r.id = o.route_id
      where o.org_id = ${org} and ${byScope({ territory: under("r.path"), distributor: "o.distributor_id" })}
    union select 'distributor:' || distributor_id from memos
    union select 'distributor:' || id from (${distributorsSeen}) seen
    union select 'territory:' || t.id from territories t where t.org_id = ${org} and (${territories})
    union select 'rep:' || u.id from users u left join territories h on h.org_id = u.org_id and h.id = u.territory_id
      where u.org_id = ${org} and (${reps})
    union select 'sku:' || id from skus where org_id = ${org}
    union select 'brand:' || id from brands where org_id = ${org}
    union select 'category:' || id from categories where org_id = ${org}
    union select 'warning:' || w.id from sales_warnings w
      where w.org_id = ${org} and ${byScope({ territory: under("w.territory_path"), distributor: "w.distributor_id" })}`;
}

// ---------------------------------------------------------------- how to call each operation

type Slot =
  | "path"
  | "outlet"
  | "distributor"
  | "route"
  | "territory"
  | "coverage"
  | "parent"
  | "sku"
  | "brand"
  | "user"
  | "order"
  | "rep"
  | "visit";
/** Slots naming records every role of the org may name (the catalogue, recipients): only org B's are out of reach. */
const ORG_WIDE_SLOTS: ReadonlySet<Slot> = new Set(["sku", "brand", "user"]);
type At = Record<Slot, Place>;

interface Req {
  method: Method;
  url: string;
  body?: unknown;
  /** Another session than the role's shared one (sign-out, password change). */
  as?: Caller;
  headers?: Record<string, string>;
}

type Refusal =
  | { status: number; code?: string }
  | "subset"
  | { bulkFailure: string }
  /** Field sync: answered 200, every command rejected with the code given for its kind, and nothing written. */
  | { rejected: Readonly<Record<string, string>> };

/**
 * A refusal that differs by role, where a slot bounds one role's scope and not another's: a territory bounds a
 * manager, while a distributor's own sales in another territory are simply none of them.
 */
type RoleRefusal = { byRole: Partial<Record<Role, Refusal>>; otherwise: Refusal };
const refusalFor = (r: Refusal | RoleRefusal | undefined, who: Role): Refusal | undefined =>
  r !== undefined && typeof r === "object" && "byRole" in r ? (r.byRole[who] ?? r.otherwise) : r;

interface ListOf {
  kind: OracleKind;
  ids?: (body: Json) => string[];
  /** Whether an empty list fails the case (it proves nothing): by default yes; no, or only for these roles. */
  nonEmpty?: false | readonly Role[];
}

interface Spec {
  /** The parts of the request that name records; each is tried with another place's record. */
  slots?: readonly Slot[];
  /** The slots name records by code (CSV imports): codes are per organisation, so org B's mean nothing here. */
  byCode?: true;
  /** `probed`: the slot a probe swapped, for requests that name records of that slot only (field commands). */
  request(who: Who, at: At, probed?: Slot): Promise<Req>;
  /** A list (or several in one answer): every id it answers must be one the caller may see. */
  list?: ListOf | readonly ListOf[];
  /** A CSV export: the same rows as its JSON twin, compared by one column. */
  csv?: { json: (url: string) => string; column: string; field: string; list: ListOf };
  /** What a refusal looks like, where it is not a plain 404 (or, for lists, leaving the record out). */
  refuse?: Partial<Record<Slot, { outside?: Refusal | RoleRefusal; otherOrg?: Refusal | RoleRefusal }>>;
  /** The list without the filter that points at a place: it too carries only what the caller may see. */
  unfiltered?: string;
  /** More to check on success. */
  check?(res: LightMyRequestResponse): void;
}

const get = (url: string): Req => ({ method: "GET", url });
const post = (url: string, body?: unknown): Req => ({ method: "POST", url, body });
const patch = (url: string, body: unknown): Req => ({ method: "PATCH", url, body });
const items = (b: Json) => (b.items as Row[]).map((i) => i.id);
const skuIds = (b: Json) => (b.items as { skuId: string }[]).map((i) => i.skuId);
const duesKeys = (b: Json) =>
  (b.items as { outletId: string; distributorId: string }[]).map((i) => `${i.outletId}:${i.distributorId}`);
const twin = (url: string) => `${url.replace(".csv", "")}${url.includes("?") ? "&" : "?"}limit=200`;
const emailOf = (who: Who) => `${who === "anonymous" ? "marketing" : who}@${ORG_A_DOMAIN}`;

const forbiddenScope = (code: string) => ({ status: 403, code });
const rejected = (codes: Record<string, string>): Refusal => ({ rejected: codes });
const anywhere = (refusal: Refusal) => ({ outside: refusal, otherOrg: refusal });
const notFound = (code: string) => ({ status: 404, code });
const badRef = (status: number, code: string) => ({ status, code });

const SPECS: Record<string, Spec> = {
  // --- auth: own account
  "POST /api/v1/auth/sign-in": {
    request: async (who) => post("/api/v1/auth/sign-in", { email: emailOf(who), password: PASSWORD }),
  },
  "POST /api/v1/auth/invites/accept": {
    request: async () => {
      const invited = await ok<{ inviteUrl: string }>(
        adminA.request("POST", "/api/v1/users", {
          email: `${uniq("am-invited")}@${ORG_A_DOMAIN}`,
          name: "Invited",
          role: "marketing",
        }),
        "an invitation",
      );
      return post("/api/v1/auth/invites/accept", {
        token: invited.inviteUrl.replace("/invite/", ""),
        password: NEW_PASSWORD,
      });
    },
  },
  "GET /api/v1/auth/session": { request: async () => get("/api/v1/auth/session") },
  "POST /api/v1/auth/sign-out": {
    request: async (who) => ({
      ...post("/api/v1/auth/sign-out"),
      as: who === "anonymous" ? anonymous : await signIn(t.app, emailOf(who)),
    }),
  },
  "PATCH /api/v1/auth/me": { request: async () => patch("/api/v1/auth/me", { bengaliDigits: false }) },
  "POST /api/v1/auth/password": {
    request: async (who) => {
      const body = { currentPassword: NEW_PASSWORD, newPassword: `${NEW_PASSWORD}-new` };
      if (who === "anonymous") return post("/api/v1/auth/password", body);
      const u = await fresh.user(own, who);
      return { ...post("/api/v1/auth/password", body), as: await signIn(t.app, u.email, NEW_PASSWORD) };
    },
  },

  "POST /api/v1/auth/sign-in/totp": {
    request: async () => {
      const u = await fresh.twoStepUser(own, "marketing", true);
      const first = await ok<{ challenge: string }>(
        anonymous.request("POST", "/api/v1/auth/sign-in", { email: u.email, password: NEW_PASSWORD }),
        "first step",
      );
      return post("/api/v1/auth/sign-in/totp", { challenge: first.challenge, code: u.nextCode() });
    },
  },
  "GET /api/v1/auth/totp": { request: async () => get("/api/v1/auth/totp") },
  "POST /api/v1/auth/totp/setup": {
    request: async (who) => ({
      ...post("/api/v1/auth/totp/setup"),
      ...(who !== "anonymous" && { as: await signIn(t.app, (await fresh.user(own, who)).email, NEW_PASSWORD) }),
    }),
  },
  "POST /api/v1/auth/totp/enable": {
    request: async (who) => {
      if (who === "anonymous") return post("/api/v1/auth/totp/enable", { code: "123456" });
      const u = await fresh.twoStepUser(own, who, false);
      return {
        ...post("/api/v1/auth/totp/enable", { code: totp(base32Decode(await secretOf(u.session)), Date.now()) }),
        as: u.session,
      };
    },
  },
  "POST /api/v1/auth/totp/disable": {
    request: async (who) => {
      if (who === "anonymous") return post("/api/v1/auth/totp/disable", { password: NEW_PASSWORD, code: "123456" });
      const u = await fresh.twoStepUser(own, who, true);
      return { ...post("/api/v1/auth/totp/disable", { password: NEW_PASSWORD, code: u.nextCode() }), as: u.session };
    },
  },
  "POST /api/v1/auth/totp/recovery-codes": {
    request: async (who) => {
      if (who === "anonymous") return post("/api/v1/auth/totp/recovery-codes", { code: "123456" });
      const u = await fresh.twoStepUser(own, who, true);
      return { ...post("/api/v1/auth/totp/recovery-codes", { code: u.nextCode() }), as: u.session };
    },
  },
  "GET /api/v1/orgs/current/mfa-policy": { request: async () => get("/api/v1/orgs/current/mfa-policy") },
  // Requiring no role changes nothing for the other cases; requiring one would lock the demo users out.
  "PUT /api/v1/orgs/current/mfa-policy": {
    request: async () => ({ method: "PUT", url: "/api/v1/orgs/current/mfa-policy", body: { roles: [] } }),
  },
  "POST /api/v1/users/{id}/totp/reset": {
    slots: ["path"],
    request: async (_, at) => post(`/api/v1/users/${(await fresh.twoStepUser(at.path, "rep", true)).id}/totp/reset`),
  },

  // --- users and API tokens
  "GET /api/v1/users": {
    unfiltered: "/api/v1/users?limit=200&status=all",
    slots: ["territory"],
    request: async (_, at) => get(`/api/v1/users?limit=200&territoryId=${at.territory.territoryId}`),
    list: { kind: "user" },
  },
  "POST /api/v1/users": {
    slots: ["territory", "distributor"],
    request: async (_, at) =>
      post("/api/v1/users", {
        email: `${uniq("am-new")}@${ORG_A_DOMAIN}`,
        name: "Matrix Distributor User",
        role: "distributor",
        territoryId: at.territory.territoryId,
        distributorId: at.distributor.distributorId,
        password: NEW_PASSWORD,
      }),
    refuse: {
      territory: {
        outside: forbiddenScope("user.territory_out_of_scope"),
        otherOrg: badRef(400, "user.territory_unknown"),
      },
      distributor: {
        outside: notFound("network.distributor_not_found"),
        otherOrg: notFound("network.distributor_not_found"),
      },
    },
  },
  "GET /api/v1/users/{id}": {
    slots: ["path"],
    request: async (_, at) => get(`/api/v1/users/${at.path.userId}`),
  },
  "PATCH /api/v1/users/{id}": {
    slots: ["path", "outlet"],
    request: async (_, at) => {
      const u = await fresh.user(at.path, "retailer", { outletId: at.path.outletId });
      return patch(`/api/v1/users/${u.id}`, { name: "Renamed Retailer", outletId: at.outlet.outletId });
    },
    refuse: {
      outlet: { outside: notFound("network.outlet_not_found"), otherOrg: notFound("network.outlet_not_found") },
    },
  },
  "POST /api/v1/users/{id}/deactivate": {
    slots: ["path"],
    request: async (_, at) => post(`/api/v1/users/${(await fresh.user(at.path, "rep")).id}/deactivate`),
  },
  "POST /api/v1/users/{id}/reactivate": {
    slots: ["path"],
    request: async (_, at) => {
      const u = await fresh.user(at.path, "rep");
      await ok(at.path.admin.request("POST", `/api/v1/users/${u.id}/deactivate`), "deactivate");
      return post(`/api/v1/users/${u.id}/reactivate`);
    },
  },
  "POST /api/v1/users/{id}/invite": {
    slots: ["path"],
    request: async (_, at) => post(`/api/v1/users/${(await fresh.user(at.path, "rep")).id}/invite`),
  },
  "GET /api/v1/api-tokens": { request: async () => get("/api/v1/api-tokens"), list: { kind: "api_tokens" } },
  "POST /api/v1/api-tokens": { request: async () => post("/api/v1/api-tokens", { name: uniq("matrix token") }) },
  "POST /api/v1/api-tokens/{id}/revoke": {
    slots: ["path"],
    request: async (_, at) => post(`/api/v1/api-tokens/${await fresh.token(at.path)}/revoke`),
  },

  // --- platform
  "GET /api/v1/territories": {
    unfiltered: "/api/v1/territories?level=route&limit=1000",
    slots: ["parent"],
    request: async (_, at) => get(`/api/v1/territories?parentId=${at.parent.territoryId}`),
    list: { kind: "territory" },
  },
  "GET /api/v1/territories/{id}": {
    slots: ["path"],
    request: async (_, at) => get(`/api/v1/territories/${at.path.territoryId}`),
  },
  "POST /api/v1/territories": {
    slots: ["parent"],
    request: async (_, at) =>
      post("/api/v1/territories", {
        parentId: at.parent.territoryId,
        level: "route",
        code: uniq("AM-NEW"),
        name: "New beat",
        nameBn: "নতুন বিট",
      }),
  },
  "PATCH /api/v1/territories/{id}": {
    slots: ["path"],
    request: async (_, at) => patch(`/api/v1/territories/${await fresh.route(at.path)}`, { name: "Renamed beat" }),
  },
  "POST /api/v1/territories/{id}/move": {
    slots: ["path", "parent"],
    request: async (_, at) =>
      post(`/api/v1/territories/${await fresh.route(at.path)}/move`, { parentId: at.parent.altTerritoryId }),
  },
  "POST /api/v1/territories/{id}/archive": {
    slots: ["path"],
    request: async (_, at) => post(`/api/v1/territories/${await fresh.route(at.path)}/archive`),
  },
  "POST /api/v1/territories/import": {
    slots: ["parent"],
    byCode: true,
    request: async (_, at) =>
      post("/api/v1/territories/import", {
        csv: `code,name,name_bn,level,parent_code\n${uniq("AM-IMP")},Imported beat,বিট,route,${at.parent.territoryCode}\n`,
      }),
    refuse: { parent: { outside: badRef(422, "network.import_invalid") } },
  },
  "GET /api/v1/audit": { request: async () => get("/api/v1/audit?limit=200"), list: { kind: "audit_log" } },
  "GET /api/v1/notifications": {
    request: async () => get("/api/v1/notifications?limit=200"),
    list: { kind: "notification" },
  },
  "GET /api/v1/notifications/unread-count": { request: async () => get("/api/v1/notifications/unread-count") },
  "POST /api/v1/notifications/{id}/read": {
    slots: ["path"],
    request: async (who, at) => {
      const userId = at.path === own && who !== "anonymous" ? userIdOf(who) : at.path.userId;
      return post(`/api/v1/notifications/${await fresh.notification(at.path.orgId, userId)}/read`);
    },
  },
  "POST /api/v1/notifications/read-all": { request: async () => post("/api/v1/notifications/read-all") },
  "POST /api/v1/notifications": {
    slots: ["user"],
    request: async (_, at) =>
      post("/api/v1/notifications", { userIds: [at.user.userId], titleEn: "Matrix", titleBn: "ম্যাট্রিক্স" }),
    refuse: { user: { otherOrg: badRef(400, "notification.unknown_recipients") } },
  },

  // --- distribution network
  "GET /api/v1/distributors": {
    unfiltered: "/api/v1/distributors?limit=200&status=all",
    slots: ["territory"],
    request: async (_, at) => get(`/api/v1/distributors?limit=200&territoryId=${at.territory.territoryId}`),
    list: { kind: "distributor" },
  },
  "GET /api/v1/distributors.csv": {
    unfiltered: "/api/v1/distributors.csv?status=all",
    slots: ["territory"],
    request: async (_, at) => get(`/api/v1/distributors.csv?territoryId=${at.territory.territoryId}`),
    csv: { json: twin, column: "code", field: "code", list: { kind: "distributor" } },
  },
  "GET /api/v1/distributors/{id}": {
    slots: ["path"],
    request: async (_, at) => get(`/api/v1/distributors/${at.path.distributorId}`),
  },
  "POST /api/v1/distributors": {
    slots: ["territory", "coverage"],
    request: async (_, at) =>
      post("/api/v1/distributors", {
        code: uniq("AM-NDB"),
        name: "New Traders",
        nameBn: "নতুন ট্রেডার্স",
        ownerName: "Karim",
        phone: "01711000000",
        address: "Tongi",
        territoryId: at.territory.territoryId,
        coverageTerritoryIds: [at.coverage.territoryId],
      }),
    refuse: {
      territory: {
        outside: forbiddenScope("network.territory_out_of_scope"),
        otherOrg: notFound("network.territory_not_found"),
      },
      coverage: {
        outside: forbiddenScope("network.territory_out_of_scope"),
        otherOrg: notFound("network.territory_not_found"),
      },
    },
  },
  "PATCH /api/v1/distributors/{id}": {
    slots: ["path", "territory"],
    request: async (_, at) =>
      patch(`/api/v1/distributors/${await fresh.distributor(at.path)}`, {
        name: "Renamed Traders",
        territoryId: at.territory.territoryId,
      }),
    refuse: {
      territory: {
        outside: forbiddenScope("network.territory_out_of_scope"),
        otherOrg: notFound("network.territory_not_found"),
      },
    },
  },
  "POST /api/v1/distributors/{id}/archive": {
    slots: ["path"],
    request: async (_, at) => post(`/api/v1/distributors/${await fresh.distributor(at.path)}/archive`),
  },
  "GET /api/v1/outlets": {
    unfiltered: "/api/v1/outlets?limit=200&status=all",
    slots: ["route"],
    request: async (_, at) => get(`/api/v1/outlets?limit=200&territoryId=${at.route.routeId}`),
    list: { kind: "outlet" },
  },
  "GET /api/v1/outlets.csv": {
    unfiltered: "/api/v1/outlets.csv?status=all",
    slots: ["route"],
    request: async (_, at) => get(`/api/v1/outlets.csv?territoryId=${at.route.routeId}`),
    csv: { json: twin, column: "code", field: "code", list: { kind: "outlet" } },
  },
  "GET /api/v1/outlets/map": {
    unfiltered: "/api/v1/outlets/map?limit=5000",
    slots: ["route"],
    request: async (_, at) => get(`/api/v1/outlets/map?territoryId=${at.route.territoryId}`),
    // The fixture's outlets have no location, so the map of a route may well be empty.
    list: { kind: "outlet", nonEmpty: false },
  },
  "GET /api/v1/outlets/{id}": {
    slots: ["path"],
    request: async (_, at) => get(`/api/v1/outlets/${at.path.outletId}`),
  },
  "GET /api/v1/outlets/{id}/timeline": {
    slots: ["path"],
    request: async (_, at) => get(`/api/v1/outlets/${at.path.outletId}/timeline`),
  },
  "POST /api/v1/outlets": {
    slots: ["distributor", "route"],
    request: async (_, at) =>
      post("/api/v1/outlets", {
        code: uniq("AM-NOUT"),
        name: "New Outlet",
        nameBn: "নতুন দোকান",
        ownerName: "Rahim",
        channel: "grocery",
        distributorId: at.distributor.distributorId,
        routeId: at.route.routeId,
      }),
    refuse: {
      distributor: {
        outside: notFound("network.distributor_not_found"),
        otherOrg: notFound("network.distributor_not_found"),
      },
      route: {
        outside: forbiddenScope("network.territory_out_of_scope"),
        otherOrg: notFound("network.route_not_found"),
      },
    },
  },
  "POST /api/v1/outlets/import": {
    slots: ["distributor", "route"],
    byCode: true,
    request: async (_, at) =>
      post("/api/v1/outlets/import", {
        csv:
          "code,name,name_bn,owner_name,channel,distributor_code,route_code\n" +
          `${uniq("AM-IOUT")},Imported Outlet,দোকান,Rahim,grocery,${at.distributor.distributorCode},${at.route.routeCode}\n`,
      }),
    refuse: {
      distributor: { outside: badRef(422, "network.import_invalid") },
      route: { outside: badRef(422, "network.import_invalid") },
    },
  },
  "PATCH /api/v1/outlets/{id}": {
    slots: ["path"],
    request: async (_, at) => patch(`/api/v1/outlets/${await fresh.outlet(at.path)}`, { name: "Renamed Outlet" }),
  },
  "POST /api/v1/outlets/{id}/archive": {
    slots: ["path"],
    request: async (_, at) => post(`/api/v1/outlets/${await fresh.outlet(at.path)}/archive`),
  },
  "POST /api/v1/outlets/{id}/assign": {
    slots: ["path", "distributor", "route"],
    request: async (_, at) =>
      post(`/api/v1/outlets/${await fresh.outlet(at.path)}/assign`, {
        distributorId: at.distributor.distributorId,
        routeId: at.route.routeId,
        effectiveFrom: tomorrow,
      }),
    refuse: {
      distributor: {
        outside: notFound("network.distributor_not_found"),
        otherOrg: notFound("network.distributor_not_found"),
      },
      route: {
        outside: forbiddenScope("network.territory_out_of_scope"),
        otherOrg: notFound("network.route_not_found"),
      },
    },
  },
  "GET /api/v1/routes/{id}/reps": {
    slots: ["path"],
    request: async (_, at) => get(`/api/v1/routes/${at.path.routeId}/reps`),
  },
  "POST /api/v1/routes/{id}/assign-rep": {
    slots: ["path", "rep"],
    request: async (_, at) =>
      post(`/api/v1/routes/${await fresh.route(at.path)}/assign-rep`, {
        repUserId: at.rep.userId,
        effectiveFrom: today,
      }),
    refuse: {
      rep: { outside: badRef(400, "network.rep_not_found"), otherOrg: badRef(400, "network.rep_not_found") },
    },
  },

  // --- catalogue and prices
  ...catalogSpecs("brands", "brandId"),
  ...catalogSpecs("categories", "categoryId"),
  ...catalogSpecs("skus", "skuId"),
  ...catalogSpecs("price-lists", "priceListId"),
  "POST /api/v1/skus": {
    slots: ["brand"],
    request: async (_, at) =>
      post("/api/v1/skus", {
        code: uniq("AM-SKU"),
        name: "Matrix Soap",
        nameBn: "সাবান",
        brandId: at.brand.brandId,
        categoryId: at.brand.categoryId,
      }),
    refuse: { brand: { otherOrg: badRef(400, "catalog.brand_unknown") } },
  },
  "PATCH /api/v1/skus/{id}": {
    slots: ["path", "brand"],
    request: async (_, at) =>
      patch(`/api/v1/skus/${await fresh.catalog(at.path, "skus")}`, { name: "Renamed", brandId: at.brand.brandId }),
    refuse: { brand: { otherOrg: badRef(400, "catalog.brand_unknown") } },
  },
  "GET /api/v1/skus.csv": {
    request: async () => get("/api/v1/skus.csv"),
    csv: { json: twin, column: "code", field: "code", list: { kind: "skus" } },
  },
  "GET /api/v1/catalog/order-book": {
    slots: ["outlet"],
    refuse: {
      outlet: { outside: notFound("catalog.outlet_not_found"), otherOrg: notFound("catalog.outlet_not_found") },
    },
    request: async (_, at) => get(`/api/v1/catalog/order-book?outletId=${at.outlet.outletId}`),
    list: { kind: "skus", ids: (b) => (b.skus as Row[]).map((s) => s.id) },
  },
  "GET /api/v1/price-lists": {
    slots: ["distributor"],
    request: async (_, at) => get(`/api/v1/price-lists?limit=200&distributorId=${at.distributor.distributorId}`),
    list: { kind: "priceList" },
    unfiltered: "/api/v1/price-lists?limit=200",
  },
  "POST /api/v1/price-lists": {
    slots: ["territory", "distributor"],
    request: async (_, at) =>
      post("/api/v1/price-lists", {
        code: uniq("AM-PL"),
        name: "Matrix prices",
        nameBn: "দাম",
        validFrom: "2099-01-01",
        territoryId: at.territory.territoryId,
        distributorId: at.distributor.distributorId,
      }),
    refuse: {
      territory: { otherOrg: badRef(400, "catalog.territory_unknown") },
      distributor: { otherOrg: badRef(400, "catalog.distributor_unknown") },
    },
  },
  "GET /api/v1/price-lists/{id}/items": {
    slots: ["path"],
    request: async (_, at) => get(`/api/v1/price-lists/${at.path.priceListId}/items`),
  },
  "GET /api/v1/price-lists/{id}/items.csv": {
    slots: ["path"],
    request: async (_, at) => get(`/api/v1/price-lists/${at.path.priceListId}/items.csv`),
    csv: {
      json: (url) => url.replace(".csv", ""),
      column: "sku_code",
      field: "skuCode",
      list: { kind: "skus", ids: skuIds },
    },
  },
  "PUT /api/v1/price-lists/{id}/items": {
    slots: ["path", "sku"],
    request: async (_, at) => ({
      method: "PUT",
      url: `/api/v1/price-lists/${await fresh.catalog(at.path, "price-lists")}/items`,
      body: {
        items: [{ skuId: at.sku.skuId, mrpPoisha: 1000, retailerPricePoisha: 900, distributorPricePoisha: 800 }],
      },
    }),
    refuse: { sku: { otherOrg: badRef(400, "catalog.price_sku_unknown") } },
  },
  "POST /api/v1/price-lists/{id}/items/import": {
    slots: ["path"],
    request: async (_, at) =>
      post(`/api/v1/price-lists/${await fresh.catalog(at.path, "price-lists")}/items/import`, {
        csv: `sku_code,mrp\n${at.path.skuCode},45.00\n`,
      }),
  },

  // --- distributor stock and primary orders
  "GET /api/v1/stock": {
    slots: ["distributor"],
    refuse: {
      distributor: {
        outside: notFound("stock.distributor_not_found"),
        otherOrg: notFound("stock.distributor_not_found"),
      },
    },
    request: async (_, at) => get(`/api/v1/stock?limit=200&distributorId=${at.distributor.distributorId}`),
    list: { kind: "skus", ids: skuIds },
  },
  "GET /api/v1/stock.csv": {
    slots: ["distributor"],
    refuse: {
      distributor: {
        outside: notFound("stock.distributor_not_found"),
        otherOrg: notFound("stock.distributor_not_found"),
      },
    },
    request: async (_, at) => get(`/api/v1/stock.csv?distributorId=${at.distributor.distributorId}`),
    csv: { json: twin, column: "sku_code", field: "skuCode", list: { kind: "skus", ids: skuIds } },
  },
  "GET /api/v1/stock/movements": {
    slots: ["distributor"],
    request: async (_, at) => get(`/api/v1/stock/movements?limit=200&distributorId=${at.distributor.distributorId}`),
  },
  "GET /api/v1/stock/batches": {
    slots: ["distributor"],
    request: async (_, at) => get(`/api/v1/stock/batches?distributorId=${at.distributor.distributorId}`),
  },
  "POST /api/v1/stock/adjustments": {
    slots: ["distributor", "sku"],
    request: async (_, at) =>
      post("/api/v1/stock/adjustments", {
        distributorId: at.distributor.distributorId,
        skuId: at.sku.skuId,
        qtyDelta: 1,
        reason: "matrix",
      }),
    refuse: { sku: { otherOrg: notFound("stock.sku_not_found") } },
  },
  "POST /api/v1/stock/counts": {
    slots: ["distributor", "sku"],
    request: async (_, at) =>
      post("/api/v1/stock/counts", {
        distributorId: at.distributor.distributorId,
        reason: "matrix",
        lines: [{ skuId: at.sku.spareSkuId, countedQty: 5 }],
      }),
    refuse: { sku: { otherOrg: notFound("stock.sku_not_found") } },
  },
  "GET /api/v1/primary-orders": {
    unfiltered: "/api/v1/primary-orders?limit=200",
    slots: ["distributor"],
    request: async (_, at) => get(`/api/v1/primary-orders?limit=200&distributorId=${at.distributor.distributorId}`),
    list: { kind: "primaryOrder" },
  },
  "GET /api/v1/primary-orders/{id}": {
    slots: ["path"],
    request: async (_, at) => get(`/api/v1/primary-orders/${at.path.primaryOrderId}`),
  },
  "POST /api/v1/primary-orders": {
    slots: ["distributor", "sku"],
    request: async (_, at) =>
      post("/api/v1/primary-orders", {
        distributorId: at.distributor.distributorId,
        lines: [{ skuId: at.sku.skuId, qty: 1 }],
      }),
    refuse: { sku: { otherOrg: badRef(422, "primary.sku_unknown") } },
  },
  "POST /api/v1/primary-orders/{id}/submit": {
    slots: ["path"],
    request: async (_, at) => post(`/api/v1/primary-orders/${await fresh.primary(at.path)}/submit`, {}),
  },
  "POST /api/v1/primary-orders/{id}/cancel": {
    slots: ["path"],
    request: async (_, at) => post(`/api/v1/primary-orders/${await fresh.primary(at.path)}/cancel`, {}),
  },
  "POST /api/v1/primary-orders/{id}/receive": {
    slots: ["path"],
    request: async (_, at) =>
      post(`/api/v1/primary-orders/${await fresh.primaryDispatched(at.path)}/receive`, {
        lines: [{ lineNo: 1, receipts: [{ batchNo: uniq("AM-B"), qty: 1 }] }],
      }),
  },
  "POST /api/v1/primary-orders/{id}/approve": {
    slots: ["path"],
    request: async (_, at) => post(`/api/v1/primary-orders/${await fresh.primary(at.path, true)}/approve`, {}),
  },
  "POST /api/v1/primary-orders/{id}/reject": {
    slots: ["path"],
    request: async (_, at) =>
      post(`/api/v1/primary-orders/${await fresh.primary(at.path, true)}/reject`, { note: "not now" }),
  },
  "POST /api/v1/primary-orders/{id}/dispatch": {
    slots: ["path"],
    request: async (_, at) => post(`/api/v1/primary-orders/${await fresh.primaryApproved(at.path)}/dispatch`, {}),
  },

  // --- secondary orders and collections
  "GET /api/v1/secondary-orders": {
    unfiltered: "/api/v1/secondary-orders?limit=200",
    slots: ["outlet"],
    request: async (_, at) => get(`/api/v1/secondary-orders?limit=200&outletId=${at.outlet.outletId}`),
    list: { kind: "secondaryOrder" },
  },
  "GET /api/v1/secondary-orders.csv": {
    unfiltered: "/api/v1/secondary-orders.csv",
    slots: ["outlet"],
    request: async (_, at) => get(`/api/v1/secondary-orders.csv?outletId=${at.outlet.outletId}`),
    csv: { json: twin, column: "number", field: "number", list: { kind: "secondaryOrder" } },
  },
  "GET /api/v1/secondary-orders/{id}": {
    slots: ["path"],
    request: async (_, at) => get(`/api/v1/secondary-orders/${at.path.orderId}`),
  },
  "GET /api/v1/secondary-orders/{id}/document": {
    slots: ["path"],
    request: async (_, at) => get(`/api/v1/secondary-orders/${at.path.orderId}/document`),
  },
  "POST /api/v1/secondary-orders": {
    slots: ["outlet", "sku"],
    request: async (_, at) =>
      post("/api/v1/secondary-orders", { outletId: at.outlet.outletId, lines: [{ skuId: at.sku.skuId, qty: 1 }] }),
    refuse: {
      outlet: { outside: notFound("order.outlet_not_found"), otherOrg: notFound("order.outlet_not_found") },
      sku: { otherOrg: badRef(422, "order.sku_unknown") },
    },
  },
  "PATCH /api/v1/secondary-orders/{id}": {
    slots: ["path", "sku"],
    request: async (_, at) =>
      patch(`/api/v1/secondary-orders/${await fresh.draft(at.path)}`, {
        note: "matrix",
        lines: [{ skuId: at.sku.skuId, qty: 2 }],
      }),
    refuse: { sku: { otherOrg: badRef(422, "order.sku_unknown") } },
  },
  "POST /api/v1/secondary-orders/{id}/confirm": {
    slots: ["path"],
    request: async (_, at) => post(`/api/v1/secondary-orders/${await fresh.draft(at.path)}/confirm`),
  },
  "POST /api/v1/secondary-orders/{id}/cancel": {
    slots: ["path"],
    request: async (_, at) =>
      post(`/api/v1/secondary-orders/${await fresh.confirmed(at.path)}/cancel`, { reason: "matrix" }),
  },
  "POST /api/v1/secondary-orders/{id}/invoice": {
    slots: ["path"],
    request: async (_, at) => post(`/api/v1/secondary-orders/${await fresh.confirmed(at.path)}/invoice`),
  },
  "POST /api/v1/secondary-orders/{id}/dispatch": {
    slots: ["path"],
    request: async (_, at) => post(`/api/v1/secondary-orders/${await fresh.invoiced(at.path)}/dispatch`),
  },
  "POST /api/v1/secondary-orders/{id}/deliver": {
    slots: ["path"],
    request: async (_, at) => post(`/api/v1/secondary-orders/${await fresh.dispatched(at.path)}/deliver`, {}),
  },
  "POST /api/v1/secondary-orders/{id}/returns": {
    slots: ["path"],
    request: async (_, at) =>
      post(`/api/v1/secondary-orders/${await fresh.delivered(at.path)}/returns`, {
        reason: "matrix",
        lines: [{ lineNo: 1, qty: 1, condition: "saleable" }],
      }),
  },
  "POST /api/v1/secondary-orders/bulk": {
    slots: ["path"],
    request: async (_, at) =>
      post("/api/v1/secondary-orders/bulk", { action: "invoice", ids: [await fresh.confirmed(at.path)] }),
    refuse: {
      path: { outside: { bulkFailure: "order.not_found" }, otherOrg: { bulkFailure: "order.not_found" } },
    },
    check: (res) => expect(res.json().results).toEqual([expect.objectContaining({ ok: true, status: "invoiced" })]),
  },
  "GET /api/v1/payments": {
    unfiltered: "/api/v1/payments?limit=200",
    slots: ["outlet"],
    request: async (_, at) => get(`/api/v1/payments?limit=200&outletId=${at.outlet.outletId}`),
    list: { kind: "payment" },
  },
  "POST /api/v1/payments": {
    slots: ["outlet", "order"],
    request: async (_, at) =>
      post("/api/v1/payments", {
        outletId: at.outlet.outletId,
        orderId: at.order.orderId,
        method: "cash",
        amountPoisha: 100,
      }),
    refuse: {
      outlet: { outside: notFound("order.outlet_not_found"), otherOrg: notFound("order.outlet_not_found") },
      order: { outside: notFound("order.not_found"), otherOrg: notFound("order.not_found") },
    },
  },
  "GET /api/v1/outlets/{id}/dues": {
    slots: ["path"],
    request: async (_, at) => get(`/api/v1/outlets/${at.path.outletId}/dues`),
  },
  "GET /api/v1/dues": {
    unfiltered: "/api/v1/dues?limit=200",
    slots: ["route"],
    request: async (_, at) => get(`/api/v1/dues?limit=200&territoryId=${at.route.routeId}`),
    list: { kind: "dues", ids: duesKeys },
  },
  "GET /api/v1/dues.csv": {
    unfiltered: "/api/v1/dues.csv",
    slots: ["route"],
    request: async (_, at) => get(`/api/v1/dues.csv?territoryId=${at.route.routeId}`),
    csv: { json: twin, column: "outlet_code", field: "outletCode", list: { kind: "dues", ids: duesKeys } },
  },
  ...fieldSpecs(),
  ...webhookSpecs(),
  ...analyticsSpecs(),
  ...replenishmentSpecs(),
  ...incentiveSpecs(),
  ...deliverySpecs(),
  ...claimSpecs(),
  ...targetSpecs(),
  ...crmRecordSpecs(),
  ...pipelineSpecs(),
  ...promotionSpecs(),
  ...leadSpecs(),
  ...serviceSpecs(),
  ...loyaltySpecs(),
};

/**
 * The field app's commands, naming records at the places given: for a matrix case, one of every kind that names
 * a record (a check-in, an order, a stock count and a payment filed under it, its check-out, a beat's order and
 * a proposed outlet); for a probe, only the commands that name the probed slot's record.
 */
async function fieldCommands(at: At, probed: Slot | undefined): Promise<SentCommand[]> {
  const naming = (...slots: Slot[]) => probed === undefined || slots.includes(probed);
  const visitId = newId();
  const outletId = at.outlet.outletId;
  const lines = [{ skuId: at.sku.skuId, qty: 1 }];
  const commands: SentCommand[] = [];
  if (naming("outlet")) commands.push(fieldCommand("visit.check_in", { visitId, outletId, gps: null }));
  if (naming("outlet", "sku"))
    commands.push(
      fieldCommand("order.place", { orderId: newId(), visitId, outletId, lines }),
      fieldCommand("stock_audit.record", { auditId: newId(), visitId, outletId, lines }),
    );
  if (naming("outlet"))
    commands.push(
      fieldCommand("payment.collect", { paymentId: newId(), visitId, outletId, method: "cash", amountPoisha: 100 }),
    );
  if (naming("visit")) {
    // The case checks out of its own check-in; a probe, out of a visit of the place's rep.
    const checkedIn = at.visit === own ? visitId : await fresh.visit(at.visit);
    commands.push(fieldCommand("visit.check_out", { visitId: checkedIn, outcome: "order" }));
  }
  if (naming("route"))
    commands.push(
      fieldCommand("beat.reorder", { routeId: at.route.routeId, outletIds: [at.route.outletId] }),
      fieldCommand("outlet.propose", outletProposal(at.route.routeId)),
    );
  return commands;
}

/** The field force: reps' and supervisors' field app, the managers' live view and queue, the admin's rules. */
function fieldSpecs(): Record<string, Spec> {
  const snapshotOutletIds = (b: Json) => [
    ...(b.outlets as Row[]).map((o) => o.id),
    ...(b.routes as { outletIds: string[] }[]).flatMap((r) => r.outletIds),
  ];
  const outletNotFound = rejected({
    "visit.check_in": "field.outlet_not_found",
    "order.place": "order.outlet_not_found",
    "stock_audit.record": "field.outlet_not_found",
    "payment.collect": "order.outlet_not_found",
  });
  return {
    "POST /api/v1/field/sync": {
      slots: ["outlet", "route", "visit", "sku"],
      request: async (_, at, probed) => post("/api/v1/field/sync", { commands: await fieldCommands(at, probed) }),
      refuse: {
        outlet: anywhere(outletNotFound),
        route: anywhere(
          rejected({ "beat.reorder": "field.route_not_yours", "outlet.propose": "field.route_not_yours" }),
        ),
        visit: anywhere(rejected({ "visit.check_out": "field.visit_not_found" })),
        sku: { otherOrg: rejected({ "order.place": "order.sku_unknown", "stock_audit.record": "field.unknown_sku" }) },
      },
      check: (res) =>
        expect(
          (res.json().results as CommandResult[]).filter((r) => r.status !== "applied"),
          "commands that were not applied",
        ).toEqual([]),
    },
    "GET /api/v1/field/snapshot": {
      request: async () => get("/api/v1/field/snapshot"),
      // The outlets of the routes the caller walks and no others; a supervisor walks none.
      list: { kind: "beatOutlet", ids: snapshotOutletIds, nonEmpty: ["rep"] },
    },
    "GET /api/v1/field/performance": { request: async () => get("/api/v1/field/performance") },
    "GET /api/v1/field/live": {
      unfiltered: "/api/v1/field/live",
      slots: ["territory"],
      request: async (_, at) => get(`/api/v1/field/live?territoryId=${at.territory.territoryId}`),
      list: [
        { kind: "visit", ids: (b) => (b.visits as Row[]).map((v) => v.id) },
        { kind: "fieldRep", ids: (b) => (b.reps as { userId: string }[]).map((r) => r.userId) },
      ],
      refuse: { territory: anywhere(notFound("territory.not_found")) },
    },
    "GET /api/v1/field/onboarding": {
      request: async () => get("/api/v1/field/onboarding?status=pending"),
      list: { kind: "outlet", ids: (b) => (b.items as { outletId: string }[]).map((i) => i.outletId) },
    },
    "POST /api/v1/field/onboarding/{outletId}/decision": {
      slots: ["path", "distributor"],
      request: async (_, at) =>
        post(`/api/v1/field/onboarding/${(await fresh.proposal(at.path)).outletId}/decision`, {
          decision: "approve",
          distributorId: at.distributor.distributorId,
        }),
      refuse: {
        path: anywhere(notFound("field.onboarding_not_found")),
        distributor: anywhere(notFound("network.distributor_not_found")),
      },
    },
    "GET /api/v1/field/outlet-photos/{id}": {
      slots: ["path"],
      request: async (_, at) =>
        get(`/api/v1/field/outlet-photos/${must((await fresh.proposal(at.path, true)).photoIds[0], "a photo")}`),
      refuse: { path: anywhere(notFound("field.photo_not_found")) },
      check: (res) => expect(res.headers["content-type"]).toMatch(/^image\/jpeg/),
    },
    "GET /api/v1/field/settings": { request: async () => get("/api/v1/field/settings") },
    "PUT /api/v1/field/settings": {
      slots: ["sku"],
      request: async (_, at) => ({
        method: "PUT",
        url: "/api/v1/field/settings",
        body: { checkInRadiusM: 100, mustSellSkuIds: [at.sku.skuId] },
      }),
      refuse: { sku: { otherOrg: badRef(422, "field.unknown_sku") } },
    },
  };
}

/** Webhook endpoints and deliveries: each act on an endpoint or delivery made for it. */
function webhookSpecs(): Record<string, Spec> {
  return {
    "GET /api/v1/webhooks": { request: async () => get("/api/v1/webhooks"), list: { kind: "webhook_endpoints" } },
    "POST /api/v1/webhooks": {
      request: async () =>
        post("/api/v1/webhooks", { url: "http://127.0.0.1:9/new-hook", events: ["lead.created"], description: "new" }),
    },
    "GET /api/v1/webhooks/{id}": {
      slots: ["path"],
      request: async (_, at) => get(`/api/v1/webhooks/${await fresh.webhook(at.path)}`),
    },
    "PATCH /api/v1/webhooks/{id}": {
      slots: ["path"],
      request: async (_, at) => patch(`/api/v1/webhooks/${await fresh.webhook(at.path)}`, { description: "renamed" }),
    },
    "DELETE /api/v1/webhooks/{id}": {
      slots: ["path"],
      request: async (_, at) => ({ method: "DELETE", url: `/api/v1/webhooks/${await fresh.webhook(at.path)}` }),
    },
    "POST /api/v1/webhooks/{id}/rotate-secret": {
      slots: ["path"],
      request: async (_, at) => post(`/api/v1/webhooks/${await fresh.webhook(at.path)}/rotate-secret`),
    },
    "POST /api/v1/webhooks/{id}/test": {
      slots: ["path"],
      request: async (_, at) => post(`/api/v1/webhooks/${await fresh.webhook(at.path)}/test`),
    },
    "GET /api/v1/webhooks/deliveries": {
      slots: ["path"],
      request: async (_, at) => get(`/api/v1/webhooks/deliveries?limit=200&endpointId=${await fresh.webhook(at.path)}`),
      list: { kind: "webhook_deliveries", nonEmpty: false },
      refuse: { path: { otherOrg: "subset" } },
      unfiltered: "/api/v1/webhooks/deliveries?limit=200",
    },
    "GET /api/v1/webhooks/deliveries/{id}": {
      slots: ["path"],
      request: async (_, at) => get(`/api/v1/webhooks/deliveries/${await fresh.delivery(at.path)}`),
    },
    "POST /api/v1/webhooks/deliveries/{id}/replay": {
      slots: ["path"],
      request: async (_, at) => post(`/api/v1/webhooks/deliveries/${await fresh.delivery(at.path)}/replay`),
    },
  };
}

/** The keys of a dashboard's rows, tagged with what they are ("outlet:<id>"), for the analytics oracle. */
function rowKeys(by: unknown, rows: unknown): string[] {
  return (rows as { key: string }[]).filter((r) => r.key !== "").map((r) => `${String(by)}:${r.key}`);
}
function distributorRows(b: Json): string[] {
  return (b.rows as { distributorId: string }[]).map((r) => `distributor:${r.distributorId}`);
}
function warningIds(b: Json): string[] {
  return (b.items as Row[]).map((w) => `warning:${w.id}`);
}

/**
 * Analytics: the dashboards slice by a territory and a distributor (outside the caller's: not found; a distributor
 * user names no other distributor, and a territory only narrows its own sales), the outlet page follows the network
 * module's outlet scope, and scheduled reports are their owner's (the admin's: the org's).
 */
function analyticsSpecs(): Record<string, Spec> {
  const slice = (at: At) => `territoryId=${at.territory.territoryId}&distributorId=${at.distributor.distributorId}`;
  const sliceRefusals: Spec["refuse"] = {
    territory: {
      outside: { byRole: { distributor: "subset" }, otherwise: notFound("territory.not_found") },
      otherOrg: notFound("territory.not_found"),
    },
    distributor: anywhere(notFound("analytics.distributor_not_found")),
  };
  const scheduleRefusals: Spec["refuse"] = { path: anywhere(notFound("report_schedule.not_found")) };
  const schedules = "/api/v1/analytics/report-schedules";
  return {
    "GET /api/v1/analytics/sales": {
      slots: ["territory", "distributor"],
      request: async (_, at) => get(`/api/v1/analytics/sales?by=outlet&limit=1000&${slice(at)}`),
      list: { kind: "analytics", ids: (b) => rowKeys(b.by, b.rows) },
      // By distributor: a distributor user's only row is its own.
      unfiltered: "/api/v1/analytics/sales?by=distributor&limit=1000",
      refuse: sliceRefusals,
      check: (res) => expect(res.json().totals.current.orderedPoisha).toBeGreaterThan(0),
    },
    "GET /api/v1/analytics/sales/movers": {
      slots: ["territory", "distributor"],
      request: async (_, at) => get(`/api/v1/analytics/sales/movers?by=outlet&limit=50&${slice(at)}`),
      list: { kind: "analytics", ids: (b) => [...rowKeys(b.by, b.risers), ...rowKeys(b.by, b.fallers)] },
      unfiltered: "/api/v1/analytics/sales/movers?by=territory&limit=50",
      refuse: sliceRefusals,
    },
    "GET /api/v1/analytics/sales/export": {
      slots: ["territory", "distributor"],
      request: async (_, at) => get(`/api/v1/analytics/sales/export?format=csv&by=outlet&${slice(at)}`),
      refuse: sliceRefusals,
      // The rows themselves: "analytics exports" below, against the dashboard's own answer.
      check: (res) => expect(res.headers["content-type"]).toMatch(/^text\/csv/),
    },
    "GET /api/v1/analytics/field": {
      slots: ["territory", "distributor"],
      request: async (_, at) => get(`/api/v1/analytics/field?by=rep&${slice(at)}`),
      list: { kind: "analytics", ids: (b) => rowKeys(b.by, b.rows) },
      unfiltered: "/api/v1/analytics/field?by=territory",
      refuse: sliceRefusals,
    },
    "GET /api/v1/analytics/field/export": {
      slots: ["territory", "distributor"],
      request: async (_, at) => get(`/api/v1/analytics/field/export?format=csv&by=rep&${slice(at)}`),
      refuse: sliceRefusals,
      check: (res) => expect(res.headers["content-type"]).toMatch(/^text\/csv/),
    },
    "GET /api/v1/analytics/availability": {
      slots: ["territory", "distributor"],
      request: async (_, at) => get(`/api/v1/analytics/availability?by=territory&${slice(at)}`),
      list: {
        kind: "analytics",
        ids: (b) => [
          ...rowKeys(b.by, b.rows),
          ...(b.lowestCover as { distributorId: string }[]).map((c) => `distributor:${c.distributorId}`),
        ],
      },
      unfiltered: "/api/v1/analytics/availability?by=territory",
      refuse: sliceRefusals,
    },
    "GET /api/v1/analytics/availability/export": {
      slots: ["territory", "distributor"],
      request: async (_, at) => get(`/api/v1/analytics/availability/export?format=csv&by=territory&${slice(at)}`),
      refuse: sliceRefusals,
      check: (res) => expect(res.headers["content-type"]).toMatch(/^text\/csv/),
    },
    "GET /api/v1/analytics/distributors": {
      slots: ["territory", "distributor"],
      request: async (_, at) => get(`/api/v1/analytics/distributors?${slice(at)}`),
      list: { kind: "analytics", ids: distributorRows },
      // A distributor user's only row is its own.
      unfiltered: "/api/v1/analytics/distributors",
      refuse: sliceRefusals,
    },
    "GET /api/v1/analytics/distributors/export": {
      slots: ["territory", "distributor"],
      request: async (_, at) => get(`/api/v1/analytics/distributors/export?format=csv&${slice(at)}`),
      refuse: sliceRefusals,
      check: (res) => expect(res.headers["content-type"]).toMatch(/^text\/csv/),
    },
    "GET /api/v1/analytics/warnings": {
      slots: ["territory", "distributor"],
      request: async (_, at) => {
        await plantWarnings();
        return get(`/api/v1/analytics/warnings?limit=1000&${slice(at)}`);
      },
      list: { kind: "analytics", ids: warningIds },
      unfiltered: "/api/v1/analytics/warnings?limit=1000",
      refuse: sliceRefusals,
    },
    "GET /api/v1/analytics/warnings/export": {
      slots: ["territory", "distributor"],
      request: async (_, at) => {
        await plantWarnings();
        return get(`/api/v1/analytics/warnings/export?format=csv&${slice(at)}`);
      },
      refuse: sliceRefusals,
      check: (res) => expect(res.headers["content-type"]).toMatch(/^text\/csv/),
    },
    // What the refresh finds depends on the demo's history: the list it answers is checked, not its length.
    "POST /api/v1/analytics/warnings/refresh": {
      request: async () => post("/api/v1/analytics/warnings/refresh"),
      list: { kind: "analytics", ids: warningIds, nonEmpty: false },
    },
    "GET /api/v1/analytics/outlets/{id}": {
      slots: ["path"],
      request: async (_, at) => get(`/api/v1/analytics/outlets/${at.path.outletId}`),
      refuse: { path: anywhere(notFound("network.outlet_not_found")) },
      check: (res) => {
        expect(res.json().outlet.id).toBe(own.outletId);
        expect(res.json().totals.current.orderedPoisha).toBeGreaterThan(0);
      },
    },
    "GET /api/v1/analytics/freshness": {
      request: async () => get("/api/v1/analytics/freshness"),
      check: (res) => expect(res.json().appliedAt).not.toBeNull(),
    },
    "POST /api/v1/analytics/rebuild": {
      request: async () => post("/api/v1/analytics/rebuild"),
      check: (res) => expect(res.json().rows.territoryDaily).toBeGreaterThan(0),
    },
    [`GET ${schedules}`]: {
      request: async () => get(`${schedules}?limit=100`),
      list: { kind: "reportSchedule" },
    },
    [`POST ${schedules}`]: {
      request: async () =>
        post(schedules, { report: "sales", filters: { by: "distributor" }, frequency: "daily", sendAt: "07:30" }),
    },
    [`GET ${schedules}/{id}`]: {
      slots: ["path"],
      request: async (who, at) => get(`${schedules}/${await scheduleAt(who, at.path)}`),
      refuse: scheduleRefusals,
    },
    [`DELETE ${schedules}/{id}`]: {
      slots: ["path"],
      request: async (who, at) => ({ method: "DELETE", url: `${schedules}/${await scheduleAt(who, at.path)}` }),
      refuse: scheduleRefusals,
    },
    // Sent through the in-process SMTP server: built as its owner sees it, and accepted by the server.
    [`POST ${schedules}/{id}/send`]: {
      slots: ["path"],
      request: async (who, at) => post(`${schedules}/${await scheduleAt(who, at.path)}/send`),
      refuse: scheduleRefusals,
      check: (res) => expect(res.json()).toMatchObject({ lastStatus: "sent", lastError: null }),
    },
  };
}

/** The distributors an answer's rows belong to, for the distributor oracle. */
function rowDistributors(rows: unknown): string[] {
  return (rows as { distributorId: string }[]).map((r) => r.distributorId);
}

/**
 * Incentives: plans are the org's (another org's is not found); a statement is its person's, so one of another place's
 * rep or distributor (outside a manager's subtree, or not the rep's or distributor's own) or of org B is not found.
 * Statements are made directly in the state a case needs, each under a plan of its own.
 */
function incentiveSpecs(): Record<string, Spec> {
  const base = "/api/v1/incentives";
  const month = `${today.slice(0, 8)}01`;
  const [year, monthNo] = month.split("-").map(Number) as [number, number];
  const monthEnd = new Date(Date.UTC(year, monthNo, 0)).toISOString().slice(0, 10);
  const planBody = (appliesTo: "rep" | "distributor") => ({
    name: uniq("Matrix plan"),
    nameBn: "ম্যাট্রিক্স পরিকল্পনা",
    appliesTo,
    periodKind: "month",
    validFrom: "2026-01-01",
    slabs: [
      { fromBp: 0, toBp: 10000, rateBp: 100 },
      { fromBp: 10000, toBp: null, rateBp: 200 },
    ],
  });
  const planAt = async (p: Place, appliesTo: "rep" | "distributor" = "rep") =>
    (await ok<Row>(p.admin.request("POST", `${base}/plans`, planBody(appliesTo)), "an incentive plan")).id;
  /** A statement of whom `who` would see at the place: its distributor's for a distributor user, else its rep's. */
  const statementAt = async (who: Who, p: Place, status: "draft" | "approved" = "draft") => {
    const distributor = who === "distributor";
    const planId = await planAt(p, distributor ? "distributor" : "rep");
    const personId = distributor ? p.distributorId : p.userId;
    const { path: territoryPath } = await one(
      distributor
        ? sql<{ path: string }>`select t.path from distributors d
            join territories t on t.org_id = d.org_id and t.id = d.territory_id
            where d.org_id = ${p.orgId} and d.id = ${personId}`
        : sql<{ path: string }>`select t.path from users u
            join territories t on t.org_id = u.org_id and t.id = u.territory_id
            where u.org_id = ${p.orgId} and u.id = ${personId}`,
    );
    const id = newId();
    await incentivesRepo.insertStatement(db, {
      org_id: p.orgId,
      id,
      plan_id: planId,
      person_kind: distributor ? "distributor" : "rep",
      person_id: personId,
      person_name: `Matrix ${p.label}`,
      territory_path: territoryPath,
      period_start: month,
      period_end: monthEnd,
      status,
      net_sales_poisha: 0,
      target_poisha: null,
      attainment_bp: null,
      coverage_bp: null,
      commission_poisha: 0,
      kickers_poisha: 0,
      cap_removed_poisha: 0,
      clawback_poisha: 0,
      payout_poisha: 0,
      carry_forward_poisha: 0,
      clawback_rate_bp: 0,
      gates_passed: false,
      lines: "[]",
      approved_at: status === "draft" ? null : new Date(),
    });
    return id;
  };
  const planNotFound: Spec["refuse"] = { path: anywhere(notFound("incentives.plan_not_found")) };
  const statementNotFound: Spec["refuse"] = { path: anywhere(notFound("incentives.statement_not_found")) };
  return {
    [`GET ${base}/plans`]: { request: async () => get(`${base}/plans`) },
    [`POST ${base}/plans`]: { request: async () => post(`${base}/plans`, planBody("rep")) },
    [`GET ${base}/plans/{id}`]: {
      slots: ["path"],
      request: async (_, at) => get(`${base}/plans/${await planAt(at.path)}`),
      refuse: planNotFound,
    },
    [`PUT ${base}/plans/{id}`]: {
      slots: ["path"],
      request: async (_, at) => ({
        method: "PUT",
        url: `${base}/plans/${await planAt(at.path)}`,
        body: planBody("rep"),
      }),
      refuse: planNotFound,
    },
    [`POST ${base}/statements/compute`]: {
      slots: ["path"],
      request: async (_, at) =>
        post(`${base}/statements/compute`, { planId: await planAt(at.path), periodStart: month }),
      refuse: planNotFound,
    },
    [`GET ${base}/statements`]: {
      request: async (who) => {
        await statementAt(who, own);
        return get(`${base}/statements`);
      },
      list: { kind: "incentiveStatement" },
    },
    [`GET ${base}/statements/export`]: {
      request: async (who) => {
        await statementAt(who, own, "approved");
        return get(`${base}/statements/export?periodStart=${month}&format=csv`);
      },
      check: (res) => expect(res.headers["content-type"]).toMatch(/^text\/csv/),
    },
    [`GET ${base}/statements/{id}`]: {
      slots: ["path"],
      request: async (who, at) => get(`${base}/statements/${await statementAt(who, at.path)}`),
      refuse: statementNotFound,
    },
    [`POST ${base}/statements/{id}/approve`]: {
      slots: ["path"],
      request: async (who, at) => post(`${base}/statements/${await statementAt(who, at.path)}/approve`),
      refuse: statementNotFound,
    },
    [`POST ${base}/statements/{id}/pay`]: {
      slots: ["path"],
      request: async (who, at) =>
        post(`${base}/statements/${await statementAt(who, at.path, "approved")}/pay`, { reference: "MATRIX-TXN" }),
      refuse: statementNotFound,
    },
  };
}

/**
 * Replenishment: a distributor named in a query or path outside the caller's distributors (a manager's subtree's, a
 * distributor user's own) or in another org is not found, and so is a proposal of such a distributor; lists carry
 * only the rows of the caller's distributors. The policy and the demand calendar are the org's; writes are the
 * admin's, on records made for the case.
 */
function replenishmentSpecs(): Record<string, Spec> {
  const base = "/api/v1/replenishment";
  const distributorNotFound = notFound("replenishment.distributor_not_found");
  const byDistributor: Spec["refuse"] = { distributor: anywhere(distributorNotFound) };
  const proposalRefusals: Spec["refuse"] = { path: anywhere(notFound("replenishment.proposal_not_found")) };
  const freshEvent = async (p: Place) =>
    (
      await ok<Row>(
        p.admin.request("POST", `${base}/events`, {
          name: uniq("Matrix fair"),
          nameBn: "মেলা",
          startsOn: "2099-01-01",
          endsOn: "2099-01-03",
        }),
        "a demand event",
      )
    ).id;
  return {
    [`GET ${base}/settings`]: {
      request: async () => get(`${base}/settings`),
      check: (res) => expect(res.json().serviceLevel).toBeGreaterThan(0),
    },
    // What the company works with already: the other cases plan as before.
    [`PUT ${base}/settings`]: {
      request: async () => ({ method: "PUT", url: `${base}/settings`, body: { autoSubmit: false } }),
      check: (res) => expect(res.json().autoSubmit).toBe(false),
    },
    [`GET ${base}/distributors/{id}/policy`]: {
      slots: ["path"],
      request: async (_, at) => get(`${base}/distributors/${at.path.distributorId}/policy`),
      refuse: { path: anywhere(distributorNotFound) },
      check: (res) => expect(res.json().distributorId).toBe(own.distributorId),
    },
    [`PUT ${base}/distributors/{id}/policy`]: {
      slots: ["path"],
      request: async (_, at) => ({
        method: "PUT",
        url: `${base}/distributors/${await fresh.distributor(at.path)}/policy`,
        body: { leadTimeDays: 5, reviewDays: 14 },
      }),
      refuse: { path: anywhere(distributorNotFound) },
      check: (res) => expect(res.json()).toMatchObject({ effectiveLeadTimeDays: 5, effectiveReviewDays: 14 }),
    },
    [`GET ${base}/events`]: {
      request: async () => get(`${base}/events`),
      list: { kind: "demand_events", ids: (b) => (b as unknown as Row[]).map((e) => e.id) },
    },
    [`POST ${base}/events`]: {
      request: async () =>
        post(`${base}/events`, { name: uniq("Matrix fair"), nameBn: "মেলা", startsOn: tomorrow, endsOn: tomorrow }),
    },
    [`DELETE ${base}/events/{id}`]: {
      slots: ["path"],
      request: async (_, at) => ({ method: "DELETE", url: `${base}/events/${await freshEvent(at.path)}` }),
      refuse: { path: anywhere(notFound("replenishment.event_not_found")) },
    },
    [`GET ${base}/plan`]: {
      slots: ["distributor"],
      request: async (_, at) => get(`${base}/plan?distributorId=${at.distributor.distributorId}`),
      refuse: byDistributor,
      check: (res) => {
        expect(res.json().distributorId).toBe(own.distributorId);
        expect(res.json().rows.length).toBeGreaterThan(0);
      },
    },
    [`GET ${base}/plan/export`]: {
      slots: ["distributor"],
      request: async (_, at) => get(`${base}/plan/export?format=csv&distributorId=${at.distributor.distributorId}`),
      refuse: byDistributor,
      // The rows themselves: "analytics exports" below, against the plan's own answer.
      check: (res) => expect(res.headers["content-type"]).toMatch(/^text\/csv/),
    },
    [`GET ${base}/forecast`]: {
      slots: ["distributor", "sku"],
      request: async (_, at) => {
        await forecastAhead();
        return get(`${base}/forecast?distributorId=${at.distributor.distributorId}&skuId=${at.sku.skuId}`);
      },
      refuse: { ...byDistributor, sku: { otherOrg: notFound("replenishment.sku_not_found") } },
      check: (res) => expect(res.json()).toMatchObject({ distributorId: own.distributorId, skuId: own.skuId }),
    },
    [`GET ${base}/backtest`]: {
      slots: ["distributor"],
      request: async (_, at) => {
        await forecastAhead();
        return get(`${base}/backtest?limit=1000&distributorId=${at.distributor.distributorId}`);
      },
      list: { kind: "distributor", ids: (b) => rowDistributors(b.items) },
      unfiltered: `${base}/backtest?limit=1000`,
      refuse: byDistributor,
    },
    // The org's forecasts as of today (then its alerts); the series come from the demo's history.
    [`POST ${base}/forecast/run`]: {
      request: async () => post(`${base}/forecast/run`),
      check: (res) => expect(res.json().series).toBeGreaterThan(0),
    },
    [`GET ${base}/proposals`]: {
      slots: ["distributor"],
      request: async (_, at) => get(`${base}/proposals?limit=200&distributorId=${at.distributor.distributorId}`),
      list: { kind: "distributor", ids: rowDistributors },
      unfiltered: `${base}/proposals?limit=200`,
      refuse: byDistributor,
    },
    // Each active distributor of the org is proposed for, left unchanged or skipped: none is left out.
    [`POST ${base}/proposals/generate`]: {
      request: async () => post(`${base}/proposals/generate`),
      check: (res) => {
        const r = res.json();
        expect(r.proposed + r.submitted + r.unchanged + r.skipped.length).toBeGreaterThan(0);
      },
    },
    [`GET ${base}/proposals/{id}`]: {
      slots: ["path"],
      request: async (_, at) => get(`${base}/proposals/${await freshReplenishmentProposal(at.path)}`),
      refuse: proposalRefusals,
      check: (res) => expect(res.json()).toMatchObject({ distributorId: own.distributorId, lineCount: 1 }),
    },
    [`POST ${base}/proposals/{id}/approve`]: {
      slots: ["path"],
      request: async (_, at) => post(`${base}/proposals/${await freshReplenishmentProposal(at.path)}/approve`, {}),
      refuse: proposalRefusals,
      check: (res) => {
        expect(res.json().status).toBe("approved");
        expect(res.json().primaryOrderId).not.toBeNull();
      },
    },
    [`POST ${base}/proposals/{id}/dismiss`]: {
      slots: ["path"],
      request: async (_, at) =>
        post(`${base}/proposals/${await freshReplenishmentProposal(at.path)}/dismiss`, { note: "matrix" }),
      refuse: proposalRefusals,
      check: (res) => expect(res.json().status).toBe("dismissed"),
    },
    [`GET ${base}/alerts`]: {
      slots: ["distributor"],
      request: async (_, at) => get(`${base}/alerts?limit=1000&distributorId=${at.distributor.distributorId}`),
      list: { kind: "distributor", ids: (b) => rowDistributors(b.items) },
      unfiltered: `${base}/alerts?limit=1000`,
      refuse: byDistributor,
    },
    [`POST ${base}/alerts/refresh`]: {
      request: async () => post(`${base}/alerts/refresh`),
      list: { kind: "distributor", ids: (b) => rowDistributors(b.items) },
      check: (res) => expect(res.json().generatedAt).not.toBeNull(),
    },
  };
}

/** This month's value targets at every place, for its rep, distributor, territory and outlet. */
async function plantTargets() {
  const periodStart = `${today.slice(0, 7)}-01`;
  for (const p of [own, sibling, far, inOrgB]) {
    const subjects = [
      ["rep", p.userId],
      ["distributor", p.distributorId],
      ["territory", p.territoryId],
      ["outlet", p.outletId],
    ];
    await ok(
      p.admin.request("PUT", "/api/v1/targets", {
        targets: subjects.map(([subjectKind, subjectId]) => ({
          periodKind: "month",
          periodStart,
          subjectKind,
          subjectId,
          metric: "value",
          targetValue: 1_000_000,
        })),
      }),
      "targets to list",
    );
  }
}

/** Targets: set, imported and split at a place; the list carries only the targets of subjects the caller may see. */
function targetSpecs(): Record<string, Spec> {
  const base = "/api/v1/targets";
  const month = `${today.slice(0, 7)}-01`;
  const subjectNotFound = anywhere(notFound("targets.subject_not_found"));
  const value = (subjectKind: string, subjectId: string, periodStart = month) => ({
    periodKind: "month",
    periodStart,
    subjectKind,
    subjectId,
    metric: "value",
    targetValue: 1_000_000,
  });
  /** A target of a future month for the place's distributor, set by its org's admin. */
  const futureTarget = async (p: Place) =>
    (
      await ok<{ items: Row[] }>(
        p.admin.request("PUT", base, { targets: [value("distributor", p.distributorId, "2099-01-01")] }),
        "a future target",
      )
    ).items[0]?.id as string;
  return {
    [`GET ${base}`]: {
      request: async () => get(base),
      list: { kind: "target", ids: items },
      unfiltered: base,
    },
    [`PUT ${base}`]: {
      slots: ["distributor"],
      request: async (_, at) => ({
        method: "PUT",
        url: base,
        body: { targets: [value("distributor", at.distributor.distributorId, "2099-02-01")] },
      }),
      refuse: { distributor: subjectNotFound },
      check: (res) => expect(res.json().items[0].subjectId).toBe(own.distributorId),
    },
    [`DELETE ${base}/{id}`]: {
      slots: ["path"],
      request: async (_, at) => ({ method: "DELETE", url: `${base}/${await futureTarget(at.path)}` }),
      refuse: { path: anywhere(notFound("targets.not_found")) },
    },
    [`POST ${base}/import`]: {
      slots: ["distributor"],
      byCode: true,
      request: async (_, at) =>
        post(`${base}/import`, {
          csv: `period,subject_kind,subject_code,metric,sku_code,target\n2099-03,distributor,${at.distributor.distributorCode},value,,12500.50\n`,
        }),
      refuse: { distributor: { outside: { status: 422, code: "targets.import_invalid" } } },
      check: (res) => expect(res.json().imported).toBe(1),
    },
    [`POST ${base}/split`]: {
      slots: ["territory"],
      request: async (_, at) => {
        await ok(
          at.territory.admin.request("PUT", base, {
            targets: [value("territory", at.territory.territoryId, "2099-04-01")],
          }),
          "a territory's target to split",
        );
        return post(`${base}/split`, {
          periodKind: "month",
          periodStart: "2099-04-01",
          territoryId: at.territory.territoryId,
          metric: "value",
          into: "distributors",
          apply: false,
        });
      },
      refuse: { territory: subjectNotFound },
      check: (res) => expect(res.json().parts.length).toBeGreaterThan(0),
    },
  };
}

/** The set-up secret of a session's pending two-step sign-in, from a second set-up call (which replaces it). */
function claimSpecs(): Record<string, Spec> {
  const base = "/api/v1/claims";
  const byDistributor: Spec["refuse"] = { distributor: anywhere(notFound("claims.distributor_not_found")) };
  const claimNotFound: Spec["refuse"] = { path: anywhere(notFound("claims.not_found")) };
  const claimIds = (b: Json) => (b as unknown as Row[]).map((c) => c.id);
  const transition = (action: string, state: "draft" | "submitted" | "approved", body: Json, status: string): Spec => ({
    slots: ["path"],
    request: async (_, at) => post(`${base}/${await freshClaim(at.path, state)}/${action}`, body),
    refuse: claimNotFound,
    check: (res) => expect(res.json().status).toBe(status),
  });
  return {
    [`GET ${base}/claimable`]: {
      slots: ["distributor"],
      request: async (_, at) => {
        await freshClaimable(at.distributor);
        return get(`${base}/claimable?distributorId=${at.distributor.distributorId}`);
      },
      list: { kind: "distributor", ids: (b) => rowDistributors(b.rows) },
      unfiltered: `${base}/claimable`,
      refuse: byDistributor,
    },
    [`GET ${base}`]: {
      slots: ["distributor"],
      request: async (_, at) => get(`${base}?limit=200&distributorId=${at.distributor.distributorId}`),
      list: { kind: "claim", ids: claimIds },
      unfiltered: `${base}?limit=200`,
      refuse: byDistributor,
    },
    [`POST ${base}`]: {
      slots: ["distributor"],
      request: async (_, at) => {
        await freshClaimable(at.distributor);
        return post(base, { distributorId: at.distributor.distributorId, period: { from: today, to: today } });
      },
      refuse: byDistributor,
      check: (res) => expect(res.json()).toMatchObject({ status: "draft", distributorId: own.distributorId }),
    },
    [`GET ${base}/{id}`]: {
      slots: ["path"],
      request: async (_, at) => get(`${base}/${await freshClaim(at.path)}`),
      refuse: claimNotFound,
      check: (res) => expect(res.json().lines.length).toBeGreaterThan(0),
    },
    [`GET ${base}/{id}/export`]: {
      slots: ["path"],
      request: async (_, at) => get(`${base}/${await freshClaim(at.path)}/export?format=csv`),
      refuse: claimNotFound,
      check: (res) => expect(res.headers["content-type"]).toMatch(/^text\/csv/),
    },
    [`POST ${base}/{id}/submit`]: transition("submit", "draft", {}, "submitted"),
    [`POST ${base}/{id}/withdraw`]: transition("withdraw", "draft", {}, "withdrawn"),
    [`POST ${base}/{id}/approve`]: transition("approve", "submitted", {}, "approved"),
    [`POST ${base}/{id}/dispute`]: transition("dispute", "submitted", { note: "Show the challans" }, "disputed"),
    [`POST ${base}/{id}/settle`]: transition(
      "settle",
      "approved",
      { paymentReference: "AM-PAY-1", paidOn: today },
      "settled",
    ),
  };
}

/**
 * Promotions: a scheme is "at" the place it targets (territory and distributor); a scoped reader outside it, or any
 * caller in another org, finds it "not found". Outlets and orders named follow the orders module's scope. Campaigns
 * and every write are head office's and marketing's: only another org's records are out of reach for them.
 */
function promotionSpecs(): Record<string, Spec> {
  const base = "/api/v1/promotions";
  const schemeNotFound = { path: anywhere(notFound("promotions.scheme_not_found")) };
  const campaignNotFound = { path: anywhere(notFound("promotions.campaign_not_found")) };
  const unknownTarget = anywhere(badRef(422, "promotions.target_unknown"));
  const schemeOfPlace = (p: Place) => must(schemeOf.get(p), "a scheme");
  const campaignOfPlace = (p: Place) => must(campaignOf.get(p), "a campaign");
  const transition = (action: string, status: "draft" | "active") => ({
    slots: ["path"] as const,
    request: async (_: Who, at: At) => post(`${base}/schemes/${await schemeAt(at.path, status)}/${action}`),
    refuse: schemeNotFound,
  });
  return {
    [`GET ${base}/schemes`]: {
      unfiltered: `${base}/schemes?limit=200`,
      request: async () => get(`${base}/schemes?limit=200`),
      list: { kind: "scheme" },
    },
    [`POST ${base}/schemes`]: {
      slots: ["sku", "territory", "distributor", "outlet"],
      request: async (_, at) =>
        post(`${base}/schemes`, {
          code: uniq("AM-NEW"),
          name: "New scheme",
          nameBn: "নতুন স্কিম",
          validFrom: today,
          validTo: tomorrow,
          targeting: {
            territoryIds: [at.territory.territoryId],
            distributorIds: [at.distributor.distributorId],
            outletIds: [at.outlet.outletId],
          },
          rule: {
            kind: "bundle",
            components: [{ skuId: at.sku.skuId, qty: 10_000_000 }],
            benefit: { type: "flat", poisha: 100 },
          },
        }),
      refuse: {
        sku: anywhere(badRef(422, "promotions.sku_unknown")),
        territory: unknownTarget,
        distributor: unknownTarget,
        outlet: unknownTarget,
      },
    },
    [`GET ${base}/schemes/in-force`]: {
      slots: ["outlet"],
      request: async (_, at) => get(`${base}/schemes/in-force?outletId=${at.outlet.outletId}`),
      refuse: { outlet: anywhere(notFound("promotions.outlet_not_found")) },
    },
    [`GET ${base}/schemes/{id}`]: {
      slots: ["path"],
      request: async (_, at) => get(`${base}/schemes/${schemeOfPlace(at.path)}`),
      refuse: schemeNotFound,
    },
    [`PATCH ${base}/schemes/{id}`]: {
      slots: ["path"],
      request: async (_, at) => patch(`${base}/schemes/${await schemeAt(at.path)}`, { priority: 7 }),
      refuse: schemeNotFound,
    },
    [`POST ${base}/schemes/{id}/activate`]: transition("activate", "draft"),
    [`POST ${base}/schemes/{id}/pause`]: transition("pause", "active"),
    [`POST ${base}/schemes/{id}/end`]: transition("end", "active"),
    [`POST ${base}/explain`]: {
      slots: ["outlet", "sku"],
      request: async (_, at) =>
        post(`${base}/explain`, { outletId: at.outlet.outletId, lines: [{ skuId: at.sku.skuId, qty: 1 }] }),
      refuse: {
        outlet: anywhere(notFound("order.outlet_not_found")),
        sku: anywhere(badRef(422, "order.sku_unknown")),
      },
    },
    "GET /api/v1/orders/{id}/schemes": {
      slots: ["path"],
      request: async (_, at) => get(`/api/v1/orders/${at.path.orderId}/schemes`),
      refuse: { path: anywhere(notFound("order.not_found")) },
    },
    [`GET ${base}/campaigns`]: { request: async () => get(`${base}/campaigns?limit=200`) },
    [`POST ${base}/campaigns`]: { request: async () => post(`${base}/campaigns`, campaignBody()) },
    [`GET ${base}/campaigns/{id}`]: {
      slots: ["path"],
      request: async (_, at) => get(`${base}/campaigns/${campaignOfPlace(at.path)}`),
      refuse: campaignNotFound,
    },
    [`PATCH ${base}/campaigns/{id}`]: {
      slots: ["path"],
      request: async (_, at) => patch(`${base}/campaigns/${await campaignAt(at.path)}`, { notes: "matrix" }),
      refuse: campaignNotFound,
    },
    [`GET ${base}/campaigns/{id}/results`]: {
      slots: ["path"],
      request: async (_, at) => get(`${base}/campaigns/${campaignOfPlace(at.path)}/results`),
      refuse: campaignNotFound,
    },
  };
}

function deliverySpecs(): Record<string, Spec> {
  const base = "/api/v1/delivery";
  const tripNotFound = { path: anywhere(notFound("delivery.trip_not_found")) };
  const dropNotFound = { path: anywhere(notFound("delivery.drop_not_found")) };
  const byDistributor = { distributor: anywhere(notFound("delivery.distributor_not_found")) };
  const idempotent = (req: Req): Req => ({ ...req, headers: { "idempotency-key": uniq("matrix-phone") } });
  const firstDrop = async (p: Place, dispatch: boolean, orders = 1) =>
    must((await tripAt(p, orders, dispatch)).dropIds[0], "a stop");
  return {
    [`GET ${base}/vehicles`]: {
      unfiltered: `${base}/vehicles?includeArchived=true`,
      slots: ["distributor"],
      request: async (_, at) => get(`${base}/vehicles?distributorId=${at.distributor.distributorId}`),
      list: { kind: "vehicle" },
    },
    [`POST ${base}/vehicles`]: {
      slots: ["distributor"],
      request: async (_, at) =>
        post(`${base}/vehicles`, {
          distributorId: at.distributor.distributorId,
          regNo: uniq("AM NEW VAN"),
          name: "New van",
          capacityG: 1_000_000,
        }),
      refuse: byDistributor,
    },
    [`PATCH ${base}/vehicles/{id}`]: {
      slots: ["path"],
      request: async (_, at) => patch(`${base}/vehicles/${await vehicleAt(at.path, false)}`, { name: "Renamed van" }),
      refuse: { path: anywhere(notFound("delivery.vehicle_not_found")) },
    },
    [`GET ${base}/drivers`]: {
      unfiltered: `${base}/drivers`,
      slots: ["distributor"],
      request: async (_, at) => get(`${base}/drivers?distributorId=${at.distributor.distributorId}`),
      list: { kind: "driver", ids: (b) => (b.items as { userId: string }[]).map((d) => d.userId) },
    },
    [`GET ${base}/trips`]: {
      unfiltered: `${base}/trips?limit=200`,
      slots: ["distributor"],
      request: async (_, at) => get(`${base}/trips?limit=200&distributorId=${at.distributor.distributorId}`),
      list: { kind: "trip" },
    },
    // The vehicle names the distributor (and the driver must be its): another place's vehicle is not found.
    [`POST ${base}/trips`]: {
      slots: ["distributor"],
      request: async (_, at) =>
        post(`${base}/trips`, { vehicleId: await vehicleAt(at.distributor), driverUserId: await driverAt(own) }),
      refuse: { distributor: anywhere(notFound("delivery.vehicle_not_found")) },
    },
    [`GET ${base}/trips/{id}`]: {
      slots: ["path"],
      request: async (_, at) => get(`${base}/trips/${readTrip(at.path).id}`),
      refuse: tripNotFound,
    },
    [`PATCH ${base}/trips/{id}`]: {
      slots: ["path"],
      request: async (_, at) => patch(`${base}/trips/${(await tripAt(at.path)).id}`, { note: "Load from gate 2" }),
      refuse: tripNotFound,
    },
    [`GET ${base}/trips/{id}/assignable-orders`]: {
      slots: ["path"],
      request: async (_, at) => get(`${base}/trips/${readTrip(at.path).id}/assignable-orders`),
      list: { kind: "secondaryOrder", ids: (b) => (b.items as { orderId: string }[]).map((o) => o.orderId) },
      refuse: tripNotFound,
    },
    [`POST ${base}/trips/{id}/drops`]: {
      slots: ["path", "order"],
      request: async (_, at) =>
        post(`${base}/trips/${(await tripAt(at.path)).id}/drops`, { orderIds: [await fresh.invoiced(at.order)] }),
      refuse: { ...tripNotFound, order: anywhere(notFound("delivery.order_not_found")) },
    },
    [`DELETE ${base}/trips/{id}/drops/{dropId}`]: {
      slots: ["path"],
      request: async (_, at) => {
        const trip = await tripAt(at.path, 1);
        return { method: "DELETE", url: `${base}/trips/${trip.id}/drops/${trip.dropIds[0]}` };
      },
      refuse: tripNotFound,
    },
    [`POST ${base}/trips/{id}/drops/reorder`]: {
      slots: ["path"],
      request: async (_, at) => {
        const trip = await tripAt(at.path, 2);
        return post(`${base}/trips/${trip.id}/drops/reorder`, { dropIds: [...trip.dropIds].reverse() });
      },
      refuse: tripNotFound,
    },
    [`GET ${base}/trips/{id}/pick-list`]: {
      slots: ["path"],
      request: async (_, at) => get(`${base}/trips/${readTrip(at.path).id}/pick-list`),
      refuse: tripNotFound,
      check: (res) => expect(res.json().items.length).toBeGreaterThan(0),
    },
    [`GET ${base}/trips/{id}/load-sheet`]: {
      slots: ["path"],
      request: async (_, at) => get(`${base}/trips/${readTrip(at.path).id}/load-sheet`),
      refuse: tripNotFound,
    },
    [`GET ${base}/trips/{id}/challans`]: {
      slots: ["path"],
      request: async (_, at) => get(`${base}/trips/${readTrip(at.path).id}/challans`),
      refuse: tripNotFound,
      check: (res) => expect(res.json().challans).toHaveLength(2),
    },
    [`POST ${base}/trips/{id}/dispatch`]: {
      slots: ["path"],
      request: async (_, at) => post(`${base}/trips/${(await tripAt(at.path, 1)).id}/dispatch`),
      refuse: tripNotFound,
    },
    [`POST ${base}/trips/{id}/complete`]: {
      slots: ["path"],
      request: async (_, at) => post(`${base}/trips/${(await tripAt(at.path, 1, true)).id}/complete`),
      refuse: tripNotFound,
    },
    [`POST ${base}/trips/{id}/cancel`]: {
      slots: ["path"],
      request: async (_, at) => post(`${base}/trips/${(await tripAt(at.path)).id}/cancel`, { reason: "matrix" }),
      refuse: tripNotFound,
    },
    [`POST ${base}/drops/{id}/deliver`]: {
      slots: ["path"],
      request: async (_, at) => post(`${base}/drops/${await firstDrop(at.path, true)}/deliver`, deliveredBody),
      refuse: dropNotFound,
    },
    [`POST ${base}/drops/{id}/fail`]: {
      slots: ["path"],
      request: async (_, at) => post(`${base}/drops/${await firstDrop(at.path, true)}/fail`, { reason: "refused" }),
      refuse: dropNotFound,
    },
    [`GET ${base}/drops/{id}/pod`]: {
      slots: ["path"],
      request: async (_, at) => get(`${base}/drops/${readTrip(at.path).podDropId}/pod`),
      refuse: { path: anywhere(notFound("delivery.pod_not_found")) },
      check: (res) => expect(res.headers["content-type"]).toBe("image/png"),
    },
    [`GET ${base}/metrics`]: {
      slots: ["distributor"],
      request: async (_, at) => get(`${base}/metrics?distributorId=${at.distributor.distributorId}`),
      refuse: byDistributor,
      check: (res) => expect(res.json().totals.attempted).toBeGreaterThan(0),
    },
    [`GET ${base}/driver/trips`]: {
      request: async () => get(`${base}/driver/trips`),
      list: { kind: "trip" },
    },
    [`GET ${base}/driver/trips/{id}`]: {
      slots: ["path"],
      request: async (_, at) => get(`${base}/driver/trips/${readTrip(at.path).id}`),
      refuse: tripNotFound,
    },
    [`POST ${base}/driver/drops/{id}/deliver`]: {
      slots: ["path"],
      request: async (_, at) =>
        idempotent(post(`${base}/driver/drops/${await firstDrop(at.path, true)}/deliver`, deliveredBody)),
      refuse: dropNotFound,
    },
    [`POST ${base}/driver/drops/{id}/fail`]: {
      slots: ["path"],
      request: async (_, at) =>
        idempotent(post(`${base}/driver/drops/${await firstDrop(at.path, true)}/fail`, { reason: "outlet_closed" })),
      refuse: dropNotFound,
    },
    [`POST ${base}/driver/trips/{id}/location`]: {
      slots: ["path"],
      request: async (_, at) =>
        idempotent(post(`${base}/driver/trips/${readTrip(at.path).id}/location`, { lat: 23.81, lng: 90.41 })),
      refuse: tripNotFound,
    },
  };
}

async function secretOf(session: Caller): Promise<string> {
  return (await ok<{ secret: string }>(session.request("POST", "/api/v1/auth/totp/setup"), "totp setup")).secret;
}

/** The same eight operations for each part of the catalogue; writes act on a fresh record. */
function catalogSpecs(
  kind: "brands" | "categories" | "skus" | "price-lists",
  idOf: "brandId" | "categoryId" | "skuId" | "priceListId",
) {
  const base = `/api/v1/${kind}`;
  const table = kind === "price-lists" ? "price_lists" : kind;
  const specs: Record<string, Spec> = {
    [`GET ${base}`]: {
      request: async () => get(`${base}?limit=200`),
      list: { kind: kind === "price-lists" ? "priceList" : table },
    },
    [`POST ${base}`]: {
      request: async () =>
        post(base, {
          code: uniq("AM-NEW"),
          name: "Matrix",
          nameBn: "ম্যাট্রিক্স",
          ...(kind === "skus" && { brandId: own.brandId, categoryId: own.categoryId }),
          ...(kind === "price-lists" && { validFrom: "2099-01-01" }),
        }),
    },
    [`GET ${base}/{id}`]: { slots: ["path"], request: async (_, at) => get(`${base}/${at.path[idOf]}`) },
    [`PATCH ${base}/{id}`]: {
      slots: ["path"],
      request: async (_, at) => patch(`${base}/${await fresh.catalog(at.path, kind)}`, { name: "Renamed" }),
    },
    [`POST ${base}/{id}/archive`]: {
      slots: ["path"],
      request: async (_, at) => post(`${base}/${await fresh.catalog(at.path, kind)}/archive`),
    },
    [`POST ${base}/{id}/restore`]: {
      slots: ["path"],
      request: async (_, at) => post(`${base}/${await fresh.catalog(at.path, kind, true)}/restore`),
    },
  };
  return specs;
}

// ---------------------------------------------------------------- running a case

const SLOTS: readonly Slot[] = [
  "path",
  "outlet",
  "distributor",
  "route",
  "territory",
  "coverage",
  "parent",
  "sku",
  "brand",
  "user",
  "order",
  "rep",
  "visit",
];
const atOwn = (): At => Object.fromEntries(SLOTS.map((s) => [s, own])) as At;

const auditCount = async () => Number((await one(sql<{ n: string | number }>`select count(*) as n from audit_log`)).n);

async function send(who: Who, req: Req) {
  return (req.as ?? callerOf(who)).request(req.method, req.url, req.body, req.headers);
}

type ListSpec = ListOf;

/** Every item of a list (all pages), as one body. */
async function fetchAll(who: Role, url: string): Promise<Json> {
  const all: unknown[] = [];
  let cursor: string | null = null;
  do {
    const res = await callerOf(who).request("GET", cursor ? `${url}&cursor=${encodeURIComponent(cursor)}` : url);
    expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
    const body = res.json() as { items: unknown[]; nextCursor?: string | null };
    all.push(...body.items);
    cursor = body.nextCursor ?? null;
  } while (cursor);
  return { items: all };
}

async function expectListWithinScope(list: ListSpec, who: Role, body: Json, nonEmpty: boolean) {
  const ids = (list.ids ?? items)(body);
  const allowed = await visibleIds(list.kind, who);
  const leaked = ids.filter((id) => !allowed.has(id));
  expect(leaked, `${list.kind} records outside the scope of ${who}`).toEqual([]);
  const mustHold = list.nonEmpty === undefined || (list.nonEmpty !== false && list.nonEmpty.includes(who));
  if (nonEmpty && mustHold) expect(ids.length, `an empty list of ${list.kind} proves nothing`).toBeGreaterThan(0);
}

/** A list answer carries only what the caller may see; a CSV export, the same rows as its (checked) list. */
async function expectWithinScope(spec: Spec, who: Role, res: LightMyRequestResponse, url: string, nonEmpty: boolean) {
  const lists = spec.list === undefined ? [] : "kind" in spec.list ? [spec.list] : spec.list;
  for (const list of lists) await expectListWithinScope(list, who, res.json(), nonEmpty);
  if (spec.csv) {
    const csv = spec.csv;
    const rows = parseCsvWithHeader(res.body).rows.map((r) => r.values[csv.column] ?? "");
    const twinBody = await fetchAll(who, csv.json(url));
    await expectListWithinScope(csv.list, who, twinBody, nonEmpty);
    const expected = (twinBody.items as Record<string, unknown>[]).map((i) => String(i[csv.field]));
    expect(rows.sort()).toEqual(expected.sort());
  }
}

function expectStatus(res: LightMyRequestResponse, status: number, what: string) {
  expect(res.statusCode, `${what} answered ${res.body.slice(0, 300)}`).toBe(status);
}

async function runCell(key: string, spec: Spec, who: Who, decision: Decision) {
  const req = await spec.request(who, atOwn());
  const before = await auditCount();
  const res = await send(who, req);
  const seen = `${who} ${key}`;
  switch (decision) {
    case "public":
    case "allow":
    case "scoped":
      expect(res.statusCode, `${seen} answered ${res.body.slice(0, 300)}`).toBeGreaterThanOrEqual(200);
      expect(res.statusCode, `${seen} answered ${res.body.slice(0, 300)}`).toBeLessThan(300);
      if (who !== "anonymous") await expectWithinScope(spec, who, res, req.url, true);
      spec.check?.(res);
      return;
    case "empty":
      if (key.includes("{id}")) expectStatus(res, 404, seen);
      else {
        expectStatus(res, 200, seen);
        expect(res.json().items, seen).toEqual([]);
      }
      break;
    case "forbidden":
      expectStatus(res, 403, seen);
      expect(errorCode(res), seen).toMatch(/forbidden|not_allowed|out_of_scope/);
      break;
    case "unauthenticated":
      expectStatus(res, 401, seen);
      expect(errorCode(res), seen).toBe("auth.required");
      break;
  }
  expect(await auditCount(), `${seen}: a refused request wrote to the audit log`).toBe(before);
}

/** What field commands write (besides their own rejection, kept for replays), in both orgs: rows and content. */
async function fieldRecords() {
  const tables = ["visits", "secondary_orders", "payments", "outlet_stock_audits", "beat_stops", "outlets"];
  const out: Record<string, unknown> = {};
  for (const name of [...tables, "outlet_onboardings", "outlet_photos", "attendance_days", "audit_log"]) {
    out[name] = await one(sql<{ n: string | number; digest: string }>`
      select count(*) as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as digest
      from ${sql.table(name)} x`);
  }
  return out;
}

async function runProbe(key: string, spec: Spec, who: Role, slot: Slot, target: Place, refusal: Refusal) {
  const req = await spec.request(who, { ...atOwn(), [slot]: target }, slot);
  const before = await auditCount();
  const recordsBefore = typeof refusal === "object" && "rejected" in refusal ? await fieldRecords() : null;
  const res = await send(who, req);
  const seen = `${who} ${key} with ${slot} in ${target.label}`;
  if (refusal === "subset") {
    expectStatus(res, 200, seen);
    await expectWithinScope(spec, who, res, req.url, false);
  } else if ("bulkFailure" in refusal) {
    expectStatus(res, 200, seen);
    expect(res.json().results, seen).toEqual([
      expect.objectContaining({ ok: false, error: expect.objectContaining({ code: refusal.bulkFailure }) }),
    ]);
  } else if ("rejected" in refusal) {
    expectStatus(res, 200, seen);
    const sent = (req.body as { commands: SentCommand[] }).commands;
    expect(sent.length, seen).toBeGreaterThan(0);
    const outcome = (res.json().results as CommandResult[]).map((r) => ({
      id: r.id,
      status: r.status,
      code: r.error?.code,
    }));
    expect(outcome, seen).toEqual(
      sent.map((c) => ({ id: c.id, status: "rejected", code: must(refusal.rejected[c.kind], `a code for ${c.kind}`) })),
    );
    expect(await fieldRecords(), `${seen}: rejected commands wrote records`).toEqual(recordsBefore);
  } else {
    expectStatus(res, refusal.status, seen);
    if (refusal.code) expect(errorCode(res), seen).toBe(refusal.code);
  }
  expect(await auditCount(), `${seen}: a refused request wrote to the audit log`).toBe(before);
}

/** A record named in the path is not found; a list filtered by a record out of reach leaves it out. */
const defaultRefusal = (spec: Spec, slot: Slot): Refusal =>
  (spec.list || spec.csv) && slot !== "path" ? "subset" : { status: 404 };

// ---------------------------------------------------------------- the tests

const apiOperations = await (async () => {
  const res = await t.app.inject({ method: "GET", url: "/api/openapi.json" });
  const doc = res.json() as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).flatMap(([p, methods]) =>
    Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`),
  );
})();
const decided = apiOperations.filter((op) => !(PUBLIC_BY_CONTRACT as readonly string[]).includes(op));

describe("the access matrix covers the API", () => {
  it("has an access decision for every operation of /api/openapi.json", () => {
    const missing = decided.filter((op) => !ACCESS_MATRIX[op]);
    expect(
      missing,
      `add an access decision to src/server/platform/access-matrix.ts (and a request to access-matrix.db.test.ts) for: ${missing.join(", ")}`,
    ).toEqual([]);
  });

  it("decides no operation that no longer exists", () => {
    const stale = Object.keys(ACCESS_MATRIX).filter((op) => !apiOperations.includes(op));
    expect(stale, `remove from access-matrix.ts the operations that are gone: ${stale.join(", ")}`).toEqual([]);
  });

  it("knows how to call every operation it decides", () => {
    const uncallable = Object.keys(ACCESS_MATRIX).filter((op) => !SPECS[op]);
    expect(uncallable, `add a request to SPECS in access-matrix.db.test.ts for: ${uncallable.join(", ")}`).toEqual([]);
    expect(Object.keys(SPECS).filter((op) => !ACCESS_MATRIX[op])).toEqual([]);
  });

  it("keeps the public-by-contract operations public", async () => {
    for (const url of ["/api/health", "/api/openapi.json"]) {
      const res = await anonymous.request("GET", url);
      expect(res.statusCode, url).toBe(200);
    }
  });

  it("tests the scopes it claims to: each demo user's session states the scope the oracle assumes", async () => {
    const res = await Promise.all(ROLES.map((r) => callers[r].request("GET", "/api/v1/auth/session")));
    const kinds = res.map((r) => r.json().user.scope.kind);
    expect(kinds).toEqual(ROLES.map((r) => SCOPES[r].kind));
    expect(res[ROLES.indexOf("distributor")]?.json().user.scope.distributorId).toBe(fA.distributorId);
    expect(res[ROLES.indexOf("retailer")]?.json().user.scope.outletId).toBe(fA.outletId);
    // The places lie where the probes need them: far outside the division, the sibling inside it but
    // outside the rep's territory.
    expect((await path(t.orgA.orgId, far.routeId)).startsWith(managerPath)).toBe(false);
    expect((await path(t.orgA.orgId, sibling.routeId)).startsWith(managerPath)).toBe(true);
    expect((await path(t.orgA.orgId, sibling.routeId)).startsWith(repPath)).toBe(false);
    expect((await path(t.orgA.orgId, own.routeId)).startsWith(repPath)).toBe(true);
    // Each place's rep walks its route: field work there is theirs.
    for (const p of [own, sibling, far, inOrgB]) expect(await walkerOf(p), p.label).toBe(p.userId);
  });
});

const known = Object.keys(ACCESS_MATRIX).filter((op) => SPECS[op] && apiOperations.includes(op));

describe("lists without a filter carry only what the caller may see", () => {
  const cases = known.flatMap((key) => {
    const spec = must(SPECS[key], key);
    const rule = must(ACCESS_MATRIX[key], key);
    if (!spec.unfiltered) return [];
    return ROLES.filter((who) => ["allow", "scoped"].includes(decisionFor(rule, who))).map((who) => ({
      key,
      who,
      url: spec.unfiltered ?? "",
    }));
  });
  it.each(cases)("$key as $who", async ({ key, who, url }) => {
    const spec = must(SPECS[key], key);
    const res = await callerOf(who).request("GET", url);
    expectStatus(res, 200, `${who} ${url}`);
    await expectWithinScope(spec, who, res, url, true);
  });
});

describe("order book prices", () => {
  // Distributor-specific price lists are between the company and that distributor (see the price lists above).
  it.each([
    { who: "retailer" as const, withOutlet: true },
    { who: "distributor" as const, withOutlet: false },
  ])("are $who's own distributor's: another distributor's are not found", async ({ who, withOutlet }) => {
    const query = `distributorId=${far.distributorId}${withOutlet ? `&outletId=${own.outletId}` : ""}`;
    const res = await callers[who].request("GET", `/api/v1/catalog/order-book?${query}`);
    expectStatus(res, 404, `${who} order book of DB-2`);
    expect(errorCode(res)).toBe("catalog.distributor_not_found");
    const mine = await callers[who].request("GET", `/api/v1/catalog/order-book?distributorId=${own.distributorId}`);
    expectStatus(mine, 200, `${who} order book of DB-1`);
    expect(mine.json().distributorId).toBe(own.distributorId);
  });
});

describe("an outlet that changed distributor", () => {
  // The outlet owed DB-2 before it moved to DB-1: what it owed DB-2 is DB-2's business, not DB-1's user's.
  it("shows the new distributor's user none of the old distributor's ledger", async () => {
    const outletId = (
      await ok<Row>(
        adminA.request("POST", "/api/v1/outlets", {
          code: uniq("AM-MOVED"),
          name: "Moved Outlet",
          nameBn: "সরানো দোকান",
          ownerName: "Rahim",
          channel: "grocery",
          routeId: own.routeId,
        }),
        "an outlet",
      )
    ).id;
    const assign = (distributorId: string, effectiveFrom: string) =>
      ok(
        adminA.request("POST", `/api/v1/outlets/${outletId}/assign`, {
          distributorId,
          routeId: own.routeId,
          effectiveFrom,
        }),
        "assign",
      );
    await assign(fA.otherDistributorId, businessDate(new Date(Date.now() - 2 * 86_400_000)));
    const oldOrder = await fresh.delivered({ ...own, outletId });
    await ok(
      adminA.request("POST", "/api/v1/payments", { outletId, orderId: oldOrder, method: "cash", amountPoisha: 100 }),
      "a payment to DB-2",
    );
    await assign(fA.distributorId, today);

    const distributor = callers.distributor;
    const dues = await distributor.request("GET", `/api/v1/outlets/${outletId}/dues`);
    expectStatus(dues, 200, "the moved outlet's dues");
    const ownEntries = await sql<Row>`select id from receivable_entries
      where org_id = ${t.orgA.orgId} and outlet_id = ${outletId} and distributor_id = ${fA.distributorId}`.execute(db);
    const allowed = new Set(ownEntries.rows.map((r) => r.id));
    const entries = (dues.json().entries as Row[]).map((e) => e.id);
    expect(
      entries.filter((id) => !allowed.has(id)),
      "DB-2's ledger lines",
    ).toEqual([]);
    expect(Object.values(dues.json().ageing as Record<string, number>).every((v) => v === 0)).toBe(true);
    // The lists agree: DB-2's order, payment and dues are not DB-1's.
    for (const [url, kind] of [
      [`/api/v1/secondary-orders?limit=200&outletId=${outletId}`, "secondaryOrder"],
      [`/api/v1/payments?limit=200&outletId=${outletId}`, "payment"],
    ] as const) {
      const res = await distributor.request("GET", url);
      expectStatus(res, 200, url);
      await expectListWithinScope({ kind }, "distributor", res.json(), false);
    }
    const list = await distributor.request("GET", "/api/v1/dues?limit=200");
    await expectListWithinScope({ kind: "dues", ids: duesKeys }, "distributor", list.json(), false);
    // The admin still sees all of it.
    const all = await adminA.request("GET", `/api/v1/outlets/${outletId}/dues`);
    expect((all.json().entries as Row[]).length).toBeGreaterThan(0);
  });
});

describe.each(known)("%s", (key) => {
  const rule = must(ACCESS_MATRIX[key], key);
  const spec = must(SPECS[key], key);
  const cells = WHO.map((who) => ({ who, decision: decisionFor(rule, who) }));

  it.each(cells)("$who: $decision", ({ who, decision }) => runCell(key, spec, who, decision));

  const probes = ROLES.flatMap((who) => {
    const decision = decisionFor(rule, who);
    if (decision !== "allow" && decision !== "scoped") return [];
    return (spec.slots ?? []).flatMap((slot) => {
      const targets: { target: Place; kind: "outside" | "otherOrg" }[] = [];
      if (decision === "scoped" && !ORG_WIDE_SLOTS.has(slot)) targets.push({ target: outsideOf(who), kind: "outside" });
      if (!spec.byCode) targets.push({ target: inOrgB, kind: "otherOrg" });
      return targets.map(({ target, kind }) => ({
        who,
        slot,
        target,
        where: target.label,
        refusal: refusalFor(spec.refuse?.[slot]?.[kind], who) ?? defaultRefusal(spec, slot),
      }));
    });
  });
  if (probes.length)
    it.each(probes)("$who with the $slot in $where: refused", ({ who, slot, target, refusal }) =>
      runProbe(key, spec, who, slot, target, refusal),
    );
});

// ---------------------------------------------------------------- analytics beyond one request

/** Each export and the dashboard whose rows it writes out, with the labels those rows show (in English). */
interface Exported {
  dashboard: string;
  labels: (b: Json) => string[];
  /** The column that names the rows (the first by default). */
  column?: number;
  /** false: the report has no totals row. */
  totals?: false;
  /** Records the report reads, made just before. */
  before?: () => Promise<void>;
}
const EXPORTED: Record<string, Exported> = {
  "GET /api/v1/analytics/sales/export": {
    dashboard: "/api/v1/analytics/sales?by=outlet&limit=1000",
    labels: (b) => (b.rows as { label: string }[]).map((r) => r.label),
  },
  "GET /api/v1/analytics/field/export": {
    dashboard: "/api/v1/analytics/field?by=rep",
    labels: (b) => (b.rows as { label: string }[]).map((r) => r.label),
  },
  "GET /api/v1/analytics/availability/export": {
    dashboard: "/api/v1/analytics/availability?by=territory",
    labels: (b) => (b.rows as { label: string }[]).map((r) => r.label),
  },
  "GET /api/v1/analytics/distributors/export": {
    dashboard: "/api/v1/analytics/distributors",
    labels: (b) => (b.rows as { name: string }[]).map((r) => r.name),
  },
  // One row per warning, named in the second column, and no totals.
  "GET /api/v1/analytics/warnings/export": {
    dashboard: "/api/v1/analytics/warnings?limit=1000",
    labels: (b) => (b.items as { subjectLabel: string }[]).map((w) => w.subjectLabel),
    column: 1,
    totals: false,
    before: plantWarnings,
  },
  // A distributor's stock plan: one row per SKU, named by its code, and no totals.
  // A claim's lines: one row per line, named by its order number (the second column), then the total.
  "GET /api/v1/claims/{id}/export": {
    dashboard: `/api/v1/claims/${ownClaimId}`,
    labels: (b) => (b.lines as { orderNumber: string }[]).map((l) => l.orderNumber),
    column: 1,
  },
  // A period's approved commission statements: one row per statement, named by its person, then the total payout.
  "GET /api/v1/incentives/statements/export": {
    dashboard: `/api/v1/incentives/statements?periodStart=${today.slice(0, 8)}01&status=approved`,
    labels: (b) => (b.items as { personName: string }[]).map((s) => s.personName),
  },
  "GET /api/v1/replenishment/plan/export": {
    dashboard: `/api/v1/replenishment/plan?distributorId=${own.distributorId}`,
    labels: (b) => (b.rows as { skuCode: string }[]).map((r) => r.skuCode),
    totals: false,
  },
};

describe("analytics exports hold the dashboard's rows, as the caller may see them", () => {
  const cases = known
    .filter((key) => key.endsWith("/export"))
    .flatMap((key) =>
      ANALYTICS_ROLES.filter((who) =>
        ["allow", "scoped"].includes(decisionFor(must(ACCESS_MATRIX[key], key), who)),
      ).map((who) => ({ key, who })),
    );
  it("knows the dashboard of every export", () => {
    expect(known.filter((key) => key.endsWith("/export") && !EXPORTED[key])).toEqual([]);
  });
  it.each(cases)("$key as $who", async ({ key, who }) => {
    const { dashboard, labels, column = 0, totals, before } = must(EXPORTED[key], key);
    await before?.();
    const en = { "accept-language": "en" };
    const json = await callers[who].request("GET", dashboard, undefined, en);
    expectStatus(json, 200, `${who} ${dashboard}`);
    const spec = must(SPECS[key.replace("/export", "")], key);
    await expectWithinScope(spec, who, json, dashboard, true);
    const [path, query] = dashboard.split("?");
    const url = `${path}/export?format=csv${query ? `&${query}` : ""}`;
    const csv = await callers[who].request("GET", url, undefined, en);
    expectStatus(csv, 200, `${who} ${url}`);
    const parsed = parseCsvWithHeader(csv.body);
    const named = must(parsed.columns[column], "the naming column");
    const shown = parsed.rows.map((r) => r.values[named]);
    // Every row of the dashboard, in its order, then the totals row.
    if (totals === false) expect(shown).toEqual(labels(json.json()));
    else {
      expect(shown.slice(0, -1)).toEqual(labels(json.json()));
      expect(shown.at(-1)).toBe("Total");
    }
  });
});

describe("scheduled reports named by their owner", () => {
  const list = (who: Role, ownerId: string) =>
    callers[who].request("GET", `/api/v1/analytics/report-schedules?limit=100&ownerId=${ownerId}`);
  it("are none of a non-admin's business when the owner is someone else", async () => {
    for (const who of ["manager", "distributor", "marketing"] as const) {
      const res = await list(who, userIdOf("admin"));
      expectStatus(res, 200, `${who} listing the admin's schedules`);
      expect(res.json().items, who).toEqual([]);
    }
  });
  it("are that person's, for the admin", async () => {
    const res = await list("admin", userIdOf("manager"));
    expectStatus(res, 200, "the admin listing the manager's schedules");
    const owners = (res.json().items as { ownerId: string }[]).map((i) => i.ownerId);
    expect(owners.length).toBeGreaterThan(0);
    expect(new Set(owners)).toEqual(new Set([userIdOf("manager")]));
  });
});

describe("an outlet's analytics page after it changed distributor", () => {
  // As with its dues (above): what the outlet bought from DB-2 is DB-2's business, not DB-1's user's.
  it("shows the new distributor's user none of the old distributor's trade", async () => {
    const outletId = (
      await ok<Row>(
        adminA.request("POST", "/api/v1/outlets", {
          code: uniq("AM-AMOVED"),
          name: "Moved Outlet",
          nameBn: "সরানো দোকান",
          ownerName: "Rahim",
          channel: "grocery",
          routeId: own.routeId,
        }),
        "an outlet",
      )
    ).id;
    const assign = (distributorId: string, effectiveFrom: string) =>
      ok(
        adminA.request("POST", `/api/v1/outlets/${outletId}/assign`, {
          distributorId,
          routeId: own.routeId,
          effectiveFrom,
        }),
        "assign",
      );
    await assign(fA.otherDistributorId, businessDate(new Date(Date.now() - 2 * 86_400_000)));
    await fresh.confirmed({ ...own, outletId });
    await assign(fA.distributorId, today);
    for (let applied = 1; applied > 0; ) applied = await applyPendingSalesChanges(db);

    const all = await adminA.request("GET", `/api/v1/analytics/outlets/${outletId}`);
    expectStatus(all, 200, "the admin's page of the moved outlet");
    expect(all.json().skus.length, "the admin sees what DB-2 sold").toBeGreaterThan(0);
    const res = await callers.distributor.request("GET", `/api/v1/analytics/outlets/${outletId}`);
    expectStatus(res, 200, "DB-1's page of the moved outlet");
    const page = res.json();
    expect(page.totals.current.orderedPoisha, "DB-2's sales in DB-1's totals").toBe(0);
    expect(page.lastOrders, "DB-2's memos").toEqual([]);
    expect(page.skus, "what the outlet bought from DB-2").toEqual([]);
    expect(page.lastOrderOn, "when the outlet last ordered from DB-2").toBeNull();
  });
});

// ---------------------------------------------------------------- service desk

/** A ticket at a place (its territory), opened by that org's admin; resolved when asked. */
async function freshTicket(p: Place, resolved = false): Promise<string> {
  const ticket = await ok<Row>(
    p.admin.request("POST", "/api/v1/service/tickets", {
      type: "question",
      subject: uniq("Matrix ticket"),
      requesterName: "রহিম",
      territoryId: p.territoryId,
    }),
    "a ticket",
  );
  if (resolved)
    await ok(
      p.admin.request("POST", `/api/v1/service/tickets/${ticket.id}/status`, {
        status: "resolved",
        resolution: "Done",
      }),
      "a resolved ticket",
    );
  return ticket.id;
}

async function freshArticle(p: Place, published = false): Promise<string> {
  const article = await ok<Row>(
    p.admin.request("POST", "/api/v1/kb/articles", { titleEn: uniq("Matrix FAQ"), bodyEn: "An answer" }),
    "an article",
  );
  if (published) await ok(p.admin.request("POST", `/api/v1/kb/articles/${article.id}/publish`), "published");
  return article.id;
}

/** A ticket at every place (each reader's queue has some to show and some to leave out) and an article per org. */
async function plantServiceDesk() {
  for (const p of [own, sibling, far, inOrgB]) await freshTicket(p);
  for (const p of [own, inOrgB]) await freshArticle(p, true);
}

/** Tickets: at a place by their territory; articles and settings are the org's; the help page is public. */
function serviceSpecs(): Record<string, Spec> {
  const base = "/api/v1/service";
  const kb = "/api/v1/kb/articles";
  const help = "/api/v1/public/orgs/org-a";
  const ticketNotFound = { path: anywhere(notFound("service.ticket_not_found")) };
  const articleNotFound = { path: anywhere(notFound("service.article_not_found")) };
  const onTicket = (action: (id: string) => Req, resolved = false): Spec => ({
    slots: ["path"],
    request: async (_, at) => action(await freshTicket(at.path, resolved)),
    refuse: ticketNotFound,
  });
  const onArticle = (action: (id: string) => Req): Spec => ({
    slots: ["path"],
    request: async (_, at) => action(await freshArticle(at.path)),
    refuse: articleNotFound,
  });
  const week = [...Array(5).fill({ open: "09:00", close: "18:00" }), null, { open: "09:00", close: "18:00" }];
  const policy = (priority: string, firstResponseMinutes: number, resolutionMinutes: number) => ({
    priority,
    firstResponseMinutes,
    resolutionMinutes,
    escalatePriority: true,
    escalateToUserId: null,
  });
  const email = () =>
    [
      "From: Karim <karim@example.com>",
      `Subject: ${uniq("Matrix mail")}`,
      "Content-Type: text/plain; charset=utf-8",
      "",
      "Where is my order?",
    ].join("\r\n");
  return {
    [`GET ${base}/tickets`]: {
      request: async () => get(`${base}/tickets?limit=200`),
      list: { kind: "ticket" },
      unfiltered: `${base}/tickets?limit=200&view=all`,
    },
    [`POST ${base}/tickets`]: {
      slots: ["territory"],
      request: async (_, at) =>
        post(`${base}/tickets`, {
          type: "complaint",
          subject: uniq("Matrix complaint"),
          requesterName: "করিম",
          territoryId: at.territory.territoryId,
        }),
      refuse: { territory: anywhere(notFound("service.territory_not_found")) },
      check: (res) => expect(res.json().territoryId).toBe(own.territoryId),
    },
    [`GET ${base}/tickets/{id}`]: { ...onTicket((id) => get(`${base}/tickets/${id}`)) },
    [`PATCH ${base}/tickets/{id}`]: {
      ...onTicket((id) => patch(`${base}/tickets/${id}`, { priority: "high" })),
      check: (res) => expect(res.json().priority).toBe("high"),
    },
    [`POST ${base}/tickets/{id}/messages`]: {
      ...onTicket((id) => post(`${base}/tickets/${id}/messages`, { kind: "public", body: "We are on it" })),
      check: (res) => expect(res.json().firstResponse.metAt).not.toBeNull(),
    },
    [`POST ${base}/tickets/{id}/status`]: {
      ...onTicket((id) => post(`${base}/tickets/${id}/status`, { status: "pending" })),
      check: (res) => expect(res.json().status).toBe("pending"),
    },
    [`POST ${base}/tickets/{id}/article`]: {
      ...onTicket((id) => post(`${base}/tickets/${id}/article`), true),
      check: (res) => expect(res.json().status).toBe("draft"),
    },
    [`POST ${base}/inbound-email`]: {
      request: async () => post(`${base}/inbound-email`, { raw: email() }),
      check: (res) => expect(res.json().action).toBe("created"),
    },
    [`GET ${base}/agents`]: { request: async () => get(`${base}/agents`) },
    [`GET ${base}/settings`]: { request: async () => get(`${base}/settings`) },
    [`PUT ${base}/settings`]: {
      request: async () => ({
        method: "PUT",
        url: `${base}/settings`,
        body: {
          timeZone: "Asia/Dhaka",
          week,
          holidays: ["2026-12-16"],
          policies: [
            policy("low", 540, 2700),
            policy("normal", 240, 1080),
            policy("high", 120, 540),
            policy("urgent", 30, 240),
          ],
        },
      }),
    },
    [`GET ${kb}`]: { request: async () => get(`${kb}?limit=200`), list: { kind: "kb_articles" } },
    [`POST ${kb}`]: { request: async () => post(kb, { titleBn: uniq("প্রশ্ন"), bodyBn: "উত্তর" }) },
    [`GET ${kb}/{id}`]: onArticle((id) => get(`${kb}/${id}`)),
    [`PATCH ${kb}/{id}`]: onArticle((id) => patch(`${kb}/${id}`, { titleBn: "নতুন শিরোনাম" })),
    [`POST ${kb}/{id}/publish`]: {
      ...onArticle((id) => post(`${kb}/${id}/publish`)),
      check: (res) => expect(res.json().status).toBe("published"),
    },
    [`POST ${kb}/{id}/unpublish`]: onArticle((id) => post(`${kb}/${id}/unpublish`)),
    "GET /api/v1/public/orgs/{orgSlug}/faq": {
      request: async () => get(`${help}/faq?lang=en&q=matrix`),
      check: (res) => expect(res.json().items.length).toBeGreaterThan(0),
    },
    "GET /api/v1/public/orgs/{orgSlug}/faq/{id}": {
      request: async () => get(`${help}/faq/${await freshArticle(own, true)}`),
    },
    "POST /api/v1/public/orgs/{orgSlug}/faq/{id}/vote": {
      request: async () => post(`${help}/faq/${await freshArticle(own, true)}/vote`, { helpful: true }),
    },
    "POST /api/v1/public/orgs/{orgSlug}/tickets": {
      request: async () =>
        post(`${help}/tickets`, { name: "সালমা", phone: "01811223344", subject: "দাম", message: "চিনির দাম কত?" }),
    },
  };
}

// ---------------------------------------------------------------- leads (C1)

/** A lead placed on the place's route, made by its org's admin (owned by nobody). */
async function freshLead(p: Place, name = uniq("AM lead")) {
  return (
    await ok<Row>(
      p.admin.request("POST", "/api/v1/crm/leads", {
        name,
        phone: "01712345678",
        territoryId: p.routeId,
        ownerUserId: null,
      }),
      "a lead",
    )
  ).id;
}

async function freshLeadForm(p: Place) {
  return ok<{ id: string; publicKey: string }>(
    p.admin.request("POST", "/api/v1/crm/lead-forms", { name: uniq("AM form"), fields: { phone: "required" } }),
    "a lead form",
  );
}

/** Every place has leads: each reader's inbox has some to show and some to leave out. */
async function plantLeads() {
  for (const p of [own, sibling, far, inOrgB]) await freshLead(p);
}

/**
 * Leads: a lead is "at" the route it is placed on; a manager or rep outside finds it "not found", as does anyone in
 * another org. Forms and assignment rules are head office's (and marketing's, for forms): only another org's are out
 * of reach. The public form routes answer anyone.
 */
function leadSpecs(): Record<string, Spec> {
  const base = "/api/v1/crm/leads";
  const leadNotFound = { path: anywhere(notFound("lead.not_found")) };
  const formNotFound = { path: anywhere(notFound("lead.form_not_found")) };
  return {
    [`GET ${base}`]: {
      request: async () => get(`${base}?limit=200&view=all`),
      list: { kind: "lead", ids: items },
      unfiltered: `${base}?limit=200&view=all`,
    },
    [`POST ${base}`]: {
      slots: ["route"],
      request: async (_, at) =>
        post(base, { name: uniq("AM new lead"), phone: "01812345678", territoryId: at.route.routeId }),
      refuse: { route: anywhere(notFound("lead.territory_not_found")) },
      check: (res) => expect(res.json().territoryId).toBe(own.routeId),
    },
    [`POST ${base}/import`]: {
      request: async () =>
        post(`${base}/import`, { format: "csv", text: `name,phone\n${uniq("AM import")},01912345678\n` }),
      check: (res) => expect(res.json().imported).toBe(1),
    },
    [`GET ${base}/{id}`]: {
      slots: ["path"],
      request: async (_, at) => get(`${base}/${await freshLead(at.path)}`),
      refuse: leadNotFound,
      check: (res) => expect(res.json().territoryId).toBe(own.routeId),
    },
    [`PATCH ${base}/{id}`]: {
      slots: ["path"],
      request: async (_, at) => patch(`${base}/${await freshLead(at.path)}`, { status: "contacted" }),
      refuse: leadNotFound,
      check: (res) => expect(res.json().status).toBe("contacted"),
    },
    [`GET ${base}/{id}/duplicates`]: {
      slots: ["path"],
      request: async (_, at) => get(`${base}/${await freshLead(at.path)}/duplicates`),
      refuse: leadNotFound,
    },
    [`POST ${base}/{id}/merge`]: {
      slots: ["path"],
      request: async (_, at) => post(`${base}/${await freshLead(at.path)}/merge`, { mergeIds: [await freshLead(own)] }),
      refuse: leadNotFound,
      check: (res) => expect(res.json().status).toBe("new"),
    },
    [`POST ${base}/{id}/convert`]: {
      slots: ["path"],
      request: async (_, at) =>
        post(`${base}/${await freshLead(at.path)}/convert`, {
          account: { name: uniq("AM account") },
          contact: { create: true },
          deal: { name: uniq("AM deal"), amountPoisha: 100_000 },
        }),
      refuse: leadNotFound,
      check: (res) => expect(res.json().lead.status).toBe("converted"),
    },
    "GET /api/v1/crm/lead-forms": { request: async () => get("/api/v1/crm/lead-forms") },
    "POST /api/v1/crm/lead-forms": {
      request: async () => post("/api/v1/crm/lead-forms", { name: uniq("AM form"), fields: { email: "required" } }),
    },
    "GET /api/v1/crm/lead-forms/{id}": {
      slots: ["path"],
      request: async (_, at) => get(`/api/v1/crm/lead-forms/${(await freshLeadForm(at.path)).id}`),
      refuse: formNotFound,
    },
    "PATCH /api/v1/crm/lead-forms/{id}": {
      slots: ["path"],
      request: async (_, at) => patch(`/api/v1/crm/lead-forms/${(await freshLeadForm(at.path)).id}`, { active: false }),
      refuse: formNotFound,
    },
    "GET /api/v1/crm/assignment-rules": { request: async () => get("/api/v1/crm/assignment-rules") },
    "PUT /api/v1/crm/assignment-rules": {
      request: async () => ({ method: "PUT", url: "/api/v1/crm/assignment-rules", body: { rules: [] } }),
    },
    "GET /api/v1/public/forms/{key}": {
      request: async () => get(`/api/v1/public/forms/${(await freshLeadForm(own)).publicKey}`),
    },
    "POST /api/v1/public/forms/{key}/submissions": {
      request: async () =>
        post(`/api/v1/public/forms/${(await freshLeadForm(own)).publicKey}/submissions`, {
          name: uniq("AM visitor"),
          phone: "01712345678",
        }),
      check: (res) => expect(res.json().ok).toBe(true),
    },
  };
}

// ---------------------------------------------------------------- CRM records (accounts, contacts, fields, segments)

/** A company account at a place (its territory, no owner), made by that org's admin; archived when asked. */
async function freshAccount(p: Place, archived = false): Promise<string> {
  const { id } = await ok<Row>(
    p.admin.request("POST", "/api/v1/crm/accounts", {
      name: uniq("Matrix Account"),
      territoryId: p.territoryId,
      ownerUserId: null,
    }),
    "an account",
  );
  if (archived) await ok(p.admin.request("POST", `/api/v1/crm/accounts/${id}/archive`), "an archived account");
  return id;
}

async function freshContact(p: Place, archived = false): Promise<string> {
  const { id } = await ok<Row>(
    p.admin.request("POST", "/api/v1/crm/contacts", {
      name: uniq("Matrix Contact"),
      territoryId: p.territoryId,
      ownerUserId: null,
    }),
    "a contact",
  );
  if (archived) await ok(p.admin.request("POST", `/api/v1/crm/contacts/${id}/archive`), "an archived contact");
  return id;
}

async function freshCustomField(p: Place): Promise<string> {
  const key = uniq("matrix").replace("-", "_");
  return (
    await ok<Row>(
      p.admin.request("POST", "/api/v1/crm/custom-fields", {
        entity: "contact",
        key,
        labelEn: "Matrix field",
        labelBn: "ম্যাট্রিক্স ফিল্ড",
        type: "text",
      }),
      "a custom field",
    )
  ).id;
}

/**
 * A segment over accounts: shared and made by the place's admin, or (to change or remove it, which only its owner
 * may) the caller's own; a caller who cannot make one gets the admin's.
 */
async function freshSegment(p: Place, who?: Who): Promise<string> {
  const maker =
    who && p !== inOrgB && ["admin", "manager", "rep", "marketing", "service"].includes(who) ? callerOf(who) : p.admin;
  return (
    await ok<Row>(
      maker.request("POST", "/api/v1/crm/segments", {
        name: uniq("Matrix segment"),
        entity: "account",
        shared: true,
        filter: { all: [] },
      }),
      "a segment",
    )
  ).id;
}

/** Accounts and contacts: at a place by their territory (and owner); fields and segments are the org's. */
function crmRecordSpecs(): Record<string, Spec> {
  const accounts = "/api/v1/crm/accounts";
  const contacts = "/api/v1/crm/contacts";
  const segments = "/api/v1/crm/segments";
  const byTerritory = { territory: anywhere(notFound("crm.territory_not_found")) };
  const networkIds = (b: Json) => (b.items as { networkId: string }[]).map((i) => i.networkId);
  return {
    [`GET ${accounts}`]: {
      request: async (_, at) => {
        await freshAccount(at.path);
        return get(`${accounts}?limit=200`);
      },
      list: { kind: "crmAccount" },
    },
    [`POST ${accounts}`]: {
      slots: ["territory"],
      request: async (_, at) => post(accounts, { name: uniq("Matrix Co"), territoryId: at.territory.territoryId }),
      refuse: byTerritory,
      check: (res) => expect(res.json().kind).toBe("company"),
    },
    [`GET ${accounts}/network`]: {
      request: async () => get(`${accounts}/network?kind=outlet&limit=200`),
      list: { kind: "outlet", ids: networkIds },
    },
    [`POST ${accounts}/for-outlet/{id}`]: {
      slots: ["outlet"],
      request: async (_, at) => post(`${accounts}/for-outlet/${at.outlet.outletId}`),
      refuse: { outlet: anywhere(notFound("crm.network_record_not_found")) },
    },
    [`POST ${accounts}/for-distributor/{id}`]: {
      slots: ["distributor"],
      request: async (_, at) => post(`${accounts}/for-distributor/${at.distributor.distributorId}`),
      refuse: { distributor: anywhere(notFound("crm.network_record_not_found")) },
    },
    [`GET ${accounts}/{id}`]: {
      slots: ["path"],
      request: async (_, at) => get(`${accounts}/${await freshAccount(at.path)}`),
      refuse: { path: anywhere(notFound("crm.account_not_found")) },
    },
    [`PATCH ${accounts}/{id}`]: {
      slots: ["path"],
      request: async (_, at) => patch(`${accounts}/${await freshAccount(at.path)}`, { industry: "Retail" }),
      refuse: { path: anywhere(notFound("crm.account_not_found")) },
      check: (res) => expect(res.json().industry).toBe("Retail"),
    },
    [`POST ${accounts}/{id}/archive`]: {
      slots: ["path"],
      request: async (_, at) => post(`${accounts}/${await freshAccount(at.path)}/archive`),
      refuse: { path: anywhere(notFound("crm.account_not_found")) },
      check: (res) => expect(res.json().archivedAt).not.toBeNull(),
    },
    [`POST ${accounts}/{id}/restore`]: {
      slots: ["path"],
      request: async (_, at) => post(`${accounts}/${await freshAccount(at.path, true)}/restore`),
      refuse: { path: anywhere(notFound("crm.account_not_found")) },
      check: (res) => expect(res.json().archivedAt).toBeNull(),
    },
    [`GET ${contacts}`]: {
      request: async (_, at) => {
        await freshContact(at.path);
        return get(`${contacts}?limit=200`);
      },
      list: { kind: "crmContact" },
    },
    [`POST ${contacts}`]: {
      slots: ["territory"],
      request: async (_, at) => post(contacts, { name: uniq("Matrix Person"), territoryId: at.territory.territoryId }),
      refuse: byTerritory,
    },
    [`GET ${contacts}/{id}`]: {
      slots: ["path"],
      request: async (_, at) => get(`${contacts}/${await freshContact(at.path)}`),
      refuse: { path: anywhere(notFound("crm.contact_not_found")) },
    },
    [`PATCH ${contacts}/{id}`]: {
      slots: ["path"],
      request: async (_, at) => patch(`${contacts}/${await freshContact(at.path)}`, { title: "Buyer" }),
      refuse: { path: anywhere(notFound("crm.contact_not_found")) },
      check: (res) => expect(res.json().title).toBe("Buyer"),
    },
    [`POST ${contacts}/{id}/archive`]: {
      slots: ["path"],
      request: async (_, at) => post(`${contacts}/${await freshContact(at.path)}/archive`),
      refuse: { path: anywhere(notFound("crm.contact_not_found")) },
    },
    [`POST ${contacts}/{id}/restore`]: {
      slots: ["path"],
      request: async (_, at) => post(`${contacts}/${await freshContact(at.path, true)}/restore`),
      refuse: { path: anywhere(notFound("crm.contact_not_found")) },
    },
    "GET /api/v1/crm/custom-fields": { request: async () => get("/api/v1/crm/custom-fields?entity=contact") },
    "POST /api/v1/crm/custom-fields": {
      request: async () =>
        post("/api/v1/crm/custom-fields", {
          entity: "account",
          key: uniq("matrix").replace("-", "_"),
          labelEn: "Size",
          labelBn: "আকার",
          type: "number",
        }),
    },
    "PATCH /api/v1/crm/custom-fields/{id}": {
      slots: ["path"],
      request: async (_, at) =>
        patch(`/api/v1/crm/custom-fields/${await freshCustomField(at.path)}`, { labelEn: "Renamed" }),
      refuse: { path: anywhere(notFound("crm.custom_field_not_found")) },
    },
    [`GET ${segments}`]: { request: async () => get(`${segments}?entity=account`) },
    [`POST ${segments}`]: {
      request: async () =>
        post(segments, {
          name: uniq("Matrix saved"),
          entity: "contact",
          filter: { all: [{ field: "name", op: "contains", value: "Matrix" }] },
        }),
    },
    [`GET ${segments}/{id}`]: {
      slots: ["path"],
      request: async (_, at) => get(`${segments}/${await freshSegment(at.path)}`),
      refuse: { path: anywhere(notFound("crm.segment_not_found")) },
    },
    [`PATCH ${segments}/{id}`]: {
      slots: ["path"],
      request: async (who, at) => patch(`${segments}/${await freshSegment(at.path, who)}`, { name: uniq("Renamed") }),
      refuse: { path: anywhere(notFound("crm.segment_not_found")) },
    },
    [`DELETE ${segments}/{id}`]: {
      slots: ["path"],
      request: async (who, at) => ({ method: "DELETE", url: `${segments}/${await freshSegment(at.path, who)}` }),
      refuse: { path: anywhere(notFound("crm.segment_not_found")) },
    },
    [`GET ${segments}/{id}/members`]: {
      slots: ["path"],
      request: async (_, at) => {
        await freshAccount(at.path);
        return get(`${segments}/${await freshSegment(at.path)}/members?limit=200`);
      },
      list: { kind: "crmAccount" },
      refuse: { path: anywhere(notFound("crm.segment_not_found")) },
    },
    "GET /api/v1/crm/timeline": {
      slots: ["path"],
      request: async (_, at) => get(`/api/v1/crm/timeline?type=account&id=${await freshAccount(at.path)}`),
      refuse: { path: anywhere(notFound("crm.account_not_found")) },
    },
  };
}

// ---------------------------------------------------------------- sales path and activities (C3, C4)

/** A deal on a fresh account at a place (its territory), made by that org's admin. */
async function freshDeal(p: Place): Promise<{ id: string; version: number; stageId: string }> {
  return ok(
    p.admin.request("POST", "/api/v1/crm/deals", {
      name: uniq("Matrix deal"),
      accountId: await freshAccount(p),
      territoryId: p.territoryId,
      amountPoisha: 10_000_00,
    }),
    "a deal",
  );
}

/** A note about a fresh account at a place, logged by that org's admin (so it lies in the place's territory). */
async function freshActivity(p: Place): Promise<string> {
  return (
    await ok<Row>(
      p.admin.request("POST", "/api/v1/crm/activities", {
        kind: "note",
        subject: uniq("Matrix note"),
        links: [{ type: "account", id: await freshAccount(p) }],
      }),
      "an activity",
    )
  ).id;
}

const pipelineBody = () => ({
  name: uniq("Matrix pipeline"),
  nameBn: "ম্যাট্রিক্স পাইপলাইন",
  stages: [
    { name: "Open", nameBn: "চলমান", kind: "open", probabilityBp: 3000 },
    { name: "Won", nameBn: "জয়", kind: "won", probabilityBp: 10000 },
    { name: "Lost", nameBn: "হারানো", kind: "lost", probabilityBp: 0 },
  ],
});

/** The next stage of a deal's default pipeline after its first: a move that needs no lost reason. */
async function secondStage(p: Place): Promise<string> {
  const { items } = await ok<{ items: { isDefault: boolean; stages: { id: string }[] }[] }>(
    p.admin.request("GET", "/api/v1/crm/pipelines"),
    "pipelines",
  );
  return must(items.find((i) => i.isDefault)?.stages[1]?.id, "a second stage");
}

/** Deals, activities and the forecast follow the CRM rule by territory and owner; pipelines are the org's. */
function pipelineSpecs(): Record<string, Spec> {
  const deals = "/api/v1/crm/deals";
  const activities = "/api/v1/crm/activities";
  const dealNotFound = { path: anywhere(notFound("deals.not_found")) };
  const boardIds = (b: Json) => (b.columns as { deals: Row[] }[]).flatMap((c) => c.deals.map((d) => d.id));
  return {
    "GET /api/v1/crm/pipelines": { request: async () => get("/api/v1/crm/pipelines") },
    "POST /api/v1/crm/pipelines": { request: async () => post("/api/v1/crm/pipelines", pipelineBody()) },
    "PUT /api/v1/crm/pipelines/{id}": {
      slots: ["path"],
      request: async (_, at) => {
        const made = await ok<Row>(at.path.admin.request("POST", "/api/v1/crm/pipelines", pipelineBody()), "pipeline");
        return { method: "PUT", url: `/api/v1/crm/pipelines/${made.id}`, body: pipelineBody() };
      },
      refuse: { path: anywhere(notFound("deals.pipeline_not_found")) },
    },
    "GET /api/v1/crm/lost-reasons": { request: async () => get("/api/v1/crm/lost-reasons") },
    "PUT /api/v1/crm/lost-reasons": {
      request: async () => {
        const { items } = await ok<{ items: { id: string; label: string; labelBn: string }[] }>(
          adminA.request("GET", "/api/v1/crm/lost-reasons"),
          "lost reasons",
        );
        return { method: "PUT", url: "/api/v1/crm/lost-reasons", body: { items } };
      },
    },
    [`GET ${deals}`]: {
      request: async (_, at) => {
        await freshDeal(at.path);
        return get(`${deals}?limit=200`);
      },
      list: { kind: "deal" },
    },
    [`POST ${deals}`]: {
      slots: ["territory"],
      request: async (_, at) =>
        post(deals, { name: uniq("Matrix new deal"), accountId: await freshAccount(at.territory), amountPoisha: 1 }),
      refuse: { territory: anywhere(notFound("deals.account_not_found")) },
    },
    [`GET ${deals}/board`]: {
      request: async (_, at) => {
        await freshDeal(at.path);
        return get(`${deals}/board`);
      },
      list: { kind: "deal", ids: boardIds },
    },
    [`GET ${deals}/{id}`]: {
      slots: ["path"],
      request: async (_, at) => get(`${deals}/${(await freshDeal(at.path)).id}`),
      refuse: dealNotFound,
    },
    [`PATCH ${deals}/{id}`]: {
      slots: ["path"],
      request: async (_, at) => patch(`${deals}/${(await freshDeal(at.path)).id}`, { amountPoisha: 20_000_00 }),
      refuse: dealNotFound,
      check: (res) => expect(res.json().amountPoisha).toBe(20_000_00),
    },
    [`POST ${deals}/{id}/move`]: {
      slots: ["path"],
      request: async (_, at) => {
        const d = await freshDeal(at.path);
        return post(`${deals}/${d.id}/move`, { stageId: await secondStage(at.path), version: d.version });
      },
      refuse: dealNotFound,
    },
    "GET /api/v1/crm/forecast": { request: async () => get("/api/v1/crm/forecast") },
    [`GET ${activities}`]: {
      slots: ["path"],
      request: async (_, at) => {
        const accountId = await freshAccount(at.path);
        await ok(
          at.path.admin.request("POST", activities, {
            kind: "note",
            subject: uniq("Matrix note"),
            links: [{ type: "account", id: accountId }],
          }),
          "a note",
        );
        return get(`${activities}?recordType=account&recordId=${accountId}`);
      },
      list: { kind: "activity" },
      refuse: { path: anywhere(notFound("activities.record_not_found")) },
    },
    [`POST ${activities}`]: {
      slots: ["territory"],
      request: async (_, at) =>
        post(activities, {
          kind: "call",
          subject: uniq("Matrix call"),
          callOutcome: "connected",
          links: [{ type: "account", id: await freshAccount(at.territory) }],
        }),
      refuse: { territory: anywhere(notFound("activities.record_not_found")) },
    },
    [`PATCH ${activities}/{id}`]: {
      slots: ["path"],
      request: async (_, at) => patch(`${activities}/${await freshActivity(at.path)}`, { subject: "Changed" }),
      refuse: { path: anywhere(notFound("activities.not_found")) },
    },
    "GET /api/v1/crm/my-day": { request: async () => get("/api/v1/crm/my-day") },
  };
}

// ---------------------------------------------------------------- loyalty and surveys

/**
 * Loyalty: one program, reward and survey per org (made on first use, for class-A outlets only, so the earning run
 * enrols none of the places), and a member at each place (its outlet's account) with points to redeem.
 */
function loyaltySpecs(): Record<string, Spec> {
  const L = "/api/v1/loyalty";
  const S = "/api/v1/surveys";
  const once = <K, V>(cache: Map<K, Promise<V>>, key: K, make: () => Promise<V>): Promise<V> => {
    const known = cache.get(key);
    if (known) return known;
    const made = make();
    cache.set(key, made);
    return made;
  };
  const program = (name = "Matrix Rewards") => ({
    name,
    nameBn: "ম্যাট্রিক্স রিওয়ার্ডস",
    pointsPer100Taka: 1,
    outletClasses: ["A"],
    expiryMonths: 12,
    tiers: [{ name: "Base", nameBn: "বেস", thresholdPoints: 0, multiplierBp: 10_000 }],
  });
  const programs = new Map<string, Promise<string>>();
  const programOf = (p: Place) =>
    once(
      programs,
      p.orgId,
      async () => (await ok<Row>(p.admin.request("POST", `${L}/programs`, program()), "a program")).id,
    );
  const accountOf = async (p: Place) => (await ensureAccountForOutlet(db, p.orgId, p.outletId)).id;
  const members = new Map<Place, Promise<string>>();
  const memberAt = (p: Place) =>
    once(members, p, async () => {
      const m = await ok<Row>(
        p.admin.request("POST", `${L}/members`, { programId: await programOf(p), accountId: await accountOf(p) }),
        "a member",
      );
      await ok(
        p.admin.request("POST", `${L}/members/${m.id}/adjustments`, { points: 1_000_000, note: "matrix" }),
        "points",
      );
      return m.id;
    });
  const reward = (programId: string) => ({ programId, name: "Matrix mug", nameBn: "মগ", pointsCost: 10 });
  const rewards = new Map<string, Promise<string>>();
  const rewardOf = (p: Place) =>
    once(
      rewards,
      p.orgId,
      async () => (await ok<Row>(p.admin.request("POST", `${L}/rewards`, reward(await programOf(p))), "a reward")).id,
    );
  const freshRedemption = async (p: Place) =>
    (
      await ok<Row>(
        p.admin.request("POST", `${L}/members/${await memberAt(p)}/redemptions`, { rewardId: await rewardOf(p) }),
        "a redemption",
      )
    ).id;
  const survey = {
    kind: "nps",
    name: "Matrix NPS",
    question: "Recommend us?",
    questionBn: "সুপারিশ করবেন?",
    trigger: "manual",
  };
  const surveys = new Map<string, Promise<string>>();
  const surveyOf = (p: Place) =>
    once(surveys, p.orgId, async () => (await ok<Row>(p.admin.request("POST", S, survey), "a survey")).id);
  const freshToken = async () =>
    (
      await ok<{ token: string }>(
        own.admin.request("POST", `${S}/${await surveyOf(own)}/invitations`, { accountId: await accountOf(own) }),
        "an invitation",
      )
    ).token;
  const memberNotFound = { path: anywhere(notFound("loyalty.member_not_found")) };
  const onMember = (
    path: (id: string) => string,
    body?: (p: Place) => Promise<unknown>,
    method: "GET" | "POST" = "GET",
  ): Spec => ({
    slots: ["path"],
    request: async (_, at) => ({
      method,
      url: path(await memberAt(at.path)),
      ...(body && { body: await body(at.path) }),
    }),
    refuse: memberNotFound,
  });
  const onRedemption = (action: string): Spec => ({
    slots: ["path"],
    request: async (_, at) => post(`${L}/redemptions/${await freshRedemption(at.path)}/${action}`),
    refuse: { path: anywhere(notFound("loyalty.redemption_not_found")) },
  });
  const surveyNotFound = { path: anywhere(notFound("surveys.not_found")) };
  return {
    [`GET ${L}/programs`]: { request: async () => get(`${L}/programs`) },
    [`POST ${L}/programs`]: { request: async () => post(`${L}/programs`, program(uniq("Matrix program"))) },
    [`PUT ${L}/programs/{id}`]: {
      slots: ["path"],
      request: async (_, at) => ({ method: "PUT", url: `${L}/programs/${await programOf(at.path)}`, body: program() }),
      refuse: { path: anywhere(notFound("loyalty.program_not_found")) },
    },
    [`GET ${L}/members`]: {
      request: async () => {
        for (const p of [own, nextDoor, far]) await memberAt(p);
        return get(`${L}/members?limit=200`);
      },
      list: { kind: "loyaltyMember" },
    },
    [`POST ${L}/members`]: {
      request: async () => {
        const fresh = await ok<Row>(
          adminA.request("POST", `${L}/programs`, program(uniq("Matrix program"))),
          "a program",
        );
        return post(`${L}/members`, { programId: fresh.id, accountId: await accountOf(own) });
      },
    },
    [`GET ${L}/members/{id}`]: onMember((id) => `${L}/members/${id}`),
    [`GET ${L}/members/{id}/statement`]: onMember((id) => `${L}/members/${id}/statement`),
    [`GET ${L}/members/{id}/statement.csv`]: onMember((id) => `${L}/members/${id}/statement.csv`),
    [`POST ${L}/members/{id}/adjustments`]: onMember(
      (id) => `${L}/members/${id}/adjustments`,
      async () => ({ points: 5, note: "matrix" }),
      "POST",
    ),
    [`POST ${L}/members/{id}/redemptions`]: onMember(
      (id) => `${L}/members/${id}/redemptions`,
      async (p) => ({ rewardId: await rewardOf(p) }),
      "POST",
    ),
    [`GET ${L}/redemptions`]: {
      request: async () => {
        for (const p of [own, nextDoor, far]) await freshRedemption(p);
        return get(`${L}/redemptions`);
      },
      list: { kind: "loyaltyRedemption" },
    },
    [`POST ${L}/redemptions/{id}/fulfil`]: onRedemption("fulfil"),
    [`POST ${L}/redemptions/{id}/cancel`]: onRedemption("cancel"),
    [`GET ${L}/rewards`]: { request: async () => get(`${L}/rewards`) },
    [`POST ${L}/rewards`]: { request: async () => post(`${L}/rewards`, reward(await programOf(own))) },
    [`PUT ${L}/rewards/{id}`]: {
      slots: ["path"],
      request: async (_, at) => ({
        method: "PUT",
        url: `${L}/rewards/${await rewardOf(at.path)}`,
        body: reward(await programOf(at.path)),
      }),
      refuse: { path: anywhere(notFound("loyalty.reward_not_found")) },
    },
    [`POST ${L}/earn-runs`]: { request: async () => post(`${L}/earn-runs`) },
    [`GET ${L}/referrals`]: { request: async () => get(`${L}/referrals`) },
    [`GET ${S}`]: { request: async () => get(S) },
    [`POST ${S}`]: { request: async () => post(S, survey) },
    [`PUT ${S}/{id}`]: {
      slots: ["path"],
      request: async (_, at) => ({ method: "PUT", url: `${S}/${await surveyOf(at.path)}`, body: survey }),
      refuse: surveyNotFound,
    },
    [`GET ${S}/{id}/invitations`]: {
      slots: ["path"],
      request: async (_, at) => get(`${S}/${await surveyOf(at.path)}/invitations`),
      refuse: surveyNotFound,
    },
    [`POST ${S}/{id}/invitations`]: {
      slots: ["path"],
      request: async (_, at) =>
        post(`${S}/${await surveyOf(at.path)}/invitations`, { accountId: await accountOf(at.path) }),
      refuse: surveyNotFound,
    },
    [`GET ${S}/{id}/results`]: {
      slots: ["path"],
      request: async (_, at) => get(`${S}/${await surveyOf(at.path)}/results?segment=territory`),
      refuse: surveyNotFound,
    },
    "GET /api/v1/public/surveys/{token}": { request: async () => get(`/api/v1/public/surveys/${await freshToken()}`) },
    "POST /api/v1/public/surveys/{token}": {
      request: async () => post(`/api/v1/public/surveys/${await freshToken()}`, { score: 9 }),
    },
  };
}
