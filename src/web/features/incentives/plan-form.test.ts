import { describe, expect, it } from "vitest";
import type { Plan } from "../../../shared/contracts/incentives.ts";
import {
  bpToPercent,
  emptyPlanForm,
  formToBody,
  percentToBp,
  planToForm,
  recentPeriodStarts,
  takaToPoisha,
} from "./plan-form.ts";

describe("plan form", () => {
  it("reads percentages and taka exactly", () => {
    expect(percentToBp("12.5")).toBe(1250);
    expect(percentToBp("0.05")).toBe(5);
    expect(percentToBp("100")).toBe(10000);
    expect(percentToBp("1.234")).toBeNull();
    expect(percentToBp("-1")).toBeNull();
    expect(bpToPercent(1250)).toBe("12.5");
    expect(bpToPercent(5)).toBe("0.05");
    expect(takaToPoisha("1,500.5")).toBe(150050);
    expect(takaToPoisha("abc")).toBeNull();
  });

  it("turns the default form into the worked plan", () => {
    const f = { ...emptyPlanForm("2026-11-24"), name: "Rep", nameBn: "প্রতিনিধি", cap: "5000" };
    const r = formToBody(f);
    expect(r).toEqual({
      body: {
        name: "Rep",
        nameBn: "প্রতিনিধি",
        appliesTo: "rep",
        periodKind: "month",
        validFrom: "2026-11-01",
        validTo: null,
        slabs: [
          { fromBp: 0, toBp: 8000, rateBp: 0 },
          { fromBp: 8000, toBp: 10000, rateBp: 200 },
          { fromBp: 10000, toBp: null, rateBp: 300 },
        ],
        gates: [],
        capPoisha: 500_000,
        kickers: [],
      },
    });
  });

  it("refuses a gap between slabs, a bad cap, and the same product twice", () => {
    const base = { ...emptyPlanForm("2026-11-24"), name: "a", nameBn: "b" };
    const gap = {
      ...base,
      slabs: [
        { from: "0", to: "80", rate: "0" },
        { from: "90", to: "", rate: "2" },
      ],
    };
    expect(formToBody(gap)).toEqual({ error: "slabs" });
    expect(formToBody({ ...base, cap: "5.555" })).toEqual({ error: "cap" });
    const twice = {
      ...base,
      kickers: [
        { skuId: "a", bonus: "10" },
        { skuId: "a", bonus: "20" },
      ],
    };
    expect(formToBody(twice)).toEqual({ error: "kickerTwice" });
  });

  it("round-trips a saved plan", () => {
    const plan: Plan = {
      id: "01930000-0000-7000-8000-000000000001",
      name: "Q",
      nameBn: "ত্রৈ",
      appliesTo: "distributor",
      territoryId: null,
      periodKind: "quarter",
      validFrom: "2026-01-01",
      validTo: "2026-12-31",
      slabs: [
        { fromBp: 0, toBp: 9050, rateBp: 25 },
        { fromBp: 9050, toBp: null, rateBp: 150 },
      ],
      gates: [{ metric: "coverage", minBp: 8000 }],
      capPoisha: 1_234_567,
      kickers: [{ skuId: "01930000-0000-7000-8000-000000000002", bonusPoisha: 50_000 }],
      archived: false,
      createdAt: "2026-01-01T00:00:00Z",
      updatedAt: "2026-01-01T00:00:00Z",
    };
    const r = formToBody(planToForm(plan));
    expect(r).toEqual({
      body: {
        name: "Q",
        nameBn: "ত্রৈ",
        appliesTo: "distributor",
        periodKind: "quarter",
        validFrom: "2026-01-01",
        validTo: "2026-12-31",
        slabs: plan.slabs,
        gates: plan.gates,
        capPoisha: plan.capPoisha,
        kickers: plan.kickers,
      },
    });
  });

  it("lists the last months' first days, across a new year", () => {
    expect(recentPeriodStarts("2026-02-14", 4)).toEqual(["2026-02-01", "2026-01-01", "2025-12-01", "2025-11-01"]);
  });
});
