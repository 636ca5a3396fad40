/**
 * The racecard endpoints and the runner odds endpoint: `/v1/racecards/pro` (a day's cards, paged),
 * `/v1/racecards/{race_id}/pro` and `/v1/odds/{race_id}/{horse_id}`. All three read the same
 * moving market at the request's instant.
 * @module
 */

import {
  invalid,
  notFound,
  ok,
  PAGE_LIMITS,
  queryEcho,
  regionFilter,
  type Route,
} from "./api_answers.ts";
import { QueryReader } from "./query_validation.ts";
import { cardStage } from "./racecard_payload.ts";
import { dateOfDay, dayNumber } from "./uk_time.ts";
import { FIRST_RACECARD_DATE, RACECARD_DAYS_AHEAD, ukDayOf } from "./world.ts";

const RACECARD_PARAMS = ["date", "region_codes", "course_ids", "limit", "skip"];

/** `/v1/racecards/pro`: a day's cards, filtered and paged. */
export const listRacecards: Route["handle"] = (world, request) => {
  const reader = new QueryReader(request.query);
  const today = ukDayOf(request.nowMs);
  const date = reader.date("date") ?? dateOfDay(today);
  const limit = reader.integer("limit", { min: 1, max: PAGE_LIMITS.racecards.maxLimit }) ??
    PAGE_LIMITS.racecards.defaultLimit;
  const skip = reader.integer("skip", { min: 0, max: PAGE_LIMITS.racecards.maxSkip }) ?? 0;
  if (!reader.issues.length) {
    const day = dayNumber(date);
    if (day < dayNumber(FIRST_RACECARD_DATE) || day > today + RACECARD_DAYS_AHEAD) {
      reader.valueError(
        "date",
        `Racecards are available from ${FIRST_RACECARD_DATE} to ${
          dateOfDay(today + RACECARD_DAYS_AHEAD)
        }`,
        date,
      );
    }
  }
  if (reader.issues.length) return invalid(reader);
  const keep = regionFilter(reader.list("region_codes"), reader.list("course_ids"));
  const cards = world.raceDay(date).races
    .filter(keep)
    .map((race) => world.racecard(race, request.nowMs, today))
    .filter((card) => card !== null);
  return ok({
    racecards: cards.slice(skip, skip + limit),
    total: cards.length,
    limit,
    skip,
    query: queryEcho(request.query, RACECARD_PARAMS),
  });
};

/** `/v1/racecards/{race_id}/pro`. */
export const oneRacecard: Route["handle"] = (world, request) => {
  const race = world.race(request.params["race_id"] as string);
  if (!race || race.day < dayNumber(FIRST_RACECARD_DATE)) return notFound();
  const card = world.racecard(race, request.nowMs);
  return card ? ok(card) : notFound();
};

/** A runner's prices and their history; 404 where the racecard is not served or for a stranger. */
export const runnerOdds: Route["handle"] = (world, request) => {
  const race = world.race(request.params["race_id"] as string);
  if (!race || race.day < dayNumber(FIRST_RACECARD_DATE)) return notFound();
  if (!cardStage(race, ukDayOf(request.nowMs))) return notFound();
  const odds = world.runnerOdds(race, request.params["horse_id"] as string, request.nowMs);
  return odds ? ok(odds) : notFound();
};
