-- Field force (S6, S7): beat plans, attendance, visits with GPS check-in, outlet stock audits, outlet onboarding,
-- and the commands the field app queues offline and syncs (each applied once, its result kept for replays).

-- Per-org field rules. A missing row means the defaults below.
create table field_settings (
  org_id              uuid not null references orgs (id),
  -- A check-in farther than this from the outlet's point is flagged (the distance is always recorded).
  check_in_radius_m   integer not null default 100 check (check_in_radius_m between 10 and 5000),
  updated_at          timestamptz not null default now(),
  primary key (org_id)
);

-- Why a visit ended without an order; the admin keeps the list, archived reasons stay on old visits.
create table no_order_reasons (
  org_id      uuid not null references orgs (id),
  code        text not null check (code ~ '^[a-z0-9_]{1,40}$'),
  label_en    text not null,
  label_bn    text not null,
  position    integer not null default 0,
  archived_at timestamptz,
  primary key (org_id, code)
);

-- SKUs every outlet should stock (S6): highlighted in stock audits and order taking.
create table must_sell_skus (
  org_id      uuid not null references orgs (id),
  sku_id      uuid not null,
  created_at  timestamptz not null default now(),
  primary key (org_id, sku_id),
  foreign key (org_id, sku_id) references skus (org_id, id)
);

-- The weekdays a route (beat) is walked on: 0 = Sunday ... 6 = Saturday.
create table beat_days (
  org_id    uuid not null references orgs (id),
  route_id  uuid not null,
  weekday   smallint not null check (weekday between 0 and 6),
  primary key (org_id, route_id, weekday),
  foreign key (org_id, route_id) references territories (org_id, id)
);
create index beat_days_weekday_idx on beat_days (org_id, weekday);

-- The visit order of a route's outlets, as the rep last arranged it. Outlets without a row come last, by code;
-- a row for an outlet that has left the route is ignored.
create table beat_stops (
  org_id      uuid not null references orgs (id),
  route_id    uuid not null,
  outlet_id   uuid not null,
  position    integer not null,
  updated_at  timestamptz not null default now(),
  primary key (org_id, route_id, outlet_id),
  foreign key (org_id, route_id) references territories (org_id, id),
  foreign key (org_id, outlet_id) references outlets (org_id, id)
);

-- A rep's working day: start and end with where they were.
create table attendance_days (
  org_id        uuid not null references orgs (id),
  id            uuid not null,
  user_id       uuid not null,
  work_date     date not null,
  started_at    timestamptz not null,
  start_lat     double precision check (start_lat is null or start_lat between -90 and 90),
  start_lng     double precision check (start_lng is null or start_lng between -180 and 180),
  start_accuracy_m integer,
  ended_at      timestamptz,
  end_lat       double precision check (end_lat is null or end_lat between -90 and 90),
  end_lng       double precision check (end_lng is null or end_lng between -180 and 180),
  end_accuracy_m integer,
  primary key (org_id, id),
  unique (org_id, user_id, work_date),
  foreign key (org_id, user_id) references users (org_id, id),
  check (ended_at is null or ended_at >= started_at)
);

-- One call on an outlet: check-in (with the distance from the outlet's point), outcome, check-out.
create table visits (
  org_id            uuid not null references orgs (id),
  -- Made on the phone, so a visit keeps its identity from check-in offline to sync.
  id                uuid not null,
  user_id           uuid not null,
  outlet_id         uuid not null,
  -- The route the outlet was on at check-in, and whether it was on the rep's beat for that day.
  route_id          uuid,
  territory_path    text not null,
  visit_date        date not null,
  planned           boolean not null,
  checked_in_at     timestamptz not null,
  check_in_lat      double precision check (check_in_lat is null or check_in_lat between -90 and 90),
  check_in_lng      double precision check (check_in_lng is null or check_in_lng between -180 and 180),
  check_in_accuracy_m integer,
  -- Null when the phone had no fix or the outlet has no point.
  distance_m        integer check (distance_m is null or distance_m >= 0),
  outside_radius    boolean not null default false,
  checked_out_at    timestamptz,
  outcome           text check (outcome in ('order', 'no_order')),
  no_order_reason   text,
  order_id          uuid,
  note              text,
  created_at        timestamptz not null default now(),
  updated_at        timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, user_id) references users (org_id, id),
  foreign key (org_id, outlet_id) references outlets (org_id, id),
  foreign key (org_id, route_id) references territories (org_id, id),
  foreign key (org_id, order_id) references secondary_orders (org_id, id),
  check (checked_out_at is null or checked_out_at >= checked_in_at),
  check (outcome is distinct from 'no_order' or no_order_reason is not null)
);
create index visits_user_date_idx on visits (org_id, user_id, visit_date);
create index visits_path_date_idx on visits (org_id, territory_path text_pattern_ops, visit_date);
create index visits_outlet_idx on visits (org_id, outlet_id, visit_date desc);

-- What an outlet had on its shelf when the rep looked (S6). qty 0 is out of stock.
create table outlet_stock_audits (
  org_id      uuid not null references orgs (id),
  id          uuid not null,
  outlet_id   uuid not null,
  visit_id    uuid,
  user_id     uuid not null,
  territory_path text not null,
  audit_date  date not null,
  audited_at  timestamptz not null,
  created_at  timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, outlet_id) references outlets (org_id, id),
  foreign key (org_id, visit_id) references visits (org_id, id),
  foreign key (org_id, user_id) references users (org_id, id)
);
create index outlet_stock_audits_outlet_idx on outlet_stock_audits (org_id, outlet_id, audited_at desc);
create index outlet_stock_audits_path_idx on outlet_stock_audits (org_id, territory_path text_pattern_ops, audit_date);

create table outlet_stock_audit_lines (
  org_id      uuid not null references orgs (id),
  audit_id    uuid not null,
  sku_id      uuid not null,
  qty         integer not null check (qty >= 0),
  primary key (org_id, audit_id, sku_id),
  foreign key (org_id, audit_id) references outlet_stock_audits (org_id, id),
  foreign key (org_id, sku_id) references skus (org_id, id)
);

-- A new outlet proposed from the field waits here (the outlet itself has status 'pending') until a manager
-- approves it (the outlet becomes active) or rejects it (archived).
create table outlet_onboardings (
  org_id        uuid not null references orgs (id),
  outlet_id     uuid not null,
  requested_by  uuid not null,
  requested_at  timestamptz not null,
  route_id      uuid,
  status        text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
  decided_by    uuid,
  decided_at    timestamptz,
  reject_reason text,
  primary key (org_id, outlet_id),
  foreign key (org_id, outlet_id) references outlets (org_id, id),
  foreign key (org_id, requested_by) references users (org_id, id),
  foreign key (org_id, decided_by) references users (org_id, id),
  foreign key (org_id, route_id) references territories (org_id, id)
);
create index outlet_onboardings_status_idx on outlet_onboardings (org_id, status, requested_at);

-- Photos taken in the field (compressed on the phone to a few dozen KB).
create table outlet_photos (
  org_id        uuid not null references orgs (id),
  id            uuid not null,
  outlet_id     uuid not null,
  content_type  text not null check (content_type in ('image/jpeg', 'image/webp')),
  bytes         bytea not null check (octet_length(bytes) <= 1048576),
  taken_at      timestamptz not null,
  created_by    uuid not null,
  created_at    timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, outlet_id) references outlets (org_id, id),
  foreign key (org_id, created_by) references users (org_id, id)
);
create index outlet_photos_outlet_idx on outlet_photos (org_id, outlet_id);

-- Every command the field app sent, by its client-made id: applying one claims its row in the same transaction,
-- so a replay (lost reply, outbox sent twice, two tabs) returns the first result instead of acting again.
create table field_commands (
  org_id        uuid not null references orgs (id),
  id            uuid not null,
  user_id       uuid not null,
  kind          text not null,
  -- 'applied' or 'rejected' (a conflict or invalid command: final, the rep decides what to do next).
  status        text not null check (status in ('applied', 'rejected')),
  result        jsonb not null,
  created_on_device_at timestamptz,
  received_at   timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, user_id) references users (org_id, id)
);
create index field_commands_user_idx on field_commands (org_id, user_id, received_at);
