// Distributor claims against a real database, through the API: memos priced with a claimable scheme, delivered in
// part, claimed; nothing claimed twice; a return after the claim becomes a negative line on the next claim; a
// withdrawn claim's items come back; the review and settlement; and who sees what.
//
// The figures, by hand (fixture prices: soap 4 050 poisha a piece, biscuit 900):
//   SOAP10 (claimable): 10 % off soap.  BISC6 (claimable): buy 6 biscuits, get 1 free.  HOUSE5 (not claimable): 5 % off
//   biscuit, the company's own.
//   A: 10 soap, gross 40 500, SOAP10 gives 4 050; 7 delivered -> 4 050 x 7 / 10 = 2 835
//   B: 3 soap, gross 12 150, SOAP10 gives 1 215; all delivered -> 1 215
//   E: 6 biscuits, BISC6 adds 1 free biscuit (free_goods 900), all delivered -> 900 (HOUSE5's 5 % is not claimable)
//   claim 1 = 2 835 + 1 215 + 900 = 4 950
//   then 2 of B's 3 soap come back: B is worth 1 215 x 1 / 3 = 405, so -810 on the next claim;
//   D: 4 soap, SOAP10 gives 1 620, all delivered.  claim 2 = 1 620 - 810 = 810
//   funded in all = 2 835 + 405 + 900 + 1 620 = 5 760
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { businessDate } from "../../shared/format.ts";
import { errorCode, hasBengali } from "../testing/assertions.ts";
import { createSalesFixture, type SalesFixture } from "../testing/sales-fixture.ts";
import { type Caller, createTestApp, ORG_A_DOMAIN, ORG_B_DOMAIN, signIn, type TestApp } from "../testing/test-app.ts";

let t: TestApp;
let f: SalesFixture;
let admin: Caller;
let marketing: Caller;
let manager: Caller;
let rep: Caller;
let distributor: Caller;
let otherOrg: Caller;
const today = businessDate();
const period = { from: today, to: today };

beforeAll(async () => {
  t = await createTestApp();
  f = await createSalesFixture(t.database.handle.db, t.orgA);
  admin = await signIn(t.app, `admin@${ORG_A_DOMAIN}`);
  marketing = await signIn(t.app, `marketing@${ORG_A_DOMAIN}`);
  manager = await signIn(t.app, `manager@${ORG_A_DOMAIN}`);
  rep = await signIn(t.app, `rep@${ORG_A_DOMAIN}`);
  distributor = await signIn(t.app, `distributor@${ORG_A_DOMAIN}`);
  otherOrg = await signIn(t.app, `admin@${ORG_B_DOMAIN}`);
});
afterAll(() => t.close());

async function scheme(body: Record<string, unknown>) {
  const made = await admin.request("POST", "/api/v1/promotions/schemes", {
    validFrom: "2026-01-01",
    validTo: "2027-12-31",
    ...body,
  });
  expect(made.statusCode, made.body).toBe(201);
  const id = made.json().id as string;
  const active = await admin.request("POST", `/api/v1/promotions/schemes/${id}/activate`);
  expect(active.statusCode, active.body).toBe(200);
  return id;
}

/** A confirmed memo taken to the outlet: delivered in full, or the first line in part. */
async function deliveredOrder(lines: { skuId: string; qty: number }[], firstLineDelivered?: number) {
  const made = await rep.request("POST", "/api/v1/secondary-orders", { outletId: f.outletId, lines, confirm: true });
  expect(made.statusCode, made.body).toBe(201);
  const id = made.json().id as string;
  for (const step of ["invoice", "dispatch"]) {
    const r = await distributor.request("POST", `/api/v1/secondary-orders/${id}/${step}`);
    expect(r.statusCode, r.body).toBe(200);
  }
  const body = firstLineDelivered === undefined ? {} : { lines: [{ lineNo: 1, deliveredQty: firstLineDelivered }] };
  const delivered = await distributor.request("POST", `/api/v1/secondary-orders/${id}/deliver`, body);
  expect(delivered.statusCode, delivered.body).toBe(200);
  return delivered.json() as { id: string; number: string; lines: { lineNo: number; adjustments?: unknown[] }[] };
}

async function claimable(caller: Caller = distributor, query = `?distributorId=${f.distributorId}`) {
  const res = await caller.request("GET", `/api/v1/claims/claimable${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    totalPoisha: number;
    rows: { schemeId: string; totalPoisha: number; adjustmentPoisha: number }[];
  };
}

async function act(caller: Caller, id: string, action: string, body: Record<string, unknown> = {}) {
  return caller.request("POST", `/api/v1/claims/${id}/${action}`, body);
}

describe("scheme claims", () => {
  let soap10: string;
  let bisc6: string;
  let orderA: { id: string; number: string };
  let orderB: { id: string; number: string };
  let orderE: { id: string; number: string };
  let claim1: string;

  it("claims the delivered cost of claimable schemes only, pro rata to what was delivered", async () => {
    soap10 = await scheme({
      code: "SOAP10",
      name: "Soap 10 % off",
      nameBn: "সাবানে ১০% ছাড়",
      claimable: true,
      rule: {
        kind: "slab",
        skuIds: [f.soapId],
        measure: "qty",
        mode: "once",
        slabs: [{ min: 1, benefit: { type: "percent", bp: 1000 } }],
      },
    });
    bisc6 = await scheme({
      code: "BISC6",
      name: "Buy 6 biscuits get 1",
      nameBn: "৬টি বিস্কুটে ১টি ফ্রি",
      claimable: true,
      rule: {
        kind: "slab",
        skuIds: [f.biscuitId],
        measure: "qty",
        mode: "once",
        slabs: [{ min: 6, benefit: { type: "free_goods", skuId: f.biscuitId, qty: 1 } }],
      },
    });
    await scheme({
      code: "HOUSE5",
      name: "Biscuit 5 % off",
      nameBn: "বিস্কুটে ৫% ছাড়",
      claimable: false,
      rule: {
        kind: "slab",
        skuIds: [f.biscuitId],
        measure: "qty",
        mode: "once",
        slabs: [{ min: 1, benefit: { type: "percent", bp: 500 } }],
      },
    });

    orderA = await deliveredOrder([{ skuId: f.soapId, qty: 10 }], 7);
    orderB = await deliveredOrder([{ skuId: f.soapId, qty: 3 }]);
    orderE = await deliveredOrder([{ skuId: f.biscuitId, qty: 6 }]);
    // A memo confirmed but not delivered is not claimable yet.
    const pending = await rep.request("POST", "/api/v1/secondary-orders", {
      outletId: f.outletId,
      lines: [{ skuId: f.soapId, qty: 5 }],
      confirm: true,
    });
    expect(pending.statusCode, pending.body).toBe(201);

    const now = await claimable();
    expect(now.totalPoisha).toBe(2835 + 1215 + 900);
    expect(now.rows.map((r) => [r.schemeId, r.totalPoisha])).toEqual(
      expect.arrayContaining([
        [soap10, 2835 + 1215],
        [bisc6, 900],
      ]),
    );
    expect(now.rows).toHaveLength(2);
    // Another period has nothing new.
    expect((await claimable(distributor, `?from=2026-01-01&to=2026-01-31`)).totalPoisha).toBe(0);
  });

  it("builds a claim with the hand-computed figure, and a second claim finds nothing more", async () => {
    const made = await distributor.request("POST", "/api/v1/claims", { period, note: "November schemes" });
    expect(made.statusCode, made.body).toBe(201);
    const c = made.json();
    claim1 = c.id;
    expect(c).toMatchObject({
      number: expect.stringMatching(/^CLM-\d{7}$/),
      distributorId: f.distributorId,
      status: "draft",
      claimedPoisha: 4950,
      lineCount: 3,
      actions: ["submit", "withdraw"],
    });
    const lines = c.lines.map((l: { orderNumber: string; schemeCode: string; kind: string; amountPoisha: number }) => [
      l.orderNumber,
      l.schemeCode,
      l.kind,
      l.amountPoisha,
    ]);
    expect(lines).toEqual(
      expect.arrayContaining([
        [orderA.number, "SOAP10", "claim", 2835],
        [orderB.number, "SOAP10", "claim", 1215],
        [orderE.number, "BISC6", "claim", 900],
      ]),
    );
    const again = await distributor.request("POST", "/api/v1/claims", { period });
    expect(again.statusCode).toBe(422);
    expect(errorCode(again)).toBe("claims.nothing_to_claim");
    expect(
      hasBengali(
        (await distributor.request("POST", "/api/v1/claims", { period }, { "accept-language": "bn" })).json().error
          .message,
      ),
    ).toBe(true);
    expect((await claimable()).totalPoisha).toBe(0);
  });

  it("turns a return after the claim into a negative line on the next claim", async () => {
    const ret = await distributor.request("POST", `/api/v1/secondary-orders/${orderB.id}/returns`, {
      reason: "damaged in the rain",
      lines: [{ lineNo: 1, qty: 2, condition: "damaged" }],
    });
    expect(ret.statusCode, ret.body).toBe(200);
    const orderD = await deliveredOrder([{ skuId: f.soapId, qty: 4 }]);
    expect((await claimable()).totalPoisha).toBe(1620 - 810);

    const made = await distributor.request("POST", "/api/v1/claims", { period });
    expect(made.statusCode, made.body).toBe(201);
    const c2 = made.json();
    expect(c2.claimedPoisha).toBe(810);
    expect(
      c2.lines.map((l: { orderNumber: string; kind: string; amountPoisha: number }) => [
        l.orderNumber,
        l.kind,
        l.amountPoisha,
      ]),
    ).toEqual(
      expect.arrayContaining([
        [orderB.number, "adjustment", -810],
        [orderD.number, "claim", 1620],
      ]),
    );

    // Dispute, then withdraw: the items are claimable again, and claimed again in full by a new claim.
    expect((await act(distributor, c2.id, "submit")).statusCode).toBe(200);
    const noNote = await act(marketing, c2.id, "dispute", {});
    expect(noNote.statusCode).toBe(400);
    const disputed = await act(marketing, c2.id, "dispute", { note: "Show the return challan" });
    expect(disputed.statusCode, disputed.body).toBe(200);
    expect(disputed.json().status).toBe("disputed");
    expect((await claimable()).totalPoisha).toBe(0);
    const withdrawn = await act(distributor, c2.id, "withdraw", { note: "Will claim again" });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json().status).toBe("withdrawn");
    expect((await claimable()).totalPoisha).toBe(810);
    const c3 = await distributor.request("POST", "/api/v1/claims", { period });
    expect(c3.statusCode, c3.body).toBe(201);
    expect(c3.json().claimedPoisha).toBe(810);
  });

  it("reviews and settles: approve (possibly for less, with a reason), settle; nothing lost, nothing twice", async () => {
    // A draft cannot be approved; a reviewer cannot submit.
    const early = await act(admin, claim1, "approve");
    expect(early.statusCode).toBe(409);
    expect(errorCode(early)).toBe("claims.wrong_status");
    expect((await act(marketing, claim1, "submit")).statusCode).toBe(403);

    expect((await act(distributor, claim1, "submit")).statusCode).toBe(200);
    expect((await act(distributor, claim1, "approve")).statusCode).toBe(403);
    const tooMuch = await act(admin, claim1, "approve", { approvedPoisha: 5000 });
    expect(errorCode(tooMuch)).toBe("claims.approve_too_much");
    const approved = await act(admin, claim1, "approve");
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: "approved", approvedPoisha: 4950, rejectedPoisha: 0 });
    expect((await act(marketing, claim1, "settle", { paymentReference: "X", paidOn: today })).statusCode).toBe(403);
    const settled = await act(admin, claim1, "settle", { paymentReference: "BEFTN-2026-1124-01", paidOn: today });
    expect(settled.statusCode, settled.body).toBe(200);
    expect(settled.json()).toMatchObject({ status: "settled", paymentReference: "BEFTN-2026-1124-01", paidOn: today });
    expect(settled.json().events.map((e: { toStatus: string }) => e.toStatus)).toEqual([
      "draft",
      "submitted",
      "approved",
      "settled",
    ]);

    // The third claim: approved for less; the 110 rejected is not claimable again.
    const list = (await distributor.request("GET", "/api/v1/claims?status=draft")).json() as { id: string }[];
    expect(list).toHaveLength(1);
    const c3 = list[0]?.id as string;
    expect((await act(distributor, c3, "submit")).statusCode).toBe(200);
    const noReason = await act(admin, c3, "approve", { approvedPoisha: 700 });
    expect(errorCode(noReason)).toBe("claims.reduction_needs_reason");
    const less = await act(admin, c3, "approve", { approvedPoisha: 700, reason: "One return challan missing" });
    expect(less.statusCode, less.body).toBe(200);
    expect(less.json()).toMatchObject({
      approvedPoisha: 700,
      rejectedPoisha: 110,
      rejectionReason: "One return challan missing",
    });
    expect((await claimable()).totalPoisha).toBe(0);

    // settled + open + claimable = funded: claims not withdrawn carry every item exactly once.
    const all = (await admin.request("GET", `/api/v1/claims?distributorId=${f.distributorId}`)).json() as {
      status: string;
      claimedPoisha: number;
    }[];
    const carried = all.filter((c) => c.status !== "withdrawn").reduce((s, c) => s + c.claimedPoisha, 0);
    expect(carried + (await claimable(admin)).totalPoisha).toBe(2835 + 405 + 900 + 1620);

    // The audit trail names every transition.
    const audit = await t.database.handle.db
      .selectFrom("audit_log")
      .select("action")
      .where("org_id", "=", t.orgA.orgId)
      .where("entity", "=", "scheme_claim")
      .where("entity_id", "=", claim1)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(["approve", "create", "settle", "submit"]);
  });

  it("exports a claim as CSV and XLSX", async () => {
    const csv = await distributor.request("GET", `/api/v1/claims/${claim1}/export?format=csv`);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    expect(csv.body).toContain(orderA.number);
    expect(csv.body).toContain("49.50");
    const xlsx = await admin.request("GET", `/api/v1/claims/${claim1}/export`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe("PK");
  });

  it("keeps claims to those who may see them", async () => {
    // Another organisation: not found.
    expect((await otherOrg.request("GET", `/api/v1/claims/${claim1}`)).statusCode).toBe(404);
    expect(errorCode(await otherOrg.request("POST", `/api/v1/claims/${claim1}/approve`, {}))).toBe("claims.not_found");
    expect((await otherOrg.request("GET", "/api/v1/claims")).json()).toEqual([]);
    // Another distributor of the same org: not found, and nothing claimable there.
    const other = await admin.request("GET", `/api/v1/claims/claimable?distributorId=${f.otherDistributorId}`);
    expect(other.json().totalPoisha).toBe(0);
    const forOther = await distributor.request("POST", "/api/v1/claims", {
      distributorId: f.otherDistributorId,
      period,
    });
    expect(errorCode(forOther)).toBe("claims.distributor_not_found");
    expect(
      errorCode(await distributor.request("GET", `/api/v1/claims/claimable?distributorId=${f.otherDistributorId}`)),
    ).toBe("claims.distributor_not_found");
    // The manager over DB-1's territory reads its claims but cannot build, review or settle one.
    expect((await manager.request("GET", `/api/v1/claims/${claim1}`)).statusCode).toBe(200);
    expect(
      (await manager.request("POST", "/api/v1/claims", { distributorId: f.distributorId, period })).statusCode,
    ).toBe(403);
    // A rep has no business with claims.
    expect((await rep.request("GET", "/api/v1/claims")).statusCode).toBe(403);
    expect((await rep.request("GET", `/api/v1/claims/${claim1}`)).statusCode).toBe(403);
    expect((await rep.request("POST", "/api/v1/claims", { distributorId: f.distributorId, period })).statusCode).toBe(
      403,
    );
  });

  it("puts an item on one claim only when two builds race", async () => {
    // 6 soap: SOAP10 gives 2 430, all delivered.
    const o = await deliveredOrder([{ skuId: f.soapId, qty: 6 }]);
    const [a, b] = await Promise.all([
      distributor.request("POST", "/api/v1/claims", { period }),
      admin.request("POST", "/api/v1/claims", { distributorId: f.distributorId, period }),
    ]);
    const codes = [a.statusCode, b.statusCode].sort();
    expect(codes, `${a.body} ${b.body}`).toEqual([201, 422]);
    const made = (a.statusCode === 201 ? a : b).json();
    expect(made.lines).toEqual([expect.objectContaining({ orderNumber: o.number, kind: "claim", amountPoisha: 2430 })]);
    expect(errorCode(a.statusCode === 201 ? b : a)).toBe("claims.nothing_to_claim");
  });
});
