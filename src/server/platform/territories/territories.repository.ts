// The territory tree is platform data: every area filters by it to honour an actor's scope, through
// `territoryIdsInScope` below, so that the rule lives in one place.
import { sql } from "kysely";
import type { TerritoryLevel } from "../../db/database.ts";
import type { Executor } from "../../db/transaction.ts";
import type { Scope } from "../access.ts";

export async function findTerritory(db: Executor, orgId: string, id: string) {
  return db
    .selectFrom("territories")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .where("archived_at", "is", null)
    .executeTakeFirst();
}

/** Ids of the territories an actor with this scope may see: a subquery to use in `where x in (...)`. */
export function territoryIdsInScope(db: Executor, orgId: string, scope: Extract<Scope, { kind: "territory" }>) {
  return db.selectFrom("territories").select("id").where("org_id", "=", orgId).where("path", "like", `${scope.path}%`);
}

/** The territories on a path (the chain from the root), root first. */
export function findTerritoriesOnPath(db: Executor, orgId: string, path: string) {
  const ids = path.split("/").filter(Boolean);
  return db
    .selectFrom("territories")
    .select(["id", "level", "name", "name_bn", "path"])
    .where("org_id", "=", orgId)
    .where("id", "in", ids)
    .orderBy("path")
    .execute();
}

export interface TerritoryFilter {
  id?: string | undefined;
  parentId?: string | undefined;
  level?: TerritoryLevel | undefined;
  q?: string | undefined;
  /** Only inside this path (the actor's subtree); undefined for the whole org. */
  withinPath?: string | undefined;
  /** With no parent filter: return the top of what is visible (roots, or the actor's own territory). */
  rootsOnly: boolean;
  limit: number;
}

export async function listTerritories(db: Executor, orgId: string, f: TerritoryFilter) {
  let q = db
    .selectFrom("territories as t")
    .select((eb) => [
      "t.id",
      "t.parent_id",
      "t.level",
      "t.code",
      "t.name",
      "t.name_bn",
      "t.path",
      eb
        .selectFrom("territories as c")
        .select(sql<number>`count(*)`.as("n"))
        .whereRef("c.org_id", "=", "t.org_id")
        .whereRef("c.parent_id", "=", "t.id")
        .where("c.archived_at", "is", null)
        .as("child_count"),
    ])
    .where("t.org_id", "=", orgId)
    .where("t.archived_at", "is", null);
  if (f.id) q = q.where("t.id", "=", f.id);
  if (f.withinPath) q = q.where("t.path", "like", `${f.withinPath}%`);
  if (f.parentId) q = q.where("t.parent_id", "=", f.parentId);
  else if (f.rootsOnly) q = f.withinPath ? q.where("t.path", "=", f.withinPath) : q.where("t.parent_id", "is", null);
  if (f.level) q = q.where("t.level", "=", f.level);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([eb("t.name", "ilike", like), eb("t.name_bn", "like", like), eb("t.code", "ilike", like)]),
    );
  }
  return q.orderBy("t.path").limit(f.limit).execute();
}

export interface NewTerritory {
  orgId: string;
  id: string;
  parentId: string | null;
  level: TerritoryLevel;
  code: string;
  name: string;
  nameBn: string;
  path: string;
}

export async function insertTerritories(db: Executor, rows: NewTerritory[]): Promise<void> {
  // Batches keep each statement under PostgreSQL's 65,535-parameter limit.
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto("territories")
      .values(
        rows.slice(i, i + 500).map((r) => ({
          org_id: r.orgId,
          id: r.id,
          parent_id: r.parentId,
          level: r.level,
          code: r.code,
          name: r.name,
          name_bn: r.nameBn,
          path: r.path,
        })),
      )
      .execute();
  }
}
