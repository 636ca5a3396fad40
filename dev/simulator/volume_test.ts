import assert from "node:assert/strict";
import { dayNumber, weekdayOf } from "./uk_time.ts";
import { isHomeRace, World } from "./world.ts";

Deno.test("a simulated year of GB+IRE racing has a realistic volume, field size and shape", () => {
  const world = new World(42);
  const start = dayNumber("2024-03-01");
  let races = 0;
  let runners = 0;
  const perDay: number[] = [];
  const byWeekday = [0, 0, 0, 0, 0, 0, 0];
  let summerFlat = 0;
  let summerJumps = 0;
  let winterFlat = 0;
  let winterJumps = 0;
  let winterAw = 0;
  let abandoned = 0;
  for (let day = start; day < start + 365; day++) {
    const home = world.raceDay(day).races.filter(isHomeRace);
    const run = home.filter((r) => !r.abandoned);
    abandoned += home.length - run.length;
    races += run.length;
    runners += run.reduce((sum, r) => sum + r.entries.filter((e) => !e.nonRunner).length, 0);
    perDay.push(run.length);
    byWeekday[weekdayOf(day)] = (byWeekday[weekdayOf(day)] as number) + run.length;
    const month = Number(world.raceDay(day).date.slice(5, 7));
    for (const r of run) {
      if (month >= 6 && month <= 8) r.code === "flat" ? summerFlat++ : summerJumps++;
      if (month === 12 || month <= 2) {
        r.code === "flat" ? winterFlat++ : winterJumps++;
        if (r.course.aw) winterAw++;
      }
    }
  }
  const averageField = runners / races;
  assert.ok(races >= 9000 && races <= 14000, `races in a year: ${races}`);
  assert.ok(averageField >= 8 && averageField <= 12, `average field: ${averageField}`);
  const sorted = [...perDay].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] as number;
  assert.ok(median >= 28 && median <= 45, `median races a day: ${median}`);
  assert.ok(
    (byWeekday[6] as number) > (byWeekday[1] as number) * 1.2,
    "Saturdays are busier than Mondays",
  );
  assert.ok(summerFlat > summerJumps * 2, "summer is the flat season");
  assert.ok(winterJumps > winterFlat, "winter is the jumps season");
  assert.equal(winterAw, winterFlat, "winter flat racing is on the all-weather");
  assert.ok(abandoned > 0 && abandoned < races * 0.02, `abandoned: ${abandoned}`);
});

Deno.test("no GB or IRE racing on 24 and 25 December; Boxing Day is a big jumps day", () => {
  const world = new World(42);
  assert.equal(world.raceDay("2024-12-24").races.filter(isHomeRace).length, 0);
  assert.equal(world.raceDay("2024-12-25").races.filter(isHomeRace).length, 0);
  const boxingDay = world.raceDay("2024-12-26").races.filter(isHomeRace);
  assert.ok(boxingDay.filter((r) => r.code === "jumps").length >= 30, "Boxing Day jumps");
});

Deno.test("courses: about 70 GB and 30 IRE, AW courses named '(AW)', foreign courses too", () => {
  const world = new World(42);
  const gb = world.courses.filter((c) => c.regionCode === "gb");
  const ire = world.courses.filter((c) => c.regionCode === "ire");
  assert.ok(gb.length >= 65 && gb.length <= 75, `GB courses: ${gb.length}`);
  assert.ok(ire.length >= 26 && ire.length <= 34, `IRE courses: ${ire.length}`);
  assert.ok(gb.some((c) => c.name === "Kempton (AW)" && c.aw));
  assert.ok(ire.some((c) => c.name === "Dundalk (AW)" && c.aw));
  for (const region of ["fr", "usa", "aus", "ger"]) {
    assert.ok(world.courses.some((c) => c.regionCode === region));
  }
  assert.equal(new Set(world.courses.map((c) => c.id)).size, world.courses.length);
});
