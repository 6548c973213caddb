// Writes to the territory tree; reading it is in features/territories/use-territories.ts.
import { type UseMutationOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type {
  AdminTerritoryResponse,
  CreateTerritoryRequest,
  UpdateTerritoryRequest,
} from "../../../shared/contracts/network.ts";
import { api } from "../../api/api-client.ts";
import { queryKeys } from "../../api/query-keys.ts";

type MutationOpts<TData, TVars> = Omit<UseMutationOptions<TData, Error, TVars>, "mutationFn">;

function useTreeMutation<TVars>(
  call: (vars: TVars) => Promise<AdminTerritoryResponse>,
  options: MutationOpts<AdminTerritoryResponse, TVars>,
) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: call,
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: queryKeys.territories.all });
      await options.onSuccess?.(...args);
    },
  });
}

export const useCreateTerritory = (
  options: MutationOpts<AdminTerritoryResponse, { body: CreateTerritoryRequest; idempotencyKey: string }> = {},
) => useTreeMutation(({ body, idempotencyKey }) => api.post("/api/v1/territories", body, idempotencyKey), options);

export const useUpdateTerritory = (
  options: MutationOpts<AdminTerritoryResponse, { id: string; body: UpdateTerritoryRequest }> = {},
) => useTreeMutation(({ id, body }) => api.patch(`/api/v1/territories/${id}`, body), options);

export const useMoveTerritory = (
  options: MutationOpts<AdminTerritoryResponse, { id: string; parentId: string }> = {},
) => useTreeMutation(({ id, parentId }) => api.post(`/api/v1/territories/${id}/move`, { parentId }), options);

export const useArchiveTerritory = (options: MutationOpts<AdminTerritoryResponse, string> = {}) =>
  useTreeMutation((id) => api.post(`/api/v1/territories/${id}/archive`), options);

export function useImportTerritories(
  options: Omit<
    UseMutationOptions<{ imported: number }, Error, { csv: string; idempotencyKey: string }>,
    "mutationFn"
  > = {},
) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: ({ csv, idempotencyKey }) =>
      api.post<{ imported: number }>("/api/v1/territories/import", { csv }, idempotencyKey),
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: queryKeys.territories.all });
      await options.onSuccess?.(...args);
    },
  });
}
