// SQL of territory administration: adding, renaming, moving and archiving nodes of the tree. Reading the
// tree (and the scope rule) stays in platform/territories/territories.repository.ts.
import { sql } from "kysely";
import type { TerritoryLevel } from "../db/database.ts";
import type { Executor } from "../db/transaction.ts";

const territoryColumns = [
  "org_id",
  "id",
  "parent_id",
  "level",
  "code",
  "name",
  "name_bn",
  "path",
  "archived_at",
] as const;

export type TerritoryAdminRow = Awaited<ReturnType<typeof findTerritoryForAdmin>> & object;

/** One territory, archived or not (administration must see archived ones too). */
export function findTerritoryForAdmin(db: Executor, orgId: string, id: string) {
  return db
    .selectFrom("territories")
    .select(territoryColumns)
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export function findTerritoriesByCode(db: Executor, orgId: string, codes: readonly string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("territories")
    .select(territoryColumns)
    .where("org_id", "=", orgId)
    .where("code", "in", [...codes])
    .execute();
}

export async function territoryCodeTaken(db: Executor, orgId: string, code: string, exceptId?: string) {
  let q = db.selectFrom("territories").select("id").where("org_id", "=", orgId).where("code", "=", code);
  if (exceptId) q = q.where("id", "<>", exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export interface TerritoryInsert {
  id: string;
  parentId: string | null;
  level: TerritoryLevel;
  code: string;
  name: string;
  nameBn: string;
  path: string;
}

/** Inserts territories; false when a code is taken (then nothing of this call is inserted). */
export async function insertTerritoryRows(db: Executor, orgId: string, rows: TerritoryInsert[]): Promise<boolean> {
  for (let i = 0; i < rows.length; i += 500) {
    const batch = rows.slice(i, i + 500);
    const inserted = await db
      .insertInto("territories")
      .values(
        batch.map((r) => ({
          org_id: orgId,
          id: r.id,
          parent_id: r.parentId,
          level: r.level,
          code: r.code,
          name: r.name,
          name_bn: r.nameBn,
          path: r.path,
        })),
      )
      .onConflict((oc) => oc.columns(["org_id", "code"]).doNothing())
      .returning("id")
      .execute();
    if (inserted.length !== batch.length) return false;
  }
  return true;
}

export async function updateTerritoryFields(
  db: Executor,
  orgId: string,
  id: string,
  patch: { code?: string; name?: string; name_bn?: string },
): Promise<void> {
  if (Object.keys(patch).length === 0) return;
  await db.updateTable("territories").set(patch).where("org_id", "=", orgId).where("id", "=", id).execute();
}

/**
 * Re-parents a node and rewrites the path of its whole subtree in one statement: every path that starts
 * with the old prefix gets the new prefix instead. Returns how many rows moved.
 */
export async function moveSubtree(
  db: Executor,
  orgId: string,
  id: string,
  newParentId: string,
  oldPath: string,
  newPath: string,
): Promise<number> {
  await db
    .updateTable("territories")
    .set({ parent_id: newParentId })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
  const r = await db
    .updateTable("territories")
    .set({ path: sql<string>`${newPath} || substr(path, ${oldPath.length + 1})` })
    .where("org_id", "=", orgId)
    .where("path", "like", `${oldPath}%`)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function setTerritoryArchived(db: Executor, orgId: string, id: string, archived: boolean) {
  await db
    .updateTable("territories")
    .set({ archived_at: archived ? sql<Date>`now()` : null })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

/** What still hangs on a territory: active children, outlets on it as a route, distributors based there. */
export async function territoryUsage(db: Executor, orgId: string, id: string) {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom("territories")
        .select(sql<number>`count(*)::int`.as("n"))
        .where("org_id", "=", orgId)
        .where("parent_id", "=", id)
        .where("archived_at", "is", null)
        .as("children"),
      eb
        .selectFrom("outlets")
        .select(sql<number>`count(*)::int`.as("n"))
        .where("org_id", "=", orgId)
        .where("route_id", "=", id)
        .where("status", "<>", "archived")
        .as("outlets"),
      eb
        .selectFrom("distributors")
        .select(sql<number>`count(*)::int`.as("n"))
        .where("org_id", "=", orgId)
        .where("territory_id", "=", id)
        .where("archived_at", "is", null)
        .as("distributors"),
    ])
    .executeTakeFirstOrThrow();
  return {
    children: Number(row.children ?? 0),
    outlets: Number(row.outlets ?? 0),
    distributors: Number(row.distributors ?? 0),
  };
}
