/**
 * Late corrections of results: what a GB/IRE result lacked or had wrong on the race day and
 * shows from the next UK day on. The result as `resultJson` renders it holds the corrected
 * figures and placings; the race-day version is derived from it by taking the corrections out:
 * - late Topspeed: in some races every runner's `tsr` reads "–" on the day;
 * - late official ratings: a few runners' `or` read "–" on the day;
 * - rarely, a stewards' change of placings: two runners placed k and k+1 (k at least 4 and
 *   below the tote's places, so no dividend changes) stood in the other order on the day; each
 *   placing keeps its own position, beaten distances, time and prize, and from the next day the
 *   race's comments name the change.
 * Every choice depends only on the seed of the race, so it is the same on every server.
 * @module
 */

import type { ResultStandardJson, RunnerStandardJson } from "./payload_types.ts";
import type { Race } from "./race_model.ts";
import { SeededRandom, tagOf } from "./seeded_random.ts";

const EN_DASH = "\u2013";

/** Share of GB/IRE races whose Topspeed figures all come the day after. */
export const LATE_TOPSPEED_SHARE = 0.12;
/** Share of runners with an official rating whose `or` comes the day after. */
export const LATE_OFFICIAL_RATING_SHARE = 0.03;
/** Share of GB/IRE races with a pair of placings the stewards can reverse that have it reversed. */
export const PLACINGS_CHANGE_SHARE = 0.015;
/** The highest placing a stewards' change may touch is below the tote's places and below 4th. */
const FIRST_CHANGEABLE_PLACE = 4;

/** How a race's result changes from its race day to the next day. */
export interface ResultAmendment {
  readonly raceId: string;
  /** Horses whose `or` reads "–" on the race day. */
  readonly lateOfficialRatings: readonly string[];
  /** Horses whose `tsr` reads "–" on the race day (every runner with one in a late race). */
  readonly lateTopspeeds: readonly string[];
  /**
   * The two horses whose placings the stewards reversed, as placed from the next day on (the
   * first is then placed `place`, the second `place + 1`), or null.
   */
  readonly placingsChange:
    | { readonly place: number; readonly horseIds: readonly [string, string] }
    | null;
}

/** True when an amendment changes anything. */
export function isAmended(amendment: ResultAmendment): boolean {
  return amendment.lateOfficialRatings.length > 0 || amendment.lateTopspeeds.length > 0 ||
    amendment.placingsChange !== null;
}

/** Tote places paid in a result (`tote_pl` lists one dividend per place). */
function totePlaces(result: ResultStandardJson): number {
  return result.tote_pl === "" ? 0 : result.tote_pl.split(" ").length;
}

/** Indexes i where runners i and i+1 hold single placings k and k+1 a stewards' change may swap. */
function changeablePairs(result: ResultStandardJson): number[] {
  const first = Math.max(FIRST_CHANGEABLE_PLACE, totePlaces(result) + 1);
  const positions = result.runners.map((runner) => runner.position);
  const pairs: number[] = [];
  for (let i = 0; i + 1 < positions.length; i++) {
    const place = Number(positions[i]);
    if (!Number.isInteger(place) || place < first) continue;
    if (positions[i + 1] !== String(place + 1)) continue;
    // A dead heat shares a placing: neither neighbour may hold the same one.
    if (positions[i - 1] === positions[i] || positions[i + 2] === positions[i + 1]) continue;
    pairs.push(i);
  }
  return pairs;
}

/** The late corrections of a race's (amended) result; nothing for races outside GB and IRE. */
export function amendmentOf(race: Race, result: ResultStandardJson): ResultAmendment {
  const none = {
    raceId: race.id,
    lateOfficialRatings: [],
    lateTopspeeds: [],
    placingsChange: null,
  };
  const region = race.course.regionCode;
  if (region !== "gb" && region !== "ire") return none;
  const rng = new SeededRandom(race.seedHash ^ tagOf("result-amendment"));
  const lateTopspeed = rng.chance(LATE_TOPSPEED_SHARE);
  const lateTopspeeds: string[] = [];
  const lateOfficialRatings: string[] = [];
  for (const runner of result.runners) {
    const lateOr = rng.chance(LATE_OFFICIAL_RATING_SHARE);
    if (lateOr && runner.or !== EN_DASH && runner.or !== "") {
      lateOfficialRatings.push(runner.horse_id);
    }
    if (lateTopspeed && runner.tsr !== EN_DASH && runner.tsr !== "") {
      lateTopspeeds.push(runner.horse_id);
    }
  }
  const pairs = changeablePairs(result);
  const changed = rng.chance(PLACINGS_CHANGE_SHARE);
  const at = pairs[rng.int(0, Math.max(0, pairs.length - 1))];
  let placingsChange: ResultAmendment["placingsChange"] = null;
  if (changed && at !== undefined) {
    const upper = result.runners[at] as RunnerStandardJson;
    const lower = result.runners[at + 1] as RunnerStandardJson;
    placingsChange = { place: Number(upper.position), horseIds: [upper.horse_id, lower.horse_id] };
  }
  return { raceId: race.id, lateOfficialRatings, lateTopspeeds, placingsChange };
}

/** "5th", "11th", "22nd". */
function ordinal(place: number): string {
  const tens = place % 100;
  if (tens >= 11 && tens <= 13) return `${place}th`;
  return `${place}${["th", "st", "nd", "rd"][place % 10] ?? "th"}`;
}

/** The race comments after a stewards' change: the day's comments and the change. */
export function commentsWithPlacingsChange(dayComments: string, place: number): string {
  const note = `Stewards reversed the placings of ${ordinal(place)} and ${ordinal(place + 1)}`;
  return dayComments === "" ? note : `${dayComments}. ${note}`;
}

/** The result served from the day after the race: the rendered one, its comments naming a change. */
export function amendedResult(
  rendered: ResultStandardJson,
  amendment: ResultAmendment,
): ResultStandardJson {
  const change = amendment.placingsChange;
  if (change === null) return rendered;
  return { ...rendered, comments: commentsWithPlacingsChange(rendered.comments, change.place) };
}

/**
 * The result served on the race day: the late figures read "–" and the two runners of a
 * stewards' change stand in the order first called (each placing keeps its own position,
 * distances, time and prize; the runners trade them).
 */
export function raceDayResult(
  rendered: ResultStandardJson,
  amendment: ResultAmendment,
): ResultStandardJson {
  if (!isAmended(amendment)) return rendered;
  const lateOr = new Set(amendment.lateOfficialRatings);
  const lateTsr = new Set(amendment.lateTopspeeds);
  const runners = rendered.runners.map((runner) => ({
    ...runner,
    or: lateOr.has(runner.horse_id) ? EN_DASH : runner.or,
    tsr: lateTsr.has(runner.horse_id) ? EN_DASH : runner.tsr,
  }));
  const change = amendment.placingsChange;
  if (change !== null) {
    const i = runners.findIndex((runner) => runner.horse_id === change.horseIds[0]);
    const upper = runners[i] as RunnerStandardJson;
    const lower = runners[i + 1] as RunnerStandardJson;
    const placed = (runner: RunnerStandardJson, at: RunnerStandardJson): RunnerStandardJson => ({
      ...runner,
      position: at.position,
      btn: at.btn,
      ovr_btn: at.ovr_btn,
      time: at.time,
      prize: at.prize,
    });
    runners[i] = placed(lower, upper);
    runners[i + 1] = placed(upper, lower);
  }
  return { ...rendered, runners };
}
