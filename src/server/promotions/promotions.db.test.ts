// Promotions end to end: schemes made through the API, who sees and manages them, the schemes in force for an outlet.
// Prices of the sales fixture: soap 4050 poisha a piece (VAT 15 % on top), biscuit 900 poisha (no VAT).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, businessDate } from "../../shared/format.ts";
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
  });
});
