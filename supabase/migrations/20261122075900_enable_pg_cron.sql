-- pg_cron runs the schedules (see the scheduling migration). It can only be created in the
-- database named by `cron.database_name` (`postgres` on Supabase) and only when the server
-- preloads it, so elsewhere (a cloned test database, PGlite, a plain server) this is a notice,
-- not an error; `ra_private.schedule_jobs()` creates the schedules once pg_cron is there.
do $$
declare
  cron_database text := current_setting('cron.database_name', true);
begin
  if exists (select 1 from pg_extension where extname = 'pg_cron') then
    return;
  elsif cron_database is null
     or not exists (select 1 from pg_available_extensions where name = 'pg_cron') then
    raise notice 'pg_cron is not available on this server: schedules are skipped';
  elsif cron_database <> current_database() then
    raise notice 'pg_cron lives in database %, not %: schedules are skipped here',
      cron_database, current_database();
  else
    create extension pg_cron;
  end if;
end
$$;
