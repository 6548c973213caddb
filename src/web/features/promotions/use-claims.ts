// The claims screens' data: one hook per endpoint of /api/v1/claims (the contract is shared/contracts/claims.ts).
// Every write invalidates the claims area (a transition moves a claim between lists and changes what is claimable),
// then runs the caller's onSuccess.
import {
  keepPreviousData,
  type UseMutationOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type {
  ClaimAction,
  ClaimableResponse,
  ClaimResponse,
  ClaimStatus,
  ClaimSummary,
} from "../../../shared/contracts/claims.ts";
import { api, apiRequest, buildUrl, type QueryValue } from "../../api/api-client.ts";
import { downloadFile } from "../analytics/use-analytics.ts";

const BASE = "/api/v1/claims";

export const claimKeys = {
  all: ["claims"] as const,
  list: (q: object) => ["claims", "list", q] as const,
  claim: (id: string) => ["claims", "claim", id] as const,
  claimable: (q: object) => ["claims", "claimable", q] as const,
};

type MutationOpts<TData, TVars> = Omit<UseMutationOptions<TData, Error, TVars>, "mutationFn">;

export interface ClaimListFilters {
  status?: ClaimStatus;
  distributorId?: string;
}

export function useClaims(filters: ClaimListFilters) {
  return useQuery({
    queryKey: claimKeys.list(filters),
    queryFn: ({ signal }) =>
      api.get<ClaimSummary[]>(BASE, { limit: 200, ...filters } as Record<string, QueryValue>, signal),
    placeholderData: keepPreviousData,
  });
}

export function useClaim(id: string) {
  return useQuery({
    queryKey: claimKeys.claim(id),
    queryFn: ({ signal }) => api.get<ClaimResponse>(`${BASE}/${id}`, undefined, signal),
  });
}

/** Claimable now per distributor and scheme; with a period, the new items of that period (and every adjustment). */
export function useClaimable(q: { distributorId?: string; from?: string; to?: string }, enabled = true) {
  return useQuery({
    queryKey: claimKeys.claimable(q),
    queryFn: ({ signal }) => api.get<ClaimableResponse>(`${BASE}/claimable`, q as Record<string, QueryValue>, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** A claim's lines as CSV or XLSX, in the UI language (through fetch, which can say so). */
export function useDownloadClaim() {
  return useMutation({
    mutationFn: ({ id, number, format }: { id: string; number: string; format: "xlsx" | "csv" }) =>
      downloadFile(buildUrl(`${BASE}/${id}/export`, { format }), `claim-${number}.${format}`),
  });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: claimKeys.all });
}

export interface CreateClaimVars {
  body: { distributorId?: string; period: { from: string; to: string }; note?: string };
  idempotencyKey: string;
}

export function useCreateClaim(options: MutationOpts<ClaimResponse, CreateClaimVars> = {}) {
  const invalidate = useInvalidate();
  return useMutation({
    ...options,
    mutationFn: ({ body, idempotencyKey }) => api.post<ClaimResponse>(BASE, body, idempotencyKey),
    onSuccess: async (...args) => {
      await invalidate();
      await options.onSuccess?.(...args);
    },
  });
}

export interface ClaimActionVars {
  id: string;
  action: ClaimAction;
  body: Record<string, unknown>;
}

export function useClaimAction(options: MutationOpts<ClaimResponse, ClaimActionVars> = {}) {
  const invalidate = useInvalidate();
  return useMutation({
    ...options,
    mutationFn: ({ id, action, body }) => apiRequest<ClaimResponse>("POST", `${BASE}/${id}/${action}`, { body }),
    onSuccess: async (...args) => {
      await invalidate();
      await options.onSuccess?.(...args);
    },
  });
}
