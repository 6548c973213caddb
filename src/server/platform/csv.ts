// CSV in and out, for imports and list exports. Written for spreadsheets people in Bangladesh actually use:
// exports start with a BOM so Excel reads UTF-8 (Bengali) correctly, and use CRLF; imports accept a BOM,
// quoted fields with commas, quotes ("") and line breaks, and either line ending.
import { businessDate } from "../../shared/format.ts";

export type CsvCell = string | number | boolean | null | undefined;

/** Parses CSV text into records of fields. Empty lines are dropped. */
export function parseCsv(text: string): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  const endRecord = () => {
    record.push(field);
    field = "";
    if (!(record.length === 1 && record[0] === "")) records.push(record);
    record = [];
  };
  while (i < src.length) {
    const ch = src.charAt(i);
    if (quoted) {
      if (ch === '"') {
        if (src.charAt(i + 1) === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === "") quoted = true;
    else if (ch === ",") {
      record.push(field);
      field = "";
    } else if (ch === "\r" || ch === "\n") {
      endRecord();
      if (ch === "\r" && src.charAt(i + 1) === "\n") i++;
    } else field += ch;
    i++;
  }
  if (field !== "" || record.length > 0) endRecord();
  return records;
}

export interface CsvRow {
  /** The spreadsheet row number: the header is row 1. */
  row: number;
  values: Record<string, string>;
}

/** Records keyed by the header's column names (trimmed, lower-case); cells are trimmed. */
export function parseCsvWithHeader(text: string): { columns: string[]; rows: CsvRow[] } {
  const [header, ...records] = parseCsv(text);
  const columns = (header ?? []).map((c) => c.trim().toLowerCase());
  const rows = records.map((r, i) => ({
    row: i + 2,
    values: Object.fromEntries(columns.map((c, j) => [c, (r[j] ?? "").trim()])),
  }));
  return { columns, rows };
}

/**
 * A cell a spreadsheet would run as a formula (=, @, or + / - not followed by a number) gets a leading
 * apostrophe: an exported name must never become a formula on someone's desktop.
 */
function cellText(v: CsvCell): string {
  if (v === null || v === undefined) return "";
  const s = String(v);
  if (/^[=@\t\r]/.test(s) || /^[+-](?![\d\s().]*$)/.test(s)) return `'${s}`;
  return s;
}

function quote(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV record, without its line end. */
export const csvLine = (cells: readonly CsvCell[]): string => cells.map((c) => quote(cellText(c))).join(",");

/** A CSV document: BOM, header, rows, CRLF line ends. */
export function writeCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  const lines = [csvLine(header)];
  for (const r of rows) lines.push(csvLine(r));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/**
 * Headers of a CSV download, never cached (it holds the caller's data). Lists of what happened are named
 * with today's date (`orders-2026-11-24.csv`); masters that are re-imported keep a plain name (`skus.csv`).
 */
export const csvDownloadHeaders = (name: string, { dated = true } = {}) => ({
  "content-type": "text/csv; charset=utf-8",
  "content-disposition": `attachment; filename="${name.replace(/[^A-Za-z0-9._-]/g, "_")}${dated ? `-${businessDate()}` : ""}.csv"`,
  "cache-control": "no-store",
});
