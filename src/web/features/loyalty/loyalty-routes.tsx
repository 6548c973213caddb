// The loyalty and survey screens under the signed-in layout (their code loads only when opened), and the public
// survey page /s/:token outside it: a customer answers without signing in.
import { createRoute, lazyRouteComponent } from "@tanstack/react-router";
import type { AppRoute, RootRoute } from "../../router.tsx";

export function loyaltyRoutes(appRoute: AppRoute) {
  const loyalty = createRoute({
    getParentRoute: () => appRoute,
    path: "/loyalty",
    component: lazyRouteComponent(() => import("./loyalty-page.tsx"), "LoyaltyRoute"),
  });
  const member = createRoute({
    getParentRoute: () => appRoute,
    path: "/loyalty/members/$memberId",
    component: lazyRouteComponent(() => import("./member-page.tsx"), "MemberRoute"),
  });
  const surveys = createRoute({
    getParentRoute: () => appRoute,
    path: "/surveys",
    component: lazyRouteComponent(() => import("./surveys-page.tsx"), "SurveysRoute"),
  });
  return [loyalty, member, surveys] as const;
}

export function publicSurveyRoutes(rootRoute: RootRoute) {
  const answer = createRoute({
    getParentRoute: () => rootRoute,
    path: "/s/$token",
    component: lazyRouteComponent(() => import("./survey-answer-page.tsx"), "SurveyAnswerPage"),
  });
  return [answer] as const;
}
