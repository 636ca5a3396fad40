/**
 * Benchmark of the CPU side of a sync: JSON parse + zod validation + transform, per 1,000
 * runners, for pro racecard pages and results pages as the simulator serves them. `deno task
 * bench` calls `benchTransforms()` and prints `formatBenchFigures()`.
 *
 * Deno has no per-process CPU clock, so figures are wall time (`performance.now()`) on one
 * thread with nothing else running, after warm-up: on an idle machine that is CPU time.
 *
 * @module
 */
import { startSimulator } from "../dev/simulator/server.ts";
import { DEFAULT_REGION_CODES } from "../supabase/functions/_shared/regions.ts";
import { type BenchFigure, MEASURED_KINDS, type MeasureRequest } from "./bench_measure.ts";

export type { BenchFigure, StageMs } from "./bench_measure.ts";

/** The CPU budget the design sets for parse + validate + transform, per 1,000 runners. */
export const TRANSFORM_BUDGET_MS_PER_1000_RUNNERS = 20;

/** Everything `benchTransforms()` measured. */
export interface BenchFigures {
  figures: BenchFigure[];
  /** How the figures were taken (clock, warm-up), for the printout. */
  method: string;
}

/** Options of `benchTransforms`. */
export interface BenchOptions {
  /**
   * Simulator world seed.
   * @default 11
   */
  seed?: number;
  /**
   * Racing dates whose pro racecard pages are measured (one page of up to 500 cards each).
   * @default ten Saturdays and Wednesdays of spring 2025
   */
  racecardDates?: readonly string[];
  /**
   * Results date range (paged by 100 races).
   * @default 2025-03-01 to 2025-05-31
   */
  resultsRange?: { start: string; end: string };
  /**
   * Most results pages measured.
   * @default 8
   */
  maxResultsPages?: number;
  /**
   * Measured passes over all pages (after `warmup` unmeasured ones).
   * @default 5
   */
  iterations?: number;
  /** @default 2 */
  warmup?: number;
}

const DEFAULT_RACECARD_DATES = [
  "2025-04-05",
  "2025-04-09",
  "2025-04-12",
  "2025-04-16",
  "2025-04-19",
  "2025-04-23",
  "2025-04-26",
  "2025-05-03",
  "2025-05-07",
  "2025-05-10",
];
/** The simulator's clock: after every default date, so every result exists. */
const SIMULATOR_NOW = "2025-06-20T21:00:00Z";
const RESULTS_PAGE_LIMIT = 100;

/** Fetches pages from a simulator and measures parse + validate + transform per 1,000 runners. */
export async function benchTransforms(options: BenchOptions = {}): Promise<BenchFigures> {
  const {
    seed = 11,
    racecardDates = DEFAULT_RACECARD_DATES,
    resultsRange = { start: "2025-03-01", end: "2025-05-31" },
    maxResultsPages = 8,
    iterations = 5,
    warmup = 2,
  } = options;
  if (!(iterations >= 1) || !(warmup >= 0)) {
    throw new RangeError(
      `Cannot bench transforms: 'iterations' must be ≥ 1 and 'warmup' ≥ 0: current values are ` +
        `${iterations} and ${warmup}`,
    );
  }
  const simulator = await startSimulator({
    seed,
    plan: "pro",
    username: "demo",
    password: "demo",
    rateScale: 0,
    now: () => new Date(SIMULATOR_NOW),
  });
  let racecardBodies: string[];
  let resultBodies: string[];
  try {
    const get = pageFetcher(simulator.baseUrl);
    racecardBodies = [];
    for (const date of racecardDates) {
      racecardBodies.push(
        await get("/v1/racecards/pro", [["date", date], ...regionPairs("region_codes")]),
      );
    }
    resultBodies = [];
    for (let skip = 0; resultBodies.length < maxResultsPages; skip += RESULTS_PAGE_LIMIT) {
      const body = await get("/v1/results", [
        ["start_date", resultsRange.start],
        ["end_date", resultsRange.end],
        ...regionPairs("region"),
        ["limit", String(RESULTS_PAGE_LIMIT)],
        ["skip", String(skip)],
      ]);
      const page = JSON.parse(body) as { results: unknown[] | null; total: number };
      if ((page.results ?? []).length === 0) break;
      resultBodies.push(body);
      if (skip + RESULTS_PAGE_LIMIT >= page.total) break;
    }
  } finally {
    await simulator.close();
  }

  // Each kind in its own worker, as each function runs in its own isolate: code warmed on one
  // payload shape would otherwise run slower on the next.
  const figures: BenchFigure[] = [];
  for (const kind of MEASURED_KINDS) {
    const bodies = kind === "results" ? resultBodies : racecardBodies;
    figures.push(await measureInWorker({ kind, bodies, iterations, warmup }));
  }
  return {
    figures,
    method: `wall time of performance.now() on one thread (Deno has no per-process CPU ` +
      `clock; it equals CPU time only on an idle machine: 1-minute load average was ` +
      `${Deno.loadavg()[0]?.toFixed(2)} on ${navigator.hardwareConcurrency} CPUs), mean of ` +
      `${iterations} passes after ${warmup} warm-up passes, each payload kind in a worker of its own`,
  };
}

function regionPairs(name: string): [string, string][] {
  return DEFAULT_REGION_CODES.map((code) => [name, code]);
}

function pageFetcher(baseUrl: string) {
  const authorization = `Basic ${btoa("demo:demo")}`;
  return async (path: string, query: [string, string][]): Promise<string> => {
    const url = `${baseUrl}${path}?${new URLSearchParams(query)}`;
    const response = await fetch(url, { headers: { authorization } });
    const body = await response.text();
    if (!response.ok) {
      throw new Error(`Cannot fetch ${path} from the simulator: status ${response.status}`);
    }
    return body;
  };
}

/** Runs one kind's measurement in a fresh worker and returns its figure. */
function measureInWorker(request: MeasureRequest): Promise<BenchFigure> {
  const worker = new Worker(new URL("./bench_transform_worker.ts", import.meta.url), {
    type: "module",
  });
  return new Promise<BenchFigure>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<BenchFigure>) => resolve(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      reject(new Error(`the ${request.kind} bench worker failed: ${event.message}`));
    };
    worker.postMessage(request);
  }).finally(() => worker.terminate());
}

/** Formats the figures as a small text table with the budget and the method. */
export function formatBenchFigures(bench: BenchFigures): string {
  const header = ["payload", "pages", "races", "runners", "MB", "parse", "validate", "transform"]
    .concat(["total", "budget"]);
  const rows = bench.figures.map((figure) => {
    const ms = figure.msPer1000Runners;
    const within = ms.total <= TRANSFORM_BUDGET_MS_PER_1000_RUNNERS ? "ok" : "OVER";
    return [
      figure.payload,
      String(figure.pages),
      String(figure.races),
      String(figure.runners),
      figure.megabytes.toFixed(1),
      ms.parse.toFixed(2),
      ms.validate.toFixed(2),
      ms.transform.toFixed(2),
      ms.total.toFixed(2),
      `${within} (≤ ${TRANSFORM_BUDGET_MS_PER_1000_RUNNERS})`,
    ];
  });
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length))
  );
  const line = (cells: string[]) =>
    cells.map((cell, column) =>
      column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)
    )
      .join("  ");
  return [
    "Parse + validate + transform, ms per 1,000 runners",
    line(header),
    ...rows.map(line),
    `Measured as ${bench.method}.`,
  ].join("\n");
}

if (import.meta.main) {
  console.log(formatBenchFigures(await benchTransforms()));
}
