// All SQL of the catalog: brands, categories, SKUs and their pack sizes, price lists and their items, and
// the price resolution query that orders and order entry depend on.
import { type Expression, type SqlBool, sql } from "kysely";
import type { Channel, OutletClass } from "../db/database.ts";
import { searchCondition, searchRank } from "../db/text-search.ts";
import type { Executor } from "../db/transaction.ts";

type Status = "active" | "archived" | "all";

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

// --- brands

export interface ListFilter {
  q?: string | undefined;
  status: Status;
  after?: { code: string; id: string } | undefined;
  limit: number;
}

export async function listBrands(db: Executor, orgId: string, f: ListFilter) {
  let q = db
    .selectFrom("brands as b")
    .select((eb) => [
      "b.id",
      "b.code",
      "b.name",
      "b.name_bn",
      "b.created_at",
      "b.archived_at",
      eb
        .selectFrom("skus as s")
        .select(sql<number>`count(*)::int`.as("n"))
        .whereRef("s.org_id", "=", "b.org_id")
        .whereRef("s.brand_id", "=", "b.id")
        .where("s.archived_at", "is", null)
        .as("sku_count"),
    ])
    .where("b.org_id", "=", orgId);
  if (f.status === "active") q = q.where("b.archived_at", "is", null);
  if (f.status === "archived") q = q.where("b.archived_at", "is not", null);
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    q = q.where((eb) =>
      eb.or([eb("b.name", "ilike", like), eb("b.name_bn", "like", like), eb("b.code", "ilike", like)]),
    );
  }
  if (f.after) {
    const { code, id } = f.after;
    q = q.where((eb) => eb.or([eb("b.code", ">", code), eb.and([eb("b.code", "=", code), eb("b.id", ">", id)])]));
  }
  return q
    .orderBy("b.code")
    .orderBy("b.id")
    .limit(f.limit + 1)
    .execute();
}
export type BrandRow = Awaited<ReturnType<typeof listBrands>>[number];

export function findBrand(db: Executor, orgId: string, id: string) {
  return db.selectFrom("brands").selectAll().where("org_id", "=", orgId).where("id", "=", id).executeTakeFirst();
}

export async function insertBrand(
  db: Executor,
  b: { org_id: string; id: string; code: string; name: string; name_bn: string },
) {
  await db.insertInto("brands").values(b).execute();
}

export async function updateBrand(
  db: Executor,
  orgId: string,
  id: string,
  patch: { code?: string; name?: string; name_bn?: string; archived_at?: Date | null },
) {
  // An empty PATCH changes nothing, and an UPDATE with nothing to SET is not SQL.
  if (Object.keys(patch).length === 0) return;
  await db.updateTable("brands").set(patch).where("org_id", "=", orgId).where("id", "=", id).execute();
}

export async function findCodeOwner(
  db: Executor,
  table: "brands" | "categories" | "skus" | "price_lists",
  orgId: string,
  code: string,
) {
  const row = await db
    .selectFrom(table)
    .select("id")
    .where("org_id", "=", orgId)
    .where("code", "=", code)
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function countActiveSkusUsing(db: Executor, orgId: string, by: { brandId?: string; categoryId?: string }) {
  let q = db
    .selectFrom("skus")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("org_id", "=", orgId)
    .where("archived_at", "is", null);
  if (by.brandId) q = q.where("brand_id", "=", by.brandId);
  if (by.categoryId) q = q.where("category_id", "=", by.categoryId);
  return (await q.executeTakeFirstOrThrow()).n;
}

// --- categories

export async function listCategories(db: Executor, orgId: string, f: ListFilter & { parentId?: string | undefined }) {
  let q = db
    .selectFrom("categories as c")
    .select((eb) => [
      "c.id",
      "c.parent_id",
      "c.code",
      "c.name",
      "c.name_bn",
      "c.created_at",
      "c.archived_at",
      eb
        .selectFrom("skus as s")
        .select(sql<number>`count(*)::int`.as("n"))
        .whereRef("s.org_id", "=", "c.org_id")
        .whereRef("s.category_id", "=", "c.id")
        .where("s.archived_at", "is", null)
        .as("sku_count"),
    ])
    .where("c.org_id", "=", orgId);
  if (f.status === "active") q = q.where("c.archived_at", "is", null);
  if (f.status === "archived") q = q.where("c.archived_at", "is not", null);
  if (f.parentId) q = q.where("c.parent_id", "=", f.parentId);
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    q = q.where((eb) =>
      eb.or([eb("c.name", "ilike", like), eb("c.name_bn", "like", like), eb("c.code", "ilike", like)]),
    );
  }
  if (f.after) {
    const { code, id } = f.after;
    q = q.where((eb) => eb.or([eb("c.code", ">", code), eb.and([eb("c.code", "=", code), eb("c.id", ">", id)])]));
  }
  return q
    .orderBy("c.code")
    .orderBy("c.id")
    .limit(f.limit + 1)
    .execute();
}
export type CategoryRow = Awaited<ReturnType<typeof listCategories>>[number];

export function findCategory(db: Executor, orgId: string, id: string) {
  return db.selectFrom("categories").selectAll().where("org_id", "=", orgId).where("id", "=", id).executeTakeFirst();
}

/** Ids from a category up to its root, itself first (the tree is small; depth is bounded for safety). */
export async function categoryAncestors(db: Executor, orgId: string, id: string): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    with recursive up(id, parent_id, depth) as (
      select id, parent_id, 0 from categories where org_id = ${orgId} and id = ${id}
      union all
      select c.id, c.parent_id, up.depth + 1 from categories c
        join up on c.org_id = ${orgId} and c.id = up.parent_id
      where up.depth < 50
    )
    select id from up order by depth`.execute(db);
  return rows.rows.map((r) => r.id);
}

export async function countActiveChildren(db: Executor, orgId: string, id: string) {
  const row = await db
    .selectFrom("categories")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("org_id", "=", orgId)
    .where("parent_id", "=", id)
    .where("archived_at", "is", null)
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function insertCategory(
  db: Executor,
  c: { org_id: string; id: string; parent_id: string | null; code: string; name: string; name_bn: string },
) {
  await db.insertInto("categories").values(c).execute();
}

export async function updateCategory(
  db: Executor,
  orgId: string,
  id: string,
  patch: { code?: string; name?: string; name_bn?: string; parent_id?: string | null; archived_at?: Date | null },
) {
  // An empty PATCH changes nothing, and an UPDATE with nothing to SET is not SQL.
  if (Object.keys(patch).length === 0) return;
  await db.updateTable("categories").set(patch).where("org_id", "=", orgId).where("id", "=", id).execute();
}

// --- SKUs

function skusWithNames(db: Executor) {
  return db
    .selectFrom("skus as s")
    .innerJoin("brands as b", (j) => j.onRef("b.org_id", "=", "s.org_id").onRef("b.id", "=", "s.brand_id"))
    .innerJoin("categories as c", (j) => j.onRef("c.org_id", "=", "s.org_id").onRef("c.id", "=", "s.category_id"))
    .select([
      "s.id",
      "s.code",
      "s.name",
      "s.name_bn",
      "s.brand_id",
      "s.category_id",
      "s.barcode",
      "s.base_unit",
      "s.vat_rate_bp",
      "s.sell_by_unit",
      "s.weight_g",
      "s.volume_cm3",
      "s.search_text",
      "s.created_at",
      "s.updated_at",
      "s.archived_at",
      "b.name as brand_name",
      "b.name_bn as brand_name_bn",
      "c.name as category_name",
      "c.name_bn as category_name_bn",
    ]);
}
export type SkuRow = Awaited<ReturnType<typeof findSku>> & object;

export function findSku(db: Executor, orgId: string, id: string) {
  return skusWithNames(db).where("s.org_id", "=", orgId).where("s.id", "=", id).executeTakeFirst();
}

export interface SkuFilter {
  q?: string | undefined;
  brandId?: string | undefined;
  categoryId?: string | undefined;
  status: Status;
  sort: "code" | "name" | "updated";
  /** Keyset: continue after (rank, sort value, id). */
  after?: { rank: number; key: string; id: string } | undefined;
  limit: number;
}

const SKU_SORT_KEY = {
  code: sql<string>`s.code`,
  name: sql<string>`s.name`,
  // Newest change first: the key is inverted so that one ascending keyset serves every sort.
  updated: sql<string>`to_char(s.updated_at at time zone 'UTC', 'YYYYMMDDHH24MISSUS')`,
} as const;

export async function listSkus(db: Executor, orgId: string, f: SkuFilter) {
  // A query of nothing searchable ("🛒", "-") filters nothing and ranks nothing, like no query.
  const searching = f.q ? searchCondition("s.search_text", f.q) : null;
  const rank = searching && f.q ? searchRank("s.search_text", f.q) : sql<number>`0`;
  const key = SKU_SORT_KEY[f.sort];
  const descending = f.sort === "updated";
  let q = skusWithNames(db)
    .select([rank.as("rank"), key.as("sort_key")])
    .where("s.org_id", "=", orgId);
  if (f.status === "active") q = q.where("s.archived_at", "is", null);
  if (f.status === "archived") q = q.where("s.archived_at", "is not", null);
  if (f.brandId) q = q.where("s.brand_id", "=", f.brandId);
  if (f.categoryId) {
    // A category filter includes its sub-categories.
    const sub = sql<string>`(
      with recursive down(id) as (
        select id from categories where org_id = ${orgId} and id = ${f.categoryId}
        union all
        select c.id from categories c join down on c.org_id = ${orgId} and c.parent_id = down.id
      ) select id from down)`;
    q = q.where(sql<SqlBool>`s.category_id in ${sub}`);
  }
  if (searching) q = q.where(searching);
  if (f.after) {
    const { rank: r, key: k, id } = f.after;
    const cmp = descending ? sql.raw("<") : sql.raw(">");
    const byKey = sql<SqlBool>`(${key} ${cmp} ${k} or (${key} = ${k} and s.id > ${id}))`;
    q = q.where(searching ? sql<SqlBool>`(${rank} > ${r} or (${rank} = ${r} and ${byKey}))` : byKey);
  }
  // Without a query every rank is 0: ordering by it would only cost time (and a bare 0 is a column position).
  if (searching) q = q.orderBy(rank);
  return q
    .orderBy(key, descending ? "desc" : "asc")
    .orderBy("s.id")
    .limit(f.limit + 1)
    .execute();
}

export function findSkuUnits(db: Executor, orgId: string, skuIds: readonly string[]) {
  if (skuIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("sku_units")
    .select(["sku_id", "unit", "name", "name_bn", "factor"])
    .where("org_id", "=", orgId)
    .where("sku_id", "in", skuIds)
    .orderBy("sku_id")
    .orderBy("factor")
    .execute();
}

export async function findSkuByBarcode(db: Executor, orgId: string, barcode: string) {
  return db
    .selectFrom("skus")
    .select(["id", "code"])
    .where("org_id", "=", orgId)
    .where("barcode", "=", barcode)
    .executeTakeFirst();
}

export interface NewSkuRow {
  org_id: string;
  id: string;
  code: string;
  name: string;
  name_bn: string;
  brand_id: string;
  category_id: string;
  barcode: string | null;
  base_unit: string;
  vat_rate_bp: number;
  sell_by_unit: string | null;
  weight_g?: number | null;
  volume_cm3?: number | null;
  search_text: string;
}

export async function insertSku(db: Executor, s: NewSkuRow) {
  await db.insertInto("skus").values(s).execute();
}

export async function updateSku(
  db: Executor,
  orgId: string,
  id: string,
  patch: Partial<Omit<NewSkuRow, "org_id" | "id">> & { archived_at?: Date | null },
) {
  await db
    .updateTable("skus")
    .set({ ...patch, updated_at: sql<Date>`now()` })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

export async function replaceSkuUnits(
  db: Executor,
  orgId: string,
  skuId: string,
  units: readonly { unit: string; name: string; name_bn: string; factor: number }[],
) {
  await db.deleteFrom("sku_units").where("org_id", "=", orgId).where("sku_id", "=", skuId).execute();
  if (units.length)
    await db
      .insertInto("sku_units")
      .values(units.map((u) => ({ org_id: orgId, sku_id: skuId, ...u })))
      .execute();
}

/** Every SKU for an order: the ones asked for, archived or not (the caller decides), with their units. */
export async function skusForOrder(db: Executor, orgId: string, skuIds: readonly string[]) {
  if (skuIds.length === 0) return [];
  return db
    .selectFrom("skus as s")
    .select((eb) => [
      "s.id",
      "s.code",
      "s.name",
      "s.name_bn",
      "s.vat_rate_bp",
      "s.sell_by_unit",
      "s.archived_at",
      unitsJson(eb.ref("s.id")).as("units"),
    ])
    .where("s.org_id", "=", orgId)
    .where("s.id", "in", skuIds)
    .execute();
}

/** A SKU's pack sizes as a JSON array, smallest first, in the same row (one query for a whole catalog). */
function unitsJson(skuId: Expression<string>) {
  return sql<{ unit: string; name: string; name_bn: string; factor: number }[]>`coalesce((
    select json_agg(json_build_object('unit', u.unit, 'name', u.name, 'name_bn', u.name_bn, 'factor', u.factor)
                    order by u.factor)
    from sku_units u where u.org_id = s.org_id and u.sku_id = ${skuId}), '[]'::json)`;
}

/** The order book's SKUs: every active one with brand and units, in one query. */
export function orderBookSkus(db: Executor, orgId: string) {
  return db
    .selectFrom("skus as s")
    .innerJoin("brands as b", (j) => j.onRef("b.org_id", "=", "s.org_id").onRef("b.id", "=", "s.brand_id"))
    .select((eb) => [
      "s.id",
      "s.code",
      "s.name",
      "s.name_bn",
      "s.brand_id",
      "b.name as brand_name",
      "b.name_bn as brand_name_bn",
      "s.barcode",
      "s.base_unit",
      "s.vat_rate_bp",
      "s.sell_by_unit",
      "s.search_text",
      unitsJson(eb.ref("s.id")).as("units"),
    ])
    .where("s.org_id", "=", orgId)
    .where("s.archived_at", "is", null)
    .orderBy("s.code")
    .execute();
}

export function skusByCodes(db: Executor, orgId: string, codes: readonly string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("skus")
    .select(["id", "code", "archived_at"])
    .where("org_id", "=", orgId)
    .where("code", "in", codes)
    .execute();
}

export async function existingSkuIds(db: Executor, orgId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom("skus").select("id").where("org_id", "=", orgId).where("id", "in", ids).execute();
  return new Set(rows.map((r) => r.id));
}

// --- price lists

function priceListsWithNames(db: Executor) {
  return db
    .selectFrom("price_lists as p")
    .leftJoin("territories as t", (j) => j.onRef("t.org_id", "=", "p.org_id").onRef("t.id", "=", "p.territory_id"))
    .leftJoin("distributors as d", (j) => j.onRef("d.org_id", "=", "p.org_id").onRef("d.id", "=", "p.distributor_id"))
    .select((eb) => [
      "p.id",
      "p.code",
      "p.name",
      "p.name_bn",
      "p.channel",
      "p.tier",
      "p.territory_id",
      "p.distributor_id",
      "p.valid_from",
      "p.valid_to",
      "p.prices_include_vat",
      "p.created_at",
      "p.updated_at",
      "p.archived_at",
      "t.name as territory_name",
      "t.name_bn as territory_name_bn",
      "d.name as distributor_name",
      "d.name_bn as distributor_name_bn",
      eb
        .selectFrom("price_list_items as i")
        .select(sql<number>`count(*)::int`.as("n"))
        .whereRef("i.org_id", "=", "p.org_id")
        .whereRef("i.price_list_id", "=", "p.id")
        .as("item_count"),
    ]);
}
export type PriceListRow = Awaited<ReturnType<typeof findPriceList>> & object;

export function findPriceList(db: Executor, orgId: string, id: string) {
  return priceListsWithNames(db).where("p.org_id", "=", orgId).where("p.id", "=", id).executeTakeFirst();
}

export interface PriceListFilter {
  q?: string | undefined;
  channel?: Channel | undefined;
  tier?: OutletClass | undefined;
  distributorId?: string | undefined;
  /** Only org-wide lists and this distributor's own (what a distributor's user may see). */
  seenByDistributor?: string | undefined;
  inForceOn?: string | undefined;
  status: Status;
  after?: { code: string; id: string } | undefined;
  limit: number;
}

export async function listPriceLists(db: Executor, orgId: string, f: PriceListFilter) {
  let q = priceListsWithNames(db).where("p.org_id", "=", orgId);
  if (f.status === "active") q = q.where("p.archived_at", "is", null);
  if (f.status === "archived") q = q.where("p.archived_at", "is not", null);
  if (f.channel) q = q.where("p.channel", "=", f.channel);
  if (f.tier) q = q.where("p.tier", "=", f.tier);
  if (f.distributorId) q = q.where("p.distributor_id", "=", f.distributorId);
  const seenBy = f.seenByDistributor;
  if (seenBy) q = q.where((eb) => eb.or([eb("p.distributor_id", "is", null), eb("p.distributor_id", "=", seenBy)]));
  if (f.inForceOn) {
    const d = f.inForceOn;
    q = q
      .where("p.valid_from", "<=", d)
      .where((eb) => eb.or([eb("p.valid_to", "is", null), eb("p.valid_to", ">=", d)]));
  }
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    q = q.where((eb) =>
      eb.or([eb("p.name", "ilike", like), eb("p.name_bn", "like", like), eb("p.code", "ilike", like)]),
    );
  }
  if (f.after) {
    const { code, id } = f.after;
    q = q.where((eb) => eb.or([eb("p.code", ">", code), eb.and([eb("p.code", "=", code), eb("p.id", ">", id)])]));
  }
  return q
    .orderBy("p.code")
    .orderBy("p.id")
    .limit(f.limit + 1)
    .execute();
}

export interface PriceListValues {
  code: string;
  name: string;
  name_bn: string;
  channel: Channel | null;
  tier: OutletClass | null;
  territory_id: string | null;
  distributor_id: string | null;
  valid_from: string;
  valid_to: string | null;
  prices_include_vat: boolean;
}

export async function insertPriceList(db: Executor, orgId: string, id: string, v: PriceListValues) {
  await db
    .insertInto("price_lists")
    .values({ org_id: orgId, id, ...v })
    .execute();
}

export async function updatePriceList(
  db: Executor,
  orgId: string,
  id: string,
  patch: Partial<PriceListValues> & { archived_at?: Date | null },
) {
  await db
    .updateTable("price_lists")
    .set({ ...patch, updated_at: sql<Date>`now()` })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

export function listPriceListItems(db: Executor, orgId: string, priceListId: string) {
  return db
    .selectFrom("price_list_items as i")
    .innerJoin("skus as s", (j) => j.onRef("s.org_id", "=", "i.org_id").onRef("s.id", "=", "i.sku_id"))
    .select([
      "i.sku_id",
      "s.code as sku_code",
      "s.name as sku_name",
      "s.name_bn as sku_name_bn",
      "s.vat_rate_bp",
      "i.mrp_poisha",
      "i.retailer_price_poisha",
      "i.retailer_margin_bp",
      "i.distributor_price_poisha",
      "i.distributor_margin_bp",
    ])
    .where("i.org_id", "=", orgId)
    .where("i.price_list_id", "=", priceListId)
    .orderBy("s.code")
    .execute();
}
export type PriceListItemRow = Awaited<ReturnType<typeof listPriceListItems>>[number];

export interface PriceItemValues {
  sku_id: string;
  mrp_poisha: number;
  retailer_price_poisha: number | null;
  retailer_margin_bp: number | null;
  distributor_price_poisha: number | null;
  distributor_margin_bp: number | null;
}

/** Inserts or replaces items, in chunks to stay under the bind-parameter limit. */
export async function upsertPriceListItems(
  db: Executor,
  orgId: string,
  priceListId: string,
  items: readonly PriceItemValues[],
) {
  for (let i = 0; i < items.length; i += 1000) {
    const chunk = items.slice(i, i + 1000);
    await db
      .insertInto("price_list_items")
      .values(chunk.map((it) => ({ org_id: orgId, price_list_id: priceListId, ...it })))
      .onConflict((oc) =>
        oc.columns(["org_id", "price_list_id", "sku_id"]).doUpdateSet((eb) => ({
          mrp_poisha: eb.ref("excluded.mrp_poisha"),
          retailer_price_poisha: eb.ref("excluded.retailer_price_poisha"),
          retailer_margin_bp: eb.ref("excluded.retailer_margin_bp"),
          distributor_price_poisha: eb.ref("excluded.distributor_price_poisha"),
          distributor_margin_bp: eb.ref("excluded.distributor_margin_bp"),
        })),
      )
      .execute();
  }
}

export async function deletePriceListItems(
  db: Executor,
  orgId: string,
  priceListId: string,
  skuIds: readonly string[],
) {
  if (skuIds.length === 0) return;
  await db
    .deleteFrom("price_list_items")
    .where("org_id", "=", orgId)
    .where("price_list_id", "=", priceListId)
    .where("sku_id", "in", skuIds)
    .execute();
}

export async function touchPriceList(db: Executor, orgId: string, id: string) {
  await db
    .updateTable("price_lists")
    .set({ updated_at: sql<Date>`now()` })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

// --- price resolution

export interface PriceQuery {
  /** Null: every SKU that any matching list prices (the order book). */
  skuIds: readonly string[] | null;
  date: string;
  channel: string | null;
  tier: string | null;
  territoryPath: string | null;
  distributorId: string | null;
}

/**
 * The winning price list item per SKU, in one query. A list takes part when it is in force on the date
 * (valid_from <= date <= valid_to, open-ended when valid_to is null), is not archived, and each of its
 * targets is either unset or matches: channel, tier, territory (the outlet's route path lies inside the
 * list's territory) and distributor. Among those the most specific wins, compared in this order:
 *   1. a distributor override beats everything else;
 *   2. then the deepest territory override (a district list beats its division's list beats none);
 *   3. then channel and tier together, then channel alone, then tier alone, then a default list;
 *   4. ties go to the latest valid_from (the newer price), then the higher id (the later created list).
 */
export async function resolvePriceRows(db: Executor, orgId: string, q: PriceQuery) {
  if (q.skuIds !== null && q.skuIds.length === 0) return [];
  const skuFilter = q.skuIds === null ? sql`` : sql`and i.sku_id in (${sql.join(q.skuIds)})`;
  const rows = await sql<{
    sku_id: string;
    price_list_id: string;
    mrp_poisha: number;
    retailer_price_poisha: number | null;
    retailer_margin_bp: number | null;
    distributor_price_poisha: number | null;
    distributor_margin_bp: number | null;
    prices_include_vat: boolean;
    vat_rate_bp: number;
  }>`
    select distinct on (i.sku_id)
      i.sku_id, p.id as price_list_id, i.mrp_poisha, i.retailer_price_poisha, i.retailer_margin_bp,
      i.distributor_price_poisha, i.distributor_margin_bp, p.prices_include_vat, s.vat_rate_bp
    from price_list_items i
    join price_lists p on p.org_id = i.org_id and p.id = i.price_list_id
    join skus s on s.org_id = i.org_id and s.id = i.sku_id
    left join territories t on t.org_id = p.org_id and t.id = p.territory_id
    where i.org_id = ${orgId} ${skuFilter}
      and p.archived_at is null
      and p.valid_from <= ${q.date}::date
      and (p.valid_to is null or p.valid_to >= ${q.date}::date)
      and (p.channel is null or p.channel = ${q.channel}::text)
      and (p.tier is null or p.tier = ${q.tier}::text)
      and (p.territory_id is null or left(${q.territoryPath}::text, length(t.path)) = t.path)
      and (p.distributor_id is null or p.distributor_id = ${q.distributorId}::uuid)
    order by i.sku_id,
      (p.distributor_id is not null) desc,
      coalesce(length(t.path), 0) desc,
      (p.channel is not null and p.tier is not null) desc,
      (p.channel is not null) desc,
      (p.tier is not null) desc,
      p.valid_from desc,
      p.id desc`.execute(db);
  return rows.rows;
}

// --- the outlet an order book is for (read-only; the network module owns outlets)

/** An outlet's pricing facts: channel, class, route path and serving distributor. */
export function findOutletPricingFacts(db: Executor, orgId: string, outletId: string) {
  return db
    .selectFrom("outlets as o")
    .leftJoin("territories as r", (j) => j.onRef("r.org_id", "=", "o.org_id").onRef("r.id", "=", "o.route_id"))
    .select(["o.id", "o.channel", "o.class", "o.distributor_id", "r.path as route_path", "o.archived_at"])
    .where("o.org_id", "=", orgId)
    .where("o.id", "=", outletId)
    .executeTakeFirst();
}

export function findTerritoryPath(db: Executor, orgId: string, territoryId: string) {
  return db
    .selectFrom("territories")
    .select("path")
    .where("org_id", "=", orgId)
    .where("id", "=", territoryId)
    .executeTakeFirst()
    .then((r) => r?.path ?? null);
}

// --- what the field app caches

/**
 * The field app's SKUs with brand and units: every active one, or with `changedSince` only those changed after
 * it, archived ones included (so the phone can drop them).
 */
export function fieldSkus(db: Executor, orgId: string, changedSince: Date | null) {
  let q = db
    .selectFrom("skus as s")
    .innerJoin("brands as b", (j) => j.onRef("b.org_id", "=", "s.org_id").onRef("b.id", "=", "s.brand_id"))
    .select((eb) => [
      "s.id",
      "s.code",
      "s.name",
      "s.name_bn",
      "b.name as brand_name",
      "b.name_bn as brand_name_bn",
      "s.base_unit",
      "s.vat_rate_bp",
      "s.search_text",
      "s.archived_at",
      unitsJson(eb.ref("s.id")).as("units"),
    ])
    .where("s.org_id", "=", orgId);
  q = changedSince ? q.where("s.updated_at", ">", changedSince) : q.where("s.archived_at", "is", null);
  return q.orderBy("s.code").execute();
}

/**
 * Which values of each pricing dimension any price list in force on `date` names: a channel, class, distributor
 * or territory that no list names cannot change a price.
 */
export function pricingDimensions(db: Executor, orgId: string, date: string) {
  return db
    .selectFrom("price_lists as p")
    .select(["p.channel", "p.tier", "p.distributor_id", "p.territory_id"])
    .distinct()
    .where("p.org_id", "=", orgId)
    .where("p.archived_at", "is", null)
    .where("p.valid_from", "<=", date)
    .where((eb) => eb.or([eb("p.valid_to", "is", null), eb("p.valid_to", ">=", date)]))
    .execute();
}

/**
 * Whether any price changed after `since`: a price list (or its items, which touch it) created, edited or
 * archived, or a list that came into or went out of force between `sinceDate` and `today`.
 */
export async function pricesChangedSince(db: Executor, orgId: string, since: Date, sinceDate: string, today: string) {
  const row = await db
    .selectFrom("price_lists")
    .select("id")
    .where("org_id", "=", orgId)
    .where((eb) =>
      eb.or([
        eb("updated_at", ">", since),
        eb("created_at", ">", since),
        eb.and([eb("valid_from", ">", sinceDate), eb("valid_from", "<=", today)]),
        eb.and([eb("valid_to", ">=", sinceDate), eb("valid_to", "<", today)]),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
