// What a trip carries, pure: weight and volume from each SKU's per-base-unit figures (unknown ones are counted as
// lines without, never guessed), the vehicle's capacity, quantities as cases and pieces, the navigation link.
import type { TripLoad } from "../../shared/contracts/delivery.ts";
import { DeliveryErrors } from "./delivery.errors.ts";

export interface LoadLine {
  qty: number;
  weightG: number | null;
  volumeCm3: number | null;
}

export interface LoadSum {
  weightG: number;
  volumeCm3: number;
  lineCount: number;
  linesWithoutWeight: number;
  linesWithoutVolume: number;
}

export function sumLoad(lines: readonly LoadLine[]): LoadSum {
  const sum: LoadSum = { weightG: 0, volumeCm3: 0, lineCount: 0, linesWithoutWeight: 0, linesWithoutVolume: 0 };
  for (const l of lines) {
    sum.lineCount++;
    if (l.weightG === null) sum.linesWithoutWeight++;
    else sum.weightG += l.qty * l.weightG;
    if (l.volumeCm3 === null) sum.linesWithoutVolume++;
    else sum.volumeCm3 += l.qty * l.volumeCm3;
  }
  return sum;
}

export const addLoads = (a: LoadSum, b: LoadSum): LoadSum => ({
  weightG: a.weightG + b.weightG,
  volumeCm3: a.volumeCm3 + b.volumeCm3,
  lineCount: a.lineCount + b.lineCount,
  linesWithoutWeight: a.linesWithoutWeight + b.linesWithoutWeight,
  linesWithoutVolume: a.linesWithoutVolume + b.linesWithoutVolume,
});

export const EMPTY_LOAD: LoadSum = sumLoad([]);

/** part / whole in basis points (10000 = 100 %), rounded half up; null when there is no whole. */
export function basisPoints(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part * 10_000) / whole);
}

export interface Capacity {
  regNo: string;
  capacityG: number;
  capacityCm3: number | null;
}

export function tripLoad(sum: LoadSum, vehicle: Capacity): TripLoad {
  return {
    ...sum,
    capacityG: vehicle.capacityG,
    capacityCm3: vehicle.capacityCm3,
    weightUsedBp: basisPoints(sum.weightG, vehicle.capacityG) ?? 0,
    volumeUsedBp: vehicle.capacityCm3 === null ? null : basisPoints(sum.volumeCm3, vehicle.capacityCm3),
  };
}

/** Kilograms (from grams) and cubic metres (from cm³) to one decimal place, for messages. */
const kg = (g: number) => Math.round(g / 100) / 10;
const m3 = (cm3: number) => Math.round(cm3 / 100_000) / 10;

/** Refuses a load over the vehicle's weight (or, when known, volume) capacity, naming both figures. */
export function checkCapacity(sum: LoadSum, vehicle: Capacity): void {
  if (sum.weightG > vehicle.capacityG)
    throw DeliveryErrors.overWeight({
      regNo: vehicle.regNo,
      neededKg: kg(sum.weightG),
      capacityKg: kg(vehicle.capacityG),
      neededG: sum.weightG,
      capacityG: vehicle.capacityG,
    });
  if (vehicle.capacityCm3 !== null && sum.volumeCm3 > vehicle.capacityCm3)
    throw DeliveryErrors.overVolume({
      regNo: vehicle.regNo,
      neededM3: m3(sum.volumeCm3),
      capacityM3: m3(vehicle.capacityCm3),
      neededCm3: sum.volumeCm3,
      capacityCm3: vehicle.capacityCm3,
    });
}

export interface PackUnit {
  unit: string;
  name: string;
  name_bn: string;
  factor: number;
}

/** A base-unit quantity as whole cases of the SKU's largest pack and the pieces left over. */
export function casesPieces(qty: number, units: readonly PackUnit[], baseUnit: string) {
  const pack = units.reduce<PackUnit | null>(
    (best, u) => (u.factor > 1 && (best === null || u.factor > best.factor) ? u : best),
    null,
  );
  return {
    qty,
    caseUnit: pack?.unit ?? null,
    caseUnitName: pack?.name ?? null,
    caseUnitNameBn: pack?.name_bn ?? null,
    caseFactor: pack?.factor ?? null,
    cases: pack ? Math.floor(qty / pack.factor) : 0,
    pieces: pack ? qty % pack.factor : qty,
    baseUnit,
  };
}

/** Google Maps directions to the outlet from wherever the phone is; none without the outlet's point. */
export function navigationUrl(lat: number | null, lng: number | null): string | null {
  if (lat === null || lng === null) return null;
  return `https://www.google.com/maps/dir/?api=1&destination=${lat},${lng}`;
}

/** Registration numbers compare upper-case with single spaces: the same plate typed twice is one vehicle. */
export const normaliseRegNo = (regNo: string) => regNo.trim().replace(/\s+/g, " ").toUpperCase();
