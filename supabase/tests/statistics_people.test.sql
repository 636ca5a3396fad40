-- ra_private.refresh_statistics on the people: every statistic of every jockey, trainer and
-- owner of the fixture as of 2025-06-30, computed by hand below; the refresh recorded in
-- ra_sync_runs; a second refresh (full or incremental) changes nothing.
--
-- Windows as of 2025-06-30: last 14 days = 2025-06-17..06-30 (rac_3 only); last 30 days =
-- 2025-06-01..06-30 (rac_2, rac_3). 1/SP: 5.0 -> 0.2, 10.0 -> 0.1, 2.0 -> 0.5, 2.5 -> 0.4,
-- 8.0 -> 0.125, 4.0 -> 0.25. A/E counts only wins of runs with an SP; P/L = sum(SP / n - 1) over
-- winners with an SP (n dead-heaters for first; 1 without a dead heat) - losers with an SP; ROI %
-- = P/L / runs with an SP x 100. rac_1's dead heat: hrs_1 returns 5.0 / 2 - 1 = 1.5 and hrs_2
-- 10.0 / 2 - 1 = 4.0.
--
-- Runs per person (race: result SP):
--   a: rac_1 1st 5.0, rac_2 2nd 2.5, rac_3 1st no SP
--      runs 3, wins 2, places 3, 2nds 1, 3rds 0; win% 2/3 = 66.67, place% 100.00
--      expected 0.2 + 0.4 = 0.60; A/E 1 / 0.6 = 1.67; P/L 1.5 - 1 = 0.50; ROI 0.5 / 2 = 25.00
--      14d (rac_3): 1 run, 1 win, no SP -> expected, A/E, P/L, ROI null
--      30d: runs 2, wins 1, places 2, 2nds 1; 50.00, 100.00; expected 0.40; A/E 0 / 0.4 = 0.00;
--           P/L -1.00; ROI -100.00
--      last run 06-25, last win 06-25: 5 and 5 days
--   b: rac_1 1st 10.0, rac_2 1st 2.5, rac_3 4th 4.0
--      runs 3, wins 2, places 2; 66.67, 66.67; expected 0.1 + 0.4 + 0.25 = 0.75;
--      A/E 2 / 0.75 = 2.67; P/L 4 + 1.5 - 1 = 4.50; ROI 4.5 / 3 = 150.00
--      14d: 1 run, 0 wins; 0.00, 0.00; expected 0.25; A/E 0.00; P/L -1.00; ROI -100.00
--      30d: 2 runs, 1 win, 1 place; 50.00, 50.00; expected 0.65; A/E 1 / 0.65 = 1.54;
--           P/L 1.5 - 1 = 0.50; ROI 0.5 / 2 = 25.00
--      last run 06-25 (5 days), last win 06-10 (20 days)
--   c: rac_1 3rd 2.0, rac_2 PU 8.0, rac_3 UR 5.0 (pulled up and unseated are runs)
--      runs 3, wins 0, places 1, 3rds 1; 0.00, 33.33; expected 0.5 + 0.125 + 0.2 = 0.825 -> 0.83;
--      A/E 0.00; P/L -3.00; ROI -100.00
--      14d: 1 run; 0.00, 0.00; expected 0.20; A/E 0.00; P/L -1.00; ROI -100.00
--      30d: 2 runs; 0.00, 0.00; expected 0.325 -> 0.33; A/E 0.00; P/L -2.00; ROI -100.00
--      last run 06-25 (5 days), no win
--   d: no runs: counts 0, everything else null
--   x: rac_1 1st 5.0 and 3rd 2.0, rac_2 2nd 2.5 and 1st 2.5 (and the NR), rac_3 4th 4.0 and UR 5.0
--      runs 6, wins 2, places 4, 2nds 1, 3rds 1; 33.33, 66.67;
--      expected 0.2 + 0.5 + 0.4 + 0.4 + 0.25 + 0.2 = 1.95; A/E 2 / 1.95 = 1.03;
--      P/L 1.5 + 1.5 - 4 = -1.00; ROI -1 / 6 = -16.67
--      14d: 2 runs, 0 wins; expected 0.45; A/E 0.00; P/L -2.00; ROI -100.00
--      30d: 4 runs, 1 win, 2 places, 1 2nd; 25.00, 50.00; expected 1.25; A/E 1 / 1.25 = 0.80;
--           P/L 1.5 - 3 = -1.50; ROI -1.5 / 4 = -37.50
--      last run 06-25 (5 days), last win 06-10 (20 days)
--   y: rac_1 1st 10.0 (and the non-runner), rac_2 PU 8.0, rac_3 1st no SP (and hrs_7, no result)
--      runs 3, wins 2, places 2; 66.67, 66.67; expected 0.1 + 0.125 = 0.225 -> 0.23;
--      A/E 1 / 0.225 = 4.44; P/L 4 - 1 = 3.00; ROI 3 / 2 = 150.00
--      14d: 1 run, 1 win, no SP: 100.00, 100.00, the market columns null
--      30d: 2 runs, 1 win; 50.00, 50.00; expected 0.125 -> 0.13; A/E 0 / 0.125 = 0.00;
--           P/L -1.00; ROI -100.00
--      last run 06-25, last win 06-25: 5 and 5 days
--   p: rac_1 1st 5.0 and 3rd 2.0, rac_2 2nd 2.5 and PU 8.0, rac_3 4th 4.0 (and hrs_7, no result)
--      runs 5, wins 1, places 3, 2nds 1, 3rds 1; 20.00, 60.00;
--      expected 0.2 + 0.5 + 0.4 + 0.125 + 0.25 = 1.475 -> 1.48; A/E 1 / 1.475 = 0.68;
--      P/L 1.5 - 4 = -2.50; ROI -2.5 / 5 = -50.00; horses hrs_1, hrs_3, hrs_5 = 3
--      14d: 1 run; expected 0.25; A/E 0.00; P/L -1.00; ROI -100.00
--      30d: 3 runs, 0 wins, 1 place (2nd); 0.00, 33.33; expected 0.775 -> 0.78; A/E 0.00;
--           P/L -3.00; ROI -100.00
--      last run 06-25 (5 days), last win 05-01 (60 days)
--   q: rac_1 1st 10.0 (and the non-runner), rac_2 1st 2.5 (and the NR), rac_3 1st no SP and UR 5.0
--      runs 4, wins 3, places 3; 75.00, 75.00; expected 0.1 + 0.4 + 0.2 = 0.70;
--      A/E 2 / 0.7 = 2.86; P/L 4 + 1.5 - 1 = 4.50; ROI 4.5 / 3 = 150.00;
--      horses hrs_2, hrs_5, hrs_6 = 3 (the non-runners hrs_4 and hrs_8 do not count)
--      14d: 2 runs, 1 win (no SP); 50.00, 50.00; expected 0.20; A/E 0 / 0.2 = 0.00; P/L -1.00;
--           ROI -100.00
--      30d: 3 runs, 2 wins; 66.67, 66.67; expected 0.60; A/E 1 / 0.6 = 1.67; P/L 0.50; ROI 25.00
--      last run 06-25, last win 06-25: 5 and 5 days
begin;
select plan(22);

-- The fixture (the same in every statistics_*.test.sql file): three resulted races and one
-- declared race; every row is dated 2025-01-01 (updated_at), long before any refresh.
--   rac_1 2025-05-01  dead heat for first: hrs_1 (a, x, p) 1st SP 5.0 and hrs_2 (b, y, q) 1st
--                     SP 10.0; hrs_3 (c, x, p) 3rd SP 2.0 (EvensF); hrs_4 (-, y, q) non-runner.
--   rac_2 2025-06-10  joint favourites at 6/4 (2.5): hrs_5 (b, x, q) won, hrs_1 (a, x, p) 2nd;
--                     hrs_3 (c, y, p) pulled up SP 8.0; hrs_8 (-, x, q) non-runner by its code NR.
--   rac_3 2025-06-25  hrs_2 (a, y, q) won without an SP; hrs_5 (b, x, p) 4th SP 4.0; hrs_6
--                     (c, x, q) unseated SP 5.0; hrs_7 (-, y, p) no position and no code.
--   rac_4 2025-07-05  declared only (no result): hrs_1 (a, x, p), hrs_2 (b, y, q).
-- Jockey d has no runner at all.
insert into ra_mst_jockeys (id, name) values
  ('jky_a', 'Jockey A'), ('jky_b', 'Jockey B'), ('jky_c', 'Jockey C'), ('jky_d', 'Jockey D');
insert into ra_mst_trainers (id, name) values ('trn_x', 'Trainer X'), ('trn_y', 'Trainer Y');
insert into ra_mst_owners (id, name) values ('own_p', 'Owner P'), ('own_q', 'Owner Q');
insert into ra_mst_horses (id)
select 'hrs_' || n from generate_series(1, 8) n;
insert into ra_mst_races (id, race_date, off_dt, has_result, updated_at) values
  ('rac_1', '2025-05-01', '2025-05-01 14:00+01', true, '2025-01-01'),
  ('rac_2', '2025-06-10', '2025-06-10 15:00+01', true, '2025-01-01'),
  ('rac_3', '2025-06-25', '2025-06-25 16:00+01', true, '2025-01-01'),
  ('rac_4', '2025-07-05', '2025-07-05 17:00+01', null, '2025-01-01');
insert into ra_mst_runners (race_id, horse_id, jockey_id, trainer_id, owner_id, is_non_runner,
                            position, finish_status, starting_price, starting_price_decimal,
                            sp_favourite, updated_at) values
  ('rac_1', 'hrs_1', 'jky_a', 'trn_x', 'own_p', null, 1, null, '4/1', 5.0, null, '2025-01-01'),
  ('rac_1', 'hrs_2', 'jky_b', 'trn_y', 'own_q', null, 1, null, '9/1', 10.0, null, '2025-01-01'),
  ('rac_1', 'hrs_3', 'jky_c', 'trn_x', 'own_p', null, 3, null, 'EvensF', 2.0, 'F', '2025-01-01'),
  ('rac_1', 'hrs_4', null, 'trn_y', 'own_q', true, null, null, null, null, null, '2025-01-01'),
  ('rac_2', 'hrs_1', 'jky_a', 'trn_x', 'own_p', null, 2, null, '6/4J', 2.5, 'J', '2025-01-01'),
  ('rac_2', 'hrs_5', 'jky_b', 'trn_x', 'own_q', null, 1, null, '6/4J', 2.5, 'J', '2025-01-01'),
  ('rac_2', 'hrs_3', 'jky_c', 'trn_y', 'own_p', null, null, 'PU', '7/1', 8.0, null, '2025-01-01'),
  ('rac_2', 'hrs_8', null, 'trn_x', 'own_q', null, null, 'NR', null, null, null, '2025-01-01'),
  ('rac_3', 'hrs_2', 'jky_a', 'trn_y', 'own_q', null, 1, null, null, null, null, '2025-01-01'),
  ('rac_3', 'hrs_5', 'jky_b', 'trn_x', 'own_p', null, 4, null, '3/1', 4.0, null, '2025-01-01'),
  ('rac_3', 'hrs_6', 'jky_c', 'trn_x', 'own_q', null, null, 'UR', '4/1', 5.0, null, '2025-01-01'),
  ('rac_3', 'hrs_7', null, 'trn_y', 'own_p', null, null, null, null, null, null, '2025-01-01'),
  ('rac_4', 'hrs_1', 'jky_a', 'trn_x', 'own_p', null, null, null, null, null, null, '2025-01-01'),
  ('rac_4', 'hrs_2', 'jky_b', 'trn_y', 'own_q', null, null, null, null, null, null, '2025-01-01');

select results_eq(
  $$ select function_name, mode, status, rows_written, summary -> 'people_recomputed',
            finished_at is not null
     from ra_private.refresh_statistics(full => true, as_of => '2025-06-30') $$,
  $$ values ('refresh-statistics', 'full', 'succeeded', 8, '8'::jsonb, true) $$,
  'refresh_statistics(full) recomputes the 8 people, writes them and returns its ra_sync_runs row');
select results_eq(
  $$ select function_name, status, rows_written from ra_sync_runs $$,
  $$ values ('refresh-statistics', 'succeeded', 8) $$,
  'the refresh is recorded in ra_sync_runs');

-- Jockeys ---------------------------------------------------------------------------------------

select results_eq(
  $$ select jockey_id, total_runs, total_wins, total_places, total_seconds, total_thirds, win_percent,
            place_percent
     from ra_jockey_statistics order by jockey_id $$,
  $$ values ('jky_a', 3, 2, 3, 1, 0, 66.67, 100.00),
            ('jky_b', 3, 2, 2, 0, 0, 66.67, 66.67),
            ('jky_c', 3, 0, 1, 0, 1, 0.00, 33.33),
            ('jky_d', 0, 0, 0, 0, 0, null::numeric, null::numeric) $$,
  'jockeys: career runs, wins, places, seconds, thirds, win % and place %');
select results_eq(
  $$ select jockey_id, expected_wins, ae_index, profit_loss_1u, roi_percent from ra_jockey_statistics order by jockey_id $$,
  $$ values ('jky_a', 0.60, 1.67, 0.50, 25.00),
            ('jky_b', 0.75, 2.67, 4.50, 150.00),
            ('jky_c', 0.83, 0.00, -3.00, -100.00),
            ('jky_d', null::numeric, null::numeric, null::numeric, null::numeric) $$,
  'jockeys: career expected wins, A/E, P/L and ROI');
select results_eq(
  $$ select jockey_id, recent_14d_runs, recent_14d_wins, recent_14d_places, recent_14d_seconds,
            recent_14d_thirds, recent_14d_win_percent, recent_14d_place_percent,
            recent_14d_expected_wins, recent_14d_ae_index, recent_14d_profit_loss_1u,
            recent_14d_roi_percent
     from ra_jockey_statistics order by jockey_id $$,
  $$ values ('jky_a', 1, 1, 1, 0, 0, 100.00, 100.00, null::numeric, null::numeric, null::numeric, null::numeric),
            ('jky_b', 1, 0, 0, 0, 0, 0.00, 0.00, 0.25, 0.00, -1.00, -100.00),
            ('jky_c', 1, 0, 0, 0, 0, 0.00, 0.00, 0.20, 0.00, -1.00, -100.00),
            ('jky_d', 0, 0, 0, 0, 0, null, null, null, null, null, null) $$,
  'jockeys: last 14 days (a run without an SP leaves A/E null)');
select results_eq(
  $$ select jockey_id, recent_30d_runs, recent_30d_wins, recent_30d_places, recent_30d_seconds,
            recent_30d_thirds, recent_30d_win_percent, recent_30d_place_percent,
            recent_30d_expected_wins, recent_30d_ae_index, recent_30d_profit_loss_1u,
            recent_30d_roi_percent
     from ra_jockey_statistics order by jockey_id $$,
  $$ values ('jky_a', 2, 1, 2, 1, 0, 50.00, 100.00, 0.40, 0.00, -1.00, -100.00),
            ('jky_b', 2, 1, 1, 0, 0, 50.00, 50.00, 0.65, 1.54, 0.50, 25.00),
            ('jky_c', 2, 0, 0, 0, 0, 0.00, 0.00, 0.33, 0.00, -2.00, -100.00),
            ('jky_d', 0, 0, 0, 0, 0, null::numeric, null::numeric, null::numeric, null::numeric, null::numeric, null::numeric) $$,
  'jockeys: last 30 days');
select results_eq(
  $$ select jockey_id, last_run_date, last_win_date, days_since_last_run, days_since_last_win,
            statistics_as_of
     from ra_jockey_statistics order by jockey_id $$,
  $$ values ('jky_a', '2025-06-25'::date, '2025-06-25'::date, 5, 5, '2025-06-30'::date),
            ('jky_b', '2025-06-25'::date, '2025-06-10'::date, 5, 20, '2025-06-30'::date),
            ('jky_c', '2025-06-25'::date, null::date, 5, null::integer, '2025-06-30'::date),
            ('jky_d', null::date, null::date, null::integer, null::integer, '2025-06-30'::date) $$,
  'jockeys: last run and win dates, days since each, reference date');

-- Trainers --------------------------------------------------------------------------------------

select results_eq(
  $$ select trainer_id, total_runs, total_wins, total_places, total_seconds, total_thirds, win_percent,
            place_percent
     from ra_trainer_statistics order by trainer_id $$,
  $$ values ('trn_x', 6, 2, 4, 1, 1, 33.33, 66.67),
            ('trn_y', 3, 2, 2, 0, 0, 66.67, 66.67) $$,
  'trainers: career counts (non-runners and the runner without a result are not runs)');
select results_eq(
  $$ select trainer_id, expected_wins, ae_index, profit_loss_1u, roi_percent from ra_trainer_statistics order by trainer_id $$,
  $$ values ('trn_x', 1.95, 1.03, -1.00, -16.67),
            ('trn_y', 0.23, 4.44, 3.00, 150.00) $$,
  'trainers: career expected wins, A/E (a winner without an SP is not in it), P/L and ROI');
select results_eq(
  $$ select trainer_id, recent_14d_runs, recent_14d_wins, recent_14d_places, recent_14d_seconds,
            recent_14d_thirds, recent_14d_win_percent, recent_14d_place_percent,
            recent_14d_expected_wins, recent_14d_ae_index, recent_14d_profit_loss_1u,
            recent_14d_roi_percent
     from ra_trainer_statistics order by trainer_id $$,
  $$ values ('trn_x', 2, 0, 0, 0, 0, 0.00, 0.00, 0.45, 0.00, -2.00, -100.00),
            ('trn_y', 1, 1, 1, 0, 0, 100.00, 100.00, null::numeric, null::numeric, null::numeric, null::numeric) $$,
  'trainers: last 14 days');
select results_eq(
  $$ select trainer_id, recent_30d_runs, recent_30d_wins, recent_30d_places, recent_30d_seconds,
            recent_30d_thirds, recent_30d_win_percent, recent_30d_place_percent,
            recent_30d_expected_wins, recent_30d_ae_index, recent_30d_profit_loss_1u,
            recent_30d_roi_percent
     from ra_trainer_statistics order by trainer_id $$,
  $$ values ('trn_x', 4, 1, 2, 1, 0, 25.00, 50.00, 1.25, 0.80, -1.50, -37.50),
            ('trn_y', 2, 1, 1, 0, 0, 50.00, 50.00, 0.13, 0.00, -1.00, -100.00) $$,
  'trainers: last 30 days');
select results_eq(
  $$ select trainer_id, last_run_date, last_win_date, days_since_last_run, days_since_last_win,
            statistics_as_of
     from ra_trainer_statistics order by trainer_id $$,
  $$ values ('trn_x', '2025-06-25'::date, '2025-06-10'::date, 5, 20, '2025-06-30'::date),
            ('trn_y', '2025-06-25'::date, '2025-06-25'::date, 5, 5, '2025-06-30'::date) $$,
  'trainers: last run and win dates, days since each');

-- Owners ----------------------------------------------------------------------------------------

select results_eq(
  $$ select owner_id, total_runs, total_wins, total_places, total_seconds, total_thirds, win_percent,
            place_percent, total_horses
     from ra_owner_statistics order by owner_id $$,
  $$ values ('own_p', 5, 1, 3, 1, 1, 20.00, 60.00, 3),
            ('own_q', 4, 3, 3, 0, 0, 75.00, 75.00, 3) $$,
  'owners: career counts and distinct horses that ran');
select results_eq(
  $$ select owner_id, expected_wins, ae_index, profit_loss_1u, roi_percent from ra_owner_statistics order by owner_id $$,
  $$ values ('own_p', 1.48, 0.68, -2.50, -50.00),
            ('own_q', 0.70, 2.86, 4.50, 150.00) $$,
  'owners: career expected wins, A/E, P/L and ROI');
select results_eq(
  $$ select owner_id, recent_14d_runs, recent_14d_wins, recent_14d_places, recent_14d_seconds,
            recent_14d_thirds, recent_14d_win_percent, recent_14d_place_percent,
            recent_14d_expected_wins, recent_14d_ae_index, recent_14d_profit_loss_1u,
            recent_14d_roi_percent
     from ra_owner_statistics order by owner_id $$,
  $$ values ('own_p', 1, 0, 0, 0, 0, 0.00, 0.00, 0.25, 0.00, -1.00, -100.00),
            ('own_q', 2, 1, 1, 0, 0, 50.00, 50.00, 0.20, 0.00, -1.00, -100.00) $$,
  'owners: last 14 days');
select results_eq(
  $$ select owner_id, recent_30d_runs, recent_30d_wins, recent_30d_places, recent_30d_seconds,
            recent_30d_thirds, recent_30d_win_percent, recent_30d_place_percent,
            recent_30d_expected_wins, recent_30d_ae_index, recent_30d_profit_loss_1u,
            recent_30d_roi_percent
     from ra_owner_statistics order by owner_id $$,
  $$ values ('own_p', 3, 0, 1, 1, 0, 0.00, 33.33, 0.78, 0.00, -3.00, -100.00),
            ('own_q', 3, 2, 2, 0, 0, 66.67, 66.67, 0.60, 1.67, 0.50, 25.00) $$,
  'owners: last 30 days');
select results_eq(
  $$ select owner_id, last_run_date, last_win_date, days_since_last_run, days_since_last_win,
            statistics_as_of
     from ra_owner_statistics order by owner_id $$,
  $$ values ('own_p', '2025-06-25'::date, '2025-05-01'::date, 5, 60, '2025-06-30'::date),
            ('own_q', '2025-06-25'::date, '2025-06-25'::date, 5, 5, '2025-06-30'::date) $$,
  'owners: last run and win dates, days since each');

-- Run again: nothing changes --------------------------------------------------------------------

create temporary table before_jockeys as select * from ra_jockey_statistics;
create temporary table before_trainers as select * from ra_trainer_statistics;
create temporary table before_owners as select * from ra_owner_statistics;

select results_eq(
  $$ select mode, status, rows_written, summary -> 'people_recomputed'
     from ra_private.refresh_statistics(full => true, as_of => '2025-06-30') $$,
  $$ values ('full', 'succeeded', 0, '8'::jsonb) $$,
  'a second full refresh recomputes everyone and writes nothing');
select results_eq(
  $$ select mode, status, rows_written, summary -> 'people_recomputed'
     from ra_private.refresh_statistics(as_of => '2025-06-30') $$,
  $$ values ('incremental', 'succeeded', 0, '0'::jsonb) $$,
  'an incremental refresh with nothing new recomputes nobody and writes nothing');
select results_eq(
  $$ select * from ra_jockey_statistics order by jockey_id $$,
  $$ select * from before_jockeys order by jockey_id $$,
  'jockey statistics are unchanged by the second refresh');
select results_eq(
  $$ select * from ra_trainer_statistics order by trainer_id $$,
  $$ select * from before_trainers order by trainer_id $$,
  'trainer statistics are unchanged by the second refresh');
select results_eq(
  $$ select * from ra_owner_statistics order by owner_id $$,
  $$ select * from before_owners order by owner_id $$,
  'owner statistics are unchanged by the second refresh');

select * from finish();
rollback;
