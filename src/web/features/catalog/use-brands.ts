import { type UseMutationOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { BrandResponse, CreateBrandRequest, UpdateBrandRequest } from "../../../shared/contracts/catalog.ts";
import { api } from "../../api/api-client.ts";
import { resourceKeys } from "../../api/query-keys.ts";

export const brandKeys = resourceKeys("brands");
type MutationOpts<TData, TVars> = Omit<UseMutationOptions<TData, Error, TVars>, "mutationFn">;

/** Brands are few (tens): one page of up to 500 serves pickers and the admin table. */
export function useBrands(status: "active" | "archived" | "all" = "active") {
  return useQuery({
    queryKey: brandKeys.list({ status }),
    queryFn: ({ signal }) =>
      api.get<{ items: BrandResponse[]; nextCursor: string | null }>("/api/v1/brands", { status, limit: 500 }, signal),
    select: (page) => page.items,
    staleTime: 60_000,
  });
}

export function useSaveBrand(
  options: MutationOpts<
    BrandResponse,
    { id?: string; body: CreateBrandRequest | UpdateBrandRequest; idempotencyKey: string }
  > = {},
) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: ({ id, body, idempotencyKey }) =>
      id
        ? api.patch<BrandResponse>(`/api/v1/brands/${id}`, body)
        : api.post<BrandResponse>("/api/v1/brands", body, idempotencyKey),
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: brandKeys.all });
      await options.onSuccess?.(...args);
    },
  });
}

export function useSetBrandArchived(options: MutationOpts<BrandResponse, { id: string; archived: boolean }> = {}) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: ({ id, archived }) =>
      api.post<BrandResponse>(`/api/v1/brands/${id}/${archived ? "archive" : "restore"}`),
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: brandKeys.all });
      await options.onSuccess?.(...args);
    },
  });
}
