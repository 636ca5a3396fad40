/**
 * Race times (durations, not instants) as results write them: "1:12.34", the zero-less
 * "3:7.64", "2m 19.97s", "57.74s", and `winning_time_detail` with its comment in brackets.
 * @module
 */
import { blankToNull } from "./numbers.ts";

const CLOCK_TIME_PATTERN = /^(\d+):(\d{1,2}(?:\.\d+)?)$/;
const MINUTES_SECONDS_PATTERN = /^(\d+)m\s*(\d{1,2}(?:\.\d+)?)s?$/i;
const SECONDS_PATTERN = /^(\d+(?:\.\d+)?)s?$/i;
const WINNING_TIME_HEAD_PATTERN = /^[^(]*/;

/** Rounds to `places` decimals through an integer step, so 187.64000000000001 becomes 187.64. */
function roundTo(value: number, places: number): number {
  const scale = 10 ** places;
  return Math.round(value * scale) / scale;
}

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
