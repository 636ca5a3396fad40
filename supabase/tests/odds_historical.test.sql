-- ra_odds_historical and the each-way rules: SP favourite rank with joint favourites, UK each-way
-- terms by runners and handicap, 1-unit returns at SP (winner, placed, unplaced, dead heat, no
-- SP) and the pre-off price summary from ra_odds_history. Every expected value is worked out in
-- the comments.
begin;
select plan(8);

-- Each-way terms: under 5 runners none; 5-7 two places at 1/4; 8+ three at 1/5; handicaps of
-- 12-15 three at 1/4 and of 16+ four at 1/4.
select results_eq(
  $$ select n, h, ra_private.each_way_places(n, h), ra_private.each_way_denom(n, h)
     from (values (4, false), (4, true), (6, false), (6, true), (10, false), (10, true),
                  (14, false), (14, true), (18, false), (18, true)) t(n, h) $$,
  $$ values (4, false, null::integer, null::integer), (4, true, null, null),
            (6, false, 2, 4), (6, true, 2, 4), (10, false, 3, 5), (10, true, 3, 5),
            (14, false, 3, 5), (14, true, 3, 4), (18, false, 3, 5), (18, true, 4, 4) $$,
  'each-way terms for 4, 6, 10, 14 and 18 runners, handicap and not');

select ok(ra_private.is_handicap('Sky Bet Handicap (Class 4)') and ra_private.is_handicap('Novices'' H''cap')
  and not ra_private.is_handicap('Maiden Stakes (GBB Race)'), 'handicaps are known by their name');

insert into ra_mst_bookmakers (id) values ('bet365'), ('coral');
insert into ra_mst_horses (id) select 'hrs_' || n from generate_series(1, 7) n;
-- rac_a: 6 ran (hrs_7 a non-runner), not a handicap: 2 places at 1/4.
-- rac_c: a handicap with 5 runners, dead heat for first: 2 places at 1/4.
insert into ra_mst_races (id, race_name, race_date, off_dt, has_result) values
  ('rac_a', 'Maiden Stakes', '2025-10-13', '2025-10-13 14:00Z', true),
  ('rac_c', 'Sprint Handicap', '2025-10-13', '2025-10-13 15:00Z', true);
insert into ra_mst_runners (race_id, horse_id, is_non_runner, position, finish_status,
                            starting_price, starting_price_decimal) values
  ('rac_a', 'hrs_1', null, 1, null, '2/1J', 3.0),
  ('rac_a', 'hrs_2', null, 2, null, '2/1J', 3.0),
  ('rac_a', 'hrs_3', null, 3, null, '4/1', 5.0),
  ('rac_a', 'hrs_4', null, 4, null, '8/1', 9.0),
  ('rac_a', 'hrs_5', null, null, 'PU', '10/1', 11.0),
  ('rac_a', 'hrs_6', null, 5, null, null, null),
  ('rac_a', 'hrs_7', true, null, null, null, null),
  ('rac_c', 'hrs_1', null, 1, null, '3/1', 4.0),
  ('rac_c', 'hrs_2', null, 1, null, '5/1', 6.0),
  ('rac_c', 'hrs_3', null, 3, null, '2/1F', 3.0),
  ('rac_c', 'hrs_4', null, 4, null, '7/1', 8.0),
  ('rac_c', 'hrs_5', null, 5, null, '9/1', 10.0);

-- rac_a hrs_1 at two books; the 14:10 price is after the off and never counts.
insert into ra_odds_history (race_id, horse_id, bookmaker_id, changed_at, odds_decimal,
                             odds_fractional, source, fetched_at) values
  ('rac_a', 'hrs_1', 'bet365', '2025-10-13 10:00Z', 3.5, '5/2', 'racecard', now()),
  ('rac_a', 'hrs_1', 'bet365', '2025-10-13 12:00Z', 3.25, '9/4', 'racecard', now()),
  ('rac_a', 'hrs_1', 'bet365', '2025-10-13 14:10Z', 3.0, '2/1', 'racecard', now()),
  ('rac_a', 'hrs_1', 'coral', '2025-10-13 10:00Z', 4.0, '3/1', 'racecard', now()),
  ('rac_a', 'hrs_1', 'coral', '2025-10-13 13:00Z', 3.0, '2/1', 'racecard', now()),
  ('rac_a', 'hrs_1', 'coral', '2025-10-13 13:30Z', null, '-', 'racecard', now());

-- Ranks are dense: the joint favourites at 3.0 are 1, 5.0 is 2, 9.0 is 3, 11.0 is 4; no SP, no rank.
select results_eq(
  $$ select horse_id, runners, sp_favourite_rank, ew_places, ew_denom from ra_odds_historical
     where race_id = 'rac_a' order by horse_id $$,
  $$ values ('hrs_1', 6, 1, 2, 4), ('hrs_2', 6, 1, 2, 4), ('hrs_3', 6, 2, 2, 4),
            ('hrs_4', 6, 3, 2, 4), ('hrs_5', 6, 4, 2, 4), ('hrs_6', 6, null, 2, 4) $$,
  'joint favourites share rank 1; the non-runner is not counted: 6 runners, 2 places at 1/4');

-- 1-unit returns, stake included. Place part at 1/4: 1 + (SP - 1) / 4.
--   hrs_1 won at 3.0: win 3.0; place 1 + 2/4 = 1.5; each-way 4.5.
--   hrs_2 2nd at 3.0: win 0; place 1.5; each-way 1.5.
--   hrs_3 3rd at 5.0: two places only, so 0, 0, 0. hrs_5 pulled up: 0, 0, 0.
--   hrs_6 no SP: nulls.
select results_eq(
  $$ select horse_id, win_return, place_return, each_way_return from ra_odds_historical
     where race_id = 'rac_a' order by horse_id $$,
  $$ values ('hrs_1', 3.0, 1.5, 4.5), ('hrs_2', 0, 1.5, 1.5), ('hrs_3', 0, 0, 0),
            ('hrs_4', 0, 0, 0), ('hrs_5', 0, 0, 0), ('hrs_6', null, null, null) $$,
  'returns of a winner, a placed horse, losers and a runner without SP');

-- Dead heat for first (handicap, 5 runners: 2 places at 1/4). The win stake is halved:
--   hrs_1 at 4.0: win 4.0 / 2 = 2.0; both dead-heaters are within 2 places, so the place part is
--   paid in full: 1 + 3/4 = 1.75; each-way 3.75.
--   hrs_2 at 6.0: win 3.0; place 1 + 5/4 = 2.25; each-way 5.25.
--   hrs_3 3rd: nothing (2 places).
select results_eq(
  $$ select horse_id, win_return, place_return, each_way_return from ra_odds_historical
     where race_id = 'rac_c' and horse_id in ('hrs_1', 'hrs_2', 'hrs_3') order by horse_id $$,
  $$ values ('hrs_1', 2.0, 1.75, 3.75), ('hrs_2', 3.0, 2.25, 5.25), ('hrs_3', 0, 0, 0) $$,
  'a dead heat for first halves the win part');

select is(ra_private.dead_heat_share(2, 2, 2), 0.5,
  'a two-way dead heat for the last paid place pays half');

-- hrs_1 in rac_a, prices before the 14:00 off: bet365 3.5 (10:00), 3.25 (12:00); coral 4.0
-- (10:00), 3.0 (13:00), "-" (13:30). Opening: 10:00, the longer of 3.5 and 4.0 = 4.0. Closing:
-- the last priced change, coral 3.0 at 13:00. Min 3.0, max 4.0, mean (3.5 + 3.25 + 4.0 + 3.0) / 4
-- = 3.4375 → 3.438. Moves: 4 priced changes - 2 books = 2. Best at the off: bet365's last is
-- 3.25, coral's last is "-" (no price): 3.25 at bet365.
select results_eq(
  $$ select opening_decimal, closing_decimal, pre_off_min, pre_off_max, pre_off_mean, moves,
            best_decimal, best_bookmaker_id
     from ra_odds_historical where race_id = 'rac_a' and horse_id = 'hrs_1' $$,
  $$ values (4.000::numeric(10,3), 3.000::numeric(10,3), 3.000::numeric(10,3), 4.000::numeric(10,3),
             3.438, 2, 3.250::numeric(10,3), 'bet365') $$,
  'opening, closing, range, moves and the best price at the off, from history before the off');

select is((select count(*)::integer from ra_odds_historical where opening_decimal is null), 10,
  'runners without price history have no opening price (and still a row)');
select * from finish();
rollback;
