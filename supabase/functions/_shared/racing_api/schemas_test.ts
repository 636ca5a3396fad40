import {
  deepStrictEqual as assertEquals,
  strictEqual as assertSame,
  throws,
} from "node:assert/strict";
import {
  CoursesPageSchema,
  formatPayloadPath,
  HorseProSchema,
  HorseStandardSchema,
  parseApiPayload,
  PayloadValidationError,
  RacecardProSchema,
  RacecardsProPageSchema,
  RegionsSchema,
  ResultSchema,
  ResultsPageSchema,
} from "./schemas.ts";
import {
  EN_DASH,
  horsePro,
  proRacecard,
  proRunner,
  result,
  resultRunner,
} from "./test_payloads.ts";

function racecardsPage(): Record<string, unknown> {
  return {
    racecards: [proRacecard()],
    total: 1,
    limit: 500,
    skip: 0,
    query: [["date", "2025-10-07"], ["region_codes", "gb"], ["region_codes", "ire"]],
  };
}

function resultsPage(): Record<string, unknown> {
  return { results: [result()], total: 1, limit: 100, skip: 0, query: [["region", "ire"]] };
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

Deno.test("ResultsPageSchema accepts results with a PU runner, en dashes and euro prizes", () => {
  const page = parseApiPayload(ResultsPageSchema, resultsPage(), "results page");
  const race = page.results?.[0];
  assertSame(race?.course, "Dundalk (AW) (IRE)");
  assertSame(race?.dist_m, "2400.0");
  assertEquals(race?.runners.map((r) => [r.position, r.btn, r.rpr, r.prize]), [
    ["1", "0", EN_DASH, "€5900"],
    ["PU", "-", EN_DASH, ""],
  ]);
  assertSame(race?.runners[1]?.owner_id, "");
});

Deno.test("ResultsPageSchema accepts null results and runners without bsp", () => {
  const empty = { results: null, total: 0, limit: 100, skip: 0, query: [] };
  assertSame(parseApiPayload(ResultsPageSchema, empty, "results page").results, null);
  const race = result();
  race.runners = [resultRunner({ bsp: undefined, jockey_claim_lbs: undefined })];
  delete race.off_dt;
  delete race.winning_time_detail;
  const parsed = parseApiPayload(ResultSchema, race, "result");
  assertSame(parsed.runners[0]?.bsp, undefined);
  assertSame(parsed.off_dt, undefined);
});

Deno.test("parseApiPayload() names the result runner path of a missing horse_id", () => {
  const page = { ...resultsPage(), results: [result(), result(), result(), result()] };
  const fourth = (page.results[3] as Record<string, unknown>).runners as Record<string, unknown>[];
  fourth.push(resultRunner({ horse_id: undefined }));
  const error = validationErrorOf(() => parseApiPayload(ResultsPageSchema, page, "results page"));
  assertSame(
    error.message,
    "Cannot parse results page payload: results[3].runners[2].horse_id: expected string, " +
      "received undefined",
  );
});

Deno.test("PayloadValidationError lists five issues, counts the rest and shows no values", () => {
  const secretLooking = "x".repeat(500);
  const runners = Array.from({ length: 7 }, () => resultRunner({ horse_id: secretLooking }));
  const race = { ...result(), runners };
  const error = validationErrorOf(() => parseApiPayload(ResultSchema, race, "result"));
  assertSame(error.issues.length, 7);
  assertSame(error.message.includes(secretLooking), false);
  assertSame(error.message.startsWith("Cannot parse result payload: runners[0].horse_id: "), true);
  assertSame(error.message.includes("runners[4].horse_id"), true);
  assertSame(error.message.includes("runners[5].horse_id"), false);
  assertSame(error.message.endsWith("; and 2 more"), true);
});

Deno.test("parseApiPayload() reports a non-object payload at the root", () => {
  const error = validationErrorOf(() => parseApiPayload(ResultsPageSchema, "<html>", "results"));
  assertSame(
    error.message,
    "Cannot parse results payload: (root): expected object, received string",
  );
});

Deno.test("formatPayloadPath() joins keys with dots and indexes with brackets", () => {
  assertSame(formatPayloadPath([]), "(root)");
  assertSame(
    formatPayloadPath(["results", 3, "runners", 2, "horse_id"]),
    "results[3].runners[2].horse_id",
  );
  assertSame(formatPayloadPath([0, "region_code"]), "[0].region_code");
});

Deno.test("HorseProSchema and HorseStandardSchema read profiles with gaps", () => {
  const pro = parseApiPayload(HorseProSchema, horsePro(), "horse pro");
  assertSame(pro.sire_id, "sir_3188248");
  const standard = parseApiPayload(HorseStandardSchema, {
    id: "hrs_6181308",
    name: "Flaggan (IRE)",
    damsire: "",
    damsire_id: "",
    dam: null,
  }, "horse standard");
  assertSame(standard.damsire_id, "");
  assertSame(standard.sire_id, undefined);
  throws(() => parseApiPayload(HorseProSchema, { id: "sir_3188248" }, "horse pro"), /id: /);
});

Deno.test("CoursesPageSchema and RegionsSchema read the reference lists", () => {
  const courses = parseApiPayload(CoursesPageSchema, {
    courses: [
      { id: "crs_28054", course: "Kempton (AW)", region_code: "gb", region: "Great Britain" },
      { id: "crs_13780", course: "La Plata", region_code: "arg", region: "Argentina" },
    ],
    total: 2,
  }, "courses");
  assertEquals(courses.courses.map((c) => c.region_code), ["gb", "arg"]);
  const regions = parseApiPayload(RegionsSchema, [
    { region: "Ireland", region_code: "ire" },
    { region: "Spain", region_code: "spa" },
  ], "regions");
  assertSame(regions[1]?.region_code, "spa");
  throws(
    () => parseApiPayload(RegionsSchema, [{ region: "Spain" }], "regions"),
    /\[0\]\.region_code: expected string, received undefined/,
  );
  throws(
    () => parseApiPayload(CoursesPageSchema, { courses: [] }, "courses"),
    /total: expected number, received undefined/,
  );
});
