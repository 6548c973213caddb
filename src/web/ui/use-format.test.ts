import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formattersFor } from "./use-format.ts";

const BENGALI_DIGIT = /[০-৯]/;
const LATIN_DIGIT = /[0-9]/;

describe("formattersFor", () => {
  it("writes Bengali with Bengali digits by default choice", () => {
    const fmt = formattersFor("bn", true);
    expect(fmt.number(1234567)).toBe("১২,৩৪,৫৬৭");
    expect(fmt.money(12345)).toBe("৳১২৩.৪৫");
    expect(fmt.date("2026-03-05")).toMatch(BENGALI_DIGIT);
    expect(fmt.dateTime("2026-03-05T10:30:00Z")).not.toMatch(LATIN_DIGIT);
  });

  it("writes Bengali with Latin digits but Bengali words when the user asks", () => {
    const fmt = formattersFor("bn", false);
    expect(fmt.number(1234567)).toBe("12,34,567");
    expect(fmt.money(12345)).toBe("৳123.45");
    const date = fmt.date("2026-03-05");
    expect(date).toMatch(/5/);
    expect(date).toMatch(/[\u0980-\u09FF]/);
    expect(date).not.toMatch(BENGALI_DIGIT);
  });

  it("writes English with 0-9 whatever the choice", () => {
    expect(formattersFor("en", true).number(1234567)).toBe("12,34,567");
    expect(formattersFor("en", true).date("2026-03-05")).toBe(formattersFor("en", false).date("2026-03-05"));
  });
});

describe("the web app", () => {
  // One way to format: every number, amount and date on screen follows the user's digits only if it
  // goes through useFormat() (the field app: useFieldFormat(), its own binding of the same shared functions).
  // A direct call would quietly ignore the choice.
  it("formats only through use-format.ts (and the field app's use-field-format.ts)", () => {
    const root = path.resolve(import.meta.dirname, "..");
    const files = readdirSync(root, { recursive: true, encoding: "utf8" });
    const bindings = [path.join("ui", "use-format.ts"), path.join("field", "ui", "use-field-format.ts")];
    const code = files.filter((f) => /\.tsx?$/.test(f) && !f.endsWith(".test.ts") && !bindings.includes(f));
    const direct = /\b(formatNumber|formatMoney|formatDate|formatDateTime|toLocale\w*String)\(|\bIntl\./;
    expect(code.filter((f) => direct.test(readFileSync(path.join(root, f), "utf8")))).toEqual([]);
    // Nor may a catalog format a value itself ("{{n, number}}"): placeholders take formatted strings.
    const catalogs = files.filter((f) => f.endsWith(".json"));
    expect(catalogs.length).toBeGreaterThan(0);
    expect(catalogs.filter((f) => /\{\{[^}]*,/.test(readFileSync(path.join(root, f), "utf8")))).toEqual([]);
  });
});
