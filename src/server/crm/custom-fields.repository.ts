// The org's custom field definitions (crm_custom_fields).
import type { Insertable, Selectable, Updateable } from "kysely";
import type { CrmCustomFieldsTable } from "../db/database.ts";
import type { Executor } from "../db/transaction.ts";

export type CustomFieldRow = Selectable<CrmCustomFieldsTable>;

export function listFields(
  db: Executor,
  orgId: string,
  q: { entity?: CrmCustomFieldsTable["entity"] | undefined; includeArchived: boolean },
) {
  let query = db.selectFrom("crm_custom_fields").selectAll().where("org_id", "=", orgId);
  if (q.entity) query = query.where("entity", "=", q.entity);
  if (!q.includeArchived) query = query.where("archived_at", "is", null);
  return query.orderBy("entity").orderBy("position").orderBy("key").execute();
}

export function findField(db: Executor, orgId: string, id: string) {
  return db
    .selectFrom("crm_custom_fields")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function insertField(db: Executor, row: Insertable<CrmCustomFieldsTable>): Promise<boolean> {
  const r = await db
    .insertInto("crm_custom_fields")
    .values(row)
    .onConflict((oc) => oc.columns(["org_id", "entity", "key"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return r !== undefined;
}

export async function updateField(db: Executor, orgId: string, id: string, set: Updateable<CrmCustomFieldsTable>) {
  await db
    .updateTable("crm_custom_fields")
    .set({ ...set, updated_at: new Date() })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

export async function nextPosition(db: Executor, orgId: string, entity: CrmCustomFieldsTable["entity"]) {
  const r = await db
    .selectFrom("crm_custom_fields")
    .select((eb) => eb.fn.max("position").as("max"))
    .where("org_id", "=", orgId)
    .where("entity", "=", entity)
    .executeTakeFirst();
  return (r?.max ?? -1) + 1;
}
