import assert from "node:assert/strict";
import type { RacecardOddsProJson, ResultStandardJson } from "./payload_types.ts";
import { dayNumber } from "./uk_time.ts";
import { World } from "./world.ts";

// A winter fortnight and a summer fortnight, seen from the evening of 2025-08-31.
const NOW_MS = Date.parse("2025-08-31T21:00:00Z");
const TODAY = dayNumber("2025-08-31");
const DATES = [
  ...Array.from({ length: 14 }, (_, i) => dayNumber("2025-01-06") + i),
  ...Array.from({ length: 14 }, (_, i) => dayNumber("2025-07-07") + i),
];

const world = new World(42);
const cards: RacecardOddsProJson[] = [];
const results: ResultStandardJson[] = [];
for (const day of DATES) {
  for (const race of world.raceDay(day).races) {
    const card = world.racecard(race, NOW_MS, TODAY);
    if (card) cards.push(card);
    const result = world.result(race, NOW_MS);
    if (result) results.push(result);
  }
}
const cardRunners = cards.flatMap((c) => c.runners);
const resultRunners = results.flatMap((r) => r.runners);

function everyMatches(values: string[], pattern: RegExp): string[] {
  return [...new Set(values.filter((v) => !pattern.test(v)))].slice(0, 5);
}

Deno.test("racecards use the API's formats: ids, 12-hour off_time, off_dt with the UK offset", () => {
  assert.ok(cards.length > 900);
  assert.deepEqual(everyMatches(cards.map((c) => c.race_id), /^rac_\d{8,11}$/), []);
  assert.deepEqual(everyMatches(cards.map((c) => c.course_id), /^crs_\d+$/), []);
  assert.deepEqual(everyMatches(cards.map((c) => c.off_time), /^(1[0-2]|[1-9]):[0-5]\d$/), []);
  for (const c of cards) {
    assert.match(c.off_dt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:00\+0[01]:00$/);
    const hour = Number(c.off_dt.slice(11, 13));
    assert.equal(c.off_time, `${hour % 12 || 12}:${c.off_dt.slice(14, 16)}`);
    assert.equal(c.off_dt.endsWith("+01:00"), c.date >= "2025-03-30" && c.date < "2025-10-26");
  }
  assert.deepEqual(everyMatches(cards.map((c) => c.prize), /^([£€][\d]{1,3}(,\d{3})*)?$/), []);
  assert.deepEqual(everyMatches(cards.map((c) => c.region), /^[A-Z]{2,3}$/), []);
  assert.deepEqual(everyMatches(cards.map((c) => c.distance_f), /^\d+\.\d$/), []);
});

Deno.test("racecard runners: hyphen for no rating, claims in jockey names, NR numbers", () => {
  assert.deepEqual(everyMatches(cardRunners.map((r) => r.ofr), /^(\d+|-)$/), []);
  assert.deepEqual(everyMatches(cardRunners.map((r) => r.rpr), /^(\d+|-)$/), []);
  assert.deepEqual(everyMatches(cardRunners.map((r) => r.number), /^(\d+|NR)$/), []);
  assert.deepEqual(everyMatches(cardRunners.map((r) => r.horse_id), /^hrs_\d{7,11}$/), []);
  assert.deepEqual(everyMatches(cardRunners.map((r) => r.sire_id), /^sir_\d+$/), []);
  assert.deepEqual(
    everyMatches(cardRunners.map((r) => r.last_run), /^(\d+|\d+ \(\d+F\)|\(\d+F\)|)$/),
    [],
  );
  assert.ok(cardRunners.some((r) => r.ofr === "-"));
  assert.ok(cardRunners.some((r) => /^\D+\([357]\)$/.test(r.jockey)));
  assert.ok(cardRunners.some((r) => r.number === "NR" && r.jockey.startsWith("NON-RUNNER")));
  assert.ok(cardRunners.some((r) => r.last_run === ""));
  assert.ok(cardRunners.some((r) => r.form.includes("-")));
  const odds = cardRunners.flatMap((r) => r.odds);
  assert.ok(
    odds.some((o) => o.bookmaker === "Betfair Exchange" && /^\d+(\.\d+)?$/.test(o.fractional)),
  );
  assert.ok(odds.some((o) => /^\d+$/.test(o.fractional)));
  // Racecards never carry a history (every real capture has it empty); /v1/odds has it.
  assert.ok(odds.length > 0 && odds.every((o) => o.history.length === 0));
  const july = cards.find((c) => c.date >= "2025-07-07" && c.runners.some((r) => r.odds.length));
  const runner = july?.runners.find((r) => r.odds.length);
  const race = world.race(july?.race_id as string);
  assert.ok(race && runner);
  const served = world.runnerOdds(race, runner.horse_id, NOW_MS)?.odds ?? [];
  assert.ok(served.some((o) => o.history.length > 1));
  assert.deepEqual(
    everyMatches(odds.map((o) => o.updated), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
    [],
  );
  assert.ok(new Set(odds.map((o) => o.bookmaker)).size >= 20);
});

Deno.test("results use en dashes, suffixed names, SP markers and unpadded times", () => {
  assert.ok(results.length > 900);
  assert.deepEqual(everyMatches(resultRunners.map((r) => r.or), /^(\d+|\u2013)$/), []);
  assert.deepEqual(everyMatches(resultRunners.map((r) => r.rpr), /^(\d+|\u2013)$/), []);
  assert.deepEqual(everyMatches(resultRunners.map((r) => r.tsr), /^(\d+|\u2013)$/), []);
  assert.ok(resultRunners.some((r) => r.or === "\u2013"));
  assert.deepEqual(everyMatches(resultRunners.map((r) => r.horse), / \([A-Z]{2,3}\)$/), []);
  assert.deepEqual(
    everyMatches(resultRunners.map((r) => r.sp), /^((\d+\/\d+|Evens)[FJC]?|)$/),
    [],
  );
  assert.ok(resultRunners.some((r) => r.sp.endsWith("F")));
  assert.ok(resultRunners.some((r) => /^\d+\/10F?$/.test(r.sp)), "tote-style SP from abroad");
  assert.deepEqual(everyMatches(resultRunners.map((r) => r.sp_dec), /^(\d+\.\d\d|)$/), []);
  assert.deepEqual(everyMatches(resultRunners.map((r) => r.btn), /^(0|\d*\.?\d+|-)$/), []);
  assert.ok(resultRunners.some((r) => /^\.\d+$/.test(r.btn)), "leading-dot margins");
  assert.deepEqual(everyMatches(resultRunners.map((r) => r.time), /^(\d+:\d{1,2}\.\d\d|-)$/), []);
  assert.ok(resultRunners.some((r) => /^\d+:\d\.\d\d$/.test(r.time)), "unpadded seconds");
  const positions = new Set(resultRunners.map((r) => r.position).filter((p) => !/^\d+$/.test(p)));
  for (const code of ["PU", "UR", "F", "BD", "NR"]) {
    assert.ok(positions.has(code), `position ${code}`);
  }
  assert.deepEqual(
    everyMatches(resultRunners.map((r) => r.prize), /^(\d+(\.\d\d)?|[€$]\d+|)$/),
    [],
  );
  assert.ok(resultRunners.some((r) => /^€\d+$/.test(r.prize)));
  assert.ok(resultRunners.some((r) => /^\d+\.\d\d$/.test(r.prize)));
  assert.ok(results.some((r) => / \(IRE\)$/.test(r.course) && r.region === "IRE"));
  assert.ok(results.some((r) => r.course.endsWith("(AW)") && r.region === "GB"));
  assert.ok(results.some((r) => r.course.endsWith("(AW) (IRE)")));
  assert.ok(results.some((r) => r.tote_pl.split(" ").length === 3 && r.tote_pl.startsWith("£")));
  assert.ok(results.some((r) => r.non_runners.includes("(")));
  assert.deepEqual(everyMatches(results.map((r) => r.dist_f), /^\d+(\.5)?f$/), []);
  assert.ok(resultRunners.every((r) => r.bsp !== undefined), "2025 results carry bsp");
});

Deno.test("results before 2025 carry no bsp, and 2026 results have some empty owner ids", () => {
  const older = world.raceDay("2024-05-04").races.map((r) => world.result(r, NOW_MS)).filter((r) =>
    r !== null
  );
  assert.ok(older.length > 20);
  assert.ok(older.every((r) => r.runners.every((x) => !("bsp" in x))));
  const later = Date.parse("2026-02-01T00:00:00Z");
  const owners = [];
  for (let day = dayNumber("2026-01-05"); day < dayNumber("2026-01-15"); day++) {
    for (const race of world.raceDay(day).races) {
      owners.push(...(world.result(race, later)?.runners ?? []).map((r) => r.owner_id));
    }
  }
  assert.ok(owners.includes(""));
  assert.ok(owners.filter((o) => o === "").length < owners.length * 0.1);
});
