// CRM accounts and contacts end to end: custom fields of every type and filters on them returning exactly the
// records picked by hand, saved segments and their members, the duplicate-contact warning, an outlet's account made
// once however many open it at the same time, an outlet account's timeline (orders, visits, deliveries in time
// order), tenant isolation (another org: 404) and the CRM scope (a rep outside the territory: 404; the owner sees).
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { businessDate } from "../../shared/format.ts";
import { newId } from "../../shared/ids.ts";
import { withTransaction } from "../db/transaction.ts";
import { errorCode, hasBengali, must } from "../testing/assertions.ts";
import { createSalesFixture, type SalesFixture } from "../testing/sales-fixture.ts";
import { type Caller, createTestApp, ORG_A_DOMAIN, ORG_B_DOMAIN, signIn, type TestApp } from "../testing/test-app.ts";
import { ensureAccountForOutlet } from "./accounts.service.ts";
import { seedCrmAccountsDemo } from "./crm-demo.ts";

let t: TestApp;
let f: SalesFixture;
let admin: Caller;
let rep: Caller;
let manager: Caller;
let otherOrg: Caller;
let marketing: Caller;
let repTerritoryId: string;
let farTerritoryId: string;
const db = () => t.database.handle.db;
const orgId = () => t.orgA.orgId;

type Json = Record<string, unknown>;
type Page = { items: (Json & { id: string; name: string })[]; nextCursor: string | null; total: number };

async function ok<T = Json>(pending: Promise<{ statusCode: number; body: string; json(): unknown }>, what: string) {
  const res = await pending;
  if (res.statusCode >= 300) throw new Error(`${what} answered ${res.statusCode}: ${res.body}`);
  return (res.statusCode === 204 ? null : res.json()) as T;
}

const q = (filter: unknown) => encodeURIComponent(JSON.stringify(filter));

async function accountNames(by: Caller, filter: unknown, extra = ""): Promise<string[]> {
  const page = await ok<Page>(by.request("GET", `/api/v1/crm/accounts?limit=200&filter=${q(filter)}${extra}`), "list");
  return page.items.map((i) => i.name).sort();
}

beforeAll(async () => {
  t = await createTestApp();
  f = await createSalesFixture(db(), t.orgA);
  admin = await signIn(t.app, `admin@${ORG_A_DOMAIN}`);
  rep = await signIn(t.app, `rep@${ORG_A_DOMAIN}`);
  manager = await signIn(t.app, `manager@${ORG_A_DOMAIN}`);
  marketing = await signIn(t.app, `marketing@${ORG_A_DOMAIN}`);
  otherOrg = await signIn(t.app, `admin@${ORG_B_DOMAIN}`);
  const r = await db()
    .selectFrom("users")
    .select("territory_id")
    .where("org_id", "=", orgId())
    .where("id", "=", t.orgA.usersByRole.rep)
    .executeTakeFirstOrThrow();
  repTerritoryId = must(r.territory_id, "the rep's territory");
  const far = await sql<{ route_id: string }>`
    select route_id from outlets where org_id = ${orgId()} and id = ${f.farOutletId}`.execute(db());
  farTerritoryId = must(far.rows[0]?.route_id, "the far route");
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe("custom fields and filters", () => {
  const made: Record<string, string> = {};

  beforeAll(async () => {
    const field = (key: string, type: string, extra: Json = {}) =>
      ok(
        admin.request("POST", "/api/v1/crm/custom-fields", {
          entity: "account",
          key,
          labelEn: key,
          labelBn: `${key} (বাংলা)`,
          type,
          ...extra,
        }),
        `field ${key}`,
      );
    await field("employees", "number");
    await field("founded", "date");
    await field("tier", "choice", {
      options: [
        { key: "gold", labelEn: "Gold", labelBn: "সোনা" },
        { key: "silver", labelEn: "Silver", labelBn: "রুপা" },
      ],
    });
    await field("note", "text");
    const account = async (name: string, custom: Json) => {
      const a = await ok<{ id: string }>(
        admin.request("POST", "/api/v1/crm/accounts", { name, industry: "FMCG", custom }),
        name,
      );
      made[name] = a.id;
    };
    await account("Filter Alpha Ltd", { employees: 5, founded: "2001-05-01", tier: "gold", note: "Dhaka head office" });
    await account("Filter Beta Ltd", { employees: 50, founded: "2015-01-10", tier: "silver" });
    await account("Filter Gamma Ltd", { employees: 500, founded: "2020-12-31", tier: "gold", note: "Chattogram" });
    await account("Filter Delta Ltd", {});
  });

  const only = (filter: { all: Json[] }) => ({
    all: [{ field: "name", op: "contains", value: "Filter " }, ...filter.all],
  });

  it("a custom number filter returns exactly the hand-picked accounts", async () => {
    expect(await accountNames(admin, only({ all: [{ field: "custom.employees", op: "gte", value: 50 }] }))).toEqual([
      "Filter Beta Ltd",
      "Filter Gamma Ltd",
    ]);
    expect(
      await accountNames(admin, only({ all: [{ field: "custom.employees", op: "between", value: [1, 60] }] })),
    ).toEqual(["Filter Alpha Ltd", "Filter Beta Ltd"]);
    expect(await accountNames(admin, only({ all: [{ field: "custom.employees", op: "lt", value: "6" }] }))).toEqual([
      "Filter Alpha Ltd",
    ]);
  });

  it("a custom date filter compares calendar dates", async () => {
    expect(
      await accountNames(admin, only({ all: [{ field: "custom.founded", op: "gt", value: "2015-01-10" }] })),
    ).toEqual(["Filter Gamma Ltd"]);
    expect(
      await accountNames(
        admin,
        only({ all: [{ field: "custom.founded", op: "between", value: ["2001-01-01", "2015-01-10"] }] }),
      ),
    ).toEqual(["Filter Alpha Ltd", "Filter Beta Ltd"]);
  });

  it("a custom choice filter, text contains, emptiness and several conditions together", async () => {
    expect(await accountNames(admin, only({ all: [{ field: "custom.tier", op: "eq", value: "gold" }] }))).toEqual([
      "Filter Alpha Ltd",
      "Filter Gamma Ltd",
    ]);
    expect(await accountNames(admin, only({ all: [{ field: "custom.tier", op: "neq", value: "gold" }] }))).toEqual([
      "Filter Beta Ltd",
      "Filter Delta Ltd",
    ]);
    expect(
      await accountNames(admin, only({ all: [{ field: "custom.note", op: "contains", value: "chatto" }] })),
    ).toEqual(["Filter Gamma Ltd"]);
    expect(await accountNames(admin, only({ all: [{ field: "custom.tier", op: "is_empty" }] }))).toEqual([
      "Filter Delta Ltd",
    ]);
    expect(
      await accountNames(
        admin,
        only({
          all: [
            { field: "custom.tier", op: "in", value: ["gold", "silver"] },
            { field: "custom.employees", op: "gt", value: 10 },
            { field: "created_at", op: "eq", value: businessDate() },
          ],
        }),
      ),
    ).toEqual(["Filter Beta Ltd", "Filter Gamma Ltd"]);
  });

  it("an unknown field, or a value of the wrong type, is 400 in both languages", async () => {
    const bad = async (filter: unknown, code: string) => {
      const res = await admin.request("GET", `/api/v1/crm/accounts?filter=${q(filter)}`, undefined, {
        "accept-language": "bn",
      });
      expect(res.statusCode).toBe(400);
      expect(errorCode(res)).toBe(code);
      expect(hasBengali((res.json() as { error: { message: string } }).error.message)).toBe(true);
    };
    await bad({ all: [{ field: "custom.nope", op: "eq", value: 1 }] }, "crm.filter_unknown_field");
    await bad({ all: [{ field: "custom.employees", op: "gt", value: "many" }] }, "crm.filter_bad_value");
    await bad({ all: [{ field: "custom.tier", op: "contains", value: "go" }] }, "crm.filter_bad_operator");
    const notJson = await admin.request("GET", "/api/v1/crm/accounts?filter=%7Bnope");
    expect(notJson.statusCode).toBe(400);
  });

  it("refuses custom values that do not fit their field (422), and a required field left empty", async () => {
    const res = await admin.request("POST", "/api/v1/crm/accounts", {
      name: "Bad Values Ltd",
      custom: { employees: "lots", tier: "bronze", founded: "2026-02-30" },
    });
    expect(res.statusCode).toBe(422);
    expect(errorCode(res)).toBe("crm.custom_values_invalid");
    const problems = (res.json() as { error: { details: { problems: { key: string }[] } } }).error.details.problems;
    expect(problems.map((p) => p.key).sort()).toEqual(["employees", "founded", "tier"]);
  });

  it("a saved segment counts and lists exactly its members", async () => {
    const seg = await ok<{ id: string; memberCount: number }>(
      admin.request("POST", "/api/v1/crm/segments", {
        name: "Gold accounts",
        entity: "account",
        shared: true,
        filter: only({ all: [{ field: "custom.tier", op: "eq", value: "gold" }] }),
      }),
      "segment",
    );
    expect(seg.memberCount).toBe(2);
    const members = await ok<Page>(admin.request("GET", `/api/v1/crm/segments/${seg.id}/members?limit=1`), "members");
    expect(members.total).toBe(2);
    expect(members.items.map((m) => m.name)).toEqual(["Filter Alpha Ltd"]);
    const next = await ok<Page>(
      admin.request("GET", `/api/v1/crm/segments/${seg.id}/members?limit=1&cursor=${members.nextCursor}`),
      "members 2",
    );
    expect(next.items.map((m) => m.name)).toEqual(["Filter Gamma Ltd"]);
    expect(next.nextCursor).toBeNull();
    // The list takes the segment too.
    expect(await accountNames(admin, { all: [] }, `&segmentId=${seg.id}`)).toEqual([
      "Filter Alpha Ltd",
      "Filter Gamma Ltd",
    ]);
    // A private segment is its owner's alone; a segment of another org does not exist.
    const mine = await ok<{ id: string }>(
      marketing.request("POST", "/api/v1/crm/segments", {
        name: "Mine",
        entity: "account",
        filter: { all: [] },
      }),
      "private segment",
    );
    expect((await admin.request("GET", `/api/v1/crm/segments/${mine.id}`)).statusCode).toBe(404);
    expect((await otherOrg.request("GET", `/api/v1/crm/segments/${seg.id}/members`)).statusCode).toBe(404);
    // Saving a filter that names an unknown field is refused at once.
    const bad = await admin.request("POST", "/api/v1/crm/segments", {
      name: "Bad",
      entity: "account",
      filter: { all: [{ field: "custom.nope", op: "eq", value: 1 }] },
    });
    expect(bad.statusCode).toBe(400);
  });

  it("filters contacts on their own custom fields", async () => {
    await ok(
      admin.request("POST", "/api/v1/crm/custom-fields", {
        entity: "contact",
        key: "visits_per_month",
        labelEn: "Visits per month",
        labelBn: "মাসে ভিজিট",
        type: "number",
      }),
      "contact field",
    );
    const account = must(made["Filter Alpha Ltd"], "alpha");
    for (const [name, n] of [
      ["Segment Rahim", 2],
      ["Segment Karim", 8],
      ["Segment Salma", 12],
    ] as const)
      await ok(
        admin.request("POST", "/api/v1/crm/contacts", { name, accountId: account, custom: { visits_per_month: n } }),
        name,
      );
    const filter = {
      all: [
        { field: "custom.visits_per_month", op: "gte", value: 8 },
        { field: "account", op: "eq", value: account },
      ],
    };
    const page = await ok<Page>(admin.request("GET", `/api/v1/crm/contacts?filter=${q(filter)}`), "contacts");
    expect(page.items.map((c) => c.name)).toEqual(["Segment Karim", "Segment Salma"]);
    const detail = await ok<{ contactCount: number }>(admin.request("GET", `/api/v1/crm/accounts/${account}`), "acc");
    expect(detail.contactCount).toBe(3);
  });
});

describe("contacts", () => {
  it("normalises the phone, lower-cases the email and warns of a duplicate with the existing id", async () => {
    const first = await ok<{ id: string; phoneE164: string; email: string }>(
      admin.request("POST", "/api/v1/crm/contacts", {
        name: "Nasrin Akter",
        phone: "০১৭১২-৩৪৫৬৭৮",
        email: "Nasrin@Example.COM",
      }),
      "contact",
    );
    expect(first.phoneE164).toBe("+8801712345678");
    expect(first.email).toBe("nasrin@example.com");
    const dup = await admin.request("POST", "/api/v1/crm/contacts", { name: "N. Akter", phone: "+880 1712 345678" });
    expect(dup.statusCode).toBe(409);
    expect(errorCode(dup)).toBe("crm.contact_duplicate");
    expect((dup.json() as { error: { details: { existingId: string } } }).error.details.existingId).toBe(first.id);
    const byEmail = await admin.request("POST", "/api/v1/crm/contacts", { name: "N", email: "nasrin@example.com" });
    expect(byEmail.statusCode).toBe(409);
    const anyway = await admin.request("POST", "/api/v1/crm/contacts", {
      name: "N. Akter",
      phone: "01712345678",
      allowDuplicate: true,
    });
    expect(anyway.statusCode).toBe(201);
    // Another org has its own people: no warning there.
    const elsewhere = await otherOrg.request("POST", "/api/v1/crm/contacts", { name: "Nasrin", phone: "01712345678" });
    expect(elsewhere.statusCode).toBe(201);
  });
});

describe("scope and tenancy", () => {
  it("another org gets 404 for an account, its timeline and its changes", async () => {
    const a = await ok<{ id: string }>(admin.request("POST", "/api/v1/crm/accounts", { name: "Tenant Ltd" }), "acc");
    expect((await otherOrg.request("GET", `/api/v1/crm/accounts/${a.id}`)).statusCode).toBe(404);
    expect((await otherOrg.request("GET", `/api/v1/crm/timeline?type=account&id=${a.id}`)).statusCode).toBe(404);
    expect((await otherOrg.request("PATCH", `/api/v1/crm/accounts/${a.id}`, { name: "Taken" })).statusCode).toBe(404);
    expect((await otherOrg.request("POST", "/api/v1/crm/contacts", { name: "Spy", accountId: a.id })).statusCode).toBe(
      404,
    );
    const list = await ok<Page>(otherOrg.request("GET", "/api/v1/crm/accounts?q=Tenant"), "other list");
    expect(list.items.map((i) => i.id)).not.toContain(a.id);
  });

  it("a rep outside the account's territory gets 404; made its owner, they see it", async () => {
    const far = await ok<{ id: string }>(
      admin.request("POST", "/api/v1/crm/accounts", {
        name: "Far Away Ltd",
        territoryId: farTerritoryId,
        ownerUserId: null,
      }),
      "far account",
    );
    expect((await rep.request("GET", `/api/v1/crm/accounts/${far.id}`)).statusCode).toBe(404);
    expect((await manager.request("GET", `/api/v1/crm/accounts/${far.id}`)).statusCode).toBe(404);
    expect((await rep.request("GET", `/api/v1/crm/timeline?type=account&id=${far.id}`)).statusCode).toBe(404);
    expect((await marketing.request("GET", `/api/v1/crm/accounts/${far.id}`)).statusCode).toBe(200);
    await ok(
      admin.request("PATCH", `/api/v1/crm/accounts/${far.id}`, { ownerUserId: t.orgA.usersByRole.rep }),
      "reassign",
    );
    expect((await rep.request("GET", `/api/v1/crm/accounts/${far.id}`)).statusCode).toBe(200);
    const mine = await ok<Page>(rep.request("GET", "/api/v1/crm/accounts?q=Far%20Away"), "rep list");
    expect(mine.items.map((i) => i.id)).toContain(far.id);
  });

  it("an account in the rep's territory is theirs to see; one with no territory only its owner's", async () => {
    const inside = await ok<{ id: string }>(
      admin.request("POST", "/api/v1/crm/accounts", {
        name: "Inside Ltd",
        territoryId: repTerritoryId,
        ownerUserId: null,
      }),
      "inside",
    );
    expect((await rep.request("GET", `/api/v1/crm/accounts/${inside.id}`)).statusCode).toBe(200);
    const nowhere = await ok<{ id: string }>(
      admin.request("POST", "/api/v1/crm/accounts", { name: "Nowhere Ltd" }),
      "no territory",
    );
    expect((await rep.request("GET", `/api/v1/crm/accounts/${nowhere.id}`)).statusCode).toBe(404);
    // The rep's own account, made without a territory, is theirs.
    const own = await ok<{ id: string; ownerUserId: string }>(
      rep.request("POST", "/api/v1/crm/accounts", { name: "Rep Own Ltd" }),
      "own",
    );
    expect(own.ownerUserId).toBe(t.orgA.usersByRole.rep);
    expect((await rep.request("GET", `/api/v1/crm/accounts/${own.id}`)).statusCode).toBe(200);
    // A rep may not place an account in a territory outside their own.
    const outside = await rep.request("POST", "/api/v1/crm/accounts", {
      name: "Elsewhere",
      territoryId: farTerritoryId,
    });
    expect(outside.statusCode).toBe(404);
  });
});

describe("contacts in scope", () => {
  it("a contact outside the rep's territory is 404 (and its timeline); its owner sees it; another org never", async () => {
    const c = await ok<{ id: string }>(
      admin.request("POST", "/api/v1/crm/contacts", {
        name: "Far Contact",
        territoryId: farTerritoryId,
        ownerUserId: null,
      }),
      "far contact",
    );
    expect((await rep.request("GET", `/api/v1/crm/contacts/${c.id}`)).statusCode).toBe(404);
    expect((await rep.request("GET", `/api/v1/crm/timeline?type=contact&id=${c.id}`)).statusCode).toBe(404);
    expect((await rep.request("PATCH", `/api/v1/crm/contacts/${c.id}`, { title: "x" })).statusCode).toBe(404);
    const list = await ok<Page>(rep.request("GET", "/api/v1/crm/contacts?q=Far%20Contact"), "rep contacts");
    expect(list.items.map((i) => i.id)).not.toContain(c.id);
    await ok(admin.request("PATCH", `/api/v1/crm/contacts/${c.id}`, { ownerUserId: t.orgA.usersByRole.rep }), "owner");
    expect((await rep.request("GET", `/api/v1/crm/contacts/${c.id}`)).statusCode).toBe(200);
    expect((await rep.request("GET", `/api/v1/crm/timeline?type=contact&id=${c.id}`)).statusCode).toBe(200);
    expect((await otherOrg.request("GET", `/api/v1/crm/contacts/${c.id}`)).statusCode).toBe(404);
    expect((await otherOrg.request("GET", `/api/v1/crm/timeline?type=contact&id=${c.id}`)).statusCode).toBe(404);
  });
});

describe("outlets as accounts", () => {
  it("an outlet's account is made once, however many open it at the same time", async () => {
    const opened = await Promise.all(
      Array.from({ length: 6 }, () =>
        withTransaction(db(), (tx) => ensureAccountForOutlet(tx, orgId(), f.secondOutletId)),
      ),
    );
    expect(new Set(opened.map((o) => o.id)).size).toBe(1);
    const rows = await db()
      .selectFrom("accounts")
      .select(["id", "kind", "territory_id"])
      .where("org_id", "=", orgId())
      .where("outlet_id", "=", f.secondOutletId)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.kind).toBe("outlet");
    // Through the API too: the rep whose route it is opens the same account.
    const viaApi = await ok<{ id: string }>(
      rep.request("POST", `/api/v1/crm/accounts/for-outlet/${f.secondOutletId}`),
      "open",
    );
    expect(viaApi.id).toBe(opened[0]?.id);
    // Moved to another route, the outlet takes its account along (the CRM scope follows it) on its next opening.
    await sql`update outlets set route_id = ${farTerritoryId} where org_id = ${orgId()} and id = ${f.secondOutletId}`.execute(
      db(),
    );
    await withTransaction(db(), (tx) => ensureAccountForOutlet(tx, orgId(), f.secondOutletId));
    expect((await rep.request("GET", `/api/v1/crm/accounts/${opened[0]?.id}`)).statusCode).toBe(404);
    await sql`update outlets set route_id = ${must(rows[0]?.territory_id, "route")} where org_id = ${orgId()} and id = ${f.secondOutletId}`.execute(
      db(),
    );
    await withTransaction(db(), (tx) => ensureAccountForOutlet(tx, orgId(), f.secondOutletId));
    expect((await rep.request("GET", `/api/v1/crm/accounts/${opened[0]?.id}`)).statusCode).toBe(200);
    // A rep cannot open an outlet outside their territory, nor another org's.
    expect((await rep.request("POST", `/api/v1/crm/accounts/for-outlet/${f.farOutletId}`)).statusCode).toBe(404);
    expect((await otherOrg.request("POST", `/api/v1/crm/accounts/for-outlet/${f.secondOutletId}`)).statusCode).toBe(
      404,
    );
  });

  it("the network list shows outlets with their account once opened; the account shows the outlet's facts", async () => {
    const list = await ok<{ items: { networkId: string; accountId: string | null }[] }>(
      admin.request("GET", "/api/v1/crm/accounts/network?kind=outlet&limit=200"),
      "network list",
    );
    const second = must(
      list.items.find((i) => i.networkId === f.secondOutletId),
      "second outlet",
    );
    expect(second.accountId).not.toBeNull();
    const detail = await ok<{ kind: string; network: { id: string; code: string } | null }>(
      admin.request("GET", `/api/v1/crm/accounts/${second.accountId}`),
      "outlet account",
    );
    expect(detail.kind).toBe("outlet");
    expect(detail.network?.id).toBe(f.secondOutletId);
    // Its name is the network's to change.
    const rename = await admin.request("PATCH", `/api/v1/crm/accounts/${second.accountId}`, { name: "Renamed" });
    expect(rename.statusCode).toBe(409);
  });

  it("the account timeline of an outlet shows its orders and visits in time order, and pages", async () => {
    const { id: accountId } = await withTransaction(db(), (tx) => ensureAccountForOutlet(tx, orgId(), f.outletId));
    const placed: string[] = [];
    for (let i = 0; i < 2; i++) {
      const o = await ok<{ id: string }>(
        rep.request("POST", "/api/v1/secondary-orders", {
          outletId: f.outletId,
          lines: [{ skuId: f.biscuitId, qty: 10 + i }],
          confirm: true,
        }),
        "order",
      );
      placed.push(o.id);
    }
    // Known instants, so the expected order is certain: order 1, a visit, order 2, a second visit.
    const at = (h: number) => new Date(Date.UTC(2026, 10, 20, h, 0, 0));
    await sql`update secondary_orders set created_at = ${at(4)} where org_id = ${orgId()} and id = ${placed[0]}`.execute(
      db(),
    );
    await sql`update secondary_orders set created_at = ${at(8)} where org_id = ${orgId()} and id = ${placed[1]}`.execute(
      db(),
    );
    const outlet = await db()
      .selectFrom("outlets as o")
      .innerJoin("territories as r", (j) => j.onRef("r.org_id", "=", "o.org_id").onRef("r.id", "=", "o.route_id"))
      .select(["o.route_id", "r.path"])
      .where("o.org_id", "=", orgId())
      .where("o.id", "=", f.outletId)
      .executeTakeFirstOrThrow();
    const reason = { code: "crm_test_closed", label_en: "Shop was closed" };
    await db()
      .insertInto("no_order_reasons")
      .values({ org_id: orgId(), code: reason.code, label_en: reason.label_en, label_bn: "দোকান বন্ধ ছিল" })
      .execute();
    for (const [h, outcome] of [
      [6, "no_order"],
      [10, "order"],
    ] as const)
      await db()
        .insertInto("visits")
        .values({
          org_id: orgId(),
          id: newId(),
          user_id: t.orgA.usersByRole.rep,
          outlet_id: f.outletId,
          route_id: outlet.route_id,
          territory_path: outlet.path,
          visit_date: "2026-11-20",
          planned: true,
          checked_in_at: at(h),
          checked_out_at: at(h),
          outcome,
          no_order_reason: outcome === "no_order" ? reason.code : null,
          order_id: outcome === "order" ? (placed[1] as string) : null,
        })
        .execute();
    type Tl = {
      items: { at: string; kind: string; title: string; detail: string | null }[];
      nextBefore: string | null;
    };
    const page = await ok<Tl>(
      rep.request("GET", `/api/v1/crm/timeline?type=account&id=${accountId}&limit=50`, undefined, {
        "accept-language": "en",
      }),
      "tl",
    );
    const mine = page.items.filter((i) => i.at.startsWith("2026-11-20"));
    expect(mine.map((i) => i.kind)).toEqual(["visit", "order", "visit", "order"]);
    expect(mine.map((i) => i.at)).toEqual([at(10), at(8), at(6), at(4)].map((d) => d.toISOString()));
    const noOrder = must(
      page.items.find((i) => i.at === at(6).toISOString()),
      "the no-order visit",
    ) as { detail?: string };
    expect(noOrder.detail).toContain(reason.label_en);
    const all = page.items.map((i) => i.at);
    expect([...all].sort().reverse()).toEqual(all);
    // Bengali titles for a Bengali caller.
    const bn = await ok<Tl>(
      rep.request("GET", `/api/v1/crm/timeline?type=account&id=${accountId}&limit=50`, undefined, {
        "accept-language": "bn",
      }),
      "tl bn",
    );
    expect(bn.items.some((i) => i.kind === "order" && hasBengali(i.title))).toBe(true);
    // Paging: one item at a time walks the same items.
    const walked: string[] = [];
    let before: string | null = null;
    for (let n = 0; n < 50; n++) {
      const p: Tl = await ok<Tl>(
        rep.request(
          "GET",
          `/api/v1/crm/timeline?type=account&id=${accountId}&limit=1${before ? `&before=${before}` : ""}`,
          undefined,
          { "accept-language": "en" },
        ),
        "tl page",
      );
      walked.push(...p.items.map((i) => `${i.kind}@${i.at}`));
      if (!p.nextBefore) break;
      before = p.nextBefore;
    }
    expect(walked).toEqual(page.items.map((i) => `${i.kind}@${i.at}`));
    // The rep of another territory does not see this outlet's account.
    expect((await otherOrg.request("GET", `/api/v1/crm/timeline?type=account&id=${accountId}`)).statusCode).toBe(404);
  });
});

describe("demo data", () => {
  it("makes companies with their people, opens outlets as accounts, and shares segments that have members", async () => {
    const orgB = t.orgB.orgId;
    const outlets = await db().selectFrom("outlets").select("id").where("org_id", "=", orgB).limit(2).execute();
    const made = await seedCrmAccountsDemo(db(), orgB, { companies: 4, outletIds: outlets.map((o) => o.id) });
    expect(made.accountIds).toHaveLength(4);
    expect(made.networkAccountIds).toHaveLength(2);
    expect(made.contacts).toBeGreaterThanOrEqual(4);
    const segments = await ok<{ items: { name: string; memberCount: number }[] }>(
      otherOrg.request("GET", "/api/v1/crm/segments"),
      "demo segments",
    );
    expect(segments.items.map((s) => s.name).sort()).toEqual(["Call in the morning", "Gold accounts"]);
    const contacts = await ok<Page>(otherOrg.request("GET", "/api/v1/crm/contacts?limit=200"), "demo contacts");
    const atAccounts = contacts.items.filter((c) => c.accountId !== null);
    expect(atAccounts.length).toBe(made.contacts);
    expect(atAccounts.every((c) => typeof (c.custom as Json).call_time === "string")).toBe(true);
  });
});
