/**
 * Prices as the API writes them: fractions with favourite markers ("9/4F"), "Evens", bare whole
 * numbers, exchange decimals, and decimal prices where "0" stands for SP.
 * @module
 */
import { blankToNull, parseDecimal } from "./numbers.ts";

/** Favourite marker after a starting price: F favourite, J joint, C co-favourite. */
export type FavouriteMarker = "F" | "J" | "C";

/** A price as decimal odds (stake included) plus the favourite marker it carried. */
export interface ParsedOdds {
  readonly decimal: number;
  readonly favourite: FavouriteMarker | null;
}

const FRACTION_PATTERN = /^(\d+)\s*\/\s*(\d+)\s*([FJC])?$/i;
const EVENS_PATTERN = /^(?:evens|evs|evn)\s*([FJC])?$/i;
const WHOLE_ODDS_PATTERN = /^(\d+)\s*([FJC])?$/i;
const EXCHANGE_DECIMAL_PATTERN = /^(\d+\.\d+)\s*([FJC])?$/i;

function favouriteOf(marker: string | undefined): FavouriteMarker | null {
  if (marker === undefined) return null;
  return marker.toUpperCase() as FavouriteMarker;
}

/**
 * Parses a fractional price into decimal odds: "9/4F" → 3.25 (F), "EvensF" → 2.0, "4" → 5
 * (a bare whole number means 4/1), "100/30" → 4.33, "134/10" → 14.4. A non-whole number such
 * as "7.2" is an exchange price already in decimal form (Betfair Exchange in `fractional`).
 * "SP", blanks and zero denominators give null.
 */
export function parseFractionalOdds(s: string | null | undefined): ParsedOdds | null {
  const text = blankToNull(s);
  if (text === null) return null;
  // A page repeats a few hundred distinct prices across thousands of odds items.
  const cached = fractionalOddsCache.get(text);
  if (cached !== undefined) return cached;
  const parsed = fractionToOdds(text);
  if (fractionalOddsCache.size >= FRACTIONAL_ODDS_CACHE_LIMIT) fractionalOddsCache.clear();
  fractionalOddsCache.set(text, parsed === null ? null : Object.freeze(parsed));
  return parsed;
}

const fractionalOddsCache = new Map<string, ParsedOdds | null>();
const FRACTIONAL_ODDS_CACHE_LIMIT = 10_000;

function fractionToOdds(text: string): ParsedOdds | null {
  const fraction = FRACTION_PATTERN.exec(text);
  if (fraction !== null) {
    const numerator = Number(fraction[1]);
    const denominator = Number(fraction[2]);
    if (denominator === 0) return null;
    // (n + d) * 100 / d is one correctly rounded division, so half-cent cases round as written.
    const cents = Math.round(((numerator + denominator) * 100) / denominator);
    return { decimal: cents / 100, favourite: favouriteOf(fraction[3]) };
  }
  const evens = EVENS_PATTERN.exec(text);
  if (evens !== null) return { decimal: 2, favourite: favouriteOf(evens[1]) };

  const whole = WHOLE_ODDS_PATTERN.exec(text);
  if (whole !== null) {
    const numerator = Number(whole[1]);
    return numerator > 0 ? { decimal: numerator + 1, favourite: favouriteOf(whole[2]) } : null;
  }

  const exchange = EXCHANGE_DECIMAL_PATTERN.exec(text);
  if (exchange !== null) {
    const decimal = Number(exchange[1]);
    return decimal > 1 ? { decimal, favourite: favouriteOf(exchange[2]) } : null;
  }
  return null;
}

/** Parses a decimal price ("3.75", "4"); "0" (sent with "SP"), "-" and prices ≤ 1 give null. */
export function parseDecimalOdds(s: string | null | undefined): number | null {
  const decimal = parseDecimal(s);
  return decimal !== null && decimal > 1 ? decimal : null;
}
