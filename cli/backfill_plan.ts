/**
 * The backfill plan, pure: which windows each job needs for a date range, what they will cost
 * in API calls and how long that takes at the configured rates.
 */
import { daysBetween } from "../supabase/functions/_shared/clock.ts";
import {
  FIRST_MOVEMENTS_DATE,
  FIRST_RACECARD_DATE,
  oldestResultsWithoutAddon,
} from "../supabase/functions/_shared/racing_api/endpoints.ts";
import type { RateLimits } from "../supabase/functions/_shared/sync/rates.ts";
import {
  AVERAGE_RACES_PER_DAY,
  AVERAGE_RUNNERS_PER_RACE,
  clampRacecardRange,
  type DateWindow,
  estimatedResultsCalls,
  JOBS,
  needsHistoricalAddon,
  splitIntoWindows,
} from "../supabase/functions/_shared/sync/windows.ts";

/** The backfill jobs a user can ask for. */
export const BACKFILL_JOBS = ["results", "racecards", "odds"] as const;

/** A backfill job. */
export type BackfillJob = typeof BACKFILL_JOBS[number];

/** One job's part of the plan. */
export interface JobPlan {
  readonly job: BackfillJob;
  /** Checkpoint job name the windows are stored under. */
  readonly checkpointJob: string;
  readonly windows: readonly DateWindow[];
  readonly estimatedCalls: number;
  /** Requests per second this job's endpoint allows. */
  readonly rate: number;
  /** Seconds at its rates, when it calls endpoints of more than one rate. */
  readonly seconds?: number;
}

/**
 * The odds backfill: one day list per day (its final prices), and with movements one
 * /v1/odds call per runner of each day from 2025-03-17 (an estimate from the average day).
 */
function planOdds(options: BackfillOptions, warnings: string[]): JobPlan {
  const range = clampRacecardRange(options.from, options.to, options.today);
  if (!range) {
    warnings.push(`no odds to plan: the API serves racecards from ${FIRST_RACECARD_DATE}`);
  }
  const windows = range ? splitIntoWindows(range.start, range.end, 1) : [];
  const runnersPerDay = AVERAGE_RACES_PER_DAY * AVERAGE_RUNNERS_PER_RACE;
  const movementDays = options.oddsMovements
    ? windows.filter((w) => w.start >= FIRST_MOVEMENTS_DATE).length
    : 0;
  const movementCalls = movementDays * runnersPerDay;
  if (options.oddsMovements) {
    warnings.push(
      `odds movements: ~${movementCalls} /v1/odds calls (one per runner, ~${runnersPerDay} a day, ` +
        `${movementDays} days from ${FIRST_MOVEMENTS_DATE}) at ${options.rates.default}/s`,
    );
  }
  return {
    job: "odds",
    checkpointJob: JOBS.oddsBackfill,
    windows,
    estimatedCalls: windows.length + movementCalls,
    rate: options.rates.racecards_list,
    seconds: Math.max(
      windows.length / options.rates.racecards_list,
      movementCalls / options.rates.default,
      (windows.length + movementCalls) / options.rates.global,
    ),
  };
}

/** The whole plan plus what the user should know before running it. */
export interface BackfillPlan {
  readonly jobs: readonly JobPlan[];
  readonly warnings: readonly string[];
  /** Seconds at the configured rates (jobs share the global cap). */
  readonly estimatedSeconds: number;
}

/** Options of planBackfill. */
export interface BackfillOptions {
  readonly from: string;
  readonly to: string;
  readonly today: string;
  readonly jobs: readonly BackfillJob[];
  readonly resultsWindowDays: number;
  readonly rates: RateLimits;
  /** RA_ODDS_MOVEMENTS: the odds backfill also asks /v1/odds for every runner from 2025-03-17. */
  readonly oddsMovements?: boolean;
}

/**
 * Plans the windows of each job; racecards are clamped to the days the API serves, and results
 * older than 365 days come with a warning (they need the vendor's historical add-on).
 */
export function planBackfill(options: BackfillOptions): BackfillPlan {
  const warnings: string[] = [];
  const jobs: JobPlan[] = [];
  if (options.jobs.includes("results")) {
    if (needsHistoricalAddon(options.from, options.today)) {
      const oldest = oldestResultsWithoutAddon(options.today);
      warnings.push(
        `results before ${oldest} are older than 365 days: The Racing API serves them only with ` +
          "the historical results add-on (Pro plan); without it those windows fail at once with " +
          "the API's reason, the rest goes on, and deno task status counts them (after adding " +
          "the add-on: deno task backfill --retry-failed; or plan from a later date)",
      );
    }
    const windows = splitIntoWindows(options.from, options.to, options.resultsWindowDays);
    jobs.push({
      job: "results",
      checkpointJob: JOBS.resultsBackfill,
      windows,
      estimatedCalls: windows.reduce((calls, w) => calls + estimatedResultsCalls(w), 0),
      rate: options.rates.default,
    });
  }
  if (options.jobs.includes("racecards")) {
    const range = clampRacecardRange(options.from, options.to, options.today);
    if (!range) {
      warnings.push(`no racecards to plan: the API serves racecards from ${FIRST_RACECARD_DATE}`);
    } else if (range.start !== options.from) {
      warnings.push(
        `racecards start at ${range.start}: the API has none before ${FIRST_RACECARD_DATE}`,
      );
    }
    const windows = range ? splitIntoWindows(range.start, range.end, 1) : [];
    jobs.push({
      job: "racecards",
      checkpointJob: JOBS.racecardsBackfill,
      windows,
      estimatedCalls: windows.length,
      rate: options.rates.racecards_list,
    });
  }
  if (options.jobs.includes("odds")) jobs.push(planOdds(options, warnings));
  // Jobs run side by side, each at its endpoint's rate, all under the global cap.
  const perJob = jobs.map((plan) => plan.seconds ?? plan.estimatedCalls / plan.rate);
  const totalCalls = jobs.reduce((calls, plan) => calls + plan.estimatedCalls, 0);
  const estimatedSeconds = Math.max(0, ...perJob, totalCalls / options.rates.global);
  return { jobs, warnings, estimatedSeconds };
}

/** Days in a plan's windows (for the summary). */
export function daysOf(windows: readonly DateWindow[]): number {
  return windows.reduce((days, w) => days + daysBetween(w.start, w.end) + 1, 0);
}
