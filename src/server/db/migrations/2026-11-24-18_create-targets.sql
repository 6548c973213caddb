-- Sales targets (S9): what a rep, distributor, territory or outlet should sell in a month or a quarter, by metric.
-- Achievement is never stored: it is computed from the orders when read, so it is always current. A target is set
-- by hand, imported from a CSV, or split top-down from a parent territory's target by last year's shares.
create table targets (
  org_id        uuid not null references orgs (id),
  id            uuid not null,
  period_kind   text not null check (period_kind in ('month', 'quarter')),
  -- The first day of the month or quarter (a business date, Asia/Dhaka).
  period_start  date not null,
  subject_kind  text not null check (subject_kind in ('rep', 'distributor', 'territory', 'outlet')),
  -- A user (rep), distributor, territory or outlet of the org, by subject_kind.
  subject_id    uuid not null,
  metric        text not null check (metric in ('value', 'volume', 'focus_sku', 'new_outlets', 'coverage')),
  -- Only a focus-SKU target names its SKU.
  sku_id        uuid,
  -- value: poisha; volume and focus_sku: base units; new_outlets: a count; coverage: basis points of outlets.
  target_value  bigint not null check (target_value >= 0 and target_value <= 100000000000000),
  source        text not null check (source in ('manual', 'csv', 'split')),
  set_by        uuid,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, sku_id) references skus (org_id, id),
  check (extract(day from period_start) = 1),
  check (period_kind = 'month' or extract(month from period_start) in (1, 4, 7, 10)),
  check ((metric = 'focus_sku') = (sku_id is not null)),
  check (metric <> 'coverage' or target_value <= 10000)
);
-- One target per subject, period and metric (and SKU for focus SKUs); a null SKU is one value here (PostgreSQL 15+).
create unique index targets_subject_key on targets
  (org_id, period_kind, period_start, subject_kind, subject_id, metric, sku_id) nulls not distinct;
create index targets_period_idx on targets (org_id, period_start, period_kind);
