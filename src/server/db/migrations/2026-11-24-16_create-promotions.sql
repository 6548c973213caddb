-- Trade promotions (S10): campaigns group schemes; a scheme is a rule (slab or bundle) with its targeting, period,
-- stacking, budget and per-outlet cap. The pure engine (shared/pricing/scheme-engine.ts) reads the scheme's
-- targeting and rule as stored (jsonb, the SchemeDefinition shape). What a confirmed order was given is a grant:
-- one row per order x scheme, its cost reserved against the scheme's budget and the outlet's usage in the order's
-- own transaction, so budgets and caps hold under concurrent orders; cancelling the order releases the grant.

create table promo_campaigns (
  org_id          uuid not null references orgs (id),
  id              uuid not null,
  name            text not null check (name <> ''),
  name_bn         text not null check (name_bn <> ''),
  objective       text not null check (objective in ('volume', 'new_outlets')),
  valid_from      date not null,
  valid_to        date not null,
  budget_poisha   bigint check (budget_poisha is null or budget_poisha > 0),
  status          text not null default 'draft' check (status in ('draft', 'active', 'ended')),
  notes           text,
  created_by      uuid,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  archived_at     timestamptz,
  primary key (org_id, id),
  check (valid_to >= valid_from)
);

create table promo_schemes (
  org_id                 uuid not null references orgs (id),
  id                     uuid not null,
  -- Upper-case letters, digits, '-' and '_' (e.g. 'SUMMER10'): shown on the memo next to what it gave.
  code                   text not null check (code ~ '^[A-Z0-9][A-Z0-9_-]{0,39}$'),
  name                   text not null check (name <> ''),
  name_bn                text not null check (name_bn <> ''),
  campaign_id            uuid,
  facing                 text not null check (facing in ('secondary', 'primary')),
  valid_from             date not null,
  valid_to               date not null,
  priority               integer not null default 100 check (priority between 0 and 10000),
  stacking               text not null check (stacking in ('exclusive', 'stackable')),
  -- The distributor funds it on the memo and claims it back from the company.
  claimable              boolean not null default false,
  status                 text not null default 'draft' check (status in ('draft', 'active', 'paused', 'ended')),
  targeting              jsonb not null,
  rule                   jsonb not null,
  budget_poisha          bigint check (budget_poisha is null or budget_poisha > 0),
  spent_poisha           bigint not null default 0
                         check (spent_poisha >= 0 and (budget_poisha is null or spent_poisha <= budget_poisha)),
  per_outlet_cap_poisha  bigint check (per_outlet_cap_poisha is null or per_outlet_cap_poisha > 0),
  notes                  text,
  created_by             uuid,
  created_at             timestamptz not null default now(),
  updated_at             timestamptz not null default now(),
  archived_at            timestamptz,
  primary key (org_id, id),
  unique (org_id, code),
  foreign key (org_id, campaign_id) references promo_campaigns (org_id, id),
  check (valid_to >= valid_from)
);
-- The schemes in force on a date: the order path's read.
create index promo_schemes_in_force_idx on promo_schemes (org_id, facing, valid_to)
  where status = 'active' and archived_at is null;
create index promo_schemes_campaign_idx on promo_schemes (org_id, campaign_id) where campaign_id is not null;

-- What each outlet has been given by a capped scheme (the cap is held by the conditional upsert, not a check:
-- the cap lives on the scheme and may be changed).
create table promo_scheme_outlet_usage (
  org_id        uuid not null references orgs (id),
  scheme_id     uuid not null,
  outlet_id     uuid not null,
  spent_poisha  bigint not null default 0 check (spent_poisha >= 0),
  primary key (org_id, scheme_id, outlet_id),
  foreign key (org_id, scheme_id) references promo_schemes (org_id, id),
  foreign key (org_id, outlet_id) references outlets (org_id, id)
);

create table promo_grants (
  org_id             uuid not null references orgs (id),
  id                 uuid not null,
  order_id           uuid not null,
  scheme_id          uuid not null,
  outlet_id          uuid not null,
  distributor_id     uuid not null,
  order_date         date not null,
  discount_poisha    bigint not null check (discount_poisha >= 0),
  -- Free goods at the list price they were given at.
  free_value_poisha  bigint not null check (free_value_poisha >= 0),
  cost_poisha        bigint not null check (cost_poisha = discount_poisha + free_value_poisha),
  status             text not null default 'active' check (status in ('active', 'released')),
  created_at         timestamptz not null default now(),
  released_at        timestamptz,
  primary key (org_id, id),
  foreign key (org_id, order_id) references secondary_orders (org_id, id),
  foreign key (org_id, scheme_id) references promo_schemes (org_id, id),
  foreign key (org_id, outlet_id) references outlets (org_id, id),
  foreign key (org_id, distributor_id) references distributors (org_id, id)
);
create unique index promo_grants_active_uq on promo_grants (org_id, order_id, scheme_id) where status = 'active';
create index promo_grants_scheme_idx on promo_grants (org_id, scheme_id, order_date);

-- A free-goods line names the scheme that gave it.
alter table secondary_order_lines add column free_of_scheme_id uuid;
alter table secondary_order_lines
  add constraint secondary_order_lines_free_of_scheme_fk
  foreign key (org_id, free_of_scheme_id) references promo_schemes (org_id, id);
