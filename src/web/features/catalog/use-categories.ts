import { type UseMutationOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  CategoryResponse,
  CreateCategoryRequest,
  UpdateCategoryRequest,
} from "../../../shared/contracts/catalog.ts";
import { api } from "../../api/api-client.ts";
import { resourceKeys } from "../../api/query-keys.ts";

export const categoryKeys = resourceKeys("categories");
type MutationOpts<TData, TVars> = Omit<UseMutationOptions<TData, Error, TVars>, "mutationFn">;

/** Categories are few (tens); the tree is built from parentId: one page of up to 500 serves pickers and the admin table. */
export function useCategories(status: "active" | "archived" | "all" = "active") {
  return useQuery({
    queryKey: categoryKeys.list({ status }),
    queryFn: ({ signal }) =>
      api.get<{ items: CategoryResponse[]; nextCursor: string | null }>(
        "/api/v1/categories",
        { status, limit: 500 },
        signal,
      ),
    select: (page) => page.items,
    staleTime: 60_000,
  });
}

export function useSaveCategory(
  options: MutationOpts<
    CategoryResponse,
    { id?: string; body: CreateCategoryRequest | UpdateCategoryRequest; idempotencyKey: string }
  > = {},
) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: ({ id, body, idempotencyKey }) =>
      id
        ? api.patch<CategoryResponse>(`/api/v1/categories/${id}`, body)
        : api.post<CategoryResponse>("/api/v1/categories", body, idempotencyKey),
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: categoryKeys.all });
      await options.onSuccess?.(...args);
    },
  });
}

export function useSetCategoryArchived(
  options: MutationOpts<CategoryResponse, { id: string; archived: boolean }> = {},
) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: ({ id, archived }) =>
      api.post<CategoryResponse>(`/api/v1/categories/${id}/${archived ? "archive" : "restore"}`),
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: categoryKeys.all });
      await options.onSuccess?.(...args);
    },
  });
}
