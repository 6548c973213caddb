// One timeline per CRM record (C2): resolve what the record is about (an account's contacts, deals and the outlet or
// distributor behind it; a contact's account and deals), check the caller sees the record (404 otherwise), ask every
// source in TIMELINE_SOURCES for its newest items before the cursor, and merge them newest first.
import type { TimelineQuery, TimelineResponse } from "../../shared/contracts/crm.ts";
import type { Executor } from "../db/transaction.ts";
import { AccessErrors, can } from "../platform/access.ts";
import type { Ctx } from "../platform/context.ts";
import { visibleAccount } from "./accounts.service.ts";
import { contactIdsOfAccounts, visibleContact } from "./contacts.service.ts";
import { dealRefsFor, dealVisible, getDeal } from "./deals.service.ts";
import { visibleLeadIds } from "./leads.service.ts";
import { TimelineErrors } from "./timeline.errors.ts";
import { mergeTimeline } from "./timeline-merge.ts";
import type { RecordRef, TimelineSubject } from "./timeline-source.ts";
import { TIMELINE_SOURCES } from "./timeline-sources.ts";

/** The deals of these accounts and contacts (the pipeline module's). */
const related = (db: Executor, orgId: string, q: { accountIds: string[]; contactIds: string[] }) =>
  dealRefsFor(db, orgId, q);

const uniqueRefs = (refs: RecordRef[]) => {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const k = `${r.type}:${r.id}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
};

/** What a timeline of this record covers; 404 when the record is not in the caller's scope. */
export async function resolveSubject(db: Executor, ctx: Ctx, type: string, id: string): Promise<TimelineSubject> {
  const orgId = ctx.actor.orgId;
  switch (type) {
    case "account": {
      const a = await visibleAccount(db, ctx, id);
      const contactIds = await contactIdsOfAccounts(db, orgId, [a.id]);
      return {
        root: { type: "account", id },
        refs: uniqueRefs([
          { type: "account", id },
          ...contactIds.map((c) => ({ type: "contact" as const, id: c })),
          ...(await related(db, orgId, { accountIds: [a.id], contactIds })),
        ]),
        outletIds: a.outlet_id ? [a.outlet_id] : [],
        distributorIds: a.distributor_id ? [a.distributor_id] : [],
      };
    }
    case "contact": {
      const c = await visibleContact(db, ctx, id);
      const accountIds = c.account_id ? [c.account_id] : [];
      return {
        root: { type: "contact", id },
        refs: uniqueRefs([
          { type: "contact", id },
          ...accountIds.map((a) => ({ type: "account" as const, id: a })),
          ...(await related(db, orgId, { accountIds: [], contactIds: [id] })),
        ]),
        outletIds: [],
        distributorIds: [],
      };
    }
    case "lead": {
      if (!(await visibleLeadIds(db, ctx, [id])).has(id)) throw TimelineErrors.notFound();
      return { root: { type: "lead", id }, refs: [{ type: "lead", id }], outletIds: [], distributorIds: [] };
    }
    case "deal": {
      if (!(await dealVisible(db, ctx, id))) throw TimelineErrors.notFound();
      const d = await getDeal(ctx, id);
      return {
        root: { type: "deal", id },
        refs: uniqueRefs([
          { type: "deal", id },
          ...(d.accountId ? [{ type: "account" as const, id: d.accountId }] : []),
          ...(d.contactId ? [{ type: "contact" as const, id: d.contactId }] : []),
          ...(d.leadId ? [{ type: "lead" as const, id: d.leadId }] : []),
        ]),
        outletIds: [],
        distributorIds: [],
      };
    }
    default:
      throw TimelineErrors.notFound();
  }
}

export async function timeline(ctx: Ctx, q: TimelineQuery): Promise<TimelineResponse> {
  if (!can(ctx.actor, "crm.read")) throw AccessErrors.forbidden();
  const subject = await resolveSubject(ctx.db, ctx, q.type, q.id);
  // Sources answer "at or before"; the cursor is exclusive.
  const before = q.before ? new Date(new Date(q.before).getTime() - 1) : new Date();
  const lists = await Promise.all(
    TIMELINE_SOURCES.map((source) => source(ctx.db, ctx, subject, { before, limit: q.limit })),
  );
  return mergeTimeline(lists, q.limit);
}
