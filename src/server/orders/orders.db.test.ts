import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../shared/ids.ts";
import { ledgerSums } from "../inventory/inventory.repository.ts";
import { errorCode, hasBengali } from "../testing/assertions.ts";
import { createSalesFixture, type SalesFixture } from "../testing/sales-fixture.ts";
import { type Caller, createTestApp, ORG_A_DOMAIN, ORG_B_DOMAIN, signIn, type TestApp } from "../testing/test-app.ts";

let t: TestApp;
let f: SalesFixture;
let admin: Caller;
let rep: Caller;
let distributor: Caller;
let retailer: Caller;
let otherOrg: Caller;

beforeAll(async () => {
  t = await createTestApp();
  f = await createSalesFixture(t.database.handle.db, t.orgA);
  admin = await signIn(t.app, `admin@${ORG_A_DOMAIN}`);
  rep = await signIn(t.app, `rep@${ORG_A_DOMAIN}`);
  distributor = await signIn(t.app, `distributor@${ORG_A_DOMAIN}`);
  retailer = await signIn(t.app, `retailer@${ORG_A_DOMAIN}`);
  otherOrg = await signIn(t.app, `admin@${ORG_B_DOMAIN}`);
});
afterAll(() => t.close());

async function stock(skuId: string) {
  const row = await t.database.handle.db
    .selectFrom("stock_balances")
    .select(["on_hand", "reserved", "damaged"])
    .where("org_id", "=", t.orgA.orgId)
    .where("distributor_id", "=", f.distributorId)
    .where("sku_id", "=", skuId)
    .executeTakeFirstOrThrow();
  return { ...row, available: row.on_hand - row.reserved };
}

/**
 * Two SKUs at the edges of what an order line can record, in the fixture's price list: one sold in pallets of a
 * million pieces at a normal price, one at a price near the top of the poisha range.
 */
async function edgeSkus(): Promise<{ pallet: string; precious: string }> {
  const soap = (await admin.request("GET", `/api/v1/skus/${f.soapId}`)).json();
  const sku = async (code: string, units: { unit: string; factor: number }[]) => {
    const res = await admin.request("POST", "/api/v1/skus", {
      ...{ code, name: code, nameBn: "প্রান্তিক পণ্য", brandId: soap.brandId, categoryId: soap.categoryId },
      units,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const pallet = await sku("EDGE-PALLET", [{ unit: "pallet", factor: 1_000_000 }]);
  const precious = await sku("EDGE-PRECIOUS", []);
  const list = await t.database.handle.db
    .selectFrom("price_list_items")
    .select("price_list_id")
    .where("org_id", "=", t.orgA.orgId)
    .where("sku_id", "=", f.soapId)
    .executeTakeFirstOrThrow();
  const priced = await admin.request("PUT", `/api/v1/price-lists/${list.price_list_id}/items`, {
    items: [
      { skuId: pallet, mrpPoisha: 100, retailerPricePoisha: 90, distributorPricePoisha: 80 },
      { skuId: precious, mrpPoisha: 9e15, retailerPricePoisha: 8e15, distributorPricePoisha: 7e15 },
    ],
  });
  expect(priced.statusCode, priced.body).toBe(200);
  return { pallet, precious };
}

const order = (lines: { skuId: string; qty: number; unit?: string }[], extra: Record<string, unknown> = {}) => ({
  outletId: f.outletId,
  lines,
  ...extra,
});

describe("secondary orders", () => {
  it("price a memo from the price list in any pack size, and store base units", async () => {
    const res = await rep.request(
      "POST",
      "/api/v1/secondary-orders",
      order([
        { skuId: f.soapId, qty: 2, unit: "case" },
        { skuId: f.biscuitId, qty: 5 },
      ]),
    );
    expect(res.statusCode, res.body).toBe(201);
    const o = res.json();
    expect(o.status).toBe("draft");
    expect(o.number).toMatch(/^SO-\d{7}$/);
    // soap: 48 pieces x 4050 = 194,400 + 15 % VAT 29,160 = 223,560; biscuit: 5 x 900 = 4,500, no VAT
    expect(o.lines[0]).toMatchObject({
      qty: 48,
      enteredQty: 2,
      enteredUnit: "case",
      unitPricePoisha: 4050,
      grossPoisha: 194_400,
      vatPoisha: 29_160,
      totalPoisha: 223_560,
    });
    expect(o.lines[1]).toMatchObject({ qty: 5, unitPricePoisha: 900, vatPoisha: 0, totalPoisha: 4500 });
    expect(o).toMatchObject({
      subtotalPoisha: 198_900,
      vatPoisha: 29_160,
      totalPoisha: 228_060,
      distributorId: f.distributorId,
    });
    expect(o.repUserId).toBe(t.orgA.usersByRole.rep);
    expect(o.actions).toEqual(["confirm", "cancel"]);
  });

  it("reserve on confirmation, issue first-expiry-first on delivery, and raise the outlet's dues", async () => {
    const before = await stock(f.soapId);
    const created = (
      await rep.request("POST", "/api/v1/secondary-orders", order([{ skuId: f.soapId, qty: 30 }], { confirm: true }))
    ).json();
    expect(created.status).toBe("confirmed");
    expect(await stock(f.soapId)).toMatchObject({ on_hand: before.on_hand, reserved: before.reserved + 30 });

    for (const step of ["invoice", "dispatch"]) {
      const r = await distributor.request("POST", `/api/v1/secondary-orders/${created.id}/${step}`);
      expect(r.statusCode, r.body).toBe(200);
    }
    const invoiced = (await distributor.request("GET", `/api/v1/secondary-orders/${created.id}`)).json();
    expect(invoiced.invoiceNumber).toMatch(/^DB-1-\d{6}$/);
    // deliver 25 of 30: 5 go back to available
    const delivered = await distributor.request("POST", `/api/v1/secondary-orders/${created.id}/deliver`, {
      lines: [{ lineNo: 1, deliveredQty: 25 }],
    });
    expect(delivered.statusCode, delivered.body).toBe(200);
    expect(delivered.json()).toMatchObject({
      status: "partially_delivered",
      deliveredTotalPoisha: 25 * 4050 + Math.round(25 * 4050 * 0.15),
    });
    expect(await stock(f.soapId)).toMatchObject({ on_hand: before.on_hand - 25, reserved: before.reserved });
    const early = await t.database.handle.db
      .selectFrom("stock_batch_balances as bb")
      .innerJoin("stock_batches as b", (j) => j.onRef("b.org_id", "=", "bb.org_id").onRef("b.id", "=", "bb.batch_id"))
      .select(["b.batch_no", "bb.on_hand"])
      .where("bb.org_id", "=", t.orgA.orgId)
      .where("bb.sku_id", "=", f.soapId)
      .orderBy("b.batch_no")
      .execute();
    // the early-expiring batch gave first; the late one is untouched
    expect(early.find((b) => b.batch_no === "S-LATE")?.on_hand).toBe(240);

    // return 5 saleable and 2 damaged
    const ret = await distributor.request("POST", `/api/v1/secondary-orders/${created.id}/returns`, {
      reason: "torn wrappers",
      lines: [
        { lineNo: 1, qty: 5, condition: "saleable" },
        { lineNo: 1, qty: 2, condition: "damaged" },
      ],
    });
    expect(ret.statusCode, ret.body).toBe(200);
    expect(await stock(f.soapId)).toMatchObject({ on_hand: before.on_hand - 20, damaged: before.damaged + 2 });
    const tooMany = await distributor.request("POST", `/api/v1/secondary-orders/${created.id}/returns`, {
      reason: "again",
      lines: [{ lineNo: 1, qty: 19, condition: "saleable" }],
    });
    expect(errorCode(tooMany)).toBe("order.return_exceeds");
    // Found by the contract fuzz test: the same line and condition twice met the key of the return's lines (a 500).
    const twice = await distributor.request("POST", `/api/v1/secondary-orders/${created.id}/returns`, {
      reason: "twice",
      lines: [
        { lineNo: 1, qty: 1, condition: "saleable" },
        { lineNo: 1, qty: 1, condition: "saleable" },
      ],
    });
    expect(twice.statusCode, twice.body).toBe(400);
    expect(errorCode(twice)).toBe("request.invalid");

    const sums = await ledgerSums(t.database.handle.db, t.orgA.orgId, f.distributorId);
    for (const s of sums) {
      const b = await stock(s.sku_id);
      expect([Number(s.on_hand), Number(s.reserved), Number(s.damaged)]).toEqual([b.on_hand, b.reserved, b.damaged]);
    }
  });

  it("refuse what cannot be reserved with stock.insufficient naming the SKU and what is available", async () => {
    const { available } = await stock(f.biscuitId);
    const res = await rep.request(
      "POST",
      "/api/v1/secondary-orders",
      order([{ skuId: f.biscuitId, qty: available + 1 }], { confirm: true }),
      { "accept-language": "bn" },
    );
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: "stock.insufficient",
      details: { skuCode: "BISC-50", available, requested: available + 1 },
    });
    expect(res.json().error.message).toContain("BISC-50");
    expect(await stock(f.biscuitId)).toMatchObject({ available });
  });

  it("release reservations when a confirmed order is cancelled", async () => {
    const before = await stock(f.biscuitId);
    const o = (
      await rep.request(
        "POST",
        "/api/v1/secondary-orders",
        order([{ skuId: f.biscuitId, qty: 1, unit: "case" }], { confirm: true }),
      )
    ).json();
    expect(await stock(f.biscuitId)).toMatchObject({ reserved: before.reserved + 24 });
    const cancelled = await rep.request("POST", `/api/v1/secondary-orders/${o.id}/cancel`, { reason: "shop closed" });
    expect(cancelled.json()).toMatchObject({ status: "cancelled", cancelReason: "shop closed", actions: [] });
    expect(await stock(f.biscuitId)).toMatchObject({ reserved: before.reserved, on_hand: before.on_hand });
    const again = await rep.request("POST", `/api/v1/secondary-orders/${o.id}/cancel`, { reason: "twice" });
    expect(errorCode(again)).toBe("order.illegal_transition");
  });

  it("make one order from the same create sent three times with one Idempotency-Key", async () => {
    const key = `test-${newId()}`;
    const body = order([{ skuId: f.biscuitId, qty: 2 }], { confirm: true });
    const answers = [];
    for (let i = 0; i < 3; i++)
      answers.push(await rep.request("POST", "/api/v1/secondary-orders", body, { "idempotency-key": key }));
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
    const count = await t.database.handle.db
      .selectFrom("secondary_orders")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("org_id", "=", t.orgA.orgId)
      .where("id", "=", answers[0]?.json().id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it("reject unknown units, sell-by violations and unknown SKUs line by line, in Bengali", async () => {
    const badUnit = await rep.request(
      "POST",
      "/api/v1/secondary-orders",
      order([{ skuId: f.soapId, qty: 1, unit: "carton" }]),
      { "accept-language": "bn" },
    );
    expect(errorCode(badUnit)).toBe("order.unit_unknown");
    expect(badUnit.json().error.message).toMatch(/[\u0980-\u09FF]/);
    const unknown = await rep.request("POST", "/api/v1/secondary-orders", order([{ skuId: newId(), qty: 1 }]));
    expect(errorCode(unknown)).toBe("order.sku_unknown");
    const zero = await rep.request("POST", "/api/v1/secondary-orders", order([{ skuId: f.soapId, qty: 0 }]));
    expect(zero.statusCode).toBe(400);
  });

  it("refuse with order.too_large a line past what an order can record, not a 500", async () => {
    // Found by the contract fuzz test: a big pack times a big quantity overflowed the quantity column, and a
    // big quantity at a big price left the exact range of poisha. Both were 500s.
    const { pallet, precious } = await edgeSkus();
    const orders = () =>
      t.database.handle.db
        .selectFrom("secondary_orders")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("org_id", "=", t.orgA.orgId)
        .executeTakeFirstOrThrow();
    const before = await orders();
    for (const line of [
      // 3,000,000,000 pieces: past the quantity column.
      { skuId: pallet, qty: 3000, unit: "pallet" },
      // 2 x 8,000,000,000,000,000 poisha: past the exact range of poisha.
      { skuId: precious, qty: 2 },
    ]) {
      const res = await rep.request("POST", "/api/v1/secondary-orders", order([line]), { "accept-language": "bn" });
      expect(res.statusCode, res.body).toBe(422);
      expect(errorCode(res)).toBe("order.too_large");
      expect(hasBengali(res.json().error.message)).toBe(true);
    }
    expect(await orders()).toEqual(before);
  });

  it("keep reps, distributors, retailers and other orgs to their own outlets and orders", async () => {
    // the far outlet is on a route outside the rep's territory and served by the other distributor
    const far = await rep.request("POST", "/api/v1/secondary-orders", {
      outletId: f.farOutletId,
      lines: [{ skuId: f.soapId, qty: 1 }],
    });
    expect(errorCode(far)).toBe("order.outlet_not_found");
    const farByDistributor = await distributor.request("POST", "/api/v1/secondary-orders", {
      outletId: f.farOutletId,
      lines: [{ skuId: f.soapId, qty: 1 }],
    });
    expect(errorCode(farByDistributor)).toBe("order.outlet_not_found");
    const byAdmin = (
      await admin.request("POST", "/api/v1/secondary-orders", {
        outletId: f.farOutletId,
        lines: [{ skuId: f.biscuitId, qty: 1 }],
      })
    ).json();
    expect(byAdmin.distributorId).toBe(f.otherDistributorId);

    expect((await distributor.request("GET", `/api/v1/secondary-orders/${byAdmin.id}`)).statusCode).toBe(404);
    expect((await rep.request("GET", `/api/v1/secondary-orders/${byAdmin.id}`)).statusCode).toBe(404);
    expect((await otherOrg.request("GET", `/api/v1/secondary-orders/${byAdmin.id}`)).statusCode).toBe(404);
    const distributorList = (await distributor.request("GET", "/api/v1/secondary-orders?limit=200")).json();
    expect(distributorList.items.length).toBeGreaterThan(0);
    expect(distributorList.items.every((o: { distributorId: string }) => o.distributorId === f.distributorId)).toBe(
      true,
    );
    // org B has orders of its own (demo seed), never org A's
    const orgAIds = new Set(
      (
        await t.database.handle.db
          .selectFrom("secondary_orders")
          .select("id")
          .where("org_id", "=", t.orgA.orgId)
          .execute()
      ).map((r) => r.id),
    );
    const seenByB = (await otherOrg.request("GET", "/api/v1/secondary-orders?limit=200")).json().items as {
      id: string;
    }[];
    expect(seenByB.length).toBeGreaterThan(0);
    expect(seenByB.filter((o) => orgAIds.has(o.id))).toEqual([]);

    // a retailer orders only for their own outlet, and sees only its orders
    const own = await retailer.request(
      "POST",
      "/api/v1/secondary-orders",
      order([{ skuId: f.biscuitId, qty: 3 }], { confirm: true }),
    );
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json().source).toBe("retailer");
    const other = await retailer.request("POST", "/api/v1/secondary-orders", {
      outletId: f.secondOutletId,
      lines: [{ skuId: f.biscuitId, qty: 1 }],
    });
    expect(errorCode(other)).toBe("order.outlet_not_found");
    const mine = (await retailer.request("GET", "/api/v1/secondary-orders?limit=200")).json();
    expect(mine.items.every((o: { outletId: string }) => o.outletId === f.outletId)).toBe(true);
    // and cannot invoice
    const inv = await retailer.request("POST", `/api/v1/secondary-orders/${own.json().id}/invoice`);
    expect(inv.statusCode).toBe(403);
  });

  it("confirm, invoice and dispatch many orders in bulk, each on its own", async () => {
    const ids = [];
    for (let i = 0; i < 3; i++)
      ids.push(
        (await rep.request("POST", "/api/v1/secondary-orders", order([{ skuId: f.biscuitId, qty: 1 }]))).json().id,
      );
    const confirm = await distributor.request("POST", "/api/v1/secondary-orders/bulk", { action: "confirm", ids });
    expect(confirm.json().results.map((r: { ok: boolean }) => r.ok)).toEqual([true, true, true]);
    const invoice = await distributor.request("POST", "/api/v1/secondary-orders/bulk", {
      action: "invoice",
      ids: [...ids, newId()],
    });
    const results = invoice.json().results;
    expect(results.slice(0, 3).every((r: { status: string }) => r.status === "invoiced")).toBe(true);
    expect(results[3]).toMatchObject({ ok: false, error: { code: "order.not_found" } });
  });

  it("raise dues on delivery, take payments with their reference once, age the rest, and export both lists", async () => {
    const o = (
      await rep.request("POST", "/api/v1/secondary-orders", {
        outletId: f.secondOutletId,
        lines: [{ skuId: f.biscuitId, qty: 10 }],
        confirm: true,
      })
    ).json();
    expect((await distributor.request("POST", `/api/v1/secondary-orders/${o.id}/invoice`)).statusCode).toBe(200);
    const delivered = await distributor.request("POST", `/api/v1/secondary-orders/${o.id}/deliver`, {});
    expect(delivered.statusCode, delivered.body).toBe(200);
    const before = (await distributor.request("GET", `/api/v1/outlets/${f.secondOutletId}/dues`)).json();
    expect(before.balancePoisha).toBe(9000);
    // due in 7 days (the distributor's credit days): nothing is overdue yet
    expect(before.ageing).toMatchObject({ notDuePoisha: 9000, days1to15Poisha: 0 });
    expect(before.entries[0]).toMatchObject({ kind: "invoice", amountPoisha: 9000, reference: o.number });

    const pay = { outletId: f.secondOutletId, method: "bkash", reference: "9F4K2L7Q1A", amountPoisha: 4000 };
    const paid = await rep.request("POST", "/api/v1/payments", pay);
    expect(paid.statusCode, paid.body).toBe(201);
    expect(paid.json().number).toMatch(/^RCPT-\d{7}$/);
    const twice = await rep.request("POST", "/api/v1/payments", pay, { "accept-language": "bn" });
    expect(errorCode(twice)).toBe("payment.reference_taken");
    // A client-made id (the field app makes them offline) that is already a payment: 409, not a 500.
    const again = await rep.request("POST", "/api/v1/payments", {
      ...pay,
      id: paid.json().id,
      method: "cash",
      reference: undefined,
    });
    expect(again.statusCode, again.body).toBe(409);
    expect(errorCode(again)).toBe("payment.id_taken");
    const noRef = await rep.request("POST", "/api/v1/payments", { ...pay, reference: undefined });
    expect(noRef.statusCode).toBe(400);
    const after = (await distributor.request("GET", `/api/v1/outlets/${f.secondOutletId}/dues`)).json();
    expect(after.balancePoisha).toBe(5000);
    expect(after.ageing.notDuePoisha).toBe(5000);

    const dues = (await distributor.request("GET", "/api/v1/dues")).json();
    expect(dues.items.find((d: { outletId: string }) => d.outletId === f.secondOutletId)?.balancePoisha).toBe(5000);
    // nothing is overdue yet: overdueOnly=true leaves the outlet out, overdueOnly=false keeps it
    const outletIds = async (q: string) =>
      (await distributor.request("GET", `/api/v1/dues?overdueOnly=${q}`))
        .json()
        .items.map((d: { outletId: string }) => d.outletId);
    expect(await outletIds("true")).not.toContain(f.secondOutletId);
    expect(await outletIds("false")).toContain(f.secondOutletId);
    expect((await otherOrg.request("GET", `/api/v1/outlets/${f.secondOutletId}/dues`)).statusCode).toBe(404);

    const ordersCsv = await distributor.request("GET", `/api/v1/secondary-orders.csv?outletId=${f.secondOutletId}`);
    expect(ordersCsv.headers["content-type"]).toContain("text/csv");
    expect(ordersCsv.body.startsWith("\uFEFF")).toBe(true);
    expect(ordersCsv.body).toContain(o.number);
    expect(ordersCsv.body).toContain("রহমান স্টোর");
    const duesCsv = await distributor.request("GET", "/api/v1/dues.csv");
    expect(duesCsv.body).toContain("OUT-2");
    expect(duesCsv.body).toContain("50.00");
  });
});
