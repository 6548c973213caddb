-- Distributor claims (issue 8): a distributor funds a claimable scheme on its memos and claims the cost back from
-- the company. A claim carries one line per (order, scheme) item of delivered memos in its period, plus adjustment
-- lines (negative after a return) for items claimed before. The company reviews it (approve, possibly for less, or
-- dispute), the distributor answers a dispute or withdraws the claim (its lines are released and claimable again),
-- and head office settles an approved claim with a payment reference.

create table scheme_claims (
  org_id             uuid not null references orgs (id),
  id                 uuid not null,
  number             text not null,
  distributor_id     uuid not null,
  period_from        date not null,
  period_to          date not null,
  status             text not null default 'draft'
                     check (status in ('draft', 'submitted', 'approved', 'disputed', 'withdrawn', 'settled')),
  -- The sum of the lines (negative only when returns outweigh the period's new items).
  claimed_poisha     bigint not null,
  -- What the company accepted; the rest is rejected for good (never claimable again).
  approved_poisha    bigint,
  rejected_poisha    bigint not null default 0 check (rejected_poisha >= 0),
  rejection_reason   text,
  payment_reference  text,
  paid_on            date,
  line_count         integer not null check (line_count > 0),
  note               text,
  created_by         uuid,
  created_at         timestamptz not null default now(),
  updated_at         timestamptz not null default now(),
  submitted_at       timestamptz,
  reviewed_at        timestamptz,
  settled_at         timestamptz,
  primary key (org_id, id),
  unique (org_id, number),
  foreign key (org_id, distributor_id) references distributors (org_id, id),
  check (period_to >= period_from),
  check (approved_poisha is null or approved_poisha = claimed_poisha - rejected_poisha),
  check (status not in ('approved', 'settled') or approved_poisha is not null),
  check (status <> 'settled' or (payment_reference is not null and paid_on is not null))
);
create index scheme_claims_distributor_idx on scheme_claims (org_id, distributor_id, id desc);
create index scheme_claims_status_idx on scheme_claims (org_id, status, id desc);

create table scheme_claim_lines (
  org_id         uuid not null references orgs (id),
  claim_id       uuid not null,
  line_no        integer not null check (line_no > 0),
  order_id       uuid not null,
  scheme_id      uuid not null,
  order_number   text not null,
  scheme_code    text not null,
  order_date     date not null,
  -- claim: the item's first claim; adjustment: the difference found later (a return after claiming).
  kind           text not null check (kind in ('claim', 'adjustment')),
  amount_poisha  bigint not null check (amount_poisha <> 0 and (kind = 'adjustment' or amount_poisha > 0)),
  -- False once the claim is withdrawn: the item is claimable again.
  active         boolean not null default true,
  primary key (org_id, claim_id, line_no),
  foreign key (org_id, claim_id) references scheme_claims (org_id, id),
  foreign key (org_id, order_id) references secondary_orders (org_id, id),
  foreign key (org_id, scheme_id) references promo_schemes (org_id, id)
);
-- Nothing is claimed twice: an item's first claim exists once among the claims not withdrawn.
create unique index scheme_claim_lines_item_uq on scheme_claim_lines (org_id, order_id, scheme_id)
  where kind = 'claim' and active;
-- What the claims not withdrawn carry per item: the builder's read.
create index scheme_claim_lines_item_idx on scheme_claim_lines (org_id, order_id, scheme_id) where active;

-- Every transition of a claim, with who and why.
create table scheme_claim_events (
  org_id         uuid not null references orgs (id),
  id             uuid not null,
  claim_id       uuid not null,
  from_status    text,
  to_status      text not null,
  actor_user_id  uuid,
  note           text,
  amount_poisha  bigint,
  at             timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, claim_id) references scheme_claims (org_id, id)
);
create index scheme_claim_events_claim_idx on scheme_claim_events (org_id, claim_id, id);
