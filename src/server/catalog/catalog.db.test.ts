// The catalog over HTTP: brands, categories and SKUs with their pack sizes — who may read and write them,
// the validation messages (in Bengali too), barcode and code conflicts, search, paging, CSV export, and
// tenant isolation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCode, hasBengali } from "../testing/assertions.ts";
import { type Caller, createTestApp, ORG_A_DOMAIN, ORG_B_DOMAIN, signIn, type TestApp } from "../testing/test-app.ts";

describe("catalog", () => {
  let t: TestApp;
  let admin: Caller;
  let rep: Caller;
  let adminB: Caller;
  let brandId: string;
  let categoryId: string;
  let subCategoryId: string;

  const sku = (over: Record<string, unknown> = {}) => ({
    code: "SOAP-100",
    name: "Padma Beauty Soap 100g",
    nameBn: "পদ্মা বিউটি সাবান ১০০ গ্রাম",
    brandId,
    categoryId: subCategoryId,
    barcode: "8941000000011",
    vatRateBp: 1500,
    units: [
      { unit: "pack", factor: 12 },
      { unit: "case", factor: 144 },
    ],
    sellByUnit: "pack",
    ...over,
  });

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t.app, `admin@${ORG_A_DOMAIN}`);
    rep = await signIn(t.app, `rep@${ORG_A_DOMAIN}`);
    adminB = await signIn(t.app, `admin@${ORG_B_DOMAIN}`);
    const b = await admin.request("POST", "/api/v1/brands", { code: "PADMA", name: "Padma", nameBn: "পদ্মা" });
    expect(b.statusCode).toBe(201);
    brandId = b.json().id;
    const c = await admin.request("POST", "/api/v1/categories", {
      code: "PERSONAL",
      name: "Personal care",
      nameBn: "ব্যক্তিগত যত্ন",
    });
    expect(c.statusCode).toBe(201);
    categoryId = c.json().id;
    const sub = await admin.request("POST", "/api/v1/categories", {
      code: "SOAP",
      name: "Soap",
      nameBn: "সাবান",
      parentId: categoryId,
    });
    expect(sub.statusCode).toBe(201);
    subCategoryId = sub.json().id;
  });
  afterAll(() => t?.close());

  describe("brands and categories", () => {
    it("lists brands with their active SKU count, and refuses a duplicate code with 409", async () => {
      const dup = await admin.request("POST", "/api/v1/brands", { code: "PADMA", name: "Other", nameBn: "অন্য" });
      expect(dup.statusCode).toBe(409);
      expect(errorCode(dup)).toBe("catalog.code_taken");
      const list = await rep.request("GET", "/api/v1/brands");
      expect(list.statusCode).toBe(200);
      expect(list.json().items.map((x: { code: string }) => x.code)).toContain("PADMA");
    });

    it("keeps the category tree acyclic", async () => {
      const moved = await admin.request("PATCH", `/api/v1/categories/${categoryId}`, { parentId: subCategoryId });
      expect(moved.statusCode).toBe(400);
      expect(errorCode(moved)).toBe("catalog.category_cycle");
      const self = await admin.request("PATCH", `/api/v1/categories/${categoryId}`, { parentId: categoryId });
      expect(errorCode(self)).toBe("catalog.category_cycle");
      const children = await rep.request("GET", `/api/v1/categories?parentId=${categoryId}`);
      expect(children.json().items.map((x: { id: string }) => x.id)).toEqual([subCategoryId]);
    });

    it("will not archive a category that still has sub-categories, and archives and restores an empty one", async () => {
      const refused = await admin.request("POST", `/api/v1/categories/${categoryId}/archive`);
      expect(refused.statusCode).toBe(409);
      expect(errorCode(refused)).toBe("catalog.category_has_children");
      const extra = await admin.request("POST", "/api/v1/categories", { code: "TMP", name: "Tmp", nameBn: "অস্থায়ী" });
      const archived = await admin.request("POST", `/api/v1/categories/${extra.json().id}/archive`);
      expect(archived.statusCode).toBe(200);
      expect(archived.json().archivedAt).not.toBeNull();
      const active = await admin.request("GET", "/api/v1/categories");
      expect(active.json().items.map((x: { code: string }) => x.code)).not.toContain("TMP");
      const restored = await admin.request("POST", `/api/v1/categories/${extra.json().id}/restore`);
      expect(restored.json().archivedAt).toBeNull();
    });

    it("answers an empty PATCH of a brand or category with the record unchanged, not a 500", async () => {
      // Found by the contract fuzz test: an UPDATE with nothing to SET was sent to the database.
      for (const url of [`/api/v1/brands/${brandId}`, `/api/v1/categories/${subCategoryId}`]) {
        const before = await admin.request("GET", url);
        const res = await admin.request("PATCH", url, {});
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json()).toEqual(before.json());
      }
    });

    it("audits every write", async () => {
      const rows = await t.database.handle.db
        .selectFrom("audit_log")
        .select(["entity", "action"])
        .where("org_id", "=", t.orgA.orgId)
        .where("entity", "in", ["brand", "category"])
        .execute();
      expect(rows).toEqual(
        expect.arrayContaining([
          { entity: "brand", action: "create" },
          { entity: "category", action: "create" },
          { entity: "category", action: "archive" },
          { entity: "category", action: "restore" },
        ]),
      );
    });
  });

  describe("SKUs", () => {
    let skuId: string;

    it("creates a SKU with its pack sizes, adding the base unit", async () => {
      const res = await admin.request("POST", "/api/v1/skus", sku());
      expect(res.statusCode).toBe(201);
      const body = res.json();
      skuId = body.id;
      expect(body.units).toEqual([
        { unit: "piece", name: "Piece", nameBn: "পিস", factor: 1 },
        { unit: "pack", name: "Pack", nameBn: "প্যাক", factor: 12 },
        { unit: "case", name: "Case", nameBn: "কেস", factor: 144 },
      ]);
      expect(body).toMatchObject({ baseUnit: "piece", sellByUnit: "pack", vatRateBp: 1500, brandName: "Padma" });
      const brand = await admin.request("GET", `/api/v1/brands/${brandId}`);
      expect(brand.json().skuCount).toBe(1);
    });

    it("refuses a barcode another SKU has, with 409 naming that SKU, in Bengali too", async () => {
      const res = await admin.request("POST", "/api/v1/skus", sku({ code: "SOAP-150" }), { "accept-language": "bn" });
      expect(res.statusCode).toBe(409);
      expect(errorCode(res)).toBe("catalog.barcode_taken");
      expect(res.json().error.message).toContain("SOAP-100");
      expect(hasBengali(res.json().error.message)).toBe(true);
      const en = await admin.request("POST", "/api/v1/skus", sku({ code: "SOAP-150" }), { "accept-language": "en" });
      expect(en.json().error.message).toBe("The barcode 8941000000011 already belongs to another SKU (SOAP-100).");
    });

    it.each([
      [
        "a case that is not a whole number of packs",
        [
          { unit: "pack", factor: 12 },
          { unit: "case", factor: 100 },
        ],
        null,
        "catalog.unit_factor_inconsistent",
      ],
      [
        "two units with the same factor",
        [
          { unit: "pack", factor: 12 },
          { unit: "dozen", factor: 12 },
        ],
        null,
        "catalog.unit_duplicate",
      ],
      ["a second unit of factor 1", [{ unit: "each", factor: 1 }], null, "catalog.unit_duplicate"],
      ["the base unit with a factor other than 1", [{ unit: "piece", factor: 6 }], null, "catalog.unit_base_missing"],
      ["a sell-by unit it does not have", [{ unit: "pack", factor: 12 }], "case", "catalog.sell_by_unknown"],
    ])("refuses %s", async (_what, units, sellByUnit, code) => {
      const res = await admin.request(
        "POST",
        "/api/v1/skus",
        sku({ code: "BAD-1", barcode: null, units, sellByUnit }),
        {
          "accept-language": "bn",
        },
      );
      expect(res.statusCode).toBe(400);
      expect(errorCode(res)).toBe(code);
      expect(hasBengali(res.json().error.message)).toBe(true);
    });

    it("explains an inconsistent pack in words", async () => {
      const res = await admin.request(
        "POST",
        "/api/v1/skus",
        sku({
          code: "BAD-2",
          barcode: null,
          units: [
            { unit: "pack", factor: 12 },
            { unit: "case", factor: 100 },
          ],
        }),
        { "accept-language": "en" },
      );
      expect(res.json().error.message).toBe("1 case (100) is not a whole number of pack (12).");
    });

    it("validates the request with localized messages", async () => {
      const res = await admin.request(
        "POST",
        "/api/v1/skus",
        { ...sku(), code: "", vatRateBp: 20000 },
        {
          "accept-language": "bn",
        },
      );
      expect(res.statusCode).toBe(400);
      expect(errorCode(res)).toBe("request.invalid");
      expect(hasBengali(res.json().error.message)).toBe(true);
      const unknownBrand = await admin.request(
        "POST",
        "/api/v1/skus",
        sku({ code: "X-1", barcode: null, brandId: categoryId }),
      );
      expect(errorCode(unknownBrand)).toBe("catalog.brand_unknown");
    });

    it("replaces the pack sizes on update and keeps the rules", async () => {
      const res = await admin.request("PATCH", `/api/v1/skus/${skuId}`, {
        units: [
          { unit: "pack", factor: 6 },
          { unit: "case", factor: 72, nameBn: "বড় কেস" },
        ],
        sellByUnit: null,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().units.map((u: { unit: string; factor: number }) => [u.unit, u.factor])).toEqual([
        ["piece", 1],
        ["pack", 6],
        ["case", 72],
      ]);
      expect(res.json().units[2].nameBn).toBe("বড় কেস");
      const bad = await admin.request("PATCH", `/api/v1/skus/${skuId}`, { sellByUnit: "carton" });
      expect(errorCode(bad)).toBe("catalog.sell_by_unknown");
    });

    it("finds SKUs by Bengali or Latin spelling, by code and by barcode", async () => {
      await admin.request("POST", "/api/v1/skus", {
        code: "NOODLE-1",
        name: "Mama Noodles Masala",
        nameBn: "মামা নুডলস মশলা",
        brandId,
        categoryId,
        units: [{ unit: "case", factor: 48 }],
      });
      const find = async (q: string) =>
        (await rep.request("GET", `/api/v1/skus?brandId=${brandId}&q=${encodeURIComponent(q)}`))
          .json()
          .items.map((s: { code: string }) => s.code);
      expect(await find("সাবান")).toEqual(["SOAP-100"]);
      expect(await find("saban")).toEqual(["SOAP-100"]);
      expect(await find("নুডলস")).toEqual(["NOODLE-1"]);
      expect(await find("noodle")).toEqual(["NOODLE-1"]);
      expect(await find("soap-100")).toEqual(["SOAP-100"]);
      expect(await find("8941000000011")).toEqual(["SOAP-100"]);
    });

    it("lists as if unfiltered for a query with nothing searchable in it (emoji, punctuation), not a 500", async () => {
      // Found by the contract fuzz test: such a query ranked by a bare 0, which SQL takes for a column position.
      const all = await rep.request("GET", `/api/v1/skus?brandId=${brandId}`);
      for (const q of ["🛒", "- ⋽ ǃ", "😀😀"]) {
        const res = await rep.request("GET", `/api/v1/skus?brandId=${brandId}&q=${encodeURIComponent(q)}`);
        expect(res.statusCode, `${q}: ${res.body}`).toBe(200);
        expect(res.json().items).toEqual(all.json().items);
      }
    });

    it("filters by category including sub-categories, and by brand", async () => {
      const byParent = await rep.request("GET", `/api/v1/skus?categoryId=${categoryId}`);
      expect(byParent.json().items.map((s: { code: string }) => s.code)).toEqual(["NOODLE-1", "SOAP-100"]);
      const bySub = await rep.request("GET", `/api/v1/skus?categoryId=${subCategoryId}`);
      expect(bySub.json().items.map((s: { code: string }) => s.code)).toEqual(["SOAP-100"]);
    });

    it("pages with a cursor without repeats or gaps", async () => {
      for (let i = 0; i < 5; i++)
        await admin.request("POST", "/api/v1/skus", {
          code: `TEA-${i}`,
          name: `Tea ${i}`,
          nameBn: `চা ${i}`,
          brandId,
          categoryId,
        });
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/v1/skus?brandId=${brandId}&limit=2&sort=name${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
        const res = await rep.request("GET", url);
        expect(res.statusCode).toBe(200);
        seen.push(...res.json().items.map((s: { code: string }) => s.code));
        cursor = res.json().nextCursor;
      } while (cursor);
      expect(seen).toEqual(["NOODLE-1", "SOAP-100", "TEA-0", "TEA-1", "TEA-2", "TEA-3", "TEA-4"]);
      const bad = await rep.request("GET", "/api/v1/skus?cursor=nonsense");
      expect(errorCode(bad)).toBe("request.bad_cursor");
    });

    it("exports CSV with a BOM and Bengali names", async () => {
      const res = await rep.request("GET", `/api/v1/skus.csv?categoryId=${subCategoryId}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toContain("text/csv");
      expect(res.headers["content-disposition"]).toContain("skus.csv");
      expect(res.body.charCodeAt(0)).toBe(0xfeff);
      const lines = res.body.slice(1).trim().split("\r\n");
      expect(lines[0]).toBe("code,name,name_bn,brand,category,barcode,base_unit,units,sell_by_unit,vat_percent,status");
      expect(lines[1]).toBe(
        "SOAP-100,Padma Beauty Soap 100g,পদ্মা বিউটি সাবান ১০০ গ্রাম,Padma,Soap,8941000000011,piece,piece=1 pack=6 case=72,,15,active",
      );
      expect(lines).toHaveLength(2);
    });

    it("lets a rep read but not write (403)", async () => {
      expect((await rep.request("GET", `/api/v1/skus/${skuId}`)).statusCode).toBe(200);
      const res = await rep.request("PATCH", `/api/v1/skus/${skuId}`, { name: "Renamed" });
      expect(res.statusCode).toBe(403);
      expect(errorCode(res)).toBe("access.forbidden");
      const create = await rep.request("POST", "/api/v1/brands", { code: "R", name: "R", nameBn: "র" });
      expect(create.statusCode).toBe(403);
    });

    it("keeps tenants apart: org B cannot see or change org A's SKUs (404)", async () => {
      expect((await adminB.request("GET", `/api/v1/skus/${skuId}`)).statusCode).toBe(404);
      expect((await adminB.request("PATCH", `/api/v1/skus/${skuId}`, { name: "x" })).statusCode).toBe(404);
      expect((await adminB.request("GET", `/api/v1/brands/${brandId}`)).statusCode).toBe(404);
      const list = await adminB.request("GET", "/api/v1/skus?limit=200");
      expect(list.statusCode).toBe(200);
      expect(list.json().items.map((x: { id: string }) => x.id)).not.toContain(skuId);
      expect((await adminB.request("GET", `/api/v1/skus?brandId=${brandId}`)).json().items).toEqual([]);
      // Org B may use the same codes and barcodes: uniqueness is per org.
      const b = await adminB.request("POST", "/api/v1/brands", { code: "PADMA", name: "Padma B", nameBn: "পদ্মা বি" });
      expect(b.statusCode).toBe(201);
      const c = await adminB.request("POST", "/api/v1/categories", { code: "SOAP", name: "Soap", nameBn: "সাবান" });
      const created = await adminB.request("POST", "/api/v1/skus", {
        ...sku({ brandId: b.json().id, categoryId: c.json().id }),
        barcode: "8941000000011",
      });
      expect(created.statusCode).toBe(201);
      // ... but not org A's brand.
      const cross = await adminB.request(
        "POST",
        "/api/v1/skus",
        sku({ code: "C-1", barcode: null, categoryId: c.json().id }),
      );
      expect(errorCode(cross)).toBe("catalog.brand_unknown");
    });

    it("archives a SKU (it leaves the active list) and then its brand may not be archived while others use it", async () => {
      const res = await admin.request("POST", `/api/v1/skus/${skuId}/archive`);
      expect(res.statusCode).toBe(200);
      const active = await rep.request("GET", "/api/v1/skus?q=saban");
      expect(active.json().items).toEqual([]);
      const archived = await rep.request("GET", "/api/v1/skus?q=saban&status=archived");
      expect(archived.json().items).toHaveLength(1);
      const brand = await admin.request("POST", `/api/v1/brands/${brandId}/archive`, undefined, {
        "accept-language": "bn",
      });
      expect(brand.statusCode).toBe(409);
      expect(errorCode(brand)).toBe("catalog.in_use");
      expect(hasBengali(brand.json().error.message)).toBe(true);
    });

    it("creates once for three POSTs with the same Idempotency-Key", async () => {
      const body = { code: "IDEM", name: "Idem", nameBn: "আইডেম" };
      const key = { "idempotency-key": "brand-idem-1" };
      const first = await admin.request("POST", "/api/v1/brands", body, key);
      const second = await admin.request("POST", "/api/v1/brands", body, key);
      const third = await admin.request("POST", "/api/v1/brands", body, key);
      expect([first.statusCode, second.statusCode, third.statusCode]).toEqual([201, 201, 201]);
      expect(second.json().id).toBe(first.json().id);
      expect(third.json().id).toBe(first.json().id);
    });
  });
});
