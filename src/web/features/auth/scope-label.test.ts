import type { TFunction } from "i18next";
import { describe, expect, it } from "vitest";
import { scopeLabel } from "./scope-label.ts";

// A stand-in for i18next's t that shows which key and values were asked for.
const t = ((key: string, opts?: Record<string, unknown>) =>
  `${key}${opts ? JSON.stringify(opts) : ""}`) as unknown as TFunction;

const territory = {
  kind: "territory" as const,
  territoryId: "0190c5a0-0000-7000-8000-000000000001",
  territoryName: "Dhaka Division",
  territoryNameBn: "ঢাকা বিভাগ",
};

describe("scopeLabel", () => {
  it("names the territory in the UI language", () => {
    expect(scopeLabel(territory, t, "bn")).toBe('scope.territory{"territory":"ঢাকা বিভাগ"}');
    expect(scopeLabel(territory, t, "en")).toBe('scope.territory{"territory":"Dhaka Division"}');
  });

  it("falls back to the English name when there is no Bengali one", () => {
    expect(scopeLabel({ ...territory, territoryNameBn: "" }, t, "bn")).toBe(
      'scope.territory{"territory":"Dhaka Division"}',
    );
  });

  it("still says something when the territory has no name at all", () => {
    expect(scopeLabel({ ...territory, territoryName: "", territoryNameBn: "" }, t, "en")).toBe(
      "scope.territoryUnnamed",
    );
  });

  it("words the other kinds without a name", () => {
    expect(scopeLabel({ kind: "org" }, t, "en")).toBe("scope.org");
    expect(scopeLabel({ kind: "none" }, t, "bn")).toBe("scope.none");
  });
});
