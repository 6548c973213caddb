// The incentive screens' data: one hook per endpoint of /api/v1/incentives (the contract is
// shared/contracts/incentives.ts). Statement lines carry their labels in both languages, so no key holds the locale.
import {
  keepPreviousData,
  type UseMutationOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type { z } from "zod";
import type {
  Plan,
  PlanInput,
  Statement,
  StatementStatus,
  StatementSummary,
} from "../../../shared/contracts/incentives.ts";
import { api, apiRequest, buildUrl, newIdempotencyKey, type QueryValue } from "../../api/api-client.ts";
import { downloadFile } from "../analytics/use-analytics.ts";

const BASE = "/api/v1/incentives";

export const incentiveKeys = {
  all: ["incentives"] as const,
  plans: () => ["incentives", "plans"] as const,
  plan: (id: string) => ["incentives", "plans", id] as const,
  statements: (q: object) => ["incentives", "statements", "list", q] as const,
  statement: (id: string) => ["incentives", "statements", "detail", id] as const,
};

type MutationOpts<TData, TVars> = Omit<UseMutationOptions<TData, Error, TVars>, "mutationFn">;
export type PlanBody = z.input<typeof PlanInput>;

export function usePlans() {
  return useQuery({
    queryKey: incentiveKeys.plans(),
    queryFn: ({ signal }) => api.get<Plan[]>(`${BASE}/plans`, undefined, signal),
  });
}

export function usePlan(id: string | null) {
  return useQuery({
    queryKey: incentiveKeys.plan(id ?? ""),
    queryFn: ({ signal }) => api.get<Plan>(`${BASE}/plans/${id}`, undefined, signal),
    enabled: id !== null,
  });
}

export interface StatementParams {
  periodStart?: string;
  planId?: string;
  status?: StatementStatus;
}

export function useStatements(params: StatementParams) {
  return useQuery({
    queryKey: incentiveKeys.statements(params),
    queryFn: ({ signal }) =>
      api.get<{ items: StatementSummary[] }>(`${BASE}/statements`, params as Record<string, QueryValue>, signal),
    placeholderData: keepPreviousData,
  });
}

export function useStatement(id: string) {
  return useQuery({
    queryKey: incentiveKeys.statement(id),
    queryFn: ({ signal }) => api.get<Statement>(`${BASE}/statements/${id}`, undefined, signal),
  });
}

/** Every incentive answer may change after a write here (a statement follows its plan, a list its statements). */
function useInvalidateAll() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: incentiveKeys.all });
}

export function useSavePlan(id: string | null, options: MutationOpts<Plan, PlanBody & { archived?: boolean }> = {}) {
  const invalidate = useInvalidateAll();
  return useMutation({
    ...options,
    mutationFn: (body) =>
      id
        ? apiRequest<Plan>("PUT", `${BASE}/plans/${id}`, { body })
        : apiRequest<Plan>("POST", `${BASE}/plans`, { body, idempotencyKey: newIdempotencyKey() }),
    onSuccess: async (...args) => {
      await invalidate();
      await options.onSuccess?.(...args);
    },
  });
}

export function useComputeStatements(
  options: MutationOpts<{ items: StatementSummary[] }, { planId: string; periodStart: string }> = {},
) {
  const invalidate = useInvalidateAll();
  return useMutation({
    ...options,
    mutationFn: (body) => api.post<{ items: StatementSummary[] }>(`${BASE}/statements/compute`, body),
    onSuccess: async (...args) => {
      await invalidate();
      await options.onSuccess?.(...args);
    },
  });
}

export function useApproveStatement(id: string, options: MutationOpts<Statement, void> = {}) {
  const invalidate = useInvalidateAll();
  return useMutation({
    ...options,
    mutationFn: () => api.post<Statement>(`${BASE}/statements/${id}/approve`),
    onSuccess: async (...args) => {
      await invalidate();
      await options.onSuccess?.(...args);
    },
  });
}

export function useMarkPaid(id: string, options: MutationOpts<Statement, { reference: string }> = {}) {
  const invalidate = useInvalidateAll();
  return useMutation({
    ...options,
    mutationFn: (body) => api.post<Statement>(`${BASE}/statements/${id}/pay`, body),
    onSuccess: async (...args) => {
      await invalidate();
      await options.onSuccess?.(...args);
    },
  });
}

/** The payout file of a period's approved and paid statements. */
export function downloadPayout(periodStart: string, format: "csv" | "xlsx", planId?: string) {
  return downloadFile(
    buildUrl(`${BASE}/statements/export`, { periodStart, format, planId }),
    `commission-payout.${format}`,
  );
}
