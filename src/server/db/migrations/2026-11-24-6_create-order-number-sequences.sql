-- Secondary order numbers come from one sequence per org instead of a counter row. A counter row stays
-- locked until its transaction commits, so every order of an org queued behind the one before it; a
-- sequence hands out the next number at once. Order numbers may have gaps (a rolled-back order uses one);
-- invoice serials, receipts and the other documents keep their gap-free counters in document_counters.

create function order_number_sequence(p_org uuid) returns text
language sql immutable as $$ select 'order_numbers_' || replace(p_org::text, '-', '') $$;

-- Creates the org's sequence on its first order; two first orders at once both end up using it.
create function ensure_order_number_sequence(p_org uuid) returns text
language plpgsql as $$
declare
  seq text := order_number_sequence(p_org);
begin
  if to_regclass(seq) is null then
    begin
      execute format('create sequence if not exists %I', seq);
    exception when unique_violation or duplicate_table then
      null; -- another transaction created it a moment ago
    end;
  end if;
  return seq;
end $$;

create function next_order_number(p_org uuid) returns bigint
language plpgsql as $$
begin
  return nextval(ensure_order_number_sequence(p_org)::regclass);
end $$;

-- After a bulk load: the next order number is p_last + 1.
create function set_last_order_number(p_org uuid, p_last bigint) returns void
language plpgsql as $$
begin
  if p_last > 0 then
    perform setval(ensure_order_number_sequence(p_org)::regclass, p_last, true);
  end if;
end $$;

-- Databases that already took order numbers from the counter continue where it stopped.
select set_last_order_number(org_id, next_value - 1) from document_counters where series = 'SO';
delete from document_counters where series = 'SO';
