import assert from "node:assert/strict";
import { addDays } from "../clock.ts";
import {
  clampRacecardRange,
  dailyRacecardWindows,
  dailyResultsWindows,
  DEFAULT_RESULTS_WINDOW_DAYS,
  estimatedResultsCalls,
  needsHistoricalAddon,
  resultsRangeJob,
  splitIntoWindows,
} from "./windows.ts";

Deno.test("splitIntoWindows() cuts a range into consecutive windows, the last one shorter", () => {
  assert.deepEqual(splitIntoWindows("2024-02-26", "2024-03-07", 5), [
    { start: "2024-02-26", end: "2024-03-01" },
    { start: "2024-03-02", end: "2024-03-06" },
    { start: "2024-03-07", end: "2024-03-07" },
  ]);
});

Deno.test("splitIntoWindows() gives one window for a single day", () => {
  assert.deepEqual(splitIntoWindows("2025-01-01", "2025-01-01", 5), [
    { start: "2025-01-01", end: "2025-01-01" },
  ]);
});

Deno.test("splitIntoWindows() refuses a reversed range and a zero window", () => {
  assert.throws(() => splitIntoWindows("2025-01-02", "2025-01-01", 1), /start is after the end/);
  assert.throws(() => splitIntoWindows("2025-01-01", "2025-01-02", 0), /window days must be/);
});

Deno.test("clampRacecardRange() keeps racecards within 2023-01-23 .. today + 7", () => {
  assert.deepEqual(clampRacecardRange("2015-01-01", "2030-01-01", "2026-11-22"), {
    start: "2023-01-23",
    end: "2026-11-29",
  });
  assert.deepEqual(clampRacecardRange("2024-05-01", "2024-05-03", "2026-11-22"), {
    start: "2024-05-01",
    end: "2024-05-03",
  });
  assert.equal(clampRacecardRange("2015-01-01", "2022-12-31", "2026-11-22"), null);
});

Deno.test("daily windows: results today-3..today and today-7, racecards today..today+2 one day each", () => {
  assert.deepEqual(dailyResultsWindows("2026-03-01", 3), [
    { start: "2026-02-22", end: "2026-02-22" },
    { start: "2026-02-26", end: "2026-03-01" },
  ]);
  assert.deepEqual(dailyRacecardWindows("2026-12-31", 2), [
    { start: "2026-12-31", end: "2026-12-31" },
    { start: "2027-01-01", end: "2027-01-01" },
    { start: "2027-01-02", end: "2027-01-02" },
  ]);
  assert.equal(dailyRacecardWindows("2026-01-01", 30).length, 8);
});

Deno.test("dailyResultsWindows() fetches yesterday's (D+1) and 7 days ago's (D+7) results once", () => {
  const today = "2026-06-15";
  for (let daysBack = 1; daysBack <= 30; daysBack++) {
    const windows = dailyResultsWindows(today, daysBack);
    const days = windows.flatMap((w) => splitIntoWindows(w.start, w.end, 1).map((d) => d.start));
    assert.equal(new Set(days).size, days.length, `no day twice with days_back ${daysBack}`);
    for (const day of ["2026-06-14", "2026-06-08", today]) {
      assert.ok(days.includes(day), `${day} with days_back ${daysBack}`);
    }
    assert.equal(days.length, daysBack >= 7 ? daysBack + 1 : daysBack + 2);
    assert.deepEqual(windows.at(-1), { start: addDays(today, -daysBack), end: today });
  }
  assert.deepEqual(dailyResultsWindows(today, 7), [{ start: "2026-06-08", end: today }]);
  assert.deepEqual(dailyResultsWindows(today, 1), [
    { start: "2026-06-08", end: "2026-06-08" },
    { start: "2026-06-14", end: today },
  ]);
});

Deno.test("results windows span a week of two to three pages; old results need the add-on", () => {
  assert.equal(DEFAULT_RESULTS_WINDOW_DAYS, 7);
  assert.equal(estimatedResultsCalls({ start: "2025-01-01", end: "2025-01-05" }), 2);
  assert.equal(needsHistoricalAddon("2025-11-22", "2026-11-22"), false);
  assert.equal(needsHistoricalAddon("2025-11-21", "2026-11-22"), true);
});

Deno.test("resultsRangeJob() names a range request's own job by its dates", () => {
  assert.equal(
    resultsRangeJob({ start: "2024-01-01", end: "2024-01-31" }),
    "results_range:2024-01-01..2024-01-31",
  );
});
