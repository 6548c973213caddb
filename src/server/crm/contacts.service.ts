// CRM contacts (C2): people, optionally at an account. A Bangladeshi mobile number is kept as +8801XXXXXXXXX and
// an email lower-cased, so that the same person is found again: a new contact (or an edit) with a phone or email
// that an active contact already has is refused with 409 naming that contact, unless the caller says to keep both.
// Scope: the CRM rule on the contact's own territory and owner (a contact is not seen through its account).

import { normalizeBdPhone } from "../../shared/bd-phone.ts";
import type {
  ContactListQuery,
  ContactListResponse,
  ContactResponse,
  NewContactInput,
  UpdateContactRequest,
} from "../../shared/contracts/crm.ts";
import { newId } from "../../shared/ids.ts";
import { searchText } from "../../shared/search-text.ts";
import type { Executor } from "../db/transaction.ts";
import { withTransaction } from "../db/transaction.ts";
import { AccessErrors, can } from "../platform/access.ts";
import { recordAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import { decodeSortCursor, encodeCursor } from "../platform/pagination.ts";
import { checkPlacement, defaultOwner, viewerOf, visibleAccount } from "./accounts.service.ts";
import { ContactErrors } from "./contacts.errors.ts";
import * as repo from "./contacts.repository.ts";
import { crmListCondition } from "./crm-filters.service.ts";
import { checkCustomValues } from "./custom-fields.service.ts";

export type { NewContactInput };

export function contactResponse(c: repo.ContactRow, locale: Ctx["locale"] = "en"): ContactResponse {
  return {
    id: c.id,
    name: c.name,
    accountId: c.account_id,
    accountName: c.account_name ?? null,
    title: c.title,
    phone: c.phone,
    phoneE164: c.phone_e164,
    email: c.email,
    locale: c.locale,
    territoryId: c.territory_id,
    territoryName: (locale === "bn" ? c.territory_name_bn : c.territory_name) ?? c.territory_name ?? null,
    ownerUserId: c.owner_user_id,
    ownerName: c.owner_name ?? null,
    source: c.source,
    custom: (c.custom as Record<string, unknown> | null) ?? {},
    createdAt: c.created_at.toISOString(),
    updatedAt: c.updated_at.toISOString(),
    archivedAt: c.archived_at?.toISOString() ?? null,
  };
}

/** The stored forms of a phone and an email: +8801… (null when not a Bangladeshi mobile) and lower-case. */
export function contactKeys(phone: string | null | undefined, email: string | null | undefined) {
  return {
    phoneE164: phone ? normalizeBdPhone(phone) : null,
    emailLower: email ? email.trim().toLowerCase() : null,
  };
}

const contactSearchText = (c: { name: string; phone: string | null; email: string | null; title: string | null }) =>
  searchText(c.name, c.title, c.phone, c.email);

async function refuseDuplicate(db: Executor, orgId: string, keys: ReturnType<typeof contactKeys>, exceptId?: string) {
  const dup = await repo.findDuplicate(db, orgId, keys, exceptId);
  if (dup) throw ContactErrors.duplicate({ name: dup.name, existingId: dup.id });
}

/**
 * Creates a contact inside the caller's transaction (lead conversion, imports, the API): the account must be one
 * the caller sees; the phone is normalised, the email lower-cased; a duplicate is refused (409 with the existing
 * id in details.existingId) unless `allowDuplicate`. The caller has checked the permission.
 */
export async function createContactTx(tx: Executor, ctx: Ctx, input: NewContactInput): Promise<{ id: string }> {
  const orgId = ctx.actor.orgId;
  if (input.accountId) await visibleAccount(tx, ctx, input.accountId);
  const ownerUserId = defaultOwner(ctx, input.ownerUserId);
  await checkPlacement(tx, ctx, { territoryId: input.territoryId, ownerUserId });
  const keys = contactKeys(input.phone, input.email);
  if (!input.allowDuplicate) await refuseDuplicate(tx, orgId, keys);
  const custom = await checkCustomValues(tx, orgId, "contact", {}, input.custom);
  const id = newId();
  const phone = input.phone ?? null;
  const email = input.email ? input.email.trim() : null;
  const title = input.title ?? null;
  await repo.insertContact(tx, {
    org_id: orgId,
    id,
    account_id: input.accountId ?? null,
    name: input.name,
    title,
    phone,
    phone_e164: keys.phoneE164,
    email,
    email_lower: keys.emailLower,
    locale: input.locale ?? "bn",
    territory_id: input.territoryId ?? null,
    owner_user_id: ownerUserId,
    source: input.source ?? null,
    custom: JSON.stringify(custom),
    search_text: contactSearchText({ name: input.name, phone, email, title }),
  });
  const after = await repo.findContact(tx, orgId, id);
  await recordAudit(tx, ctx, {
    entity: "crm_contact",
    entityId: id,
    action: "create",
    after: after && contactResponse(after),
  });
  return { id };
}

function requireRead(ctx: Ctx) {
  if (!can(ctx.actor, "crm.read")) throw AccessErrors.forbidden();
}
function requireWrite(ctx: Ctx) {
  if (!can(ctx.actor, "crm.write")) throw AccessErrors.forbidden();
}

/** A contact in the caller's scope, or 404. */
export async function visibleContact(db: Executor, ctx: Ctx, id: string): Promise<repo.ContactRow> {
  const c = await repo.findContact(db, ctx.actor.orgId, id, viewerOf(ctx));
  if (!c) throw ContactErrors.notFound();
  return c;
}

export async function createContact(ctx: Ctx, input: NewContactInput): Promise<ContactResponse> {
  requireWrite(ctx);
  return withTransaction(ctx.db, async (tx) => {
    const { id } = await createContactTx(tx, ctx, input);
    const c = await repo.findContact(tx, ctx.actor.orgId, id);
    if (!c) throw ContactErrors.notFound();
    return contactResponse(c, ctx.locale);
  });
}

export async function getContact(ctx: Ctx, id: string): Promise<ContactResponse> {
  requireRead(ctx);
  return contactResponse(await visibleContact(ctx.db, ctx, id), ctx.locale);
}

export async function updateContact(ctx: Ctx, id: string, input: UpdateContactRequest): Promise<ContactResponse> {
  requireWrite(ctx);
  return withTransaction(ctx.db, async (tx) => {
    const c = await visibleContact(tx, ctx, id);
    if (input.accountId) await visibleAccount(tx, ctx, input.accountId);
    await checkPlacement(tx, ctx, input);
    const phone = input.phone !== undefined ? input.phone : c.phone;
    const email = input.email !== undefined ? (input.email?.trim() ?? null) : c.email;
    const keys = contactKeys(phone, email);
    const keysChanged = keys.phoneE164 !== c.phone_e164 || keys.emailLower !== c.email_lower;
    if (keysChanged && !input.allowDuplicate)
      await refuseDuplicate(
        tx,
        ctx.actor.orgId,
        {
          phoneE164: keys.phoneE164 !== c.phone_e164 ? keys.phoneE164 : null,
          emailLower: keys.emailLower !== c.email_lower ? keys.emailLower : null,
        },
        id,
      );
    const custom =
      input.custom === undefined
        ? undefined
        : await checkCustomValues(
            tx,
            ctx.actor.orgId,
            "contact",
            (c.custom as Record<string, unknown>) ?? {},
            input.custom,
          );
    const name = input.name ?? c.name;
    const title = input.title !== undefined ? input.title : c.title;
    await repo.updateContact(tx, ctx.actor.orgId, id, {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.accountId !== undefined && { account_id: input.accountId }),
      ...(input.title !== undefined && { title: input.title }),
      ...(input.locale !== undefined && { locale: input.locale }),
      ...(input.territoryId !== undefined && { territory_id: input.territoryId }),
      ...(input.ownerUserId !== undefined && { owner_user_id: input.ownerUserId }),
      ...(input.source !== undefined && { source: input.source }),
      ...(custom !== undefined && { custom: JSON.stringify(custom) }),
      phone,
      phone_e164: keys.phoneE164,
      email,
      email_lower: keys.emailLower,
      search_text: contactSearchText({ name, phone, email, title }),
    });
    const after = await repo.findContact(tx, ctx.actor.orgId, id);
    if (!after) throw ContactErrors.notFound();
    await recordAudit(tx, ctx, {
      entity: "crm_contact",
      entityId: id,
      action: "update",
      before: contactResponse(c),
      after: contactResponse(after),
    });
    return contactResponse(after, ctx.locale);
  });
}

export async function setContactArchived(ctx: Ctx, id: string, archived: boolean): Promise<ContactResponse> {
  requireWrite(ctx);
  return withTransaction(ctx.db, async (tx) => {
    const c = await visibleContact(tx, ctx, id);
    if (Boolean(c.archived_at) !== archived)
      await repo.updateContact(tx, ctx.actor.orgId, id, { archived_at: archived ? new Date() : null });
    const after = await repo.findContact(tx, ctx.actor.orgId, id);
    if (!after) throw ContactErrors.notFound();
    await recordAudit(tx, ctx, {
      entity: "crm_contact",
      entityId: id,
      action: archived ? "archive" : "restore",
      before: contactResponse(c),
      after: contactResponse(after),
    });
    return contactResponse(after, ctx.locale);
  });
}

export async function listContacts(ctx: Ctx, query: ContactListQuery): Promise<ContactListResponse> {
  requireRead(ctx);
  const condition = await crmListCondition(ctx, "contact", "c", { filter: query.filter, segmentId: query.segmentId });
  const f: repo.ContactListFilter = { q: query.q, accountId: query.accountId, status: query.status, condition };
  const viewer = viewerOf(ctx);
  const rows = await repo.listContacts(ctx.db, viewer, f, {
    after: decodeSortCursor(query.cursor, "name"),
    limit: query.limit,
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((c) => contactResponse(c, ctx.locale)),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.name, last.id]) : null,
    total: await repo.countContacts(ctx.db, viewer, f),
  };
}

/** The ids of the contacts at these accounts (for timelines). */
export const contactIdsOfAccounts = (db: Executor, orgId: string, accountIds: readonly string[]) =>
  repo.contactIdsOfAccounts(db, orgId, accountIds);
