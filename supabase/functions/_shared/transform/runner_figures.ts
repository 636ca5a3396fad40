/**
 * A runner's figures on the card: weight carried ("9-7"), rating, stall draw, saddle-cloth
 * number ("NR" for a non-runner) and days since the last run ("128 (9F)").
 * @module
 */
import { blankToNull, parseInteger } from "./numbers.ts";

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
