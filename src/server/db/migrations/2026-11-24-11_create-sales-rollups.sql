-- Sales rollups (A1): what the dashboards read instead of scanning order lines. Every figure is attributed to
-- the memo's order_date and to the territory (route path) and distributor the memo copied on that date, so
-- reassignments never move past sales.
--
-- Measures, all net of cancellations:
--   ordered    lines of memos that were confirmed (and not cancelled since): the booked secondary sales
--   delivered  what the distributor handed over; a short line's value is its total pro rata
--              (total x delivered_qty / qty, rounded), its quantity exact
--   returned   what came back (the return lines' own amounts)
--
-- The orders module queues a change (confirmed, cancelled, delivered, returned) in the same transaction as the
-- change itself; one worker at a time (an advisory lock) takes a batch off the queue, turns it into deltas and
-- adds them to every rollup in one transaction. `bikri analytics rebuild` recomputes the rollups from the orders.

create table sales_rollup_queue (
  org_id     uuid not null references orgs (id),
  id         bigint generated always as identity,
  order_id   uuid not null,
  change     text not null check (change in ('confirmed', 'cancelled', 'delivered', 'returned')),
  -- For 'returned': which return (an order can be taken back in several goes).
  return_id  uuid,
  queued_at  timestamptz not null default now(),
  primary key (org_id, id),
  check ((change = 'returned') = (return_id is not null))
);
-- The worker takes the oldest first, across organisations.
create index sales_rollup_queue_id_idx on sales_rollup_queue (id);

-- Day x route x distributor x SKU: products, brands and categories within any part of the tree.
create table sales_daily (
  org_id           uuid not null references orgs (id),
  day              date not null,
  territory_path   text not null,
  distributor_id   uuid not null,
  sku_id           uuid not null,
  order_lines      integer not null default 0,
  ordered_qty      bigint not null default 0,
  ordered_poisha   bigint not null default 0,
  delivered_qty    bigint not null default 0,
  delivered_poisha bigint not null default 0,
  returned_qty     bigint not null default 0,
  returned_poisha  bigint not null default 0,
  primary key (org_id, day, territory_path, distributor_id, sku_id),
  foreign key (org_id, distributor_id) references distributors (org_id, id),
  foreign key (org_id, sku_id) references skus (org_id, id)
);
create index sales_daily_path_idx on sales_daily (org_id, territory_path text_pattern_ops, day);
create index sales_daily_distributor_idx on sales_daily (org_id, distributor_id, day);

-- The same by calendar month (day = the 1st): a month of products nationally is one month's rows, not thirty days'.
create table sales_monthly (like sales_daily including defaults including constraints);
alter table sales_monthly add primary key (org_id, day, territory_path, distributor_id, sku_id);
alter table sales_monthly add foreign key (org_id) references orgs (id);
alter table sales_monthly add foreign key (org_id, distributor_id) references distributors (org_id, id);
alter table sales_monthly add foreign key (org_id, sku_id) references skus (org_id, id);
create index sales_monthly_path_idx on sales_monthly (org_id, territory_path text_pattern_ops, day);
create index sales_monthly_distributor_idx on sales_monthly (org_id, distributor_id, day);

-- Day x route x distributor, without products: the map, the tree, distributors and the time series.
create table territory_sales_daily (
  org_id           uuid not null references orgs (id),
  day              date not null,
  territory_path   text not null,
  distributor_id   uuid not null,
  orders           integer not null default 0,
  order_lines      integer not null default 0,
  ordered_qty      bigint not null default 0,
  ordered_poisha   bigint not null default 0,
  delivered_qty    bigint not null default 0,
  delivered_poisha bigint not null default 0,
  returned_qty     bigint not null default 0,
  returned_poisha  bigint not null default 0,
  primary key (org_id, day, territory_path, distributor_id),
  foreign key (org_id, distributor_id) references distributors (org_id, id)
);
create index territory_sales_daily_path_idx on territory_sales_daily (org_id, territory_path text_pattern_ops, day);

-- Day x outlet: outlet tables, coverage (ECO), drop size and the outlets that stopped ordering.
create table outlet_sales_daily (
  org_id           uuid not null references orgs (id),
  day              date not null,
  outlet_id        uuid not null,
  territory_path   text not null,
  distributor_id   uuid not null,
  orders           integer not null default 0,
  order_lines      integer not null default 0,
  ordered_qty      bigint not null default 0,
  ordered_poisha   bigint not null default 0,
  delivered_qty    bigint not null default 0,
  delivered_poisha bigint not null default 0,
  returned_qty     bigint not null default 0,
  returned_poisha  bigint not null default 0,
  primary key (org_id, day, outlet_id, territory_path, distributor_id),
  foreign key (org_id, outlet_id) references outlets (org_id, id),
  foreign key (org_id, distributor_id) references distributors (org_id, id)
);
create index outlet_sales_daily_outlet_idx on outlet_sales_daily (org_id, outlet_id, day);
create index outlet_sales_daily_path_idx on outlet_sales_daily (org_id, territory_path text_pattern_ops, day);
create index outlet_sales_daily_distributor_idx on outlet_sales_daily (org_id, distributor_id, day);

-- When the worker last applied a batch, per org: the dashboards show how fresh they are.
create table sales_rollup_state (
  org_id        uuid not null references orgs (id),
  applied_at    timestamptz,
  rebuilt_at    timestamptz,
  warnings_at   timestamptz,
  primary key (org_id)
);

-- Early warnings (A4), found once a day (and on demand) for the whole org; each manager reads the part in their
-- subtree. A new run replaces the previous one.
create table sales_warnings (
  org_id          uuid not null references orgs (id),
  id              uuid not null,
  kind            text not null check (kind in ('outlet_stopped', 'sku_falling', 'territory_behind')),
  subject_id      uuid not null,
  -- Where it belongs: the outlet's route, the territory itself, or the subtree a falling SKU was measured in.
  territory_path  text not null,
  distributor_id  uuid,
  severity        integer not null,
  detail          jsonb not null,
  detected_on     date not null,
  primary key (org_id, id),
  foreign key (org_id, distributor_id) references distributors (org_id, id)
);
create index sales_warnings_path_idx on sales_warnings (org_id, territory_path text_pattern_ops);
