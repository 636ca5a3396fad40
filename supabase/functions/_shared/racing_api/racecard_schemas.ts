/**
 * Zod schemas of the pro racecards: `/v1/racecards/pro` and `/v1/racecards/{race_id}/pro`.
 * Field rules are in schema_fields.ts.
 *
 * @module
 */
import { z } from "zod";
import {
  idOf,
  linkOf,
  offDt,
  optionalText,
  pagingInteger,
  queryEcho,
  raceDate,
  requiredText,
} from "./schema_fields.ts";

/** One price movement inside an odds item (populated for races from 2025-03-17). */
export const OddsHistoryPointSchema = z.object({
  changed_at: optionalText,
  fractional: optionalText,
  decimal: optionalText,
});

/**
 * Price movements are only checked to be an array: a page can hold 25 bookmakers x 1,000
 * runners x dozens of movements, and checking each one would cost more than the whole rest of
 * the page. Parse them with OddsHistoryPointSchema where they are used.
 */
const oddsMovements = z
  .custom<unknown[]>((value) => Array.isArray(value), { error: "expected array" })
  .nullish();

/** One bookmaker's price for a runner (`OddsHistory` in the vendor spec). */
export const OddsHistorySchema = z.object({
  bookmaker: z.string(),
  fractional: requiredText,
  decimal: requiredText,
  ew_places: requiredText,
  ew_denom: requiredText,
  updated: requiredText,
  history: oddsMovements,
});

/** A trainer's last-14-days form on a pro runner. */
export const Trainer14DaysSchema = z.object({
  runs: optionalText,
  wins: optionalText,
  percent: optionalText,
});

/** A previous trainer of a runner. */
export const PrevTrainerSchema = z.object({
  trainer: optionalText,
  trainer_id: optionalText,
  change_date: optionalText,
});

/** A previous owner of a runner. */
export const PrevOwnerSchema = z.object({
  owner: optionalText,
  owner_id: optionalText,
  change_date: optionalText,
});

/** A press quote about a runner. */
export const RunnerQuoteSchema = z.object({
  date: optionalText,
  horse: optionalText,
  horse_id: optionalText,
  race: optionalText,
  race_id: optionalText,
  course: optionalText,
  course_id: optionalText,
  distance_f: optionalText,
  distance_y: optionalText,
  quote: optionalText,
});

/** A stable-tour quote about a runner. */
export const StableTourSchema = z.object({ quote: optionalText });

/** A medical note (e.g. wind surgery) on a runner. */
export const RunnerMedicalSchema = z.object({ date: optionalText, type: optionalText });

/** A pro racecard runner (`RunnerOddsPro`); non-runners stay in the list with number "NR". */
export const RunnerProSchema = z.object({
  horse_id: idOf("hrs"),
  horse: requiredText,
  dob: requiredText,
  age: requiredText,
  sex: requiredText,
  sex_code: requiredText,
  colour: requiredText,
  region: requiredText,
  breeder: requiredText,
  dam: requiredText,
  dam_id: linkOf("dam"),
  dam_region: optionalText,
  sire: requiredText,
  sire_id: linkOf("sir"),
  sire_region: optionalText,
  damsire: requiredText,
  damsire_id: linkOf("dsi"),
  damsire_region: optionalText,
  trainer: requiredText,
  trainer_id: linkOf("trn"),
  trainer_location: optionalText,
  trainer_14_days: Trainer14DaysSchema.nullish(),
  owner: requiredText,
  owner_id: linkOf("own"),
  prev_trainers: z.array(PrevTrainerSchema).nullish(),
  prev_owners: z.array(PrevOwnerSchema).nullish(),
  comment: optionalText,
  spotlight: optionalText,
  quotes: z.array(RunnerQuoteSchema).nullish(),
  stable_tour: z.array(StableTourSchema).nullish(),
  medical: z.array(RunnerMedicalSchema).nullish(),
  number: requiredText,
  draw: requiredText,
  headgear: optionalText,
  headgear_run: optionalText,
  wind_surgery: optionalText,
  wind_surgery_run: optionalText,
  past_results_flags: z.array(z.string()).nullish(),
  lbs: requiredText,
  ofr: requiredText,
  rpr: requiredText,
  ts: requiredText,
  jockey: requiredText,
  jockey_id: linkOf("jky"),
  silk_url: optionalText,
  last_run: requiredText,
  form: requiredText,
  trainer_rtf: requiredText,
  odds: z.array(OddsHistorySchema).nullish(),
});

/** One pro racecard (`RacecardOddsPro`): a race with its runners. */
export const RacecardProSchema = z.object({
  race_id: idOf("rac"),
  course: requiredText,
  course_id: idOf("crs"),
  date: raceDate,
  off_time: requiredText,
  off_dt: offDt,
  race_name: requiredText,
  distance_round: requiredText,
  distance: requiredText,
  distance_f: requiredText,
  region: z.string(),
  pattern: requiredText,
  sex_restriction: optionalText,
  race_class: requiredText,
  type: requiredText,
  age_band: requiredText,
  rating_band: requiredText,
  prize: requiredText,
  field_size: requiredText,
  going_detailed: requiredText,
  rail_movements: requiredText,
  stalls: requiredText,
  weather: requiredText,
  going: requiredText,
  surface: requiredText,
  jumps: optionalText,
  runners: z.array(RunnerProSchema),
  big_race: z.boolean().nullish(),
  is_abandoned: z.boolean().nullish(),
  tip: optionalText,
  verdict: optionalText,
  betting_forecast: optionalText,
  race_status: optionalText,
});

/** A page of `/v1/racecards/pro`. */
export const RacecardsProPageSchema = z.object({
  racecards: z.array(RacecardProSchema),
  total: pagingInteger,
  limit: pagingInteger,
  skip: pagingInteger,
  query: queryEcho,
});

/** One bookmaker price on a pro runner. */
export type OddsHistory = z.infer<typeof OddsHistorySchema>;
/** One pro racecard runner. */
export type RunnerPro = z.infer<typeof RunnerProSchema>;
/** One pro racecard. */
export type RacecardPro = z.infer<typeof RacecardProSchema>;
/** A page of pro racecards. */
export type RacecardsProPage = z.infer<typeof RacecardsProPageSchema>;
