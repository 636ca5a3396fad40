/**
 * The horse population. Racehorses live in "stalls": each stall holds one horse at a time for a
 * career of a few years and sends it out every few weeks, so the runners of any day can be found
 * without building any other day. Sires and dams are horses too (stallions and broodmares, born
 * years earlier), with their own pedigrees, so every `sir_`/`dam_`/`dsi_` id is a `hrs_` id.
 * @module
 */

import { HORSE_FIRST_WORDS, HORSE_SECOND_WORDS, HORSE_SINGLE_NAMES } from "./name_lists.ts";
import type { People, RacingCode } from "./people.ts";
import {
  hashInts,
  hashPair,
  KeyedPermutation,
  SeededRandom,
  tagOf,
  unitOf,
} from "./seeded_random.ts";
import { dayOfYear, firstDayOfYear, partsOfDay } from "./uk_time.ts";

/** A stall: a place in training that sends out one horse after another. */
export interface Stall {
  index: number;
  code: RacingCode;
  /** Lower-case racing region of the stall ("gb", "ire", "fr", …). */
  regionCode: string;
  /** Days between one horse's arrival and the next's. */
  period: number;
  phase: number;
  /** Days between scheduled runs. */
  gap: number;
  residue: number;
  /** Index of the stall's (code, region) group in `HorsePopulation.supplyGroups`. */
  group: number;
}

/** Stalls of one code and region, with the outings they schedule per day on average. */
export interface SupplyGroup {
  code: RacingCode;
  regionCode: string;
  /** Expected scheduled outings per day. */
  supply: number;
}

/** Sex as the racecard spells it. */
export type SexName = "colt" | "filly" | "gelding" | "horse" | "mare";

/** A racehorse (one career in one stall). */
export interface Racer {
  kind: "racer";
  key: number;
  id: string;
  stall: Stall;
  generation: number;
  name: string;
  /** Country of breeding, upper-case ("GB", "IRE", "FR"). */
  bred: string;
  female: boolean;
  /** Day the horse is gelded, or null (Infinity-like for entires). */
  geldDay: number;
  dobDay: number;
  birthYear: number;
  careerStart: number;
  careerEnd: number;
  debutDay: number;
  ability: number;
  /** Preferred trip in furlongs. */
  trip: number;
  chaser: boolean;
  colour: string;
  sireKey: number;
  damKey: number;
  breeder: string;
  /** Days the horse changes yard, ascending, and the yard slot from each change. */
  trainerMoves: number[];
  trainerSlots: number[];
  ownerMoves: number[];
  ownerSlots: number[];
  headgear: string;
  headgearFrom: number;
  windSurgeryDay: number;
  proMissing: boolean;
}

/** A stallion or a broodmare (breeding stock, never racing in the simulation). */
export interface BreedingHorse {
  kind: "stallion" | "broodmare";
  key: number;
  id: string;
  name: string;
  bred: string;
  female: boolean;
  dobDay: number;
  birthYear: number;
  colour: string;
  sireKey: number | null;
  damKey: number | null;
  breeder: string;
  proMissing: boolean;
}

/** Any horse of the world. */
export type WorldHorse = Racer | BreedingHorse;

/** A scheduled outing of a stall: slot number and the day it falls on. */
export interface Outing {
  stall: Stall;
  slot: number;
  day: number;
}

const ORIGIN_DAY = 3652; // 1980-01-01
const GEN_SLOTS = 80;
const GEN_OFFSET = 2;
const FIRST_BREEDING_YEAR = 1900;
const BREEDING_YEARS = 200;
const STALLIONS_PER_YEAR = 16;
const MARES_PER_YEAR = 1024;
const JITTER = 3;
const NEW_STYLE_ID_BIRTH_YEAR = 2022;
const OLD_ID_BASE = 1_000_000;
const NEW_ID_BASE = 17_000_000_000;

/** Stall counts by code and region (GB and IRE carry the volume; foreign stalls are few). */
const STALL_PLAN: readonly [RacingCode, string, number][] = [
  ["flat", "gb", 8300],
  ["flat", "ire", 2800],
  ["jumps", "gb", 7600],
  ["jumps", "ire", 4000],
  ["flat", "fr", 700],
  ["flat", "usa", 380],
  ["flat", "aus", 320],
  ["flat", "ger", 260],
  ["flat", "hk", 200],
  ["flat", "jpn", 160],
  ["flat", "uae", 120],
];

const FLAT_GAPS = [14, 21, 28, 35, 42, 56];
const FLAT_GAP_WEIGHTS = [10, 25, 30, 15, 10, 10];
const JUMPS_GAPS = [21, 28, 35, 42, 56, 70];
const JUMPS_GAP_WEIGHTS = [10, 20, 25, 20, 15, 10];

const COLOURS = ["b", "ch", "br", "gr", "b/br", "bl", "gr/ro"];
const COLOUR_WEIGHTS = [45, 20, 12, 10, 8, 3, 2];
const BRED_FOR_REGION: Readonly<Record<string, readonly [string[], number[]]>> = {
  gb: [["GB", "IRE", "FR", "USA", "GER"], [50, 36, 9, 3, 2]],
  ire: [["IRE", "GB", "FR", "USA"], [72, 18, 8, 2]],
  fr: [["FR", "GB", "IRE", "GER"], [80, 8, 8, 4]],
  usa: [["USA", "CAN", "IRE", "GB"], [88, 4, 4, 4]],
  aus: [["AUS", "NZ", "IRE", "GB"], [70, 20, 6, 4]],
  ger: [["GER", "GB", "IRE", "FR"], [75, 10, 8, 7]],
  hk: [["AUS", "NZ", "IRE", "GB"], [40, 30, 15, 15]],
  jpn: [["JPN", "USA", "IRE"], [90, 6, 4]],
  uae: [["GB", "IRE", "USA", "FR"], [40, 30, 20, 10]],
};
const STUD_COUNTRIES = ["GB", "IRE", "USA", "FR", "GER", "JPN", "AUS"];
const STUD_COUNTRY_WEIGHTS = [30, 34, 18, 10, 4, 2, 2];

/** Colour code as the pro profile writes it ("b" → "B", "b/br" → "B/BR"). */
export function colourCode(colour: string): string {
  return colour.toUpperCase();
}

/** Racing age on a day: horses age on 1 January. */
export function ageOn(horse: { birthYear: number }, day: number): number {
  return partsOfDay(day).year - horse.birthYear;
}

/** Sex name of a horse on a day. */
export function sexOn(horse: WorldHorse, day: number): SexName {
  if (horse.kind !== "racer") return horse.kind === "stallion" ? "horse" : "mare";
  const age = ageOn(horse, day);
  if (horse.female) return age <= 4 ? "filly" : "mare";
  if (horse.geldDay <= day) return "gelding";
  return age <= 4 ? "colt" : "horse";
}

/** One-letter sex code from a sex name. */
export function sexCodeOf(sex: SexName): string {
  return sex === "colt"
    ? "C"
    : sex === "filly"
    ? "F"
    : sex === "gelding"
    ? "G"
    : sex === "horse"
    ? "H"
    : "M";
}

function horseName(rng: SeededRandom, style: "racer" | "stallion" | "broodmare"): string {
  const u = rng.next();
  const single = style === "stallion" ? 0.55 : 0.22;
  if (u < single) return rng.pick(HORSE_SINGLE_NAMES);
  if (u < 0.9) return `${rng.pick(HORSE_FIRST_WORDS)} ${rng.pick(HORSE_SECOND_WORDS)}`;
  if (u < 0.95) return `${rng.pick(HORSE_SECOND_WORDS)} Of ${rng.pick(HORSE_SINGLE_NAMES)}`;
  return `The ${rng.pick(HORSE_SECOND_WORDS)}`;
}

/** The horses of one seeded world. */
export class HorsePopulation {
  readonly stalls: readonly Stall[];
  readonly #seed: number;
  readonly #people: People;
  readonly #permutation: KeyedPermutation;
  readonly #stallionBase: number;
  readonly #mareBase: number;
  readonly #keyLimit: number;
  /** buckets[gap] = stall indices by residue. */
  readonly #buckets = new Map<number, number[][]>();
  readonly #racers = new Map<number, Racer>();
  readonly #breeding = new Map<number, BreedingHorse>();
  readonly #tagJitter: number;
  readonly #tagActive: number;
  readonly #tagNonRunner: number;
  /** Stall groups by code and region. */
  readonly supplyGroups: SupplyGroup[] = [];

  /** Lays out the stalls of a seed. */
  constructor(seed: number, people: People) {
    this.#seed = seed;
    this.#people = people;
    this.#permutation = new KeyedPermutation(22, hashInts(seed, tagOf("horse-ids")));
    this.#tagJitter = hashInts(seed, tagOf("jitter"));
    this.#tagActive = hashInts(seed, tagOf("active"));
    this.#tagNonRunner = hashInts(seed, tagOf("non-runner"));
    const rng = new SeededRandom(hashInts(seed, tagOf("stalls")));
    const stalls: Stall[] = [];
    for (const [code, regionCode, count] of STALL_PLAN) {
      const group: SupplyGroup = { code, regionCode, supply: 0 };
      this.supplyGroups.push(group);
      for (let i = 0; i < count; i++) {
        const flatLike = code === "flat";
        const gap = flatLike
          ? FLAT_GAPS[rng.weighted(FLAT_GAP_WEIGHTS)] as number
          : JUMPS_GAPS[rng.weighted(JUMPS_GAP_WEIGHTS)] as number;
        const period = flatLike ? rng.int(600, 1500) : rng.int(800, 2400);
        stalls.push({
          index: stalls.length,
          code,
          regionCode,
          period,
          phase: rng.int(0, period - 1),
          gap,
          residue: rng.int(0, gap - 1),
          group: this.supplyGroups.length - 1,
        });
        group.supply += 1 / gap;
      }
    }
    this.stalls = stalls;
    for (const stall of stalls) {
      let byResidue = this.#buckets.get(stall.gap);
      if (!byResidue) {
        byResidue = Array.from({ length: stall.gap }, () => []);
        this.#buckets.set(stall.gap, byResidue);
      }
      (byResidue[stall.residue] as number[]).push(stall.index);
    }
    this.#stallionBase = stalls.length * GEN_SLOTS;
    this.#mareBase = this.#stallionBase + BREEDING_YEARS * STALLIONS_PER_YEAR;
    this.#keyLimit = this.#mareBase + BREEDING_YEARS * MARES_PER_YEAR;
  }

  /** Day a stall's slot falls on (scheduled day plus a small jitter). */
  outingDay(stall: Stall, slot: number): number {
    const jitter = (hashPair(this.#tagJitter, stall.index, slot) % (2 * JITTER + 1)) - JITTER;
    return stall.residue + slot * stall.gap + jitter;
  }

  /** Uniform draw deciding whether a scheduled outing is taken up (compared with activity). */
  outingDraw(stall: Stall, slot: number): number {
    return unitOf(hashPair(this.#tagActive, stall.index, slot));
  }

  /** True when a declared runner is withdrawn (a non-runner) on that outing. */
  isNonRunner(stall: Stall, slot: number): boolean {
    return unitOf(hashPair(this.#tagNonRunner, stall.index, slot)) < 0.05;
  }

  /** Every stall outing whose day is `day` (before activity filtering). */
  outingsOn(day: number): Outing[] {
    const out: Outing[] = [];
    for (const [gap, byResidue] of this.#buckets) {
      for (let jitter = -JITTER; jitter <= JITTER; jitter++) {
        const scheduled = day - jitter;
        const residue = ((scheduled % gap) + gap) % gap;
        const slot = (scheduled - residue) / gap;
        for (const index of byResidue[residue] as number[]) {
          const stall = this.stalls[index] as Stall;
          if (this.outingDay(stall, slot) === day) out.push({ stall, slot, day });
        }
      }
    }
    return out;
  }

  /** Slot of a stall whose outing falls on `day`, if any. */
  slotOn(stall: Stall, day: number): number | null {
    for (let jitter = -JITTER; jitter <= JITTER; jitter++) {
      const scheduled = day - jitter;
      if ((((scheduled - stall.residue) % stall.gap) + stall.gap) % stall.gap !== 0) continue;
      const slot = (scheduled - stall.residue) / stall.gap;
      if (this.outingDay(stall, slot) === day) return slot;
    }
    return null;
  }

  /** The racehorse a stall holds on a day (whether or not it has debuted). */
  racerInStall(stall: Stall, day: number): Racer | null {
    const generation = Math.floor((day - ORIGIN_DAY - stall.phase) / stall.period);
    return this.racer(stall.index, generation);
  }

  /** The racehorse of a stall and generation, or null outside the key space. */
  racer(stallIndex: number, generation: number): Racer | null {
    const genSlot = generation + GEN_OFFSET;
    if (genSlot < 0 || genSlot >= GEN_SLOTS || stallIndex < 0 || stallIndex >= this.stalls.length) {
      return null;
    }
    const key = stallIndex * GEN_SLOTS + genSlot;
    const cached = this.#racers.get(key);
    if (cached) return cached;
    if (this.#racers.size > 200_000) this.#racers.clear();
    const racer = this.#buildRacer(this.stalls[stallIndex] as Stall, generation, key);
    this.#racers.set(key, racer);
    return racer;
  }

  /** Any horse by internal key. */
  horseByKey(key: number): WorldHorse | null {
    if (key < 0 || key >= this.#keyLimit) return null;
    if (key < this.#stallionBase) {
      return this.racer(Math.floor(key / GEN_SLOTS), (key % GEN_SLOTS) - GEN_OFFSET);
    }
    const cached = this.#breeding.get(key);
    if (cached) return cached;
    if (this.#breeding.size > 100_000) this.#breeding.clear();
    const horse = key < this.#mareBase
      ? this.#buildBreeding("stallion", key, key - this.#stallionBase, STALLIONS_PER_YEAR)
      : this.#buildBreeding("broodmare", key, key - this.#mareBase, MARES_PER_YEAR);
    this.#breeding.set(key, horse);
    return horse;
  }

  /** Decodes a `hrs_` id to its horse, or null when no horse has that id. */
  horseById(id: string): WorldHorse | null {
    const m = /^hrs_(\d{1,12})$/.exec(id);
    if (!m) return null;
    const n = Number(m[1]);
    let key: number;
    if (n >= NEW_ID_BASE && n < NEW_ID_BASE + this.#permutation.size) {
      key = this.#permutation.inverse(n - NEW_ID_BASE);
    } else if (n >= OLD_ID_BASE && n < OLD_ID_BASE + this.#permutation.size) {
      key = this.#permutation.inverse(n - OLD_ID_BASE);
    } else {
      return null;
    }
    const horse = this.horseByKey(key);
    return horse && horse.id === id ? horse : null;
  }

  /** A horse's name from its key alone (cheap: searches scan many names). */
  nameOfKey(key: number): string {
    const style = key < this.#stallionBase
      ? "racer"
      : key < this.#mareBase
      ? "stallion"
      : "broodmare";
    return horseName(new SeededRandom(hashInts(this.#seed, tagOf("horse-name"), key)), style);
  }

  /** Keys of racehorses whose careers overlap [from, to] and began by `to`. */
  racerKeysBetween(from: number, to: number): number[] {
    const out: number[] = [];
    for (const stall of this.stalls) {
      const first = Math.floor((from - ORIGIN_DAY - stall.phase) / stall.period);
      const last = Math.floor((to - ORIGIN_DAY - stall.phase) / stall.period);
      for (let g = first; g <= last; g++) {
        const genSlot = g + GEN_OFFSET;
        if (genSlot < 0 || genSlot >= GEN_SLOTS) continue;
        if (ORIGIN_DAY + stall.phase + g * stall.period > to) continue;
        out.push(stall.index * GEN_SLOTS + genSlot);
      }
    }
    return out;
  }

  /** Keys of stallions or broodmares born in [fromYear, toYear]. */
  breedingKeysBorn(kind: "stallion" | "broodmare", fromYear: number, toYear: number): number[] {
    const out: number[] = [];
    const perYear = kind === "stallion" ? STALLIONS_PER_YEAR : MARES_PER_YEAR;
    for (let year = fromYear; year <= toYear; year++) {
      for (let i = 0; i < perYear; i++) {
        const key = kind === "stallion" ? this.stallionKey(year, i) : this.mareKey(year, i);
        if (key !== null) out.push(key);
      }
    }
    return out;
  }

  /** Number of the id suffix for a key (old 7-digit style, or 11 digits for recent racers). */
  #idOf(key: number, birthYear: number, racer: boolean): string {
    const base = racer && birthYear >= NEW_STYLE_ID_BIRTH_YEAR ? NEW_ID_BASE : OLD_ID_BASE;
    return `hrs_${base + this.#permutation.forward(key)}`;
  }

  /** Key of a stallion born in a year, or null outside the modelled years. */
  stallionKey(year: number, index: number): number | null {
    const y = year - FIRST_BREEDING_YEAR;
    if (y < 0 || y >= BREEDING_YEARS) return null;
    return this.#stallionBase + y * STALLIONS_PER_YEAR + index;
  }

  /** Key of a broodmare born in a year, or null outside the modelled years. */
  mareKey(year: number, index: number): number | null {
    const y = year - FIRST_BREEDING_YEAR;
    if (y < 0 || y >= BREEDING_YEARS) return null;
    return this.#mareBase + y * MARES_PER_YEAR + index;
  }

  /** Previous outings a racer actually ran (declared and not withdrawn), most recent first. */
  previousRuns(
    racer: Racer,
    slot: number,
    limit: number,
    isTakenUp: (stall: Stall, slot: number, day: number) => boolean,
  ): Outing[] {
    const out: Outing[] = [];
    const stall = racer.stall;
    // Look back at most 48 outings: older runs do not show in last_run or form.
    for (let s = slot - 1; out.length < limit && s >= slot - 48; s--) {
      const day = this.outingDay(stall, s);
      if (day < racer.debutDay) break;
      if (isTakenUp(stall, s, day) && !this.isNonRunner(stall, s)) {
        out.push({ stall, slot: s, day });
      }
    }
    return out;
  }

  /** Yard slot of a racer on a day. */
  trainerSlotOn(racer: Racer, day: number): number {
    let slot = racer.trainerSlots[0] as number;
    for (let i = 0; i < racer.trainerMoves.length; i++) {
      if ((racer.trainerMoves[i] as number) <= day) slot = racer.trainerSlots[i + 1] as number;
    }
    return slot;
  }

  /** Ownership slot of a racer on a day. */
  ownerSlotOn(racer: Racer, day: number): number {
    let slot = racer.ownerSlots[0] as number;
    for (let i = 0; i < racer.ownerMoves.length; i++) {
      if ((racer.ownerMoves[i] as number) <= day) slot = racer.ownerSlots[i + 1] as number;
    }
    return slot;
  }

  #buildRacer(stall: Stall, generation: number, key: number): Racer {
    const rng = new SeededRandom(hashInts(this.#seed, tagOf("racer"), key));
    const careerStart = ORIGIN_DAY + stall.phase + generation * stall.period;
    const careerEnd = careerStart + stall.period - 1;
    const startYear = partsOfDay(careerStart).year;
    let birthYear: number;
    let debutDay: number;
    if (stall.code === "flat") {
      birthYear = startYear - (dayOfYear(careerStart) >= 80 ? 2 : 3);
      debutDay = Math.max(careerStart, firstDayOfYear(birthYear + 2) + 84);
    } else {
      birthYear = startYear - rng.int(3, 5);
      debutDay = Math.max(careerStart, firstDayOfYear(birthYear + 3) + 250);
    }
    const dobDay = firstDayOfYear(birthYear) +
      Math.min(150, 14 + Math.floor(rng.next() * rng.next() * 200));
    const female = stall.code === "flat" ? rng.chance(0.47) : rng.chance(0.14);
    let geldDay = Number.POSITIVE_INFINITY;
    if (!female) {
      if (stall.code === "jumps") geldDay = rng.chance(0.96) ? dobDay + 600 : geldDay;
      else if (rng.chance(0.45)) geldDay = rng.int(careerStart, careerEnd);
    }
    const abilityBase = stall.code === "jumps"
      ? 105
      : stall.regionCode === "gb" || stall.regionCode === "ire"
      ? 64
      : 82;
    const spread = stall.code === "jumps" ? 19 : 16;
    const ability = Math.max(
      25,
      Math.min(stall.code === "jumps" ? 172 : 124, abilityBase + rng.normal() * spread),
    );
    const trip = stall.code === "jumps"
      ? [
        16,
        17,
        19,
        20,
        21,
        24,
        25,
        28,
        30,
      ][rng.weighted([18, 10, 10, 14, 10, 14, 8, 8, 4])] as number
      : [5, 6, 7, 8, 9, 10, 12, 14, 16][rng.weighted([12, 16, 16, 18, 8, 12, 10, 5, 3])] as number;
    const [bredList, bredWeights] = BRED_FOR_REGION[stall.regionCode] ??
      BRED_FOR_REGION["gb"] as [string[], number[]];
    const bred = bredList[rng.weighted(bredWeights)] as string;
    const sireAge = 4 + Math.min(18, Math.floor(rng.next() * rng.next() * 20));
    const sireKey = this.stallionKey(
      birthYear - sireAge,
      Math.floor(rng.next() * rng.next() * STALLIONS_PER_YEAR),
    ) as number;
    const damKey = this.mareKey(
      birthYear - rng.int(4, 18),
      rng.int(0, MARES_PER_YEAR - 1),
    ) as number;
    const moves = (count: number) => {
      const days: number[] = [];
      for (let i = 0; i < count; i++) {
        days.push(rng.int(debutDay + 60, Math.max(debutDay + 61, careerEnd - 30)));
      }
      return days.sort((a, b) => a - b);
    };
    const trainerMoves = moves(rng.weighted([62, 28, 10]));
    const ownerMoves = moves(rng.weighted([70, 24, 6]));
    const trainerPool = this.#people.trainerPool(stall.regionCode);
    const ownerPool = this.#people.ownerPool(stall.regionCode);
    const trainerSlots = [0, ...trainerMoves].map(() => trainerPool.pick(rng.next()));
    const ownerSlots = [0, ...ownerMoves].map(() => ownerPool.pick(rng.next()));
    const headgearRoll = rng.next();
    const headgear = headgearRoll < 0.55
      ? ""
      : ["p", "t", "b", "v", "h", "tp", "tb", "hp", "ht", "tv", "cp"][rng.int(0, 10)] as string;
    const breeder = this.#people.breeders[rng.int(0, this.#people.breeders.length - 1)] as string;
    return {
      kind: "racer",
      key,
      id: this.#idOf(key, birthYear, true),
      stall,
      generation,
      name: this.nameOfKey(key),
      bred,
      female,
      geldDay,
      dobDay,
      birthYear,
      careerStart,
      careerEnd,
      debutDay,
      ability,
      trip,
      chaser: stall.code === "jumps" && rng.chance(0.45),
      colour: COLOURS[rng.weighted(COLOUR_WEIGHTS)] as string,
      sireKey,
      damKey,
      breeder,
      trainerMoves,
      trainerSlots,
      ownerMoves,
      ownerSlots,
      headgear,
      headgearFrom: rng.int(debutDay, careerEnd),
      windSurgeryDay: rng.chance(0.12) ? rng.int(debutDay, careerEnd) : Number.POSITIVE_INFINITY,
      proMissing: rng.chance(0.08),
    };
  }

  #buildBreeding(
    kind: "stallion" | "broodmare",
    key: number,
    offset: number,
    perYear: number,
  ): BreedingHorse {
    const rng = new SeededRandom(hashInts(this.#seed, tagOf(kind), key));
    const birthYear = FIRST_BREEDING_YEAR + Math.floor(offset / perYear);
    const dobDay = firstDayOfYear(birthYear) + rng.int(20, 140);
    const sireAge = 4 + Math.min(18, Math.floor(rng.next() * rng.next() * 20));
    const sireKey = this.stallionKey(
      birthYear - sireAge,
      Math.floor(rng.next() * rng.next() * STALLIONS_PER_YEAR),
    );
    const damKey = this.mareKey(birthYear - rng.int(4, 18), rng.int(0, MARES_PER_YEAR - 1));
    return {
      kind,
      key,
      id: this.#idOf(key, birthYear, false),
      name: this.nameOfKey(key),
      bred: STUD_COUNTRIES[rng.weighted(STUD_COUNTRY_WEIGHTS)] as string,
      female: kind === "broodmare",
      dobDay,
      birthYear,
      colour: COLOURS[rng.weighted(COLOUR_WEIGHTS)] as string,
      sireKey,
      damKey,
      breeder: this.#people.breeders[rng.int(0, this.#people.breeders.length - 1)] as string,
      // Old bloodstock often has only a basic profile.
      proMissing: birthYear < 1985 || rng.chance(0.08),
    };
  }
}
