// Journeys in Bengali: an administrator turns on two-step sign-in from the profile (QR code, key typed by
// hand into the "app", recovery codes shown once and downloaded), signs out, signs in again with the
// password and then a code, and requires it of managers; a manager then signing in gets only the set-up
// page until done. Codes are computed here from the key on the page, as an authenticator app would; a
// code's 30-second step can be used only once, so the sign-in uses a later step than the set-up.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { base32Decode, hotp, totpStep } from "../src/server/users/totp.ts";
import { chromiumAvailable, INSTALL_HINT, journeyFixture, SCREENSHOTS } from "./browser.ts";

const BENGALI = /[\u0980-\u09FF]/;

describe("browser", () => {
  it("has Chromium to drive", () => {
    if (!chromiumAvailable) {
      console.warn(`\n  Browser journeys not run. ${INSTALL_HINT}\n`);
      expect(process.env.CI, INSTALL_HINT).not.toBe("true");
    }
  });
});

describe.runIf(chromiumAvailable)("journey: two-step sign-in, in Bengali", () => {
  const j = journeyFixture();

  it("turns it on from the profile, then signs in with the password and a code", async () => {
    const context = await j.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });

    await page.goto(j.server.base);
    await page.waitForURL(/\/sign-in/);
    await page.getByTestId("lang-bn").click();
    await expect.poll(async () => page.getByTestId("signin-submit").textContent()).toMatch(BENGALI);
    await page.getByTestId("signin-email").fill("admin@demo.bikri.app");
    await page.getByTestId("signin-password").fill("bikri-demo");
    await page.getByTestId("signin-submit").click();
    await page.getByTestId("user-menu").waitFor();

    // The profile's section, in Bengali, off to begin with.
    await page.getByTestId("user-menu").click();
    await page.getByTestId("menu-profile").click();
    const section = page.getByTestId("two-step");
    await section.waitFor();
    expect(await section.textContent()).toContain("দুই-ধাপে সাইন ইন");
    expect(await page.getByTestId("two-step-status").textContent()).toBe("বন্ধ");

    await page.getByTestId("two-step-start").click();
    const qr = page.getByTestId("two-step-qr");
    await qr.waitFor();
    expect(await qr.getAttribute("src")).toMatch(/^data:image\/png;base64,/);
    const shownKey = (await page.getByTestId("two-step-secret").textContent()) ?? "";
    expect(shownKey).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    const secret = base32Decode(shownKey);

    // A wrong code first: refused in Bengali, nothing turned on.
    const enableStep = totpStep(Date.now());
    const right = hotp(secret, enableStep);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, "0");
    await page.getByTestId("two-step-enable-code").fill(wrong);
    await page.getByTestId("two-step-enable-submit").click();
    await expect.poll(async () => section.getByRole("alert").textContent()).toMatch(/কোডটি ভুল/);
    await page.getByTestId("two-step-enable-code").fill(right);
    await page.getByTestId("two-step-enable-submit").click();

    // The recovery codes, once, with a download that holds them all.
    const codesBox = page.getByTestId("recovery-codes");
    await codesBox.waitFor();
    const codes = await page.getByTestId("recovery-code").allTextContents();
    expect(codes).toHaveLength(10);
    for (const c of codes) expect(c).toMatch(/^[0-9a-z]{5}-[0-9a-z]{5}$/);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("recovery-codes-download").click(),
    ]);
    expect(download.suggestedFilename()).toBe("bikri-recovery-codes.txt");
    const file = await readFile(must(await download.path()), "utf8");
    for (const c of codes) expect(file).toContain(c);
    expect(file).toMatch(BENGALI);
    await page.screenshot({ path: path.join(SCREENSHOTS, "two-step-codes-bn-1280.png"), fullPage: true });
    await page.getByTestId("recovery-codes-done").click();
    await expect.poll(async () => page.getByTestId("two-step-status").textContent()).toBe("চালু");
    expect(await page.getByTestId("recovery-code").count()).toBe(0);

    // Sign out, and in again: the password alone gives no session, the code step asks in Bengali.
    await page.getByTestId("user-menu").click();
    await page.getByTestId("signout").click();
    await page.waitForURL(/\/sign-in/);
    await page.getByTestId("signin-email").fill("admin@demo.bikri.app");
    await page.getByTestId("signin-password").fill("bikri-demo");
    await page.getByTestId("signin-submit").click();
    const codeInput = page.getByTestId("signin-code");
    await codeInput.waitFor();
    expect(await page.locator("h3").textContent()).toBe("কোড লিখুন");
    expect((await page.request.get(`${j.server.base}/api/v1/auth/session`)).status()).toBe(401);
    await page.screenshot({ path: path.join(SCREENSHOTS, "two-step-sign-in-bn-1280.png"), fullPage: true });

    // The code from set-up is spent; a fresh one (the next step, or the current if later) lets the admin in.
    await codeInput.fill(right);
    await page.getByTestId("signin-code-submit").click();
    await expect.poll(async () => page.getByRole("alert").textContent()).toMatch(/কোডটি ভুল/);
    const step = Math.max(totpStep(Date.now()), enableStep + 1);
    await codeInput.fill(hotp(secret, step));
    await page.getByTestId("signin-code-submit").click();
    await page.getByTestId("user-menu").waitFor();
    expect(new URL(page.url()).pathname).toBe("/");
    const session = await page.request.get(`${j.server.base}/api/v1/auth/session`);
    expect(session.status()).toBe(200);
    expect((await session.json()).user.email).toBe("admin@demo.bikri.app");

    // Require it of managers, on the users page.
    await page.goto(`${j.server.base}/users`);
    const policy = page.getByTestId("mfa-policy");
    await policy.waitFor();
    expect(await policy.textContent()).toContain("দুই-ধাপে সাইন ইন");
    await page.getByTestId("mfa-role-manager").check();
    await page.getByTestId("mfa-policy-save").click();
    await expect.poll(async () => page.getByTestId("mfa-policy-save").isDisabled()).toBe(true);
    const saved = await page.request.get(`${j.server.base}/api/v1/orgs/current/mfa-policy`);
    expect(await saved.json()).toEqual({ roles: ["manager"] });

    expect(errors.filter((e) => !/status of 40[01]/.test(e))).toEqual([]);
    await context.close();
  });

  it("sends a manager without it to the set-up page, and in once it is done", async () => {
    const page = await j.browser.newPage({ viewport: { width: 360, height: 740 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(j.server.base);
    await page.waitForURL(/\/sign-in/);
    await page.getByTestId("lang-bn").click();
    await page.getByTestId("signin-email").fill("manager@demo.bikri.app");
    await page.getByTestId("signin-password").fill("bikri-demo");
    await page.getByTestId("signin-submit").click();
    await page.waitForURL(/\/two-step-setup/);
    const setupPage = page.getByTestId("two-step-setup-page");
    await setupPage.waitFor();
    expect(await setupPage.textContent()).toContain("বাধ্যতামূলক");
    // Nothing else answers until it is set up.
    const blocked = await page.request.get(`${j.server.base}/api/v1/territories`);
    expect(blocked.status()).toBe(403);
    expect((await blocked.json()).error.code).toBe("auth.mfa_setup_required");
    // Nor does any other page: the app comes back here.
    await page.goto(`${j.server.base}/users`);
    await page.waitForURL(/\/two-step-setup/);

    await page.getByTestId("two-step-start").click();
    const secret = base32Decode((await page.getByTestId("two-step-secret").textContent()) ?? "");
    await page.getByTestId("two-step-enable-code").fill(hotp(secret, totpStep(Date.now())));
    await page.getByTestId("two-step-enable-submit").click();
    await page.getByTestId("recovery-codes").waitFor();
    expect(await page.getByTestId("recovery-code").count()).toBe(10);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await page.screenshot({ path: path.join(SCREENSHOTS, "two-step-required-bn-360.png"), fullPage: true });
    await page.getByTestId("recovery-codes-done").click();
    await page.getByTestId("user-menu").waitFor();
    expect(new URL(page.url()).pathname).toBe("/");
    expect((await page.request.get(`${j.server.base}/api/v1/territories`)).status()).toBe(200);
    expect(errors).toEqual([]);
    await page.close();
  });
});

function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error("missing value");
  return value;
}
