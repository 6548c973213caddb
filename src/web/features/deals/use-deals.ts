// The sales path's data: one hook per endpoint of /api/v1/crm pipelines, lost reasons, deals, board and forecast
// (shared/contracts/deals.ts). A deal written may change the board, the lists, the forecast, "my day" and timelines:
// writes invalidate them all.
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
  BoardResponse,
  CreateDealRequest,
  DealDetailResponse,
  DealQuery,
  DealsResponse,
  ForecastResponse,
  LostReasonsResponse,
  MoveDealRequest,
  PipelineRequest,
  PipelineResponse,
  PipelinesResponse,
  SetLostReasonsRequest,
  UpdateDealRequest,
} from "../../../shared/contracts/deals.ts";
import { api, apiRequest, type QueryValue } from "../../api/api-client.ts";

const BASE = "/api/v1/crm";

export const dealKeys = {
  all: ["deals"] as const,
  pipelines: ["deals", "pipelines"] as const,
  lostReasons: ["deals", "lost-reasons"] as const,
  board: (q: object) => ["deals", "board", q] as const,
  list: (q: object) => ["deals", "list", q] as const,
  deal: (id: string) => ["deals", "deal", id] as const,
  forecast: (q: object) => ["deals", "forecast", q] as const,
};

type MutationOpts<TData, TVars> = Omit<UseMutationOptions<TData, Error, TVars>, "mutationFn">;

export function usePipelines() {
  return useQuery({
    queryKey: dealKeys.pipelines,
    queryFn: ({ signal }) => api.get<PipelinesResponse>(`${BASE}/pipelines`, {}, signal),
  });
}

export function useLostReasons() {
  return useQuery({
    queryKey: dealKeys.lostReasons,
    queryFn: ({ signal }) => api.get<LostReasonsResponse>(`${BASE}/lost-reasons`, {}, signal),
  });
}

export function useBoard(q: { pipelineId?: string | undefined; ownerUserId?: string | undefined }) {
  return useQuery({
    queryKey: dealKeys.board(q),
    queryFn: ({ signal }) => api.get<BoardResponse>(`${BASE}/deals/board`, q as Record<string, QueryValue>, signal),
    placeholderData: keepPreviousData,
  });
}

export type DealListParams = Partial<Omit<DealQuery, "cursor" | "limit">>;

export function useDealList(params: DealListParams) {
  return useInfiniteQuery({
    queryKey: dealKeys.list(params),
    queryFn: ({ pageParam, signal }) =>
      api.get<DealsResponse>(
        `${BASE}/deals`,
        { ...(params as Record<string, QueryValue>), q: params.q || undefined, cursor: pageParam, limit: 50 },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useDeal(id: string) {
  return useQuery({
    queryKey: dealKeys.deal(id),
    queryFn: ({ signal }) => api.get<DealDetailResponse>(`${BASE}/deals/${id}`, {}, signal),
  });
}

export function useForecast(q: { pipelineId?: string | undefined; from?: string | undefined; months?: number }) {
  return useQuery({
    queryKey: dealKeys.forecast(q),
    queryFn: ({ signal }) => api.get<ForecastResponse>(`${BASE}/forecast`, q as Record<string, QueryValue>, signal),
    placeholderData: keepPreviousData,
  });
}

function useInvalidate() {
  const qc = useQueryClient();
  return async () => {
    await qc.invalidateQueries({ queryKey: dealKeys.all });
    await qc.invalidateQueries({ queryKey: ["activities"] });
    await qc.invalidateQueries({ queryKey: ["crm-records", "timeline"] });
  };
}

function useWrite<TData, TVars>(fn: (vars: TVars) => Promise<TData>, options: MutationOpts<TData, TVars>) {
  const invalidate = useInvalidate();
  return useMutation({
    ...options,
    mutationFn: fn,
    onSuccess: async (...args) => {
      await invalidate();
      await options.onSuccess?.(...args);
    },
    onError: async (...args) => {
      // A refused move (changed meanwhile) shows the board as it now is.
      await invalidate();
      await options.onError?.(...args);
    },
  });
}

export const useCreateDeal = (
  options: MutationOpts<DealDetailResponse, { body: z.input<typeof CreateDealRequest>; idempotencyKey: string }> = {},
) =>
  useWrite(({ body, idempotencyKey }) => api.post<DealDetailResponse>(`${BASE}/deals`, body, idempotencyKey), options);

export const useUpdateDeal = (
  options: MutationOpts<DealDetailResponse, { id: string; body: z.input<typeof UpdateDealRequest> }> = {},
) => useWrite(({ id, body }) => api.patch<DealDetailResponse>(`${BASE}/deals/${id}`, body), options);

export const useMoveDeal = (
  options: MutationOpts<DealDetailResponse, { id: string; body: z.input<typeof MoveDealRequest> }> = {},
) => useWrite(({ id, body }) => api.post<DealDetailResponse>(`${BASE}/deals/${id}/move`, body), options);

export const useCreatePipeline = (
  options: MutationOpts<PipelineResponse, { body: z.input<typeof PipelineRequest>; idempotencyKey: string }> = {},
) =>
  useWrite(
    ({ body, idempotencyKey }) => api.post<PipelineResponse>(`${BASE}/pipelines`, body, idempotencyKey),
    options,
  );

export const useUpdatePipeline = (
  options: MutationOpts<PipelineResponse, { id: string; body: z.input<typeof PipelineRequest> }> = {},
) => useWrite(({ id, body }) => apiRequest<PipelineResponse>("PUT", `${BASE}/pipelines/${id}`, { body }), options);

export const useSetLostReasons = (
  options: MutationOpts<LostReasonsResponse, z.input<typeof SetLostReasonsRequest>> = {},
) => useWrite((body) => apiRequest<LostReasonsResponse>("PUT", `${BASE}/lost-reasons`, { body }), options);
