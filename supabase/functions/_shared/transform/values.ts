/**
 * Parsers for the quirky strings The Racing API sends: every numeric value arrives as a string,
 * "absent" arrives as "", "-" (racecards) or "–" (U+2013, results), money carries a symbol or
 * none, odds carry favourite markers. Every such string is parsed here and only here.
 *
 * All functions are pure. A value that cannot be parsed gives `null`, never a guess.
 * Regular expressions are compiled once at module scope because these run per runner.
 *
 * @module
 */

// ---------------------------------------------------------------------------------------------
// Blanks and plain numbers
// ---------------------------------------------------------------------------------------------

/** Strings the API uses for "no value": ASCII hyphen (racecards), en dash (results), em dash. */
const BLANK_MARKERS: ReadonlySet<string> = new Set(["", "-", "\u2013", "\u2014"]);

const INTEGER_PATTERN = /^[+-]?\d+$/;
const DECIMAL_PATTERN = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;

/** Trims a string and maps the API's "no value" markers ("", "-", "–", whitespace) to null. */
export function blankToNull(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  // Fast path (it runs for most fields of every runner): printable ASCII at both ends means
  // nothing to trim, and the only one-character marker in ASCII is "-".
  const length = s.length;
  if (length > 0) {
    const first = s.charCodeAt(0);
    const last = s.charCodeAt(length - 1);
    if (first > 0x20 && first < 0x7f && last > 0x20 && last < 0x7f) {
      return length === 1 && first === 0x2d ? null : s;
    }
  }
  const trimmed = s.trim();
  return BLANK_MARKERS.has(trimmed) ? null : trimmed;
}

/** Fast path for the usual case, a short string of ASCII digits ("126"); else null. */
function plainDigitsValue(s: string): number | null {
  const length = s.length;
  if (length === 0 || length > 15) return null;
  let value = 0;
  for (let i = 0; i < length; i++) {
    const digit = s.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return null;
    value = value * 10 + digit;
  }
  return value;
}

/** Fast check for the usual decimal form: ASCII digits with at most one dot ("3.75", ".5"). */
function isPlainDecimal(s: string): boolean {
  const length = s.length;
  if (length === 0 || length > 20) return false;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < length; i++) {
    const code = s.charCodeAt(i);
    if (code >= 48 && code <= 57) digits += 1;
    else if (code === 46 && dots === 0) dots = 1;
    else return false;
  }
  return digits > 0;
}

/** Parses a whole-number string ("5" → 5); blanks and anything non-integer give null. */
export function parseInteger(s: string | null | undefined): number | null {
  if (s === null || s === undefined) return null;
  const plain = plainDigitsValue(s);
  if (plain !== null) return plain;
  const text = blankToNull(s);
  if (text === null || !INTEGER_PATTERN.test(text)) return null;
  return Number(text);
}

/** Parses a decimal string, leading dot allowed (".5" → 0.5, "2400.0" → 2400); else null. */
export function parseDecimal(s: string | null | undefined): number | null {
  if (s === null || s === undefined) return null;
  if (isPlainDecimal(s)) return Number(s);
  const text = blankToNull(s);
  if (text === null || !DECIMAL_PATTERN.test(text)) return null;
  return Number(text);
}

/** Rounds to `places` decimals through an integer step, so 187.64000000000001 becomes 187.64. */
function roundTo(value: number, places: number): number {
  const scale = 10 ** places;
  return Math.round(value * scale) / scale;
}

// ---------------------------------------------------------------------------------------------
// Money
// ---------------------------------------------------------------------------------------------

/** A currency the API marks with a symbol; plain GB result prizes carry no symbol at all. */
export type Currency = "GBP" | "EUR" | "USD";

/** An amount of money with its currency (null when the string named none and no default was given). */
export interface Money {
  amount: number;
  currency: string | null;
}

const CURRENCY_BY_SYMBOL: Readonly<Record<string, Currency>> = {
  "£": "GBP",
  "€": "EUR",
  "$": "USD",
};
const MONEY_PATTERN = /^([£€$])?\s*(\d[\d,]*(?:\.\d+)?|\.\d+)$/;
const COMMA_PATTERN = /,/g;
const WHITESPACE_PATTERN = /\s+/;

/**
 * Parses a money string: "£12,851" → 12851 GBP, "€5900" → 5900 EUR, and a bare "3245.08"
 * (GB result prizes) → 3245.08 in `defaultCurrency`. Blank or malformed gives null.
 */
export function parseMoney(
  s: string | null | undefined,
  defaultCurrency: Currency | null = null,
): Money | null {
  const text = blankToNull(s);
  if (text === null) return null;
  const match = MONEY_PATTERN.exec(text);
  if (match === null) return null;
  const [, symbol, digits] = match;
  const amount = Number((digits ?? "").replace(COMMA_PATTERN, ""));
  if (!Number.isFinite(amount)) return null;
  const currency = symbol === undefined ? defaultCurrency : CURRENCY_BY_SYMBOL[symbol] ?? null;
  return { amount, currency };
}

/** Parses a space-separated money list (tote_pl "£2.80 £1.50 £2.20") into amounts; null if any is bad. */
export function parseMoneyList(s: string | null | undefined): number[] | null {
  const text = blankToNull(s);
  if (text === null) return null;
  const amounts: number[] = [];
  for (const token of text.split(WHITESPACE_PATTERN)) {
    const money = parseMoney(token);
    if (money === null) return null;
    amounts.push(money.amount);
  }
  return amounts;
}

// ---------------------------------------------------------------------------------------------
// Odds
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Times and dates
// ---------------------------------------------------------------------------------------------

const ISO_WITH_OFFSET_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d{2}):?(\d{2}))$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_DATE_TIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;
const SECOND_MS = 1_000;
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (year < 1000 || month < 1 || month > 12 || day < 1) return false;
  const monthDays = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= (monthDays[month - 1] ?? 0);
}

function isClockTime(hour: number, minute: number, second: number): boolean {
  return hour <= 23 && minute <= 59 && second <= 59;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

/**
 * Formats epoch ms as "YYYY-MM-DDTHH:MM:SS.mmmZ", like Date#toISOString for years 0–9999 but
 * several times faster (it runs for every odds item). Civil date from days since 1970-01-01
 * by the era/day-of-era method of H. Hinnant's "chrono-compatible date algorithms".
 */
function isoFromEpochMs(epochMs: number): string {
  const days = Math.floor(epochMs / DAY_MS);
  const msOfDay = epochMs - days * DAY_MS;
  const shifted = days + 719_468; // days from 0000-03-01
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1_460) + Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra -
    (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const hour = Math.floor(msOfDay / HOUR_MS);
  const minute = Math.floor((msOfDay % HOUR_MS) / MINUTE_MS);
  const second = Math.floor((msOfDay % MINUTE_MS) / SECOND_MS);
  const millis = msOfDay % SECOND_MS;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:` +
    `${pad(second, 2)}.${pad(millis, 3)}Z`;
}

/**
 * Converts `off_dt` ("2025-10-07T13:30:00+01:00") to a UTC ISO string
 * ("2025-10-07T12:30:00.000Z"). Race times come only from here: never from the 12-hour
 * `off_time`/`off`, which has no am/pm. Blank or malformed gives null.
 */
export function parseOffDt(offDt: string | null | undefined): string | null {
  const text = blankToNull(offDt);
  if (text === null) return null;
  const match = ISO_WITH_OFFSET_PATTERN.exec(text);
  if (match === null) return null;
  const [, y, mo, d, h, mi, sec, fraction, sign, offsetHours, offsetMinutes] = match;
  const year = Number(y), month = Number(mo), day = Number(d);
  const hour = Number(h), minute = Number(mi), second = Number(sec ?? "0");
  if (!isCalendarDate(year, month, day) || !isClockTime(hour, minute, second)) return null;
  const millis = fraction === undefined ? 0 : Number(fraction.padEnd(3, "0").slice(0, 3));
  let offsetMs = 0;
  if (sign !== undefined) {
    const oh = Number(offsetHours), om = Number(offsetMinutes);
    if (oh > 14 || om > 59) return null;
    offsetMs = (sign === "-" ? -1 : 1) * (oh * 60 + om) * MINUTE_MS;
  }
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  return isoFromEpochMs(wall - offsetMs);
}

/** Validates a "YYYY-MM-DD" calendar date and returns it unchanged; blank or invalid gives null. */
export function parseDate(s: string | null | undefined): string | null {
  const text = blankToNull(s);
  if (text === null) return null;
  const match = DATE_PATTERN.exec(text);
  if (match === null) return null;
  return isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3])) ? text : null;
}

const LONDON_CLOCK = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  hourCycle: "h23",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
});
/** UTC hour → London offset in ms. UK clocks change on a UTC hour, so one entry covers the hour. */
const londonOffsetByUtcHour = new Map<number, number>();
const LONDON_OFFSET_CACHE_LIMIT = 50_000;

/** London's UTC offset in ms at an instant (0 in GMT, 3,600,000 in BST), from the Intl tz data. */
function londonOffsetMs(epochMs: number): number {
  const utcHour = Math.floor(epochMs / HOUR_MS);
  const cached = londonOffsetByUtcHour.get(utcHour);
  if (cached !== undefined) return cached;
  const instant = utcHour * HOUR_MS;
  const parts: Record<string, number> = {};
  for (const part of LONDON_CLOCK.formatToParts(instant)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
  );
  const offset = wall - instant;
  if (londonOffsetByUtcHour.size >= LONDON_OFFSET_CACHE_LIMIT) londonOffsetByUtcHour.clear();
  londonOffsetByUtcHour.set(utcHour, offset);
  return offset;
}

/** The UK (Europe/London) calendar date of an instant given as an ISO string; null if unparseable. */
export function ukDateOf(utcIso: string): string | null {
  const epochMs = Date.parse(utcIso);
  if (Number.isNaN(epochMs)) return null;
  return isoFromEpochMs(epochMs + londonOffsetMs(epochMs)).slice(0, 10);
}

/**
 * Converts odds `updated` ("2025-10-14 13:43:08", no zone) to a UTC ISO string, reading it as
 * Europe/London wall time (BST or GMT as the date requires). In the repeated autumn hour the
 * later (GMT) reading is taken; a time inside the spring gap moves forward by an hour.
 */
export function parseOddsUpdated(s: string | null | undefined): string | null {
  const text = blankToNull(s);
  if (text === null) return null;
  // One page repeats a handful of timestamps across thousands of odds items.
  const cached = oddsUpdatedCache.get(text);
  if (cached !== undefined) return cached;
  const parsed = londonWallTimeToIso(text);
  if (oddsUpdatedCache.size >= ODDS_UPDATED_CACHE_LIMIT) oddsUpdatedCache.clear();
  oddsUpdatedCache.set(text, parsed);
  return parsed;
}

const oddsUpdatedCache = new Map<string, string | null>();
const ODDS_UPDATED_CACHE_LIMIT = 10_000;

function londonWallTimeToIso(text: string): string | null {
  const match = LOCAL_DATE_TIME_PATTERN.exec(text);
  if (match === null) return null;
  const year = Number(match[1]), month = Number(match[2]), day = Number(match[3]);
  const hour = Number(match[4]), minute = Number(match[5]), second = Number(match[6] ?? "0");
  if (!isCalendarDate(year, month, day) || !isClockTime(hour, minute, second)) return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const firstGuess = londonOffsetMs(wall);
  const secondGuess = londonOffsetMs(wall - firstGuess);
  return isoFromEpochMs(wall - secondGuess);
}

const CLOCK_TIME_PATTERN = /^(\d+):(\d{1,2}(?:\.\d+)?)$/;
const MINUTES_SECONDS_PATTERN = /^(\d+)m\s*(\d{1,2}(?:\.\d+)?)s?$/i;
const SECONDS_PATTERN = /^(\d+(?:\.\d+)?)s?$/i;
const WINNING_TIME_HEAD_PATTERN = /^[^(]*/;

/**
 * Parses a race time into seconds: "1:12.34" → 72.34, "3:7.64" → 187.64 (the API drops the
 * leading zero of the seconds), "2m 19.97s" → 139.97, "57.74" or "57.74s" → 57.74; "-" → null.
 */
export function parseRaceTime(s: string | null | undefined): number | null {
  const text = blankToNull(s);
  if (text === null) return null;
  const minutesAndSeconds = CLOCK_TIME_PATTERN.exec(text) ?? MINUTES_SECONDS_PATTERN.exec(text);
  if (minutesAndSeconds !== null) {
    const seconds = Number(minutesAndSeconds[2]);
    if (seconds >= 60) return null;
    return roundTo(Number(minutesAndSeconds[1]) * 60 + seconds, 3);
  }
  const seconds = SECONDS_PATTERN.exec(text);
  return seconds === null ? null : Number(seconds[1]);
}

/** Parses the winning time from `winning_time_detail` ("2m 19.97s (slow by 2.07s)" → 139.97). */
export function parseWinningTimeDetail(s: string | null | undefined): number | null {
  const text = blankToNull(s);
  if (text === null) return null;
  const head = WINNING_TIME_HEAD_PATTERN.exec(text)?.[0] ?? "";
  return parseRaceTime(head);
}

// ---------------------------------------------------------------------------------------------
// Results: position and beaten distances
// ---------------------------------------------------------------------------------------------

/** Non-finishing outcomes seen or expected in result `position` (pulled up, unseated, fell, …). */
export const NON_FINISH_CODES: ReadonlySet<string> = new Set([
  "PU", // pulled up
  "UR", // unseated rider
  "F", // fell
  "BD", // brought down
  "RO", // ran out
  "SU", // slipped up
  "DSQ", // disqualified
  "RR", // refused to race
  "NR", // non-runner
  "CO", // carried out
  "REF", // refused
  "LFT", // left at the start
  "DNF", // did not finish
  "VOI", // void race
]);

/** A finishing place, or the code saying why there is none. */
export interface ParsedPosition {
  position: number | null;
  outcome: string | null;
}

const POSITION_PATTERN = /^(\d+)\s*=?$/;

/**
 * Parses a result `position`: "1" → place 1; "1=" (dead heat) → place 1; a code such as "PU"
 * → no place with that outcome (unknown codes are kept too, upper-cased); blank → neither.
 */
export function parsePosition(s: string | null | undefined): ParsedPosition {
  const text = blankToNull(s);
  if (text === null) return { position: null, outcome: null };
  const place = POSITION_PATTERN.exec(text);
  if (place !== null) {
    const position = Number(place[1]);
    if (position > 0) return { position, outcome: null };
  }
  return { position: null, outcome: text.toUpperCase() };
}

/**
 * Lengths for the API's margin words. Convention (documented, not from the API): nose 0.05,
 * short head 0.1, head 0.2, short neck 0.25, neck 0.3, dead heat 0, "dist" (a distance,
 * officially over 30 lengths) 30.
 */
const MARGIN_WORD_LENGTHS: Readonly<Record<string, number>> = {
  nse: 0.05,
  nose: 0.05,
  shd: 0.1,
  "sht-hd": 0.1,
  "s.h": 0.1,
  hd: 0.2,
  head: 0.2,
  snk: 0.25,
  "sht-nk": 0.25,
  nk: 0.3,
  neck: 0.3,
  dht: 0,
  dh: 0,
  dist: 30,
};
const FRACTION_GLYPH_VALUE: Readonly<Record<string, number>> = { "¼": 0.25, "½": 0.5, "¾": 0.75 };
const LENGTHS_WITH_GLYPH_PATTERN = /^(\d*)\s*([¼½¾])$/;
const LENGTHS_SUFFIX_PATTERN = /\s*l$/i;

/**
 * Parses a beaten distance (`btn`, `ovr_btn`) into lengths: "0" → 0, ".75" → 0.75,
 * "1½" → 1.5, "nk" → 0.3, "dist" → 30 (see MARGIN_WORD_LENGTHS); "-", "–" and "" → null.
 */
export function parseBeatenDistance(s: string | null | undefined): number | null {
  const text = blankToNull(s);
  if (text === null) return null;
  const lower = text.toLowerCase();
  const word = MARGIN_WORD_LENGTHS[lower];
  if (word !== undefined) return word;
  const bare = lower.replace(LENGTHS_SUFFIX_PATTERN, "");
  const decimal = parseDecimal(bare);
  if (decimal !== null) return decimal >= 0 ? decimal : null;
  const glyph = LENGTHS_WITH_GLYPH_PATTERN.exec(bare);
  if (glyph === null) return null;
  return Number(glyph[1] || "0") + (FRACTION_GLYPH_VALUE[glyph[2] ?? ""] ?? 0);
}

// ---------------------------------------------------------------------------------------------
// People and horses
// ---------------------------------------------------------------------------------------------

/** A jockey's name without the claim suffix, and the claim in lbs. */
export interface ParsedJockey {
  name: string | null;
  claim_lbs: number | null;
}

const JOCKEY_CLAIM_PATTERN = /^(.*?)\s*\((\d+)\)$/;
const NON_RUNNER_JOCKEY_PATTERN = /^NON-RUNNER\b/i;

/**
 * Splits a racecard jockey ("Joe Williamson(5)") into name and claim; "" (not yet declared)
 * and "NON-RUNNER"/"NON-RUNNER(5)" give no jockey at all.
 */
export function parseJockeyName(s: string | null | undefined): ParsedJockey {
  const text = blankToNull(s);
  if (text === null || NON_RUNNER_JOCKEY_PATTERN.test(text)) return { name: null, claim_lbs: null };
  const claim = JOCKEY_CLAIM_PATTERN.exec(text);
  if (claim === null) return { name: text, claim_lbs: null };
  return { name: blankToNull(claim[1]), claim_lbs: Number(claim[2]) };
}

/** A horse name with its country-of-breeding suffix split off. */
export interface ParsedHorseName {
  name: string;
  country: string | null;
}

const COUNTRY_SUFFIX_PATTERN = /^(.*?)\s*\(([A-Z]{2,4})\)$/;
/** Upper-case bracketed tokens in names that are not regions: "(AW)" is all-weather. */
const NON_REGION_SUFFIXES: ReadonlySet<string> = new Set(["AW"]);

/** Splits "Create (IRE)" into name "Create" and country "IRE"; a name without suffix has none. */
export function splitHorseName(s: string): ParsedHorseName {
  const text = s.trim();
  const match = COUNTRY_SUFFIX_PATTERN.exec(text);
  if (match === null || NON_REGION_SUFFIXES.has(match[2] ?? "")) {
    return { name: text, country: null };
  }
  return { name: match[1] ?? text, country: match[2] ?? null };
}

/**
 * Strips the region suffix results add to course names: "Dundalk (AW) (IRE)" → "Dundalk (AW)".
 * With `bodyRegion` ("IRE") only that suffix is stripped; without it, any trailing upper-case
 * code of 2–4 letters except "(AW)".
 */
export function stripRegionSuffix(courseName: string, bodyRegion?: string | null): string {
  const text = courseName.trim();
  const match = COUNTRY_SUFFIX_PATTERN.exec(text);
  if (match === null) return text;
  const code = match[2] ?? "";
  if (NON_REGION_SUFFIXES.has(code)) return text;
  if (bodyRegion !== undefined && bodyRegion !== null && code !== bodyRegion.toUpperCase()) {
    return text;
  }
  return match[1] ?? text;
}

const ANCESTOR_ID_PATTERN = /^(?:sir|dam|dsi|hrs)_(\d+)$/;

/** Maps a sire/dam/damsire id to the ancestor's own horse id ("sir_6319173" → "hrs_6319173"). */
export function ancestorHorseId(id: string | null | undefined): string | null {
  const text = blankToNull(id);
  if (text === null) return null;
  const match = ANCESTOR_ID_PATTERN.exec(text);
  return match === null ? null : `hrs_${match[1]}`;
}

// ---------------------------------------------------------------------------------------------
// Distances and weights
// ---------------------------------------------------------------------------------------------

const FURLONGS_PATTERN = /^(\d+(?:\.\d+)?|\.\d+)\s*f?$/i;
const YARDS_PATTERN = /^(\d+)\s*y?$/i;
const DISTANCE_TEXT_PATTERN = /^(?:(\d+)m)?\s*(?:(\d*)([¼½¾])?f)?\s*(?:(\d+)y)?$/;
const YARDS_PER_MILE = 1760;
const YARDS_PER_FURLONG = 220;

/** Parses furlongs from results `dist_f` ("8.5f") or racecard `distance_f` ("8.0") → 8.5 / 8. */
export function parseFurlongs(s: string | null | undefined): number | null {
  const text = blankToNull(s);
  if (text === null) return null;
  const match = FURLONGS_PATTERN.exec(text);
  return match === null ? null : Number(match[1]);
}

/** Parses whole yards from results `dist_y` or quotes `distance_y` ("1773" → 1773). */
export function parseYards(s: string | null | undefined): number | null {
  const text = blankToNull(s);
  if (text === null) return null;
  const match = YARDS_PATTERN.exec(text);
  return match === null ? null : Number(match[1]);
}

/** Parses metres from results `dist_m` ("2400.0" → 2400, "2212" → 2212). */
export function parseMetres(s: string | null | undefined): number | null {
  const metres = parseDecimal(s);
  return metres !== null && metres >= 0 ? metres : null;
}

/** Converts furlongs to whole yards (1 furlong = 220 yards). */
export function furlongsToYards(furlongs: number): number {
  return Math.round(furlongs * YARDS_PER_FURLONG);
}

/** Parses a distance written in miles, furlongs and yards ("2m6f31y", "1m½f", "6f") into yards. */
export function parseDistanceYards(s: string | null | undefined): number | null {
  const text = blankToNull(s);
  if (text === null) return null;
  const match = DISTANCE_TEXT_PATTERN.exec(text);
  if (match === null) return null;
  const [, miles, furlongs, glyph, yards] = match;
  // Every part is optional in the pattern, so demand at least one (a bare "f" is not a distance).
  if (!miles && !furlongs && !glyph && !yards) return null;
  const furlongCount = Number(furlongs || "0") + (FRACTION_GLYPH_VALUE[glyph ?? ""] ?? 0);
  return Number(miles ?? "0") * YARDS_PER_MILE + furlongCount * YARDS_PER_FURLONG +
    Number(yards ?? "0");
}

const STONES_POUNDS_PATTERN = /^(\d+)\s*-\s*(\d+)$/;

/** Parses a stones-pounds weight ("9-7") into pounds (133); null when malformed. */
export function parseWeightLbs(s: string | null | undefined): number | null {
  const text = blankToNull(s);
  if (text === null) return null;
  const match = STONES_POUNDS_PATTERN.exec(text);
  if (match === null) return null;
  const pounds = Number(match[2]);
  return pounds < 14 ? Number(match[1]) * 14 + pounds : null;
}

const LEADING_INTEGER_PATTERN = /^(\d+)/;

/**
 * Parses racecard `last_run` into days: the leading integer ("128 (9F)" → 128). A value that
 * starts with "(" ("(32F)": days since a run under the other code only) and "" give null.
 */
export function parseLastRunDays(s: string | null | undefined): number | null {
  const text = blankToNull(s);
  if (text === null) return null;
  const match = LEADING_INTEGER_PATTERN.exec(text);
  return match === null ? null : Number(match[1]);
}

/** Parses a stall draw; "0" (jumps races, non-runners) stays 0 as the API sent it, "" is null. */
export function parseDraw(s: string | null | undefined): number | null {
  return parseInteger(s);
}

/** Parses a rating (`ofr`, `rpr`, `ts`, `or`, `tsr`); "-" and "–" (unrated) give null. */
export function parseRating(s: string | null | undefined): number | null {
  return parseInteger(s);
}

/** A saddle-cloth number, and whether the runner was declared a non-runner ("NR"). */
export interface ParsedRunnerNumber {
  number: number | null;
  non_runner: boolean;
}

/** Parses a racecard `number`: "7" → 7; "NR" → no number, non-runner; "" → neither. */
export function parseRunnerNumber(s: string | null | undefined): ParsedRunnerNumber {
  const text = blankToNull(s);
  if (text !== null && text.toUpperCase() === "NR") return { number: null, non_runner: true };
  return { number: parseInteger(text), non_runner: false };
}
