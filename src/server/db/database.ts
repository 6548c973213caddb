// Row types of every table, as Kysely sees them. Keep in step with migrations/.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | null, string | null>;

export type Role = "admin" | "manager" | "rep" | "distributor" | "retailer" | "marketing" | "service";
export type Locale = "bn" | "en";
export type TerritoryLevel = "national" | "region" | "area" | "territory" | "route";

export interface OrgsTable {
  id: string;
  slug: string;
  name: string;
  name_bn: string | null;
  default_locale: ColumnType<Locale, Locale | undefined, Locale>;
  created_at: DefaultedTimestamp;
  archived_at: Timestamp | null;
}

export interface TerritoriesTable {
  org_id: string;
  id: string;
  parent_id: string | null;
  level: TerritoryLevel;
  code: string;
  name: string;
  name_bn: string;
  path: string;
  created_at: DefaultedTimestamp;
  archived_at: Timestamp | null;
}

export interface UsersTable {
  org_id: string;
  id: string;
  email: string;
  name: string;
  phone: string | null;
  role: Role;
  territory_id: string | null;
  distributor_id: string | null;
  outlet_id: string | null;
  locale: ColumnType<Locale, Locale | undefined, Locale>;
  bengali_digits: Generated<boolean>;
  password_hash: string | null;
  password_changed_at: Timestamp | null;
  invite_token_hash: string | null;
  invite_expires_at: Timestamp | null;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  last_login_at: Timestamp | null;
  deactivated_at: Timestamp | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface SessionsTable {
  org_id: string;
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: DefaultedTimestamp;
  last_seen_at: DefaultedTimestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  org_id: string;
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: DefaultedTimestamp;
  expires_at: Timestamp | null;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface AuditLogTable {
  org_id: string;
  id: string;
  at: DefaultedTimestamp;
  actor_user_id: string | null;
  actor_kind: "user" | "token" | "system";
  entity: string;
  entity_id: string | null;
  action: string;
  before: Json;
  after: Json;
  request_id: string | null;
  ip: string | null;
}

export interface IdempotencyKeysTable {
  org_id: string;
  caller_id: string;
  key: string;
  request_hash: string;
  status_code: number | null;
  response_body: string | null;
  content_type: string | null;
  created_at: DefaultedTimestamp;
}

export interface NotificationsTable {
  org_id: string;
  id: string;
  user_id: string;
  kind: string;
  title_bn: string;
  title_en: string;
  body_bn: string | null;
  body_en: string | null;
  link: string | null;
  created_at: DefaultedTimestamp;
  read_at: Timestamp | null;
}

export interface SchemaMigrationsTable {
  name: string;
  applied_at: DefaultedTimestamp;
}

export interface Database {
  orgs: OrgsTable;
  territories: TerritoriesTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  idempotency_keys: IdempotencyKeysTable;
  notifications: NotificationsTable;
  schema_migrations: SchemaMigrationsTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Territory = Selectable<TerritoriesTable>;
export type Org = Selectable<OrgsTable>;
