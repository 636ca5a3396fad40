/**
 * Dates and instants as the API writes them: `YYYY-MM-DD` dates, `off_dt` with its UK offset,
 * and zone-less odds `updated` stamps in London wall time. Each result is a UTC ISO string.
 *
 * Europe/London offsets come from `clock.ts` `ukOffsetMs` (@date-fns/tz, cached per UTC hour).
 * Reading and writing the strings stays hand-written: it runs per runner and per odds item,
 * where date-fns costs far more per call (`isExists` about 10×, a `TZDate` about 40 µs) and
 * `cli/bench_transform.ts` holds a budget of 20 ms per 1,000 runners.
 *
 * @module
 */
import { ukOffsetMs } from "../clock.ts";
import { blankToNull } from "./numbers.ts";

const ISO_WITH_OFFSET_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d{2}):?(\d{2}))$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_DATE_TIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;
const SECOND_MS = 1_000;
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * True for a real calendar date from year 1000 on (month 1–12). Not date-fns' `isExists`: that
 * builds a local Date per call, ten times slower here, and this runs for every runner's dob.
 */
function isCalendarDate(year: number, month: number, day: number): boolean {
  if (year < 1000 || month < 1 || month > 12 || day < 1) return false;
  const monthDays = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= (monthDays[month - 1] ?? 0);
}

function isClockTime(hour: number, minute: number, second: number): boolean {
  return hour <= 23 && minute <= 59 && second <= 59;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

/**
 * Formats epoch ms as "YYYY-MM-DDTHH:MM:SS.mmmZ", like Date#toISOString for years 0–9999 but
 * several times faster (it runs for every odds item). Civil date from days since 1970-01-01
 * by the era/day-of-era method of H. Hinnant's "chrono-compatible date algorithms".
 */
function isoFromEpochMs(epochMs: number): string {
  const days = Math.floor(epochMs / DAY_MS);
  const msOfDay = epochMs - days * DAY_MS;
  const shifted = days + 719_468; // days from 0000-03-01
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1_460) + Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra -
    (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const hour = Math.floor(msOfDay / HOUR_MS);
  const minute = Math.floor((msOfDay % HOUR_MS) / MINUTE_MS);
  const second = Math.floor((msOfDay % MINUTE_MS) / SECOND_MS);
  const millis = msOfDay % SECOND_MS;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:` +
    `${pad(second, 2)}.${pad(millis, 3)}Z`;
}

/**
 * Converts `off_dt` ("2025-10-07T13:30:00+01:00") to a UTC ISO string
 * ("2025-10-07T12:30:00.000Z"). Race times come only from here: never from the 12-hour
 * `off_time`/`off`, which has no am/pm. Blank or malformed gives null.
 */
export function parseOffDt(offDt: string | null | undefined): string | null {
  const text = blankToNull(offDt);
  if (text === null) return null;
  const match = ISO_WITH_OFFSET_PATTERN.exec(text);
  if (match === null) return null;
  const [, y, mo, d, h, mi, sec, fraction, sign, offsetHours, offsetMinutes] = match;
  const year = Number(y), month = Number(mo), day = Number(d);
  const hour = Number(h), minute = Number(mi), second = Number(sec ?? "0");
  if (!isCalendarDate(year, month, day) || !isClockTime(hour, minute, second)) return null;
  const millis = fraction === undefined ? 0 : Number(fraction.padEnd(3, "0").slice(0, 3));
  let offsetMs = 0;
  if (sign !== undefined) {
    const oh = Number(offsetHours), om = Number(offsetMinutes);
    if (oh > 14 || om > 59) return null;
    offsetMs = (sign === "-" ? -1 : 1) * (oh * 60 + om) * MINUTE_MS;
  }
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  return isoFromEpochMs(wall - offsetMs);
}

/** Validates a "YYYY-MM-DD" calendar date and returns it unchanged; blank or invalid gives null. */
export function parseDate(s: string | null | undefined): string | null {
  const text = blankToNull(s);
  if (text === null) return null;
  const match = DATE_PATTERN.exec(text);
  if (match === null) return null;
  return isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3])) ? text : null;
}

/**
 * Converts odds `updated` ("2025-10-14 13:43:08", no zone) to a UTC ISO string, reading it as
 * Europe/London wall time (BST or GMT as the date requires). In the repeated autumn hour the
 * later (GMT) reading is taken; a time inside the spring gap moves forward by an hour.
 */
export function parseOddsUpdated(s: string | null | undefined): string | null {
  const text = blankToNull(s);
  if (text === null) return null;
  // One page repeats a handful of timestamps across thousands of odds items.
  const cached = oddsUpdatedCache.get(text);
  if (cached !== undefined) return cached;
  const parsed = londonWallTimeToIso(text);
  if (oddsUpdatedCache.size >= ODDS_UPDATED_CACHE_LIMIT) oddsUpdatedCache.clear();
  oddsUpdatedCache.set(text, parsed);
  return parsed;
}

const oddsUpdatedCache = new Map<string, string | null>();
const ODDS_UPDATED_CACHE_LIMIT = 10_000;

function londonWallTimeToIso(text: string): string | null {
  const match = LOCAL_DATE_TIME_PATTERN.exec(text);
  if (match === null) return null;
  const year = Number(match[1]), month = Number(match[2]), day = Number(match[3]);
  const hour = Number(match[4]), minute = Number(match[5]), second = Number(match[6] ?? "0");
  if (!isCalendarDate(year, month, day) || !isClockTime(hour, minute, second)) return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  // Offset at the wall time read as UTC, then at the instant that gives: two reads settle both
  // clock changes as documented above, as `new TZDate(…, "Europe/London")` does, without its
  // cost (about 40 µs a stamp).
  const firstGuess = ukOffsetMs(wall);
  const secondGuess = ukOffsetMs(wall - firstGuess);
  return isoFromEpochMs(wall - secondGuess);
}
