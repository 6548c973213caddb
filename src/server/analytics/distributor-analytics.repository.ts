// SQL of the distributors' dashboard: which distributors a slice holds, and their secondary sales from the rollups.
import { sql } from "kysely";
import type { Executor } from "../db/transaction.ts";
import { distributorScopeFilter } from "../network/distributors.repository.ts";
import type { Scope } from "../platform/access.ts";

/**
 * The distributors of a slice, by the network module's own rule for a scope (based in the subtree or covering any
 * of it; one distributor; the whole org), archived ones included: their dues and history still count.
 */
export function distributorsOf(db: Executor, orgId: string, scope: Scope) {
  return db
    .selectFrom("distributors as d")
    .select(["d.id", "d.code", "d.name", "d.name_bn", "d.archived_at"])
    .where("d.org_id", "=", orgId)
    .where(distributorScopeFilter(db, orgId, scope))
    .orderBy("d.name")
    .orderBy("d.id")
    .execute();
}

/** Secondary sales of these distributors over the period, wherever booked: ordered and delivered value. */
export async function secondaryByDistributor(
  db: Executor,
  orgId: string,
  f: { distributorIds: readonly string[]; from: string; to: string },
) {
  if (f.distributorIds.length === 0) return [];
  const r = await sql<{ distributor_id: string; ordered: number; delivered: number }>`
    select distributor_id, sum(ordered_poisha)::bigint as ordered, sum(delivered_poisha)::bigint as delivered
    from territory_sales_daily
    where org_id = ${orgId} and distributor_id = any(${sql.val(f.distributorIds)}::uuid[])
      and day between ${f.from}::date and ${f.to}::date
    group by distributor_id`.execute(db);
  return r.rows;
}
