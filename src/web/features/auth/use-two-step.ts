// Two-step sign-in: the caller's own status, set-up, turning off and new recovery codes; for admins, the
// org's policy (roles that must use it) and resetting a user's second factor.
import { type UseMutationOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  MfaPolicy,
  RecoveryCodesResponse,
  TotpSetupResponse,
  TotpStatusResponse,
} from "../../../shared/contracts/auth.ts";
import { api, apiRequest } from "../../api/api-client.ts";
import { queryKeys } from "../../api/query-keys.ts";

type MutationOpts<TData, TVars> = Omit<UseMutationOptions<TData, Error, TVars>, "mutationFn">;

export const twoStepKeys = {
  all: ["two-step"] as const,
  status: () => ["two-step", "status"] as const,
  policy: () => ["two-step", "policy"] as const,
};

export function useTwoStepStatus() {
  return useQuery({
    queryKey: twoStepKeys.status(),
    queryFn: ({ signal }) => api.get<TotpStatusResponse>("/api/v1/auth/totp", undefined, signal),
  });
}

export function useStartTwoStepSetup(options: MutationOpts<TotpSetupResponse, void> = {}) {
  return useMutation({
    ...options,
    mutationFn: () => api.post<TotpSetupResponse>("/api/v1/auth/totp/setup"),
  });
}

/** Confirms the set-up; the session may have been limited to it, so it is fetched again. */
export function useEnableTwoStep(options: MutationOpts<RecoveryCodesResponse, { code: string }> = {}) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: (body: { code: string }) => api.post<RecoveryCodesResponse>("/api/v1/auth/totp/enable", body),
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: twoStepKeys.status() });
      await options.onSuccess?.(...args);
    },
  });
}

export function useDisableTwoStep(options: MutationOpts<void, { password: string; code: string }> = {}) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: (body: { password: string; code: string }) => api.post<void>("/api/v1/auth/totp/disable", body),
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: twoStepKeys.status() });
      await options.onSuccess?.(...args);
    },
  });
}

export function useNewRecoveryCodes(options: MutationOpts<RecoveryCodesResponse, { code: string }> = {}) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: (body: { code: string }) => api.post<RecoveryCodesResponse>("/api/v1/auth/totp/recovery-codes", body),
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: twoStepKeys.status() });
      await options.onSuccess?.(...args);
    },
  });
}

// --- administration

export function useMfaPolicy() {
  return useQuery({
    queryKey: twoStepKeys.policy(),
    queryFn: ({ signal }) => api.get<MfaPolicy>("/api/v1/orgs/current/mfa-policy", undefined, signal),
  });
}

export function useUpdateMfaPolicy(options: MutationOpts<MfaPolicy, MfaPolicy> = {}) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: (body: MfaPolicy) => apiRequest<MfaPolicy>("PUT", "/api/v1/orgs/current/mfa-policy", { body }),
    onSuccess: async (...args) => {
      qc.setQueryData(twoStepKeys.policy(), args[0]);
      await options.onSuccess?.(...args);
    },
  });
}

export function useResetUserTwoStep(options: MutationOpts<void, string> = {}) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: (userId: string) => api.post<void>(`/api/v1/users/${userId}/totp/reset`),
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: queryKeys.users.all });
      await options.onSuccess?.(...args);
    },
  });
}
