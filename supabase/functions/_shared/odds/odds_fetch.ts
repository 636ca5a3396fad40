/**
 * One odds request and its write: the day's cards (`/v1/racecards/pro`) or one race's card
 * (`/v1/racecards/{race_id}/pro`) with their prices, written in one transaction through the
 * racecard writer (late changes: non-runners, jockeys, going) and the odds writer; or one
 * runner's price movements (`/v1/odds/{race_id}/{horse_id}`).
 * @module
 */
import type postgres from "postgres";
import { type OddsWriteCounts, writeOdds } from "../db/odds_writer.ts";
import type { RowBatch } from "../db/row_batch.ts";
import { rowCount, writeBatch } from "../db/writer.ts";
import {
  getRacecardPro,
  getRacecardsPro,
  getRunnerOdds,
  RACECARDS_LIMIT_MAX,
} from "../racing_api/endpoints.ts";
import { QuarantinedPayloadError } from "../racing_api/quarantine.ts";
import { parsePayload, payloadRows } from "../racing_api/payloads.ts";
import type { JobContext } from "../sync/job_context.ts";
import { inTransactionRetryingDeadlocks } from "../sync/paged_window.ts";
import { OddsPayloadError, type OddsRows, oddsToRows } from "./odds_rows.ts";
import { oddsOfWrittenRunners, type RunnerOdds, takenOdds } from "./taken_odds.ts";

/** What one fetch wrote. */
export interface OddsFetchCounts extends OddsWriteCounts {
  readonly races: number;
  readonly runners: number;
  readonly prices: number;
  readonly card_rows: number;
  readonly bookmakers: ReadonlySet<string>;
}

type RacecardsPage = { racecards: { race_id: string }[]; total: number };

function quarantine(error: OddsPayloadError, endpoint: string, odds: readonly RunnerOdds[]) {
  const runner = odds.find((r) => error.path.startsWith(`${r.race_id}/${r.horse_id}`));
  return new QuarantinedPayloadError(error, runner ?? odds, endpoint);
}

/**
 * The price rows of the runners a card batch writes (prices of races the region filter dropped
 * have no runner to hang on).
 * @throws QuarantinedPayloadError when a price cannot be read
 */
function pricesOf(
  context: Pick<JobContext, "cpu">,
  odds: readonly RunnerOdds[],
  rows: RowBatch,
  endpoint: string,
): OddsRows {
  const kept = oddsOfWrittenRunners(odds, rows.ra_mst_runners);
  try {
    return context.cpu.measure(() => oddsToRows(kept));
  } catch (error) {
    if (error instanceof OddsPayloadError) throw quarantine(error, endpoint, kept);
    throw error;
  }
}

/**
 * Writes the prices a racecards page carried (taken aside when it was parsed) in the page's
 * transaction: fetch-racecards keeps the odds of the pages it fetches anyway.
 */
export async function writeTakenOdds(
  tx: postgres.TransactionSql,
  context: JobContext,
  body: unknown,
  rows: RowBatch,
  endpoint: string,
): Promise<number> {
  const odds = takenOdds(body);
  if (odds === undefined) return 0;
  const counts = await writeOdds(tx, {
    races: [],
    rows: pricesOf(context, odds, rows, endpoint),
    fetchedAt: context.clock.now(),
    keepBookmakers: context.config.odds.bookmakers,
  });
  return counts.live + counts.history;
}

/**
 * Validates and writes cards and their prices; `races` (ids) limits which cards are written.
 * @throws QuarantinedPayloadError when a card or a price cannot be read (nothing written)
 */
async function writeCards(
  context: JobContext,
  kind: "racecards" | "racecard",
  body: unknown,
  endpoint: string,
  races: ReadonlySet<string> | null,
  keepOdds: boolean,
): Promise<OddsFetchCounts> {
  const odds = takenOdds(body) ?? [];
  const fetchedAt = context.clock.now();
  const parsed = parsePayload(kind, body, { drift: context.drift, cpu: context.cpu, endpoint });
  const cards = kind === "racecards"
    ? (parsed as RacecardsPage).racecards.filter((card) =>
      races === null || races.has(card.race_id)
    )
    : [parsed as { race_id: string }];
  const { rows } = context.cpu.measure(() =>
    payloadRows("racecards", { racecards: cards, total: cards.length } as never, {
      regions: context.config.regions,
    })
  );
  const raceIds = [...new Set((rows.ra_mst_races ?? []).map((r) => r.id))];
  const priceRows = keepOdds
    ? pricesOf(context, odds, rows, endpoint)
    : { prices: [], movements: [] };
  let cardRows = 0;
  let counts: OddsWriteCounts = { live: 0, history: 0, movements: 0, new_bookmakers: 0 };
  await inTransactionRetryingDeadlocks(context, async (tx) => {
    cardRows = rowCount(await writeBatch(tx, rows, "racecard"));
    counts = await writeOdds(tx, {
      races: keepOdds ? raceIds : [],
      rows: priceRows,
      fetchedAt,
      keepBookmakers: context.config.odds.bookmakers,
    });
  });
  return {
    ...counts,
    races: raceIds.length,
    runners: new Set(priceRows.prices.map((p) => `${p.race_id}/${p.horse_id}`)).size,
    prices: priceRows.prices.length,
    card_rows: cardRows,
    bookmakers: new Set(priceRows.prices.map((p) => p.bookmaker)),
  };
}

/** The day's cards with prices; only `races` are written (all when null). */
export async function fetchDayOdds(
  context: JobContext,
  date: string,
  races: ReadonlySet<string> | null,
  keepOdds = true,
): Promise<OddsFetchCounts> {
  const body = await getRacecardsPro(context.api, {
    date,
    regionCodes: context.config.regions,
    limit: RACECARDS_LIMIT_MAX,
  }, { withOdds: keepOdds, ...(races === null ? {} : { oddsOfRaces: races }) });
  return await writeCards(context, "racecards", body, "/v1/racecards/pro", races, keepOdds);
}

/** One race's card with prices. */
export async function fetchRaceOdds(context: JobContext, raceId: string): Promise<OddsFetchCounts> {
  const body = await getRacecardPro(context.api, raceId, { withOdds: true });
  return await writeCards(context, "racecard", body, `/v1/racecards/${raceId}/pro`, null, true);
}

/**
 * One runner's full price movements, written into the history (what polling missed).
 * @throws QuarantinedPayloadError when the answer cannot be read
 */
export async function fetchRunnerMovements(
  context: JobContext,
  raceId: string,
  horseId: string,
): Promise<OddsWriteCounts> {
  const endpoint = `/v1/odds/${raceId}/${horseId}`;
  const body = await getRunnerOdds(context.api, raceId, horseId);
  const items = (body as { odds?: unknown } | null)?.odds;
  const runner = { race_id: raceId, horse_id: horseId, items: Array.isArray(items) ? items : [] };
  let rows;
  try {
    if (!Array.isArray(items)) {
      throw new OddsPayloadError(`${raceId}/${horseId} odds`, "expected an array");
    }
    rows = context.cpu.measure(() => oddsToRows([runner]));
  } catch (error) {
    if (error instanceof OddsPayloadError) throw new QuarantinedPayloadError(error, body, endpoint);
    throw error;
  }
  return await writeOdds(context.sql, {
    races: [],
    rows: { prices: [], movements: rows.movements },
    fetchedAt: context.clock.now(),
    keepBookmakers: context.config.odds.bookmakers,
  });
}
