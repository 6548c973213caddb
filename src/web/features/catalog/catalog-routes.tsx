// The catalog screens, mounted under the signed-in layout: /catalog (SKUs, brands, categories),
// /catalog/skus/$skuId (one SKU with its pack sizes; "new" creates), /price-lists and /price-lists/$priceListId.
import { createRoute } from "@tanstack/react-router";
import {
  OUTLET_CHANNELS,
  OUTLET_TIERS,
  type OutletChannel,
  type OutletTier,
} from "../../../shared/contracts/catalog.ts";
import type { AppRoute } from "../../router.tsx";
import { RequirePermission } from "../../ui/status-pages.tsx";
import { CatalogPage } from "./catalog-page.tsx";
import { CATALOG_TABS, type CatalogSearch, type CatalogTab, type PriceListSearch } from "./catalog-search.ts";
import { PriceListListPage } from "./price-list-list-page.tsx";
import { PriceListPage } from "./price-list-page.tsx";
import { SkuEditPage } from "./sku-edit-page.tsx";

const str = (v: unknown, max = 120): string | undefined =>
  typeof v === "string" && v.trim() !== "" ? v.trim().slice(0, max) : undefined;
const uuid = (v: unknown): string | undefined => (typeof v === "string" && /^[0-9a-f-]{36}$/i.test(v) ? v : undefined);

export function catalogRoutes(appRoute: AppRoute) {
  const catalog = createRoute({
    getParentRoute: () => appRoute,
    path: "/catalog",
    validateSearch: (s: Record<string, unknown>): CatalogSearch => ({
      tab: CATALOG_TABS.includes(s.tab as CatalogTab) && s.tab !== "skus" ? (s.tab as CatalogTab) : undefined,
      q: str(s.q),
      brandId: uuid(s.brandId),
      categoryId: uuid(s.categoryId),
      status: s.status === "archived" || s.status === "all" ? s.status : undefined,
      sort: s.sort === "name" || s.sort === "updated" ? s.sort : undefined,
    }),
    component: () => (
      <RequirePermission permission="catalog.read">
        <CatalogPage />
      </RequirePermission>
    ),
  });
  const sku = createRoute({
    getParentRoute: () => appRoute,
    path: "/catalog/skus/$skuId",
    component: () => (
      <RequirePermission permission="catalog.read">
        <SkuEditPage />
      </RequirePermission>
    ),
  });
  const priceLists = createRoute({
    getParentRoute: () => appRoute,
    path: "/price-lists",
    validateSearch: (s: Record<string, unknown>): PriceListSearch => ({
      q: str(s.q),
      channel: OUTLET_CHANNELS.includes(s.channel as OutletChannel) ? (s.channel as OutletChannel) : undefined,
      tier: OUTLET_TIERS.includes(s.tier as OutletTier) ? (s.tier as OutletTier) : undefined,
      status: s.status === "archived" || s.status === "all" ? s.status : undefined,
    }),
    component: () => (
      <RequirePermission permission="catalog.write">
        <PriceListListPage />
      </RequirePermission>
    ),
  });
  const priceList = createRoute({
    getParentRoute: () => appRoute,
    path: "/price-lists/$priceListId",
    component: () => (
      <RequirePermission permission="catalog.write">
        <PriceListPage />
      </RequirePermission>
    ),
  });
  return [catalog, sku, priceLists, priceList] as const;
}
