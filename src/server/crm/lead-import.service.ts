// Leads from a file, all or none: a CSV export (a spreadsheet, another CRM) or vCards (a phone's or mail
// program's contacts, 3.0 or 4.0, several cards per file). Every row is checked and every problem reported with
// its row (CSV: the header is row 1) or line (vCard: where the card begins) in the caller's language; only a
// clean file is written, in one transaction, each lead through createLeadTx (so the assignment rules apply).
//
// CSV columns (header names, any order; only name is required): name, phone, email, company, title, message,
// district, utm_source, utm_medium, utm_campaign, utm_term, utm_content.
import { z } from "zod";
import type { ImportRowError } from "../../shared/contracts/network.ts";
import type { Locale } from "../../shared/locale.ts";
import { withTransaction } from "../db/transaction.ts";
import type { Ctx } from "../platform/context.ts";
import { isSystemActor } from "../platform/context.ts";
import { parseCsvWithHeader } from "../platform/csv.ts";
import { LEAD_IMPORT_MESSAGES, LeadErrors, type LeadImportMessage } from "./leads.errors.ts";
import { createLeadTx, type NewLeadInput, needs } from "./leads.service.ts";
import { parseVCards } from "./vcard.ts";

const MAX_LEADS = 5_000;
const MAX_REPORTED = 500;
const EmailCheck = z.email();

const LIMITS: Record<string, number> = {
  name: 200,
  phone: 40,
  email: 200,
  company: 200,
  title: 200,
  message: 4000,
  district: 100,
  utm_source: 200,
  utm_medium: 200,
  utm_campaign: 200,
  utm_term: 200,
  utm_content: 200,
};

class Report {
  readonly errors: ImportRowError[] = [];
  constructor(private readonly locale: Locale) {}
  add(row: number, column: string | null, code: LeadImportMessage, values: Record<string, string | number> = {}) {
    if (this.errors.length >= MAX_REPORTED) return;
    const message = LEAD_IMPORT_MESSAGES[code][this.locale].replace(/\{(\w+)\}/g, (m, k: string) =>
      k === "column" ? (column ?? m) : String(values[k] ?? m),
    );
    this.errors.push({
      row,
      column,
      code: `lead.import.${code.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`,
      message,
    });
  }
}

type Row = { row: number; values: Record<string, string> };

/** Checks one record's cells; returns the lead, or null after reporting its problems. */
function checkRow(report: Report, { row, values }: Row): NewLeadInput | null {
  const before = report.errors.length;
  const cell = (c: string) => (values[c] ?? "").trim();
  if (!cell("name")) report.add(row, "name", "required");
  for (const [c, max] of Object.entries(LIMITS)) if (cell(c).length > max) report.add(row, c, "tooLong");
  const email = cell("email");
  if (email && !EmailCheck.safeParse(email).success) report.add(row, "email", "badEmail", { value: email });
  if (!cell("phone") && !email) report.add(row, null, "noContact");
  if (report.errors.length > before) return null;
  return {
    name: cell("name"),
    phone: cell("phone") || null,
    email: email || null,
    company: cell("company") || null,
    title: cell("title") || null,
    message: cell("message") || null,
    district: cell("district") || null,
    source: "import",
    utm: {
      source: cell("utm_source"),
      medium: cell("utm_medium"),
      campaign: cell("utm_campaign"),
      term: cell("utm_term"),
      content: cell("utm_content"),
    },
  };
}

function csvRows(report: Report, text: string): Row[] {
  const { columns, rows } = parseCsvWithHeader(text);
  if (rows.length === 0) throw LeadErrors.importEmpty();
  if (!columns.includes("name")) report.add(1, "name", "missingColumn");
  return rows.filter((r) => Object.values(r.values).some((v) => v !== ""));
}

function vcardRows(report: Report, text: string): Row[] {
  const { cards, problems } = parseVCards(text);
  for (const p of problems) report.add(p.line, null, p.code === "unterminated" ? "unterminated" : "outsideCard");
  if (cards.length === 0 && problems.length === 0) throw LeadErrors.importEmpty();
  return cards.map((c) => ({
    row: c.line,
    values: {
      name: c.name ?? "",
      phone: c.phones[0] ?? "",
      email: c.emails[0] ?? "",
      company: c.org ?? "",
      title: c.title ?? "",
      message: c.note ?? "",
    },
  }));
}

export async function importLeads(ctx: Ctx, input: { format: "csv" | "vcard"; text: string }) {
  needs(ctx, "crm.write");
  const report = new Report(ctx.locale);
  const rows = input.format === "csv" ? csvRows(report, input.text) : vcardRows(report, input.text);
  if (rows.length > MAX_LEADS) report.add(rows[MAX_LEADS]?.row ?? 0, null, "tooMany", { max: MAX_LEADS });
  if (report.errors.length > 0) throw LeadErrors.importInvalid({ count: report.errors.length, errors: report.errors });
  const leads = rows.map((r) => checkRow(report, r));
  if (report.errors.length > 0)
    throw LeadErrors.importInvalid({
      count: report.errors.length,
      errors: report.errors.sort((a, b) => a.row - b.row),
    });
  // A manager or rep importing their own list owns what they import; head office's imports go to the rules.
  const owner = ctx.actor.scope.kind !== "org" && !isSystemActor(ctx) ? ctx.actor.userId : null;
  return withTransaction(ctx.db, async (tx) => {
    const ids: string[] = [];
    for (const lead of leads) if (lead) ids.push((await createLeadTx(tx, ctx, { ...lead, ownerUserId: owner })).id);
    return { imported: ids.length, ids };
  });
}
