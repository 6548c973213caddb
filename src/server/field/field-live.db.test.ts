// The managers' live view and the rep's own figures: a rep's Friday (the demo walks no beats on Fridays, so the
// day holds only what this test does) synced through the field app's API, then read back per rep, per visit and
// in total; scope (another territory's manager, a rep, another org); and the rep's month agreeing with the days.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FieldKpis, FieldLiveResponse, FieldPerformanceResponse } from "../../shared/contracts/field.ts";
import { businessDate } from "../../shared/format.ts";
import { newId } from "../../shared/ids.ts";
import { must } from "../testing/assertions.ts";
import { createSalesFixture, type SalesFixture } from "../testing/sales-fixture.ts";
import { type Caller, createTestApp, ORG_A_DOMAIN, ORG_B_DOMAIN, signIn, type TestApp } from "../testing/test-app.ts";
import { weekdayOf } from "./field-command-rules.ts";
import { datesFrom, monthStartOf } from "./field-kpis.ts";

let t: TestApp;
let f: SalesFixture;
let admin: Caller;
let manager: Caller; // Dhaka division: the rep's territory is inside it
let ctgManager: Caller; // Chattogram division
let rep: Caller;
let repTerritoryId: string;
let plannedOutlets: number;
let visitOrderNumber: string;

const db = () => t.database.handle.db;
const today = businessDate();
/** The last Friday before today: within the month the sync accepts, and without demo beats. */
const friday = (() => {
  let d = today;
  do d = new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  while (weekdayOf(d) !== 5);
  return d;
})();
const at = (hhmm: string) => new Date(`${friday}T${hhmm}:00+06:00`).toISOString();
const OUT_1 = { lat: 23.99, lng: 90.42 };
const OUT_2 = { lat: 23.995, lng: 90.425 };

async function live(caller: Caller, query: string): Promise<FieldLiveResponse> {
  const res = await caller.request("GET", `/api/v1/field/live?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const repOf = (view: FieldLiveResponse) => view.reps.find((r) => r.userId === t.orgA.usersByRole.rep);

beforeAll(async () => {
  t = await createTestApp();
  f = await createSalesFixture(db(), t.orgA);
  admin = await signIn(t.app, `admin@${ORG_A_DOMAIN}`);
  manager = await signIn(t.app, `manager@${ORG_A_DOMAIN}`);
  rep = await signIn(t.app, `rep@${ORG_A_DOMAIN}`);
  const ctg = await admin.request("POST", "/api/v1/users", {
    email: `ctg.live@${ORG_A_DOMAIN}`,
    name: "Chattogram Manager",
    role: "manager",
    territoryId: must(t.orgA.territoryIdByCode.get("CHA"), "CHA"),
    password: "field-password-1",
  });
  expect(ctg.statusCode, ctg.body).toBe(201);
  ctgManager = await signIn(t.app, `ctg.live@${ORG_A_DOMAIN}`, "field-password-1");

  const orgId = t.orgA.orgId;
  const repUser = await db()
    .selectFrom("users")
    .select("territory_id")
    .where("org_id", "=", orgId)
    .where("id", "=", t.orgA.usersByRole.rep)
    .executeTakeFirstOrThrow();
  repTerritoryId = must(repUser.territory_id, "the rep's territory");
  // The rep's beats are walked on Fridays too, in this test: every active outlet on them is planned that day.
  const routes = await db()
    .selectFrom("route_assignments")
    .select("route_id")
    .distinct()
    .where("org_id", "=", orgId)
    .where("rep_user_id", "=", t.orgA.usersByRole.rep)
    .execute();
  await db()
    .insertInto("beat_days")
    .values(routes.map((r) => ({ org_id: orgId, route_id: r.route_id, weekday: 5 })))
    .onConflict((c) => c.doNothing())
    .execute();
  const planned = await db()
    .selectFrom("outlets")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("org_id", "=", orgId)
    .where(
      "route_id",
      "in",
      routes.map((r) => r.route_id),
    )
    .where("status", "=", "active")
    .executeTakeFirstOrThrow();
  plannedOutlets = Number(planned.n);
  for (const [id, point] of [
    [f.outletId, OUT_1],
    [f.secondOutletId, OUT_2],
  ] as const)
    await db().updateTable("outlets").set(point).where("org_id", "=", orgId).where("id", "=", id).execute();
  const fridayOrders = await db()
    .selectFrom("secondary_orders")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("org_id", "=", orgId)
    .where("order_date", "=", friday)
    .executeTakeFirstOrThrow();
  expect(Number(fridayOrders.n), "the demo sells nothing on Fridays").toBe(0);

  // The rep's Friday: an order on a visit at OUT-1, a closed shop at OUT-2 checked in a kilometre away, and an
  // order for OUT-2 taken later without a visit.
  const v1 = newId();
  const v2 = newId();
  const cmd = (kind: string, when: string, payload: Record<string, unknown>) => ({
    id: newId(),
    kind,
    at: at(when),
    payload,
  });
  const res = await rep.request("POST", "/api/v1/field/sync", {
    commands: [
      cmd("day.start", "09:00", { gps: null }),
      cmd("visit.check_in", "09:30", { visitId: v1, outletId: f.outletId, gps: OUT_1 }),
      cmd("order.place", "09:40", {
        orderId: newId(),
        visitId: v1,
        outletId: f.outletId,
        lines: [
          { skuId: f.soapId, qty: 1, unit: "case" },
          { skuId: f.biscuitId, qty: 10, unit: "piece" },
        ],
      }),
      cmd("visit.check_out", "09:50", { visitId: v1, outcome: "order" }),
      cmd("visit.check_in", "10:10", { visitId: v2, outletId: f.secondOutletId, gps: { lat: 24.005, lng: 90.425 } }),
      cmd("visit.check_out", "10:25", { visitId: v2, outcome: "no_order", noOrderReason: "shop_closed" }),
      cmd("day.end", "17:00", { gps: null }),
    ],
  });
  expect(res.statusCode, res.body).toBe(200);
  const results = res.json().results as { status: string; error: unknown; data: Record<string, unknown> }[];
  for (const r of results) expect(r.status, JSON.stringify(r.error)).toBe("applied");
  visitOrderNumber = String(results[2]?.data.number);
  const later = await rep.request("POST", "/api/v1/secondary-orders", {
    outletId: f.secondOutletId,
    orderDate: friday,
    lines: [{ skuId: f.biscuitId, qty: 5 }],
    confirm: true,
  });
  expect(later.statusCode, later.body).toBe(201);
});
afterAll(() => t.close());

describe("field live view", () => {
  it("shows the rep's day: attendance, last seen and the figures worked out by hand", async () => {
    const view = await live(manager, `date=${friday}`);
    expect(view.date).toBe(friday);
    const r = repOf(view);
    expect(r).toBeDefined();
    expect(r?.dayStartedAt).toBe(at("09:00"));
    expect(r?.dayEndedAt).toBe(at("17:00"));
    expect(r?.lastSeenAt).toBe(at("17:00"));
    // OUT-1: 24 soaps at 4050 + 15 % VAT = 111,780, 10 biscuits at 900 = 9,000; OUT-2: 5 biscuits = 4,500.
    // 2 visits, 1 productive; 3 lines over 1 productive visit; both visited outlets were planned.
    expect(r?.kpis).toEqual({
      salesPoisha: 125_280,
      orders: 2,
      visits: 2,
      productiveVisits: 1,
      strikeRateBp: 5000,
      linesPerCallX100: 300,
      dropSizePoisha: 62_640,
      plannedOutlets,
      plannedVisited: 2,
      beatComplianceBp: Math.round((2 * 10_000) / plannedOutlets),
      outsideRadiusVisits: 1,
    } satisfies FieldKpis);
    // Nobody else worked that Friday: the totals are the rep's.
    expect(view.totals).toEqual(r?.kpis);
    for (const other of view.reps.filter((x) => x.userId !== t.orgA.usersByRole.rep)) {
      expect(other.kpis.visits).toBe(0);
      expect(other.lastSeenAt).toBeNull();
    }
  });

  it("lists every visit of the day, newest first, with outlet, order and reason", async () => {
    const view = await live(manager, `date=${friday}`);
    expect(view.visits).toHaveLength(2);
    const [closed, sold] = view.visits;
    expect(sold).toMatchObject({
      repUserId: t.orgA.usersByRole.rep,
      outletId: f.outletId,
      outletName: "Mudi Dokan",
      outletNameBn: "মুদি দোকান",
      planned: true,
      checkedInAt: at("09:30"),
      checkedOutAt: at("09:50"),
      minutesSpent: 20,
      lat: OUT_1.lat,
      lng: OUT_1.lng,
      distanceM: 0,
      outsideRadius: false,
      outcome: "order",
      noOrderReason: null,
      orderNumber: visitOrderNumber,
      orderTotalPoisha: 120_780,
    });
    expect(sold?.repName).not.toBe("");
    expect(closed).toMatchObject({
      outletId: f.secondOutletId,
      outletName: "Rahman Store",
      minutesSpent: 15,
      outsideRadius: true,
      outcome: "no_order",
      noOrderReason: "shop_closed",
      orderNumber: null,
      orderTotalPoisha: null,
    });
    // 0.01° of latitude from OUT-2's point: about 1.1 km.
    expect(closed?.distanceM).toBeGreaterThan(1000);
    expect(closed?.distanceM).toBeLessThan(1200);
  });

  it("narrows to a territory inside the caller's, and refuses one outside it as not found", async () => {
    const narrowed = await live(manager, `date=${friday}&territoryId=${repTerritoryId}`);
    expect(repOf(narrowed)?.kpis.salesPoisha).toBe(125_280);
    expect(narrowed.visits).toHaveLength(2);
    expect(narrowed.reps.length).toBeLessThanOrEqual((await live(manager, `date=${friday}`)).reps.length);
    const cha = must(t.orgA.territoryIdByCode.get("CHA"), "CHA");
    expect((await manager.request("GET", `/api/v1/field/live?date=${friday}&territoryId=${cha}`)).statusCode).toBe(404);
    expect((await manager.request("GET", `/api/v1/field/live?territoryId=${newId()}`)).statusCode).toBe(404);
    // The admin sees the whole org, and any territory in it.
    expect(repOf(await live(admin, `date=${friday}&territoryId=${cha}`))).toBeUndefined();
    expect(repOf(await live(admin, `date=${friday}`))?.kpis.visits).toBe(2);
  });

  it("counts a sync as being seen, on the day the phone sent it", async () => {
    // The Friday's commands reached the server today: today the rep was last seen then, though nothing was visited.
    const sent = await db()
      .selectFrom("field_commands")
      .select((eb) => eb.fn.max("received_at").as("at"))
      .where("org_id", "=", t.orgA.orgId)
      .where("user_id", "=", t.orgA.usersByRole.rep)
      .executeTakeFirstOrThrow();
    const r = repOf(await live(manager, `date=${today}`));
    expect(r?.lastSeenAt).toBe(new Date(sent.at as Date).toISOString());
    expect(r?.kpis.visits).toBe(0);
  });

  it("answers for any date, however far", async () => {
    for (const date of ["0001-01-01", "9999-12-31"]) {
      const view = await live(admin, `date=${date}`);
      expect(view.visits).toEqual([]);
      expect(view.totals.salesPoisha).toBe(0);
    }
  });

  it("shows another territory's manager none of it", async () => {
    const view = await live(ctgManager, `date=${friday}`);
    expect(repOf(view)).toBeUndefined();
    expect(view.visits).toEqual([]);
    expect(view.totals.visits).toBe(0);
    expect(view.totals.salesPoisha).toBe(0);
    const res = await ctgManager.request("GET", `/api/v1/field/live?date=${friday}&territoryId=${repTerritoryId}`);
    expect(res.statusCode).toBe(404);
  });

  it("is for managers: a rep and a distributor are refused, another org sees nothing of this one", async () => {
    expect((await rep.request("GET", "/api/v1/field/live")).statusCode).toBe(403);
    const distributor = await signIn(t.app, `distributor@${ORG_A_DOMAIN}`);
    expect((await distributor.request("GET", "/api/v1/field/live")).statusCode).toBe(403);
    const otherOrg = await signIn(t.app, `admin@${ORG_B_DOMAIN}`);
    const view = await live(otherOrg, `date=${friday}`);
    expect(view.visits).toEqual([]);
    expect(view.reps.some((r) => r.userId === t.orgA.usersByRole.rep)).toBe(false);
    expect(
      (await otherOrg.request("GET", `/api/v1/field/live?date=${friday}&territoryId=${repTerritoryId}`)).statusCode,
    ).toBe(404);
  });
});

describe("the rep's performance", () => {
  it("adds up to the live view of each day of the month so far", async () => {
    const res = await rep.request("GET", "/api/v1/field/performance");
    expect(res.statusCode, res.body).toBe(200);
    const perf = res.json() as FieldPerformanceResponse;
    expect(perf.monthStart).toBe(monthStartOf(today));
    expect(perf.target).toBeNull();
    expect(perf.today).toEqual(repOf(await live(admin, `date=${today}`))?.kpis);
    const sum = { salesPoisha: 0, orders: 0, visits: 0, productiveVisits: 0, plannedOutlets: 0, plannedVisited: 0 };
    for (const date of datesFrom(perf.monthStart, today)) {
      const k = repOf(await live(admin, `date=${date}`))?.kpis;
      for (const key of Object.keys(sum) as (keyof typeof sum)[]) sum[key] += k?.[key] ?? 0;
    }
    expect(perf.month).toMatchObject(sum);
    expect(perf.month.orders).toBeGreaterThanOrEqual(perf.today.orders);
    if (friday >= perf.monthStart) expect(perf.month.visits).toBe(2);
  });

  it("is the field app's: a distributor is refused", async () => {
    const distributor = await signIn(t.app, `distributor@${ORG_A_DOMAIN}`);
    expect((await distributor.request("GET", "/api/v1/field/performance")).statusCode).toBe(403);
  });
});
