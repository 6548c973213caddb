import { type UseMutationOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { NotificationResponse, UnreadCountResponse } from "../../../shared/contracts/platform.ts";
import { api } from "../../api/api-client.ts";
import { queryKeys } from "../../api/query-keys.ts";

export type AppNotification = z.infer<typeof NotificationResponse>;
type UnreadCount = z.infer<typeof UnreadCountResponse>;

type MutationOpts<TData, TVars> = Omit<UseMutationOptions<TData, Error, TVars>, "mutationFn">;

const POLL_MS = 30_000;

export function useUnreadCount() {
  return useQuery({
    queryKey: queryKeys.notifications.unreadCount(),
    queryFn: ({ signal }) => api.get<UnreadCount>("/api/v1/notifications/unread-count", undefined, signal),
    select: (r) => r.unread,
    refetchInterval: POLL_MS,
  });
}

export function useRecentNotifications(enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.notifications.list({ recent: true }),
    queryFn: ({ signal }) =>
      api.get<{ items: AppNotification[]; nextCursor: string | null }>("/api/v1/notifications", { limit: 15 }, signal),
    select: (r) => r.items,
    enabled,
  });
}

export function useMarkNotificationRead(options: MutationOpts<void, string> = {}) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: (id: string) => api.post<void>(`/api/v1/notifications/${id}/read`),
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: queryKeys.notifications.all });
      await options.onSuccess?.(...args);
    },
  });
}

export function useMarkAllNotificationsRead(options: MutationOpts<void, void> = {}) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: () => api.post<void>("/api/v1/notifications/read-all"),
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: queryKeys.notifications.all });
      await options.onSuccess?.(...args);
    },
  });
}
