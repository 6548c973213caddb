// The caller's scheduled reports: list, create, archive, send now.
import { type UseMutationOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  CreateReportScheduleRequest,
  ReportScheduleListResponse,
  ReportScheduleResponse,
} from "../../../shared/contracts/report-schedules.ts";
import { api, apiRequest } from "../../api/api-client.ts";
import { resourceKeys } from "../../api/query-keys.ts";

export const reportScheduleKeys = resourceKeys("report-schedules");
type MutationOpts<TData, TVars> = Omit<UseMutationOptions<TData, Error, TVars>, "mutationFn">;

export type CreateReportScheduleBody = z.input<typeof CreateReportScheduleRequest>;

const BASE = "/api/v1/analytics/report-schedules";

/** A person keeps a handful of schedules; one page of 200 holds them all. */
export function useReportSchedules() {
  return useQuery({
    queryKey: reportScheduleKeys.list({}),
    queryFn: ({ signal }) => api.get<ReportScheduleListResponse>(BASE, { limit: 200 }, signal),
    select: (page) => page.items,
  });
}

export function useCreateReportSchedule(
  options: MutationOpts<ReportScheduleResponse, { body: CreateReportScheduleBody; idempotencyKey: string }> = {},
) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: ({ body, idempotencyKey }) => api.post<ReportScheduleResponse>(BASE, body, idempotencyKey),
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: reportScheduleKeys.all });
      await options.onSuccess?.(...args);
    },
  });
}

export function useArchiveReportSchedule(options: MutationOpts<unknown, { id: string }> = {}) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: ({ id }) => apiRequest<unknown>("DELETE", `${BASE}/${id}`),
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: reportScheduleKeys.all });
      await options.onSuccess?.(...args);
    },
  });
}

export function useSendReportNow(options: MutationOpts<unknown, { id: string }> = {}) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: ({ id }) => api.post<unknown>(`${BASE}/${id}/send`),
    onSuccess: async (...args) => {
      // The schedule's last sent time and status change.
      await qc.invalidateQueries({ queryKey: reportScheduleKeys.all });
      await options.onSuccess?.(...args);
    },
  });
}
