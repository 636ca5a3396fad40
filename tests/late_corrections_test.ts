/**
 * Late corrections (issue 14, item 4): a result the simulator amends on D+1 (a late official
 * rating or Topspeed, a stewards' change of placings) is corrected in the database by the next
 * daily results run and counted as revisions in the run summary; a run with nothing amended
 * counts none.
 */
import assert from "node:assert/strict";
import type { ResultStandardJson } from "../dev/simulator/payload_types.ts";
import { isHomeRace } from "../dev/simulator/world.ts";
import { resultDifferences } from "./support/ground_truth.ts";
import { type OddsDay, startOddsDay } from "./support/odds_day.ts";

// Seed 42 on this Saturday has a stewards' change of placings and late figures (the simulator's
// README, Late corrections); the first test below checks it still has.
const SEED = 42;
const DAY = "2025-06-14";
// 22:00 UK (BST) on the race day, then 09:00 UK the next day.
const EVENING = new Date(`${DAY}T21:00:00Z`);
const NEXT_MORNING = new Date("2025-06-15T08:00:00Z");

interface StoredRow {
  key: string;
  row: Record<string, unknown>;
}

/** Every race and runner row of the day, without the bookkeeping columns, by key. */
async function resultRows(day: OddsDay): Promise<Map<string, string>> {
  const rows = await day.db.sql<StoredRow[]>`
    select 'race ' || r.id as key, to_jsonb(r) - 'updated_at' - 'created_at' as row
    from public.ra_mst_races r where r.race_date = ${DAY}::date
    union all
    select 'runner ' || u.race_id || ' ' || u.horse_id, to_jsonb(u) - 'updated_at' - 'created_at'
    from public.ra_mst_runners u join public.ra_mst_races r on r.id = u.race_id
    where r.race_date = ${DAY}::date`;
  return new Map(rows.map(({ key, row }) => [key, JSON.stringify(row)]));
}

/** Keys whose row differs between two snapshots (or is in one only). */
function changedKeys(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((key) => before.get(key) !== after.get(key)).sort();
}

/** What the simulator changed between two versions of the day's results: race and runner keys. */
function amendedKeys(
  dayVersion: readonly ResultStandardJson[],
  nextVersion: readonly ResultStandardJson[],
): string[] {
  const keys: string[] = [];
  const next = new Map(nextVersion.map((result) => [result.race_id, result]));
  for (const before of dayVersion) {
    const after = next.get(before.race_id)!;
    const { runners: beforeRunners, ...beforeRace } = before;
    const { runners: afterRunners, ...afterRace } = after;
    if (JSON.stringify(beforeRace) !== JSON.stringify(afterRace)) {
      keys.push(`race ${before.race_id}`);
    }
    const afterByHorse = new Map(afterRunners.map((runner) => [runner.horse_id, runner]));
    for (const runner of beforeRunners) {
      if (JSON.stringify(runner) !== JSON.stringify(afterByHorse.get(runner.horse_id))) {
        keys.push(`runner ${before.race_id} ${runner.horse_id}`);
      }
    }
  }
  return keys.sort();
}

async function dailyResults(day: OddsDay) {
  const run = await day.invoke("fetch-results", { mode: "daily", wait: true });
  assert.equal(run.status, 200, JSON.stringify(run.body));
  assert.equal(run.body.status, "succeeded", JSON.stringify(run.body));
  return run.body as { details: { revisions: number }; rows_written: number };
}

Deno.test("a result amended on D+1 is corrected by the next daily run and counted as revisions", async () => {
  await using day = await startOddsDay(EVENING, { seed: SEED });
  const races = day.sim.world.raceDay(DAY).races.filter((race) =>
    isHomeRace(race) && !race.abandoned
  );
  const amendments = races.map((race) => day.sim.world.resultAmendment(race));
  const change = amendments.find((a) => a.placingsChange !== null)!.placingsChange!;
  const lateOr = amendments.flatMap((a) => a.lateOfficialRatings.map((h) => ({ a, h })))[0]!;
  const lateTsr = amendments.flatMap((a) => a.lateTopspeeds.map((h) => ({ a, h })))[0]!;
  assert.ok(change && lateOr && lateTsr, "the day has a change of placings and late figures");

  // D 22:00: the evening run stores the day's results as first published.
  const first = await dailyResults(day);
  assert.equal(first.details.revisions, 0, "nothing was stored before");
  const dayVersion = day.sim.groundTruth(DAY, DAY).races;
  assert.equal(dayVersion.length, races.length, "every race of the day has its result");
  assert.deepEqual(
    await resultDifferences(day.db.sql, { races: day.sim.groundTruth(DAY, DAY).races }, DAY, DAY),
    [],
  );
  const before = await resultRows(day);

  // D+1 09:00: the simulator serves the amended results; the morning run corrects them.
  day.clock.setTo(NEXT_MORNING);
  const nextVersion = day.sim.groundTruth(DAY, DAY).races;
  const expected = amendedKeys(dayVersion, nextVersion);
  const second = await dailyResults(day);
  const after = await resultRows(day);
  assert.deepEqual(changedKeys(before, after), expected, "exactly the amended rows changed");
  assert.equal(second.details.revisions, expected.length);
  assert.ok(second.details.revisions > 0);
  assert.deepEqual(
    await resultDifferences(day.db.sql, { races: day.sim.groundTruth(DAY, DAY).races }, DAY, DAY),
    [],
  );

  // The late figures and the new placings are in the database.
  const runner = async (raceId: string, horseId: string) => {
    const [row] = await day.db.sql<
      { position: number; result_official_rating: number; result_topspeed: number }[]
    >`
      select position, result_official_rating, result_topspeed from public.ra_mst_runners
      where race_id = ${raceId} and horse_id = ${horseId}`;
    return row!;
  };
  const served = (raceId: string, horseId: string) =>
    nextVersion.find((r) => r.race_id === raceId)!.runners.find((r) => r.horse_id === horseId)!;
  assert.equal(
    (await runner(lateOr.a.raceId, lateOr.h)).result_official_rating,
    Number(served(lateOr.a.raceId, lateOr.h).or),
  );
  assert.equal(
    (await runner(lateTsr.a.raceId, lateTsr.h)).result_topspeed,
    Number(served(lateTsr.a.raceId, lateTsr.h).tsr),
  );
  const changedRace = amendments.find((a) => a.placingsChange !== null)!.raceId;
  const [promoted, demoted] = change.horseIds;
  assert.equal((await runner(changedRace, promoted)).position, change.place);
  assert.equal((await runner(changedRace, demoted)).position, change.place + 1);
  const [race] = await day.db.sql<{ comments: string }[]>`
    select comments from public.ra_mst_races where id = ${changedRace}`;
  assert.match(race!.comments, /Stewards reversed the placings/);

  // Nothing amended since: the same days again count no revision and change no row.
  const third = await dailyResults(day);
  assert.equal(third.details.revisions, 0);
  assert.deepEqual(changedKeys(after, await resultRows(day)), []);
  const [summary] = await day.db.sql<{ revisions: number[] }[]>`
    select array_agg((summary -> 'details' ->> 'revisions')::integer order by started_at) as revisions
    from public.ra_sync_runs where function_name = 'fetch-results'`;
  assert.deepEqual(summary!.revisions, [0, expected.length, 0], "ra_sync_runs.summary keeps them");
});

Deno.test("a daily run fetches the results of 7 days ago, and yesterday's, once", async () => {
  await using day = await startOddsDay(NEXT_MORNING, { seed: SEED });
  day.sim.clearLog();
  await dailyResults(day);
  const asked = day.sim.requestLog.filter((r) => r.path === "/v1/results").map((r) => {
    const query = new URLSearchParams(r.query);
    return `${query.get("start_date")}..${query.get("end_date")}`;
  });
  assert.deepEqual([...new Set(asked)].sort(), [
    "2025-06-08..2025-06-08",
    "2025-06-12..2025-06-15",
  ]);
});
