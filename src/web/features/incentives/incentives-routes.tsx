// The incentive screens, under the signed-in layout; each screen's code loads only when it is opened.
import { createRoute, lazyRouteComponent } from "@tanstack/react-router";
import type { AppRoute } from "../../router.tsx";
import { parseStatementsSearch } from "./incentives-search.ts";

export function incentivesRoutes(appRoute: AppRoute) {
  const statements = createRoute({
    getParentRoute: () => appRoute,
    path: "/incentives",
    validateSearch: parseStatementsSearch,
    component: lazyRouteComponent(() => import("./statements-page.tsx"), "StatementsRoute"),
  });
  const statement = createRoute({
    getParentRoute: () => appRoute,
    path: "/incentives/statements/$statementId",
    component: lazyRouteComponent(() => import("./statement-page.tsx"), "StatementRoute"),
  });
  const plans = createRoute({
    getParentRoute: () => appRoute,
    path: "/incentives/plans",
    component: lazyRouteComponent(() => import("./plans-page.tsx"), "PlansRoute"),
  });
  const plan = createRoute({
    getParentRoute: () => appRoute,
    path: "/incentives/plans/$planId",
    component: lazyRouteComponent(() => import("./plan-editor-page.tsx"), "PlanEditorRoute"),
  });
  return [statements, statement, plans, plan] as const;
}
