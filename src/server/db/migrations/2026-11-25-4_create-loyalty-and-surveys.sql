-- Loyalty and feedback (C7): loyalty programs with tiers, members (CRM accounts), a points ledger (the balance is
-- its sum, never stored), rewards and redemptions; NPS / CSAT surveys with one invitation per trigger and its
-- answer; referral codes. The earning job's watermark lives in loyalty_job_marks.
create table loyalty_programs (
  org_id               uuid not null references orgs (id),
  id                   uuid not null,
  name                 text not null check (length(name) between 1 and 200),
  name_bn              text not null check (length(name_bn) between 1 and 200),
  -- Whole points earned per ৳100 of delivered value (1 = one point per ৳100).
  points_per_100_taka  integer not null check (points_per_100_taka between 1 and 100000),
  -- Which outlets are members: by channel and class (empty: every one); B2B company accounts too when set.
  outlet_channels      text[] not null default '{}',
  outlet_classes       text[] not null default '{}',
  include_companies    boolean not null default false,
  -- Points expire this many months after the day they were earned; null: never.
  expiry_months        integer check (expiry_months between 1 and 120),
  -- Points to the referrer when a lead that came with their code converts (0: none).
  referral_bonus_points integer not null default 0 check (referral_bonus_points between 0 and 1000000),
  active               boolean not null default true,
  created_at           timestamptz not null default now(),
  updated_at           timestamptz not null default now(),
  primary key (org_id, id)
);

create table loyalty_tiers (
  org_id           uuid not null references orgs (id),
  id               uuid not null,
  program_id       uuid not null,
  name             text not null check (length(name) between 1 and 100),
  name_bn          text not null check (length(name_bn) between 1 and 100),
  -- Points earned in the last 12 months from which the tier applies.
  threshold_points integer not null check (threshold_points >= 0),
  -- Earn multiplier in basis points (10000 = x1, 15000 = x1.5).
  multiplier_bp    integer not null check (multiplier_bp between 1 and 100000),
  primary key (org_id, id),
  unique (org_id, program_id, threshold_points),
  foreign key (org_id, program_id) references loyalty_programs (org_id, id)
);

create table loyalty_members (
  org_id         uuid not null references orgs (id),
  id             uuid not null,
  program_id     uuid not null,
  account_id     uuid not null,
  -- The outlet behind an outlet account (orders are the outlet's), copied for the earning job and the retailer.
  outlet_id      uuid,
  referral_code  text not null,
  joined_at      timestamptz not null default now(),
  primary key (org_id, id),
  unique (org_id, program_id, account_id),
  unique (org_id, referral_code),
  foreign key (org_id, program_id) references loyalty_programs (org_id, id),
  foreign key (org_id, account_id) references accounts (org_id, id),
  foreign key (org_id, outlet_id) references outlets (org_id, id)
);
create index loyalty_members_outlet_idx on loyalty_members (org_id, outlet_id) where outlet_id is not null;

-- Every movement of points, signed. source_key names what caused it (order:<id>, return:<id>, redemption:<id>,
-- redemption-cancel:<id>, expiry:<date>:<earn id>, referral:<lead id>, manual:<id>), once per member.
create table loyalty_ledger (
  org_id          uuid not null references orgs (id),
  id              uuid not null,
  member_id       uuid not null,
  kind            text not null check (kind in ('earn', 'redeem', 'expire', 'reverse', 'adjust')),
  points          integer not null check (points <> 0),
  source_type     text not null check (source_type in ('order', 'return', 'redemption', 'manual', 'expiry', 'referral')),
  source_id       uuid,
  source_key      text not null,
  -- Business date (Asia/Dhaka) of the movement; a positive movement's points expire on expires_on.
  entry_date      date not null,
  expires_on      date,
  -- For an earn: the value it was earned on, and the tier multiplier applied.
  value_poisha    bigint,
  multiplier_bp   integer,
  note            text,
  created_by      uuid,
  created_at      timestamptz not null default now(),
  primary key (org_id, id),
  unique (org_id, member_id, source_key),
  foreign key (org_id, member_id) references loyalty_members (org_id, id)
);
create index loyalty_ledger_member_idx on loyalty_ledger (org_id, member_id, entry_date, id);

create table loyalty_rewards (
  org_id        uuid not null references orgs (id),
  id            uuid not null,
  program_id    uuid not null,
  name          text not null check (length(name) between 1 and 200),
  name_bn       text not null check (length(name_bn) between 1 and 200),
  points_cost   integer not null check (points_cost between 1 and 100000000),
  -- Units left; null: unlimited.
  stock         integer check (stock >= 0),
  active        boolean not null default true,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, program_id) references loyalty_programs (org_id, id)
);

create table loyalty_redemptions (
  org_id        uuid not null references orgs (id),
  id            uuid not null,
  member_id     uuid not null,
  reward_id     uuid not null,
  points        integer not null check (points > 0),
  status        text not null default 'pending' check (status in ('pending', 'fulfilled', 'cancelled')),
  requested_by  uuid,
  note          text,
  created_at    timestamptz not null default now(),
  fulfilled_at  timestamptz,
  cancelled_at  timestamptz,
  primary key (org_id, id),
  foreign key (org_id, member_id) references loyalty_members (org_id, id),
  foreign key (org_id, reward_id) references loyalty_rewards (org_id, id)
);
create index loyalty_redemptions_member_idx on loyalty_redemptions (org_id, member_id, created_at desc);

-- How far the earning and survey jobs have read (with an overlap on every run; the unique keys make re-reads harmless).
create table loyalty_job_marks (
  org_id      uuid not null references orgs (id),
  name        text not null,
  through     timestamptz not null,
  primary key (org_id, name)
);

create table surveys (
  org_id       uuid not null references orgs (id),
  id           uuid not null,
  kind         text not null check (kind in ('nps', 'csat')),
  name         text not null check (length(name) between 1 and 200),
  question     text not null check (length(question) between 1 and 500),
  question_bn  text not null check (length(question_bn) between 1 and 500),
  trigger      text not null check (trigger in ('delivery', 'ticket', 'manual')),
  active       boolean not null default true,
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now(),
  primary key (org_id, id)
);

-- One invitation per survey and trigger (a delivered order, a closed ticket, or by hand), with the segments it
-- belongs to copied when sent (so results by segment never move) and its one answer.
create table survey_invitations (
  org_id          uuid not null references orgs (id),
  id              uuid not null,
  survey_id       uuid not null,
  token           text not null,
  source_type     text not null check (source_type in ('order', 'ticket', 'manual')),
  source_id       uuid not null,
  account_id      uuid,
  outlet_id       uuid,
  email           text,
  locale          text not null default 'bn' check (locale in ('bn', 'en')),
  channel         text,
  outlet_class    text,
  territory_id    uuid,
  account_kind    text,
  ticket_type     text,
  email_status    text not null default 'none' check (email_status in ('none', 'pending', 'sent', 'failed')),
  email_error     text,
  emailed_at      timestamptz,
  score           integer check (score between 0 and 10),
  comment         text,
  answer_locale   text check (answer_locale in ('bn', 'en')),
  answered_at     timestamptz,
  created_at      timestamptz not null default now(),
  primary key (org_id, id),
  unique (org_id, token),
  unique (org_id, survey_id, source_type, source_id),
  foreign key (org_id, survey_id) references surveys (org_id, id),
  foreign key (org_id, account_id) references accounts (org_id, id),
  foreign key (org_id, outlet_id) references outlets (org_id, id),
  foreign key (org_id, territory_id) references territories (org_id, id)
);
create index survey_invitations_survey_idx on survey_invitations (org_id, survey_id, created_at desc);
create index survey_invitations_email_idx on survey_invitations (org_id, email_status) where email_status = 'pending';
create index survey_invitations_account_idx on survey_invitations (org_id, account_id, answered_at);
