/**
 * The race filters `/v1/results` and the analysis endpoints share: region or course, race type,
 * going, class, distance in yards, age band and sex restriction, read from the query string.
 * @module
 */

import { regionFilter } from "./api_answers.ts";
import type { QueryReader } from "./query_validation.ts";
import type { Race } from "./race_model.ts";

const TYPE_CODES: Readonly<Record<string, string>> = {
  Flat: "flat",
  Hurdle: "hurdle",
  Chase: "chase",
  "NH Flat": "nh_flat",
};
const SEX_CODES: Readonly<Record<string, string>> = {
  F: "f",
  "F & M": "f&m",
  M: "m",
  "C & G": "c&g",
};

function snake(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "_");
}

/**
 * Reads the race filters of a query (`region`, `course`, `type`, `going`, `race_class`,
 * `min_distance_y`, `max_distance_y`, `age_band`, `sex_restriction`) into a predicate; a
 * malformed distance is recorded on the reader as a 422 issue.
 * @param reader the request's query reader
 * @returns a predicate keeping the races every given filter allows
 */
export function readRaceFilter(reader: QueryReader): (race: Race) => boolean {
  const minDistance = reader.integer("min_distance_y");
  const maxDistance = reader.integer("max_distance_y");
  const inRegion = regionFilter(reader.list("region"), reader.list("course"));
  const types = reader.list("type");
  const goings = reader.list("going");
  const classes = reader.list("race_class");
  const ageBands = reader.list("age_band");
  const sexes = reader.list("sex_restriction");
  return (race) => {
    if (!inRegion(race)) return false;
    if (types.length && !types.includes(TYPE_CODES[race.type] as string)) return false;
    if (goings.length && !goings.includes(snake(race.going))) return false;
    if (classes.length && !classes.includes(snake(race.raceClass))) return false;
    if (ageBands.length && !ageBands.includes(race.ageBand)) return false;
    if (sexes.length && !sexes.includes(SEX_CODES[race.sexRest] ?? "")) return false;
    if (minDistance !== undefined && race.yards < minDistance) return false;
    if (maxDistance !== undefined && race.yards > maxDistance) return false;
    return true;
  };
}
