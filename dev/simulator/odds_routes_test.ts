import assert from "node:assert/strict";
import { createComponentValidator } from "./openapi_schemas.ts";
import type {
  OddsTruth,
  RacecardOddsProJson,
  RaceRunnerOddsJson,
  RunnerOddsProJson,
} from "./payload_types.ts";
import type { Race } from "./race_model.ts";
import { startSimulator } from "./server.ts";
import { getFrom, TestClock } from "./sim_test_client.ts";
import { isHomeRace } from "./world.ts";

type Sim = Awaited<ReturnType<typeof startSimulator>>;

async function withSimulator(
  clock: TestClock,
  run: (sim: Sim) => Promise<void>,
  plan: "pro" | "standard" = "pro",
): Promise<void> {
  const sim = await startSimulator({ rateScale: Infinity, now: clock.now, plan });
  try {
    await run(sim);
  } finally {
    await sim.close();
  }
}

function gbRace(sim: Sim, date: string): Race {
  const race = sim.world.raceDay(date).races.find((r) =>
    r.course.regionCode === "gb" && !r.abandoned && r.entries.length >= 8 &&
    r.offMinutes >= 13 * 60
  );
  assert.ok(race, `a GB afternoon race on ${date}`);
  return race;
}

async function json<T>(sim: Sim, path: string): Promise<T> {
  const answer = await getFrom(sim.baseUrl, path);
  assert.equal(answer.status, 200, path);
  return JSON.parse(answer.text) as T;
}

/** The truth's changes of one runner up to an instant, as `/v1/odds` history writes them. */
function historyByHand(truth: OddsTruth, horseId: string, atMs: number, offset: string) {
  const runner = truth.runners.find((r) => r.horse_id === horseId);
  return (runner?.books ?? []).map((book) => ({
    bookmaker: book.bookmaker,
    history: book.changes.filter((c) => c.at_ms <= atMs).map((c) => ({
      changed_at: `${
        new Date(c.at_ms + (offset === "+01:00" ? 3600_000 : 0)).toISOString().slice(0, 19)
      }${offset}`,
      fractional: c.fractional,
      decimal: c.decimal,
    })),
  }));
}

Deno.test("/v1/odds/{race_id}/{horse_id}: the card's prices plus every change so far", async () => {
  const clock = new TestClock("2025-06-14T12:00:00Z");
  await withSimulator(clock, async (sim) => {
    const race = gbRace(sim, "2025-06-14");
    const validate = createComponentValidator({ strict: true });
    const truth = sim.oddsTruth(race.id) as OddsTruth;
    const admin = await fetch(`${sim.baseUrl}/_admin/odds-truth?race_id=${race.id}`);
    assert.equal(await admin.text(), JSON.stringify(truth));
    const entry = race.entries.find((e) => !e.nonRunner) as Race["entries"][number];
    for (const atMs of [race.offUtcMs - 45 * 60_000, race.offUtcMs + 3 * 3600_000]) {
      clock.set(new Date(atMs).toISOString());
      const body = await json<RaceRunnerOddsJson>(sim, `/v1/odds/${race.id}/${entry.racer.id}`);
      assert.deepEqual(validate("RaceRunnerOdds", body), []);
      assert.equal(body.race_id, race.id);
      assert.equal(body.horse, entry.racer.name);
      const shown = Math.min(atMs, race.offUtcMs);
      assert.deepEqual(
        body.odds.map((o) => ({ bookmaker: o.bookmaker, history: o.history })),
        historyByHand(truth, entry.racer.id, shown, "+01:00"),
      );
      assert.ok(body.odds.some((o) => o.history.length > 2));
      // The current price is the last change, as on the racecard at the same instant.
      const card = await json<RacecardOddsProJson>(sim, `/v1/racecards/${race.id}/pro`);
      const runner = card.runners.find((r) => r.horse_id === entry.racer.id) as RunnerOddsProJson;
      assert.deepEqual(body.odds.map((o) => ({ ...o, history: [] })), runner.odds);
      for (const o of body.odds) {
        assert.equal(o.fractional, o.history.at(-1)?.fractional);
      }
    }
    assert.match(
      (await json<RaceRunnerOddsJson>(sim, `/v1/odds/${race.id}/${entry.racer.id}`)).odds[0]
        ?.history[0]?.changed_at ?? "",
      /^2025-06-14T08:00:00\+01:00$/,
    );
    clock.set("2025-06-14T06:30:00Z");
    assert.deepEqual(
      (await json<RaceRunnerOddsJson>(sim, `/v1/odds/${race.id}/${entry.racer.id}`)).odds,
      [],
    );
  });
});

Deno.test("/v1/odds: no history before 2025-03-17, GMT offsets in winter", async () => {
  const clock = new TestClock("2025-03-20T12:00:00Z");
  await withSimulator(clock, async (sim) => {
    const early = gbRace(sim, "2025-03-15");
    const entry = early.entries.find((e) => !e.nonRunner) as Race["entries"][number];
    const body = await json<RaceRunnerOddsJson>(sim, `/v1/odds/${early.id}/${entry.racer.id}`);
    assert.ok(body.odds.length > 15);
    assert.ok(body.odds.every((o) => o.history.length === 0 && o.updated !== ""));
    const later = gbRace(sim, "2025-03-18");
    const horse = later.entries.find((e) => !e.nonRunner)?.racer.id as string;
    const served = await json<RaceRunnerOddsJson>(sim, `/v1/odds/${later.id}/${horse}`);
    assert.deepEqual(
      served.odds.map((o) => ({ bookmaker: o.bookmaker, history: o.history })),
      historyByHand(sim.oddsTruth(later.id) as OddsTruth, horse, later.offUtcMs, "+00:00"),
    );
  });
});

Deno.test("/v1/odds answers 404 for a stranger or an unknown race, empty odds abroad", async () => {
  const clock = new TestClock("2025-06-14T20:00:00Z");
  await withSimulator(clock, async (sim) => {
    const race = gbRace(sim, "2025-06-14");
    const inRace = new Set(race.entries.map((e) => e.racer.id));
    const other = gbRace(sim, "2025-06-07").entries.find((e) => !inRace.has(e.racer.id))?.racer
      .id as string;
    for (
      const path of [
        `/v1/odds/${race.id}/${other}`,
        `/v1/odds/${race.id}/hrs_nobody`,
        `/v1/odds/rac_nothing/${race.entries[0]?.racer.id}`,
        `/v1/odds/${race.id}`,
      ]
    ) {
      const answer = await getFrom(sim.baseUrl, path);
      assert.equal(answer.status, 404, path);
      assert.deepEqual(JSON.parse(answer.text), { detail: "Not Found" });
    }
    const foreign = sim.world.raceDay("2025-06-14").races.find((r) => !isHomeRace(r));
    assert.ok(foreign, "a foreign race on 2025-06-14");
    const abroad = await json<RaceRunnerOddsJson>(
      sim,
      `/v1/odds/${foreign.id}/${foreign.entries[0]?.racer.id}`,
    );
    assert.deepEqual(abroad.odds, []);
    const nonRunner = sim.world.raceDay("2025-06-14").races.filter(isHomeRace)
      .flatMap((r) => r.entries.filter((e) => e.nonRunner).map((e) => [r.id, e.racer.id]))[0];
    assert.ok(nonRunner);
    assert.deepEqual(
      (await json<RaceRunnerOddsJson>(sim, `/v1/odds/${nonRunner.join("/")}`)).odds,
      [],
    );
    const missing = await fetch(`${sim.baseUrl}/_admin/odds-truth?race_id=rac_nothing`);
    assert.equal(missing.status, 404);
    await missing.body?.cancel();
    const bad = await fetch(`${sim.baseUrl}/_admin/odds-truth`);
    assert.equal(bad.status, 422);
    await bad.body?.cancel();
  });
});

Deno.test("/v1/odds needs the Pro plan", async () => {
  const clock = new TestClock("2025-06-14T20:00:00Z");
  await withSimulator(clock, async (sim) => {
    const race = gbRace(sim, "2025-06-14");
    const answer = await getFrom(sim.baseUrl, `/v1/odds/${race.id}/${race.entries[0]?.racer.id}`);
    assert.equal(answer.status, 401);
  }, "standard");
});

Deno.test("the day list and the single-race card show the same prices as now moves", async () => {
  const clock = new TestClock("2025-06-14T11:00:00Z");
  await withSimulator(clock, async (sim) => {
    const race = gbRace(sim, "2025-06-14");
    const seen = new Set<string>();
    for (const at of [-150, -20, -3, 30]) {
      clock.set(new Date(race.offUtcMs + at * 60_000).toISOString());
      const page = await json<{ racecards: RacecardOddsProJson[] }>(
        sim,
        "/v1/racecards/pro?date=2025-06-14&region_codes=gb",
      );
      const fromList = page.racecards.find((c) => c.race_id === race.id);
      const single = await json<RacecardOddsProJson>(sim, `/v1/racecards/${race.id}/pro`);
      assert.deepEqual(single, fromList);
      assert.deepEqual(
        sim.groundTruth("2025-06-14", "2025-06-14").racecards
          .find((c) => c.race_id === race.id),
        single,
      );
      seen.add(JSON.stringify(single.runners.map((r) => r.odds)));
    }
    // Prices moved between -150, -20 and -3 minutes; after the off they are those at the off.
    assert.ok(seen.size >= 3, `${seen.size} distinct markets`);
  });
});
