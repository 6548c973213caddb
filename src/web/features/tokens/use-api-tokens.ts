import { type UseMutationOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  ApiTokenResponse,
  CreateApiTokenRequest,
  CreatedApiTokenResponse,
} from "../../../shared/contracts/auth.ts";
import { api } from "../../api/api-client.ts";
import { queryKeys } from "../../api/query-keys.ts";

export type ApiToken = z.infer<typeof ApiTokenResponse>;
export type CreatedApiToken = z.infer<typeof CreatedApiTokenResponse>;
export type CreateApiToken = z.infer<typeof CreateApiTokenRequest>;

type MutationOpts<TData, TVars> = Omit<UseMutationOptions<TData, Error, TVars>, "mutationFn">;

export function useApiTokens() {
  return useQuery({
    queryKey: queryKeys.apiTokens.lists(),
    queryFn: ({ signal }) => api.get<{ items: ApiToken[] }>("/api/v1/api-tokens", undefined, signal),
    select: (r) => r.items,
  });
}

export function useCreateApiToken(
  options: MutationOpts<CreatedApiToken, { body: CreateApiToken; idempotencyKey: string }> = {},
) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: ({ body, idempotencyKey }) => api.post<CreatedApiToken>("/api/v1/api-tokens", body, idempotencyKey),
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: queryKeys.apiTokens.all });
      await options.onSuccess?.(...args);
    },
  });
}

export function useRevokeApiToken(options: MutationOpts<void, string> = {}) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: (id: string) => api.post<void>(`/api/v1/api-tokens/${id}/revoke`),
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: queryKeys.apiTokens.all });
      await options.onSuccess?.(...args);
    },
  });
}
