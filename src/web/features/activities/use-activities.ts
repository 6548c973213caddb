// Activities' data: one hook per endpoint of /api/v1/crm/activities and /my-day (shared/contracts/activities.ts).
// A write may change any record's list, the timeline and "my day": writes invalidate all of them.
import { type UseMutationOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  ActivitiesResponse,
  ActivityResponse,
  CreateActivityRequest,
  MyDayResponse,
  RecordRefInput,
  UpdateActivityRequest,
} from "../../../shared/contracts/activities.ts";
import { api, apiRequest } from "../../api/api-client.ts";

const BASE = "/api/v1/crm/activities";

export const activityKeys = {
  all: ["activities"] as const,
  of: (ref: RecordRefInput | null) => ["activities", "of", ref] as const,
  myDay: (date: string | undefined) => ["activities", "my-day", date] as const,
};

type MutationOpts<TData, TVars> = Omit<UseMutationOptions<TData, Error, TVars>, "mutationFn">;

/** The activities of a record (or, with none, the caller's own). */
export function useActivities(ref: RecordRefInput | null) {
  return useQuery({
    queryKey: activityKeys.of(ref),
    queryFn: ({ signal }) =>
      api.get<ActivitiesResponse>(BASE, ref ? { recordType: ref.type, recordId: ref.id, limit: 100 } : {}, signal),
  });
}

export function useMyDay(date?: string) {
  return useQuery({
    queryKey: activityKeys.myDay(date),
    queryFn: ({ signal }) => api.get<MyDayResponse>("/api/v1/crm/my-day", date ? { date } : {}, signal),
  });
}

function useInvalidate() {
  const qc = useQueryClient();
  return async () => {
    await qc.invalidateQueries({ queryKey: activityKeys.all });
    // The timeline of the records shows activities too.
    await qc.invalidateQueries({ queryKey: ["crm-records", "timeline"] });
  };
}

export function useLogActivity(
  options: MutationOpts<ActivityResponse, { body: z.input<typeof CreateActivityRequest>; idempotencyKey: string }> = {},
) {
  const invalidate = useInvalidate();
  return useMutation({
    ...options,
    mutationFn: ({ body, idempotencyKey }) => api.post<ActivityResponse>(BASE, body, idempotencyKey),
    onSuccess: async (...args) => {
      await invalidate();
      await options.onSuccess?.(...args);
    },
  });
}

export function useUpdateActivity(
  options: MutationOpts<ActivityResponse, { id: string; body: z.input<typeof UpdateActivityRequest> }> = {},
) {
  const invalidate = useInvalidate();
  return useMutation({
    ...options,
    mutationFn: ({ id, body }) => apiRequest<ActivityResponse>("PATCH", `${BASE}/${id}`, { body }),
    onSuccess: async (...args) => {
      await invalidate();
      await options.onSuccess?.(...args);
    },
  });
}
