-- ra_private.complete_window, fail_window, save_cursor, release_leases and retry_failed: only the
-- lease holder moves a window on; failures go back to pending while attempts remain.
begin;
select plan(19);

select ra_private.plan_windows('results',
  array['2024-06-01', '2024-06-02', '2024-06-03', '2024-06-04', '2024-06-05']::date[],
  array['2024-06-01', '2024-06-02', '2024-06-03', '2024-06-04', '2024-06-05']::date[]);

-- Id of a results window by its date.
create function pg_temp.window_id(day date) returns bigint
language sql
as $$ select id from public.ra_sync_checkpoints where job = 'results' and window_start = day $$;

select ra_private.claim_window('results', 'run-a', 60, 2);   -- 2024-06-01

select is(ra_private.save_cursor(pg_temp.window_id('2024-06-01'), 'run-a', '{"skip": 100}', 600), true,
  'save_cursor() saves progress for the lease holder');
select results_eq(
  $$ select "cursor", lease_expires_at > clock_timestamp() + interval '500 seconds'
     from ra_sync_checkpoints where id = pg_temp.window_id('2024-06-01') $$,
  $$ values ('{"skip": 100}'::jsonb, true) $$,
  'save_cursor() stores the cursor and renews the lease');
select is(ra_private.save_cursor(pg_temp.window_id('2024-06-01'), 'run-b', '{"skip": 200}'), false,
  'save_cursor() refuses a caller that does not hold the window');

select is(ra_private.complete_window(pg_temp.window_id('2024-06-01'), 'run-b', 1, 10), false,
  'complete_window() refuses a caller that does not hold the window');
select is((select status from ra_sync_checkpoints where id = pg_temp.window_id('2024-06-01')), 'running',
  'complete_window() leaves the window running when refused');
select is(ra_private.complete_window(pg_temp.window_id('2024-06-01'), 'run-a', 2, 35), true,
  'complete_window() accepts the lease holder');
select results_eq(
  $$ select status, api_calls, rows_written, "cursor" is null, lease_expires_at is null,
            finished_at is not null
     from ra_sync_checkpoints where id = pg_temp.window_id('2024-06-01') $$,
  $$ values ('done', 2, 35, true, true, true) $$,
  'complete_window() marks the window done with its counts and clears the cursor and lease');
select is(ra_private.complete_window(pg_temp.window_id('2024-06-01'), 'run-a', 2, 35), false,
  'complete_window() does not complete a window twice');

select ra_private.claim_window('results', 'run-a', 60, 2);   -- 2024-06-02, attempt 1 of 2
select is(ra_private.fail_window(pg_temp.window_id('2024-06-02'), 'run-a', 'API answered 503', true, 3),
  'pending', 'fail_window() puts a retryable failure back to pending while attempts remain');
select results_eq(
  $$ select last_error, api_calls, lease_expires_at is null, finished_at is null
     from ra_sync_checkpoints where id = pg_temp.window_id('2024-06-02') $$,
  $$ values ('API answered 503', 3, true, true) $$,
  'fail_window() records the error and the calls spent');

select ra_private.claim_window('results', 'run-b', 60, 2);   -- 2024-06-02 again, attempt 2 of 2
select is(ra_private.fail_window(pg_temp.window_id('2024-06-02'), 'run-b', 'API answered 503', true),
  'failed', 'fail_window() fails a retryable error on the last attempt');

select ra_private.claim_window('results', 'run-b', 60, 2);   -- 2024-06-03, attempt 1 of 2
select is(ra_private.fail_window(pg_temp.window_id('2024-06-03'), 'run-a', 'late worker', true), null,
  'fail_window() refuses a caller that does not hold the window');
select is(ra_private.fail_window(pg_temp.window_id('2024-06-03'), 'run-b', 'API answered 422', false),
  'failed', 'fail_window() fails a non-retryable error at once');
select is((select finished_at is not null from ra_sync_checkpoints where id = pg_temp.window_id('2024-06-03')),
  true, 'fail_window() stamps finished_at on a failed window');

select ra_private.claim_window('results', 'run-z', 60, 2);   -- 2024-06-04
select ra_private.claim_window('results', 'run-z', 60, 2);   -- 2024-06-05
select is(ra_private.release_leases('run-z'), 2, 'release_leases() releases every window of the owner');
select results_eq(
  $$ select status, attempts, lease_expires_at is null from ra_sync_checkpoints
     where id in (pg_temp.window_id('2024-06-04'), pg_temp.window_id('2024-06-05')) order by id $$,
  $$ values ('pending', 1, true), ('pending', 1, true) $$,
  'release_leases() puts them back to pending and the attempt still counts');
select is(ra_private.release_leases('run-z'), 0, 'release_leases() does nothing for an owner holding nothing');

select is(ra_private.retry_failed('results'), 2, 'retry_failed() puts every failed window of the job back');
select results_eq(
  $$ select status, attempts, last_error, finished_at is null from ra_sync_checkpoints
     where id in (pg_temp.window_id('2024-06-02'), pg_temp.window_id('2024-06-03')) order by id $$,
  $$ values ('pending', 0, 'API answered 503', true), ('pending', 0, 'API answered 422', true) $$,
  'retry_failed() resets the attempts and keeps the last error');

select * from finish();
rollback;
