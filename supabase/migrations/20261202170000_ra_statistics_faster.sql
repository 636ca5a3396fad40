-- Statistics, faster (issue 13, build item 5: the targets of deno task bench --stats). No
-- definition changes; how the refresh reaches the same figures does (docs/statistics.md, "How
-- fast", has the measurements before and after):
--
-- 1. Lists are sets. An incremental refresh passes the horses, jockeys and trainers to
--    recompute as arrays; `x = any (array)` searched each array linearly for every row (every
--    runner, every dam, every distance row against hundreds of ids). Every such filter is now
--    `x in (select unnest(array))`, a hashed lookup.
-- 2. Distance bands and going groups are worked out once per distinct distance and going
--    (ra_private.race_groups), not once per race in each of four functions.
-- 3. The incremental runner form (ra_private.runner_form_of) computes only the runners to
--    recompute: for each, plain aggregates over the earlier runs of its horse, jockey and
--    trainer, instead of window functions over the whole history of every jockey and trainer of
--    the day (which is most of the history) followed by a filter. The full refresh keeps the
--    windows (ra_private.runner_form), the one pass that is linear in the history.
-- 4. A horse's first runner had horse_last10_runs 10 and a last-10 win % of 0.00 (least(null,
--    10) is 10): it now has 0 runs and no rate, as docs/statistics.md defines ("fewer if it has
--    fewer"). The next refresh is a full one, so every stored row follows.
-- ---------------------------------------------------------------------------------------------
-- Each race's distance band and going group, worked out once per distinct distance and going
--
-- ra_private.distance_band and ra_private.going_group keep their SET search_path (the tests hold
-- them to it), so every call goes through the SQL-function executor (about 35 µs for the pair);
-- called once per race that was half a second a year of history, in each of the runner form,
-- the pedigree, distance and venue. A history has a few dozen distinct distances and goings:
-- the functions are called once for each and the races join them by hash on a text key.
-- ---------------------------------------------------------------------------------------------

create function ra_private.race_groups()
returns table (
  race_id text,
  course_id text,
  off_dt timestamptz,
  race_date date,
  has_result boolean,
  distance_band text,
  going_group text
)
language sql
stable
set search_path = ''
as $$
  with keyed as materialized (
    select
      ra.id,
      ra.course_id,
      ra.off_dt,
      coalesce(ra.race_date, (ra.off_dt at time zone 'Europe/London')::date) as race_date,
      ra.has_result,
      ra.distance_f,
      ra.distance_y,
      ra.distance_m,
      ra.going,
      -- Null is the empty string in format(): '8//' and '/1760/' stay apart.
      format('%s/%s/%s', ra.distance_f, ra.distance_y, ra.distance_m) as distance_key,
      coalesce(ra.going, '') as going_key
    from public.ra_mst_races ra
  ),
  bands as materialized (
    select d.distance_key,
      ra_private.distance_band(d.distance_f, d.distance_y, d.distance_m) as distance_band
    from (select distinct on (k.distance_key) k.distance_key, k.distance_f, k.distance_y,
            k.distance_m
          from keyed k order by k.distance_key) d
  ),
  goings as materialized (
    select g.going_key, ra_private.going_group(g.going) as going_group
    from (select distinct on (k.going_key) k.going_key, k.going
          from keyed k order by k.going_key) g
  )
  select k.id, k.course_id, k.off_dt, k.race_date, k.has_result, b.distance_band, g.going_group
  from keyed k
  join bands b on b.distance_key = k.distance_key
  join goings g on g.going_key = k.going_key;
$$;
comment on function ra_private.race_groups() is
  'Every race with its course, off time, racing date (race_date, else the Europe/London date of '
  'off_dt), has_result, distance band (ra_private.distance_band) and going group '
  '(ra_private.going_group), each function called once per distinct distance and going.';

-- ---------------------------------------------------------------------------------------------
-- Runner form, full: the windows as before, over race_groups, with hashed lists and the last 10
-- runs of a horse without an earlier run at 0
-- ---------------------------------------------------------------------------------------------

create or replace function ra_private.runner_form(horse_ids text[], jockey_ids text[],
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
set work_mem = '128MB'
as $$
  with race_points as materialized (
    -- Each race with an off time, its band and going group worked out once.
    select g.race_id, g.course_id, g.off_dt, g.race_date, g.distance_band, g.going_group
    from ra_private.race_groups() g
    where g.off_dt is not null
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
       or ru.horse_id in (select unnest(runner_form.horse_ids))
       or ru.jockey_id in (select unnest(runner_form.jockey_ids))
       or ru.trainer_id in (select unnest(runner_form.trainer_ids))
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
      and (runner_form.horse_ids is null or b.horse_id in (select unnest(runner_form.horse_ids)))
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
    where runner_form.horse_ids is null or b.horse_id in (select unnest(runner_form.horse_ids))
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
      and (runner_form.jockey_ids is null or b.jockey_id in (select unnest(runner_form.jockey_ids)))
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
      and (runner_form.trainer_ids is null or
        b.trainer_id in (select unnest(runner_form.trainer_ids)))
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
    least(coalesce(h.career_runs, 0), 10)::integer,
    (coalesce(last.wins, 0) - coalesce(tenth.wins, 0))::integer,
    (coalesce(last.places, 0) - coalesce(tenth.places, 0))::integer,
    ra_private.percent_of(coalesce(last.wins, 0) - coalesce(tenth.wins, 0),
      least(coalesce(h.career_runs, 0), 10)),
    ra_private.percent_of(coalesce(last.places, 0) - coalesce(tenth.places, 0),
      least(coalesce(h.career_runs, 0), 10)),
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
    and (runner_form.horse_ids is null or t.horse_id in (select unnest(runner_form.horse_ids)))
    and (runner_form.jockey_ids is null or t.jockey_id is null
      or t.jockey_id in (select unnest(runner_form.jockey_ids)))
    and (runner_form.trainer_ids is null or t.trainer_id is null
      or t.trainer_id in (select unnest(runner_form.trainer_ids)));
$$;

create function ra_private.runner_form_of(race_ids text[], horse_ids text[])
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
-- The steps are joined as sets (a few hundred runners against their histories); a nested loop
-- chosen on the generic plan's small estimates would repeat them per runner.
set enable_nestloop = off
set work_mem = '128MB'
as $$
  with races as materialized (
    select g.race_id, g.course_id, g.off_dt, g.race_date, g.distance_band, g.going_group
    from ra_private.race_groups() g
    where g.off_dt is not null
  ),
  targets as materialized (
    -- The runners asked for (a hash join with the list, not a search of it per row), numbered:
    -- the figures below are grouped and joined on that integer, not on two text keys.
    select row_number() over ()::integer as target_no, x.*
    from (
      select distinct
        ru.race_id,
        ru.horse_id,
        ru.jockey_id,
        ru.trainer_id,
        rp.course_id,
        rp.off_dt,
        rp.race_date,
        rp.distance_band,
        rp.going_group
      from unnest(runner_form_of.race_ids, runner_form_of.horse_ids) k(race_id, horse_id)
      join public.ra_mst_runners ru on ru.race_id = k.race_id and ru.horse_id = k.horse_id
      join races rp on rp.race_id = ru.race_id
    ) x
  ),
  bounds as materialized (
    -- The earliest target's off: the jockeys' and trainers' runs before it are totalled once
    -- per jockey (trainer), the runs from it on are read one by one.
    select min(t.off_dt) as cutoff from targets t
  ),
  history as materialized (
    -- The runs of the targets' horses in races with an off time.
    select
      r.race_id,
      r.horse_id,
      r.jockey_id,
      rp.course_id,
      rp.off_dt,
      rp.distance_band,
      rp.going_group,
      r.run_date,
      r.is_win::integer as win,
      r.is_place::integer as place,
      (r.sp_decimal is not null)::integer as sp_run,
      r.sp_actual_win,
      r.sp_expected_win,
      r.sp_profit
    from ra_private.runs r
    join races rp on rp.race_id = r.race_id
    where r.horse_id in (select t.horse_id from targets t)
  ),
  people_recent as materialized (
    -- The runs of the targets' jockeys and trainers from 12 months before the earliest target.
    select
      r.jockey_id,
      r.trainer_id,
      r.course_id,
      r.off_dt,
      r.run_date,
      r.is_win::integer as win,
      r.is_place::integer as place,
      (r.sp_decimal is not null)::integer as sp_run,
      r.sp_actual_win,
      r.sp_expected_win,
      r.sp_profit
    from ra_private.runs r
    cross join bounds
    where r.off_dt >= bounds.cutoff - interval '12 months'
      and (r.jockey_id in (select t.jockey_id from targets t where t.jockey_id is not null)
        or r.trainer_id in (select t.trainer_id from targets t where t.trainer_id is not null))
  ),
  people_before as materialized (
    -- Each jockey's and trainer's runs before the earliest target, totalled in one pass: in all
    -- (whole 1) and at each course (whole 0).
    select
      case when grouping(r.jockey_id) = 0 then 'jockey' else 'trainer' end as person_kind,
      coalesce(r.jockey_id, r.trainer_id) as person_id,
      grouping(r.course_id) as whole,
      r.course_id,
      count(*) as runs,
      count(*) filter (where r.is_win) as wins,
      count(*) filter (where r.is_place) as places,
      count(r.sp_decimal) as sp_runs,
      sum(r.sp_actual_win) as sp_wins,
      sum(r.sp_expected_win) as expected,
      sum(r.sp_profit) as profit,
      max(r.run_date) as last_run_date
    from ra_private.runs r
    cross join bounds
    where r.off_dt < bounds.cutoff
      and (r.jockey_id in (select t.jockey_id from targets t where t.jockey_id is not null)
        or r.trainer_id in (select t.trainer_id from targets t where t.trainer_id is not null))
    group by grouping sets ((r.jockey_id), (r.jockey_id, r.course_id), (r.trainer_id),
                            (r.trainer_id, r.course_id))
  ),
  -- Each figure counts the runs of the horse (jockey, trainer) off strictly before the target.
  horse_form as materialized (
    select
      t.target_no,
      count(b.race_id) as career_runs,
      sum(b.win) as career_wins,
      sum(b.place) as career_places,
      sum(b.sp_run) as career_sp_runs,
      sum(b.sp_actual_win) as career_sp_wins,
      sum(b.sp_expected_win) as career_expected,
      sum(b.sp_profit) as career_profit,
      count(b.race_id) filter (where b.course_id = t.course_id) as course_runs,
      sum(b.win) filter (where b.course_id = t.course_id) as course_wins,
      sum(b.place) filter (where b.course_id = t.course_id) as course_places,
      count(b.race_id) filter (where b.distance_band = t.distance_band) as distance_runs,
      sum(b.win) filter (where b.distance_band = t.distance_band) as distance_wins,
      sum(b.place) filter (where b.distance_band = t.distance_band) as distance_places,
      count(b.race_id) filter (where b.going_group = t.going_group) as going_runs,
      sum(b.win) filter (where b.going_group = t.going_group) as going_wins,
      sum(b.place) filter (where b.going_group = t.going_group) as going_places,
      count(b.race_id) filter (where b.course_id = t.course_id
                                 and b.distance_band = t.distance_band) as course_distance_runs,
      sum(b.win) filter (where b.course_id = t.course_id
                           and b.distance_band = t.distance_band) as course_distance_wins,
      sum(b.place) filter (where b.course_id = t.course_id
                             and b.distance_band = t.distance_band) as course_distance_places,
      count(b.race_id) filter (where b.jockey_id = t.jockey_id) as jockey_runs,
      sum(b.win) filter (where b.jockey_id = t.jockey_id) as jockey_wins,
      sum(b.place) filter (where b.jockey_id = t.jockey_id) as jockey_places,
      count(b.race_id) filter (where b.off_dt >= t.off_dt - interval '12 months') as year_runs,
      sum(b.win) filter (where b.off_dt >= t.off_dt - interval '12 months') as year_wins,
      sum(b.place) filter (where b.off_dt >= t.off_dt - interval '12 months') as year_places,
      max(b.run_date) as last_run_date
    from targets t
    left join history b on b.horse_id = t.horse_id and b.off_dt < t.off_dt
    group by t.target_no
  ),
  horse_last10 as materialized (
    -- The horse's 10 latest runs before the target (a horse runs once at a time).
    select x.target_no, sum(x.win) as wins, sum(x.place) as places
    from (
      select t.target_no, b.win, b.place,
        row_number() over (partition by t.target_no order by b.off_dt desc) as recency
      from targets t
      join history b on b.horse_id = t.horse_id and b.off_dt < t.off_dt
    ) x
    where x.recency <= 10
    group by x.target_no
  ),
  jockey_form as materialized (
    -- Before the earliest target: the jockey's totals (in all, at the target's course); from then
    -- to the target's off: its runs; the 12 months before the off: its runs.
    select
      x.target_no,
      (sum(x.runs) filter (where x.career))::bigint as career_runs,
      (sum(x.wins) filter (where x.career))::bigint as career_wins,
      (sum(x.places) filter (where x.career))::bigint as career_places,
      (sum(x.sp_runs) filter (where x.career))::bigint as career_sp_runs,
      (sum(x.sp_wins) filter (where x.career))::bigint as career_sp_wins,
      sum(x.expected) filter (where x.career) as career_expected,
      sum(x.profit) filter (where x.career) as career_profit,
      (sum(x.runs) filter (where x.course))::bigint as course_runs,
      (sum(x.wins) filter (where x.course))::bigint as course_wins,
      (sum(x.places) filter (where x.course))::bigint as course_places,
      (sum(x.runs) filter (where x.year))::bigint as year_runs,
      (sum(x.wins) filter (where x.year))::bigint as year_wins,
      (sum(x.places) filter (where x.year))::bigint as year_places,
      max(x.last_run_date) filter (where x.career) as last_run_date
    from (
      select t.target_no, p.whole = 1 as career, p.whole = 0 as course, false as year, p.runs,
        p.wins, p.places, p.sp_runs, p.sp_wins, p.expected, p.profit, p.last_run_date
      from targets t
      join people_before p
        on p.person_kind = 'jockey' and p.person_id = t.jockey_id
       and (p.whole = 1 or p.course_id = t.course_id)
      union all
      select t.target_no, true, coalesce(b.course_id = t.course_id, false), false, 1, b.win,
        b.place, b.sp_run, b.sp_actual_win, b.sp_expected_win, b.sp_profit, b.run_date
      from targets t
      cross join bounds
      join people_recent b
        on b.jockey_id = t.jockey_id and b.off_dt >= bounds.cutoff and b.off_dt < t.off_dt
      union all
      select t.target_no, false, false, true, 1, b.win, b.place, null, null, null, null, null
      from targets t
      join people_recent b
        on b.jockey_id = t.jockey_id and b.off_dt >= t.off_dt - interval '12 months'
       and b.off_dt < t.off_dt
    ) x
    group by x.target_no
  ),
  trainer_form as materialized (
    -- Before the earliest target: the trainer's totals (in all, at the target's course); from then
    -- to the target's off: its runs; the 12 months before the off: its runs.
    select
      x.target_no,
      (sum(x.runs) filter (where x.career))::bigint as career_runs,
      (sum(x.wins) filter (where x.career))::bigint as career_wins,
      (sum(x.places) filter (where x.career))::bigint as career_places,
      (sum(x.sp_runs) filter (where x.career))::bigint as career_sp_runs,
      (sum(x.sp_wins) filter (where x.career))::bigint as career_sp_wins,
      sum(x.expected) filter (where x.career) as career_expected,
      sum(x.profit) filter (where x.career) as career_profit,
      (sum(x.runs) filter (where x.course))::bigint as course_runs,
      (sum(x.wins) filter (where x.course))::bigint as course_wins,
      (sum(x.places) filter (where x.course))::bigint as course_places,
      (sum(x.runs) filter (where x.year))::bigint as year_runs,
      (sum(x.wins) filter (where x.year))::bigint as year_wins,
      (sum(x.places) filter (where x.year))::bigint as year_places,
      max(x.last_run_date) filter (where x.career) as last_run_date
    from (
      select t.target_no, p.whole = 1 as career, p.whole = 0 as course, false as year, p.runs,
        p.wins, p.places, p.sp_runs, p.sp_wins, p.expected, p.profit, p.last_run_date
      from targets t
      join people_before p
        on p.person_kind = 'trainer' and p.person_id = t.trainer_id
       and (p.whole = 1 or p.course_id = t.course_id)
      union all
      select t.target_no, true, coalesce(b.course_id = t.course_id, false), false, 1, b.win,
        b.place, b.sp_run, b.sp_actual_win, b.sp_expected_win, b.sp_profit, b.run_date
      from targets t
      cross join bounds
      join people_recent b
        on b.trainer_id = t.trainer_id and b.off_dt >= bounds.cutoff and b.off_dt < t.off_dt
      union all
      select t.target_no, false, false, true, 1, b.win, b.place, null, null, null, null, null
      from targets t
      join people_recent b
        on b.trainer_id = t.trainer_id and b.off_dt >= t.off_dt - interval '12 months'
       and b.off_dt < t.off_dt
    ) x
    group by x.target_no
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
    least(coalesce(h.career_runs, 0), 10)::integer,
    coalesce(l10.wins, 0)::integer,
    coalesce(l10.places, 0)::integer,
    ra_private.percent_of(coalesce(l10.wins, 0),
      least(coalesce(h.career_runs, 0), 10)),
    ra_private.percent_of(coalesce(l10.places, 0),
      least(coalesce(h.career_runs, 0), 10)),
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
  from targets t
  join horse_form h on h.target_no = t.target_no
  left join jockey_form j on j.target_no = t.target_no
  left join trainer_form tr on tr.target_no = t.target_no
  left join horse_last10 l10 on l10.target_no = t.target_no;
$$;
comment on function ra_private.runner_form_of(text[], text[]) is
  'Point-in-time form (the columns of ra_runner_statistics, as ra_private.runner_form computes '
  'them) of the runners given as parallel arrays of race_id and horse_id (runners of races '
  'without an off time are left out): each figure aggregates the runs (ra_private.runs) of the '
  'runner''s horse, jockey or trainer in races off strictly before its race. Reads only the '
  'histories of those horses, jockeys and trainers: the incremental refresh.';

-- ---------------------------------------------------------------------------------------------
-- People, pedigree, pairs, distance and venue: the same definitions, hashed lists and
-- race_groups
-- ---------------------------------------------------------------------------------------------

create or replace function ra_private.person_statistics(
  as_of date,
  jockey_ids text[] default null,
  trainer_ids text[] default null,
  owner_ids text[] default null
)
returns table (
  person_kind text,
  person_id text,
  total_runs integer,
  total_wins integer,
  total_places integer,
  total_seconds integer,
  total_thirds integer,
  win_percent numeric,
  place_percent numeric,
  expected_wins numeric,
  ae_index numeric,
  profit_loss_1u numeric,
  roi_percent numeric,
  recent_14d_runs integer,
  recent_14d_wins integer,
  recent_14d_places integer,
  recent_14d_seconds integer,
  recent_14d_thirds integer,
  recent_14d_win_percent numeric,
  recent_14d_place_percent numeric,
  recent_14d_expected_wins numeric,
  recent_14d_ae_index numeric,
  recent_14d_profit_loss_1u numeric,
  recent_14d_roi_percent numeric,
  recent_30d_runs integer,
  recent_30d_wins integer,
  recent_30d_places integer,
  recent_30d_seconds integer,
  recent_30d_thirds integer,
  recent_30d_win_percent numeric,
  recent_30d_place_percent numeric,
  recent_30d_expected_wins numeric,
  recent_30d_ae_index numeric,
  recent_30d_profit_loss_1u numeric,
  recent_30d_roi_percent numeric,
  last_run_date date,
  last_win_date date,
  days_since_last_run integer,
  days_since_last_win integer,
  total_horses integer
)
language sql
stable
set search_path = ''
as $$
  with targets as (
    select 'jockey'::text as person_kind, j.id as person_id
    from public.ra_mst_jockeys j
    where person_statistics.jockey_ids is null or
      j.id in (select unnest(person_statistics.jockey_ids))
    union all
    select 'trainer', t.id
    from public.ra_mst_trainers t
    where person_statistics.trainer_ids is null or
      t.id in (select unnest(person_statistics.trainer_ids))
    union all
    select 'owner', o.id
    from public.ra_mst_owners o
    where person_statistics.owner_ids is null or
      o.id in (select unnest(person_statistics.owner_ids))
  ),
  person_runs as (
    select t.person_kind, t.person_id, r.*,
      r.run_date > person_statistics.as_of - 14 as in_last_14_days,
      r.run_date > person_statistics.as_of - 30 as in_last_30_days
    from targets t
    join ra_private.runs r on r.jockey_id = t.person_id
    where t.person_kind = 'jockey' and r.run_date <= person_statistics.as_of
    union all
    select t.person_kind, t.person_id, r.*,
      r.run_date > person_statistics.as_of - 14 as in_last_14_days,
      r.run_date > person_statistics.as_of - 30 as in_last_30_days
    from targets t
    join ra_private.runs r on r.trainer_id = t.person_id
    where t.person_kind = 'trainer' and r.run_date <= person_statistics.as_of
    union all
    select t.person_kind, t.person_id, r.*,
      r.run_date > person_statistics.as_of - 14 as in_last_14_days,
      r.run_date > person_statistics.as_of - 30 as in_last_30_days
    from targets t
    join ra_private.runs r on r.owner_id = t.person_id
    where t.person_kind = 'owner' and r.run_date <= person_statistics.as_of
  ),
  figures as (
    select
      pr.person_kind,
      pr.person_id,
      count(*) as all_runs,
      count(*) filter (where pr.is_win) as all_wins,
      count(*) filter (where pr.is_place) as all_places,
      count(*) filter (where pr.is_second) as all_seconds,
      count(*) filter (where pr.is_third) as all_thirds,
      count(pr.sp_decimal) as all_sp_runs,
      sum(pr.sp_actual_win) as all_sp_wins,
      sum(pr.sp_expected_win) as all_expected,
      sum(pr.sp_profit) as all_profit_loss,
      count(*) filter (where pr.in_last_14_days) as d14_runs,
      count(*) filter (where pr.in_last_14_days and pr.is_win) as d14_wins,
      count(*) filter (where pr.in_last_14_days and pr.is_place) as d14_places,
      count(*) filter (where pr.in_last_14_days and pr.is_second) as d14_seconds,
      count(*) filter (where pr.in_last_14_days and pr.is_third) as d14_thirds,
      count(pr.sp_decimal) filter (where pr.in_last_14_days) as d14_sp_runs,
      sum(pr.sp_actual_win) filter (where pr.in_last_14_days) as d14_sp_wins,
      sum(pr.sp_expected_win) filter (where pr.in_last_14_days) as d14_expected,
      sum(pr.sp_profit) filter (where pr.in_last_14_days) as d14_profit_loss,
      count(*) filter (where pr.in_last_30_days) as d30_runs,
      count(*) filter (where pr.in_last_30_days and pr.is_win) as d30_wins,
      count(*) filter (where pr.in_last_30_days and pr.is_place) as d30_places,
      count(*) filter (where pr.in_last_30_days and pr.is_second) as d30_seconds,
      count(*) filter (where pr.in_last_30_days and pr.is_third) as d30_thirds,
      count(pr.sp_decimal) filter (where pr.in_last_30_days) as d30_sp_runs,
      sum(pr.sp_actual_win) filter (where pr.in_last_30_days) as d30_sp_wins,
      sum(pr.sp_expected_win) filter (where pr.in_last_30_days) as d30_expected,
      sum(pr.sp_profit) filter (where pr.in_last_30_days) as d30_profit_loss,
      max(pr.run_date) as last_run_date,
      max(pr.run_date) filter (where pr.is_win) as last_win_date,
      count(distinct pr.horse_id) as horses
    from person_runs pr
    group by pr.person_kind, pr.person_id
  )
  select
    t.person_kind,
    t.person_id,
    coalesce(f.all_runs, 0)::integer,
    coalesce(f.all_wins, 0)::integer,
    coalesce(f.all_places, 0)::integer,
    coalesce(f.all_seconds, 0)::integer,
    coalesce(f.all_thirds, 0)::integer,
    ra_private.percent_of(f.all_wins, f.all_runs),
    ra_private.percent_of(f.all_places, f.all_runs),
    round(f.all_expected, 2),
    ra_private.ae_index(f.all_sp_wins, f.all_expected),
    round(f.all_profit_loss, 2),
    ra_private.roi_percent(f.all_profit_loss, f.all_sp_runs),
    coalesce(f.d14_runs, 0)::integer,
    coalesce(f.d14_wins, 0)::integer,
    coalesce(f.d14_places, 0)::integer,
    coalesce(f.d14_seconds, 0)::integer,
    coalesce(f.d14_thirds, 0)::integer,
    ra_private.percent_of(f.d14_wins, f.d14_runs),
    ra_private.percent_of(f.d14_places, f.d14_runs),
    round(f.d14_expected, 2),
    ra_private.ae_index(f.d14_sp_wins, f.d14_expected),
    round(f.d14_profit_loss, 2),
    ra_private.roi_percent(f.d14_profit_loss, f.d14_sp_runs),
    coalesce(f.d30_runs, 0)::integer,
    coalesce(f.d30_wins, 0)::integer,
    coalesce(f.d30_places, 0)::integer,
    coalesce(f.d30_seconds, 0)::integer,
    coalesce(f.d30_thirds, 0)::integer,
    ra_private.percent_of(f.d30_wins, f.d30_runs),
    ra_private.percent_of(f.d30_places, f.d30_runs),
    round(f.d30_expected, 2),
    ra_private.ae_index(f.d30_sp_wins, f.d30_expected),
    round(f.d30_profit_loss, 2),
    ra_private.roi_percent(f.d30_profit_loss, f.d30_sp_runs),
    f.last_run_date,
    f.last_win_date,
    person_statistics.as_of - f.last_run_date,
    person_statistics.as_of - f.last_win_date,
    coalesce(f.horses, 0)::integer
  from targets t
  left join figures f on f.person_kind = t.person_kind and f.person_id = t.person_id;
$$;

create or replace function ra_private.pedigree_statistics(kind text, as_of date,
                                                         ids text[] default null)
returns table (
  pedigree_id text,
  total_runs integer,
  total_wins integer,
  total_places integer,
  total_seconds integer,
  total_thirds integer,
  win_percent numeric,
  place_percent numeric,
  expected_wins numeric,
  ae_index numeric,
  profit_loss_1u numeric,
  roi_percent numeric,
  top_class_1 integer,
  top_class_1_runs integer,
  top_class_1_wins integer,
  top_class_1_win_percent numeric,
  top_class_1_expected_wins numeric,
  top_class_1_ae_index numeric,
  top_class_2 integer,
  top_class_2_runs integer,
  top_class_2_wins integer,
  top_class_2_win_percent numeric,
  top_class_2_expected_wins numeric,
  top_class_2_ae_index numeric,
  top_class_3 integer,
  top_class_3_runs integer,
  top_class_3_wins integer,
  top_class_3_win_percent numeric,
  top_class_3_expected_wins numeric,
  top_class_3_ae_index numeric,
  top_distance_1 text,
  top_distance_1_runs integer,
  top_distance_1_wins integer,
  top_distance_1_win_percent numeric,
  top_distance_1_expected_wins numeric,
  top_distance_1_ae_index numeric,
  top_distance_2 text,
  top_distance_2_runs integer,
  top_distance_2_wins integer,
  top_distance_2_win_percent numeric,
  top_distance_2_expected_wins numeric,
  top_distance_2_ae_index numeric,
  top_distance_3 text,
  top_distance_3_runs integer,
  top_distance_3_wins integer,
  top_distance_3_win_percent numeric,
  top_distance_3_expected_wins numeric,
  top_distance_3_ae_index numeric,
  best_class integer,
  best_class_runs integer,
  best_class_wins integer,
  best_class_win_percent numeric,
  best_class_expected_wins numeric,
  best_class_ae_index numeric,
  best_distance text,
  best_distance_runs integer,
  best_distance_wins integer,
  best_distance_win_percent numeric,
  best_distance_expected_wins numeric,
  best_distance_ae_index numeric,
  own_runs integer,
  own_wins integer,
  own_places integer,
  own_win_percent numeric
)
language sql
stable
set search_path = ''
-- The whole history is sorted and grouped: in memory, not in temporary files.
set work_mem = '128MB'
as $$
  with targets as (
    select m.id, m.horse_id from public.ra_mst_sires m
    where pedigree_statistics.kind = 'sire'
      and (pedigree_statistics.ids is null or m.id in (select unnest(pedigree_statistics.ids)))
    union all
    select m.id, m.horse_id from public.ra_mst_dams m
    where pedigree_statistics.kind = 'dam'
      and (pedigree_statistics.ids is null or m.id in (select unnest(pedigree_statistics.ids)))
    union all
    select m.id, m.horse_id from public.ra_mst_damsires m
    where pedigree_statistics.kind = 'damsire'
      and (pedigree_statistics.ids is null or m.id in (select unnest(pedigree_statistics.ids)))
  ),
  progeny as (
    -- The horses each ancestor counts: its sons and daughters (sire, dam) or its daughters'
    -- offspring (damsire).
    select t.id as pedigree_id, h.id as horse_id
    from targets t join public.ra_mst_horses h on h.sire_id = t.id
    where pedigree_statistics.kind = 'sire'
    union all
    select t.id, h.id
    from targets t join public.ra_mst_horses h on h.dam_id = t.id
    where pedigree_statistics.kind = 'dam'
    union all
    select t.id, h.id
    from targets t join public.ra_mst_horses h on h.damsire_id = t.id
    where pedigree_statistics.kind = 'damsire'
  ),
  race_bands as materialized (
    select g.race_id, g.distance_band
    from ra_private.race_groups() g
    where g.has_result
  ),
  figures as materialized (
    -- Totals (split 3), by class (split 1) and by distance band (split 2) in one pass.
    select
      p.pedigree_id,
      grouping(r.race_class, b.distance_band) as split,
      r.race_class,
      b.distance_band,
      count(*) as runs,
      count(*) filter (where r.is_win) as wins,
      count(*) filter (where r.is_place) as places,
      count(*) filter (where r.is_second) as seconds,
      count(*) filter (where r.is_third) as thirds,
      count(r.sp_decimal) as sp_runs,
      sum(r.sp_actual_win) as sp_wins,
      sum(r.sp_expected_win) as expected,
      sum(r.sp_profit) as profit_loss
    from progeny p
    join ra_private.runs r on r.horse_id = p.horse_id
    join race_bands b on b.race_id = r.race_id
    where r.run_date <= pedigree_statistics.as_of
    group by grouping sets ((p.pedigree_id), (p.pedigree_id, r.race_class),
                            (p.pedigree_id, b.distance_band))
  ),
  splits as materialized (
    -- Each class and band the progeny ran in (an unclassed race or one without a distance is in
    -- none), ranked by wins (win_rank) and, among those with the minimum sample, by A/E (ae_rank).
    select
      f.pedigree_id,
      f.split,
      f.race_class,
      f.distance_band,
      f.runs,
      f.wins,
      ra_private.percent_of(f.wins, f.runs) as win_percent,
      round(f.expected, 2) as expected_wins,
      ra_private.ae_index(f.sp_wins, f.expected) as ae_index,
      f.sp_runs >= m.min_sp_runs as has_sample,
      row_number() over (
        partition by f.pedigree_id, f.split
        order by f.wins desc, f.runs, f.race_class, ra_private.distance_band_rank(f.distance_band)
      ) as win_rank,
      row_number() over (
        partition by f.pedigree_id, f.split, f.sp_runs >= m.min_sp_runs
        order by ra_private.ae_index(f.sp_wins, f.expected) desc nulls last,
                 round(f.expected, 2) desc nulls last, f.race_class,
                 ra_private.distance_band_rank(f.distance_band)
      ) as ae_rank
    from figures f
    cross join (
      select greatest(coalesce(ra_private.statistics_setting('statistics_best_min_sp_runs'), 10),
                      1) as min_sp_runs
    ) m
    where (f.split = 1 and f.race_class is not null)
       or (f.split = 2 and f.distance_band is not null)
  ),
  own as (
    select t.id as pedigree_id,
      count(*) as runs,
      count(*) filter (where r.is_win) as wins,
      count(*) filter (where r.is_place) as places
    from targets t
    join ra_private.runs r on r.horse_id = t.horse_id
    where r.run_date <= pedigree_statistics.as_of
    group by t.id
  )
  select
    t.id,
    coalesce(f.runs, 0)::integer,
    coalesce(f.wins, 0)::integer,
    coalesce(f.places, 0)::integer,
    coalesce(f.seconds, 0)::integer,
    coalesce(f.thirds, 0)::integer,
    ra_private.percent_of(f.wins, f.runs),
    ra_private.percent_of(f.places, f.runs),
    round(f.expected, 2),
    ra_private.ae_index(f.sp_wins, f.expected),
    round(f.profit_loss, 2),
    ra_private.roi_percent(f.profit_loss, f.sp_runs),
    c1.race_class, c1.runs::integer, c1.wins::integer, c1.win_percent, c1.expected_wins,
    c1.ae_index,
    c2.race_class, c2.runs::integer, c2.wins::integer, c2.win_percent, c2.expected_wins,
    c2.ae_index,
    c3.race_class, c3.runs::integer, c3.wins::integer, c3.win_percent, c3.expected_wins,
    c3.ae_index,
    d1.distance_band, d1.runs::integer, d1.wins::integer, d1.win_percent, d1.expected_wins,
    d1.ae_index,
    d2.distance_band, d2.runs::integer, d2.wins::integer, d2.win_percent, d2.expected_wins,
    d2.ae_index,
    d3.distance_band, d3.runs::integer, d3.wins::integer, d3.win_percent, d3.expected_wins,
    d3.ae_index,
    bc.race_class, bc.runs::integer, bc.wins::integer, bc.win_percent, bc.expected_wins,
    bc.ae_index,
    bd.distance_band, bd.runs::integer, bd.wins::integer, bd.win_percent, bd.expected_wins,
    bd.ae_index,
    coalesce(o.runs, 0)::integer,
    coalesce(o.wins, 0)::integer,
    coalesce(o.places, 0)::integer,
    ra_private.percent_of(o.wins, o.runs)
  from targets t
  left join figures f on f.pedigree_id = t.id and f.split = 3
  left join splits c1 on c1.pedigree_id = t.id and c1.split = 1 and c1.win_rank = 1
  left join splits c2 on c2.pedigree_id = t.id and c2.split = 1 and c2.win_rank = 2
  left join splits c3 on c3.pedigree_id = t.id and c3.split = 1 and c3.win_rank = 3
  left join splits d1 on d1.pedigree_id = t.id and d1.split = 2 and d1.win_rank = 1
  left join splits d2 on d2.pedigree_id = t.id and d2.split = 2 and d2.win_rank = 2
  left join splits d3 on d3.pedigree_id = t.id and d3.split = 2 and d3.win_rank = 3
  left join splits bc on bc.pedigree_id = t.id and bc.split = 1 and bc.has_sample
    and bc.ae_rank = 1
  left join splits bd on bd.pedigree_id = t.id and bd.split = 2 and bd.has_sample
    and bd.ae_rank = 1
  left join own o on o.pedigree_id = t.id;
$$;

create or replace function ra_private.combination_statistics(as_of date,
                                                             jockey_ids text[] default null,
                                                             trainer_ids text[] default null)
returns table (
  jockey_id text,
  trainer_id text,
  runs integer,
  wins integer,
  places integer,
  win_percent numeric,
  place_percent numeric,
  expected_wins numeric,
  ae_index numeric,
  profit_loss_1u numeric,
  roi_percent numeric,
  first_run_date date,
  last_run_date date
)
language sql
stable
set search_path = ''
-- The whole history is sorted and grouped: in memory, not in temporary files.
set work_mem = '128MB'
as $$
  select
    r.jockey_id,
    r.trainer_id,
    count(*)::integer,
    (count(*) filter (where r.is_win))::integer,
    (count(*) filter (where r.is_place))::integer,
    ra_private.percent_of(count(*) filter (where r.is_win), count(*)),
    ra_private.percent_of(count(*) filter (where r.is_place), count(*)),
    round(sum(r.sp_expected_win), 2),
    ra_private.ae_index(sum(r.sp_actual_win), sum(r.sp_expected_win)),
    round(sum(r.sp_profit), 2),
    ra_private.roi_percent(sum(r.sp_profit), count(r.sp_decimal)),
    min(r.run_date),
    max(r.run_date)
  from ra_private.runs r
  where r.jockey_id is not null
    and r.trainer_id is not null
    and r.run_date <= combination_statistics.as_of
    and (combination_statistics.jockey_ids is null
      or r.jockey_id in (select unnest(combination_statistics.jockey_ids)))
    and (combination_statistics.trainer_ids is null
      or r.trainer_id in (select unnest(combination_statistics.trainer_ids)))
  group by r.jockey_id, r.trainer_id
  having count(*) >= greatest(
    coalesce(ra_private.statistics_setting('statistics_min_combination_runs'), 5), 1);
$$;

create or replace function ra_private.distance_performance(as_of date,
                                                           horse_ids text[] default null,
                                                           jockey_ids text[] default null,
                                                           trainer_ids text[] default null)
returns table (
  entity_type text,
  entity_id text,
  distance_band text,
  going_group text,
  runs integer,
  wins integer,
  places integer,
  win_percent numeric,
  place_percent numeric,
  expected_wins numeric,
  ae_index numeric,
  profit_loss_1u numeric,
  roi_percent numeric
)
language sql
stable
set search_path = ''
-- The whole history is sorted and grouped: in memory, not in temporary files.
set work_mem = '128MB'
as $$
  with race_groups as materialized (
    select g.race_id, g.distance_band, coalesce(g.going_group, 'unknown') as going_group
    from ra_private.race_groups() g
    where g.has_result
  ),
  entity_runs as (
    select 'horse'::text as entity_type, r.horse_id as entity_id, r.*
    from ra_private.runs r
    where distance_performance.horse_ids is null
       or r.horse_id in (select unnest(distance_performance.horse_ids))
    union all
    select 'jockey', r.jockey_id, r.*
    from ra_private.runs r
    where r.jockey_id is not null
      and (distance_performance.jockey_ids is null
        or r.jockey_id in (select unnest(distance_performance.jockey_ids)))
    union all
    select 'trainer', r.trainer_id, r.*
    from ra_private.runs r
    where r.trainer_id is not null
      and (distance_performance.trainer_ids is null
        or r.trainer_id in (select unnest(distance_performance.trainer_ids)))
  )
  select
    e.entity_type,
    e.entity_id,
    g.distance_band,
    -- The total has the going grouped away; a race without a going group is 'unknown'.
    case when grouping(g.going_group) = 1 then 'all' else g.going_group end,
    count(*)::integer,
    (count(*) filter (where e.is_win))::integer,
    (count(*) filter (where e.is_place))::integer,
    ra_private.percent_of(count(*) filter (where e.is_win), count(*)),
    ra_private.percent_of(count(*) filter (where e.is_place), count(*)),
    round(sum(e.sp_expected_win), 2),
    ra_private.ae_index(sum(e.sp_actual_win), sum(e.sp_expected_win)),
    round(sum(e.sp_profit), 2),
    ra_private.roi_percent(sum(e.sp_profit), count(e.sp_decimal))
  from entity_runs e
  join race_groups g on g.race_id = e.race_id
  where g.distance_band is not null
    and e.run_date <= distance_performance.as_of
  group by grouping sets (
    (e.entity_type, e.entity_id, g.distance_band, g.going_group),
    (e.entity_type, e.entity_id, g.distance_band));
$$;

create or replace function ra_private.venue_performance(as_of date,
                                                        jockey_ids text[] default null,
                                                        trainer_ids text[] default null)
returns table (
  entity_type text,
  entity_id text,
  course_id text,
  going_group text,
  runs integer,
  wins integer,
  places integer,
  win_percent numeric,
  place_percent numeric,
  expected_wins numeric,
  ae_index numeric,
  profit_loss_1u numeric,
  roi_percent numeric
)
language sql
stable
set search_path = ''
-- The whole history is sorted and grouped: in memory, not in temporary files.
set work_mem = '128MB'
as $$
  with race_groups as materialized (
    select g.race_id, coalesce(g.going_group, 'unknown') as going_group
    from ra_private.race_groups() g
    where g.has_result
  ),
  entity_runs as (
    select 'jockey'::text as entity_type, r.jockey_id as entity_id, r.*
    from ra_private.runs r
    where r.jockey_id is not null
      and (venue_performance.jockey_ids is null
        or r.jockey_id in (select unnest(venue_performance.jockey_ids)))
    union all
    select 'trainer', r.trainer_id, r.*
    from ra_private.runs r
    where r.trainer_id is not null
      and (venue_performance.trainer_ids is null
        or r.trainer_id in (select unnest(venue_performance.trainer_ids)))
  )
  select
    e.entity_type,
    e.entity_id,
    e.course_id,
    case when grouping(g.going_group) = 1 then 'all' else g.going_group end,
    count(*)::integer,
    (count(*) filter (where e.is_win))::integer,
    (count(*) filter (where e.is_place))::integer,
    ra_private.percent_of(count(*) filter (where e.is_win), count(*)),
    ra_private.percent_of(count(*) filter (where e.is_place), count(*)),
    round(sum(e.sp_expected_win), 2),
    ra_private.ae_index(sum(e.sp_actual_win), sum(e.sp_expected_win)),
    round(sum(e.sp_profit), 2),
    ra_private.roi_percent(sum(e.sp_profit), count(e.sp_decimal))
  from entity_runs e
  join race_groups g on g.race_id = e.race_id
  where e.course_id is not null
    and e.run_date <= venue_performance.as_of
  group by grouping sets (
    (e.entity_type, e.entity_id, e.course_id, g.going_group),
    (e.entity_type, e.entity_id, e.course_id));
$$;


-- ---------------------------------------------------------------------------------------------
-- Refresh: as before, with hashed lists; the incremental runner form through runner_form_of
-- ---------------------------------------------------------------------------------------------

create or replace function ra_private.refresh_statistics(full boolean default false,
                                                      as_of date default null)
returns public.ra_sync_runs
language plpgsql
set search_path = ''
set jit = off
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
  -- The runners whose form an incremental refresh recomputes (runner_form_of).
  form_race_ids text[];
  form_runner_horse_ids text[];
  runners_recomputed integer := 0;
  runners_changed integer := 0;
  runners_removed integer := 0;
  -- Pedigree, pairs, distance and venue (this migration): the entities to recompute (null: all).
  stats_horse_ids text[];
  stats_jockey_ids text[];
  stats_trainer_ids text[];
  sire_ids text[];
  dam_ids text[];
  damsire_ids text[];
  pedigree_recomputed integer := 0;
  sires_changed integer := 0;
  dams_changed integer := 0;
  damsires_changed integer := 0;
  combinations_changed integer := 0;
  distance_changed integer := 0;
  venue_changed integer := 0;
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
        and (ru.horse_id in (select unnest(touched_horse_ids))
          or ru.jockey_id in (select unnest(touched_jockey_ids))
          or ru.trainer_id in (select unnest(touched_trainer_ids)))
      into form_horse_ids, form_jockey_ids, form_trainer_ids;

      -- The runners recomputed: those off from then on whose horse, jockey and trainer are all
      -- among those (the runners ra_private.runner_form would return for these lists).
      select coalesce(array_agg(ru.race_id), '{}'), coalesce(array_agg(ru.horse_id), '{}')
      from public.ra_mst_races ra
      join public.ra_mst_runners ru on ru.race_id = ra.id
      where ra.off_dt >= runners_from
        and ru.horse_id in (select unnest(form_horse_ids))
        and (ru.jockey_id is null or ru.jockey_id in (select unnest(form_jockey_ids)))
        and (ru.trainer_id is null or ru.trainer_id in (select unnest(form_trainer_ids)))
      into form_race_ids, form_runner_horse_ids;
    end if;

    if recompute_all or runners_from is not null then
      -- Full: the windows over the whole history. Incremental: the runners to recompute, each
      -- from the earlier runs of its horse, jockey and trainer; a correction so old that it
      -- moves more than 20,000 runners goes through the windows over their entities instead
      -- (the same figures; the aggregates would read each entity's history once per runner).
      with form as materialized (
        select * from ra_private.runner_form(null, null, null, null)
        where recompute_all
        union all
        select * from ra_private.runner_form_of(form_race_ids, form_runner_horse_ids)
        where not recompute_all and cardinality(form_race_ids) <= 20000
        union all
        select *
        from ra_private.runner_form(form_horse_ids, form_jockey_ids, form_trainer_ids,
                                    runners_from)
        where not recompute_all and cardinality(form_race_ids) > 20000
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

    -- Pedigree, pairs, distance and venue. Full: everyone (null lists). Incremental: the horses,
    -- jockeys and trainers of the runners whose row or race changed since the last refresh, or
    -- whose run moved across the reference date; the sires, dams and damsires of those horses
    -- and of the horses whose row changed (a pedigree filled in later), the ancestors that are
    -- those horses, and the ancestors without a statistics row yet.
    if not recompute_all then
      with touched as (
        select ru.horse_id, ru.jockey_id, ru.trainer_id
        from public.ra_mst_runners ru
        where ru.updated_at > touched_since
        union
        select ru.horse_id, ru.jockey_id, ru.trainer_id
        from public.ra_mst_races ra
        join public.ra_mst_runners ru on ru.race_id = ra.id
        where ra.updated_at > touched_since
        union
        select ru.horse_id, ru.jockey_id, ru.trainer_id
        from public.ra_mst_races ra
        join public.ra_mst_runners ru on ru.race_id = ra.id
        where state.last_as_of is distinct from reference_date
          and coalesce(ra.race_date, (ra.off_dt at time zone 'Europe/London')::date)
            between least(state.last_as_of, reference_date)
                and greatest(state.last_as_of, reference_date)
      )
      select coalesce(array_agg(distinct x.horse_id), '{}'),
             coalesce(array_agg(distinct x.jockey_id) filter (where x.jockey_id is not null), '{}'),
             coalesce(array_agg(distinct x.trainer_id) filter (where x.trainer_id is not null),
                      '{}')
      from touched x
      into stats_horse_ids, stats_jockey_ids, stats_trainer_ids;

      with horses as (
        select h.id, h.sire_id, h.dam_id, h.damsire_id
        from public.ra_mst_horses h
        where h.id in (select unnest(stats_horse_ids)) or h.updated_at > touched_since
      )
      select
        array(
          select x.sire_id from horses x where x.sire_id is not null
          union
          select m.id from public.ra_mst_sires m where
            m.horse_id in (select unnest(stats_horse_ids))
          union
          select m.id from public.ra_mst_sires m
          where not exists (select 1 from public.ra_sire_statistics s where s.sire_id = m.id)),
        array(
          select x.dam_id from horses x where x.dam_id is not null
          union
          select m.id from public.ra_mst_dams m where m.horse_id in (select unnest(stats_horse_ids))
          union
          select m.id from public.ra_mst_dams m
          where not exists (select 1 from public.ra_dam_statistics s where s.dam_id = m.id)),
        array(
          select x.damsire_id from horses x where x.damsire_id is not null
          union
          select m.id from public.ra_mst_damsires m where
            m.horse_id in (select unnest(stats_horse_ids))
          union
          select m.id from public.ra_mst_damsires m
          where not exists (
            select 1 from public.ra_damsire_statistics s where s.damsire_id = m.id))
      into sire_ids, dam_ids, damsire_ids;
    end if;

    with sires_new as materialized (
      select * from ra_private.pedigree_statistics('sire', reference_date, sire_ids)
    ),
    dams_new as materialized (
      select * from ra_private.pedigree_statistics('dam', reference_date, dam_ids)
    ),
    damsires_new as materialized (
      select * from ra_private.pedigree_statistics('damsire', reference_date, damsire_ids)
    ),
    sires as (
      insert into public.ra_sire_statistics as t
      select * from sires_new
      on conflict (sire_id) do update
      set (
      sire_id, total_runs, total_wins, total_places, total_seconds, total_thirds, win_percent,
      place_percent, expected_wins, ae_index, profit_loss_1u, roi_percent, top_class_1,
      top_class_1_runs, top_class_1_wins, top_class_1_win_percent, top_class_1_expected_wins,
      top_class_1_ae_index, top_class_2, top_class_2_runs, top_class_2_wins,
      top_class_2_win_percent, top_class_2_expected_wins, top_class_2_ae_index, top_class_3,
      top_class_3_runs, top_class_3_wins, top_class_3_win_percent, top_class_3_expected_wins,
      top_class_3_ae_index, top_distance_1, top_distance_1_runs, top_distance_1_wins,
      top_distance_1_win_percent, top_distance_1_expected_wins, top_distance_1_ae_index,
      top_distance_2, top_distance_2_runs, top_distance_2_wins, top_distance_2_win_percent,
      top_distance_2_expected_wins, top_distance_2_ae_index, top_distance_3, top_distance_3_runs,
      top_distance_3_wins, top_distance_3_win_percent, top_distance_3_expected_wins,
      top_distance_3_ae_index, best_class, best_class_runs, best_class_wins,
      best_class_win_percent, best_class_expected_wins, best_class_ae_index, best_distance,
      best_distance_runs, best_distance_wins, best_distance_win_percent,
      best_distance_expected_wins, best_distance_ae_index, own_runs, own_wins, own_places,
      own_win_percent
      ) = row (excluded.*)
      where t is distinct from excluded
      returning 1
    ),
    dams as (
      insert into public.ra_dam_statistics as t
      select * from dams_new
      on conflict (dam_id) do update
      set (
      dam_id, total_runs, total_wins, total_places, total_seconds, total_thirds, win_percent,
      place_percent, expected_wins, ae_index, profit_loss_1u, roi_percent, top_class_1,
      top_class_1_runs, top_class_1_wins, top_class_1_win_percent, top_class_1_expected_wins,
      top_class_1_ae_index, top_class_2, top_class_2_runs, top_class_2_wins,
      top_class_2_win_percent, top_class_2_expected_wins, top_class_2_ae_index, top_class_3,
      top_class_3_runs, top_class_3_wins, top_class_3_win_percent, top_class_3_expected_wins,
      top_class_3_ae_index, top_distance_1, top_distance_1_runs, top_distance_1_wins,
      top_distance_1_win_percent, top_distance_1_expected_wins, top_distance_1_ae_index,
      top_distance_2, top_distance_2_runs, top_distance_2_wins, top_distance_2_win_percent,
      top_distance_2_expected_wins, top_distance_2_ae_index, top_distance_3, top_distance_3_runs,
      top_distance_3_wins, top_distance_3_win_percent, top_distance_3_expected_wins,
      top_distance_3_ae_index, best_class, best_class_runs, best_class_wins,
      best_class_win_percent, best_class_expected_wins, best_class_ae_index, best_distance,
      best_distance_runs, best_distance_wins, best_distance_win_percent,
      best_distance_expected_wins, best_distance_ae_index, own_runs, own_wins, own_places,
      own_win_percent
      ) = row (excluded.*)
      where t is distinct from excluded
      returning 1
    ),
    damsires as (
      insert into public.ra_damsire_statistics as t
      select * from damsires_new
      on conflict (damsire_id) do update
      set (
      damsire_id, total_runs, total_wins, total_places, total_seconds, total_thirds, win_percent,
      place_percent, expected_wins, ae_index, profit_loss_1u, roi_percent, top_class_1,
      top_class_1_runs, top_class_1_wins, top_class_1_win_percent, top_class_1_expected_wins,
      top_class_1_ae_index, top_class_2, top_class_2_runs, top_class_2_wins,
      top_class_2_win_percent, top_class_2_expected_wins, top_class_2_ae_index, top_class_3,
      top_class_3_runs, top_class_3_wins, top_class_3_win_percent, top_class_3_expected_wins,
      top_class_3_ae_index, top_distance_1, top_distance_1_runs, top_distance_1_wins,
      top_distance_1_win_percent, top_distance_1_expected_wins, top_distance_1_ae_index,
      top_distance_2, top_distance_2_runs, top_distance_2_wins, top_distance_2_win_percent,
      top_distance_2_expected_wins, top_distance_2_ae_index, top_distance_3, top_distance_3_runs,
      top_distance_3_wins, top_distance_3_win_percent, top_distance_3_expected_wins,
      top_distance_3_ae_index, best_class, best_class_runs, best_class_wins,
      best_class_win_percent, best_class_expected_wins, best_class_ae_index, best_distance,
      best_distance_runs, best_distance_wins, best_distance_win_percent,
      best_distance_expected_wins, best_distance_ae_index, own_runs, own_wins, own_places,
      own_win_percent
      ) = row (excluded.*)
      where t is distinct from excluded
      returning 1
    )
    select (select count(*) from sires_new)::integer + (select count(*) from dams_new)::integer
             + (select count(*) from damsires_new)::integer,
           (select count(*) from sires)::integer,
           (select count(*) from dams)::integer,
           (select count(*) from damsires)::integer
    into pedigree_recomputed, sires_changed, dams_changed, damsires_changed;

    -- Pairs: those of a recomputed jockey with a recomputed trainer. A pair no longer at the
    -- threshold (a result corrected) leaves the table.
    with pairs_new as materialized (
      select * from ra_private.combination_statistics(reference_date, stats_jockey_ids,
                                                      stats_trainer_ids)
    ),
    upserted as (
      insert into public.ra_entity_combinations as t
      select * from pairs_new
      on conflict (jockey_id, trainer_id) do update
      set (
      jockey_id, trainer_id, runs, wins, places, win_percent, place_percent, expected_wins,
      ae_index, profit_loss_1u, roi_percent, first_run_date, last_run_date
      ) = row (excluded.*)
      where t is distinct from excluded
      returning 1
    ),
    removed as (
      delete from public.ra_entity_combinations t
      where (stats_jockey_ids is null or t.jockey_id in (select unnest(stats_jockey_ids)))
        and (stats_trainer_ids is null or t.trainer_id in (select unnest(stats_trainer_ids)))
        and not exists (
          select 1 from pairs_new n where n.jockey_id = t.jockey_id and n.trainer_id = t.trainer_id)
      returning 1
    )
    select (select count(*) from upserted)::integer + (select count(*) from removed)::integer
    into combinations_changed;

    -- Distance and venue: every row of a recomputed horse, jockey or trainer; its rows that are
    -- no longer computed (a band or course it no longer has a run in) leave the table.
    with distance_new as materialized (
      select * from ra_private.distance_performance(reference_date, stats_horse_ids,
                                                    stats_jockey_ids, stats_trainer_ids)
    ),
    upserted as (
      insert into public.ra_performance_by_distance as t
      select * from distance_new
      on conflict (entity_type, entity_id, distance_band, going_group) do update
      set (
      entity_type, entity_id, distance_band, going_group, runs, wins, places, win_percent,
      place_percent, expected_wins, ae_index, profit_loss_1u, roi_percent
      ) = row (excluded.*)
      where t is distinct from excluded
      returning 1
    ),
    removed as (
      delete from public.ra_performance_by_distance t
      where ((t.entity_type = 'horse'
               and (stats_horse_ids is null or t.entity_id in (select unnest(stats_horse_ids))))
          or (t.entity_type = 'jockey'
               and (stats_jockey_ids is null or t.entity_id in (select unnest(stats_jockey_ids))))
          or (t.entity_type = 'trainer'
               and (stats_trainer_ids is null or
                 t.entity_id in (select unnest(stats_trainer_ids)))))
        and not exists (
          select 1 from distance_new n
          where n.entity_type = t.entity_type and n.entity_id = t.entity_id
            and n.distance_band = t.distance_band and n.going_group = t.going_group)
      returning 1
    )
    select (select count(*) from upserted)::integer + (select count(*) from removed)::integer
    into distance_changed;

    with venue_new as materialized (
      select * from ra_private.venue_performance(reference_date, stats_jockey_ids,
                                                 stats_trainer_ids)
    ),
    upserted as (
      insert into public.ra_performance_by_venue as t
      select * from venue_new
      on conflict (entity_type, entity_id, course_id, going_group) do update
      set (
      entity_type, entity_id, course_id, going_group, runs, wins, places, win_percent,
      place_percent, expected_wins, ae_index, profit_loss_1u, roi_percent
      ) = row (excluded.*)
      where t is distinct from excluded
      returning 1
    ),
    removed as (
      delete from public.ra_performance_by_venue t
      where ((t.entity_type = 'jockey'
               and (stats_jockey_ids is null or t.entity_id in (select unnest(stats_jockey_ids))))
          or (t.entity_type = 'trainer'
               and (stats_trainer_ids is null or
                 t.entity_id in (select unnest(stats_trainer_ids)))))
        and not exists (
          select 1 from venue_new n
          where n.entity_type = t.entity_type and n.entity_id = t.entity_id
            and n.course_id = t.course_id and n.going_group = t.going_group)
      returning 1
    )
    select (select count(*) from upserted)::integer + (select count(*) from removed)::integer
    into venue_changed;

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
          'pedigree_recomputed', pedigree_recomputed,
          'rows_changed', jsonb_build_object(
            'ra_jockey_statistics', jockeys_changed,
            'ra_trainer_statistics', trainers_changed,
            'ra_owner_statistics', owners_changed,
            'days_since_only', dated,
            'ra_runner_statistics', runners_changed + runners_removed,
            'ra_sire_statistics', sires_changed,
            'ra_dam_statistics', dams_changed,
            'ra_damsire_statistics', damsires_changed,
            'ra_entity_combinations', combinations_changed,
            'ra_performance_by_distance', distance_changed,
            'ra_performance_by_venue', venue_changed))
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


-- The last-10 figures of first runners change: the next refresh is a full one.
update ra_private.statistics_state set last_refresh_at = null where singleton;

-- ---------------------------------------------------------------------------------------------
-- Privileges: nothing here is for the API roles.
-- ---------------------------------------------------------------------------------------------

revoke all on function ra_private.race_groups() from public;
revoke all on function ra_private.runner_form_of(text[], text[]) from public;

do $$
declare
  api_role text;
begin
  foreach api_role in array array['anon', 'authenticated'] loop
    if exists (select 1 from pg_catalog.pg_roles where rolname = api_role) then
      execute format('revoke all on function ra_private.race_groups(), '
        'ra_private.runner_form_of(text[], text[]) from %I', api_role);
    end if;
  end loop;
end
$$;
