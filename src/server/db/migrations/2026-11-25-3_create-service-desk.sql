-- Service desk (C5): tickets with their conversation and event history, the org's business calendar and SLA
-- policies per priority, and the knowledge base (FAQ articles in Bengali and English, some grown from tickets).
create table service_calendars (
  org_id      uuid not null references orgs (id),
  time_zone   text not null default 'Asia/Dhaka',
  -- Seven entries, Sunday first: {"open":"09:00","close":"18:00"} or null for a day off.
  week        jsonb not null,
  -- Local dates (YYYY-MM-DD) the desk is closed.
  holidays    jsonb not null default '[]',
  updated_at  timestamptz not null default now(),
  primary key (org_id)
);

create table sla_policies (
  org_id                   uuid not null references orgs (id),
  priority                 text not null check (priority in ('low', 'normal', 'high', 'urgent')),
  -- Targets in business minutes of the org's calendar.
  first_response_minutes   integer not null check (first_response_minutes between 1 and 525600),
  resolution_minutes       integer not null check (resolution_minutes between 1 and 525600),
  -- On a breach the ticket goes up one level: its priority rises (when set) and it is reassigned (when a user is named).
  escalate_priority        boolean not null default true,
  escalate_to_user_id      uuid,
  updated_at               timestamptz not null default now(),
  primary key (org_id, priority),
  foreign key (org_id, escalate_to_user_id) references users (org_id, id)
);

create table tickets (
  org_id                      uuid not null references orgs (id),
  id                          uuid not null,
  number                      text not null,
  type                        text not null check (type in ('question', 'complaint', 'suggestion')),
  channel                     text not null check (channel in ('web_form', 'email', 'chat', 'phone', 'manual')),
  priority                    text not null check (priority in ('low', 'normal', 'high', 'urgent')),
  status                      text not null check (status in ('new', 'open', 'pending', 'resolved', 'closed')),
  subject                     text not null check (length(subject) between 1 and 300),
  description                 text not null default '',
  contact_id                  uuid,
  account_id                  uuid,
  requester_name              text,
  requester_phone             text,
  requester_email             text,
  locale                      text not null default 'bn' check (locale in ('bn', 'en')),
  -- The assignee: the CRM scope rule calls the person a record belongs to its owner.
  owner_user_id               uuid,
  territory_id                uuid,
  resolution                  text,
  escalation_level            integer not null default 0,
  first_response_due_at       timestamptz,
  resolution_due_at           timestamptz,
  first_responded_at          timestamptz,
  first_response_breached_at  timestamptz,
  resolution_breached_at      timestamptz,
  -- The SLA clock stops while the desk waits on the customer (pending); the business minutes it stood still
  -- are added to the targets when it resumes.
  sla_paused_at               timestamptz,
  paused_business_minutes     integer not null default 0,
  resolved_at                 timestamptz,
  closed_at                   timestamptz,
  created_by_user_id          uuid,
  search_text                 text not null default '',
  created_at                  timestamptz not null default now(),
  updated_at                  timestamptz not null default now(),
  primary key (org_id, id),
  unique (org_id, number),
  foreign key (org_id, contact_id) references contacts (org_id, id),
  foreign key (org_id, account_id) references accounts (org_id, id),
  foreign key (org_id, owner_user_id) references users (org_id, id),
  foreign key (org_id, territory_id) references territories (org_id, id)
);
create index tickets_queue_idx on tickets (org_id, status, created_at desc);
create index tickets_owner_idx on tickets (org_id, owner_user_id) where owner_user_id is not null;
create index tickets_contact_idx on tickets (org_id, contact_id) where contact_id is not null;
create index tickets_account_idx on tickets (org_id, account_id) where account_id is not null;
create index tickets_closed_idx on tickets (org_id, closed_at) where closed_at is not null;

create table ticket_messages (
  org_id          uuid not null references orgs (id),
  id              uuid not null,
  ticket_id       uuid not null,
  -- public: seen by the requester; internal: a note among staff.
  kind            text not null check (kind in ('public', 'internal')),
  -- agent: written in the app; requester: from the customer (web form, email, chat).
  author_kind     text not null check (author_kind in ('agent', 'requester')),
  author_user_id  uuid,
  author_name     text,
  body            text not null check (length(body) between 1 and 20000),
  channel         text not null check (channel in ('web_form', 'email', 'chat', 'phone', 'manual')),
  created_at      timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, ticket_id) references tickets (org_id, id),
  foreign key (org_id, author_user_id) references users (org_id, id)
);
create index ticket_messages_ticket_idx on ticket_messages (org_id, ticket_id, created_at);

create table ticket_events (
  org_id          uuid not null references orgs (id),
  id              uuid not null,
  ticket_id       uuid not null,
  actor_user_id   uuid,
  kind            text not null,
  data            jsonb not null default '{}',
  created_at      timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, ticket_id) references tickets (org_id, id),
  foreign key (org_id, actor_user_id) references users (org_id, id)
);
create index ticket_events_ticket_idx on ticket_events (org_id, ticket_id, created_at);

create table kb_articles (
  org_id            uuid not null references orgs (id),
  id                uuid not null,
  status            text not null default 'draft' check (status in ('draft', 'published')),
  category          text,
  title_bn          text not null default '',
  title_en          text not null default '',
  body_bn           text not null default '',
  body_en           text not null default '',
  source_ticket_id  uuid,
  views             integer not null default 0,
  helpful_yes       integer not null default 0,
  helpful_no        integer not null default 0,
  -- Per language, so a Bengali search finds Bengali articles (and Banglish spellings of them) and an English one English.
  search_text_bn    text not null default '',
  search_text_en    text not null default '',
  created_by_user_id uuid,
  published_at      timestamptz,
  created_at        timestamptz not null default now(),
  updated_at        timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, source_ticket_id) references tickets (org_id, id),
  foreign key (org_id, created_by_user_id) references users (org_id, id),
  check (title_bn <> '' or title_en <> '')
);
create index kb_articles_status_idx on kb_articles (org_id, status, updated_at desc);
create index kb_articles_ticket_idx on kb_articles (org_id, source_ticket_id) where source_ticket_id is not null;
