/**
 * Renders a race as a pro racecard (`RacecardOddsPro`), as seen on a given UK day: declared
 * runners, non-runners once known, jockeys from the day before, and only big-race entries further
 * ahead. Runner `odds` are left empty here: they move with the clock and are laid over the card
 * (`cardOddsAt` in odds_payload.ts).
 * @module
 */

import {
  ageOn,
  type HorsePopulation,
  type Outing,
  type Racer,
  sexCodeOf,
  sexOn,
} from "./horses.ts";
import { parentsOf, relatedId } from "./horse_payload.ts";
import { bettingForecast } from "./odds.ts";
import type { RacecardOddsProJson, RunnerOddsProJson } from "./payload_types.ts";
import type { People } from "./people.ts";
import type { Entry, Race } from "./race_model.ts";
import { marketOf } from "./race_result.ts";
import {
  formatCardFurlongs,
  formatCardPrize,
  formatExactDistance,
  formatRoundDistance,
  roundedFurlongs,
} from "./racing_formats.ts";
import { hashInts, SeededRandom, tagOf, unitOf } from "./seeded_random.ts";
import { dateOfDay, formatOffDt, formatOffTime, partsOfDay } from "./uk_time.ts";

/** What a racecard render needs from the world. */
export interface CardContext {
  seed: number;
  horses: HorsePopulation;
  people: People;
}

/** How far a race's card has progressed on a given day. */
export type CardStage = "declared" | "final" | "entries";

/** Stage of a race's card on `today` (UK day number), or null when the card is not served. */
export function cardStage(race: Race, today: number): CardStage | null {
  if (race.day <= today) return "final";
  if (race.day === today + 1) return "declared";
  if (race.day <= today + 7) return race.bigRace ? "entries" : null;
  return null;
}

/** Silk image URL for an owner's silks number. */
export function silkUrl(silk: number): string {
  const digits = String(silk);
  const a = digits[digits.length - 1];
  const b = digits[digits.length - 2];
  const c = digits[digits.length - 3];
  return `https://www.rp-assets.com/svg/${a}/${b}/${c}/${silk}.svg`;
}

function formFigures(seed: number, racer: Racer, previous: readonly Outing[]): string {
  const jumps = racer.stall.code === "jumps";
  const figures = "1234567890";
  const weights = [12, 12, 11, 10, 9, 8, 7, 6, 5, 12];
  let text = "";
  let lastDay: number | null = null;
  let lastSeason: number | null = null;
  for (const outing of [...previous].reverse()) {
    const { year, month } = partsOfDay(outing.day);
    const season = jumps ? (month >= 5 ? year : year - 1) : year;
    if (lastDay !== null) {
      if (outing.day - lastDay >= 365) text += "/";
      else if (season !== lastSeason) text += "-";
    }
    const u = unitOf(hashInts(seed, tagOf("form"), racer.key, outing.slot));
    const skill = Math.min(
      0.9,
      Math.max(0.1, (racer.ability - (jumps ? 80 : 40)) / (jumps ? 90 : 80)),
    );
    let figure: string;
    if (jumps && u < 0.08) figure = u < 0.05 ? "P" : u < 0.07 ? "F" : "U";
    else {
      let v = unitOf(hashInts(seed, tagOf("form-pos"), racer.key, outing.slot)) * 100;
      v = v * (1.3 - skill * 0.6);
      let index = 0;
      while (index < weights.length - 1 && v > (weights[index] as number)) {
        v -= weights[index] as number;
        index++;
      }
      figure = figures[index] as string;
    }
    text += figure;
    lastDay = outing.day;
    lastSeason = season;
  }
  return text;
}

function timeline(
  people: People,
  role: "trainer" | "owner",
  moves: readonly number[],
  slots: readonly number[],
  from: number,
  to: number,
): { personId: string; name: string; until: number }[] {
  const out: { personId: string; name: string; until: number }[] = [];
  let day = from;
  let guard = 0;
  while (day <= to && guard++ < 40) {
    let slotIndex = 0;
    for (let i = 0; i < moves.length; i++) if ((moves[i] as number) <= day) slotIndex = i + 1;
    const slot = slots[slotIndex] as number;
    const person = role === "trainer" ? people.trainerAt(slot, day) : people.ownerAt(slot, day);
    const nextMove = moves.find((m) => m > day) ?? Infinity;
    const end = Math.min(nextMove - 1, person.until, to);
    const last = out[out.length - 1];
    if (last && last.personId === person.id) last.until = end;
    else out.push({ personId: person.id, name: person.name, until: end });
    day = end + 1;
  }
  return out;
}

function spotlightText(rng: SeededRandom, racer: Racer, entry: Entry): string {
  if (rng.chance(0.2)) return "";
  const openers = entry.previous.length === 0
    ? [
      "Newcomer from a yard that does well with its debutants",
      "Makes a belated debut",
      "Unraced half-sibling to winners",
    ]
    : [
      "Has been running consistently",
      "Not at his best latest",
      "Back from a break",
      "Steadily progressive",
      "Well held last time",
    ];
  const closers = [
    "and looks sure to be thereabouts.",
    "but is one to watch in the market.",
    "and can't be ruled out.",
    "so others are preferred.",
    "and has every chance.",
  ];
  return `${racer.name}: ${rng.pick(openers)} ${rng.pick(closers)}`;
}

/** Renders one runner of a racecard. */
function runnerJson(
  ctx: CardContext,
  race: Race,
  entry: Entry,
  stage: CardStage,
  odds: RunnerOddsProJson["odds"],
): RunnerOddsProJson {
  const { horses, people, seed } = ctx;
  const racer = entry.racer;
  const day = race.day;
  const rng = new SeededRandom(hashInts(race.seedHash, tagOf("card-runner"), racer.key));
  const { sire, dam, damsire } = parentsOf(horses, racer);
  const trainerSlot = horses.trainerSlotOn(racer, day);
  const trainer = people.trainerAt(trainerSlot, day);
  const owner = people.ownerAt(horses.ownerSlotOn(racer, day), day);
  const trainers = timeline(
    people,
    "trainer",
    racer.trainerMoves,
    racer.trainerSlots,
    racer.debutDay,
    day,
  );
  const owners = timeline(people, "owner", racer.ownerMoves, racer.ownerSlots, racer.debutDay, day);
  const showNonRunner = entry.nonRunner && stage === "final";
  const jockey = people.jockeyAt(entry.jockeySlot, day);
  const claim = jockey.claimOn(day);
  const foreign = race.course.regionCode !== "gb" && race.course.regionCode !== "ire";
  const undeclared = stage === "entries" ||
    (foreign && unitOf(hashInts(seed, tagOf("no-jockey"), racer.key, entry.slot)) < 0.3);
  let jockeyName = undeclared ? "" : `${jockey.name}${claim ? `(${claim})` : ""}`;
  let jockeyId = undeclared ? "" : jockey.id;
  if (showNonRunner) {
    jockeyName = `NON-RUNNER${claim ? `(${claim})` : ""}`;
    jockeyId = "";
  }
  const previous = entry.previous;
  let lastRun = previous[0] ? String(day - previous[0].day) : "";
  const dualCode = unitOf(hashInts(seed, tagOf("dual-code"), racer.key));
  if (racer.stall.code === "jumps" && dualCode < 0.04) {
    const flatDays = previous[0]
      ? Math.max(1, day - previous[0].day - rng.int(5, 60))
      : rng.int(20, 200);
    lastRun = previous[0] ? `${lastRun} (${flatDays}F)` : `(${flatDays}F)`;
  }
  const inHeadgear = day >= racer.headgearFrom ? racer.headgear : "";
  const runsInHeadgear = previous.filter((o) => o.day >= racer.headgearFrom).length;
  const afterSurgery = day >= racer.windSurgeryDay;
  const runsSinceSurgery = previous.filter((o) => o.day >= racer.windSurgeryDay).length;
  const flagsRoll = unitOf(hashInts(seed, tagOf("flags"), racer.key, entry.slot));
  const flags = previous.length === 0
    ? []
    : flagsRoll < 0.14
    ? ["C"]
    : flagsRoll < 0.28
    ? ["D"]
    : flagsRoll < 0.35
    ? ["CD"]
    : flagsRoll < 0.4
    ? ["BF"]
    : flagsRoll < 0.43
    ? ["BF", "D"]
    : [];
  const t14Roll = unitOf(hashInts(seed, tagOf("t14"), trainerSlot, day));
  const runs = Math.round(people.trainerWeight(trainerSlot) * 120 * t14Roll);
  const wins = Math.round(
    runs * (0.04 + 0.2 * unitOf(hashInts(seed, tagOf("t14w"), trainerSlot, day))),
  );
  const rtfRoll = unitOf(hashInts(seed, tagOf("rtf"), trainerSlot, day));
  const rpr = previous.length === 0 || rng.chance(0.08)
    ? "-"
    : String(Math.round(entry.rating + rng.normal() * 4));
  const ts = previous.length === 0 || rng.chance(0.3)
    ? "-"
    : String(Math.max(1, Math.round(entry.rating - 12 + rng.normal() * 8)));
  const sex = sexOn(racer, day);
  const quoteWanted = rng.chance(0.03);
  return {
    horse_id: racer.id,
    horse: racer.name,
    dob: dateOfDay(racer.dobDay),
    age: String(ageOn(racer, day)),
    sex,
    sex_code: sexCodeOf(sex),
    colour: racer.colour,
    region: racer.bred,
    breeder: racer.breeder,
    dam: dam ? dam.name : "",
    dam_id: relatedId("dam_", dam),
    dam_region: dam ? dam.bred : "",
    sire: sire ? sire.name : "",
    sire_id: relatedId("sir_", sire),
    sire_region: sire ? sire.bred : "",
    damsire: damsire ? damsire.name : "",
    damsire_id: relatedId("dsi_", damsire),
    damsire_region: damsire ? damsire.bred : "",
    trainer: trainer.name,
    trainer_id: trainer.id,
    trainer_location: trainer.location,
    trainer_14_days: {
      runs: String(runs),
      wins: String(wins),
      percent: String(runs ? Math.round((wins / runs) * 100) : 0),
    },
    owner: owner.name,
    owner_id: owner.id,
    prev_trainers: trainers.slice(0, -1).reverse().map((t) => ({
      trainer: t.name,
      trainer_id: t.personId,
      change_date: dateOfDay(t.until + 1),
    })),
    prev_owners: owners.slice(0, -1).reverse().map((o) => ({
      owner: o.name,
      owner_id: o.personId,
      change_date: dateOfDay(o.until + 1),
    })),
    comment: rng.chance(0.4) ? "" : rng.pick([
      "Needs to find more",
      "Interesting newcomer",
      "Solid claims on form",
      "Could improve for the trip",
      "Respected",
      "Has questions to answer",
    ]),
    spotlight: spotlightText(rng, racer, entry),
    quotes: quoteWanted
      ? [{
        date: dateOfDay(day - 1),
        horse: racer.name,
        horse_id: racer.id,
        race: race.name,
        race_id: race.id,
        course: race.course.name,
        course_id: race.course.id,
        distance_f: String(Math.round(race.yards / 220)),
        distance_y: String(race.yards),
        quote:
          `${racer.name} is in good form at home and the trip should suit - ${trainer.name}, trainer.`,
      }]
      : [],
    stable_tour: rng.chance(0.02)
      ? [{ quote: `${racer.name} has strengthened up and we're hopeful of a good season.` }]
      : [],
    medical: afterSurgery ? [{ date: dateOfDay(racer.windSurgeryDay), type: "Wind Surgery" }] : [],
    number: showNonRunner ? "NR" : String(entry.cloth),
    draw: showNonRunner || stage === "entries" ? "0" : String(entry.draw),
    headgear: inHeadgear,
    headgear_run: inHeadgear && runsInHeadgear < 2 ? String(runsInHeadgear + 1) : "",
    wind_surgery: afterSurgery ? "w" : "",
    wind_surgery_run: afterSurgery && runsSinceSurgery < 2 ? String(runsSinceSurgery + 1) : "",
    past_results_flags: flags,
    lbs: String(entry.lbs),
    ofr: entry.officialRating === null ? "-" : String(entry.officialRating),
    rpr,
    ts,
    jockey: jockeyName,
    jockey_id: jockeyId,
    silk_url: silkUrl(owner.silk),
    last_run: lastRun,
    form: formFigures(seed, racer, previous),
    trainer_rtf: rtfRoll < 0.2 ? "" : String(Math.round(rtfRoll * 100)),
    odds,
  };
}

/** Renders a race as a pro racecard at a stage (see `cardStage`). */
export function racecardJson(ctx: CardContext, race: Race, stage: CardStage): RacecardOddsProJson {
  const rng = new SeededRandom(hashInts(race.seedHash, tagOf("card")));
  const foreign = race.course.regionCode !== "gb" && race.course.regionCode !== "ire";
  const market = marketOf(race);
  // Prices move with the clock: World overlays them on this cached card (odds_payload.ts).
  const runners = race.entries.map((entry) => runnerJson(ctx, race, entry, stage, []));
  const furlongs = roundedFurlongs(race.yards);
  const showNonRunners = stage === "final";
  const field = stage === "entries"
    ? 0
    : race.entries.filter((e) => !(showNonRunners && e.nonRunner)).length;
  const symbol = race.course.regionCode === "ire" ? "€" : "£";
  const favourite =
    [...market].filter((m) => !m.entry.nonRunner).sort((a, b) => a.spIndex - b.spIndex)[0];
  const tip = stage !== "entries" && favourite && !foreign ? favourite.entry.racer.name : "";
  return {
    race_id: race.id,
    course: race.course.name,
    course_id: race.course.id,
    date: race.date,
    off_time: formatOffTime(race.offMinutes),
    off_dt: formatOffDt(race.offUtcMs),
    race_name: race.name,
    distance_round: formatRoundDistance(furlongs),
    distance: formatExactDistance(race.yards),
    distance_f: formatCardFurlongs(furlongs),
    region: race.course.region,
    pattern: race.pattern,
    sex_restriction: race.sexRest,
    race_class: race.raceClass,
    type: race.type,
    age_band: race.ageBand,
    rating_band: race.ratingBand,
    prize: rng.chance(0.015) ? "" : formatCardPrize(race.prize, symbol),
    field_size: String(field),
    going_detailed: rng.chance(0.9)
      ? ""
      : `${race.going} (${rng.pick(["Good", "Soft", "Good To Firm"])} in places)`,
    rail_movements: rng.chance(0.9) ? "" : "Rail movements added 12yds to advertised distances",
    stalls: race.type === "Flat" && rng.chance(0.3)
      ? rng.pick(["Inside", "Centre", "Stands' Side", "Far Side"])
      : "",
    weather: rng.chance(0.85) ? "" : rng.pick(["Sunny", "Cloudy", "Light rain", "Overcast"]),
    going: race.going,
    surface: race.surface,
    jumps: race.jumps,
    runners,
    big_race: race.bigRace,
    is_abandoned: race.abandoned,
    tip,
    verdict: tip ? `${tip.toUpperCase()} sets the standard and can take this.` : "",
    betting_forecast: stage === "entries" ? "" : bettingForecast(market),
    race_status: "",
  };
}
