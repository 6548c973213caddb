// The sales path's screens under the signed-in layout: the deals board and list, one deal, the forecast and the
// pipelines' settings; their code loads only when opened. Filters and the view live in the URL.
import { createRoute, lazyRouteComponent } from "@tanstack/react-router";
import { DEAL_SORTS, DEAL_STATUSES, type DealStatus } from "../../../shared/contracts/deals.ts";
import type { AppRoute } from "../../router.tsx";

export interface DealsSearch {
  view?: "board" | "list";
  pipelineId?: string;
  mine?: boolean;
  status?: DealStatus;
  q?: string;
  sort?: (typeof DEAL_SORTS)[number];
  dir?: "asc" | "desc";
}

export interface ForecastSearch {
  pipelineId?: string;
  /** YYYY-MM */
  from?: string;
  months?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const oneOf = <const T extends string>(values: readonly T[], v: unknown): T | undefined =>
  values.includes(v as T) ? (v as T) : undefined;
const uuid = (v: unknown) => (typeof v === "string" && UUID.test(v) ? v : undefined);

export const parseDealsSearch = (s: Record<string, unknown>): DealsSearch => ({
  view: oneOf(["board", "list"] as const, s.view),
  pipelineId: uuid(s.pipelineId),
  mine: s.mine === true || s.mine === "true" ? true : undefined,
  status: oneOf(DEAL_STATUSES, s.status),
  q: typeof s.q === "string" && s.q.length <= 100 ? s.q : undefined,
  sort: oneOf(DEAL_SORTS, s.sort),
  dir: oneOf(["asc", "desc"] as const, s.dir),
});

export const parseForecastSearch = (s: Record<string, unknown>): ForecastSearch => {
  const months = Number(s.months);
  return {
    pipelineId: uuid(s.pipelineId),
    from: typeof s.from === "string" && /^\d{4}-(0[1-9]|1[0-2])$/.test(s.from) ? s.from : undefined,
    months: Number.isInteger(months) && months >= 1 && months <= 24 ? months : undefined,
  };
};

export function dealsRoutes(appRoute: AppRoute) {
  return [
    createRoute({
      getParentRoute: () => appRoute,
      path: "/crm/deals",
      validateSearch: parseDealsSearch,
      component: lazyRouteComponent(() => import("./deals-page.tsx"), "DealsRoute"),
    }),
    createRoute({
      getParentRoute: () => appRoute,
      path: "/crm/deals/$dealId",
      component: lazyRouteComponent(() => import("./deal-page.tsx"), "DealRoute"),
    }),
    createRoute({
      getParentRoute: () => appRoute,
      path: "/crm/forecast",
      validateSearch: parseForecastSearch,
      component: lazyRouteComponent(() => import("./forecast-page.tsx"), "ForecastRoute"),
    }),
    createRoute({
      getParentRoute: () => appRoute,
      path: "/crm/pipelines",
      component: lazyRouteComponent(() => import("./pipelines-page.tsx"), "PipelinesRoute"),
    }),
  ] as const;
}
