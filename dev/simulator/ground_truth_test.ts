import assert from "node:assert/strict";
import type { GroundTruth, ResultStandardJson } from "./payload_types.ts";
import { startSimulator } from "./server.ts";
import { getFrom, TestClock } from "./sim_test_client.ts";
import { dateOfDay, dayNumber } from "./uk_time.ts";
import { isHomeRace } from "./world.ts";

Deno.test("ground truth equals what the results and racecards endpoints serve for GB+IRE", async () => {
  const sim = await startSimulator({
    rateScale: Infinity,
    now: () => new Date("2025-02-10T12:00:00Z"),
  });
  try {
    const truth = sim.groundTruth("2025-02-07", "2025-02-09");
    const served: ResultStandardJson[] = [];
    let skip = 0;
    let total = 1;
    while (skip < total) {
      const answer = await getFrom(
        sim.baseUrl,
        `/v1/results?start_date=2025-02-07&end_date=2025-02-09&region=gb&region=ire&limit=100&skip=${skip}`,
      );
      const page = JSON.parse(answer.text);
      total = page.total;
      served.push(...page.results);
      skip += page.results.length;
    }
    assert.ok(truth.races.length > 60);
    assert.equal(served.length, truth.races.length);
    const byId = new Map(truth.races.map((r) => [r.race_id, JSON.stringify(r)]));
    for (const r of served) assert.equal(JSON.stringify(r), byId.get(r.race_id));
    assert.ok(truth.races.every((r) => r.region === "GB" || r.region === "IRE"));

    const cards = JSON.parse(
      (await getFrom(
        sim.baseUrl,
        "/v1/racecards/pro?date=2025-02-08&region_codes=gb&region_codes=ire",
      )).text,
    ).racecards;
    const truthCards = truth.racecards.filter((c) => c.date === "2025-02-08");
    assert.equal(JSON.stringify(cards), JSON.stringify(truthCards));

    const admin = await fetch(
      `${sim.baseUrl}/_admin/ground-truth?start_date=2025-02-07&end_date=2025-02-09`,
    );
    assert.equal(admin.status, 200);
    assert.equal(await admin.text(), JSON.stringify(truth));
    const bad = await fetch(`${sim.baseUrl}/_admin/ground-truth?start_date=2025-02-07`);
    assert.equal(bad.status, 422);
    await bad.body?.cancel();
  } finally {
    await sim.close();
  }
});

Deno.test("results appear once a race's off time has passed", async () => {
  const clock = new TestClock("2025-07-05T13:00:00Z");
  const sim = await startSimulator({ rateScale: Infinity, now: clock.now });
  try {
    const day = sim.world.raceDay("2025-07-05").races;
    const before = sim.groundTruth("2025-07-05", "2025-07-05");
    const offs = before.races.map((r) => Date.parse(r.off_dt as string));
    assert.ok(offs.length > 0 && offs.every((t) => t <= clock.now().getTime()));
    const later = day.find((r) =>
      r.offUtcMs > clock.now().getTime() && !r.abandoned && r.course.regionCode === "gb"
    );
    assert.ok(later, "a GB race after 14:00 BST");
    assert.equal((await getFrom(sim.baseUrl, `/v1/results/${later.id}`)).status, 404);
    clock.set(new Date(later.offUtcMs).toISOString());
    assert.equal((await getFrom(sim.baseUrl, `/v1/results/${later.id}`)).status, 200);
    const after: GroundTruth = sim.groundTruth("2025-07-05", "2025-07-05");
    assert.ok(after.races.length > before.races.length);
    assert.ok(after.races.some((r) => r.race_id === later.id));
  } finally {
    await sim.close();
  }
});

Deno.test("racecards: non-runners show on the day, jockeys the day before, entries up to a week ahead", async () => {
  const clock = new TestClock("2025-03-01T08:00:00Z");
  const sim = await startSimulator({ rateScale: Infinity, now: clock.now });
  try {
    // Stand three days before the first GB/IRE big race of spring.
    let bigDay = dayNumber("2025-03-04");
    while (!sim.world.raceDay(bigDay).races.some((r) => r.bigRace && isHomeRace(r))) bigDay++;
    const today = dateOfDay(bigDay - 3);
    clock.set(`${today}T08:00:00Z`);
    const cards = (from: number, to: number) =>
      sim.groundTruth(dateOfDay(from), dateOfDay(to)).racecards;
    const onTheDay = cards(bigDay - 3, bigDay - 3);
    const tomorrow = cards(bigDay - 2, bigDay - 2);
    const ahead = cards(bigDay - 1, bigDay + 4);
    const beyond = cards(bigDay + 5, bigDay + 6);
    assert.ok(onTheDay.some((c) => c.runners.some((r) => r.number === "NR")));
    assert.ok(tomorrow.length > 20);
    assert.ok(tomorrow.every((c) => c.runners.every((r) => r.number !== "NR")));
    assert.ok(tomorrow.every((c) => c.runners.every((r) => r.jockey !== "")));
    assert.ok(ahead.some((c) => c.date === dateOfDay(bigDay)));
    assert.ok(
      ahead.every((c) =>
        c.big_race && c.field_size === "0" && c.runners.every((r) => r.jockey === "")
      ),
    );
    assert.equal(beyond.length, 0);
    assert.equal(sim.groundTruth("2023-01-20", "2023-01-22").racecards.length, 0);
    assert.ok(sim.groundTruth("2023-01-20", "2023-01-22").races.length > 50);
  } finally {
    await sim.close();
  }
});
