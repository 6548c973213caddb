import { describe, expect, it } from "vitest";
import { AppError } from "../platform/errors.ts";
import {
  addLoads,
  basisPoints,
  casesPieces,
  checkCapacity,
  navigationUrl,
  normaliseRegNo,
  sumLoad,
  tripLoad,
} from "./trip-load.ts";

const van = { regNo: "DHAKA METRO-NA 11-0001", capacityG: 1_000_000, capacityCm3: 5_000_000 };

describe("a trip's load", () => {
  it("sums quantity x weight and volume, and counts the lines whose SKU has none instead of guessing", () => {
    const sum = sumLoad([
      { qty: 10, weightG: 110, volumeCm3: 150 },
      { qty: 24, weightG: 55, volumeCm3: null },
      { qty: 3, weightG: null, volumeCm3: null },
    ]);
    expect(sum).toEqual({
      weightG: 1100 + 1320,
      volumeCm3: 1500,
      lineCount: 3,
      linesWithoutWeight: 1,
      linesWithoutVolume: 2,
    });
    expect(addLoads(sum, sum).weightG).toBe(4840);
  });

  it("is a share of the vehicle's capacity in basis points; an unknown volume capacity has no share", () => {
    const sum = sumLoad([{ qty: 1000, weightG: 250, volumeCm3: 1000 }]);
    expect(tripLoad(sum, van)).toMatchObject({ weightUsedBp: 2500, volumeUsedBp: 2000 });
    expect(tripLoad(sum, { ...van, capacityCm3: null }).volumeUsedBp).toBeNull();
    expect(basisPoints(1, 3)).toBe(3333);
    expect(basisPoints(2, 3)).toBe(6667);
    expect(basisPoints(5, 0)).toBeNull();
  });

  it("fits up to the capacity exactly, and is refused one gram over, naming kg needed and available", () => {
    expect(() => checkCapacity(sumLoad([{ qty: 1000, weightG: 1000, volumeCm3: 1 }]), van)).not.toThrow();
    try {
      checkCapacity(sumLoad([{ qty: 1, weightG: 1_000_001, volumeCm3: 1 }]), van);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe("delivery.over_capacity");
      expect((e as AppError).details).toMatchObject({ neededKg: 1000, capacityKg: 1000, neededG: 1_000_001 });
    }
  });

  it("checks volume only where the vehicle's is known", () => {
    const bulky = sumLoad([{ qty: 1, weightG: 1, volumeCm3: 6_000_000 }]);
    expect(() => checkCapacity(bulky, van)).toThrow(expect.objectContaining({ code: "delivery.over_volume" }));
    expect(() => checkCapacity(bulky, { ...van, capacityCm3: null })).not.toThrow();
  });
});

describe("cases and pieces", () => {
  const units = [
    { unit: "piece", name: "Piece", name_bn: "পিস", factor: 1 },
    { unit: "pack", name: "Pack of 12", name_bn: "১২ পিসের প্যাক", factor: 12 },
    { unit: "case", name: "Case of 144", name_bn: "কার্টন", factor: 144 },
  ];

  it("count whole cases of the largest pack and the pieces left", () => {
    expect(casesPieces(300, units, "piece")).toMatchObject({ caseUnit: "case", caseFactor: 144, cases: 2, pieces: 12 });
    expect(casesPieces(143, units, "piece")).toMatchObject({ cases: 0, pieces: 143 });
  });

  it("are all pieces for a SKU without packs", () => {
    expect(casesPieces(7, [units[0] as (typeof units)[number]], "piece")).toMatchObject({
      caseUnit: null,
      caseFactor: null,
      cases: 0,
      pieces: 7,
    });
  });
});

describe("small rules", () => {
  it("links to Google Maps directions only when the outlet has a point", () => {
    expect(navigationUrl(23.8103, 90.4125)).toBe("https://www.google.com/maps/dir/?api=1&destination=23.8103,90.4125");
    expect(navigationUrl(null, 90.4)).toBeNull();
  });

  it("reads a registration number the same however it was typed", () => {
    expect(normaliseRegNo("  dhaka metro-na   11-0001 ")).toBe("DHAKA METRO-NA 11-0001");
  });
});
