-- Demand forecasting (A3), replenishment (S5) and stock alerts. Forecasts are recomputed by a daily job from the
-- sales rollups (secondary sell-out per distributor x SKU x day); plans are computed from a forecast and the stock
-- as it stands when read, so they never go stale; proposals and alerts are what the daily job found that day.

-- The company's policy. One row per org, created with defaults on first read or write.
create table replenishment_settings (
  org_id            uuid primary key references orgs (id),
  -- Probability of not running out during a replenishment cycle (cycle service level) -> safety stock.
  service_level     numeric(5, 4) not null default 0.95 check (service_level >= 0.5 and service_level <= 0.999),
  -- How often a distributor orders from the company (the review period R of an (R, S) policy).
  review_days       integer not null default 7 check (review_days between 1 and 60),
  -- Days from a primary order's submission to its receipt, when a distributor has no history of its own.
  lead_time_days    integer not null default 3 check (lead_time_days between 0 and 90),
  -- More cover than this is over-stock.
  max_cover_days    integer not null default 45 check (max_cover_days between 7 and 365),
  -- Batches expiring within this many days are near expiry.
  near_expiry_days  integer not null default 30 check (near_expiry_days between 1 and 365),
  -- Days of sell-out history a forecast is fitted on.
  history_days      integer not null default 365 check (history_days between 56 and 1095),
  -- Proposals go straight to the company as submitted primary orders, without a person approving them.
  auto_submit       boolean not null default false,
  updated_by        uuid,
  updated_at        timestamptz not null default now()
);

-- A distributor's own lead time and review period, overriding the company's (e.g. a far-away depot).
create table distributor_replenishment (
  org_id          uuid not null references orgs (id),
  distributor_id  uuid not null,
  lead_time_days  integer check (lead_time_days between 0 and 90),
  review_days     integer check (review_days between 1 and 60),
  -- No proposals for this distributor (e.g. it is being closed).
  paused          boolean not null default false,
  updated_at      timestamptz not null default now(),
  primary key (org_id, distributor_id),
  foreign key (org_id, distributor_id) references distributors (org_id, id)
);

-- Known peaks (Eid, Puja, Pohela Boishakh, a national campaign): the forecast learns their uplift from past
-- occurrences and applies it to future ones.
create table demand_events (
  org_id      uuid not null references orgs (id),
  id          uuid not null,
  name        text not null,
  name_bn     text not null,
  starts_on   date not null,
  ends_on     date not null,
  created_at  timestamptz not null default now(),
  primary key (org_id, id),
  check (ends_on >= starts_on and ends_on - starts_on <= 60)
);
create index demand_events_dates_idx on demand_events (org_id, starts_on);

-- The latest forecast of each distributor x SKU series, with its backtest.
create table demand_forecasts (
  org_id          uuid not null references orgs (id),
  distributor_id  uuid not null,
  sku_id          uuid not null,
  -- The first forecast day (the day after the last complete day of history) and one mean per day from it.
  forecast_from   date not null,
  daily           real[] not null,
  method          text not null check (method in ('holt_winters', 'ses', 'sba', 'croston', 'seasonal_naive', 'zero')),
  demand_kind     text not null check (demand_kind in ('smooth', 'erratic', 'intermittent', 'lumpy', 'none')),
  avg_daily       double precision not null,
  sigma_daily     double precision not null,
  history_days    integer not null,
  demand_days     integer not null,
  -- Backtest over the last weeks of history: MASE of the method and of the seasonal-naive forecast (both scaled by
  -- the in-sample seasonal-naive error) and the ratio of their errors; null when the series is too short or flat.
  mase            double precision,
  naive_mase      double precision,
  relative_mae    double precision,
  params          jsonb not null default '{}',
  computed_at     timestamptz not null,
  primary key (org_id, distributor_id, sku_id),
  foreign key (org_id, distributor_id) references distributors (org_id, id),
  foreign key (org_id, sku_id) references skus (org_id, id)
);

create table forecast_runs (
  org_id              uuid not null references orgs (id),
  id                  uuid not null,
  started_at          timestamptz not null,
  finished_at         timestamptz not null,
  series              integer not null,
  backtested          integer not null,
  median_mase         double precision,
  median_naive_mase   double precision,
  median_relative_mae double precision,
  methods             jsonb not null default '{}',
  primary key (org_id, id)
);
create index forecast_runs_recent_idx on forecast_runs (org_id, started_at desc);

-- What the daily job proposes a distributor orders from the company. Approving makes it a submitted primary
-- order; a newer proposal supersedes an open one.
create table replenishment_proposals (
  org_id            uuid not null references orgs (id),
  id                uuid not null,
  distributor_id    uuid not null,
  proposed_on       date not null,
  status            text not null check (status in ('open', 'approved', 'dismissed', 'superseded')),
  line_count        integer not null,
  total_poisha      bigint not null,
  primary_order_id  uuid,
  decided_by        uuid,
  decided_at        timestamptz,
  decision_note     text,
  created_at        timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, distributor_id) references distributors (org_id, id),
  foreign key (org_id, primary_order_id) references primary_orders (org_id, id)
);
create unique index replenishment_proposals_open_key on replenishment_proposals (org_id, distributor_id)
  where status = 'open';
create index replenishment_proposals_recent_idx on replenishment_proposals (org_id, proposed_on desc);

-- One line per SKU, with the plan figures that justify it (so the proposal explains itself later too).
create table replenishment_proposal_lines (
  org_id            uuid not null references orgs (id),
  proposal_id       uuid not null,
  sku_id            uuid not null,
  qty               integer not null check (qty > 0),
  unit              text not null,
  unit_factor       integer not null check (unit_factor >= 1),
  unit_price_poisha bigint not null,
  on_hand           integer not null,
  reserved          integer not null,
  on_order          integer not null,
  avg_daily         double precision not null,
  safety_stock      integer not null,
  reorder_point     integer not null,
  order_up_to       integer not null,
  days_of_cover     double precision,
  lead_time_days    integer not null,
  primary key (org_id, proposal_id, sku_id),
  foreign key (org_id, proposal_id) references replenishment_proposals (org_id, id),
  foreign key (org_id, sku_id) references skus (org_id, id)
);

-- Stock alerts as of the latest refresh (replaced whole, in one transaction).
create table stock_alerts (
  org_id          uuid not null references orgs (id),
  id              uuid not null,
  distributor_id  uuid not null,
  sku_id          uuid not null,
  kind            text not null check (kind in ('stock_out', 'at_risk', 'over_stock', 'near_expiry')),
  batch_id        uuid,
  -- Sorts the worst first within a kind (days short, days over, days to expiry inverted...).
  severity        integer not null,
  detail          jsonb not null default '{}',
  detected_on     date not null,
  primary key (org_id, id),
  foreign key (org_id, distributor_id) references distributors (org_id, id),
  foreign key (org_id, sku_id) references skus (org_id, id),
  foreign key (org_id, batch_id) references stock_batches (org_id, id)
);
create index stock_alerts_distributor_idx on stock_alerts (org_id, distributor_id, kind);

create table stock_alert_runs (
  org_id        uuid primary key references orgs (id),
  generated_at  timestamptz not null,
  detected_on   date not null
);
