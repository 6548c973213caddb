import { describe, expect, it } from "vitest";
import type { FieldCommand, FieldOutlet, FieldRoute } from "../../../shared/contracts/field.ts";
import type { LocalVisit } from "../store/field-db.ts";
import {
  chooseBeat,
  commandsByOutlet,
  distanceTo,
  minutesSpent,
  moveItem,
  openVisit,
  searchOutlets,
  visitsByOutlet,
  weekdayOf,
} from "./beat-plan.ts";

const U = "u1";
const route = (id: string, weekdays: number[]): FieldRoute => ({ id, name: id, nameBn: id, weekdays, outletIds: [] });

describe("today's beat", () => {
  it("knows the weekday of a business date (0 = Sunday)", () => {
    expect(weekdayOf("2026-11-22")).toBe(0);
    expect(weekdayOf("2026-11-24")).toBe(2);
    expect(weekdayOf("2026-11-27")).toBe(5);
  });

  it("walks the route scheduled for today's weekday", () => {
    const routes = [route("mon", [1]), route("tue", [2])];
    const beat = chooseBeat(routes, "2026-11-24", undefined, U);
    expect(beat.route?.id).toBe("tue");
    expect(beat.picked).toBe(false);
  });

  it("asks the rep to pick when nothing is scheduled today, and keeps the pick for that day only", () => {
    const routes = [route("mon", [1]), route("tue", [2])];
    expect(chooseBeat(routes, "2026-11-27", undefined, U).route).toBeNull();
    const pick = { userId: U, date: "2026-11-27", routeId: "mon" };
    expect(chooseBeat(routes, "2026-11-27", pick, U).route?.id).toBe("mon");
    expect(chooseBeat(routes, "2026-11-28", pick, U).route).toBeNull();
    expect(chooseBeat(routes, "2026-11-27", { ...pick, userId: "someone else" }, U).route).toBeNull();
  });
});

const visit = (over: Partial<LocalVisit>): LocalVisit => ({
  id: "v",
  userId: U,
  date: "2026-11-24",
  outletId: "o1",
  checkInCommandId: null,
  checkOutCommandId: null,
  checkedInAt: "2026-11-24T04:00:00.000Z",
  checkedOutAt: null,
  outcome: null,
  noOrderReason: null,
  distanceM: null,
  outsideRadius: false,
  ...over,
});

describe("visits on the beat", () => {
  it("shows each outlet's latest visit", () => {
    const map = visitsByOutlet([
      visit({ id: "a", outletId: "o1", checkedOutAt: "2026-11-24T04:10:00.000Z", outcome: "no_order" }),
      visit({
        id: "b",
        outletId: "o1",
        checkedInAt: "2026-11-24T06:00:00.000Z",
        checkedOutAt: "2026-11-24T06:10:00.000Z",
        outcome: "order",
      }),
      visit({ id: "c", outletId: "o2" }),
    ]);
    expect(map.get("o1")?.status).toBe("order");
    expect(map.get("o2")?.status).toBe("in_progress");
    expect(map.has("o3")).toBe(false);
  });

  it("finds the open visit", () => {
    expect(openVisit([visit({ id: "a", checkedOutAt: "x" }), visit({ id: "b" })])?.id).toBe("b");
    expect(openVisit([visit({ checkedOutAt: "x" })])).toBeUndefined();
  });

  it("counts whole minutes spent", () => {
    expect(minutesSpent("2026-11-24T04:00:00.000Z", "2026-11-24T04:12:59.000Z")).toBe(12);
    expect(minutesSpent("2026-11-24T04:00:00.000Z", "2026-11-24T03:00:00.000Z")).toBe(0);
  });
});

describe("reordering and finding outlets", () => {
  it("moves an outlet up or down one place, and not past the ends", () => {
    expect(moveItem(["a", "b", "c"], 2, -1)).toEqual(["a", "c", "b"]);
    expect(moveItem(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(moveItem(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
    expect(moveItem(["a", "b", "c"], 2, 1)).toEqual(["a", "b", "c"]);
  });

  const outlet = (id: string, name: string, nameBn: string, lat: number | null = 23.75, lng: number | null = 90.39) =>
    ({ id, code: id.toUpperCase(), name, nameBn, ownerName: "Karim", lat, lng }) as FieldOutlet;

  it("measures the distance from the rep, or nothing without a point", () => {
    const o = outlet("o1", "A", "ক");
    expect(distanceTo(o, { lat: 23.75, lng: 90.39 })).toBe(0);
    expect(distanceTo(o, { lat: 23.751, lng: 90.39 })).toBe(111);
    expect(distanceTo(o, null)).toBeNull();
    expect(distanceTo(outlet("o2", "B", "খ", null, null), { lat: 23.75, lng: 90.39 })).toBeNull();
  });

  it("finds the rep's other outlets by Bengali or Latin name, leaving out the beat's", () => {
    const all = [outlet("o1", "Rahim Store", "রহিম স্টোর"), outlet("o2", "Karim Traders", "করিম ট্রেডার্স")];
    expect(searchOutlets(all, "রহিম", new Set()).map((o) => o.id)).toEqual(["o1"]);
    expect(searchOutlets(all, "karim traders", new Set()).map((o) => o.id)).toEqual(["o2"]);
    expect(searchOutlets(all, "", new Set(["o1"])).map((o) => o.id)).toEqual(["o2"]);
  });
});

describe("what is pending at each outlet", () => {
  const at = "2026-11-24T04:00:00.000Z";
  it("counts an outlet's queued commands, a check-out through its visit", () => {
    const commands = [
      { id: "1", kind: "visit.check_in", at, payload: { visitId: "v1", outletId: "o1", gps: null } },
      {
        id: "2",
        kind: "visit.check_out",
        at,
        payload: { visitId: "v1", outcome: "no_order", noOrderReason: "closed" },
      },
      { id: "3", kind: "day.start", at, payload: { gps: null } },
      {
        id: "4",
        kind: "payment.collect",
        at,
        payload: { paymentId: "p", outletId: "o2", method: "cash", amountPoisha: 100 },
      },
    ] as FieldCommand[];
    const counts = commandsByOutlet(commands, [{ id: "v1", outletId: "o1" }]);
    expect([...counts]).toEqual([
      ["o1", 2],
      ["o2", 1],
    ]);
  });
});
