-- ra_private.plan_windows and ra_private.claim_window: idempotent planning, the earliest
-- claimable window first, live leases respected, expired leases taken over, attempts capped.
begin;
select plan(16);

select is(
  ra_private.plan_windows('results',
    array['2024-05-01', '2024-05-02', '2024-05-03']::date[],
    array['2024-05-01', '2024-05-02', '2024-05-03']::date[]),
  3, 'plan_windows() adds every new window');
select is(
  ra_private.plan_windows('results',
    array['2024-05-03', '2024-05-04']::date[], array['2024-05-03', '2024-05-04']::date[]),
  1, 'plan_windows() leaves windows that exist alone');
select is(
  ra_private.plan_windows('racecards', array['2024-05-01']::date[], array['2024-05-01']::date[]),
  1, 'plan_windows() keeps the windows of each job apart');
select throws_like(
  $$ select ra_private.plan_windows('results', array['2024-05-09']::date[], array['2024-05-08']::date[]) $$,
  '%every window needs a start on or before its end%',
  'plan_windows() rejects a window that ends before it starts');
select throws_like(
  $$ select ra_private.plan_windows('results', array['2024-05-09']::date[], array[]::date[]) $$,
  '%1 starts but 0 ends%',
  'plan_windows() rejects starts and ends of different lengths');

create temp table first_claim as select * from ra_private.claim_window('results', 'run-a', 60, 3);
select results_eq(
  $$ select window_start, status, attempts, max_attempts, lease_owner from first_claim $$,
  $$ values ('2024-05-01'::date, 'running', 1, 3, 'run-a') $$,
  'claim_window() takes the earliest pending window, counts the attempt and records the owner');
select ok((select lease_expires_at > clock_timestamp() + interval '50 seconds' from first_claim),
  'claim_window() leases the window for lease_seconds');

select is((select window_start from ra_private.claim_window('results', 'run-b', 60, 3)),
  '2024-05-02'::date, 'claim_window() skips a window whose lease is live');

update ra_sync_checkpoints set lease_expires_at = clock_timestamp() - interval '1 second'
where job = 'results' and window_start = '2024-05-01';
select results_eq(
  $$ select window_start, lease_owner, attempts from ra_private.claim_window('results', 'run-c', 60, 3) $$,
  $$ values ('2024-05-01'::date, 'run-c', 2) $$,
  'claim_window() takes over a window whose lease expired');

-- 2024-05-03 used its three attempts (its last worker died); 2024-05-05 failed three times.
update ra_sync_checkpoints
set status = 'running', attempts = 3, lease_owner = 'run-gone',
    lease_expires_at = clock_timestamp() - interval '1 second'
where job = 'results' and window_start = '2024-05-03';
select ra_private.plan_windows('results', array['2024-05-05']::date[], array['2024-05-05']::date[]);
update ra_sync_checkpoints set attempts = 3, last_error = 'API answered 500'
where job = 'results' and window_start = '2024-05-05';

select is((select window_start from ra_private.claim_window('results', 'run-d', 60, 3)),
  '2024-05-04'::date, 'claim_window() passes over windows that used every attempt');
select results_eq(
  $$ select status, last_error, lease_expires_at is null, finished_at is not null
     from ra_sync_checkpoints where job = 'results' and window_start = '2024-05-03' $$,
  $$ values ('failed', 'Gave up after 3 attempts: none finished before its lease expired', true, true) $$,
  'claim_window() fails an exhausted window whose lease expired, saying why');
select results_eq(
  $$ select status, last_error from ra_sync_checkpoints
     where job = 'results' and window_start = '2024-05-05' $$,
  $$ values ('failed', 'API answered 500') $$,
  'claim_window() fails an exhausted pending window with its last error');

select is_empty($$ select * from ra_private.claim_window('results', 'run-e', 60, 3) $$,
  'claim_window() returns no row when nothing is claimable');
select is((select job from ra_private.claim_window('racecards', 'run-e', 60, 3)), 'racecards',
  'claim_window() claims only windows of the job asked for');
select is(
  (select count(*)::integer from ra_sync_checkpoints where job = 'results' and status = 'running'),
  3, 'claim_window() leaves the windows other workers hold running');

select throws_like(
  $$ select * from ra_private.claim_window('results', 'run-e', 0, 3) $$,
  '%lease_seconds > 0 and max_attempts > 0 are required%',
  'claim_window() rejects a lease that is not positive');

select * from finish();
rollback;
