// The field app's sync end to end: a rep's day as a batch of commands, each applied once however often it is
// sent (also concurrently), a stock conflict in the middle of a batch, warnings (prices changed, far from the
// outlet, outlet not on the rep's routes), scope (a rep syncs only for their own territory; another org's ids
// are its own), outlet onboarding with a photo through the managers' queue, and the field rules.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { businessDate } from "../../shared/format.ts";
import { newId } from "../../shared/ids.ts";
import { createOutlet } from "../network/network-test-fixtures.ts";
import { errorCode, hasBengali, must } from "../testing/assertions.ts";
import { createSalesFixture, type SalesFixture } from "../testing/sales-fixture.ts";
import { type Caller, createTestApp, ORG_A_DOMAIN, ORG_B_DOMAIN, signIn, type TestApp } from "../testing/test-app.ts";
import { weekdayOf } from "./field-command-rules.ts";

/** A real 1×1 grey baseline JPEG (141 bytes, made with libjpeg): what the phone uploads, only smaller. */
const TINY_JPEG = Buffer.from(
  "ffd8ffdb004300100b0c0e0c0a100e0d0e1211101318281a181616183123251d283a333d3c3933383740485c4e404457453738506d51575f626768673e4d71797064785c656763ffc0000b080001000101011100ffc40014000100000000000000000000000000000000ffc40014100100000000000000000000000000000000ffda0008010100003f003fffd9",
  "hex",
);

interface Result {
  id: string;
  kind: string;
  status: "applied" | "rejected";
  replayed: boolean;
  error: { code: string; message: string; details?: Record<string, unknown> } | null;
  warnings: { code: string; message: string; details?: Record<string, unknown> }[];
  data: Record<string, unknown>;
}
interface Command {
  id: string;
  kind: string;
  at: string;
  payload: Record<string, unknown>;
}

let t: TestApp;
let f: SalesFixture;
let admin: Caller;
let rep: Caller;
let manager: Caller; // Dhaka division: the rep's territory is inside it
let ctgManager: Caller; // Chattogram division
let repB: Caller;
let routeId: string;
let thirdOutletId: string;
/** In the rep's territory, on a route the rep does not walk. */
let strayOutletId: string;
let strayRoute: string;
const SHOP = { lat: 23.99, lng: 90.42 };
const db = () => t.database.handle.db;

/** A device time `minutes` ago (negative: ahead of now). */
const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
/**
 * Device times five seconds apart, in the order the rep did things: from half an hour ago, but never before
 * today's start in Dhaka, so that every command of the file falls on today's business date.
 */
const firstAt = Math.max(Date.now() - 30 * 60_000, Date.parse(`${businessDate()}T00:00:00+06:00`) + 1000);
let clock = 0;
const nextAt = () => new Date(firstAt + clock++ * 5000).toISOString();
const later = (at: string, minutes: number) => new Date(Date.parse(at) + minutes * 60_000).toISOString();
const cmd = (kind: string, payload: Record<string, unknown>, at = nextAt()): Command => ({
  id: newId(),
  kind,
  at,
  payload,
});

async function sync(caller: Caller, commands: Command[]): Promise<Result[]> {
  const res = await caller.request("POST", "/api/v1/field/sync", { commands });
  expect(res.statusCode, res.body).toBe(200);
  const results = res.json().results as Result[];
  expect(results.map((r) => r.id)).toEqual(commands.map((c) => c.id));
  return results;
}

async function count(table: "visits" | "secondary_orders" | "outlet_stock_audits" | "payments", outletId: string) {
  const row = await db()
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("org_id", "=", t.orgA.orgId)
    .where("outlet_id", "=", outletId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function newRoute(parentId: string, code: string) {
  const res = await admin.request("POST", "/api/v1/territories", {
    parentId,
    level: "route",
    code,
    name: `${code} beat`,
    nameBn: "বিট",
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

beforeAll(async () => {
  t = await createTestApp();
  f = await createSalesFixture(db(), t.orgA);
  admin = await signIn(t.app, `admin@${ORG_A_DOMAIN}`);
  rep = await signIn(t.app, `rep@${ORG_A_DOMAIN}`);
  manager = await signIn(t.app, `manager@${ORG_A_DOMAIN}`);
  repB = await signIn(t.app, `rep@${ORG_B_DOMAIN}`);
  const ctg = await admin.request("POST", "/api/v1/users", {
    email: `ctg.manager@${ORG_A_DOMAIN}`,
    name: "Chattogram Manager",
    role: "manager",
    territoryId: must(t.orgA.territoryIdByCode.get("CHA"), "CHA"),
    password: "field-password-1",
  });
  expect(ctg.statusCode, ctg.body).toBe(201);
  ctgManager = await signIn(t.app, `ctg.manager@${ORG_A_DOMAIN}`, "field-password-1");

  const outlet = await db()
    .selectFrom("outlets")
    .select("route_id")
    .where("org_id", "=", t.orgA.orgId)
    .where("id", "=", f.outletId)
    .executeTakeFirstOrThrow();
  routeId = must(outlet.route_id, "the fixture outlet's route");
  // The demo gives every beat one weekday; here the rep's beat is walked today, whatever day the test runs.
  await db().deleteFrom("beat_days").where("org_id", "=", t.orgA.orgId).where("route_id", "=", routeId).execute();
  await db()
    .insertInto("beat_days")
    .values({ org_id: t.orgA.orgId, route_id: routeId, weekday: weekdayOf(businessDate()) })
    .execute();
  for (const id of [f.outletId, f.secondOutletId]) {
    const res = await admin.request("PATCH", `/api/v1/outlets/${id}`, SHOP);
    expect(res.statusCode, res.body).toBe(200);
  }
  thirdOutletId = (await createOutlet(admin, routeId, f.distributorId, SHOP)).id;
  const repTerritory = await db()
    .selectFrom("territories")
    .select("parent_id")
    .where("org_id", "=", t.orgA.orgId)
    .where("id", "=", routeId)
    .executeTakeFirstOrThrow();
  strayRoute = await newRoute(must(repTerritory.parent_id, "the rep's territory"), "FS-STRAY");
  strayOutletId = (await createOutlet(admin, strayRoute, f.distributorId, SHOP)).id;
});
afterAll(() => t.close());

describe("the fixture", () => {
  it("has the rep walking the route of the fixture's outlets", async () => {
    const walked = await db()
      .selectFrom("route_assignments")
      .select("rep_user_id")
      .where("org_id", "=", t.orgA.orgId)
      .where("route_id", "=", routeId)
      .orderBy("effective_from", "desc")
      .executeTakeFirstOrThrow();
    expect(walked.rep_user_id).toBe(t.orgA.usersByRole.rep);
  });
});

describe("a rep's day, synced once however often it is sent", () => {
  const orderIds = [newId(), newId()];
  const visitIds = [newId(), newId(), newId()];
  let batch: Command[];

  it("applies a day: start, three calls, two orders and a no-order, check-outs", async () => {
    const outlets = [f.outletId, f.secondOutletId, thirdOutletId];
    const firstCall = cmd("visit.check_in", { visitId: visitIds[0], outletId: outlets[0], gps: SHOP });
    batch = [
      cmd("day.start", { gps: { ...SHOP, accuracyM: 8.4 } }),
      firstCall,
      cmd("order.place", {
        orderId: orderIds[0],
        visitId: visitIds[0],
        outletId: outlets[0],
        lines: [{ skuId: f.soapId, qty: 2 }],
        // soap: 2 x 4050 + 15 % VAT = 9315, as the phone showed it
        expectedTotalPoisha: 9315,
      }),
      cmd("visit.check_out", { visitId: visitIds[0], outcome: "order" }, later(firstCall.at, 2)),
      cmd("visit.check_in", { visitId: visitIds[1], outletId: outlets[1], gps: SHOP }),
      cmd("order.place", {
        orderId: orderIds[1],
        visitId: visitIds[1],
        outletId: outlets[1],
        lines: [{ skuId: f.biscuitId, qty: 5 }],
      }),
      cmd("visit.check_out", { visitId: visitIds[1], outcome: "order" }),
      cmd("visit.check_in", { visitId: visitIds[2], outletId: outlets[2], gps: null }),
      cmd("visit.check_out", { visitId: visitIds[2], outcome: "no_order", noOrderReason: "shop_closed", note: "Eid" }),
    ];
    const results = await sync(rep, batch);
    expect(results.map((r) => [r.kind, r.status, r.replayed, r.error?.code ?? null])).toEqual(
      batch.map((c) => [c.kind, "applied", false, null]),
    );
    expect(results.every((r) => r.warnings.length === 0)).toBe(true);
    const [, checkIn, order, checkOut, , , , blindCheckIn] = results;
    expect(checkIn?.data).toEqual({ visitId: visitIds[0], distanceM: 0, outsideRadius: false, planned: true });
    expect(blindCheckIn?.data).toMatchObject({ distanceM: null, outsideRadius: false, planned: true });
    expect(order?.data).toMatchObject({ orderId: orderIds[0], totalPoisha: 9315, status: "confirmed" });
    expect(order?.data.number).toMatch(/^SO-\d{7}$/);
    expect(checkOut?.data.minutesSpent).toBe(2);

    const visits = await db()
      .selectFrom("visits")
      .selectAll()
      .where("org_id", "=", t.orgA.orgId)
      .where("id", "in", visitIds)
      .orderBy("checked_in_at")
      .execute();
    expect(visits.map((v) => [v.outcome, v.order_id, v.no_order_reason, v.route_id, v.planned])).toEqual([
      ["order", orderIds[0], null, routeId, true],
      ["order", orderIds[1], null, routeId, true],
      ["no_order", null, "shop_closed", routeId, true],
    ]);
    expect(visits.every((v) => v.user_id === t.orgA.usersByRole.rep && v.checked_out_at !== null)).toBe(true);
    expect(visits[0]?.visit_date).toBe(businessDate(new Date(must(batch[1], "check-in").at)));
    const orders = await db()
      .selectFrom("secondary_orders")
      .select(["status", "source", "rep_user_id", "order_date"])
      .where("org_id", "=", t.orgA.orgId)
      .where("id", "in", orderIds)
      .execute();
    expect(orders).toHaveLength(2);
    expect(orders.every((o) => o.status === "confirmed" && o.source === "rep")).toBe(true);
    const day = await db()
      .selectFrom("attendance_days")
      .selectAll()
      .where("org_id", "=", t.orgA.orgId)
      .where("user_id", "=", t.orgA.usersByRole.rep)
      .executeTakeFirstOrThrow();
    expect(day).toMatchObject({ start_lat: SHOP.lat, start_lng: SHOP.lng, start_accuracy_m: 8, ended_at: null });
    // Every applied command left its audit row.
    const audited = await db()
      .selectFrom("audit_log")
      .select(["entity", "action"])
      .where("org_id", "=", t.orgA.orgId)
      .where("entity_id", "in", [...visitIds, ...orderIds, day.id])
      .execute();
    const tally = (entity: string, action: string) =>
      audited.filter((a) => a.entity === entity && a.action === action).length;
    expect([tally("visit", "check_in"), tally("visit", "check_out"), tally("visit", "link_order")]).toEqual([3, 3, 2]);
    expect([tally("secondary_order", "create"), tally("attendance_day", "start_day")]).toEqual([2, 1]);
  });

  it("answers the same batch again, three times in a row and three at once, with its first results", async () => {
    const first = await sync(rep, batch);
    const again = [first, await sync(rep, batch), await sync(rep, batch)];
    const together = await Promise.all([sync(rep, batch), sync(rep, batch), sync(rep, batch)]);
    for (const results of [...again, ...together]) {
      expect(results.every((r) => r.replayed && r.status === "applied")).toBe(true);
      expect(results[2]?.data).toMatchObject({ orderId: orderIds[0], totalPoisha: 9315 });
    }
    expect(await count("secondary_orders", f.outletId)).toBe(1);
    expect(await count("secondary_orders", f.secondOutletId)).toBe(1);
    const visits = await db()
      .selectFrom("visits")
      .select("id")
      .where("org_id", "=", t.orgA.orgId)
      .where("user_id", "=", t.orgA.usersByRole.rep)
      .execute();
    expect(visits).toHaveLength(3);
  });

  it("applies a new batch sent three times at once exactly once", async () => {
    const visitId = newId();
    const orderId = newId();
    const fresh = [
      cmd("visit.check_in", { visitId, outletId: thirdOutletId, gps: SHOP }),
      cmd("order.place", { orderId, visitId, outletId: thirdOutletId, lines: [{ skuId: f.biscuitId, qty: 3 }] }),
      cmd("visit.check_out", { visitId, outcome: "order" }),
    ];
    const answers = await Promise.all([sync(rep, fresh), sync(rep, fresh), sync(rep, fresh)]);
    for (const [i] of fresh.entries()) {
      const forCommand = answers.map((results) => must(results[i], "result"));
      expect(forCommand.every((r) => r.status === "applied")).toBe(true);
      expect(forCommand.filter((r) => !r.replayed)).toHaveLength(1);
    }
    expect(await count("secondary_orders", thirdOutletId)).toBe(1);
    expect(await count("visits", thirdOutletId)).toBe(2);
    const reserved = await db()
      .selectFrom("stock_balances")
      .select("reserved")
      .where("org_id", "=", t.orgA.orgId)
      .where("distributor_id", "=", f.distributorId)
      .where("sku_id", "=", f.biscuitId)
      .executeTakeFirstOrThrow();
    expect(reserved.reserved).toBe(5 + 3);
  });

  it("refuses what cannot be: a second check-out, an end without a start, a wrong clock, an unknown reason", async () => {
    const lastVisit = must(visitIds[0], "visit");
    const results = await sync(rep, [
      cmd("visit.check_out", { visitId: lastVisit, outcome: "order" }),
      cmd("day.end", { gps: null }, ago(3 * 24 * 60)),
      cmd("day.start", { gps: null }, ago(-20)),
      cmd("day.start", { gps: null }, ago(40 * 24 * 60)),
      cmd("visit.check_in", { visitId: newId(), outletId: f.outletId, gps: SHOP }),
      cmd("day.start", { gps: null }),
    ]);
    expect(results.map((r) => [r.status, r.error?.code ?? null])).toEqual([
      ["rejected", "field.visit_closed"],
      ["rejected", "field.day_not_started"],
      ["rejected", "field.time_in_future"],
      ["rejected", "field.time_too_old"],
      ["applied", null],
      ["applied", null],
    ]);
    // The rep's language (bn) for the message; the second start of a day changes nothing but says so.
    expect(hasBengali(results[0]?.error?.message)).toBe(true);
    expect(results[5]?.warnings.map((w) => w.code)).toEqual(["field.day_already_started"]);
    const openVisit = must(results[4], "check-in").data.visitId as string;
    const closed = await sync(rep, [
      cmd("visit.check_out", { visitId: openVisit, outcome: "no_order", noOrderReason: "not_a_reason" }),
      cmd("visit.check_out", { visitId: newId(), outcome: "no_order", noOrderReason: "shop_closed" }),
      cmd("visit.check_out", { visitId: openVisit, outcome: "no_order", noOrderReason: "owner_absent" }),
      cmd("day.end", { gps: SHOP }),
      cmd("day.end", { gps: SHOP }),
    ]);
    expect(closed.map((r) => [r.status, r.error?.code ?? null])).toEqual([
      ["rejected", "field.unknown_reason"],
      ["rejected", "field.visit_not_found"],
      ["applied", null],
      ["applied", null],
      ["applied", null],
    ]);
    expect(closed[4]?.warnings.map((w) => w.code)).toEqual(["field.day_already_ended"]);
    const day = await db()
      .selectFrom("attendance_days")
      .select(["ended_at", "end_lat"])
      .where("org_id", "=", t.orgA.orgId)
      .where("user_id", "=", t.orgA.usersByRole.rep)
      .where("work_date", "=", businessDate())
      .executeTakeFirstOrThrow();
    expect(day.end_lat).toBe(SHOP.lat);
    expect(day.ended_at).not.toBeNull();
  });
});

describe("conflicts and warnings", () => {
  it("rejects only the order that is short of stock: the rest of the batch applies, and its replay says the same", async () => {
    const visitId = newId();
    const short = cmd("order.place", {
      orderId: newId(),
      visitId,
      outletId: f.outletId,
      lines: [{ skuId: f.biscuitId, qty: 10_000 }],
    });
    const batch = [
      cmd("visit.check_in", { visitId, outletId: f.outletId, gps: SHOP }),
      cmd("order.place", { orderId: newId(), visitId, outletId: f.outletId, lines: [{ skuId: f.soapId, qty: 1 }] }),
      short,
      cmd("payment.collect", { paymentId: newId(), visitId, outletId: f.outletId, method: "cash", amountPoisha: 5000 }),
      cmd("stock_audit.record", {
        auditId: newId(),
        visitId,
        outletId: f.outletId,
        lines: [
          { skuId: f.soapId, qty: 0 },
          { skuId: f.biscuitId, qty: 12 },
        ],
      }),
      cmd("visit.check_out", { visitId, outcome: "order" }),
    ];
    const ordersBefore = await count("secondary_orders", f.outletId);
    const results = await sync(rep, batch);
    expect(results.map((r) => [r.kind, r.status])).toEqual([
      ["visit.check_in", "applied"],
      ["order.place", "applied"],
      ["order.place", "rejected"],
      ["payment.collect", "applied"],
      ["stock_audit.record", "applied"],
      ["visit.check_out", "applied"],
    ]);
    const conflict = must(results[2], "the short order");
    expect(conflict.error).toMatchObject({
      code: "stock.insufficient",
      details: { skuId: f.biscuitId, skuCode: "BISC-50", requested: 10_000 },
    });
    expect(conflict.error?.details?.available).toBe(240 - 8);
    expect(conflict.error?.message).toContain("BISC-50");
    expect(results[3]?.data).toMatchObject({ amountPoisha: 5000 });
    expect(results[3]?.data.number).toMatch(/^RCPT-\d+$/);
    expect(typeof results[3]?.data.duesAfterPoisha).toBe("number");
    const audit = must(batch[4], "the stock audit").payload as { auditId: string };
    expect(results[4]?.data).toEqual({ auditId: audit.auditId, outOfStock: 1 });
    expect(await count("secondary_orders", f.outletId)).toBe(ordersBefore + 1);

    const replay = await sync(rep, [short]);
    expect(replay[0]).toEqual({ ...conflict, replayed: true });
    expect(await count("secondary_orders", f.outletId)).toBe(ordersBefore + 1);

    // A new short order sent three times at once: one rejection, stored once, twice replayed.
    const again = cmd("order.place", {
      orderId: newId(),
      outletId: f.outletId,
      lines: [{ skuId: f.soapId, qty: 9999 }],
    });
    const answers = (await Promise.all([sync(rep, [again]), sync(rep, [again]), sync(rep, [again])])).flat();
    expect(answers.every((r) => r.status === "rejected" && r.error?.code === "stock.insufficient")).toBe(true);
    expect(answers.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await count("secondary_orders", f.outletId)).toBe(ordersBefore + 1);
  });

  it("refuses a record id the phone already used for another record", async () => {
    const paymentId = newId();
    const orderId = newId();
    const visitId = newId();
    const auditId = newId();
    const lines = [{ skuId: f.soapId, qty: 1 }];
    const twice = (c: () => Command) => [c(), c()];
    const results = await sync(rep, [
      ...twice(() => cmd("payment.collect", { paymentId, outletId: f.outletId, method: "cash", amountPoisha: 100 })),
      ...twice(() => cmd("order.place", { orderId, outletId: f.outletId, lines })),
      ...twice(() => cmd("visit.check_in", { visitId, outletId: f.outletId, gps: null })),
      ...twice(() =>
        cmd("stock_audit.record", { auditId, outletId: f.outletId, lines: [{ skuId: f.soapId, qty: 1 }] }),
      ),
    ]);
    expect(results.map((r) => [r.status, r.error?.code ?? null])).toEqual([
      ["applied", null],
      ["rejected", "payment.id_taken"],
      ["applied", null],
      ["rejected", "order.id_taken"],
      ["applied", null],
      ["rejected", "field.id_taken"],
      ["applied", null],
      ["rejected", "field.id_taken"],
    ]);
  });

  it("warns when prices changed since the phone synced, and files the order anyway", async () => {
    const [placed] = await sync(rep, [
      cmd("order.place", {
        orderId: newId(),
        outletId: f.secondOutletId,
        lines: [{ skuId: f.soapId, qty: 2 }],
        expectedTotalPoisha: 9000,
      }),
    ]);
    expect(placed?.status).toBe("applied");
    expect(placed?.warnings).toEqual([
      expect.objectContaining({ code: "field.price_changed", details: { expected: 9000, actual: 9315 } }),
    ]);
    expect(hasBengali(placed?.warnings[0]?.message)).toBe(true);
  });

  it("records the distance of a far check-in and flags it; an outlet off the rep's routes counts as unplanned", async () => {
    // 0.01° north of the shop: about 1.1 km, far beyond the default 100 m.
    const far = { lat: SHOP.lat + 0.01, lng: SHOP.lng, accuracyM: 12 };
    const [farIn, strayIn] = await sync(rep, [
      cmd("visit.check_in", { visitId: newId(), outletId: f.secondOutletId, gps: far }),
      cmd("visit.check_in", { visitId: newId(), outletId: strayOutletId, gps: SHOP }),
    ]);
    expect(farIn?.status).toBe("applied");
    expect(farIn?.data.outsideRadius).toBe(true);
    expect(farIn?.data.distanceM).toBeGreaterThan(1100);
    expect(farIn?.data.distanceM).toBeLessThan(1115);
    expect(farIn?.warnings.map((w) => [w.code, w.details?.radiusM])).toEqual([["field.far_from_outlet", 100]]);
    const stored = await db()
      .selectFrom("visits")
      .select(["distance_m", "outside_radius", "check_in_accuracy_m"])
      .where("org_id", "=", t.orgA.orgId)
      .where("id", "=", farIn?.data.visitId as string)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ distance_m: farIn?.data.distanceM, outside_radius: true, check_in_accuracy_m: 12 });
    expect(strayIn?.status).toBe("applied");
    expect(strayIn?.data).toMatchObject({ planned: false, outsideRadius: false });
    expect(strayIn?.warnings.map((w) => w.code)).toEqual(["field.outlet_moved"]);
    expect(strayIn?.warnings[0]?.message).toContain("FS-STRAY beat");
  });
});

describe("scope", () => {
  it("refuses a rep's work on an outlet outside their territory, and writes nothing", async () => {
    const visitId = newId();
    const results = await sync(rep, [
      cmd("visit.check_in", { visitId, outletId: f.farOutletId, gps: SHOP }),
      cmd("order.place", { orderId: newId(), outletId: f.farOutletId, lines: [{ skuId: f.soapId, qty: 1 }] }),
      cmd("stock_audit.record", { auditId: newId(), outletId: f.farOutletId, lines: [{ skuId: f.soapId, qty: 3 }] }),
      cmd("payment.collect", { paymentId: newId(), outletId: f.farOutletId, method: "cash", amountPoisha: 100 }),
      cmd("visit.check_out", { visitId, outcome: "no_order", noOrderReason: "shop_closed" }),
    ]);
    expect(results.map((r) => [r.status, r.error?.code])).toEqual([
      ["rejected", "field.outlet_not_found"],
      ["rejected", "order.outlet_not_found"],
      ["rejected", "field.outlet_not_found"],
      ["rejected", "order.outlet_not_found"],
      ["rejected", "field.visit_not_found"],
    ]);
    for (const table of ["visits", "secondary_orders", "outlet_stock_audits", "payments"] as const)
      expect(await count(table, f.farOutletId), table).toBe(0);
  });

  it("keeps a command id to its user, and an organisation's ids to itself", async () => {
    const [mine] = await sync(rep, [cmd("day.start", { gps: null })]);
    const taken = await sync(manager, [{ ...cmd("day.start", { gps: null }), id: must(mine, "result").id }]);
    expect(taken[0]).toMatchObject({ status: "rejected", replayed: false, error: { code: "field.command_id_taken" } });
    const stored = await db()
      .selectFrom("field_commands")
      .select(["user_id", "status"])
      .where("org_id", "=", t.orgA.orgId)
      .where("id", "=", must(mine, "result").id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ user_id: t.orgA.usersByRole.rep, status: "applied" });

    // The same id in org B is org B's own command: applied there for its rep, never org A's answer.
    const [inB] = await sync(repB, [{ ...cmd("day.start", { gps: null }), id: must(mine, "result").id }]);
    expect(inB).toMatchObject({ status: "applied", replayed: false });
    expect(inB?.warnings).toEqual([]);
    const dayB = await db()
      .selectFrom("attendance_days")
      .select("user_id")
      .where("org_id", "=", t.orgB.orgId)
      .executeTakeFirstOrThrow();
    expect(dayB.user_id).toBe(t.orgB.usersByRole.rep);
  });

  it("describes its operations in the API document, the photo as an image", async () => {
    const doc = (await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json();
    expect(Object.keys(doc.paths["/api/v1/field/sync"])).toEqual(["post"]);
    expect(doc.paths["/api/v1/field/onboarding"].get).toBeDefined();
    expect(doc.paths["/api/v1/field/onboarding/{outletId}/decision"].post).toBeDefined();
    const photo = doc.paths["/api/v1/field/outlet-photos/{id}"].get;
    expect(Object.keys(photo.responses["200"].content)).toEqual(["image/jpeg", "image/webp"]);
  });

  it("lets only field users sync, and refuses a batch that breaks the contract", async () => {
    expect(
      (await admin.request("POST", "/api/v1/field/sync", { commands: [cmd("day.start", { gps: null })] })).statusCode,
    ).toBe(403);
    const bad = await rep.request("POST", "/api/v1/field/sync", {
      commands: [{ ...cmd("day.start", { gps: null }), kind: "day.nap" }],
    });
    expect(bad.statusCode).toBe(400);
    expect(errorCode(bad)).toBe("request.invalid");
  });

  it("reorders the rep's beat, leaving out outlets that are not on it; another route is refused", async () => {
    const [reordered, refused] = await sync(rep, [
      cmd("beat.reorder", { routeId, outletIds: [thirdOutletId, f.farOutletId, f.outletId, f.secondOutletId] }),
      cmd("beat.reorder", { routeId: newId(), outletIds: [f.outletId] }),
    ]);
    expect(reordered?.data).toEqual({ routeId, positioned: 3, ignored: 1 });
    expect(refused?.error?.code).toBe("field.route_not_yours");
    const stops = await db()
      .selectFrom("beat_stops")
      .select("outlet_id")
      .where("org_id", "=", t.orgA.orgId)
      .where("route_id", "=", routeId)
      .orderBy("position")
      .execute();
    expect(stops.map((s) => s.outlet_id)).toEqual([thirdOutletId, f.outletId, f.secondOutletId]);
  });
});

describe("outlet onboarding", () => {
  const proposal = (extra: Record<string, unknown> = {}) =>
    cmd("outlet.propose", {
      outletId: newId(),
      name: "Notun Dokan",
      nameBn: "নতুন দোকান",
      ownerName: "Selim Mia",
      phone: "01712345678",
      channel: "grocery",
      routeId,
      gps: { lat: 23.991, lng: 90.421 },
      ...extra,
    });
  let proposed: string;
  let photoId: string;

  it("takes a proposal with a photo from the field as a pending outlet", async () => {
    const [result] = await sync(rep, [
      proposal({ photo: { contentType: "image/jpeg", base64: TINY_JPEG.toString("base64") } }),
    ]);
    expect(result?.status, JSON.stringify(result?.error)).toBe("applied");
    expect(result?.data).toMatchObject({ code: "NEW-000001", status: "pending" });
    proposed = result?.data.outletId as string;
    photoId = must((must(result, "result").data.photoIds as string[])[0], "photo id");
    const outlet = (await manager.request("GET", `/api/v1/outlets/${proposed}`)).json();
    expect(outlet).toMatchObject({ status: "pending", routeId, distributorId: null, phone: "+8801712345678" });
    expect([outlet.lat, outlet.lng]).toEqual([23.991, 90.421]);
  });

  it("refuses a photo that is not what it claims, and a route that is not the rep's", async () => {
    const [notJpeg, notMine] = await sync(rep, [
      proposal({ photo: { contentType: "image/jpeg", base64: Buffer.from("<svg/>").toString("base64") } }),
      proposal({ routeId: strayRoute }),
    ]);
    expect(notJpeg?.error?.code).toBe("field.bad_photo");
    expect(notMine?.error?.code).toBe("field.route_not_yours");
  });

  it("shows the proposal and its photo to the managers of its territory only", async () => {
    const queue = await manager.request("GET", "/api/v1/field/onboarding");
    expect(queue.statusCode, queue.body).toBe(200);
    const item = queue.json().items.find((i: { outletId: string }) => i.outletId === proposed);
    expect(item).toMatchObject({
      code: "NEW-000001",
      status: "pending",
      routeId,
      requestedById: t.orgA.usersByRole.rep,
      photoIds: [photoId],
      decidedAt: null,
    });
    const elsewhere = await ctgManager.request("GET", "/api/v1/field/onboarding");
    expect(elsewhere.statusCode).toBe(200);
    expect(elsewhere.json().items).toEqual([]);
    const decided = await ctgManager.request("POST", `/api/v1/field/onboarding/${proposed}/decision`, {
      decision: "approve",
    });
    expect(decided.statusCode).toBe(404);
    expect(errorCode(decided)).toBe("field.onboarding_not_found");
    expect((await rep.request("GET", "/api/v1/field/onboarding")).statusCode).toBe(403);

    const photo = await manager.request("GET", `/api/v1/field/outlet-photos/${photoId}`);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers["content-type"]).toBe("image/jpeg");
    expect(photo.rawPayload.equals(TINY_JPEG)).toBe(true);
    expect(photo.headers["cache-control"]).toBe("no-store");
    expect((await ctgManager.request("GET", `/api/v1/field/outlet-photos/${photoId}`)).statusCode).toBe(404);
    expect((await manager.request("GET", `/api/v1/field/outlet-photos/${newId()}`)).statusCode).toBe(404);
  });

  it("approves it: the outlet goes live with the chosen distributor; deciding again is a conflict", async () => {
    const res = await manager.request("POST", `/api/v1/field/onboarding/${proposed}/decision`, {
      decision: "approve",
      distributorId: f.distributorId,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: "approved", rejectReason: null });
    expect(res.json().decidedAt).not.toBeNull();
    const outlet = (await manager.request("GET", `/api/v1/outlets/${proposed}`)).json();
    expect(outlet).toMatchObject({ status: "active", distributorId: f.distributorId, routeId });
    expect(outlet.assignments).toEqual([
      expect.objectContaining({ distributorId: f.distributorId, routeId, effectiveFrom: businessDate() }),
    ]);
    const again = await manager.request("POST", `/api/v1/field/onboarding/${proposed}/decision`, {
      decision: "reject",
      reason: "Duplicate",
    });
    expect(again.statusCode).toBe(409);
    expect(errorCode(again)).toBe("field.onboarding_decided");
    // A live outlet takes orders from the field at once.
    const [order] = await sync(rep, [
      cmd("order.place", { orderId: newId(), outletId: proposed, lines: [{ skuId: f.soapId, qty: 1 }] }),
    ]);
    expect(order?.status, JSON.stringify(order?.error)).toBe("applied");
  });

  it("approves without a choice from the distributors covering the route, and refuses where none does", async () => {
    const [second] = await sync(rep, [proposal({ name: "Second Dokan" })]);
    const res = await manager.request("POST", `/api/v1/field/onboarding/${second?.data.outletId}/decision`, {
      decision: "approve",
    });
    expect(res.statusCode, res.body).toBe(200);
    const outlet = (await manager.request("GET", `/api/v1/outlets/${second?.data.outletId}`)).json();
    expect(outlet.status).toBe("active");
    expect(outlet.distributorId).not.toBeNull();

    // A new area of Dhaka that no distributor serves yet.
    const area = await admin.request("POST", "/api/v1/territories", {
      parentId: must(t.orgA.territoryIdByCode.get("DHA"), "DHA"),
      level: "area",
      code: "FS-AREA",
      name: "New area",
      nameBn: "নতুন এলাকা",
    });
    expect(area.statusCode, area.body).toBe(201);
    const territory = await admin.request("POST", "/api/v1/territories", {
      parentId: area.json().id,
      level: "territory",
      code: "FS-AREA-T",
      name: "New territory",
      nameBn: "নতুন টেরিটরি",
    });
    expect(territory.statusCode, territory.body).toBe(201);
    const lonelyRoute = await newRoute(territory.json().id, "FS-AREA-T-R");
    // A supervisor proposes on any route of their subtree.
    const [lonely] = await sync(manager, [proposal({ routeId: lonelyRoute })]);
    expect(lonely?.status, JSON.stringify(lonely?.error)).toBe("applied");
    const none = await manager.request("POST", `/api/v1/field/onboarding/${lonely?.data.outletId}/decision`, {
      decision: "approve",
    });
    expect(none.statusCode).toBe(422);
    expect(errorCode(none)).toBe("network.no_distributor_for_route");
    const notServing = await manager.request("POST", `/api/v1/field/onboarding/${lonely?.data.outletId}/decision`, {
      decision: "approve",
      distributorId: f.distributorId,
    });
    expect(notServing.statusCode).toBe(422);
    expect(errorCode(notServing)).toBe("network.distributor_not_serving_route");
  });

  it("rejects one with the reason kept; the outlet is archived", async () => {
    const [third] = await sync(rep, [proposal({ name: "Third Dokan" })]);
    const id = third?.data.outletId as string;
    const noReason = await manager.request("POST", `/api/v1/field/onboarding/${id}/decision`, { decision: "reject" });
    expect(noReason.statusCode).toBe(400);
    const res = await manager.request("POST", `/api/v1/field/onboarding/${id}/decision`, {
      decision: "reject",
      reason: "Already our outlet OUT-2",
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: "rejected", rejectReason: "Already our outlet OUT-2" });
    expect((await manager.request("GET", `/api/v1/outlets/${id}`)).json().status).toBe("archived");
    const rejected = (await manager.request("GET", "/api/v1/field/onboarding?status=rejected")).json().items;
    expect(rejected.map((i: { outletId: string }) => i.outletId)).toEqual([id]);
    const pending = (await manager.request("GET", "/api/v1/field/onboarding")).json().items;
    expect(pending.map((i: { outletId: string }) => i.outletId)).not.toContain(id);
    const audit = await db()
      .selectFrom("audit_log")
      .select("action")
      .where("org_id", "=", t.orgA.orgId)
      .where("entity", "=", "outlet_onboarding")
      .where("entity_id", "=", id)
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["create", "reject"]);
  });
});

describe("field settings", () => {
  it("start from the defaults", async () => {
    const res = await admin.request("GET", "/api/v1/field/settings");
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s.checkInRadiusM).toBe(100);
    expect(s.noOrderReasons.map((r: { code: string }) => r.code)).toEqual([
      "shop_closed",
      "owner_absent",
      "enough_stock",
      "no_cash",
      "price_or_scheme",
      "competitor",
      "other",
    ]);
    // The demo's must-sell list.
    expect(s.mustSellSkuIds).toHaveLength(8);
    expect((await manager.request("GET", "/api/v1/field/settings")).statusCode).toBe(200);
    expect((await rep.request("GET", "/api/v1/field/settings")).statusCode).toBe(403);
  });

  it("change radius, reasons and must-sell list; the field follows", async () => {
    const res = await admin.request("PUT", "/api/v1/field/settings", {
      checkInRadiusM: 2000,
      noOrderReasons: [
        { code: "shop_closed", labelEn: "Closed", labelBn: "বন্ধ" },
        { code: "flooded", labelEn: "Road flooded", labelBn: "রাস্তায় পানি" },
      ],
      mustSellSkuIds: [f.soapId, f.biscuitId],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ checkInRadiusM: 2000, mustSellSkuIds: [f.biscuitId, f.soapId] });
    const reasons = res.json().noOrderReasons as { code: string; archived: boolean }[];
    expect(reasons.filter((r) => !r.archived).map((r) => r.code)).toEqual(["shop_closed", "flooded"]);
    expect(reasons.find((r) => r.code === "owner_absent")?.archived).toBe(true);

    const visitId = newId();
    const near = { lat: SHOP.lat + 0.01, lng: SHOP.lng };
    const [checkIn, archived, flooded] = await sync(rep, [
      cmd("visit.check_in", { visitId, outletId: f.outletId, gps: near }),
      cmd("visit.check_out", { visitId, outcome: "no_order", noOrderReason: "owner_absent" }),
      cmd("visit.check_out", { visitId, outcome: "no_order", noOrderReason: "flooded" }),
    ]);
    expect(checkIn?.data.outsideRadius).toBe(false);
    expect(checkIn?.warnings).toEqual([]);
    expect(archived?.error?.code).toBe("field.unknown_reason");
    expect(flooded?.status).toBe("applied");
  });

  it("refuses an unknown product and a rep's change", async () => {
    const unknown = await admin.request("PUT", "/api/v1/field/settings", { mustSellSkuIds: [f.soapId, newId()] });
    expect(unknown.statusCode).toBe(422);
    expect(errorCode(unknown)).toBe("field.unknown_sku");
    const byRep = await rep.request("PUT", "/api/v1/field/settings", { checkInRadiusM: 500 });
    expect(byRep.statusCode).toBe(403);
    expect((await admin.request("GET", "/api/v1/field/settings")).json().checkInRadiusM).toBe(2000);
  });
});
