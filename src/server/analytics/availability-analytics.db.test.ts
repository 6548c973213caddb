// The availability dashboard: out-of-stock rates from shelf audits of a week of 2025 (the latest audit of each
// outlet counts), by SKU and by territory, per scope; and days of cover from the last 28 days of memos (through the
// orders API) against free stock, every pair checked against a computation straight from the memos and balances.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AvailabilityResponse, StockCoverRow } from "../../shared/contracts/analytics.ts";
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
import {
  availabilityReport,
  COVER_WINDOW_DAYS,
  getAvailability,
  stockCoverReport,
} from "./availability-analytics.service.ts";
import { applyPendingSalesChanges } from "./sales-rollups.service.ts";

const FROM = "2025-03-03";
const TO = "2025-03-09";
const TODAY = businessDate();

let t: TestApp;
let f: SalesFixture;
let admin: Caller;
let ctgOutletId: string;
let chaPath: string;
const db = (): Db => t.database.handle.db;
const org = () => t.orgA.orgId;

async function ctxOf(userId: string, locale: Locale = "en"): Promise<Ctx> {
  const u = must(await findUser(db(), org(), userId), "user");
  return { db: db(), locale, requestId: null, ip: null, userAgent: null, actor: actorFromUser(u, "session") };
}

async function order(outletId: string, orderDate: string, lines: { skuId: string; qty: number }[]) {
  const res = await admin.request("POST", "/api/v1/secondary-orders", {
    outletId,
    orderDate,
    confirm: true,
    lines: lines.map((l) => ({ ...l, unit: "piece" })),
  });
  expect(res.statusCode, res.body).toBe(201);
}

async function audit(outletId: string, date: string, hhmm: string, lines: [skuId: string, qty: number][]) {
  const place = await db()
    .selectFrom("outlets as o")
    .innerJoin("territories as t", (j) => j.onRef("t.org_id", "=", "o.org_id").onRef("t.id", "=", "o.route_id"))
    .select("t.path")
    .where("o.org_id", "=", org())
    .where("o.id", "=", outletId)
    .executeTakeFirstOrThrow();
  const id = newId();
  await db()
    .insertInto("outlet_stock_audits")
    .values({
      org_id: org(),
      id,
      outlet_id: outletId,
      user_id: t.orgA.usersByRole.rep,
      territory_path: place.path,
      audit_date: date,
      audited_at: new Date(`${date}T${hhmm}:00+06:00`),
    })
    .execute();
  await db()
    .insertInto("outlet_stock_audit_lines")
    .values(lines.map(([skuId, qty]) => ({ org_id: org(), audit_id: id, sku_id: skuId, qty })))
    .execute();
}

beforeAll(async () => {
  t = await createTestApp();
  f = await createSalesFixture(db(), t.orgA);
  admin = await signIn(t.app, `admin@${ORG_A_DOMAIN}`);
  const cha = must(t.orgA.territoryIdByCode.get("CHA"), "CHA");
  chaPath = (
    await db()
      .selectFrom("territories")
      .select("path")
      .where("org_id", "=", org())
      .where("id", "=", cha)
      .executeTakeFirstOrThrow()
  ).path;
  const ctgRoute = await db()
    .selectFrom("territories")
    .select("id")
    .where("org_id", "=", org())
    .where("level", "=", "route")
    .where("path", "like", `${chaPath}%`)
    .orderBy("code")
    .executeTakeFirstOrThrow();
  ctgOutletId = newId();
  await db()
    .insertInto("outlets")
    .values({
      org_id: org(),
      id: ctgOutletId,
      code: "OUT-CTG",
      name: "Karnaphuli Store",
      name_bn: "কর্ণফুলী স্টোর",
      owner_name: "Hasan",
      channel: "grocery",
      distributor_id: f.otherDistributorId,
      route_id: ctgRoute.id,
    })
    .execute();
  await receiveStock(
    db(),
    org(),
    f.otherDistributorId,
    [{ skuId: f.biscuitId, batchNo: "C-1", expiryDate: "2030-01-31", qty: 300 }],
    "opening",
    { refType: "fixture", refId: f.otherDistributorId, createdBy: null },
  );

  // Shelves in March 2025: OUT-1 looked at twice (the later audit counts), OUT-2 once in the week and once after it.
  await audit(f.outletId, "2025-03-04", "10:00", [
    [f.soapId, 0],
    [f.biscuitId, 5],
  ]);
  await audit(f.outletId, "2025-03-06", "11:00", [
    [f.soapId, 3],
    [f.biscuitId, 0],
  ]);
  await audit(f.secondOutletId, "2025-03-05", "12:00", [
    [f.soapId, 0],
    [f.biscuitId, 0],
  ]);
  await audit(f.secondOutletId, "2025-03-20", "12:00", [
    [f.soapId, 9],
    [f.biscuitId, 9],
  ]);
  await audit(ctgOutletId, "2025-03-05", "15:00", [
    [f.soapId, 4],
    [f.biscuitId, 0],
  ]);

  // Recent memos: the rates of the last 28 days (today's do not count yet).
  await order(f.outletId, addDays(TODAY, -3), [{ skuId: f.soapId, qty: 56 }]);
  await order(f.secondOutletId, addDays(TODAY, -10), [{ skuId: f.biscuitId, qty: 14 }]);
  await order(f.outletId, TODAY, [{ skuId: f.biscuitId, qty: 5 }]);
  await order(ctgOutletId, addDays(TODAY, -5), [{ skuId: f.biscuitId, qty: 28 }]);
  await applyPendingSalesChanges(db());
}, 180_000);
afterAll(() => t?.close());

const rowOf = (res: AvailabilityResponse, key: string) =>
  must(
    res.rows.find((r) => r.key === key),
    key,
  );

describe("out of stock", () => {
  it("counts the latest audit of each outlet in the period, by SKU, for the whole org", async () => {
    const res = await getAvailability(await ctxOf(t.orgA.usersByRole.admin), { from: FROM, to: TO, by: "sku" });
    // Soap: OUT-1 had 3, OUT-2 none, OUT-CTG 4. Biscuit: none anywhere.
    expect(rowOf(res, f.soapId)).toMatchObject({
      checks: 3,
      outOfStock: 1,
      oosRateBp: 3333,
      label: "Padma Soap 100 g (SOAP-100)",
    });
    expect(rowOf(res, f.biscuitId)).toMatchObject({
      checks: 3,
      outOfStock: 3,
      oosRateBp: 10_000,
      labelBn: "পদ্মা বিস্কুট ৫০ গ্রাম",
    });
    expect(res.rows.map((r) => r.key)).toEqual([f.biscuitId, f.soapId]);
    expect(res.totals).toMatchObject({ checks: 6, outOfStock: 4, oosRateBp: 6667 });
  });

  it("breaks the nation into regions", async () => {
    const res = await getAvailability(await ctxOf(t.orgA.usersByRole.admin), { from: FROM, to: TO, by: "territory" });
    expect(rowOf(res, must(t.orgA.territoryIdByCode.get("DHA"), "DHA"))).toMatchObject({
      checks: 4,
      outOfStock: 3,
      oosRateBp: 7500,
    });
    expect(rowOf(res, must(t.orgA.territoryIdByCode.get("CHA"), "CHA"))).toMatchObject({
      checks: 2,
      outOfStock: 1,
      oosRateBp: 5000,
    });
    expect(res.rows).toHaveLength(2);
  });

  it("keeps a manager to their subtree and a distributor to its outlets", async () => {
    for (const who of [t.orgA.usersByRole.manager, t.orgA.usersByRole.distributor]) {
      const res = await getAvailability(await ctxOf(who), { from: FROM, to: TO, by: "sku" });
      expect(rowOf(res, f.soapId)).toMatchObject({ checks: 2, outOfStock: 1 });
      expect(rowOf(res, f.biscuitId)).toMatchObject({ checks: 2, outOfStock: 2 });
      expect(res.totals).toMatchObject({ checks: 4, outOfStock: 3, oosRateBp: 7500 });
    }
    const other = await getAvailability(await ctxOf(t.orgA.usersByRole.admin), {
      from: FROM,
      to: TO,
      by: "sku",
      distributorId: f.otherDistributorId,
    });
    expect(other.totals).toMatchObject({ checks: 2, outOfStock: 1 });
  });
});

/** Every selling pair of these distributors, straight from the memos and the stock balances. */
async function straightCover(distributorIds: string[]): Promise<StockCoverRow[]> {
  const from = addDays(TODAY, -COVER_WINDOW_DAYS);
  const to = addDays(TODAY, -1);
  const r = await sql<{
    distributor_id: string;
    sku_id: string;
    qty: number;
    free: number;
    name: string;
    code: string;
  }>`
    select o.distributor_id, l.sku_id, sum(l.qty)::bigint as qty,
           (select b.on_hand - b.reserved from stock_balances b
             where b.org_id = o.org_id and b.distributor_id = o.distributor_id and b.sku_id = l.sku_id)::bigint as free,
           d.name, s.code
    from secondary_orders o join secondary_order_lines l on l.org_id = o.org_id and l.order_id = o.id
    join distributors d on d.org_id = o.org_id and d.id = o.distributor_id
    join skus s on s.org_id = l.org_id and s.id = l.sku_id
    where o.org_id = ${org()} and o.status not in ('draft', 'cancelled') and o.order_date between ${from}::date and ${to}::date
      and o.distributor_id = any(${sql.val(distributorIds)}::uuid[])
    group by o.org_id, o.distributor_id, l.sku_id, d.name, s.code
    having sum(l.qty) > 0`.execute(db());
  return r.rows
    .map((x) => {
      const qty = Number(x.qty);
      const free = Number(x.free ?? 0);
      return {
        qty,
        row: {
          distributorId: x.distributor_id,
          distributorName: x.name,
          skuId: x.sku_id,
          skuCode: x.code,
          freeQty: free,
          dailyQtyX100: Math.round((qty * 100) / COVER_WINDOW_DAYS),
          daysOfCoverX10: Math.round((free * 10 * COVER_WINDOW_DAYS) / qty),
        },
      };
    })
    .sort(
      (a, b) =>
        a.row.daysOfCoverX10 - b.row.daysOfCoverX10 ||
        b.qty - a.qty ||
        a.row.distributorId.localeCompare(b.row.distributorId) ||
        a.row.skuId.localeCompare(b.row.skuId),
    )
    .map((x) => x.row as StockCoverRow);
}

/** Distributors that sold inside a subtree in the window, straight from the memos. */
async function sellersIn(path: string | null) {
  const r = await sql<{ id: string }>`
    select distinct distributor_id as id from secondary_orders
    where org_id = ${org()} and status not in ('draft', 'cancelled')
      and order_date between ${addDays(TODAY, -COVER_WINDOW_DAYS)}::date and ${addDays(TODAY, -1)}::date
      ${path ? sql`and territory_path like ${`${path}%`}` : sql``}`.execute(db());
  return r.rows.map((x) => x.id);
}

describe("days of cover", () => {
  it("gives a distributor its selling SKUs: free stock over the daily rate of the last 28 days", async () => {
    const res = await getAvailability(await ctxOf(t.orgA.usersByRole.distributor), { by: "sku" });
    // Soap: 480 - 56 reserved = 424 free at 56 / 28 = 2 a day: 212 days. Biscuit: 240 - 14 - 5 = 221 free at
    // 14 / 28 = 0.5 a day: 442 days (today's memo holds stock but does not count as a sale of the window yet).
    expect(res.lowestCover).toEqual([
      expect.objectContaining({ skuId: f.soapId, freeQty: 424, dailyQtyX100: 200, daysOfCoverX10: 2120 }),
      expect.objectContaining({ skuId: f.biscuitId, freeQty: 221, dailyQtyX100: 50, daysOfCoverX10: 4420 }),
    ]);
    expect(res.lowestCover).toEqual(
      await straightCover([f.distributorId]).then((rows) => rows.map((r) => expect.objectContaining(r))),
    );
  });

  it("gives a manager the distributors that sold in their subtree, every pair as computed straight", async () => {
    const dha = (
      await db()
        .selectFrom("territories")
        .select("path")
        .where("org_id", "=", org())
        .where("id", "=", must(t.orgA.territoryIdByCode.get("DHA"), "DHA"))
        .executeTakeFirstOrThrow()
    ).path;
    const sellers = await sellersIn(dha);
    expect(sellers).toContain(f.distributorId);
    expect(sellers).not.toContain(f.otherDistributorId);
    const res = await getAvailability(await ctxOf(t.orgA.usersByRole.manager), { by: "sku" });
    const expected = (await straightCover(sellers)).slice(0, 50);
    expect(res.lowestCover.map((r) => [r.distributorId, r.skuId])).toEqual(
      expected.map((r) => [r.distributorId, r.skuId]),
    );
    expect(res.lowestCover).toEqual(expected.map((r) => expect.objectContaining(r)));

    const all = await getAvailability(await ctxOf(t.orgA.usersByRole.admin), { by: "sku" });
    const everyone = (await straightCover(await sellersIn(null))).slice(0, 50);
    expect(all.lowestCover).toEqual(everyone.map((r) => expect.objectContaining(r)));
    expect(all.lowestCover.some((r) => r.distributorId === f.otherDistributorId)).toBe(true);
  });
});

describe("availability reports", () => {
  it("exports the out-of-stock rows and the lowest cover in the reader's language", async () => {
    const ctx = await ctxOf(t.orgA.usersByRole.admin, "bn");
    const { table, summary } = await availabilityReport(ctx, { from: FROM, to: TO, by: "sku" });
    expect(table.title).toMatch(/^পণ্যের প্রাপ্যতা/);
    expect(table.rows[0]).toEqual({ name: "পদ্মা বিস্কুট ৫০ গ্রাম", checks: 3, outOfStock: 3, oosRateBp: 10_000 });
    expect(table.totals).toEqual({ name: "মোট", checks: 6, outOfStock: 4, oosRateBp: 6667 });
    expect(summary[1]).toContain("৬");
    const cover = await stockCoverReport(await ctxOf(t.orgA.usersByRole.distributor), { by: "sku" });
    expect(cover.table.rows).toEqual([
      expect.objectContaining({ skuCode: "SOAP-100", freeQty: 424, dailyQty: 2, daysOfCover: 212 }),
      expect.objectContaining({ skuCode: "BISC-50", freeQty: 221, dailyQty: 0.5, daysOfCover: 442 }),
    ]);
  });
});
