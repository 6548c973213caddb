// The dashboards' numbers leave the app as files and emails: an export holds exactly the dashboard's figures
// (the totals row equals the API's totals), and a scheduled report arrives over real SMTP with the XLSX attached.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SalesResponse } from "../../shared/contracts/analytics.ts";
import { addDays, businessDate } from "../../shared/format.ts";
import { hasBengali } from "../testing/assertions.ts";
import { type SmtpReceiver, startSmtpReceiver, waitForMail } from "../testing/smtp-receiver.ts";
import { type Caller, createTestApp, ORG_A_DOMAIN, signIn, type TestApp } from "../testing/test-app.ts";
import { XLSX_LAYOUT } from "./report-files.ts";
import { rebuildSalesRollups } from "./sales-rollups.service.ts";

let t: TestApp;
let smtp: SmtpReceiver;
let admin: Caller;
let manager: Caller;
const to = businessDate();
const from = addDays(to, -40);
const query = `from=${from}&to=${to}&by=territory`;

beforeAll(async () => {
  smtp = await startSmtpReceiver();
  t = await createTestApp({ SMTP_URL: smtp.url });
  await rebuildSalesRollups(t.database.handle.db, t.orgA.orgId);
  admin = await signIn(t.app, `admin@${ORG_A_DOMAIN}`);
  manager = await signIn(t.app, `manager@${ORG_A_DOMAIN}`);
}, 120_000);
afterAll(async () => {
  await t?.close();
  await smtp?.stop();
});

async function sheetOf(body: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = book.worksheets[0];
  if (!sheet) throw new Error("no sheet");
  return sheet;
}

describe("analytics exports", () => {
  it("an XLSX export's rows and totals are the dashboard's, in the caller's language", async () => {
    const api = (await admin.request("GET", `/api/v1/analytics/sales?${query}`)).json() as SalesResponse;
    expect(api.totals.current.orderedPoisha).toBeGreaterThan(0);
    const res = await admin.request("GET", `/api/v1/analytics/sales/export?${query}&format=xlsx`, undefined, {
      "accept-language": "bn",
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-disposition"]).toMatch(/attachment; filename="sales-\d{4}-\d{2}-\d{2}\.xlsx"/);
    const sheet = await sheetOf(res.rawPayload);
    expect(hasBengali(String(sheet.getCell(XLSX_LAYOUT.titleRow, 1).value))).toBe(true);
    const header = sheet.getRow(XLSX_LAYOUT.headerRow).values as unknown[];
    const orderedCol = header.findIndex((h) => String(h).startsWith("অর্ডার (৳)"));
    expect(orderedCol).toBeGreaterThan(0);
    const last = XLSX_LAYOUT.firstDataRow + api.rows.length;
    expect(sheet.getCell(last, orderedCol).value).toBe(api.totals.current.orderedPoisha / 100);
    const rowsSum = api.rows.reduce((s, r) => s + r.current.orderedPoisha, 0);
    expect(rowsSum).toBe(api.totals.current.orderedPoisha);
    for (const [i, r] of api.rows.entries())
      expect(sheet.getCell(XLSX_LAYOUT.firstDataRow + i, orderedCol).value).toBe(r.current.orderedPoisha / 100);
  });

  it("a CSV export starts with a BOM and carries the same totals", async () => {
    const api = (await admin.request("GET", `/api/v1/analytics/sales?${query}`)).json() as SalesResponse;
    const res = await admin.request("GET", `/api/v1/analytics/sales/export?${query}&format=csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/csv/);
    expect(res.body.charCodeAt(0)).toBe(0xfeff);
    const lines = res.body.trim().split("\r\n");
    expect(lines.length).toBe(api.rows.length + 2);
    const total = (api.totals.current.orderedPoisha / 100).toFixed(2);
    expect(lines[lines.length - 1]).toContain(total);
  });

  it("a manager's scheduled report arrives by SMTP with their subtree's numbers attached", async () => {
    const refused = await manager.request("POST", "/api/v1/analytics/report-schedules", {
      report: "sales",
      filters: { by: "nowhere" },
      frequency: "daily",
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe("request.invalid");

    const elsewhere = t.orgA.territoryIdByCode.get("CHA");
    expect(elsewhere).toBeDefined();
    const outside = await manager.request("POST", "/api/v1/analytics/report-schedules", {
      report: "sales",
      filters: { territoryId: elsewhere },
      frequency: "daily",
    });
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error.code).toBe("territory.not_found");

    const created = await manager.request("POST", "/api/v1/analytics/report-schedules", {
      report: "sales",
      filters: { from, to, by: "territory" },
      frequency: "weekly",
      weekday: 6,
      sendAt: "08:30",
      locale: "en",
    });
    expect(created.statusCode, created.body).toBe(201);
    const sent = await manager.request("POST", `/api/v1/analytics/report-schedules/${created.json().id}/send`);
    expect(sent.statusCode, sent.body).toBe(200);
    await waitForMail(smtp, 1);
    const mail = smtp.received[smtp.received.length - 1]?.parsed;
    expect(mail?.to && "text" in mail.to ? mail.to.text : "").toContain(`manager@${ORG_A_DOMAIN}`);
    const attachment = mail?.attachments.find((a) => a.filename?.endsWith(".xlsx"));
    expect(attachment).toBeDefined();
    const sheet = await sheetOf(attachment?.content as Buffer);
    const mine = (await manager.request("GET", `/api/v1/analytics/sales?${query}`)).json() as SalesResponse;
    const all = (await admin.request("GET", `/api/v1/analytics/sales?${query}`)).json() as SalesResponse;
    expect(mine.totals.current.orderedPoisha).toBeLessThan(all.totals.current.orderedPoisha);
    const header = sheet.getRow(XLSX_LAYOUT.headerRow).values as unknown[];
    const orderedCol = header.findIndex((h) => String(h).startsWith("Ordered (৳)"));
    expect(sheet.getCell(XLSX_LAYOUT.firstDataRow + mine.rows.length, orderedCol).value).toBe(
      mine.totals.current.orderedPoisha / 100,
    );
    expect(mail?.text).toContain("Ordered:");
  });
});

describe("every report exports", () => {
  it.each(["field", "availability", "distributors", "warnings"])("%s as XLSX and CSV", async (report) => {
    const url = `/api/v1/analytics/${report}/export?${report === "warnings" ? "" : `from=${from}&to=${to}`}`;
    const xlsx = await admin.request("GET", `${url}&format=xlsx`);
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    const sheet = await sheetOf(xlsx.rawPayload);
    expect(String(sheet.getCell(XLSX_LAYOUT.titleRow, 1).value).length).toBeGreaterThan(0);
    const csv = await admin.request("GET", `${url}&format=csv`);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.body.charCodeAt(0)).toBe(0xfeff);
  });
});

describe("named periods", () => {
  it("turn into dates on the day of asking, so a scheduled report's 'last 7 days' rolls", async () => {
    const res = await admin.request("GET", "/api/v1/analytics/sales?period=last_7");
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as SalesResponse).period).toMatchObject({ from: addDays(to, -6), to, days: 7 });
    const dated = await admin.request("GET", `/api/v1/analytics/sales?period=last_7&from=${from}&to=${to}`);
    expect((dated.json() as SalesResponse).period.from).toBe(from);
    const created = await admin.request("POST", "/api/v1/analytics/report-schedules", {
      report: "sales",
      filters: { period: "yesterday", by: "distributor" },
      frequency: "daily",
    });
    expect(created.statusCode, created.body).toBe(201);
    // Coverage (outlets that ordered) is counted up to a quarter; a longer period leaves it out rather than slow down.
    const quarter = (
      await admin.request("GET", "/api/v1/analytics/sales?period=last_90&coverage=outlets")
    ).json() as SalesResponse;
    expect(quarter.totals.current.outletsOrdered).toBeGreaterThan(0);
    // Asked for apart: the plain call leaves it out (it costs more than the rest of the answer).
    const plain = (await admin.request("GET", "/api/v1/analytics/sales?period=last_90")).json() as SalesResponse;
    expect(plain.totals.current.outletsOrdered).toBeNull();
    expect(plain.rows.every((r) => r.current.outletsOrdered === null)).toBe(true);
    expect(plain.totals.current.orderedPoisha).toBe(quarter.totals.current.orderedPoisha);
    const long = (
      await admin.request("GET", `/api/v1/analytics/sales?from=${addDays(to, -119)}&to=${to}&coverage=outlets`)
    ).json();
    expect((long as SalesResponse).totals.current.outletsOrdered).toBeNull();
    expect((long as SalesResponse).totals.current.orders).toBe(quarter.totals.current.orders);
    const unknown = await admin.request("GET", "/api/v1/analytics/sales?period=fortnight");
    expect(unknown.statusCode).toBe(400);
  });
});
