// A scheme's budget and per-outlet cap hold under 100 orders confirmed at once (PostgreSQL: real concurrent
// transactions; the embedded database runs one at a time). Every order goes through; exactly the grants that fit are
// given, the rest are priced without the scheme; the grants add up to the scheme's spend.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, businessDate } from "../../shared/format.ts";
import { createSalesFixture, type SalesFixture } from "../testing/sales-fixture.ts";
import { type Caller, createTestApp, ORG_A_DOMAIN, signIn, type TestApp } from "../testing/test-app.ts";

let t: TestApp;
let f: SalesFixture;
let admin: Caller;
const ORDERS = 100;
const today = businessDate();

beforeAll(async () => {
  t = await createTestApp();
  f = await createSalesFixture(t.database.handle.db, t.orgA, { soapStock: 1000, biscuitStock: 1000 });
  admin = await signIn(t.app, `admin@${ORG_A_DOMAIN}`);
}, 120_000);
afterAll(async () => t?.close());

/** ৳1 off every memo with the SKU (flat 100 poisha). */
async function flatScheme(code: string, skuId: string, limits: Record<string, number>) {
  const made = await admin.request("POST", "/api/v1/promotions/schemes", {
    code,
    name: code,
    nameBn: code,
    validFrom: addDays(today, -1),
    validTo: addDays(today, 1),
    rule: {
      kind: "slab",
      skuIds: [skuId],
      measure: "qty",
      mode: "once",
      slabs: [{ min: 1, benefit: { type: "flat", poisha: 100 } }],
    },
    ...limits,
  });
  expect(made.statusCode, made.body).toBe(201);
  const id = made.json().id as string;
  expect((await admin.request("POST", `/api/v1/promotions/schemes/${id}/activate`)).statusCode).toBe(200);
  return id;
}

async function grants(schemeId: string) {
  return t.database.handle.db
    .selectFrom("promo_grants")
    .select(["outlet_id", "cost_poisha"])
    .where("org_id", "=", t.orgA.orgId)
    .where("scheme_id", "=", schemeId)
    .where("status", "=", "active")
    .execute();
}

async function spent(schemeId: string) {
  const r = await t.database.handle.db
    .selectFrom("promo_schemes")
    .select("spent_poisha")
    .where("org_id", "=", t.orgA.orgId)
    .where("id", "=", schemeId)
    .executeTakeFirstOrThrow();
  return r.spent_poisha;
}

describe("budgets and caps under concurrent confirmations", () => {
  it("100 orders at once against a budget of 37 grants: exactly 37 get the scheme, spend = grants <= budget", async () => {
    const BUDGET = 3_700;
    const schemeId = await flatScheme("BUDGET37", f.biscuitId, { budgetPoisha: BUDGET });
    const answers = await Promise.all(
      Array.from({ length: ORDERS }, () =>
        admin.request("POST", "/api/v1/secondary-orders", {
          outletId: f.outletId,
          lines: [{ skuId: f.biscuitId, qty: 1 }],
          confirm: true,
        }),
      ),
    );
    expect(answers.map((a) => a.statusCode).filter((s) => s !== 201)).toEqual([]);
    const discounted = answers.filter((a) => a.json().discountPoisha === 100);
    expect(discounted).toHaveLength(37);
    expect(answers.filter((a) => a.json().discountPoisha === 0)).toHaveLength(ORDERS - 37);
    const given = await grants(schemeId);
    expect(given).toHaveLength(37);
    const total = given.reduce((s, g) => s + g.cost_poisha, 0);
    expect(total).toBe(BUDGET);
    expect(await spent(schemeId)).toBe(total);
    // Cancelling one gives its 100 back, and the next order gets the scheme again.
    const one = discounted[0]?.json().id as string;
    expect((await admin.request("POST", `/api/v1/secondary-orders/${one}/cancel`, { reason: "test" })).statusCode).toBe(
      200,
    );
    expect(await spent(schemeId)).toBe(BUDGET - 100);
    const next = await admin.request("POST", "/api/v1/secondary-orders", {
      outletId: f.outletId,
      lines: [{ skuId: f.biscuitId, qty: 1 }],
      confirm: true,
    });
    expect(next.json().discountPoisha).toBe(100);
    expect(await spent(schemeId)).toBe(BUDGET);
  }, 120_000);

  it("100 orders at once from two outlets against a cap of 2.5 grants an outlet: exactly 2 each", async () => {
    const schemeId = await flatScheme("CAP2", f.soapId, { perOutletCapPoisha: 250 });
    const outlets = [f.outletId, f.secondOutletId];
    const answers = await Promise.all(
      Array.from({ length: ORDERS }, (_, i) =>
        admin.request("POST", "/api/v1/secondary-orders", {
          outletId: outlets[i % 2],
          lines: [{ skuId: f.soapId, qty: 1 }],
          confirm: true,
        }),
      ),
    );
    expect(answers.map((a) => a.statusCode).filter((s) => s !== 201)).toEqual([]);
    const given = await grants(schemeId);
    expect(given.filter((g) => g.outlet_id === f.outletId)).toHaveLength(2);
    expect(given.filter((g) => g.outlet_id === f.secondOutletId)).toHaveLength(2);
    const usage = await t.database.handle.db
      .selectFrom("promo_scheme_outlet_usage")
      .select(["outlet_id", "spent_poisha"])
      .where("org_id", "=", t.orgA.orgId)
      .where("scheme_id", "=", schemeId)
      .orderBy("outlet_id")
      .execute();
    expect(usage.map((u) => u.spent_poisha)).toEqual([200, 200]);
    expect(answers.filter((a) => a.json().discountPoisha > 0)).toHaveLength(4);
  }, 120_000);
});
