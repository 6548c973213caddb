// The dashboards' SQL over the sales rollups. One query shape answers every breakdown: pick the smallest rollup
// that holds the dimension and filters asked for, keep the caller's slice (territory path prefix, distributor),
// scan the period and the one before it in one pass (FILTER splits them), group by the dimension's key, and let
// the database sort and cut to the page. Labels are looked up afterwards for the rows that are shown.
import { type RawBuilder, sql } from "kysely";
import { addDays } from "../../shared/format.ts";
import type { Executor } from "../db/transaction.ts";
import { MEASURES } from "./sales-rollups.repository.ts";

export type Grouping =
  | { kind: "territory"; depth: number }
  | { kind: "distributor" | "outlet" | "sku" | "brand" | "category" | "day" | "week" | "month" | "all" };

export interface SalesScan {
  orgId: string;
  path: string | null;
  /** The slice's node (its own rows in sku_sales_by_node hold its whole subtree); null in a distributor's view. */
  nodePath: string | null;
  distributorId: string | null;
  /** Only memos' lines of these SKUs, brands or categories (sales_daily); null for all products. */
  product: { skuId?: string | undefined; brandId?: string | undefined; categoryId?: string | undefined } | null;
  outletIds?: readonly string[] | undefined;
  from: string;
  to: string;
  /** The previous period's first day, or null without a comparison; it ends the day before `from`. */
  previousFrom: string | null;
  /** Days in the period: a previous day is shifted by this many days to line up with its counterpart. */
  days: number;
  group: Grouping;
  sort: "value" | "change" | "name" | "key";
  direction: "asc" | "desc";
  limit: number;
}

export interface SalesGroupRow {
  key: string;
  groups: number;
  orders: number | null;
  order_lines: number;
  ordered_qty: number;
  ordered_poisha: number;
  delivered_qty: number;
  delivered_poisha: number;
  returned_qty: number;
  returned_poisha: number;
  p_orders: number | null;
  p_order_lines: number;
  p_ordered_qty: number;
  p_ordered_poisha: number;
  p_delivered_qty: number;
  p_delivered_poisha: number;
  p_returned_qty: number;
  p_returned_poisha: number;
}

type Source = "sku_sales_by_node" | "sales_daily" | "territory_sales_daily" | "outlet_sales_daily";

/**
 * The smallest rollup that can answer. Products need SKUs: one node's own rows when the slice is a node and the
 * breakdown is not by territory (sku_sales_by_node), else the routes' rows (sales_daily, which also has the
 * distributor). Outlets need outlets; everything else fits the territory rollup.
 */
export function sourceFor(
  scan: Pick<SalesScan, "product" | "group" | "outletIds" | "nodePath" | "distributorId">,
): Source {
  const g = scan.group.kind;
  if (scan.product || g === "sku" || g === "brand" || g === "category")
    return scan.nodePath && !scan.distributorId && g !== "territory" && !scan.outletIds
      ? "sku_sales_by_node"
      : "sales_daily";
  if (g === "outlet" || scan.outletIds) return "outlet_sales_daily";
  return "territory_sales_daily";
}

/** The day a row counts on: a previous-period day moves forward by the period's length, onto its counterpart. */
const aligned = (s: SalesScan) => sql`(case when t.day >= ${s.from}::date then t.day else t.day + ${s.days}::int end)`;

function keyOf(s: SalesScan): RawBuilder<string> {
  const g = s.group;
  switch (g.kind) {
    case "territory":
      return sql<string>`split_part(t.territory_path, '/', ${g.depth + 2}::int)`;
    case "distributor":
      return sql<string>`t.distributor_id::text`;
    case "outlet":
      return sql<string>`t.outlet_id::text`;
    case "sku":
      return sql<string>`t.sku_id::text`;
    case "brand":
      return sql<string>`s.brand_id::text`;
    case "category":
      return sql<string>`s.category_id::text`;
    case "day":
      return sql<string>`${aligned(s)}::text`;
    case "week":
      // Weeks start on Saturday, as the trade's working week does in Bangladesh.
      return sql<string>`(${aligned(s)} - ((extract(dow from ${aligned(s)})::int + 1) % 7))::text`;
    case "month":
      return sql<string>`to_char(date_trunc('month', ${aligned(s)}), 'YYYY-MM-DD')`;
    case "all":
      return sql<string>`''`;
  }
}

function whereOf(s: SalesScan, source: Source) {
  const parts = [sql`t.org_id = ${s.orgId}`, sql`t.day between ${s.previousFrom ?? s.from}::date and ${s.to}::date`];
  if (source === "sku_sales_by_node") parts.push(sql`t.node_path = ${s.nodePath}`);
  else if (s.path) parts.push(sql`t.territory_path like ${`${s.path}%`}`);
  if (s.distributorId) parts.push(sql`t.distributor_id = ${s.distributorId}`);
  if (s.outletIds && source === "outlet_sales_daily")
    parts.push(sql`t.outlet_id = any(${sql.val(s.outletIds)}::uuid[])`);
  if (s.product?.skuId) parts.push(sql`t.sku_id = ${s.product.skuId}`);
  if (s.product?.brandId) parts.push(sql`s.brand_id = ${s.product.brandId}`);
  if (s.product?.categoryId) parts.push(sql`s.category_id = ${s.product.categoryId}`);
  return sql.join(parts, sql` and `);
}

/** Groups of the period (and the previous one), sorted and cut in the database; `groups` is the count before the cut. */
export async function salesGroups(db: Executor, s: SalesScan): Promise<SalesGroupRow[]> {
  const source = sourceFor(s);
  const join =
    source === "sales_daily" || source === "sku_sales_by_node"
      ? sql`join skus s on s.org_id = t.org_id and s.id = t.sku_id`
      : sql``;
  const current = sql`t.day >= ${s.from}::date`;
  const sums = MEASURES.map(
    (m) => sql`coalesce(sum(t.${sql.raw(m)}) filter (where ${current}), 0)::bigint as ${sql.raw(m)},
      coalesce(sum(t.${sql.raw(m)}) filter (where not ${current}), 0)::bigint as ${sql.raw(`p_${m}`)}`,
  );
  const orders =
    source === "sales_daily" || source === "sku_sales_by_node"
      ? sql`null::bigint as orders, null::bigint as p_orders`
      : sql`coalesce(sum(t.orders) filter (where ${current}), 0)::bigint as orders,
            coalesce(sum(t.orders) filter (where not ${current}), 0)::bigint as p_orders`;
  const dir = sql.raw(s.direction === "asc" ? "asc" : "desc");
  const order =
    s.sort === "name" || s.sort === "key"
      ? sql`key ${dir}`
      : s.sort === "change"
        ? sql`(ordered_poisha - p_ordered_poisha) ${dir}, key`
        : sql`ordered_poisha ${dir}, key`;
  const r = await sql<SalesGroupRow>`
    select *, count(*) over ()::int as groups from (
      select ${keyOf(s)} as key, ${orders}, ${sql.join(sums)}
      from ${sql.table(source)} t ${join}
      where ${whereOf(s, source)}
      group by 1
    ) g
    order by ${order}
    limit ${s.limit}`.execute(db);
  return r.rows;
}

/**
 * Outlets that ordered (a memo not cancelled) per group, in the period and the previous one. A distinct count is
 * not additive, so it reads outlet-days, from an index that holds exactly the days with a memo: one pass per
 * period, hashing (group, outlet) pairs.
 */
export async function outletsOrdered(db: Executor, s: SalesScan, keys: readonly string[] | null) {
  const count = async (from: string, to: string) => {
    const scan = { ...s, product: null, previousFrom: null, from: s.from };
    const keyFilter = keys ? sql`and ${keyOf(scan)} = any(${sql.val(keys)}::text[])` : sql``;
    const r = await sql<{ key: string; n: number }>`
      select key, count(*)::int as n from (
        select distinct ${keyOf(scan)} as key, t.outlet_id
        from outlet_sales_daily t
        where ${whereOf({ ...scan, from, to }, "outlet_sales_daily")} and t.orders > 0 ${keyFilter}
      ) x group by key`.execute(db);
    return new Map(r.rows.map((x) => [x.key, x.n]));
  };
  const current = await count(s.from, s.to);
  const previous = s.previousFrom ? await count(s.previousFrom, addDays(s.from, -1)) : new Map<string, number>();
  const out = new Map<string, { current: number; previous: number }>();
  for (const k of new Set([...current.keys(), ...previous.keys()]))
    out.set(k, { current: current.get(k) ?? 0, previous: previous.get(k) ?? 0 });
  return out;
}

// --- labels of the rows shown

export async function territoryLabels(db: Executor, orgId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom("territories")
    .select(["id", "name", "name_bn", "level"])
    .where("org_id", "=", orgId)
    .where("id", "in", ids)
    .execute();
}

/** Names and codes of the rows shown, for the breakdowns whose keys are records with a code. */
export async function namedLabels(
  db: Executor,
  orgId: string,
  table: "distributors" | "outlets" | "skus" | "brands" | "categories",
  ids: readonly string[],
) {
  if (ids.length === 0) return [];
  return db
    .selectFrom(table)
    .select(["id", "name", "name_bn", "code"])
    .where("org_id", "=", orgId)
    .where("id", "in", ids)
    .execute();
}

// --- one outlet

/**
 * What one outlet bought in a period, by SKU, from its memo lines (the product rollups have no outlets; one outlet's
 * lines are a handful of rows on the orders' outlet index). Counted as the rollups count: confirmed, not cancelled.
 */
export async function outletSkus(
  db: Executor,
  orgId: string,
  outletId: string,
  distributorId: string | null,
  from: string,
  to: string,
  limit: number,
) {
  const r = await sql<{
    sku_id: string;
    code: string;
    name: string;
    name_bn: string;
    ordered_qty: number;
    ordered_poisha: number;
  }>`
    select l.sku_id, s.code, s.name, s.name_bn, sum(l.qty)::bigint as ordered_qty, sum(l.total_poisha)::bigint as ordered_poisha
    from secondary_orders o
    join secondary_order_lines l on l.org_id = o.org_id and l.order_id = o.id
    join skus s on s.org_id = l.org_id and s.id = l.sku_id
    where o.org_id = ${orgId} and o.outlet_id = ${outletId} and o.order_date between ${from}::date and ${to}::date
      and o.status not in ('draft', 'cancelled')
      and (${distributorId}::uuid is null or o.distributor_id = ${distributorId}::uuid)
    group by l.sku_id, s.code, s.name, s.name_bn
    order by ordered_poisha desc, s.code
    limit ${limit}`.execute(db);
  return r.rows;
}

/** The days an outlet ordered (a memo not cancelled), oldest first. */
export async function outletOrderDays(
  db: Executor,
  orgId: string,
  outletId: string,
  distributorId: string | null,
  from: string,
  to: string,
) {
  const r = await sql<{ day: string }>`
    select day::text as day from outlet_sales_daily
    where org_id = ${orgId} and outlet_id = ${outletId} and day between ${from}::date and ${to}::date
      and (${distributorId}::uuid is null or distributor_id = ${distributorId}::uuid)
    group by day having sum(orders) > 0
    order by day`.execute(db);
  return r.rows.map((x) => x.day);
}
