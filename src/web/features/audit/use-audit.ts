import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type { AuditEntryResponse } from "../../../shared/contracts/platform.ts";
import { api } from "../../api/api-client.ts";
import { queryKeys } from "../../api/query-keys.ts";

export type AuditEntry = z.infer<typeof AuditEntryResponse>;

export interface AuditFilters {
  entity?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  from?: string;
  to?: string;
}

export function useAuditLog(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: queryKeys.audit.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<{ items: AuditEntry[]; nextCursor: string | null }>(
        "/api/v1/audit",
        { ...filters, cursor: pageParam, limit: 50 },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}
