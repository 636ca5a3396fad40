-- ra_private.refresh_statistics incremental: after new results, an incremental refresh
-- recomputes only the people they touched (plus, when the reference date moves, those with
-- runs near it, and people never computed) and leaves the tables exactly as a full refresh
-- would; a failed refresh is recorded as failed and changes no statistic.
begin;
select plan(12);

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

-- people_statistics: every row of the three statistics tables, for comparing refreshes.
create temporary view people_statistics as
  select 'jockey' as kind, to_jsonb(j) as row from ra_jockey_statistics j
  union all
  select 'trainer', to_jsonb(t) from ra_trainer_statistics t
  union all
  select 'owner', to_jsonb(o) from ra_owner_statistics o;
create temporary table after_incremental (kind text, row jsonb);

select is(
  (select status from ra_private.refresh_statistics(full => true, as_of => '2025-06-30')),
  'succeeded', 'a first full refresh as of 2025-06-30');

-- New results, written now (updated_at defaults to now()): rac_5 on 2025-07-02, ridden by a and b
-- and by a new jockey f (fell); a new jockey e with no runner at all.
insert into ra_mst_jockeys (id) values ('jky_e'), ('jky_f');
insert into ra_mst_races (id, race_date, has_result) values ('rac_5', '2025-07-02', true);
insert into ra_mst_runners (race_id, horse_id, jockey_id, trainer_id, owner_id, position,
                            finish_status, starting_price_decimal) values
  ('rac_5', 'hrs_1', 'jky_a', 'trn_x', 'own_p', 1, null, 4.0),
  ('rac_5', 'hrs_5', 'jky_b', 'trn_y', 'own_q', 2, null, 2.0),
  ('rac_5', 'hrs_6', 'jky_f', 'trn_x', 'own_q', null, 'F', 10.0);

-- As of 2025-07-03 the windows move: everyone with a run from 2025-05-31 to 2025-07-03 (a, b, c,
-- f, x, y, p, q) and the never computed e are recomputed; d only gets the new reference date.
select results_eq(
  $$ select mode, status, summary -> 'people_recomputed', rows_written
     from ra_private.refresh_statistics(as_of => '2025-07-03') $$,
  $$ values ('incremental', 'succeeded', '9'::jsonb, 10) $$,
  'an incremental refresh with a new date recomputes the 9 people near it and dates all 10');
select results_eq(
  $$ select jockey_id, total_runs, total_wins, profit_loss_1u, recent_14d_runs, last_win_date,
            days_since_last_win
     from ra_jockey_statistics where jockey_id in ('jky_a', 'jky_d', 'jky_e', 'jky_f')
     order by jockey_id $$,
  $$ values ('jky_a', 4, 3, 3.50, 2, '2025-07-02'::date, 1),
            ('jky_d', 0, 0, null::numeric, 0, null::date, null::integer),
            ('jky_e', 0, 0, null::numeric, 0, null::date, null::integer),
            ('jky_f', 1, 0, -1.00, 1, null::date, null::integer) $$,
  'the new results count: a won rac_5 at 4.0 (P/L 0.5 + 3 = 3.5; rac_1 was a dead heat), f fell (a run), e has none');
insert into after_incremental select * from people_statistics;
select results_eq(
  $$ select mode, rows_written from ra_private.refresh_statistics(full => true, as_of => '2025-07-03') $$,
  $$ values ('full', 0) $$,
  'a full refresh after it writes nothing');
select set_eq(
  $$ select * from people_statistics $$, $$ select * from after_incremental $$,
  'the incremental refresh left every statistic as the full refresh computes it');

-- Same date, one more result: only its jockey, trainer and owner are recomputed. rac_5's rows are
-- made old first, as they would be by the next day.
update ra_mst_runners set updated_at = '2025-01-01' where race_id = 'rac_5';
update ra_mst_races set updated_at = '2025-01-01' where id = 'rac_5';
insert into ra_mst_races (id, race_date, has_result) values ('rac_6', '2025-07-03', true);
insert into ra_mst_runners (race_id, horse_id, jockey_id, trainer_id, owner_id, position,
                            starting_price_decimal) values
  ('rac_6', 'hrs_7', 'jky_c', 'trn_y', 'own_p', 1, 3.0);
select results_eq(
  $$ select summary -> 'people_recomputed', rows_written
     from ra_private.refresh_statistics(as_of => '2025-07-03') $$,
  $$ values ('3'::jsonb, 3) $$,
  'an incremental refresh on the same date recomputes only c, y and p');
select results_eq(
  $$ select total_runs, total_wins, last_win_date from ra_jockey_statistics where jockey_id = 'jky_c' $$,
  $$ values (4, 1, '2025-07-03'::date) $$,
  'c''s win in rac_6 counts');
delete from after_incremental;
insert into after_incremental select * from people_statistics;
select results_eq(
  $$ select rows_written from ra_private.refresh_statistics(full => true, as_of => '2025-07-03') $$,
  $$ values (0) $$,
  'a full refresh after it writes nothing');
select set_eq(
  $$ select * from people_statistics $$, $$ select * from after_incremental $$,
  'the incremental refresh equals the full refresh');

-- A failing refresh: a constraint no refresh can meet makes the update fail.
alter table ra_owner_statistics add constraint no_statistics check (total_runs < 0) not valid;
select results_eq(
  $$ select mode, status, rows_written, error like '%no_statistics%', finished_at is not null
     from ra_private.refresh_statistics(full => true, as_of => '2025-07-10') $$,
  $$ values ('full', 'failed', 0, true, true) $$,
  'a refresh that fails is recorded as failed with its error');
select set_eq(
  $$ select * from people_statistics $$, $$ select * from after_incremental $$,
  'a failed refresh changes no statistic');
select is(
  (select last_as_of from ra_private.statistics_state), '2025-07-03'::date,
  'a failed refresh leaves the refresh state as it was');

select * from finish();
rollback;
