// The shared shape of the network's CSV imports: read the file, check every row, collect every problem in
// the caller's language, and let the service write only when there is none (all or nothing).
import type { ImportRowError } from "../../shared/contracts/network.ts";
import type { Locale } from "../../shared/locale.ts";
import { parseCsvWithHeader } from "../platform/csv.ts";
import { IMPORT_MESSAGES, type ImportMessage, NetworkErrors } from "./network.errors.ts";

/** The most rows one import takes: enough for a district's outlets, small enough for one transaction. */
export const MAX_IMPORT_ROWS = 20_000;
/** The most problems reported: past that the file needs fixing at the source, not row by row. */
const MAX_REPORTED = 500;

export class ImportReport {
  readonly errors: ImportRowError[] = [];
  constructor(private readonly locale: Locale) {}

  add(row: number, column: string | null, code: ImportMessage, values: Record<string, string | number> = {}) {
    if (this.errors.length >= MAX_REPORTED) return;
    const template: string = IMPORT_MESSAGES[code][this.locale];
    const message = template.replace(/\{(\w+)\}/g, (m, k: string) => {
      if (k === "column") return column ?? m;
      const v = values[k];
      return v === undefined ? m : String(v);
    });
    this.errors.push({ row, column, code: `import.${code.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`, message });
  }

  get ok() {
    return this.errors.length === 0;
  }

  /** Throws the whole report as one error: the route answers 422 with every row's problem. */
  throwIfAny(): void {
    if (this.errors.length > 0) throw NetworkErrors.importInvalid({ count: this.errors.length, errors: this.errors });
  }
}

/** The CSV of a request: raw text or {csv}. */

/** Parses the file and checks its header; missing columns are reported against row 1. */
export function readImportFile(text: string, required: readonly string[], report: ImportReport) {
  const { columns, rows } = parseCsvWithHeader(text);
  if (rows.length === 0) throw NetworkErrors.importEmpty();
  for (const c of required) if (!columns.includes(c)) report.add(1, c, "missingColumn");
  if (rows.length > MAX_IMPORT_ROWS) report.add(MAX_IMPORT_ROWS + 2, null, "outOfRange");
  return rows;
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Checks a required text cell; returns it, or null after reporting why not. */
export function requiredText(
  report: ImportReport,
  row: number,
  values: Record<string, string>,
  column: string,
  max: number,
): string | null {
  const v = values[column] ?? "";
  if (v === "") {
    report.add(row, column, "required");
    return null;
  }
  if (v.length > max) {
    report.add(row, column, "tooLong", { max });
    return null;
  }
  return v;
}

export function codeCell(report: ImportReport, row: number, values: Record<string, string>, column: string) {
  const v = requiredText(report, row, values, column, 40);
  if (v !== null && !CODE.test(v)) {
    report.add(row, column, "badCode");
    return null;
  }
  return v;
}

export function optionalText(
  report: ImportReport,
  row: number,
  values: Record<string, string>,
  column: string,
  max: number,
): string | null {
  const v = values[column] ?? "";
  if (v.length > max) {
    report.add(row, column, "tooLong", { max });
    return null;
  }
  return v === "" ? null : v;
}

/** A number cell (ASCII or Bengali digits); undefined when empty, null after reporting a bad one. */
export function numberCell(
  report: ImportReport,
  row: number,
  values: Record<string, string>,
  column: string,
  min: number,
  max: number,
): number | null | undefined {
  const raw = (values[column] ?? "").replace(/[\u09E6-\u09EF]/g, (d) => String(d.charCodeAt(0) - 0x09e6));
  if (raw === "") return undefined;
  const n = Number(raw.replace(/,/g, ""));
  if (!Number.isFinite(n)) {
    report.add(row, column, "badNumber");
    return null;
  }
  if (n < min || n > max) {
    report.add(row, column, "outOfRange");
    return null;
  }
  return n;
}
