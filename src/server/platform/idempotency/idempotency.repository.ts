import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { Executor } from "../../db/transaction.ts";

/**
 * Claims a key and returns the claim's token; null when another request holds it or has answered it. A
 * claim older than `leaseSeconds` that never committed (its process died, or it is still hanging) is taken
 * over by a retry with the same request.
 */
export async function claimKey(
  db: Executor,
  k: { orgId: string; callerId: string; key: string; requestHash: string },
  leaseSeconds: number,
): Promise<string | null> {
  const token = randomUUID();
  const r = await sql<{ claim_token: string }>`
    insert into idempotency_keys (org_id, caller_id, key, request_hash, claim_token)
    values (${k.orgId}, ${k.callerId}, ${k.key}, ${k.requestHash}, ${token})
    on conflict (org_id, caller_id, key) do update set claim_token = excluded.claim_token, created_at = now()
      where idempotency_keys.status_code is null and idempotency_keys.committed_at is null
        and idempotency_keys.request_hash = excluded.request_hash
        and idempotency_keys.created_at < now() - make_interval(secs => ${leaseSeconds})
    returning claim_token`.execute(db);
  return r.rows[0]?.claim_token ?? null;
}

/** Inside the request's transaction: its work commits under this claim. False when the claim was taken over. */
export async function markCommitted(
  db: Executor,
  k: { orgId: string; callerId: string; key: string; token: string },
): Promise<boolean> {
  const r = await db
    .updateTable("idempotency_keys")
    .set({ committed_at: sql<Date>`now()` })
    .where("org_id", "=", k.orgId)
    .where("caller_id", "=", k.callerId)
    .where("key", "=", k.key)
    .where("claim_token", "=", k.token)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
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
  k: { orgId: string; callerId: string; key: string; token: string },
  r: { statusCode: number; body: string; contentType: string | null },
): Promise<void> {
  await db
    .updateTable("idempotency_keys")
    .set({ status_code: r.statusCode, response_body: r.body, content_type: r.contentType })
    .where("org_id", "=", k.orgId)
    .where("caller_id", "=", k.callerId)
    .where("key", "=", k.key)
    .where("claim_token", "=", k.token)
    .execute();
}

export async function releaseKey(
  db: Executor,
  k: { orgId: string; callerId: string; key: string; token: string },
): Promise<void> {
  await db
    .deleteFrom("idempotency_keys")
    .where("org_id", "=", k.orgId)
    .where("caller_id", "=", k.callerId)
    .where("key", "=", k.key)
    .where("claim_token", "=", k.token)
    .where("committed_at", "is", null)
    .execute();
}

export async function purgeOldKeys(db: Executor, olderThanHours: number): Promise<number> {
  const r = await db
    .deleteFrom("idempotency_keys")
    .where("created_at", "<", sql<Date>`now() - make_interval(hours => ${olderThanHours})`)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
