-- A budgeted scheme's running spend (promo_schemes.spent_poisha) follows its active grants, and is charged when the
-- order that made the grant commits, not while the order is being written. Every order that uses a budgeted scheme
-- must lock that scheme's row to grow its spend; taken mid-transaction, the lock was held through the order's last
-- statements and its commit (round trips through a busy app server, several milliseconds), and every order drawing on
-- the same budget queued behind it. A deferred trigger takes the lock inside COMMIT itself, so it is held only while
-- the commit record is written.
--
-- The order checks for room first (scheme-budget.ts); two orders that both saw room for the last of a budget meet
-- here, and the one that no longer fits fails its commit as a serialization failure (40001). The transaction is then
-- run again (db/transaction.ts) with fresh figures, and prices the memo without the scheme. The column's check
-- (spent <= budget) stays the last line of defence.

-- Whether the grant counts against its scheme's budget: set for a scheme that has one when the grant is made, and for
-- every active grant when a budget is set later (its spend starts from what they cost). Grants of schemes without a
-- budget fire nothing: their spend is the sum of their grants, read when shown.
alter table promo_grants add column charges_budget boolean not null default false;
update promo_grants g set charges_budget = true
from promo_schemes s
where s.org_id = g.org_id and s.id = g.scheme_id and s.budget_poisha is not null;

create function promo_grant_charge_budget() returns trigger
language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    update promo_schemes set spent_poisha = spent_poisha + new.cost_poisha
    where org_id = new.org_id and id = new.scheme_id
      and budget_poisha is not null and spent_poisha + new.cost_poisha <= budget_poisha;
    if not found and exists (
      select 1 from promo_schemes
      where org_id = new.org_id and id = new.scheme_id and budget_poisha is not null
    ) then
      raise exception 'the budget of scheme % was used up by another order', new.scheme_id
        using errcode = 'serialization_failure', hint = 'promo_budget';
    end if;
  else
    -- The grant was released (its order cancelled): its cost goes back.
    update promo_schemes set spent_poisha = greatest(spent_poisha - old.cost_poisha, 0)
    where org_id = old.org_id and id = old.scheme_id and budget_poisha is not null;
  end if;
  return null;
end $$;

-- Row events fire in the order they happened: grants are inserted (and released) in scheme-id order, so two commits
-- lock the budgets they share in the same order and never wait on each other crosswise.
create constraint trigger promo_grants_charge_budget
  after insert on promo_grants
  deferrable initially deferred
  for each row when (new.charges_budget and new.status = 'active')
  execute function promo_grant_charge_budget();

create constraint trigger promo_grants_release_budget
  after update of status on promo_grants
  deferrable initially deferred
  for each row when (old.charges_budget and old.status = 'active' and new.status = 'released')
  execute function promo_grant_charge_budget();

-- A grant's organisation, outlet and distributor are its order's, which the order's own keys already hold to: checking
-- them again on each of an order's grants (several per order, in the busiest transaction there is) bought nothing.
alter table promo_grants
  drop constraint promo_grants_org_id_fkey,
  drop constraint promo_grants_org_id_outlet_id_fkey,
  drop constraint promo_grants_org_id_distributor_id_fkey;
