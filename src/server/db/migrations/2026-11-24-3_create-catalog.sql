-- Catalog and prices (S2). Quantities everywhere are integers in the SKU's base unit (usually a piece);
-- pack sizes convert. Prices are integer poisha per base unit; margins are basis points off MRP.

create table brands (
  org_id      uuid not null references orgs (id),
  id          uuid not null,
  code        text not null,
  name        text not null,
  name_bn     text not null,
  created_at  timestamptz not null default now(),
  archived_at timestamptz,
  primary key (org_id, id),
  unique (org_id, code)
);

create table categories (
  org_id      uuid not null references orgs (id),
  id          uuid not null,
  parent_id   uuid,
  code        text not null,
  name        text not null,
  name_bn     text not null,
  created_at  timestamptz not null default now(),
  archived_at timestamptz,
  primary key (org_id, id),
  unique (org_id, code),
  foreign key (org_id, parent_id) references categories (org_id, id)
);

create table skus (
  org_id        uuid not null references orgs (id),
  id            uuid not null,
  code          text not null,
  name          text not null,
  name_bn       text not null,
  brand_id      uuid not null,
  category_id   uuid not null,
  barcode       text,
  base_unit     text not null default 'piece',
  -- VAT in basis points (1500 = 15 %).
  vat_rate_bp   integer not null default 0 check (vat_rate_bp between 0 and 10000),
  -- When set, secondary orders must be whole multiples of this pack (e.g. 'case').
  sell_by_unit  text,
  search_text   text not null default '',
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  archived_at   timestamptz,
  primary key (org_id, id),
  unique (org_id, code),
  foreign key (org_id, brand_id) references brands (org_id, id),
  foreign key (org_id, category_id) references categories (org_id, id)
);
create unique index skus_barcode_key on skus (org_id, barcode) where barcode is not null;
create index skus_brand_idx on skus (org_id, brand_id);

-- A pack size of a SKU: 'piece' (factor 1), 'pack' (e.g. 12), 'case' (e.g. 144 = 12 packs of 12 pieces).
create table sku_units (
  org_id      uuid not null references orgs (id),
  sku_id      uuid not null,
  unit        text not null check (unit ~ '^[a-z][a-z0-9_-]{0,19}$'),
  name        text not null,
  name_bn     text not null,
  factor      integer not null check (factor >= 1),
  primary key (org_id, sku_id, unit),
  foreign key (org_id, sku_id) references skus (org_id, id)
);

-- A price list applies to orders by channel and outlet class (tier), optionally only in a territory subtree
-- (a region override) or for one distributor; the most specific list in force on the order date wins.
create table price_lists (
  org_id          uuid not null references orgs (id),
  id              uuid not null,
  code            text not null,
  name            text not null,
  name_bn         text not null,
  channel         text,
  tier            text check (tier is null or tier in ('A', 'B', 'C')),
  territory_id    uuid,
  distributor_id  uuid,
  valid_from      date not null,
  valid_to        date,
  prices_include_vat boolean not null default false,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  archived_at     timestamptz,
  primary key (org_id, id),
  unique (org_id, code),
  check (valid_to is null or valid_to >= valid_from),
  foreign key (org_id, territory_id) references territories (org_id, id),
  foreign key (org_id, distributor_id) references distributors (org_id, id)
);

-- The price chain of the trade: MRP, then the retailer's and the distributor's price, each either flat
-- (poisha per base unit) or as a margin off MRP in basis points.
create table price_list_items (
  org_id                    uuid not null references orgs (id),
  price_list_id             uuid not null,
  sku_id                    uuid not null,
  mrp_poisha                bigint not null check (mrp_poisha >= 0),
  retailer_price_poisha     bigint check (retailer_price_poisha >= 0),
  retailer_margin_bp        integer check (retailer_margin_bp between 0 and 10000),
  distributor_price_poisha  bigint check (distributor_price_poisha >= 0),
  distributor_margin_bp     integer check (distributor_margin_bp between 0 and 10000),
  primary key (org_id, price_list_id, sku_id),
  check ((retailer_price_poisha is null) <> (retailer_margin_bp is null)),
  check ((distributor_price_poisha is null) <> (distributor_margin_bp is null)),
  foreign key (org_id, price_list_id) references price_lists (org_id, id),
  foreign key (org_id, sku_id) references skus (org_id, id)
);
create index price_list_items_sku_idx on price_list_items (org_id, sku_id);
