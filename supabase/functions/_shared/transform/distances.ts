/**
 * Distances as the API writes them: race distances in furlongs, yards, metres or "2m6f31y", and
 * beaten distances in lengths ("1½", "nk", "dist").
 * @module
 */
import { blankToNull, parseDecimal } from "./numbers.ts";

/** The fraction glyphs both distance forms use ("1½" lengths, "7½f"). */
const FRACTION_GLYPH_VALUE: Readonly<Record<string, number>> = { "¼": 0.25, "½": 0.5, "¾": 0.75 };

// ---------------------------------------------------------------------------------------------
// Beaten distances
// ---------------------------------------------------------------------------------------------

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
// Race distances
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
