// The orders screens, mounted under the signed-in layout: secondary orders (list / queue, entry, detail),
// primary orders, distributor stock and collections. The printable documents live outside the layout
// (print-routes.tsx) and the retailer's shop has its own (retailer-routes.tsx).
import { createRoute } from "@tanstack/react-router";
import { PRIMARY_STATUSES } from "../../../shared/contracts/inventory.ts";
import { SECONDARY_STATUSES, type SecondaryStatus } from "../../../shared/contracts/orders.ts";
import type { AppRoute } from "../../router.tsx";
import { RequirePermission } from "../../ui/status-pages.tsx";
import { StockCountPage } from "../stock/stock-count-page.tsx";
import { StockPage, type StockSearch } from "../stock/stock-page.tsx";
import { CollectionsPage, type CollectionsSearch } from "./collections-page.tsx";
import { OrderDetailPage } from "./order-detail-page.tsx";
import { OrderEntryPage } from "./order-entry-page.tsx";
import { OrderListPage, type OrdersSearch } from "./order-list-page.tsx";
import {
  PrimaryOrderDetailPage,
  PrimaryOrderListPage,
  PrimaryOrderNewPage,
  type PrimaryOrdersSearch,
} from "./primary-order-pages.tsx";
import type { PrimaryStatus } from "./use-primary-orders.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuid = (v: unknown): string | undefined => (typeof v === "string" && UUID.test(v) ? v : undefined);
const isoDate = (v: unknown): string | undefined =>
  typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined;
const str = (v: unknown): string | undefined =>
  typeof v === "string" && v.trim() !== "" ? v.trim().slice(0, 120) : undefined;
const flag = (v: unknown): boolean | undefined => (v === true || v === "true" ? true : undefined);

export function ordersRoutes(appRoute: AppRoute) {
  const list = createRoute({
    getParentRoute: () => appRoute,
    path: "/orders",
    validateSearch: (s: Record<string, unknown>): OrdersSearch => ({
      status: SECONDARY_STATUSES.includes(s.status as SecondaryStatus) ? (s.status as SecondaryStatus) : undefined,
      queue: s.queue === "open" || s.queue === "all" ? s.queue : undefined,
      distributorId: uuid(s.distributorId),
      from: isoDate(s.from),
      to: isoDate(s.to),
      q: str(s.q),
    }),
    component: () => (
      <RequirePermission permission="orders.read">
        <OrderListPage />
      </RequirePermission>
    ),
  });
  const entry = createRoute({
    getParentRoute: () => appRoute,
    path: "/orders/new",
    validateSearch: (s: Record<string, unknown>): { outletId?: string } => ({ outletId: uuid(s.outletId) }),
    component: () => (
      <RequirePermission permission="orders.write">
        <OrderEntryPage />
      </RequirePermission>
    ),
  });
  const detail = createRoute({
    getParentRoute: () => appRoute,
    path: "/orders/$orderId",
    component: () => (
      <RequirePermission permission="orders.read">
        <OrderDetailPage />
      </RequirePermission>
    ),
  });
  const stock = createRoute({
    getParentRoute: () => appRoute,
    path: "/stock",
    validateSearch: (s: Record<string, unknown>): StockSearch => ({
      distributorId: uuid(s.distributorId),
      q: str(s.q),
      outOfStock: flag(s.outOfStock),
    }),
    component: () => (
      <RequirePermission permission="stock.read">
        <StockPage />
      </RequirePermission>
    ),
  });
  const stockCount = createRoute({
    getParentRoute: () => appRoute,
    path: "/stock/count",
    validateSearch: (s: Record<string, unknown>): { distributorId?: string } => ({
      distributorId: uuid(s.distributorId),
    }),
    component: () => (
      <RequirePermission permission="stock.write">
        <StockCountPage />
      </RequirePermission>
    ),
  });
  const primaryList = createRoute({
    getParentRoute: () => appRoute,
    path: "/primary-orders",
    validateSearch: (s: Record<string, unknown>): PrimaryOrdersSearch => ({
      distributorId: uuid(s.distributorId),
      status: PRIMARY_STATUSES.includes(s.status as PrimaryStatus) ? (s.status as PrimaryStatus) : undefined,
    }),
    component: () => (
      <RequirePermission permission="primary.read">
        <PrimaryOrderListPage />
      </RequirePermission>
    ),
  });
  const primaryNew = createRoute({
    getParentRoute: () => appRoute,
    path: "/primary-orders/new",
    component: () => (
      <RequirePermission permission="primary.write">
        <PrimaryOrderNewPage />
      </RequirePermission>
    ),
  });
  const primaryDetail = createRoute({
    getParentRoute: () => appRoute,
    path: "/primary-orders/$primaryOrderId",
    component: () => (
      <RequirePermission permission="primary.read">
        <PrimaryOrderDetailPage />
      </RequirePermission>
    ),
  });
  const collections = createRoute({
    getParentRoute: () => appRoute,
    path: "/collections",
    validateSearch: (s: Record<string, unknown>): CollectionsSearch => ({
      distributorId: uuid(s.distributorId),
      overdueOnly: flag(s.overdueOnly),
      q: str(s.q),
    }),
    component: () => (
      <RequirePermission permission="payments.read">
        <CollectionsPage />
      </RequirePermission>
    ),
  });
  return [list, entry, detail, stock, stockCount, primaryList, primaryNew, primaryDetail, collections] as const;
}
