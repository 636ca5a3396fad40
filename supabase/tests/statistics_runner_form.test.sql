-- ra_runner_statistics: the point-in-time form of each runner's horse, jockey and trainer counts
-- only runs in races off strictly before its race (never the race itself, a later race or a race
-- off at the same time); a second refresh changes nothing; an incremental refresh after new
-- results equals a full one.
begin;
select plan(19);

-- The fixture: horse a's five races (every row dated 2025-01-01, long before any refresh):
--   rac_1 2025-03-01 14:00 crs_1  8f  Good          jky_1 trn_1  1st  SP 4.0 (a win)
--   rac_2 2025-04-01 14:00 crs_2 12f  Soft          jky_1 trn_1  PU   SP 10.0 (a run, lost)
--   rac_3 2025-05-01 14:00 crs_1  8f  Good To Firm  jky_1 trn_1  non-runner (never a run)
--   rac_4 2025-06-01 15:00 crs_1 10f  Good (Good To Soft in places)
--                                                   jky_2 trn_1  2nd  SP 3.0 (jockey change)
--   rac_5 2026-04-15 15:00 crs_1  8f  Good          jky_2 trn_1  3rd  SP 5.0
-- and horse b in rac_6, off at the same time as rac_4 at another course:
--   rac_6 2025-06-01 15:00 crs_3  6f  Standard      jky_3 trn_1  1st  SP 2.0
-- Distance bands: 8f and 7f-8.49f are "7f to 1m", 10f "1m1f to 1m3f", 12f "1m4f to 1m7f", 6f
-- "up to 6f". Going groups: Good and "Good (Good To Soft in places)" are good, Soft soft, Good
-- To Firm firm, Standard all-weather.
insert into ra_mst_courses (id, name) values
  ('crs_1', 'Course 1'), ('crs_2', 'Course 2'), ('crs_3', 'Course 3');
insert into ra_mst_jockeys (id) values ('jky_1'), ('jky_2'), ('jky_3'), ('jky_4');
insert into ra_mst_trainers (id) values ('trn_1'), ('trn_2');
insert into ra_mst_horses (id) values ('hrs_a'), ('hrs_b');
insert into ra_mst_races (id, course_id, race_date, off_dt, distance_f, going, has_result,
                          updated_at) values
  ('rac_1', 'crs_1', '2025-03-01', '2025-03-01 14:00+00', 8, 'Good', true, '2025-01-01'),
  ('rac_2', 'crs_2', '2025-04-01', '2025-04-01 14:00+01', 12, 'Soft', true, '2025-01-01'),
  ('rac_3', 'crs_1', '2025-05-01', '2025-05-01 14:00+01', 8, 'Good To Firm', true, '2025-01-01'),
  ('rac_4', 'crs_1', '2025-06-01', '2025-06-01 15:00+01', 10, 'Good (Good To Soft in places)',
   true, '2025-01-01'),
  ('rac_5', 'crs_1', '2026-04-15', '2026-04-15 15:00+01', 8, 'Good', true, '2025-01-01'),
  ('rac_6', 'crs_3', '2025-06-01', '2025-06-01 15:00+01', 6, 'Standard', true, '2025-01-01');
insert into ra_mst_runners (race_id, horse_id, jockey_id, trainer_id, is_non_runner, position,
                            finish_status, starting_price_decimal, updated_at) values
  ('rac_1', 'hrs_a', 'jky_1', 'trn_1', null, 1, null, 4.0, '2025-01-01'),
  ('rac_2', 'hrs_a', 'jky_1', 'trn_1', null, null, 'PU', 10.0, '2025-01-01'),
  ('rac_3', 'hrs_a', 'jky_1', 'trn_1', true, null, null, null, '2025-01-01'),
  ('rac_4', 'hrs_a', 'jky_2', 'trn_1', null, 2, null, 3.0, '2025-01-01'),
  ('rac_5', 'hrs_a', 'jky_2', 'trn_1', null, 3, null, 5.0, '2025-01-01'),
  ('rac_6', 'hrs_b', 'jky_3', 'trn_1', null, 1, null, 2.0, '2025-01-01');

-- Horse c, for the last 10 runs: 12 races at crs_3 on 2024-01-01 to 2024-01-12 at noon, won the
-- 1st, 2nd and 12th, 4th in the others, no SP, ridden by jky_4 for trn_2.
insert into ra_mst_horses (id) values ('hrs_c');
insert into ra_mst_races (id, course_id, race_date, off_dt, has_result, updated_at)
select 'rac_c' || n, 'crs_3', date '2023-12-31' + n,
       timestamptz '2023-12-31 12:00+00' + n * interval '1 day', true, '2025-01-01'
from generate_series(1, 12) n;
insert into ra_mst_runners (race_id, horse_id, jockey_id, trainer_id, position, updated_at)
select 'rac_c' || n, 'hrs_c', 'jky_4', 'trn_2', case when n in (1, 2, 12) then 1 else 4 end,
       '2025-01-01'
from generate_series(1, 12) n;

select is(
  (select status from ra_private.refresh_statistics(full => true, as_of => '2026-06-30')),
  'succeeded', 'a full refresh');
select results_eq(
  $$ select race_id, horse_id, distance_band, going_group from ra_runner_statistics
     where horse_id in ('hrs_a', 'hrs_b') order by off_dt, race_id $$,
  $$ values ('rac_1', 'hrs_a', '7f to 1m', 'good'), ('rac_2', 'hrs_a', '1m4f to 1m7f', 'soft'),
            ('rac_3', 'hrs_a', '7f to 1m', 'firm'), ('rac_4', 'hrs_a', '1m1f to 1m3f', 'good'),
            ('rac_6', 'hrs_b', 'up to 6f', 'all-weather'),
            ('rac_5', 'hrs_a', '7f to 1m', 'good') $$,
  'one row per runner (the non-runner too), with its distance band and going group');

-- Horse a before rac_5: runs rac_1 (won at 4.0), rac_2 (PU at 10.0), rac_4 (2nd at 3.0); rac_3
-- was a non-runner. runs 3, wins 1, places 2 (rac_1, rac_4); win % 1/3 = 33.33, place % 2/3 =
-- 66.67; expected 1/4 + 1/10 + 1/3 = 0.6833 -> 0.68; A/E 1 / 0.6833 = 1.463 -> 1.46; P/L
-- (4 - 1) - 1 - 1 = 1.00; ROI 1 / 3 = 33.33 %.
select results_eq(
  $$ select horse_runs, horse_wins, horse_places, horse_win_percent, horse_place_percent,
            horse_expected_wins, horse_ae_index, horse_profit_loss_1u, horse_roi_percent
     from ra_runner_statistics where race_id = 'rac_5' $$,
  $$ values (3, 1, 2, 33.33, 66.67, 0.68, 1.46, 1.00, 33.33) $$,
  'horse career before rac_5: 3 runs (not the non-runner, not rac_5 itself), 1 win, 2 places');

-- Before rac_5 (crs_1, 7f to 1m, good, jky_2, 2026-04-15):
--   course crs_1: rac_1 (1st), rac_4 (2nd) -> 2 runs, 1 win, 2 places, 50.00 %, 100.00 %;
--   band 7f to 1m: rac_1 only (rac_2 is 12f, rac_4 10f, rac_3 no run) -> 1, 1, 1, 100, 100;
--   going good: rac_1 (Good), rac_4 (Good, Good To Soft in places) -> 2, 1, 2, 50.00, 100.00;
--   course and distance (crs_1, 7f to 1m): rac_1 -> 1, 1, 1;
--   with jky_2: rac_4 (2nd) -> 1, 0, 1, 0.00, 100.00;
--   last 10 runs: all 3 -> 3, 1, 2;
--   last 12 months (from 2025-04-15 15:00): rac_4 -> 1, 0, 1;
--   days since the last run: 2026-04-15 - 2025-06-01 = 318.
select results_eq(
  $$ select horse_course_runs, horse_course_wins, horse_course_places, horse_course_win_percent,
            horse_course_place_percent, horse_distance_runs, horse_distance_wins,
            horse_distance_places, horse_going_runs, horse_going_wins, horse_going_places,
            horse_course_distance_runs, horse_course_distance_wins, horse_course_distance_places
     from ra_runner_statistics where race_id = 'rac_5' $$,
  $$ values (2, 1, 2, 50.00, 100.00, 1, 1, 1, 2, 1, 2, 1, 1, 1) $$,
  'horse at the course, in the distance band, in the going group and over course and distance');
select results_eq(
  $$ select horse_jockey_runs, horse_jockey_wins, horse_jockey_places, horse_jockey_win_percent,
            horse_jockey_place_percent, horse_last10_runs, horse_last10_wins,
            horse_last10_places, horse_12m_runs, horse_12m_wins, horse_12m_places,
            horse_days_since_last_run
     from ra_runner_statistics where race_id = 'rac_5' $$,
  $$ values (1, 0, 1, 0.00, 100.00, 3, 1, 2, 1, 0, 1, 318) $$,
  'horse with this jockey, last 10 runs, last 12 months and days since its last run');

-- Horse c: before rac_c11, runs 1 to 10 are its last 10: 10 runs, wins 2 (1st, 2nd), places 2.
-- Before rac_c12 it has 11 runs; its last 10 are runs 2 to 11: 10 runs, 1 win, 1 place, win %
-- 1/10 = 10.00, while its career has 2 wins of 11 (18.18 %).
select results_eq(
  $$ select race_id, horse_runs, horse_wins, horse_win_percent, horse_last10_runs,
            horse_last10_wins, horse_last10_places, horse_last10_win_percent, horse_ae_index
     from ra_runner_statistics where race_id in ('rac_c11', 'rac_c12') order by race_id $$,
  $$ values ('rac_c11', 10, 2, 20.00, 10, 2, 2, 20.00, null::numeric),
            ('rac_c12', 11, 2, 18.18, 10, 1, 1, 10.00, null::numeric) $$,
  'the last 10 runs drop the 11th run back; no SP, no A/E');
-- Horse b's first runner (rac_6): no earlier run, so its last 10 runs are none (0 runs, no
-- rate), like its career.
select results_eq(
  $$ select horse_runs, horse_win_percent, horse_last10_runs, horse_last10_wins,
            horse_last10_places, horse_last10_win_percent, horse_last10_place_percent,
            horse_days_since_last_run
     from ra_runner_statistics where race_id = 'rac_6' and horse_id = 'hrs_b' $$,
  $$ values (0, null::numeric, 0, 0, 0, null::numeric, null::numeric, null::integer) $$,
  'a horse''s first runner has no last 10 runs (0 runs, no rate)');

-- Jockey 2 before rac_5: rac_4 only (2nd at 3.0): 1 run, 0 wins, 1 place; expected 1/3 -> 0.33;
-- A/E 0 / 0.333 = 0.00; P/L -1.00; ROI -100.00; at crs_1 1 run; 12 months 1 run; 318 days.
-- Trainer 1 before rac_5: rac_1 (won 4.0), rac_2 (PU 10.0), rac_4 (2nd 3.0), rac_6 (won 2.0):
-- 4 runs, 2 wins, 3 places, 50.00 %, 75.00 %; expected 0.25 + 0.1 + 0.3333 + 0.5 = 1.1833 ->
-- 1.18; A/E 2 / 1.1833 = 1.690 -> 1.69; P/L 3 - 1 - 1 + 1 = 2.00; ROI 2 / 4 = 50.00 %; at crs_1
-- rac_1 and rac_4: 2 runs, 1 win, 2 places; 12 months: rac_4 and rac_6: 2, 1, 2; 318 days.
select results_eq(
  $$ select jockey_id, jockey_runs, jockey_wins, jockey_places, jockey_expected_wins,
            jockey_ae_index, jockey_profit_loss_1u, jockey_roi_percent, jockey_course_runs,
            jockey_12m_runs, jockey_days_since_last_run
     from ra_runner_statistics where race_id = 'rac_5' $$,
  $$ values ('jky_2', 1, 0, 1, 0.33, 0.00, -1.00, -100.00, 1, 1, 318) $$,
  'jockey form before rac_5: only the jockey''s own earlier ride (rac_4) counts');
select results_eq(
  $$ select trainer_runs, trainer_wins, trainer_places, trainer_win_percent,
            trainer_place_percent, trainer_expected_wins, trainer_ae_index,
            trainer_profit_loss_1u, trainer_roi_percent, trainer_course_runs,
            trainer_course_wins, trainer_course_places, trainer_12m_runs, trainer_12m_wins,
            trainer_12m_places, trainer_days_since_last_run
     from ra_runner_statistics where race_id = 'rac_5' $$,
  $$ values (4, 2, 3, 50.00, 75.00, 1.18, 1.69, 2.00, 50.00, 2, 1, 2, 2, 1, 2, 318) $$,
  'trainer form before rac_5: both horses'' runs');

-- rac_4 and rac_6 are off at the same time: neither counts for the other. Trainer 1 before
-- either: rac_1 and rac_2: 2 runs, 1 win, 1 place, P/L 3 - 1 = 2.00; 2025-06-01 - 2025-04-01 =
-- 61 days. Horse a before rac_4: rac_1, rac_2 (the non-runner rac_3 is no run, so its last run
-- is rac_2, 61 days earlier): win % 1/2 = 50.00, A/E 1 / (1/4 + 1/10 = 0.35) = 2.857 -> 2.86;
-- with jky_2: none. Horse b before rac_6: nothing at all.
select results_eq(
  $$ select race_id, horse_runs, horse_wins, horse_days_since_last_run, horse_jockey_runs,
            horse_win_percent, horse_ae_index, trainer_runs, trainer_wins, trainer_places,
            trainer_profit_loss_1u, trainer_days_since_last_run
     from ra_runner_statistics where race_id in ('rac_4', 'rac_6') order by race_id $$,
  $$ values ('rac_4', 2, 1, 61, 0, 50.00, 2.86, 2, 1, 1, 2.00, 61),
            ('rac_6', 0, 0, null, 0, null, null, 2, 1, 1, 2.00, 61) $$,
  'races off at the same time do not count for each other; a non-runner is not a last run');

-- Leakage: a naive recomputation, one correlated count per runner and block, over strictly
-- earlier offs, agrees with every row.
select set_eq(
  $$ select race_id, horse_id, horse_runs, horse_wins, horse_places, jockey_runs, jockey_wins,
            trainer_runs, trainer_wins, trainer_places, horse_course_runs, horse_12m_runs,
            horse_days_since_last_run
     from ra_runner_statistics $$,
  $$ select t.race_id, t.horse_id,
       (select count(*)::integer from ra_private.runs r
        where r.horse_id = t.horse_id and r.off_dt < t.off_dt) as horse_runs,
       (select count(*)::integer from ra_private.runs r
        where r.horse_id = t.horse_id and r.off_dt < t.off_dt and r.is_win) as horse_wins,
       (select count(*)::integer from ra_private.runs r
        where r.horse_id = t.horse_id and r.off_dt < t.off_dt and r.is_place) as horse_places,
       (select count(*)::integer from ra_private.runs r
        where r.jockey_id = t.jockey_id and r.off_dt < t.off_dt) as jockey_runs,
       (select count(*)::integer from ra_private.runs r
        where r.jockey_id = t.jockey_id and r.off_dt < t.off_dt and r.is_win) as jockey_wins,
       (select count(*)::integer from ra_private.runs r
        where r.trainer_id = t.trainer_id and r.off_dt < t.off_dt) as trainer_runs,
       (select count(*)::integer from ra_private.runs r
        where r.trainer_id = t.trainer_id and r.off_dt < t.off_dt and r.is_win) as trainer_wins,
       (select count(*)::integer from ra_private.runs r
        where r.trainer_id = t.trainer_id and r.off_dt < t.off_dt and r.is_place) as trainer_places,
       (select count(*)::integer from ra_private.runs r
        where r.horse_id = t.horse_id and r.course_id = t.course_id
          and r.off_dt < t.off_dt) as horse_course_runs,
       (select count(*)::integer from ra_private.runs r
        where r.horse_id = t.horse_id and r.off_dt < t.off_dt
          and r.off_dt >= t.off_dt - interval '12 months') as horse_12m_runs,
       (select t.race_date - max(r.run_date) from ra_private.runs r
        where r.horse_id = t.horse_id and r.off_dt < t.off_dt) as horse_days_since_last_run
     from (select ru.race_id, ru.horse_id, ru.jockey_id, ru.trainer_id, ra.course_id, ra.off_dt,
                  ra.race_date
           from ra_mst_runners ru join ra_mst_races ra on ra.id = ru.race_id) t $$,
  'no leakage: every count equals a naive count of runs off strictly before the race');
-- Rerun: nothing changes.
select results_eq(
  $$ select rows_written, summary -> 'rows_changed' -> 'ra_runner_statistics'
     from ra_private.refresh_statistics(as_of => '2026-06-30') $$,
  $$ values (0, '0'::jsonb) $$,
  'a second refresh writes nothing');

-- New results, written now: rac_7 on 2026-05-01 (horse a won at 2.0 under jky_1), and a
-- correction of rac_6 (horse b placed 2nd, not 1st), which moves trainer 1's form before rac_5.
create temporary table after_incremental as select * from ra_runner_statistics where false;
insert into ra_mst_races (id, course_id, race_date, off_dt, distance_f, going, has_result)
values ('rac_7', 'crs_2', '2026-05-01', '2026-05-01 16:00+01', 16, 'Heavy', true);
insert into ra_mst_runners (race_id, horse_id, jockey_id, trainer_id, position,
                            starting_price_decimal)
values ('rac_7', 'hrs_a', 'jky_1', 'trn_1', 1, 2.0);
update ra_mst_runners set position = 2, updated_at = now()
where race_id = 'rac_6' and horse_id = 'hrs_b';

-- The changed runners are rac_7's and rac_6's, the earliest off 2025-06-01 15:00; the runners off
-- from then on that share horse a or b, jky_1 or jky_3, or trn_1 are rac_4, rac_6, rac_5, rac_7.
-- Horse a before rac_7: rac_1, rac_2, rac_4, rac_5: 4 runs, 1 win, 3 places, 2026-05-01 -
-- 2026-04-15 = 16 days. Trainer 1 before rac_5 now: rac_1 (1st), rac_2, rac_4 (2nd), rac_6
-- (2nd): 4 runs, 1 win, 3 places; before rac_7 rac_5 (3rd) too: 5 runs, 1 win, 4 places. The
-- rows of rac_4 and rac_6 (off together: rac_6 never counts for rac_4) stay as they were, so
-- 2 rows change: rac_5 and the new rac_7.
select results_eq(
  $$ select summary -> 'runners_recomputed', summary -> 'rows_changed' -> 'ra_runner_statistics'
     from ra_private.refresh_statistics(as_of => '2026-06-30') $$,
  $$ values ('4'::jsonb, '2'::jsonb) $$,
  'an incremental refresh recomputes rac_4, rac_6, rac_5 and rac_7 and changes rac_5 and rac_7');
insert into after_incremental select * from ra_runner_statistics;
select results_eq(
  $$ select race_id, horse_runs, horse_wins, horse_places, horse_days_since_last_run,
            trainer_runs, trainer_wins, trainer_places
     from ra_runner_statistics where race_id in ('rac_5', 'rac_7') order by race_id $$,
  $$ values ('rac_5', 3, 1, 2, 318, 4, 1, 3), ('rac_7', 4, 1, 3, 16, 5, 1, 4) $$,
  'the new result and the correction count');
select results_eq(
  $$ select rows_written, summary -> 'rows_changed' -> 'ra_runner_statistics'
     from ra_private.refresh_statistics(full => true, as_of => '2026-06-30') $$,
  $$ values (0, '0'::jsonb) $$,
  'a full refresh after the incremental one writes nothing');
select set_eq(
  $$ select * from ra_runner_statistics $$, $$ select * from after_incremental $$,
  'the incremental refresh equals the full refresh');

-- The incremental refresh's computation (runner_form_of, plain aggregates over the earlier runs
-- of the runners asked for) gives every runner of the fixture the figures of the full one
-- (runner_form, windows over every history).
select set_eq(
  $$ select * from ra_private.runner_form_of(
       array(select race_id from ra_mst_runners order by race_id, horse_id),
       array(select horse_id from ra_mst_runners order by race_id, horse_id)) $$,
  $$ select * from ra_private.runner_form(null, null, null, null) $$,
  'runner_form_of computes every runner as runner_form does');

-- Closed to the API roles: RLS on, nothing granted to PUBLIC, anon or authenticated; the
-- functions run with an empty search_path and carry a comment.
select is_empty(
  $$ select c.relname from pg_class c
     cross join aclexplode(coalesce(c.relacl, acldefault('r', c.relowner))) a
     where c.oid = 'public.ra_runner_statistics'::regclass
       and (a.grantee = 0 or pg_get_userbyid(a.grantee) in ('anon', 'authenticated'))
     union all
     select p.proname from pg_proc p
     cross join aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
     where p.pronamespace = 'ra_private'::regnamespace
       and p.proname in ('distance_band', 'going_group', 'runner_form', 'refresh_statistics',
                         'runner_form_of', 'race_groups')
       and (a.grantee = 0 or pg_get_userbyid(a.grantee) in ('anon', 'authenticated'))
     union all
     select 'no rls' where not (select relrowsecurity from pg_class
                                where oid = 'public.ra_runner_statistics'::regclass) $$,
  'ra_runner_statistics and its functions are closed to PUBLIC, anon and authenticated');
select is_empty(
  $$ select p.proname from pg_proc p
     where p.pronamespace = 'ra_private'::regnamespace
       and p.proname in ('distance_band', 'going_group', 'runner_form', 'refresh_statistics',
                         'runner_form_of', 'race_groups')
       and (not coalesce(p.proconfig @> array['search_path=""'], false)
         or obj_description(p.oid, 'pg_proc') is null) $$,
  'the functions run with an empty search_path and have a comment');

select * from finish();
rollback;
