// The promotions screens, under the signed-in layout: schemes (list, editor with a "try it" preview), campaigns
// (list, detail with results). Each screen's code loads only when it is opened. Distributor claims (claims-*.tsx)
// add their routes to `claimRoutes` below.
import { createRoute, lazyRouteComponent } from "@tanstack/react-router";
import type { AppRoute } from "../../router.tsx";
import { parseClaimListSearch } from "./claims-parts.tsx";

export interface SchemeListSearch {
  status?: "draft" | "active" | "paused" | "ended";
  campaignId?: string;
  q?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuid = (v: unknown): string | undefined => (typeof v === "string" && UUID.test(v) ? v : undefined);
const STATUSES = ["draft", "active", "paused", "ended"] as const;

export function parseSchemeListSearch(s: Record<string, unknown>): SchemeListSearch {
  return {
    status: STATUSES.includes(s.status as (typeof STATUSES)[number])
      ? (s.status as SchemeListSearch["status"])
      : undefined,
    campaignId: uuid(s.campaignId),
    q: typeof s.q === "string" && s.q.trim() !== "" ? s.q.trim().slice(0, 120) : undefined,
  };
}

export function promotionsRoutes(appRoute: AppRoute) {
  const schemes = createRoute({
    getParentRoute: () => appRoute,
    path: "/promotions",
    validateSearch: parseSchemeListSearch,
    component: lazyRouteComponent(() => import("./scheme-list-page.tsx"), "SchemeListRoute"),
  });
  const newScheme = createRoute({
    getParentRoute: () => appRoute,
    path: "/promotions/schemes/new",
    validateSearch: (s: Record<string, unknown>): { campaignId?: string } => ({ campaignId: uuid(s.campaignId) }),
    component: lazyRouteComponent(() => import("./scheme-editor-page.tsx"), "NewSchemeRoute"),
  });
  const scheme = createRoute({
    getParentRoute: () => appRoute,
    path: "/promotions/schemes/$schemeId",
    component: lazyRouteComponent(() => import("./scheme-editor-page.tsx"), "EditSchemeRoute"),
  });
  const campaigns = createRoute({
    getParentRoute: () => appRoute,
    path: "/promotions/campaigns",
    component: lazyRouteComponent(() => import("./campaign-pages.tsx"), "CampaignListRoute"),
  });
  const campaign = createRoute({
    getParentRoute: () => appRoute,
    path: "/promotions/campaigns/$campaignId",
    component: lazyRouteComponent(() => import("./campaign-pages.tsx"), "CampaignDetailRoute"),
  });
  const claims = createRoute({
    getParentRoute: () => appRoute,
    path: "/promotions/claims",
    validateSearch: parseClaimListSearch,
    component: lazyRouteComponent(() => import("./claims-list-page.tsx"), "ClaimListRoute"),
  });
  const newClaim = createRoute({
    getParentRoute: () => appRoute,
    path: "/promotions/claims/new",
    component: lazyRouteComponent(() => import("./claims-new-page.tsx"), "NewClaimRoute"),
  });
  const claim = createRoute({
    getParentRoute: () => appRoute,
    path: "/promotions/claims/$claimId",
    component: lazyRouteComponent(() => import("./claims-detail-page.tsx"), "ClaimDetailRoute"),
  });
  const claimRoutes = [claims, newClaim, claim] as const;
  return [schemes, newScheme, scheme, campaigns, campaign, ...claimRoutes] as const;
}
