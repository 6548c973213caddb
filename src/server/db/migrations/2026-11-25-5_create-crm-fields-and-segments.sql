-- CRM custom fields and saved segments (C2). An org defines its own fields on contacts, accounts, leads and deals;
-- their values live in each record's `custom` jsonb under the field's key. A segment is a saved filter over the
-- contact or account list, private to its owner or shared with the org.
create table crm_custom_fields (
  org_id      uuid not null references orgs (id),
  id          uuid not null,
  entity      text not null check (entity in ('contact', 'account', 'lead', 'deal')),
  key         text not null check (key ~ '^[a-z][a-z0-9_]{0,39}$'),
  label_en    text not null,
  label_bn    text not null,
  type        text not null check (type in ('text', 'number', 'date', 'choice')),
  -- For choice fields: [{ key, labelEn, labelBn }].
  options     jsonb not null default '[]',
  required    boolean not null default false,
  position    integer not null default 0,
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now(),
  archived_at timestamptz,
  primary key (org_id, id),
  unique (org_id, entity, key)
);

create table crm_segments (
  org_id        uuid not null references orgs (id),
  id            uuid not null,
  entity        text not null check (entity in ('contact', 'account')),
  name          text not null check (length(name) between 1 and 120),
  -- { all: [{ field, op, value }] }, checked against the fields when saved and again when used.
  filter        jsonb not null,
  shared        boolean not null default false,
  owner_user_id uuid,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  archived_at   timestamptz,
  primary key (org_id, id),
  foreign key (org_id, owner_user_id) references users (org_id, id)
);
create index crm_segments_entity_idx on crm_segments (org_id, entity);
create index accounts_list_idx on accounts (org_id, kind, name);
create index contacts_list_idx on contacts (org_id, name);
