// `field-bundle`: what a rep's phone pays before the field app is usable.
// - field_js_gzip_kb: the gzipped size of every JavaScript file the field page loads before it can run (its module
//   script, the modulepreload links, and their static imports, followed transitively), from dist/web as built.
//   The main web app's first load is measured the same way, as the baseline.
// - field_tti_ms: time to interactive of /field/ in Chromium with the CPU slowed 4x (DevTools throttling), for a
//   signed-in rep on a cold cache: from navigation start until the beat screen is on screen and answers input;
//   the main web app's home page under the same conditions is the baseline.
// Needs `npm run build` first and Debian's Chromium (/usr/bin/chromium).
import { existsSync, readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser } from "playwright-core";
import { CHROMIUM, INSTALL_HINT, launchBrowser } from "../e2e/browser.ts";
import { buildApp, WEB_DIST } from "../src/server/app.ts";
import { loadConfig } from "../src/server/config.ts";
import { openDatabase } from "../src/server/db/connection.ts";
import { migrate } from "../src/server/db/migrate.ts";
import { DEMO_PASSWORD, DEMO_SIZES, seedDemo } from "../src/server/demo/demo-seed.ts";
import type { BenchOptions, Metric } from "./harness.ts";

/** The field app marks its root once the first screen with data is rendered. */
export const FIELD_READY = '[data-field-ready="true"]';
const MAIN_READY = '[data-testid="nav-home"]';
const CPU_SLOWDOWN = 4;

/** The JS files a page loads before it runs: entry, modulepreloads, and static imports of those, transitively. */
export function initialJs(htmlFile: string): { files: string[]; rawBytes: number; gzipBytes: number } {
  const html = readFileSync(htmlFile, "utf8");
  const refs = [
    ...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map((m) => m[1] as string);
  const seen = new Set<string>();
  const queue = refs.map((r) => path.join(WEB_DIST, r.replace(/^\//, "")));
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (seen.has(file) || !file.endsWith(".js")) continue;
    seen.add(file);
    const code = readFileSync(file, "utf8");
    // Static imports only (`import … from "./x.js"`, `import "./x.js"`); dynamic import() loads later, on demand.
    for (const m of code.matchAll(
      /(?:^|[;\n}])\s*(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g,
    ))
      queue.push(path.resolve(path.dirname(file), m[1] as string));
  }
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const f of seen) {
    const buf = readFileSync(f);
    rawBytes += buf.length;
    gzipBytes += gzipSync(buf, { level: 9 }).length;
  }
  return { files: [...seen].map((f) => path.relative(WEB_DIST, f)).sort(), rawBytes, gzipBytes };
}

async function timeToInteractive(browser: Browser, base: string, pathname: string, ready: string): Promise<number> {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
    locale: "bn-BD",
    serviceWorkers: "block",
  });
  try {
    const signIn = await context.request.post(`${base}/api/v1/auth/sign-in`, {
      data: { email: "rep@demo.bikri.app", password: DEMO_PASSWORD },
    });
    if (!signIn.ok()) throw new Error(`sign-in answered ${signIn.status()}`);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
    await page.goto(`${base}${pathname}`, { waitUntil: "commit" });
    await page.waitForSelector(ready, { state: "visible", timeout: 120_000 });
    // Interactive = the main thread is free to answer: a task queued now runs at once.
    return await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          setTimeout(() => resolve(performance.now()), 0);
        }),
    );
  } finally {
    await context.close();
  }
}

export async function fieldBundle(_options: BenchOptions) {
  const fieldHtml = path.join(WEB_DIST, "field.html");
  if (!existsSync(fieldHtml)) throw new Error("dist/web/field.html is missing: run `npm run build` first");
  if (!existsSync(CHROMIUM)) throw new Error(INSTALL_HINT);
  const database = await openDatabase({ kind: "pglite-memory" });
  await migrate(database);
  await seedDemo(database.db, { routesPerTerritory: 1, ...DEMO_SIZES.small });
  const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", BIKRI_JOBS: "false", PORT: "0" });
  const app = await buildApp({ config, database, logger: false });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const browser = await launchBrowser();
  const field = initialJs(fieldHtml);
  const main = initialJs(path.join(WEB_DIST, "index.html"));
  console.error(`field app first load: ${field.files.join(", ")}`);

  const measure = async (): Promise<Metric[]> => {
    const fieldTti = await timeToInteractive(browser, base, "/field/", FIELD_READY);
    const mainTti = await timeToInteractive(browser, base, "/", MAIN_READY);
    return [
      { name: "field_js_gzip_kb", value: field.gzipBytes / 1024, unit: "KB" },
      { name: "field_js_raw_kb", value: field.rawBytes / 1024, unit: "KB" },
      { name: "field_js_files", value: field.files.length, unit: "files" },
      { name: "main_app_js_gzip_kb", value: main.gzipBytes / 1024, unit: "KB" },
      { name: "field_vs_main_js_ratio", value: field.gzipBytes / main.gzipBytes, unit: "ratio" },
      { name: "field_tti_ms", value: fieldTti, unit: "ms" },
      { name: "main_app_tti_ms", value: mainTti, unit: "ms" },
      { name: "field_vs_main_tti_ratio", value: fieldTti / mainTti, unit: "ratio" },
    ];
  };
  return {
    engine: database.engine,
    measure: () => measure(),
    close: async () => {
      await browser.close();
      await app.close();
      await database.close();
    },
  };
}
