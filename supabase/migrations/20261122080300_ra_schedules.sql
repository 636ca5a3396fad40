-- Scheduling: pg_cron runs each job of ra_private.schedules; a job calls an Edge Function
-- through ra_private.invoke_function, which reads the project URL and key from Vault and queues
-- the HTTP request with pg_net. Everything that touches cron, net or vault does so through
-- dynamic SQL after checking the object exists, so this migration applies where pg_cron, pg_net
-- or Vault are missing (a cloned test database, PGlite, plain PostgreSQL); there
-- ra_private.schedule_jobs() only says what is missing, and can be called again later.
--
-- Vault secrets (docs/operations.md, "Scheduling"):
--   ra_project_url   the project URL, e.g. https://<ref>.supabase.co (no trailing path)
--   ra_function_key  the secret or service-role key the functions accept

create schema if not exists ra_private;

-- ---------------------------------------------------------------------------------------------
-- The schedules, all in one place
-- ---------------------------------------------------------------------------------------------

create table ra_private.schedules (
  job_name text primary key check (job_name ~ '^ra_[a-z0-9_]+$'),
  cron text not null
    -- pg_cron 1.4 (Debian) takes only the five classic fields; no '30 seconds'.
    check (cron ~ '^[0-9*,/-]+( [0-9*,/-]+){4}$'),
  function_name text check (function_name ~ '^[a-z][a-z0-9-]*$'),
  body jsonb not null default '{}'::jsonb check (jsonb_typeof(body) = 'object'),
  database_function text check (database_function ~ '^[a-z_][a-z0-9_]*$'),
  description text not null,
  -- A job either calls an Edge Function or runs an ra_private function in the database.
  constraint schedules_one_target check (num_nonnulls(function_name, database_function) = 1)
);
comment on table ra_private.schedules is
  'Every pg_cron job of the sync, in UTC. ra_private.schedule_jobs() makes cron.job match it; '
  'docs/operations.md lists the same jobs (a test compares the two).';
comment on column ra_private.schedules.job_name is 'pg_cron job name; the ra_ prefix marks jobs this table owns.';
comment on column ra_private.schedules.cron is 'Five-field cron expression, evaluated in UTC.';
comment on column ra_private.schedules.function_name is 'Edge Function the job calls, or null for a database job.';
comment on column ra_private.schedules.body is 'JSON body posted to the Edge Function.';
comment on column ra_private.schedules.database_function is
  'Function in ra_private (no arguments) the job runs instead of calling an Edge Function.';

-- Times in UTC, chosen to be right in GMT (winter, UK = UTC) and BST (summer, UK = UTC+1).
-- UK and Irish racing runs from about 11:00 to 21:30 UK time; the last results of a day are in
-- by about 21:30 UK; tomorrow's cards are declared in the morning and complete by the evening.
insert into ra_private.schedules (job_name, cron, function_name, body, database_function, description)
values
  -- 05:15 GMT / 06:15 BST: after the last race of the previous day (late and amended results
  -- included) and hours before the first race of the new one.
  ('ra_results_morning', '15 5 * * *', 'fetch-results', '{"mode":"daily"}', null,
   'Results of the recent racing days, early morning'),
  -- 21:45 GMT / 22:45 BST: after the day's last race in both seasons (floodlit winter cards end
  -- about 21:00 GMT, summer evening cards about 21:15 BST), so the day's results are in tonight.
  ('ra_results_evening', '45 21 * * *', 'fetch-results', '{"mode":"daily"}', null,
   'Results of the day, after the last race'),
  -- 06:30 GMT / 07:30 BST: today's final cards (overnight non-runners) before any race starts.
  ('ra_racecards_morning', '30 6 * * *', 'fetch-racecards', '{"mode":"daily"}', null,
   'Racecards of today and tomorrow, early morning'),
  -- 11:30 GMT / 12:30 BST: after the morning declarations for tomorrow; today's late non-runners.
  ('ra_racecards_midday', '30 11 * * *', 'fetch-racecards', '{"mode":"daily"}', null,
   'Racecards refresh at midday: tomorrow''s declarations, today''s non-runners'),
  -- 19:30 GMT / 20:30 BST: tomorrow's cards complete (jockeys booked) for readers the night before.
  ('ra_racecards_evening', '30 19 * * *', 'fetch-racecards', '{"mode":"daily"}', null,
   'Racecards of tomorrow, complete, in the evening'),
  -- Monday 04:00 GMT / 05:00 BST: after the weekend's racing, before the morning jobs.
  ('ra_people_weekly', '0 4 * * 1', 'sync-masters', '{"mode":"weekly"}', null,
   'Jockeys, trainers and owners, weekly'),
  -- 1st of the month, 03:00 GMT / 04:00 BST: no racing, no other job.
  ('ra_masters_monthly', '0 3 1 * *', 'sync-masters', '{"mode":"monthly"}', null,
   'Courses, regions and bookmakers, monthly'),
  -- Tickers: each call does nothing when its queue or backfill plan is empty.
  ('ra_enrich_tick', '* * * * *', 'enrich-horses', '{"mode":"tick"}', null,
   'Enrich new horses from the queue, every minute'),
  ('ra_results_backfill', '* * * * *', 'fetch-results', '{"mode":"backfill"}', null,
   'Results backfill, next windows, every minute'),
  ('ra_racecards_backfill', '* * * * *', 'fetch-racecards', '{"mode":"backfill"}', null,
   'Racecards backfill, next windows, every minute'),
  -- 02:30 GMT / 03:30 BST: the quietest hour.
  ('ra_housekeeping', '30 2 * * *', null, '{}', 'housekeeping',
   'Purge old cron history, HTTP responses, invocations and raw responses, daily');

-- Each call of invoke_function, so that a cron run can be matched to its HTTP response.
create table ra_private.invocations (
  id bigint generated always as identity primary key,
  request_id bigint not null,
  function_name text not null,
  body jsonb not null,
  invoked_at timestamptz not null default now()
);
comment on table ra_private.invocations is
  'One row per ra_private.invoke_function call: the pg_net request id (ids may repeat after a '
  'crash, since pg_net''s tables are unlogged, hence the surrogate key). Purged by housekeeping.';
comment on column ra_private.invocations.invoked_at is
  'Start of the calling transaction: within the cron run''s start and end time.';

create index invocations_function_invoked_idx
  on ra_private.invocations (function_name, invoked_at desc);
create index invocations_invoked_idx on ra_private.invocations (invoked_at);

alter table ra_private.schedules enable row level security;
alter table ra_private.invocations enable row level security;

-- ---------------------------------------------------------------------------------------------
-- Calling an Edge Function
-- ---------------------------------------------------------------------------------------------

create function ra_private.invoke_function(name text, body jsonb default '{}'::jsonb)
returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
  -- pg_net gives up after this; the function answers 202 at once and keeps working, so this
  -- only has to cover a cold start. pg_net's own default differs between versions: always pass it.
  invoke_timeout_ms constant integer := 10000;
  -- Resolved at run time: this database may have neither Vault nor pg_net.
  secrets_view regclass := to_regclass('vault.decrypted_secrets');
  http_post regprocedure := to_regprocedure('net.http_post(text,jsonb,jsonb,jsonb,integer)');
  project_url text;
  function_key text;
  request_id bigint;
begin
  if invoke_function.name is null or invoke_function.name !~ '^[a-z][a-z0-9-]*$' then
    raise exception 'Cannot invoke Edge Function "%": not a function name', invoke_function.name;
  end if;
  -- Functions take a JSON object; a string here is usually JSON text passed as a jsonb string.
  if jsonb_typeof(coalesce(invoke_function.body, '{}'::jsonb)) <> 'object' then
    raise exception 'Cannot invoke Edge Function "%": body must be a JSON object, not %',
      invoke_function.name, jsonb_typeof(invoke_function.body);
  end if;
  if secrets_view is null then
    raise exception 'Cannot invoke Edge Function "%": Vault secret "ra_project_url" is missing '
      '(Vault is not installed)', invoke_function.name;
  end if;
  execute format(
    'select max(s.decrypted_secret) filter (where s.name = $1), '
    'max(s.decrypted_secret) filter (where s.name = $2) from %s s where s.name in ($1, $2)',
    secrets_view)
    into project_url, function_key
    using 'ra_project_url', 'ra_function_key';
  if coalesce(btrim(project_url), '') = '' then
    raise exception 'Cannot invoke Edge Function "%": Vault secret "ra_project_url" is missing',
      invoke_function.name
      using hint = 'select vault.create_secret(''https://<ref>.supabase.co'', ''ra_project_url'');';
  end if;
  if coalesce(btrim(function_key), '') = '' then
    raise exception 'Cannot invoke Edge Function "%": Vault secret "ra_function_key" is missing',
      invoke_function.name
      using hint = 'select vault.create_secret(''<secret key>'', ''ra_function_key'');';
  end if;
  if http_post is null then
    raise exception 'Cannot invoke Edge Function "%": pg_net is not installed (no net.http_post)',
      invoke_function.name;
  end if;

  execute format('select %s(url => $1, body => $2, headers => $3, timeout_milliseconds => $4)',
    http_post::oid::regproc)
    into request_id
    using rtrim(btrim(project_url), '/') || '/functions/v1/' || invoke_function.name,
      coalesce(invoke_function.body, '{}'::jsonb),
      jsonb_build_object(
        'Content-Type', 'application/json',
        'apikey', btrim(function_key),
        'Authorization', 'Bearer ' || btrim(function_key)
      ),
      invoke_timeout_ms;

  insert into ra_private.invocations (request_id, function_name, body)
  values (request_id, invoke_function.name, coalesce(invoke_function.body, '{}'::jsonb));
  return request_id;
end;
$$;
comment on function ra_private.invoke_function(text, jsonb) is
  'Queues POST <ra_project_url>/functions/v1/<name> with pg_net, authenticated with the '
  'ra_function_key Vault secret, records the call in ra_private.invocations and returns the '
  'pg_net request id. Raises naming the missing secret or extension.';

-- ---------------------------------------------------------------------------------------------
-- Creating the cron jobs
-- ---------------------------------------------------------------------------------------------

create function ra_private.schedule_command(job ra_private.schedules)
returns text
language sql
stable
set search_path = ''
as $$
  select case
    when job.function_name is not null then
      format('select ra_private.invoke_function(%L, %L::jsonb)', job.function_name, job.body::text)
    else format('select ra_private.%I()', job.database_function)
  end;
$$;
comment on function ra_private.schedule_command(ra_private.schedules) is
  'The SQL pg_cron runs for a job of ra_private.schedules.';

create function ra_private.vault_secret_exists(secret_name text)
returns boolean
language plpgsql
stable
set search_path = ''
as $$
declare
  secrets_view regclass := to_regclass('vault.decrypted_secrets');
  found boolean;
begin
  if secrets_view is null then
    return false;
  end if;
  -- Only whether a non-blank value exists; the value never leaves this function.
  execute format('select exists (select 1 from %s s where s.name = $1 '
    'and btrim(coalesce(s.decrypted_secret, $2)) <> $2)', secrets_view)
    into found
    using vault_secret_exists.secret_name, '';
  return found;
end;
$$;
comment on function ra_private.vault_secret_exists(text) is
  'Whether Vault holds a non-blank secret of that name (false when Vault is not installed).';

create function ra_private.scheduling_problems()
returns setof text
language plpgsql
stable
set search_path = ''
as $$
declare
  secret_name text;
begin
  if to_regprocedure('cron.schedule(text,text,text)') is null then
    return next format('pg_cron is not installed in database "%s"', current_database());
  end if;
  if to_regprocedure('net.http_post(text,jsonb,jsonb,jsonb,integer)') is null then
    return next 'pg_net is not installed (no net.http_post)';
  end if;
  if to_regclass('vault.decrypted_secrets') is null then
    return next 'Vault is not installed (no vault.decrypted_secrets)';
    return;
  end if;
  foreach secret_name in array array['ra_project_url', 'ra_function_key'] loop
    if not ra_private.vault_secret_exists(secret_name) then
      return next format('Vault secret "%s" is missing', secret_name);
    end if;
  end loop;
end;
$$;
comment on function ra_private.scheduling_problems() is
  'What keeps the schedules from working here: missing pg_cron, pg_net, Vault or Vault secrets. '
  'No rows means ready.';

create function ra_private.schedule_jobs()
returns setof text
language plpgsql
set search_path = ''
as $$
declare
  -- Resolved at run time: pg_cron lives in one database only.
  cron_schedule regprocedure := to_regprocedure('cron.schedule(text,text,text)');
  cron_unschedule regprocedure := to_regprocedure('cron.unschedule(name)');
  cron_jobs regclass := to_regclass('cron.job');
  job record;
  problem text;
  stale_job text;
begin
  if cron_schedule is null or cron_unschedule is null or cron_jobs is null then
    raise notice 'pg_cron is not installed in database "%": no job was scheduled', current_database();
    return;
  end if;
  for problem in select p from ra_private.scheduling_problems() as p loop
    raise notice 'Scheduled jobs will fail until this is fixed: %', problem;
  end loop;

  for job in
    select s.job_name, s.cron, ra_private.schedule_command(s) as command
    from ra_private.schedules s
    order by s.job_name
  loop
    -- cron.schedule updates a job that already has this name, so this is idempotent.
    execute format('select %s($1, $2, $3)', cron_schedule::oid::regproc)
      using job.job_name, job.cron, job.command;
    return next job.job_name;
  end loop;

  for stale_job in
    execute format('select j.jobname::text from %s j where j.jobname like $1 '
      'and j.jobname::text not in (select s.job_name from ra_private.schedules s)', cron_jobs)
      using 'ra\_%'
  loop
    execute format('select %s($1)', cron_unschedule::oid::regproc) using stale_job::name;
    raise notice 'Unscheduled "%": no longer in ra_private.schedules', stale_job;
  end loop;
end;
$$;
comment on function ra_private.schedule_jobs() is
  'Makes pg_cron''s ra_ jobs match ra_private.schedules (creates or updates each, removes the '
  'others) and returns the scheduled job names. Without pg_cron: a notice and no rows.';

create function ra_private.unschedule_jobs()
returns setof text
language plpgsql
set search_path = ''
as $$
declare
  cron_unschedule regprocedure := to_regprocedure('cron.unschedule(name)');
  cron_jobs regclass := to_regclass('cron.job');
  job_name text;
begin
  if cron_unschedule is null or cron_jobs is null then
    raise notice 'pg_cron is not installed in database "%": no job to unschedule', current_database();
    return;
  end if;
  for job_name in
    execute format('select j.jobname::text from %s j where j.jobname like $1 order by 1', cron_jobs)
      using 'ra\_%'
  loop
    execute format('select %s($1)', cron_unschedule::oid::regproc) using job_name::name;
    return next job_name;
  end loop;
end;
$$;
comment on function ra_private.unschedule_jobs() is
  'Removes every ra_ pg_cron job (run history stays until housekeeping) and returns their names.';

-- ---------------------------------------------------------------------------------------------
-- Housekeeping
-- ---------------------------------------------------------------------------------------------

create function ra_private.housekeeping()
returns table (target text, rows_deleted bigint)
language plpgsql
set search_path = ''
as $$
declare
  -- Retention, in one place (raw responses: ra_private.settings raw_retention_days).
  cron_history_kept constant interval := interval '7 days';
  http_responses_kept constant interval := interval '2 days';
  invocations_kept constant interval := interval '7 days';
  -- Each only where it exists.
  cron_runs regclass := to_regclass('cron.job_run_details');
  http_responses regclass := to_regclass('net._http_response');
  purge_raw_responses regprocedure := to_regprocedure('ra_private.purge_raw_responses()');
  deleted bigint;
begin
  -- pg_cron never cleans its run history, even of unscheduled jobs.
  if cron_runs is not null then
    execute format('delete from %s d where coalesce(d.end_time, d.start_time) < now() - $1',
      cron_runs)
      using cron_history_kept;
    get diagnostics deleted = row_count;
    target := 'cron.job_run_details';
    rows_deleted := deleted;
    return next;
  end if;

  -- pg_net has its own TTL (pg_net.ttl); this bounds the table where the TTL is longer.
  if http_responses is not null then
    execute format('delete from %s r where r.created < now() - $1', http_responses)
      using http_responses_kept;
    get diagnostics deleted = row_count;
    target := 'net._http_response';
    rows_deleted := deleted;
    return next;
  end if;

  delete from ra_private.invocations i where i.invoked_at < now() - invocations_kept;
  get diagnostics deleted = row_count;
  target := 'ra_private.invocations';
  rows_deleted := deleted;
  return next;

  if purge_raw_responses is not null then
    execute format('select %s()::bigint', purge_raw_responses::oid::regproc) into deleted;
    target := 'public.ra_api_responses';
    rows_deleted := deleted;
    return next;
  end if;
end;
$$;
comment on function ra_private.housekeeping() is
  'Deletes cron run history older than 7 days, pg_net responses older than 2 days, invocations '
  'older than 7 days and raw responses past their retention, each only where it exists. '
  'Returns the rows deleted per table.';

-- ---------------------------------------------------------------------------------------------
-- Status: per job, its last cron run, the HTTP outcome and the sync run it started
-- ---------------------------------------------------------------------------------------------

create function ra_private.run_id_in_response(content text)
returns uuid
language plpgsql
immutable
set search_path = ''
as $$
begin
  -- A function answers {"run_id": …}; anything else (HTML error page, plain text) gives null.
  return (run_id_in_response.content::jsonb ->> 'run_id')::uuid;
exception
  when data_exception then
    return null;
end;
$$;
comment on function ra_private.run_id_in_response(text) is
  'The run_id of a function''s JSON answer, or null when the content is not such an answer.';

create type ra_private.job_status as (
  job_name text,
  cron text,
  function_name text,
  body jsonb,
  scheduled boolean,
  active boolean,
  last_run_started_at timestamptz,
  last_run_finished_at timestamptz,
  last_run_status text,
  last_run_message text,
  request_id bigint,
  invoked_at timestamptz,
  http_status_code integer,
  http_timed_out boolean,
  http_error text,
  sync_run_id uuid,
  sync_status text,
  sync_started_at timestamptz,
  sync_finished_at timestamptz,
  sync_error text
);
comment on type ra_private.job_status is 'One row of ra_private.schedule_status().';

create function ra_private.schedule_status()
returns setof ra_private.job_status
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  cron_jobs regclass := to_regclass('cron.job');
  cron_run_details regclass := to_regclass('cron.job_run_details');
  http_response_table regclass := to_regclass('net._http_response');
  -- Each source is an empty relation of the same shape where its extension is missing.
  cron_runs text := 'select null::text as job_name, null::boolean as active, '
    'null::timestamptz as start_time, null::timestamptz as end_time, null::text as status, '
    'null::text as return_message where false';
  http_responses text := 'select null::bigint as id, null::integer as status_code, '
    'null::boolean as timed_out, null::text as error_msg, null::text as content, '
    'null::timestamptz as created where false';
begin
  if cron_jobs is not null and cron_run_details is not null then
    cron_runs := format('select j.jobname::text as job_name, j.active, d.start_time, '
      'd.end_time, d.status, d.return_message from %s j left join lateral ('
      'select d.start_time, d.end_time, d.status, d.return_message from %s d '
      'where d.jobid = j.jobid order by d.runid desc limit 1) d on true',
      cron_jobs, cron_run_details);
  end if;
  if http_response_table is not null then
    http_responses := format('select r.id, r.status_code, r.timed_out, r.error_msg, r.content, '
      'r.created from %s r', http_response_table);
  end if;

  return query execute format($query$
    with cron_runs as (%s), http_responses as (%s)
    select s.job_name, s.cron, s.function_name, s.body,
      c.job_name is not null, c.active, c.start_time, c.end_time, c.status, c.return_message,
      i.request_id, i.invoked_at, h.status_code, h.timed_out, h.error_msg,
      r.run_id, r.status, r.started_at, r.finished_at, r.error
    from ra_private.schedules s
    left join cron_runs c on c.job_name = s.job_name
    -- The call the last run made: same function and body, during that run.
    left join lateral (
      select i.request_id, i.invoked_at
      from ra_private.invocations i
      where i.function_name = s.function_name and i.body = s.body
        and i.invoked_at >= c.start_time
        and i.invoked_at <= coalesce(c.end_time, 'infinity')
      order by i.invoked_at desc, i.id desc
      limit 1
    ) i on true
    left join lateral (
      select h.status_code, h.timed_out, h.error_msg,
        ra_private.run_id_in_response(h.content) as answered_run_id
      from http_responses h
      where h.id = i.request_id and h.created >= i.invoked_at
      order by h.created
      limit 1
    ) h on true
    -- The run it started: the one its answer names; else, unless the call was refused, the
    -- first run of that function and mode started after the call and before the next call.
    left join lateral (
      select r.run_id, r.status, r.started_at, r.finished_at, r.error
      from public.ra_sync_runs r
      where case
        when h.answered_run_id is not null then r.run_id = h.answered_run_id
        else coalesce(h.status_code between 200 and 299, true)
          and r.function_name = s.function_name
          and r.mode is not distinct from s.body ->> 'mode'
          and r.started_at >= i.invoked_at
          and not exists (
            select 1 from ra_private.invocations later
            where later.function_name = s.function_name
              and later.invoked_at > i.invoked_at and later.invoked_at <= r.started_at)
      end
      order by r.started_at
      limit 1
    ) r on true
    order by s.job_name
  $query$, cron_runs, http_responses);
end;
$$;
comment on function ra_private.schedule_status() is
  'Per job of ra_private.schedules: whether pg_cron has it, its last run, the HTTP outcome of '
  'the call that run made (while pg_net keeps it) and the ra_sync_runs row it started. Columns '
  'from pg_cron or pg_net are null where those are not installed.';

create view public.ra_schedule_status
with (security_invoker = true)
as select * from ra_private.schedule_status();
comment on view public.ra_schedule_status is
  'How each scheduled job went last time (see ra_private.schedule_status); service role only.';

-- ---------------------------------------------------------------------------------------------
-- Privileges: nothing here is for the API roles (which exist only on Supabase, hence the guard).
-- The service role may read the status view, which needs the function behind it.
-- ---------------------------------------------------------------------------------------------

revoke all on table ra_private.schedules, ra_private.invocations from public;
revoke all on table public.ra_schedule_status from public;
revoke all on function ra_private.invoke_function(text, jsonb) from public;
revoke all on function ra_private.schedule_command(ra_private.schedules) from public;
revoke all on function ra_private.vault_secret_exists(text) from public;
revoke all on function ra_private.scheduling_problems() from public;
revoke all on function ra_private.schedule_jobs() from public;
revoke all on function ra_private.unschedule_jobs() from public;
revoke all on function ra_private.housekeeping() from public;
revoke all on function ra_private.run_id_in_response(text) from public;
revoke all on function ra_private.schedule_status() from public;

do $$
declare
  api_role text;
begin
  foreach api_role in array array['anon', 'authenticated'] loop
    if exists (select 1 from pg_catalog.pg_roles where rolname = api_role) then
      execute format('revoke all on table public.ra_schedule_status from %I', api_role);
      execute format('revoke all on table ra_private.schedules, ra_private.invocations from %I',
        api_role);
      execute format('revoke all on function ra_private.invoke_function(text, jsonb), '
        'ra_private.schedule_jobs(), ra_private.unschedule_jobs(), ra_private.housekeeping(), '
        'ra_private.schedule_status(), ra_private.scheduling_problems() from %I', api_role);
    end if;
  end loop;
  if exists (select 1 from pg_catalog.pg_roles where rolname = 'service_role') then
    grant usage on schema ra_private to service_role;
    grant execute on function ra_private.schedule_status() to service_role;
    grant select on table public.ra_schedule_status to service_role;
  end if;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Schedule now where everything is in place (on Supabase, [db.vault] in config.toml creates the
-- secrets before migrations run). Elsewhere only say what is missing: jobs that could only fail
-- every minute are not created; run `select ra_private.schedule_jobs();` once ready.
-- ---------------------------------------------------------------------------------------------

do $$
declare
  problems text[] := array(select p from ra_private.scheduling_problems() as p);
begin
  if cardinality(problems) = 0 then
    perform ra_private.schedule_jobs();
  else
    raise notice 'Schedules not created (%): run select ra_private.schedule_jobs(); once ready',
      array_to_string(problems, '; ');
  end if;
end
$$;
