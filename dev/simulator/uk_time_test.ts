import assert from "node:assert/strict";
import {
  dateOfDay,
  dayNumber,
  formatOffDt,
  formatOffTime,
  formatUkStamp,
  isIsoDate,
  ukDateOf,
  ukLocalToUtcMs,
  ukOffsetMinutes,
  weekdayOf,
} from "./uk_time.ts";

Deno.test("dayNumber() and dateOfDay() round-trip and know weekdays", () => {
  assert.equal(dayNumber("1970-01-01"), 0);
  assert.equal(dateOfDay(dayNumber("2024-02-29")), "2024-02-29");
  assert.equal(weekdayOf(dayNumber("2025-06-14")), 6);
  assert.equal(isIsoDate("2025-02-29"), false);
  assert.equal(isIsoDate("2024-02-29"), true);
  assert.equal(isIsoDate("2024-2-9"), false);
  assert.throws(() => dayNumber("14/06/2025"), /expected YYYY-MM-DD/);
});

Deno.test("ukOffsetMinutes() follows British Summer Time, changing at 01:00 UTC", () => {
  assert.equal(ukOffsetMinutes(Date.parse("2025-03-30T00:59:59Z")), 0);
  assert.equal(ukOffsetMinutes(Date.parse("2025-03-30T01:00:00Z")), 60);
  assert.equal(ukOffsetMinutes(Date.parse("2025-10-26T00:59:59Z")), 60);
  assert.equal(ukOffsetMinutes(Date.parse("2025-10-26T01:00:00Z")), 0);
  assert.equal(ukOffsetMinutes(Date.parse("2024-12-31T23:30:00Z")), 0);
  assert.equal(ukDateOf(Date.parse("2025-06-14T23:30:00Z")), "2025-06-15");
  assert.equal(ukDateOf(Date.parse("2025-01-14T23:30:00Z")), "2025-01-14");
});

Deno.test("off times: 12-hour off_time without am/pm, off_dt and stamps with the UK offset", () => {
  const summer = ukLocalToUtcMs(dayNumber("2025-10-14"), 13 * 60 + 30);
  assert.equal(formatOffDt(summer), "2025-10-14T13:30:00+01:00");
  assert.equal(new Date(summer).toISOString(), "2025-10-14T12:30:00.000Z");
  const winter = ukLocalToUtcMs(dayNumber("2026-01-11"), 5 * 60);
  assert.equal(formatOffDt(winter), "2026-01-11T05:00:00+00:00");
  assert.equal(formatOffTime(13 * 60 + 30), "1:30");
  assert.equal(formatOffTime(12 * 60 + 5), "12:05");
  assert.equal(formatOffTime(20 * 60 + 10), "8:10");
  assert.equal(formatOffTime(5 * 60), "5:00");
  assert.equal(formatUkStamp(Date.parse("2025-10-14T12:43:08Z")), "2025-10-14 13:43:08");
});

Deno.test("off times on the clock-change days of 2025 take the offset of their own hour", () => {
  const spring = dayNumber("2025-03-30");
  assert.equal(formatOffDt(ukLocalToUtcMs(spring, 30)), "2025-03-30T00:30:00+00:00");
  assert.equal(
    new Date(ukLocalToUtcMs(spring, 13 * 60 + 30)).toISOString(),
    "2025-03-30T12:30:00.000Z",
  );
  assert.equal(formatOffDt(ukLocalToUtcMs(spring, 13 * 60 + 30)), "2025-03-30T13:30:00+01:00");
  const autumn = dayNumber("2025-10-26");
  assert.equal(new Date(ukLocalToUtcMs(autumn, 30)).toISOString(), "2025-10-25T23:30:00.000Z");
  assert.equal(formatOffDt(ukLocalToUtcMs(autumn, 30)), "2025-10-26T00:30:00+01:00");
  assert.equal(formatOffDt(ukLocalToUtcMs(autumn, 13 * 60 + 30)), "2025-10-26T13:30:00+00:00");
  assert.equal(formatUkStamp(Date.parse("2025-03-30T01:00:00Z")), "2025-03-30 02:00:00");
  assert.equal(formatUkStamp(Date.parse("2025-10-26T00:59:59Z")), "2025-10-26 01:59:59");
  assert.equal(formatUkStamp(Date.parse("2025-10-26T01:00:00Z")), "2025-10-26 01:00:00");
  assert.equal(ukDateOf(Date.parse("2025-10-25T23:30:00Z")), "2025-10-26");
  assert.equal(ukDateOf(Date.parse("2025-03-29T23:30:00Z")), "2025-03-29");
});
