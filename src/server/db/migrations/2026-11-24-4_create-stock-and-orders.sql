-- Distributor stock (S5 ledger), secondary orders (S3), primary orders (S4), and the receivables ledger.
-- Stock and money change only by appending ledger rows; the balance tables are caches updated in the same
-- transaction and checked against their ledgers in tests.

-- Gap-free numbers per org, series (e.g. 'SO', 'PO', 'RET') and, for invoices, per distributor.
create table document_counters (
  org_id      uuid not null references orgs (id),
  series      text not null,
  next_value  bigint not null,
  primary key (org_id, series)
);

create table stock_batches (
  org_id          uuid not null references orgs (id),
  id              uuid not null,
  distributor_id  uuid not null,
  sku_id          uuid not null,
  batch_no        text not null,
  expiry_date     date,
  created_at      timestamptz not null default now(),
  primary key (org_id, id),
  unique (org_id, distributor_id, sku_id, batch_no),
  foreign key (org_id, distributor_id) references distributors (org_id, id),
  foreign key (org_id, sku_id) references skus (org_id, id)
);

-- The ledger. on_hand_delta moves saleable stock, reserved_delta moves reservations for confirmed orders,
-- damaged_delta moves stock returned unsaleable. Every row names the document that caused it.
create table stock_movements (
  org_id          uuid not null references orgs (id),
  id              uuid not null,
  distributor_id  uuid not null,
  sku_id          uuid not null,
  batch_id        uuid,
  kind            text not null check (kind in ('opening', 'receipt', 'reservation', 'release', 'issue', 'return', 'adjustment', 'transfer_in', 'transfer_out')),
  on_hand_delta   integer not null default 0,
  reserved_delta  integer not null default 0,
  damaged_delta   integer not null default 0,
  reason          text,
  ref_type        text,
  ref_id          uuid,
  created_by      uuid,
  created_at      timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, distributor_id) references distributors (org_id, id),
  foreign key (org_id, sku_id) references skus (org_id, id),
  foreign key (org_id, batch_id) references stock_batches (org_id, id)
);
create index stock_movements_sku_idx on stock_movements (org_id, distributor_id, sku_id, id);
create index stock_movements_ref_idx on stock_movements (org_id, ref_type, ref_id);

-- Cached sums of the ledger per distributor x SKU. The checks make overselling impossible even if a bug
-- slipped past the service: a reservation that would exceed on-hand fails inside the database.
create table stock_balances (
  org_id          uuid not null references orgs (id),
  distributor_id  uuid not null,
  sku_id          uuid not null,
  on_hand         integer not null default 0 check (on_hand >= 0),
  reserved        integer not null default 0 check (reserved >= 0),
  damaged         integer not null default 0 check (damaged >= 0),
  updated_at      timestamptz not null default now(),
  primary key (org_id, distributor_id, sku_id),
  check (reserved <= on_hand),
  foreign key (org_id, distributor_id) references distributors (org_id, id),
  foreign key (org_id, sku_id) references skus (org_id, id)
);

create table stock_batch_balances (
  org_id          uuid not null references orgs (id),
  batch_id        uuid not null,
  distributor_id  uuid not null,
  sku_id          uuid not null,
  on_hand         integer not null default 0 check (on_hand >= 0),
  damaged         integer not null default 0 check (damaged >= 0),
  primary key (org_id, batch_id),
  foreign key (org_id, batch_id) references stock_batches (org_id, id)
);
create index stock_batch_balances_sku_idx on stock_batch_balances (org_id, distributor_id, sku_id);

-- A physical count: lines record what was counted against what the ledger said; the differences were
-- appended as adjustments in the same transaction.
create table stock_counts (
  org_id          uuid not null references orgs (id),
  id              uuid not null,
  distributor_id  uuid not null,
  reason          text not null,
  created_by      uuid,
  created_at      timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, distributor_id) references distributors (org_id, id)
);

create table stock_count_lines (
  org_id          uuid not null references orgs (id),
  count_id        uuid not null,
  line_no         integer not null,
  sku_id          uuid not null,
  batch_id        uuid,
  system_qty      integer not null,
  counted_qty     integer not null check (counted_qty >= 0),
  primary key (org_id, count_id, line_no),
  foreign key (org_id, count_id) references stock_counts (org_id, id)
);

-- A memo: one outlet's order from its distributor.
create table secondary_orders (
  org_id            uuid not null references orgs (id),
  id                uuid not null,
  number            text not null,
  outlet_id         uuid not null,
  distributor_id    uuid not null,
  -- Copied from the assignments in force on order_date, so reassignments never move past sales.
  route_id          uuid,
  territory_path    text not null,
  rep_user_id       uuid,
  created_by        uuid,
  source            text not null check (source in ('rep', 'portal', 'retailer', 'api', 'admin')),
  status            text not null check (status in ('draft', 'confirmed', 'invoiced', 'dispatched', 'delivered', 'partially_delivered', 'cancelled', 'returned')),
  order_date        date not null,
  requested_delivery_date date,
  price_list_id     uuid,
  subtotal_poisha   bigint not null default 0,
  discount_poisha   bigint not null default 0,
  vat_poisha        bigint not null default 0,
  total_poisha      bigint not null default 0,
  delivered_total_poisha bigint not null default 0,
  returned_total_poisha  bigint not null default 0,
  line_count        integer not null default 0,
  note              text,
  cancel_reason     text,
  invoice_number    text,
  confirmed_at      timestamptz,
  invoiced_at       timestamptz,
  dispatched_at     timestamptz,
  delivered_at      timestamptz,
  cancelled_at      timestamptz,
  created_at        timestamptz not null default now(),
  updated_at        timestamptz not null default now(),
  primary key (org_id, id),
  unique (org_id, number),
  foreign key (org_id, outlet_id) references outlets (org_id, id),
  foreign key (org_id, distributor_id) references distributors (org_id, id),
  foreign key (org_id, route_id) references territories (org_id, id)
);
create index secondary_orders_outlet_idx on secondary_orders (org_id, outlet_id, order_date desc);
create index secondary_orders_distributor_idx on secondary_orders (org_id, distributor_id, status, id desc);
create index secondary_orders_path_idx on secondary_orders (org_id, territory_path text_pattern_ops, order_date);
create index secondary_orders_date_idx on secondary_orders (org_id, order_date, id);

create table secondary_order_lines (
  org_id              uuid not null references orgs (id),
  order_id            uuid not null,
  line_no             integer not null,
  sku_id              uuid not null,
  -- What the user typed (e.g. 2 'case') and what it is in base units.
  entered_qty         integer not null,
  entered_unit        text not null,
  qty                 integer not null check (qty > 0),
  unit_price_poisha   bigint not null,
  gross_poisha        bigint not null,
  discount_poisha     bigint not null default 0,
  vat_rate_bp         integer not null,
  vat_poisha          bigint not null,
  total_poisha        bigint not null,
  delivered_qty       integer not null default 0,
  returned_qty        integer not null default 0,
  -- The schemes that applied to this line and what they gave (filled by the promotions module).
  adjustments         jsonb,
  primary key (org_id, order_id, line_no),
  foreign key (org_id, order_id) references secondary_orders (org_id, id),
  foreign key (org_id, sku_id) references skus (org_id, id)
);
create index secondary_order_lines_sku_idx on secondary_order_lines (org_id, sku_id);

create table secondary_order_events (
  org_id      uuid not null references orgs (id),
  id          uuid not null,
  order_id    uuid not null,
  from_status text,
  to_status   text not null,
  actor_user_id uuid,
  note        text,
  at          timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, order_id) references secondary_orders (org_id, id)
);
create index secondary_order_events_order_idx on secondary_order_events (org_id, order_id, id);

create table order_returns (
  org_id          uuid not null references orgs (id),
  id              uuid not null,
  number          text not null,
  order_id        uuid not null,
  reason          text not null,
  total_poisha    bigint not null,
  created_by      uuid,
  created_at      timestamptz not null default now(),
  primary key (org_id, id),
  unique (org_id, number),
  foreign key (org_id, order_id) references secondary_orders (org_id, id)
);

create table order_return_lines (
  org_id          uuid not null references orgs (id),
  return_id       uuid not null,
  line_no         integer not null,
  sku_id          uuid not null,
  qty             integer not null check (qty > 0),
  condition       text not null check (condition in ('saleable', 'damaged')),
  amount_poisha   bigint not null,
  primary key (org_id, return_id, line_no, condition),
  foreign key (org_id, return_id) references order_returns (org_id, id)
);

-- Money owed by outlets to their distributor: debits on delivery, credits for payments and returns.
create table receivable_entries (
  org_id          uuid not null references orgs (id),
  id              uuid not null,
  outlet_id       uuid not null,
  distributor_id  uuid not null,
  order_id        uuid,
  payment_id      uuid,
  return_id       uuid,
  kind            text not null check (kind in ('invoice', 'payment', 'return', 'adjustment', 'reversal')),
  amount_poisha   bigint not null,
  entry_date      date not null,
  due_date        date,
  created_at      timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, outlet_id) references outlets (org_id, id),
  foreign key (org_id, distributor_id) references distributors (org_id, id)
);
create index receivable_entries_outlet_idx on receivable_entries (org_id, outlet_id, entry_date);
create index receivable_entries_distributor_idx on receivable_entries (org_id, distributor_id, entry_date);

create table payments (
  org_id          uuid not null references orgs (id),
  id              uuid not null,
  number          text not null,
  outlet_id       uuid not null,
  distributor_id  uuid not null,
  order_id        uuid,
  method          text not null check (method in ('cash', 'cheque', 'bkash', 'nagad', 'rocket', 'bank')),
  reference       text,
  amount_poisha   bigint not null check (amount_poisha > 0),
  received_on     date not null,
  received_by     uuid,
  status          text not null default 'received' check (status in ('received', 'bounced')),
  note            text,
  created_at      timestamptz not null default now(),
  primary key (org_id, id),
  unique (org_id, number),
  foreign key (org_id, outlet_id) references outlets (org_id, id),
  foreign key (org_id, distributor_id) references distributors (org_id, id)
);
create index payments_outlet_idx on payments (org_id, outlet_id, received_on desc);
create unique index payments_mobile_ref_key on payments (org_id, method, reference)
  where method in ('bkash', 'nagad', 'rocket') and status = 'received';

-- A distributor's order from the company.
create table primary_orders (
  org_id            uuid not null references orgs (id),
  id                uuid not null,
  number            text not null,
  distributor_id    uuid not null,
  status            text not null check (status in ('draft', 'submitted', 'approved', 'rejected', 'dispatched', 'received', 'cancelled')),
  order_date        date not null,
  subtotal_poisha   bigint not null default 0,
  vat_poisha        bigint not null default 0,
  total_poisha      bigint not null default 0,
  line_count        integer not null default 0,
  note              text,
  decision_note     text,
  created_by        uuid,
  approved_by       uuid,
  submitted_at      timestamptz,
  approved_at       timestamptz,
  dispatched_at     timestamptz,
  received_at       timestamptz,
  created_at        timestamptz not null default now(),
  updated_at        timestamptz not null default now(),
  primary key (org_id, id),
  unique (org_id, number),
  foreign key (org_id, distributor_id) references distributors (org_id, id)
);
create index primary_orders_distributor_idx on primary_orders (org_id, distributor_id, id desc);

create table primary_order_lines (
  org_id            uuid not null references orgs (id),
  order_id          uuid not null,
  line_no           integer not null,
  sku_id            uuid not null,
  entered_qty       integer not null,
  entered_unit      text not null,
  qty               integer not null check (qty > 0),
  unit_price_poisha bigint not null,
  gross_poisha      bigint not null,
  vat_rate_bp       integer not null,
  vat_poisha        bigint not null,
  total_poisha      bigint not null,
  received_qty      integer not null default 0,
  primary key (org_id, order_id, line_no),
  foreign key (org_id, order_id) references primary_orders (org_id, id),
  foreign key (org_id, sku_id) references skus (org_id, id)
);
