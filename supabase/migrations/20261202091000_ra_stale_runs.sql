-- Stale runs: a run killed mid-way (the wall-clock limit, a crash, a restart without the
-- beforeunload hook getting its one statement through) stayed `running` in ra_sync_runs forever.
-- No Edge Function lives past its wall-clock limit (400 s on paid plans, 150 s on the free
-- plan), so a run still running after 400 s will never record its end: it is closed as
-- interrupted by the next run that opens (serve_job) and by the daily housekeeping.

create function ra_private.close_stale_runs(older_than_seconds integer default 400)
returns integer
language sql
set search_path = ''
as $$
  with stale as (
    select r.run_id
    from public.ra_sync_runs r
    where r.status = 'running'
      and r.started_at < clock_timestamp() - make_interval(secs => close_stale_runs.older_than_seconds)
    -- Concurrent invocations each close what no other is closing, without waiting.
    for update skip locked
  ),
  closed as (
    update public.ra_sync_runs r
    set status = 'interrupted',
        error = coalesce(r.error, format(
          'No end recorded within %s s: the function was stopped (wall-clock limit, crash or restart)',
          close_stale_runs.older_than_seconds)),
        -- When the run was found stale; how long it really ran is unknown.
        finished_at = clock_timestamp(),
        duration_ms = null
    from stale
    where r.run_id = stale.run_id
    returning r.run_id
  )
  select count(*)::integer from closed;
$$;
comment on function ra_private.close_stale_runs(integer) is
  'Closes as interrupted every run still running older_than_seconds (default 400, the longest '
  'Edge Function wall-clock limit) after it started, with an error saying no end was recorded; '
  'finished_at is when it was closed and duration_ms stays null. Its windows are left to lease '
  'expiry. Returns how many runs it closed.';

comment on column public.ra_sync_runs.status is
  'running, then succeeded | partial (budget spent, windows remain) | failed | interrupted '
  '(shutdown, or no end recorded within the wall-clock limit: see ra_private.close_stale_runs).';

-- Housekeeping also closes stale runs, for the days no function runs; all it did before stays.
create or replace function ra_private.housekeeping()
returns table (target text, rows_deleted bigint)
language plpgsql
set search_path = ''
as $$
declare
  -- Retention, in one place (raw responses: ra_private.settings raw_retention_days).
  cron_history_kept constant interval := interval '7 days';
  http_responses_kept constant interval := interval '2 days';
  invocations_kept constant interval := interval '7 days';
  -- Each only where it exists.
  cron_runs regclass := to_regclass('cron.job_run_details');
  http_responses regclass := to_regclass('net._http_response');
  purge_raw_responses regprocedure := to_regprocedure('ra_private.purge_raw_responses()');
  deleted bigint;
begin
  -- pg_cron never cleans its run history, even of unscheduled jobs.
  if cron_runs is not null then
    execute format('delete from %s d where coalesce(d.end_time, d.start_time) < now() - $1',
      cron_runs)
      using cron_history_kept;
    get diagnostics deleted = row_count;
    target := 'cron.job_run_details';
    rows_deleted := deleted;
    return next;
  end if;

  -- pg_net has its own TTL (pg_net.ttl); this bounds the table where the TTL is longer.
  if http_responses is not null then
    execute format('delete from %s r where r.created < now() - $1', http_responses)
      using http_responses_kept;
    get diagnostics deleted = row_count;
    target := 'net._http_response';
    rows_deleted := deleted;
    return next;
  end if;

  delete from ra_private.invocations i where i.invoked_at < now() - invocations_kept;
  get diagnostics deleted = row_count;
  target := 'ra_private.invocations';
  rows_deleted := deleted;
  return next;

  if purge_raw_responses is not null then
    execute format('select %s()::bigint', purge_raw_responses::oid::regproc) into deleted;
    target := 'public.ra_api_responses';
    rows_deleted := deleted;
    return next;
  end if;

  -- Nothing is deleted here: the count is of stale runs closed as interrupted.
  target := 'public.ra_sync_runs (stale runs closed)';
  rows_deleted := ra_private.close_stale_runs();
  return next;
end;
$$;
comment on function ra_private.housekeeping() is
  'Deletes cron run history older than 7 days, pg_net responses older than 2 days, invocations '
  'older than 7 days and raw responses past their retention, each only where it exists, and '
  'closes stale runs (ra_private.close_stale_runs). Returns the rows deleted (or closed) per table.';

-- ---------------------------------------------------------------------------------------------
-- Privileges: as for the other sync functions, nothing here is for the API roles.
-- ---------------------------------------------------------------------------------------------

revoke all on function ra_private.close_stale_runs(integer) from public;

do $$
declare
  api_role text;
begin
  foreach api_role in array array['anon', 'authenticated'] loop
    if exists (select 1 from pg_catalog.pg_roles where rolname = api_role) then
      execute format('revoke all on function ra_private.close_stale_runs(integer) from %I',
        api_role);
    end if;
  end loop;
end
$$;
