// The webhooks screen, under the signed-in layout: /settings/webhooks (admins).
import { createRoute } from "@tanstack/react-router";
import type { AppRoute } from "../../router.tsx";
import { RequirePermission } from "../../ui/status-pages.tsx";
import { WebhooksPage } from "./webhooks-page.tsx";

export function webhooksRoutes(appRoute: AppRoute) {
  const webhooks = createRoute({
    getParentRoute: () => appRoute,
    path: "/settings/webhooks",
    component: () => (
      <RequirePermission permission="webhooks.manage">
        <WebhooksPage />
      </RequirePermission>
    ),
  });
  return [webhooks] as const;
}
