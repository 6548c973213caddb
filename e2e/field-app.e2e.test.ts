// The field app on a rep's phone, in Bengali: a 360 px touch screen with GPS, signed in as the demo rep. The rep
// starts the day, then walks three outlets of the beat with the network off: two orders and one visit without an
// order. A reload while still offline loses nothing (the service worker opens the app; the outbox and the visits
// come back from IndexedDB). Back online, the outbox syncs by itself; the server then holds exactly two new orders
// and three visits for the rep today, and stays at that when the same commands are sent three more times. Then a
// refused order waits under "needs attention" until discarded, and a new outlet is proposed with a photo shrunk
// on the phone.
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type {
  FieldCommand,
  FieldOutlet,
  FieldSnapshotResponse,
  FieldSyncResponse,
} from "../src/shared/contracts/field.ts";
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

/** Through the page's session and CSRF token, as the app calls the API. Needs the network on. */
async function call<T>(page: Page, method: "GET" | "POST", url: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const csrf = /(?:^|;\s*)bikri_csrf=([^;]+)/.exec(document.cookie)?.[1];
      const r = await fetch(url, {
        method,
        headers: {
          Accept: "application/json",
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
          ...(csrf ? { "x-csrf-token": decodeURIComponent(csrf) } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await r.text();
      if (!r.ok) throw new Error(`${method} ${url}: ${r.status} ${text}`);
      return JSON.parse(text);
    },
    { method, url, body },
  ) as Promise<T>;
}

/** The commands in the phone's outbox, oldest first, read straight from IndexedDB. */
async function outboxCommands(page: Page): Promise<FieldCommand[]> {
  return page.evaluate(
    () =>
      new Promise<FieldCommand[]>((resolve, reject) => {
        const open = indexedDB.open("bikri-field");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const read = open.result.transaction("outbox").objectStore("outbox").getAll();
          read.onerror = () => reject(read.error);
          read.onsuccess = () => {
            const rows = read.result as { seq: number; command: FieldCommand }[];
            resolve(rows.sort((a, b) => a.seq - b.seq).map((r) => r.command));
            open.result.close();
          };
        };
      }),
  );
}

async function pendingCount(page: Page): Promise<number> {
  return Number(await page.getByTestId("field-pending").getAttribute("data-count"));
}

/** Stand a few metres from the outlet, as a rep at its counter. */
async function standAt(context: BrowserContext, outlet: FieldOutlet): Promise<void> {
  if (outlet.lat === null || outlet.lng === null) throw new Error(`outlet ${outlet.code} has no point`);
  await context.setGeolocation({ latitude: outlet.lat + 0.0001, longitude: outlet.lng, accuracy: 10 });
}

async function openOutlet(page: Page, outletId: string): Promise<void> {
  await page.locator(`[data-testid="field-outlet-card"][data-outlet-id="${outletId}"] button.outlet-row`).click();
  await page.getByTestId("field-outlet").waitFor();
}

async function checkIn(page: Page): Promise<void> {
  await page.getByTestId("field-checkin").click();
  await page.getByTestId("field-open-visit").waitFor();
  // Standing at the counter: inside the check-in radius.
  expect(await page.getByTestId("field-visit-distance").locator("[data-outside]").getAttribute("data-outside")).toBe(
    "false",
  );
}

async function ordersToday(page: Page, outletIds: string[]): Promise<string[]> {
  const today = businessDate();
  const ids: string[] = [];
  for (const outletId of outletIds) {
    const list = await call<{ items: { id: string }[] }>(
      page,
      "GET",
      `/api/v1/secondary-orders?outletId=${outletId}&from=${today}&to=${today}&limit=200`,
    );
    ids.push(...list.items.map((o) => o.id));
  }
  return ids.sort();
}

describe.runIf(chromiumAvailable)("journey: the rep's field app, offline", () => {
  const j = journeyFixture();

  it("takes two orders and a no-order visit offline, survives a reload, syncs once and only once", async () => {
    const context = await j.browser.newContext({
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
      locale: "bn-BD",
      permissions: ["geolocation"],
      geolocation: { latitude: 23.75, longitude: 90.39, accuracy: 20 },
    });
    const page = await context.newPage();
    const faults = watchForFaults(page);

    // Sign in, in Bengali.
    await page.goto(`${j.server.base}/field/`);
    await page.getByTestId("field-lang-bn").click();
    await page.getByTestId("field-signin-email").fill("rep@demo.bikri.app");
    await page.getByTestId("field-signin-password").fill(PASSWORD);
    await page.getByTestId("field-signin-submit").click();
    await page.getByTestId("field-beat").waitFor({ timeout: 30_000 });
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("bn");
    expect(await page.locator('[data-field-ready="true"]').count()).toBe(1);

    // The service worker is installed and controls the page, so the app opens with no network.
    await page.evaluate(() => navigator.serviceWorker.ready);
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

    // Today may not be a beat day of the rep (the small demo has one route per territory): then the rep picks one.
    if (await page.getByTestId("field-no-beat-today").isVisible()) {
      await page.getByTestId("field-route-option").first().click();
    }
    await page.getByTestId("field-route-name").waitFor();

    // What the server gave the phone: the beat's outlets, their price books, and stock at their distributors.
    const snapshot = await call<FieldSnapshotResponse>(page, "GET", "/api/v1/field/snapshot");
    const beatIds = await page
      .getByTestId("field-outlet-card")
      .evaluateAll((cards) => cards.map((c) => c.getAttribute("data-outlet-id") ?? ""));
    const byId = new Map(snapshot.outlets.map((o) => [o.id, o]));
    const orderable = async (o: FieldOutlet) => {
      const book = snapshot.priceBooks.find((b) => b.key === o.priceBookKey);
      if (!book || !o.distributorId || o.lat === null) return [];
      const stock = await call<{ items: { skuId: string; available: number }[] }>(
        page,
        "GET",
        `/api/v1/stock?distributorId=${o.distributorId}&limit=200`,
      );
      const priced = new Set(book.prices.map((p) => p.skuId));
      return stock.items.filter((s) => s.available >= 20 && priced.has(s.skuId)).map((s) => s.skuId);
    };
    const chosen: { outlet: FieldOutlet; skuIds: string[] }[] = [];
    for (const id of beatIds) {
      const outlet = byId.get(id);
      if (outlet?.status !== "active" || outlet.lat === null) continue;
      if (chosen.length === 2) {
        chosen.push({ outlet, skuIds: [] });
        break;
      }
      const skuIds = await orderable(outlet);
      if (skuIds.length >= 2) chosen.push({ outlet, skuIds });
    }
    if (chosen.length < 3) throw new Error("the demo beat has fewer than three outlets to visit");
    const [first, second, third] = chosen as [(typeof chosen)[0], (typeof chosen)[0], (typeof chosen)[0]];
    const skus = new Map(snapshot.skus.map((s) => [s.id, s]));
    const ordersBefore = await ordersToday(page, [first.outlet.id, second.outlet.id]);

    // Start the day (online: it syncs at once).
    await standAt(context, first.outlet);
    await page.getByTestId("field-day-start").click();
    await page.getByTestId("field-day-started").waitFor();
    await expect.poll(() => pendingCount(page), { timeout: 20_000 }).toBe(0);

    // The network goes.
    await context.setOffline(true);
    await expect.poll(() => page.getByTestId("field-network").textContent()).toBe("অফলাইন");

    // Two orders: two SKUs each, a few pieces (one line in the SKU's base unit, one typed quantity).
    for (const [n, stop] of [first, second].entries()) {
      await standAt(context, stop.outlet);
      await openOutlet(page, stop.outlet.id);
      await checkIn(page);
      await page.getByTestId("field-take-order").click();
      await page.getByTestId("field-order").waitFor();
      for (const skuId of stop.skuIds.slice(0, 2)) {
        const sku = skus.get(skuId);
        if (!sku) throw new Error(`SKU ${skuId} is not in the snapshot`);
        await page.getByTestId("field-sku-search").fill(sku.code);
        const row = page.locator(`[data-testid="field-sku-result"][data-sku-id="${skuId}"]`);
        await row.locator(`[data-testid="field-add-unit"][data-unit="${sku.baseUnit}"]`).click();
      }
      await expect.poll(() => page.getByTestId("field-order-line").count()).toBe(2);
      await page.getByTestId("field-line-qty").first().fill("3");
      await expect.poll(() => page.getByTestId("field-line-qty").first().inputValue()).toBe("3");
      expect(Number(await page.getByTestId("field-order-total").getAttribute("data-poisha"))).toBeGreaterThan(0);
      if (n === 0) await page.screenshot({ path: path.join(SCREENSHOTS, "field-order-bn.png"), fullPage: true });
      await page.getByTestId("field-order-save").click();
      await page.getByTestId("field-open-visit").waitFor();
      await page.getByTestId("field-outlet-order").waitFor();
      await page.getByTestId("field-checkout").click();
      await page.getByTestId("field-visit-summary").waitFor();
      expect(await page.getByTestId("field-visit-summary").getAttribute("data-outcome")).toBe("order");
      await page.getByTestId("field-back").click();
      await page.getByTestId("field-beat").waitFor();
    }

    // A visit without an order: a reason from the org's list.
    await standAt(context, third.outlet);
    await openOutlet(page, third.outlet.id);
    await checkIn(page);
    const reason = snapshot.noOrderReasons[0];
    if (!reason) throw new Error("the demo org has no no-order reasons");
    await page.getByTestId(`field-reason-${reason.code}`).click();
    await page.getByTestId("field-checkout").click();
    await page.getByTestId("field-visit-summary").waitFor();
    expect(await page.getByTestId("field-visit-summary").getAttribute("data-outcome")).toBe("no_order");
    await page.getByTestId("field-back").click();

    // 3 check-ins, 2 orders, 3 check-outs wait in the outbox.
    expect(await pendingCount(page)).toBe(8);
    const cardStatus = (id: string) =>
      page.locator(`[data-testid="field-outlet-card"][data-outlet-id="${id}"]`).getAttribute("data-status");

    // Reload with no network: the service worker opens the app; nothing is lost.
    await page.reload();
    await page.getByTestId("field-beat").waitFor({ timeout: 30_000 });
    expect(await pendingCount(page)).toBe(8);
    expect(await cardStatus(first.outlet.id)).toBe("order");
    expect(await cardStatus(second.outlet.id)).toBe("order");
    expect(await cardStatus(third.outlet.id)).toBe("no_order");
    expect(await page.getByTestId("field-network").textContent()).toBe("অফলাইন");
    await page.screenshot({ path: path.join(SCREENSHOTS, "field-beat-bn.png"), fullPage: true });

    const commands = await outboxCommands(page);
    expect(commands.map((c) => c.kind)).toEqual([
      "visit.check_in",
      "order.place",
      "visit.check_out",
      "visit.check_in",
      "order.place",
      "visit.check_out",
      "visit.check_in",
      "visit.check_out",
    ]);

    // The network comes back: the outbox empties by itself, with nothing refused.
    await context.setOffline(false);
    await expect.poll(() => pendingCount(page), { timeout: 30_000 }).toBe(0);
    expect(await page.getByTestId("field-attention-banner").count()).toBe(0);

    // On the server: exactly the two new orders, and the three visits of today.
    const orderIds = commands.flatMap((c) => (c.kind === "order.place" ? [c.payload.orderId] : []));
    const visitIds = commands.flatMap((c) => (c.kind === "visit.check_in" ? [c.payload.visitId] : []));
    const expectedOrders = [...ordersBefore, ...orderIds].sort();
    const serverState = async () => {
      const snap = await call<FieldSnapshotResponse>(page, "GET", "/api/v1/field/snapshot");
      return {
        orders: await ordersToday(page, [first.outlet.id, second.outlet.id]),
        visits: snap.day.visits.map((v) => ({ id: v.id, outcome: v.outcome })).sort((a, b) => a.id.localeCompare(b.id)),
      };
    };
    const expectedVisits = visitIds
      .map((id, i) => ({ id, outcome: i < 2 ? "order" : "no_order" }))
      .sort((a, b) => a.id.localeCompare(b.id));
    expect(await serverState()).toEqual({ orders: expectedOrders, visits: expectedVisits });

    // The same commands three more times (a lost reply, a second phone tab...): each is answered with its first
    // result, and nothing is done twice.
    for (let i = 0; i < 3; i++) {
      const replay = await call<FieldSyncResponse>(page, "POST", "/api/v1/field/sync", { commands });
      expect(replay.results.map((r) => [r.id, r.status, r.replayed])).toEqual(
        commands.map((c) => [c.id, "applied", true]),
      );
    }
    expect(await serverState()).toEqual({ orders: expectedOrders, visits: expectedVisits });

    // The phone shows the server's order numbers once synced.
    await openOutlet(page, first.outlet.id);
    await expect
      .poll(() => page.getByTestId("field-outlet-order").getByTestId("field-state").textContent())
      .toBe("সিঙ্ক হয়েছে");

    // A command the server refuses (an order far past the outlet's credit limit and the distributor's stock): it
    // waits under "needs attention" with the server's message in Bengali; discarding it drops the order from the
    // phone, and the server never had it.
    // The rep is still at the third outlet: checking in at the first from there is flagged on the phone at once,
    // and by the server once synced.
    page.on("dialog", (d) => void d.accept());
    await page.getByTestId("field-checkin").click();
    await page.getByTestId("field-open-visit").waitFor();
    expect(await page.getByTestId("field-visit-distance").locator("[data-outside]").getAttribute("data-outside")).toBe(
      "true",
    );
    await page.getByTestId("field-take-order").click();
    const sku = skus.get(first.skuIds[0] ?? "");
    if (!sku) throw new Error("no SKU to order");
    await page.getByTestId("field-sku-search").fill(sku.code);
    await page
      .locator(
        `[data-testid="field-sku-result"][data-sku-id="${sku.id}"] [data-testid="field-add-unit"][data-unit="${sku.baseUnit}"]`,
      )
      .click();
    await page.getByTestId("field-line-qty").first().fill("9999999");
    await expect.poll(() => page.getByTestId("field-line-qty").first().inputValue()).toBe("9999999");
    await page.getByTestId("field-order-save").click();
    await page.getByTestId("field-attention-banner").click({ timeout: 30_000 });
    const refused = page.getByTestId("field-attention-item");
    await refused.waitFor();
    expect(await refused.getAttribute("data-kind")).toBe("order.place");
    expect(await refused.getAttribute("data-code")).toMatch(/^(order\.credit_limit|stock\.insufficient)$/);
    expect(await refused.textContent()).toMatch(/ক্রেডিট সীমা|যথেষ্ট স্টক নেই/);
    // What went through carries one warning, the far check-in, and no "prices changed": the phone's totals were
    // the server's (the same pricing code).
    expect(await page.getByTestId("field-history-item").count()).toBeGreaterThanOrEqual(10);
    const warnings = await page.getByTestId("field-history-warning").allTextContents();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("দূরে");
    await refused.getByTestId("field-attention-discard").click();
    await expect.poll(() => page.getByTestId("field-attention-item").count()).toBe(0);
    expect(await page.getByTestId("field-attention-banner").count()).toBe(0);
    expect(await ordersToday(page, [first.outlet.id, second.outlet.id])).toEqual(expectedOrders);

    // A new outlet from the field, with a camera-sized photo: shrunk on the phone to at most 1024 px and about
    // 100 KB, then waiting for a manager's approval once synced.
    const camera = await page.evaluate(async () => {
      const canvas = document.createElement("canvas");
      canvas.width = 4000;
      canvas.height = 3000;
      const g = canvas.getContext("2d");
      if (!g) throw new Error("no canvas");
      const sky = g.createLinearGradient(0, 0, 0, 3000);
      sky.addColorStop(0, "#74c0fc");
      sky.addColorStop(1, "#fab005");
      g.fillStyle = sky;
      g.fillRect(0, 0, 4000, 3000);
      for (let i = 0; i < 400; i++) {
        g.fillStyle = `hsl(${(i * 37) % 360} 70% 50%)`;
        g.fillRect((i * 211) % 4000, (i * 97) % 3000, 120, 80);
      }
      g.fillStyle = "#fff";
      g.font = "bold 300px sans-serif";
      g.fillText("MUDI STORE", 600, 1600);
      const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, "image/png"));
      if (!blob) throw new Error("no photo");
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let bin = "";
      for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(bin);
    });
    await page.getByTestId("field-nav-onboard").click();
    await page.getByTestId("field-onboard").waitFor();
    await page
      .getByTestId("field-onboard-photo")
      .setInputFiles({ name: "shop.png", mimeType: "image/png", buffer: Buffer.from(camera, "base64") });
    const size = page.getByTestId("field-onboard-photo-size");
    await size.waitFor({ timeout: 30_000 });
    expect(Buffer.from(camera, "base64").length).toBeGreaterThan(300_000);
    expect(Number(await size.getAttribute("data-bytes"))).toBeLessThanOrEqual(100 * 1024);
    await page.getByTestId("field-onboard-name").fill("Notun Store");
    await page.getByTestId("field-onboard-name-bn").fill("নতুন স্টোর");
    await page.getByTestId("field-onboard-owner").fill("Abdul Karim");
    await page.getByTestId("field-onboard-phone").fill("০১৭১১-২২৩৩৪৪");
    await page.getByTestId("field-onboard-address").fill("Station Road");
    await page.getByTestId("field-onboard-gps").click();
    await expect.poll(() => page.getByTestId("field-onboard-gps-value").textContent()).toMatch(/[০-৯]/);
    await page.getByTestId("field-onboard-save").click();
    await page.getByTestId("field-onboard-saved").waitFor();
    const proposal = page.getByTestId("field-proposal");
    await expect.poll(() => proposal.getByTestId("field-state").count(), { timeout: 30_000 }).toBe(0);
    expect(await proposal.getByTestId("field-proposal-waiting").textContent()).toBe("অনুমোদনের অপেক্ষায়");
    expect(await page.getByTestId("field-attention-banner").count()).toBe(0);

    expect(faults).toEqual([]);
    await context.close();
  });
});
