/**
 * The odds side of `deno task replay`: the prices a racecards page or card carries, and a
 * saved `/v1/odds/{race_id}/{horse_id}` answer (`--kind odds`), mapped with the functions' own
 * odds transform (odds_rows.ts) and written with ra_private.write_odds.
 * @module
 */
import type postgres from "postgres";
import { type OddsWriteCounts, writeOdds } from "../supabase/functions/_shared/db/odds_writer.ts";
import type { RowBatch } from "../supabase/functions/_shared/db/row_batch.ts";
import { type OddsRows, oddsToRows } from "../supabase/functions/_shared/odds/odds_rows.ts";
import {
  oddsOfWrittenRunners,
  type RunnerOdds,
  takenOdds,
  takeOdds,
} from "../supabase/functions/_shared/odds/taken_odds.ts";

/** Kinds whose payloads carry prices. */
export const KINDS_WITH_ODDS: readonly string[] = ["racecards", "racecard", "odds"];

/** A `/v1/odds` answer that is not `{race_id, horse_id, odds: [...]}`. */
export class RunnerOddsShapeError extends Error {
  constructor(problem: string) {
    super(`Cannot replay the odds payload: ${problem}`);
    this.name = "RunnerOddsShapeError";
  }
}

/** Takes a card payload's prices aside before it is validated (the functions do the same). */
export function setOddsAside(payload: unknown): void {
  takeOdds(payload);
}

/** The prices of a card payload set aside, for the runners the card's rows write. */
export function cardOddsRows(payload: unknown, rows: RowBatch): OddsRows {
  return oddsToRows(oddsOfWrittenRunners(takenOdds(payload) ?? [], rows.ra_mst_runners));
}

/**
 * The rows of a `/v1/odds/{race_id}/{horse_id}` answer: prices (items with `updated`) and
 * every movement.
 * @throws RunnerOddsShapeError when the answer has no race_id, horse_id or odds array
 */
export function runnerOddsRows(payload: unknown): OddsRows {
  const body = payload as Record<string, unknown> | null;
  if (typeof body !== "object" || body === null) {
    throw new RunnerOddsShapeError("expected an object");
  }
  const { race_id, horse_id, odds } = body;
  if (typeof race_id !== "string" || typeof horse_id !== "string") {
    throw new RunnerOddsShapeError("race_id and horse_id must be strings");
  }
  if (!Array.isArray(odds)) throw new RunnerOddsShapeError("odds must be an array");
  const runner: RunnerOdds = { race_id, horse_id, items: odds };
  return oddsToRows([runner]);
}

/** The dry-run tables of some prices: live rows as given (books by name), movements. */
export function oddsTables(
  odds: OddsRows,
): { ra_odds_live?: unknown[]; ra_odds_history?: unknown[] } {
  return {
    ...(odds.prices.length > 0 ? { ra_odds_live: odds.prices } : {}),
    ...(odds.movements.length > 0 ? { ra_odds_history: odds.movements } : {}),
  };
}

/** Writes replayed prices (after the card rows, in the same transaction when there are some). */
export async function writeReplayedOdds(
  tx: postgres.TransactionSql | postgres.Sql,
  odds: OddsRows,
): Promise<OddsWriteCounts> {
  const races = [...new Set(odds.prices.map((p) => p.race_id))];
  return await writeOdds(tx, { races, rows: odds, fetchedAt: new Date(), keepBookmakers: null });
}
