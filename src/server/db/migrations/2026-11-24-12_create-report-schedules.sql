-- Scheduled reports (A2): a person asks for one of the dashboards' reports by email, daily or weekly at a time of
-- day in Asia/Dhaka, in their language, with the dashboard's filters. The report is built as its owner sees it
-- (their role and territory scope) at sending time, so a manager's email never holds more than their subtree.
-- A sender claims due rows (next_run_at <= now) with SKIP LOCKED and moves next_run_at past the send while it
-- works (a lease): app processes never send one schedule twice at once, and a crash leaves it to be retried.

create table report_schedules (
  org_id        uuid not null references orgs (id),
  id            uuid not null,
  -- The owner: the report is built with their access, and the schedule stops when they are deactivated.
  user_id       uuid not null,
  -- One of the report names the analytics module knows (REPORT_NAMES); checked by the service.
  report        text not null check (report ~ '^[a-z][a-z0-9_]{0,39}$'),
  -- The report's query as the dashboard URL has it.
  filters       jsonb not null default '{}'::jsonb check (jsonb_typeof(filters) = 'object'),
  frequency     text not null check (frequency in ('daily', 'weekly')),
  -- 0 = Sunday ... 6 = Saturday, for weekly schedules only.
  weekday       smallint check (weekday between 0 and 6),
  -- Wall-clock time in Asia/Dhaka.
  send_at       time not null default '08:00',
  locale        text not null check (locale in ('bn', 'en')),
  recipients    text[] not null check (cardinality(recipients) between 1 and 10),
  next_run_at   timestamptz not null,
  last_sent_at  timestamptz,
  last_status   text check (last_status in ('sent', 'failed', 'skipped')),
  last_error    text,
  -- Deleting a schedule archives it; a deactivated owner's schedule is archived by the sender.
  archived_at   timestamptz,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, user_id) references users (org_id, id),
  check ((frequency = 'weekly') = (weekday is not null))
);
-- The sender's question, across organisations: what is due now?
create index report_schedules_due_idx on report_schedules (next_run_at) where archived_at is null;
-- "My schedules", and an admin's list of the org's.
create index report_schedules_owner_idx on report_schedules (org_id, user_id, id) where archived_at is null;
