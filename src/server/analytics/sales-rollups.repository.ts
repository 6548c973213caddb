// All SQL of the sales rollups: the queue the orders module writes to, the batch the worker takes, the upserts
// that add deltas, and the rebuild from the orders. What a memo line contributes is defined once, in
// LINE_FACTS / DELIVERED_POISHA below, and used by both the incremental path and the rebuild.
import { type RawBuilder, sql } from "kysely";
import type { SalesRollupQueueTable } from "../db/database.ts";
import type { Executor } from "../db/transaction.ts";

export type SalesChange = SalesRollupQueueTable["change"];

/** One advisory lock for every writer of the rollups: the worker (which skips when busy) and the rebuild (which waits). */
const ROLLUP_LOCK = 61_724_011;

/** A short line's value delivered: its total pro rata, rounded half away from zero (numeric round). */
const DELIVERED_POISHA = sql`round(l.total_poisha::numeric * l.delivered_qty / l.qty)::bigint`;

/** Statuses whose memos count as ordered: confirmed and everything after, but not cancelled. */
const COUNTED = sql`o.status not in ('draft', 'cancelled')`;

export async function enqueue(
  tx: Executor,
  row: { orgId: string; orderId: string; change: SalesChange; returnId?: string | null },
) {
  await tx
    .insertInto("sales_rollup_queue")
    .values({ org_id: row.orgId, order_id: row.orderId, change: row.change, return_id: row.returnId ?? null })
    .execute();
}

export async function tryLockRollups(tx: Executor): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${ROLLUP_LOCK}) as ok`.execute(tx);
  return r.rows[0]?.ok === true;
}

export async function lockRollups(tx: Executor) {
  await sql`select pg_advisory_xact_lock(${ROLLUP_LOCK})`.execute(tx);
}

export interface QueuedChange {
  id: string;
  org_id: string;
  order_id: string;
  change: SalesChange;
  return_id: string | null;
}

/** The oldest queued changes, locked; a committed change is always visible here, an uncommitted one never. */
export async function claimBatch(tx: Executor, limit: number): Promise<QueuedChange[]> {
  const r = await sql<QueuedChange>`
    select id::text, org_id, order_id, change, return_id from sales_rollup_queue
    order by id limit ${limit} for update skip locked`.execute(tx);
  return r.rows;
}

export async function deleteQueued(tx: Executor, ids: readonly string[]) {
  if (ids.length === 0) return;
  await sql`delete from sales_rollup_queue where id = any(${sql.val(ids)}::bigint[])`.execute(tx);
}

/** What one memo line (or return line) contributes, keyed for every rollup. */
export interface LineFact {
  queue_id: string;
  org_id: string;
  day: string;
  territory_path: string;
  distributor_id: string;
  outlet_id: string;
  sku_id: string;
  change: SalesChange;
  qty: number;
  poisha: number;
}

/**
 * The line facts of a batch of changes. confirmed/cancelled: the line's quantity and total; delivered: the
 * delivered quantity and its pro rata value; returned: the return's own lines. Facts that never change after the
 * change was queued (lines are fixed once confirmed, delivery happens once, returns are appended), so reading them
 * later gives what the change was.
 */
export async function factsOf(tx: Executor, batch: readonly QueuedChange[]): Promise<LineFact[]> {
  if (batch.length === 0) return [];
  const ids = sql.val(batch.map((b) => b.id));
  const orgs = sql.val(batch.map((b) => b.org_id));
  const orders = sql.val(batch.map((b) => b.order_id));
  const changes = sql.val(batch.map((b) => b.change));
  const returns = sql.val(batch.map((b) => b.return_id));
  const r = await sql<LineFact>`
    with b as (
      select * from unnest(${ids}::text[], ${orgs}::uuid[], ${orders}::uuid[], ${changes}::text[], ${returns}::uuid[])
        as b(queue_id, org_id, order_id, change, return_id)
    )
    select b.queue_id, b.org_id, o.order_date::text as day, o.territory_path, o.distributor_id, o.outlet_id,
           l.sku_id, b.change,
           case when b.change = 'delivered' then l.delivered_qty else l.qty end as qty,
           case when b.change = 'delivered' then ${DELIVERED_POISHA} else l.total_poisha end as poisha
    from b
    join secondary_orders o on o.org_id = b.org_id and o.id = b.order_id
    join secondary_order_lines l on l.org_id = o.org_id and l.order_id = o.id
    where b.change <> 'returned' and (b.change <> 'delivered' or l.delivered_qty > 0)
    union all
    select b.queue_id, b.org_id, o.order_date::text, o.territory_path, o.distributor_id, o.outlet_id,
           r.sku_id, b.change, r.qty, r.amount_poisha
    from b
    join order_returns rt on rt.org_id = b.org_id and rt.id = b.return_id
    join secondary_orders o on o.org_id = rt.org_id and o.id = rt.order_id
    join order_return_lines r on r.org_id = rt.org_id and r.return_id = rt.id
    where b.change = 'returned'`.execute(tx);
  return r.rows;
}

export interface Measures {
  orders: number;
  order_lines: number;
  ordered_qty: number;
  ordered_poisha: number;
  delivered_qty: number;
  delivered_poisha: number;
  returned_qty: number;
  returned_poisha: number;
}

/** The additive measures every rollup row carries (the day x outlet and day x territory rollups add `orders`). */
export const MEASURES = [
  "order_lines",
  "ordered_qty",
  "ordered_poisha",
  "delivered_qty",
  "delivered_poisha",
  "returned_qty",
  "returned_poisha",
] as const;

export type RollupTable = "sales_daily" | "sku_sales_by_node" | "territory_sales_daily" | "outlet_sales_daily";

export const ROLLUP_TABLES: readonly RollupTable[] = [
  "sales_daily",
  "sku_sales_by_node",
  "territory_sales_daily",
  "outlet_sales_daily",
];

const KEYS: Record<RollupTable, readonly string[]> = {
  sales_daily: ["org_id", "day", "territory_path", "distributor_id", "sku_id"],
  sku_sales_by_node: ["org_id", "node_path", "day", "sku_id"],
  territory_sales_daily: ["org_id", "day", "territory_path", "distributor_id"],
  outlet_sales_daily: ["org_id", "day", "outlet_id", "territory_path", "distributor_id"],
};

const KEY_TYPES: Record<string, string> = {
  org_id: "uuid",
  day: "date",
  node_path: "text",
  territory_path: "text",
  distributor_id: "uuid",
  sku_id: "uuid",
  outlet_id: "uuid",
};

export type DeltaRow = Record<string, string> & Measures;

/** Adds deltas to a rollup: one statement for the whole batch (arrays unnested), summing into existing rows. */
export async function addDeltas(tx: Executor, table: RollupTable, rows: readonly DeltaRow[]) {
  if (rows.length === 0) return;
  const keys = KEYS[table];
  const cols = [...keys, ...(hasOrders(table) ? ["orders"] : []), ...MEASURES];
  const arrays = columnArrays(cols, rows);
  const colList = sql.raw(cols.join(", "));
  const updates = sql.raw(
    cols
      .filter((c) => !keys.includes(c))
      .map((c) => `${c} = ${table}.${c} + excluded.${c}`)
      .join(", "),
  );
  await sql`
    insert into ${sql.table(table)} (${colList})
    select * from unnest(${sql.join(arrays)})
    on conflict (${sql.raw(keys.join(", "))}) do update set ${updates}`.execute(tx);
}

const hasOrders = (table: RollupTable) => table === "territory_sales_daily" || table === "outlet_sales_daily";

function columnArrays(cols: readonly string[], rows: readonly DeltaRow[]) {
  return cols.map((c) => {
    const type = KEY_TYPES[c] ?? (c === "orders" || c === "order_lines" ? "integer" : "bigint");
    return sql`${sql.val(rows.map((r) => (r as Record<string, unknown>)[c]))}::${sql.raw(type)}[]`;
  });
}

/** Drops these rows where a cancellation brought them back to nothing, so the rollups hold what a rebuild would. */
export async function pruneEmpty(tx: Executor, table: RollupTable, rows: readonly DeltaRow[]) {
  if (rows.length === 0) return;
  const keys = KEYS[table];
  const empty = sql.raw([...MEASURES, ...(hasOrders(table) ? ["orders"] : [])].map((m) => `t.${m} = 0`).join(" and "));
  const match = sql.raw(keys.map((k) => `t.${k} = k.${k}`).join(" and "));
  await sql`
    delete from ${sql.table(table)} t
    using unnest(${sql.join(columnArrays(keys, rows))}) as k(${sql.raw(keys.join(", "))})
    where ${match} and ${empty}`.execute(tx);
}

export async function markApplied(tx: Executor, orgIds: readonly string[]) {
  if (orgIds.length === 0) return;
  await sql`
    insert into sales_rollup_state (org_id, applied_at)
    select unnest(${sql.val(orgIds)}::uuid[]), now()
    on conflict (org_id) do update set applied_at = excluded.applied_at`.execute(tx);
}

/**
 * Recomputes every rollup of one org from its orders, in ONE statement: the queued changes it deletes and the
 * orders it reads come from the same snapshot, so a change committed meanwhile is either in the rebuild (and its
 * queue row deleted) or left queued for the worker, never both. The caller holds the rollup lock and has deleted
 * the org's rollup rows first.
 */
export async function rebuild(tx: Executor, orgId: string) {
  const r = await sql<{ queued: number; daily: number; outlet: number; territory: number; nodes: number }>`
    with q as (delete from sales_rollup_queue where org_id = ${orgId} returning 1),
    facts as (
      select o.order_date as day, o.territory_path, o.distributor_id, o.outlet_id, o.id as order_id, l.sku_id,
             1 as order_lines, l.qty::bigint as ordered_qty, l.total_poisha as ordered_poisha,
             l.delivered_qty::bigint as delivered_qty, ${DELIVERED_POISHA} as delivered_poisha,
             0::bigint as returned_qty, 0::bigint as returned_poisha
      from secondary_orders o
      join secondary_order_lines l on l.org_id = o.org_id and l.order_id = o.id
      where o.org_id = ${orgId} and ${COUNTED}
      union all
      select o.order_date, o.territory_path, o.distributor_id, o.outlet_id, null, r.sku_id,
             0, 0, 0, 0, 0, r.qty, r.amount_poisha
      from order_returns rt
      join secondary_orders o on o.org_id = rt.org_id and o.id = rt.order_id
      join order_return_lines r on r.org_id = rt.org_id and r.return_id = rt.id
      where rt.org_id = ${orgId}
    ),
    daily as (
      insert into sales_daily (org_id, day, territory_path, distributor_id, sku_id, ${sql.raw(MEASURES.join(", "))})
      select ${orgId}::uuid, day, territory_path, distributor_id, sku_id, ${sums()}
      from facts group by day, territory_path, distributor_id, sku_id
      returning *
    ),
    nodes as (
      -- Each route's line once at every node above it: '/a/b/c/' counts at '/a/', '/a/b/' and '/a/b/c/'.
      insert into sku_sales_by_node (org_id, node_path, day, sku_id, ${sql.raw(MEASURES.join(", "))})
      select d.org_id, p.node_path, d.day, d.sku_id, ${sums()}
      from daily d
      cross join lateral (
        select '/' || array_to_string(parts[1:n], '/') || '/' as node_path
        from (select string_to_array(trim(both '/' from d.territory_path), '/') as parts) a,
             generate_series(1, cardinality(a.parts)) n
      ) p
      group by d.org_id, p.node_path, d.day, d.sku_id
      returning 1
    ),
    outlet as (
      insert into outlet_sales_daily
        (org_id, day, outlet_id, territory_path, distributor_id, orders, ${sql.raw(MEASURES.join(", "))})
      select ${orgId}::uuid, day, outlet_id, territory_path, distributor_id, count(distinct order_id), ${sums()}
      from facts group by day, outlet_id, territory_path, distributor_id
      returning *
    ),
    territory as (
      insert into territory_sales_daily
        (org_id, day, territory_path, distributor_id, orders, ${sql.raw(MEASURES.join(", "))})
      select org_id, day, territory_path, distributor_id, sum(orders), ${sums()}
      from outlet group by org_id, day, territory_path, distributor_id
      returning 1
    )
    select (select count(*) from q)::int as queued, (select count(*) from daily)::int as daily,
           (select count(*) from outlet)::int as outlet, (select count(*) from territory)::int as territory,
           (select count(*) from nodes)::int as nodes`.execute(tx);
  return r.rows[0] ?? { queued: 0, daily: 0, outlet: 0, territory: 0, nodes: 0 };
}

function sums(): RawBuilder<unknown> {
  return sql.raw(MEASURES.map((m) => `sum(${m})`).join(", "));
}

export async function deleteRollups(tx: Executor, orgId: string) {
  for (const table of ROLLUP_TABLES) await tx.deleteFrom(table).where("org_id", "=", orgId).execute();
}

/**
 * After a rebuild: fresh planner statistics, and the visibility map set so that counts can read the outlet-day
 * index alone (VACUUM cannot run inside a transaction, so this runs after the rebuild's commit).
 */
export async function vacuumRollups(db: Executor) {
  await sql`vacuum (analyze) ${sql.join(ROLLUP_TABLES.map((t) => sql.table(t)))}`.execute(db);
}

export async function markRebuilt(tx: Executor, orgId: string) {
  await sql`
    insert into sales_rollup_state (org_id, applied_at, rebuilt_at) values (${orgId}, now(), now())
    on conflict (org_id) do update set applied_at = now(), rebuilt_at = now()`.execute(tx);
}

export async function freshness(db: Executor, orgId: string) {
  const r = await sql<{
    applied_at: Date | null;
    rebuilt_at: Date | null;
    pending: number;
    oldest: Date | null;
  }>`
    select s.applied_at, s.rebuilt_at, q.pending, q.oldest
    from (select count(*)::int as pending, min(queued_at) as oldest from sales_rollup_queue where org_id = ${orgId}) q
    left join sales_rollup_state s on s.org_id = ${orgId}`.execute(db);
  return r.rows[0] ?? { applied_at: null, rebuilt_at: null, pending: 0, oldest: null };
}

export async function orgIds(db: Executor): Promise<string[]> {
  const r = await db.selectFrom("orgs").select("id").execute();
  return r.map((o) => o.id);
}
