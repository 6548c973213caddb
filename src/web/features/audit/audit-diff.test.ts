import { describe, expect, it } from "vitest";
import { diffRows } from "./audit-diff.ts";

describe("diffRows", () => {
  it("lists changed fields first, then the unchanged, each in key order", () => {
    const rows = diffRows({ name: "A", role: "rep", phone: null }, { name: "B", role: "rep", phone: "+8801711234567" });
    expect(rows.map((r) => [r.key, r.changed])).toEqual([
      ["name", true],
      ["phone", true],
      ["role", false],
    ]);
  });

  it("treats a missing side as all fields changed", () => {
    const rows = diffRows(null, { a: 1, b: { c: 2 } });
    expect(rows.every((r) => r.changed && r.before === undefined)).toBe(true);
  });

  it("compares nested values by content", () => {
    expect(diffRows({ x: { y: [1, 2] } }, { x: { y: [1, 2] } })[0]?.changed).toBe(false);
  });

  it("handles scalars as a single row", () => {
    expect(diffRows("a", "b")).toEqual([{ key: "", before: "a", after: "b", changed: true }]);
  });
});
