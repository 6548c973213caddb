// The managers' field screens in a real browser. The demo rep works a visit through the field sync API (start the
// day, check in at an outlet of their beat, place an order, check out); the manager's live view, open in Bengali,
// shows the visit with its order number after a refresh, and again in English (screenshots of both). The rep then
// proposes a new outlet with a photo; the manager sees it in the onboarding queue, approves it in the UI, and the
// outlet is active. The admin changes the field settings: a wider radius and a new no-order reason, which the
// reps' snapshot then carries.
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type {
  FieldCommand,
  FieldLiveResponse,
  FieldSnapshotResponse,
  FieldSyncResponse,
} from "../src/shared/contracts/field.ts";
import { newId } from "../src/shared/ids.ts";
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
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await page.goto(`${base}/sign-in`);
  await page.getByTestId(`lang-${lang}`).click();
  await page.getByTestId("signin-email").fill(email);
  await page.getByTestId("signin-password").fill(PASSWORD);
  await page.getByTestId("signin-submit").click();
  await page.getByTestId("home").waitFor();
  return page;
}

/** Through the signed-in page's session (and its CSRF token), as the app itself calls the API. */
async function call<T>(page: Page, method: "GET" | "POST", url: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const csrf = /(?:^|;\s*)bikri_csrf=([^;]+)/.exec(document.cookie)?.[1];
      const r = await fetch(url, {
        method,
        headers: {
          Accept: "application/json",
          "Accept-Language": "en",
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

async function sync(page: Page, commands: FieldCommand[]): Promise<FieldSyncResponse> {
  const res = await call<FieldSyncResponse>(page, "POST", "/api/v1/field/sync", { commands });
  const refused = res.results.filter((r) => r.status !== "applied");
  if (refused.length > 0) throw new Error(`field sync refused: ${JSON.stringify(refused)}`);
  return res;
}

/** A real JPEG of a shop sign, drawn by the browser as the phone's camera would compress it. */
async function shopPhoto(page: Page): Promise<string> {
  return page.evaluate(() => {
    const canvas = document.createElement("canvas");
    canvas.width = 160;
    canvas.height = 120;
    const g = canvas.getContext("2d");
    if (!g) throw new Error("no canvas");
    g.fillStyle = "#2f9e44";
    g.fillRect(0, 0, 160, 120);
    g.fillStyle = "#fff";
    g.font = "bold 20px sans-serif";
    g.fillText("MUDI STORE", 14, 66);
    return canvas.toDataURL("image/jpeg", 0.8).split(",")[1] ?? "";
  });
}

describe.runIf(chromiumAvailable)("journey: the manager's field screens", () => {
  const j = journeyFixture();

  it("shows a visit with its order in the live view, in Bengali and English, and approves a proposed outlet", async () => {
    const rep = await signIn(j.browser, j.server.base, "rep@demo.bikri.app", "en");
    const manager = await signIn(j.browser, j.server.base, "manager@demo.bikri.app", "bn");
    const faults = [...watchForFaults(rep), ...watchForFaults(manager)];

    // The live view before anything happened today: the reps of the manager's division, no visit of ours yet.
    await manager.getByTestId("nav-field-live").click();
    await manager.getByTestId("field-rep-table").waitFor();
    await expect.poll(() => manager.getByTestId("field-rep-row").count()).toBeGreaterThan(0);
    expect(await manager.getByTestId("field-rep-totals").count()).toBe(1);

    // What the rep's phone knows: an outlet of their beat with a point and a distributor, and SKUs it is priced
    // for that the distributor has in stock.
    const snapshot = await call<FieldSnapshotResponse>(rep, "GET", "/api/v1/field/snapshot");
    const outlet = snapshot.outlets.find(
      (o) => o.status === "active" && o.lat !== null && o.lng !== null && o.distributorId && o.priceBookKey,
    );
    if (!outlet?.distributorId || outlet.lat === null || outlet.lng === null) {
      throw new Error("the demo rep has no active outlet with a point and a distributor");
    }
    const priced = new Set(
      snapshot.priceBooks.find((b) => b.key === outlet.priceBookKey)?.prices.map((p) => p.skuId) ?? [],
    );
    const stock = await call<{ items: { skuId: string; available: number }[] }>(
      rep,
      "GET",
      `/api/v1/stock?distributorId=${outlet.distributorId}&limit=200`,
    );
    const skuId = stock.items.find((s) => s.available >= 10 && priced.has(s.skuId))?.skuId;
    if (!skuId) throw new Error("the outlet's distributor has no priced SKU in stock");

    const visitId = newId();
    const orderId = newId();
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
    const gps = { lat: outlet.lat, lng: outlet.lng, accuracyM: 8 };
    await sync(rep, [
      { id: newId(), kind: "day.start", at: at(30), payload: { gps } },
      { id: newId(), kind: "visit.check_in", at: at(12), payload: { visitId, outletId: outlet.id, gps } },
      {
        id: newId(),
        kind: "order.place",
        at: at(8),
        payload: { orderId, visitId, outletId: outlet.id, lines: [{ skuId, qty: 2, unit: "piece" }] },
      },
      { id: newId(), kind: "visit.check_out", at: at(2), payload: { visitId, outcome: "order" } },
    ]);
    const order = await call<{ number: string }>(rep, "GET", `/api/v1/secondary-orders/${orderId}`);

    // The manager's view asks again by itself every 30 s; "refresh now" does it at once.
    await manager.getByTestId("field-live-refresh").click();
    const row = manager.locator(`[data-testid="field-visit-row"][data-visit-id="${visitId}"]`);
    await row.waitFor({ timeout: 20_000 });
    expect(await row.getByTestId("field-visit-order").textContent()).toContain(order.number);
    expect(await row.getByTestId("field-visit-outlet").textContent()).toContain(outlet.nameBn);
    // The check-in has a GPS point, so it is a marker on the map (drawn on canvas: no tiles needed).
    await expect
      .poll(async () => Number(await manager.getByTestId("field-live-map").getAttribute("data-points")))
      .toBeGreaterThan(0);
    // The same visit through the API: planned or not, its KPIs count it for the rep.
    const live = await call<FieldLiveResponse>(manager, "GET", "/api/v1/field/live");
    const me = live.reps.find((r) => r.userId === snapshot.me.userId);
    expect(me?.kpis.visits).toBeGreaterThanOrEqual(1);
    expect(me?.kpis.productiveVisits).toBeGreaterThanOrEqual(1);
    expect(live.visits.find((v) => v.id === visitId)?.orderNumber).toBe(order.number);
    expect(await manager.getByRole("heading", { level: 2 }).textContent()).toBe("মাঠের লাইভ চিত্র");
    await manager.screenshot({ path: path.join(SCREENSHOTS, "field-live-bn.png"), fullPage: true });

    // One rep's day: the visit log keeps only their visits, and the filter is in the shareable URL.
    await manager
      .getByTestId("field-rep-row")
      .filter({ hasText: snapshot.me.name })
      .getByRole("button", { name: snapshot.me.name })
      .click();
    await manager.getByTestId("field-live-rep-chip").waitFor();
    expect(manager.url()).toContain(`repId=${snapshot.me.userId}`);
    await row.waitFor();

    await manager.getByTestId("lang-en").click();
    await manager.getByRole("heading", { name: "Field live view" }).waitFor();
    expect(await row.getByTestId("field-visit-outlet").textContent()).toContain(outlet.name);
    await manager.screenshot({ path: path.join(SCREENSHOTS, "field-live-en.png"), fullPage: true });

    // A shop the rep found on the beat, proposed with a photo.
    const proposedId = newId();
    await sync(rep, [
      {
        id: newId(),
        kind: "outlet.propose",
        at: at(1),
        payload: {
          outletId: proposedId,
          name: "Rahima Field Store",
          nameBn: "রহিমা মাঠের দোকান",
          ownerName: "Rahima Khatun",
          phone: "01711-000222",
          channel: "grocery",
          outletClass: "C",
          address: "Main road, near the mosque",
          routeId: snapshot.routes[0]?.id ?? "",
          gps: { lat: outlet.lat + 0.002, lng: outlet.lng + 0.002, accuracyM: 12 },
          photo: { contentType: "image/jpeg", base64: await shopPhoto(rep) },
        },
      },
    ]);

    await manager.getByTestId("nav-field-onboarding").click();
    const card = manager.locator(`[data-testid="onboarding-card"][data-outlet-id="${proposedId}"]`);
    await card.waitFor();
    expect(await card.textContent()).toContain("Rahima Khatun");
    // The photo is served to the manager and decodes as an image.
    const photo = card.getByTestId("onboarding-photo");
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(160);
    await manager.screenshot({ path: path.join(SCREENSHOTS, "field-onboarding-en.png"), fullPage: true });

    // Served by the distributor of the beat's other outlets, found by its code in the searchable list.
    const distributor = await call<{ id: string; code: string }>(
      manager,
      "GET",
      `/api/v1/distributors/${outlet.distributorId}`,
    );
    await card.getByTestId("onboarding-approve").click();
    await manager.getByTestId("onboarding-distributor").fill(distributor.code);
    await manager.getByRole("option", { name: distributor.code }).click();
    await manager.getByTestId("onboarding-confirm").click();
    await card.waitFor({ state: "detached" });

    const approved = await call<{ status: string; distributorId: string | null }>(
      manager,
      "GET",
      `/api/v1/outlets/${proposedId}`,
    );
    expect(approved.status).toBe("active");
    expect(approved.distributorId).toBe(distributor.id);
    await manager.getByTestId("onboarding-tab-approved").click();
    await card.waitFor();

    expect(faults).toEqual([]);
    await rep.close();
    await manager.close();
  });

  it("lets the admin change the check-in radius and add a no-order reason", async () => {
    const admin = await signIn(j.browser, j.server.base, "admin@demo.bikri.app", "en");
    const faults = watchForFaults(admin);
    await admin.getByTestId("nav-field-settings").click();
    await admin.getByTestId("settings-radius").waitFor();
    const before = await admin.getByTestId("settings-reason-row").count();
    expect(before).toBeGreaterThan(0);

    await admin.getByTestId("settings-radius").fill("150");
    await admin.getByTestId("settings-reason-add").click();
    const added = admin.getByTestId("settings-reason-row").last();
    // A code the reps' list cannot hold: refused on the screen, nothing is sent.
    await added.getByTestId("settings-reason-code").fill("road blocked");
    await added.getByTestId("settings-reason-en").fill("Road blocked");
    await added.getByTestId("settings-reason-bn").fill("রাস্তা বন্ধ");
    await admin.getByTestId("settings-save").click();
    await added.getByText("format", { exact: false }).waitFor();
    await added.getByTestId("settings-reason-code").fill("road_blocked");
    await admin.getByTestId("settings-save").click();
    await admin.getByText("Field settings saved").waitFor();

    await admin.reload();
    await admin.getByTestId("settings-radius").waitFor();
    expect(await admin.getByTestId("settings-radius").inputValue()).toBe("150 m");
    expect(await admin.getByTestId("settings-reason-row").count()).toBe(before + 1);
    expect(await admin.getByTestId("settings-reasons").textContent()).toContain("road_blocked");

    const rep = await signIn(j.browser, j.server.base, "rep@demo.bikri.app", "bn");
    const snapshot = await call<FieldSnapshotResponse>(rep, "GET", "/api/v1/field/snapshot");
    expect(snapshot.settings.checkInRadiusM).toBe(150);
    expect(snapshot.noOrderReasons).toContainEqual({
      code: "road_blocked",
      labelEn: "Road blocked",
      labelBn: "রাস্তা বন্ধ",
    });

    expect(faults).toEqual([]);
    await rep.close();
    await admin.close();
  });

  it("shows a rep the way from the web app to the field app, and nobody without field work", async () => {
    const rep = await signIn(j.browser, j.server.base, "rep@demo.bikri.app", "bn");
    expect(await rep.getByTestId("nav-field-app").getAttribute("href")).toBe("/field/");
    await rep.getByTestId("home-field-app").click();
    // The field app's own page: it knows the web app's session, so it opens on the beat.
    await rep.getByTestId("field-beat").waitFor({ timeout: 30_000 });
    expect(new URL(rep.url()).pathname).toBe("/field/");
    const admin = await signIn(j.browser, j.server.base, "admin@demo.bikri.app", "en");
    expect(await admin.getByTestId("nav-field-app").count()).toBe(0);
    expect(await admin.getByTestId("home-field-app").count()).toBe(0);
    await rep.close();
    await admin.close();
  });
});
