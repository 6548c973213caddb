// Service desk (C5): tickets from every channel (by hand, the public form, email, chat through the API), their
// conversation, status and SLA, assignment and escalation on a breach, and the settings (calendar, policies).
//
// Scope: the CRM rule (crm/crm-scope.repository.ts), with the assignee as the ticket's owner: org-wide roles see
// every ticket, a manager those of their subtree and those given to them; a ticket outside is "not found".
//
// Status: new -> open -> pending (waiting on the customer: the SLA clock stands still) -> resolved -> closed; a
// customer's reply opens a pending, resolved or closed ticket again. Every change is a ticket event and an audit row.
import type {
  CreateTicketInput,
  ServiceSettings,
  TicketChannel,
  TicketMessageRequest,
  TicketPriority,
  TicketQuery,
  TicketResponse,
  TicketStatus,
  TicketStatusRequest,
  TicketSummary,
  UpdateTicketRequest,
} from "../../shared/contracts/service.ts";
import { TICKET_PRIORITIES } from "../../shared/contracts/service.ts";
import { newId } from "../../shared/ids.ts";
import type { Locale } from "../../shared/locale.ts";
import { searchText } from "../../shared/search-text.ts";
import type { Db, Executor } from "../db/transaction.ts";
import { withTransaction } from "../db/transaction.ts";
import { AccessErrors, can, type Permission } from "../platform/access.ts";
import { recordAudit } from "../platform/audit/audit.service.ts";
import { type Ctx, isSystemActor, systemCtx } from "../platform/context.ts";
import { notify } from "../platform/notifications/notifications.service.ts";
import { formatNumber, nextDocumentNumber } from "../platform/numbering/numbering.repository.ts";
import { decodeCursor, encodeCursor } from "../platform/pagination.ts";
import { publishEvent } from "../webhooks/webhooks.service.ts";
import { type BusinessCalendar, DEFAULT_CALENDAR, hasWorkingTime, type WorkingWindow } from "./business-hours.ts";
import { ServiceErrors, STATUS_WORDS } from "./service.errors.ts";
import * as repo from "./service.repository.ts";
import { DEFAULT_TARGETS, dueTimes, type PolicyTargets, pausedFor, priorityAbove } from "./service-sla.ts";

const TICKET_SERIES = "ticket";
const iso = (d: Date | null) => d?.toISOString() ?? null;

function needs(ctx: Ctx, permission: Permission) {
  if (!can(ctx.actor, permission)) throw AccessErrors.forbidden();
}

const viewerOf = (ctx: Ctx): repo.Viewer => ({ scope: ctx.actor.scope, userId: ctx.actor.userId });
const actorId = (ctx: Ctx) => (isSystemActor(ctx) ? null : ctx.actor.userId);

// --- settings: calendar and policies

export async function calendarOf(db: Executor, orgId: string): Promise<BusinessCalendar> {
  const row = await repo.findCalendar(db, orgId);
  if (!row) return DEFAULT_CALENDAR;
  return {
    timeZone: row.time_zone,
    week: row.week as (WorkingWindow | null)[],
    holidays: row.holidays as string[],
  };
}

interface Policy extends PolicyTargets {
  escalatePriority: boolean;
  escalateToUserId: string | null;
}

async function policiesOf(db: Executor, orgId: string): Promise<Record<TicketPriority, Policy>> {
  const rows = await repo.listPolicies(db, orgId);
  const out = {} as Record<TicketPriority, Policy>;
  for (const p of TICKET_PRIORITIES) {
    const row = rows.find((r) => r.priority === p);
    out[p] = row
      ? {
          firstResponseMinutes: row.first_response_minutes,
          resolutionMinutes: row.resolution_minutes,
          escalatePriority: row.escalate_priority,
          escalateToUserId: row.escalate_to_user_id,
        }
      : { ...DEFAULT_TARGETS[p], escalatePriority: true, escalateToUserId: null };
  }
  return out;
}

export async function getSettings(ctx: Ctx): Promise<ServiceSettings> {
  needs(ctx, "service.read");
  const cal = await calendarOf(ctx.db, ctx.actor.orgId);
  const policies = await policiesOf(ctx.db, ctx.actor.orgId);
  return {
    timeZone: "Asia/Dhaka",
    week: [...cal.week],
    holidays: [...cal.holidays],
    policies: TICKET_PRIORITIES.map((priority) => ({ priority, ...policies[priority] })),
  };
}

export async function saveSettings(ctx: Ctx, input: ServiceSettings): Promise<ServiceSettings> {
  needs(ctx, "service.manage");
  const orgId = ctx.actor.orgId;
  const cal: BusinessCalendar = { timeZone: input.timeZone, week: input.week, holidays: input.holidays };
  if (!hasWorkingTime(cal)) throw ServiceErrors.calendarEmpty();
  return withTransaction(ctx.db, async (tx) => {
    const before = await getSettings({ ...ctx, db: tx });
    for (const p of input.policies)
      if (p.escalateToUserId && !(await repo.findAgent(tx, orgId, p.escalateToUserId)))
        throw ServiceErrors.assigneeNotFound({ id: p.escalateToUserId });
    await repo.saveCalendar(tx, orgId, {
      timeZone: cal.timeZone,
      week: cal.week,
      holidays: [...new Set(cal.holidays)].sort(),
    });
    for (const p of input.policies) await repo.savePolicy(tx, orgId, p);
    const after = await getSettings({ ...ctx, db: tx });
    await recordAudit(tx, ctx, { entity: "service_settings", entityId: orgId, action: "update", before, after });
    return after;
  });
}

export async function listAgents(ctx: Ctx) {
  needs(ctx, "service.read");
  return { items: await repo.listAgents(ctx.db, ctx.actor.orgId) };
}

// --- answers

function summaryOf(t: repo.TicketRow): TicketSummary {
  return {
    id: t.id,
    number: t.number,
    type: t.type,
    channel: t.channel,
    priority: t.priority,
    status: t.status,
    subject: t.subject,
    requesterName: t.requester_name,
    contactId: t.contact_id,
    accountId: t.account_id,
    assigneeId: t.owner_user_id,
    assigneeName: t.assignee_name,
    territoryId: t.territory_id,
    escalationLevel: t.escalation_level,
    firstResponse: {
      dueAt: iso(t.first_response_due_at),
      metAt: iso(t.first_responded_at),
      breachedAt: iso(t.first_response_breached_at),
    },
    resolution: {
      dueAt: iso(t.resolution_due_at),
      metAt: iso(t.resolved_at),
      breachedAt: iso(t.resolution_breached_at),
    },
    slaPaused: t.sla_paused_at !== null,
    createdAt: t.created_at.toISOString(),
    updatedAt: t.updated_at.toISOString(),
  };
}

async function ticketResponse(db: Executor, orgId: string, t: repo.TicketRow): Promise<TicketResponse> {
  const [messages, events, articles] = await Promise.all([
    repo.listMessages(db, orgId, t.id),
    repo.listEvents(db, orgId, t.id),
    repo.articleIdsOfTicket(db, orgId, t.id),
  ]);
  return {
    ...summaryOf(t),
    description: t.description,
    requesterPhone: t.requester_phone,
    requesterEmail: t.requester_email,
    locale: t.locale,
    resolutionText: t.resolution,
    resolvedAt: iso(t.resolved_at),
    closedAt: iso(t.closed_at),
    articleIds: articles.map((a) => a.id),
    messages: messages.map((m) => ({
      id: m.id,
      kind: m.kind,
      authorKind: m.author_kind,
      authorName: m.author_name,
      body: m.body,
      channel: m.channel,
      createdAt: m.created_at.toISOString(),
    })),
    events: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      actorName: e.actor_name,
      data: (e.data ?? {}) as Record<string, unknown>,
      createdAt: e.created_at.toISOString(),
    })),
  };
}

// --- reading

export async function listTickets(ctx: Ctx, q: TicketQuery) {
  needs(ctx, "service.read");
  let before: { createdAt: Date; id: string } | undefined;
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor);
    before = { createdAt: new Date(String(at)), id: String(id) };
  }
  const rows = await repo.listTickets(ctx.db, ctx.actor.orgId, viewerOf(ctx), {
    view: q.view,
    type: q.type,
    priority: q.priority,
    status: q.status,
    activeOnly: q.active === "true",
    q: q.q,
    before,
    limit: q.limit,
  });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map(summaryOf),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.created_at.toISOString(), last.id]) : null,
  };
}

async function visibleTicket(db: Executor, ctx: Ctx, id: string) {
  const t = await repo.findTicket(db, ctx.actor.orgId, id, viewerOf(ctx));
  if (!t) throw ServiceErrors.ticketNotFound();
  return t;
}

export async function getTicket(ctx: Ctx, id: string): Promise<TicketResponse> {
  needs(ctx, "service.read");
  return ticketResponse(ctx.db, ctx.actor.orgId, await visibleTicket(ctx.db, ctx, id));
}

// --- creating

export interface CreateTicketOptions {
  /** For channels where the requester wrote the first words (web form, email, chat). */
  ip?: string | null;
}

async function event(tx: Executor, ctx: Ctx, ticketId: string, kind: string, data: object = {}) {
  await repo.insertEvent(tx, {
    org_id: ctx.actor.orgId,
    id: newId(),
    ticket_id: ticketId,
    actor_user_id: actorId(ctx),
    kind,
    data,
  });
}

/**
 * Opens a ticket inside the caller's transaction: the use case of every channel (the app, the public form,
 * inbound email, and chat through the API). The requester is a CRM contact or account, or a name, phone and email.
 */
export async function createTicketTx(
  tx: Executor,
  ctx: Ctx,
  input: CreateTicketInput,
): Promise<{ id: string; number: string }> {
  const orgId = ctx.actor.orgId;
  const viewer = viewerOf(ctx);
  let contact: Awaited<ReturnType<typeof repo.findContact>>;
  if (input.contactId) {
    contact = await repo.findContact(tx, orgId, input.contactId);
    if (!contact || !(await repo.crmRecordVisible(tx, orgId, "contacts", contact.id, viewer)))
      throw ServiceErrors.contactNotFound();
  }
  const accountId = input.accountId ?? contact?.account_id ?? null;
  let account: Awaited<ReturnType<typeof repo.findAccount>>;
  if (accountId) {
    account = await repo.findAccount(tx, orgId, accountId);
    const checked = input.accountId !== undefined;
    if (!account || (checked && !(await repo.crmRecordVisible(tx, orgId, "accounts", account.id, viewer))))
      throw ServiceErrors.accountNotFound();
  }
  let territoryId = input.territoryId ?? contact?.territory_id ?? account?.territory_id ?? null;
  if (input.territoryId) {
    const territory = await repo.findTerritory(tx, orgId, input.territoryId);
    const scope = ctx.actor.scope;
    if (!territory || (scope.kind === "territory" && !territory.path.startsWith(scope.path)))
      throw ServiceErrors.territoryNotFound();
    territoryId = territory.id;
  }
  let ownerId: string | null = null;
  if (input.assigneeId) {
    const agent = await repo.findAgent(tx, orgId, input.assigneeId);
    if (!agent) throw ServiceErrors.assigneeNotFound();
    ownerId = agent.id;
  } else if (ctx.actor.scope.kind !== "org" && actorId(ctx)) {
    // A manager who takes a ticket down keeps it: otherwise one with no territory would vanish from their view.
    ownerId = ctx.actor.userId;
  }
  const locale: Locale = input.locale ?? contact?.locale ?? ctx.locale;
  const requesterName = input.requesterName ?? contact?.name ?? account?.name ?? null;
  const now = new Date();
  const cal = await calendarOf(tx, orgId);
  const policy = (await policiesOf(tx, orgId))[input.priority];
  const due = dueTimes(now, policy, 0, cal);
  const id = newId();
  // Taken last among the reads: the counter row stays locked until commit.
  const number = formatNumber("TKT", await nextDocumentNumber(tx, orgId, TICKET_SERIES), 6);
  await repo.insertTicket(tx, {
    org_id: orgId,
    id,
    number,
    type: input.type,
    channel: input.channel,
    priority: input.priority,
    status: ownerId && input.channel === "manual" ? "open" : "new",
    subject: input.subject,
    description: input.description,
    contact_id: contact?.id ?? null,
    account_id: account?.id ?? null,
    requester_name: requesterName,
    requester_phone: input.requesterPhone ?? contact?.phone ?? null,
    requester_email: input.requesterEmail ?? contact?.email ?? null,
    locale,
    owner_user_id: ownerId,
    territory_id: territoryId,
    first_response_due_at: due.firstResponseDueAt,
    resolution_due_at: due.resolutionDueAt,
    created_by_user_id: actorId(ctx),
    search_text: searchText(number, input.subject, requesterName, input.requesterPhone, input.requesterEmail),
    created_at: now,
  });
  await event(tx, ctx, id, "created", { channel: input.channel, priority: input.priority, assigneeId: ownerId });
  await recordAudit(tx, ctx, {
    entity: "ticket",
    entityId: id,
    action: "create",
    after: { number, type: input.type, channel: input.channel, priority: input.priority, assigneeId: ownerId },
  });
  if (ownerId && ownerId !== actorId(ctx)) await notifyAssigned(tx, orgId, ownerId, number, input.subject, id);
  return { id, number };
}

async function notifyAssigned(
  tx: Executor,
  orgId: string,
  userId: string,
  number: string,
  subject: string,
  id: string,
) {
  await notify(tx, orgId, {
    userIds: [userId],
    kind: "service.ticket_assigned",
    title: { en: `Ticket ${number} is yours`, bn: `টিকিট ${number} আপনাকে দেওয়া হয়েছে` },
    body: { en: subject, bn: subject },
    link: `/service/tickets/${id}`,
  });
}

export async function createTicket(ctx: Ctx, input: CreateTicketInput): Promise<TicketResponse> {
  needs(ctx, "service.write");
  return withTransaction(ctx.db, async (tx) => {
    const { id } = await createTicketTx(tx, ctx, input);
    return ticketResponse(tx, ctx.actor.orgId, await repo.findTicket(tx, ctx.actor.orgId, id).then(mustTicket));
  });
}

function mustTicket(t: repo.TicketRow | undefined): repo.TicketRow {
  if (!t) throw ServiceErrors.ticketNotFound();
  return t;
}

// --- changing

/** The ticket locked for this transaction, within the caller's scope. */
async function lockedTicket(tx: Executor, ctx: Ctx, id: string) {
  await visibleTicket(tx, ctx, id);
  await repo.lockTicket(tx, ctx.actor.orgId, id);
  return mustTicket(await repo.findTicket(tx, ctx.actor.orgId, id));
}

/** Due times again from the ticket's creation, for its (new) priority and the minutes it stood still. */
async function recomputedDue(tx: Executor, orgId: string, t: repo.TicketRow, priority: TicketPriority, paused: number) {
  const cal = await calendarOf(tx, orgId);
  const policy = (await policiesOf(tx, orgId))[priority];
  const due = dueTimes(t.created_at, policy, paused, cal);
  return { first_response_due_at: due.firstResponseDueAt, resolution_due_at: due.resolutionDueAt };
}

export async function updateTicket(ctx: Ctx, id: string, input: UpdateTicketRequest): Promise<TicketResponse> {
  needs(ctx, "service.write");
  const orgId = ctx.actor.orgId;
  return withTransaction(ctx.db, async (tx) => {
    const t = await lockedTicket(tx, ctx, id);
    const patch: Parameters<typeof repo.updateTicket>[3] = {};
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (input.type && input.type !== t.type) {
      patch.type = input.type;
      changes.type = { from: t.type, to: input.type };
    }
    if (input.subject && input.subject !== t.subject) {
      patch.subject = input.subject;
      patch.search_text = searchText(t.number, input.subject, t.requester_name, t.requester_phone, t.requester_email);
      changes.subject = { from: t.subject, to: input.subject };
    }
    if (input.priority && input.priority !== t.priority) {
      patch.priority = input.priority;
      Object.assign(patch, await recomputedDue(tx, orgId, t, input.priority, t.paused_business_minutes));
      changes.priority = { from: t.priority, to: input.priority };
    }
    if (input.assigneeId !== undefined && input.assigneeId !== t.owner_user_id) {
      if (input.assigneeId !== null && !(await repo.findAgent(tx, orgId, input.assigneeId)))
        throw ServiceErrors.assigneeNotFound();
      patch.owner_user_id = input.assigneeId;
      if (t.status === "new" && input.assigneeId) patch.status = "open";
      changes.assignee = { from: t.owner_user_id, to: input.assigneeId };
    }
    if (Object.keys(changes).length === 0) return ticketResponse(tx, orgId, t);
    await repo.updateTicket(tx, orgId, id, patch);
    for (const [field, change] of Object.entries(changes))
      await event(tx, ctx, id, field === "assignee" ? "assigned" : `${field}_changed`, change);
    await recordAudit(tx, ctx, {
      entity: "ticket",
      entityId: id,
      action: changes.assignee && Object.keys(changes).length === 1 ? "assign" : "update",
      before: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v.from])),
      after: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v.to])),
    });
    if (input.assigneeId && input.assigneeId !== actorId(ctx))
      await notifyAssigned(tx, orgId, input.assigneeId, t.number, t.subject, id);
    return ticketResponse(tx, orgId, mustTicket(await repo.findTicket(tx, orgId, id)));
  });
}

/** The patch that starts the SLA clock again after a pause (and moves the due times by the pause). */
async function resumePatch(tx: Executor, orgId: string, t: repo.TicketRow, now: Date) {
  if (!t.sla_paused_at) return {};
  const paused = t.paused_business_minutes + pausedFor(t.sla_paused_at, now, await calendarOf(tx, orgId));
  return {
    sla_paused_at: null,
    paused_business_minutes: paused,
    ...(await recomputedDue(tx, orgId, t, t.priority, paused)),
  };
}

const TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ["open", "pending", "resolved", "closed"],
  open: ["pending", "resolved", "closed"],
  pending: ["open", "resolved", "closed"],
  resolved: ["open", "closed"],
  closed: ["open"],
};

export async function changeStatus(ctx: Ctx, id: string, input: TicketStatusRequest): Promise<TicketResponse> {
  needs(ctx, "service.write");
  const orgId = ctx.actor.orgId;
  return withTransaction(ctx.db, async (tx) => {
    const t = await lockedTicket(tx, ctx, id);
    const to = input.status;
    if (!TRANSITIONS[t.status].includes(to)) {
      const from = STATUS_WORDS[t.status];
      const toWord = STATUS_WORDS[to];
      throw ServiceErrors.badTransition({ from: from?.en, fromBn: from?.bn, to: toWord?.en, toBn: toWord?.bn });
    }
    const now = new Date();
    const patch: Parameters<typeof repo.updateTicket>[3] = { status: to };
    if (to === "pending") patch.sla_paused_at = now;
    else Object.assign(patch, await resumePatch(tx, orgId, t, now));
    if (to === "resolved") {
      patch.resolved_at = now;
      patch.resolution = input.resolution ?? t.resolution;
    }
    if (to === "closed") {
      patch.closed_at = now;
      if (input.resolution) patch.resolution = input.resolution;
      if (!t.resolved_at) patch.resolved_at = now;
    }
    if (to === "open") {
      patch.resolved_at = null;
      patch.closed_at = null;
    }
    await repo.updateTicket(tx, orgId, id, patch);
    const reopened = to === "open" && (t.status === "resolved" || t.status === "closed");
    await event(tx, ctx, id, reopened ? "reopened" : "status_changed", {
      from: t.status,
      to,
      ...(patch.resolution ? { resolution: patch.resolution } : {}),
    });
    await recordAudit(tx, ctx, {
      entity: "ticket",
      entityId: id,
      action: "change_status",
      before: { status: t.status },
      after: { status: to, ...(patch.resolution ? { resolution: patch.resolution } : {}) },
    });
    const updated = mustTicket(await repo.findTicket(tx, orgId, id));
    if (to === "closed") await publishEvent(tx, orgId, "ticket.closed", { ticket: webhookTicket(updated) });
    return ticketResponse(tx, orgId, updated);
  });
}

function webhookTicket(t: repo.TicketRow) {
  return {
    ...summaryOf(t),
    locale: t.locale,
    requesterEmail: t.requester_email,
    requesterPhone: t.requester_phone,
    resolutionText: t.resolution,
    resolvedAt: iso(t.resolved_at),
    closedAt: iso(t.closed_at),
  };
}

export async function addMessage(ctx: Ctx, id: string, input: TicketMessageRequest): Promise<TicketResponse> {
  needs(ctx, "service.write");
  const orgId = ctx.actor.orgId;
  return withTransaction(ctx.db, async (tx) => {
    const t = await lockedTicket(tx, ctx, id);
    if (t.status === "closed") throw ServiceErrors.closed();
    await repo.insertMessage(tx, {
      org_id: orgId,
      id: newId(),
      ticket_id: id,
      kind: input.kind,
      author_kind: "agent",
      author_user_id: actorId(ctx),
      author_name: ctx.actor.name,
      body: input.body,
      channel: "manual",
    });
    if (input.kind === "public") {
      const now = new Date();
      const patch: Parameters<typeof repo.updateTicket>[3] = {};
      if (!t.first_responded_at) patch.first_responded_at = now;
      if (t.status === "new") patch.status = "open";
      if (Object.keys(patch).length) await repo.updateTicket(tx, orgId, id, patch);
      if (patch.first_responded_at) await event(tx, ctx, id, "first_response");
    }
    await recordAudit(tx, ctx, {
      entity: "ticket",
      entityId: id,
      action: input.kind === "public" ? "reply" : "note",
      after: { kind: input.kind, length: input.body.length },
    });
    return ticketResponse(tx, orgId, mustTicket(await repo.findTicket(tx, orgId, id)));
  });
}

/**
 * A message from the requester (email, chat): added to the conversation; a pending, resolved or closed ticket
 * opens again and its SLA clock resumes. Inside the caller's transaction.
 */
export async function addRequesterMessageTx(
  tx: Executor,
  ctx: Ctx,
  ticketId: string,
  input: { body: string; channel: TicketChannel; authorName: string | null },
) {
  const orgId = ctx.actor.orgId;
  await repo.lockTicket(tx, orgId, ticketId);
  const t = mustTicket(await repo.findTicket(tx, orgId, ticketId));
  await repo.insertMessage(tx, {
    org_id: orgId,
    id: newId(),
    ticket_id: ticketId,
    kind: "public",
    author_kind: "requester",
    author_user_id: null,
    author_name: input.authorName ?? t.requester_name,
    body: input.body,
    channel: input.channel,
  });
  if (t.status === "pending" || t.status === "resolved" || t.status === "closed") {
    const now = new Date();
    await repo.updateTicket(tx, orgId, ticketId, {
      status: "open",
      resolved_at: null,
      closed_at: null,
      ...(await resumePatch(tx, orgId, t, now)),
    });
    await event(tx, ctx, ticketId, "reopened", { from: t.status, to: "open", by: "requester" });
    if (t.owner_user_id)
      await notify(tx, orgId, {
        userIds: [t.owner_user_id],
        kind: "service.customer_replied",
        title: { en: `${t.number}: the customer replied`, bn: `${t.number}: গ্রাহক উত্তর দিয়েছেন` },
        body: { en: t.subject, bn: t.subject },
        link: `/service/tickets/${t.id}`,
      });
  }
  await recordAudit(tx, ctx, { entity: "ticket", entityId: ticketId, action: "reply", after: { by: "requester" } });
}

// --- SLA breaches and escalation (the every-minute job)

/**
 * Marks every ticket whose first response or resolution is overdue, once per breach, notifies its assignee and the
 * managers over its territory, and escalates it one level: a priority up (when the policy says so) and the policy's
 * escalation user as assignee (when one is named). The SLA clock of a pending ticket stands still: not checked.
 */
export async function markBreaches(db: Db, now = new Date()): Promise<number> {
  let marked = 0;
  for (const { org_id: orgId } of await repo.orgsWithOpenTickets(db)) {
    for (const { id } of await repo.overdueTickets(db, orgId, now))
      marked += await withTransaction(db, (tx) => markBreach(tx, orgId, id, now));
  }
  return marked;
}

async function markBreach(tx: Executor, orgId: string, id: string, now: Date): Promise<number> {
  await repo.lockTicket(tx, orgId, id);
  const t = await repo.findTicket(tx, orgId, id);
  if (!t || (t.status !== "new" && t.status !== "open")) return 0;
  const firstResponse =
    !t.first_responded_at && !t.first_response_breached_at && t.first_response_due_at && t.first_response_due_at <= now;
  const resolution = !t.resolution_breached_at && t.resolution_due_at && t.resolution_due_at <= now;
  if (!firstResponse && !resolution) return 0;
  const ctx = systemCtx(tx as Db, orgId);
  const policy = (await policiesOf(tx, orgId))[t.priority];
  const priority = policy.escalatePriority ? priorityAbove(t.priority) : t.priority;
  const escalateTo =
    policy.escalateToUserId && (await repo.findAgent(tx, orgId, policy.escalateToUserId))
      ? policy.escalateToUserId
      : t.owner_user_id;
  const level = t.escalation_level + 1;
  await repo.updateTicket(tx, orgId, id, {
    ...(firstResponse ? { first_response_breached_at: now } : {}),
    ...(resolution ? { resolution_breached_at: now } : {}),
    escalation_level: level,
    priority,
    owner_user_id: escalateTo,
  });
  const which = [...(firstResponse ? ["first_response"] : []), ...(resolution ? ["resolution"] : [])];
  await event(tx, ctx, id, "sla_breached", { which });
  await event(tx, ctx, id, "escalated", {
    level,
    priority: { from: t.priority, to: priority },
    assignee: { from: t.owner_user_id, to: escalateTo },
  });
  await recordAudit(tx, ctx, {
    entity: "ticket",
    entityId: id,
    action: "escalate",
    before: { priority: t.priority, assigneeId: t.owner_user_id, escalationLevel: t.escalation_level },
    after: { priority, assigneeId: escalateTo, escalationLevel: level, breached: which },
  });
  const managers = await repo.managersOver(tx, orgId, t.territory_id);
  const recipients = [t.owner_user_id, escalateTo, ...managers].filter((u): u is string => u !== null);
  if (recipients.length) {
    const what = firstResponse ? { en: "first response", bn: "প্রথম উত্তর" } : { en: "resolution", bn: "সমাধান" };
    await notify(tx, orgId, {
      userIds: recipients,
      kind: "service.sla_breach",
      title: {
        en: `SLA breached: ${t.number} (${what.en} overdue)`,
        bn: `এসএলএ ভঙ্গ: ${t.number} (${what.bn} সময় পেরিয়েছে)`,
      },
      body: { en: t.subject, bn: t.subject },
      link: `/service/tickets/${id}`,
    });
  }
  return 1;
}

// --- for other modules

/** Closed tickets since a time, oldest first (the loyalty module sends a CSAT survey for each). */
export async function closedTicketsSince(
  db: Executor,
  orgId: string,
  since: Date,
  limit: number,
): Promise<
  {
    id: string;
    closedAt: Date;
    contactId: string | null;
    accountId: string | null;
    type: TicketSummary["type"];
    locale: Locale;
    requesterEmail: string | null;
  }[]
> {
  const rows = await repo.closedSince(db, orgId, since, limit);
  return rows.map((r) => ({
    id: r.id,
    closedAt: r.closed_at as Date,
    contactId: r.contact_id,
    accountId: r.account_id,
    type: r.type,
    locale: r.locale,
    requesterEmail: r.requester_email,
  }));
}
