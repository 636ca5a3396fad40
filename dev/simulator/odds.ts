/**
 * The bookmakers quoted on pro racecards and how each writes a price: about 20 UK/IRE books, the
 * spread firms and the exchange, with the spellings that vary from day to day, the occasional
 * book nobody has listed, each-way terms and the forecast SP text. The moving market itself is
 * in `odds_market.ts`, its rendering in `odds_payload.ts`.
 * @module
 */

import type { Race } from "./race_model.ts";
import type { MarketPrice } from "./race_result.ts";
import {
  formatBookFraction,
  formatDecimalPrice,
  fractionDecimal,
  FRACTIONS,
  nearestFractionIndexOfLogOdds,
} from "./racing_formats.ts";
import { hashInts, tagOf, unitOf } from "./seeded_random.ts";

/** A bookmaker and how it writes prices. */
export interface Bookmaker {
  /** The usual spelling. */
  name: string;
  /** Other spellings the API writes on some days. */
  variants: readonly string[];
  /** Writes 4/1 as "4". */
  bareWholes: boolean;
  /** Writes 6.0 with one decimal place. */
  onePlace: boolean;
  exchange: boolean;
  /** Typical margin over the market. */
  margin: number;
  /** Seeds the book's prices (its usual name's tag, so spellings do not move prices). */
  tag: number;
}

type BookRow = [string, boolean, boolean, number, string[]?];

function bookOf([name, bareWholes, onePlace, margin, variants]: BookRow): Bookmaker {
  return {
    name,
    variants: variants ?? [],
    bareWholes,
    onePlace,
    exchange: name === "Betfair Exchange",
    margin,
    tag: tagOf(name),
  };
}

/** The bookmakers quoted on pro racecards (every spelling resolves in sync-masters' list). */
export const BOOKMAKERS: readonly Bookmaker[] = ([
  ["Bet365", true, false, 0.02],
  ["William Hill", false, false, 0.03],
  ["Paddy Power", true, false, 0.03],
  ["Betfair Sportsbook", true, false, 0.03],
  ["Sky Bet", false, true, 0.025],
  ["Ladbrokes", false, false, 0.035],
  ["Coral", false, false, 0.035],
  ["Betfred", true, false, 0.03],
  ["BetVictor", true, true, 0.02, ["Bet Victor"]],
  ["Unibet", false, true, 0.03],
  ["Boylesports", true, false, 0.03, ["Boyle Sports"]],
  ["888sport", false, true, 0.04, ["888 Sport"]],
  ["Betway", false, false, 0.04],
  ["Star Sports", true, false, 0.02],
  ["BetMGM", false, true, 0.035],
  ["Midnite", true, false, 0.03],
  ["Virgin Bet", false, false, 0.035],
  ["Spreadex", true, true, 0.03, ["Spread Ex"]],
  ["Sporting Index", false, true, 0.03, ["SportingIndex"]],
  ["Tote", false, true, 0.05],
  ["Betfair Exchange", false, false, 0],
] as BookRow[]).map(bookOf);

/**
 * Books the API quotes now and then that no bookmaker list of the project knows: about one day in
 * ten one of them is quoted, so a sync must store prices from a name it cannot resolve.
 */
export const UNKNOWN_BOOKMAKERS: readonly Bookmaker[] = ([
  ["Fitzdares", false, false, 0.03],
  ["BetGoodwin", true, false, 0.035],
  ["Copybet", false, true, 0.04],
] as BookRow[]).map(bookOf);

/** Share of days on which one unknown book is quoted. */
const UNKNOWN_BOOK_DAY_SHARE = 0.1;
/** Chance that a book with other spellings uses one of them on a given day. */
const VARIANT_DAY_SHARE = 0.35;

/** A book as quoted on one day: the book and the name the API writes for it that day. */
export interface BookOfDay {
  book: Bookmaker;
  name: string;
}

/** The books quoted on a day and their spellings that day (same for every race of the day). */
export function booksOfDay(seed: number, day: number): BookOfDay[] {
  const books = BOOKMAKERS.map((book) => {
    const roll = unitOf(hashInts(seed, tagOf("book-spelling"), day, book.tag));
    const variant = roll < VARIANT_DAY_SHARE && book.variants.length
      ? book.variants[Math.floor((roll / VARIANT_DAY_SHARE) * book.variants.length)]
      : undefined;
    return { book, name: variant ?? book.name };
  });
  const unknown = unitOf(hashInts(seed, tagOf("unknown-book"), day));
  if (unknown < UNKNOWN_BOOK_DAY_SHARE) {
    const index = Math.floor((unknown / UNKNOWN_BOOK_DAY_SHARE) * UNKNOWN_BOOKMAKERS.length);
    const book = UNKNOWN_BOOKMAKERS[index] as Bookmaker;
    // Before the exchange, which the API lists last.
    books.splice(books.length - 1, 0, { book, name: book.name });
  }
  return books;
}

/** Each-way places and fraction denominator of a race ("" when the field is too small). */
export function eachWayTerms(race: Race): [string, string] {
  const field = race.entries.filter((e) => !e.nonRunner).length;
  if (field < 5) return ["", ""];
  if (field < 8) return ["2", "4"];
  if (race.handicap && field >= 16) return ["4", "4"];
  if (race.handicap && field >= 12) return ["3", "4"];
  return ["3", "5"];
}

/** Rounds a decimal price to the exchange's tick ladder. */
export function exchangeTick(decimal: number): number {
  const step = decimal < 2
    ? 0.01
    : decimal < 3
    ? 0.02
    : decimal < 4
    ? 0.05
    : decimal < 6
    ? 0.1
    : decimal < 10
    ? 0.2
    : decimal < 20
    ? 0.5
    : decimal < 30
    ? 1
    : decimal < 50
    ? 2
    : decimal < 100
    ? 5
    : 10;
  return Math.min(1000, Math.round(Math.round(decimal / step) * step * 100) / 100);
}

// Ladder lookups run for every price a book shows (about 100,000 a racing day), so the nearest
// ladder step is read from a table over log-odds in steps of 1/256 instead of searched.
const LADDER_LO = Math.log(0.01);
const LADDER_STEPS = 256;
const LADDER = (() => {
  const size = Math.ceil((Math.log(300) - LADDER_LO) * LADDER_STEPS);
  const table = new Uint8Array(size);
  for (let i = 0; i < size; i++) {
    table[i] = nearestFractionIndexOfLogOdds(LADDER_LO + (i + 0.5) / LADDER_STEPS);
  }
  return table;
})();

/**
 * The price a book displays for a true price given as log(decimal - 1): an index in FRACTIONS,
 * or for the exchange its tick price.
 */
export function displayedPrice(book: Bookmaker, logOdds: number): number {
  if (book.exchange) return exchangeTick(1 + Math.exp(logOdds));
  const slot = Math.floor((logOdds - LADDER_LO) * LADDER_STEPS);
  return LADDER[Math.min(LADDER.length - 1, Math.max(0, slot))] as number;
}

// Quotes repeat across runners and books, so their texts are made once and shared: by ladder
// index for each way of writing fractions, by tick price for the exchange.
const ladderTexts = new Map<number, (readonly [string, string])[]>();
const tickTexts = new Map<number, readonly [string, string]>();

/** `[fractional, decimal]` texts of a displayed price (see `displayedPrice`) as a book writes it. */
export function quoteText(book: Bookmaker, price: number): readonly [string, string] {
  if (book.exchange) {
    let texts = tickTexts.get(price);
    if (!texts) {
      const text = formatDecimalPrice(price, false);
      texts = [text, text];
      tickTexts.set(price, texts);
    }
    return texts;
  }
  const style = (book.bareWholes ? 1 : 0) + (book.onePlace ? 2 : 0);
  let ladder = ladderTexts.get(style);
  if (!ladder) {
    ladder = FRACTIONS.map((_, index) =>
      [
        formatBookFraction(index, book.bareWholes),
        formatDecimalPrice(fractionDecimal(index), book.onePlace),
      ] as const
    );
    ladderTexts.set(style, ladder);
  }
  return ladder[price] as readonly [string, string];
}

/** Forecast SP text for a racecard: "7/2 Bird Of War, 100/30 Supreme Dancer, …". */
export function bettingForecast(market: MarketPrice[]): string {
  return market
    .filter((m) => !m.entry.nonRunner)
    .sort((a, b) => a.spIndex - b.spIndex)
    .slice(0, 8)
    .map((m) => {
      const [n, d] = FRACTIONS[m.spIndex] as readonly [number, number];
      return `${n === d ? "Evens" : `${n}/${d}`} ${m.entry.racer.name}`;
    })
    .join(", ");
}
