// Catalog and prices (S2): brands, categories, SKUs with their pack sizes, price lists and their items,
// and the order book (every active SKU with its resolved prices) that order entry caches.
import { z } from "zod";
import { IsoDate, PageQuery } from "./common.ts";
import { CHANNELS, OUTLET_CLASSES } from "./network.ts";

/** Price lists target outlets by the same channels and classes (tiers) that outlets have. */
export const OUTLET_CHANNELS = CHANNELS;
export type OutletChannel = (typeof CHANNELS)[number];
export const OUTLET_TIERS = OUTLET_CLASSES;
export type OutletTier = (typeof OUTLET_CLASSES)[number];

const Code = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "Letters, digits, '.', '_' or '-' only|শুধু অক্ষর, অঙ্ক, '.', '_' বা '-'");
const Name = z.string().trim().min(1).max(160);
const Money = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const Bp = z.number().int().min(0).max(10_000);
export const ArchiveFilter = z.enum(["active", "archived", "all"]);

// --- brands

export const BrandResponse = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  nameBn: z.string(),
  skuCount: z.number().int(),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
});
export const CreateBrandRequest = z.strictObject({ code: Code, name: Name, nameBn: Name });
export const UpdateBrandRequest = z.strictObject({
  code: Code.optional(),
  name: Name.optional(),
  nameBn: Name.optional(),
});
export const BrandListQuery = PageQuery.extend({
  q: z.string().trim().max(120).optional(),
  status: ArchiveFilter.default("active"),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

// --- categories (a tree through parentId)

export const CategoryResponse = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  code: z.string(),
  name: z.string(),
  nameBn: z.string(),
  skuCount: z.number().int(),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
});
export const CreateCategoryRequest = z.strictObject({
  code: Code,
  name: Name,
  nameBn: Name,
  parentId: z.uuid().nullable().optional(),
});
export const UpdateCategoryRequest = z.strictObject({
  code: Code.optional(),
  name: Name.optional(),
  nameBn: Name.optional(),
  parentId: z.uuid().nullable().optional(),
});
export const CategoryListQuery = BrandListQuery.extend({ parentId: z.uuid().optional() });

// --- SKUs and pack sizes

export const UnitCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9_-]{0,19}$/, "A unit is a short lower-case word, e.g. case|একক ছোট ইংরেজি শব্দ, যেমন case");

export const SkuUnitInput = z.strictObject({
  unit: UnitCode,
  factor: z.number().int().min(1).max(1_000_000),
  name: z.string().trim().min(1).max(40).optional(),
  nameBn: z.string().trim().min(1).max(40).optional(),
});
export const SkuUnitResponse = z.object({ unit: z.string(), name: z.string(), nameBn: z.string(), factor: z.number() });

export const SkuResponse = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  nameBn: z.string(),
  brandId: z.uuid(),
  brandName: z.string(),
  brandNameBn: z.string(),
  categoryId: z.uuid(),
  categoryName: z.string(),
  categoryNameBn: z.string(),
  barcode: z.string().nullable(),
  baseUnit: z.string(),
  vatRateBp: z.number().int(),
  sellByUnit: z.string().nullable(),
  /** Per base unit, for delivery capacity; null = unknown (not counted). */
  weightG: z.number().int().nullable(),
  volumeCm3: z.number().int().nullable(),
  units: z.array(SkuUnitResponse),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const Barcode = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z-]{4,40}$/, "A barcode is 4 to 40 digits or letters|বারকোড ৪ থেকে ৪০টি অঙ্ক বা অক্ষর");

/** Per base unit: up to a tonne, a cubic metre. */
const WeightG = z.number().int().min(0).max(1_000_000);
const VolumeCm3 = z.number().int().min(0).max(1_000_000);

export const CreateSkuRequest = z.strictObject({
  code: Code,
  name: Name,
  nameBn: Name,
  brandId: z.uuid(),
  categoryId: z.uuid(),
  barcode: Barcode.nullable().optional(),
  baseUnit: UnitCode.default("piece"),
  vatRateBp: Bp.default(0),
  sellByUnit: UnitCode.nullable().optional(),
  /** Grams and cubic centimetres per base unit (delivery capacity); null = unknown. */
  weightG: WeightG.nullable().optional(),
  volumeCm3: VolumeCm3.nullable().optional(),
  /** Pack sizes; the base unit (factor 1) is added when missing. */
  units: z.array(SkuUnitInput).max(10).default([]),
});
export const UpdateSkuRequest = z.strictObject({
  code: Code.optional(),
  name: Name.optional(),
  nameBn: Name.optional(),
  brandId: z.uuid().optional(),
  categoryId: z.uuid().optional(),
  barcode: Barcode.nullable().optional(),
  vatRateBp: Bp.optional(),
  sellByUnit: UnitCode.nullable().optional(),
  weightG: WeightG.nullable().optional(),
  volumeCm3: VolumeCm3.nullable().optional(),
  /** Replaces the pack sizes when given. */
  units: z.array(SkuUnitInput).max(10).optional(),
});

export const SKU_SORTS = ["code", "name", "updated"] as const;
export const SkuListQuery = PageQuery.extend({
  q: z.string().trim().max(120).optional(),
  brandId: z.uuid().optional(),
  categoryId: z.uuid().optional(),
  status: ArchiveFilter.default("active"),
  sort: z.enum(SKU_SORTS).default("code"),
});
export const SkuExportQuery = SkuListQuery.omit({ cursor: true, limit: true });

// --- price lists

export const PriceListResponse = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  nameBn: z.string(),
  channel: z.enum(OUTLET_CHANNELS).nullable(),
  tier: z.enum(OUTLET_TIERS).nullable(),
  territoryId: z.uuid().nullable(),
  territoryName: z.string().nullable(),
  territoryNameBn: z.string().nullable(),
  distributorId: z.uuid().nullable(),
  distributorName: z.string().nullable(),
  distributorNameBn: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  pricesIncludeVat: z.boolean(),
  itemCount: z.number().int(),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const CreatePriceListRequest = z.strictObject({
  code: Code,
  name: Name,
  nameBn: Name,
  channel: z.enum(OUTLET_CHANNELS).nullable().optional(),
  tier: z.enum(OUTLET_TIERS).nullable().optional(),
  territoryId: z.uuid().nullable().optional(),
  distributorId: z.uuid().nullable().optional(),
  validFrom: IsoDate,
  validTo: IsoDate.nullable().optional(),
  pricesIncludeVat: z.boolean().default(false),
});
export const UpdatePriceListRequest = z.strictObject({
  code: Code.optional(),
  name: Name.optional(),
  nameBn: Name.optional(),
  channel: z.enum(OUTLET_CHANNELS).nullable().optional(),
  tier: z.enum(OUTLET_TIERS).nullable().optional(),
  territoryId: z.uuid().nullable().optional(),
  distributorId: z.uuid().nullable().optional(),
  validFrom: IsoDate.optional(),
  validTo: IsoDate.nullable().optional(),
  pricesIncludeVat: z.boolean().optional(),
});
export const PriceListListQuery = PageQuery.extend({
  q: z.string().trim().max(120).optional(),
  channel: z.enum(OUTLET_CHANNELS).optional(),
  tier: z.enum(OUTLET_TIERS).optional(),
  distributorId: z.uuid().optional(),
  /** Only lists in force on this date. */
  inForceOn: IsoDate.optional(),
  status: ArchiveFilter.default("active"),
});

/** One SKU's price chain: MRP, then the retailer's and the distributor's price, each flat or a margin off MRP. */
export const PriceListItemInput = z
  .strictObject({
    skuId: z.uuid(),
    mrpPoisha: Money,
    retailerPricePoisha: Money.nullable().optional(),
    retailerMarginBp: Bp.nullable().optional(),
    distributorPricePoisha: Money.nullable().optional(),
    distributorMarginBp: Bp.nullable().optional(),
  })
  .refine((i) => (i.retailerPricePoisha == null) !== (i.retailerMarginBp == null), {
    message: "Give the retailer price or the retailer margin, not both|খুচরা বিক্রেতার দাম বা মার্জিন, যেকোনো একটি দিন",
    path: ["retailerPricePoisha"],
  })
  .refine((i) => (i.distributorPricePoisha == null) !== (i.distributorMarginBp == null), {
    message: "Give the distributor price or the distributor margin, not both|ডিস্ট্রিবিউটরের দাম বা মার্জিন, যেকোনো একটি দিন",
    path: ["distributorPricePoisha"],
  });

export const UpsertPriceListItemsRequest = z.strictObject({
  items: z
    .array(PriceListItemInput)
    .max(5000)
    .refine((items) => new Set(items.map((i) => i.skuId)).size === items.length, {
      message: "Each SKU once|প্রতিটি SKU একবারই দিন",
    }),
  removeSkuIds: z.array(z.uuid()).max(5000).default([]),
});

export const PriceListItemResponse = z.object({
  skuId: z.uuid(),
  skuCode: z.string(),
  skuName: z.string(),
  skuNameBn: z.string(),
  vatRateBp: z.number().int(),
  mrpPoisha: z.number(),
  retailerPricePoisha: z.number().nullable(),
  retailerMarginBp: z.number().nullable(),
  distributorPricePoisha: z.number().nullable(),
  distributorMarginBp: z.number().nullable(),
  /** The prices an order pays, with margins turned into prices. */
  effectiveRetailerPricePoisha: z.number(),
  effectiveDistributorPricePoisha: z.number(),
});
export const PriceListItemsResponse = z.object({ items: z.array(PriceListItemResponse) });

export const PriceImportRequest = z.strictObject({
  csv: z.string().min(1).max(5_000_000),
  /** Check only: report every row's problems without saving anything. */
  dryRun: z.boolean().default(false),
});
export const PriceImportResponse = z.object({
  applied: z.boolean(),
  total: z.number().int(),
  valid: z.number().int(),
  rows: z.array(z.object({ line: z.number().int(), skuCode: z.string(), errors: z.array(z.string()) })),
});

// --- order book

export const OrderBookQuery = z.strictObject({
  outletId: z.uuid().optional(),
  distributorId: z.uuid().optional(),
  channel: z.enum(OUTLET_CHANNELS).optional(),
  tier: z.enum(OUTLET_TIERS).optional(),
  territoryId: z.uuid().optional(),
  date: IsoDate.optional(),
});

export const OrderBookSku = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  nameBn: z.string(),
  brandId: z.uuid(),
  brandName: z.string(),
  brandNameBn: z.string(),
  barcode: z.string().nullable(),
  baseUnit: z.string(),
  units: z.array(SkuUnitResponse),
  vatRateBp: z.number().int(),
  sellByUnit: z.string().nullable(),
  searchText: z.string(),
  /** Null when no price list prices the SKU for this outlet: it cannot be ordered. */
  price: z
    .object({
      priceListId: z.uuid(),
      mrpPoisha: z.number(),
      retailerPricePoisha: z.number(),
      /** Hidden (null) from retailers. */
      distributorPricePoisha: z.number().nullable(),
      pricesIncludeVat: z.boolean(),
    })
    .nullable(),
});
export const OrderBookResponse = z.object({
  date: z.string(),
  channel: z.string().nullable(),
  tier: z.string().nullable(),
  distributorId: z.uuid().nullable(),
  skus: z.array(OrderBookSku),
});

export type BrandResponse = z.infer<typeof BrandResponse>;
export type CreateBrandRequest = z.infer<typeof CreateBrandRequest>;
export type UpdateBrandRequest = z.infer<typeof UpdateBrandRequest>;
export type BrandListQuery = z.infer<typeof BrandListQuery>;
export type CategoryResponse = z.infer<typeof CategoryResponse>;
export type CreateCategoryRequest = z.infer<typeof CreateCategoryRequest>;
export type UpdateCategoryRequest = z.infer<typeof UpdateCategoryRequest>;
export type CategoryListQuery = z.infer<typeof CategoryListQuery>;
export type SkuUnitInput = z.infer<typeof SkuUnitInput>;
export type SkuResponse = z.infer<typeof SkuResponse>;
export type CreateSkuRequest = z.infer<typeof CreateSkuRequest>;
export type UpdateSkuRequest = z.infer<typeof UpdateSkuRequest>;
export type SkuListQuery = z.infer<typeof SkuListQuery>;
export type SkuExportQuery = z.infer<typeof SkuExportQuery>;
export type PriceListResponse = z.infer<typeof PriceListResponse>;
export type CreatePriceListRequest = z.infer<typeof CreatePriceListRequest>;
export type UpdatePriceListRequest = z.infer<typeof UpdatePriceListRequest>;
export type PriceListListQuery = z.infer<typeof PriceListListQuery>;
export type PriceListItemInput = z.infer<typeof PriceListItemInput>;
export type UpsertPriceListItemsRequest = z.infer<typeof UpsertPriceListItemsRequest>;
export type PriceListItemResponse = z.infer<typeof PriceListItemResponse>;
export type PriceImportRequest = z.infer<typeof PriceImportRequest>;
export type PriceImportResponse = z.infer<typeof PriceImportResponse>;
export type OrderBookQuery = z.infer<typeof OrderBookQuery>;
export type OrderBookSku = z.infer<typeof OrderBookSku>;
export type OrderBookResponse = z.infer<typeof OrderBookResponse>;
