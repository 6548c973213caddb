// The leads screens' data: one hook per endpoint of /api/v1/crm/leads, lead forms and assignment rules (the contract
// is shared/contracts/leads.ts). A write may change any list (a merge closes leads, a conversion moves one out of
// the open view), so writes invalidate every leads query; a mutation runs the caller's onSuccess after that.
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
  AssignmentRuleList,
  ConvertLeadRequest,
  ConvertLeadResponse,
  CreateLeadFormRequest,
  CreateLeadRequest,
  DuplicateResponse,
  LeadFormList,
  LeadFormResponse,
  LeadImportResult,
  LeadResponse,
  PublicFormResponse,
  PutAssignmentRulesRequest,
  UpdateLeadFormRequest,
  UpdateLeadRequest,
} from "../../../shared/contracts/leads.ts";
import { api, apiRequest, type PageOf, type QueryValue } from "../../api/api-client.ts";

const BASE = "/api/v1/crm/leads";
const FORMS = "/api/v1/crm/lead-forms";
const RULES = "/api/v1/crm/assignment-rules";
const PAGE_SIZE = 50;

export const leadKeys = {
  all: ["leads"] as const,
  list: (q: object) => ["leads", "list", q] as const,
  one: (id: string) => ["leads", "one", id] as const,
  duplicates: (id: string) => ["leads", "duplicates", id] as const,
  forms: ["leads", "forms"] as const,
  rules: ["leads", "rules"] as const,
  publicForm: (key: string) => ["public-form", key] as const,
};

type MutationOpts<TData, TVars> = Omit<UseMutationOptions<TData, Error, TVars>, "mutationFn">;

export interface LeadListParams {
  view?: "open" | "all" | undefined;
  status?: string | undefined;
  source?: string | undefined;
  ownerId?: string | undefined;
  campaign?: string | undefined;
  formId?: string | undefined;
  q?: string | undefined;
}

export function useLeads(params: LeadListParams) {
  return useInfiniteQuery({
    queryKey: leadKeys.list(params),
    queryFn: ({ pageParam, signal }) =>
      api.get<PageOf<LeadResponse>>(
        BASE,
        { ...(params as Record<string, QueryValue>), cursor: pageParam, limit: PAGE_SIZE },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useLead(id: string) {
  return useQuery({
    queryKey: leadKeys.one(id),
    queryFn: ({ signal }) => api.get<LeadResponse>(`${BASE}/${id}`, undefined, signal),
  });
}

export function useLeadDuplicates(id: string, enabled = true) {
  return useQuery({
    queryKey: leadKeys.duplicates(id),
    queryFn: ({ signal }) => api.get<z.infer<typeof DuplicateResponse>>(`${BASE}/${id}/duplicates`, undefined, signal),
    enabled,
  });
}

function useWrite<TData, TVars>(fn: (v: TVars) => Promise<TData>, options: MutationOpts<TData, TVars>) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: fn,
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: leadKeys.all });
      await options.onSuccess?.(...args);
    },
  });
}

export const useCreateLead = (o: MutationOpts<LeadResponse, z.input<typeof CreateLeadRequest>> = {}) =>
  useWrite((body) => api.post<LeadResponse>(BASE, body), o);

export const useUpdateLead = (id: string, o: MutationOpts<LeadResponse, z.input<typeof UpdateLeadRequest>> = {}) =>
  useWrite((body) => api.patch<LeadResponse>(`${BASE}/${id}`, body), o);

export const useMergeLeads = (id: string, o: MutationOpts<LeadResponse, string[]> = {}) =>
  useWrite((mergeIds) => api.post<LeadResponse>(`${BASE}/${id}/merge`, { mergeIds }), o);

export const useConvertLead = (id: string, o: MutationOpts<ConvertLeadResponse, ConvertLeadRequest> = {}) =>
  useWrite((body) => api.post<ConvertLeadResponse>(`${BASE}/${id}/convert`, body), o);

export const useImportLeads = (o: MutationOpts<LeadImportResult, { format: "csv" | "vcard"; text: string }> = {}) =>
  useWrite((body) => api.post<LeadImportResult>(`${BASE}/import`, body), o);

export function useLeadForms(enabled = true) {
  return useQuery({
    queryKey: leadKeys.forms,
    queryFn: ({ signal }) => api.get<LeadFormList>(FORMS, undefined, signal),
    enabled,
  });
}

export const useCreateLeadForm = (o: MutationOpts<LeadFormResponse, z.input<typeof CreateLeadFormRequest>> = {}) =>
  useWrite((body) => api.post<LeadFormResponse>(FORMS, body), o);

export const useUpdateLeadForm = (
  o: MutationOpts<LeadFormResponse, { id: string; body: z.input<typeof UpdateLeadFormRequest> }> = {},
) => useWrite(({ id, body }) => api.patch<LeadFormResponse>(`${FORMS}/${id}`, body), o);

export function useAssignmentRules() {
  return useQuery({
    queryKey: leadKeys.rules,
    queryFn: ({ signal }) => api.get<AssignmentRuleList>(RULES, undefined, signal),
  });
}

export const usePutAssignmentRules = (
  o: MutationOpts<AssignmentRuleList, z.input<typeof PutAssignmentRulesRequest>> = {},
) => useWrite((body) => apiRequest<AssignmentRuleList>("PUT", RULES, { body }), o);

export function usePublicForm(key: string) {
  return useQuery({
    queryKey: leadKeys.publicForm(key),
    queryFn: ({ signal }) => api.get<PublicFormResponse>(`/api/v1/public/forms/${key}`, undefined, signal),
    retry: false,
  });
}

export const useSubmitPublicForm = (
  key: string,
  o: MutationOpts<{ ok: true; message: string; downloadUrl: string | null }, Record<string, string>> = {},
) =>
  useMutation({
    ...o,
    mutationFn: (body) =>
      api.post<{ ok: true; message: string; downloadUrl: string | null }>(
        `/api/v1/public/forms/${key}/submissions`,
        body,
      ),
  });
