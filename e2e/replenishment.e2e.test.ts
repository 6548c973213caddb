// Replenishment in a real browser, as the demo distributor (the demo seed forecasts every series, proposes the morning's
// primary orders and looks for stock alerts, as the daily job does). The distributor opens its stock plan (no
// distributor picker: it sees only its own), filters it to the SKUs to reorder, exports it, opens one SKU's forecast
// (the chart drawn, the method and its accuracy stated), then its open proposal: one line's quantity is changed and the
// proposal approved in one click. The primary order it became is shown by number, linked, and exists through the API
// with the edited quantity, the proposal's prices and status "submitted". The plan is then seen in Bengali.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { PlanResponse, ProposalResponse, ProposalSummary } from "../src/shared/contracts/replenishment.ts";
import type { PrimaryOrder } from "../src/web/features/orders/use-primary-orders.ts";
import { chromiumAvailable, journeyFixture, SCREENSHOTS } from "./browser.ts";

const PASSWORD = "bikri-demo";
const DISTRIBUTOR = "distributor@demo.bikri.app";

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

/** The API as the signed-in page calls it (its cookie and CSRF token). */
async function call<T>(page: Page, url: string): Promise<T> {
  return page.evaluate(async (u) => {
    const r = await fetch(u, { headers: { Accept: "application/json" } });
    const text = await r.text();
    if (!r.ok) throw new Error(`GET ${u}: ${r.status} ${text}`);
    return JSON.parse(text);
  }, url) as Promise<T>;
}

const must = <T>(v: T | null | undefined, what: string): T => {
  if (v === null || v === undefined) throw new Error(`missing: ${what}`);
  return v;
};

describe.runIf(chromiumAvailable)("journey: replenishment", () => {
  const j = journeyFixture();

  it("plans, forecasts, and approves the proposed primary order in one click", async () => {
    const page = await signIn(j.browser, j.server.base, DISTRIBUTOR, "en");
    const faults = watchForFaults(page);

    // The stock plan of its own business: no distributor to choose.
    await page.getByTestId("nav-replenishment").click();
    await page.getByTestId("plan-row").first().waitFor();
    expect(await page.getByTestId("plan-distributor-select").count()).toBe(0);
    const session = await call<{ user: { scope: { distributorId?: string } } }>(page, "/api/v1/auth/session");
    const distributorId = must(session.user.scope.distributorId, "the distributor's id");
    const plan = await call<PlanResponse>(page, `/api/v1/replenishment/plan?distributorId=${distributorId}`);
    expect(await page.getByTestId("plan-distributor").textContent()).toBe(plan.distributorName);
    expect(await page.getByTestId("plan-row").count()).toBe(plan.rows.length);
    expect(await page.getByTestId("plan-policy").textContent()).toContain(`Lead time ${plan.leadTimeDays} days`);

    // Some SKUs are due: the "Reorder" chip counts them and filters the table (and the URL) to them.
    const reorder = plan.counts.reorder ?? 0;
    expect(reorder).toBeGreaterThan(0);
    expect(await page.getByTestId("plan-count-reorder").textContent()).toBe(String(reorder));
    await page.getByTestId("plan-chip-reorder").click();
    await expect.poll(() => page.url()).toContain("status=reorder");
    await expect.poll(() => page.getByTestId("plan-row").count()).toBe(reorder);
    const statuses = await page
      .getByTestId("plan-row")
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-status")));
    expect(new Set(statuses)).toEqual(new Set(["reorder"]));
    // A SKU to reorder has something to order, in whole cases.
    const first = page.getByTestId("plan-row").first();
    const sku = must(await first.getAttribute("data-sku"), "SKU code");
    const row = must(
      plan.rows.find((r) => r.skuCode === sku),
      `plan row ${sku}`,
    );
    expect(row.proposedQty).toBeGreaterThan(0);
    expect(row.proposedQty % row.unitFactor).toBe(0);
    expect(Number(await first.getByTestId("plan-proposed").getAttribute("data-qty"))).toBe(row.proposedQty);
    await page.screenshot({ path: path.join(SCREENSHOTS, "replenishment-plan-en.png"), fullPage: true });

    // The plan as a file: an XLSX (a zip) and a CSV that Excel opens with Bengali intact (byte-order mark).
    const [xlsx] = await Promise.all([page.waitForEvent("download"), page.getByTestId("plan-export-xlsx").click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    expect([...(await readFile(must(await xlsx.path(), "xlsx path"))).subarray(0, 2)]).toEqual([0x50, 0x4b]);
    const [csv] = await Promise.all([page.waitForEvent("download"), page.getByTestId("plan-export-csv").click()]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const csvBytes = await readFile(must(await csv.path(), "csv path"));
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csvBytes.toString("utf8")).toContain(sku);

    // One SKU's forecast: the chart drawn (history and forecast), the method chosen and why, and its accuracy.
    await first.getByTestId("plan-row-open").click();
    await page.getByTestId("replenishment-forecast").waitFor();
    expect(page.url()).toContain(`skuId=${row.skuId}`);
    const chart = page.getByTestId("forecast-chart");
    await chart.locator(".recharts-line").first().waitFor();
    expect(Number(await chart.getAttribute("data-points"))).toBeGreaterThan(100);
    expect(await chart.locator(".recharts-line").count()).toBe(2);
    expect(await page.getByTestId("forecast-method-name").getAttribute("data-method")).toBe(row.method);
    expect(await page.getByTestId("forecast-kind-chosen").getAttribute("data-kind")).toBe(row.demandKind);
    await page.getByTestId("forecast-accuracy").waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, "replenishment-forecast-en.png"), fullPage: true });

    // The open proposal.
    await page.getByTestId("replenishment-screen-proposals").click();
    await page.getByTestId("proposal-row").first().waitFor();
    const open = await call<ProposalSummary[]>(page, "/api/v1/replenishment/proposals?status=open");
    expect(open).toHaveLength(1);
    const proposalId = must(open[0], "open proposal").id;
    expect(await page.getByTestId("proposal-row").count()).toBe(1);
    await page.getByTestId("proposal-open").click();
    await page.getByTestId("proposal-lines").waitFor();
    const before = await call<ProposalResponse>(page, `/api/v1/replenishment/proposals/${proposalId}`);
    expect(await page.getByTestId("proposal-line").count()).toBe(before.lines.length);
    expect(Number(await page.getByTestId("proposal-total").getAttribute("data-poisha"))).toBe(before.totalPoisha);

    // The distributor orders one more of the first line's unit; the total follows.
    const edited = must(before.lines[0], "first line");
    const units = edited.units + 1;
    await page.getByTestId("proposal-units").first().fill(String(units));
    const expectedTotal = before.totalPoisha + edited.unitFactor * edited.unitPricePoisha;
    await expect
      .poll(async () => Number(await page.getByTestId("proposal-total").getAttribute("data-poisha")))
      .toBe(expectedTotal);
    await page.screenshot({ path: path.join(SCREENSHOTS, "replenishment-proposal-en.png"), fullPage: true });

    // One click: approved and submitted as a primary order, whose number the page shows and links.
    await page.getByTestId("proposal-approve").click();
    const link = page.getByTestId("proposal-order-link");
    await link.waitFor();
    const number = must(await link.getAttribute("data-number"), "primary order number");
    expect(number).not.toBe("");
    expect(await page.getByTestId("proposal-status").getAttribute("data-status")).toBe("approved");
    expect(await page.getByTestId("proposal-approved").textContent()).toContain(number);

    // Through the API: the proposal is approved and points at a submitted primary order with these lines.
    const after = await call<ProposalResponse>(page, `/api/v1/replenishment/proposals/${proposalId}`);
    expect(after.status).toBe("approved");
    expect(after.primaryOrderNumber).toBe(number);
    const order = await call<PrimaryOrder>(page, `/api/v1/primary-orders/${must(after.primaryOrderId, "order id")}`);
    expect(order.number).toBe(number);
    expect(order.status).toBe("submitted");
    expect(order.distributorId).toBe(distributorId);
    const qtyBySku = new Map((order.lines ?? []).map((l) => [l.skuId, l.qty]));
    expect(qtyBySku).toEqual(
      new Map(before.lines.map((l) => [l.skuId, l.skuId === edited.skuId ? units * l.unitFactor : l.qty])),
    );
    // Priced as the proposal showed: the goods' value is the total the screen had before approving.
    expect((order.lines ?? []).reduce((s, l) => s + l.qty * l.unitPricePoisha, 0)).toBe(expectedTotal);

    // The link opens the existing primary order page.
    await link.click();
    await page.waitForURL(/\/primary-orders\/[0-9a-f-]{36}$/);
    await page.getByText(number).first().waitFor();

    // The proposal is in the approved history now, and no longer open.
    await page.goto(`${j.server.base}/replenishment/proposals?status=approved`);
    await page.getByTestId("proposal-order-link").first().waitFor();
    expect(await page.getByTestId("proposal-order-link").first().textContent()).toBe(number);

    expect(faults).toEqual([]);
    await page.close();
  });

  it("shows the stock plan in Bengali", async () => {
    const page = await signIn(j.browser, j.server.base, DISTRIBUTOR, "bn");
    const faults = watchForFaults(page);
    await page.getByTestId("nav-replenishment").click();
    await page.getByTestId("plan-row").first().waitFor();
    expect(await page.getByRole("heading", { level: 2 }).textContent()).toBe("স্টক পরিকল্পনা");
    expect(await page.getByTestId("plan-chip-reorder").textContent()).toContain("অর্ডার করুন");
    // Counts and figures in Bengali digits.
    expect(await page.getByTestId("plan-count-reorder").textContent()).toMatch(/^[০-৯]+$/);
    expect(await page.getByTestId("plan-policy").textContent()).toMatch(/লিড টাইম [০-৯]+ দিন/);
    await page.screenshot({ path: path.join(SCREENSHOTS, "replenishment-plan-bn.png"), fullPage: true });
    expect(faults).toEqual([]);
    await page.close();
  });
});
