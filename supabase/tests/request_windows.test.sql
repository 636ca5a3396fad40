-- ra_private.request_windows: windows asked for again (daily runs) are added when new and
-- re-opened when done or failed, with no attempts, cursor, lease or error left; windows that are
-- pending or held by a worker are left alone; the count says how many were added or re-opened.
begin;
select plan(18);

select ra_private.plan_windows('results',
  array['2024-07-01', '2024-07-02', '2024-07-03', '2024-07-04', '2024-07-05', '2024-07-06']::date[],
  array['2024-07-01', '2024-07-02', '2024-07-03', '2024-07-04', '2024-07-05', '2024-07-06']::date[]);

-- Id of a results window by its date.
create function pg_temp.window_id(day date) returns bigint
language sql
as $$ select id from public.ra_sync_checkpoints where job = 'results' and window_start = day $$;

-- 07-01 done, 07-02 failed, 07-03 held by run-b, 07-04 held by run-gone (lease expired),
-- 07-05 pending after a released attempt, 07-06 never claimed.
select ra_private.claim_window('results', 'run-a', 60, 2);   -- 2024-07-01
select ra_private.save_cursor(pg_temp.window_id('2024-07-01'), 'run-a', '{"skip": 100}');
select ra_private.complete_window(pg_temp.window_id('2024-07-01'), 'run-a', 3, 40);
select ra_private.claim_window('results', 'run-a', 60, 2);   -- 2024-07-02
select ra_private.fail_window(pg_temp.window_id('2024-07-02'), 'run-a', 'API answered 422', false, 1);
select ra_private.claim_window('results', 'run-b', 60, 2);   -- 2024-07-03
select ra_private.save_cursor(pg_temp.window_id('2024-07-03'), 'run-b', '{"skip": 200}');
select ra_private.claim_window('results', 'run-gone', 60, 2);   -- 2024-07-04
select ra_private.claim_window('results', 'run-c', 60, 2);   -- 2024-07-05
select ra_private.release_leases('run-c');
update ra_sync_checkpoints set lease_expires_at = clock_timestamp() - interval '1 second'
where id = pg_temp.window_id('2024-07-04');

create temp table before as select * from ra_sync_checkpoints;

select is(
  ra_private.request_windows('results',
    array['2024-07-01', '2024-07-02', '2024-07-03', '2024-07-04', '2024-07-05', '2024-07-06',
          '2024-07-07']::date[],
    array['2024-07-01', '2024-07-02', '2024-07-03', '2024-07-04', '2024-07-05', '2024-07-06',
          '2024-07-07']::date[]),
  3, 'request_windows() counts the windows it added or re-opened');

select results_eq(
  $$ select status, attempts, "cursor" is null, lease_owner is null, lease_expires_at is null,
            last_error is null, finished_at is null, api_calls, rows_written
     from ra_sync_checkpoints where id = pg_temp.window_id('2024-07-01') $$,
  $$ values ('pending', 0, true, true, true, true, true, 3, 40) $$,
  'request_windows() re-opens a done window with no attempts and no lease, keeping its counts');
select results_eq(
  $$ select status, attempts, last_error is null, finished_at is null, lease_owner is null
     from ra_sync_checkpoints where id = pg_temp.window_id('2024-07-02') $$,
  $$ values ('pending', 0, true, true, true) $$,
  'request_windows() re-opens a failed window and clears its error');
select ok(
  (select updated_at > (select b.updated_at from before b where b.id = pg_temp.window_id('2024-07-02'))
   from ra_sync_checkpoints where id = pg_temp.window_id('2024-07-02')),
  'request_windows() stamps updated_at on a re-opened window');
select results_eq(
  $$ select to_jsonb(c) from ra_sync_checkpoints c
     where c.id = pg_temp.window_id('2024-07-03') $$,
  $$ select to_jsonb(b) from before b where b.id = pg_temp.window_id('2024-07-03') $$,
  'request_windows() leaves a window another worker holds exactly as it was');
select results_eq(
  $$ select to_jsonb(c) from ra_sync_checkpoints c
     where c.id = pg_temp.window_id('2024-07-04') $$,
  $$ select to_jsonb(b) from before b where b.id = pg_temp.window_id('2024-07-04') $$,
  'request_windows() leaves a running window alone also when its lease expired (claim takes it over)');
select results_eq(
  $$ select to_jsonb(c) from ra_sync_checkpoints c
     where c.id in (pg_temp.window_id('2024-07-05'), pg_temp.window_id('2024-07-06')) order by c.id $$,
  $$ select to_jsonb(b) from before b
     where b.id in (pg_temp.window_id('2024-07-05'), pg_temp.window_id('2024-07-06')) order by b.id $$,
  'request_windows() leaves pending windows alone, their attempts included');
select results_eq(
  $$ select status, attempts, "cursor" is null, lease_owner is null
     from ra_sync_checkpoints where job = 'results' and window_start = '2024-07-07' $$,
  $$ values ('pending', 0, true, true) $$,
  'request_windows() adds a new window pending');

select is(
  ra_private.request_windows('results', array['2024-07-01', '2024-07-07']::date[],
    array['2024-07-01', '2024-07-07']::date[]),
  0, 'request_windows() changes nothing when asked again for pending windows');
select is(
  (select count(*)::integer from ra_sync_checkpoints where job = 'results'), 7,
  'request_windows() adds no second row for a window that exists');

select is(
  ra_private.request_windows('results', array['2024-07-08', '2024-07-08']::date[],
    array['2024-07-14', '2024-07-14']::date[]),
  1, 'request_windows() counts a window asked for twice in one call once');
select is(
  ra_private.request_windows('racecards', array['2024-07-01']::date[], array['2024-07-01']::date[]),
  1, 'request_windows() keeps the windows of each job apart');
select is(
  (select status from ra_sync_checkpoints where job = 'results' and window_start = '2024-07-01'),
  'pending', 'request_windows() of one job does not touch the same dates of another');
select is(ra_private.request_windows('results', array[]::date[], array[]::date[]), 0,
  'request_windows() of no windows does nothing');

select throws_like(
  $$ select ra_private.request_windows('results', array['2024-07-09']::date[], array['2024-07-08']::date[]) $$,
  '%every window needs a start on or before its end%',
  'request_windows() rejects a window that ends before it starts');
select throws_like(
  $$ select ra_private.request_windows('results', array['2024-07-09']::date[], array[]::date[]) $$,
  '%1 starts but 0 ends%',
  'request_windows() rejects starts and ends of different lengths');

create role ra_test_requester nologin;
select ok(
  not has_function_privilege('ra_test_requester', 'ra_private.request_windows(text, date[], date[])',
    'execute'),
  'a role with no grants may not execute request_windows()');
select ok(
  (select p.proconfig = array['search_path=""'] and obj_description(p.oid, 'pg_proc') is not null
   from pg_proc p where p.oid = 'ra_private.request_windows(text, date[], date[])'::regprocedure),
  'request_windows() runs with an empty search_path and has a comment');

select * from finish();
rollback;
