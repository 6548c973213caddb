// All SQL of distributor stock. The ledger (stock_movements) is appended to; stock_balances and
// stock_batch_balances are its running sums, changed in the same statement batch as the movement rows.
// Rows of stock_balances are locked in sku_id order so that concurrent orders never deadlock.
import { sql } from "kysely";
import { newId } from "../../shared/ids.ts";
import type { StockMovementKind } from "../db/database.ts";
import { searchCondition } from "../db/text-search.ts";
import type { Executor } from "../db/transaction.ts";
import { distributorScopeFilter } from "../network/distributors.repository.ts";
import type { Scope } from "../platform/access.ts";

export interface StockRef {
  refType: string;
  refId: string;
  createdBy: string | null;
  reason?: string | null;
}

export interface SkuQty {
  skuId: string;
  qty: number;
}

/** Sums quantities per SKU and sorts by SKU id: the lock order every writer follows. */
export function bySku(items: readonly SkuQty[]): SkuQty[] {
  const m = new Map<string, number>();
  for (const i of items) m.set(i.skuId, (m.get(i.skuId) ?? 0) + i.qty);
  return [...m].map(([skuId, qty]) => ({ skuId, qty })).sort((a, b) => (a.skuId < b.skuId ? -1 : 1));
}

export interface BalanceRow {
  sku_id: string;
  on_hand: number;
  reserved: number;
  damaged: number;
}

/** Locks the balance rows of these SKUs (creating missing ones at zero) and returns them. */
export async function lockBalances(
  db: Executor,
  orgId: string,
  distributorId: string,
  skuIds: readonly string[],
  { create = true }: { create?: boolean } = {},
): Promise<Map<string, BalanceRow>> {
  const sorted = [...new Set(skuIds)].sort();
  if (sorted.length === 0) return new Map();
  // Creating missing rows first keeps the lock order by SKU for rows that did not exist yet. A reservation
  // passes create: false, since a missing row is no stock at all; that spares the insert, which has to wait
  // for every concurrent writer of the same rows.
  if (create)
    await sql`
      insert into stock_balances (org_id, distributor_id, sku_id)
      select ${orgId}, ${distributorId}, s from unnest(${sorted}::uuid[]) s
      on conflict do nothing`.execute(db);
  const rows = await sql<BalanceRow>`
    select sku_id, on_hand, reserved, damaged from stock_balances
    where org_id = ${orgId} and distributor_id = ${distributorId} and sku_id = any(${sorted}::uuid[])
    order by sku_id
    for update`.execute(db);
  return new Map(rows.rows.map((r) => [r.sku_id, r]));
}

interface MovementRow {
  skuId: string;
  batchId: string | null;
  kind: StockMovementKind;
  onHand?: number;
  reserved?: number;
  damaged?: number;
}

export async function appendMovements(
  db: Executor,
  orgId: string,
  distributorId: string,
  ref: StockRef,
  rows: readonly MovementRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto("stock_movements")
    .values(
      rows.map((r) => ({
        org_id: orgId,
        id: newId(),
        distributor_id: distributorId,
        sku_id: r.skuId,
        batch_id: r.batchId,
        kind: r.kind,
        on_hand_delta: r.onHand ?? 0,
        reserved_delta: r.reserved ?? 0,
        damaged_delta: r.damaged ?? 0,
        reason: ref.reason ?? null,
        ref_type: ref.refType,
        ref_id: ref.refId,
        created_by: ref.createdBy,
      })),
    )
    .execute();
}

/** Sums deltas per key: an UPDATE ... FROM applies only one of several source rows that match a target row. */
function sumBy<T extends Record<string, number | string>>(rows: readonly T[], key: keyof T): T[] {
  const m = new Map<unknown, T>();
  for (const r of rows) {
    const prev = m.get(r[key]);
    if (!prev) m.set(r[key], { ...r });
    else
      for (const [k, v] of Object.entries(r))
        if (typeof v === "number") (prev as Record<string, unknown>)[k] = (prev[k] as number) + v;
  }
  return [...m.values()];
}

/** Adds deltas to the balance rows (already locked by the caller). */
export async function addToBalances(
  db: Executor,
  orgId: string,
  distributorId: string,
  rawDeltas: readonly { skuId: string; onHand: number; reserved: number; damaged: number }[],
): Promise<void> {
  const deltas = sumBy(rawDeltas, "skuId");
  if (deltas.length === 0) return;
  await sql`
    update stock_balances b
    set on_hand = b.on_hand + d.on_hand, reserved = b.reserved + d.reserved, damaged = b.damaged + d.damaged,
        updated_at = now()
    from (
      select unnest(${deltas.map((d) => d.skuId)}::uuid[]) as sku_id,
             unnest(${deltas.map((d) => d.onHand)}::int[]) as on_hand,
             unnest(${deltas.map((d) => d.reserved)}::int[]) as reserved,
             unnest(${deltas.map((d) => d.damaged)}::int[]) as damaged
    ) d
    where b.org_id = ${orgId} and b.distributor_id = ${distributorId} and b.sku_id = d.sku_id`.execute(db);
}

export interface BatchStock {
  batch_id: string;
  sku_id: string;
  batch_no: string;
  expiry_date: string | null;
  on_hand: number;
  damaged: number;
}

/** Batches with saleable stock, first-expiring first (batches without expiry last), locked for update. */
export function lockBatchesFefo(
  db: Executor,
  orgId: string,
  distributorId: string,
  skuIds: readonly string[],
): Promise<BatchStock[]> {
  return batchesFefo(db, orgId, distributorId, skuIds, true);
}

/**
 * The same batches in the same order, read without locking: what an issue would take now (a delivery trip's pick
 * list). One query for both, so the order cannot drift apart.
 */
export async function batchesFefo(
  db: Executor,
  orgId: string,
  distributorId: string,
  skuIds: readonly string[],
  lock = false,
): Promise<BatchStock[]> {
  if (skuIds.length === 0) return [];
  const rows = await sql<BatchStock>`
    select bb.batch_id, bb.sku_id, b.batch_no, b.expiry_date, bb.on_hand, bb.damaged
    from stock_batch_balances bb
    join stock_batches b on b.org_id = bb.org_id and b.id = bb.batch_id
    where bb.org_id = ${orgId} and bb.distributor_id = ${distributorId} and bb.sku_id = any(${[...skuIds]}::uuid[])
      and bb.on_hand > 0
    order by bb.sku_id, b.expiry_date asc nulls last, b.created_at, b.id
    ${lock ? sql`for update of bb` : sql``}`.execute(db);
  return rows.rows;
}

export async function addToBatches(
  db: Executor,
  orgId: string,
  rawDeltas: readonly { batchId: string; onHand: number; damaged: number }[],
): Promise<void> {
  const deltas = sumBy(rawDeltas, "batchId");
  if (deltas.length === 0) return;
  await sql`
    update stock_batch_balances bb
    set on_hand = bb.on_hand + d.on_hand, damaged = bb.damaged + d.damaged
    from (
      select unnest(${deltas.map((d) => d.batchId)}::uuid[]) as batch_id,
             unnest(${deltas.map((d) => d.onHand)}::int[]) as on_hand,
             unnest(${deltas.map((d) => d.damaged)}::int[]) as damaged
    ) d
    where bb.org_id = ${orgId} and bb.batch_id = d.batch_id`.execute(db);
}

/** The batch (created on first use) for a batch number, with its balance row. */
export async function ensureBatch(
  db: Executor,
  orgId: string,
  distributorId: string,
  skuId: string,
  batchNo: string,
  expiryDate: string | null,
): Promise<{ id: string; expiry_date: string | null }> {
  const inserted = await db
    .insertInto("stock_batches")
    .values({
      org_id: orgId,
      id: newId(),
      distributor_id: distributorId,
      sku_id: skuId,
      batch_no: batchNo,
      expiry_date: expiryDate,
    })
    .onConflict((oc) => oc.columns(["org_id", "distributor_id", "sku_id", "batch_no"]).doNothing())
    .returning(["id", "expiry_date"])
    .executeTakeFirst();
  const batch =
    inserted ??
    (await db
      .selectFrom("stock_batches")
      .select(["id", "expiry_date"])
      .where("org_id", "=", orgId)
      .where("distributor_id", "=", distributorId)
      .where("sku_id", "=", skuId)
      .where("batch_no", "=", batchNo)
      .executeTakeFirstOrThrow());
  await db
    .insertInto("stock_batch_balances")
    .values({ org_id: orgId, batch_id: batch.id, distributor_id: distributorId, sku_id: skuId })
    .onConflict((oc) => oc.columns(["org_id", "batch_id"]).doNothing())
    .execute();
  return batch;
}

export async function findBatch(db: Executor, orgId: string, distributorId: string, skuId: string, batchNo: string) {
  return db
    .selectFrom("stock_batches as b")
    .innerJoin("stock_batch_balances as bb", (j) =>
      j.onRef("bb.org_id", "=", "b.org_id").onRef("bb.batch_id", "=", "b.id"),
    )
    .select(["b.id", "b.batch_no", "b.expiry_date", "bb.on_hand", "bb.damaged"])
    .where("b.org_id", "=", orgId)
    .where("b.distributor_id", "=", distributorId)
    .where("b.sku_id", "=", skuId)
    .where("b.batch_no", "=", batchNo)
    .forUpdate()
    .executeTakeFirst();
}

/** The batches an order's deliveries were issued from, per SKU (for returns to go back where they came from). */
export async function issuedBatches(db: Executor, orgId: string, refType: string, refId: string) {
  return db
    .selectFrom("stock_movements")
    .select(["sku_id", "batch_id"])
    .where("org_id", "=", orgId)
    .where("ref_type", "=", refType)
    .where("ref_id", "=", refId)
    .where("kind", "=", "issue")
    .orderBy("id")
    .execute();
}

// --- reads

export async function skuCodes(db: Executor, orgId: string, skuIds: readonly string[]): Promise<Map<string, string>> {
  if (skuIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("skus")
    .select(["id", "code"])
    .where("org_id", "=", orgId)
    .where("id", "in", [...skuIds])
    .execute();
  return new Map(rows.map((r) => [r.id, r.code]));
}

export interface StockListFilter {
  q?: string | undefined;
  outOfStock?: boolean | undefined;
  afterCode?: string | undefined;
  limit: number;
}

export async function listStock(db: Executor, orgId: string, distributorId: string, f: StockListFilter) {
  let q = db
    .selectFrom("stock_balances as sb")
    .innerJoin("skus as s", (j) => j.onRef("s.org_id", "=", "sb.org_id").onRef("s.id", "=", "sb.sku_id"))
    .select((eb) => [
      "sb.distributor_id",
      "sb.sku_id",
      "s.code",
      "s.name",
      "s.name_bn",
      "sb.on_hand",
      "sb.reserved",
      "sb.damaged",
      eb
        .selectFrom("stock_batch_balances as bb")
        .innerJoin("stock_batches as b", (j) => j.onRef("b.org_id", "=", "bb.org_id").onRef("b.id", "=", "bb.batch_id"))
        .select((e) => e.fn.min("b.expiry_date").as("e"))
        .whereRef("bb.org_id", "=", "sb.org_id")
        .whereRef("bb.distributor_id", "=", "sb.distributor_id")
        .whereRef("bb.sku_id", "=", "sb.sku_id")
        .where("bb.on_hand", ">", 0)
        .as("next_expiry"),
    ])
    .where("sb.org_id", "=", orgId)
    .where("sb.distributor_id", "=", distributorId);
  const search = f.q ? searchCondition("s.search_text", f.q) : null;
  if (search) q = q.where(search);
  if (f.outOfStock) q = q.where(sql<boolean>`sb.on_hand - sb.reserved <= 0`);
  if (f.afterCode) q = q.where("s.code", ">", f.afterCode);
  return q
    .orderBy("s.code")
    .limit(f.limit + 1)
    .execute();
}

export async function listMovements(
  db: Executor,
  orgId: string,
  distributorId: string,
  f: { skuId?: string | undefined; kind?: StockMovementKind | undefined; beforeId?: string | undefined; limit: number },
) {
  let q = db
    .selectFrom("stock_movements as m")
    .innerJoin("skus as s", (j) => j.onRef("s.org_id", "=", "m.org_id").onRef("s.id", "=", "m.sku_id"))
    .leftJoin("stock_batches as b", (j) => j.onRef("b.org_id", "=", "m.org_id").onRef("b.id", "=", "m.batch_id"))
    .leftJoin("users as u", (j) => j.onRef("u.org_id", "=", "m.org_id").onRef("u.id", "=", "m.created_by"))
    .leftJoin("secondary_orders as so", (j) =>
      j.onRef("so.org_id", "=", "m.org_id").onRef("so.id", "=", "m.ref_id").on("m.ref_type", "=", "secondary_order"),
    )
    .leftJoin("primary_orders as po", (j) =>
      j.onRef("po.org_id", "=", "m.org_id").onRef("po.id", "=", "m.ref_id").on("m.ref_type", "=", "primary_order"),
    )
    .select([
      "m.id",
      "m.sku_id",
      "s.code as sku_code",
      "b.batch_no",
      "m.kind",
      "m.on_hand_delta",
      "m.reserved_delta",
      "m.damaged_delta",
      "m.reason",
      "m.ref_type",
      "m.ref_id",
      "so.number as so_number",
      "po.number as po_number",
      "u.name as created_by_name",
      "m.created_at",
    ])
    .where("m.org_id", "=", orgId)
    .where("m.distributor_id", "=", distributorId);
  if (f.skuId) q = q.where("m.sku_id", "=", f.skuId);
  if (f.kind) q = q.where("m.kind", "=", f.kind);
  if (f.beforeId) q = q.where("m.id", "<", f.beforeId);
  return q
    .orderBy("m.id", "desc")
    .limit(f.limit + 1)
    .execute();
}

export async function listBatches(db: Executor, orgId: string, distributorId: string, skuId?: string) {
  let q = db
    .selectFrom("stock_batch_balances as bb")
    .innerJoin("stock_batches as b", (j) => j.onRef("b.org_id", "=", "bb.org_id").onRef("b.id", "=", "bb.batch_id"))
    .select(["bb.batch_id", "bb.sku_id", "b.batch_no", "b.expiry_date", "bb.on_hand", "bb.damaged"])
    .where("bb.org_id", "=", orgId)
    .where("bb.distributor_id", "=", distributorId)
    .where((eb) => eb.or([eb("bb.on_hand", ">", 0), eb("bb.damaged", ">", 0)]));
  if (skuId) q = q.where("bb.sku_id", "=", skuId);
  return q.orderBy("bb.sku_id").orderBy("b.expiry_date", "asc").limit(1000).execute();
}

/** Sums of the ledger per SKU, for checks that the cached balances are right. */
export async function ledgerSums(db: Executor, orgId: string, distributorId: string) {
  return db
    .selectFrom("stock_movements")
    .select((eb) => [
      "sku_id",
      eb.fn.sum<number>("on_hand_delta").as("on_hand"),
      eb.fn.sum<number>("reserved_delta").as("reserved"),
      eb.fn.sum<number>("damaged_delta").as("damaged"),
    ])
    .where("org_id", "=", orgId)
    .where("distributor_id", "=", distributorId)
    .groupBy("sku_id")
    .execute();
}

export async function insertStockCount(
  db: Executor,
  count: { orgId: string; id: string; distributorId: string; reason: string; createdBy: string | null },
  lines: readonly { skuId: string; batchId: string | null; systemQty: number; countedQty: number }[],
) {
  await db
    .insertInto("stock_counts")
    .values({
      org_id: count.orgId,
      id: count.id,
      distributor_id: count.distributorId,
      reason: count.reason,
      created_by: count.createdBy,
    })
    .execute();
  await db
    .insertInto("stock_count_lines")
    .values(
      lines.map((l, i) => ({
        org_id: count.orgId,
        count_id: count.id,
        line_no: i + 1,
        sku_id: l.skuId,
        batch_id: l.batchId,
        system_qty: l.systemQty,
        counted_qty: l.countedQty,
      })),
    )
    .execute();
}

// --- scope and lookups for the stock API (added with the stock service)

/** One distributor of the org if the actor's scope covers it (the network's rule, distributorScopeFilter). */
export async function findDistributorInScope(db: Executor, orgId: string, scope: Scope, distributorId: string) {
  return db
    .selectFrom("distributors as d")
    .innerJoin("territories as t", (j) => j.onRef("t.org_id", "=", "d.org_id").onRef("t.id", "=", "d.territory_id"))
    .select(["d.id", "d.code", "d.name", "d.name_bn", "d.archived_at", "t.path as territory_path"])
    .where("d.org_id", "=", orgId)
    .where("d.id", "=", distributorId)
    .where(distributorScopeFilter(db, orgId, scope))
    .executeTakeFirst();
}

/** The SKUs of the org among these ids (unknown ids are absent). */
export async function findSkus(db: Executor, orgId: string, skuIds: readonly string[]) {
  if (skuIds.length === 0) return [];
  return db
    .selectFrom("skus")
    .select(["id", "code", "name", "name_bn"])
    .where("org_id", "=", orgId)
    .where("id", "in", [...skuIds])
    .execute();
}

/** One SKU's balance at a distributor (zeros when it never had stock). */
export async function findStockRow(db: Executor, orgId: string, distributorId: string, skuId: string) {
  return db
    .selectFrom("skus as s")
    .leftJoin("stock_balances as sb", (j) =>
      j.onRef("sb.org_id", "=", "s.org_id").onRef("sb.sku_id", "=", "s.id").on("sb.distributor_id", "=", distributorId),
    )
    .select((eb) => [
      "s.id as sku_id",
      "s.code",
      "s.name",
      "s.name_bn",
      eb.fn.coalesce("sb.on_hand", sql<number>`0`).as("on_hand"),
      eb.fn.coalesce("sb.reserved", sql<number>`0`).as("reserved"),
      eb.fn.coalesce("sb.damaged", sql<number>`0`).as("damaged"),
      eb
        .selectFrom("stock_batch_balances as bb")
        .innerJoin("stock_batches as b", (j) => j.onRef("b.org_id", "=", "bb.org_id").onRef("b.id", "=", "bb.batch_id"))
        .select((e) => e.fn.min("b.expiry_date").as("e"))
        .where("bb.org_id", "=", orgId)
        .where("bb.distributor_id", "=", distributorId)
        .whereRef("bb.sku_id", "=", "s.id")
        .where("bb.on_hand", ">", 0)
        .as("next_expiry"),
    ])
    .where("s.org_id", "=", orgId)
    .where("s.id", "=", skuId)
    .executeTakeFirst();
}

// --- for analytics (days of cover; primary against secondary sales)

/** On hand less reserved per distributor x SKU, for these distributors (rows that exist: a SKU ever stocked). */
export function freeStockOf(db: Executor, orgId: string, distributorIds: readonly string[]) {
  if (distributorIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("stock_balances")
    .select(["distributor_id", "sku_id", sql<number>`(on_hand - reserved)::bigint`.as("free")])
    .where("org_id", "=", orgId)
    .where("distributor_id", "in", [...distributorIds])
    .execute();
}

/**
 * Primary orders the company dispatched to each of these distributors on the business dates (Asia/Dhaka), both
 * included: dispatched ones and those received since; their order totals.
 */
export function primaryDispatchedTotals(
  db: Executor,
  orgId: string,
  f: { distributorIds: readonly string[]; from: string; to: string },
) {
  if (f.distributorIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("primary_orders")
    .select(["distributor_id", sql<number>`sum(total_poisha)::bigint`.as("total")])
    .where("org_id", "=", orgId)
    .where("distributor_id", "in", [...f.distributorIds])
    .where("status", "in", ["dispatched", "received"])
    .where("dispatched_at", ">=", sql<Date>`(${f.from}::date)::timestamp at time zone 'Asia/Dhaka'`)
    .where("dispatched_at", "<", sql<Date>`(${f.to}::date + 1)::timestamp at time zone 'Asia/Dhaka'`)
    .groupBy("distributor_id")
    .execute();
}
