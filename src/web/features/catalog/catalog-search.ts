// What the catalog screens keep in the URL (filters, tab), validated by their routes.
import type { OutletChannel, OutletTier } from "../../../shared/contracts/catalog.ts";

export const CATALOG_TABS = ["skus", "brands", "categories"] as const;
export type CatalogTab = (typeof CATALOG_TABS)[number];

export interface CatalogSearch {
  tab?: CatalogTab;
  q?: string;
  brandId?: string;
  categoryId?: string;
  status?: "archived" | "all";
  sort?: "name" | "updated";
}

export interface PriceListSearch {
  q?: string;
  channel?: OutletChannel;
  tier?: OutletTier;
  status?: "archived" | "all";
}
