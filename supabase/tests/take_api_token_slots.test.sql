-- ra_private.take_api_token: request slots are spaced 1/rate apart per bucket, the global bucket
-- caps every endpoint bucket, and burst lets that many go back to back after idling.
begin;
select plan(13);

create temp table taken (n serial, bucket text, wait_ms integer, next_slot_at timestamptz);

-- Takes a slot and records the wait and the bucket's next free slot right after.
create function pg_temp.take(
  bucket text, rate numeric, burst numeric default 1, global_rate numeric default null
) returns integer
language plpgsql
as $$
declare
  wait integer := ra_private.take_api_token(take.bucket, take.rate, take.burst, 'global', take.global_rate, 1);
begin
  insert into taken (bucket, wait_ms, next_slot_at)
  select t.bucket, wait, t.next_slot_at from public.ra_api_throttle t where t.bucket = take.bucket;
  return wait;
end;
$$;

-- Next free slot of a bucket after its n-th take (1-based), in take order.
create function pg_temp.slot(bucket text, n integer) returns timestamptz
language sql
as $$
  select t.next_slot_at from taken t where t.bucket = slot.bucket order by t.n offset slot.n - 1 limit 1;
$$;

-- One slot every 10 s.
select is(pg_temp.take('racecards_list', 0.1), 0,
  'take_api_token() lets the first request of a new bucket go at once');
select results_eq(
  $$ select rate_per_second, burst, granted from ra_api_throttle where bucket = 'racecards_list' $$,
  $$ values (0.1::numeric, 1::numeric, 1::bigint) $$,
  'take_api_token() creates the bucket with the caller''s rate and burst');
select ok(wait_ms between 1 and 10000, 'take_api_token() makes the second request wait for the next slot')
from (select pg_temp.take('racecards_list', 0.1) as wait_ms offset 0) as taken_now;
select is(pg_temp.slot('racecards_list', 2) - pg_temp.slot('racecards_list', 1), interval '10 seconds',
  'take_api_token() spaces slots exactly 1/rate apart');
select ok(wait_ms between 10001 and 20000, 'take_api_token() queues a third request behind the second')
from (select pg_temp.take('racecards_list', 0.1) as wait_ms offset 0) as taken_now;
select is(pg_temp.slot('racecards_list', 3) - pg_temp.slot('racecards_list', 2), interval '10 seconds',
  'take_api_token() keeps queued slots 1/rate apart');

-- The global bucket (one slot every 10 s) caps fast endpoint buckets (100 per second).
select is(pg_temp.take('courses', 100, 1, 0.1), 0,
  'take_api_token() lets a request go when both its buckets are free');
select ok(wait_ms between 1 and 10000, 'take_api_token() makes another endpoint wait for the global bucket')
from (select pg_temp.take('default', 100, 1, 0.1) as wait_ms offset 0) as taken_now;
select is(
  (select next_slot_at from ra_api_throttle where bucket = 'default') - pg_temp.slot('courses', 1),
  interval '10 seconds',
  'take_api_token() sends at the later of the two slots and advances both from there');
select is((select granted from ra_api_throttle where bucket = 'global'), 2::bigint,
  'take_api_token() counts every slot of the global bucket');

-- Burst 3 at one slot per 10 s: three go at once, the fourth waits.
select results_eq(
  $$ select pg_temp.take('burst', 0.1, 3) from generate_series(1, 3) $$,
  $$ values (0), (0), (0) $$,
  'take_api_token() lets burst requests go back to back');
select ok(pg_temp.take('burst', 0.1, 3) > 0, 'take_api_token() makes the request after a burst wait');

select throws_like(
  $$ select ra_private.take_api_token('racecards_list', 0, 1) $$,
  '%rate must be > 0 and burst >= 1%',
  'take_api_token() rejects a rate that is not positive');

select * from finish();
rollback;
