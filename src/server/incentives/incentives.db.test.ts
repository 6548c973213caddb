// Incentives end to end: a plan for reps, value and focus-SKU targets, memos taken by the rep and delivered in the
// previous month and this one, one of last month's partly returned after its statement was approved. The figures
// are worked by hand below; approval freezes them; the payout file carries the approved rows; a rep sees only their
// own statement, and another organisation sees none.
//
// Soap is ৳40.50 a piece plus 15 % VAT: a memo of 20 is 81,000 + 12,150 = 93,150 poisha.
// Plan: [0-80 %: 0], [80-100 %: 2 %], [100 %-: 5 %]; cap ৳30; a ৳10 kicker for the soap focus target.
//
// Last month (P1): two memos of 20 soap, delivered: 186,300. Target 150,000 -> 12,420 bp.
//   0 - 120,000 at 0 = 0; 120,000 - 150,000 (30,000) at 2 % = 600; 36,300 above at 5 % = 1,815. Commission 2,415.
//   Soap: 40 of a 30-piece focus target (13,333 bp): kicker 1,000. Gross 3,415, cap 3,000 removes 415: payout 3,000.
//   Its clawback rate is the top band it reached: 5 %.
// Then 10 of the first memo's soap come back: 93,150 x 10 / 20 = 46,575 of P1's sales.
// This month (P2): one memo of 20 soap, delivered: 93,150 against a 100,000 target -> 9,315 bp.
//   80,000 - 93,150 (13,150) at 2 % = 263. No focus target: kicker missed. Clawback 46,575 x 5 % = 2,328.75 -> 2,329.
//   263 - 2,329 < 0: the payout is 0 and 2,066 carries forward.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, businessDate } from "../../shared/format.ts";
import { newId } from "../../shared/ids.ts";
import { errorCode } from "../testing/assertions.ts";
import { createSalesFixture, type SalesFixture } from "../testing/sales-fixture.ts";
import { type Caller, createTestApp, ORG_A_DOMAIN, ORG_B_DOMAIN, signIn, type TestApp } from "../testing/test-app.ts";

let t: TestApp;
let f: SalesFixture;
let admin: Caller;
let manager: Caller;
/** The seller of the worked example, and the demo's rep (another rep of the same territory). */
let rep: Caller;
let demoRep: Caller;
let sellerId = "";
let otherOrg: Caller;
const db = () => t.database.handle.db;
const orgId = () => t.orgA.orgId;

const today = businessDate();
const p2 = `${today.slice(0, 8)}01`;
const p1 = `${addDays(p2, -1).slice(0, 8)}01`;
const inP1 = addDays(p1, 4);
const repId = () => sellerId;

async function target(subjectId: string, periodStart: string, metric: "value" | "focus_sku", value: number) {
  await db()
    .insertInto("targets")
    .values({
      org_id: orgId(),
      id: newId(),
      period_kind: "month",
      period_start: periodStart,
      subject_kind: "rep",
      subject_id: subjectId,
      metric,
      sku_id: metric === "focus_sku" ? f.soapId : null,
      target_value: value,
      source: "manual",
      set_by: null,
    })
    .execute();
}

/** A memo of 20 soap taken by the rep on a date, delivered in full; its id. */
async function delivered(orderDate: string): Promise<string> {
  const created = await rep.request("POST", "/api/v1/secondary-orders", {
    outletId: f.outletId,
    orderDate,
    lines: [{ skuId: f.soapId, qty: 20 }],
    confirm: true,
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  expect(created.json().totalPoisha).toBe(93_150);
  for (const step of ["invoice", "dispatch", "deliver"]) {
    const r = await admin.request(
      "POST",
      `/api/v1/secondary-orders/${id}/${step}`,
      step === "deliver" ? {} : undefined,
    );
    expect(r.statusCode, r.body).toBe(200);
  }
  return id;
}

const plan = {
  name: "Rep commission",
  nameBn: "প্রতিনিধির কমিশন",
  appliesTo: "rep",
  periodKind: "month",
  validFrom: p1,
  slabs: [
    { fromBp: 0, toBp: 8000, rateBp: 0 },
    { fromBp: 8000, toBp: 10000, rateBp: 200 },
    { fromBp: 10000, toBp: null, rateBp: 500 },
  ],
  gates: [{ metric: "attainment", minBp: 5000 }],
  capPoisha: 3_000,
  kickers: [] as { skuId: string; bonusPoisha: number }[],
};
let planId = "";
let firstOrder = "";
let otherRepId = "";

beforeAll(async () => {
  t = await createTestApp();
  f = await createSalesFixture(db(), t.orgA, { soapStock: 500 });
  admin = await signIn(t.app, `admin@${ORG_A_DOMAIN}`);
  manager = await signIn(t.app, `manager@${ORG_A_DOMAIN}`);
  otherOrg = await signIn(t.app, `admin@${ORG_B_DOMAIN}`);
  const repRow = await db()
    .selectFrom("users")
    .select("territory_id")
    .where("org_id", "=", orgId())
    .where("id", "=", t.orgA.usersByRole.rep)
    .executeTakeFirstOrThrow();
  // The seller of the worked example is a rep of their own, new, so the demo's seeded history is not theirs.
  const seller = await admin.request("POST", "/api/v1/users", {
    email: `second.rep@${ORG_A_DOMAIN}`,
    name: "Second Rep",
    role: "rep",
    territoryId: repRow.territory_id,
    password: "second-rep-password",
  });
  expect(seller.statusCode, seller.body).toBe(201);
  sellerId = seller.json().id;
  rep = await signIn(t.app, `second.rep@${ORG_A_DOMAIN}`, "second-rep-password");
  demoRep = await signIn(t.app, `rep@${ORG_A_DOMAIN}`);
  otherRepId = t.orgA.usersByRole.rep;
  await target(repId(), p1, "value", 150_000);
  await target(repId(), p1, "focus_sku", 30);
  await target(repId(), p2, "value", 100_000);
  await target(otherRepId, p2, "value", 500_000);
});

afterAll(async () => {
  await t?.close();
});

describe("incentive plans", () => {
  it("refuses slabs with a gap, in both languages", async () => {
    const bad = await admin.request("POST", "/api/v1/incentives/plans", {
      ...plan,
      slabs: [
        { fromBp: 0, toBp: 8000, rateBp: 0 },
        { fromBp: 9000, toBp: null, rateBp: 200 },
      ],
    });
    expect(bad.statusCode).toBe(400);
  });

  it("creates a plan the admin owns; a rep reads it but cannot write one", async () => {
    const created = await admin.request(
      "POST",
      "/api/v1/incentives/plans",
      { ...plan, kickers: [{ skuId: f.soapId, bonusPoisha: 1_000 }] },
      { "idempotency-key": newId() },
    );
    expect(created.statusCode, created.body).toBe(201);
    planId = created.json().id;
    expect(created.json()).toMatchObject({ appliesTo: "rep", capPoisha: 3_000, archived: false });
    expect((await rep.request("GET", `/api/v1/incentives/plans/${planId}`)).statusCode).toBe(200);
    const refused = await rep.request("POST", "/api/v1/incentives/plans", plan);
    expect(refused.statusCode).toBe(403);
    expect((await otherOrg.request("GET", `/api/v1/incentives/plans/${planId}`)).statusCode).toBe(404);
  });
});

describe("statements", () => {
  let s1 = "";
  let s2 = "";

  it("computes last month's statement as worked by hand", async () => {
    firstOrder = await delivered(inP1);
    await delivered(inP1);
    const computed = await admin.request("POST", "/api/v1/incentives/statements/compute", {
      planId,
      periodStart: p1,
    });
    expect(computed.statusCode, computed.body).toBe(200);
    const mine = computed.json().items.filter((s: { personId: string }) => s.personId === repId());
    expect(mine).toHaveLength(1);
    s1 = mine[0].id;
    const s = (await admin.request("GET", `/api/v1/incentives/statements/${s1}`)).json();
    expect(s).toMatchObject({
      status: "draft",
      netSalesPoisha: 186_300,
      targetPoisha: 150_000,
      attainmentBp: 12_420,
      commissionPoisha: 2_415,
      kickersPoisha: 1_000,
      capRemovedPoisha: 415,
      payoutPoisha: 3_000,
      clawbackRateBp: 500,
    });
    expect(s.lines.map((l: { code: string; amountPoisha: number }) => [l.code, l.amountPoisha])).toEqual([
      ["band", 0],
      ["band", 600],
      ["band", 1_815],
      ["kicker", 1_000],
      ["cap", -415],
    ]);
    expect(s.lines.reduce((sum: number, l: { amountPoisha: number }) => sum + l.amountPoisha, 0)).toBe(3_000);
    expect(s.lines[1].label.en).toContain("80%");
    expect(s.lines[1].label.bn).toContain("২%");
  });

  it("approves: the figures freeze, a second approval is refused", async () => {
    const approved = await admin.request("POST", `/api/v1/incentives/statements/${s1}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: "approved", payoutPoisha: 3_000 });
    const again = await admin.request("POST", `/api/v1/incentives/statements/${s1}/approve`);
    expect(again.statusCode).toBe(409);
    expect(errorCode(again)).toBe("incentives.statement_not_draft");
    // Recomputing the period leaves an approved statement as it was.
    await admin.request("POST", "/api/v1/incentives/statements/compute", { planId, periodStart: p1 });
    expect((await admin.request("GET", `/api/v1/incentives/statements/${s1}`)).json().payoutPoisha).toBe(3_000);
    const audit = await db()
      .selectFrom("audit_log")
      .select("action")
      .where("org_id", "=", orgId())
      .where("entity_id", "=", s1)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(["approve", "compute"]);
  });

  it("exports the approved statements for payout and records the payment", async () => {
    const csv = await admin.request("GET", `/api/v1/incentives/statements/export?periodStart=${p1}&format=csv`);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    expect(csv.body.charCodeAt(0)).toBe(0xfeff);
    const rows = csv.body.trim().split(/\r\n/);
    expect(rows.some((r) => r.includes("Rep commission") && r.includes("30.00"))).toBe(true);
    const xlsx = await admin.request("GET", `/api/v1/incentives/statements/export?periodStart=${p1}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers["content-type"]).toMatch(/spreadsheetml/);

    const paid = await admin.request("POST", `/api/v1/incentives/statements/${s1}/pay`, { reference: "BKASH-7781" });
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json()).toMatchObject({ status: "paid", payoutReference: "BKASH-7781" });
    const twice = await admin.request("POST", `/api/v1/incentives/statements/${s1}/pay`, { reference: "X" });
    expect(errorCode(twice)).toBe("incentives.statement_not_approved");
  });

  it("claws a return of last month's sales back this month, carrying what the payout cannot cover", async () => {
    const ret = await admin.request("POST", `/api/v1/secondary-orders/${firstOrder}/returns`, {
      reason: "expired stock",
      lines: [{ lineNo: 1, qty: 10, condition: "damaged" }],
    });
    expect(ret.statusCode, ret.body).toBe(200);
    await delivered(today);
    const computed = await admin.request("POST", "/api/v1/incentives/statements/compute", {
      planId,
      periodStart: p2,
    });
    expect(computed.statusCode, computed.body).toBe(200);
    s2 = computed.json().items.find((s: { personId: string }) => s.personId === repId()).id;
    const s = (await admin.request("GET", `/api/v1/incentives/statements/${s2}`)).json();
    expect(s).toMatchObject({
      netSalesPoisha: 93_150,
      attainmentBp: 9_315,
      commissionPoisha: 263,
      clawbackPoisha: 2_329,
      payoutPoisha: 0,
      carryForwardPoisha: 2_066,
    });
    expect(s.lines.map((l: { code: string; amountPoisha: number }) => [l.code, l.amountPoisha])).toEqual([
      ["band", 0],
      ["band", 263],
      ["band", 0],
      ["kicker_missed", 0],
      ["clawback", -2_329],
      ["clawback_carry_forward", 2_066],
    ]);
    expect(s.lines[4].basis).toMatchObject({ statementId: s1, salesPoisha: 46_575, rateBp: 500 });

    // Approved, it records what it clawed back: a recomputation of it would not claw the same return twice.
    const approved = await admin.request("POST", `/api/v1/incentives/statements/${s2}/approve`);
    expect(approved.json()).toMatchObject({ status: "approved", carryForwardPoisha: 2_066 });
    const first = await db()
      .selectFrom("incentive_statements")
      .select("clawed_sales_poisha")
      .where("org_id", "=", orgId())
      .where("id", "=", s1)
      .executeTakeFirstOrThrow();
    expect(first.clawed_sales_poisha).toBe(46_575);
  });

  it("shows a rep only their own statements, a manager their team's, another org nothing", async () => {
    const all = (await admin.request("GET", `/api/v1/incentives/statements?periodStart=${p2}`)).json().items;
    const others = all.filter((s: { personId: string }) => s.personId === otherRepId);
    expect(others).toHaveLength(1);
    const own = (await rep.request("GET", "/api/v1/incentives/statements")).json().items;
    expect(own.length).toBe(2);
    expect(own.every((s: { personId: string }) => s.personId === repId())).toBe(true);
    const foreign = await rep.request("GET", `/api/v1/incentives/statements/${others[0].id}`);
    expect(foreign.statusCode).toBe(404);
    expect(errorCode(foreign)).toBe("incentives.statement_not_found");
    expect((await rep.request("GET", `/api/v1/incentives/statements/${s2}`)).statusCode).toBe(200);
    expect((await rep.request("POST", `/api/v1/incentives/statements/${s2}/pay`, { reference: "X" })).statusCode).toBe(
      403,
    );
    // The demo rep, the other way round.
    expect((await demoRep.request("GET", `/api/v1/incentives/statements/${s2}`)).statusCode).toBe(404);
    const theirs = (await demoRep.request("GET", "/api/v1/incentives/statements")).json().items;
    expect(theirs.map((s: { id: string }) => s.id)).toEqual([others[0].id]);
    const team = (await manager.request("GET", `/api/v1/incentives/statements?periodStart=${p2}`)).json().items;
    expect(team.map((s: { id: string }) => s.id).sort()).toEqual([s2, others[0].id].sort());
    expect((await otherOrg.request("GET", "/api/v1/incentives/statements")).json().items).toEqual([]);
    expect((await otherOrg.request("GET", `/api/v1/incentives/statements/${s2}`)).statusCode).toBe(404);
  });
});
