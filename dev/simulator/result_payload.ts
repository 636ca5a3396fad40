/**
 * Renders a settled race as a result (`ResultStandard`) with the API's quirks: en-dash ratings,
 * suffixed names, plain-decimal GB prizes, unpadded times, favourite markers on SP.
 * @module
 */

import { resultCourseName } from "./courses.ts";
import { ageOn, sexCodeOf, sexOn } from "./horses.ts";
import { parentsOf, relatedId, suffixedName } from "./horse_payload.ts";
import type { ResultStandardJson, RunnerStandardJson } from "./payload_types.ts";
import type { CardContext } from "./racecard_payload.ts";
import { silkUrl } from "./racecard_payload.ts";
import type { Race } from "./race_model.ts";
import { type RunnerOutcome, settleRace } from "./race_result.ts";
import {
  formatLengths,
  formatRaceTime,
  formatResultFurlongs,
  formatResultPrize,
  formatRoundDistance,
  formatSpFraction,
  formatTote,
  formatWeight,
  formatWinningTimeDetail,
  fractionDecimal,
  roundedFurlongs,
} from "./racing_formats.ts";
import { hashInts, tagOf, unitOf } from "./seeded_random.ts";
import { dayNumber, formatOffDt, formatOffTime } from "./uk_time.ts";

const EN_DASH = "\u2013";
/** Results gained Betfair SP from 2025. */
const BSP_FROM_DAY = dayNumber("2025-01-01");
/** Some 2026 results carry an empty owner id. */
const EMPTY_OWNER_FROM_DAY = dayNumber("2026-01-01");
const METRIC_REGIONS = new Set(["fr", "ger", "hk", "jpn", "aus", "uae"]);
const NON_RUNNER_REASONS = [
  "self certificate (going)",
  "vet's certificate (lame)",
  "self certificate (coughing)",
  "trainer's decision",
  "reserve",
  "self certificate (ground)",
];

function currencyOf(race: Race): string {
  const region = race.course.regionCode;
  if (region === "gb") return "£";
  if (region === "ire" || region === "fr" || region === "ger") return "€";
  return "$";
}

/** Decimal-style SP of pool-betting jurisdictions: 13.4/1 → "134/10". */
function tenthsSp(decimal: number): string {
  const tenths = Math.max(1, Math.round((decimal - 1) * 10));
  return tenths % 10 === 0 ? `${tenths / 10}/1` : `${tenths}/10`;
}

function runnerJson(ctx: CardContext, race: Race, outcome: RunnerOutcome): RunnerStandardJson {
  const { horses, people, seed } = ctx;
  const entry = outcome.entry;
  const racer = entry.racer;
  const day = race.day;
  const { sire, dam, damsire } = parentsOf(horses, racer);
  const jockey = people.jockeyAt(entry.jockeySlot, day);
  const trainer = people.trainerAt(horses.trainerSlotOn(racer, day), day);
  const owner = people.ownerAt(horses.ownerSlotOn(racer, day), day);
  const region = race.course.regionCode;
  const home = region === "gb" || region === "ire";
  let sp = "";
  let spDec = "";
  if (outcome.spIndex >= 0) {
    const decimal = fractionDecimal(outcome.spIndex);
    sp = (home ? formatSpFraction(outcome.spIndex) : tenthsSp(decimal)) + outcome.favourite;
    spDec = (home ? decimal : Math.max(1.1, Math.round((decimal - 1) * 10) / 10 + 1)).toFixed(2);
  }
  const dash = (value: number | null) => (value === null ? EN_DASH : String(value));
  const emptyOwner = day >= EMPTY_OWNER_FROM_DAY &&
    unitOf(hashInts(seed, tagOf("empty-owner"), racer.key, entry.slot)) < 0.03;
  const runner: RunnerStandardJson = {
    horse_id: racer.id,
    horse: suffixedName(racer),
    sp,
    sp_dec: spDec,
    number: String(entry.cloth),
    position: outcome.position,
    draw: race.type === "Flat" ? String(entry.draw) : "",
    btn: outcome.btn === null ? "-" : formatLengths(outcome.btn),
    ovr_btn: outcome.ovrBtn === null ? "-" : formatLengths(outcome.ovrBtn),
    age: String(ageOn(racer, day)),
    sex: sexCodeOf(sexOn(racer, day)),
    weight: formatWeight(entry.lbs),
    weight_lbs: String(entry.lbs),
    headgear: day >= racer.headgearFrom ? racer.headgear : "",
    time: outcome.seconds === null ? "-" : formatRaceTime(outcome.seconds),
    or: dash(entry.officialRating),
    rpr: dash(outcome.rpr),
    tsr: dash(outcome.tsr),
    prize: outcome.prize > 0 ? formatResultPrize(outcome.prize, currencyOf(race)) : "",
    jockey: jockey.name,
    jockey_claim_lbs: String(jockey.claimOn(day)),
    jockey_id: jockey.id,
    trainer: trainer.name,
    trainer_id: trainer.id,
    owner: owner.name,
    owner_id: emptyOwner ? "" : owner.id,
    sire: sire ? suffixedName(sire) : "",
    sire_id: relatedId("sir_", sire),
    dam: dam ? suffixedName(dam) : "",
    dam_id: relatedId("dam_", dam),
    damsire: damsire ? damsire.name : "",
    damsire_id: relatedId("dsi_", damsire),
    comment: outcome.comment,
    silk_url: silkUrl(owner.silk),
  };
  if (day < BSP_FROM_DAY) return runner;
  // Betfair SP arrived in 2025: insert it after sp_dec to keep the spec's field order.
  const bsp = home && outcome.spIndex >= 0 ? outcome.bsp.toFixed(2) : "";
  const { horse_id, horse, sp: spText, sp_dec, ...rest } = runner;
  return { horse_id, horse, sp: spText, sp_dec, bsp, ...rest };
}

/** Renders the result of a race (the race must not be abandoned). */
export function resultJson(ctx: CardContext, race: Race): ResultStandardJson {
  const outcome = settleRace(race);
  const region = race.course.regionCode;
  const home = region === "gb" || region === "ire";
  const symbol = region === "ire" ? "€" : "£";
  const furlongs = roundedFurlongs(race.yards);
  const metres = race.yards * 0.9144;
  const metric = METRIC_REGIONS.has(region);
  const nonRunners = outcome.nonRunners.map((e) => {
    const reason = NON_RUNNER_REASONS[
      hashInts(ctx.seed, tagOf("nr-reason"), e.racer.key) % NON_RUNNER_REASONS.length
    ];
    return `${e.racer.name} (${reason})`;
  }).join(", ");
  const tote = outcome.tote;
  return {
    race_id: race.id,
    date: race.date,
    region: race.course.region,
    course: resultCourseName(race.course),
    course_id: race.course.id,
    off: formatOffTime(race.offMinutes),
    off_dt: formatOffDt(race.offUtcMs),
    race_name: race.name,
    type: race.type,
    class: race.raceClass,
    pattern: race.pattern,
    rating_band: race.ratingBand,
    age_band: race.ageBand,
    sex_rest: race.sexRest,
    dist: formatRoundDistance(furlongs),
    dist_y: String(race.yards),
    dist_m: metric ? `${Math.round(metres / 100) * 100}.0` : String(Math.round(metres)),
    dist_f: formatResultFurlongs(furlongs),
    going: race.going,
    surface: race.surface,
    jumps: race.jumps,
    runners: outcome.runners.map((o) => runnerJson(ctx, race, o)),
    winning_time_detail: formatWinningTimeDetail(outcome.winnerSeconds, outcome.standardSeconds),
    comments: outcome.comments,
    non_runners: nonRunners,
    tote_win: home ? formatTote(tote.win, symbol) : "",
    tote_pl: home ? tote.places.map((p) => formatTote(p, symbol)).join(" ") : "",
    tote_ex: home ? formatTote(tote.exacta, symbol) : "",
    tote_csf: home ? formatTote(tote.csf, symbol) : "",
    tote_tricast: home && tote.tricast !== null ? formatTote(tote.tricast, symbol) : "",
    tote_trifecta: home && tote.trifecta !== null ? formatTote(tote.trifecta, symbol) : "",
  };
}
