// A scheme's budget and per-outlet cap hold under 100 orders confirmed at once (PostgreSQL: real concurrent
// transactions; the embedded database runs one at a time). Every order goes through; exactly the grants that fit are
// given, the rest are priced without the scheme; the grants add up to the scheme's spend.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, businessDate } from "../../shared/format.ts";
import { newId } from "../../shared/ids.ts";
import { type Db, isSerializationFailure, SERIALIZATION_ATTEMPTS, withTransaction } from "../db/transaction.ts";
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

/** One confirmed memo of one biscuit at the fixture's outlet (the flat schemes give ৳1 off it). */
const biscuitOrder = () =>
  admin.request("POST", "/api/v1/secondary-orders", {
    outletId: f.outletId,
    lines: [{ skuId: f.biscuitId, qty: 1 }],
    confirm: true,
  });
const biscuitOrdersAtOnce = () => Promise.all(Array.from({ length: ORDERS }, biscuitOrder));

describe("budgets and caps under concurrent confirmations", () => {
  it("100 orders at once against a budget of 37 grants: exactly 37 get the scheme, spend = grants <= budget", async () => {
    const BUDGET = 3_700;
    const schemeId = await flatScheme("BUDGET37", f.biscuitId, { budgetPoisha: BUDGET });
    const answers = await biscuitOrdersAtOnce();
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
    const next = await biscuitOrder();
    expect(next.json().discountPoisha).toBe(100);
    expect(await spent(schemeId)).toBe(BUDGET);
  }, 120_000);

  it("100 orders at once against a budget far from its end: every one gets the scheme, spend = their grants", async () => {
    const schemeId = await flatScheme("BUDGETBIG", f.biscuitId, { budgetPoisha: 100_000_000 });
    const answers = await biscuitOrdersAtOnce();
    expect(answers.map((a) => a.statusCode).filter((s) => s !== 201)).toEqual([]);
    expect(answers.filter((a) => a.json().discountPoisha === 100)).toHaveLength(ORDERS);
    expect(await grants(schemeId)).toHaveLength(ORDERS);
    expect(await spent(schemeId)).toBe(ORDERS * 100);
  }, 120_000);

  it("an order that counted on room other orders took meanwhile is run again and priced without the scheme", async () => {
    const BUDGET = 100_000_000;
    const schemeId = await flatScheme("BUDGETSTALE", f.biscuitId, { budgetPoisha: BUDGET });
    // The first order reads the schemes (spend 0) into this process's cache, which keeps them a few seconds.
    expect((await biscuitOrder()).statusCode).toBe(201);
    expect(await grants(schemeId)).toHaveLength(1);
    // Meanwhile other servers spent all but 50 of the budget: the cache still says there is plenty of room.
    await t.database.handle.db
      .updateTable("promo_schemes")
      .set({ spent_poisha: BUDGET - 50 })
      .where("org_id", "=", t.orgA.orgId)
      .where("id", "=", schemeId)
      .execute();
    const next = await biscuitOrder();
    expect(next.statusCode, next.body).toBe(201);
    const given = await admin.request("GET", `/api/v1/orders/${next.json().id}/schemes`);
    expect(given.statusCode, given.body).toBe(200);
    const body = given.json() as { grants: { schemeId: string }[] };
    expect(body.grants.length).toBeGreaterThan(0); // the other schemes on the SKU still gave
    expect(body.grants.map((g) => g.schemeId)).not.toContain(schemeId);
    expect(await spent(schemeId)).toBe(BUDGET - 50);
    expect(await grants(schemeId)).toHaveLength(1);
  });

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

type Tx = Parameters<Parameters<typeof withTransaction>[1]>[0];

describe("a budget is charged when the order commits", () => {
  const draft = async () => {
    const made = await admin.request("POST", "/api/v1/secondary-orders", {
      outletId: f.outletId,
      lines: [{ skuId: f.biscuitId, qty: 1 }],
    });
    expect(made.statusCode, made.body).toBe(201);
    return made.json().id as string;
  };
  const grant = (orderId: string, schemeId: string, cost: number) => ({
    org_id: t.orgA.orgId,
    id: newId(),
    order_id: orderId,
    scheme_id: schemeId,
    outlet_id: f.outletId,
    distributor_id: f.distributorId,
    order_date: today,
    discount_poisha: cost,
    free_value_poisha: 0,
    cost_poisha: cost,
    charges_budget: true,
  });
  /** A transaction held open on its own connection, to interleave two by hand; commit() answers its error, if any. */
  async function openTx(db: Db) {
    let commitNow!: () => void;
    const committing = new Promise<void>((r) => {
      commitNow = r;
    });
    let ready!: (tx: Tx) => void;
    const opened = new Promise<Tx>((r) => {
      ready = r;
    });
    const done = db
      .transaction()
      .execute(async (tx) => {
        ready(tx);
        await committing;
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    const tx = await opened;
    return {
      tx,
      commit: () => {
        commitNow();
        return done;
      },
    };
  }

  it("two orders that both saw room for the last of it: the second commit fails as a serialization failure", async () => {
    const schemeId = await flatScheme("LAST150", f.biscuitId, { budgetPoisha: 150 });
    const [o1, o2] = [await draft(), await draft()];
    const db = t.database.handle.db;
    const a = await openTx(db);
    const b = await openTx(db);
    await a.tx
      .insertInto("promo_grants")
      .values(grant(o1, schemeId, 100))
      .execute();
    await b.tx
      .insertInto("promo_grants")
      .values(grant(o2, schemeId, 100))
      .execute();
    // Nothing is charged (or locked) before commit.
    expect(await spent(schemeId)).toBe(0);
    expect(await a.commit()).toBeNull();
    const lost = await b.commit();
    expect(isSerializationFailure(lost)).toBe(true);
    expect(await spent(schemeId)).toBe(100);
    expect(await grants(schemeId)).toHaveLength(1);
  });

  it("withTransaction runs a transaction that lost that race again, and gives up after a few tries", async () => {
    const schemeId = await flatScheme("FULL100", f.biscuitId, { budgetPoisha: 100 });
    const db = t.database.handle.db;
    const first = await draft();
    await withTransaction(db, (tx) =>
      tx
        .insertInto("promo_grants")
        .values(grant(first, schemeId, 100))
        .execute(),
    );
    expect(await spent(schemeId)).toBe(100);
    const order = await draft();
    // First run: the budget is already used up, so its commit fails; the second run decides not to take it.
    let runs = 0;
    const answer = await withTransaction(db, async (tx) => {
      runs++;
      if (runs === 1)
        await tx
          .insertInto("promo_grants")
          .values(grant(order, schemeId, 1))
          .execute();
      return runs;
    });
    expect(answer).toBe(2);
    // Always losing: it stops and reports the failure.
    let tries = 0;
    const failed = await withTransaction(db, async (tx) => {
      tries++;
      await tx
        .insertInto("promo_grants")
        .values(grant(order, schemeId, 1))
        .execute();
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isSerializationFailure(failed)).toBe(true);
    expect(tries).toBe(SERIALIZATION_ATTEMPTS);
    expect(await spent(schemeId)).toBe(100);
    expect(await grants(schemeId)).toHaveLength(1);
  });
});
