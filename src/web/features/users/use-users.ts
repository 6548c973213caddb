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
  CreateUserRequest,
  InviteResponse,
  UpdateUserRequest,
  UserCreatedResponse,
  UserListQuery,
  UserResponse,
} from "../../../shared/contracts/users.ts";
import { api } from "../../api/api-client.ts";
import { queryKeys } from "../../api/query-keys.ts";

export type UserCreated = z.infer<typeof UserCreatedResponse>;
export type Invite = z.infer<typeof InviteResponse>;
export type UserFilters = Partial<Pick<UserListQuery, "q" | "role" | "status" | "territoryId">>;

interface UserPage {
  items: UserResponse[];
  nextCursor: string | null;
}

type MutationOpts<TData, TVars> = Omit<UseMutationOptions<TData, Error, TVars>, "mutationFn">;

const PAGE_SIZE = 50;

export function useUsers(filters: UserFilters) {
  return useInfiniteQuery({
    queryKey: queryKeys.users.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<UserPage>("/api/v1/users", { ...filters, cursor: pageParam, limit: PAGE_SIZE }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useUser(id: string | undefined) {
  return useQuery({
    queryKey: queryKeys.users.detail(id ?? ""),
    queryFn: ({ signal }) => api.get<UserResponse>(`/api/v1/users/${id}`, undefined, signal),
    enabled: Boolean(id),
  });
}

/** Create a user; `idempotencyKey` is made once per form submission and reused if it is retried. */
export function useCreateUser(
  options: MutationOpts<UserCreated, { body: CreateUserRequest; idempotencyKey: string }> = {},
) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: ({ body, idempotencyKey }) => api.post<UserCreated>("/api/v1/users", body, idempotencyKey),
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: queryKeys.users.lists() });
      await options.onSuccess?.(...args);
    },
  });
}

export function useUpdateUser(options: MutationOpts<UserResponse, { id: string; body: UpdateUserRequest }> = {}) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: ({ id, body }) => api.patch<UserResponse>(`/api/v1/users/${id}`, body),
    onSuccess: async (...args) => {
      qc.setQueryData(queryKeys.users.detail(args[0].id), args[0]);
      await qc.invalidateQueries({ queryKey: queryKeys.users.lists() });
      await options.onSuccess?.(...args);
    },
  });
}

function useUserAction(action: "deactivate" | "reactivate", options: MutationOpts<UserResponse, string>) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: (id: string) => api.post<UserResponse>(`/api/v1/users/${id}/${action}`),
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: queryKeys.users.all });
      await options.onSuccess?.(...args);
    },
  });
}

export const useDeactivateUser = (options: MutationOpts<UserResponse, string> = {}) =>
  useUserAction("deactivate", options);

export const useReactivateUser = (options: MutationOpts<UserResponse, string> = {}) =>
  useUserAction("reactivate", options);

export function useSendInvite(options: MutationOpts<Invite, { id: string; idempotencyKey: string }> = {}) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: ({ id, idempotencyKey }) => api.post<Invite>(`/api/v1/users/${id}/invite`, undefined, idempotencyKey),
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: queryKeys.users.all });
      await options.onSuccess?.(...args);
    },
  });
}
