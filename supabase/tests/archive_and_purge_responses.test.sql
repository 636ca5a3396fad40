-- ra_private.archive_response and purge_raw_responses: identical answers are stored once,
-- old answers go after raw_retention_days, and 0 keeps everything.
begin;
select plan(8);

create temp table archived (id bigint);
insert into archived
select ra_private.archive_response('/v1/results/rac_1', '{}', 200, '{"race_id": "rac_1"}',
  null, '2026-01-01 10:00Z');
insert into archived
select ra_private.archive_response('/v1/results/rac_1', '{}', 200, '{"race_id":"rac_1"}',
  null, '2026-01-02 10:00Z');

select is((select count(distinct id)::integer from archived), 1,
  'archive_response() stores an identical answer once');
select results_eq(
  $$ select fetched_at, sha256 from ra_api_responses where endpoint = '/v1/results/rac_1' $$,
  $$ values ('2026-01-02 10:00Z'::timestamptz,
             'bcfcac4d5869d244f6451ec9f16406be9a68da3e7a409efaf811c881ebe19207') $$,
  'archive_response() moves fetched_at to the latest fetch and hashes the body''s normal form');
select isnt(
  ra_private.archive_response('/v1/results/rac_1', '{}', 200, '{"race_id": "rac_1", "going": "Soft"}'),
  (select id from archived limit 1),
  'archive_response() keeps a changed answer as a new row');
select isnt(
  ra_private.archive_response('/v1/results', '{"skip": 100}', 200, '{"results": []}'),
  ra_private.archive_response('/v1/results', '{"skip": 200}', 200, '{"results": []}'),
  'archive_response() keeps the same body for other params apart');

delete from ra_api_responses;
insert into ra_api_responses (endpoint, fetched_at, body)
values ('/v1/courses', clock_timestamp() - interval '31 days', '{"courses": []}'),
       ('/v1/courses', clock_timestamp() - interval '29 days', '{"courses": [1]}');

update ra_private.settings set value = '0' where key = 'raw_retention_days';
select is(ra_private.purge_raw_responses(), 0, 'purge_raw_responses() keeps everything when retention is 0');

update ra_private.settings set value = '30' where key = 'raw_retention_days';
select is(ra_private.purge_raw_responses(), 1,
  'purge_raw_responses() deletes answers last fetched before the retention and counts them');
select is((select count(*)::integer from ra_api_responses where endpoint = '/v1/courses'), 1,
  'purge_raw_responses() keeps answers inside the retention');
select is((select value from ra_private.settings where key = 'raw_retention_days'), '30'::jsonb,
  'raw_retention_days is a setting (default 30)');

select * from finish();
rollback;
