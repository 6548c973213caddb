import { describe, expect, it } from "vitest";
import type { SchemeDefinition, SchemeTargeting } from "../../shared/pricing/scheme-types.ts";
import type { OutletForSchemes } from "../promotions/promotions.service.ts";
import { schemeSetHash, schemesForOutlets } from "./field-schemes.ts";

const none: SchemeTargeting = {
  territoryPaths: [],
  channels: [],
  outletClasses: [],
  distributorIds: [],
  outletIds: [],
};
const outlet: OutletForSchemes = {
  id: "o1",
  distributorId: "d1",
  channel: "grocery",
  outletClass: "A",
  territoryPath: "/bd/dhaka/mirpur/",
};

function scheme(id: string, targeting: Partial<SchemeTargeting> = {}, over: Partial<SchemeDefinition> = {}) {
  return {
    id,
    code: id.toUpperCase(),
    name: { en: id, bn: id },
    facing: "secondary",
    validFrom: "2026-11-01",
    validTo: "2026-11-30",
    priority: 100,
    stacking: "stackable",
    targeting: { ...none, ...targeting },
    rule: {
      kind: "slab",
      skuIds: [],
      measure: "qty",
      mode: "once",
      slabs: [{ min: 1, benefit: { type: "percent", bp: 100 } }],
    },
    ...over,
  } satisfies SchemeDefinition as SchemeDefinition;
}

describe("which schemes go to the phone", () => {
  it("keeps outlet-facing schemes for at least one outlet, by id", () => {
    const other: OutletForSchemes = { ...outlet, id: "o2", channel: "pharmacy", outletClass: "C" };
    const kept = schemesForOutlets(
      [
        scheme("s3", { channels: ["pharmacy"] }),
        scheme("s1"),
        scheme("s2", { channels: ["wholesale"] }),
        scheme("s0", {}, { facing: "primary" }),
      ],
      [outlet, other],
    );
    expect(kept.map((s) => s.id)).toEqual(["s1", "s3"]);
    expect(schemesForOutlets([scheme("s1")], [])).toEqual([]);
  });

  it("fingerprints the content: an edit, a scheme gone or a budget used up changes it; key order does not", () => {
    const a = scheme("s1");
    const b = scheme("s2");
    const base = schemeSetHash([a, b], []);
    expect(schemeSetHash([b, a], [])).toBe(base);
    const reordered = Object.fromEntries(Object.entries(a).reverse()) as unknown as SchemeDefinition;
    expect(schemeSetHash([reordered, b], [])).toBe(base);
    expect(schemeSetHash([{ ...a, validTo: "2026-12-31" }, b], [])).not.toBe(base);
    expect(schemeSetHash([a], [])).not.toBe(base);
    expect(schemeSetHash([a, b], ["s2"])).not.toBe(base);
    expect(schemeSetHash([], [])).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });
});
