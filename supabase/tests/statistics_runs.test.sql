-- ra_private.runs, the one definition of a run that every statistic reads: a runner with a
-- position or a non-finish code in a resulted race; non-runners (marker or code NR), void races,
-- unplaced runners without a code and declared races are not runs. Win, place, second, third and
-- the SP columns (A/E and P/L terms) per run.
begin;
select plan(4);

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
-- Beside the fixture: a resulted race with a stored SP of 1.0 (no price) and a void race.
insert into ra_mst_races (id, race_date, has_result) values ('rac_8', '2025-06-01', true);
insert into ra_mst_runners (race_id, horse_id, jockey_id, position, finish_status,
                            starting_price_decimal) values
  ('rac_8', 'hrs_1', 'jky_a', 2, null, 1.0),
  ('rac_8', 'hrs_2', 'jky_b', null, 'VOI', 3.0);

select results_eq(
  $$ select race_id, horse_id, run_date, is_win, is_place, is_second, is_third
     from ra_private.runs order by race_id, horse_id $$,
  $$ values ('rac_1', 'hrs_1', '2025-05-01'::date, true, true, false, false),
            ('rac_1', 'hrs_2', '2025-05-01'::date, true, true, false, false),
            ('rac_1', 'hrs_3', '2025-05-01'::date, false, true, false, true),
            ('rac_2', 'hrs_1', '2025-06-10'::date, false, true, true, false),
            ('rac_2', 'hrs_3', '2025-06-10'::date, false, false, false, false),
            ('rac_2', 'hrs_5', '2025-06-10'::date, true, true, false, false),
            ('rac_3', 'hrs_2', '2025-06-25'::date, true, true, false, false),
            ('rac_3', 'hrs_5', '2025-06-25'::date, false, false, false, false),
            ('rac_3', 'hrs_6', '2025-06-25'::date, false, false, false, false),
            ('rac_8', 'hrs_1', '2025-06-01'::date, false, true, true, false) $$,
  'runs: both dead-heaters win, pulled up and unseated run, non-runners, the void runner, the unplaced runner without a code and the declared race do not');

select results_eq(
  $$ select race_id, horse_id, sp_decimal, sp_actual_win, sp_expected_win, sp_profit
     from ra_private.runs order by race_id, horse_id $$,
  $$ values ('rac_1', 'hrs_1', 5.0, 1, 0.2, 1.5),
            ('rac_1', 'hrs_2', 10.0, 1, 0.1, 4.0),
            ('rac_1', 'hrs_3', 2.0, 0, 0.5, -1.0),
            ('rac_2', 'hrs_1', 2.5, 0, 0.4, -1.0),
            ('rac_2', 'hrs_3', 8.0, 0, 0.125, -1.0),
            ('rac_2', 'hrs_5', 2.5, 1, 0.4, 1.5),
            ('rac_3', 'hrs_2', null::numeric, null::integer, null::numeric, null::numeric),
            ('rac_3', 'hrs_5', 4.0, 0, 0.25, -1.0),
            ('rac_3', 'hrs_6', 5.0, 0, 0.2, -1.0),
            ('rac_8', 'hrs_1', null, null, null, null) $$,
  'runs: 1 / SP and level-stakes return per run with an SP (each dead-heater at half its SP: 5.0 / 2 - 1, 10.0 / 2 - 1); null without an SP or with an SP of 1 or less');

select is(ra_private.percent_of(2, 3), 66.67, 'percent_of() rounds to 2 decimals');
select results_eq(
  $$ values (ra_private.percent_of(1, 0), ra_private.ae_index(1, null), ra_private.ae_index(0, 0.825),
             ra_private.roi_percent(9.5, 3), ra_private.roi_percent(null, 0)) $$,
  $$ values (null::numeric, null::numeric, 0.00, 316.67, null::numeric) $$,
  'formulas: no runs or no SP gives null, not zero; A/E of no winners is 0');

select * from finish();
rollback;
