/**
 * The odds writer: one call of ra_private.write_odds per fetch, inside the caller's transaction
 * (after the racecard writer, whose runners the prices reference).
 * @module
 */
import type postgres from "postgres";
import type { OddsRows } from "../odds/odds_rows.ts";

/** Rows one write stored: live rows changed, history rows added (movements among them), books created. */
export interface OddsWriteCounts {
  readonly live: number;
  readonly history: number;
  readonly movements: number;
  readonly new_bookmakers: number;
}

/** What one fetch writes. */
export interface OddsWrite {
  /** Races fetched (their fetch time is recorded even when they have no price yet). */
  readonly races: readonly string[];
  readonly rows: OddsRows;
  /** When the prices were fetched (our clock). */
  readonly fetchedAt: Date;
  /** Bookmaker ids to keep; null keeps every book. */
  readonly keepBookmakers: readonly string[] | null;
}

/** Writes one fetch of prices and movements; unchanged prices write nothing. */
export async function writeOdds(
  tx: postgres.TransactionSql | postgres.Sql,
  write: OddsWrite,
): Promise<OddsWriteCounts> {
  const [row] = await tx<{ counts: OddsWriteCounts }[]>`
    select ra_private.write_odds(
      races => ${[...write.races]}::text[],
      prices => ${JSON.stringify(write.rows.prices)}::text::jsonb,
      movements => ${JSON.stringify(write.rows.movements)}::text::jsonb,
      fetched_at => ${write.fetchedAt.toISOString()}::timestamptz,
      keep_bookmakers => ${write.keepBookmakers === null ? null : [...write.keepBookmakers]}::text[]
    ) as counts`;
  return row?.counts ?? { live: 0, history: 0, movements: 0, new_bookmakers: 0 };
}
