// Distributor-facing (primary) schemes on primary orders: they price a distributor's order to the company with
// the shared engine, only for the distributors they target; outlet-facing (secondary) schemes never touch a
// primary order, nor primary schemes a memo. Primary schemes carry no budget or per-outlet cap.
// Distributor prices of the sales fixture: soap 3825 poisha a piece (VAT 15 % on top), biscuit 820 (no VAT).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, businessDate } from "../../shared/format.ts";
import { errorCode, hasBengali } from "../testing/assertions.ts";
import { createSalesFixture, type SalesFixture } from "../testing/sales-fixture.ts";
import { type Caller, createTestApp, ORG_A_DOMAIN, signIn, type TestApp } from "../testing/test-app.ts";

let t: TestApp;
let f: SalesFixture;
let admin: Caller;
let marketing: Caller;
const today = businessDate();
let serial = 0;

beforeAll(async () => {
  t = await createTestApp();
  f = await createSalesFixture(t.database.handle.db, t.orgA);
  admin = await signIn(t.app, `admin@${ORG_A_DOMAIN}`);
  marketing = await signIn(t.app, `marketing@${ORG_A_DOMAIN}`);
}, 120_000);
afterAll(async () => t?.close());

type Json = Record<string, unknown>;
interface Line {
  lineNo: number;
  skuId: string;
  qty: number;
  grossPoisha: number;
  discountPoisha: number;
  vatPoisha: number;
  totalPoisha: number;
  adjustments: { kind: string; schemeId: string; code: string; label: { en: string; bn: string }; poisha: number }[];
  freeOfSchemeId: string | null;
}
interface Order {
  id: string;
  subtotalPoisha: number;
  discountPoisha: number;
  vatPoisha: number;
  totalPoisha: number;
  lines: Line[];
}

/** A scheme: 10 % off soap from 12 pieces, unless told otherwise; activated. */
async function activeScheme(over: Json) {
  const res = await marketing.request("POST", "/api/v1/promotions/schemes", {
    code: `PS${++serial}`,
    name: "Soap ten percent",
    nameBn: "সাবানে ১০% ছাড়",
    validFrom: addDays(today, -1),
    validTo: addDays(today, 30),
    rule: {
      kind: "slab",
      skuIds: [f.soapId],
      measure: "qty",
      mode: "once",
      slabs: [{ min: 12, benefit: { type: "percent", bp: 1000 } }],
    },
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = (res.json() as { id: string }).id;
  const on = await marketing.request("POST", `/api/v1/promotions/schemes/${id}/activate`);
  expect(on.statusCode, on.body).toBe(200);
  return on.json() as { id: string; code: string };
}

const end = async (id: string) =>
  expect((await marketing.request("POST", `/api/v1/promotions/schemes/${id}/end`)).statusCode).toBe(200);

async function primaryOrder(distributorId: string, lines: { skuId: string; qty: number; unit?: string }[]) {
  const res = await admin.request("POST", "/api/v1/primary-orders", { distributorId, lines });
  expect(res.statusCode, res.body).toBe(201);
  const created = res.json() as Order;
  // What was stored reads back the same.
  const read = await admin.request("GET", `/api/v1/primary-orders/${created.id}`);
  expect(read.json()).toEqual(created);
  return created;
}

async function memo(outletId: string, lines: { skuId: string; qty: number }[]) {
  const res = await admin.request("POST", "/api/v1/secondary-orders", { outletId, lines, confirm: false });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Order;
}

describe("primary schemes on primary orders", () => {
  it("a percent slab for one distributor prices its order, not another distributor's", async () => {
    const s = await activeScheme({ facing: "primary", targeting: { distributorIds: [f.distributorId] } });
    const o = await primaryOrder(f.distributorId, [
      { skuId: f.soapId, qty: 1, unit: "case" },
      { skuId: f.biscuitId, qty: 10 },
    ]);
    // soap: 24 x 3825 = 91,800; 10 % = 9,180 off; taxable 82,620 + 15 % VAT 12,393 = 95,013.
    // biscuit: 10 x 820 = 8,200, not in the scheme, no VAT.
    expect(o.lines).toMatchObject([
      { lineNo: 1, qty: 24, grossPoisha: 91_800, discountPoisha: 9_180, vatPoisha: 12_393, totalPoisha: 95_013 },
      { lineNo: 2, qty: 10, grossPoisha: 8_200, discountPoisha: 0, vatPoisha: 0, totalPoisha: 8_200 },
    ]);
    expect(o.lines[0]?.adjustments).toEqual([
      { kind: "discount", schemeId: s.id, code: s.code, label: expect.any(Object), poisha: 9_180 },
    ]);
    expect(o.lines[0]?.adjustments[0]?.label.en).toContain(s.code);
    expect(hasBengali(o.lines[0]?.adjustments[0]?.label.bn)).toBe(true);
    expect(o.lines.map((l) => l.freeOfSchemeId)).toEqual([null, null]);
    // 91,800 + 8,200 = 100,000 gross; less 9,180; VAT 12,393; 95,013 + 8,200 = 103,213.
    expect(o).toMatchObject({
      subtotalPoisha: 100_000,
      discountPoisha: 9_180,
      vatPoisha: 12_393,
      totalPoisha: 103_213,
    });

    // The other distributor is not targeted: list price, no discount.
    const other = await primaryOrder(f.otherDistributorId, [{ skuId: f.soapId, qty: 1, unit: "case" }]);
    expect(other.lines).toMatchObject([{ grossPoisha: 91_800, discountPoisha: 0, adjustments: [] }]);
    expect(other).toMatchObject({ discountPoisha: 0, totalPoisha: 105_570 });

    // Below the slab (11 pieces) gives nothing.
    const small = await primaryOrder(f.distributorId, [{ skuId: f.soapId, qty: 11 }]);
    expect(small.discountPoisha).toBe(0);

    // The same primary scheme never touches a memo to an outlet of that distributor: 12 x 4050, nothing off.
    const m = await memo(f.outletId, [{ skuId: f.soapId, qty: 12 }]);
    expect(m.lines).toMatchObject([{ grossPoisha: 48_600, discountPoisha: 0 }]);
    expect(m.discountPoisha).toBe(0);
    await end(s.id);
  });

  it("free goods become a line of their own at the distributor price, totalling 0", async () => {
    const s = await activeScheme({
      facing: "primary",
      targeting: { distributorIds: [f.distributorId] },
      rule: {
        kind: "slab",
        skuIds: [f.biscuitId],
        measure: "qty",
        mode: "once",
        slabs: [{ min: 20, benefit: { type: "free_goods", skuId: f.biscuitId, qty: 2 } }],
      },
    });
    const o = await primaryOrder(f.distributorId, [{ skuId: f.biscuitId, qty: 20 }]);
    // 20 x 820 = 16,400; the free line 2 x 820 = 1,640, all of it off.
    expect(o.lines).toMatchObject([
      { lineNo: 1, qty: 20, grossPoisha: 16_400, discountPoisha: 0, totalPoisha: 16_400, freeOfSchemeId: null },
      {
        lineNo: 2,
        skuId: f.biscuitId,
        qty: 2,
        grossPoisha: 1_640,
        discountPoisha: 1_640,
        totalPoisha: 0,
        freeOfSchemeId: s.id,
      },
    ]);
    expect(o.lines[1]?.adjustments).toMatchObject([{ kind: "free_goods", schemeId: s.id, poisha: 1_640 }]);
    expect(o).toMatchObject({ subtotalPoisha: 18_040, discountPoisha: 1_640, vatPoisha: 0, totalPoisha: 16_400 });
    await end(s.id);
  });

  it("a secondary scheme never touches a primary order", async () => {
    const s = await activeScheme({
      targeting: { distributorIds: [f.distributorId] },
      rule: {
        kind: "slab",
        skuIds: [f.biscuitId],
        measure: "qty",
        mode: "once",
        slabs: [{ min: 10, benefit: { type: "percent", bp: 1000 } }],
      },
    });
    // It is live on memos: 10 x 900 = 9,000, 10 % = 900 off.
    const m = await memo(f.outletId, [{ skuId: f.biscuitId, qty: 10 }]);
    expect(m.lines).toMatchObject([{ grossPoisha: 9_000, discountPoisha: 900 }]);
    const o = await primaryOrder(f.distributorId, [{ skuId: f.biscuitId, qty: 10 }]);
    expect(o.lines).toMatchObject([{ grossPoisha: 8_200, discountPoisha: 0, adjustments: [] }]);
    expect(o).toMatchObject({ discountPoisha: 0, totalPoisha: 8_200 });
    await end(s.id);
  });

  it("a primary scheme takes no budget or per-outlet cap (422, in both languages)", async () => {
    const base = { code: "PSB", name: "Budgeted", nameBn: "বাজেট", validFrom: today, validTo: addDays(today, 5) };
    const rule = {
      kind: "slab",
      skuIds: [f.soapId],
      measure: "qty",
      mode: "once",
      slabs: [{ min: 12, benefit: { type: "percent", bp: 500 } }],
    };
    for (const limit of [{ budgetPoisha: 100_000 }, { perOutletCapPoisha: 5_000 }]) {
      const res = await marketing.request("POST", "/api/v1/promotions/schemes", {
        ...base,
        rule,
        facing: "primary",
        ...limit,
      });
      expect(res.statusCode, res.body).toBe(422);
      expect(errorCode(res)).toBe("promotions.primary_limits");
      const bn = await marketing.request(
        "POST",
        "/api/v1/promotions/schemes",
        { ...base, rule, facing: "primary", ...limit },
        { "accept-language": "bn" },
      );
      expect(hasBengali(bn.json().error.message)).toBe(true);
    }
    // Without limits it is made; a budget added later is refused the same way.
    const made = await marketing.request("POST", "/api/v1/promotions/schemes", { ...base, rule, facing: "primary" });
    expect(made.statusCode, made.body).toBe(201);
    const edit = await marketing.request("PATCH", `/api/v1/promotions/schemes/${made.json().id}`, {
      budgetPoisha: 100_000,
    });
    expect(edit.statusCode, edit.body).toBe(422);
    expect(errorCode(edit)).toBe("promotions.primary_limits");
  });
});
