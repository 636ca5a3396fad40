/**
 * The betting market of a GB/IRE race as it moves through the day: it opens at 08:00 UK time on
 * the race day, "moves" at moments that get denser as the off nears (every 5–30 min, then 1–5
 * min in the last half hour, then 20 s–2 min in the last five), and closes at the off. At each
 * move every runner's true price drifts a little (a bridge that ends at its SP) and each book
 * follows with some probability; a book records a change only when the price it displays (its
 * fraction ladder or the exchange tick) actually changes. Pure in (seed, race).
 * @module
 */

import { type Bookmaker, booksOfDay, displayedPrice, eachWayTerms, quoteText } from "./odds.ts";
import type { Race } from "./race_model.ts";
import { marketOf } from "./race_result.ts";
import { fractionDecimal } from "./racing_formats.ts";
import { hashInts, SeededRandom, tagOf } from "./seeded_random.ts";
import { formatUkStamp, ukLocalToUtcMs } from "./uk_time.ts";

/** UK wall-clock minute at which a race day's markets open (08:00). */
export const MARKET_OPENS_AT_MINUTE = 8 * 60;
/** Chance that a book follows the market at a move. */
const FOLLOW_SHARE = 0.3;
const LOG_STAY = Math.log(1 - FOLLOW_SHARE);
/** Drift of a runner's true log-odds at each move. */
const DRIFT_PER_MOVE = 0.045;
/** Share of (runner, book) lines with no price ("-") all day. */
const NO_PRICE_SHARE = 0.03;
/** Share of bookmaker (not exchange) lines that only offer SP all day. */
const SP_ONLY_SHARE = 0.005;

/** One change of a book's displayed price. */
export interface PriceChange {
  atMs: number;
  /** Index of the move in `OddsMarket.moves`. */
  move: number;
  fractional: string;
  decimal: string;
}

/** One book's prices for one runner through the day. */
export interface BookLine {
  book: Bookmaker;
  /** The name the API writes for the book on the race day. */
  name: string;
  ewPlaces: string;
  ewDenom: string;
  /** Oldest first; the first is the opening price, at the market's opening. */
  changes: PriceChange[];
}

/** The market of one race: for each entry (in race order) its book lines (none for non-runners). */
export interface OddsMarket {
  raceId: string;
  openMs: number;
  offMs: number;
  /** Moments the market moved, oldest first (the opening included). */
  moves: number[];
  /** Each move's moment as the API's `updated` writes it (UK local, no zone). */
  stamps: string[];
  runners: BookLine[][];
}

function isHome(race: Race): boolean {
  return race.course.regionCode === "gb" || race.course.regionCode === "ire";
}

/** When a race's market opens: 08:00 UK on the race day (an hour before an earlier off). */
export function marketOpenMs(race: Race): number {
  const open = ukLocalToUtcMs(race.day, MARKET_OPENS_AT_MINUTE);
  return Math.min(open, race.offUtcMs - 3600_000);
}

/** Seconds between a move and the one before it, by time to the off. */
function gapSeconds(rng: SeededRandom, toOffMs: number): number {
  if (toOffMs <= 5 * 60_000) return rng.int(20, 120);
  if (toOffMs <= 30 * 60_000) return rng.int(60, 300);
  return rng.int(300, 1800);
}

/** The moments a race's market moves, oldest first: the opening, then denser towards the off. */
export function marketMoves(race: Race): number[] {
  const rng = new SeededRandom(hashInts(race.seedHash, tagOf("odds-moves")));
  const openMs = marketOpenMs(race);
  const offMs = race.offUtcMs;
  // Drawn backwards from just before the off, so the last minutes are always dense.
  const moves: number[] = [];
  let at = offMs - rng.int(5, 40) * 1000;
  while (at - openMs >= 60_000) {
    moves.push(at);
    at -= gapSeconds(rng, offMs - at) * 1000;
  }
  moves.push(openMs);
  return moves.reverse();
}

/** A runner's true log-odds at each move: a bridge from its opening price to its SP. */
function truePath(rng: SeededRandom, spDecimal: number, moves: number): Float64Array {
  const target = Math.log(spDecimal - 1);
  const start = target + rng.normal() * 0.25;
  const walk = new Float64Array(moves);
  for (let k = 1; k < moves; k++) walk[k] = (walk[k - 1] as number) + rng.normal() * DRIFT_PER_MOVE;
  const last = moves > 1 ? (walk[moves - 1] as number) : 0;
  const path = new Float64Array(moves);
  for (let k = 0; k < moves; k++) {
    const share = moves > 1 ? k / (moves - 1) : 1;
    path[k] = start + (target - start) * share + (walk[k] as number) - last * share;
  }
  return path;
}

function fixedLine(
  book: Bookmaker,
  name: string,
  openMs: number,
  fractional: string,
  decimal: string,
  ew: [string, string],
): BookLine {
  return {
    book,
    name,
    ewPlaces: ew[0],
    ewDenom: ew[1],
    changes: [{ atMs: openMs, move: 0, fractional, decimal }],
  };
}

/** Builds the market of a race (foreign races have no lines). */
export function buildOddsMarket(seed: number, race: Race): OddsMarket {
  const moves = marketMoves(race);
  const openMs = moves[0] as number;
  const market: OddsMarket = {
    raceId: race.id,
    openMs,
    offMs: race.offUtcMs,
    moves,
    stamps: moves.map((at) => formatUkStamp(at)),
    runners: race.entries.map(() => []),
  };
  if (!isHome(race)) return market;
  const books = booksOfDay(seed, race.day);
  const ew = eachWayTerms(race);
  const prices = marketOf(race);
  prices.forEach((price, i) => {
    if (price.entry.nonRunner || price.probability <= 0) return;
    const key = price.entry.racer.key;
    const path = truePath(
      new SeededRandom(hashInts(race.seedHash, tagOf("odds-true"), key)),
      fractionDecimal(price.spIndex),
      moves.length,
    );
    const lines = market.runners[i] as BookLine[];
    for (const { book, name } of books) {
      const rng = new SeededRandom(hashInts(race.seedHash, tagOf("odds"), key, book.tag));
      const state = rng.next();
      if (state < NO_PRICE_SHARE) {
        lines.push(fixedLine(book, name, openMs, "-", "-", ["", ""]));
        continue;
      }
      const bookEw: [string, string] = book.exchange ? ["", ""] : ew;
      if (state < NO_PRICE_SHARE + SP_ONLY_SHARE && !book.exchange) {
        lines.push(fixedLine(book, name, openMs, "SP", "0", bookEw));
        continue;
      }
      // A book sits a little off the market: the exchange above it, the firms around it.
      const bias = book.exchange ? 0.07 + rng.normal() * 0.02 : rng.normal() * 0.05 - book.margin;
      const changes: PriceChange[] = [];
      let shown = -1;
      // The book follows at the opening, then at each move with FOLLOW_SHARE: the moves it
      // skips are drawn as one geometric gap.
      for (let k = 0; k < moves.length; k += 1 + Math.floor(Math.log(1 - rng.next()) / LOG_STAY)) {
        const price = displayedPrice(book, (path[k] as number) + bias + (rng.next() - 0.5) * 0.06);
        if (price === shown) continue;
        shown = price;
        const [fractional, decimalText] = quoteText(book, price);
        changes.push({ atMs: moves[k] as number, move: k, fractional, decimal: decimalText });
      }
      lines.push({ book, name, ewPlaces: bookEw[0], ewDenom: bookEw[1], changes });
    }
  });
  return market;
}

/** Index of the last change at or before an instant, or -1 when the line had not opened. */
export function changeIndexAt(changes: readonly PriceChange[], atMs: number): number {
  let i = changes.length - 1;
  while (i >= 0 && (changes[i] as PriceChange).atMs > atMs) i--;
  return i;
}
