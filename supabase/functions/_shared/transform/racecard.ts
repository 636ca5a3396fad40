/**
 * Pro racecards → rows of the racecard source: the race's pre-race description, each runner's
 * declaration, the horse profile the card carries, the people and ancestors it names, and a
 * minimal course row (filled only where masters has not written the course yet).
 *
 * Pure: no I/O, no clock. Every value goes through the parsers of `transform/`.
 *
 * @module
 */
import type { RowBatch } from "../db/row_batch.ts";
import type { RacecardPro, RunnerPro } from "../racing_api/racecard_schemas.ts";
import { isWantedRegion } from "../regions.ts";
import {
  addAncestor,
  addPersonSeen,
  racesToRows,
  RowBatchBuilder,
  type TransformedRows,
  type TransformOptions,
} from "./batch.ts";
import { parseDate, parseOffDt } from "./dates.ts";
import { parseFurlongs } from "./distances.ts";
import { parseMoney } from "./money.ts";
import { parseJockeyName, splitHorseName } from "./names.ts";
import { blankToNull, parseInteger } from "./numbers.ts";
import { homeCurrencyOf } from "./region.ts";
import { parseDraw, parseLastRunDays, parseRating, parseRunnerNumber } from "./runner_figures.ts";

const RACE_CLASS_PATTERN = /^class\s*(\d+)$/i;

/**
 * Parses a race class ("Class 5" → 5, "5" → 5); "" (Irish and foreign races) gives null.
 * Used by racecards (`race_class`) and results (`class`).
 */
export function parseRaceClass(s: string | null | undefined): number | null {
  const text = blankToNull(s);
  if (text === null) return null;
  const match = RACE_CLASS_PATTERN.exec(text);
  return match === null ? parseInteger(text) : Number(match[1]);
}

/**
 * A stall from an API draw: "0" (jumps races, non-runners) means no stall, so it gives null
 * like "" does; real stalls are numbered from 1.
 */
export function stallOf(draw: string | null | undefined): number | null {
  const stall = parseDraw(draw);
  return stall === null || stall <= 0 ? null : stall;
}

/** Maps one pro racecard to racecard-source rows; a race outside `regions` gives no rows. */
export function racecardToRows(
  racecard: RacecardPro,
  options: TransformOptions,
): RowBatch<"racecard"> {
  return racecardsPageToRows({ racecards: [racecard] }, options).rows;
}

/** Maps a page of pro racecards to one deduplicated batch and counts the races filtered out. */
export function racecardsPageToRows(
  page: { readonly racecards: readonly RacecardPro[] },
  options: TransformOptions,
): TransformedRows<"racecard"> {
  return racesToRows(
    "racecard",
    page.racecards,
    (builder, card) => addRacecard(builder, card, options),
  );
}

/** Adds a racecard's rows; returns false (adding nothing) when its region is not wanted. */
function addRacecard(
  builder: RowBatchBuilder<"racecard">,
  card: RacecardPro,
  options: TransformOptions,
): boolean {
  if (!isWantedRegion(card.region, options.regions)) return false;
  const region = blankToNull(card.region);
  const raceDate = parseDate(card.date);
  const prize = parseMoney(card.prize, homeCurrencyOf(region));

  builder.add("ra_mst_courses", {
    id: card.course_id,
    name: blankToNull(card.course),
    region_code: region === null ? null : region.toLowerCase(),
  });
  builder.add("ra_mst_races", {
    id: card.race_id,
    course_id: card.course_id,
    course_name: blankToNull(card.course),
    region,
    race_name: blankToNull(card.race_name),
    race_date: raceDate,
    off_dt: parseOffDt(card.off_dt),
    type: blankToNull(card.type),
    race_class: parseRaceClass(card.race_class),
    pattern: blankToNull(card.pattern),
    age_band: blankToNull(card.age_band),
    rating_band: blankToNull(card.rating_band),
    sex_restriction: blankToNull(card.sex_restriction),
    distance_round: blankToNull(card.distance_round),
    distance: blankToNull(card.distance),
    distance_f: parseFurlongs(card.distance_f),
    going: blankToNull(card.going),
    going_detailed: blankToNull(card.going_detailed),
    surface: blankToNull(card.surface),
    jumps: blankToNull(card.jumps),
    rail_movements: blankToNull(card.rail_movements),
    stalls: blankToNull(card.stalls),
    weather: blankToNull(card.weather),
    prize_amount: prize === null ? null : prize.amount,
    prize_currency: prize === null ? null : prize.currency,
    field_size: parseInteger(card.field_size),
    is_big_race: card.big_race ?? null,
    is_abandoned: card.is_abandoned ?? null,
    race_status: blankToNull(card.race_status),
    tip: blankToNull(card.tip),
    verdict: blankToNull(card.verdict),
    betting_forecast: blankToNull(card.betting_forecast),
  });
  for (const runner of card.runners) addRunner(builder, card.race_id, raceDate, runner);
  return true;
}

function addRunner(
  builder: RowBatchBuilder<"racecard">,
  raceId: string,
  raceDate: string | null,
  runner: RunnerPro,
): void {
  const jockey = parseJockeyName(runner.jockey);
  const jockeyId = addPersonSeen(
    builder,
    "ra_mst_jockeys",
    runner.jockey_id,
    jockey.name,
    raceDate,
  );
  const trainerId = blankToNull(runner.trainer_id);
  if (trainerId !== null) {
    builder.add("ra_mst_trainers", {
      id: trainerId,
      name: blankToNull(runner.trainer),
      location: blankToNull(runner.trainer_location),
      first_seen_date: raceDate,
      last_seen_date: raceDate,
    });
  }
  const ownerId = addPersonSeen(
    builder,
    "ra_mst_owners",
    runner.owner_id,
    blankToNull(runner.owner),
    raceDate,
  );
  const sireId = addAncestor(
    builder,
    "ra_mst_sires",
    runner.sire_id,
    runner.sire,
    runner.sire_region,
  );
  const damId = addAncestor(builder, "ra_mst_dams", runner.dam_id, runner.dam, runner.dam_region);
  const damsireId = addAncestor(
    builder,
    "ra_mst_damsires",
    runner.damsire_id,
    runner.damsire,
    runner.damsire_region,
  );

  const horseName = runner.horse === null ? null : splitHorseName(runner.horse);
  const dob = parseDate(runner.dob);
  const sex = blankToNull(runner.sex);
  const sexCode = blankToNull(runner.sex_code);
  const colour = blankToNull(runner.colour);
  const breeder = blankToNull(runner.breeder);
  const hasProfile = dob !== null || sex !== null || sexCode !== null || colour !== null ||
    breeder !== null;
  builder.add("ra_mst_horses", {
    id: runner.horse_id,
    name: horseName === null ? null : blankToNull(horseName.name),
    region: blankToNull(runner.region) ?? horseName?.country ?? null,
    dob,
    sex,
    sex_code: sexCode,
    colour,
    breeder,
    sire_id: sireId,
    dam_id: damId,
    damsire_id: damsireId,
    profile_source: hasProfile ? "racecard" : null,
    first_seen_date: raceDate,
    last_seen_date: raceDate,
  });

  const declared = parseRunnerNumber(runner.number);
  const windSurgery = runner.wind_surgery;
  builder.add("ra_mst_runners", {
    race_id: raceId,
    horse_id: runner.horse_id,
    jockey_id: jockeyId,
    trainer_id: trainerId,
    owner_id: ownerId,
    number: declared.number,
    draw: stallOf(runner.draw),
    is_non_runner: declared.non_runner,
    age: parseInteger(runner.age),
    weight_lbs: parseInteger(runner.lbs),
    jockey_claim_lbs: jockey.claim_lbs,
    headgear: blankToNull(runner.headgear),
    headgear_run: parseInteger(runner.headgear_run),
    // "w" marks wind surgery and "" its absence; a missing field says nothing.
    wind_surgery: windSurgery === null || windSurgery === undefined
      ? null
      : blankToNull(windSurgery) !== null,
    wind_surgery_run: parseInteger(runner.wind_surgery_run),
    form: blankToNull(runner.form),
    days_since_last_run: parseLastRunDays(runner.last_run),
    official_rating: parseRating(runner.ofr),
    rpr: parseRating(runner.rpr),
    topspeed: parseRating(runner.ts),
    comment: blankToNull(runner.comment),
    spotlight: blankToNull(runner.spotlight),
    trainer_rtf: parseInteger(runner.trainer_rtf),
    past_results_flags: runner.past_results_flags ?? null,
    silk_url: blankToNull(runner.silk_url),
  });
}
