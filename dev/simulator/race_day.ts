/**
 * Builds one racing day from the horses whose stalls send them out that day: groups them into
 * races by region, code, age and ability, gives the races conditions, courses, off times and
 * prizes, and declares each runner (number, draw, weight, jockey). Pure in (seed, day).
 * @module
 */

import type { Course } from "./courses.ts";
import {
  canBeEvening,
  drawGoing,
  foreignTargetRunners,
  isSummerJumps,
  isTurfFlatSeason,
  meetingStartMinutes,
  targetRunners,
} from "./fixture_calendar.ts";
import { ageOn, type HorsePopulation, type Outing, type Racer, type Stall } from "./horses.ts";
import { HORSE_SINGLE_NAMES, RACE_SPONSORS } from "./name_lists.ts";
import type { People, RacingCode } from "./people.ts";
import type { RaceIds } from "./race_ids.ts";
import { RACES_PER_DAY } from "./race_ids.ts";
import type { Entry, Race, RaceDay, RaceType } from "./race_model.ts";
import { hashInts, SeededRandom, tagOf, unitOf } from "./seeded_random.ts";
import { dateOfDay, dayOfYear, partsOfDay, ukLocalToUtcMs } from "./uk_time.ts";

interface Candidate {
  racer: Racer;
  slot: number;
  nonRunner: boolean;
  previous: Outing[];
  rating: number;
  officialRating: number | null;
  age: number;
  pool: string;
}

interface DraftRace {
  regionCode: string;
  code: RacingCode;
  pool: string;
  runners: Candidate[];
}

/** Pools in the order they usually run at a meeting. */
const POOL_RANK: Readonly<Record<string, number>> = {
  "2yo": 0,
  "2yo:F": 0,
  maiden: 1,
  "maiden:F": 1,
  "3yo": 2,
  "3yo:F": 2,
  older: 3,
  "older:F": 3,
  "nov-hurdle": 0,
  "nov-hurdle:M": 0,
  "nov-chase": 1,
  chase: 2,
  hurdle: 3,
  "hurdle:M": 3,
  bumper: 4,
  "bumper:M": 4,
  foreign: 0,
};

const TAG_STABLE_JOCKEY = tagOf("stable-jockey");
const TAG_POOL = tagOf("pool");

const GB_FLAT_PRIZE = [0, 30000, 12000, 7000, 5000, 3800, 3100, 2400];
const GB_JUMPS_PRIZE = [0, 40000, 16000, 8000, 4800, 3600, 2800, 2300];

// Thresholds on a field's average rating, tuned so a GB+IRE year has about 350 flat and 140 jumps
// pattern races, as the real calendar does.
const FLAT_PATTERN: readonly [number, string][] = [[88.5, "Group 1"], [86.6, "Group 2"], [
  83.4,
  "Group 3",
], [79.5, "Listed"]];
const JUMPS_PATTERN: readonly [number, string][] = [[124.3, "Grade 1"], [121.5, "Grade 2"], [
  120,
  "Grade 3",
], [118.5, "Listed"]];

/** Pattern level a field of this average rating earns ("" for none); foreign fields rate lower. */
function patternFor(code: RacingCode, homeRegion: boolean, meanRating: number): string {
  const ladder = code === "flat" ? FLAT_PATTERN : JUMPS_PATTERN;
  const rating = homeRegion ? meanRating : meanRating + 8;
  return ladder.find(([min]) => rating >= min)?.[1] ?? "";
}

function tripBand(racer: Racer): number {
  const t = racer.trip;
  if (racer.stall.code === "jumps") return t <= 18 ? 0 : t <= 22 ? 1 : 2;
  return t <= 6 ? 0 : t <= 9 ? 1 : t <= 12 ? 2 : 3;
}

/** Rating of a racer on a day: ability shaped by age, plus a slow drift. */
export function ratingOn(seed: number, racer: Racer, day: number): number {
  const age = ageOn(racer, day);
  let shape: number;
  if (racer.stall.code === "jumps") {
    shape = age <= 5 ? -8 : age === 6 ? -2 : age <= 8 ? 2 : age === 9 ? 0 : -(age - 9) * 3;
  } else {
    shape = age === 2
      ? -12 + (dayOfYear(day) / 365) * 10
      : age === 3
      ? -2
      : age === 4
      ? 2
      : age === 5
      ? 1
      : -(age - 5) * 2;
  }
  const drift = (unitOf(hashInts(seed, racer.key, Math.floor(day / 120))) - 0.5) * 8;
  return racer.ability + shape + drift;
}

/** Assembles racing days for one seeded world. */
export class RaceDayBuilder {
  readonly #seed: number;
  readonly #horses: HorsePopulation;
  readonly #people: People;
  readonly #courses: readonly Course[];
  readonly #ids: RaceIds;
  readonly #activity = new Map<number, Float64Array>();

  /** Wires the builder to the world's populations. */
  constructor(
    seed: number,
    horses: HorsePopulation,
    people: People,
    courses: readonly Course[],
    ids: RaceIds,
  ) {
    this.#seed = seed;
    this.#horses = horses;
    this.#people = people;
    this.#courses = courses;
    this.#ids = ids;
  }

  /** Probability that a scheduled outing of a stall group is taken up on a day. */
  activity(group: number, day: number): number {
    let row = this.#activity.get(day);
    if (!row) {
      if (this.#activity.size > 20_000) this.#activity.clear();
      const groups = this.#horses.supplyGroups;
      const homeSupply = (code: RacingCode) =>
        groups.filter((g) => g.code === code && (g.regionCode === "gb" || g.regionCode === "ire"))
          .reduce((sum, g) => sum + g.supply, 0);
      row = new Float64Array(groups.map((g) => {
        const p = g.regionCode === "gb" || g.regionCode === "ire"
          ? targetRunners(g.code, day) / homeSupply(g.code)
          : foreignTargetRunners(g.regionCode, day) / g.supply;
        return Math.min(1, p);
      }));
      this.#activity.set(day, row);
    }
    return row[group] as number;
  }

  /** Whether a stall's outing is taken up (the horse is declared) — pure in its arguments. */
  readonly isTakenUp = (stall: Stall, slot: number, day: number): boolean => {
    if (this.#horses.outingDraw(stall, slot) >= this.activity(stall.group, day)) {
      return false;
    }
    const racer = this.#horses.racerInStall(stall, day);
    return racer !== null && day >= racer.debutDay && day <= racer.careerEnd;
  };

  /** Builds the whole programme of a day. */
  build(day: number): RaceDay {
    const rng = new SeededRandom(hashInts(this.#seed, tagOf("race-day"), day));
    const groups = new Map<string, Candidate[]>();
    for (const outing of this.#horses.outingsOn(day)) {
      if (!this.isTakenUp(outing.stall, outing.slot, day)) continue;
      const candidate = this.#candidate(outing, day);
      const key = `${outing.stall.regionCode}|${outing.stall.code}`;
      let list = groups.get(key);
      if (!list) groups.set(key, list = []);
      list.push(candidate);
    }
    const drafts: DraftRace[] = [];
    for (const [key, candidates] of [...groups].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const [regionCode, code] = key.split("|") as [string, RacingCode];
      candidates.sort((a, b) => a.racer.key - b.racer.key);
      drafts.push(...this.#chunk(rng, regionCode, code, candidates, day));
    }
    const races = this.#schedule(rng, drafts, day);
    return { day, date: dateOfDay(day), races };
  }

  #candidate(outing: Outing, day: number): Candidate {
    const racer = this.#horses.racerInStall(outing.stall, day) as Racer;
    const previous = this.#horses.previousRuns(racer, outing.slot, 6, this.isTakenUp);
    const rating = ratingOn(this.#seed, racer, day);
    const age = ageOn(racer, day);
    const foreign = outing.stall.regionCode !== "gb" && outing.stall.regionCode !== "ire";
    const officialRating = foreign || previous.length < 3 ? null : Math.max(10, Math.round(rating));
    const u = unitOf(hashInts(this.#seed, TAG_POOL, racer.key, outing.slot));
    let pool: string;
    if (foreign) pool = "foreign";
    else if (outing.stall.code === "flat") {
      const month = partsOfDay(day).month;
      if (age <= 2) pool = "2yo";
      else if (previous.length < 3) pool = "maiden";
      else if (age === 3 && month >= 4 && month <= 9 && u < 0.45) pool = "3yo";
      else pool = "older";
      if (racer.female && (pool === "older" ? u < 0.12 : u > 0.72)) pool += ":F";
    } else {
      const chaseReady = racer.chaser && age >= 5 && day - racer.debutDay > 300;
      if (previous.length < 2 && age <= 6 && !chaseReady) pool = "bumper";
      else if (chaseReady) pool = day - racer.debutDay < 700 ? "nov-chase" : "chase";
      else if (previous.length < 5) pool = "nov-hurdle";
      else pool = "hurdle";
      if (racer.female && pool !== "chase" && pool !== "nov-chase" && u > 0.6) pool += ":M";
    }
    return {
      racer,
      slot: outing.slot,
      nonRunner: this.#horses.isNonRunner(outing.stall, outing.slot),
      previous,
      rating,
      officialRating,
      age,
      pool,
    };
  }

  #chunk(
    rng: SeededRandom,
    regionCode: string,
    code: RacingCode,
    all: Candidate[],
    day: number,
  ): DraftRace[] {
    const pools = new Map<string, Candidate[]>();
    for (const c of all) {
      let list = pools.get(c.pool);
      if (!list) pools.set(c.pool, list = []);
      list.push(c);
    }
    // Pools too small for a race join the main pool of the code.
    const main = code === "flat"
      ? (regionCode === "gb" || regionCode === "ire" ? "older" : "foreign")
      : "hurdle";
    for (const [pool, list] of [...pools]) {
      if (pool !== main && list.length < 5) {
        pools.delete(pool);
        let target = pools.get(main);
        if (!target) pools.set(main, target = []);
        target.push(...list);
      }
    }
    const drafts: DraftRace[] = [];
    const aw = code === "flat" && !isTurfFlatSeason(day);
    const mean = code === "jumps" ? 10.6 : aw ? 11.2 : 11.8;
    const max = code === "jumps" ? 18 : 20;
    for (const [pool, list] of [...pools].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      // Similar trips and similar ability race together, as in handicaps and class bands.
      list.sort((a, b) => tripBand(a.racer) - tripBand(b.racer) || b.rating - a.rating);
      let start = 0;
      while (start < list.length) {
        const left = list.length - start;
        let size = Math.round(mean + rng.normal() * 2.6);
        size = Math.max(5, Math.min(max, size));
        if (left - size < 5) size = left <= max ? left : Math.ceil(left / 2);
        drafts.push({ regionCode, code, pool, runners: list.slice(start, start + size) });
        start += size;
      }
    }
    return drafts;
  }

  #eligibleCourses(regionCode: string, code: RacingCode, aw: boolean, day: number): Course[] {
    return this.#courses.filter((c) => {
      if (c.regionCode !== regionCode) return false;
      if (aw) return c.aw;
      if (c.aw) return false;
      if (code === "jumps") return c.jumps && (!isSummerJumps(day) || c.summerJumps);
      return c.flat;
    });
  }

  #schedule(rng: SeededRandom, drafts: DraftRace[], day: number): Race[] {
    const byGroup = new Map<string, DraftRace[]>();
    for (const d of drafts) {
      const key = `${d.regionCode}|${d.code}`;
      let list = byGroup.get(key);
      if (!list) byGroup.set(key, list = []);
      list.push(d);
    }
    const used = new Set<number>();
    const built: Omit<Race, "index" | "id">[] = [];
    for (const [key, list] of byGroup) {
      const [regionCode, code] = key.split("|") as [string, RacingCode];
      const homeRegion = regionCode === "gb" || regionCode === "ire";
      const turfSeason = isTurfFlatSeason(day);
      // Surfaces: GB flat runs on the AW all year, IRE only at Dundalk out of season.
      const plan: { aw: boolean; races: DraftRace[] }[] = [];
      const shuffled = [...list];
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = rng.int(0, i);
        [shuffled[i], shuffled[j]] = [shuffled[j] as DraftRace, shuffled[i] as DraftRace];
      }
      if (code === "flat" && homeRegion) {
        const meetings = Math.max(1, Math.round(shuffled.length / 7));
        const awMeetings = !turfSeason ? meetings : meetings >= 3 ? 1 : 0;
        for (let m = 0; m < meetings; m++) plan.push({ aw: m < awMeetings, races: [] });
      } else {
        const meetings = Math.max(1, Math.round(shuffled.length / (homeRegion ? 7 : 8)));
        for (let m = 0; m < meetings; m++) plan.push({ aw: false, races: [] });
      }
      const courseFor: (Course | null)[] = plan.map((p) => {
        const options = this.#eligibleCourses(regionCode, code, p.aw, day).filter((c) =>
          !used.has(c.key)
        );
        if (options.length === 0) return null;
        const course = rng.pick(options);
        used.add(course.key);
        return course;
      });
      const live = plan.map((p, i) => ({ ...p, course: courseFor[i] as Course | null }))
        .filter((p) => p.course !== null);
      if (live.length === 0) continue;
      shuffled.forEach((draft, i) =>
        (live[i % live.length] as { races: DraftRace[] }).races.push(draft)
      );
      live.forEach((meeting, m) => {
        const course = meeting.course as Course;
        const meetingRng = new SeededRandom(
          hashInts(this.#seed, tagOf("meeting"), day, course.key),
        );
        const evening = homeRegion && canBeEvening(day, course.aw, code) && m >= 1 &&
          meetingRng.chance(course.aw ? 0.5 : 0.35);
        const start = meetingStartMinutes(meetingRng, day, regionCode, course.aw, evening);
        const interval = code === "jumps" ? 35 : meetingRng.chance(0.5) ? 30 : 35;
        const going = drawGoing(meetingRng, day, regionCode, course.aw);
        const winter = [12, 1, 2].includes(partsOfDay(day).month);
        const abandoned = homeRegion && !course.aw && meetingRng.chance(winter ? 0.04 : 0.003);
        const ordered = meeting.races
          .map((r) => ({ r, k: (POOL_RANK[r.pool] ?? 5) + meetingRng.next() * 0.9 }))
          .sort((a, b) => a.k - b.k)
          .map((x) => x.r);
        ordered.forEach((draft, i) => {
          const offMinutes = start + i * interval;
          built.push(this.#race(draft, course, day, offMinutes, going, abandoned));
        });
      });
    }
    built.sort((a, b) => a.offUtcMs - b.offUtcMs || a.course.key - b.course.key);
    const races: Race[] = [];
    built.slice(0, RACES_PER_DAY).forEach((r, index) => {
      races.push({ ...r, index, id: this.#ids.idOf(day, index) });
    });
    return races;
  }

  #race(
    draft: DraftRace,
    course: Course,
    day: number,
    offMinutes: number,
    going: string,
    abandoned: boolean,
  ): Omit<Race, "index" | "id"> {
    const seedHash = hashInts(this.#seed, tagOf("race"), day, course.key, offMinutes);
    const rng = new SeededRandom(seedHash);
    const runners = draft.runners;
    const homeRegion = draft.regionCode === "gb" || draft.regionCode === "ire";
    const gb = draft.regionCode === "gb";
    const rated = runners.map((r) => r.officialRating).filter((r): r is number => r !== null);
    const topRating = rated.length ? Math.max(...rated) : 0;
    const meanRating = runners.reduce((s, r) => s + r.rating, 0) / runners.length;
    const trips = runners.map((r) => r.racer.trip).sort((a, b) => a - b);
    let furlongs = trips[Math.floor(trips.length / 2)] as number;
    const basePool = draft.pool.split(":")[0] as string;
    const restricted = draft.pool.includes(":");
    if (basePool === "2yo") furlongs = Math.min(furlongs, dayOfYear(day) < 180 ? 6 : 8);
    if (basePool === "bumper") furlongs = Math.min(Math.max(furlongs, 16), 18);
    if (draft.code === "jumps") furlongs = Math.max(16, furlongs);
    const extra = hashInts(this.#seed, course.key, furlongs) % 5 === 0
      ? 0
      : 10 + (hashInts(this.#seed, course.key, furlongs, 1) % 200);
    const yards = homeRegion || draft.regionCode === "usa"
      ? furlongs * 220 + extra
      : Math.round((Math.round(furlongs * 201.168 / 100) * 100) / 0.9144);

    let type: RaceType = "Flat";
    if (basePool === "bumper") type = "NH Flat";
    else if (basePool === "nov-chase" || basePool === "chase") type = "Chase";
    else if (draft.code === "jumps") type = "Hurdle";

    // The best fields of a pool become pattern races (weight-for-age, not handicaps).
    let pattern = "";
    const patternChance = rng.next();
    if (basePool !== "maiden" && basePool !== "bumper" && patternChance < 0.75) {
      pattern = patternFor(draft.code, homeRegion, meanRating);
    }
    const handicap = !pattern && homeRegion && rated.length === runners.length &&
      !["maiden", "nov-hurdle", "bumper"].includes(basePool) && rng.chance(0.85);
    let classNumber = 0;
    if (gb) {
      const r = handicap ? topRating : meanRating;
      if (pattern) classNumber = 1;
      else if (draft.code === "flat") {
        classNumber = r >= 96 ? 2 : r >= 86 ? 3 : r >= 76 ? 4 : r >= 64 ? 5 : r >= 50 ? 6 : 7;
        if (basePool === "maiden" || basePool === "2yo") {
          classNumber = Math.min(Math.max(classNumber, 4), 5);
        }
      } else {
        classNumber = r >= 140 ? 2 : r >= 125 ? 3 : r >= 105 ? 4 : r >= 90 ? 5 : 6;
        if (basePool === "bumper") classNumber = 5;
      }
    }
    const raceClass = classNumber ? `Class ${classNumber}` : "";
    const ratingBand = handicap
      ? draft.regionCode === "ire"
        ? `${Math.max(0, Math.ceil(topRating / 5) * 5 - 20)}-${Math.ceil(topRating / 5) * 5}`
        : `0-${Math.ceil(topRating / 5) * 5}`
      : "";

    const ages = runners.map((r) => r.age);
    const minAge = Math.min(...ages);
    const maxAge = Math.max(...ages);
    let ageBand: string;
    if (basePool === "2yo") ageBand = "2yo";
    else if (basePool === "3yo") ageBand = "3yo";
    else if (basePool === "bumper") ageBand = `${Math.min(minAge, 4)}-6yo`;
    else if (draft.code === "jumps") ageBand = `${Math.min(Math.max(minAge, 4), 5)}yo+`;
    else {ageBand = minAge === maxAge && minAge <= 3
        ? `${minAge}yo`
        : `${Math.max(2, Math.min(minAge, 4))}yo+`;}
    const sexRest = restricted
      ? (draft.code === "jumps" ? "M" : basePool === "older" ? "F & M" : "F")
      : "";

    const currency = draft.regionCode === "ire" ? 1.15 : 1;
    let prize: number;
    if (pattern.startsWith("Group 1") || pattern.startsWith("Grade 1")) {
      prize = 150000 + rng.int(0, 450000);
    } else if (pattern.startsWith("Group 2") || pattern.startsWith("Grade 2")) {
      prize = 50000 + rng.int(0, 70000);
    } else if (pattern) prize = 20000 + rng.int(0, 40000);
    else if (gb) {
      const table = draft.code === "flat" ? GB_FLAT_PRIZE : GB_JUMPS_PRIZE;
      prize = (table[classNumber] as number) * (0.85 + rng.next() * 0.5);
    } else if (draft.regionCode === "ire") prize = 5500 + rng.int(0, 12) * 500;
    else prize = 12000 + rng.int(0, 60) * 1000;
    prize = Math.round(prize * currency);

    const name = this.#raceName(
      rng,
      draft,
      basePool,
      handicap,
      pattern,
      sexRest,
      ageBand,
      raceClass,
    );
    const jumps = type === "Hurdle"
      ? `${Math.max(6, Math.round(yards / 220 / 2) - 1)} hurdles`
      : type === "Chase"
      ? `${Math.round((yards / 220) * 0.6)} fences`
      : "";

    const entries = this.#declare(rng, draft, day, handicap, basePool, pattern);
    // A race whose every runner is withdrawn is void: it stays on the card, with no result.
    const voided = entries.every((e) => e.nonRunner);
    return {
      day,
      date: dateOfDay(day),
      course,
      offMinutes,
      offUtcMs: ukLocalToUtcMs(day, offMinutes),
      code: draft.code,
      type,
      raceClass,
      pattern,
      bigRace: /^(Group|Grade) [12]$/.test(pattern),
      handicap,
      ageBand,
      ratingBand,
      sexRest,
      yards,
      surface: course.aw ? "AW" : "Turf",
      going,
      prize,
      name,
      abandoned: abandoned || voided,
      jumps,
      entries,
      seedHash,
    };
  }

  #raceName(
    rng: SeededRandom,
    draft: DraftRace,
    basePool: string,
    handicap: boolean,
    pattern: string,
    sexRest: string,
    ageBand: string,
    raceClass: string,
  ): string {
    const sponsor = rng.pick(RACE_SPONSORS);
    const fillies = sexRest === "F"
      ? "Fillies' "
      : sexRest === "F & M"
      ? "Fillies' & Mares' "
      : sexRest === "M"
      ? "Mares' "
      : "";
    if (draft.regionCode !== "gb" && draft.regionCode !== "ire") {
      const title = rng.pick(HORSE_SINGLE_NAMES);
      switch (draft.regionCode) {
        case "fr":
          return `Prix ${rng.pick(["de", "du", "de la"])} ${title} (${
            pattern || "Conditions"
          }) (${ageBand}) (Turf)`;
        case "ger":
          return `Grosser Preis von ${title} (${pattern || "Listed"}) (${ageBand}) (Turf)`;
        case "usa":
          return `${title} Stakes (${
            pattern ? pattern.replace("Group", "Grade") : "Allowance"
          }) (${ageBand}) (Dirt)`;
        default:
          return `${title} ${handicap ? "Handicap" : "Stakes"} (${
            pattern || raceClass || "Class 3"
          }) (${ageBand}) (Turf)`;
      }
    }
    if (pattern) {
      const title = rng.pick(HORSE_SINGLE_NAMES);
      if (draft.code === "jumps") {
        return `${sponsor} ${title} ${
          basePool === "chase" || basePool === "nov-chase" ? "Chase" : "Hurdle"
        } (${pattern})`;
      }
      return `${sponsor} ${title} ${fillies}Stakes (${pattern})`;
    }
    switch (basePool) {
      case "2yo":
        return handicap
          ? `${sponsor} Nursery Handicap`
          : `${sponsor} ${fillies}${rng.chance(0.5) ? "Novice" : "Maiden"} Stakes${
            rng.chance(0.3) ? " (GBB Race)" : ""
          }`;
      case "maiden":
        return draft.regionCode === "ire"
          ? `${sponsor} ${fillies}Maiden`
          : `${sponsor} ${fillies}${rng.chance(0.5) ? "Maiden" : "Novice"} Stakes`;
      case "bumper":
        return `${sponsor} ${fillies}${
          draft.regionCode === "ire" ? "INH Flat Race" : "Standard Open National Hunt Flat Race"
        }`;
      case "nov-hurdle":
        return draft.regionCode === "ire" && rng.chance(0.5)
          ? `${sponsor} ${fillies}Maiden Hurdle`
          : `${sponsor} ${fillies}Novices' Hurdle`;
      case "nov-chase":
        return handicap
          ? `${sponsor} Novices' Handicap Chase`
          : draft.regionCode === "ire"
          ? `${sponsor} Beginners Chase`
          : `${sponsor} Novices' Chase`;
      case "chase":
        return handicap ? `${sponsor} Handicap Chase` : `${sponsor} Chase`;
      case "hurdle":
        return handicap ? `${sponsor} ${fillies}Handicap Hurdle` : `${sponsor} ${fillies}Hurdle`;
      default:
        if (handicap) return `${sponsor} ${fillies}Handicap${rng.chance(0.1) ? " (Div I)" : ""}`;
        return `${sponsor} ${fillies}${rng.chance(0.6) ? "Conditions" : "Classified"} Stakes`;
    }
  }

  #declare(
    rng: SeededRandom,
    draft: DraftRace,
    day: number,
    handicap: boolean,
    basePool: string,
    pattern: string,
  ): Entry[] {
    const runners = draft.runners;
    const jumps = draft.code === "jumps";
    const top = jumps ? 166 : basePool === "2yo" ? 133 : 136;
    const bottom = jumps ? 140 : 112;
    const maxRating = Math.max(...runners.map((r) => r.officialRating ?? r.rating));
    const weights = runners.map((r) => {
      if (handicap) {
        return Math.max(
          bottom,
          Math.min(top, top - Math.round(maxRating - (r.officialRating ?? r.rating))),
        );
      }
      let base = jumps
        ? basePool === "bumper" ? 154 : basePool.includes("chase") ? 158 : 156
        : basePool === "2yo"
        ? 128
        : pattern
        ? 129
        : 131;
      if (r.racer.female && !draft.pool.includes(":")) base -= jumps ? 7 : 5;
      if (!jumps && r.age === 3 && basePool === "older") base -= 7;
      if (draft.regionCode !== "gb" && draft.regionCode !== "ire") base = 122 + rng.int(0, 10);
      return base;
    });
    const nameOf = (i: number) => (runners[i] as Candidate).racer.name;
    const order = runners.map((_, i) => i).sort((a, b) =>
      (weights[b] as number) - (weights[a] as number) ||
      (nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : a - b)
    );
    const draws = runners.map((_, i) => i + 1);
    for (let i = draws.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [draws[i], draws[j]] = [draws[j] as number, draws[i] as number];
    }
    const pool = this.#people.jockeyPool(draft.regionCode, draft.code);
    const taken = new Set<number>();
    const entries: Entry[] = [];
    order.forEach((i, position) => {
      const c = runners[i] as Candidate;
      const trainerSlot = this.#horses.trainerSlotOn(c.racer, day);
      // Often the yard's stable jockey, otherwise a rider weighted by how many rides they get.
      let jockeySlot = pool
        .slots[hashInts(this.#seed, TAG_STABLE_JOCKEY, trainerSlot) % pool.slots.length] as number;
      if (taken.has(jockeySlot) || rng.chance(0.55)) {
        for (let tries = 0; tries < 12 && (tries === 0 || taken.has(jockeySlot)); tries++) {
          jockeySlot = pool.pick(rng.next());
        }
        for (let k = 0; taken.has(jockeySlot) && k < pool.slots.length; k++) {
          jockeySlot = pool
            .slots[(rng.int(0, pool.slots.length - 1) + k) % pool.slots.length] as number;
        }
      }
      taken.add(jockeySlot);
      entries.push({
        racer: c.racer,
        slot: c.slot,
        cloth: position + 1,
        draw: jumps ? 0 : draws[i] as number,
        lbs: weights[i] as number,
        jockeySlot,
        nonRunner: c.nonRunner,
        officialRating: c.officialRating,
        rating: c.rating,
        previous: c.previous,
      });
    });
    return entries;
  }
}
