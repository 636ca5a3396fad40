/**
 * Wire shapes the simulator serves, named after the vendor's component schemas. Field order
 * follows the spec, so serialised bodies are stable byte for byte.
 * @module
 */

/** `OddsHistory` (pro racecard runner `odds[]`). */
export interface OddsHistoryJson {
  bookmaker: string;
  fractional: string;
  decimal: string;
  ew_places: string;
  ew_denom: string;
  updated: string;
  history: { changed_at: string; fractional: string; decimal: string }[];
}

/** `RaceRunnerOdds` (`/v1/odds/{race_id}/{horse_id}`); its items are `RaceRunnerOddsBookmakers`. */
export interface RaceRunnerOddsJson {
  race_id: string;
  horse_id: string;
  horse: string;
  odds: OddsHistoryJson[];
}

/** Every price change of a race's market up to the off (`oddsTruth`, `/_admin/odds-truth`). */
export interface OddsTruth {
  race_id: string;
  off_ms: number;
  runners: {
    horse_id: string;
    books: {
      /** The name as the API writes it on the race day. */
      bookmaker: string;
      changes: {
        at_ms: number;
        fractional: string;
        decimal: string;
        ew_places: string;
        ew_denom: string;
      }[];
    }[];
  }[];
}

/** `RunnerOddsPro`. */
export interface RunnerOddsProJson {
  horse_id: string;
  horse: string;
  dob: string;
  age: string;
  sex: string;
  sex_code: string;
  colour: string;
  region: string;
  breeder: string;
  dam: string;
  dam_id: string;
  dam_region: string;
  sire: string;
  sire_id: string;
  sire_region: string;
  damsire: string;
  damsire_id: string;
  damsire_region: string;
  trainer: string;
  trainer_id: string;
  trainer_location: string;
  trainer_14_days: { runs: string; wins: string; percent: string };
  owner: string;
  owner_id: string;
  prev_trainers: { trainer: string; trainer_id: string; change_date: string }[];
  prev_owners: { owner: string; owner_id: string; change_date: string }[];
  comment: string;
  spotlight: string;
  quotes: Record<string, string>[];
  stable_tour: { quote: string }[];
  medical: { date: string; type: string }[];
  number: string;
  draw: string;
  headgear: string;
  headgear_run: string;
  wind_surgery: string;
  wind_surgery_run: string;
  past_results_flags: string[];
  lbs: string;
  ofr: string;
  rpr: string;
  ts: string;
  jockey: string;
  jockey_id: string;
  silk_url: string;
  last_run: string;
  form: string;
  trainer_rtf: string;
  odds: OddsHistoryJson[];
}

/** `RacecardOddsPro`. */
export interface RacecardOddsProJson {
  race_id: string;
  course: string;
  course_id: string;
  date: string;
  off_time: string;
  off_dt: string;
  race_name: string;
  distance_round: string;
  distance: string;
  distance_f: string;
  region: string;
  pattern: string;
  sex_restriction: string;
  race_class: string;
  type: string;
  age_band: string;
  rating_band: string;
  prize: string;
  field_size: string;
  going_detailed: string;
  rail_movements: string;
  stalls: string;
  weather: string;
  going: string;
  surface: string;
  jumps: string;
  runners: RunnerOddsProJson[];
  big_race: boolean;
  is_abandoned: boolean;
  tip: string;
  verdict: string;
  betting_forecast: string;
  race_status: string;
}

/** `RunnerStandard` (result runner). */
export interface RunnerStandardJson {
  horse_id: string;
  horse: string;
  sp: string;
  sp_dec: string;
  bsp?: string;
  number: string;
  position: string;
  draw: string;
  btn: string;
  ovr_btn: string;
  age: string;
  sex: string;
  weight: string;
  weight_lbs: string;
  headgear: string;
  time: string;
  or: string;
  rpr: string;
  tsr: string;
  prize: string;
  jockey: string;
  jockey_claim_lbs: string;
  jockey_id: string;
  trainer: string;
  trainer_id: string;
  owner: string;
  owner_id: string;
  sire: string;
  sire_id: string;
  dam: string;
  dam_id: string;
  damsire: string;
  damsire_id: string;
  comment: string;
  silk_url: string;
}

/** `ResultStandard`. */
export interface ResultStandardJson {
  race_id: string;
  date: string;
  region: string;
  course: string;
  course_id: string;
  off: string;
  off_dt: string;
  race_name: string;
  type: string;
  class: string;
  pattern: string;
  rating_band: string;
  age_band: string;
  sex_rest: string;
  dist: string;
  dist_y: string;
  dist_m: string;
  dist_f: string;
  going: string;
  surface: string;
  jumps: string;
  runners: RunnerStandardJson[];
  winning_time_detail: string;
  comments: string;
  non_runners: string;
  tote_win: string;
  tote_pl: string;
  tote_ex: string;
  tote_csf: string;
  tote_tricast: string;
  tote_trifecta: string;
}

/** `Horse` (standard profile and horse search items). */
export interface HorseJson {
  id: string;
  dam: string;
  dam_id: string;
  damsire: string;
  damsire_id: string;
  name: string;
  sire: string;
  sire_id: string;
}

/** `HorsePro`. */
export interface HorseProJson {
  id: string;
  breeder: string;
  colour: string;
  colour_code: string;
  dam: string;
  dam_id: string;
  damsire: string;
  damsire_id: string;
  dob: string;
  name: string;
  sex: string;
  sex_code: string;
  sire: string;
  sire_id: string;
}

/** Ground truth for tests: what the API would serve for GB and IRE over a date range. */
export interface GroundTruth {
  /** Results as `/v1/results` serves them (only races with a result by `now`). */
  races: ResultStandardJson[];
  /** Racecards as `/v1/racecards/pro` serves them, for dates that endpoint serves. */
  racecards: RacecardOddsProJson[];
}
