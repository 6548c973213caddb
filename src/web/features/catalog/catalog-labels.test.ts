import { describe, expect, it } from "vitest";
import { unitChain } from "./catalog-labels.ts";

const units = [
  { unit: "piece", name: "Piece", nameBn: "পিস", factor: 1 },
  { unit: "case", name: "Case", nameBn: "কেস", factor: 144 },
  { unit: "pack", name: "Pack", nameBn: "প্যাক", factor: 12 },
];

describe("unitChain", () => {
  it("reads from the largest pack down", () => {
    expect(unitChain(units, "en", String)).toBe("1 Case = 12 Pack = 144 Piece");
    expect(unitChain(units, "bn", String)).toBe("1 কেস = 12 প্যাক = 144 পিস");
  });
  it("shows a lone base unit", () => {
    expect(unitChain(units.slice(0, 1), "en", String)).toBe("1 Piece");
    expect(unitChain([], "en", String)).toBe("");
  });
});
