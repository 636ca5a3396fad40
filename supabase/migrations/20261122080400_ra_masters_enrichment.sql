-- Masters and horse enrichment.
--
-- enrich-horses: the horses still pending (ra_mst_horses.enrichment_status) are the queue. A
-- horse being fetched is leased in ra_sync_horse_leases, so two concurrent runs never ask the
-- API for the same horse, and a horse whose fetch keeps failing stops being claimed after
-- max_attempts (until a forced run). The claim, completion, failure and release are SQL
-- functions, so leasing is atomic; TypeScript (`_shared/masters/enrichment.ts`) only calls them.
--
-- sync-masters: people (jockeys, trainers, owners) are refreshed set-based from what is stored:
-- first and last seen from runners and races, the latest name and trainer location from the
-- runners of the archived racecards and results (ra_api_responses). No API call.

-- ---------------------------------------------------------------------------------------------
-- Leases of horses being enriched
-- ---------------------------------------------------------------------------------------------

create table public.ra_sync_horse_leases (
  horse_id text primary key references public.ra_mst_horses (id) on delete cascade,
  lease_owner text,
  lease_expires_at timestamptz,
  attempts integer not null default 0,
  last_error text,
  created_at timestamptz not null default clock_timestamp(),
  updated_at timestamptz not null default clock_timestamp()
);
comment on table public.ra_sync_horse_leases is
  'Horses enrich-horses is fetching (live lease) or failed to fetch (attempts, last_error). A row '
  'goes away when the horse''s profile, or the fact that none exists, is written.';
comment on column public.ra_sync_horse_leases.lease_owner is
  'Run that holds (or last held) the horse.';
comment on column public.ra_sync_horse_leases.lease_expires_at is
  'While set and in the future, no other run claims the horse; null once released.';
comment on column public.ra_sync_horse_leases.attempts is
  'Claims that did not end with the horse written; at max_attempts only a forced run claims it.';
comment on column public.ra_sync_horse_leases.last_error is 'Error of the latest failed fetch.';

alter table public.ra_sync_horse_leases enable row level security;

-- The enrichment queue in claim order: oldest first seen first.
create index ra_mst_horses_enrichment_queue_idx on public.ra_mst_horses (first_seen_date, id)
  where enrichment_status = 'pending';

-- ---------------------------------------------------------------------------------------------
-- Claim, complete, fail, release
-- ---------------------------------------------------------------------------------------------

create function ra_private.claim_horses(
  lease_owner text,
  lease_seconds integer,
  batch_size integer,
  max_attempts integer,
  skip_ids text[] default '{}',
  horse_ids text[] default null,
  include_not_found boolean default false
) returns table (horse_id text)
language plpgsql
set search_path = ''
as $$
#variable_conflict use_column
declare
  candidates text[];
begin
  if claim_horses.lease_owner is null or claim_horses.lease_seconds is null
     or claim_horses.lease_seconds <= 0 or claim_horses.batch_size is null
     or claim_horses.batch_size <= 0 or claim_horses.max_attempts is null
     or claim_horses.max_attempts <= 0 then
    raise exception 'Cannot claim horses: lease_owner, lease_seconds > 0, batch_size > 0 and max_attempts > 0 are required';
  end if;

  -- Candidates, oldest first seen first, skipping horse rows another transaction holds (a
  -- writer, or a concurrent claim). Three shapes, so the usual one can use the queue index.
  if claim_horses.horse_ids is not null then
    -- Forced ids: whatever their status or attempts.
    select coalesce(array_agg(c.id), '{}') into candidates
    from (
      select h.id
      from public.ra_mst_horses h
      where h.id = any (claim_horses.horse_ids)
        and h.id <> all (coalesce(claim_horses.skip_ids, '{}'))
        and not exists (
          select 1 from public.ra_sync_horse_leases l
          where l.horse_id = h.id and l.lease_expires_at > clock_timestamp()
        )
      order by h.first_seen_date, h.id
      limit claim_horses.batch_size
      for update of h skip locked
    ) c;
  elsif claim_horses.include_not_found then
    -- Forced run: pending and not-found horses, attempts ignored.
    select coalesce(array_agg(c.id), '{}') into candidates
    from (
      select h.id
      from public.ra_mst_horses h
      where h.enrichment_status in ('pending', 'not_found')
        and h.id <> all (coalesce(claim_horses.skip_ids, '{}'))
        and not exists (
          select 1 from public.ra_sync_horse_leases l
          where l.horse_id = h.id and l.lease_expires_at > clock_timestamp()
        )
      order by h.first_seen_date, h.id
      limit claim_horses.batch_size
      for update of h skip locked
    ) c;
  else
    select coalesce(array_agg(c.id), '{}') into candidates
    from (
      select h.id
      from public.ra_mst_horses h
      where h.enrichment_status = 'pending'
        and h.id <> all (coalesce(claim_horses.skip_ids, '{}'))
        and not exists (
          select 1 from public.ra_sync_horse_leases l
          where l.horse_id = h.id
            and (l.lease_expires_at > clock_timestamp() or l.attempts >= claim_horses.max_attempts)
        )
      order by h.first_seen_date, h.id
      limit claim_horses.batch_size
      for update of h skip locked
    ) c;
  end if;

  -- The lease row decides: a concurrent claim of the same horse waits on this insert and then
  -- finds a live lease, so it takes nothing.
  return query
  with leased as (
    insert into public.ra_sync_horse_leases as l (horse_id, lease_owner, lease_expires_at, attempts)
    select candidate.id, claim_horses.lease_owner,
           clock_timestamp() + make_interval(secs => claim_horses.lease_seconds), 1
    from unnest(candidates) as candidate(id)
    on conflict (horse_id) do update
      set lease_owner = excluded.lease_owner,
          lease_expires_at = excluded.lease_expires_at,
          attempts = l.attempts + 1,
          updated_at = clock_timestamp()
      where l.lease_expires_at is null or l.lease_expires_at <= clock_timestamp()
    returning l.horse_id
  )
  select leased.horse_id
  from leased
  join public.ra_mst_horses h on h.id = leased.horse_id
  order by h.first_seen_date, h.id;
end;
$$;
comment on function ra_private.claim_horses(text, integer, integer, integer, text[], text[], boolean) is
  'Leases up to batch_size horses to fetch, oldest first seen first, and returns their ids in '
  'that order: pending horses whose attempts are below max_attempts; with include_not_found, '
  'also not-found horses and any attempts; with horse_ids, exactly those horses whatever their '
  'status. Never a horse in skip_ids or under another live lease. Each claim counts an attempt.';

create function ra_private.complete_horse(horse_id text, lease_owner text)
returns boolean
language sql
set search_path = ''
as $$
  with finished as (
    delete from public.ra_sync_horse_leases l
    where l.horse_id = complete_horse.horse_id
      and l.lease_owner = complete_horse.lease_owner
    returning l.horse_id
  )
  select exists (select 1 from finished);
$$;
comment on function ra_private.complete_horse(text, text) is
  'Drops the lease of a horse whose profile (or not-found mark) was written; call it in the '
  'transaction that writes the horse. Returns false when another run holds the horse now.';

create function ra_private.fail_horse(horse_id text, lease_owner text, error text)
returns boolean
language sql
set search_path = ''
as $$
  with failed as (
    update public.ra_sync_horse_leases l
    set lease_expires_at = null,
        last_error = fail_horse.error,
        updated_at = clock_timestamp()
    where l.horse_id = fail_horse.horse_id
      and l.lease_owner = fail_horse.lease_owner
    returning l.horse_id
  )
  select exists (select 1 from failed);
$$;
comment on function ra_private.fail_horse(text, text, text) is
  'Records a failed fetch of a held horse and releases it; the attempt still counts. Returns '
  'false when another run holds the horse now.';

create function ra_private.release_horses(lease_owner text, horse_ids text[] default null)
returns integer
language sql
set search_path = ''
as $$
  with released as (
    update public.ra_sync_horse_leases l
    set lease_expires_at = null,
        attempts = greatest(l.attempts - 1, 0),
        updated_at = clock_timestamp()
    where l.lease_owner = release_horses.lease_owner
      and l.lease_expires_at is not null
      and (release_horses.horse_ids is null or l.horse_id = any (release_horses.horse_ids))
    returning l.horse_id
  )
  select count(*)::integer from released;
$$;
comment on function ra_private.release_horses(text, text[]) is
  'Hands back held horses that were never fetched (budget spent, a fatal error, shutdown), '
  'given back their attempt; all the owner holds when horse_ids is null. Returns how many.';

-- ---------------------------------------------------------------------------------------------
-- People refresh
-- ---------------------------------------------------------------------------------------------

create function ra_private.blank_to_null(value text)
returns text
language sql
immutable
set search_path = ''
as $$
  select case
    when btrim(blank_to_null.value) in ('', '-', U&'\2013', U&'\2014') then null
    else btrim(blank_to_null.value)
  end;
$$;
comment on function ra_private.blank_to_null(text) is
  'The SQL twin of blankToNull (transform/values.ts): trimmed text, or null for "", "-" and '
  'the dashes the API writes for no value.';

create function ra_private.jockey_name(value text)
returns text
language sql
immutable
set search_path = ''
as $$
  select case
    when ra_private.blank_to_null(jockey_name.value) is null then null
    when ra_private.blank_to_null(jockey_name.value) ~* '^NON-RUNNER\y' then null
    else ra_private.blank_to_null(
      regexp_replace(ra_private.blank_to_null(jockey_name.value), '\s*\(\d+\)$', '')
    )
  end;
$$;
comment on function ra_private.jockey_name(text) is
  'The SQL twin of parseJockeyName(...).name (transform/values.ts): the jockey without the '
  'claim suffix racecards add ("Joe Williamson(5)" gives "Joe Williamson").';

create function ra_private.refresh_people(regions text[] default null)
returns table (person_table text, rows_changed integer)
language sql
set search_path = ''
as $$
  with archived_races as (
    select r.fetched_at, race
    from public.ra_api_responses r
    cross join lateral jsonb_array_elements(
      case
        when jsonb_typeof(r.body -> 'racecards') = 'array' then r.body -> 'racecards'
        when jsonb_typeof(r.body -> 'results') = 'array' then r.body -> 'results'
        when jsonb_typeof(r.body -> 'runners') = 'array' then jsonb_build_array(r.body)
        else '[]'::jsonb
      end
    ) as race
    where r.status between 200 and 299
      and r.endpoint ~ '^/v1/(racecards/pro|racecards/[^/]+/pro|results|results/[^/]+)$'
  ),
  archived_runners as (
    select a.fetched_at, a.race ->> 'date' as race_date, runner
    from archived_races a
    cross join lateral jsonb_array_elements(
      case when jsonb_typeof(a.race -> 'runners') = 'array' then a.race -> 'runners'
           else '[]'::jsonb end
    ) as runner
    -- ISO dates order as text, so no cast can fail on a bad value.
    where a.race ->> 'date' ~ '^\d{4}-\d{2}-\d{2}$'
      and (refresh_people.regions is null
           or lower(a.race ->> 'region') = any (refresh_people.regions))
  ),
  archived_people as materialized (
    select 'jockey' as person_role, ra_private.blank_to_null(runner ->> 'jockey_id') as id,
           ra_private.jockey_name(runner ->> 'jockey') as name, null::text as location,
           race_date, fetched_at
    from archived_runners
    union all
    select 'trainer', ra_private.blank_to_null(runner ->> 'trainer_id'),
           ra_private.blank_to_null(runner ->> 'trainer'),
           ra_private.blank_to_null(runner ->> 'trainer_location'), race_date, fetched_at
    from archived_runners
    union all
    select 'owner', ra_private.blank_to_null(runner ->> 'owner_id'),
           ra_private.blank_to_null(runner ->> 'owner'), null, race_date, fetched_at
    from archived_runners
  ),
  latest_name as (
    select distinct on (p.person_role, p.id) p.person_role, p.id, p.name
    from archived_people p
    where p.id is not null and p.name is not null
    order by p.person_role, p.id, p.race_date desc, p.fetched_at desc
  ),
  latest_location as (
    select distinct on (p.id) p.id, p.location
    from archived_people p
    where p.person_role = 'trainer' and p.id is not null and p.location is not null
    order by p.id, p.race_date desc, p.fetched_at desc
  ),
  seen as (
    select 'jockey' as person_role, ru.jockey_id as id,
           min(ra.race_date) as first_seen, max(ra.race_date) as last_seen
    from public.ra_mst_runners ru
    join public.ra_mst_races ra on ra.id = ru.race_id
    where ru.jockey_id is not null and ra.race_date is not null
    group by ru.jockey_id
    union all
    select 'trainer', ru.trainer_id, min(ra.race_date), max(ra.race_date)
    from public.ra_mst_runners ru
    join public.ra_mst_races ra on ra.id = ru.race_id
    where ru.trainer_id is not null and ra.race_date is not null
    group by ru.trainer_id
    union all
    select 'owner', ru.owner_id, min(ra.race_date), max(ra.race_date)
    from public.ra_mst_runners ru
    join public.ra_mst_races ra on ra.id = ru.race_id
    where ru.owner_id is not null and ra.race_date is not null
    group by ru.owner_id
  ),
  refreshed as (
    select s.person_role, s.id, s.first_seen, s.last_seen, n.name, loc.location
    from seen s
    left join latest_name n on n.person_role = s.person_role and n.id = s.id
    left join latest_location loc on s.person_role = 'trainer' and loc.id = s.id
    union all
    -- People named in the archive but by no stored runner keep their seen dates.
    select n.person_role, n.id, null, null, n.name, loc.location
    from latest_name n
    left join latest_location loc on n.person_role = 'trainer' and loc.id = n.id
    where not exists (select 1 from seen s where s.person_role = n.person_role and s.id = n.id)
  ),
  jockeys as (
    update public.ra_mst_jockeys p
    set name = coalesce(x.name, p.name),
        first_seen_date = coalesce(x.first_seen, p.first_seen_date),
        last_seen_date = coalesce(x.last_seen, p.last_seen_date),
        updated_at = now()
    from refreshed x
    where x.person_role = 'jockey' and x.id = p.id
      and (p.name, p.first_seen_date, p.last_seen_date) is distinct from
          (coalesce(x.name, p.name), coalesce(x.first_seen, p.first_seen_date),
           coalesce(x.last_seen, p.last_seen_date))
    returning p.id
  ),
  trainers as (
    update public.ra_mst_trainers p
    set name = coalesce(x.name, p.name),
        location = coalesce(x.location, p.location),
        first_seen_date = coalesce(x.first_seen, p.first_seen_date),
        last_seen_date = coalesce(x.last_seen, p.last_seen_date),
        updated_at = now()
    from refreshed x
    where x.person_role = 'trainer' and x.id = p.id
      and (p.name, p.location, p.first_seen_date, p.last_seen_date) is distinct from
          (coalesce(x.name, p.name), coalesce(x.location, p.location),
           coalesce(x.first_seen, p.first_seen_date), coalesce(x.last_seen, p.last_seen_date))
    returning p.id
  ),
  owners as (
    update public.ra_mst_owners p
    set name = coalesce(x.name, p.name),
        first_seen_date = coalesce(x.first_seen, p.first_seen_date),
        last_seen_date = coalesce(x.last_seen, p.last_seen_date),
        updated_at = now()
    from refreshed x
    where x.person_role = 'owner' and x.id = p.id
      and (p.name, p.first_seen_date, p.last_seen_date) is distinct from
          (coalesce(x.name, p.name), coalesce(x.first_seen, p.first_seen_date),
           coalesce(x.last_seen, p.last_seen_date))
    returning p.id
  )
  select 'ra_mst_jockeys', (select count(*)::integer from jockeys)
  union all
  select 'ra_mst_trainers', (select count(*)::integer from trainers)
  union all
  select 'ra_mst_owners', (select count(*)::integer from owners);
$$;
comment on function ra_private.refresh_people(text[]) is
  'Refreshes jockeys, trainers and owners from stored data, set-based: first and last seen are '
  'the earliest and latest race dates of their stored runners; name (and a trainer''s location) '
  'is the one on the latest race date among the runners of archived racecards and results of '
  'the given lower-case regions (all when null). Only rows that change are written, so a rerun '
  'changes nothing. Returns the rows changed per table.';

-- ---------------------------------------------------------------------------------------------
-- Privileges: as for the other sync state, nothing here is for the API roles.
-- ---------------------------------------------------------------------------------------------

revoke all on function ra_private.claim_horses(text, integer, integer, integer, text[], text[], boolean) from public;
revoke all on function ra_private.complete_horse(text, text) from public;
revoke all on function ra_private.fail_horse(text, text, text) from public;
revoke all on function ra_private.release_horses(text, text[]) from public;
revoke all on function ra_private.blank_to_null(text) from public;
revoke all on function ra_private.jockey_name(text) from public;
revoke all on function ra_private.refresh_people(text[]) from public;

do $$
declare
  api_role text;
begin
  foreach api_role in array array['anon', 'authenticated'] loop
    if exists (select 1 from pg_catalog.pg_roles where rolname = api_role) then
      execute format('revoke all on all functions in schema ra_private from %I', api_role);
      execute format('revoke all on table public.ra_sync_horse_leases from %I', api_role);
    end if;
  end loop;
end
$$;
