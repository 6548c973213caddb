import { describe, expect, it } from "vitest";
import { bn, en } from "./resources.ts";

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

describe("i18n catalogs", () => {
  const b = flatten(bn);
  const e = flatten(en);

  it("have the same keys in Bengali and English", () => {
    expect([...b.keys()].filter((k) => !e.has(k))).toEqual([]);
    expect([...e.keys()].filter((k) => !b.has(k))).toEqual([]);
  });

  it("have no empty strings", () => {
    expect([...b, ...e].filter(([, v]) => v.trim() === "").map(([k]) => k)).toEqual([]);
  });

  it("use the same {{placeholders}} in both languages", () => {
    const mismatched = [...e].filter(
      ([k, v]) => JSON.stringify(placeholders(v)) !== JSON.stringify(placeholders(b.get(k) ?? "")),
    );
    expect(mismatched.map(([k]) => k)).toEqual([]);
  });

  it("are actually translated: Bengali strings contain Bengali script", () => {
    // Brand names and codes may stay in Latin script; everything else must be Bengali.
    const latinOnly = [...b].filter(([, v]) => !/[\u0980-\u09FF]/.test(v)).map(([k]) => k);
    expect(latinOnly).toEqual([]);
  });
});
