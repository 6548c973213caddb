// Saved segments (crm_segments): a named filter over contacts or accounts, private to its owner or shared.
import type { Insertable, Selectable, Updateable } from "kysely";
import type { CrmSegmentsTable } from "../db/database.ts";
import type { Executor } from "../db/transaction.ts";

export type SegmentRow = Selectable<CrmSegmentsTable> & { owner_name: string | null };

function selectSegments(db: Executor, orgId: string) {
  return db
    .selectFrom("crm_segments as s")
    .leftJoin("users as u", (j) => j.onRef("u.org_id", "=", "s.org_id").onRef("u.id", "=", "s.owner_user_id"))
    .selectAll("s")
    .select("u.name as owner_name")
    .where("s.org_id", "=", orgId)
    .where("s.archived_at", "is", null);
}

/** The segments a user may use: shared ones and their own. */
export function listSegments(
  db: Executor,
  orgId: string,
  userId: string,
  entity: CrmSegmentsTable["entity"] | undefined,
): Promise<SegmentRow[]> {
  let q = selectSegments(db, orgId).where((eb) =>
    eb.or([eb("s.shared", "=", true), eb("s.owner_user_id", "=", userId)]),
  );
  if (entity) q = q.where("s.entity", "=", entity);
  return q.orderBy("s.name").orderBy("s.id").execute();
}

export function findSegment(db: Executor, orgId: string, id: string): Promise<SegmentRow | undefined> {
  return selectSegments(db, orgId).where("s.id", "=", id).executeTakeFirst();
}

export async function insertSegment(db: Executor, row: Insertable<CrmSegmentsTable>) {
  await db.insertInto("crm_segments").values(row).execute();
}

export async function updateSegment(db: Executor, orgId: string, id: string, set: Updateable<CrmSegmentsTable>) {
  await db
    .updateTable("crm_segments")
    .set({ ...set, updated_at: new Date() })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}
