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

-- Lead capture forms (C1): a public key names the form in the embed snippet and the lead-magnet page; fields says
-- which optional fields show ({"phone":"required","email":"optional",...}; name is always asked). A magnet form
-- offers a download after the submission.
create table lead_forms (
  org_id               uuid not null references orgs (id),
  id                   uuid not null,
  public_key           text not null check (public_key ~ '^[A-Za-z0-9_-]{16,64}$'),
  name                 text not null check (length(name) between 1 and 200),
  kind                 text not null default 'form' check (kind in ('form', 'magnet')),
  fields               jsonb not null default '{}',
  default_locale       text not null default 'bn' check (default_locale in ('bn', 'en')),
  thank_you_en         text not null default '',
  thank_you_bn         text not null default '',
  magnet_title_en      text,
  magnet_title_bn      text,
  magnet_description_en text,
  magnet_description_bn text,
  download_url         text,
  territory_id         uuid,
  owner_user_id        uuid,
  active               boolean not null default true,
  created_at           timestamptz not null default now(),
  updated_at           timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, territory_id) references territories (org_id, id),
  foreign key (org_id, owner_user_id) references users (org_id, id),
  check (kind = 'form' or download_url is not null)
);
create unique index lead_forms_public_key on lead_forms (org_id, public_key);
-- The public routes find a form by its key alone (the key is random; the org comes from the form).
create index lead_forms_key_lookup on lead_forms (public_key);

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
  district             text,
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
  foreign key (org_id, form_id) references lead_forms (org_id, id),
  foreign key (org_id, converted_contact_id) references contacts (org_id, id),
  foreign key (org_id, converted_account_id) references accounts (org_id, id)
);
create index leads_inbox_idx on leads (org_id, status, created_at desc);
create index leads_phone_idx on leads (org_id, phone_e164) where phone_e164 is not null;
create index leads_email_idx on leads (org_id, email_lower) where email_lower is not null;
create index leads_referral_idx on leads (org_id, referral_code) where referral_code is not null;

-- Assignment rules (C1): ordered; the first active rule that matches a new lead (every condition it sets holds)
-- names its owner. round_robin turns over user_ids; territory over the active reps of the lead's territory subtree.
create table lead_assignment_rules (
  org_id               uuid not null references orgs (id),
  id                   uuid not null,
  position             integer not null check (position >= 0),
  name                 text not null check (length(name) between 1 and 200),
  match_source         text,
  match_form_id        uuid,
  match_utm_campaign   text,
  match_territory_id   uuid,
  strategy             text not null check (strategy in ('round_robin', 'territory')),
  user_ids             uuid[] not null default '{}',
  active               boolean not null default true,
  created_at           timestamptz not null default now(),
  updated_at           timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, match_form_id) references lead_forms (org_id, id),
  foreign key (org_id, match_territory_id) references territories (org_id, id),
  check (strategy = 'territory' or cardinality(user_ids) > 0)
);
create index lead_assignment_rules_order on lead_assignment_rules (org_id, position);

-- Where a rule's round robin stands: the user given the last lead. Locked FOR UPDATE while a lead is assigned, so
-- concurrent captures take turns.
create table lead_assignment_cursors (
  org_id               uuid not null references orgs (id),
  rule_id              uuid not null,
  last_user_id         uuid,
  assigned_count       bigint not null default 0,
  updated_at           timestamptz not null default now(),
  primary key (org_id, rule_id),
  foreign key (org_id, rule_id) references lead_assignment_rules (org_id, id) on delete cascade
);
