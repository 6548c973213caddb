// The driver's catalogue: the same keys and placeholders in Bengali and English, really Bengali, and the
// translator fills placeholders and falls back to English rather than showing a key.
import { describe, expect, it } from "vitest";
import { driverTranslator } from "./driver-i18n.ts";
import bn from "./i18n/bn.json";
import en from "./i18n/en.json";

type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe("the driver's catalogue", () => {
  const b = flatten(bn);
  const e = flatten(en);

  it("has the same keys in Bengali and English, with the same placeholders and no empty strings", () => {
    expect([...b.keys()].filter((k) => !e.has(k))).toEqual([]);
    expect([...e.keys()].filter((k) => !b.has(k))).toEqual([]);
    expect(
      [...e].filter(([k, v]) => JSON.stringify(placeholders(v)) !== JSON.stringify(placeholders(b.get(k) ?? ""))),
    ).toEqual([]);
    expect([...b, ...e].filter(([, v]) => v.trim() === "")).toEqual([]);
  });

  it("is Bengali in Bengali", () => {
    expect([...b].filter(([, v]) => !/[\u0980-\u09FF]/.test(v)).map(([k]) => k)).toEqual([]);
  });

  it("fills placeholders in the language asked for", () => {
    expect(driverTranslator("en")("trips.drops", { done: "2", total: "3" })).toBe("2 of 3 drops done");
    expect(driverTranslator("bn")("trip.title", { number: "TRP-0000001" })).toBe("ট্রিপ TRP-0000001");
  });
});
