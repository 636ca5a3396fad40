/**
 * The internal model of a racing day: races and their declared runners, before they are
 * rendered into API payloads.
 * @module
 */

import type { Course } from "./courses.ts";
import type { Outing, Racer } from "./horses.ts";
import type { RacingCode } from "./people.ts";

/** Race type as the API writes it. */
export type RaceType = "Flat" | "Hurdle" | "Chase" | "NH Flat";

/** A declared runner. */
export interface Entry {
  racer: Racer;
  /** The stall outing this run belongs to. */
  slot: number;
  /** Saddle-cloth number. */
  cloth: number;
  /** Stall draw (flat only; 0 over jumps). */
  draw: number;
  lbs: number;
  jockeySlot: number;
  /** Withdrawn after declaration. */
  nonRunner: boolean;
  /** Official rating, or null while unrated. */
  officialRating: number | null;
  /** True ability on the day (drives the result). */
  rating: number;
  /** Up to six previous runs, most recent first. */
  previous: Outing[];
}

/** A race with its declared runners. */
export interface Race {
  /** Index in the day's programme (ordered by off time). */
  index: number;
  id: string;
  day: number;
  date: string;
  course: Course;
  offMinutes: number;
  offUtcMs: number;
  code: RacingCode;
  type: RaceType;
  raceClass: string;
  pattern: string;
  bigRace: boolean;
  handicap: boolean;
  ageBand: string;
  ratingBand: string;
  sexRest: string;
  yards: number;
  surface: "Turf" | "AW";
  going: string;
  /** Winner's prize in the race currency. */
  prize: number;
  name: string;
  abandoned: boolean;
  /** Obstacles ("8 hurdles", "12 fences") or "". */
  jumps: string;
  entries: Entry[];
  /** Seed of every random choice about this race after declaration. */
  seedHash: number;
}

/** One day's programme, every region. */
export interface RaceDay {
  day: number;
  date: string;
  races: Race[];
}
