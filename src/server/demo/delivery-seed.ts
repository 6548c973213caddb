// The demo's delivery fleet (S8): two or three vehicles per distributor (a covered van, a pickup, now and then a
// rickshaw van for the lanes), the demo driver working for the demo distributor's business, and today's trip.
import type { Db, Executor } from "../db/transaction.ts";
import { assignableOrders, assignOrders, createTrip, listVehicles } from "../delivery/delivery.service.ts";
import { invoiceOrder, listSecondaryOrders } from "../orders/orders.service.ts";
import { systemCtx } from "../platform/context.ts";
import { AppError } from "../platform/errors.ts";
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

/**
 * Today's trip of the demo distributor, planned with a few of its invoiced orders (yesterday's memos), so the trip
 * screens and the driver's app have something to show at once. Made through the delivery use cases as head office
 * would; skipped quietly when there is nothing to load.
 */
export async function planDemoTrip(
  db: Db,
  input: { orgId: string; driverUserId: string; distributorUserId: string },
): Promise<void> {
  const ctx = systemCtx(db, input.orgId);
  const { ofUser: distributorId } = await distributorsOf(db, input.orgId, input.distributorUserId);
  if (!distributorId) return;
  const [vehicle] = (await listVehicles(ctx, { distributorId, includeArchived: false })).items;
  if (!vehicle) return;
  const trip = await createTrip(ctx, { vehicleId: vehicle.id, driverUserId: input.driverUserId });
  let orders = await assignableOrders(ctx, trip.id, { limit: 5 });
  if (orders.items.length === 0) {
    // Yesterday's memos of this distributor may all be confirmed still: the distributor invoices a few, as it would.
    const confirmed = await listSecondaryOrders(ctx, { status: "confirmed", distributorId, limit: 3 });
    for (const o of confirmed.items) await invoiceOrder(ctx, o.id);
    orders = await assignableOrders(ctx, trip.id, { limit: 5 });
  }
  if (orders.items.length === 0) return;
  try {
    await assignOrders(ctx, trip.id, { orderIds: orders.items.map((o) => o.orderId) });
  } catch (e) {
    // Too much for the van: the trip stays planned and empty, for a person to fill.
    if (!(e instanceof AppError)) throw e;
  }
}
