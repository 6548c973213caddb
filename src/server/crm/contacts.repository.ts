// All SQL of CRM contacts (people, optionally at an account).
import { type Insertable, type RawBuilder, type SqlBool, sql, type Updateable } from "kysely";
import type { ContactsTable } from "../db/database.ts";
import { searchCondition } from "../db/text-search.ts";
import type { Executor } from "../db/transaction.ts";
import type { Viewer } from "./accounts.repository.ts";
import { crmScopeCondition } from "./crm-scope.repository.ts";

function selectContacts(db: Executor, orgId: string) {
  return db
    .selectFrom("contacts as c")
    .leftJoin("accounts as a", (j) => j.onRef("a.org_id", "=", "c.org_id").onRef("a.id", "=", "c.account_id"))
    .leftJoin("territories as t", (j) => j.onRef("t.org_id", "=", "c.org_id").onRef("t.id", "=", "c.territory_id"))
    .leftJoin("users as u", (j) => j.onRef("u.org_id", "=", "c.org_id").onRef("u.id", "=", "c.owner_user_id"))
    .where("c.org_id", "=", orgId)
    .selectAll("c")
    .select([
      "a.name as account_name",
      "t.name as territory_name",
      "t.name_bn as territory_name_bn",
      "u.name as owner_name",
    ]);
}

export type ContactRow = NonNullable<Awaited<ReturnType<typeof findContact>>>;

export function findContact(db: Executor, orgId: string, id: string, viewer?: Viewer) {
  let q = selectContacts(db, orgId).where("c.id", "=", id);
  if (viewer) q = q.where(crmScopeCondition(viewer.scope, viewer.userId, "c"));
  return q.executeTakeFirst();
}

/** An active contact with this phone (+880…) or email (lower-case), other than `exceptId`: a likely duplicate. */
export function findDuplicate(
  db: Executor,
  orgId: string,
  keys: { phoneE164: string | null; emailLower: string | null },
  exceptId?: string,
) {
  const { phoneE164, emailLower } = keys;
  if (!phoneE164 && !emailLower) return Promise.resolve(undefined);
  let q = db
    .selectFrom("contacts")
    .select(["id", "name"])
    .where("org_id", "=", orgId)
    .where("archived_at", "is", null)
    .where((eb) =>
      eb.or([
        ...(phoneE164 ? [eb("phone_e164", "=", phoneE164)] : []),
        ...(emailLower ? [eb("email_lower", "=", emailLower)] : []),
      ]),
    );
  if (exceptId) q = q.where("id", "<>", exceptId);
  return q.orderBy("created_at").limit(1).executeTakeFirst();
}

export interface ContactListFilter {
  q?: string | undefined;
  accountId?: string | undefined;
  status: "active" | "archived" | "all";
  condition: RawBuilder<SqlBool>;
}

function listCondition(viewer: Viewer, f: ContactListFilter): RawBuilder<SqlBool> {
  const parts: RawBuilder<SqlBool>[] = [crmScopeCondition(viewer.scope, viewer.userId, "c"), f.condition];
  if (f.accountId) parts.push(sql<SqlBool>`c.account_id = ${f.accountId}::uuid`);
  if (f.status === "active") parts.push(sql<SqlBool>`c.archived_at is null`);
  if (f.status === "archived") parts.push(sql<SqlBool>`c.archived_at is not null`);
  const search = f.q ? searchCondition("c.search_text", f.q) : null;
  if (search) parts.push(search);
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

export function listContacts(
  db: Executor,
  viewer: Viewer,
  f: ContactListFilter,
  page: { after?: { name: string; id: string } | undefined; limit: number },
) {
  let q = selectContacts(db, viewer.orgId).where(listCondition(viewer, f));
  if (page.after) q = q.where(sql<SqlBool>`(c.name, c.id) > (${page.after.name}, ${page.after.id}::uuid)`);
  return q
    .orderBy("c.name")
    .orderBy("c.id")
    .limit(page.limit + 1)
    .execute();
}

export async function countContacts(db: Executor, viewer: Viewer, f: ContactListFilter): Promise<number> {
  const r = await db
    .selectFrom("contacts as c")
    .where("c.org_id", "=", viewer.orgId)
    .where(listCondition(viewer, f))
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function insertContact(db: Executor, row: Insertable<ContactsTable>) {
  await db.insertInto("contacts").values(row).execute();
}

export async function updateContact(db: Executor, orgId: string, id: string, set: Updateable<ContactsTable>) {
  await db
    .updateTable("contacts")
    .set({ ...set, updated_at: new Date() })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

/** The ids of an account's contacts (for the account's timeline), archived ones too. */
export async function contactIdsOfAccounts(db: Executor, orgId: string, accountIds: readonly string[]) {
  if (accountIds.length === 0) return [];
  const rows = await db
    .selectFrom("contacts")
    .select("id")
    .where("org_id", "=", orgId)
    .where("account_id", "in", accountIds)
    .execute();
  return rows.map((r) => r.id);
}
