import {
  keepPreviousData,
  type UseMutationOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type {
  CreatePriceListRequest,
  PriceImportResponse,
  PriceListItemResponse,
  PriceListListQuery,
  PriceListResponse,
  UpdatePriceListRequest,
  UpsertPriceListItemsRequest,
} from "../../../shared/contracts/catalog.ts";
import { api, apiRequest } from "../../api/api-client.ts";
import { resourceKeys } from "../../api/query-keys.ts";
import { skuKeys } from "./use-skus.ts";

export const priceListKeys = {
  ...resourceKeys("price-lists"),
  items: (id: string) => ["price-lists", "items", id] as const,
};
export type PriceListFilters = Partial<Pick<PriceListListQuery, "q" | "channel" | "tier" | "status" | "inForceOn">>;
type MutationOpts<TData, TVars> = Omit<UseMutationOptions<TData, Error, TVars>, "mutationFn">;

export function usePriceLists(filters: PriceListFilters) {
  return useInfiniteQuery({
    queryKey: priceListKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<{ items: PriceListResponse[]; nextCursor: string | null }>(
        "/api/v1/price-lists",
        { ...filters, cursor: pageParam, limit: 50 },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function usePriceList(id: string) {
  return useQuery({
    queryKey: priceListKeys.detail(id),
    queryFn: ({ signal }) => api.get<PriceListResponse>(`/api/v1/price-lists/${id}`, undefined, signal),
  });
}

export function usePriceListItems(id: string) {
  return useQuery({
    queryKey: priceListKeys.items(id),
    queryFn: ({ signal }) =>
      api.get<{ items: PriceListItemResponse[] }>(`/api/v1/price-lists/${id}/items`, undefined, signal),
    select: (r) => r.items,
  });
}

export const priceListCsvUrl = (id: string) => `/api/v1/price-lists/${id}/items.csv`;

export function useSavePriceList(
  options: MutationOpts<
    PriceListResponse,
    { id?: string; body: CreatePriceListRequest | UpdatePriceListRequest; idempotencyKey: string }
  > = {},
) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: ({ id, body, idempotencyKey }) =>
      id
        ? api.patch<PriceListResponse>(`/api/v1/price-lists/${id}`, body)
        : api.post<PriceListResponse>("/api/v1/price-lists", body, idempotencyKey),
    onSuccess: async (...args) => {
      qc.setQueryData(priceListKeys.detail(args[0].id), args[0]);
      await qc.invalidateQueries({ queryKey: priceListKeys.lists() });
      await qc.invalidateQueries({ queryKey: skuKeys.all });
      await options.onSuccess?.(...args);
    },
  });
}

export function useSetPriceListArchived(
  options: MutationOpts<PriceListResponse, { id: string; archived: boolean }> = {},
) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: ({ id, archived }) =>
      api.post<PriceListResponse>(`/api/v1/price-lists/${id}/${archived ? "archive" : "restore"}`),
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: priceListKeys.all });
      await qc.invalidateQueries({ queryKey: skuKeys.all });
      await options.onSuccess?.(...args);
    },
  });
}

export function useUpsertPriceListItems(
  id: string,
  options: MutationOpts<{ items: PriceListItemResponse[] }, UpsertPriceListItemsRequest> = {},
) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: (body) =>
      apiRequest<{ items: PriceListItemResponse[] }>("PUT", `/api/v1/price-lists/${id}/items`, { body }),
    onSuccess: async (...args) => {
      qc.setQueryData(priceListKeys.items(id), args[0]);
      await qc.invalidateQueries({ queryKey: priceListKeys.all });
      await qc.invalidateQueries({ queryKey: skuKeys.all });
      await options.onSuccess?.(...args);
    },
  });
}

export function useImportPriceListItems(
  id: string,
  options: MutationOpts<PriceImportResponse, { csv: string; dryRun: boolean; idempotencyKey: string }> = {},
) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: ({ csv, dryRun, idempotencyKey }) =>
      api.post<PriceImportResponse>(`/api/v1/price-lists/${id}/items/import`, { csv, dryRun }, idempotencyKey),
    onSuccess: async (...args) => {
      if (args[0].applied) {
        await qc.invalidateQueries({ queryKey: priceListKeys.all });
        await qc.invalidateQueries({ queryKey: skuKeys.all });
      }
      await options.onSuccess?.(...args);
    },
  });
}
