// The network screens, mounted under the signed-in layout. Filters live in the URL, so a filtered list can
// be bookmarked and shared.
import { createRoute } from "@tanstack/react-router";
import { CHANNELS, type Channel, OUTLET_CLASSES, type OutletClass } from "../../../shared/contracts/network.ts";
import type { AppRoute } from "../../router.tsx";
import { RequirePermission } from "../../ui/status-pages.tsx";
import { DistributorDetailPage, DistributorListPage } from "./distributor-pages.tsx";
import { OutletDetailPage } from "./outlet-detail-page.tsx";
import { OutletListPage } from "./outlet-list-page.tsx";
import { TerritoryTreePage } from "./territory-tree-page.tsx";

const str = (v: unknown, max = 120): string | undefined =>
  typeof v === "string" && v.trim() !== "" ? v.trim().slice(0, max) : undefined;
const uuid = (v: unknown): string | undefined => (typeof v === "string" && /^[0-9a-f-]{36}$/i.test(v) ? v : undefined);
const oneOf = <T extends string>(v: unknown, values: readonly T[]): T | undefined =>
  values.includes(v as T) ? (v as T) : undefined;

export interface OutletSearch {
  q?: string;
  channel?: Channel;
  class?: OutletClass;
  distributorId?: string;
  territoryId?: string;
  status?: "active" | "pending" | "archived" | "all";
  sort?: "name" | "code" | "created";
  view?: "map";
}

export interface DistributorSearch {
  q?: string;
  status?: "active" | "archived" | "all";
  sort?: "name" | "code" | "created";
}

const SORTS = ["name", "code", "created"] as const;

export function networkRoutes(appRoute: AppRoute) {
  const outlets = createRoute({
    getParentRoute: () => appRoute,
    path: "/outlets",
    validateSearch: (s: Record<string, unknown>): OutletSearch => ({
      q: str(s.q),
      channel: oneOf(s.channel, CHANNELS),
      class: oneOf(s.class, OUTLET_CLASSES),
      distributorId: uuid(s.distributorId),
      territoryId: uuid(s.territoryId),
      status: oneOf(s.status, ["active", "pending", "archived", "all"] as const),
      sort: oneOf(s.sort, SORTS),
      view: s.view === "map" ? "map" : undefined,
    }),
    component: () => (
      <RequirePermission permission="network.read">
        <OutletListPage />
      </RequirePermission>
    ),
  });
  const outlet = createRoute({
    getParentRoute: () => appRoute,
    path: "/outlets/$outletId",
    component: () => (
      <RequirePermission permission="network.read">
        <OutletDetailPage />
      </RequirePermission>
    ),
  });
  const distributors = createRoute({
    getParentRoute: () => appRoute,
    path: "/distributors",
    validateSearch: (s: Record<string, unknown>): DistributorSearch => ({
      q: str(s.q),
      status: oneOf(s.status, ["active", "archived", "all"] as const),
      sort: oneOf(s.sort, SORTS),
    }),
    component: () => (
      <RequirePermission permission="network.read">
        <DistributorListPage />
      </RequirePermission>
    ),
  });
  const distributor = createRoute({
    getParentRoute: () => appRoute,
    path: "/distributors/$distributorId",
    component: () => (
      <RequirePermission permission="network.read">
        <DistributorDetailPage />
      </RequirePermission>
    ),
  });
  const territories = createRoute({
    getParentRoute: () => appRoute,
    path: "/territories",
    component: () => (
      <RequirePermission permission="network.read">
        <TerritoryTreePage />
      </RequirePermission>
    ),
  });
  return [outlets, outlet, distributors, distributor, territories] as const;
}
