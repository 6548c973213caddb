// User administration: who may manage whom. Admins manage everyone in their org; managers manage field
// roles inside their own territory subtree. A user outside the caller's scope does not exist for them (404).

import type { CreateUserRequest, UpdateUserRequest, UserListQuery } from "../../shared/contracts/users.ts";
import { isUuid, newId } from "../../shared/ids.ts";
import type { Locale } from "../../shared/locale.ts";
import type { Role } from "../../shared/roles.ts";
import { violatedConstraint } from "../db/constraint-violation.ts";
import type { Executor } from "../db/transaction.ts";
import { withTransaction } from "../db/transaction.ts";
import { visibleDistributor } from "../network/distributors.service.ts";
import { NetworkErrors } from "../network/network.errors.ts";
import { getOutletForOrder, outletVisible } from "../network/outlets.service.ts";
import { AccessErrors, can, territoryInScope } from "../platform/access.ts";
import { recordAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import { decodeCursor, encodeCursor, PaginationErrors } from "../platform/pagination.ts";
import { findTerritory } from "../platform/territories/territories.repository.ts";
import { issueInvite } from "./auth.service.ts";
import { hashPassword } from "./passwords.ts";
import { UserErrors } from "./users.errors.ts";
import type { UserRow } from "./users.repository.ts";
import * as repo from "./users.repository.ts";

/** Roles a manager may hand out: the people who work in their territory. */
const MANAGER_ASSIGNABLE: readonly Role[] = ["rep", "distributor", "retailer", "driver"];
/** Roles whose data access is a territory subtree, so they need one. */
const TERRITORY_ROLES: readonly Role[] = ["manager", "rep"];
/** Roles that see nothing but one distributor's business, so they need one. */
const DISTRIBUTOR_ROLES: readonly Role[] = ["driver"];

function checkDistributorLink(role: Role, distributorId: string | null) {
  if (DISTRIBUTOR_ROLES.includes(role) && !distributorId) throw UserErrors.distributorRequired({ role });
}

export function userResponse(u: UserRow) {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    phone: u.phone,
    role: u.role,
    territoryId: u.territory_id,
    territoryName: u.territory_name ?? null,
    territoryNameBn: u.territory_name_bn ?? null,
    distributorId: u.distributor_id,
    outletId: u.outlet_id,
    locale: u.locale,
    status: u.deactivated_at ? ("deactivated" as const) : u.password_hash ? ("active" as const) : ("invited" as const),
    lastLoginAt: u.last_login_at?.toISOString() ?? null,
    createdAt: u.created_at.toISOString(),
  };
}

/** The audit log keeps what matters about a user, never secrets. */
const auditView = (u: UserRow) => {
  const { lastLoginAt: _l, createdAt: _c, ...rest } = userResponse(u);
  return rest;
};

function visible(ctx: Ctx, u: UserRow | undefined): u is UserRow {
  if (!u) return false;
  if (ctx.actor.scope.kind === "org") return true;
  return territoryInScope(ctx.actor.scope, u.territory_path);
}

async function loadVisible(db: Executor, ctx: Ctx, id: string): Promise<UserRow> {
  const u = await repo.findUser(db, ctx.actor.orgId, id);
  if (!visible(ctx, u)) throw UserErrors.notFound();
  return u;
}

function inviteUrl(token: string) {
  return `/invite/${token}`;
}

async function checkAssignment(
  db: Executor,
  ctx: Ctx,
  next: { role: Role; territoryId: string | null },
): Promise<void> {
  const { actor } = ctx;
  if (actor.role !== "admin" && !MANAGER_ASSIGNABLE.includes(next.role))
    throw UserErrors.roleNotAllowed({ role: next.role });
  if (TERRITORY_ROLES.includes(next.role) && !next.territoryId) throw UserErrors.territoryRequired({ role: next.role });
  if (next.territoryId) {
    const t = await findTerritory(db, actor.orgId, next.territoryId);
    if (!t) throw UserErrors.territoryUnknown();
    if (!territoryInScope(actor.scope, t.path)) throw UserErrors.territoryOutOfScope();
  } else if (actor.scope.kind !== "org") {
    // A manager's users must stay inside the manager's subtree, or they would vanish from the manager's view.
    throw UserErrors.territoryRequired({ role: next.role });
  }
}

/**
 * The distributor or outlet a user is linked to decides what that user will see, so it must be one the caller
 * sees: a manager cannot hand out a login to another division's distributor. Otherwise it does not exist.
 */
async function checkLinks(
  db: Executor,
  ctx: Ctx,
  links: { distributorId?: string | null | undefined; outletId?: string | null | undefined },
): Promise<void> {
  if (links.distributorId && !(await visibleDistributor(db, ctx, links.distributorId)))
    throw NetworkErrors.distributorNotFound();
  if (links.outletId) {
    const outlet = await getOutletForOrder(db, ctx.actor.orgId, links.outletId);
    if (!outlet || !outletVisible(ctx, outlet)) throw NetworkErrors.outletNotFound();
  }
}

export async function listUsers(ctx: Ctx, query: UserListQuery) {
  if (!can(ctx.actor, "users.read")) throw AccessErrors.forbidden();
  let after: { name: string; id: string } | undefined;
  if (query.cursor) {
    const [name, id] = decodeCursor(query.cursor);
    if (typeof name !== "string" || !isUuid(id)) throw PaginationErrors.badCursor();
    after = { name, id };
  }
  const rows = await repo.listUsers(ctx.db, ctx.actor.orgId, ctx.actor.scope, { ...query, after });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(userResponse),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.name, last.id]) : null,
  };
}

/** The unique index decides whether a mobile number is free, not a prior read (users_phone_key). */
function refusePhoneTaken(e: unknown): never {
  const v = violatedConstraint(e);
  if (v?.kind === "unique" && v.constraint === "users_phone_key") throw UserErrors.phoneTaken();
  throw e;
}

export async function getUser(ctx: Ctx, id: string) {
  if (!can(ctx.actor, "users.read")) throw AccessErrors.forbidden();
  return userResponse(await loadVisible(ctx.db, ctx, id));
}

export async function createUser(ctx: Ctx, input: CreateUserRequest) {
  if (!can(ctx.actor, "users.write")) throw AccessErrors.forbidden();
  const territoryId = input.territoryId ?? null;
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const invite = input.password ? null : issueInvite(ctx.actor.orgId);
  return withTransaction(ctx.db, async (tx) => {
    await checkAssignment(tx, ctx, { role: input.role, territoryId });
    checkDistributorLink(input.role, input.distributorId ?? null);
    await checkLinks(tx, ctx, input);
    const id = newId();
    const inserted = await repo
      .insertUser(tx, {
        org_id: ctx.actor.orgId,
        id,
        email: input.email,
        name: input.name,
        phone: input.phone ?? null,
        role: input.role,
        territory_id: territoryId,
        distributor_id: input.distributorId ?? null,
        outlet_id: input.outletId ?? null,
        locale: input.locale ?? ("bn" satisfies Locale),
        password_hash: passwordHash,
        password_changed_at: passwordHash ? new Date() : null,
        invite_token_hash: invite?.hash ?? null,
        invite_expires_at: invite?.expiresAt ?? null,
      })
      .catch(refusePhoneTaken);
    // The unique index decides, not a prior read: two concurrent creations cannot both pass.
    if (!inserted) throw UserErrors.emailTaken();
    const created = await loadVisible(tx, ctx, id);
    await recordAudit(tx, ctx, { entity: "user", entityId: id, action: "create", after: auditView(created) });
    return { ...userResponse(created), inviteUrl: invite ? inviteUrl(invite.token) : null };
  });
}

export async function updateUser(ctx: Ctx, id: string, input: UpdateUserRequest) {
  if (!can(ctx.actor, "users.write")) throw AccessErrors.forbidden();
  return withTransaction(ctx.db, async (tx) => {
    const before = await loadVisible(tx, ctx, id);
    if (before.id === ctx.actor.userId && input.role !== undefined && input.role !== before.role)
      throw UserErrors.selfChange();
    // A manager may edit only users whose current role they could have given.
    if (ctx.actor.role !== "admin" && !MANAGER_ASSIGNABLE.includes(before.role))
      throw UserErrors.roleNotAllowed({ role: before.role });
    const role = input.role ?? before.role;
    const territoryId = input.territoryId !== undefined ? input.territoryId : before.territory_id;
    if (input.role !== undefined || input.territoryId !== undefined)
      await checkAssignment(tx, ctx, { role, territoryId });
    checkDistributorLink(role, input.distributorId !== undefined ? input.distributorId : before.distributor_id);
    await checkLinks(tx, ctx, input);
    await repo
      .updateUser(tx, ctx.actor.orgId, id, {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.phone !== undefined && { phone: input.phone }),
        ...(input.locale !== undefined && { locale: input.locale }),
        ...(input.distributorId !== undefined && { distributor_id: input.distributorId }),
        ...(input.outletId !== undefined && { outlet_id: input.outletId }),
        role,
        territory_id: territoryId,
      })
      .catch(refusePhoneTaken);
    const after = await repo.findUser(tx, ctx.actor.orgId, id);
    if (!after) throw UserErrors.notFound();
    await recordAudit(tx, ctx, {
      entity: "user",
      entityId: id,
      action: "update",
      before: auditView(before),
      after: auditView(after),
    });
    return userResponse(after);
  });
}

async function setActive(ctx: Ctx, id: string, active: boolean) {
  if (!can(ctx.actor, "users.write")) throw AccessErrors.forbidden();
  return withTransaction(ctx.db, async (tx) => {
    const before = await loadVisible(tx, ctx, id);
    if (before.id === ctx.actor.userId) throw UserErrors.selfChange();
    if (ctx.actor.role !== "admin" && !MANAGER_ASSIGNABLE.includes(before.role))
      throw UserErrors.roleNotAllowed({ role: before.role });
    await repo.updateUser(tx, ctx.actor.orgId, id, { deactivated_at: active ? null : new Date() });
    if (!active) {
      await repo.deleteUserSessions(tx, ctx.actor.orgId, id);
      await repo.revokeUserApiTokens(tx, ctx.actor.orgId, id);
    }
    const after = await repo.findUser(tx, ctx.actor.orgId, id);
    if (!after) throw UserErrors.notFound();
    await recordAudit(tx, ctx, {
      entity: "user",
      entityId: id,
      action: active ? "reactivate" : "deactivate",
      before: auditView(before),
      after: auditView(after),
    });
    return userResponse(after);
  });
}

export const deactivateUser = (ctx: Ctx, id: string) => setActive(ctx, id, false);
export const reactivateUser = (ctx: Ctx, id: string) => setActive(ctx, id, true);

export async function reissueInvite(ctx: Ctx, id: string) {
  if (!can(ctx.actor, "users.write")) throw AccessErrors.forbidden();
  return withTransaction(ctx.db, async (tx) => {
    const user = await loadVisible(tx, ctx, id);
    if (user.deactivated_at) throw UserErrors.deactivated();
    if (ctx.actor.role !== "admin" && !MANAGER_ASSIGNABLE.includes(user.role))
      throw UserErrors.roleNotAllowed({ role: user.role });
    // For an invited user this is a new invitation; for an active one, a link to set a new password
    // (the old password keeps working until the link is used).
    const invite = issueInvite(ctx.actor.orgId);
    await repo.updateUser(tx, ctx.actor.orgId, id, {
      invite_token_hash: invite.hash,
      invite_expires_at: invite.expiresAt,
    });
    await recordAudit(tx, ctx, {
      entity: "user",
      entityId: id,
      action: user.password_hash ? "password_reset_link" : "invite",
      after: { expiresAt: invite.expiresAt.toISOString() },
    });
    return { inviteUrl: inviteUrl(invite.token) };
  });
}

/**
 * The people a field view covers: the active reps of a subtree (the whole org when null) and anyone else named
 * (who visited or sold there), by name. For the field module, which has already checked the caller's scope.
 */
export async function fieldForce(db: Executor, orgId: string, withinPath: string | null, alsoIds: readonly string[]) {
  const rows = await repo.fieldForce(db, orgId, withinPath, [...new Set(alsoIds)]);
  return rows.map((u) => ({
    id: u.id,
    name: u.name,
    territoryName: u.territory_name,
    territoryNameBn: u.territory_name_bn,
  }));
}
