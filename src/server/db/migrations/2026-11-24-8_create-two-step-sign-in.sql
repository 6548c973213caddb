-- Two-step sign-in: time-based one-time passwords (TOTP, RFC 6238) with recovery codes, optional per user
-- and required per organisation and role. Every table leads its keys with org_id (docs/architecture.md).

-- One authenticator per user. The seed is encrypted (AES-256-GCM under BIKRI_SECRET_KEY, bound to org and
-- user id), never stored in the clear: the server must read it back to check codes, so it cannot be hashed.
create table user_totp (
  org_id            uuid not null,
  user_id           uuid not null,
  secret_ciphertext text not null,
  -- Null while set up but not yet confirmed with a first code; sign-in asks for codes only once enabled.
  enabled_at        timestamptz,
  -- The 30-second time step of the last code accepted: that code, and every older one, is refused after.
  last_used_step    bigint,
  created_at        timestamptz not null default now(),
  primary key (org_id, user_id),
  foreign key (org_id, user_id) references users (org_id, id)
);

-- Ten single-use codes per user for a lost phone; only SHA-256 hashes (salted with the user id) are kept.
create table user_recovery_codes (
  org_id     uuid not null,
  user_id    uuid not null,
  code_hash  text not null,
  created_at timestamptz not null default now(),
  used_at    timestamptz,
  primary key (org_id, user_id, code_hash),
  foreign key (org_id, user_id) references users (org_id, id)
);

-- The roles an organisation requires two-step sign-in of. A user of such a role without it gets a session
-- that can only set it up.
create table org_mfa_required_roles (
  org_id     uuid not null references orgs (id),
  role       text not null check (role in ('admin', 'manager', 'rep', 'distributor', 'retailer', 'marketing', 'service')),
  created_at timestamptz not null default now(),
  primary key (org_id, role)
);

-- Between the password and the code: a short-lived, single-use ticket bound to the user. The client holds
-- `<org id>.<secret>`; only the secret's SHA-256 is stored, like a session's.
create table mfa_challenges (
  org_id     uuid not null,
  token_hash text not null,
  user_id    uuid not null,
  expires_at timestamptz not null,
  created_at timestamptz not null default now(),
  primary key (org_id, token_hash),
  foreign key (org_id, user_id) references users (org_id, id)
);
create index mfa_challenges_user_idx on mfa_challenges (org_id, user_id);
create index mfa_challenges_expiry_idx on mfa_challenges (expires_at);
