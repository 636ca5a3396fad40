-- ra_private.write_odds: live prices change only on a new price, history gets each change once
-- at the API's time, an older price never replaces a newer one, spellings fold to one book, an
-- unknown book is created (its price kept), movements add only what polling missed, and
-- keep_bookmakers limits what is stored.
begin;
select plan(16);

insert into ra_mst_bookmakers (id, name, type, is_active) values
  ('bet365', 'Bet365', 'online', true), ('spreadex', 'Spreadex', 'spread', true),
  ('coral', 'Coral', 'online', true);
insert into ra_mst_bookmaker_aliases (alias, bookmaker_id) values
  ('Bet365', 'bet365'), ('Spreadex', 'spreadex'), ('Coral', 'coral');
insert into ra_mst_horses (id) values ('hrs_1'), ('hrs_2');
insert into ra_mst_races (id, race_date, off_dt, region) values
  ('rac_w', '2025-10-13', '2025-10-13 15:00+01', 'GB');
insert into ra_mst_runners (race_id, horse_id) values ('rac_w', 'hrs_1'), ('rac_w', 'hrs_2');

create temporary table calls (n integer primary key, answer jsonb);

insert into calls values (1, ra_private.write_odds(array['rac_w'], $$[
  {"race_id":"rac_w","horse_id":"hrs_1","bookmaker":"Bet365","odds_decimal":5,"odds_fractional":"4/1","is_sp":false,"ew_places":3,"ew_denom":5,"changed_at":"2025-10-13T09:00:00Z"},
  {"race_id":"rac_w","horse_id":"hrs_1","bookmaker":"Spread Ex","odds_decimal":5.5,"odds_fractional":"9/2","is_sp":false,"ew_places":null,"ew_denom":null,"changed_at":"2025-10-13T09:01:00Z"},
  {"race_id":"rac_w","horse_id":"hrs_1","bookmaker":"Fitzdares","odds_decimal":null,"odds_fractional":"SP","is_sp":true,"ew_places":null,"ew_denom":null,"changed_at":"2025-10-13T09:02:00Z"},
  {"race_id":"rac_w","horse_id":"hrs_2","bookmaker":"Bet365","odds_decimal":null,"odds_fractional":"-","is_sp":false,"ew_places":null,"ew_denom":null,"changed_at":"2025-10-13T09:03:00Z"}
]$$, '[]', '2025-10-13 09:05:00Z'));

select is((select answer from calls where n = 1),
  '{"live": 4, "history": 4, "movements": 0, "new_bookmakers": 1}'::jsonb,
  'first fetch: four live rows, four history rows, one new book');
select is((select bookmaker_id from ra_mst_bookmaker_aliases where alias = 'Spread Ex'), 'spreadex',
  '"Spread Ex" folds to spreadex and is kept as an alias');
select results_eq($$ select id, name, is_active from ra_mst_bookmakers where id = 'fitzdares' $$,
  $$ values ('fitzdares', 'Fitzdares', true) $$, 'an unknown name becomes a book of its own');
select results_eq(
  $$ select bookmaker_id, odds_decimal, odds_fractional, is_sp, changed_at from ra_odds_live
     where horse_id = 'hrs_1' order by bookmaker_id $$,
  $$ values ('bet365', 5.000, '4/1', false, '2025-10-13 09:00Z'::timestamptz),
            ('fitzdares', null, 'SP', true, '2025-10-13 09:02Z'),
            ('spreadex', 5.500, '9/2', false, '2025-10-13 09:01Z') $$,
  'live rows keep the decimal, the text as given and the SP marker');

insert into calls values (2, ra_private.write_odds(array['rac_w'], $$[
  {"race_id":"rac_w","horse_id":"hrs_1","bookmaker":"Bet365","odds_decimal":5,"odds_fractional":"4/1","is_sp":false,"ew_places":3,"ew_denom":5,"changed_at":"2025-10-13T09:00:00Z"}
]$$, '[]', '2025-10-13 09:06:00Z'));
select is((select answer from calls where n = 2),
  '{"live": 0, "history": 0, "movements": 0, "new_bookmakers": 0}'::jsonb,
  'the same prices again write nothing');

insert into calls values (3, ra_private.write_odds(array['rac_w'], $$[
  {"race_id":"rac_w","horse_id":"hrs_1","bookmaker":"Bet365","odds_decimal":4.5,"odds_fractional":"7/2","is_sp":false,"ew_places":3,"ew_denom":5,"changed_at":"2025-10-13T09:10:00Z"}
]$$, '[]', '2025-10-13 09:11:00Z'));
select is((select answer from calls where n = 3),
  '{"live": 1, "history": 1, "movements": 0, "new_bookmakers": 0}'::jsonb,
  'a new price: one live update, one history row');

insert into calls values (4, ra_private.write_odds(array['rac_w'], $$[
  {"race_id":"rac_w","horse_id":"hrs_1","bookmaker":"Bet365","odds_decimal":6,"odds_fractional":"5/1","is_sp":false,"ew_places":3,"ew_denom":5,"changed_at":"2025-10-13T08:00:00Z"}
]$$, '[]', '2025-10-13 09:12:00Z'));
select is((select answer from calls where n = 4)->>'live', '0', 'an older price never replaces the live one');
select is((select odds_fractional from ra_odds_live where horse_id = 'hrs_1' and bookmaker_id = 'bet365'),
  '7/2', 'the live price stays the newest');

insert into calls values (5, ra_private.write_odds(array['rac_w'], $$[
  {"race_id":"rac_w","horse_id":"hrs_1","bookmaker":"Bet365","odds_decimal":4.5,"odds_fractional":"7/2","is_sp":false,"ew_places":3,"ew_denom":5,"changed_at":"2025-10-13T09:20:00Z"}
]$$, '[]', '2025-10-13 09:21:00Z'));
select is((select answer from calls where n = 5),
  '{"live": 0, "history": 0, "movements": 0, "new_bookmakers": 0}'::jsonb,
  'a newer stamp on the same price is not a change');

insert into calls values (6, ra_private.write_odds(array['rac_w'], '[]', $$[
  {"race_id":"rac_w","horse_id":"hrs_1","bookmaker":"Bet365","changed_at":"2025-10-13T08:30:00+00:00","odds_decimal":6,"odds_fractional":"5/1"},
  {"race_id":"rac_w","horse_id":"hrs_1","bookmaker":"Bet365","changed_at":"2025-10-13T10:00:00+01:00","odds_decimal":5,"odds_fractional":"4/1"},
  {"race_id":"rac_w","horse_id":"hrs_1","bookmaker":"bet 365","changed_at":"2025-10-13T10:10:00+01:00","odds_decimal":4.5,"odds_fractional":"7/2"}
]$$, '2025-10-13 15:05:00Z'));
select is((select answer from calls where n = 6),
  '{"live": 0, "history": 1, "movements": 1, "new_bookmakers": 0}'::jsonb,
  'movements add only the change polling missed (the same instants in another zone are the same rows)');
select results_eq(
  $$ select changed_at, odds_fractional, source from ra_odds_history
     where horse_id = 'hrs_1' and bookmaker_id = 'bet365' order by changed_at $$,
  $$ values ('2025-10-13 08:30Z'::timestamptz, '5/1', 'movements'),
            ('2025-10-13 09:00Z', '4/1', 'racecard'),
            ('2025-10-13 09:10Z', '7/2', 'racecard') $$,
  'the history of one runner at one book, in the API''s times');

insert into calls values (7, ra_private.write_odds(array['rac_w'], $$[
  {"race_id":"rac_w","horse_id":"hrs_2","bookmaker":"Coral","odds_decimal":3,"odds_fractional":"2/1","is_sp":false,"ew_places":3,"ew_denom":5,"changed_at":"2025-10-13T09:30:00Z"},
  {"race_id":"rac_w","horse_id":"hrs_2","bookmaker":"Bet365","odds_decimal":3,"odds_fractional":"2","is_sp":false,"ew_places":3,"ew_denom":5,"changed_at":"2025-10-13T09:30:00Z"}
]$$, '[]', '2025-10-13 09:31:00Z', array['bet365']));
select is((select answer from calls where n = 7),
  '{"live": 1, "history": 1, "movements": 0, "new_bookmakers": 0}'::jsonb,
  'keep_bookmakers stores only the books asked for');
select is((select count(*)::integer from ra_odds_live where bookmaker_id = 'coral'), 0,
  'nothing of a book not kept');

select results_eq(
  $$ select fetches, prices, changes, fetched_at from ra_odds_fetches where race_id = 'rac_w' $$,
  $$ values (7, 2, 7, '2025-10-13 15:05:00Z'::timestamptz) $$,
  'the race''s fetch state: every fetch counted, prices of the last, history rows over all');

select throws_ok(
  $$ select ra_private.write_odds(array['rac_w'], '[{"race_id":"rac_w","horse_id":"hrs_9","bookmaker":"Bet365","odds_decimal":2,"odds_fractional":"1/1","changed_at":"2025-10-13T09:00:00Z"}]', '[]', now()) $$,
  '23503', null, 'a price for a horse not in the race is refused (nothing half-written)');

select ok(ra_private.claim_odds_tick('00000000-0000-0000-0000-000000000001', 60)
  and not ra_private.claim_odds_tick('00000000-0000-0000-0000-000000000002', 60),
  'one odds tick at a time');
select * from finish();
rollback;
