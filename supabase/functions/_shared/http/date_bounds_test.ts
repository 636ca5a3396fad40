import assert from "node:assert/strict";
import { dateOutside } from "./date_bounds.ts";

const BOUNDS = { first: "1988-01-01", last: "2026-12-02", lastMeans: "today" };

Deno.test("dateOutside() accepts both bounds and the days between", () => {
  for (const date of ["1988-01-01", "2001-06-30", "2026-12-02"]) {
    assert.equal(dateOutside("start_date", date, BOUNDS), null);
  }
});

Deno.test("dateOutside() names the field and the bounds of a date outside them", () => {
  assert.deepEqual(dateOutside("start_date", "1987-12-31", BOUNDS), {
    field: "start_date",
    message: "must be from 1988-01-01 to 2026-12-02 (today): current value is 1987-12-31",
  });
  assert.deepEqual(dateOutside("date", "2026-12-03", { first: "2023-01-23", last: "2026-12-02" }), {
    field: "date",
    message: "must be from 2023-01-23 to 2026-12-02: current value is 2026-12-03",
  });
});
