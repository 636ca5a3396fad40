/**
 * The odds settings users choose (README "Configuration"): the cadence table, which books to
 * keep, from which date backfilled racecards store prices, and whether /v1/odds fills the
 * price movements. Read by config.ts; one problem line per bad variable, named.
 * @module
 */
import { type CadenceStep, DEFAULT_CADENCE, parseCadence } from "./cadence.ts";

/** The odds settings. */
export interface OddsConfig {
  readonly cadence: readonly CadenceStep[];
  /** Bookmaker ids (ra_mst_bookmakers.id) to store; null stores every book. */
  readonly bookmakers: readonly string[] | null;
  /** Racecards of days before this date store no prices (backfills). */
  readonly from: string;
  /** Fill each race's full price movements from /v1/odds after its off (one call per runner). */
  readonly movements: boolean;
}

/** Default of RA_ODDS_FROM: the first day the Pro racecards serve. */
export const DEFAULT_ODDS_FROM = "2023-01-23";

const BOOK_ID = /^[a-z0-9_]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Reads RA_ODDS_CADENCE, RA_ODDS_BOOKMAKERS, RA_ODDS_FROM and RA_ODDS_MOVEMENTS. */
export function readOddsConfig(
  read: (name: string) => string | undefined,
  problems: string[],
): OddsConfig {
  let cadence: readonly CadenceStep[] = DEFAULT_CADENCE;
  const cadenceText = read("RA_ODDS_CADENCE");
  if (cadenceText !== undefined) {
    try {
      cadence = parseCadence(cadenceText);
    } catch (error) {
      problems.push(`RA_ODDS_CADENCE is not a cadence: ${(error as Error).message}`);
    }
  }
  let bookmakers: string[] | null = null;
  const books = read("RA_ODDS_BOOKMAKERS");
  if (books !== undefined && books.toLowerCase() !== "all") {
    bookmakers = books.split(",").map((book) => book.trim()).filter((book) => book !== "");
    if (bookmakers.length === 0 || bookmakers.some((book) => !BOOK_ID.test(book))) {
      problems.push(
        'RA_ODDS_BOOKMAKERS must be "all" or comma-separated bookmaker ids such as "bet365,betfair_exchange"',
      );
      bookmakers = null;
    }
  }
  const from = read("RA_ODDS_FROM") ?? DEFAULT_ODDS_FROM;
  if (!DATE.test(from) || Number.isNaN(Date.parse(`${from}T00:00:00Z`))) {
    problems.push("RA_ODDS_FROM must be a date as YYYY-MM-DD");
  }
  const movementsText = read("RA_ODDS_MOVEMENTS")?.toLowerCase() ?? "false";
  if (movementsText !== "true" && movementsText !== "false") {
    problems.push("RA_ODDS_MOVEMENTS must be true or false");
  }
  return Object.freeze({
    cadence,
    bookmakers: bookmakers === null ? null : Object.freeze(bookmakers),
    from,
    movements: movementsText === "true",
  });
}
