-- Sales path (C3) and activities (C4): pipelines with ordered stages, each with a probability and a playbook (the
-- channel and message to use at that stage, linked templates and content, a checklist); deals that move through the
-- stages with every move kept; configurable lost reasons; activities (calls, meetings, notes, tasks, emails) linked to
-- any number of CRM records.
create table pipelines (
  org_id       uuid not null references orgs (id),
  id           uuid not null,
  name         text not null check (length(name) between 1 and 120),
  name_bn      text not null check (length(name_bn) between 1 and 120),
  is_default   boolean not null default false,
  position     integer not null default 0,
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now(),
  archived_at  timestamptz,
  primary key (org_id, id)
);
-- One default pipeline per org: new deals go there when none is named.
create unique index pipelines_default_key on pipelines (org_id) where is_default;

create table pipeline_stages (
  org_id          uuid not null references orgs (id),
  id              uuid not null,
  pipeline_id     uuid not null,
  position        integer not null,
  name            text not null check (length(name) between 1 and 120),
  name_bn         text not null check (length(name_bn) between 1 and 120),
  -- open: work in progress; won / lost close the deal; after_sale: onboarding and loyal, after a won deal.
  kind            text not null check (kind in ('open', 'won', 'lost', 'after_sale')),
  probability_bp  integer not null check (probability_bp between 0 and 10000),
  -- Days in this stage after which a deal counts as stuck ("my day"); null: never.
  stuck_after_days integer check (stuck_after_days is null or stuck_after_days between 1 and 3650),
  -- The playbook: {channel, message, messageBn, templates: [{title,url}], content: [{title,url}], checklist: [{text,textBn}]}
  playbook        jsonb not null default '{}',
  archived_at     timestamptz,
  primary key (org_id, id),
  foreign key (org_id, pipeline_id) references pipelines (org_id, id)
);
create index pipeline_stages_order_idx on pipeline_stages (org_id, pipeline_id, position);

create table lost_reasons (
  org_id       uuid not null references orgs (id),
  id           uuid not null,
  label        text not null check (length(label) between 1 and 120),
  label_bn     text not null check (length(label_bn) between 1 and 120),
  position     integer not null default 0,
  archived_at  timestamptz,
  primary key (org_id, id)
);

create table deals (
  org_id            uuid not null references orgs (id),
  id                uuid not null,
  name              text not null check (length(name) between 1 and 200),
  account_id        uuid not null,
  contact_id        uuid,
  lead_id           uuid,
  pipeline_id       uuid not null,
  stage_id          uuid not null,
  status            text not null default 'open' check (status in ('open', 'won', 'lost')),
  lost_reason_id    uuid,
  lost_note         text,
  owner_user_id     uuid,
  territory_id      uuid,
  amount_poisha     bigint not null check (amount_poisha >= 0),
  expected_close    date,
  -- Order of the card within its column (smaller first).
  board_position    double precision not null default 0,
  -- Values of the org's custom fields for deals, by field key.
  custom            jsonb not null default '{}',
  stage_entered_at  timestamptz not null default now(),
  closed_at         timestamptz,
  -- Bumped on every change: a move names the version it saw, so two people moving one card cannot lose a change.
  version           integer not null default 1,
  created_by        uuid,
  created_at        timestamptz not null default now(),
  updated_at        timestamptz not null default now(),
  archived_at       timestamptz,
  primary key (org_id, id),
  foreign key (org_id, account_id) references accounts (org_id, id),
  foreign key (org_id, contact_id) references contacts (org_id, id),
  foreign key (org_id, lead_id) references leads (org_id, id),
  foreign key (org_id, pipeline_id) references pipelines (org_id, id),
  foreign key (org_id, stage_id) references pipeline_stages (org_id, id),
  foreign key (org_id, lost_reason_id) references lost_reasons (org_id, id),
  foreign key (org_id, owner_user_id) references users (org_id, id),
  foreign key (org_id, territory_id) references territories (org_id, id),
  foreign key (org_id, created_by) references users (org_id, id),
  check ((status = 'lost') = (lost_reason_id is not null))
);
create index deals_board_idx on deals (org_id, pipeline_id, stage_id, board_position);
create index deals_account_idx on deals (org_id, account_id);
create index deals_contact_idx on deals (org_id, contact_id) where contact_id is not null;
create index deals_owner_idx on deals (org_id, owner_user_id, status);
create index deals_close_idx on deals (org_id, expected_close) where status = 'open';

-- Every stage change of a deal: the first row (from_stage_id null) is its creation.
create table deal_stage_changes (
  org_id          uuid not null references orgs (id),
  id              uuid not null,
  deal_id         uuid not null,
  from_stage_id   uuid,
  to_stage_id     uuid not null,
  actor_user_id   uuid,
  at              timestamptz not null default now(),
  lost_reason_id  uuid,
  note            text,
  primary key (org_id, id),
  foreign key (org_id, deal_id) references deals (org_id, id),
  foreign key (org_id, from_stage_id) references pipeline_stages (org_id, id),
  foreign key (org_id, to_stage_id) references pipeline_stages (org_id, id),
  foreign key (org_id, lost_reason_id) references lost_reasons (org_id, id)
);
create index deal_stage_changes_deal_idx on deal_stage_changes (org_id, deal_id, at);

create table activities (
  org_id            uuid not null references orgs (id),
  id                uuid not null,
  kind              text not null check (kind in ('call', 'meeting', 'note', 'task', 'email')),
  subject           text not null check (length(subject) between 1 and 300),
  body              text,
  owner_user_id     uuid,
  territory_id      uuid,
  -- When it happened (call, note, email) or starts (meeting); a task's due time.
  occurred_at       timestamptz not null default now(),
  -- call
  call_outcome      text check (call_outcome in ('connected', 'no_answer', 'busy', 'wrong_number', 'voicemail')),
  call_direction    text check (call_direction in ('outbound', 'inbound')),
  duration_seconds  integer check (duration_seconds between 0 and 86400),
  -- meeting
  ends_at           timestamptz,
  location          text,
  attendees         text,
  -- task
  due_at            timestamptz,
  remind_at         timestamptz,
  reminded_at       timestamptz,
  done_at           timestamptz,
  -- email (logged by hand)
  email_direction   text check (email_direction in ('sent', 'received')),
  email_address     text,
  created_by        uuid,
  created_at        timestamptz not null default now(),
  updated_at        timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, owner_user_id) references users (org_id, id),
  foreign key (org_id, territory_id) references territories (org_id, id),
  foreign key (org_id, created_by) references users (org_id, id),
  check (kind = 'call' or call_outcome is null),
  check (kind = 'task' or (due_at is null and remind_at is null and done_at is null))
);
create index activities_owner_idx on activities (org_id, owner_user_id, occurred_at);
create index activities_due_idx on activities (org_id, due_at) where kind = 'task' and done_at is null;
-- Reminders still to send: the job scans only these.
create index activities_remind_idx on activities (remind_at) where remind_at is not null and reminded_at is null and done_at is null;

-- Which records an activity is about: a call with a contact about a deal shows on both (and on the account).
create table activity_links (
  org_id       uuid not null references orgs (id),
  activity_id  uuid not null,
  record_type  text not null check (record_type in ('lead', 'contact', 'account', 'deal', 'ticket')),
  record_id    uuid not null,
  primary key (org_id, activity_id, record_type, record_id),
  foreign key (org_id, activity_id) references activities (org_id, id)
);
create index activity_links_record_idx on activity_links (org_id, record_type, record_id);
