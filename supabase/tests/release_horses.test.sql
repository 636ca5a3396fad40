-- ra_private.release_horses: a run hands back horses it holds but never fetched (budget spent,
-- fatal error, shutdown) and gives back their attempt; failed horses and other runs' horses
-- are not touched.
begin;
select plan(11);

insert into ra_mst_horses (id, first_seen_date)
values ('hrs_a', '2024-01-01'), ('hrs_b', '2024-01-02'), ('hrs_c', '2024-01-03'),
       ('hrs_d', '2024-01-04'), ('hrs_e', '2024-01-05');
-- hrs_c failed twice before.
insert into ra_sync_horse_leases (horse_id, lease_owner, lease_expires_at, attempts, last_error)
values ('hrs_c', 'run-old', null, 2, 'API answered 500');
select horse_id from ra_private.claim_horses('run-a', 60, 3, 5);   -- hrs_a, hrs_b, hrs_c
select horse_id from ra_private.claim_horses('run-b', 60, 2, 5);   -- hrs_d, hrs_e
select ra_private.fail_horse('hrs_e', 'run-b', 'API answered 503');

select is(ra_private.release_horses('run-a', array['hrs_a', 'hrs_d']), 1,
  'release_horses() with horse_ids releases only those the owner holds');
select results_eq(
  $$ select lease_owner, lease_expires_at is null, attempts from ra_sync_horse_leases
     where horse_id = 'hrs_a' $$,
  $$ values ('run-a', true, 0) $$,
  'release_horses() frees the horse and gives its attempt back');
select is((select lease_expires_at > clock_timestamp() from ra_sync_horse_leases where horse_id = 'hrs_d'),
  true, 'release_horses() leaves a horse another run holds alone');

update ra_sync_horse_leases set lease_expires_at = clock_timestamp() - interval '1 second'
where horse_id = 'hrs_b';
select is(ra_private.release_horses('run-a'), 2,
  'release_horses() without horse_ids releases all the owner holds, an expired lease included');
select results_eq(
  $$ select horse_id, lease_expires_at is null, attempts, last_error from ra_sync_horse_leases
     where horse_id in ('hrs_b', 'hrs_c') order by horse_id $$,
  $$ values ('hrs_b', true, 0, null), ('hrs_c', true, 2, 'API answered 500') $$,
  'release_horses() gives back only the attempt of this claim and keeps the last error');
select is(ra_private.release_horses('run-a'), 0,
  'release_horses() releases nothing twice');

select is(ra_private.release_horses('run-b'), 1,
  'release_horses() does not count a horse the owner failed');
select results_eq(
  $$ select horse_id, lease_expires_at is null, attempts from ra_sync_horse_leases
     where lease_owner = 'run-b' order by horse_id $$,
  $$ values ('hrs_d', true, 0), ('hrs_e', true, 1) $$,
  'release_horses() keeps the attempt of a failed horse');

select results_eq(
  $$ select horse_id from ra_private.claim_horses('run-c', 60, 10, 1) $$,
  array['hrs_a', 'hrs_b', 'hrs_d'],
  'released horses are claimed again; a failed one waits for its attempts');
select results_eq(
  $$ select attempts from ra_sync_horse_leases where horse_id in ('hrs_a', 'hrs_b', 'hrs_d')
     order by horse_id $$,
  array[1, 1, 1],
  'the claim after a release counts as the first attempt');

select is(ra_private.release_horses('run-none'), 0,
  'release_horses() does nothing for an owner holding nothing');

select * from finish();
rollback;
