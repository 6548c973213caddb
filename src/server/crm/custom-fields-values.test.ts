import { describe, expect, it } from "vitest";
import { applyCustomValues, checkValue, type FieldDefinition, isIsoDate } from "./custom-fields-values.ts";

const def = (key: string, type: FieldDefinition["type"], extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  key,
  type,
  required: false,
  options: [],
  archived: false,
  ...extra,
});

const DEFS: FieldDefinition[] = [
  def("note", "text"),
  def("employees", "number"),
  def("since", "date"),
  def("tier", "choice", { options: [{ key: "gold" }, { key: "silver" }] }),
  def("legacy", "text", { archived: true }),
];

describe("isIsoDate", () => {
  it("takes real calendar dates only", () => {
    expect(isIsoDate("2026-02-28")).toBe(true);
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(isIsoDate("2026-13-01")).toBe(false);
    expect(isIsoDate("0000-01-01")).toBe(false);
    expect(isIsoDate("26-1-1")).toBe(false);
  });
});

describe("checkValue", () => {
  it("keeps each type in the form filters compare", () => {
    expect(checkValue(def("a", "text"), "  Dhaka  ")).toEqual({ ok: true, value: "Dhaka" });
    expect(checkValue(def("a", "number"), "42.5")).toEqual({ ok: true, value: 42.5 });
    expect(checkValue(def("a", "number"), 7)).toEqual({ ok: true, value: 7 });
    expect(checkValue(def("a", "date"), "2026-11-25")).toEqual({ ok: true, value: "2026-11-25" });
    expect(checkValue(DEFS[3] as FieldDefinition, "gold")).toEqual({ ok: true, value: "gold" });
  });

  it("names what is wrong", () => {
    expect(checkValue(def("a", "number"), "many")).toEqual({ ok: false, code: "not_number" });
    expect(checkValue(def("a", "number"), Number.NaN)).toEqual({ ok: false, code: "not_number" });
    expect(checkValue(def("a", "date"), "25/11/2026")).toEqual({ ok: false, code: "not_date" });
    expect(checkValue(DEFS[3] as FieldDefinition, "bronze")).toEqual({ ok: false, code: "not_option" });
    expect(checkValue(def("a", "text"), 5)).toEqual({ ok: false, code: "not_text" });
    expect(checkValue(def("a", "text"), "x".repeat(1001))).toEqual({ ok: false, code: "too_long" });
  });
});

describe("applyCustomValues", () => {
  it("applies changes over what is stored; blank clears", () => {
    const r = applyCustomValues(DEFS, { note: "old", employees: 3 }, { note: "", employees: "12", tier: "gold" });
    expect(r.problems).toEqual([]);
    expect(r.values).toEqual({ employees: 12, tier: "gold" });
  });

  it("refuses unknown and archived fields but keeps values stored before a field was archived", () => {
    const r = applyCustomValues(DEFS, { legacy: "kept" }, { nope: "x", legacy: "new" });
    expect(r.problems).toEqual([
      { key: "nope", code: "unknown_field" },
      { key: "legacy", code: "archived_field" },
    ]);
    expect(r.values).toEqual({ legacy: "kept" });
  });

  it("checks required fields on the result, not on the change", () => {
    const defs = [...DEFS, def("region", "text", { required: true })];
    expect(applyCustomValues(defs, {}, { note: "x" }).problems).toEqual([{ key: "region", code: "required" }]);
    expect(applyCustomValues(defs, { region: "Sylhet" }, { note: "x" }).problems).toEqual([]);
    expect(applyCustomValues(defs, { region: "Sylhet" }, { region: " " }).problems).toEqual([
      { key: "region", code: "required" },
    ]);
  });

  it("does not require an archived field", () => {
    const defs = [def("old", "text", { required: true, archived: true })];
    expect(applyCustomValues(defs, {}, {}).problems).toEqual([]);
  });
});
