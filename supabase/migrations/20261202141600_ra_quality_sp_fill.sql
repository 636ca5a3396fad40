-- fill:runner_sp counted the SP of every resulted runner (pulled up, fallen, …) over the placed
-- runners only, so it could read more than 100 %: both sides now count placed runners.

create or replace function ra_private.quality_fill_rates()
returns setof ra_private.quality_check
language sql
stable
set search_path = ''
as $$
  with period as (
    select (now() at time zone 'Europe/London')::date
      - ra_private.quality_setting('fill_days')::integer as first_day
  ),
  recent_races as (
    select r.* from public.ra_mst_races r, period p
    where r.race_date >= p.first_day and r.race_date <= (now() at time zone 'Europe/London')::date
  ),
  resulted_runners as (
    select ru.position, ru.finish_status, ru.starting_price_decimal
    from recent_races r
    join public.ra_mst_runners ru on ru.race_id = r.id
    where r.has_result and not coalesce(ru.is_non_runner, false)
  ),
  measures (name, what, filled, total) as (
    select 'runner_position', 'resulted runners with a position or finish status',
      count(*) filter (where position is not null or finish_status is not null), count(*)
    from resulted_runners
    union all
    select 'runner_sp', 'placed runners with a decimal SP',
      count(*) filter (where starting_price_decimal is not null and position is not null),
      count(*) filter (where position is not null)
    from resulted_runners
    union all
    select 'race_off_dt', 'races with off_dt', count(off_dt), count(*) from recent_races
    union all
    select 'race_distance', 'races with distance_f', count(distance_f), count(*) from recent_races
    union all
    select 'horse_pedigree', 'profiled horses seen with sire, dam and damsire ids',
      count(*) filter (where h.sire_id is not null and h.dam_id is not null
        and h.damsire_id is not null),
      count(*)
    from public.ra_mst_horses h, period p
    where h.profile_source is not null and h.last_seen_date >= p.first_day
  )
  select row(
    'fill:' || m.name,
    case
      when m.total = 0 then 'ok'
      when m.filled::numeric / m.total < ra_private.quality_setting('fill_min_' || m.name) then 'fail'
      else 'ok'
    end,
    case
      when m.total = 0 then format('nothing to measure in the last %s days (%s)',
        ra_private.quality_setting('fill_days'), m.what)
      else format('%s%% of %s %s (minimum %s%%, last %s days)',
        round(100.0 * m.filled / m.total, 1), m.total, m.what,
        round(100 * ra_private.quality_setting('fill_min_' || m.name), 1),
        ra_private.quality_setting('fill_days'))
    end
  )::ra_private.quality_check
  from measures m
  order by m.name;
$$;
comment on function ra_private.quality_fill_rates() is
  'fill:<measure>: fail when the share of filled values over the last fill_days racing days is '
  'under its fill_min_<measure> setting (positions on resulted runners, SP on placed runners, '
  'off_dt and distance_f on races, pedigree ids on profiled horses).';
