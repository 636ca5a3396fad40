-- The odds tick: pg_cron calls fetch-odds every minute; the function serves the cadence inside
-- its minute (DESIGN §9). The odds backfill ticker works planned odds windows, like the other
-- backfill tickers. ra_private.schedule_jobs() puts them into pg_cron with the others.
insert into ra_private.schedules (job_name, cron, function_name, body, description)
values ('ra_odds_tick', '* * * * *', 'fetch-odds', '{"mode": "tick"}',
  'Live prices of today''s races on the cadence by time to the off, every minute'),
  ('ra_odds_backfill', '* * * * *', 'fetch-odds', '{"mode": "backfill"}',
  'Works the odds backfill windows deno task backfill --jobs odds planned; idle otherwise');

-- Schedule it now where everything is in place, as the first schedules migration does.
do $$
begin
  if cardinality(array(select p from ra_private.scheduling_problems() as p)) = 0 then
    perform ra_private.schedule_jobs();
  end if;
end
$$;
