/**
 * fetch-results: results into races and runners (positions, SP, beaten distances, times) and
 * everything a result names (courses, people, horses), also for history before racecards.
 * Modes: `daily` (today, the last days again and the results of 7 days ago, for late
 * corrections, counted as `revisions` in the run summary), `range` (dates on demand, from
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
import { raceIdsOfPage, racesWithResult, rowsChangedInTransaction } from "./revisions.ts";
import { requestWindows } from "../_shared/sync/window_requests.ts";
import {
  dailyResultsWindows,
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

/** Result revisions counted by a run (see revisions.ts). */
export interface RevisionTally {
  revisions: number;
}

/**
 * Fetches, writes and completes one results window (a date range, paged by 100), adding to
 * `tally` the rows of already-resulted races its pages changed: all its pages when the window
 * completes; when it fails part-way, those of every page but the last written, whose
 * transaction may not have committed.
 */
export async function processResultsWindow(
  window: SyncWindow,
  context: JobContext,
  tally: RevisionTally = { revisions: 0 },
) {
  // Per page (its body): the races it lists that had a result before it was written, then
  // the rows of those races its transaction changed (a deadlock retry counts the page again).
  const resultedBefore = new WeakMap<object, string[]>();
  const revisedByPage = new Map<object, number>();
  let completed = false;
  try {
    const outcome = await processPagedWindow(context, window, {
      kind: "results",
      maxSkip: RESULTS_SKIP_MAX,
      fetchPage: async (skip) => {
        const body = await getResults(context.api, {
          startDate: window.windowStart,
          endDate: window.windowEnd,
          regions: context.config.regions,
          limit: RESULTS_LIMIT_MAX,
          skip,
        });
        if (typeof body === "object" && body !== null) {
          resultedBefore.set(body, await racesWithResult(context.sql, raceIdsOfPage(body)));
        }
        return body;
      },
      itemCount: (page) => page.results?.length ?? 0,
      total: (page) => page.total,
      writeAlso: async (tx, body) => {
        if (typeof body !== "object" || body === null) return 0;
        revisedByPage.set(body, await rowsChangedInTransaction(tx, resultedBefore.get(body) ?? []));
        // Revisions are rows the upserts already counted in rows_written.
        return 0;
      },
    });
    completed = true;
    return outcome;
  } finally {
    const pages = [...revisedByPage.values()];
    if (!completed) pages.pop();
    tally.revisions += pages.reduce((sum, revised) => sum + revised, 0);
  }
}

async function run(context: JobContext, body: FetchResultsBody) {
  let job: string = JOBS.resultsBackfill;
  if (body.mode === "daily") {
    job = JOBS.resultsDaily;
    const windows = dailyResultsWindows(
      todayOf(context),
      body.days_back ?? DEFAULT_RESULTS_DAYS_BACK,
    );
    await requestWindows(context.sql, job, windows);
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
  const tally: RevisionTally = { revisions: 0 };
  const loop = await runWindowLoop(
    context,
    job,
    (window, windowContext) => processResultsWindow(window, windowContext, tally),
    {
      workers: context.config.windowWorkers,
      refusedWith: (window) => window.windowStart < oldest ? oldest : undefined,
    },
  );
  return summarizeLoops([loop], { job, revisions: tally.revisions });
}

/** The fetch-results function. */
export const fetchResultsJob: JobDefinition<FetchResultsBody> = {
  functionName: "fetch-results",
  bodySchema: FetchResultsBodySchema,
  checkBody: rangeProblems,
  run,
};
