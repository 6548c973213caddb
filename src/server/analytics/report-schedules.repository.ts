// All SQL of scheduled reports: the schedules people keep, and the sender's claim on the ones that are due.
import { sql } from "kysely";
import type { Locale } from "../db/database.ts";
import type { Executor } from "../db/transaction.ts";

export type ReportFrequency = "daily" | "weekly";
export type ReportRunStatus = "sent" | "failed" | "skipped";

function schedulesQuery(db: Executor, orgId: string) {
  return db
    .selectFrom("report_schedules as s")
    .innerJoin("users as u", (j) => j.onRef("u.org_id", "=", "s.org_id").onRef("u.id", "=", "s.user_id"))
    .select([
      "s.org_id",
      "s.id",
      "s.user_id",
      "u.name as owner_name",
      "s.report",
      "s.filters",
      "s.frequency",
      "s.weekday",
      "s.send_at",
      "s.locale",
      "s.recipients",
      "s.next_run_at",
      "s.last_sent_at",
      "s.last_status",
      "s.last_error",
      "s.archived_at",
      "s.created_at",
      "s.updated_at",
    ])
    .where("s.org_id", "=", orgId);
}
export type ScheduleRow = Awaited<ReturnType<ReturnType<typeof schedulesQuery>["execute"]>>[number];

/** A schedule that has not been deleted (archived). */
export function findSchedule(db: Executor, orgId: string, id: string) {
  return schedulesQuery(db, orgId).where("s.id", "=", id).where("s.archived_at", "is", null).executeTakeFirst();
}

/** Schedules that have not been deleted, newest first (ids are UUIDv7), one owner's or the whole org's. */
export function listSchedules(
  db: Executor,
  orgId: string,
  f: { ownerId?: string | undefined; beforeId?: string | undefined; limit: number },
) {
  let q = schedulesQuery(db, orgId).where("s.archived_at", "is", null);
  if (f.ownerId) q = q.where("s.user_id", "=", f.ownerId);
  if (f.beforeId) q = q.where("s.id", "<", f.beforeId);
  return q
    .orderBy("s.id", "desc")
    .limit(f.limit + 1)
    .execute();
}

export async function countOwnSchedules(db: Executor, orgId: string, userId: string): Promise<number> {
  const r = await db
    .selectFrom("report_schedules")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("org_id", "=", orgId)
    .where("user_id", "=", userId)
    .where("archived_at", "is", null)
    .executeTakeFirstOrThrow();
  return r.n;
}

export async function insertSchedule(
  db: Executor,
  s: {
    org_id: string;
    id: string;
    user_id: string;
    report: string;
    filters: object;
    frequency: ReportFrequency;
    weekday: number | null;
    send_at: string;
    locale: Locale;
    recipients: string[];
    next_run_at: Date;
  },
) {
  await db
    .insertInto("report_schedules")
    .values({
      ...s,
      filters: JSON.stringify(s.filters),
      recipients: sql<string[]>`${sql.val(s.recipients)}::text[]`,
    })
    .execute();
}

/** Archives a schedule; false when it was not there or already archived (someone else got there first). */
export async function archiveSchedule(db: Executor, orgId: string, id: string, at: Date): Promise<boolean> {
  const r = await db
    .updateTable("report_schedules")
    .set({ archived_at: at, updated_at: at })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .where("archived_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// --- the sender

/** Orgs with a schedule due by `now`: the one question the sender asks across organisations. */
export async function orgsWithDueSchedules(db: Executor, now: Date): Promise<string[]> {
  const rows = await db
    .selectFrom("report_schedules")
    .select("org_id")
    .distinct()
    .where("archived_at", "is", null)
    .where("next_run_at", "<=", now)
    .execute();
  return rows.map((r) => r.org_id);
}

export interface ClaimedSchedule {
  org_id: string;
  id: string;
  user_id: string;
  report: string;
  filters: unknown;
  frequency: ReportFrequency;
  weekday: number | null;
  send_at: string;
  locale: Locale;
  recipients: string[];
}

/**
 * Takes up to `limit` schedules of an org that are due by `now` and leases them
 * until `leaseUntil` by moving their next run there. Rows another sender holds are skipped, not waited for; a
 * sender that dies mid-send leaves the schedule to be sent when the lease runs out.
 */
export async function claimDueSchedules(
  db: Executor,
  orgId: string,
  opts: { now: Date; leaseUntil: Date; limit: number },
): Promise<ClaimedSchedule[]> {
  const r = await sql<ClaimedSchedule>`
    with due as (
      select org_id, id from report_schedules
      where org_id = ${orgId} and archived_at is null and next_run_at <= ${opts.now}
      order by next_run_at
      limit ${opts.limit}
      for update skip locked
    )
    update report_schedules s set next_run_at = ${opts.leaseUntil}
    from due
    where s.org_id = due.org_id and s.id = due.id
    returning s.org_id, s.id, s.user_id, s.report, s.filters, s.frequency, s.weekday, s.send_at::text as send_at,
      s.locale, s.recipients`.execute(db);
  return r.rows;
}

/** What a run came to; `nextRunAt` null leaves the schedule's next run as it is ("send now"). */
export async function recordRun(
  db: Executor,
  orgId: string,
  id: string,
  run: { status: ReportRunStatus; at: Date; error: string | null; nextRunAt: Date | null; archive: boolean },
) {
  await db
    .updateTable("report_schedules")
    .set({
      last_status: run.status,
      last_error: run.error,
      ...(run.status === "sent" && { last_sent_at: run.at }),
      ...(run.nextRunAt && { next_run_at: run.nextRunAt }),
      ...(run.archive && { archived_at: run.at }),
      updated_at: run.at,
    })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}
