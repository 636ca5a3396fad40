/**
 * fetch-results: results into races and runners (positions, SP, beaten distances, times) and
 * everything a result names (courses, people, horses), also for history before racecards.
 * Modes: `daily` (the last days again, for late corrections), `range` (dates on demand) and
 * `backfill` (planned windows until the budget is spent).
 */
import { z } from "zod";
import {
  getResults,
  RESULTS_LIMIT_MAX,
  RESULTS_SKIP_MAX,
} from "../_shared/racing_api/endpoints.ts";
import { ResultsPageSchema } from "../_shared/racing_api/schemas.ts";
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
  splitIntoWindows,
} from "../_shared/sync/windows.ts";
import { resultsPageToRows } from "../_shared/transform/result.ts";

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

/** Fetches, writes and completes one results window (a date range, paged by 100). */
export function processResultsWindow(window: SyncWindow, context: JobContext) {
  return processPagedWindow(context, window, {
    kind: "results page",
    source: "result",
    schema: ResultsPageSchema,
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
    toRows: (page) => resultsPageToRows(page, { regions: context.config.regions }),
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
    job = JOBS.resultsRange;
    const windows = splitIntoWindows(
      body.start_date,
      body.end_date,
      DEFAULT_RESULTS_WINDOW_DAYS,
    );
    await requestWindows(context.sql, job, windows);
  }
  const loop = await runWindowLoop(context, job, processResultsWindow, {
    workers: context.config.windowWorkers,
  });
  return summarizeLoops([loop], { job });
}

/** The fetch-results function. */
export const fetchResultsJob: JobDefinition<FetchResultsBody> = {
  functionName: "fetch-results",
  bodySchema: FetchResultsBodySchema,
  run,
};
