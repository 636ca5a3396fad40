/**
 * Race ids: a stable, reversible function of the seed, the race date and the race's index in
 * that day's programme. Ids have 8 digits before 2026 and 11 digits from 2026, as the API's do.
 * @module
 */

import { hashInts, KeyedPermutation, tagOf } from "./seeded_random.ts";

/** First day the id space covers: 1988-01-01 (where historical results begin). */
export const FIRST_RACE_DAY = 6574;
/** Most races one day can hold. */
export const RACES_PER_DAY = 128;
const OLD_BASE = 10_000_000;
const NEW_BASE = 32_300_000_000;
const NEW_STYLE_FROM_DAY = 20454; // 2026-01-01

/** Encodes and decodes race ids for one seed. */
export class RaceIds {
  readonly #permutation: KeyedPermutation;

  /** Builds the id scheme of a seed. */
  constructor(seed: number) {
    this.#permutation = new KeyedPermutation(24, hashInts(seed, tagOf("race-ids")));
  }

  /** The `rac_` id of the race at `index` on `day`. */
  idOf(day: number, index: number): string {
    const key = (day - FIRST_RACE_DAY) * RACES_PER_DAY + index;
    const base = day >= NEW_STYLE_FROM_DAY ? NEW_BASE : OLD_BASE;
    return `rac_${base + this.#permutation.forward(key)}`;
  }

  /** Day and index of a race id, or null when the id cannot be one of ours. */
  decode(id: string): { day: number; index: number } | null {
    const m = /^rac_(\d{1,12})$/.exec(id);
    if (!m) return null;
    const n = Number(m[1]);
    let value: number;
    if (n >= NEW_BASE && n < NEW_BASE + this.#permutation.size) value = n - NEW_BASE;
    else if (n >= OLD_BASE && n < OLD_BASE + this.#permutation.size) value = n - OLD_BASE;
    else return null;
    const key = this.#permutation.inverse(value);
    const day = FIRST_RACE_DAY + Math.floor(key / RACES_PER_DAY);
    const index = key % RACES_PER_DAY;
    return this.idOf(day, index) === id ? { day, index } : null;
  }
}
