// Reads of delivered memos and their returns for modules that act on deliveries after the fact (loyalty points,
// surveys after a delivery): what was delivered or returned since a moment, with the outlet's segments.
import { sql } from "kysely";
import type { Executor } from "../db/transaction.ts";

export interface DeliveredOrder {
  orderId: string;
  number: string;
  outletId: string;
  deliveredAt: Date;
  /** Business date (Asia/Dhaka) of the delivery. */
  deliveredOn: string;
  deliveredTotalPoisha: number;
  channel: string;
  outletClass: string;
  /** The territory above the order's route (or the route itself when it has no parent). */
  territoryId: string | null;
}

export async function deliveredOrdersSince(
  db: Executor,
  orgId: string,
  since: Date,
  until: Date,
  limit: number,
): Promise<DeliveredOrder[]> {
  const rows = await db
    .selectFrom("secondary_orders as o")
    .innerJoin("outlets as ou", (j) => j.onRef("ou.org_id", "=", "o.org_id").onRef("ou.id", "=", "o.outlet_id"))
    .leftJoin("territories as r", (j) => j.onRef("r.org_id", "=", "o.org_id").onRef("r.id", "=", "o.route_id"))
    .select([
      "o.id",
      "o.number",
      "o.outlet_id",
      "o.delivered_at",
      "o.delivered_total_poisha",
      "ou.channel",
      "ou.class",
      sql<string | null>`coalesce(r.parent_id, r.id)`.as("territory_id"),
      sql<string>`to_char(o.delivered_at at time zone 'Asia/Dhaka', 'YYYY-MM-DD')`.as("delivered_on"),
    ])
    .where("o.org_id", "=", orgId)
    .where("o.status", "in", ["delivered", "partially_delivered", "returned"])
    .where("o.delivered_at", ">=", since)
    .where("o.delivered_at", "<", until)
    .where("o.delivered_total_poisha", ">", 0)
    .orderBy("o.delivered_at")
    .orderBy("o.id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    orderId: r.id,
    number: r.number,
    outletId: r.outlet_id,
    deliveredAt: r.delivered_at as Date,
    deliveredOn: r.delivered_on,
    deliveredTotalPoisha: r.delivered_total_poisha,
    channel: r.channel,
    outletClass: r.class,
    territoryId: r.territory_id,
  }));
}

export interface OrderReturn {
  returnId: string;
  orderId: string;
  outletId: string;
  createdAt: Date;
  returnedOn: string;
  totalPoisha: number;
  /** What earlier returns of the same memo took back, in order of return. */
  returnedBeforePoisha: number;
  deliveredTotalPoisha: number;
}

export async function returnsSince(
  db: Executor,
  orgId: string,
  since: Date,
  until: Date,
  limit: number,
): Promise<OrderReturn[]> {
  const rows = await db
    .selectFrom("order_returns as rt")
    .innerJoin("secondary_orders as o", (j) => j.onRef("o.org_id", "=", "rt.org_id").onRef("o.id", "=", "rt.order_id"))
    .select([
      "rt.id",
      "rt.order_id",
      "o.outlet_id",
      "rt.created_at",
      "rt.total_poisha",
      "o.delivered_total_poisha",
      sql<string>`to_char(rt.created_at at time zone 'Asia/Dhaka', 'YYYY-MM-DD')`.as("returned_on"),
      sql<string>`coalesce((select sum(e.total_poisha) from order_returns e
        where e.org_id = rt.org_id and e.order_id = rt.order_id
          and (e.created_at, e.id) < (rt.created_at, rt.id)), 0)`.as("before"),
    ])
    .where("rt.org_id", "=", orgId)
    .where("rt.created_at", ">=", since)
    .where("rt.created_at", "<", until)
    .orderBy("rt.created_at")
    .orderBy("rt.id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    returnId: r.id,
    orderId: r.order_id,
    outletId: r.outlet_id,
    createdAt: r.created_at as Date,
    returnedOn: r.returned_on,
    totalPoisha: r.total_poisha,
    returnedBeforePoisha: Number(r.before),
    deliveredTotalPoisha: r.delivered_total_poisha,
  }));
}

/** The outlets' segments (channel, class, territory above their route), for invitations made by hand. */
export async function outletSegments(db: Executor, orgId: string, outletIds: readonly string[]) {
  if (outletIds.length === 0) return [];
  return db
    .selectFrom("outlets as ou")
    .leftJoin("territories as r", (j) => j.onRef("r.org_id", "=", "ou.org_id").onRef("r.id", "=", "ou.route_id"))
    .select(["ou.id", "ou.channel", "ou.class", sql<string | null>`coalesce(r.parent_id, r.id)`.as("territory_id")])
    .where("ou.org_id", "=", orgId)
    .where("ou.id", "in", outletIds)
    .execute();
}
