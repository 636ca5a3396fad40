/**
 * The demo's look at the odds: how many prices and changes are stored, and the price moves of
 * the runner with the most, as ra_odds_history holds them (the API's own change times).
 */
import type postgres from "postgres";

/** One stored change of one runner at one book. */
export interface PriceMove {
  readonly race_id: string;
  readonly horse: string;
  readonly bookmaker: string;
  readonly changed_at: Date;
  readonly odds_fractional: string | null;
}

/** Rows in the live and history tables. */
export async function oddsCounts(sql: postgres.Sql): Promise<{ live: number; history: number }> {
  const [row] = await sql<{ live: number; history: number }[]>`
    select (select count(*) from ra_odds_live)::int as live,
           (select count(*) from ra_odds_history)::int as history`;
  return row ?? { live: 0, history: 0 };
}

/** The moves of the runner and book with the most stored changes, oldest first. */
export async function busiestPriceMoves(sql: postgres.Sql, limit = 12): Promise<PriceMove[]> {
  return await sql<PriceMove[]>`
    with busiest as (
      select race_id, horse_id, bookmaker_id from ra_odds_history
      group by race_id, horse_id, bookmaker_id
      order by count(*) desc, race_id, horse_id, bookmaker_id limit 1
    )
    select h.race_id, coalesce(ho.name, h.horse_id) as horse,
           coalesce(b.name, h.bookmaker_id) as bookmaker, h.changed_at, h.odds_fractional
    from ra_odds_history h
    join busiest using (race_id, horse_id, bookmaker_id)
    left join ra_mst_horses ho on ho.id = h.horse_id
    left join ra_mst_bookmakers b on b.id = h.bookmaker_id
    order by h.changed_at desc limit ${limit}`;
}

/** The lines the demo prints (times in UK local time). */
export function renderPriceMoves(moves: readonly PriceMove[]): string {
  if (moves.length === 0) return "  no price changes stored yet";
  const first = moves[0]!;
  const time = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  const steps = [...moves].reverse().map((move) =>
    `    ${time.format(move.changed_at)}  ${move.odds_fractional ?? "-"}`
  );
  return [
    `  ${first.horse} in ${first.race_id} at ${first.bookmaker} (UK time, latest ${moves.length}):`,
    ...steps,
  ]
    .join("\n");
}
