// The demo's secondary-sales history checked the way an auditor would: every balance is what its ledger adds
// up to, nothing is negative at any moment, every memo adds up line by line, the dues are invoices less
// payments and returns, every outlet is served by a distributor covering its beat, the fixed demo users are
// linked, and the same seed makes the same data on a second database.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/transaction.ts";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.ts";
import { DEFAULT_DEMO, type DemoOptions, type DemoSummary, seedDemo } from "./demo-seed.ts";
import type { SeedProgress } from "./sales-history.ts";

const AS_OF = "2026-11-24";
const OPTIONS: Partial<DemoOptions> = {
  seed: "ledger-check",
  routesPerTerritory: 1,
  extraUsers: 4,
  // 50 distributors x 4 territories cover the whole tree, so full coverage is checked too.
  distributors: 50,
  outlets: 400,
  skus: 30,
  historyMonths: 2,
  orderLines: 5000,
  asOf: AS_OF,
  // With the foreign-key triggers on, so every reference the generator writes is checked by the database.
  checkReferences: true,
};

const rows = async <T>(db: Db, query: ReturnType<typeof sql<T>>) => (await query.execute(db)).rows;

describe("demo sales history", () => {
  let first: TestDatabase;
  let second: TestDatabase;
  let demo: DemoSummary;
  const progress: SeedProgress[] = [];
  const db = () => first.handle.db;
  const org = () => demo.orgId;

  beforeAll(async () => {
    first = await createTestDatabase();
    second = await createTestDatabase();
    demo = await seedDemo(first.handle.db, { ...OPTIONS, onProgress: (p) => progress.push(p) });
    await seedDemo(second.handle.db, OPTIONS);
  }, 240_000);
  afterAll(async () => {
    await first?.drop();
    await second?.drop();
  });

  it("made the sizes asked for", () => {
    expect(demo.sales.distributors).toBe(50);
    expect(demo.sales.outlets).toBe(400);
    expect(demo.sales.skus).toBe(30);
    expect(demo.sales.orders).toBeGreaterThan(300);
    // The strike rate is chosen for the target; stock-outs and clipping take a little off.
    expect(demo.sales.orderLines).toBeGreaterThan(4000);
    expect(demo.sales.orderLines).toBeLessThan(6000);
  });

  it("keeps every stock balance equal to the sums of its movements", async () => {
    const mismatches = await rows(
      db(),
      sql<{ n: number }>`
        with m as (
          select distributor_id, sku_id, sum(on_hand_delta) as on_hand, sum(reserved_delta) as reserved,
                 sum(damaged_delta) as damaged
          from stock_movements where org_id = ${org()} group by distributor_id, sku_id
        )
        select count(*)::int as n from stock_balances b
        full join m on m.distributor_id = b.distributor_id and m.sku_id = b.sku_id
        where b.org_id = ${org()} and (m.distributor_id is null or b.distributor_id is null
          or b.on_hand <> m.on_hand or b.reserved <> m.reserved or b.damaged <> m.damaged)`,
    );
    expect(mismatches[0]?.n).toBe(0);
    const total = await rows(
      db(),
      sql<{ n: number }>`select count(*)::int as n from stock_balances where org_id = ${org()}`,
    );
    expect(total[0]?.n).toBe(50 * 30);
  });

  it("keeps every batch balance equal to its movements, and the batches adding up to the balance", async () => {
    const batchMismatch = await rows(
      db(),
      sql<{ n: number }>`
        with m as (
          select batch_id, sum(on_hand_delta) as on_hand, sum(damaged_delta) as damaged
          from stock_movements where org_id = ${org()} and batch_id is not null group by batch_id
        )
        select count(*)::int as n from stock_batch_balances bb
        full join m on m.batch_id = bb.batch_id
        where bb.org_id = ${org()} and (m.batch_id is null or bb.batch_id is null
          or bb.on_hand <> m.on_hand or bb.damaged <> m.damaged)`,
    );
    expect(batchMismatch[0]?.n).toBe(0);
    const sumMismatch = await rows(
      db(),
      sql<{ n: number }>`
        with bb as (
          select distributor_id, sku_id, sum(on_hand) as on_hand, sum(damaged) as damaged
          from stock_batch_balances where org_id = ${org()} group by distributor_id, sku_id
        )
        select count(*)::int as n from stock_balances b
        left join bb on bb.distributor_id = b.distributor_id and bb.sku_id = b.sku_id
        where b.org_id = ${org()} and (coalesce(bb.on_hand, 0) <> b.on_hand or coalesce(bb.damaged, 0) <> b.damaged)`,
    );
    expect(sumMismatch[0]?.n).toBe(0);
    // Movements that change on-hand or damaged stock always name a batch; reservations never do.
    const unbatched = await rows(
      db(),
      sql<{ n: number }>`select count(*)::int as n from stock_movements where org_id = ${org()}
        and ((batch_id is null and (on_hand_delta <> 0 or damaged_delta <> 0))
          or (kind in ('reservation', 'release') and batch_id is not null))`,
    );
    expect(unbatched[0]?.n).toBe(0);
  });

  it("never lets stock go negative or reservations exceed it, at the end or at any moment", async () => {
    const negative = await rows(
      db(),
      sql<{ n: number }>`select count(*)::int as n from stock_balances where org_id = ${org()}
        and (on_hand < 0 or reserved < 0 or damaged < 0 or reserved > on_hand)`,
    );
    expect(negative[0]?.n).toBe(0);
    const negativeBatches = await rows(
      db(),
      sql<{ n: number }>`select count(*)::int as n from stock_batch_balances where org_id = ${org()}
        and (on_hand < 0 or damaged < 0)`,
    );
    expect(negativeBatches[0]?.n).toBe(0);
    const running = await rows(
      db(),
      sql<{ min_on_hand: number; min_free: number; min_reserved: number }>`
        select min(on_hand)::int as min_on_hand, min(on_hand - reserved)::int as min_free,
               min(reserved)::int as min_reserved
        from (
          select sum(on_hand_delta) over w as on_hand, sum(reserved_delta) over w as reserved
          from stock_movements where org_id = ${org()}
          window w as (partition by distributor_id, sku_id order by created_at, id)
        ) x`,
    );
    expect(running[0]?.min_on_hand).toBeGreaterThanOrEqual(0);
    expect(running[0]?.min_reserved).toBeGreaterThanOrEqual(0);
    expect(running[0]?.min_free).toBeGreaterThanOrEqual(0);
  });

  it("reserves each line at confirmation and settles it by issue or release", async () => {
    const bad = await rows(
      db(),
      sql<{ n: number }>`
        with l as (
          select o.id, o.status, l.sku_id, sum(l.qty) as qty, sum(l.delivered_qty) as delivered
          from secondary_orders o join secondary_order_lines l on l.org_id = o.org_id and l.order_id = o.id
          where o.org_id = ${org()} group by o.id, o.status, l.sku_id
        ), m as (
          select ref_id, sku_id,
                 sum(reserved_delta) filter (where kind = 'reservation') as reserved,
                 sum(reserved_delta) as still_reserved,
                 -sum(on_hand_delta) filter (where kind = 'issue') as issued
          from stock_movements where org_id = ${org()} and ref_type = 'secondary_order' group by ref_id, sku_id
        )
        select count(*)::int as n from l left join m on m.ref_id = l.id and m.sku_id = l.sku_id
        where m.reserved is distinct from l.qty
           or coalesce(m.issued, 0) <> l.delivered
           or m.still_reserved <> case when l.status in ('confirmed', 'invoiced', 'dispatched') then l.qty else 0 end`,
    );
    expect(bad[0]?.n).toBe(0);
  });

  it("adds up every memo line by line, in whole pack sizes, at the resolved retailer price", async () => {
    const lineErrors = await rows(
      db(),
      sql<{ n: number }>`
        select count(*)::int as n from secondary_order_lines l
        join skus s on s.org_id = l.org_id and s.id = l.sku_id
        left join sku_units u on u.org_id = l.org_id and u.sku_id = l.sku_id and u.unit = l.entered_unit
        left join sku_units sb on sb.org_id = l.org_id and sb.sku_id = l.sku_id and sb.unit = s.sell_by_unit
        where l.org_id = ${org()} and (
          u.factor is null or l.qty <> l.entered_qty * u.factor
          or (sb.factor is not null and l.qty % sb.factor <> 0)
          or l.gross_poisha <> l.qty * l.unit_price_poisha
          or l.vat_rate_bp <> s.vat_rate_bp
          or l.vat_poisha <> (l.gross_poisha * l.vat_rate_bp * 2 + 10000) / 20000
          or l.total_poisha <> l.gross_poisha + l.vat_poisha
          or l.delivered_qty > l.qty or l.unit_price_poisha <= 0)`,
    );
    expect(lineErrors[0]?.n).toBe(0);
    const orderErrors = await rows(
      db(),
      sql<{ n: number }>`
        with s as (
          select order_id, sum(gross_poisha) as gross, sum(vat_poisha) as vat, sum(total_poisha) as total,
                 count(*) as lines, max(line_no) as max_no
          from secondary_order_lines where org_id = ${org()} group by order_id
        )
        select count(*)::int as n from secondary_orders o left join s on s.order_id = o.id
        where o.org_id = ${org()} and (s.order_id is null or o.subtotal_poisha <> s.gross or o.vat_poisha <> s.vat
          or o.total_poisha <> s.total or o.line_count <> s.lines or s.max_no <> s.lines
          or (o.status in ('delivered', 'returned') and o.delivered_total_poisha <> o.total_poisha)
          or (o.status = 'partially_delivered' and o.delivered_total_poisha >= o.total_poisha)
          or (o.status = 'returned' and o.returned_total_poisha <> o.delivered_total_poisha)
          or (o.status in ('invoiced', 'dispatched', 'delivered', 'partially_delivered', 'returned')
              and o.invoice_number is null)
          or o.number !~ '^SO-[0-9]{7}$')`,
    );
    expect(orderErrors[0]?.n).toBe(0);
    // Unit prices are the national list's retailer price where no override applies: not a wholesaler, not
    // the distributor with its own list, not inside a territory with its own list.
    const national = await rows(
      db(),
      sql<{ n: number; wrong: number }>`
        with overridden_distributors as (
          select distributor_id from price_lists where org_id = ${org()} and distributor_id is not null
        ), override_paths as (
          select t.path from price_lists p join territories t on t.org_id = p.org_id and t.id = p.territory_id
          where p.org_id = ${org()}
        )
        select count(*)::int as n, count(*) filter (where l.unit_price_poisha <> coalesce(i.retailer_price_poisha,
          (i.mrp_poisha * (10000 - i.retailer_margin_bp) * 2 + 10000) / 20000))::int as wrong
        from secondary_order_lines l
        join secondary_orders o on o.org_id = l.org_id and o.id = l.order_id
        join outlets ot on ot.org_id = o.org_id and ot.id = o.outlet_id
        join price_lists p on p.org_id = l.org_id and p.code = 'PL-NATIONAL'
        join price_list_items i on i.org_id = l.org_id and i.price_list_id = p.id and i.sku_id = l.sku_id
        where l.org_id = ${org()} and ot.channel <> 'wholesale'
          and o.distributor_id not in (select distributor_id from overridden_distributors)
          and not exists (select 1 from override_paths x where o.territory_path like x.path || '%')`,
    );
    expect(national[0]?.n).toBeGreaterThan(100);
    expect(national[0]?.wrong).toBe(0);
  });

  it("has the mix of statuses a working distributor has, with open orders in the last days only", async () => {
    const byStatus = await rows(
      db(),
      sql<{ status: string; n: number; first: string; last: string }>`
        select status, count(*)::int as n, min(order_date)::text as first, max(order_date)::text as last
        from secondary_orders where org_id = ${org()} group by status`,
    );
    const s = new Map(byStatus.map((r) => [r.status, r]));
    for (const status of ["delivered", "confirmed", "invoiced", "dispatched", "cancelled", "partially_delivered"]) {
      expect(s.get(status)?.n ?? 0, status).toBeGreaterThan(0);
    }
    for (const open of ["confirmed", "invoiced", "dispatched"]) {
      expect((s.get(open)?.first ?? "") >= "2026-11-22", `${open} since ${s.get(open)?.first}`).toBe(true);
    }
    expect((s.get("delivered")?.last ?? "") <= "2026-11-23").toBe(true);
    const events = await rows(
      db(),
      sql<{ n: number }>`
        select count(*)::int as n from secondary_orders o
        where o.org_id = ${org()} and (select e.to_status from secondary_order_events e
          where e.org_id = o.org_id and e.order_id = o.id order by e.at desc, e.id desc limit 1) <> o.status`,
    );
    expect(events[0]?.n).toBe(0);
  });

  it("keeps the dues equal to invoices less payments and returns", async () => {
    const [r] = await rows(
      db(),
      sql<{ invoices: number; delivered: number; payments: number; paid: number; returns: number; returned: number }>`
        select
          (select coalesce(sum(amount_poisha), 0)::bigint from receivable_entries where org_id = ${org()} and kind = 'invoice') as invoices,
          (select coalesce(sum(delivered_total_poisha), 0)::bigint from secondary_orders where org_id = ${org()}
             and status in ('delivered', 'partially_delivered', 'returned')) as delivered,
          (select coalesce(sum(amount_poisha), 0)::bigint from receivable_entries where org_id = ${org()} and kind = 'payment') as payments,
          (select coalesce(sum(amount_poisha), 0)::bigint from payments where org_id = ${org()}) as paid,
          (select coalesce(sum(amount_poisha), 0)::bigint from receivable_entries where org_id = ${org()} and kind = 'return') as returns,
          (select coalesce(sum(total_poisha), 0)::bigint from order_returns where org_id = ${org()}) as returned`,
    );
    expect(r?.invoices).toBe(r?.delivered);
    expect(r?.payments).toBe(-(r?.paid ?? 0));
    expect(r?.returns).toBe(-(r?.returned ?? 0));
    const overpaid = await rows(
      db(),
      sql<{ n: number }>`
        select count(*)::int as n from (
          select order_id, sum(amount_poisha) as due from receivable_entries where org_id = ${org()}
          group by order_id having sum(amount_poisha) < 0) x`,
    );
    expect(overpaid[0]?.n).toBe(0);
    // Some outlets are behind: dues past their due date, for the ageing report.
    const overdue = await rows(
      db(),
      sql<{ n: number }>`
        select count(*)::int as n from (
          select e.order_id from receivable_entries e where e.org_id = ${org()}
          group by e.order_id
          having sum(e.amount_poisha) > 0 and min(e.due_date) < ${AS_OF}::date) x`,
    );
    expect(overdue[0]?.n).toBeGreaterThan(0);
    // ...but few are past their credit limit, where the order service would refuse new memos.
    const [limits] = await rows(
      db(),
      sql<{ n: number; over: number }>`
        with d as (select outlet_id, sum(amount_poisha) as due from receivable_entries where org_id = ${org()} group by outlet_id),
        op as (select outlet_id, sum(total_poisha) as open from secondary_orders where org_id = ${org()}
          and status in ('confirmed', 'invoiced', 'dispatched') group by outlet_id)
        select count(*)::int as n,
               count(*) filter (where coalesce(d.due, 0) + coalesce(op.open, 0) > o.credit_limit_poisha)::int as over
        from outlets o left join d on d.outlet_id = o.id left join op on op.outlet_id = o.id where o.org_id = ${org()}`,
    );
    expect(limits?.over ?? 0).toBeLessThan((limits?.n ?? 0) * 0.03);
    const refs = await rows(
      db(),
      sql<{ n: number; bad: number }>`
        select count(*)::int as n,
               count(*) filter (where reference !~ '^[A-Z0-9]{10}$')::int as bad
        from payments where org_id = ${org()} and method in ('bkash', 'nagad', 'rocket')`,
    );
    expect(refs[0]?.n).toBeGreaterThan(0);
    expect(refs[0]?.bad).toBe(0);
  });

  it("serves every outlet from a distributor covering its beat, and covers every beat of the tree", async () => {
    const uncovered = await rows(
      db(),
      sql<{ n: number }>`
        select count(*)::int as n from outlets o
        join territories r on r.org_id = o.org_id and r.id = o.route_id and r.level = 'route'
        where o.org_id = ${org()} and not exists (
          select 1 from distributor_territories dt where dt.org_id = o.org_id
            and dt.distributor_id = o.distributor_id and dt.territory_id = r.parent_id)`,
    );
    expect(uncovered[0]?.n).toBe(0);
    const routesWithout = await rows(
      db(),
      sql<{ n: number }>`
        select count(*)::int as n from territories r where r.org_id = ${org()} and r.level = 'route'
          and not exists (select 1 from distributor_territories dt where dt.org_id = r.org_id and dt.territory_id = r.parent_id)
          or (r.org_id = ${org()} and r.level = 'route' and not exists (
            select 1 from route_assignments ra where ra.org_id = r.org_id and ra.route_id = r.id))`,
    );
    expect(routesWithout[0]?.n).toBe(0);
    const assignments = await rows(
      db(),
      sql<{ n: number }>`
        select count(*)::int as n from outlets o where o.org_id = ${org()} and not exists (
          select 1 from outlet_assignments a where a.org_id = o.org_id and a.outlet_id = o.id
            and a.distributor_id = o.distributor_id and a.route_id = o.route_id)`,
    );
    expect(assignments[0]?.n).toBe(0);
    const searchable = await rows(
      db(),
      sql<{ blank: number; mudi: number }>`
        select count(*) filter (where search_text = '')::int as blank,
               count(*) filter (where name like '%Mudi Dokan%' and name_bn like '%মুদি দোকান%')::int as mudi
        from outlets where org_id = ${org()}`,
    );
    expect(searchable[0]?.blank).toBe(0);
    expect(searchable[0]?.mudi).toBeGreaterThan(0);
  });

  it("links the fixed demo users: the rep's beats, their distributor, and a retailer on the first beat", async () => {
    const rep = demo.usersByRole.rep;
    const [links] = await rows(
      db(),
      sql<{ rep_territory: string; dist_covers: boolean; outlet_route_parent: string; phones_match: boolean }>`
        select r.territory_id as rep_territory,
          exists (select 1 from distributor_territories dt where dt.org_id = d.org_id
            and dt.distributor_id = d.distributor_id and dt.territory_id = r.territory_id) as dist_covers,
          rt.parent_id as outlet_route_parent,
          (ret.phone = o.phone) as phones_match
        from users r
        join users d on d.org_id = r.org_id and d.id = ${demo.usersByRole.distributor}
        join users ret on ret.org_id = r.org_id and ret.id = ${demo.usersByRole.retailer}
        join outlets o on o.org_id = ret.org_id and o.id = ret.outlet_id
        join territories rt on rt.org_id = o.org_id and rt.id = o.route_id
        where r.org_id = ${org()} and r.id = ${rep}`,
    );
    expect(links?.dist_covers).toBe(true);
    expect(links?.outlet_route_parent).toBe(links?.rep_territory);
    expect(links?.phones_match).toBe(true);
    const notRep = await rows(
      db(),
      sql<{ n: number }>`
        select count(*)::int as n from territories t
        join route_assignments ra on ra.org_id = t.org_id and ra.route_id = t.id
        where t.org_id = ${org()} and t.parent_id = ${links?.rep_territory ?? ""} and ra.rep_user_id <> ${rep}`,
    );
    expect(notRep[0]?.n).toBe(0);
    const repOrders = await rows(
      db(),
      sql<{
        n: number;
      }>`select count(*)::int as n from secondary_orders where org_id = ${org()} and rep_user_id = ${rep}`,
    );
    expect(repOrders[0]?.n).toBeGreaterThan(0);
  });

  it("continues the document numbers after the seeded ones", async () => {
    const counters = await rows(
      db(),
      sql<{
        series: string;
        next_value: number;
      }>`select series, next_value from document_counters where org_id = ${org()}`,
    );
    const next = new Map(counters.map((c) => [c.series, Number(c.next_value)]));
    const [n] = await rows(
      db(),
      sql<{ so: number; po: number; rcpt: number; ret: number }>`
        select (select count(*) from secondary_orders where org_id = ${org()})::int as so,
               (select count(*) from primary_orders where org_id = ${org()})::int as po,
               (select count(*) from payments where org_id = ${org()})::int as rcpt,
               (select count(*) from order_returns where org_id = ${org()})::int as ret`,
    );
    // Order numbers come from the org's sequence (see 2026-11-24-6_create-order-number-sequences.sql).
    const [so] = await rows(
      db(),
      sql<{ last: string | null }>`select last_value::text as last from pg_sequences
        where sequencename = order_number_sequence(${org()})`,
    );
    expect(Number(so?.last)).toBe(n?.so ?? 0);
    expect(next.has("SO")).toBe(false);
    expect(next.get("PO")).toBe((n?.po ?? 0) + 1);
    expect(next.get("RCPT")).toBe((n?.rcpt ?? 0) + 1);
    expect(next.get("RET")).toBe((n?.ret ?? 0) + 1);
    const invoices = await rows(
      db(),
      sql<{ n: number }>`
        select count(*)::int as n from distributors d
        left join document_counters c on c.org_id = d.org_id and c.series = 'INV:' || d.id
        where d.org_id = ${org()} and c.next_value is distinct from 1 + (select count(*) from secondary_orders o
          where o.org_id = d.org_id and o.distributor_id = d.id and o.invoice_number is not null)`,
    );
    expect(invoices[0]?.n).toBe(0);
  });

  it("makes the same data from the same seed on another database", async () => {
    const fingerprint = async (handle: TestDatabase) => {
      const [r] = await rows(
        handle.handle.db,
        sql<{ orders: string; lines: string; movements: string; payments: string; outlets: string }>`
          select
            (select md5(string_agg(id::text || number || total_poisha || status, ',' order by id)) from secondary_orders) as orders,
            (select md5(string_agg(order_id::text || line_no || sku_id || qty, ',' order by order_id, line_no)) from secondary_order_lines) as lines,
            (select md5(string_agg(id::text || kind || on_hand_delta || reserved_delta || coalesce(batch_id::text, ''), ',' order by id)) from stock_movements) as movements,
            (select md5(string_agg(id::text || number || amount_poisha || coalesce(reference, ''), ',' order by id)) from payments) as payments,
            (select md5(string_agg(id::text || name || name_bn || coalesce(phone, ''), ',' order by id)) from outlets) as outlets`,
      );
      return r;
    };
    const a = await fingerprint(first);
    expect(a?.orders).toBeTruthy();
    expect(await fingerprint(second)).toEqual(a);
  });

  it("reports its progress after every day of history, ending with what it made", () => {
    // Two months back from 2026-11-24: 2026-09-24 to 2026-11-24, both included.
    expect(progress.map((p) => p.daysDone)).toEqual(Array.from({ length: 62 }, (_, i) => i + 1));
    expect(progress.every((p) => p.days === 62)).toBe(true);
    expect(progress[0]?.day).toBe("2026-09-24");
    const last = progress.at(-1);
    expect(last?.day).toBe(AS_OF);
    expect(last?.orderLines).toBe(demo.sales.orderLines);
    expect(last?.orders).toBe(demo.sales.orders);
    expect(last?.payments).toBe(demo.sales.payments);
  });

  it("defaults to the full demo: 20,000 outlets and about a million order lines", () => {
    expect(DEFAULT_DEMO.orderLines).toBe(1_000_000);
    expect(DEFAULT_DEMO.outlets).toBe(20_000);
  });
});
