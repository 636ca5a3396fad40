-- Performance by distance band and by course with the going breakdown
-- (ra_performance_by_distance, ra_performance_by_venue): every statistic of jockey a, horses
-- hrs_1 and hrs_101 and trainer y computed by hand below; the going rows add up to the 'all' row;
-- a race whose distance is corrected moves its rows; a rerun changes nothing; an incremental
-- refresh equals a full one.
--
-- Jockey a as of 2025-04-30 (race: band, going group, course, result, SP, P/L):
--   rac_1 up to 6f  good    crs_1 1st 3.0 +2       rac_2 7f to 1m  soft    crs_1 dead heat 5.0 +1.5
--   rac_3 up to 6f  firm    crs_2 2nd 2.5 -1       rac_4 7f to 1m  good    crs_2 3rd 2.0 -1
--   rac_5 1m4f-1m7f heavy   crs_1 1st 4.0 +3       rac_6 1m4f-1m7f unknown crs_1 PU 8.0 -1
--   rac_7 up to 6f  good    crs_2 3rd 5.0 -1 (on hrs_2)
-- By distance (runs, wins, places, win %, place %, expected, A/E, P/L, ROI):
--   up to 6f all:   3, 1, 3, 33.33, 100.00, 0.333333 + 0.4 + 0.2 = 0.93, 1 / 0.933333 = 1.07,
--                   2 - 1 - 1 = 0.00, 0.00
--            good:  rac_1, rac_7: 2, 1, 2, 50.00, 100.00, 0.53, 1 / 0.533333 = 1.88, 1.00, 50.00
--            firm:  rac_3: 1, 0, 1, 0.00, 100.00, 0.40, 0.00, -1.00, -100.00
--   7f to 1m all:   2, 1, 2, 50.00, 100.00, 0.70, 1 / 0.7 = 1.43, 1.5 - 1 = 0.50, 25.00
--            good:  rac_4: 1, 0, 1, 0.00, 100.00, 0.50, 0.00, -1.00, -100.00
--            soft:  rac_2: 1, 1, 1, 100.00, 100.00, 0.20, 5.00, 1.50, 150.00
--   1m4f to 1m7f all: 2, 1, 1, 50.00, 50.00, 0.375 -> 0.38, 1 / 0.375 = 2.67, 2.00, 100.00
--            heavy: rac_5: 1, 1, 1, 100.00, 100.00, 0.25, 4.00, 3.00, 300.00
--            unknown (no going): rac_6: 1, 0, 0, 0.00, 0.00, 0.125 -> 0.13, 0.00, -1.00, -100.00
-- By course:
--   crs_1 all:      rac_1, 2, 5, 6: 4, 3, 3, 75.00, 75.00, 0.333333 + 0.2 + 0.25 + 0.125 = 0.91,
--                   3 / 0.908333 = 3.30, 2 + 1.5 + 3 - 1 = 5.50, 137.50
--         good 1, 1, 1, 100.00, 100.00, 0.33, 3.00, 2.00, 200.00; soft as rac_2 above; heavy as
--         rac_5 above; unknown as rac_6 above
--   crs_2 all:      rac_3, 4, 7: 3, 0, 3, 0.00, 100.00, 0.4 + 0.5 + 0.2 = 1.10, 0.00, -3.00, -100.00
--         firm: rac_3 as above; good: rac_4, rac_7: 2, 0, 2, 0.00, 100.00, 0.70, 0.00, -2.00, -100.00
-- Horse hrs_1 (all goings): up to 6f rac_1 +2, rac_3 -1, rac_7 1st 2.0 +1: 3, 2, 3, 66.67, 100.00,
--   0.333333 + 0.4 + 0.5 = 1.23, 2 / 1.233333 = 1.62, 2.00, 66.67; 7f to 1m and 1m4f to 1m7f as
--   jockey a. Horse hrs_101: rac_0, 10f (1m1f to 1m3f), good: 1, 1, 1, 100.00, 100.00, 0.33, 3.00,
--   2.00, 200.00 (no jockey or trainer: no venue row).
-- Trainer y by course (all goings): crs_1: hrs_2 rac_1 2nd 4.0 -1, rac_2 dead heat 9.0 +3.5,
--   rac_5 4th 3.0 -1, rac_6 1st 10.0 +9: 4, 2, 3, 50.00, 75.00, 0.25 + 0.111111 + 0.333333 + 0.1
--   = 0.79, 2 / 0.794444 = 2.52, 10.50, 262.50; crs_2: hrs_2 rac_3 1st no SP, rac_4 1st 6.0 +5,
--   rac_7 3rd 5.0 -1, hrs_3 rac_4 2nd 5.0 -1: 4, 2, 4, 50.00, 100.00, 0.166667 + 0.2 + 0.2 = 0.57,
--   1 / 0.566667 = 1.76, 3.00, 3 / 3 = 100.00
begin;
select plan(15);

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

-- performance: every row of both tables, for comparing refreshes.
create temporary view performance as
  select 'distance' as kind, to_jsonb(d) as row from ra_performance_by_distance d
  union all
  select 'venue', to_jsonb(v) from ra_performance_by_venue v;
create temporary table after_incremental (kind text, row jsonb);

select is(
  (select status from ra_private.refresh_statistics(full => true, as_of => '2025-04-30')),
  'succeeded', 'a full refresh as of 2025-04-30');

select results_eq(
  $$ select distance_band, going_group, runs, wins, places, win_percent, place_percent,
            expected_wins, ae_index, profit_loss_1u, roi_percent
     from ra_performance_by_distance where entity_type = 'jockey' and entity_id = 'jky_a'
     order by ra_private.distance_band_rank(distance_band), going_group $$,
  $$ values ('up to 6f', 'all', 3, 1, 3, 33.33, 100.00, 0.93, 1.07, 0.00, 0.00),
            ('up to 6f', 'firm', 1, 0, 1, 0.00, 100.00, 0.40, 0.00, -1.00, -100.00),
            ('up to 6f', 'good', 2, 1, 2, 50.00, 100.00, 0.53, 1.88, 1.00, 50.00),
            ('7f to 1m', 'all', 2, 1, 2, 50.00, 100.00, 0.70, 1.43, 0.50, 25.00),
            ('7f to 1m', 'good', 1, 0, 1, 0.00, 100.00, 0.50, 0.00, -1.00, -100.00),
            ('7f to 1m', 'soft', 1, 1, 1, 100.00, 100.00, 0.20, 5.00, 1.50, 150.00),
            ('1m4f to 1m7f', 'all', 2, 1, 1, 50.00, 50.00, 0.38, 2.67, 2.00, 100.00),
            ('1m4f to 1m7f', 'heavy', 1, 1, 1, 100.00, 100.00, 0.25, 4.00, 3.00, 300.00),
            ('1m4f to 1m7f', 'unknown', 1, 0, 0, 0.00, 0.00, 0.13, 0.00, -1.00, -100.00) $$,
  'by distance, jockey a: each band per going group and all (a dead heat halved, a pulled-up run, a race without a going)');
select results_eq(
  $$ select entity_id, distance_band, runs, wins, places, win_percent, place_percent,
            expected_wins, ae_index, profit_loss_1u, roi_percent
     from ra_performance_by_distance
     where entity_type = 'horse' and entity_id in ('hrs_1', 'hrs_101') and going_group = 'all'
     order by entity_id, ra_private.distance_band_rank(distance_band) $$,
  $$ values ('hrs_1', 'up to 6f', 3, 2, 3, 66.67, 100.00, 1.23, 1.62, 2.00, 66.67),
            ('hrs_1', '7f to 1m', 2, 1, 2, 50.00, 100.00, 0.70, 1.43, 0.50, 25.00),
            ('hrs_1', '1m4f to 1m7f', 2, 1, 1, 50.00, 50.00, 0.38, 2.67, 2.00, 100.00),
            ('hrs_101', '1m1f to 1m3f', 1, 1, 1, 100.00, 100.00, 0.33, 3.00, 2.00, 200.00) $$,
  'by distance, horses: all goings (the declared rac_9 is no run)');
select results_eq(
  $$ select course_id, going_group, runs, wins, places, win_percent, place_percent,
            expected_wins, ae_index, profit_loss_1u, roi_percent
     from ra_performance_by_venue where entity_type = 'jockey' and entity_id = 'jky_a'
     order by course_id, going_group $$,
  $$ values ('crs_1', 'all', 4, 3, 3, 75.00, 75.00, 0.91, 3.30, 5.50, 137.50),
            ('crs_1', 'good', 1, 1, 1, 100.00, 100.00, 0.33, 3.00, 2.00, 200.00),
            ('crs_1', 'heavy', 1, 1, 1, 100.00, 100.00, 0.25, 4.00, 3.00, 300.00),
            ('crs_1', 'soft', 1, 1, 1, 100.00, 100.00, 0.20, 5.00, 1.50, 150.00),
            ('crs_1', 'unknown', 1, 0, 0, 0.00, 0.00, 0.13, 0.00, -1.00, -100.00),
            ('crs_2', 'all', 3, 0, 3, 0.00, 100.00, 1.10, 0.00, -3.00, -100.00),
            ('crs_2', 'firm', 1, 0, 1, 0.00, 100.00, 0.40, 0.00, -1.00, -100.00),
            ('crs_2', 'good', 2, 0, 2, 0.00, 100.00, 0.70, 0.00, -2.00, -100.00) $$,
  'by course, jockey a: each course per going group and all');
select results_eq(
  $$ select course_id, runs, wins, places, win_percent, place_percent, expected_wins, ae_index,
            profit_loss_1u, roi_percent
     from ra_performance_by_venue
     where entity_type = 'trainer' and entity_id = 'trn_y' and going_group = 'all'
     order by course_id $$,
  $$ values ('crs_1', 4, 2, 3, 50.00, 75.00, 0.79, 2.52, 10.50, 262.50),
            ('crs_2', 4, 2, 4, 50.00, 100.00, 0.57, 1.76, 3.00, 100.00) $$,
  'by course, trainer y: a winner without an SP counts as a win but not in A/E or P/L');
select is_empty(
  $$ select a.entity_type, a.entity_id, a.distance_band
     from ra_performance_by_distance a
     join ra_performance_by_distance g using (entity_type, entity_id, distance_band)
     where a.going_group = 'all' and g.going_group <> 'all'
     group by a.entity_type, a.entity_id, a.distance_band, a.runs, a.wins, a.places
     having sum(g.runs) <> a.runs or sum(g.wins) <> a.wins or sum(g.places) <> a.places
     union all
     select a.entity_type, a.entity_id, a.course_id
     from ra_performance_by_venue a
     join ra_performance_by_venue g using (entity_type, entity_id, course_id)
     where a.going_group = 'all' and g.going_group <> 'all'
     group by a.entity_type, a.entity_id, a.course_id, a.runs, a.wins, a.places
     having sum(g.runs) <> a.runs or sum(g.wins) <> a.wins or sum(g.places) <> a.places $$,
  'the going rows of every entity and band or course add up to its all row');

select results_eq(
  $$ select summary #> '{rows_changed,ra_performance_by_distance}',
            summary #> '{rows_changed,ra_performance_by_venue}'
     from ra_private.refresh_statistics(full => true, as_of => '2025-04-30') $$,
  $$ values ('0'::jsonb, '0'::jsonb) $$,
  'a second full refresh changes nothing');
select results_eq(
  $$ select summary #> '{rows_changed,ra_performance_by_distance}',
            summary #> '{rows_changed,ra_performance_by_venue}'
     from ra_private.refresh_statistics(as_of => '2025-04-30') $$,
  $$ values ('0'::jsonb, '0'::jsonb) $$,
  'an incremental refresh with nothing new changes nothing');

-- New results, written now: rac_8 on 2025-05-03, class 4, 6f (up to 6f), Soft, crs_2: hrs_1 (c, y)
-- 1st 3.0, hrs_3 (a, x) 2nd 4.0, hrs_2 (b, y) 3rd 2.0. And rac_0's distance is corrected to 6f:
-- hrs_101's row moves from 1m1f to 1m3f to up to 6f.
-- Jockey a, up to 6f, as of 2025-05-04: all 4, 1, 4, 25.00, 100.00, 0.933333 + 0.25 = 1.18,
--   1 / 1.183333 = 0.85, 0.00 - 1 = -1.00, -1 / 4 = -25.00; soft (rac_8): 1, 0, 1, 0.00, 100.00,
--   0.25, 0.00, -1.00, -100.00. At crs_2: all 4, 0, 4, 0.00, 100.00, 1.35, 0.00, -4.00, -100.00.
insert into ra_mst_races (id, race_date, off_dt, race_class, distance_f, going, course_id,
                          has_result)
values ('rac_8', '2025-05-03', '2025-05-03 14:00+01', 4, 6, 'Soft', 'crs_2', true);
insert into ra_mst_runners (race_id, horse_id, jockey_id, trainer_id, position,
                            starting_price_decimal) values
  ('rac_8', 'hrs_1', 'jky_c', 'trn_y', 1, 3.0),
  ('rac_8', 'hrs_3', 'jky_a', 'trn_x', 2, 4.0),
  ('rac_8', 'hrs_2', 'jky_b', 'trn_y', 3, 2.0);
update ra_mst_races set distance_f = 6, updated_at = now() where id = 'rac_0';
select is(
  (select mode || ' ' || status from ra_private.refresh_statistics(as_of => '2025-05-04')),
  'incremental succeeded', 'an incremental refresh after the new results');
select results_eq(
  $$ select distance_band, going_group, runs, wins, places, win_percent, place_percent,
            expected_wins, ae_index, profit_loss_1u, roi_percent
     from ra_performance_by_distance
     where entity_type = 'jockey' and entity_id = 'jky_a' and distance_band = 'up to 6f'
       and going_group in ('all', 'soft')
     union all
     select course_id, going_group, runs, wins, places, win_percent, place_percent,
            expected_wins, ae_index, profit_loss_1u, roi_percent
     from ra_performance_by_venue
     where entity_type = 'jockey' and entity_id = 'jky_a' and course_id = 'crs_2'
       and going_group = 'all'
     order by 1, 2 $$,
  $$ values ('crs_2', 'all', 4, 0, 4, 0.00, 100.00, 1.35, 0.00, -4.00, -100.00),
            ('up to 6f', 'all', 4, 1, 4, 25.00, 100.00, 1.18, 0.85, -1.00, -25.00),
            ('up to 6f', 'soft', 1, 0, 1, 0.00, 100.00, 0.25, 0.00, -1.00, -100.00) $$,
  'jockey a''s ride in rac_8 counts in its band, going and course');
select results_eq(
  $$ select distance_band, going_group from ra_performance_by_distance
     where entity_id = 'hrs_101' order by going_group $$,
  $$ values ('up to 6f', 'all'), ('up to 6f', 'good') $$,
  'the corrected distance moves hrs_101''s rows to up to 6f; the old band''s rows are gone');
insert into after_incremental select * from performance;
select results_eq(
  $$ select summary #> '{rows_changed,ra_performance_by_distance}',
            summary #> '{rows_changed,ra_performance_by_venue}'
     from ra_private.refresh_statistics(full => true, as_of => '2025-05-04') $$,
  $$ values ('0'::jsonb, '0'::jsonb) $$,
  'a full refresh after it writes nothing');
select is_empty(
  $$ (select * from performance except select * from after_incremental)
     union all
     (select * from after_incremental except select * from performance) $$,
  'the incremental refresh equals the full refresh (except, both ways)');
select is(
  (select count(*)::integer from pg_class c join pg_namespace n on n.oid = c.relnamespace
   where n.nspname = 'public' and c.relrowsecurity
     and c.relname in ('ra_performance_by_distance', 'ra_performance_by_venue')),
  2, 'row level security is on for both tables');
select is_empty(
  $$ select 1 from pg_policies
     where tablename in ('ra_sire_statistics', 'ra_dam_statistics', 'ra_damsire_statistics',
                         'ra_entity_combinations', 'ra_performance_by_distance',
                         'ra_performance_by_venue') $$,
  'no policies: only the service role reads the new tables');

select * from finish();
rollback;
