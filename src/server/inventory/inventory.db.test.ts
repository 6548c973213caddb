// Distributor stock over HTTP (list, CSV, movements, batches, adjustments, counts) and primary orders through
// their whole life, with scope, permissions, idempotency and Bengali messages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../shared/ids.ts";
import { errorCode, hasBengali } from "../testing/assertions.ts";
import { createSalesFixture, type SalesFixture } from "../testing/sales-fixture.ts";
import { type Caller, createTestApp, ORG_A_DOMAIN, ORG_B_DOMAIN, signIn, type TestApp } from "../testing/test-app.ts";
import { ledgerSums } from "./inventory.repository.ts";

let t: TestApp;
let f: SalesFixture;
let admin: Caller;
let manager: Caller;
let rep: Caller;
let distributor: Caller;
let otherOrg: Caller;
/** A distributor based outside the manager's division (Dhaka): out of the manager's and the rep's scope. */
let farDistributorId: string;

beforeAll(async () => {
  t = await createTestApp();
  f = await createSalesFixture(t.database.handle.db, t.orgA);
  admin = await signIn(t.app, `admin@${ORG_A_DOMAIN}`);
  manager = await signIn(t.app, `manager@${ORG_A_DOMAIN}`);
  rep = await signIn(t.app, `rep@${ORG_A_DOMAIN}`);
  distributor = await signIn(t.app, `distributor@${ORG_A_DOMAIN}`);
  otherOrg = await signIn(t.app, `admin@${ORG_B_DOMAIN}`);
  const db = t.database.handle.db;
  const managerTerritory = await db
    .selectFrom("users as u")
    .innerJoin("territories as t", (j) => j.onRef("t.org_id", "=", "u.org_id").onRef("t.id", "=", "u.territory_id"))
    .select("t.path")
    .where("u.org_id", "=", t.orgA.orgId)
    .where("u.id", "=", t.orgA.usersByRole.manager)
    .executeTakeFirstOrThrow();
  const elsewhere = await db
    .selectFrom("territories")
    .select("id")
    .where("org_id", "=", t.orgA.orgId)
    .where("level", "=", "area")
    .where("path", "not like", `${managerTerritory.path}%`)
    .orderBy("code")
    .executeTakeFirstOrThrow();
  farDistributorId = newId();
  await db
    .insertInto("distributors")
    .values({
      org_id: t.orgA.orgId,
      id: farDistributorId,
      code: "DB-FAR",
      name: "Far Traders",
      name_bn: "দূরের ট্রেডার্স",
      owner_name: "Jamal",
      phone: "+8801911000000",
      address: "Chattogram",
      territory_id: elsewhere.id,
    })
    .execute();
});
afterAll(() => t.close());

const stockUrl = (distributorId: string, extra = "") => `/api/v1/stock?distributorId=${distributorId}${extra}`;

async function stockOf(skuId: string, distributorId = f.distributorId) {
  const res = await admin.request("GET", stockUrl(distributorId, "&limit=200"));
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items.find((r: { skuId: string }) => r.skuId === skuId);
}

async function expectLedgerMatches(distributorId: string) {
  const sums = await ledgerSums(t.database.handle.db, t.orgA.orgId, distributorId);
  for (const s of sums) {
    const row = await stockOf(s.sku_id, distributorId);
    expect([Number(s.on_hand), Number(s.reserved), Number(s.damaged)]).toEqual([row.onHand, row.reserved, row.damaged]);
  }
}

const count = async (table: "stock_counts" | "stock_movements" | "primary_orders" | "audit_log") =>
  Number(
    (
      await t.database.handle.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("org_id", "=", t.orgA.orgId)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("distributor stock", () => {
  it("lists on-hand, reserved, available and the next expiry per SKU, by code, page by page", async () => {
    const first = await distributor.request("GET", stockUrl(f.distributorId, "&limit=1"));
    expect(first.statusCode, first.body).toBe(200);
    const page1 = first.json();
    expect(page1.items).toHaveLength(1);
    expect(page1.items[0]).toMatchObject({
      skuCode: "BISC-50",
      onHand: 240,
      reserved: 0,
      available: 240,
      damaged: 0,
      nextExpiry: "2027-01-31",
    });
    expect(page1.nextCursor).toEqual(expect.any(String));
    const page2 = (
      await distributor.request("GET", stockUrl(f.distributorId, `&limit=1&cursor=${page1.nextCursor}`))
    ).json();
    expect(page2.items[0]).toMatchObject({ skuCode: "SOAP-100", skuNameBn: "পদ্মা সাবান ১০০ গ্রাম", onHand: 480 });
    // the soap's earliest batch expires in March
    expect(page2.items[0].nextExpiry).toBe("2027-03-31");
    expect(page2.nextCursor).toBeNull();
    const none = (await distributor.request("GET", stockUrl(f.distributorId, "&outOfStock=true"))).json();
    expect(none.items).toEqual([]);
    // "false" means false (a coerced boolean would read any non-empty text as true)
    const all = (await distributor.request("GET", stockUrl(f.distributorId, "&outOfStock=false"))).json();
    expect(all.items.map((i: { skuCode: string }) => i.skuCode).sort()).toEqual(["BISC-50", "SOAP-100"]);
    const nonsense = await distributor.request("GET", stockUrl(f.distributorId, "&outOfStock=maybe"));
    expect(nonsense.statusCode).toBe(400);
    const bad = await distributor.request("GET", stockUrl(f.distributorId, "&cursor=nonsense"));
    expect(errorCode(bad)).toBe("request.bad_cursor");
  });

  it("exports the stock list as CSV with a BOM, so Excel shows Bengali", async () => {
    const res = await distributor.request("GET", `/api/v1/stock.csv?distributorId=${f.distributorId}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    expect(res.body.charCodeAt(0)).toBe(0xfeff);
    const lines = res.body.slice(1).trim().split("\r\n");
    expect(lines[0]).toBe(
      "distributor_code,sku_code,sku_name,sku_name_bn,on_hand,reserved,available,damaged,next_expiry",
    );
    expect(lines).toContain("DB-1,SOAP-100,Padma Soap 100 g,পদ্মা সাবান ১০০ গ্রাম,480,0,480,0,2027-03-31");
  });

  it("keeps each caller to the distributors in their scope: others are not found", async () => {
    // a distributor sees only its own stock
    const other = await distributor.request("GET", stockUrl(f.otherDistributorId), undefined, {
      "accept-language": "bn",
    });
    expect(other.statusCode).toBe(404);
    expect(errorCode(other)).toBe("stock.distributor_not_found");
    expect(hasBengali(other.json().error.message)).toBe(true);
    for (const path of ["/api/v1/stock/movements", "/api/v1/stock/batches", "/api/v1/stock.csv"])
      expect((await distributor.request("GET", `${path}?distributorId=${f.otherDistributorId}`)).statusCode).toBe(404);
    // the rep and the manager see the distributor of their territory, not one outside their subtree
    expect((await rep.request("GET", stockUrl(f.distributorId))).statusCode).toBe(200);
    expect((await manager.request("GET", stockUrl(f.distributorId))).statusCode).toBe(200);
    expect(errorCode(await rep.request("GET", stockUrl(farDistributorId)))).toBe("stock.distributor_not_found");
    expect(errorCode(await manager.request("GET", stockUrl(farDistributorId)))).toBe("stock.distributor_not_found");
    expect((await admin.request("GET", stockUrl(farDistributorId))).statusCode).toBe(200);
    // another org does not see this org's distributors at all
    expect(errorCode(await otherOrg.request("GET", stockUrl(f.distributorId)))).toBe("stock.distributor_not_found");
    expect(
      (
        await otherOrg.request("POST", "/api/v1/stock/adjustments", {
          distributorId: f.distributorId,
          skuId: f.soapId,
          qtyDelta: 5,
          reason: "found",
        })
      ).statusCode,
    ).toBe(404);
  });

  it("lets only admins and the distributor adjust stock", async () => {
    const body = { distributorId: f.distributorId, skuId: f.soapId, qtyDelta: 1, reason: "found" };
    const byRep = await rep.request("POST", "/api/v1/stock/adjustments", body);
    expect(byRep.statusCode).toBe(403);
    expect((await manager.request("POST", "/api/v1/stock/adjustments", body)).statusCode).toBe(403);
    expect((await rep.request("POST", "/api/v1/stock/counts", { ...body, lines: [] })).statusCode).toBe(403);
  });

  it("adjusts with a reason: more into a batch, less first-expiry-first, never below what is reserved", async () => {
    const audits = await count("audit_log");
    const up = await distributor.request("POST", "/api/v1/stock/adjustments", {
      distributorId: f.distributorId,
      skuId: f.soapId,
      batchNo: "ADJ-1",
      expiryDate: "2028-06-30",
      qtyDelta: 12,
      reason: "found behind the shelf",
    });
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toMatchObject({ skuCode: "SOAP-100", onHand: 492, available: 492 });
    const down = await distributor.request("POST", "/api/v1/stock/adjustments", {
      distributorId: f.distributorId,
      skuId: f.soapId,
      qtyDelta: -2,
      reason: "rat damage",
    });
    expect(down.statusCode, down.body).toBe(201);
    expect(down.json().onHand).toBe(490);
    expect(await count("audit_log")).toBe(audits + 2);

    const moves = (
      await distributor.request("GET", `/api/v1/stock/movements?distributorId=${f.distributorId}&kind=adjustment`)
    ).json();
    expect(moves.items.slice(0, 2)).toMatchObject([
      { kind: "adjustment", onHandDelta: -2, batchNo: "S-EARLY", reason: "rat damage", skuCode: "SOAP-100" },
      { kind: "adjustment", onHandDelta: 12, batchNo: "ADJ-1", reason: "found behind the shelf" },
    ]);
    expect(moves.items[0].createdByName).toEqual(expect.any(String));

    // what is reserved for a confirmed memo cannot be adjusted away
    const memo = await rep.request("POST", "/api/v1/secondary-orders", {
      outletId: f.outletId,
      lines: [{ skuId: f.biscuitId, qty: 200 }],
      confirm: true,
    });
    expect(memo.statusCode, memo.body).toBe(201);
    const tooMuch = await distributor.request(
      "POST",
      "/api/v1/stock/adjustments",
      { distributorId: f.distributorId, skuId: f.biscuitId, qtyDelta: -41, reason: "lost" },
      { "accept-language": "bn" },
    );
    expect(tooMuch.statusCode).toBe(409);
    expect(tooMuch.json().error).toMatchObject({
      code: "stock.insufficient",
      details: { skuCode: "BISC-50", requested: 41, available: 40 },
    });
    expect(hasBengali(tooMuch.json().error.message)).toBe(true);
    const noBatch = await distributor.request("POST", "/api/v1/stock/adjustments", {
      distributorId: f.distributorId,
      skuId: f.biscuitId,
      batchNo: "NOPE",
      qtyDelta: -1,
      reason: "lost",
    });
    expect(errorCode(noBatch)).toBe("stock.batch_not_found");

    const noReason = await distributor.request(
      "POST",
      "/api/v1/stock/adjustments",
      { distributorId: f.distributorId, skuId: f.soapId, qtyDelta: 1, reason: " " },
      { "accept-language": "bn" },
    );
    expect(noReason.statusCode).toBe(400);
    expect(hasBengali(noReason.json().error.message)).toBe(true);
    await expectLedgerMatches(f.distributorId);
  });

  it("counts stock: appends the differences as adjustments and records the sheet, all lines or none", async () => {
    const soap = await stockOf(f.soapId);
    const res = await distributor.request("POST", "/api/v1/stock/counts", {
      distributorId: f.distributorId,
      reason: "month-end count",
      lines: [
        { skuId: f.soapId, batchNo: "S-LATE", countedQty: 235 },
        { skuId: f.soapId, batchNo: "ADJ-1", countedQty: 15 },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      distributorId: f.distributorId,
      reason: "month-end count",
      lines: [
        { skuId: f.soapId, batchNo: "S-LATE", systemQty: 240, countedQty: 235, differenceQty: -5 },
        { skuId: f.soapId, batchNo: "ADJ-1", systemQty: 12, countedQty: 15, differenceQty: 3 },
      ],
    });
    expect((await stockOf(f.soapId)).onHand).toBe(soap.onHand - 2);
    const saved = await t.database.handle.db
      .selectFrom("stock_count_lines")
      .select(["line_no", "system_qty", "counted_qty", "batch_id"])
      .where("org_id", "=", t.orgA.orgId)
      .where("count_id", "=", res.json().id)
      .orderBy("line_no")
      .execute();
    expect(saved.map((l) => [l.system_qty, l.counted_qty, l.batch_id !== null])).toEqual([
      [240, 235, true],
      [12, 15, true],
    ]);
    const countMoves = (
      await distributor.request("GET", `/api/v1/stock/movements?distributorId=${f.distributorId}&limit=2`)
    ).json();
    expect(countMoves.items.map((m: { refType: string; refId: string }) => [m.refType, m.refId])).toEqual([
      ["stock_count", res.json().id],
      ["stock_count", res.json().id],
    ]);
    // the next page continues below the last id
    const next = (
      await distributor.request(
        "GET",
        `/api/v1/stock/movements?distributorId=${f.distributorId}&limit=2&cursor=${countMoves.nextCursor}`,
      )
    ).json();
    expect(next.items[0].id < countMoves.items[1].id).toBe(true);

    // a count that would take away biscuits reserved for the open memo (200 reserved) writes nothing
    const before = { counts: await count("stock_counts"), moves: await count("stock_movements") };
    const biscuit = await stockOf(f.biscuitId);
    const refused = await distributor.request(
      "POST",
      "/api/v1/stock/counts",
      {
        distributorId: f.distributorId,
        reason: "count",
        lines: [
          { skuId: f.soapId, countedQty: 100 },
          { skuId: f.biscuitId, countedQty: 150 },
        ],
      },
      { "accept-language": "bn" },
    );
    expect(refused.statusCode).toBe(409);
    expect(errorCode(refused)).toBe("stock.insufficient");
    expect(hasBengali(refused.json().error.message)).toBe(true);
    expect({ counts: await count("stock_counts"), moves: await count("stock_movements") }).toEqual(before);
    expect(await stockOf(f.biscuitId)).toEqual(biscuit);
    expect((await stockOf(f.soapId)).onHand).toBe(soap.onHand - 2);

    const twice = await distributor.request("POST", "/api/v1/stock/counts", {
      distributorId: f.distributorId,
      reason: "count",
      lines: [
        { skuId: f.soapId, countedQty: 100 },
        { skuId: f.soapId, batchNo: "S-LATE", countedQty: 100 },
      ],
    });
    expect(errorCode(twice)).toBe("stock.count_line_repeated");
    await expectLedgerMatches(f.distributorId);
  });
});

describe("primary orders", () => {
  const create = (caller: Caller, body: Record<string, unknown>, headers?: Record<string, string>) =>
    caller.request("POST", "/api/v1/primary-orders", body, headers);
  const act = (caller: Caller, id: string, action: string, body: unknown = {}, headers?: Record<string, string>) =>
    caller.request("POST", `/api/v1/primary-orders/${id}/${action}`, body, headers);

  it("prices at the distributor price with VAT per SKU, in any pack size, numbered PO-", async () => {
    const res = await create(distributor, {
      distributorId: f.distributorId,
      note: "Eid stock",
      lines: [
        { skuId: f.soapId, qty: 2, unit: "case" },
        { skuId: f.biscuitId, qty: 10 },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const o = res.json();
    expect(o.number).toMatch(/^PO-\d{7}$/);
    // soap: MRP 4500 less 15 % distributor margin = 3825; 48 x 3825 = 183,600 + 15 % VAT 27,540 = 211,140
    // biscuit: flat 820; 10 x 820 = 8,200, no VAT
    expect(o.lines).toMatchObject([
      {
        lineNo: 1,
        qty: 48,
        enteredQty: 2,
        enteredUnit: "case",
        unitPricePoisha: 3825,
        vatPoisha: 27_540,
        totalPoisha: 211_140,
      },
      { lineNo: 2, qty: 10, unitPricePoisha: 820, vatPoisha: 0, totalPoisha: 8200, receivedQty: 0 },
    ]);
    expect(o).toMatchObject({
      status: "draft",
      subtotalPoisha: 191_800,
      vatPoisha: 27_540,
      totalPoisha: 219_340,
      lineCount: 2,
      distributorId: f.distributorId,
      distributorNameBn: "DB-1 ট্রেডার্স",
      actions: ["submit", "cancel"],
    });
    const unit = await create(
      distributor,
      { distributorId: f.distributorId, lines: [{ skuId: f.soapId, qty: 1, unit: "carton" }] },
      { "accept-language": "bn" },
    );
    expect(errorCode(unit)).toBe("primary.unit_unknown");
    expect(hasBengali(unit.json().error.message)).toBe(true);
    const empty = await create(distributor, { distributorId: f.distributorId, lines: [] }, { "accept-language": "bn" });
    expect(empty.statusCode).toBe(400);
    expect(hasBengali(empty.json().error.message)).toBe(true);
  });

  it("refuses with primary.too_large a line past what an order can record, not a 500", async () => {
    // Found by the contract fuzz test: a big pack times a big quantity overflowed the quantity column, and a
    // big quantity at a big price left the exact range of poisha. Both were 500s.
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
    const before = await count("primary_orders");
    for (const line of [
      // 3,000,000,000 pieces: past the quantity column.
      { skuId: pallet, qty: 3000, unit: "pallet" },
      // 2 x 7,000,000,000,000,000 poisha: past the exact range of poisha.
      { skuId: precious, qty: 2 },
    ]) {
      const res = await create(
        distributor,
        { distributorId: f.distributorId, lines: [line] },
        { "accept-language": "bn" },
      );
      expect(res.statusCode, res.body).toBe(422);
      expect(errorCode(res)).toBe("primary.too_large");
      expect(hasBengali(res.json().error.message)).toBe(true);
    }
    expect(await count("primary_orders")).toEqual(before);
  });

  it("makes one order from the same create sent three times with one Idempotency-Key", async () => {
    const before = await count("primary_orders");
    const key = `po-${newId()}`;
    const body = {
      distributorId: f.distributorId,
      lines: [{ skuId: f.biscuitId, qty: 1, unit: "case" }],
      submit: true,
    };
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await create(distributor, body, { "idempotency-key": key }));
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
    expect(answers[0]?.json().status).toBe("submitted");
    expect(await count("primary_orders")).toBe(before + 1);
  });

  it("goes draft -> submitted -> approved -> dispatched -> received, each step by its side, into batches FEFO", async () => {
    const o = (
      await create(distributor, {
        distributorId: f.distributorId,
        lines: [
          { skuId: f.soapId, qty: 2, unit: "case" },
          { skuId: f.biscuitId, qty: 10 },
        ],
      })
    ).json();
    // a transition takes an object body; its note is optional
    const submitted = await distributor.request("POST", `/api/v1/primary-orders/${o.id}/submit`, {});
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ status: "submitted", actions: ["cancel"] });
    expect(submitted.json().submittedAt).toEqual(expect.any(String));
    // a distributor never approves its own order
    expect((await act(distributor, o.id, "approve")).statusCode).toBe(403);
    expect((await act(distributor, o.id, "dispatch")).statusCode).toBe(403);
    const managerView = (await manager.request("GET", `/api/v1/primary-orders/${o.id}`)).json();
    expect(managerView.actions).toEqual(["approve", "reject"]);
    const approved = await act(manager, o.id, "approve", { note: "ok for Eid" });
    expect(approved.json()).toMatchObject({ status: "approved", decisionNote: "ok for Eid", actions: ["dispatch"] });
    // receiving before dispatch is refused, naming the current status
    const early = await act(
      distributor,
      o.id,
      "receive",
      { lines: [{ lineNo: 1, receipts: [{ batchNo: "P-1", qty: 1 }] }] },
      { "accept-language": "bn" },
    );
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({
      code: "primary.illegal_transition",
      details: { currentStatus: "approved" },
    });
    expect(early.json().error.message).toContain("অনুমোদিত");
    const earlyEn = await act(
      distributor,
      o.id,
      "receive",
      {
        lines: [{ lineNo: 1, receipts: [{ batchNo: "P-1", qty: 1 }] }],
      },
      { "accept-language": "en" },
    );
    expect(earlyEn.json().error.message).toBe("This primary order is approved, so it cannot be received.");
    const dispatched = await act(manager, o.id, "dispatch");
    expect(dispatched.json()).toMatchObject({ status: "dispatched", actions: [] });
    expect((await distributor.request("GET", `/api/v1/primary-orders/${o.id}`)).json().actions).toEqual(["receive"]);

    // more than ordered is refused; a short shipment is fine
    const over = await act(distributor, o.id, "receive", {
      lines: [
        {
          lineNo: 2,
          receipts: [
            { batchNo: "PB-1", qty: 6 },
            { batchNo: "PB-2", qty: 5 },
          ],
        },
      ],
    });
    expect(over.statusCode).toBe(422);
    expect(over.json().error).toMatchObject({
      code: "primary.receive_exceeds",
      details: { line: 2, received: 11, ordered: 10 },
    });
    expect(
      errorCode(
        await act(distributor, o.id, "receive", { lines: [{ lineNo: 9, receipts: [{ batchNo: "X", qty: 1 }] }] }),
      ),
    ).toBe("primary.line_unknown");

    const soapBefore = await stockOf(f.soapId);
    const biscuitBefore = await stockOf(f.biscuitId);
    const received = await act(distributor, o.id, "receive", {
      lines: [
        {
          lineNo: 1,
          receipts: [
            { batchNo: "P-LATE", expiryDate: "2028-01-31", qty: 10 },
            { batchNo: "P-SOON", expiryDate: "2027-02-28", qty: 30 },
          ],
        },
        { lineNo: 2, receipts: [{ batchNo: "PB-1", expiryDate: "2027-05-31", qty: 10 }] },
      ],
    });
    expect(received.statusCode, received.body).toBe(200);
    expect(received.json()).toMatchObject({ status: "received", actions: [] });
    expect(received.json().lines.map((l: { receivedQty: number }) => l.receivedQty)).toEqual([40, 10]);
    expect((await stockOf(f.soapId)).onHand).toBe(soapBefore.onHand + 40);
    expect((await stockOf(f.biscuitId)).onHand).toBe(biscuitBefore.onHand + 10);

    // the batches list shows the soap first-expiry-first: the new February batch before March and later
    const batches = (
      await distributor.request("GET", `/api/v1/stock/batches?distributorId=${f.distributorId}&skuId=${f.soapId}`)
    ).json().items;
    // (ADJ-1, from the adjustment test, expires last of all)
    expect(batches.map((b: { batchNo: string }) => b.batchNo).filter((n: string) => n !== "ADJ-1")).toEqual([
      "P-SOON",
      "S-EARLY",
      "S-LATE",
      "P-LATE",
    ]);
    expect(batches[0]).toMatchObject({ expiryDate: "2027-02-28", onHand: 30 });
    // the next delivery takes from it
    const memo = (
      await rep.request("POST", "/api/v1/secondary-orders", {
        outletId: f.outletId,
        lines: [{ skuId: f.soapId, qty: 5 }],
        confirm: true,
      })
    ).json();
    for (const step of ["invoice", "dispatch", "deliver"])
      expect(
        (
          await distributor.request(
            "POST",
            `/api/v1/secondary-orders/${memo.id}/${step}`,
            step === "deliver" ? { lines: [] } : undefined,
          )
        ).statusCode,
      ).toBe(200);
    const after = (
      await distributor.request("GET", `/api/v1/stock/batches?distributorId=${f.distributorId}&skuId=${f.soapId}`)
    ).json().items;
    expect(after[0]).toMatchObject({ batchNo: "P-SOON", onHand: 25 });

    const receipts = (
      await distributor.request("GET", `/api/v1/stock/movements?distributorId=${f.distributorId}&kind=receipt`)
    ).json().items;
    expect(receipts.slice(0, 3).every((m: { refNumber: string }) => m.refNumber === o.number)).toBe(true);

    // nothing moves after receipt
    expect(errorCode(await act(distributor, o.id, "cancel"))).toBe("primary.illegal_transition");
    await expectLedgerMatches(f.distributorId);
  });

  it("rejects and cancels before dispatch, with the note kept", async () => {
    const a = (
      await create(distributor, {
        distributorId: f.distributorId,
        lines: [{ skuId: f.biscuitId, qty: 5 }],
        submit: true,
      })
    ).json();
    const rejected = await act(admin, a.id, "reject", { note: "credit on hold" });
    expect(rejected.json()).toMatchObject({ status: "rejected", decisionNote: "credit on hold", actions: [] });
    expect(errorCode(await act(manager, a.id, "approve"))).toBe("primary.illegal_transition");
    const b = (
      await create(distributor, { distributorId: f.distributorId, lines: [{ skuId: f.biscuitId, qty: 5 }] })
    ).json();
    const cancelled = await act(distributor, b.id, "cancel", { note: "ordered twice" });
    expect(cancelled.json()).toMatchObject({ status: "cancelled", actions: [] });
    // managers approve and dispatch but do not cancel
    expect((await act(manager, b.id, "cancel")).statusCode).toBe(403);
  });

  it("keeps distributors to their own orders, managers to their subtree, and orgs apart", async () => {
    const theirs = await create(admin, {
      distributorId: f.otherDistributorId,
      lines: [{ skuId: f.biscuitId, qty: 3 }],
    });
    expect(theirs.statusCode, theirs.body).toBe(201);
    const id = theirs.json().id;
    expect(errorCode(await distributor.request("GET", `/api/v1/primary-orders/${id}`))).toBe("primary.not_found");
    expect(errorCode(await act(distributor, id, "submit"))).toBe("primary.not_found");
    expect(errorCode(await otherOrg.request("GET", `/api/v1/primary-orders/${id}`))).toBe("primary.not_found");
    const forOther = await create(distributor, {
      distributorId: f.otherDistributorId,
      lines: [{ skuId: f.biscuitId, qty: 1 }],
    });
    expect(errorCode(forOther)).toBe("stock.distributor_not_found");

    const far = (
      await create(admin, { distributorId: farDistributorId, lines: [{ skuId: f.biscuitId, qty: 1 }], submit: true })
    ).json();
    expect((await manager.request("GET", `/api/v1/primary-orders/${far.id}`)).statusCode).toBe(404);
    expect(errorCode(await act(manager, far.id, "approve"))).toBe("primary.not_found");

    const mine = (await distributor.request("GET", "/api/v1/primary-orders?limit=200")).json();
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((o: { distributorId: string }) => o.distributorId === f.distributorId)).toBe(true);
    expect(mine.items[0].lines).toBeUndefined();
    const managed = (await manager.request("GET", "/api/v1/primary-orders?limit=200")).json();
    expect(managed.items.some((o: { id: string }) => o.id === far.id)).toBe(false);
    // org B has primary orders of its own (demo data), none of org A's
    const otherItems = (await otherOrg.request("GET", "/api/v1/primary-orders?limit=200")).json().items;
    expect(otherItems.some((o: { id: string }) => o.id === id || o.id === far.id)).toBe(false);
    const orgBDistributors = await t.database.handle.db
      .selectFrom("distributors")
      .select("id")
      .where("org_id", "=", t.orgB.orgId)
      .execute();
    const orgBIds = new Set(orgBDistributors.map((d) => d.id));
    expect(otherItems.every((o: { distributorId: string }) => orgBIds.has(o.distributorId))).toBe(true);
    expect((await rep.request("GET", "/api/v1/primary-orders")).statusCode).toBe(403);

    // filters and pages
    const submitted = (await admin.request("GET", "/api/v1/primary-orders?status=submitted&limit=1")).json();
    expect(submitted.items).toHaveLength(1);
    expect(submitted.items[0].status).toBe("submitted");
    const page2 = (
      await admin.request("GET", `/api/v1/primary-orders?status=submitted&limit=1&cursor=${submitted.nextCursor}`)
    ).json();
    expect(page2.items[0].id < submitted.items[0].id).toBe(true);
    const byDistributor = (
      await admin.request("GET", `/api/v1/primary-orders?distributorId=${farDistributorId}`)
    ).json();
    expect(byDistributor.items.map((o: { id: string }) => o.id)).toEqual([far.id]);
  });
});

describe("API document", () => {
  it("lists the stock and primary-order endpoints in the OpenAPI document", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/openapi.json" });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const p of [
      "/api/v1/stock",
      "/api/v1/stock.csv",
      "/api/v1/stock/movements",
      "/api/v1/stock/batches",
      "/api/v1/stock/adjustments",
      "/api/v1/stock/counts",
      "/api/v1/primary-orders",
      "/api/v1/primary-orders/{id}",
      "/api/v1/primary-orders/{id}/approve",
      "/api/v1/primary-orders/{id}/receive",
    ])
      expect(paths).toContain(p);
  });
});
