-- Pedigree statistics (ra_sire_statistics, ra_dam_statistics, ra_damsire_statistics): every
-- statistic of the fixture's sires, dams and damsire as of 2025-04-30, computed by hand below;
-- the minimum sample of the best class and distance (a setting); the ancestor's own record; a
-- rerun changes nothing; an incremental refresh after new results and a pedigree filled in later
-- equals a full one.
--
-- sir_101's progeny are hrs_1 and hrs_2 (dsi_301 adds hrs_3; dam_201 is hrs_1 alone, dam_202
-- hrs_2 and hrs_3). 1/SP: 3.0 -> 0.3333, 5.0 -> 0.2, 2.5 -> 0.4, 2.0 -> 0.5, 4.0 -> 0.25,
-- 8.0 -> 0.125, 9.0 -> 0.1111, 6.0 -> 0.1667, 10.0 -> 0.1, 11.0 -> 0.0909.
--   hrs_1: rac_1 1st 3.0 (+2), rac_2 dead heat 5.0 (+1.5), rac_3 2nd 2.5 (-1), rac_4 3rd 2.0 (-1),
--          rac_5 1st 4.0 (+3), rac_6 PU 8.0 (-1), rac_7 1st 2.0 (+1)
--          7 runs, 4 wins, 1 2nd, 1 3rd; 7 with an SP, expected 2.308333, P/L 4.5
--   hrs_2: rac_1 2nd 4.0 (-1), rac_2 dead heat 9.0 (+3.5), rac_3 1st no SP, rac_4 1st 6.0 (+5),
--          rac_5 4th 3.0 (-1), rac_6 1st 10.0 (+9), rac_7 3rd 5.0 (-1)
--          7 runs, 4 wins (3 with an SP), 1 2nd, 1 3rd; 6 with an SP, expected 1.161111, P/L 14.5
--   hrs_3: rac_1 non-runner (no run), rac_2 PU 11.0, rac_3 3rd 4.0, rac_4 2nd 5.0, rac_5 fell
--          8.0, rac_6 2nd 2.0: 5 runs, 0 wins, 2 2nds, 1 3rd; 5 with an SP, expected
--          0.090909 + 0.25 + 0.2 + 0.125 + 0.5 = 1.165909, P/L -5
--
-- sir_101 (hrs_1 + hrs_2): runs 14, wins 8, places 12, 2nds 2, 3rds 2; win % 8 / 14 = 57.14,
--   place % 12 / 14 = 85.71; expected 3.469444 -> 3.47; A/E 7 / 3.469444 = 2.02;
--   P/L 4.5 + 14.5 = 19.00; ROI 19 / 13 = 146.15
--   classes (rac_7 is unclassed: in no class):
--     2: rac_1, rac_2: 4 runs, 3 wins, 75.00; expected 0.3333 + 0.25 + 0.2 + 0.1111 = 0.89;
--        A/E 3 / 0.894444 = 3.35; 4 runs with an SP
--     4: rac_3, rac_4: 4 runs, 2 wins, 50.00; expected 0.4 + 0.5 + 0.1667 = 1.07;
--        A/E 1 / 1.066667 = 0.94; 3 runs with an SP
--     5: rac_5, rac_6: 4 runs, 2 wins, 50.00; expected 0.25 + 0.3333 + 0.125 + 0.1 = 0.81;
--        A/E 2 / 0.808333 = 2.47; 4 runs with an SP
--     by wins: 2 (3 wins), then 4 and 5 tie on wins (2) and runs (4): the higher class, 4, first
--   distance bands:
--     up to 6f (rac_1, rac_3, rac_7): 6 runs, 3 wins, 50.00; expected 0.3333 + 0.4 + 0.5 + 0.25
--        + 0.2 = 1.68; A/E 2 / 1.683333 = 1.19; 5 runs with an SP
--     7f to 1m (rac_2, rac_4): 4 runs, 3 wins, 75.00; expected 0.2 + 0.5 + 0.1111 + 0.1667 = 0.98;
--        A/E 3 / 0.977778 = 3.07; 4 runs with an SP
--     1m4f to 1m7f (rac_5, rac_6): as class 5: 4 runs, 2 wins, 50.00, 0.81, 2.47; 4 with an SP
--     by wins: 7f to 1m and up to 6f tie on 3 wins: fewer runs (4) first; then 1m4f to 1m7f
--   best by A/E with at least 5 runs with an SP (the fixture's setting): no class has 5, so
--     best_class is null; of the bands only up to 6f has 5, so it is best_distance (1.19), above
--     7f to 1m (3.07) and 1m4f to 1m7f (2.47), which lack the sample.
--     With the setting at 4: class 2 (3.35) beats class 5 (2.47), class 4 lacks it (3 runs);
--     7f to 1m (3.07) beats 1m4f to 1m7f (2.47) and up to 6f (1.19).
--   own record: hrs_101 won rac_0 (2020): 1 run, 1 win, 1 place, 100.00
-- sir_102: no progeny, never ran: counts 0, everything else null.
-- dam_201 (hrs_1): 7 runs, 4 wins, 6 places, 1 2nd, 1 3rd; 57.14, 85.71; expected 2.31;
--   A/E 4 / 2.308333 = 1.73; P/L 4.50; ROI 4.5 / 7 = 64.29
-- dam_202 (hrs_2 + hrs_3): 12 runs, 4 wins, 9 places, 3 2nds, 2 3rds; 33.33, 75.00;
--   expected 1.161111 + 1.165909 = 2.327020 -> 2.33; A/E 3 / 2.32702 = 1.29;
--   P/L 14.5 - 5 = 9.50; ROI 9.5 / 11 = 86.36
-- dsi_301 (hrs_1 + hrs_2 + hrs_3): 19 runs, 8 wins, 15 places, 4 2nds, 3 3rds; 8 / 19 = 42.11,
--   15 / 19 = 78.95; expected 3.469444 + 1.165909 = 4.635354 -> 4.64; A/E 7 / 4.635354 = 1.51;
--   P/L 19 - 5 = 14.00; ROI 14 / 18 = 77.78; top class 2 (3 wins), top band 7f to 1m (3 wins in
--   6 runs against up to 6f's 3 in 7); best band: hrs_3's rac_2 (11.0) and rac_4 (5.0) give 7f to
--   1m 6 runs with an SP, A/E 3 / (0.977778 + 0.090909 + 0.2) = 2.36, above up to 6f
--   (2 / (1.683333 + 0.25) = 1.03); own record 0 (hrs_301 never ran)
begin;
select plan(18);

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

select results_eq(
  $$ select key, value from ra_private.settings
     where key in ('statistics_best_min_sp_runs', 'statistics_min_combination_runs') order by key $$,
  $$ values ('statistics_best_min_sp_runs', '10'::jsonb), ('statistics_min_combination_runs', '5'::jsonb) $$,
  'the thresholds are settings: 10 runs with an SP for a best class or band, 5 runs for a pair');
-- The fixture is small: a best class or band needs 5 runs with an SP here.
update ra_private.settings set value = '5' where key = 'statistics_best_min_sp_runs';

-- pedigree_statistics: every statistic of every sire, dam and damsire, as one snapshot.
create temporary view pedigree_statistics as
  select 'sire' as kind, to_jsonb(s) as row from ra_sire_statistics s
  union all
  select 'dam', to_jsonb(d) from ra_dam_statistics d
  union all
  select 'damsire', to_jsonb(x) from ra_damsire_statistics x;
create temporary table after_incremental (kind text, row jsonb);

select results_eq(
  $$ select status, summary -> 'pedigree_recomputed', summary #> '{rows_changed,ra_sire_statistics}',
            summary #> '{rows_changed,ra_dam_statistics}',
            summary #> '{rows_changed,ra_damsire_statistics}'
     from ra_private.refresh_statistics(full => true, as_of => '2025-04-30') $$,
  $$ values ('succeeded', '5'::jsonb, '2'::jsonb, '2'::jsonb, '1'::jsonb) $$,
  'a full refresh computes the 2 sires, 2 dams and the damsire and writes them');

select results_eq(
  $$ select race_id, horse_id, dead_heat_runners, round(sp_profit, 2) from ra_private.runs
     where race_id = 'rac_2' order by horse_id $$,
  $$ values ('rac_2', 'hrs_1', 2, 1.50), ('rac_2', 'hrs_2', 2, 3.50),
            ('rac_2', 'hrs_3', null::integer, -1.00) $$,
  'a dead heat for first: both win, each returns SP / 2 (5.0 / 2 - 1, 9.0 / 2 - 1)');

select results_eq(
  $$ select sire_id, total_runs, total_wins, total_places, total_seconds, total_thirds, win_percent,
            place_percent, expected_wins, ae_index, profit_loss_1u, roi_percent
     from ra_sire_statistics order by sire_id $$,
  $$ values ('sir_101', 14, 8, 12, 2, 2, 57.14, 85.71, 3.47, 2.02, 19.00, 146.15),
            ('sir_102', 0, 0, 0, 0, 0, null::numeric, null::numeric, null::numeric,
             null::numeric, null::numeric, null::numeric) $$,
  'sires: progeny runs, wins, places, 2nds, 3rds, win %, place %, expected wins, A/E, P/L (dead heat halved), ROI');
select results_eq(
  $$ select top_class_1, top_class_1_runs, top_class_1_wins, top_class_1_win_percent,
            top_class_1_expected_wins, top_class_1_ae_index,
            top_class_2, top_class_2_runs, top_class_2_wins, top_class_2_win_percent,
            top_class_2_expected_wins, top_class_2_ae_index,
            top_class_3, top_class_3_runs, top_class_3_wins, top_class_3_win_percent,
            top_class_3_expected_wins, top_class_3_ae_index
     from ra_sire_statistics where sire_id = 'sir_101' $$,
  $$ values (2, 4, 3, 75.00, 0.89, 3.35, 4, 4, 2, 50.00, 1.07, 0.94, 5, 4, 2, 50.00, 0.81, 2.47) $$,
  'sires: the three classes with most wins; classes 4 and 5 tie on wins and runs, the higher class first; an unclassed race in none');
select results_eq(
  $$ select top_distance_1, top_distance_1_runs, top_distance_1_wins, top_distance_1_win_percent,
            top_distance_1_expected_wins, top_distance_1_ae_index,
            top_distance_2, top_distance_2_runs, top_distance_2_wins, top_distance_2_win_percent,
            top_distance_2_expected_wins, top_distance_2_ae_index,
            top_distance_3, top_distance_3_runs, top_distance_3_wins, top_distance_3_win_percent,
            top_distance_3_expected_wins, top_distance_3_ae_index
     from ra_sire_statistics where sire_id = 'sir_101' $$,
  $$ values ('7f to 1m', 4, 3, 75.00, 0.98, 3.07, 'up to 6f', 6, 3, 50.00, 1.68, 1.19,
             '1m4f to 1m7f', 4, 2, 50.00, 0.81, 2.47) $$,
  'sires: the three distance bands with most wins; a tie on wins goes to fewer runs');
select results_eq(
  $$ select best_class, best_class_runs, best_class_wins, best_class_win_percent,
            best_class_expected_wins, best_class_ae_index,
            best_distance, best_distance_runs, best_distance_wins, best_distance_win_percent,
            best_distance_expected_wins, best_distance_ae_index
     from ra_sire_statistics where sire_id = 'sir_101' $$,
  $$ values (null::integer, null::integer, null::integer, null::numeric, null::numeric,
             null::numeric, 'up to 6f', 6, 3, 50.00, 1.68, 1.19) $$,
  'sires: best class and band by A/E need 5 runs with an SP: no class has them, only up to 6f of the bands');
select results_eq(
  $$ select sire_id, own_runs, own_wins, own_places, own_win_percent
     from ra_sire_statistics order by sire_id $$,
  $$ values ('sir_101', 1, 1, 1, 100.00), ('sir_102', 0, 0, 0, null::numeric) $$,
  'sires: their own record as horses (hrs_101 won rac_0; hrs_102 never ran)');
select results_eq(
  $$ select dam_id, total_runs, total_wins, total_places, total_seconds, total_thirds, win_percent,
            place_percent, expected_wins, ae_index, profit_loss_1u, roi_percent
     from ra_dam_statistics order by dam_id $$,
  $$ values ('dam_201', 7, 4, 6, 1, 1, 57.14, 85.71, 2.31, 1.73, 4.50, 64.29),
            ('dam_202', 12, 4, 9, 3, 2, 33.33, 75.00, 2.33, 1.29, 9.50, 86.36) $$,
  'dams: their progeny (a non-runner, the pulled-up and fallen runs and a winner without an SP included as defined)');
select results_eq(
  $$ select damsire_id, total_runs, total_wins, total_places, total_seconds, total_thirds,
            win_percent, place_percent, expected_wins, ae_index, profit_loss_1u, roi_percent,
            top_class_1, top_distance_1, best_distance, own_runs
     from ra_damsire_statistics $$,
  $$ values ('dsi_301', 19, 8, 15, 4, 3, 42.11, 78.95, 4.64, 1.51, 14.00, 77.78, 2, '7f to 1m',
             '7f to 1m', 0) $$,
  'damsires: their daughters'' offspring (hrs_1, hrs_2, hrs_3); hrs_3 gives 7f to 1m the sample');

select results_eq(
  $$ select summary #> '{rows_changed,ra_sire_statistics}', summary #> '{rows_changed,ra_dam_statistics}',
            summary #> '{rows_changed,ra_damsire_statistics}'
     from ra_private.refresh_statistics(full => true, as_of => '2025-04-30') $$,
  $$ values ('0'::jsonb, '0'::jsonb, '0'::jsonb) $$,
  'a second full refresh changes nothing');

-- The minimum sample is read from the setting (a change counts from the next full refresh).
update ra_private.settings set value = '4' where key = 'statistics_best_min_sp_runs';
select ok((select status = 'succeeded'
            from ra_private.refresh_statistics(full => true, as_of => '2025-04-30')),
          'a full refresh with the minimum sample at 4');
select results_eq(
  $$ select s.best_class, s.best_class_ae_index, s.best_distance, s.best_distance_ae_index
     from ra_sire_statistics s where s.sire_id = 'sir_101' $$,
  $$ values (2, 3.35, '7f to 1m', 3.07) $$,
  'with 4 runs with an SP: class 2 (class 4 has 3) and 7f to 1m are best by A/E');

-- New results written now, and hrs_3's sire filled in later (its row changes now): rac_8 on
-- 2025-05-03, class 4, 6f, Soft, crs_2: hrs_1 (c, y) 1st 3.0, hrs_3 (a, x) 2nd 4.0, hrs_2 (b, y)
-- 3rd 2.0. sir_102 now has hrs_3: its 5 runs and rac_8 = 6 runs, 0 wins, 4 places.
insert into ra_mst_races (id, race_date, off_dt, race_class, distance_f, going, course_id,
                          has_result)
values ('rac_8', '2025-05-03', '2025-05-03 14:00+01', 4, 6, 'Soft', 'crs_2', true);
insert into ra_mst_runners (race_id, horse_id, jockey_id, trainer_id, position,
                            starting_price_decimal) values
  ('rac_8', 'hrs_1', 'jky_c', 'trn_y', 1, 3.0),
  ('rac_8', 'hrs_3', 'jky_a', 'trn_x', 2, 4.0),
  ('rac_8', 'hrs_2', 'jky_b', 'trn_y', 3, 2.0);
update ra_mst_horses set sire_id = 'sir_102', updated_at = now() where id = 'hrs_3';
select results_eq(
  $$ select mode, status, summary -> 'pedigree_recomputed'
     from ra_private.refresh_statistics(as_of => '2025-05-04') $$,
  $$ values ('incremental', 'succeeded', '5'::jsonb) $$,
  'an incremental refresh recomputes the ancestors of the horses that ran and of the horse whose pedigree changed');
select results_eq(
  $$ select total_runs, total_wins, total_places from ra_sire_statistics where sire_id = 'sir_102' $$,
  $$ values (6, 0, 4) $$,
  'sir_102 counts hrs_3 from its new pedigree: 5 runs and rac_8');
insert into after_incremental select * from pedigree_statistics;
select results_eq(
  $$ select summary #> '{rows_changed,ra_sire_statistics}', summary #> '{rows_changed,ra_dam_statistics}',
            summary #> '{rows_changed,ra_damsire_statistics}'
     from ra_private.refresh_statistics(full => true, as_of => '2025-05-04') $$,
  $$ values ('0'::jsonb, '0'::jsonb, '0'::jsonb) $$,
  'a full refresh after it writes nothing');
select is_empty(
  $$ (select * from pedigree_statistics except select * from after_incremental)
     union all
     (select * from after_incremental except select * from pedigree_statistics) $$,
  'the incremental refresh equals the full refresh (except, both ways)');
select is(
  (select count(*)::integer from pg_class c join pg_namespace n on n.oid = c.relnamespace
   where n.nspname = 'public' and c.relrowsecurity
     and c.relname in ('ra_sire_statistics', 'ra_dam_statistics', 'ra_damsire_statistics')),
  3, 'row level security is on for the three pedigree tables');

select * from finish();
rollback;
