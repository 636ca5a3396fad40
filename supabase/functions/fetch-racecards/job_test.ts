import assert from "node:assert/strict";
import { racecardDateProblems } from "./job.ts";

const TODAY = "2026-12-02";

Deno.test("racecardDateProblems() accepts 2023-01-23 .. today + 7", () => {
  for (const date of ["2023-01-23", "2025-06-14", TODAY, "2026-12-09"]) {
    assert.deepEqual(racecardDateProblems({ mode: "date", date }, TODAY), [], date);
  }
});

Deno.test("racecardDateProblems() names the date and the bounds outside them", () => {
  for (const date of ["2023-01-22", "2026-12-10"]) {
    assert.deepEqual(racecardDateProblems({ mode: "date", date }, TODAY), [{
      field: "date",
      message: `must be from 2023-01-23 to 2026-12-09 (today + 7): current value is ${date}`,
    }]);
  }
});

Deno.test("racecardDateProblems() has nothing to say about the other modes", () => {
  assert.deepEqual(racecardDateProblems({ mode: "daily", days_ahead: 7 }, TODAY), []);
  assert.deepEqual(racecardDateProblems({ mode: "backfill" }, TODAY), []);
});
