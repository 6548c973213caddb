// Browser journeys drive Debian's Chromium through playwright-core against the real app on a free port,
// on a fresh embedded database with the demo company. No browser download: where Chromium is missing we
// say so and how to install it; under CI=true that is a failure, never a skip.
import { existsSync, mkdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { buildApp, WEB_DIST } from "../src/server/app.ts";
import { loadConfig } from "../src/server/config.ts";
import { openDatabase } from "../src/server/db/connection.ts";
import { migrate } from "../src/server/db/migrate.ts";
import { DEMO_SIZES, seedDemo } from "../src/server/demo/demo-seed.ts";

export const CHROMIUM = process.env.BIKRI_CHROMIUM ?? "/usr/bin/chromium";
export const chromiumAvailable = existsSync(CHROMIUM);
export const INSTALL_HINT = `Chromium was not found at ${CHROMIUM}. Install it with: sudo apt-get install -y chromium fonts-noto-core (or set BIKRI_CHROMIUM to its path).`;
export const SCREENSHOTS = path.resolve("e2e/screenshots");

export async function startServer() {
  if (!existsSync(path.join(WEB_DIST, "index.html"))) throw new Error("dist/web is missing: run `npm run build` first");
  const database = await openDatabase({ kind: "pglite-memory" });
  await migrate(database);
  // The first-start size: journeys need a real-looking company, not the million-line demo (≈100 s per file).
  await seedDemo(database.db, { routesPerTerritory: 1, extraUsers: 6, ...DEMO_SIZES.small });
  const config = loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    BIKRI_JOBS: "false",
    PORT: "0",
    HOST: "127.0.0.1",
  });
  const app = await buildApp({ config, database, logger: false });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const { port } = app.server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export interface Journey {
  server: Awaited<ReturnType<typeof startServer>>;
  browser: Browser;
}

/** For a describe block: a fresh app and a browser before its tests, both closed after them. */
export function journeyFixture(): Journey {
  const j = {} as Journey;
  beforeAll(async () => {
    j.server = await startServer();
    j.browser = await launchBrowser();
  });
  afterAll(async () => {
    await j.browser?.close();
    await j.server?.close();
  });
  return j;
}

/** The demo users' password (`npm run seed:demo`). */
export const DEMO_PASSWORD = "bikri-demo";

/** Collects page errors and 5xx answers, so a journey can assert it saw none. */
export function watchForFaults(page: Page): string[] {
  const faults: string[] = [];
  page.on("pageerror", (e) => faults.push(`page error: ${e.message}`));
  page.on("response", (r) => {
    if (r.status() >= 500) faults.push(`HTTP ${r.status()} ${r.request().method()} ${r.url()}`);
  });
  return faults;
}

/** A new 1280 px page signed in through the sign-in screen in the given language, on the home page. */
export async function signIn(browser: Browser, base: string, email: string, lang: "bn" | "en"): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${base}/sign-in`);
  await page.getByTestId(`lang-${lang}`).click();
  await page.getByTestId("signin-email").fill(email);
  await page.getByTestId("signin-password").fill(DEMO_PASSWORD);
  await page.getByTestId("signin-submit").click();
  await page.getByTestId("home").waitFor();
  return page;
}

/** A GET through the page's own session cookie. */
export async function apiGet<T>(page: Page, url: string): Promise<T> {
  return page.evaluate(async (u) => {
    const r = await fetch(u, { headers: { Accept: "application/json" } });
    if (!r.ok) throw new Error(`${u}: ${r.status} ${await r.text()}`);
    return r.json();
  }, url) as Promise<T>;
}
