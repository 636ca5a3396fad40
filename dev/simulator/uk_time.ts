/**
 * Calendar and UK clock arithmetic: day numbers, British Summer Time, and the API's time
 * formats (12-hour `off_time`, ISO `off_dt` with the UK offset, odds `updated` stamps).
 * @module
 */

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for a `YYYY-MM-DD` date. */
export function dayNumber(date: string): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`Cannot read date: expected YYYY-MM-DD, got "${date}"`);
  return Math.floor(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS);
}

/** True when the text is a real calendar date in `YYYY-MM-DD` form. */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 &&
    d.getUTCDate() === Number(m[3]);
}

/** Calendar parts of a day. */
export interface DayParts {
  year: number;
  month: number;
  dom: number;
  date: string;
}

// Days repeat a lot (every runner asks its age on the day), so their parts are remembered.
const dayParts = new Map<number, DayParts>();

/** Calendar parts of a day number. */
export function partsOfDay(day: number): DayParts {
  let parts = dayParts.get(day);
  if (!parts) {
    if (dayParts.size > 100_000) dayParts.clear();
    const d = new Date(day * DAY_MS);
    parts = {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      dom: d.getUTCDate(),
      date: d.toISOString().slice(0, 10),
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
  return (((day + 4) % 7) + 7) % 7;
}

/** Day of the year, 0-based (1 January = 0). */
export function dayOfYear(day: number): number {
  const { year } = partsOfDay(day);
  return day - Math.floor(Date.UTC(year, 0, 1) / DAY_MS);
}

/** Day number of 1 January of a year. */
export function firstDayOfYear(year: number): number {
  return Math.floor(Date.UTC(year, 0, 1) / DAY_MS);
}

function lastSundayUtcMs(year: number, monthIndex: number): number {
  const lastDay = new Date(Date.UTC(year, monthIndex + 1, 0));
  const back = lastDay.getUTCDay();
  return Date.UTC(year, monthIndex, lastDay.getUTCDate() - back, 1, 0, 0);
}

const summerTime = new Map<number, [number, number]>();

/** UK offset from UTC in minutes at an instant: 60 during British Summer Time, else 0. */
export function ukOffsetMinutes(utcMs: number): number {
  // Year from the instant without a Date allocation (good to ±1 day, enough: BST never spans 1 January).
  const year = 1970 + Math.floor(utcMs / 31_556_952_000);
  let bounds = summerTime.get(year);
  if (!bounds) {
    bounds = [lastSundayUtcMs(year, 2), lastSundayUtcMs(year, 9)];
    summerTime.set(year, bounds);
  }
  return utcMs >= bounds[0] && utcMs < bounds[1] ? 60 : 0;
}

/** The UK calendar date at an instant. */
export function ukDateOf(utcMs: number): string {
  return new Date(utcMs + ukOffsetMinutes(utcMs) * 60_000).toISOString().slice(0, 10);
}

/** The instant of a UK wall-clock time (minutes after midnight) on a date. */
export function ukLocalToUtcMs(day: number, minutesOfDay: number): number {
  const guess = day * DAY_MS + minutesOfDay * 60_000;
  const offset = ukOffsetMinutes(guess - 60 * 60_000);
  return guess - offset * 60_000;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

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

/** Whole days from one date to another (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}
