import { equal, ok } from "node:assert/strict";
import { DEFAULT_CADENCE } from "../supabase/functions/_shared/odds/cadence.ts";
import { measureCapture, percentile } from "./support/odds_capture.ts";
import { type OddsDay, startOddsDay } from "./support/odds_day.ts";

// Irish racing only, to keep the day short: a Saturday in BST.
const DAY = "2025-06-14";
const ENV = { RA_REGIONS: "ire", RA_ODDS_MOVEMENTS: "true" };

/** Drives minute ticks from `from` until every race is off and its movements are filled. */
async function driveDay(day: OddsDay, until: Date): Promise<number> {
  let ticks = 0;
  while (day.clock.now() < until) {
    const minute = Math.floor(day.clock.now().getTime() / 60_000) * 60_000;
    const tick = await day.invoke("fetch-odds", { mode: "tick", wait: true });
    equal(tick.status, 200, JSON.stringify(tick.body));
    equal(tick.body.status, "succeeded", JSON.stringify(tick.body));
    ticks++;
    // pg_cron starts the next tick on the next minute.
    day.clock.setTo(new Date(minute + 60_000));
  }
  return ticks;
}

Deno.test("a race day driven by minute ticks captures the last 30 minutes' prices and, with movements, the whole market", async () => {
  await using day = await startOddsDay(new Date(`${DAY}T10:00:00Z`), { env: ENV });
  equal(
    (await day.invoke("fetch-racecards", { mode: "daily", days_ahead: 0, wait: true })).status,
    200,
  );
  const races = await day.db.sql<{ id: string; off_dt: Date }[]>`
    select id, off_dt from ra_mst_races where race_date = ${DAY} order by off_dt`;
  ok(races.length >= 5, `${races.length} Irish races`);
  const lastOff = races.at(-1)!.off_dt.getTime();
  const ticks = await driveDay(day, new Date(lastOff + 5 * 60_000));
  const truths = races.map((race) => day.sim.oddsTruth(race.id)!);
  const capture = await measureCapture(day.db.sql, truths, DEFAULT_CADENCE);
  console.log(
    `${races.length} races, ${ticks} ticks: captured ${capture.captured}/${capture.eligible} of the last 30 min; ` +
      `history ${capture.stored}/${capture.changes} of every change; p95 delay ${
        percentile(capture.delaysMs, 95) / 1000
      } s, over the cadence ${percentile(capture.overCadenceMs, 95) / 1000} s`,
  );
  ok(capture.eligible > 100, `${capture.eligible} eligible prices`);
  ok(
    capture.captured / capture.eligible >= 0.99,
    `captured ${capture.captured}/${capture.eligible}`,
  );
  ok(percentile(capture.overCadenceMs, 95) <= 2_000, "p95 delay within the cadence + 2 s");
  // The movements filled after each off make the history equal to the market's changes.
  equal(capture.stored, capture.changes);
  equal(capture.phantoms, 0);
  const statuses = day.sim.requestLog.map((entry) => entry.status);
  equal(statuses.filter((status) => status === 429).length, 0, "no 429");
  // Every race's movements were filled once.
  const [unfilled] = await day.db.sql<{ n: number }[]>`
    select count(*)::int as n from ra_odds_fetches where movements_fetched_at is null`;
  equal(unfilled?.n, 0);
  // Ticks after the last off call nothing.
  const before = day.sim.requestLog.length;
  day.clock.setTo(new Date(lastOff + 60 * 60_000));
  await day.invoke("fetch-odds", { mode: "tick", wait: true });
  equal(day.sim.requestLog.length, before);
});
