-- ra_private.take_api_token with priority (the odds cadence): on the global bucket it does not
-- wait behind the slots a backfill already holds, and the backfill's next slot moves back by one;
-- in its family bucket it queues like any other request. Times are passed in (at_time), so the
-- waits are exact.
begin;
select plan(6);

-- Backfill: three requests in family "default" (10/s) under the global cap of 1/s at 12:00:00.
select is(ra_private.take_api_token('default', 10, 1, 'global', 1, 1, '2025-06-14 12:00:00Z'), 0,
  'first backfill request goes at once');
select is(ra_private.take_api_token('default', 10, 1, 'global', 1, 1, '2025-06-14 12:00:00Z'), 1000,
  'second waits for the global slot (1 s)');
select is(ra_private.take_api_token('default', 10, 1, 'global', 1, 1, '2025-06-14 12:00:00Z'), 2000,
  'third waits 2 s');
-- The odds cadence in family "racecards_list" at the same instant: no wait behind the backfill.
select is(ra_private.take_api_token('racecards_list', 2, 1, 'global', 1, 1, '2025-06-14 12:00:00Z', true), 0,
  'a priority request goes at once');
-- The next backfill request pays for it: one slot more than the 3 s it would have waited.
select is(ra_private.take_api_token('default', 10, 1, 'global', 1, 1, '2025-06-14 12:00:00Z'), 4000,
  'the next backfill request waits one slot more (4 s, not 3 s)');
-- Priority requests are spaced among themselves at the global rate.
select is(ra_private.take_api_token('racecards_list', 2, 1, 'global', 1, 1, '2025-06-14 12:00:00.5Z', true), 500,
  'a second priority request waits for the first one''s slot (1 s after it)');
select * from finish();
rollback;
