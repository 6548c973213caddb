// Journey through the network screens: find an outlet by its name in either script, open it, schedule a
// reassignment, see outlets on the map without map tiles (the machine is offline), and get a row-by-row
// report from a bad territory import.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { chromiumAvailable, journeyFixture, SCREENSHOTS } from "./browser.ts";

describe.runIf(chromiumAvailable)("journey: outlets, map and territory import", () => {
  const j = journeyFixture();

  it("searches in both scripts, reassigns from a date, maps and reports a bad import", async () => {
    const page = await j.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      // Tiles come from the internet; offline (and under the CSP) they fail, and the markers must still show.
      // The refused import answers 422 on purpose.
      if (m.type() === "error" && !/tile|Content Security Policy|ERR_|status of 422/.test(m.text()))
        errors.push(m.text());
    });

    await page.goto(j.server.base);
    await page.waitForURL(/\/sign-in/);
    await page.getByTestId("lang-en").click();
    await page.getByTestId("signin-email").fill("admin@demo.bikri.app");
    await page.getByTestId("signin-password").fill("bikri-demo");
    await page.getByTestId("signin-submit").click();
    await page.getByTestId("user-menu").waitFor();

    // A shop to look for, made through the API as the signed-in admin.
    const csrf = (await page.context().cookies()).find((c) => c.name === "bikri_csrf")?.value ?? "";
    const headers = { "x-csrf-token": decodeURIComponent(csrf) };
    const routes = await (await page.request.get(`${j.server.base}/api/v1/territories?level=route&limit=1`)).json();
    const created = await page.request.post(`${j.server.base}/api/v1/outlets`, {
      headers,
      data: {
        code: "E2E-MUDI",
        name: "Zebunnesa Mudi Dokan",
        nameBn: "জেবুন্নেসা মুদি দোকান",
        ownerName: "Zebunnesa Begum",
        phone: "01712-000111",
        channel: "grocery",
        routeId: routes.items[0].id,
        lat: 23.81,
        lng: 90.41,
      },
    });
    expect(created.status(), await created.text()).toBe(201);

    await page.getByTestId("nav-outlets").click();
    await page.getByTestId("outlet-search").fill("zebunnesa mudi");
    await expect.poll(() => page.getByTestId("outlet-row").count()).toBe(1);
    await page.getByTestId("outlet-search").fill("জেবুন্নেসা মুদি");
    await expect.poll(async () => page.getByTestId("outlet-row").first().textContent()).toContain("Zebunnesa");
    expect(await page.getByTestId("outlet-row").count()).toBe(1);
    await page.screenshot({ path: path.join(SCREENSHOTS, "network-outlet-search.png") });

    await page.getByTestId("outlet-row").getByRole("link").first().click();
    await page.getByTestId("outlet-title").waitFor();
    const distributors = await (await page.request.get(`${j.server.base}/api/v1/distributors?limit=1`)).json();
    if (distributors.items.length > 0) {
      await page.getByTestId("outlet-reassign").click();
      await page.getByTestId("reassign-distributor").click();
      await page.getByRole("option").first().click();
      const tomorrow = new Date(Date.now() + 86_400_000 * 2).toISOString().slice(0, 10);
      await page.getByTestId("reassign-date").fill(tomorrow);
      await page.getByTestId("reassign-save").click();
      await expect.poll(() => page.getByTestId("assignment-row").count()).toBeGreaterThan(0);
    }
    await page.screenshot({ path: path.join(SCREENSHOTS, "network-outlet-detail.png"), fullPage: true });

    await page.goto(`${j.server.base}/outlets?view=map`);
    await page.getByTestId("outlet-map").waitFor();
    // Markers are drawn on the map's canvas (circle markers), which needs no tile to show.
    await expect
      .poll(async () => Number(await page.getByTestId("outlet-map").getAttribute("data-points")), { timeout: 20_000 })
      .toBeGreaterThan(0);
    expect(await page.locator('[data-testid="outlet-map"] canvas').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, "network-outlet-map.png") });

    await page.getByTestId("nav-territories").click();
    await page.getByTestId("territory-tree").waitFor();
    await page.getByTestId("territory-import").click();
    await page
      .getByTestId("import-text")
      .fill("code,name,name_bn,level,parent_code\nE2E-A,Area,এরিয়া,area,DHA\nE2E-B,Bad,ভুল,teritory,E2E-A\n");
    await page.getByTestId("import-submit").click();
    await page.getByTestId("import-report").waitFor();
    const report = await page.getByTestId("import-error-row").allTextContents();
    expect(report).toHaveLength(1);
    expect(report[0]).toMatch(/^3\s*level/);
    const after = await (await page.request.get(`${j.server.base}/api/v1/territories?q=E2E&limit=10`)).json();
    expect(after.items).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, "network-territory-import.png") });

    expect(errors).toEqual([]);
    await page.close();
  });
});
