-- ra_data_quality: for each check, seed the fault, see it turn fail, repair it, see it ok. Runs
-- in a cloned database without pg_cron; the silent-cron check is shown against tables of
-- pg_cron's shape created in this (rolled-back) transaction, as the functions find cron.* at run
-- time. now() is the transaction's start, so every seeded time is relative to it.
begin;
select plan(27);

create function pg_temp.status_of(check_name text) returns text
language sql as $$
  select c.status from ra_private.quality_checks() c where c."check" = check_name
$$;

-- When a cron expression last fired ----------------------------------------------------------

select is(ra_private.cron_previous_fire('15 5 * * *', '2026-12-02 10:07:30+00'),
  '2026-12-02 05:15:00+00'::timestamptz, 'a daily job last fired this morning');
select is(ra_private.cron_previous_fire('45 21 * * *', '2026-12-02 10:07:30+00'),
  '2026-12-01 21:45:00+00'::timestamptz, 'an evening job last fired yesterday');
select is(ra_private.cron_previous_fire('0 4 * * 1', '2026-12-02 10:07:30+00'),
  '2026-11-30 04:00:00+00'::timestamptz, 'a Monday job last fired on Monday');
select is(ra_private.cron_previous_fire('0 0 13 * 5', '2026-12-02 10:07:30+00'),
  '2026-11-27 00:00:00+00'::timestamptz, 'day of month or weekday, as pg_cron reads both');

-- A fresh database: nothing fails -------------------------------------------------------------

select is_empty($$select "check" from ra_data_quality where status = 'fail'$$,
  'nothing fails in a fresh database');

-- A missing racing day (results are checked up to the day before yesterday) -------------------

insert into ra_sync_checkpoints (job, window_start, window_end, status)
select 'results_daily', d.today - 8, d.today - 6, 'done'
from (select (now() at time zone 'Europe/London')::date as today) d
union all
select 'results_daily', d.today - 4, d.today - 2, 'done'
from (select (now() at time zone 'Europe/London')::date as today) d;
select is(pg_temp.status_of('coverage:results'), 'fail', 'a racing day without a window fails');

insert into ra_sync_checkpoints (job, window_start, window_end, status, api_total)
select 'results_backfill', d.today - 5, d.today - 5, 'done', 1
from (select (now() at time zone 'Europe/London')::date as today) d;
select matches((select detail from ra_data_quality where "check" = 'coverage:results'),
  'fewer races stored than the API listed: .*: 0 of 1',
  'a window holding fewer races than the API''s total fails');

insert into ra_mst_courses (id, name) values ('crs_1', 'Ascot');
insert into ra_mst_horses (id, name) values ('hrs_1', 'Quality Street');
insert into ra_mst_races (id, course_id, race_date, off_dt, distance_f, has_result)
select 'rac_1', 'crs_1', d.today - 5, now() - interval '5 days', 8, true
from (select (now() at time zone 'Europe/London')::date as today) d;
insert into ra_mst_runners (race_id, horse_id, position, starting_price_decimal)
values ('rac_1', 'hrs_1', 1, 3.5);
select is(pg_temp.status_of('coverage:results'), 'ok', 'every day covered, the API''s total met');

-- A stale job ---------------------------------------------------------------------------------

insert into ra_sync_runs (function_name, mode, status, started_at, finished_at)
values ('fetch-results', 'daily', 'succeeded', now() - interval '3 days',
  now() - interval '3 days');
select is(pg_temp.status_of('freshness:ra_results_morning'), 'fail',
  'a job whose last success is older than its last fire fails');
insert into ra_sync_runs (function_name, mode, status, started_at, finished_at)
values ('fetch-results', 'daily', 'partial', now(), now());
select is(pg_temp.status_of('freshness:ra_results_morning'), 'ok',
  'a run since the last fire makes it fresh');

-- A cron job that never ran (pg_cron's tables, as far as the checks read them) -----------------

select is(pg_temp.status_of('cron:ra_housekeeping'), 'warn', 'without pg_cron the check warns');
create schema cron;
create table cron.job (jobid bigint primary key, jobname text, schedule text, command text,
  active boolean default true);
create table cron.job_run_details (runid bigint primary key, jobid bigint, status text,
  return_message text, start_time timestamptz, end_time timestamptz);
insert into cron.job (jobid, jobname, schedule, command)
values (7, 'ra_housekeeping', '30 2 * * *', 'select ra_private.housekeeping()');
select is(pg_temp.status_of('cron:ra_housekeeping'), 'ok',
  'a job first seen now has missed nothing yet');
insert into ra_private.quality_cron_seen (job_name, jobid, first_seen_at)
values ('ra_housekeeping', 7, now() - interval '3 days');
select is(pg_temp.status_of('cron:ra_housekeeping'), 'fail',
  'a job scheduled days ago that never ran fails');
insert into cron.job_run_details (runid, jobid, status, return_message, start_time, end_time)
values (1, 7, 'failed', 'ERROR: boom', ra_private.cron_previous_fire('30 2 * * *', now()),
  ra_private.cron_previous_fire('30 2 * * *', now()) + interval '1 second');
select matches((select detail from ra_data_quality where "check" = 'cron:ra_housekeeping'),
  '^last run at .* failed: ERROR: boom', 'a failed run fails, with its message');
update cron.job_run_details set status = 'succeeded', return_message = '1 row';
select is(pg_temp.status_of('cron:ra_housekeeping'), 'ok', 'a run since its last fire is ok');
select is(pg_temp.status_of('cron:ra_results_morning'), 'fail',
  'a job of ra_private.schedules missing from cron.job fails');
set local client_min_messages = warning;
drop schema cron cascade;
reset client_min_messages;

-- A failed window -----------------------------------------------------------------------------

insert into ra_sync_checkpoints (job, window_start, window_end, status, attempts, last_error)
values ('results_range:2025-01-01..2025-01-07', '2025-01-01', '2025-01-07', 'failed', 3,
  'API answered 422');
select is(pg_temp.status_of('failed_windows'), 'fail', 'a failed window fails');
update ra_sync_checkpoints set status = 'done', last_error = null where status = 'failed';
select is(pg_temp.status_of('failed_windows'), 'ok', 'retried and done, it is ok');

-- An expired lease ----------------------------------------------------------------------------

insert into ra_sync_checkpoints (job, window_start, window_end, status, attempts, lease_owner,
  lease_expires_at)
values ('results_range:2025-02-01..2025-02-07', '2025-02-01', '2025-02-07', 'running', 1, 'gone',
  clock_timestamp() - interval '1 hour');
select is(pg_temp.status_of('expired_leases'), 'fail', 'a lease expired an hour ago fails');
update ra_sync_checkpoints set status = 'done', lease_expires_at = null where status = 'running';
select is(pg_temp.status_of('expired_leases'), 'ok', 'taken back and done, it is ok');

-- A low fill rate -----------------------------------------------------------------------------

insert into ra_mst_races (id, course_id, race_date, off_dt, distance_f)
select 'rac_2', 'crs_1', d.today - 1, null, 10
from (select (now() at time zone 'Europe/London')::date as today) d;
insert into ra_mst_runners (race_id, horse_id) values ('rac_2', 'hrs_1');
select is(pg_temp.status_of('fill:race_off_dt'), 'fail', 'one race in two without off_dt fails');
update ra_mst_races set off_dt = now() - interval '1 day' where id = 'rac_2';
select is(pg_temp.status_of('fill:race_off_dt'), 'ok', 'off_dt filled in, it is ok');

-- An orphan and a duplicate -------------------------------------------------------------------

insert into ra_mst_races (id, course_id, race_date, off_dt, distance_f)
select 'rac_3', 'crs_1', d.today - 1, now() - interval '1 day', 10
from (select (now() at time zone 'Europe/London')::date as today) d;
select is(pg_temp.status_of('orphans'), 'fail', 'a race without runners fails');
select is(pg_temp.status_of('duplicates'), 'fail', 'two race ids at one course and off fail');
delete from ra_mst_races where id = 'rac_3';
select is(pg_temp.status_of('orphans'), 'ok', 'without the orphan it is ok');

-- Statistics not refreshed after results ------------------------------------------------------

insert into ra_sync_runs (function_name, mode, status, rows_written, started_at, finished_at)
values ('fetch-results', 'daily', 'succeeded', 12, now() - interval '2 days',
  now() - interval '2 days');
select is(pg_temp.status_of('statistics_refresh'), 'fail',
  'results written two days ago and no refresh since fail');
insert into ra_sync_runs (function_name, mode, status, started_at, finished_at)
values ('refresh-statistics', 'incremental', 'succeeded', now(), now());
select is(pg_temp.status_of('statistics_refresh'), 'ok', 'a refresh since the results is ok');

select * from finish();
rollback;
