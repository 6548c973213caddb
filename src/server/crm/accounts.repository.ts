// All SQL of CRM accounts: companies, and outlets and distributors seen as accounts (one row each, made once).
import { type Insertable, type RawBuilder, type SqlBool, sql, type Updateable } from "kysely";
import type { AccountsTable } from "../db/database.ts";
import { searchCondition } from "../db/text-search.ts";
import type { Executor } from "../db/transaction.ts";
import type { Scope } from "../platform/access.ts";
import { crmScopeCondition } from "./crm-scope.repository.ts";

export interface Viewer {
  orgId: string;
  userId: string;
  scope: Scope;
}

function selectAccounts(db: Executor, orgId: string) {
  return db
    .selectFrom("accounts as a")
    .leftJoin("territories as t", (j) => j.onRef("t.org_id", "=", "a.org_id").onRef("t.id", "=", "a.territory_id"))
    .leftJoin("users as u", (j) => j.onRef("u.org_id", "=", "a.org_id").onRef("u.id", "=", "a.owner_user_id"))
    .where("a.org_id", "=", orgId)
    .selectAll("a")
    .select([
      "t.name as territory_name",
      "t.name_bn as territory_name_bn",
      "u.name as owner_name",
      (eb) =>
        eb
          .selectFrom("contacts as c")
          .whereRef("c.org_id", "=", "a.org_id")
          .whereRef("c.account_id", "=", "a.id")
          .where("c.archived_at", "is", null)
          .select((e) => e.fn.countAll<string>().as("n"))
          .as("contact_count"),
    ]);
}

export type AccountRow = NonNullable<Awaited<ReturnType<typeof findAccount>>>;

/** One account, when it exists in the org and (with a viewer) lies in the viewer's CRM scope. */
export function findAccount(db: Executor, orgId: string, id: string, viewer?: Viewer) {
  let q = selectAccounts(db, orgId).where("a.id", "=", id);
  if (viewer) q = q.where(crmScopeCondition(viewer.scope, viewer.userId, "a"));
  return q.executeTakeFirst();
}

export function findAccountsByIds(db: Executor, orgId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("accounts")
    .select(["id", "name", "outlet_id", "distributor_id", "kind"])
    .where("org_id", "=", orgId)
    .where("id", "in", ids)
    .execute();
}

export interface AccountListFilter {
  q?: string | undefined;
  kind?: AccountsTable["kind"] | undefined;
  status: "active" | "archived" | "all";
  condition: RawBuilder<SqlBool>;
}

/** Everything a list asks of its rows, as one condition on accounts aliased `a`. */
function listCondition(viewer: Viewer, f: AccountListFilter): RawBuilder<SqlBool> {
  const parts: RawBuilder<SqlBool>[] = [crmScopeCondition(viewer.scope, viewer.userId, "a"), f.condition];
  if (f.kind) parts.push(sql<SqlBool>`a.kind = ${f.kind}`);
  if (f.status === "active") parts.push(sql<SqlBool>`a.archived_at is null`);
  if (f.status === "archived") parts.push(sql<SqlBool>`a.archived_at is not null`);
  const search = f.q ? searchCondition("a.search_text", f.q) : null;
  if (search) parts.push(search);
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

export function listAccounts(
  db: Executor,
  viewer: Viewer,
  f: AccountListFilter,
  page: { after?: { name: string; id: string } | undefined; limit: number },
) {
  let q = selectAccounts(db, viewer.orgId).where(listCondition(viewer, f));
  if (page.after) q = q.where(sql<SqlBool>`(a.name, a.id) > (${page.after.name}, ${page.after.id}::uuid)`);
  return q
    .orderBy("a.name")
    .orderBy("a.id")
    .limit(page.limit + 1)
    .execute();
}

export async function countAccounts(db: Executor, viewer: Viewer, f: AccountListFilter): Promise<number> {
  const q = db
    .selectFrom("accounts as a")
    .where("a.org_id", "=", viewer.orgId)
    .where(listCondition(viewer, f))
    .select((eb) => eb.fn.countAll<string>().as("n"));
  return Number((await q.executeTakeFirst())?.n ?? 0);
}

export async function insertAccount(db: Executor, row: Insertable<AccountsTable>) {
  await db.insertInto("accounts").values(row).execute();
}

export async function updateAccount(db: Executor, orgId: string, id: string, set: Updateable<AccountsTable>) {
  await db
    .updateTable("accounts")
    .set({ ...set, updated_at: new Date() })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

/** Inserts the account of an outlet or distributor unless it exists (the partial unique index decides a race). */
export async function insertNetworkAccount(db: Executor, row: Insertable<AccountsTable>): Promise<boolean> {
  const column = row.outlet_id ? "outlet_id" : "distributor_id";
  const r = await db
    .insertInto("accounts")
    .values(row)
    .onConflict((oc) => oc.columns(["org_id", column]).where(column, "is not", null).doNothing())
    .returning("id")
    .executeTakeFirst();
  return r !== undefined;
}

export function findNetworkAccount(db: Executor, orgId: string, by: { outletId: string } | { distributorId: string }) {
  const q = db.selectFrom("accounts").select(["id", "name", "territory_id"]).where("org_id", "=", orgId);
  return (
    "outletId" in by ? q.where("outlet_id", "=", by.outletId) : q.where("distributor_id", "=", by.distributorId)
  ).executeTakeFirst();
}

/** The account ids of these outlets (or distributors), where one was opened. */
export async function networkAccountIds(
  db: Executor,
  orgId: string,
  kind: "outlet" | "distributor",
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const column = kind === "outlet" ? "outlet_id" : "distributor_id";
  const rows = await db
    .selectFrom("accounts")
    .select(["id", column])
    .where("org_id", "=", orgId)
    .where(column, "in", ids)
    .execute();
  return new Map(rows.map((r) => [(r as Record<string, string | null>)[column] as string, r.id] as [string, string]));
}

// --- references a CRM record may name

export function findTerritory(db: Executor, orgId: string, id: string) {
  return db
    .selectFrom("territories")
    .select(["id", "path", "name", "archived_at"])
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export function findActiveUser(db: Executor, orgId: string, id: string) {
  return db
    .selectFrom("users")
    .select(["id", "name"])
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .where("deactivated_at", "is", null)
    .executeTakeFirst();
}
