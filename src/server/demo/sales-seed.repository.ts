// Bulk inserts for the demo's secondary-sales data. A million order lines and their ledger rows are too many
// for one INSERT ... VALUES per row, so each batch of rows goes in as one INSERT ... SELECT FROM unnest() with
// one array parameter per column: one round trip and one statement plan per few thousand rows, on
// PostgreSQL and PGlite alike.
import { type Insertable, sql } from "kysely";
import type { Database } from "../db/database.ts";
import type { Executor } from "../db/transaction.ts";

/** The PostgreSQL type of each column the seed writes, for the array casts. */
const COLUMNS = {
  brands: { org_id: "uuid", id: "uuid", code: "text", name: "text", name_bn: "text" },
  categories: { org_id: "uuid", id: "uuid", parent_id: "uuid", code: "text", name: "text", name_bn: "text" },
  skus: {
    org_id: "uuid",
    id: "uuid",
    code: "text",
    name: "text",
    name_bn: "text",
    brand_id: "uuid",
    category_id: "uuid",
    barcode: "text",
    base_unit: "text",
    vat_rate_bp: "int4",
    sell_by_unit: "text",
    weight_g: "int4",
    volume_cm3: "int4",
    search_text: "text",
  },
  sku_units: { org_id: "uuid", sku_id: "uuid", unit: "text", name: "text", name_bn: "text", factor: "int4" },
  price_lists: {
    org_id: "uuid",
    id: "uuid",
    code: "text",
    name: "text",
    name_bn: "text",
    channel: "text",
    tier: "text",
    territory_id: "uuid",
    distributor_id: "uuid",
    valid_from: "date",
    valid_to: "date",
    prices_include_vat: "bool",
  },
  price_list_items: {
    org_id: "uuid",
    price_list_id: "uuid",
    sku_id: "uuid",
    mrp_poisha: "int8",
    retailer_price_poisha: "int8",
    retailer_margin_bp: "int4",
    distributor_price_poisha: "int8",
    distributor_margin_bp: "int4",
  },
  distributors: {
    org_id: "uuid",
    id: "uuid",
    code: "text",
    name: "text",
    name_bn: "text",
    trade_licence: "text",
    bin: "text",
    owner_name: "text",
    phone: "text",
    address: "text",
    territory_id: "uuid",
    credit_limit_poisha: "int8",
    credit_days: "int4",
    search_text: "text",
  },
  distributor_territories: { org_id: "uuid", distributor_id: "uuid", territory_id: "uuid" },
  outlets: {
    org_id: "uuid",
    id: "uuid",
    code: "text",
    name: "text",
    name_bn: "text",
    owner_name: "text",
    phone: "text",
    address: "text",
    division: "text",
    district: "text",
    upazila: "text",
    lat: "float8",
    lng: "float8",
    channel: "text",
    class: "text",
    credit_limit_poisha: "int8",
    distributor_id: "uuid",
    route_id: "uuid",
    search_text: "text",
  },
  outlet_assignments: {
    org_id: "uuid",
    id: "uuid",
    outlet_id: "uuid",
    distributor_id: "uuid",
    route_id: "uuid",
    effective_from: "date",
  },
  route_assignments: { org_id: "uuid", id: "uuid", route_id: "uuid", rep_user_id: "uuid", effective_from: "date" },
  beat_days: { org_id: "uuid", route_id: "uuid", weekday: "int2" },
  must_sell_skus: { org_id: "uuid", sku_id: "uuid" },
  document_counters: { org_id: "uuid", series: "text", next_value: "int8" },
  stock_batches: {
    org_id: "uuid",
    id: "uuid",
    distributor_id: "uuid",
    sku_id: "uuid",
    batch_no: "text",
    expiry_date: "date",
    created_at: "timestamptz",
  },
  stock_movements: {
    org_id: "uuid",
    id: "uuid",
    distributor_id: "uuid",
    sku_id: "uuid",
    batch_id: "uuid",
    kind: "text",
    on_hand_delta: "int4",
    reserved_delta: "int4",
    damaged_delta: "int4",
    reason: "text",
    ref_type: "text",
    ref_id: "uuid",
    created_by: "uuid",
    created_at: "timestamptz",
  },
  stock_balances: {
    org_id: "uuid",
    distributor_id: "uuid",
    sku_id: "uuid",
    on_hand: "int4",
    reserved: "int4",
    damaged: "int4",
  },
  stock_batch_balances: {
    org_id: "uuid",
    batch_id: "uuid",
    distributor_id: "uuid",
    sku_id: "uuid",
    on_hand: "int4",
    damaged: "int4",
  },
  secondary_orders: {
    org_id: "uuid",
    id: "uuid",
    number: "text",
    outlet_id: "uuid",
    distributor_id: "uuid",
    route_id: "uuid",
    territory_path: "text",
    rep_user_id: "uuid",
    created_by: "uuid",
    source: "text",
    status: "text",
    order_date: "date",
    price_list_id: "uuid",
    subtotal_poisha: "int8",
    vat_poisha: "int8",
    total_poisha: "int8",
    delivered_total_poisha: "int8",
    returned_total_poisha: "int8",
    line_count: "int4",
    cancel_reason: "text",
    invoice_number: "text",
    confirmed_at: "timestamptz",
    invoiced_at: "timestamptz",
    dispatched_at: "timestamptz",
    delivered_at: "timestamptz",
    cancelled_at: "timestamptz",
    created_at: "timestamptz",
    updated_at: "timestamptz",
  },
  secondary_order_lines: {
    org_id: "uuid",
    order_id: "uuid",
    line_no: "int4",
    sku_id: "uuid",
    entered_qty: "int4",
    entered_unit: "text",
    qty: "int4",
    unit_price_poisha: "int8",
    gross_poisha: "int8",
    vat_rate_bp: "int4",
    vat_poisha: "int8",
    total_poisha: "int8",
    delivered_qty: "int4",
    returned_qty: "int4",
  },
  secondary_order_events: {
    org_id: "uuid",
    id: "uuid",
    order_id: "uuid",
    from_status: "text",
    to_status: "text",
    actor_user_id: "uuid",
    note: "text",
    at: "timestamptz",
  },
  order_returns: {
    org_id: "uuid",
    id: "uuid",
    number: "text",
    order_id: "uuid",
    reason: "text",
    total_poisha: "int8",
    created_by: "uuid",
    created_at: "timestamptz",
  },
  order_return_lines: {
    org_id: "uuid",
    return_id: "uuid",
    line_no: "int4",
    sku_id: "uuid",
    qty: "int4",
    condition: "text",
    amount_poisha: "int8",
  },
  receivable_entries: {
    org_id: "uuid",
    id: "uuid",
    outlet_id: "uuid",
    distributor_id: "uuid",
    order_id: "uuid",
    payment_id: "uuid",
    return_id: "uuid",
    kind: "text",
    amount_poisha: "int8",
    entry_date: "date",
    due_date: "date",
    created_at: "timestamptz",
  },
  payments: {
    org_id: "uuid",
    id: "uuid",
    number: "text",
    outlet_id: "uuid",
    distributor_id: "uuid",
    order_id: "uuid",
    method: "text",
    reference: "text",
    amount_poisha: "int8",
    received_on: "date",
    received_by: "uuid",
    created_at: "timestamptz",
  },
  primary_orders: {
    org_id: "uuid",
    id: "uuid",
    number: "text",
    distributor_id: "uuid",
    status: "text",
    order_date: "date",
    subtotal_poisha: "int8",
    vat_poisha: "int8",
    total_poisha: "int8",
    line_count: "int4",
    submitted_at: "timestamptz",
    approved_at: "timestamptz",
    dispatched_at: "timestamptz",
    received_at: "timestamptz",
    created_at: "timestamptz",
    updated_at: "timestamptz",
  },
  primary_order_lines: {
    org_id: "uuid",
    order_id: "uuid",
    line_no: "int4",
    sku_id: "uuid",
    entered_qty: "int4",
    entered_unit: "text",
    qty: "int4",
    unit_price_poisha: "int8",
    gross_poisha: "int8",
    vat_rate_bp: "int4",
    vat_poisha: "int8",
    total_poisha: "int8",
    received_qty: "int4",
  },
  vehicles: {
    org_id: "uuid",
    id: "uuid",
    distributor_id: "uuid",
    reg_no: "text",
    name: "text",
    capacity_g: "int8",
    capacity_cm3: "int8",
  },
} as const;

export type SeedTable = keyof typeof COLUMNS;

/** A row as the seed builds it: exactly the columns above (the rest take their defaults). */
export type SeedRow<T extends SeedTable> = {
  [K in keyof (typeof COLUMNS)[T] & keyof Insertable<Database[T]>]: Insertable<Database[T]>[K];
};

const ROWS_PER_STATEMENT = 5000;

/** Inserts rows in statements of a few thousand rows each, one array parameter per column. */
export async function insertSeedRows<T extends SeedTable>(
  db: Executor,
  table: T,
  rows: readonly SeedRow<T>[],
): Promise<void> {
  const columns = Object.entries(COLUMNS[table]) as [string, string][];
  // The history runs to today: a memo the simulation stamps later today (say 14:00 when the seed runs at 01:00) is
  // stamped now instead, or it would look changed to every later reader until that hour came.
  const now = new Date();
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + ROWS_PER_STATEMENT) as readonly Record<string, unknown>[];
    const arrays = columns.map(([name, type]) => {
      const values = chunk.map((r) => {
        const v = r[name];
        return v instanceof Date ? (v > now ? now : v).toISOString() : (v ?? null);
      });
      return sql`${values}::${sql.raw(type)}[]`;
    });
    await sql`insert into ${sql.table(table)} (${sql.join(columns.map(([name]) => sql.ref(name)))})
      select * from unnest(${sql.join(arrays)})`.execute(db);
  }
}

/**
 * Turns off the foreign-key triggers for the rest of the transaction, when the database role may (superuser:
 * the embedded database, and the usual local server). A bulk load of generated rows is several times faster
 * without a lookup per reference; the generator's rows are checked with the triggers on in its database test
 * (sales-seed.db.test.ts), and NOT NULL, CHECK and UNIQUE constraints still apply here. Returns whether it did.
 */
export async function skipReferenceChecks(db: Executor): Promise<boolean> {
  const r = await sql<{ may: boolean }>`select rolsuper as may from pg_roles where rolname = current_user`.execute(db);
  if (!r.rows[0]?.may) return false;
  await sql`set local session_replication_role = replica`.execute(db);
  return true;
}

/** The distributors of an organisation, in code order, and the one a user acts for. */
export async function distributorsOf(db: Executor, orgId: string, userId: string) {
  const [all, user] = await Promise.all([
    db.selectFrom("distributors").select("id").where("org_id", "=", orgId).orderBy("code").execute(),
    db
      .selectFrom("users")
      .select("distributor_id")
      .where("org_id", "=", orgId)
      .where("id", "=", userId)
      .executeTakeFirst(),
  ]);
  return { ids: all.map((d) => d.id), ofUser: user?.distributor_id ?? null };
}

/** Who the demo's targets are set for: the reps (active users), the distributors and the regions, in a stable order. */
export async function peopleForTradeDemo(db: Executor, orgId: string) {
  const [reps, distributors, regions] = await Promise.all([
    db
      .selectFrom("users")
      .select("id")
      .where("org_id", "=", orgId)
      .where("role", "=", "rep")
      .where("deactivated_at", "is", null)
      .orderBy("id")
      .execute(),
    db.selectFrom("distributors").select("id").where("org_id", "=", orgId).orderBy("code").execute(),
    db
      .selectFrom("territories")
      .select("id")
      .where("org_id", "=", orgId)
      .where("level", "=", "region")
      .orderBy("path")
      .execute(),
  ]);
  return {
    reps: reps.map((r) => r.id),
    distributors: distributors.map((d) => d.id),
    regions: regions.map((r) => r.id),
  };
}

/** Links a fixed demo user to the distributor or outlet they act for. */
export async function linkDemoUser(
  db: Executor,
  orgId: string,
  userId: string,
  link: { distributorId?: string; outletId?: string; phone?: string | null },
): Promise<void> {
  await db
    .updateTable("users")
    .set({
      ...(link.distributorId !== undefined && { distributor_id: link.distributorId }),
      ...(link.outletId !== undefined && { outlet_id: link.outletId }),
      ...(link.phone !== undefined && { phone: link.phone }),
    })
    .where("org_id", "=", orgId)
    .where("id", "=", userId)
    .execute();
}

/** Planner statistics for every table, after a bulk load. */
export async function refreshPlannerStatistics(db: Executor): Promise<void> {
  await sql`analyze`.execute(db);
}

/** Where the CRM demo's records go: the demo rep's and manager's territories and the shops and distributor they serve. */
export async function placesForCrmDemo(
  db: Executor,
  orgId: string,
  users: { rep: string; manager: string; retailer: string; distributor: string },
) {
  const people = await db
    .selectFrom("users")
    .select(["id", "territory_id", "outlet_id", "distributor_id"])
    .where("org_id", "=", orgId)
    .where("id", "in", [users.rep, users.manager, users.retailer, users.distributor])
    .execute();
  const of = (id: string) => people.find((p) => p.id === id);
  const repTerritoryId = of(users.rep)?.territory_id ?? null;
  const outlets = repTerritoryId
    ? await db
        .selectFrom("outlets as o")
        .innerJoin("territories as r", (j) => j.onRef("r.org_id", "=", "o.org_id").onRef("r.id", "=", "o.route_id"))
        .select("o.id")
        .where("o.org_id", "=", orgId)
        .where("r.parent_id", "=", repTerritoryId)
        .orderBy("o.code")
        .limit(6)
        .execute()
    : [];
  return {
    repTerritoryId,
    managerTerritoryId: of(users.manager)?.territory_id ?? null,
    retailerOutletId: of(users.retailer)?.outlet_id ?? null,
    distributorId: of(users.distributor)?.distributor_id ?? null,
    repOutletIds: outlets.map((o) => o.id),
  };
}
