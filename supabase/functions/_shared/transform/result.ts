/**
 * Results → rows of the result source: the race (its description plus the outcome columns),
 * each runner's outcome, and everything a result names, so that history from before racecards
 * existed stands on its own: people, horses (name and region from "Create (IRE)", sex code,
 * pedigree ids), ancestors and a minimal course row.
 *
 * Pure: no I/O, no clock. Every value goes through the parsers of `transform/`.
 *
 * @module
 */
import type { RowBatch, SourceRow } from "../db/row_batch.ts";
import type { Result, ResultRunner } from "../racing_api/result_schemas.ts";
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
import { parseBeatenDistance, parseFurlongs, parseMetres, parseYards } from "./distances.ts";
import { type Currency, parseMoney, parseMoneyList } from "./money.ts";
import { parseJockeyName, splitHorseName, stripRegionSuffix } from "./names.ts";
import { blankToNull, parseInteger } from "./numbers.ts";
import { parseDecimalOdds, parseFractionalOdds } from "./odds.ts";
import { parsePosition } from "./positions.ts";
import { parseRaceTime, parseWinningTimeDetail } from "./race_times.ts";
import { parseRaceClass, stallOf } from "./racecard.ts";
import { homeCurrencyOf } from "./region.ts";
import { parseRating, parseWeightLbs } from "./runner_figures.ts";

/** Maps one race result to result-source rows; a race outside `regions` gives no rows. */
export function resultToRows(result: Result, options: TransformOptions): RowBatch<"result"> {
  return resultsPageToRows({ results: [result] }, options).rows;
}

/** Maps a results page to one deduplicated batch and counts the races filtered out. */
export function resultsPageToRows(
  page: { readonly results: readonly Result[] | null },
  options: TransformOptions,
): TransformedRows<"result"> {
  return racesToRows(
    "result",
    page.results ?? [],
    (builder, result) => addResult(builder, result, options),
  );
}

/** Adds a result's rows; returns false (adding nothing) when its region is not wanted. */
function addResult(
  builder: RowBatchBuilder<"result">,
  result: Result,
  options: TransformOptions,
): boolean {
  if (!isWantedRegion(result.region, options.regions)) return false;
  const region = blankToNull(result.region);
  const raceDate = parseDate(result.date);
  const homeCurrency = homeCurrencyOf(region);
  const course = blankToNull(result.course);
  const courseName = course === null ? null : stripRegionSuffix(course, region);

  builder.add("ra_mst_courses", {
    id: result.course_id,
    name: courseName,
    region_code: region === null ? null : region.toLowerCase(),
  });

  let winnerTime: number | null = null;
  for (const runner of result.runners) {
    const time = addRunner(builder, result.race_id, raceDate, homeCurrency, runner);
    if (winnerTime === null) winnerTime = time;
  }
  const winningTimeDetail = blankToNull(result.winning_time_detail);
  const toteWin = parseMoney(result.tote_win);
  const toteEx = parseMoney(result.tote_ex);
  const toteCsf = parseMoney(result.tote_csf);
  const toteTricast = parseMoney(result.tote_tricast);
  const toteTrifecta = parseMoney(result.tote_trifecta);
  builder.add("ra_mst_races", {
    id: result.race_id,
    course_id: result.course_id,
    course_name: courseName,
    region,
    race_name: blankToNull(result.race_name),
    race_date: raceDate,
    off_dt: parseOffDt(result.off_dt),
    type: blankToNull(result.type),
    race_class: parseRaceClass(result.class),
    pattern: blankToNull(result.pattern),
    age_band: blankToNull(result.age_band),
    rating_band: blankToNull(result.rating_band),
    sex_restriction: blankToNull(result.sex_rest),
    distance_round: blankToNull(result.dist),
    distance_f: parseFurlongs(result.dist_f),
    distance_y: parseYards(result.dist_y),
    distance_m: parseMetres(result.dist_m),
    going: blankToNull(result.going),
    surface: blankToNull(result.surface),
    jumps: blankToNull(result.jumps),
    has_result: true,
    winning_time_seconds: winnerTime ?? parseWinningTimeDetail(winningTimeDetail),
    winning_time_detail: winningTimeDetail,
    comments: blankToNull(result.comments),
    non_runners: blankToNull(result.non_runners),
    tote_currency: toteWin?.currency ?? toteEx?.currency ?? toteCsf?.currency ??
      toteTricast?.currency ?? toteTrifecta?.currency ?? null,
    tote_win: toteWin === null ? null : toteWin.amount,
    tote_pl: parseMoneyList(result.tote_pl),
    tote_ex: toteEx === null ? null : toteEx.amount,
    tote_csf: toteCsf === null ? null : toteCsf.amount,
    tote_tricast: toteTricast === null ? null : toteTricast.amount,
    tote_trifecta: toteTrifecta === null ? null : toteTrifecta.amount,
  });
  return true;
}

/** Adds a result runner's rows; returns its time in seconds when it won, else null. */
function addRunner(
  builder: RowBatchBuilder<"result">,
  raceId: string,
  raceDate: string | null,
  homeCurrency: Currency | null,
  runner: ResultRunner,
): number | null {
  const jockey = parseJockeyName(runner.jockey);
  const jockeyId = addPersonSeen(
    builder,
    "ra_mst_jockeys",
    runner.jockey_id,
    jockey.name,
    raceDate,
  );
  const trainerId = addPersonSeen(
    builder,
    "ra_mst_trainers",
    runner.trainer_id,
    blankToNull(runner.trainer),
    raceDate,
  );
  const ownerId = addPersonSeen(
    builder,
    "ra_mst_owners",
    runner.owner_id,
    blankToNull(runner.owner),
    raceDate,
  );
  const sireId = addAncestor(builder, "ra_mst_sires", runner.sire_id, runner.sire);
  const damId = addAncestor(builder, "ra_mst_dams", runner.dam_id, runner.dam);
  const damsireId = addAncestor(builder, "ra_mst_damsires", runner.damsire_id, runner.damsire);

  const horse = blankToNull(runner.horse);
  const horseName = horse === null ? null : splitHorseName(horse);
  builder.add("ra_mst_horses", {
    id: runner.horse_id,
    name: horseName === null ? null : horseName.name,
    region: horseName === null ? null : horseName.country,
    // Results give the sex as a code ("F").
    sex_code: blankToNull(runner.sex),
    sire_id: sireId,
    dam_id: damId,
    damsire_id: damsireId,
    first_seen_date: raceDate,
    last_seen_date: raceDate,
  });

  const outcome = parsePosition(runner.position);
  const sp = blankToNull(runner.sp);
  const spOdds = parseFractionalOdds(sp);
  const prize = parseMoney(runner.prize, homeCurrency);
  const time = parseRaceTime(runner.time);
  const row: SourceRow<"ra_mst_runners", "result"> = {
    race_id: raceId,
    horse_id: runner.horse_id,
    jockey_id: jockeyId,
    trainer_id: trainerId,
    owner_id: ownerId,
    number: parseInteger(runner.number),
    draw: stallOf(runner.draw),
    age: parseInteger(runner.age),
    weight_lbs: parseInteger(runner.weight_lbs) ?? parseWeightLbs(runner.weight),
    jockey_claim_lbs: parseInteger(runner.jockey_claim_lbs) ?? jockey.claim_lbs,
    headgear: blankToNull(runner.headgear),
    silk_url: blankToNull(runner.silk_url),
    position: outcome.position,
    finish_status: outcome.outcome,
    beaten_lengths: parseBeatenDistance(runner.btn),
    overall_beaten_lengths: parseBeatenDistance(runner.ovr_btn),
    finishing_time_seconds: time,
    starting_price: sp,
    starting_price_decimal: parseDecimalOdds(runner.sp_dec) ?? spOdds?.decimal ?? null,
    sp_favourite: spOdds === null ? null : spOdds.favourite,
    prize_won_amount: prize === null ? null : prize.amount,
    prize_won_currency: prize === null ? null : prize.currency,
    result_official_rating: parseRating(runner.or),
    result_rpr: parseRating(runner.rpr),
    result_topspeed: parseRating(runner.tsr),
    result_comment: blankToNull(runner.comment),
  };
  // bsp is an outcome column ("replace"): leave it out, untouched, when older data lacks it.
  if (runner.bsp !== undefined) row.bsp = parseDecimalOdds(runner.bsp);
  builder.add("ra_mst_runners", row);
  return outcome.position === 1 ? time : null;
}
