-- Odds checks in ra_data_quality (issue 14's list, with the odds tables of issue 12):
--   odds_freshness  races of today within 30 minutes of their off whose prices were not fetched
--                   within odds_stale_minutes (the cadence asks for every 60 s there);
--   odds_bookmakers books created from spellings no seeded book matched, with prices lately:
--                   their prices are kept, but someone should name them (warn).

insert into ra_private.quality_settings (name, value, unit, description)
values
  ('odds_stale_minutes', 3, 'minutes',
   'A race within 30 minutes of its off whose prices were last fetched longer ago than this fails '
   'odds_freshness (the cadence fetches it every 60 s, every 10 s in the last 5 minutes).'),
  ('odds_unknown_book_days', 7, 'days',
   'Days over which prices from books no seeded entry matched are reported by odds_bookmakers.')
on conflict (name) do nothing;

create function ra_private.quality_odds()
returns setof ra_private.quality_check
language sql
stable
set search_path = ''
as $$
  with soon as (
    select ra.id, ra.off_dt, f.fetched_at
    from public.ra_mst_races ra
    left join public.ra_odds_fetches f on f.race_id = ra.id
    where ra.off_dt > now() and ra.off_dt <= now() + interval '30 minutes'
      and ra.is_abandoned is not true
      and upper(ra.region) in ('GB', 'IRE')
  ),
  stale as (
    select count(*) as races, count(*) filter (where s.fetched_at is null) as never,
      string_agg(s.id, ', ' order by s.off_dt) filter (where s.fetched_at is null
        or s.fetched_at < now()
          - make_interval(mins => ra_private.quality_setting('odds_stale_minutes')::integer))
        as examples
    from soon s
  ),
  unknown as (
    select count(distinct b.id) as books, string_agg(distinct b.name, ', ') as names
    from public.ra_mst_bookmakers b
    join public.ra_odds_live l on l.bookmaker_id = b.id
    where b.type is null
      and l.changed_at > now()
        - make_interval(days => ra_private.quality_setting('odds_unknown_book_days')::integer)
  )
  select row(
    'odds_freshness',
    case when s.examples is null then 'ok' else 'fail' end,
    case
      when s.races = 0 then 'no GB/IRE race within 30 minutes of its off'
      when s.examples is null then format('%s races within 30 minutes of the off, all fetched '
        'within %s minutes', s.races, ra_private.quality_setting('odds_stale_minutes'))
      else format('prices not fetched within %s minutes for races within 30 minutes of the off: '
        '%s (is the ra_odds_tick job running?)', ra_private.quality_setting('odds_stale_minutes'),
        left(s.examples, 300))
    end
  )::ra_private.quality_check
  from stale s
  union all
  select row(
    'odds_bookmakers',
    case when u.books = 0 then 'ok' else 'warn' end,
    case when u.books = 0 then 'every priced book is a known one'
      else format('%s books no seeded entry matched, prices kept under ids of their own: %s '
        '(add them to sync-masters/bookmakers.ts)', u.books, left(u.names, 300))
    end
  )::ra_private.quality_check
  from unknown u;
$$;
comment on function ra_private.quality_odds() is
  'odds_freshness: fail when a GB/IRE race within 30 minutes of its off has no price fetch within '
  'odds_stale_minutes. odds_bookmakers: warn when books created from unknown spellings priced '
  'runners in the last odds_unknown_book_days.';

create or replace function ra_private.quality_checks()
returns setof ra_private.quality_check
language sql
stable
set jit = off
set search_path = ''
as $$
  select * from ra_private.quality_freshness()
  union all select * from ra_private.quality_cron()
  union all select * from ra_private.quality_coverage()
  union all select * from ra_private.quality_fill_rates()
  union all select * from ra_private.quality_integrity()
  union all select * from ra_private.quality_windows()
  union all select * from ra_private.quality_statistics()
  union all select * from ra_private.quality_odds();
$$;

revoke all on function ra_private.quality_odds() from public;
do $$
declare
  api_role text;
begin
  foreach api_role in array array['anon', 'authenticated'] loop
    if exists (select 1 from pg_catalog.pg_roles where rolname = api_role) then
      execute format('revoke all on function ra_private.quality_odds() from %I', api_role);
    end if;
  end loop;
end
$$;
