import { equal, ok } from "node:assert/strict";
import { planWindows } from "../supabase/functions/_shared/sync/checkpoints.ts";
import { splitIntoWindows } from "../supabase/functions/_shared/sync/windows.ts";
import { startOddsDay } from "./support/odds_day.ts";

// Real time, shifted to 14:50 UK on a Saturday: races within minutes of their off, so the tick
// serves the 10-s cadence while a results backfill runs beside it under the same throttle and
// the simulator's real rate limits.
const DAY = "2025-06-14";

Deno.test("odds ticks and a results backfill share the vendor's rate: no 429, the backfill completes, due races are fetched on time", async () => {
  await using day = await startOddsDay(new Date(`${DAY}T13:50:00Z`), {
    realTime: true,
    rateScale: 1,
    env: { RA_REGIONS: "gb,ire" },
  });
  equal(
    (await day.invoke("fetch-racecards", { mode: "daily", days_ahead: 0, wait: true })).status,
    200,
  );
  // Start 4 minutes before the first off after 13:50 UTC.
  const [next] = await day.db.sql<{ off_dt: Date }[]>`
    select off_dt from ra_mst_races where off_dt > ${day.clock.now()} order by off_dt limit 1`;
  const start = new Date(next!.off_dt.getTime() - 4 * 60_000);
  day.clock.setTo(start);
  await planWindows(
    day.db.sql,
    "results_backfill",
    splitIntoWindows("2025-05-01", "2025-05-10", 2),
  );
  const [tick, backfill] = await Promise.all([
    day.invoke("fetch-odds", { mode: "tick", tick_ms: 25_000, wait: true }),
    day.invoke("fetch-results", { mode: "backfill", wait: true }),
  ]);
  equal(backfill.body.status, "succeeded", JSON.stringify(backfill.body));
  equal(backfill.body.windows_done, 5);
  equal(tick.body.status, "succeeded", JSON.stringify(tick.body));
  equal(day.sim.requestLog.filter((entry) => entry.status === 429).length, 0, "no 429");
  // A race within 5 minutes of its off is fetched every 10 s: at least 3 times in 25 s.
  const fetched = await day.db.sql<{ race_id: string; fetches: number }[]>`
    select f.race_id, f.fetches from ra_odds_fetches f join ra_mst_races r on r.id = f.race_id
    where r.off_dt between ${start} and ${new Date(start.getTime() + 4 * 60_000)}`;
  ok(fetched.length > 0, "a race goes off within 5 minutes of the start");
  for (const race of fetched) ok(race.fetches >= 3, `${race.race_id}: ${race.fetches} fetches`);
  const [duplicates] = await day.db.sql<{ n: number }[]>`
    select count(*)::int as n from (
      select race_id, horse_id, bookmaker_id, odds_fractional, count(*) from ra_odds_history
      group by 1, 2, 3, 4, changed_at having count(*) > 1) d`;
  equal(duplicates?.n, 0);
});
