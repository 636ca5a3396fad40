/**
 * Jockeys, trainers, owners and breeders of the simulated world. Each role has fixed "slots"
 * (a yard, a riding job, an ownership interest); a slot is held by one person for years, then
 * passes to a new person, so people persist across races and change slowly over decades.
 * @module
 */

import {
  FEMALE_FIRST_NAMES,
  FOREIGN_NAMES,
  MALE_FIRST_NAMES,
  OWNER_SUFFIXES,
  OWNER_WORDS,
  STUD_WORDS,
  SURNAMES,
  TRAINING_CENTRES,
} from "./name_lists.ts";
import { hashInts, KeyedPermutation, SeededRandom, tagOf } from "./seeded_random.ts";

/** Racing code of a person's work or a horse's career. */
export type RacingCode = "flat" | "jumps";

/** A person holding a slot during one tenure. */
export interface Person {
  /** Prefixed API id (`jky_`, `trn_`, `own_`). */
  id: string;
  /** Display name (jockeys without any claim). */
  name: string;
  /** Lower-case region code of the slot. */
  regionCode: string;
  /** First day of this person's tenure. */
  from: number;
  /** Last day of this person's tenure. */
  until: number;
}

/** A trainer, with the training centre shown as `trainer_location`. */
export interface Trainer extends Person {
  location: string;
}

/** A jockey; `claimStages` gives the allowance in lb by day (apprentices, conditionals). */
export interface Jockey extends Person {
  code: RacingCode;
  /** Allowance in lb on a given day ("0" for senior riders). */
  claimOn(day: number): number;
}

/** An owner, with the number of their silks image. */
export interface Owner extends Person {
  silk: number;
}

/** Slots of one pool with cumulative weights, for O(log n) weighted picks. */
export class WeightedPool {
  readonly slots: readonly number[];
  readonly #cumulative: Float64Array;

  /** Builds the pool from slots and their weights. */
  constructor(slots: readonly number[], weightOf: (slot: number) => number) {
    this.slots = slots;
    this.#cumulative = new Float64Array(slots.length);
    let total = 0;
    slots.forEach((slot, i) => {
      total += weightOf(slot);
      this.#cumulative[i] = total;
    });
  }

  /** The slot at a uniform draw u in [0, 1). */
  pick(u: number): number {
    const target = u * (this.#cumulative[this.#cumulative.length - 1] ?? 0);
    let lo = 0;
    let hi = this.#cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.#cumulative[mid] as number) <= target) lo = mid + 1;
      else hi = mid;
    }
    return this.slots[lo] as number;
  }
}

interface SlotPlan {
  role: number;
  regionCode: string;
  code: RacingCode;
  weight: number;
  kind: number;
  period: number;
  phase: number;
}

const GENERATIONS = 32;
const ORIGIN_DAY = 3652; // 1980-01-01

const JOCKEY_KIND_SENIOR = 0;
const JOCKEY_KIND_CLAIMER = 1;
const JOCKEY_KIND_AMATEUR = 2;

/** How many slots each role has per region (and code for jockeys). */
const TRAINER_SLOTS: Readonly<Record<string, number>> = {
  gb: 560,
  ire: 260,
  fr: 60,
  usa: 50,
  aus: 40,
  ger: 30,
  hk: 20,
  jpn: 30,
  uae: 15,
};
const JOCKEY_SLOTS: Readonly<Record<string, [number, number]>> = {
  gb: [190, 170],
  ire: [85, 95],
  fr: [35, 0],
  usa: [30, 0],
  aus: [30, 0],
  ger: [20, 0],
  hk: [20, 0],
  jpn: [25, 0],
  uae: [15, 0],
};
const OWNER_SLOTS: Readonly<Record<string, number>> = {
  gb: 4200,
  ire: 2000,
  fr: 300,
  usa: 250,
  aus: 200,
  ger: 150,
  hk: 150,
  jpn: 150,
  uae: 60,
};

const BREEDER_COUNT = 700;

function pickName(rng: SeededRandom, regionCode: string, female: boolean): [string, string] {
  const foreign = FOREIGN_NAMES[regionCode];
  if (foreign) return [rng.pick(foreign.first), rng.pick(foreign.last)];
  return [rng.pick(female ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES), rng.pick(SURNAMES)];
}

/** The people of the world, resolved by slot and day. */
export class People {
  readonly #seed: number;
  readonly #trainerSlots: SlotPlan[] = [];
  readonly #jockeySlots: SlotPlan[] = [];
  readonly #ownerSlots: SlotPlan[] = [];
  readonly #trainerPerm: KeyedPermutation;
  readonly #jockeyPerm: KeyedPermutation;
  readonly #ownerPerm: KeyedPermutation;
  readonly #trainerIndex = new Map<string, number[]>();
  readonly #jockeyIndex = new Map<string, number[]>();
  readonly #ownerIndex = new Map<string, number[]>();
  readonly #cache = new Map<number, Person>();
  readonly #pools = new Map<string, WeightedPool>();
  readonly breeders: readonly string[];

  /** Lays out every slot for a seed (cheap: no names are built until asked). */
  constructor(seed: number) {
    this.#seed = seed;
    this.#trainerPerm = new KeyedPermutation(16, hashInts(seed, tagOf("trainer-ids")));
    this.#jockeyPerm = new KeyedPermutation(16, hashInts(seed, tagOf("jockey-ids")));
    this.#ownerPerm = new KeyedPermutation(18, hashInts(seed, tagOf("owner-ids")));
    const rng = new SeededRandom(hashInts(seed, tagOf("people-layout")));
    for (const [regionCode, count] of Object.entries(TRAINER_SLOTS)) {
      const slots: number[] = [];
      for (let i = 0; i < count; i++) {
        slots.push(this.#trainerSlots.length);
        this.#trainerSlots.push({
          role: 0,
          regionCode,
          code: "flat",
          // A few big yards, many small ones.
          weight: 1 / Math.pow(i + 3, 0.9),
          kind: 0,
          period: rng.int(15 * 365, 35 * 365),
          phase: rng.int(0, 35 * 365),
        });
      }
      this.#trainerIndex.set(regionCode, slots);
    }
    for (const [regionCode, [flat, jumps]] of Object.entries(JOCKEY_SLOTS)) {
      for (const [code, count] of [["flat", flat], ["jumps", jumps]] as const) {
        const slots: number[] = [];
        for (let i = 0; i < count; i++) {
          const kind = i < count * 0.55
            ? JOCKEY_KIND_SENIOR
            : i < count * 0.9 || code === "flat"
            ? JOCKEY_KIND_CLAIMER
            : JOCKEY_KIND_AMATEUR;
          slots.push(this.#jockeySlots.length);
          this.#jockeySlots.push({
            role: 1,
            regionCode,
            code,
            weight: kind === JOCKEY_KIND_SENIOR ? 1 / Math.pow(i + 2, 0.7) : 0.02,
            kind,
            period: kind === JOCKEY_KIND_CLAIMER
              ? rng.int(3 * 365, 5 * 365)
              : rng.int(8 * 365, 18 * 365),
            phase: rng.int(0, 18 * 365),
          });
        }
        this.#jockeyIndex.set(`${regionCode}:${code}`, slots);
      }
    }
    for (const [regionCode, count] of Object.entries(OWNER_SLOTS)) {
      const slots: number[] = [];
      for (let i = 0; i < count; i++) {
        slots.push(this.#ownerSlots.length);
        this.#ownerSlots.push({
          role: 2,
          regionCode,
          code: "flat",
          weight: 1 / Math.pow(i + 5, 0.8),
          kind: 0,
          period: rng.int(8 * 365, 25 * 365),
          phase: rng.int(0, 25 * 365),
        });
      }
      this.#ownerIndex.set(regionCode, slots);
    }
    const studRng = new SeededRandom(hashInts(seed, tagOf("breeders")));
    this.breeders = Array.from({ length: BREEDER_COUNT }, () => {
      const style = studRng.next();
      if (style < 0.45) return `${studRng.pick(STUD_WORDS)} Stud`;
      const [first, last] = pickName(studRng, "gb", studRng.chance(0.3));
      if (style < 0.75) return `${first} ${last}`;
      if (style < 0.9) return `${first[0]} & ${studRng.pick(MALE_FIRST_NAMES)[0]} ${last}`;
      return `${studRng.pick(STUD_WORDS)} Farm Ltd`;
    });
  }

  /** Yard slots of a region, weighted by yard size (unknown regions use GB's). */
  trainerPool(regionCode: string): WeightedPool {
    return this.#pool(
      "trainer",
      regionCode,
      this.#trainerIndex.get(regionCode) ?? this.#trainerIndex.get("gb"),
      this.#trainerSlots,
    );
  }

  /** Ownership slots of a region, weighted by size. */
  ownerPool(regionCode: string): WeightedPool {
    return this.#pool(
      "owner",
      regionCode,
      this.#ownerIndex.get(regionCode) ?? this.#ownerIndex.get("gb"),
      this.#ownerSlots,
    );
  }

  /** Riding slots for a region and code (foreign regions ride flat only), weighted by rides. */
  jockeyPool(regionCode: string, code: RacingCode): WeightedPool {
    const slots = this.#jockeyIndex.get(`${regionCode}:${code}`) ??
      this.#jockeyIndex.get(`${regionCode}:flat`);
    return this.#pool(`jockey:${code}`, regionCode, slots, this.#jockeySlots);
  }

  /** Relative size of a trainer slot's yard. */
  trainerWeight(slot: number): number {
    return (this.#trainerSlots[slot] as SlotPlan).weight;
  }

  #pool(
    role: string,
    regionCode: string,
    slots: number[] | undefined,
    plans: SlotPlan[],
  ): WeightedPool {
    const key = `${role}:${regionCode}`;
    let pool = this.#pools.get(key);
    if (!pool) {
      pool = new WeightedPool(slots ?? [], (slot) => (plans[slot] as SlotPlan).weight);
      this.#pools.set(key, pool);
    }
    return pool;
  }

  /** The trainer holding a yard slot on a day. */
  trainerAt(slot: number, day: number): Trainer {
    return this.#resolve(this.#trainerSlots, slot, day) as Trainer;
  }

  /** The jockey holding a riding slot on a day. */
  jockeyAt(slot: number, day: number): Jockey {
    return this.#resolve(this.#jockeySlots, slot, day) as Jockey;
  }

  /** The owner holding an ownership slot on a day. */
  ownerAt(slot: number, day: number): Owner {
    return this.#resolve(this.#ownerSlots, slot, day) as Owner;
  }

  /** The day a slot next changes hands after `day`. */
  slotChangeAfter(role: "trainer" | "owner", slot: number, day: number): number {
    const plan = (role === "trainer" ? this.#trainerSlots : this.#ownerSlots)[slot] as SlotPlan;
    const generation = Math.floor((day - ORIGIN_DAY - plan.phase) / plan.period);
    return ORIGIN_DAY + plan.phase + (generation + 1) * plan.period;
  }

  /** Every person of a role active at some point in [from, to], for name searches. */
  peopleBetween(role: "jockey" | "trainer" | "owner", from: number, to: number): Person[] {
    const plans = role === "jockey"
      ? this.#jockeySlots
      : role === "trainer"
      ? this.#trainerSlots
      : this.#ownerSlots;
    const out: Person[] = [];
    for (let slot = 0; slot < plans.length; slot++) {
      let day = from;
      while (day <= to) {
        const person = this.#resolve(plans, slot, day);
        out.push(person);
        day = person.until + 1;
      }
    }
    return out;
  }

  #resolve(plans: SlotPlan[], slot: number, day: number): Person {
    const plan = plans[slot] as SlotPlan;
    const generation = Math.floor((day - ORIGIN_DAY - plan.phase) / plan.period);
    const genSlot = ((generation % GENERATIONS) + GENERATIONS) % GENERATIONS;
    const key = slot * GENERATIONS + genSlot;
    const cacheKey = (plan.role * 100_000 + slot) * 512 + generation + 256;
    const cached = this.#cache.get(cacheKey);
    if (cached) return cached;
    if (this.#cache.size > 50_000) this.#cache.clear();
    const from = ORIGIN_DAY + plan.phase + generation * plan.period;
    const until = from + plan.period - 1;
    const rng = new SeededRandom(hashInts(this.#seed, tagOf("person"), plan.role, key, generation));
    let person: Person;
    if (plan.role === 0) {
      person = this.#makeTrainer(rng, plan, key, from, until);
    } else if (plan.role === 1) {
      person = this.#makeJockey(rng, plan, key, from, until);
    } else {
      person = this.#makeOwner(rng, plan, key, from, until);
    }
    this.#cache.set(cacheKey, person);
    return person;
  }

  #makeTrainer(
    rng: SeededRandom,
    plan: SlotPlan,
    key: number,
    from: number,
    until: number,
  ): Trainer {
    const [first, last] = pickName(rng, plan.regionCode, rng.chance(0.22));
    const style = rng.next();
    let name: string;
    if (style < 0.62) name = `${first} ${last}`;
    else if (style < 0.84) {
      name = `${first[0]} ${rng.chance(0.4) ? `${rng.pick(MALE_FIRST_NAMES)[0]} ` : ""}${last}`;
    } else if (style < 0.92) {
      const [partnerFirst, partnerLast] = pickName(rng, plan.regionCode, rng.chance(0.3));
      name = `${first} ${last} & ${partnerFirst} ${rng.chance(0.5) ? last : partnerLast}`;
    } else if (style < 0.96) name = `Dr ${first} ${last}`;
    else name = `${rng.chance(0.5) ? "Mrs" : "Mr"} ${first[0]} ${last}`;
    const centres = TRAINING_CENTRES[plan.regionCode] ??
      TRAINING_CENTRES["gb"] as readonly string[];
    return {
      id: `trn_${1000 + this.#trainerPerm.forward(key)}`,
      name,
      regionCode: plan.regionCode,
      from,
      until,
      location: rng.pick(centres),
    };
  }

  #makeJockey(rng: SeededRandom, plan: SlotPlan, key: number, from: number, until: number): Jockey {
    const female = rng.chance(plan.kind === JOCKEY_KIND_SENIOR ? 0.12 : 0.3);
    const [first, last] = pickName(rng, plan.regionCode, female);
    const prefix = plan.kind === JOCKEY_KIND_AMATEUR ? (female ? "Miss " : "Mr ") : "";
    const kind = plan.kind;
    const span = until - from + 1;
    return {
      id: `jky_${100000 + this.#jockeyPerm.forward(key)}`,
      name: `${prefix}${first} ${last}`,
      regionCode: plan.regionCode,
      from,
      until,
      code: plan.code,
      claimOn(day: number): number {
        if (kind === JOCKEY_KIND_AMATEUR) return 7;
        if (kind !== JOCKEY_KIND_CLAIMER) return 0;
        const share = (day - from) / span;
        return share < 0.35 ? 7 : share < 0.7 ? 5 : 3;
      },
    };
  }

  #makeOwner(rng: SeededRandom, plan: SlotPlan, key: number, from: number, until: number): Owner {
    const style = rng.next();
    let name: string;
    if (style < 0.3) {
      const [first, last] = pickName(rng, plan.regionCode, rng.chance(0.35));
      name = `${first} ${last}`;
    } else if (style < 0.6) {
      const female = rng.chance(0.3);
      const [first, last] = pickName(rng, plan.regionCode, female);
      name = `${female ? "Mrs" : "Mr"} ${first[0]} ${
        rng.chance(0.3) ? `${rng.pick(MALE_FIRST_NAMES)[0]} ` : ""
      }${last}`;
    } else if (style < 0.85) {
      name = `${rng.chance(0.4) ? "The " : ""}${rng.pick(OWNER_WORDS)} ${rng.pick(OWNER_SUFFIXES)}`;
    } else {
      const [, last] = pickName(rng, plan.regionCode, false);
      const [, other] = pickName(rng, plan.regionCode, false);
      name = `${last} & ${other}`;
    }
    return {
      id: `own_${10000 + this.#ownerPerm.forward(key)}`,
      name,
      regionCode: plan.regionCode,
      from,
      until,
      silk: 10000 + (hashInts(this.#seed, tagOf("silk"), key) % 390000),
    };
  }
}
