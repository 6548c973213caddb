import { describe, expect, it } from "vitest";
import type { FieldSku, FieldSnapshotResponse } from "../../../shared/contracts/field.ts";
import type { LocalVisit } from "../store/field-db.ts";
import { mergeServerDay, mergeServerVisits, planSnapshot } from "./snapshot-plan.ts";

const U = "0190a000-0000-7000-8000-000000000001";
const sku = (id: string, archived = false): FieldSku => ({
  id,
  code: id,
  name: id,
  nameBn: id,
  brandName: "",
  brandNameBn: "",
  baseUnit: "piece",
  units: [{ unit: "piece", name: "Piece", nameBn: "পিস", factor: 1 }],
  vatRateBp: 1500,
  searchText: "",
  archived,
});

function snapshot(over: Partial<FieldSnapshotResponse>): FieldSnapshotResponse {
  return {
    token: "t2",
    full: false,
    serverTime: "2026-11-24T05:00:00.000Z",
    today: "2026-11-24",
    me: { userId: U, name: "Rep" },
    settings: { checkInRadiusM: 100 },
    noOrderReasons: [],
    mustSellSkuIds: [],
    routes: [],
    outlets: [],
    removedOutletIds: [],
    skus: [],
    priceBooks: [],
    schemes: null,
    exhaustedSchemeIds: null,
    day: { startedAt: null, endedAt: null, visits: [] },
    ...over,
  };
}

const visit = (over: Partial<LocalVisit>): LocalVisit => ({
  id: "v1",
  userId: U,
  date: "2026-11-24",
  outletId: "o1",
  checkInCommandId: "c1",
  checkOutCommandId: null,
  checkedInAt: "2026-11-24T04:00:00.000Z",
  checkedOutAt: null,
  outcome: null,
  noOrderReason: null,
  distanceM: 40,
  outsideRadius: false,
  ...over,
});

describe("applying a snapshot", () => {
  it("replaces everything on a full snapshot, archived SKUs left out", () => {
    const plan = planSnapshot(snapshot({ full: true, skus: [sku("a"), sku("b", true)], removedOutletIds: ["x"] }));
    expect(plan.replace).toBe(true);
    expect(plan.putSkus.map((s) => s.id)).toEqual(["a"]);
    expect(plan.deleteSkuIds).toEqual([]);
    expect(plan.deleteOutletIds).toEqual([]);
  });

  it("merges an incremental snapshot: drops outlets that left and SKUs archived since", () => {
    const plan = planSnapshot(snapshot({ skus: [sku("a"), sku("b", true)], removedOutletIds: ["x", "y"] }));
    expect(plan.replace).toBe(false);
    expect(plan.putSkus.map((s) => s.id)).toEqual(["a"]);
    expect(plan.deleteSkuIds).toEqual(["b"]);
    expect(plan.deleteOutletIds).toEqual(["x", "y"]);
  });

  it("replaces the schemes when they come (an empty list too: the last one was paused), keeps them when null", () => {
    expect(planSnapshot(snapshot({})).schemes).toBeNull();
    expect(planSnapshot(snapshot({ schemes: [], exhaustedSchemeIds: [] })).schemes).toEqual({
      schemes: [],
      exhaustedSchemeIds: [],
    });
  });
});

describe("the server's record of today", () => {
  const serverVisit = {
    id: "v1",
    outletId: "o1",
    checkedInAt: "2026-11-24T04:00:00.000Z",
    checkedOutAt: "2026-11-24T04:20:00.000Z",
    outcome: "no_order" as const,
    distanceM: 35,
    outsideRadius: false,
  };

  it("adds visits this phone does not have (a reinstalled phone)", () => {
    const merged = mergeServerVisits(
      [],
      snapshot({ day: { startedAt: null, endedAt: null, visits: [serverVisit] } }),
      U,
    );
    expect(merged).toEqual([
      expect.objectContaining({ id: "v1", userId: U, date: "2026-11-24", outcome: "no_order", checkInCommandId: null }),
    ]);
  });

  it("never undoes a local check-out still in the outbox, and takes the server's distance", () => {
    const local = visit({ checkedOutAt: "2026-11-24T04:30:00.000Z", outcome: "order" });
    const open = { ...serverVisit, checkedOutAt: null, outcome: null, distanceM: 38 };
    const [merged] = mergeServerVisits(
      [local],
      snapshot({ day: { startedAt: null, endedAt: null, visits: [open] } }),
      U,
    );
    expect(merged?.checkedOutAt).toBe("2026-11-24T04:30:00.000Z");
    expect(merged?.outcome).toBe("order");
    expect(merged?.distanceM).toBe(38);
  });

  it("writes nothing when the server adds nothing", () => {
    const local = visit({ distanceM: 35, checkedOutAt: serverVisit.checkedOutAt, outcome: "no_order" });
    expect(
      mergeServerVisits([local], snapshot({ day: { startedAt: null, endedAt: null, visits: [serverVisit] } }), U),
    ).toEqual([]);
  });

  it("fills in the day's start from the server, and keeps the phone's own", () => {
    const s = snapshot({ day: { startedAt: "2026-11-24T03:00:00.000Z", endedAt: null, visits: [] } });
    expect(mergeServerDay(undefined, s, U)).toEqual({
      userId: U,
      date: "2026-11-24",
      startedAt: "2026-11-24T03:00:00.000Z",
      endedAt: null,
    });
    const mine = { userId: U, date: "2026-11-24", startedAt: "2026-11-24T02:59:00.000Z", endedAt: null };
    expect(mergeServerDay(mine, s, U)).toBeNull();
    const yesterday = { ...mine, date: "2026-11-23" };
    expect(mergeServerDay(yesterday, s, U)?.startedAt).toBe("2026-11-24T03:00:00.000Z");
    expect(mergeServerDay(undefined, snapshot({}), U)).toBeNull();
  });
});
