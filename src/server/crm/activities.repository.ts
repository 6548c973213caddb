// All SQL of activities (C4): the activities, their links to CRM records, the scope of both, and the reminders due.
import { type RawBuilder, type SqlBool, sql } from "kysely";
import type { ActivityKind, CallOutcome, CrmRecordType } from "../db/database.ts";
import type { Executor } from "../db/transaction.ts";
import type { Scope } from "../platform/access.ts";
import { crmScopeCondition } from "./crm-scope.repository.ts";
import type { RecordRef } from "./timeline-source.ts";

export interface ActivityRow {
  id: string;
  kind: ActivityKind;
  subject: string;
  body: string | null;
  owner_user_id: string | null;
  owner_name: string | null;
  territory_id: string | null;
  occurred_at: Date;
  call_outcome: CallOutcome | null;
  call_direction: "outbound" | "inbound" | null;
  duration_seconds: number | null;
  ends_at: Date | null;
  location: string | null;
  attendees: string | null;
  due_at: Date | null;
  remind_at: Date | null;
  reminded_at: Date | null;
  done_at: Date | null;
  email_direction: "sent" | "received" | null;
  email_address: string | null;
  created_at: Date;
}

export interface ActivityValues {
  id: string;
  kind: ActivityKind;
  subject: string;
  body: string | null;
  owner_user_id: string | null;
  territory_id: string | null;
  occurred_at: Date;
  call_outcome: CallOutcome | null;
  call_direction: "outbound" | "inbound" | null;
  duration_seconds: number | null;
  ends_at: Date | null;
  location: string | null;
  attendees: string | null;
  due_at: Date | null;
  remind_at: Date | null;
  email_direction: "sent" | "received" | null;
  email_address: string | null;
  created_by: string | null;
}

export interface LinkRow {
  activity_id: string;
  record_type: CrmRecordType;
  record_id: string;
  name: string | null;
}

/** Who is asking: their scope narrows which activities (and records) they see. */
export interface Viewer {
  scope: Scope;
  userId: string;
}

export async function insertActivity(db: Executor, orgId: string, v: ActivityValues): Promise<void> {
  await db
    .insertInto("activities")
    .values({ org_id: orgId, ...v })
    .execute();
}

/** Links an activity to records; a link it already has is kept once. */
export async function insertLinks(
  db: Executor,
  orgId: string,
  activityId: string,
  refs: readonly RecordRef[],
): Promise<void> {
  if (refs.length === 0) return;
  await db
    .insertInto("activity_links")
    .values(refs.map((r) => ({ org_id: orgId, activity_id: activityId, record_type: r.type, record_id: r.id })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Re-points every link to `from` at `to` (an activity already on `to` keeps one link). Returns the links moved. */
export async function moveLinks(db: Executor, orgId: string, from: RecordRef, to: RecordRef): Promise<number> {
  await sql`
    insert into activity_links (org_id, activity_id, record_type, record_id)
    select org_id, activity_id, ${to.type}, ${to.id}::uuid from activity_links
    where org_id = ${orgId} and record_type = ${from.type} and record_id = ${from.id}::uuid
    on conflict do nothing`.execute(db);
  const r = await db
    .deleteFrom("activity_links")
    .where("org_id", "=", orgId)
    .where("record_type", "=", from.type)
    .where("record_id", "=", from.id)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Adds a link to each of `to` for every activity linked to `from`. Returns the links added. */
export async function copyLinks(db: Executor, orgId: string, from: RecordRef, to: readonly RecordRef[]) {
  let added = 0;
  for (const t of to) {
    if (t.type === from.type && t.id === from.id) continue;
    const r = await sql`
      insert into activity_links (org_id, activity_id, record_type, record_id)
      select org_id, activity_id, ${t.type}, ${t.id}::uuid from activity_links
      where org_id = ${orgId} and record_type = ${from.type} and record_id = ${from.id}::uuid
      on conflict do nothing`.execute(db);
    added += Number(r.numAffectedRows ?? 0);
  }
  return added;
}

const RECORD_TABLES = {
  lead: "leads",
  contact: "contacts",
  account: "accounts",
  deal: "deals",
} as const satisfies Partial<Record<CrmRecordType, string>>;
type ScopedType = keyof typeof RECORD_TABLES;

/** The records of these refs (leads, contacts, accounts, deals) the viewer sees, as "type:id" keys. */
export async function visibleRecords(
  db: Executor,
  orgId: string,
  refs: readonly RecordRef[],
  viewer: Viewer,
): Promise<Set<string>> {
  const out = new Set<string>();
  for (const type of Object.keys(RECORD_TABLES) as ScopedType[]) {
    const ids = [...new Set(refs.filter((r) => r.type === type).map((r) => r.id))];
    if (ids.length === 0) continue;
    const r = await sql<{ id: string }>`
      select r.id from ${sql.table(RECORD_TABLES[type])} r
      where r.org_id = ${orgId} and r.id in (${sql.join(ids)})
        and ${crmScopeCondition(viewer.scope, viewer.userId, "r")}`.execute(db);
    for (const row of r.rows) out.add(`${type}:${row.id}`);
  }
  return out;
}

/** The territory of the first of these records that has one (deal before contact before account before lead). */
export async function territoryOfRecords(db: Executor, orgId: string, refs: readonly RecordRef[]) {
  for (const type of ["deal", "contact", "account", "lead"] as const) {
    const ids = refs.filter((r) => r.type === type).map((r) => r.id);
    if (ids.length === 0) continue;
    const r = await sql<{ territory_id: string }>`
      select territory_id from ${sql.table(RECORD_TABLES[type])}
      where org_id = ${orgId} and id in (${sql.join(ids)}) and territory_id is not null
      order by id limit 1`.execute(db);
    if (r.rows[0]) return r.rows[0].territory_id;
  }
  return null;
}

export async function activeUserExists(db: Executor, orgId: string, userId: string): Promise<boolean> {
  const r = await sql<{ one: number }>`
    select 1 as one from users where org_id = ${orgId} and id = ${userId} and deactivated_at is null`.execute(db);
  return r.rows.length > 0;
}

export interface ActivityFilter {
  ids?: readonly string[];
  record?: RecordRef;
  kind?: ActivityKind;
  openTasks?: boolean;
  ownerUserId?: string;
  before?: Date;
  limit?: number;
}

const SELECT_ACTIVITY = sql`
  a.id, a.kind, a.subject, a.body, a.owner_user_id, u.name as owner_name, a.territory_id, a.occurred_at,
  a.call_outcome, a.call_direction, a.duration_seconds, a.ends_at, a.location, a.attendees, a.due_at, a.remind_at,
  a.reminded_at, a.done_at, a.email_direction, a.email_address, a.created_at`;

/** Activities the viewer sees (null: no scope narrowing, for trusted callers), newest first. */
export async function listActivities(
  db: Executor,
  orgId: string,
  f: ActivityFilter,
  viewer: Viewer | null,
): Promise<ActivityRow[]> {
  const where: RawBuilder<unknown>[] = [sql`a.org_id = ${orgId}`];
  if (viewer) where.push(crmScopeCondition(viewer.scope, viewer.userId, "a"));
  if (f.ids) {
    if (f.ids.length === 0) return [];
    where.push(sql`a.id in (${sql.join([...f.ids])})`);
  }
  if (f.record)
    where.push(sql`exists (select 1 from activity_links l where l.org_id = a.org_id and l.activity_id = a.id
      and l.record_type = ${f.record.type} and l.record_id = ${f.record.id})`);
  if (f.kind) where.push(sql`a.kind = ${f.kind}`);
  if (f.openTasks) where.push(sql`a.kind = 'task' and a.done_at is null`);
  if (f.ownerUserId) where.push(sql`a.owner_user_id = ${f.ownerUserId}`);
  if (f.before) where.push(sql`coalesce(a.due_at, a.occurred_at) < ${f.before}`);
  const r = await sql<ActivityRow>`
    select ${SELECT_ACTIVITY}
    from activities a left join users u on u.org_id = a.org_id and u.id = a.owner_user_id
    where ${sql.join(where, sql` and `)}
    order by coalesce(a.due_at, a.occurred_at) desc, a.id desc
    limit ${f.limit ?? 200}`.execute(db);
  return r.rows;
}

/** One activity, locked for a change (the bare row first, then read whole), if the viewer sees it. */
export async function findActivityForUpdate(db: Executor, orgId: string, id: string, viewer: Viewer) {
  await sql`select id from activities where org_id = ${orgId} and id = ${id} for update`.execute(db);
  const r = await sql<ActivityRow>`
    select ${SELECT_ACTIVITY}
    from activities a left join users u on u.org_id = a.org_id and u.id = a.owner_user_id
    where a.org_id = ${orgId} and a.id = ${id} and ${crmScopeCondition(viewer.scope, viewer.userId, "a")}`.execute(db);
  return r.rows[0];
}

export type ActivityPatch = Partial<
  Pick<
    ActivityValues,
    | "subject"
    | "body"
    | "occurred_at"
    | "call_outcome"
    | "duration_seconds"
    | "ends_at"
    | "location"
    | "attendees"
    | "due_at"
    | "remind_at"
  > & { done_at: Date | null; reminded_at: Date | null }
>;

export async function updateActivity(db: Executor, orgId: string, id: string, patch: ActivityPatch) {
  await db
    .updateTable("activities")
    .set({ ...patch, updated_at: new Date() })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

/** The links of these activities, each with the linked record's name where this module knows it. */
export async function linksOf(db: Executor, orgId: string, activityIds: readonly string[]): Promise<LinkRow[]> {
  if (activityIds.length === 0) return [];
  const r = await sql<LinkRow>`
    select l.activity_id, l.record_type, l.record_id,
           coalesce(le.name, c.name, ac.name, d.name) as name
    from activity_links l
    left join leads le on l.record_type = 'lead' and le.org_id = l.org_id and le.id = l.record_id
    left join contacts c on l.record_type = 'contact' and c.org_id = l.org_id and c.id = l.record_id
    left join accounts ac on l.record_type = 'account' and ac.org_id = l.org_id and ac.id = l.record_id
    left join deals d on l.record_type = 'deal' and d.org_id = l.org_id and d.id = l.record_id
    where l.org_id = ${orgId} and l.activity_id in (${sql.join([...activityIds])})
    order by l.record_type, l.record_id`.execute(db);
  return r.rows;
}

/** The ids of the activities linked to a record (no scope: for other services and tests). */
export async function activityIdsLinkedTo(db: Executor, orgId: string, ref: RecordRef): Promise<string[]> {
  const r = await db
    .selectFrom("activity_links")
    .select("activity_id")
    .where("org_id", "=", orgId)
    .where("record_type", "=", ref.type)
    .where("record_id", "=", ref.id)
    .orderBy("activity_id")
    .execute();
  return r.map((x) => x.activity_id);
}

/** Activities linked to any of these records, for a timeline: newest first, at or before `before`. */
export async function activitiesForRefs(
  db: Executor,
  orgId: string,
  refs: readonly RecordRef[],
  viewer: Viewer,
  page: { before: Date; limit: number },
): Promise<ActivityRow[]> {
  if (refs.length === 0) return [];
  const pairs = refs.map((r) => sql`(${r.type}, ${r.id}::uuid)`);
  const r = await sql<ActivityRow>`
    select ${SELECT_ACTIVITY}
    from activities a left join users u on u.org_id = a.org_id and u.id = a.owner_user_id
    where a.org_id = ${orgId} and ${crmScopeCondition(viewer.scope, viewer.userId, "a")}
      and exists (select 1 from activity_links l where l.org_id = a.org_id and l.activity_id = a.id
        and (l.record_type, l.record_id) in (${sql.join(pairs)}))
      and coalesce(a.done_at, a.occurred_at) <= ${page.before}
    order by coalesce(a.done_at, a.occurred_at) desc, a.id desc
    limit ${page.limit}`.execute(db);
  return r.rows;
}

export interface DueReminder {
  org_id: string;
  id: string;
  subject: string;
  owner_user_id: string | null;
  due_at: Date | null;
}

/**
 * Claims the task reminders whose time has come: marks them reminded in the same statement that reads them, so a
 * reminder is claimed once however many workers run (rows another worker holds are skipped, not waited for).
 */
export async function claimDueReminders(db: Executor, now: Date, limit: number): Promise<DueReminder[]> {
  const r = await sql<DueReminder>`
    update activities a set reminded_at = ${now}
    from (
      select org_id, id from activities
      where remind_at is not null and reminded_at is null and done_at is null and remind_at <= ${now}
      order by remind_at
      limit ${limit}
      for update skip locked
    ) due
    where a.org_id = due.org_id and a.id = due.id
    returning a.org_id, a.id, a.subject, a.owner_user_id, a.due_at`.execute(db);
  return r.rows;
}

/** Unanswered calls of the last days that no later call followed, for "my day": calls to make again. */
export async function unansweredCalls(
  db: Executor,
  orgId: string,
  ownerUserId: string,
  since: Date,
): Promise<ActivityRow[]> {
  const unanswered: RawBuilder<SqlBool> = sql<SqlBool>`a.call_outcome in ('no_answer', 'busy', 'voicemail')`;
  const r = await sql<ActivityRow>`
    select ${SELECT_ACTIVITY}
    from activities a left join users u on u.org_id = a.org_id and u.id = a.owner_user_id
    where a.org_id = ${orgId} and a.owner_user_id = ${ownerUserId} and a.kind = 'call' and ${unanswered}
      and a.occurred_at >= ${since}
      and not exists (
        select 1 from activity_links l
        join activity_links l2 on l2.org_id = l.org_id and l2.record_type = l.record_type and l2.record_id = l.record_id
        join activities later on later.org_id = l2.org_id and later.id = l2.activity_id
        where l.org_id = a.org_id and l.activity_id = a.id and later.kind = 'call' and later.id <> a.id
          and later.occurred_at > a.occurred_at)
    order by a.occurred_at desc
    limit 50`.execute(db);
  return r.rows;
}

/** A user's open tasks due before `to` (and tasks done or due in [from, to)), and their meetings in [from, to). */
export async function dayActivities(
  db: Executor,
  orgId: string,
  ownerUserId: string,
  from: Date,
  to: Date,
): Promise<ActivityRow[]> {
  const r = await sql<ActivityRow>`
    select ${SELECT_ACTIVITY}
    from activities a left join users u on u.org_id = a.org_id and u.id = a.owner_user_id
    where a.org_id = ${orgId} and a.owner_user_id = ${ownerUserId}
      and ((a.kind = 'task' and a.due_at < ${to} and (a.done_at is null or a.due_at >= ${from}))
        or (a.kind = 'meeting' and a.occurred_at >= ${from} and a.occurred_at < ${to}))
    order by coalesce(a.due_at, a.occurred_at), a.id
    limit 500`.execute(db);
  return r.rows;
}
