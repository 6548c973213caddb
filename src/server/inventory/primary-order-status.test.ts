import { describe, expect, it } from "vitest";
import { PRIMARY_STATUSES } from "../../shared/contracts/inventory.ts";
import { allowedActions, canTransition, roleMay } from "./primary-order-status.ts";

describe("primary order status", () => {
  it("lets the distributor submit, cancel and receive, and the company approve, reject and dispatch", () => {
    expect(allowedActions("distributor", "draft")).toEqual(["submit", "cancel"]);
    expect(allowedActions("distributor", "submitted")).toEqual(["cancel"]);
    expect(allowedActions("manager", "submitted")).toEqual(["approve", "reject"]);
    expect(allowedActions("admin", "submitted")).toEqual(["approve", "reject", "cancel"]);
    expect(allowedActions("manager", "approved")).toEqual(["dispatch"]);
    expect(allowedActions("distributor", "dispatched")).toEqual(["receive"]);
    expect(allowedActions("admin", "dispatched")).toEqual(["receive"]);
  });

  it("never lets a distributor approve, reject or dispatch, nor a rep or retailer do anything", () => {
    for (const status of PRIMARY_STATUSES) {
      expect(allowedActions("distributor", status)).not.toContain("approve");
      expect(allowedActions("distributor", status)).not.toContain("dispatch");
      expect(allowedActions("rep", status)).toEqual([]);
      expect(allowedActions("retailer", status)).toEqual([]);
    }
    expect(roleMay("distributor", "reject")).toBe(false);
  });

  it("ends at received, rejected and cancelled; nothing is cancelled after dispatch", () => {
    for (const end of ["received", "rejected", "cancelled"] as const) expect(allowedActions("admin", end)).toEqual([]);
    expect(canTransition("dispatched", "cancel")).toBe(false);
    expect(canTransition("approved", "cancel")).toBe(true);
    expect(canTransition("draft", "receive")).toBe(false);
  });
});
