// The rules of a SKU's pack sizes, pure: the base unit has factor 1 and is the only one that does; every
// larger pack holds a whole number of each smaller one (a case of 144 holds 12 packs of 12, never 10 packs
// of 14.4); the sell-by unit is one of them. Checking each pair of neighbours, smallest first, is enough:
// divisibility carries along the chain.
import { CatalogErrors } from "./catalog.errors.ts";

/** Names of the common pack sizes, used when a unit is given without its own. */
const KNOWN_UNITS: Record<string, { name: string; nameBn: string }> = {
  piece: { name: "Piece", nameBn: "পিস" },
  pack: { name: "Pack", nameBn: "প্যাক" },
  packet: { name: "Packet", nameBn: "প্যাকেট" },
  case: { name: "Case", nameBn: "কেস" },
  carton: { name: "Carton", nameBn: "কার্টন" },
  box: { name: "Box", nameBn: "বক্স" },
  dozen: { name: "Dozen", nameBn: "ডজন" },
  bottle: { name: "Bottle", nameBn: "বোতল" },
  jar: { name: "Jar", nameBn: "জার" },
  bag: { name: "Bag", nameBn: "ব্যাগ" },
  sachet: { name: "Sachet", nameBn: "স্যাশে" },
  strip: { name: "Strip", nameBn: "স্ট্রিপ" },
  tin: { name: "Tin", nameBn: "টিন" },
  kg: { name: "Kg", nameBn: "কেজি" },
  litre: { name: "Litre", nameBn: "লিটার" },
};

export interface UnitInput {
  unit: string;
  factor: number;
  name?: string | undefined;
  nameBn?: string | undefined;
}

export interface UnitRow {
  unit: string;
  name: string;
  name_bn: string;
  factor: number;
}

/** The SKU's units, smallest first, with the base unit added when missing; throws the first rule broken. */
export function checkedUnits(baseUnit: string, units: readonly UnitInput[], sellByUnit: string | null): UnitRow[] {
  const all = units.some((u) => u.unit === baseUnit) ? [...units] : [{ unit: baseUnit, factor: 1 }, ...units];
  const seenUnits = new Set<string>();
  const seenFactors = new Set<number>();
  for (const u of all) {
    if (seenUnits.has(u.unit) || seenFactors.has(u.factor)) throw CatalogErrors.unitDuplicate({ unit: u.unit });
    seenUnits.add(u.unit);
    seenFactors.add(u.factor);
  }
  const base = all.find((u) => u.unit === baseUnit);
  if (base?.factor !== 1) throw CatalogErrors.unitBaseMissing({ unit: baseUnit });
  const sorted = all.sort((a, b) => a.factor - b.factor);
  for (let i = 1; i < sorted.length; i++) {
    const smaller = sorted[i - 1];
    const larger = sorted[i];
    if (smaller && larger && larger.factor % smaller.factor !== 0)
      throw CatalogErrors.unitFactorInconsistent({
        larger: larger.unit,
        largerFactor: larger.factor,
        smaller: smaller.unit,
        smallerFactor: smaller.factor,
      });
  }
  if (sellByUnit !== null && !seenUnits.has(sellByUnit)) throw CatalogErrors.sellByUnknown({ unit: sellByUnit });
  return sorted.map((u) => {
    const known = KNOWN_UNITS[u.unit];
    return {
      unit: u.unit,
      factor: u.factor,
      name: u.name ?? known?.name ?? u.unit,
      name_bn: u.nameBn ?? known?.nameBn ?? u.unit,
    };
  });
}
