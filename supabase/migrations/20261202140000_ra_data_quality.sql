-- Data quality: one view, public.ra_data_quality, says for every check whether the sync is right
-- (ok | warn | fail), why, and since when. The checks are SQL over the data, the sync state,
-- pg_cron's run history and pg_net's responses; their thresholds live in one table,
-- ra_private.quality_settings. ra_private.evaluate_quality(), run by pg_cron every minute,
-- keeps when each status began (ra_private.quality_state) and posts one webhook message when a
-- check turns fail and one when it recovers. Health, doctor, alerts and the report all read the
-- same view (DESIGN §11).
--
-- Everything that touches cron, net or vault does so through dynamic SQL after checking that the
-- object exists, so this migration applies where pg_cron, pg_net or Vault are missing; there the
-- checks that need them say so with status warn.
--
-- Vault secret (docs/operations.md, "Data quality"):
--   ra_alert_webhook_url   a Slack or Discord incoming-webhook URL; no secret, no alerts

-- ---------------------------------------------------------------------------------------------
-- What the API promised: recorded by the paged jobs when a window's last page is written
-- ---------------------------------------------------------------------------------------------

alter table public.ra_sync_checkpoints
  add column api_total integer check (api_total >= 0),
  add column api_filtered_out integer check (api_filtered_out >= 0);
comment on column public.ra_sync_checkpoints.api_total is
  'The API''s own total of races for the window (results or racecards), from the page that '
  'finished it; null for windows finished before it was recorded, and for other jobs.';
comment on column public.ra_sync_checkpoints.api_filtered_out is
  'Races of api_total the sync left out on purpose (a region not configured); stored races are '
  'expected to reach api_total - api_filtered_out.';

create function ra_private.record_api_total(
  id bigint,
  lease_owner text,
  api_total integer,
  api_filtered_out integer default 0
) returns boolean
language sql
set search_path = ''
as $$
  with recorded as (
    update public.ra_sync_checkpoints c
    set api_total = record_api_total.api_total,
        api_filtered_out = coalesce(record_api_total.api_filtered_out, 0),
        updated_at = clock_timestamp()
    where c.id = record_api_total.id
      and c.status = 'running'
      and c.lease_owner = record_api_total.lease_owner
    returning c.id
  )
  select exists (select 1 from recorded);
$$;
comment on function ra_private.record_api_total(bigint, text, integer, integer) is
  'Records, on a window the caller holds, the API''s total of races for it and how many of them '
  'the sync filtered out; call it in the transaction of the last page, before complete_window. '
  'Returns false when the caller no longer holds the window.';

-- ---------------------------------------------------------------------------------------------
-- Thresholds, all in one place
-- ---------------------------------------------------------------------------------------------

create table ra_private.quality_settings (
  name text primary key check (name ~ '^[a-z][a-z0-9_]*$'),
  value numeric not null,
  unit text not null,
  description text not null
);
comment on table ra_private.quality_settings is
  'Thresholds of the data-quality checks (ra_data_quality); docs/operations.md explains each. '
  'Change one with update ... set value = ...; the next evaluation uses it.';

insert into ra_private.quality_settings (name, value, unit, description)
values
  ('freshness_grace_minutes', 30, 'minutes',
   'A scheduled function job fails freshness when its cron fired at least this long ago and no '
   'run of its function and mode has succeeded (or ended partial) since.'),
  ('cron_grace_minutes', 5, 'minutes',
   'A pg_cron job fails when its cron fired at least this long ago and cron.job_run_details has '
   'no run of it since.'),
  ('coverage_days', 7, 'days',
   'Racing days checked for coverage: results up to the day before yesterday, racecards up to '
   'today.'),
  ('fill_days', 30, 'days', 'Racing days (race_date) over which fill rates are measured.'),
  ('fill_min_runner_position', 0.90, 'fraction',
   'Runners of resulted races (not marked non-runner) with a position or a finish status.'),
  ('fill_min_runner_sp', 0.95, 'fraction', 'Placed runners (with a position) with a decimal SP.'),
  ('fill_min_race_off_dt', 0.99, 'fraction', 'Races with off_dt.'),
  ('fill_min_race_distance', 0.99, 'fraction', 'Races with distance_f.'),
  ('fill_min_horse_pedigree', 0.90, 'fraction',
   'Horses with a profile, seen in the period, with sire, dam and damsire ids.'),
  ('integrity_days', 30, 'days', 'Racing days checked for orphans and duplicates.'),
  ('failed_windows_max', 0, 'windows', 'Failed windows tolerated (ra_sync_checkpoints).'),
  ('lease_grace_minutes', 15, 'minutes',
   'A lease (window or horse) expired this long ago and not taken again fails.'),
  ('statistics_grace_hours', 24, 'hours',
   'Results written this long ago with no successful statistics refresh started since fail.')
on conflict (name) do nothing;

alter table ra_private.quality_settings enable row level security;

create function ra_private.quality_setting(setting_name text)
returns numeric
language plpgsql
stable
set search_path = ''
as $$
declare
  found numeric;
begin
  select s.value into found from ra_private.quality_settings s where s.name = setting_name;
  if found is null then
    raise exception 'Cannot evaluate data quality: setting "%" is missing from ra_private.quality_settings',
      setting_name;
  end if;
  return found;
end;
$$;
comment on function ra_private.quality_setting(text) is
  'The value of a threshold in ra_private.quality_settings; raises naming it when it is missing.';

-- ---------------------------------------------------------------------------------------------
-- When a cron expression last fired (pg_cron's five classic fields, UTC)
-- ---------------------------------------------------------------------------------------------

create function ra_private.cron_field_matches(field text, value integer, low integer, high integer)
returns boolean
language plpgsql
immutable
set search_path = ''
as $$
declare
  item text;
  range_part text;
  step integer;
  first_value integer;
  last_value integer;
begin
  -- Items: *, */n, a, a-b, a-b/n, a/n (from a to the end, every n).
  foreach item in array string_to_array(field, ',') loop
    step := 1;
    range_part := item;
    if position('/' in item) > 0 then
      step := split_part(item, '/', 2)::integer;
      range_part := split_part(item, '/', 1);
    end if;
    if range_part = '*' then
      first_value := low;
      last_value := high;
    elsif position('-' in range_part) > 0 then
      first_value := split_part(range_part, '-', 1)::integer;
      last_value := split_part(range_part, '-', 2)::integer;
    else
      first_value := range_part::integer;
      last_value := case when position('/' in item) > 0 then high else first_value end;
    end if;
    if value between first_value and last_value and (value - first_value) % step = 0 then
      return true;
    end if;
  end loop;
  return false;
end;
$$;
comment on function ra_private.cron_field_matches(text, integer, integer, integer) is
  'Whether one field of a cron expression (*, */n, a, a-b, a-b/n, lists) matches a value.';

create function ra_private.cron_previous_fire(cron text, at_or_before timestamptz)
returns timestamptz
language plpgsql
immutable
set search_path = ''
as $$
declare
  fields text[] := regexp_split_to_array(btrim(cron), '\s+');
  latest timestamp := date_trunc('minute', at_or_before at time zone 'UTC');
  -- Like pg_cron (and Vixie cron): when both day fields are restricted, either may match.
  either_day boolean := left(fields[3], 1) <> '*' and left(fields[5], 1) <> '*';
  candidate_day date;
  day_of_month boolean;
  day_of_week boolean;
begin
  if cardinality(fields) <> 5 then
    raise exception 'Cannot read cron expression "%": five fields expected', cron;
  end if;
  -- A year and a bit covers every five-field expression but 29 February.
  for back in 0..400 loop
    candidate_day := latest::date - back;
    continue when not ra_private.cron_field_matches(fields[4],
      extract(month from candidate_day)::integer, 1, 12);
    day_of_month := ra_private.cron_field_matches(fields[3],
      extract(day from candidate_day)::integer, 1, 31);
    day_of_week := ra_private.cron_field_matches(fields[5],
      extract(dow from candidate_day)::integer, 0, 7)
      or (extract(dow from candidate_day) = 0 and ra_private.cron_field_matches(fields[5], 7, 0, 7));
    continue when not case when either_day then day_of_month or day_of_week
                           else day_of_month and day_of_week end;
    for fire_hour in reverse 23..0 loop
      continue when back = 0 and fire_hour > extract(hour from latest);
      continue when not ra_private.cron_field_matches(fields[2], fire_hour, 0, 23);
      for fire_minute in reverse 59..0 loop
        continue when back = 0 and fire_hour = extract(hour from latest)
          and fire_minute > extract(minute from latest);
        if ra_private.cron_field_matches(fields[1], fire_minute, 0, 59) then
          return (candidate_day + make_time(fire_hour, fire_minute, 0)) at time zone 'UTC';
        end if;
      end loop;
    end loop;
  end loop;
  return null;
end;
$$;
comment on function ra_private.cron_previous_fire(text, timestamptz) is
  'The latest instant at or before at_or_before when a five-field cron expression (UTC) fires; '
  'null when it fires on no day of the last 400.';

-- ---------------------------------------------------------------------------------------------
-- The checks: small functions by topic, each returning rows of ra_private.quality_check
-- ---------------------------------------------------------------------------------------------

create type ra_private.quality_check as (
  "check" text,
  status text,
  detail text
);
comment on type ra_private.quality_check is
  'One data-quality check: its name, ok | warn | fail, and what it found (never a secret).';

-- pg_cron has a job id but no creation time: evaluate_quality notes when it first saw each job,
-- so a job scheduled after its last fire time is not taken for one that never ran.
create table ra_private.quality_cron_seen (
  job_name text primary key,
  jobid bigint not null,
  first_seen_at timestamptz not null default clock_timestamp()
);
comment on table ra_private.quality_cron_seen is
  'When ra_private.evaluate_quality first saw each ra_ pg_cron job (by job id): fires before that '
  'do not count as missed.';
alter table ra_private.quality_cron_seen enable row level security;

-- Freshness: each scheduled function job against what its cron implies.
create function ra_private.quality_freshness()
returns setof ra_private.quality_check
language sql
stable
set search_path = ''
as $$
  with jobs as (
    select s.job_name, s.cron, s.function_name, s.body ->> 'mode' as mode,
      ra_private.cron_previous_fire(s.cron, now()
        - make_interval(mins => ra_private.quality_setting('freshness_grace_minutes')::integer))
        as due_since
    from ra_private.schedules s
    where s.function_name is not null
  ),
  judged as (
    select j.*,
      (select max(r.started_at) from public.ra_sync_runs r
       where r.function_name = j.function_name and r.mode is not distinct from j.mode
         and r.status in ('succeeded', 'partial')) as last_success,
      (select max(r.started_at) from public.ra_sync_runs r
       where r.function_name = j.function_name and r.mode is not distinct from j.mode) as last_run
    from jobs j
  )
  select row(
    'freshness:' || j.job_name,
    case
      when j.last_run is null then 'warn'
      when j.due_since is null or j.last_success >= j.due_since then 'ok'
      else 'fail'
    end,
    case
      when j.last_run is null then format(
        '%s (%s) has never run: no %s run with mode %s in ra_sync_runs',
        j.job_name, j.cron, j.function_name, coalesce(j.mode, '(none)'))
      when j.due_since is null or j.last_success >= j.due_since then format(
        'last success %s; due once since %s (cron %s)',
        to_char(j.last_success at time zone 'UTC', 'YYYY-MM-DD HH24:MI "UTC"'),
        to_char(j.due_since at time zone 'UTC', 'YYYY-MM-DD HH24:MI "UTC"'), j.cron)
      else format(
        'no successful %s run (mode %s) since its cron (%s) fired at %s; last success %s',
        j.function_name, coalesce(j.mode, '(none)'), j.cron,
        to_char(j.due_since at time zone 'UTC', 'YYYY-MM-DD HH24:MI "UTC"'),
        coalesce(to_char(j.last_success at time zone 'UTC', 'YYYY-MM-DD HH24:MI "UTC"'), 'never'))
    end
  )::ra_private.quality_check
  from judged j
  order by j.job_name;
$$;
comment on function ra_private.quality_freshness() is
  'freshness:<job>: per scheduled function job, fail when its cron fired freshness_grace_minutes '
  'ago or more and no run of its function and mode succeeded (or ended partial) since; warn '
  'when it never ran at all.';

-- Silent cron: a job that should have run and did not, failed, or whose call did not arrive.
create function ra_private.quality_cron()
returns setof ra_private.quality_check
language plpgsql
stable
set jit = off
set search_path = ''
as $$
declare
  has_cron boolean := to_regclass('cron.job') is not null
    and to_regclass('cron.job_run_details') is not null;
  has_net boolean := to_regclass('net._http_response') is not null;
  grace interval := make_interval(mins => ra_private.quality_setting('cron_grace_minutes')::integer);
  job record;
  result ra_private.quality_check;
  due_since timestamptz;
  fmt constant text := 'YYYY-MM-DD HH24:MI "UTC"';
begin
  for job in
    select st.*, seen.first_seen_at
    from ra_private.schedule_status() st
    left join ra_private.quality_cron_seen seen on seen.job_name = st.job_name
    order by st.job_name
  loop
    result."check" := 'cron:' || job.job_name;
    due_since := ra_private.cron_previous_fire(job.cron, now() - grace);
    if not has_cron then
      result.status := 'warn';
      result.detail := format('pg_cron is not installed in database "%s": the job cannot run here',
        current_database());
    elsif not job.scheduled then
      result.status := 'fail';
      result.detail := 'not in cron.job: run select ra_private.schedule_jobs();';
    elsif not job.active then
      result.status := 'warn';
      result.detail := 'inactive in cron.job';
    elsif job.last_run_status = 'failed' then
      result.status := 'fail';
      result.detail := format('last run at %s failed: %s',
        to_char(job.last_run_started_at at time zone 'UTC', fmt),
        left(coalesce(job.last_run_message, ''), 300));
    elsif due_since is not null
      and due_since >= coalesce(job.first_seen_at, 'infinity'::timestamptz)
      and coalesce(job.last_run_started_at, '-infinity'::timestamptz) < due_since then
      result.status := 'fail';
      result.detail := format('should have run at %s (cron %s) and has no run in cron.job_run_details '
        'since; last run %s', to_char(due_since at time zone 'UTC', fmt), job.cron,
        coalesce(to_char(job.last_run_started_at at time zone 'UTC', fmt), 'never'));
    elsif job.function_name is not null and not has_net then
      result.status := 'warn';
      result.detail := 'pg_net is not installed (no net._http_response): calls cannot be followed';
    elsif job.http_timed_out then
      result.status := 'fail';
      result.detail := format('the call of %s made at %s timed out', job.function_name,
        to_char(job.invoked_at at time zone 'UTC', fmt));
    elsif job.http_error is not null then
      result.status := 'fail';
      result.detail := format('the call of %s made at %s failed: %s', job.function_name,
        to_char(job.invoked_at at time zone 'UTC', fmt), left(job.http_error, 300));
    elsif job.http_status_code is not null and job.http_status_code not between 200 and 299 then
      result.status := 'fail';
      result.detail := format('the call of %s made at %s was answered %s', job.function_name,
        to_char(job.invoked_at at time zone 'UTC', fmt), job.http_status_code);
    else
      result.status := 'ok';
      result.detail := format('last run %s (%s)%s',
        coalesce(to_char(job.last_run_started_at at time zone 'UTC', fmt), 'not yet'),
        coalesce(job.last_run_status, 'none'),
        case when job.http_status_code is not null
          then format(', answered %s', job.http_status_code) else '' end);
    end if;
    return next result;
  end loop;
end;
$$;
comment on function ra_private.quality_cron() is
  'cron:<job>: per job of ra_private.schedules, fail when pg_cron lacks it, its last run failed, '
  'it has no run since a fire cron_grace_minutes or more ago (fires before evaluate_quality first '
  'saw the job do not count), or the call it made timed out, errored or got a non-2xx answer; '
  'warn when pg_cron (or, for function jobs, pg_net) is not installed.';

-- Coverage: every racing day of the last coverage_days has a window, and stored races reach
-- what the API said it had.
create function ra_private.quality_coverage()
returns setof ra_private.quality_check
language sql
stable
set search_path = ''
as $$
  with today as (
    select (now() at time zone 'Europe/London')::date as day,
      ra_private.quality_setting('coverage_days')::integer as days
  ),
  kinds (kind, first_day, last_day) as (
    -- Yesterday's results arrive with the next morning's run: checked from the day after.
    select 'results', t.day - t.days - 1, t.day - 2 from today t
    union all
    select 'racecards', t.day - t.days + 1, t.day from today t
  ),
  windows as (
    select k.kind, c.*
    from kinds k
    join public.ra_sync_checkpoints c on c.job like k.kind || '\_%'
    where c.window_end >= k.first_day and c.window_start <= k.last_day
  ),
  missing as (
    select k.kind, d.day::date as day
    from kinds k
    cross join lateral generate_series(k.first_day, k.last_day, interval '1 day') as d(day)
    where not exists (
      select 1 from windows w
      where w.kind = k.kind and w.status in ('done', 'running', 'pending')
        and d.day::date between w.window_start and w.window_end)
  ),
  short as (
    select w.kind, w.window_start, w.window_end, w.api_total - coalesce(w.api_filtered_out, 0)
        as expected,
      (select count(*) from public.ra_mst_races r
       where r.race_date between w.window_start and w.window_end
         and (w.kind = 'racecards' or r.has_result)) as stored
    from windows w
    where w.status = 'done' and w.api_total is not null
  ),
  summary as (
    select k.kind, k.first_day, k.last_day,
      exists (select 1 from public.ra_sync_checkpoints c where c.job like k.kind || '\_%')
        as any_window,
      (select string_agg(to_char(m.day, 'YYYY-MM-DD'), ', ' order by m.day)
       from missing m where m.kind = k.kind) as missing_days,
      (select string_agg(format('%s..%s: %s of %s', s.window_start, s.window_end, s.stored,
          s.expected), '; ' order by s.window_start)
       from short s where s.kind = k.kind and s.stored < s.expected) as short_windows,
      (select count(*) from short s where s.kind = k.kind) as counted_windows
    from kinds k
  )
  select row(
    'coverage:' || s.kind,
    case
      when not s.any_window then 'warn'
      when s.missing_days is not null or s.short_windows is not null then 'fail'
      else 'ok'
    end,
    case
      when not s.any_window then format('no %s window yet: nothing synced', s.kind)
      when s.missing_days is not null or s.short_windows is not null then concat_ws('; ',
        case when s.missing_days is not null
          then format('no %s window for %s', s.kind, s.missing_days) end,
        case when s.short_windows is not null
          then format('fewer races stored than the API listed: %s', s.short_windows) end)
      else format('%s..%s covered; %s windows match the API''s totals', s.first_day, s.last_day,
        s.counted_windows)
    end
  )::ra_private.quality_check
  from summary s
  order by s.kind desc;
$$;
comment on function ra_private.quality_coverage() is
  'coverage:results and coverage:racecards: fail when a racing day of the last coverage_days '
  '(results to the day before yesterday, racecards to today) has no window, or a done window '
  'holds fewer races than its api_total less api_filtered_out; warn when the job never ran.';

-- Fill rates of the columns a racing reader relies on.
create function ra_private.quality_fill_rates()
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
      count(*) filter (where starting_price_decimal is not null),
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

-- Orphans and duplicates.
create function ra_private.quality_integrity()
returns setof ra_private.quality_check
language sql
stable
set search_path = ''
as $$
  with period as (
    select (now() at time zone 'Europe/London')::date
      - ra_private.quality_setting('integrity_days')::integer as first_day
  ),
  recent_races as (
    select r.* from public.ra_mst_races r, period p where r.race_date >= p.first_day
  ),
  orphans as (
    select
      (select count(*) from public.ra_mst_runners ru
       where not exists (select 1 from public.ra_mst_races r where r.id = ru.race_id))
        as runners_without_race,
      (select count(*) from public.ra_mst_runners ru
       where not exists (select 1 from public.ra_mst_horses h where h.id = ru.horse_id))
        as runners_without_horse,
      (select count(*) from recent_races r
       where not exists (select 1 from public.ra_mst_runners ru where ru.race_id = r.id))
        as races_without_runners,
      (select string_agg(x.id, ', ') from (
         select r.id from recent_races r
         where not exists (select 1 from public.ra_mst_runners ru where ru.race_id = r.id)
         order by r.race_date, r.id limit 5) x) as example_races
  ),
  duplicates as (
    select
      (select count(*) from (
         select 1 from recent_races r where r.course_id is not null and r.off_dt is not null
         group by r.course_id, r.off_dt having count(*) > 1) d) as races_same_course_and_off,
      (select count(*) from (
         select 1 from recent_races r
         join public.ra_mst_runners ru on ru.race_id = r.id
         where ru.number is not null and not coalesce(ru.is_non_runner, false)
         group by ru.race_id, ru.number having count(*) > 1) d) as runners_same_number
  )
  select row(
    'orphans',
    case when o.runners_without_race + o.runners_without_horse + o.races_without_runners > 0
      then 'fail' else 'ok' end,
    case when o.runners_without_race + o.runners_without_horse + o.races_without_runners > 0
      then concat_ws('; ',
        case when o.runners_without_race > 0
          then format('%s runners without their race', o.runners_without_race) end,
        case when o.runners_without_horse > 0
          then format('%s runners without their horse', o.runners_without_horse) end,
        case when o.races_without_runners > 0
          then format('%s races of the last %s days without runners (%s)',
            o.races_without_runners, ra_private.quality_setting('integrity_days'),
            o.example_races) end)
      else format('none (runners all time, races of the last %s days)',
        ra_private.quality_setting('integrity_days'))
    end
  )::ra_private.quality_check
  from orphans o
  union all
  select row(
    'duplicates',
    case when d.races_same_course_and_off + d.runners_same_number > 0 then 'fail' else 'ok' end,
    case when d.races_same_course_and_off + d.runners_same_number > 0 then concat_ws('; ',
        case when d.races_same_course_and_off > 0
          then format('%s course and off times with more than one race id',
            d.races_same_course_and_off) end,
        case when d.runners_same_number > 0
          then format('%s saddle-cloth numbers worn by two horses in one race',
            d.runners_same_number) end)
      else format('none in the last %s days', ra_private.quality_setting('integrity_days'))
    end
  )::ra_private.quality_check
  from duplicates d;
$$;
comment on function ra_private.quality_integrity() is
  'orphans: runners without their race or horse, races of the last integrity_days without '
  'runners. duplicates: two race ids at one course and off time, two horses with one number in '
  'a race. Each fails on any.';

-- Windows that failed, and leases nobody took back.
create function ra_private.quality_windows()
returns setof ra_private.quality_check
language sql
stable
set search_path = ''
as $$
  with failed as (
    select count(*) as windows,
      string_agg(distinct c.job, ', ') as jobs,
      min(c.window_start) as first_day,
      max(c.window_end) as last_day,
      (array_agg(left(c.last_error, 200) order by c.updated_at desc))[1] as latest_error
    from public.ra_sync_checkpoints c
    where c.status = 'failed'
  ),
  grace as (
    select clock_timestamp()
      - make_interval(mins => ra_private.quality_setting('lease_grace_minutes')::integer) as before
  ),
  expired as (
    select
      (select count(*) from public.ra_sync_checkpoints c, grace g
       where c.status = 'running' and c.lease_expires_at < g.before) as windows,
      (select string_agg(format('%s %s..%s', x.job, x.window_start, x.window_end), ', ')
       from (select c.job, c.window_start, c.window_end
             from public.ra_sync_checkpoints c, grace g
             where c.status = 'running' and c.lease_expires_at < g.before
             order by c.lease_expires_at limit 5) x) as examples,
      (select count(*) from public.ra_sync_horse_leases l, grace g
       where l.lease_expires_at < g.before) as horses
  )
  select row(
    'failed_windows',
    case when f.windows > ra_private.quality_setting('failed_windows_max') then 'fail' else 'ok' end,
    case when f.windows = 0 then 'none'
      else format('%s failed windows (%s, %s..%s); latest error: %s', f.windows, f.jobs,
        f.first_day, f.last_day, coalesce(f.latest_error, '(none)'))
    end
  )::ra_private.quality_check
  from failed f
  union all
  select row(
    'expired_leases',
    case when e.windows + e.horses > 0 then 'fail' else 'ok' end,
    case when e.windows + e.horses > 0 then concat_ws('; ',
        case when e.windows > 0 then format('%s running windows whose lease expired over %s '
          'minutes ago (%s)', e.windows, ra_private.quality_setting('lease_grace_minutes'),
          e.examples) end,
        case when e.horses > 0 then format('%s horse leases expired over %s minutes ago',
          e.horses, ra_private.quality_setting('lease_grace_minutes')) end)
      else 'none'
    end
  )::ra_private.quality_check
  from expired e;
$$;
comment on function ra_private.quality_windows() is
  'failed_windows: fail when more windows are failed than failed_windows_max. expired_leases: '
  'fail when a running window or a horse lease expired lease_grace_minutes ago or more and no '
  'run took it back.';

-- Statistics refreshed after the results they are computed from.
create function ra_private.quality_statistics()
returns setof ra_private.quality_check
language sql
stable
set search_path = ''
as $$
  with refresh as (
    select
      (select max(r.started_at) from public.ra_sync_runs r
       where r.function_name = 'refresh-statistics' and r.status = 'succeeded') as last_success,
      (select r from public.ra_sync_runs r
       where r.function_name = 'refresh-statistics' and r.status <> 'running'
       order by r.started_at desc limit 1) as latest
  ),
  waiting as (
    select f.last_success, f.latest,
      (select min(r.finished_at) from public.ra_sync_runs r
       where r.function_name = 'fetch-results' and r.status in ('succeeded', 'partial')
         and r.rows_written > 0
         and r.finished_at > coalesce(f.last_success, '-infinity'::timestamptz)) as results_since
    from refresh f
  )
  select row(
    'statistics_refresh',
    case
      when (w.latest).status = 'failed' then 'fail'
      when w.results_since < now()
        - make_interval(hours => ra_private.quality_setting('statistics_grace_hours')::integer)
        then 'fail'
      else 'ok'
    end,
    case
      when (w.latest).status = 'failed' then format('the last refresh (%s) failed: %s',
        to_char((w.latest).started_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI "UTC"'),
        left(coalesce((w.latest).error, ''), 200))
      when w.results_since is null then format('up to date; last refresh %s',
        coalesce(to_char(w.last_success at time zone 'UTC', 'YYYY-MM-DD HH24:MI "UTC"'), 'never'))
      else format('results written since %s, not yet in the statistics (last refresh %s, '
          'grace %s hours)',
        to_char(w.results_since at time zone 'UTC', 'YYYY-MM-DD HH24:MI "UTC"'),
        coalesce(to_char(w.last_success at time zone 'UTC', 'YYYY-MM-DD HH24:MI "UTC"'), 'never'),
        ra_private.quality_setting('statistics_grace_hours'))
    end
  )::ra_private.quality_check
  from waiting w;
$$;
comment on function ra_private.quality_statistics() is
  'statistics_refresh: fail when the latest refresh-statistics run failed, or when fetch-results '
  'wrote rows statistics_grace_hours ago or more and no refresh has succeeded since.';

-- Every check, by topic. Odds (bookmaker names not resolved, odds not refreshed) join here with
-- the odds tables: write ra_private.quality_odds() like the others and add it to this union.
create function ra_private.quality_checks()
returns setof ra_private.quality_check
language sql
stable
-- Small queries over small sets: compiling them (JIT) costs more than it saves.
set jit = off
set search_path = ''
as $$
  select * from ra_private.quality_freshness()
  union all select * from ra_private.quality_cron()
  union all select * from ra_private.quality_coverage()
  union all select * from ra_private.quality_fill_rates()
  union all select * from ra_private.quality_integrity()
  union all select * from ra_private.quality_windows()
  union all select * from ra_private.quality_statistics();
$$;
comment on function ra_private.quality_checks() is
  'Every data-quality check, computed now: the union of the per-topic ra_private.quality_* '
  'functions.';

-- ---------------------------------------------------------------------------------------------
-- Since when, and what was alerted
-- ---------------------------------------------------------------------------------------------

create table ra_private.quality_state (
  "check" text primary key,
  status text not null check (status in ('ok', 'warn', 'fail')),
  since timestamptz not null,
  alerted_status text not null default 'ok' check (alerted_status in ('ok', 'warn', 'fail')),
  evaluated_at timestamptz not null
);
comment on table ra_private.quality_state is
  'Per check, the status found by the last ra_private.evaluate_quality, since when it holds, and '
  'the status the last alert announced.';
comment on column ra_private.quality_state.since is 'When the check''s current status began.';
comment on column ra_private.quality_state.alerted_status is
  'fail once a failure was announced, back to the new status once its recovery was; unchanged '
  'while no alert can be sent (no webhook secret or no pg_net), so nothing is lost or repeated.';
alter table ra_private.quality_state enable row level security;

create function ra_private.data_quality()
returns table ("check" text, status text, detail text, since timestamptz)
language sql
stable
security definer
set jit = off
set search_path = ''
as $$
  select c."check", c.status, c.detail,
    -- A change newer than the last evaluation began, as far as anyone knows, now.
    case when s.status = c.status then s.since else now() end
  from ra_private.quality_checks() c
  left join ra_private.quality_state s on s."check" = c."check"
  order by c."check";
$$;
comment on function ra_private.data_quality() is
  'Every data-quality check now, with since from ra_private.quality_state (now when the status '
  'changed after the last evaluation).';

create view public.ra_data_quality
with (security_invoker = true)
as select * from ra_private.data_quality();
comment on view public.ra_data_quality is
  'One row per data-quality check: ok | warn | fail, what it found and since when '
  '(docs/operations.md, "Data quality"); service role only.';

create function ra_private.alert_text(failing text[], recovered text[])
returns text
language sql
stable
set search_path = ''
as $$
  -- Discord takes at most 2,000 characters.
  select left(concat_ws(E'\n',
    format('darkhorses-sync (%s): data quality changed', current_database()),
    case when cardinality(failing) > 0 then 'FAILING:' end,
    nullif(array_to_string(failing, E'\n'), ''),
    case when cardinality(recovered) > 0 then 'RECOVERED:' end,
    nullif(array_to_string(recovered, E'\n'), ''),
    'See select * from ra_data_quality; and docs/operations.md, "Data quality".'), 1900);
$$;
comment on function ra_private.alert_text(text[], text[]) is
  'The text of an alert: the checks that turned fail and those that recovered, one per line.';

-- The checks of one evaluation, compared with ra_private.quality_state.
create unlogged table ra_private.quality_now (
  "check" text primary key,
  status text,
  detail text
);
revoke all on table ra_private.quality_now from public;

create function ra_private.evaluate_quality()
returns jsonb
language plpgsql
security definer
set jit = off
set search_path = ''
as $$
declare
  -- Resolved at run time: this database may have neither Vault, pg_net nor pg_cron.
  secrets_view regclass := to_regclass('vault.decrypted_secrets');
  http_post regprocedure := to_regprocedure('net.http_post(text,jsonb,jsonb,jsonb,integer)');
  cron_jobs regclass := to_regclass('cron.job');
  alert_timeout_ms constant integer := 5000;
  webhook_url text;
  secret_values text[];
  failing text[];
  recovered text[];
  message text;
  request_id bigint;
  secret_value text;
  evaluated integer;
begin
  -- Two evaluations at once would both see the change and alert twice.
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('ra_evaluate_quality'));

  if cron_jobs is not null then
    execute format(
      'insert into ra_private.quality_cron_seen as s (job_name, jobid) '
      'select j.jobname::text, j.jobid from %s j where j.jobname like $1 '
      'on conflict (job_name) do update set jobid = excluded.jobid, '
      'first_seen_at = clock_timestamp() where s.jobid <> excluded.jobid', cron_jobs)
      using 'ra\_%';
  end if;

  -- One evaluation at a time: the work table is shared (a temporary table would hide it from
  -- supabase db lint).
  lock table ra_private.quality_now in exclusive mode;
  delete from ra_private.quality_now;
  insert into ra_private.quality_now select c."check", c.status, c.detail from ra_private.quality_checks() c;
  get diagnostics evaluated = row_count;

  delete from ra_private.quality_state s
  where not exists (select 1 from ra_private.quality_now n where n."check" = s."check");

  insert into ra_private.quality_state as s ("check", status, since, evaluated_at)
  select n."check", n.status, now(), now() from ra_private.quality_now n
  on conflict ("check") do update
    set since = case when s.status = excluded.status then s.since else excluded.since end,
        status = excluded.status,
        evaluated_at = excluded.evaluated_at;

  select
    array_agg(format('- %s: %s', n."check", n.detail) order by n."check")
      filter (where n.status = 'fail' and s.alerted_status <> 'fail'),
    array_agg(format('- %s: %s (%s)', n."check", n.detail, n.status) order by n."check")
      filter (where n.status <> 'fail' and s.alerted_status = 'fail')
  into failing, recovered
  from ra_private.quality_now n
  join ra_private.quality_state s on s."check" = n."check";

  if coalesce(cardinality(failing), 0) + coalesce(cardinality(recovered), 0) = 0 then
    return jsonb_build_object('checks', evaluated, 'alert', 'none');
  end if;

  if secrets_view is not null then
    execute format('select max(s.decrypted_secret) filter (where s.name = $1), '
      'array_agg(s.decrypted_secret) filter (where btrim(coalesce(s.decrypted_secret, $4)) <> $4) '
      'from %s s where s.name in ($1, $2, $3)', secrets_view)
      into webhook_url, secret_values
      using 'ra_alert_webhook_url', 'ra_function_key', 'ra_project_url', '';
  end if;
  if coalesce(btrim(webhook_url), '') = '' then
    return jsonb_build_object('checks', evaluated, 'alert', 'no webhook: Vault secret '
      '"ra_alert_webhook_url" is missing');
  end if;
  if http_post is null then
    return jsonb_build_object('checks', evaluated, 'alert',
      'no webhook: pg_net is not installed (no net.http_post)');
  end if;

  message := ra_private.alert_text(coalesce(failing, '{}'), coalesce(recovered, '{}'));
  -- Details come from data and error messages; none should hold a secret, but never send one.
  foreach secret_value in array coalesce(secret_values, '{}') loop
    message := replace(message, btrim(secret_value), '[secret]');
  end loop;

  execute format('select %s(url => $1, body => $2, headers => $3, timeout_milliseconds => $4)',
    http_post::oid::regproc)
    into request_id
    using btrim(webhook_url),
      jsonb_build_object('text', message, 'content', message),
      '{"Content-Type": "application/json"}'::jsonb,
      alert_timeout_ms;

  update ra_private.quality_state s
  set alerted_status = n.status
  from ra_private.quality_now n
  where n."check" = s."check"
    and ((n.status = 'fail' and s.alerted_status <> 'fail')
      or (n.status <> 'fail' and s.alerted_status = 'fail'));

  return jsonb_build_object('checks', evaluated, 'alert', 'queued', 'request_id', request_id,
    'failing', coalesce(cardinality(failing), 0), 'recovered', coalesce(cardinality(recovered), 0));
end;
$$;
comment on function ra_private.evaluate_quality() is
  'Evaluates every data-quality check, records in ra_private.quality_state since when each status '
  'holds, and queues one pg_net POST to the Vault secret ra_alert_webhook_url ({"text", '
  '"content"}: Slack and Discord) naming the checks that turned fail and those that recovered; '
  'nothing while it stays failed, and nothing without the secret or pg_net. Secret values are '
  'masked in the message. Returns a summary.';

-- ---------------------------------------------------------------------------------------------
-- Scheduled every minute (pg_cron 1.4: five fields; the checks read recent days only)
-- ---------------------------------------------------------------------------------------------

insert into ra_private.schedules (job_name, cron, function_name, body, database_function, description)
values ('ra_quality_evaluate', '* * * * *', null, '{}', 'evaluate_quality',
  'Evaluate the data-quality checks and alert on a change, every minute')
on conflict (job_name) do nothing;

-- ---------------------------------------------------------------------------------------------
-- Privileges: nothing here is for the API roles (which exist only on Supabase, hence the guard).
-- The service role may read the view, which needs the function behind it.
-- ---------------------------------------------------------------------------------------------

revoke all on table ra_private.quality_settings, ra_private.quality_state,
  ra_private.quality_cron_seen from public;
revoke all on table public.ra_data_quality from public;
revoke all on function ra_private.record_api_total(bigint, text, integer, integer) from public;
revoke all on function ra_private.quality_setting(text) from public;
revoke all on function ra_private.cron_field_matches(text, integer, integer, integer) from public;
revoke all on function ra_private.cron_previous_fire(text, timestamptz) from public;
revoke all on function ra_private.quality_freshness() from public;
revoke all on function ra_private.quality_cron() from public;
revoke all on function ra_private.quality_coverage() from public;
revoke all on function ra_private.quality_fill_rates() from public;
revoke all on function ra_private.quality_integrity() from public;
revoke all on function ra_private.quality_windows() from public;
revoke all on function ra_private.quality_statistics() from public;
revoke all on function ra_private.quality_checks() from public;
revoke all on function ra_private.data_quality() from public;
revoke all on function ra_private.alert_text(text[], text[]) from public;
revoke all on function ra_private.evaluate_quality() from public;

do $$
declare
  api_role text;
begin
  foreach api_role in array array['anon', 'authenticated'] loop
    if exists (select 1 from pg_catalog.pg_roles where rolname = api_role) then
      execute format('revoke all on table public.ra_data_quality from %I', api_role);
      execute format('revoke all on table ra_private.quality_settings, ra_private.quality_state, '
        'ra_private.quality_cron_seen from %I', api_role);
      execute format('revoke all on all functions in schema ra_private from %I', api_role);
    end if;
  end loop;
  if exists (select 1 from pg_catalog.pg_roles where rolname = 'service_role') then
    grant usage on schema ra_private to service_role;
    grant execute on function ra_private.data_quality() to service_role;
    grant select on table public.ra_data_quality to service_role;
  end if;
end
$$;

-- Schedule the new job where everything is in place, as the scheduling migration does.
do $$
begin
  if not exists (select 1 from ra_private.scheduling_problems()) then
    perform ra_private.schedule_jobs();
  end if;
end
$$;
