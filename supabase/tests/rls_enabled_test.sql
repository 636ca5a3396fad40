-- Every table in public has row level security on: nothing is readable by anon or
-- authenticated unless a later migration opens it on purpose.
begin;
select plan(2);

select ok(
  (select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r') > 0,
  'public has tables'
);

select is_empty(
  $$select c.relname::text from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r' and not c.relrowsecurity$$,
  'row level security is enabled on every public table'
);

select * from finish();
rollback;
