// A report table as files a person opens: CSV (for any tool) and XLSX (for Excel, with real numbers and dates, so
// sums and filters work). Both are made from the same ReportTable, so the screen, the download and the emailed
// attachment agree. Money stays integer poisha until the last step: CSV writes taka as exact decimal text; XLSX
// must store a number, so there a cell holds poisha / 100 and the format shows two decimals.
import ExcelJS from "exceljs";
import { businessDate } from "../../shared/format.ts";
import type { Locale } from "../../shared/locale.ts";
import { writeCsv } from "../platform/csv.ts";
import type { ReportCellKind, ReportColumn, ReportTable } from "./report-table.ts";

type Row = ReportTable["rows"][number];
/** A cell as read from a row: a key the builder left out reads as undefined, shown empty like null. */
type CellValue = Row[string] | undefined;

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Headers of an XLSX download, like csvDownloadHeaders: never cached, dated (sales-2026-11-24.xlsx). */
export const xlsxDownloadHeaders = (name: string) => ({
  "content-type": XLSX_CONTENT_TYPE,
  "content-disposition": `attachment; filename="${name.replace(/[^A-Za-z0-9._-]/g, "_")}-${businessDate()}.xlsx"`,
  "cache-control": "no-store",
});

/** The label of a totals row whose first (text) column the builder left empty. */
const TOTAL_LABEL: Record<Locale, string> = { bn: "মোট", en: "Total" };

/** Rows of the XLSX sheet: the title, the filters, the column headers; data starts below. */
export const XLSX_LAYOUT = { titleRow: 1, subtitleRow: 2, headerRow: 3, firstDataRow: 4 } as const;

const NUMBER_FORMATS: Partial<Record<ReportCellKind, string>> = {
  money: "#,##0.00",
  basis_points: "0.0%",
  integer: "#,##0",
  decimal: "#,##0.00",
  date: "yyyy-mm-dd",
};

function wholeNumber(column: ReportColumn, value: string | number): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value))
    throw new TypeError(
      `report column ${column.key} (${column.kind}) holds ${JSON.stringify(value)}, not a whole number`,
    );
  return value;
}

/** Poisha as taka with exactly two decimals, by integer arithmetic: 123456 -> "1234.56", -5 -> "-0.05". */
export function takaDecimal(poisha: number): string {
  const abs = Math.abs(poisha);
  return `${poisha < 0 ? "-" : ""}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** Basis points as a percentage with one decimal, rounded half away from zero: 1235 -> "12.4", -4 -> "0.0". */
export function percentDecimal(bp: number): string {
  const tenths = Math.floor((Math.abs(bp) + 5) / 10);
  return `${bp < 0 && tenths > 0 ? "-" : ""}${Math.floor(tenths / 10)}.${tenths % 10}`;
}

/** A date cell as YYYY-MM-DD: business dates are already; an instant becomes its date in Asia/Dhaka. */
function isoDate(column: ReportColumn, value: string | number): string {
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  if (typeof value === "string" && !Number.isNaN(Date.parse(value))) return businessDate(new Date(value));
  throw new TypeError(`report column ${column.key} (date) holds ${JSON.stringify(value)}, not a date`);
}

function decimalNumber(column: ReportColumn, value: string | number): number {
  const n = typeof value === "number" ? value : Number(value);
  if (!Number.isFinite(n) || (typeof value === "string" && value.trim() === ""))
    throw new TypeError(`report column ${column.key} (decimal) holds ${JSON.stringify(value)}, not a number`);
  return n;
}

/** The header a file shows: money columns name their unit, since their cells hold bare numbers. */
function headerLabel(column: ReportColumn, file: "csv" | "xlsx"): string {
  if (column.kind === "money") return `${column.label} (৳)`;
  // In XLSX the cell format shows the % sign; a CSV cell holds only the number.
  if (column.kind === "basis_points" && file === "csv") return `${column.label} (%)`;
  return column.label;
}

/** The totals row with its label filled in when the builder left the first text column empty. */
function totalsRow(table: ReportTable): Row | null {
  if (!table.totals) return null;
  const first = table.columns[0];
  if (first?.kind === "text" && (table.totals[first.key] ?? null) === null)
    return { ...table.totals, [first.key]: TOTAL_LABEL[table.locale] };
  return table.totals;
}

function csvCell(column: ReportColumn, value: CellValue): string | number | null {
  if (value === null || value === undefined) return null;
  switch (column.kind) {
    case "text":
      return String(value);
    case "integer":
      return wholeNumber(column, value);
    case "money":
      return takaDecimal(wholeNumber(column, value));
    case "basis_points":
      return percentDecimal(wholeNumber(column, value));
    case "date":
      return isoDate(column, value);
    case "decimal":
      return String(decimalNumber(column, value));
  }
}

/** The table as CSV: UTF-8 with a BOM (Excel shows Bengali), CRLF, formula-safe cells; the totals row last. */
export function reportCsv(table: ReportTable): string {
  const rows = [...table.rows];
  const totals = totalsRow(table);
  if (totals) rows.push(totals);
  return writeCsv(
    table.columns.map((c) => headerLabel(c, "csv")),
    rows.map((r) => table.columns.map((c) => csvCell(c, r[c.key]))),
  );
}

function xlsxCell(column: ReportColumn, value: CellValue): string | number | Date | null {
  if (value === null || value === undefined) return null;
  switch (column.kind) {
    case "text":
      return String(value);
    case "integer":
      return wholeNumber(column, value);
    // Taka as a number, so that Excel can sum a column; the "৳" is in the header, not in the cell.
    case "money":
      return wholeNumber(column, value) / 100;
    case "basis_points":
      return wholeNumber(column, value) / 10_000;
    // Midnight UTC is the serial number of exactly that day in Excel, whatever the reader's time zone.
    case "date":
      return new Date(`${isoDate(column, value)}T00:00:00Z`);
    case "decimal":
      return decimalNumber(column, value);
  }
}

const ZERO_WIDTH = /[\p{Mn}\p{Me}\p{Cf}]/u;
const BENGALI = /\p{Script=Bengali}/u;

/**
 * How wide a text shows, in Excel's unit (the width of a "0" in the default font). Bengali letters and spacing
 * vowel signs (া ি ী ে ো) are a little wider than a Latin digit; non-spacing marks (ু ূ ৃ ঁ, the virama of a
 * conjunct) and joiners take no room of their own.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += ZERO_WIDTH.test(ch) ? 0 : BENGALI.test(ch) ? 1.2 : 1;
  return width;
}

function shownText(column: ReportColumn, value: CellValue): string {
  const v = xlsxCell(column, value);
  if (v === null) return "";
  if (v instanceof Date) return "yyyy-mm-dd";
  if (typeof v === "string") return v;
  if (column.kind === "basis_points") return `${(v * 100).toFixed(1)}%`;
  return v.toLocaleString("en-US", {
    maximumFractionDigits: 2,
    minimumFractionDigits: column.kind === "money" ? 2 : 0,
  });
}

const MIN_WIDTH = 8;
const MAX_WIDTH = 60;
const HEADER_WIDTH = 24;

function columnWidth(column: ReportColumn, rows: Row[]): number {
  // Header cells wrap, so a long label widens its column only so far; the values decide beyond that.
  let widest = Math.min(displayWidth(headerLabel(column, "xlsx")), HEADER_WIDTH);
  for (const r of rows) widest = Math.max(widest, displayWidth(shownText(column, r[column.key])));
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.ceil(widest) + 2));
}

/** Excel refuses sheet names over 31 characters or with []:*?/\ in them. */
function sheetName(title: string, locale: Locale): string {
  const clean = title
    .replace(/[[\]:*?/\\]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  let name = clean;
  if ([...name].length > 31) {
    const cut = [...name].slice(0, 31).join("");
    const space = cut.lastIndexOf(" ");
    name = (space > 10 ? cut.slice(0, space) : cut).replace(/[\s,;–-]+$/, "");
  }
  name = name.replace(/^'+|'+$/g, "");
  return name || (locale === "bn" ? "রিপোর্ট" : "Report");
}

/**
 * The table as an XLSX workbook of one sheet: title, filters, a bold frozen header, typed cells (money in taka
 * as `#,##0.00`, basis points as `0.0%`, integers `#,##0`, real dates) and a bold totals row.
 */
export async function reportXlsx(table: ReportTable, now = new Date()): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Bikri";
  workbook.lastModifiedBy = "Bikri";
  workbook.company = "Bikri";
  workbook.created = now;
  workbook.modified = now;
  workbook.title = table.title;
  workbook.subject = table.subtitle ?? "";

  const { titleRow, subtitleRow, headerRow, firstDataRow } = XLSX_LAYOUT;
  const sheet = workbook.addWorksheet(sheetName(table.title, table.locale), {
    views: [{ state: "frozen", xSplit: 0, ySplit: headerRow, topLeftCell: `A${firstDataRow}` }],
    pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.pageSetup.printTitlesRow = `${headerRow}:${headerRow}`;

  const totals = totalsRow(table);
  const widthRows = totals ? [...table.rows, totals] : table.rows;
  sheet.columns = table.columns.map((c) => ({ key: c.key, width: columnWidth(c, widthRows) }));
  const lastColumn = Math.max(1, table.columns.length);

  sheet.getCell(titleRow, 1).value = table.title;
  sheet.getRow(titleRow).font = { bold: true, size: 14 };
  sheet.getCell(subtitleRow, 1).value = table.subtitle ?? null;
  sheet.getRow(subtitleRow).font = { italic: true, color: { argb: "FF555555" } };
  if (lastColumn > 1) {
    sheet.mergeCells(titleRow, 1, titleRow, lastColumn);
    sheet.mergeCells(subtitleRow, 1, subtitleRow, lastColumn);
  }

  const header = sheet.getRow(headerRow);
  table.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = headerLabel(c, "xlsx");
    cell.font = { bold: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8ECEF" } };
    cell.border = { bottom: { style: "thin" } };
    cell.alignment = {
      vertical: "middle",
      wrapText: true,
      horizontal: c.kind === "text" ? "left" : c.kind === "date" ? "center" : "right",
    };
  });

  const writeRow = (rowNumber: number, record: Row) => {
    const row = sheet.getRow(rowNumber);
    table.columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      cell.value = xlsxCell(c, record[c.key]);
      const numFmt = NUMBER_FORMATS[c.kind];
      if (numFmt) cell.numFmt = numFmt;
    });
    return row;
  };
  table.rows.forEach((r, i) => {
    writeRow(firstDataRow + i, r);
  });
  const lastDataRow = firstDataRow + table.rows.length - 1;
  if (table.rows.length > 0 && table.columns.length > 0)
    sheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: lastDataRow, column: lastColumn } };
  if (totals) {
    const row = writeRow(firstDataRow + table.rows.length, totals);
    table.columns.forEach((_c, i) => {
      const cell = row.getCell(i + 1);
      cell.font = { bold: true };
      cell.border = { top: { style: "thin" } };
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
