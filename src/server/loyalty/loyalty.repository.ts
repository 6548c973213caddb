// All SQL of loyalty and surveys. Members and invitations name CRM accounts; the account's name, kind, territory
// and owner are read with them (the CRM scope rule is a condition on those columns).
import { type Insertable, type SqlBool, sql } from "kysely";
import { crmScopeCondition } from "../crm/crm-scope.repository.ts";
import type {
  LoyaltyLedgerTable,
  LoyaltyProgramsTable,
  LoyaltyRewardsTable,
  SurveyInvitationsTable,
  SurveysTable,
} from "../db/database.ts";
import type { Executor } from "../db/transaction.ts";
import type { Scope } from "../platform/access.ts";

export interface Viewer {
  scope: Scope;
  userId: string;
}

/** Which members (by their account, alias `a`, and the member, alias `m`) a viewer sees. */
function memberScope(v: Viewer) {
  if (v.scope.kind === "outlet") return sql<SqlBool>`m.outlet_id = ${v.scope.outletId}`;
  return crmScopeCondition(v.scope, v.userId, "a");
}

// --- programs and tiers

export async function listPrograms(db: Executor, orgId: string) {
  return db
    .selectFrom("loyalty_programs as p")
    .selectAll("p")
    .select((eb) =>
      eb
        .selectFrom("loyalty_members as m")
        .select(sql<number>`count(*)::int`.as("n"))
        .whereRef("m.org_id", "=", "p.org_id")
        .whereRef("m.program_id", "=", "p.id")
        .as("member_count"),
    )
    .where("p.org_id", "=", orgId)
    .orderBy("p.created_at")
    .execute();
}
export type ProgramRow = Awaited<ReturnType<typeof listPrograms>>[number];

export async function findProgram(db: Executor, orgId: string, id: string) {
  return (await listPrograms(db, orgId)).find((p) => p.id === id) ?? null;
}

export async function activePrograms(db: Executor, orgId: string) {
  return db
    .selectFrom("loyalty_programs")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("active", "=", true)
    .orderBy("created_at")
    .execute();
}

export async function insertProgram(db: Executor, row: Insertable<LoyaltyProgramsTable>) {
  await db.insertInto("loyalty_programs").values(row).execute();
}

export async function updateProgram(
  db: Executor,
  orgId: string,
  id: string,
  set: Omit<Insertable<LoyaltyProgramsTable>, "org_id" | "id">,
) {
  await db
    .updateTable("loyalty_programs")
    .set({ ...set, updated_at: new Date() })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

export async function tiersOf(db: Executor, orgId: string, programIds: readonly string[]) {
  if (programIds.length === 0) return [];
  return db
    .selectFrom("loyalty_tiers")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("program_id", "in", programIds)
    .orderBy("threshold_points")
    .execute();
}

export async function replaceTiers(
  db: Executor,
  orgId: string,
  programId: string,
  tiers: { id: string; name: string; name_bn: string; threshold_points: number; multiplier_bp: number }[],
) {
  await db.deleteFrom("loyalty_tiers").where("org_id", "=", orgId).where("program_id", "=", programId).execute();
  if (tiers.length > 0)
    await db
      .insertInto("loyalty_tiers")
      .values(tiers.map((t) => ({ ...t, org_id: orgId, program_id: programId })))
      .execute();
}

// --- members

function membersQuery(db: Executor, orgId: string) {
  return db
    .selectFrom("loyalty_members as m")
    .innerJoin("accounts as a", (j) => j.onRef("a.org_id", "=", "m.org_id").onRef("a.id", "=", "m.account_id"))
    .innerJoin("loyalty_programs as p", (j) => j.onRef("p.org_id", "=", "m.org_id").onRef("p.id", "=", "m.program_id"))
    .select([
      "m.id",
      "m.program_id",
      "m.account_id",
      "m.outlet_id",
      "m.referral_code",
      "m.joined_at",
      "a.name as account_name",
      "a.kind as account_kind",
      "a.email as account_email",
      "p.name as program_name",
      "p.name_bn as program_name_bn",
      "p.expiry_months",
      "p.points_per_100_taka",
    ])
    .select((eb) =>
      eb
        .selectFrom("loyalty_ledger as l")
        .select(sql<number>`coalesce(sum(l.points), 0)::bigint`.as("b"))
        .whereRef("l.org_id", "=", "m.org_id")
        .whereRef("l.member_id", "=", "m.id")
        .as("balance"),
    )
    .where("m.org_id", "=", orgId);
}
export type MemberRow = Awaited<ReturnType<ReturnType<typeof membersQuery>["executeTakeFirstOrThrow"]>>;

export async function listMembers(
  db: Executor,
  orgId: string,
  viewer: Viewer,
  f: { programId?: string | undefined; q?: string | undefined; afterId?: string | undefined; limit: number },
) {
  let q = membersQuery(db, orgId).where(memberScope(viewer));
  if (f.programId) q = q.where("m.program_id", "=", f.programId);
  if (f.q)
    q = q.where(
      sql<SqlBool>`(a.name ilike ${`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} or m.referral_code = ${f.q.toUpperCase()})`,
    );
  if (f.afterId) q = q.where("m.id", ">", f.afterId);
  return q
    .orderBy("m.id")
    .limit(f.limit + 1)
    .execute();
}

export async function findMember(db: Executor, orgId: string, viewer: Viewer | null, id: string) {
  let q = membersQuery(db, orgId).where("m.id", "=", id);
  if (viewer) q = q.where(memberScope(viewer));
  return (await q.executeTakeFirst()) ?? null;
}

export async function findMemberByCode(db: Executor, orgId: string, code: string) {
  return (await membersQuery(db, orgId).where("m.referral_code", "=", code).executeTakeFirst()) ?? null;
}

/** Locks the member's row: every change of a member's points happens one at a time. */
export async function lockMember(db: Executor, orgId: string, id: string) {
  await db
    .selectFrom("loyalty_members")
    .select("id")
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
}

export async function membersOfOutlets(db: Executor, orgId: string, programId: string, outletIds: readonly string[]) {
  if (outletIds.length === 0) return [];
  return db
    .selectFrom("loyalty_members")
    .select(["id", "outlet_id"])
    .where("org_id", "=", orgId)
    .where("program_id", "=", programId)
    .where("outlet_id", "in", outletIds)
    .execute();
}

export async function membersOfAccounts(db: Executor, orgId: string, accountIds: readonly string[]) {
  if (accountIds.length === 0) return [];
  return db
    .selectFrom("loyalty_members")
    .select(["id", "account_id", "program_id"])
    .where("org_id", "=", orgId)
    .where("account_id", "in", accountIds)
    .execute();
}

/** Adds a member unless the account already is one; returns the member's id either way. */
export async function ensureMember(
  db: Executor,
  row: {
    org_id: string;
    id: string;
    program_id: string;
    account_id: string;
    outlet_id: string | null;
    referral_code: string;
  },
): Promise<{ id: string; created: boolean }> {
  const inserted = await db
    .insertInto("loyalty_members")
    .values(row)
    .onConflict((oc) => oc.columns(["org_id", "program_id", "account_id"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, created: true };
  const found = await db
    .selectFrom("loyalty_members")
    .select("id")
    .where("org_id", "=", row.org_id)
    .where("program_id", "=", row.program_id)
    .where("account_id", "=", row.account_id)
    .executeTakeFirstOrThrow();
  return { id: found.id, created: false };
}

export async function outletsOfSegments(
  db: Executor,
  orgId: string,
  outletIds: readonly string[],
  channels: readonly string[],
  classes: readonly string[],
) {
  if (outletIds.length === 0) return [];
  let q = db.selectFrom("outlets").select("id").where("org_id", "=", orgId).where("id", "in", outletIds);
  if (channels.length > 0) q = q.where(sql<SqlBool>`channel in (${sql.join([...channels])})`);
  if (classes.length > 0) q = q.where(sql<SqlBool>`class in (${sql.join([...classes])})`);
  return (await q.execute()).map((r) => r.id);
}

export async function accountInScope(db: Executor, orgId: string, viewer: Viewer, accountId: string) {
  return (
    (await db
      .selectFrom("accounts as a")
      .select(["a.id", "a.kind", "a.outlet_id", "a.email", "a.name", "a.territory_id"])
      .where("a.org_id", "=", orgId)
      .where("a.id", "=", accountId)
      .where("a.archived_at", "is", null)
      .where(
        viewer.scope.kind === "outlet"
          ? sql<SqlBool>`a.outlet_id = ${viewer.scope.outletId}`
          : crmScopeCondition(viewer.scope, viewer.userId, "a"),
      )
      .executeTakeFirst()) ?? null
  );
}

export async function accountsByIds(db: Executor, orgId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom("accounts")
    .select(["id", "kind", "outlet_id", "email", "name", "territory_id"])
    .where("org_id", "=", orgId)
    .where("id", "in", ids)
    .execute();
}

// --- ledger

export async function movementsOf(db: Executor, orgId: string, memberId: string) {
  return movementsOfMembers(db, orgId, [memberId]);
}

/** The movements of several members at once (a page of the member list), each member's in ledger order. */
export async function movementsOfMembers(db: Executor, orgId: string, memberIds: readonly string[]) {
  if (memberIds.length === 0) return [];
  return db
    .selectFrom("loyalty_ledger")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("member_id", "in", memberIds)
    .orderBy("entry_date")
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}
export type MovementRow = Awaited<ReturnType<typeof movementsOf>>[number];

/** Posts movements; one already posted for the same member and source key is left as it was. */
export async function postMovements(db: Executor, rows: Insertable<LoyaltyLedgerTable>[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db
    .insertInto("loyalty_ledger")
    .values(rows)
    .onConflict((oc) => oc.columns(["org_id", "member_id", "source_key"]).doNothing())
    .returning("id")
    .execute();
  return inserted.length;
}

export async function movementBySource(db: Executor, orgId: string, memberId: string, sourceKey: string) {
  return (
    (await db
      .selectFrom("loyalty_ledger")
      .selectAll()
      .where("org_id", "=", orgId)
      .where("member_id", "=", memberId)
      .where("source_key", "=", sourceKey)
      .executeTakeFirst()) ?? null
  );
}

export async function membersWithExpiringLots(db: Executor, orgId: string, asOf: string) {
  const rows = await db
    .selectFrom("loyalty_ledger")
    .select("member_id")
    .distinct()
    .where("org_id", "=", orgId)
    .where("points", ">", 0)
    .where("expires_on", "<=", asOf)
    .execute();
  return rows.map((r) => r.member_id);
}

/** Referral bonuses already posted, by referrer. */
export async function referralBonusTotals(db: Executor, orgId: string) {
  return db
    .selectFrom("loyalty_ledger")
    .select(["member_id", sql<number>`sum(points)::bigint`.as("points")])
    .where("org_id", "=", orgId)
    .where("source_type", "=", "referral")
    .groupBy("member_id")
    .execute();
}

// --- rewards and redemptions

export async function listRewards(db: Executor, orgId: string, programId?: string) {
  let q = db.selectFrom("loyalty_rewards").selectAll().where("org_id", "=", orgId);
  if (programId) q = q.where("program_id", "=", programId);
  return q.orderBy("points_cost").orderBy("id").execute();
}

export async function findReward(db: Executor, orgId: string, id: string, lock = false) {
  let q = db.selectFrom("loyalty_rewards").selectAll().where("org_id", "=", orgId).where("id", "=", id);
  if (lock) q = q.forUpdate();
  return (await q.executeTakeFirst()) ?? null;
}

export async function insertReward(db: Executor, row: Insertable<LoyaltyRewardsTable>) {
  await db.insertInto("loyalty_rewards").values(row).execute();
}

export async function updateReward(
  db: Executor,
  orgId: string,
  id: string,
  set: Partial<Omit<Insertable<LoyaltyRewardsTable>, "org_id" | "id">>,
) {
  await db
    .updateTable("loyalty_rewards")
    .set({ ...set, updated_at: new Date() })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

function redemptionsQuery(db: Executor, orgId: string) {
  return db
    .selectFrom("loyalty_redemptions as d")
    .innerJoin("loyalty_members as m", (j) => j.onRef("m.org_id", "=", "d.org_id").onRef("m.id", "=", "d.member_id"))
    .innerJoin("accounts as a", (j) => j.onRef("a.org_id", "=", "m.org_id").onRef("a.id", "=", "m.account_id"))
    .innerJoin("loyalty_rewards as w", (j) => j.onRef("w.org_id", "=", "d.org_id").onRef("w.id", "=", "d.reward_id"))
    .select([
      "d.id",
      "d.member_id",
      "d.reward_id",
      "d.points",
      "d.status",
      "d.note",
      "d.created_at",
      "d.fulfilled_at",
      "d.cancelled_at",
      "a.name as account_name",
      "w.name as reward_name",
      "w.name_bn as reward_name_bn",
    ])
    .where("d.org_id", "=", orgId);
}
export type RedemptionRow = Awaited<ReturnType<ReturnType<typeof redemptionsQuery>["executeTakeFirstOrThrow"]>>;

export async function listRedemptions(
  db: Executor,
  orgId: string,
  viewer: Viewer,
  f: { status?: string | undefined; memberId?: string | undefined },
) {
  let q = redemptionsQuery(db, orgId).where(memberScope(viewer));
  if (f.status) q = q.where("d.status", "=", f.status as "pending");
  if (f.memberId) q = q.where("d.member_id", "=", f.memberId);
  return q.orderBy("d.created_at", "desc").limit(500).execute();
}

export async function findRedemption(db: Executor, orgId: string, viewer: Viewer, id: string, lock = false) {
  const row = await redemptionsQuery(db, orgId).where("d.id", "=", id).where(memberScope(viewer)).executeTakeFirst();
  if (row && lock)
    await db
      .selectFrom("loyalty_redemptions")
      .select("id")
      .where("org_id", "=", orgId)
      .where("id", "=", id)
      .forUpdate()
      .execute();
  return row ?? null;
}

export async function insertRedemption(
  db: Executor,
  row: {
    org_id: string;
    id: string;
    member_id: string;
    reward_id: string;
    points: number;
    requested_by: string;
    note: string | null;
  },
) {
  await db.insertInto("loyalty_redemptions").values(row).execute();
}

export async function setRedemptionStatus(
  db: Executor,
  orgId: string,
  id: string,
  status: "fulfilled" | "cancelled",
): Promise<boolean> {
  const now = new Date();
  const r = await db
    .updateTable("loyalty_redemptions")
    .set(status === "fulfilled" ? { status, fulfilled_at: now } : { status, cancelled_at: now })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .where("status", "=", "pending")
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// --- job marks

export async function jobMark(db: Executor, orgId: string, name: string, lock = false) {
  let q = db.selectFrom("loyalty_job_marks").select("through").where("org_id", "=", orgId).where("name", "=", name);
  if (lock) q = q.forUpdate();
  return ((await q.executeTakeFirst())?.through as Date | undefined) ?? null;
}

export async function setJobMark(db: Executor, orgId: string, name: string, through: Date) {
  await db
    .insertInto("loyalty_job_marks")
    .values({ org_id: orgId, name, through })
    .onConflict((oc) =>
      oc
        .columns(["org_id", "name"])
        .doUpdateSet({ through: sql`greatest(loyalty_job_marks.through, excluded.through)` }),
    )
    .execute();
}

// --- surveys

export async function listSurveys(db: Executor, orgId: string) {
  return db
    .selectFrom("surveys as s")
    .selectAll("s")
    .select((eb) => [
      eb
        .selectFrom("survey_invitations as i")
        .select(sql<number>`count(*)::int`.as("n"))
        .whereRef("i.org_id", "=", "s.org_id")
        .whereRef("i.survey_id", "=", "s.id")
        .as("invited"),
      eb
        .selectFrom("survey_invitations as i")
        .select(sql<number>`count(*)::int`.as("n"))
        .whereRef("i.org_id", "=", "s.org_id")
        .whereRef("i.survey_id", "=", "s.id")
        .where("i.answered_at", "is not", null)
        .as("answered"),
    ])
    .where("s.org_id", "=", orgId)
    .orderBy("s.created_at")
    .execute();
}
export type SurveyRow = Awaited<ReturnType<typeof listSurveys>>[number];

export async function findSurvey(db: Executor, orgId: string, id: string) {
  return (await listSurveys(db, orgId)).find((s) => s.id === id) ?? null;
}

export async function activeSurveys(db: Executor, orgId: string, trigger: "delivery" | "ticket") {
  return db
    .selectFrom("surveys")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("trigger", "=", trigger)
    .where("active", "=", true)
    .execute();
}

export async function insertSurvey(db: Executor, row: Insertable<SurveysTable>) {
  await db.insertInto("surveys").values(row).execute();
}

export async function updateSurvey(
  db: Executor,
  orgId: string,
  id: string,
  set: Omit<Insertable<SurveysTable>, "org_id" | "id">,
) {
  await db
    .updateTable("surveys")
    .set({ ...set, updated_at: new Date() })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

/** Inserts invitations; one for a survey and source already made is skipped. Returns those inserted. */
export async function insertInvitations(db: Executor, rows: Insertable<SurveyInvitationsTable>[]) {
  if (rows.length === 0) return [];
  return db
    .insertInto("survey_invitations")
    .values(rows)
    .onConflict((oc) => oc.columns(["org_id", "survey_id", "source_type", "source_id"]).doNothing())
    .returning(["id", "email_status"])
    .execute();
}

function invitationsQuery(db: Executor, orgId: string) {
  return db
    .selectFrom("survey_invitations as i")
    .leftJoin("accounts as a", (j) => j.onRef("a.org_id", "=", "i.org_id").onRef("a.id", "=", "i.account_id"))
    .selectAll("i")
    .select("a.name as account_name")
    .where("i.org_id", "=", orgId);
}
export type InvitationRow = Awaited<ReturnType<ReturnType<typeof invitationsQuery>["executeTakeFirstOrThrow"]>>;

export async function listInvitations(db: Executor, orgId: string, surveyId: string) {
  return invitationsQuery(db, orgId)
    .where("i.survey_id", "=", surveyId)
    .orderBy("i.created_at", "desc")
    .limit(500)
    .execute();
}

export async function findInvitation(db: Executor, orgId: string, id: string) {
  return (await invitationsQuery(db, orgId).where("i.id", "=", id).executeTakeFirst()) ?? null;
}

export async function invitationByToken(db: Executor, orgId: string, token: string) {
  return (
    (await db
      .selectFrom("survey_invitations as i")
      .innerJoin("surveys as s", (j) => j.onRef("s.org_id", "=", "i.org_id").onRef("s.id", "=", "i.survey_id"))
      .innerJoin("orgs as o", "o.id", "i.org_id")
      .select([
        "i.id",
        "i.locale",
        "i.answered_at",
        "s.kind",
        "s.question",
        "s.question_bn",
        "o.name as org_name",
        "o.name_bn as org_name_bn",
      ])
      .where("i.org_id", "=", orgId)
      .where("i.token", "=", token)
      .executeTakeFirst()) ?? null
  );
}

/** Records the answer unless one was recorded first; true when this call recorded it. */
export async function answerInvitation(
  db: Executor,
  orgId: string,
  id: string,
  a: { score: number; comment: string | null; locale: "bn" | "en" },
): Promise<boolean> {
  const r = await db
    .updateTable("survey_invitations")
    .set({ score: a.score, comment: a.comment, answer_locale: a.locale, answered_at: new Date() })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .where("answered_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function answersOf(db: Executor, orgId: string, surveyId: string, from: string | null, to: string | null) {
  let q = db
    .selectFrom("survey_invitations")
    .select(["score", "channel", "outlet_class", "territory_id", "account_kind", "ticket_type"])
    .where("org_id", "=", orgId)
    .where("survey_id", "=", surveyId)
    .where("answered_at", "is not", null)
    .where("score", "is not", null);
  if (from) q = q.where(sql<SqlBool>`(answered_at at time zone 'Asia/Dhaka')::date >= ${from}::date`);
  if (to) q = q.where(sql<SqlBool>`(answered_at at time zone 'Asia/Dhaka')::date <= ${to}::date`);
  return q.execute();
}

export async function territoryNames(db: Executor, orgId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom("territories")
    .select(["id", "name", "name_bn"])
    .where("org_id", "=", orgId)
    .where("id", "in", ids)
    .execute();
}

export async function pendingEmails(db: Executor, orgId: string, limit: number) {
  return db
    .selectFrom("survey_invitations as i")
    .innerJoin("surveys as s", (j) => j.onRef("s.org_id", "=", "i.org_id").onRef("s.id", "=", "i.survey_id"))
    .innerJoin("orgs as o", "o.id", "i.org_id")
    .select(["i.id", "i.email", "i.token", "i.locale", "s.kind", "s.question", "s.question_bn", "o.name as org_name"])
    .where("i.org_id", "=", orgId)
    .where("i.email_status", "=", "pending")
    .orderBy("i.created_at")
    .limit(limit)
    .execute();
}

/** Claims a pending email for sending (one sender wins when two jobs run at once). */
export async function claimEmail(db: Executor, orgId: string, id: string): Promise<boolean> {
  const r = await db
    .updateTable("survey_invitations")
    .set({ email_status: "sent", emailed_at: new Date() })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .where("email_status", "=", "pending")
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function markEmailFailed(db: Executor, orgId: string, id: string, reason: string) {
  await db
    .updateTable("survey_invitations")
    .set({ email_status: "failed", email_error: reason.slice(0, 500) })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

export async function orgIds(db: Executor) {
  return (await db.selectFrom("orgs").select("id").execute()).map((r) => r.id);
}

// --- timeline

export async function movementsOfAccounts(
  db: Executor,
  orgId: string,
  accountIds: readonly string[],
  before: Date,
  limit: number,
) {
  if (accountIds.length === 0) return [];
  return db
    .selectFrom("loyalty_ledger as l")
    .innerJoin("loyalty_members as m", (j) => j.onRef("m.org_id", "=", "l.org_id").onRef("m.id", "=", "l.member_id"))
    .innerJoin("loyalty_programs as p", (j) => j.onRef("p.org_id", "=", "m.org_id").onRef("p.id", "=", "m.program_id"))
    .select(["l.id", "l.kind", "l.points", "l.created_at", "l.note", "p.name", "p.name_bn", "m.id as member_id"])
    .where("l.org_id", "=", orgId)
    .where("m.account_id", "in", accountIds)
    .where("l.created_at", "<=", before)
    .orderBy("l.created_at", "desc")
    .limit(limit)
    .execute();
}

export async function answersOfAccounts(
  db: Executor,
  orgId: string,
  accountIds: readonly string[],
  before: Date,
  limit: number,
) {
  if (accountIds.length === 0) return [];
  return db
    .selectFrom("survey_invitations as i")
    .innerJoin("surveys as s", (j) => j.onRef("s.org_id", "=", "i.org_id").onRef("s.id", "=", "i.survey_id"))
    .select(["i.id", "i.score", "i.comment", "i.answered_at", "s.kind", "s.name"])
    .where("i.org_id", "=", orgId)
    .where("i.account_id", "in", accountIds)
    .where("i.answered_at", "is not", null)
    .where("i.answered_at", "<=", before)
    .orderBy("i.answered_at", "desc")
    .limit(limit)
    .execute();
}
