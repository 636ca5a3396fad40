-- ra_private.fail_horse: the run that holds a horse records the error and frees the horse at
-- once; the attempt counts, so a horse that keeps failing stops being claimed at max_attempts.
begin;
select plan(11);

insert into ra_mst_horses (id, first_seen_date) values ('hrs_a', '2024-01-01');
select horse_id from ra_private.claim_horses('run-a', 60, 10, 2);

select is(ra_private.fail_horse('hrs_a', 'run-b', 'late worker'), false,
  'fail_horse() refuses a run that does not hold the horse');
select results_eq(
  $$ select lease_owner, lease_expires_at > clock_timestamp(), last_error
     from ra_sync_horse_leases where horse_id = 'hrs_a' $$,
  $$ values ('run-a', true, null::text) $$,
  'fail_horse() leaves the lease alone when refused');

select is(ra_private.fail_horse('hrs_a', 'run-a', 'API answered 500'), true,
  'fail_horse() accepts the run that holds the horse');
select results_eq(
  $$ select lease_owner, lease_expires_at is null, attempts, last_error
     from ra_sync_horse_leases where horse_id = 'hrs_a' $$,
  $$ values ('run-a', true, 1, 'API answered 500') $$,
  'fail_horse() frees the horse, keeps the attempt and records the error');
select is((select enrichment_status from ra_mst_horses where id = 'hrs_a'), 'pending',
  'fail_horse() leaves the horse pending');

select results_eq(
  $$ select horse_id from ra_private.claim_horses('run-b', 60, 10, 2) $$,
  array['hrs_a'],
  'a horse that failed is claimed again while attempts remain');
select results_eq(
  $$ select attempts, last_error from ra_sync_horse_leases where horse_id = 'hrs_a' $$,
  $$ values (2, 'API answered 500') $$,
  'claim_horses() counts the new attempt and keeps the last error until the next failure');
select is(ra_private.fail_horse('hrs_a', 'run-b', 'API answered 503'), true,
  'fail_horse() records a second failure');
select is((select last_error from ra_sync_horse_leases where horse_id = 'hrs_a'), 'API answered 503',
  'fail_horse() replaces the error with the latest one');
select is_empty($$ select * from ra_private.claim_horses('run-c', 60, 10, 2) $$,
  'a horse that failed max_attempts times is not claimed again');

select is(ra_private.fail_horse('hrs_zz', 'run-a', 'API answered 500'), false,
  'fail_horse() of a horse with no lease row is refused');

select * from finish();
rollback;
