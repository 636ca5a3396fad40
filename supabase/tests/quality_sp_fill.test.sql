-- fill:runner_sp measures placed runners with an SP over placed runners: a pulled-up runner's SP
-- never counts, so the share can never pass 100 %.
begin;
select plan(2);

insert into ra_mst_horses (id) select 'hrs_' || n from generate_series(1, 4) n;
insert into ra_mst_races (id, race_date, off_dt, has_result, distance_f) values
  ('rac_1', current_date - 1, now() - interval '1 day', true, 8);
insert into ra_mst_runners (race_id, horse_id, position, finish_status, starting_price_decimal) values
  ('rac_1', 'hrs_1', 1, null, 3.0),
  ('rac_1', 'hrs_2', 2, null, null),
  ('rac_1', 'hrs_3', null, 'PU', 9.0),
  ('rac_1', 'hrs_4', null, 'F', 11.0);

-- Placed: hrs_1 (SP) and hrs_2 (none): 1 of 2 = 50 %, under the 95 % minimum.
select results_eq(
  $$ select status from ra_private.quality_fill_rates() where "check" = 'fill:runner_sp' $$,
  array['fail'], 'one placed runner of two has an SP: fail');
select ok(
  (select detail from ra_private.quality_fill_rates() where "check" = 'fill:runner_sp')
    like '50.0% of 2 placed runners%',
  'the share is 50.0 % of 2 placed runners, not 150 %');
select * from finish();
rollback;
