import { deepEqual, equal, rejects, throws } from "node:assert/strict";
import { addDays, dateRange, daysBetween, sleep, ukDate } from "./clock.ts";

Deno.test("ukDate() gives the GMT date in winter", () => {
  equal(ukDate(new Date("2025-01-15T23:30:00Z")), "2025-01-15");
  equal(ukDate(new Date("2025-12-31T23:59:59Z")), "2025-12-31");
});

Deno.test("ukDate() gives the next day late in the evening in BST", () => {
  equal(ukDate(new Date("2025-06-30T23:30:00Z")), "2025-07-01");
  equal(ukDate(new Date("2025-06-30T22:59:59Z")), "2025-06-30");
});

Deno.test("ukDate() is right around the clocks going forward (2025-03-30 01:00 UTC)", () => {
  equal(ukDate(new Date("2025-03-29T23:30:00Z")), "2025-03-29");
  equal(ukDate(new Date("2025-03-30T00:30:00Z")), "2025-03-30");
  equal(ukDate(new Date("2025-03-30T23:30:00Z")), "2025-03-31");
});

Deno.test("ukDate() is right around the clocks going back (2025-10-26 01:00 UTC)", () => {
  // 23:30 UTC on the 25th is 00:30 BST on the 26th; 23:30 UTC on the 26th is 23:30 GMT.
  equal(ukDate(new Date("2025-10-25T22:59:00Z")), "2025-10-25");
  equal(ukDate(new Date("2025-10-25T23:30:00Z")), "2025-10-26");
  equal(ukDate(new Date("2025-10-26T23:30:00Z")), "2025-10-26");
});

Deno.test("ukDate() gives the Europe/London date of an instant", () => {
  equal(ukDate(new Date("2025-05-31T23:15:00.000Z")), "2025-06-01");
  equal(ukDate(new Date("2025-01-31T23:15:00.000Z")), "2025-01-31");
  equal(ukDate(new Date("2025-10-07T12:30:00.000Z")), "2025-10-07");
  throws(() => ukDate(new Date("not a date")), RangeError);
});

Deno.test("addDays() crosses months, leap days and years", () => {
  equal(addDays("2024-02-28", 1), "2024-02-29");
  equal(addDays("2024-02-29", 1), "2024-03-01");
  equal(addDays("2025-01-01", -1), "2024-12-31");
  equal(addDays("2025-03-30", 0), "2025-03-30");
  equal(addDays("2023-01-23", 365), "2024-01-23");
});

Deno.test("addDays() rejects text that is not a calendar date", () => {
  throws(() => addDays("2025-02-29", 1), {
    name: "RangeError",
    message: 'Cannot read date "2025-02-29": expected a calendar date as YYYY-MM-DD',
  });
  throws(() => addDays("25-01-01", 1), RangeError);
  throws(() => addDays("2025-01-01", 0.5), RangeError);
});

Deno.test("dateRange() lists every day with both ends included", () => {
  deepEqual(dateRange("2024-12-30", "2025-01-02"), [
    "2024-12-30",
    "2024-12-31",
    "2025-01-01",
    "2025-01-02",
  ]);
  deepEqual(dateRange("2025-05-01", "2025-05-01"), ["2025-05-01"]);
  deepEqual(dateRange("2025-05-02", "2025-05-01"), []);
});

Deno.test("daysBetween() counts calendar days", () => {
  equal(daysBetween("2024-01-01", "2024-12-31"), 365);
  equal(daysBetween("2025-01-02", "2025-01-01"), -1);
});

Deno.test("addDays(), daysBetween() and dateRange() count whole days over the clock changes", () => {
  // 2025-03-30 is 23 hours long in London and 2025-10-26 is 25: still one day each.
  equal(addDays("2025-03-29", 1), "2025-03-30");
  equal(addDays("2025-03-30", 1), "2025-03-31");
  equal(addDays("2025-10-27", -2), "2025-10-25");
  equal(daysBetween("2025-03-29", "2025-03-31"), 2);
  equal(daysBetween("2025-10-25", "2025-10-27"), 2);
  equal(daysBetween("2025-01-01", "2025-12-31"), 364);
  deepEqual(dateRange("2025-10-25", "2025-10-27"), ["2025-10-25", "2025-10-26", "2025-10-27"]);
  deepEqual(dateRange("2025-03-29", "2025-03-31"), ["2025-03-29", "2025-03-30", "2025-03-31"]);
});

Deno.test("sleep() rejects with the signal's reason when aborted", async () => {
  const controller = new AbortController();
  const slept = sleep(60_000, controller.signal);
  controller.abort(new Error("budget spent"));
  await rejects(slept, { message: "budget spent" });
  await rejects(sleep(1, AbortSignal.abort(new Error("already"))), { message: "already" });
});
