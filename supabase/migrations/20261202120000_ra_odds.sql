-- Odds (issue 12, DESIGN §9): the latest price per runner and book (ra_odds_live), every price
-- change (ra_odds_history, append-only, keyed on the API's own change time), per-race fetch
-- state for the cadence (ra_odds_fetches), the derived historical odds of resulted runners
-- (ra_odds_historical: SP favourite rank, opening/closing, range, each-way terms and returns)
-- and one row per odds run (ra_odds_statistics). One write function, ra_private.write_odds,
-- folds bookmaker spellings to one id and writes a change exactly once, in one statement.

-- ---------------------------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------------------------

create table public.ra_odds_live (
  race_id text not null,
  horse_id text not null,
  bookmaker_id text not null references public.ra_mst_bookmakers (id),
  bookmaker text not null,
  odds_decimal numeric(10, 3),
  odds_fractional text,
  is_sp boolean not null default false,
  ew_places smallint,
  ew_denom smallint,
  changed_at timestamptz not null,
  fetched_at timestamptz not null,
  primary key (race_id, horse_id, bookmaker_id),
  foreign key (race_id, horse_id) references public.ra_mst_runners (race_id, horse_id)
);
comment on table public.ra_odds_live is
  'The latest price of each runner at each bookmaker, as the Pro racecards last showed it. A row '
  'changes only when the price (or its each-way terms) changes, never with an older price.';
comment on column public.ra_odds_live.bookmaker is 'The bookmaker name exactly as the API wrote it.';
comment on column public.ra_odds_live.odds_decimal is
  'Decimal price (stake included) from the API''s decimal; null when the book shows "-" (no price) or "SP".';
comment on column public.ra_odds_live.odds_fractional is
  'The price as the API wrote it: "22/1", "4" (= 4/1), "28" (an exchange decimal), "SP" or "-".';
comment on column public.ra_odds_live.is_sp is 'True when the book offers only the starting price ("SP").';
comment on column public.ra_odds_live.ew_places is 'Each-way places the book pays; null when it gives none.';
comment on column public.ra_odds_live.ew_denom is 'Each-way fraction 1/ew_denom of the win odds; null when none.';
comment on column public.ra_odds_live.changed_at is
  'When the price was set: the API''s updated ("2025-10-13 14:11:07", UK local time, no zone) as an instant.';
comment on column public.ra_odds_live.fetched_at is 'When we first fetched this price (our clock).';

create table public.ra_odds_history (
  race_id text not null,
  horse_id text not null,
  bookmaker_id text not null references public.ra_mst_bookmakers (id),
  changed_at timestamptz not null,
  odds_decimal numeric(10, 3),
  odds_fractional text,
  source text not null check (source in ('racecard', 'movements')),
  fetched_at timestamptz not null,
  primary key (race_id, horse_id, bookmaker_id, changed_at),
  foreign key (race_id, horse_id) references public.ra_mst_runners (race_id, horse_id)
);
comment on table public.ra_odds_history is
  'Every price change, append-only: one row per runner, book and change time. Filled from polled '
  'racecards when a price differs from the live one and from the API''s price movements '
  '(/v1/odds); fetching the same prices again writes nothing.';
comment on column public.ra_odds_history.changed_at is
  'The API''s time of the change: the racecard''s updated, or a movement''s changed_at; never our clock.';
comment on column public.ra_odds_history.odds_decimal is 'Decimal price; null for "SP" or "-".';
comment on column public.ra_odds_history.source is
  'racecard: seen by polling; movements: from /v1/odds/{race_id}/{horse_id} (first one wins).';
create index ra_odds_history_horse_idx on public.ra_odds_history (horse_id, changed_at);

create table public.ra_odds_fetches (
  race_id text primary key references public.ra_mst_races (id),
  fetched_at timestamptz not null,
  fetches integer not null default 1,
  prices integer not null default 0,
  changes integer not null default 0,
  movements_fetched_at timestamptz
);
comment on table public.ra_odds_fetches is
  'Odds fetch state per race: when its prices were last fetched (the cadence decides from it), '
  'how often, and when its price movements were filled after the off.';
comment on column public.ra_odds_fetches.prices is 'Prices on the last fetch.';
comment on column public.ra_odds_fetches.changes is 'History rows written over every fetch.';

-- One odds tick at a time: a tick that overruns its minute must not race the next one.
create table ra_private.odds_ticker (
  singleton boolean primary key default true check (singleton),
  run_id uuid,
  leased_until timestamptz
);
insert into ra_private.odds_ticker (singleton) values (true);
comment on table ra_private.odds_ticker is 'Lease of the one running odds tick (fetch-odds mode tick).';

alter table public.ra_odds_live enable row level security;
alter table public.ra_odds_history enable row level security;
alter table public.ra_odds_fetches enable row level security;

-- ---------------------------------------------------------------------------------------------
-- Bookmaker spellings
-- ---------------------------------------------------------------------------------------------

create function ra_private.bookmaker_key(name text)
returns text
language sql
immutable
set search_path = ''
as $$ select lower(regexp_replace(name, '[^A-Za-z0-9]+', '', 'g')) $$;
comment on function ra_private.bookmaker_key(text) is
  'A spelling reduced to letters and digits, lower case: "Spread Ex", "Spreadex" and "spreadex" '
  'share "spreadex"; "Bet Victor" and "BetVictor" share "betvictor".';

create function ra_private.resolve_bookmakers(names text[])
returns table (bookmaker text, bookmaker_id text)
language plpgsql
set search_path = ''
as $$
begin
  -- A spelling never seen: the book whose id or alias reads the same without spaces and
  -- punctuation, else a new book (id from the spelling); either way an alias from now on.
  insert into public.ra_mst_bookmakers (id, name, type, is_active)
  select distinct on (ra_private.bookmaker_key(n))
    coalesce(nullif(trim(both '_' from lower(regexp_replace(n, '[^A-Za-z0-9]+', '_', 'g'))), ''),
      'book_' || md5(n)),
    n, null, true
  from unnest(names) n
  where n is not null and n <> ''
    and not exists (select 1 from public.ra_mst_bookmaker_aliases a where a.alias = n)
    and not exists (
      select 1 from public.ra_mst_bookmakers b
      where ra_private.bookmaker_key(b.id) = ra_private.bookmaker_key(n)
         or ra_private.bookmaker_key(b.name) = ra_private.bookmaker_key(n))
    and not exists (
      select 1 from public.ra_mst_bookmaker_aliases a
      where ra_private.bookmaker_key(a.alias) = ra_private.bookmaker_key(n))
  on conflict (id) do nothing;

  insert into public.ra_mst_bookmaker_aliases (alias, bookmaker_id)
  select n, found.id
  from (select distinct n from unnest(names) n where n is not null and n <> '') s
  cross join lateral (
    select b.id from public.ra_mst_bookmakers b
    where ra_private.bookmaker_key(b.id) = ra_private.bookmaker_key(s.n)
       or ra_private.bookmaker_key(b.name) = ra_private.bookmaker_key(s.n)
    union all
    select a.bookmaker_id from public.ra_mst_bookmaker_aliases a
    where ra_private.bookmaker_key(a.alias) = ra_private.bookmaker_key(s.n)
    limit 1
  ) found
  where not exists (select 1 from public.ra_mst_bookmaker_aliases a where a.alias = s.n)
  on conflict (alias) do nothing;

  return query
  select a.alias, a.bookmaker_id
  from public.ra_mst_bookmaker_aliases a
  where a.alias = any (names);
end
$$;
comment on function ra_private.resolve_bookmakers(text[]) is
  'Maps each spelling to one bookmaker id: an exact alias; else the book whose id, name or alias '
  'matches it ignoring case, spaces and punctuation (then recorded as an alias); else a new book '
  'with an id made from the spelling. A price is never dropped for an unknown name.';

-- ---------------------------------------------------------------------------------------------
-- Writing
-- ---------------------------------------------------------------------------------------------

create function ra_private.write_odds(
  races text[],
  prices jsonb,
  movements jsonb,
  fetched_at timestamptz,
  keep_bookmakers text[] default null
)
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  live_written integer := 0;
  polled_changes integer := 0;
  moved_changes integer := 0;
  unknown integer;
  books_before integer;
  -- Spelling → bookmaker id for every name in this write.
  books jsonb;
begin
  select count(*) into books_before from public.ra_mst_bookmakers;
  select coalesce(jsonb_object_agg(r.bookmaker, r.bookmaker_id), '{}') into books
  from ra_private.resolve_bookmakers(array(
    select distinct p ->> 'bookmaker' from jsonb_array_elements(coalesce(write_odds.prices, '[]')) p
    union
    select distinct m ->> 'bookmaker' from jsonb_array_elements(coalesce(write_odds.movements, '[]')) m
  )) r;
  select count(*) - books_before into unknown from public.ra_mst_bookmakers;

  -- Polled prices: a history row when the price differs from the live one (or there is none),
  -- then the live row, never replaced by an older price. Both read the same snapshot.
  with incoming as (
    select distinct on (p.race_id, p.horse_id, b.bookmaker_id)
      p.race_id, p.horse_id, b.bookmaker_id, p.bookmaker, p.odds_decimal, p.odds_fractional,
      coalesce(p.is_sp, false) as is_sp, p.ew_places, p.ew_denom, p.changed_at
    from jsonb_to_recordset(coalesce(write_odds.prices, '[]')) as p(
      race_id text, horse_id text, bookmaker text, odds_decimal numeric, odds_fractional text,
      is_sp boolean, ew_places smallint, ew_denom smallint, changed_at timestamptz)
    cross join lateral (select books ->> p.bookmaker as bookmaker_id) b
    where write_odds.keep_bookmakers is null or b.bookmaker_id = any (write_odds.keep_bookmakers)
    order by p.race_id, p.horse_id, b.bookmaker_id, p.changed_at desc
  ),
  changed as (
    select i.*
    from incoming i
    left join public.ra_odds_live l
      on l.race_id = i.race_id and l.horse_id = i.horse_id and l.bookmaker_id = i.bookmaker_id
    where l.race_id is null
       or (i.changed_at > l.changed_at
           and (i.odds_fractional is distinct from l.odds_fractional
                or i.odds_decimal is distinct from l.odds_decimal))
  ),
  history as (
    insert into public.ra_odds_history as h (race_id, horse_id, bookmaker_id, changed_at,
      odds_decimal, odds_fractional, source, fetched_at)
    select race_id, horse_id, bookmaker_id, changed_at, odds_decimal, odds_fractional,
      'racecard', write_odds.fetched_at
    from changed
    on conflict do nothing
    returning 1
  ),
  live as (
    insert into public.ra_odds_live as l (race_id, horse_id, bookmaker_id, bookmaker, odds_decimal,
      odds_fractional, is_sp, ew_places, ew_denom, changed_at, fetched_at)
    select race_id, horse_id, bookmaker_id, bookmaker, odds_decimal, odds_fractional, is_sp,
      ew_places, ew_denom, changed_at, write_odds.fetched_at
    from incoming
    on conflict (race_id, horse_id, bookmaker_id) do update
    set bookmaker = excluded.bookmaker,
        odds_decimal = excluded.odds_decimal,
        odds_fractional = excluded.odds_fractional,
        is_sp = excluded.is_sp,
        ew_places = excluded.ew_places,
        ew_denom = excluded.ew_denom,
        changed_at = excluded.changed_at,
        fetched_at = excluded.fetched_at
    where excluded.changed_at >= l.changed_at
      and (excluded.odds_fractional, excluded.odds_decimal, excluded.is_sp, excluded.ew_places,
           excluded.ew_denom)
          is distinct from (l.odds_fractional, l.odds_decimal, l.is_sp, l.ew_places, l.ew_denom)
    returning 1
  )
  select (select count(*) from history), (select count(*) from live)
  into polled_changes, live_written;

  -- Price movements from the API: every change it lists, once.
  with moved as (
    insert into public.ra_odds_history as h (race_id, horse_id, bookmaker_id, changed_at,
      odds_decimal, odds_fractional, source, fetched_at)
    select distinct on (m.race_id, m.horse_id, b.bookmaker_id, m.changed_at)
      m.race_id, m.horse_id, b.bookmaker_id, m.changed_at, m.odds_decimal, m.odds_fractional,
      'movements', write_odds.fetched_at
    from jsonb_to_recordset(coalesce(write_odds.movements, '[]')) as m(
      race_id text, horse_id text, bookmaker text, changed_at timestamptz, odds_decimal numeric,
      odds_fractional text)
    cross join lateral (select books ->> m.bookmaker as bookmaker_id) b
    where write_odds.keep_bookmakers is null or b.bookmaker_id = any (write_odds.keep_bookmakers)
    order by m.race_id, m.horse_id, b.bookmaker_id, m.changed_at
    on conflict do nothing
    returning h.race_id
  ),
  counted as (select count(*)::integer as n from moved)
  select n into moved_changes from counted;

  insert into public.ra_odds_fetches as f (race_id, fetched_at, prices, changes)
  select r, write_odds.fetched_at,
    (select count(*) from jsonb_array_elements(coalesce(write_odds.prices, '[]')) p
     where p ->> 'race_id' = r),
    0
  from unnest(write_odds.races) r
  on conflict (race_id) do update
  set fetched_at = greatest(f.fetched_at, excluded.fetched_at),
      fetches = f.fetches + 1,
      prices = excluded.prices;
  update public.ra_odds_fetches f
  set changes = f.changes + c.n
  from (
    select race_id, count(*)::integer as n from public.ra_odds_history h
    where h.fetched_at = write_odds.fetched_at and h.race_id = any (write_odds.races)
    group by race_id
  ) c
  where f.race_id = c.race_id;

  return jsonb_build_object(
    'live', live_written,
    'history', polled_changes + moved_changes,
    'movements', moved_changes,
    'new_bookmakers', unknown);
end
$$;
comment on function ra_private.write_odds(text[], jsonb, jsonb, timestamptz, text[]) is
  'Writes one fetch of odds in one transaction: prices [{race_id, horse_id, bookmaker, '
  'odds_decimal, odds_fractional, is_sp, ew_places, ew_denom, changed_at}] into ra_odds_live and, '
  'when changed, ra_odds_history; movements [{race_id, horse_id, bookmaker, changed_at, '
  'odds_decimal, odds_fractional}] into ra_odds_history; the fetch of each race in races into '
  'ra_odds_fetches. keep_bookmakers (ids) limits what is stored; null keeps every book. Returns '
  '{live, history, movements, new_bookmakers}: rows written.';

create function ra_private.mark_movements_fetched(races text[], fetched_at timestamptz)
returns void
language sql
set search_path = ''
as $$
  insert into public.ra_odds_fetches as f (race_id, fetched_at, fetches, movements_fetched_at)
  select r, mark_movements_fetched.fetched_at, 0, mark_movements_fetched.fetched_at
  from unnest(mark_movements_fetched.races) r
  on conflict (race_id) do update set movements_fetched_at = excluded.movements_fetched_at;
$$;

-- ---------------------------------------------------------------------------------------------
-- The tick: which races, one tick at a time
-- ---------------------------------------------------------------------------------------------

create function ra_private.odds_races(race_day date, regions text[])
returns table (race_id text, off_dt timestamptz, fetched_at timestamptz,
  movements_fetched_at timestamptz, runners integer)
language sql
stable
set search_path = ''
as $$
  select ra.id, ra.off_dt, f.fetched_at, f.movements_fetched_at,
    (select count(*)::integer from public.ra_mst_runners ru
     where ru.race_id = ra.id and ru.is_non_runner is not true)
  from public.ra_mst_races ra
  left join public.ra_odds_fetches f on f.race_id = ra.id
  where ra.race_date = odds_races.race_day
    and upper(ra.region) = any (select upper(r) from unnest(odds_races.regions) r)
    and ra.off_dt is not null
    and ra.is_abandoned is not true
  order by ra.off_dt, ra.id;
$$;
comment on function ra_private.odds_races(date, text[]) is
  'The races of a racing day in the given regions (GB, IRE) with their off and odds fetch state: '
  'what the tick''s cadence decides from.';

create function ra_private.claim_odds_tick(run_id uuid, lease_seconds integer)
returns boolean
language sql
set search_path = ''
as $$
  with taken as (
    update ra_private.odds_ticker t
    set run_id = claim_odds_tick.run_id,
        leased_until = clock_timestamp() + make_interval(secs => claim_odds_tick.lease_seconds)
    where t.leased_until is null or t.leased_until < clock_timestamp()
       or t.run_id = claim_odds_tick.run_id
    returning 1
  )
  select exists (select 1 from taken);
$$;
comment on function ra_private.claim_odds_tick(uuid, integer) is
  'Takes the odds tick lease for a run (true), or false while another tick holds it.';

create function ra_private.release_odds_tick(run_id uuid)
returns void
language sql
set search_path = ''
as $$
  update ra_private.odds_ticker t set run_id = null, leased_until = null
  where t.run_id = release_odds_tick.run_id;
$$;

-- ---------------------------------------------------------------------------------------------
-- Historical odds of resulted runners (derived; no API call)
-- ---------------------------------------------------------------------------------------------

create function ra_private.is_handicap(race_name text)
returns boolean
language sql
immutable
set search_path = ''
as $$ select coalesce(race_name ~* '(handicap|h''cap|\mhcap\M)', false) $$;
comment on function ra_private.is_handicap(text) is
  'A handicap by its name ("… Handicap", "H''cap", "Hcap"): the API has no handicap flag.';

create function ra_private.each_way_places(runners integer, handicap boolean)
returns integer
language sql
immutable
set search_path = ''
as $$
  select case
    when runners is null or runners < 5 then null
    when runners <= 7 then 2
    when handicap and runners >= 16 then 4
    else 3
  end
$$;

create function ra_private.each_way_denom(runners integer, handicap boolean)
returns integer
language sql
immutable
set search_path = ''
as $$
  select case
    when runners is null or runners < 5 then null
    when runners <= 7 then 4
    when handicap and runners >= 12 then 4
    else 5
  end
$$;
comment on function ra_private.each_way_places(integer, boolean) is
  'UK each-way places by runners: under 5 none (win only); 5-7 two; 8 or more three; handicaps '
  'of 16 or more four. ra_private.each_way_denom gives the fraction: 5-7 runners 1/4; 8 or more '
  '1/5; handicaps of 12 or more 1/4.';

create function ra_private.dead_heat_share(finish integer, tied integer, paid integer)
returns numeric
language sql
immutable
set search_path = ''
as $$
  select case
    when finish is null or paid is null or finish > paid then 0::numeric
    else least(tied, paid - finish + 1)::numeric / tied
  end
$$;
comment on function ra_private.dead_heat_share(integer, integer, integer) is
  'Share of a stake that is paid when `tied` runners share the position `finish` and `paid` positions pay: '
  '1 without a tie; a two-way dead heat for the last paid position pays half (dead-heat rule).';

create view public.ra_odds_historical with (security_invoker = true) as
with ran as (
  select r.race_id, r.horse_id, r.off_dt, r.run_date, r.position, r.sp_decimal,
    ru.starting_price as sp_fractional,
    count(*) over (partition by r.race_id)::integer as runners,
    count(*) over (partition by r.race_id, r.position)::integer as tied,
    ra_private.is_handicap(ra.race_name) as handicap
  from ra_private.runs r
  join public.ra_mst_runners ru on ru.race_id = r.race_id and ru.horse_id = r.horse_id
  join public.ra_mst_races ra on ra.id = r.race_id
),
terms as (
  select ran.*,
    case when sp_decimal is not null then
      dense_rank() over (partition by race_id order by sp_decimal nulls last) end::integer
      as sp_favourite_rank,
    ra_private.each_way_places(runners, handicap) as ew_places,
    ra_private.each_way_denom(runners, handicap) as ew_denom
  from ran
)
select
  t.race_id, t.horse_id, t.run_date as race_date, t.off_dt, t.runners, t.handicap, t.position,
  t.sp_fractional, t.sp_decimal, t.sp_favourite_rank,
  opening.odds_decimal as opening_decimal,
  closing.odds_decimal as closing_decimal,
  range.pre_off_min, range.pre_off_max, range.pre_off_mean, range.moves,
  best.odds_decimal as best_decimal,
  best.bookmaker_id as best_bookmaker_id,
  t.ew_places, t.ew_denom,
  round(case when t.sp_decimal is not null then
    t.sp_decimal * ra_private.dead_heat_share(t.position, t.tied, 1) end, 4) as win_return,
  round(case when t.sp_decimal is not null and t.ew_places is not null then
    (1 + (t.sp_decimal - 1) / t.ew_denom) * ra_private.dead_heat_share(t.position, t.tied, t.ew_places)
  end, 4) as place_return,
  round(case when t.sp_decimal is not null and t.ew_places is not null then
    t.sp_decimal * ra_private.dead_heat_share(t.position, t.tied, 1)
    + (1 + (t.sp_decimal - 1) / t.ew_denom) * ra_private.dead_heat_share(t.position, t.tied, t.ew_places)
  end, 4) as each_way_return
from terms t
left join lateral (
  select h.odds_decimal from public.ra_odds_history h
  where h.race_id = t.race_id and h.horse_id = t.horse_id and h.odds_decimal is not null
    and (t.off_dt is null or h.changed_at < t.off_dt)
  order by h.changed_at, h.odds_decimal desc
  limit 1
) opening on true
left join lateral (
  select h.odds_decimal from public.ra_odds_history h
  where h.race_id = t.race_id and h.horse_id = t.horse_id and h.odds_decimal is not null
    and (t.off_dt is null or h.changed_at < t.off_dt)
  order by h.changed_at desc, h.odds_decimal desc
  limit 1
) closing on true
left join lateral (
  select min(h.odds_decimal) as pre_off_min, max(h.odds_decimal) as pre_off_max,
    round(avg(h.odds_decimal), 3) as pre_off_mean,
    (count(*) - count(distinct h.bookmaker_id))::integer as moves
  from public.ra_odds_history h
  where h.race_id = t.race_id and h.horse_id = t.horse_id and h.odds_decimal is not null
    and (t.off_dt is null or h.changed_at < t.off_dt)
) range on true
left join lateral (
  select last_price.bookmaker_id, last_price.odds_decimal
  from (
    select distinct on (h.bookmaker_id) h.bookmaker_id, h.odds_decimal
    from public.ra_odds_history h
    where h.race_id = t.race_id and h.horse_id = t.horse_id
      and (t.off_dt is null or h.changed_at < t.off_dt)
    order by h.bookmaker_id, h.changed_at desc
  ) last_price
  where last_price.odds_decimal is not null
  order by last_price.odds_decimal desc, last_price.bookmaker_id
  limit 1
) best on true;
comment on view public.ra_odds_historical is
  'One row per run of a resulted race (ra_private.runs): SP and SP favourite rank (dense: joint '
  'favourites share rank 1, the next price is 2), the opening and closing prices (first and last '
  'price of any book before the off; ties take the longer price), min, max and mean of every '
  'pre-off price, moves (changes after each book''s first price), the best price at the off and '
  'its book, UK each-way terms by runners and handicap, and 1-unit returns at SP, stake included: '
  'win, place (the place part of an each-way bet) and each-way (2 units). Dead heats pay the '
  'share ra_private.dead_heat_share gives. Returns are null without an SP; place and each-way '
  'are null with under 5 runners. docs/schema.md spells every rule out.';

-- ---------------------------------------------------------------------------------------------
-- One row per odds run
-- ---------------------------------------------------------------------------------------------

create view public.ra_odds_statistics with (security_invoker = true) as
select
  r.run_id, r.mode, r.status, r.started_at, r.duration_ms, r.api_calls,
  coalesce((r.summary -> 'details' ->> 'cycles')::integer, 0) as cycles,
  coalesce((r.summary -> 'details' ->> 'races')::integer, 0) as races,
  coalesce((r.summary -> 'details' ->> 'runners')::integer, 0) as runners,
  coalesce((r.summary -> 'details' ->> 'bookmakers')::integer, 0) as bookmakers,
  coalesce((r.summary -> 'details' ->> 'prices')::integer, 0) as prices_fetched,
  coalesce((r.summary -> 'details' ->> 'changes')::integer, 0) as changes_written,
  coalesce((r.summary -> 'details' ->> 'errors')::integer, 0) as errors,
  r.error
from public.ra_sync_runs r
where r.function_name = 'fetch-odds';
comment on view public.ra_odds_statistics is
  'One row per fetch-odds run (a tick serves several cycles): races and runners priced, books '
  'seen, prices fetched, history rows written, API calls, duration and errors.';

-- ---------------------------------------------------------------------------------------------
-- Privileges: as for the other sync objects, nothing here is for the API roles.
-- ---------------------------------------------------------------------------------------------

revoke all on table public.ra_odds_live, public.ra_odds_history, public.ra_odds_fetches,
  public.ra_odds_historical, public.ra_odds_statistics, ra_private.odds_ticker from public;
revoke all on function ra_private.bookmaker_key(text), ra_private.resolve_bookmakers(text[]),
  ra_private.write_odds(text[], jsonb, jsonb, timestamptz, text[]),
  ra_private.mark_movements_fetched(text[], timestamptz), ra_private.odds_races(date, text[]),
  ra_private.claim_odds_tick(uuid, integer), ra_private.release_odds_tick(uuid),
  ra_private.is_handicap(text), ra_private.each_way_places(integer, boolean),
  ra_private.each_way_denom(integer, boolean),
  ra_private.dead_heat_share(integer, integer, integer) from public;

do $$
declare
  api_role text;
begin
  foreach api_role in array array['anon', 'authenticated'] loop
    if exists (select 1 from pg_catalog.pg_roles where rolname = api_role) then
      execute format('revoke all on table public.ra_odds_live, public.ra_odds_history, '
        'public.ra_odds_fetches, public.ra_odds_historical, public.ra_odds_statistics from %I',
        api_role);
    end if;
  end loop;
end
$$;
