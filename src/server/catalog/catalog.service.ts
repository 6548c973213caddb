// Catalog and prices (S2): brands, categories, SKUs and pack sizes, price lists, and price resolution.
// The catalog is org-wide: everyone who orders may read it, head office (catalog.write) sets it. Price lists
// carry distributor prices, so retailers do not see them; the order book shows a retailer only its own
// outlet's prices, without the distributor's.
//
// Exported for the orders module: resolvePrices and loadSkusForOrder; for the field app: fieldSkus, priceBooksFor
// and pricesChangedSince.

import { createHash } from "node:crypto";
import type {
  BrandListQuery,
  CategoryListQuery,
  CreateBrandRequest,
  CreateCategoryRequest,
  CreatePriceListRequest,
  CreateSkuRequest,
  OrderBookQuery,
  OrderBookResponse,
  PriceImportRequest,
  PriceImportResponse,
  PriceListItemInput,
  PriceListListQuery,
  SkuExportQuery,
  SkuListQuery,
  UpdateBrandRequest,
  UpdateCategoryRequest,
  UpdatePriceListRequest,
  UpdateSkuRequest,
  UpsertPriceListItemsRequest,
} from "../../shared/contracts/catalog.ts";
import type { FieldPriceBook, FieldSku } from "../../shared/contracts/field.ts";
import { businessDate } from "../../shared/format.ts";
import { isUuid, newId } from "../../shared/ids.ts";
import { priceFromMargin } from "../../shared/pricing/order-pricing.ts";
import { violatedConstraint } from "../db/constraint-violation.ts";
import type { Executor } from "../db/transaction.ts";
import { withTransaction } from "../db/transaction.ts";
import { AccessErrors, can, type Permission, territoryInScope } from "../platform/access.ts";
import { recordAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import { parseCsvWithHeader, writeCsv } from "../platform/csv.ts";
import { decodeCursor, decodeSortCursor, encodeCursor, PaginationErrors } from "../platform/pagination.ts";
import { findTerritory } from "../platform/territories/territories.repository.ts";
import { CatalogErrors, IMPORT_MESSAGES } from "./catalog.errors.ts";
import * as repo from "./catalog.repository.ts";
import { parsePercent, parseTaka, percentText, takaText } from "./price-text.ts";
import { skuSearchText } from "./sku-search-text.ts";
import { checkedUnits } from "./sku-unit-rules.ts";

function needs(ctx: Ctx, permission: Permission) {
  if (!can(ctx.actor, permission)) throw AccessErrors.forbidden();
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

function page<T extends { code: string; id: string }, R>(rows: T[], limit: number, map: (r: T) => R) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items: items.map(map), nextCursor: rows.length > limit && last ? encodeCursor([last.code, last.id]) : null };
}

/** A unique or foreign key the database refused, as the catalog error it means. */
function mapViolation(e: unknown, code: string | undefined): never {
  const v = violatedConstraint(e);
  if (v?.kind === "unique" && v.constraint.includes("barcode"))
    throw CatalogErrors.barcodeTaken({ barcode: "", skuCode: "" });
  if (v?.kind === "unique") throw CatalogErrors.codeTaken({ code: code ?? "" });
  if (v?.kind === "foreign" && v.constraint.includes("distributor")) throw CatalogErrors.distributorUnknown();
  if (v?.kind === "foreign" && v.constraint.includes("territor")) throw CatalogErrors.territoryUnknown();
  throw e;
}

async function ensureCodeFree(
  db: Executor,
  table: "brands" | "categories" | "skus" | "price_lists",
  orgId: string,
  code: string,
  selfId?: string,
) {
  const owner = await repo.findCodeOwner(db, table, orgId, code);
  if (owner && owner !== selfId) throw CatalogErrors.codeTaken({ code });
}

// --- brands

const brandResponse = (b: repo.BrandRow) => ({
  id: b.id,
  code: b.code,
  name: b.name,
  nameBn: b.name_bn,
  skuCount: b.sku_count ?? 0,
  archivedAt: iso(b.archived_at),
  createdAt: b.created_at.toISOString(),
});

export async function listBrands(ctx: Ctx, query: BrandListQuery) {
  needs(ctx, "catalog.read");
  const rows = await repo.listBrands(ctx.db, ctx.actor.orgId, {
    ...query,
    after: decodeSortCursor(query.cursor, "code"),
  });
  return page(rows, query.limit, brandResponse);
}

async function loadBrand(db: Executor, orgId: string, id: string) {
  const b = await repo.findBrand(db, orgId, id);
  if (!b) throw CatalogErrors.brandNotFound();
  const n = await repo.countActiveSkusUsing(db, orgId, { brandId: id });
  return brandResponse({ ...b, sku_count: n });
}

export async function getBrand(ctx: Ctx, id: string) {
  needs(ctx, "catalog.read");
  return loadBrand(ctx.db, ctx.actor.orgId, id);
}

export async function createBrand(ctx: Ctx, input: CreateBrandRequest) {
  needs(ctx, "catalog.write");
  const orgId = ctx.actor.orgId;
  return withTransaction(ctx.db, async (tx) => {
    await ensureCodeFree(tx, "brands", orgId, input.code);
    const id = newId();
    await repo
      .insertBrand(tx, { org_id: orgId, id, code: input.code, name: input.name, name_bn: input.nameBn })
      .catch((e) => mapViolation(e, input.code));
    const after = await loadBrand(tx, orgId, id);
    await recordAudit(tx, ctx, { entity: "brand", entityId: id, action: "create", after });
    return after;
  });
}

export async function updateBrand(ctx: Ctx, id: string, input: UpdateBrandRequest) {
  needs(ctx, "catalog.write");
  const orgId = ctx.actor.orgId;
  return withTransaction(ctx.db, async (tx) => {
    const before = await loadBrand(tx, orgId, id);
    if (input.code !== undefined) await ensureCodeFree(tx, "brands", orgId, input.code, id);
    await repo
      .updateBrand(tx, orgId, id, {
        ...(input.code !== undefined && { code: input.code }),
        ...(input.name !== undefined && { name: input.name }),
        ...(input.nameBn !== undefined && { name_bn: input.nameBn }),
      })
      .catch((e) => mapViolation(e, input.code));
    const after = await loadBrand(tx, orgId, id);
    await recordAudit(tx, ctx, { entity: "brand", entityId: id, action: "update", before, after });
    return after;
  });
}

export async function setBrandArchived(ctx: Ctx, id: string, archived: boolean) {
  needs(ctx, "catalog.write");
  const orgId = ctx.actor.orgId;
  return withTransaction(ctx.db, async (tx) => {
    const before = await loadBrand(tx, orgId, id);
    if (archived && before.skuCount > 0) throw CatalogErrors.inUse({ count: before.skuCount });
    await repo.updateBrand(tx, orgId, id, { archived_at: archived ? new Date() : null });
    const after = await loadBrand(tx, orgId, id);
    await recordAudit(tx, ctx, {
      entity: "brand",
      entityId: id,
      action: archived ? "archive" : "restore",
      before,
      after,
    });
    return after;
  });
}

// --- categories

const categoryResponse = (c: repo.CategoryRow) => ({
  id: c.id,
  parentId: c.parent_id,
  code: c.code,
  name: c.name,
  nameBn: c.name_bn,
  skuCount: c.sku_count ?? 0,
  archivedAt: iso(c.archived_at),
  createdAt: c.created_at.toISOString(),
});

export async function listCategories(ctx: Ctx, query: CategoryListQuery) {
  needs(ctx, "catalog.read");
  const rows = await repo.listCategories(ctx.db, ctx.actor.orgId, {
    ...query,
    after: decodeSortCursor(query.cursor, "code"),
  });
  return page(rows, query.limit, categoryResponse);
}

async function loadCategory(db: Executor, orgId: string, id: string) {
  const c = await repo.findCategory(db, orgId, id);
  if (!c) throw CatalogErrors.categoryNotFound();
  const n = await repo.countActiveSkusUsing(db, orgId, { categoryId: id });
  return categoryResponse({ ...c, sku_count: n });
}

export async function getCategory(ctx: Ctx, id: string) {
  needs(ctx, "catalog.read");
  return loadCategory(ctx.db, ctx.actor.orgId, id);
}

/** A parent must exist, be active, and (when moving) not be the category itself or below it. */
async function checkParent(db: Executor, orgId: string, parentId: string | null, selfId?: string) {
  if (parentId === null) return;
  const parent = await repo.findCategory(db, orgId, parentId);
  if (!parent || parent.archived_at) throw CatalogErrors.categoryUnknown();
  if (selfId && (await repo.categoryAncestors(db, orgId, parentId)).includes(selfId))
    throw CatalogErrors.categoryCycle();
}

export async function createCategory(ctx: Ctx, input: CreateCategoryRequest) {
  needs(ctx, "catalog.write");
  const orgId = ctx.actor.orgId;
  return withTransaction(ctx.db, async (tx) => {
    await ensureCodeFree(tx, "categories", orgId, input.code);
    const parentId = input.parentId ?? null;
    await checkParent(tx, orgId, parentId);
    const id = newId();
    await repo
      .insertCategory(tx, {
        org_id: orgId,
        id,
        parent_id: parentId,
        code: input.code,
        name: input.name,
        name_bn: input.nameBn,
      })
      .catch((e) => mapViolation(e, input.code));
    const after = await loadCategory(tx, orgId, id);
    await recordAudit(tx, ctx, { entity: "category", entityId: id, action: "create", after });
    return after;
  });
}

export async function updateCategory(ctx: Ctx, id: string, input: UpdateCategoryRequest) {
  needs(ctx, "catalog.write");
  const orgId = ctx.actor.orgId;
  return withTransaction(ctx.db, async (tx) => {
    const before = await loadCategory(tx, orgId, id);
    if (input.code !== undefined) await ensureCodeFree(tx, "categories", orgId, input.code, id);
    if (input.parentId !== undefined) await checkParent(tx, orgId, input.parentId, id);
    await repo
      .updateCategory(tx, orgId, id, {
        ...(input.code !== undefined && { code: input.code }),
        ...(input.name !== undefined && { name: input.name }),
        ...(input.nameBn !== undefined && { name_bn: input.nameBn }),
        ...(input.parentId !== undefined && { parent_id: input.parentId }),
      })
      .catch((e) => mapViolation(e, input.code));
    const after = await loadCategory(tx, orgId, id);
    await recordAudit(tx, ctx, { entity: "category", entityId: id, action: "update", before, after });
    return after;
  });
}

export async function setCategoryArchived(ctx: Ctx, id: string, archived: boolean) {
  needs(ctx, "catalog.write");
  const orgId = ctx.actor.orgId;
  return withTransaction(ctx.db, async (tx) => {
    const before = await loadCategory(tx, orgId, id);
    if (archived) {
      if (before.skuCount > 0) throw CatalogErrors.inUse({ count: before.skuCount });
      if ((await repo.countActiveChildren(tx, orgId, id)) > 0) throw CatalogErrors.categoryHasChildren();
    } else if (before.parentId) {
      const parent = await repo.findCategory(tx, orgId, before.parentId);
      if (parent?.archived_at) throw CatalogErrors.archived();
    }
    await repo.updateCategory(tx, orgId, id, { archived_at: archived ? new Date() : null });
    const after = await loadCategory(tx, orgId, id);
    await recordAudit(tx, ctx, {
      entity: "category",
      entityId: id,
      action: archived ? "archive" : "restore",
      before,
      after,
    });
    return after;
  });
}

// --- SKUs

type UnitRows = { unit: string; name: string; name_bn: string; factor: number }[];

function skuResponse(s: repo.SkuRow, units: UnitRows) {
  return {
    id: s.id,
    code: s.code,
    name: s.name,
    nameBn: s.name_bn,
    brandId: s.brand_id,
    brandName: s.brand_name,
    brandNameBn: s.brand_name_bn,
    categoryId: s.category_id,
    categoryName: s.category_name,
    categoryNameBn: s.category_name_bn,
    barcode: s.barcode,
    baseUnit: s.base_unit,
    vatRateBp: s.vat_rate_bp,
    sellByUnit: s.sell_by_unit,
    weightG: s.weight_g,
    volumeCm3: s.volume_cm3,
    units: units.map((u) => ({ unit: u.unit, name: u.name, nameBn: u.name_bn, factor: u.factor })),
    archivedAt: iso(s.archived_at),
    createdAt: s.created_at.toISOString(),
    updatedAt: s.updated_at.toISOString(),
  };
}

async function loadSku(db: Executor, orgId: string, id: string) {
  const s = await repo.findSku(db, orgId, id);
  if (!s) throw CatalogErrors.skuNotFound();
  return skuResponse(s, await repo.findSkuUnits(db, orgId, [id]));
}

async function withUnits(db: Executor, orgId: string, rows: repo.SkuRow[]) {
  const units = await repo.findSkuUnits(
    db,
    orgId,
    rows.map((r) => r.id),
  );
  const bySku = new Map<string, UnitRows>();
  for (const u of units) {
    const list = bySku.get(u.sku_id) ?? [];
    list.push(u);
    bySku.set(u.sku_id, list);
  }
  return rows.map((r) => skuResponse(r, bySku.get(r.id) ?? []));
}

export async function listSkus(ctx: Ctx, query: SkuListQuery) {
  needs(ctx, "catalog.read");
  let after: repo.SkuFilter["after"];
  if (query.cursor) {
    const [rank, key, id] = decodeCursor(query.cursor);
    if (typeof rank !== "number" || typeof key !== "string" || !isUuid(id)) throw PaginationErrors.badCursor();
    after = { rank, key, id };
  }
  const rows = await repo.listSkus(ctx.db, ctx.actor.orgId, { ...query, after });
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  return {
    items: await withUnits(ctx.db, ctx.actor.orgId, items),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor([Number(last.rank), String(last.sort_key), last.id]) : null,
  };
}

export const SKU_CSV_HEADER = [
  "code",
  "name",
  "name_bn",
  "brand",
  "category",
  "barcode",
  "base_unit",
  "units",
  "sell_by_unit",
  "vat_percent",
  "status",
] as const;

/** Every SKU the filters select (no paging), as CSV with a BOM. */
export async function exportSkusCsv(ctx: Ctx, query: SkuExportQuery) {
  needs(ctx, "catalog.read");
  const out: (string | number | null)[][] = [];
  const batch = 1000;
  let after: repo.SkuFilter["after"];
  for (;;) {
    const rows = await repo.listSkus(ctx.db, ctx.actor.orgId, { ...query, after, limit: batch });
    const shown = rows.slice(0, batch);
    for (const s of await withUnits(ctx.db, ctx.actor.orgId, shown))
      out.push([
        s.code,
        s.name,
        s.nameBn,
        s.brandName,
        s.categoryName,
        s.barcode,
        s.baseUnit,
        s.units.map((u) => `${u.unit}=${u.factor}`).join(" "),
        s.sellByUnit,
        percentText(s.vatRateBp),
        s.archivedAt ? "archived" : "active",
      ]);
    const last = shown[shown.length - 1];
    if (rows.length <= batch || !last) break;
    after = { rank: Number(last.rank), key: String(last.sort_key), id: last.id };
  }
  return writeCsv(SKU_CSV_HEADER, out);
}

export async function getSku(ctx: Ctx, id: string) {
  needs(ctx, "catalog.read");
  return loadSku(ctx.db, ctx.actor.orgId, id);
}

async function checkBrandAndCategory(db: Executor, orgId: string, brandId?: string, categoryId?: string) {
  if (brandId) {
    const b = await repo.findBrand(db, orgId, brandId);
    if (!b || b.archived_at) throw CatalogErrors.brandUnknown();
  }
  if (categoryId) {
    const c = await repo.findCategory(db, orgId, categoryId);
    if (!c || c.archived_at) throw CatalogErrors.categoryUnknown();
  }
}

async function ensureBarcodeFree(db: Executor, orgId: string, barcode: string | null, selfId?: string) {
  if (!barcode) return;
  const owner = await repo.findSkuByBarcode(db, orgId, barcode);
  if (owner && owner.id !== selfId) throw CatalogErrors.barcodeTaken({ barcode, skuCode: owner.code });
}

export async function createSku(ctx: Ctx, input: CreateSkuRequest) {
  needs(ctx, "catalog.write");
  const orgId = ctx.actor.orgId;
  const sellBy = input.sellByUnit ?? null;
  const units = checkedUnits(input.baseUnit, input.units, sellBy);
  const barcode = input.barcode ?? null;
  return withTransaction(ctx.db, async (tx) => {
    await ensureCodeFree(tx, "skus", orgId, input.code);
    await ensureBarcodeFree(tx, orgId, barcode);
    await checkBrandAndCategory(tx, orgId, input.brandId, input.categoryId);
    const id = newId();
    await repo
      .insertSku(tx, {
        org_id: orgId,
        id,
        code: input.code,
        name: input.name,
        name_bn: input.nameBn,
        brand_id: input.brandId,
        category_id: input.categoryId,
        barcode,
        base_unit: input.baseUnit,
        vat_rate_bp: input.vatRateBp,
        sell_by_unit: sellBy,
        weight_g: input.weightG ?? null,
        volume_cm3: input.volumeCm3 ?? null,
        search_text: skuSearchText({ code: input.code, name: input.name, name_bn: input.nameBn, barcode }),
      })
      .catch((e) => mapViolation(e, input.code));
    await repo.replaceSkuUnits(tx, orgId, id, units);
    const after = await loadSku(tx, orgId, id);
    await recordAudit(tx, ctx, { entity: "sku", entityId: id, action: "create", after });
    return after;
  });
}

export async function updateSku(ctx: Ctx, id: string, input: UpdateSkuRequest) {
  needs(ctx, "catalog.write");
  const orgId = ctx.actor.orgId;
  return withTransaction(ctx.db, async (tx) => {
    const before = await loadSku(tx, orgId, id);
    if (input.code !== undefined) await ensureCodeFree(tx, "skus", orgId, input.code, id);
    if (input.barcode !== undefined) await ensureBarcodeFree(tx, orgId, input.barcode, id);
    await checkBrandAndCategory(tx, orgId, input.brandId, input.categoryId);
    const sellBy = input.sellByUnit !== undefined ? input.sellByUnit : before.sellByUnit;
    const unitInput = input.units ?? before.units;
    const units = checkedUnits(before.baseUnit, unitInput, sellBy);
    const next = {
      code: input.code ?? before.code,
      name: input.name ?? before.name,
      name_bn: input.nameBn ?? before.nameBn,
      barcode: input.barcode !== undefined ? input.barcode : before.barcode,
    };
    await repo
      .updateSku(tx, orgId, id, {
        ...next,
        ...(input.brandId !== undefined && { brand_id: input.brandId }),
        ...(input.categoryId !== undefined && { category_id: input.categoryId }),
        ...(input.vatRateBp !== undefined && { vat_rate_bp: input.vatRateBp }),
        ...(input.weightG !== undefined && { weight_g: input.weightG }),
        ...(input.volumeCm3 !== undefined && { volume_cm3: input.volumeCm3 }),
        sell_by_unit: sellBy,
        search_text: skuSearchText(next),
      })
      .catch((e) => mapViolation(e, input.code));
    if (input.units !== undefined) await repo.replaceSkuUnits(tx, orgId, id, units);
    const after = await loadSku(tx, orgId, id);
    await recordAudit(tx, ctx, { entity: "sku", entityId: id, action: "update", before, after });
    return after;
  });
}

export async function setSkuArchived(ctx: Ctx, id: string, archived: boolean) {
  needs(ctx, "catalog.write");
  const orgId = ctx.actor.orgId;
  return withTransaction(ctx.db, async (tx) => {
    const before = await loadSku(tx, orgId, id);
    await repo.updateSku(tx, orgId, id, { archived_at: archived ? new Date() : null });
    const after = await loadSku(tx, orgId, id);
    await recordAudit(tx, ctx, {
      entity: "sku",
      entityId: id,
      action: archived ? "archive" : "restore",
      before,
      after,
    });
    return after;
  });
}

// --- price lists

function priceListResponse(p: repo.PriceListRow) {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    nameBn: p.name_bn,
    channel: p.channel,
    tier: p.tier,
    territoryId: p.territory_id,
    territoryName: p.territory_name,
    territoryNameBn: p.territory_name_bn,
    distributorId: p.distributor_id,
    distributorName: p.distributor_name,
    distributorNameBn: p.distributor_name_bn,
    validFrom: p.valid_from,
    validTo: p.valid_to,
    pricesIncludeVat: p.prices_include_vat,
    itemCount: p.item_count ?? 0,
    archivedAt: iso(p.archived_at),
    createdAt: p.created_at.toISOString(),
    updatedAt: p.updated_at.toISOString(),
  };
}

/** Price lists show distributor prices and margins: not for retailers. */
function requirePriceReader(ctx: Ctx) {
  needs(ctx, "catalog.read");
  if (ctx.actor.role === "retailer") throw AccessErrors.forbidden();
}

/** A distributor's user sees the org-wide lists and its own, never another distributor's negotiated prices. */
const ownDistributor = (ctx: Ctx) => (ctx.actor.scope.kind === "distributor" ? ctx.actor.scope.distributorId : null);

async function loadPriceList(db: Executor, orgId: string, id: string) {
  const p = await repo.findPriceList(db, orgId, id);
  if (!p) throw CatalogErrors.priceListNotFound();
  return priceListResponse(p);
}

/** A price list the caller may read: another distributor's does not exist for a distributor's user. */
async function loadReadablePriceList(ctx: Ctx, id: string) {
  const list = await loadPriceList(ctx.db, ctx.actor.orgId, id);
  const own = ownDistributor(ctx);
  if (own && list.distributorId && list.distributorId !== own) throw CatalogErrors.priceListNotFound();
  return list;
}

export async function listPriceLists(ctx: Ctx, query: PriceListListQuery) {
  requirePriceReader(ctx);
  const rows = await repo.listPriceLists(ctx.db, ctx.actor.orgId, {
    ...query,
    seenByDistributor: ownDistributor(ctx) ?? undefined,
    after: decodeSortCursor(query.cursor, "code"),
  });
  return page(rows, query.limit, priceListResponse);
}

export async function getPriceList(ctx: Ctx, id: string) {
  requirePriceReader(ctx);
  return loadReadablePriceList(ctx, id);
}

async function checkTargets(db: Executor, orgId: string, v: repo.PriceListValues) {
  if (v.valid_to !== null && v.valid_to < v.valid_from) throw CatalogErrors.validity();
  if (v.territory_id && !(await findTerritory(db, orgId, v.territory_id))) throw CatalogErrors.territoryUnknown();
}

export async function createPriceList(ctx: Ctx, input: CreatePriceListRequest) {
  needs(ctx, "catalog.write");
  const orgId = ctx.actor.orgId;
  const values: repo.PriceListValues = {
    code: input.code,
    name: input.name,
    name_bn: input.nameBn,
    channel: input.channel ?? null,
    tier: input.tier ?? null,
    territory_id: input.territoryId ?? null,
    distributor_id: input.distributorId ?? null,
    valid_from: input.validFrom,
    valid_to: input.validTo ?? null,
    prices_include_vat: input.pricesIncludeVat,
  };
  return withTransaction(ctx.db, async (tx) => {
    await ensureCodeFree(tx, "price_lists", orgId, input.code);
    await checkTargets(tx, orgId, values);
    const id = newId();
    await repo.insertPriceList(tx, orgId, id, values).catch((e) => mapViolation(e, input.code));
    const after = await loadPriceList(tx, orgId, id);
    await recordAudit(tx, ctx, { entity: "price_list", entityId: id, action: "create", after });
    return after;
  });
}

export async function updatePriceList(ctx: Ctx, id: string, input: UpdatePriceListRequest) {
  needs(ctx, "catalog.write");
  const orgId = ctx.actor.orgId;
  return withTransaction(ctx.db, async (tx) => {
    const before = await loadPriceList(tx, orgId, id);
    if (input.code !== undefined) await ensureCodeFree(tx, "price_lists", orgId, input.code, id);
    const values: repo.PriceListValues = {
      code: input.code ?? before.code,
      name: input.name ?? before.name,
      name_bn: input.nameBn ?? before.nameBn,
      channel: input.channel !== undefined ? input.channel : before.channel,
      tier: input.tier !== undefined ? input.tier : before.tier,
      territory_id: input.territoryId !== undefined ? input.territoryId : before.territoryId,
      distributor_id: input.distributorId !== undefined ? input.distributorId : before.distributorId,
      valid_from: input.validFrom ?? before.validFrom,
      valid_to: input.validTo !== undefined ? input.validTo : before.validTo,
      prices_include_vat: input.pricesIncludeVat ?? before.pricesIncludeVat,
    };
    await checkTargets(tx, orgId, values);
    await repo.updatePriceList(tx, orgId, id, values).catch((e) => mapViolation(e, input.code));
    const after = await loadPriceList(tx, orgId, id);
    await recordAudit(tx, ctx, { entity: "price_list", entityId: id, action: "update", before, after });
    return after;
  });
}

export async function setPriceListArchived(ctx: Ctx, id: string, archived: boolean) {
  needs(ctx, "catalog.write");
  const orgId = ctx.actor.orgId;
  return withTransaction(ctx.db, async (tx) => {
    const before = await loadPriceList(tx, orgId, id);
    await repo.updatePriceList(tx, orgId, id, { archived_at: archived ? new Date() : null });
    const after = await loadPriceList(tx, orgId, id);
    await recordAudit(tx, ctx, {
      entity: "price_list",
      entityId: id,
      action: archived ? "archive" : "restore",
      before,
      after,
    });
    return after;
  });
}

// --- price list items

const effective = (mrp: number, price: number | null, margin: number | null) =>
  price ?? priceFromMargin(mrp, margin ?? 0);

function itemResponse(i: repo.PriceListItemRow) {
  return {
    skuId: i.sku_id,
    skuCode: i.sku_code,
    skuName: i.sku_name,
    skuNameBn: i.sku_name_bn,
    vatRateBp: i.vat_rate_bp,
    mrpPoisha: i.mrp_poisha,
    retailerPricePoisha: i.retailer_price_poisha,
    retailerMarginBp: i.retailer_margin_bp,
    distributorPricePoisha: i.distributor_price_poisha,
    distributorMarginBp: i.distributor_margin_bp,
    effectiveRetailerPricePoisha: effective(i.mrp_poisha, i.retailer_price_poisha, i.retailer_margin_bp),
    effectiveDistributorPricePoisha: effective(i.mrp_poisha, i.distributor_price_poisha, i.distributor_margin_bp),
  };
}

/** The chain of the trade: MRP >= retailer price >= distributor price (each after margins). */
function chainHolds(v: repo.PriceItemValues): boolean {
  const retailer = effective(v.mrp_poisha, v.retailer_price_poisha, v.retailer_margin_bp);
  const distributor = effective(v.mrp_poisha, v.distributor_price_poisha, v.distributor_margin_bp);
  return retailer <= v.mrp_poisha && distributor <= retailer;
}

const itemValues = (i: PriceListItemInput): repo.PriceItemValues => ({
  sku_id: i.skuId,
  mrp_poisha: i.mrpPoisha,
  retailer_price_poisha: i.retailerPricePoisha ?? null,
  retailer_margin_bp: i.retailerPricePoisha == null ? (i.retailerMarginBp ?? null) : null,
  distributor_price_poisha: i.distributorPricePoisha ?? null,
  distributor_margin_bp: i.distributorPricePoisha == null ? (i.distributorMarginBp ?? null) : null,
});

export async function getPriceListItems(ctx: Ctx, id: string) {
  requirePriceReader(ctx);
  await loadReadablePriceList(ctx, id);
  const rows = await repo.listPriceListItems(ctx.db, ctx.actor.orgId, id);
  return { items: rows.map(itemResponse) };
}

export async function upsertPriceListItems(ctx: Ctx, id: string, input: UpsertPriceListItemsRequest) {
  needs(ctx, "catalog.write");
  const orgId = ctx.actor.orgId;
  const values = input.items.map(itemValues);
  return withTransaction(ctx.db, async (tx) => {
    await loadPriceList(tx, orgId, id);
    const known = await repo.existingSkuIds(tx, orgId, [...values.map((v) => v.sku_id), ...input.removeSkuIds]);
    for (const v of values) if (!known.has(v.sku_id)) throw CatalogErrors.priceSkuUnknown({ skuId: v.sku_id });
    for (const v of values) {
      if (!chainHolds(v)) {
        const sku = await repo.findSku(tx, orgId, v.sku_id);
        throw CatalogErrors.priceChain({ skuCode: sku?.code ?? v.sku_id });
      }
    }
    const beforeRows = await repo.listPriceListItems(tx, orgId, id);
    const touched = new Set([...values.map((v) => v.sku_id), ...input.removeSkuIds]);
    await repo.deletePriceListItems(tx, orgId, id, input.removeSkuIds);
    await repo.upsertPriceListItems(tx, orgId, id, values);
    await repo.touchPriceList(tx, orgId, id);
    const afterRows = await repo.listPriceListItems(tx, orgId, id);
    await recordAudit(tx, ctx, {
      entity: "price_list",
      entityId: id,
      action: "items_update",
      before: beforeRows.filter((r) => touched.has(r.sku_id)).map(itemResponse),
      after: afterRows.filter((r) => touched.has(r.sku_id)).map(itemResponse),
    });
    return { items: afterRows.map(itemResponse) };
  });
}

export const PRICE_CSV_HEADER = [
  "sku_code",
  "sku_name",
  "sku_name_bn",
  "mrp",
  "retailer_price",
  "retailer_margin_percent",
  "distributor_price",
  "distributor_margin_percent",
] as const;

export async function exportPriceListItemsCsv(ctx: Ctx, id: string) {
  requirePriceReader(ctx);
  const list = await loadReadablePriceList(ctx, id);
  const rows = await repo.listPriceListItems(ctx.db, ctx.actor.orgId, id);
  return {
    code: list.code,
    csv: writeCsv(
      PRICE_CSV_HEADER,
      rows.map((r) => [
        r.sku_code,
        r.sku_name,
        r.sku_name_bn,
        takaText(r.mrp_poisha),
        takaText(r.retailer_price_poisha),
        percentText(r.retailer_margin_bp),
        takaText(r.distributor_price_poisha),
        percentText(r.distributor_margin_bp),
      ]),
    ),
  };
}

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);

/**
 * Items from a CSV (the export's columns; names are ignored). All or nothing: every row is checked first,
 * and only when none has a problem are the items saved, in one transaction. The report lists each row's
 * problems in the caller's language.
 */
export async function importPriceListItemsCsv(ctx: Ctx, id: string, input: PriceImportRequest) {
  needs(ctx, "catalog.write");
  const orgId = ctx.actor.orgId;
  const msg = (key: keyof typeof IMPORT_MESSAGES, values: Record<string, string> = {}) =>
    fill(IMPORT_MESSAGES[key][ctx.locale], values);
  return withTransaction(ctx.db, async (tx): Promise<PriceImportResponse> => {
    // An unknown price list is "not found" whatever the file holds.
    await loadPriceList(tx, orgId, id);
    const { columns, rows } = parseCsvWithHeader(input.csv);
    const missing = ["sku_code", "mrp"].filter((c) => !columns.includes(c));
    if (rows.length === 0 || missing.length) throw CatalogErrors.importEmpty({ missing: missing.join(", ") || "-" });
    const codes = [...new Set(rows.map((r) => r.values.sku_code ?? "").filter(Boolean))];
    const skus = new Map((await repo.skusByCodes(tx, orgId, codes)).map((s) => [s.code, s.id]));
    const seen = new Set<string>();
    const report: PriceImportResponse["rows"] = [];
    const values: repo.PriceItemValues[] = [];
    for (const r of rows) {
      const v = r.values;
      const code = v.sku_code ?? "";
      const errors: string[] = [];
      const skuId = skus.get(code);
      if (!skuId) errors.push(msg("skuUnknown", { code }));
      else if (seen.has(code)) errors.push(msg("duplicate", { code }));
      seen.add(code);
      const money = (col: string) => {
        const text = v[col] ?? "";
        if (text === "") return null;
        const p = parseTaka(text);
        if (p === null) errors.push(msg("money", { column: col }));
        return p;
      };
      const pct = (col: string) => {
        const text = v[col] ?? "";
        if (text === "") return null;
        const p = parsePercent(text);
        if (p === null) errors.push(msg("percent", { column: col }));
        return p;
      };
      const mrp = money("mrp");
      if (mrp === null && (v.mrp ?? "") === "") errors.push(msg("money", { column: "mrp" }));
      const rp = money("retailer_price");
      const rm = pct("retailer_margin_percent");
      const dp = money("distributor_price");
      const dm = pct("distributor_margin_percent");
      const hasR = (v.retailer_price ?? "") !== "";
      const hasRm = (v.retailer_margin_percent ?? "") !== "";
      const hasD = (v.distributor_price ?? "") !== "";
      const hasDm = (v.distributor_margin_percent ?? "") !== "";
      if (hasR === hasRm) errors.push(msg("oneOf", { price: "retailer_price", margin: "retailer_margin_percent" }));
      if (hasD === hasDm)
        errors.push(msg("oneOf", { price: "distributor_price", margin: "distributor_margin_percent" }));
      if (errors.length === 0 && skuId && mrp !== null) {
        const item: repo.PriceItemValues = {
          sku_id: skuId,
          mrp_poisha: mrp,
          retailer_price_poisha: rp,
          retailer_margin_bp: rp === null ? rm : null,
          distributor_price_poisha: dp,
          distributor_margin_bp: dp === null ? dm : null,
        };
        if (chainHolds(item)) values.push(item);
        else errors.push(msg("chain"));
      }
      report.push({ line: r.row, skuCode: code, errors });
    }
    const valid = report.filter((r) => r.errors.length === 0).length;
    const applied = valid === rows.length && !input.dryRun;
    if (applied) {
      await repo.upsertPriceListItems(tx, orgId, id, values);
      await repo.touchPriceList(tx, orgId, id);
      await recordAudit(tx, ctx, {
        entity: "price_list",
        entityId: id,
        action: "items_import",
        after: { rows: rows.length },
      });
    }
    return { applied, total: rows.length, valid, rows: report.filter((r) => r.errors.length > 0) };
  });
}

// --- price resolution (used by orders) and the order book

export interface ResolvedPrice {
  skuId: string;
  priceListId: string;
  mrpPoisha: number;
  retailerPricePoisha: number;
  distributorPricePoisha: number;
  vatRateBp: number;
  pricesIncludeVat: boolean;
}

export interface PriceContext {
  skuIds: string[];
  date: string;
  channel: string | null;
  tier: string | null;
  /** The materialised path of the outlet's route (or territory), e.g. "/<national>/<region>/.../<route>/". */
  territoryPath: string | null;
  distributorId: string | null;
}

function toResolved(r: Awaited<ReturnType<typeof repo.resolvePriceRows>>[number]): ResolvedPrice {
  return {
    skuId: r.sku_id,
    priceListId: r.price_list_id,
    mrpPoisha: Number(r.mrp_poisha),
    retailerPricePoisha: effective(
      Number(r.mrp_poisha),
      r.retailer_price_poisha === null ? null : Number(r.retailer_price_poisha),
      r.retailer_margin_bp,
    ),
    distributorPricePoisha: effective(
      Number(r.mrp_poisha),
      r.distributor_price_poisha === null ? null : Number(r.distributor_price_poisha),
      r.distributor_margin_bp,
    ),
    vatRateBp: r.vat_rate_bp,
    pricesIncludeVat: r.prices_include_vat,
  };
}

/**
 * The price of each SKU for one outlet and distributor on one date, by the rule written on
 * repo.resolvePriceRows (distributor override > deepest territory > channel+tier > channel > tier >
 * default; then the latest valid_from). A SKU no list prices is absent from the map.
 */
export async function resolvePrices(db: Executor, orgId: string, q: PriceContext): Promise<Map<string, ResolvedPrice>> {
  const rows = await repo.resolvePriceRows(db, orgId, { ...q, skuIds: [...new Set(q.skuIds)] });
  return new Map(rows.map((r) => [r.sku_id, toResolved(r)]));
}

export interface SkuForOrder {
  id: string;
  code: string;
  name: string;
  name_bn: string;
  vat_rate_bp: number;
  sell_by_unit: string | null;
  archived_at: Date | null;
  units: { unit: string; factor: number }[];
}

/** The SKUs an order names, with their pack sizes (smallest first); unknown ids are absent. */
export async function loadSkusForOrder(
  db: Executor,
  orgId: string,
  skuIds: string[],
): Promise<Map<string, SkuForOrder>> {
  const rows = await repo.skusForOrder(db, orgId, [...new Set(skuIds)]);
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        code: r.code,
        name: r.name,
        name_bn: r.name_bn,
        vat_rate_bp: r.vat_rate_bp,
        sell_by_unit: r.sell_by_unit,
        archived_at: r.archived_at,
        units: r.units.map((u) => ({ unit: u.unit, factor: u.factor })),
      },
    ]),
  );
}

/** Who the order book is for: an outlet (its channel, class, route and distributor) or explicit targets. */
async function orderBookTarget(ctx: Ctx, q: OrderBookQuery) {
  const { scope, orgId } = ctx.actor;
  const outletId = q.outletId ?? (scope.kind === "outlet" ? scope.outletId : undefined);
  if (outletId) {
    const o = await repo.findOutletPricingFacts(ctx.db, orgId, outletId);
    const visible =
      o &&
      (scope.kind === "org" ||
        (scope.kind === "territory" && territoryInScope(scope, o.route_path)) ||
        (scope.kind === "distributor" && o.distributor_id === scope.distributorId) ||
        (scope.kind === "outlet" && o.id === scope.outletId));
    if (!o || !visible) throw CatalogErrors.outletNotFound();
    // A retailer buys from its outlet's distributor: another distributor's prices are not its business.
    if (scope.kind === "outlet" && q.distributorId && q.distributorId !== o.distributor_id)
      throw CatalogErrors.distributorNotFound();
    const distributorId = scope.kind === "distributor" ? scope.distributorId : (q.distributorId ?? o.distributor_id);
    return { channel: o.channel as string, tier: o.class as string, territoryPath: o.route_path, distributorId };
  }
  if (scope.kind === "outlet" || scope.kind === "none") throw CatalogErrors.outletNotFound();
  if (scope.kind === "distributor" && q.distributorId && q.distributorId !== scope.distributorId)
    throw CatalogErrors.distributorNotFound();
  const territoryPath = q.territoryId ? await repo.findTerritoryPath(ctx.db, orgId, q.territoryId) : null;
  if (q.territoryId && !territoryPath) throw CatalogErrors.territoryUnknown();
  return {
    channel: q.channel ?? null,
    tier: q.tier ?? null,
    territoryPath,
    distributorId: scope.kind === "distributor" ? scope.distributorId : (q.distributorId ?? null),
  };
}

/**
 * Every active SKU with what order entry needs and its resolved price on the date, in two queries: the
 * web order screen and the field app cache this and search it locally (search_text is included).
 */
export async function getOrderBook(ctx: Ctx, q: OrderBookQuery): Promise<OrderBookResponse> {
  needs(ctx, "catalog.read");
  const target = await orderBookTarget(ctx, q);
  const date = q.date ?? businessDate();
  const [skus, prices] = await Promise.all([
    repo.orderBookSkus(ctx.db, ctx.actor.orgId),
    repo.resolvePriceRows(ctx.db, ctx.actor.orgId, { ...target, skuIds: null, date }),
  ]);
  const bySku = new Map(prices.map((p) => [p.sku_id, toResolved(p)]));
  const hideDistributor = ctx.actor.role === "retailer";
  return {
    date,
    channel: target.channel,
    tier: target.tier,
    distributorId: target.distributorId,
    skus: skus.map((s) => {
      const p = bySku.get(s.id);
      return {
        id: s.id,
        code: s.code,
        name: s.name,
        nameBn: s.name_bn,
        brandId: s.brand_id,
        brandName: s.brand_name,
        brandNameBn: s.brand_name_bn,
        barcode: s.barcode,
        baseUnit: s.base_unit,
        units: s.units.map((u) => ({ unit: u.unit, name: u.name, nameBn: u.name_bn, factor: u.factor })),
        vatRateBp: s.vat_rate_bp,
        sellByUnit: s.sell_by_unit,
        searchText: s.search_text,
        price: p
          ? {
              priceListId: p.priceListId,
              mrpPoisha: p.mrpPoisha,
              retailerPricePoisha: p.retailerPricePoisha,
              distributorPricePoisha: hideDistributor ? null : p.distributorPricePoisha,
              pricesIncludeVat: p.pricesIncludeVat,
            }
          : null,
      };
    }),
  };
}

// --- what the field app caches: SKUs and price books

/** The field app's SKUs: every active one, or only those changed after `changedSince` (archived ones marked). */
export async function fieldSkus(db: Executor, orgId: string, changedSince: Date | null): Promise<FieldSku[]> {
  const rows = await repo.fieldSkus(db, orgId, changedSince);
  return rows.map((s) => ({
    id: s.id,
    code: s.code,
    name: s.name,
    nameBn: s.name_bn,
    brandName: s.brand_name,
    brandNameBn: s.brand_name_bn,
    baseUnit: s.base_unit,
    units: s.units.map((u) => ({ unit: u.unit, name: u.name, nameBn: u.name_bn, factor: u.factor })),
    vatRateBp: s.vat_rate_bp,
    searchText: s.search_text,
    archived: s.archived_at !== null,
  }));
}

/** What decides the prices an outlet pays (see resolvePriceRows), with `id` to tell the outlets apart. */
export interface PricedTarget {
  id: string;
  distributorId: string | null;
  channel: string | null;
  tier: string | null;
  territoryPath: string | null;
}

/**
 * Groups outlets into price books: outlets whose facts no price list in force on `date` tells apart share one.
 * A channel, class or distributor counts only if some list names it, and of the route's path only the
 * territories some list names, so the rep's outlets need a few books rather than one per outlet. The key is a
 * short hash of those facts: the same outlets get the same key on every snapshot while the lists stay the same.
 * `prices()` resolves each book (per base unit, as an order pays them), one query a book.
 */
export async function priceBooksFor(
  db: Executor,
  orgId: string,
  date: string,
  targets: readonly PricedTarget[],
): Promise<{ keys: Map<string, string>; prices: () => Promise<FieldPriceBook[]> }> {
  const dims = await repo.pricingDimensions(db, orgId, date);
  const named = {
    channels: new Set<string>(dims.map((d) => d.channel).filter((v) => v !== null)),
    tiers: new Set<string>(dims.map((d) => d.tier).filter((v) => v !== null)),
    distributors: new Set(dims.map((d) => d.distributor_id).filter((v) => v !== null)),
    territories: new Set(dims.map((d) => d.territory_id).filter((v) => v !== null)),
  };
  const keys = new Map<string, string>();
  const contexts = new Map<string, Omit<PriceContext, "skuIds">>();
  for (const t of targets) {
    const facts = {
      distributorId: t.distributorId !== null && named.distributors.has(t.distributorId) ? t.distributorId : null,
      channel: t.channel !== null && named.channels.has(t.channel) ? t.channel : null,
      tier: t.tier !== null && named.tiers.has(t.tier) ? t.tier : null,
      territories: (t.territoryPath ?? "").split("/").filter((id) => named.territories.has(id)),
    };
    const key = createHash("sha256").update(JSON.stringify(facts)).digest("base64url").slice(0, 12);
    keys.set(t.id, key);
    // Any outlet of the book stands for all: its path holds exactly the book's list territories.
    if (!contexts.has(key))
      contexts.set(key, {
        date,
        distributorId: facts.distributorId,
        channel: facts.channel,
        tier: facts.tier,
        territoryPath: t.territoryPath,
      });
  }
  const prices = async () => {
    const books: FieldPriceBook[] = [];
    for (const [key, context] of contexts) {
      const rows = await repo.resolvePriceRows(db, orgId, { ...context, skuIds: null });
      books.push({
        key,
        prices: rows.map(toResolved).map((p) => ({
          skuId: p.skuId,
          unitPricePoisha: p.retailerPricePoisha,
          mrpPoisha: p.mrpPoisha,
          pricesIncludeVat: p.pricesIncludeVat,
        })),
      });
    }
    return books;
  };
  return { keys, prices };
}

/** Whether any price changed after `since` (a list or its items edited, or a list came into or out of force). */
export function pricesChangedSince(db: Executor, orgId: string, since: Date, today: string) {
  return repo.pricesChangedSince(db, orgId, since, businessDate(since), today);
}
