// The field dashboard on a week of 2025 (no demo activity then) with known numbers: the demo rep's visits, memos
// (through the orders API) and working days on one Dhaka route, and another rep's on a Chattogram route. Each
// figure is checked against the same figure worked out by hand; a manager sees exactly their subtree, a distributor
// its own outlets; and the KPIs agree with the managers' live view of the same day (one definition).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FieldAnalyticsResponse, FieldAnalyticsRow } from "../../shared/contracts/analytics.ts";
import { newId } from "../../shared/ids.ts";
import type { Locale } from "../../shared/locale.ts";
import type { Db } from "../db/transaction.ts";
import { fieldLive } from "../field/field-kpis.service.ts";
import { receiveStock } from "../inventory/stock-ledger.ts";
import type { Ctx } from "../platform/context.ts";
import { must } from "../testing/assertions.ts";
import { createSalesFixture, type SalesFixture } from "../testing/sales-fixture.ts";
import { type Caller, createTestApp, ORG_A_DOMAIN, signIn, type TestApp } from "../testing/test-app.ts";
import { actorFromUser } from "../users/auth.service.ts";
import { findUser } from "../users/users.repository.ts";
import { fieldReport, getFieldAnalytics } from "./field-analytics.service.ts";
import { applyPendingSalesChanges } from "./sales-rollups.service.ts";

const FROM = "2025-03-03";
const TO = "2025-03-09";
const TUE = "2025-03-04";
const WED = "2025-03-05";
const THU = "2025-03-06";
const FRI = "2025-03-07";
const SAT = "2025-03-08";
const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+06:00`);

let t: TestApp;
let f: SalesFixture;
let admin: Caller;
let route: { id: string; path: string };
let ctgRoute: { id: string; path: string };
let ctgRepId: string;
let ctgOutletId: string;
/** Active outlets on the rep's route: each planned on a beat day. */
let outletsOnRoute: number;
const sales = { rep: 0, ctg: 0 };
const db = (): Db => t.database.handle.db;
const org = () => t.orgA.orgId;
const rep = () => t.orgA.usersByRole.rep;

async function ctxOf(userId: string, locale: Locale = "en"): Promise<Ctx> {
  const u = must(await findUser(db(), org(), userId), "user");
  return { db: db(), locale, requestId: null, ip: null, userAgent: null, actor: actorFromUser(u, "session") };
}

async function order(outletId: string, orderDate: string, lines: { skuId: string; qty: number }[]) {
  const res = await admin.request("POST", "/api/v1/secondary-orders", {
    outletId,
    orderDate,
    confirm: true,
    lines: lines.map((l) => ({ ...l, unit: "piece" })),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; totalPoisha: number };
}

async function visit(v: {
  userId: string;
  outletId: string;
  routeId: string;
  path: string;
  date: string;
  from: string;
  to: string;
  outcome: "order" | "no_order";
  orderId?: string;
  outsideRadius?: boolean;
}) {
  await db()
    .insertInto("visits")
    .values({
      org_id: org(),
      id: newId(),
      user_id: v.userId,
      outlet_id: v.outletId,
      route_id: v.routeId,
      territory_path: v.path,
      visit_date: v.date,
      planned: true,
      checked_in_at: at(v.date, v.from),
      checked_out_at: at(v.date, v.to),
      outside_radius: v.outsideRadius ?? false,
      outcome: v.outcome,
      no_order_reason: v.outcome === "no_order" ? "shop_closed" : null,
      order_id: v.orderId ?? null,
    })
    .execute();
}

async function workday(userId: string, date: string, from: string, to: string | null) {
  await db()
    .insertInto("attendance_days")
    .values({
      org_id: org(),
      id: newId(),
      user_id: userId,
      work_date: date,
      started_at: at(date, from),
      ended_at: to ? at(date, to) : null,
    })
    .execute();
}

async function routeOf(outletId: string) {
  return db()
    .selectFrom("outlets as o")
    .innerJoin("territories as t", (j) => j.onRef("t.org_id", "=", "o.org_id").onRef("t.id", "=", "o.route_id"))
    .select(["t.id", "t.path"])
    .where("o.org_id", "=", org())
    .where("o.id", "=", outletId)
    .executeTakeFirstOrThrow();
}

beforeAll(async () => {
  t = await createTestApp();
  f = await createSalesFixture(db(), t.orgA);
  admin = await signIn(t.app, `admin@${ORG_A_DOMAIN}`);
  route = await routeOf(f.outletId);
  // 2025's owners and beats: the demo rep walks the route on Tuesdays and Thursdays.
  await db()
    .insertInto("route_assignments")
    .values({ org_id: org(), id: newId(), route_id: route.id, rep_user_id: rep(), effective_from: "2025-01-01" })
    .execute();
  await db().deleteFrom("beat_days").where("org_id", "=", org()).where("route_id", "=", route.id).execute();
  await db()
    .insertInto("beat_days")
    .values([2, 4].map((weekday) => ({ org_id: org(), route_id: route.id, weekday })))
    .execute();
  const n = await db()
    .selectFrom("outlets")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("org_id", "=", org())
    .where("route_id", "=", route.id)
    .where("status", "=", "active")
    .executeTakeFirstOrThrow();
  outletsOnRoute = Number(n.n);

  // Chattogram: another rep on a route there, an outlet of the other distributor.
  const cha = must(t.orgA.territoryIdByCode.get("CHA"), "CHA");
  const chaPath = (
    await db()
      .selectFrom("territories")
      .select("path")
      .where("org_id", "=", org())
      .where("id", "=", cha)
      .executeTakeFirstOrThrow()
  ).path;
  ctgRoute = await db()
    .selectFrom("territories")
    .select(["id", "path", "parent_id"])
    .where("org_id", "=", org())
    .where("level", "=", "route")
    .where("path", "like", `${chaPath}%`)
    .orderBy("code")
    .executeTakeFirstOrThrow()
    .then((r) => ({ id: r.id, path: r.path, parentId: must(r.parent_id, "parent") }))
    .then(async (r) => {
      const created = await admin.request("POST", "/api/v1/users", {
        email: `ctg.rep@${ORG_A_DOMAIN}`,
        name: "Chattogram Rep",
        role: "rep",
        territoryId: r.parentId,
        password: "field-password-1",
      });
      expect(created.statusCode, created.body).toBe(201);
      ctgRepId = created.json().id;
      return { id: r.id, path: r.path };
    });
  await db()
    .insertInto("route_assignments")
    .values({ org_id: org(), id: newId(), route_id: ctgRoute.id, rep_user_id: ctgRepId, effective_from: "2025-01-01" })
    .execute();
  ctgOutletId = newId();
  await db()
    .insertInto("outlets")
    .values({
      org_id: org(),
      id: ctgOutletId,
      code: "OUT-CTG",
      name: "Karnaphuli Store",
      name_bn: "কর্ণফুলী স্টোর",
      owner_name: "Hasan",
      channel: "grocery",
      distributor_id: f.otherDistributorId,
      route_id: ctgRoute.id,
    })
    .execute();
  await receiveStock(
    db(),
    org(),
    f.otherDistributorId,
    [{ skuId: f.biscuitId, batchNo: "C-1", expiryDate: "2030-01-31", qty: 1000 }],
    "opening",
    { refType: "fixture", refId: f.otherDistributorId, createdBy: null },
  );

  // The rep's week. Tuesday: a memo on a visit at OUT-1 (20 min), OUT-2 closed and checked in out of range
  // (10 min); Thursday: a memo at OUT-1 on a visit (30 min) without the link; Friday: a memo for OUT-2 without a
  // visit; Saturday: a memo cancelled. Working days: Tue 8:30-17:30, Thu 9:00-13:00, Fri 9:00-12:00 (no visits:
  // the route the rep owns that day makes it the slice's), Sat started and never ended.
  const o1 = await order(f.outletId, TUE, [{ skuId: f.soapId, qty: 24 }]);
  const o2 = await order(f.outletId, THU, [{ skuId: f.biscuitId, qty: 10 }]);
  const o3 = await order(f.secondOutletId, FRI, [
    { skuId: f.biscuitId, qty: 5 },
    { skuId: f.soapId, qty: 1 },
  ]);
  const o4 = await order(f.secondOutletId, SAT, [{ skuId: f.biscuitId, qty: 7 }]);
  const cancel = await admin.request("POST", `/api/v1/secondary-orders/${o4.id}/cancel`, { reason: "duplicate" });
  expect(cancel.statusCode, cancel.body).toBe(200);
  sales.rep = o1.totalPoisha + o2.totalPoisha + o3.totalPoisha;
  const base = { userId: rep(), routeId: route.id, path: route.path };
  await visit({
    ...base,
    outletId: f.outletId,
    date: TUE,
    from: "09:00",
    to: "09:20",
    outcome: "order",
    orderId: o1.id,
  });
  await visit({
    ...base,
    outletId: f.secondOutletId,
    date: TUE,
    from: "09:30",
    to: "09:40",
    outcome: "no_order",
    outsideRadius: true,
  });
  await visit({ ...base, outletId: f.outletId, date: THU, from: "10:00", to: "10:30", outcome: "order" });
  await workday(rep(), TUE, "08:30", "17:30");
  await workday(rep(), THU, "09:00", "13:00");
  await workday(rep(), FRI, "09:00", "12:00");
  await workday(rep(), SAT, "09:00", null);

  // The Chattogram rep's Wednesday: one memo on a 15-minute visit, an 8-hour day.
  const o5 = await order(ctgOutletId, WED, [{ skuId: f.biscuitId, qty: 3 }]);
  sales.ctg = o5.totalPoisha;
  await visit({
    userId: ctgRepId,
    routeId: ctgRoute.id,
    path: ctgRoute.path,
    outletId: ctgOutletId,
    date: WED,
    from: "11:00",
    to: "11:15",
    outcome: "order",
    orderId: o5.id,
  });
  await workday(ctgRepId, WED, "08:00", "16:00");
  await applyPendingSalesChanges(db());
}, 180_000);
afterAll(() => t?.close());

const rowOf = (res: FieldAnalyticsResponse, key: string) =>
  must(
    res.rows.find((r) => r.key === key),
    `row ${key}`,
  );

/** The demo rep's week, worked out by hand. */
function repWeek(): Omit<FieldAnalyticsRow, "key" | "label" | "labelBn"> {
  return {
    kpis: {
      salesPoisha: sales.rep,
      orders: 3,
      visits: 3,
      productiveVisits: 2,
      strikeRateBp: 6667,
      // 1 + 1 + 2 lines over 2 productive visits.
      linesPerCallX100: 200,
      dropSizePoisha: Math.round(sales.rep / 3),
      // Tuesday and Thursday are beat days: every active outlet of the route, twice.
      plannedOutlets: 2 * outletsOnRoute,
      plannedVisited: 3,
      beatComplianceBp: Math.round((3 * 10_000) / (2 * outletsOnRoute)),
      outsideRadiusVisits: 1,
    },
    // OUT-1 and OUT-2 ordered (Saturday's cancelled memo does not count); nobody else on the route did in 2025.
    outlets: outletsOnRoute,
    outletsOrdered: 2,
    ecoBp: Math.round((2 * 10_000) / outletsOnRoute),
    minutesInOutlets: 20 + 10 + 30,
    workingMinutes: 540 + 240 + 180,
    productiveTimeBp: Math.round((60 * 10_000) / 960),
  };
}

describe("field analytics by rep", () => {
  it("gives the rep's week as worked out by hand", async () => {
    const res = await getFieldAnalytics(await ctxOf(t.orgA.usersByRole.manager), { from: FROM, to: TO, by: "rep" });
    expect(res.period).toMatchObject({ from: FROM, to: TO, days: 7 });
    expect(rowOf(res, rep())).toMatchObject(repWeek());
  });

  it("keeps a manager to their subtree: the Chattogram rep and memo are not in Dhaka's numbers", async () => {
    const res = await getFieldAnalytics(await ctxOf(t.orgA.usersByRole.manager), { from: FROM, to: TO, by: "rep" });
    expect(res.rows.some((r) => r.key === ctgRepId)).toBe(false);
    // Everyone else in Dhaka did nothing in 2025: the totals are the rep's, and ECO is over every Dhaka route.
    const week = repWeek();
    expect(res.totals.kpis).toEqual(week.kpis);
    expect(res.totals.minutesInOutlets).toBe(week.minutesInOutlets);
    expect(res.totals.workingMinutes).toBe(week.workingMinutes);
    expect(res.totals.outletsOrdered).toBe(2);
    expect(res.breadcrumb.map((b) => b.level)).toEqual(["region"]);
  });

  it("gives the whole org to an admin, both reps included", async () => {
    const res = await getFieldAnalytics(await ctxOf(t.orgA.usersByRole.admin), { from: FROM, to: TO, by: "rep" });
    expect(rowOf(res, rep())).toMatchObject(repWeek());
    expect(rowOf(res, ctgRepId)).toMatchObject({
      kpis: { salesPoisha: sales.ctg, orders: 1, visits: 1, productiveVisits: 1, strikeRateBp: 10_000 },
      outletsOrdered: 1,
      minutesInOutlets: 15,
      workingMinutes: 480,
      productiveTimeBp: Math.round((15 * 10_000) / 480),
    });
    expect(res.totals.kpis.salesPoisha).toBe(sales.rep + sales.ctg);
    expect(res.totals.kpis.visits).toBe(4);
    expect(res.totals.workingMinutes).toBe(960 + 480);
  });

  it("shows a distributor only its outlets' visits and its memos", async () => {
    const res = await getFieldAnalytics(await ctxOf(t.orgA.usersByRole.distributor), { from: FROM, to: TO, by: "rep" });
    expect(res.rows.map((r) => r.key)).toEqual([rep()]);
    const week = repWeek();
    expect(rowOf(res, rep())).toMatchObject({
      // Only OUT-1 and OUT-2 are the distributor's on the route: they are what the beat plans for it.
      kpis: { ...week.kpis, plannedOutlets: 4, plannedVisited: 3, beatComplianceBp: 7500 },
      outlets: 2,
      outletsOrdered: 2,
      ecoBp: 10_000,
      minutesInOutlets: 60,
      // Only days with visits at its outlets are its: Tuesday and Thursday.
      workingMinutes: 540 + 240,
    });
    await expect(
      getFieldAnalytics(await ctxOf(t.orgA.usersByRole.distributor), {
        from: FROM,
        to: TO,
        by: "rep",
        distributorId: f.otherDistributorId,
      }),
    ).rejects.toMatchObject({ code: "analytics.distributor_not_found" });
  });

  it("agrees with the managers' live view of the same day", async () => {
    const manager = await ctxOf(t.orgA.usersByRole.manager);
    for (const date of [TUE, THU, FRI]) {
      const live = await fieldLive(manager, { date });
      const liveRep = must(
        live.reps.find((r) => r.userId === rep()),
        "the rep in the live view",
      );
      const day = await getFieldAnalytics(manager, { from: date, to: date, by: "rep" });
      expect(rowOf(day, rep()).kpis, date).toEqual(liveRep.kpis);
    }
  });
});

describe("field analytics by territory", () => {
  it("breaks the nation into regions: Dhaka holds the rep's week, Chattogram the other rep's day", async () => {
    const res = await getFieldAnalytics(await ctxOf(t.orgA.usersByRole.admin), { from: FROM, to: TO, by: "territory" });
    const dha = rowOf(res, must(t.orgA.territoryIdByCode.get("DHA"), "DHA"));
    const week = repWeek();
    expect(dha.kpis).toEqual(week.kpis);
    expect(dha).toMatchObject({ minutesInOutlets: 60, workingMinutes: 960, outletsOrdered: 2 });
    const cha = rowOf(res, must(t.orgA.territoryIdByCode.get("CHA"), "CHA"));
    expect(cha).toMatchObject({
      kpis: { salesPoisha: sales.ctg, visits: 1, orders: 1 },
      minutesInOutlets: 15,
      workingMinutes: 480,
      outletsOrdered: 1,
    });
    const sum = (pick: (r: FieldAnalyticsRow) => number) => res.rows.reduce((s, r) => s + pick(r), 0);
    expect(sum((r) => r.kpis.salesPoisha)).toBe(res.totals.kpis.salesPoisha);
    expect(sum((r) => r.outlets)).toBe(res.totals.outlets);
    expect(sum((r) => r.workingMinutes)).toBe(res.totals.workingMinutes);
    expect(res.totals.kpis.plannedOutlets).toBe(sum((r) => r.kpis.plannedOutlets));
  });

  it("breaks a manager's region into its areas, the rep's area holding all of it", async () => {
    const res = await getFieldAnalytics(await ctxOf(t.orgA.usersByRole.manager), {
      from: FROM,
      to: TO,
      by: "territory",
    });
    const areaId = must(route.path.split("/").filter(Boolean)[2], "area id");
    const area = rowOf(res, areaId);
    expect(area).toMatchObject({ ...repWeek(), outlets: area.outlets, ecoBp: area.ecoBp });
    for (const r of res.rows.filter((x) => x.key !== areaId)) expect(r.kpis.visits + r.workingMinutes).toBe(0);
    expect(res.rows.every((r) => r.key !== must(t.orgA.territoryIdByCode.get("CHA"), "CHA"))).toBe(true);
  });

  it("refuses a territory outside the caller's subtree", async () => {
    await expect(
      getFieldAnalytics(await ctxOf(t.orgA.usersByRole.manager), {
        from: FROM,
        to: TO,
        by: "territory",
        territoryId: must(t.orgA.territoryIdByCode.get("CHA"), "CHA"),
      }),
    ).rejects.toMatchObject({ code: "territory.not_found" });
  });
});

describe("field report", () => {
  it("is the dashboard's rows and totals, labelled in the reader's language", async () => {
    const ctx = await ctxOf(t.orgA.usersByRole.manager, "bn");
    const res = await getFieldAnalytics(ctx, { from: FROM, to: TO, by: "rep" });
    const { table, summary } = await fieldReport(ctx, { from: FROM, to: TO, by: "rep" });
    expect(table.locale).toBe("bn");
    expect(table.title).toMatch(/^মাঠকর্মী, প্রতিনিধি অনুযায়ী/);
    expect(table.rows).toHaveLength(res.rows.length);
    expect(table.totals).toMatchObject({
      name: "মোট",
      salesPoisha: res.totals.kpis.salesPoisha,
      visits: 3,
      strikeRateBp: 6667,
      linesPerCall: 2,
      workingMinutes: 960,
    });
    expect(table.columns.find((c) => c.key === "salesPoisha")).toMatchObject({ kind: "money", label: "বিক্রি" });
    expect(summary[1]).toContain("৩");
  });
});
