// The managers' field screens, under the signed-in layout: the live view of the day, the queue of outlets
// proposed from the field, and the field settings. The reps' own app is the separate PWA under /field.
import { createRoute } from "@tanstack/react-router";
import type { AppRoute } from "../../router.tsx";
import { RequirePermission } from "../../ui/status-pages.tsx";
import { FieldLivePage } from "./field-live-page.tsx";
import { FieldSettingsPage } from "./field-settings-page.tsx";
import { OnboardingQueuePage } from "./onboarding-queue-page.tsx";
import type { OnboardingStatus } from "./use-field-manager.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuid = (v: unknown): string | undefined => (typeof v === "string" && UUID.test(v) ? v : undefined);
const isoDate = (v: unknown): string | undefined =>
  typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined;

/** In the URL, so a manager can share the view of a day, a territory or one rep. */
export interface FieldLiveSearch {
  date?: string;
  territoryId?: string;
  repId?: string;
}

export interface OnboardingSearch {
  status?: Exclude<OnboardingStatus, "pending">;
}

export function fieldRoutes(appRoute: AppRoute) {
  const live = createRoute({
    getParentRoute: () => appRoute,
    path: "/field-live",
    validateSearch: (s: Record<string, unknown>): FieldLiveSearch => ({
      date: isoDate(s.date),
      territoryId: uuid(s.territoryId),
      repId: uuid(s.repId),
    }),
    component: () => (
      <RequirePermission permission="field.monitor">
        <FieldLivePage />
      </RequirePermission>
    ),
  });
  const onboarding = createRoute({
    getParentRoute: () => appRoute,
    path: "/field-onboarding",
    validateSearch: (s: Record<string, unknown>): OnboardingSearch => ({
      status: s.status === "approved" || s.status === "rejected" ? s.status : undefined,
    }),
    component: () => (
      <RequirePermission permission="field.approve">
        <OnboardingQueuePage />
      </RequirePermission>
    ),
  });
  const settings = createRoute({
    getParentRoute: () => appRoute,
    path: "/field-settings",
    component: () => (
      <RequirePermission permission="field.settings">
        <FieldSettingsPage />
      </RequirePermission>
    ),
  });
  return [live, onboarding, settings] as const;
}
