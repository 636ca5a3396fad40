-- Jockey and trainer pairs (ra_entity_combinations): the pairs with at least 5 runs together, every
-- statistic computed by hand below; a result corrected below the threshold removes its pair; a
-- rerun changes nothing; an incremental refresh equals a full one.
--
-- Pairs as of 2025-04-30 (runs only: rac_1's non-runner hrs_3 is no run):
--   a + x: hrs_1 rac_1 1st 3.0 (+2), rac_2 dead heat 5.0 (+1.5), rac_3 2nd 2.5 (-1), rac_4 3rd 2.0
--          (-1), rac_5 1st 4.0 (+3), rac_6 PU 8.0 (-1)
--          runs 6, wins 3, places 5; win % 50.00, place % 5 / 6 = 83.33;
--          expected 0.333333 + 0.2 + 0.4 + 0.5 + 0.25 + 0.125 = 1.808333 -> 1.81;
--          A/E 3 / 1.808333 = 1.66; P/L 3.50; ROI 3.5 / 6 = 58.33; 2025-03-01 to 2025-04-05
--   b + y: hrs_2 rac_1 2nd 4.0 (-1), rac_2 dead heat 9.0 (+3.5), rac_3 1st no SP, rac_4 1st 6.0
--          (+5), rac_6 1st 10.0 (+9)  -- exactly 5 runs: kept
--          runs 5, wins 4, places 5; 80.00, 100.00; 4 runs with an SP, expected 0.25 + 0.111111 +
--          0.166667 + 0.1 = 0.627778 -> 0.63; A/E 3 / 0.627778 = 4.78 (the winner without an SP is
--          in neither side); P/L 16.50; ROI 16.5 / 4 = 412.50; 2025-03-01 to 2025-04-05
--   c + x: hrs_3 rac_2 PU, rac_3 3rd, rac_6 2nd (and the non-runner in rac_1): 3 runs, not kept
--   c + y: 2 runs (rac_4, rac_5); b + x: 2 (rac_5, rac_7); a + y: 1 (rac_7): not kept
begin;
select plan(11);

-- The fixture (the same in statistics_pedigree, statistics_combinations and
-- statistics_distance_venue): seven resulted races in March and April 2025, an old race of the
-- sire himself and a declared race; every row is dated 2025-01-01 (updated_at), long before any
-- refresh. The refresh is as of 2025-04-30.
--   race  date   class  distance      going (group)        course
--   rac_1 03-01  2      5f  up to 6f  Good (good)          crs_1
--   rac_2 03-08  2      8f  7f to 1m  Soft (soft)          crs_1
--   rac_3 03-15  4      5f  up to 6f  Good To Firm (firm)  crs_2
--   rac_4 03-22  4      8f  7f to 1m  Good (good)          crs_2
--   rac_5 03-29  5      12f 1m4f-1m7f Heavy (heavy)        crs_1
--   rac_6 04-05  5      12f 1m4f-1m7f none (unknown)       crs_1
--   rac_7 04-12  none   5f  up to 6f  Good (good)          crs_2
--   rac_0 2020-06-01 1  10f 1m1f-1m3f Good (good)          crs_2
--   rac_9 04-19  declared only (no result)
-- Runners (horse jockey trainer: result, SP):
--   rac_1 hrs_1 a x 1st 3.0;      hrs_2 b y 2nd 4.0;       hrs_3 c x non-runner
--   rac_2 hrs_1 a x 1st 5.0 and   hrs_2 b y 1st 9.0 (a dead heat); hrs_3 c x pulled up 11.0
--   rac_3 hrs_1 a x 2nd 2.5;      hrs_2 b y 1st, no SP;    hrs_3 c x 3rd 4.0
--   rac_4 hrs_1 a x 3rd 2.0;      hrs_2 b y 1st 6.0;       hrs_3 c y 2nd 5.0
--   rac_5 hrs_1 a x 1st 4.0;      hrs_2 c y 4th 3.0;       hrs_3 b x fell 8.0
--   rac_6 hrs_1 a x pulled up 8.0; hrs_2 b y 1st 10.0;     hrs_3 c x 2nd 2.0
--   rac_7 hrs_1 b x 1st 2.0;      hrs_2 a y 3rd 5.0
--   rac_0 hrs_101 (no jockey, no trainer) 1st 3.0
--   rac_9 hrs_1 a x declared
-- Pedigree: hrs_1 = sir_101 x dam_201 (damsire dsi_301); hrs_2 = sir_101 x dam_202 (dsi_301);
-- hrs_3 = no sire x dam_202 (dsi_301). sir_101's own horse id is hrs_101 (it won rac_0);
-- sir_102 has no progeny and never ran. Level-stakes return of a dead-heater: SP / 2 - 1
-- (rac_2: hrs_1 5.0 / 2 - 1 = 1.5, hrs_2 9.0 / 2 - 1 = 3.5).
insert into ra_mst_jockeys (id) values ('jky_a'), ('jky_b'), ('jky_c');
insert into ra_mst_trainers (id) values ('trn_x'), ('trn_y');
insert into ra_mst_courses (id) values ('crs_1'), ('crs_2');
insert into ra_mst_sires (id) values ('sir_101'), ('sir_102');
insert into ra_mst_dams (id) values ('dam_201'), ('dam_202');
insert into ra_mst_damsires (id) values ('dsi_301');
insert into ra_mst_horses (id, sire_id, dam_id, damsire_id, updated_at) values
  ('hrs_1', 'sir_101', 'dam_201', 'dsi_301', '2025-01-01'),
  ('hrs_2', 'sir_101', 'dam_202', 'dsi_301', '2025-01-01'),
  ('hrs_3', null, 'dam_202', 'dsi_301', '2025-01-01'),
  ('hrs_101', null, null, null, '2025-01-01');
insert into ra_mst_races (id, race_date, off_dt, race_class, distance_f, going, course_id,
                          has_result, updated_at) values
  ('rac_0', '2020-06-01', '2020-06-01 14:00+01', 1, 10, 'Good', 'crs_2', true, '2025-01-01'),
  ('rac_1', '2025-03-01', '2025-03-01 14:00+00', 2, 5, 'Good', 'crs_1', true, '2025-01-01'),
  ('rac_2', '2025-03-08', '2025-03-08 14:00+00', 2, 8, 'Soft', 'crs_1', true, '2025-01-01'),
  ('rac_3', '2025-03-15', '2025-03-15 14:00+00', 4, 5, 'Good To Firm', 'crs_2', true, '2025-01-01'),
  ('rac_4', '2025-03-22', '2025-03-22 14:00+00', 4, 8, 'Good', 'crs_2', true, '2025-01-01'),
  ('rac_5', '2025-03-29', '2025-03-29 14:00+00', 5, 12, 'Heavy', 'crs_1', true, '2025-01-01'),
  ('rac_6', '2025-04-05', '2025-04-05 14:00+01', 5, 12, null, 'crs_1', true, '2025-01-01'),
  ('rac_7', '2025-04-12', '2025-04-12 14:00+01', null, 5, 'Good', 'crs_2', true, '2025-01-01'),
  ('rac_9', '2025-04-19', '2025-04-19 14:00+01', 3, 5, 'Good', 'crs_1', null, '2025-01-01');
insert into ra_mst_runners (race_id, horse_id, jockey_id, trainer_id, is_non_runner, position,
                            finish_status, starting_price_decimal, updated_at) values
  ('rac_0', 'hrs_101', null, null, null, 1, null, 3.0, '2025-01-01'),
  ('rac_1', 'hrs_1', 'jky_a', 'trn_x', null, 1, null, 3.0, '2025-01-01'),
  ('rac_1', 'hrs_2', 'jky_b', 'trn_y', null, 2, null, 4.0, '2025-01-01'),
  ('rac_1', 'hrs_3', 'jky_c', 'trn_x', true, null, null, null, '2025-01-01'),
  ('rac_2', 'hrs_1', 'jky_a', 'trn_x', null, 1, null, 5.0, '2025-01-01'),
  ('rac_2', 'hrs_2', 'jky_b', 'trn_y', null, 1, null, 9.0, '2025-01-01'),
  ('rac_2', 'hrs_3', 'jky_c', 'trn_x', null, null, 'PU', 11.0, '2025-01-01'),
  ('rac_3', 'hrs_1', 'jky_a', 'trn_x', null, 2, null, 2.5, '2025-01-01'),
  ('rac_3', 'hrs_2', 'jky_b', 'trn_y', null, 1, null, null, '2025-01-01'),
  ('rac_3', 'hrs_3', 'jky_c', 'trn_x', null, 3, null, 4.0, '2025-01-01'),
  ('rac_4', 'hrs_1', 'jky_a', 'trn_x', null, 3, null, 2.0, '2025-01-01'),
  ('rac_4', 'hrs_2', 'jky_b', 'trn_y', null, 1, null, 6.0, '2025-01-01'),
  ('rac_4', 'hrs_3', 'jky_c', 'trn_y', null, 2, null, 5.0, '2025-01-01'),
  ('rac_5', 'hrs_1', 'jky_a', 'trn_x', null, 1, null, 4.0, '2025-01-01'),
  ('rac_5', 'hrs_2', 'jky_c', 'trn_y', null, 4, null, 3.0, '2025-01-01'),
  ('rac_5', 'hrs_3', 'jky_b', 'trn_x', null, null, 'F', 8.0, '2025-01-01'),
  ('rac_6', 'hrs_1', 'jky_a', 'trn_x', null, null, 'PU', 8.0, '2025-01-01'),
  ('rac_6', 'hrs_2', 'jky_b', 'trn_y', null, 1, null, 10.0, '2025-01-01'),
  ('rac_6', 'hrs_3', 'jky_c', 'trn_x', null, 2, null, 2.0, '2025-01-01'),
  ('rac_7', 'hrs_1', 'jky_b', 'trn_x', null, 1, null, 2.0, '2025-01-01'),
  ('rac_7', 'hrs_2', 'jky_a', 'trn_y', null, 3, null, 5.0, '2025-01-01'),
  ('rac_9', 'hrs_1', 'jky_a', 'trn_x', null, null, null, null, '2025-01-01');

-- combinations: every row of the table, for comparing refreshes.
create temporary view combinations as
  select to_jsonb(c) as row from ra_entity_combinations c;
create temporary table after_incremental (row jsonb);

select results_eq(
  $$ select status, summary #> '{rows_changed,ra_entity_combinations}'
     from ra_private.refresh_statistics(full => true, as_of => '2025-04-30') $$,
  $$ values ('succeeded', '2'::jsonb) $$,
  'a full refresh writes the 2 pairs with 5 runs or more');
select results_eq(
  $$ select jockey_id, trainer_id, runs, wins, places, win_percent, place_percent, expected_wins,
            ae_index, profit_loss_1u, roi_percent, first_run_date, last_run_date
     from ra_entity_combinations order by jockey_id, trainer_id $$,
  $$ values ('jky_a', 'trn_x', 6, 3, 5, 50.00, 83.33, 1.81, 1.66, 3.50, 58.33,
             '2025-03-01'::date, '2025-04-05'::date),
            ('jky_b', 'trn_y', 5, 4, 5, 80.00, 100.00, 0.63, 4.78, 16.50, 412.50,
             '2025-03-01'::date, '2025-04-05'::date) $$,
  'pairs: runs, wins, places, win %, place %, expected wins, A/E, P/L (dead heat halved), ROI, first and last run; c + x has 3 runs and a non-runner, below 5');
select results_eq(
  $$ select summary #> '{rows_changed,ra_entity_combinations}'
     from ra_private.refresh_statistics(full => true, as_of => '2025-04-30') $$,
  $$ values ('0'::jsonb) $$,
  'a second full refresh changes nothing');
select results_eq(
  $$ select summary #> '{rows_changed,ra_entity_combinations}'
     from ra_private.refresh_statistics(as_of => '2025-04-30') $$,
  $$ values ('0'::jsonb) $$,
  'an incremental refresh with nothing new changes nothing');

-- A correction: hrs_1 did not run in rac_5 and rac_6 after all. a + x falls to 4 runs and goes.
update ra_mst_runners
set is_non_runner = true, position = null, finish_status = null, updated_at = now()
where horse_id = 'hrs_1' and race_id in ('rac_5', 'rac_6');
select results_eq(
  $$ select summary #> '{rows_changed,ra_entity_combinations}'
     from ra_private.refresh_statistics(as_of => '2025-04-30') $$,
  $$ values ('1'::jsonb) $$,
  'an incremental refresh removes the pair that fell below 5 runs');
select results_eq(
  $$ select jockey_id, trainer_id from ra_entity_combinations order by jockey_id $$,
  $$ values ('jky_b', 'trn_y') $$,
  'only b + y is left');

-- New results, written now: rac_8 on 2025-05-03: hrs_1 (c, y) 1st 3.0, hrs_3 (a, x) 2nd 4.0,
-- hrs_2 (b, y) 3rd 2.0. As of 2025-05-04:
--   a + x: rac_1 +2, rac_2 +1.5, rac_3 -1, rac_4 -1, rac_8 -1: 5 runs, 2 wins, 5 places; 40.00,
--          100.00; expected 0.333333 + 0.2 + 0.4 + 0.5 + 0.25 = 1.683333 -> 1.68;
--          A/E 2 / 1.683333 = 1.19; P/L 0.50; ROI 0.5 / 5 = 10.00; 03-01 to 05-03
--   b + y: 6 runs, 4 wins, 6 places; 66.67, 100.00; expected 0.627778 + 0.5 = 1.127778 -> 1.13;
--          A/E 3 / 1.127778 = 2.66; P/L 16.5 - 1 = 15.50; ROI 15.5 / 5 = 310.00; 03-01 to 05-03
insert into ra_mst_races (id, race_date, off_dt, race_class, distance_f, going, course_id,
                          has_result)
values ('rac_8', '2025-05-03', '2025-05-03 14:00+01', 4, 6, 'Soft', 'crs_2', true);
insert into ra_mst_runners (race_id, horse_id, jockey_id, trainer_id, position,
                            starting_price_decimal) values
  ('rac_8', 'hrs_1', 'jky_c', 'trn_y', 1, 3.0),
  ('rac_8', 'hrs_3', 'jky_a', 'trn_x', 2, 4.0),
  ('rac_8', 'hrs_2', 'jky_b', 'trn_y', 3, 2.0);
select results_eq(
  $$ select mode, summary #> '{rows_changed,ra_entity_combinations}'
     from ra_private.refresh_statistics(as_of => '2025-05-04') $$,
  $$ values ('incremental', '2'::jsonb) $$,
  'an incremental refresh after new results writes the 2 pairs they changed');
select results_eq(
  $$ select jockey_id, trainer_id, runs, wins, places, win_percent, place_percent, expected_wins,
            ae_index, profit_loss_1u, roi_percent, first_run_date, last_run_date
     from ra_entity_combinations order by jockey_id, trainer_id $$,
  $$ values ('jky_a', 'trn_x', 5, 2, 5, 40.00, 100.00, 1.68, 1.19, 0.50, 10.00,
             '2025-03-01'::date, '2025-05-03'::date),
            ('jky_b', 'trn_y', 6, 4, 6, 66.67, 100.00, 1.13, 2.66, 15.50, 310.00,
             '2025-03-01'::date, '2025-05-03'::date) $$,
  'a + x is back at 5 runs; b + y has 6');
insert into after_incremental select * from combinations;
select results_eq(
  $$ select summary #> '{rows_changed,ra_entity_combinations}'
     from ra_private.refresh_statistics(full => true, as_of => '2025-05-04') $$,
  $$ values ('0'::jsonb) $$,
  'a full refresh after it writes nothing');
select is_empty(
  $$ (select * from combinations except select * from after_incremental)
     union all
     (select * from after_incremental except select * from combinations) $$,
  'the incremental refresh equals the full refresh (except, both ways)');
select ok(
  (select c.relrowsecurity from pg_class c where c.oid = 'public.ra_entity_combinations'::regclass),
  'row level security is on');

select * from finish();
rollback;
