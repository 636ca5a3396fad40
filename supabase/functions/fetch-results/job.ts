/**
 * fetch-results: results into races and runners (positions, SP, beaten distances, times) and
 * everything a result names (courses, people, horses), also for history before racecards.
 * Modes: `daily` (the last days again, for late corrections), `range` (dates on demand, from
 * 1988-01-01 to today, at most 366 days, in a checkpoint job of its own) and `backfill` (planned
 * windows until the budget is spent).
 */
import { z } from "zod";
import { daysBetween } from "../_shared/clock.ts";
import { dateOutside } from "../_shared/http/date_bounds.ts";
import type { FieldProblem } from "../_shared/http/request_body.ts";
import {
  getResults,
  oldestResultsWithoutAddon,
  RESULTS_LIMIT_MAX,
  RESULTS_SKIP_MAX,
} from "../_shared/racing_api/endpoints.ts";
import type { JobDefinition } from "../_shared/http/serve_job.ts";
import type { SyncWindow } from "../_shared/sync/checkpoints.ts";
import { type JobContext, todayOf } from "../_shared/sync/job_context.ts";
import { processPagedWindow } from "../_shared/sync/paged_window.ts";
import { runWindowLoop, summarizeLoops } from "../_shared/sync/window_loop.ts";
import { requestWindows } from "../_shared/sync/window_requests.ts";
import {
  dailyResultsWindow,
  DEFAULT_RESULTS_DAYS_BACK,
  DEFAULT_RESULTS_WINDOW_DAYS,
  JOBS,
  resultsRangeJob,
  splitIntoWindows,
} from "../_shared/sync/windows.ts";

/** The first racing day the results endpoint serves (older days need the historical add-on). */
export const FIRST_RESULTS_DATE = "1988-01-01";

/**
 * Days a range request may cover, both ends included: end_date at most 365 days after
 * start_date, the API's own longest span. Longer history goes through backfill.
 */
export const RANGE_DAYS_MAX = 366;

const wait = z.boolean().optional();

/** The body fetch-results accepts. */
export const FetchResultsBodySchema = z.discriminatedUnion("mode", [
  z.strictObject({
    mode: z.literal("daily"),
    days_back: z.int().min(1).max(30).optional(),
    wait,
  }),
  z.strictObject({
    mode: z.literal("range"),
    start_date: z.iso.date(),
    end_date: z.iso.date(),
    wait,
  }).refine((body) => body.start_date <= body.end_date, {
    path: ["end_date"],
    message: "must be on or after start_date",
  }),
  z.strictObject({ mode: z.literal("backfill"), wait }),
]);

/** A validated fetch-results body. */
export type FetchResultsBody = z.infer<typeof FetchResultsBodySchema>;

/** What is wrong with a range body's dates on `today` (the UK racing date); nothing otherwise. */
export function rangeProblems(body: FetchResultsBody, today: string): FieldProblem[] {
  if (body.mode !== "range") return [];
  const bounds = { first: FIRST_RESULTS_DATE, last: today, lastMeans: "today" };
  const problems = [
    dateOutside("start_date", body.start_date, bounds),
    dateOutside("end_date", body.end_date, bounds),
  ].filter((problem) => problem !== null);
  const days = daysBetween(body.start_date, body.end_date) + 1;
  // The span is worth saying only about dates that could otherwise be served.
  if (problems.length === 0 && days > RANGE_DAYS_MAX) {
    const most = `at most ${RANGE_DAYS_MAX - 1} days after start_date (${RANGE_DAYS_MAX} in all)`;
    problems.push({ field: "end_date", message: `must be ${most}: current span is ${days} days` });
  }
  return problems;
}

/** Fetches, writes and completes one results window (a date range, paged by 100). */
export function processResultsWindow(window: SyncWindow, context: JobContext) {
  return processPagedWindow(context, window, {
    kind: "results",
    maxSkip: RESULTS_SKIP_MAX,
    fetchPage: (skip) =>
      getResults(context.api, {
        startDate: window.windowStart,
        endDate: window.windowEnd,
        regions: context.config.regions,
        limit: RESULTS_LIMIT_MAX,
        skip,
      }),
    itemCount: (page) => page.results?.length ?? 0,
    total: (page) => page.total,
  });
}

async function run(context: JobContext, body: FetchResultsBody) {
  let job: string = JOBS.resultsBackfill;
  if (body.mode === "daily") {
    job = JOBS.resultsDaily;
    const window = dailyResultsWindow(
      todayOf(context),
      body.days_back ?? DEFAULT_RESULTS_DAYS_BACK,
    );
    await requestWindows(context.sql, job, [window]);
  } else if (body.mode === "range") {
    job = resultsRangeJob({ start: body.start_date, end: body.end_date });
    const windows = splitIntoWindows(
      body.start_date,
      body.end_date,
      DEFAULT_RESULTS_WINDOW_DAYS,
    );
    await requestWindows(context.sql, job, windows);
  }
  // A window refused for its dates (no historical add-on) says the same of every older one.
  const oldest = oldestResultsWithoutAddon(todayOf(context));
  const loop = await runWindowLoop(context, job, processResultsWindow, {
    workers: context.config.windowWorkers,
    refusedWith: (window) => window.windowStart < oldest ? oldest : undefined,
  });
  return summarizeLoops([loop], { job });
}

/** The fetch-results function. */
export const fetchResultsJob: JobDefinition<FetchResultsBody> = {
  functionName: "fetch-results",
  bodySchema: FetchResultsBodySchema,
  checkBody: rangeProblems,
  run,
};
