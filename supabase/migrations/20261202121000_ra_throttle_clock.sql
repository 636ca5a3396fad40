-- The throttle gains two things.
-- at_time: the instant the caller's clock reads, used instead of the database clock when given.
--   Deployed functions never pass it (every isolate shares the database's clock); a simulated
--   race day does, so that its requests are spaced in simulated time as the simulator sees them.
-- priority: the odds cadence goes first when it and a backfill want the same second. On the
--   global bucket a priority request waits only for earlier priority requests, not for the
--   slots backfill workers already hold, and it pushes the shared queue back by one slot, so the
--   backfill pays for it at once. Backfill workers hold at most one slot each, so a second may
--   carry one request over the global rate per priority request in it: the global cap (5/s by
--   default) stays under Cloudflare's 10/s. In its endpoint family's bucket a priority request
--   queues like any other, so no vendor endpoint ever sees more than its own rate.

alter table public.ra_api_throttle add column priority_next_at timestamptz;
comment on column public.ra_api_throttle.priority_next_at is
  'Earliest time of the next priority request (the odds cadence); see ra_private.take_api_token.';

drop function ra_private.take_api_token(text, numeric, numeric, text, numeric, numeric);

create function ra_private.take_api_token(
  bucket text,
  rate_per_second numeric,
  burst numeric default 1,
  global_bucket text default 'global',
  global_rate numeric default null,
  global_burst numeric default 1,
  at_time timestamptz default null,
  priority boolean default false
) returns integer
language plpgsql
set search_path = ''
as $$
#variable_conflict use_column
declare
  bucket_earliest timestamptz;
  global_earliest timestamptz;
  use_global boolean := take_api_token.global_rate is not null
    and take_api_token.global_bucket is distinct from take_api_token.bucket;
  now_ts timestamptz;
  send_at timestamptz;
begin
  if take_api_token.bucket is null then
    raise exception 'Cannot take an API token: bucket is null';
  end if;
  if take_api_token.rate_per_second is null or take_api_token.rate_per_second <= 0
     or take_api_token.burst is null or take_api_token.burst < 1 then
    raise exception 'Cannot take an API token for "%": rate must be > 0 and burst >= 1 (rate %, burst %)',
      take_api_token.bucket, take_api_token.rate_per_second, take_api_token.burst;
  end if;
  if use_global and (take_api_token.global_rate <= 0 or take_api_token.global_burst is null
     or take_api_token.global_burst < 1) then
    raise exception 'Cannot take an API token for "%": global rate must be > 0 and burst >= 1 (rate %, burst %)',
      take_api_token.global_bucket, take_api_token.global_rate, take_api_token.global_burst;
  end if;

  -- Lock the endpoint bucket, then the global one (creating them on first use). Every caller
  -- locks in this order, so concurrent callers queue instead of deadlocking.
  insert into public.ra_api_throttle as t (bucket, rate_per_second, burst)
  values (take_api_token.bucket, take_api_token.rate_per_second, take_api_token.burst)
  on conflict (bucket) do update
    set rate_per_second = excluded.rate_per_second, burst = excluded.burst
  returning t.next_slot_at - make_interval(secs => ((t.burst - 1) / t.rate_per_second)::float8)
  into bucket_earliest;

  if use_global then
    insert into public.ra_api_throttle as t (bucket, rate_per_second, burst)
    values (take_api_token.global_bucket, take_api_token.global_rate, take_api_token.global_burst)
    on conflict (bucket) do update
      set rate_per_second = excluded.rate_per_second, burst = excluded.burst
    returning case when take_api_token.priority then t.priority_next_at
      else t.next_slot_at - make_interval(secs => ((t.burst - 1) / t.rate_per_second)::float8) end
    into global_earliest;
  end if;

  -- Read the clock only once both locks are held: waiting for a lock takes time.
  now_ts := coalesce(take_api_token.at_time, clock_timestamp());
  send_at := greatest(now_ts, bucket_earliest, global_earliest);

  update public.ra_api_throttle as t
  set next_slot_at = greatest(coalesce(t.next_slot_at, send_at), send_at)
        + make_interval(secs => (1 / t.rate_per_second)::float8),
      priority_next_at = case when take_api_token.priority
        then send_at + make_interval(secs => (1 / t.rate_per_second)::float8)
        else t.priority_next_at end,
      granted = t.granted + 1,
      updated_at = now_ts
  where t.bucket = take_api_token.bucket
     or (use_global and t.bucket = take_api_token.global_bucket);

  return ceil(extract(epoch from send_at - now_ts) * 1000)::integer;
end;
$$;
comment on function ra_private.take_api_token(text, numeric, numeric, text, numeric, numeric, timestamptz, boolean) is
  'Reserves the next request slot of an endpoint bucket and of the global bucket (the later of '
  'the two) and returns the milliseconds the caller must wait before sending (0 = now). Row '
  'locks make concurrent callers in any process queue, so no bucket ever issues more than rate '
  'slots per second (burst 1). at_time replaces the database clock (simulated time in tests). '
  'On the global bucket a priority request (the odds cadence) waits only for earlier priority '
  'requests and pushes the shared queue back by one slot; in its family it queues as usual. '
  'Call it outside long transactions: the locks last until commit.';

revoke all on function ra_private.take_api_token(text, numeric, numeric, text, numeric, numeric, timestamptz, boolean) from public;
do $$
declare
  api_role text;
begin
  foreach api_role in array array['anon', 'authenticated'] loop
    if exists (select 1 from pg_catalog.pg_roles where rolname = api_role) then
      execute format('revoke all on function ra_private.take_api_token(text, numeric, numeric, '
        'text, numeric, numeric, timestamptz, boolean) from %I', api_role);
    end if;
  end loop;
end
$$;
