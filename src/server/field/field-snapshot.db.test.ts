import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FieldCommandResult, FieldSnapshotResponse } from "../../shared/contracts/field.ts";
import { businessDate } from "../../shared/format.ts";
import { newId } from "../../shared/ids.ts";
import { priceDraft, priceIndex } from "../../web/field/model/order-lines.ts";
import { must } from "../testing/assertions.ts";
import { createSalesFixture, type SalesFixture } from "../testing/sales-fixture.ts";
import { type Caller, createTestApp, ORG_A_DOMAIN, ORG_B_DOMAIN, signIn, type TestApp } from "../testing/test-app.ts";
import { SNAPSHOT_OVERLAP_MS } from "./field-snapshot-token.ts";

let t: TestApp;
let f: SalesFixture;
let rep: Caller;
let admin: Caller;

const today = businessDate();

async function snapshot(caller: Caller, since?: string): Promise<FieldSnapshotResponse> {
  const url = since ? `/api/v1/field/snapshot?since=${encodeURIComponent(since)}` : "/api/v1/field/snapshot";
  const res = await caller.request("GET", url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function placeOrder(outletId: string, lines: { skuId: string; qty: number; unit?: string }[]) {
  const res = await rep.request("POST", "/api/v1/secondary-orders", { outletId, lines, confirm: true });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; number: string; totalPoisha: number; orderDate: string };
}

/** The outlets the rep works today, straight from the tables: active or pending, on a route the rep owns today. */
async function beatOutletIds(orgId: string, repUserId: string): Promise<string[]> {
  const db = t.database.handle.db;
  const owners = await db
    .selectFrom("route_assignments")
    .select(["route_id", "rep_user_id", "effective_from"])
    .where("org_id", "=", orgId)
    .where("effective_from", "<=", today)
    .orderBy("effective_from")
    .execute();
  const owner = new Map<string, string>();
  for (const a of owners) owner.set(a.route_id, a.rep_user_id);
  const routes = [...owner].filter(([, u]) => u === repUserId).map(([r]) => r);
  if (routes.length === 0) return [];
  const rows = await db
    .selectFrom("outlets")
    .select("id")
    .where("org_id", "=", orgId)
    .where("route_id", "in", routes)
    .where("status", "in", ["active", "pending"])
    .execute();
  return rows.map((r) => r.id).sort();
}

beforeAll(async () => {
  t = await createTestApp();
  f = await createSalesFixture(t.database.handle.db, t.orgA);
  rep = await signIn(t.app, `rep@${ORG_A_DOMAIN}`);
  admin = await signIn(t.app, `admin@${ORG_A_DOMAIN}`);
  // A known history for the usual order of the fixture's second outlet: soap three times (twice by the case),
  // biscuit once.
  await placeOrder(f.secondOutletId, [
    { skuId: f.soapId, qty: 2, unit: "case" },
    { skuId: f.biscuitId, qty: 5 },
  ]);
  await placeOrder(f.secondOutletId, [{ skuId: f.soapId, qty: 4, unit: "case" }]);
  await placeOrder(f.secondOutletId, [{ skuId: f.soapId, qty: 10 }]);
  // Everything above is then older than the look-back of the token, so "nothing changed" means nothing.
  await sleep(SNAPSHOT_OVERLAP_MS + 200);
});
afterAll(() => t.close());

describe("field snapshot", () => {
  let full: FieldSnapshotResponse;
  let last: FieldSnapshotResponse;

  it("holds exactly the outlets of the rep's routes, in visit order, with the rules and the day", async () => {
    full = await snapshot(rep);
    last = full;
    expect(full.full).toBe(true);
    expect(full.today).toBe(today);
    expect(full.me.userId).toBe(t.orgA.usersByRole.rep);
    const expected = await beatOutletIds(t.orgA.orgId, t.orgA.usersByRole.rep);
    expect(expected.length).toBeGreaterThan(2);
    expect(full.outlets.map((o) => o.id).sort()).toEqual(expected);
    expect(full.outlets.map((o) => o.id)).toContain(f.outletId);
    expect(full.outlets.map((o) => o.id)).not.toContain(f.farOutletId);
    expect(full.removedOutletIds).toEqual([]);
    // Every outlet sits on one of the routes, in the route's list once.
    const onRoutes = full.routes.flatMap((r) => r.outletIds);
    expect(onRoutes.slice().sort()).toEqual(expected);
    for (const r of full.routes) {
      expect(r.weekdays.length).toBeGreaterThan(0);
      expect(r.nameBn).not.toBe("");
    }
    expect(full.settings.checkInRadiusM).toBe(100);
    expect(full.noOrderReasons.map((r) => r.code)).toContain("shop_closed");
    expect(full.mustSellSkuIds).toHaveLength(8);
    expect(full.skus.length).toBeGreaterThanOrEqual(14);
    expect(full.skus.every((s) => !s.archived)).toBe(true);
    expect(full.day).toEqual({ startedAt: null, endedAt: null, visits: [] });
    expect(full.token.length).toBeLessThanOrEqual(200);
  });

  it("prices every outlet as its order book does", async () => {
    const books = new Map(full.priceBooks.map((b) => [b.key, b]));
    // A handful of books serve all the outlets: outlets that no price list tells apart share one.
    expect(books.size).toBeGreaterThan(0);
    expect(books.size).toBeLessThan(full.outlets.length);
    for (const o of full.outlets) {
      const book = books.get(o.priceBookKey ?? "");
      expect(book, o.code).toBeDefined();
      const res = await rep.request("GET", `/api/v1/catalog/order-book?outletId=${o.id}`);
      expect(res.statusCode, res.body).toBe(200);
      const fromBook = new Map(book?.prices.map((p) => [p.skuId, p]));
      const priced = (
        res.json().skus as { id: string; price: { retailerPricePoisha: number; mrpPoisha: number } | null }[]
      ).filter((s) => s.price !== null);
      expect(priced.length).toBeGreaterThan(0);
      expect(fromBook.size).toBe(priced.length);
      for (const s of priced) {
        expect(fromBook.get(s.id)?.unitPricePoisha, s.id).toBe(s.price?.retailerPricePoisha);
        expect(fromBook.get(s.id)?.mrpPoisha, s.id).toBe(s.price?.mrpPoisha);
      }
    }
    // soap at 10 % off ৳45 MRP, biscuit at a flat ৳9 (the fixture's list).
    const outlet = full.outlets.find((o) => o.id === f.outletId);
    const prices = books.get(outlet?.priceBookKey ?? "")?.prices ?? [];
    expect(prices.find((p) => p.skuId === f.soapId)).toMatchObject({ unitPricePoisha: 4050, mrpPoisha: 4500 });
    expect(prices.find((p) => p.skuId === f.biscuitId)).toMatchObject({ unitPricePoisha: 900, mrpPoisha: 1000 });
  });

  it("gives each outlet its usual order, last order and dues from its history", async () => {
    const second = full.outlets.find((o) => o.id === f.secondOutletId);
    // Soap ordered three times, twice by the case (2 and 4: the lower median is 2); biscuit once, 5 pieces.
    expect(second?.usualLines).toEqual([
      { skuId: f.soapId, qty: 2, unit: "case" },
      { skuId: f.biscuitId, qty: 5, unit: "piece" },
    ]);
    // The last of the three: 10 soaps at 4050 + 15 % VAT = 46,575.
    expect(second?.lastOrder).toMatchObject({ date: today, totalPoisha: 46_575 });
    expect(second?.duesPoisha).toBe(0);
    const first = full.outlets.find((o) => o.id === f.outletId);
    expect(first).toMatchObject({
      usualLines: [],
      lastOrder: null,
      lastVisitDate: null,
      lastAuditOutOfStockSkuIds: [],
    });
    // The demo's history gives the demo outlets their own usual orders.
    expect(full.outlets.some((o) => o.id !== f.secondOutletId && o.usualLines.length > 0)).toBe(true);
  });

  it("right after a full snapshot, an incremental one brings nothing but the small parts", async () => {
    const next = await snapshot(rep, full.token);
    expect(next.full).toBe(false);
    expect(next.outlets).toEqual([]);
    expect(next.removedOutletIds).toEqual([]);
    expect(next.skus).toEqual([]);
    expect(next.priceBooks).toEqual([]);
    expect(next.schemes).toBeNull();
    expect(next.exhaustedSchemeIds).toBeNull();
    expect(next.routes).toEqual(full.routes);
    last = next;
  });

  it("after an order, brings the outlet with its new last order and not the others", async () => {
    const order = await placeOrder(f.outletId, [{ skuId: f.biscuitId, qty: 3 }]);
    const next = await snapshot(rep, last.token);
    expect(next.outlets.map((o) => o.id)).toEqual([f.outletId]);
    expect(next.outlets[0]?.lastOrder).toEqual({ number: order.number, date: today, totalPoisha: 2700 });
    expect(next.priceBooks).toEqual([]);
    last = next;
  });

  it("after a visit and a stock audit, brings the outlet with its last visit and what was out of stock", async () => {
    const db = t.database.handle.db;
    const orgId = t.orgA.orgId;
    const outlet = await db
      .selectFrom("outlets as o")
      .innerJoin("territories as r", (j) => j.onRef("r.org_id", "=", "o.org_id").onRef("r.id", "=", "o.route_id"))
      .select(["o.id", "o.route_id", "r.path"])
      .where("o.org_id", "=", orgId)
      .where("o.id", "=", f.secondOutletId)
      .executeTakeFirstOrThrow();
    const visitId = newId();
    const at = new Date();
    await db
      .insertInto("attendance_days")
      .values({ org_id: orgId, id: newId(), user_id: t.orgA.usersByRole.rep, work_date: today, started_at: at })
      .execute();
    await db
      .insertInto("visits")
      .values({
        org_id: orgId,
        id: visitId,
        user_id: t.orgA.usersByRole.rep,
        outlet_id: outlet.id,
        route_id: outlet.route_id,
        territory_path: outlet.path,
        visit_date: today,
        planned: true,
        checked_in_at: at,
        distance_m: 40,
      })
      .execute();
    const auditId = newId();
    await db
      .insertInto("outlet_stock_audits")
      .values({
        org_id: orgId,
        id: auditId,
        outlet_id: outlet.id,
        visit_id: visitId,
        user_id: t.orgA.usersByRole.rep,
        territory_path: outlet.path,
        audit_date: today,
        audited_at: at,
      })
      .execute();
    await db
      .insertInto("outlet_stock_audit_lines")
      .values([
        { org_id: orgId, audit_id: auditId, sku_id: f.soapId, qty: 0 },
        { org_id: orgId, audit_id: auditId, sku_id: f.biscuitId, qty: 12 },
      ])
      .execute();
    const next = await snapshot(rep, last.token);
    // The order of the step before is inside the token's look-back, so its outlet may come again; no other.
    expect(next.outlets.map((o) => o.id)).toContain(f.secondOutletId);
    expect(next.outlets.map((o) => o.id).filter((id) => id !== f.outletId)).toEqual([f.secondOutletId]);
    expect(next.outlets.find((o) => o.id === f.secondOutletId)).toMatchObject({
      lastVisitDate: today,
      lastAuditOutOfStockSkuIds: [f.soapId],
    });
    expect(next.day.startedAt).toBe(at.toISOString());
    expect(next.day.visits).toEqual([
      {
        id: visitId,
        outletId: f.secondOutletId,
        checkedInAt: at.toISOString(),
        checkedOutAt: null,
        outcome: null,
        distanceM: 40,
        outsideRadius: false,
      },
    ]);
    last = next;
  });

  it("after a price change, brings the price books again", async () => {
    const list = await t.database.handle.db
      .selectFrom("price_list_items")
      .select("price_list_id")
      .where("org_id", "=", t.orgA.orgId)
      .where("sku_id", "=", f.biscuitId)
      .executeTakeFirstOrThrow();
    const res = await admin.request("PUT", `/api/v1/price-lists/${list.price_list_id}/items`, {
      items: [{ skuId: f.biscuitId, mrpPoisha: 1100, retailerPricePoisha: 950, distributorPricePoisha: 860 }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const next = await snapshot(rep, last.token);
    expect(next.full).toBe(false);
    expect(next.priceBooks.map((b) => b.key).sort()).toEqual(full.priceBooks.map((b) => b.key).sort());
    const key = next.outlets.find((o) => o.id === f.outletId)?.priceBookKey;
    const book = next.priceBooks.find((b) => b.key === key);
    expect(book?.prices.find((p) => p.skuId === f.biscuitId)).toMatchObject({ unitPricePoisha: 950, mrpPoisha: 1100 });
    // Keys may follow the lists, so the outlets come whole with the books.
    expect(next.outlets).toHaveLength(full.outlets.length);
    last = next;
  });

  it("brings a scheme in force for the rep's outlets, which prices the phone's memo as the server does", async () => {
    const createScheme = async (body: object) => {
      const res = await admin.request("POST", "/api/v1/promotions/schemes", body, { "idempotency-key": newId() });
      expect(res.statusCode, res.body).toBe(201);
      const id = (res.json() as { id: string }).id;
      const on = await admin.request("POST", `/api/v1/promotions/schemes/${id}/activate`, {});
      expect(on.statusCode, on.body).toBe(200);
      return id;
    };
    const period = { validFrom: today, validTo: today };
    // 10 % off soap from 12 pieces, for the fixture's outlet; and 1 biscuit free per 24 soap, repeating.
    const soapOff = await createScheme({
      code: "FIELD-SOAP10",
      name: "Soap 10 % off",
      nameBn: "সাবানে ১০% ছাড়",
      ...period,
      targeting: { outletIds: [f.outletId] },
      rule: {
        kind: "slab",
        skuIds: [f.soapId],
        measure: "qty",
        mode: "once",
        slabs: [{ min: 12, benefit: { type: "percent", bp: 1000 } }],
      },
    });
    const biscuitFree = await createScheme({
      code: "FIELD-SOAP24",
      name: "Biscuit free per 24 soap",
      nameBn: "২৪ সাবানে একটি বিস্কুট ফ্রি",
      ...period,
      priority: 200,
      rule: {
        kind: "slab",
        skuIds: [f.soapId],
        measure: "qty",
        mode: "repeating",
        slabs: [{ min: 24, benefit: { type: "free_goods", skuId: f.biscuitId, qty: 1 } }],
      },
    });
    // For the far outlet only, which is not on the rep's beat: not sent.
    const far = await createScheme({
      code: "FIELD-FAR",
      name: "Far outlet deal",
      nameBn: "দূরের দোকানের অফার",
      ...period,
      targeting: { outletIds: [f.farOutletId] },
      rule: {
        kind: "slab",
        skuIds: [],
        measure: "value",
        mode: "once",
        slabs: [{ min: 1, benefit: { type: "flat", poisha: 100 } }],
      },
    });

    const next = await snapshot(rep, last.token);
    expect(next.full).toBe(false);
    const sent = must(next.schemes, "the schemes, changed since the token");
    expect(sent.map((s) => s.id).sort()).toEqual([soapOff, biscuitFree].sort());
    expect(sent.map((s) => s.id)).not.toContain(far);
    expect(next.exhaustedSchemeIds).toEqual([]);
    // Once the phone holds them, they do not come again.
    const again = await snapshot(rep, next.token);
    expect(again.schemes).toBeNull();

    // The phone prices 30 soap and 5 biscuits with what it holds: soap 30 x 4050 = 121,500 gross, 10 % = 12,150
    // off; one biscuit free (30 / 24 = 1 whole multiple), totalling 0.
    const outlet = must(
      full.outlets.find((o) => o.id === f.outletId),
      "the fixture's outlet",
    );
    const books = new Map([...full.priceBooks, ...last.priceBooks].map((b) => [b.key, b]));
    const skus = new Map(full.skus.map((s) => [s.id, s]));
    const lines = [
      { skuId: f.soapId, unit: "piece", qty: 30 },
      { skuId: f.biscuitId, unit: "piece", qty: 5 },
    ];
    const phone = priceDraft(lines, skus, priceIndex(books.get(outlet.priceBookKey ?? "")), {
      schemes: sent,
      exhaustedIds: next.exhaustedSchemeIds ?? [],
      outlet,
      orderDate: today,
    });
    expect(phone.complete).toBe(true);
    expect(phone.lines[0]?.priced?.discountPoisha).toBe(12_150);
    expect(phone.free.map((x) => [x.priced.skuId, x.priced.qty, x.priced.totalPoisha])).toEqual([[f.biscuitId, 1, 0]]);

    // The server prices the same memo, sent as the phone sends it, to the same total: no "prices changed" warning.
    const orderId = newId();
    const res = await rep.request("POST", "/api/v1/field/sync", {
      commands: [
        {
          id: newId(),
          kind: "order.place",
          at: new Date().toISOString(),
          payload: { orderId, outletId: f.outletId, lines, expectedTotalPoisha: phone.totals.totalPoisha },
        },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const [result] = (res.json() as { results: FieldCommandResult[] }).results;
    expect(result?.status, JSON.stringify(result)).toBe("applied");
    expect(result?.warnings).toEqual([]);
    expect(result?.data.totalPoisha).toBe(phone.totals.totalPoisha);
    const order = await admin.request("GET", `/api/v1/secondary-orders/${orderId}`);
    expect(order.statusCode, order.body).toBe(200);
    const body = order.json() as { discountPoisha: number; lines: { skuId: string; totalPoisha: number }[] };
    expect(body.discountPoisha).toBe(phone.totals.discountPoisha);
    expect(body.lines).toHaveLength(3);

    // Paused, the scheme leaves the phone with the next incremental snapshot.
    const paused = await admin.request("POST", `/api/v1/promotions/schemes/${soapOff}/pause`, {});
    expect(paused.statusCode, paused.body).toBe(200);
    const after = await snapshot(rep, again.token);
    expect(after.full).toBe(false);
    expect(must(after.schemes, "the schemes, changed by the pause").map((s) => s.id)).toEqual([biscuitFree]);
    last = after;
  });

  it("after an outlet moves to another rep's route, lists it as removed", async () => {
    const db = t.database.handle.db;
    const orgId = t.orgA.orgId;
    // A demo outlet of the rep's beat (with its assignment history), moved to the far route of the fixture.
    const moving = full.outlets.find((o) => o.id !== f.outletId && o.id !== f.secondOutletId && o.distributorId);
    const far = await db
      .selectFrom("outlets")
      .select(["route_id", "distributor_id"])
      .where("org_id", "=", orgId)
      .where("id", "=", f.farOutletId)
      .executeTakeFirstOrThrow();
    const res = await admin.request("POST", `/api/v1/outlets/${moving?.id}/assign`, {
      distributorId: far.distributor_id,
      routeId: far.route_id,
      effectiveFrom: today,
    });
    expect(res.statusCode, res.body).toBe(200);
    const next = await snapshot(rep, last.token);
    expect(next.full).toBe(false);
    expect(next.removedOutletIds).toContain(moving?.id);
    expect(next.outlets.map((o) => o.id)).not.toContain(moving?.id);
    expect(next.routes.flatMap((r) => r.outletIds)).not.toContain(moving?.id);
    // Nothing that is still on the beat is listed as removed.
    for (const id of next.routes.flatMap((r) => r.outletIds)) expect(next.removedOutletIds).not.toContain(id);
    last = next;
  });

  it("after the rep's route goes to another rep, lists all its outlets as removed", async () => {
    const before = await snapshot(rep, last.token);
    const route = must(
      before.routes.find((r) => r.outletIds.includes(f.outletId)),
      "the fixture's route",
    );
    const repTerritory = await t.database.handle.db
      .selectFrom("users")
      .select("territory_id")
      .where("org_id", "=", t.orgA.orgId)
      .where("id", "=", t.orgA.usersByRole.rep)
      .executeTakeFirstOrThrow();
    const created = await admin.request("POST", "/api/v1/users", {
      email: `snapshot.rep@${ORG_A_DOMAIN}`,
      name: "Second Rep",
      role: "rep",
      territoryId: repTerritory.territory_id,
      password: "field-password-1",
    });
    expect(created.statusCode, created.body).toBe(201);
    const res = await admin.request("POST", `/api/v1/routes/${route.id}/assign-rep`, {
      repUserId: created.json().id,
      effectiveFrom: today,
    });
    expect(res.statusCode, res.body).toBe(200);
    const next = await snapshot(rep, before.token);
    expect(next.routes.map((r) => r.id)).not.toContain(route.id);
    expect(next.removedOutletIds).toEqual(expect.arrayContaining(route.outletIds));
    // The new owner gets them on a full snapshot of their own.
    const newRep = await signIn(t.app, `snapshot.rep@${ORG_A_DOMAIN}`, "field-password-1");
    const theirs = await snapshot(newRep);
    expect(theirs.routes.map((r) => r.id)).toEqual([route.id]);
    expect(theirs.outlets.map((o) => o.id).sort()).toEqual(route.outletIds.slice().sort());
    last = next;
  });

  it("answers an unreadable or unknown token with a full snapshot", async () => {
    for (const since of ["nonsense", "1.zzzzzzzzzzzz.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAA", "9.abc.x.y"]) {
      const s = await snapshot(rep, since);
      expect(s.full).toBe(true);
      expect(s.outlets.map((o) => o.id).sort()).toEqual(await beatOutletIds(t.orgA.orgId, t.orgA.usersByRole.rep));
    }
  });

  it("is the field app's: a retailer, a distributor and an admin are refused", async () => {
    for (const role of ["retailer", "distributor", "admin"]) {
      const caller = await signIn(t.app, `${role}@${ORG_A_DOMAIN}`);
      const res = await caller.request("GET", "/api/v1/field/snapshot");
      expect(res.statusCode, `${role}: ${res.body}`).toBe(403);
    }
    expect((await t.app.inject({ method: "GET", url: "/api/v1/field/snapshot" })).statusCode).toBe(401);
  });

  it("shows another organisation's rep nothing of this one", async () => {
    const other = await signIn(t.app, `rep@${ORG_B_DOMAIN}`);
    const s = await snapshot(other, full.token);
    const aOutlets = new Set(full.outlets.map((o) => o.id));
    const aRoutes = new Set(full.routes.map((r) => r.id));
    expect(s.outlets.some((o) => aOutlets.has(o.id))).toBe(false);
    expect(s.routes.some((r) => aRoutes.has(r.id))).toBe(false);
    expect(s.skus.some((k) => k.id === f.soapId)).toBe(false);
    expect(s.me.userId).toBe(t.orgB.usersByRole.rep);
    expect(s.outlets.map((o) => o.id).sort()).toEqual(await beatOutletIds(t.orgB.orgId, t.orgB.usersByRole.rep));
  });
});
