import {
  keepPreviousData,
  type UseMutationOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type {
  CreateDistributorRequest,
  DistributorDetailResponse,
  DistributorListQuery,
  DistributorResponse,
  UpdateDistributorRequest,
} from "../../../shared/contracts/network.ts";
import { api, buildUrl, type QueryValue } from "../../api/api-client.ts";
import { resourceKeys } from "../../api/query-keys.ts";

export const distributorKeys = resourceKeys("distributors");

export type DistributorFilters = Partial<Pick<DistributorListQuery, "q" | "territoryId" | "status" | "sort">>;

interface DistributorPage {
  items: DistributorResponse[];
  nextCursor: string | null;
}

type MutationOpts<TData, TVars> = Omit<UseMutationOptions<TData, Error, TVars>, "mutationFn">;

const query = (f: DistributorFilters): Record<string, QueryValue> => ({ ...f });

export function useDistributors(filters: DistributorFilters, limit = 50) {
  return useInfiniteQuery({
    queryKey: distributorKeys.list({ ...filters, limit }),
    queryFn: ({ pageParam, signal }) =>
      api.get<DistributorPage>("/api/v1/distributors", { ...query(filters), cursor: pageParam, limit }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export const distributorsCsvUrl = (filters: DistributorFilters) => buildUrl("/api/v1/distributors.csv", query(filters));

export function useDistributor(id: string | null) {
  return useQuery({
    queryKey: distributorKeys.detail(id ?? ""),
    queryFn: ({ signal }) => api.get<DistributorDetailResponse>(`/api/v1/distributors/${id}`, undefined, signal),
    enabled: id !== null,
  });
}

export function useCreateDistributor(
  options: MutationOpts<DistributorResponse, { body: CreateDistributorRequest; idempotencyKey: string }> = {},
) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: ({ body, idempotencyKey }) =>
      api.post<DistributorResponse>("/api/v1/distributors", body, idempotencyKey),
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: distributorKeys.all });
      await options.onSuccess?.(...args);
    },
  });
}

export function useUpdateDistributor(
  options: MutationOpts<DistributorResponse, { id: string; body: UpdateDistributorRequest }> = {},
) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: ({ id, body }) => api.patch<DistributorResponse>(`/api/v1/distributors/${id}`, body),
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: distributorKeys.all });
      await options.onSuccess?.(...args);
    },
  });
}

export function useArchiveDistributor(options: MutationOpts<DistributorResponse, string> = {}) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: (id) => api.post<DistributorResponse>(`/api/v1/distributors/${id}/archive`),
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: distributorKeys.all });
      await options.onSuccess?.(...args);
    },
  });
}
