/**
 * One payload kind's share of `deno task bench`: parse, validate and transform its pages
 * several times and give ms per 1,000 runners per stage. Runs inside a worker
 * (bench_transform_worker.ts), so each kind meets freshly compiled code, as each function
 * meets its own isolate.
 *
 * @module
 */
import { parseApiPayload } from "../supabase/functions/_shared/racing_api/parse_payload.ts";
import { RacecardsProPageSchema } from "../supabase/functions/_shared/racing_api/racecard_schemas.ts";
import { ResultsPageSchema } from "../supabase/functions/_shared/racing_api/result_schemas.ts";
import { parseJsonWithoutOdds } from "../supabase/functions/_shared/racing_api/skip_odds.ts";
import { DEFAULT_REGION_CODES } from "../supabase/functions/_shared/regions.ts";
import { racecardsPageToRows } from "../supabase/functions/_shared/transform/racecard.ts";
import { resultsPageToRows } from "../supabase/functions/_shared/transform/result.ts";

/** Milliseconds per 1,000 runners, per stage. */
export interface StageMs {
  parse: number;
  validate: number;
  transform: number;
  total: number;
}

/** Figures for one payload kind. */
export interface BenchFigure {
  payload: string;
  pages: number;
  races: number;
  runners: number;
  /** Payload size in MB (UTF-16 length of the body / 1e6, close to bytes for this ASCII text). */
  megabytes: number;
  iterations: number;
  msPer1000Runners: StageMs;
}

/**
 * What is measured: pro racecards as the functions parse them (getRacecardsPro skips the odds,
 * which no table stores), the same pages as replay reads them (every price parsed and
 * validated), and results pages.
 */
export const MEASURED_KINDS = ["racecards", "racecards with odds", "results"] as const;

/** A measured payload kind. */
export type MeasuredKind = typeof MEASURED_KINDS[number];

/** What a worker is asked to measure. */
export interface MeasureRequest {
  kind: MeasuredKind;
  bodies: readonly string[];
  iterations: number;
  warmup: number;
}

const LABELS: Record<MeasuredKind, string> = {
  "racecards": "racecards (pro)",
  "racecards with odds": "racecards (pro), odds kept",
  "results": "results",
};

/** Measures one kind's pages (see MeasureRequest). */
export function measureKind(request: MeasureRequest): BenchFigure {
  const { kind, bodies, iterations, warmup } = request;
  const regions = [...DEFAULT_REGION_CODES];
  if (kind === "results") {
    return measure(LABELS[kind], bodies, iterations, warmup, (json) => {
      const page = parseApiPayload(ResultsPageSchema, json, "results page");
      return {
        count: () => countRaces(page.results ?? []),
        transform: () => resultsPageToRows(page, { regions }),
      };
    });
  }
  const stages = (json: unknown) => {
    const page = parseApiPayload(RacecardsProPageSchema, json, "racecards page");
    return {
      count: () => countRaces(page.racecards),
      transform: () => racecardsPageToRows(page, { regions }),
    };
  };
  const parse = kind === "racecards" ? parseJsonWithoutOdds : JSON.parse;
  return measure(LABELS[kind], bodies, iterations, warmup, stages, parse);
}

function countRaces(races: readonly { runners: readonly unknown[] }[]): [number, number] {
  let runners = 0;
  for (const race of races) runners += race.runners.length;
  return [races.length, runners];
}

interface Validated {
  count(): [number, number];
  transform(): unknown;
}

function measure(
  payload: BenchFigure["payload"],
  bodies: readonly string[],
  iterations: number,
  warmup: number,
  validate: (json: unknown) => Validated,
  parse: (text: string) => unknown = JSON.parse,
): BenchFigure {
  let races = 0;
  let runners = 0;
  let characters = 0;
  for (const body of bodies) {
    const [raceCount, runnerCount] = validate(parse(body)).count();
    races += raceCount;
    runners += runnerCount;
    characters += body.length;
  }
  const spent = { parse: 0, validate: 0, transform: 0 };
  let sink = 0;
  for (let pass = 0; pass < warmup + iterations; pass++) {
    const measured = pass >= warmup;
    for (const body of bodies) {
      const t0 = performance.now();
      const json = parse(body);
      const t1 = performance.now();
      const validated = validate(json);
      const t2 = performance.now();
      const rows = validated.transform();
      const t3 = performance.now();
      if (rows !== null) sink += 1;
      if (measured) {
        spent.parse += t1 - t0;
        spent.validate += t2 - t1;
        spent.transform += t3 - t2;
      }
    }
  }
  // Keeps the work observable, so no pass can be optimised away.
  if (sink < 0) throw new Error("unreachable");
  const per1000 = (ms: number) => runners === 0 ? 0 : round2((ms / iterations) * 1000 / runners);
  const stages = {
    parse: per1000(spent.parse),
    validate: per1000(spent.validate),
    transform: per1000(spent.transform),
    total: per1000(spent.parse + spent.validate + spent.transform),
  };
  return {
    payload,
    pages: bodies.length,
    races,
    runners,
    megabytes: round2(characters / 1e6),
    iterations,
    msPer1000Runners: stages,
  };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
