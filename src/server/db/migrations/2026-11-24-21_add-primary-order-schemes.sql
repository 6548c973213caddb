-- Primary (distributor-facing) schemes price a distributor's order to the company like outlet memos: each line
-- keeps its discount and what each scheme gave; a free-goods line names the scheme that gave it.
alter table primary_order_lines add column discount_poisha bigint not null default 0;
alter table primary_order_lines add column adjustments jsonb;
alter table primary_order_lines add column free_of_scheme_id uuid;
alter table primary_order_lines
  add constraint primary_order_lines_free_of_scheme_fk
  foreign key (org_id, free_of_scheme_id) references promo_schemes (org_id, id);
alter table primary_orders add column discount_poisha bigint not null default 0;
