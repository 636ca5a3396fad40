-- ra_private.claim_window: a run tries a window once; a window it handed back (a retryable
-- failure, a release) waits for another run, and a window re-requested is claimable again.
-- ra_private.fail_windows_before: the windows a plan cannot serve fail together.
begin;
select plan(8);

select ra_private.plan_windows('results',
  array['2024-05-01', '2024-05-02']::date[], array['2024-05-01', '2024-05-02']::date[]);

create temp table first_claim as select * from ra_private.claim_window('results', 'run-a', 60, 5);
select is(ra_private.fail_window((select id from first_claim), 'run-a', 'API answered 503', true),
  'pending', 'fail_window() hands a retryable window back');
select is((select window_start from ra_private.claim_window('results', 'run-a', 60, 5)),
  '2024-05-02'::date, 'claim_window() passes over the window its owner already tried');
select is((select count(*)::integer from ra_private.claim_window('results', 'run-a', 60, 5)), 0,
  'claim_window() gives the same run nothing more once it tried every window');
select results_eq(
  $$ select window_start, attempts from ra_private.claim_window('results', 'run-b', 60, 5) $$,
  $$ values ('2024-05-01'::date, 2) $$,
  'claim_window() gives the handed-back window to the next run, counting its second attempt');
update ra_sync_checkpoints set status = 'pending', lease_owner = null
where job = 'results' and window_start = '2024-05-01';
select is((select window_start from ra_private.claim_window('results', 'run-a', 60, 5)),
  '2024-05-01'::date, 'claim_window() takes a window no run holds any more');

select ra_private.plan_windows('results_old',
  array['2024-01-01', '2024-01-06', '2024-01-11', '2024-01-16']::date[],
  array['2024-01-05', '2024-01-10', '2024-01-15', '2024-01-20']::date[]);
select is(
  (select window_start from ra_private.claim_window('results_old', 'run-x', 60, 5)),
  '2024-01-01'::date, 'another run holds the oldest window');
select results_eq(
  $$ select * from ra_private.fail_windows_before('results_old', '2024-01-11', 'API answered 401: add-on') $$,
  $$ values ('2024-01-06'::date, '2024-01-10'::date) $$,
  'fail_windows_before() fails the pending windows that start before the date, and returns them');
select results_eq(
  $$ select window_start, status, coalesce(last_error, '') from ra_sync_checkpoints
     where job = 'results_old' order by window_start $$,
  $$ values ('2024-01-01'::date, 'running', ''), ('2024-01-06'::date, 'failed', 'API answered 401: add-on'),
            ('2024-01-11'::date, 'pending', ''), ('2024-01-16'::date, 'pending', '') $$,
  'fail_windows_before() leaves held and newer windows alone');

select * from finish();
rollback;
