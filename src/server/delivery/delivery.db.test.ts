// Delivery trips end to end over HTTP: capacity, the FEFO pick list against what delivery issues, a whole trip
// (delivered, partial with cash, failed) against stock, dues, payments and the metrics, idempotent retries from the
// driver's phone, and who sees which trip.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { businessDate } from "../../shared/format.ts";
import { ledgerSums } from "../inventory/inventory.repository.ts";
import { errorCode, hasBengali } from "../testing/assertions.ts";
import { createSalesFixture, type SalesFixture } from "../testing/sales-fixture.ts";
import {
  type Caller,
  createTestApp,
  ORG_A_DOMAIN,
  ORG_B_DOMAIN,
  PASSWORD,
  signIn,
  type TestApp,
} from "../testing/test-app.ts";

let t: TestApp;
let f: SalesFixture;
let admin: Caller;
let manager: Caller;
let rep: Caller;
let distributor: Caller;
let otherDistributor: Caller;
let driver: Caller;
let otherDriver: Caller;
let otherOrg: Caller;
let driverId: string;
let otherDriverId: string;

const today = businessDate();
const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
/** A 1x1 PNG, as a signature pad would send it (data URL). */
const SIGNATURE =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
/** A tiny JPEG photo, as bare base64. */
const PHOTO = Buffer.from(
  "ffd8ffdb004300100b0c0e0c0a100e0d0e1211101318281a181616183123251d283a333d3c3933383740485c4e404457453738506d51575f626768673e4d71797064785c656763ffc0000b080001000101011100ffc40014000100000000000000000000000000000000ffc40014100100000000000000000000000000000000ffda0008010100003f003fffd9",
  "hex",
).toString("base64");

const db = () => t.database.handle.db;

async function ok<T = Record<string, unknown>>(res: Promise<{ statusCode: number; body: string; json(): unknown }>) {
  const r = await res;
  expect(r.statusCode, r.body).toBeLessThan(300);
  return r.json() as T;
}

beforeAll(async () => {
  t = await createTestApp();
  f = await createSalesFixture(db(), t.orgA, { soapStock: 100, biscuitStock: 400 });
  const orgId = t.orgA.orgId;
  driverId = t.orgA.usersByRole.driver;
  await db()
    .updateTable("users")
    .set({ distributor_id: f.distributorId })
    .where("org_id", "=", orgId)
    .where("id", "=", driverId)
    .execute();
  await db()
    .updateTable("outlets")
    .set({ lat: 23.9999, lng: 90.4203 })
    .where("org_id", "=", orgId)
    .where("id", "=", f.outletId)
    .execute();
  admin = await signIn(t.app, `admin@${ORG_A_DOMAIN}`);
  manager = await signIn(t.app, `manager@${ORG_A_DOMAIN}`);
  rep = await signIn(t.app, `rep@${ORG_A_DOMAIN}`);
  distributor = await signIn(t.app, `distributor@${ORG_A_DOMAIN}`);
  driver = await signIn(t.app, `driver@${ORG_A_DOMAIN}`);
  otherOrg = await signIn(t.app, `admin@${ORG_B_DOMAIN}`);
  const created = await ok<{ id: string }>(
    admin.request("POST", "/api/v1/users", {
      email: `driver2@${ORG_A_DOMAIN}`,
      name: "Jamal Uddin",
      role: "driver",
      distributorId: f.distributorId,
      password: PASSWORD,
    }),
  );
  otherDriverId = created.id;
  otherDriver = await signIn(t.app, `driver2@${ORG_A_DOMAIN}`);
  await ok(
    admin.request("POST", "/api/v1/users", {
      email: `db2@${ORG_A_DOMAIN}`,
      name: "Shapla Distribution",
      role: "distributor",
      distributorId: f.otherDistributorId,
      password: PASSWORD,
    }),
  );
  otherDistributor = await signIn(t.app, `db2@${ORG_A_DOMAIN}`);
  // Soap 110 g and 150 cm³ a piece; biscuit 55 g, volume unknown.
  await ok(admin.request("PATCH", `/api/v1/skus/${f.soapId}`, { weightG: 110, volumeCm3: 150 }));
  await ok(admin.request("PATCH", `/api/v1/skus/${f.biscuitId}`, { weightG: 55, volumeCm3: null }));
});
afterAll(() => t.close());

interface Order {
  id: string;
  number: string;
  status: string;
  totalPoisha: number;
  deliveredTotalPoisha: number;
  invoiceNumber: string | null;
  lines: { lineNo: number; skuId: string; qty: number; deliveredQty: number }[];
  events: { toStatus: string; note: string | null }[];
}

/** An order the rep takes (confirmed: stock reserved) and the distributor invoices. */
async function invoicedOrder(outletId: string, lines: { skuId: string; qty: number }[], requested?: string) {
  const o = await ok<Order>(
    rep.request("POST", "/api/v1/secondary-orders", {
      outletId,
      lines,
      confirm: true,
      ...(requested && { requestedDeliveryDate: requested }),
    }),
  );
  return ok<Order>(distributor.request("POST", `/api/v1/secondary-orders/${o.id}/invoice`));
}

async function vehicle(regNo: string, capacityG: number, capacityCm3: number | null = null) {
  return ok<{ id: string; regNo: string }>(
    distributor.request("POST", "/api/v1/delivery/vehicles", { regNo, name: "Covered van", capacityG, capacityCm3 }),
  );
}

interface Drop {
  id: string;
  seq: number;
  status: string;
  orderId: string;
  orderNumber: string;
  weightG: number;
  navigationUrl: string | null;
  podUrl: string | null;
  paymentId: string | null;
  cashCollectedPoisha: number;
}
interface Trip {
  id: string;
  number: string;
  status: string;
  drops: Drop[];
  dropCounts: { total: number; pending: number; delivered: number; partiallyDelivered: number; failed: number };
  load: {
    weightG: number;
    volumeCm3: number;
    weightUsedBp: number;
    linesWithoutWeight: number;
    linesWithoutVolume: number;
  };
  actions: string[];
}

async function trip(vehicleId: string, tripDate = today, driverUserId = driverId) {
  const res = await distributor.request("POST", "/api/v1/delivery/trips", { vehicleId, driverUserId, tripDate });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Trip;
}

async function stockOf(skuId: string) {
  return db()
    .selectFrom("stock_balances")
    .select(["on_hand", "reserved"])
    .where("org_id", "=", t.orgA.orgId)
    .where("distributor_id", "=", f.distributorId)
    .where("sku_id", "=", skuId)
    .executeTakeFirstOrThrow();
}

async function duesOf(outletId: string) {
  return (await ok<{ balancePoisha: number }>(distributor.request("GET", `/api/v1/outlets/${outletId}/dues`)))
    .balancePoisha;
}

const bp = (part: number, whole: number) => Math.round((part * 10_000) / whole);

describe("vehicles, drivers and planning", () => {
  it("keeps registration numbers unique however they are typed, and a driver needs a distributor", async () => {
    await vehicle("Dhaka Metro-Na 11-0001", 500_000);
    const again = await distributor.request("POST", "/api/v1/delivery/vehicles", {
      regNo: "  dhaka   metro-na 11-0001 ",
      name: "Same van",
      capacityG: 500_000,
    });
    expect(again.statusCode).toBe(409);
    expect(errorCode(again)).toBe("delivery.reg_no_taken");
    const noDistributor = await admin.request("POST", "/api/v1/users", {
      email: `driver3@${ORG_A_DOMAIN}`,
      name: "Kamal",
      role: "driver",
      password: PASSWORD,
    });
    expect(noDistributor.statusCode).toBe(400);
    expect(errorCode(noDistributor)).toBe("user.distributor_required");
    const drivers = await ok<{ items: { userId: string }[] }>(distributor.request("GET", "/api/v1/delivery/drivers"));
    expect(drivers.items.map((d) => d.userId).sort()).toEqual([driverId, otherDriverId].sort());
  });

  it("refuses a trip with another distributor's driver, or for a day that has passed", async () => {
    const v = await vehicle("GAZIPUR-NA 12-0002", 500_000);
    const past = await distributor.request("POST", "/api/v1/delivery/trips", {
      vehicleId: v.id,
      driverUserId: driverId,
      tripDate: "2020-01-01",
    });
    expect(errorCode(past)).toBe("delivery.date_in_past");
    const notADriver = await distributor.request("POST", "/api/v1/delivery/trips", {
      vehicleId: v.id,
      driverUserId: t.orgA.usersByRole.rep,
    });
    expect(notADriver.statusCode).toBe(422);
    expect(errorCode(notADriver)).toBe("delivery.driver_unknown");
  });

  it("refuses a load over the vehicle's weight or volume, saying how much in kg / m³, in bn and en", async () => {
    // 100 biscuits = 5.5 kg on a 5 kg rickshaw van; 40 soaps = 6000 cm³ in a 5000 cm³ box.
    const light = await vehicle("RICKSHAW 01", 5_000);
    const biscuits = await invoicedOrder(f.secondOutletId, [{ skuId: f.biscuitId, qty: 100 }]);
    const small = await trip(light.id);
    const refused = await distributor.request(
      "POST",
      `/api/v1/delivery/trips/${small.id}/drops`,
      { orderIds: [biscuits.id] },
      { "accept-language": "en" },
    );
    expect(refused.statusCode).toBe(409);
    expect(errorCode(refused)).toBe("delivery.over_capacity");
    expect(refused.json().error.message).toContain("5.5 kg");
    expect(refused.json().error.message).toContain("5 kg");
    expect(refused.json().error.details).toMatchObject({ neededG: 5500, capacityG: 5000 });
    const bn = await distributor.request(
      "POST",
      `/api/v1/delivery/trips/${small.id}/drops`,
      { orderIds: [biscuits.id] },
      { "accept-language": "bn" },
    );
    expect(hasBengali(bn.json().error.message)).toBe(true);
    expect(bn.json().error.message).toContain("৫.৫");
    const boxy = await vehicle("PICKUP BOX 02", 1_000_000, 5_000);
    const soaps = await invoicedOrder(f.secondOutletId, [{ skuId: f.soapId, qty: 40 }]);
    const boxTrip = await trip(boxy.id);
    const tooBulky = await distributor.request("POST", `/api/v1/delivery/trips/${boxTrip.id}/drops`, {
      orderIds: [soaps.id],
    });
    expect(errorCode(tooBulky)).toBe("delivery.over_volume");
    expect((await ok<Trip>(distributor.request("GET", `/api/v1/delivery/trips/${small.id}`))).drops).toHaveLength(0);
    // Both orders go back to the shelf, so they reserve nothing in the tests below.
    for (const o of [biscuits, soaps])
      await ok(distributor.request("POST", `/api/v1/secondary-orders/${o.id}/cancel`, { reason: "test" }));
    await ok(distributor.request("POST", `/api/v1/delivery/trips/${small.id}/cancel`, { reason: "too small" }));
    await ok(distributor.request("POST", `/api/v1/delivery/trips/${boxTrip.id}/cancel`, { reason: "too small" }));
  });
});

describe("the pick list", () => {
  it("allocates first-expiry-first exactly as delivery then issues from the ledger", async () => {
    // Soap: S-EARLY 50 (expires 2027-03), S-LATE 50. Two orders of 30 take all of S-EARLY and 10 of S-LATE.
    const van = await vehicle("DHAKA METRO-THA 13-0003", 2_000_000);
    const a = await invoicedOrder(f.outletId, [{ skuId: f.soapId, qty: 30 }]);
    const b = await invoicedOrder(f.secondOutletId, [
      { skuId: f.soapId, qty: 30 },
      { skuId: f.biscuitId, qty: 24 },
    ]);
    const planned = await trip(van.id, tomorrow);
    await ok(distributor.request("POST", `/api/v1/delivery/trips/${planned.id}/drops`, { orderIds: [a.id, b.id] }));
    const pick = await ok<{
      items: { skuId: string; total: { qty: number }; batches: { batchId: string; batchNo: string; qty: number }[] }[];
    }>(distributor.request("GET", `/api/v1/delivery/trips/${planned.id}/pick-list`));
    const soap = pick.items.find((i) => i.skuId === f.soapId);
    expect(soap?.total.qty).toBe(60);
    expect(soap?.batches.map((x) => [x.batchNo, x.qty])).toEqual([
      ["S-EARLY", 50],
      ["S-LATE", 10],
    ]);
    const dispatched = await ok<Trip>(distributor.request("POST", `/api/v1/delivery/trips/${planned.id}/dispatch`));
    for (const d of dispatched.drops)
      await ok(
        driver.request(
          "POST",
          `/api/v1/delivery/driver/drops/${d.id}/deliver`,
          { receiverName: "Rahim Mia", pod: { kind: "signature", image: SIGNATURE } },
          { "idempotency-key": `fefo-${d.id}` },
        ),
      );
    const issued = await sql<{ batch_id: string; sku_id: string; qty: number }>`
      select batch_id, sku_id, (-sum(on_hand_delta))::int as qty from stock_movements
      where org_id = ${t.orgA.orgId} and kind = 'issue' and ref_id in (${a.id}, ${b.id})
      group by batch_id, sku_id`.execute(db());
    const picked = pick.items.flatMap((i) =>
      i.batches.map((x) => ({ batch_id: x.batchId, sku_id: i.skuId, qty: x.qty })),
    );
    const key = (r: { batch_id: string; sku_id: string }) => `${r.sku_id}:${r.batch_id}`;
    expect([...issued.rows].sort((x, y) => key(x).localeCompare(key(y)))).toEqual(
      picked.sort((x, y) => key(x).localeCompare(key(y))),
    );
    const after = await ok<Trip>(distributor.request("GET", `/api/v1/delivery/trips/${planned.id}`));
    expect(after.status).toBe("completed");
  });
});

describe("a whole trip", () => {
  let o1: Order;
  let o2: Order;
  let o3: Order;
  let main: Trip;
  const dues = { out1: 0, out2: 0 };

  it("is planned with three invoiced orders, its load counted, and the orders leave the assignable list", async () => {
    dues.out1 = await duesOf(f.outletId);
    dues.out2 = await duesOf(f.secondOutletId);
    o1 = await invoicedOrder(
      f.outletId,
      [
        { skuId: f.soapId, qty: 10 },
        { skuId: f.biscuitId, qty: 24 },
      ],
      today,
    );
    o2 = await invoicedOrder(f.secondOutletId, [
      { skuId: f.soapId, qty: 20 },
      { skuId: f.biscuitId, qty: 48 },
    ]);
    o3 = await invoicedOrder(f.outletId, [{ skuId: f.soapId, qty: 5 }]);
    const van = await vehicle("DHAKA METRO-MA 14-0004", 1_000_000, 5_000_000);
    main = await trip(van.id);
    const assignable = await ok<{ items: { orderId: string; weightG: number; linesWithoutVolume: number }[] }>(
      distributor.request("GET", `/api/v1/delivery/trips/${main.id}/assignable-orders`),
    );
    const first = assignable.items.find((i) => i.orderId === o1.id);
    expect(first).toMatchObject({ weightG: 10 * 110 + 24 * 55, linesWithoutVolume: 1 });
    expect(assignable.items.map((i) => i.orderId)).toEqual(expect.arrayContaining([o1.id, o2.id, o3.id]));
    main = await ok<Trip>(
      distributor.request("POST", `/api/v1/delivery/trips/${main.id}/drops`, { orderIds: [o1.id, o2.id, o3.id] }),
    );
    expect(main.drops.map((d) => d.orderId)).toEqual([o1.id, o2.id, o3.id]);
    expect(main.load).toMatchObject({
      weightG: 2420 + 20 * 110 + 48 * 55 + 5 * 110,
      volumeCm3: 35 * 150,
      weightUsedBp: Math.round(((2420 + 2200 + 2640 + 550) * 10_000) / 1_000_000),
      linesWithoutWeight: 0,
      linesWithoutVolume: 2,
    });
    const after = await ok<{ items: { orderId: string }[] }>(
      distributor.request("GET", `/api/v1/delivery/trips/${main.id}/assignable-orders`),
    );
    expect(after.items.map((i) => i.orderId)).not.toContain(o1.id);
    // One order waits on one trip at a time.
    const other = await trip((await vehicle("NARAYANGANJ-THA 15-0005", 1_000_000)).id);
    const twice = await distributor.request("POST", `/api/v1/delivery/trips/${other.id}/drops`, { orderIds: [o1.id] });
    expect(twice.statusCode).toBe(409);
    expect(errorCode(twice)).toBe("delivery.order_not_assignable");
    await ok(distributor.request("POST", `/api/v1/delivery/trips/${other.id}/cancel`, { reason: "not needed" }));
  });

  it("prints a load sheet in cases and pieces and a challan per order", async () => {
    const sheet = await ok<{
      skus: { skuId: string; quantity: { qty: number; cases: number; pieces: number; caseUnit: string } }[];
      drops: unknown[];
    }>(distributor.request("GET", `/api/v1/delivery/trips/${main.id}/load-sheet`));
    expect(sheet.skus.find((s) => s.skuId === f.soapId)?.quantity).toMatchObject({
      qty: 35,
      cases: 1,
      pieces: 11,
      caseUnit: "case",
    });
    expect(sheet.skus.find((s) => s.skuId === f.biscuitId)?.quantity).toMatchObject({ qty: 72, cases: 3, pieces: 0 });
    expect(sheet.drops).toHaveLength(3);
    const papers = await ok<{ challans: { orderNumber: string; invoiceNumber: string; totalPoisha: number }[] }>(
      distributor.request("GET", `/api/v1/delivery/trips/${main.id}/challans`),
    );
    expect(papers.challans.map((c) => [c.orderNumber, c.invoiceNumber, c.totalPoisha])).toEqual(
      [o1, o2, o3].map((o) => [o.number, o.invoiceNumber, o.totalPoisha]),
    );
  });

  it("is dispatched in one go, and only its driver sees it in the app", async () => {
    main = await ok<Trip>(distributor.request("POST", `/api/v1/delivery/trips/${main.id}/dispatch`));
    expect(main.status).toBe("dispatched");
    for (const o of [o1, o2, o3])
      expect((await ok<Order>(distributor.request("GET", `/api/v1/secondary-orders/${o.id}`))).status).toBe(
        "dispatched",
      );
    const mine = await ok<{ items: { id: string }[] }>(driver.request("GET", "/api/v1/delivery/driver/trips"));
    expect(mine.items.map((i) => i.id)).toContain(main.id);
    const view = await ok<Trip & { drops: (Drop & { lines: unknown[]; outletDuesPoisha: number })[] }>(
      driver.request("GET", `/api/v1/delivery/driver/trips/${main.id}`),
    );
    expect(view.drops[0]?.navigationUrl).toBe("https://www.google.com/maps/dir/?api=1&destination=23.9999,90.4203");
    expect(view.drops[1]?.navigationUrl).toBeNull();
    expect(view.drops[0]?.lines).toHaveLength(2);
    expect(view.drops[0]?.outletDuesPoisha).toBe(dues.out1);
    const theirs = await ok<{ items: { id: string }[] }>(otherDriver.request("GET", "/api/v1/delivery/driver/trips"));
    expect(theirs.items.map((i) => i.id)).not.toContain(main.id);
    expect((await otherDriver.request("GET", `/api/v1/delivery/driver/trips/${main.id}`)).statusCode).toBe(404);
    const notTheirs = await otherDriver.request(
      "POST",
      `/api/v1/delivery/driver/drops/${main.drops[0]?.id}/deliver`,
      { receiverName: "Rahim Mia", pod: { kind: "signature", image: SIGNATURE } },
      { "idempotency-key": "not-theirs" },
    );
    expect(notTheirs.statusCode).toBe(404);
    // A driver reads the app, not the distributor's screens.
    expect((await driver.request("GET", `/api/v1/delivery/trips/${main.id}`)).statusCode).toBe(403);
  });

  it("delivers the first stop in full with a signature and cash, once however often the phone retries", async () => {
    const drop = main.drops[0] as Drop;
    const body = {
      receiverName: "Rahim Mia",
      pod: { kind: "signature", image: SIGNATURE },
      cashCollectedPoisha: 5000,
      gps: { lat: 23.9998, lng: 90.4202 },
    };
    const noKey = await driver.request("POST", `/api/v1/delivery/driver/drops/${drop.id}/deliver`, body);
    expect(noKey.statusCode).toBe(400);
    expect(errorCode(noKey)).toBe("delivery.idempotency_key_required");
    const first = await driver.request("POST", `/api/v1/delivery/driver/drops/${drop.id}/deliver`, body, {
      "idempotency-key": "drop-1-attempt",
    });
    expect(first.statusCode, first.body).toBe(200);
    const retry = await driver.request("POST", `/api/v1/delivery/driver/drops/${drop.id}/deliver`, body, {
      "idempotency-key": "drop-1-attempt",
    });
    expect(retry.statusCode).toBe(200);
    expect(retry.headers["idempotent-replayed"]).toBe("true");
    expect(retry.body).toBe(first.body);
    const outcome = first.json() as { drop: Drop; tripStatus: string; pendingDrops: number };
    expect(outcome.drop).toMatchObject({ status: "delivered", cashCollectedPoisha: 5000 });
    expect(outcome.drop.podUrl).toBe(`/api/v1/delivery/drops/${drop.id}/pod`);
    expect(outcome).toMatchObject({ tripStatus: "dispatched", pendingDrops: 2 });
    // A new attempt with a new key finds the stop done: nothing is delivered twice.
    const again = await driver.request("POST", `/api/v1/delivery/driver/drops/${drop.id}/deliver`, body, {
      "idempotency-key": "drop-1-second-tap",
    });
    expect(again.statusCode).toBe(409);
    expect(errorCode(again)).toBe("delivery.drop_done");
    const payments = await ok<{ items: { orderId: string; amountPoisha: number; method: string }[] }>(
      distributor.request("GET", `/api/v1/payments?outletId=${f.outletId}`),
    );
    expect(payments.items.filter((p) => p.orderId === o1.id)).toEqual([
      expect.objectContaining({ amountPoisha: 5000, method: "cash" }),
    ]);
    const issues = await sql<{ n: number }>`
      select count(*)::int as n from stock_movements
      where org_id = ${t.orgA.orgId} and kind = 'issue' and ref_id = ${o1.id}`.execute(db());
    expect(issues.rows[0]?.n).toBe(2);
    const pod = await distributor.request("GET", `/api/v1/delivery/drops/${drop.id}/pod`);
    expect(pod.statusCode).toBe(200);
    expect(pod.headers["content-type"]).toBe("image/png");
    expect(pod.rawPayload.equals(Buffer.from(SIGNATURE.split(",")[1] as string, "base64"))).toBe(true);
    expect((await otherOrg.request("GET", `/api/v1/delivery/drops/${drop.id}/pod`)).statusCode).toBe(404);
  });

  it("refuses a proof that is not a PNG, JPEG or WebP image", async () => {
    const res = await driver.request(
      "POST",
      `/api/v1/delivery/driver/drops/${main.drops[1]?.id}/deliver`,
      { receiverName: "Karim", pod: { kind: "photo", image: Buffer.from("not an image at all").toString("base64") } },
      { "idempotency-key": "bad-pod" },
    );
    expect(res.statusCode).toBe(422);
    expect(errorCode(res)).toBe("delivery.bad_pod");
  });

  it("delivers the second stop short with a photo, and fails the third: the order is invoiced again", async () => {
    const second = main.drops[1] as Drop;
    const soapLine = o2.lines.find((l) => l.skuId === f.soapId)?.lineNo;
    const partial = await ok<{ drop: Drop }>(
      driver.request(
        "POST",
        `/api/v1/delivery/driver/drops/${second.id}/deliver`,
        {
          receiverName: "Karim Store",
          pod: { kind: "photo", image: PHOTO },
          lines: [{ lineNo: soapLine, deliveredQty: 15 }],
        },
        { "idempotency-key": "drop-2" },
      ),
    );
    expect(partial.drop.status).toBe("partially_delivered");
    const failed = await ok<{ drop: Drop; tripStatus: string; pendingDrops: number }>(
      driver.request(
        "POST",
        `/api/v1/delivery/driver/drops/${main.drops[2]?.id}/fail`,
        { reason: "outlet_closed", note: "Shutter down at 4 pm" },
        { "idempotency-key": "drop-3", "accept-language": "en" },
      ),
    );
    expect(failed.drop.status).toBe("failed");
    expect(failed).toMatchObject({ tripStatus: "completed", pendingDrops: 0 });
    const back = await ok<Order>(distributor.request("GET", `/api/v1/secondary-orders/${o3.id}`));
    expect(back.status).toBe("invoiced");
    const event = back.events[back.events.length - 1];
    expect(event?.toStatus).toBe("invoiced");
    expect(event?.note).toContain(main.number);
    expect(event?.note).toContain("outlet closed");
    expect(event?.note).toContain("Shutter down at 4 pm");
  });

  it("leaves stock, dues and payments where the deliveries put them", async () => {
    o1 = await ok<Order>(distributor.request("GET", `/api/v1/secondary-orders/${o1.id}`));
    o2 = await ok<Order>(distributor.request("GET", `/api/v1/secondary-orders/${o2.id}`));
    expect(o1.status).toBe("delivered");
    expect(o2.status).toBe("partially_delivered");
    expect(o2.lines.map((l) => l.deliveredQty).sort((a, b) => a - b)).toEqual([15, 48]);
    // Opening soap 100, biscuit 400; the pick-list trip issued 60 soap and 24 biscuits.
    // This trip: soap 10 + 15 issued, o3's 5 still reserved; biscuits 24 + 48 issued.
    expect(await stockOf(f.soapId)).toEqual({ on_hand: 100 - 60 - 25, reserved: 5 });
    expect(await stockOf(f.biscuitId)).toEqual({ on_hand: 400 - 24 - 72, reserved: 0 });
    // The cached balances are the sums of the ledger.
    for (const s of await ledgerSums(db(), t.orgA.orgId, f.distributorId)) {
      const b = await stockOf(s.sku_id);
      expect([Number(s.on_hand), Number(s.reserved)]).toEqual([b.on_hand, b.reserved]);
    }
    expect(await duesOf(f.outletId)).toBe(dues.out1 + o1.deliveredTotalPoisha - 5000);
    expect(await duesOf(f.secondOutletId)).toBe(dues.out2 + o2.deliveredTotalPoisha);
    expect(o2.deliveredTotalPoisha).toBeLessThan(o2.totalPoisha);
  });

  it("puts the failed order back on the assignable list with its failed attempt", async () => {
    const next = await trip((await vehicle("DHAKA METRO-NA 16-0006", 1_000_000)).id, tomorrow);
    const list = await ok<{ items: { orderId: string; failedAttempts: number }[] }>(
      distributor.request("GET", `/api/v1/delivery/trips/${next.id}/assignable-orders`),
    );
    expect(list.items.find((i) => i.orderId === o3.id)).toMatchObject({ failedAttempts: 1 });
    expect(list.items.map((i) => i.orderId)).not.toContain(o1.id);
    const assigned = await ok<Trip>(
      distributor.request("POST", `/api/v1/delivery/trips/${next.id}/drops`, { orderIds: [o3.id] }),
    );
    expect(assigned.drops.map((d) => d.orderId)).toEqual([o3.id]);
  });

  it("measures OTIF, fill rate and lead time as hand-computed from the outcomes", async () => {
    const m = await ok<{
      totals: Record<string, unknown>;
      byDistributor: { distributorId: string }[];
    }>(distributor.request("GET", `/api/v1/delivery/metrics?from=${today}&to=${today}`));
    const orderedQty = 34 + 68 + 5;
    const deliveredQty = 34 + 63;
    const orderedPoisha = o1.totalPoisha + o2.totalPoisha + o3.totalPoisha;
    const deliveredPoisha = o1.deliveredTotalPoisha + o2.deliveredTotalPoisha;
    expect(m.totals).toMatchObject({
      trips: 1,
      attempted: 3,
      delivered: 1,
      partiallyDelivered: 1,
      failed: 1,
      // Only the first stop was delivered in full, and it was wanted today.
      otifDrops: 1,
      otifBp: 3333,
      orderedQty,
      deliveredQty,
      fillRateQtyBp: bp(deliveredQty, orderedQty),
      orderedPoisha,
      deliveredPoisha,
      fillRateValueBp: bp(deliveredPoisha, orderedPoisha),
      cashCollectedPoisha: 5000,
    });
    expect(m.totals.failuresByReason).toMatchObject({ outlet_closed: 1, refused: 0 });
    // Confirmed moments ago: the lead time is a fraction of an hour.
    expect(m.totals.leadTimeAvgHours).toBeGreaterThanOrEqual(0);
    expect(m.totals.leadTimeAvgHours).toBeLessThan(1);
    expect(m.byDistributor.map((r) => r.distributorId)).toEqual([f.distributorId]);
    const mgr = await ok<{ totals: { attempted: number } }>(
      manager.request("GET", `/api/v1/delivery/metrics?from=${today}&to=${today}`),
    );
    expect(mgr.totals.attempted).toBe(3);
    const elsewhere = await ok<{ totals: { attempted: number } }>(
      otherDistributor.request("GET", `/api/v1/delivery/metrics?from=${today}&to=${today}`),
    );
    expect(elsewhere.totals.attempted).toBe(0);
  });

  it("shows the day's trips live to the distributor and its manager, and to nobody else", async () => {
    const live = await ok<{
      items: { id: string; drops: { delivered: number; failed: number }; cashCollectedPoisha: number }[];
      totals: { cashCollectedPoisha: number };
    }>(distributor.request("GET", `/api/v1/delivery/trips?date=${today}`));
    expect(live.items.find((i) => i.id === main.id)).toMatchObject({
      drops: { delivered: 1, failed: 1 },
      cashCollectedPoisha: 5000,
    });
    expect(live.totals.cashCollectedPoisha).toBe(5000);
    expect((await manager.request("GET", `/api/v1/delivery/trips/${main.id}`)).statusCode).toBe(200);
    for (const stranger of [otherDistributor, otherOrg]) {
      expect((await stranger.request("GET", `/api/v1/delivery/trips/${main.id}`)).statusCode).toBe(404);
      const list = await ok<{ items: { id: string }[] }>(
        stranger.request("GET", `/api/v1/delivery/trips?date=${today}`),
      );
      expect(list.items.map((i) => i.id)).not.toContain(main.id);
    }
    expect((await rep.request("GET", `/api/v1/delivery/trips/${main.id}`)).statusCode).toBe(403);
    expect((await otherDistributor.request("POST", `/api/v1/delivery/trips/${main.id}/complete`)).statusCode).toBe(404);
  });
});

describe("closing and cancelling", () => {
  it("completes the trip when its last two stops are recorded at the same moment", async () => {
    const a = await invoicedOrder(f.outletId, [{ skuId: f.biscuitId, qty: 6 }]);
    const b = await invoicedOrder(f.secondOutletId, [{ skuId: f.biscuitId, qty: 6 }]);
    const both = await trip((await vehicle("DHAKA METRO-NA 18-0008", 1_000_000)).id);
    await ok(distributor.request("POST", `/api/v1/delivery/trips/${both.id}/drops`, { orderIds: [a.id, b.id] }));
    const out = await ok<Trip>(distributor.request("POST", `/api/v1/delivery/trips/${both.id}/dispatch`));
    const [first, second] = await Promise.all([
      driver.request(
        "POST",
        `/api/v1/delivery/driver/drops/${out.drops[0]?.id}/deliver`,
        { receiverName: "Rahim Mia", pod: { kind: "signature", image: SIGNATURE } },
        { "idempotency-key": "together-1" },
      ),
      driver.request(
        "POST",
        `/api/v1/delivery/driver/drops/${out.drops[1]?.id}/fail`,
        { reason: "not_reachable" },
        { "idempotency-key": "together-2" },
      ),
    ]);
    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    const after = await ok<Trip>(distributor.request("GET", `/api/v1/delivery/trips/${both.id}`));
    expect(after.status).toBe("completed");
    expect(after.dropCounts).toMatchObject({ pending: 0, delivered: 1, failed: 1 });
  });

  it("closes a trip by hand: pending stops fail with reason other and their orders are invoiced again", async () => {
    const o = await invoicedOrder(f.secondOutletId, [{ skuId: f.biscuitId, qty: 12 }]);
    const planned = await trip((await vehicle("DHAKA METRO-NA 17-0007", 1_000_000)).id);
    await ok(distributor.request("POST", `/api/v1/delivery/trips/${planned.id}/drops`, { orderIds: [o.id] }));
    await ok(distributor.request("POST", `/api/v1/delivery/trips/${planned.id}/dispatch`));
    await ok(
      driver.request(
        "POST",
        `/api/v1/delivery/driver/trips/${planned.id}/location`,
        { lat: 23.8, lng: 90.4 },
        { "idempotency-key": "ping-1" },
      ),
    );
    const closed = await ok<Trip>(distributor.request("POST", `/api/v1/delivery/trips/${planned.id}/complete`));
    expect(closed.status).toBe("completed");
    expect(closed.drops[0]).toMatchObject({ status: "failed", failureReason: "other" });
    expect((await ok<Order>(distributor.request("GET", `/api/v1/secondary-orders/${o.id}`))).status).toBe("invoiced");
    const again = await distributor.request("POST", `/api/v1/delivery/trips/${planned.id}/cancel`, { reason: "late" });
    expect(errorCode(again)).toBe("delivery.trip_not_planned");
  });
});
