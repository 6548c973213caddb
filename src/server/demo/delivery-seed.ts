// The demo's delivery fleet (S8): two or three vehicles per distributor (a covered van, a pickup, now and then a
// rickshaw van for the lanes), and the demo driver working for the demo distributor's business.
import type { Executor } from "../db/transaction.ts";
import { distributorsOf, insertSeedRows, linkDemoUser } from "./sales-seed.repository.ts";
import type { Rng } from "./seeded-random.ts";

const DHAKA_SERIES = ["DHAKA METRO-NA", "DHAKA METRO-THA", "DHAKA METRO-MA", "GAZIPUR-NA", "NARAYANGANJ-THA"];

/** Kinds of vehicle with their usual payload (grams) and load space (cm³). */
const KINDS = [
  { name: "Covered van (Tata 407)", nameBn: "ঢাকা ভ্যান", capacityG: 2_500_000, capacityCm3: 14_000_000 },
  { name: "Pickup (1 t)", nameBn: "পিকআপ", capacityG: 1_000_000, capacityCm3: 5_000_000 },
  { name: "Rickshaw van", nameBn: "রিকশা ভ্যান", capacityG: 300_000, capacityCm3: 1_500_000 },
] as const;

export async function seedDeliveryFleet(
  db: Executor,
  input: { orgId: string; rng: Rng; epoch: Date; driverUserId: string; distributorUserId: string },
): Promise<{ vehicles: number }> {
  const { orgId, rng } = input;
  const distributors = await distributorsOf(db, orgId, input.distributorUserId);
  const rows = distributors.ids.flatMap((distributorId, d) => {
    const count = rng.int(2, 3);
    return Array.from({ length: count }, (_, i) => {
      const kind = KINDS[i] ?? KINDS[1];
      const series = rng.pick(DHAKA_SERIES);
      return {
        org_id: orgId,
        id: rng.uuidv7At(input.epoch),
        distributor_id: distributorId,
        // Serials are unique by construction (distributor and vehicle index), as registration numbers must be.
        reg_no: `${series} ${String(11 + (d % 89)).padStart(2, "0")}-${String(1000 + d * 3 + i).padStart(4, "0")}`,
        name: `${kind.name} · ${kind.nameBn}`,
        capacity_g: kind.capacityG,
        capacity_cm3: kind.capacityCm3,
      };
    });
  });
  await insertSeedRows(db, "vehicles", rows);
  if (distributors.ofUser) await linkDemoUser(db, orgId, input.driverUserId, { distributorId: distributors.ofUser });
  return { vehicles: rows.length };
}
