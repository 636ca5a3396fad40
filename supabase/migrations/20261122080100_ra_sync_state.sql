-- Sync state: where every job stands (checkpoints, runs), the API throttle shared by every
-- concurrent invocation, quarantined payloads and the raw response archive. The functions that
-- change this state live in `ra_private`, so that claiming, leasing and throttling are atomic
-- and tested in SQL; TypeScript only calls them.

create schema if not exists ra_private;
comment on schema ra_private is
  'Internal functions and settings of the sync; no API role (anon, authenticated) may use it.';

-- ---------------------------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------------------------

create table public.ra_sync_checkpoints (
  id bigint generated always as identity primary key,
  job text not null,
  window_start date not null,
  window_end date not null,
  status text not null default 'pending'
    check (status in ('pending', 'running', 'done', 'failed')),
  attempts integer not null default 0,
  max_attempts integer,
  lease_owner text,
  lease_expires_at timestamptz,
  cursor jsonb,
  api_calls integer not null default 0,
  rows_written integer not null default 0,
  last_error text,
  created_at timestamptz not null default clock_timestamp(),
  updated_at timestamptz not null default clock_timestamp(),
  started_at timestamptz,
  finished_at timestamptz,
  constraint ra_sync_checkpoints_window_key unique (job, window_start, window_end),
  constraint ra_sync_checkpoints_window_order check (window_start <= window_end),
  -- A running window always says who holds it and until when, so a lost worker's lease expires.
  constraint ra_sync_checkpoints_running_has_lease
    check (status <> 'running' or (lease_owner is not null and lease_expires_at is not null))
);
comment on table public.ra_sync_checkpoints is
  'One row per (job, date window): pending -> running -> done | failed, claimed under a lease.';
comment on column public.ra_sync_checkpoints.job is
  'Job name, e.g. results or racecards; windows of different jobs never interfere.';
comment on column public.ra_sync_checkpoints.window_start is 'First racing day of the window.';
comment on column public.ra_sync_checkpoints.window_end is 'Last racing day of the window (inclusive).';
comment on column public.ra_sync_checkpoints.attempts is
  'Claims so far; each claim counts, also one whose worker died or released the lease.';
comment on column public.ra_sync_checkpoints.max_attempts is
  'Attempt cap in force at the last claim; fail_window compares attempts with it.';
comment on column public.ra_sync_checkpoints.lease_owner is
  'Who holds (or last held) the window, usually a run id.';
comment on column public.ra_sync_checkpoints.lease_expires_at is
  'While running: after this instant another worker may take the window over.';
comment on column public.ra_sync_checkpoints."cursor" is
  'Progress inside the window (e.g. the next skip), saved between pages; cleared when done.';
comment on column public.ra_sync_checkpoints.api_calls is 'API requests spent on the window, all attempts.';
comment on column public.ra_sync_checkpoints.rows_written is 'Rows written by the attempt that finished it.';
comment on column public.ra_sync_checkpoints.last_error is 'Error of the latest failed attempt.';

create index ra_sync_checkpoints_claimable_idx
  on public.ra_sync_checkpoints (job, window_start)
  where status in ('pending', 'running');

create table public.ra_sync_runs (
  run_id uuid primary key default gen_random_uuid(),
  function_name text,
  mode text,
  request_body jsonb,
  status text not null default 'running'
    check (status in ('running', 'succeeded', 'failed', 'interrupted', 'partial')),
  windows_claimed integer not null default 0,
  windows_done integer not null default 0,
  windows_failed integer not null default 0,
  api_calls integer not null default 0,
  rows_written integer not null default 0,
  started_at timestamptz not null default clock_timestamp(),
  finished_at timestamptz,
  duration_ms integer,
  error text,
  summary jsonb
);
comment on table public.ra_sync_runs is 'One row per function invocation, opened on arrival and closed at the end.';
comment on column public.ra_sync_runs.mode is 'Mode from the request body, e.g. daily or backfill.';
comment on column public.ra_sync_runs.request_body is 'The validated request body.';
comment on column public.ra_sync_runs.status is
  'running, then succeeded | partial (budget spent, windows remain) | failed | interrupted (shutdown).';
comment on column public.ra_sync_runs.summary is 'What the run did and what remains, as answered to the caller.';

create index ra_sync_runs_function_started_idx
  on public.ra_sync_runs (function_name, started_at desc);

create table public.ra_api_throttle (
  bucket text primary key,
  rate_per_second numeric check (rate_per_second > 0),
  burst numeric check (burst >= 1),
  next_slot_at timestamptz,
  granted bigint not null default 0,
  updated_at timestamptz not null default clock_timestamp()
);
comment on table public.ra_api_throttle is
  'Request slots for The Racing API, shared by every process: one row per endpoint family plus '
  'a global bucket. A slot scheduler (GCRA) stores when the next slot is free instead of a '
  'token count; ra_private.take_api_token reserves slots.';
comment on column public.ra_api_throttle.rate_per_second is
  'Slots per second, as last passed by a caller (configured rate times the client''s headroom).';
comment on column public.ra_api_throttle.burst is
  'Slots that may be taken back to back after idling; 1 keeps every 1 s window within the rate.';
comment on column public.ra_api_throttle.next_slot_at is
  'Theoretical time of the next free slot; a request may go at next_slot_at - (burst - 1) / rate.';
comment on column public.ra_api_throttle.granted is 'Slots reserved since the row was created.';

create table public.ra_sync_errors (
  id bigint generated always as identity primary key,
  run_id uuid,
  checkpoint_id bigint,
  job text,
  window_start date,
  window_end date,
  endpoint text,
  params jsonb,
  error text,
  payload jsonb,
  created_at timestamptz not null default clock_timestamp()
);
comment on table public.ra_sync_errors is
  'Quarantine: payloads that could not be parsed or written, with the error, never dropped. '
  'No foreign keys, so that recording a failure can itself never fail on a missing run.';
comment on column public.ra_sync_errors.payload is 'The offending payload (one item or a whole page).';

create index ra_sync_errors_run_idx on public.ra_sync_errors (run_id);
create index ra_sync_errors_created_idx on public.ra_sync_errors (created_at);

create table public.ra_api_responses (
  id bigint generated always as identity primary key,
  endpoint text,
  params jsonb not null default '{}'::jsonb,
  fetched_at timestamptz not null default clock_timestamp(),
  status integer,
  body jsonb,
  sha256 text,
  run_id uuid
);
comment on table public.ra_api_responses is
  'Raw archive of API answers, so a mapping fix re-derives rows without calling the API. '
  'Deduplicated: an identical body for the same endpoint and params is stored once and its '
  'fetched_at moves to the latest fetch. Purged after ra_private.settings raw_retention_days.';
comment on column public.ra_api_responses.endpoint is 'Request path, e.g. /v1/results.';
comment on column public.ra_api_responses.params is 'Query parameters as sent (arrays for repeated keys).';
comment on column public.ra_api_responses.fetched_at is 'Latest time this exact body was fetched.';
comment on column public.ra_api_responses.sha256 is 'Hex SHA-256 of body::text (jsonb normal form).';

create index ra_api_responses_endpoint_fetched_idx
  on public.ra_api_responses (endpoint, fetched_at);
create unique index ra_api_responses_body_key
  on public.ra_api_responses (endpoint, params, sha256);
create index ra_api_responses_fetched_idx on public.ra_api_responses (fetched_at);

create table ra_private.settings (
  key text primary key,
  value jsonb not null,
  description text
);
comment on table ra_private.settings is 'Operator settings of the sync that live in the database.';

insert into ra_private.settings (key, value, description)
values (
  'raw_retention_days',
  '30'::jsonb,
  'Days ra_api_responses rows are kept after their latest fetch; 0 or less keeps them forever.'
)
on conflict (key) do nothing;

alter table public.ra_sync_checkpoints enable row level security;
alter table public.ra_sync_runs enable row level security;
alter table public.ra_api_throttle enable row level security;
alter table public.ra_sync_errors enable row level security;
alter table public.ra_api_responses enable row level security;
alter table ra_private.settings enable row level security;

-- ---------------------------------------------------------------------------------------------
-- Throttle
-- ---------------------------------------------------------------------------------------------

create function ra_private.take_api_token(
  bucket text,
  rate_per_second numeric,
  burst numeric default 1,
  global_bucket text default 'global',
  global_rate numeric default null,
  global_burst numeric default 1
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
    returning t.next_slot_at - make_interval(secs => ((t.burst - 1) / t.rate_per_second)::float8)
    into global_earliest;
  end if;

  -- Read the clock only once both locks are held: waiting for a lock takes time.
  now_ts := clock_timestamp();
  send_at := greatest(now_ts, bucket_earliest, global_earliest);

  update public.ra_api_throttle as t
  set next_slot_at = greatest(coalesce(t.next_slot_at, send_at), send_at)
        + make_interval(secs => (1 / t.rate_per_second)::float8),
      granted = t.granted + 1,
      updated_at = now_ts
  where t.bucket = take_api_token.bucket
     or (use_global and t.bucket = take_api_token.global_bucket);

  return ceil(extract(epoch from send_at - now_ts) * 1000)::integer;
end;
$$;
comment on function ra_private.take_api_token(text, numeric, numeric, text, numeric, numeric) is
  'Reserves the next request slot of an endpoint bucket and of the global bucket (the later of '
  'the two) and returns the milliseconds the caller must wait before sending (0 = now). Row '
  'locks make concurrent callers in any process queue, so no bucket ever issues more than rate '
  'slots per second (burst 1). Call it outside long transactions: the locks last until commit.';

-- ---------------------------------------------------------------------------------------------
-- Checkpoints
-- ---------------------------------------------------------------------------------------------

create function ra_private.plan_windows(job text, window_starts date[], window_ends date[])
returns integer
language plpgsql
set search_path = ''
as $$
#variable_conflict use_column
declare
  inserted integer;
begin
  if cardinality(plan_windows.window_starts) is distinct from cardinality(plan_windows.window_ends) then
    raise exception 'Cannot plan windows for "%": % starts but % ends',
      plan_windows.job, cardinality(plan_windows.window_starts), cardinality(plan_windows.window_ends);
  end if;
  if exists (
    select 1 from unnest(plan_windows.window_starts, plan_windows.window_ends) as w(s, e)
    where w.s is null or w.e is null or w.s > w.e
  ) then
    raise exception 'Cannot plan windows for "%": every window needs a start on or before its end',
      plan_windows.job;
  end if;

  insert into public.ra_sync_checkpoints (job, window_start, window_end)
  select plan_windows.job, w.s, w.e
  from unnest(plan_windows.window_starts, plan_windows.window_ends) as w(s, e)
  order by w.s, w.e
  on conflict (job, window_start, window_end) do nothing;
  get diagnostics inserted = row_count;
  return inserted;
end;
$$;
comment on function ra_private.plan_windows(text, date[], date[]) is
  'Adds pending windows (starts[i]..ends[i], inclusive) for a job; windows that exist are left '
  'as they are, so planning twice changes nothing. Returns how many were added.';

create function ra_private.claim_window(
  job text,
  lease_owner text,
  lease_seconds integer,
  max_attempts integer
) returns setof public.ra_sync_checkpoints
language plpgsql
set search_path = ''
as $$
#variable_conflict use_column
begin
  if claim_window.lease_owner is null or claim_window.lease_seconds is null
     or claim_window.lease_seconds <= 0 or claim_window.max_attempts is null
     or claim_window.max_attempts <= 0 then
    raise exception 'Cannot claim a window of "%": lease_owner, lease_seconds > 0 and max_attempts > 0 are required',
      claim_window.job;
  end if;

  -- A claimable window that has used every attempt fails with its last error instead.
  with exhausted as (
    select c.id
    from public.ra_sync_checkpoints c
    where c.job = claim_window.job
      and (c.status = 'pending'
           or (c.status = 'running' and c.lease_expires_at <= clock_timestamp()))
      and c.attempts >= claim_window.max_attempts
    for update skip locked
  )
  update public.ra_sync_checkpoints c
  set status = 'failed',
      lease_expires_at = null,
      last_error = coalesce(
        c.last_error,
        format('Gave up after %s attempts: none finished before its lease expired', c.attempts)
      ),
      finished_at = clock_timestamp(),
      updated_at = clock_timestamp()
  from exhausted
  where c.id = exhausted.id;

  return query
  with candidate as (
    select c.id
    from public.ra_sync_checkpoints c
    where c.job = claim_window.job
      and (c.status = 'pending'
           or (c.status = 'running' and c.lease_expires_at <= clock_timestamp()))
      and c.attempts < claim_window.max_attempts
    order by c.window_start, c.window_end, c.id
    limit 1
    for update skip locked
  ),
  claimed as (
    update public.ra_sync_checkpoints c
    set status = 'running',
        attempts = c.attempts + 1,
        max_attempts = claim_window.max_attempts,
        lease_owner = claim_window.lease_owner,
        lease_expires_at = clock_timestamp() + make_interval(secs => claim_window.lease_seconds),
        started_at = clock_timestamp(),
        finished_at = null,
        updated_at = clock_timestamp()
    from candidate
    where c.id = candidate.id
    returning c.*
  )
  select * from claimed;
end;
$$;
comment on function ra_private.claim_window(text, text, integer, integer) is
  'Claims the earliest pending window of a job, or a running one whose lease expired, skipping '
  'rows other workers hold; counts the attempt and leases it for lease_seconds. Windows that '
  'reached max_attempts become failed instead. Returns no row when nothing is left.';

create function ra_private.complete_window(
  id bigint,
  lease_owner text,
  api_calls integer default 0,
  rows_written integer default 0
) returns boolean
language sql
set search_path = ''
as $$
  with finished as (
    update public.ra_sync_checkpoints c
    set status = 'done',
        api_calls = c.api_calls + coalesce(complete_window.api_calls, 0),
        rows_written = coalesce(complete_window.rows_written, 0),
        lease_expires_at = null,
        "cursor" = null,
        last_error = null,
        finished_at = clock_timestamp(),
        updated_at = clock_timestamp()
    where c.id = complete_window.id
      and c.status = 'running'
      and c.lease_owner = complete_window.lease_owner
    returning c.id
  )
  select exists (select 1 from finished);
$$;
comment on function ra_private.complete_window(bigint, text, integer, integer) is
  'Marks a window done if the caller still holds it (call it in the transaction that writes the '
  'window''s rows). Returns false, changing nothing, when another worker took the window over.';

create function ra_private.fail_window(
  id bigint,
  lease_owner text,
  error text,
  retryable boolean,
  api_calls integer default 0
) returns text
language sql
set search_path = ''
as $$
  update public.ra_sync_checkpoints c
  set status = case
        when fail_window.retryable and c.attempts < c.max_attempts then 'pending'
        else 'failed'
      end,
      api_calls = c.api_calls + coalesce(fail_window.api_calls, 0),
      last_error = fail_window.error,
      lease_expires_at = null,
      finished_at = case
        when fail_window.retryable and c.attempts < c.max_attempts then null
        else clock_timestamp()
      end,
      updated_at = clock_timestamp()
  where c.id = fail_window.id
    and c.status = 'running'
    and c.lease_owner = fail_window.lease_owner
  returning c.status;
$$;
comment on function ra_private.fail_window(bigint, text, text, boolean, integer) is
  'Records a failed attempt: back to pending when the error is retryable and attempts remain, '
  'else failed. Returns the new status, or null when the caller no longer holds the window.';

create function ra_private.save_cursor(
  id bigint,
  lease_owner text,
  "cursor" jsonb,
  lease_seconds integer default null
) returns boolean
language sql
set search_path = ''
as $$
  with saved as (
    update public.ra_sync_checkpoints c
    set "cursor" = save_cursor."cursor",
        lease_expires_at = case
          when save_cursor.lease_seconds is null then c.lease_expires_at
          else clock_timestamp() + make_interval(secs => save_cursor.lease_seconds)
        end,
        updated_at = clock_timestamp()
    where c.id = save_cursor.id
      and c.status = 'running'
      and c.lease_owner = save_cursor.lease_owner
    returning c.id
  )
  select exists (select 1 from saved);
$$;
comment on function ra_private.save_cursor(bigint, text, jsonb, integer) is
  'Saves progress inside a held window and, given lease_seconds, renews the lease from now. '
  'Returns false when the caller no longer holds the window.';

create function ra_private.release_leases(lease_owner text)
returns integer
language sql
set search_path = ''
as $$
  with released as (
    update public.ra_sync_checkpoints c
    set status = 'pending',
        lease_expires_at = null,
        updated_at = clock_timestamp()
    where c.status = 'running'
      and c.lease_owner = release_leases.lease_owner
    returning c.id
  )
  select count(*)::integer from released;
$$;
comment on function ra_private.release_leases(text) is
  'Puts every window the owner holds back to pending (on shutdown), keeping its cursor; the '
  'attempt still counts, so a window that never fits an invocation ends failed, not looping. '
  'Returns how many were released.';

create function ra_private.retry_failed(job text default null)
returns integer
language sql
set search_path = ''
as $$
  with reset as (
    update public.ra_sync_checkpoints c
    set status = 'pending',
        attempts = 0,
        finished_at = null,
        updated_at = clock_timestamp()
    where c.status = 'failed'
      and (retry_failed.job is null or c.job = retry_failed.job)
    returning c.id
  )
  select count(*)::integer from reset;
$$;
comment on function ra_private.retry_failed(text) is
  'Puts the failed windows of a job (every job when null) back to pending with no attempts '
  'used, keeping last_error until the next attempt. Returns how many.';

-- ---------------------------------------------------------------------------------------------
-- Raw archive
-- ---------------------------------------------------------------------------------------------

create function ra_private.archive_response(
  endpoint text,
  params jsonb,
  status integer,
  body jsonb,
  run_id uuid default null,
  fetched_at timestamptz default null
) returns bigint
language sql
set search_path = ''
as $$
  insert into public.ra_api_responses as r (endpoint, params, status, body, sha256, run_id, fetched_at)
  values (
    archive_response.endpoint,
    coalesce(archive_response.params, '{}'::jsonb),
    archive_response.status,
    archive_response.body,
    encode(sha256(convert_to(archive_response.body::text, 'UTF8')), 'hex'),
    archive_response.run_id,
    coalesce(archive_response.fetched_at, clock_timestamp())
  )
  on conflict (endpoint, params, sha256) do update
    set fetched_at = greatest(r.fetched_at, excluded.fetched_at),
        status = excluded.status,
        run_id = excluded.run_id
  returning r.id;
$$;
comment on function ra_private.archive_response(text, jsonb, integer, jsonb, uuid, timestamptz) is
  'Stores one API answer in ra_api_responses; an identical body for the same endpoint and '
  'params only moves fetched_at forward. Returns the row id.';

create function ra_private.purge_raw_responses()
returns integer
language sql
set search_path = ''
as $$
  with retention as (
    select (s.value #>> '{}')::integer as days
    from ra_private.settings s
    where s.key = 'raw_retention_days'
  ),
  purged as (
    delete from public.ra_api_responses r
    using retention
    where retention.days > 0
      and r.fetched_at < clock_timestamp() - make_interval(days => retention.days)
    returning r.id
  )
  select count(*)::integer from purged;
$$;
comment on function ra_private.purge_raw_responses() is
  'Deletes archived responses last fetched more than raw_retention_days ago (ra_private.settings; '
  '0 or less keeps everything). Returns how many rows were deleted.';

-- ---------------------------------------------------------------------------------------------
-- Privileges: nothing here is for the API roles. Functions are executable by PUBLIC by default,
-- so take that away; the roles exist only on Supabase, hence the guard.
-- ---------------------------------------------------------------------------------------------

revoke all on schema ra_private from public;
revoke all on all functions in schema ra_private from public;
revoke all on all tables in schema ra_private from public;

do $$
declare
  api_role text;
begin
  foreach api_role in array array['anon', 'authenticated'] loop
    if exists (select 1 from pg_catalog.pg_roles where rolname = api_role) then
      execute format('revoke all on schema ra_private from %I', api_role);
      execute format('revoke all on all functions in schema ra_private from %I', api_role);
      execute format('revoke all on all tables in schema ra_private from %I', api_role);
      execute format(
        'revoke all on table public.ra_sync_checkpoints, public.ra_sync_runs, '
        'public.ra_api_throttle, public.ra_sync_errors, public.ra_api_responses from %I',
        api_role
      );
    end if;
  end loop;
end
$$;
