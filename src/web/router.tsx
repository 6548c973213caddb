// Code-based routes. Public: /sign-in, /invite/:token. Everything else sits under the signed-in layout,
// whose beforeLoad sends visitors without a session to /sign-in (and back afterwards).
import type { QueryClient } from "@tanstack/react-query";
import { createRootRouteWithContext, createRoute, createRouter, Outlet, redirect } from "@tanstack/react-router";
import { ROLES, type Role } from "../shared/roles.ts";
import { activitiesRoutes } from "./features/activities/activities-routes.tsx";
import { analyticsRoutes } from "./features/analytics/analytics-routes.tsx";
import { AuditLogPage } from "./features/audit/audit-log-page.tsx";
import type { AuditFilters } from "./features/audit/use-audit.ts";
import { InviteAcceptPage } from "./features/auth/invite-accept-page.tsx";
import { ProfilePage } from "./features/auth/profile-page.tsx";
import { SignInPage } from "./features/auth/sign-in-page.tsx";
import { TwoStepSetupPage } from "./features/auth/two-step-setup-page.tsx";
import { sessionQueryOptions } from "./features/auth/use-session.ts";
import { catalogRoutes } from "./features/catalog/catalog-routes.tsx";
import { crmRecordRoutes } from "./features/crm/crm-routes.tsx";
import { dealsRoutes } from "./features/deals/deals-routes.tsx";
import { deliveryRoutes } from "./features/delivery/delivery-routes.tsx";
import { fieldRoutes } from "./features/field/field-routes.tsx";
import { HomePage } from "./features/home/home-page.tsx";
import { incentivesRoutes } from "./features/incentives/incentives-routes.tsx";
import { leadMagnetRoutes, leadsRoutes } from "./features/leads/leads-routes.tsx";
import { loyaltyRoutes, publicSurveyRoutes } from "./features/loyalty/loyalty-routes.tsx";
import { networkRoutes } from "./features/network/network-routes.tsx";
import { ordersRoutes } from "./features/orders/orders-routes.tsx";
import { printRoutes } from "./features/orders/print-routes.tsx";
import { promotionsRoutes } from "./features/promotions/promotions-routes.tsx";
import { replenishmentRoutes } from "./features/replenishment/replenishment-routes.tsx";
import { retailerRoutes } from "./features/retailer/retailer-routes.tsx";
import { helpRoutes, serviceRoutes } from "./features/service/service-routes.tsx";
import { targetsRoutes } from "./features/targets/targets-routes.tsx";
import { ApiTokensPage } from "./features/tokens/api-tokens-page.tsx";
import { UserListPage } from "./features/users/user-list-page.tsx";
import { webhooksRoutes } from "./features/webhooks/webhooks-routes.tsx";
import { AppLayout } from "./ui/app-layout.tsx";
import { NotFoundPage, RequirePermission, RouteErrorPage } from "./ui/status-pages.tsx";

export interface RouterContext {
  queryClient: QueryClient;
}

/** Only paths inside this app may be a post-sign-in destination (no open redirect). */
export const safeRedirect = (value: unknown): string | undefined =>
  typeof value === "string" && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/sign-in")
    ? value
    : undefined;

const str = (v: unknown, max = 120): string | undefined =>
  typeof v === "string" && v.trim() !== "" ? v.trim().slice(0, max) : undefined;
const isoDate = (v: unknown): string | undefined =>
  typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined;

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFoundPage,
  errorComponent: RouteErrorPage,
});

export interface SignInSearch {
  redirect?: string;
}

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/sign-in",
  validateSearch: (s: Record<string, unknown>): SignInSearch => ({ redirect: safeRedirect(s.redirect) }),
  beforeLoad: async ({ context, search }) => {
    const session = await context.queryClient.ensureQueryData(sessionQueryOptions);
    if (session) throw redirect({ href: search.redirect ?? "/" });
  },
  component: SignInPage,
});

/** A session that must set up two-step sign-in first (the org requires it) gets only this page. */
const twoStepSetupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/two-step-setup",
  beforeLoad: async ({ context }) => {
    const session = await context.queryClient.ensureQueryData(sessionQueryOptions);
    if (!session) throw redirect({ to: "/sign-in" });
    if (!session.mfaSetupRequired) throw redirect({ to: "/" });
  },
  component: TwoStepSetupPage,
});

const inviteRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/invite/$token",
  component: InviteAcceptPage,
});

const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: "_app",
  beforeLoad: async ({ context, location }) => {
    const session = await context.queryClient.ensureQueryData(sessionQueryOptions);
    if (!session) {
      throw redirect({ to: "/sign-in", search: { redirect: location.href === "/" ? undefined : location.href } });
    }
    if (session.mfaSetupRequired) throw redirect({ to: "/two-step-setup" });
  },
  component: AppLayout,
});

export type AppRoute = typeof appRoute;
export type RootRoute = typeof rootRoute;

const homeRoute = createRoute({ getParentRoute: () => appRoute, path: "/", component: HomePage });

const profileRoute = createRoute({ getParentRoute: () => appRoute, path: "/profile", component: ProfilePage });

export interface UserSearch {
  q?: string;
  role?: Role;
  status?: "active" | "deactivated" | "all";
}

const usersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/users",
  validateSearch: (s: Record<string, unknown>): UserSearch => ({
    q: str(s.q),
    role: ROLES.includes(s.role as Role) ? (s.role as Role) : undefined,
    status: s.status === "deactivated" || s.status === "all" ? s.status : undefined,
  }),
  component: () => (
    <RequirePermission permission="users.read">
      <UserListPage />
    </RequirePermission>
  ),
});

const auditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/audit",
  validateSearch: (s: Record<string, unknown>): AuditFilters => ({
    entity: str(s.entity, 60),
    entityId: str(s.entityId, 80),
    actorId: str(s.actorId, 36),
    action: str(s.action, 60),
    from: isoDate(s.from),
    to: isoDate(s.to),
  }),
  component: () => (
    <RequirePermission permission="audit.read">
      <AuditLogPage />
    </RequirePermission>
  ),
});

const tokensRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/tokens",
  component: () => (
    <RequirePermission permission="tokens.manage">
      <ApiTokensPage />
    </RequirePermission>
  ),
});

const routeTree = rootRoute.addChildren([
  signInRoute,
  twoStepSetupRoute,
  inviteRoute,
  ...retailerRoutes(rootRoute),
  ...helpRoutes(rootRoute),
  ...leadMagnetRoutes(rootRoute),
  ...printRoutes(rootRoute),
  ...publicSurveyRoutes(rootRoute),
  appRoute.addChildren([
    homeRoute,
    profileRoute,
    usersRoute,
    auditRoute,
    tokensRoute,
    ...networkRoutes(appRoute),
    ...catalogRoutes(appRoute),
    ...ordersRoutes(appRoute),
    ...deliveryRoutes(appRoute),
    ...webhooksRoutes(appRoute),
    ...fieldRoutes(appRoute),
    ...analyticsRoutes(appRoute),
    ...replenishmentRoutes(appRoute),
    ...targetsRoutes(appRoute),
    ...promotionsRoutes(appRoute),
    ...incentivesRoutes(appRoute),
    ...loyaltyRoutes(appRoute),
    ...crmRecordRoutes(appRoute),
    ...dealsRoutes(appRoute),
    ...activitiesRoutes(appRoute),
    ...leadsRoutes(appRoute),
    ...serviceRoutes(appRoute),
  ]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: "intent",
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
  });
}

declare module "@tanstack/react-router" {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
