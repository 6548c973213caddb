// Reads and writes of the incentives module: plans, statements, and the directory of the people a plan pays (reps
// and distributors with their territory, read-only, as the replenishment module reads its distributors).
import type { Insertable, Updateable } from "kysely";
import type { IncentivePlansTable, IncentiveStatementsTable } from "../db/database.ts";
import type { Executor } from "../db/transaction.ts";
import type { Scope } from "../platform/access.ts";

// --- plans

export function insertPlan(db: Executor, row: Insertable<IncentivePlansTable>) {
  return db.insertInto("incentive_plans").values(row).execute();
}

export function updatePlan(db: Executor, orgId: string, id: string, set: Updateable<IncentivePlansTable>) {
  return db
    .updateTable("incentive_plans")
    .set({ ...set, updated_at: new Date() })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

export function findPlan(db: Executor, orgId: string, id: string) {
  return db
    .selectFrom("incentive_plans")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export type PlanRow = NonNullable<Awaited<ReturnType<typeof findPlan>>>;

export function listPlans(db: Executor, orgId: string, includeArchived: boolean) {
  let q = db.selectFrom("incentive_plans").selectAll().where("org_id", "=", orgId);
  if (!includeArchived) q = q.where("archived_at", "is", null);
  return q.orderBy("valid_from", "desc").orderBy("name").execute();
}

export function findTerritoryPath(db: Executor, orgId: string, id: string) {
  return db
    .selectFrom("territories")
    .select(["path"])
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export function findSkuNames(db: Executor, orgId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("skus")
    .select(["id", "code", "name", "name_bn"])
    .where("org_id", "=", orgId)
    .where("id", "in", [...ids])
    .execute();
}

// --- the people a plan pays

export interface Person {
  id: string;
  name: string;
  territoryPath: string | null;
}

/** Active reps or distributors, within a territory subtree when one is given. */
export async function peopleOf(
  db: Executor,
  orgId: string,
  kind: "rep" | "distributor",
  withinPath: string | null,
): Promise<Person[]> {
  if (kind === "rep") {
    let q = db
      .selectFrom("users as u")
      .leftJoin("territories as t", (j) => j.onRef("t.org_id", "=", "u.org_id").onRef("t.id", "=", "u.territory_id"))
      .select(["u.id", "u.name", "t.path"])
      .where("u.org_id", "=", orgId)
      .where("u.role", "=", "rep")
      .where("u.deactivated_at", "is", null);
    if (withinPath !== null) q = q.where("t.path", "like", `${withinPath}%`);
    const rows = await q.orderBy("u.name").orderBy("u.id").execute();
    return rows.map((r) => ({ id: r.id, name: r.name, territoryPath: r.path }));
  }
  let q = db
    .selectFrom("distributors as d")
    .innerJoin("territories as t", (j) => j.onRef("t.org_id", "=", "d.org_id").onRef("t.id", "=", "d.territory_id"))
    .select(["d.id", "d.name", "t.path"])
    .where("d.org_id", "=", orgId)
    .where("d.archived_at", "is", null);
  if (withinPath !== null) q = q.where("t.path", "like", `${withinPath}%`);
  const rows = await q.orderBy("d.name").orderBy("d.id").execute();
  return rows.map((r) => ({ id: r.id, name: r.name, territoryPath: r.path }));
}

// --- statements

export type StatementRow = NonNullable<Awaited<ReturnType<typeof findStatement>>>;

function statementsQuery(db: Executor, orgId: string) {
  return db
    .selectFrom("incentive_statements as s")
    .innerJoin("incentive_plans as p", (j) => j.onRef("p.org_id", "=", "s.org_id").onRef("p.id", "=", "s.plan_id"))
    .selectAll("s")
    .select(["p.name as plan_name", "p.name_bn as plan_name_bn"])
    .where("s.org_id", "=", orgId);
}

export function findStatement(db: Executor, orgId: string, id: string) {
  return statementsQuery(db, orgId).where("s.id", "=", id).executeTakeFirst();
}

/** The statement row locked for a transition. */
export function lockStatement(db: Executor, orgId: string, id: string) {
  return db
    .selectFrom("incentive_statements")
    .select(["id", "status"])
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
}

/** Who may see which statements: the org; a manager's subtree; a rep its own; a distributor its own. */
export interface StatementVisibility {
  scope: Scope;
  role: string;
  userId: string;
}

export interface StatementFilter {
  periodStart?: string | undefined;
  planId?: string | undefined;
  status?: readonly ("draft" | "approved" | "paid")[] | undefined;
  ids?: readonly string[] | undefined;
}

export function listStatements(db: Executor, orgId: string, who: StatementVisibility, f: StatementFilter) {
  let q = statementsQuery(db, orgId);
  const s = who.scope;
  if (who.role === "rep") q = q.where("s.person_kind", "=", "rep").where("s.person_id", "=", who.userId);
  else if (s.kind === "territory") q = q.where("s.territory_path", "like", `${s.path}%`);
  else if (s.kind === "distributor")
    q = q.where("s.person_kind", "=", "distributor").where("s.person_id", "=", s.distributorId);
  else if (s.kind !== "org") return Promise.resolve([]);
  if (f.periodStart) q = q.where("s.period_start", "=", f.periodStart);
  if (f.planId) q = q.where("s.plan_id", "=", f.planId);
  if (f.status) q = q.where("s.status", "in", [...f.status]);
  if (f.ids) {
    if (f.ids.length === 0) return Promise.resolve([]);
    q = q.where("s.id", "in", [...f.ids]);
  }
  return q.orderBy("s.period_start", "desc").orderBy("s.person_name").orderBy("s.id").limit(2000).execute();
}

/** The statement of one person, plan and period, whatever its state. */
export function findPersonStatement(db: Executor, orgId: string, planId: string, personId: string, start: string) {
  return db
    .selectFrom("incentive_statements")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("plan_id", "=", planId)
    .where("person_id", "=", personId)
    .where("period_start", "=", start)
    .forUpdate()
    .executeTakeFirst();
}

/** A person's approved or paid statements under a plan before a period, latest first. */
export function frozenBefore(db: Executor, orgId: string, planId: string, personId: string, before: string) {
  return db
    .selectFrom("incentive_statements")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("plan_id", "=", planId)
    .where("person_id", "=", personId)
    .where("period_start", "<", before)
    .where("status", "in", ["approved", "paid"])
    .orderBy("period_start", "desc")
    .execute();
}

/** The people with an approved or paid statement under a plan before a period (returns and clawbacks follow them). */
export async function peopleWithFrozen(db: Executor, orgId: string, planId: string, before: string) {
  const rows = await db
    .selectFrom("incentive_statements")
    .select(["person_id"])
    .distinct()
    .where("org_id", "=", orgId)
    .where("plan_id", "=", planId)
    .where("period_start", "<", before)
    .where("status", "in", ["approved", "paid"])
    .execute();
  return rows.map((r) => r.person_id);
}

/** Is an earlier statement of this person under this plan still a draft? */
export async function hasDraftBefore(db: Executor, orgId: string, planId: string, personId: string, before: string) {
  const row = await db
    .selectFrom("incentive_statements")
    .select(["id"])
    .where("org_id", "=", orgId)
    .where("plan_id", "=", planId)
    .where("person_id", "=", personId)
    .where("period_start", "<", before)
    .where("status", "=", "draft")
    .executeTakeFirst();
  return row !== undefined;
}

export function insertStatement(db: Executor, row: Insertable<IncentiveStatementsTable>) {
  return db.insertInto("incentive_statements").values(row).execute();
}

export function updateStatement(db: Executor, orgId: string, id: string, set: Updateable<IncentiveStatementsTable>) {
  return db.updateTable("incentive_statements").set(set).where("org_id", "=", orgId).where("id", "=", id).execute();
}

export function addClawedSales(db: Executor, orgId: string, id: string, poisha: number) {
  return db
    .updateTable("incentive_statements")
    .set((eb) => ({ clawed_sales_poisha: eb("clawed_sales_poisha", "+", poisha) }))
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}
