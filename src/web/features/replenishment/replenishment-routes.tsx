// The replenishment screens, under the signed-in layout. Each screen's code (and the chart library) loads only when
// it is opened: the rest of the web app does not grow by them. What stays here is what the router needs up front:
// the paths and the search params each screen keeps in its URL.
import { createRoute, lazyRouteComponent } from "@tanstack/react-router";
import type { AppRoute } from "../../router.tsx";
import {
  parseAccuracySearch,
  parseAlertsSearch,
  parseForecastSearch,
  parsePlanSearch,
  parseProposalsSearch,
} from "./replenishment-search.ts";

export function replenishmentRoutes(appRoute: AppRoute) {
  const plan = createRoute({
    getParentRoute: () => appRoute,
    path: "/replenishment",
    validateSearch: parsePlanSearch,
    component: lazyRouteComponent(() => import("./stock-plan-page.tsx"), "StockPlanRoute"),
  });
  const forecast = createRoute({
    getParentRoute: () => appRoute,
    path: "/replenishment/forecast",
    validateSearch: parseForecastSearch,
    component: lazyRouteComponent(() => import("./forecast-page.tsx"), "ForecastRoute"),
  });
  const accuracy = createRoute({
    getParentRoute: () => appRoute,
    path: "/replenishment/accuracy",
    validateSearch: parseAccuracySearch,
    component: lazyRouteComponent(() => import("./accuracy-page.tsx"), "AccuracyRoute"),
  });
  const proposals = createRoute({
    getParentRoute: () => appRoute,
    path: "/replenishment/proposals",
    validateSearch: parseProposalsSearch,
    component: lazyRouteComponent(() => import("./proposals-page.tsx"), "ProposalsRoute"),
  });
  const proposal = createRoute({
    getParentRoute: () => appRoute,
    path: "/replenishment/proposals/$proposalId",
    component: lazyRouteComponent(() => import("./proposal-page.tsx"), "ProposalRoute"),
  });
  const alerts = createRoute({
    getParentRoute: () => appRoute,
    path: "/replenishment/alerts",
    validateSearch: parseAlertsSearch,
    component: lazyRouteComponent(() => import("./stock-alerts-page.tsx"), "StockAlertsRoute"),
  });
  const settings = createRoute({
    getParentRoute: () => appRoute,
    path: "/replenishment/settings",
    component: lazyRouteComponent(() => import("./replenishment-settings-page.tsx"), "ReplenishmentSettingsRoute"),
  });
  return [plan, forecast, accuracy, proposals, proposal, alerts, settings] as const;
}
