import {
  keepPreviousData,
  type UseMutationOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type {
  CreateWebhookEndpointRequest,
  UpdateWebhookEndpointRequest,
  WebhookDeliveryDetailResponse,
  WebhookDeliveryListQuery,
  WebhookDeliveryResponse,
  WebhookEndpointResponse,
  WebhookEndpointWithSecretResponse,
} from "../../../shared/contracts/webhooks.ts";
import { api, apiRequest } from "../../api/api-client.ts";
import { resourceKeys } from "../../api/query-keys.ts";

export const webhookKeys = resourceKeys("webhooks");
export const deliveryKeys = resourceKeys("webhook-deliveries");

export type WebhookEndpoint = WebhookEndpointResponse;
export type WebhookDelivery = WebhookDeliveryResponse;
export type DeliveryFilters = Partial<Pick<WebhookDeliveryListQuery, "endpointId" | "status" | "event">>;
type MutationOpts<TData, TVars> = Omit<UseMutationOptions<TData, Error, TVars>, "mutationFn">;

export function useWebhookEndpoints() {
  return useQuery({
    queryKey: webhookKeys.lists(),
    queryFn: ({ signal }) => api.get<{ items: WebhookEndpoint[] }>("/api/v1/webhooks", undefined, signal),
    select: (r) => r.items,
  });
}

export function useWebhookDeliveries(filters: DeliveryFilters) {
  return useInfiniteQuery({
    queryKey: deliveryKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<{ items: WebhookDelivery[]; nextCursor: string | null }>(
        "/api/v1/webhooks/deliveries",
        { ...filters, cursor: pageParam, limit: 50 },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useWebhookDelivery(id: string | null) {
  return useQuery({
    queryKey: deliveryKeys.detail(id ?? ""),
    queryFn: ({ signal }) =>
      api.get<WebhookDeliveryDetailResponse>(`/api/v1/webhooks/deliveries/${id}`, undefined, signal),
    enabled: id !== null,
  });
}

/** After any change, the endpoints (their counts) and the delivery log may both be out of date. */
async function refresh(qc: ReturnType<typeof useQueryClient>) {
  await Promise.all([
    qc.invalidateQueries({ queryKey: webhookKeys.all }),
    qc.invalidateQueries({ queryKey: deliveryKeys.all }),
  ]);
}

export function useCreateWebhookEndpoint(
  options: MutationOpts<
    WebhookEndpointWithSecretResponse,
    { body: CreateWebhookEndpointRequest; idempotencyKey: string }
  > = {},
) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: ({ body, idempotencyKey }) =>
      api.post<WebhookEndpointWithSecretResponse>("/api/v1/webhooks", body, idempotencyKey),
    onSuccess: async (...args) => {
      await refresh(qc);
      await options.onSuccess?.(...args);
    },
  });
}

export function useUpdateWebhookEndpoint(
  options: MutationOpts<WebhookEndpoint, { id: string; body: UpdateWebhookEndpointRequest }> = {},
) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: ({ id, body }) => api.patch<WebhookEndpoint>(`/api/v1/webhooks/${id}`, body),
    onSuccess: async (...args) => {
      await refresh(qc);
      await options.onSuccess?.(...args);
    },
  });
}

export function useDeleteWebhookEndpoint(options: MutationOpts<void, string> = {}) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: (id: string) => apiRequest<void>("DELETE", `/api/v1/webhooks/${id}`),
    onSuccess: async (...args) => {
      await refresh(qc);
      await options.onSuccess?.(...args);
    },
  });
}

export function useRotateWebhookSecret(options: MutationOpts<WebhookEndpointWithSecretResponse, string> = {}) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: (id: string) => api.post<WebhookEndpointWithSecretResponse>(`/api/v1/webhooks/${id}/rotate-secret`),
    onSuccess: async (...args) => {
      await refresh(qc);
      await options.onSuccess?.(...args);
    },
  });
}

export function useSendWebhookTest(options: MutationOpts<WebhookDeliveryDetailResponse, string> = {}) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: (id: string) => api.post<WebhookDeliveryDetailResponse>(`/api/v1/webhooks/${id}/test`),
    onSuccess: async (...args) => {
      await refresh(qc);
      await options.onSuccess?.(...args);
    },
  });
}

export function useReplayWebhookDelivery(options: MutationOpts<WebhookDeliveryDetailResponse, string> = {}) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: (id: string) => api.post<WebhookDeliveryDetailResponse>(`/api/v1/webhooks/deliveries/${id}/replay`),
    onSuccess: async (...args) => {
      await refresh(qc);
      await options.onSuccess?.(...args);
    },
  });
}
