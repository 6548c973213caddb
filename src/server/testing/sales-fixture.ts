// A small, exact piece of secondary-sales data for tests: one distributor serving two outlets on routes
// under the demo rep's territory, one outlet elsewhere, two SKUs with a price list, and opening stock.
// Tests state their numbers against these prices: soap ৳45.00 MRP at 10 % retailer margin = 4050 poisha per
// piece, VAT 15 %; biscuit ৳10.00 MRP, flat retailer price 900 poisha, no VAT; cases of 24.
import { newId } from "../../shared/ids.ts";
import type { Db } from "../db/transaction.ts";
import { withTransaction } from "../db/transaction.ts";
import type { DemoSummary } from "../demo/demo-seed.ts";
import { receiveStock } from "../inventory/stock-ledger.ts";

export interface SalesFixture {
  distributorId: string;
  otherDistributorId: string;
  outletId: string;
  secondOutletId: string;
  /** On a route outside the rep's territory, served by the other distributor. */
  farOutletId: string;
  soapId: string;
  biscuitId: string;
}

export async function createSalesFixture(
  db: Db,
  org: DemoSummary,
  opts: { soapStock?: number; biscuitStock?: number; creditLimitPoisha?: number | null } = {},
): Promise<SalesFixture> {
  const orgId = org.orgId;
  return withTransaction(db, async (tx) => {
    const rep = await tx
      .selectFrom("users")
      .select("territory_id")
      .where("org_id", "=", orgId)
      .where("id", "=", org.usersByRole.rep)
      .executeTakeFirstOrThrow();
    const repTerritory = rep.territory_id as string;
    const routes = await tx
      .selectFrom("territories")
      .select(["id", "path"])
      .where("org_id", "=", orgId)
      .where("parent_id", "=", repTerritory)
      .execute();
    const route = routes[0];
    if (!route) throw new Error("the demo rep's territory has no route");
    const far = await tx
      .selectFrom("territories")
      .select(["id", "parent_id"])
      .where("org_id", "=", orgId)
      .where("level", "=", "route")
      .where("path", "not like", `%/${repTerritory}/%`)
      .orderBy("code")
      .executeTakeFirstOrThrow();

    const distributorId = newId();
    const otherDistributorId = newId();
    const distributor = (id: string, code: string, territoryId: string) => ({
      org_id: orgId,
      id,
      code,
      name: `${code} Traders`,
      name_bn: `${code} ট্রেডার্স`,
      bin: code === "DB-1" ? "000123456-0101" : null,
      owner_name: "Karim",
      phone: "+8801711000000",
      address: "Tongi, Gazipur",
      territory_id: territoryId,
      credit_days: 7,
    });
    await tx
      .insertInto("distributors")
      .values([
        distributor(distributorId, "DB-1", repTerritory),
        distributor(otherDistributorId, "DB-2", far.parent_id as string),
      ])
      .execute();
    const outlet = (id: string, code: string, distributor: string, routeId: string, name: string, nameBn: string) => ({
      org_id: orgId,
      id,
      code,
      name,
      name_bn: nameBn,
      owner_name: "Rahim",
      phone: "+8801811000000",
      channel: "grocery" as const,
      class: "B" as const,
      credit_limit_poisha: opts.creditLimitPoisha === undefined ? null : opts.creditLimitPoisha,
      distributor_id: distributor,
      route_id: routeId,
    });
    const outletId = newId();
    const secondOutletId = newId();
    const farOutletId = newId();
    await tx
      .insertInto("outlets")
      .values([
        outlet(outletId, "OUT-1", distributorId, route.id, "Mudi Dokan", "মুদি দোকান"),
        outlet(secondOutletId, "OUT-2", distributorId, route.id, "Rahman Store", "রহমান স্টোর"),
        outlet(farOutletId, "OUT-3", otherDistributorId, far.id, "Shapla Pharmacy", "শাপলা ফার্মেসি"),
      ])
      .execute();

    const brandId = newId();
    const categoryId = newId();
    await tx
      .insertInto("brands")
      .values({ org_id: orgId, id: brandId, code: "PADMA", name: "Padma", name_bn: "পদ্মা" })
      .execute();
    await tx
      .insertInto("categories")
      .values({ org_id: orgId, id: categoryId, code: "FMCG", name: "Groceries", name_bn: "মুদি পণ্য" })
      .execute();
    const soapId = newId();
    const biscuitId = newId();
    await tx
      .insertInto("skus")
      .values([
        {
          org_id: orgId,
          id: soapId,
          code: "SOAP-100",
          name: "Padma Soap 100 g",
          name_bn: "পদ্মা সাবান ১০০ গ্রাম",
          brand_id: brandId,
          category_id: categoryId,
          vat_rate_bp: 1500,
        },
        {
          org_id: orgId,
          id: biscuitId,
          code: "BISC-50",
          name: "Padma Biscuit 50 g",
          name_bn: "পদ্মা বিস্কুট ৫০ গ্রাম",
          brand_id: brandId,
          category_id: categoryId,
          vat_rate_bp: 0,
        },
      ])
      .execute();
    const units = (skuId: string) => [
      { org_id: orgId, sku_id: skuId, unit: "piece", name: "piece", name_bn: "পিস", factor: 1 },
      { org_id: orgId, sku_id: skuId, unit: "case", name: "case", name_bn: "কেস", factor: 24 },
    ];
    await tx
      .insertInto("sku_units")
      .values([...units(soapId), ...units(biscuitId)])
      .execute();
    const listId = newId();
    await tx
      .insertInto("price_lists")
      .values({
        org_id: orgId,
        id: listId,
        code: "NATIONAL",
        name: "National",
        name_bn: "জাতীয়",
        valid_from: "2020-01-01",
      })
      .execute();
    await tx
      .insertInto("price_list_items")
      .values([
        {
          org_id: orgId,
          price_list_id: listId,
          sku_id: soapId,
          mrp_poisha: 4500,
          retailer_margin_bp: 1000,
          distributor_margin_bp: 1500,
        },
        {
          org_id: orgId,
          price_list_id: listId,
          sku_id: biscuitId,
          mrp_poisha: 1000,
          retailer_price_poisha: 900,
          distributor_price_poisha: 820,
        },
      ])
      .execute();
    const ref = { refType: "fixture", refId: distributorId, createdBy: null };
    await receiveStock(
      tx,
      orgId,
      distributorId,
      [
        { skuId: soapId, batchNo: "S-LATE", expiryDate: "2027-12-31", qty: Math.floor((opts.soapStock ?? 480) / 2) },
        { skuId: soapId, batchNo: "S-EARLY", expiryDate: "2027-03-31", qty: Math.ceil((opts.soapStock ?? 480) / 2) },
        { skuId: biscuitId, batchNo: "B-1", expiryDate: "2027-01-31", qty: opts.biscuitStock ?? 240 },
      ],
      "opening",
      ref,
    );
    // The demo distributor's login and its driver work for DB-1.
    await tx
      .updateTable("users")
      .set({ distributor_id: distributorId })
      .where("org_id", "=", orgId)
      .where("id", "in", [org.usersByRole.distributor, org.usersByRole.driver])
      .execute();
    await tx
      .updateTable("users")
      .set({ outlet_id: outletId })
      .where("org_id", "=", orgId)
      .where("id", "=", org.usersByRole.retailer)
      .execute();
    return { distributorId, otherDistributorId, outletId, secondOutletId, farOutletId, soapId, biscuitId };
  });
}
