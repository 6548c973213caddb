// The service desk's part of the CRM timeline (crm/timeline-sources.ts): the tickets of a contact or an account (and
// a ticket itself), each as "Ticket TKT-000123: <subject>" with its type and status, in the caller's language and
// within the caller's scope.
import type { RecordRef, TimelineItem } from "../crm/timeline-source.ts";
import type { Executor } from "../db/transaction.ts";
import { can } from "../platform/access.ts";
import type { Ctx } from "../platform/context.ts";
import * as repo from "./service.repository.ts";

const TYPE = {
  question: { en: "question", bn: "প্রশ্ন" },
  complaint: { en: "complaint", bn: "অভিযোগ" },
  suggestion: { en: "suggestion", bn: "পরামর্শ" },
} as const;
const STATUS = {
  new: { en: "new", bn: "নতুন" },
  open: { en: "open", bn: "খোলা" },
  pending: { en: "waiting on the customer", bn: "গ্রাহকের অপেক্ষায়" },
  resolved: { en: "resolved", bn: "সমাধান হয়েছে" },
  closed: { en: "closed", bn: "বন্ধ" },
} as const;

export async function ticketTimelineItems(
  db: Executor,
  ctx: Ctx,
  refs: RecordRef[],
  page: { before: Date; limit: number },
): Promise<TimelineItem[]> {
  if (!can(ctx.actor, "service.read")) return [];
  const ids = (type: RecordRef["type"]) => refs.filter((r) => r.type === type).map((r) => r.id);
  const rows = await repo.ticketsOf(
    db,
    ctx.actor.orgId,
    { contactIds: ids("contact"), accountIds: ids("account"), ticketIds: ids("ticket") },
    { scope: ctx.actor.scope, userId: ctx.actor.userId },
    page,
  );
  const bn = ctx.locale === "bn";
  return rows.map((t) => ({
    at: t.created_at.toISOString(),
    kind: "ticket",
    title: bn ? `টিকিট ${t.number}: ${t.subject}` : `Ticket ${t.number}: ${t.subject}`,
    detail: bn ? `${TYPE[t.type].bn} · ${STATUS[t.status].bn}` : `${TYPE[t.type].en} · ${STATUS[t.status].en}`,
    link: { type: "ticket", id: t.id },
    actorName: t.assignee_name,
  }));
}
