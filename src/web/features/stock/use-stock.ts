// A distributor's stock: balances per SKU, the movement ledger, batches, adjustments and counts.
import {
  keepPreviousData,
  type UseMutationOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type { z } from "zod";
import type {
  StockAdjustmentRequest,
  StockBatchRow,
  StockCountRequest,
  StockCountResponse,
  StockMovementRow,
  StockRow,
} from "../../../shared/contracts/inventory.ts";
import { api, type PageOf } from "../../api/api-client.ts";

export type { StockRow };
export type StockMovement = z.infer<typeof StockMovementRow>;
export type StockBatch = z.infer<typeof StockBatchRow>;
export type StockCount = z.infer<typeof StockCountResponse>;
export type StockAdjustmentBody = z.input<typeof StockAdjustmentRequest>;
export type StockCountBody = z.input<typeof StockCountRequest>;

export const stockKeys = {
  all: ["stock"] as const,
  list: (filters: object) => ["stock", "list", filters] as const,
  everything: (distributorId: string) => ["stock", "everything", distributorId] as const,
  movements: (filters: object) => ["stock", "movements", filters] as const,
  batches: (distributorId: string, skuId: string) => ["stock", "batches", distributorId, skuId] as const,
};

type MutationOpts<TData, TVars> = Omit<UseMutationOptions<TData, Error, TVars>, "mutationFn">;

export interface StockFilters {
  distributorId: string;
  q?: string;
  outOfStock?: boolean;
}

export function useStock(filters: StockFilters | null) {
  return useInfiniteQuery({
    queryKey: stockKeys.list(filters ?? {}),
    queryFn: ({ pageParam, signal }) =>
      api.get<PageOf<StockRow>>("/api/v1/stock", { ...filters, cursor: pageParam, limit: 100 }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled: Boolean(filters?.distributorId),
  });
}

/** Every SKU row of one distributor (all pages), for the stock count sheet. */
export function useAllStock(distributorId: string | undefined) {
  return useQuery({
    queryKey: stockKeys.everything(distributorId ?? ""),
    queryFn: ({ signal }) => api.getAll<StockRow>("/api/v1/stock", { distributorId, limit: 200 }, signal),
    enabled: Boolean(distributorId),
  });
}

export function useStockMovements(filters: { distributorId: string; skuId?: string } | null) {
  return useInfiniteQuery({
    queryKey: stockKeys.movements(filters ?? {}),
    queryFn: ({ pageParam, signal }) =>
      api.get<PageOf<StockMovement>>("/api/v1/stock/movements", { ...filters, cursor: pageParam, limit: 50 }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: Boolean(filters?.distributorId),
  });
}

export function useStockBatches(distributorId: string | undefined, skuId: string | undefined) {
  return useQuery({
    queryKey: stockKeys.batches(distributorId ?? "", skuId ?? ""),
    queryFn: ({ signal }) =>
      api.get<{ items: StockBatch[] } | StockBatch[]>("/api/v1/stock/batches", { distributorId, skuId }, signal),
    select: (r) => (Array.isArray(r) ? r : r.items),
    enabled: Boolean(distributorId && skuId),
  });
}

export function useStockAdjustment(
  options: MutationOpts<unknown, { body: StockAdjustmentBody; idempotencyKey: string }> = {},
) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: ({ body, idempotencyKey }) => api.post<unknown>("/api/v1/stock/adjustments", body, idempotencyKey),
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: stockKeys.all });
      await options.onSuccess?.(...args);
    },
  });
}

export function useStockCount(
  options: MutationOpts<StockCount, { body: StockCountBody; idempotencyKey: string }> = {},
) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: ({ body, idempotencyKey }) => api.post<StockCount>("/api/v1/stock/counts", body, idempotencyKey),
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: stockKeys.all });
      await options.onSuccess?.(...args);
    },
  });
}
