// Many order takers at once competing for the last cartons of one SKU, or for the last room under one
// outlet's credit limit: confirmations must never oversell and never overrun the limit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSalesFixture, type SalesFixture } from "../testing/sales-fixture.ts";
import { type Caller, createTestApp, ORG_A_DOMAIN, signIn, type TestApp } from "../testing/test-app.ts";

let t: TestApp;
let f: SalesFixture;
let admin: Caller;
const STOCK = 150;
const ORDERS = 200;

beforeAll(async () => {
  t = await createTestApp();
  f = await createSalesFixture(t.database.handle.db, t.orgA, { biscuitStock: STOCK });
  admin = await signIn(t.app, `admin@${ORG_A_DOMAIN}`);
});
afterAll(() => t.close());

describe("concurrent confirmations", () => {
  it("confirm 12 orders at once for an outlet with room for two: exactly two fit under its credit limit", async () => {
    const db = t.database.handle.db;
    const line = { skuId: f.soapId, qty: 1 };
    const draft = await admin.request("POST", "/api/v1/secondary-orders", { outletId: f.outletId, lines: [line] });
    expect(draft.statusCode).toBe(201);
    const total = draft.json().totalPoisha as number;
    expect(total).toBeGreaterThan(0);
    const limit = Math.floor(total * 2.5);
    const setLimit = (poisha: number | null) =>
      db
        .updateTable("outlets")
        .set({ credit_limit_poisha: poisha })
        .where("org_id", "=", t.orgA.orgId)
        .where("id", "=", f.outletId)
        .execute();
    await setLimit(limit);
    const answers = await Promise.all(
      Array.from({ length: 12 }, () =>
        admin.request("POST", "/api/v1/secondary-orders", { outletId: f.outletId, lines: [line], confirm: true }),
      ),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([...Array(2).fill(201), ...Array(10).fill(409)]);
    expect(answers.filter((a) => a.statusCode === 409).every((a) => a.json().error.code === "order.credit_limit")).toBe(
      true,
    );
    const open = await db
      .selectFrom("secondary_orders")
      .select((eb) => eb.fn.sum<string>("total_poisha").as("sum"))
      .where("org_id", "=", t.orgA.orgId)
      .where("outlet_id", "=", f.outletId)
      .where("status", "=", "confirmed")
      .executeTakeFirstOrThrow();
    expect(Number(open.sum)).toBe(2 * total);
    expect(Number(open.sum)).toBeLessThanOrEqual(limit);
    // Cancel them again, so the stock test below starts from the fixture's stock.
    for (const a of answers.filter((x) => x.statusCode === 201)) {
      const cancelled = await admin.request("POST", `/api/v1/secondary-orders/${a.json().id}/cancel`, {
        reason: "test",
      });
      expect(cancelled.statusCode).toBe(200);
    }
    await setLimit(null);
  });

  it(`confirm ${ORDERS} orders at once for ${STOCK} pieces: each is confirmed or refused with stock.insufficient, none oversold`, async () => {
    // quantities 1 and 2 alternate, so the last pieces are fought over by orders of different sizes
    const answers = await Promise.all(
      Array.from({ length: ORDERS }, (_, i) =>
        admin.request("POST", "/api/v1/secondary-orders", {
          outletId: i % 2 === 0 ? f.outletId : f.secondOutletId,
          lines: [{ skuId: f.biscuitId, qty: 1 + (i % 2) }],
          confirm: true,
        }),
      ),
    );
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    const confirmed = answers.filter((a) => a.statusCode === 201).map((a) => a.json());
    const refused = answers.filter((a) => a.statusCode !== 201);
    expect(refused.every((a) => a.json().error.code === "stock.insufficient")).toBe(true);
    expect(confirmed.length + refused.length).toBe(ORDERS);
    expect(confirmed.every((o) => o.status === "confirmed")).toBe(true);

    const reservedByOrders = confirmed.reduce((s, o) => s + o.lines[0].qty, 0);
    const balance = await t.database.handle.db
      .selectFrom("stock_balances")
      .select(["on_hand", "reserved"])
      .where("org_id", "=", t.orgA.orgId)
      .where("distributor_id", "=", f.distributorId)
      .where("sku_id", "=", f.biscuitId)
      .executeTakeFirstOrThrow();
    expect(balance.on_hand).toBe(STOCK);
    expect(balance.reserved).toBe(reservedByOrders);
    expect(balance.reserved).toBeLessThanOrEqual(balance.on_hand);
    // the stock ran out: at most one piece can be left (a 2-piece order refused while 1 remained)
    expect(STOCK - reservedByOrders).toBeLessThanOrEqual(1);
    expect(refused.length).toBeGreaterThan(0);
    // every confirmed order's reservation is in the ledger, once
    const movements = await t.database.handle.db
      .selectFrom("stock_movements")
      .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.sum<number>("reserved_delta").as("reserved")])
      .where("org_id", "=", t.orgA.orgId)
      .where("sku_id", "=", f.biscuitId)
      .where("kind", "=", "reservation")
      .executeTakeFirstOrThrow();
    expect([Number(movements.n), Number(movements.reserved)]).toEqual([confirmed.length, reservedByOrders]);
    // numbers are unique (a refused order may have used one up: order numbers are allowed gaps)
    expect(new Set(confirmed.map((o) => o.number)).size).toBe(confirmed.length);
  });
});
