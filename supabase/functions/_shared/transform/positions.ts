/**
 * Finishing positions as results write them: a place ("1", "1=" for a dead heat) or a code
 * saying why there is none ("PU", "UR", …).
 * @module
 */
import { blankToNull } from "./numbers.ts";

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
