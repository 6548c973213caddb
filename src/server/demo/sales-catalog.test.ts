import { describe, expect, it } from "vitest";
import {
  BRANDS,
  CATALOG_SKUS,
  CATEGORIES,
  ean13CheckDigit,
  packedWeightVolume,
  pickCatalogSkus,
} from "./sales-catalog.ts";

const BENGALI = /[\u0980-\u09FF]/;

describe("the demo catalogue", () => {
  it("has 150 SKUs with unique codes and barcodes", () => {
    expect(CATALOG_SKUS).toHaveLength(150);
    expect(new Set(CATALOG_SKUS.map((s) => s.code)).size).toBe(150);
    expect(new Set(CATALOG_SKUS.map((s) => s.barcode)).size).toBe(150);
  });

  it("gives every SKU a valid made-up EAN-13 in the 2xx range", () => {
    expect(ean13CheckDigit("400638133393")).toBe(1); // a published example: 4006381333931
    for (const s of CATALOG_SKUS) {
      expect(s.barcode).toMatch(/^2\d{12}$/);
      expect(Number(s.barcode[12])).toBe(ean13CheckDigit(s.barcode.slice(0, 12)));
    }
  });

  it("names every brand, category and SKU in English and Bengali", () => {
    for (const x of [...BRANDS, ...CATEGORIES, ...CATALOG_SKUS]) {
      expect(x.en).toMatch(/^[A-Za-z]/);
      expect(x.bn).toMatch(BENGALI);
    }
  });

  it("sells by the piece with packs and cases that are whole multiples, and a few by the case only", () => {
    for (const s of CATALOG_SKUS) {
      const piece = s.units.find((u) => u.unit === "piece");
      const pack = s.units.find((u) => u.unit === "pack");
      const kase = s.units.find((u) => u.unit === "case");
      expect(piece?.factor).toBe(1);
      expect(kase?.factor).toBeGreaterThan(1);
      if (pack) expect((kase?.factor ?? 0) % pack.factor).toBe(0);
      expect(s.mrpPoisha % 100).toBe(0);
      expect(s.shelfLifeMonths).toBeGreaterThanOrEqual(6);
    }
    const caseOnly = CATALOG_SKUS.filter((s) => s.sellByUnit === "case");
    expect(caseOnly.length).toBeGreaterThanOrEqual(5);
  });

  it("charges VAT at 15 % mostly, 5 % on some foods and none on flour, rice and salt", () => {
    const rates = new Map<number, number>();
    for (const s of CATALOG_SKUS) rates.set(s.vatBp, (rates.get(s.vatBp) ?? 0) + 1);
    expect([...rates.keys()].sort((a, b) => a - b)).toEqual([0, 500, 1500]);
    expect(rates.get(1500) ?? 0).toBeGreaterThan(75);
    for (const s of CATALOG_SKUS.filter((x) => x.category === "FD-SALT" || x.category === "FD-FLOR")) {
      expect(s.vatBp).toBe(0);
    }
  });

  it("picks a smaller range spread over the categories", () => {
    const twelve = pickCatalogSkus(12);
    expect(twelve).toHaveLength(12);
    expect(new Set(twelve.map((s) => s.category)).size).toBeGreaterThanOrEqual(8);
    expect(pickCatalogSkus(500)).toHaveLength(150);
  });
});

describe("shipping weight and volume", () => {
  it("follow the pack size: contents plus packaging, liquids about a gram per ml", () => {
    expect(packedWeightVolume("100g")).toEqual({ weightG: 110, volumeCm3: 160 });
    expect(packedWeightVolume("2kg")).toEqual({ weightG: 2200, volumeCm3: 2800 });
    expect(packedWeightVolume("500ml")).toEqual({ weightG: 550, volumeCm3: 625 });
    expect(packedWeightVolume("5L")).toEqual({ weightG: 5400, volumeCm3: 6000 });
    expect(packedWeightVolume("1pc")).toEqual({ weightG: 20, volumeCm3: 90 });
  });

  it("are known and positive for every SKU", () => {
    for (const s of CATALOG_SKUS) {
      expect(s.weightG).toBeGreaterThan(0);
      expect(s.volumeCm3).toBeGreaterThan(0);
    }
  });
});
