import { describe, expect, it } from "vitest";
import type { DriverDrop, DriverTrip, DriverWrite } from "./driver-db.ts";
import { deliveredValue, failureOf, requestOf, shortLines, statusAfter, tripOrder, tripView } from "./driver-plan.ts";

const qty = (n: number) => ({
  qty: n,
  caseUnit: "case",
  caseUnitName: "Case",
  caseUnitNameBn: "কার্টন",
  caseFactor: 12,
  cases: Math.floor(n / 12),
  pieces: n % 12,
  baseUnit: "piece",
});

function drop(id: string, status: DriverDrop["status"] = "pending"): DriverDrop {
  return {
    id,
    seq: 1,
    status,
    lines: [
      { lineNo: 1, quantity: qty(24), totalPoisha: 240_000 },
      { lineNo: 2, quantity: qty(10), totalPoisha: 55_000 },
    ],
  } as unknown as DriverDrop;
}

const trip = (drops: DriverDrop[]): DriverTrip => ({ id: "t1", drops }) as unknown as DriverTrip;

const deliver = (dropId: string, lines: { lineNo: number; deliveredQty: number }[] = []): DriverWrite => ({
  kind: "deliver",
  tripId: "t1",
  dropId,
  body: {
    receiverName: "Rahim",
    pod: { kind: "signature", image: "data:image/png;base64,AAAA" },
    lines,
    cashCollectedPoisha: 5000,
  },
});

describe("the driver outbox", () => {
  it("sends each write to its drop's endpoint with the body as recorded", () => {
    const w = deliver("d1");
    expect(requestOf(w)).toEqual({ path: "/api/v1/delivery/driver/drops/d1/deliver", body: w.body });
    expect(requestOf({ kind: "fail", tripId: "t1", dropId: "d2", body: { reason: "outlet_closed" } }).path).toBe(
      "/api/v1/delivery/driver/drops/d2/fail",
    );
  });

  it("keeps a write for later when there was no answer, and sets it aside only when refused for good", () => {
    expect(failureOf(0, "network.unreachable")).toBe("retry");
    expect(failureOf(503, "http.503")).toBe("retry");
    expect(failureOf(429, "rate")).toBe("retry");
    expect(failureOf(409, "idempotency.in_progress")).toBe("retry");
    expect(failureOf(409, "idempotency.superseded")).toBe("retry");
    expect(failureOf(409, "idempotency.answer_lost")).toBe("done");
    expect(failureOf(401, "auth.required")).toBe("signed-out");
    expect(failureOf(403, "access.forbidden")).toBe("blocked");
    expect(failureOf(409, "delivery.drop_not_pending")).toBe("refused");
    expect(failureOf(400, "validation")).toBe("refused");
    expect(failureOf(404, "not_found")).toBe("refused");
  });

  it("calls a delivery partial when any line is short, and lists only the short lines", () => {
    const d = drop("d1");
    expect(statusAfter(deliver("d1"), d)).toBe("delivered");
    expect(statusAfter(deliver("d1", [{ lineNo: 2, deliveredQty: 4 }]), d)).toBe("partially_delivered");
    expect(statusAfter({ kind: "fail", tripId: "t1", dropId: "d1", body: { reason: "refused" } }, d)).toBe("failed");
    expect(
      shortLines(
        d,
        new Map([
          [1, 24],
          [2, 0],
        ]),
      ),
    ).toEqual([{ lineNo: 2, deliveredQty: 0 }]);
    expect(shortLines(d, new Map())).toEqual([]);
  });

  it("values a delivery line by line in proportion to what was handed over", () => {
    const d = drop("d1");
    expect(deliveredValue(d, new Map())).toBe(295_000);
    expect(deliveredValue(d, new Map([[2, 0]]))).toBe(240_000);
    expect(
      deliveredValue(
        d,
        new Map([
          [1, 12],
          [2, 5],
        ]),
      ),
    ).toBe(120_000 + 27_500);
  });

  it("shows outcomes not yet sent on their drops, and a refused one as open again", () => {
    const view = tripView(
      trip([drop("d1"), drop("d2"), drop("d3"), drop("d4", "delivered")]),
      [
        { id: "w1", write: deliver("d1") },
        { id: "w2", write: { kind: "fail", tripId: "t1", dropId: "d2", body: { reason: "no_cash", note: "later" } } },
        { id: "w9", write: { ...deliver("x"), tripId: "other" } },
      ],
      [{ id: "w3", write: deliver("d3") }],
    );
    expect(view.drops.map((d) => [d.id, d.status, d.local])).toEqual([
      ["d1", "delivered", "waiting"],
      ["d2", "failed", "waiting"],
      ["d3", "pending", "refused"],
      ["d4", "delivered", null],
    ]);
    expect(view.drops[0]?.receiverName).toBe("Rahim");
    expect(view.drops[0]?.cashCollectedPoisha).toBe(5000);
    expect(view.drops[1]?.failureReason).toBe("no_cash");
    expect(view.doneCount).toBe(3);
  });

  it("puts running trips first within a day, days in order", () => {
    const trips = [
      { status: "planned", tripDate: "2026-11-25", number: "TRP-3" },
      { status: "planned", tripDate: "2026-11-24", number: "TRP-2" },
      { status: "dispatched", tripDate: "2026-11-24", number: "TRP-1" },
    ];
    expect(tripOrder(trips).map((t) => t.number)).toEqual(["TRP-1", "TRP-2", "TRP-3"]);
  });
});

describe("the driver's screens as paths", async () => {
  const { driverPath, parseDriverRoute } = await import("./driver-router.ts");
  it("round-trips every screen through its path, and opens My trips for anything else", () => {
    for (const r of [
      { name: "trips" },
      { name: "trip", tripId: "t1" },
      { name: "drop", tripId: "t1", dropId: "d9" },
      { name: "sync" },
    ] as const)
      expect(parseDriverRoute(driverPath(r))).toEqual(r);
    expect(parseDriverRoute("/field/")).toEqual({ name: "trips" });
    expect(parseDriverRoute("/field/outlet/abc")).toEqual({ name: "trips" });
  });
});
