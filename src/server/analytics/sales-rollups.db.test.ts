// The rollups against the orders they summarise: after any mix of orders, cancellations, deliveries and returns
// (made through the API, so through the real use cases), (1) the incrementally kept rollups equal a rebuild from
// scratch, and (2) every dashboard figure equals the same figure computed here, straight from the orders.
import fc from "fast-check";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OutletAnalyticsResponse, SalesMeasures, SalesResponse } from "../../shared/contracts/analytics.ts";
import { addDays, businessDate } from "../../shared/format.ts";
import { receiveStock } from "../inventory/stock-ledger.ts";
import { createSalesFixture, type SalesFixture } from "../testing/sales-fixture.ts";
import { type Caller, createTestApp, ORG_A_DOMAIN, ORG_B_DOMAIN, signIn, type TestApp } from "../testing/test-app.ts";
import { startSalesRollupWorker } from "./sales-rollup-worker.ts";
import { ROLLUP_TABLES } from "./sales-rollups.repository.ts";
import { applyPendingSalesChanges, rebuildSalesRollups } from "./sales-rollups.service.ts";

let t: TestApp;
let f: SalesFixture;
let admin: Caller;
let manager: Caller;
let distributor: Caller;
let otherOrg: Caller;
const today = businessDate();
const from = addDays(today, -6);

beforeAll(async () => {
  t = await createTestApp();
  f = await createSalesFixture(t.database.handle.db, t.orgA, { soapStock: 1_000_000, biscuitStock: 1_000_000 });
  await receiveStock(
    t.database.handle.db,
    t.orgA.orgId,
    f.otherDistributorId,
    [
      { skuId: f.soapId, batchNo: "O-S", expiryDate: "2030-01-31", qty: 1_000_000 },
      { skuId: f.biscuitId, batchNo: "O-B", expiryDate: "2030-01-31", qty: 1_000_000 },
    ],
    "opening",
    { refType: "fixture", refId: f.otherDistributorId, createdBy: null },
  );
  admin = await signIn(t.app, `admin@${ORG_A_DOMAIN}`);
  manager = await signIn(t.app, `manager@${ORG_A_DOMAIN}`);
  distributor = await signIn(t.app, `distributor@${ORG_A_DOMAIN}`);
  otherOrg = await signIn(t.app, `admin@${ORG_B_DOMAIN}`);
  await rebuildSalesRollups(t.database.handle.db, t.orgA.orgId);
}, 120_000);
afterAll(() => t?.close());

type Fate = "none" | "cancel" | "deliver" | "deliver_short" | "return";

const orderArb = fc.record({
  outlet: fc.constantFrom<"outletId" | "secondOutletId" | "farOutletId">("outletId", "secondOutletId", "farOutletId"),
  lines: fc.uniqueArray(
    fc.record({
      sku: fc.constantFrom<"soapId" | "biscuitId">("soapId", "biscuitId"),
      qty: fc.integer({ min: 1, max: 40 }),
    }),
    {
      minLength: 1,
      maxLength: 2,
      selector: (l) => l.sku,
    },
  ),
  // Both periods of the dashboard: the last 7 days and the 7 before.
  daysBack: fc.integer({ min: 0, max: 13 }),
  draftFirst: fc.boolean(),
  fate: fc.constantFrom<Fate>("none", "cancel", "deliver", "deliver_short", "return"),
});

async function ok(res: { statusCode: number; body: string }, status = 200) {
  expect(res.statusCode, res.body).toBe(status);
  return JSON.parse(res.body) as { id: string; lines: { lineNo: number; qty: number; deliveredQty: number }[] };
}

type OrderSpec = typeof orderArb extends fc.Arbitrary<infer T> ? T : never;

async function play(o: OrderSpec) {
  const created = await ok(
    await admin.request("POST", "/api/v1/secondary-orders", {
      outletId: f[o.outlet],
      orderDate: addDays(today, -o.daysBack),
      confirm: !o.draftFirst,
      lines: o.lines.map((l) => ({ skuId: f[l.sku], qty: l.qty, unit: "piece" })),
    }),
    201,
  );
  const id = created.id;
  const post = (action: string, body: unknown = {}) =>
    admin.request("POST", `/api/v1/secondary-orders/${id}/${action}`, body);
  if (o.draftFirst) {
    if (o.fate === "none") return; // stays a draft: never counted
    await ok(await post("confirm"));
  }
  if (o.fate === "cancel") return void (await ok(await post("cancel", { reason: "test" })));
  if (o.fate === "none") return;
  await ok(await post("invoice"));
  const short = o.fate === "deliver_short" || o.fate === "return";
  const delivered = await ok(
    await post("deliver", {
      lines: short ? created.lines.map((l) => ({ lineNo: l.lineNo, deliveredQty: Math.floor(l.qty / 2) })) : [],
    }),
  );
  if (o.fate !== "return") return;
  const back = delivered.lines.filter((l) => l.deliveredQty > 0);
  if (back.length === 0) return;
  await ok(
    await post("returns", {
      reason: "damaged in transit",
      lines: back.map((l) => ({ lineNo: l.lineNo, qty: 1, condition: "damaged" })),
    }),
  );
}

type Row = Record<string, string | number>;

/** Every non-empty rollup row of org A, as comparable strings. */
async function rollupRows(): Promise<Record<string, string[]>> {
  const db = t.database.handle.db;
  const out: Record<string, string[]> = {};
  for (const table of ROLLUP_TABLES) {
    const rows = (await db
      .selectFrom(table)
      .selectAll()
      .where("org_id", "=", t.orgA.orgId)
      .execute()) as unknown as Row[];
    out[table] = rows
      .map((r) =>
        JSON.stringify(
          Object.keys(r)
            .sort()
            .map((k) => [k, String(r[k])]),
        ),
      )
      .sort();
  }
  return out;
}

interface Fact {
  day: string;
  path: string;
  distributorId: string;
  outletId: string;
  skuId: string;
  brandId: string;
  orderId: string | null;
  lines: number;
  orderedQty: number;
  orderedPoisha: number;
  deliveredQty: number;
  deliveredPoisha: number;
  returnedQty: number;
  returnedPoisha: number;
}

/** The facts of org A straight from the orders (not through any rollup code). */
async function factsFromOrders(): Promise<Fact[]> {
  const db = t.database.handle.db;
  const lines = await db
    .selectFrom("secondary_orders as o")
    .innerJoin("secondary_order_lines as l", (j) =>
      j.onRef("l.org_id", "=", "o.org_id").onRef("l.order_id", "=", "o.id"),
    )
    .innerJoin("skus as s", (j) => j.onRef("s.org_id", "=", "l.org_id").onRef("s.id", "=", "l.sku_id"))
    .select([
      "o.id",
      "o.order_date",
      "o.territory_path",
      "o.distributor_id",
      "o.outlet_id",
      "o.status",
      "l.sku_id",
      "s.brand_id",
      "l.qty",
      "l.total_poisha",
      "l.delivered_qty",
    ])
    .where("o.org_id", "=", t.orgA.orgId)
    .execute();
  const facts: Fact[] = [];
  for (const l of lines) {
    if (l.status === "draft" || l.status === "cancelled") continue;
    const total = Number(l.total_poisha);
    facts.push({
      day: l.order_date,
      path: l.territory_path,
      distributorId: l.distributor_id,
      outletId: l.outlet_id,
      skuId: l.sku_id,
      brandId: l.brand_id,
      orderId: l.id,
      lines: 1,
      orderedQty: l.qty,
      orderedPoisha: total,
      deliveredQty: l.delivered_qty,
      deliveredPoisha: Math.round((total * l.delivered_qty) / l.qty),
      returnedQty: 0,
      returnedPoisha: 0,
    });
  }
  const returns = await db
    .selectFrom("order_returns as rt")
    .innerJoin("secondary_orders as o", (j) => j.onRef("o.org_id", "=", "rt.org_id").onRef("o.id", "=", "rt.order_id"))
    .innerJoin("order_return_lines as r", (j) =>
      j.onRef("r.org_id", "=", "rt.org_id").onRef("r.return_id", "=", "rt.id"),
    )
    .innerJoin("skus as s", (j) => j.onRef("s.org_id", "=", "r.org_id").onRef("s.id", "=", "r.sku_id"))
    .select([
      "o.order_date",
      "o.territory_path",
      "o.distributor_id",
      "o.outlet_id",
      "r.sku_id",
      "s.brand_id",
      "r.qty",
      "r.amount_poisha",
    ])
    .where("rt.org_id", "=", t.orgA.orgId)
    .execute();
  for (const r of returns)
    facts.push({
      day: r.order_date,
      path: r.territory_path,
      distributorId: r.distributor_id,
      outletId: r.outlet_id,
      skuId: r.sku_id,
      brandId: r.brand_id,
      orderId: null,
      lines: 0,
      orderedQty: 0,
      orderedPoisha: 0,
      deliveredQty: 0,
      deliveredPoisha: 0,
      returnedQty: r.qty,
      returnedPoisha: Number(r.amount_poisha),
    });
  return facts;
}

function expected(facts: readonly Fact[], withOrders: boolean, withOutlets = withOrders): SalesMeasures {
  const sum = (k: keyof Fact) => facts.reduce((s, x) => s + Number(x[k]), 0);
  const orders = new Set(facts.filter((x) => x.orderId).map((x) => x.orderId));
  const outlets = new Set(facts.filter((x) => x.orderId).map((x) => x.outletId));
  return {
    orders: withOrders ? orders.size : null,
    orderLines: sum("lines"),
    orderedQty: sum("orderedQty"),
    orderedPoisha: sum("orderedPoisha"),
    deliveredQty: sum("deliveredQty"),
    deliveredPoisha: sum("deliveredPoisha"),
    returnedQty: sum("returnedQty"),
    returnedPoisha: sum("returnedPoisha"),
    netPoisha: sum("deliveredPoisha") - sum("returnedPoisha"),
    outletsOrdered: withOutlets ? outlets.size : null,
  };
}

const DAYS = 7;
const previousFrom = addDays(from, -DAYS);
const inPeriod = (x: Fact) => x.day >= from && x.day <= today;
const inPrevious = (x: Fact) => x.day >= previousFrom && x.day < from;

async function dashboard(caller: Caller, query: string): Promise<SalesResponse> {
  const res = await caller.request(
    "GET",
    `/api/v1/analytics/sales?from=${from}&to=${today}&limit=1000&coverage=outlets&${query}`,
  );
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as SalesResponse;
}

const hasAny = (xs: readonly Fact[]) => xs.some((x) => x.lines !== 0 || x.returnedQty !== 0);

/**
 * Each row of a breakdown against the facts grouped the same way, this period and the previous one (a group that
 * sold only last period is a row too: it fell to nothing). A previous day lines up with the day a period later.
 */
async function checkBreakdown(by: string, keyOf: (x: Fact) => string, withOrders: boolean, withOutlets = withOrders) {
  const facts = await factsFromOrders();
  const got = await dashboard(admin, `by=${by}`);
  const groups = new Map<string, { current: Fact[]; previous: Fact[] }>();
  for (const x of facts) {
    const side = inPeriod(x) ? "current" : inPrevious(x) ? "previous" : null;
    if (!side) continue;
    const key = keyOf(side === "previous" && by === "day" ? { ...x, day: addDays(x.day, DAYS) } : x);
    const g = groups.get(key) ?? { current: [], previous: [] };
    g[side].push(x);
    groups.set(key, g);
  }
  const shown = [...groups].filter(([, g]) => hasAny(g.current) || hasAny(g.previous));
  expect(got.rows.map((r) => r.key).sort(), by).toEqual(shown.map(([k]) => k).sort());
  for (const [key, g] of shown) {
    const row = got.rows.find((r) => r.key === key);
    expect(row?.current, `${by} ${key}`).toEqual(expected(g.current, withOrders, withOutlets));
    expect(row?.previous, `${by} ${key} previous`).toEqual(expected(g.previous, withOrders, withOutlets));
  }
  // Totals count memos and outlets whatever the breakdown: only a product filter makes them unknowable.
  expect(got.totals.current, `${by} totals`).toEqual(expected(facts.filter(inPeriod), true));
  expect(got.totals.previous, `${by} previous totals`).toEqual(expected(facts.filter(inPrevious), true));
}

const regionOf = (path: string) => path.split("/")[2] ?? "";

describe("sales rollups", () => {
  it("kept incrementally, equal a rebuild and the orders themselves, whatever happens to the memos", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(orderArb, { minLength: 3, maxLength: 8 }), async (orders) => {
        for (const o of orders) await play(o);
        await applyPendingSalesChanges(t.database.handle.db);
        const incremental = await rollupRows();
        await rebuildSalesRollups(t.database.handle.db, t.orgA.orgId);
        expect(await rollupRows()).toEqual(incremental);
        await checkBreakdown("territory", (x) => regionOf(x.path), true);
        await checkBreakdown("outlet", (x) => x.outletId, true);
        await checkBreakdown("sku", (x) => x.skuId, false);
        await checkBreakdown("brand", (x) => x.brandId, false);
        // A chart's buckets carry no outlet count (see COVERAGE_MAX_DAYS): sales only.
        await checkBreakdown("day", (x) => x.day, true, false);
      }),
      { numRuns: 5, endOnFailure: true },
    );
  }, 300_000);

  it("a manager's numbers cover exactly their subtree; a distributor's only its own; another org sees none", async () => {
    await applyPendingSalesChanges(t.database.handle.db);
    const facts = (await factsFromOrders()).filter(inPeriod);
    expect(DAYS).toBe(7);
    const mine = await dashboard(manager, "by=territory");
    const root = mine.breadcrumb[0];
    expect(root?.level).toBe("region");
    const path = (
      await t.database.handle.db
        .selectFrom("territories")
        .select("path")
        .where("id", "=", root?.id as string)
        .executeTakeFirstOrThrow()
    ).path;
    const inside = facts.filter((x) => x.path.startsWith(path));
    expect(inside.length).toBeGreaterThan(0);
    expect(inside.length).toBeLessThan(facts.length);
    expect(mine.totals.current).toEqual(expected(inside, true));

    const outside = facts.find((x) => !x.path.startsWith(path)) as Fact;
    const farRegion = regionOf(outside.path);
    const refused = await manager.request("GET", `/api/v1/analytics/sales?territoryId=${farRegion}`);
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.code).toBe("territory.not_found");

    const own = await dashboard(distributor, "by=outlet");
    expect(own.totals.current).toEqual(
      expected(
        facts.filter((x) => x.distributorId === f.distributorId),
        true,
      ),
    );
    const notOwn = await distributor.request("GET", `/api/v1/analytics/sales?distributorId=${f.otherDistributorId}`);
    expect(notOwn.statusCode).toBe(404);

    const other = await dashboard(otherOrg, "by=outlet");
    expect(other.rows.map((r) => r.key)).not.toContain(f.outletId);
    const leak = await otherOrg.request("GET", `/api/v1/analytics/outlets/${f.outletId}`);
    expect(leak.statusCode).toBe(404);
  });

  it("an outlet's page agrees with its row in the outlet breakdown and with its memos", async () => {
    await applyPendingSalesChanges(t.database.handle.db);
    const row = (await dashboard(admin, "by=outlet")).rows.find((r) => r.key === f.outletId);
    expect(row).toBeDefined();
    const res = await admin.request("GET", `/api/v1/analytics/outlets/${f.outletId}?from=${from}&to=${today}`);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as OutletAnalyticsResponse;
    expect(page.totals.current).toEqual({ ...row?.current, outletsOrdered: null });
    expect(page.outlet.breadcrumb.map((b) => b.level)).toEqual(["national", "region", "area", "territory", "route"]);
    const facts = (await factsFromOrders()).filter((x) => x.outletId === f.outletId && inPeriod(x));
    const bySku = new Map<string, number>();
    for (const x of facts) bySku.set(x.skuId, (bySku.get(x.skuId) ?? 0) + x.orderedPoisha);
    expect(Object.fromEntries(page.skus.map((s) => [s.skuId, s.orderedPoisha]))).toEqual(
      Object.fromEntries([...bySku].filter(([, v]) => v !== 0)),
    );
    expect(page.months).toHaveLength(12);
    expect(page.months.at(-1)?.month).toBe(today.slice(0, 7));
    expect(page.lastOrders.length).toBeGreaterThan(0);
    const managerView = await manager.request("GET", `/api/v1/analytics/outlets/${f.outletId}`);
    expect(managerView.statusCode).toBe(200);
    const farForDistributor = await distributor.request("GET", `/api/v1/analytics/outlets/${f.farOutletId}`);
    expect(farForDistributor.statusCode).toBe(404);
  });

  it("shows a memo confirmed through the API within 5 seconds", async () => {
    const worker = startSalesRollupWorker(t.database.handle.db, pino({ level: "silent" }));
    try {
      await applyPendingSalesChanges(t.database.handle.db);
      const before = (await dashboard(admin, "by=outlet")).totals.current;
      const t0 = Date.now();
      await ok(
        await admin.request("POST", "/api/v1/secondary-orders", {
          outletId: f.outletId,
          confirm: true,
          lines: [{ skuId: f.biscuitId, qty: 7, unit: "piece" }],
        }),
        201,
      );
      let seen = -1;
      while (Date.now() - t0 < 10_000) {
        const now = (await dashboard(admin, "by=outlet")).totals.current;
        if (now.orders === (before.orders ?? 0) + 1) {
          expect(now.orderedPoisha - before.orderedPoisha).toBe(7 * 900);
          seen = Date.now() - t0;
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(seen).toBeGreaterThanOrEqual(0);
      expect(seen).toBeLessThan(5_000);
    } finally {
      await worker.stop();
    }
  });
});
