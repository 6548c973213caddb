// The analytics screens in a real browser. The admin opens the national sales dashboard, picks the last 90 days,
// and drills by clicking rows: a region, an area, a territory, a route (its outlets), one outlet's page, and from
// there one of its memos. Back at the route's table, the XLSX export is downloaded and parsed: its totals row holds
// the same figures as the totals row on the screen (read from the page's text, not from the API), and it has one
// row per row on the screen; the CSV export of the same view starts with a BOM. The dashboard is then seen in
// Bengali (screenshot), the other analytics screens open without a fault, and a report is scheduled from the
// screen, listed under "My scheduled reports" and stopped; early warnings are looked for and one is followed.
import { readFile } from "node:fs/promises";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
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
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
  await page.goto(`${base}/sign-in`);
  await page.getByTestId(`lang-${lang}`).click();
  await page.getByTestId("signin-email").fill(email);
  await page.getByTestId("signin-password").fill(PASSWORD);
  await page.getByTestId("signin-submit").click();
  await page.getByTestId("home").waitFor();
  return page;
}

const must = <T>(v: T | null | undefined, what: string): T => {
  if (v === null || v === undefined) throw new Error(`missing: ${what}`);
  return v;
};

/** Money as the English screen shows it ("৳4,96,325.50", "-৳12", "৳0") back to integer poisha. */
function poishaOf(text: string): number {
  const m = /^(-?)৳([\d,]+)(?:\.(\d{2}))?$/.exec(text.trim());
  if (!m) throw new Error(`not money: ${JSON.stringify(text)}`);
  const taka = Number((m[2] ?? "").replace(/,/g, ""));
  return (m[1] ? -1 : 1) * (taka * 100 + Number(m[3] ?? "0"));
}

/** A count as the English screen shows it ("24,404") back to a number. */
const countOf = (text: string): number => {
  if (!/^[\d,]+$/.test(text.trim())) throw new Error(`not a count: ${JSON.stringify(text)}`);
  return Number(text.trim().replace(/,/g, ""));
};

/** The first row's drill-down, then wait until the table shows the level below. */
async function drill(page: Page, want: { level: string; drill: string; crumbs: number }) {
  const first = page.getByTestId("sales-row").first();
  await page
    .locator(`[data-testid="sales-row"][data-level="${want.level}"][data-drill="${want.drill}"]`)
    .first()
    .waitFor();
  const key = must(await first.getAttribute("data-key"), "row key");
  const label = must(await first.getByTestId("sales-row-drill").textContent(), "row label");
  await first.getByTestId("sales-row-drill").click();
  await expectCrumbs(page, want.crumbs + 1);
  return { key, label };
}

async function expectCrumbs(page: Page, n: number) {
  await page.waitForFunction(
    (count) => document.querySelectorAll('[data-testid="analytics-crumb"]').length === count,
    n,
    { timeout: 15_000 },
  );
}

describe.runIf(chromiumAvailable)("journey: sales analytics", () => {
  const j = journeyFixture();

  it("drills from the nation to one outlet and exports a table whose totals equal the screen's", async () => {
    const page = await signIn(j.browser, j.server.base, "admin@demo.bikri.app", "en");
    const faults = watchForFaults(page);

    await page.getByTestId("nav-analytics").click();
    await page.getByTestId("analytics-sales").waitFor();
    // The demo's history is the last two months: the last 90 days hold all of it.
    await page.getByTestId("analytics-period").click();
    await page.getByRole("option", { name: "Last 90 days" }).click();
    await expect.poll(() => page.url()).toContain("period=last_90");

    // The nation, broken down into regions: the admin's root is the only step of the breadcrumb.
    await expectCrumbs(page, 1);
    expect(await page.getByTestId("analytics-crumb").textContent()).toBe("Bangladesh");
    const nationalOrdered = poishaOf(must(await page.getByTestId("total-orderedPoisha").textContent(), "total"));
    expect(nationalOrdered).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, "analytics-sales-en.png"), fullPage: true });

    // Region -> area -> territory -> route: each click goes a level down, the URL and the breadcrumb follow.
    const region = await drill(page, { level: "region", drill: "territory", crumbs: 1 });
    expect(page.url()).toContain(`territoryId=${region.key}`);
    const area = await drill(page, { level: "area", drill: "territory", crumbs: 2 });
    const territory = await drill(page, { level: "territory", drill: "territory", crumbs: 3 });
    const route = await drill(page, { level: "route", drill: "outlet", crumbs: 4 });
    expect(page.url()).toContain("by=outlet");
    expect(await page.getByTestId("analytics-crumb").allTextContents()).toEqual([
      "Bangladesh",
      region.label,
      area.label,
      territory.label,
      route.label,
    ]);
    // A deeper view holds part of the nation's sales, never more.
    await page.locator('[data-testid="sales-row"][data-drill="outlet_page"]').first().waitFor();
    const routeOrdered = poishaOf(must(await page.getByTestId("total-orderedPoisha").textContent(), "route total"));
    expect(routeOrdered).toBeGreaterThan(0);
    expect(routeOrdered).toBeLessThan(nationalOrdered);

    // The route's best outlet: its own page, within the same breadcrumb, with its memos.
    const outletRow = page.getByTestId("sales-row").first();
    const outletLabel = must(await outletRow.getByTestId("sales-row-drill").textContent(), "outlet label");
    await outletRow.getByTestId("sales-row-drill").click();
    await page.getByTestId("analytics-outlet").waitFor();
    await page.getByTestId("outlet-order-row").first().waitFor();
    const outletName = must(await page.getByRole("heading", { level: 2 }).textContent(), "outlet name");
    expect(outletLabel).toContain(outletName);
    expect(page.url()).toContain("period=last_90");
    expect(await page.getByTestId("analytics-crumb").last().textContent()).toBe(route.label);
    await expect.poll(() => page.getByTestId("outlet-sku-row").count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, "analytics-outlet-en.png"), fullPage: true });

    // One of its memos opens the order's own page.
    const memo = page.getByTestId("outlet-order-row").first().getByRole("link");
    const memoNumber = must(await memo.textContent(), "memo number");
    await memo.click();
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    await page.getByText(memoNumber).first().waitFor();

    // Back twice: the route's outlets, as they were.
    await page.goBack();
    await page.getByTestId("analytics-outlet").waitFor();
    await page.goBack();
    await page.getByTestId("sales-totals").waitFor();
    expect(page.url()).toContain("by=outlet");
    await expectCrumbs(page, 5);

    // What the screen shows: its rows and its totals row, as text, once the outlet counts (asked for apart) are in.
    const totals = page.getByTestId("sales-totals");
    await expect.poll(() => totals.getByTestId("total-outletsOrdered").textContent()).not.toBe("—");
    const screen = {
      ordered: poishaOf(must(await totals.getByTestId("total-orderedPoisha").textContent(), "ordered")),
      previous: poishaOf(must(await totals.getByTestId("total-previousPoisha").textContent(), "previous")),
      memos: countOf(must(await totals.getByTestId("total-orders").textContent(), "memos")),
      lines: countOf(must(await totals.getByTestId("total-orderLines").textContent(), "lines")),
      outlets: countOf(must(await totals.getByTestId("total-outletsOrdered").textContent(), "outlets")),
      delivered: poishaOf(must(await totals.getByTestId("total-deliveredPoisha").textContent(), "delivered")),
      returned: poishaOf(must(await totals.getByTestId("total-returnedPoisha").textContent(), "returned")),
      net: poishaOf(must(await totals.getByTestId("total-netPoisha").textContent(), "net")),
    };
    const screenRows = await page.getByTestId("sales-row").count();
    expect(screen.ordered).toBe(routeOrdered);

    // The XLSX of this view: downloaded as a person would, then opened.
    const [xlsx] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-xlsx").click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(must(await xlsx.path(), "xlsx path"));
    const sheet = must(workbook.worksheets[0], "sheet");
    const headerRow = findRow(sheet, (texts) => texts.includes("Name"));
    // Headers by their words: a money column's label carries its unit, "(৳)", which is not what is compared here.
    const header = new Map<string, number>();
    sheet.getRow(headerRow).eachCell((cell, col) => header.set(cell.text.replace(/\s*\(৳\)/g, "").trim(), col));
    const totalRow = findRow(sheet, (texts) => texts[0] === "Total");
    const cell = (label: string) => {
      const col = must(header.get(label), `column ${label} (have ${[...header.keys()].join(", ")})`);
      const v = sheet.getRow(totalRow).getCell(col).value;
      if (typeof v !== "number") throw new Error(`${label} total is ${JSON.stringify(v)}`);
      return v;
    };
    // Money cells hold taka; to the poisha they are the screen's figures.
    const poisha = (label: string) => Math.round(cell(label) * 100);
    expect({
      ordered: poisha("Ordered"),
      previous: poisha("Previous period"),
      memos: cell("Memos"),
      lines: cell("Lines"),
      outlets: cell("Outlets ordered"),
      delivered: poisha("Delivered"),
      returned: poisha("Returned"),
      net: poisha("Net sales"),
    }).toEqual(screen);
    // One data row per row on the screen, between the header and the totals.
    expect(totalRow - headerRow - 1).toBe(screenRows);

    // The CSV of the same view opens in Excel with Bengali intact: UTF-8 with a byte-order mark.
    const [csv] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const csvBytes = await readFile(must(await csv.path(), "csv path"));
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    expect(faults).toEqual([]);
    await page.close();
  });

  it("shows the national dashboard in Bengali", async () => {
    const page = await signIn(j.browser, j.server.base, "admin@demo.bikri.app", "bn");
    const faults = watchForFaults(page);
    await page.getByTestId("nav-analytics").click();
    await page.getByTestId("analytics-period").click();
    await page.getByRole("option", { name: "গত ৯০ দিন" }).click();
    await page.locator('[data-testid="sales-row"][data-level="region"]').first().waitFor();
    expect(await page.getByRole("heading", { level: 2 }).textContent()).toBe("সেকেন্ডারি বিক্রি");
    expect(await page.getByTestId("analytics-crumb").textContent()).toBe("বাংলাদেশ");
    // Figures in Bengali digits, money with the taka sign.
    const ordered = must(await page.getByTestId("total-orderedPoisha").textContent(), "ordered");
    expect(ordered).toMatch(/^৳[০-৯,]+(\.[০-৯]{2})?$/);
    expect(await page.getByTestId("sales-kpi-ordered").getByTestId("kpi-value").textContent()).toBe(ordered);
    expect(await page.getByTestId("sales-tab-sku").textContent()).toBe("পণ্য (SKU)");
    await page.getByTestId("sales-trend-chart").locator("svg").first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, "analytics-sales-bn.png"), fullPage: true });
    expect(faults).toEqual([]);
    await page.close();
  });

  it("opens the other analytics screens, and schedules a report and stops it", async () => {
    const page = await signIn(j.browser, j.server.base, "admin@demo.bikri.app", "en");
    const faults = watchForFaults(page);
    await page.goto(`${j.server.base}/analytics?period=last_90`);
    await page.getByTestId("sales-totals").waitFor();

    // The screens keep the period when switching between them.
    for (const [screen, table] of [
      ["field", "field-table"],
      ["availability", "availability-table"],
      ["distributors", "distributors-table"],
    ] as const) {
      await page.getByTestId(`analytics-screen-${screen}`).click();
      await page.getByTestId(table).waitFor();
      expect(page.url()).toContain("period=last_90");
    }
    await expect.poll(() => page.getByTestId("distributors-row").count()).toBeGreaterThan(0);
    // Early warnings: the admin looks for them now instead of waiting for the morning's run; an outlet that stopped
    // ordering links to its own page.
    await page.getByTestId("analytics-screen-warnings").click();
    await page.getByTestId("warnings-table").waitFor();
    await page.getByTestId("warnings-refresh").click();
    const stopped = page.getByTestId("warnings-count-outlet_stopped");
    await expect.poll(async () => countOf((await stopped.textContent()) ?? "0")).toBeGreaterThan(0);
    const subject = page.getByTestId("warning-row").first().getByTestId("warning-subject");
    const stoppedOutlet = must(await subject.textContent(), "warned outlet");
    await subject.click();
    await page.getByTestId("analytics-outlet").waitFor();
    // The page frame shows "…" as the heading until the outlet's figures arrive.
    await expect.poll(() => page.getByRole("heading", { level: 2 }).textContent()).toBe(stoppedOutlet);
    await page.goBack();
    await page.getByTestId("warnings-table").waitFor();

    // "Schedule this report" from the sales screen: weekly, on Sunday at 09:30, in Bengali, to two people.
    await page.getByTestId("analytics-screen-sales").click();
    await page.getByTestId("sales-totals").waitFor();
    await page.getByTestId("schedule-report").click();
    await page.getByTestId("schedule-weekday").click();
    await page.getByRole("option", { name: "Sunday" }).click();
    await page.getByTestId("schedule-time").fill("09:30");
    await page.getByTestId("schedule-language").click();
    await page.getByRole("option", { name: "বাংলা" }).click();
    await page.getByTestId("schedule-recipients").fill("director@example.com");
    await page.getByTestId("schedule-recipients").press("Enter");
    await page.getByTestId("schedule-save").click();
    await page.getByTestId("schedule-form").waitFor({ state: "detached" });

    await page.getByTestId("analytics-screen-schedules").click();
    const row = page.getByTestId("schedule-row");
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    const text = must(await row.first().textContent(), "schedule row");
    expect(text).toContain("Every Sunday at 09:30");
    expect(text).toContain("admin@demo.bikri.app");
    expect(text).toContain("director@example.com");
    expect(text).toContain("বাংলা");

    // Its report link opens the sales view it was scheduled from.
    await row.first().getByRole("link").click();
    await page.getByTestId("sales-totals").waitFor();
    await page.goBack();

    await page.getByTestId("schedule-archive").click();
    await page.getByTestId("confirm-ok").click();
    await page.getByText("You have no scheduled reports.").waitFor();
    expect(faults).toEqual([]);
    await page.close();
  });
});

/** The number of the first row (1-based) whose cells' texts pass the test. */
function findRow(sheet: ExcelJS.Worksheet, test: (texts: string[]) => boolean): number {
  for (let r = 1; r <= sheet.rowCount; r++) {
    const texts: string[] = [];
    sheet.getRow(r).eachCell({ includeEmpty: true }, (c) => texts.push(c.text.trim()));
    if (test(texts)) return r;
  }
  throw new Error("no such row in the sheet");
}
