// Sign-in, sessions, API tokens, password change and invitations: who is calling, and proving it.
import { isUuid, newId } from "../../shared/ids.ts";
import type { Locale } from "../../shared/locale.ts";
import type { Db, Executor } from "../db/transaction.ts";
import { withTransaction } from "../db/transaction.ts";
import { type Actor, can, PERMISSIONS, type Permission, scopeFor } from "../platform/access.ts";
import { recordAudit } from "../platform/audit/audit.service.ts";
import type { Ctx, RequestMeta } from "../platform/context.ts";
import { hashPassword, verifyPassword } from "./passwords.ts";
import { randomSecret, sha256 } from "./secrets.ts";
import { TotpErrors } from "./totp.errors.ts";
import * as totpRepo from "./totp.repository.ts";
import { consumeRecoveryCode, consumeTotpCode, type TotpSettings } from "./totp.service.ts";
import { AuthErrors, UserErrors } from "./users.errors.ts";
import type { UserRow } from "./users.repository.ts";
import * as repo from "./users.repository.ts";

export interface AuthSettings extends TotpSettings {
  sessionTtlMs: number;
  maxFailures: number;
  lockMs: number;
}

/** Sessions are extended on use, but written at most this often, so reads stay reads. */
const TOUCH_INTERVAL_MS = 5 * 60_000;
const INVITE_TTL_MS = 7 * 24 * 3600_000;
/** Between the password and the code: long enough to open the app, short enough to be useless if stolen. */
const MFA_CHALLENGE_TTL_MS = 5 * 60_000;

export function actorFromUser(u: UserRow, via: Actor["via"]): Actor {
  return {
    orgId: u.org_id,
    userId: u.id,
    role: u.role,
    name: u.name,
    email: u.email,
    locale: u.locale,
    scope: scopeFor(u.role, u, u.territory_path),
    via,
  };
}

export function meResponse(u: UserRow) {
  const actor = actorFromUser(u, "session");
  const { scope } = actor;
  return {
    id: u.id,
    orgId: u.org_id,
    orgName: u.org_name,
    orgNameBn: u.org_name_bn,
    orgSlug: u.org_slug,
    email: u.email,
    name: u.name,
    role: u.role,
    locale: u.locale,
    bengaliDigits: u.bengali_digits,
    scope:
      scope.kind === "territory"
        ? {
            kind: scope.kind,
            territoryId: scope.territoryId,
            territoryName: u.territory_name ?? "",
            territoryNameBn: u.territory_name_bn ?? "",
          }
        : scope,
    permissions: (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(actor, p)),
  };
}

export interface IssuedSession {
  cookieValue: string;
  csrfToken: string;
  expiresAt: Date;
  user: UserRow;
  /** The org requires two-step sign-in of the user's role and they have none: the session may only set it up. */
  mfaSetupRequired: boolean;
}

/** The password was right and the account has two-step sign-in: a code must follow, within minutes. */
export interface MfaChallenge {
  mfaRequired: true;
  challenge: string;
  expiresAt: Date;
}

async function issueSession(
  db: Executor,
  settings: AuthSettings,
  user: UserRow,
  meta: RequestMeta,
  mfaSetupRequired: boolean,
): Promise<IssuedSession> {
  const secret = randomSecret();
  const csrfToken = randomSecret(24);
  const expiresAt = new Date(Date.now() + settings.sessionTtlMs);
  await repo.insertSession(db, {
    orgId: user.org_id,
    tokenHash: sha256(secret),
    userId: user.id,
    csrfToken,
    expiresAt,
    ip: meta.ip,
    userAgent: meta.userAgent,
  });
  return { cookieValue: `${user.org_id}.${secret}`, csrfToken, expiresAt, user, mfaSetupRequired };
}

function ctxFor(db: Db, user: UserRow, meta: RequestMeta, locale: Locale): Ctx {
  return { db, locale, ...meta, actor: actorFromUser(user, "session") };
}

/**
 * Counts a failed sign-in (a wrong password or a wrong second-step code) and locks the account once
 * there are too many; true when it is now locked. A lock also voids open second-step challenges.
 */
async function countFailedSignIn(
  db: Db,
  settings: AuthSettings,
  user: UserRow,
  meta: RequestMeta,
  reason: string,
): Promise<boolean> {
  return withTransaction(db, async (tx) => {
    const failures = await repo.incrementFailedLogins(tx, user.org_id, user.id);
    if (failures < settings.maxFailures) return false;
    await repo.updateUser(tx, user.org_id, user.id, {
      failed_logins: 0,
      locked_until: new Date(Date.now() + settings.lockMs),
    });
    await totpRepo.deleteUserChallenges(tx, user.org_id, user.id);
    await recordAudit(tx, ctxFor(db, user, meta, user.locale), {
      entity: "user",
      entityId: user.id,
      action: "lock",
      after: { reason, failures },
    });
    return true;
  });
}

const lockMinutes = (settings: AuthSettings) => Math.ceil(settings.lockMs / 60_000);
const isLocked = (user: UserRow) => user.locked_until !== null && user.locked_until.getTime() > Date.now();

export async function signIn(
  db: Db,
  settings: AuthSettings,
  input: { email?: string | undefined; phone?: string | undefined; password: string },
  meta: RequestMeta,
): Promise<IssuedSession | MfaChallenge> {
  const user =
    input.phone !== undefined
      ? await repo.findUserByPhone(db, input.phone)
      : await repo.findUserByEmail(db, (input.email ?? "").trim().toLowerCase());
  if (!user) {
    await verifyPassword(null, input.password);
    throw AuthErrors.invalidCredentials();
  }
  const minutes = lockMinutes(settings);
  if (isLocked(user)) throw AuthErrors.locked({ minutes });
  const ok = await verifyPassword(user.password_hash, input.password);
  if (!ok) {
    const locked = await countFailedSignIn(db, settings, user, meta, "too_many_failed_sign_ins");
    throw locked ? AuthErrors.locked({ minutes }) : AuthErrors.invalidCredentials();
  }
  if (user.deactivated_at) throw AuthErrors.deactivated();
  const mfa = await totpRepo.mfaState(db, user.org_id, user.id, user.role);
  // The failure count is not reset here: with the password known, it still limits guesses at the code.
  if (mfa.totpEnabled) return issueMfaChallenge(db, user);
  return withTransaction(db, async (tx) => {
    await repo.updateUser(tx, user.org_id, user.id, {
      failed_logins: 0,
      locked_until: null,
      last_login_at: new Date(),
    });
    const session = await issueSession(tx, settings, user, meta, mfa.roleRequired);
    await recordAudit(tx, ctxFor(db, user, meta, user.locale), {
      entity: "session",
      entityId: user.id,
      action: "sign_in",
    });
    return session;
  });
}

/** The ticket between password and code, `<org id>.<secret>` like a session cookie; only the hash is kept. */
async function issueMfaChallenge(db: Db, user: UserRow): Promise<MfaChallenge> {
  const secret = randomSecret();
  const expiresAt = new Date(Date.now() + MFA_CHALLENGE_TTL_MS);
  await withTransaction(db, (tx) =>
    totpRepo.insertChallenge(tx, { orgId: user.org_id, tokenHash: sha256(secret), userId: user.id, expiresAt }),
  );
  return { mfaRequired: true, challenge: `${user.org_id}.${secret}`, expiresAt };
}

/**
 * The second step: the challenge from the password step and a code from the authenticator app, or one of
 * the recovery codes. A wrong code counts toward the lockout like a wrong password; a right one is used up
 * together with the challenge, so neither works twice.
 */
export async function completeTotpSignIn(
  db: Db,
  settings: AuthSettings,
  input: { challenge: string; code?: string | undefined; recoveryCode?: string | undefined },
  meta: RequestMeta,
): Promise<IssuedSession> {
  const [orgId, secret, ...rest] = input.challenge.split(".");
  if (!isUuid(orgId) || !secret || rest.length) throw TotpErrors.challengeInvalid();
  const tokenHash = sha256(secret);
  const challenge = await totpRepo.findChallenge(db, orgId, tokenHash);
  if (!challenge || challenge.expires_at.getTime() <= Date.now()) throw TotpErrors.challengeInvalid();
  const user = await repo.findUser(db, orgId, challenge.user_id);
  if (!user) throw TotpErrors.challengeInvalid();
  if (user.deactivated_at) throw AuthErrors.deactivated();
  const minutes = lockMinutes(settings);
  if (isLocked(user)) throw AuthErrors.locked({ minutes });
  const method = input.code !== undefined ? "totp" : "recovery_code";

  const session = await withTransaction(db, async (tx) => {
    const ok =
      input.code !== undefined
        ? await consumeTotpCode(tx, settings, orgId, user.id, input.code)
        : await consumeRecoveryCode(tx, orgId, user.id, input.recoveryCode ?? "");
    if (!ok) return null;
    if (!(await totpRepo.consumeChallenge(tx, orgId, tokenHash))) throw TotpErrors.challengeInvalid();
    await repo.updateUser(tx, orgId, user.id, { failed_logins: 0, locked_until: null, last_login_at: new Date() });
    const issued = await issueSession(tx, settings, user, meta, false);
    await recordAudit(tx, ctxFor(db, user, meta, user.locale), {
      entity: "session",
      entityId: user.id,
      action: "sign_in",
      after: {
        secondStep: method,
        ...(method === "recovery_code" && {
          recoveryCodesLeft: await totpRepo.countUnusedRecoveryCodes(tx, orgId, user.id),
        }),
      },
    });
    return issued;
  });
  if (session) return session;
  const locked = await countFailedSignIn(db, settings, user, meta, "too_many_wrong_codes");
  throw locked ? AuthErrors.locked({ minutes }) : TotpErrors.invalidCode();
}

export interface ResolvedSession {
  actor: Actor;
  user: UserRow;
  csrfToken: string;
  tokenHash: string;
  expiresAt: Date;
  /** The expiry moved forward on this request: the cookies should move with it. */
  extended: boolean;
  /** The org requires two-step sign-in of the user's role and they have none yet: only its set-up is open. */
  mfaSetupRequired: boolean;
}

/** Looks up a session cookie; null when absent or malformed, "expired" when it has lapsed. */
export async function resolveSession(
  db: Db,
  settings: AuthSettings,
  cookieValue: string,
): Promise<ResolvedSession | "expired" | null> {
  const [orgId, secret, ...rest] = cookieValue.split(".");
  if (!isUuid(orgId) || !secret || rest.length) return null;
  const tokenHash = sha256(secret);
  const row = await repo.findSessionWithUser(db, orgId, tokenHash);
  if (!row) return null;
  if (row.session_expires_at.getTime() <= Date.now()) {
    await repo.deleteSession(db, orgId, tokenHash);
    return "expired";
  }
  if (row.deactivated_at) return null;
  const { csrf_token, session_expires_at, session_last_seen_at, mfa_required, totp_enabled, ...user } = row;
  let expiresAt = session_expires_at;
  const extended = Date.now() - session_last_seen_at.getTime() > TOUCH_INTERVAL_MS;
  if (extended) {
    expiresAt = new Date(Date.now() + settings.sessionTtlMs);
    await repo.touchSession(db, orgId, tokenHash, expiresAt);
  }
  return {
    actor: actorFromUser(user, "session"),
    user,
    csrfToken: csrf_token,
    tokenHash,
    expiresAt,
    extended,
    mfaSetupRequired: Boolean(mfa_required) && !totp_enabled,
  };
}

export async function signOut(ctx: Ctx, tokenHash: string): Promise<void> {
  await withTransaction(ctx.db, async (tx) => {
    await repo.deleteSession(tx, ctx.actor.orgId, tokenHash);
    await recordAudit(tx, ctx, { entity: "session", entityId: ctx.actor.userId, action: "sign_out" });
  });
}

// --- API tokens: "bikri_<org id without dashes>_<secret>"; the org part finds the tenant's shard.

export async function resolveApiToken(db: Db, bearer: string): Promise<Actor | null> {
  const m = /^bikri_([0-9a-f]{32})_([A-Za-z0-9_-]{20,100})$/.exec(bearer);
  if (!m?.[1] || !m[2]) return null;
  const h = m[1];
  const orgId = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  const token = await repo.findApiToken(db, orgId, sha256(m[2]));
  if (!token || token.revoked_at || (token.expires_at && token.expires_at.getTime() <= Date.now())) return null;
  const user = await repo.findUser(db, orgId, token.user_id);
  if (!user || user.deactivated_at) return null;
  if (!token.last_used_at || Date.now() - token.last_used_at.getTime() > TOUCH_INTERVAL_MS)
    await repo.markApiTokenUsed(db, orgId, token.id);
  return actorFromUser(user, "token");
}

function tokenResponse(t: NonNullable<Awaited<ReturnType<typeof repo.findApiTokenById>>>) {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    userId: t.user_id,
    createdAt: t.created_at.toISOString(),
    expiresAt: t.expires_at?.toISOString() ?? null,
    lastUsedAt: t.last_used_at?.toISOString() ?? null,
    revokedAt: t.revoked_at?.toISOString() ?? null,
  };
}

export async function listApiTokens(ctx: Ctx) {
  const rows = await repo.listApiTokens(ctx.db, ctx.actor.orgId);
  return { items: rows.map(tokenResponse) };
}

/** The token acts as the admin who made it, with that admin's role and scope, until revoked. */
export async function createApiToken(ctx: Ctx, input: { name: string; expiresInDays?: number | undefined }) {
  const secret = randomSecret();
  const id = newId();
  const token = `bikri_${ctx.actor.orgId.replaceAll("-", "")}_${secret}`;
  return withTransaction(ctx.db, async (tx) => {
    await repo.insertApiToken(tx, {
      orgId: ctx.actor.orgId,
      id,
      userId: ctx.actor.userId,
      name: input.name,
      tokenHash: sha256(secret),
      prefix: `bikri_…${secret.slice(0, 6)}`,
      expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null,
    });
    const row = await repo.findApiTokenById(tx, ctx.actor.orgId, id);
    if (!row) throw UserErrors.tokenNotFound();
    await recordAudit(tx, ctx, { entity: "api_token", entityId: id, action: "create", after: tokenResponse(row) });
    return { ...tokenResponse(row), token };
  });
}

export async function revokeApiToken(ctx: Ctx, id: string): Promise<void> {
  await withTransaction(ctx.db, async (tx) => {
    const before = await repo.findApiTokenById(tx, ctx.actor.orgId, id);
    if (!before) throw UserErrors.tokenNotFound();
    await repo.revokeApiToken(tx, ctx.actor.orgId, id);
    const after = await repo.findApiTokenById(tx, ctx.actor.orgId, id);
    await recordAudit(tx, ctx, {
      entity: "api_token",
      entityId: id,
      action: "revoke",
      before: tokenResponse(before),
      after: after && tokenResponse(after),
    });
  });
}

// --- own account

export async function changePassword(
  ctx: Ctx,
  input: { currentPassword: string; newPassword: string },
  keepTokenHash: string | undefined,
): Promise<void> {
  const user = await repo.findUser(ctx.db, ctx.actor.orgId, ctx.actor.userId);
  if (!user) throw UserErrors.notFound();
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) throw AuthErrors.wrongCurrentPassword();
  if (input.currentPassword === input.newPassword) throw AuthErrors.samePassword();
  const hash = await hashPassword(input.newPassword);
  await withTransaction(ctx.db, async (tx) => {
    await repo.updateUser(tx, ctx.actor.orgId, user.id, { password_hash: hash, password_changed_at: new Date() });
    // Anyone else holding this account's sessions is signed out by a password change.
    await repo.deleteUserSessions(tx, ctx.actor.orgId, user.id, keepTokenHash);
    await recordAudit(tx, ctx, { entity: "user", entityId: user.id, action: "change_password" });
  });
}

export async function updateMe(
  ctx: Ctx,
  input: { name?: string | undefined; locale?: Locale | undefined; bengaliDigits?: boolean | undefined },
) {
  return withTransaction(ctx.db, async (tx) => {
    const before = await repo.findUser(tx, ctx.actor.orgId, ctx.actor.userId);
    if (!before) throw UserErrors.notFound();
    await repo.updateUser(tx, ctx.actor.orgId, before.id, {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.locale !== undefined && { locale: input.locale }),
      ...(input.bengaliDigits !== undefined && { bengali_digits: input.bengaliDigits }),
    });
    const after = await repo.findUser(tx, ctx.actor.orgId, before.id);
    if (!after) throw UserErrors.notFound();
    await recordAudit(tx, ctx, {
      entity: "user",
      entityId: before.id,
      action: "update_profile",
      before: { name: before.name, locale: before.locale, bengaliDigits: before.bengali_digits },
      after: { name: after.name, locale: after.locale, bengaliDigits: after.bengali_digits },
    });
    return meResponse(after);
  });
}

/** An invitation or reset link token, `<org id>.<secret>` like the session cookie; only the hash is kept. */
export function issueInvite(orgId: string): { token: string; hash: string; expiresAt: Date } {
  const secret = randomSecret();
  return { token: `${orgId}.${secret}`, hash: sha256(secret), expiresAt: new Date(Date.now() + INVITE_TTL_MS) };
}

export async function acceptInvite(
  db: Db,
  settings: AuthSettings,
  input: { token: string; password: string },
  meta: RequestMeta,
): Promise<IssuedSession> {
  const [orgId, secret, ...rest] = input.token.split(".");
  if (!isUuid(orgId) || !secret || rest.length) throw AuthErrors.inviteInvalid();
  const user = await repo.findUserByInvite(db, orgId, sha256(secret));
  if (!user || user.deactivated_at || !user.invite_expires_at || user.invite_expires_at.getTime() <= Date.now())
    throw AuthErrors.inviteInvalid();
  const hash = await hashPassword(input.password);
  return withTransaction(db, async (tx) => {
    await repo.updateUser(tx, user.org_id, user.id, {
      password_hash: hash,
      password_changed_at: new Date(),
      invite_token_hash: null,
      invite_expires_at: null,
      last_login_at: new Date(),
    });
    await recordAudit(tx, ctxFor(db, user, meta, user.locale), {
      entity: "user",
      entityId: user.id,
      action: "accept_invite",
    });
    const mfa = await totpRepo.mfaState(tx, user.org_id, user.id, user.role);
    return issueSession(tx, settings, user, meta, mfa.roleRequired && !mfa.totpEnabled);
  });
}

export async function purgeExpiredSessions(db: Db): Promise<number> {
  return repo.deleteExpiredSessions(db);
}
