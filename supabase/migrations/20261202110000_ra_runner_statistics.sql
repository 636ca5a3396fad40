-- Statistics in SQL, second slice (issue 13): point-in-time runner form in ra_runner_statistics.
-- One row per runner (race_id, horse_id): the form of its horse, jockey and trainer as it stood
-- before the race. Only runs (ra_private.runs) in races with an earlier off_dt count: never the
-- race itself, a later race or a race off at the same time. The distance bands and going groups
-- are defined once, here (ra_private.distance_band, ra_private.going_group), and in words in
-- docs/statistics.md; the rates use the formulas of 20261202100000_ra_statistics.sql.
--
-- Set-based: every figure is a window over the runners of one horse, jockey or trainer ordered by
-- off_dt whose frame ends one microsecond before the current off (timestamptz has microsecond
-- resolution), so runs at the same off_dt never count, and no row is looked up one at a time.
-- ra_private.refresh_statistics (replaced here) refreshes this table with the people statistics
-- in the same transaction.

-- ---------------------------------------------------------------------------------------------
-- Definitions: distance band and going group
-- ---------------------------------------------------------------------------------------------

create function ra_private.distance_band(distance_f numeric, distance_y integer,
                                         distance_m numeric)
returns text
language sql
immutable
set search_path = ''
as $$
  select case
    when d.furlongs is null or d.furlongs <= 0 then null
    when d.furlongs < 6.5 then 'up to 6f'
    when d.furlongs < 8.5 then '7f to 1m'
    when d.furlongs < 11.5 then '1m1f to 1m3f'
    when d.furlongs < 15.5 then '1m4f to 1m7f'
    when d.furlongs < 20.5 then '2m to 2m4f'
    when d.furlongs < 24.5 then '2m5f to 3m'
    else 'over 3m'
  end
  from (
    select coalesce(distance_band.distance_f, distance_band.distance_y / 220.0,
                    distance_band.distance_m / 201.168) as furlongs
  ) d;
$$;
comment on function ra_private.distance_band(numeric, integer, numeric) is
  'Distance band of a race from its distance in furlongs (distance_f, else yards / 220, else '
  'metres / 201.168), rounded to the nearest furlong (half up): up to 6f, 7f to 1m, 1m1f to 1m3f, '
  '1m4f to 1m7f, 2m to 2m4f, 2m5f to 3m, over 3m; null without a distance. docs/statistics.md.';

create function ra_private.going_group(going text)
returns text
language sql
immutable
set search_path = ''
as $$
  select case lower(regexp_replace(trim(split_part(going_group.going, '(', 1)), '\s+', ' ', 'g'))
    when 'hard' then 'firm'
    when 'firm' then 'firm'
    when 'good to firm' then 'firm'
    when 'good' then 'good'
    when 'good to yielding' then 'good'
    when 'good to soft' then 'soft'
    when 'yielding' then 'soft'
    when 'yielding to soft' then 'soft'
    when 'soft' then 'soft'
    when 'soft to heavy' then 'heavy'
    when 'heavy' then 'heavy'
    when 'fast' then 'all-weather'
    when 'standard to fast' then 'all-weather'
    when 'standard' then 'all-weather'
    when 'standard to slow' then 'all-weather'
    when 'slow' then 'all-weather'
  end;
$$;
comment on function ra_private.going_group(text) is
  'Going group of an official going (case and spacing ignored, anything from a "(" on, such as '
  '"(Good in places)", dropped): firm (Hard, Firm, Good To Firm), good (Good, Good To Yielding), '
  'soft (Good To Soft, Yielding, Yielding To Soft, Soft), heavy (Soft To Heavy, Heavy), '
  'all-weather (Fast, Standard To Fast, Standard, Standard To Slow, Slow); null otherwise. '
  'docs/statistics.md.';

-- ---------------------------------------------------------------------------------------------
-- The table: one row per runner of a race with an off time
-- ---------------------------------------------------------------------------------------------

create table public.ra_runner_statistics (
  race_id text not null,
  horse_id text not null,
  off_dt timestamptz not null,
  jockey_id text,
  trainer_id text,
  course_id text,
  distance_band text,
  going_group text,
  horse_runs integer,
  horse_wins integer,
  horse_places integer,
  horse_win_percent numeric,
  horse_place_percent numeric,
  horse_expected_wins numeric,
  horse_ae_index numeric,
  horse_profit_loss_1u numeric,
  horse_roi_percent numeric,
  horse_course_runs integer,
  horse_course_wins integer,
  horse_course_places integer,
  horse_course_win_percent numeric,
  horse_course_place_percent numeric,
  horse_distance_runs integer,
  horse_distance_wins integer,
  horse_distance_places integer,
  horse_distance_win_percent numeric,
  horse_distance_place_percent numeric,
  horse_going_runs integer,
  horse_going_wins integer,
  horse_going_places integer,
  horse_going_win_percent numeric,
  horse_going_place_percent numeric,
  horse_course_distance_runs integer,
  horse_course_distance_wins integer,
  horse_course_distance_places integer,
  horse_course_distance_win_percent numeric,
  horse_course_distance_place_percent numeric,
  horse_jockey_runs integer,
  horse_jockey_wins integer,
  horse_jockey_places integer,
  horse_jockey_win_percent numeric,
  horse_jockey_place_percent numeric,
  horse_last10_runs integer,
  horse_last10_wins integer,
  horse_last10_places integer,
  horse_last10_win_percent numeric,
  horse_last10_place_percent numeric,
  horse_12m_runs integer,
  horse_12m_wins integer,
  horse_12m_places integer,
  horse_12m_win_percent numeric,
  horse_12m_place_percent numeric,
  jockey_runs integer,
  jockey_wins integer,
  jockey_places integer,
  jockey_win_percent numeric,
  jockey_place_percent numeric,
  jockey_expected_wins numeric,
  jockey_ae_index numeric,
  jockey_profit_loss_1u numeric,
  jockey_roi_percent numeric,
  jockey_course_runs integer,
  jockey_course_wins integer,
  jockey_course_places integer,
  jockey_course_win_percent numeric,
  jockey_course_place_percent numeric,
  jockey_12m_runs integer,
  jockey_12m_wins integer,
  jockey_12m_places integer,
  jockey_12m_win_percent numeric,
  jockey_12m_place_percent numeric,
  trainer_runs integer,
  trainer_wins integer,
  trainer_places integer,
  trainer_win_percent numeric,
  trainer_place_percent numeric,
  trainer_expected_wins numeric,
  trainer_ae_index numeric,
  trainer_profit_loss_1u numeric,
  trainer_roi_percent numeric,
  trainer_course_runs integer,
  trainer_course_wins integer,
  trainer_course_places integer,
  trainer_course_win_percent numeric,
  trainer_course_place_percent numeric,
  trainer_12m_runs integer,
  trainer_12m_wins integer,
  trainer_12m_places integer,
  trainer_12m_win_percent numeric,
  trainer_12m_place_percent numeric,
  horse_days_since_last_run integer,
  jockey_days_since_last_run integer,
  trainer_days_since_last_run integer,
  primary key (race_id, horse_id),
  foreign key (race_id, horse_id) references public.ra_mst_runners (race_id, horse_id)
    on delete cascade
);
create index ra_runner_statistics_off_dt_idx on public.ra_runner_statistics (off_dt);
-- What an incremental refresh reads: the runners of the races off since a point in time.
create index ra_mst_races_off_dt_idx on public.ra_mst_races (off_dt);
alter table public.ra_runner_statistics enable row level security;

comment on table public.ra_runner_statistics is
  'Point-in-time form of each runner: its horse, jockey and trainer before the race, counting only '
  'runs in races with an earlier off_dt (docs/statistics.md); written only by '
  'ra_private.refresh_statistics.';
comment on column public.ra_runner_statistics.race_id is 'The race (with horse_id, the runner).';
comment on column public.ra_runner_statistics.horse_id is 'The horse (with race_id, the runner).';
comment on column public.ra_runner_statistics.off_dt is
  'Off time of the race: only races off before it count.';
comment on column public.ra_runner_statistics.jockey_id is
  'The runner''s jockey, whose form the jockey_* columns give.';
comment on column public.ra_runner_statistics.trainer_id is
  'The runner''s trainer, whose form the trainer_* columns give.';
comment on column public.ra_runner_statistics.course_id is
  'Course of the race (the course blocks).';
comment on column public.ra_runner_statistics.distance_band is
  'Distance band of the race (ra_private.distance_band).';
comment on column public.ra_runner_statistics.going_group is
  'Going group of the race (ra_private.going_group).';
comment on column public.ra_runner_statistics.horse_runs is
  'Runs: the horse''s career; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.horse_wins is
  'Wins: the horse''s career; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.horse_places is
  'Places (1st-3rd): the horse''s career; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.horse_win_percent is
  'Win %: the horse''s career; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.horse_place_percent is
  'Place %: the horse''s career; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.horse_expected_wins is
  'Expected wins (sum of 1 / SP, 2 decimals): the horse''s career; only runs in races with an '
  'earlier off_dt count.';
comment on column public.ra_runner_statistics.horse_ae_index is
  'A/E: the horse''s career; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.horse_profit_loss_1u is
  'Level-stakes P/L at SP (units): the horse''s career; only runs in races with an earlier off_dt'
  ' count.';
comment on column public.ra_runner_statistics.horse_roi_percent is
  'ROI %: the horse''s career; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.horse_course_runs is
  'Runs: the horse at this course; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.horse_course_wins is
  'Wins: the horse at this course; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.horse_course_places is
  'Places (1st-3rd): the horse at this course; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.horse_course_win_percent is
  'Win %: the horse at this course; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.horse_course_place_percent is
  'Place %: the horse at this course; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.horse_distance_runs is
  'Runs: the horse in this distance band; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.horse_distance_wins is
  'Wins: the horse in this distance band; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.horse_distance_places is
  'Places (1st-3rd): the horse in this distance band; only runs in races with an earlier off_dt '
  'count.';
comment on column public.ra_runner_statistics.horse_distance_win_percent is
  'Win %: the horse in this distance band; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.horse_distance_place_percent is
  'Place %: the horse in this distance band; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.horse_going_runs is
  'Runs: the horse in this going group; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.horse_going_wins is
  'Wins: the horse in this going group; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.horse_going_places is
  'Places (1st-3rd): the horse in this going group; only runs in races with an earlier off_dt '
  'count.';
comment on column public.ra_runner_statistics.horse_going_win_percent is
  'Win %: the horse in this going group; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.horse_going_place_percent is
  'Place %: the horse in this going group; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.horse_course_distance_runs is
  'Runs: the horse at this course in this distance band (course and distance); only runs in races'
  ' with an earlier off_dt count.';
comment on column public.ra_runner_statistics.horse_course_distance_wins is
  'Wins: the horse at this course in this distance band (course and distance); only runs in races'
  ' with an earlier off_dt count.';
comment on column public.ra_runner_statistics.horse_course_distance_places is
  'Places (1st-3rd): the horse at this course in this distance band (course and distance); only '
  'runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.horse_course_distance_win_percent is
  'Win %: the horse at this course in this distance band (course and distance); only runs in '
  'races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.horse_course_distance_place_percent is
  'Place %: the horse at this course in this distance band (course and distance); only runs in '
  'races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.horse_jockey_runs is
  'Runs: the horse with this jockey; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.horse_jockey_wins is
  'Wins: the horse with this jockey; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.horse_jockey_places is
  'Places (1st-3rd): the horse with this jockey; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.horse_jockey_win_percent is
  'Win %: the horse with this jockey; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.horse_jockey_place_percent is
  'Place %: the horse with this jockey; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.horse_last10_runs is
  'Runs: the horse''s last 10 runs; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.horse_last10_wins is
  'Wins: the horse''s last 10 runs; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.horse_last10_places is
  'Places (1st-3rd): the horse''s last 10 runs; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.horse_last10_win_percent is
  'Win %: the horse''s last 10 runs; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.horse_last10_place_percent is
  'Place %: the horse''s last 10 runs; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.horse_12m_runs is
  'Runs: the horse in the 12 months before the off; only runs in races with an earlier off_dt '
  'count.';
comment on column public.ra_runner_statistics.horse_12m_wins is
  'Wins: the horse in the 12 months before the off; only runs in races with an earlier off_dt '
  'count.';
comment on column public.ra_runner_statistics.horse_12m_places is
  'Places (1st-3rd): the horse in the 12 months before the off; only runs in races with an '
  'earlier off_dt count.';
comment on column public.ra_runner_statistics.horse_12m_win_percent is
  'Win %: the horse in the 12 months before the off; only runs in races with an earlier off_dt '
  'count.';
comment on column public.ra_runner_statistics.horse_12m_place_percent is
  'Place %: the horse in the 12 months before the off; only runs in races with an earlier off_dt '
  'count.';
comment on column public.ra_runner_statistics.jockey_runs is
  'Runs: the jockey''s career; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.jockey_wins is
  'Wins: the jockey''s career; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.jockey_places is
  'Places (1st-3rd): the jockey''s career; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.jockey_win_percent is
  'Win %: the jockey''s career; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.jockey_place_percent is
  'Place %: the jockey''s career; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.jockey_expected_wins is
  'Expected wins (sum of 1 / SP, 2 decimals): the jockey''s career; only runs in races with an '
  'earlier off_dt count.';
comment on column public.ra_runner_statistics.jockey_ae_index is
  'A/E: the jockey''s career; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.jockey_profit_loss_1u is
  'Level-stakes P/L at SP (units): the jockey''s career; only runs in races with an earlier '
  'off_dt count.';
comment on column public.ra_runner_statistics.jockey_roi_percent is
  'ROI %: the jockey''s career; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.jockey_course_runs is
  'Runs: the jockey at this course; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.jockey_course_wins is
  'Wins: the jockey at this course; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.jockey_course_places is
  'Places (1st-3rd): the jockey at this course; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.jockey_course_win_percent is
  'Win %: the jockey at this course; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.jockey_course_place_percent is
  'Place %: the jockey at this course; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.jockey_12m_runs is
  'Runs: the jockey in the 12 months before the off; only runs in races with an earlier off_dt '
  'count.';
comment on column public.ra_runner_statistics.jockey_12m_wins is
  'Wins: the jockey in the 12 months before the off; only runs in races with an earlier off_dt '
  'count.';
comment on column public.ra_runner_statistics.jockey_12m_places is
  'Places (1st-3rd): the jockey in the 12 months before the off; only runs in races with an '
  'earlier off_dt count.';
comment on column public.ra_runner_statistics.jockey_12m_win_percent is
  'Win %: the jockey in the 12 months before the off; only runs in races with an earlier off_dt '
  'count.';
comment on column public.ra_runner_statistics.jockey_12m_place_percent is
  'Place %: the jockey in the 12 months before the off; only runs in races with an earlier off_dt'
  ' count.';
comment on column public.ra_runner_statistics.trainer_runs is
  'Runs: the trainer''s career; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.trainer_wins is
  'Wins: the trainer''s career; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.trainer_places is
  'Places (1st-3rd): the trainer''s career; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.trainer_win_percent is
  'Win %: the trainer''s career; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.trainer_place_percent is
  'Place %: the trainer''s career; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.trainer_expected_wins is
  'Expected wins (sum of 1 / SP, 2 decimals): the trainer''s career; only runs in races with an '
  'earlier off_dt count.';
comment on column public.ra_runner_statistics.trainer_ae_index is
  'A/E: the trainer''s career; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.trainer_profit_loss_1u is
  'Level-stakes P/L at SP (units): the trainer''s career; only runs in races with an earlier '
  'off_dt count.';
comment on column public.ra_runner_statistics.trainer_roi_percent is
  'ROI %: the trainer''s career; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.trainer_course_runs is
  'Runs: the trainer at this course; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.trainer_course_wins is
  'Wins: the trainer at this course; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.trainer_course_places is
  'Places (1st-3rd): the trainer at this course; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.trainer_course_win_percent is
  'Win %: the trainer at this course; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.trainer_course_place_percent is
  'Place %: the trainer at this course; only runs in races with an earlier off_dt count.';
comment on column public.ra_runner_statistics.trainer_12m_runs is
  'Runs: the trainer in the 12 months before the off; only runs in races with an earlier off_dt '
  'count.';
comment on column public.ra_runner_statistics.trainer_12m_wins is
  'Wins: the trainer in the 12 months before the off; only runs in races with an earlier off_dt '
  'count.';
comment on column public.ra_runner_statistics.trainer_12m_places is
  'Places (1st-3rd): the trainer in the 12 months before the off; only runs in races with an '
  'earlier off_dt count.';
comment on column public.ra_runner_statistics.trainer_12m_win_percent is
  'Win %: the trainer in the 12 months before the off; only runs in races with an earlier off_dt '
  'count.';
comment on column public.ra_runner_statistics.trainer_12m_place_percent is
  'Place %: the trainer in the 12 months before the off; only runs in races with an earlier '
  'off_dt count.';
comment on column public.ra_runner_statistics.horse_days_since_last_run is
  'Days from the horse''s last run before this race (its run date) to this race''s date; null '
  'when it has no earlier run.';
comment on column public.ra_runner_statistics.jockey_days_since_last_run is
  'Days from the jockey''s last run before this race (its run date) to this race''s date; null '
  'when it has no earlier run.';
comment on column public.ra_runner_statistics.trainer_days_since_last_run is
  'Days from the trainer''s last run before this race (its run date) to this race''s date; null '
  'when it has no earlier run.';

-- ---------------------------------------------------------------------------------------------
-- The computation
-- ---------------------------------------------------------------------------------------------

create function ra_private.runner_form(horse_ids text[], jockey_ids text[],
                                       trainer_ids text[], from_off_dt timestamptz)
returns table (
  race_id text,
  horse_id text,
  off_dt timestamptz,
  jockey_id text,
  trainer_id text,
  course_id text,
  distance_band text,
  going_group text,
  horse_runs integer,
  horse_wins integer,
  horse_places integer,
  horse_win_percent numeric,
  horse_place_percent numeric,
  horse_expected_wins numeric,
  horse_ae_index numeric,
  horse_profit_loss_1u numeric,
  horse_roi_percent numeric,
  horse_course_runs integer,
  horse_course_wins integer,
  horse_course_places integer,
  horse_course_win_percent numeric,
  horse_course_place_percent numeric,
  horse_distance_runs integer,
  horse_distance_wins integer,
  horse_distance_places integer,
  horse_distance_win_percent numeric,
  horse_distance_place_percent numeric,
  horse_going_runs integer,
  horse_going_wins integer,
  horse_going_places integer,
  horse_going_win_percent numeric,
  horse_going_place_percent numeric,
  horse_course_distance_runs integer,
  horse_course_distance_wins integer,
  horse_course_distance_places integer,
  horse_course_distance_win_percent numeric,
  horse_course_distance_place_percent numeric,
  horse_jockey_runs integer,
  horse_jockey_wins integer,
  horse_jockey_places integer,
  horse_jockey_win_percent numeric,
  horse_jockey_place_percent numeric,
  horse_last10_runs integer,
  horse_last10_wins integer,
  horse_last10_places integer,
  horse_last10_win_percent numeric,
  horse_last10_place_percent numeric,
  horse_12m_runs integer,
  horse_12m_wins integer,
  horse_12m_places integer,
  horse_12m_win_percent numeric,
  horse_12m_place_percent numeric,
  jockey_runs integer,
  jockey_wins integer,
  jockey_places integer,
  jockey_win_percent numeric,
  jockey_place_percent numeric,
  jockey_expected_wins numeric,
  jockey_ae_index numeric,
  jockey_profit_loss_1u numeric,
  jockey_roi_percent numeric,
  jockey_course_runs integer,
  jockey_course_wins integer,
  jockey_course_places integer,
  jockey_course_win_percent numeric,
  jockey_course_place_percent numeric,
  jockey_12m_runs integer,
  jockey_12m_wins integer,
  jockey_12m_places integer,
  jockey_12m_win_percent numeric,
  jockey_12m_place_percent numeric,
  trainer_runs integer,
  trainer_wins integer,
  trainer_places integer,
  trainer_win_percent numeric,
  trainer_place_percent numeric,
  trainer_expected_wins numeric,
  trainer_ae_index numeric,
  trainer_profit_loss_1u numeric,
  trainer_roi_percent numeric,
  trainer_course_runs integer,
  trainer_course_wins integer,
  trainer_course_places integer,
  trainer_course_win_percent numeric,
  trainer_course_place_percent numeric,
  trainer_12m_runs integer,
  trainer_12m_wins integer,
  trainer_12m_places integer,
  trainer_12m_win_percent numeric,
  trainer_12m_place_percent numeric,
  horse_days_since_last_run integer,
  jockey_days_since_last_run integer,
  trainer_days_since_last_run integer
)
language sql
stable
set search_path = ''
-- The joins between the materialized steps below are of whole histories; a nested loop over
-- them (chosen on the generic plan's small estimates) is quadratic.
set enable_nestloop = off
as $$
  with race_points as materialized (
    -- Each race with an off time, its band and going group worked out once.
    select
      ra.id as race_id,
      ra.course_id,
      ra.off_dt,
      coalesce(ra.race_date, (ra.off_dt at time zone 'Europe/London')::date) as race_date,
      ra_private.distance_band(ra.distance_f, ra.distance_y, ra.distance_m) as distance_band,
      ra_private.going_group(ra.going) as going_group
    from public.ra_mst_races ra
    where ra.off_dt is not null
  ),
  runner_points as materialized (
    -- Every runner of those races whose horse, jockey or trainer is asked for, with its run's
    -- figures when it is a run.
    select
      ru.race_id,
      ru.horse_id,
      ru.jockey_id,
      ru.trainer_id,
      rp.course_id,
      rp.off_dt,
      rp.race_date,
      rp.distance_band,
      rp.going_group,
      r.run_date,
      (r.race_id is not null)::integer as run,
      r.is_win::integer as win,
      r.is_place::integer as place,
      (r.sp_decimal is not null)::integer as sp_run,
      r.sp_actual_win,
      r.sp_expected_win,
      r.sp_profit
    from public.ra_mst_runners ru
    join race_points rp on rp.race_id = ru.race_id
    left join ra_private.runs r on r.race_id = ru.race_id and r.horse_id = ru.horse_id
    where (runner_form.horse_ids is null and runner_form.jockey_ids is null
           and runner_form.trainer_ids is null)
       or ru.horse_id = any (runner_form.horse_ids)
       or ru.jockey_id = any (runner_form.jockey_ids)
       or ru.trainer_id = any (runner_form.trainer_ids)
  ),
  -- Each horse's runs numbered in off order, with running totals: the last 10 runs before a race
  -- are the totals at its run count less those 10 runs earlier. A horse runs once at a time.
  horse_run_sequence as materialized (
    select
      b.horse_id,
      row_number() over w as run_number,
      sum(b.win) over w as wins,
      sum(b.place) over w as places
    from runner_points b
    where b.run = 1
      and (runner_form.horse_ids is null or b.horse_id = any (runner_form.horse_ids))
    window w as (partition by b.horse_id order by b.off_dt rows unbounded preceding)
  ),
  horse_form as materialized (
    select
      b.race_id,
      b.horse_id,
      sum(b.run) over h_career as career_runs,
      sum(b.win) over h_career as career_wins,
      sum(b.place) over h_career as career_places,
      sum(b.sp_run) over h_career as career_sp_runs,
      sum(b.sp_actual_win) over h_career as career_sp_wins,
      sum(b.sp_expected_win) over h_career as career_expected,
      sum(b.sp_profit) over h_career as career_profit,
      sum(b.run) over h_course as course_runs,
      sum(b.win) over h_course as course_wins,
      sum(b.place) over h_course as course_places,
      sum(b.run) over h_distance as distance_runs,
      sum(b.win) over h_distance as distance_wins,
      sum(b.place) over h_distance as distance_places,
      sum(b.run) over h_going as going_runs,
      sum(b.win) over h_going as going_wins,
      sum(b.place) over h_going as going_places,
      sum(b.run) over h_course_distance as course_distance_runs,
      sum(b.win) over h_course_distance as course_distance_wins,
      sum(b.place) over h_course_distance as course_distance_places,
      sum(b.run) over h_jockey as jockey_runs,
      sum(b.win) over h_jockey as jockey_wins,
      sum(b.place) over h_jockey as jockey_places,
      sum(b.run) over h_12m as year_runs,
      sum(b.win) over h_12m as year_wins,
      sum(b.place) over h_12m as year_places,
      max(b.run_date) over h_career as last_run_date
    from runner_points b
    where runner_form.horse_ids is null or b.horse_id = any (runner_form.horse_ids)
    window
      h_career as (partition by b.horse_id order by b.off_dt
        range between unbounded preceding and interval '1 microsecond' preceding),
      h_course as (partition by b.horse_id, b.course_id order by b.off_dt
        range between unbounded preceding and interval '1 microsecond' preceding),
      h_distance as (partition by b.horse_id, b.distance_band order by b.off_dt
        range between unbounded preceding and interval '1 microsecond' preceding),
      h_going as (partition by b.horse_id, b.going_group order by b.off_dt
        range between unbounded preceding and interval '1 microsecond' preceding),
      h_course_distance as (partition by b.horse_id, b.course_id, b.distance_band order by b.off_dt
        range between unbounded preceding and interval '1 microsecond' preceding),
      h_jockey as (partition by b.horse_id, b.jockey_id order by b.off_dt
        range between unbounded preceding and interval '1 microsecond' preceding),
      h_12m as (partition by b.horse_id order by b.off_dt
        range between interval '12 months' preceding and interval '1 microsecond' preceding)
  ),
  jockey_form as materialized (
    select
      b.race_id,
      b.horse_id,
      sum(b.run) over j_career as career_runs,
      sum(b.win) over j_career as career_wins,
      sum(b.place) over j_career as career_places,
      sum(b.sp_run) over j_career as career_sp_runs,
      sum(b.sp_actual_win) over j_career as career_sp_wins,
      sum(b.sp_expected_win) over j_career as career_expected,
      sum(b.sp_profit) over j_career as career_profit,
      sum(b.run) over j_course as course_runs,
      sum(b.win) over j_course as course_wins,
      sum(b.place) over j_course as course_places,
      sum(b.run) over j_12m as year_runs,
      sum(b.win) over j_12m as year_wins,
      sum(b.place) over j_12m as year_places,
      max(b.run_date) over j_career as last_run_date
    from runner_points b
    where b.jockey_id is not null
      and (runner_form.jockey_ids is null or b.jockey_id = any (runner_form.jockey_ids))
    window
      j_career as (partition by b.jockey_id order by b.off_dt
        range between unbounded preceding and interval '1 microsecond' preceding),
      j_course as (partition by b.jockey_id, b.course_id order by b.off_dt
        range between unbounded preceding and interval '1 microsecond' preceding),
      j_12m as (partition by b.jockey_id order by b.off_dt
        range between interval '12 months' preceding and interval '1 microsecond' preceding)
  ),
  trainer_form as materialized (
    select
      b.race_id,
      b.horse_id,
      sum(b.run) over t_career as career_runs,
      sum(b.win) over t_career as career_wins,
      sum(b.place) over t_career as career_places,
      sum(b.sp_run) over t_career as career_sp_runs,
      sum(b.sp_actual_win) over t_career as career_sp_wins,
      sum(b.sp_expected_win) over t_career as career_expected,
      sum(b.sp_profit) over t_career as career_profit,
      sum(b.run) over t_course as course_runs,
      sum(b.win) over t_course as course_wins,
      sum(b.place) over t_course as course_places,
      sum(b.run) over t_12m as year_runs,
      sum(b.win) over t_12m as year_wins,
      sum(b.place) over t_12m as year_places,
      max(b.run_date) over t_career as last_run_date
    from runner_points b
    where b.trainer_id is not null
      and (runner_form.trainer_ids is null or b.trainer_id = any (runner_form.trainer_ids))
    window
      t_career as (partition by b.trainer_id order by b.off_dt
        range between unbounded preceding and interval '1 microsecond' preceding),
      t_course as (partition by b.trainer_id, b.course_id order by b.off_dt
        range between unbounded preceding and interval '1 microsecond' preceding),
      t_12m as (partition by b.trainer_id order by b.off_dt
        range between interval '12 months' preceding and interval '1 microsecond' preceding)
  )
  select
    t.race_id,
    t.horse_id,
    t.off_dt,
    t.jockey_id,
    t.trainer_id,
    t.course_id,
    t.distance_band,
    t.going_group,
    coalesce(h.career_runs, 0)::integer,
    coalesce(h.career_wins, 0)::integer,
    coalesce(h.career_places, 0)::integer,
    ra_private.percent_of(h.career_wins, h.career_runs),
    ra_private.percent_of(h.career_places, h.career_runs),
    round(h.career_expected, 2),
    ra_private.ae_index(h.career_sp_wins, h.career_expected),
    round(h.career_profit, 2),
    ra_private.roi_percent(h.career_profit, h.career_sp_runs),
    case when t.course_id is not null
      then coalesce(h.course_runs, 0)::integer end,
    case when t.course_id is not null
      then coalesce(h.course_wins, 0)::integer end,
    case when t.course_id is not null
      then coalesce(h.course_places, 0)::integer end,
    case when t.course_id is not null
      then ra_private.percent_of(h.course_wins, h.course_runs) end,
    case when t.course_id is not null
      then ra_private.percent_of(h.course_places, h.course_runs) end,
    case when t.distance_band is not null
      then coalesce(h.distance_runs, 0)::integer end,
    case when t.distance_band is not null
      then coalesce(h.distance_wins, 0)::integer end,
    case when t.distance_band is not null
      then coalesce(h.distance_places, 0)::integer end,
    case when t.distance_band is not null
      then ra_private.percent_of(h.distance_wins, h.distance_runs) end,
    case when t.distance_band is not null
      then ra_private.percent_of(h.distance_places, h.distance_runs) end,
    case when t.going_group is not null
      then coalesce(h.going_runs, 0)::integer end,
    case when t.going_group is not null
      then coalesce(h.going_wins, 0)::integer end,
    case when t.going_group is not null
      then coalesce(h.going_places, 0)::integer end,
    case when t.going_group is not null
      then ra_private.percent_of(h.going_wins, h.going_runs) end,
    case when t.going_group is not null
      then ra_private.percent_of(h.going_places, h.going_runs) end,
    case when t.course_id is not null and t.distance_band is not null
      then coalesce(h.course_distance_runs, 0)::integer end,
    case when t.course_id is not null and t.distance_band is not null
      then coalesce(h.course_distance_wins, 0)::integer end,
    case when t.course_id is not null and t.distance_band is not null
      then coalesce(h.course_distance_places, 0)::integer end,
    case when t.course_id is not null and t.distance_band is not null
      then ra_private.percent_of(h.course_distance_wins, h.course_distance_runs) end,
    case when t.course_id is not null and t.distance_band is not null
      then ra_private.percent_of(h.course_distance_places, h.course_distance_runs) end,
    case when t.jockey_id is not null
      then coalesce(h.jockey_runs, 0)::integer end,
    case when t.jockey_id is not null
      then coalesce(h.jockey_wins, 0)::integer end,
    case when t.jockey_id is not null
      then coalesce(h.jockey_places, 0)::integer end,
    case when t.jockey_id is not null
      then ra_private.percent_of(h.jockey_wins, h.jockey_runs) end,
    case when t.jockey_id is not null
      then ra_private.percent_of(h.jockey_places, h.jockey_runs) end,
    coalesce(least(h.career_runs, 10), 0)::integer,
    (coalesce(last.wins, 0) - coalesce(tenth.wins, 0))::integer,
    (coalesce(last.places, 0) - coalesce(tenth.places, 0))::integer,
    ra_private.percent_of(coalesce(last.wins, 0) - coalesce(tenth.wins, 0),
      least(h.career_runs, 10)),
    ra_private.percent_of(coalesce(last.places, 0) - coalesce(tenth.places, 0),
      least(h.career_runs, 10)),
    coalesce(h.year_runs, 0)::integer,
    coalesce(h.year_wins, 0)::integer,
    coalesce(h.year_places, 0)::integer,
    ra_private.percent_of(h.year_wins, h.year_runs),
    ra_private.percent_of(h.year_places, h.year_runs),
    case when t.jockey_id is not null
      then coalesce(j.career_runs, 0)::integer end,
    case when t.jockey_id is not null
      then coalesce(j.career_wins, 0)::integer end,
    case when t.jockey_id is not null
      then coalesce(j.career_places, 0)::integer end,
    case when t.jockey_id is not null
      then ra_private.percent_of(j.career_wins, j.career_runs) end,
    case when t.jockey_id is not null
      then ra_private.percent_of(j.career_places, j.career_runs) end,
    case when t.jockey_id is not null
      then round(j.career_expected, 2) end,
    case when t.jockey_id is not null
      then ra_private.ae_index(j.career_sp_wins, j.career_expected) end,
    case when t.jockey_id is not null
      then round(j.career_profit, 2) end,
    case when t.jockey_id is not null
      then ra_private.roi_percent(j.career_profit, j.career_sp_runs) end,
    case when t.jockey_id is not null and t.course_id is not null
      then coalesce(j.course_runs, 0)::integer end,
    case when t.jockey_id is not null and t.course_id is not null
      then coalesce(j.course_wins, 0)::integer end,
    case when t.jockey_id is not null and t.course_id is not null
      then coalesce(j.course_places, 0)::integer end,
    case when t.jockey_id is not null and t.course_id is not null
      then ra_private.percent_of(j.course_wins, j.course_runs) end,
    case when t.jockey_id is not null and t.course_id is not null
      then ra_private.percent_of(j.course_places, j.course_runs) end,
    case when t.jockey_id is not null
      then coalesce(j.year_runs, 0)::integer end,
    case when t.jockey_id is not null
      then coalesce(j.year_wins, 0)::integer end,
    case when t.jockey_id is not null
      then coalesce(j.year_places, 0)::integer end,
    case when t.jockey_id is not null
      then ra_private.percent_of(j.year_wins, j.year_runs) end,
    case when t.jockey_id is not null
      then ra_private.percent_of(j.year_places, j.year_runs) end,
    case when t.trainer_id is not null
      then coalesce(tr.career_runs, 0)::integer end,
    case when t.trainer_id is not null
      then coalesce(tr.career_wins, 0)::integer end,
    case when t.trainer_id is not null
      then coalesce(tr.career_places, 0)::integer end,
    case when t.trainer_id is not null
      then ra_private.percent_of(tr.career_wins, tr.career_runs) end,
    case when t.trainer_id is not null
      then ra_private.percent_of(tr.career_places, tr.career_runs) end,
    case when t.trainer_id is not null
      then round(tr.career_expected, 2) end,
    case when t.trainer_id is not null
      then ra_private.ae_index(tr.career_sp_wins, tr.career_expected) end,
    case when t.trainer_id is not null
      then round(tr.career_profit, 2) end,
    case when t.trainer_id is not null
      then ra_private.roi_percent(tr.career_profit, tr.career_sp_runs) end,
    case when t.trainer_id is not null and t.course_id is not null
      then coalesce(tr.course_runs, 0)::integer end,
    case when t.trainer_id is not null and t.course_id is not null
      then coalesce(tr.course_wins, 0)::integer end,
    case when t.trainer_id is not null and t.course_id is not null
      then coalesce(tr.course_places, 0)::integer end,
    case when t.trainer_id is not null and t.course_id is not null
      then ra_private.percent_of(tr.course_wins, tr.course_runs) end,
    case when t.trainer_id is not null and t.course_id is not null
      then ra_private.percent_of(tr.course_places, tr.course_runs) end,
    case when t.trainer_id is not null
      then coalesce(tr.year_runs, 0)::integer end,
    case when t.trainer_id is not null
      then coalesce(tr.year_wins, 0)::integer end,
    case when t.trainer_id is not null
      then coalesce(tr.year_places, 0)::integer end,
    case when t.trainer_id is not null
      then ra_private.percent_of(tr.year_wins, tr.year_runs) end,
    case when t.trainer_id is not null
      then ra_private.percent_of(tr.year_places, tr.year_runs) end,
    t.race_date - h.last_run_date,
    case when t.jockey_id is not null
      then t.race_date - j.last_run_date end,
    case when t.trainer_id is not null
      then t.race_date - tr.last_run_date end
  from runner_points t
  join horse_form h on h.race_id = t.race_id and h.horse_id = t.horse_id
  left join jockey_form j on j.race_id = t.race_id and j.horse_id = t.horse_id
  left join trainer_form tr on tr.race_id = t.race_id and tr.horse_id = t.horse_id
  left join horse_run_sequence last
    on last.horse_id = t.horse_id and last.run_number = h.career_runs
  left join horse_run_sequence tenth
    on tenth.horse_id = t.horse_id and tenth.run_number = h.career_runs - 10
  where t.off_dt >= coalesce(runner_form.from_off_dt, '-infinity')
    and (runner_form.horse_ids is null or t.horse_id = any (runner_form.horse_ids))
    and (runner_form.jockey_ids is null or t.jockey_id is null
      or t.jockey_id = any (runner_form.jockey_ids))
    and (runner_form.trainer_ids is null or t.trainer_id is null
      or t.trainer_id = any (runner_form.trainer_ids));
$$;
comment on function ra_private.runner_form(text[], text[], text[], timestamptz) is
  'Point-in-time form (the columns of ra_runner_statistics) of the runners of races off at or '
  'after from_off_dt (null: all) whose horse, jockey and trainer are in the given lists (null: '
  'any). Each figure counts only runs (ra_private.runs) in races off strictly before the runner''s '
  'race, computed by window functions over each horse''s, jockey''s and trainer''s whole history.';

-- ---------------------------------------------------------------------------------------------
-- Refresh: the people statistics as before, then the runner form, in the same transaction
-- ---------------------------------------------------------------------------------------------

create or replace function ra_private.refresh_statistics(full boolean default false,
                                                      as_of date default null)
returns public.ra_sync_runs
language plpgsql
set search_path = ''
as $$
declare
  -- Writes still in flight when the last refresh read the runners committed with an updated_at
  -- a little before it: look back this far past it.
  write_overlap constant interval := interval '1 hour';
  reference_date date := coalesce(refresh_statistics.as_of,
    (now() at time zone 'Europe/London')::date);
  run public.ra_sync_runs;
  state ra_private.statistics_state;
  recompute_all boolean;
  touched_since timestamptz;
  jockey_ids text[];
  trainer_ids text[];
  owner_ids text[];
  jockeys_changed integer;
  trainers_changed integer;
  owners_changed integer;
  recomputed integer;
  dated integer;
  runners_from timestamptz;
  touched_horse_ids text[];
  touched_jockey_ids text[];
  touched_trainer_ids text[];
  form_horse_ids text[];
  form_jockey_ids text[];
  form_trainer_ids text[];
  runners_recomputed integer := 0;
  runners_changed integer := 0;
  runners_removed integer := 0;
  failure text;
begin
  insert into public.ra_sync_runs (function_name, mode, request_body)
  values ('refresh-statistics',
          case when refresh_statistics.full then 'full' else 'incremental' end,
          jsonb_build_object('full', refresh_statistics.full, 'as_of', refresh_statistics.as_of))
  returning * into run;

  begin
    -- One refresh at a time: a second waits here, then sees the first one's work.
    select * into state from ra_private.statistics_state s where s.singleton for update;
    recompute_all := refresh_statistics.full or state.last_refresh_at is null;

    if not recompute_all then
      touched_since := state.last_refresh_at - write_overlap;
      with touched as (
        -- Runners whose result (or race) changed since the last refresh.
        select ru.jockey_id, ru.trainer_id, ru.owner_id
        from public.ra_mst_runners ru
        where ru.updated_at > touched_since
        union
        select ru.jockey_id, ru.trainer_id, ru.owner_id
        from public.ra_mst_races ra
        join public.ra_mst_runners ru on ru.race_id = ra.id
        where ra.updated_at > touched_since
        union
        -- A new reference date moves the 14 and 30 day windows (and which runs are on or
        -- before it): everyone with a run between the two dates, less 30 days, is recomputed.
        select ru.jockey_id, ru.trainer_id, ru.owner_id
        from public.ra_mst_races ra
        join public.ra_mst_runners ru on ru.race_id = ra.id
        where state.last_as_of is distinct from reference_date
          and ra.race_date between least(state.last_as_of, reference_date) - 30
                               and greatest(state.last_as_of, reference_date)
      )
      select
        array(
          select distinct x.jockey_id from touched x where x.jockey_id is not null
          union
          select j.id from public.ra_mst_jockeys j
          where not exists (
            select 1 from public.ra_jockey_statistics s where s.jockey_id = j.id)),
        array(
          select distinct x.trainer_id from touched x where x.trainer_id is not null
          union
          select t.id from public.ra_mst_trainers t
          where not exists (
            select 1 from public.ra_trainer_statistics s where s.trainer_id = t.id)),
        array(
          select distinct x.owner_id from touched x where x.owner_id is not null
          union
          select o.id from public.ra_mst_owners o
          where not exists (
            select 1 from public.ra_owner_statistics s where s.owner_id = o.id))
      into jockey_ids, trainer_ids, owner_ids;
    end if;

    with stats as materialized (
      select *
      from ra_private.person_statistics(reference_date, jockey_ids, trainer_ids, owner_ids)
    ),
  jockeys as (
    insert into public.ra_jockey_statistics as t (
      jockey_id, total_runs, total_wins, total_places, total_seconds, total_thirds, win_percent,
      place_percent, expected_wins, ae_index, profit_loss_1u, roi_percent, recent_14d_runs,
      recent_14d_wins, recent_14d_places, recent_14d_seconds, recent_14d_thirds,
      recent_14d_win_percent, recent_14d_place_percent, recent_14d_expected_wins,
      recent_14d_ae_index, recent_14d_profit_loss_1u, recent_14d_roi_percent, recent_30d_runs,
      recent_30d_wins, recent_30d_places, recent_30d_seconds, recent_30d_thirds,
      recent_30d_win_percent, recent_30d_place_percent, recent_30d_expected_wins,
      recent_30d_ae_index, recent_30d_profit_loss_1u, recent_30d_roi_percent, last_run_date,
      last_win_date, days_since_last_run, days_since_last_win, statistics_as_of
    )
    select
      s.person_id, s.total_runs, s.total_wins, s.total_places, s.total_seconds, s.total_thirds,
      s.win_percent, s.place_percent, s.expected_wins, s.ae_index, s.profit_loss_1u, s.roi_percent,
      s.recent_14d_runs, s.recent_14d_wins, s.recent_14d_places, s.recent_14d_seconds,
      s.recent_14d_thirds, s.recent_14d_win_percent, s.recent_14d_place_percent,
      s.recent_14d_expected_wins, s.recent_14d_ae_index, s.recent_14d_profit_loss_1u,
      s.recent_14d_roi_percent, s.recent_30d_runs, s.recent_30d_wins, s.recent_30d_places,
      s.recent_30d_seconds, s.recent_30d_thirds, s.recent_30d_win_percent,
      s.recent_30d_place_percent, s.recent_30d_expected_wins, s.recent_30d_ae_index,
      s.recent_30d_profit_loss_1u, s.recent_30d_roi_percent, s.last_run_date, s.last_win_date,
      s.days_since_last_run, s.days_since_last_win, reference_date
    from stats s
    where s.person_kind = 'jockey'
    on conflict (jockey_id) do update
    set (
      total_runs, total_wins, total_places, total_seconds, total_thirds, win_percent, place_percent,
      expected_wins, ae_index, profit_loss_1u, roi_percent, recent_14d_runs, recent_14d_wins,
      recent_14d_places, recent_14d_seconds, recent_14d_thirds, recent_14d_win_percent,
      recent_14d_place_percent, recent_14d_expected_wins, recent_14d_ae_index,
      recent_14d_profit_loss_1u, recent_14d_roi_percent, recent_30d_runs, recent_30d_wins,
      recent_30d_places, recent_30d_seconds, recent_30d_thirds, recent_30d_win_percent,
      recent_30d_place_percent, recent_30d_expected_wins, recent_30d_ae_index,
      recent_30d_profit_loss_1u, recent_30d_roi_percent, last_run_date, last_win_date,
      days_since_last_run, days_since_last_win, statistics_as_of
    ) = (
      excluded.total_runs, excluded.total_wins, excluded.total_places, excluded.total_seconds,
      excluded.total_thirds, excluded.win_percent, excluded.place_percent, excluded.expected_wins,
      excluded.ae_index, excluded.profit_loss_1u, excluded.roi_percent, excluded.recent_14d_runs,
      excluded.recent_14d_wins, excluded.recent_14d_places, excluded.recent_14d_seconds,
      excluded.recent_14d_thirds, excluded.recent_14d_win_percent,
      excluded.recent_14d_place_percent, excluded.recent_14d_expected_wins,
      excluded.recent_14d_ae_index, excluded.recent_14d_profit_loss_1u,
      excluded.recent_14d_roi_percent, excluded.recent_30d_runs, excluded.recent_30d_wins,
      excluded.recent_30d_places, excluded.recent_30d_seconds, excluded.recent_30d_thirds,
      excluded.recent_30d_win_percent, excluded.recent_30d_place_percent,
      excluded.recent_30d_expected_wins, excluded.recent_30d_ae_index,
      excluded.recent_30d_profit_loss_1u, excluded.recent_30d_roi_percent, excluded.last_run_date,
      excluded.last_win_date, excluded.days_since_last_run, excluded.days_since_last_win,
      excluded.statistics_as_of
    )
    where (
      t.total_runs, t.total_wins, t.total_places, t.total_seconds, t.total_thirds, t.win_percent,
      t.place_percent, t.expected_wins, t.ae_index, t.profit_loss_1u, t.roi_percent,
      t.recent_14d_runs, t.recent_14d_wins, t.recent_14d_places, t.recent_14d_seconds,
      t.recent_14d_thirds, t.recent_14d_win_percent, t.recent_14d_place_percent,
      t.recent_14d_expected_wins, t.recent_14d_ae_index, t.recent_14d_profit_loss_1u,
      t.recent_14d_roi_percent, t.recent_30d_runs, t.recent_30d_wins, t.recent_30d_places,
      t.recent_30d_seconds, t.recent_30d_thirds, t.recent_30d_win_percent,
      t.recent_30d_place_percent, t.recent_30d_expected_wins, t.recent_30d_ae_index,
      t.recent_30d_profit_loss_1u, t.recent_30d_roi_percent, t.last_run_date, t.last_win_date,
      t.days_since_last_run, t.days_since_last_win, t.statistics_as_of
    ) is distinct from (
      excluded.total_runs, excluded.total_wins, excluded.total_places, excluded.total_seconds,
      excluded.total_thirds, excluded.win_percent, excluded.place_percent, excluded.expected_wins,
      excluded.ae_index, excluded.profit_loss_1u, excluded.roi_percent, excluded.recent_14d_runs,
      excluded.recent_14d_wins, excluded.recent_14d_places, excluded.recent_14d_seconds,
      excluded.recent_14d_thirds, excluded.recent_14d_win_percent,
      excluded.recent_14d_place_percent, excluded.recent_14d_expected_wins,
      excluded.recent_14d_ae_index, excluded.recent_14d_profit_loss_1u,
      excluded.recent_14d_roi_percent, excluded.recent_30d_runs, excluded.recent_30d_wins,
      excluded.recent_30d_places, excluded.recent_30d_seconds, excluded.recent_30d_thirds,
      excluded.recent_30d_win_percent, excluded.recent_30d_place_percent,
      excluded.recent_30d_expected_wins, excluded.recent_30d_ae_index,
      excluded.recent_30d_profit_loss_1u, excluded.recent_30d_roi_percent, excluded.last_run_date,
      excluded.last_win_date, excluded.days_since_last_run, excluded.days_since_last_win,
      excluded.statistics_as_of
    )
    returning 1
  ),
  trainers as (
    insert into public.ra_trainer_statistics as t (
      trainer_id, total_runs, total_wins, total_places, total_seconds, total_thirds, win_percent,
      place_percent, expected_wins, ae_index, profit_loss_1u, roi_percent, recent_14d_runs,
      recent_14d_wins, recent_14d_places, recent_14d_seconds, recent_14d_thirds,
      recent_14d_win_percent, recent_14d_place_percent, recent_14d_expected_wins,
      recent_14d_ae_index, recent_14d_profit_loss_1u, recent_14d_roi_percent, recent_30d_runs,
      recent_30d_wins, recent_30d_places, recent_30d_seconds, recent_30d_thirds,
      recent_30d_win_percent, recent_30d_place_percent, recent_30d_expected_wins,
      recent_30d_ae_index, recent_30d_profit_loss_1u, recent_30d_roi_percent, last_run_date,
      last_win_date, days_since_last_run, days_since_last_win, statistics_as_of
    )
    select
      s.person_id, s.total_runs, s.total_wins, s.total_places, s.total_seconds, s.total_thirds,
      s.win_percent, s.place_percent, s.expected_wins, s.ae_index, s.profit_loss_1u, s.roi_percent,
      s.recent_14d_runs, s.recent_14d_wins, s.recent_14d_places, s.recent_14d_seconds,
      s.recent_14d_thirds, s.recent_14d_win_percent, s.recent_14d_place_percent,
      s.recent_14d_expected_wins, s.recent_14d_ae_index, s.recent_14d_profit_loss_1u,
      s.recent_14d_roi_percent, s.recent_30d_runs, s.recent_30d_wins, s.recent_30d_places,
      s.recent_30d_seconds, s.recent_30d_thirds, s.recent_30d_win_percent,
      s.recent_30d_place_percent, s.recent_30d_expected_wins, s.recent_30d_ae_index,
      s.recent_30d_profit_loss_1u, s.recent_30d_roi_percent, s.last_run_date, s.last_win_date,
      s.days_since_last_run, s.days_since_last_win, reference_date
    from stats s
    where s.person_kind = 'trainer'
    on conflict (trainer_id) do update
    set (
      total_runs, total_wins, total_places, total_seconds, total_thirds, win_percent, place_percent,
      expected_wins, ae_index, profit_loss_1u, roi_percent, recent_14d_runs, recent_14d_wins,
      recent_14d_places, recent_14d_seconds, recent_14d_thirds, recent_14d_win_percent,
      recent_14d_place_percent, recent_14d_expected_wins, recent_14d_ae_index,
      recent_14d_profit_loss_1u, recent_14d_roi_percent, recent_30d_runs, recent_30d_wins,
      recent_30d_places, recent_30d_seconds, recent_30d_thirds, recent_30d_win_percent,
      recent_30d_place_percent, recent_30d_expected_wins, recent_30d_ae_index,
      recent_30d_profit_loss_1u, recent_30d_roi_percent, last_run_date, last_win_date,
      days_since_last_run, days_since_last_win, statistics_as_of
    ) = (
      excluded.total_runs, excluded.total_wins, excluded.total_places, excluded.total_seconds,
      excluded.total_thirds, excluded.win_percent, excluded.place_percent, excluded.expected_wins,
      excluded.ae_index, excluded.profit_loss_1u, excluded.roi_percent, excluded.recent_14d_runs,
      excluded.recent_14d_wins, excluded.recent_14d_places, excluded.recent_14d_seconds,
      excluded.recent_14d_thirds, excluded.recent_14d_win_percent,
      excluded.recent_14d_place_percent, excluded.recent_14d_expected_wins,
      excluded.recent_14d_ae_index, excluded.recent_14d_profit_loss_1u,
      excluded.recent_14d_roi_percent, excluded.recent_30d_runs, excluded.recent_30d_wins,
      excluded.recent_30d_places, excluded.recent_30d_seconds, excluded.recent_30d_thirds,
      excluded.recent_30d_win_percent, excluded.recent_30d_place_percent,
      excluded.recent_30d_expected_wins, excluded.recent_30d_ae_index,
      excluded.recent_30d_profit_loss_1u, excluded.recent_30d_roi_percent, excluded.last_run_date,
      excluded.last_win_date, excluded.days_since_last_run, excluded.days_since_last_win,
      excluded.statistics_as_of
    )
    where (
      t.total_runs, t.total_wins, t.total_places, t.total_seconds, t.total_thirds, t.win_percent,
      t.place_percent, t.expected_wins, t.ae_index, t.profit_loss_1u, t.roi_percent,
      t.recent_14d_runs, t.recent_14d_wins, t.recent_14d_places, t.recent_14d_seconds,
      t.recent_14d_thirds, t.recent_14d_win_percent, t.recent_14d_place_percent,
      t.recent_14d_expected_wins, t.recent_14d_ae_index, t.recent_14d_profit_loss_1u,
      t.recent_14d_roi_percent, t.recent_30d_runs, t.recent_30d_wins, t.recent_30d_places,
      t.recent_30d_seconds, t.recent_30d_thirds, t.recent_30d_win_percent,
      t.recent_30d_place_percent, t.recent_30d_expected_wins, t.recent_30d_ae_index,
      t.recent_30d_profit_loss_1u, t.recent_30d_roi_percent, t.last_run_date, t.last_win_date,
      t.days_since_last_run, t.days_since_last_win, t.statistics_as_of
    ) is distinct from (
      excluded.total_runs, excluded.total_wins, excluded.total_places, excluded.total_seconds,
      excluded.total_thirds, excluded.win_percent, excluded.place_percent, excluded.expected_wins,
      excluded.ae_index, excluded.profit_loss_1u, excluded.roi_percent, excluded.recent_14d_runs,
      excluded.recent_14d_wins, excluded.recent_14d_places, excluded.recent_14d_seconds,
      excluded.recent_14d_thirds, excluded.recent_14d_win_percent,
      excluded.recent_14d_place_percent, excluded.recent_14d_expected_wins,
      excluded.recent_14d_ae_index, excluded.recent_14d_profit_loss_1u,
      excluded.recent_14d_roi_percent, excluded.recent_30d_runs, excluded.recent_30d_wins,
      excluded.recent_30d_places, excluded.recent_30d_seconds, excluded.recent_30d_thirds,
      excluded.recent_30d_win_percent, excluded.recent_30d_place_percent,
      excluded.recent_30d_expected_wins, excluded.recent_30d_ae_index,
      excluded.recent_30d_profit_loss_1u, excluded.recent_30d_roi_percent, excluded.last_run_date,
      excluded.last_win_date, excluded.days_since_last_run, excluded.days_since_last_win,
      excluded.statistics_as_of
    )
    returning 1
  ),
  owners as (
    insert into public.ra_owner_statistics as t (
      owner_id, total_runs, total_wins, total_places, total_seconds, total_thirds, win_percent,
      place_percent, expected_wins, ae_index, profit_loss_1u, roi_percent, recent_14d_runs,
      recent_14d_wins, recent_14d_places, recent_14d_seconds, recent_14d_thirds,
      recent_14d_win_percent, recent_14d_place_percent, recent_14d_expected_wins,
      recent_14d_ae_index, recent_14d_profit_loss_1u, recent_14d_roi_percent, recent_30d_runs,
      recent_30d_wins, recent_30d_places, recent_30d_seconds, recent_30d_thirds,
      recent_30d_win_percent, recent_30d_place_percent, recent_30d_expected_wins,
      recent_30d_ae_index, recent_30d_profit_loss_1u, recent_30d_roi_percent, last_run_date,
      last_win_date, days_since_last_run, days_since_last_win, total_horses, statistics_as_of
    )
    select
      s.person_id, s.total_runs, s.total_wins, s.total_places, s.total_seconds, s.total_thirds,
      s.win_percent, s.place_percent, s.expected_wins, s.ae_index, s.profit_loss_1u, s.roi_percent,
      s.recent_14d_runs, s.recent_14d_wins, s.recent_14d_places, s.recent_14d_seconds,
      s.recent_14d_thirds, s.recent_14d_win_percent, s.recent_14d_place_percent,
      s.recent_14d_expected_wins, s.recent_14d_ae_index, s.recent_14d_profit_loss_1u,
      s.recent_14d_roi_percent, s.recent_30d_runs, s.recent_30d_wins, s.recent_30d_places,
      s.recent_30d_seconds, s.recent_30d_thirds, s.recent_30d_win_percent,
      s.recent_30d_place_percent, s.recent_30d_expected_wins, s.recent_30d_ae_index,
      s.recent_30d_profit_loss_1u, s.recent_30d_roi_percent, s.last_run_date, s.last_win_date,
      s.days_since_last_run, s.days_since_last_win, s.total_horses, reference_date
    from stats s
    where s.person_kind = 'owner'
    on conflict (owner_id) do update
    set (
      total_runs, total_wins, total_places, total_seconds, total_thirds, win_percent, place_percent,
      expected_wins, ae_index, profit_loss_1u, roi_percent, recent_14d_runs, recent_14d_wins,
      recent_14d_places, recent_14d_seconds, recent_14d_thirds, recent_14d_win_percent,
      recent_14d_place_percent, recent_14d_expected_wins, recent_14d_ae_index,
      recent_14d_profit_loss_1u, recent_14d_roi_percent, recent_30d_runs, recent_30d_wins,
      recent_30d_places, recent_30d_seconds, recent_30d_thirds, recent_30d_win_percent,
      recent_30d_place_percent, recent_30d_expected_wins, recent_30d_ae_index,
      recent_30d_profit_loss_1u, recent_30d_roi_percent, last_run_date, last_win_date,
      days_since_last_run, days_since_last_win, total_horses, statistics_as_of
    ) = (
      excluded.total_runs, excluded.total_wins, excluded.total_places, excluded.total_seconds,
      excluded.total_thirds, excluded.win_percent, excluded.place_percent, excluded.expected_wins,
      excluded.ae_index, excluded.profit_loss_1u, excluded.roi_percent, excluded.recent_14d_runs,
      excluded.recent_14d_wins, excluded.recent_14d_places, excluded.recent_14d_seconds,
      excluded.recent_14d_thirds, excluded.recent_14d_win_percent,
      excluded.recent_14d_place_percent, excluded.recent_14d_expected_wins,
      excluded.recent_14d_ae_index, excluded.recent_14d_profit_loss_1u,
      excluded.recent_14d_roi_percent, excluded.recent_30d_runs, excluded.recent_30d_wins,
      excluded.recent_30d_places, excluded.recent_30d_seconds, excluded.recent_30d_thirds,
      excluded.recent_30d_win_percent, excluded.recent_30d_place_percent,
      excluded.recent_30d_expected_wins, excluded.recent_30d_ae_index,
      excluded.recent_30d_profit_loss_1u, excluded.recent_30d_roi_percent, excluded.last_run_date,
      excluded.last_win_date, excluded.days_since_last_run, excluded.days_since_last_win,
      excluded.total_horses, excluded.statistics_as_of
    )
    where (
      t.total_runs, t.total_wins, t.total_places, t.total_seconds, t.total_thirds, t.win_percent,
      t.place_percent, t.expected_wins, t.ae_index, t.profit_loss_1u, t.roi_percent,
      t.recent_14d_runs, t.recent_14d_wins, t.recent_14d_places, t.recent_14d_seconds,
      t.recent_14d_thirds, t.recent_14d_win_percent, t.recent_14d_place_percent,
      t.recent_14d_expected_wins, t.recent_14d_ae_index, t.recent_14d_profit_loss_1u,
      t.recent_14d_roi_percent, t.recent_30d_runs, t.recent_30d_wins, t.recent_30d_places,
      t.recent_30d_seconds, t.recent_30d_thirds, t.recent_30d_win_percent,
      t.recent_30d_place_percent, t.recent_30d_expected_wins, t.recent_30d_ae_index,
      t.recent_30d_profit_loss_1u, t.recent_30d_roi_percent, t.last_run_date, t.last_win_date,
      t.days_since_last_run, t.days_since_last_win, t.total_horses, t.statistics_as_of
    ) is distinct from (
      excluded.total_runs, excluded.total_wins, excluded.total_places, excluded.total_seconds,
      excluded.total_thirds, excluded.win_percent, excluded.place_percent, excluded.expected_wins,
      excluded.ae_index, excluded.profit_loss_1u, excluded.roi_percent, excluded.recent_14d_runs,
      excluded.recent_14d_wins, excluded.recent_14d_places, excluded.recent_14d_seconds,
      excluded.recent_14d_thirds, excluded.recent_14d_win_percent,
      excluded.recent_14d_place_percent, excluded.recent_14d_expected_wins,
      excluded.recent_14d_ae_index, excluded.recent_14d_profit_loss_1u,
      excluded.recent_14d_roi_percent, excluded.recent_30d_runs, excluded.recent_30d_wins,
      excluded.recent_30d_places, excluded.recent_30d_seconds, excluded.recent_30d_thirds,
      excluded.recent_30d_win_percent, excluded.recent_30d_place_percent,
      excluded.recent_30d_expected_wins, excluded.recent_30d_ae_index,
      excluded.recent_30d_profit_loss_1u, excluded.recent_30d_roi_percent, excluded.last_run_date,
      excluded.last_win_date, excluded.days_since_last_run, excluded.days_since_last_win,
      excluded.total_horses, excluded.statistics_as_of
    )
    returning 1
  )
    select (select count(*) from stats)::integer,
           (select count(*) from jockeys)::integer,
           (select count(*) from trainers)::integer,
           (select count(*) from owners)::integer
    into recomputed, jockeys_changed, trainers_changed, owners_changed;

    -- Everyone else: only the reference date and the days since move.
    with jockeys as (
      update public.ra_jockey_statistics t
      set days_since_last_run = reference_date - t.last_run_date,
          days_since_last_win = reference_date - t.last_win_date,
          statistics_as_of = reference_date
      where t.statistics_as_of is distinct from reference_date
      returning 1
    ),
    trainers as (
      update public.ra_trainer_statistics t
      set days_since_last_run = reference_date - t.last_run_date,
          days_since_last_win = reference_date - t.last_win_date,
          statistics_as_of = reference_date
      where t.statistics_as_of is distinct from reference_date
      returning 1
    ),
    owners as (
      update public.ra_owner_statistics t
      set days_since_last_run = reference_date - t.last_run_date,
          days_since_last_win = reference_date - t.last_win_date,
          statistics_as_of = reference_date
      where t.statistics_as_of is distinct from reference_date
      returning 1
    )
    select (select count(*) from jockeys)::integer + (select count(*) from trainers)::integer
           + (select count(*) from owners)::integer
    into dated;

    -- Runner form (ra_runner_statistics). Full: every runner. Incremental: a changed run moves the
    -- form of every later runner of its horse, jockey and trainer, so the runners recomputed are
    -- those whose race is off at or after the earliest changed runner's race and that share a
    -- horse, jockey or trainer with a changed runner; their form reads the whole history of their
    -- horses, jockeys and trainers.
    if not recompute_all then
      with touched as (
        select ru.horse_id, ru.jockey_id, ru.trainer_id, ra.off_dt
        from public.ra_mst_runners ru
        join public.ra_mst_races ra on ra.id = ru.race_id
        where ru.updated_at > touched_since
        union
        select ru.horse_id, ru.jockey_id, ru.trainer_id, ra.off_dt
        from public.ra_mst_races ra
        join public.ra_mst_runners ru on ru.race_id = ra.id
        where ra.updated_at > touched_since
      )
      select min(x.off_dt),
             array_agg(distinct x.horse_id),
             array_agg(distinct x.jockey_id) filter (where x.jockey_id is not null),
             array_agg(distinct x.trainer_id) filter (where x.trainer_id is not null)
      from touched x
      where x.off_dt is not null
      into runners_from, touched_horse_ids, touched_jockey_ids, touched_trainer_ids;

      select coalesce(array_agg(distinct ru.horse_id), '{}'),
             coalesce(array_agg(distinct ru.jockey_id) filter (where ru.jockey_id is not null),
                      '{}'),
             coalesce(array_agg(distinct ru.trainer_id) filter (where ru.trainer_id is not null),
                      '{}')
      from public.ra_mst_races ra
      join public.ra_mst_runners ru on ru.race_id = ra.id
      where ra.off_dt >= runners_from
        and (ru.horse_id = any (touched_horse_ids)
          or ru.jockey_id = any (touched_jockey_ids)
          or ru.trainer_id = any (touched_trainer_ids))
      into form_horse_ids, form_jockey_ids, form_trainer_ids;
    end if;

    if recompute_all or runners_from is not null then
      with form as materialized (
        select *
        from ra_private.runner_form(form_horse_ids, form_jockey_ids, form_trainer_ids,
                                    runners_from)
      ),
      runners as (
        insert into public.ra_runner_statistics as t (
      race_id, horse_id, off_dt, jockey_id, trainer_id, course_id, distance_band, going_group,
      horse_runs, horse_wins, horse_places, horse_win_percent, horse_place_percent,
      horse_expected_wins, horse_ae_index, horse_profit_loss_1u, horse_roi_percent,
      horse_course_runs, horse_course_wins, horse_course_places, horse_course_win_percent,
      horse_course_place_percent, horse_distance_runs, horse_distance_wins, horse_distance_places,
      horse_distance_win_percent, horse_distance_place_percent, horse_going_runs, horse_going_wins,
      horse_going_places, horse_going_win_percent, horse_going_place_percent,
      horse_course_distance_runs, horse_course_distance_wins, horse_course_distance_places,
      horse_course_distance_win_percent, horse_course_distance_place_percent, horse_jockey_runs,
      horse_jockey_wins, horse_jockey_places, horse_jockey_win_percent, horse_jockey_place_percent,
      horse_last10_runs, horse_last10_wins, horse_last10_places, horse_last10_win_percent,
      horse_last10_place_percent, horse_12m_runs, horse_12m_wins, horse_12m_places,
      horse_12m_win_percent, horse_12m_place_percent, jockey_runs, jockey_wins, jockey_places,
      jockey_win_percent, jockey_place_percent, jockey_expected_wins, jockey_ae_index,
      jockey_profit_loss_1u, jockey_roi_percent, jockey_course_runs, jockey_course_wins,
      jockey_course_places, jockey_course_win_percent, jockey_course_place_percent,
      jockey_12m_runs, jockey_12m_wins, jockey_12m_places, jockey_12m_win_percent,
      jockey_12m_place_percent, trainer_runs, trainer_wins, trainer_places, trainer_win_percent,
      trainer_place_percent, trainer_expected_wins, trainer_ae_index, trainer_profit_loss_1u,
      trainer_roi_percent, trainer_course_runs, trainer_course_wins, trainer_course_places,
      trainer_course_win_percent, trainer_course_place_percent, trainer_12m_runs, trainer_12m_wins,
      trainer_12m_places, trainer_12m_win_percent, trainer_12m_place_percent,
      horse_days_since_last_run, jockey_days_since_last_run, trainer_days_since_last_run
        )
        select
      f.race_id, f.horse_id, f.off_dt, f.jockey_id, f.trainer_id, f.course_id, f.distance_band,
      f.going_group, f.horse_runs, f.horse_wins, f.horse_places, f.horse_win_percent,
      f.horse_place_percent, f.horse_expected_wins, f.horse_ae_index, f.horse_profit_loss_1u,
      f.horse_roi_percent, f.horse_course_runs, f.horse_course_wins, f.horse_course_places,
      f.horse_course_win_percent, f.horse_course_place_percent, f.horse_distance_runs,
      f.horse_distance_wins, f.horse_distance_places, f.horse_distance_win_percent,
      f.horse_distance_place_percent, f.horse_going_runs, f.horse_going_wins, f.horse_going_places,
      f.horse_going_win_percent, f.horse_going_place_percent, f.horse_course_distance_runs,
      f.horse_course_distance_wins, f.horse_course_distance_places,
      f.horse_course_distance_win_percent, f.horse_course_distance_place_percent,
      f.horse_jockey_runs, f.horse_jockey_wins, f.horse_jockey_places, f.horse_jockey_win_percent,
      f.horse_jockey_place_percent, f.horse_last10_runs, f.horse_last10_wins,
      f.horse_last10_places, f.horse_last10_win_percent, f.horse_last10_place_percent,
      f.horse_12m_runs, f.horse_12m_wins, f.horse_12m_places, f.horse_12m_win_percent,
      f.horse_12m_place_percent, f.jockey_runs, f.jockey_wins, f.jockey_places,
      f.jockey_win_percent, f.jockey_place_percent, f.jockey_expected_wins, f.jockey_ae_index,
      f.jockey_profit_loss_1u, f.jockey_roi_percent, f.jockey_course_runs, f.jockey_course_wins,
      f.jockey_course_places, f.jockey_course_win_percent, f.jockey_course_place_percent,
      f.jockey_12m_runs, f.jockey_12m_wins, f.jockey_12m_places, f.jockey_12m_win_percent,
      f.jockey_12m_place_percent, f.trainer_runs, f.trainer_wins, f.trainer_places,
      f.trainer_win_percent, f.trainer_place_percent, f.trainer_expected_wins, f.trainer_ae_index,
      f.trainer_profit_loss_1u, f.trainer_roi_percent, f.trainer_course_runs,
      f.trainer_course_wins, f.trainer_course_places, f.trainer_course_win_percent,
      f.trainer_course_place_percent, f.trainer_12m_runs, f.trainer_12m_wins, f.trainer_12m_places,
      f.trainer_12m_win_percent, f.trainer_12m_place_percent, f.horse_days_since_last_run,
      f.jockey_days_since_last_run, f.trainer_days_since_last_run
        from form f
        on conflict (race_id, horse_id) do update
        set (
      off_dt, jockey_id, trainer_id, course_id, distance_band, going_group, horse_runs, horse_wins,
      horse_places, horse_win_percent, horse_place_percent, horse_expected_wins, horse_ae_index,
      horse_profit_loss_1u, horse_roi_percent, horse_course_runs, horse_course_wins,
      horse_course_places, horse_course_win_percent, horse_course_place_percent,
      horse_distance_runs, horse_distance_wins, horse_distance_places, horse_distance_win_percent,
      horse_distance_place_percent, horse_going_runs, horse_going_wins, horse_going_places,
      horse_going_win_percent, horse_going_place_percent, horse_course_distance_runs,
      horse_course_distance_wins, horse_course_distance_places, horse_course_distance_win_percent,
      horse_course_distance_place_percent, horse_jockey_runs, horse_jockey_wins,
      horse_jockey_places, horse_jockey_win_percent, horse_jockey_place_percent, horse_last10_runs,
      horse_last10_wins, horse_last10_places, horse_last10_win_percent, horse_last10_place_percent,
      horse_12m_runs, horse_12m_wins, horse_12m_places, horse_12m_win_percent,
      horse_12m_place_percent, jockey_runs, jockey_wins, jockey_places, jockey_win_percent,
      jockey_place_percent, jockey_expected_wins, jockey_ae_index, jockey_profit_loss_1u,
      jockey_roi_percent, jockey_course_runs, jockey_course_wins, jockey_course_places,
      jockey_course_win_percent, jockey_course_place_percent, jockey_12m_runs, jockey_12m_wins,
      jockey_12m_places, jockey_12m_win_percent, jockey_12m_place_percent, trainer_runs,
      trainer_wins, trainer_places, trainer_win_percent, trainer_place_percent,
      trainer_expected_wins, trainer_ae_index, trainer_profit_loss_1u, trainer_roi_percent,
      trainer_course_runs, trainer_course_wins, trainer_course_places, trainer_course_win_percent,
      trainer_course_place_percent, trainer_12m_runs, trainer_12m_wins, trainer_12m_places,
      trainer_12m_win_percent, trainer_12m_place_percent, horse_days_since_last_run,
      jockey_days_since_last_run, trainer_days_since_last_run
        ) = (
      excluded.off_dt, excluded.jockey_id, excluded.trainer_id, excluded.course_id,
      excluded.distance_band, excluded.going_group, excluded.horse_runs, excluded.horse_wins,
      excluded.horse_places, excluded.horse_win_percent, excluded.horse_place_percent,
      excluded.horse_expected_wins, excluded.horse_ae_index, excluded.horse_profit_loss_1u,
      excluded.horse_roi_percent, excluded.horse_course_runs, excluded.horse_course_wins,
      excluded.horse_course_places, excluded.horse_course_win_percent,
      excluded.horse_course_place_percent, excluded.horse_distance_runs,
      excluded.horse_distance_wins, excluded.horse_distance_places,
      excluded.horse_distance_win_percent, excluded.horse_distance_place_percent,
      excluded.horse_going_runs, excluded.horse_going_wins, excluded.horse_going_places,
      excluded.horse_going_win_percent, excluded.horse_going_place_percent,
      excluded.horse_course_distance_runs, excluded.horse_course_distance_wins,
      excluded.horse_course_distance_places, excluded.horse_course_distance_win_percent,
      excluded.horse_course_distance_place_percent, excluded.horse_jockey_runs,
      excluded.horse_jockey_wins, excluded.horse_jockey_places, excluded.horse_jockey_win_percent,
      excluded.horse_jockey_place_percent, excluded.horse_last10_runs, excluded.horse_last10_wins,
      excluded.horse_last10_places, excluded.horse_last10_win_percent,
      excluded.horse_last10_place_percent, excluded.horse_12m_runs, excluded.horse_12m_wins,
      excluded.horse_12m_places, excluded.horse_12m_win_percent, excluded.horse_12m_place_percent,
      excluded.jockey_runs, excluded.jockey_wins, excluded.jockey_places,
      excluded.jockey_win_percent, excluded.jockey_place_percent, excluded.jockey_expected_wins,
      excluded.jockey_ae_index, excluded.jockey_profit_loss_1u, excluded.jockey_roi_percent,
      excluded.jockey_course_runs, excluded.jockey_course_wins, excluded.jockey_course_places,
      excluded.jockey_course_win_percent, excluded.jockey_course_place_percent,
      excluded.jockey_12m_runs, excluded.jockey_12m_wins, excluded.jockey_12m_places,
      excluded.jockey_12m_win_percent, excluded.jockey_12m_place_percent, excluded.trainer_runs,
      excluded.trainer_wins, excluded.trainer_places, excluded.trainer_win_percent,
      excluded.trainer_place_percent, excluded.trainer_expected_wins, excluded.trainer_ae_index,
      excluded.trainer_profit_loss_1u, excluded.trainer_roi_percent, excluded.trainer_course_runs,
      excluded.trainer_course_wins, excluded.trainer_course_places,
      excluded.trainer_course_win_percent, excluded.trainer_course_place_percent,
      excluded.trainer_12m_runs, excluded.trainer_12m_wins, excluded.trainer_12m_places,
      excluded.trainer_12m_win_percent, excluded.trainer_12m_place_percent,
      excluded.horse_days_since_last_run, excluded.jockey_days_since_last_run,
      excluded.trainer_days_since_last_run
        )
        where (
      t.off_dt, t.jockey_id, t.trainer_id, t.course_id, t.distance_band, t.going_group,
      t.horse_runs, t.horse_wins, t.horse_places, t.horse_win_percent, t.horse_place_percent,
      t.horse_expected_wins, t.horse_ae_index, t.horse_profit_loss_1u, t.horse_roi_percent,
      t.horse_course_runs, t.horse_course_wins, t.horse_course_places, t.horse_course_win_percent,
      t.horse_course_place_percent, t.horse_distance_runs, t.horse_distance_wins,
      t.horse_distance_places, t.horse_distance_win_percent, t.horse_distance_place_percent,
      t.horse_going_runs, t.horse_going_wins, t.horse_going_places, t.horse_going_win_percent,
      t.horse_going_place_percent, t.horse_course_distance_runs, t.horse_course_distance_wins,
      t.horse_course_distance_places, t.horse_course_distance_win_percent,
      t.horse_course_distance_place_percent, t.horse_jockey_runs, t.horse_jockey_wins,
      t.horse_jockey_places, t.horse_jockey_win_percent, t.horse_jockey_place_percent,
      t.horse_last10_runs, t.horse_last10_wins, t.horse_last10_places, t.horse_last10_win_percent,
      t.horse_last10_place_percent, t.horse_12m_runs, t.horse_12m_wins, t.horse_12m_places,
      t.horse_12m_win_percent, t.horse_12m_place_percent, t.jockey_runs, t.jockey_wins,
      t.jockey_places, t.jockey_win_percent, t.jockey_place_percent, t.jockey_expected_wins,
      t.jockey_ae_index, t.jockey_profit_loss_1u, t.jockey_roi_percent, t.jockey_course_runs,
      t.jockey_course_wins, t.jockey_course_places, t.jockey_course_win_percent,
      t.jockey_course_place_percent, t.jockey_12m_runs, t.jockey_12m_wins, t.jockey_12m_places,
      t.jockey_12m_win_percent, t.jockey_12m_place_percent, t.trainer_runs, t.trainer_wins,
      t.trainer_places, t.trainer_win_percent, t.trainer_place_percent, t.trainer_expected_wins,
      t.trainer_ae_index, t.trainer_profit_loss_1u, t.trainer_roi_percent, t.trainer_course_runs,
      t.trainer_course_wins, t.trainer_course_places, t.trainer_course_win_percent,
      t.trainer_course_place_percent, t.trainer_12m_runs, t.trainer_12m_wins, t.trainer_12m_places,
      t.trainer_12m_win_percent, t.trainer_12m_place_percent, t.horse_days_since_last_run,
      t.jockey_days_since_last_run, t.trainer_days_since_last_run
        ) is distinct from (
      excluded.off_dt, excluded.jockey_id, excluded.trainer_id, excluded.course_id,
      excluded.distance_band, excluded.going_group, excluded.horse_runs, excluded.horse_wins,
      excluded.horse_places, excluded.horse_win_percent, excluded.horse_place_percent,
      excluded.horse_expected_wins, excluded.horse_ae_index, excluded.horse_profit_loss_1u,
      excluded.horse_roi_percent, excluded.horse_course_runs, excluded.horse_course_wins,
      excluded.horse_course_places, excluded.horse_course_win_percent,
      excluded.horse_course_place_percent, excluded.horse_distance_runs,
      excluded.horse_distance_wins, excluded.horse_distance_places,
      excluded.horse_distance_win_percent, excluded.horse_distance_place_percent,
      excluded.horse_going_runs, excluded.horse_going_wins, excluded.horse_going_places,
      excluded.horse_going_win_percent, excluded.horse_going_place_percent,
      excluded.horse_course_distance_runs, excluded.horse_course_distance_wins,
      excluded.horse_course_distance_places, excluded.horse_course_distance_win_percent,
      excluded.horse_course_distance_place_percent, excluded.horse_jockey_runs,
      excluded.horse_jockey_wins, excluded.horse_jockey_places, excluded.horse_jockey_win_percent,
      excluded.horse_jockey_place_percent, excluded.horse_last10_runs, excluded.horse_last10_wins,
      excluded.horse_last10_places, excluded.horse_last10_win_percent,
      excluded.horse_last10_place_percent, excluded.horse_12m_runs, excluded.horse_12m_wins,
      excluded.horse_12m_places, excluded.horse_12m_win_percent, excluded.horse_12m_place_percent,
      excluded.jockey_runs, excluded.jockey_wins, excluded.jockey_places,
      excluded.jockey_win_percent, excluded.jockey_place_percent, excluded.jockey_expected_wins,
      excluded.jockey_ae_index, excluded.jockey_profit_loss_1u, excluded.jockey_roi_percent,
      excluded.jockey_course_runs, excluded.jockey_course_wins, excluded.jockey_course_places,
      excluded.jockey_course_win_percent, excluded.jockey_course_place_percent,
      excluded.jockey_12m_runs, excluded.jockey_12m_wins, excluded.jockey_12m_places,
      excluded.jockey_12m_win_percent, excluded.jockey_12m_place_percent, excluded.trainer_runs,
      excluded.trainer_wins, excluded.trainer_places, excluded.trainer_win_percent,
      excluded.trainer_place_percent, excluded.trainer_expected_wins, excluded.trainer_ae_index,
      excluded.trainer_profit_loss_1u, excluded.trainer_roi_percent, excluded.trainer_course_runs,
      excluded.trainer_course_wins, excluded.trainer_course_places,
      excluded.trainer_course_win_percent, excluded.trainer_course_place_percent,
      excluded.trainer_12m_runs, excluded.trainer_12m_wins, excluded.trainer_12m_places,
      excluded.trainer_12m_win_percent, excluded.trainer_12m_place_percent,
      excluded.horse_days_since_last_run, excluded.jockey_days_since_last_run,
      excluded.trainer_days_since_last_run
        )
        returning 1
      )
      select (select count(*) from form)::integer, (select count(*) from runners)::integer
      into runners_recomputed, runners_changed;
    end if;

    if recompute_all then
      -- Runners whose race lost its off time have no point in time: their row goes.
      delete from public.ra_runner_statistics s
      using public.ra_mst_races ra
      where ra.id = s.race_id and ra.off_dt is null;
      get diagnostics runners_removed = row_count;
    end if;

    update ra_private.statistics_state s
    set last_refresh_at = now(),
        last_as_of = reference_date,
        last_full_at = case when recompute_all then now() else s.last_full_at end,
        last_run_id = run.run_id
    where s.singleton;

    update public.ra_sync_runs r
    set status = 'succeeded',
        rows_written = jockeys_changed + trainers_changed + owners_changed + dated,
        finished_at = clock_timestamp(),
        duration_ms = (extract(epoch from clock_timestamp() - r.started_at) * 1000)::integer,
        summary = jsonb_build_object(
          'as_of', reference_date,
          'full', recompute_all,
          'people_recomputed', recomputed,
          'runners_recomputed', runners_recomputed,
          'rows_changed', jsonb_build_object(
            'ra_jockey_statistics', jockeys_changed,
            'ra_trainer_statistics', trainers_changed,
            'ra_owner_statistics', owners_changed,
            'days_since_only', dated,
            'ra_runner_statistics', runners_changed + runners_removed))
    where r.run_id = run.run_id
    returning * into run;
  exception when others then
    -- Everything above is undone; the run row (inserted before the block) records why.
    get stacked diagnostics failure = message_text;
    update public.ra_sync_runs r
    set status = 'failed',
        error = failure,
        finished_at = clock_timestamp(),
        duration_ms = (extract(epoch from clock_timestamp() - r.started_at) * 1000)::integer
    where r.run_id = run.run_id
    returning * into run;
  end;
  return run;
end;
$$;
comment on function ra_private.refresh_statistics(boolean, date) is
  'Refreshes the people statistics (ra_jockey/trainer/owner_statistics) as of as_of (default: '
  'today in Europe/London) and the runner form (ra_runner_statistics), set-based, in one '
  'transaction. Incremental (full false) recomputes the people whose runners or races changed '
  'since the last refresh, the people without a statistics row, and, when the reference date '
  'moved, everyone with a run within 30 days of either date; everyone else only gets the new days '
  'since. Runner form: the runners of races off at or after the earliest changed runner''s race '
  'that share its horse, jockey or trainer. full recomputes everything. Only changed rows are '
  'written, so a rerun changes nothing. Each call is a refresh-statistics row in ra_sync_runs '
  '(returned); a failure is recorded there as failed and leaves the statistics as they were.';

-- The runner form starts empty: the next refresh, whatever it is asked, is a full one.
update ra_private.statistics_state set last_refresh_at = null where singleton;

-- ---------------------------------------------------------------------------------------------
-- Privileges: nothing here is for the API roles.
-- ---------------------------------------------------------------------------------------------

revoke all on table public.ra_runner_statistics from public;
revoke all on function ra_private.distance_band(numeric, integer, numeric) from public;
revoke all on function ra_private.going_group(text) from public;
revoke all on function ra_private.runner_form(text[], text[], text[], timestamptz) from public;

do $$
declare
  api_role text;
begin
  foreach api_role in array array['anon', 'authenticated'] loop
    if exists (select 1 from pg_catalog.pg_roles where rolname = api_role) then
      execute format('revoke all on table public.ra_runner_statistics from %I', api_role);
      execute format('revoke all on function ra_private.distance_band(numeric, integer, numeric), '
        'ra_private.going_group(text), '
        'ra_private.runner_form(text[], text[], text[], timestamptz) from %I', api_role);
    end if;
  end loop;
end
$$;
