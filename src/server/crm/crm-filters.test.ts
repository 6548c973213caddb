import { describe, expect, it } from "vitest";
import type { CustomFieldResponse } from "../../shared/contracts/crm.ts";
import { AppError } from "../platform/errors.ts";
import { filterFields, OPS_BY_TYPE, planFilter } from "./crm-filters.ts";

const custom = (key: string, type: CustomFieldResponse["type"], options: string[] = []): CustomFieldResponse => ({
  id: "00000000-0000-7000-8000-000000000001",
  entity: "contact",
  key,
  labelEn: key,
  labelBn: key,
  type,
  options: options.map((o) => ({ key: o, labelEn: o, labelBn: o })),
  required: false,
  position: 0,
  archivedAt: null,
});

const FIELDS = filterFields("contact", [
  custom("employees", "number"),
  custom("since", "date"),
  custom("tier", "choice", ["gold", "silver"]),
]);

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof AppError ? e.code : String(e);
  }
  return null;
};

describe("planFilter", () => {
  it("normalises values for the field's type", () => {
    const plan = planFilter(
      {
        all: [
          { field: "custom.employees", op: "between", value: ["10", 20] },
          { field: "custom.since", op: "gte", value: "2026-01-01" },
          { field: "custom.tier", op: "in", value: ["gold"] },
          { field: "name", op: "contains", value: "  rahim " },
          { field: "territory", op: "eq", value: "0193f8a0-0000-7000-8000-000000000001" },
          { field: "email", op: "is_empty" },
        ],
      },
      FIELDS,
    );
    expect(plan.map((c) => c.value)).toEqual([
      [10, 20],
      "2026-01-01",
      ["gold"],
      "rahim",
      "0193f8a0-0000-7000-8000-000000000001",
      true,
    ]);
    expect(plan[4]?.field.subtree).toBe(true);
  });

  it("refuses unknown fields, operators a type does not have, and values that do not fit (400)", () => {
    expect(codeOf(() => planFilter({ all: [{ field: "custom.nope", op: "eq", value: "x" }] }, FIELDS))).toBe(
      "crm.filter_unknown_field",
    );
    expect(codeOf(() => planFilter({ all: [{ field: "kind", op: "eq", value: "outlet" }] }, FIELDS))).toBe(
      "crm.filter_unknown_field",
    );
    expect(codeOf(() => planFilter({ all: [{ field: "custom.tier", op: "gt", value: "gold" }] }, FIELDS))).toBe(
      "crm.filter_bad_operator",
    );
    expect(codeOf(() => planFilter({ all: [{ field: "custom.tier", op: "eq", value: "bronze" }] }, FIELDS))).toBe(
      "crm.filter_bad_value",
    );
    expect(codeOf(() => planFilter({ all: [{ field: "custom.since", op: "lt", value: "2026-02-30" }] }, FIELDS))).toBe(
      "crm.filter_bad_value",
    );
    expect(codeOf(() => planFilter({ all: [{ field: "custom.employees", op: "between", value: [1] }] }, FIELDS))).toBe(
      "crm.filter_bad_value",
    );
    expect(codeOf(() => planFilter({ all: [{ field: "owner", op: "eq", value: "me'; drop table" }] }, FIELDS))).toBe(
      "crm.filter_bad_value",
    );
    expect(codeOf(() => planFilter({ all: [{ field: "name", op: "in", value: [] }] }, FIELDS))).toBe(
      "crm.filter_bad_value",
    );
  });

  it("offers every type at least equality and emptiness", () => {
    for (const ops of Object.values(OPS_BY_TYPE)) expect(ops).toEqual(expect.arrayContaining(["eq", "is_empty"]));
  });

  it("gives accounts their kind and industry, not a contact's account", () => {
    const names = filterFields("account", []).map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(["kind", "industry", "territory", "owner", "created_at"]));
    expect(names).not.toContain("account");
  });
});
