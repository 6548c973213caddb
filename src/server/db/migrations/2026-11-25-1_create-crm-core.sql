-- CRM core (C1, C2): accounts (organisations: companies, and outlets and distributors as accounts too), contacts
-- (people) and leads (first contact, before qualification). Deals, activities, tickets and loyalty refer to these.
create table accounts (
  org_id          uuid not null references orgs (id),
  id              uuid not null,
  -- company: a B2B customer or prospect; outlet / distributor: the network's own record seen as an account.
  kind            text not null check (kind in ('company', 'outlet', 'distributor')),
  name            text not null check (length(name) between 1 and 200),
  outlet_id       uuid,
  distributor_id  uuid,
  territory_id    uuid,
  owner_user_id   uuid,
  industry        text,
  phone           text,
  phone_e164      text,
  email           text,
  website         text,
  address         text,
  -- Values of the org's custom fields, by field key.
  custom          jsonb not null default '{}',
  search_text     text not null default '',
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  archived_at     timestamptz,
  primary key (org_id, id),
  foreign key (org_id, outlet_id) references outlets (org_id, id),
  foreign key (org_id, distributor_id) references distributors (org_id, id),
  foreign key (org_id, territory_id) references territories (org_id, id),
  foreign key (org_id, owner_user_id) references users (org_id, id),
  check ((kind = 'outlet') = (outlet_id is not null)),
  check ((kind = 'distributor') = (distributor_id is not null))
);
create unique index accounts_outlet_key on accounts (org_id, outlet_id) where outlet_id is not null;
create unique index accounts_distributor_key on accounts (org_id, distributor_id) where distributor_id is not null;

create table contacts (
  org_id          uuid not null references orgs (id),
  id              uuid not null,
  account_id      uuid,
  name            text not null check (length(name) between 1 and 200),
  title           text,
  phone           text,
  -- +8801XXXXXXXXX when the phone is a Bangladeshi mobile number (dedupe key), else null.
  phone_e164      text,
  email           text,
  email_lower     text,
  locale          text not null default 'bn' check (locale in ('bn', 'en')),
  territory_id    uuid,
  owner_user_id   uuid,
  source          text,
  custom          jsonb not null default '{}',
  search_text     text not null default '',
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  archived_at     timestamptz,
  primary key (org_id, id),
  foreign key (org_id, account_id) references accounts (org_id, id),
  foreign key (org_id, territory_id) references territories (org_id, id),
  foreign key (org_id, owner_user_id) references users (org_id, id)
);
create index contacts_account_idx on contacts (org_id, account_id);
create index contacts_phone_idx on contacts (org_id, phone_e164) where phone_e164 is not null;
create index contacts_email_idx on contacts (org_id, email_lower) where email_lower is not null;

create table leads (
  org_id               uuid not null references orgs (id),
  id                   uuid not null,
  name                 text not null check (length(name) between 1 and 200),
  company              text,
  title                text,
  phone                text,
  phone_e164           text,
  email                text,
  email_lower          text,
  locale               text not null default 'bn' check (locale in ('bn', 'en')),
  message              text,
  source               text not null check (source in ('web_form', 'lead_magnet', 'api', 'import', 'manual', 'referral', 'chat')),
  form_id              uuid,
  utm_source           text,
  utm_medium           text,
  utm_campaign         text,
  utm_term             text,
  utm_content          text,
  referrer_url         text,
  landing_url          text,
  referral_code        text,
  territory_id         uuid,
  owner_user_id        uuid,
  status               text not null default 'new'
                         check (status in ('new', 'contacted', 'qualified', 'unqualified', 'converted', 'merged')),
  merged_into_id       uuid,
  converted_contact_id uuid,
  converted_account_id uuid,
  converted_deal_id    uuid,
  converted_at         timestamptz,
  custom               jsonb not null default '{}',
  search_text          text not null default '',
  created_at           timestamptz not null default now(),
  updated_at           timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, territory_id) references territories (org_id, id),
  foreign key (org_id, owner_user_id) references users (org_id, id),
  foreign key (org_id, merged_into_id) references leads (org_id, id),
  foreign key (org_id, converted_contact_id) references contacts (org_id, id),
  foreign key (org_id, converted_account_id) references accounts (org_id, id)
);
create index leads_inbox_idx on leads (org_id, status, created_at desc);
create index leads_phone_idx on leads (org_id, phone_e164) where phone_e164 is not null;
create index leads_email_idx on leads (org_id, email_lower) where email_lower is not null;
create index leads_referral_idx on leads (org_id, referral_code) where referral_code is not null;
