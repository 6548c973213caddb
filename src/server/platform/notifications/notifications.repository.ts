import { sql } from "kysely";
import type { Executor } from "../../db/transaction.ts";

export interface NewNotification {
  orgId: string;
  id: string;
  userId: string;
  kind: string;
  titleBn: string;
  titleEn: string;
  bodyBn: string | null;
  bodyEn: string | null;
  link: string | null;
}

export async function insertNotifications(db: Executor, rows: NewNotification[]): Promise<void> {
  if (!rows.length) return;
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto("notifications")
      .values(
        rows.slice(i, i + 500).map((n) => ({
          org_id: n.orgId,
          id: n.id,
          user_id: n.userId,
          kind: n.kind,
          title_bn: n.titleBn,
          title_en: n.titleEn,
          body_bn: n.bodyBn,
          body_en: n.bodyEn,
          link: n.link,
        })),
      )
      .execute();
  }
}

export function listNotifications(
  db: Executor,
  orgId: string,
  userId: string,
  f: { unreadOnly: boolean; beforeId?: string | undefined; limit: number },
) {
  let q = db.selectFrom("notifications").selectAll().where("org_id", "=", orgId).where("user_id", "=", userId);
  if (f.unreadOnly) q = q.where("read_at", "is", null);
  if (f.beforeId) q = q.where("id", "<", f.beforeId);
  return q
    .orderBy("id", "desc")
    .limit(f.limit + 1)
    .execute();
}

export async function countUnread(db: Executor, orgId: string, userId: string): Promise<number> {
  const row = await db
    .selectFrom("notifications")
    .select(sql<number>`count(*)`.as("n"))
    .where("org_id", "=", orgId)
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks read; returns how many rows belonged to the user (0 means no such notification for them). */
export async function markRead(db: Executor, orgId: string, userId: string, id?: string): Promise<number> {
  let q = db
    .updateTable("notifications")
    .set({ read_at: sql<Date>`coalesce(read_at, now())` })
    .where("org_id", "=", orgId)
    .where("user_id", "=", userId);
  q = id ? q.where("id", "=", id) : q.where("read_at", "is", null);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function existingUserIds(db: Executor, orgId: string, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await db.selectFrom("users").select("id").where("org_id", "=", orgId).where("id", "in", ids).execute();
  return rows.map((r) => r.id);
}
