// The delivery screens (S8), under the signed-in layout: trips of a day with their live status, one trip (planner
// and live view), vehicles and the metrics; and the trip's printable sheets outside it. Each screen's code loads
// when it is opened; what stays here is what the router needs up front: paths and the search params in the URL.
import { type AnyRoute, createRoute, lazyRouteComponent } from "@tanstack/react-router";
import { TRIP_STATUSES, type TripStatus } from "../../../shared/contracts/delivery.ts";
import { currentLocale } from "../../i18n/i18n.ts";
import type { AppRoute } from "../../router.tsx";
import type { DeliveryMetricsSearch } from "./delivery-metrics-page.tsx";
import type { TripsSearch } from "./trip-list-page.tsx";
import type { TripPrintSearch } from "./trip-print-page.tsx";
import type { VehiclesSearch } from "./vehicles-page.tsx";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuid = (v: unknown): string | undefined => (typeof v === "string" && UUID.test(v) ? v : undefined);
const isoDate = (v: unknown): string | undefined =>
  typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined;

export function deliveryRoutes(appRoute: AppRoute) {
  const trips = createRoute({
    getParentRoute: () => appRoute,
    path: "/trips",
    validateSearch: (s: Record<string, unknown>): TripsSearch => ({
      date: isoDate(s.date),
      status: TRIP_STATUSES.includes(s.status as TripStatus) ? (s.status as TripStatus) : undefined,
      distributorId: uuid(s.distributorId),
    }),
    component: lazyRouteComponent(() => import("./delivery-screens.tsx"), "TripsRoute"),
  });
  const trip = createRoute({
    getParentRoute: () => appRoute,
    path: "/trips/$tripId",
    component: lazyRouteComponent(() => import("./delivery-screens.tsx"), "TripRoute"),
  });
  const vehicles = createRoute({
    getParentRoute: () => appRoute,
    path: "/vehicles",
    validateSearch: (s: Record<string, unknown>): VehiclesSearch => ({
      distributorId: uuid(s.distributorId),
      archived: s.archived === true || s.archived === "true" ? true : undefined,
    }),
    component: lazyRouteComponent(() => import("./delivery-screens.tsx"), "VehiclesRoute"),
  });
  const metrics = createRoute({
    getParentRoute: () => appRoute,
    path: "/delivery-metrics",
    validateSearch: (s: Record<string, unknown>): DeliveryMetricsSearch => ({
      from: isoDate(s.from),
      to: isoDate(s.to),
      distributorId: uuid(s.distributorId),
    }),
    component: lazyRouteComponent(() => import("./delivery-screens.tsx"), "DeliveryMetricsRoute"),
  });
  return [trips, trip, vehicles, metrics] as const;
}

/** Under the print layout (print-routes.tsx): /print/trips/$tripId?doc=pick|load|challan&lang=bn|en. */
export function deliveryPrintRoutes<P extends AnyRoute>(printRoot: P) {
  const tripPrint = createRoute({
    getParentRoute: () => printRoot,
    path: "/trips/$tripId",
    validateSearch: (s: Record<string, unknown>): TripPrintSearch => ({
      doc: s.doc === "load" || s.doc === "challan" ? s.doc : "pick",
      lang: s.lang === "en" || s.lang === "bn" ? s.lang : currentLocale(),
    }),
    component: lazyRouteComponent(() => import("./trip-print-page.tsx"), "TripPrintPage"),
  });
  return [tripPrint] as const;
}
