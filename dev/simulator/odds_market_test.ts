import assert from "node:assert/strict";
import { BOOKMAKERS, booksOfDay, UNKNOWN_BOOKMAKERS } from "./odds.ts";
import { marketMoves } from "./odds_market.ts";
import type { OddsTruth } from "./payload_types.ts";
import type { Race } from "./race_model.ts";
import { marketOf } from "./race_result.ts";
import { fractionDecimal } from "./racing_formats.ts";
import { dayNumber } from "./uk_time.ts";
import { isHomeRace, World } from "./world.ts";

const world = new World(42);

/** A GB race of a date with a decent field, off in the afternoon. */
function afternoonRace(date: string): Race {
  const race = world.raceDay(date).races.find((r) =>
    r.course.regionCode === "gb" && !r.abandoned && r.entries.length >= 8 &&
    r.offMinutes >= 13 * 60
  );
  assert.ok(race, `a GB afternoon race on ${date}`);
  return race;
}

/** The truth's price and stamp of each (runner, book) at a BST instant, keyed "horse book". */
function truthAt(truth: OddsTruth, atMs: number): Map<string, string> {
  const out = new Map<string, string>();
  for (const runner of truth.runners) {
    for (const book of runner.books) {
      const last = book.changes.filter((c) => c.at_ms <= atMs).at(-1);
      if (last) {
        out.set(
          `${runner.horse_id} ${book.bookmaker}`,
          `${last.fractional} ${ukStampByHand(last.at_ms, 60)}`,
        );
      }
    }
  }
  return out;
}

Deno.test("racecard prices at two instants are the truth's prices standing at each", () => {
  const race = afternoonRace("2025-06-14");
  const truth = world.oddsTruth(race.id) as OddsTruth;
  const early = race.offUtcMs - 90 * 60_000;
  const late = race.offUtcMs - 2 * 60_000;
  const shown = (nowMs: number) => {
    const out = new Map<string, string>();
    for (const runner of world.racecard(race, nowMs)?.runners ?? []) {
      for (const o of runner.odds) {
        out.set(`${runner.horse_id} ${o.bookmaker}`, `${o.fractional} ${o.updated}`);
      }
    }
    return out;
  };
  assert.deepEqual(shown(early), truthAt(truth, early));
  assert.deepEqual(shown(late), truthAt(truth, late));
  const moved = [...truthAt(truth, late)].filter(([key, v]) =>
    truthAt(truth, early).get(key) !== v
  );
  assert.ok(moved.length > 10, `only ${moved.length} prices moved in the last 88 minutes`);
});

/** "YYYY-MM-DD HH:MM:SS" of an instant shifted by a UK offset given by hand. */
function ukStampByHand(atMs: number, offsetMinutes: number): string {
  return new Date(atMs + offsetMinutes * 60_000).toISOString().slice(0, 19).replace("T", " ");
}

Deno.test("updated is the change's moment in UK local time, in BST and in GMT", () => {
  for (
    const [date, offset, openUtc] of [
      ["2025-06-14", 60, "2025-06-14T07:00:00Z"],
      ["2025-12-27", 0, "2025-12-27T08:00:00Z"],
    ] as const
  ) {
    const race = afternoonRace(date);
    const truth = world.oddsTruth(race.id) as OddsTruth;
    const runner = truth.runners.find((r) => r.books.length) as OddsTruth["runners"][number];
    // The market opens at 08:00 UK: 07:00 UTC in summer, 08:00 UTC in winter.
    assert.ok(runner.books.every((b) => b.changes[0]?.at_ms === Date.parse(openUtc)));
    const atOpen = world.racecard(race, Date.parse(openUtc))?.runners
      .find((r) => r.horse_id === runner.horse_id)?.odds ?? [];
    assert.equal(atOpen.length, runner.books.length);
    assert.ok(atOpen.every((o) => o.updated === `${date} 08:00:00`));
    const card = world.racecard(race, race.offUtcMs + 3600_000);
    const odds = card?.runners.find((r) => r.horse_id === runner.horse_id)?.odds ?? [];
    for (const book of runner.books) {
      const last = book.changes.at(-1) as (typeof book.changes)[number];
      const item = odds.find((o) => o.bookmaker === book.bookmaker);
      assert.equal(item?.updated, ukStampByHand(last.at_ms, offset));
      assert.equal(item?.fractional, last.fractional);
      assert.equal(item?.decimal, last.decimal);
      assert.equal(item?.ew_places, last.ew_places);
    }
  }
});

Deno.test("racecards: no odds before 08:00 on the day, history always empty, frozen after the off", () => {
  const race = afternoonRace("2025-06-14");
  const beforeOpen = world.racecard(race, Date.parse("2025-06-14T06:59:59Z"));
  assert.ok(beforeOpen?.runners.every((r) => r.odds.length === 0));
  const dayBefore = world.racecard(race, Date.parse("2025-06-13T18:00:00Z"));
  assert.ok(dayBefore?.runners.every((r) => r.odds.length === 0));
  const atOff = world.racecard(race, race.offUtcMs);
  const later = world.racecard(race, race.offUtcMs + 5 * 3600_000);
  assert.deepEqual(later, atOff);
  const odds = [...(atOff?.runners ?? [])].flatMap((r) => r.odds);
  assert.ok(odds.length > 100);
  assert.ok(odds.every((o) => Array.isArray(o.history) && o.history.length === 0));
  assert.ok(odds.every((o) => o.updated <= ukStampByHand(race.offUtcMs, 60)));
  const nonRunner = race.entries.findIndex((e) => e.nonRunner);
  if (nonRunner >= 0) assert.deepEqual(atOff?.runners[nonRunner]?.odds, []);
});

Deno.test("the market moves every 20-120 s in the last 5 minutes, and books change only then", () => {
  let lastFive = 0;
  for (const race of world.raceDay("2025-06-14").races.filter(isHomeRace)) {
    const moves = marketMoves(race);
    assert.ok(moves.every((at, i) => i === 0 || at > (moves[i - 1] as number)));
    assert.ok((moves.at(-1) as number) < race.offUtcMs);
    for (let i = 1; i < moves.length; i++) {
      const gap = (moves[i] as number) - (moves[i - 1] as number);
      const toOff = race.offUtcMs - (moves[i] as number);
      if (toOff <= 5 * 60_000) {
        lastFive++;
        assert.ok(gap >= 20_000 && gap <= 120_000, `gap ${gap} ms ${toOff} ms before the off`);
      } else if (toOff > 30 * 60_000 && i > 1) {
        assert.ok(gap >= 300_000 && gap <= 1_800_000, `gap ${gap} ms ${toOff} ms before the off`);
      }
    }
    const truth = world.oddsTruth(race.id) as OddsTruth;
    const moments = new Set(moves);
    for (const runner of truth.runners) {
      for (const book of runner.books) {
        assert.ok(book.changes.every((c) => moments.has(c.at_ms)));
        // A change is a change: the displayed price differs from the one before.
        assert.ok(
          book.changes.every((c, i) => i === 0 || c.fractional !== book.changes[i - 1]?.fractional),
        );
      }
    }
  }
  assert.ok(lastFive > 100);
});

Deno.test("prices end near the SP, '-' and 'SP' lines stay so all day, foreign races have none", () => {
  const logGaps: number[] = [];
  const fixed: string[] = [];
  for (const race of world.raceDay("2025-06-14").races) {
    const truth = world.oddsTruth(race.id) as OddsTruth;
    if (!isHomeRace(race)) {
      assert.ok(truth.runners.every((r) => r.books.length === 0));
      assert.ok(world.racecard(race, race.offUtcMs)?.runners.every((r) => r.odds.length === 0));
      continue;
    }
    const market = marketOf(race);
    truth.runners.forEach((runner, i) => {
      const sp = fractionDecimal(market[i]?.spIndex as number);
      for (const book of runner.books) {
        const last = book.changes.at(-1);
        if (last && Number(last.decimal) > 1) {
          logGaps.push(Math.abs(Math.log(Number(last.decimal) - 1) - Math.log(sp - 1)));
        } else {
          assert.equal(book.changes.length, 1);
          fixed.push(`${last?.fractional}|${last?.decimal}|${last?.ew_places}`);
        }
      }
    });
  }
  logGaps.sort((a, b) => a - b);
  assert.ok((logGaps[Math.floor(logGaps.length / 2)] as number) < 0.12, "median gap to SP");
  assert.ok(fixed.some((f) => f === "-|-|"));
  assert.ok(fixed.some((f) => f.startsWith("SP|0|")));
  assert.ok(fixed.every((f) => f === "-|-|" || f.startsWith("SP|0|")));
});

Deno.test("bookmaker names vary by day; an unknown book is quoted on about one day in ten", () => {
  const seen = new Set<string>();
  let unknownDays = 0;
  const unknown = new Set(UNKNOWN_BOOKMAKERS.map((b) => b.name));
  const first = dayNumber("2025-01-01");
  for (let day = first; day < first + 365; day++) {
    const names = booksOfDay(42, day).map((b) => b.name);
    names.forEach((n) => seen.add(n));
    const strangers = names.filter((n) => unknown.has(n));
    assert.ok(strangers.length <= 1);
    if (strangers.length) unknownDays++;
  }
  assert.ok(unknownDays >= 15 && unknownDays <= 60, `${unknownDays} days with an unknown book`);
  for (const name of ["Spread Ex", "SportingIndex", "Bet Victor", "Boyle Sports", "888 Sport"]) {
    assert.ok(seen.has(name), name);
  }
  for (const book of BOOKMAKERS) assert.ok(seen.has(book.name), book.name);
  // Every race of a day quotes the same names; the stranger shows on the cards of its day.
  let day = first;
  while (booksOfDay(42, day).length === BOOKMAKERS.length) day++;
  const names = booksOfDay(42, day).map((b) => b.name);
  const race = world.raceDay(day).races.find((r) => isHomeRace(r) && !r.abandoned) as Race;
  const served = new Set(
    world.oddsTruth(race.id)?.runners.flatMap((r) => r.books.map((b) => b.bookmaker)),
  );
  assert.deepEqual([...served].sort(), [...names].sort());
});

Deno.test("oddsTruth is deterministic for a seed and differs between seeds", () => {
  const race = afternoonRace("2025-04-22");
  const again = new World(42);
  assert.deepEqual(again.oddsTruth(race.id), world.oddsTruth(race.id));
  assert.notDeepEqual(new World(43).oddsTruth(race.id), world.oddsTruth(race.id));
  assert.equal(world.oddsTruth("rac_0"), null);
});
