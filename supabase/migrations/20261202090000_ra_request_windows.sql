-- Windows asked for on demand (daily runs, a date, a range): the SQL function behind
-- `_shared/sync/window_requests.ts` requestWindows(), which wrote ra_sync_checkpoints with a raw
-- insert until now. Like plan_windows it adds the windows that are new; unlike it, it puts a
-- window already done or failed back to pending, because a daily run must fetch again (late
-- corrections, changed declarations). A window another worker holds (running) is left alone.

create function ra_private.request_windows(job text, window_starts date[], window_ends date[])
returns integer
language plpgsql
set search_path = ''
as $$
#variable_conflict use_column
declare
  requested integer;
begin
  if cardinality(request_windows.window_starts) is distinct from cardinality(request_windows.window_ends) then
    raise exception 'Cannot request windows for "%": % starts but % ends',
      request_windows.job, cardinality(request_windows.window_starts),
      cardinality(request_windows.window_ends);
  end if;
  if exists (
    select 1 from unnest(request_windows.window_starts, request_windows.window_ends) as w(s, e)
    where w.s is null or w.e is null or w.s > w.e
  ) then
    raise exception 'Cannot request windows for "%": every window needs a start on or before its end',
      request_windows.job;
  end if;

  -- Distinct, so a window asked for twice is one row (on conflict do update may touch a row
  -- only once per statement); in window order, so concurrent requests lock rows alike.
  insert into public.ra_sync_checkpoints as c (job, window_start, window_end)
  select distinct request_windows.job, w.s, w.e
  from unnest(request_windows.window_starts, request_windows.window_ends) as w(s, e)
  order by w.s, w.e
  on conflict (job, window_start, window_end) do update
    set status = 'pending',
        attempts = 0,
        last_error = null,
        "cursor" = null,
        lease_owner = null,
        lease_expires_at = null,
        finished_at = null,
        updated_at = clock_timestamp()
    where c.status in ('done', 'failed');
  get diagnostics requested = row_count;
  return requested;
end;
$$;
comment on function ra_private.request_windows(text, date[], date[]) is
  'Asks for windows (starts[i]..ends[i], inclusive) of a job to be fetched (again): new windows '
  'are added pending, done and failed ones go back to pending with no attempts used and no '
  'cursor, lease or error; pending windows and windows another worker holds (running) are left '
  'alone. Returns how many were added or re-opened.';

-- ---------------------------------------------------------------------------------------------
-- Privileges: as for the other sync functions, nothing here is for the API roles.
-- ---------------------------------------------------------------------------------------------

revoke all on function ra_private.request_windows(text, date[], date[]) from public;

do $$
declare
  api_role text;
begin
  foreach api_role in array array['anon', 'authenticated'] loop
    if exists (select 1 from pg_catalog.pg_roles where rolname = api_role) then
      execute format('revoke all on function ra_private.request_windows(text, date[], date[]) from %I',
        api_role);
    end if;
  end loop;
end
$$;
