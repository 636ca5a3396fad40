/**
 * The simulated world of one seed: courses, people, horses and racing days, generated lazily per
 * date (a bounded number of days is cached), plus the rendered views the endpoints serve and the
 * ground truth tests compare against.
 * @module
 */

import { buildCourses, type Course } from "./courses.ts";
import { HorsePopulation, type WorldHorse } from "./horses.ts";
import { type HorseProfile, horseProfileOf, suffixedName } from "./horse_payload.ts";
import { buildOddsMarket, type OddsMarket } from "./odds_market.ts";
import { cardOddsAt, oddsTruthOf, runnerOddsJson } from "./odds_payload.ts";
import type {
  GroundTruth,
  OddsTruth,
  RacecardOddsProJson,
  RaceRunnerOddsJson,
  ResultStandardJson,
} from "./payload_types.ts";
import { People } from "./people.ts";
import { type CardContext, cardStage, racecardJson } from "./racecard_payload.ts";
import { RaceDayBuilder } from "./race_day.ts";
import { RaceIds } from "./race_ids.ts";
import type { Race, RaceDay } from "./race_model.ts";
import { resultJson } from "./result_payload.ts";
import {
  amendedResult,
  amendmentOf,
  raceDayResult,
  type ResultAmendment,
} from "./result_amendments.ts";
import { dayNumber, partsOfDay, ukDateOf } from "./uk_time.ts";

/** First date the pro racecards endpoint serves. */
export const FIRST_RACECARD_DATE = "2023-01-23";
/** Days ahead the pro racecards endpoint serves. */
export const RACECARD_DAYS_AHEAD = 7;

/** A tiny least-recently-used map. */
class Lru<K, V> {
  readonly #map = new Map<K, V>();
  readonly #limit: number;

  constructor(limit: number) {
    this.#limit = limit;
  }

  get(key: K): V | undefined {
    const value = this.#map.get(key);
    if (value !== undefined) {
      this.#map.delete(key);
      this.#map.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.#map.delete(key);
    this.#map.set(key, value);
    if (this.#map.size > this.#limit) this.#map.delete(this.#map.keys().next().value as K);
  }
}

/** A race's result as served on its day and from the next day, and what changed between them. */
interface ServedResults {
  readonly amendment: ResultAmendment;
  readonly raceDay: ResultStandardJson;
  readonly amended: ResultStandardJson;
}

/** A name-search hit. */
export interface NamedId {
  id: string;
  name: string;
}

/** The UK day number of an instant. */
export function ukDayOf(nowMs: number): number {
  return dayNumber(ukDateOf(nowMs));
}

/** True for GB and IRE races (the product's regions). */
export function isHomeRace(race: Race): boolean {
  return race.course.regionCode === "gb" || race.course.regionCode === "ire";
}

/** True when a race has a result at an instant. */
export function hasResult(race: Race, nowMs: number): boolean {
  return !race.abandoned && race.offUtcMs <= nowMs;
}

/** One seeded world. */
export class World {
  readonly seed: number;
  readonly courses: readonly Course[];
  readonly people: People;
  readonly horses: HorsePopulation;
  readonly #ids: RaceIds;
  readonly #builder: RaceDayBuilder;
  readonly #days = new Lru<number, RaceDay>(800);
  // Each result as rendered (its figures and placings final), its late corrections, and the
  // versions served on the race day and from the next day.
  readonly #results = new Lru<string, ServedResults>(3000);
  // Cards are cached without prices; prices are laid over from the race's market per request.
  readonly #cards = new Lru<string, RacecardOddsProJson>(600);
  readonly #markets = new Lru<string, OddsMarket>(400);
  readonly #searches = new Map<string, NamedId[]>();
  readonly #context: CardContext;

  /** Lays out the world of a seed (days are built on demand). */
  constructor(seed: number) {
    this.seed = seed;
    this.people = new People(seed);
    this.courses = buildCourses(seed);
    this.horses = new HorsePopulation(seed, this.people);
    this.#ids = new RaceIds(seed);
    this.#builder = new RaceDayBuilder(seed, this.horses, this.people, this.courses, this.#ids);
    this.#context = { seed, horses: this.horses, people: this.people };
  }

  /** The programme of a date (`YYYY-MM-DD` or a day number), every region. */
  raceDay(date: string | number): RaceDay {
    const day = typeof date === "number" ? date : dayNumber(date);
    const cached = this.#days.get(day);
    if (cached) return cached;
    const built = this.#builder.build(day);
    this.#days.set(day, built);
    return built;
  }

  /** A race by id, or null. */
  race(raceId: string): Race | null {
    const decoded = this.#ids.decode(raceId);
    if (!decoded) return null;
    return this.raceDay(decoded.day).races[decoded.index] ?? null;
  }

  /** A horse by `hrs_` id, or null (also null for horses not yet foaled on `today`). */
  horse(horseId: string, today?: number): WorldHorse | null {
    const horse = this.horses.horseById(horseId);
    if (!horse || (today !== undefined && horse.dobDay > today)) return null;
    return horse;
  }

  /** Profile truth of a horse (pedigree, dob, sex, colour, breeder, pro 404), for tests. */
  horseProfile(horseId: string, today?: number): HorseProfile | undefined {
    const horse = this.horse(horseId, today);
    if (!horse) return undefined;
    return horseProfileOf(this.horses, horse, today ?? horse.dobDay + 3 * 365);
  }

  /**
   * The pro racecard of a race as served at an instant (`today` is its UK day, passed when the
   * caller has it), or null when not served. Prices are those standing at min(now, off).
   */
  racecard(race: Race, nowMs: number, today: number = ukDayOf(nowMs)): RacecardOddsProJson | null {
    const stage = cardStage(race, today);
    if (!stage) return null;
    const key = `${race.id}:${stage}`;
    let card = this.#cards.get(key);
    if (!card) {
      card = racecardJson(this.#context, race, stage);
      this.#cards.set(key, card);
    }
    if (stage === "entries" || !isHomeRace(race)) return card;
    const market = this.oddsMarket(race);
    if (nowMs < market.openMs) return card;
    return {
      ...card,
      runners: card.runners.map((runner, i) => ({ ...runner, odds: cardOddsAt(market, i, nowMs) })),
    };
  }

  /** The moving betting market of a race (every change from the opening to the off). */
  oddsMarket(race: Race): OddsMarket {
    const cached = this.#markets.get(race.id);
    if (cached) return cached;
    const market = buildOddsMarket(this.seed, race);
    this.#markets.set(race.id, market);
    return market;
  }

  /** `/v1/odds/{race_id}/{horse_id}` of a runner at an instant, or null when not in the race. */
  runnerOdds(race: Race, horseId: string, nowMs: number): RaceRunnerOddsJson | null {
    const index = race.entries.findIndex((e) => e.racer.id === horseId);
    if (index < 0) return null;
    return runnerOddsJson(race, this.oddsMarket(race), index, nowMs);
  }

  /** Every price change of a race's market up to the off, for tests; null for an unknown race. */
  oddsTruth(raceId: string): OddsTruth | null {
    const race = this.race(raceId);
    return race ? oddsTruthOf(race, this.oddsMarket(race)) : null;
  }

  /**
   * The result of a race at an instant, or null before the off or when abandoned: on the race
   * day (UK) as first published, from the next day with its late corrections.
   */
  result(race: Race, nowMs: number): ResultStandardJson | null {
    if (!hasResult(race, nowMs)) return null;
    const served = this.#servedResults(race);
    return ukDayOf(nowMs) > race.day ? served.amended : served.raceDay;
  }

  /** The late corrections of a race's result (none for foreign races), for tests. */
  resultAmendment(race: Race): ResultAmendment {
    return this.#servedResults(race).amendment;
  }

  #servedResults(race: Race): ServedResults {
    const cached = this.#results.get(race.id);
    if (cached) return cached;
    const rendered = resultJson(this.#context, race);
    const amendment = amendmentOf(race, rendered);
    const served = {
      amendment,
      raceDay: raceDayResult(rendered, amendment),
      amended: amendedResult(rendered, amendment),
    };
    this.#results.set(race.id, served);
    return served;
  }

  /** Every GB/IRE result and racecard the API would serve for a date range at an instant. */
  groundTruth(startDate: string, endDate: string, nowMs: number): GroundTruth {
    const today = ukDayOf(nowMs);
    const races: ResultStandardJson[] = [];
    const racecards: RacecardOddsProJson[] = [];
    const firstCard = dayNumber(FIRST_RACECARD_DATE);
    for (let day = dayNumber(startDate); day <= dayNumber(endDate); day++) {
      for (const race of this.raceDay(day).races) {
        if (!isHomeRace(race)) continue;
        const result = this.result(race, nowMs);
        if (result) races.push(result);
        if (day >= firstCard) {
          const card = this.racecard(race, nowMs, today);
          if (card) racecards.push(card);
        }
      }
    }
    return { races, racecards };
  }

  /** Name search over a role, as of `today` (case-insensitive substring, sorted, at most 50). */
  search(
    role: "horse" | "jockey" | "trainer" | "owner" | "sire" | "dam" | "damsire",
    text: string,
    today: number,
  ): NamedId[] | WorldHorse[] {
    const needle = text.toLowerCase();
    const index = this.#searchIndex(role, today);
    const hits: NamedId[] = [];
    for (const item of index) {
      if (item.name.toLowerCase().includes(needle)) {
        hits.push(item);
        if (hits.length >= 50) break;
      }
    }
    if (role === "horse") {
      return hits.map((h) => this.horses.horseByKey(Number(h.id)) as WorldHorse);
    }
    if (role === "sire" || role === "dam" || role === "damsire") {
      const prefix = role === "sire" ? "sir_" : role === "dam" ? "dam_" : "dsi_";
      return hits.map((h) => {
        const horse = this.horses.horseByKey(Number(h.id)) as WorldHorse;
        return { id: `${prefix}${horse.id.slice(4)}`, name: suffixedName(horse) };
      });
    }
    return hits;
  }

  #searchIndex(role: string, today: number): NamedId[] {
    const key = `${role}:${today}`;
    const cached = this.#searches.get(key);
    if (cached) return cached;
    if (this.#searches.size > 14) this.#searches.clear();
    const year = partsOfDay(today).year;
    let items: NamedId[];
    if (role === "horse") {
      const keys = [
        ...this.horses.racerKeysBetween(today - 3 * 365, today),
        ...this.horses.breedingKeysBorn("stallion", year - 28, year - 3),
        ...this.horses.breedingKeysBorn("broodmare", year - 22, year - 3),
      ];
      items = keys.map((k) => ({ id: String(k), name: this.horses.nameOfKey(k) }));
    } else if (role === "sire" || role === "damsire") {
      items = this.horses.breedingKeysBorn("stallion", year - 35, year - 3)
        .map((k) => ({ id: String(k), name: this.horses.nameOfKey(k) }));
    } else if (role === "dam") {
      items = this.horses.breedingKeysBorn("broodmare", year - 25, year - 3)
        .map((k) => ({ id: String(k), name: this.horses.nameOfKey(k) }));
    } else {
      const seen = new Set<string>();
      items = [];
      for (
        const p of this.people.peopleBetween(
          role as "jockey" | "trainer" | "owner",
          today - 3 * 365,
          today,
        )
      ) {
        if (seen.has(p.id)) continue;
        seen.add(p.id);
        items.push({ id: p.id, name: p.name });
      }
    }
    items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
    this.#searches.set(key, items);
    return items;
  }
}
