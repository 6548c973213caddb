// Outlets and distributors to pick from (search as you type). The network module owns them; order screens
// only need a name, a code and who serves whom.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type { DistributorResponse, OutletResponse } from "../../../shared/contracts/network.ts";
import { api } from "../../api/api-client.ts";

export type OutletOption = Pick<
  z.infer<typeof OutletResponse>,
  "id" | "code" | "name" | "nameBn" | "distributorId" | "distributorName" | "distributorNameBn" | "creditLimitPoisha"
>;
export type DistributorOption = Pick<z.infer<typeof DistributorResponse>, "id" | "code" | "name" | "nameBn">;

export function useOutletSearch(q: string, enabled = true) {
  return useQuery({
    queryKey: ["outlets", "lookup", q],
    queryFn: ({ signal }) =>
      api.get<{ items: OutletOption[] }>("/api/v1/outlets", { q: q.trim() || undefined, limit: 20 }, signal),
    placeholderData: keepPreviousData,
    enabled,
    staleTime: 60_000,
  });
}

export function useOutlet(id: string | undefined) {
  return useQuery({
    queryKey: ["outlets", "detail", id ?? ""],
    queryFn: ({ signal }) => api.get<OutletOption>(`/api/v1/outlets/${id}`, undefined, signal),
    enabled: Boolean(id),
    staleTime: 60_000,
  });
}

/** Every distributor the caller sees (all pages: a national company has hundreds); for pickers on many screens. */
export function useDistributors(enabled = true) {
  return useQuery({
    queryKey: ["distributors", "lookup"],
    queryFn: async ({ signal }) => ({
      items: await api.getAll<DistributorOption>("/api/v1/distributors", { limit: 200 }, signal),
    }),
    enabled,
    staleTime: 5 * 60_000,
  });
}

export const localName = (r: { name: string; nameBn: string }, locale: string): string =>
  locale === "bn" && r.nameBn ? r.nameBn : r.name;
