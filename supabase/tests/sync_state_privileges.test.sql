-- The sync-state tables and ra_private functions are closed to the API roles: RLS on with no
-- policies, no PUBLIC execute, a fixed search_path and a comment on every function.
begin;
select plan(6);

select is(
  (select array_agg(c.relname::text order by c.relname) from pg_class c
   where c.oid in ('public.ra_sync_checkpoints'::regclass, 'public.ra_sync_runs'::regclass,
                   'public.ra_api_throttle'::regclass, 'public.ra_sync_errors'::regclass,
                   'public.ra_api_responses'::regclass, 'ra_private.settings'::regclass)
     and c.relrowsecurity),
  array['ra_api_responses', 'ra_api_throttle', 'ra_sync_checkpoints', 'ra_sync_errors',
        'ra_sync_runs', 'settings'],
  'every sync-state table has row level security on');
select is(
  (select count(*)::integer from pg_policies
   where tablename in ('ra_sync_checkpoints', 'ra_sync_runs', 'ra_api_throttle', 'ra_sync_errors',
                       'ra_api_responses', 'settings')),
  0, 'no policy opens a sync-state table');
select is(
  (select count(*)::integer from pg_proc p
   where p.pronamespace = 'ra_private'::regnamespace
     and (p.proacl is null or exists (select 1 from aclexplode(p.proacl) a where a.grantee = 0))),
  0, 'PUBLIC may execute no ra_private function');
select is(
  (select count(*)::integer from aclexplode((select nspacl from pg_namespace where nspname = 'ra_private')) a
   where a.grantee = 0),
  0, 'PUBLIC has no privilege on schema ra_private');
select is(
  (select array_agg(p.proname::text order by p.proname) from pg_proc p
   where p.pronamespace = 'ra_private'::regnamespace
     and p.proname in ('take_api_token', 'plan_windows', 'claim_window', 'complete_window',
                       'fail_window', 'save_cursor', 'release_leases', 'retry_failed',
                       'archive_response', 'purge_raw_responses')
     and not coalesce(p.proconfig @> array['search_path=""'], false)),
  null, 'every sync function runs with an empty search_path');
select is(
  (select array_agg(p.proname::text order by p.proname) from pg_proc p
   where p.pronamespace = 'ra_private'::regnamespace
     and p.proname in ('take_api_token', 'plan_windows', 'claim_window', 'complete_window',
                       'fail_window', 'save_cursor', 'release_leases', 'retry_failed',
                       'archive_response', 'purge_raw_responses')
     and obj_description(p.oid, 'pg_proc') is null),
  null, 'every sync function has a comment');

select * from finish();
rollback;
