import {
  keepPreviousData,
  type UseMutationOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type {
  AssignOutletRequest,
  CreateOutletRequest,
  OutletDetailResponse,
  OutletListQuery,
  OutletMapResponse,
  OutletResponse,
  TimelineEntry,
  UpdateOutletRequest,
} from "../../../shared/contracts/network.ts";
import { api, buildUrl, type QueryValue } from "../../api/api-client.ts";
import { resourceKeys } from "../../api/query-keys.ts";

export const outletKeys = {
  ...resourceKeys("outlets"),
  map: (filters: object) => ["outlets", "map", filters] as const,
  timeline: (id: string) => ["outlets", "timeline", id] as const,
};

export type OutletFilters = Partial<
  Pick<OutletListQuery, "q" | "channel" | "class" | "distributorId" | "territoryId" | "status" | "sort">
>;

interface OutletPage {
  items: OutletResponse[];
  nextCursor: string | null;
}

type MutationOpts<TData, TVars> = Omit<UseMutationOptions<TData, Error, TVars>, "mutationFn">;

const PAGE_SIZE = 50;

const query = (f: OutletFilters): Record<string, QueryValue> => ({ ...f });

export function useOutlets(filters: OutletFilters) {
  return useInfiniteQuery({
    queryKey: outletKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<OutletPage>("/api/v1/outlets", { ...query(filters), cursor: pageParam, limit: PAGE_SIZE }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** The CSV export of the list as filtered now: a plain link, so the browser downloads it. */
export const outletsCsvUrl = (filters: OutletFilters) => buildUrl("/api/v1/outlets.csv", query(filters));

export function useOutletMap(
  filters: Pick<OutletFilters, "q" | "channel" | "distributorId" | "territoryId">,
  enabled = true,
) {
  return useQuery({
    queryKey: outletKeys.map(filters),
    queryFn: ({ signal }) => api.get<OutletMapResponse>("/api/v1/outlets/map", query(filters), signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useOutlet(id: string) {
  return useQuery({
    queryKey: outletKeys.detail(id),
    queryFn: ({ signal }) => api.get<OutletDetailResponse>(`/api/v1/outlets/${id}`, undefined, signal),
  });
}

export function useOutletTimeline(id: string) {
  return useQuery({
    queryKey: outletKeys.timeline(id),
    queryFn: ({ signal }) => api.get<{ items: TimelineEntry[] }>(`/api/v1/outlets/${id}/timeline`, undefined, signal),
    select: (r) => r.items,
  });
}

export function useCreateOutlet(
  options: MutationOpts<OutletResponse, { body: CreateOutletRequest; idempotencyKey: string }> = {},
) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: ({ body, idempotencyKey }) => api.post<OutletResponse>("/api/v1/outlets", body, idempotencyKey),
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: outletKeys.all });
      await options.onSuccess?.(...args);
    },
  });
}

export function useUpdateOutlet(options: MutationOpts<OutletResponse, { id: string; body: UpdateOutletRequest }> = {}) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: ({ id, body }) => api.patch<OutletResponse>(`/api/v1/outlets/${id}`, body),
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: outletKeys.all });
      await options.onSuccess?.(...args);
    },
  });
}

export function useArchiveOutlet(options: MutationOpts<OutletResponse, string> = {}) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: (id) => api.post<OutletResponse>(`/api/v1/outlets/${id}/archive`),
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: outletKeys.all });
      await options.onSuccess?.(...args);
    },
  });
}

export function useAssignOutlet(
  options: MutationOpts<OutletDetailResponse, { id: string; body: AssignOutletRequest }> = {},
) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: ({ id, body }) => api.post<OutletDetailResponse>(`/api/v1/outlets/${id}/assign`, body),
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: outletKeys.all });
      await options.onSuccess?.(...args);
    },
  });
}

export function useImportOutlets(
  options: MutationOpts<{ imported: number }, { csv: string; idempotencyKey: string }> = {},
) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: ({ csv, idempotencyKey }) =>
      api.post<{ imported: number }>("/api/v1/outlets/import", { csv }, idempotencyKey),
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: outletKeys.all });
      await options.onSuccess?.(...args);
    },
  });
}
