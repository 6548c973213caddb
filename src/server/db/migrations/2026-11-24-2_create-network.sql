-- Distribution network (S1): distributors with their coverage, outlets, and the dated assignments that say
-- which distributor and route served an outlet and which rep served a route on any day.

create table distributors (
  org_id            uuid not null references orgs (id),
  id                uuid not null,
  code              text not null,
  name              text not null,
  name_bn           text not null,
  trade_licence     text,
  -- Business Identification Number: a distributor with a BIN is VAT-registered and issues Mushak-6.3 invoices.
  bin               text,
  owner_name        text not null,
  phone             text not null,
  email             text,
  address           text not null,
  territory_id      uuid not null,
  credit_limit_poisha bigint check (credit_limit_poisha is null or credit_limit_poisha >= 0),
  credit_days       integer not null default 0 check (credit_days between 0 and 365),
  -- Lower-case Latin and Bengali forms plus their phonetic keys, for search in either script.
  search_text       text not null default '',
  created_at        timestamptz not null default now(),
  updated_at        timestamptz not null default now(),
  archived_at       timestamptz,
  primary key (org_id, id),
  unique (org_id, code),
  foreign key (org_id, territory_id) references territories (org_id, id)
);
create index distributors_territory_idx on distributors (org_id, territory_id);

create table distributor_territories (
  org_id          uuid not null references orgs (id),
  distributor_id  uuid not null,
  territory_id    uuid not null,
  primary key (org_id, distributor_id, territory_id),
  foreign key (org_id, distributor_id) references distributors (org_id, id),
  foreign key (org_id, territory_id) references territories (org_id, id)
);
create index distributor_territories_territory_idx on distributor_territories (org_id, territory_id);

create table outlets (
  org_id            uuid not null references orgs (id),
  id                uuid not null,
  code              text not null,
  name              text not null,
  name_bn           text not null,
  owner_name        text not null,
  -- Normalised to +8801XXXXXXXXX.
  phone             text,
  address           text not null default '',
  division          text,
  district          text,
  upazila           text,
  lat               double precision check (lat is null or lat between -90 and 90),
  lng               double precision check (lng is null or lng between -180 and 180),
  channel           text not null check (channel in ('grocery', 'pharmacy', 'confectionery', 'wholesale', 'cosmetics', 'horeca', 'other')),
  class             text not null default 'C' check (class in ('A', 'B', 'C')),
  credit_limit_poisha bigint check (credit_limit_poisha is null or credit_limit_poisha >= 0),
  -- The current distributor and route: a cache of the assignment in force today (outlet_assignments).
  distributor_id    uuid,
  route_id          uuid,
  status            text not null default 'active' check (status in ('active', 'pending', 'archived')),
  search_text       text not null default '',
  created_at        timestamptz not null default now(),
  updated_at        timestamptz not null default now(),
  archived_at       timestamptz,
  primary key (org_id, id),
  unique (org_id, code),
  foreign key (org_id, distributor_id) references distributors (org_id, id),
  foreign key (org_id, route_id) references territories (org_id, id)
);
create index outlets_route_idx on outlets (org_id, route_id);
create index outlets_distributor_idx on outlets (org_id, distributor_id);
create index outlets_phone_idx on outlets (org_id, phone);

-- Who served an outlet from which day. The row with the latest effective_from not after a date is the
-- assignment on that date; orders copy it, so past sales stay credited to the old distributor and route.
create table outlet_assignments (
  org_id          uuid not null references orgs (id),
  id              uuid not null,
  outlet_id       uuid not null,
  distributor_id  uuid not null,
  route_id        uuid,
  effective_from  date not null,
  created_by      uuid,
  created_at      timestamptz not null default now(),
  primary key (org_id, id),
  unique (org_id, outlet_id, effective_from),
  foreign key (org_id, outlet_id) references outlets (org_id, id),
  foreign key (org_id, distributor_id) references distributors (org_id, id),
  foreign key (org_id, route_id) references territories (org_id, id)
);

-- Which rep serves a route from which day (the beat owner); orders are credited to the rep on duty.
create table route_assignments (
  org_id          uuid not null references orgs (id),
  id              uuid not null,
  route_id        uuid not null,
  rep_user_id     uuid not null,
  effective_from  date not null,
  created_by      uuid,
  created_at      timestamptz not null default now(),
  primary key (org_id, id),
  unique (org_id, route_id, effective_from),
  foreign key (org_id, route_id) references territories (org_id, id),
  foreign key (org_id, rep_user_id) references users (org_id, id)
);

-- The foundation left these unchecked until the tables existed.
alter table users add foreign key (org_id, distributor_id) references distributors (org_id, id);
alter table users add foreign key (org_id, outlet_id) references outlets (org_id, id);
