// Reads and writes of the promotions module: campaigns, schemes, the budget and per-outlet usage counters, and the
// grants (what each confirmed order was given by each scheme).
import { type Insertable, sql, type Updateable } from "kysely";
import type { PromoCampaignsTable, PromoGrantsTable, PromoSchemesTable } from "../db/database.ts";
import type { Executor } from "../db/transaction.ts";

// --- schemes

export type SchemeRow = Awaited<ReturnType<typeof findScheme>> & object;

export function findScheme(db: Executor, orgId: string, id: string, lock = false) {
  let q = db
    .selectFrom("promo_schemes")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .where("archived_at", "is", null);
  if (lock) q = q.forNoKeyUpdate();
  return q.executeTakeFirst();
}

export async function insertScheme(db: Executor, row: Insertable<PromoSchemesTable>) {
  const r = await db
    .insertInto("promo_schemes")
    .values(row)
    .onConflict((oc) => oc.columns(["org_id", "code"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return r !== undefined;
}

export async function updateScheme(db: Executor, orgId: string, id: string, set: Updateable<PromoSchemesTable>) {
  await db
    .updateTable("promo_schemes")
    .set({ ...set, updated_at: new Date() })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

export interface SchemeFilter {
  status?: string | undefined;
  campaignId?: string | undefined;
  facing?: string | undefined;
  q?: string | undefined;
  /** Only ids below this (newest first). */
  before?: string | undefined;
}

/** The org's schemes, newest first; the caller narrows them by scope (targeting is jsonb, a handful of rows). */
export function listSchemes(db: Executor, orgId: string, f: SchemeFilter) {
  let q = db
    .selectFrom("promo_schemes")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("archived_at", "is", null)
    .orderBy("id", "desc");
  if (f.status) q = q.where("status", "=", f.status as "active");
  if (f.campaignId) q = q.where("campaign_id", "=", f.campaignId);
  if (f.facing) q = q.where("facing", "=", f.facing as "secondary");
  if (f.before) q = q.where("id", "<", f.before);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb("code", "ilike", like), eb("name", "ilike", like), eb("name_bn", "ilike", like)]));
  }
  return q.execute();
}

/** Active schemes whose period holds the date (status and period: the engine still checks the period itself). */
export function schemesInForce(db: Executor, orgId: string, facing: "secondary" | "primary", date: string) {
  return db
    .selectFrom("promo_schemes")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("status", "=", "active")
    .where("archived_at", "is", null)
    .where("facing", "=", facing)
    .where("valid_from", "<=", date)
    .where("valid_to", ">=", date)
    .execute();
}

export function schemesByIds(db: Executor, orgId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("promo_schemes")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "in", [...ids])
    .execute();
}

/** Of these schemes, those capped per outlet that this outlet has used up. */
export async function cappedForOutlet(db: Executor, orgId: string, outletId: string, schemeIds: readonly string[]) {
  if (schemeIds.length === 0) return [];
  const rows = await db
    .selectFrom("promo_scheme_outlet_usage as u")
    .innerJoin("promo_schemes as s", (j) => j.onRef("s.org_id", "=", "u.org_id").onRef("s.id", "=", "u.scheme_id"))
    .select("u.scheme_id")
    .where("u.org_id", "=", orgId)
    .where("u.outlet_id", "=", outletId)
    .where("u.scheme_id", "in", [...schemeIds])
    .where("s.per_outlet_cap_poisha", "is not", null)
    .whereRef("u.spent_poisha", ">=", "s.per_outlet_cap_poisha")
    .execute();
  return rows.map((r) => r.scheme_id);
}

// --- budgets: charged at commit by a trigger on promo_grants (migration 2026-11-24-22)

/** Fires the budget charges of the grants this transaction made (deferred to commit otherwise) now. */
export async function chargeBudgetsNow(db: Executor) {
  await sql`set constraints promo_grants_charge_budget immediate`.execute(db);
}

/** A budget set on a scheme that had none: its active grants count against it from now on. */
export async function chargeActiveGrantsToBudget(db: Executor, orgId: string, schemeId: string) {
  await db
    .updateTable("promo_grants")
    .set({ charges_budget: true })
    .where("org_id", "=", orgId)
    .where("scheme_id", "=", schemeId)
    .where("status", "=", "active")
    .execute();
}

/** A cap set on a scheme that had none: each outlet's usage becomes what its active grants cost. */
export async function countActiveGrantsInOutletUsage(db: Executor, orgId: string, schemeId: string) {
  await db
    .insertInto("promo_scheme_outlet_usage")
    .columns(["org_id", "scheme_id", "outlet_id", "spent_poisha"])
    .expression((eb) =>
      eb
        .selectFrom("promo_grants")
        .select(["org_id", "scheme_id", "outlet_id", sql<number>`sum(cost_poisha)`.as("spent_poisha")])
        .where("org_id", "=", orgId)
        .where("scheme_id", "=", schemeId)
        .where("status", "=", "active")
        .groupBy(["org_id", "scheme_id", "outlet_id"]),
    )
    .onConflict((oc) =>
      oc
        .columns(["org_id", "scheme_id", "outlet_id"])
        .doUpdateSet({ spent_poisha: (eb) => eb.ref("excluded.spent_poisha") }),
    )
    .execute();
}

/** Adds cost to what the outlet has had from the scheme if it stays within the cap. */
export async function reserveOutletUsage(
  db: Executor,
  orgId: string,
  schemeId: string,
  outletId: string,
  cost: number,
  cap: number,
) {
  if (cost > cap) return false;
  const r = await db
    .insertInto("promo_scheme_outlet_usage")
    .values({ org_id: orgId, scheme_id: schemeId, outlet_id: outletId, spent_poisha: cost })
    .onConflict((oc) =>
      oc
        .columns(["org_id", "scheme_id", "outlet_id"])
        .doUpdateSet({ spent_poisha: sql`promo_scheme_outlet_usage.spent_poisha + ${cost}` })
        .where(sql<boolean>`promo_scheme_outlet_usage.spent_poisha + ${cost} <= ${cap}`),
    )
    .returning("scheme_id")
    .executeTakeFirst();
  return r !== undefined;
}

export async function releaseOutletUsage(
  db: Executor,
  orgId: string,
  schemeId: string,
  outletId: string,
  cost: number,
) {
  await db
    .updateTable("promo_scheme_outlet_usage")
    .set({ spent_poisha: sql`greatest(spent_poisha - ${cost}, 0)` })
    .where("org_id", "=", orgId)
    .where("scheme_id", "=", schemeId)
    .where("outlet_id", "=", outletId)
    .execute();
}

// --- grants

export async function insertGrants(db: Executor, rows: Insertable<PromoGrantsTable>[]) {
  if (rows.length === 0) return;
  await db.insertInto("promo_grants").values(rows).execute();
}

export function activeGrantsOfOrder(db: Executor, orgId: string, orderId: string) {
  return db
    .selectFrom("promo_grants")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("order_id", "=", orderId)
    .where("status", "=", "active")
    .orderBy("scheme_id")
    .execute();
}

export function grantsOfOrder(db: Executor, orgId: string, orderId: string) {
  return db
    .selectFrom("promo_grants as g")
    .innerJoin("promo_schemes as s", (j) => j.onRef("s.org_id", "=", "g.org_id").onRef("s.id", "=", "g.scheme_id"))
    .select([
      "g.scheme_id",
      "g.discount_poisha",
      "g.free_value_poisha",
      "g.cost_poisha",
      "g.status",
      "s.code",
      "s.name",
      "s.name_bn",
      "s.claimable",
    ])
    .where("g.org_id", "=", orgId)
    .where("g.order_id", "=", orderId)
    .orderBy("s.code")
    .orderBy("g.created_at")
    .execute();
}

export async function markGrantReleased(db: Executor, orgId: string, grantId: string) {
  await db
    .updateTable("promo_grants")
    .set({ status: "released", released_at: new Date() })
    .where("org_id", "=", orgId)
    .where("id", "=", grantId)
    .where("status", "=", "active")
    .execute();
}

/** Total and count of the active grants of these schemes. */
export async function grantTotals(db: Executor, orgId: string, schemeIds: readonly string[]) {
  if (schemeIds.length === 0) return { cost: 0, grants: 0 };
  const r = await db
    .selectFrom("promo_grants")
    .select([sql<string>`coalesce(sum(cost_poisha), 0)`.as("cost"), sql<string>`count(*)`.as("grants")])
    .where("org_id", "=", orgId)
    .where("scheme_id", "in", [...schemeIds])
    .where("status", "=", "active")
    .executeTakeFirstOrThrow();
  return { cost: Number(r.cost), grants: Number(r.grants) };
}

/** What the active grants of each of these schemes cost. */
export async function grantCostBySchemes(db: Executor, orgId: string, schemeIds: readonly string[]) {
  if (schemeIds.length === 0) return new Map<string, number>();
  const rows = await db
    .selectFrom("promo_grants")
    .select(["scheme_id", sql<string>`sum(cost_poisha)`.as("cost")])
    .where("org_id", "=", orgId)
    .where("scheme_id", "in", [...schemeIds])
    .where("status", "=", "active")
    .groupBy("scheme_id")
    .execute();
  return new Map(rows.map((r) => [r.scheme_id, Number(r.cost)]));
}

// --- campaigns

export function findCampaign(db: Executor, orgId: string, id: string) {
  return db
    .selectFrom("promo_campaigns")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .where("archived_at", "is", null)
    .executeTakeFirst();
}

export async function insertCampaign(db: Executor, row: Insertable<PromoCampaignsTable>) {
  await db.insertInto("promo_campaigns").values(row).execute();
}

export async function updateCampaign(db: Executor, orgId: string, id: string, set: Updateable<PromoCampaignsTable>) {
  await db
    .updateTable("promo_campaigns")
    .set({ ...set, updated_at: new Date() })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

export function listCampaigns(
  db: Executor,
  orgId: string,
  f: { status?: string | undefined; before?: string | undefined; limit: number },
) {
  let q = db
    .selectFrom("promo_campaigns")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("archived_at", "is", null)
    .orderBy("id", "desc")
    .limit(f.limit);
  if (f.status) q = q.where("status", "=", f.status as "active");
  if (f.before) q = q.where("id", "<", f.before);
  return q.execute();
}

export async function schemeIdsOfCampaigns(db: Executor, orgId: string, campaignIds: readonly string[]) {
  if (campaignIds.length === 0) return [];
  return db
    .selectFrom("promo_schemes")
    .select(["id", "campaign_id"])
    .where("org_id", "=", orgId)
    .where("campaign_id", "in", [...campaignIds])
    .where("archived_at", "is", null)
    .orderBy("id")
    .execute();
}
