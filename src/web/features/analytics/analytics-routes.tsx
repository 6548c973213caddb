// The analytics screens, under the signed-in layout. Each screen's code (and the chart library) loads only when it
// is opened (route-level code splitting): the rest of the web app does not grow by them. What stays here is what
// the router needs up front: the paths and the search params each screen keeps in its URL.
import { createRoute, lazyRouteComponent } from "@tanstack/react-router";
import type { AppRoute } from "../../router.tsx";
import {
  parseAvailabilitySearch,
  parseBaseSearch,
  parseFieldSearch,
  parseOutletSearch,
  parseSalesSearch,
  parseWarningsSearch,
} from "./analytics-search.ts";

export function analyticsRoutes(appRoute: AppRoute) {
  const sales = createRoute({
    getParentRoute: () => appRoute,
    path: "/analytics",
    validateSearch: parseSalesSearch,
    component: lazyRouteComponent(() => import("./sales-page.tsx"), "SalesRoute"),
  });
  const outlet = createRoute({
    getParentRoute: () => appRoute,
    path: "/analytics/outlets/$outletId",
    validateSearch: parseOutletSearch,
    component: lazyRouteComponent(() => import("./outlet-analytics-page.tsx"), "OutletAnalyticsRoute"),
  });
  const field = createRoute({
    getParentRoute: () => appRoute,
    path: "/analytics/field",
    validateSearch: parseFieldSearch,
    component: lazyRouteComponent(() => import("./field-analytics-page.tsx"), "FieldAnalyticsRoute"),
  });
  const availability = createRoute({
    getParentRoute: () => appRoute,
    path: "/analytics/availability",
    validateSearch: parseAvailabilitySearch,
    component: lazyRouteComponent(() => import("./availability-page.tsx"), "AvailabilityRoute"),
  });
  const distributors = createRoute({
    getParentRoute: () => appRoute,
    path: "/analytics/distributors",
    validateSearch: parseBaseSearch,
    component: lazyRouteComponent(() => import("./distributor-analytics-page.tsx"), "DistributorAnalyticsRoute"),
  });
  const warnings = createRoute({
    getParentRoute: () => appRoute,
    path: "/analytics/warnings",
    validateSearch: parseWarningsSearch,
    component: lazyRouteComponent(() => import("./warnings-page.tsx"), "WarningsRoute"),
  });
  const schedules = createRoute({
    getParentRoute: () => appRoute,
    path: "/analytics/schedules",
    component: lazyRouteComponent(() => import("./report-schedules-page.tsx"), "ReportSchedulesRoute"),
  });
  return [sales, outlet, field, availability, distributors, warnings, schedules] as const;
}
