// The managers' side of the field force: the live view of the day, the queue of outlets proposed from the field,
// and the admin's field settings.
import {
  keepPreviousData,
  type UseMutationOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type { z } from "zod";
import type { SkuResponse } from "../../../shared/contracts/catalog.ts";
import type {
  FieldLiveQuery,
  FieldLiveResponse,
  FieldSettingsResponse,
  OnboardingDecisionRequest,
  OnboardingResponse,
  UpdateFieldSettingsRequest,
} from "../../../shared/contracts/field.ts";
import type { OutletMapResponse } from "../../../shared/contracts/network.ts";
import { api, apiRequest } from "../../api/api-client.ts";
import { queryKeys } from "../../api/query-keys.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { skuKeys } from "../catalog/use-skus.ts";
import { outletKeys } from "../network/use-outlets.ts";
import type { Territory } from "../territories/use-territories.ts";

type MutationOpts<TData, TVars> = Omit<UseMutationOptions<TData, Error, TVars>, "mutationFn">;

export type OnboardingStatus = OnboardingResponse["status"];
export type UpdateFieldSettingsBody = z.input<typeof UpdateFieldSettingsRequest>;

/** How often the live view asks again while it shows today. */
export const LIVE_REFRESH_MS = 30_000;

/** The day in the field; `live` (viewing today) makes it refresh itself, so the manager sees the day as it happens. */
export function useFieldLive(filters: FieldLiveQuery, live: boolean) {
  // Territory names come in the language asked for: another language is another answer.
  const locale = useLocale();
  return useQuery({
    queryKey: queryKeys.field.live({ ...filters, locale }),
    queryFn: ({ signal }) => api.get<FieldLiveResponse>("/api/v1/field/live", { ...filters }, signal),
    placeholderData: keepPreviousData,
    refetchInterval: live ? LIVE_REFRESH_MS : false,
  });
}

/**
 * The server's map background (MAP_TILE_URL). It travels with the outlet map points, so one point is asked for;
 * without network.read (or with no tiles configured) the markers are drawn on a blank map.
 */
export function useMapTiles(enabled: boolean) {
  return useQuery({
    queryKey: outletKeys.map({ limit: 1 }),
    queryFn: ({ signal }) => api.get<OutletMapResponse>("/api/v1/outlets/map", { limit: 1 }, signal),
    select: (r) => r.tiles,
    enabled,
    staleTime: 60 * 60_000,
  });
}

/** Regions, areas and territories the caller may see, for a filter (routes are too many to list). */
export function useTerritoriesAtLevel(level: Territory["level"]) {
  return useQuery({
    queryKey: queryKeys.territories.list({ level, limit: 1000 }),
    queryFn: ({ signal }) => api.get<{ items: Territory[] }>("/api/v1/territories", { level, limit: 1000 }, signal),
    select: (page) => page.items,
    staleTime: 5 * 60_000,
  });
}

export function useOnboardingQueue(status: OnboardingStatus) {
  return useQuery({
    queryKey: queryKeys.field.onboarding(status),
    queryFn: ({ signal }) => api.get<{ items: OnboardingResponse[] }>("/api/v1/field/onboarding", { status }, signal),
    select: (r) => r.items,
    placeholderData: keepPreviousData,
  });
}

/** The image bytes of a photo taken in the field; a plain URL, so an <img> loads it with the session cookie. */
export const outletPhotoUrl = (photoId: string) => `/api/v1/field/outlet-photos/${photoId}`;

export function useDecideOnboarding(
  options: MutationOpts<OnboardingResponse, { outletId: string; body: OnboardingDecisionRequest }> = {},
) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: ({ outletId, body }) =>
      api.post<OnboardingResponse>(`/api/v1/field/onboarding/${outletId}/decision`, body),
    onSuccess: async (...args) => {
      // The outlet changes status (active or archived), so the outlet lists and its page change too.
      await Promise.all([
        qc.invalidateQueries({ queryKey: queryKeys.field.onboardingLists() }),
        qc.invalidateQueries({ queryKey: outletKeys.all }),
      ]);
      await options.onSuccess?.(...args);
    },
  });
}

export function useFieldSettings() {
  return useQuery({
    queryKey: queryKeys.field.settings(),
    queryFn: ({ signal }) => api.get<FieldSettingsResponse>("/api/v1/field/settings", undefined, signal),
  });
}

export function useUpdateFieldSettings(options: MutationOpts<FieldSettingsResponse, UpdateFieldSettingsBody> = {}) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: (body) => apiRequest<FieldSettingsResponse>("PUT", "/api/v1/field/settings", { body }),
    onSuccess: async (...args) => {
      qc.setQueryData(queryKeys.field.settings(), args[0]);
      await options.onSuccess?.(...args);
    },
  });
}

const SKU_PAGE = 200;
/** Enough for any catalogue a must-sell list is picked from; the list itself holds at most 200. */
const SKU_PAGES_MAX = 25;

/** Every SKU (archived ones too: a must-sell SKU may have been archived since), for the must-sell picker. */
export function useAllSkus() {
  return useQuery({
    queryKey: skuKeys.list({ status: "all", every: true }),
    queryFn: async ({ signal }) => {
      const items: SkuResponse[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < SKU_PAGES_MAX; page++) {
        const r = await api.get<{ items: SkuResponse[]; nextCursor: string | null }>(
          "/api/v1/skus",
          { status: "all", limit: SKU_PAGE, cursor },
          signal,
        );
        items.push(...r.items);
        if (!r.nextCursor) break;
        cursor = r.nextCursor;
      }
      return items;
    },
    staleTime: 5 * 60_000,
  });
}
