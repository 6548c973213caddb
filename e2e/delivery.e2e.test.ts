// A delivery trip from planning to the door, in a real browser. The demo distributor has three invoiced orders (made
// through the API, as a rep's orders would arrive) for three of its outlets. On the web it adds two vehicles, plans a
// trip on the small one (the capacity bar turns red and the server refuses the load with its own message), moves the
// trip to the big van, adds the three orders, reorders the stops, prints the pick list, load sheet and challans, and
// dispatches. The demo driver then works the trip in the field app on a phone, in Bengali: the first stop delivered
// in full with a signature drawn on the screen, the receiver's name and cash; the second in part (one line not
// taken) with a photo; the third could not be delivered, recorded with the network off and sent when it returns.
// Replaying the first delivery with its Idempotency-Key is answered, not repeated. Afterwards the stock (on hand and
// reserved), the outlets' dues, the failed order (invoiced again) and OTIF / fill rate are checked against figures
// worked out by hand, both through the API and on the screens; the trip detail is photographed in Bengali.
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { businessDate } from "../src/shared/format.ts";
import { chromiumAvailable, journeyFixture, SCREENSHOTS } from "./browser.ts";

const PASSWORD = "bikri-demo";

function watchForFaults(page: Page): string[] {
  const faults: string[] = [];
  page.on("pageerror", (e) => faults.push(`page error: ${e.message}`));
  page.on("response", (r) => {
    if (r.status() >= 500) faults.push(`HTTP ${r.status()} ${r.request().method()} ${r.url()}`);
  });
  return faults;
}

async function signIn(browser: Browser, base: string, email: string, lang: "bn" | "en"): Promise<Page> {
  // A context of its own, so the printed sheets can open beside the app with the same session.
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${base}/sign-in`);
  await page.getByTestId(`lang-${lang}`).click();
  await page.getByTestId("signin-email").fill(email);
  await page.getByTestId("signin-password").fill(PASSWORD);
  await page.getByTestId("signin-submit").click();
  await page.getByTestId("home").waitFor();
  return page;
}

interface Answer<T> {
  status: number;
  json: T;
  headers: Record<string, string>;
}

/** Through the page's session and CSRF token, as the app calls the API. */
async function request<T>(
  page: Page,
  method: "GET" | "POST",
  url: string,
  body?: unknown,
  idempotencyKey?: string,
): Promise<Answer<T>> {
  return page.evaluate(
    async ({ method, url, body, idempotencyKey }) => {
      const csrf = /(?:^|;\s*)bikri_csrf=([^;]+)/.exec(document.cookie)?.[1];
      const r = await fetch(url, {
        method,
        headers: {
          Accept: "application/json",
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
          ...(csrf ? { "x-csrf-token": decodeURIComponent(csrf) } : {}),
          ...(idempotencyKey ? { "Idempotency-Key": idempotencyKey } : {}),
        },
        body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      });
      const text = await r.text();
      return {
        status: r.status,
        json: text && (r.headers.get("content-type") ?? "").includes("json") ? JSON.parse(text) : null,
        headers: Object.fromEntries(r.headers.entries()),
      };
    },
    { method, url, body, idempotencyKey },
  ) as Promise<Answer<T>>;
}

async function call<T>(page: Page, method: "GET" | "POST", url: string, body?: unknown): Promise<T> {
  const a = await request<T>(page, method, url, body);
  if (a.status >= 400) throw new Error(`${method} ${url}: ${a.status} ${JSON.stringify(a.json)}`);
  return a.json;
}

/** Money as the English screen shows it ("৳4,96,325.50", "-৳12", "৳0") back to integer poisha. */
function poishaOf(text: string): number {
  const m = /^(-?)৳([\d,]+)(?:\.(\d{2}))?$/.exec(text.trim());
  if (!m) throw new Error(`not money: ${JSON.stringify(text)}`);
  const taka = Number((m[2] ?? "").replace(/,/g, ""));
  return (m[1] ? -1 : 1) * (taka * 100 + Number(m[3] ?? "0"));
}

const bp = (part: number, whole: number) => (whole <= 0 ? null : Math.round((part * 10_000) / whole));

interface Sku {
  id: string;
  code: string;
  baseUnit: string;
  sellByUnit: string | null;
  weightG: number | null;
}
interface StockRow {
  skuId: string;
  skuCode: string;
  onHand: number;
  reserved: number;
  available: number;
}
interface OrderLine {
  lineNo: number;
  skuId: string;
  skuCode: string;
  qty: number;
  totalPoisha: number;
}
interface Order {
  id: string;
  number: string;
  status: string;
  outletId: string;
  totalPoisha: number;
  lines: OrderLine[];
}
interface Metrics {
  totals: {
    attempted: number;
    delivered: number;
    partiallyDelivered: number;
    failed: number;
    otifDrops: number;
    otifBp: number | null;
    orderedQty: number;
    deliveredQty: number;
    fillRateQtyBp: number | null;
    orderedPoisha: number;
    deliveredPoisha: number;
    fillRateValueBp: number | null;
    cashCollectedPoisha: number;
  };
}
interface Drop {
  id: string;
  seq: number;
  status: string;
  orderId: string;
  orderNumber: string;
  cashCollectedPoisha: number;
  receiverName: string | null;
  podKind: string | null;
  podUrl: string | null;
  failureReason: string | null;
  deliveredQty: number | null;
  orderedQty: number | null;
  deliveredPoisha: number | null;
  paymentNumber: string | null;
}
interface Trip {
  id: string;
  number: string;
  status: string;
  cashCollectedPoisha: number;
  drops: Drop[];
}

describe.runIf(chromiumAvailable)("journey: a delivery trip", () => {
  const j = journeyFixture();

  it("plans, dispatches and delivers a trip: one drop in full, one in part, one failed; stock, dues and OTIF follow", async () => {
    const today = businessDate();
    const dist = await signIn(j.browser, j.server.base, "distributor@demo.bikri.app", "en");
    const distFaults = watchForFaults(dist);
    const session = await call<{ user: { scope: { distributorId?: string } } }>(dist, "GET", "/api/v1/auth/session");
    const distributorId = session.user.scope.distributorId;
    if (!distributorId) throw new Error("the demo distributor user has no distributor");

    // --- fixtures: three invoiced orders, each of two SKUs with a weight, in stock and priced for the outlet
    const skus = (await call<{ items: Sku[] }>(dist, "GET", "/api/v1/skus?limit=200")).items;
    const skuById = new Map(skus.map((s) => [s.id, s]));
    const stockBefore = async () =>
      new Map(
        (
          await call<{ items: StockRow[] }>(dist, "GET", `/api/v1/stock?distributorId=${distributorId}&limit=200`)
        ).items.map((r) => [r.skuId, r]),
      );
    const stock0 = await stockBefore();
    const outlets = await call<{ items: { id: string; code: string; lat: number | null; lng: number | null }[] }>(
      dist,
      "GET",
      `/api/v1/outlets?distributorId=${distributorId}&limit=60`,
    );
    const chosen: { outletId: string; code: string; skuIds: [string, string] }[] = [];
    for (const o of outlets.items) {
      if (chosen.length === 3) break;
      if (o.lat === null) continue;
      const dues = await call<{ availableCreditPoisha: number | null }>(dist, "GET", `/api/v1/outlets/${o.id}/dues`);
      if (dues.availableCreditPoisha !== null && dues.availableCreditPoisha < 2_000_000) continue;
      const book = await call<{ skus: { id: string; price: unknown }[] }>(
        dist,
        "GET",
        `/api/v1/catalog/order-book?outletId=${o.id}`,
      );
      const usable = book.skus.filter((b) => {
        const s = skuById.get(b.id);
        return b.price && s && !s.sellByUnit && (s.weightG ?? 0) > 0 && (stock0.get(b.id)?.available ?? 0) >= 30;
      });
      const [first, second] = usable;
      if (first && second) chosen.push({ outletId: o.id, code: o.code, skuIds: [first.id, second.id] });
    }
    if (chosen.length < 3) throw new Error("the demo distributor has too few outlets with credit and stock");
    const orders: Order[] = [];
    for (const c of chosen) {
      const created = await call<Order>(dist, "POST", "/api/v1/secondary-orders", {
        outletId: c.outletId,
        requestedDeliveryDate: today,
        confirm: true,
        lines: c.skuIds.map((skuId, i) => ({ skuId, qty: 3 - i, unit: skuById.get(skuId)?.baseUnit ?? "piece" })),
      });
      orders.push(await call<Order>(dist, "POST", `/api/v1/secondary-orders/${created.id}/invoice`));
    }
    const [full, partial, failed] = orders as [Order, Order, Order];
    expect(orders.map((o) => o.status)).toEqual(["invoiced", "invoiced", "invoiced"]);

    // What the trip will move, measured now: stock reserved for the orders, dues before delivery, metrics of today.
    const stock1 = await stockBefore();
    const duesOf = async (outletId: string) =>
      (await call<{ balancePoisha: number }>(dist, "GET", `/api/v1/outlets/${outletId}/dues`)).balancePoisha;
    const dues1 = new Map<string, number>();
    for (const o of orders) dues1.set(o.outletId, await duesOf(o.outletId));
    const metricsUrl = `/api/v1/delivery/metrics?from=${today}&to=${today}&distributorId=${distributorId}`;
    const metrics1 = (await call<Metrics>(dist, "GET", metricsUrl)).totals;

    // --- vehicles: a rickshaw van that takes half the load, and a covered van
    await dist.goto(`${j.server.base}/vehicles`);
    const addVehicle = async (regNo: string, name: string, kg: string, m3: string) => {
      await dist.getByTestId("vehicle-new").click();
      await dist.getByTestId("vehicle-reg-no").fill(regNo);
      await dist.getByTestId("vehicle-name").fill(name);
      await dist.getByTestId("vehicle-capacity-kg").fill(kg);
      await dist.getByTestId("vehicle-capacity-m3").fill(m3);
      await dist.getByTestId("vehicle-save").click();
      await dist.locator(`[data-testid="vehicle-row"][data-reg-no="${regNo}"]`).waitFor();
    };
    // Half of what the three orders weigh (SKU weights are per base unit).
    const tripGrams = orders.reduce(
      (s, o) => s + o.lines.reduce((g, l) => g + l.qty * (skuById.get(l.skuId)?.weightG ?? 0), 0),
      0,
    );
    await addVehicle("DHAKA METRO-HA 99-0001", "E2E rickshaw van", (Math.floor(tripGrams / 2) / 1000).toFixed(3), "");
    await addVehicle("DHAKA METRO-NA 99-0002", "E2E covered van", "2500", "14");
    await dist.screenshot({ path: path.join(SCREENSHOTS, "delivery-vehicles-en.png"), fullPage: true });

    // --- a new trip for today on the small vehicle, with the demo driver
    await dist.getByTestId("nav-trips").click();
    await dist.getByTestId("trips-page").waitFor();
    await dist.getByTestId("trip-new").click();
    const pick = async (testId: string, option: RegExp) => {
      await dist.getByTestId(testId).click();
      await dist.getByRole("option", { name: option }).first().click();
    };
    await pick("trip-new-vehicle", /99-0001/);
    await pick("trip-new-driver", /.+/);
    await dist.getByTestId("trip-new-save").click();
    await dist.waitForURL(/\/trips\/[0-9a-f-]{36}$/);
    const tripId = dist.url().split("/").pop() ?? "";
    await dist.getByTestId("trip-planner").waitFor();

    // Tick the three orders: the bar shows the load against half its weight in red; the server refuses it in its own words.
    const tick = async () => {
      for (const o of orders)
        await dist
          .locator(`[data-testid="assignable-row"][data-order-id="${o.id}"] [data-testid="assignable-select"]`)
          .check();
    };
    await tick();
    expect(await dist.getByTestId("planner-load").getAttribute("data-weight-level")).toBe("over");
    await dist.getByTestId("planner-assign").click();
    const refusal = dist.getByTestId("trip-planner").getByRole("alert");
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/kg/);
    expect(await dist.getByTestId("drop-row").count()).toBe(0);
    await dist.screenshot({ path: path.join(SCREENSHOTS, "delivery-planner-en.png"), fullPage: true });

    // The covered van takes it.
    await dist.getByTestId("trip-edit").click();
    await pick("trip-edit-vehicle", /99-0002/);
    await dist.getByTestId("trip-edit-save").click();
    await expect.poll(async () => (await dist.getByTestId("trip-detail").textContent()) ?? "").toContain("99-0002");
    await dist.getByTestId("planner-assign").click();
    await expect.poll(() => dist.getByTestId("drop-row").count()).toBe(3);
    expect(await dist.getByTestId("trip-load").getAttribute("data-weight-level")).not.toBe("over");
    // Stops in the order the orders were ticked; the last one moved up a place, then back.
    const stopOrder = () =>
      dist.getByTestId("drop-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-order-number")));
    const numbers = orders.map((o) => o.number);
    expect((await stopOrder()).sort()).toEqual([...numbers].sort());
    const before = await stopOrder();
    await dist.getByTestId("drop-row").nth(2).getByTestId("drop-up").click();
    await expect.poll(stopOrder).toEqual([before[0], before[2], before[1]]);
    await dist.getByTestId("drop-row").nth(1).getByTestId("drop-down").click();
    await expect.poll(stopOrder).toEqual(before);

    // --- the printed sheets: the pick list takes exactly what was ordered, batch by batch; one challan per order
    const ordered = new Map<string, number>();
    for (const o of orders) for (const l of o.lines) ordered.set(l.skuCode, (ordered.get(l.skuCode) ?? 0) + l.qty);
    const sheet = await dist.context().newPage();
    await sheet.goto(`${j.server.base}/print/trips/${tripId}?doc=pick&lang=en`);
    await sheet.getByTestId("pick-lines").waitFor();
    const pickList = await call<{ items: { skuCode: string; batches: { qty: number }[]; shortQty: number }[] }>(
      sheet,
      "GET",
      `/api/v1/delivery/trips/${tripId}/pick-list`,
    );
    expect(new Map(pickList.items.map((i) => [i.skuCode, i.batches.reduce((s, b) => s + b.qty, 0)]))).toEqual(ordered);
    expect(await sheet.getByTestId("pick-batch").count()).toBe(
      pickList.items.reduce((s, i) => s + i.batches.length, 0),
    );
    await sheet.screenshot({ path: path.join(SCREENSHOTS, "delivery-pick-list-en.png"), fullPage: true });
    await sheet.goto(`${j.server.base}/print/trips/${tripId}?doc=load&lang=bn`);
    await sheet.getByTestId("load-skus").waitFor();
    const loaded = await sheet
      .getByTestId("load-sku")
      .evaluateAll((rows) => rows.map((r) => [r.getAttribute("data-sku") ?? "", Number(r.getAttribute("data-qty"))]));
    expect(new Map(loaded as [string, number][])).toEqual(ordered);
    expect(await sheet.getByTestId("load-drop").count()).toBe(3);
    await sheet.goto(`${j.server.base}/print/trips/${tripId}?doc=challan&lang=bn`);
    await sheet.getByTestId("challan-lines").first().waitFor();
    expect(await sheet.getByTestId("print-sheet").count()).toBe(3);
    expect(await sheet.getByTestId("print-sheet").first().textContent()).toContain("ডেলিভারি চালান");
    await sheet.screenshot({ path: path.join(SCREENSHOTS, "delivery-challans-bn.png"), fullPage: true });
    await sheet.close();

    // --- dispatch (confirmed in a dialog)
    await dist.getByTestId("trip-dispatch").click();
    await dist.getByTestId("confirm-ok").click();
    await expect.poll(() => dist.getByTestId("trip-detail").getAttribute("data-status")).toBe("dispatched");
    for (const o of orders) {
      expect((await call<Order>(dist, "GET", `/api/v1/secondary-orders/${o.id}`)).status).toBe("dispatched");
    }
    // The day's trips: on the road, nothing delivered yet.
    await dist.goto(`${j.server.base}/trips`);
    const tripRow = dist.locator(`[data-testid="trip-row"][data-trip-id="${tripId}"]`);
    await tripRow.waitFor();
    expect(await tripRow.getByTestId("trip-status").getAttribute("data-status")).toBe("dispatched");
    expect(await tripRow.getByTestId("trip-progress").getAttribute("data-pending")).toBe("3");

    // --- the driver's phone, in Bengali
    const first = outlets.items.find((o) => o.id === full.outletId);
    const context = await j.browser.newContext({
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      locale: "bn-BD",
      permissions: ["geolocation"],
      geolocation: { latitude: first?.lat ?? 23.75, longitude: first?.lng ?? 90.39, accuracy: 15 },
    });
    const phone = await context.newPage();
    const phoneFaults = watchForFaults(phone);
    await phone.goto(`${j.server.base}/field/`);
    await phone.getByTestId("field-lang-bn").click();
    await phone.getByTestId("field-signin-email").fill("driver@demo.bikri.app");
    await phone.getByTestId("field-signin-password").fill(PASSWORD);
    await phone.getByTestId("field-signin-submit").click();
    await phone.getByTestId("driver-trips").waitFor({ timeout: 30_000 });
    expect(new URL(phone.url()).pathname).toBe("/field/trips");
    // The service worker controls the page, so the app opens with no network.
    await phone.evaluate(() => navigator.serviceWorker.ready);
    await expect.poll(() => phone.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    const card = phone.locator(`[data-testid="driver-trip-card"][data-trip-id="${tripId}"]`);
    await card.waitFor();
    await card.click();
    await phone.getByTestId("driver-trip").waitFor();
    expect(await phone.getByTestId("driver-drop-card").count()).toBe(3);
    const stop = (o: Order) => phone.locator(`[data-testid="driver-drop-card"]:has([data-order-number="${o.number}"])`);
    expect(await stop(full).getByTestId("driver-navigate").getAttribute("href")).toMatch(
      /^https:\/\/www\.google\.com\/maps\/dir\/\?api=1&destination=-?[\d.]+,-?[\d.]+$/,
    );
    await phone.screenshot({ path: path.join(SCREENSHOTS, "delivery-driver-trip-bn.png"), fullPage: true });
    const pending = async () => Number(await phone.getByTestId("driver-pending").getAttribute("data-count"));
    const dropStatus = (o: Order) => stop(o).getByTestId("driver-drop-status").textContent();

    // Stop 1: everything, signed on the screen with the mouse, cash ৳100.
    await stop(full).getByTestId("driver-open-drop").click();
    await phone.getByTestId("driver-deliver-all").click();
    await phone.getByTestId("driver-receiver").fill("রহিম উদ্দিন");
    const pad = phone.getByTestId("driver-signature");
    await pad.scrollIntoViewIfNeeded();
    const box = await pad.boundingBox();
    if (!box) throw new Error("the signature pad is not on screen");
    await phone.mouse.move(box.x + 30, box.y + box.height * 0.6);
    await phone.mouse.down();
    for (let i = 1; i <= 24; i++) {
      await phone.mouse.move(box.x + 30 + i * 12, box.y + box.height * (0.6 - 0.3 * Math.sin(i / 3)), { steps: 2 });
    }
    await phone.mouse.up();
    await phone.getByTestId("driver-cash").fill("100");
    await phone.screenshot({ path: path.join(SCREENSHOTS, "delivery-driver-drop-bn.png"), fullPage: true });
    const sentFull = phone.waitForRequest((r) => r.url().includes(`/delivery/driver/drops/`) && r.method() === "POST");
    await phone.getByTestId("driver-deliver-save").click();
    const fullRequest = await sentFull;
    await phone.getByTestId("driver-trip").waitFor();
    await expect.poll(pending, { timeout: 20_000 }).toBe(0);
    await expect.poll(() => dropStatus(full)).toBe("ডেলিভারি হয়েছে");
    const fullKey = fullRequest.headers()["idempotency-key"];
    const fullBody = fullRequest.postData() ?? "";
    expect(fullKey).toBeTruthy();
    expect(JSON.parse(fullBody).pod.image).toMatch(/^data:image\/png;base64,/);

    // Stop 2: in part — the second line is not taken; a photo of the signed challan instead of a signature.
    await stop(partial).getByTestId("driver-open-drop").click();
    await phone.getByTestId("driver-adjust").click();
    await phone.locator('[data-line-no="2"] [data-testid="driver-line-qty"]').fill("0");
    await phone.getByTestId("driver-receiver").fill("করিম মিয়া");
    await phone.getByTestId("driver-pod-photo").click();
    const photo = await phone.screenshot();
    await phone
      .getByTestId("driver-photo-input")
      .setInputFiles({ name: "challan.png", mimeType: "image/png", buffer: photo });
    await phone.getByTestId("driver-photo-preview").waitFor();
    await phone.getByTestId("driver-deliver-save").click();
    await phone.getByTestId("driver-trip").waitFor();
    await expect.poll(pending, { timeout: 20_000 }).toBe(0);
    await expect.poll(() => dropStatus(partial)).toBe("আংশিক ডেলিভারি");

    // Stop 3: the shop is shut, and the network is gone: the outcome waits on the phone, through a reload.
    await context.setOffline(true);
    await stop(failed).getByTestId("driver-open-drop").click();
    await phone.getByTestId("driver-could-not").click();
    await phone.getByTestId("driver-reason-outlet_closed").click();
    await phone.getByTestId("driver-fail-note").fill("দোকানের শাটার নামানো");
    await phone.getByTestId("driver-fail-save").click();
    await phone.getByTestId("driver-trip").waitFor();
    expect(await pending()).toBe(1);
    expect(await dropStatus(failed)).toBe("ডেলিভারি হয়নি");
    await phone.reload();
    await phone.getByTestId("driver-trip").waitFor({ timeout: 30_000 });
    expect(await pending()).toBe(1);
    expect(await stop(failed).getByTestId("driver-drop-local").textContent()).toBe("পাঠানোর অপেক্ষায়");
    await context.setOffline(false);
    await expect.poll(pending, { timeout: 30_000 }).toBe(0);
    await expect.poll(() => stop(failed).getByTestId("driver-drop-local").count()).toBe(0);
    expect(await phone.getByTestId("driver-refused-banner").count()).toBe(0);

    // A retry of the first delivery with the same key (a reply lost on a weak network) is answered, not repeated.
    const stock2 = await stockBefore();
    const replay = await request<{ drop: Drop }>(phone, "POST", fullRequest.url(), fullBody, fullKey);
    expect(replay.status).toBe(200);
    expect(replay.headers["idempotent-replayed"]).toBe("true");
    expect(replay.json.drop.status).toBe("delivered");
    expect(await stockBefore()).toEqual(stock2);

    // --- what the trip moved, worked out by hand
    const trip = await call<Trip>(dist, "GET", `/api/v1/delivery/trips/${tripId}`);
    const dropOf = (o: Order) => trip.drops.find((d) => d.orderId === o.id);
    expect(trip.status).toBe("completed");
    expect(trip.drops.map((d) => [d.orderNumber, d.status]).sort()).toEqual(
      [
        [full.number, "delivered"],
        [partial.number, "partially_delivered"],
        [failed.number, "failed"],
      ].sort(),
    );
    const [pLine1, pLine2] = partial.lines as [OrderLine, OrderLine];
    expect(dropOf(full)).toMatchObject({
      receiverName: "রহিম উদ্দিন",
      podKind: "signature",
      cashCollectedPoisha: 10_000,
      deliveredPoisha: full.totalPoisha,
    });
    expect(dropOf(full)?.paymentNumber).toBeTruthy();
    expect(dropOf(partial)).toMatchObject({
      receiverName: "করিম মিয়া",
      podKind: "photo",
      deliveredQty: pLine1.qty,
      orderedQty: pLine1.qty + pLine2.qty,
      deliveredPoisha: pLine1.totalPoisha,
    });
    expect(dropOf(failed)).toMatchObject({ failureReason: "outlet_closed", deliveredQty: 0 });
    expect(trip.cashCollectedPoisha).toBe(10_000);
    // The proof images are served to the distributor.
    const pod = await request<unknown>(dist, "GET", dropOf(full)?.podUrl ?? "");
    expect(pod.status).toBe(200);
    expect(pod.headers["content-type"]).toMatch(/^image\/png/);

    // Stock: the delivered lines left the shelf and their reservation; the line not taken went back to available;
    // the failed order stays reserved, ready for another trip.
    const stock3 = await stockBefore();
    const expectOnHand = new Map<string, number>();
    const expectReserved = new Map<string, number>();
    const add = (m: Map<string, number>, skuId: string, d: number) => m.set(skuId, (m.get(skuId) ?? 0) + d);
    for (const l of full.lines) {
      add(expectOnHand, l.skuId, -l.qty);
      add(expectReserved, l.skuId, -l.qty);
    }
    add(expectOnHand, pLine1.skuId, -pLine1.qty);
    add(expectReserved, pLine1.skuId, -pLine1.qty);
    add(expectReserved, pLine2.skuId, -pLine2.qty);
    for (const skuId of new Set(orders.flatMap((o) => o.lines.map((l) => l.skuId)))) {
      const was = stock1.get(skuId);
      const now = stock3.get(skuId);
      expect({ sku: skuId, onHand: now?.onHand, reserved: now?.reserved }).toEqual({
        sku: skuId,
        onHand: (was?.onHand ?? 0) + (expectOnHand.get(skuId) ?? 0),
        reserved: (was?.reserved ?? 0) + (expectReserved.get(skuId) ?? 0),
      });
    }

    // Dues: the full delivery less the cash taken; the partial one its first line; nothing for the failed one.
    const dues3 = new Map<string, number>();
    for (const o of orders) dues3.set(o.outletId, await duesOf(o.outletId));
    expect(dues3.get(full.outletId)).toBe((dues1.get(full.outletId) ?? 0) + full.totalPoisha - 10_000);
    expect(dues3.get(partial.outletId)).toBe((dues1.get(partial.outletId) ?? 0) + pLine1.totalPoisha);
    expect(dues3.get(failed.outletId)).toBe(dues1.get(failed.outletId));

    // The failed order is invoiced again and can go on another trip.
    expect((await call<Order>(dist, "GET", `/api/v1/secondary-orders/${failed.id}`)).status).toBe("invoiced");
    const trip2 = await call<{ id: string }>(dist, "POST", "/api/v1/delivery/trips", {
      vehicleId: (
        await call<{ items: { id: string; regNo: string }[] }>(dist, "GET", "/api/v1/delivery/vehicles")
      ).items.find((v) => v.regNo === "DHAKA METRO-NA 99-0002")?.id,
      driverUserId: (await call<{ items: { userId: string }[] }>(dist, "GET", "/api/v1/delivery/drivers")).items[0]
        ?.userId,
    });
    const assignable = await call<{ items: { orderId: string; failedAttempts: number }[] }>(
      dist,
      "GET",
      `/api/v1/delivery/trips/${trip2.id}/assignable-orders`,
    );
    expect(assignable.items.find((a) => a.orderId === failed.id)?.failedAttempts).toBe(1);
    expect(assignable.items.some((a) => a.orderId === full.id || a.orderId === partial.id)).toBe(false);

    // OTIF and fill rate: three drops attempted, one in full and on time; quantities and values as delivered.
    const orderedQty = orders.reduce((s, o) => s + o.lines.reduce((q, l) => q + l.qty, 0), 0);
    const deliveredQty = full.lines.reduce((q, l) => q + l.qty, 0) + pLine1.qty;
    const orderedPoisha = orders.reduce((s, o) => s + o.totalPoisha, 0);
    const deliveredPoisha = full.totalPoisha + pLine1.totalPoisha;
    const m = (await call<Metrics>(dist, "GET", metricsUrl)).totals;
    const want = {
      attempted: metrics1.attempted + 3,
      delivered: metrics1.delivered + 1,
      partiallyDelivered: metrics1.partiallyDelivered + 1,
      failed: metrics1.failed + 1,
      otifDrops: metrics1.otifDrops + 1,
      orderedQty: metrics1.orderedQty + orderedQty,
      deliveredQty: metrics1.deliveredQty + deliveredQty,
      orderedPoisha: metrics1.orderedPoisha + orderedPoisha,
      deliveredPoisha: metrics1.deliveredPoisha + deliveredPoisha,
      cashCollectedPoisha: metrics1.cashCollectedPoisha + 10_000,
    };
    expect(m).toMatchObject({
      ...want,
      otifBp: bp(want.otifDrops, want.attempted),
      fillRateQtyBp: bp(want.deliveredQty, want.orderedQty),
      fillRateValueBp: bp(want.deliveredPoisha, want.orderedPoisha),
    });
    if (metrics1.attempted === 0) expect(m.otifBp).toBe(3333);

    // --- the same figures on the screens
    await dist.goto(`${j.server.base}/trips/${tripId}`);
    await expect.poll(() => dist.getByTestId("trip-detail").getAttribute("data-status")).toBe("completed");
    const rowStatus = (o: Order) =>
      dist.locator(`[data-testid="drop-row"][data-order-number="${o.number}"]`).getAttribute("data-status");
    expect([await rowStatus(full), await rowStatus(partial), await rowStatus(failed)]).toEqual([
      "delivered",
      "partially_delivered",
      "failed",
    ]);
    expect(poishaOf((await dist.getByTestId("trip-cash").textContent()) ?? "")).toBe(10_000);
    expect(await dist.getByTestId("drop-pod").count()).toBe(2);

    await dist.goto(`${j.server.base}/trips`);
    await dist
      .locator(`[data-testid="trip-row"][data-trip-id="${tripId}"] [data-testid="trip-progress"][data-done="2"]`)
      .waitFor();
    expect(poishaOf((await dist.getByTestId("trips-total-cash").locator("p").last().textContent()) ?? "")).toBe(
      metrics1.cashCollectedPoisha + 10_000,
    );
    await dist.screenshot({ path: path.join(SCREENSHOTS, "delivery-trips-en.png"), fullPage: true });

    const sku1 = pLine1.skuCode;
    await dist.goto(`${j.server.base}/stock?q=${encodeURIComponent(sku1)}`);
    const stockRow = dist.locator(`[data-testid="stock-row"][data-sku="${sku1}"]`);
    await stockRow.waitFor();
    expect(Number((await stockRow.locator("td").nth(1).textContent())?.replace(/,/g, ""))).toBe(
      stock3.get(pLine1.skuId)?.onHand,
    );

    const firstOutlet = chosen.find((c) => c.outletId === full.outletId);
    await dist.goto(`${j.server.base}/collections?q=${encodeURIComponent(firstOutlet?.code ?? "")}`);
    const duesRow = dist.getByTestId("dues-row").filter({ hasText: firstOutlet?.code ?? "" });
    await duesRow.waitFor();
    expect(poishaOf((await duesRow.locator("td").nth(2).textContent()) ?? "")).toBe(dues3.get(full.outletId));

    await dist.goto(`${j.server.base}/delivery-metrics?from=${today}&to=${today}`);
    await dist.getByTestId("metric-otif").waitFor();
    await expect.poll(() => dist.getByTestId("metric-otif").getAttribute("data-bp")).toBe(String(m.otifBp));
    expect(await dist.getByTestId("metric-otif-value").textContent()).toBe(`${(m.otifBp ?? 0) / 100}%`);
    expect(await dist.getByTestId("metric-fill-qty").getAttribute("data-bp")).toBe(String(m.fillRateQtyBp));
    await dist.screenshot({ path: path.join(SCREENSHOTS, "delivery-metrics-en.png"), fullPage: true });

    // The trip detail in Bengali.
    await dist.goto(`${j.server.base}/trips/${tripId}`);
    await dist.getByTestId("trip-detail").waitFor();
    await dist.getByTestId("lang-bn").click();
    await expect.poll(() => dist.getByTestId("trip-status").textContent()).toBe("সম্পন্ন");
    await expect.poll(async () => (await dist.getByTestId("trip-cash").textContent()) ?? "").toBe("৳১০০");
    await dist.screenshot({ path: path.join(SCREENSHOTS, "delivery-trip-bn.png"), fullPage: true });

    expect([...distFaults, ...phoneFaults]).toEqual([]);
    await context.close();
    await dist.context().close();
  });
});
