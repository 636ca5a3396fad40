-- ra_private.claim_horses: pending horses leased oldest first seen first (undated last), live
-- leases and horse rows another transaction holds skipped, expired leases taken over with
-- another attempt, attempts capped unless forced, skip_ids, include_not_found and horse_ids.
begin;
select plan(24);

-- hrs_b and hrs_c tie on first seen (id decides); hrs_d is undated; hrs_e is enriched and hrs_f
-- not found; hrs_g used its 3 attempts; hrs_h failed once and is free again.
insert into ra_mst_horses (id, first_seen_date, profile_source, enriched_at)
values ('hrs_a', '2024-01-03', null, null),
       ('hrs_b', '2024-01-01', null, null),
       ('hrs_c', '2024-01-01', null, null),
       ('hrs_d', null, null, null),
       ('hrs_e', '2023-12-01', 'pro', '2024-01-05 10:00Z'),
       ('hrs_f', '2023-12-02', null, '2024-01-05 10:00Z'),
       ('hrs_g', '2024-01-02', null, null),
       ('hrs_h', '2024-01-04', null, null);
insert into ra_sync_horse_leases (horse_id, lease_owner, lease_expires_at, attempts, last_error)
values ('hrs_g', 'run-old', null, 3, 'API answered 500'),
       ('hrs_h', 'run-old', null, 1, 'API answered 503');

-- Expires every live lease, as if the runs holding them died.
create function pg_temp.expire_leases() returns void
language sql
as $$
  update public.ra_sync_horse_leases set lease_expires_at = clock_timestamp() - interval '1 second'
  where lease_expires_at is not null;
$$;

-- Claim order and leases ------------------------------------------------------------------------

select results_eq(
  $$ select horse_id from ra_private.claim_horses('run-a', 60, 2, 3) $$,
  array['hrs_b', 'hrs_c'],
  'claim_horses() takes batch_size pending horses, oldest first seen first, then by id');
select results_eq(
  $$ select horse_id, lease_owner, attempts, lease_expires_at > clock_timestamp() + interval '50 seconds'
     from ra_sync_horse_leases where horse_id in ('hrs_b', 'hrs_c') order by horse_id $$,
  $$ values ('hrs_b', 'run-a', 1, true), ('hrs_c', 'run-a', 1, true) $$,
  'claim_horses() leases each horse to the owner for lease_seconds and counts the attempt');
select results_eq(
  $$ select horse_id from ra_private.claim_horses('run-b', 60, 10, 3) $$,
  array['hrs_a', 'hrs_h', 'hrs_d'],
  'claim_horses() skips live leases, enriched, not-found and spent horses, and takes undated ones last');
select results_eq(
  $$ select lease_owner, attempts, last_error from ra_sync_horse_leases where horse_id = 'hrs_h' $$,
  $$ values ('run-b', 2, 'API answered 503') $$,
  'claim_horses() counts another attempt on a horse that failed before, keeping its last error');
select is_empty($$ select * from ra_private.claim_horses('run-c', 60, 10, 3) $$,
  'claim_horses() returns no row when every pending horse is leased or spent');
select is(
  (select count(*)::integer from ra_sync_horse_leases where horse_id in ('hrs_e', 'hrs_f')), 0,
  'claim_horses() leases no enriched or not-found horse');

-- Expired leases and the attempts cap ----------------------------------------------------------

update ra_sync_horse_leases set lease_expires_at = clock_timestamp() - interval '1 second'
where horse_id = 'hrs_b';
select results_eq(
  $$ select horse_id from ra_private.claim_horses('run-c', 60, 10, 2) $$,
  array['hrs_b'],
  'claim_horses() takes over a horse whose lease expired');
select results_eq(
  $$ select lease_owner, attempts from ra_sync_horse_leases where horse_id = 'hrs_b' $$,
  $$ values ('run-c', 2) $$,
  'claim_horses() counts the taken-over claim as another attempt');
update ra_sync_horse_leases set lease_expires_at = clock_timestamp() - interval '1 second'
where horse_id = 'hrs_b';
select is_empty($$ select * from ra_private.claim_horses('run-d', 60, 10, 2) $$,
  'claim_horses() stops claiming a horse whose attempts reached max_attempts');
select results_eq(
  $$ select lease_owner, attempts from ra_sync_horse_leases where horse_id = 'hrs_b' $$,
  $$ values ('run-c', 2) $$,
  'claim_horses() leaves a spent horse''s lease row as it was');

-- skip_ids --------------------------------------------------------------------------------------

select pg_temp.expire_leases();
select results_eq(
  $$ select horse_id from ra_private.claim_horses('run-e', 60, 10, 5, array['hrs_a', 'hrs_c']) $$,
  array['hrs_b', 'hrs_g', 'hrs_h', 'hrs_d'],
  'claim_horses() never takes a horse in skip_ids; max_attempts is the caller''s');
select results_eq(
  $$ select lease_owner, attempts from ra_sync_horse_leases where horse_id in ('hrs_a', 'hrs_c')
     order by horse_id $$,
  $$ values ('run-b', 1), ('run-a', 1) $$,
  'claim_horses() leaves the lease rows of skipped horses alone');

-- include_not_found ------------------------------------------------------------------------------

select pg_temp.expire_leases();
select results_eq(
  $$ select horse_id from ra_private.claim_horses('run-f', 60, 10, 1, include_not_found => true) $$,
  array['hrs_f', 'hrs_b', 'hrs_c', 'hrs_g', 'hrs_a', 'hrs_h', 'hrs_d'],
  'claim_horses() with include_not_found also takes not-found horses, attempts ignored');
select results_eq(
  $$ select attempts from ra_sync_horse_leases where horse_id in ('hrs_f', 'hrs_g') order by horse_id $$,
  array[1, 5],
  'claim_horses() with include_not_found still counts every claim');
select is_empty(
  $$ select * from ra_private.claim_horses('run-g', 60, 10, 1, include_not_found => true) $$,
  'claim_horses() with include_not_found still respects live leases');

-- horse_ids -------------------------------------------------------------------------------------

select pg_temp.expire_leases();
select results_eq(
  $$ select horse_id from ra_private.claim_horses('run-h', 60, 10, 1,
       horse_ids => array['hrs_g', 'hrs_e', 'hrs_zz', 'hrs_c'], skip_ids => array['hrs_c']) $$,
  array['hrs_e', 'hrs_g'],
  'claim_horses() with horse_ids takes exactly those horses whatever their status, except skip_ids');
select is_empty(
  $$ select * from ra_private.claim_horses('run-i', 60, 10, 10, horse_ids => array['hrs_e']) $$,
  'claim_horses() with horse_ids still respects live leases');
select results_eq(
  $$ select horse_id from ra_private.claim_horses('run-i', 60, 1, 10, horse_ids => array['hrs_a', 'hrs_b']) $$,
  array['hrs_b'],
  'claim_horses() with horse_ids takes at most batch_size, oldest first seen first');

-- Rows another transaction holds are skipped (skip locked) -----------------------------------------

-- A second and third session: the horse row they hold must be committed to be seen here, so one
-- session commits it (and deletes it at the end) and the other locks it in an open transaction.
create extension if not exists dblink;
select dblink_connect('ra_setup', format('host=%s port=%s dbname=%s user=%s',
  coalesce(host(inet_server_addr()), split_part(current_setting('unix_socket_directories'), ',', 1)),
  current_setting('port'), current_database(), current_user));
select dblink_connect('ra_holder', format('host=%s port=%s dbname=%s user=%s',
  coalesce(host(inet_server_addr()), split_part(current_setting('unix_socket_directories'), ',', 1)),
  current_setting('port'), current_database(), current_user));
-- Should a claim ever lease the held horse, the delete below fails instead of waiting forever.
select dblink_exec('ra_setup', $$ set lock_timeout = '5s' $$);
select dblink_exec('ra_setup',
  $$ insert into public.ra_mst_horses (id, first_seen_date) values ('hrs_locked', '2000-01-01') $$);
select dblink_exec('ra_holder', 'begin');
select * from dblink('ra_holder',
  $$ select id from public.ra_mst_horses where id = 'hrs_locked' for update $$) as held(id text);

select pg_temp.expire_leases();
select results_eq(
  $$ select horse_id from ra_private.claim_horses('run-j', 60, 1, 10, include_not_found => true) $$,
  array['hrs_f'],
  'claim_horses() skips a horse row another transaction holds and takes the next one');
select is_empty($$ select * from ra_sync_horse_leases where horse_id = 'hrs_locked' $$,
  'claim_horses() leases no horse whose row another transaction holds');
select is_empty(
  $$ select * from ra_private.claim_horses('run-k', 60, 10, 10, horse_ids => array['hrs_locked']) $$,
  'claim_horses() with horse_ids also skips a row another transaction holds');

select dblink_exec('ra_holder', 'rollback');
select dblink_exec('ra_setup', $$ delete from public.ra_mst_horses where id = 'hrs_locked' $$);
select dblink_disconnect('ra_holder');
select dblink_disconnect('ra_setup');

-- Arguments -------------------------------------------------------------------------------------

select throws_like(
  $$ select * from ra_private.claim_horses('run-x', 60, 0, 3) $$,
  '%batch_size > 0%',
  'claim_horses() rejects a batch size that is not positive');
select throws_like(
  $$ select * from ra_private.claim_horses('run-x', 0, 10, 3) $$,
  '%lease_seconds > 0%',
  'claim_horses() rejects a lease that is not positive');
select throws_like(
  $$ select * from ra_private.claim_horses(null, 60, 10, 3) $$,
  '%lease_owner%are required%',
  'claim_horses() rejects a claim with no owner');

select * from finish();
rollback;
