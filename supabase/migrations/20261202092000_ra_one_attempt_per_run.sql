-- One attempt per window per run: claim_window passes over a pending window that the same
-- lease owner (a run) already tried and handed back, so retries spread over runs and a broken
-- minute of the API cannot exhaust a window inside one invocation.

create or replace function ra_private.claim_window(
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
      -- One attempt per run: a window this owner tried and handed back waits for a later run,
      -- so a broken minute of the API cannot use up every attempt of a window at once.
      and not (c.status = 'pending' and c.lease_owner is not distinct from claim_window.lease_owner)
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
  'rows other workers hold and windows this lease_owner already tried (one attempt per run); '
  'counts the attempt and leases it for lease_seconds. Windows that reached max_attempts become '
  'failed instead. Returns no row when nothing is left.';

-- A window the plan cannot serve for its dates (results older than 365 days without the
-- historical add-on) says the same of every older window: they fail together with its reason,
-- instead of one API call each, and newer windows go on.
create function ra_private.fail_windows_before(job text, before date, error text)
returns table (window_start date, window_end date)
language sql
set search_path = ''
as $$
  update public.ra_sync_checkpoints c
  set status = 'failed',
      last_error = fail_windows_before.error,
      lease_expires_at = null,
      finished_at = clock_timestamp(),
      updated_at = clock_timestamp()
  where c.job = fail_windows_before.job
    and c.status = 'pending'
    and c.window_start < fail_windows_before.before
  returning c.window_start, c.window_end;
$$;
comment on function ra_private.fail_windows_before(text, date, text) is
  'Fails the pending windows of a job that start before a date, with one error (a plan that '
  'cannot serve them); windows other workers hold are left alone. Returns the failed windows.';
revoke all on function ra_private.fail_windows_before(text, date, text) from public;

do $$
declare
  api_role text;
begin
  foreach api_role in array array['anon', 'authenticated'] loop
    if exists (select 1 from pg_catalog.pg_roles where rolname = api_role) then
      execute format('revoke all on function ra_private.fail_windows_before(text, date, text) from %I',
        api_role);
    end if;
  end loop;
end
$$;
