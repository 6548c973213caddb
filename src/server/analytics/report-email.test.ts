import { describe, expect, it } from "vitest";
import { reportEmail, reportFileName } from "./report-email.ts";
import { XLSX_CONTENT_TYPE } from "./report-files.ts";
import type { ReportTable } from "./report-table.ts";

const table = (over: Partial<ReportTable> = {}): ReportTable => ({
  title: "দৈনিক বিক্রি, ২৪ নভেম্বর ২০২৬",
  subtitle: "অঞ্চল: ঢাকা",
  locale: "bn",
  columns: [],
  rows: [],
  totals: null,
  ...over,
});
const xlsx = Buffer.from("PK\u0003\u0004");
/** 24 Nov 2026, 01:00 in Dhaka: still 23 Nov in UTC. */
const at = new Date("2026-11-23T19:00:00Z");

describe("reportEmail", () => {
  it("has the title as subject, the summary as bullets, the attachment named, and why it came (Bengali)", () => {
    const email = reportEmail({
      table: table(),
      summary: ["মোট বিক্রি: ৳১২,৩৪,৫৬৭", "গত সপ্তাহের চেয়ে ৪.২% বেশি"],
      xlsx,
      report: "sales",
      frequency: "daily",
      ownerName: "রহিম উদ্দিন",
      at,
    });
    expect(email.subject).toBe("দৈনিক বিক্রি, ২৪ নভেম্বর ২০২৬");
    expect(email.text).toBe(
      [
        "দৈনিক বিক্রি, ২৪ নভেম্বর ২০২৬",
        "অঞ্চল: ঢাকা",
        "",
        "• মোট বিক্রি: ৳১২,৩৪,৫৬৭",
        "• গত সপ্তাহের চেয়ে ৪.২% বেশি",
        "",
        "সম্পূর্ণ রিপোর্টটি এক্সেল ফাইল হিসেবে সংযুক্ত করা হলো: bikri-sales-2026-11-24.xlsx",
        "",
        "— বিক্রি",
        "রহিম উদ্দিন বিক্রিতে এই দৈনিক রিপোর্টটি নির্ধারণ করেছেন, তাই আপনি এই ইমেইলটি পাচ্ছেন। বন্ধ করতে বিক্রিতে সময়সূচিটি মুছে দিন।",
        "",
      ].join("\n"),
    );
    expect(email.html).toContain('<html lang="bn">');
    expect(email.html).toContain("<li>মোট বিক্রি: ৳১২,৩৪,৫৬৭</li>");
    expect(email.attachments).toEqual([
      { filename: "bikri-sales-2026-11-24.xlsx", content: xlsx, contentType: XLSX_CONTENT_TYPE },
    ]);
  });

  it("writes English, escapes HTML, keeps the subject on one line, and leaves out what is missing", () => {
    const email = reportEmail({
      table: table({ title: 'Sales <b>by</b>\r\narea & "brand"', subtitle: null, locale: "en" }),
      summary: [],
      xlsx,
      report: "sales",
      frequency: "weekly",
      ownerName: "O'Brien <ob@example.com>",
      at,
    });
    expect(email.subject).toBe('Sales <b>by</b> area & "brand"');
    expect(email.text.split("\n").slice(0, 2)).toEqual(['Sales <b>by</b> area & "brand"', ""]);
    expect(email.text).toContain("The full report is attached as an Excel file: bikri-sales-2026-11-24.xlsx");
    expect(email.text).toContain("because O'Brien <ob@example.com> scheduled this weekly report in Bikri.");
    expect(email.html).toContain("Sales &lt;b&gt;by&lt;/b&gt;");
    expect(email.html).toContain("O&#39;Brien &lt;ob@example.com&gt;");
    expect(email.html).not.toContain("<b>by</b>");
    expect(email.html).not.toContain("<ul>");
  });

  it("names the file in ASCII by the report and the Dhaka date", () => {
    expect(reportFileName("sales", at)).toBe("bikri-sales-2026-11-24.xlsx");
    expect(reportFileName("ফিল্ড/x", at)).toBe("bikri-------x-2026-11-24.xlsx");
  });
});
