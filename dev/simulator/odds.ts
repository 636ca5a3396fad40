/**
 * Bookmaker prices on racecards: about 20 UK/IRE books and the exchange, each a little off the
 * market, with each-way terms and (for races from 2025-03-17) a history of price changes.
 * @module
 */

import type { Race } from "./race_model.ts";
import type { MarketPrice } from "./race_result.ts";
import {
  formatBookFraction,
  formatDecimalPrice,
  fractionDecimal,
  FRACTIONS,
  nearestFractionIndex,
} from "./racing_formats.ts";
import { hashInts, SeededRandom, tagOf } from "./seeded_random.ts";
import { dayNumber, formatOffDt, formatUkStamp } from "./uk_time.ts";

/** A bookmaker and how it writes prices. */
interface Bookmaker {
  name: string;
  /** Writes 4/1 as "4". */
  bareWholes: boolean;
  /** Writes 6.0 with one decimal place. */
  onePlace: boolean;
  exchange: boolean;
  /** Typical margin over the market. */
  margin: number;
}

/** The bookmakers quoted on pro racecards. */
export const BOOKMAKERS: readonly Bookmaker[] = [
  ["Bet365", true, false, 0.02],
  ["William Hill", false, false, 0.03],
  ["Paddy Power", true, false, 0.03],
  ["Betfair Sportsbook", true, false, 0.03],
  ["Sky Bet", false, true, 0.025],
  ["Ladbrokes", false, false, 0.035],
  ["Coral", false, false, 0.035],
  ["Betfred", true, false, 0.03],
  ["BetVictor", true, true, 0.02],
  ["Unibet", false, true, 0.03],
  ["Boylesports", true, false, 0.03],
  ["888sport", false, true, 0.04],
  ["Betway", false, false, 0.04],
  ["Star Sports", true, false, 0.02],
  ["BetMGM", false, true, 0.035],
  ["Midnite", true, false, 0.03],
  ["Virgin Bet", false, false, 0.035],
  ["Spreadex", true, true, 0.03],
  ["Tote", false, true, 0.05],
  ["Betfair Exchange", false, false, 0],
].map(([name, bareWholes, onePlace, margin]) => ({
  name: name as string,
  bareWholes: bareWholes as boolean,
  onePlace: onePlace as boolean,
  exchange: name === "Betfair Exchange",
  margin: margin as number,
}));

/** One bookmaker's price as the pro racecard writes it. */
export interface OddsItem {
  bookmaker: string;
  fractional: string;
  decimal: string;
  ew_places: string;
  ew_denom: string;
  updated: string;
  history: { changed_at: string; fractional: string; decimal: string }[];
}

/** First race date with price histories. */
const HISTORY_FROM_DAY = dayNumber("2025-03-17");

function exchangeTick(decimal: number): number {
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
  return Math.round(Math.round(decimal / step) * step * 100) / 100;
}

function eachWayTerms(race: Race): [string, string] {
  const field = race.entries.filter((e) => !e.nonRunner).length;
  if (field < 5) return ["", ""];
  if (field < 8) return ["2", "4"];
  if (race.handicap && field >= 16) return ["4", "4"];
  if (race.handicap && field >= 12) return ["3", "4"];
  return ["3", "5"];
}

function quote(book: Bookmaker, decimal: number): [string, string] {
  if (book.exchange) {
    const price = exchangeTick(decimal);
    const text = formatDecimalPrice(price, false);
    return [text, text];
  }
  const index = nearestFractionIndex(decimal);
  return [
    formatBookFraction(index, book.bareWholes),
    formatDecimalPrice(fractionDecimal(index), book.onePlace),
  ];
}

/** Prices of every bookmaker for one runner (empty for non-runners and foreign races). */
export function oddsFor(race: Race, price: MarketPrice): OddsItem[] {
  if (price.entry.nonRunner || price.probability <= 0) return [];
  const rng = new SeededRandom(hashInts(race.seedHash, tagOf("odds"), price.entry.racer.key));
  const [ewPlaces, ewDenom] = eachWayTerms(race);
  const fair = 1 / price.probability;
  const withHistory = race.day >= HISTORY_FROM_DAY;
  const items: OddsItem[] = [];
  for (const book of BOOKMAKERS) {
    const updatedMs = race.offUtcMs - rng.int(60, 3 * 3600) * 1000;
    const missing = rng.next();
    if (missing < 0.03) {
      items.push({
        bookmaker: book.name,
        fractional: "-",
        decimal: "-",
        ew_places: "",
        ew_denom: "",
        updated: formatUkStamp(updatedMs),
        history: [],
      });
      continue;
    }
    if (missing < 0.035 && !book.exchange) {
      items.push({
        bookmaker: book.name,
        fractional: "SP",
        decimal: "0",
        ew_places: ewPlaces,
        ew_denom: ewDenom,
        updated: formatUkStamp(updatedMs),
        history: [],
      });
      continue;
    }
    const decimal = Math.max(
      1.01,
      1 + (fair * Math.exp(rng.normal() * 0.07) - 1) / (1 + book.margin),
    );
    const [fractional, decimalText] = quote(book, decimal);
    const history: OddsItem["history"] = [];
    if (withHistory) {
      // Earlier prices, oldest first, each changed before the current price was set.
      const changes = rng.int(0, 4);
      let at = updatedMs;
      let price = decimal;
      for (let i = 0; i < changes; i++) {
        at -= rng.int(600, 5400) * 1000;
        price = Math.max(1.01, 1 + (price - 1) * Math.exp(rng.normal() * 0.15));
        const [f, d] = quote(book, price);
        history.unshift({ changed_at: formatOffDt(at), fractional: f, decimal: d });
      }
    }
    items.push({
      bookmaker: book.name,
      fractional,
      decimal: decimalText,
      ew_places: book.exchange ? "" : ewPlaces,
      ew_denom: book.exchange ? "" : ewDenom,
      updated: formatUkStamp(updatedMs),
      history,
    });
  }
  return items;
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
