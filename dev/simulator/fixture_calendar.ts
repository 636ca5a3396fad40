/**
 * The racing calendar: how busy each code is on a day (flat turf season April–October,
 * all-weather through the winter, jumps all year with more in winter, busy Saturdays, no
 * racing on 24–25 December), what the going is, and when meetings start.
 * @module
 */

import type { SeededRandom } from "./seeded_random.ts";
import type { RacingCode } from "./people.ts";
import { dayOfYear, partsOfDay, weekdayOf } from "./uk_time.ts";

/** Relative volume by weekday, Sunday first (averages 1). */
const WEEKDAY_FACTOR = [0.88, 0.82, 0.92, 1.0, 1.03, 1.1, 1.25];

/** Day of year the turf flat season opens and closes (late March to early November). */
const TURF_OPEN = 84;
const TURF_CLOSE = 309;

function ramp(doy: number, start: number, end: number): number {
  if (doy <= start) return 0;
  if (doy >= end) return 1;
  return (doy - start) / (end - start);
}

/** True while GB/IRE turf flat racing is on. */
export function isTurfFlatSeason(day: number): boolean {
  const doy = dayOfYear(day);
  return doy >= TURF_OPEN && doy <= TURF_CLOSE;
}

/** True in the summer jumping months, when only summer jumps courses race. */
export function isSummerJumps(day: number): boolean {
  const doy = dayOfYear(day);
  return doy >= 135 && doy <= 265;
}

/** Target GB+IRE declared runners for a code on a day. */
export function targetRunners(code: RacingCode, day: number): number {
  const { month, dom } = partsOfDay(day);
  if (month === 12 && (dom === 24 || dom === 25)) return 0;
  const doy = dayOfYear(day);
  const weekday = WEEKDAY_FACTOR[weekdayOf(day)] as number;
  if (code === "flat") {
    const season = ramp(doy, TURF_OPEN - 21, TURF_OPEN + 14) *
      (1 - ramp(doy, TURF_CLOSE - 14, TURF_CLOSE + 7));
    return (95 + 205 * season) * weekday;
  }
  // Jumps: low from mid May to September, full from late October to April.
  const summer = ramp(doy, 120, 150) * (1 - ramp(doy, 255, 295));
  const boxingDay = month === 12 && dom === 26 ? 1.8 : 1;
  return (188 - 128 * summer) * weekday * boxingDay;
}

/** Target declared runners for a foreign region on a day (group races and feature cards). */
export function foreignTargetRunners(regionCode: string, day: number): number {
  const weekday = weekdayOf(day);
  const { month } = partsOfDay(day);
  switch (regionCode) {
    case "fr":
      return weekday === 0 ? 34 : 16;
    case "usa":
      return weekday === 6 ? 18 : weekday === 5 ? 8 : 3;
    case "aus":
      return weekday === 6 ? 26 : 0;
    case "ger":
      return weekday === 0 ? 22 : 0;
    case "hk":
      return weekday === 0 ? 22 : weekday === 3 ? 12 : 0;
    case "jpn":
      return weekday === 0 || weekday === 6 ? 12 : 0;
    case "uae":
      return month <= 3 && (weekday === 5 || weekday === 6) ? 14 : 0;
    default:
      return 0;
  }
}

const TURF_GOING_SUMMER = [
  "Good To Firm",
  "Good",
  "Good To Soft",
  "Firm",
  "Soft",
  "Good To Yielding",
];
const TURF_GOING_SUMMER_WEIGHTS = [34, 36, 14, 5, 8, 3];
const TURF_GOING_WINTER = [
  "Soft",
  "Heavy",
  "Good To Soft",
  "Good",
  "Soft To Heavy",
  "Yielding To Soft",
];
const TURF_GOING_WINTER_WEIGHTS = [34, 18, 25, 14, 6, 3];
const AW_GOING = ["Standard", "Standard To Slow", "Standard To Fast", "Slow"];
const AW_GOING_WEIGHTS = [72, 18, 6, 4];
const FOREIGN_GOING: Readonly<Record<string, readonly string[]>> = {
  fr: ["Good", "Good To Soft", "Very Soft", "Soft", "Heavy"],
  usa: ["Fast", "Firm", "Good", "Sloppy", "Muddy"],
  aus: ["Good", "Soft", "Good To Soft", "Heavy"],
  ger: ["Good", "Good To Soft", "Soft"],
  hk: ["Good To Firm", "Good", "Good To Yielding"],
  jpn: ["Firm", "Good", "Yielding"],
  uae: ["Good", "Fast", "Good To Firm"],
};

/** Going for a meeting on a surface, drawn for that course and day. */
export function drawGoing(rng: SeededRandom, day: number, regionCode: string, aw: boolean): string {
  if (aw) return AW_GOING[rng.weighted(AW_GOING_WEIGHTS)] as string;
  const foreign = FOREIGN_GOING[regionCode];
  if (foreign) return rng.pick(foreign);
  const { month } = partsOfDay(day);
  const summer = month >= 5 && month <= 9;
  let going = summer
    ? TURF_GOING_SUMMER[rng.weighted(TURF_GOING_SUMMER_WEIGHTS)] as string
    : TURF_GOING_WINTER[rng.weighted(TURF_GOING_WINTER_WEIGHTS)] as string;
  if (regionCode === "ire" && going === "Good To Soft" && rng.chance(0.5)) going = "Yielding";
  return going;
}

/** UK start time (minutes after midnight) of a meeting's first race. */
export function meetingStartMinutes(
  rng: SeededRandom,
  day: number,
  regionCode: string,
  aw: boolean,
  evening: boolean,
): number {
  const { month } = partsOfDay(day);
  switch (regionCode) {
    case "fr":
      return 11 * 60 + 30 + 5 * rng.int(0, 18);
    case "ger":
      return 12 * 60 + 5 * rng.int(0, 24);
    case "usa":
      return 17 * 60 + 30 + 5 * rng.int(0, 12);
    case "aus":
      return 2 * 60 + 5 * rng.int(0, 18);
    case "hk":
      return weekdayOf(day) === 3 ? 11 * 60 + 15 : 5 * 60 + 30;
    case "jpn":
      return 4 * 60 + 5 * rng.int(0, 12);
    case "uae":
      return 12 * 60 + 5 * rng.int(0, 12);
  }
  if (evening) {
    if (aw && (month <= 3 || month >= 10)) return 16 * 60 + 5 * rng.int(0, 18);
    return 17 * 60 + 5 * rng.int(0, 18);
  }
  const early = month <= 2 || month >= 11;
  return (early ? 12 * 60 : 12 * 60 + 45) + 5 * rng.int(0, 24);
}

/** Whether a meeting of this kind can be an evening fixture on a day. */
export function canBeEvening(day: number, aw: boolean, code: RacingCode): boolean {
  const { month } = partsOfDay(day);
  if (aw) return true;
  return code === "flat" ? month >= 4 && month <= 8 : month >= 5 && month <= 8;
}
