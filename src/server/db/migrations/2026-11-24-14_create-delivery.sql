-- Delivery and logistics (S8): vehicles, delivery trips with their drops (one invoiced order each), proof of
-- delivery, failed-delivery reasons, cash collected at the door, and the driver's last known position.
-- Capacity is checked from the SKUs' weight and volume per base unit (unknown = not counted, and reported).

alter table skus
  add column weight_g integer check (weight_g is null or weight_g >= 0),
  add column volume_cm3 integer check (volume_cm3 is null or volume_cm3 >= 0);

-- The driver: a user of a distributor (like the distributor's own login) who sees only the trips given to them.
alter table users drop constraint users_role_check;
alter table users add constraint users_role_check
  check (role in ('admin', 'manager', 'rep', 'distributor', 'retailer', 'marketing', 'service', 'driver'));
alter table org_mfa_required_roles drop constraint org_mfa_required_roles_role_check;
alter table org_mfa_required_roles add constraint org_mfa_required_roles_role_check
  check (role in ('admin', 'manager', 'rep', 'distributor', 'retailer', 'marketing', 'service', 'driver'));
create index users_distributor_role_idx on users (org_id, distributor_id, role) where distributor_id is not null;

-- A distributor's van, pickup or rickshaw-van. Capacity in grams and cubic centimetres; a null volume capacity
-- is not checked.
create table vehicles (
  org_id          uuid not null references orgs (id),
  id              uuid not null,
  distributor_id  uuid not null,
  -- Upper-case, single-spaced (e.g. 'DHAKA METRO-NA 11-2345'): the same plate typed twice is one vehicle.
  reg_no          text not null check (reg_no <> ''),
  name            text not null,
  capacity_g      bigint not null check (capacity_g > 0),
  capacity_cm3    bigint check (capacity_cm3 is null or capacity_cm3 > 0),
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  archived_at     timestamptz,
  primary key (org_id, id),
  unique (org_id, reg_no),
  foreign key (org_id, distributor_id) references distributors (org_id, id)
);
create index vehicles_distributor_idx on vehicles (org_id, distributor_id);

-- One run of one vehicle on one day. planned -> dispatched -> completed; a planned trip may be cancelled.
create table delivery_trips (
  org_id            uuid not null references orgs (id),
  id                uuid not null,
  -- Gap-free 'TRP-0000001' from document_counters (series 'TRP').
  number            text not null,
  distributor_id    uuid not null,
  vehicle_id        uuid not null,
  driver_user_id    uuid not null,
  trip_date         date not null,
  route_id          uuid,
  status            text not null default 'planned' check (status in ('planned', 'dispatched', 'completed', 'cancelled')),
  note              text,
  cancel_reason     text,
  dispatched_at     timestamptz,
  completed_at      timestamptz,
  cancelled_at      timestamptz,
  -- The driver's last reported position (live status); no history is kept.
  last_lat          double precision check (last_lat is null or last_lat between -90 and 90),
  last_lng          double precision check (last_lng is null or last_lng between -180 and 180),
  last_located_at   timestamptz,
  created_by        uuid,
  created_at        timestamptz not null default now(),
  updated_at        timestamptz not null default now(),
  primary key (org_id, id),
  unique (org_id, number),
  foreign key (org_id, distributor_id) references distributors (org_id, id),
  foreign key (org_id, vehicle_id) references vehicles (org_id, id),
  foreign key (org_id, driver_user_id) references users (org_id, id),
  foreign key (org_id, route_id) references territories (org_id, id),
  check (status <> 'cancelled' or cancelled_at is not null)
);
create index delivery_trips_distributor_date_idx on delivery_trips (org_id, distributor_id, trip_date);
create index delivery_trips_driver_date_idx on delivery_trips (org_id, driver_user_id, trip_date);
create index delivery_trips_date_idx on delivery_trips (org_id, trip_date);

-- One order on one trip, in the driver's visiting order (seq). The outcome's figures are kept on the drop
-- (ordered and delivered quantity and value as they were at the door), so metrics never change when the order
-- is later delivered on another trip or returned.
create table delivery_drops (
  org_id                  uuid not null references orgs (id),
  id                      uuid not null,
  trip_id                 uuid not null,
  order_id                uuid not null,
  seq                     integer not null check (seq >= 1),
  status                  text not null default 'pending' check (status in ('pending', 'delivered', 'partially_delivered', 'failed')),
  failure_reason          text check (failure_reason in ('outlet_closed', 'refused', 'no_cash', 'not_reachable', 'wrong_items', 'vehicle_problem', 'other')),
  failure_note            text,
  receiver_name           text,
  pod_kind                text check (pod_kind in ('signature', 'photo')),
  pod_image               bytea check (pod_image is null or octet_length(pod_image) <= 2097152),
  pod_mime                text check (pod_mime in ('image/png', 'image/jpeg', 'image/webp')),
  cash_collected_poisha   bigint not null default 0 check (cash_collected_poisha >= 0),
  payment_id              uuid,
  ordered_qty             integer,
  delivered_qty           integer,
  ordered_poisha          bigint,
  delivered_poisha        bigint,
  lat                     double precision check (lat is null or lat between -90 and 90),
  lng                     double precision check (lng is null or lng between -180 and 180),
  completed_at            timestamptz,
  completed_by            uuid,
  created_at              timestamptz not null default now(),
  updated_at              timestamptz not null default now(),
  primary key (org_id, id),
  unique (org_id, trip_id, order_id),
  foreign key (org_id, trip_id) references delivery_trips (org_id, id),
  foreign key (org_id, order_id) references secondary_orders (org_id, id),
  foreign key (org_id, payment_id) references payments (org_id, id),
  check ((status = 'failed') = (failure_reason is not null)),
  check (status = 'pending' or completed_at is not null),
  check (status not in ('delivered', 'partially_delivered')
         or (receiver_name is not null and pod_kind is not null and pod_image is not null and pod_mime is not null))
);
-- An order waits on at most one trip at a time.
create unique index delivery_drops_pending_order_key on delivery_drops (org_id, order_id) where status = 'pending';
create index delivery_drops_trip_idx on delivery_drops (org_id, trip_id, seq);
create index delivery_drops_completed_idx on delivery_drops (org_id, completed_at) where completed_at is not null;
