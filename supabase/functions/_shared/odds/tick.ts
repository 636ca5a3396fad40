/**
 * The odds tick (pg_cron, every minute): over today's UK/IRE races, fetch the prices of those
 * due by the cadence, with the cheaper request (the day list when many are due, single cards
 * when few), then sleep until the next race is due and go again until the minute is up, so one
 * invocation serves the 10-s cadence. After a race's off, when movements are on, one /v1/odds
 * call per runner fills the moves polling could not see. One tick at a time (a lease).
 * @module
 */
import { ukDate } from "../clock.ts";
import { isFatal, messageOf, recordSyncError, requestOf } from "../sync/failures.ts";
import type { JobContext } from "../sync/job_context.ts";
import { chooseRequest, isDue, nextFetchAt } from "./cadence.ts";
import {
  fetchDayOdds,
  fetchRaceOdds,
  fetchRunnerMovements,
  type OddsFetchCounts,
} from "./odds_fetch.ts";

/** Default length of one tick: the minute pg_cron gives it, less the time to close the run. */
export const TICK_MS = 55_000;
/** Movements are fetched this long after the off, when the market has closed. */
export const MOVEMENTS_AFTER_OFF_MS = 2 * 60_000;

/** A race the tick considers (ra_private.odds_races). */
interface OddsRace {
  race_id: string;
  off_dt: Date;
  fetched_at: Date | null;
  movements_fetched_at: Date | null;
}

/** What a tick did. */
export interface TickTotals {
  cycles: number;
  races: Set<string>;
  runners: number;
  prices: number;
  changes: number;
  movement_runners: number;
  bookmakers: Set<string>;
  errors: number;
  card_rows: number;
  fatal: string | null;
  stopped_by: "minute_up" | "nothing_due" | "shutdown" | "fatal" | "busy" | "cpu_budget";
}

async function oddsRaces(context: JobContext, day: string): Promise<OddsRace[]> {
  return await context.sql<OddsRace[]>`
    select race_id, off_dt, fetched_at, movements_fetched_at
    from ra_private.odds_races(${day}::date, ${[...context.config.regions]}::text[])`;
}

/** Adds one fetch's counts to a run's totals. */
export function addFetch(
  totals: TickTotals,
  counts: OddsFetchCounts,
  races: readonly string[],
): void {
  for (const race of races) totals.races.add(race);
  totals.runners += counts.runners;
  totals.prices += counts.prices;
  totals.changes += counts.history;
  totals.card_rows += counts.card_rows;
  for (const book of counts.bookmakers) totals.bookmakers.add(book);
}

/** Runs a request; a failure is recorded and counted (fatal ones stop the tick). */
async function attempt(
  context: JobContext,
  totals: TickTotals,
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (context.signal.aborted) throw error;
    totals.errors++;
    if (isFatal(error)) totals.fatal = messageOf(error);
    context.log.warn("odds request failed", { error: messageOf(error) });
    await recordSyncError(context.sql, context, null, {
      ...requestOf(error),
      error: messageOf(error),
      ...(typeof error === "object" && error !== null && "payload" in error
        ? { payload: (error as { payload: unknown }).payload }
        : {}),
    }).catch(() => {});
  }
}

/**
 * Fills a race's price movements from /v1/odds, one call per runner, and marks the race filled
 * when every call succeeded (failures are recorded and counted in `totals`).
 */
export async function fillMovements(context: JobContext, totals: TickTotals, raceId: string) {
  const runners = await context.sql<{ horse_id: string }[]>`
    select horse_id from ra_mst_runners
    where race_id = ${raceId} and is_non_runner is not true order by horse_id`;
  const before = totals.errors;
  for (const { horse_id } of runners) {
    await attempt(context, totals, async () => {
      const counts = await fetchRunnerMovements(context, raceId, horse_id);
      totals.changes += counts.history;
      totals.movement_runners++;
    });
    if (totals.fatal !== null || context.signal.aborted) return;
  }
  // A race whose fills failed is tried again next tick.
  if (totals.errors === before) {
    await context.sql`select ra_private.mark_movements_fetched(
      ${[raceId]}::text[], ${context.clock.now().toISOString()}::timestamptz)`;
  }
}

/** Totals of nothing done yet. */
export function emptyTotals(): TickTotals {
  return {
    cycles: 0,
    races: new Set(),
    runners: 0,
    prices: 0,
    changes: 0,
    movement_runners: 0,
    bookmakers: new Set(),
    errors: 0,
    card_rows: 0,
    fatal: null,
    stopped_by: "nothing_due",
  };
}

/** Serves the cadence until `tickMs` is up or nothing is due before then. */
export async function runOddsTick(context: JobContext, tickMs = TICK_MS): Promise<TickTotals> {
  const { clock, config } = context;
  const totals = emptyTotals();
  const [lease] = await context.sql<{ taken: boolean }[]>`
    select ra_private.claim_odds_tick(${context.runId}::uuid, ${Math.ceil(tickMs / 1000) + 60})
      as taken`;
  if (!lease?.taken) return { ...totals, stopped_by: "busy" };
  try {
    const deadline = clock.now().getTime() + tickMs;
    // Races whose movements this tick tried: a failed fill waits for the next tick.
    const tried = new Set<string>();
    while (true) {
      if (context.signal.aborted) return { ...totals, stopped_by: "shutdown" };
      const now = clock.now().getTime();
      const day = ukDate(new Date(now));
      const races = await oddsRaces(context, day);
      const due = races.filter((race) =>
        isDue(race.off_dt.getTime(), race.fetched_at?.getTime() ?? null, now, config.odds.cadence)
      );
      if (due.length > 0) {
        totals.cycles++;
        const ids = due.map((race) => race.race_id);
        if (chooseRequest(due.length) === "day_list") {
          await attempt(context, totals, async () => {
            addFetch(totals, await fetchDayOdds(context, day, new Set(ids)), ids);
          });
        } else {
          for (const id of ids) {
            await attempt(context, totals, async () => {
              addFetch(totals, await fetchRaceOdds(context, id), [id]);
            });
          }
        }
        // The cadence counts from the decision, so a slow answer does not stretch the gaps.
        for (const race of due) race.fetched_at = new Date(now);
      }
      if (totals.fatal !== null) return { ...totals, stopped_by: "fatal" };
      const unfilled = config.odds.movements
        ? races.filter((race) => race.fetched_at !== null && race.movements_fetched_at === null)
        : [];
      const fillable = unfilled.find((race) =>
        race.off_dt.getTime() + MOVEMENTS_AFTER_OFF_MS <= clock.now().getTime()
      );
      if (fillable) {
        tried.add(fillable.race_id);
        await fillMovements(context, totals, fillable.race_id);
      }
      if (totals.fatal !== null) return { ...totals, stopped_by: "fatal" };
      // The next moment anything is due: a race's next fetch or a market closing for its fill.
      let next: number | null = fillable ? clock.now().getTime() : null;
      for (const race of races) {
        const at = nextFetchAt(
          race.off_dt.getTime(),
          race.fetched_at?.getTime() ?? null,
          now,
          config.odds.cadence,
        );
        if (at !== null && (next === null || at < next)) next = at;
      }
      for (const race of unfilled) {
        if (tried.has(race.race_id)) continue;
        const at = race.off_dt.getTime() + MOVEMENTS_AFTER_OFF_MS;
        if (next === null || at < next) next = Math.max(at, now);
      }
      if (next === null) return { ...totals, stopped_by: "nothing_due" };
      // The Edge Runtime stops an isolate at 2 s of CPU; the next minute's tick goes on.
      if (context.cpu.spentMs > config.cpuBudgetMs) return { ...totals, stopped_by: "cpu_budget" };
      if (next >= deadline) return { ...totals, stopped_by: "minute_up" };
      await clock.sleep(Math.max(0, next - clock.now().getTime()), context.signal);
    }
  } finally {
    await context.sql`select ra_private.release_odds_tick(${context.runId}::uuid)`.catch(() => {});
  }
}
