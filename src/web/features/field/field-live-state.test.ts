import { describe, expect, it } from "vitest";
import type { FieldKpis, FieldLiveRep, FieldLiveVisit } from "../../../shared/contracts/field.ts";
import { formattersFor } from "../../ui/use-format.ts";
import { hundredthsText, percentText, reasonLabel, repsActiveFirst, visitLog, visitState } from "./field-live-state.ts";

const REP_A = "0193b0a0-0000-7000-8000-00000000000a";
const REP_B = "0193b0a0-0000-7000-8000-00000000000b";

const visit = (id: string, repUserId: string, checkedInAt: string, patch: Partial<FieldLiveVisit> = {}) =>
  ({
    id,
    repUserId,
    repName: "Rep",
    outletId: id,
    outletName: "Outlet",
    outletNameBn: "আউটলেট",
    planned: true,
    checkedInAt,
    checkedOutAt: null,
    minutesSpent: null,
    lat: 23.8,
    lng: 90.4,
    distanceM: 12,
    outsideRadius: false,
    outcome: null,
    noOrderReason: null,
    orderNumber: null,
    orderTotalPoisha: null,
    ...patch,
  }) satisfies FieldLiveVisit;

describe("visitState", () => {
  it("is in progress until the rep checks out, even with an order placed", () => {
    expect(visitState({ checkedOutAt: null, outcome: null })).toBe("in_progress");
    expect(visitState({ checkedOutAt: null, outcome: "order" })).toBe("in_progress");
  });

  it("is the outcome once checked out", () => {
    expect(visitState({ checkedOutAt: "2026-11-24T05:00:00Z", outcome: "order" })).toBe("order");
    expect(visitState({ checkedOutAt: "2026-11-24T05:00:00Z", outcome: "no_order" })).toBe("no_order");
  });
});

describe("visitLog", () => {
  const visits = [
    visit("v1", REP_A, "2026-11-24T03:00:00Z"),
    visit("v2", REP_B, "2026-11-24T05:00:00Z"),
    visit("v3", REP_A, "2026-11-24T04:00:00+00:00"),
  ];

  it("puts the latest check-in first", () => {
    expect(visitLog(visits, undefined).map((v) => v.id)).toEqual(["v2", "v3", "v1"]);
  });

  it("keeps one rep's visits when a rep is chosen, without reordering the input", () => {
    expect(visitLog(visits, REP_A).map((v) => v.id)).toEqual(["v3", "v1"]);
    expect(visits.map((v) => v.id)).toEqual(["v1", "v2", "v3"]);
  });
});

describe("repsActiveFirst", () => {
  const kpis = (visits: number): FieldKpis => ({
    salesPoisha: 0,
    orders: 0,
    visits,
    productiveVisits: 0,
    strikeRateBp: null,
    linesPerCallX100: null,
    dropSizePoisha: null,
    plannedOutlets: 0,
    plannedVisited: 0,
    beatComplianceBp: null,
    outsideRadiusVisits: 0,
  });
  const rep = (name: string, started: boolean, visits: number): FieldLiveRep => ({
    userId: REP_A,
    name,
    territoryName: null,
    dayStartedAt: started ? "2026-11-24T03:00:00Z" : null,
    dayEndedAt: null,
    lastSeenAt: null,
    kpis: kpis(visits),
  });

  it("lists the reps out in the field first, each group by name", () => {
    const reps = [rep("Anwar", false, 0), rep("Zahid", true, 0), rep("Bijoy", false, 2), rep("Abul", false, 0)];
    expect(repsActiveFirst(reps).map((r) => r.name)).toEqual(["Bijoy", "Zahid", "Abul", "Anwar"]);
    expect(reps.map((r) => r.name)).toEqual(["Anwar", "Zahid", "Bijoy", "Abul"]);
  });
});

describe("KPI ratios as text", () => {
  const en = formattersFor("en", false);
  const bn = formattersFor("bn", true);

  it("shows basis points as a percentage in the user's digits", () => {
    expect(percentText(en, 6250)).toBe("62.5%");
    expect(percentText(en, 10_000)).toBe("100%");
    expect(percentText(bn, 6250)).toBe("৬২.৫%");
    expect(percentText(en, null)).toBe("—");
  });

  it("shows hundredths as a number with up to two decimals", () => {
    expect(hundredthsText(en, 425)).toBe("4.25");
    expect(hundredthsText(en, 300)).toBe("3");
    expect(hundredthsText(bn, 425)).toBe("৪.২৫");
    expect(hundredthsText(en, null)).toBe("—");
  });
});

describe("reasonLabel", () => {
  const reasons = [{ code: "shop_closed", labelEn: "Shop closed", labelBn: "দোকান বন্ধ" }];

  it("uses the admin's label in the UI language", () => {
    expect(reasonLabel("shop_closed", reasons, "en")).toBe("Shop closed");
    expect(reasonLabel("shop_closed", reasons, "bn")).toBe("দোকান বন্ধ");
  });

  it("falls back to the code, readably, when the list is unknown or lacks it", () => {
    expect(reasonLabel("enough_stock", reasons, "en")).toBe("enough stock");
    expect(reasonLabel("shop_closed", undefined, "bn")).toBe("shop closed");
  });
});
