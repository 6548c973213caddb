// The replenishment screens' data: one hook per endpoint of /api/v1/replenishment (the contract is
// shared/contracts/replenishment.ts). Alert messages are written in the caller's language, so the locale is part of
// their keys; everything else carries names in both scripts.
import {
  keepPreviousData,
  type UseMutationOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type { z } from "zod";
import type {
  AlertKind,
  AlertsResponse,
  ApproveProposal,
  BacktestResponse,
  CreateDemandEvent,
  DemandEvent,
  DismissProposal,
  DistributorPolicy,
  ForecastMethod,
  ForecastResponse,
  ForecastRun,
  GenerateResult,
  PlanResponse,
  PlanStatus,
  ProposalResponse,
  ProposalStatus,
  ProposalSummary,
  ReplenishmentSettings,
  UpdateDistributorPolicy,
  UpdateReplenishmentSettings,
} from "../../../shared/contracts/replenishment.ts";
import { api, apiRequest, buildUrl, type QueryValue } from "../../api/api-client.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { downloadFile } from "../analytics/use-analytics.ts";
import { primaryOrderKeys } from "../orders/use-primary-orders.ts";

const BASE = "/api/v1/replenishment";
const asQuery = (q: object) => q as Record<string, QueryValue>;

export const replenishmentKeys = {
  all: ["replenishment"] as const,
  settings: () => ["replenishment", "settings"] as const,
  policy: (distributorId: string) => ["replenishment", "policy", distributorId] as const,
  events: () => ["replenishment", "events"] as const,
  plans: () => ["replenishment", "plan"] as const,
  plan: (q: object) => ["replenishment", "plan", q] as const,
  forecast: (q: object) => ["replenishment", "forecast", q] as const,
  backtest: (q: object) => ["replenishment", "backtest", q] as const,
  proposals: () => ["replenishment", "proposals"] as const,
  proposalList: (q: object) => ["replenishment", "proposals", "list", q] as const,
  proposal: (id: string) => ["replenishment", "proposals", "detail", id] as const,
  alerts: (q: object) => ["replenishment", "alerts", q] as const,
};

type MutationOpts<TData, TVars> = Omit<UseMutationOptions<TData, Error, TVars>, "mutationFn">;

export type DemandEventItem = z.infer<typeof DemandEvent>;
export type DistributorPolicyResponse = z.infer<typeof DistributorPolicy>;
export type ProposalLine = ProposalResponse["lines"][number];
export type BacktestItem = BacktestResponse["items"][number];
export type GenerateResponse = z.infer<typeof GenerateResult>;

export interface PlanParams {
  distributorId: string;
  status?: PlanStatus;
  q?: string;
}

export function usePlan(params: PlanParams | null) {
  return useQuery({
    queryKey: replenishmentKeys.plan(params ?? {}),
    queryFn: ({ signal }) => api.get<PlanResponse>(`${BASE}/plan`, asQuery(params ?? {}), signal),
    enabled: params !== null,
    placeholderData: keepPreviousData,
  });
}

export function useForecast(params: { distributorId: string; skuId: string } | null) {
  return useQuery({
    queryKey: replenishmentKeys.forecast(params ?? {}),
    queryFn: ({ signal }) =>
      api.get<ForecastResponse>(`${BASE}/forecast`, asQuery({ ...params, historyDays: 120 }), signal),
    enabled: params !== null,
  });
}

export function useBacktest(params: { distributorId?: string; method?: ForecastMethod }) {
  return useQuery({
    queryKey: replenishmentKeys.backtest(params),
    queryFn: ({ signal }) => api.get<BacktestResponse>(`${BASE}/backtest`, asQuery({ ...params, limit: 500 }), signal),
    placeholderData: keepPreviousData,
  });
}

export function useProposals(params: { status: ProposalStatus; distributorId?: string }) {
  return useQuery({
    queryKey: replenishmentKeys.proposalList(params),
    queryFn: ({ signal }) =>
      api.get<ProposalSummary[]>(`${BASE}/proposals`, asQuery({ ...params, limit: 200 }), signal),
    placeholderData: keepPreviousData,
  });
}

export function useProposal(id: string) {
  return useQuery({
    queryKey: replenishmentKeys.proposal(id),
    queryFn: ({ signal }) => api.get<ProposalResponse>(`${BASE}/proposals/${id}`, undefined, signal),
  });
}

export function useAlerts(params: { distributorId?: string; kind?: AlertKind }) {
  const locale = useLocale();
  return useQuery({
    queryKey: replenishmentKeys.alerts({ ...params, locale }),
    queryFn: ({ signal }) => api.get<AlertsResponse>(`${BASE}/alerts`, asQuery({ ...params, limit: 500 }), signal),
    placeholderData: keepPreviousData,
  });
}

/** How many stock alerts of each kind the caller has (one item is asked for: only the counts are wanted). */
export function useAlertCounts(enabled = true) {
  return useQuery({
    queryKey: replenishmentKeys.alerts({ counts: true }),
    queryFn: ({ signal }) => api.get<AlertsResponse>(`${BASE}/alerts`, { limit: 1 }, signal),
    select: (r) => r.counts,
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useReplenishmentSettings(enabled = true) {
  return useQuery({
    queryKey: replenishmentKeys.settings(),
    queryFn: ({ signal }) => api.get<ReplenishmentSettings>(`${BASE}/settings`, undefined, signal),
    enabled,
  });
}

export function useDemandEvents() {
  return useQuery({
    queryKey: replenishmentKeys.events(),
    queryFn: ({ signal }) => api.get<DemandEventItem[]>(`${BASE}/events`, undefined, signal),
  });
}

export function useDistributorPolicy(distributorId: string | null) {
  return useQuery({
    queryKey: replenishmentKeys.policy(distributorId ?? ""),
    queryFn: ({ signal }) =>
      api.get<DistributorPolicyResponse>(`${BASE}/distributors/${distributorId}/policy`, undefined, signal),
    enabled: distributorId !== null,
  });
}

/** Every replenishment answer may change after a write here (plans follow the policy, proposals the plans). */
function useInvalidateAll() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: replenishmentKeys.all });
}

export function useUpdateSettings(
  options: MutationOpts<ReplenishmentSettings, z.input<typeof UpdateReplenishmentSettings>> = {},
) {
  const invalidate = useInvalidateAll();
  return useMutation({
    ...options,
    mutationFn: (body) => apiRequest<ReplenishmentSettings>("PUT", `${BASE}/settings`, { body }),
    onSuccess: async (...args) => {
      await invalidate();
      await options.onSuccess?.(...args);
    },
  });
}

export function useUpdatePolicy(
  distributorId: string,
  options: MutationOpts<DistributorPolicyResponse, z.input<typeof UpdateDistributorPolicy>> = {},
) {
  const invalidate = useInvalidateAll();
  return useMutation({
    ...options,
    mutationFn: (body) =>
      apiRequest<DistributorPolicyResponse>("PUT", `${BASE}/distributors/${distributorId}/policy`, { body }),
    onSuccess: async (...args) => {
      await invalidate();
      await options.onSuccess?.(...args);
    },
  });
}

export function useCreateDemandEvent(
  options: MutationOpts<DemandEventItem, { body: z.input<typeof CreateDemandEvent>; idempotencyKey: string }> = {},
) {
  const invalidate = useInvalidateAll();
  return useMutation({
    ...options,
    mutationFn: ({ body, idempotencyKey }) => api.post<DemandEventItem>(`${BASE}/events`, body, idempotencyKey),
    onSuccess: async (...args) => {
      await invalidate();
      await options.onSuccess?.(...args);
    },
  });
}

export function useDeleteDemandEvent(options: MutationOpts<unknown, { id: string }> = {}) {
  const invalidate = useInvalidateAll();
  return useMutation({
    ...options,
    mutationFn: ({ id }) => apiRequest<unknown>("DELETE", `${BASE}/events/${id}`),
    onSuccess: async (...args) => {
      await invalidate();
      await options.onSuccess?.(...args);
    },
  });
}

/** Forecast the org's series now, then propose and alert (admins): every screen here changes. */
export function useRunForecast(options: MutationOpts<ForecastRun, void> = {}) {
  const invalidate = useInvalidateAll();
  return useMutation({
    ...options,
    mutationFn: () => api.post<ForecastRun>(`${BASE}/forecast/run`),
    onSuccess: async (...args) => {
      await invalidate();
      await options.onSuccess?.(...args);
    },
  });
}

export function useGenerateProposals(options: MutationOpts<GenerateResponse, void> = {}) {
  const invalidate = useInvalidateAll();
  return useMutation({
    ...options,
    mutationFn: () => api.post<GenerateResponse>(`${BASE}/proposals/generate`),
    onSuccess: async (...args) => {
      await invalidate();
      await options.onSuccess?.(...args);
    },
  });
}

export function useRefreshAlerts(options: MutationOpts<AlertsResponse, void> = {}) {
  const invalidate = useInvalidateAll();
  return useMutation({
    ...options,
    mutationFn: () => api.post<AlertsResponse>(`${BASE}/alerts/refresh`),
    onSuccess: async (...args) => {
      await invalidate();
      await options.onSuccess?.(...args);
    },
  });
}

/** One click: the proposal (with the person's changes) becomes a submitted primary order. */
export function useApproveProposal(
  options: MutationOpts<
    ProposalResponse,
    { id: string; body: z.input<typeof ApproveProposal>; idempotencyKey: string }
  > = {},
) {
  const qc = useQueryClient();
  const invalidate = useInvalidateAll();
  return useMutation({
    ...options,
    mutationFn: ({ id, body, idempotencyKey }) =>
      api.post<ProposalResponse>(`${BASE}/proposals/${id}/approve`, body, idempotencyKey),
    onSuccess: async (...args) => {
      qc.setQueryData(replenishmentKeys.proposal(args[0].id), args[0]);
      await Promise.all([invalidate(), qc.invalidateQueries({ queryKey: primaryOrderKeys.all })]);
      await options.onSuccess?.(...args);
    },
  });
}

export function useDismissProposal(
  options: MutationOpts<ProposalResponse, { id: string; body: z.input<typeof DismissProposal> }> = {},
) {
  const qc = useQueryClient();
  const invalidate = useInvalidateAll();
  return useMutation({
    ...options,
    mutationFn: ({ id, body }) => api.post<ProposalResponse>(`${BASE}/proposals/${id}/dismiss`, body),
    onSuccess: async (...args) => {
      qc.setQueryData(replenishmentKeys.proposal(args[0].id), args[0]);
      await invalidate();
      await options.onSuccess?.(...args);
    },
  });
}

export type PlanExportFormat = "csv" | "xlsx";

/** The plan as a file, of exactly the rows the table shows, in the UI language. */
export function useDownloadPlan() {
  return useMutation({
    mutationFn: ({ query, format }: { query: PlanParams; format: PlanExportFormat }) =>
      downloadFile(buildUrl(`${BASE}/plan/export`, asQuery({ ...query, format })), `stock-plan.${format}`),
  });
}
