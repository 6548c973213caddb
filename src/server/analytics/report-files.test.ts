// The report files as a person's spreadsheet sees them: the CSV byte for byte, and the XLSX read back with
// exceljs (the same library Excel-compatible tools build on), cell by cell: value, type, format, font.
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { businessDate } from "../../shared/format.ts";
import {
  displayWidth,
  percentDecimal,
  reportCsv,
  reportXlsx,
  takaDecimal,
  XLSX_CONTENT_TYPE,
  XLSX_LAYOUT,
  xlsxDownloadHeaders,
} from "./report-files.ts";
import type { ReportTable } from "./report-table.ts";

const table: ReportTable = {
  title: "এলাকাভিত্তিক সেকেন্ডারি বিক্রি, ১–২৪ নভেম্বর ২০২৬",
  subtitle: "অঞ্চল: ঢাকা; ব্র্যান্ড: সব",
  locale: "bn",
  columns: [
    { key: "area", label: "এলাকা", kind: "text" },
    { key: "memos", label: "মেমো", kind: "integer" },
    { key: "value", label: "বিক্রি", kind: "money" },
    { key: "strike", label: "স্ট্রাইক রেট", kind: "basis_points" },
    { key: "first", label: "প্রথম অর্ডার", kind: "date" },
    { key: "lpc", label: "লাইন প্রতি কল", kind: "decimal" },
  ],
  rows: [
    { area: "গাজীপুর সদর", memos: 1520, value: 123_456_789, strike: 1235, first: "2026-11-01", lpc: 3.25 },
    { area: '=HYPERLINK("http://x")', memos: 0, value: -5, strike: -4, first: null, lpc: "1.5" },
    { area: 'Narayanganj, "Sadar"', memos: 7, value: 100, strike: 10_000, first: "2026-11-24", lpc: null },
  ],
  totals: { area: null, memos: 1527, value: 123_456_884, strike: 1190, first: null, lpc: 2.9 },
};

async function readBack(buffer: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(buffer).buffer);
  expect(workbook.worksheets).toHaveLength(1);
  expect(workbook.creator).toBe("Bikri");
  return workbook.worksheets[0] as ExcelJS.Worksheet;
}

describe("exact number text", () => {
  it.each([
    [0, "0.00"],
    [5, "0.05"],
    [-5, "-0.05"],
    [100, "1.00"],
    [123_456_789, "1234567.89"],
    [-123_456_789, "-1234567.89"],
    [9_007_199_254_740_991, "90071992547409.91"],
  ])("poisha %d is taka %s", (poisha, text) => {
    expect(takaDecimal(poisha)).toBe(text);
  });

  it.each([
    [0, "0.0"],
    [1235, "12.4"],
    [1234, "12.3"],
    [10_000, "100.0"],
    [-4, "0.0"],
    [-5, "-0.1"],
    [-1250, "-12.5"],
    [5, "0.1"],
  ])("%d basis points is %s %%", (bp, text) => {
    expect(percentDecimal(bp)).toBe(text);
  });
});

describe("reportCsv", () => {
  it("writes a BOM, CRLF lines, taka with two decimals, percent with one, ISO dates and the totals last", () => {
    const csv = reportCsv(table);
    const bytes = Buffer.from(csv, "utf8");
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.slice(1).split("\r\n");
    expect(lines).toEqual([
      "এলাকা,মেমো,বিক্রি (৳),স্ট্রাইক রেট (%),প্রথম অর্ডার,লাইন প্রতি কল",
      "গাজীপুর সদর,1520,1234567.89,12.4,2026-11-01,3.25",
      // A formula-like name gets an apostrophe (it must never run in someone's Excel); quotes are doubled.
      '"\'=HYPERLINK(""http://x"")",0,-0.05,0.0,,1.5',
      '"Narayanganj, ""Sadar""",7,1.00,100.0,2026-11-24,',
      // The builder left the totals' label empty: the file names the row.
      "মোট,1527,1234568.84,11.9,,2.9",
      "",
    ]);
    // Byte-exact for one row, Bengali included (UTF-8, no normalisation).
    const row = Buffer.from("গাজীপুর সদর,1520,1234567.89,12.4,2026-11-01,3.25\r\n", "utf8");
    expect(bytes.indexOf(row)).toBeGreaterThan(3);
  });

  it("writes no totals row when there is none, and an English label when it fills one", () => {
    expect(
      reportCsv({ ...table, totals: null })
        .trimEnd()
        .split("\r\n"),
    ).toHaveLength(4);
    const en = reportCsv({ ...table, locale: "en" });
    expect(en.trimEnd().split("\r\n").at(-1)).toBe("Total,1527,1234568.84,11.9,,2.9");
    const labelled = reportCsv({ ...table, totals: { ...table.totals, area: "সব এলাকা" } });
    expect(labelled.trimEnd().split("\r\n").at(-1)).toBe("সব এলাকা,1527,1234568.84,11.9,,2.9");
  });

  it("refuses money that is not whole poisha rather than rounding it", () => {
    expect(() => reportCsv({ ...table, rows: [{ area: "x", value: 12.5 }] })).toThrow(/value \(money\)/);
    expect(() => reportCsv({ ...table, rows: [{ area: "x", value: "12.50" }] })).toThrow(TypeError);
    expect(() => reportCsv({ ...table, rows: [{ area: "x", first: "24/11/2026" }] })).toThrow(/not a date/);
  });
});

describe("reportXlsx", () => {
  it("writes title, filters, a bold frozen header and typed, formatted cells that Excel can sum", async () => {
    const sheet = await readBack(await reportXlsx(table));
    const { titleRow, subtitleRow, headerRow, firstDataRow } = XLSX_LAYOUT;

    // Excel allows 31 characters in a sheet name: the title is cut at a word.
    expect(sheet.name).toBe("এলাকাভিত্তিক সেকেন্ডারি");
    expect(sheet.getCell(titleRow, 1).value).toBe(table.title);
    expect(sheet.getCell(titleRow, 1).font?.bold).toBe(true);
    expect(sheet.getCell(subtitleRow, 1).value).toBe(table.subtitle);
    expect(sheet.getCell(titleRow, 6).isMerged).toBe(true);

    const headers = [1, 2, 3, 4, 5, 6].map((c) => sheet.getCell(headerRow, c));
    expect(headers.map((h) => h.value)).toEqual(["এলাকা", "মেমো", "বিক্রি (৳)", "স্ট্রাইক রেট", "প্রথম অর্ডার", "লাইন প্রতি কল"]);
    expect(headers.every((h) => h.font?.bold === true)).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: headerRow });

    const cell = (row: number, col: number) => sheet.getCell(firstDataRow + row, col);
    // Bengali text survives as text.
    expect(cell(0, 1).value).toBe("গাজীপুর সদর");
    expect(cell(0, 1).type).toBe(ExcelJS.ValueType.String);
    // A formula-like name stays a plain string: nothing in the file is a formula.
    expect(cell(1, 1).value).toBe('=HYPERLINK("http://x")');
    expect(cell(1, 1).type).toBe(ExcelJS.ValueType.String);

    expect(cell(0, 2).value).toBe(1520);
    expect(cell(0, 2).numFmt).toBe("#,##0");
    expect(cell(0, 3).value).toBe(1_234_567.89);
    expect(cell(0, 3).type).toBe(ExcelJS.ValueType.Number);
    expect(cell(0, 3).numFmt).toBe("#,##0.00");
    expect(cell(1, 3).value).toBe(-0.05);
    expect(cell(0, 4).value).toBe(0.1235);
    expect(cell(0, 4).numFmt).toBe("0.0%");
    expect(cell(2, 4).value).toBe(1);
    expect(cell(0, 5).type).toBe(ExcelJS.ValueType.Date);
    expect(cell(0, 5).value).toEqual(new Date("2026-11-01T00:00:00Z"));
    expect(cell(0, 5).numFmt).toBe("yyyy-mm-dd");
    expect(cell(1, 5).value).toBeNull();
    expect(cell(0, 6).value).toBe(3.25);
    expect(cell(1, 6).value).toBe(1.5);

    // The totals row is last and bold, its label filled in, its money in taka.
    const totals = sheet.getRow(firstDataRow + table.rows.length);
    expect(totals.getCell(1).value).toBe("মোট");
    expect(totals.getCell(2).value).toBe(1527);
    expect(totals.getCell(3).value).toBe(1_234_568.84);
    expect(totals.getCell(3).numFmt).toBe("#,##0.00");
    expect(totals.getCell(4).value).toBe(0.119);
    expect([1, 2, 3, 4, 5, 6].every((c) => totals.getCell(c).font?.bold === true)).toBe(true);
    expect(sheet.rowCount).toBe(firstDataRow + table.rows.length);
    // The data rows (not the totals) sum to the totals, as they would in Excel.
    const sum = [0, 1, 2].reduce((s, r) => s + Math.round((cell(r, 3).value as number) * 100), 0);
    expect(sum / 100).toBe(totals.getCell(3).value);
  });

  it("sizes columns for their contents, Bengali wider than Latin, within sensible bounds", async () => {
    const sheet = await readBack(await reportXlsx(table));
    const widths = [1, 2, 3, 4, 5, 6].map((c) => sheet.getColumn(c).width ?? 0);
    for (const w of widths) {
      expect(w).toBeGreaterThanOrEqual(8);
      expect(w).toBeLessThanOrEqual(60);
    }
    // The widest text of the first column is the formula-like name, plus a margin.
    expect(widths[0]).toBe('=HYPERLINK("http://x")'.length + 2);
    // Bengali letters and spacing vowel signs are wider than Latin; the u-kar and a conjunct's virama add nothing.
    expect(displayWidth("গাজীপুর")).toBeCloseTo(6 * 1.2);
    expect(displayWidth("গাজীপুর")).toBeGreaterThan(displayWidth("Gazipur"));
    expect(displayWidth("বিক্রি")).toBeCloseTo(5 * 1.2);
    // A Bengali label wider than its values widens the column: "লাইন প্রতি কল" (13 code points, 1 virama).
    expect(widths[5]).toBe(Math.ceil(displayWidth("লাইন প্রতি কল")) + 2);
    // "1,234,568.84" is 12 characters: the money column fits it.
    expect(widths[2]).toBeGreaterThanOrEqual(12);
  });

  it("writes a table without totals, rows or subtitle, of one column, in English", async () => {
    const sheet = await readBack(
      await reportXlsx({
        title: "Outlets that stopped ordering: a long title that Excel would refuse as a sheet name",
        subtitle: null,
        locale: "en",
        columns: [{ key: "outlet", label: "Outlet", kind: "text" }],
        rows: [],
        totals: null,
      }),
    );
    expect(sheet.name).toBe("Outlets that stopped ordering:".replace(":", " ").trim());
    expect(sheet.getCell(XLSX_LAYOUT.headerRow, 1).value).toBe("Outlet");
    expect(sheet.getCell(XLSX_LAYOUT.subtitleRow, 1).value).toBeNull();
    expect(sheet.rowCount).toBe(XLSX_LAYOUT.headerRow);
  });
});

describe("xlsxDownloadHeaders", () => {
  it("names the file with today's date, in safe characters, and forbids caching", () => {
    expect(xlsxDownloadHeaders("sales by area")).toEqual({
      "content-type": XLSX_CONTENT_TYPE,
      "content-disposition": `attachment; filename="sales_by_area-${businessDate()}.xlsx"`,
      "cache-control": "no-store",
    });
  });
});
