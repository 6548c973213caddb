// Primary against secondary sales, collections and dues per distributor, over the last week: the fixture's
// distributor with known memos, deliveries (one short), a cancellation, primary orders, payments and back-dated
// invoices, a distributor in Chattogram, and the demo's own distributors. Every row is checked against figures
// computed here straight from the orders, primary orders, payments and receivables ledger; a manager sees the
// distributors of their subtree only, a distributor itself only; ageing agrees with the dues list.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DistributorAnalyticsRow } from "../../shared/contracts/analytics.ts";
import { addDays, businessDate } from "../../shared/format.ts";
import { newId } from "../../shared/ids.ts";
import type { Locale } from "../../shared/locale.ts";
import type { Db } from "../db/transaction.ts";
import { receiveStock } from "../inventory/stock-ledger.ts";
import type { Ctx } from "../platform/context.ts";
import { must } from "../testing/assertions.ts";
import { createSalesFixture, type SalesFixture } from "../testing/sales-fixture.ts";
import { type Caller, createTestApp, ORG_A_DOMAIN, signIn, type TestApp } from "../testing/test-app.ts";
import { actorFromUser } from "../users/auth.service.ts";
import { findUser } from "../users/users.repository.ts";
import { distributorsReport, getDistributorAnalytics } from "./distributor-analytics.service.ts";
import { applyPendingSalesChanges } from "./sales-rollups.service.ts";

const TODAY = businessDate();
const FROM = addDays(TODAY, -6);

let t: TestApp;
let f: SalesFixture;
let admin: Caller;
let ctgDistributorId: string;
const known = { primary: 0, ordered: 0, delivered: 0 };
const db = (): Db => t.database.handle.db;
const org = () => t.orgA.orgId;

async function ctxOf(userId: string, locale: Locale = "en"): Promise<Ctx> {
  const u = must(await findUser(db(), org(), userId), "user");
  return { db: db(), locale, requestId: null, ip: null, userAgent: null, actor: actorFromUser(u, "session") };
}

async function call(method: "POST", url: string, body: unknown, status = 200) {
  const res = await admin.request(method, url, body);
  expect(res.statusCode, `${url}: ${res.body}`).toBe(status);
  return res.json();
}

const order = (outletId: string, orderDate: string, lines: { skuId: string; qty: number }[]) =>
  call(
    "POST",
    "/api/v1/secondary-orders",
    { outletId, orderDate, confirm: true, lines: lines.map((l) => ({ ...l, unit: "piece" })) },
    201,
  ) as Promise<{ id: string; totalPoisha: number }>;

beforeAll(async () => {
  t = await createTestApp();
  f = await createSalesFixture(db(), t.orgA);
  admin = await signIn(t.app, `admin@${ORG_A_DOMAIN}`);

  // Secondary: a memo delivered in full, one delivered short (6 of 10), one cancelled.
  const o1 = await order(f.outletId, addDays(TODAY, -2), [{ skuId: f.soapId, qty: 24 }]);
  const o2 = await order(f.secondOutletId, addDays(TODAY, -1), [{ skuId: f.biscuitId, qty: 10 }]);
  const o3 = await order(f.outletId, addDays(TODAY, -3), [{ skuId: f.biscuitId, qty: 4 }]);
  await call("POST", `/api/v1/secondary-orders/${o3.id}/cancel`, { reason: "duplicate" });
  for (const o of [o1, o2]) await call("POST", `/api/v1/secondary-orders/${o.id}/invoice`, {});
  await call("POST", `/api/v1/secondary-orders/${o1.id}/deliver`, {});
  await call("POST", `/api/v1/secondary-orders/${o2.id}/deliver`, { lines: [{ lineNo: 1, deliveredQty: 6 }] });
  known.ordered = o1.totalPoisha + o2.totalPoisha;
  known.delivered = o1.totalPoisha + Math.round((o2.totalPoisha * 6) / 10);

  // Primary: one order dispatched today; another approved but still at the company.
  const p1 = await call(
    "POST",
    "/api/v1/primary-orders",
    { distributorId: f.distributorId, submit: true, lines: [{ skuId: f.biscuitId, qty: 100, unit: "piece" }] },
    201,
  );
  await call("POST", `/api/v1/primary-orders/${p1.id}/approve`, {});
  await call("POST", `/api/v1/primary-orders/${p1.id}/dispatch`, {});
  known.primary = p1.totalPoisha;
  const p2 = await call(
    "POST",
    "/api/v1/primary-orders",
    { distributorId: f.distributorId, submit: true, lines: [{ skuId: f.soapId, qty: 48, unit: "piece" }] },
    201,
  );
  await call("POST", `/api/v1/primary-orders/${p2.id}/approve`, {});

  // Old invoices of OUT-1, then payments: one in the period, one before it. The payments settle the oldest first.
  await db()
    .insertInto("receivable_entries")
    .values([
      {
        org_id: org(),
        id: newId(),
        outlet_id: f.outletId,
        distributor_id: f.distributorId,
        kind: "invoice",
        amount_poisha: 5_000,
        entry_date: addDays(TODAY, -110),
        due_date: addDays(TODAY, -100),
      },
      {
        org_id: org(),
        id: newId(),
        outlet_id: f.outletId,
        distributor_id: f.distributorId,
        kind: "invoice",
        amount_poisha: 10_000,
        entry_date: addDays(TODAY, -60),
        due_date: addDays(TODAY, -45),
      },
    ])
    .execute();
  await call(
    "POST",
    "/api/v1/payments",
    { outletId: f.outletId, method: "cash", amountPoisha: 1_000, receivedOn: addDays(TODAY, -10) },
    201,
  );
  await call(
    "POST",
    "/api/v1/payments",
    { outletId: f.outletId, method: "cash", amountPoisha: 2_000, receivedOn: addDays(TODAY, -1) },
    201,
  );

  // A distributor based in Chattogram, with an outlet and a memo there.
  const cha = must(t.orgA.territoryIdByCode.get("CHA"), "CHA");
  const chaPath = (
    await db()
      .selectFrom("territories")
      .select("path")
      .where("org_id", "=", org())
      .where("id", "=", cha)
      .executeTakeFirstOrThrow()
  ).path;
  const ctgRoute = await db()
    .selectFrom("territories")
    .select(["id", "parent_id"])
    .where("org_id", "=", org())
    .where("level", "=", "route")
    .where("path", "like", `${chaPath}%`)
    .orderBy("code")
    .executeTakeFirstOrThrow();
  ctgDistributorId = newId();
  await db()
    .insertInto("distributors")
    .values({
      org_id: org(),
      id: ctgDistributorId,
      code: "DB-CTG",
      name: "Karnaphuli Distribution",
      name_bn: "কর্ণফুলী ডিস্ট্রিবিউশন",
      owner_name: "Hasan",
      phone: "+8801711000001",
      address: "Agrabad, Chattogram",
      territory_id: must(ctgRoute.parent_id, "the route's territory"),
    })
    .execute();
  const ctgOutlet = newId();
  await db()
    .insertInto("outlets")
    .values({
      org_id: org(),
      id: ctgOutlet,
      code: "OUT-CTG",
      name: "Karnaphuli Store",
      name_bn: "কর্ণফুলী স্টোর",
      owner_name: "Hasan",
      channel: "grocery",
      distributor_id: ctgDistributorId,
      route_id: ctgRoute.id,
    })
    .execute();
  await receiveStock(
    db(),
    org(),
    ctgDistributorId,
    [{ skuId: f.biscuitId, batchNo: "C-1", expiryDate: "2030-01-31", qty: 1000 }],
    "opening",
    { refType: "fixture", refId: ctgDistributorId, createdBy: null },
  );
  await order(ctgOutlet, addDays(TODAY, -1), [{ skuId: f.biscuitId, qty: 12 }]);
  await applyPendingSalesChanges(db());
}, 180_000);
afterAll(() => t?.close());

/** Each distributor's figures straight from the source tables (no rollups, no ageing rule of our own). */
async function straight(): Promise<Map<string, Omit<DistributorAnalyticsRow, "name" | "code" | "ageing">>> {
  const r = await sql<{
    id: string;
    primary: number;
    ordered: number;
    delivered: number;
    collected: number;
    dues: number;
  }>`
    select d.id,
      (select coalesce(sum(p.total_poisha), 0) from primary_orders p
        where p.org_id = d.org_id and p.distributor_id = d.id and p.status in ('dispatched', 'received')
          and (p.dispatched_at at time zone 'Asia/Dhaka')::date between ${FROM}::date and ${TODAY}::date)::bigint as primary,
      (select coalesce(sum(o.total_poisha), 0) from secondary_orders o
        where o.org_id = d.org_id and o.distributor_id = d.id and o.status not in ('draft', 'cancelled')
          and o.order_date between ${FROM}::date and ${TODAY}::date)::bigint as ordered,
      (select coalesce(sum(round(l.total_poisha::numeric * l.delivered_qty / l.qty)), 0)
        from secondary_orders o join secondary_order_lines l on l.org_id = o.org_id and l.order_id = o.id
        where o.org_id = d.org_id and o.distributor_id = d.id and o.status not in ('draft', 'cancelled')
          and o.order_date between ${FROM}::date and ${TODAY}::date)::bigint as delivered,
      (select coalesce(sum(p.amount_poisha), 0) from payments p
        where p.org_id = d.org_id and p.distributor_id = d.id and p.status = 'received'
          and p.received_on between ${FROM}::date and ${TODAY}::date)::bigint as collected,
      (select coalesce(sum(b.balance), 0) from (
         select sum(e.amount_poisha) as balance from receivable_entries e
         where e.org_id = d.org_id and e.distributor_id = d.id group by e.outlet_id having sum(e.amount_poisha) > 0) b
      )::bigint as dues
    from distributors d where d.org_id = ${org()}`.execute(db());
  return new Map(
    r.rows.map((x) => [
      x.id,
      {
        distributorId: x.id,
        primaryPoisha: Number(x.primary),
        secondaryOrderedPoisha: Number(x.ordered),
        secondaryDeliveredPoisha: Number(x.delivered),
        sellThroughBp: Number(x.primary) > 0 ? Math.round((Number(x.delivered) * 10_000) / Number(x.primary)) : null,
        collectedPoisha: Number(x.collected),
        duesPoisha: Number(x.dues),
      },
    ]),
  );
}

const rowOf = (rows: DistributorAnalyticsRow[], id: string) =>
  must(
    rows.find((r) => r.distributorId === id),
    id,
  );
const ageingSum = (r: DistributorAnalyticsRow) =>
  r.ageing.current + r.ageing.d1to30 + r.ageing.d31to60 + r.ageing.d61to90 + r.ageing.over90;

describe("distributor analytics", () => {
  it("gives the fixture's distributor its numbers as worked out by hand", async () => {
    const res = await getDistributorAnalytics(await ctxOf(t.orgA.usersByRole.distributor), { from: FROM, to: TODAY });
    expect(res.rows.map((r) => r.distributorId)).toEqual([f.distributorId]);
    const db1 = rowOf(res.rows, f.distributorId);
    expect(db1).toMatchObject({
      code: "DB-1",
      primaryPoisha: known.primary,
      secondaryOrderedPoisha: known.ordered,
      secondaryDeliveredPoisha: known.delivered,
      sellThroughBp: Math.round((known.delivered * 10_000) / known.primary),
      collectedPoisha: 2_000,
    });
    // OUT-1 owes its memo (not due yet), the invoice 45 days overdue, and what the 3,000 paid left of the one
    // 100 days overdue; OUT-2 owes its short delivery.
    expect(db1.ageing).toEqual({
      current: db1.duesPoisha - 10_000 - 2_000,
      d1to30: 0,
      d31to60: 10_000,
      d61to90: 0,
      over90: 2_000,
    });
    expect(db1.duesPoisha).toBe(known.delivered + 10_000 + 5_000 - 3_000);
    expect(res.totals).toMatchObject({
      primaryPoisha: known.primary,
      collectedPoisha: 2_000,
      duesPoisha: db1.duesPoisha,
    });
  });

  it("agrees, for every distributor of the org, with the figures straight from the source tables", async () => {
    const res = await getDistributorAnalytics(await ctxOf(t.orgA.usersByRole.admin), { from: FROM, to: TODAY });
    const expected = await straight();
    expect(res.rows.map((r) => r.distributorId).sort()).toEqual([...expected.keys()].sort());
    for (const row of res.rows) {
      expect(row, row.code).toMatchObject(must(expected.get(row.distributorId), row.code));
      expect(ageingSum(row), row.code).toBe(row.duesPoisha);
    }
    const sum = (pick: (r: DistributorAnalyticsRow) => number) => res.rows.reduce((s, r) => s + pick(r), 0);
    expect(res.totals.secondaryOrderedPoisha).toBe(sum((r) => r.secondaryOrderedPoisha));
    expect(res.totals.duesPoisha).toBe(sum((r) => r.duesPoisha));
    expect(res.totals.ageing.over90).toBe(sum((r) => r.ageing.over90));
    expect(res.totals.sellThroughBp).toBe(
      Math.round((res.totals.secondaryDeliveredPoisha * 10_000) / res.totals.primaryPoisha),
    );
    expect(res.totals.secondaryOrderedPoisha).toBeGreaterThan(known.ordered);
  });

  it("ages dues by the dues list's own rule", async () => {
    const res = await getDistributorAnalytics(await ctxOf(t.orgA.usersByRole.admin), { from: FROM, to: TODAY });
    for (const row of res.rows) {
      const list = await admin.request("GET", `/api/v1/dues?distributorId=${row.distributorId}&limit=1`);
      expect(list.statusCode, list.body).toBe(200);
      const dues = list.json() as {
        totalPoisha: number;
        ageing: {
          notDuePoisha: number;
          days1to15Poisha: number;
          days16to30Poisha: number;
          days31to60Poisha: number;
          over60Poisha: number;
        };
      };
      expect(row.duesPoisha, row.code).toBe(dues.totalPoisha);
      expect(row.ageing.current, row.code).toBe(dues.ageing.notDuePoisha);
      expect(row.ageing.d1to30, row.code).toBe(dues.ageing.days1to15Poisha + dues.ageing.days16to30Poisha);
      expect(row.ageing.d31to60, row.code).toBe(dues.ageing.days31to60Poisha);
      expect(row.ageing.d61to90 + row.ageing.over90, row.code).toBe(dues.ageing.over60Poisha);
    }
  });

  it("shows a manager the distributors of their subtree only", async () => {
    const res = await getDistributorAnalytics(await ctxOf(t.orgA.usersByRole.manager), { from: FROM, to: TODAY });
    const ids = res.rows.map((r) => r.distributorId);
    expect(ids).toContain(f.distributorId);
    expect(ids).not.toContain(ctgDistributorId);
    const dhaka = await sql<{ id: string }>`
      select d.id from distributors d join territories t on t.org_id = d.org_id and t.id = d.territory_id
      join territories m on m.org_id = d.org_id and m.id = ${must(t.orgA.territoryIdByCode.get("DHA"), "DHA")}
      where d.org_id = ${org()} and (t.path like m.path || '%' or exists (
        select 1 from distributor_territories dt join territories c on c.org_id = dt.org_id and c.id = dt.territory_id
        where dt.org_id = d.org_id and dt.distributor_id = d.id and c.path like m.path || '%'))`.execute(db());
    expect(ids.sort()).toEqual(dhaka.rows.map((r) => r.id).sort());
    const all = await getDistributorAnalytics(await ctxOf(t.orgA.usersByRole.admin), { from: FROM, to: TODAY });
    expect(rowOf(all.rows, ctgDistributorId).secondaryOrderedPoisha).toBeGreaterThan(0);
  });

  it("refuses another distributor to a distributor, and one outside a manager's subtree to the manager", async () => {
    await expect(
      getDistributorAnalytics(await ctxOf(t.orgA.usersByRole.distributor), { distributorId: f.otherDistributorId }),
    ).rejects.toMatchObject({ code: "analytics.distributor_not_found" });
    await expect(
      getDistributorAnalytics(await ctxOf(t.orgA.usersByRole.manager), { distributorId: ctgDistributorId }),
    ).rejects.toMatchObject({ code: "analytics.distributor_not_found" });
  });

  it("exports the same rows and totals, in Bengali", async () => {
    const ctx = await ctxOf(t.orgA.usersByRole.admin, "bn");
    const res = await getDistributorAnalytics(ctx, { from: FROM, to: TODAY });
    const { table, summary } = await distributorsReport(ctx, { from: FROM, to: TODAY });
    expect(table.title).toMatch(/^ডিস্ট্রিবিউটর/);
    expect(table.rows).toHaveLength(res.rows.length);
    expect(table.totals).toMatchObject({
      primaryPoisha: res.totals.primaryPoisha,
      duesPoisha: res.totals.duesPoisha,
      over90: res.totals.ageing.over90,
    });
    expect(table.columns.filter((c) => c.kind === "money")).toHaveLength(10);
    expect(summary[1]).toContain("৳");
  });
});
