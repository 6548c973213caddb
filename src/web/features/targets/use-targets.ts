// The targets screens' data: one hook per endpoint of /api/v1/targets (the contract is shared/contracts/targets.ts).
// Every write may change any list (a split sets many targets, an import any), so writes invalidate them all.
import {
  keepPreviousData,
  type UseMutationOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type { z } from "zod";
import type {
  AchievementResponse,
  SetTargetsRequest,
  SplitRequest,
  SplitResponse,
  TargetImportResult,
  TargetMetric,
  TargetPeriodKind,
  TargetSubjectKind,
  TargetsResponse,
} from "../../../shared/contracts/targets.ts";
import { api, apiRequest, type QueryValue } from "../../api/api-client.ts";

const BASE = "/api/v1/targets";

export const targetKeys = {
  all: ["targets"] as const,
  list: (q: object) => ["targets", "list", q] as const,
};

type MutationOpts<TData, TVars> = Omit<UseMutationOptions<TData, Error, TVars>, "mutationFn">;

export interface TargetListParams {
  periodKind: TargetPeriodKind;
  period: string;
  subjectKind?: TargetSubjectKind | undefined;
  metric?: TargetMetric | undefined;
}

export type TargetItem = AchievementResponse["items"][number];

export function useTargets(params: TargetListParams) {
  return useQuery({
    queryKey: targetKeys.list(params),
    queryFn: ({ signal }) =>
      api.get<AchievementResponse>(BASE, params as unknown as Record<string, QueryValue>, signal),
    placeholderData: keepPreviousData,
  });
}

function useInvalidateAll() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: targetKeys.all });
}

export function useSetTargets(options: MutationOpts<TargetsResponse, z.input<typeof SetTargetsRequest>> = {}) {
  const invalidate = useInvalidateAll();
  return useMutation({
    ...options,
    mutationFn: (body) => apiRequest<TargetsResponse>("PUT", BASE, { body }),
    onSuccess: async (...args) => {
      await invalidate();
      await options.onSuccess?.(...args);
    },
  });
}

export function useDeleteTarget(options: MutationOpts<unknown, { id: string }> = {}) {
  const invalidate = useInvalidateAll();
  return useMutation({
    ...options,
    mutationFn: ({ id }) => apiRequest<unknown>("DELETE", `${BASE}/${id}`),
    onSuccess: async (...args) => {
      await invalidate();
      await options.onSuccess?.(...args);
    },
  });
}

export function useImportTargets(
  options: MutationOpts<TargetImportResult, { csv: string; idempotencyKey: string }> = {},
) {
  const invalidate = useInvalidateAll();
  return useMutation({
    ...options,
    mutationFn: ({ csv, idempotencyKey }) => api.post<TargetImportResult>(`${BASE}/import`, { csv }, idempotencyKey),
    onSuccess: async (...args) => {
      await invalidate();
      await options.onSuccess?.(...args);
    },
  });
}

/** A preview (apply false) changes nothing; applying sets every part. */
export function useSplitTarget(
  options: MutationOpts<SplitResponse, { body: z.input<typeof SplitRequest>; idempotencyKey: string }> = {},
) {
  const invalidate = useInvalidateAll();
  return useMutation({
    ...options,
    mutationFn: ({ body, idempotencyKey }) => api.post<SplitResponse>(`${BASE}/split`, body, idempotencyKey),
    onSuccess: async (...args) => {
      if (args[1].body.apply) await invalidate();
      await options.onSuccess?.(...args);
    },
  });
}
