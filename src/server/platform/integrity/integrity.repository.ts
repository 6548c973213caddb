// All SQL of the invariant checker (`bikri check`). Each rule is one query over one organisation that returns
// the rows breaking it: how many, and the first few as examples. The rules restate, independently of the code
// that writes the data, what the ledgers and their caches must agree on (see integrity.service.ts for the list
// and docs/operations.md for what each means).
import { type RawBuilder, sql } from "kysely";
import type { Executor } from "../../db/transaction.ts";

/** How many offending rows a rule returns as examples; the total is counted in full. */
export const EXAMPLES = 5;

export interface Problems<T> {
  total: number;
  examples: T[];
}

/** Runs a rule's query: the total of offending rows and the first few of them. */
async function problems<T>(db: Executor, query: RawBuilder<T>): Promise<Problems<T>> {
  const r = await sql<T & { problem_total: number }>`
    select p.*, count(*) over ()::int as problem_total from (${query}) p limit ${EXAMPLES}`.execute(db);
  const examples = r.rows.map(({ problem_total: _, ...row }) => row as unknown as T);
  return { total: r.rows[0]?.problem_total ?? 0, examples };
}

/**
 * Orders in these states hold stock: confirmation reserves every line (orders.service createSecondaryOrder /
 * confirmOrder), delivery issues what was delivered and releases the rest, cancellation releases all.
 */
const HOLDING = ["confirmed", "invoiced", "dispatched"];
/** Orders in these states have delivered nothing yet. */
const UNDELIVERED = ["draft", "confirmed", "invoiced", "dispatched", "cancelled"];
/** The system actor (platform/context.ts) writes this id where a user id would go. */
const SYSTEM_USER = "00000000-0000-0000-0000-000000000000";

// --- the organisations to check

export async function listOrgs(db: Executor, slug?: string) {
  let q = db.selectFrom("orgs").select(["id", "slug"]).orderBy("slug");
  if (slug !== undefined) q = q.where("slug", "=", slug);
  return q.execute();
}

/** Makes the checker's transaction one consistent, read-only snapshot: must be its first statement. */
export async function useSnapshot(tx: Executor): Promise<void> {
  await sql`set transaction isolation level repeatable read, read only`.execute(tx);
}

// --- stock

export interface BalanceVsLedgerRow {
  distributor_code: string | null;
  sku_code: string | null;
  cached_on_hand: number;
  cached_reserved: number;
  cached_damaged: number;
  ledger_on_hand: number;
  ledger_reserved: number;
  ledger_damaged: number;
}

/** stock_balances = the sums of stock_movements per distributor x SKU. */
export function balancesVsLedger(db: Executor, orgId: string) {
  return problems<BalanceVsLedgerRow>(
    db,
    sql`
    with ledger as (
      select distributor_id, sku_id, sum(on_hand_delta)::bigint as on_hand, sum(reserved_delta)::bigint as reserved,
             sum(damaged_delta)::bigint as damaged
      from stock_movements where org_id = ${orgId} group by distributor_id, sku_id
    ), cached as (
      select distributor_id, sku_id, on_hand, reserved, damaged from stock_balances where org_id = ${orgId}
    ), diff as (
      select coalesce(c.distributor_id, l.distributor_id) as distributor_id, coalesce(c.sku_id, l.sku_id) as sku_id,
             coalesce(c.on_hand, 0) as cached_on_hand, coalesce(c.reserved, 0) as cached_reserved,
             coalesce(c.damaged, 0) as cached_damaged, coalesce(l.on_hand, 0) as ledger_on_hand,
             coalesce(l.reserved, 0) as ledger_reserved, coalesce(l.damaged, 0) as ledger_damaged
      from cached c full join ledger l on l.distributor_id = c.distributor_id and l.sku_id = c.sku_id
    )
    select d.code as distributor_code, s.code as sku_code, x.cached_on_hand, x.cached_reserved, x.cached_damaged,
           x.ledger_on_hand, x.ledger_reserved, x.ledger_damaged
    from diff x
    left join distributors d on d.org_id = ${orgId} and d.id = x.distributor_id
    left join skus s on s.org_id = ${orgId} and s.id = x.sku_id
    where x.cached_on_hand <> x.ledger_on_hand or x.cached_reserved <> x.ledger_reserved
       or x.cached_damaged <> x.ledger_damaged`,
  );
}

export interface BatchVsLedgerRow {
  batch_no: string;
  distributor_code: string | null;
  sku_code: string | null;
  has_balance: boolean;
  cached_on_hand: number;
  cached_damaged: number;
  ledger_on_hand: number;
  ledger_damaged: number;
}

/** Each batch's balance = the sums of the movements that name the batch. */
export function batchesVsLedger(db: Executor, orgId: string) {
  return problems<BatchVsLedgerRow>(
    db,
    sql`
    with ledger as (
      select batch_id, sum(on_hand_delta)::bigint as on_hand, sum(damaged_delta)::bigint as damaged
      from stock_movements where org_id = ${orgId} and batch_id is not null group by batch_id
    )
    select b.batch_no, d.code as distributor_code, s.code as sku_code, bb.batch_id is not null as has_balance,
           coalesce(bb.on_hand, 0) as cached_on_hand, coalesce(bb.damaged, 0) as cached_damaged,
           coalesce(l.on_hand, 0) as ledger_on_hand, coalesce(l.damaged, 0) as ledger_damaged
    from stock_batches b
    left join stock_batch_balances bb on bb.org_id = b.org_id and bb.batch_id = b.id
    left join ledger l on l.batch_id = b.id
    left join distributors d on d.org_id = b.org_id and d.id = b.distributor_id
    left join skus s on s.org_id = b.org_id and s.id = b.sku_id
    where b.org_id = ${orgId}
      and (bb.batch_id is null or coalesce(bb.on_hand, 0) <> coalesce(l.on_hand, 0)
           or coalesce(bb.damaged, 0) <> coalesce(l.damaged, 0))`,
  );
}

export interface BatchIdentityRow {
  source: "batch balance" | "movement";
  batch_no: string;
  batch_distributor: string | null;
  batch_sku: string | null;
  row_distributor: string | null;
  row_sku: string | null;
}

/** A batch balance row, and every movement naming a batch, carry the batch's own distributor and SKU. */
export function batchIdentity(db: Executor, orgId: string) {
  return problems<BatchIdentityRow>(
    db,
    sql`
    with wrong as (
      select 'batch balance' as source, bb.batch_id, bb.distributor_id, bb.sku_id
      from stock_batch_balances bb join stock_batches b on b.org_id = bb.org_id and b.id = bb.batch_id
      where bb.org_id = ${orgId} and (bb.distributor_id <> b.distributor_id or bb.sku_id <> b.sku_id)
      union all
      select 'movement', m.batch_id, m.distributor_id, m.sku_id
      from stock_movements m join stock_batches b on b.org_id = m.org_id and b.id = m.batch_id
      where m.org_id = ${orgId} and (m.distributor_id <> b.distributor_id or m.sku_id <> b.sku_id)
    )
    select w.source, b.batch_no, bd.code as batch_distributor, bs.code as batch_sku,
           coalesce(wd.code, w.distributor_id::text) as row_distributor, coalesce(ws.code, w.sku_id::text) as row_sku
    from wrong w
    join stock_batches b on b.org_id = ${orgId} and b.id = w.batch_id
    left join distributors bd on bd.org_id = b.org_id and bd.id = b.distributor_id
    left join skus bs on bs.org_id = b.org_id and bs.id = b.sku_id
    left join distributors wd on wd.org_id = b.org_id and wd.id = w.distributor_id
    left join skus ws on ws.org_id = b.org_id and ws.id = w.sku_id`,
  );
}

export interface BatchesVsBalanceRow {
  distributor_code: string | null;
  sku_code: string | null;
  balance_on_hand: number;
  balance_damaged: number;
  batches_on_hand: number;
  batches_damaged: number;
}

/** The batch balances of a distributor x SKU add up to its stock_balances on hand and damaged. */
export function batchesVsBalances(db: Executor, orgId: string) {
  return problems<BatchesVsBalanceRow>(
    db,
    sql`
    with batches as (
      select distributor_id, sku_id, sum(on_hand)::bigint as on_hand, sum(damaged)::bigint as damaged
      from stock_batch_balances where org_id = ${orgId} group by distributor_id, sku_id
    ), cached as (
      select distributor_id, sku_id, on_hand, damaged from stock_balances where org_id = ${orgId}
    ), diff as (
      select coalesce(c.distributor_id, b.distributor_id) as distributor_id, coalesce(c.sku_id, b.sku_id) as sku_id,
             coalesce(c.on_hand, 0) as balance_on_hand, coalesce(c.damaged, 0) as balance_damaged,
             coalesce(b.on_hand, 0) as batches_on_hand, coalesce(b.damaged, 0) as batches_damaged
      from cached c full join batches b on b.distributor_id = c.distributor_id and b.sku_id = c.sku_id
    )
    select d.code as distributor_code, s.code as sku_code, x.balance_on_hand, x.balance_damaged, x.batches_on_hand,
           x.batches_damaged
    from diff x
    left join distributors d on d.org_id = ${orgId} and d.id = x.distributor_id
    left join skus s on s.org_id = ${orgId} and s.id = x.sku_id
    where x.balance_on_hand <> x.batches_on_hand or x.balance_damaged <> x.batches_damaged`,
  );
}

export interface NegativeStockRow {
  source: "balance" | "batch";
  distributor_code: string | null;
  sku_code: string | null;
  batch_no: string | null;
  on_hand: number;
  reserved: number | null;
  damaged: number;
}

/** Nothing negative, and no more reserved than on hand (the tables' CHECK constraints say so too). */
export function negativeStock(db: Executor, orgId: string) {
  return problems<NegativeStockRow>(
    db,
    sql`
    select 'balance' as source, d.code as distributor_code, s.code as sku_code, null::text as batch_no,
           sb.on_hand, sb.reserved, sb.damaged
    from stock_balances sb
    left join distributors d on d.org_id = sb.org_id and d.id = sb.distributor_id
    left join skus s on s.org_id = sb.org_id and s.id = sb.sku_id
    where sb.org_id = ${orgId}
      and (sb.on_hand < 0 or sb.reserved < 0 or sb.damaged < 0 or sb.reserved > sb.on_hand)
    union all
    select 'batch', d.code, s.code, b.batch_no, bb.on_hand, null, bb.damaged
    from stock_batch_balances bb
    left join stock_batches b on b.org_id = bb.org_id and b.id = bb.batch_id
    left join distributors d on d.org_id = bb.org_id and d.id = bb.distributor_id
    left join skus s on s.org_id = bb.org_id and s.id = bb.sku_id
    where bb.org_id = ${orgId} and (bb.on_hand < 0 or bb.damaged < 0)`,
  );
}

export interface ReservedVsOrdersRow {
  distributor_code: string | null;
  sku_code: string | null;
  reserved: number;
  held_by_orders: number;
}

/** Reserved stock per distributor x SKU = the quantities on the lines of its orders that still hold stock. */
export function reservedVsOrders(db: Executor, orgId: string) {
  return problems<ReservedVsOrdersRow>(
    db,
    sql`
    with held as (
      select o.distributor_id, l.sku_id, sum(l.qty)::bigint as qty
      from secondary_orders o
      join secondary_order_lines l on l.org_id = o.org_id and l.order_id = o.id
      where o.org_id = ${orgId} and o.status = any(${HOLDING}::text[])
      group by o.distributor_id, l.sku_id
    ), cached as (
      select distributor_id, sku_id, reserved from stock_balances where org_id = ${orgId}
    ), diff as (
      select coalesce(c.distributor_id, h.distributor_id) as distributor_id, coalesce(c.sku_id, h.sku_id) as sku_id,
             coalesce(c.reserved, 0) as reserved, coalesce(h.qty, 0) as held_by_orders
      from cached c full join held h on h.distributor_id = c.distributor_id and h.sku_id = c.sku_id
    )
    select d.code as distributor_code, s.code as sku_code, x.reserved, x.held_by_orders
    from diff x
    left join distributors d on d.org_id = ${orgId} and d.id = x.distributor_id
    left join skus s on s.org_id = ${orgId} and s.id = x.sku_id
    where x.reserved <> x.held_by_orders`,
  );
}

// --- secondary orders

export interface IncompleteOrderRow {
  order_id: string;
  number: string;
  status: string;
  lines: number;
  events: number;
  creations: number;
  last_status: string | null;
}

/** Every order has lines, one creating event, and its latest event leads to its status. */
export function incompleteOrders(db: Executor, orgId: string) {
  return problems<IncompleteOrderRow>(
    db,
    sql`
    with ev as (
      select order_id, count(*)::int as events, (count(*) filter (where from_status is null))::int as creations,
             (array_agg(to_status order by id desc))[1] as last_status
      from secondary_order_events where org_id = ${orgId} group by order_id
    ), ln as (
      select order_id, count(*)::int as lines from secondary_order_lines where org_id = ${orgId} group by order_id
    )
    select o.id as order_id, o.number, o.status, coalesce(ln.lines, 0) as lines, coalesce(ev.events, 0) as events,
           coalesce(ev.creations, 0) as creations, ev.last_status
    from secondary_orders o
    left join ln on ln.order_id = o.id
    left join ev on ev.order_id = o.id
    where o.org_id = ${orgId}
      and (ln.lines is null or ev.events is null or ev.creations <> 1 or ev.last_status <> o.status)`,
  );
}

export interface OrderTotalsRow {
  number: string;
  status: string;
  line_count: number;
  subtotal_poisha: number;
  discount_poisha: number;
  vat_poisha: number;
  total_poisha: number;
  delivered_total_poisha: number;
  lines: number;
  lines_subtotal: number;
  lines_discount: number;
  lines_vat: number;
  lines_total: number;
  all_delivered: boolean | null;
  delivered_lines: number;
  bad_quantities: number;
}

/**
 * An order's header = the sums of its lines; line quantities in range (returned <= delivered <= ordered);
 * nothing delivered before delivery; a delivery in full is worth the order's total, and the status says
 * whether it was in full.
 */
export function orderTotals(db: Executor, orgId: string) {
  return problems<OrderTotalsRow>(
    db,
    sql`
    with sums as (
      select order_id, count(*)::int as lines, sum(gross_poisha)::bigint as subtotal,
             sum(discount_poisha)::bigint as discount, sum(vat_poisha)::bigint as vat, sum(total_poisha)::bigint as total,
             bool_and(delivered_qty = qty) as all_delivered,
             (count(*) filter (where delivered_qty <> 0))::int as delivered_lines,
             (count(*) filter (where delivered_qty < 0 or delivered_qty > qty or returned_qty < 0
                                      or returned_qty > delivered_qty))::int as bad_quantities
      from secondary_order_lines where org_id = ${orgId} group by order_id
    )
    select o.number, o.status, o.line_count, o.subtotal_poisha, o.discount_poisha, o.vat_poisha, o.total_poisha,
           o.delivered_total_poisha, coalesce(s.lines, 0) as lines, coalesce(s.subtotal, 0) as lines_subtotal,
           coalesce(s.discount, 0) as lines_discount, coalesce(s.vat, 0) as lines_vat,
           coalesce(s.total, 0) as lines_total, s.all_delivered, coalesce(s.delivered_lines, 0) as delivered_lines,
           coalesce(s.bad_quantities, 0) as bad_quantities
    from secondary_orders o
    left join sums s on s.order_id = o.id
    where o.org_id = ${orgId}
      and (o.line_count <> coalesce(s.lines, 0) or o.subtotal_poisha <> coalesce(s.subtotal, 0)
           or o.discount_poisha <> coalesce(s.discount, 0) or o.vat_poisha <> coalesce(s.vat, 0)
           or o.total_poisha <> coalesce(s.total, 0) or coalesce(s.bad_quantities, 0) > 0
           or (o.status = any(${UNDELIVERED}::text[])
               and (o.delivered_total_poisha <> 0 or coalesce(s.delivered_lines, 0) > 0))
           or (o.status = 'delivered' and s.all_delivered is not true)
           or (o.status = 'partially_delivered' and s.all_delivered)
           or (o.status in ('delivered', 'returned') and s.all_delivered
               and o.delivered_total_poisha <> o.total_poisha))`,
  );
}

export interface OrderStockRow {
  number: string | null;
  order_id: string;
  status: string | null;
  distributor_code: string | null;
  sku_code: string | null;
  expected_reserved: number;
  moved_reserved: number;
  expected_on_hand: number;
  moved_on_hand: number;
  moved_damaged: number;
}

/**
 * An order's own movements (ref secondary_order): it still reserves its lines while it holds stock and
 * nothing after, and took out of on-hand exactly what was delivered, at its own distributor.
 */
export function orderStock(db: Executor, orgId: string) {
  return problems<OrderStockRow>(
    db,
    sql`
    with moved as (
      select ref_id as order_id, distributor_id, sku_id, sum(reserved_delta)::bigint as reserved,
             sum(on_hand_delta)::bigint as on_hand, sum(damaged_delta)::bigint as damaged
      from stock_movements where org_id = ${orgId} and ref_type = 'secondary_order'
      group by ref_id, distributor_id, sku_id
    ), expected as (
      select o.id as order_id, o.distributor_id, l.sku_id,
             sum(case when o.status = any(${HOLDING}::text[]) then l.qty else 0 end)::bigint as reserved,
             (-sum(l.delivered_qty))::bigint as on_hand
      from secondary_orders o join secondary_order_lines l on l.org_id = o.org_id and l.order_id = o.id
      where o.org_id = ${orgId}
      group by o.id, o.distributor_id, l.sku_id
    ), diff as (
      select coalesce(e.order_id, m.order_id) as order_id, coalesce(e.distributor_id, m.distributor_id) as distributor_id,
             coalesce(e.sku_id, m.sku_id) as sku_id, coalesce(e.reserved, 0) as expected_reserved,
             coalesce(m.reserved, 0) as moved_reserved, coalesce(e.on_hand, 0) as expected_on_hand,
             coalesce(m.on_hand, 0) as moved_on_hand, coalesce(m.damaged, 0) as moved_damaged
      from expected e
      full join moved m on m.order_id = e.order_id and m.distributor_id = e.distributor_id and m.sku_id = e.sku_id
    )
    select o.number, x.order_id, o.status, d.code as distributor_code, s.code as sku_code, x.expected_reserved,
           x.moved_reserved, x.expected_on_hand, x.moved_on_hand, x.moved_damaged
    from diff x
    left join secondary_orders o on o.org_id = ${orgId} and o.id = x.order_id
    left join distributors d on d.org_id = ${orgId} and d.id = x.distributor_id
    left join skus s on s.org_id = ${orgId} and s.id = x.sku_id
    where x.expected_reserved <> x.moved_reserved or x.expected_on_hand <> x.moved_on_hand or x.moved_damaged <> 0`,
  );
}

export interface ReturnTotalRow {
  number: string;
  order_number: string | null;
  total_poisha: number;
  lines: number;
  lines_total: number;
}

/** A return is worth the sum of its lines, and has lines. */
export function returnTotals(db: Executor, orgId: string) {
  return problems<ReturnTotalRow>(
    db,
    sql`
    select r.number, o.number as order_number, r.total_poisha, count(rl.return_id)::int as lines,
           coalesce(sum(rl.amount_poisha), 0)::bigint as lines_total
    from order_returns r
    left join order_return_lines rl on rl.org_id = r.org_id and rl.return_id = r.id
    left join secondary_orders o on o.org_id = r.org_id and o.id = r.order_id
    where r.org_id = ${orgId}
    group by r.id, r.number, o.number, r.total_poisha
    having count(rl.return_id) = 0 or r.total_poisha <> coalesce(sum(rl.amount_poisha), 0)`,
  );
}

export interface ReturnedTotalRow {
  number: string;
  returned_total_poisha: number;
  returns_total: number;
}

/** An order's returned total = the totals of its returns. */
export function returnedTotals(db: Executor, orgId: string) {
  return problems<ReturnedTotalRow>(
    db,
    sql`
    with ret as (
      select order_id, sum(total_poisha)::bigint as total from order_returns where org_id = ${orgId} group by order_id
    )
    select o.number, o.returned_total_poisha, coalesce(ret.total, 0) as returns_total
    from secondary_orders o left join ret on ret.order_id = o.id
    where o.org_id = ${orgId} and o.returned_total_poisha <> coalesce(ret.total, 0)`,
  );
}

export interface ReturnedQtyRow {
  number: string | null;
  line_no: number;
  returned_qty: number | null;
  returns_qty: number;
  line_sku: string | null;
  returned_skus: string[] | null;
}

/** An order line's returned quantity = what its returns took back of that line, of the line's own SKU. */
export function returnedQuantities(db: Executor, orgId: string) {
  return problems<ReturnedQtyRow>(
    db,
    sql`
    with rq as (
      select r.order_id, rl.line_no, sum(rl.qty)::bigint as qty, array_agg(distinct rl.sku_id) as skus
      from order_return_lines rl join order_returns r on r.org_id = rl.org_id and r.id = rl.return_id
      where rl.org_id = ${orgId}
      group by r.order_id, rl.line_no
    ), ln as (
      select order_id, line_no, sku_id, returned_qty from secondary_order_lines where org_id = ${orgId}
    )
    select o.number, coalesce(ln.line_no, rq.line_no) as line_no, ln.returned_qty, coalesce(rq.qty, 0) as returns_qty,
           s.code as line_sku, array(select coalesce(k.code, u::text) from unnest(rq.skus) u
                                     left join skus k on k.org_id = ${orgId} and k.id = u) as returned_skus
    from ln full join rq on rq.order_id = ln.order_id and rq.line_no = ln.line_no
    left join secondary_orders o on o.org_id = ${orgId} and o.id = coalesce(ln.order_id, rq.order_id)
    left join skus s on s.org_id = ${orgId} and s.id = ln.sku_id
    where coalesce(ln.returned_qty, 0) <> coalesce(rq.qty, 0)
       or (rq.skus is not null and (ln.sku_id is null or rq.skus <> array[ln.sku_id]))`,
  );
}

export interface ReturnStockRow {
  number: string | null;
  distributor_code: string | null;
  sku_code: string | null;
  expected_on_hand: number;
  moved_on_hand: number;
  expected_damaged: number;
  moved_damaged: number;
  moved_reserved: number;
}

/** A return's movements (ref order_return) take back its saleable lines to on-hand and its damaged ones apart. */
export function returnStock(db: Executor, orgId: string) {
  return problems<ReturnStockRow>(
    db,
    sql`
    with want as (
      select rl.return_id, o.distributor_id, rl.sku_id,
             sum(case when rl.condition = 'saleable' then rl.qty else 0 end)::bigint as on_hand,
             sum(case when rl.condition = 'damaged' then rl.qty else 0 end)::bigint as damaged
      from order_return_lines rl
      join order_returns r on r.org_id = rl.org_id and r.id = rl.return_id
      join secondary_orders o on o.org_id = r.org_id and o.id = r.order_id
      where rl.org_id = ${orgId}
      group by rl.return_id, o.distributor_id, rl.sku_id
    ), moved as (
      select ref_id as return_id, distributor_id, sku_id, sum(on_hand_delta)::bigint as on_hand,
             sum(damaged_delta)::bigint as damaged, sum(reserved_delta)::bigint as reserved
      from stock_movements where org_id = ${orgId} and ref_type = 'order_return'
      group by ref_id, distributor_id, sku_id
    ), diff as (
      select coalesce(w.return_id, m.return_id) as return_id, coalesce(w.distributor_id, m.distributor_id) as distributor_id,
             coalesce(w.sku_id, m.sku_id) as sku_id, coalesce(w.on_hand, 0) as expected_on_hand,
             coalesce(m.on_hand, 0) as moved_on_hand, coalesce(w.damaged, 0) as expected_damaged,
             coalesce(m.damaged, 0) as moved_damaged, coalesce(m.reserved, 0) as moved_reserved
      from want w
      full join moved m on m.return_id = w.return_id and m.distributor_id = w.distributor_id and m.sku_id = w.sku_id
    )
    select r.number, d.code as distributor_code, s.code as sku_code, x.expected_on_hand, x.moved_on_hand,
           x.expected_damaged, x.moved_damaged, x.moved_reserved
    from diff x
    left join order_returns r on r.org_id = ${orgId} and r.id = x.return_id
    left join distributors d on d.org_id = ${orgId} and d.id = x.distributor_id
    left join skus s on s.org_id = ${orgId} and s.id = x.sku_id
    where x.expected_on_hand <> x.moved_on_hand or x.expected_damaged <> x.moved_damaged or x.moved_reserved <> 0`,
  );
}

// --- receivables

export interface InvoiceEntryRow {
  order_id: string | null;
  number: string | null;
  delivered_total: number;
  invoiced: number;
  entries: number;
  misposted: number;
}

/**
 * Delivery posts one invoice entry worth the delivered total, to the order's outlet and distributor
 * (orders.service deliverOrder); nothing else posts invoices.
 */
export function invoiceEntries(db: Executor, orgId: string) {
  return problems<InvoiceEntryRow>(
    db,
    sql`
    with inv as (
      select e.order_id, count(*)::int as entries, sum(e.amount_poisha)::bigint as amount,
             (count(*) filter (where o.id is null or e.outlet_id <> o.outlet_id
                                     or e.distributor_id <> o.distributor_id))::int as misposted
      from receivable_entries e
      left join secondary_orders o on o.org_id = e.org_id and o.id = e.order_id
      where e.org_id = ${orgId} and e.kind = 'invoice'
      group by e.order_id
    ), owed as (
      select id as order_id, delivered_total_poisha from secondary_orders
      where org_id = ${orgId} and delivered_total_poisha <> 0
    )
    select coalesce(w.order_id, i.order_id) as order_id, o.number, coalesce(w.delivered_total_poisha, 0) as delivered_total,
           coalesce(i.amount, 0) as invoiced, coalesce(i.entries, 0) as entries, coalesce(i.misposted, 0) as misposted
    from owed w
    full join inv i on i.order_id = w.order_id
    left join secondary_orders o on o.org_id = ${orgId} and o.id = coalesce(w.order_id, i.order_id)
    where coalesce(w.delivered_total_poisha, 0) <> coalesce(i.amount, 0) or coalesce(i.entries, 0) > 1
       or coalesce(i.misposted, 0) > 0`,
  );
}

export interface PaymentEntryRow {
  payment_id: string | null;
  number: string | null;
  status: string | null;
  expected: number;
  posted: number;
  entries: number;
  misposted: number;
}

/**
 * A received payment posts one entry of minus its amount to its outlet and distributor (collections.service
 * recordPayment); a bounced one nets to nothing. Every payment entry names a payment.
 */
export function paymentEntries(db: Executor, orgId: string) {
  return problems<PaymentEntryRow>(
    db,
    sql`
    with posted as (
      select e.payment_id, count(*)::int as entries, sum(e.amount_poisha)::bigint as amount,
             (count(*) filter (where p.id is null or e.outlet_id <> p.outlet_id or e.distributor_id <> p.distributor_id
                                     or e.kind not in ('payment', 'reversal')))::int as misposted
      from receivable_entries e
      left join payments p on p.org_id = e.org_id and p.id = e.payment_id
      where e.org_id = ${orgId} and (e.kind = 'payment' or e.payment_id is not null)
      group by e.payment_id
    ), paid as (
      select id as payment_id, (case when status = 'received' then -amount_poisha else 0 end)::bigint as expected
      from payments where org_id = ${orgId}
    )
    select coalesce(pd.payment_id, ps.payment_id) as payment_id, p.number, p.status,
           coalesce(pd.expected, 0) as expected, coalesce(ps.amount, 0) as posted, coalesce(ps.entries, 0) as entries,
           coalesce(ps.misposted, 0) as misposted
    from paid pd
    full join posted ps on ps.payment_id = pd.payment_id
    left join payments p on p.org_id = ${orgId} and p.id = coalesce(pd.payment_id, ps.payment_id)
    where coalesce(pd.expected, 0) <> coalesce(ps.amount, 0) or coalesce(ps.misposted, 0) > 0`,
  );
}

export interface ReturnEntryRow {
  return_id: string | null;
  number: string | null;
  expected: number;
  posted: number;
  entries: number;
  misposted: number;
}

/** A return posts one entry of minus its total to its order's outlet and distributor (orders.service returnOrder). */
export function returnEntries(db: Executor, orgId: string) {
  return problems<ReturnEntryRow>(
    db,
    sql`
    with posted as (
      select e.return_id, count(*)::int as entries, sum(e.amount_poisha)::bigint as amount,
             (count(*) filter (where o.id is null or e.outlet_id <> o.outlet_id or e.distributor_id <> o.distributor_id
                                     or e.kind <> 'return'))::int as misposted
      from receivable_entries e
      left join order_returns r on r.org_id = e.org_id and r.id = e.return_id
      left join secondary_orders o on o.org_id = r.org_id and o.id = r.order_id
      where e.org_id = ${orgId} and (e.kind = 'return' or e.return_id is not null)
      group by e.return_id
    ), ret as (
      select id as return_id, (-total_poisha)::bigint as expected from order_returns where org_id = ${orgId}
    )
    select coalesce(rt.return_id, ps.return_id) as return_id, r.number, coalesce(rt.expected, 0) as expected,
           coalesce(ps.amount, 0) as posted, coalesce(ps.entries, 0) as entries, coalesce(ps.misposted, 0) as misposted
    from ret rt
    full join posted ps on ps.return_id = rt.return_id
    left join order_returns r on r.org_id = ${orgId} and r.id = coalesce(rt.return_id, ps.return_id)
    where rt.return_id is null or ps.return_id is null or coalesce(rt.expected, 0) <> coalesce(ps.amount, 0)
       or ps.entries > 1 or coalesce(ps.misposted, 0) > 0`,
  );
}

export interface OutletBalanceRow {
  outlet_code: string | null;
  distributor_code: string | null;
  ledger: number;
  documents: number;
}

/**
 * What each outlet owes each distributor: the receivables ledger's sum = delivered totals - received payments -
 * returns. Entries of kinds no code posts yet (adjustment, reversal without a bounce) show up here.
 */
export function outletBalances(db: Executor, orgId: string) {
  return problems<OutletBalanceRow>(
    db,
    sql`
    with ledger as (
      select outlet_id, distributor_id, sum(amount_poisha)::bigint as amount
      from receivable_entries where org_id = ${orgId} group by outlet_id, distributor_id
    ), docs as (
      select outlet_id, distributor_id, sum(amount)::bigint as amount from (
        select outlet_id, distributor_id, delivered_total_poisha as amount
        from secondary_orders where org_id = ${orgId} and delivered_total_poisha <> 0
        union all
        select outlet_id, distributor_id, -amount_poisha from payments where org_id = ${orgId} and status = 'received'
        union all
        select o.outlet_id, o.distributor_id, -r.total_poisha
        from order_returns r join secondary_orders o on o.org_id = r.org_id and o.id = r.order_id
        where r.org_id = ${orgId}
      ) x group by outlet_id, distributor_id
    ), diff as (
      select coalesce(l.outlet_id, d.outlet_id) as outlet_id, coalesce(l.distributor_id, d.distributor_id) as distributor_id,
             coalesce(l.amount, 0) as ledger, coalesce(d.amount, 0) as documents
      from ledger l full join docs d on d.outlet_id = l.outlet_id and d.distributor_id = l.distributor_id
    )
    select o.code as outlet_code, d.code as distributor_code, x.ledger, x.documents
    from diff x
    left join outlets o on o.org_id = ${orgId} and o.id = x.outlet_id
    left join distributors d on d.org_id = ${orgId} and d.id = x.distributor_id
    where x.ledger <> x.documents`,
  );
}

// --- references across the org

export interface ForeignKey {
  name: string;
  table: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
}

/**
 * The declared foreign keys of tenant tables (those with org_id), read from the catalogue so that new tables
 * are covered without anyone adding them here. The database enforces them, except where a bulk load turned the
 * triggers off (the demo seed runs with session_replication_role = replica) or a restore skipped them.
 */
export async function declaredForeignKeys(db: Executor): Promise<ForeignKey[]> {
  const r = await sql<{ name: string; table: string; columns: string[]; ref_table: string; ref_columns: string[] }>`
    select c.conname::text as name, cr.relname::text as table, pr.relname::text as ref_table,
           array(select a.attname::text from unnest(c.conkey) with ordinality k(attnum, i)
                 join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum order by k.i) as columns,
           array(select a.attname::text from unnest(c.confkey) with ordinality k(attnum, i)
                 join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.attnum order by k.i) as ref_columns
    from pg_constraint c
    join pg_class cr on cr.oid = c.conrelid
    join pg_namespace n on n.oid = cr.relnamespace
    join pg_class pr on pr.oid = c.confrelid
    where c.contype = 'f' and n.nspname = current_schema()
      and exists (select 1 from pg_attribute a where a.attrelid = c.conrelid and a.attname = 'org_id' and not a.attisdropped)
    order by cr.relname, c.conname`.execute(db);
  return r.rows.map((row) => ({
    name: row.name,
    table: row.table,
    columns: row.columns,
    refTable: row.ref_table,
    refColumns: row.ref_columns,
  }));
}

export interface DanglingRow {
  value: string;
}

/** Rows of this org whose foreign key names no row (with the key's own org_id, i.e. none of this org). */
export function foreignKeyViolations(db: Executor, orgId: string, fk: ForeignKey) {
  const shown = fk.columns.filter((c) => c !== "org_id");
  return problems<DanglingRow>(
    db,
    sql`
    select concat_ws(', ', ${sql.join(
      (shown.length > 0 ? shown : fk.columns).map((c) => sql`c.${sql.ref(c)}::text`),
    )}) as value
    from ${sql.table(fk.table)} c
    where c.org_id = ${orgId}
      and ${sql.join(
        fk.columns.map((col) => sql`c.${sql.ref(col)} is not null`),
        sql` and `,
      )}
      and not exists (
        select 1 from ${sql.table(fk.refTable)} p
        where ${sql.join(
          fk.columns.map((col, i) => sql`p.${sql.ref(fk.refColumns[i] as string)} = c.${sql.ref(col)}`),
          sql` and `,
        )})`,
  );
}

export interface Reference {
  table: string;
  column: string;
  target: string;
  /** Polymorphic references (stock_movements.ref_id) apply only to rows of one kind. */
  when?: { column: string; equals: string };
}

/**
 * Columns that name a row of the same org but have no foreign key (they were left out so that history never
 * blocks an archive, or because they are polymorphic). Ids are unique across orgs, so a value that is not
 * found in the org either belongs to another org or to nothing.
 */
export const UNDECLARED_REFERENCES: readonly Reference[] = [
  { table: "secondary_orders", column: "rep_user_id", target: "users" },
  { table: "secondary_orders", column: "created_by", target: "users" },
  { table: "secondary_orders", column: "price_list_id", target: "price_lists" },
  { table: "secondary_order_events", column: "actor_user_id", target: "users" },
  { table: "order_returns", column: "created_by", target: "users" },
  { table: "order_return_lines", column: "sku_id", target: "skus" },
  { table: "payments", column: "order_id", target: "secondary_orders" },
  { table: "payments", column: "received_by", target: "users" },
  { table: "receivable_entries", column: "order_id", target: "secondary_orders" },
  { table: "receivable_entries", column: "payment_id", target: "payments" },
  { table: "receivable_entries", column: "return_id", target: "order_returns" },
  { table: "stock_movements", column: "created_by", target: "users" },
  {
    table: "stock_movements",
    column: "ref_id",
    target: "secondary_orders",
    when: { column: "ref_type", equals: "secondary_order" },
  },
  {
    table: "stock_movements",
    column: "ref_id",
    target: "order_returns",
    when: { column: "ref_type", equals: "order_return" },
  },
  {
    table: "stock_movements",
    column: "ref_id",
    target: "primary_orders",
    when: { column: "ref_type", equals: "primary_order" },
  },
  {
    table: "stock_movements",
    column: "ref_id",
    target: "stock_counts",
    when: { column: "ref_type", equals: "stock_count" },
  },
  { table: "stock_counts", column: "created_by", target: "users" },
  { table: "stock_count_lines", column: "sku_id", target: "skus" },
  { table: "stock_count_lines", column: "batch_id", target: "stock_batches" },
  { table: "stock_batch_balances", column: "distributor_id", target: "distributors" },
  { table: "stock_batch_balances", column: "sku_id", target: "skus" },
  { table: "primary_orders", column: "created_by", target: "users" },
  { table: "primary_orders", column: "approved_by", target: "users" },
  { table: "outlet_assignments", column: "created_by", target: "users" },
  { table: "route_assignments", column: "created_by", target: "users" },
  { table: "audit_log", column: "actor_user_id", target: "users" },
  { table: "idempotency_keys", column: "caller_id", target: "users" },
];

/** Rows of this org whose column names no row of the org in the target table. */
export function undeclaredViolations(db: Executor, orgId: string, ref: Reference) {
  const col = sql.ref(`c.${ref.column}`);
  return problems<DanglingRow>(
    db,
    sql`
    select ${col}::text as value
    from ${sql.table(ref.table)} c
    where c.org_id = ${orgId} and ${col} is not null
      ${ref.when ? sql`and ${sql.ref(`c.${ref.when.column}`)} = ${ref.when.equals}` : sql``}
      ${ref.target === "users" ? sql`and ${col} <> ${SYSTEM_USER}::uuid` : sql``}
      and not exists (select 1 from ${sql.table(ref.target)} t where t.org_id = c.org_id and t.id = ${col})`,
  );
}

/**
 * Which organisation holds a row with this id, if any: only to say, for a broken reference, whether it points
 * into another organisation or at nothing. Ids are UUIDv7, unique across orgs.
 */
export async function orgOfRow(db: Executor, table: string, id: string): Promise<string | null> {
  const r = await sql<{ slug: string }>`
    select o.slug from ${sql.table(table)} t join orgs o on o.id = t.org_id where t.id::text = ${id} limit 1`.execute(
    db,
  );
  return r.rows[0]?.slug ?? null;
}

// --- document numbers

export interface DuplicateInvoiceRow {
  invoice_number: string;
  orders: number;
}

/** Invoice serials have no unique constraint (they live on the order): each is used once. */
export function duplicateInvoiceNumbers(db: Executor, orgId: string) {
  return problems<DuplicateInvoiceRow>(
    db,
    sql`
    select invoice_number, count(*)::int as orders from secondary_orders
    where org_id = ${orgId} and invoice_number is not null
    group by invoice_number having count(*) > 1`,
  );
}

export interface CounterRow {
  series: string;
  distributor_code: string | null;
  used: number;
  last: number;
  next_value: number | null;
}

/**
 * The gap-free series (numbering.repository nextDocumentNumber: invoices per distributor, receipts, returns,
 * primary orders): the numbers used are 1..last with no gap, and the counter hands out last + 1 next. A counter
 * behind its documents would hand out a number already used.
 */
export function documentCounters(db: Executor, orgId: string) {
  return problems<CounterRow>(
    db,
    sql`
    with used as (
      select 'RET' as series, substring(number from '^RET-([0-9]+)$')::bigint as n
      from order_returns where org_id = ${orgId} and number ~ '^RET-[0-9]+$'
      union all
      select 'RCPT', substring(number from '^RCPT-([0-9]+)$')::bigint
      from payments where org_id = ${orgId} and number ~ '^RCPT-[0-9]+$'
      union all
      select 'PO', substring(number from '^PO-([0-9]+)$')::bigint
      from primary_orders where org_id = ${orgId} and number ~ '^PO-[0-9]+$'
      union all
      select 'INV:' || distributor_id::text, substring(invoice_number from '-([0-9]+)$')::bigint
      from secondary_orders where org_id = ${orgId} and invoice_number ~ '-[0-9]+$'
    ), per as (
      select series, count(distinct n)::bigint as used, max(n)::bigint as last from used group by series
    ), counters as (
      select series, next_value from document_counters
      where org_id = ${orgId} and (series in ('RET', 'RCPT', 'PO') or series like 'INV:%')
    )
    select coalesce(p.series, c.series) as series, d.code as distributor_code, coalesce(p.used, 0) as used,
           coalesce(p.last, 0) as last, c.next_value
    from per p
    full join counters c on c.series = p.series
    left join distributors d on d.org_id = ${orgId}
      and coalesce(p.series, c.series) like 'INV:%' and d.id::text = substring(coalesce(p.series, c.series) from 5)
    where c.next_value is distinct from coalesce(p.last, 0) + 1 or coalesce(p.used, 0) <> coalesce(p.last, 0)`,
  );
}

export interface OrderSequenceRow {
  last_number: number;
  sequence_value: number | null;
}

/** Order numbers come from the org's sequence (gaps allowed): it must not be behind the highest number used. */
export function orderNumberSequence(db: Executor, orgId: string) {
  return problems<OrderSequenceRow>(
    db,
    sql`
    select x.last_number, x.sequence_value from (
      select (select max(substring(number from '^SO-([0-9]+)$')::bigint) from secondary_orders
              where org_id = ${orgId} and number ~ '^SO-[0-9]+$') as last_number,
             (select last_value from pg_sequences
              where schemaname = current_schema() and sequencename = order_number_sequence(${orgId}::uuid)) as sequence_value
    ) x
    where x.last_number is not null and (x.sequence_value is null or x.sequence_value < x.last_number)`,
  );
}
