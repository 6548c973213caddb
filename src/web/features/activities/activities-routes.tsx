// The activities' own screen under the signed-in layout: "my day". Its code loads only when opened; the day shown
// lives in the URL.
import { createRoute, lazyRouteComponent } from "@tanstack/react-router";
import type { AppRoute } from "../../router.tsx";

export interface MyDaySearch {
  /** YYYY-MM-DD; today (Asia/Dhaka) by default. */
  date?: string;
}

export const parseMyDaySearch = (s: Record<string, unknown>): MyDaySearch => ({
  date: typeof s.date === "string" && /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(s.date) ? s.date : undefined,
});

export function activitiesRoutes(appRoute: AppRoute) {
  return [
    createRoute({
      getParentRoute: () => appRoute,
      path: "/crm/my-day",
      validateSearch: parseMyDaySearch,
      component: lazyRouteComponent(() => import("./my-day-page.tsx"), "MyDayRoute"),
    }),
  ] as const;
}
