-- ra_private.refresh_people: first and last seen from the stored runners' race dates; the name
-- (and a trainer's location) from the runners of archived racecards and results, the latest race
-- date winning and the latest fetch breaking a tie; regions filter the archive; only rows that
-- change are written and counted, and nobody is added.
begin;
select plan(12);

insert into ra_mst_jockeys (id, name, first_seen_date, last_seen_date)
values ('jky_1', 'Old Name', null, null),
       ('jky_2', 'Stale Two', '2020-01-01', '2020-01-01'),
       ('jky_3', null, '2019-05-05', '2019-06-06'),
       ('jky_4', 'Four', '2022-01-01', '2022-02-02');
insert into ra_mst_trainers (id) values ('trn_1');
insert into ra_mst_owners (id, name) values ('own_1', 'Owner Old');
insert into ra_mst_horses (id) values ('hrs_1'), ('hrs_2');
insert into ra_mst_races (id, race_date, region)
values ('rac_1', '2024-03-01', 'gb'), ('rac_2', '2024-03-05', 'ire'), ('rac_3', null, 'gb');
insert into ra_mst_runners (race_id, horse_id, jockey_id, trainer_id, owner_id)
values ('rac_1', 'hrs_1', 'jky_1', 'trn_1', 'own_1'),
       ('rac_2', 'hrs_1', 'jky_1', 'trn_1', 'own_1'),
       ('rac_2', 'hrs_2', 'jky_2', 'trn_1', 'own_1'),
       ('rac_3', 'hrs_2', 'jky_2', null, null);

insert into ra_api_responses (endpoint, status, fetched_at, body)
values
  -- A GB result: the claim suffix goes from the jockey's name.
  ('/v1/results', 200, '2024-03-02 10:00Z',
   '{"results": [{"race_id": "rac_1", "date": "2024-03-01", "region": "GB", "runners": [
      {"jockey_id": "jky_1", "jockey": "Joe Bloggs(5)", "trainer_id": "trn_1",
       "trainer": "Tom Smith", "trainer_location": "Newmarket", "owner_id": "own_1",
       "owner": "Mr A Owner"}]}]}'),
  -- An Irish racecard, later: a dash is no location, a non-runner line no jockey name.
  ('/v1/racecards/pro', 200, '2024-03-04 10:00Z',
   '{"racecards": [{"race_id": "rac_2", "date": "2024-03-05", "region": "IRE", "runners": [
      {"jockey_id": "jky_1", "jockey": "Joseph Bloggs", "trainer_id": "trn_1",
       "trainer": " Tom Smith ", "trainer_location": "-", "owner_id": "own_1",
       "owner": "Mrs B Owner"},
      {"jockey_id": "jky_2", "jockey": "NON-RUNNER", "trainer_id": "trn_1",
       "trainer": "Tom Smith", "owner_id": "own_1", "owner": "Mrs B Owner"},
      {"jockey_id": "jky_3", "jockey": "Ann Three", "trainer_id": "", "trainer": "Nobody",
       "owner_id": "own_9", "owner": "Not Stored"}]}]}'),
  -- The same race's result, one race per answer, fetched later still: its owner name wins.
  ('/v1/results/rac_2', 200, '2024-03-06 10:00Z',
   '{"race_id": "rac_2", "date": "2024-03-05", "region": "IRE", "runners": [
      {"jockey_id": "jky_1", "jockey": "Joseph Bloggs", "owner_id": "own_1",
       "owner": "Mrs B Jones"}]}'),
  -- Not read: another endpoint, a failed answer, a date that is not ISO.
  ('/v1/horses/hrs_1/pro', 200, '2024-12-01 10:00Z',
   '{"date": "2024-12-01", "region": "GB", "runners": [{"jockey_id": "jky_1", "jockey": "Wrong Endpoint"}]}'),
  ('/v1/results', 500, '2024-12-02 10:00Z',
   '{"results": [{"date": "2024-12-01", "region": "GB", "runners": [{"jockey_id": "jky_1", "jockey": "Wrong Status"}]}]}'),
  ('/v1/results', 200, '2024-12-03 10:00Z',
   '{"results": [{"date": "2024-12-03T12:00", "region": "GB", "runners": [{"jockey_id": "jky_1", "jockey": "Wrong Date"}]}]}');

-- GB only ---------------------------------------------------------------------------------------

select results_eq(
  $$ select person_table, rows_changed from ra_private.refresh_people(array['gb']) $$,
  $$ values ('ra_mst_jockeys', 2), ('ra_mst_trainers', 1), ('ra_mst_owners', 1) $$,
  'refresh_people() counts the rows it changed per table');
select results_eq(
  $$ select id, name, first_seen_date, last_seen_date from ra_mst_jockeys order by id $$,
  $$ values ('jky_1', 'Joe Bloggs', '2024-03-01'::date, '2024-03-05'::date),
            ('jky_2', 'Stale Two', '2024-03-05'::date, '2024-03-05'::date),
            ('jky_3', null, '2019-05-05'::date, '2019-06-06'::date),
            ('jky_4', 'Four', '2022-01-01'::date, '2022-02-02'::date) $$,
  'refresh_people() sets first and last seen from stored runners of dated races, and names from the GB archive only');
select results_eq(
  $$ select id, name, location, first_seen_date, last_seen_date from ra_mst_trainers $$,
  $$ values ('trn_1', 'Tom Smith', 'Newmarket', '2024-03-01'::date, '2024-03-05'::date) $$,
  'refresh_people() sets a trainer''s name and location');
select results_eq(
  $$ select id, name, first_seen_date, last_seen_date from ra_mst_owners $$,
  $$ values ('own_1', 'Mr A Owner', '2024-03-01'::date, '2024-03-05'::date) $$,
  'refresh_people() sets an owner''s name and dates');
select results_eq(
  $$ select person_table, rows_changed from ra_private.refresh_people(array['gb']) $$,
  $$ values ('ra_mst_jockeys', 0), ('ra_mst_trainers', 0), ('ra_mst_owners', 0) $$,
  'refresh_people() run again changes nothing');

-- Every region ----------------------------------------------------------------------------------

select results_eq(
  $$ select person_table, rows_changed from ra_private.refresh_people() $$,
  $$ values ('ra_mst_jockeys', 2), ('ra_mst_trainers', 0), ('ra_mst_owners', 1) $$,
  'refresh_people() of every region counts only the rows the Irish archive changes');
select results_eq(
  $$ select id, name from ra_mst_jockeys where id in ('jky_1', 'jky_2') order by id $$,
  $$ values ('jky_1', 'Joseph Bloggs'), ('jky_2', 'Stale Two') $$,
  'refresh_people() takes the name of the latest race date and never a non-runner line');
select results_eq(
  $$ select name, first_seen_date, last_seen_date from ra_mst_jockeys where id = 'jky_3' $$,
  $$ values ('Ann Three', '2019-05-05'::date, '2019-06-06'::date) $$,
  'refresh_people() names a person no stored runner has and keeps their seen dates');
select results_eq(
  $$ select name, location from ra_mst_trainers where id = 'trn_1' $$,
  $$ values ('Tom Smith', 'Newmarket') $$,
  'refresh_people() trims names and keeps the latest location that is a value');
select is((select name from ra_mst_owners where id = 'own_1'), 'Mrs B Jones',
  'refresh_people() breaks a tie on race date by the latest fetch');
select is_empty($$ select id from ra_mst_owners where id <> 'own_1' $$,
  'refresh_people() adds nobody the people tables do not have');
select is((select name from ra_mst_jockeys where id = 'jky_1'), 'Joseph Bloggs',
  'refresh_people() reads no other endpoint, no failed answer and no race with a bad date');

select * from finish();
rollback;
