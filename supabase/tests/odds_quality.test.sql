-- The odds checks of ra_data_quality: a race close to its off without a recent price fetch fails
-- odds_freshness until it is fetched; prices from a book no seeded entry matched warn.
begin;
select plan(7);

insert into ra_mst_races (id, race_date, off_dt, region) values
  ('rac_soon', current_date, now() + interval '10 minutes', 'GB'),
  ('rac_later', current_date, now() + interval '3 hours', 'GB'),
  ('rac_abroad', current_date, now() + interval '5 minutes', 'FR');

select results_eq(
  $$ select status from ra_private.quality_odds() where "check" = 'odds_freshness' $$,
  array['fail'], 'a GB race 10 minutes from its off, never fetched: fail');
select ok(
  (select detail from ra_private.quality_odds() where "check" = 'odds_freshness') like '%rac_soon%'
  and (select detail from ra_private.quality_odds() where "check" = 'odds_freshness') not like '%rac_abroad%',
  'the detail names the race (and not the French one)');

insert into ra_odds_fetches (race_id, fetched_at) values ('rac_soon', now() - interval '1 minute');
select results_eq(
  $$ select status from ra_private.quality_odds() where "check" = 'odds_freshness' $$,
  array['ok'], 'fetched a minute ago: ok');

insert into ra_mst_horses (id) values ('hrs_1');
insert into ra_mst_runners (race_id, horse_id) values ('rac_soon', 'hrs_1');
select is(ra_private.write_odds(array['rac_soon'], jsonb_build_array(jsonb_build_object(
  'race_id', 'rac_soon', 'horse_id', 'hrs_1', 'bookmaker', 'Fitzdares', 'odds_decimal', 5,
  'odds_fractional', '4/1', 'changed_at', now() - interval '2 minutes')), '[]', now())
  ->> 'new_bookmakers', '1', 'an unknown spelling becomes a book, its price kept');
select results_eq(
  $$ select status from ra_private.quality_odds() where "check" = 'odds_bookmakers' $$,
  array['warn'], 'prices from a book no seeded entry matched: warn');
update ra_mst_bookmakers set type = 'online' where id = 'fitzdares';
select results_eq(
  $$ select status from ra_private.quality_odds() where "check" = 'odds_bookmakers' $$,
  array['ok'], 'once the book is named in the seed list: ok');
select ok(exists (select 1 from ra_data_quality where "check" = 'odds_freshness'),
  'ra_data_quality shows the odds checks');
select * from finish();
rollback;
