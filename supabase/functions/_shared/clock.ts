/**
 * Time for the sync: the UK racing date (Europe/London, so BST and GMT both give the right day),
 * calendar arithmetic on `YYYY-MM-DD` dates, and an injectable clock with an abortable sleep.
 */

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

const LONDON_DAY = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The calendar date in the UK (Europe/London) at an instant, as `YYYY-MM-DD`. */
export function ukDate(now: Date): string {
  const parts = Object.fromEntries(LONDON_DAY.formatToParts(now).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/**
 * Days since 1970-01-01 of a `YYYY-MM-DD` date.
 * @throws RangeError when the text is not a real calendar date
 */
function epochDay(date: string): number {
  const match = ISO_DATE.exec(date);
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`Cannot read date "${date}": expected a calendar date as YYYY-MM-DD`);
  }
  return ms / DAY_MS;
}

function fromEpochDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The date `days` calendar days after `date` (before it when negative).
 * @throws RangeError when `date` is not a `YYYY-MM-DD` calendar date
 */
export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days)) {
    throw new RangeError(`Cannot add days to "${date}": days must be an integer, not ${days}`);
  }
  return fromEpochDay(epochDay(date) + days);
}

/** Calendar days from `start` to `end` (positive when `end` is later). */
export function daysBetween(start: string, end: string): number {
  return epochDay(end) - epochDay(start);
}

/**
 * Every date from `start` to `end`, both included; empty when `end` is before `start`.
 * @throws RangeError when either is not a `YYYY-MM-DD` calendar date
 */
export function dateRange(start: string, end: string): string[] {
  const first = epochDay(start);
  const last = epochDay(end);
  const dates: string[] = [];
  for (let day = first; day <= last; day++) dates.push(fromEpochDay(day));
  return dates;
}
