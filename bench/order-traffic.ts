// Order traffic for benchmarks: the demo admin's service context, enough free stock at every distributor, and
// bodies of 5-line confirmed orders for outlets with room under their credit limit, each a different mix.
import { sql } from "kysely";
import type { Db } from "../src/server/db/transaction.ts";
import { DEFAULT_DEMO } from "../src/server/demo/demo-seed.ts";
import { createRng } from "../src/server/demo/seeded-random.ts";
import { adjustStock } from "../src/server/inventory/inventory.service.ts";
import type { Ctx } from "../src/server/platform/context.ts";
import { actorFromUser } from "../src/server/users/auth.service.ts";
import { findUserByEmail } from "../src/server/users/users.repository.ts";

export const LINES_PER_ORDER = 5;

export async function orderTraffic(db: Db, seed: string) {
  const adminRow = await findUserByEmail(db, `admin@${DEFAULT_DEMO.emailDomain}`);
  if (!adminRow) throw new Error("the demo admin is missing");
  const ctx: Ctx = {
    db,
    locale: "en",
    requestId: null,
    ip: null,
    userAgent: null,
    actor: actorFromUser(adminRow, "token"),
  };
  const orgId = adminRow.org_id;

  // Outlets with room under their credit limit (or with none: open credit), and SKUs sold by the piece that
  // every outlet has a price for.
  const outlets = (
    await sql<{ id: string; distributor_id: string }>`
      select o.id, o.distributor_id from outlets o
      where o.org_id = ${orgId} and o.status = 'active' and o.distributor_id is not null
        and (o.credit_limit_poisha is null or o.credit_limit_poisha
          - coalesce((select sum(e.amount_poisha) from receivable_entries e
              where e.org_id = o.org_id and e.outlet_id = o.id), 0)
          - coalesce((select sum(so.total_poisha) from secondary_orders so where so.org_id = o.org_id
              and so.outlet_id = o.id and so.status in ('confirmed', 'invoiced', 'dispatched')), 0) > 1000000)
      order by o.id`.execute(db)
  ).rows;
  const skus = (
    await sql<{ id: string }>`
      select s.id from skus s where s.org_id = ${orgId} and s.sell_by_unit is null and s.archived_at is null
        and exists (select 1 from price_list_items i join price_lists p on p.org_id = i.org_id and p.id = i.price_list_id
          where i.org_id = s.org_id and i.sku_id = s.id and p.code = 'PL-NATIONAL')
      order by s.code limit 40`.execute(db)
  ).rows.map((r) => r.id);
  if (outlets.length < 100 || skus.length < LINES_PER_ORDER) throw new Error("not enough demo outlets or SKUs");

  // Enough free stock at every distributor for the whole run, added as receipts through the inventory service.
  const distributors = [...new Set(outlets.map((o) => o.distributor_id))];
  const topUp = 20_000;
  const t0 = Date.now();
  const low = (
    await sql<{ distributor_id: string; sku_id: string; free: number }>`
      select d.id as distributor_id, s.id as sku_id,
             coalesce((select b.on_hand - b.reserved from stock_balances b where b.org_id = d.org_id
               and b.distributor_id = d.id and b.sku_id = s.id), 0) as free
      from distributors d cross join skus s
      where d.org_id = ${orgId} and s.org_id = ${orgId} and s.id in (${sql.join(skus)})`.execute(db)
  ).rows.filter((r) => r.free < topUp / 2);
  for (const r of low) {
    await adjustStock(ctx, {
      distributorId: r.distributor_id,
      skuId: r.sku_id,
      qtyDelta: topUp,
      batchNo: "BENCH-TOPUP",
      reason: "Benchmark stock top-up",
    });
  }
  console.error(`topped up ${low.length} of ${distributors.length * skus.length} stock rows in ${Date.now() - t0} ms`);

  const rng = createRng(seed);
  const nextBody = () => {
    const outlet = rng.pick(outlets);
    const picked = rng.shuffle(skus).slice(0, LINES_PER_ORDER);
    return {
      outletId: outlet.id,
      confirm: true,
      lines: picked.map((skuId) => ({ skuId, qty: rng.int(1, 3), unit: "piece" })),
    };
  };
  return { ctx, orgId, nextBody, outlets, skus };
}
