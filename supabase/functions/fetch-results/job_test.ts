import assert from "node:assert/strict";
import { FetchResultsBodySchema, rangeProblems } from "./job.ts";

const TODAY = "2026-12-02";

function rangeBody(start_date: string, end_date: string) {
  return FetchResultsBodySchema.parse({ mode: "range", start_date, end_date });
}

function fieldsOf(start_date: string, end_date: string): string[] {
  return rangeProblems(rangeBody(start_date, end_date), TODAY).map((problem) => problem.field);
}

Deno.test("rangeProblems() accepts 1988-01-01 .. today and spans of up to 366 days", () => {
  assert.deepEqual(fieldsOf("1988-01-01", "1988-12-31"), [], "1988 is a leap year: 366 days");
  assert.deepEqual(fieldsOf("2025-12-02", TODAY), []);
  assert.deepEqual(fieldsOf(TODAY, TODAY), []);
});

Deno.test("rangeProblems() names each date outside 1988-01-01 .. today", () => {
  assert.deepEqual(fieldsOf("1900-01-01", "2100-01-01"), ["start_date", "end_date"]);
  assert.deepEqual(fieldsOf("2100-01-01", "2100-01-07"), ["start_date", "end_date"]);
  assert.deepEqual(fieldsOf("1987-12-31", "1988-01-07"), ["start_date"]);
  assert.deepEqual(fieldsOf("2026-11-30", "2026-12-03"), ["end_date"]);
  assert.deepEqual(rangeProblems(rangeBody("2026-12-01", "2027-01-01"), TODAY), [{
    field: "end_date",
    message: "must be from 1988-01-01 to 2026-12-02 (today): current value is 2027-01-01",
  }]);
});

Deno.test("rangeProblems() refuses a span of 367 days on end_date", () => {
  assert.deepEqual(rangeProblems(rangeBody("2025-01-01", "2026-01-02"), TODAY), [{
    field: "end_date",
    message: "must be at most 365 days after start_date (366 in all): current span is 367 days",
  }]);
});

Deno.test("rangeProblems() has nothing to say about the other modes", () => {
  assert.deepEqual(rangeProblems({ mode: "daily" }, TODAY), []);
  assert.deepEqual(rangeProblems({ mode: "backfill" }, TODAY), []);
});
