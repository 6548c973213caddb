import { describe, expect, it } from "vitest";
import {
  createRequestFromForm,
  definitionFromForm,
  emptyBenefit,
  emptySchemeForm,
  formFromScheme,
  limitsFromForm,
  percentToBp,
  ruleFromForm,
  type SavedScheme,
  type SchemeForm,
  takaToPoisha,
  validateSchemeForm,
} from "./scheme-form.ts";

const SOAP = "00000000-0000-7000-8000-00000000000a";
const SHAMPOO = "00000000-0000-7000-8000-00000000000b";

function form(patch: Partial<SchemeForm>): SchemeForm {
  return { ...emptySchemeForm("2026-11-24"), code: "SOAP12", nameEn: "Soap 12+1", nameBn: "সাবান ১২+১", ...patch };
}

describe("scheme editor form", () => {
  it.each([
    ["12", 1200],
    ["12.5", 1250],
    ["12.05", 1205],
    ["0", 0],
    ["1,000", null],
    ["12.345", null],
    ["-1", null],
    ["", null],
  ])("taka %s -> %s poisha", (text, poisha) => expect(takaToPoisha(text)).toBe(poisha));

  it.each([
    ["5", 500],
    ["2.5", 250],
    ["0.01", 1],
    ["100", 10_000],
    ["0", null],
    ["100.01", null],
    ["abc", null],
  ])("percent %s -> %s bp", (text, bp) => expect(percentToBp(text)).toBe(bp));

  it("builds buy 12 get 1 free of another SKU, repeating", () => {
    const f = form({
      skuIds: [SOAP],
      mode: "repeating",
      slabs: [{ min: "12", benefit: { ...emptyBenefit("free_goods"), skuId: SHAMPOO, qty: "1" } }],
    });
    expect(validateSchemeForm(f)).toEqual([]);
    expect(ruleFromForm(f).rule).toEqual({
      kind: "slab",
      skuIds: [SOAP],
      measure: "qty",
      mode: "repeating",
      slabs: [{ min: 12, benefit: { type: "free_goods", skuId: SHAMPOO, qty: 1 } }],
    });
  });

  it("builds a value slab in poisha and refuses slabs that do not rise", () => {
    const ok = form({
      measure: "value",
      mode: "stepped",
      slabs: [
        { min: "1000", benefit: { ...emptyBenefit("percent"), percent: "5" } },
        { min: "2500.50", benefit: { ...emptyBenefit("flat"), taka: "200" } },
      ],
    });
    expect(ruleFromForm(ok).rule).toMatchObject({
      slabs: [
        { min: 100_000, benefit: { type: "percent", bp: 500 } },
        { min: 250_050, benefit: { type: "flat", poisha: 20_000 } },
      ],
    });
    const bad = form({
      slabs: [
        { min: "24", benefit: { ...emptyBenefit("percent"), percent: "5" } },
        { min: "12", benefit: { ...emptyBenefit("percent"), percent: "8" } },
      ],
    });
    expect(ruleFromForm(bad).problems).toEqual([{ field: "slabs.1.min", key: "ascending" }]);
  });

  it("names every missing field: dates, names, percent, free SKU", () => {
    const f = form({
      nameBn: "",
      validFrom: "2026-12-01",
      validTo: "2026-11-30",
      slabs: [{ min: "0", benefit: { ...emptyBenefit("free_goods"), qty: "x" } }],
    });
    expect(validateSchemeForm(f).map((p) => p.field)).toEqual([
      "nameBn",
      "validTo",
      "slabs.0.min",
      "slabs.0.benefit.skuId",
      "slabs.0.benefit.qty",
    ]);
  });

  it("builds a bundle and needs two components", () => {
    const f = form({
      ruleKind: "bundle",
      components: [
        { skuId: SOAP, qty: "2" },
        { skuId: SHAMPOO, qty: "1" },
      ],
      bundleBenefit: { ...emptyBenefit("flat"), taka: "20" },
    });
    expect(ruleFromForm(f).rule).toEqual({
      kind: "bundle",
      components: [
        { skuId: SOAP, qty: 2 },
        { skuId: SHAMPOO, qty: 1 },
      ],
      benefit: { type: "flat", poisha: 2000 },
    });
    expect(ruleFromForm({ ...f, components: [{ skuId: SOAP, qty: "2" }] }).problems).toContainEqual({
      field: "components",
      key: "bundleTwo",
    });
  });

  it("round-trips a saved scheme through the form and the create request", () => {
    const f = form({
      code: "soap12",
      measure: "value",
      mode: "once",
      claimable: true,
      budgetTaka: "50000",
      perOutletCapTaka: "250.50",
      slabs: [{ min: "1500", benefit: { ...emptyBenefit("percent"), percent: "2.5" } }],
      targeting: {
        territoryIds: ["00000000-0000-7000-8000-0000000000c1"],
        channels: ["grocery"],
        outletClasses: ["A"],
        distributorIds: [],
        outletIds: [],
      },
    });
    const req = createRequestFromForm(f);
    expect(req).not.toBeNull();
    if (!req) return;
    expect(req.code).toBe("SOAP12");
    expect(req.rule).toMatchObject({ slabs: [{ min: 150_000, benefit: { type: "percent", bp: 250 } }] });
    expect(limitsFromForm(f)).toEqual({ budgetPoisha: 5_000_000, perOutletCapPoisha: 25_050 });
    const saved: SavedScheme = {
      code: req.code,
      name: req.name,
      nameBn: req.nameBn,
      campaignId: null,
      facing: "secondary",
      validFrom: req.validFrom,
      validTo: req.validTo,
      priority: 100,
      stacking: "stackable",
      claimable: true,
      budgetPoisha: 5_000_000,
      perOutletCapPoisha: 25_050,
      targeting: { ...f.targeting, territoryPaths: ["/bd/dhaka/"] },
      rule: req.rule,
    };
    const back = formFromScheme(saved);
    expect(createRequestFromForm(back)).toEqual(req);
    expect(back.budgetTaka).toBe("50000");
    expect(back.perOutletCapTaka).toBe("250.50");
    expect(back.slabs[0]?.benefit.percent).toBe("2.50");
    // The preview cannot resolve territory ids to paths: it does not restrict by territory.
    expect(definitionFromForm(back)?.targeting).toEqual({
      territoryPaths: [],
      channels: ["grocery"],
      outletClasses: ["A"],
      distributorIds: [],
      outletIds: [],
    });
  });
});
