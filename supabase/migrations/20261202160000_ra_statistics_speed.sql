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
