/**
 * Runs a race: the betting market (forecast and starting prices), finishing order, non-finishers,
 * beaten distances, times, prizes, tote returns and in-running comments. Pure in the race.
 * @module
 */

import { COMMENT_EARLY, COMMENT_LATE, COMMENT_MIDDLE } from "./name_lists.ts";
import type { Entry, Race } from "./race_model.ts";
import { fractionDecimal, FRACTIONS, nearestFractionIndex, snapMargin } from "./racing_formats.ts";
import { SeededRandom, tagOf } from "./seeded_random.ts";

/** Market view of one declared runner. */
export interface MarketPrice {
  entry: Entry;
  /** Win probability implied by the final market (0 for non-runners). */
  probability: number;
  /** Index in FRACTIONS of the starting price. */
  spIndex: number;
}

/** The outcome for one runner that took part. */
export interface RunnerOutcome {
  entry: Entry;
  /** "1", "2", … or a non-finish code ("PU", "F", "UR", "BD", "RO", "RR", "SU", "NR"). */
  position: string;
  finished: boolean;
  /** Lengths behind the horse in front and behind the winner (finishers only). */
  btn: number | null;
  ovrBtn: number | null;
  seconds: number | null;
  spIndex: number;
  /** "F", "J", "C" or "". */
  favourite: string;
  prize: number;
  comment: string;
  rpr: number | null;
  tsr: number | null;
  bsp: number;
}

/** The settled race. */
export interface RaceOutcome {
  runners: RunnerOutcome[];
  winnerSeconds: number;
  standardSeconds: number;
  nonRunners: Entry[];
  comments: string;
  tote: {
    win: number;
    places: number[];
    exacta: number;
    csf: number;
    tricast: number | null;
    trifecta: number | null;
  };
}

const NON_FINISH_RATES: Readonly<Record<string, readonly [string, number][]>> = {
  Chase: [["F", 0.04], ["UR", 0.03], ["PU", 0.08], ["RO", 0.004], ["RR", 0.002]],
  Hurdle: [["F", 0.02], ["UR", 0.015], ["PU", 0.07], ["RO", 0.003], ["SU", 0.001]],
  "NH Flat": [["PU", 0.012], ["RO", 0.002]],
  Flat: [["UR", 0.003], ["PU", 0.002], ["SU", 0.001], ["RR", 0.001]],
};

const NON_FINISH_COMMENT: Readonly<Record<string, string>> = {
  F: "Fell",
  UR: "Unseated rider",
  PU: "Pulled up",
  BD: "Brought down",
  RO: "Ran out",
  RR: "Refused to race",
  SU: "Slipped up",
  NR: "Withdrawn at the start",
};

/** Ability net of weight carried: a pound of weight costs about a point of rating. */
function effective(entry: Entry): number {
  return entry.rating - entry.lbs;
}

/** Seconds per furlong on good ground, by race type and surface. */
function standardPace(race: Race): number {
  if (race.type === "Chase") return 14.6;
  if (race.type === "Hurdle" || race.type === "NH Flat") return 14.1;
  return race.surface === "AW" ? 12.35 : 12.1;
}

function goingPenalty(going: string): number {
  const g = going.toLowerCase();
  if (g.includes("heavy")) return 1.09;
  if (g.includes("soft") || g.includes("yielding") || g.includes("slow") || g.includes("muddy")) {
    return 1.045;
  }
  if (g.includes("firm") || g.includes("fast")) return 0.985;
  return 1.01;
}

/** The final betting market of a race: probabilities and starting prices of declared runners. */
export function marketOf(race: Race): MarketPrice[] {
  const rng = new SeededRandom(race.seedHash ^ tagOf("market"));
  const spread = race.code === "jumps" ? 10.5 : 8.5;
  const strengths = race.entries.map((
    e,
  ) => (e.nonRunner ? -Infinity : effective(e) + rng.normal() * 4));
  const top = Math.max(...strengths);
  const raw = strengths.map((s) => (s === -Infinity ? 0 : Math.exp((s - top) / spread)));
  const total = raw.reduce((a, b) => a + b, 0) || 1;
  const overround = 1.12 + race.entries.length * 0.008;
  return race.entries.map((entry, i) => {
    const probability = (raw[i] as number) / total;
    const decimal = probability > 0 ? Math.min(251, 1 / (probability * overround)) : 251;
    return { entry, probability, spIndex: Math.max(3, nearestFractionIndex(decimal)) };
  });
}

function pickComment(rng: SeededRandom, position: number, field: number): string {
  const early = rng.pick(COMMENT_EARLY);
  const middle = rng.pick(COMMENT_MIDDLE);
  let late: string;
  if (position === 1) {
    late = rng.pick([
      "led final 110yds",
      "ridden clear final furlong",
      "held on gamely",
      "led over 1f out, ran on",
    ]);
  } else if (position <= 3) {
    late = rng.pick([
      "kept on",
      "ran on final furlong",
      "every chance, no extra near finish",
      "stayed on",
    ]);
  } else if (position > field * 0.7) {
    late = rng.pick(["weakened", "never dangerous", "no impression", "beaten when eased"]);
  } else late = rng.pick(COMMENT_LATE);
  return `${early} - ${middle} - ${late}`;
}

/** Settles a race (deterministic from the race alone). */
export function settleRace(race: Race): RaceOutcome {
  const rng = new SeededRandom(race.seedHash ^ tagOf("result"));
  const market = marketOf(race);
  const starters = market.filter((m) => !m.entry.nonRunner);
  // Rarely a declared runner is withdrawn at the start and still listed in the result.
  const lateWithdrawal = starters.length > 5 && rng.chance(0.015)
    ? starters[rng.int(0, starters.length - 1)]
    : undefined;
  const sigma = race.code === "jumps" ? 11 : 9;
  const runners = starters.filter((m) => m !== lateWithdrawal).map((m) => {
    let code = "";
    for (const [c, p] of NON_FINISH_RATES[race.type] ?? []) {
      if (rng.chance(p)) {
        code = c;
        break;
      }
    }
    return { m, code, performance: effective(m.entry) + rng.normal() * sigma };
  });
  if (race.code === "jumps" && runners.some((r) => r.code === "F")) {
    for (const r of runners) if (!r.code && rng.chance(0.015)) r.code = "BD";
  }
  if (runners.every((r) => r.code)) (runners[0] as { code: string }).code = "";
  const finishers = runners.filter((r) => !r.code).sort((a, b) => b.performance - a.performance);
  const nonFinishers = runners.filter((r) => r.code);

  const furlongs = race.yards / 220;
  const standardSeconds = Math.round(furlongs * standardPace(race) * 100) / 100;
  const winnerSeconds =
    Math.round(standardSeconds * goingPenalty(race.going) * (1 + rng.normal() * 0.012) * 100) / 100;
  const secondsPerLength = race.code === "jumps" ? 0.2 : 0.17;
  const lengthsPerPoint = 0.28 * Math.sqrt(furlongs / 8);

  const placeShares = [1, 0.38, 0.19, 0.095, 0.048, 0.024];
  const paidPlaces = race.entries.length >= 12 && race.handicap
    ? 6
    : race.entries.length >= 8
    ? 4
    : 3;
  const minSp = Math.min(...starters.map((s) => s.spIndex));
  const favourites = starters.filter((s) => s.spIndex === minSp).length;
  const favouriteMark = favourites === 1 ? "F" : favourites === 2 ? "J" : "C";

  const outcomes: RunnerOutcome[] = [];
  let ovr = 0;
  let position = 0;
  const deadHeat = finishers.length > 3 && rng.chance(0.004);
  finishers.forEach((r, i) => {
    let btn = 0;
    if (i > 0) {
      const prev = finishers[i - 1] as { performance: number };
      btn = i === 1 && deadHeat ? 0 : snapMargin(
        Math.max(0.05, (prev.performance - r.performance) * lengthsPerPoint + rng.next() * 0.3),
      );
    }
    ovr += btn;
    position = i === 1 && deadHeat ? 1 : i + 1;
    const share = placeShares[position - 1];
    const prize = share !== undefined && position <= paidPlaces
      ? Math.round(race.prize * share * (position === 1 ? 1 : 0.97 + rng.next() * 0.05) * 100) / 100
      : 0;
    const rpr = Math.max(
      1,
      Math.round(r.m.entry.rating + (r.performance - effective(r.m.entry)) * 0.6 - ovr * 0.8),
    );
    outcomes.push({
      entry: r.m.entry,
      position: String(position),
      finished: true,
      btn,
      ovrBtn: Math.round(ovr * 100) / 100,
      seconds: winnerSeconds + ovr * secondsPerLength,
      spIndex: r.m.spIndex,
      favourite: r.m.spIndex === minSp ? favouriteMark : "",
      prize,
      comment: pickComment(rng, position, finishers.length) +
        (rng.chance(0.3) ? `(op ${opening(r.m.spIndex, rng)})` : ""),
      rpr: rng.chance(0.06) ? null : rpr,
      tsr: rng.chance(0.25) ? null : Math.max(1, rpr - rng.int(5, 30)),
      bsp: bspOf(r.m.spIndex, rng),
    });
  });
  for (const r of nonFinishers) {
    outcomes.push({
      entry: r.m.entry,
      position: r.code,
      finished: false,
      btn: null,
      ovrBtn: null,
      seconds: null,
      spIndex: r.m.spIndex,
      favourite: r.m.spIndex === minSp ? favouriteMark : "",
      prize: 0,
      comment: `${rng.pick(COMMENT_EARLY)} - ${NON_FINISH_COMMENT[r.code]} ${
        race.code === "jumps"
          ? rng.pick(["4th", "7th", "3 out", "2 out", "before last"])
          : "over 2f out"
      }`,
      rpr: null,
      tsr: null,
      bsp: bspOf(r.m.spIndex, rng),
    });
  }
  if (lateWithdrawal) {
    outcomes.push({
      entry: lateWithdrawal.entry,
      position: "NR",
      finished: false,
      btn: null,
      ovrBtn: null,
      seconds: null,
      spIndex: -1,
      favourite: "",
      prize: 0,
      comment: NON_FINISH_COMMENT["NR"] as string,
      rpr: null,
      tsr: null,
      bsp: 0,
    });
  }

  const winnerDecimal = fractionDecimal((outcomes[0] as RunnerOutcome).spIndex);
  const secondDecimal = outcomes[1]?.finished
    ? fractionDecimal((outcomes[1] as RunnerOutcome).spIndex)
    : 3;
  const thirdDecimal = outcomes[2]?.finished
    ? fractionDecimal((outcomes[2] as RunnerOutcome).spIndex)
    : 4;
  const placesPaid = race.entries.length < 5
    ? 1
    : race.entries.length < 8
    ? 2
    : race.entries.length >= 16 && race.handicap
    ? 4
    : 3;
  const places = outcomes.filter((o) => o.finished).slice(0, placesPaid).map((o) =>
    Math.max(1.05, 1 + (fractionDecimal(o.spIndex) - 1) / 4.5 * (0.75 + rng.next() * 0.7))
  );
  const win = Math.max(1.1, winnerDecimal * (0.85 + rng.next() * 0.5));
  const exacta = Math.max(2, winnerDecimal * secondDecimal * (0.7 + rng.next() * 0.8));
  const csf = Math.max(2, winnerDecimal * secondDecimal * 0.82);
  const bigField = race.entries.length >= 8;
  return {
    runners: outcomes,
    winnerSeconds,
    standardSeconds,
    nonRunners: race.entries.filter((e) => e.nonRunner),
    comments: rng.chance(0.02) ? rng.pick(["Stewards' enquiry", "New course record"]) : "",
    tote: {
      win,
      places,
      exacta,
      csf,
      tricast: race.handicap && bigField ? csf * thirdDecimal * 0.9 : null,
      trifecta: bigField && rng.chance(0.8) ? exacta * thirdDecimal * (0.6 + rng.next()) : null,
    },
  };
}

function opening(spIndex: number, rng: SeededRandom): string {
  const index = Math.min(FRACTIONS.length - 1, spIndex + rng.int(1, 4));
  const [n, d] = FRACTIONS[index] as readonly [number, number];
  return n === d ? "evens" : `${n}/${d}`;
}

function bspOf(spIndex: number, rng: SeededRandom): number {
  const sp = spIndex >= 0 ? fractionDecimal(spIndex) : 10;
  return Math.max(1.01, Math.round(sp * Math.exp(rng.normal() * 0.18) * 1.06 * 100) / 100);
}
