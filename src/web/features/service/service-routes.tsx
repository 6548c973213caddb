// The service desk's screens under the signed-in layout (queue, ticket, knowledge base, SLA settings) and the public
// help page outside it (/help/<org slug>: the FAQ with its search and the "ask a question" form, no sign-in).
import { createRoute, lazyRouteComponent } from "@tanstack/react-router";
import { TICKET_PRIORITIES, TICKET_STATUSES, TICKET_TYPES, TICKET_VIEWS } from "../../../shared/contracts/service.ts";
import type { AppRoute, RootRoute } from "../../router.tsx";

export interface QueueSearch {
  view?: (typeof TICKET_VIEWS)[number];
  type?: (typeof TICKET_TYPES)[number];
  priority?: (typeof TICKET_PRIORITIES)[number];
  status?: (typeof TICKET_STATUSES)[number];
  all?: boolean;
  q?: string;
}

const oneOf = <const T extends string>(values: readonly T[], v: unknown): T | undefined =>
  values.includes(v as T) ? (v as T) : undefined;

export const parseQueueSearch = (s: Record<string, unknown>): QueueSearch => ({
  view: oneOf(TICKET_VIEWS, s.view),
  type: oneOf(TICKET_TYPES, s.type),
  priority: oneOf(TICKET_PRIORITIES, s.priority),
  status: oneOf(TICKET_STATUSES, s.status),
  all: s.all === true || s.all === "true" ? true : undefined,
  q: typeof s.q === "string" && s.q !== "" ? s.q.slice(0, 100) : undefined,
});

export interface HelpSearch {
  q?: string;
  article?: string;
}

export function serviceRoutes(appRoute: AppRoute) {
  const queue = createRoute({
    getParentRoute: () => appRoute,
    path: "/service",
    validateSearch: parseQueueSearch,
    component: lazyRouteComponent(() => import("./ticket-queue-page.tsx"), "TicketQueueRoute"),
  });
  const ticket = createRoute({
    getParentRoute: () => appRoute,
    path: "/service/tickets/$id",
    component: lazyRouteComponent(() => import("./ticket-page.tsx"), "TicketRoute"),
  });
  const articles = createRoute({
    getParentRoute: () => appRoute,
    path: "/service/kb",
    component: lazyRouteComponent(() => import("./kb-pages.tsx"), "ArticlesRoute"),
  });
  const article = createRoute({
    getParentRoute: () => appRoute,
    path: "/service/kb/$id",
    component: lazyRouteComponent(() => import("./kb-pages.tsx"), "ArticleRoute"),
  });
  const settings = createRoute({
    getParentRoute: () => appRoute,
    path: "/service/settings",
    component: lazyRouteComponent(() => import("./service-settings-page.tsx"), "ServiceSettingsRoute"),
  });
  return [queue, ticket, articles, article, settings] as const;
}

export function helpRoutes(rootRoute: RootRoute) {
  const help = createRoute({
    getParentRoute: () => rootRoute,
    path: "/help/$orgSlug",
    validateSearch: (s: Record<string, unknown>): HelpSearch => ({
      q: typeof s.q === "string" && s.q !== "" ? s.q.slice(0, 100) : undefined,
      article: typeof s.article === "string" && /^[0-9a-f-]{36}$/.test(s.article) ? s.article : undefined,
    }),
    component: lazyRouteComponent(() => import("./help-page.tsx"), "HelpRoute"),
  });
  return [help] as const;
}
