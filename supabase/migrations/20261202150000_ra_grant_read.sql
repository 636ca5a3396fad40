-- Read access for downstream apps, opt-in: ra_private.grant_read(role) lets one role (such as
-- authenticated) select the racing data: the ra_mst_* tables, the odds (ra_odds_live,
-- ra_odds_history, the ra_odds_historical view) and the statistics tables, each through a select
-- policy named ra_read_<role> and a table grant. Sync state (ra_sync_*, ra_api_*,
-- ra_odds_fetches, ra_odds_statistics), the raw archive, ra_data_quality and everything in
-- ra_private stay closed, apart from the private views and helper functions the data views read
-- through (they run as the reader: security_invoker). ra_private.revoke_read(role) undoes it.
-- Nothing here runs by itself: the default stays closed.

create function ra_private.readable_relations()
returns table (relation regclass, kind text)
language sql
stable
set search_path = ''
as $$
  select c.oid::regclass, case c.relkind when 'v' then 'view' else 'table' end
  from pg_catalog.pg_class c
  where c.relnamespace = 'public'::regnamespace
    and (
      (c.relkind in ('r', 'p') and (
        c.relname like 'ra\_mst\_%'
        or c.relname in ('ra_odds_live', 'ra_odds_history', 'ra_entity_combinations')
        or c.relname like 'ra\_performance\_by\_%'
        or c.relname like 'ra\_%\_statistics'))
      or (c.relkind = 'v' and c.relname in ('ra_odds_historical', 'ra_mst_race_results',
        'ra_horse_pedigree')))
  order by c.relname;
$$;
comment on function ra_private.readable_relations() is
  'The data tables and views ra_private.grant_read opens: ra_mst_* tables, ra_odds_live, '
  'ra_odds_history, the statistics tables (ra_*_statistics, ra_entity_combinations, '
  'ra_performance_by_*) and the views ra_odds_historical, ra_mst_race_results and '
  'ra_horse_pedigree. Never sync state (ra_sync_*, ra_api_*, ra_odds_fetches), the raw archive '
  'or ra_private.';

create function ra_private.readable_view_dependencies()
returns table (private_relation regclass, private_function regprocedure)
language sql
stable
set search_path = ''
as $$
  -- The data views run as their reader (security_invoker), so the reader needs the private
  -- views and functions they read through (ra_odds_historical: ra_private.runs, each-way terms).
  with recursive views (oid) as (
    select r.relation::oid from ra_private.readable_relations() r where r.kind = 'view'
    union
    select d.refobjid
    from views v
    join pg_catalog.pg_rewrite rw on rw.ev_class = v.oid
    join pg_catalog.pg_depend d
      on d.classid = 'pg_catalog.pg_rewrite'::regclass and d.objid = rw.oid
     and d.refclassid = 'pg_catalog.pg_class'::regclass
    join pg_catalog.pg_class c on c.oid = d.refobjid and c.relkind = 'v' and c.oid <> v.oid
  )
  select c.oid::regclass, null::regprocedure
  from views v join pg_catalog.pg_class c on c.oid = v.oid
  where c.relnamespace = 'ra_private'::regnamespace
  union
  select null::regclass, p.oid::regprocedure
  from views v
  join pg_catalog.pg_rewrite rw on rw.ev_class = v.oid
  join pg_catalog.pg_depend d
    on d.classid = 'pg_catalog.pg_rewrite'::regclass and d.objid = rw.oid
   and d.refclassid = 'pg_catalog.pg_proc'::regclass
  join pg_catalog.pg_proc p on p.oid = d.refobjid
  where p.pronamespace = 'ra_private'::regnamespace;
$$;
comment on function ra_private.readable_view_dependencies() is
  'The ra_private views and functions that the views of ra_private.readable_relations() read '
  'through; grant_read lets the reader use these and nothing else in ra_private.';

create function ra_private.grant_read(role_name name)
returns table (relation text, access text)
language plpgsql
set search_path = ''
as $$
declare
  item record;
  policy_name text := left('ra_read_' || role_name, 63);
begin
  if not exists (select 1 from pg_catalog.pg_roles r where r.rolname = role_name) then
    raise exception 'Cannot grant read access: role "%" does not exist', role_name;
  end if;
  if role_name in ('postgres', 'service_role') then
    raise exception 'Cannot grant read access to "%": it reads everything already', role_name;
  end if;
  for item in select * from ra_private.readable_relations() loop
    execute format('grant select on table %s to %I', item.relation, role_name);
    if item.kind = 'table' then
      -- A second call finds the policy and changes nothing.
      if not exists (select 1 from pg_catalog.pg_policy p
                     where p.polrelid = item.relation and p.polname = policy_name) then
        execute format('create policy %I on %s for select to %I using (true)',
          policy_name, item.relation, role_name);
      end if;
      relation := item.relation::text;
      access := 'select policy ' || policy_name;
    else
      relation := item.relation::text;
      access := 'select (view, as the reader)';
    end if;
    return next;
  end loop;
  execute format('grant usage on schema ra_private to %I', role_name);
  for item in select * from ra_private.readable_view_dependencies() loop
    if item.private_relation is not null then
      execute format('grant select on table %s to %I', item.private_relation, role_name);
      relation := item.private_relation::text;
      access := 'select (read through by a data view)';
    else
      execute format('grant execute on function %s to %I', item.private_function, role_name);
      relation := item.private_function::text;
      access := 'execute (called by a data view)';
    end if;
    return next;
  end loop;
end;
$$;
comment on function ra_private.grant_read(name) is
  'Opt-in read access for downstream apps: lets role_name (e.g. authenticated) select the data '
  'tables and views of ra_private.readable_relations() (a select policy ra_read_<role> using '
  '(true) and a table grant on each table; a grant on each view) and use the private views and '
  'functions those views read through. Idempotent; call it again after a migration adds a data '
  'table. Never opens sync state, the raw archive or secrets. Returns what it granted; '
  'ra_private.revoke_read undoes it.';

create function ra_private.revoke_read(role_name name)
returns table (relation text, access text)
language plpgsql
set search_path = ''
as $$
declare
  item record;
  policy_name text := left('ra_read_' || role_name, 63);
begin
  if not exists (select 1 from pg_catalog.pg_roles r where r.rolname = role_name) then
    raise exception 'Cannot revoke read access: role "%" does not exist', role_name;
  end if;
  for item in select * from ra_private.readable_relations() loop
    if exists (select 1 from pg_catalog.pg_policy p
               where p.polrelid = item.relation and p.polname = policy_name) then
      execute format('drop policy %I on %s', policy_name, item.relation);
    end if;
    execute format('revoke select on table %s from %I', item.relation, role_name);
    relation := item.relation::text;
    access := 'revoked';
    return next;
  end loop;
  for item in select * from ra_private.readable_view_dependencies() loop
    if item.private_relation is not null then
      execute format('revoke select on table %s from %I', item.private_relation, role_name);
      relation := item.private_relation::text;
    else
      execute format('revoke execute on function %s from %I', item.private_function, role_name);
      relation := item.private_function::text;
    end if;
    access := 'revoked';
    return next;
  end loop;
  execute format('revoke usage on schema ra_private from %I', role_name);
end;
$$;
comment on function ra_private.revoke_read(name) is
  'Undoes ra_private.grant_read(role_name): drops its ra_read_<role> policies and revokes the '
  'select and execute grants it made, so the data is closed to the role again. Returns what it '
  'revoked.';

revoke all on function ra_private.readable_relations() from public;
revoke all on function ra_private.readable_view_dependencies() from public;
revoke all on function ra_private.grant_read(name) from public;
revoke all on function ra_private.revoke_read(name) from public;

do $$
declare
  api_role text;
begin
  foreach api_role in array array['anon', 'authenticated', 'service_role'] loop
    if exists (select 1 from pg_catalog.pg_roles where rolname = api_role) then
      execute format('revoke all on function ra_private.readable_relations(), '
        'ra_private.readable_view_dependencies(), ra_private.grant_read(name), '
        'ra_private.revoke_read(name) from %I', api_role);
    end if;
  end loop;
end
$$;
