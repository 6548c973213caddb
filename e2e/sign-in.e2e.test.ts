import path from "node:path";
import { describe, expect, it } from "vitest";
import { chromiumAvailable, INSTALL_HINT, journeyFixture, SCREENSHOTS } from "./browser.ts";

describe("browser", () => {
  it("has Chromium to drive", () => {
    if (!chromiumAvailable) {
      console.warn(`\n  Browser journeys not run. ${INSTALL_HINT}\n`);
      expect(process.env.CI, INSTALL_HINT).not.toBe("true");
    }
  });
});

describe.runIf(chromiumAvailable)("journey: sign in, switch to Bengali, sign out", () => {
  const j = journeyFixture();

  for (const width of [1280, 360]) {
    it(`works at ${width} px`, async () => {
      const page = await j.browser.newPage({ viewport: { width, height: width > 400 ? 800 : 740 } });
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });

      await page.goto(j.server.base);
      await page.waitForURL(/\/sign-in/);
      await page.getByTestId("lang-en").click();
      await page.getByTestId("signin-email").fill("admin@demo.bikri.app");
      await page.getByTestId("signin-password").fill("bikri-demo");
      await page.getByTestId("signin-submit").click();
      await page.getByTestId("user-menu").waitFor();

      const nav = page.getByTestId("nav");
      if (width < 768) await page.getByTestId("nav-burger").click();
      await nav.getByTestId("nav-users").waitFor();
      expect(await nav.getByTestId("nav-users").textContent()).toMatch(/Users/);
      await page.screenshot({ path: path.join(SCREENSHOTS, `home-en-${width}.png`), fullPage: true });

      await page.getByTestId("lang-bn").click();
      await expect.poll(async () => nav.getByTestId("nav-users").textContent()).toMatch(/[\u0980-\u09FF]/);
      expect(await nav.getByTestId("nav-home").textContent()).toMatch(/[\u0980-\u09FF]/);
      await page.screenshot({ path: path.join(SCREENSHOTS, `home-bn-${width}.png`), fullPage: true });

      // The language is remembered for the user: a reload keeps Bengali.
      await page.reload();
      if (width < 768) await page.getByTestId("nav-burger").click();
      await expect.poll(async () => nav.getByTestId("nav-users").textContent()).toMatch(/[\u0980-\u09FF]/);

      // Put the language back for the next run, then sign out.
      await page.getByTestId("lang-en").click();
      await page.getByTestId("user-menu").click();
      await page.getByTestId("signout").click();
      await page.waitForURL(/\/sign-in/);
      const session = await page.request.get(`${j.server.base}/api/v1/auth/session`);
      expect(session.status()).toBe(401);
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});

describe.runIf(chromiumAvailable)("journey: a retailer signs in with the shop's mobile number", () => {
  const j = journeyFixture();

  it("types the number in Bengali digits on a 360 px phone and lands on the shop page, in Bengali", async () => {
    // The demo retailer's number is the one of the outlet they own; an admin can read it.
    const admin = await j.browser.newContext();
    const signedIn = await admin.request.post(`${j.server.base}/api/v1/auth/sign-in`, {
      data: { email: "admin@demo.bikri.app", password: "bikri-demo" },
    });
    expect(signedIn.status()).toBe(200);
    const headers = { "x-csrf-token": (await signedIn.json()).csrfToken as string };
    const list = await admin.request.get(`${j.server.base}/api/v1/users?role=retailer`);
    const retailer = (await list.json()).items.find((u: { email: string }) => u.email === "retailer@demo.bikri.app");
    expect(retailer?.phone).toMatch(/^\+8801[3-9]\d{8}$/);
    // A memo-level deal for every shop, made and switched on as marketing would: ৳100 off a memo of ৳1 or more.
    const day = new Date(Date.now() + 6 * 3_600_000).toISOString().slice(0, 10);
    const scheme = await admin.request.post(`${j.server.base}/api/v1/promotions/schemes`, {
      headers,
      data: {
        code: "SHOP100",
        name: "Shop deal: ৳100 off",
        nameBn: "দোকানের অফার: ৳১০০ ছাড়",
        validFrom: day,
        validTo: day,
        rule: {
          kind: "slab",
          skuIds: [],
          measure: "value",
          mode: "once",
          slabs: [{ min: 100, benefit: { type: "flat", poisha: 10_000 } }],
        },
      },
    });
    expect(scheme.status()).toBe(201);
    const on = await admin.request.post(
      `${j.server.base}/api/v1/promotions/schemes/${(await scheme.json()).id}/activate`,
      { headers },
    );
    expect(on.status()).toBe(200);
    await admin.close();
    const local = `0${(retailer.phone as string).slice(4)}`;
    const bengali = local.replace(/\d/g, (d) => String.fromCharCode(0x09e6 + Number(d)));

    const page = await j.browser.newPage({ viewport: { width: 360, height: 740 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(j.server.base);
    await page.waitForURL(/\/sign-in/);
    await page.getByTestId("lang-bn").click();
    await expect.poll(async () => page.getByTestId("signin-submit").textContent()).toMatch(/[\u0980-\u09FF]/);
    await page.getByTestId("signin-email").fill(bengali);
    await page.getByTestId("signin-password").fill("not-the-password");
    await page.getByTestId("signin-submit").click();
    // A wrong password is said in Bengali and keeps the visitor on the sign-in page.
    await expect.poll(async () => page.getByRole("alert").textContent()).toMatch(/মোবাইল নম্বর বা পাসওয়ার্ড ভুল/);
    await page.getByTestId("signin-password").fill("bikri-demo");
    await page.getByTestId("signin-submit").click();
    await page.waitForURL(/\/shop/);
    await page.getByTestId("shop").waitFor();
    expect(await page.getByTestId("shop").textContent()).toMatch(/[\u0980-\u09FF]/);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await page.screenshot({ path: path.join(SCREENSHOTS, "retailer-phone-sign-in-bn-360.png"), fullPage: true });
    // The shop's usual memo earns the deal: the page names the offer, says what the shop saves, and its total is what
    // the placed order costs.
    await page.getByTestId("shop-offer").first().waitFor();
    expect(await page.getByTestId("shop-offers").textContent()).toContain("দোকানের অফার: ৳১০০ ছাড়");
    expect(await page.getByTestId("shop-saving").textContent()).toMatch(/সাশ্রয় ৳১০০/);
    const shown = bengaliMoneyToPoisha(await page.getByTestId("shop-total").textContent());
    const placed = page.waitForResponse(
      (r) => r.url().endsWith("/api/v1/secondary-orders") && r.request().method() === "POST",
    );
    await page.getByTestId("shop-place").click();
    const order = await (await placed).json();
    expect(order.status).toBe("confirmed");
    expect(order.discountPoisha).toBe(10_000);
    expect(order.totalPoisha).toBe(shown);
    expect(errors).toEqual([]);
    await page.close();
  });
});

/** "৳২১,০৫২.৭৬" as the page shows it, in poisha. */
function bengaliMoneyToPoisha(text: string | null): number {
  const latin = (text ?? "").replace(/[\u09E6-\u09EF]/g, (d) => String(d.charCodeAt(0) - 0x09e6)).replace(/[৳,]/g, "");
  const [taka = "0", poisha = "0"] = latin.split(".");
  return Number(taka) * 100 + Number(poisha.padEnd(2, "0"));
}
