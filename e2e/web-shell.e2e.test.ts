// The web shell end to end: sign-in redirect, role-based navigation, language switch remembered on the
// profile, Bengali or Latin digits chosen on the profile, users (create with a territory, invite link,
// accept it), API tokens, audit log, sign-out, and the phone layout at 360 px.
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { chromiumAvailable, journeyFixture, SCREENSHOTS } from "./browser.ts";

const ADMIN = { email: "admin@demo.bikri.app", password: "bikri-demo" };

/** What must never happen in a journey: uncaught errors, CSP violations, 5xx replies. */
function watchForFaults(page: Page): string[] {
  const faults: string[] = [];
  page.on("pageerror", (e) => faults.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy|Refused to/.test(m.text())) faults.push(`CSP: ${m.text()}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 500) faults.push(`HTTP ${r.status()} ${r.request().method()} ${r.url()}`);
  });
  return faults;
}

async function signIn(page: Page, base: string, who = ADMIN): Promise<void> {
  await page.goto(`${base}/sign-in`);
  await page.getByTestId("signin-email").fill(who.email);
  await page.getByTestId("signin-password").fill(who.password);
  await page.getByTestId("signin-submit").click();
  await page.getByTestId("home").waitFor();
}

describe.runIf(chromiumAvailable)("web shell", () => {
  const j = journeyFixture();

  it("sends visitors to sign-in, shows a localized error, then lands where they were going", async () => {
    const page = await j.browser.newPage();
    const faults = watchForFaults(page);
    await page.goto(`${j.server.base}/users`);
    await page.waitForURL(/\/sign-in\?redirect=%2Fusers/);
    await page.getByTestId("lang-bn").click();
    await page.getByTestId("signin-email").fill("admin@demo.bikri.app");
    await page.getByTestId("signin-password").fill("not-the-password");
    await page.getByTestId("signin-submit").click();
    // The server words the error in the language the client asks for.
    await expect.poll(() => page.getByTestId("error-alert").textContent()).toMatch(/[\u0980-\u09FF]/);
    await page.getByTestId("signin-password").fill("bikri-demo");
    await page.getByTestId("signin-submit").click();
    await page.waitForURL(/\/users$/);
    await page.getByTestId("user-row").first().waitFor();
    expect(await page.getByTestId("nav").textContent()).toContain("ব্যবহারকারী");
    expect(faults).toEqual([]);
    await page.close();
  });

  it("remembers the language on the profile across sign-ins", async () => {
    const context = await j.browser.newContext();
    const page = await context.newPage();
    await signIn(page, j.server.base);
    await page.getByTestId("lang-en").click();
    await expect.poll(() => page.getByTestId("nav-users").textContent()).toBe("Users");
    await page.getByTestId("user-menu").click();
    await page.getByTestId("signout").click();
    await page.waitForURL(/sign-in/);
    await context.clearCookies();
    // A new device (no localStorage) still gets English after signing in.
    const fresh = await j.browser.newPage();
    await signIn(fresh, j.server.base);
    expect(await fresh.getByTestId("nav-users").textContent()).toBe("Users");
    await fresh.getByTestId("lang-bn").click();
    await expect.poll(() => fresh.getByTestId("nav-users").textContent()).toBe("ব্যবহারকারী");
    await fresh.close();
    await context.close();
  });

  it("shows Bengali or Latin digits as the user chooses on the profile, and keeps the choice", async () => {
    const context = await j.browser.newContext({ viewport: { width: 360, height: 780 } });
    const page = await context.newPage();
    const faults = watchForFaults(page);
    await signIn(page, j.server.base);
    await page.getByTestId("lang-bn").click();
    const homeDate = () => page.getByTestId("home-date").textContent();
    const bengaliDigits = /^[^0-9]*[০-৯][^0-9]*$/;
    // Latin digits, and still the Bengali month name (a Bengali letter that is not a digit).
    const latinDigits = /^(?=.*[0-9])(?=.*[\u0980-\u09E5\u09F0-\u09FF])[^০-৯]*$/;
    await expect.poll(homeDate).toMatch(bengaliDigits);
    const saved = () =>
      page.waitForResponse((r) => r.request().method() === "PATCH" && r.url().endsWith("/api/v1/auth/me"));

    await page.getByTestId("user-menu").click();
    await page.getByTestId("menu-profile").click();
    await page.waitForURL(/\/profile$/);
    const profileDigits = page.locator("main").getByTestId("digits-switch");
    await profileDigits.waitFor();
    await page.getByRole("menu").waitFor({ state: "detached" });
    await page.screenshot({ path: path.join(SCREENSHOTS, "profile-bn-360.png"), fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    const toLatin = saved();
    await profileDigits.getByTestId("digits-latn").click();
    expect((await toLatin).ok()).toBe(true);

    await page.goBack();
    await expect.poll(homeDate).toMatch(latinDigits);
    await page.reload();
    await expect.poll(homeDate).toMatch(latinDigits);

    // Back to Bengali digits, this time from the user menu, so later journeys see the default.
    await page.getByTestId("user-menu").click();
    const menu = page.getByRole("menu");
    await menu.getByTestId("digits-switch").waitFor();
    await expect.poll(() => menu.evaluate((el) => getComputedStyle(el).opacity)).toBe("1");
    await page.screenshot({ path: path.join(SCREENSHOTS, "user-menu-bn-360.png") });
    const toBengali = saved();
    await menu.getByTestId("digits-bn").click();
    expect((await toBengali).ok()).toBe(true);
    await page.keyboard.press("Escape");
    await expect.poll(homeDate).toMatch(bengaliDigits);
    expect(faults).toEqual([]);
    await context.close();
  });

  it("creates a user with a territory and an invite link the new user can accept", async () => {
    const page = await j.browser.newPage();
    const faults = watchForFaults(page);
    await signIn(page, j.server.base);
    await page.getByTestId("nav-users").click();
    await page.getByTestId("user-new").click();
    const email = `e2e.${Date.now()}@demo.bikri.app`;
    await page.getByTestId("user-email").fill(email);
    await page.getByTestId("user-name").fill("রহিম উদ্দিন");
    await page.getByTestId("user-phone").fill("01711-234567");
    for (const level of ["national", "region", "area"]) {
      await page.getByTestId(`territory-level-${level}`).click();
      await page.getByRole("option").first().click();
    }
    await page.getByTestId("user-save").click();
    const inviteUrl = await page.getByTestId("secret-value").inputValue();
    expect(inviteUrl).toMatch(/\/invite\/[\w-]{20,}/);

    const invited = await j.browser.newContext({ viewport: { width: 360, height: 780 } });
    const p2 = await invited.newPage();
    await p2.goto(inviteUrl.replace(/^https?:\/\/[^/]+/, j.server.base));
    await p2.getByTestId("invite-password").fill("a-long-password-1");
    await p2.getByTestId("invite-confirm").fill("a-long-password-1");
    await p2.getByTestId("invite-submit").click();
    await p2.getByTestId("home").waitFor();
    expect(await p2.getByTestId("home").textContent()).toContain("রহিম উদ্দিন");
    // A rep sees no admin navigation, and the admin pages refuse them.
    expect(await p2.getByTestId("nav-users").count()).toBe(0);
    await p2.goto(`${j.server.base}/audit`);
    await p2.getByTestId("forbidden").waitFor();
    await invited.close();
    expect(faults).toEqual([]);
    await page.close();
  });

  it("creates and revokes an API token, and the audit log shows both", async () => {
    const page = await j.browser.newPage();
    await signIn(page, j.server.base);
    await page.getByTestId("nav-tokens").click();
    await page.getByTestId("token-new").click();
    await page.getByTestId("token-name").fill("ERP sync");
    await page.getByTestId("token-create").click();
    expect(await page.getByTestId("secret-value").inputValue()).toMatch(/^bikri_/);
    await page.getByRole("button", { name: /সম্পন্ন|Done/ }).click();
    await page.getByTestId("token-revoke").first().click();
    await page.getByTestId("confirm-ok").click();
    await expect.poll(() => page.getByTestId("token-revoke").count()).toBe(0);

    await page.goto(`${j.server.base}/audit?entity=api_token`);
    await page.getByTestId("audit-row").first().waitFor();
    expect(await page.getByTestId("audit-row").count()).toBe(2);
    await page.getByTestId("audit-expand").last().click();
    await page.getByTestId("audit-diff").waitFor();
    expect(await page.getByTestId("audit-diff").textContent()).toContain("ERP sync");
    await page.close();
  });

  it("works on a 360 px phone: burger navigation, no sideways scrolling", async () => {
    const context = await j.browser.newContext({ viewport: { width: 360, height: 780 } });
    const page = await context.newPage();
    await signIn(page, j.server.base);
    // The navbar waits off-screen until the burger opens it.
    const navRight = async () => {
      const box = await page.getByTestId("nav").boundingBox();
      return box ? box.x + box.width : 0;
    };
    expect(await navRight()).toBeLessThanOrEqual(0);
    await page.getByTestId("nav-burger").click();
    await expect.poll(navRight).toBeGreaterThan(0);
    await page.getByTestId("nav-users").click();
    await page.getByTestId("user-row").first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });
});
