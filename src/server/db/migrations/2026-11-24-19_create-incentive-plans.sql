-- Incentive and commission plans, and the statements computed from them (issue 8, item 5). A plan pays reps or
-- distributors on their net sales against their value target (marginal slabs with an accelerator, gates, a cap,
-- focus-SKU kickers); the arithmetic is src/server/incentives/commission-math.ts. A statement is one person's
-- figures for one period under one plan: a draft is recomputed at will, approval freezes its figures and lines,
-- and paid records the payout's reference. Returns against an approved statement's sales are clawed back by a
-- later statement.

create table incentive_plans (
  org_id        uuid not null references orgs (id),
  id            uuid not null,
  name          text not null check (length(name) between 1 and 200),
  name_bn       text not null check (length(name_bn) between 1 and 200),
  applies_to    text not null check (applies_to in ('rep', 'distributor')),
  -- Only the people of this subtree (their territory, or a distributor's); null: the whole organisation.
  territory_id  uuid,
  period_kind   text not null check (period_kind in ('month', 'quarter')),
  valid_from    date not null,
  valid_to      date,
  -- [{fromBp, toBp (null for the last), rateBp}], marginal bands of attainment; checked by the service.
  slabs         jsonb not null,
  -- [{metric: 'coverage' | 'attainment', minBp}]
  gates         jsonb not null default '[]',
  cap_poisha    bigint check (cap_poisha >= 0),
  -- [{skuId, bonusPoisha}]: a fixed bonus for each focus-SKU target reached.
  kickers       jsonb not null default '[]',
  created_by    uuid,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  archived_at   timestamptz,
  primary key (org_id, id),
  foreign key (org_id, territory_id) references territories (org_id, id),
  check (valid_to is null or valid_to >= valid_from)
);

create table incentive_statements (
  org_id                uuid not null references orgs (id),
  id                    uuid not null,
  plan_id               uuid not null,
  person_kind           text not null check (person_kind in ('rep', 'distributor')),
  -- A user (rep) or a distributor.
  person_id             uuid not null,
  person_name           text not null,
  -- The person's territory when computed: what a manager's subtree is matched against.
  territory_path        text,
  period_start          date not null,
  period_end            date not null,
  status                text not null default 'draft' check (status in ('draft', 'approved', 'paid')),
  net_sales_poisha      bigint not null,
  target_poisha         bigint,
  attainment_bp         integer,
  coverage_bp           integer,
  commission_poisha     bigint not null,
  kickers_poisha        bigint not null,
  cap_removed_poisha    bigint not null,
  clawback_poisha       bigint not null,
  payout_poisha         bigint not null check (payout_poisha >= 0),
  carry_forward_poisha  bigint not null check (carry_forward_poisha >= 0),
  -- The rate a later statement claws this one's returned sales back at, and how much of its sales later
  -- approved statements have clawed back so far.
  clawback_rate_bp      integer not null check (clawback_rate_bp between 0 and 10000),
  clawed_sales_poisha   bigint not null default 0 check (clawed_sales_poisha >= 0),
  gates_passed          boolean not null,
  -- [{code, label: {en, bn}, basis, amountPoisha}], summing to payout_poisha.
  lines                 jsonb not null,
  computed_at           timestamptz not null default now(),
  approved_by           uuid,
  approved_at           timestamptz,
  paid_by               uuid,
  paid_at               timestamptz,
  payout_reference      text check (length(payout_reference) between 1 and 100),
  primary key (org_id, id),
  foreign key (org_id, plan_id) references incentive_plans (org_id, id),
  unique (org_id, plan_id, person_id, period_start),
  check (period_end >= period_start),
  check ((status = 'draft') = (approved_at is null)),
  check ((status = 'paid') = (paid_at is not null))
);
create index incentive_statements_period_idx on incentive_statements (org_id, period_start, status);
create index incentive_statements_person_idx on incentive_statements (org_id, person_id, period_start);
