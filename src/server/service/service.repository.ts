// All SQL of the service desk: tickets, their messages and events, the SLA calendar and policies, and the
// knowledge base. Requesters are read from the CRM's contacts and accounts (ids and names only), agents from users.
import { type Selectable, sql } from "kysely";
import { crmScopeCondition } from "../crm/crm-scope.repository.ts";
import type {
  KbArticlesTable,
  Locale,
  SlaPoliciesTable,
  TicketEventsTable,
  TicketMessagesTable,
  TicketPriority,
  TicketStatus,
  TicketsTable,
  TicketType,
} from "../db/database.ts";
import { searchCondition, searchRank } from "../db/text-search.ts";
import type { Executor } from "../db/transaction.ts";
import type { Scope } from "../platform/access.ts";

export type TicketRow = Selectable<TicketsTable> & { assignee_name: string | null };
export type MessageRow = Selectable<TicketMessagesTable>;
export type EventRow = Selectable<TicketEventsTable> & { actor_name: string | null };
export type PolicyRow = Selectable<SlaPoliciesTable>;
export type ArticleRow = Selectable<KbArticlesTable> & { source_ticket_number: string | null };

export interface Viewer {
  scope: Scope;
  userId: string;
}

// --- calendar and policies

export function findCalendar(db: Executor, orgId: string) {
  return db.selectFrom("service_calendars").selectAll().where("org_id", "=", orgId).executeTakeFirst();
}

export async function saveCalendar(
  db: Executor,
  orgId: string,
  cal: { timeZone: string; week: unknown; holidays: unknown },
) {
  const values = { time_zone: cal.timeZone, week: JSON.stringify(cal.week), holidays: JSON.stringify(cal.holidays) };
  await db
    .insertInto("service_calendars")
    .values({ org_id: orgId, ...values })
    .onConflict((oc) => oc.column("org_id").doUpdateSet({ ...values, updated_at: sql`now()` }))
    .execute();
}

export function listPolicies(db: Executor, orgId: string): Promise<PolicyRow[]> {
  return db.selectFrom("sla_policies").selectAll().where("org_id", "=", orgId).execute();
}

export async function savePolicy(
  db: Executor,
  orgId: string,
  p: {
    priority: TicketPriority;
    firstResponseMinutes: number;
    resolutionMinutes: number;
    escalatePriority: boolean;
    escalateToUserId: string | null;
  },
) {
  const values = {
    first_response_minutes: p.firstResponseMinutes,
    resolution_minutes: p.resolutionMinutes,
    escalate_priority: p.escalatePriority,
    escalate_to_user_id: p.escalateToUserId,
  };
  await db
    .insertInto("sla_policies")
    .values({ org_id: orgId, priority: p.priority, ...values })
    .onConflict((oc) => oc.columns(["org_id", "priority"]).doUpdateSet({ ...values, updated_at: sql`now()` }))
    .execute();
}

// --- people and places

export function findContact(db: Executor, orgId: string, id: string) {
  return db
    .selectFrom("contacts")
    .select(["id", "name", "account_id", "territory_id", "owner_user_id", "phone", "email", "locale"])
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .where("archived_at", "is", null)
    .executeTakeFirst();
}

export function findContactByEmail(db: Executor, orgId: string, email: string) {
  return db
    .selectFrom("contacts")
    .select(["id", "name", "account_id", "territory_id", "locale"])
    .where("org_id", "=", orgId)
    .where("email_lower", "=", email.toLowerCase())
    .where("archived_at", "is", null)
    .orderBy("created_at")
    .executeTakeFirst();
}

export function findAccount(db: Executor, orgId: string, id: string) {
  return db
    .selectFrom("accounts")
    .select(["id", "name", "territory_id", "owner_user_id"])
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .where("archived_at", "is", null)
    .executeTakeFirst();
}

/** Whether a contact or account row is visible to the viewer by the CRM scope rule. */
export async function crmRecordVisible(
  db: Executor,
  orgId: string,
  table: "contacts" | "accounts",
  id: string,
  viewer: Viewer,
): Promise<boolean> {
  const condition = crmScopeCondition(viewer.scope, viewer.userId, "r");
  const row =
    table === "contacts"
      ? await db
          .selectFrom("contacts as r")
          .select("r.id")
          .where("r.org_id", "=", orgId)
          .where("r.id", "=", id)
          .where(condition)
          .executeTakeFirst()
      : await db
          .selectFrom("accounts as r")
          .select("r.id")
          .where("r.org_id", "=", orgId)
          .where("r.id", "=", id)
          .where(condition)
          .executeTakeFirst();
  return row !== undefined;
}

export function findTerritory(db: Executor, orgId: string, id: string) {
  return db
    .selectFrom("territories")
    .select(["id", "path"])
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
}

const SERVICE_ROLES = ["admin", "manager", "service"] as const;

export function findAgent(db: Executor, orgId: string, userId: string) {
  return db
    .selectFrom("users")
    .select(["id", "name", "role", "locale"])
    .where("org_id", "=", orgId)
    .where("id", "=", userId)
    .where("role", "in", SERVICE_ROLES)
    .where("deactivated_at", "is", null)
    .executeTakeFirst();
}

export function listAgents(db: Executor, orgId: string) {
  return db
    .selectFrom("users")
    .select(["id", "name", "role"])
    .where("org_id", "=", orgId)
    .where("role", "in", SERVICE_ROLES)
    .where("deactivated_at", "is", null)
    .orderBy("name")
    .execute();
}

/** Managers whose territory holds the ticket's (all the org's managers for a ticket with no territory). */
export async function managersOver(db: Executor, orgId: string, territoryId: string | null): Promise<string[]> {
  let q = db
    .selectFrom("users as u")
    .select("u.id")
    .where("u.org_id", "=", orgId)
    .where("u.role", "=", "manager")
    .where("u.deactivated_at", "is", null);
  if (territoryId)
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom("territories as mt")
          .innerJoin("territories as tt", (j) => j.onRef("tt.org_id", "=", "mt.org_id"))
          .select(sql`1`.as("one"))
          .whereRef("mt.org_id", "=", "u.org_id")
          .whereRef("mt.id", "=", "u.territory_id")
          .where("tt.id", "=", territoryId)
          .where(sql<boolean>`tt.path like mt.path || '%'`),
      ),
    );
  return (await q.execute()).map((r) => r.id);
}

export async function orgSlugOf(db: Executor, orgId: string): Promise<string> {
  const row = await db.selectFrom("orgs").select("slug").where("id", "=", orgId).executeTakeFirstOrThrow();
  return row.slug;
}

export function findOrgBySlug(db: Executor, slug: string) {
  return db
    .selectFrom("orgs")
    .select(["id", "slug", "name", "name_bn", "default_locale"])
    .where("slug", "=", slug)
    .where("archived_at", "is", null)
    .executeTakeFirst();
}

// --- tickets

function ticketSelect(db: Executor, orgId: string) {
  return db
    .selectFrom("tickets as t")
    .leftJoin("users as a", (j) => j.onRef("a.org_id", "=", "t.org_id").onRef("a.id", "=", "t.owner_user_id"))
    .selectAll("t")
    .select("a.name as assignee_name")
    .where("t.org_id", "=", orgId);
}

export interface NewTicketRow {
  org_id: string;
  id: string;
  number: string;
  type: TicketType;
  channel: TicketsTable["channel"];
  priority: TicketPriority;
  status: TicketStatus;
  subject: string;
  description: string;
  contact_id: string | null;
  account_id: string | null;
  requester_name: string | null;
  requester_phone: string | null;
  requester_email: string | null;
  locale: Locale;
  owner_user_id: string | null;
  territory_id: string | null;
  first_response_due_at: Date | null;
  resolution_due_at: Date | null;
  created_by_user_id: string | null;
  search_text: string;
  created_at: Date;
}

export async function insertTicket(db: Executor, row: NewTicketRow) {
  await db.insertInto("tickets").values(row).execute();
}

export function findTicket(db: Executor, orgId: string, id: string, viewer?: Viewer): Promise<TicketRow | undefined> {
  let q = ticketSelect(db, orgId).where("t.id", "=", id);
  if (viewer) q = q.where(crmScopeCondition(viewer.scope, viewer.userId, "t"));
  return q.executeTakeFirst();
}

/** Locks the ticket row for the rest of the transaction (status and SLA changes read, then write it). */
export async function lockTicket(db: Executor, orgId: string, id: string) {
  await db.selectFrom("tickets").select("id").where("org_id", "=", orgId).where("id", "=", id).forUpdate().execute();
}

export function findTicketByNumber(db: Executor, orgId: string, number: string) {
  return ticketSelect(db, orgId).where("t.number", "=", number).executeTakeFirst();
}

export async function updateTicket(
  db: Executor,
  orgId: string,
  id: string,
  patch: Partial<Omit<Selectable<TicketsTable>, "org_id" | "id" | "created_at">>,
) {
  await db
    .updateTable("tickets")
    .set({ ...patch, updated_at: sql`now()` })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

export interface TicketFilter {
  view: "all" | "mine" | "unassigned" | "breached";
  type?: TicketType | undefined;
  priority?: TicketPriority | undefined;
  status?: TicketStatus | undefined;
  activeOnly: boolean;
  q?: string | undefined;
  before?: { createdAt: Date; id: string } | undefined;
  limit: number;
}

export function listTickets(db: Executor, orgId: string, viewer: Viewer, f: TicketFilter): Promise<TicketRow[]> {
  let q = ticketSelect(db, orgId).where(crmScopeCondition(viewer.scope, viewer.userId, "t"));
  if (f.view === "mine") q = q.where("t.owner_user_id", "=", viewer.userId);
  if (f.view === "unassigned") q = q.where("t.owner_user_id", "is", null);
  if (f.view === "breached")
    q = q.where((eb) =>
      eb.or([eb("t.first_response_breached_at", "is not", null), eb("t.resolution_breached_at", "is not", null)]),
    );
  if (f.type) q = q.where("t.type", "=", f.type);
  if (f.priority) q = q.where("t.priority", "=", f.priority);
  if (f.status) q = q.where("t.status", "=", f.status);
  if (f.activeOnly) q = q.where("t.status", "in", ["new", "open", "pending"]);
  const search = f.q ? searchCondition("t.search_text", f.q) : null;
  if (search) q = q.where(search);
  if (f.before) {
    const b = f.before;
    q = q.where(sql<boolean>`(t.created_at, t.id) < (${b.createdAt}, ${b.id})`);
  }
  return q
    .orderBy("t.created_at", "desc")
    .orderBy("t.id", "desc")
    .limit(f.limit + 1)
    .execute();
}

export async function insertMessage(
  db: Executor,
  row: {
    org_id: string;
    id: string;
    ticket_id: string;
    kind: "public" | "internal";
    author_kind: "agent" | "requester";
    author_user_id: string | null;
    author_name: string | null;
    body: string;
    channel: TicketsTable["channel"];
  },
) {
  await db.insertInto("ticket_messages").values(row).execute();
}

export function listMessages(db: Executor, orgId: string, ticketId: string): Promise<MessageRow[]> {
  return db
    .selectFrom("ticket_messages")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("ticket_id", "=", ticketId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export async function insertEvent(
  db: Executor,
  row: { org_id: string; id: string; ticket_id: string; actor_user_id: string | null; kind: string; data: object },
) {
  await db
    .insertInto("ticket_events")
    .values({ ...row, data: JSON.stringify(row.data) })
    .execute();
}

export function listEvents(db: Executor, orgId: string, ticketId: string): Promise<EventRow[]> {
  return db
    .selectFrom("ticket_events as e")
    .leftJoin("users as u", (j) => j.onRef("u.org_id", "=", "e.org_id").onRef("u.id", "=", "e.actor_user_id"))
    .selectAll("e")
    .select("u.name as actor_name")
    .where("e.org_id", "=", orgId)
    .where("e.ticket_id", "=", ticketId)
    .orderBy("e.created_at")
    .orderBy("e.id")
    .execute();
}

/** Tickets whose SLA clock runs (new or open) and whose first response or resolution is overdue and not yet marked. */
export function overdueTickets(db: Executor, orgId: string, now: Date) {
  return db
    .selectFrom("tickets")
    .select(["id"])
    .where("org_id", "=", orgId)
    .where("status", "in", ["new", "open"])
    .where((eb) =>
      eb.or([
        eb.and([
          eb("first_responded_at", "is", null),
          eb("first_response_breached_at", "is", null),
          eb("first_response_due_at", "<=", now),
        ]),
        eb.and([eb("resolution_breached_at", "is", null), eb("resolution_due_at", "<=", now)]),
      ]),
    )
    .orderBy("id")
    .limit(500)
    .execute();
}

export function orgsWithOpenTickets(db: Executor) {
  return db.selectFrom("tickets").select("org_id").distinct().where("status", "in", ["new", "open"]).execute();
}

export async function closedSince(db: Executor, orgId: string, since: Date, limit: number) {
  return db
    .selectFrom("tickets")
    .select(["id", "closed_at", "contact_id", "account_id", "type", "locale", "requester_email"])
    .where("org_id", "=", orgId)
    .where("status", "=", "closed")
    .where("closed_at", ">", since)
    .orderBy("closed_at")
    .orderBy("id")
    .limit(limit)
    .execute();
}

export function ticketsOf(
  db: Executor,
  orgId: string,
  refs: { contactIds: string[]; accountIds: string[]; ticketIds: string[] },
  viewer: Viewer,
  page: { before: Date; limit: number },
) {
  if (refs.contactIds.length + refs.accountIds.length + refs.ticketIds.length === 0) return Promise.resolve([]);
  return ticketSelect(db, orgId)
    .where(crmScopeCondition(viewer.scope, viewer.userId, "t"))
    .where((eb) =>
      eb.or([
        ...(refs.contactIds.length ? [eb("t.contact_id", "in", refs.contactIds)] : []),
        ...(refs.accountIds.length ? [eb("t.account_id", "in", refs.accountIds)] : []),
        ...(refs.ticketIds.length ? [eb("t.id", "in", refs.ticketIds)] : []),
      ]),
    )
    .where("t.created_at", "<=", page.before)
    .orderBy("t.created_at", "desc")
    .limit(page.limit)
    .execute();
}

// --- knowledge base

function articleSelect(db: Executor, orgId: string) {
  return db
    .selectFrom("kb_articles as k")
    .leftJoin("tickets as st", (j) => j.onRef("st.org_id", "=", "k.org_id").onRef("st.id", "=", "k.source_ticket_id"))
    .selectAll("k")
    .select("st.number as source_ticket_number")
    .where("k.org_id", "=", orgId);
}

export async function insertArticle(
  db: Executor,
  row: {
    org_id: string;
    id: string;
    category: string | null;
    title_bn: string;
    title_en: string;
    body_bn: string;
    body_en: string;
    source_ticket_id: string | null;
    search_text_bn: string;
    search_text_en: string;
    created_by_user_id: string | null;
  },
) {
  await db.insertInto("kb_articles").values(row).execute();
}

export function findArticle(db: Executor, orgId: string, id: string): Promise<ArticleRow | undefined> {
  return articleSelect(db, orgId).where("k.id", "=", id).executeTakeFirst();
}

export async function updateArticle(
  db: Executor,
  orgId: string,
  id: string,
  patch: Partial<Omit<Selectable<KbArticlesTable>, "org_id" | "id" | "created_at">>,
) {
  await db
    .updateTable("kb_articles")
    .set({ ...patch, updated_at: sql`now()` })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

export function articleIdsOfTicket(db: Executor, orgId: string, ticketId: string) {
  return db
    .selectFrom("kb_articles")
    .select("id")
    .where("org_id", "=", orgId)
    .where("source_ticket_id", "=", ticketId)
    .orderBy("created_at")
    .execute();
}

export function listArticles(
  db: Executor,
  orgId: string,
  f: {
    status?: "draft" | "published" | undefined;
    q?: string | undefined;
    beforeId?: string | undefined;
    limit: number;
  },
): Promise<ArticleRow[]> {
  let q = articleSelect(db, orgId);
  if (f.status) q = q.where("k.status", "=", f.status);
  if (f.q) {
    const bn = searchCondition("k.search_text_bn", f.q);
    const en = searchCondition("k.search_text_en", f.q);
    if (bn && en) q = q.where(sql<boolean>`(${bn} or ${en})`);
  }
  if (f.beforeId) q = q.where("k.id", "<", f.beforeId);
  return q
    .orderBy("k.id", "desc")
    .limit(f.limit + 1)
    .execute();
}

/**
 * Published articles with something in the language asked for, best match first. The search runs over that
 * language's text (a Bengali query finds Bengali words, and their Banglish spellings, by phonetic key).
 */
export function searchPublished(db: Executor, orgId: string, lang: Locale, query: string, limit: number) {
  const column = lang === "bn" ? "k.search_text_bn" : "k.search_text_en";
  let q = db
    .selectFrom("kb_articles as k")
    .selectAll("k")
    .where("k.org_id", "=", orgId)
    .where("k.status", "=", "published")
    .where(lang === "bn" ? "k.title_bn" : "k.title_en", "<>", "");
  const search = searchCondition(column, query);
  if (search) q = q.where(search).orderBy(searchRank(column, query));
  return q.orderBy("k.helpful_yes", "desc").orderBy("k.views", "desc").orderBy("k.id", "desc").limit(limit).execute();
}

export function findPublished(db: Executor, orgId: string, id: string) {
  return db
    .selectFrom("kb_articles")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .where("status", "=", "published")
    .executeTakeFirst();
}

export async function countView(db: Executor, orgId: string, id: string) {
  await db
    .updateTable("kb_articles")
    .set({ views: sql`views + 1` })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

export function vote(db: Executor, orgId: string, id: string, helpful: boolean) {
  return db
    .updateTable("kb_articles")
    .set(helpful ? { helpful_yes: sql`helpful_yes + 1` } : { helpful_no: sql`helpful_no + 1` })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .where("status", "=", "published")
    .returning(["helpful_yes", "helpful_no"])
    .executeTakeFirst();
}
