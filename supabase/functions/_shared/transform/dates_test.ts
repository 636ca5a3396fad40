import { strictEqual as assertSame } from "node:assert/strict";
import { parseDate, parseOddsUpdated, parseOffDt } from "./dates.ts";

Deno.test("parseOffDt() converts a BST off_dt to UTC (the '1:30' race is 12:30 UTC)", () => {
  // off_time "1:30" would read as 01:30; off_dt is the only source of the time.
  assertSame(parseOffDt("2025-10-07T13:30:00+01:00"), "2025-10-07T12:30:00.000Z");
  assertSame(parseOffDt("2025-10-13T20:10:00+01:00"), "2025-10-13T19:10:00.000Z");
});

Deno.test("parseOffDt() keeps a winter GMT off_dt at the same clock time", () => {
  assertSame(parseOffDt("2025-01-07T13:30:00+00:00"), "2025-01-07T13:30:00.000Z");
  assertSame(parseOffDt("2026-01-11T05:00:00+00:00"), "2026-01-11T05:00:00.000Z");
});

Deno.test("parseOffDt() crosses midnight and accepts Z, fractions and compact offsets", () => {
  assertSame(parseOffDt("2025-06-01T00:15:00+01:00"), "2025-05-31T23:15:00.000Z");
  assertSame(parseOffDt("2025-06-01T10:00:00Z"), "2025-06-01T10:00:00.000Z");
  assertSame(parseOffDt("2025-06-01T10:00:00.250+0100"), "2025-06-01T09:00:00.250Z");
  assertSame(parseOffDt("2025-06-01T10:00-04:00"), "2025-06-01T14:00:00.000Z");
});

Deno.test("parseOffDt() reads off_dt on the clock-change days of 2025", () => {
  assertSame(parseOffDt("2025-03-30T00:30:00+00:00"), "2025-03-30T00:30:00.000Z");
  assertSame(parseOffDt("2025-03-30T13:30:00+01:00"), "2025-03-30T12:30:00.000Z");
  assertSame(parseOffDt("2025-10-26T00:30:00+01:00"), "2025-10-25T23:30:00.000Z");
  assertSame(parseOffDt("2025-10-26T13:30:00+00:00"), "2025-10-26T13:30:00.000Z");
});

Deno.test("parseOffDt() rejects blanks, missing offsets and impossible dates", () => {
  assertSame(parseOffDt(""), null);
  assertSame(parseOffDt(null), null);
  assertSame(parseOffDt("1:30"), null);
  assertSame(parseOffDt("2025-10-07T13:30:00"), null);
  assertSame(parseOffDt("2025-02-30T13:30:00+00:00"), null);
  assertSame(parseOffDt("2025-10-07T25:30:00+00:00"), null);
  assertSame(parseOffDt("2025-10-07 13:30:00+01:00"), null);
});

Deno.test("parseOffDt() agrees with Date#toISOString across leap years and centuries", () => {
  // Steps of 37h 13m 7.123s from 1899 to 2101 visit every month, leap day and hour.
  const step = 37 * 3_600_000 + 13 * 60_000 + 7_123;
  for (let t = Date.UTC(1899, 0, 1); t < Date.UTC(2101, 0, 1); t += step) {
    const iso = new Date(t).toISOString();
    assertSame(parseOffDt(iso), iso);
  }
  assertSame(parseOffDt("2000-02-29T23:59:59.999+00:00"), "2000-02-29T23:59:59.999Z");
  assertSame(parseOffDt("2024-03-01T00:30:00+01:00"), "2024-02-29T23:30:00.000Z");
});

Deno.test("parseDate() validates YYYY-MM-DD calendar dates", () => {
  assertSame(parseDate("2025-10-14"), "2025-10-14");
  assertSame(parseDate("2024-02-29"), "2024-02-29");
  assertSame(parseDate("2025-02-29"), null);
  assertSame(parseDate("2025-13-01"), null);
  assertSame(parseDate("14/10/2025"), null);
  assertSame(parseDate(""), null);
  assertSame(parseDate(null), null);
});

Deno.test("parseOddsUpdated() reads zone-less odds times as London wall time", () => {
  assertSame(parseOddsUpdated("2025-10-14 13:43:08"), "2025-10-14T12:43:08.000Z");
  assertSame(parseOddsUpdated("2025-01-14 13:43:08"), "2025-01-14T13:43:08.000Z");
  assertSame(parseOddsUpdated("2023-05-02 12:36:43"), "2023-05-02T11:36:43.000Z");
  assertSame(parseOddsUpdated(""), null);
  assertSame(parseOddsUpdated("2025-10-14"), null);
  assertSame(parseOddsUpdated("2025-10-14 24:00:00"), null);
});

Deno.test("parseOddsUpdated() gives the same answer when a timestamp repeats", () => {
  const first = parseOddsUpdated("2025-07-01 09:00:00");
  assertSame(first, "2025-07-01T08:00:00.000Z");
  assertSame(parseOddsUpdated("2025-07-01 09:00:00"), first);
  assertSame(parseOddsUpdated(" 2025-07-01 09:00:00 "), first);
});

Deno.test("parseOddsUpdated() handles the clock changes of 2025", () => {
  // Spring forward 2025-03-30 01:00 UTC: 00:30 is GMT, 02:30 is BST, 01:30 does not exist.
  assertSame(parseOddsUpdated("2025-03-30 00:30:00"), "2025-03-30T00:30:00.000Z");
  assertSame(parseOddsUpdated("2025-03-30 02:30:00"), "2025-03-30T01:30:00.000Z");
  assertSame(parseOddsUpdated("2025-03-30 01:30:00"), "2025-03-30T01:30:00.000Z");
  // Fall back 2025-10-26 01:00 UTC: 00:30 is BST, 01:30 happens twice (GMT reading taken).
  assertSame(parseOddsUpdated("2025-10-26 00:30:00"), "2025-10-25T23:30:00.000Z");
  assertSame(parseOddsUpdated("2025-10-26 01:30:00"), "2025-10-26T01:30:00.000Z");
  assertSame(parseOddsUpdated("2025-10-26 02:30:00"), "2025-10-26T02:30:00.000Z");
});
