// All SQL of distributors and their coverage. The rule of which distributors an actor sees lives here,
// once: `distributorScopeFilter`.
import { type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool, sql } from "kysely";
import type { Database } from "../db/database.ts";
import type { Executor } from "../db/transaction.ts";
import type { Scope } from "../platform/access.ts";
import { territoryIdsInScope } from "../platform/territories/territories.repository.ts";

type DistributorEb = ExpressionBuilder<Database & { d: Database["distributors"] }, "d">;

/**
 * Which distributors (alias `d`) an actor sees: the org for org-wide roles; for a territory scope those based
 * in the subtree or covering any part of it; a distributor user only its own; nobody else any.
 */
export function distributorScopeFilter(db: Executor, orgId: string, scope: Scope) {
  return (eb: DistributorEb): Expression<SqlBool> => {
    switch (scope.kind) {
      case "org":
        return sql<SqlBool>`true`;
      case "territory": {
        const inScope = territoryIdsInScope(db, orgId, scope);
        return eb.or([
          eb("d.territory_id", "in", inScope),
          eb.exists(
            db
              .selectFrom("distributor_territories as dt")
              .select("dt.territory_id")
              .where("dt.org_id", "=", orgId)
              .where("dt.distributor_id", "=", eb.ref("d.id"))
              .where("dt.territory_id", "in", territoryIdsInScope(db, orgId, scope)),
          ),
        ]);
      }
      case "distributor":
        return eb("d.id", "=", scope.distributorId);
      default:
        return sql<SqlBool>`false`;
    }
  };
}

function distributorsWithTerritory(db: Executor, orgId: string) {
  return db
    .selectFrom("distributors as d")
    .innerJoin("territories as t", (j) => j.onRef("t.org_id", "=", "d.org_id").onRef("t.id", "=", "d.territory_id"))
    .select([
      "d.id",
      "d.code",
      "d.name",
      "d.name_bn",
      "d.trade_licence",
      "d.bin",
      "d.owner_name",
      "d.phone",
      "d.email",
      "d.address",
      "d.territory_id",
      "d.credit_limit_poisha",
      "d.credit_days",
      "d.created_at",
      "d.updated_at",
      "d.archived_at",
      "t.level as territory_level",
      "t.code as territory_code",
      "t.name as territory_name",
      "t.name_bn as territory_name_bn",
      "t.path as territory_path",
    ])
    .where("d.org_id", "=", orgId);
}

export type DistributorRow = Awaited<ReturnType<typeof findDistributor>> & object;

/** One distributor, if the scope lets the actor see it. */
export function findDistributor(db: Executor, orgId: string, scope: Scope, id: string) {
  return distributorsWithTerritory(db, orgId)
    .where("d.id", "=", id)
    .where(distributorScopeFilter(db, orgId, scope))
    .executeTakeFirst();
}

export function findDistributorsByCode(db: Executor, orgId: string, codes: readonly string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("distributors")
    .select(["id", "code", "archived_at"])
    .where("org_id", "=", orgId)
    .where("code", "in", [...codes])
    .execute();
}

export async function distributorCodeTaken(db: Executor, orgId: string, code: string, exceptId?: string) {
  let q = db.selectFrom("distributors").select("id").where("org_id", "=", orgId).where("code", "=", code);
  if (exceptId) q = q.where("id", "<>", exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export interface DistributorFilter {
  q?: string | undefined;
  territoryId?: string | undefined;
  status: "active" | "archived" | "all";
  sort: "name" | "code" | "created";
  /** Keyset: the sort key and id of the last row of the previous page. */
  after?: { key: string; id: string } | undefined;
  limit: number;
}

const sortColumn = { name: "d.name", code: "d.code", created: "d.id" } as const;

export async function listDistributors(
  db: Executor,
  orgId: string,
  scope: Scope,
  f: DistributorFilter,
  searchCondition: RawBuilder<SqlBool> | null,
) {
  let q = distributorsWithTerritory(db, orgId).where(distributorScopeFilter(db, orgId, scope));
  if (f.status === "active") q = q.where("d.archived_at", "is", null);
  if (f.status === "archived") q = q.where("d.archived_at", "is not", null);
  if (f.territoryId) {
    const sub = db.selectFrom("territories").select("path").where("org_id", "=", orgId).where("id", "=", f.territoryId);
    const inSubtree = db
      .selectFrom("territories as s")
      .select("s.id")
      .where("s.org_id", "=", orgId)
      .where("s.path", "like", sql<string>`(${sub}) || '%'`);
    q = q.where((eb) =>
      eb.or([
        eb("d.territory_id", "in", inSubtree),
        eb.exists(
          db
            .selectFrom("distributor_territories as dt")
            .select("dt.territory_id")
            .where("dt.org_id", "=", orgId)
            .where("dt.distributor_id", "=", eb.ref("d.id"))
            .where("dt.territory_id", "in", inSubtree),
        ),
      ]),
    );
  }
  if (searchCondition) q = q.where(searchCondition);
  // "created" runs newest first: UUIDv7 ids are in creation order.
  const col = sortColumn[f.sort];
  const desc = f.sort === "created";
  if (f.after) {
    const { key, id } = f.after;
    const cmp = desc ? "<" : ">";
    q = q.where((eb) => eb.or([eb(col, cmp, key), eb.and([eb(col, "=", key), eb("d.id", cmp, id)])]));
  }
  return q
    .orderBy(col, desc ? "desc" : "asc")
    .orderBy("d.id", desc ? "desc" : "asc")
    .limit(f.limit + 1)
    .execute();
}

/** The coverage territories of several distributors at once. */
export async function coverageOf(db: Executor, orgId: string, distributorIds: readonly string[]) {
  if (distributorIds.length === 0) return [];
  return db
    .selectFrom("distributor_territories as dt")
    .innerJoin("territories as t", (j) => j.onRef("t.org_id", "=", "dt.org_id").onRef("t.id", "=", "dt.territory_id"))
    .select(["dt.distributor_id", "t.id", "t.level", "t.code", "t.name", "t.name_bn"])
    .where("dt.org_id", "=", orgId)
    .where("dt.distributor_id", "in", [...distributorIds])
    .orderBy("t.path")
    .execute();
}

export interface DistributorValues {
  code: string;
  name: string;
  name_bn: string;
  trade_licence: string | null;
  bin: string | null;
  owner_name: string;
  phone: string;
  email: string | null;
  address: string;
  territory_id: string;
  credit_limit_poisha: number | null;
  credit_days: number;
  search_text: string;
}

/** False when the code is taken. */
export async function insertDistributor(db: Executor, orgId: string, id: string, v: DistributorValues) {
  const row = await db
    .insertInto("distributors")
    .values({ org_id: orgId, id, ...v })
    .onConflict((oc) => oc.columns(["org_id", "code"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}

export async function updateDistributor(
  db: Executor,
  orgId: string,
  id: string,
  patch: Partial<DistributorValues> & { archived_at?: Date | null },
) {
  await db
    .updateTable("distributors")
    .set({ ...patch, updated_at: sql<Date>`now()` })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

export async function replaceCoverage(db: Executor, orgId: string, distributorId: string, territoryIds: string[]) {
  await db
    .deleteFrom("distributor_territories")
    .where("org_id", "=", orgId)
    .where("distributor_id", "=", distributorId)
    .execute();
  if (territoryIds.length === 0) return;
  await db
    .insertInto("distributor_territories")
    .values(territoryIds.map((t) => ({ org_id: orgId, distributor_id: distributorId, territory_id: t })))
    .execute();
}

export async function countActiveOutlets(db: Executor, orgId: string, distributorId: string): Promise<number> {
  const r = await db
    .selectFrom("outlets")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("org_id", "=", orgId)
    .where("distributor_id", "=", distributorId)
    .where("status", "<>", "archived")
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Territories by id (active), with their paths, to check scope and levels of ids in a request. */
export function findTerritoriesById(db: Executor, orgId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("territories")
    .select(["id", "level", "code", "name", "name_bn", "path"])
    .where("org_id", "=", orgId)
    .where("id", "in", [...ids])
    .where("archived_at", "is", null)
    .execute();
}
