import { describe, expect, it } from "vitest";
import { parseCsv, parseCsvWithHeader, writeCsv } from "./csv.ts";

describe("parseCsv", () => {
  it("splits plain records on either line ending", () => {
    expect(parseCsv("a,b,c\r\n1,2,3\n4,5,6")).toEqual([
      ["a", "b", "c"],
      ["1", "2", "3"],
      ["4", "5", "6"],
    ]);
  });

  it("drops a leading BOM and empty lines", () => {
    expect(parseCsv("\uFEFFcode,name\n\nX1,Mudi\n\n")).toEqual([
      ["code", "name"],
      ["X1", "Mudi"],
    ]);
  });

  it("reads quoted fields with commas, doubled quotes and line breaks", () => {
    expect(parseCsv('code,address\nX1,"House 5, Road 2\nMirpur"\nX2,"He said ""hi"""\n')).toEqual([
      ["code", "address"],
      ["X1", "House 5, Road 2\nMirpur"],
      ["X2", 'He said "hi"'],
    ]);
  });

  it("keeps empty fields, including a trailing one", () => {
    expect(parseCsv("a,,c,\n")).toEqual([["a", "", "c", ""]]);
  });

  it("reads Bengali text unchanged", () => {
    expect(parseCsv("name_bn\nমুদি দোকান")).toEqual([["name_bn"], ["মুদি দোকান"]]);
  });

  it("numbers rows as a spreadsheet does, the header being row 1, even across quoted line breaks", () => {
    const { columns, rows } = parseCsvWithHeader(' Code ,Name\nA,"x\ny"\nB, b ');
    expect(columns).toEqual(["code", "name"]);
    expect(rows).toEqual([
      { row: 2, values: { code: "A", name: "x\ny" } },
      { row: 3, values: { code: "B", name: "b" } },
    ]);
  });
});

describe("writeCsv", () => {
  it("writes a BOM, CRLF line ends and quotes what needs quoting", () => {
    const out = writeCsv(
      ["code", "name"],
      [
        ["X1", 'Rahim "Bhai", Store'],
        ["X2", "line\nbreak"],
        ["X3", null],
      ],
    );
    expect(out).toBe('\uFEFFcode,name\r\nX1,"Rahim ""Bhai"", Store"\r\nX2,"line\nbreak"\r\nX3,\r\n');
  });

  it("keeps phone numbers and negative amounts, but defuses formulas", () => {
    const out = writeCsv(["v"], [["+8801712345678"], [-1250], ["=HYPERLINK(1)"], ["-cmd"], ["@SUM(A1)"]]);
    expect(out.split("\r\n").slice(1, 6)).toEqual(["+8801712345678", "-1250", "'=HYPERLINK(1)", "'-cmd", "'@SUM(A1)"]);
  });

  it("round-trips through the parser", () => {
    const rows = [
      ["1", "মুদি দোকান", "a, b"],
      ["2", 'q"uote', "multi\r\nline"],
    ];
    expect(parseCsv(writeCsv(["id", "name", "note"], rows))).toEqual([["id", "name", "note"], ...rows]);
  });
});
