import { sql } from "kysely";
import type { Executor } from "../../db/transaction.ts";

/** Claims a key; false when another request holds or held it already. */
export async function claimKey(
  db: Executor,
  k: { orgId: string; callerId: string; key: string; requestHash: string },
): Promise<boolean> {
  const r = await db
    .insertInto("idempotency_keys")
    .values({ org_id: k.orgId, caller_id: k.callerId, key: k.key, request_hash: k.requestHash })
    .onConflict((oc) => oc.columns(["org_id", "caller_id", "key"]).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export function findKey(db: Executor, orgId: string, callerId: string, key: string) {
  return db
    .selectFrom("idempotency_keys")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("caller_id", "=", callerId)
    .where("key", "=", key)
    .executeTakeFirst();
}

export async function storeResponse(
  db: Executor,
  k: { orgId: string; callerId: string; key: string },
  r: { statusCode: number; body: string; contentType: string | null },
): Promise<void> {
  await db
    .updateTable("idempotency_keys")
    .set({ status_code: r.statusCode, response_body: r.body, content_type: r.contentType })
    .where("org_id", "=", k.orgId)
    .where("caller_id", "=", k.callerId)
    .where("key", "=", k.key)
    .execute();
}

export async function releaseKey(db: Executor, k: { orgId: string; callerId: string; key: string }): Promise<void> {
  await db
    .deleteFrom("idempotency_keys")
    .where("org_id", "=", k.orgId)
    .where("caller_id", "=", k.callerId)
    .where("key", "=", k.key)
    .execute();
}

export async function purgeOldKeys(db: Executor, olderThanHours: number): Promise<number> {
  const r = await db
    .deleteFrom("idempotency_keys")
    .where("created_at", "<", sql<Date>`now() - make_interval(hours => ${olderThanHours})`)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
