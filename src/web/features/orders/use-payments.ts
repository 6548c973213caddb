// Payments and dues: what outlets owe, how old it is, and the money collected against it.
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
  CreatePaymentRequest,
  DuesListQuery,
  DuesSummaryResponse,
  OutletDuesResponse,
  PaymentListQuery,
  PaymentResponse,
} from "../../../shared/contracts/orders.ts";
import { api, buildUrl } from "../../api/api-client.ts";
import { resourceKeys } from "../../api/query-keys.ts";

export const paymentKeys = resourceKeys("payments");
export const duesKeys = {
  ...resourceKeys("dues"),
  outlet: (outletId: string) => ["dues", "outlet", outletId] as const,
};

export type Payment = z.infer<typeof PaymentResponse>;
export type DuesSummary = z.infer<typeof DuesSummaryResponse>;
export type OutletDues = z.infer<typeof OutletDuesResponse>;
export type DuesFilters = Partial<Omit<z.infer<typeof DuesListQuery>, "cursor" | "limit">>;
export type PaymentFilters = Partial<Omit<z.infer<typeof PaymentListQuery>, "cursor" | "limit">>;
export type CreatePaymentBody = z.input<typeof CreatePaymentRequest>;

type MutationOpts<TData, TVars> = Omit<UseMutationOptions<TData, Error, TVars>, "mutationFn">;

export function useDues(filters: DuesFilters) {
  return useInfiniteQuery({
    queryKey: duesKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<DuesSummary>("/api/v1/dues", { ...filters, cursor: pageParam, limit: 50 }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export const duesCsvUrl = (filters: DuesFilters) => buildUrl("/api/v1/dues.csv", filters);

export function useOutletDues(outletId: string | undefined) {
  return useQuery({
    queryKey: duesKeys.outlet(outletId ?? ""),
    queryFn: ({ signal }) => api.get<OutletDues>(`/api/v1/outlets/${outletId}/dues`, undefined, signal),
    enabled: Boolean(outletId),
  });
}

export function usePayments(filters: PaymentFilters, enabled = true) {
  return useInfiniteQuery({
    queryKey: paymentKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<{ items: Payment[]; nextCursor: string | null }>(
        "/api/v1/payments",
        { ...filters, cursor: pageParam, limit: 50 },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

export function useCreatePayment(
  options: MutationOpts<Payment, { body: CreatePaymentBody; idempotencyKey: string }> = {},
) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: ({ body, idempotencyKey }) => api.post<Payment>("/api/v1/payments", body, idempotencyKey),
    onSuccess: async (...args) => {
      await Promise.all([
        qc.invalidateQueries({ queryKey: paymentKeys.all }),
        qc.invalidateQueries({ queryKey: duesKeys.all }),
      ]);
      await options.onSuccess?.(...args);
    },
  });
}
