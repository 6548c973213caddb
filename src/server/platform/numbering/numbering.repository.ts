// Gap-free document numbers per org and series. The counter row is locked until the transaction ends, so
// callers take a number as the LAST statement of their transaction: concurrent documents of one series
// queue only for the commit, not for the whole use case.
import { sql } from "kysely";
import type { Executor } from "../../db/transaction.ts";

export async function nextDocumentNumber(db: Executor, orgId: string, series: string): Promise<number> {
  const row = await sql<{ value: number }>`
    insert into document_counters (org_id, series, next_value) values (${orgId}, ${series}, 2)
    on conflict (org_id, series) do update set next_value = document_counters.next_value + 1
    returning next_value - 1 as value`.execute(db);
  const value = row.rows[0]?.value;
  if (value === undefined) throw new Error("document counter returned nothing");
  return value;
}

export const formatNumber = (prefix: string, n: number, width = 7) => `${prefix}-${String(n).padStart(width, "0")}`;
