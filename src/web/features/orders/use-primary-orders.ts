// Primary orders: a distributor orders goods from the company; the company approves and dispatches; the
// distributor receives them into stock with batch numbers and expiry dates.
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
  CreatePrimaryOrderRequest,
  PRIMARY_STATUSES,
  PrimaryOrderResponse,
  ReceivePrimaryOrderRequest,
} from "../../../shared/contracts/inventory.ts";
import { api } from "../../api/api-client.ts";
import { resourceKeys } from "../../api/query-keys.ts";

export const primaryOrderKeys = resourceKeys("primary-orders");

export type PrimaryOrder = z.infer<typeof PrimaryOrderResponse>;
export type PrimaryStatus = (typeof PRIMARY_STATUSES)[number];
export type CreatePrimaryOrderBody = z.input<typeof CreatePrimaryOrderRequest>;
export type ReceivePrimaryOrderBody = z.input<typeof ReceivePrimaryOrderRequest>;
export interface PrimaryOrderFilters {
  distributorId?: string;
  status?: PrimaryStatus;
}

type MutationOpts<TData, TVars> = Omit<UseMutationOptions<TData, Error, TVars>, "mutationFn">;

export function usePrimaryOrders(filters: PrimaryOrderFilters) {
  return useInfiniteQuery({
    queryKey: primaryOrderKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<{ items: PrimaryOrder[]; nextCursor: string | null }>(
        "/api/v1/primary-orders",
        { ...filters, cursor: pageParam, limit: 50 },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function usePrimaryOrder(id: string) {
  return useQuery({
    queryKey: primaryOrderKeys.detail(id),
    queryFn: ({ signal }) => api.get<PrimaryOrder>(`/api/v1/primary-orders/${id}`, undefined, signal),
  });
}

export function useCreatePrimaryOrder(
  options: MutationOpts<PrimaryOrder, { body: CreatePrimaryOrderBody; idempotencyKey: string }> = {},
) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: ({ body, idempotencyKey }) => api.post<PrimaryOrder>("/api/v1/primary-orders", body, idempotencyKey),
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: primaryOrderKeys.all });
      await options.onSuccess?.(...args);
    },
  });
}

export type PrimaryTransition =
  | { id: string; action: "submit" | "approve" | "reject" | "dispatch" | "cancel"; note?: string }
  | { id: string; action: "receive"; body: ReceivePrimaryOrderBody };

export function usePrimaryTransition(options: MutationOpts<PrimaryOrder, PrimaryTransition> = {}) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: (t) =>
      api.post<PrimaryOrder>(
        `/api/v1/primary-orders/${t.id}/${t.action}`,
        "body" in t ? t.body : t.note ? { note: t.note } : {},
      ),
    onSuccess: async (...args) => {
      qc.setQueryData(primaryOrderKeys.detail(args[0].id), args[0]);
      await Promise.all([
        qc.invalidateQueries({ queryKey: primaryOrderKeys.all }),
        qc.invalidateQueries({ queryKey: ["stock"] }),
      ]);
      await options.onSuccess?.(...args);
    },
  });
}
