-- Platform tables: organisations, territory tree, users, sessions, API tokens, audit log,
-- idempotency keys and notifications. Every tenant table leads its keys with org_id (see docs/architecture.md).

create table orgs (
  id            uuid primary key,
  slug          text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name          text not null,
  name_bn       text,
  default_locale text not null default 'bn' check (default_locale in ('bn', 'en')),
  created_at    timestamptz not null default now(),
  archived_at   timestamptz
);

-- national > region > area > territory > route. path is the chain of ids from the root, '/'-separated and
-- '/'-terminated, so a subtree is one indexed prefix match that works on every PostgreSQL.
create table territories (
  org_id      uuid not null references orgs (id),
  id          uuid not null,
  parent_id   uuid,
  level       text not null check (level in ('national', 'region', 'area', 'territory', 'route')),
  code        text not null,
  name        text not null,
  name_bn     text not null,
  path        text not null,
  created_at  timestamptz not null default now(),
  archived_at timestamptz,
  primary key (org_id, id),
  unique (org_id, code),
  foreign key (org_id, parent_id) references territories (org_id, id)
);
create index territories_path_idx on territories (org_id, path text_pattern_ops);
create index territories_parent_idx on territories (org_id, parent_id);

-- A login identity is global (people sign in with an email, not an org), the one exception to org-led
-- unique keys; see docs/architecture.md for how it moves to a reference table when sharded.
create table users (
  org_id          uuid not null references orgs (id),
  id              uuid not null,
  email           text not null check (email = lower(email)),
  name            text not null,
  phone           text,
  role            text not null check (role in ('admin', 'manager', 'rep', 'distributor', 'retailer', 'marketing', 'service')),
  territory_id    uuid,
  distributor_id  uuid,
  outlet_id       uuid,
  locale          text not null default 'bn' check (locale in ('bn', 'en')),
  -- In Bengali, numbers in Bengali digits (১২৩) unless the user prefers 123.
  bengali_digits  boolean not null default true,
  password_hash   text,
  password_changed_at timestamptz,
  invite_token_hash text,
  invite_expires_at timestamptz,
  failed_logins   integer not null default 0,
  locked_until    timestamptz,
  last_login_at   timestamptz,
  deactivated_at  timestamptz,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, territory_id) references territories (org_id, id)
);
create unique index users_email_key on users (email);
create index users_territory_idx on users (org_id, territory_id);
create unique index users_invite_idx on users (org_id, invite_token_hash) where invite_token_hash is not null;

-- The cookie carries org id and a random secret; only the secret's SHA-256 is stored.
create table sessions (
  org_id       uuid not null references orgs (id),
  token_hash   text not null,
  user_id      uuid not null,
  csrf_token   text not null,
  created_at   timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at   timestamptz not null,
  ip           text,
  user_agent   text,
  primary key (org_id, token_hash),
  foreign key (org_id, user_id) references users (org_id, id)
);
create index sessions_expiry_idx on sessions (expires_at);
create index sessions_user_idx on sessions (org_id, user_id);

create table api_tokens (
  org_id       uuid not null references orgs (id),
  id           uuid not null,
  user_id      uuid not null,
  name         text not null,
  token_hash   text not null,
  prefix       text not null,
  created_at   timestamptz not null default now(),
  expires_at   timestamptz,
  last_used_at timestamptz,
  revoked_at   timestamptz,
  primary key (org_id, id),
  unique (org_id, token_hash),
  foreign key (org_id, user_id) references users (org_id, id)
);

create table audit_log (
  org_id        uuid not null references orgs (id),
  id            uuid not null,
  at            timestamptz not null default now(),
  actor_user_id uuid,
  actor_kind    text not null check (actor_kind in ('user', 'token', 'system')),
  entity        text not null,
  entity_id     text,
  action        text not null,
  before        jsonb,
  after         jsonb,
  request_id    text,
  ip            text,
  primary key (org_id, id)
);
create index audit_log_entity_idx on audit_log (org_id, entity, entity_id);
create index audit_log_actor_idx on audit_log (org_id, actor_user_id, id);

create table idempotency_keys (
  org_id        uuid not null references orgs (id),
  caller_id     uuid not null,
  key           text not null,
  request_hash  text not null,
  status_code   integer,
  response_body text,
  content_type  text,
  created_at    timestamptz not null default now(),
  primary key (org_id, caller_id, key)
);
create index idempotency_keys_created_idx on idempotency_keys (created_at);

create table notifications (
  org_id     uuid not null references orgs (id),
  id         uuid not null,
  user_id    uuid not null,
  kind       text not null,
  title_bn   text not null,
  title_en   text not null,
  body_bn    text,
  body_en    text,
  link       text,
  created_at timestamptz not null default now(),
  read_at    timestamptz,
  primary key (org_id, id),
  foreign key (org_id, user_id) references users (org_id, id)
);
create index notifications_user_idx on notifications (org_id, user_id, id desc);
create index notifications_unread_idx on notifications (org_id, user_id) where read_at is null;
