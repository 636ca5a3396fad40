/**
 * Time for the sync: the UK racing date and offset (Europe/London, so BST and GMT both give the
 * right day), calendar arithmetic on `YYYY-MM-DD` dates, and an injectable clock with an
 * abortable sleep. Dates and zones go through date-fns and @date-fns/tz.
 *
 * @module
 */
import {
  addDays as addCalendarDays,
  differenceInCalendarDays,
  eachDayOfInterval,
  format,
  isExists,
} from "date-fns";
import { tz, tzOffset } from "@date-fns/tz";

/** A source of time; tests pass their own so nothing really sleeps. */
export interface Clock {
  /** The current instant. */
  now(): Date;
  /** Resolves after `ms` milliseconds; rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Resolves after `ms` milliseconds, or rejects with `signal.reason` as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** The real clock. */
export const SYSTEM_CLOCK: Clock = Object.freeze({ now: () => new Date(), sleep });

const IN_LONDON = { in: tz("Europe/London") };
const DAY_FORMAT = "yyyy-MM-dd";
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/**
 * The calendar date in the UK (Europe/London) at an instant, as `YYYY-MM-DD`.
 * @throws RangeError when `now` is an invalid Date
 */
export function ukDate(now: Date): string {
  return format(now, DAY_FORMAT, IN_LONDON);
}

/** UTC hour → London offset in ms. UK clocks change on a UTC hour, so one entry covers the hour. */
const ukOffsetByUtcHour = new Map<number, number>();
const UK_OFFSET_CACHE_LIMIT = 50_000;

/**
 * The UK's offset from UTC in ms at an instant (0 in GMT, 3,600,000 in BST), from the tz data.
 * Cached per UTC hour: transforms and the simulator ask once per runner or odds item.
 */
export function ukOffsetMs(epochMs: number): number {
  const utcHour = Math.floor(epochMs / HOUR_MS);
  const cached = ukOffsetByUtcHour.get(utcHour);
  if (cached !== undefined) return cached;
  const offset = tzOffset("Europe/London", new Date(utcHour * HOUR_MS)) * MINUTE_MS;
  if (ukOffsetByUtcHour.size >= UK_OFFSET_CACHE_LIMIT) ukOffsetByUtcHour.clear();
  ukOffsetByUtcHour.set(utcHour, offset);
  return offset;
}

/**
 * A `YYYY-MM-DD` date as a plain Date at local midnight. date-fns counts calendar days in the
 * local zone safely across its clock changes; a UTC `TZDate` would cost ~40 µs a date.
 * @throws RangeError when the text is not a real calendar date
 */
function calendarDay(date: string): Date {
  const match = ISO_DATE.exec(date);
  const year = Number(match?.[1]), month = Number(match?.[2]) - 1, day = Number(match?.[3]);
  if (match === null || !isExists(year, month, day)) {
    throw new RangeError(`Cannot read date "${date}": expected a calendar date as YYYY-MM-DD`);
  }
  return new Date(year, month, day);
}

/**
 * The date `days` calendar days after `date` (before it when negative).
 * @throws RangeError when `date` is not a `YYYY-MM-DD` calendar date
 */
export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days)) {
    throw new RangeError(`Cannot add days to "${date}": days must be an integer, not ${days}`);
  }
  return format(addCalendarDays(calendarDay(date), days), DAY_FORMAT);
}

/** Calendar days from `start` to `end` (positive when `end` is later). */
export function daysBetween(start: string, end: string): number {
  return differenceInCalendarDays(calendarDay(end), calendarDay(start));
}

/**
 * Every date from `start` to `end`, both included; empty when `end` is before `start`.
 * @throws RangeError when either is not a `YYYY-MM-DD` calendar date
 */
export function dateRange(start: string, end: string): string[] {
  const first = calendarDay(start);
  const last = calendarDay(end);
  // eachDayOfInterval counts down when the ends are swapped; this range is empty then.
  if (last < first) return [];
  return eachDayOfInterval({ start: first, end: last }).map((day) => format(day, DAY_FORMAT));
}
