/**
 * Zod schemas for the Racing API payloads we consume (pro racecards, standard results, horse
 * profiles, courses, regions), and the one entry point that validates a payload.
 *
 * Strict where rows depend on it: ids and their prefixes, dates, `off_dt` when present, the
 * runners arrays and the paging integers. Tolerant elsewhere, as the API is: every value is a
 * string, "" and null both mean "no value", fields the spec marks optional may be missing, and
 * unknown fields are accepted. A parsed value holds the declared fields only: `drift.ts` names
 * the new keys from the payload itself, the archive keeps the body as received, and objects of
 * one shape make the transforms faster than the payload's own objects would.
 *
 * @module
 */
import { z } from "zod";

// ---------------------------------------------------------------------------------------------
// Field building blocks (patterns compiled once)
// ---------------------------------------------------------------------------------------------

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const OFF_DT_OR_BLANK_PATTERN =
  /^(?:|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2}))$/;

/** A key field: must be present and match its `prefix_digits` form. */
function idOf(prefix: string) {
  return z.string().regex(new RegExp(`^${prefix}_\\d+$`));
}

/** A link to another entity: present, and either its `prefix_digits` form, "" or null. */
function linkOf(prefix: string) {
  return z.string().regex(new RegExp(`^(?:${prefix}_\\d+)?$`)).nullable();
}

/** A field the spec requires: the key must be there; "" and null both mean no value. */
const requiredText = z.string().nullable();
/** A field the spec marks optional: it may be missing, null or "". */
const optionalText = z.string().nullish();
const raceDate = z.string().regex(DATE_PATTERN);
const offDt = z.string().regex(OFF_DT_OR_BLANK_PATTERN).nullish();
const pagingInteger = z.number().int().nonnegative();
/** The `query` echo of the request parameters; not used, so only its array shape is checked. */
const queryEcho = z.array(z.unknown()).optional();

// ---------------------------------------------------------------------------------------------
// Pro racecards: /v1/racecards/pro and /v1/racecards/{race_id}/pro
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Results: /v1/results, /v1/results/{race_id} and the entity results endpoints
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Horses: /v1/horses/{horse_id}/pro and /standard
// ---------------------------------------------------------------------------------------------

/** Optional sire/dam/damsire link on a horse profile. */
function optionalLinkOf(prefix: string) {
  return z.string().regex(new RegExp(`^(?:${prefix}_\\d+)?$`)).nullish();
}

/** A horse's pro profile (`HorsePro`). */
export const HorseProSchema = z.object({
  id: idOf("hrs"),
  name: optionalText,
  breeder: optionalText,
  colour: optionalText,
  colour_code: optionalText,
  dob: optionalText,
  sex: optionalText,
  sex_code: optionalText,
  sire: optionalText,
  sire_id: optionalLinkOf("sir"),
  dam: optionalText,
  dam_id: optionalLinkOf("dam"),
  damsire: optionalText,
  damsire_id: optionalLinkOf("dsi"),
});

/** A horse's standard profile (`Horse`), the fallback when the pro profile is 404. */
export const HorseStandardSchema = z.object({
  id: idOf("hrs"),
  name: optionalText,
  sire: optionalText,
  sire_id: optionalLinkOf("sir"),
  dam: optionalText,
  dam_id: optionalLinkOf("dam"),
  damsire: optionalText,
  damsire_id: optionalLinkOf("dsi"),
});

// ---------------------------------------------------------------------------------------------
// Courses and regions: /v1/courses and /v1/courses/regions
// ---------------------------------------------------------------------------------------------

/** A course; `region_code` is lower-case ("gb"), `region` the full name. */
export const CourseSchema = z.object({
  id: idOf("crs"),
  course: z.string(),
  region_code: z.string().min(1),
  region: requiredText,
});

/** The `/v1/courses` body (not paged). */
export const CoursesPageSchema = z.object({
  courses: z.array(CourseSchema),
  total: pagingInteger,
});

/** One region of `/v1/courses/regions` ("ire" for Ireland, "spa" for Spain). */
export const RegionSchema = z.object({
  region: z.string(),
  region_code: z.string().min(1),
});

/** The `/v1/courses/regions` body: a bare array. */
export const RegionsSchema = z.array(RegionSchema);

/** One bookmaker price on a pro runner. */
export type OddsHistory = z.infer<typeof OddsHistorySchema>;
/** One pro racecard runner. */
export type RunnerPro = z.infer<typeof RunnerProSchema>;
/** One pro racecard. */
export type RacecardPro = z.infer<typeof RacecardProSchema>;
/** A page of pro racecards. */
export type RacecardsProPage = z.infer<typeof RacecardsProPageSchema>;
/** One result runner. */
export type ResultRunner = z.infer<typeof ResultRunnerSchema>;
/** One race result. */
export type Result = z.infer<typeof ResultSchema>;
/** A page of results. */
export type ResultsPage = z.infer<typeof ResultsPageSchema>;
/** A horse's pro profile. */
export type HorsePro = z.infer<typeof HorseProSchema>;
/** A horse's standard profile. */
export type HorseStandard = z.infer<typeof HorseStandardSchema>;
/** One course. */
export type Course = z.infer<typeof CourseSchema>;
/** The courses body. */
export type CoursesPage = z.infer<typeof CoursesPageSchema>;
/** One region. */
export type Region = z.infer<typeof RegionSchema>;

// ---------------------------------------------------------------------------------------------
// Validation entry point
// ---------------------------------------------------------------------------------------------

/** One reason a payload was rejected, located by its JSON path. */
export interface PayloadIssue {
  path: string;
  reason: string;
}

/** How many issues a PayloadValidationError message spells out; the rest are counted. */
const ISSUES_IN_MESSAGE = 5;
const ZOD_REASON_PREFIX = /^Invalid input: /;

/** Thrown when an API payload does not match its schema; the message names paths, not values. */
export class PayloadValidationError extends Error {
  /** What was being parsed, e.g. "results page". */
  readonly kind: string;
  /** Every issue found, with path and reason. */
  readonly issues: readonly PayloadIssue[];

  /** Creates the error; the message lists the first issues as `path: reason`. */
  constructor(kind: string, issues: readonly PayloadIssue[]) {
    const shown = issues.slice(0, ISSUES_IN_MESSAGE).map((i) => `${i.path}: ${i.reason}`);
    const more = issues.length > ISSUES_IN_MESSAGE
      ? `; and ${issues.length - ISSUES_IN_MESSAGE} more`
      : "";
    super(`Cannot parse ${kind} payload: ${shown.join("; ")}${more}`);
    this.name = "PayloadValidationError";
    this.kind = kind;
    this.issues = issues;
  }
}

/** Formats a zod path as JSON-ish text: ["results", 3, "horse_id"] → "results[3].horse_id". */
export function formatPayloadPath(path: readonly PropertyKey[]): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else text += text === "" ? String(segment) : `.${String(segment)}`;
  }
  return text === "" ? "(root)" : text;
}

/**
 * Validates an API payload against its schema and returns the parsed value.
 * @throws {PayloadValidationError} naming `kind`, each failing path and zod's reason
 */
export function parseApiPayload<T>(schema: z.ZodType<T>, payload: unknown, kind: string): T {
  const result = schema.safeParse(payload);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: formatPayloadPath(issue.path),
    reason: issue.message.replace(ZOD_REASON_PREFIX, ""),
  }));
  throw new PayloadValidationError(kind, issues);
}
