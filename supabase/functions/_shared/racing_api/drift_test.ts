import { deepStrictEqual as assertEquals, strictEqual as assertSame } from "node:assert/strict";
import { z } from "zod";
import { DriftReporter, findUnknownFields } from "./drift.ts";
import { RacecardsProPageSchema } from "./racecard_schemas.ts";
import { RegionsSchema } from "./reference_schemas.ts";
import { ResultsPageSchema } from "./result_schemas.ts";

/** A minimal pro runner: only what the drift walk needs, plus the extras under test. */
function runner(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    horse_id: "hrs_57816129",
    horse: "Seneque",
    number: "1",
    trainer_14_days: { runs: "24", wins: "4", percent: "17" },
    odds: [{
      bookmaker: "Bet365",
      fractional: "11/4",
      decimal: "3.75",
      ew_places: "3",
      ew_denom: "5",
      updated: "2025-10-14 13:43:08",
      history: [{ changed_at: "2025-10-14T12:00:00+01:00", decimal: "4.0", surprise: true }],
    }],
    ...extra,
  };
}

Deno.test("findUnknownFields() finds nothing in a payload made of declared keys", () => {
  const page = {
    racecards: [{ race_id: "rac_1", course_id: "crs_1", runners: [runner(), runner()] }],
    total: 1,
    limit: 500,
    skip: 0,
    query: [["date", "2025-10-07"]],
  };
  assertEquals(findUnknownFields(RacecardsProPageSchema, page), []);
});

Deno.test("findUnknownFields() names new keys with array indexes collapsed, once each", () => {
  const page = {
    racecards: [
      {
        race_id: "rac_1",
        race_status: "",
        going_stick: "7.2",
        runners: [runner({ new_field: "x" }), runner({ new_field: "y", gelded_on: "" })],
      },
      { race_id: "rac_2", going_stick: "6.9", runners: [runner({ new_field: "z" })] },
    ],
    total: 2,
    limit: 500,
    skip: 0,
    request_id: "abc",
  };
  assertEquals(findUnknownFields(RacecardsProPageSchema, page), [
    "racecards[].going_stick",
    "racecards[].runners[].gelded_on",
    "racecards[].runners[].new_field",
    "request_id",
  ]);
});

Deno.test("findUnknownFields() looks inside nested objects and arrays of objects", () => {
  const page = {
    racecards: [{
      race_id: "rac_1",
      runners: [
        runner({
          trainer_14_days: { runs: "24", wins: "4", percent: "17", places: "6" },
          medical: [{ date: "2025-03-24", type: "Wind Surgery", vet: "A" }],
        }),
      ],
    }],
  };
  const runnerWithNewOddsField = runner();
  const [odds] = runnerWithNewOddsField.odds as Record<string, unknown>[];
  runnerWithNewOddsField.odds = [{ ...odds, place_terms: "1/5" }];
  (page.racecards[0]?.runners as unknown[]).push(runnerWithNewOddsField);
  assertEquals(findUnknownFields(RacecardsProPageSchema, page), [
    "racecards[].runners[].medical[].vet",
    "racecards[].runners[].odds[].place_terms",
    "racecards[].runners[].trainer_14_days.places",
  ]);
});

Deno.test("findUnknownFields() reports an unknown object once, not its inner keys", () => {
  const page = {
    results: [{ race_id: "rac_1", sectionals: { f1: "12.1", f2: "11.8" }, runners: [] }],
    total: 1,
  };
  assertEquals(findUnknownFields(ResultsPageSchema, page), ["results[].sectionals"]);
});

Deno.test("findUnknownFields() passes over nulls, wrong types and opaque odds movements", () => {
  // history items are opaque by design (see OddsHistorySchema), so "surprise" is not reported.
  assertEquals(
    findUnknownFields(RacecardsProPageSchema, { racecards: [{ runners: [runner()] }] }),
    [],
  );
  assertEquals(findUnknownFields(ResultsPageSchema, { results: null, total: 0 }), []);
  assertEquals(findUnknownFields(ResultsPageSchema, { results: "oops" }), []);
  assertEquals(findUnknownFields(ResultsPageSchema, null), []);
  assertEquals(findUnknownFields(ResultsPageSchema, [{ a: 1 }]), []);
});

Deno.test("findUnknownFields() walks a bare array payload", () => {
  const regions = [
    { region: "Ireland", region_code: "ire" },
    { region: "Spain", region_code: "spa", flag: "es" },
  ];
  assertEquals(findUnknownFields(RegionsSchema, regions), ["[].flag"]);
});

Deno.test("findUnknownFields() sees through unions, pipes, defaults and lazy schemas", () => {
  const schema = z.object({
    either: z.union([z.string(), z.object({ a: z.string() })]),
    piped: z.object({ b: z.string() }).pipe(z.object({ b: z.string() })),
    defaulted: z.object({ c: z.string() }).default({ c: "" }),
    later: z.lazy(() => z.array(z.object({ d: z.string() }))),
  });
  const payload = {
    either: { a: "1", a2: "2" },
    piped: { b: "1", b2: "2" },
    defaulted: { c: "1", c2: "2" },
    later: [{ d: "1", d2: "2" }],
  };
  assertEquals(findUnknownFields(schema, payload), [
    "defaulted.c2",
    "either.a2",
    "later[].d2",
    "piped.b2",
  ]);
});

Deno.test("DriftReporter.drain() returns each field once per run", () => {
  const reporter = new DriftReporter();
  assertSame(reporter.report("racecards", ["racecards[].going_stick", "request_id"]), 2);
  assertSame(reporter.report("racecards", ["request_id"]), 0);
  assertSame(reporter.report("results", ["request_id"]), 1);
  assertEquals(reporter.drain(), [
    { kind: "racecards", field: "racecards[].going_stick" },
    { kind: "racecards", field: "request_id" },
    { kind: "results", field: "request_id" },
  ]);
  assertEquals(reporter.drain(), []);
  assertSame(reporter.report("racecards", ["request_id", "racecards[].runners[].new_field"]), 1);
  assertEquals(reporter.drain(), [{ kind: "racecards", field: "racecards[].runners[].new_field" }]);
});
