// CRM accounts (C2): companies the sales team works with, and the distribution network's outlets and distributors
// seen as accounts. An outlet or distributor gets its account row the first time someone opens it in the CRM
// (ensureAccountForOutlet / ensureAccountForDistributor; a unique index settles two openings at once); its name,
// phone and address stay the network's, and its territory follows the outlet's route (the distributor's base).
//
// Scope is the CRM rule (crm-scope.repository.ts): org-wide roles see every account, a manager or rep those in
// their territory subtree and those they own. Outside it an account does not exist (404).

import { normalizeBdPhone } from "../../shared/bd-phone.ts";
import type {
  AccountDetailResponse,
  AccountListQuery,
  AccountListResponse,
  AccountResponse,
  NetworkAccountItem,
  NetworkFacts,
  NewAccountInput,
  UpdateAccountRequest,
} from "../../shared/contracts/crm.ts";
import { newId } from "../../shared/ids.ts";
import { searchText } from "../../shared/search-text.ts";
import type { Executor } from "../db/transaction.ts";
import { withTransaction } from "../db/transaction.ts";
import { distributorById, listDistributors, visibleDistributor } from "../network/distributors.service.ts";
import { getOutletForOrder, listOutlets, outletById, outletVisible } from "../network/outlets.service.ts";
import { AccessErrors, can, territoryInScope } from "../platform/access.ts";
import { recordAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import { isSystemActor } from "../platform/context.ts";
import { decodeSortCursor, encodeCursor } from "../platform/pagination.ts";
import { AccountErrors } from "./accounts.errors.ts";
import * as repo from "./accounts.repository.ts";
import { crmListCondition } from "./crm-filters.service.ts";
import { checkCustomValues } from "./custom-fields.service.ts";

export type { NewAccountInput };

export const viewerOf = (ctx: Ctx): repo.Viewer => ({
  orgId: ctx.actor.orgId,
  userId: ctx.actor.userId,
  scope: ctx.actor.scope,
});

export function accountResponse(a: repo.AccountRow, locale: Ctx["locale"] = "en"): AccountResponse {
  return {
    id: a.id,
    kind: a.kind,
    name: a.name,
    outletId: a.outlet_id,
    distributorId: a.distributor_id,
    territoryId: a.territory_id,
    territoryName: (locale === "bn" ? a.territory_name_bn : a.territory_name) ?? a.territory_name ?? null,
    ownerUserId: a.owner_user_id,
    ownerName: a.owner_name ?? null,
    industry: a.industry,
    phone: a.phone,
    email: a.email,
    website: a.website,
    address: a.address,
    custom: (a.custom as Record<string, unknown> | null) ?? {},
    contactCount: Number(a.contact_count ?? 0),
    createdAt: a.created_at.toISOString(),
    updatedAt: a.updated_at.toISOString(),
    archivedAt: a.archived_at?.toISOString() ?? null,
  };
}

const accountSearchText = (a: {
  name: string;
  industry?: string | null;
  phone?: string | null;
  email?: string | null;
}) => searchText(a.name, a.industry, a.phone, a.email);

/**
 * The territory and owner a CRM record may be given by this actor: the territory must exist and lie in their
 * subtree, the owner must be an active user of the org. For contacts too.
 */
export async function checkPlacement(
  db: Executor,
  ctx: Ctx,
  p: { territoryId?: string | null | undefined; ownerUserId?: string | null | undefined },
) {
  if (p.territoryId) {
    const t = await repo.findTerritory(db, ctx.actor.orgId, p.territoryId);
    if (!t || (!isSystemActor(ctx) && !territoryInScope(ctx.actor.scope, t.path)))
      throw AccountErrors.territoryNotFound();
  }
  if (p.ownerUserId && !(await repo.findActiveUser(db, ctx.actor.orgId, p.ownerUserId)))
    throw AccountErrors.ownerNotFound();
}

/** Who owns a new record when the request names nobody: the person creating it (never the system). */
export const defaultOwner = (ctx: Ctx, given: string | null | undefined) =>
  given !== undefined ? given : isSystemActor(ctx) ? null : ctx.actor.userId;

/**
 * Creates a company account inside the caller's transaction (lead conversion, imports, the API): checks the
 * territory, owner and custom values, writes the audit row. The caller has checked the permission.
 */
export async function createAccountTx(tx: Executor, ctx: Ctx, input: NewAccountInput): Promise<{ id: string }> {
  const orgId = ctx.actor.orgId;
  const ownerUserId = defaultOwner(ctx, input.ownerUserId);
  await checkPlacement(tx, ctx, { territoryId: input.territoryId, ownerUserId });
  const custom = await checkCustomValues(tx, orgId, "account", {}, input.custom);
  const id = newId();
  const phone = input.phone ?? null;
  await repo.insertAccount(tx, {
    org_id: orgId,
    id,
    kind: "company",
    name: input.name,
    territory_id: input.territoryId ?? null,
    owner_user_id: ownerUserId,
    industry: input.industry ?? null,
    phone,
    phone_e164: phone ? normalizeBdPhone(phone) : null,
    email: input.email ?? null,
    website: input.website ?? null,
    address: input.address ?? null,
    custom: JSON.stringify(custom),
    search_text: accountSearchText({ ...input, phone }),
  });
  const after = await repo.findAccount(tx, orgId, id);
  await recordAudit(tx, ctx, {
    entity: "crm_account",
    entityId: id,
    action: "create",
    after: after && accountResponse(after),
  });
  return { id };
}

async function ensureNetworkAccount(
  tx: Executor,
  orgId: string,
  by: { outletId: string } | { distributorId: string },
  make: () => Promise<{ name: string; territoryId: string | null; phone: string | null } | null>,
): Promise<{ id: string }> {
  const existing = await repo.findNetworkAccount(tx, orgId, by);
  const facts = await make();
  if (existing) {
    // The network's record leads: an outlet moved to another route (or renamed) moves its account with it, so the
    // CRM scope follows the outlet.
    if (facts && (facts.name !== existing.name || facts.territoryId !== existing.territory_id))
      await repo.updateAccount(tx, orgId, existing.id, {
        name: facts.name,
        territory_id: facts.territoryId,
        search_text: accountSearchText(facts),
      });
    return { id: existing.id };
  }
  if (!facts) throw AccountErrors.networkNotFound();
  const id = newId();
  await repo.insertNetworkAccount(tx, {
    org_id: orgId,
    id,
    kind: "outletId" in by ? "outlet" : "distributor",
    name: facts.name,
    outlet_id: "outletId" in by ? by.outletId : null,
    distributor_id: "distributorId" in by ? by.distributorId : null,
    territory_id: facts.territoryId,
    phone: facts.phone,
    phone_e164: facts.phone ? normalizeBdPhone(facts.phone) : null,
    search_text: accountSearchText(facts),
  });
  // Whoever inserted first, the row is there now: answer its id.
  const row = await repo.findNetworkAccount(tx, orgId, by);
  if (!row) throw AccountErrors.networkNotFound();
  return { id: row.id };
}

/** The account of an outlet, made on first use (race-safe). No scope check: the caller decided who may open it. */
export function ensureAccountForOutlet(tx: Executor, orgId: string, outletId: string): Promise<{ id: string }> {
  return ensureNetworkAccount(tx, orgId, { outletId }, async () => {
    const o = await outletById(tx, orgId, outletId);
    return o && { name: o.name, territoryId: o.routeId, phone: o.phone };
  });
}

/** The account of a distributor, made on first use (race-safe). No scope check. */
export function ensureAccountForDistributor(
  tx: Executor,
  orgId: string,
  distributorId: string,
): Promise<{ id: string }> {
  return ensureNetworkAccount(tx, orgId, { distributorId }, async () => {
    const d = await distributorById(tx, orgId, distributorId);
    return d && { name: d.name, territoryId: d.territory.id, phone: d.phone };
  });
}

// --- use cases

function requireRead(ctx: Ctx) {
  if (!can(ctx.actor, "crm.read")) throw AccessErrors.forbidden();
}
function requireWrite(ctx: Ctx) {
  if (!can(ctx.actor, "crm.write")) throw AccessErrors.forbidden();
}

/** An account in the caller's scope, or 404. For contacts, the timeline and other CRM modules. */
export async function visibleAccount(db: Executor, ctx: Ctx, id: string): Promise<repo.AccountRow> {
  const a = await repo.findAccount(db, ctx.actor.orgId, id, viewerOf(ctx));
  if (!a) throw AccountErrors.notFound();
  return a;
}

export async function createAccount(ctx: Ctx, input: NewAccountInput): Promise<AccountResponse> {
  requireWrite(ctx);
  return withTransaction(ctx.db, async (tx) => {
    const { id } = await createAccountTx(tx, ctx, input);
    return accountResponse(await visibleAccount(tx, ctx, id), ctx.locale);
  });
}

async function networkFacts(db: Executor, a: repo.AccountRow): Promise<NetworkFacts | null> {
  if (a.outlet_id) {
    const o = await outletById(db, a.org_id, a.outlet_id);
    return (
      o && {
        kind: "outlet",
        id: o.id,
        code: o.code,
        name: o.name,
        nameBn: o.nameBn,
        ownerName: o.ownerName,
        phone: o.phone,
        address: o.address,
        channel: o.channel,
        class: o.class,
        status: o.status,
        distributorName: o.distributorName,
        routeName: o.routeName,
        creditLimitPoisha: o.creditLimitPoisha,
      }
    );
  }
  if (a.distributor_id) {
    const d = await distributorById(db, a.org_id, a.distributor_id);
    return (
      d && {
        kind: "distributor",
        id: d.id,
        code: d.code,
        name: d.name,
        nameBn: d.nameBn,
        ownerName: d.ownerName,
        phone: d.phone,
        address: d.address,
        channel: null,
        class: null,
        status: d.status,
        distributorName: null,
        routeName: d.territory.name,
        creditLimitPoisha: d.creditLimitPoisha,
      }
    );
  }
  return null;
}

export async function getAccount(ctx: Ctx, id: string): Promise<AccountDetailResponse> {
  requireRead(ctx);
  const a = await visibleAccount(ctx.db, ctx, id);
  return { ...accountResponse(a, ctx.locale), network: await networkFacts(ctx.db, a) };
}

export async function updateAccount(ctx: Ctx, id: string, input: UpdateAccountRequest): Promise<AccountResponse> {
  requireWrite(ctx);
  return withTransaction(ctx.db, async (tx) => {
    const a = await visibleAccount(tx, ctx, id);
    if (a.archived_at) throw AccountErrors.archived();
    const networkManaged = input.name !== undefined || input.phone !== undefined || input.address !== undefined;
    if (a.kind !== "company" && networkManaged) throw AccountErrors.networkManaged();
    await checkPlacement(tx, ctx, input);
    const custom =
      input.custom === undefined
        ? undefined
        : await checkCustomValues(
            tx,
            ctx.actor.orgId,
            "account",
            (a.custom as Record<string, unknown>) ?? {},
            input.custom,
          );
    const next = {
      name: input.name ?? a.name,
      industry: input.industry !== undefined ? input.industry : a.industry,
      phone: input.phone !== undefined ? input.phone : a.phone,
      email: input.email !== undefined ? input.email : a.email,
    };
    await repo.updateAccount(tx, ctx.actor.orgId, id, {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.industry !== undefined && { industry: input.industry }),
      ...(input.phone !== undefined && {
        phone: input.phone,
        phone_e164: input.phone && normalizeBdPhone(input.phone),
      }),
      ...(input.email !== undefined && { email: input.email }),
      ...(input.website !== undefined && { website: input.website }),
      ...(input.address !== undefined && { address: input.address }),
      ...(input.territoryId !== undefined && { territory_id: input.territoryId }),
      ...(input.ownerUserId !== undefined && { owner_user_id: input.ownerUserId }),
      ...(custom !== undefined && { custom: JSON.stringify(custom) }),
      search_text: accountSearchText(next),
    });
    const after = await repo.findAccount(tx, ctx.actor.orgId, id);
    if (!after) throw AccountErrors.notFound();
    await recordAudit(tx, ctx, {
      entity: "crm_account",
      entityId: id,
      action: "update",
      before: accountResponse(a),
      after: accountResponse(after),
    });
    return accountResponse(after, ctx.locale);
  });
}

export async function setAccountArchived(ctx: Ctx, id: string, archived: boolean): Promise<AccountResponse> {
  requireWrite(ctx);
  return withTransaction(ctx.db, async (tx) => {
    const a = await visibleAccount(tx, ctx, id);
    if (a.kind !== "company") throw AccountErrors.networkManaged();
    if (Boolean(a.archived_at) !== archived)
      await repo.updateAccount(tx, ctx.actor.orgId, id, { archived_at: archived ? new Date() : null });
    const after = await repo.findAccount(tx, ctx.actor.orgId, id);
    if (!after) throw AccountErrors.notFound();
    await recordAudit(tx, ctx, {
      entity: "crm_account",
      entityId: id,
      action: archived ? "archive" : "restore",
      before: accountResponse(a),
      after: accountResponse(after),
    });
    return accountResponse(after, ctx.locale);
  });
}

export async function listAccounts(ctx: Ctx, query: AccountListQuery): Promise<AccountListResponse> {
  requireRead(ctx);
  const condition = await crmListCondition(ctx, "account", "a", { filter: query.filter, segmentId: query.segmentId });
  const f: repo.AccountListFilter = { q: query.q, kind: query.kind, status: query.status, condition };
  const viewer = viewerOf(ctx);
  const rows = await repo.listAccounts(ctx.db, viewer, f, {
    after: decodeSortCursor(query.cursor, "name"),
    limit: query.limit,
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((a) => accountResponse(a, ctx.locale)),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.name, last.id]) : null,
    total: await repo.countAccounts(ctx.db, viewer, f),
  };
}

/** Outlets and distributors in the caller's network scope, each with its account id once one was opened. */
export async function listNetworkAccounts(
  ctx: Ctx,
  query: { kind: "outlet" | "distributor"; q?: string | undefined; cursor?: string | undefined; limit: number },
): Promise<{ items: NetworkAccountItem[]; nextCursor: string | null }> {
  requireRead(ctx);
  if (!can(ctx.actor, "network.read")) throw AccessErrors.forbidden();
  const base = {
    q: query.q,
    cursor: query.cursor,
    limit: query.limit,
    status: "active" as const,
    sort: "name" as const,
  };
  const res =
    query.kind === "outlet"
      ? await listOutlets(ctx, base)
      : await listDistributors(ctx, base).then((r) => ({
          items: r.items.map((d) => ({ ...d })),
          nextCursor: r.nextCursor,
        }));
  const items: { id: string; code: string; name: string; nameBn: string; phone: string | null }[] = res.items;
  const accounts = await repo.networkAccountIds(
    ctx.db,
    ctx.actor.orgId,
    query.kind,
    items.map((i) => i.id),
  );
  return {
    items: items.map((i) => ({
      kind: query.kind,
      networkId: i.id,
      code: i.code,
      name: i.name,
      nameBn: i.nameBn,
      phone: i.phone,
      accountId: accounts.get(i.id) ?? null,
    })),
    nextCursor: res.nextCursor,
  };
}

/**
 * Opening an outlet or distributor in the CRM: the caller must see it in the network (network scope), and gets
 * its account, made on first use.
 */
export async function openNetworkAccount(
  ctx: Ctx,
  kind: "outlet" | "distributor",
  networkId: string,
): Promise<{ id: string }> {
  requireRead(ctx);
  return withTransaction(ctx.db, async (tx) => {
    // The network's own scope rules decide who sees an outlet (its route) or a distributor (its base and coverage).
    if (kind === "outlet") {
      const o = await getOutletForOrder(tx, ctx.actor.orgId, networkId);
      if (!o || !outletVisible(ctx, o)) throw AccountErrors.networkNotFound();
      return ensureAccountForOutlet(tx, ctx.actor.orgId, networkId);
    }
    if (!(await visibleDistributor(tx, ctx, networkId))) throw AccountErrors.networkNotFound();
    return ensureAccountForDistributor(tx, ctx.actor.orgId, networkId);
  });
}
