/**
 * Window planning, pure: which (job, date range) checkpoints a mode or a backfill needs.
 * Windows are data; the same plan twice gives the same windows, so planning is idempotent.
 */
import { addDays, daysBetween } from "../clock.ts";
import {
  FIRST_RACECARD_DATE,
  RACECARDS_DAYS_AHEAD,
  RESULTS_LIMIT_MAX,
  RESULTS_SPAN_MAX_DAYS,
} from "../racing_api/endpoints.ts";

/** An inclusive range of racing days. */
export interface DateWindow {
  readonly start: string;
  readonly end: string;
}

/**
 * Checkpoint job names: one per function and mode family, so modes never take each other's
 * windows. Range requests each get their own job, named by resultsRangeJob().
 */
export const JOBS = {
  resultsBackfill: "results_backfill",
  resultsDaily: "results_daily",
  /** The prefix of range jobs. */
  resultsRange: "results_range",
  racecardsBackfill: "racecards_backfill",
  racecardsDaily: "racecards_daily",
  oddsBackfill: "odds_backfill",
} as const;

/** A checkpoint job name. */
export type JobName = typeof JOBS[keyof typeof JOBS];

/**
 * The checkpoint job of a results range request, e.g. `results_range:2024-01-01..2024-01-31`: a
 * request works through its own windows only, so windows another request left behind (failed,
 * refused, cut short) never take its budget, and asking for the same range again resumes it.
 */
export function resultsRangeJob(window: DateWindow): string {
  return `${JOBS.resultsRange}:${window.start}..${window.end}`;
}

/**
 * GB+IRE races on an average day. The Racing API rate is the bottleneck, so results windows
 * are sized to fill whole pages of RESULTS_LIMIT_MAX rather than one request per day.
 */
export const AVERAGE_RACES_PER_DAY = 34;
/** Runners (non-runners left out) in an average GB+IRE race: the odds backfill's estimate. */
export const AVERAGE_RUNNERS_PER_RACE = 10;

/**
 * Days per backfill results window: a week, about 240 GB+IRE races, so two to three full pages
 * of RESULTS_LIMIT_MAX. Whole weeks even out the Saturday peaks, so the last, partial page of a
 * window wastes less than with shorter windows (measured on a simulated year: 1.21 calls per
 * minimum call, against 1.27 with 5-day windows; see deno task bench).
 */
export const DEFAULT_RESULTS_WINDOW_DAYS = 7;

/** Days before today that a daily results run fetches again, besides today's results. */
export const DEFAULT_RESULTS_DAYS_BACK = 3;

/**
 * Days after a race day on which a daily results run fetches that day again, whatever its
 * `days_back`: D+1 (ratings and Topspeed filled in late, stewards' changes) and D+7 (later
 * amendments). See docs/operations.md, "Late corrections".
 */
export const RESULTS_RECHECK_DAYS: readonly number[] = [1, 7];

/** Days after today that a daily racecards run fetches (today..today+2). */
export const DEFAULT_RACECARDS_DAYS_AHEAD = 2;

/**
 * Cuts start..end into consecutive windows of `days` days (the last may be shorter).
 * @throws RangeError when the range is reversed or days is not a positive whole number
 */
export function splitIntoWindows(start: string, end: string, days: number): DateWindow[] {
  if (!Number.isInteger(days) || days < 1) {
    throw new RangeError(`Cannot split ${start}..${end}: window days must be ≥ 1, not ${days}`);
  }
  if (daysBetween(start, end) < 0) {
    throw new RangeError(`Cannot split ${start}..${end}: the start is after the end`);
  }
  const windows: DateWindow[] = [];
  for (let first = start; daysBetween(first, end) >= 0; first = addDays(first, days)) {
    const last = addDays(first, days - 1);
    windows.push({ start: first, end: daysBetween(last, end) >= 0 ? last : end });
  }
  return windows;
}

/** The racecard days the API serves within start..end (2023-01-23 to today + 7), or null. */
export function clampRacecardRange(
  start: string,
  end: string,
  today: string,
): DateWindow | null {
  const first = daysBetween(FIRST_RACECARD_DATE, start) < 0 ? FIRST_RACECARD_DATE : start;
  const lastServed = addDays(today, RACECARDS_DAYS_AHEAD);
  const last = daysBetween(end, lastServed) < 0 ? lastServed : end;
  return daysBetween(first, last) < 0 ? null : { start: first, end: last };
}

/**
 * The windows of a daily results run: today and the `daysBack` days before it in one range,
 * plus a one-day window for each RESULTS_RECHECK_DAYS day that range leaves out (the results
 * of 7 days ago, unless `daysBack` reaches them). Oldest first; no day twice.
 */
export function dailyResultsWindows(today: string, daysBack: number): DateWindow[] {
  const start = addDays(today, -daysBack);
  const rechecks = RESULTS_RECHECK_DAYS.map((days) => addDays(today, -days))
    .filter((day) => daysBetween(start, day) < 0)
    .sort()
    .map((day) => ({ start: day, end: day }));
  return [...rechecks, { start, end: today }];
}

/** The racecard days of a daily run: today .. today + daysAhead (at most + 7). */
export function dailyRacecardWindows(today: string, daysAhead: number): DateWindow[] {
  const last = addDays(today, Math.min(daysAhead, RACECARDS_DAYS_AHEAD));
  return splitIntoWindows(today, last, 1);
}

/** Results days older than the API serves without the historical add-on (365 days). */
export function needsHistoricalAddon(start: string, today: string): boolean {
  return daysBetween(start, today) > RESULTS_SPAN_MAX_DAYS;
}

/** API calls a results window of `days` days needs at the average volume: whole pages. */
export function estimatedResultsCalls(window: DateWindow): number {
  const races = (daysBetween(window.start, window.end) + 1) * AVERAGE_RACES_PER_DAY;
  return Math.max(1, Math.ceil(races / RESULTS_LIMIT_MAX));
}
