// The loyalty and survey screens' data: one hook per endpoint of /api/v1/loyalty and /api/v1/surveys (the contract is
// shared/contracts/loyalty.ts). A write may change balances, lists and statements, so writes invalidate the area.
import { type UseMutationOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  EarnRunResponse,
  InvitationResponse,
  InvitationsResponse,
  InviteRequest,
  MemberResponse,
  MembersResponse,
  ProgramRequest,
  ProgramResponse,
  ProgramsResponse,
  PublicSurveyResponse,
  RedemptionResponse,
  RedemptionsResponse,
  ReferralsResponse,
  ResultsResponse,
  RewardRequest,
  RewardResponse,
  RewardsResponse,
  StatementResponse,
  SurveyRequest,
  SurveyResponse,
  SurveySegment,
  SurveysResponse,
} from "../../../shared/contracts/loyalty.ts";
import { api, apiRequest, type QueryValue } from "../../api/api-client.ts";

const L = "/api/v1/loyalty";
const S = "/api/v1/surveys";

export const loyaltyKeys = {
  all: ["loyalty"] as const,
  programs: () => ["loyalty", "programs"] as const,
  members: (q: object) => ["loyalty", "members", q] as const,
  statement: (id: string, q: object) => ["loyalty", "statement", id, q] as const,
  rewards: (programId?: string) => ["loyalty", "rewards", programId ?? null] as const,
  redemptions: (q: object) => ["loyalty", "redemptions", q] as const,
  referrals: () => ["loyalty", "referrals"] as const,
};
export const surveyKeys = {
  all: ["surveys"] as const,
  list: () => ["surveys", "list"] as const,
  invitations: (id: string) => ["surveys", "invitations", id] as const,
  results: (id: string, q: object) => ["surveys", "results", id, q] as const,
  public: (token: string) => ["surveys", "public", token] as const,
};

type MutationOpts<TData, TVars> = Omit<UseMutationOptions<TData, Error, TVars>, "mutationFn">;

function useWrite<TData, TVars>(
  key: readonly string[],
  fn: (vars: TVars) => Promise<TData>,
  options: MutationOpts<TData, TVars>,
) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: fn,
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: key });
      await options.onSuccess?.(...args);
    },
  });
}

export const usePrograms = () =>
  useQuery({
    queryKey: loyaltyKeys.programs(),
    queryFn: ({ signal }) => api.get<ProgramsResponse>(`${L}/programs`, undefined, signal),
  });

export const useSaveProgram = (
  options: MutationOpts<ProgramResponse, { id?: string; body: z.input<typeof ProgramRequest> }> = {},
) =>
  useWrite(
    loyaltyKeys.all,
    ({ id, body }) =>
      id
        ? apiRequest<ProgramResponse>("PUT", `${L}/programs/${id}`, { body })
        : api.post<ProgramResponse>(`${L}/programs`, body),
    options,
  );

export interface MemberListParams {
  programId?: string | undefined;
  q?: string | undefined;
}
export const useMembers = (params: MemberListParams) =>
  useQuery({
    queryKey: loyaltyKeys.members(params),
    queryFn: ({ signal }) =>
      api.get<MembersResponse>(`${L}/members`, { ...params, limit: 200 } as Record<string, QueryValue>, signal),
  });

export const useEnrol = (options: MutationOpts<MemberResponse, { programId: string; accountId: string }> = {}) =>
  useWrite(loyaltyKeys.all, (body) => api.post<MemberResponse>(`${L}/members`, body), options);

export const useStatement = (id: string | undefined, q: { from?: string | undefined; to?: string | undefined }) =>
  useQuery({
    queryKey: loyaltyKeys.statement(id ?? "", q),
    queryFn: ({ signal }) =>
      api.get<StatementResponse>(`${L}/members/${id}/statement`, q as Record<string, QueryValue>, signal),
    enabled: Boolean(id),
  });

export const statementCsvUrl = (id: string, q: { from?: string | undefined; to?: string | undefined }) => {
  const params = new URLSearchParams();
  if (q.from) params.set("from", q.from);
  if (q.to) params.set("to", q.to);
  const qs = params.toString();
  return `${L}/members/${id}/statement.csv${qs ? `?${qs}` : ""}`;
};

export const useAdjust = (options: MutationOpts<MemberResponse, { id: string; points: number; note: string }> = {}) =>
  useWrite(
    loyaltyKeys.all,
    ({ id, ...body }) => api.post<MemberResponse>(`${L}/members/${id}/adjustments`, body),
    options,
  );

export const useRewards = (programId?: string) =>
  useQuery({
    queryKey: loyaltyKeys.rewards(programId),
    queryFn: ({ signal }) => api.get<RewardsResponse>(`${L}/rewards`, { programId }, signal),
  });

export const useSaveReward = (
  options: MutationOpts<RewardResponse, { id?: string; body: z.input<typeof RewardRequest> }> = {},
) =>
  useWrite(
    loyaltyKeys.all,
    ({ id, body }) =>
      id
        ? apiRequest<RewardResponse>("PUT", `${L}/rewards/${id}`, { body })
        : api.post<RewardResponse>(`${L}/rewards`, body),
    options,
  );

export const useRedeem = (options: MutationOpts<RedemptionResponse, { memberId: string; rewardId: string }> = {}) =>
  useWrite(
    loyaltyKeys.all,
    ({ memberId, rewardId }) => api.post<RedemptionResponse>(`${L}/members/${memberId}/redemptions`, { rewardId }),
    options,
  );

export const useRedemptions = (q: { status?: string | undefined; memberId?: string | undefined }) =>
  useQuery({
    queryKey: loyaltyKeys.redemptions(q),
    queryFn: ({ signal }) => api.get<RedemptionsResponse>(`${L}/redemptions`, q, signal),
  });

export const useSettleRedemption = (
  options: MutationOpts<RedemptionResponse, { id: string; action: "fulfil" | "cancel" }> = {},
) =>
  useWrite(
    loyaltyKeys.all,
    ({ id, action }) => api.post<RedemptionResponse>(`${L}/redemptions/${id}/${action}`),
    options,
  );

export const useEarnRun = (options: MutationOpts<EarnRunResponse, void> = {}) =>
  useWrite(loyaltyKeys.all, () => api.post<EarnRunResponse>(`${L}/earn-runs`), options);

export const useReferrals = () =>
  useQuery({
    queryKey: loyaltyKeys.referrals(),
    queryFn: ({ signal }) => api.get<ReferralsResponse>(`${L}/referrals`, undefined, signal),
  });

// --- surveys

export const useSurveys = () =>
  useQuery({ queryKey: surveyKeys.list(), queryFn: ({ signal }) => api.get<SurveysResponse>(S, undefined, signal) });

export const useSaveSurvey = (
  options: MutationOpts<SurveyResponse, { id?: string; body: z.input<typeof SurveyRequest> }> = {},
) =>
  useWrite(
    surveyKeys.all,
    ({ id, body }) =>
      id ? apiRequest<SurveyResponse>("PUT", `${S}/${id}`, { body }) : api.post<SurveyResponse>(S, body),
    options,
  );

export const useInvitations = (id: string | undefined) =>
  useQuery({
    queryKey: surveyKeys.invitations(id ?? ""),
    queryFn: ({ signal }) => api.get<InvitationsResponse>(`${S}/${id}/invitations`, undefined, signal),
    enabled: Boolean(id),
  });

export const useInvite = (
  options: MutationOpts<InvitationResponse, { id: string; body: z.input<typeof InviteRequest> }> = {},
) => useWrite(surveyKeys.all, ({ id, body }) => api.post<InvitationResponse>(`${S}/${id}/invitations`, body), options);

export const useSurveyResults = (id: string | undefined, segment: SurveySegment) =>
  useQuery({
    queryKey: surveyKeys.results(id ?? "", { segment }),
    queryFn: ({ signal }) => api.get<ResultsResponse>(`${S}/${id}/results`, { segment }, signal),
    enabled: Boolean(id),
  });

export const usePublicSurvey = (token: string) =>
  useQuery({
    queryKey: surveyKeys.public(token),
    queryFn: ({ signal }) => api.get<PublicSurveyResponse>(`/api/v1/public/surveys/${token}`, undefined, signal),
    retry: false,
  });

export const useAnswerSurvey = (
  token: string,
  options: MutationOpts<{ answered: true }, { score: number; comment?: string; locale: "bn" | "en" }> = {},
) =>
  useWrite(
    surveyKeys.public(token),
    (body) => api.post<{ answered: true }>(`/api/v1/public/surveys/${token}`, body),
    options,
  );
