import { describe, expect, it } from "vitest";
import { priceOrder } from "../../../shared/pricing/order-pricing.ts";
import type { SchemeDefinition } from "../../../shared/pricing/scheme-types.ts";
import { outletSchemes } from "./schemes-in-force.ts";

const scheme = (id: string, code: string, bp: number, targeting: Partial<SchemeDefinition["targeting"]> = {}) =>
  ({
    id,
    code,
    name: { en: code, bn: code },
    facing: "secondary",
    validFrom: "2026-11-01",
    validTo: "2026-11-30",
    priority: 10,
    stacking: "stackable",
    targeting: { territoryPaths: [], channels: [], outletClasses: [], distributorIds: [], outletIds: [], ...targeting },
    rule: {
      kind: "slab",
      skuIds: [],
      measure: "qty",
      mode: "once",
      slabs: [{ min: 1, benefit: { type: "percent", bp } }],
    },
  }) satisfies SchemeDefinition;

const line = { skuId: "s1", qty: 10, unitPricePoisha: 1_000, vatRateBp: 0, pricesIncludeVat: false };

describe("the schemes in force for an outlet, in the browser", () => {
  it("runs exactly the schemes the server chose for the outlet, skipping used-up budgets and caps", () => {
    // The server already matched the targeting (territory path and class are unknown in the browser).
    const inForce = {
      date: "2026-11-24",
      schemes: [
        scheme("a", "TERR5", 500, { territoryPaths: ["/bd/dhaka/"], outletClasses: ["A"] }),
        scheme("b", "SPENT", 300),
        scheme("c", "CAPPED", 200),
      ],
      exhausted: ["b"],
      outletCapped: ["c"],
    };
    const o = outletSchemes(inForce, { outletId: "o1", distributorId: "d1", channel: "grocery" });
    expect(o.context).toMatchObject({
      outletId: "o1",
      distributorId: "d1",
      orderDate: "2026-11-24",
      facing: "secondary",
    });
    const priced = priceOrder(o.context, [line], o.engine);
    // 10 x 1,000 = 10,000; TERR5 5 % = 500; SPENT and CAPPED give nothing
    expect(priced.lines[0]?.discountPoisha).toBe(500);
    expect(priced.skipped).toEqual([
      { schemeId: "c", reason: { code: "outlet_cap_reached" } },
      { schemeId: "b", reason: { code: "budget_exhausted" } },
    ]);
  });
});
