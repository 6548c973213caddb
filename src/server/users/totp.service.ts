// Two-step sign-in for one's own account (set up, enable, disable, new recovery codes), the org's policy
// (which roles must use it) and an administrator's reset for a user who lost their phone. The sign-in step
// itself lives in auth.service.ts, which uses the code checks below.
import type { Role } from "../../shared/roles.ts";
import type { Executor } from "../db/transaction.ts";
import { withTransaction } from "../db/transaction.ts";
import { AccessErrors, can } from "../platform/access.ts";
import { recordAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import { verifyPassword } from "./passwords.ts";
import { newRecoveryCodes, normalizeRecoveryCode, recoveryCodeHash } from "./recovery-codes.ts";
import { openSecret, sealSecret } from "./secret-box.ts";
import { TotpErrors } from "./totp.errors.ts";
import * as totpRepo from "./totp.repository.ts";
import { base32Encode, newTotpSecret, otpauthUri, verifyTotp } from "./totp.ts";
import { AuthErrors, UserErrors } from "./users.errors.ts";
import * as repo from "./users.repository.ts";

export interface TotpSettings {
  /** AES-256-GCM key for the seeds (config: BIKRI_SECRET_KEY). */
  secretKey: Buffer;
}

/** The name authenticator apps show above the code. */
export const TOTP_ISSUER = "Bikri";

/** The associated data of a sealed seed: it opens only for the user it was made for. */
const sealedFor = (orgId: string, userId: string) => `user_totp:${orgId}:${userId}`;

function readSeed(settings: TotpSettings, row: totpRepo.TotpRow): Buffer {
  const seed = openSecret(settings.secretKey, row.secret_ciphertext, sealedFor(row.org_id, row.user_id));
  if (!seed) throw TotpErrors.keyMismatch();
  return seed;
}

/** Checks a code against the user's enabled authenticator and uses up its time step (never accepted again). */
export async function consumeTotpCode(
  tx: Executor,
  settings: TotpSettings,
  orgId: string,
  userId: string,
  code: string,
): Promise<boolean> {
  const row = await totpRepo.findTotp(tx, orgId, userId);
  if (!row?.enabled_at) return false;
  const step = verifyTotp(readSeed(settings, row), code, { atMs: Date.now(), lastUsedStep: row.last_used_step });
  return step !== null && totpRepo.markTotpStepUsed(tx, orgId, userId, step);
}

/** Uses up one of the user's recovery codes; false when it is not one of theirs or was used before. */
export async function consumeRecoveryCode(tx: Executor, orgId: string, userId: string, input: string) {
  const code = normalizeRecoveryCode(input);
  return code !== null && totpRepo.spendRecoveryCode(tx, orgId, userId, recoveryCodeHash(userId, code));
}

/** Managing one's own second factor needs the person at a browser: an API token may not swap it out. */
function requireSession(ctx: Ctx): void {
  if (ctx.actor.via !== "session") throw AccessErrors.forbidden();
}

async function issueRecoveryCodes(tx: Executor, orgId: string, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  const hashes = codes.map((c) => recoveryCodeHash(userId, normalizeRecoveryCode(c) ?? c));
  await totpRepo.replaceRecoveryCodes(tx, orgId, userId, hashes);
  return codes;
}

export async function totpStatus(ctx: Ctx) {
  const { orgId, userId, role } = ctx.actor;
  const row = await totpRepo.findTotp(ctx.db, orgId, userId);
  const enabled = row?.enabled_at != null;
  return {
    enabled,
    enabledAt: row?.enabled_at?.toISOString() ?? null,
    recoveryCodesLeft: enabled ? await totpRepo.countUnusedRecoveryCodes(ctx.db, orgId, userId) : 0,
    requiredByOrg: await totpRepo.roleRequiresMfa(ctx.db, orgId, role),
  };
}

/** A new seed for the authenticator app; it takes effect once confirmed with a code (enableTotp). */
export async function startTotpSetup(ctx: Ctx, settings: TotpSettings) {
  requireSession(ctx);
  const { orgId, userId, email } = ctx.actor;
  const seed = newTotpSecret();
  const sealed = sealSecret(settings.secretKey, seed, sealedFor(orgId, userId));
  await withTransaction(ctx.db, async (tx) => {
    if (!(await totpRepo.savePendingTotp(tx, orgId, userId, sealed))) throw TotpErrors.alreadyEnabled();
    await recordAudit(tx, ctx, { entity: "user", entityId: userId, action: "totp_setup" });
  });
  return {
    secret: base32Encode(seed),
    otpauthUri: otpauthUri({ secret: seed, issuer: TOTP_ISSUER, account: email }),
    issuer: TOTP_ISSUER,
    account: email,
  };
}

/** Confirms the seed with a first code; returns the ten recovery codes, shown this once. */
export async function enableTotp(ctx: Ctx, settings: TotpSettings, code: string) {
  requireSession(ctx);
  const { orgId, userId } = ctx.actor;
  return withTransaction(ctx.db, async (tx) => {
    const row = await totpRepo.findTotp(tx, orgId, userId);
    if (!row) throw TotpErrors.notSetUp();
    if (row.enabled_at) throw TotpErrors.alreadyEnabled();
    const step = verifyTotp(readSeed(settings, row), code, { atMs: Date.now(), lastUsedStep: null });
    if (step === null) throw TotpErrors.wrongCode();
    if (!(await totpRepo.enableTotp(tx, orgId, userId, row.secret_ciphertext, step))) throw TotpErrors.notSetUp();
    const recoveryCodes = await issueRecoveryCodes(tx, orgId, userId);
    await recordAudit(tx, ctx, {
      entity: "user",
      entityId: userId,
      action: "totp_enable",
      after: { twoStepSignIn: true, recoveryCodes: recoveryCodes.length },
    });
    return { recoveryCodes };
  });
}

/** Turns two-step sign-in off: needs the password and a current code, and the org must not require it. */
export async function disableTotp(ctx: Ctx, settings: TotpSettings, input: { password: string; code: string }) {
  requireSession(ctx);
  const { orgId, userId, role } = ctx.actor;
  const user = await repo.findUser(ctx.db, orgId, userId);
  if (!user) throw UserErrors.notFound();
  if (!(await verifyPassword(user.password_hash, input.password))) throw AuthErrors.wrongCurrentPassword();
  await withTransaction(ctx.db, async (tx) => {
    const row = await totpRepo.findTotp(tx, orgId, userId);
    if (!row?.enabled_at) throw TotpErrors.notEnabled();
    if (await totpRepo.roleRequiresMfa(tx, orgId, role)) throw TotpErrors.requiredByOrg();
    if (!(await consumeTotpCode(tx, settings, orgId, userId, input.code))) throw TotpErrors.wrongCode();
    await totpRepo.deleteTotp(tx, orgId, userId);
    await totpRepo.deleteUserChallenges(tx, orgId, userId);
    await recordAudit(tx, ctx, {
      entity: "user",
      entityId: userId,
      action: "totp_disable",
      before: { twoStepSignIn: true },
      after: { twoStepSignIn: false },
    });
  });
}

/** Ten new recovery codes in place of the old ones (used or not); needs a current code. */
export async function regenerateRecoveryCodes(ctx: Ctx, settings: TotpSettings, code: string) {
  requireSession(ctx);
  const { orgId, userId } = ctx.actor;
  return withTransaction(ctx.db, async (tx) => {
    const row = await totpRepo.findTotp(tx, orgId, userId);
    if (!row?.enabled_at) throw TotpErrors.notEnabled();
    if (!(await consumeTotpCode(tx, settings, orgId, userId, code))) throw TotpErrors.wrongCode();
    const recoveryCodes = await issueRecoveryCodes(tx, orgId, userId);
    await recordAudit(tx, ctx, {
      entity: "user",
      entityId: userId,
      action: "recovery_codes_regenerate",
      after: { recoveryCodes: recoveryCodes.length },
    });
    return { recoveryCodes };
  });
}

// --- administration

/** Takes a user's second factor away (a lost phone): they sign in with the password and set it up again. */
export async function resetUserTotp(ctx: Ctx, userId: string): Promise<void> {
  if (!can(ctx.actor, "security.manage")) throw AccessErrors.forbidden();
  const { orgId } = ctx.actor;
  await withTransaction(ctx.db, async (tx) => {
    const user = await repo.findUser(tx, orgId, userId);
    if (!user) throw UserErrors.notFound();
    const row = await totpRepo.findTotp(tx, orgId, userId);
    if (!row) throw TotpErrors.notEnabled();
    await totpRepo.deleteTotp(tx, orgId, userId);
    await totpRepo.deleteUserChallenges(tx, orgId, userId);
    await recordAudit(tx, ctx, {
      entity: "user",
      entityId: userId,
      action: "totp_reset",
      before: { twoStepSignIn: row.enabled_at !== null },
      after: { twoStepSignIn: false },
    });
  });
}

export async function getMfaPolicy(ctx: Ctx) {
  if (!can(ctx.actor, "security.manage")) throw AccessErrors.forbidden();
  return { roles: await totpRepo.listRequiredRoles(ctx.db, ctx.actor.orgId) };
}

/** Sets the roles that must use two-step sign-in; it applies to their sessions from the next request on. */
export async function setMfaPolicy(ctx: Ctx, roles: Role[]) {
  if (!can(ctx.actor, "security.manage")) throw AccessErrors.forbidden();
  const { orgId, userId, role } = ctx.actor;
  return withTransaction(ctx.db, async (tx) => {
    // An administrator who required it of their own role without having it would shut themselves out
    // of everything but the set-up page at once.
    if (roles.includes(role) && !(await totpRepo.mfaState(tx, orgId, userId, role)).totpEnabled)
      throw TotpErrors.policyNeedsOwnSetup({ role });
    const before = await totpRepo.listRequiredRoles(tx, orgId);
    await totpRepo.setRequiredRoles(tx, orgId, roles);
    const after = await totpRepo.listRequiredRoles(tx, orgId);
    await recordAudit(tx, ctx, {
      entity: "org",
      entityId: orgId,
      action: "mfa_policy_update",
      before: { twoStepRequiredFor: before },
      after: { twoStepRequiredFor: after },
    });
    return { roles: after };
  });
}
