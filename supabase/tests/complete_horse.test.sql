-- ra_private.complete_horse: the run that holds a horse drops its lease row when the horse is
-- written, so the queue forgets it; any other run is refused and changes nothing.
begin;
select plan(10);

insert into ra_mst_horses (id, first_seen_date)
values ('hrs_a', '2024-01-01'), ('hrs_b', '2024-01-02'), ('hrs_c', '2024-01-03');
select horse_id from ra_private.claim_horses('run-a', 60, 3, 3);

select is(ra_private.complete_horse('hrs_a', 'run-b'), false,
  'complete_horse() refuses a run that does not hold the horse');
select results_eq(
  $$ select lease_owner, attempts, lease_expires_at > clock_timestamp()
     from ra_sync_horse_leases where horse_id = 'hrs_a' $$,
  $$ values ('run-a', 1, true) $$,
  'complete_horse() leaves the lease of the holder alone when refused');
select is(ra_private.complete_horse('hrs_a', 'run-a'), true,
  'complete_horse() accepts the run that holds the horse');
select is_empty($$ select * from ra_sync_horse_leases where horse_id = 'hrs_a' $$,
  'complete_horse() drops the horse''s lease row');
select is((select enrichment_status from ra_mst_horses where id = 'hrs_a'), 'pending',
  'complete_horse() leaves the horse row to the writer that marks it enriched or not found');
select is(ra_private.complete_horse('hrs_a', 'run-a'), false,
  'complete_horse() does not complete a horse twice');
-- What the enrichment writer does in the same transaction.
update ra_mst_horses set profile_source = 'pro', enriched_at = clock_timestamp() where id = 'hrs_a';

-- hrs_b's lease expired and run-c took the horse over; hrs_c's expired but nobody took it.
update ra_sync_horse_leases set lease_expires_at = clock_timestamp() - interval '1 second'
where horse_id in ('hrs_b', 'hrs_c');
select horse_id from ra_private.claim_horses('run-c', 60, 1, 3);
select is(ra_private.complete_horse('hrs_b', 'run-a'), false,
  'complete_horse() refuses a run whose horse another run took over');
select results_eq(
  $$ select lease_owner, attempts from ra_sync_horse_leases where horse_id = 'hrs_b' $$,
  $$ values ('run-c', 2) $$,
  'complete_horse() leaves the new holder''s lease alone');
select is(ra_private.complete_horse('hrs_c', 'run-a'), true,
  'complete_horse() accepts the last holder of an expired lease nobody took over');
select is(ra_private.complete_horse('hrs_zz', 'run-a'), false,
  'complete_horse() of a horse with no lease row is refused');

select * from finish();
rollback;
