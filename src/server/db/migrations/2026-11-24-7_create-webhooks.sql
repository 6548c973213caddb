-- Webhooks: an org subscribes URLs to events; each event becomes one delivery row per subscribed endpoint,
-- written in the same transaction as the change it reports (the outbox), so a rolled-back change sends
-- nothing. A dispatcher sends due rows after commit, signs them with the endpoint's secret and retries
-- with backoff until the receiver answers 2xx or the attempts run out (dead).

create table webhook_endpoints (
  org_id            uuid not null references orgs (id),
  id                uuid not null,
  url               text not null check (url ~ '^https?://'),
  description       text,
  events            text[] not null check (cardinality(events) > 0),
  -- The signing key, encrypted with BIKRI_SECRET_KEY (AES-256-GCM, bound to the endpoint): the server must
  -- read it back to sign, so it cannot be hashed. Shown to the admin once (at creation and at rotation).
  secret_sealed     text not null,
  active            boolean not null default true,
  created_by        uuid,
  created_at        timestamptz not null default now(),
  updated_at        timestamptz not null default now(),
  secret_rotated_at timestamptz,
  -- Deleting an endpoint archives it: its delivery log stays readable.
  archived_at       timestamptz,
  primary key (org_id, id),
  foreign key (org_id, created_by) references users (org_id, id)
);

create table webhook_deliveries (
  org_id           uuid not null,
  id               uuid not null,
  endpoint_id      uuid not null,
  event            text not null,
  -- The event's identity: the same for every endpoint it went to and for every replay of it, so a
  -- receiver can drop a repeat.
  event_id         uuid not null,
  payload          jsonb not null,
  status           text not null default 'pending' check (status in ('pending', 'succeeded', 'failed', 'dead')),
  attempts         integer not null default 0,
  -- When the dispatcher may next try; while an attempt is in flight it is the end of that attempt's lease.
  next_attempt_at  timestamptz,
  last_attempt_at  timestamptz,
  last_status_code integer,
  last_error       text,
  replay_of        uuid,
  created_at       timestamptz not null default now(),
  delivered_at     timestamptz,
  primary key (org_id, id),
  foreign key (org_id, endpoint_id) references webhook_endpoints (org_id, id),
  -- Old deliveries are purged after a retention period; a replay outlives the original it re-sent.
  foreign key (org_id, replay_of) references webhook_deliveries (org_id, id) on delete set null (replay_of)
);
-- The dispatcher's question: what is due now?
create index webhook_deliveries_due_idx on webhook_deliveries (org_id, next_attempt_at)
  where status in ('pending', 'failed');
create index webhook_deliveries_endpoint_idx on webhook_deliveries (org_id, endpoint_id, id);
