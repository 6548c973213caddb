// All SQL of two-step sign-in: authenticator seeds, recovery codes, the org's required roles and the
// challenges between password and code. Single-use rules are conditional updates and deletes, so two
// requests at once cannot both use the same code, recovery code or challenge.
import { sql } from "kysely";
import type { Role } from "../../shared/roles.ts";
import type { Executor } from "../db/transaction.ts";

export function findTotp(db: Executor, orgId: string, userId: string) {
  return db
    .selectFrom("user_totp")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
}

export type TotpRow = NonNullable<Awaited<ReturnType<typeof findTotp>>>;

/** At sign-in, in one round trip: does the user have two-step sign-in on, and does the org require it? */
export async function mfaState(db: Executor, orgId: string, userId: string, role: Role) {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .exists(
          eb
            .selectFrom("user_totp")
            .select("user_id")
            .where("org_id", "=", orgId)
            .where("user_id", "=", userId)
            .where("enabled_at", "is not", null),
        )
        .as("totp_enabled"),
      eb
        .exists(
          eb.selectFrom("org_mfa_required_roles").select("role").where("org_id", "=", orgId).where("role", "=", role),
        )
        .as("role_required"),
    ])
    .executeTakeFirstOrThrow();
  return { totpEnabled: Boolean(row.totp_enabled), roleRequired: Boolean(row.role_required) };
}

/** Stores a new, not yet confirmed seed, replacing an unconfirmed one; false when one is already enabled. */
export async function savePendingTotp(db: Executor, orgId: string, userId: string, ciphertext: string) {
  const row = await db
    .insertInto("user_totp")
    .values({ org_id: orgId, user_id: userId, secret_ciphertext: ciphertext })
    .onConflict((oc) =>
      oc
        .columns(["org_id", "user_id"])
        .doUpdateSet({ secret_ciphertext: ciphertext, last_used_step: null, created_at: sql<Date>`now()` })
        .where("user_totp.enabled_at", "is", null),
    )
    .returning("user_id")
    .executeTakeFirst();
  return row !== undefined;
}

/** Confirms the pending seed with the step of the code that proved it; false if it changed meanwhile. */
export async function enableTotp(db: Executor, orgId: string, userId: string, ciphertext: string, step: number) {
  const row = await db
    .updateTable("user_totp")
    .set({ enabled_at: sql<Date>`now()`, last_used_step: step })
    .where("org_id", "=", orgId)
    .where("user_id", "=", userId)
    .where("enabled_at", "is", null)
    .where("secret_ciphertext", "=", ciphertext)
    .returning("enabled_at")
    .executeTakeFirst();
  return row !== undefined;
}

/** Records a code's time step as used; false when that step (or a later one) was used already. */
export async function markTotpStepUsed(db: Executor, orgId: string, userId: string, step: number): Promise<boolean> {
  const row = await db
    .updateTable("user_totp")
    .set({ last_used_step: step })
    .where("org_id", "=", orgId)
    .where("user_id", "=", userId)
    .where("enabled_at", "is not", null)
    .where((eb) => eb.or([eb("last_used_step", "is", null), eb("last_used_step", "<", step)]))
    .returning("user_id")
    .executeTakeFirst();
  return row !== undefined;
}

/** Removes the user's seed and recovery codes; returns whether two-step sign-in was enabled. */
export async function deleteTotp(db: Executor, orgId: string, userId: string): Promise<boolean> {
  await db.deleteFrom("user_recovery_codes").where("org_id", "=", orgId).where("user_id", "=", userId).execute();
  const row = await db
    .deleteFrom("user_totp")
    .where("org_id", "=", orgId)
    .where("user_id", "=", userId)
    .returning("enabled_at")
    .executeTakeFirst();
  return row?.enabled_at != null;
}

// --- recovery codes

export async function replaceRecoveryCodes(db: Executor, orgId: string, userId: string, hashes: string[]) {
  await db.deleteFrom("user_recovery_codes").where("org_id", "=", orgId).where("user_id", "=", userId).execute();
  await db
    .insertInto("user_recovery_codes")
    .values(hashes.map((code_hash) => ({ org_id: orgId, user_id: userId, code_hash })))
    .execute();
}

export async function countUnusedRecoveryCodes(db: Executor, orgId: string, userId: string): Promise<number> {
  const row = await db
    .selectFrom("user_recovery_codes")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("org_id", "=", orgId)
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks an unused code as used; false when there is no such unused code. */
export async function spendRecoveryCode(db: Executor, orgId: string, userId: string, hash: string): Promise<boolean> {
  const row = await db
    .updateTable("user_recovery_codes")
    .set({ used_at: sql<Date>`now()` })
    .where("org_id", "=", orgId)
    .where("user_id", "=", userId)
    .where("code_hash", "=", hash)
    .where("used_at", "is", null)
    .returning("code_hash")
    .executeTakeFirst();
  return row !== undefined;
}

// --- the org's policy

export async function listRequiredRoles(db: Executor, orgId: string): Promise<Role[]> {
  const rows = await db
    .selectFrom("org_mfa_required_roles")
    .select("role")
    .where("org_id", "=", orgId)
    .orderBy("role")
    .execute();
  return rows.map((r) => r.role);
}

export async function roleRequiresMfa(db: Executor, orgId: string, role: Role): Promise<boolean> {
  const row = await db
    .selectFrom("org_mfa_required_roles")
    .select("role")
    .where("org_id", "=", orgId)
    .where("role", "=", role)
    .executeTakeFirst();
  return row !== undefined;
}

export async function setRequiredRoles(db: Executor, orgId: string, roles: Role[]): Promise<void> {
  let remove = db.deleteFrom("org_mfa_required_roles").where("org_id", "=", orgId);
  if (roles.length) remove = remove.where("role", "not in", roles);
  await remove.execute();
  if (roles.length)
    await db
      .insertInto("org_mfa_required_roles")
      .values(roles.map((role) => ({ org_id: orgId, role })))
      .onConflict((oc) => oc.columns(["org_id", "role"]).doNothing())
      .execute();
}

// --- challenges between the password and the code

export async function insertChallenge(
  db: Executor,
  c: { orgId: string; tokenHash: string; userId: string; expiresAt: Date },
): Promise<void> {
  // Expired challenges of the org go as new ones come: they are few, and this needs no scheduled job.
  await db
    .deleteFrom("mfa_challenges")
    .where("org_id", "=", c.orgId)
    .where("expires_at", "<", sql<Date>`now()`)
    .execute();
  await db
    .insertInto("mfa_challenges")
    .values({ org_id: c.orgId, token_hash: c.tokenHash, user_id: c.userId, expires_at: c.expiresAt })
    .execute();
}

export function findChallenge(db: Executor, orgId: string, tokenHash: string) {
  return db
    .selectFrom("mfa_challenges")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("token_hash", "=", tokenHash)
    .executeTakeFirst();
}

/** Deletes the challenge; false when another request consumed it first. */
export async function consumeChallenge(db: Executor, orgId: string, tokenHash: string): Promise<boolean> {
  const row = await db
    .deleteFrom("mfa_challenges")
    .where("org_id", "=", orgId)
    .where("token_hash", "=", tokenHash)
    .returning("user_id")
    .executeTakeFirst();
  return row !== undefined;
}

export async function deleteUserChallenges(db: Executor, orgId: string, userId: string): Promise<void> {
  await db.deleteFrom("mfa_challenges").where("org_id", "=", orgId).where("user_id", "=", userId).execute();
}
