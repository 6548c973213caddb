// Many order takers at once competing for the last cartons of one SKU: confirmations must never oversell.
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
    // numbers are unique and gap-free among the committed orders' series
    expect(new Set(confirmed.map((o) => o.number)).size).toBe(confirmed.length);
  });
});
