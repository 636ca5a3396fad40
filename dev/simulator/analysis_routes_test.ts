import assert from "node:assert/strict";
import { roundHalfAway, RunTally } from "./analysis_figures.ts";
import { createComponentValidator } from "./openapi_schemas.ts";
import type { ResultStandardJson, RunnerStandardJson } from "./payload_types.ts";
import { type Simulator, startSimulator } from "./server.ts";
import { getFrom } from "./sim_test_client.ts";
import { isHomeRace } from "./world.ts";

const NOW = "2025-06-15T12:00:00Z";
const MAY = "start_date=2025-05-01&end_date=2025-05-31&region=gb&region=ire";

/** A runner of a result, for the figures' unit tests. */
function runner(position: string, spDec: string): RunnerStandardJson {
  return { position, sp_dec: spDec } as RunnerStandardJson;
}

/** The GB and IRE results of May 2025 (without `groundTruth`'s racecards, which cost seconds). */
function mayResults(sim: Simulator): ResultStandardJson[] {
  const results: ResultStandardJson[] = [];
  for (let day = 1; day <= 31; day++) {
    const date = `2025-05-${String(day).padStart(2, "0")}`;
    for (const race of sim.world.raceDay(date).races) {
      const result = isHomeRace(race) ? sim.world.result(race, Date.parse(NOW)) : null;
      if (result) results.push(result);
    }
  }
  return results;
}

/** The n subjects with most runs in the results (a subject id read from each runner). */
function busiest(
  races: ResultStandardJson[],
  idOf: (r: RunnerStandardJson) => string,
  n: number,
): string[] {
  const runs = new Map<string, number>();
  for (const race of races) {
    for (const r of race.runners) {
      if (r.position !== "NR" && idOf(r)) runs.set(idOf(r), (runs.get(idOf(r)) ?? 0) + 1);
    }
  }
  return [...runs].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, n).map(
    ([id]) => id,
  );
}

Deno.test("RunTally counts a dead-heater as a win and splits its stake (SP / n - 1)", () => {
  const tally = new RunTally();
  tally.add(runner("1", "5.00"), 2); // dead heat at 5.0: 5.0 / 2 - 1 = 1.5
  tally.add(runner("1", "9.00"), 2); // dead heat at 9.0: 9.0 / 2 - 1 = 3.5
  tally.add(runner("3", "4.00"), 2);
  tally.add(runner("PU", "11.00"), 1);
  tally.add(runner("4", ""), 1); // no SP: a run, outside A/E and P/L
  assert.deepEqual(tally.figures(), {
    runs: 5,
    "1st": 2,
    "2nd": 0,
    "3rd": 1,
    "4th": 1,
    // 2 wins / (1/5 + 1/9 + 1/4 + 1/11) = 2 / 0.65202… = 3.067…
    "a/e": 3.07,
    "win_%": 0.4,
    "1_pl": 3,
  });
});

Deno.test("RunTally rounds halves away from zero and splits stakes three ways exactly", () => {
  assert.equal(roundHalfAway(1.125), 1.13);
  assert.equal(roundHalfAway(-1.125), -1.13);
  assert.equal(roundHalfAway(0.125), 0.13);
  const tally = new RunTally();
  // A triple dead heat at 2.50: 2.5 / 3 - 1 = -0.1666…; twice is -0.333… → -0.33.
  tally.add(runner("1", "2.50"), 3);
  tally.add(runner("1", "2.50"), 3);
  assert.equal(tally.figures()["1_pl"], -0.33);
  const empty = new RunTally().figures();
  assert.deepEqual([empty["a/e"], empty["win_%"], empty["1_pl"]], [0, 0, 0]);
});

Deno.test("every analysis endpoint conforms to the vendor's schema and adds up to its total", async () => {
  const validate = createComponentValidator({ strict: true });
  const sim = await startSimulator({ seed: 42, rateScale: Infinity, now: () => new Date(NOW) });
  try {
    const races = mayResults(sim);
    const [jockey] = busiest(races, (r) => r.jockey_id, 1);
    const [trainer] = busiest(races, (r) => r.trainer_id, 1);
    const [owner] = busiest(races, (r) => r.owner_id, 1);
    const [sire] = busiest(races, (r) => r.sire_id, 1);
    const [dam] = busiest(races, (r) => r.dam_id, 1);
    const [damsire] = busiest(races, (r) => r.damsire_id, 1);
    const cases: [string, string, string, string][] = [
      [`/v1/jockeys/${jockey}/analysis/courses`, "JockeyCourseAnalysis", "courses", "rides"],
      [`/v1/jockeys/${jockey}/analysis/distances`, "JockeyDistanceAnalysis", "distances", "rides"],
      [`/v1/jockeys/${jockey}/analysis/owners`, "JockeyOwnerAnalysis", "owners", "rides"],
      [`/v1/jockeys/${jockey}/analysis/trainers`, "JockeyTrainerAnalysis", "trainers", "rides"],
      [`/v1/trainers/${trainer}/analysis/courses`, "TrainerCourseAnalysis", "courses", "runners"],
      [
        `/v1/trainers/${trainer}/analysis/distances`,
        "TrainerDistanceAnalysis",
        "distances",
        "runners",
      ],
      [
        `/v1/trainers/${trainer}/analysis/horse-age`,
        "TrainerHorseAgeAnalysis",
        "horse_ages",
        "runners",
      ],
      [`/v1/trainers/${trainer}/analysis/jockeys`, "TrainerJockeyAnalysis", "jockeys", "runners"],
      [`/v1/trainers/${trainer}/analysis/owners`, "TrainerOwnerAnalysis", "owners", "runners"],
      [`/v1/owners/${owner}/analysis/courses`, "OwnerCourseAnalysis", "courses", "runners"],
      [`/v1/owners/${owner}/analysis/distances`, "OwnerDistanceAnalysis", "distances", "runners"],
      [`/v1/owners/${owner}/analysis/jockeys`, "OwnerJockeyAnalysis", "jockeys", "runners"],
      [`/v1/owners/${owner}/analysis/trainers`, "OwnerTrainerAnalysis", "trainers", "runners"],
      [`/v1/sires/${sire}/analysis/classes`, "SireClassAnalysis", "classes", "runners"],
      [`/v1/sires/${sire}/analysis/distances`, "SireDistanceAnalysis", "distances", "runners"],
      [`/v1/dams/${dam}/analysis/classes`, "DamClassAnalysis", "classes", "runners"],
      [`/v1/dams/${dam}/analysis/distances`, "DamDistanceAnalysis", "distances", "runners"],
      [`/v1/damsires/${damsire}/analysis/classes`, "DamsireClassAnalysis", "classes", "runners"],
      [
        `/v1/damsires/${damsire}/analysis/distances`,
        "DamsireDistanceAnalysis",
        "distances",
        "runners",
      ],
    ];
    for (const [path, schema, list, count] of cases) {
      const answer = await getFrom(sim.baseUrl, `${path}?${MAY}`);
      assert.equal(answer.status, 200, path);
      const body = JSON.parse(answer.text);
      assert.deepEqual(validate(schema, body), [], path);
      const rows = body[list] as Record<string, number>[];
      const total = body[count === "rides" ? "total_rides" : "total_runners"] as number;
      assert.ok(total > 0, `${path}: no runs`);
      // Every run has a course, distance, trainer, jockey, age and class (owners can be blank
      // only from 2026).
      assert.equal(rows.reduce((sum, row) => sum + (row[count] as number), 0), total, path);
      assert.equal(body.query.at(-1)[1], body.id, `${path}: the query echo ends with the id`);
    }

    // The jockey's rides and wins, counted straight from the served results.
    let rides = 0;
    let wins = 0;
    for (const race of races) {
      for (const r of race.runners) {
        if (r.jockey_id !== jockey || r.position === "NR") continue;
        rides++;
        if (r.position === "1") wins++;
      }
    }
    const courses = JSON.parse(
      (await getFrom(sim.baseUrl, `/v1/jockeys/${jockey}/analysis/courses?${MAY}`)).text,
    );
    assert.equal(courses.total_rides, rides);
    assert.equal(
      courses.courses.reduce((sum: number, row: Record<string, number>) => sum + row["1st"]!, 0),
      wins,
    );
  } finally {
    await sim.close();
  }
});

Deno.test("analysis endpoints validate like the vendor: 422, 404, and the Standard plan", async () => {
  const sim = await startSimulator({ seed: 42, rateScale: Infinity, now: () => new Date(NOW) });
  const basic = await startSimulator({
    seed: 42,
    rateScale: Infinity,
    plan: "basic",
    now: () => new Date(NOW),
  });
  try {
    const [race] = mayResults(sim);
    const jockey = race!.runners[0]!.jockey_id;
    const base = `/v1/jockeys/${jockey}/analysis/courses`;
    const bad = await getFrom(sim.baseUrl, `${base}?start_date=2025-02-30`);
    assert.equal(bad.status, 422);
    assert.equal(JSON.parse(bad.text).detail[0].loc[1], "start_date");
    const reversed = await getFrom(
      sim.baseUrl,
      `${base}?start_date=2025-05-02&end_date=2025-05-01`,
    );
    assert.equal(reversed.status, 422);
    assert.equal(JSON.parse(reversed.text).detail[0].type, "value_error");
    const distance = await getFrom(sim.baseUrl, `${base}?min_distance_y=far`);
    assert.equal(distance.status, 422);
    assert.equal(JSON.parse(distance.text).detail[0].type, "int_parsing");
    assert.equal((await getFrom(sim.baseUrl, `/v1/sires/sir_x/analysis/classes`)).status, 404);
    assert.equal(
      (await getFrom(sim.baseUrl, `/v1/jockeys/jky_0/analysis/trainers?${MAY}`)).status,
      404,
    );
    assert.equal((await getFrom(basic.baseUrl, `${base}?${MAY}`)).status, 401);
  } finally {
    await sim.close();
    await basic.close();
  }
});
