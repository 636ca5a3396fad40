import assert from "node:assert/strict";
import type { RacecardOddsProJson } from "./payload_types.ts";
import { startSimulator } from "./server.ts";
import { getFrom } from "./sim_test_client.ts";
import { dayNumber } from "./uk_time.ts";
import { isHomeRace, World } from "./world.ts";

const TODAY = dayNumber("2025-09-30");
const NOW_MS = Date.parse("2025-09-30T20:00:00Z");

function cardsBetween(world: World, from: string, days: number): RacecardOddsProJson[] {
  const out: RacecardOddsProJson[] = [];
  for (let day = dayNumber(from); day < dayNumber(from) + days; day++) {
    for (const race of world.raceDay(day).races.filter(isHomeRace)) {
      const card = world.racecard(race, NOW_MS);
      if (card) out.push(card);
    }
  }
  return out;
}

Deno.test("horses recur every few weeks with a stable identity that ages and changes yards", () => {
  const world = new World(42);
  const runs = new Map<
    string,
    { date: string; dob: string; age: string; sire_id: string; trainer_id: string }[]
  >();
  for (const card of cardsBetween(world, "2024-11-25", 70)) {
    for (const r of card.runners) {
      const list = runs.get(r.horse_id) ?? [];
      list.push({
        date: card.date,
        dob: r.dob,
        age: r.age,
        sire_id: r.sire_id,
        trainer_id: r.trainer_id,
      });
      runs.set(r.horse_id, list);
    }
  }
  const repeaters = [...runs.values()].filter((l) => l.length >= 2);
  assert.ok(
    repeaters.length > runs.size * 0.25,
    `${repeaters.length} of ${runs.size} horses ran twice`,
  );
  let agedOnNewYear = 0;
  for (const list of repeaters) {
    assert.equal(new Set(list.map((r) => r.dob)).size, 1);
    assert.equal(new Set(list.map((r) => r.sire_id)).size, 1);
    const dates = list.map((r) => r.date).sort();
    for (let i = 1; i < dates.length; i++) {
      assert.notEqual(dates[i], dates[i - 1], "one run a day at most");
    }
    const first = list[0] as { date: string; age: string };
    const last = list[list.length - 1] as { date: string; age: string };
    if (first.date < "2025-01-01" && last.date >= "2025-01-01") {
      assert.equal(Number(last.age), Number(first.age) + 1);
      agedOnNewYear++;
    }
  }
  assert.ok(agedOnNewYear > 100);
  const movers = repeaters.filter((l) => new Set(l.map((r) => r.trainer_id)).size > 1);
  assert.ok(movers.length > 0, "some horses change trainer");
});

Deno.test("last_run counts the days since the horse's previous run in the world", () => {
  const world = new World(42);
  const seen = new Map<string, string>();
  let checked = 0;
  for (const card of cardsBetween(world, "2025-01-01", 50)) {
    for (const r of card.runners) {
      const previous = seen.get(r.horse_id);
      if (r.number !== "NR") {
        if (previous && /^\d+$/.test(r.last_run)) {
          assert.equal(r.last_run, String(dayNumber(card.date) - dayNumber(previous)), r.horse_id);
          checked++;
        }
        seen.set(r.horse_id, card.date);
      }
    }
  }
  assert.ok(checked > 800, `${checked} last_run values checked`);
});

Deno.test("sire, dam and damsire ids are older horses of the world under hrs_ ids", () => {
  const world = new World(42);
  const runners = cardsBetween(world, "2025-04-05", 2).flatMap((c) => c.runners).slice(0, 150);
  for (const r of runners) {
    const profile = world.horseProfile(r.horse_id, TODAY);
    assert.ok(profile, r.horse_id);
    assert.equal(profile.sire_id, r.sire_id);
    assert.equal(profile.dam_id, r.dam_id);
    assert.equal(profile.damsire_id, r.damsire_id);
    for (const id of [r.sire_id, r.dam_id, r.damsire_id]) {
      const parent = world.horseProfile(`hrs_${id.slice(4)}`, TODAY);
      assert.ok(parent, id);
      assert.ok(parent.dob < profile.dob, `${id} born before ${r.horse_id}`);
    }
    const dam = world.horseProfile(`hrs_${r.dam_id.slice(4)}`, TODAY);
    assert.equal(dam?.sire_id.slice(4), r.damsire_id.slice(4), "damsire is the dam's sire");
    assert.equal(dam?.sex_code, "M");
    assert.equal(profile.dob, r.dob);
    assert.equal(profile.name, `${r.horse} (${r.region})`);
  }
});

Deno.test("/pro answers 404 for a share of horses, and /standard still serves them", async () => {
  const sim = await startSimulator({
    rateScale: Infinity,
    now: () => new Date("2025-09-30T12:00:00Z"),
  });
  try {
    const runners = cardsBetween(sim.world, "2025-09-20", 3).flatMap((c) => c.runners);
    const missing = runners.filter((r) => sim.world.horseProfile(r.horse_id, TODAY)?.proNotFound);
    assert.ok(missing.length > runners.length * 0.03 && missing.length < runners.length * 0.2);
    const gone = missing[0] as { horse_id: string; horse: string; region: string };
    assert.equal((await getFrom(sim.baseUrl, `/v1/horses/${gone.horse_id}/pro`)).status, 404);
    const standard = await getFrom(sim.baseUrl, `/v1/horses/${gone.horse_id}/standard`);
    assert.equal(standard.status, 200);
    assert.equal(JSON.parse(standard.text).name, `${gone.horse} (${gone.region})`);
    const present = runners.find((r) => !sim.world.horseProfile(r.horse_id, TODAY)?.proNotFound);
    const pro = JSON.parse(
      (await getFrom(sim.baseUrl, `/v1/horses/${present?.horse_id}/pro`)).text,
    );
    const truth = sim.world.horseProfile(present?.horse_id as string, TODAY);
    assert.equal(pro.dob, truth?.dob);
    assert.equal(pro.breeder, truth?.breeder);
    assert.equal(pro.sire_id, truth?.sire_id);
    assert.equal(pro.colour_code, truth?.colour.toUpperCase());
    assert.equal(
      (await getFrom(sim.baseUrl, `/v1/horses/${present?.sire_id}/pro`)).status,
      404,
      "sir_ ids need hrs_",
    );
  } finally {
    await sim.close();
  }
});

Deno.test("horse ids decode back to the same horse; recent foals have 11-digit ids", () => {
  const world = new World(42);
  const ids = cardsBetween(world, "2025-07-01", 2).flatMap((c) => c.runners.map((r) => r.horse_id));
  for (const id of ids) assert.equal(world.horse(id)?.id, id);
  assert.ok(ids.some((id) => id.length === 15), "hrs_ + 11 digits");
  assert.ok(ids.some((id) => id.length === 11), "hrs_ + 7 digits");
  assert.equal(world.horse("hrs_999"), null);
  assert.equal(world.horse("hrs_1000000x"), null);
});
