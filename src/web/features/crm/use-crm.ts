// The CRM records screens' data (contacts, accounts, custom fields, segments, timeline): one hook per endpoint of
// /api/v1/crm (the contract is shared/contracts/crm.ts). Writes invalidate the lists they may change.
import {
  keepPreviousData,
  type UseMutationOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type {
  AccountDetailResponse,
  AccountListResponse,
  AccountResponse,
  ContactListResponse,
  ContactResponse,
  CreateAccountRequest,
  CreateContactRequest,
  CreateCustomFieldRequest,
  CreateSegmentRequest,
  CrmEntity,
  CrmFilter,
  CustomFieldResponse,
  NetworkAccountItem,
  SegmentMembersResponse,
  SegmentResponse,
  TimelineResponse,
  UpdateCustomFieldRequest,
  UpdateSegmentRequest,
} from "../../../shared/contracts/crm.ts";
import { api, apiRequest, type QueryValue } from "../../api/api-client.ts";

const BASE = "/api/v1/crm";
const PAGE_SIZE = 50;

export const crmKeys = {
  all: ["crm-records"] as const,
  accounts: (q: object) => ["crm-records", "accounts", q] as const,
  account: (id: string) => ["crm-records", "account", id] as const,
  network: (q: object) => ["crm-records", "network", q] as const,
  contacts: (q: object) => ["crm-records", "contacts", q] as const,
  contact: (id: string) => ["crm-records", "contact", id] as const,
  fields: (entity: string, archived: boolean) => ["crm-records", "fields", entity, archived] as const,
  segments: (entity: string) => ["crm-records", "segments", entity] as const,
  members: (id: string) => ["crm-records", "members", id] as const,
  timeline: (type: string, id: string) => ["crm-records", "timeline", type, id] as const,
};

type MutationOpts<TData, TVars> = Omit<UseMutationOptions<TData, Error, TVars>, "mutationFn">;

export interface ListParams {
  q?: string | undefined;
  status?: "active" | "archived" | "all" | undefined;
  filter?: CrmFilter | undefined;
  segmentId?: string | undefined;
  accountId?: string | undefined;
  kind?: "company" | "outlet" | "distributor" | undefined;
}

const listQuery = (p: ListParams): Record<string, QueryValue> => ({
  q: p.q || undefined,
  status: p.status,
  filter: p.filter?.all.length ? JSON.stringify(p.filter) : undefined,
  segmentId: p.segmentId,
  accountId: p.accountId,
  kind: p.kind,
});

export function useAccounts(params: ListParams) {
  return useInfiniteQuery({
    queryKey: crmKeys.accounts(params),
    queryFn: ({ pageParam, signal }) =>
      api.get<AccountListResponse>(
        `${BASE}/accounts`,
        { ...listQuery(params), cursor: pageParam, limit: PAGE_SIZE },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useNetworkAccounts(params: { kind: "outlet" | "distributor"; q?: string | undefined }, enabled = true) {
  return useInfiniteQuery({
    queryKey: crmKeys.network(params),
    queryFn: ({ pageParam, signal }) =>
      api.get<{ items: NetworkAccountItem[]; nextCursor: string | null }>(
        `${BASE}/accounts/network`,
        { kind: params.kind, q: params.q || undefined, cursor: pageParam, limit: PAGE_SIZE },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useAccount(id: string) {
  return useQuery({
    queryKey: crmKeys.account(id),
    queryFn: ({ signal }) => api.get<AccountDetailResponse>(`${BASE}/accounts/${id}`, undefined, signal),
  });
}

export function useContacts(params: ListParams, enabled = true) {
  return useInfiniteQuery({
    queryKey: crmKeys.contacts(params),
    queryFn: ({ pageParam, signal }) =>
      api.get<ContactListResponse>(
        `${BASE}/contacts`,
        { ...listQuery(params), cursor: pageParam, limit: PAGE_SIZE },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useContact(id: string) {
  return useQuery({
    queryKey: crmKeys.contact(id),
    queryFn: ({ signal }) => api.get<ContactResponse>(`${BASE}/contacts/${id}`, undefined, signal),
  });
}

export function useCustomFields(entity: CrmEntity, includeArchived = false) {
  return useQuery({
    queryKey: crmKeys.fields(entity, includeArchived),
    queryFn: ({ signal }) =>
      api.get<{ items: CustomFieldResponse[] }>(
        `${BASE}/custom-fields`,
        { entity, includeArchived: includeArchived ? "true" : "false" },
        signal,
      ),
    select: (d) => d.items,
  });
}

export function useSegments(entity: "contact" | "account") {
  return useQuery({
    queryKey: crmKeys.segments(entity),
    queryFn: ({ signal }) => api.get<{ items: SegmentResponse[] }>(`${BASE}/segments`, { entity }, signal),
    select: (d) => d.items,
  });
}

export function useSegmentMembers(id: string | null) {
  return useQuery({
    queryKey: crmKeys.members(id ?? ""),
    queryFn: ({ signal }) => api.get<SegmentMembersResponse>(`${BASE}/segments/${id}/members`, { limit: 50 }, signal),
    enabled: id !== null,
  });
}

export function useTimeline(type: string, id: string) {
  return useInfiniteQuery({
    queryKey: crmKeys.timeline(type, id),
    queryFn: ({ pageParam, signal }) =>
      api.get<TimelineResponse>(`${BASE}/timeline`, { type, id, before: pageParam, limit: 30 }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
}

function useWrite<TData, TVars>(
  fn: (vars: TVars) => Promise<TData>,
  options: MutationOpts<TData, TVars>,
): ReturnType<typeof useMutation<TData, Error, TVars>> {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: fn,
    onSuccess: async (data, vars, result, context) => {
      await qc.invalidateQueries({ queryKey: crmKeys.all });
      await options.onSuccess?.(data, vars, result, context);
    },
  });
}

export const useCreateAccount = (o: MutationOpts<AccountResponse, CreateAccountRequest> = {}) =>
  useWrite((body) => api.post<AccountResponse>(`${BASE}/accounts`, body), o);
export const useUpdateAccount = (
  o: MutationOpts<AccountResponse, { id: string; body: Partial<CreateAccountRequest> }> = {},
) => useWrite(({ id, body }) => api.patch<AccountResponse>(`${BASE}/accounts/${id}`, body), o);
export const useArchiveAccount = (o: MutationOpts<AccountResponse, { id: string; archived: boolean }> = {}) =>
  useWrite(
    ({ id, archived }) => api.post<AccountResponse>(`${BASE}/accounts/${id}/${archived ? "archive" : "restore"}`),
    o,
  );
export const useOpenNetworkAccount = (
  o: MutationOpts<{ id: string }, { kind: "outlet" | "distributor"; id: string }> = {},
) => useWrite(({ kind, id }) => api.post<{ id: string }>(`${BASE}/accounts/for-${kind}/${id}`), o);

export const useCreateContact = (o: MutationOpts<ContactResponse, CreateContactRequest> = {}) =>
  useWrite((body) => api.post<ContactResponse>(`${BASE}/contacts`, body), o);
export const useUpdateContact = (
  o: MutationOpts<ContactResponse, { id: string; body: Partial<CreateContactRequest> }> = {},
) => useWrite(({ id, body }) => api.patch<ContactResponse>(`${BASE}/contacts/${id}`, body), o);
export const useArchiveContact = (o: MutationOpts<ContactResponse, { id: string; archived: boolean }> = {}) =>
  useWrite(
    ({ id, archived }) => api.post<ContactResponse>(`${BASE}/contacts/${id}/${archived ? "archive" : "restore"}`),
    o,
  );

export const useCreateCustomField = (o: MutationOpts<CustomFieldResponse, CreateCustomFieldRequest> = {}) =>
  useWrite((body) => api.post<CustomFieldResponse>(`${BASE}/custom-fields`, body), o);
export const useUpdateCustomField = (
  o: MutationOpts<CustomFieldResponse, { id: string; body: UpdateCustomFieldRequest }> = {},
) => useWrite(({ id, body }) => api.patch<CustomFieldResponse>(`${BASE}/custom-fields/${id}`, body), o);

export const useCreateSegment = (o: MutationOpts<SegmentResponse, CreateSegmentRequest> = {}) =>
  useWrite((body) => api.post<SegmentResponse>(`${BASE}/segments`, body), o);
export const useUpdateSegment = (o: MutationOpts<SegmentResponse, { id: string; body: UpdateSegmentRequest }> = {}) =>
  useWrite(({ id, body }) => api.patch<SegmentResponse>(`${BASE}/segments/${id}`, body), o);
export const useDeleteSegment = (o: MutationOpts<null, string> = {}) =>
  useWrite((id) => apiRequest<null>("DELETE", `${BASE}/segments/${id}`), o);
