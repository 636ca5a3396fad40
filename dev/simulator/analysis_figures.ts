/**
 * The figures of the vendor's analysis endpoints over a group of runs, computed from the results
 * the simulator serves: runs, 1st to 4th, A/E against the SP market, win % as a fraction and the
 * level-stakes P/L at SP with the bookmakers' dead-heat rule (docs/statistics.md).
 * @module
 */

import type { RunnerStandardJson } from "./payload_types.ts";

/** The figures of one row (or of a whole entity), named as the spec's analysis items. */
export interface AnalysisFigures {
  runs: number;
  "1st": number;
  "2nd": number;
  "3rd": number;
  "4th": number;
  "a/e": number;
  "win_%": number;
  "1_pl": number;
}

// P/L is summed exactly in 1/6000 units: an SP in hundredths times 60 divides by any number of
// dead-heaters from 1 to 6, so a split stake needs no floating point.
const PL_SCALE = 6000;
const SPLIT_BASE = 60;

/** Rounds to 2 decimals, halves away from zero (as Postgres rounds `numeric`). */
export function roundHalfAway(value: number): number {
  // The nudge keeps a decimal that sits exactly on a half (1.125) from rounding down because its
  // binary double lies a hair below.
  const hundredths = Math.floor(Math.abs(value) * 100 + 0.5 + 1e-9);
  return (Math.sign(value) || 1) * hundredths / 100 + 0;
}

/** The finishing place of a result position ("1", "1=" for a dead heat), or null for a code. */
export function placeOf(position: string): number | null {
  const m = /^(\d+)=?$/.exec(position.trim());
  return m ? Number(m[1]) : null;
}

/** True when a runner of a resulted race is a run: anything but a non-runner (`NR`, `VOI`). */
export function isRun(runner: RunnerStandardJson): boolean {
  const code = runner.position.trim().toUpperCase();
  return code !== "" && code !== "NR" && code !== "VOI";
}

/** The SP in hundredths, or null when the runner has none (a value of 1 or less is no price). */
export function spHundredths(runner: RunnerStandardJson): number | null {
  const decimal = Number(runner.sp_dec);
  if (runner.sp_dec.trim() === "" || !Number.isFinite(decimal) || decimal <= 1) return null;
  return Math.round(decimal * 100);
}

/** Running totals of a group of runs. */
export class RunTally {
  runs = 0;
  readonly places = [0, 0, 0, 0];
  #spWins = 0;
  #expected = 0;
  #spRuns = 0;
  #profit = 0;

  /**
   * Counts one run.
   * @param runner the run (a runner that `isRun`)
   * @param winners the runners placed first in its race (more than 1 in a dead heat)
   */
  add(runner: RunnerStandardJson, winners: number): void {
    this.runs++;
    const place = placeOf(runner.position);
    if (place !== null && place >= 1 && place <= 4) {
      this.places[place - 1] = (this.places[place - 1] as number) + 1;
    }
    const sp = spHundredths(runner);
    if (sp === null) return;
    this.#spRuns++;
    this.#expected += 100 / sp;
    if (place === 1) {
      this.#spWins++;
      // Dead-heat rule: the stake is split between the n runners placed first (SP / n - 1).
      this.#profit += Math.round(sp * SPLIT_BASE / Math.max(1, winners)) - PL_SCALE;
    } else {
      this.#profit -= PL_SCALE;
    }
  }

  /** The figures of the runs counted so far (A/E and P/L 0 when no run had an SP). */
  figures(): AnalysisFigures {
    const [first, second, third, fourth] = this.places as [number, number, number, number];
    const cents = Math.sign(this.#profit) *
      Math.floor((Math.abs(this.#profit) + SPLIT_BASE / 2) / SPLIT_BASE);
    return {
      runs: this.runs,
      "1st": first,
      "2nd": second,
      "3rd": third,
      "4th": fourth,
      "a/e": this.#expected > 0 ? roundHalfAway(this.#spWins / this.#expected) : 0,
      "win_%": this.runs ? roundHalfAway(first / this.runs) : 0,
      "1_pl": this.#spRuns ? cents / 100 + 0 : 0,
    };
  }
}
