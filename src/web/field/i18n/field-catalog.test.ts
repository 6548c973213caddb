// The field app's own catalogue: the same keys and placeholders in Bengali and English, and really Bengali.
import { describe, expect, it } from "vitest";
import bn from "./bn.json";
import en from "./en.json";

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

describe("the field app's catalogue", () => {
  const b = flatten(bn);
  const e = flatten(en);

  it("has the same keys in Bengali and English", () => {
    expect([...b.keys()].filter((k) => !e.has(k))).toEqual([]);
    expect([...e.keys()].filter((k) => !b.has(k))).toEqual([]);
  });

  it("uses the same placeholders in both languages, and no empty strings", () => {
    expect(
      [...e].filter(([k, v]) => JSON.stringify(placeholders(v)) !== JSON.stringify(placeholders(b.get(k) ?? ""))),
    ).toEqual([]);
    expect([...b, ...e].filter(([, v]) => v.trim() === "")).toEqual([]);
  });

  it("is Bengali in Bengali (codes and format hints aside)", () => {
    const latinOnly = [...b].filter(([, v]) => !/[\u0980-\u09FF]/.test(v)).map(([k]) => k);
    expect(latinOnly).toEqual([]);
  });
});
