import { deepStrictEqual as assertEquals, strictEqual as assertSame } from "node:assert/strict";
import {
  parseDraw,
  parseLastRunDays,
  parseRating,
  parseRunnerNumber,
  parseWeightLbs,
} from "./runner_figures.ts";

const EN_DASH = "\u2013";

Deno.test("parseRating() reads ratings; racecard '-' and result '–' mean unrated", () => {
  assertSame(parseRating("118"), 118);
  assertSame(parseRating("-"), null);
  assertSame(parseRating(EN_DASH), null);
  assertSame(parseRating(""), null);
});

Deno.test("parseWeightLbs() converts stones-pounds to pounds", () => {
  assertSame(parseWeightLbs("9-7"), 133);
  assertSame(parseWeightLbs("9-5"), 131);
  assertSame(parseWeightLbs("10-0"), 140);
  assertSame(parseWeightLbs("9-14"), null);
  assertSame(parseWeightLbs("133"), null);
  assertSame(parseWeightLbs(""), null);
});

Deno.test("parseLastRunDays() takes the leading integer or null", () => {
  assertSame(parseLastRunDays("95"), 95);
  assertSame(parseLastRunDays("128 (9F)"), 128);
  assertSame(parseLastRunDays("(32F)"), null);
  assertSame(parseLastRunDays(""), null);
});

Deno.test("parseDraw() keeps the API's 0 and maps blanks to null", () => {
  assertSame(parseDraw("3"), 3);
  assertSame(parseDraw("0"), 0);
  assertSame(parseDraw(""), null);
});

Deno.test("parseRunnerNumber() flags NR as a non-runner", () => {
  assertEquals(parseRunnerNumber("7"), { number: 7, non_runner: false });
  assertEquals(parseRunnerNumber("NR"), { number: null, non_runner: true });
  assertEquals(parseRunnerNumber(""), { number: null, non_runner: false });
});
