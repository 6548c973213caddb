// Which price list prices an order: the precedence rule of resolvePrices (distributor override > deepest
// territory > channel + tier > channel > tier > default, then the latest valid_from), effective dates,
// archived lists, margins off MRP; then price list items over HTTP (validation, CSV export and the
// all-or-nothing import), the order book, and who may see what.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { businessDate } from "../../shared/format.ts";
import { newId } from "../../shared/ids.ts";
import { errorCode, hasBengali, must } from "../testing/assertions.ts";
import { type Caller, createTestApp, ORG_A_DOMAIN, ORG_B_DOMAIN, signIn, type TestApp } from "../testing/test-app.ts";
import { loadSkusForOrder, resolvePrices } from "./catalog.service.ts";

const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

describe("prices", () => {
  let t: TestApp;
  let admin: Caller;
  let rep: Caller;
  let manager: Caller;
  const db = () => t.database.handle.db;
  const today = businessDate();
  const skus: Record<string, string> = {};
  let distributorId: string;
  let otherDistributorId: string;
  let outletId: string;
  let farOutletId: string;
  const terr = { region: "", area: "", route: "", routePath: "", farRoute: "" };

  async function territory(where: { code?: string; level?: string; under?: string }) {
    let q = db().selectFrom("territories").select(["id", "path"]).where("org_id", "=", t.orgA.orgId);
    if (where.code) q = q.where("code", "=", where.code);
    if (where.level) q = q.where("level", "=", where.level as "route");
    if (where.under) q = q.where("path", "like", `${where.under}%`);
    return must(await q.orderBy("path").executeTakeFirst(), `territory ${JSON.stringify(where)}`);
  }

  async function priceList(body: Record<string, unknown>, items: Record<string, unknown>[]) {
    const res = await admin.request("POST", "/api/v1/price-lists", { validFrom: addDays(today, -30), ...body });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    if (items.length) {
      const put = await admin.request("PUT", `/api/v1/price-lists/${id}/items`, { items });
      expect(put.statusCode, put.body).toBe(200);
    }
    return id;
  }
  const flat = (skuId: string, mrp: number) => ({
    skuId,
    mrpPoisha: mrp,
    retailerPricePoisha: mrp - 100,
    distributorPricePoisha: mrp - 200,
  });

  const resolve = (over: Partial<Parameters<typeof resolvePrices>[2]> = {}) =>
    resolvePrices(db(), t.orgA.orgId, {
      skuIds: Object.values(skus),
      date: today,
      channel: "grocery",
      tier: "A",
      territoryPath: terr.routePath,
      distributorId,
      ...over,
    });

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t.app, `admin@${ORG_A_DOMAIN}`);
    rep = await signIn(t.app, `rep@${ORG_A_DOMAIN}`);
    manager = await signIn(t.app, `manager@${ORG_A_DOMAIN}`);
    const orgId = t.orgA.orgId;

    const region = await territory({ code: "DHA" });
    const area = await territory({ code: "DHA-GAZ" });
    const repUser = await db()
      .selectFrom("users")
      .select("territory_id")
      .where("org_id", "=", orgId)
      .where("email", "=", `rep@${ORG_A_DOMAIN}`)
      .executeTakeFirstOrThrow();
    const repTerritory = await db()
      .selectFrom("territories")
      .select("path")
      .where("org_id", "=", orgId)
      .where("id", "=", must(repUser.territory_id, "rep territory"))
      .executeTakeFirstOrThrow();
    const route = await territory({ level: "route", under: repTerritory.path });
    const chattogram = await territory({ code: "CHA" });
    const farRoute = await territory({ level: "route", under: chattogram.path });
    Object.assign(terr, {
      region: region.id,
      area: area.id,
      route: route.id,
      routePath: route.path,
      farRoute: farRoute.id,
    });

    // The network module owns distributors and outlets; these rows are only the fixtures prices need.
    distributorId = newId();
    otherDistributorId = newId();
    for (const [id, code] of [
      [distributorId, "D-GAZ"],
      [otherDistributorId, "D-OTHER"],
    ] as const)
      await db()
        .insertInto("distributors")
        .values({
          org_id: orgId,
          id,
          code,
          name: `Distributor ${code}`,
          name_bn: "ডিস্ট্রিবিউটর",
          owner_name: "Owner",
          phone: "+8801711000000",
          address: "Gazipur",
          territory_id: area.id,
        })
        .execute();
    outletId = newId();
    farOutletId = newId();
    for (const [id, code, routeId, channel, cls] of [
      [outletId, "O-1", route.id, "grocery", "A"],
      [farOutletId, "O-2", farRoute.id, "pharmacy", "B"],
    ] as const)
      await db()
        .insertInto("outlets")
        .values({
          org_id: orgId,
          id,
          code,
          name: `Outlet ${code}`,
          name_bn: "মুদি দোকান",
          owner_name: "Owner",
          channel,
          class: cls,
          distributor_id: distributorId,
          route_id: routeId,
        })
        .execute();

    const brand = await admin.request("POST", "/api/v1/brands", { code: "B", name: "Brand", nameBn: "ব্র্যান্ড" });
    const category = await admin.request("POST", "/api/v1/categories", { code: "C", name: "Cat", nameBn: "শ্রেণি" });
    for (const code of [
      "DEFAULT",
      "TIER",
      "CHANNEL",
      "CHTIER",
      "REGION",
      "AREA",
      "DIST",
      "FUTURE",
      "ARCH",
      "MARGIN",
      "NONE",
    ]) {
      const res = await admin.request("POST", "/api/v1/skus", {
        code,
        name: `Sku ${code}`,
        nameBn: `পণ্য ${code}`,
        brandId: brand.json().id,
        categoryId: category.json().id,
        vatRateBp: 1500,
        units: [{ unit: "case", factor: 24 }],
      });
      expect(res.statusCode).toBe(201);
      skus[code] = res.json().id;
    }
    const s = (code: string) => must(skus[code], code);
    // Every SKU but NONE is on the default list at 10000; each more specific list prices "its" SKU and the
    // ones that a more specific list should still beat.
    const allButNone = Object.keys(skus).filter((c) => c !== "NONE");
    await priceList(
      { code: "PL-DEFAULT", name: "Default", nameBn: "সাধারণ" },
      allButNone.map((c) => flat(s(c), 10_000)),
    );
    await priceList(
      { code: "PL-TIER", name: "Tier A", nameBn: "শ্রেণি ক", tier: "A" },
      ["TIER", "CHANNEL", "CHTIER", "REGION", "AREA", "DIST"].map((c) => flat(s(c), 20_000)),
    );
    await priceList(
      { code: "PL-CHANNEL", name: "Grocery", nameBn: "মুদি", channel: "grocery" },
      ["CHANNEL", "CHTIER", "REGION", "AREA", "DIST"].map((c) => flat(s(c), 30_000)),
    );
    // A channel list for another channel never applies.
    await priceList({ code: "PL-PHARMA", name: "Pharmacy", nameBn: "ফার্মেসি", channel: "pharmacy" }, [
      flat(s("DEFAULT"), 99_900),
    ]);
    await priceList(
      { code: "PL-CHTIER", name: "Grocery A", nameBn: "মুদি ক", channel: "grocery", tier: "A" },
      ["CHTIER", "REGION", "AREA", "DIST"].map((c) => flat(s(c), 40_000)),
    );
    await priceList(
      { code: "PL-REGION", name: "Dhaka", nameBn: "ঢাকা", territoryId: terr.region },
      ["REGION", "AREA", "DIST"].map((c) => flat(s(c), 50_000)),
    );
    await priceList(
      { code: "PL-AREA", name: "Gazipur", nameBn: "গাজীপুর", territoryId: terr.area },
      ["AREA", "DIST"].map((c) => flat(s(c), 60_000)),
    );
    await priceList({ code: "PL-DIST", name: "Our distributor", nameBn: "আমাদের ডিস্ট্রিবিউটর", distributorId }, [
      flat(s("DIST"), 70_000),
    ]);
    await priceList({ code: "PL-OTHER-DIST", name: "Other", nameBn: "অন্য", distributorId: otherDistributorId }, [
      flat(s("DEFAULT"), 88_800),
    ]);
    await priceList({ code: "PL-FUTURE", name: "From tomorrow", nameBn: "আগামীকাল থেকে", validFrom: addDays(today, 1) }, [
      flat(s("FUTURE"), 80_000),
    ]);
    await priceList(
      { code: "PL-EXPIRED", name: "Expired", nameBn: "মেয়াদোত্তীর্ণ", channel: "grocery", validTo: addDays(today, -1) },
      [flat(s("FUTURE"), 81_000)],
    );
    const archived = await priceList({ code: "PL-ARCH", name: "Archived", nameBn: "আর্কাইভ", channel: "grocery" }, [
      flat(s("ARCH"), 90_000),
    ]);
    expect((await admin.request("POST", `/api/v1/price-lists/${archived}/archive`)).statusCode).toBe(200);
    await priceList({ code: "PL-MARGIN", name: "Margins", nameBn: "মার্জিন", channel: "grocery", tier: "A" }, [
      { skuId: s("MARGIN"), mrpPoisha: 4500, retailerMarginBp: 850, distributorMarginBp: 1200 },
    ]);
  });
  afterAll(() => t?.close());

  const mrpOf = async (code: string, over: Partial<Parameters<typeof resolvePrices>[2]> = {}) =>
    (await resolve(over)).get(must(skus[code], code))?.mrpPoisha;

  describe("which list wins", () => {
    it("uses the default list when nothing more specific prices the SKU", async () => {
      expect(await mrpOf("DEFAULT")).toBe(10_000);
    });
    it("prefers a channel list to a tier list, and channel + tier to either", async () => {
      expect(await mrpOf("TIER")).toBe(20_000);
      expect(await mrpOf("CHANNEL")).toBe(30_000);
      expect(await mrpOf("CHTIER")).toBe(40_000);
      // With another tier, the tier-A lists drop out.
      expect(await mrpOf("CHTIER", { tier: "C" })).toBe(30_000);
      expect(await mrpOf("TIER", { tier: "C" })).toBe(10_000);
    });
    it("lets a territory override beat channel + tier, and the deeper territory beat its parent", async () => {
      expect(await mrpOf("REGION")).toBe(50_000);
      expect(await mrpOf("AREA")).toBe(60_000);
      // An outlet outside Gazipur (or with no route) does not get Gazipur's or Dhaka's prices.
      const far = await db()
        .selectFrom("territories")
        .select("path")
        .where("org_id", "=", t.orgA.orgId)
        .where("id", "=", terr.farRoute)
        .executeTakeFirstOrThrow();
      expect(await mrpOf("AREA", { territoryPath: far.path })).toBe(40_000);
      expect(await mrpOf("AREA", { territoryPath: null })).toBe(40_000);
    });
    it("lets a distributor override beat a territory override, only for that distributor", async () => {
      expect(await mrpOf("DIST")).toBe(70_000);
      expect(await mrpOf("DIST", { distributorId: otherDistributorId })).toBe(60_000);
      expect(await mrpOf("DEFAULT", { distributorId: otherDistributorId })).toBe(88_800);
      expect(await mrpOf("DIST", { distributorId: null })).toBe(60_000);
    });
    it("ignores a list that starts tomorrow or ended yesterday, and uses it on its dates", async () => {
      expect(await mrpOf("FUTURE")).toBe(10_000);
      expect(await mrpOf("FUTURE", { date: addDays(today, 1) })).toBe(80_000);
      expect(await mrpOf("FUTURE", { date: addDays(today, -1) })).toBe(81_000);
    });
    it("ignores an archived list", async () => {
      expect(await mrpOf("ARCH")).toBe(10_000);
    });
    it("breaks a tie by the latest valid_from", async () => {
      const newer = await priceList(
        { code: "PL-DEFAULT-2", name: "Default, newer", nameBn: "সাধারণ নতুন", validFrom: addDays(today, -2) },
        [flat(must(skus.DEFAULT, "sku"), 11_000)],
      );
      expect(await mrpOf("DEFAULT")).toBe(11_000);
      await admin.request("POST", `/api/v1/price-lists/${newer}/archive`);
      expect(await mrpOf("DEFAULT")).toBe(10_000);
    });
    it("turns margins off MRP into prices, rounding half up to the poisha, with the SKU's VAT", async () => {
      const p = (await resolve()).get(must(skus.MARGIN, "sku"));
      expect(p).toMatchObject({
        mrpPoisha: 4500,
        retailerPricePoisha: 4118, // 4500 x 0.915 = 4117.5 -> 4118
        distributorPricePoisha: 3960,
        vatRateBp: 1500,
        pricesIncludeVat: false,
      });
    });
    it("leaves out a SKU no list prices, and keeps tenants apart", async () => {
      const prices = await resolve();
      expect(prices.has(must(skus.NONE, "sku"))).toBe(false);
      expect(prices.size).toBe(Object.keys(skus).length - 1);
      const other = await resolvePrices(db(), t.orgB.orgId, {
        skuIds: Object.values(skus),
        date: today,
        channel: "grocery",
        tier: "A",
        territoryPath: null,
        distributorId: null,
      });
      expect(other.size).toBe(0);
    });
    it("loads SKUs for an order with their units", async () => {
      const loaded = await loadSkusForOrder(db(), t.orgA.orgId, [must(skus.DEFAULT, "sku"), newId()]);
      expect(loaded.size).toBe(1);
      expect(loaded.get(must(skus.DEFAULT, "sku"))).toMatchObject({
        code: "DEFAULT",
        vat_rate_bp: 1500,
        archived_at: null,
        units: [
          { unit: "piece", factor: 1 },
          { unit: "case", factor: 24 },
        ],
      });
    });
  });

  describe("price list items", () => {
    let listId: string;
    beforeAll(async () => {
      listId = await priceList({ code: "PL-EDIT", name: "Edit", nameBn: "সম্পাদনা", channel: "horeca" }, []);
    });

    it("refuses a chain where the distributor pays more than the retailer, in Bengali too", async () => {
      const res = await admin.request(
        "PUT",
        `/api/v1/price-lists/${listId}/items`,
        { items: [{ skuId: skus.DEFAULT, mrpPoisha: 1000, retailerPricePoisha: 900, distributorPricePoisha: 950 }] },
        { "accept-language": "bn" },
      );
      expect(res.statusCode).toBe(400);
      expect(errorCode(res)).toBe("catalog.price_chain");
      expect(res.json().error.message).toContain("DEFAULT");
      expect(hasBengali(res.json().error.message)).toBe(true);
    });

    it("refuses both a price and a margin for the same step", async () => {
      const res = await admin.request("PUT", `/api/v1/price-lists/${listId}/items`, {
        items: [
          {
            skuId: skus.DEFAULT,
            mrpPoisha: 1000,
            retailerPricePoisha: 900,
            retailerMarginBp: 500,
            distributorMarginBp: 1500,
          },
        ],
      });
      expect(res.statusCode).toBe(400);
      expect(errorCode(res)).toBe("request.invalid");
    });

    it("refuses the same SKU twice in one change with 400, not a 500", async () => {
      // Found by the contract fuzz test: the upsert met its own row twice, which the database refuses.
      const item = { skuId: skus.DEFAULT, mrpPoisha: 1000, retailerPricePoisha: 900, distributorPricePoisha: 800 };
      const res = await admin.request("PUT", `/api/v1/price-lists/${listId}/items`, { items: [item, item] });
      expect(res.statusCode, res.body).toBe(400);
      expect(errorCode(res)).toBe("request.invalid");
      expect(res.json().error.details.issues[0].field).toBe("items");
    });

    it("upserts items, computes effective prices, and removes items", async () => {
      const put = await admin.request("PUT", `/api/v1/price-lists/${listId}/items`, {
        items: [
          { skuId: skus.DEFAULT, mrpPoisha: 4500, retailerMarginBp: 850, distributorPricePoisha: 3900 },
          flat(must(skus.TIER, "sku"), 2000),
        ],
      });
      expect(put.statusCode).toBe(200);
      expect(put.json().items[0]).toMatchObject({
        skuCode: "DEFAULT",
        effectiveRetailerPricePoisha: 4118,
        effectiveDistributorPricePoisha: 3900,
      });
      const again = await admin.request("PUT", `/api/v1/price-lists/${listId}/items`, {
        items: [{ skuId: skus.DEFAULT, mrpPoisha: 5000, retailerPricePoisha: 4500, distributorPricePoisha: 4000 }],
        removeSkuIds: [skus.TIER],
      });
      expect(again.json().items).toHaveLength(1);
      expect(again.json().items[0].mrpPoisha).toBe(5000);
      const list = await admin.request("GET", `/api/v1/price-lists/${listId}`);
      expect(list.json().itemCount).toBe(1);
    });

    it("exports CSV in taka and percent, and imports it back", async () => {
      await admin.request("PUT", `/api/v1/price-lists/${listId}/items`, {
        items: [{ skuId: skus.TIER, mrpPoisha: 4550, retailerMarginBp: 850, distributorMarginBp: 1200 }],
      });
      const csv = await admin.request("GET", `/api/v1/price-lists/${listId}/items.csv`);
      expect(csv.statusCode).toBe(200);
      expect(csv.body.charCodeAt(0)).toBe(0xfeff);
      const lines = csv.body.slice(1).trim().split("\r\n");
      expect(lines[0]).toBe(
        "sku_code,sku_name,sku_name_bn,mrp,retailer_price,retailer_margin_percent,distributor_price,distributor_margin_percent",
      );
      expect(lines).toContain("TIER,Sku TIER,পণ্য TIER,45.50,,8.50,,12");
      const edited = csv.body.replace("TIER,Sku TIER,পণ্য TIER,45.50", "TIER,Sku TIER,পণ্য TIER,৪৬.০০");
      const imported = await admin.request("POST", `/api/v1/price-lists/${listId}/items/import`, { csv: edited });
      expect(imported.statusCode).toBe(200);
      expect(imported.json()).toMatchObject({ applied: true, total: 2, valid: 2, rows: [] });
      const items = await admin.request("GET", `/api/v1/price-lists/${listId}/items`);
      const tier = items.json().items.find((i: { skuCode: string }) => i.skuCode === "TIER");
      expect(tier).toMatchObject({ mrpPoisha: 4600, retailerMarginBp: 850, effectiveRetailerPricePoisha: 4209 });
    });

    it("imports nothing when any row is wrong, and reports every bad row in the caller's language", async () => {
      const before = (await admin.request("GET", `/api/v1/price-lists/${listId}/items`)).json();
      const csv = [
        "sku_code,mrp,retailer_price,retailer_margin_percent,distributor_price,distributor_margin_percent",
        "DEFAULT,10.00,9.00,,8.00,",
        "NOPE,10.00,9.00,,8.00,",
        "TIER,abc,9.00,,8.00,",
        "CHANNEL,10.00,9.00,5,8.00,",
        "AREA,10.00,9.00,,9.50,",
      ].join("\n");
      const res = await admin.request(
        "POST",
        `/api/v1/price-lists/${listId}/items/import`,
        { csv },
        {
          "accept-language": "bn",
        },
      );
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ applied: false, total: 5, valid: 1 });
      expect(body.rows.map((r: { line: number; skuCode: string }) => [r.line, r.skuCode])).toEqual([
        [3, "NOPE"],
        [4, "TIER"],
        [5, "CHANNEL"],
        [6, "AREA"],
      ]);
      for (const r of body.rows) expect(hasBengali(r.errors[0])).toBe(true);
      const after = (await admin.request("GET", `/api/v1/price-lists/${listId}/items`)).json();
      expect(after).toEqual(before);
    });

    it("checks only on a dry run", async () => {
      const csv = "sku_code,mrp,retailer_price,distributor_price\nDEFAULT,1.00,1.00,1.00\n";
      const res = await admin.request("POST", `/api/v1/price-lists/${listId}/items/import`, { csv, dryRun: true });
      expect(res.json()).toMatchObject({ applied: false, total: 1, valid: 1 });
      const items = (await admin.request("GET", `/api/v1/price-lists/${listId}/items`)).json().items;
      expect(items.find((i: { skuCode: string }) => i.skuCode === "DEFAULT").mrpPoisha).toBe(5000);
    });

    it("refuses an end date before the start, and an unknown distributor", async () => {
      const bad = await admin.request("POST", "/api/v1/price-lists", {
        code: "PL-BAD",
        name: "Bad",
        nameBn: "ভুল",
        validFrom: today,
        validTo: addDays(today, -1),
      });
      expect(errorCode(bad)).toBe("catalog.validity");
      const unknown = await admin.request("POST", "/api/v1/price-lists", {
        code: "PL-BAD",
        name: "Bad",
        nameBn: "ভুল",
        validFrom: today,
        distributorId: newId(),
      });
      expect(errorCode(unknown)).toBe("catalog.distributor_unknown");
    });

    it("lets only catalog writers change prices, hides price lists from retailers, and keeps tenants apart", async () => {
      const repPut = await rep.request("PUT", `/api/v1/price-lists/${listId}/items`, { items: [] });
      expect(repPut.statusCode).toBe(403);
      const repRead = await rep.request("GET", `/api/v1/price-lists/${listId}/items`);
      expect(repRead.statusCode).toBe(200);
      const retailer = await signIn(t.app, `retailer@${ORG_A_DOMAIN}`);
      expect((await retailer.request("GET", "/api/v1/price-lists")).statusCode).toBe(403);
      const adminB = await signIn(t.app, `admin@${ORG_B_DOMAIN}`);
      expect((await adminB.request("GET", `/api/v1/price-lists/${listId}`)).statusCode).toBe(404);
      expect((await adminB.request("GET", `/api/v1/price-lists/${listId}/items.csv`)).statusCode).toBe(404);
      expect(
        (await adminB.request("GET", "/api/v1/price-lists?limit=200")).json().items.map((x: { id: string }) => x.id),
      ).not.toContain(listId);
    });
  });

  describe("order book", () => {
    it("gives every active SKU with units and the outlet's prices", async () => {
      const res = await rep.request("GET", `/api/v1/catalog/order-book?outletId=${outletId}`);
      expect(res.statusCode, res.body).toBe(200);
      const book = res.json();
      expect(book).toMatchObject({ date: today, channel: "grocery", tier: "A", distributorId });
      const byCode = new Map(book.skus.map((s: { code: string }) => [s.code, s]));
      expect(byCode.get("DIST")).toMatchObject({
        units: [
          { unit: "piece", factor: 1 },
          { unit: "case", factor: 24 },
        ],
        vatRateBp: 1500,
        price: { mrpPoisha: 70_000, retailerPricePoisha: 69_900, distributorPricePoisha: 69_800 },
      });
      expect(byCode.get("MARGIN")).toMatchObject({ price: { retailerPricePoisha: 4118 } });
      expect(byCode.get("NONE")).toMatchObject({ price: null });
      expect((byCode.get("DEFAULT") as { searchText: string }).searchText).toContain("default");
    });

    it("prices for explicit targets when no outlet is given", async () => {
      const res = await admin.request("GET", "/api/v1/catalog/order-book?channel=pharmacy&tier=B");
      const book = res.json();
      const def = book.skus.find((s: { code: string }) => s.code === "DEFAULT");
      expect(def.price.mrpPoisha).toBe(99_900);
    });

    it("leaves archived SKUs out", async () => {
      await admin.request("POST", `/api/v1/skus/${skus.ARCH}/archive`);
      const res = await admin.request("GET", `/api/v1/catalog/order-book?outletId=${outletId}`);
      expect(res.json().skus.map((s: { code: string }) => s.code)).not.toContain("ARCH");
    });

    it("answers 404 for an outlet outside the caller's territory, or another org's", async () => {
      expect((await rep.request("GET", `/api/v1/catalog/order-book?outletId=${farOutletId}`)).statusCode).toBe(404);
      expect((await manager.request("GET", `/api/v1/catalog/order-book?outletId=${farOutletId}`)).statusCode).toBe(404);
      expect((await manager.request("GET", `/api/v1/catalog/order-book?outletId=${outletId}`)).statusCode).toBe(200);
      const adminB = await signIn(t.app, `admin@${ORG_B_DOMAIN}`);
      const res = await adminB.request("GET", `/api/v1/catalog/order-book?outletId=${outletId}`);
      expect(res.statusCode).toBe(404);
      expect(errorCode(res)).toBe("catalog.outlet_not_found");
    });

    it("shows a retailer its own outlet's prices without the distributor's", async () => {
      await db()
        .updateTable("users")
        .set({ outlet_id: outletId })
        .where("org_id", "=", t.orgA.orgId)
        .where("email", "=", `retailer@${ORG_A_DOMAIN}`)
        .execute();
      const retailer = await signIn(t.app, `retailer@${ORG_A_DOMAIN}`);
      const res = await retailer.request("GET", "/api/v1/catalog/order-book");
      expect(res.statusCode, res.body).toBe(200);
      const dist = res.json().skus.find((s: { code: string }) => s.code === "DIST");
      expect(dist.price).toMatchObject({
        mrpPoisha: 70_000,
        retailerPricePoisha: 69_900,
        distributorPricePoisha: null,
      });
      expect((await retailer.request("GET", `/api/v1/catalog/order-book?outletId=${farOutletId}`)).statusCode).toBe(
        404,
      );
    });

    it("keeps a distributor to its own prices", async () => {
      await db()
        .updateTable("users")
        .set({ distributor_id: otherDistributorId })
        .where("org_id", "=", t.orgA.orgId)
        .where("email", "=", `distributor@${ORG_A_DOMAIN}`)
        .execute();
      const dist = await signIn(t.app, `distributor@${ORG_A_DOMAIN}`);
      const own = await dist.request("GET", "/api/v1/catalog/order-book");
      expect(own.statusCode).toBe(200);
      expect(own.json().distributorId).toBe(otherDistributorId);
      expect(own.json().skus.find((s: { code: string }) => s.code === "DEFAULT").price.mrpPoisha).toBe(88_800);
      const other = await dist.request("GET", `/api/v1/catalog/order-book?distributorId=${distributorId}`);
      expect(other.statusCode).toBe(404);
      // An outlet its distributor does not serve is not its business.
      expect((await dist.request("GET", `/api/v1/catalog/order-book?outletId=${outletId}`)).statusCode).toBe(404);
    });
  });
});
