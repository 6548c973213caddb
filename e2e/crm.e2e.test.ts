// The CRM and service-desk journeys of issue 9, in a real browser against the real app.
// Sales: head office makes a lead form in the app and takes its embed snippet; a visitor fills that form on a plain
// HTML page of the company's own site (another origin), arriving from a campaign link; the lead appears in the inbox
// with its campaign, is converted into an account, a contact and a deal, and the deal is dragged across the board to
// won (the API then has it won, with every stage change in its history).
// Service: a shopkeeper goes from their shop to the help page and asks a question in Bengali; a service agent
// resolves the ticket in Bengali and turns it into an FAQ article, publishes it, and the public help search finds it
// by a Bengali word.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import {
  apiGet,
  chromiumAvailable,
  DEMO_PASSWORD,
  journeyFixture,
  SCREENSHOTS,
  signIn,
  watchForFaults,
} from "./browser.ts";

const ADMIN = "admin@demo.bikri.app";
const SERVICE = "service@demo.bikri.app";
const RETAILER = "retailer@demo.bikri.app";

/** The company's own website: one plain HTML page, no framework, on another origin than Bikri. */
function companySite(snippet: string) {
  const html = `<!doctype html><html lang="bn"><head><meta charset="utf-8"><title>মেঘনা ট্রেডার্স</title></head>
<body><h1>মেঘনা ট্রেডার্স</h1><p>পাইকারি অর্ডারের জন্য যোগাযোগ করুন।</p>
<div data-bikri-form-slot>${snippet}</div></body></html>`;
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(html);
  });
  return {
    start: () =>
      new Promise<string>((resolve) =>
        server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface LeadRow {
  id: string;
  name: string;
  status: string;
  source: string;
  phoneE164: string | null;
  utm: { source: string | null; campaign: string | null };
  convertedDealId: string | null;
  convertedAccountId: string | null;
  convertedContactId: string | null;
}

async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

describe.runIf(chromiumAvailable)("CRM journey: web form to won deal", () => {
  const j = journeyFixture();
  let site: ReturnType<typeof companySite> | null = null;
  afterAll(async () => site?.close());

  it("a lead from the embedded form on a plain HTML page is in the inbox, is converted, and its deal is dragged to won", async () => {
    const base = j.server.base;
    const admin = await signIn(j.browser, base, ADMIN, "en");
    const faults = watchForFaults(admin);

    // Head office makes a form and copies its snippet from the embed dialog.
    await admin.goto(`${base}/crm/forms`);
    await admin.getByTestId("lead-form-new").click();
    await admin.getByTestId("lead-form-name").fill("Wholesale enquiries");
    await admin.getByTestId("lead-form-save").click();
    const row = admin.getByTestId("lead-form-row").filter({ hasText: "Wholesale enquiries" });
    await row.waitFor();
    await row.getByTestId("lead-form-embed").click();
    const forms = await apiGet<{ items: { name: string; publicKey: string }[] }>(admin, "/api/v1/crm/lead-forms");
    const form = forms.items.find((f) => f.name === "Wholesale enquiries");
    expect(form).toBeDefined();
    const key = form?.publicKey ?? "";
    const snippet = `<script src="${base}/forms/${key}/embed.js" async></script>`;
    // The dialog shows exactly this snippet for the person to copy.
    await expect.poll(() => admin.locator(".mantine-Modal-content").textContent()).toContain(`/forms/${key}/embed.js`);
    await admin.keyboard.press("Escape");

    // A visitor arrives on the company's site from a campaign link and fills the form in Bengali.
    site = companySite(snippet);
    const siteBase = await site.start();
    const visitor = await j.browser.newPage({ viewport: { width: 1000, height: 800 } });
    const visitorFaults = watchForFaults(visitor);
    await visitor.goto(`${siteBase}/?utm_source=facebook&utm_medium=cpc&utm_campaign=eid-wholesale`);
    const embedded = visitor.locator("form[data-bikri-form]");
    await embedded.waitFor();
    expect(await embedded.locator("button[type=submit]").textContent()).toContain("পাঠান");
    await embedded.locator("input[name=name]").fill("রফিকুল ইসলাম");
    await embedded.locator("input[name=phone]").fill("01712-345678");
    await embedded.locator("input[name=email]").fill("rafiq@meghna.example");
    await embedded.locator("input[name=company]").fill("মেঘনা ট্রেডার্স");
    await embedded.locator("textarea[name=message]").fill("প্রতি মাসে ৫০০ কার্টন চাই");
    await embedded.locator("button[type=submit]").click();
    await visitor.locator("[data-bikri-thanks]").waitFor();
    await screenshot(visitor, "crm-embedded-form-thanks");
    expect(visitorFaults).toEqual([]);

    // The lead is in the inbox, with the campaign it came from.
    await admin.goto(`${base}/crm/leads`);
    await admin.getByTestId("lead-search").fill("রফিকুল");
    const leadRow = admin.getByTestId("lead-row").filter({ hasText: "রফিকুল ইসলাম" });
    await leadRow.waitFor();
    await screenshot(admin, "crm-lead-inbox");
    await leadRow.getByRole("link", { name: "রফিকুল ইসলাম" }).click();
    await admin.getByTestId("lead-title").waitFor();
    expect(await admin.getByTestId("lead-utm").textContent()).toContain("eid-wholesale");
    const leadId = new URL(admin.url()).pathname.split("/").pop() ?? "";
    const captured = await apiGet<LeadRow>(admin, `/api/v1/crm/leads/${leadId}`);
    expect(captured).toMatchObject({
      name: "রফিকুল ইসলাম",
      source: "web_form",
      phoneE164: "+8801712345678",
      utm: { source: "facebook", campaign: "eid-wholesale" },
      convertedDealId: null,
    });

    // Converted: a new account, the contact, and a deal of ৳1,50,000.
    await admin.getByTestId("lead-convert").click();
    await admin.getByTestId("lead-convert-account-name").fill("Meghna Traders");
    const withDeal = admin.getByTestId("lead-convert-with-deal");
    if (!(await withDeal.isChecked())) await withDeal.check();
    await admin.getByTestId("lead-convert-deal-name").fill("Meghna monthly supply");
    await admin.getByTestId("lead-convert-amount").fill("150000");
    await admin.getByTestId("lead-convert-submit").click();
    await admin.getByTestId("lead-converted").waitFor();
    const converted = await apiGet<LeadRow>(admin, `/api/v1/crm/leads/${leadId}`);
    expect(converted.status).toBe("converted");
    expect(converted.convertedAccountId).not.toBeNull();
    expect(converted.convertedContactId).not.toBeNull();
    const dealId = converted.convertedDealId ?? "";
    expect(dealId).not.toBe("");
    const deal = await apiGet<{ name: string; amountPoisha: number; status: string }>(
      admin,
      `/api/v1/crm/deals/${dealId}`,
    );
    expect(deal).toMatchObject({ name: "Meghna monthly supply", amountPoisha: 15_000_000, status: "open" });

    // The board: the deal's card is dragged into the won column.
    await admin.setViewportSize({ width: 2600, height: 1000 });
    await admin.goto(`${base}/crm/deals`);
    const card = admin.locator(`[data-deal-id="${dealId}"]`).first();
    await card.waitFor();
    const wonColumn = admin.locator('[data-testid="deal-column"][data-stage-kind="won"]').first();
    await card.dragTo(wonColumn);
    await wonColumn.locator(`[data-deal-id="${dealId}"]`).waitFor();
    await expect
      .poll(async () => (await apiGet<{ status: string }>(admin, `/api/v1/crm/deals/${dealId}`)).status)
      .toBe("won");
    await screenshot(admin, "crm-deal-won");
    // Its history: the first stage it was made in, then won.
    const detail = await apiGet<{ history: unknown[] }>(admin, `/api/v1/crm/deals/${dealId}`);
    expect(detail.history.length).toBe(2);
    expect(faults).toEqual([]);
  });
});

describe.runIf(chromiumAvailable)("service journey: a question becomes an FAQ article, found in Bengali", () => {
  const j = journeyFixture();

  it("a ticket asked on the help page is resolved, turned into an article, published, and found by public search", async () => {
    const base = j.server.base;
    // A shopkeeper, signed in to their shop in Bengali, opens "help and questions" and asks there.
    const customer = await j.browser.newPage({ viewport: { width: 1100, height: 900 } });
    const customerFaults = watchForFaults(customer);
    await customer.goto(`${base}/sign-in`);
    await customer.getByTestId("lang-bn").click();
    await customer.getByTestId("signin-email").fill(RETAILER);
    await customer.getByTestId("signin-password").fill(DEMO_PASSWORD);
    await customer.getByTestId("signin-submit").click();
    await customer.getByTestId("shop").waitFor();
    await customer.getByTestId("shop-help").click();
    await customer.waitForURL(`${base}/help/demo`);
    await customer.getByTestId("faq-search").waitFor();
    const subject = "বাকিতে মাল নেওয়ার সীমা কীভাবে বাড়াব";
    await customer.getByTestId("ask-name").fill("শাহনাজ পারভীন");
    await customer.getByTestId("ask-phone").fill("01812345678");
    await customer.getByTestId("ask-subject").fill(subject);
    await customer.getByTestId("ask-message").fill("আমার দোকানের বাকির সীমা ৫০ হাজার টাকা, এটা বাড়াতে চাই।");
    await customer.getByTestId("ask-send").click();
    await customer.getByTestId("ask-done").waitFor();

    // The service agent, in Bengali, finds it in the queue, answers and resolves it.
    const agent = await signIn(j.browser, base, SERVICE, "bn");
    const faults = watchForFaults(agent);
    await agent.goto(`${base}/service`);
    await agent.getByTestId("queue-search").fill("বাকিতে");
    const ticketRow = agent.getByTestId("ticket-row").filter({ hasText: subject });
    await ticketRow.waitFor();
    await ticketRow.getByRole("link").first().click();
    await agent
      .getByTestId("ticket-resolution")
      .fill("আপনার এলাকার বিক্রয় প্রতিনিধিকে বলুন; গত তিন মাসের নিয়মিত পরিশোধ দেখে ডিস্ট্রিবিউটর সীমা বাড়িয়ে দেবে।");
    await agent.getByTestId("ticket-resolve").click();
    await agent.getByTestId("ticket-to-article").click();

    // The article editor opens with the question and the answer; it is published.
    await agent.getByTestId("article-title-bn").waitFor();
    expect(await agent.getByTestId("article-title-bn").inputValue()).toContain("বাকিতে");
    await agent.getByTestId("article-publish").click();
    await expect.poll(() => agent.getByTestId("article-status").textContent()).toMatch(/প্রকাশিত/);
    await screenshot(agent, "service-article-published");
    expect(faults).toEqual([]);

    // Public search, in Bengali, finds it.
    await customer.goto(`${base}/help/demo`);
    await customer.getByTestId("faq-search").fill("বাকি সীমা");
    const result = customer.getByTestId("faq-result").filter({ hasText: "বাকিতে মাল নেওয়ার সীমা" });
    await result.waitFor();
    await screenshot(customer, "service-faq-found");
    expect(customerFaults).toEqual([]);
  });
});
