-- Read access is opt-in: authenticated reads no racing data until ra_private.grant_read opens
-- it, never reads sync state or the raw archive, and ra_private.revoke_read closes it again.
-- (A plain PostgreSQL test cluster has no authenticated role: the test creates it, rolled back.)
begin;
select plan(14);

do $$
begin
  if not exists (select 1 from pg_catalog.pg_roles where rolname = 'authenticated') then
    create role authenticated nologin;
  end if;
end
$$;

-- Rows visible to the current role, or -1 when it may not select at all.
create schema ra_test;
create function ra_test.visible_rows(relation text) returns bigint
language plpgsql as $$
declare
  found bigint;
begin
  execute format('select count(*) from %s', relation) into found;
  return found;
exception when insufficient_privilege then
  return -1;
end;
$$;
grant usage on schema ra_test to authenticated;

insert into public.ra_mst_courses (id, name) values ('crs_test', 'Test Park');
insert into public.ra_mst_races (id, course_id, race_date) values ('rac_test', 'crs_test', '2026-06-01');
insert into public.ra_sync_runs (function_name, mode) values ('fetch-results', 'daily');
insert into public.ra_api_responses (endpoint, body, sha256) values ('/v1/results', '{}', 'x');

set local role authenticated;
select cmp_ok(ra_test.visible_rows('public.ra_mst_races'), '<=', 0::bigint,
  'before grant_read: authenticated reads no race');
select cmp_ok(ra_test.visible_rows('public.ra_sync_runs'), '<=', 0::bigint,
  'before grant_read: authenticated reads no run');
reset role;

select lives_ok($$select * from ra_private.grant_read('authenticated')$$, 'grant_read runs');
select lives_ok($$select * from ra_private.grant_read('authenticated')$$,
  'grant_read runs again (idempotent)');
select is(
  (select count(*)::integer from pg_policies
   where tablename = 'ra_mst_races' and policyname = 'ra_read_authenticated'),
  1, 'one read policy on ra_mst_races after two calls');
select is(
  (select count(*)::integer from pg_policies
   where policyname = 'ra_read_authenticated'
     and (tablename like 'ra\_sync\_%' or tablename like 'ra\_api\_%'
       or tablename = 'ra_odds_fetches')),
  0, 'no read policy on sync state or the raw archive');

set local role authenticated;
select is(ra_test.visible_rows('public.ra_mst_races'), 1::bigint,
  'after grant_read: authenticated reads ra_mst_races');
select is(ra_test.visible_rows('public.ra_jockey_statistics'), 0::bigint,
  'after grant_read: authenticated reads a statistics table');
select is(ra_test.visible_rows('public.ra_odds_historical'), 0::bigint,
  'after grant_read: authenticated reads the ra_odds_historical view (no resulted run here)');
select cmp_ok(ra_test.visible_rows('public.ra_sync_runs'), '<=', 0::bigint,
  'after grant_read: authenticated still reads no run (ra_sync_runs)');
select cmp_ok(ra_test.visible_rows('public.ra_api_responses'), '<=', 0::bigint,
  'after grant_read: authenticated still reads nothing of the raw archive (ra_api_responses)');
reset role;

select lives_ok($$select * from ra_private.revoke_read('authenticated')$$, 'revoke_read runs');
select is(
  (select count(*)::integer from pg_policies where policyname = 'ra_read_authenticated'),
  0, 'revoke_read drops every read policy');
set local role authenticated;
select cmp_ok(ra_test.visible_rows('public.ra_mst_races'), '<=', 0::bigint,
  'after revoke_read: authenticated reads no race again');
reset role;

select * from finish();
rollback;
