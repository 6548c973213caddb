// The trade-promotions journey: marketing creates two schemes in the scheme editor (buy 12 of one SKU get 1 of
// another free, claimable, given for every multiple; and 5 % off a memo above a value) and activates them; the
// distributor takes a memo in the order-entry screen that triggers both: before saving, the screen shows the line's
// discount with the scheme's label, the free line, and why no other scheme applied; confirmed, the order detail and
// the printed memo (Bengali and English) show each scheme's label and the free line; delivered through the order's
// own actions; then the distributor builds a claim on the claims screen that carries the claimable scheme's cost.
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { apiGet, chromiumAvailable, journeyFixture, SCREENSHOTS, signIn, watchForFaults } from "./browser.ts";

interface BookSku {
  id: string;
  code: string;
  name: string;
  units: { unit: string; factor: number }[];
  baseUnit: string;
  sellByUnit: string | null;
  vatRateBp: number;
  price: { retailerPricePoisha: number; pricesIncludeVat: boolean } | null;
}

/** Pick an option of a Mantine Select / MultiSelect: type into it and click the option that names `text`. */
async function choose(page: Page, testId: string, text: string) {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(text);
  await page
    .getByRole("option", { name: new RegExp(text) })
    .first()
    .click();
}

const addDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

describe.runIf(chromiumAvailable)("promotions journey", () => {
  const j = journeyFixture();

  it("creates schemes in the editor, an order triggers them on screen and on the memo, the distributor claims it", async () => {
    const base = j.server.base;
    // The distributor's outlet with credit left and two SKUs it has in stock: 12 of one to buy, 1 of the other free.
    const dist = await signIn(j.browser, base, "distributor@demo.bikri.app", "bn");
    const distFaults = watchForFaults(dist);
    const session = await apiGet<{ user: { scope: { distributorId?: string } } }>(dist, "/api/v1/auth/session");
    const distributorId = session.user.scope.distributorId;
    if (!distributorId) throw new Error("the demo distributor user has no distributor");
    const outlets = await apiGet<{ items: { id: string; code: string }[] }>(
      dist,
      `/api/v1/outlets?distributorId=${distributorId}&limit=20`,
    );
    let outlet: (typeof outlets.items)[number] | undefined;
    for (const o of outlets.items) {
      const dues = await apiGet<{ availableCreditPoisha: number | null }>(dist, `/api/v1/outlets/${o.id}/dues`);
      if (dues.availableCreditPoisha === null || dues.availableCreditPoisha > 2_000_000) {
        outlet = o;
        break;
      }
    }
    if (!outlet) throw new Error("the demo distributor serves no outlet with credit left");
    const book = await apiGet<{ date: string; skus: BookSku[] }>(
      dist,
      `/api/v1/catalog/order-book?outletId=${outlet.id}`,
    );
    const stock = await apiGet<{ items: { skuId: string; available: number }[] }>(
      dist,
      `/api/v1/stock?distributorId=${distributorId}&limit=200`,
    );
    const available = new Map(stock.items.map((r) => [r.skuId, r.available]));
    const pieceUnit = (s: BookSku) => s.units.find((u) => u.factor === 1)?.unit;
    const bought = book.skus.find(
      (s) =>
        s.price &&
        !s.sellByUnit &&
        pieceUnit(s) &&
        (available.get(s.id) ?? 0) >= 24 &&
        s.price.retailerPricePoisha >= 1000,
    );
    const freeSku = book.skus.find((s) => s.price && s.id !== bought?.id && (available.get(s.id) ?? 0) >= 2);
    if (!bought?.price || !freeSku?.price) throw new Error("the demo distributor has no stock for the journey");
    const today = book.date;
    // The value slab starts at half of what 12 of the bought SKU come to, in whole taka: the memo reaches it.
    const memoGross = 12 * bought.price.retailerPricePoisha;
    const slabTaka = Math.max(1, Math.floor(memoGross / 200));

    // Marketing opens a campaign, then builds both schemes in the editor, in English.
    const mkt = await signIn(j.browser, base, "marketing@demo.bikri.app", "en");
    const mktFaults = watchForFaults(mkt);
    await mkt.goto(`${base}/promotions/campaigns`);
    await mkt.getByTestId("new-campaign").click();
    await mkt.getByTestId("campaign-name-en").fill("E2E tea push");
    await mkt.getByTestId("campaign-name-bn").fill("ই২ই চা প্রচার");
    await mkt.getByTestId("campaign-from").fill(today);
    await mkt.getByTestId("campaign-to").fill(addDays(today, 30));
    await mkt.getByTestId("campaign-save").click();
    await mkt.getByTestId("campaign-row").filter({ hasText: "E2E tea push" }).waitFor();
    await mkt.goto(`${base}/promotions`);
    await mkt.getByTestId("new-scheme").click();
    await mkt.getByTestId("scheme-editor").waitFor();
    await mkt.getByTestId("scheme-code").fill("E2E12");
    await mkt.getByTestId("scheme-name-en").fill(`Buy 12 ${bought.code}, get 1 ${freeSku.code} free`);
    await mkt.getByTestId("scheme-name-bn").fill(`১২টি ${bought.code} কিনলে ১টি ${freeSku.code} ফ্রি`);
    await mkt.getByTestId("scheme-valid-from").fill(today);
    await mkt.getByTestId("scheme-valid-to").fill(addDays(today, 30));
    await mkt.getByTestId("scheme-priority").fill("1");
    await mkt.getByTestId("scheme-claimable").check({ force: true });
    await choose(mkt, "scheme-campaign", "E2E tea push");
    await choose(mkt, "scheme-skus", bought.code);
    await mkt.keyboard.press("Escape");
    await mkt.getByTestId("scheme-mode").getByText("For every multiple").click();
    await mkt.getByTestId("slab-min").fill("12");
    await mkt.getByTestId("benefit-type").getByText("Free goods").click();
    await choose(mkt, "benefit-free-sku", freeSku.code);
    await mkt.getByTestId("benefit-free-qty").fill("1");
    // Try it before saving: 12 on a memo of this outlet give one free.
    await choose(mkt, "try-outlet", outlet.code);
    await choose(mkt, "try-sku", bought.code);
    await mkt.getByTestId("try-qty").fill("12");
    await mkt.getByTestId("try-result").waitFor();
    expect(await mkt.getByTestId("try-result").textContent()).toContain("E2E12: 1 free");
    await mkt.getByTestId("try-qty").fill("11");
    expect(await mkt.getByTestId("try-reason").textContent()).toBe("It needs 12 units; the order has 11.");
    await mkt.getByTestId("try-qty").fill("12");
    await mkt.screenshot({ path: path.join(SCREENSHOTS, "promotions-scheme-editor-en.png"), fullPage: true });
    await mkt.getByTestId("scheme-save").click();
    await mkt.waitForURL(/\/promotions\/schemes\/[0-9a-f-]{36}$/);
    await mkt.getByTestId("scheme-action-activate").click();
    await expect.poll(() => mkt.getByTestId("scheme-status").textContent()).toBe("Active");

    await mkt.goto(`${base}/promotions/schemes/new`);
    await mkt.getByTestId("scheme-code").fill("E2EVAL5");
    await mkt.getByTestId("scheme-name-en").fill("5 % off a bigger memo");
    await mkt.getByTestId("scheme-name-bn").fill("বড় মেমোতে ৫% ছাড়");
    await mkt.getByTestId("scheme-valid-from").fill(today);
    await mkt.getByTestId("scheme-valid-to").fill(addDays(today, 30));
    await mkt.getByTestId("scheme-priority").fill("2");
    await mkt.getByTestId("scheme-measure").getByText("Value").click();
    await mkt.getByTestId("slab-min").fill(String(slabTaka));
    await mkt.getByTestId("benefit-percent").fill("5");
    await mkt.getByTestId("scheme-save").click();
    await mkt.waitForURL(/\/promotions\/schemes\/[0-9a-f-]{36}$/);
    await mkt.getByTestId("scheme-action-activate").click();
    await expect.poll(() => mkt.getByTestId("scheme-status").textContent()).toBe("Active");
    await mkt.goto(`${base}/promotions?status=active`);
    await mkt.locator('[data-testid="scheme-row"][data-code="E2E12"]').waitFor();
    await mkt.locator('[data-testid="scheme-row"][data-code="E2EVAL5"]').waitFor();
    await mkt.screenshot({ path: path.join(SCREENSHOTS, "promotions-scheme-list-en.png"), fullPage: true });

    // The distributor takes the memo in Bengali: 11 first (only the value slab), then 12 (the free line too).
    await dist.goto(`${base}/orders/new?outletId=${outlet.id}`);
    const search = dist.getByTestId("sku-search");
    await search.waitFor();
    await dist.getByTestId("schemes-panel").waitFor();
    await search.fill(bought.code);
    await search.press("Enter");
    await dist.keyboard.type("11");
    await dist
      .locator(`[data-testid="order-line"][data-sku="${bought.code}"] [data-testid="line-unit"]`)
      .selectOption(pieceUnit(bought) ?? "piece");
    expect(await dist.getByTestId("free-line").count()).toBe(0);
    await dist.getByTestId("schemes-why").click();
    await expect
      .poll(() => dist.locator('[data-testid="scheme-skipped"]').filter({ hasText: "E2E12" }).textContent())
      .toContain("১২ ইউনিট লাগে; অর্ডারে আছে ১১");
    const qty = dist.locator(`[data-testid="order-line"][data-sku="${bought.code}"] [data-testid="line-qty"]`);
    await qty.fill("12");
    const free = dist.locator(`[data-testid="free-line"][data-sku="${freeSku.code}"]`);
    await free.waitFor();
    expect(await free.getByTestId("free-line-label").textContent()).toContain("E2E12");
    expect(await free.getByTestId("free-line-qty").textContent()).toBe("১");
    const lineScheme = dist.locator(
      `[data-testid="order-line"][data-sku="${bought.code}"] [data-testid="line-scheme"]`,
    );
    expect(await lineScheme.textContent()).toContain("E2EVAL5: ৫% ছাড়");
    expect(await dist.locator('[data-testid="scheme-applied"]').count()).toBeGreaterThanOrEqual(2);
    expect(await dist.getByTestId("entry-discount").textContent()).toMatch(/৳[০-৯]/);
    await dist.screenshot({ path: path.join(SCREENSHOTS, "promotions-order-entry-bn.png"), fullPage: true });
    await dist.getByTestId("confirm-order").click();
    const refused = dist.getByRole("alert").first();
    await Promise.race([
      dist.waitForURL(/\/orders\/[0-9a-f-]{36}$/),
      refused.waitFor().then(async () => {
        throw new Error(`the order was refused: ${await refused.textContent()}`);
      }),
    ]);
    const orderId = dist.url().split("/").pop() ?? "";

    // The server priced it the same: the free line, each scheme's adjustment, and one grant per scheme.
    const order = await apiGet<{
      totalPoisha: number;
      lines: {
        skuId: string;
        qty: number;
        freeOfSchemeId: string | null;
        adjustments: { code: string; poisha: number }[];
      }[];
    }>(dist, `/api/v1/secondary-orders/${orderId}`);
    const freeLine = order.lines.find((l) => l.freeOfSchemeId !== null);
    expect(freeLine).toMatchObject({ skuId: freeSku.id, qty: 1 });
    expect(freeLine?.adjustments.map((a) => [a.code, a.poisha])).toEqual([
      ["E2E12", freeSku.price.retailerPricePoisha],
    ]);
    const boughtLine = order.lines.find((l) => l.skuId === bought.id);
    // 5 % of 12 x price, rounded half up
    expect(boughtLine?.adjustments.map((a) => [a.code, a.poisha])).toEqual([
      ["E2EVAL5", Math.floor((memoGross * 500 + 5000) / 10000)],
    ]);
    const detailLine = dist.locator('[data-testid="order-detail-lines"] [data-testid="detail-free"]');
    await detailLine.waitFor();
    expect(await detailLine.textContent()).toContain("E2E12");
    // What the order was given, per scheme; the claimable one says so.
    const grant = dist.locator('[data-testid="order-grant"][data-code="E2E12"]');
    await grant.waitFor();
    expect(await grant.textContent()).toContain("দাবিযোগ্য");
    await dist.screenshot({ path: path.join(SCREENSHOTS, "promotions-order-detail-bn.png"), fullPage: true });

    // The memo in both languages names the schemes.
    for (const lang of ["bn", "en"] as const) {
      await dist.goto(`${base}/print/orders/${orderId}?doc=memo&size=A4&lang=${lang}`);
      await dist.getByTestId("print-sheet").waitFor();
      const texts = await dist.getByTestId("print-scheme").allTextContents();
      expect(texts.some((x) => x.includes("E2E12"))).toBe(true);
      expect(texts.some((x) => x.includes(lang === "bn" ? "E2EVAL5: ৫% ছাড়" : "E2EVAL5: 5 % off"))).toBe(true);
      await dist.screenshot({ path: path.join(SCREENSHOTS, `promotions-memo-a4-${lang}.png`), fullPage: true });
    }

    // Delivered through the order's own actions: invoice, dispatch, deliver in full.
    await dist.goto(`${base}/orders/${orderId}`);
    // Each step's toast may sit over the next button: the click goes to the button itself.
    for (const step of ["invoice", "dispatch"] as const) {
      await dist.getByTestId(`order-action-${step}`).dispatchEvent("click");
      await dist.getByTestId(`order-action-${step}`).waitFor({ state: "detached" });
    }
    await dist.getByTestId("order-action-deliver").dispatchEvent("click");
    await dist.getByTestId("deliver-submit").click();
    await expect.poll(() => dist.getByTestId("order-status").textContent()).toBe("সরবরাহ হয়েছে");

    // The distributor claims it: the claimable scheme's cost (the free goods' value) is on the claim.
    await dist.goto(`${base}/promotions/claims/new`);
    await dist.getByTestId("new-claim-page").waitFor();
    await dist.locator('[data-testid="claimable-row"]').first().waitFor();
    await expect
      .poll(async () => Number(await dist.getByTestId("claimable-total").getAttribute("data-poisha")))
      .toBe(freeSku.price.retailerPricePoisha);
    await dist.getByTestId("new-claim-build").click();
    await dist.waitForURL(/\/promotions\/claims\/[0-9a-f-]{36}$/);
    const claimLine = dist.locator('[data-testid="claim-line"]').first();
    await claimLine.waitFor();
    expect(Number(await claimLine.getAttribute("data-poisha"))).toBe(freeSku.price.retailerPricePoisha);
    expect(await claimLine.textContent()).toContain("E2E12");
    await dist.screenshot({ path: path.join(SCREENSHOTS, "promotions-claim-bn.png"), fullPage: true });

    // The distributor sees the schemes that reach it, in Bengali (read only: no "new scheme").
    await dist.goto(`${base}/promotions`);
    await dist.locator('[data-testid="scheme-row"][data-code="E2E12"]').waitFor();
    expect(await dist.getByTestId("new-scheme").count()).toBe(0);
    expect(await dist.locator('[data-testid="scheme-row"][data-code="E2E12"]').textContent()).toContain("চালু");
    await dist.screenshot({ path: path.join(SCREENSHOTS, "promotions-scheme-list-bn.png"), fullPage: true });

    // The campaign's results count what its scheme cost: the free goods given on this order.
    await mkt.goto(`${base}/promotions/campaigns`);
    await mkt.getByTestId("campaign-row").filter({ hasText: "E2E tea push" }).getByRole("link").click();
    await mkt.getByTestId("campaign-results").waitFor();
    expect(Number(await mkt.getByTestId("campaign-cost").getAttribute("data-poisha"))).toBe(
      freeSku.price.retailerPricePoisha,
    );
    expect(await mkt.getByTestId("campaign-schemes").textContent()).toContain("E2E12");
    await mkt.getByTestId("campaign-activate").click();
    await expect.poll(() => mkt.getByTestId("campaign-status").textContent()).toBe("Active");
    await mkt.screenshot({ path: path.join(SCREENSHOTS, "promotions-campaign-en.png"), fullPage: true });

    expect([...distFaults, ...mktFaults]).toEqual([]);
    await mkt.close();
    await dist.close();
  });
});
