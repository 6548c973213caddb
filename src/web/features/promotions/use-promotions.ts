// The promotions screens' data: one hook per endpoint of /api/v1/promotions (the contract is
// shared/contracts/promotions.ts). Every write invalidates the whole area (a scheme's status changes the lists,
// the schemes in force and a campaign's results) and the order book's scheme view, then runs the caller's onSuccess.
import {
  keepPreviousData,
  type UseMutationOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { useMemo } from "react";
import type { z } from "zod";
import type {
  CampaignListQuery,
  CampaignResponse,
  CampaignResults,
  CreateCampaignRequest,
  CreateSchemeRequest,
  ExplainResponse,
  InForceResponse,
  OrderSchemesResponse,
  SchemeListQuery,
  SchemeResponse,
  UpdateCampaignRequest,
  UpdateSchemeRequest,
} from "../../../shared/contracts/promotions.ts";
import { api, apiRequest, type QueryValue } from "../../api/api-client.ts";

const BASE = "/api/v1/promotions";
const asQuery = (q: object) => q as Record<string, QueryValue>;

export const promotionKeys = {
  all: ["promotions"] as const,
  schemes: (q: object) => ["promotions", "schemes", q] as const,
  scheme: (id: string) => ["promotions", "scheme", id] as const,
  inForce: (outletId: string, date: string) => ["promotions", "in-force", outletId, date] as const,
  campaigns: (q: object) => ["promotions", "campaigns", q] as const,
  campaign: (id: string) => ["promotions", "campaign", id] as const,
  results: (id: string) => ["promotions", "campaign", id, "results"] as const,
  orderSchemes: (orderId: string) => ["promotions", "order", orderId] as const,
};

export type OrderSchemes = z.infer<typeof OrderSchemesResponse>;

type MutationOpts<TData, TVars> = Omit<UseMutationOptions<TData, Error, TVars>, "mutationFn">;
export type SchemeStatusAction = "activate" | "pause" | "end";

export function useSchemes(filters: Partial<SchemeListQuery>) {
  return useQuery({
    queryKey: promotionKeys.schemes(filters),
    queryFn: ({ signal }) =>
      api.get<{ items: SchemeResponse[]; nextCursor: string | null }>(
        `${BASE}/schemes`,
        asQuery({ limit: 200, ...filters }),
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useScheme(id: string | null) {
  return useQuery({
    queryKey: promotionKeys.scheme(id ?? ""),
    queryFn: ({ signal }) => api.get<SchemeResponse>(`${BASE}/schemes/${id}`, undefined, signal),
    enabled: id !== null,
  });
}

/** The schemes in force for one outlet today (or on `date`): the order-entry screen runs the engine on them. */
export function useSchemesInForce(outletId: string | null, date?: string) {
  return useQuery({
    queryKey: promotionKeys.inForce(outletId ?? "", date ?? ""),
    queryFn: ({ signal }) => api.get<InForceResponse>(`${BASE}/schemes/in-force`, asQuery({ outletId, date }), signal),
    enabled: outletId !== null,
    staleTime: 60_000,
  });
}

export function useCampaigns(filters: Partial<z.infer<typeof CampaignListQuery>> = {}) {
  return useQuery({
    queryKey: promotionKeys.campaigns(filters),
    queryFn: ({ signal }) =>
      api.get<{ items: CampaignResponse[]; nextCursor: string | null }>(
        `${BASE}/campaigns`,
        asQuery({ limit: 200, ...filters }),
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useCampaign(id: string) {
  return useQuery({
    queryKey: promotionKeys.campaign(id),
    queryFn: ({ signal }) => api.get<CampaignResponse>(`${BASE}/campaigns/${id}`, undefined, signal),
  });
}

export function useCampaignResults(id: string) {
  return useQuery({
    queryKey: promotionKeys.results(id),
    queryFn: ({ signal }) => api.get<CampaignResults>(`${BASE}/campaigns/${id}/results`, undefined, signal),
  });
}

/** What an order was given, and every scheme in force on its date with why it did or did not apply. */
export function useOrderSchemes(orderId: string, enabled = true) {
  return useQuery({
    queryKey: promotionKeys.orderSchemes(orderId),
    queryFn: ({ signal }) => api.get<OrderSchemes>(`/api/v1/orders/${orderId}/schemes`, undefined, signal),
    enabled,
  });
}

export type { ExplainResponse };

export interface SkuOption {
  id: string;
  code: string;
  name: string;
  nameBn: string;
}

/** Every active SKU (all pages: a catalogue may hold hundreds): the editor's pickers and the rules' SKU codes. */
export function useSkuOptions() {
  const q = useQuery({
    queryKey: ["skus", "promotion-options"],
    queryFn: async ({ signal }) => ({
      items: await api.getAll<SkuOption>("/api/v1/skus", { status: "active", limit: 200 }, signal),
    }),
    staleTime: 5 * 60_000,
  });
  const codeOf = useMemo(() => {
    const m = new Map((q.data?.items ?? []).map((s) => [s.id, s.code]));
    return (id: string) => m.get(id) ?? id.slice(0, 8);
  }, [q.data]);
  return { ...q, codeOf };
}

function useInvalidateAll() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: promotionKeys.all }),
      qc.invalidateQueries({ queryKey: ["order-book"] }),
    ]);
}

export function useCreateScheme(
  options: MutationOpts<SchemeResponse, { body: CreateSchemeRequest; idempotencyKey: string }> = {},
) {
  const invalidate = useInvalidateAll();
  return useMutation({
    ...options,
    mutationFn: ({ body, idempotencyKey }) => api.post<SchemeResponse>(`${BASE}/schemes`, body, idempotencyKey),
    onSuccess: async (...args) => {
      await invalidate();
      await options.onSuccess?.(...args);
    },
  });
}

export function useUpdateScheme(options: MutationOpts<SchemeResponse, { id: string; body: UpdateSchemeRequest }> = {}) {
  const invalidate = useInvalidateAll();
  return useMutation({
    ...options,
    mutationFn: ({ id, body }) => apiRequest<SchemeResponse>("PATCH", `${BASE}/schemes/${id}`, { body }),
    onSuccess: async (...args) => {
      await invalidate();
      await options.onSuccess?.(...args);
    },
  });
}

export function useSchemeStatus(
  options: MutationOpts<SchemeResponse, { id: string; action: SchemeStatusAction }> = {},
) {
  const invalidate = useInvalidateAll();
  return useMutation({
    ...options,
    mutationFn: ({ id, action }) => apiRequest<SchemeResponse>("POST", `${BASE}/schemes/${id}/${action}`, {}),
    onSuccess: async (...args) => {
      await invalidate();
      await options.onSuccess?.(...args);
    },
  });
}

export function useCreateCampaign(
  options: MutationOpts<CampaignResponse, { body: CreateCampaignRequest; idempotencyKey: string }> = {},
) {
  const invalidate = useInvalidateAll();
  return useMutation({
    ...options,
    mutationFn: ({ body, idempotencyKey }) => api.post<CampaignResponse>(`${BASE}/campaigns`, body, idempotencyKey),
    onSuccess: async (...args) => {
      await invalidate();
      await options.onSuccess?.(...args);
    },
  });
}

export function useUpdateCampaign(
  options: MutationOpts<CampaignResponse, { id: string; body: UpdateCampaignRequest }> = {},
) {
  const invalidate = useInvalidateAll();
  return useMutation({
    ...options,
    mutationFn: ({ id, body }) => apiRequest<CampaignResponse>("PATCH", `${BASE}/campaigns/${id}`, { body }),
    onSuccess: async (...args) => {
      await invalidate();
      await options.onSuccess?.(...args);
    },
  });
}
