import { useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type { TerritoryDetailResponse, TerritoryResponse } from "../../../shared/contracts/platform.ts";
import type { Locale } from "../../../shared/locale.ts";
import { api } from "../../api/api-client.ts";
import { queryKeys } from "../../api/query-keys.ts";

export type Territory = z.infer<typeof TerritoryResponse>;
export type TerritoryDetail = z.infer<typeof TerritoryDetailResponse>;

/** Children of a territory, or the roots the caller may see when parentId is null. */
export function useTerritoryChildren(parentId: string | null, enabled = true) {
  return useQuery({
    queryKey: queryKeys.territories.list({ parentId }),
    queryFn: ({ signal }) => api.get<{ items: Territory[] }>("/api/v1/territories", { parentId, limit: 1000 }, signal),
    select: (page) => page.items,
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** One territory with its ancestors (root first, as far up as the caller may see); idle for null. */
export function useTerritory(id: string | null) {
  return useQuery({
    queryKey: queryKeys.territories.detail(id ?? ""),
    queryFn: ({ signal }) => api.get<TerritoryDetail>(`/api/v1/territories/${id}`, undefined, signal),
    enabled: id !== null,
    staleTime: 5 * 60_000,
  });
}

export function territoryName(t: Pick<Territory, "name" | "nameBn">, locale: Locale): string {
  return locale === "bn" && t.nameBn ? t.nameBn : t.name;
}
