// Saved segments (C2): a named filter over contacts or accounts, private to its owner or shared with the org. The
// members are whatever the filter matches now, within the caller's CRM scope; segmentMembers is what newsletters and
// campaigns (later issues) read.
import type {
  CreateSegmentRequest,
  CrmFilter,
  SegmentMember,
  SegmentMembersResponse,
  SegmentResponse,
  UpdateSegmentRequest,
} from "../../shared/contracts/crm.ts";
import { newId } from "../../shared/ids.ts";
import type { Executor } from "../db/transaction.ts";
import { withTransaction } from "../db/transaction.ts";
import { AccessErrors, can } from "../platform/access.ts";
import { recordAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import { isSystemActor } from "../platform/context.ts";
import { decodeSortCursor, encodeCursor } from "../platform/pagination.ts";
import * as accountsRepo from "./accounts.repository.ts";
import { viewerOf } from "./accounts.service.ts";
import * as contactsRepo from "./contacts.repository.ts";
import { filterCondition } from "./crm-filters.repository.ts";
import { planFor, visibleSegment } from "./crm-filters.service.ts";
import { SegmentErrors } from "./segments.errors.ts";
import * as repo from "./segments.repository.ts";

async function conditionOf(db: Executor, orgId: string, s: Pick<repo.SegmentRow, "entity" | "filter">) {
  return filterCondition(await planFor(db, orgId, s.entity, s.filter as CrmFilter), s.entity === "contact" ? "c" : "a");
}

async function memberCount(db: Executor, ctx: Ctx, s: repo.SegmentRow): Promise<number> {
  const condition = await conditionOf(db, ctx.actor.orgId, s);
  const viewer = viewerOf(ctx);
  return s.entity === "contact"
    ? contactsRepo.countContacts(db, viewer, { status: "active", condition })
    : accountsRepo.countAccounts(db, viewer, { status: "active", condition });
}

async function segmentResponse(db: Executor, ctx: Ctx, s: repo.SegmentRow): Promise<SegmentResponse> {
  return {
    id: s.id,
    name: s.name,
    entity: s.entity,
    filter: s.filter as CrmFilter,
    shared: s.shared,
    ownerUserId: s.owner_user_id,
    ownerName: s.owner_name,
    memberCount: await memberCount(db, ctx, s),
    createdAt: s.created_at.toISOString(),
    updatedAt: s.updated_at.toISOString(),
  };
}

const auditView = (s: repo.SegmentRow) => ({ name: s.name, entity: s.entity, filter: s.filter, shared: s.shared });

function requireRead(ctx: Ctx) {
  if (!can(ctx.actor, "crm.read")) throw AccessErrors.forbidden();
}
function requireWrite(ctx: Ctx) {
  if (!can(ctx.actor, "crm.write")) throw AccessErrors.forbidden();
}

export async function listSegments(ctx: Ctx, q: { entity?: "contact" | "account" | undefined }) {
  requireRead(ctx);
  const rows = await repo.listSegments(ctx.db, ctx.actor.orgId, ctx.actor.userId, q.entity);
  const items: SegmentResponse[] = [];
  for (const s of rows) items.push(await segmentResponse(ctx.db, ctx, s));
  return { items };
}

export async function getSegment(ctx: Ctx, id: string) {
  requireRead(ctx);
  return segmentResponse(ctx.db, ctx, await visibleSegment(ctx.db, ctx, id));
}

export async function createSegment(ctx: Ctx, input: CreateSegmentRequest & { shared: boolean }) {
  requireWrite(ctx);
  return withTransaction(ctx.db, async (tx) => {
    // Refuse a filter that names unknown fields now, not when someone opens the segment.
    await planFor(tx, ctx.actor.orgId, input.entity, input.filter);
    const id = newId();
    await repo.insertSegment(tx, {
      org_id: ctx.actor.orgId,
      id,
      entity: input.entity,
      name: input.name,
      filter: JSON.stringify(input.filter),
      shared: input.shared,
      // Made by the system (the demo), a segment has no owner: only an admin changes it.
      owner_user_id: isSystemActor(ctx) ? null : ctx.actor.userId,
    });
    const s = await repo.findSegment(tx, ctx.actor.orgId, id);
    if (!s) throw SegmentErrors.notFound();
    await recordAudit(tx, ctx, { entity: "crm_segment", entityId: id, action: "create", after: auditView(s) });
    return segmentResponse(tx, ctx, s);
  });
}

async function ownSegment(tx: Executor, ctx: Ctx, id: string) {
  const s = await visibleSegment(tx, ctx, id);
  if (s.owner_user_id !== ctx.actor.userId && ctx.actor.role !== "admin") throw SegmentErrors.notOwner();
  return s;
}

export async function updateSegment(ctx: Ctx, id: string, input: UpdateSegmentRequest) {
  requireWrite(ctx);
  return withTransaction(ctx.db, async (tx) => {
    const before = await ownSegment(tx, ctx, id);
    if (input.filter) await planFor(tx, ctx.actor.orgId, before.entity, input.filter);
    await repo.updateSegment(tx, ctx.actor.orgId, id, {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.filter !== undefined && { filter: JSON.stringify(input.filter) }),
      ...(input.shared !== undefined && { shared: input.shared }),
    });
    const after = await repo.findSegment(tx, ctx.actor.orgId, id);
    if (!after) throw SegmentErrors.notFound();
    await recordAudit(tx, ctx, {
      entity: "crm_segment",
      entityId: id,
      action: "update",
      before: auditView(before),
      after: auditView(after),
    });
    return segmentResponse(tx, ctx, after);
  });
}

export async function deleteSegment(ctx: Ctx, id: string) {
  requireWrite(ctx);
  await withTransaction(ctx.db, async (tx) => {
    const before = await ownSegment(tx, ctx, id);
    await repo.updateSegment(tx, ctx.actor.orgId, id, { archived_at: new Date() });
    await recordAudit(tx, ctx, {
      entity: "crm_segment",
      entityId: id,
      action: "archive",
      before: auditView(before),
      after: null,
    });
  });
}

/**
 * A page of a segment's members (contacts, or accounts), by name, within the caller's scope, with the total. For
 * newsletters and campaigns: each member with the phone, email and language to reach them in.
 */
export async function segmentMembers(
  db: Executor,
  ctx: Ctx,
  segmentId: string,
  page: { cursor?: string | undefined; limit: number },
): Promise<SegmentMembersResponse> {
  requireRead(ctx);
  const s = await visibleSegment(db, ctx, segmentId);
  const condition = await conditionOf(db, ctx.actor.orgId, s);
  const viewer = viewerOf(ctx);
  const after = decodeSortCursor(page.cursor, "name");
  let items: (SegmentMember & { cursorName: string })[];
  let total: number;
  let more: boolean;
  if (s.entity === "contact") {
    const f = { status: "active" as const, condition };
    const rows = await contactsRepo.listContacts(db, viewer, f, { after, limit: page.limit });
    more = rows.length > page.limit;
    items = rows.slice(0, page.limit).map((c) => ({
      id: c.id,
      name: c.name,
      phone: c.phone_e164 ?? c.phone,
      email: c.email,
      locale: c.locale,
      cursorName: c.name,
    }));
    total = await contactsRepo.countContacts(db, viewer, f);
  } else {
    const f = { status: "active" as const, condition };
    const rows = await accountsRepo.listAccounts(db, viewer, f, { after, limit: page.limit });
    more = rows.length > page.limit;
    items = rows.slice(0, page.limit).map((a) => ({
      id: a.id,
      name: a.name,
      phone: a.phone_e164 ?? a.phone,
      email: a.email,
      locale: null,
      cursorName: a.name,
    }));
    total = await accountsRepo.countAccounts(db, viewer, f);
  }
  const last = items[items.length - 1];
  return {
    items: items.map(({ cursorName: _n, ...m }) => m),
    nextCursor: more && last ? encodeCursor([last.cursorName, last.id]) : null,
    total,
  };
}
