// Promotions end to end: schemes made through the API, who sees and manages them, the schemes in force for an outlet.
// Prices of the sales fixture: soap 4050 poisha a piece (VAT 15 % on top), biscuit 900 poisha (no VAT).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, businessDate } from "../../shared/format.ts";
import { applyPendingSalesChanges } from "../analytics/sales-rollups.service.ts";
import { errorCode, hasBengali } from "../testing/assertions.ts";
import { createSalesFixture, type SalesFixture } from "../testing/sales-fixture.ts";
import { type Caller, createTestApp, ORG_A_DOMAIN, ORG_B_DOMAIN, signIn, type TestApp } from "../testing/test-app.ts";

let t: TestApp;
let f: SalesFixture;
let admin: Caller;
let marketing: Caller;
let manager: Caller;
let rep: Caller;
let distributor: Caller;
let otherOrg: Caller;
const today = businessDate();
let serial = 0;

beforeAll(async () => {
  t = await createTestApp();
  f = await createSalesFixture(t.database.handle.db, t.orgA);
  admin = await signIn(t.app, `admin@${ORG_A_DOMAIN}`);
  marketing = await signIn(t.app, `marketing@${ORG_A_DOMAIN}`);
  manager = await signIn(t.app, `manager@${ORG_A_DOMAIN}`);
  rep = await signIn(t.app, `rep@${ORG_A_DOMAIN}`);
  distributor = await signIn(t.app, `distributor@${ORG_A_DOMAIN}`);
  otherOrg = await signIn(t.app, `admin@${ORG_B_DOMAIN}`);
}, 120_000);
afterAll(async () => t?.close());

type Json = Record<string, unknown>;

/** A scheme body: soap, 10 % off from 12 pieces unless told otherwise. */
function schemeBody(over: Json = {}): Json {
  return {
    code: `T${++serial}`,
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
  };
}

async function activeScheme(over: Json = {}, by: Caller = marketing) {
  const res = await by.request("POST", "/api/v1/promotions/schemes", schemeBody(over));
  expect(res.statusCode, res.body).toBe(201);
  const id = (res.json() as { id: string }).id;
  const on = await by.request("POST", `/api/v1/promotions/schemes/${id}/activate`);
  expect(on.statusCode, on.body).toBe(200);
  return on.json() as Json & { id: string; code: string };
}

describe("schemes", () => {
  it("marketing creates, edits, activates, pauses and ends a scheme; every step is audited", async () => {
    const res = await marketing.request("POST", "/api/v1/promotions/schemes", schemeBody({ budgetPoisha: 500_000 }));
    expect(res.statusCode, res.body).toBe(201);
    const s = res.json() as { id: string; status: string; actions: string[]; spentPoisha: number };
    expect(s.status).toBe("draft");
    expect(s.actions).toEqual(["activate", "end"]);
    expect(s.spentPoisha).toBe(0);
    const edited = await marketing.request("PATCH", `/api/v1/promotions/schemes/${s.id}`, { priority: 5 });
    expect(edited.json()).toMatchObject({ priority: 5 });
    for (const [action, status] of [
      ["activate", "active"],
      ["pause", "paused"],
      ["activate", "active"],
      ["end", "ended"],
    ] as const) {
      const r = await marketing.request("POST", `/api/v1/promotions/schemes/${s.id}/${action}`);
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({ status });
    }
    const again = await marketing.request("POST", `/api/v1/promotions/schemes/${s.id}/pause`);
    expect(errorCode(again)).toBe("promotions.illegal_transition");
    const audit = await t.database.handle.db
      .selectFrom("audit_log")
      .select("action")
      .where("org_id", "=", t.orgA.orgId)
      .where("entity_id", "=", s.id)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(
      ["activate", "activate", "create", "end", "pause", "update"].sort(),
    );
  });

  it("refuses what the database would: falling slabs, a product of another org, a code taken, an end before the start", async () => {
    const falling = await admin.request(
      "POST",
      "/api/v1/promotions/schemes",
      schemeBody({
        rule: {
          kind: "slab",
          skuIds: [],
          measure: "qty",
          mode: "stepped",
          slabs: [
            { min: 24, benefit: { type: "percent", bp: 500 } },
            { min: 12, benefit: { type: "percent", bp: 300 } },
          ],
        },
      }),
    );
    expect(falling.statusCode).toBe(400);
    const badBp = await admin.request(
      "POST",
      "/api/v1/promotions/schemes",
      schemeBody({
        rule: {
          kind: "slab",
          skuIds: [],
          measure: "qty",
          mode: "once",
          slabs: [{ min: 1, benefit: { type: "percent", bp: 10_001 } }],
        },
      }),
    );
    expect(badBp.statusCode).toBe(400);
    const period = await admin.request(
      "POST",
      "/api/v1/promotions/schemes",
      schemeBody({ validFrom: today, validTo: addDays(today, -1) }),
    );
    expect(period.statusCode).toBe(400);
    const bFixture = await createSalesFixture(t.database.handle.db, t.orgB);
    const foreign = await admin.request(
      "POST",
      "/api/v1/promotions/schemes",
      schemeBody({
        rule: {
          kind: "bundle",
          components: [{ skuId: bFixture.soapId, qty: 1 }],
          benefit: { type: "flat", poisha: 100 },
        },
      }),
    );
    expect(foreign.statusCode).toBe(422);
    expect(errorCode(foreign)).toBe("promotions.sku_unknown");
    const bn = await admin.request(
      "POST",
      "/api/v1/promotions/schemes",
      schemeBody({
        rule: {
          kind: "bundle",
          components: [{ skuId: bFixture.soapId, qty: 1 }],
          benefit: { type: "flat", poisha: 100 },
        },
      }),
      { "accept-language": "bn" },
    );
    expect(hasBengali((bn.json() as { error: { message: string } }).error.message)).toBe(true);
    const first = await admin.request("POST", "/api/v1/promotions/schemes", schemeBody({ code: "DUP1" }));
    expect(first.statusCode).toBe(201);
    const dup = await admin.request("POST", "/api/v1/promotions/schemes", schemeBody({ code: "DUP1" }));
    expect(errorCode(dup)).toBe("promotions.code_taken");
  });

  it("a rep and a manager cannot manage; another org and a distributor not targeted cannot see", async () => {
    expect((await rep.request("POST", "/api/v1/promotions/schemes", schemeBody())).statusCode).toBe(403);
    expect((await manager.request("POST", "/api/v1/promotions/schemes", schemeBody())).statusCode).toBe(403);
    const forOther = await activeScheme({ targeting: { distributorIds: [f.otherDistributorId] } });
    const forMine = await activeScheme({ targeting: { distributorIds: [f.distributorId] } });
    expect((await rep.request("POST", `/api/v1/promotions/schemes/${forMine.id}/pause`)).statusCode).toBe(403);
    expect((await otherOrg.request("GET", `/api/v1/promotions/schemes/${forMine.id}`)).statusCode).toBe(404);
    expect((await distributor.request("GET", `/api/v1/promotions/schemes/${forOther.id}`)).statusCode).toBe(404);
    expect((await distributor.request("GET", `/api/v1/promotions/schemes/${forMine.id}`)).statusCode).toBe(200);
    const list = (await distributor.request("GET", "/api/v1/promotions/schemes?limit=200")).json() as {
      items: { id: string }[];
    };
    expect(list.items.map((i) => i.id)).toContain(forMine.id);
    expect(list.items.map((i) => i.id)).not.toContain(forOther.id);
    const bList = (await otherOrg.request("GET", "/api/v1/promotions/schemes?limit=200")).json() as {
      items: { id: string }[];
    };
    expect(bList.items.map((i) => i.id)).not.toContain(forMine.id);
    for (const id of [forOther.id, forMine.id]) await marketing.request("POST", `/api/v1/promotions/schemes/${id}/end`);
  });

  it("in force for an outlet: the schemes that target it, in the engine's shape", async () => {
    const channel = await activeScheme({ targeting: { channels: ["pharmacy"] } });
    const everyone = await activeScheme();
    const res = await rep.request("GET", `/api/v1/promotions/schemes/in-force?outletId=${f.outletId}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { schemes: { id: string; name: { en: string } }[]; exhausted: string[] };
    const ids = body.schemes.map((s) => s.id);
    expect(ids).toContain(everyone.id);
    expect(ids).not.toContain(channel.id);
    expect(body.schemes.find((s) => s.id === everyone.id)?.name.en).toBe("Soap ten percent");
    const far = await rep.request("GET", `/api/v1/promotions/schemes/in-force?outletId=${f.farOutletId}`);
    expect(far.statusCode).toBe(404);
    // A retailer sees what is on offer to its own shop (its re-order page prices with it), and no other shop's.
    const retailer = await signIn(t.app, `retailer@${ORG_A_DOMAIN}`);
    const own = await retailer.request("GET", `/api/v1/promotions/schemes/in-force?outletId=${f.outletId}`);
    expect(own.statusCode, own.body).toBe(200);
    expect((own.json() as typeof body).schemes.map((s) => s.id)).toEqual(ids);
    const neighbour = await retailer.request("GET", `/api/v1/promotions/schemes/in-force?outletId=${f.secondOutletId}`);
    expect(neighbour.statusCode).toBe(404);
    // ... but not the promotions programme itself.
    expect((await retailer.request("GET", "/api/v1/promotions/schemes")).statusCode).toBe(403);
    for (const id of [channel.id, everyone.id]) await marketing.request("POST", `/api/v1/promotions/schemes/${id}/end`);
  });
});

// --- orders priced with schemes

interface OrderLine {
  lineNo: number;
  skuId: string;
  qty: number;
  grossPoisha: number;
  discountPoisha: number;
  vatPoisha: number;
  totalPoisha: number;
  freeOfSchemeId: string | null;
  adjustments: { kind: string; schemeId: string; code: string; label: { en: string; bn: string }; poisha: number }[];
}
interface Order {
  id: string;
  status: string;
  totalPoisha: number;
  discountPoisha: number;
  lines: OrderLine[];
}

async function order(outletId: string, lines: { skuId: string; qty: number; unit?: string }[], confirm: boolean) {
  const res = await admin.request("POST", "/api/v1/secondary-orders", { outletId, lines, confirm });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Order;
}

const db = () => t.database.handle.db;
const grantsOf = (orderId: string) =>
  db()
    .selectFrom("promo_grants")
    .selectAll()
    .where("org_id", "=", t.orgA.orgId)
    .where("order_id", "=", orderId)
    .execute();
const spentOf = async (schemeId: string) =>
  (
    await db()
      .selectFrom("promo_schemes")
      .select("spent_poisha")
      .where("org_id", "=", t.orgA.orgId)
      .where("id", "=", schemeId)
      .executeTakeFirstOrThrow()
  ).spent_poisha;
const reserved = async (skuId: string) =>
  (
    await db()
      .selectFrom("stock_balances")
      .select("reserved")
      .where("org_id", "=", t.orgA.orgId)
      .where("distributor_id", "=", f.distributorId)
      .where("sku_id", "=", skuId)
      .executeTakeFirstOrThrow()
  ).reserved;

describe("orders priced with schemes", () => {
  it("a percent slab: 12 soap get 10 % off, 11 do not; the line says which scheme gave what", async () => {
    const s = await activeScheme({ targeting: { outletIds: [f.outletId] }, budgetPoisha: 1_000_000 });
    // 12 x 4050 = 48,600 gross; 10 % = 4,860 off; VAT 15 % of 43,740 = 6,561; total 50,301.
    const o = await order(f.outletId, [{ skuId: f.soapId, qty: 12 }], true);
    const line = o.lines[0] as OrderLine;
    expect(line).toMatchObject({ grossPoisha: 48_600, discountPoisha: 4_860, vatPoisha: 6_561, totalPoisha: 50_301 });
    expect(line.adjustments).toEqual([
      expect.objectContaining({ kind: "discount", schemeId: s.id, code: s.code, poisha: 4_860 }),
    ]);
    expect(line.adjustments[0]?.label.en).toContain(s.code);
    expect(hasBengali(line.adjustments[0]?.label.bn) || /\d|[০-৯]/.test(line.adjustments[0]?.label.bn ?? "")).toBe(
      true,
    );
    expect(await spentOf(s.id)).toBe(4_860);
    const g = await grantsOf(o.id);
    expect(g.map((x) => [x.scheme_id, x.cost_poisha, x.status])).toEqual([[s.id, 4_860, "active"]]);
    const eleven = await order(f.outletId, [{ skuId: f.soapId, qty: 11 }], true);
    expect(eleven.lines[0]?.discountPoisha).toBe(0);
    expect(await grantsOf(eleven.id)).toEqual([]);
    // Cancelling the first gives the budget back.
    const cancel = await admin.request("POST", `/api/v1/secondary-orders/${o.id}/cancel`, { reason: "test" });
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(await spentOf(s.id)).toBe(0);
    expect((await grantsOf(o.id)).map((x) => x.status)).toEqual(["released"]);
    await marketing.request("POST", `/api/v1/promotions/schemes/${s.id}/end`);
  });

  it("free goods in another SKU: a free line worth nothing on the memo, its stock reserved, its cost granted", async () => {
    const s = await activeScheme({
      targeting: { outletIds: [f.secondOutletId] },
      rule: {
        kind: "slab",
        skuIds: [f.soapId],
        measure: "qty",
        mode: "repeating",
        slabs: [{ min: 24, benefit: { type: "free_goods", skuId: f.biscuitId, qty: 2 } }],
      },
    });
    const biscuitsBefore = await reserved(f.biscuitId);
    // 48 soap = two multiples of 24: 4 biscuits free at 900 = 3,600 poisha of free goods.
    const o = await order(f.secondOutletId, [{ skuId: f.soapId, qty: 2, unit: "case" }], true);
    expect(o.lines).toHaveLength(2);
    const free = o.lines[1] as OrderLine;
    expect(free).toMatchObject({
      skuId: f.biscuitId,
      qty: 4,
      grossPoisha: 3_600,
      discountPoisha: 3_600,
      vatPoisha: 0,
      totalPoisha: 0,
      freeOfSchemeId: s.id,
    });
    expect(free.adjustments).toEqual([expect.objectContaining({ kind: "free_goods", schemeId: s.id, poisha: 3_600 })]);
    expect(o.totalPoisha).toBe((o.lines[0] as OrderLine).totalPoisha);
    expect(await reserved(f.biscuitId)).toBe(biscuitsBefore + 4);
    const g = await grantsOf(o.id);
    expect(g.map((x) => [x.discount_poisha, x.free_value_poisha, x.cost_poisha])).toEqual([[0, 3_600, 3_600]]);
    // Without a budget the scheme's spend is what its grants cost.
    const shown = (await marketing.request("GET", `/api/v1/promotions/schemes/${s.id}`)).json() as Json;
    expect(shown.spentPoisha).toBe(3_600);
    await marketing.request("POST", `/api/v1/promotions/schemes/${s.id}/end`);
  });

  it("a draft shows the scheme and reserves nothing; confirming prices it again with the schemes then in force", async () => {
    const s = await activeScheme({
      targeting: { outletIds: [f.outletId] },
      budgetPoisha: 100_000,
      rule: {
        kind: "slab",
        skuIds: [f.biscuitId],
        measure: "value",
        mode: "once",
        slabs: [{ min: 9_000, benefit: { type: "flat", poisha: 500 } }],
      },
    });
    // 10 biscuits = 9,000 poisha: reaches the 9,000 slab, 500 off.
    const draft = await order(f.outletId, [{ skuId: f.biscuitId, qty: 10 }], false);
    expect(draft.lines[0]?.discountPoisha).toBe(500);
    expect(await grantsOf(draft.id)).toEqual([]);
    expect(await spentOf(s.id)).toBe(0);
    // A second, stronger scheme starts before the draft is confirmed: confirmation gives both.
    const s2 = await activeScheme({
      targeting: { outletIds: [f.outletId] },
      rule: {
        kind: "slab",
        skuIds: [f.biscuitId],
        measure: "qty",
        mode: "once",
        slabs: [{ min: 10, benefit: { type: "percent", bp: 1000 } }],
      },
    });
    const confirmed = await admin.request("POST", `/api/v1/secondary-orders/${draft.id}/confirm`);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const c = confirmed.json() as Order;
    // Priority ties break by code: T<n> then T<n+1>; 500 flat + 10 % of 9,000 = 900: 1,400 off.
    expect(c.lines[0]?.discountPoisha).toBe(1_400);
    expect(c.totalPoisha).toBe(9_000 - 1_400);
    expect(await spentOf(s.id)).toBe(500);
    expect((await grantsOf(draft.id)).map((g) => g.cost_poisha).sort()).toEqual([500, 900]);
    for (const id of [s.id, s2.id]) await marketing.request("POST", `/api/v1/promotions/schemes/${id}/end`);
  });

  it("a budget that does not fit the next order: the order is priced without the scheme", async () => {
    // 12 soap give 4,860 off; a budget of 6,000 fits one such order, not two.
    const s = await activeScheme({ targeting: { outletIds: [f.outletId] }, budgetPoisha: 6_000 });
    const first = await order(f.outletId, [{ skuId: f.soapId, qty: 12 }], true);
    expect(first.lines[0]?.discountPoisha).toBe(4_860);
    const second = await order(f.outletId, [{ skuId: f.soapId, qty: 12 }], true);
    expect(second.lines[0]?.discountPoisha).toBe(0);
    expect(await spentOf(s.id)).toBe(4_860);
    await marketing.request("POST", `/api/v1/promotions/schemes/${s.id}/end`);
  });
});

describe("limits set on a scheme that has already given", () => {
  it("a budget and a per-outlet cap set later count what was given; cancelling that order gives it back", async () => {
    // 12 soap give 4,860 off.
    const s = await activeScheme({ targeting: { outletIds: [f.outletId] } });
    const first = await order(f.outletId, [{ skuId: f.soapId, qty: 12 }], true);
    expect(first.lines[0]?.discountPoisha).toBe(4_860);
    const set = await marketing.request("PATCH", `/api/v1/promotions/schemes/${s.id}`, {
      budgetPoisha: 100_000,
      perOutletCapPoisha: 6_000,
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().spentPoisha).toBe(4_860);
    expect(await spentOf(s.id)).toBe(4_860);
    // The outlet has had 4,860 of its 6,000: another 4,860 no longer fits its cap.
    const second = await order(f.outletId, [{ skuId: f.soapId, qty: 12 }], true);
    expect(second.lines[0]?.discountPoisha).toBe(0);
    // Cancelling the first order gives its 4,860 back to the budget and to the outlet: the next one fits again.
    const cancel = await admin.request("POST", `/api/v1/secondary-orders/${first.id}/cancel`, { reason: "test" });
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(await spentOf(s.id)).toBe(0);
    const third = await order(f.outletId, [{ skuId: f.soapId, qty: 12 }], true);
    expect(third.lines[0]?.discountPoisha).toBe(4_860);
    expect(await spentOf(s.id)).toBe(4_860);
    await marketing.request("POST", `/api/v1/promotions/schemes/${s.id}/end`);
  });
});

describe("why a scheme did not apply", () => {
  it("explain: below the threshold with what the order has and needs, in both languages; an order's grants", async () => {
    const s = await activeScheme({ targeting: { outletIds: [f.secondOutletId] } });
    const res = await rep.request("POST", "/api/v1/promotions/explain", {
      outletId: f.secondOutletId,
      lines: [{ skuId: f.soapId, qty: 11 }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as {
      schemes: { schemeId: string; applied: boolean; reason: Json | null; text: { en: string; bn: string } }[];
    };
    const mine = body.schemes.find((x) => x.schemeId === s.id);
    expect(mine).toMatchObject({
      applied: false,
      reason: { code: "below_threshold", measure: "qty", have: 11, need: 12 },
    });
    expect(mine?.text.en).toContain("12");
    expect(hasBengali(mine?.text.bn)).toBe(true);
    // The same scheme applies to 12, and the order's own explanation lists its grant.
    const o = await order(f.secondOutletId, [{ skuId: f.soapId, qty: 12 }], true);
    const why = await rep.request("GET", `/api/v1/orders/${o.id}/schemes`);
    expect(why.statusCode, why.body).toBe(200);
    const w = why.json() as {
      grants: Json[];
      schemes: { schemeId: string; applied: boolean; discountPoisha: number }[];
    };
    expect(w.grants).toEqual([expect.objectContaining({ schemeId: s.id, costPoisha: 4_860, status: "active" })]);
    expect(w.schemes.find((x) => x.schemeId === s.id)).toMatchObject({ applied: true, discountPoisha: 4_860 });
    // Out of scope: another org's admin and an outlet outside the rep's area are "not found".
    expect((await otherOrg.request("GET", `/api/v1/orders/${o.id}/schemes`)).statusCode).toBe(404);
    const far = await rep.request("POST", "/api/v1/promotions/explain", {
      outletId: f.farOutletId,
      lines: [{ skuId: f.soapId, qty: 1 }],
    });
    expect(far.statusCode).toBe(404);
    await marketing.request("POST", `/api/v1/promotions/schemes/${s.id}/end`);
  });
});

describe("campaigns", () => {
  it("a campaign groups schemes; its results: targeted vs a comparable group, cost from grants, ROI, new outlets", async () => {
    const made = await marketing.request("POST", "/api/v1/promotions/campaigns", {
      name: "Winter soap push",
      nameBn: "শীতের সাবান প্রচার",
      objective: "new_outlets",
      validFrom: addDays(today, -2),
      validTo: addDays(today, 2),
      budgetPoisha: 1_000_000,
    });
    expect(made.statusCode, made.body).toBe(201);
    const campaign = made.json() as { id: string; schemeIds: string[] };
    expect(campaign.schemeIds).toEqual([]);
    const s = await activeScheme({ campaignId: campaign.id, targeting: { outletIds: [f.outletId] } });
    const o = await order(f.outletId, [{ skuId: f.soapId, qty: 12 }], true);
    expect(o.discountPoisha).toBe(4_860);
    await applyPendingSalesChanges(t.database.handle.db);
    const res = await marketing.request("GET", `/api/v1/promotions/campaigns/${campaign.id}/results`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as {
      period: { from: string; to: string };
      baselinePeriod: { from: string; to: string };
      targeted: { outlets: number; beforePoisha: number; duringPoisha: number };
      control: { outlets: number; beforePoisha: number; duringPoisha: number };
      costPoisha: number;
      expectedPoisha: number;
      incrementalPoisha: number;
      roiBp: number | null;
      newOutlets: number;
      grants: number;
    };
    const rolled = await t.database.handle.db
      .selectFrom("outlet_sales_daily")
      .select((eb) => eb.fn.sum<string>("ordered_poisha").as("sum"))
      .where("org_id", "=", t.orgA.orgId)
      .where("outlet_id", "=", f.outletId)
      .where("day", ">=", addDays(today, -2))
      .executeTakeFirstOrThrow();
    // Running: measured over its three days so far (not to its end), against the three days before it.
    expect(r.period).toEqual({ from: addDays(today, -2), to: today });
    expect(r.baselinePeriod).toEqual({ from: addDays(today, -5), to: addDays(today, -3) });
    expect(r.targeted).toEqual({ outlets: 1, beforePoisha: 0, duringPoisha: Number(rolled.sum) });
    expect(r.control.outlets).toBeGreaterThan(0);
    // No sales before the campaign: nothing expected, so every poisha sold is incremental.
    expect(r.expectedPoisha).toBe(0);
    expect(r.incrementalPoisha).toBe(r.targeted.duringPoisha);
    expect(r.costPoisha).toBe(4_860);
    expect(r.grants).toBe(1);
    expect(r.roiBp).toBe(Math.round(((r.incrementalPoisha - 4_860) * 10_000) / 4_860));
    expect(r.newOutlets).toBe(1);
    const shown = (await marketing.request("GET", `/api/v1/promotions/campaigns/${campaign.id}`)).json() as Json;
    expect(shown.schemeIds).toEqual([s.id]);
    expect((await rep.request("GET", `/api/v1/promotions/campaigns/${campaign.id}/results`)).statusCode).toBe(403);
    expect((await otherOrg.request("GET", `/api/v1/promotions/campaigns/${campaign.id}`)).statusCode).toBe(404);
    await marketing.request("POST", `/api/v1/promotions/schemes/${s.id}/end`);
  });
});
