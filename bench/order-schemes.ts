// Fifty trade schemes in force for the `order-capture` benchmark, a mix like a real trade-marketing calendar: percent
// off pairs of SKUs (half the range on a deal), flat amounts on stepped quantity slabs, channel deals, memo-level
// value slabs per channel, buy-X-get-Y free (the same SKU, repeating, and another SKU), must-buy bundles, exclusive
// A-class deals, regional deals, a distributor-funded one and one for a list of key outlets. About half have a
// budget (10 crore taka: never used up in a run, but every confirmation reserves against it) and five a per-outlet
// cap. The traffic's memos (5 of the 40 bench SKUs, 1 to 3 pieces each) each see several: two memo-level slabs
// (their channel's and everyone's), two or three pair percents, often a flat slab or a free good.
import { sql } from "kysely";
import type { z } from "zod";
import type { Ctx } from "../src/server/platform/context.ts";
import { createScheme, transitionScheme } from "../src/server/promotions/promotions.service.ts";
import { CreateSchemeRequest } from "../src/shared/contracts/promotions.ts";
import { businessDate } from "../src/shared/format.ts";
import type { SchemeBenefit, SchemeDefinition } from "../src/shared/pricing/scheme-types.ts";

export const BENCH_SCHEME_COUNT = 50;

/** What the promotions API takes to create a scheme. */
export type BenchScheme = z.input<typeof CreateSchemeRequest>;
type Targeting = NonNullable<BenchScheme["targeting"]>;

export interface SchemeMixInput {
  /** The traffic's SKUs (40), each sold by the piece with a national price. */
  skuIds: readonly string[];
  /** The organisation's regions (targets by territory subtree). */
  regionIds: readonly string[];
  distributorIds: readonly string[];
  /** A few of the traffic's outlets, for a scheme on an outlet list. */
  outletIds: readonly string[];
  /** The business date the run takes orders on: every scheme is in force around it. */
  today: string;
}

const CHANNELS = ["grocery", "pharmacy", "cosmetics", "confectionery", "wholesale"] as const;

const noTargeting = (): Targeting => ({
  territoryIds: [],
  channels: [],
  outletClasses: [],
  distributorIds: [],
  outletIds: [],
});

const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** The fifty schemes: deterministic for the same input. */
export function benchSchemeMix(input: SchemeMixInput): BenchScheme[] {
  const { skuIds, regionIds, distributorIds, outletIds, today } = input;
  if (skuIds.length < 40 || regionIds.length === 0 || distributorIds.length === 0 || outletIds.length === 0)
    throw new Error("the scheme mix needs 40 SKUs, regions, distributors and outlets");
  const sku = (i: number) => skuIds[i % skuIds.length] as string;
  const group = (start: number, size: number) => Array.from({ length: size }, (_, k) => sku(start + k));
  const out: BenchScheme[] = [];
  const add = (
    code: string,
    name: string,
    rule: SchemeDefinition["rule"],
    over: { priority?: number; stacking?: SchemeDefinition["stacking"]; targeting?: Targeting } = {},
    money: { perOutletCapPoisha?: number } = {},
  ) => {
    const n = out.length;
    out.push({
      code,
      name,
      nameBn: name,
      facing: "secondary",
      validFrom: addDays(today, -10 - (n % 7)),
      validTo: addDays(today, 20 + (n % 11)),
      priority: over.priority ?? 100 + n,
      stacking: over.stacking ?? "stackable",
      targeting: over.targeting ?? noTargeting(),
      rule,
      // Every other scheme has a budget of 10 crore taka: never used up in a run, but reserved against per order.
      budgetPoisha: n % 2 === 0 ? 1_000_000_000_00 : null,
      perOutletCapPoisha: money.perOutletCapPoisha ?? null,
    });
  };
  const percent = (bp: number): SchemeBenefit => ({ type: "percent", bp });
  const flat = (poisha: number): SchemeBenefit => ({ type: "flat", poisha });

  // 10 x percent off a pair of SKUs from the first piece (half the range is on a deal; a memo hits about 2).
  for (let g = 0; g < 10; g++) {
    add(`BENCH-PCT-${g + 1}`, `Pair ${g + 1} ${2 + (g % 4)} % off`, {
      kind: "slab",
      skuIds: group(g * 4, 2),
      measure: "qty",
      mode: "once",
      slabs: [{ min: 1, benefit: percent(200 + (g % 4) * 100) }],
    });
  }
  // 4 x flat off on stepped quantity slabs over 6 SKUs.
  for (let g = 0; g < 4; g++) {
    add(`BENCH-FLAT-${g + 1}`, `Group ${g + 1} stepped taka off`, {
      kind: "slab",
      skuIds: group(g * 10 + 2, 6),
      measure: "qty",
      mode: "stepped",
      slabs: [
        { min: 3, benefit: flat(500) },
        { min: 5, benefit: flat(1_500) },
        { min: 7, benefit: flat(3_000) },
      ],
    });
  }
  // 4 x percent off a group of 4 SKUs for one channel.
  for (let g = 0; g < 4; g++) {
    add(
      `BENCH-CH-${g + 1}`,
      `Channel deal ${g + 1}`,
      {
        kind: "slab",
        skuIds: group(g * 9 + 5, 4),
        measure: "qty",
        mode: "once",
        slabs: [{ min: 2, benefit: percent(400) }],
      },
      { targeting: { ...noTargeting(), channels: [CHANNELS[g % CHANNELS.length] as string] } },
    );
  }
  // 6 x memo-level value slabs: one per channel and one for every outlet.
  for (const [i, channel] of [...CHANNELS, null].entries()) {
    add(
      `BENCH-MEMO-${channel ?? "ALL"}`.toUpperCase(),
      `Memo value slab ${channel ?? "all"}`,
      {
        kind: "slab",
        skuIds: [],
        measure: "value",
        mode: "stepped",
        slabs: [
          { min: 10_000, benefit: percent(50) },
          { min: 50_000, benefit: percent(100) },
          { min: 150_000, benefit: percent(150) },
        ],
      },
      { priority: 500 + i, targeting: { ...noTargeting(), channels: channel ? [channel] : [] } },
    );
  }
  // 5 x buy 2 get 1 of the same SKU, repeating (4 get 2 ...), each with a per-outlet cap.
  for (let g = 0; g < 5; g++) {
    const s = sku(3 + g * 7);
    add(
      `BENCH-B2G1-${g + 1}`,
      `Buy 2 get 1 (${g + 1})`,
      {
        kind: "slab",
        skuIds: [s],
        measure: "qty",
        mode: "repeating",
        slabs: [{ min: 2, benefit: { type: "free_goods", skuId: s, qty: 1 } }],
      },
      {},
      { perOutletCapPoisha: 5_000_000_00 },
    );
  }
  // 3 x buy 3 of a group, get 1 of another SKU free.
  for (let g = 0; g < 3; g++) {
    add(`BENCH-CROSS-${g + 1}`, `Buy 3 get another free (${g + 1})`, {
      kind: "slab",
      skuIds: group(20 + g * 6, 6),
      measure: "qty",
      mode: "once",
      slabs: [{ min: 3, benefit: { type: "free_goods", skuId: sku(g * 11 + 1), qty: 1 } }],
    });
  }
  // 6 x must-buy bundles of two or three SKUs.
  for (let g = 0; g < 6; g++) {
    const components = group(g * 6 + 2, g % 2 === 0 ? 2 : 3).map((skuId) => ({ skuId, qty: 1 }));
    add(`BENCH-BUNDLE-${g + 1}`, `Bundle ${g + 1}`, {
      kind: "bundle",
      components,
      benefit: g % 2 === 0 ? percent(500) : flat(2_000),
    });
  }
  // 4 x exclusive deals for A-class outlets: run first and claim their lines.
  for (let g = 0; g < 4; g++) {
    add(
      `BENCH-EXCL-A-${g + 1}`,
      `A-class exclusive ${g + 1}`,
      {
        kind: "slab",
        skuIds: group(g * 10, 10),
        measure: "value",
        mode: "once",
        slabs: [{ min: 5_000, benefit: percent(800) }],
      },
      { priority: 10 + g, stacking: "exclusive", targeting: { ...noTargeting(), outletClasses: ["A"] } },
    );
  }
  // 6 x regional percent deals on a group of 5 SKUs.
  for (let g = 0; g < 6; g++) {
    add(
      `BENCH-REGION-${g + 1}`,
      `Regional deal ${g + 1}`,
      {
        kind: "slab",
        skuIds: group(g * 6 + 1, 5),
        measure: "qty",
        mode: "once",
        slabs: [
          { min: 2, benefit: percent(150) },
          { min: 5, benefit: percent(300) },
        ],
      },
      {
        targeting: {
          ...noTargeting(),
          territoryIds: [regionIds[g % regionIds.length] as string, regionIds[(g + 3) % regionIds.length] as string],
        },
      },
    );
  }
  // 1 x distributor-funded scheme for a third of the distributors; 1 x for an outlet list.
  add(
    "BENCH-DIST",
    "Distributor-funded 3 % off",
    { kind: "slab", skuIds: group(30, 10), measure: "qty", mode: "once", slabs: [{ min: 3, benefit: percent(300) }] },
    { targeting: { ...noTargeting(), distributorIds: distributorIds.filter((_, i) => i % 3 === 0) } },
  );
  add(
    "BENCH-OUTLETS",
    "Key outlets 5 % off",
    { kind: "slab", skuIds: [], measure: "value", mode: "once", slabs: [{ min: 1, benefit: percent(500) }] },
    { targeting: { ...noTargeting(), outletIds: [...outletIds] } },
  );
  if (out.length !== BENCH_SCHEME_COUNT)
    throw new Error(`the mix has ${out.length} schemes, not ${BENCH_SCHEME_COUNT}`);
  return out;
}

/** The bench's schemes in the bench database, switched on and off through the promotions service. */
export interface BenchSchemes {
  count: number;
  on: () => Promise<void>;
  off: () => Promise<void>;
  /** Ended when the benchmark closes, so the next run starts without them. */
  end: () => Promise<void>;
  /** The database's clock, to count what the schemes gave from a moment on. */
  clock: () => Promise<Date>;
  givenSince: (from: Date) => Promise<SchemesGiven>;
}

export interface SchemesGiven {
  orders: number;
  ordersWithSchemes: number;
  grants: number;
  discountPoisha: number;
  freeLines: number;
}

/**
 * Create the fifty schemes (drafts, a fresh code suffix per benchmark run), after ending what an earlier run that
 * died left behind and pausing any other scheme in force (a demo's), so that "without schemes" means without.
 */
export async function benchSchemes(
  ctx: Ctx,
  traffic: { orgId: string; outlets: readonly { id: string; distributor_id: string }[]; skus: readonly string[] },
): Promise<BenchSchemes> {
  const { db } = ctx;
  const { orgId } = traffic;
  const others = (
    await sql<{ id: string; code: string }>`
      select id, code from promo_schemes
      where org_id = ${orgId} and archived_at is null and status = 'active'`.execute(db)
  ).rows;
  const leftovers = (
    await sql<{ id: string }>`
      select id from promo_schemes
      where org_id = ${orgId} and code like 'BENCH-%' and status in ('draft', 'paused')`.execute(db)
  ).rows;
  for (const s of others) await transitionScheme(ctx, s.id, s.code.startsWith("BENCH-") ? "end" : "pause");
  for (const s of leftovers) await transitionScheme(ctx, s.id, "end");
  const paused = others.filter((s) => !s.code.startsWith("BENCH-"));
  if (paused.length > 0) console.error(`paused ${paused.length} other schemes in force for the run`);

  const regionIds = (
    await sql<{ id: string }>`
      select id from territories where org_id = ${orgId} and level = 'region' order by path`.execute(db)
  ).rows.map((r) => r.id);
  const mix = benchSchemeMix({
    skuIds: traffic.skus,
    regionIds,
    distributorIds: [...new Set(traffic.outlets.map((o) => o.distributor_id))].sort(),
    outletIds: traffic.outlets.slice(0, 25).map((o) => o.id),
    today: businessDate(),
  });
  const tag = Date.now().toString(36).toUpperCase();
  const ids: string[] = [];
  for (const scheme of mix) {
    const created = await createScheme(ctx, CreateSchemeRequest.parse({ ...scheme, code: `${scheme.code}-${tag}` }));
    ids.push(created.id);
  }
  const all = (action: "activate" | "pause" | "end") => async () => {
    for (const id of ids) await transitionScheme(ctx, id, action);
  };
  return {
    count: ids.length,
    on: all("activate"),
    off: all("pause"),
    end: async () => {
      await all("end")();
      for (const s of paused) await transitionScheme(ctx, s.id, "activate");
    },
    clock: async () => {
      const r = await sql<{ now: Date }>`select clock_timestamp() as now`.execute(db);
      return new Date(r.rows[0]?.now ?? Date.now());
    },
    givenSince: async (from) => {
      const r = await sql<SchemesGiven>`
        select
          (select count(*)::int from secondary_orders
            where org_id = ${orgId} and created_at >= ${from}) as orders,
          (select count(distinct order_id)::int from promo_grants
            where org_id = ${orgId} and created_at >= ${from}) as "ordersWithSchemes",
          (select count(*)::int from promo_grants where org_id = ${orgId} and created_at >= ${from}) as grants,
          (select coalesce(sum(discount_poisha), 0)::bigint from promo_grants
            where org_id = ${orgId} and created_at >= ${from}) as "discountPoisha",
          (select count(*)::int from secondary_order_lines l
            join secondary_orders o on o.org_id = l.org_id and o.id = l.order_id
            where o.org_id = ${orgId} and o.created_at >= ${from} and l.free_of_scheme_id is not null) as "freeLines"
      `.execute(db);
      const row = r.rows[0];
      if (!row) throw new Error("no count of what the schemes gave");
      return { ...row, discountPoisha: Number(row.discountPoisha) };
    },
  };
}
