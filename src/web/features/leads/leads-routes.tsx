// The leads screens: the inbox and one lead, lead forms, assignment rules (under the signed-in layout, each behind
// its permission, its code loaded when opened) and the public lead-magnet page /m/$key (no sign-in).
import { createRoute, lazyRouteComponent } from "@tanstack/react-router";
import type { ReactElement } from "react";
import type { AppRoute, RootRoute } from "../../router.tsx";
import { RequirePermission } from "../../ui/status-pages.tsx";
import { AssignmentRulesPage } from "./assignment-rules-page.tsx";
import { LeadDetailPage } from "./lead-detail-page.tsx";
import { LeadFormsPage } from "./lead-forms-page.tsx";
import { LeadInboxPage } from "./lead-inbox-page.tsx";

const guarded = (permission: string, Page: () => ReactElement) => () => (
  <RequirePermission permission={permission}>
    <Page />
  </RequirePermission>
);

export function leadsRoutes(appRoute: AppRoute) {
  return [
    createRoute({ getParentRoute: () => appRoute, path: "/crm/leads", component: guarded("crm.read", LeadInboxPage) }),
    createRoute({
      getParentRoute: () => appRoute,
      path: "/crm/leads/$leadId",
      component: guarded("crm.read", LeadDetailPage),
    }),
    createRoute({ getParentRoute: () => appRoute, path: "/crm/forms", component: guarded("crm.forms", LeadFormsPage) }),
    createRoute({
      getParentRoute: () => appRoute,
      path: "/crm/assignment",
      component: guarded("crm.manage", AssignmentRulesPage),
    }),
  ] as const;
}

export function leadMagnetRoutes(rootRoute: RootRoute) {
  return [
    createRoute({
      getParentRoute: () => rootRoute,
      path: "/m/$key",
      component: lazyRouteComponent(() => import("./lead-magnet-page.tsx"), "LeadMagnetPage"),
    }),
  ] as const;
}
