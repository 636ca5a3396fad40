/**
 * fetch-racecards: Pro racecards into races, runners' pre-race columns, people, horses (with the
 * profile the card carries) and sires, dams and damsires; horses the card leaves without a
 * profile stay pending for enrich-horses. One racing day per window, because the endpoint
 * takes one date per request. Modes: `daily` (today .. today + 2 by default, at most + 7),
 * `date` (one day on demand, 2023-01-23 to today + 7) and `backfill` (planned days from
 * 2023-01-23). The runners' prices on each page are stored too (days from RA_ODDS_FROM).
 */
import { z } from "zod";
import { addDays } from "../_shared/clock.ts";
import { dateOutside } from "../_shared/http/date_bounds.ts";
import type { FieldProblem } from "../_shared/http/request_body.ts";
import {
  FIRST_RACECARD_DATE,
  getRacecardsPro,
  RACECARDS_DAYS_AHEAD,
  RACECARDS_LIMIT_MAX,
  RACECARDS_SKIP_MAX,
} from "../_shared/racing_api/endpoints.ts";
import type { JobDefinition } from "../_shared/http/serve_job.ts";
import type { SyncWindow } from "../_shared/sync/checkpoints.ts";
import { type JobContext, todayOf } from "../_shared/sync/job_context.ts";
import { writeTakenOdds } from "../_shared/odds/odds_fetch.ts";
import { processPagedWindow } from "../_shared/sync/paged_window.ts";
import { runWindowLoop, summarizeLoops } from "../_shared/sync/window_loop.ts";
import { requestWindows } from "../_shared/sync/window_requests.ts";
import {
  dailyRacecardWindows,
  DEFAULT_RACECARDS_DAYS_AHEAD,
  JOBS,
} from "../_shared/sync/windows.ts";

const wait = z.boolean().optional();

/** The body fetch-racecards accepts. */
export const FetchRacecardsBodySchema = z.discriminatedUnion("mode", [
  z.strictObject({
    mode: z.literal("daily"),
    days_ahead: z.int().min(0).max(RACECARDS_DAYS_AHEAD).optional(),
    wait,
  }),
  z.strictObject({
    mode: z.literal("date"),
    date: z.iso.date(),
    wait,
  }),
  z.strictObject({ mode: z.literal("backfill"), wait }),
]);

/** A validated fetch-racecards body. */
export type FetchRacecardsBody = z.infer<typeof FetchRacecardsBodySchema>;

/** What is wrong with a date body's day on `today` (the UK racing date): the API's bounds. */
export function racecardDateProblems(body: FetchRacecardsBody, today: string): FieldProblem[] {
  if (body.mode !== "date") return [];
  const problem = dateOutside("date", body.date, {
    first: FIRST_RACECARD_DATE,
    last: addDays(today, RACECARDS_DAYS_AHEAD),
    lastMeans: `today + ${RACECARDS_DAYS_AHEAD}`,
  });
  return problem ? [problem] : [];
}

/** Fetches, writes and completes one racecards window (one racing day). */
export function processRacecardsWindow(
  window: SyncWindow,
  context: JobContext,
) {
  const withOdds = window.windowStart >= context.config.odds.from;
  return processPagedWindow(context, window, {
    kind: "racecards",
    maxSkip: RACECARDS_SKIP_MAX,
    fetchPage: (skip) =>
      getRacecardsPro(context.api, {
        date: window.windowStart,
        regionCodes: context.config.regions,
        limit: RACECARDS_LIMIT_MAX,
        skip,
      }, { withOdds }),
    itemCount: (page) => page.racecards.length,
    total: (page) => page.total,
    // The prices the page carries anyway (days from RA_ODDS_FROM), in the page's transaction.
    ...(withOdds
      ? {
        writeAlso: (tx, body, rows) => writeTakenOdds(tx, context, body, rows, "/v1/racecards/pro"),
      }
      : {}),
  });
}

async function run(context: JobContext, body: FetchRacecardsBody) {
  const today = todayOf(context);
  let job: string = JOBS.racecardsBackfill;
  if (body.mode === "daily") {
    job = JOBS.racecardsDaily;
    const days = dailyRacecardWindows(
      today,
      body.days_ahead ?? DEFAULT_RACECARDS_DAYS_AHEAD,
    );
    await requestWindows(context.sql, job, days);
  } else if (body.mode === "date") {
    // The handler checked the day against today (racecardDateProblems), and today only moves on.
    job = JOBS.racecardsDaily;
    await requestWindows(context.sql, job, [{ start: body.date, end: body.date }]);
  }
  const loop = await runWindowLoop(context, job, processRacecardsWindow, {
    workers: context.config.windowWorkers,
  });
  return summarizeLoops([loop], { job });
}

/** The fetch-racecards function. */
export const fetchRacecardsJob: JobDefinition<FetchRacecardsBody> = {
  functionName: "fetch-racecards",
  bodySchema: FetchRacecardsBodySchema,
  checkBody: racecardDateProblems,
  run,
};
