import { z } from "zod";
import {
  BrandListQuery,
  BrandResponse,
  CategoryListQuery,
  CategoryResponse,
  CreateBrandRequest,
  CreateCategoryRequest,
  CreatePriceListRequest,
  CreateSkuRequest,
  OrderBookQuery,
  OrderBookResponse,
  PriceImportRequest,
  PriceImportResponse,
  PriceListItemsResponse,
  PriceListListQuery,
  PriceListResponse,
  SkuExportQuery,
  SkuListQuery,
  SkuResponse,
  UpdateBrandRequest,
  UpdateCategoryRequest,
  UpdatePriceListRequest,
  UpdateSkuRequest,
  UpsertPriceListItemsRequest,
} from "../../shared/contracts/catalog.ts";
import { ErrorResponse, IdParams, Page } from "../../shared/contracts/common.ts";
import { csvDownloadHeaders } from "../platform/csv.ts";
import { type App, ctxOf } from "../platform/http.ts";
import * as catalog from "./catalog.service.ts";

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
};

export function catalogRoutes(app: App) {
  // --- brands
  const brandTags = ["catalog: brands"];
  app.get(
    "/api/v1/brands",
    {
      config: { access: "catalog.read" },
      schema: {
        tags: brandTags,
        summary: "Brands",
        querystring: BrandListQuery,
        response: { 200: Page(BrandResponse), ...errors },
      },
    },
    async (request) => catalog.listBrands(ctxOf(request), request.query),
  );
  app.post(
    "/api/v1/brands",
    {
      config: { access: "catalog.write" },
      schema: {
        tags: brandTags,
        summary: "Create a brand",
        body: CreateBrandRequest,
        response: { 201: BrandResponse, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await catalog.createBrand(ctxOf(request), request.body)),
  );
  app.get(
    "/api/v1/brands/:id",
    {
      config: { access: "catalog.read" },
      schema: { tags: brandTags, summary: "One brand", params: IdParams, response: { 200: BrandResponse, ...errors } },
    },
    async (request) => catalog.getBrand(ctxOf(request), request.params.id),
  );
  app.patch(
    "/api/v1/brands/:id",
    {
      config: { access: "catalog.write" },
      schema: {
        tags: brandTags,
        summary: "Change a brand",
        params: IdParams,
        body: UpdateBrandRequest,
        response: { 200: BrandResponse, ...errors },
      },
    },
    async (request) => catalog.updateBrand(ctxOf(request), request.params.id, request.body),
  );
  for (const [action, archived] of [
    ["archive", true],
    ["restore", false],
  ] as const)
    app.post(
      `/api/v1/brands/:id/${action}`,
      {
        config: { access: "catalog.write" },
        schema: {
          tags: brandTags,
          summary: archived ? "Archive a brand no active SKU uses" : "Restore an archived brand",
          params: IdParams,
          response: { 200: BrandResponse, ...errors },
        },
      },
      async (request) => catalog.setBrandArchived(ctxOf(request), request.params.id, archived),
    );

  // --- categories
  const categoryTags = ["catalog: categories"];
  app.get(
    "/api/v1/categories",
    {
      config: { access: "catalog.read" },
      schema: {
        tags: categoryTags,
        summary: "Categories (a tree through parentId)",
        querystring: CategoryListQuery,
        response: { 200: Page(CategoryResponse), ...errors },
      },
    },
    async (request) => catalog.listCategories(ctxOf(request), request.query),
  );
  app.post(
    "/api/v1/categories",
    {
      config: { access: "catalog.write" },
      schema: {
        tags: categoryTags,
        summary: "Create a category, optionally under a parent",
        body: CreateCategoryRequest,
        response: { 201: CategoryResponse, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await catalog.createCategory(ctxOf(request), request.body)),
  );
  app.get(
    "/api/v1/categories/:id",
    {
      config: { access: "catalog.read" },
      schema: {
        tags: categoryTags,
        summary: "One category",
        params: IdParams,
        response: { 200: CategoryResponse, ...errors },
      },
    },
    async (request) => catalog.getCategory(ctxOf(request), request.params.id),
  );
  app.patch(
    "/api/v1/categories/:id",
    {
      config: { access: "catalog.write" },
      schema: {
        tags: categoryTags,
        summary: "Change or move a category",
        params: IdParams,
        body: UpdateCategoryRequest,
        response: { 200: CategoryResponse, ...errors },
      },
    },
    async (request) => catalog.updateCategory(ctxOf(request), request.params.id, request.body),
  );
  for (const [action, archived] of [
    ["archive", true],
    ["restore", false],
  ] as const)
    app.post(
      `/api/v1/categories/:id/${action}`,
      {
        config: { access: "catalog.write" },
        schema: {
          tags: categoryTags,
          summary: archived ? "Archive an empty category" : "Restore an archived category",
          params: IdParams,
          response: { 200: CategoryResponse, ...errors },
        },
      },
      async (request) => catalog.setCategoryArchived(ctxOf(request), request.params.id, archived),
    );

  // --- SKUs
  const skuTags = ["catalog: SKUs"];
  app.get(
    "/api/v1/skus",
    {
      config: { access: "catalog.read" },
      schema: {
        tags: skuTags,
        summary: "SKUs: search by code, name (Bengali or English, phonetic) or barcode; filter; cursor pages",
        querystring: SkuListQuery,
        response: { 200: Page(SkuResponse), ...errors },
      },
    },
    async (request) => catalog.listSkus(ctxOf(request), request.query),
  );
  app.get(
    "/api/v1/skus.csv",
    {
      config: { access: "catalog.read" },
      schema: {
        tags: skuTags,
        summary: "The SKUs the filters select, as CSV (UTF-8 with BOM)",
        querystring: SkuExportQuery,
        produces: ["text/csv"],
        response: { 200: z.string(), ...errors },
      },
    },
    async (request, reply) => {
      const csv = await catalog.exportSkusCsv(ctxOf(request), request.query);
      return reply.headers(csvDownloadHeaders("skus", { dated: false })).send(csv);
    },
  );
  app.post(
    "/api/v1/skus",
    {
      config: { access: "catalog.write" },
      schema: {
        tags: skuTags,
        summary: "Create a SKU with its pack sizes",
        body: CreateSkuRequest,
        response: { 201: SkuResponse, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await catalog.createSku(ctxOf(request), request.body)),
  );
  app.get(
    "/api/v1/skus/:id",
    {
      config: { access: "catalog.read" },
      schema: { tags: skuTags, summary: "One SKU", params: IdParams, response: { 200: SkuResponse, ...errors } },
    },
    async (request) => catalog.getSku(ctxOf(request), request.params.id),
  );
  app.patch(
    "/api/v1/skus/:id",
    {
      config: { access: "catalog.write" },
      schema: {
        tags: skuTags,
        summary: "Change a SKU; `units` replaces its pack sizes",
        params: IdParams,
        body: UpdateSkuRequest,
        response: { 200: SkuResponse, ...errors },
      },
    },
    async (request) => catalog.updateSku(ctxOf(request), request.params.id, request.body),
  );
  for (const [action, archived] of [
    ["archive", true],
    ["restore", false],
  ] as const)
    app.post(
      `/api/v1/skus/:id/${action}`,
      {
        config: { access: "catalog.write" },
        schema: {
          tags: skuTags,
          summary: archived ? "Archive a SKU: it leaves the order book" : "Restore an archived SKU",
          params: IdParams,
          response: { 200: SkuResponse, ...errors },
        },
      },
      async (request) => catalog.setSkuArchived(ctxOf(request), request.params.id, archived),
    );

  app.get(
    "/api/v1/catalog/order-book",
    {
      config: { access: "catalog.read" },
      schema: {
        tags: skuTags,
        summary:
          "Every active SKU with units, VAT and its resolved price for an outlet (or channel / tier / territory / distributor) on a date: the order-entry cache",
        querystring: OrderBookQuery,
        response: { 200: OrderBookResponse, ...errors },
      },
    },
    async (request) => catalog.getOrderBook(ctxOf(request), request.query),
  );

  // --- price lists
  const priceTags = ["catalog: price lists"];
  app.get(
    "/api/v1/price-lists",
    {
      config: { access: "catalog.read" },
      schema: {
        tags: priceTags,
        summary: "Price lists (not for retailers)",
        querystring: PriceListListQuery,
        response: { 200: Page(PriceListResponse), ...errors },
      },
    },
    async (request) => catalog.listPriceLists(ctxOf(request), request.query),
  );
  app.post(
    "/api/v1/price-lists",
    {
      config: { access: "catalog.write" },
      schema: {
        tags: priceTags,
        summary: "Create a price list for a channel, tier, territory or distributor, from a date",
        body: CreatePriceListRequest,
        response: { 201: PriceListResponse, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await catalog.createPriceList(ctxOf(request), request.body)),
  );
  app.get(
    "/api/v1/price-lists/:id",
    {
      config: { access: "catalog.read" },
      schema: {
        tags: priceTags,
        summary: "One price list",
        params: IdParams,
        response: { 200: PriceListResponse, ...errors },
      },
    },
    async (request) => catalog.getPriceList(ctxOf(request), request.params.id),
  );
  app.patch(
    "/api/v1/price-lists/:id",
    {
      config: { access: "catalog.write" },
      schema: {
        tags: priceTags,
        summary: "Change a price list's header",
        params: IdParams,
        body: UpdatePriceListRequest,
        response: { 200: PriceListResponse, ...errors },
      },
    },
    async (request) => catalog.updatePriceList(ctxOf(request), request.params.id, request.body),
  );
  for (const [action, archived] of [
    ["archive", true],
    ["restore", false],
  ] as const)
    app.post(
      `/api/v1/price-lists/:id/${action}`,
      {
        config: { access: "catalog.write" },
        schema: {
          tags: priceTags,
          summary: archived ? "Archive a price list: it no longer prices orders" : "Restore an archived price list",
          params: IdParams,
          response: { 200: PriceListResponse, ...errors },
        },
      },
      async (request) => catalog.setPriceListArchived(ctxOf(request), request.params.id, archived),
    );
  app.get(
    "/api/v1/price-lists/:id/items",
    {
      config: { access: "catalog.read" },
      schema: {
        tags: priceTags,
        summary: "A price list's items with the effective prices",
        params: IdParams,
        response: { 200: PriceListItemsResponse, ...errors },
      },
    },
    async (request) => catalog.getPriceListItems(ctxOf(request), request.params.id),
  );
  app.put(
    "/api/v1/price-lists/:id/items",
    {
      config: { access: "catalog.write" },
      schema: {
        tags: priceTags,
        summary: "Insert or replace items in bulk (and remove some); all or nothing",
        params: IdParams,
        body: UpsertPriceListItemsRequest,
        response: { 200: PriceListItemsResponse, ...errors },
      },
    },
    async (request) => catalog.upsertPriceListItems(ctxOf(request), request.params.id, request.body),
  );
  app.get(
    "/api/v1/price-lists/:id/items.csv",
    {
      config: { access: "catalog.read" },
      schema: {
        tags: priceTags,
        summary: "A price list's items as CSV (amounts in taka, margins in percent)",
        params: IdParams,
        produces: ["text/csv"],
        response: { 200: z.string(), ...errors },
      },
    },
    async (request, reply) => {
      const { code, csv } = await catalog.exportPriceListItemsCsv(ctxOf(request), request.params.id);
      return reply.headers(csvDownloadHeaders(`price-list-${code}`, { dated: false })).send(csv);
    },
  );
  app.post(
    "/api/v1/price-lists/:id/items/import",
    {
      config: { access: "catalog.write" },
      schema: {
        tags: priceTags,
        summary: "Import items from CSV (the export's columns): all rows or none, with a report of every problem",
        params: IdParams,
        body: PriceImportRequest,
        response: { 200: PriceImportResponse, ...errors },
      },
    },
    async (request) => catalog.importPriceListItemsCsv(ctxOf(request), request.params.id, request.body),
  );
}
