// Activities (C4): calls, meetings, notes, tasks and emails logged by hand, each linked to the records it is about.
// An activity is seen by whoever sees it under the CRM scope rule (crm-scope.repository.ts) on its own owner and
// territory; its territory is taken from the first linked record that has one, so a rep's call about an account in
// their manager's subtree is seen by the manager too.
//
// For other modules: logActivityTx (log one inside the caller's transaction), moveActivityLinks (a lead merged into
// another: its activities now belong to the survivor), copyActivityLinks (a converted lead: its activities show on
// the new contact, account and deal too), activityIdsFor (what a record has).
import type {
  ActivitiesResponse,
  ActivityQuery,
  ActivityResponse,
  CreateActivityRequest,
  UpdateActivityRequest,
} from "../../shared/contracts/activities.ts";
import { newId } from "../../shared/ids.ts";
import type { Db, Executor } from "../db/transaction.ts";
import { withTransaction } from "../db/transaction.ts";
import { AccessErrors, can } from "../platform/access.ts";
import { recordAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import { isSystemActor } from "../platform/context.ts";
import { AppError } from "../platform/errors.ts";
import { getTicket } from "../service/service.service.ts";
import { ActivityErrors } from "./activities.errors.ts";
import * as repo from "./activities.repository.ts";
import { activityTitle } from "./activity-timeline-texts.ts";
import type { RecordRef, RecordType, TimelineItem } from "./timeline-source.ts";

/** What logActivityTx takes: the request of POST /activities (links are RecordRef[]). */
export type NewActivityInput = CreateActivityRequest;

/**
 * Checks that the caller may link activities to records of a type this module does not own (tickets: the service
 * desk registers its check at start). Returns the ids of `ids` the caller sees.
 */
export type LinkCheck = (db: Executor, ctx: Ctx, ids: string[]) => Promise<Set<string>>;
const linkChecks = new Map<RecordType, LinkCheck>();
export function registerActivityLinkCheck(type: RecordType, check: LinkCheck): void {
  linkChecks.set(type, check);
}

const viewerOf = (ctx: Ctx): repo.Viewer => ({ scope: ctx.actor.scope, userId: ctx.actor.userId });

// Tickets are the service desk's: a ticket may be linked when the service desk would show it to the caller.
registerActivityLinkCheck("ticket", async (db, ctx, ids) => {
  const seen = new Set<string>();
  // Read in the caller's transaction (PGlite has one connection: a read beside it would wait for it forever).
  const inTx: Ctx = { ...ctx, db: db as Db };
  for (const id of ids) {
    try {
      await getTicket(inTx, id);
      seen.add(id);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
    }
  }
  return seen;
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function activityOf(a: repo.ActivityRow, links: readonly repo.LinkRow[]): ActivityResponse {
  return {
    id: a.id,
    kind: a.kind,
    subject: a.subject,
    body: a.body,
    ownerUserId: a.owner_user_id,
    ownerName: a.owner_name,
    territoryId: a.territory_id,
    occurredAt: a.occurred_at.toISOString(),
    callOutcome: a.call_outcome,
    callDirection: a.call_direction,
    durationSeconds: a.duration_seconds,
    endsAt: iso(a.ends_at),
    location: a.location,
    attendees: a.attendees,
    dueAt: iso(a.due_at),
    remindAt: iso(a.remind_at),
    doneAt: iso(a.done_at),
    emailDirection: a.email_direction,
    emailAddress: a.email_address,
    links: links
      .filter((l) => l.activity_id === a.id)
      .map((l) => ({ type: l.record_type, id: l.record_id, name: l.name })),
    createdAt: a.created_at.toISOString(),
  };
}

/** Activity rows as the API shows them, with their links. */
export async function activitiesWithLinks(
  db: Executor,
  orgId: string,
  rows: readonly repo.ActivityRow[],
): Promise<ActivityResponse[]> {
  const links = await repo.linksOf(
    db,
    orgId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => activityOf(r, links));
}

/**
 * Logs an activity inside the caller's transaction and links it to `input.links`. The caller has checked that its
 * actor may see those records (the HTTP route does, through createActivity). The owner is the input's, else the
 * actor (none for the system); the territory is the first linked record's that has one.
 */
export async function logActivityTx(tx: Executor, ctx: Ctx, input: NewActivityInput): Promise<{ id: string }> {
  const orgId = ctx.actor.orgId;
  const id = newId();
  const kind = input.kind;
  const owner = input.ownerUserId ?? (isSystemActor(ctx) ? null : ctx.actor.userId);
  const territory = await repo.territoryOfRecords(tx, orgId, input.links);
  const due = input.dueAt ? new Date(input.dueAt) : null;
  await repo.insertActivity(tx, orgId, {
    id,
    kind,
    subject: input.subject,
    body: input.body ?? null,
    owner_user_id: owner,
    territory_id: territory,
    // A task is placed in time by when it is due.
    occurred_at: input.occurredAt ? new Date(input.occurredAt) : (due ?? new Date()),
    call_outcome: kind === "call" ? (input.callOutcome ?? null) : null,
    call_direction: kind === "call" ? (input.callDirection ?? "outbound") : null,
    duration_seconds: kind === "call" ? (input.durationSeconds ?? null) : null,
    ends_at: kind === "meeting" && input.endsAt ? new Date(input.endsAt) : null,
    location: kind === "meeting" ? (input.location ?? null) : null,
    attendees: kind === "meeting" ? (input.attendees ?? null) : null,
    due_at: kind === "task" ? due : null,
    remind_at: kind === "task" && input.remindAt ? new Date(input.remindAt) : null,
    email_direction: kind === "email" ? (input.emailDirection ?? "sent") : null,
    email_address: kind === "email" ? (input.emailAddress ?? null) : null,
    created_by: isSystemActor(ctx) ? null : ctx.actor.userId,
  });
  await repo.insertLinks(tx, orgId, id, input.links);
  await recordAudit(tx, ctx, {
    entity: "activity",
    entityId: id,
    action: "create",
    after: { kind, subject: input.subject, links: input.links },
  });
  return { id };
}

/**
 * Re-points every activity of `from` at `to` (a lead merged into its survivor). An activity already linked to both
 * keeps one link to `to`. Returns how many links were moved.
 */
export function moveActivityLinks(tx: Executor, orgId: string, from: RecordRef, to: RecordRef): Promise<number> {
  return repo.moveLinks(tx, orgId, from, to);
}

/**
 * Shows every activity of `from` on each of `to` as well (a converted lead's history on its new contact, account
 * and deal); `from` keeps its links. Links that exist already are not repeated. Returns how many were added.
 */
export function copyActivityLinks(tx: Executor, orgId: string, from: RecordRef, to: RecordRef[]): Promise<number> {
  return repo.copyLinks(tx, orgId, from, to);
}

/** The ids of the activities linked to a record, whoever may see them (for other services and tests). */
export function activityIdsFor(db: Executor, orgId: string, ref: RecordRef): Promise<string[]> {
  return repo.activityIdsLinkedTo(db, orgId, ref);
}

/** Throws not-found unless the caller sees every one of these records. */
export async function assertRecordsVisible(db: Executor, ctx: Ctx, refs: readonly RecordRef[]): Promise<void> {
  const seen = await repo.visibleRecords(db, ctx.actor.orgId, refs, viewerOf(ctx));
  for (const [type, check] of linkChecks) {
    const ids = refs.filter((r) => r.type === type).map((r) => r.id);
    if (ids.length === 0) continue;
    for (const id of await check(db, ctx, ids)) seen.add(`${type}:${id}`);
  }
  for (const r of refs) if (!seen.has(`${r.type}:${r.id}`)) throw ActivityErrors.recordNotFound({ type: r.type });
}

export async function createActivity(ctx: Ctx, body: CreateActivityRequest): Promise<ActivityResponse> {
  if (!can(ctx.actor, "crm.write")) throw AccessErrors.forbidden();
  return withTransaction(ctx.db, async (tx) => {
    await assertRecordsVisible(tx, ctx, body.links);
    if (body.ownerUserId && !(await repo.activeUserExists(tx, ctx.actor.orgId, body.ownerUserId)))
      throw ActivityErrors.ownerNotFound();
    const { id } = await logActivityTx(tx, ctx, body);
    const rows = await repo.listActivities(tx, ctx.actor.orgId, { ids: [id] }, null);
    const [out] = await activitiesWithLinks(tx, ctx.actor.orgId, rows);
    if (!out) throw ActivityErrors.notFound();
    return out;
  });
}

export async function listActivities(ctx: Ctx, q: ActivityQuery): Promise<ActivitiesResponse> {
  if (!can(ctx.actor, "crm.read")) throw AccessErrors.forbidden();
  const orgId = ctx.actor.orgId;
  const record = q.recordType && q.recordId ? { type: q.recordType, id: q.recordId } : undefined;
  if (record) await assertRecordsVisible(ctx.db, ctx, [record]);
  const rows = await repo.listActivities(
    ctx.db,
    orgId,
    {
      ...(record ? { record } : { ownerUserId: ctx.actor.userId }),
      ...(q.kind && { kind: q.kind }),
      ...(q.openTasks && { openTasks: true }),
      ...(q.before && { before: new Date(q.before) }),
      limit: q.limit,
    },
    viewerOf(ctx),
  );
  return { items: await activitiesWithLinks(ctx.db, orgId, rows) };
}

export async function updateActivity(ctx: Ctx, id: string, body: UpdateActivityRequest): Promise<ActivityResponse> {
  if (!can(ctx.actor, "crm.write")) throw AccessErrors.forbidden();
  return withTransaction(ctx.db, async (tx) => {
    const orgId = ctx.actor.orgId;
    const a = await repo.findActivityForUpdate(tx, orgId, id, viewerOf(ctx));
    if (!a) throw ActivityErrors.notFound();
    const isTask = a.kind === "task";
    if (!isTask && (body.done !== undefined || body.dueAt !== undefined || body.remindAt !== undefined))
      throw ActivityErrors.notATask();
    if (a.kind !== "call" && (body.callOutcome !== undefined || body.durationSeconds !== undefined))
      throw ActivityErrors.fieldNotForKind({ field: "callOutcome" });
    if (
      a.kind !== "meeting" &&
      (body.endsAt !== undefined || body.location !== undefined || body.attendees !== undefined)
    )
      throw ActivityErrors.fieldNotForKind({ field: "endsAt" });
    const patch: repo.ActivityPatch = {};
    if (body.subject !== undefined) patch.subject = body.subject;
    if (body.body !== undefined) patch.body = body.body;
    if (body.occurredAt !== undefined) patch.occurred_at = new Date(body.occurredAt);
    if (body.callOutcome !== undefined) patch.call_outcome = body.callOutcome;
    if (body.durationSeconds !== undefined) patch.duration_seconds = body.durationSeconds;
    if (body.endsAt !== undefined) patch.ends_at = body.endsAt ? new Date(body.endsAt) : null;
    if (body.location !== undefined) patch.location = body.location;
    if (body.attendees !== undefined) patch.attendees = body.attendees;
    if (body.dueAt !== undefined) patch.due_at = new Date(body.dueAt);
    if (body.remindAt !== undefined) {
      patch.remind_at = body.remindAt ? new Date(body.remindAt) : null;
      // A new reminder time is a new reminder: it fires once more.
      patch.reminded_at = null;
    }
    if (body.done !== undefined) patch.done_at = body.done ? (a.done_at ?? new Date()) : null;
    await repo.updateActivity(tx, orgId, id, patch);
    const [row] = await repo.listActivities(tx, orgId, { ids: [id] }, null);
    if (!row) throw ActivityErrors.notFound();
    const [out] = await activitiesWithLinks(tx, orgId, [row]);
    if (!out) throw ActivityErrors.notFound();
    await recordAudit(tx, ctx, {
      entity: "activity",
      entityId: id,
      action: body.done === true && !a.done_at ? "complete" : "update",
      before: activityOf(a, []),
      after: out,
    });
    return out;
  });
}

/**
 * The timeline's items for activities linked to any of these records, in the caller's scope and language: newest
 * first (by when done or when they happened), at most `page.limit`, at or before `page.before`.
 */
export async function activityTimelineItems(
  db: Executor,
  ctx: Ctx,
  refs: readonly RecordRef[],
  page: { before: Date; limit: number },
): Promise<TimelineItem[]> {
  const rows = await repo.activitiesForRefs(db, ctx.actor.orgId, refs, viewerOf(ctx), page);
  const links = await repo.linksOf(
    db,
    ctx.actor.orgId,
    rows.map((r) => r.id),
  );
  return rows.map((a) => {
    const deal = links.find((l) => l.activity_id === a.id && l.record_type === "deal");
    return {
      at: (a.done_at ?? a.occurred_at).toISOString(),
      kind: a.kind,
      title: activityTitle(a, ctx.locale),
      detail: a.body,
      link: deal ? { type: "deal", id: deal.record_id } : null,
      actorName: a.owner_name,
    };
  });
}
