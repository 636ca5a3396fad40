-- Statistics, scheduled and fast (issue 13, build items 3 to 5).
--
-- 1. A pg_cron job refreshes the statistics after each results run (ra_results_morning 05:15 and
--    ra_results_evening 21:45 UTC): ra_statistics_morning at 05:45 and ra_statistics_evening at
--    22:15, through ra_private.refresh_statistics_job(), the no-argument function a schedule
--    runs.

-- ---------------------------------------------------------------------------------------------
-- The job
-- ---------------------------------------------------------------------------------------------

create function ra_private.refresh_statistics_job()
returns text
language plpgsql
set search_path = ''
as $$
declare
  run public.ra_sync_runs;
begin
  -- A failed refresh is recorded (status failed, with the error) by refresh_statistics itself;
  -- raising here would roll that record back, so the job reports it in its return message.
  run := ra_private.refresh_statistics(false);
  return format('refresh-statistics %s %s: run %s, %s ms', run.mode, run.status, run.run_id,
                run.duration_ms);
end;
$$;
comment on function ra_private.refresh_statistics_job() is
  'The pg_cron job ra_statistics_morning/evening: an incremental ra_private.refresh_statistics(), '
  'its outcome and run id as the return message (the run is a refresh-statistics row of '
  'ra_sync_runs, failed with the error when it failed).';
revoke all on function ra_private.refresh_statistics_job() from public;

do $$
declare
  api_role text;
begin
  foreach api_role in array array['anon', 'authenticated'] loop
    if exists (select 1 from pg_catalog.pg_roles where rolname = api_role) then
      execute format('revoke all on function ra_private.refresh_statistics_job() from %I',
        api_role);
    end if;
  end loop;
end
$$;

-- 05:45 GMT / 06:45 BST and 22:15 GMT / 23:15 BST: half an hour after each results run.
insert into ra_private.schedules (job_name, cron, function_name, body, database_function,
                                  description)
values
  ('ra_statistics_morning', '45 5 * * *', null, '{}', 'refresh_statistics_job',
   'Statistics refresh (incremental) after the morning results'),
  ('ra_statistics_evening', '15 22 * * *', null, '{}', 'refresh_statistics_job',
   'Statistics refresh (incremental) after the evening results')
on conflict (job_name) do nothing;

-- Schedule them now where everything is in place, as the scheduling migration does.
do $$
begin
  if not exists (select 1 from ra_private.scheduling_problems()) then
    perform ra_private.schedule_jobs();
  end if;
end
$$;

-- 2. Speed (measured with deno task bench --stats: docs/statistics.md, "How fast"). The
--    definitions do not change; only how PostgreSQL runs them.
--
--    The formula functions are called per row (percent_of about 40 times per runner in the
--    runner form). A SQL function with a SET clause (here set search_path = '') is never inlined:
--    each call runs the SQL-function executor (about 10 µs), which made the runner form's final
--    projection most of its time. Without the SET clause, and with every function and type
--    qualified with pg_catalog, the planner inlines each into the calling query, where it costs
--    what its expression costs. Operators resolve in pg_catalog first whatever the caller's
--    search_path (the statistics call them with search_path ''), and none of these functions is
--    security definer.

-- ---------------------------------------------------------------------------------------------
-- Formula functions, inlinable (same definitions as 20261202100000 and 20261202130000)
-- ---------------------------------------------------------------------------------------------

create or replace function ra_private.percent_of(part bigint, whole bigint)
returns numeric
language sql
immutable
as $$
  select pg_catalog.round(100.0 * percent_of.part / nullif(percent_of.whole, 0), 2);
$$;

create or replace function ra_private.ae_index(actual_wins bigint, expected_wins numeric)
returns numeric
language sql
immutable
as $$
  select pg_catalog.round(ae_index.actual_wins / nullif(ae_index.expected_wins, 0), 2);
$$;

create or replace function ra_private.roi_percent(profit_loss numeric, sp_runs bigint)
returns numeric
language sql
immutable
as $$
  select pg_catalog.round(100 * roi_percent.profit_loss / nullif(roi_percent.sp_runs, 0),
                          2);
$$;

-- ra_private.distance_band and ra_private.going_group keep their search_path (tests hold them to
-- it): they are called once per race, not per run, so their call costs little.

create or replace function ra_private.distance_band_rank(band text)
returns integer
language sql
immutable
as $$
  select pg_catalog.array_position(array['up to 6f', '7f to 1m', '1m1f to 1m3f', '1m4f to 1m7f',
                                         '2m to 2m4f', '2m5f to 3m', 'over 3m']::text[],
                                   distance_band_rank.band);
$$;

-- ---------------------------------------------------------------------------------------------
-- Settings of the refresh
--
-- JIT compiled the runner form's 300 expressions for 6 s on every call, more than it saved; the
-- refresh runs without it. The runner form sorts whole histories several times: in memory.
-- ---------------------------------------------------------------------------------------------

alter function ra_private.refresh_statistics(boolean, date) set jit = off;
alter function ra_private.runner_form(text[], text[], text[], timestamptz) set work_mem = '128MB';
