/**
 * fetch-odds: live prices on the cadence (DESIGN §9). Modes: `tick` (pg_cron every minute: the
 * races due by time to their off, until the minute is up), `race` (one race now) and `backfill`
 * (planned days: each day's final prices from the Pro racecards, and with RA_ODDS_MOVEMENTS the
 * price movements of races from 2025-03-17).
 */
import { z } from "zod";
import type { JobDefinition } from "../_shared/http/serve_job.ts";
import { fetchDayOdds, fetchRaceOdds, fetchRunnerMovements } from "../_shared/odds/odds_fetch.ts";
import {
  addFetch,
  emptyTotals,
  fillMovements,
  runOddsTick,
  type TickTotals,
} from "../_shared/odds/tick.ts";
import { FIRST_MOVEMENTS_DATE, FIRST_RACECARD_DATE } from "../_shared/racing_api/endpoints.ts";
import { completeWindow, type SyncWindow } from "../_shared/sync/checkpoints.ts";
import { messageOf } from "../_shared/sync/failures.ts";
import type { JobContext } from "../_shared/sync/job_context.ts";
import { runStatusOf, type RunSummary } from "../_shared/sync/runs.ts";
import { runWindowLoop, summarizeLoops } from "../_shared/sync/window_loop.ts";
import { JOBS } from "../_shared/sync/windows.ts";

const wait = z.boolean().optional();

/** The body fetch-odds accepts. */
export const FetchOddsBodySchema = z.discriminatedUnion("mode", [
  z.strictObject({
    mode: z.literal("tick"),
    /** Milliseconds the tick keeps serving the cadence (tests, manual runs). */
    tick_ms: z.int().min(0).max(300_000).optional(),
    wait,
  }),
  z.strictObject({
    mode: z.literal("race"),
    race_id: z.string().regex(/^rac_[A-Za-z0-9]+$/, {
      error: 'expected a race id such as "rac_11745712"',
    }),
    wait,
  }),
  z.strictObject({ mode: z.literal("backfill"), wait }),
]);

/** A validated fetch-odds body. */
export type FetchOddsBody = z.infer<typeof FetchOddsBodySchema>;

function tickSummary(totals: TickTotals, apiCalls: number, cpuMs: number): RunSummary {
  return {
    status: runStatusOf({
      fatal: totals.fatal !== null,
      interrupted: totals.stopped_by === "shutdown",
      incomplete: totals.errors > 0,
    }),
    windows_claimed: 0,
    windows_done: 0,
    windows_failed: 0,
    api_calls: apiCalls,
    rows_written: totals.changes + totals.card_rows,
    error: totals.fatal,
    details: {
      stopped_by: totals.stopped_by,
      cycles: totals.cycles,
      races: totals.races.size,
      runners: totals.runners,
      bookmakers: totals.bookmakers.size,
      prices: totals.prices,
      changes: totals.changes,
      movement_runners: totals.movement_runners,
      errors: totals.errors,
      cpu_ms: Math.round(cpuMs),
    },
  };
}

/** One backfill day: its final prices, and its races' movements when asked for. */
async function processOddsDay(window: SyncWindow, context: JobContext) {
  const day = window.windowStart;
  const counts = await fetchDayOdds(context, day, null, day >= context.config.odds.from);
  let changes = counts.history;
  if (context.config.odds.movements && day >= FIRST_MOVEMENTS_DATE) {
    const runners = await context.sql<{ race_id: string; horse_id: string }[]>`
      select ru.race_id, ru.horse_id from ra_mst_runners ru
      join ra_mst_races ra on ra.id = ru.race_id
      where ra.race_date = ${day}::date and ru.is_non_runner is not true
        and upper(ra.region) = any (${context.config.regions.map((r) => r.toUpperCase())}::text[])
      order by ru.race_id, ru.horse_id`;
    for (const runner of runners) {
      changes += (await fetchRunnerMovements(context, runner.race_id, runner.horse_id)).history;
    }
  }
  await completeWindow(context.sql, {
    id: window.id,
    leaseOwner: window.leaseOwner,
    apiCalls: 0,
    rowsWritten: changes + counts.card_rows,
  });
  return { rowsWritten: changes + counts.card_rows, filteredOutRaces: 0 };
}

/** One race now; after its off, with RA_ODDS_MOVEMENTS, its runners' full movements too. */
async function refreshRace(context: JobContext, raceId: string): Promise<RunSummary> {
  const totals = emptyTotals();
  const summary = () => tickSummary(totals, context.api.stats.calls, context.cpu.spentMs);
  try {
    addFetch(totals, await fetchRaceOdds(context, raceId), [raceId]);
    totals.cycles = 1;
  } catch (error) {
    return { ...summary(), status: "failed", error: messageOf(error) };
  }
  const [race] = await context.sql<{ off: boolean }[]>`
    select off_dt <= ${context.clock.now().toISOString()}::timestamptz as off
    from ra_mst_races where id = ${raceId}`;
  if (context.config.odds.movements && race?.off) await fillMovements(context, totals, raceId);
  return summary();
}

async function run(context: JobContext, body: FetchOddsBody): Promise<RunSummary> {
  const calls = () => context.api.stats.calls;
  const cpu = () => context.cpu.spentMs;
  if (body.mode === "tick") {
    return tickSummary(await runOddsTick(context, body.tick_ms), calls(), cpu());
  }
  if (body.mode === "race") return await refreshRace(context, body.race_id);
  const loop = await runWindowLoop(context, JOBS.oddsBackfill, processOddsDay, {
    workers: context.config.windowWorkers,
  });
  return summarizeLoops([loop], { job: JOBS.oddsBackfill, first_date: FIRST_RACECARD_DATE });
}

/** The fetch-odds function. Polled cards are not archived: a day's list every minute is GBs. */
export const fetchOddsJob: JobDefinition<FetchOddsBody> = {
  functionName: "fetch-odds",
  bodySchema: FetchOddsBodySchema,
  run,
  archiveResponses: false,
  // The cadence goes first when a backfill wants the same second; the odds backfill does not.
  apiPriority: (body) => body.mode !== "backfill",
};
