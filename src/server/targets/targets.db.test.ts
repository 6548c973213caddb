// Targets end to end: set by hand, memos taken and delivered, and achievement equal to the figures worked by hand for
// every metric; the CSV import (all rows or none), the split (preview equals apply, last year's shares, equal parts
// without history), delete of a future target only, who may see and set what, and the target in the field app, the
// sales dashboard and the run-rate warning.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, businessDate } from "../../shared/format.ts";
import { applyPendingSalesChanges } from "../analytics/sales-rollups.service.ts";
import { warningMessage } from "../analytics/sales-warnings.messages.ts";
import { refreshWarnings } from "../analytics/sales-warnings.service.ts";
import { errorCode, hasBengali, must } from "../testing/assertions.ts";
import { createSalesFixture, type SalesFixture } from "../testing/sales-fixture.ts";
import { type Caller, createTestApp, ORG_A_DOMAIN, ORG_B_DOMAIN, signIn, type TestApp } from "../testing/test-app.ts";
import { periodEndOf } from "./target-math.ts";
import { achievedFigure, achievementFor } from "./targets.service.ts";

let t: TestApp;
let f: SalesFixture;
let admin: Caller;
let manager: Caller;
let demoRep: Caller;
let distributor: Caller;
let otherOrg: Caller;
/** A rep made here, so that the memos credited to them are only this file's. */
let rep: Caller;
let repId: string;
/** A manager of another division. */
let farManager: Caller;
let repTerritoryId: string;
let extraOutletId: string;
const today = businessDate();
const month = `${today.slice(0, 7)}-01`;
const monthEnd = periodEndOf("month", month);
const db = () => t.database.handle.db;
const orgId = () => t.orgA.orgId;
const PASSWORD = "targets-pass-1";

type Json = Record<string, unknown>;
type Item = { id: string; subjectKind: string; subjectId: string; metric: string; skuId: string | null } & Json;

async function ok<T = Json>(pending: Promise<{ statusCode: number; body: string; json(): unknown }>, what: string) {
  const res = await pending;
  if (res.statusCode >= 300) throw new Error(`${what} answered ${res.statusCode}: ${res.body}`);
  return (res.statusCode === 204 ? null : res.json()) as T;
}

const target = (subjectKind: string, subjectId: string, metric: string, targetValue: number, extra: Json = {}) => ({
  periodKind: "month",
  periodStart: month,
  subjectKind,
  subjectId,
  metric,
  targetValue,
  ...extra,
});

async function order(by: Caller, outletId: string, lines: { skuId: string; qty: number }[], extra: Json = {}) {
  return ok<{ id: string; totalPoisha: number }>(
    by.request("POST", "/api/v1/secondary-orders", { outletId, lines, confirm: true, ...extra }),
    "an order",
  );
}

async function list(by: Caller, query = "") {
  return ok<{ items: Item[] }>(by.request("GET", `/api/v1/targets${query}`), "targets");
}

async function figure(kind: string, subjectId: string, metric: string, skuId: string | null = null) {
  const { items } = await list(admin, `?subjectId=${subjectId}&metric=${metric}`);
  return must(
    items.find((i) => i.subjectKind === kind && i.skuId === skuId),
    `${kind} ${metric} target`,
  );
}

beforeAll(async () => {
  t = await createTestApp();
  f = await createSalesFixture(db(), t.orgA);
  admin = await signIn(t.app, `admin@${ORG_A_DOMAIN}`);
  manager = await signIn(t.app, `manager@${ORG_A_DOMAIN}`);
  demoRep = await signIn(t.app, `rep@${ORG_A_DOMAIN}`);
  distributor = await signIn(t.app, `distributor@${ORG_A_DOMAIN}`);
  otherOrg = await signIn(t.app, `admin@${ORG_B_DOMAIN}`);
  const r = await db()
    .selectFrom("users")
    .select("territory_id")
    .where("org_id", "=", orgId())
    .where("id", "=", t.orgA.usersByRole.rep)
    .executeTakeFirstOrThrow();
  repTerritoryId = must(r.territory_id, "the rep's territory");
  const email = `targets-rep@${ORG_A_DOMAIN}`;
  repId = (
    await ok<{ id: string }>(
      admin.request("POST", "/api/v1/users", {
        email,
        name: "Target Rep",
        role: "rep",
        territoryId: repTerritoryId,
        password: PASSWORD,
      }),
      "a rep",
    )
  ).id;
  rep = await signIn(t.app, email, PASSWORD);
  // The far outlet's territory lies outside the manager's division: its manager is another.
  const far = await sql<{ territory_id: string }>`
    select r.parent_id as territory_id from outlets o join territories r on r.org_id = o.org_id and r.id = o.route_id
    where o.org_id = ${orgId()} and o.id = ${f.farOutletId}`.execute(db());
  const farTerritoryId = must(far.rows[0]?.territory_id, "the far territory");
  await ok(
    admin.request("POST", "/api/v1/users", {
      email: `targets-far-manager@${ORG_A_DOMAIN}`,
      name: "Far Manager",
      role: "manager",
      territoryId: farTerritoryId,
      password: PASSWORD,
    }),
    "a far manager",
  );
  farManager = await signIn(t.app, `targets-far-manager@${ORG_A_DOMAIN}`, PASSWORD);
  // A third outlet of DB-1 that never orders: coverage 2 of 3.
  const route = await db()
    .selectFrom("outlets")
    .select("route_id")
    .where("org_id", "=", orgId())
    .where("id", "=", f.outletId)
    .executeTakeFirstOrThrow();
  extraOutletId = (
    await ok<{ id: string }>(
      admin.request("POST", "/api/v1/outlets", {
        code: "OUT-QUIET",
        name: "Quiet Store",
        nameBn: "চুপচাপ দোকান",
        ownerName: "Karim",
        channel: "grocery",
        distributorId: f.distributorId,
        routeId: route.route_id,
      }),
      "a quiet outlet",
    )
  ).id;
});

afterAll(async () => {
  await t?.close();
});

describe("achievement", () => {
  let territoryBefore = 0;

  it("equals the figures worked by hand for every metric", async () => {
    // The rep's targets; DB-1's coverage and value; the rep's territory's value (measured before and after).
    await ok(
      admin.request("PUT", "/api/v1/targets", {
        targets: [
          target("rep", repId, "value", 100_000),
          target("rep", repId, "volume", 40),
          target("rep", repId, "focus_sku", 30, { skuId: f.biscuitId }),
          target("rep", repId, "focus_sku", 10, { skuId: f.soapId }),
          target("rep", repId, "new_outlets", 4),
          target("distributor", f.distributorId, "coverage", 8000),
          target("distributor", f.distributorId, "value", 50_000),
          target("territory", repTerritoryId, "value", 1_000_000),
        ],
      }),
      "targets",
    );
    territoryBefore = Number((await figure("territory", repTerritoryId, "value")).achieved);

    // Biscuits sell at 900 poisha, no VAT.
    // O1: 10 biscuits = 9,000, delivered 6 of 10 -> 5,400 (pro rata).
    const o1 = await order(rep, f.outletId, [{ skuId: f.biscuitId, qty: 10 }]);
    expect(o1.totalPoisha).toBe(9_000);
    await ok(admin.request("POST", `/api/v1/secondary-orders/${o1.id}/invoice`), "invoice");
    await ok(admin.request("POST", `/api/v1/secondary-orders/${o1.id}/dispatch`), "dispatch");
    await ok(
      admin.request("POST", `/api/v1/secondary-orders/${o1.id}/deliver`, { lines: [{ lineNo: 1, deliveredQty: 6 }] }),
      "deliver",
    );
    // O2: 20 biscuits = 18,000, confirmed (not yet delivered: its total counts).
    const o2 = await order(rep, f.secondOutletId, [{ skuId: f.biscuitId, qty: 20 }]);
    expect(o2.totalPoisha).toBe(18_000);
    // O3: confirmed then cancelled: nothing. O4: a draft: nothing.
    const o3 = await order(rep, f.outletId, [
      { skuId: f.soapId, qty: 3 },
      { skuId: f.biscuitId, qty: 5 },
    ]);
    await ok(rep.request("POST", `/api/v1/secondary-orders/${o3.id}/cancel`, { reason: "wrong outlet" }), "cancel");
    await order(rep, f.outletId, [{ skuId: f.soapId, qty: 4 }], { confirm: false });

    // value 5,400 + 18,000 = 23,400 of 100,000 = 2340 bp; volume 6 + 20 = 26 of 40 = 6500 bp;
    // biscuits 26 of 30 = 8666.7 -> 8667 bp; soap 0 of 10; new outlets OUT-1 and OUT-2 = 2 of 4 = 5000 bp.
    expect(await figure("rep", repId, "value")).toMatchObject({ achieved: 23_400, achievedBp: 2340 });
    expect(await figure("rep", repId, "volume")).toMatchObject({ achieved: 26, achievedBp: 6500 });
    expect(await figure("rep", repId, "focus_sku", f.biscuitId)).toMatchObject({ achieved: 26, achievedBp: 8667 });
    expect(await figure("rep", repId, "focus_sku", f.soapId)).toMatchObject({ achieved: 0, achievedBp: 0 });
    expect(await figure("rep", repId, "new_outlets")).toMatchObject({ achieved: 2, achievedBp: 5000 });
    // DB-1: OUT-1 and OUT-2 ordered, OUT-QUIET did not: 2 / 3 = 6666.7 -> 6667 bp, of 8000 = 8333.75 -> 8334 bp.
    expect(await figure("distributor", f.distributorId, "coverage")).toMatchObject({
      achieved: 6667,
      achievedBp: 8334,
    });
    expect(await figure("distributor", f.distributorId, "value")).toMatchObject({ achieved: 23_400, achievedBp: 4680 });
    expect(Number((await figure("territory", repTerritoryId, "value")).achieved) - territoryBefore).toBe(23_400);

    // Run-rate: the projection and the status follow from the figures (target-math.test.ts works the arithmetic).
    const value = await figure("rep", repId, "value");
    expect(value.businessDays).toBeGreaterThanOrEqual(24);
    expect(value.status).toBe(Number(value.projected) >= 100_000 ? "on_track" : "behind");
  });

  it("gives in the list (figures of many subjects per query) what each target's own query gives", async () => {
    const { items } = await list(admin);
    expect(items.length).toBeGreaterThanOrEqual(8);
    for (const i of items) {
      const own = await achievedFigure(db(), orgId(), {
        subjectKind: i.subjectKind as "rep",
        subjectId: i.subjectId,
        metric: i.metric as "value",
        skuId: i.skuId,
        from: month,
        to: monthEnd,
      });
      expect(i.achieved, `${i.subjectKind} ${i.metric}`).toBe(own);
    }
  });

  it("is what achievementFor gives other modules (incentive plans)", async () => {
    const all = await achievementFor(db(), orgId(), {
      subjectKind: "rep",
      subjectId: repId,
      periodStart: month,
      periodEnd: monthEnd,
    });
    const of = (metric: string, skuId: string | null = null) =>
      all.find((a) => a.metric === metric && a.skuId === skuId);
    expect(all).toHaveLength(5);
    expect(of("value")).toMatchObject({
      targetValue: 100_000,
      achieved: 23_400,
      achievedBp: 2340,
      periodEnd: monthEnd,
    });
    expect(of("focus_sku", f.biscuitId)).toMatchObject({ achieved: 26, achievedBp: 8667 });
    // A quarter asked for is another period: none of these month targets.
    expect(
      await achievementFor(db(), orgId(), {
        subjectKind: "rep",
        subjectId: repId,
        periodStart: month,
        periodEnd: addDays(periodEndOf("month", addDays(monthEnd, 40)), 0),
      }),
    ).toEqual([]);
  });

  it("shows in the field app's performance card and on the distributor's sales dashboard", async () => {
    const perf = await ok<{ target: Json }>(rep.request("GET", "/api/v1/field/performance"), "performance");
    expect(perf.target).toMatchObject({ valuePoisha: 100_000, achievedPoisha: 23_400, achievedBp: 2340 });
    expect(["on_track", "behind", "achieved"]).toContain(perf.target.status);
    // The demo rep has no target: none shown.
    const none = await ok<{ target: unknown }>(demoRep.request("GET", "/api/v1/field/performance"), "performance");
    expect(none.target).toBeNull();
    // DB-1's own view this month: 23,400 of 50,000 = 4680 bp.
    const sales = await ok<{ target: Json }>(distributor.request("GET", "/api/v1/analytics/sales"), "sales");
    expect(sales.target).toEqual({ valuePoisha: 50_000, achievedBp: 4680 });
    // A product's sales carry no target.
    const product = await ok<{ target: unknown }>(
      distributor.request("GET", `/api/v1/analytics/sales?skuId=${f.biscuitId}`),
      "product sales",
    );
    expect(product.target).toBeNull();
  });
});

describe("who sees and sets what", () => {
  it("a rep sees only their own targets and sets none", async () => {
    const mine = await list(rep);
    expect(mine.items.length).toBe(5);
    expect(mine.items.every((i) => i.subjectKind === "rep" && i.subjectId === repId)).toBe(true);
    expect((await list(demoRep)).items).toEqual([]);
    const put = await rep.request("PUT", "/api/v1/targets", { targets: [target("rep", repId, "value", 1)] });
    expect(put.statusCode).toBe(403);
  });

  it("a distributor sees its own and its outlets' targets", async () => {
    await ok(
      admin.request("PUT", "/api/v1/targets", {
        targets: [target("outlet", f.outletId, "value", 20_000), target("outlet", f.farOutletId, "value", 20_000)],
      }),
      "outlet targets",
    );
    const seen = await list(distributor);
    expect(new Set(seen.items.map((i) => i.subjectId))).toEqual(new Set([f.distributorId, f.outletId]));
  });

  it("a manager of another division neither sees nor sets this division's targets", async () => {
    const seen = await list(farManager);
    expect(seen.items.map((i) => i.subjectId)).toEqual([f.farOutletId]);
    const put = await farManager.request("PUT", "/api/v1/targets", {
      targets: [target("distributor", f.distributorId, "value", 1)],
    });
    expect(put.statusCode).toBe(404);
    expect(errorCode(put)).toBe("targets.subject_not_found");
    // Its own division's outlet it may set.
    await ok(
      farManager.request("PUT", "/api/v1/targets", { targets: [target("outlet", f.farOutletId, "value", 30_000)] }),
      "the far manager's own outlet",
    );
    const split = await farManager.request("POST", "/api/v1/targets/split", {
      periodKind: "month",
      periodStart: month,
      territoryId: repTerritoryId,
      metric: "value",
      into: "outlets",
    });
    expect(split.statusCode).toBe(404);
  });

  it("another organisation sees none and reaches none", async () => {
    expect((await list(otherOrg)).items.every((i) => i.subjectId !== repId && i.subjectId !== f.distributorId)).toBe(
      true,
    );
    const put = await otherOrg.request(
      "PUT",
      "/api/v1/targets",
      { targets: [target("distributor", f.distributorId, "value", 1)] },
      { "accept-language": "bn" },
    );
    expect(put.statusCode).toBe(404);
    expect(hasBengali(put.json().error.message)).toBe(true);
    const { items } = await list(admin, `?subjectId=${f.distributorId}&metric=value`);
    const del = await otherOrg.request("DELETE", `/api/v1/targets/${must(items[0], "a target").id}`);
    expect(del.statusCode).toBe(404);
  });

  it("the manager of the division sees the rep's, the distributor's and the territory's", async () => {
    const seen = new Set((await list(manager)).items.map((i) => i.subjectId));
    for (const id of [repId, f.distributorId, repTerritoryId, f.outletId]) expect(seen.has(id)).toBe(true);
    expect(seen.has(f.farOutletId)).toBe(false);
  });
});

describe("delete", () => {
  it("deletes a future target and keeps a current one", async () => {
    const [future] = (
      await ok<{ items: Item[] }>(
        admin.request("PUT", "/api/v1/targets", {
          targets: [target("rep", repId, "value", 5, { periodStart: "2099-01-01" })],
        }),
        "a future target",
      )
    ).items;
    expect((await admin.request("DELETE", `/api/v1/targets/${must(future, "future").id}`)).statusCode).toBe(204);
    expect((await list(admin, "?period=2099-01-01")).items).toEqual([]);
    const current = await figure("rep", repId, "value");
    const refused = await manager.request("DELETE", `/api/v1/targets/${current.id}`);
    expect(refused.statusCode).toBe(409);
    expect(errorCode(refused)).toBe("targets.not_future");
  });
});

describe("CSV import", () => {
  const header = "period,subject_kind,subject_code,metric,sku_code,target";

  it("takes every row or none, with each row's problem in the caller's language", async () => {
    const count = async () =>
      Number(
        (await sql<{ n: string }>`select count(*) as n from targets where org_id = ${orgId()}`.execute(db())).rows[0]
          ?.n,
      );
    const before = await count();
    const csv = [
      header,
      "2099-02,distributor,DB-1,value,,1250.50",
      "2099-02,distributor,DB-1,turnover,,10",
      "2099-02,outlet,NO-SUCH,value,,10",
      "2099-13,territory,DB-1,value,,10",
      "2099-02,rep,targets-rep@a.test.bikri.app,focus_sku,,10",
    ].join("\n");
    const res = await admin.request("POST", "/api/v1/targets/import", { csv }, { "accept-language": "bn" });
    expect(res.statusCode).toBe(422);
    expect(errorCode(res)).toBe("targets.import_invalid");
    const errors = res.json().error.details.errors as { row: number; column: string; code: string; message: string }[];
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [3, "metric", "targets.import.bad_metric"],
      [4, "subject_code", "targets.import.unknown_subject"],
      [5, "period", "targets.import.bad_period"],
      [6, "sku_code", "targets.import.sku_needed"],
    ]);
    expect(errors.every((e) => hasBengali(e.message))).toBe(true);
    expect(await count()).toBe(before);
  });

  it("imports a clean file in the stored units (taka to poisha, percent to basis points)", async () => {
    const csv = [
      header,
      "2099-02,distributor,DB-1,value,,1250.50",
      "2099-Q1,distributor,DB-1,coverage,,80",
      `2099-02,rep,TARGETS-REP@${ORG_A_DOMAIN},focus_sku,BISC-50,120`,
    ].join("\n");
    expect(await ok(admin.request("POST", "/api/v1/targets/import", { csv }), "import")).toEqual({ imported: 3 });
    const feb = (await list(admin, "?period=2099-02-01")).items;
    expect(feb.map((i) => [i.subjectId, i.metric, i.targetValue, i.source]).sort()).toEqual(
      [
        [f.distributorId, "value", 125_050, "csv"],
        [repId, "focus_sku", 120, "csv"],
      ].sort(),
    );
    const q1 = (await list(admin, "?periodKind=quarter&period=2099-01-01")).items;
    expect(q1.map((i) => [i.metric, i.targetValue])).toEqual([["coverage", 8000]]);
  });
});

describe("split top-down", () => {
  const lastYear = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;

  it("splits by last year's shares, the preview equal to what is applied", async () => {
    // Last year, the same month: OUT-1 bought 30 biscuits (27,000), OUT-2 10 (9,000); no other outlet of the
    // territory had a memo then. 1,000,000 -> 27/36 = 750,000 and 9/36 = 250,000; every other outlet 0.
    await order(admin, f.outletId, [{ skuId: f.biscuitId, qty: 30 }], { orderDate: lastYear });
    await order(admin, f.secondOutletId, [{ skuId: f.biscuitId, qty: 10 }], { orderDate: lastYear });
    const body = {
      periodKind: "month",
      periodStart: month,
      territoryId: repTerritoryId,
      metric: "value",
      into: "outlets",
    };
    const preview = await ok<{ basis: string; parts: Json[]; applied: boolean; parentTargetValue: number }>(
      manager.request("POST", "/api/v1/targets/split", body),
      "preview",
    );
    expect(preview).toMatchObject({ basis: "last_year", applied: false, parentTargetValue: 1_000_000 });
    const part = (id: string) => preview.parts.find((p) => p.subjectId === id);
    expect(part(f.outletId)).toMatchObject({ lastYear: 27_000, targetValue: 750_000 });
    expect(part(f.secondOutletId)).toMatchObject({ lastYear: 9_000, targetValue: 250_000 });
    expect(part(extraOutletId)).toMatchObject({ lastYear: 0, targetValue: 0 });
    expect(preview.parts.reduce((s, p) => s + Number(p.targetValue), 0)).toBe(1_000_000);

    const applied = await ok<{ parts: Json[]; applied: boolean }>(
      manager.request("POST", "/api/v1/targets/split", { ...body, apply: true }),
      "apply",
    );
    expect(applied.applied).toBe(true);
    expect(applied.parts).toEqual(preview.parts);
    const set = (await list(admin, "?subjectKind=outlet&metric=value")).items;
    for (const p of preview.parts) {
      const row = must(
        set.find((i) => i.subjectId === p.subjectId),
        `the split target of ${p.subjectCode}`,
      );
      expect([row.targetValue, row.source]).toEqual([p.targetValue, "split"]);
    }
  });

  it("splits into equal parts when last year had no sales, and needs the parent's target", async () => {
    const body = {
      periodKind: "month",
      periodStart: "2099-05-01",
      territoryId: repTerritoryId,
      metric: "value",
      into: "distributors",
    };
    const missing = await admin.request("POST", "/api/v1/targets/split", body);
    expect(missing.statusCode).toBe(422);
    expect(errorCode(missing)).toBe("targets.parent_missing");
    await ok(
      admin.request("PUT", "/api/v1/targets", {
        targets: [target("territory", repTerritoryId, "value", 1_001, { periodStart: "2099-05-01" })],
      }),
      "the parent",
    );
    const res = await ok<{ basis: string; parts: { targetValue: number }[] }>(
      admin.request("POST", "/api/v1/targets/split", body),
      "equal split",
    );
    expect(res.basis).toBe("equal");
    const values = res.parts.map((p) => p.targetValue);
    expect(values.reduce((a, b) => a + b, 0)).toBe(1_001);
    expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
  });
});

describe("the run-rate warning", () => {
  it("measures a territory against its target for the month when one is set", async () => {
    // The 15th of last month: 14 complete days. A memo on the 10th puts the territory in the month's figures.
    const start = `${addDays(month, -1).slice(0, 7)}-01`;
    const day = addDays(start, 14);
    await order(admin, f.outletId, [{ skuId: f.biscuitId, qty: 1 }], { orderDate: addDays(start, 9) });
    await applyPendingSalesChanges(db());
    await ok(
      admin.request("PUT", "/api/v1/targets", {
        targets: [target("territory", repTerritoryId, "value", 1_000_000_000_000, { periodStart: start })],
      }),
      "last month's target",
    );
    await refreshWarnings(db(), orgId(), day);
    const w = await sql<{ detail: Record<string, string | number | null> }>`
      select detail from sales_warnings
      where org_id = ${orgId()} and kind = 'territory_behind' and subject_id = ${repTerritoryId}`.execute(db());
    const detail = must(w.rows[0], "the territory's warning").detail;
    expect(detail).toMatchObject({ benchmark: "target", benchmarkPoisha: 1_000_000_000_000, elapsedDays: 14 });
    expect(warningMessage("territory_behind", "en", detail, { subject: "T", territory: "T" })).toContain("its target");
    // Territories without a target keep last month as their benchmark.
    const others = await sql<{ detail: Record<string, unknown> }>`
      select detail from sales_warnings
      where org_id = ${orgId()} and kind = 'territory_behind' and subject_id <> ${repTerritoryId}`.execute(db());
    for (const o of others.rows) expect(o.detail.benchmark).toBe("previous_month");
  });
});
