// The email of a scheduled report, in the schedule's language: the report's title as the subject, the summary
// lines in the body (plain text and HTML), the XLSX attached, and a footer saying why it came and how to stop it.
import { businessDate } from "../../shared/format.ts";
import type { Locale } from "../../shared/locale.ts";
import type { MailAttachment } from "../platform/mail/mailer.ts";
import { XLSX_CONTENT_TYPE } from "./report-files.ts";
import type { ReportFrequency } from "./report-schedule-timing.ts";
import type { ReportTable } from "./report-table.ts";

const WORDS: Record<
  Locale,
  { attached: (file: string) => string; why: (owner: string, frequency: ReportFrequency) => string; brand: string }
> = {
  bn: {
    attached: (file) => `সম্পূর্ণ রিপোর্টটি এক্সেল ফাইল হিসেবে সংযুক্ত করা হলো: ${file}`,
    why: (owner, frequency) =>
      `${owner} বিক্রিতে এই ${frequency === "daily" ? "দৈনিক" : "সাপ্তাহিক"} রিপোর্টটি নির্ধারণ করেছেন, তাই আপনি এই ইমেইলটি পাচ্ছেন। বন্ধ করতে বিক্রিতে সময়সূচিটি মুছে দিন।`,
    brand: "বিক্রি",
  },
  en: {
    attached: (file) => `The full report is attached as an Excel file: ${file}`,
    why: (owner, frequency) =>
      `You receive this email because ${owner} scheduled this ${frequency} report in Bikri. To stop it, delete the schedule in Bikri.`,
    brand: "Bikri",
  },
};

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

export interface ReportEmailInput {
  table: ReportTable;
  summary: string[];
  xlsx: Buffer;
  /** The report's name (REPORT_NAMES), for the file name. */
  report: string;
  frequency: ReportFrequency;
  ownerName: string;
  at: Date;
}

export interface ReportEmail {
  subject: string;
  text: string;
  html: string;
  attachments: MailAttachment[];
}

/** The attachment's name: ASCII, so that every mail program shows it as sent (bikri-sales-2026-11-24.xlsx). */
export const reportFileName = (report: string, at: Date) =>
  `bikri-${report.replace(/[^a-z0-9_-]/gi, "-")}-${businessDate(at)}.xlsx`;

export function reportEmail(input: ReportEmailInput): ReportEmail {
  const { table } = input;
  const words = WORDS[table.locale];
  const file = reportFileName(input.report, input.at);
  // A subject is one line: a title with a line break in it would end the header early.
  const subject = table.title.replace(/\s+/g, " ").trim();
  const text = [
    subject,
    ...(table.subtitle ? [table.subtitle] : []),
    "",
    ...input.summary.map((line) => `• ${line}`),
    ...(input.summary.length ? [""] : []),
    words.attached(file),
    "",
    `— ${words.brand}`,
    words.why(input.ownerName, input.frequency),
    "",
  ].join("\n");
  const html = [
    `<!doctype html><html lang="${table.locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    `<body style="font-family: 'Noto Sans Bengali', 'Nirmala UI', Vrinda, Arial, sans-serif; color: #222;">`,
    `<h2 style="margin: 0 0 4px;">${escapeHtml(table.title)}</h2>`,
    table.subtitle ? `<p style="margin: 0 0 12px; color: #555;">${escapeHtml(table.subtitle)}</p>` : "",
    input.summary.length ? `<ul>${input.summary.map((line) => `<li>${escapeHtml(line)}</li>`).join("")}</ul>` : "",
    `<p>${escapeHtml(words.attached(file))}</p>`,
    `<p style="margin-top: 24px; font-size: 12px; color: #777;">— ${escapeHtml(words.brand)}<br>${escapeHtml(
      words.why(input.ownerName, input.frequency),
    )}</p>`,
    "</body></html>",
  ].join("");
  return {
    subject,
    text,
    html,
    attachments: [{ filename: file, content: input.xlsx, contentType: XLSX_CONTENT_TYPE }],
  };
}
