-- ra_private.close_stale_runs and housekeeping: a run still running after the wall-clock limit
-- (400 s by default) is closed as interrupted with an error saying so; younger runs and finished
-- runs are left alone.
begin;
select plan(10);

insert into public.ra_sync_runs (run_id, function_name, mode, status, started_at, error)
values ('00000000-0000-0000-0000-000000000001', 'fetch-results', 'backfill', 'running',
        clock_timestamp() - interval '401 seconds', null),
       ('00000000-0000-0000-0000-000000000002', 'fetch-racecards', 'daily', 'running',
        clock_timestamp() - interval '60 seconds', null),
       ('00000000-0000-0000-0000-000000000003', 'sync-masters', 'monthly', 'succeeded',
        clock_timestamp() - interval '1 day', null),
       ('00000000-0000-0000-0000-000000000004', 'enrich-horses', 'drain', 'running',
        clock_timestamp() - interval '2 hours', 'Stopped by the runtime (wall_clock)');

select is(ra_private.close_stale_runs(), 2, 'close_stale_runs() closes the two runs older than 400 s');
select results_eq(
  $$ select run_id::text, status from public.ra_sync_runs order by run_id $$,
  $$ values ('00000000-0000-0000-0000-000000000001', 'interrupted'),
            ('00000000-0000-0000-0000-000000000002', 'running'),
            ('00000000-0000-0000-0000-000000000003', 'succeeded'),
            ('00000000-0000-0000-0000-000000000004', 'interrupted') $$,
  'a younger running run and a finished run are left alone');
select is(
  (select error from public.ra_sync_runs where run_id = '00000000-0000-0000-0000-000000000001'),
  'No end recorded within 400 s: the function was stopped (wall-clock limit, crash or restart)',
  'the closed run says why');
select is(
  (select error from public.ra_sync_runs where run_id = '00000000-0000-0000-0000-000000000004'),
  'Stopped by the runtime (wall_clock)',
  'an error the run recorded itself is kept');
select results_eq(
  $$ select finished_at is not null, duration_ms from public.ra_sync_runs
     where run_id = '00000000-0000-0000-0000-000000000001' $$,
  $$ values (true, null::integer) $$,
  'finished_at is when the run was closed; its duration is unknown');
select is(ra_private.close_stale_runs(), 0, 'close_stale_runs() again has nothing to close');
select is(ra_private.close_stale_runs(older_than_seconds => 30), 1,
  'a shorter limit closes the younger run too');

insert into public.ra_sync_runs (function_name, mode, started_at)
values ('fetch-results', 'daily', clock_timestamp() - interval '10 minutes');
select results_eq(
  $$ select target, rows_deleted from ra_private.housekeeping()
     where target like 'public.ra_sync_runs%' $$,
  $$ values ('public.ra_sync_runs (stale runs closed)', 1::bigint) $$,
  'housekeeping() closes stale runs and says how many');
select is((select count(*)::integer from public.ra_sync_runs where status = 'running'), 0,
  'no run is left running');

create role ra_test_stale nologin;
select ok(
  not has_function_privilege('ra_test_stale', 'ra_private.close_stale_runs(integer)', 'execute'),
  'a role with no grants may not execute close_stale_runs()');

select * from finish();
rollback;
