-- The schedules as every database has them, also without pg_cron, pg_net and Vault (like this
-- cloned test database): the job list, what each job runs, the closed privileges, and clear
-- messages instead of errors where the platform is missing.
begin;
select plan(22);

-- The job list ------------------------------------------------------------------------------

select results_eq(
  $$select job_name from ra_private.schedules order by job_name$$,
  array['ra_enrich_tick', 'ra_housekeeping', 'ra_masters_monthly', 'ra_odds_backfill', 'ra_odds_tick',
        'ra_people_weekly', 'ra_quality_evaluate', 'ra_racecards_backfill', 'ra_racecards_evening', 'ra_racecards_midday',
        'ra_racecards_morning', 'ra_results_backfill', 'ra_results_evening',
        'ra_results_morning', 'ra_statistics_evening', 'ra_statistics_morning'],
  'ra_private.schedules lists every job'
);

-- Five fields, each number within its field's range (minute, hour, day, month, weekday).
select is_empty(
  $$select s.job_name
    from ra_private.schedules s
    cross join lateral unnest(string_to_array(s.cron, ' ')) with ordinality as f(field, position)
    cross join lateral regexp_matches(f.field, '[0-9]+', 'g') as n(value)
    where n.value[1]::integer not between (array[0, 0, 1, 1, 0])[f.position]
                                       and (array[59, 23, 31, 12, 7])[f.position]$$,
  'every number in a cron expression is within its field''s range'
);
select is_empty(
  $$select job_name from ra_private.schedules where array_length(string_to_array(cron, ' '), 1) <> 5
      or cron !~ '^[0-9*,/-]+( [0-9*,/-]+){4}$'$$,
  'every cron expression has exactly five fields (pg_cron 1.4 has no seconds)'
);
select throws_ok(
  $$insert into ra_private.schedules (job_name, cron, function_name, description)
    values ('ra_every_half_minute', '30 seconds', 'enrich-horses', 'not for pg_cron 1.4')$$,
  '23514', null,
  'a schedule in seconds is rejected'
);
select is_empty(
  $$select job_name from ra_private.schedules
    where function_name not in ('fetch-racecards', 'fetch-results', 'sync-masters', 'enrich-horses',
      'fetch-odds')$$,
  'every job calls one of the five Edge Functions, or runs in the database'
);
select results_eq(
  $$select job_name, body ->> 'mode' from ra_private.schedules
    where function_name is not null order by job_name$$,
  $$values ('ra_enrich_tick', 'tick'), ('ra_masters_monthly', 'monthly'),
      ('ra_odds_backfill', 'backfill'), ('ra_odds_tick', 'tick'), ('ra_people_weekly', 'weekly'), ('ra_racecards_backfill', 'backfill'),
      ('ra_racecards_evening', 'daily'), ('ra_racecards_midday', 'daily'),
      ('ra_racecards_morning', 'daily'), ('ra_results_backfill', 'backfill'),
      ('ra_results_evening', 'daily'), ('ra_results_morning', 'daily')$$,
  'every function job names its mode'
);
select is(
  (select ra_private.schedule_command(s) from ra_private.schedules s
   where s.job_name = 'ra_results_morning'),
  $$select ra_private.invoke_function('fetch-results', '{"mode": "daily"}'::jsonb)$$,
  'a function job''s command calls invoke_function with its function and body'
);
select is(
  (select ra_private.schedule_command(s) from ra_private.schedules s
   where s.job_name = 'ra_housekeeping'),
  'select ra_private.housekeeping()',
  'the housekeeping job runs in the database'
);

-- invoke_function -----------------------------------------------------------------------------

select function_returns('ra_private', 'invoke_function', array['text', 'jsonb'], 'bigint',
  'invoke_function(name, body) returns the pg_net request id');
select is_definer('ra_private', 'invoke_function', array['text', 'jsonb'],
  'invoke_function runs as its owner, who may read Vault');
select throws_ok(
  $$select ra_private.invoke_function('fetch-results', '{"mode": "daily"}')$$,
  'P0001',
  'Cannot invoke Edge Function "fetch-results": Vault secret "ra_project_url" is missing (Vault is not installed)',
  'without Vault, invoke_function names the secret it cannot read'
);
select throws_ok(
  $$select ra_private.invoke_function('../rest/v1/ra_mst_races')$$,
  'P0001',
  'Cannot invoke Edge Function "../rest/v1/ra_mst_races": not a function name',
  'invoke_function calls only a function path'
);
select is_empty($$select * from ra_private.invocations$$, 'a failed call records nothing');

-- Privileges -----------------------------------------------------------------------------------

create role ra_test_reader nologin;
select is(
  (select array_agg(p.oid::regprocedure::text order by p.oid::regprocedure::text)
   from pg_proc p
   where p.oid in ('ra_private.invoke_function(text, jsonb)'::regprocedure,
                   'ra_private.schedule_jobs()'::regprocedure,
                   'ra_private.unschedule_jobs()'::regprocedure,
                   'ra_private.housekeeping()'::regprocedure,
                   'ra_private.schedule_status()'::regprocedure,
                   'ra_private.scheduling_problems()'::regprocedure)
     and has_function_privilege('ra_test_reader', p.oid, 'execute')),
  null,
  'a role with no grants may execute none of the scheduling functions'
);
select ok(
  not has_table_privilege('ra_test_reader', 'public.ra_schedule_status', 'select'),
  'a role with no grants may not read ra_schedule_status'
);
select is(
  (select reloptions from pg_class where oid = 'public.ra_schedule_status'::regclass),
  array['security_invoker=true'],
  'ra_schedule_status runs with the reader''s privileges'
);

-- Without pg_cron, pg_net and Vault --------------------------------------------------------------

select is(
  array(select p from ra_private.scheduling_problems() as p),
  array[format('pg_cron is not installed in database "%s"', current_database()),
        'pg_net is not installed (no net.http_post)',
        'Vault is not installed (no vault.decrypted_secrets)'],
  'scheduling_problems() says what is missing'
);
select is_empty($$select * from ra_private.schedule_jobs()$$,
  'schedule_jobs() without pg_cron schedules nothing, with a notice, not an error');
select is_empty($$select * from ra_private.unschedule_jobs()$$,
  'unschedule_jobs() without pg_cron has nothing to do');
select results_eq(
  $$select job_name, scheduled, last_run_status, request_id, sync_run_id
    from public.ra_schedule_status order by job_name$$,
  $$select job_name, false, null::text, null::bigint, null::uuid
    from ra_private.schedules order by job_name$$,
  'ra_schedule_status has one row per job, unscheduled, with nothing run'
);

insert into ra_private.invocations (request_id, function_name, body, invoked_at)
values (1, 'fetch-results', '{"mode": "daily"}', now() - interval '8 days'),
       (2, 'fetch-results', '{"mode": "daily"}', now() - interval '6 days');
select results_eq(
  $$select target, rows_deleted from ra_private.housekeeping()$$,
  $$values ('ra_private.invocations', 1::bigint), ('public.ra_api_responses', 0::bigint),
           ('public.ra_sync_runs (stale runs closed)', 0::bigint)$$,
  'housekeeping() purges what exists here and skips cron and net'
);
select results_eq(
  $$select request_id from ra_private.invocations$$,
  array[2::bigint],
  'housekeeping() keeps invocations younger than 7 days'
);

select * from finish();
rollback;
