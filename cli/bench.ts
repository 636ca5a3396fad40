/**
 * `deno task bench`: figures for this machine, printed, never asserted.
 *
 * 1. Transforms: CPU ms per 1,000 runners to parse, validate and transform results and pro
 *    racecard pages (cli/bench_transform.ts).
 * 2. Writer: runner rows written per second into local Postgres, for a day and a month.
 * 3. Backfill: a simulated backfill (365 days by default) of results and racecards through the
 *    real function handlers, at the vendor's rates times --rate-scale: wall time ÷ floor (API
 *    calls ÷ allowed rate), results calls ÷ minimum (races ÷ 100, rounded up), archived raw
 *    bytes per day.
 * 4. Enrichment: horse profiles asked per second ÷ the allowed rate, draining the horses the
 *    backfill left without a profile.
 * The simulator answers every request after --latency-ms (400 by default, about the real API's):
 * the rate must be used even when each answer takes that long.
 */
import { parseArgs } from "node:util";
import postgres from "postgres";
import { ukDate } from "../supabase/functions/_shared/clock.ts";
import { MAX_GLOBAL_RATE } from "../supabase/functions/_shared/sync/rates.ts";
import { startPostgres } from "../dev/stack/postgres.ts";
import { backfillBench, enrichmentBench } from "./bench_backfill.ts";
import { oddsBench } from "./bench_odds.ts";
import { freshDatabase, startSimulatorProcess } from "./bench_stack.ts";
import { benchStatistics, DEFAULT_STATS_HISTORY } from "./bench_stats.ts";
import { benchTransforms, formatBenchFigures } from "./bench_transform.ts";
import { writerThroughput } from "./bench_writer.ts";
import { runCommand, UsageError } from "./terminal.ts";

const HELP = `deno task bench [--days 365] [--rate-scale 1] [--cpu-budget-ms n] [--latency-ms 400]
  [--skip-backfill] [--skip-transforms] [--skip-odds]
deno task bench --odds
deno task bench --stats [--years 10]

Prints, for this machine: transform CPU per 1,000 runners; runner rows written per second into a
local PostgreSQL for a day and a month; and a simulated backfill of --days days of results and
racecards through the function handlers at the vendor's rates times --rate-scale (global cap
${MAX_GLOBAL_RATE}/s): wall ÷ floor, results calls ÷ minimum, raw archive bytes per day; then
horse profiles asked per second ÷ the allowed rate while enrich-horses drains the horses left
without a profile. The simulator delays every answer by --latency-ms (default 400, about the
real API's).
--cpu-budget-ms sets RA_CPU_BUDGET_MS for the backfill (default: high, so the figure measures
how fully the API rate is used; 600 is the functions' default on Supabase).
Starts its own PostgreSQL and simulator and stops them at the end.

Section 5 (alone with --odds, left out with --skip-odds): one simulated GB/IRE race day of odds
driven by minute ticks on a virtual clock: prices of each race's last 30 minutes captured by
polling, API calls per race, delay from a price change to its row, history bytes per runner, one
tick's measured CPU and the racecard CPU per 1,000 runners with prices kept (docs/odds.md).

--stats runs the statistics bench alone: a simulated history of --years years (36 races a day:
about 130,000 races and 1.3 M runners for 10 years) generated in a fresh database with
generate_series, then the full refresh of every statistic, the incremental refresh after one more
racing day of 40 races, a rerun, the read of one day's ra_runner_statistics and the size of each
statistics table (targets: full ≤ 60 s, incremental ≤ 3 s, read ≤ 200 ms; printed, not asserted).`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      days: { type: "string", default: "365" },
      "rate-scale": { type: "string", default: "1" },
      "cpu-budget-ms": { type: "string", default: "3600000" },
      "latency-ms": { type: "string", default: "400" },
      "skip-backfill": { type: "boolean", default: false },
      "skip-transforms": { type: "boolean", default: false },
      stats: { type: "boolean", default: false },
      odds: { type: "boolean", default: false },
      "skip-odds": { type: "boolean", default: false },
      years: { type: "string", default: String(DEFAULT_STATS_HISTORY.years) },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const days = Number(values.days);
  const rateScale = Number(values["rate-scale"]);
  if (!Number.isInteger(days) || days < 1 || days > 365) {
    throw new UsageError("--days must be a whole number from 1 to 365");
  }
  if (!(rateScale > 0)) throw new UsageError("--rate-scale must be a positive number");
  const cpuBudgetMs = Number(values["cpu-budget-ms"]);
  if (!Number.isInteger(cpuBudgetMs) || cpuBudgetMs < 1) {
    throw new UsageError("--cpu-budget-ms must be a positive whole number");
  }
  const latencyMs = Number(values["latency-ms"]);
  if (!Number.isInteger(latencyMs) || latencyMs < 0) {
    throw new UsageError("--latency-ms must be a whole number of milliseconds, 0 or more");
  }
  const load = await Deno.readTextFile("/proc/loadavg").catch(() => "?");
  console.log(`bench on ${navigator.hardwareConcurrency} CPUs, load ${load.split(" ")[0]}`);
  if (values.stats) {
    const years = Number(values.years);
    if (!(years > 0 && years <= 20)) throw new UsageError("--years must be a number from 0 to 20");
    return await statisticsBench(years);
  }
  if (values.odds) return await oddsSection();

  if (!values["skip-transforms"]) {
    console.log("\n1. Parse + validate + transform");
    console.log(formatBenchFigures(await benchTransforms()));
  }
  const pg = await startPostgres();
  const sim = await startSimulatorProcess(rateScale, latencyMs);
  console.log(`simulated API latency: ${latencyMs} ms per answer`);
  try {
    const today = ukDate(new Date());
    console.log("\n2. Writer throughput (results pages into local PostgreSQL 15)");
    for (const line of await writerThroughput(pg, sim, today)) console.log(line);
    if (!values["skip-backfill"]) {
      console.log(`\n3. Simulated backfill through the function handlers`);
      const figures = await backfillBench(pg, sim, today, days, rateScale, cpuBudgetMs);
      for (const line of figures.lines) console.log(line);
      console.log(`\n4. Enrichment of the horses the backfill left without a profile`);
      for (const line of await enrichmentBench(figures.env)) console.log(line);
    }
    if (!values["skip-odds"]) {
      console.log(`\n5. Odds: a race day of minute ticks`);
      for (const line of await oddsBench(pg)) console.log(line);
    }
  } finally {
    await sim.stop();
    await pg.stop();
  }
  return 0;
}

/** `--odds`: section 5 alone, in a PostgreSQL of its own. */
async function oddsSection(): Promise<number> {
  const pg = await startPostgres();
  try {
    console.log(`\n5. Odds: a race day of minute ticks`);
    for (const line of await oddsBench(pg)) console.log(line);
  } finally {
    await pg.stop();
  }
  return 0;
}

/** `--stats`: the statistics refreshes on a simulated history, in a PostgreSQL of their own. */
async function statisticsBench(years: number): Promise<number> {
  const pg = await startPostgres();
  try {
    const url = await freshDatabase(pg, "bench_statistics");
    const sql = postgres(url, { max: 1, onnotice: () => {}, prepare: false });
    try {
      console.log(`\n6. Statistics on a simulated history of ${years} years`);
      await benchStatistics(
        sql,
        ukDate(new Date()),
        { ...DEFAULT_STATS_HISTORY, years },
        (line) => console.log(line),
      );
    } finally {
      await sql.end();
    }
  } finally {
    await pg.stop();
  }
  return 0;
}

if (import.meta.main) await runCommand(main);
