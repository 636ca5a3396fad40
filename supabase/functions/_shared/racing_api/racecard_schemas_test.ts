import {
  deepStrictEqual as assertEquals,
  strictEqual as assertSame,
  throws,
} from "node:assert/strict";
import { parseApiPayload, PayloadValidationError } from "./parse_payload.ts";
import { RacecardProSchema, RacecardsProPageSchema } from "./racecard_schemas.ts";
import { proRacecard, proRunner } from "./test_payloads.ts";

function racecardsPage(): Record<string, unknown> {
  return {
    racecards: [proRacecard()],
    total: 1,
    limit: 500,
    skip: 0,
    query: [["date", "2025-10-07"], ["region_codes", "gb"], ["region_codes", "ire"]],
  };
}

/** Runs `fn` and returns the PayloadValidationError it throws. */
function validationErrorOf(fn: () => unknown): PayloadValidationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof PayloadValidationError) return error;
    throw error;
  }
  throw new Error("Expected a PayloadValidationError, but nothing was thrown");
}

Deno.test("RacecardsProPageSchema accepts a pro page with a runner and a non-runner", () => {
  const page = parseApiPayload(RacecardsProPageSchema, racecardsPage(), "racecards page");
  assertSame(page.total, 1);
  const race = page.racecards[0];
  assertSame(race?.race_id, "rac_11775764");
  assertSame(race?.off_dt, "2025-10-07T13:30:00+01:00");
  assertSame(race?.prize, "€5,900");
  assertEquals(race?.runners.map((r) => [r.horse_id, r.number, r.jockey_id]), [
    ["hrs_57816129", "1", "jky_266550"],
    ["hrs_17393577719", "NR", ""],
  ]);
  assertSame(race?.runners[1]?.comment, null);
  assertSame(race?.runners[0]?.odds?.[0]?.fractional, "11/4");
  assertSame(race?.runners[0]?.odds?.[0]?.history?.length, 1);
  assertSame(race?.runners[0]?.trainer_14_days?.percent, "17");
});

Deno.test("RacecardProSchema tolerates missing optional fields and null free text", () => {
  const card = proRacecard();
  delete card.off_dt;
  delete card.race_status;
  delete card.big_race;
  delete card.tip;
  const runner = proRunner();
  for (const key of ["odds", "quotes", "medical", "trainer_14_days", "dam_region", "headgear"]) {
    delete runner[key];
  }
  runner.spotlight = null;
  runner.breeder = null;
  card.runners = [runner];
  const race = parseApiPayload(RacecardProSchema, card, "racecard");
  assertSame(race.off_dt, undefined);
  assertSame(race.runners[0]?.odds, undefined);
  assertSame(race.runners[0]?.breeder, null);
});

Deno.test("RacecardProSchema accepts unknown fields and leaves them out of the parsed card", () => {
  const card = proRacecard();
  card.new_race_field = { nested: 1 };
  (card.runners as Record<string, unknown>[])[0]!.new_runner_field = "x";
  const race = parseApiPayload(RacecardProSchema, card, "racecard");
  // drift.ts reports them from the payload, and the archive keeps the body as received.
  assertEquals("new_race_field" in race, false);
  assertEquals("new_runner_field" in race.runners[0]!, false);
  assertEquals(race.race_id, card.race_id);
});

Deno.test("RacecardProSchema accepts an odds item without history and a blank off_dt", () => {
  const card = proRacecard();
  card.off_dt = "";
  const runner = proRunner();
  runner.odds = [{
    bookmaker: "Bet365",
    fractional: "SP",
    decimal: "0",
    ew_places: "",
    ew_denom: "",
    updated: "2023-05-02 12:36:43",
  }];
  card.runners = [runner];
  const race = parseApiPayload(RacecardProSchema, card, "racecard");
  assertSame(race.off_dt, "");
  assertSame(race.runners[0]?.odds?.[0]?.history, undefined);
});

Deno.test("OddsHistorySchema checks that price movements are an array, not their items", () => {
  const card = proRacecard();
  const runner = proRunner();
  const [bet365] = runner.odds as Record<string, unknown>[];
  runner.odds = [{ ...bet365, history: [{ changed_at: 20251014 }, "odd"] }];
  card.runners = [runner];
  assertSame(parseApiPayload(RacecardProSchema, card, "racecard").runners.length, 1);
  runner.odds = [{ ...bet365, history: "3/1 then 11/4" }];
  throws(
    () => parseApiPayload(RacecardProSchema, card, "racecard"),
    /^PayloadValidationError: Cannot parse racecard payload: runners\[0\]\.odds\[0\]\.history: expected array$/,
  );
});

Deno.test("RacecardsProPageSchema rejects a missing horse_id with its path", () => {
  const page = racecardsPage();
  const race = (page.racecards as Record<string, unknown>[])[0] as Record<string, unknown>;
  delete (race.runners as Record<string, unknown>[])[1]?.horse_id;
  const error = validationErrorOf(() => parseApiPayload(RacecardsProPageSchema, page, "racecards"));
  assertSame(error.name, "PayloadValidationError");
  assertSame(error.kind, "racecards");
  assertSame(
    error.message,
    "Cannot parse racecards payload: racecards[0].runners[1].horse_id: expected string, " +
      "received undefined",
  );
  assertEquals(error.issues, [{
    path: "racecards[0].runners[1].horse_id",
    reason: "expected string, received undefined",
  }]);
});

Deno.test("RacecardProSchema rejects malformed ids, dates and off_dt", () => {
  const badRaceId = { ...proRacecard(), race_id: "11775764" };
  throws(() => parseApiPayload(RacecardProSchema, badRaceId, "racecard"), /^.*race_id: /);
  const badDate = { ...proRacecard(), date: "07/10/2025" };
  throws(() => parseApiPayload(RacecardProSchema, badDate, "racecard"), /date: Invalid string/);
  const noOffset = { ...proRacecard(), off_dt: "2025-10-07T13:30:00" };
  throws(() => parseApiPayload(RacecardProSchema, noOffset, "racecard"), /off_dt: /);
  const twelveHour = { ...proRacecard(), off_dt: "1:30" };
  throws(() => parseApiPayload(RacecardProSchema, twelveHour, "racecard"), /off_dt: /);
  const badJockey = proRacecard();
  badJockey.runners = [{ ...proRunner(), jockey_id: "266550" }];
  throws(
    () => parseApiPayload(RacecardProSchema, badJockey, "racecard"),
    /runners\[0\]\.jockey_id: /,
  );
});

Deno.test("RacecardsProPageSchema demands integer totals and a runners array", () => {
  const stringTotal = { ...racecardsPage(), total: "1" };
  throws(
    () => parseApiPayload(RacecardsProPageSchema, stringTotal, "racecards"),
    /total: expected number, received string/,
  );
  const fractionalSkip = { ...racecardsPage(), skip: 1.5 };
  throws(() => parseApiPayload(RacecardsProPageSchema, fractionalSkip, "racecards"), /skip: /);
  const page = racecardsPage();
  page.racecards = [{ ...proRacecard(), runners: null }];
  throws(
    () => parseApiPayload(RacecardsProPageSchema, page, "racecards"),
    /racecards\[0\]\.runners: expected array, received null/,
  );
});
