import assert from "node:assert/strict";
import type { ResultStandardJson, RunnerStandardJson } from "./payload_types.ts";
import {
  LATE_OFFICIAL_RATING_SHARE,
  LATE_TOPSPEED_SHARE,
  PLACINGS_CHANGE_SHARE,
} from "./result_amendments.ts";
import { startSimulator } from "./server.ts";
import { getFrom, TestClock } from "./sim_test_client.ts";
import { dateOfDay, dayNumber } from "./uk_time.ts";
import { isHomeRace, World } from "./world.ts";

// A Saturday in BST (seed 42) with a stewards' change and late figures.
const DAY = "2025-06-14";
// 22:00 and 09:00 UK time (BST).
const EVENING = Date.parse(`${DAY}T21:00:00Z`);
const NEXT_MORNING = Date.parse("2025-06-15T08:00:00Z");
const EN_DASH = "\u2013";

function homeRaces(world: World, date: string) {
  return world.raceDay(date).races.filter((race) => isHomeRace(race) && !race.abandoned);
}

function byHorse(result: ResultStandardJson): Map<string, RunnerStandardJson> {
  return new Map(result.runners.map((runner) => [runner.horse_id, runner]));
}

Deno.test("World.result() serves late figures from the day after the race, '–' on the day", () => {
  const world = new World(42);
  let lateTsr = 0;
  let lateOr = 0;
  for (const race of homeRaces(world, DAY)) {
    const amendment = world.resultAmendment(race);
    const day = byHorse(world.result(race, EVENING)!);
    const next = byHorse(world.result(race, NEXT_MORNING)!);
    for (const horseId of amendment.lateTopspeeds) {
      assert.equal(day.get(horseId)!.tsr, EN_DASH);
      assert.match(next.get(horseId)!.tsr, /^\d+$/);
      lateTsr++;
    }
    for (const horseId of amendment.lateOfficialRatings) {
      assert.equal(day.get(horseId)!.or, EN_DASH);
      assert.match(next.get(horseId)!.or, /^\d+$/);
      lateOr++;
    }
    // Nothing else of a runner changes, unless a stewards' change moved it.
    const moved = new Set(amendment.placingsChange?.horseIds ?? []);
    for (const [horseId, runner] of next) {
      if (moved.has(horseId)) continue;
      assert.deepEqual(day.get(horseId), {
        ...runner,
        or: amendment.lateOfficialRatings.includes(horseId) ? EN_DASH : runner.or,
        tsr: amendment.lateTopspeeds.includes(horseId) ? EN_DASH : runner.tsr,
      });
    }
  }
  assert.ok(lateTsr > 0 && lateOr > 0, `late tsr ${lateTsr}, late or ${lateOr}`);
});

Deno.test("World.result() applies a stewards' change of placings from the day after, the placings' figures kept", () => {
  const world = new World(42);
  const changed = homeRaces(world, DAY).filter((race) =>
    world.resultAmendment(race).placingsChange !== null
  );
  assert.equal(changed.length, 1);
  const race = changed[0]!;
  const { place, horseIds: [promoted, demoted] } = world.resultAmendment(race).placingsChange!;
  const day = world.result(race, EVENING)!;
  const next = world.result(race, NEXT_MORNING)!;
  const at = (result: ResultStandardJson, horseId: string) =>
    result.runners.findIndex((runner) => runner.horse_id === horseId);
  // On the day the demoted runner stood a place higher.
  assert.equal(at(day, demoted), at(day, promoted) - 1);
  assert.equal(at(next, promoted), at(next, demoted) - 1);
  assert.equal(byHorse(day).get(demoted)!.position, String(place));
  assert.equal(byHorse(next).get(promoted)!.position, String(place));
  assert.equal(byHorse(next).get(demoted)!.position, String(place + 1));
  // Every placing keeps its position, distances, time and prize; only the runners trade them.
  const placings = (result: ResultStandardJson) =>
    result.runners.map(({ position, btn, ovr_btn, time, prize }) => ({
      position,
      btn,
      ovr_btn,
      time,
      prize,
    }));
  assert.deepEqual(placings(day), placings(next));
  // The runners keep their own figures (SP, comment, ratings), and the tote is untouched.
  for (const horseId of [promoted, demoted]) {
    const { sp, sp_dec, comment, rpr, jockey_id } = byHorse(day).get(horseId)!;
    const later = byHorse(next).get(horseId)!;
    assert.deepEqual({ sp, sp_dec, comment, rpr, jockey_id }, {
      sp: later.sp,
      sp_dec: later.sp_dec,
      comment: later.comment,
      rpr: later.rpr,
      jockey_id: later.jockey_id,
    });
  }
  assert.ok(place >= 4 && place > next.tote_pl.split(" ").length, `placing ${place}`);
  const { runners: _a, comments: dayComments, ...dayRest } = day;
  const { runners: _b, comments: nextComments, ...nextRest } = next;
  assert.deepEqual(dayRest, nextRest);
  assert.match(nextComments, /Stewards reversed the placings of \d+th and \d+th$/);
  assert.ok(!dayComments.includes("reversed"));
});

Deno.test("the results endpoints and the ground truth serve the version of the simulator's now", async () => {
  const clock = new TestClock(new Date(EVENING).toISOString());
  const sim = await startSimulator({ seed: 42, rateScale: Infinity, now: clock.now });
  try {
    const race = homeRaces(sim.world, DAY).find((r) =>
      sim.world.resultAmendment(r).placingsChange !== null
    )!;
    const served = async () => {
      const one = await getFrom(sim.baseUrl, `/v1/results/${race.id}`);
      const list = await getFrom(
        sim.baseUrl,
        `/v1/results?start_date=${DAY}&end_date=${DAY}&limit=100`,
      );
      const listed = (JSON.parse(list.text).results as ResultStandardJson[])
        .find((r) => r.race_id === race.id);
      const truth = sim.groundTruth(DAY, DAY).races.find((r) => r.race_id === race.id);
      return { one: JSON.parse(one.text) as ResultStandardJson, listed, truth };
    };
    const evening = await served();
    assert.deepEqual(evening.one, sim.world.result(race, EVENING));
    assert.deepEqual(evening.listed, evening.one);
    assert.deepEqual(evening.truth, evening.one);
    // Still the race day at 23:59 UK; amended from midnight UK (23:00 UTC in summer).
    clock.set(`${DAY}T22:59:00Z`);
    assert.deepEqual((await served()).one, evening.one);
    clock.set(`${DAY}T23:00:00Z`);
    const next = await served();
    assert.notDeepEqual(next.one, evening.one);
    assert.deepEqual(next.one, sim.world.result(race, NEXT_MORNING));
    assert.deepEqual(next.listed, next.one);
    assert.deepEqual(next.truth, next.one);
  } finally {
    await sim.close();
  }
});

Deno.test("late corrections are deterministic by seed and about as frequent as declared", () => {
  const a = new World(7);
  const b = new World(7);
  let races = 0;
  let withLateTopspeed = 0;
  let runnersRated = 0;
  let lateOr = 0;
  let changes = 0;
  for (let day = dayNumber("2025-06-01"); day < dayNumber("2025-07-01"); day++) {
    for (const race of homeRaces(a, dateOfDay(day))) {
      const amendment = a.resultAmendment(race);
      assert.deepEqual(amendment, b.resultAmendment(b.race(race.id)!));
      races++;
      if (amendment.lateTopspeeds.length > 0) withLateTopspeed++;
      lateOr += amendment.lateOfficialRatings.length;
      if (amendment.placingsChange) changes++;
      runnersRated += a.result(race, race.offUtcMs + 2 * 86_400_000)!.runners
        .filter((runner) => runner.or !== EN_DASH).length;
    }
  }
  const near = (share: number, expected: number) =>
    Math.abs(share - expected) < expected * 0.3 + 0.002;
  assert.ok(near(withLateTopspeed / races, LATE_TOPSPEED_SHARE * 0.99), `${withLateTopspeed}`);
  assert.ok(near(lateOr / runnersRated, LATE_OFFICIAL_RATING_SHARE), `${lateOr}/${runnersRated}`);
  // Not every race has two placings below the tote's places to reverse.
  assert.ok(changes > 0 && changes / races < PLACINGS_CHANGE_SHARE, `${changes}/${races}`);
});

Deno.test("foreign results are never amended", () => {
  const world = new World(42);
  const foreign = world.raceDay(DAY).races.filter((race) => !isHomeRace(race) && !race.abandoned);
  assert.ok(foreign.length > 0);
  for (const race of foreign) {
    const atOff = world.result(race, race.offUtcMs);
    assert.ok(atOff);
    assert.deepEqual(atOff, world.result(race, race.offUtcMs + 2 * 86_400_000));
  }
});
