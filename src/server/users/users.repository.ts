// All SQL of users, sessions and API tokens.
import { sql } from "kysely";
import type { NewUser, UserUpdate } from "../db/database.ts";
import type { Executor } from "../db/transaction.ts";
import type { Scope } from "../platform/access.ts";
import { territoryIdsInScope } from "../platform/territories/territories.repository.ts";

const userColumns = [
  "u.org_id",
  "u.id",
  "u.email",
  "u.name",
  "u.phone",
  "u.role",
  "u.territory_id",
  "u.distributor_id",
  "u.outlet_id",
  "u.locale",
  "u.bengali_digits",
  "u.password_hash",
  "u.failed_logins",
  "u.locked_until",
  "u.last_login_at",
  "u.deactivated_at",
  "u.invite_token_hash",
  "u.invite_expires_at",
  "u.created_at",
  "u.updated_at",
  "t.name as territory_name",
  "t.name_bn as territory_name_bn",
  "t.path as territory_path",
  "o.name as org_name",
  "o.name_bn as org_name_bn",
  "o.slug as org_slug",
] as const;

function usersWithTerritory(db: Executor) {
  return db
    .selectFrom("users as u")
    .innerJoin("orgs as o", "o.id", "u.org_id")
    .leftJoin("territories as t", (j) => j.onRef("t.org_id", "=", "u.org_id").onRef("t.id", "=", "u.territory_id"))
    .select(userColumns);
}

export type UserRow = Awaited<ReturnType<typeof findUserByEmail>> & object;

export function findUserByEmail(db: Executor, email: string) {
  return usersWithTerritory(db).where("u.email", "=", email).executeTakeFirst();
}

/** Phone numbers are unique among users (users_phone_key), stored as +8801XXXXXXXXX. */
export function findUserByPhone(db: Executor, phone: string) {
  return usersWithTerritory(db).where("u.phone", "=", phone).executeTakeFirst();
}

export function findUser(db: Executor, orgId: string, id: string) {
  return usersWithTerritory(db).where("u.org_id", "=", orgId).where("u.id", "=", id).executeTakeFirst();
}

export function findUserByInvite(db: Executor, orgId: string, inviteHash: string) {
  return usersWithTerritory(db)
    .where("u.org_id", "=", orgId)
    .where("u.invite_token_hash", "=", inviteHash)
    .executeTakeFirst();
}

export interface UserFilter {
  q?: string | undefined;
  role?: string | undefined;
  status: "active" | "deactivated" | "all";
  territoryId?: string | undefined;
  /** Keyset: continue after (name, id). */
  after?: { name: string; id: string } | undefined;
  limit: number;
}

export async function listUsers(db: Executor, orgId: string, scope: Scope, f: UserFilter) {
  let q = usersWithTerritory(db).where("u.org_id", "=", orgId);
  if (scope.kind === "territory") q = q.where("u.territory_id", "in", territoryIdsInScope(db, orgId, scope));
  else if (scope.kind !== "org") return [];
  if (f.status === "active") q = q.where("u.deactivated_at", "is", null);
  if (f.status === "deactivated") q = q.where("u.deactivated_at", "is not", null);
  if (f.role) q = q.where("u.role", "=", f.role as NewUser["role"]);
  if (f.territoryId) {
    const sub = db.selectFrom("territories").select("path").where("org_id", "=", orgId).where("id", "=", f.territoryId);
    q = q.where("t.path", "like", sql<string>`(${sub}) || '%'`);
  }
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([eb("u.name", "ilike", like), eb("u.email", "ilike", like), eb("u.phone", "like", like)]),
    );
  }
  if (f.after) {
    const { name, id } = f.after;
    q = q.where((eb) => eb.or([eb("u.name", ">", name), eb.and([eb("u.name", "=", name), eb("u.id", ">", id)])]));
  }
  return q
    .orderBy("u.name")
    .orderBy("u.id")
    .limit(f.limit + 1)
    .execute();
}

/** Inserts a user; false when the email is taken (in any org: sign-in emails are global). */
export async function insertUser(db: Executor, user: NewUser): Promise<boolean> {
  const row = await db
    .insertInto("users")
    .values(user)
    .onConflict((oc) => oc.column("email").doNothing())
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}

export async function updateUser(db: Executor, orgId: string, id: string, patch: UserUpdate): Promise<void> {
  await db
    .updateTable("users")
    .set({ ...patch, updated_at: sql<Date>`now()` })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

/** Counts a wrong password atomically; returns the new count. */
export async function incrementFailedLogins(db: Executor, orgId: string, id: string): Promise<number> {
  const row = await db
    .updateTable("users")
    .set((eb) => ({ failed_logins: eb("failed_logins", "+", 1) }))
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .returning("failed_logins")
    .executeTakeFirstOrThrow();
  return row.failed_logins;
}

// --- sessions

export async function insertSession(
  db: Executor,
  s: {
    orgId: string;
    tokenHash: string;
    userId: string;
    csrfToken: string;
    expiresAt: Date;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<void> {
  await db
    .insertInto("sessions")
    .values({
      org_id: s.orgId,
      token_hash: s.tokenHash,
      user_id: s.userId,
      csrf_token: s.csrfToken,
      expires_at: s.expiresAt,
      ip: s.ip,
      user_agent: s.userAgent?.slice(0, 500) ?? null,
    })
    .execute();
}

/**
 * A session with its user in one round trip: this runs on every authenticated request. It also says whether
 * the org requires two-step sign-in for the user's role and whether the user has it (see authenticate.ts).
 */
export function findSessionWithUser(db: Executor, orgId: string, tokenHash: string) {
  return usersWithTerritory(db)
    .innerJoin("sessions as s", (j) => j.onRef("s.org_id", "=", "u.org_id").onRef("s.user_id", "=", "u.id"))
    .select(["s.csrf_token", "s.expires_at as session_expires_at", "s.last_seen_at as session_last_seen_at"])
    .select((eb) => [
      eb
        .exists(
          eb
            .selectFrom("org_mfa_required_roles as mr")
            .select("mr.role")
            .whereRef("mr.org_id", "=", "u.org_id")
            .whereRef("mr.role", "=", "u.role"),
        )
        .as("mfa_required"),
      eb
        .exists(
          eb
            .selectFrom("user_totp as ut")
            .select("ut.user_id")
            .whereRef("ut.org_id", "=", "u.org_id")
            .whereRef("ut.user_id", "=", "u.id")
            .where("ut.enabled_at", "is not", null),
        )
        .as("totp_enabled"),
    ])
    .where("s.org_id", "=", orgId)
    .where("s.token_hash", "=", tokenHash)
    .executeTakeFirst();
}

export async function touchSession(db: Executor, orgId: string, tokenHash: string, expiresAt: Date): Promise<void> {
  await db
    .updateTable("sessions")
    .set({ last_seen_at: sql<Date>`now()`, expires_at: expiresAt })
    .where("org_id", "=", orgId)
    .where("token_hash", "=", tokenHash)
    .execute();
}

export async function deleteSession(db: Executor, orgId: string, tokenHash: string): Promise<void> {
  await db.deleteFrom("sessions").where("org_id", "=", orgId).where("token_hash", "=", tokenHash).execute();
}

/** Ends a user's sessions, except optionally the one in use. */
export async function deleteUserSessions(db: Executor, orgId: string, userId: string, keepTokenHash?: string) {
  let q = db.deleteFrom("sessions").where("org_id", "=", orgId).where("user_id", "=", userId);
  if (keepTokenHash) q = q.where("token_hash", "<>", keepTokenHash);
  await q.execute();
}

export async function deleteExpiredSessions(db: Executor): Promise<number> {
  const r = await db.deleteFrom("sessions").where("expires_at", "<", sql<Date>`now()`).executeTakeFirst();
  return Number(r.numDeletedRows);
}

// --- API tokens

export function findApiToken(db: Executor, orgId: string, tokenHash: string) {
  return db
    .selectFrom("api_tokens")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("token_hash", "=", tokenHash)
    .executeTakeFirst();
}

export function findApiTokenById(db: Executor, orgId: string, id: string) {
  return db.selectFrom("api_tokens").selectAll().where("org_id", "=", orgId).where("id", "=", id).executeTakeFirst();
}

export function listApiTokens(db: Executor, orgId: string) {
  return db.selectFrom("api_tokens").selectAll().where("org_id", "=", orgId).orderBy("id", "desc").limit(500).execute();
}

export async function insertApiToken(
  db: Executor,
  t: {
    orgId: string;
    id: string;
    userId: string;
    name: string;
    tokenHash: string;
    prefix: string;
    expiresAt: Date | null;
  },
): Promise<void> {
  await db
    .insertInto("api_tokens")
    .values({
      org_id: t.orgId,
      id: t.id,
      user_id: t.userId,
      name: t.name,
      token_hash: t.tokenHash,
      prefix: t.prefix,
      expires_at: t.expiresAt,
    })
    .execute();
}

export async function markApiTokenUsed(db: Executor, orgId: string, id: string): Promise<void> {
  await db
    .updateTable("api_tokens")
    .set({ last_used_at: sql<Date>`now()` })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

export async function revokeApiToken(db: Executor, orgId: string, id: string): Promise<void> {
  await db
    .updateTable("api_tokens")
    .set({ revoked_at: sql<Date>`now()` })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .execute();
}

export async function revokeUserApiTokens(db: Executor, orgId: string, userId: string): Promise<void> {
  await db
    .updateTable("api_tokens")
    .set({ revoked_at: sql<Date>`now()` })
    .where("org_id", "=", orgId)
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .execute();
}

/**
 * The field force of a subtree (the whole org without one): its active reps, plus the users named in `alsoIds`
 * (someone from elsewhere who worked there), with their territory's names.
 */
export function fieldForce(db: Executor, orgId: string, withinPath: string | null, alsoIds: readonly string[]) {
  return db
    .selectFrom("users as u")
    .leftJoin("territories as t", (j) => j.onRef("t.org_id", "=", "u.org_id").onRef("t.id", "=", "u.territory_id"))
    .select(["u.id", "u.name", "t.name as territory_name", "t.name_bn as territory_name_bn"])
    .where("u.org_id", "=", orgId)
    .where((eb) => {
      const reps = [eb("u.role", "=", "rep"), eb("u.deactivated_at", "is", null)];
      if (withinPath !== null) reps.push(eb("t.path", "like", `${withinPath}%`));
      return alsoIds.length > 0 ? eb.or([eb.and(reps), eb("u.id", "in", [...alsoIds])]) : eb.and(reps);
    })
    .orderBy("u.name")
    .orderBy("u.id")
    .execute();
}
