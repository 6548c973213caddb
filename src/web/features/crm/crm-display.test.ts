import { describe, expect, it } from "vitest";
import type { CustomFieldResponse } from "../../../shared/contracts/crm.ts";
import { formattersFor } from "../../ui/use-format.ts";
import {
  conditionComplete,
  conditionValue,
  customFormValues,
  customValuesToSend,
  customValueText,
  filterFieldOptions,
  filterToSend,
  problemKeys,
} from "./crm-display.ts";

const field = (key: string, type: CustomFieldResponse["type"], extra: Partial<CustomFieldResponse> = {}) =>
  ({
    id: "00000000-0000-7000-8000-000000000001",
    entity: "account",
    key,
    labelEn: key,
    labelBn: `${key}-bn`,
    type,
    options: [],
    required: false,
    position: 0,
    archivedAt: null,
    ...extra,
  }) as CustomFieldResponse;

const tier = field("tier", "choice", {
  options: [
    { key: "gold", labelEn: "Gold", labelBn: "সোনা" },
    { key: "silver", labelEn: "Silver", labelBn: "রুপা" },
  ],
});

describe("conditionValue", () => {
  it("reads numbers, lists and ranges from what was typed", () => {
    expect(conditionValue("number", "gt", " 12 ")).toBe(12);
    expect(conditionValue("text", "eq", " Dhaka ")).toBe("Dhaka");
    expect(conditionValue("number", "between", "1", "9")).toEqual([1, 9]);
    expect(conditionValue("choice", "in", "gold, silver,")).toEqual(["gold", "silver"]);
    expect(conditionValue("date", "is_empty", "")).toBe(true);
  });

  it("knows a row is incomplete until it has its value", () => {
    expect(conditionComplete({ field: "name", op: "eq", value: "" })).toBe(false);
    expect(conditionComplete({ field: "x", op: "between", value: [1, ""] })).toBe(false);
    expect(conditionComplete({ field: "x", op: "is_empty" })).toBe(true);
    expect(
      filterToSend([
        { field: "name", op: "eq", value: "" },
        { field: "name", op: "contains", value: "ra" },
      ]),
    ).toEqual({ all: [{ field: "name", op: "contains", value: "ra" }] });
  });
});

describe("filterFieldOptions", () => {
  it("offers built-ins, then active custom fields", () => {
    const names = filterFieldOptions("account", [
      tier,
      field("old", "text", { archivedAt: "2026-01-01T00:00:00Z" }),
    ]).map((f) => f.name);
    expect(names).toContain("kind");
    expect(names).toContain("custom.tier");
    expect(names).not.toContain("custom.old");
    expect(filterFieldOptions("contact", []).map((f) => f.name)).toContain("account");
  });
});

describe("customValueText", () => {
  it("shows choices by label and numbers in the user's digits", () => {
    const bn = formattersFor("bn", true);
    const en = formattersFor("en", false);
    expect(customValueText(tier, "gold", bn)).toBe("সোনা");
    expect(customValueText(tier, "gold", en)).toBe("Gold");
    expect(customValueText(field("n", "number"), 1250, bn)).toBe(bn.number(1250));
    expect(customValueText(field("n", "number"), null, en)).toBe("—");
  });
});

describe("custom values in forms", () => {
  it("edits as strings and sends numbers as numbers, blanks as null", () => {
    const fields = [field("n", "number"), tier, field("note", "text")];
    expect(customFormValues(fields, { n: 5 })).toEqual({ n: "5", tier: "", note: "" });
    expect(customValuesToSend(fields, { n: "7", tier: "gold", note: " " })).toEqual({ n: 7, tier: "gold", note: null });
  });
});

describe("problemKeys", () => {
  it("marks the fields a 422 names, and nothing for other errors", () => {
    expect(Object.keys(problemKeys({ details: { problems: [{ key: "tier", code: "not_option" }] } }))).toEqual([
      "tier",
    ]);
    expect(problemKeys(new Error("x"))).toEqual({});
    expect(problemKeys(null)).toEqual({});
  });
});
