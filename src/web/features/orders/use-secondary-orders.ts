// Secondary orders (memos): the list and its CSV, one order, create / edit, every transition, bulk actions,
// and the printable document. Every change also refreshes stock and dues, which an order moves.
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
  BulkOrderActionRequest,
  BulkOrderActionResponse,
  CancelOrderRequest,
  CreateSecondaryOrderRequest,
  DeliverOrderRequest,
  OrderDocumentResponse,
  ReturnOrderRequest,
  SecondaryOrderListQuery,
  SecondaryOrderResponse,
  SecondaryOrderSummary,
  UpdateSecondaryOrderRequest,
} from "../../../shared/contracts/orders.ts";
import { api, buildUrl } from "../../api/api-client.ts";
import { resourceKeys } from "../../api/query-keys.ts";

export const secondaryOrderKeys = resourceKeys("secondary-orders");
/** What an order's change can move besides the order itself. */
export const ORDER_SIDE_EFFECT_KEYS = [["stock"], ["dues"], ["payments"], ["order-book"]] as const;

export type OrderFilters = Partial<Omit<SecondaryOrderListQuery, "cursor" | "limit">>;
export type OrderDocument = z.infer<typeof OrderDocumentResponse>;
export type BulkResult = z.infer<typeof BulkOrderActionResponse>;
export type BulkAction = z.infer<typeof BulkOrderActionRequest>["action"];
export type DeliverBody = z.input<typeof DeliverOrderRequest>;
export type ReturnBody = z.input<typeof ReturnOrderRequest>;
export type CancelBody = z.input<typeof CancelOrderRequest>;
export type CreateOrderBody = z.input<typeof CreateSecondaryOrderRequest>;

type MutationOpts<TData, TVars> = Omit<UseMutationOptions<TData, Error, TVars>, "mutationFn">;

interface OrderPage {
  items: SecondaryOrderSummary[];
  nextCursor: string | null;
}

const PAGE_SIZE = 50;

export function useSecondaryOrders(filters: OrderFilters, options: { enabled?: boolean; limit?: number } = {}) {
  return useInfiniteQuery({
    queryKey: secondaryOrderKeys.list({ ...filters, limit: options.limit }),
    queryFn: ({ pageParam, signal }) =>
      api.get<OrderPage>(
        "/api/v1/secondary-orders",
        { ...filters, cursor: pageParam, limit: options.limit ?? PAGE_SIZE },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

/** The same filters as the list, as a download link (UTF-8 with BOM, so Excel shows Bengali). */
export const secondaryOrdersCsvUrl = (filters: OrderFilters) => buildUrl("/api/v1/secondary-orders.csv", filters);

export function useSecondaryOrder(id: string | undefined) {
  return useQuery({
    queryKey: secondaryOrderKeys.detail(id ?? ""),
    queryFn: ({ signal }) => api.get<SecondaryOrderResponse>(`/api/v1/secondary-orders/${id}`, undefined, signal),
    enabled: Boolean(id),
  });
}

export function useOrderDocument(id: string) {
  return useQuery({
    queryKey: [...secondaryOrderKeys.detail(id), "document"],
    queryFn: ({ signal }) => api.get<OrderDocument>(`/api/v1/secondary-orders/${id}/document`, undefined, signal),
  });
}

function useInvalidateOrders() {
  const qc = useQueryClient();
  return async (order?: SecondaryOrderResponse) => {
    if (order) qc.setQueryData(secondaryOrderKeys.detail(order.id), order);
    await Promise.all([
      qc.invalidateQueries({ queryKey: secondaryOrderKeys.all }),
      ...ORDER_SIDE_EFFECT_KEYS.map((queryKey) => qc.invalidateQueries({ queryKey })),
    ]);
  };
}

/** Create a memo; `idempotencyKey` is made once per form and reused when the same submission is retried. */
export function useCreateSecondaryOrder(
  options: MutationOpts<SecondaryOrderResponse, { body: CreateOrderBody; idempotencyKey: string }> = {},
) {
  const invalidate = useInvalidateOrders();
  return useMutation({
    ...options,
    mutationFn: ({ body, idempotencyKey }) =>
      api.post<SecondaryOrderResponse>("/api/v1/secondary-orders", body, idempotencyKey),
    onSuccess: async (...args) => {
      await invalidate(args[0]);
      await options.onSuccess?.(...args);
    },
  });
}

export function useUpdateSecondaryOrder(
  options: MutationOpts<SecondaryOrderResponse, { id: string; body: z.input<typeof UpdateSecondaryOrderRequest> }> = {},
) {
  const invalidate = useInvalidateOrders();
  return useMutation({
    ...options,
    mutationFn: ({ id, body }) => api.patch<SecondaryOrderResponse>(`/api/v1/secondary-orders/${id}`, body),
    onSuccess: async (...args) => {
      await invalidate(args[0]);
      await options.onSuccess?.(...args);
    },
  });
}

export type OrderTransition =
  | { id: string; action: "confirm" | "invoice" | "dispatch" }
  | { id: string; action: "deliver"; body: DeliverBody }
  | { id: string; action: "cancel"; body: CancelBody }
  | { id: string; action: "return"; body: ReturnBody };

const TRANSITION_PATHS = {
  confirm: "confirm",
  invoice: "invoice",
  dispatch: "dispatch",
  deliver: "deliver",
  cancel: "cancel",
  return: "returns",
} as const;

/** One step of an order's life; the server decides whether it is allowed (see the order's `actions`). */
export function useOrderTransition(options: MutationOpts<SecondaryOrderResponse, OrderTransition> = {}) {
  const invalidate = useInvalidateOrders();
  return useMutation({
    ...options,
    mutationFn: (t) =>
      api.post<SecondaryOrderResponse>(
        `/api/v1/secondary-orders/${t.id}/${TRANSITION_PATHS[t.action]}`,
        "body" in t ? t.body : undefined,
      ),
    onSuccess: async (...args) => {
      await invalidate(args[0]);
      await options.onSuccess?.(...args);
    },
  });
}

export function useBulkOrderAction(options: MutationOpts<BulkResult, { action: BulkAction; ids: string[] }> = {}) {
  const invalidate = useInvalidateOrders();
  return useMutation({
    ...options,
    mutationFn: (body) => api.post<BulkResult>("/api/v1/secondary-orders/bulk", body),
    onSuccess: async (...args) => {
      await invalidate();
      await options.onSuccess?.(...args);
    },
  });
}
