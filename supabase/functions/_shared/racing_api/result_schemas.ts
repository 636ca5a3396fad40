/**
 * Zod schemas of the results: `/v1/results`, `/v1/results/{race_id}` and the entity results
 * endpoints. Field rules are in schema_fields.ts.
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

/** A result runner (`RunnerStandard`), in finishing order. */
export const ResultRunnerSchema = z.object({
  horse_id: idOf("hrs"),
  horse: requiredText,
  sp: requiredText,
  sp_dec: requiredText,
  bsp: optionalText,
  number: requiredText,
  position: requiredText,
  draw: requiredText,
  btn: requiredText,
  ovr_btn: requiredText,
  age: requiredText,
  sex: requiredText,
  weight: requiredText,
  weight_lbs: requiredText,
  headgear: requiredText,
  time: requiredText,
  or: requiredText,
  rpr: requiredText,
  tsr: requiredText,
  prize: requiredText,
  jockey: requiredText,
  jockey_claim_lbs: optionalText,
  jockey_id: linkOf("jky"),
  trainer: requiredText,
  trainer_id: linkOf("trn"),
  owner: requiredText,
  owner_id: linkOf("own"),
  sire: requiredText,
  sire_id: linkOf("sir"),
  dam: requiredText,
  dam_id: linkOf("dam"),
  damsire: requiredText,
  damsire_id: linkOf("dsi"),
  comment: requiredText,
  silk_url: optionalText,
});

/** One race result (`ResultStandard`). */
export const ResultSchema = z.object({
  race_id: idOf("rac"),
  date: raceDate,
  region: z.string(),
  course: requiredText,
  course_id: idOf("crs"),
  off: requiredText,
  off_dt: offDt,
  race_name: requiredText,
  type: requiredText,
  class: requiredText,
  pattern: requiredText,
  rating_band: requiredText,
  age_band: requiredText,
  sex_rest: requiredText,
  dist: requiredText,
  dist_y: requiredText,
  dist_m: requiredText,
  dist_f: requiredText,
  going: requiredText,
  surface: optionalText,
  jumps: optionalText,
  runners: z.array(ResultRunnerSchema),
  winning_time_detail: optionalText,
  comments: optionalText,
  non_runners: optionalText,
  tote_win: optionalText,
  tote_pl: optionalText,
  tote_ex: optionalText,
  tote_csf: optionalText,
  tote_tricast: optionalText,
  tote_trifecta: optionalText,
});

/** A page of `/v1/results` (`ResultsStandardPage`); the spec lets `results` be null. */
export const ResultsPageSchema = z.object({
  results: z.array(ResultSchema).nullable(),
  total: pagingInteger,
  limit: pagingInteger,
  skip: pagingInteger,
  query: queryEcho,
});

/** One result runner. */
export type ResultRunner = z.infer<typeof ResultRunnerSchema>;
/** One race result. */
export type Result = z.infer<typeof ResultSchema>;
/** A page of results. */
export type ResultsPage = z.infer<typeof ResultsPageSchema>;
