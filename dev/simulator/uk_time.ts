/**
 * Calendar and UK clock arithmetic: day numbers, British Summer Time, and the API's time
 * formats (12-hour `off_time`, ISO `off_dt` with the UK offset, odds `updated` stamps).
 *
 * Days go through date-fns, the UK date and offset through `_shared/clock.ts` (@date-fns/tz),
 * so the simulator and the functions read the calendar the same way.
 * @module
 */
import {
  addDays,
  differenceInCalendarDays,
  format,
  getDay,
  getDayOfYear,
  isExists,
} from "date-fns";
import { ukDate, ukOffsetMs } from "../../supabase/functions/_shared/clock.ts";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Local midnights: date-fns counts calendar days in the local zone, safely across its changes.
const EPOCH_DAY = new Date(1970, 0, 1);

/** Days since 1970-01-01 for a `YYYY-MM-DD` date. */
export function dayNumber(date: string): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`Cannot read date: expected YYYY-MM-DD, got "${date}"`);
  const day = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return differenceInCalendarDays(day, EPOCH_DAY);
}

/** True when the text is a real calendar date in `YYYY-MM-DD` form. */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  return m !== null && isExists(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

/** Calendar parts of a day. */
export interface DayParts {
  year: number;
  month: number;
  dom: number;
  date: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** Day of the year, 0-based (1 January = 0). */
  dayOfYear: number;
}

// Days repeat a lot (every runner asks its age on the day), so their parts are remembered.
const dayParts = new Map<number, DayParts>();

/** Calendar parts of a day number. */
export function partsOfDay(day: number): DayParts {
  let parts = dayParts.get(day);
  if (!parts) {
    if (dayParts.size > 100_000) dayParts.clear();
    const d = addDays(EPOCH_DAY, day);
    parts = {
      year: d.getFullYear(),
      month: d.getMonth() + 1,
      dom: d.getDate(),
      date: format(d, "yyyy-MM-dd"),
      weekday: getDay(d),
      dayOfYear: getDayOfYear(d) - 1,
    };
    dayParts.set(day, parts);
  }
  return parts;
}

/** The `YYYY-MM-DD` date of a day number. */
export function dateOfDay(day: number): string {
  return partsOfDay(day).date;
}

/** Weekday of a day number, 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: number): number {
  return partsOfDay(day).weekday;
}

/** Day of the year, 0-based (1 January = 0). */
export function dayOfYear(day: number): number {
  return partsOfDay(day).dayOfYear;
}

const yearStarts = new Map<number, number>();

/** Day number of 1 January of a year. */
export function firstDayOfYear(year: number): number {
  let day = yearStarts.get(year);
  if (day === undefined) {
    day = differenceInCalendarDays(new Date(year, 0, 1), EPOCH_DAY);
    yearStarts.set(year, day);
  }
  return day;
}

/** UK offset from UTC in minutes at an instant: 60 during British Summer Time, else 0. */
export function ukOffsetMinutes(utcMs: number): number {
  return ukOffsetMs(utcMs) / 60_000;
}

/** The UK calendar date at an instant. */
export function ukDateOf(utcMs: number): string {
  return ukDate(new Date(utcMs));
}

/** The instant of a UK wall-clock time (minutes after midnight) on a date. */
export function ukLocalToUtcMs(day: number, minutesOfDay: number): number {
  // A day number counts UTC days from 1970-01-01, so this is the wall time read as UTC.
  const guess = Date.UTC(1970, 0, 1 + day) + minutesOfDay * 60_000;
  const offset = ukOffsetMinutes(guess - 60 * 60_000);
  return guess - offset * 60_000;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

// The two formatters below shift by the UK offset and print with toISOString, not date-fns'
// format in a TZDate (~40 µs each): they run for every odds item of every runner.

/** ISO-8601 instant with the UK offset, as in `off_dt`: `2025-10-14T13:30:00+01:00`. */
export function formatOffDt(utcMs: number): string {
  const offset = ukOffsetMinutes(utcMs);
  const local = new Date(utcMs + offset * 60_000).toISOString().slice(0, 19);
  return `${local}${offset === 60 ? "+01:00" : "+00:00"}`;
}

/** 12-hour UK clock without am/pm, as in `off_time`: 13:30 → `1:30`. */
export function formatOffTime(minutesOfDay: number): string {
  const hour24 = Math.floor(minutesOfDay / 60) % 24;
  const hour12 = hour24 % 12 === 0 ? 12 : hour24 % 12;
  return `${hour12}:${pad2(minutesOfDay % 60)}`;
}

/** UK local stamp without zone, as in odds `updated`: `2025-10-14 13:43:08`. */
export function formatUkStamp(utcMs: number): string {
  const local = new Date(utcMs + ukOffsetMinutes(utcMs) * 60_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 19)}`;
}
