import {
  keepPreviousData,
  type UseMutationOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type {
  CreateSkuRequest,
  OrderBookQuery,
  OrderBookResponse,
  SkuListQuery,
  SkuResponse,
  UpdateSkuRequest,
} from "../../../shared/contracts/catalog.ts";
import { api, buildUrl } from "../../api/api-client.ts";
import { resourceKeys } from "../../api/query-keys.ts";

export const skuKeys = { ...resourceKeys("skus"), orderBook: (q: object) => ["skus", "order-book", q] as const };

export type SkuFilters = Partial<Pick<SkuListQuery, "q" | "brandId" | "categoryId" | "status" | "sort">>;
type MutationOpts<TData, TVars> = Omit<UseMutationOptions<TData, Error, TVars>, "mutationFn">;

interface SkuPage {
  items: SkuResponse[];
  nextCursor: string | null;
}

export function useSkus(filters: SkuFilters) {
  return useInfiniteQuery({
    queryKey: skuKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<SkuPage>("/api/v1/skus", { ...filters, cursor: pageParam, limit: 50 }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** The CSV of what the list shows (all pages): a plain link, so the browser downloads it. */
export const skuCsvUrl = (filters: SkuFilters) => buildUrl("/api/v1/skus.csv", { ...filters });

export function useSku(id: string | undefined) {
  return useQuery({
    queryKey: skuKeys.detail(id ?? ""),
    queryFn: ({ signal }) => api.get<SkuResponse>(`/api/v1/skus/${id}`, undefined, signal),
    enabled: Boolean(id),
  });
}

/** Every active SKU with its price for an outlet or target: order entry caches and searches it locally. */
export function useOrderBook(query: OrderBookQuery, enabled = true) {
  return useQuery({
    queryKey: skuKeys.orderBook(query),
    queryFn: ({ signal }) => api.get<OrderBookResponse>("/api/v1/catalog/order-book", { ...query }, signal),
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function useCreateSku(
  options: MutationOpts<SkuResponse, { body: CreateSkuRequest; idempotencyKey: string }> = {},
) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: ({ body, idempotencyKey }) => api.post<SkuResponse>("/api/v1/skus", body, idempotencyKey),
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: skuKeys.all });
      await options.onSuccess?.(...args);
    },
  });
}

export function useUpdateSku(options: MutationOpts<SkuResponse, { id: string; body: UpdateSkuRequest }> = {}) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: ({ id, body }) => api.patch<SkuResponse>(`/api/v1/skus/${id}`, body),
    onSuccess: async (...args) => {
      qc.setQueryData(skuKeys.detail(args[0].id), args[0]);
      await qc.invalidateQueries({ queryKey: skuKeys.lists() });
      await options.onSuccess?.(...args);
    },
  });
}

export function useSetSkuArchived(options: MutationOpts<SkuResponse, { id: string; archived: boolean }> = {}) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: ({ id, archived }) => api.post<SkuResponse>(`/api/v1/skus/${id}/${archived ? "archive" : "restore"}`),
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: skuKeys.all });
      await options.onSuccess?.(...args);
    },
  });
}
