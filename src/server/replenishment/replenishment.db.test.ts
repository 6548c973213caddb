// Replenishment end to end on a generated history: the forecast run, the stock plan, the proposal that brings a
// distributor's cover to its target (and none for an over-stocked one), one-click approval into a primary order,
// stock alerts with their digest by real SMTP, the outlet's suggested order, and who may see what.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, businessDate } from "../../shared/format.ts";
import { newId } from "../../shared/ids.ts";
import { createMailer } from "../platform/mail/mailer.ts";
import { errorCode, hasBengali } from "../testing/assertions.ts";
import { createSalesFixture, type SalesFixture } from "../testing/sales-fixture.ts";
import { type SmtpReceiver, startSmtpReceiver, waitForMail } from "../testing/smtp-receiver.ts";
import { type Caller, createTestApp, ORG_A_DOMAIN, ORG_B_DOMAIN, signIn, type TestApp } from "../testing/test-app.ts";
import { runForecasts } from "./demand-forecasting.ts";
import { daysToNextVisit, suggestedLinesOfOutlets } from "./outlet-suggestions.ts";
import { generateProposals } from "./replenishment-proposals.service.ts";
import { refreshAlerts, sendAlertDigests } from "./stock-alerts.service.ts";

let t: TestApp;
let f: SalesFixture;
let admin: Caller;
let manager: Caller;
let distributor: Caller;
let rep: Caller;
let otherOrg: Caller;
let smtp: SmtpReceiver;
const today = businessDate();
const db = () => t.database.handle.db;
const orgId = () => t.orgA.orgId;

/** Sell-out history straight into the rollup the forecast reads: `qty(dayIndex)` a day for `days` days to yesterday. */
async function history(distributorId: string, skuId: string, days: number, qty: (i: number) => number) {
  const path = await db()
    .selectFrom("outlets as o")
    .innerJoin("territories as r", (j) => j.onRef("r.org_id", "=", "o.org_id").onRef("r.id", "=", "o.route_id"))
    .select("r.path")
    .where("o.org_id", "=", orgId())
    .where("o.id", "=", f.outletId)
    .executeTakeFirstOrThrow();
  const rows = Array.from({ length: days }, (_, i) => ({
    org_id: orgId(),
    day: addDays(today, i - days),
    territory_path: path.path,
    distributor_id: distributorId,
    sku_id: skuId,
    order_lines: 1,
    ordered_qty: qty(i),
    ordered_poisha: qty(i) * 100,
  })).filter((r) => r.ordered_qty > 0);
  await db()
    .deleteFrom("sales_daily")
    .where("org_id", "=", orgId())
    .where("distributor_id", "=", distributorId)
    .where("sku_id", "=", skuId)
    .execute();
  await db().insertInto("sales_daily").values(rows).execute();
}

beforeAll(async () => {
  t = await createTestApp();
  // Soap: 50 pieces against 20 a day; biscuit: 5000 against 1 a day (over-stocked).
  f = await createSalesFixture(db(), t.orgA, { soapStock: 50, biscuitStock: 5000 });
  admin = await signIn(t.app, `admin@${ORG_A_DOMAIN}`);
  manager = await signIn(t.app, `manager@${ORG_A_DOMAIN}`);
  distributor = await signIn(t.app, `distributor@${ORG_A_DOMAIN}`);
  rep = await signIn(t.app, `rep@${ORG_A_DOMAIN}`);
  otherOrg = await signIn(t.app, `admin@${ORG_B_DOMAIN}`);
  smtp = await startSmtpReceiver();
  await history(f.distributorId, f.soapId, 120, () => 20);
  await history(f.distributorId, f.biscuitId, 120, () => 1);
  // The other distributor sells biscuits slowly (21 every third week) and holds far too many: nothing to propose.
  await history(f.otherDistributorId, f.biscuitId, 120, (i) => (i % 21 === 0 ? 21 : 0));
  await db()
    .insertInto("stock_balances")
    .values({ org_id: orgId(), distributor_id: f.otherDistributorId, sku_id: f.biscuitId, on_hand: 3000 })
    .onConflict((oc) => oc.columns(["org_id", "distributor_id", "sku_id"]).doUpdateSet({ on_hand: 3000 }))
    .execute();
  const put = await admin.request("PUT", "/api/v1/replenishment/settings", {
    serviceLevel: 0.95,
    reviewDays: 7,
    leadTimeDays: 3,
    maxCoverDays: 45,
    nearExpiryDays: 90,
    historyDays: 120,
  });
  expect(put.statusCode, put.body).toBe(200);
});
afterAll(async () => {
  await smtp?.stop();
  await t.close();
});

describe("forecast run", () => {
  it("forecasts every series and backtests them", async () => {
    const run = await runForecasts(db(), orgId(), { distributorIds: [f.distributorId, f.otherDistributorId] });
    expect(run.series).toBe(3);
    const rows = await db()
      .selectFrom("demand_forecasts")
      .selectAll()
      .where("org_id", "=", orgId())
      .where("distributor_id", "in", [f.distributorId, f.otherDistributorId])
      .execute();
    const soap = rows.find((r) => r.sku_id === f.soapId && r.distributor_id === f.distributorId);
    // A flat 20 a day is forecast as 20 a day, for the whole horizon.
    expect(soap?.method).toBe("holt_winters");
    expect(soap?.daily).toHaveLength(91);
    expect(Math.abs((soap?.avg_daily ?? 0) - 20)).toBeLessThan(0.01);
    // A slow mover (whole weeks without demand) goes to the intermittent method: 126 sold over 120 days, a little
    // over 1 a day, which SBA's bias correction (1 − α/2) and the quiet fortnight since the last sale bring lower.
    const slow = rows.find((r) => r.distributor_id === f.otherDistributorId);
    expect(slow?.demand_kind).toBe("intermittent");
    expect(slow?.method).toBe("sba");
    expect(slow?.avg_daily).toBeGreaterThan(0.6);
    expect(slow?.avg_daily).toBeLessThan(1.1);
  });

  it("shows one series with its history, forecast and backtest", async () => {
    const res = await distributor.request(
      "GET",
      `/api/v1/replenishment/forecast?distributorId=${f.distributorId}&skuId=${f.soapId}&historyDays=30`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.history).toHaveLength(30);
    expect(body.history.every((h: { qty: number }) => h.qty === 20)).toBe(true);
    expect(body.forecast[0]).toMatchObject({ day: today });
    expect(body.forecast[0].qty).toBeCloseTo(20, 1);
  });
});

describe("stock plan and proposals", () => {
  it("plans soap to reorder and biscuit as over-stock (hand-worked: L=3, R=7, 20 a day, no error, case of 24)", async () => {
    const res = await distributor.request("GET", `/api/v1/replenishment/plan?distributorId=${f.distributorId}`);
    expect(res.statusCode, res.body).toBe(200);
    const plan = res.json();
    expect(plan).toMatchObject({ leadTimeDays: 3, reviewDays: 7, serviceLevel: 0.95 });
    const soap = plan.rows.find((r: { skuId: string }) => r.skuId === f.soapId);
    // Reorder point 3 x 20 = 60 (+ safety stock, zero for an error-free series); order-up-to 10 x 20 = 200.
    // Available 50 <= 60: order 200 - 50 = 150, rounded up to cases of 24 = 168 (7 cases). Cover 50/20 = 2.5 days,
    // under the 3-day lead time: at risk.
    expect(soap).toMatchObject({
      available: 50,
      reorderPoint: 60,
      orderUpTo: 200,
      proposedQty: 168,
      proposedUnits: 7,
      unit: "case",
      daysOfCover: 2.5,
      status: "at_risk",
    });
    expect(soap.safetyStock).toBe(0);
    const biscuit = plan.rows.find((r: { skuId: string }) => r.skuId === f.biscuitId);
    expect(biscuit).toMatchObject({ status: "over_stock", proposedQty: 0 });
  });

  let proposalId: string;
  it("proposes the order that brings cover to the target, and nothing for an over-stocked distributor", async () => {
    const result = await generateProposals(db(), orgId(), {
      distributorIds: [f.distributorId, f.otherDistributorId],
    });
    expect(result).toMatchObject({ proposed: 1, submitted: 0, unchanged: 1 });
    const list = await admin.request("GET", "/api/v1/replenishment/proposals?status=open");
    const mine = list.json().filter((p: { distributorId: string }) => p.distributorId === f.distributorId);
    const other = list.json().filter((p: { distributorId: string }) => p.distributorId === f.otherDistributorId);
    expect(mine).toHaveLength(1);
    expect(other).toHaveLength(0);
    proposalId = mine[0].id;
    const res = await distributor.request("GET", `/api/v1/replenishment/proposals/${proposalId}`);
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p.lines).toHaveLength(1);
    const line = p.lines[0];
    expect(line).toMatchObject({ skuId: f.soapId, qty: 168, units: 7, unit: "case" });
    // The position after the order reaches the order-up-to level, and the stock then covers lead time + review.
    expect(line.onHand - line.reserved + line.onOrder + line.qty).toBeGreaterThanOrEqual(line.orderUpTo);
    expect(line.coverAfterDays).toBeCloseTo((50 + 168) / 20, 1);
    expect(line.coverAfterDays).toBeGreaterThanOrEqual(3 + 7);
    expect(p.totalPoisha).toBe(168 * line.unitPricePoisha);
    // The distributor was told.
    const n = await db()
      .selectFrom("notifications")
      .select(["title_en", "title_bn", "link"])
      .where("org_id", "=", orgId())
      .where("user_id", "=", t.orgA.usersByRole.distributor)
      .where("kind", "=", "replenishment.proposal")
      .where("link", "=", `/replenishment/proposals/${proposalId}`)
      .execute();
    expect(n).toHaveLength(1);
    expect(hasBengali(n[0]?.title_bn ?? "")).toBe(true);
  });

  it("approves in one click into a submitted primary order; the plan then counts it on order", async () => {
    const res = await distributor.request("POST", `/api/v1/replenishment/proposals/${proposalId}/approve`, {});
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p.status).toBe("approved");
    expect(p.primaryOrderNumber).toMatch(/^PO-/);
    const po = await distributor.request("GET", `/api/v1/primary-orders/${p.primaryOrderId}`);
    expect(po.statusCode, po.body).toBe(200);
    expect(po.json()).toMatchObject({ status: "submitted", distributorId: f.distributorId });
    expect(po.json().lines).toEqual([expect.objectContaining({ skuId: f.soapId, qty: 168 })]);
    const again = await distributor.request("POST", `/api/v1/replenishment/proposals/${proposalId}/approve`, {});
    expect(again.statusCode).toBe(409);
    expect(errorCode(again)).toBe("replenishment.proposal_not_open");
    const plan = (
      await distributor.request("GET", `/api/v1/replenishment/plan?distributorId=${f.distributorId}`)
    ).json();
    const soap = plan.rows.find((r: { skuId: string }) => r.skuId === f.soapId);
    expect(soap).toMatchObject({ onOrder: 168, proposedQty: 0 });
    // Nothing more to propose until stock moves.
    const result = await generateProposals(db(), orgId(), { distributorIds: [f.distributorId] });
    expect(result).toMatchObject({ proposed: 0, unchanged: 1 });
  });

  it("auto-submits when the company chooses it", async () => {
    await admin.request("PUT", "/api/v1/replenishment/settings", { autoSubmit: true });
    // The approved order was cancelled: soap is short again.
    await db()
      .updateTable("primary_orders")
      .set({ status: "cancelled" })
      .where("org_id", "=", orgId())
      .where("distributor_id", "=", f.distributorId)
      .execute();
    const result = await generateProposals(db(), orgId(), { distributorIds: [f.distributorId] });
    expect(result).toMatchObject({ proposed: 0, submitted: 1 });
    const submitted = await db()
      .selectFrom("primary_orders")
      .select(["status", "created_by"])
      .where("org_id", "=", orgId())
      .where("distributor_id", "=", f.distributorId)
      .where("status", "=", "submitted")
      .execute();
    expect(submitted).toHaveLength(1);
    await admin.request("PUT", "/api/v1/replenishment/settings", { autoSubmit: false });
  });

  it("dismisses a proposal with a note, and refuses edits naming products not on it", async () => {
    await db()
      .updateTable("primary_orders")
      .set({ status: "cancelled" })
      .where("org_id", "=", orgId())
      .where("distributor_id", "=", f.distributorId)
      .execute();
    await generateProposals(db(), orgId(), { distributorIds: [f.distributorId] });
    const [open] = (
      await distributor.request("GET", `/api/v1/replenishment/proposals?status=open&distributorId=${f.distributorId}`)
    ).json();
    const bad = await distributor.request("POST", `/api/v1/replenishment/proposals/${open.id}/approve`, {
      lines: [{ skuId: f.biscuitId, units: 2 }],
    });
    expect(bad.statusCode).toBe(422);
    expect(errorCode(bad)).toBe("replenishment.proposal_line_unknown");
    const dismissed = await distributor.request("POST", `/api/v1/replenishment/proposals/${open.id}/dismiss`, {
      note: "ordering from the depot directly",
    });
    expect(dismissed.statusCode, dismissed.body).toBe(200);
    expect(dismissed.json()).toMatchObject({ status: "dismissed", decisionNote: "ordering from the depot directly" });
  });
});

describe("stock alerts", () => {
  it("finds at-risk, over-stock and near-expiry stock, and sends the digest in-app and by email", async () => {
    const counts = await refreshAlerts(db(), orgId());
    expect(counts.at_risk).toBeGreaterThanOrEqual(1);
    const res = await distributor.request("GET", "/api/v1/replenishment/alerts");
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const kinds = (sku: string) =>
      body.items
        .filter((a: { skuId: string }) => a.skuId === sku)
        .map((a: { kind: string }) => a.kind)
        .sort();
    // Soap: 2.5 days of cover against a 3-day lead time. Biscuit: 5000 days of cover, and batch B-1 expires on
    // 2027-01-31, inside the 90-day window set above.
    expect(kinds(f.soapId)).toEqual(["at_risk"]);
    expect(kinds(f.biscuitId)).toEqual(["near_expiry", "over_stock"]);
    expect(body.items.every((a: { distributorId: string }) => a.distributorId === f.distributorId)).toBe(true);
    const bn = await distributor.request("GET", "/api/v1/replenishment/alerts?kind=near_expiry", undefined, {
      "accept-language": "bn",
    });
    expect(hasBengali(bn.json().items[0].message)).toBe(true);

    const mailer = createMailer({ url: smtp.url, from: "Bikri <no-reply@bikri.test>" });
    const before = smtp.received.length;
    const digest = await sendAlertDigests(db(), orgId(), mailer);
    expect(digest.failed).toEqual([]);
    expect(digest.notified).toBeGreaterThanOrEqual(2);
    await waitForMail(smtp, before + digest.emailed);
    const distributorEmail = await db()
      .selectFrom("users")
      .select("email")
      .where("id", "=", t.orgA.usersByRole.distributor)
      .executeTakeFirstOrThrow();
    const mail = smtp.received.find((m) => m.envelope.to.includes(distributorEmail.email));
    expect(mail?.parsed.subject).toMatch(/Stock alerts|স্টক সতর্কতা/);
    // In the distributor's language (Bengali for the demo user), naming the batch.
    expect(mail?.parsed.text).toContain("B-1");
    // Sending again for the same run posts nothing twice.
    const again = await sendAlertDigests(db(), orgId(), mailer);
    expect(again.notified).toBe(0);
  });
});

describe("scope", () => {
  it("keeps plans, proposals and alerts to the caller's distributors", async () => {
    const own = await distributor.request("GET", `/api/v1/replenishment/plan?distributorId=${f.otherDistributorId}`);
    expect(own.statusCode).toBe(404);
    const foreign = await otherOrg.request("GET", `/api/v1/replenishment/plan?distributorId=${f.distributorId}`);
    expect(foreign.statusCode).toBe(404);
    const foreignAlerts = await otherOrg.request("GET", "/api/v1/replenishment/alerts");
    expect(foreignAlerts.json().items.some((a: { distributorId: string }) => a.distributorId === f.distributorId)).toBe(
      false,
    );
    const repRes = await rep.request("GET", `/api/v1/replenishment/plan?distributorId=${f.distributorId}`);
    expect(repRes.statusCode).toBe(403);
    const managerSettings = await manager.request("PUT", "/api/v1/replenishment/settings", { reviewDays: 3 });
    expect(managerSettings.statusCode).toBe(403);
    const managerApprove = await manager.request("POST", `/api/v1/replenishment/proposals/${newId()}/approve`, {});
    expect(managerApprove.statusCode).toBe(403);
  });
});

describe("the outlet's suggested order", () => {
  it("counts the days to the next beat day", () => {
    // 2026-11-24 is a Tuesday (2); beats on Sunday (0) and Wednesday (3).
    expect(daysToNextVisit([0, 3], "2026-11-24")).toBe(1);
    expect(daysToNextVisit([2], "2026-11-24")).toBe(7);
    expect(daysToNextVisit([], "2026-11-24")).toBe(7);
  });

  it("is the outlet's forecast until the next visit, less its last audited stock, in its usual pack", async () => {
    // Two cases (48 pieces) of soap every seventh day for twelve weeks: about 6.9 a day.
    for (let week = 1; week <= 12; week++) {
      const res = await admin.request("POST", "/api/v1/secondary-orders", {
        outletId: f.secondOutletId,
        lines: [{ skuId: f.soapId, qty: 2, unit: "case" }],
        confirm: false,
      });
      expect(res.statusCode, res.body).toBe(201);
      await sql`update secondary_orders set order_date = ${addDays(today, -7 * week)}::date, status = 'delivered'
                where org_id = ${orgId()} and id = ${res.json().id}`.execute(db());
    }
    const outlet = await db()
      .selectFrom("outlets")
      .select(["id", "route_id"])
      .where("org_id", "=", orgId())
      .where("id", "=", f.secondOutletId)
      .executeTakeFirstOrThrow();
    const noAudit = (await suggestedLinesOfOutlets(db(), orgId(), [outlet], today)).get(outlet.id) ?? [];
    const soap = noAudit.find((l) => l.skuId === f.soapId);
    expect(soap).toBeDefined();
    expect(soap?.unit).toBe("case");
    // The window until the next visit starts today, the weekday the outlet orders on: about one order's 48 pieces.
    const need = (soap?.dailyRate ?? 0) * (soap?.cycleDays ?? 0);
    expect(need).toBeGreaterThan(40);
    expect(need).toBeLessThan(56);
    expect(soap?.auditedQty).toBeNull();
    const withoutAuditQty = soap?.qty ?? 0;
    expect(withoutAuditQty).toBeGreaterThanOrEqual(1);
    // A fresh audit found 48 pieces (two cases) on the shelf: the suggestion drops by two cases (or to nothing).
    const auditId = newId();
    await db()
      .insertInto("outlet_stock_audits")
      .values({
        org_id: orgId(),
        id: auditId,
        outlet_id: outlet.id,
        user_id: t.orgA.usersByRole.rep,
        territory_path: "/",
        audit_date: addDays(today, -1),
        audited_at: new Date(),
      })
      .execute();
    await db()
      .insertInto("outlet_stock_audit_lines")
      .values({ org_id: orgId(), audit_id: auditId, sku_id: f.soapId, qty: 48 })
      .execute();
    const withAudit = (await suggestedLinesOfOutlets(db(), orgId(), [outlet], today)).get(outlet.id) ?? [];
    const after = withAudit.find((l) => l.skuId === f.soapId);
    expect(after?.qty ?? 0).toBe(Math.max(0, withoutAuditQty - 2));
    if (after) expect(after).toMatchObject({ auditedQty: 48, auditedOn: addDays(today, -1) });
    // The rep's snapshot carries it.
    const snap = await rep.request("GET", "/api/v1/field/snapshot");
    expect(snap.statusCode, snap.body).toBe(200);
    const o = snap.json().outlets.find((x: { id: string }) => x.id === outlet.id);
    expect(o.suggestedLines).toEqual(withAudit);
  });
});
